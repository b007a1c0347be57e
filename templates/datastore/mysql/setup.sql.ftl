<#--
  Run through the mysql client's standard input as root (never on a command line: it holds the
  password). Idempotent: one account per K3s server address, and only those.
  Model: database, user, password (secret), clients[] (server addresses), tls (boolean)
  With TLS, each account needs a client certificate whose subject is CN=<user> (signed by ssl-ca).
-->
CREATE DATABASE IF NOT EXISTS `${database}`;
<#list clients as client>
CREATE USER IF NOT EXISTS '${user}'@'${client}' IDENTIFIED BY ${sql(password)};
ALTER USER '${user}'@'${client}' IDENTIFIED BY ${sql(password)}<#if tls> REQUIRE SUBJECT ${sql("/CN=" + user)}</#if>;
GRANT ALL PRIVILEGES ON `${database}`.* TO '${user}'@'${client}';
</#list>
FLUSH PRIVILEGES;
