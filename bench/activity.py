"""Synthetic engagement history for the bench pool: interactions, applications, stage moves and hires.

One pure function, ``activity_block(seed, block_number, as_of)``, draws everything that happened to one block of
``BLOCK_ROWS`` candidates (the candidate generator's blocks) from its own random stream. The candidate rows take
their ``activity_anchor``, ``last_interaction_at`` / ``last_active_at`` / ``last_contacted_at``, ``created_at``
and ``updated_at`` from it, and the interaction, application, stage-event and hire rows are written from the
same call again, table by table: nothing is kept between tables, and every row is consistent with every other.

- Each candidate has an intended tier (``TIER_SHARES``); it sets how many interactions they have and how
  recent they are: high-tier candidates had more human interactions lately, mid-tier ones fewer, low-tier ones
  only old ones (what came in the last year drew no reaction: sends, deliveries, notes) or none at all.
  A high or mid candidate's first interaction is what keeps them there: a reply or an application (high), a
  human touch (mid), placed in time so that their score lands on a drawn target inside the tier's band.
- Kinds are Zipf-like (``KIND_ZIPF_EXPONENT``) over ``RANKED_KINDS``: sends and deliveries are the most
  common, applications and unsubscribes the rarest.
- Every ``applied`` interaction opens an application to one of the tenant's ``ROLE_COUNT`` bench roles; the
  application moves through the pipeline (a stage event and a ``stage_changed`` interaction per move, a hire
  and a ``hired`` interaction when it ends hired).
- The anchor is computed from the interactions exactly as engagement.scoring defines it (default weights and
  half-life, a bench tenant has no settings row): log2 Σ weight × 2^((tᵢ − E) / h), −∞ without a weighted one.
  last_contacted_at follows engagement.scoring.is_contact (sent, call, meeting, or a move to contacted or later).

Times are whole seconds before ``as_of`` (``age``), as the COPY text writes them, so a recomputation from the
stored rows gives the stored anchor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from engagement.scoring import DEFAULT_HALF_LIFE_DAYS, epoch_position

DAY = 86_400
ACTIVITY_STREAM = 2  # the candidate table's stream is 1 (bench/candidates.py): separate draws
HISTORY_SECONDS = 3 * 365 * DAY  # candidates were created over three years before as_of

# The product's default weights (engagement.models.DEFAULT_WEIGHTS), copied so the generator's arithmetic
# does not need Django; tests/bench checks they agree.
WEIGHTS = {
    "opened": 15,
    "clicked": 20,
    "replied": 65,
    "resume_updated": 40,
    "profile_updated": 25,
    "applied": 70,
    "event_attended": 50,
    "call": 30,
    "meeting": 30,
    "sent": 0,
    "machine_opened": 0,
}
HUMAN_KINDS = frozenset(
    {
        "opened",
        "clicked",
        "replied",
        "resume_updated",
        "profile_updated",
        "applied",
        "event_attended",
        "call",
        "meeting",
    }
)
CONTACT_KINDS = frozenset({"sent", "call", "meeting"})

# Most common first; p(rank) ∝ 1 / rank^KIND_ZIPF_EXPONENT. stage_changed and hired come from the pipeline.
RANKED_KINDS = (
    "sent",
    "delivered",
    "opened",
    "machine_opened",
    "clicked",
    "note",
    "profile_updated",
    "call",
    "replied",
    "resume_updated",
    "meeting",
    "applied",
    "event_attended",
    "bounced",
    "unsubscribed",
)
KINDS = (*RANKED_KINDS, "stage_changed", "hired")
KIND_INDEX = {kind: number for number, kind in enumerate(KINDS)}
KIND_ZIPF_EXPONENT = 1.1
CHANNELS = ("", "email", "sms", "phone", "in_person", "web")
_CHANNEL_OF_KIND = {
    "sent": "email",
    "delivered": "email",
    "opened": "email",
    "machine_opened": "email",
    "clicked": "email",
    "replied": "email",
    "bounced": "email",
    "unsubscribed": "email",
    "call": "phone",
    "meeting": "in_person",
    "event_attended": "in_person",
    "resume_updated": "web",
    "profile_updated": "web",
    "applied": "web",
    "note": "",
    "stage_changed": "",
    "hired": "",
}
SMS_SHARE = 0.15  # of sends, deliveries and replies

TIERS = ("high", "mid", "low")
TIER_SHARES = np.array([0.10, 0.25, 0.65])
# Interactions drawn per candidate (the pipeline adds stage moves): about 10 per candidate in all.
MEAN_INTERACTIONS = np.array([17.0, 12.0, 11.0])
# Share of a candidate's interactions in the recent window, and the window (days), by intended tier; the rest
# spread over the candidate's whole history.
RECENT_SHARE = np.array([0.5, 0.15, 0.0])
RECENT_DAYS = np.array([45.0, 180.0, 0.0])
QUIET_DAYS = np.array([0.0, 120.0, 365.0])  # by tier: interactions this recent are ones nobody reacted to
LOW_NONE_SHARE = 0.35  # low-tier candidates nobody ever touched
QUIET_KINDS = ("sent", "delivered", "machine_opened", "note")
TRIGGERS = 2  # per high or mid candidate
HIGH_TRIGGER_KINDS = ("replied", "applied")
MID_TRIGGER_KINDS = ("resume_updated", "event_attended", "replied")  # each at least 39 points: half of 78
HIGH_TARGET_SPAN = 40.0  # high targets 80..120 (the score saturates at 100), mid 52..78
MID_TARGET = (52.0, 78.0)

# The pipeline an application moves through, in order; each next move happens with MOVE_ON probability.
ROLE_COUNT = 200
PIPELINE = ("sourced", "contacted", "replied", "interviewing", "offer", "hired")
MOVE_ON = np.array([0.8, 0.6, 0.6, 0.45, 0.6])  # sourced→contacted, …, offer→hired
REJECTED_SHARE = 0.5  # of applications that stop before hired: rejected (else left where they are)
CONTACT_STAGES = frozenset({"contacted", "replied", "interviewing", "offer", "hired"})
STAGES = (*PIPELINE, "rejected")
STAGE_INDEX = {stage: number for number, stage in enumerate(STAGES)}
MOVE_DAYS = 6.0  # mean days between two moves


@dataclass
class ActivityBlock:
    """What happened to one block of candidates. Interactions, applications and events are sorted by candidate,
    so the rows of the first ``rows`` candidates are a prefix of each array."""

    tier: np.ndarray  # intended tier index per candidate (0 high, 1 mid, 2 low)
    created_age: np.ndarray  # seconds before as_of
    # interactions
    candidate: np.ndarray  # block-local candidate index
    kind: np.ndarray  # index into KINDS
    channel: np.ndarray  # index into CHANNELS
    age: np.ndarray  # seconds before as_of
    stage: np.ndarray  # index into STAGES for stage_changed (else -1)
    # applications: one per applied interaction
    app_candidate: np.ndarray
    app_role: np.ndarray  # 0..ROLE_COUNT-1, distinct per candidate
    app_stage: np.ndarray  # where it is now (index into STAGES)
    app_created_age: np.ndarray
    app_changed_age: np.ndarray
    # stage events
    event_app: np.ndarray  # block-local application index
    event_from: np.ndarray  # index into STAGES, -1 for the first
    event_to: np.ndarray
    event_age: np.ndarray
    # per candidate, from the interactions
    anchor: np.ndarray
    last_interaction_age: np.ndarray  # -1: none
    last_active_age: np.ndarray
    last_contacted_age: np.ndarray

    def interactions_of(self, rows: int) -> int:
        return int(np.searchsorted(self.candidate, rows))

    def applications_of(self, rows: int) -> int:
        return int(np.searchsorted(self.app_candidate, rows))

    def events_of(self, applications: int) -> int:
        return int(np.searchsorted(self.event_app, applications))

    @property
    def hires(self) -> np.ndarray:
        """Block-local indexes of the applications that ended hired."""
        return np.flatnonzero(self.app_stage == STAGE_INDEX["hired"])


def _rng(seed: int, block_number: int) -> np.random.Generator:
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(ACTIVITY_STREAM, block_number)))
    )


def _kind_p() -> np.ndarray:
    p = 1.0 / np.arange(1, len(RANKED_KINDS) + 1, dtype=float) ** KIND_ZIPF_EXPONENT
    return p / p.sum()


_KIND_P = _kind_p()
_WEIGHT = np.array([float(WEIGHTS.get(kind, 0)) for kind in KINDS])
_HUMAN = np.array([kind in HUMAN_KINDS for kind in KINDS])
_CONTACT_KIND = np.array([kind in CONTACT_KINDS for kind in KINDS])
_CONTACT_STAGE = np.array([stage in CONTACT_STAGES for stage in STAGES])
_CHANNEL = np.array([CHANNELS.index(_CHANNEL_OF_KIND[kind]) for kind in KINDS], dtype=np.int8)
_HIGH_TRIGGERS = np.array([KIND_INDEX[k] for k in HIGH_TRIGGER_KINDS], dtype=np.int8)
_MID_TRIGGERS = np.array([KIND_INDEX[k] for k in MID_TRIGGER_KINDS], dtype=np.int8)
_SMS_ABLE = np.array([kind in ("sent", "delivered", "replied") for kind in KINDS])


def activity_block(seed: int, block_number: int, as_of: datetime, rows: int) -> ActivityBlock:
    """Draw the history of ``rows`` candidates (a whole block: the draws never depend on the pool's size).
    Pure and deterministic for (seed, block_number, as_of, rows)."""
    rng = _rng(seed, block_number)
    tier = rng.choice(3, size=rows, p=TIER_SHARES)
    created_age = (HISTORY_SECONDS * rng.random(rows) ** 1.4).astype(np.int64) + DAY

    # How many interactions each candidate has, and when.
    counts = rng.poisson(MEAN_INTERACTIONS[tier])
    counts[(tier == 2) & (rng.random(rows) < LOW_NONE_SHARE)] = 0
    counts[tier < 2] = np.maximum(counts[tier < 2], TRIGGERS)  # room for the high / mid triggers
    candidate = np.repeat(np.arange(rows, dtype=np.int32), counts)
    total = len(candidate)
    lifetime = created_age[candidate].astype(float)
    owner_tier = tier[candidate]
    recent = rng.random(total) < RECENT_SHARE[owner_tier]
    window = np.minimum(RECENT_DAYS[owner_tier] * DAY, lifetime)
    anywhere = rng.random(total) * lifetime
    age = np.where(recent, rng.random(total) * window, anywhere)
    kind = rng.choice(len(RANKED_KINDS), size=total, p=_KIND_P).astype(np.int8)
    # What came lately drew no reaction: in the last year for the low tier, the last months for the mid tier
    # (apart from the triggers below).
    quiet = age < np.minimum(QUIET_DAYS[owner_tier] * DAY, lifetime)
    quiet_kinds = np.array([KIND_INDEX[k] for k in QUIET_KINDS], dtype=np.int8)
    kind[quiet] = quiet_kinds[rng.integers(0, len(quiet_kinds), size=int(quiet.sum()))]
    # Each high / mid candidate's first two interactions are what keeps them there: replies or applications
    # (high), strong human touches (mid), placed where the score lands on the candidate's target.
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    high_first = (offset < TRIGGERS) & (owner_tier == 0)
    mid_first = (offset < TRIGGERS) & (owner_tier == 1)
    kind[high_first] = _HIGH_TRIGGERS[rng.integers(0, len(_HIGH_TRIGGERS), size=int(high_first.sum()))]
    kind[mid_first] = _MID_TRIGGERS[rng.integers(0, len(_MID_TRIGGERS), size=int(mid_first.sum()))]
    target = np.where(
        tier == 0,
        80.0 + HIGH_TARGET_SPAN * rng.random(rows),
        MID_TARGET[0] + (MID_TARGET[1] - MID_TARGET[0]) * rng.random(rows),
    )
    triggers = high_first | mid_first
    age = _place_triggers(candidate, kind, age, triggers, target, lifetime, rows).astype(np.int64)
    channel = _CHANNEL[kind]
    channel = np.where(_SMS_ABLE[kind] & (rng.random(total) < SMS_SHARE), CHANNELS.index("sms"), channel)

    applications = _pipeline(rng, candidate, kind, age)
    (
        app_candidate,
        app_role,
        app_stage,
        app_created_age,
        app_changed_age,
        event_app,
        event_from,
        event_to,
        event_age,
    ) = applications
    # The pipeline's moves are interactions too (stage_changed with the stage; hired when it ends hired).
    moved = event_from >= 0
    hired = app_stage == STAGE_INDEX["hired"]
    extra_candidate = np.concatenate([app_candidate[event_app[moved]], app_candidate[hired]])
    extra_kind = np.concatenate(
        [
            np.full(int(moved.sum()), KIND_INDEX["stage_changed"], dtype=np.int8),
            np.full(int(hired.sum()), KIND_INDEX["hired"], dtype=np.int8),
        ]
    )
    extra_age = np.concatenate([event_age[moved], app_changed_age[hired]])
    extra_stage = np.concatenate([event_to[moved], np.full(int(hired.sum()), -1, dtype=np.int8)])

    candidate = np.concatenate([candidate, extra_candidate.astype(np.int32)])
    kind = np.concatenate([kind, extra_kind])
    age = np.concatenate([age, extra_age])
    channel = np.concatenate([channel, _CHANNEL[extra_kind]]).astype(np.int8)
    stage = np.concatenate([np.full(total, -1, dtype=np.int8), extra_stage.astype(np.int8)])
    # By candidate, then oldest first.
    order = np.lexsort((-age, candidate))
    candidate, kind, age, channel, stage = (
        candidate[order],
        kind[order],
        age[order],
        channel[order],
        stage[order],
    )

    anchor = _anchors(rows, candidate, kind, age, as_of)
    contact = _CONTACT_KIND[kind] | ((stage >= 0) & _CONTACT_STAGE[np.maximum(stage, 0)])
    return ActivityBlock(
        tier=tier,
        created_age=created_age,
        candidate=candidate,
        kind=kind,
        channel=channel,
        age=age,
        stage=stage,
        app_candidate=app_candidate,
        app_role=app_role,
        app_stage=app_stage,
        app_created_age=app_created_age,
        app_changed_age=app_changed_age,
        event_app=event_app,
        event_from=event_from,
        event_to=event_to,
        event_age=event_age,
        anchor=anchor,
        last_interaction_age=_youngest(rows, candidate, age, np.ones(len(age), dtype=bool)),
        last_active_age=_youngest(rows, candidate, age, _HUMAN[kind]),
        last_contacted_age=_youngest(rows, candidate, age, contact),
    )


def _pipeline(rng, candidate, kind, age):
    """Applications (one per applied interaction, which is within the candidate's history) and their stage
    moves, sorted by candidate."""
    applied = np.flatnonzero(kind == KIND_INDEX["applied"])  # already in candidate order
    app_candidate = candidate[applied]
    n = len(applied)
    # Distinct roles per candidate: a random start plus the application's rank among the candidate's own.
    starts = np.r_[True, app_candidate[1:] != app_candidate[:-1]] if n else np.zeros(0, dtype=bool)
    group_start = (
        np.maximum.accumulate(np.where(starts, np.arange(n), 0)) if n else np.zeros(0, dtype=np.int64)
    )
    rank = np.arange(n) - group_start
    base = rng.integers(0, ROLE_COUNT, size=n)
    app_role = ((base[group_start] + rank) % ROLE_COUNT).astype(np.int32)
    app_created_age = age[applied]
    # How far along the pipeline each application got: keep moving on with MOVE_ON's odds.
    moves = np.zeros(n, dtype=np.int64)
    going = np.ones(n, dtype=bool)
    for chance in MOVE_ON:
        going &= rng.random(n) < chance
        moves += going
    rejected = (moves < len(MOVE_ON)) & (rng.random(n) < REJECTED_SHARE)
    gaps = rng.exponential(MOVE_DAYS * DAY, size=(n, len(PIPELINE) + 1)).astype(np.int64)
    # Event k (0 = sourced at the application's time) happens gaps[:, 1..k] later, never after as_of.
    elapsed = np.concatenate([np.zeros((n, 1), dtype=np.int64), np.cumsum(gaps[:, 1:], axis=1)], axis=1)
    event_count = moves + 1 + rejected
    event_app = np.repeat(np.arange(n, dtype=np.int32), event_count)
    position = np.arange(len(event_app)) - np.repeat(np.cumsum(event_count) - event_count, event_count)
    is_rejection = position > np.repeat(moves, event_count)
    event_to = np.where(is_rejection, STAGE_INDEX["rejected"], position).astype(np.int8)
    event_from = np.where(
        position == 0, -1, np.where(is_rejection, np.repeat(moves, event_count), position - 1)
    )
    event_age = np.maximum(np.repeat(app_created_age, event_count) - elapsed[event_app, position], 0)
    last = np.cumsum(event_count) - 1
    app_stage = event_to[last] if n else np.zeros(0, dtype=np.int8)
    app_changed_age = event_age[last] if n else np.zeros(0, dtype=np.int64)
    return (
        app_candidate.astype(np.int32),
        app_role,
        app_stage.astype(np.int8),
        app_created_age,
        app_changed_age,
        event_app,
        event_from.astype(np.int8),
        event_to,
        event_age.astype(np.int64),
    )


def _place_triggers(candidate, kind, age, triggers, target, lifetime, rows: int) -> np.ndarray:
    """Ages with each trigger interaction moved to where the candidate's score at as_of reaches its target:
    each of a candidate's TRIGGERS triggers gives w × 2^(−age / h) = (target − the rest's score) / TRIGGERS (at
    once if even that falls short; as early as the candidate's history allows if the rest already reaches it)."""
    half_life = DEFAULT_HALF_LIFE_DAYS * DAY
    weight = _WEIGHT[kind]
    rest = np.zeros(rows)
    others = ~triggers
    np.add.at(rest, candidate[others], weight[others] * np.exp2(-age[others] / half_life))
    owner = candidate[triggers]
    deficit = (target[owner] - rest[owner]) / TRIGGERS
    with np.errstate(divide="ignore", invalid="ignore"):
        wanted = np.where(deficit > 0, half_life * np.log2(weight[triggers] / deficit), np.inf)
    placed = age.copy()
    placed[triggers] = np.clip(wanted, 0.0, lifetime[triggers])
    return placed


def _anchors(rows: int, candidate, kind, age, as_of: datetime) -> np.ndarray:
    """log2 Σ weight × 2^((t − E) / h) per candidate (log-sum-exp), −∞ without a weighted interaction."""
    weight = _WEIGHT[kind]
    weighted = weight > 0
    owner = candidate[weighted]
    # (t − E) / h for t = as_of − age: as_of's position minus the age in half-lives.
    half_life = DEFAULT_HALF_LIFE_DAYS * DAY
    term = (
        np.log2(weight[weighted]) + epoch_position(as_of, DEFAULT_HALF_LIFE_DAYS) - age[weighted] / half_life
    )
    top = np.full(rows, -np.inf)
    np.maximum.at(top, owner, term)
    total = np.zeros(rows)
    np.add.at(total, owner, np.exp2(term - top[owner]))
    with np.errstate(divide="ignore", invalid="ignore"):
        anchor = np.where(total > 0, top + np.log2(total), -np.inf)
    return anchor


def _youngest(rows: int, candidate, age, mask) -> np.ndarray:
    """Per candidate the smallest age among the masked interactions, −1 for none."""
    youngest = np.full(rows, np.iinfo(np.int64).max)
    np.minimum.at(youngest, candidate[mask], age[mask])
    return np.where(youngest == np.iinfo(np.int64).max, -1, youngest)


# --- COPY text for the history tables ------------------------------------------------------------------------
# Each function walks the candidate blocks in order (the same blocks and draws as bench/candidates.py) and
# yields (rows, text) for one table. ``candidate_ids`` are the tenant's candidate ids in generation order
# (ascending ids: the candidate loader numbers rows in the order it reads them); ``role_ids`` the bench roles;
# ``application_ids`` the applications in generation order.

INTERACTION_COLUMNS = (
    "tenant_id",
    "candidate_id",
    "kind",
    "channel",
    "occurred_at",
    "recorded_at",
    "external_id",
    "body",
    "metadata",
)
APPLICATION_COLUMNS = (
    "tenant_id",
    "profile_id",
    "candidate_id",
    "stage",
    "source",
    "external_id",
    "created_at",
    "stage_changed_at",
)
STAGE_EVENT_COLUMNS = (
    "tenant_id",
    "application_id",
    "candidate_id",
    "from_stage",
    "to_stage",
    "source",
    "note",
    "occurred_at",
    "created_at",
)
HIRE_COLUMNS = (
    "tenant_id",
    "profile_id",
    "candidate_id",
    "application_id",
    "full_name",
    "source",
    "external_id",
    "hired_at",
    "recorded_via",
    "created_at",
    "probation_outcome",
    "probation_decided_on",
    "void_reason",
    "candidate_status_before",
)
PROBATION_SECONDS = 180 * 86400  # a hire's probation is decided 180 days after it
PROBATION_FAIL_EVERY = 7  # every 7th application (by position) that is decided failed its probation
_KIND_TEXT = np.array(KINDS, dtype=object)
_CHANNEL_TEXT = np.array(CHANNELS, dtype=object)
_STAGE_TEXT = np.array(STAGES, dtype=object)
_METADATA_TEXT = np.array([json.dumps({"stage": stage}) for stage in STAGES] + ["{}"], dtype=object)


def _blocks(seed: int, count: int, as_of: datetime):
    from .candidates import BLOCK_ROWS

    for block_number, start in enumerate(range(0, count, BLOCK_ROWS)):
        yield start, min(BLOCK_ROWS, count - start), activity_block(seed, block_number, as_of, BLOCK_ROWS)


def _times(as_of: datetime, age: np.ndarray) -> np.ndarray:
    from datetime import UTC

    reference = np.datetime64(as_of.astimezone(UTC).replace(tzinfo=None), "s")
    return np.datetime_as_string(reference - age.astype("timedelta64[s]"), unit="s", timezone="UTC").astype(
        object
    )


def _text(columns: list) -> str:
    return "\n".join(map("\t".join, zip(*columns, strict=True))) + "\n"


def interaction_chunks(tenant_id: int, seed: int, count: int, as_of: datetime, candidate_ids: np.ndarray):
    tenant = str(tenant_id)
    for start, rows, history in _blocks(seed, count, as_of):
        n = history.interactions_of(rows)
        if not n:
            continue
        ids = candidate_ids[start + history.candidate[:n]].astype(str).astype(object)
        occurred = _times(as_of, history.age[:n])
        stage = history.stage[:n]
        metadata = _METADATA_TEXT[np.where(stage >= 0, stage, len(STAGES))]
        blank = [""] * n
        yield (
            n,
            _text(
                [
                    [tenant] * n,
                    ids,
                    _KIND_TEXT[history.kind[:n]],
                    _CHANNEL_TEXT[history.channel[:n]],
                    occurred,
                    occurred,
                    blank,
                    blank,
                    metadata,
                ]
            ),
        )


def application_chunks(
    tenant_id: int, seed: int, count: int, as_of: datetime, candidate_ids: np.ndarray, role_ids: np.ndarray
):
    tenant = str(tenant_id)
    for start, rows, history in _blocks(seed, count, as_of):
        n = history.applications_of(rows)
        if not n:
            continue
        yield (
            n,
            _text(
                [
                    [tenant] * n,
                    role_ids[history.app_role[:n]].astype(str).astype(object),
                    candidate_ids[start + history.app_candidate[:n]].astype(str).astype(object),
                    _STAGE_TEXT[history.app_stage[:n]],
                    ["pool"] * n,
                    [""] * n,
                    _times(as_of, history.app_created_age[:n]),
                    _times(as_of, history.app_changed_age[:n]),
                ]
            ),
        )


def stage_event_chunks(
    tenant_id: int,
    seed: int,
    count: int,
    as_of: datetime,
    candidate_ids: np.ndarray,
    application_ids: np.ndarray,
):
    tenant, done = str(tenant_id), 0
    for start, rows, history in _blocks(seed, count, as_of):
        applications = history.applications_of(rows)
        n = history.events_of(applications)
        if n:
            app = history.event_app[:n]
            source = np.where(history.event_from[:n] < 0, len(STAGES), history.event_from[:n])
            occurred = _times(as_of, history.event_age[:n])
            yield (
                n,
                _text(
                    [
                        [tenant] * n,
                        application_ids[done + app].astype(str).astype(object),
                        candidate_ids[start + history.app_candidate[app]].astype(str).astype(object),
                        np.append(_STAGE_TEXT, "")[source],
                        _STAGE_TEXT[history.event_to[:n]],
                        ["dashboard"] * n,
                        [""] * n,
                        occurred,
                        occurred,
                    ]
                ),
            )
        done += applications


def hire_chunks(
    tenant_id: int,
    seed: int,
    count: int,
    as_of: datetime,
    candidate_ids: np.ndarray,
    application_ids: np.ndarray,
    role_ids: np.ndarray,
):
    tenant, done = str(tenant_id), 0
    for start, rows, history in _blocks(seed, count, as_of):
        applications = history.applications_of(rows)
        hired = history.hires[history.hires < applications]
        n = len(hired)
        if n:
            age = history.app_changed_age[hired]
            when = _times(as_of, age)
            # Hires older than their probation have an outcome: passed, or failed for every 7th by position.
            decided = age >= PROBATION_SECONDS
            failed = (done + hired) % PROBATION_FAIL_EVERY == 0
            outcome = np.where(decided, np.where(failed, "failed", "passed"), "pending").astype(object)
            decided_on = np.where(decided, _times(as_of, np.maximum(age - PROBATION_SECONDS, 0)), "\\N")
            yield (
                n,
                _text(
                    [
                        [tenant] * n,
                        role_ids[history.app_role[hired]].astype(str).astype(object),
                        candidate_ids[start + history.app_candidate[hired]].astype(str).astype(object),
                        application_ids[done + hired].astype(str).astype(object),
                        [""] * n,
                        ["pool"] * n,
                        [""] * n,
                        [text[:10] for text in when],
                        ["pipeline"] * n,
                        when,
                        outcome,
                        [text[:10] if text != "\\N" else text for text in decided_on],
                        [""] * n,
                        ["active"] * n,
                    ]
                ),
            )
        done += applications
