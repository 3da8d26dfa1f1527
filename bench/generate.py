"""Fill a tenant with realistic synthetic data through PostgreSQL COPY.

    python -m bench.generate --tenant SLUG --candidates N [--seed S] [--replace] [--as-of YYYY-MM-DD]
                             [--indexes auto|set-aside|keep]
    python -m bench.generate --tenant SLUG --delete-tenant

The tenant is created with ``tenant_create`` when it does not exist (admin ``bench-admin@SLUG.invalid``).
Everything runs as the application role inside ``tenant_context``: one transaction whose ``app.tenant_id``
row-level security sees, so the COPY can only write, and ``--replace`` can only delete, this tenant's rows.

Tables are generated in ``TABLES`` order and deleted in reverse; a later issue adds a table by writing a chunk
generator (as bench/candidates.py does) and appending a ``TableGenerator`` (tags before candidates,
interactions and applications after them). Progress goes to stderr; stdout gets one JSON summary line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from . import candidates as candidate_rows
from .common import Stopwatch, prefetched, progress, setup_django
from .copyload import (
    check_deferred_constraints_now,
    copy_text_under_rls,
    estimated_rows,
    rebuild_indexes,
    set_aside_secondary_indexes,
    staging_table,
)

DEFAULT_SEED = 42

# Above this many new rows, COPY into a table without secondary indexes and rebuilding them is faster than
# COPY into the indexed table (PERFORMANCE.md: 271k vs 82k rows/s). The rebuild covers the whole table, all
# tenants included, so "auto" also requires the new rows to be at least as many as those already there.
SET_ASIDE_MIN_ROWS = 200_000

INDEX_MODES = ("auto", "set-aside", "keep")


@dataclass(frozen=True)
class GenerationPlan:
    """What to generate for one tenant: per-table row counts, the seed and the time the data leads up to."""

    tenant_id: int
    seed: int
    as_of: datetime
    counts: dict[str, int] = field(default_factory=dict)
    tag_ids: tuple[int, ...] = ()  # the tenant's live tag ids, ascending (see tenant_tag_ids)


@dataclass(frozen=True)
class TableGenerator:
    """A table the generator fills: its model, its COPY columns, and a function yielding (rows, text) chunks."""

    name: str
    model_label: str
    columns: tuple[str, ...]
    chunks: Callable[[GenerationPlan], Iterator[tuple[int, str]]]
    move: Callable | None = None  # moves staged rows when they feed child tables too
    child_tables: tuple[str, ...] = ()  # filled by ``move``; emptied before this table

    def db_table(self) -> str:
        from django.apps import apps

        return apps.get_model(self.model_label)._meta.db_table


def _candidate_chunks(plan: GenerationPlan) -> Iterator[tuple[int, str]]:
    spec = candidate_rows.CandidateBatchSpec(
        tenant_id=plan.tenant_id, count=plan.counts.get("candidates", 0), seed=plan.seed, as_of=plan.as_of,
        tag_ids=plan.tag_ids,
    )
    return candidate_rows.candidate_chunks(spec)


TABLES: tuple[TableGenerator, ...] = (
    TableGenerator("candidates", "candidates.Candidate", candidate_rows.COLUMNS, _candidate_chunks,
                   move=candidate_rows.move_staged_candidates, child_tables=candidate_rows.CHILD_TABLES),
)


@dataclass
class TableLoad:
    """How one table's load went: rows written and where the time went (seconds)."""

    table: str
    rows: int = 0
    indexes_set_aside: bool = False
    copy_seconds: float = 0.0
    constraint_seconds: float = 0.0
    index_seconds: float = 0.0
    analyze_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return self.copy_seconds + self.constraint_seconds + self.index_seconds + self.analyze_seconds


class GenerationRefused(RuntimeError):
    """The tenant already holds generated rows and --replace was not given, or the slug is not usable."""


def default_as_of() -> datetime:
    """Return today's midnight UTC: the same seed gives the same rows all day, and the data stays recent."""
    return datetime.combine(datetime.now(UTC).date(), time.min, tzinfo=UTC)


def ensure_tenant(slug: str):
    """Return the tenant with ``slug``, creating it (and its bench admin) first if needed. Safe to run twice."""
    from django.utils.text import slugify

    from talentpool.tenancy.models import Tenant
    from talentpool.tenancy.services import tenant_create

    if slugify(slug) != slug:
        raise GenerationRefused(f"{slug!r} is not a slug: use lowercase letters, digits and hyphens.")
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        # The admin's generated password is not printed: nobody needs to log in to a bench tenant.
        tenant = tenant_create(name=f"Bench {slug}", slug=slug, admin_email=bench_admin_email(slug)).tenant
        progress(f"created tenant {slug!r} (id {tenant.pk})")
    return tenant


