"""The activity score as one stored number that never needs a nightly rewrite (decision 0011).

The score of a candidate at time t is min(100, Σ weight × 0.5^((t − tᵢ) / half-life)) over their interactions.
With one half-life per tenant every term decays at the same rate, so the sum at any time is the sum at a fixed
epoch E times 2^(−(t − E) / half-life). We store its logarithm, the **anchor**:

    anchor = log2(Σ weightᵢ × 2^((tᵢ − E) / h))          (−∞ for a candidate with no weighted interaction)
    score(t) = min(100, 2^(anchor − (t − E) / h))

A new interaction adds to the sum: anchor' = log2(2^anchor + w × 2^((tᵢ − E) / h)) (``anchor_add``). A tier
threshold T becomes a moving bound on the one stored number: the candidate is at or above T at time t exactly
when anchor ≥ log2(T) + (t − E) / h (``tier_bounds``). Ordering by score is ordering by anchor. Logarithms keep
the stored value small for any epoch and half-life (2^((t − E) / h) itself would overflow for short half-lives).

Everything here is arithmetic on numbers and SQL fragments; the writes are in ``engagement.services``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
DAY_SECONDS = 86_400.0
NO_ACTIVITY = float("-inf")
MAX_SCORE = 100.0

# The product's defaults; a tenant's EngagementSettings row overrides them.
DEFAULT_HALF_LIFE_DAYS = 90.0
DEFAULT_HIGH = 80
DEFAULT_MID = 50


@dataclass(frozen=True)
class ScoringParams:
    """A tenant's scoring rules: points per interaction kind, half-life, tier thresholds."""

    weights: dict = field(default_factory=dict)
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    high: int = DEFAULT_HIGH
    mid: int = DEFAULT_MID

    def weight(self, kind: str) -> float:
        return float(self.weights.get(str(kind), 0) or 0)


def default_params() -> ScoringParams:
    from .models import DEFAULT_WEIGHTS

    return ScoringParams(weights=dict(DEFAULT_WEIGHTS))


def epoch_position(moment: datetime, half_life_days: float) -> float:
    """(moment − E) / half-life, in half-lives."""
    return (moment - EPOCH).total_seconds() / (half_life_days * DAY_SECONDS)


def anchor_add(anchor: float, *, weight: float, occurred_at: datetime, half_life_days: float) -> float:
    """The anchor after one more interaction of ``weight`` points at ``occurred_at`` (log-sum-exp, exact)."""
    if weight <= 0:
        return anchor
    term = math.log2(weight) + epoch_position(occurred_at, half_life_days)
    if anchor == NO_ACTIVITY:
        return term
    high, low = max(anchor, term), min(anchor, term)
    return high + math.log2(1.0 + 2.0 ** (low - high))


def anchor_for_score(score: float, params: ScoringParams, now: datetime | None = None) -> float:
    """The anchor whose score at ``now`` is ``score``: log2(score) + (now − E) / half-life; −∞ for a score ≤ 0.

    Also the bound on the stored number for "score ≥ x at now" (anchor ≥ anchor_for_score(x)). A score above
    100 has no anchor of its own (scores are capped): pass at most 100 where the exact score matters.
    """
    if score <= 0:
        return NO_ACTIVITY
    return math.log2(score) + epoch_position(now or timezone.now(), params.half_life_days)


def score_at(anchor: float | None, *, half_life_days: float, now: datetime | None = None) -> float:
    """The score 0–100 of an anchor at ``now``."""
    if anchor is None or anchor == NO_ACTIVITY:
        return 0.0
    exponent = anchor - epoch_position(now or timezone.now(), half_life_days)
    return MAX_SCORE if exponent >= math.log2(MAX_SCORE) else 2.0**exponent


# A tier threshold is reached by the score as it is shown, in whole points: score ≥ threshold − 0.5. The product's
# own example (15 + 65 = 80 points today) is otherwise mid a few seconds later, as every term has decayed a
# little, and the log2/exp2 round trip alone gives 79.99999999999999. The same rule in tier_of and tier_bounds,
# so the Python and the SQL tiers agree.
TIER_ROUNDING = 0.5


def tier_of(score: float, params: ScoringParams) -> str:
    """high when the score rounds to the high threshold or more, mid likewise, else low."""
    if score >= params.high - TIER_ROUNDING:
        return "high"
    if score >= params.mid - TIER_ROUNDING:
        return "mid"
    return "low"


def tier_bounds(params: ScoringParams, now: datetime | None = None) -> tuple[float, float]:
    """(high, mid) bounds on the anchor at ``now``: anchor ≥ high bound ⇔ high tier; ≥ mid bound ⇔ at least mid."""
    position = epoch_position(now or timezone.now(), params.half_life_days)
    return (
        math.log2(params.high - TIER_ROUNDING) + position,
        math.log2(params.mid - TIER_ROUNDING) + position,
    )


