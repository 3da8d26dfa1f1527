"""Ranking benchmark: ``profiles.matching.rank`` over the bench pool, through the in-memory ranking index and without.

    python -m bench.ranking                                    # the pool of BENCH_TENANT / BENCH_CANDIDATES
    BENCH_TENANT=bench1m BENCH_CANDIDATES=1000000 python -m bench.ranking

Also part of ``python -m bench``. An empty tenant is generated first (``bench.generate``); a tenant that already
holds candidates is used as it is, never replaced (it must hold about BENCH_CANDIDATES with real tag ids).

The profile (``bench-ranking-<variant>``, re-created on every run from the tenant's tags): 10 requirements on the
tags of popularity ranks 0, 3, 10, 20, 40, 100, 250, 500, 1,000 and 2,000 (0 = the most popular, on ~34% of
candidates; 2,000 on ~0.15%), weights 1–5, minimum 3 years, bachelor. Must-haves:

- ``main``: ranks 20 and 100 (on 9.4% and 2.4% of candidates; both on ~0.23%, 225 per 100,000).
- ``popular``: ranks 3 and 10 (25% and 15%; both on ~3.7%): the gate keeps many rows.
- ``nobody``: ranks 500, 1,000 and 2,000 (no one holds all three): the default ranking fills the whole page from
  below the divider, out of the ~65% of the pool who meet some requirement.

All three in the default mode (``combined``), top 50; ``flag`` is the main profile in flag mode.

Figures (value and baseline measured in the same run, taking turns; latency = median / p95 of BENCH_RUNS):

| figure | value | baseline |
| --- | --- | --- |
| rank_top50_<size>_p50_ms, _p95_ms | ``rank()`` end to end (Django, app role, RLS), main, through the index | ``rank()`` with the index off (the plain statement) |
| rank_top50_<size>_popular_p50_ms, _nobody_p50_ms, _flag_p50_ms | same, popular / nobody / flag mode | same, index off |
| rank_top50_<size>_nobody_vs_inverted_index_p50_ms | ``rank()``, nobody | the index's own scoring of the pool alone (ids only, no SQL) |
| rank_top50_<size>_python_peak_kib | Python allocation peak (tracemalloc) during one ``rank()`` through the index | the index's arrays for this pool |
| rank_top50_<size>_statement_p50_ms | the plain statement, main, database with LEAKPROOF `&&`/`@>` | the same statement NOT LEAKPROOF |

<size> is ``100k`` or ``1m`` (else the count). The index is built once before the timings (its build time and
size are printed), whatever the pool's size (outside the benchmark only pools of RANKING_INDEX_MIN_CANDIDATES,
200,000, get one); the results through it are compared with the plain statement's (ids and scores) and a
difference is reported. "NOT LEAKPROOF" is measured honestly on the live database: a superuser connection opens a
transaction, runs ``ALTER FUNCTION ... NOT LEAKPROOF`` on both functions (pg_proc changes are visible to that
transaction only), ``SET LOCAL ROLE`` to the application role (so row-level security applies exactly as to the
app), sets the tenant, sends the statement and rolls back. The superuser never writes anything that commits.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc

from .common import (
    Figure,
    figure,
    p50,
    p95,
    progress,
    sample_interleaved_milliseconds,
    setup_django,
    size_label,
)

PROFILE_EXTERNAL_ID = "bench-ranking"
# (popularity rank, weight): 0 is the most popular tag of the generator's Zipf-like distribution.
REQUIREMENT_RANKS = (
    (0, 1),
    (3, 2),
    (10, 3),
    (20, 5),
    (40, 2),
    (100, 4),
    (250, 3),
    (500, 2),
    (1000, 1),
    (2000, 1),
)
MUST_HAVE_RANKS = {"main": (20, 100), "popular": (3, 10), "nobody": (500, 1000, 2000)}
MIN_YEARS, EDUCATION = 3, "bachelor"
TOP = 50
LEAKPROOF_FUNCTIONS = ("arraycontains(anyarray, anyarray)", "arrayoverlap(anyarray, anyarray)")


# --- the pool and the profile -------------------------------------------------------------------------------------


def ensure_pool(settings) -> int:
    """Return the tenant id. A tenant holding fewer than half of settings.candidates (or a pool without real tag
    ids) is generated afresh (``--replace``); one that holds at least half is used as it is, never replaced (a
    shared pool such as ``bench1m``)."""
    from django.db import connection

    from candidates.models import Candidate
    from talentpool.tenancy.context import tenant_context

    from .candidates import tag_ids_by_popularity
    from .generate import ensure_tenant, generate, tenant_tag_ids

    tenant = ensure_tenant(settings.slug)
    with tenant_context(tenant), connection.cursor() as cursor:
        count = Candidate.objects.count()
        most_popular = int(tag_ids_by_popularity(tenant_tag_ids())[0])
        cursor.execute(
            f"SELECT count(*) FROM {Candidate._meta.db_table} WHERE tag_ids @> %s::int[]", [[most_popular]]
        )
        carrying = cursor.fetchone()[0]
    if count >= settings.candidates * 0.5:
        if count != settings.candidates or carrying < count * 0.2:
            progress(
                f"ranking: using {settings.slug!r} as it is: {count:,} candidates, {carrying:,} with the most "
                f"popular tag (asked for {settings.candidates:,})"
            )
        return tenant.pk
    # The most popular tag is on about a third of generated candidates: if not, the pool predates real tag ids.
    progress(
        f"ranking: generating {settings.candidates:,} candidates in {settings.slug!r} "
        f"(it held {count:,}, {carrying:,} with the most popular tag)"
    )
    generate(slug=settings.slug, candidates=settings.candidates, replace=True)
    return tenant.pk


def ensure_profile(tenant_id: int, variant: str):
    """Create (or re-create the requirements of) the bench role profile for ``variant``; return it."""
    from profiles.models import Requirement, RoleProfile
    from talentpool.tenancy.context import tenant_context

    from .candidates import tag_ids_by_popularity
    from .generate import tenant_tag_ids

    must = set(MUST_HAVE_RANKS[variant])
    with tenant_context(tenant_id):
        by_popularity = tag_ids_by_popularity(tenant_tag_ids())
        profile, _created = RoleProfile.objects.update_or_create(
            external_id=f"{PROFILE_EXTERNAL_ID}-{variant}",
            defaults={"title": f"Bench ranking ({variant})", "min_years": MIN_YEARS, "education": EDUCATION},
        )
        Requirement.objects.filter(profile=profile).delete()
        Requirement.objects.bulk_create(
            [
                Requirement(
                    tenant_id=tenant_id,
                    profile=profile,
                    tag_id=int(by_popularity[rank]),
                    weight=weight,
                    must_have=rank in must,
                    position=position,
                )
                for position, (rank, weight) in enumerate(REQUIREMENT_RANKS)
            ]
        )
    return profile


# --- the baseline: the same statement with the functions NOT LEAKPROOF ------------------------------------------------


def app_role_name() -> str:
    from django.db import connection

    return connection.get_connection_params()["user"]


def database_leakproof(cursor) -> bool:
    cursor.execute(
        "SELECT bool_and(proleakproof) FROM pg_proc WHERE oid = ANY(%s::regprocedure[])",
        [list(LEAKPROOF_FUNCTIONS)],
    )
    return bool(cursor.fetchone()[0])


class StatementRunner:
    """Runs a ranking statement on the superuser connection as the app role, with the functions' LEAKPROOF flag
    set as asked inside a transaction that is always rolled back."""

    def __init__(self, superuser, tenant_id: int, role: str):
        self.superuser, self.tenant_id, self.role = superuser, tenant_id, role

    def _enter(self, cursor, leakproof: bool) -> None:
        from psycopg2 import sql

        flag = "LEAKPROOF" if leakproof else "NOT LEAKPROOF"
        for function in LEAKPROOF_FUNCTIONS:
            cursor.execute(f"ALTER FUNCTION {function} {flag}")
        cursor.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(self.role)))
        cursor.execute(
            "SELECT set_config('app.tenant_id', %s, true), set_config('jit', 'off', true)",
            [str(self.tenant_id)],
        )

    def seconds(self, statement: tuple[str, list], leakproof: bool) -> float:
        sql, params = statement
        try:
            with self.superuser.cursor() as cursor:
                self._enter(cursor, leakproof)
                started = time.perf_counter()
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                elapsed = time.perf_counter() - started
        finally:
            self.superuser.rollback()
        if not rows and self.tenant_id:
            progress("ranking: the baseline statement returned no rows")
        return elapsed

    def plan(self, statement: tuple[str, list], leakproof: bool, analyze: bool = False) -> str:
        sql, params = statement
        options = "ANALYZE, BUFFERS, " if analyze else ""
        try:
            with self.superuser.cursor() as cursor:
                self._enter(cursor, leakproof)
                cursor.execute(f"EXPLAIN ({options}COSTS OFF) {sql}", params)
                return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            self.superuser.rollback()


def uses_gin(plan: str) -> bool:
    return "candidate_tag_ids_gin" in plan


# --- the benchmark ---------------------------------------------------------------------------------------------------


def bench_ranking(settings) -> list[Figure]:
    """The figures above; skips the NOT LEAKPROOF baseline when there is no superuser connection."""
    from django.db import connection
    from django.test.utils import override_settings

    from profiles import ranking_index
    from profiles.matching import MatchOptions, rank, ranking_statement
    from talentpool.tenancy.context import tenant_context

    from .benchmarks import superuser_connection

    label = size_label(settings.candidates)
    tenant_id = ensure_pool(settings)
    profiles = {variant: ensure_profile(tenant_id, variant) for variant in MUST_HAVE_RANKS}
    cases = {
        "main": (profiles["main"], MatchOptions(limit=TOP)),
        "popular": (profiles["popular"], MatchOptions(limit=TOP)),
        "nobody": (profiles["nobody"], MatchOptions(limit=TOP)),
        "flag": (profiles["main"], MatchOptions(limit=TOP, must_have_mode="flag")),
    }
    with tenant_context(tenant_id), connection.cursor() as cursor:
        leakproof_now = database_leakproof(cursor)
        index = ranking_index.build(tenant_id)
    progress(
        f"ranking: {settings.candidates:,} candidates in {settings.slug!r}; the database has `&&`/`@>` "
        f"{'LEAKPROOF' if leakproof_now else 'NOT LEAKPROOF (run scripts/dev_services.py up)'}; ranking index "
        f"built in {index.built_seconds:.1f} s, {index.nbytes() / 2**20:.0f} MiB"
    )

    def ranked(name: str, indexed: bool = True):
        profile, options = cases[name]

        def work():
            with tenant_context(tenant_id), override_settings(RANKING_INDEX_ENABLED=indexed):
                return rank(profile, options)

        return work

    figures: list[Figure] = []
    for name in cases:
        same = _same_page(ranked(name)(), ranked(name, indexed=False)())
        # The plain statement of the no-one-meets-the-must-haves page scores most of the pool: seconds at
        # 1,000,000, so fewer turns for it (each turn still runs both, one after the other).
        runs = (
            settings.runs
            if name in ("main", "popular") or settings.candidates < 500_000
            else max(3, settings.runs // 3)
        )
        samples = sample_interleaved_milliseconds(
            {"value": ranked(name), "baseline": ranked(name, indexed=False)}, runs=runs, warmup=1
        )
        progress(
            f"ranking {name}: rank() through the index p50 {p50(samples['value']):.1f} ms, p95 "
            f"{p95(samples['value']):.1f} ms; plain statement p50 {p50(samples['baseline']):.1f} ms, p95 "
            f"{p95(samples['baseline']):.1f} ms ({runs} runs); pages identical: {same}"
        )
        suffix = "" if name == "main" else f"_{name}"
        baseline_name = (
            "rank() with the ranking index off: the plain statement over the pool (same run, taking "
            f"turns); the page through the index {'is identical' if same else 'DIFFERS'}"
        )
        figures.append(
            figure(
                f"rank_top50_{label}{suffix}_p50_ms",
                p50(samples["value"]),
                "ms",
                p50(samples["baseline"]),
                baseline_name,
            )
        )
        if name == "main":
            figures.append(
                figure(
                    f"rank_top50_{label}_p95_ms",
                    p95(samples["value"]),
                    "ms",
                    p95(samples["baseline"]),
                    baseline_name,
                )
            )
    superuser = superuser_connection(settings)
    if superuser is not None:
        try:
            figures += _leakproof_figure(
                settings,
                superuser,
                tenant_id,
                label,
                ranked("main", indexed=False),
                lambda: ranking_statement(*cases["main"]),
            )
        finally:
            superuser.close()
    figures += _memory_and_inverted_index(
        settings, tenant_id, ranked("nobody"), cases["nobody"], index, label
    )
    return figures


def _same_page(fast, slow) -> bool:
    """Same candidates, scores, parts and explanations (the activity score is computed at each call's time)."""

    def comparable(matches):
        out = []
        for match in matches:
            value = match.as_json()
            value["candidate"].pop("activity_score", None)
            value["candidate"].pop("activity_tier", None)
            out.append(value)
        return out

    return comparable(fast) == comparable(slow)


def _leakproof_figure(settings, superuser, tenant_id: int, label: str, plain, statement_for) -> list[Figure]:
    from django.db import connection

    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant_id), connection.cursor():
        statement = statement_for()
    runner = StatementRunner(superuser, tenant_id, app_role_name())
    _report_plans(runner, statement)
    samples = sample_interleaved_milliseconds(
        {"value": plain, "baseline": lambda: runner.seconds(statement, leakproof=False)}, runs=settings.runs
    )
    return [
        figure(
            f"rank_top50_{label}_statement_p50_ms",
            p50(samples["value"]),
            "ms",
            p50(samples["baseline"]),
            "the same statement with arraycontains/arrayoverlap NOT LEAKPROOF (rolled-back transaction, "
            "superuser SET LOCAL ROLE to the app role, RLS applies), statement only; value: rank() with the "
            "ranking index off, end to end",
        )
    ]


