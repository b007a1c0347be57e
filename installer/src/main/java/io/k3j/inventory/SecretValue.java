package io.k3j.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting that may hold a secret: its text as written, with {@code ${env:NAME}} and
 * {@code ${file:PATH}} references left in. {@link #toString()} never shows a resolved value;
 * {@link SecretResolver} turns it into the real text when a host needs it.
 */
public record SecretValue(String template) {

    static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    /** A reference inside the text: its kind ({@code env} or {@code file}) and name or path. */
    public record Reference(String kind, String target) {

        /** The reference alone, to resolve it by itself. */
        public SecretValue asValue() {
            return new SecretValue("${" + kind + ":" + target + "}");
        }
    }

    public List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(template);
        while (matcher.find()) {
            references.add(new Reference(matcher.group(1), matcher.group(2)));
        }
        return references;
    }

    public boolean isReference() {
        return REFERENCE.matcher(template).matches();
    }

    @Override
    public String toString() {
        return isReference() ? template : "********";
    }
}
