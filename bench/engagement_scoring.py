"""Activity-score benchmarks: the nightly reconcile over the bench pool, and one new interaction to an updated
score and tier.

    python -m bench.engagement_scoring                       # the pool of BENCH_TENANT / BENCH_CANDIDATES
    BENCH_CANDIDATES=1000000 python -m bench.engagement_scoring

Also part of ``python -m bench``. The pool (candidates with ~10 interactions each, applications and stage
events) comes from ``bench.generate.ensure_pool``, generated when the tenant does not hold it.

| figure | value | baseline |
| --- | --- | --- |
| activity_reconcile_<size>_full_s | ``activity_reconcile`` when every anchor is wrong (as after a change of weights or half-life): one UPDATE … FROM over the pool | the ORM row by row (``activity_recompute_rowwise``: read each candidate's interactions, sum in Python, save) on a 10,000-candidate sample, scaled to the pool |
| activity_reconcile_<size>_steady_s | the nightly run when nothing changed (it writes no row) | same baseline |
| interaction_to_tier_<size>_p50_ms, _p95_ms | ``POST /api/v1/interactions/`` through Django's whole stack (API key, middleware, RLS) then ``GET /api/v1/candidates/{id}/`` showing the new score and tier | ``interaction_record`` called in-process, then the candidate read back |

| high_tier_reaction_<size>_p50_ms, _p95_ms | two interactions posted to the API that make a low candidate high, until a real Celery worker (started by the bench, one process) has opened the follow-up with the roles that fit and notified the recruiters | the same reaction (``follow_up_for_high_tier``) called in-process: what the worker path adds is the broker and the worker's pick-up |

The score and tier move in the request itself (decision 0011); only the high-tier reaction goes through a worker.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta

from .common import Stopwatch, figure, p50, p95, progress, setup_django, size_label

SAMPLE = 10_000


def reconcile_figures(settings, tenant_id: int) -> list:
    from django.db import connection, transaction

    from candidates.models import Candidate
    from engagement.services.interactions import activity_recompute_rowwise, activity_reconcile
    from talentpool.tenancy.context import tenant_context

    size = size_label(settings.candidates)
    with tenant_context(tenant_id):
        total = Candidate.objects.count()
        # Every anchor wrong, as after a change of weights: the worst night (not timed).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE candidates_candidate SET activity_anchor = 0 WHERE tenant_id = %s", [tenant_id]
            )
        with Stopwatch() as full:
            full_counts = activity_reconcile()
        progress(f"reconcile (every anchor wrong): {full.seconds:.1f} s, {full_counts}")
        with Stopwatch() as steady:
            steady_counts = activity_reconcile()
        progress(f"reconcile (nothing changed): {steady.seconds:.1f} s, {steady_counts}")

        ids = list(Candidate.objects.order_by("?").values_list("pk", flat=True)[:SAMPLE])
        with Stopwatch() as rowwise:
            for candidate in (
                Candidate.objects.filter(pk__in=ids)
                .only("id", "tenant_id", "activity_anchor")
                .iterator(chunk_size=2000)
            ):
                activity_recompute_rowwise(candidate)
        scaled = rowwise.seconds * total / max(len(ids), 1)
        progress(
            f"row by row: {len(ids):,} candidates in {rowwise.seconds:.1f} s → {scaled:.0f} s for {total:,}"
        )
        activity_reconcile()  # leave the pool exactly as the set-based statement writes it
    baseline_name = f"ORM row by row on {len(ids):,} candidates, scaled to {total:,}"
    return [
        figure(f"activity_reconcile_{size}_full_s", full.seconds, "s", scaled, baseline_name),
        figure(f"activity_reconcile_{size}_steady_s", steady.seconds, "s", scaled, baseline_name),
    ]


def latency_figures(settings, tenant_id: int) -> list:
    from django.test import Client
    from django.utils import timezone

    from candidates.models import Candidate
    from engagement.services.interactions import interaction_record
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant
    from talentpool.tenancy.services import api_key_create

    size = size_label(settings.candidates)
    tenant = Tenant.objects.get(pk=tenant_id)
    key = api_key_create(tenant, name="bench engagement scoring", scopes=("read", "write")).key
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_HOST="localhost")
    with tenant_context(tenant_id):
        ids = list(Candidate.objects.order_by("?").values_list("pk", flat=True)[: 2 * settings.runs])
    through_api, in_process = [], []
    kinds = ("opened", "clicked", "replied", "meeting")
    for index, candidate_id in enumerate(ids):
        kind = random.choice(kinds)
        started = time.perf_counter()
        if index % 2 == 0:
            response = client.post(
                "/api/v1/interactions/",
                {"candidate": candidate_id, "kind": kind, "occurred_at": timezone.now().isoformat()},
                content_type="application/json",
            )
            assert response.status_code == 201, response.content[:300]
            detail = client.get(f"/api/v1/candidates/{candidate_id}/").json()
            assert detail["activity_score"] > 0 and detail["activity_tier"] in ("high", "mid", "low")
            through_api.append((time.perf_counter() - started) * 1000)
        else:
            with tenant_context(tenant_id):
                candidate = Candidate.objects.get(pk=candidate_id)
                interaction_record(
                    candidate=candidate, kind=kind, occurred_at=timezone.now() - timedelta(seconds=1)
                )
                candidate = Candidate.objects.get(pk=candidate_id)
                assert candidate.activity_score > 0 and candidate.activity_tier in ("high", "mid", "low")
            in_process.append((time.perf_counter() - started) * 1000)
    return [
        figure(
            f"interaction_to_tier_{size}_p50_ms",
            p50(through_api),
            "ms",
            p50(in_process),
            "interaction_record in-process, then the candidate read back",
        ),
        figure(
            f"interaction_to_tier_{size}_p95_ms",
            p95(through_api),
            "ms",
            p95(in_process),
            "interaction_record in-process, then the candidate read back",
        ),
    ]


def _start_worker(queue: str):
    """A real `celery worker` process on a queue of its own, against the same database and broker."""
    import os
    import subprocess
    from pathlib import Path

    from talentpool.celery import app
    from talentpool.tenancy.tasks import ping

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "talentpool",
            "worker",
            "-Q",
            queue,
            "--concurrency",
            "1",
            "--pool",
            "solo",
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "CELERY_BROKER_URL": app.conf.broker_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            ping.apply_async(args=["ready"], queue=queue).get(timeout=5)
            return process
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the bench's Celery worker did not start") from None


def reaction_figures(settings, tenant_id: int) -> list:
    import uuid

    from django.test import Client
    from django.utils import timezone

    from candidates.models import Candidate
    from engagement import scoring
    from engagement.models import FollowUp
    from engagement.services.interactions import follow_up_for_high_tier, interaction_record
    from engagement.tasks import high_tier_entered
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant
    from talentpool.tenancy.services import api_key_create

    size = size_label(settings.candidates)
    tenant = Tenant.objects.get(pk=tenant_id)
    key = api_key_create(tenant, name="bench high-tier reaction", scopes=("read", "write")).key
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_HOST="localhost")
    runs = max(5, min(settings.runs, 20))
    with tenant_context(tenant_id):
        _high, mid = scoring.tier_bounds(scoring.params_for(tenant_id))
        ids = list(
            Candidate.objects.filter(activity_anchor__lt=mid - 3)
            .exclude(status="merged")
            .order_by("?")
            .values_list("pk", flat=True)[: 2 * runs]
        )
        FollowUp.objects.filter(candidate_id__in=ids).delete()
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    original_delay = high_tier_entered.delay
    high_tier_entered.delay = lambda *args: high_tier_entered.apply_async(args=args, queue=queue)
    worker = _start_worker(queue)
    through_worker, in_process = [], []
    try:
        for candidate_id in ids[:runs]:
            started = time.perf_counter()
            for kind in ("opened", "replied"):
                response = client.post(
                    "/api/v1/interactions/",
                    {"candidate": candidate_id, "kind": kind, "occurred_at": timezone.now().isoformat()},
                    content_type="application/json",
                )
                assert response.status_code == 201, response.content[:300]
            while True:
                with tenant_context(tenant_id):
                    if FollowUp.objects.filter(candidate_id=candidate_id).exists():
                        break
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the worker did not react within 60 s")
                time.sleep(0.005)
            through_worker.append((time.perf_counter() - started) * 1000)
        for candidate_id in ids[runs:]:
            with tenant_context(tenant_id):
                started = time.perf_counter()
                for kind in ("opened", "replied"):
                    interaction_record(candidate=candidate_id, kind=kind, occurred_at=timezone.now())
                follow_up_for_high_tier(candidate_id=candidate_id)
                in_process.append((time.perf_counter() - started) * 1000)
    finally:
        high_tier_entered.delay = original_delay
        worker.terminate()
        worker.wait(timeout=30)
    baseline = "the same interactions and reaction in-process (no broker, no worker)"
    progress(f"high-tier reaction through a worker: p50 {p50(through_worker):.0f} ms over {runs} candidates")
    return [
        figure(f"high_tier_reaction_{size}_p50_ms", p50(through_worker), "ms", p50(in_process), baseline),
        figure(f"high_tier_reaction_{size}_p95_ms", p95(through_worker), "ms", p95(in_process), baseline),
    ]


def engagement_scoring(settings) -> list:
    """The figures above, on the bench pool (generated first when missing)."""
    from .generate import ensure_pool

    tenant_id = ensure_pool(settings)
    return [
        *reconcile_figures(settings, tenant_id),
        *latency_figures(settings, tenant_id),
        *reaction_figures(settings, tenant_id),
    ]


BENCHMARKS = (engagement_scoring,)


def main() -> int:
    setup_django()
    from .benchmarks import BenchSettings
    from .common import emit

    for result in engagement_scoring(BenchSettings.from_environment()):
        emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
