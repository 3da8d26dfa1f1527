"""The worker's memory as the pool grows: a fresh process runs engagement's periodic work on a tenant — the nightly
reconcile, the engine's weekly dry run, a campaign audience count and a sequence pass — and reports its peak
resident memory (VmHWM). Run at two pool sizes, memory should stay flat: every job is set-based in PostgreSQL
and streams what it reads.

    BENCH_WORKER_SMALL=benchh6 BENCH_WORKER_LARGE=benchh6m python -m bench.engagement_worker

| figure | value | baseline |
| --- | --- | --- |
| engagement_worker_peak_rss_mb | peak RSS of the process on the large tenant (BENCH_WORKER_LARGE, 1,000,000 candidates) | the same on the small tenant (BENCH_WORKER_SMALL, 100,000): a ratio near 1 is flat |

Both tenants must exist (``python -m bench.generate --tenant … --candidates …``); the figure is skipped with a
message otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .common import Figure, figure, peak_rss_mb, progress, setup_django

ROOT = Path(__file__).resolve().parent.parent


def _run_jobs(slug: str) -> None:
    """Child process: the periodic jobs on one tenant, then its peak RSS and pool size as JSON."""
    setup_django()
    from candidates.models import Candidate
    from engagement.services.campaigns import audience_count, sequences_advance
    from engagement.services.engine import engine_run
    from engagement.services.interactions import activity_reconcile
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    tenant = Tenant.objects.get(slug=slug)
    with tenant_context(tenant):
        size = Candidate.objects.count()
        activity_reconcile()
        engine_run(dry_run=True)
        audience_count({"tiers": ["high", "mid"]})
        sequences_advance()
    print(json.dumps({"candidates": size, "peak_rss_mb": peak_rss_mb()}), flush=True)


def _measure(slug: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.engagement_worker", "jobs", slug],
        cwd=ROOT,
        env=dict(os.environ),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def engagement_worker_memory(settings=None) -> list[Figure]:
    from talentpool.tenancy.models import Tenant

    small = os.environ.get("BENCH_WORKER_SMALL", "bench")
    large = os.environ.get("BENCH_WORKER_LARGE", "bench-1m")
    missing = [slug for slug in (small, large) if not Tenant.objects.filter(slug=slug).exists()]
    if missing:
        progress(
            f"engagement worker memory: skipped, no bench tenant {', '.join(missing)} (bench.generate makes one)"
        )
        return []
    results = {slug: _measure(slug) for slug in (small, large)}
    for slug, result in results.items():
        progress(
            f"engagement worker on {slug}: {result['candidates']:,} candidates, peak RSS "
            f"{result['peak_rss_mb']:.0f} MB"
        )
    return [
        figure(
            "engagement_worker_peak_rss_mb",
            results[large]["peak_rss_mb"],
            "MB",
            results[small]["peak_rss_mb"],
            f"peak RSS of the same jobs on {results[small]['candidates']:,} candidates "
            f"(value: {results[large]['candidates']:,})",
        )
    ]


BENCHMARKS = (engagement_worker_memory,)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "jobs":
        _run_jobs(sys.argv[2])
    else:
        setup_django()
        from .common import emit

        for result in engagement_worker_memory():
            emit(result)
