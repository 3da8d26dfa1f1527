"""Bulk loading with PostgreSQL COPY under row-level security, and setting secondary indexes aside meanwhile.

PostgreSQL refuses ``COPY ... FROM`` into a table whose row-level security applies to the current role
("COPY FROM not supported with row-level security"), and every tenant table forces it, even for its owner.
So rows are COPYed into a session-private temporary table (no RLS, no WAL) and moved with one
``INSERT ... SELECT`` per chunk, which the tenant policy's WITH CHECK verifies row by row. Measured here, the
detour costs about nothing: parsing the COPY text is most of COPY's work and happens once, in the staging COPY.

All functions take a DB-API cursor (Django's cursor wrapper or a bare psycopg2 cursor) and run inside the
caller's transaction: they never commit. Because DROP INDEX and CREATE INDEX are transactional in
PostgreSQL, a load that fails rolls its index changes back with it; the table is never left without indexes.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

COPY_READ_SIZE = 1 << 20  # psycopg2 reads the buffer in pieces of this size; the default 8 KiB costs calls

# Index builds get more memory than the 64 MiB default for the length of the load's transaction only.
INDEX_BUILD_MEMORY = "512MB"


@dataclass(frozen=True)
class IndexDefinition:
    """A secondary index: its name and the exact CREATE INDEX statement PostgreSQL reports for it."""

    name: str
    definition: str


def copy_text(cursor, table: str, columns: Iterable[str], text: str) -> None:
    """COPY rows in PostgreSQL text format (tab-separated, ``\\N`` for NULL) into ``table`` (one without RLS).

    Returns nothing; the rows are part of the caller's transaction. Running it twice inserts the rows twice.
    """
    column_list = _column_list(columns)
    buffer = io.BytesIO(text.encode("utf-8"))
    # Size is positional: Django's cursor wrapper passes only positional arguments through to psycopg2.
    cursor.copy_expert(f"COPY {_quote(table)} ({column_list}) FROM STDIN", buffer, COPY_READ_SIZE)


@contextlib.contextmanager
def staging_table(cursor, table: str, columns: Sequence[str]) -> Iterator[str]:
    """Create a temporary table with ``columns``: those of ``table`` with their types, any other as text (values
    that go to child tables, such as a candidate's email). Yield its name; dropped when the block ends.
    Temporary tables belong to the session, so parallel loads never meet.
    """
    staging = f"bench_staging_{table}"
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        [table],
    )
    present = {row[0] for row in cursor.fetchall()}
    select = ", ".join(_quote(c) if c in present else f"NULL::text AS {_quote(c)}" for c in columns)
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_quote(staging)}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_quote(staging)} AS SELECT {select} FROM {_quote(table)} WITH NO DATA"
    )
    try:
        yield staging
    finally:
        if not getattr(cursor.connection, "closed", False):
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_quote(staging)}")


def copy_text_under_rls(
    cursor, staging: str, table: str, columns: Sequence[str], text: str, move=None
) -> None:
    """COPY ``text`` into ``staging``, move the rows into ``table`` (checked by its RLS policy), empty ``staging``.

    ``move(cursor, staging)`` replaces the plain INSERT ... SELECT when staged rows feed several tables.
    Returns nothing; the rows are part of the caller's transaction. Running it twice inserts the rows twice.
    """
    copy_text(cursor, staging, columns, text)
    if move is not None:
        move(cursor, staging)
    else:
        column_list = _column_list(columns)
        cursor.execute(
            f"INSERT INTO {_quote(table)} ({column_list}) SELECT {column_list} FROM {_quote(staging)}"
        )
    cursor.execute(f"TRUNCATE {_quote(staging)}")


def secondary_indexes(cursor, table: str) -> list[IndexDefinition]:
    """Return the indexes of ``table`` that back no constraint (so not the primary key), by name.

    Read from ``pg_indexes``; ``definition`` recreates the index exactly. Read-only, safe to run any time.
    """
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef
          FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = %s
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                            WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)
         ORDER BY i.indexname
        """,
        [table],
    )
    return [IndexDefinition(name, definition) for name, definition in cursor.fetchall()]


def set_aside_secondary_indexes(cursor, table: str) -> list[IndexDefinition]:
    """Drop ``table``'s secondary indexes and return their definitions, for ``rebuild_indexes`` afterwards.

    Must run inside a transaction: DROP INDEX takes an ACCESS EXCLUSIVE lock that other sessions wait on until
    commit, so no other query ever sees the table without its indexes, and a rollback brings them back.
    Not safe to run twice in one transaction (the second call finds nothing left to set aside).
    """
    definitions = secondary_indexes(cursor, table)
    for index in definitions:
        cursor.execute(f"DROP INDEX {_quote(index.name)}")
    return definitions


def rebuild_indexes(cursor, definitions: Iterable[IndexDefinition]) -> None:
    """Run each CREATE INDEX statement with extra maintenance memory (transaction-local). Not idempotent."""
    cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [INDEX_BUILD_MEMORY])
    for index in definitions:
        cursor.execute(index.definition)


def check_deferred_constraints_now(cursor, table: str) -> None:
    """Run the pending checks of ``table``'s deferred constraints now, then defer those constraints again.

    Django makes foreign keys DEFERRABLE INITIALLY DEFERRED, so each inserted row queues a check for commit,
    and CREATE INDEX refuses to run while a table has queued checks. Checking now costs what commit would.
    """
    cursor.execute(
        "SELECT string_agg(quote_ident(conname), ', ') FROM pg_constraint WHERE conrelid = %s::regclass AND condeferred",
        [table],
    )
    names = cursor.fetchone()[0]
    if names:
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


def estimated_rows(cursor, table: str) -> int:
    """Return about how many live rows ``table`` holds, all tenants together (statistics, not subject to RLS).

    Uses the statistics system's live-row count, which follows committed inserts and deletes, and falls back
    to the planner's estimate (as of the last VACUUM or ANALYZE) when there are no statistics yet. Read-only.
    """
    cursor.execute(
        """
        SELECT coalesce(s.n_live_tup, greatest(c.reltuples, 0))::bigint
          FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
         WHERE c.oid = %s::regclass
        """,
        [table],
    )
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def _column_list(columns: Iterable[str]) -> str:
    return ", ".join(_quote(column) for column in columns)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