def tenant_tag_ids() -> tuple[int, ...]:
    """Return the current tenant's first TAG_COUNT live tag ids in id order: popularity position p is written
    as the p-th of them, so generated candidates carry real Tag ids of their tenant. Call inside tenant_context.

    A tenant made by ``tenant_create`` has the 3,699-term seed; fewer than TAG_COUNT live tags is refused.
    """
    from candidates.models import Tag

    tag_ids = tuple(
        Tag.objects.filter(is_retired=False, merged_into__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[: candidate_rows.TAG_COUNT]
    )
    if len(tag_ids) < candidate_rows.TAG_COUNT:
        raise GenerationRefused(
            f"the tenant has {len(tag_ids):,} live tags; the generator needs {candidate_rows.TAG_COUNT:,} "
            "(seed the taxonomy: candidates.services.taxonomy_seed)."
        )
    return tag_ids


def bench_admin_email(slug: str) -> str:
    """Return the admin address of a bench tenant, on the reserved .invalid TLD so mail never leaves."""
    return f"bench-admin@{slug}.invalid"


def generate(
    *,
    slug: str,
    candidates: int,
    seed: int = DEFAULT_SEED,
    replace: bool = False,
    index_mode: str = "auto",
    as_of: datetime | None = None,
) -> dict:
    """Fill tenant ``slug`` and return the summary printed as JSON.

    Deterministic for (seed, as_of, counts). Raises GenerationRefused when the tenant already has rows and
    ``replace`` is false; with ``replace`` it is safe to run twice (the second run gives the same rows).
    """
    from django.db import connection

    from talentpool.tenancy.context import tenant_context

    if index_mode not in INDEX_MODES:
        raise ValueError(f"index_mode must be one of {INDEX_MODES}")
    as_of = as_of or default_as_of()
    with Stopwatch() as total:
        tenant = ensure_tenant(slug)
        with tenant_context(tenant), connection.cursor() as cursor:
            plan = GenerationPlan(tenant_id=tenant.pk, seed=seed, as_of=as_of, counts={"candidates": candidates},
                                  tag_ids=tenant_tag_ids() if candidates else ())
            deleted = _clear_or_refuse(cursor, slug, replace)
            if any(deleted.values()):
                # Each deleted row queued foreign-key checks: one per table that refers to candidates, the
                # table itself included (merged_into). Run them now, while the indexes they use exist: after
                # the indexes are set aside each check scans the whole table (100,000 deletes: an hour instead
                # of a second), and CREATE INDEX refuses to run while they are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            loads = [
                _load_table(cursor, table, plan, index_mode, deleted.get(table.name, 0)) for table in TABLES
            ]
        vacuumed = _vacuum_if_possible(connection, [table.db_table() for table in TABLES])
    return {
        "tenant": slug,
        "candidates": candidates,
        "seconds": round(total.seconds, 2),
        "seed": seed,
        "as_of": as_of.isoformat(),
        "deleted": deleted,
        "vacuumed": vacuumed,
        "tables": {load.table: _load_summary(load) for load in loads},
    }


def _load_summary(load: TableLoad) -> dict:
    return {
        "rows": load.rows,
        "indexes_set_aside": load.indexes_set_aside,
        "copy_seconds": round(load.copy_seconds, 2),
        "constraint_seconds": round(load.constraint_seconds, 2),
        "index_seconds": round(load.index_seconds, 2),
        "analyze_seconds": round(load.analyze_seconds, 2),
    }


def _clear_or_refuse(cursor, slug: str, replace: bool) -> dict[str, int]:
    # Row-level security limits both statements to the current tenant: no WHERE tenant_id needed or trusted.
    if not replace:
        for table in TABLES:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table.db_table()}")')
            if cursor.fetchone()[0]:
                raise GenerationRefused(
                    f"tenant {slug!r} already has {table.name}; pass --replace to regenerate them."
                )
        return {}
    deleted = {}
    for table in reversed(TABLES):  # children first
        for child in table.child_tables:
            cursor.execute(f'DELETE FROM "{child}"')
        with Stopwatch() as watch:
            cursor.execute(f'DELETE FROM "{table.db_table()}"')
        deleted[table.name] = cursor.rowcount
        progress(f"{table.name}: deleted {cursor.rowcount:,} rows in {watch.seconds:.1f} s")
    return deleted


def should_set_aside_indexes(index_mode: str, new_rows: int, existing_rows: int) -> bool:
    """Return whether to drop the secondary indexes for the load (see SET_ASIDE_MIN_ROWS). Pure."""
    if index_mode == "auto":
        return new_rows > SET_ASIDE_MIN_ROWS and new_rows >= existing_rows
    return index_mode == "set-aside"


