"""Two database roles: the owner runs migrations, the application only reads and writes rows.

The application role (``DATABASE_URL``) owns nothing. A role that owns a table can drop its triggers, turn off its
row-level security, grant itself privileges back or TRUNCATE it; the append-only audit log (docs/privacy.md) would
then hold only as long as the application behaved. So the tables belong to the owner role (``DATABASE_OWNER_URL``),
and ``manage.py migrate`` and ``flush`` (our overrides in tenancy/management/commands/) connect as it, then grant
the application role what it needs: every privilege on rows of every table, except where an app restricts one of
its tables (``AppConfig.database_privileges``, e.g. privacy's audit log: SELECT, INSERT and DELETE only).

Without ``DATABASE_OWNER_URL`` one role does both, as before (docs/operations.md says what that gives up).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import connections
from psycopg2 import sql

# Privileges on rows; the owner keeps everything else (ALTER, DROP, TRIGGER, REFERENCES).
ROW_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")


def owner_credentials() -> dict | None:
    """USER and PASSWORD of the owner role, or None when one role does both."""
    return getattr(settings, "DATABASE_OWNER", None)


@contextmanager
def as_owner(alias: str = "default") -> Iterator[bool]:
    """Within the block, ``connections[alias]`` connects as the owner role (same server, same database name, so
    a test database stays the test database). Yields whether it switched. Nested use is harmless."""
    owner = owner_credentials()
    connection = connections[alias]
    if not owner or connection.settings_dict["USER"] == owner["USER"]:
        yield False
        return
    saved = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield True
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def app_role() -> str | None:
    """The application role's name: the user of DATABASE_URL."""
    return getattr(settings, "DATABASE_APP_ROLE", None)


def restricted_tables() -> dict[str, tuple[str, ...]]:
    """Tables whose apps grant the application role less than every row privilege, with what they grant."""
    restricted: dict[str, tuple[str, ...]] = {}
    for config in apps.get_app_configs():
        restricted.update(getattr(config, "database_privileges", {}))
    return restricted


def grant_app_role(alias: str = "default") -> list[str]:
    """Give the application role its privileges on every table and sequence in the schema (idempotent).

    Runs as the owner, after migrations. Returns the tables it restricted, for the command's output.
    """
    role = app_role()
    owner = owner_credentials()
    if not owner or not role or role == owner["USER"]:
        return []
    restricted = restricted_tables()
    connection = connections[alias]
    with connection.cursor() as cursor:
        ident = sql.Identifier(role)
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
        cursor.execute(
            sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA public TO {}").format(
                sql.SQL(", ").join(map(sql.SQL, ROW_PRIVILEGES)), ident
            )
        )
        cursor.execute(
            sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident)
        )
        existing = set(connection.introspection.table_names(cursor))
        for table, privileges in sorted(restricted.items()):
            if table not in existing:
                continue
            cursor.execute(sql.SQL("REVOKE ALL ON {} FROM {}, PUBLIC").format(sql.Identifier(table), ident))
            cursor.execute(
                sql.SQL("GRANT {} ON {} TO {}").format(
                    sql.SQL(", ").join(map(sql.SQL, privileges)), sql.Identifier(table), ident
                )
            )
    return [table for table in sorted(restricted) if table in existing]