def tier_condition(
    tiers, params: ScoringParams, now: datetime | None = None, *, column: str = "activity_anchor"
):
    """A Q object keeping candidates in any of ``tiers`` at ``now`` (a range on the anchor)."""
    from django.db.models import Q

    high, mid = tier_bounds(params, now)
    wanted = set(tiers)
    condition = Q(pk__in=[])
    if "high" in wanted:
        condition |= Q(**{f"{column}__gte": high})
    if "mid" in wanted:
        condition |= Q(**{f"{column}__gte": mid, f"{column}__lt": high})
    if "low" in wanted:
        condition |= Q(**{f"{column}__lt": mid})
    return condition


def tier_sql(
    tiers, params: ScoringParams, now: datetime | None = None, *, column: str = "c.activity_anchor"
) -> tuple[str, list]:
    """The same condition as SQL with parameters, for hand-written statements (ranking)."""
    high, mid = tier_bounds(params, now)
    clauses, values = [], []
    wanted = set(tiers)
    if "high" in wanted:
        clauses.append(f"{column} >= %s")
        values.append(high)
    if "mid" in wanted:
        clauses.append(f"({column} >= %s AND {column} < %s)")
        values += [mid, high]
    if "low" in wanted:
        clauses.append(f"{column} < %s")
        values.append(mid)
    return ("(" + " OR ".join(clauses) + ")" if clauses else "FALSE"), values


def score_sql(
    params: ScoringParams, now: datetime | None = None, *, column: str = "c.activity_anchor"
) -> tuple[str, list]:
    """SQL for the score 0–100 at ``now`` (float8): least(100, 2^(anchor − position)); 0 for −∞."""
    position = epoch_position(now or timezone.now(), params.half_life_days)
    # The exponent is clamped on both sides: power() raises on overflow, and 2^7 > 100 is capped anyway.
    return (
        f"least(100::float8, power(2::float8, least(greatest({column} - %s::float8, -1000::float8), "
        "7::float8)))",
        [position],
    )


def tier_case_sql(
    params: ScoringParams, now: datetime | None = None, *, column: str = "c.activity_anchor"
) -> tuple[str, list]:
    """SQL for the tier name at ``now``."""
    high, mid = tier_bounds(params, now)
    return (
        f"CASE WHEN {column} >= %s THEN 'high' WHEN {column} >= %s THEN 'mid' ELSE 'low' END",
        [high, mid],
    )


# A tenant's params, read once per process and kept briefly: templates and serializers ask for them per row.
_CACHE: dict[int, tuple[float, ScoringParams]] = {}
_CACHE_SECONDS = 30.0


def params_for(tenant_id: int | None) -> ScoringParams:
    """The tenant's scoring params (defaults when it has no settings row or none is current). Cached for 30 s
    per process; ``forget_params`` drops the entry when a settings change is saved here."""
    if tenant_id is None:
        return default_params()
    cached = _CACHE.get(tenant_id)
    if cached and time.monotonic() - cached[0] < _CACHE_SECONDS:
        return cached[1]
    from .models import EngagementSettings

    row = EngagementSettings.unscoped.filter(tenant_id=tenant_id).first()
    params = (
        default_params()
        if row is None
        else ScoringParams(
            weights=dict(row.weights or {}),
            half_life_days=float(row.half_life_days),
            high=int(row.high_threshold),
            mid=int(row.mid_threshold),
        )
    )
    _CACHE[tenant_id] = (time.monotonic(), params)
    return params


def forget_params(tenant_id: int) -> None:
    _CACHE.pop(tenant_id, None)


def current_params() -> ScoringParams:
    from talentpool.tenancy.context import current_tenant_id

    return params_for(current_tenant_id())


# Pipeline stages that mean the candidate was contacted: contacted itself and every stage after it. A move
# straight to rejected or withdrawn says nothing about contact (a sourced candidate can be rejected unseen).
CONTACT_STAGES = frozenset(
    {"contacted", "replied", "interviewing", "offer", "hired", "probation_passed", "probation_failed"}
)


def is_contact(kind: str, metadata: dict | None = None) -> bool:
    """Whether an interaction counts as "contacted" (one meaning across the product): a sent message, a call or
    a meeting, or a pipeline move into contacted or a later stage (metadata {"stage": …})."""
    from .models import CONTACT_KINDS, InteractionKind

    if kind in CONTACT_KINDS:
        return True
    return kind == InteractionKind.STAGE_CHANGED and str((metadata or {}).get("stage", "")) in CONTACT_STAGES


def contact_sql(*, kind: str = "i.kind", metadata: str = "i.metadata") -> tuple[str, list]:
    """``is_contact`` as an SQL condition with parameters, for set-based statements."""
    from .models import CONTACT_KINDS, InteractionKind

    return (
        f"({kind} = ANY(%s::text[]) OR ({kind} = %s AND {metadata}->>'stage' = ANY(%s::text[])))",
        [sorted(str(k) for k in CONTACT_KINDS), str(InteractionKind.STAGE_CHANGED), sorted(CONTACT_STAGES)],
    )
