#!/bin/bash
# Runs once, when the postgres service starts on an empty data volume (/docker-entrypoint-initdb.d).
#
# Creates two roles and the database. The owner role owns the database and the tables migrate creates (the
# migrate service connects as it through DATABASE_OWNER_URL); the application role only reads and writes rows,
# so it cannot drop the audit log's trigger or TRUNCATE it (talentpool/tenancy/db_roles.py). Neither is
# superuser or BYPASSRLS: talentpool refuses to connect as a role that ignores row-level security
# (talentpool/tenancy/rls.py), and FORCE ROW LEVEL SECURITY applies to the owner too. Neither gets CREATEDB;
# only the test suite needs that.
set -e

if [ -z "${TALENTPOOL_DB_PASSWORD}" ] || [ -z "${TALENTPOOL_DB_OWNER_PASSWORD}" ]; then
    echo "10-create-app-role.sh: TALENTPOOL_DB_PASSWORD or TALENTPOOL_DB_OWNER_PASSWORD is not set" >&2
    exit 1
fi

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$TALENTPOOL_DB_PASSWORD" -v owner_password="$TALENTPOOL_DB_OWNER_PASSWORD" <<'SQL'
CREATE ROLE talentpool_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE talentpool LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE talentpool OWNER talentpool_owner;
SQL

# Ranking uses the GIN index on candidates' tag arrays only when `&&` and `@>` may run before the tenant
# policy: a superuser's step, per database (docs/decisions/0008-ranking-under-rls.md).
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname talentpool <<'SQL'
ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
SQL
