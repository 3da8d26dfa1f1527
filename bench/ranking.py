"""Ranking benchmark: ``profiles.matching.rank`` over the bench pool, with and without LEAKPROOF array operators.

    python -m bench.ranking                                    # the pool of BENCH_TENANT / BENCH_CANDIDATES
    BENCH_TENANT=benchrank BENCH_CANDIDATES=1000000 python -m bench.ranking

Also part of ``python -m bench``. If the tenant does not hold BENCH_CANDIDATES candidates with real tag ids, the
pool is generated first (``bench.generate``, --replace).

The profile (``bench-ranking``, re-created on every run from the tenant's tags): 10 requirements on the tags of
popularity ranks 0, 3, 10, 20, 40, 100, 250, 500, 1,000 and 2,000 (0 = the most popular, on ~34% of
candidates; 2,000 on ~0.15%), weights 1–5, minimum 3 years, bachelor. Must-haves:

- ``main``: ranks 20 and 100 (on 9.4% and 2.4% of candidates; both on ~0.23%, 225 per 100,000). The brief's
  example, ranks 50 and 300, leaves 48 per 100,000: fewer than the 50 asked for.
- ``popular``: ranks 3 and 10 (25% and 15%; both on ~3.7%): the gate keeps many rows, the harder case.
- ``flag``: the main profile with must_have_mode="flag": no gate, every candidate with any requirement's tag
  is scored (~60% of the pool).

Figures (value and baseline measured in the same run, taking turns; latency = median / p95 of BENCH_RUNS):

| figure | value | baseline |
| --- | --- | --- |
| rank_top50_<size>_p50_ms, _p95_ms | ``rank()`` end to end (Django, app role, RLS), top 50, main | the same statement with `&&`/`@>` NOT LEAKPROOF |
| rank_top50_<size>_popular_p50_ms | same, popular must-haves | same, NOT LEAKPROOF |
| rank_top50_<size>_flag_p50_ms | same, flag mode | same, NOT LEAKPROOF |
| rank_top50_<size>_vs_inverted_index_p50_ms | ``rank()``, main | in-memory numpy inverted index, same scoring, no explanation |
| rank_top50_<size>_python_peak_kib | Python allocation peak (tracemalloc) during one ``rank()`` | the inverted index's arrays for this pool |

<size> is ``100k`` or ``1m`` (else the count). "NOT LEAKPROOF" is measured honestly on the live database: a
superuser connection opens a transaction, runs ``ALTER FUNCTION ... NOT LEAKPROOF`` on both functions (pg_proc
changes are visible to that transaction only), ``SET LOCAL ROLE`` to the application role (so row-level
security applies exactly as to the app), sets the tenant, sends the statement ``rank()`` sends, and rolls back.
Only the statement is timed there, so the baseline leaves out ``rank()``'s few small queries and Python work
that the value includes: the ratio understates the gain. The superuser never writes anything that commits.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

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
REQUIREMENT_RANKS = ((0, 1), (3, 2), (10, 3), (20, 5), (40, 2), (100, 4), (250, 3), (500, 2), (1000, 1), (2000, 1))
MUST_HAVE_RANKS = {"main": (20, 100), "popular": (3, 10)}
MIN_YEARS, EDUCATION = 3, "bachelor"
TOP = 50
LEAKPROOF_FUNCTIONS = ("arraycontains(anyarray, anyarray)", "arrayoverlap(anyarray, anyarray)")


# --- the pool and the profile -------------------------------------------------------------------------------------


def ensure_pool(settings) -> int:
    """Return the tenant id, generating the pool first unless it holds settings.candidates with real tag ids."""
    from django.db import connection

    from candidates.models import Candidate
    from talentpool.tenancy.context import tenant_context

    from .candidates import tag_ids_by_popularity
    from .generate import ensure_tenant, generate, tenant_tag_ids

    tenant = ensure_tenant(settings.slug)
    with tenant_context(tenant), connection.cursor() as cursor:
        count = Candidate.objects.count()
        most_popular = int(tag_ids_by_popularity(tenant_tag_ids())[0])
        cursor.execute(f"SELECT count(*) FROM {Candidate._meta.db_table} WHERE tag_ids @> %s::int[]", [[most_popular]])
        carrying = cursor.fetchone()[0]
    # The most popular tag is on about a third of generated candidates: if not, the pool predates real tag ids.
    if count != settings.candidates or carrying < count * 0.2:
        progress(f"ranking: generating {settings.candidates:,} candidates in {settings.slug!r} "
                 f"(it held {count:,}, {carrying:,} with the most popular tag)")
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
        Requirement.objects.bulk_create([
            Requirement(tenant_id=tenant_id, profile=profile, tag_id=int(by_popularity[rank]), weight=weight,
                        must_have=rank in must,
                        position=position)
            for position, (rank, weight) in enumerate(REQUIREMENT_RANKS)
        ])
    return profile


# --- the baseline: the same statement with the functions NOT LEAKPROOF ------------------------------------------------


def app_role_name() -> str:
    from django.db import connection

    return connection.get_connection_params()["user"]


def database_leakproof(cursor) -> bool:
    cursor.execute("SELECT bool_and(proleakproof) FROM pg_proc WHERE oid = ANY(%s::regprocedure[])",
                   [list(LEAKPROOF_FUNCTIONS)])
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
        cursor.execute("SELECT set_config('app.tenant_id', %s, true), set_config('jit', 'off', true)",
                       [str(self.tenant_id)])

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


# --- the in-memory inverted index (the bar to approach) -----------------------------------------------------------


@dataclass
class InvertedIndex:
    """Postings per tag (row numbers, sorted, and the tag's strength in percent on each row) and per-candidate
    columns, as numpy arrays."""

    ids: np.ndarray
    postings: dict[int, np.ndarray]
    strengths: dict[int, np.ndarray]
    active: np.ndarray
    activity: np.ndarray  # the stored activity anchor: it orders rows as the activity score does
    updated: np.ndarray
    years: np.ndarray
    education: np.ndarray
    mass: np.ndarray  # per row: Σ (strength / 100)² over its tags (the focus's denominator)

    def nbytes(self) -> int:
        columns = (self.ids, self.active, self.activity, self.updated, self.years, self.education, self.mass)
        return (sum(a.nbytes for a in columns) + sum(p.nbytes for p in self.postings.values())
                + sum(p.nbytes for p in self.strengths.values()))

    @classmethod
    def load(cls, tenant_id: int) -> InvertedIndex:
        """Read the tenant's pool through the app role (not timed): one row of columns, one row per tag."""
        from django.db import connection

        from candidates.models import EDUCATION_RANK, Candidate
        from talentpool.tenancy.context import tenant_context

        table = Candidate._meta.db_table
        education_case = " ".join(f"WHEN '{level}' THEN {rank}" for level, rank in EDUCATION_RANK.items() if level)
        with tenant_context(tenant_id), connection.cursor() as cursor:
            cursor.execute(f"""
                SELECT string_agg(id::text, ',' ORDER BY id),
                       string_agg((status = 'active')::int::text, ',' ORDER BY id),
                       string_agg(activity_anchor::text, ',' ORDER BY id),
                       string_agg(extract(epoch FROM updated_at)::bigint::text, ',' ORDER BY id),
                       string_agg(coalesce(years_experience::text, 'nan'), ',' ORDER BY id),
                       string_agg((CASE highest_education {education_case} ELSE 0 END)::text, ',' ORDER BY id)
                FROM {table}""")
            columns = [np.array(text.split(","), dtype=float) for text in cursor.fetchone()]
            ids = columns[0].astype(np.int64)
            cursor.execute(f"""
                SELECT tag, string_agg(id::text, ',' ORDER BY id), string_agg(strength::text, ',' ORDER BY id)
                FROM {table}, unnest(tag_ids, tag_strengths) AS u(tag, strength) GROUP BY tag""")
            postings, strengths = {}, {}
            for tag, id_text, strength_text in cursor.fetchall():
                postings[int(tag)] = np.searchsorted(ids, np.array(id_text.split(","), dtype=np.int64)).astype(np.int32)
                strengths[int(tag)] = np.array(strength_text.split(","), dtype=np.int16)
        mass = np.zeros(len(ids))
        for tag, rows in postings.items():
            np.add.at(mass, rows, (strengths[tag] / 100.0) ** 2)
        return cls(ids=ids, postings=postings, strengths=strengths, active=columns[1].astype(bool), activity=columns[2],
                   updated=columns[3], years=columns[4], education=columns[5].astype(np.int8), mass=mass)

    def _rows_with_any(self, tag_ids) -> np.ndarray:
        lists = [self.postings[tag] for tag in tag_ids if tag in self.postings]
        if not lists:
            return np.empty(0, dtype=np.int32)
        return lists[0] if len(lists) == 1 else np.unique(np.concatenate(lists))

    def _strength(self, rows: np.ndarray, tag_ids) -> np.ndarray:
        """Per row of ``rows``: the strongest of ``tag_ids`` it holds, 0..1 (0 when it holds none)."""
        out = np.zeros(len(rows))
        for tag in tag_ids:
            posting = self.postings.get(tag)
            if posting is None or not len(posting):
                continue
            at = np.minimum(np.searchsorted(posting, rows), len(posting) - 1)
            held = posting[at] == rows
            out = np.maximum(out, np.where(held, self.strengths[tag][at] / 100.0, 0.0))
        return out

    def _answering_mass(self, rows: np.ndarray, tag_ids) -> np.ndarray:
        """Per row of ``rows``: Σ (strength / 100)² over the tags of ``tag_ids`` it holds."""
        out = np.zeros(len(rows))
        for tag in set(tag_ids):
            posting = self.postings.get(tag)
            if posting is None or not len(posting):
                continue
            at = np.minimum(np.searchsorted(posting, rows), len(posting) - 1)
            out += np.where(posting[at] == rows, (self.strengths[tag][at] / 100.0) ** 2, 0.0)
        return out

    def rank(self, specs, min_years: float, education_rank: int, limit: int = TOP) -> np.ndarray:
        """Candidate ids of the top ``limit``: exclude mode, the same scoring and order as profiles.matching."""
        from profiles.matching import EDUCATION_SHARE, FOCUS_SHARE, PARENT_CREDIT, PARTIAL_CREDIT, YEARS_SHARE

        must = [spec for spec in specs if spec.must_have]
        rows = None
        for spec in must:
            hits = self._rows_with_any(spec.full_ids)
            rows = hits if rows is None else np.intersect1d(rows, hits, assume_unique=True)
        if rows is None:
            rows = self._rows_with_any([tag for spec in specs for tag in spec.all_ids])
        rows = rows[self.active[rows]]
        total = float(sum(spec.score_weight for spec in specs))
        coverage = np.zeros(len(rows))
        for spec in specs:
            full = self._strength(rows, spec.full_ids)
            parent = self._strength(rows, spec.parent_ids)
            child = self._strength(rows, spec.child_ids)
            credit = np.where(full > 0, full, np.where(parent > 0, PARENT_CREDIT * parent, PARTIAL_CREDIT * child))
            coverage += spec.score_weight * credit
        coverage /= total
        # A shortfall takes its share off; a fit that is unknown for the candidate takes nothing off.
        years = self.years[rows]
        years_fit = np.where(np.isnan(years), 1.0, np.minimum(np.maximum(np.nan_to_num(years), 0) / min_years, 1.0))
        education = self.education[rows]
        education_fit = np.where(education == 0, 1.0, np.where(
            education >= education_rank, 1.0, np.where(education == education_rank - 1, 0.5, 0.0)))
        score = 100.0 * coverage * (1.0 - YEARS_SHARE * (1.0 - years_fit) - EDUCATION_SHARE * (1.0 - education_fit))
        if specs:
            mass = self.mass[rows]
            answering = self._answering_mass(rows, [tag for spec in specs for tag in spec.all_ids])
            focus = np.divide(answering, mass, out=np.ones(len(rows)), where=mass > 0)
            score *= 1.0 - FOCUS_SHARE * (1.0 - focus)
        order = np.lexsort((self.ids[rows], -self.updated[rows], -self.activity[rows], -score))[:limit]
        return self.ids[rows[order]]


# --- the benchmark ---------------------------------------------------------------------------------------------------


def bench_ranking(settings) -> list[Figure]:
    """The figures above; skips the NOT LEAKPROOF baselines when there is no superuser connection."""
    from django.db import connection

    from profiles.matching import MatchOptions, rank, ranking_statement
    from talentpool.tenancy.context import tenant_context

    from .benchmarks import superuser_connection

    label = size_label(settings.candidates)
    tenant_id = ensure_pool(settings)
    profiles = {variant: ensure_profile(tenant_id, variant) for variant in MUST_HAVE_RANKS}
    cases = {
        "main": (profiles["main"], MatchOptions(limit=TOP)),
        "popular": (profiles["popular"], MatchOptions(limit=TOP)),
        "flag": (profiles["main"], MatchOptions(limit=TOP, must_have_mode="flag")),
    }
    with tenant_context(tenant_id), connection.cursor() as cursor:
        leakproof_now = database_leakproof(cursor)
        statements = {name: ranking_statement(profile, options) for name, (profile, options) in cases.items()}
    progress(f"ranking: {settings.candidates:,} candidates in {settings.slug!r}; the database has `&&`/`@>` "
             f"{'LEAKPROOF' if leakproof_now else 'NOT LEAKPROOF (run scripts/dev_services.py up)'}")

    def ranked(name: str):
        profile, options = cases[name]

        def work():
            with tenant_context(tenant_id):
                return rank(profile, options)

        return work

    superuser = superuser_connection(settings)
    runner = StatementRunner(superuser, tenant_id, app_role_name()) if superuser is not None else None
    figures: list[Figure] = []
    try:
        if runner is not None:
            _report_plans(runner, statements["main"])
        for name in cases:
            works = {"value": ranked(name)}
            if runner is not None:
                works["baseline"] = lambda name=name: runner.seconds(statements[name], leakproof=False)
            samples = sample_interleaved_milliseconds(works, runs=settings.runs)
            result = ranked(name)()
            suffix = "" if name == "main" else f"_{name}"
            progress(f"ranking {name}: {len(result)} rows; rank() p50 {p50(samples['value']):.1f} ms, "
                     f"p95 {p95(samples['value']):.1f} ms" + (
                         f"; NOT LEAKPROOF statement p50 {p50(samples['baseline']):.1f} ms, "
                         f"p95 {p95(samples['baseline']):.1f} ms" if "baseline" in samples else ""))
            if "baseline" not in samples:
                continue
            baseline_name = ("the same statement with arraycontains/arrayoverlap NOT LEAKPROOF (rolled-back "
                             "transaction, superuser SET LOCAL ROLE to the app role, RLS applies), statement only; "
                             f"value: rank() end to end, database {'with' if leakproof_now else 'WITHOUT'} LEAKPROOF")
            figures.append(figure(f"rank_top50_{label}{suffix}_p50_ms", p50(samples["value"]), "ms",
                                  p50(samples["baseline"]), baseline_name))
            if name == "main":
                figures.append(figure(f"rank_top50_{label}_p95_ms", p95(samples["value"]), "ms",
                                      p95(samples["baseline"]), baseline_name))
    finally:
        if superuser is not None:
            superuser.close()
    figures += _memory_and_inverted_index(settings, tenant_id, ranked("main"), profiles["main"], label)
    return figures


def _report_plans(runner: StatementRunner, statement) -> None:
    with_plan = runner.plan(statement, leakproof=True, analyze=True)
    without_plan = runner.plan(statement, leakproof=False)
    progress(f"ranking: GIN index used with LEAKPROOF: {uses_gin(with_plan)}; without: {uses_gin(without_plan)}")
    scan = [line for line in with_plan.splitlines() if "candidate_tag_ids_gin" in line or "Execution Time" in line
            or "Scan on candidates_candidate" in line]
    progress("ranking: EXPLAIN ANALYZE with LEAKPROOF:\n" + "\n".join(scan))
    scan = [line for line in without_plan.splitlines() if "Scan on candidates_candidate" in line or "Filter" in line]
    progress("ranking: plan without LEAKPROOF:\n" + "\n".join(scan[:4]))


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _memory_and_inverted_index(settings, tenant_id: int, work, profile, label: str) -> list[Figure]:
    from profiles.matching import MatchOptions, rank, requirement_specs
    from talentpool.tenancy.context import tenant_context

    # Memory first, before the inverted index is built in this process.
    work()
    rss_before = _rss_kib()
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for _ in range(10):
        work()
    rss_growth = _rss_kib() - rss_before
    progress(f"ranking: Python allocation peak in rank() {peak / 1024:.0f} KiB; RSS growth over 11 calls "
             f"{rss_growth} KiB")

    with tenant_context(tenant_id):
        specs = requirement_specs(profile)
        expected = [match.candidate_id for match in rank(profile, MatchOptions(limit=TOP))]
    started = time.perf_counter()
    index = InvertedIndex.load(tenant_id)
    progress(f"ranking: inverted index loaded in {time.perf_counter() - started:.1f} s, "
             f"{index.nbytes() / 2**20:.1f} MiB of arrays")
    from candidates.models import EDUCATION_RANK

    def in_memory():
        return index.rank(specs, float(MIN_YEARS), EDUCATION_RANK[EDUCATION])

    got = [int(pk) for pk in in_memory()]
    if got != expected:
        same = len(set(got) & set(expected))
        progress(f"ranking: the inverted index's top {TOP} differs from rank()'s ({same} ids in common)")
    samples = sample_interleaved_milliseconds({"value": work, "baseline": in_memory}, runs=settings.runs)
    progress(f"ranking: inverted index p50 {p50(samples['baseline']):.2f} ms, "
             f"p95 {p95(samples['baseline']):.2f} ms")
    return [
        figure(f"rank_top50_{label}_vs_inverted_index_p50_ms", p50(samples["value"]), "ms",
               p50(samples["baseline"]),
               "in-memory numpy inverted index of the same pool, same scoring and order, ids only "
               f"(no explanation); {index.nbytes() / 2**20:.0f} MiB held in the process"),
        figure(f"rank_top50_{label}_python_peak_kib", peak / 1024, "KiB", index.nbytes() / 1024,
               "the in-memory inverted index's arrays for this pool (what the SQL path does not hold); "
               f"RSS growth over 11 rank() calls: {rss_growth} KiB"),
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

