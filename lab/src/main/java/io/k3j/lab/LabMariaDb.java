package io.k3j.lab;

/**
 * The lab's real MariaDB (Debian's, installed but stopped in the base image) started on one host
 * for a test, listening on the lab network, with a user {@value #USER} (password {@value #PASSWORD},
 * every privilege) that lab clients log in as: with the password, or only over TLS with a client
 * certificate of a {@link LabCertificates} CA as well ({@code REQUIRE X509}).
 */
public final class LabMariaDb {
    public static final String USER = "k3s";
    public static final String PASSWORD = "pw";

    private final Lab lab;
    private final String host;

    private LabMariaDb(Lab lab, String host) {
        this.lab = lab;
        this.host = host;
    }

    public static LabMariaDb plain(Lab lab, String host) {
        return start(lab, host, "", "");
    }

    /** MariaDB serving {@code pki}'s certificate for the host, whose user must come with a client certificate of {@code pki}. */
    public static LabMariaDb withClientCertificates(Lab lab, String host, LabCertificates pki) {
        String tls = "/etc/mysql/tls";
        pki.installServing(host, tls, "mysql");
        return start(lab, host, "ssl_ca = " + tls + "/ca.crt\\nssl_cert = " + tls + "/server.crt\\nssl_key = " + tls + "/server.key\\n",
                " REQUIRE X509");
    }

    private static LabMariaDb start(Lab lab, String host, String serverSettings, String requirement) {
        lab.exec(host, "sh", "-c", String.join(" && ",
                "printf '[mysqld]\\nbind-address = 0.0.0.0\\n" + serverSettings + "' > /etc/mysql/mariadb.conf.d/90-lab.cnf",
                "systemctl start mariadb",
                "mysql -e \"CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'" + requirement + "; GRANT ALL ON *.* TO '"
                        + USER + "'@'%';\"")).orThrow("MariaDB on " + host);
        return new LabMariaDb(lab, host);
    }

    /** {@code sql} run by mysql as root, without column names ({@code -N}). */
    public CommandResult mysql(String sql) {
        return lab.exec(host, "mysql", "-N", "-e", sql);
    }
}
