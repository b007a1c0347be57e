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

    static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    /** Whatever looks like a reference, "${word:", the word mistyped or not, closed or not. */
    private static final Pattern REFERENCE_LIKE = Pattern.compile("\\$\\{(\\w*):([^}]*)(}?)");
    private static final List<String> KINDS = List.of("env", "file");

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

    /**
     * What is wrong with the references written in the text: a kind other than env and file (a
     * mistyped reference must not be taken as the secret itself), a missing '}', nothing named.
     * Shows the reference's kind only, never the rest of the text.
     */
    public List<String> malformedReferences() {
        List<String> problems = new ArrayList<>();
        Matcher like = REFERENCE_LIKE.matcher(template);
        while (like.find()) {
            String kind = like.group(1);
            if (!KINDS.contains(kind)) {
                String hint = Spelling.closest(kind, KINDS).map(near -> " (did you mean ${" + near + ":...}?)").orElse("");
                problems.add("${" + kind + ":...} is not a secret reference" + hint + "; a reference is ${env:NAME} "
                        + "(an environment variable) or ${file:PATH} (a file's content)");
            } else if (like.group(3).isEmpty()) {
                problems.add("${" + kind + ":... has no closing '}'");
            } else if (like.group(2).isEmpty()) {
                problems.add("${" + kind + ":} names no " + (kind.equals("env") ? "variable" : "file"));
            }
        }
        return problems;
    }

    public boolean isReference() {
        return REFERENCE.matcher(template).matches();
    }

    @Override
    public String toString() {
        return isReference() ? template : "********";
    }
}
