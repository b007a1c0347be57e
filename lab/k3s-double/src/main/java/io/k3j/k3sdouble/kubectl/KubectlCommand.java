package io.k3j.k3sdouble.kubectl;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code k3s kubectl get nodes [-o wide|json]}: the kubeconfig from {@code --kubeconfig}, then
 * KUBECONFIG, then /etc/rancher/k3s/k3s.yaml (K3s' embedded kubectl defaults to it), with the
 * client certificate it holds; so it works from the operator's machine with the kubeconfig the
 * installer writes, too.
 */
public final class KubectlCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public KubectlCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public int run(List<String> args) throws InterruptedException {
        List<String> words = new ArrayList<>();
        String kubeconfig = environment.getOrDefault("KUBECONFIG", "/etc/rancher/k3s/k3s.yaml");
        String output = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--kubeconfig")) {
                kubeconfig = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(++i);
            } else if (arg.equals("-o") || arg.equals("--output")) {
                output = args.get(++i);
            } else if (arg.startsWith("-o")) {
                output = arg.substring(2).replaceFirst("^=", "");
            } else if (arg.startsWith("--output=")) {
                output = arg.substring("--output=".length());
            } else {
                words.add(arg);
            }
        }
        if (!words.equals(List.of("get", "nodes")) && !words.equals(List.of("get", "node"))) {
            err.println("error: the K3s double's kubectl knows only 'get nodes' (see docs/k3s-double.md)");
            return 1;
        }
        if (!Files.isReadable(Path.of(kubeconfig))) {
            err.println("error: stat " + kubeconfig + ": no such file or directory");
            return 1;
        }
        KubeClient client;
        try {
            client = KubeClient.fromKubeconfig(Path.of(kubeconfig));
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try {
            HttpResponse<String> response = client.get("/api/v1/nodes");
            if (response.statusCode() == 401) {
                err.println("error: You must be logged in to the server (Unauthorized)");
                return 1;
            }
            return print(response.body(), output);
        } catch (IOException e) {
            err.println("The connection to the server " + client.server() + " was refused - did you specify the right host or port?");
            return 1;
        }
    }

    @SuppressWarnings("unchecked")
    private int print(String body, String output) {
        switch (output) {
            case "json" -> out.println(body);
            case "", "wide" -> {
                Map<String, Object> list = new Yaml(new SafeConstructor(new LoaderOptions())).load(body);
                List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
                if (items.isEmpty()) {
                    err.println("No resources found");
                } else {
                    out.print(NodeTable.render(items, output.equals("wide"), Instant.now()));
                }
            }
            default -> {
                err.println("error: unable to match a printer suitable for the output format \"" + output + "\"");
                return 1;
            }
        }
        return 0;
    }
}
