"""Campaigns and sequences (engagement.services.campaigns): audiences of every kind, launch into the outbox,
steps with delays and conditions at fixed times, stopping, pausing, statistics, and the merge guard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate, CandidateStatus, ConsentStatus
from candidates.services import CandidateError, CandidateInput
from engagement.models import (
    CampaignStatus,
    Enrollment,
    EnrollmentStatus,
    InteractionKind,
    MessageStatus,
    OutboundMessage,
)
from engagement.scoring import current_params, tier_bounds
from engagement.selectors import candidates_in_running_sequences
from engagement.services import campaigns as c
from engagement.services.interactions import interaction_record
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
EMAIL = {
    "channel": "email",
    "subject": "{{ candidate.name }}，精益生产落地案例",
    "language": "zh-hans",
    "body": "您好 {{ candidate.name }}：\n请看 https://example.com/lean 的案例。",
}


def _tag(tenant, name):
    return candidate_services.tag_create(tenant, category="skill", name_en=name)


def _candidate(tenant, name, *, emails=(), phones=(), tags=(), source="manual", **fields):
    candidate = candidate_services.candidate_create(
        tenant,
        data=CandidateInput(
            full_name=name,
            emails=tuple(emails),
            phones=tuple(phones),
            tag_keys=tuple(tag.key for tag in tags),
            fields=fields or None,
        ),
        source=source,
    )
    with tenant_context(tenant):
        return Candidate.objects.get(pk=candidate.pk)


@pytest.fixture
def people(tenant_a):
    return [
        _candidate(tenant_a, name, emails=[f"p{index}@example.com"])
        for index, name in enumerate(["王小明", "Li Lei", "张伟"])
    ]


def _launched(tenant, audience, steps, *, now=T0, **options):
    with tenant_context(tenant):
        campaign = c.campaign_create(name="精益生产", audience=audience, steps=steps, **options)
        return c.campaign_launch(campaign, now=now)


def _messages(tenant, campaign, **filters):
    with tenant_context(tenant):
        return list(
            OutboundMessage.objects.filter(campaign=campaign, **filters).order_by("candidate_id", "id")
        )


# --- launch -------------------------------------------------------------------------------------------------


def test_a_launched_one_off_puts_each_candidates_rendered_email_in_the_outbox_due_at_once(tenant_a, people):
    campaign = _launched(tenant_a, {"candidate_ids": [p.pk for p in people]}, [EMAIL], use_send_window=False)

    messages = _messages(tenant_a, campaign)
    assert [m.candidate_id for m in messages] == sorted(p.pk for p in people)
    first = messages[0]
    person = min(people, key=lambda p: p.pk)
    assert first.status == MessageStatus.QUEUED and first.due_at <= T0
    assert first.subject == f"{person.full_name}，精益生产落地案例"
    assert f"您好 {person.full_name}" in first.body_text and "<p>" in first.body_html
    assert first.links == ["https://example.com/lean"]
    assert first.to_address == "p0@example.com"
    assert first.idempotency_key == f"c{campaign.pk}:s0:k{person.pk}"
    assert campaign.status == CampaignStatus.RUNNING and campaign.launched_at == T0
    with tenant_context(tenant_a):
        assert set(Enrollment.objects.filter(campaign=campaign).values_list("status", flat=True)) == {
            EnrollmentStatus.COMPLETED
        }


def test_an_empty_audience_cannot_be_launched_and_stays_a_draft(tenant_a, people):
    with tenant_context(tenant_a):
        people[0].__class__.objects.filter(pk=people[0].pk).update(status=CandidateStatus.DO_NOT_CONTACT)
        campaign = c.campaign_create(name="empty", audience={"candidate_ids": [people[0].pk]}, steps=[EMAIL])
        with pytest.raises(ServiceError) as error:
            c.campaign_launch(campaign)
        assert error.value.field == "audience" and str(error.value) == "The audience is empty"
        campaign.refresh_from_db()
        assert campaign.status == CampaignStatus.DRAFT
        assert not Enrollment.objects.filter(campaign=campaign).exists()


def test_a_campaign_scheduled_for_later_enrolls_now_and_sends_from_its_start_time(tenant_a, people):
    start = T0 + timedelta(hours=5)
    campaign = _launched(tenant_a, {"candidate_ids": [people[0].pk]}, [EMAIL], scheduled_at=start)
    assert campaign.status == CampaignStatus.SCHEDULED
    assert _messages(tenant_a, campaign) == []
    with tenant_context(tenant_a):
        assert candidates_in_running_sequences([people[0].pk]) == {people[0].pk}
        c.sequences_advance(now=start - timedelta(minutes=1))
        assert _messages(tenant_a, campaign) == []
        c.sequences_advance(now=start)
        campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING
    assert [m.due_at for m in _messages(tenant_a, campaign)] == [start]


def test_the_engines_per_candidate_context_reaches_the_message(tenant_a, people):
    roles = {people[0].pk: [{"id": 7, "title": "精益生产经理", "score": 91}]}
    steps = [{**EMAIL, "body": "{% for role in roles %}{{ role.title }}（{{ role.match }}）{% endfor %}"}]
    with tenant_context(tenant_a):
        campaign = c.campaign_create(
            name="engine",
            kind="engine",
            audience={"candidate_ids": [people[0].pk]},
            steps=steps,
            context_for=lambda candidate: {"roles": roles[candidate.pk]},
        )
        c.campaign_launch(campaign, now=T0)
    [message] = _messages(tenant_a, campaign)
    assert "精益生产经理（91）" in message.body_text


def test_a_body_naming_the_unsubscribe_link_gets_the_messages_own_one_click_url(tenant_a, people):
    steps = [{**EMAIL, "body": "退订 / unsubscribe: {{ links.unsubscribe }}"}]
    campaign = _launched(tenant_a, {"candidate_ids": [people[0].pk]}, steps)
    [message] = _messages(tenant_a, campaign)
    assert "/e/" in message.body_text and message.links and message.links[0] in message.body_html


# --- sequences -------------------------------------------------------------------------------------------------


def test_a_follow_up_waits_its_delay_and_goes_only_to_those_its_condition_holds_for(tenant_a, people):
    steps = [
        EMAIL,
        {**EMAIL, "subject": "再看看？", "delay_days": 3, "condition": "opened_not_clicked"},
        {**EMAIL, "subject": "最后一封", "delay_days": 2, "condition": "not_opened"},
    ]
    opener, clicker, silent = people
    campaign = _launched(tenant_a, {"candidate_ids": [p.pk for p in people]}, steps)
    with tenant_context(tenant_a):
        # What the tracking records on the first message: a human open; an open and a click.
        OutboundMessage.objects.filter(campaign=campaign, candidate=opener).update(
            opened_at=T0 + timedelta(hours=2)
        )
        OutboundMessage.objects.filter(campaign=campaign, candidate=clicker).update(
            opened_at=T0 + timedelta(hours=1), clicked_at=T0 + timedelta(hours=1)
        )
        assert c.sequences_advance(now=T0 + timedelta(days=2, hours=23)) == 0
        assert c.sequences_advance(now=T0 + timedelta(days=3)) == 3
    second = _messages(tenant_a, campaign, subject="再看看？")
    assert [m.candidate_id for m in second] == [opener.pk]
    assert second[0].due_at == T0 + timedelta(days=3)
    with tenant_context(tenant_a):
        c.sequences_advance(now=T0 + timedelta(days=5))
        assert set(Enrollment.objects.filter(campaign=campaign).values_list("status", flat=True)) == {
            EnrollmentStatus.COMPLETED
        }
    assert [m.candidate_id for m in _messages(tenant_a, campaign, subject="最后一封")] == [silent.pk]


def test_advancing_twice_at_the_same_moment_writes_each_message_once(tenant_a, people):
    steps = [EMAIL, {**EMAIL, "subject": "second", "delay_days": 1}]
    campaign = _launched(tenant_a, {"candidate_ids": [p.pk for p in people]}, steps)
    with tenant_context(tenant_a):
        later = T0 + timedelta(days=1)
        assert c.sequences_advance(now=later) == 3
        assert c.sequences_advance(now=later) == 0
        # Even with the enrollments put back (a crash after the outbox write), the keys keep one message each.
        Enrollment.objects.filter(campaign=campaign).update(
            status=EnrollmentStatus.ACTIVE, next_position=1, next_step_at=later
        )
        c.sequences_advance(now=later)
    assert len(_messages(tenant_a, campaign)) == 6


def test_a_candidate_without_an_address_for_the_channel_leaves_the_sequence_with_no_contact(tenant_a, people):
    phoneless = people[0]
    sms = {"channel": "sms", "body": "{{ candidate.name }}，有新职位"}
    with_phone = _candidate(tenant_a, "赵六", phones=["+8613800138000"])
    campaign = _launched(tenant_a, {"candidate_ids": [phoneless.pk, with_phone.pk]}, [sms])
    with tenant_context(tenant_a):
        stopped = Enrollment.objects.get(campaign=campaign, candidate=phoneless)
    assert (stopped.status, stopped.stop_reason) == (EnrollmentStatus.STOPPED, "no_contact")
    [message] = _messages(tenant_a, campaign)
    assert (message.channel, message.to_address, message.body_html) == ("sms", "+8613800138000", "")
    assert message.body_text == "赵六，有新职位"


@pytest.mark.parametrize(
    "kind", [InteractionKind.REPLIED, InteractionKind.UNSUBSCRIBED, InteractionKind.HIRED]
)
def test_a_reply_an_unsubscribe_or_a_hire_stops_the_sequence_and_skips_its_waiting_messages(
    tenant_a, people, kind
):
    steps = [EMAIL, {**EMAIL, "subject": "second", "delay_days": 2}]
    person, other = people[0], people[1]
    campaign = _launched(tenant_a, {"candidate_ids": [person.pk, other.pk]}, steps, now=timezone.now())
    with tenant_context(tenant_a):
        interaction_record(candidate=person, kind=kind, channel="email")
        enrollment = Enrollment.objects.get(campaign=campaign, candidate=person)
        assert (enrollment.status, enrollment.stop_reason) == (EnrollmentStatus.STOPPED, str(kind))
        c.sequences_advance(now=timezone.now() + timedelta(days=2))
    mine = _messages(tenant_a, campaign, candidate=person)
    assert [(m.status, m.skip_reason) for m in mine] == [(MessageStatus.SKIPPED, str(kind))]
    assert len(_messages(tenant_a, campaign, candidate=other)) == 2


def test_enrollments_stop_is_safe_to_call_twice_and_leaves_sent_messages_alone(tenant_a, people):
    campaign = _launched(tenant_a, {"candidate_ids": [people[0].pk]}, [EMAIL, {**EMAIL, "delay_days": 1}])
    with tenant_context(tenant_a):
        OutboundMessage.objects.filter(campaign=campaign).update(status=MessageStatus.SENT, sent_at=T0)
        assert c.enrollments_stop(candidate=people[0], reason="do_not_contact") == 1
        assert c.enrollments_stop(candidate=people[0], reason="do_not_contact") == 0
    assert [m.status for m in _messages(tenant_a, campaign)] == [MessageStatus.SENT]


def test_a_paused_campaign_does_not_advance_and_resumes_where_it_stopped(tenant_a, people):
    steps = [EMAIL, {**EMAIL, "subject": "second", "delay_days": 1}]
    campaign = _launched(tenant_a, {"candidate_ids": [people[0].pk]}, steps)
    with tenant_context(tenant_a):
        campaign = c.campaign_pause(campaign)
        assert c.campaign_pause(campaign).status == CampaignStatus.PAUSED
        assert c.sequences_advance(now=T0 + timedelta(days=2)) == 0
        # The dispatcher's filter: the paused campaign's queued message is held.
        held = OutboundMessage.objects.filter(c.held_campaign_condition(), status=MessageStatus.QUEUED)
        assert held.count() == 1
        assert candidates_in_running_sequences([people[0].pk]) == {people[0].pk}
        c.campaign_resume(campaign)
        assert not OutboundMessage.objects.filter(c.held_campaign_condition()).exists()
        assert c.sequences_advance(now=T0 + timedelta(days=2)) == 1
    assert len(_messages(tenant_a, campaign)) == 2


def test_finishing_a_campaign_stops_its_sequences_and_skips_what_has_not_gone_out(tenant_a, people):
    campaign = _launched(
        tenant_a, {"candidate_ids": [p.pk for p in people]}, [EMAIL, {**EMAIL, "delay_days": 1}]
    )
    with tenant_context(tenant_a):
        campaign = c.campaign_finish(campaign)
        assert campaign.status == CampaignStatus.FINISHED
        assert set(Enrollment.objects.filter(campaign=campaign).values_list("stop_reason", flat=True)) == {
            "campaign_finished"
        }
    assert {m.status for m in _messages(tenant_a, campaign)} == {MessageStatus.SKIPPED}


def test_a_campaign_becomes_finished_once_every_enrollment_is_done_and_nothing_waits(tenant_a, people):
    campaign = _launched(tenant_a, {"candidate_ids": [people[0].pk]}, [EMAIL])
    assert campaign.status == CampaignStatus.RUNNING  # its message still waits in the outbox
    with tenant_context(tenant_a):
        OutboundMessage.objects.filter(campaign=campaign).update(status=MessageStatus.SENT, sent_at=T0)
        c.sequences_advance(now=T0 + timedelta(minutes=1))
        campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FINISHED


# --- audiences ---------------------------------------------------------------------------------------------------


@pytest.fixture
def segment_pool(tenant_a):
    lean, java = _tag(tenant_a, "Lean manufacturing"), _tag(tenant_a, "Java")
    pool = {
        "lean": _candidate(tenant_a, "精益 甲", emails=["a@example.com"], tags=[lean], source="import"),
        "both": _candidate(tenant_a, "精益 乙", emails=["b@example.com"], tags=[lean, java]),
        "java": _candidate(tenant_a, "Java 丙", emails=["c@example.com"], tags=[java]),
        "dnc": _candidate(tenant_a, "勿扰 丁", emails=["d@example.com"], tags=[lean]),
        "withdrawn": _candidate(tenant_a, "撤回 戊", emails=["e@example.com"], tags=[lean]),
    }
    with tenant_context(tenant_a):
        Candidate.objects.filter(pk=pool["dnc"].pk).update(status=CandidateStatus.DO_NOT_CONTACT)
        Candidate.objects.filter(pk=pool["withdrawn"].pk).update(consent_status=ConsentStatus.WITHDRAWN)
        # "both" is highly active: an anchor above the high bound now.
        high_bound, _mid_bound = tier_bounds(current_params())
        Candidate.objects.filter(pk=pool["both"].pk).update(activity_anchor=high_bound + 0.5)
    return {"tags": {"lean": lean, "java": java}, **pool}


def _ids(tenant, audience) -> set[int]:
    with tenant_context(tenant):
        return set(c.audience_candidate_ids(audience))


def test_a_tag_tier_and_source_audience_counts_only_reachable_candidates(tenant_a, segment_pool):
    lean, java = segment_pool["tags"]["lean"], segment_pool["tags"]["java"]
    with tenant_context(tenant_a):
        assert c.audience_count({"tag_ids": [lean.pk]}) == 2
        assert c.audience_count({"tag_ids": [lean.pk, java.pk]}) == 3
        assert c.audience_count({"tag_ids": [lean.pk, java.pk], "tiers": ["high"]}) == 1
        assert c.audience_count({"tag_ids": [lean.pk], "tiers": ["low", "mid"]}) == 1
        assert c.audience_count({"sources": ["import"]}) == 1
    assert _ids(tenant_a, {"tag_ids": [lean.pk]}) == {segment_pool["lean"].pk, segment_pool["both"].pk}


def test_a_saved_pool_search_a_shortlist_and_a_role_audience_resolve_to_their_candidates(
    tenant_a, recruiter_a, segment_pool
):
    from profiles import services as profile_services
    from profiles.models import SavedSearch

    lean = segment_pool["tags"]["lean"]
    with tenant_context(tenant_a):
        role = profile_services.profile_create(
            title="精益生产经理",
            actor=recruiter_a,
            requirements=[{"tag": lean.pk, "weight": 5, "must_have": True}],
        )
        pool_search = SavedSearch.objects.create(
            owner=recruiter_a, name="lean", params={"tags_any": [lean.pk]}
        )
        role_search = SavedSearch.objects.create(owner=recruiter_a, name="lean role", profile=role, params={})
        shortlist = profile_services.shortlist_create(
            profile=role, actor=recruiter_a, candidate_ids=[segment_pool["java"].pk, segment_pool["dnc"].pk]
        )
    reachable_lean = {segment_pool["lean"].pk, segment_pool["both"].pk}
    assert _ids(tenant_a, {"saved_search": pool_search.pk}) == reachable_lean
    assert _ids(tenant_a, {"saved_search": role_search.pk}) == reachable_lean
    assert _ids(tenant_a, {"profile": role.pk, "min_score": 0}) == reachable_lean
    assert _ids(tenant_a, {"shortlist": shortlist.pk}) == {segment_pool["java"].pk}
    with tenant_context(tenant_a):
        assert c.audience_count({"profile": role.pk}) == 2


@pytest.mark.parametrize(
    "audience, message",
    [
        ({"tag_ids": [1], "candidate_ids": [1]}, "Choose one kind"),
        ({"everyone": True}, "Unknown audience key: everyone"),
        ({"tiers": ["top"]}, "Tiers are"),
        ({"candidate_ids": "1,2"}, "list of ids"),
        ([1, 2], "must be an object"),
    ],
)
def test_a_malformed_audience_is_refused_on_the_audience_field(tenant_a, audience, message):
    with tenant_context(tenant_a), pytest.raises(ServiceError) as error:
        c.campaign_create(name="x", audience=audience, steps=[EMAIL])
    assert error.value.field == "audience" and message in str(error.value)


def test_another_tenants_candidates_tags_searches_roles_and_shortlists_are_refused(
    tenant_b, admin_b, segment_pool, tenant_a
):
    from profiles import services as profile_services
    from profiles.models import SavedSearch

    other = _candidate(tenant_b, "Beta person", emails=["beta@example.com"])
    other_tag = _tag(tenant_b, "Beta skill")
    with tenant_context(tenant_b):
        role = profile_services.profile_create(
            title="Beta role", actor=admin_b, requirements=[{"tag": other_tag.pk, "weight": 3}]
        )
        saved = SavedSearch.objects.create(owner=admin_b, name="beta", params={})
        shortlist = profile_services.shortlist_create(profile=role, actor=admin_b, candidate_ids=[other.pk])
    for audience in (
        {"candidate_ids": [segment_pool["lean"].pk, other.pk]},
        {"tag_ids": [other_tag.pk]},
        {"saved_search": saved.pk},
        {"profile": role.pk},
        {"shortlist": shortlist.pk},
    ):
        with tenant_context(tenant_a), pytest.raises(ServiceError) as error:
            c.audience_count(audience)
        assert error.value.field == "audience", audience


# --- steps -------------------------------------------------------------------------------------------------------


def test_an_unknown_placeholder_is_refused_naming_the_step_and_the_field(tenant_a, people):
    steps = [EMAIL, {**EMAIL, "body": "您好 {{ candidate.salary }}"}]
    with tenant_context(tenant_a), pytest.raises(ServiceError) as error:
        c.campaign_create(name="x", audience={"candidate_ids": [people[0].pk]}, steps=steps)
    assert error.value.field == "steps[1].body" and "candidate.salary" in str(error.value)


def test_an_email_step_needs_a_subject_and_known_fields(tenant_a, people):
    for step, field in (
        ({"channel": "email", "body": "hi"}, "steps[0].subject"),
        ({**EMAIL, "delay": 3}, "steps[0].delay"),
        ({**EMAIL, "delay_days": -1}, "steps[0].delay_days"),
        ({**EMAIL, "condition": "maybe"}, "steps[0].condition"),
        ({**EMAIL, "channel": "fax"}, "steps[0].channel"),
    ):
        with tenant_context(tenant_a), pytest.raises(ServiceError) as error:
            c.campaign_create(name="x", audience={}, steps=[step])
        assert error.value.field == field, step


def test_only_a_draft_can_be_changed_or_deleted(tenant_a, people):
    with tenant_context(tenant_a):
        campaign = c.campaign_create(name="draft", audience={"candidate_ids": [people[0].pk]}, steps=[EMAIL])
        campaign = c.campaign_update(campaign, name="renamed", steps=[EMAIL, {**EMAIL, "delay_days": 2}])
        assert (campaign.name, campaign.steps.count()) == ("renamed", 2)
        c.campaign_launch(campaign, now=T0)
        with pytest.raises(ServiceError) as error:
            c.campaign_update(campaign, name="again")
        assert error.value.code == "not_draft"
        with pytest.raises(ServiceError):
            c.campaign_delete(campaign)
        with pytest.raises(ServiceError) as error:
            c.campaign_launch(campaign)
        assert error.value.code == "already_launched"


# --- statistics and the merge guard ---------------------------------------------------------------------------------


def test_statistics_count_each_steps_reactions_and_skip_reasons(tenant_a, people):
    campaign = _launched(
        tenant_a, {"candidate_ids": [p.pk for p in people]}, [EMAIL, {**EMAIL, "delay_days": 1}]
    )
    a, b, d = people
    with tenant_context(tenant_a):
        mine = OutboundMessage.objects.filter(campaign=campaign)
        mine.filter(candidate=a).update(
            status=MessageStatus.SENT, sent_at=T0, delivered_at=T0, opened_at=T0, clicked_at=T0, replied_at=T0
        )
        mine.filter(candidate=b).update(
            status=MessageStatus.SENT, sent_at=T0, delivered_at=T0, machine_opened_at=T0, unsubscribed_at=T0
        )
        mine.filter(candidate=d).update(status=MessageStatus.SKIPPED, skip_reason="frequency_cap")
        [first, second] = c.campaign_stats(campaign)
    assert {
        key: first[key]
        for key in (
            "audience",
            "messages",
            "sent",
            "delivered",
            "opened",
            "machine_opened",
            "clicked",
            "replied",
            "unsubscribed",
            "bounced",
            "skipped",
            "queued",
        )
    } == {
        "audience": 3,
        "messages": 3,
        "sent": 2,
        "delivered": 2,
        "opened": 1,
        "machine_opened": 1,
        "clicked": 1,
        "replied": 1,
        "unsubscribed": 1,
        "bounced": 0,
        "skipped": 1,
        "queued": 0,
    }
    assert first["skip_reasons"] == {"frequency_cap": 1}
    assert (second["position"], second["messages"]) == (1, 0)


def test_a_candidate_in_a_running_sequence_cannot_be_merged_until_the_campaign_finishes(tenant_a, people):
    keep, remove = people[0], people[1]
    campaign = _launched(tenant_a, {"candidate_ids": [remove.pk]}, [EMAIL, {**EMAIL, "delay_days": 3}])
    with tenant_context(tenant_a):
        assert candidates_in_running_sequences([keep.pk, remove.pk]) == {remove.pk}
    with pytest.raises(CandidateError) as error:
        candidate_services.candidate_merge(tenant_a, keep=keep, remove=remove)
    assert error.value.code == "in_campaign"
    with tenant_context(tenant_a):
        c.campaign_finish(campaign)
        assert candidates_in_running_sequences([keep.pk, remove.pk]) == set()
    merge = candidate_services.candidate_merge(tenant_a, keep=keep, remove=remove)
    assert merge.pk
