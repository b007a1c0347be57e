<#--
  Run through psql's standard input as the postgres superuser by reset --datastore (psql -tA, so
  the first line prints only the marker): the cluster's database and role, those the inventory
  names, dropped; nothing else in this PostgreSQL is touched. The first query prints the marker
  "k3j: changed" when there is something to drop; with probe (a dry run) it is all the script does.
  Model: database, user, probe (boolean)
  Values go in through pgString() and pgName() only.
-->
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SELECT 'k3j: changed' WHERE EXISTS (SELECT 1 FROM pg_database WHERE datname = ${pgString(database)})
 OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${pgString(user)});
<#if !probe>
DROP DATABASE IF EXISTS ${pgName(database)};
DROP ROLE IF EXISTS ${pgName(user)};
</#if>
