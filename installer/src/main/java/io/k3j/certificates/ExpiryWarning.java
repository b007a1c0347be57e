package io.k3j.certificates;

import io.k3j.inventory.K3sVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * K3s certificates on one host that need the operator: expiring within the renewal window of the
 * host's K3s, expired, authorities near their end, not valid yet; or a check that could not be read.
 * Says which, with each file, subject and date, and what to do.
 */
public record ExpiryWarning(String host, Kind kind, List<CheckedCertificate> certificates, Optional<K3sVersion> version,
                            int renewalDays, boolean server, String problem) {

    public enum Kind {
        /** Leaf certificates within the renewal window: K3s renews them at its next start. */
        EXPIRING("expiring"),
        /** Leaf certificates past their end: clients with them are refused now. */
        EXPIRED("expired"),
        /** CAs within the window or expired: K3s never renews a CA at start. */
        AUTHORITY("authority"),
        /** Certificates not valid yet: a clock is behind. */
        NOT_YET_VALID("not-yet-valid"),
        /** The check failed on the host: nothing is known. */
        UNREAD("unread");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** The unit whose start renews the host's certificates. */
    public String unit() {
        return server ? "k3s" : "k3s-agent";
    }

    /** For people: host, each certificate with its date, and what to do ({@code inventory}: the path as the operator gave it). */
    public String message(String inventory) {
        String rotate = "'k3j-install certificates rotate " + inventory + " --hosts " + host + "' rotates "
                + (certificates.size() == 1 ? "it" : "them") + " now";
        String restart = unit() + " renews " + (certificates.size() == 1 ? "it" : "them") + " at its next start ('systemctl restart "
                + unit() + "' on the host)";
        return switch (kind) {
            case EXPIRING -> host + ": K3s " + (certificates.size() == 1 ? "certificate expires" : "certificates expire") + " within the "
                    + renewalDays + " days before expiry in which K3s" + version.map(v -> " " + v).orElse("") + " renews them at start: "
                    + listed() + ". " + restart + ", or " + rotate;
            case EXPIRED -> host + ": K3s " + (certificates.size() == 1 ? "certificate has" : "certificates have") + " expired: " + listed()
                    + "; whoever presents " + (certificates.size() == 1 ? "it" : "them") + " is refused now. " + restart + ", or " + rotate;
            case AUTHORITY -> host + ": K3s' certificate " + (certificates.size() == 1 ? "authority ends" : "authorities end") + ": "
                    + listed() + ". K3s does not renew a CA at start, and 'certificates rotate' does not either: see 'k3s certificate "
                    + "rotate-ca' (docs.k3s.io/cli/certificate)";
            case NOT_YET_VALID -> host + ": K3s " + (certificates.size() == 1 ? "certificate is" : "certificates are") + " not valid yet: "
                    + listed() + ". The host's clock, or that of the server that issued " + (certificates.size() == 1 ? "it" : "them")
                    + ", is behind: correct it (timedatectl), then restart " + unit();
            case UNREAD -> host + ": the expiry of K3s' certificates could not be read: " + problem + " (K3s releases before April "
                    + "2024 have no 'k3s certificate check', k3s-io/k3s PR #9772; check the dates with openssl x509 -enddate on the host)";
        };
    }

    /** The same for CI: a {@code certificate-warning} event's fields, each certificate with its file, subject and date. */
    public Object[] eventFields(String inventory) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (CheckedCertificate certificate : certificates) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("file", certificate.file());
            one.put("subject", certificate.subject());
            one.put(certificate.said() == CheckedCertificate.Said.NOT_YET_VALID ? "valid_from" : "expires", certificate.time().toString());
            listed.add(one);
        }
        return new Object[] {"host", host, "kind", kind.word(), "unit", unit(), "k3s_version", version.map(Object::toString).orElse(""),
            "renewal_days", renewalDays, "certificates", listed, "message", message(inventory)};
    }

    private String listed() {
        List<String> each = new ArrayList<>();
        for (CheckedCertificate certificate : certificates) {
            each.add(certificate.file() + " (" + certificate.subject() + ") "
                    + (certificate.said() == CheckedCertificate.Said.NOT_YET_VALID ? "from " : "at ") + certificate.time());
        }
        return String.join(", ", each);
    }
}
