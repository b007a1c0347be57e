package io.k3j.k3sdouble;

import io.k3j.k3sdouble.agent.AgentCommand;
import io.k3j.k3sdouble.cli.CertificateCommand;
import io.k3j.k3sdouble.cli.TokenCommand;
import io.k3j.k3sdouble.server.Log;
import io.k3j.k3sdouble.server.ServerCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * The double's entry point, dispatching as the k3s multi-call binary does (pkg/cli/cmds):
 * {@code --version}, {@code server}, {@code agent}, {@code completion}, {@code token rotate},
 * {@code certificate check|rotate}. {@code kubectl} never gets
 * here: the shell stub hands it to the host's real kubectl (docs/k3s-double.md).
 */
public final class K3s {

    private K3s() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "--help" : args[0];
        switch (command) {
            case "--version", "-v", "version" -> {
                out.print(Version.ofThisBuild().text());
                return 0;
            }
            case "server" -> {
                try {
                    return new ServerCommand(new Log(err), System.getenv()).run(Arrays.asList(args).subList(1, args.length));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "completion" -> {
                try {
                    out.print(Completion.script(Arrays.asList(args).subList(1, args.length)));
                    return 0;
                } catch (IllegalArgumentException e) {
                    err.println("time=\"" + Instant.now() + "\" level=fatal msg=\"Error: " + e.getMessage() + "\"");
                    return 1;
                }
            }
            case "agent" -> {
                try {
                    return new AgentCommand(new Log(err), System.getenv()).run(Arrays.asList(args).subList(1, args.length));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "token" -> {
                try {
                    return new TokenCommand(new Log(err), out, System.getenv()).run(Arrays.asList(args).subList(1, args.length));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            case "certificate" -> {
                return new CertificateCommand(new Log(err), System.getenv(), Clock.systemUTC()).run(Arrays.asList(args).subList(1, args.length));
            }
            case "check-config", "etcd-snapshot" -> {
                err.println("time=\"" + Instant.now() + "\" level=fatal msg=\"the K3s double does not implement '"
                        + command + "' yet (see docs/k3s-double.md)\"");
                return 1;
            }
            default -> {
                out.println("NAME:\n   k3s - Kubernetes, but small and simple (the K3s double)\n\nUSAGE:\n   k3s [global options] "
                        + "command [command options] [arguments...]\n\nVERSION:\n   " + Version.ofThisBuild().withCommit());
                return command.equals("--help") || command.equals("-h") ? 0 : 1;
            }
        }
    }
}
