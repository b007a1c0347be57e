package io.k3j.k3sdouble.cli;

import io.k3j.k3sdouble.Version;
import io.k3j.k3sdouble.pki.CertificateReport;
import io.k3j.k3sdouble.pki.LeafFile;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import io.k3j.k3sdouble.server.Flags;
import io.k3j.k3sdouble.server.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code k3s certificate check} and {@code k3s certificate rotate} (pkg/cli/cert/cert.go), on the
 * leaf certificates the double keeps ({@link LeafFile}). A host with {@code <data-dir>/server} is a
 * server (all services), any other an agent (kubelet, kube-proxy, k3s-controller). {@code rotate}
 * is run with K3s stopped: it backs the files up to {@code tls-<unix time>}, deletes them, and the
 * next start issues new certificates with new keys (docs.k3s.io cli/certificate).
 */
public final class CertificateCommand {
    private final Log log;
    private final Map<String, String> environment;
    private final Clock clock;

    public CertificateCommand(Log log, Map<String, String> environment, Clock clock) {
        this.log = log;
        this.environment = environment;
        this.clock = clock;
    }

    public int run(List<String> args) {
        String subcommand = args.isEmpty() ? "" : args.get(0);
        Map<String, List<String>> flags = Flags.parse(args.subList(Math.min(1, args.size()), args.size()));
        Path dataDir = Path.of(first(flags, "data-dir", "d").orElse("/var/lib/rancher/k3s"));
        try {
            List<String> services = services(flags);
            switch (subcommand) {
                case "check" -> check(dataDir, services, first(flags, "output", "o").orElse("text"));
                case "rotate" -> rotate(dataDir, services);
                default -> {
                    log.fatal("Error: the K3s double has 'certificate check' and 'certificate rotate' only, not '" + subcommand
                            + "' (see docs/k3s-double.md)");
                    return 1;
                }
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            log.fatal("Error: " + e.getMessage());
            return 1;
        }
    }

    private void check(Path dataDir, List<String> chosen, String output) {
        if (!output.equals("text")) {
            throw new IllegalArgumentException("the K3s double prints 'certificate check' as text only, not " + output);
        }
        List<String> services = chosen.isEmpty() ? detected(dataDir, "checking") : chosen;
        List<CertificateReport.Entry> entries = new ArrayList<>();
        for (LeafFile file : LeafFile.values()) {
            Path certificate = file.certificate(dataDir);
            if (file.belongsTo(services) && Files.isReadable(certificate)) {
                try {
                    Pem.readCertificates(Files.readString(certificate))
                            .forEach(each -> entries.add(new CertificateReport.Entry(certificate.getFileName().toString(), each)));
                } catch (IOException | IllegalArgumentException e) {
                    // K3s skips a file it cannot read (logged at debug level)
                }
            }
        }
        int renewDays = RenewalPolicy.of(Version.ofThisBuild().version(), environment).renewDays();
        for (CertificateReport.Line line : CertificateReport.lines(entries, clock.instant(), renewDays)) {
            switch (line.level()) {
                case "error" -> log.error(line.message());
                case "warning" -> log.warn(line.message());
                default -> log.info(line.message());
            }
        }
    }

    private void rotate(Path dataDir, List<String> chosen) throws IOException {
        List<String> services = chosen.isEmpty() ? detected(dataDir, "rotating") : chosen;
        Path backup = backUp(dataDir, services);
        if (services.contains("k3s-server")) {
            log.info("Rotating dynamic listener certificate");
        }
        for (String service : services) {
            log.info("Rotating certificates for " + service);
        }
        for (LeafFile file : LeafFile.values()) {
            if (file.belongsTo(services)) {
                Files.deleteIfExists(file.certificate(dataDir));
                Files.deleteIfExists(file.key(dataDir));
            }
        }
        log.info("Successfully backed up certificates to " + backup + ", please restart k3s server or agent to rotate certificates");
    }

    /** backupCertificates: server/tls copied whole on a server, then the agent files being rotated; an agent's go to agent/. */
    private Path backUp(Path dataDir, List<String> services) throws IOException {
        String name = "tls-" + clock.instant().getEpochSecond();
        Path serverTls = dataDir.resolve("server/tls");
        Path backup = dataDir.resolve(Files.isDirectory(serverTls) ? "server" : "agent").resolve(name);
        Files.createDirectories(backup);
        if (Files.isDirectory(serverTls)) {
            try (Stream<Path> files = Files.list(serverTls)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, backup.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        for (LeafFile file : LeafFile.values()) {
            for (Path path : List.of(file.certificate(dataDir), file.key(dataDir))) {
                if (file.belongsTo(services) && path.startsWith(dataDir.resolve("agent")) && Files.exists(path)) {
                    Files.copy(path, backup.resolve(path.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return backup;
    }

    /** The services of this host: a server's data dir means all, else an agent's (logged as K3s logs it). */
    private List<String> detected(Path dataDir, String verb) {
        if (Files.isDirectory(dataDir.resolve("server"))) {
            log.info("Server detected, " + verb + " agent and server certificates");
            return LeafFile.SERVICES;
        }
        log.info("Agent detected, " + verb + " agent certificates");
        return LeafFile.AGENT_SERVICES;
    }

    /** {@code --service}/{@code -s}, repeated or comma-separated; each one K3s knows (validateCertConfig). */
    private static List<String> services(Map<String, List<String>> flags) {
        List<String> services = new ArrayList<>();
        Stream.concat(flags.getOrDefault("service", List.of()).stream(), flags.getOrDefault("s", List.of()).stream())
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).filter(value -> !value.isEmpty())
                .forEach(services::add);
        for (String service : services) {
            if (!LeafFile.SERVICES.contains(service)) {
                throw new IllegalArgumentException("service " + service + " is not recognized");
            }
        }
        return services;
    }

    private static java.util.Optional<String> first(Map<String, List<String>> flags, String name, String alias) {
        return Stream.of(name, alias).map(flags::get).filter(java.util.Objects::nonNull).map(values -> values.get(values.size() - 1))
                .findFirst();
    }
}
