package io.k3j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rendered script run by a real {@code /bin/sh -s} (on standard input, as hosts run it), with fakes of the commands it calls. */
public record ShellRun(int exit, String output) {

    /** {@code script} run in {@code dir} with {@code bin} first on the PATH; its exit status and its output and errors together. */
    public static ShellRun run(Path dir, Path bin, String script) throws IOException, InterruptedException {
        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-s").directory(dir.toFile()).redirectErrorStream(true);
        shell.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = shell.start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ShellRun(process.waitFor(), output);
    }

    /** An executable fake command at {@code path}. */
    public static void fake(Path path, String script) throws IOException {
        Files.writeString(path, script);
        if (!path.toFile().setExecutable(true)) {
            throw new IOException("could not make " + path + " executable");
        }
    }
}
