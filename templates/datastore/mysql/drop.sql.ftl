<#--
  Run through the mysql client's standard input as root by reset --datastore (--batch
  --skip-column-names, so the first query prints only the marker): the cluster's database and
  every account of its user (one per server address apply saw, and any older one), those the
  inventory names, dropped; nothing else is touched. The first query prints the marker
  "k3j: changed" when there is something to drop; with probe (a dry run) it is all the script does.
  Model: database, user, probe (boolean)
  Values go in through myString() and myName() only; the accounts' hosts, read from mysql.user,
  through QUOTE(), in the one statement DROP USER takes them all in.
-->
SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','));
SELECT 'k3j: changed' FROM DUAL WHERE EXISTS (SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${myString(database)})
 OR EXISTS (SELECT 1 FROM mysql.user WHERE User = ${myString(user)});
<#if !probe>
DROP DATABASE IF EXISTS ${myName(database)};
SELECT IFNULL(CONCAT('DROP USER ', GROUP_CONCAT(CONCAT(QUOTE(User), '@', QUOTE(Host)))), 'DO 0') INTO @k3j_drop_accounts
  FROM mysql.user WHERE User = ${myString(user)};
PREPARE k3j_drop_accounts FROM @k3j_drop_accounts;
EXECUTE k3j_drop_accounts;
DEALLOCATE PREPARE k3j_drop_accounts;
FLUSH PRIVILEGES;
</#if>
