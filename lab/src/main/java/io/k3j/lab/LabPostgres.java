package io.k3j.lab;

/**
 * The lab's real PostgreSQL 15 (Debian's, installed but stopped in the base image) started on
 * one host for a test, with a role {@value #USER} (password {@value #PASSWORD}, CREATEDB) that lab
 * clients log in as: with the password, or only over TLS with a client certificate of a
 * {@link LabCertificates} CA as well ({@code hostssl … clientcert=verify-full}).
 */
public final class LabPostgres {
    public static final String USER = "k3s";
    public static final String PASSWORD = "pw";
    private static final String CONFIG = "/etc/postgresql/15/main";

    private final Lab lab;
    private final String host;

    private LabPostgres(Lab lab, String host) {
        this.lab = lab;
        this.host = host;
    }

    public static LabPostgres plain(Lab lab, String host) {
        return start(lab, host, "host all all 10.213.0.0/24 scram-sha-256");
    }

    /** PostgreSQL serving {@code pki}'s certificate for the host and taking lab clients only with a client certificate of {@code pki}. */
    public static LabPostgres withClientCertificates(Lab lab, String host, LabCertificates pki) {
        String tls = CONFIG + "/tls";
        pki.installServing(host, tls, "postgres");
        lab.exec(host, "sh", "-c", "printf \"ssl = on\\nssl_cert_file = '%s/server.crt'\\n"
                + "ssl_key_file = '%s/server.key'\\nssl_ca_file = '%s/ca.crt'\\n\" \"$0\" \"$0\" \"$0\" > " + CONFIG + "/conf.d/tls.conf",
                tls).orThrow("PostgreSQL TLS on " + host);
        return start(lab, host, "hostssl all all 10.213.0.0/24 scram-sha-256 clientcert=verify-full");
    }

    private static LabPostgres start(Lab lab, String host, String clientRule) {
        lab.exec(host, "sh", "-c", String.join(" && ",
                "echo \"listen_addresses = '*'\" > " + CONFIG + "/conf.d/lab.conf",
                "echo \"$0\" >> " + CONFIG + "/pg_hba.conf",
                "systemctl start postgresql@15-main",
                "su postgres -c \"psql -q -c \\\"CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'\\\"\""), clientRule)
                .orThrow("PostgreSQL on " + host);
        return new LabPostgres(lab, host);
    }

    /** {@code sql} run by psql as the superuser in {@code database}, unaligned and without headers ({@code -At}). */
    public CommandResult psql(String database, String sql) {
        return lab.exec(host, "runuser", "-u", "postgres", "--", "psql", "-At", "-d", database, "-c", sql);
    }
}
