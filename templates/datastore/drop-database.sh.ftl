<#--
  reset --datastore on a provisioned PostgreSQL or MariaDB: the SQL (drop.sql.ftl of the datastore,
  rendered first) run as the database's superuser through its client's standard input. A database
  server no longer installed (a reset run again after its package was purged) has nothing to drop;
  one installed but stopped is an error that says how to go on.
  Model: postgres (boolean: PostgreSQL, else MariaDB), sql (the rendered script)
  The script goes in through sh() only.
-->
set -eu
<#if postgres>
unit=postgresql
<#else>
unit=mariadb
</#if>
if ! systemctl cat "$unit.service" >/dev/null 2>&1; then
    echo "$unit is not installed here: nothing to drop"
    exit 0
fi
if ! systemctl is-active -q "$unit.service"; then
    echo "$unit is not running, so the database and the user of the cluster could not be dropped: start it (systemctl start $unit) and run the reset again" >&2
    exit 1
fi
<#if postgres>
printf '%s' ${sh(sql)} | runuser -u postgres -- psql -X -q -t -A -d postgres
<#else>
printf '%s' ${sh(sql)} | mysql --user=root --default-character-set=utf8mb4 --batch --skip-column-names
</#if>
