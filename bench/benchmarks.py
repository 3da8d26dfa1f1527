"""The benchmarks ``python -m bench`` runs. Each returns Figures whose baseline was measured in the same run.

| figure | value | baseline | ratio |
| --- | --- | --- | --- |
| generate_candidates_per_second | generator, secondary indexes set aside during the load | the same generator with the indexes kept | value/baseline: >1 = setting aside pays |
| bulk_load_under_rls_rows_per_second | COPY to a temp table + INSERT ... SELECT under RLS (app role) | superuser COPY straight into the table, RLS bypassed | value/baseline: the cost of the RLS detour |
| copy_vs_row_inserts_rows_per_second | the generator's COPY path for a small sample | one INSERT statement per row, same sample | value/baseline: how much COPY saves |
| orm_count_and_page_p50_ms | ORM count + first page in ``tenant_context`` | the same SQL (captured from the ORM) sent raw | value/baseline: ORM and context overhead |
| rls_tier_aggregate_p50_ms | GROUP BY tier as the app role, under RLS | superuser, RLS bypassed, the policy's predicate as a WHERE | value/baseline: RLS overhead |
| rls_tag_overlap_p50_ms | ``tag_ids && ARRAY[...]`` as the app role, under RLS | superuser, RLS bypassed, the policy's predicate as a WHERE | value/baseline: RLS overhead |

Throughput figures are better when higher, latency figures (``_ms``) when lower. The machines are noisy
(PERFORMANCE.md: ±20–50%), so value and baseline always take turns: throughput is the best of
``BENCH_REPEATS`` alternating runs (load only ever slows a run down), latency the median of interleaved runs.
Loads measured on the side (figures 2 and 3) run in transactions that are rolled back. The superuser
connection is used for baselines only, never to write; without one those figures are skipped (stderr says so).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from .common import (
    Figure,
    Stopwatch,
    env_int,
    figure,
    p50,
    progress,
    sample_interleaved_milliseconds,
)

DEFAULT_CANDIDATES = 100_000
DEFAULT_RUNS = 30
DEFAULT_REPEATS = 2
ROW_INSERT_SAMPLE = 2_000
PAGE_SIZE = 25
LOAD_PHASES = ("copy_seconds", "constraint_seconds", "index_seconds", "analyze_seconds")


@dataclass(frozen=True)
class BenchSettings:
    """What the run uses: tenant slug, pool size, runs per latency figure, repeats per throughput figure,
    and the superuser DSN for RLS-bypassed baselines."""

    slug: str
    candidates: int
    runs: int
    repeats: int
    superuser_dsn: str | None

    @classmethod
    def from_environment(cls) -> BenchSettings:
        """Read BENCH_TENANT, BENCH_CANDIDATES, BENCH_RUNS, BENCH_REPEATS and BENCH_SUPERUSER_DSN (empty = none)."""
        return cls(
            slug=os.environ.get("BENCH_TENANT", "").strip() or "bench",
            candidates=env_int("BENCH_CANDIDATES", DEFAULT_CANDIDATES),
            runs=env_int("BENCH_RUNS", DEFAULT_RUNS),
            repeats=max(env_int("BENCH_REPEATS", DEFAULT_REPEATS), 1),
            superuser_dsn=os.environ.get("BENCH_SUPERUSER_DSN", _default_superuser_dsn()).strip() or None,
        )


def _default_superuser_dsn() -> str:
    from django.db import connection

    params = connection.get_connection_params()
    host, port = params.get("host") or "127.0.0.1", params.get("port") or 5432
    return f"host={host} port={port} dbname={params['dbname']} user=postgres"


def app_role_connection():
    """Return a new psycopg2 connection as the application role (the same parameters Django uses)."""
    import psycopg2
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    return psycopg2.connect(**params)


def superuser_connection(settings: BenchSettings):
    """Return a psycopg2 connection as a superuser (bypasses RLS), or None with a note when there is none."""
    import psycopg2

    if not settings.superuser_dsn:
        progress("no BENCH_SUPERUSER_DSN: RLS-bypassed baselines are skipped")
        return None
    try:
        conn = psycopg2.connect(settings.superuser_dsn)
    except psycopg2.Error as error:
        progress(f"superuser connection failed ({type(error).__name__}): RLS-bypassed baselines are skipped")
        return None
    with conn.cursor() as cursor:
        cursor.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
        bypasses_rls = cursor.fetchone()[0]
    conn.rollback()
    if not bypasses_rls:
        progress("BENCH_SUPERUSER_DSN's role does not bypass RLS: those baselines are skipped")
        conn.close()
        return None
    return conn


def candidate_table() -> str:
    from candidates.models import Candidate

    return Candidate._meta.db_table


def best_seconds(works: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """Run each timed work ``repeats`` times, taking turns; return each one's fastest time (seconds)."""
    best = {name: float("inf") for name in works}
    for _ in range(repeats):
        for name, work in works.items():
            best[name] = min(best[name], work())
    return best


