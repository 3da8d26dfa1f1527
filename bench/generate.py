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

from . import activity as history
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
    chunks: Callable[[GenerationPlan, dict], Iterator[tuple[int, str]]]
    move: Callable | None = None  # moves staged rows when they feed child tables too
    child_tables: tuple[str, ...] = ()  # filled by ``move``; emptied before this table
    # Runs in the loading transaction before the chunks (which are built on another thread, without the
    # database): reads what they need, such as the ids earlier tables were given. Returns their context.
    prepare: Callable[[object, GenerationPlan], dict] | None = None

    def db_table(self) -> str:
        from django.apps import apps

        return apps.get_model(self.model_label)._meta.db_table


def _candidate_chunks(plan: GenerationPlan, context: dict) -> Iterator[tuple[int, str]]:
    spec = candidate_rows.CandidateBatchSpec(
        tenant_id=plan.tenant_id,
        count=plan.counts.get("candidates", 0),
        seed=plan.seed,
        as_of=plan.as_of,
        tag_ids=plan.tag_ids,
    )
    return candidate_rows.candidate_chunks(spec)


def _ids_in_order(cursor, db_table: str):
    """The current tenant's ids of ``db_table`` ascending: generation order (the loader numbers rows in the
    order it reads them, and a generated tenant holds generated rows only)."""
    import numpy as np

    cursor.execute(f"SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM \"{db_table}\"")
    text = cursor.fetchone()[0]
    return np.array(text.split(",") if text else [], dtype=np.int64)


def _with_candidates(cursor, plan: GenerationPlan) -> dict:
    return {"candidate_ids": _ids_in_order(cursor, "candidates_candidate")}


def _with_roles(cursor, plan: GenerationPlan) -> dict:
    return {**_with_candidates(cursor, plan), "role_ids": ensure_roles(plan)}


def _with_applications(cursor, plan: GenerationPlan) -> dict:
    return {**_with_roles(cursor, plan), "application_ids": _ids_in_order(cursor, "profiles_application")}


def _history_args(plan: GenerationPlan) -> tuple:
    return plan.tenant_id, plan.seed, plan.counts.get("candidates", 0), plan.as_of


TABLES: tuple[TableGenerator, ...] = (
    TableGenerator(
        "candidates",
        "candidates.Candidate",
        candidate_rows.COLUMNS,
        _candidate_chunks,
        move=candidate_rows.move_staged_candidates,
        child_tables=candidate_rows.CHILD_TABLES,
    ),
    TableGenerator(
        "interactions",
        "engagement.Interaction",
        history.INTERACTION_COLUMNS,
        lambda plan, c: history.interaction_chunks(*_history_args(plan), c["candidate_ids"]),
        prepare=_with_candidates,
    ),
    TableGenerator(
        "applications",
        "profiles.Application",
        history.APPLICATION_COLUMNS,
        lambda plan, c: history.application_chunks(*_history_args(plan), c["candidate_ids"], c["role_ids"]),
        prepare=_with_roles,
    ),
    TableGenerator(
        "stage_events",
        "profiles.StageEvent",
        history.STAGE_EVENT_COLUMNS,
        lambda plan, c: history.stage_event_chunks(
            *_history_args(plan), c["candidate_ids"], c["application_ids"]
        ),
        prepare=_with_applications,
    ),
    TableGenerator(
        "hires",
        "profiles.Hire",
        history.HIRE_COLUMNS,
        lambda plan, c: history.hire_chunks(
            *_history_args(plan), c["candidate_ids"], c["application_ids"], c["role_ids"]
        ),
        prepare=_with_applications,
    ),
)

# Rows per candidate, about (bench/activity.py), for progress lines and the index decision before a load.
ROWS_PER_CANDIDATE = {"interactions": 10.0, "applications": 0.2, "stage_events": 0.6, "hires": 0.01}
ROLE_REQUIREMENTS = (4, 9)  # requirements per bench role: at least, below


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


def ensure_roles(plan: GenerationPlan):
    """Return the ids of the tenant's ROLE_COUNT open bench roles (external id ``bench-role-N``), creating the
    missing ones with 4–8 requirements on popular tags first. Call inside tenant_context; safe to run twice
    (existing roles are kept, so --replace leaves shortlists and saved searches on them alone)."""
    import numpy as np

    from profiles.models import Requirement, RoleProfile

    from . import vocabulary as words

    wanted = [f"bench-role-{number}" for number in range(history.ROLE_COUNT)]
    existing = dict(RoleProfile.objects.filter(external_id__in=wanted).values_list("external_id", "id"))
    missing = [key for key in wanted if key not in existing]
    if missing:
        rng = np.random.default_rng(np.random.SeedSequence(plan.seed, spawn_key=(3,)))
        popular = candidate_rows.tag_ids_by_popularity(plan.tag_ids)[:500]
        titles = [*words.CN_TITLES, *words.EN_TITLES]
        roles = RoleProfile.objects.bulk_create(
            [
                RoleProfile(
                    tenant_id=plan.tenant_id,
                    title=titles[int(rng.integers(len(titles)))],
                    external_id=key,
                    status="open",
                )
                for key in missing
            ]
        )
        requirements = []
        for role in roles:
            count = int(rng.integers(*ROLE_REQUIREMENTS))
            tags = rng.choice(popular, size=count, replace=False)
            requirements += [
                Requirement(
                    tenant_id=plan.tenant_id,
                    profile=role,
                    tag_id=int(tag),
                    weight=int(rng.integers(1, 6)),
                    must_have=position == 0,
                    position=position,
                )
                for position, tag in enumerate(tags.tolist())
            ]
        Requirement.objects.bulk_create(requirements)
        existing |= {role.external_id: role.pk for role in roles}
    return np.array([existing[key] for key in wanted], dtype=np.int64)


