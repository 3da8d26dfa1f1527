"""The operations engine: rules per tier, eligibility, the dry run's numbers and examples, the weekly run that
becomes engine campaigns once per week, and isolation between tenants.

Real PostgreSQL under row-level security; matching runs the real ranking statement.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Candidate, CandidateEmail, CandidateStatus, ConsentStatus, Tag
from candidates.services import candidate_tag_add
from engagement.models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    ContentItem,
    EngineRule,
    Enrollment,
    MessageStatus,
    OutboundMessage,
)
from engagement.scoring import anchor_for_score, current_params
from engagement.selectors.engine import best_roles_for_tier, best_roles_per_candidate_loop
from engagement.services.engine import ROLE_FIT_FLOOR, engine_rule_update, engine_rules, engine_run
from engagement.services.settings import engagement_settings_update
from profiles.models import ProfileStatus, Requirement, RoleProfile
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from tests.conftest import logged_in_client
from tests.factories import make_api_key

_counter = iter(range(1, 100_000))
SCORES = {"high": 90.0, "mid": 65.0, "low": 20.0}


def tag(name: str) -> Tag:
    return Tag.objects.create(
        key=f"skill.e{next(_counter)}-{name.lower()}", category="skill", name_en=name, name_zh=name
    )


def person(name: str, tier: str, tags=(), *, email: bool = True, **fields) -> Candidate:
    """A candidate of the current tenant in ``tier`` now, with ``tags``, consent given and an email address
    (unless told otherwise)."""
    fields.setdefault("consent_status", ConsentStatus.GIVEN)
    candidate = Candidate.objects.create(
        full_name=name, activity_anchor=anchor_for_score(SCORES[tier], current_params()), **fields
    )
    for item in tags:
        candidate_tag_add(
            candidate,
            tag=item,
            source="extracted",
            evidence=(item.name_en, 0, len(item.name_en)),
            strength=1.0,
        )
    if email:
        CandidateEmail.objects.create(
            candidate=candidate, email=f"c{candidate.pk}@example.com", is_primary=True
        )
    candidate.refresh_from_db()
    return candidate


def role(title: str, requirements) -> RoleProfile:
    profile = RoleProfile.objects.create(title=title, status=ProfileStatus.OPEN)
    for position, (requirement_tag, weight, must_have) in enumerate(requirements):
        Requirement.objects.create(
            profile=profile, tag=requirement_tag, weight=weight, must_have=must_have, position=position
        )
    return profile


def sent_before(candidate: Candidate, days: float) -> OutboundMessage:
    """An outreach message to the candidate written ``days`` ago (what the cadence looks at)."""
    return OutboundMessage.objects.create(
        idempotency_key=f"test-{candidate.pk}-{days}",
        candidate=candidate,
        to_address="x@example.com",
        subject="s",
        body_text="b",
        status=MessageStatus.SENT,
        created_at=timezone.now() - timedelta(days=days),
    )


@pytest.fixture
def pool(tenant_a):
    """A small pool whose engine outcome is counted by hand below (``EXPECTED``)."""
    with tenant_context(tenant_a):
        lean, java, kaizen, cooking = tag("Lean"), tag("Java"), tag("Kaizen"), tag("Cooking")
        lean_role = role("精益生产经理", [(lean, 5, True), (kaizen, 3, False)])
        role("Java Developer", [(java, 5, True)])
        ContentItem.objects.create(
            title="精益生产落地案例", url="https://example.com/lean", tag_ids=[lean.pk, kaizen.pk]
        )
        ContentItem.objects.create(title="Java 21 news", url="https://example.com/java", tag_ids=[java.pk])
        ContentItem.objects.create(
            title="Expired",
            url="https://example.com/old",
            tag_ids=[lean.pk],
            valid_until=timezone.now().date() - timedelta(days=2),
        )
        people = {
            # high: fits the lean role → roles; fits nothing but has content → content; no email; in cadence.
            "high_roles": person("王精益", "high", [lean, kaizen]),
            "high_content": person("Henry Kaizen", "high", [kaizen]),
            "high_no_email": person("No Mail", "high", [lean], email=False),
            "high_cadence": person("Recently Mailed", "high", [lean]),
            "high_unconsented": person("Not Asked Yet", "high", [lean], consent_status=ConsentStatus.UNKNOWN),
            "high_dnc": person("Do Not Contact", "high", [lean], status=CandidateStatus.DO_NOT_CONTACT),
            # mid: content by tags; no matching content; consent withdrawn; in a running sequence; mailed 40 days
            # ago (past the 30-day cadence).
            "mid_content": person("Mia Java", "mid", [java]),
            "mid_no_fit": person("Chef", "mid", [cooking]),
            "mid_withdrawn": person("Withdrawn", "mid", [java], consent_status=ConsentStatus.WITHDRAWN),
            "mid_sequence": person("In Sequence", "mid", [java]),
            "mid_old_mail": person("Old Mail", "mid", [java]),
            # low: greeting (consent given), re-consent (consent unknown, required below), mailed 60 days ago.
            "low_given": person("Lou Given", "low"),
            "low_unknown": person("Lu Unknown", "low", consent_status=ConsentStatus.UNKNOWN),
            "low_cadence": person("Low Cadence", "low"),
        }
        sent_before(people["high_cadence"], 3)
        sent_before(people["mid_old_mail"], 40)
        sent_before(people["low_cadence"], 60)
        campaign = Campaign.objects.create(name="Running", status=CampaignStatus.RUNNING)
        Enrollment.objects.create(
            campaign=campaign,
            candidate=people["mid_sequence"],
            next_step_at=timezone.now() + timedelta(days=3),
        )
        engagement_settings_update(values={"require_consent": True})
    return {"people": people, "lean_role": lean_role, "tags": (lean, java, kaizen, cooking)}


EXPECTED_SEGMENTS = {
    ("high", "job_recommendation"): 1,
    ("high", "content"): 1,
    ("mid", "content"): 2,
    ("low", "greeting"): 1,
    ("low", "reconsent"): 1,
}
EXPECTED_SKIPPED = {
    "high": {"no_email": 1, "cadence": 1, "consent": 1},  # consent required, not given: only low re-asks
    "mid": {"consent": 1, "in_sequence": 1, "no_fit": 1},
    "low": {"cadence": 1},
}


def _segments(report) -> dict:
    return {(segment.tier, segment.action): segment for segment in report.segments}


def test_rules_are_seeded_once_per_tenant_switched_off_with_the_product_defaults(tenant_a):
    with tenant_context(tenant_a):
        rules = engine_rules()
        again = engine_rules()
        assert [(rule.tier, rule.action, rule.cadence_days, rule.enabled) for rule in rules] == [
            ("high", "job_recommendation", 14, False),
            ("mid", "content", 30, False),
            ("low", "greeting", 90, False),
        ]
        assert [rule.pk for rule in again] == [rule.pk for rule in rules]
        assert EngineRule.objects.count() == 3


def test_dry_run_numbers_match_the_hand_count_of_a_small_pool(tenant_a, pool):
    with tenant_context(tenant_a):
        report = engine_run(dry_run=True)
    counts = {key: segment.count for key, segment in _segments(report).items()}
    assert counts == EXPECTED_SEGMENTS
    assert report.total == sum(EXPECTED_SEGMENTS.values()) == 6
    assert report.enabled_total == 0  # every rule is still off: the dry run shows what switching on would do
    for tier, reasons in EXPECTED_SKIPPED.items():
        assert {reason: n for reason, n in report.skipped[tier].items() if n} == reasons


def test_dry_run_examples_name_the_candidates_what_they_get_and_the_rendered_subject(tenant_a, pool):
    people = pool["people"]
    with tenant_context(tenant_a):
        segments = _segments(engine_run(dry_run=True))
    roles = segments[("high", "job_recommendation")].examples
    assert [example.name for example in roles] == ["王精益"]
    assert roles[0].items[0].startswith("精益生产经理")
    assert roles[0].subject and "{{" not in roles[0].subject
    content = segments[("mid", "content")].examples
    assert {example.candidate_id for example in content} == {
        people["mid_content"].pk,
        people["mid_old_mail"].pk,
    }
    assert all(example.items == ["Java 21 news"] for example in content)
    assert segments[("high", "content")].examples[0].items == ["精益生产落地案例"]  # the expired item never
    assert segments[("low", "reconsent")].examples[0].name == "Lu Unknown"
    assert all(example.subject for segment in segments.values() for example in segment.examples)


def test_the_dry_run_writes_nothing(tenant_a, pool):
    with tenant_context(tenant_a):
        before = (Campaign.objects.count(), OutboundMessage.objects.count(), Enrollment.objects.count())
        engine_run(dry_run=True)
        assert (
            Campaign.objects.count(),
            OutboundMessage.objects.count(),
            Enrollment.objects.count(),
        ) == before


def test_per_role_batching_keeps_the_same_best_roles_as_ranking_each_candidate_alone(tenant_a):
    with tenant_context(tenant_a):
        tags = [tag(f"T{number}") for number in range(6)]
        role("R-a", [(tags[0], 5, True), (tags[1], 3, False)])
        role("R-b", [(tags[1], 4, False), (tags[2], 4, False)])
        role("R-c", [(tags[2], 2, False), (tags[3], 5, False), (tags[4], 1, False)])
        role("R-d", [(tags[5], 5, True)])
        role("R-e", [(tags[0], 1, False), (tags[3], 1, False), (tags[5], 1, False)])
        people = [
            person(f"P{number}", "high", [tags[i] for i in range(6) if (number >> i) & 1])
            for number in range(1, 40, 3)
        ]
        ids = [candidate.pk for candidate in people]
        import numpy as np

        batched = best_roles_for_tier(np.array(ids), tiers=("high",), floor=ROLE_FIT_FLOOR).best
        alone = best_roles_per_candidate_loop(ids, floor=ROLE_FIT_FLOOR)
    assert batched == alone
    assert batched and all(len(roles) <= 3 for roles in batched.values())
    assert any(len(roles) == 3 for roles in batched.values())


def test_the_weekly_run_creates_launched_engine_campaigns_with_queued_messages_once_per_week(tenant_a, pool):
    people = pool["people"]
    with tenant_context(tenant_a):
        for rule in engine_rules():
            engine_rule_update(rule, values={"enabled": True})
        report = engine_run(dry_run=False)
        campaigns = list(Campaign.objects.filter(kind=CampaignKind.ENGINE).order_by("id"))
        assert [campaign.pk for campaign in campaigns] == report.campaigns
        week = report.week
        assert sorted(campaign.name for campaign in campaigns) == sorted(
            [
                f"Engine · high · {week}",
                f"Engine · high · {week} · content",
                f"Engine · mid · {week}",
                f"Engine · low · {week}",
                f"Engine · low · {week} · reconsent",
            ]
        )
        assert all(campaign.engine_rule is not None and campaign.launched_at for campaign in campaigns)
        messages = OutboundMessage.objects.filter(campaign__kind=CampaignKind.ENGINE)
        assert messages.count() == 6
        assert set(messages.values_list("candidate_id", flat=True)) == {
            people[key].pk
            for key in (
                "high_roles",
                "high_content",
                "mid_content",
                "mid_old_mail",
                "low_given",
                "low_unknown",
            )
        }
        recommendation = messages.get(candidate=people["high_roles"])
        assert "精益生产经理" in recommendation.body_text
        enrollment = Enrollment.objects.get(
            candidate=people["high_roles"], campaign__kind=CampaignKind.ENGINE
        )
        assert enrollment.context["roles"][0]["title"] == "精益生产经理"

        again = engine_run(dry_run=False)
        assert again.campaigns == [] and sorted(again.already_ran) == ["high", "low", "mid"]
        assert Campaign.objects.filter(kind=CampaignKind.ENGINE).count() == 5
        assert messages.count() == 6


def test_next_week_the_cadence_keeps_last_weeks_recipients_out(tenant_a, pool):
    with tenant_context(tenant_a):
        for rule in engine_rules():
            engine_rule_update(rule, values={"enabled": True})
        engine_run(dry_run=False)
        later = engine_run(dry_run=True, now=timezone.now() + timedelta(days=7))
    # Everyone messaged last week is inside every cadence (14 / 30 / 90 days) a week later.
    assert later.total == 0


def test_switched_off_rules_send_nothing_and_the_others_still_do(tenant_a, pool):
    with tenant_context(tenant_a):
        high, mid, low = engine_rules()
        engine_rule_update(mid, values={"enabled": True})
        report = engine_run(dry_run=False)
        assert {segment.tier for segment in report.segments} == {"mid"}
        assert set(
            Campaign.objects.filter(kind=CampaignKind.ENGINE).values_list("engine_rule__tier", flat=True)
        ) == {"mid"}
        engine_rule_update(mid, values={"enabled": False})
        assert engine_run(dry_run=False, now=timezone.now() + timedelta(days=7)).campaigns == []


def test_rule_changes_are_checked_and_name_the_field(tenant_a):
    with tenant_context(tenant_a):
        high = engine_rules()[0]
        with pytest.raises(ServiceError) as bad_action:
            engine_rule_update(high, values={"action": "spam"})
        assert bad_action.value.field == "action"
        with pytest.raises(ServiceError) as short_cadence:
            engine_rule_update(high, values={"cadence_days": 3})
        assert short_cadence.value.field == "cadence_days"
        updated = engine_rule_update(high, values={"action": "content", "cadence_days": 21})
        assert (updated.action, updated.cadence_days) == ("content", 21)


def test_recruiters_patch_rules_and_viewers_only_read_them_through_the_api(tenant_a, recruiter_a, viewer_a):
    recruiter, viewer = logged_in_client(recruiter_a), logged_in_client(viewer_a)
    listed = viewer.get("/api/v1/engine/rules/")
    assert listed.status_code == 200
    rules = listed.json()
    assert [rule["tier"] for rule in rules] == ["high", "mid", "low"]
    high = rules[0]["id"]
    assert (
        viewer.patch(
            f"/api/v1/engine/rules/{high}/", {"enabled": True}, content_type="application/json"
        ).status_code
        == 403
    )
    changed = recruiter.patch(
        f"/api/v1/engine/rules/{high}/",
        {"enabled": True, "cadence_days": 21},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["enabled"] is True
    bad = recruiter.patch(
        f"/api/v1/engine/rules/{high}/", {"cadence_days": 2}, content_type="application/json"
    )
    assert bad.status_code == 400 and "cadence_days" in bad.json()["error"]["fields"]
    assert viewer.post("/api/v1/engine/dry-run/").status_code == 403


def test_the_dry_run_api_returns_the_report(tenant_a, pool, recruiter_a):
    response = logged_in_client(recruiter_a).post("/api/v1/engine/dry-run/")
    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True and body["total"] == 6
    assert {
        (segment["tier"], segment["action"]): segment["count"] for segment in body["segments"]
    } == EXPECTED_SEGMENTS


def test_another_tenants_rules_and_candidates_stay_out_of_reach(tenant_a, tenant_b, pool, admin_b):
    with tenant_context(tenant_b):
        rule_b = engine_rules()[0]
        person("Beta Person", "low")
        report_b = engine_run(dry_run=True)
    assert report_b.total == 1  # tenant A's pool is invisible to tenant B's run
    key = make_api_key(tenant_a)
    response = logged_in_client(admin_b).get("/api/v1/engine/rules/")
    assert rule_b.pk in [rule["id"] for rule in response.json()]
    from django.test import Client

    other = Client().patch(
        f"/api/v1/engine/rules/{rule_b.pk}/",
        {"enabled": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert other.status_code == 404
    with tenant_context(tenant_b):
        assert EngineRule.objects.get(pk=rule_b.pk).enabled is False


def test_engine_page_shows_the_rules_and_the_dry_run_in_both_languages(tenant_a, pool, recruiter_a):
    client = logged_in_client(recruiter_a)
    page = client.get(reverse("engagement:engine"))
    assert page.status_code == 200
    assert b"Dry run" in page.content or "试运行".encode() in page.content
    dry = client.post(reverse("engagement:engine_dry_run"), HTTP_HX_REQUEST="true")
    assert dry.status_code == 200
    text = dry.content.decode()
    assert "6" in text and "王精益" in text
    client.cookies.load({"django_language": "en"})
    english = client.post(
        reverse("engagement:engine_dry_run"), HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 200


def test_recommended_candidates_without_an_open_follow_up_get_one_queued_for_the_recruiter(
    tenant_a, pool, django_capture_on_commit_callbacks, monkeypatch
):
    from engagement import tasks
    from engagement.models import FollowUp

    queued = []
    monkeypatch.setattr(
        tasks.high_tier_entered,
        "delay",
        lambda tenant_id, candidate_id: queued.append((tenant_id, candidate_id)),
    )
    people = pool["people"]
    with tenant_context(tenant_a):
        high = engine_rules()[0]
        engine_rule_update(high, values={"enabled": True})
        with django_capture_on_commit_callbacks(execute=True):
            engine_run(dry_run=False)
        assert queued == [(tenant_a.pk, people["high_roles"].pk)]  # the content fallback gets no follow-up

        # Next week, with the follow-up open, nothing is queued twice.
        FollowUp.objects.create(candidate=people["high_roles"], roles=[], fit=0.0)
        queued.clear()
        Campaign.objects.filter(kind=CampaignKind.ENGINE).update(status=CampaignStatus.FINISHED)
        OutboundMessage.objects.filter(candidate=people["high_roles"]).update(
            created_at=timezone.now() - timedelta(days=20)
        )
        with django_capture_on_commit_callbacks(execute=True):
            report = engine_run(dry_run=False, now=timezone.now() + timedelta(days=7))
        assert [segment.count for segment in report.segments if segment.action == "job_recommendation"] == [1]
        assert queued == []