# --- 1. generator throughput -------------------------------------------------------------------------------


def bench_generator(settings: BenchSettings) -> list[Figure]:
    """Regenerate the bench pool with --replace, indexes kept (baseline) and set aside (value), taking turns.

    Leaves the bench tenant holding ``settings.candidates`` candidates for the query benchmarks. Counts the
    load only (generation and COPY, foreign-key checks, index rebuild, ANALYZE), not the delete of the
    previous rows, the commit or the VACUUM.
    """
    from .generate import generate

    n = settings.candidates
    _report_table_rows()

    def load(mode: str) -> Callable[[], float]:
        def run() -> float:
            progress(f"generator: {n:,} candidates into {settings.slug!r}, indexes {mode}")
            table = generate(slug=settings.slug, candidates=n, replace=True, index_mode=mode)["tables"]
            return sum(table["candidates"][phase] for phase in LOAD_PHASES)

        return run

    best = best_seconds({"keep": load("keep"), "set-aside": load("set-aside")}, settings.repeats)
    return [
        figure(
            "generate_candidates_per_second",
            n / best["set-aside"],
            "candidates/s",
            n / best["keep"],
            f"same generator and {n:,} rows, COPY into the fully indexed table",
        ),
    ]


def _report_table_rows() -> None:
    # Setting indexes aside rebuilds them over the whole table: other tenants' rows make that dearer.
    from django.db import connection

    from .copyload import estimated_rows

    with connection.cursor() as cursor:
        total = estimated_rows(cursor, candidate_table())
    progress(f"generator: the candidate table holds about {total:,} rows (all tenants) before the run")


# --- 2. the RLS detour of bulk loads ------------------------------------------------------------------------


def bench_bulk_load_under_rls(settings: BenchSettings) -> list[Figure]:
    """Load the same pre-generated rows, rolled back: through staging under RLS vs direct superuser COPY.

    Python's generation is left out (rows are generated first), so this measures the database's work only.
    """
    superuser = superuser_connection(settings)
    if superuser is None:
        return []
    texts = _pregenerated_texts(settings, settings.candidates)
    rows = sum(count for count, _text in texts)
    tenant_id = _bench_tenant_id(settings)
    app = app_role_connection()
    try:
        best = best_seconds(
            {
                "app": lambda: _timed_rolled_back_load(app, texts, tenant_id=tenant_id),
                "superuser": lambda: _timed_rolled_back_load(superuser, texts, tenant_id=None),
            },
            settings.repeats,
        )
    finally:
        app.close()
        superuser.close()
    _vacuum_candidates()
    return [
        figure(
            "bulk_load_under_rls_rows_per_second",
            rows / best["app"],
            "rows/s",
            rows / best["superuser"],
            f"superuser (RLS bypassed), the same staging COPY and move of {rows:,} rows with their contact rows, "
            "indexes set aside and rebuilt in both",
        ),
    ]


def _pregenerated_texts(settings: BenchSettings, count: int) -> list[tuple[int, str]]:
    from .candidates import CandidateBatchSpec, candidate_chunks
    from .generate import DEFAULT_SEED, default_as_of

    # Another seed than the pool's: these rows are loaded beside it and rolled back.
    spec = CandidateBatchSpec(
        tenant_id=_bench_tenant_id(settings), count=count, seed=DEFAULT_SEED + 1, as_of=default_as_of()
    )
    return list(candidate_chunks(spec))


def _timed_rolled_back_load(conn, texts, *, tenant_id: int | None) -> float:
    from .candidates import COLUMNS, move_staged_candidates
    from .copyload import (
        check_deferred_constraints_now,
        copy_text_under_rls,
        rebuild_indexes,
        set_aside_secondary_indexes,
        staging_table,
    )

    table = candidate_table()
    try:
        with conn.cursor() as cursor:
            if tenant_id is not None:
                _set_tenant(cursor, tenant_id)
            with Stopwatch() as watch:
                indexes = set_aside_secondary_indexes(cursor, table)
                # Both paths stage and move the rows into the candidate and contact tables; the difference is
                # the role: the app's under RLS (each moved row checked by the policy) or the superuser's.
                with staging_table(cursor, table, COLUMNS) as staging:
                    for _rows, text in texts:
                        copy_text_under_rls(
                            cursor, staging, table, COLUMNS, text, move=move_staged_candidates
                        )
                check_deferred_constraints_now(cursor, table)
                rebuild_indexes(cursor, indexes)
    finally:
        conn.rollback()
    return watch.seconds


