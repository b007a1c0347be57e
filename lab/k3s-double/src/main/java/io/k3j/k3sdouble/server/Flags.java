package io.k3j.k3sdouble.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line flags as urfave/cli takes them: {@code --name=value}, {@code --name value}; repeated flags collect. */
public final class Flags {

    private Flags() {
    }

    public static Map<String, List<String>> parse(List<String> args) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                continue;
            }
            String name = arg.replaceFirst("^--?", "");
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                value = args.get(++i);
            } else {
                value = "true";
            }
            flags.computeIfAbsent(name.equals("c") ? "config" : name, key -> new ArrayList<>()).add(value);
        }
        return flags;
    }
}
