package io.k3j.apply;

import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Sha256;
import io.k3j.ssh.Tunnel;
import io.k3j.ssh.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A host that is only files in memory: uploads compared and written as SshHost does them, every script kept and run well. */
final class FilesHost implements RemoteHost {
    private record File(byte[] bytes, String mode, String owner) {
    }

    private final String name;
    private final Map<String, File> files = new HashMap<>();
    final List<Content> uploads = new ArrayList<>();
    final List<String> scripts = new ArrayList<>();

    FilesHost(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecResult run(RemoteCommand command) {
        scripts.add(new String(read(command.stdin()), StandardCharsets.UTF_8));
        return new ExecResult(0, "", "", Duration.ZERO);
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return Optional.ofNullable(files.get(path)).map(File::bytes);
    }

    @Override
    public UploadResult upload(String path, Content content, String mode, String owner) {
        uploads.add(content);
        File now = files.get(path);
        if (now != null && Sha256.of(now.bytes()).equals(content.sha256()) && now.mode().equals(mode) && now.owner().equals(owner)) {
            return UploadResult.UNCHANGED;
        }
        files.put(path, new File(read(content), mode, owner));
        return UploadResult.WRITTEN;
    }

    private static byte[] read(Content content) {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Tunnel tunnel(String host, int port) {
        throw new UnsupportedOperationException("no tunnel to a host of files");
    }

    @Override
    public void close() {
    }
}
