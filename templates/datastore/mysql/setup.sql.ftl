<#--
  Run through the mysql client's standard input as root (never on a command line: it holds the
  password). Idempotent: one account per K3s server address, and only those.
  Model: database, user, password (secret), clients[] (server addresses), tls (boolean)
  With TLS, each account needs a client certificate whose subject is CN=<user> (signed by ssl-ca).
  Values go in through myString() (a literal, backslash escapes) and myName() (a backtick
  identifier) only; the first line makes backslash escapes hold for this session whatever the
  server's sql_mode.
-->
SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','));
CREATE DATABASE IF NOT EXISTS ${myName(database)};
<#list clients as client>
CREATE USER IF NOT EXISTS ${myString(user)}@${myString(client)} IDENTIFIED BY ${myString(password)};
ALTER USER ${myString(user)}@${myString(client)} IDENTIFIED BY ${myString(password)}<#if tls> REQUIRE SUBJECT ${myString("/CN=" + user)}</#if>;
GRANT ALL PRIVILEGES ON ${myName(database)}.* TO ${myString(user)}@${myString(client)};
</#list>
FLUSH PRIVILEGES;