def _report_plans(runner: StatementRunner, statement) -> None:
    with_plan = runner.plan(statement, leakproof=True, analyze=True)
    without_plan = runner.plan(statement, leakproof=False)
    progress(
        f"ranking: GIN index used with LEAKPROOF: {uses_gin(with_plan)}; without: {uses_gin(without_plan)}"
    )
    scan = [
        line
        for line in with_plan.splitlines()
        if "candidate_tag_ids_gin" in line
        or "Execution Time" in line
        or "Scan on candidates_candidate" in line
    ]
    progress("ranking: EXPLAIN ANALYZE with LEAKPROOF:\n" + "\n".join(scan))


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _memory_and_inverted_index(settings, tenant_id: int, work, case, index, label: str) -> list[Figure]:
    from profiles import ranking_index
    from profiles.matching import _expand, _Statement, clean_options
    from talentpool.tenancy.context import tenant_context

    work()
    rss_before = _rss_kib()
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for _ in range(10):
        work()
    rss_growth = _rss_kib() - rss_before
    progress(
        f"ranking: Python allocation peak in rank() (nobody, through the index) {peak / 1024:.0f} KiB; RSS "
        f"growth over 11 calls {rss_growth} KiB; the index holds {index.nbytes() / 2**20:.0f} MiB"
    )
    profile, options = case
    with tenant_context(tenant_id):
        specs, language = _expand(profile, tenant_id)
        statement = _Statement(profile, clean_options(options), specs, tenant_id, language)

    def in_memory():
        return ranking_index.score(index, statement)

    samples = sample_interleaved_milliseconds({"value": work, "baseline": in_memory}, runs=settings.runs)
    progress(
        f"ranking: the index's own scoring (nobody) p50 {p50(samples['baseline']):.2f} ms, "
        f"p95 {p95(samples['baseline']):.2f} ms"
    )
    return [
        figure(
            f"rank_top50_{label}_nobody_vs_inverted_index_p50_ms",
            p50(samples["value"]),
            "ms",
            p50(samples["baseline"]),
            "the in-memory index's scoring of the same pool alone (profiles.ranking_index.score: the statement's "
            "scoring in numpy, ids and keys only, no SQL, no explanation)",
        ),
        figure(
            f"rank_top50_{label}_python_peak_kib",
            peak / 1024,
            "KiB",
            index.nbytes() / 1024,
            "the ranking index's arrays for this pool, held once per process (value: the transient peak of one "
            f"rank() through it); RSS growth over 11 rank() calls: {rss_growth} KiB",
        ),
    ]


BENCHMARKS = (bench_ranking,)


def main() -> int:
    setup_django()
    from .benchmarks import BenchSettings
    from .common import emit

    settings = BenchSettings.from_environment()
    for result in bench_ranking(settings):
        emit(result)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")
    sys.exit(main())
