#!/bin/bash
# Runs once, when the postgres service starts on an empty data volume (/docker-entrypoint-initdb.d).
#
# Creates the application role and its database. The role may log in and owns the database (so it owns
# the tables migrate creates, and FORCE ROW LEVEL SECURITY applies to it), but it is neither superuser nor
# BYPASSRLS: talentpool refuses to connect as a role that ignores row-level security
# (talentpool/tenancy/rls.py). It gets no CREATEDB either; only the test suite needs that.
set -e

if [ -z "${TALENTPOOL_DB_PASSWORD}" ]; then
    echo "10-create-app-role.sh: TALENTPOOL_DB_PASSWORD is not set" >&2
    exit 1
fi

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$TALENTPOOL_DB_PASSWORD" <<'SQL'
CREATE ROLE talentpool LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE talentpool OWNER talentpool;
SQL

# Ranking uses the GIN index on candidates' tag arrays only when `&&` and `@>` may run before the tenant
# policy: a superuser's step, per database (docs/decisions/0008-ranking-under-rls.md).
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname talentpool <<'SQL'
ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
SQL
