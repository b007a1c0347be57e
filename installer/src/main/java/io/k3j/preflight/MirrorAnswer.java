package io.k3j.preflight;

import io.k3j.inventory.K3sVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What probe-release.sh.ftl reported from one host about the target release on the mirror, made
 * into the problems to show: each names the URL tried, what answered and what to do.
 */
public final class MirrorAnswer {

    private MirrorAnswer() {
    }

    public static List<PreflightProblem> problems(String host, K3sVersion target, ReleaseUrls urls, String output) {
        List<String> lines = output.lines().toList();
        String sums = lineOf(lines, "sums");
        String binary = lineOf(lines, "binary");
        List<PreflightProblem> problems = new ArrayList<>();
        String fix = "check that " + target + " is a K3s release (github.com/k3s-io/k3s/releases) and that the mirror "
                + "(k3s.mirror) holds it and is reachable from the host; or set k3s.version to a release it has";
        if (sums.startsWith("failed")) {
            problems.add(new PreflightProblem(host, "cannot get " + urls.sums() + ": " + answer(sums), fix));
        } else if (sums.equals("unlisted")) {
            problems.add(new PreflightProblem(host, urls.sums() + " does not list " + urls.binaryName(),
                    "the download would find no checksum for the binary: " + fix));
        } else if (!sums.equals("listed")) {
            problems.add(unreadable(host, output));
            return problems;
        }
        if (binary.startsWith("failed")) {
            problems.add(new PreflightProblem(host, "cannot get " + urls.binary() + ": " + answer(binary), fix));
        } else if (!binary.equals("ok")) {
            problems.add(unreadable(host, output));
        }
        return problems;
    }

    /** The rest of a line {@code "<file> <what>"}, or empty when the script printed no such line. */
    private static String lineOf(List<String> lines, String file) {
        return lines.stream().filter(line -> line.startsWith(file + " ")).findFirst()
                .map(line -> line.substring(file.length() + 1)).orElse("");
    }

    private static String answer(String failedLine) {
        String message = failedLine.substring("failed".length()).strip();
        return message.isEmpty() ? "curl failed without a message" : message;
    }

    private static PreflightProblem unreadable(String host, String output) {
        return new PreflightProblem(host, "the mirror check printed '" + output.strip() + "', not its two lines",
                "check that sh, curl and awk work on the host (the download needs them too)");
    }
}