# --- 3. COPY vs one INSERT per row ---------------------------------------------------------------------------


def bench_copy_vs_row_inserts(settings: BenchSettings) -> list[Figure]:
    """Insert the same small sample into the indexed table by COPY and by one INSERT per row, rolled back."""
    ((rows, text),) = _pregenerated_texts(settings, ROW_INSERT_SAMPLE)
    tenant_id = _bench_tenant_id(settings)
    app = app_role_connection()
    try:
        best = best_seconds(
            {
                "copy": lambda: _timed_rolled_back_inserts(app, tenant_id, text, by_copy=True),
                "insert": lambda: _timed_rolled_back_inserts(app, tenant_id, text, by_copy=False),
            },
            settings.repeats,
        )
    finally:
        app.close()
    minutes = 1_000_000 / rows * best["insert"] / 60
    progress(f"row inserts: 1,000,000 rows would take {minutes:.1f} min one INSERT at a time (from {rows:,})")
    return [
        figure(
            "copy_vs_row_inserts_rows_per_second",
            rows / best["copy"],
            "rows/s",
            rows / best["insert"],
            f"one INSERT statement per row under RLS, same {rows:,}-row sample, indexed table",
        ),
    ]


def _timed_rolled_back_inserts(conn, tenant_id: int, text: str, *, by_copy: bool) -> float:
    """The same rows (candidate + primary email + phone) by COPY through staging, or by one INSERT per row."""
    from .candidates import CANDIDATE_COLUMNS, COLUMNS, NULL, move_staged_candidates
    from .copyload import copy_text_under_rls, staging_table

    table = candidate_table()
    position = {column: index for index, column in enumerate(COLUMNS)}
    rows = [[None if field == NULL else field for field in line.split("\t")] for line in text.splitlines()]
    insert = (
        f"INSERT INTO {table} ({', '.join(CANDIDATE_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(CANDIDATE_COLUMNS))}) RETURNING id"
    )
    contact = (
        "INSERT INTO candidates_candidate{kind} (tenant_id, candidate_id, {kind}, is_primary, created_at) "
        "VALUES (%s, %s, %s, true, %s)"
    )
    try:
        with conn.cursor() as cursor, Stopwatch() as watch:
            _set_tenant(cursor, tenant_id)
            if by_copy:
                with staging_table(cursor, table, COLUMNS) as staging:
                    copy_text_under_rls(cursor, staging, table, COLUMNS, text, move=move_staged_candidates)
            else:
                for row in rows:
                    cursor.execute(insert, [row[position[column]] for column in CANDIDATE_COLUMNS])
                    (candidate_id,) = cursor.fetchone()
                    for kind in ("email", "phone"):
                        if row[position[kind]]:
                            cursor.execute(
                                contact.format(kind=kind),
                                [
                                    row[position["tenant_id"]],
                                    candidate_id,
                                    row[position[kind]],
                                    row[position["created_at"]],
                                ],
                            )
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # commit would run the FK checks: count them
    finally:
        conn.rollback()
    return watch.seconds


# --- 4. ORM page in tenant_context vs the same SQL raw ----------------------------------------------------------


