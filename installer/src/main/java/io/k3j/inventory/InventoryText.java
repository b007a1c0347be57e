package io.k3j.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of an inventory file: a readable regular file of at most {@value #LARGEST} bytes, in
 * UTF-8 (a byte-order mark is dropped). Anything else is one problem, at the place when there is one.
 */
final class InventoryText {
    /** An inventory of 24 workers is about 3 KB; a megabyte is no inventory. */
    static final int LARGEST = 1024 * 1024;

    private InventoryText() {
    }

    static Optional<String> read(Path file, Problems problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.add(Position.START, "", "is a directory; give the inventory file in it (such as inventory.yaml)");
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                problems.add(Position.START, "", Files.exists(file) ? "is not a regular file" : "no such file");
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > LARGEST) {
                problems.add(Position.START, "", "is " + size + " bytes; an inventory is at most " + LARGEST + " (1 MiB)");
                return Optional.empty();
            }
            return decode(Files.readAllBytes(file), problems);
        } catch (NoSuchFileException e) {
            problems.add(Position.START, "", "no such file");
        } catch (AccessDeniedException e) {
            problems.add(Position.START, "", "cannot read it: permission denied");
        } catch (IOException e) {
            problems.add(Position.START, "", "cannot read it: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Strict UTF-8: the first byte that is not, with its line and column, instead of a replacement character. */
    static Optional<String> decode(byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            problems.add(positionAfter(out), "", String.format("not UTF-8 (byte 0x%02x at offset %d): an inventory is "
                    + "a UTF-8 text file", bytes[in.position()] & 0xff, in.position()));
            return Optional.empty();
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** The line and column just after {@code text}: where the next character would stand. */
    static Position positionAfter(CharSequence text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }
}
