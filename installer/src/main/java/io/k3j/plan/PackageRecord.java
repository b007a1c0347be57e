package io.k3j.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The packages k3j-install installed on a host, one name a line in {@link Paths#INSTALLED_PACKAGES}:
 * apply adds what it installs, so a reset purges those and leaves every package that was there before.
 */
public final class PackageRecord {

    private PackageRecord() {
    }

    /** The names the record's text holds; a line that is no Debian package name is ignored (it was not ours). */
    public static Set<String> parse(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(PackageRecord::isName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The record with {@code added} joined to what it held ({@code text}, empty for none). */
    public static String with(String text, Collection<String> added) {
        Set<String> names = parse(text);
        names.addAll(added);
        return names.stream().map(name -> name + "\n").collect(Collectors.joining());
    }

    /** Debian policy's package name: lower-case letters, digits, + - . ; two or more, starting with a letter or digit. */
    private static boolean isName(String name) {
        return name.matches("[a-z0-9][a-z0-9+.-]+");
    }
}