def bench_orm_count_and_page(settings: BenchSettings) -> list[Figure]:
    """p50 of an ORM count + first page of high-tier candidates in tenant_context, vs the same SQL sent raw."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candidates.models import Candidate
    from engagement.scoring import current_params, tier_condition
    from talentpool.tenancy.context import tenant_context

    tenant_id = _bench_tenant_id(settings)

    def orm_work():
        with tenant_context(tenant_id):
            total = Candidate.objects.count()
            high_tier = Candidate.objects.filter(tier_condition(["high"], current_params()))
            page = list(high_tier.order_by("-activity_anchor", "-id")[:PAGE_SIZE])
        return total, page

    with CaptureQueriesContext(connection) as captured:
        orm_work()
    statements = [query["sql"] for query in captured.captured_queries if candidate_table() in query["sql"]]
    app = app_role_connection()

    def raw_work():
        with app.cursor() as cursor:
            _set_tenant(cursor, tenant_id)
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
        app.commit()

    try:
        samples = sample_interleaved_milliseconds({"orm": orm_work, "raw": raw_work}, runs=settings.runs)
    finally:
        app.close()
    return [
        figure(
            "orm_count_and_page_p50_ms",
            p50(samples["orm"]),
            "ms",
            p50(samples["raw"]),
            f"the same {len(statements)} SQL statements (captured from the ORM) sent raw with psycopg2 "
            "in a set_config transaction, same role and RLS",
        ),
    ]


# --- 5 and 6. RLS vs RLS bypassed ------------------------------------------------------------------------------------


def bench_rls_overhead(settings: BenchSettings) -> list[Figure]:
    """p50 of two read queries as the app role under RLS vs as a superuser with the policy's predicate written out.

    Both sessions set ``app.tenant_id`` the same way and filter by the same expression, so the planner's
    estimates match and the difference is RLS enforcement itself (the security barrier that keeps
    non-leakproof operators such as ``&&`` from running before the tenant check, i.e. as index conditions).
    """
    from talentpool.tenancy.rls import CURRENT_TENANT_SQL

    from .candidates import tag_ids_by_popularity

    superuser = superuser_connection(settings)
    if superuser is None:
        return []
    table = candidate_table()
    tenant_id = _bench_tenant_id(settings)
    # Three tags of middling popularity (ranks 1,000–1,002 of 3,000): each is on ~0.25% of candidates.
    from engagement.scoring import current_params, score_sql, tier_case_sql
    from talentpool.tenancy.context import tenant_context

    from .generate import tenant_tag_ids

    with tenant_context(tenant_id):
        tags = [int(tag) for tag in tag_ids_by_popularity(tenant_tag_ids())[1000:1003]]
        scoring = current_params()
    tier, tier_params = tier_case_sql(scoring, column="activity_anchor")
    score, score_params = score_sql(scoring, column="activity_anchor")
    queries = {
        "rls_tier_aggregate_p50_ms": (
            f"SELECT {tier} AS tier, count(*), avg({score}) FROM {table} {{where}} GROUP BY 1",
            [*tier_params, *score_params],
        ),
        "rls_tag_overlap_p50_ms": (
            f"SELECT count(*) FROM {table} {{where}} {{joiner}} tag_ids && %s::int[]",
            [tags],
        ),
    }
    app = app_role_connection()
    figures = []
    try:
        for name, (template, params) in queries.items():
            under_rls = template.format(where="", joiner="WHERE")
            explicit = template.format(where=f"WHERE tenant_id = {CURRENT_TENANT_SQL}", joiner="AND")
            samples = sample_interleaved_milliseconds(
                {
                    "rls": lambda sql=under_rls, params=params: _query_in_tenant(app, tenant_id, sql, params),
                    "bypass": lambda sql=explicit, params=params: _query_in_tenant(
                        superuser, tenant_id, sql, params
                    ),
                },
                runs=settings.runs,
            )
            figures.append(
                figure(
                    name,
                    p50(samples["rls"]),
                    "ms",
                    p50(samples["bypass"]),
                    "superuser (RLS bypassed), same set_config, the policy's predicate as a WHERE",
                )
            )
    finally:
        app.close()
        superuser.close()
    return figures


def _query_in_tenant(conn, tenant_id: int, sql: str, params: list) -> list:
    with conn.cursor() as cursor:
        _set_tenant(cursor, tenant_id)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    conn.commit()
    return rows


# --- shared -----------------------------------------------------------------------------------------------------


def _set_tenant(cursor, tenant_id: int) -> None:
    # Transaction-local, exactly as tenant_context does it: the setting dies with the transaction.
    cursor.execute("SELECT set_config('app.tenant_id', %s, true)", [str(tenant_id)])


def _bench_tenant_id(settings: BenchSettings) -> int:
    from .generate import ensure_tenant

    return ensure_tenant(settings.slug).pk


def _vacuum_candidates() -> None:
    # Rolled-back loads leave dead rows behind; clear them so the query benchmarks read a tidy table.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'VACUUM "{candidate_table()}"')


BENCHMARKS: tuple[Callable[[BenchSettings], list[Figure]], ...] = (
    bench_generator,
    bench_bulk_load_under_rls,
    bench_copy_vs_row_inserts,
    bench_orm_count_and_page,
    bench_rls_overhead,
)
