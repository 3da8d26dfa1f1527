"""Campaign audience count: ``engagement.services.campaigns.audience_count`` over the bench tenant's pool.

    python -m bench.engagement_audience                         # the pool of BENCH_TENANT / BENCH_CANDIDATES
    BENCH_CANDIDATES=1000000 python -m bench.engagement_audience

Also part of ``python -m bench``. The pool is the one ``bench.generate`` fills (generated first if the tenant
does not hold BENCH_CANDIDATES candidates with real tag ids, as for the ranking benchmark).

Audiences (tags by popularity rank in the generator's Zipf-like distribution, 0 = the most popular):

- ``segment``: any of the tags of ranks 20, 40 and 100, tiers high or mid — the builder's typical audience;
- ``popular``: any of the tags of ranks 0 and 3 (about half the pool), every tier — the widest count.

| figure | value | baseline |
| --- | --- | --- |
| audience_count_<size>_p50_ms | ``audience_count()`` end to end (validation, one COUNT with ``tag_ids && …`` on the GIN index, RLS), segment | the same COUNT with "any of the tags" written as ``EXISTS (SELECT 1 FROM unnest(tag_ids) …)``, which no index can answer, through the same app role and RLS |
| audience_count_<size>_popular_p50_ms | same, popular | same, popular |

Both sides take turns (``sample_interleaved_milliseconds``) and must return the same count. <size> as in
bench/ranking.py. The issue asks ≤ 1 s at 1,000,000 candidates.
"""

from __future__ import annotations

import sys

from .common import Figure, figure, p50, progress, sample_interleaved_milliseconds, setup_django

AUDIENCES = {
    "segment": {"ranks": (20, 40, 100), "tiers": ["high", "mid"]},
    "popular": {"ranks": (0, 3), "tiers": []},
}


def _audience(tenant_id: int, spec: dict) -> dict:
    from talentpool.tenancy.context import tenant_context

    from .candidates import tag_ids_by_popularity
    from .generate import tenant_tag_ids

    with tenant_context(tenant_id):
        by_popularity = tag_ids_by_popularity(tenant_tag_ids())
    audience = {"tag_ids": [int(by_popularity[rank]) for rank in spec["ranks"]]}
    if spec["tiers"]:
        audience["tiers"] = list(spec["tiers"])
    return audience


def _unindexed_count(audience: dict) -> int:
    """The same count with the tag test as a correlated EXISTS over unnest (what a filter that does not use
    the array operator costs): same reachability and tier conditions, same role, same row-level security."""
    from django.db import connection

    from candidates.models import Candidate, CandidateStatus, ConsentStatus
    from engagement.scoring import current_params, tier_sql
    from talentpool.tenancy.context import require_tenant_id

    conditions = [
        "c.tenant_id = %s",
        "c.status = %s",
        "c.merged_into_id IS NULL",
        "c.consent_status <> %s",
        "EXISTS (SELECT 1 FROM unnest(c.tag_ids) AS t(id) WHERE t.id = ANY(%s::int[]))",
    ]
    params: list = [require_tenant_id(), CandidateStatus.ACTIVE, ConsentStatus.WITHDRAWN, audience["tag_ids"]]
    if audience.get("tiers"):
        tier_clause, tier_params = tier_sql(audience["tiers"], current_params())
        conditions.append(tier_clause)
        params += tier_params
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {Candidate._meta.db_table} c WHERE {' AND '.join(conditions)}", params
        )
        return int(cursor.fetchone()[0])


def _plan_uses_gin(tenant_id: int, audience: dict) -> bool:
    from django.db import connection

    from engagement.services.campaigns import audience_candidates, audience_validate
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant_id), connection.cursor() as cursor:
        query = audience_candidates(audience_validate(audience)).values("pk").query
        sql, params = query.get_compiler(using="default").as_sql()
        cursor.execute(f"EXPLAIN (COSTS OFF) SELECT count(*) FROM ({sql}) q", params)
        return any("candidate_tag_ids_gin" in row[0] for row in cursor.fetchall())


def bench_engagement_audience(settings) -> list[Figure]:
    """The figures above."""
    from engagement.services.campaigns import audience_count
    from talentpool.tenancy.context import tenant_context

    from .common import size_label
    from .ranking import ensure_pool

    label = size_label(settings.candidates)
    tenant_id = ensure_pool(settings)
    runs = max(3, min(settings.runs, 15))  # the unindexed baseline scans the whole pool on every run
    figures: list[Figure] = []
    for name, spec in AUDIENCES.items():
        audience = _audience(tenant_id, spec)

        def value(audience=audience) -> int:
            with tenant_context(tenant_id):
                return audience_count(audience)

        def baseline(audience=audience) -> int:
            with tenant_context(tenant_id):
                return _unindexed_count(audience)

        counted, expected = value(), baseline()
        if counted != expected:
            raise AssertionError(f"audience {name}: audience_count {counted} != unindexed count {expected}")
        samples = sample_interleaved_milliseconds({"value": value, "baseline": baseline}, runs=runs, warmup=1)
        progress(
            f"audience {name}: {counted:,} of {settings.candidates:,} candidates; audience_count p50 "
            f"{p50(samples['value']):.1f} ms (GIN in plan: {_plan_uses_gin(tenant_id, audience)}); "
            f"unindexed p50 {p50(samples['baseline']):.1f} ms"
        )
        suffix = "" if name == "segment" else f"_{name}"
        figures.append(
            figure(
                f"audience_count_{label}{suffix}_p50_ms",
                p50(samples["value"]),
                "ms",
                p50(samples["baseline"]),
                "the same COUNT with the any-of-tags test as EXISTS over unnest(tag_ids) (no index can answer it), "
                "same app role and RLS; value: audience_count() end to end with tag_ids && (GIN index when selective)",
            )
        )
    return figures


BENCHMARKS = (bench_engagement_audience,)


def main() -> int:
    setup_django()
    from .benchmarks import BenchSettings
    from .common import emit

    for result in bench_engagement_audience(BenchSettings.from_environment()):
        emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