def _load_table(
    cursor, table: TableGenerator, plan: GenerationPlan, index_mode: str, deleted_rows: int
) -> TableLoad:
    db_table = table.db_table()
    target = plan.counts.get(table.name, 0)
    load = TableLoad(table=table.name)
    if target == 0:
        return load
    # Rows --replace just deleted are still in the estimate but cost the rebuild little: don't count them.
    other_rows = max(estimated_rows(cursor, db_table) - deleted_rows, 0)
    load.indexes_set_aside = should_set_aside_indexes(index_mode, target, other_rows)
    indexes = set_aside_secondary_indexes(cursor, db_table) if load.indexes_set_aside else []
    with Stopwatch() as copy_watch, staging_table(cursor, db_table, table.columns) as staging:
        for rows, text in prefetched(table.chunks(plan)):
            copy_text_under_rls(cursor, staging, db_table, table.columns, text, move=table.move)
            load.rows += rows
            _report_progress(table.name, load.rows, rows, target, copy_watch)
    load.copy_seconds = copy_watch.seconds
    # Run the foreign-key checks queued for commit now: CREATE INDEX refuses to run while they are pending,
    # and doing it in both modes keeps their cost inside the measured load either way.
    with Stopwatch() as constraint_watch:
        check_deferred_constraints_now(cursor, db_table)
    load.constraint_seconds = constraint_watch.seconds
    if indexes:
        with Stopwatch() as index_watch:
            rebuild_indexes(cursor, indexes)
        load.index_seconds = index_watch.seconds
        progress(f"{table.name}: rebuilt {len(indexes)} indexes in {load.index_seconds:.1f} s")
    with Stopwatch() as analyze_watch:
        cursor.execute(f'ANALYZE "{db_table}"')
    load.analyze_seconds = analyze_watch.seconds
    return load


def _report_progress(name: str, done: int, just_done: int, target: int, watch: Stopwatch) -> None:
    # About ten lines per table whatever its size: one each time another tenth is done.
    step = max(target // 10, 1)
    if done == target or done // step != (done - just_done) // step:
        rate = done / watch.elapsed() if watch.elapsed() else 0.0
        progress(f"{name}: {done:,}/{target:,} rows, {rate:,.0f} rows/s")


def _vacuum_if_possible(connection, db_tables: list[str]) -> bool:
    """VACUUM the loaded tables when not inside an outer transaction; return whether it ran.

    Sets the visibility map (index-only scans for counts) and reclaims rows --replace deleted, so the first
    queries after a load measure the query, not hint-bit writes. VACUUM cannot run in a transaction block,
    so inside tests (which wrap each test in one) it is skipped; autovacuum catches up there.
    """
    if connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for db_table in db_tables:
            cursor.execute(f'VACUUM "{db_table}"')
    return True


def delete_tenant(slug: str) -> dict:
    """Delete a bench tenant: its generated rows, the tenant with its memberships, and its bench admin user.

    Returns a summary; safe to run twice (a missing tenant is reported, not an error).
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        return {"tenant": slug, "deleted": False}
    with Stopwatch() as watch, transaction.atomic():
        with tenant_context(tenant), connection.cursor() as cursor:
            deleted = _clear_or_refuse(cursor, slug, replace=True)
            _delete_protecting_rows()
            # Inside the tenant so row-level security lets Django's cascade see (and delete) the tenant's rows.
            tenant.delete()
        get_user_model().objects.filter(email=bench_admin_email(slug)).delete()
    vacuumed = _vacuum_if_possible(connection, [table.db_table() for table in TABLES])
    return {
        "tenant": slug,
        "deleted": True,
        "rows": deleted,
        "vacuumed": vacuumed,
        "seconds": round(watch.seconds, 2),
    }


def _delete_protecting_rows() -> None:
    """Delete the current tenant's rows that PROTECT others (a role's requirements protect their tags), which
    would otherwise stop the tenant's cascade. Run inside tenant_context."""
    from django.apps import apps
    from django.db.models import PROTECT

    from talentpool.tenancy.models import TenantOwned

    for model in apps.get_models():
        if not issubclass(model, TenantOwned):
            continue
        if any(field.many_to_one and field.concrete and field.remote_field.on_delete is PROTECT
               for field in model._meta.get_fields()):
            model.objects.all().delete()


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenant", required=True, help="tenant slug; created if missing")
    parser.add_argument("--candidates", type=int, default=0, help="how many candidates to generate")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument("--replace", action="store_true", help="delete the tenant's generated rows first")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the UTC day all timestamps lead up to (default: today); pin it to repeat a run",
    )
    parser.add_argument(
        "--indexes",
        choices=INDEX_MODES,
        default="auto",
        help=f"drop secondary indexes during COPY: auto (> {SET_ASIDE_MIN_ROWS:,} rows and at "
        "least the table's size), set-aside, or keep",
    )
    parser.add_argument(
        "--delete-tenant",
        action="store_true",
        help="delete the tenant, its generated rows and its bench admin, then exit",
    )
    args = parser.parse_args(argv)
    if args.candidates < 0:
        parser.error("--candidates must be zero or more")
    if args.seed < 0:
        parser.error("--seed must be zero or more")  # numpy's seed sequences take no negative entropy
    return args


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point. Returns the process exit status."""
    args = _parse_args(argv)
    setup_django()
    try:
        if args.delete_tenant:
            summary = delete_tenant(args.tenant)
        else:
            as_of = datetime.combine(args.as_of, time.min, tzinfo=UTC) if args.as_of else None
            summary = generate(
                slug=args.tenant,
                candidates=args.candidates,
                seed=args.seed,
                replace=args.replace,
                index_mode=args.indexes,
                as_of=as_of,
            )
    except GenerationRefused as refusal:
        progress(f"refused: {refusal}")
        return 2
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
