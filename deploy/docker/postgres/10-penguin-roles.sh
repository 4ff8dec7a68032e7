#!/bin/sh
# Two roles for the course's database, made once, when PostgreSQL's image creates its data folder (it
# runs every script in /docker-entrypoint-initdb.d/ then, as its superuser; compose.yaml mounts this one).
#
#   penguin_owner  owns the database and its schema: `migrate` (the one-off job) connects as this role
#                  to create and change tables.
#   penguin_app    what the running servers connect as: it may connect, and read and write the rows of
#                  the tables penguin_owner makes, nothing else. A hole in the app cannot then drop a
#                  table, change the schema, read another database or become a superuser.
#
# The passwords come from files (compose's secrets), never from this file or the environment. psql
# passes them as variables, and :'name' quotes each as an SQL string, so any character is safe.
set -eu
psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set owner_password="$(cat "$PENGUIN_OWNER_PASSWORD_FILE")" \
     --set app_password="$(cat "$PENGUIN_APP_PASSWORD_FILE")" --set database="$POSTGRES_DB" <<'SQL'
CREATE ROLE penguin_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE penguin_app LOGIN PASSWORD :'app_password';
-- The database and, through it, the schema "public" (owned by pg_database_owner since PostgreSQL 15).
ALTER DATABASE :"database" OWNER TO penguin_owner;
-- Nobody connects unless allowed: PUBLIC may connect to every new database by default.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO penguin_app;
GRANT USAGE ON SCHEMA public TO penguin_app;
-- The tables migrate will create: rows only, never the tables themselves. (No right on sequences:
-- Django's ids are identity columns, which number new rows without one; the test inserts a row.)
ALTER DEFAULT PRIVILEGES FOR ROLE penguin_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO penguin_app;
SQL
