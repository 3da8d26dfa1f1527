"""The operations engine's weekly dry run over the bench pool and 200 open roles.

    python -m bench.engagement_engine                           # the pool of BENCH_TENANT / BENCH_CANDIDATES
    BENCH_TENANT=bench BENCH_CANDIDATES=1000000 python -m bench.engagement_engine

Also part of ``python -m bench``. The pool comes from ``bench.generate`` (through ``bench.ranking.ensure_pool``:
generated when the tenant does not hold BENCH_CANDIDATES candidates); its tiers are 10% high, 25% mid, 65% low.
This module adds what the engine needs and the generator does not make, re-using it on later runs:

- open role profiles up to ``OPEN_ROLES`` (200) in all (``bench-engine-<n>``; extra ones are paused): each copies
  a random generated candidate's 4–7 strongest tags (the tags in use, in combinations people have), weights 5
  down to 1, the strongest one or two as must-haves — the shape the JD suggester gives (required skills are
  must-haves);
- ``CONTENT_ITEMS`` (100) content items, each tagged with 1–4 tags of ranks 0–800.

Figures (one JSON line each; value and baseline measured in the same run):

| figure | value | baseline |
| --- | --- | --- |
| engine_dry_run_<size>_seconds | ``engine_run(dry_run=True)`` end to end: every tier's eligibility, the high tier against every open role, content for mid, examples rendered | the same dry run with the high tier's roles found per candidate (every role ranked for one candidate at a time, as ``roles_for_candidate`` does), timed on a sample of ``BENCH_ENGINE_SAMPLE`` (100) eligible high candidates and extrapolated to all of them |
| engine_high_roles_<size>_seconds | the per-role batching alone (``best_roles_for_tier``: one ``score_all`` statement per open role, top 3 per candidate in numpy) | the per-candidate loop, extrapolated as above |
| engine_dry_run_<size>_messages | messages the dry run counts for this week | eligible candidates before the "nothing fits" check (every tier's ``send`` + ``reconsent``) |

The sample's answer is checked against the batched answer for the same candidates (the figure is refused if
they differ), so the baseline computes the same thing. Progress goes to stderr.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from .common import Figure, env_int, figure, progress, setup_django, size_label

OPEN_ROLES = 200
CONTENT_ITEMS = 100
ROLE_PREFIX = "bench-engine-"
CONTENT_URL = "https://bench.invalid/engine/"
SEED = 4242


def _source_profiles(count: int, rng: np.random.Generator) -> list[list[tuple[int, int]]]:
    """``count`` (tag id, strength) lists of generated candidates with at least 6 tags, strongest first: the
    tags in use, in the combinations people actually have. Call inside tenant_context."""
    from django.db import connection

    from candidates.models import Candidate

    table = Candidate._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        low, high = cursor.fetchone()
        picked: list[list[tuple[int, int]]] = []
        while len(picked) < count:
            ids = rng.integers(low, high + 1, size=count * 2).tolist()
            cursor.execute(
                f"SELECT tag_ids, tag_strengths FROM {table} WHERE id = ANY(%s::bigint[]) "
                "AND cardinality(tag_ids) >= 6 ORDER BY id",
                [ids],
            )
            for tag_ids, strengths in cursor.fetchall():
                picked.append(
                    sorted(zip(tag_ids, strengths, strict=True), key=lambda pair: (-pair[1], pair[0]))
                )
        return picked[:count]


def ensure_roles(tenant_id: int) -> int:
    """Make the tenant hold exactly OPEN_ROLES open role profiles with requirements; return how many it holds.

    Each bench role copies a generated candidate's profile, as a recruiter writes a role for someone like the
    people they hire: their 4–7 strongest tags as requirements (weights 5 down to 1), the strongest one or two
    as must-haves, at most their years of experience as minimum years."""
    from profiles.models import ProfileStatus, Requirement, RoleProfile
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant_id):
        with_requirements = Requirement.objects.values("profile_id")
        others = (
            RoleProfile.objects.filter(status=ProfileStatus.OPEN, pk__in=with_requirements)
            .exclude(external_id__startswith=ROLE_PREFIX)
            .count()
        )
        wanted = max(OPEN_ROLES - others, 0)
        ours = set(
            RoleProfile.objects.filter(external_id__startswith=ROLE_PREFIX).values_list(
                "external_id", flat=True
            )
        )
        keep = {f"{ROLE_PREFIX}{number}" for number in range(wanted)}
        missing = sorted(keep - ours)
        rng = np.random.default_rng(SEED)
        sources = _source_profiles(len(missing), rng) if missing else []
        for external_id, tags in zip(missing, sources, strict=True):
            profile = RoleProfile.objects.create(
                external_id=external_id,
                title=f"Bench role {external_id[len(ROLE_PREFIX) :]}",
                status=ProfileStatus.OPEN,
                min_years=int(rng.integers(0, 4)),
            )
            chosen = tags[: int(rng.integers(4, 8))]
            musts = int(rng.integers(1, 3))
            Requirement.objects.bulk_create(
                [
                    Requirement(
                        tenant_id=tenant_id,
                        profile=profile,
                        tag_id=int(tag_id),
                        weight=max(5 - position, 1),
                        must_have=position < musts,
                        position=position,
                    )
                    for position, (tag_id, _strength) in enumerate(chosen)
                ]
            )
        RoleProfile.objects.filter(external_id__startswith=ROLE_PREFIX, status=ProfileStatus.OPEN).exclude(
            external_id__in=keep
        ).update(status=ProfileStatus.PAUSED)
        RoleProfile.objects.filter(external_id__in=keep).update(status=ProfileStatus.OPEN)
        return RoleProfile.objects.filter(status=ProfileStatus.OPEN, pk__in=with_requirements).count()


def ensure_content(tenant_id: int) -> None:
    from engagement.models import ContentItem
    from talentpool.tenancy.context import tenant_context

    from .candidates import tag_ids_by_popularity
    from .generate import tenant_tag_ids

    with tenant_context(tenant_id):
        if ContentItem.objects.filter(url__startswith=CONTENT_URL).count() >= CONTENT_ITEMS:
            return
        ContentItem.objects.filter(url__startswith=CONTENT_URL).delete()
        by_popularity = tag_ids_by_popularity(tenant_tag_ids())
        rng = np.random.default_rng(SEED + 1)
        ContentItem.objects.bulk_create(
            [
                ContentItem(
                    tenant_id=tenant_id,
                    title=f"Bench article {number}",
                    url=f"{CONTENT_URL}{number}",
                    tag_ids=[
                        int(by_popularity[rank])
                        for rank in rng.choice(np.arange(0, 800), size=int(rng.integers(1, 5)), replace=False)
                    ],
                )
                for number in range(CONTENT_ITEMS)
            ]
        )


def engagement_engine(settings) -> list[Figure]:
    """The figures above, for the pool of ``settings``."""
    from django.db import transaction

    from engagement.scoring import params_for
    from engagement.selectors import engine as selectors
    from engagement.services.engine import ROLE_FIT_FLOOR, ROLES_PER_CANDIDATE, engine_rules, engine_run
    from engagement.services.settings import engagement_settings
    from talentpool.tenancy.context import tenant_context

    from .ranking import ensure_pool

    tenant_id = ensure_pool(settings)
    roles = ensure_roles(tenant_id)
    ensure_content(tenant_id)
    sample_size = max(env_int("BENCH_ENGINE_SAMPLE", 100), 1)
    size = size_label(settings.candidates)
    progress(f"engine: {settings.candidates:,} candidates, {roles} open roles, sample of {sample_size}")

    with tenant_context(tenant_id):
        rules = engine_rules()
        engagement_settings()
        started = time.perf_counter()
        report = engine_run(dry_run=True)
        dry_run_seconds = time.perf_counter() - started
        progress(
            f"engine: dry run {dry_run_seconds:.1f} s, {report.total:,} messages, {report.roles_ranked} roles"
        )

        # The high tier's eligible candidates, as the dry run found them (not timed), and the batched matching
        # alone (timed), then the per-candidate loop on a sample of them.
        high = next(rule for rule in rules if rule.tier == "high")
        splits = selectors.tier_splits(
            rules={rule.tier: (rule.action, rule.cadence_days) for rule in rules},
            now=report.generated_at,
            require_consent=engagement_settings().require_consent,
            params=params_for(tenant_id),
        )
        eligible = splits["high"].send
        with transaction.atomic():
            started = time.perf_counter()
            batched = selectors.best_roles_for_tier(
                eligible, tiers=(high.tier,), floor=ROLE_FIT_FLOOR, per_candidate=ROLES_PER_CANDIDATE
            )
            batched_seconds = time.perf_counter() - started
        sample = np.random.default_rng(SEED).choice(
            eligible, size=min(sample_size, len(eligible)), replace=False
        )
        with transaction.atomic():
            started = time.perf_counter()
            alone = selectors.best_roles_per_candidate_loop(
                sample.tolist(), floor=ROLE_FIT_FLOOR, per_candidate=ROLES_PER_CANDIDATE
            )
            sample_seconds = time.perf_counter() - started
    expected = {int(key): batched.best[int(key)] for key in sample if int(key) in batched.best}
    if alone != expected:
        raise AssertionError("the per-candidate loop and the per-role batching disagree on the sample")
    per_candidate_seconds = sample_seconds / max(len(sample), 1)
    loop_seconds = per_candidate_seconds * len(eligible)
    progress(
        f"engine: batched matching {batched_seconds:.1f} s for {len(eligible):,} eligible high candidates; "
        f"per candidate {per_candidate_seconds * 1000:.0f} ms → {loop_seconds:.0f} s extrapolated"
    )
    eligible_total = sum(len(split.send) + len(split.reconsent) for split in splits.values())
    return [
        figure(
            f"engine_dry_run_{size}_seconds",
            dry_run_seconds,
            "s",
            dry_run_seconds - batched_seconds + loop_seconds,
            f"the same dry run with the high tier's roles ranked per candidate ({len(eligible):,} candidates × "
            f"{roles} roles; {len(sample)}-candidate sample extrapolated)",
        ),
        figure(
            f"engine_high_roles_{size}_seconds",
            batched_seconds,
            "s",
            loop_seconds,
            f"per-candidate matching loop over {roles} roles, {len(sample)}-candidate sample extrapolated to "
            f"{len(eligible):,}",
        ),
        figure(
            f"engine_dry_run_{size}_messages",
            float(report.total),
            "messages",
            float(eligible_total),
            "eligible candidates before the nothing-fits check (cadence, consent, email, sequences applied)",
        ),
    ]


BENCHMARKS = (engagement_engine,)


def main() -> int:
    import json
    from dataclasses import asdict

    setup_django()
    from .benchmarks import BenchSettings

    for result in engagement_engine(BenchSettings.from_environment()):
        print(json.dumps(asdict(result), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
