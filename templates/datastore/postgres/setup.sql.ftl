<#--
  Run through psql's standard input as the postgres superuser (never on a command line: it holds
  the password). Idempotent: creates the role and database when missing, sets the password.
  Model: database, user, password (secret)
  Values go in through pgString() (an E'' escape string, the same with standard_conforming_strings
  on or off) and pgName() (a double-quoted identifier) only.
-->
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', ${pgString(user)})
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${pgString(user)})\gexec
ALTER ROLE ${pgName(user)} WITH LOGIN PASSWORD ${pgString(password)};
SELECT format('CREATE DATABASE %I OWNER %I', ${pgString(database)}, ${pgString(user)})
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${pgString(database)})\gexec
GRANT ALL PRIVILEGES ON DATABASE ${pgName(database)} TO ${pgName(user)};