def ensure_pool(settings) -> int:
    """Make sure the bench tenant (``settings.slug``) holds ``settings.candidates`` generated candidates with
    their interactions, applications and stage events; generate them (replacing what is there) when not.
    Returns the tenant id. For benchmarks that need a living pool; safe to run twice (the second does nothing).
    """
    from django.db import connection

    from engagement.models import Interaction
    from talentpool.tenancy.context import tenant_context

    tenant = ensure_tenant(settings.slug)
    with tenant_context(tenant), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM candidates_candidate")
        candidates = cursor.fetchone()[0]
        has_history = Interaction.objects.exists()
    if candidates != settings.candidates or not has_history:
        progress(
            f"ensure_pool: {settings.slug!r} holds {candidates:,} candidates"
            f"{'' if has_history else ' and no interactions'}; generating {settings.candidates:,}"
        )
        generate(slug=settings.slug, candidates=settings.candidates, replace=True)
    return tenant.pk


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
    with_history: bool = True,
) -> dict:
    """Fill tenant ``slug`` and return the summary printed as JSON. With ``with_history`` (the default) the
    candidates come with their interactions, applications, stage events and hires (bench/activity.py);
    without, their anchors and last_* columns are still those of the history that was not written.

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
            counts = {"candidates": candidates}
            if with_history:
                counts |= {name: int(candidates * share) for name, share in ROWS_PER_CANDIDATE.items()}
            plan = GenerationPlan(
                tenant_id=tenant.pk,
                seed=seed,
                as_of=as_of,
                counts=counts,
                tag_ids=tenant_tag_ids() if candidates else (),
            )
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
    _delete_other_dependents()
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
    target = plan.counts.get(table.name, 0)  # the history tables' counts are estimates
    load = TableLoad(table=table.name)
    if target == 0:
        return load
    context = table.prepare(cursor, plan) if table.prepare else {}
    # Rows --replace just deleted are still in the estimate but cost the rebuild little: don't count them.
    other_rows = max(estimated_rows(cursor, db_table) - deleted_rows, 0)
    load.indexes_set_aside = should_set_aside_indexes(index_mode, target, other_rows)
    indexes = set_aside_secondary_indexes(cursor, db_table) if load.indexes_set_aside else []
    with Stopwatch() as copy_watch, staging_table(cursor, db_table, table.columns) as staging:
        for rows, text in prefetched(table.chunks(plan, context)):
            copy_text_under_rls(cursor, staging, db_table, table.columns, text, move=table.move)
            load.rows += rows
            _report_progress(table.name, load.rows, rows, max(target, load.rows), copy_watch)
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


def _delete_other_dependents() -> None:
    """Delete (or unlink) the current tenant's rows outside the generated tables that point at its candidates,
    roles' applications or generated rows (follow-ups, enrollments, shortlist entries a benchmark left), so the
    generated tables can be emptied with plain DELETEs. Run inside tenant_context."""
    from django.apps import apps
    from django.db.models import CASCADE, ForeignKey, Q

    from talentpool.tenancy.models import TenantOwned

    generated = {table.model_label for table in TABLES}
    children = set(candidate_rows.CHILD_TABLES)
    targets = {apps.get_model(label) for label in generated}
    for model in apps.get_models():
        if (
            not issubclass(model, TenantOwned)
            or model._meta.label in generated
            or model._meta.db_table in children
        ):
            continue
        links = [
            link
            for link in model._meta.concrete_fields
            if isinstance(link, ForeignKey) and link.related_model in targets
        ]
        if not links:
            continue
        cascading = Q()
        for link in links:
            if link.remote_field.on_delete is CASCADE:
                cascading |= Q(**{f"{link.name}__isnull": False})
        if cascading:
            model.objects.filter(cascading).delete()
        unlinked = [link.name for link in links if link.remote_field.on_delete is not CASCADE]
        if unlinked:
            model.objects.update(**{name: None for name in unlinked})


def _delete_protecting_rows() -> None:
    """Delete the current tenant's rows that PROTECT others (a role's requirements protect their tags), which
    would otherwise stop the tenant's cascade. Run inside tenant_context."""
    from django.apps import apps
    from django.db.models import PROTECT

    from talentpool.tenancy.models import TenantOwned

    for model in apps.get_models():
        if not issubclass(model, TenantOwned):
            continue
        if any(
            field.many_to_one and field.concrete and field.remote_field.on_delete is PROTECT
            for field in model._meta.get_fields()
        ):
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
