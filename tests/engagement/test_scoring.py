"""The activity score's arithmetic: the stored anchor equals the direct recency-weighted sum, and tiers are
bounds on it. Plus the one meaning of "contacted"."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement import scoring
from engagement.models import DEFAULT_WEIGHTS
from engagement.scoring import ScoringParams

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
PARAMS = ScoringParams(weights=dict(DEFAULT_WEIGHTS))


def direct_score(interactions, params: ScoringParams, now: datetime) -> float:
    """min(100, Σ weight × 0.5^(age / half-life)): the issue's definition, term by term."""
    total = sum(
        params.weight(kind) * 0.5 ** ((now - at).total_seconds() / (params.half_life_days * 86_400))
        for kind, at in interactions
    )
    return min(100.0, total)


interaction = st.tuples(
    st.sampled_from(sorted(DEFAULT_WEIGHTS)),
    st.integers(min_value=0, max_value=5 * 365 * 86_400).map(
        lambda seconds: NOW - timedelta(seconds=seconds)
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(interaction, max_size=40), st.sampled_from([7.0, 30.0, 90.0, 365.0]))
def test_adding_interactions_one_by_one_gives_the_direct_sum_at_any_later_time(interactions, half_life):
    params = ScoringParams(weights=dict(DEFAULT_WEIGHTS), half_life_days=half_life)
    anchor = scoring.NO_ACTIVITY
    for kind, at in interactions:
        anchor = scoring.anchor_add(
            anchor, weight=params.weight(kind), occurred_at=at, half_life_days=half_life
        )
    for later in (NOW, NOW + timedelta(days=45), NOW + timedelta(days=400)):
        expected = direct_score(interactions, params, later)
        got = scoring.score_at(anchor, half_life_days=half_life, now=later)
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(interaction, min_size=1, max_size=20))
def test_the_order_interactions_arrive_in_does_not_change_the_anchor(interactions):
    def fold(items):
        anchor = scoring.NO_ACTIVITY
        for kind, at in items:
            anchor = scoring.anchor_add(
                anchor, weight=PARAMS.weight(kind), occurred_at=at, half_life_days=90.0
            )
        return anchor

    forward, backward = fold(interactions), fold(list(reversed(interactions)))
    assert forward == backward or math.isclose(forward, backward, rel_tol=0, abs_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0.01, max_value=100.0), st.integers(min_value=-3000, max_value=3000))
def test_the_tier_bounds_on_the_anchor_agree_with_the_tier_of_the_score(score, days):
    now = NOW + timedelta(days=days)
    anchor = math.log2(score) + scoring.epoch_position(now, PARAMS.half_life_days)
    high, mid = scoring.tier_bounds(PARAMS, now)
    by_bounds = "high" if anchor >= high else "mid" if anchor >= mid else "low"
    by_score = scoring.tier_of(
        scoring.score_at(anchor, half_life_days=PARAMS.half_life_days, now=now), PARAMS
    )
    # At the exact threshold float rounding may fall either side; away from it both must agree.
    if min(abs(score - PARAMS.high + 0.5), abs(score - PARAMS.mid + 0.5)) > 1e-6:
        assert by_bounds == by_score


def test_tiers_are_high_from_80_mid_from_50_and_low_below_in_whole_points_as_shown():
    assert [scoring.tier_of(value, PARAMS) for value in (100, 80, 79.5, 79.49, 50, 49.5, 49.49, 0)] == [
        "high",
        "high",
        "high",
        "mid",
        "mid",
        "mid",
        "low",
        "low",
    ]


def test_two_year_old_candidate_who_opens_and_replies_today_scores_80_and_stays_high_all_day():
    anchor = scoring.NO_ACTIVITY
    for kind, minutes in (("opened", 0), ("replied", 5)):
        anchor = scoring.anchor_add(
            anchor,
            weight=PARAMS.weight(kind),
            occurred_at=NOW + timedelta(minutes=minutes),
            half_life_days=90.0,
        )
    score = scoring.score_at(anchor, half_life_days=90.0, now=NOW + timedelta(minutes=5))
    assert math.isclose(score, 80.0, rel_tol=1e-4)
    high, _mid = scoring.tier_bounds(PARAMS, NOW + timedelta(hours=18))
    assert scoring.tier_of(score, PARAMS) == "high" and anchor >= high


def test_a_score_halves_every_half_life_and_never_exceeds_100():
    anchor = scoring.anchor_add(scoring.NO_ACTIVITY, weight=70, occurred_at=NOW, half_life_days=90.0)
    assert math.isclose(scoring.score_at(anchor, half_life_days=90.0, now=NOW + timedelta(days=90)), 35.0)
    for _ in range(3):
        anchor = scoring.anchor_add(anchor, weight=70, occurred_at=NOW, half_life_days=90.0)
    assert scoring.score_at(anchor, half_life_days=90.0, now=NOW) == 100.0


def test_zero_weight_kinds_leave_the_anchor_as_it_was():
    assert (
        scoring.anchor_add(scoring.NO_ACTIVITY, weight=0, occurred_at=NOW, half_life_days=90.0)
        == scoring.NO_ACTIVITY
    )
    assert scoring.score_at(scoring.NO_ACTIVITY, half_life_days=90.0, now=NOW) == 0.0


def test_contacted_means_sent_call_meeting_or_a_move_into_contacted_or_later():
    assert all(scoring.is_contact(kind) for kind in ("sent", "call", "meeting"))
    assert not any(scoring.is_contact(kind) for kind in ("opened", "replied", "note", "applied", "hired"))
    for stage in ("contacted", "replied", "interviewing", "offer", "hired"):
        assert scoring.is_contact("stage_changed", {"stage": stage, "from": "sourced"})
    for stage in ("sourced", "rejected", "withdrawn"):
        assert not scoring.is_contact("stage_changed", {"stage": stage, "from": "sourced"})
    assert not scoring.is_contact("stage_changed", None)
