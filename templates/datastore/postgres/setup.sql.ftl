<#--
  Run through psql's standard input as the postgres superuser (never on a command line: it holds
  the password). Idempotent: creates the role and database when missing, sets the password.
  Model: database, user, password (secret)
-->
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', ${sql(user)})
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql(user)})\gexec
ALTER ROLE "${user}" WITH LOGIN PASSWORD ${sql(password)};
SELECT format('CREATE DATABASE %I OWNER %I', ${sql(database)}, ${sql(user)})
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${sql(database)})\gexec
GRANT ALL PRIVILEGES ON DATABASE "${database}" TO "${user}";
