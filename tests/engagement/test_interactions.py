"""Interactions: recording one updates the candidate's score, tier and last_* at once, safely under concurrency;
the product's example reaches the recruiter; the API's contract, replays and isolation; the nightly reconcile;
the selectors; the pipeline's and the dashboard's interactions."""

from __future__ import annotations

import math
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from candidates.models import Candidate, Tag
from candidates.services.profile import candidate_tag_add
from engagement import scoring
from engagement.models import FollowUp, Interaction
from engagement.selectors.activity import activity_rate, follow_up_today, tier_distribution, timeline
from engagement.selectors.roles import roles_for_candidate
from engagement.services.interactions import (
    activity_recompute_rowwise,
    activity_reconcile,
    engagement_scoring_update,
    interaction_record,
)
from profiles import services as profile_services
from profiles.models import ApplicationStage
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification

from ..conftest import bearer
from ..factories import make_candidate


@pytest.fixture
def eager_tasks(monkeypatch):
    """The high-tier reaction runs in-process when queued, its failures raised (the worker test runs it through a
    real worker). Only this task: the outbox's own tasks keep going to the broker."""
    from engagement.tasks import high_tier_entered

    monkeypatch.setattr(high_tier_entered, "delay", lambda *args: high_tier_entered.apply(args=args).get())


def two_year_old_candidate(tenant, **fields) -> Candidate:
    return make_candidate(
        tenant, full_name="王精益", created_at=timezone.now() - timedelta(days=730), **fields
    )


def lean_role(tenant, actor=None):
    """An open role asking for the lean-manufacturing skill, and the tag (inside the tenant)."""
    with tenant_context(tenant):
        tag = Tag.objects.create(
            key="skill.lean-manufacturing", category="skill", name_en="Lean manufacturing", name_zh="精益生产"
        )
        other = Tag.objects.create(key="skill.cobol", category="skill", name_en="COBOL")
        role = profile_services.profile_create(
            title="精益生产经理 Lean manager",
            actor=actor,
            requirements=[profile_services.RequirementInput(tag=tag, weight=5)],
        )
        profile_services.profile_create(
            title="COBOL developer",
            actor=actor,
            requirements=[profile_services.RequirementInput(tag=other, weight=5)],
        )
    return role, tag


# --- the product's example --------------------------------------------------------------------------------------


def test_a_two_year_old_candidate_who_opens_and_replies_today_becomes_high_and_recruiters_are_told_with_roles(
    tenant_a, recruiter_a, admin_a, eager_tasks, django_capture_on_commit_callbacks
):
    role, tag = lean_role(tenant_a)
    candidate = two_year_old_candidate(tenant_a)
    with tenant_context(tenant_a):
        candidate_tag_add(candidate, tag=tag, source="manual")
        with django_capture_on_commit_callbacks(execute=True):
            interaction_record(
                candidate=candidate, kind="opened", channel="email", metadata={"subject": "精益生产落地案例"}
            )
            assert not FollowUp.objects.exists()  # 15 points: not high yet
            interaction_record(candidate=candidate, kind="replied", channel="email", body="感兴趣，可以聊聊")
        candidate.refresh_from_db()
        assert candidate.activity_score == pytest.approx(80.0)
        assert candidate.activity_tier == "high"
        follow_up = FollowUp.objects.get(candidate=candidate, done_at__isnull=True)
        assert [fit["id"] for fit in follow_up.roles] == [role.pk]
        assert [item["kind"] for item in follow_up.reason["interactions"]] == ["replied", "opened"]
        assert [item["points"] for item in follow_up.reason["interactions"]] == [65.0, 15.0]
        notes = Notification.objects.filter(kind="high_activity")
        # Recruiters first: the admin hears of it only when the tenant has no recruiter.
        assert [note.user_id for note in notes] == [recruiter_a.pk]
        assert role.title in notes[0].body and "王精益" in notes[0].title
    assert any(recruiter_a.email in message.to for message in mail.outbox) or _queued_system_mail(
        tenant_a, recruiter_a
    )


def _queued_system_mail(tenant, user) -> bool:
    from engagement.models import OutboundMessage

    with tenant_context(tenant):
        return OutboundMessage.objects.filter(user=user).exists()


def test_the_notice_is_written_in_the_recipients_language(
    tenant_a, recruiter_a, eager_tasks, django_capture_on_commit_callbacks
):
    recruiter_a.language = "zh-hans"
    recruiter_a.save(update_fields=["language"])
    candidate = two_year_old_candidate(tenant_a)
    with tenant_context(tenant_a), django_capture_on_commit_callbacks(execute=True):
        interaction_record(candidate=candidate, kind="applied", channel="web")
        interaction_record(candidate=candidate, kind="clicked", channel="email")
    with tenant_context(tenant_a):
        note = Notification.objects.get(kind="high_activity")
    assert "高活性" in note.title or "优先跟进" in note.title


def test_entering_the_high_tier_twice_opens_one_follow_up_and_notifies_once(
    tenant_a, recruiter_a, eager_tasks, django_capture_on_commit_callbacks
):
    candidate = two_year_old_candidate(tenant_a)
    from engagement.services.interactions import follow_up_for_high_tier

    with tenant_context(tenant_a), django_capture_on_commit_callbacks(execute=True):
        interaction_record(candidate=candidate, kind="applied")
        interaction_record(candidate=candidate, kind="clicked")
        interaction_record(candidate=candidate, kind="replied")  # already high: nothing new
    with tenant_context(tenant_a):
        assert follow_up_for_high_tier(candidate_id=candidate.pk) is None  # the task run again
        assert FollowUp.objects.count() == 1
        assert Notification.objects.filter(kind="high_activity").count() == 1


# --- recording ----------------------------------------------------------------------------------------------


def test_recording_moves_last_interaction_active_and_contacted_by_their_own_meanings(tenant_a):
    candidate = make_candidate(tenant_a)
    now = timezone.now()
    with tenant_context(tenant_a):
        interaction_record(
            candidate=candidate, kind="sent", channel="email", occurred_at=now - timedelta(days=3)
        )
        interaction_record(
            candidate=candidate, kind="opened", channel="email", occurred_at=now - timedelta(days=2)
        )
        interaction_record(candidate=candidate, kind="note", occurred_at=now - timedelta(days=1))
        # An older interaction arriving late never moves a last_* back.
        interaction_record(
            candidate=candidate, kind="call", channel="phone", occurred_at=now - timedelta(days=10)
        )
        candidate.refresh_from_db()
    assert candidate.last_interaction_at == now - timedelta(days=1)
    assert candidate.last_active_at == now - timedelta(days=2)
    assert candidate.last_contacted_at == now - timedelta(days=3)


def test_an_interaction_dated_in_the_past_counts_with_its_own_age(tenant_a):
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        interaction_record(
            candidate=candidate, kind="applied", occurred_at=timezone.now() - timedelta(days=90)
        )
        candidate.refresh_from_db()
    assert candidate.activity_score == pytest.approx(35.0, rel=1e-4)


def test_recording_leaves_the_profiles_updated_at_alone(tenant_a):
    candidate = make_candidate(tenant_a)
    before = candidate.updated_at
    with tenant_context(tenant_a):
        interaction_record(candidate=candidate, kind="replied")
        candidate.refresh_from_db()
    assert candidate.updated_at == before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "waved"}, "kind"),
        ({"channel": "fax"}, "channel"),
        ({"occurred_at": "future"}, "occurred_at"),
        ({"occurred_at": "1999"}, "occurred_at"),
        ({"metadata": ["not", "an", "object"]}, "metadata"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_records_nothing(tenant_a, values, field):
    candidate = make_candidate(tenant_a)
    times = {"future": timezone.now() + timedelta(minutes=6), "1999": timezone.now().replace(year=1999)}
    arguments = {"candidate": candidate, "kind": "opened", **values}
    if arguments.get("occurred_at") in times:
        arguments["occurred_at"] = times[arguments["occurred_at"]]
    with tenant_context(tenant_a):
        with pytest.raises(ServiceError) as refused:
            interaction_record(**arguments)
        assert refused.value.field == field
        assert not Interaction.objects.exists()


def test_a_time_a_little_ahead_of_our_clock_is_accepted(tenant_a):
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        interaction_record(
            candidate=candidate, kind="opened", occurred_at=timezone.now() + timedelta(minutes=4)
        )
        assert Interaction.objects.count() == 1


def test_a_replayed_external_id_returns_the_first_row_and_adds_no_points(tenant_a):
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        first = interaction_record(candidate=candidate, kind="meeting", external_id="hris-77")
        again = interaction_record(candidate=candidate, kind="meeting", external_id="hris-77")
        candidate.refresh_from_db()
        assert again.pk == first.pk and Interaction.objects.count() == 1
        assert candidate.activity_score == pytest.approx(30.0)
        other = make_candidate(tenant_a)
        with pytest.raises(ServiceError) as refused:
            interaction_record(candidate=other, kind="meeting", external_id="hris-77")
        assert refused.value.field == "external_id"


def test_a_contact_by_a_recruiter_closes_the_follow_up_and_a_campaign_message_does_not(
    tenant_a, recruiter_a, eager_tasks, django_capture_on_commit_callbacks
):
    from engagement.models import Campaign

    candidate = two_year_old_candidate(tenant_a)
    with tenant_context(tenant_a):
        with django_capture_on_commit_callbacks(execute=True):
            interaction_record(candidate=candidate, kind="applied")
            interaction_record(candidate=candidate, kind="replied")
        assert [f.candidate_id for f in follow_up_today()] == [candidate.pk]
        campaign = Campaign.objects.create(name="Engine high")
        interaction_record(candidate=candidate, kind="sent", channel="email", campaign=campaign)
        assert FollowUp.objects.get().done_at is None
        interaction_record(candidate=candidate, kind="call", channel="phone", actor=recruiter_a)
        follow_up = FollowUp.objects.get()
        assert follow_up.done_reason == "contacted" and follow_up.done_at is not None
        assert follow_up_today() == []


def test_a_reply_stops_the_candidates_running_sequences(tenant_a, admin_a):
    from engagement.models import Enrollment
    from engagement.services.campaigns import campaign_create, campaign_launch

    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        from candidates.models import CandidateEmail

        CandidateEmail.objects.create(candidate=candidate, email="wang@example.test", is_primary=True)
        campaign = campaign_create(
            name="Seq",
            audience={"candidate_ids": [candidate.pk]},
            actor=admin_a,
            use_send_window=False,
            steps=[
                {"channel": "email", "subject": "Hi", "body": "Hello", "language": "en"},
                {"channel": "email", "subject": "Again", "body": "Hello", "language": "en", "delay_days": 3},
            ],
        )
        campaign_launch(campaign, actor=admin_a)
        assert Enrollment.objects.get(candidate=candidate).status == "active"
        interaction_record(candidate=candidate, kind="replied", channel="email")
        enrollment = Enrollment.objects.get(candidate=candidate)
    assert (enrollment.status, enrollment.stop_reason) == ("stopped", "replied")


@pytest.mark.django_db(transaction=True)
def test_concurrent_interactions_on_one_candidate_never_lose_points(tenant_a):
    candidate = make_candidate(tenant_a)
    start = threading.Barrier(8)
    errors = []

    def record(index: int) -> None:
        try:
            with tenant_context(tenant_a):
                start.wait(timeout=10)
                interaction_record(
                    candidate=Candidate(pk=candidate.pk, tenant_id=tenant_a.pk),
                    kind="clicked",
                    occurred_at=timezone.now() - timedelta(hours=index),
                )
        except Exception as error:  # noqa: BLE001 — handed to the main thread's assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with tenant_context(tenant_a):
        candidate.refresh_from_db()
        times = list(Interaction.objects.values_list("occurred_at", flat=True))
    assert len(times) == 8
    now = timezone.now()
    expected = sum(20 * 0.5 ** ((now - at).total_seconds() / (90 * 86400)) for at in times)
    assert scoring.score_at(candidate.activity_anchor, half_life_days=90.0, now=now) == pytest.approx(
        min(expected, 100.0), rel=1e-9
    )


# --- the nightly reconcile ----------------------------------------------------------------------------------


def test_the_reconcile_rewrites_only_wrong_anchors_and_a_second_run_writes_nothing(tenant_a, tenant_b):
    now = timezone.now()
    people = [make_candidate(tenant_a) for _ in range(4)]
    with tenant_context(tenant_a):
        for index, person in enumerate(people[:3]):
            interaction_record(candidate=person, kind="replied", occurred_at=now - timedelta(days=30 * index))
            interaction_record(candidate=person, kind="call", occurred_at=now - timedelta(days=400))
        right = {c.pk: c.activity_anchor for c in Candidate.objects.all()}
        # Written around the services: a wrong anchor, a lost last_active_at.
        Candidate.objects.filter(pk=people[0].pk).update(activity_anchor=1.0)
        Candidate.objects.filter(pk=people[1].pk).update(last_active_at=None)
        counts = activity_reconcile(now=now)
        assert counts == {"candidates": 4, "updated": 2}
        after = {c.pk: c for c in Candidate.objects.all()}
        for pk, anchor in right.items():
            assert after[pk].activity_anchor == anchor or math.isclose(
                after[pk].activity_anchor, anchor, abs_tol=1e-9
            )
        assert after[people[1].pk].last_active_at == now - timedelta(days=30)
        assert after[people[3].pk].activity_anchor == scoring.NO_ACTIVITY
        assert activity_reconcile(now=now)["updated"] == 0
    with tenant_context(tenant_b):
        assert activity_reconcile(now=now) == {"candidates": 0, "updated": 0}


def test_the_set_based_reconcile_agrees_with_the_row_by_row_sum(tenant_a):
    now = timezone.now()
    people = [make_candidate(tenant_a) for _ in range(3)]
    with tenant_context(tenant_a):
        for index, person in enumerate(people):
            for days in range(0, 700, 70 + index * 30):
                interaction_record(
                    candidate=person,
                    kind=("opened", "clicked", "meeting")[index],
                    occurred_at=now - timedelta(days=days),
                )
        row_by_row = {person.pk: activity_recompute_rowwise(person, now=now) for person in people}
        Candidate.objects.update(activity_anchor=0.0)
        activity_reconcile(now=now)
        for person in Candidate.objects.all():
            assert math.isclose(person.activity_anchor, row_by_row[person.pk], abs_tol=1e-9)


def test_changing_the_weights_rescores_the_pool(tenant_a, admin_a):
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        interaction_record(candidate=candidate, kind="replied")
        weights = {**scoring.current_params().weights, "replied": 90}
        _row, counts = engagement_scoring_update(values={"weights": weights}, actor=admin_a)
        candidate.refresh_from_db()
        assert counts["updated"] == 1
        assert candidate.activity_score == pytest.approx(90.0)
        _row, counts = engagement_scoring_update(values={"high_threshold": 85}, actor=admin_a)
        assert counts is None  # thresholds are bounds on the same anchors: nothing to rewrite


# --- the API --------------------------------------------------------------------------------------------------


def test_posting_an_interaction_is_201_and_the_candidate_shows_the_new_score_and_tier(
    client, tenant_a, key_a, recruiter_a, eager_tasks, django_capture_on_commit_callbacks
):
    candidate = two_year_old_candidate(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        for kind in ("opened", "replied"):
            response = client.post(
                "/api/v1/interactions/",
                {
                    "candidate": candidate.pk,
                    "kind": kind,
                    "channel": "email",
                    "occurred_at": timezone.now().isoformat(),
                },
                content_type="application/json",
                **bearer(key_a),
            )
            assert response.status_code == 201, response.content
            assert response.json()["kind"] == kind
    detail = client.get(f"/api/v1/candidates/{candidate.pk}/", **bearer(key_a)).json()
    assert detail["activity_score"] == pytest.approx(80.0, abs=0.1)
    assert detail["activity_tier"] == "high"
    listed = client.get(
        f"/api/v1/interactions/?candidate={candidate.pk}&kind=replied", **bearer(key_a)
    ).json()
    assert [row["kind"] for row in listed["results"]] == ["replied"]
    one = client.get(f"/api/v1/interactions/{listed['results'][0]['id']}/", **bearer(key_a))
    assert one.status_code == 200
    from tests.conftest import logged_in_client

    inbox = logged_in_client(recruiter_a).get("/api/v1/notifications/")
    assert inbox.status_code == 200, inbox.content
    rows = inbox.json()["results"] if isinstance(inbox.json(), dict) else inbox.json()
    assert "high_activity" in [row["kind"] for row in rows]


def test_a_replay_through_the_api_is_200_with_the_first_row(client, tenant_a, key_a):
    candidate = make_candidate(tenant_a)
    body = {"candidate": candidate.pk, "kind": "meeting", "channel": "in_person", "external_id": "hris-1"}
    first = client.post("/api/v1/interactions/", body, content_type="application/json", **bearer(key_a))
    again = client.post("/api/v1/interactions/", body, content_type="application/json", **bearer(key_a))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_another_tenants_candidate_is_400_on_candidate_and_nothing_is_recorded(
    client, tenant_a, tenant_b, key_a
):
    theirs = make_candidate(tenant_b)
    response = client.post(
        "/api/v1/interactions/",
        {"candidate": theirs.pk, "kind": "replied"},
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 400
    assert "candidate" in response.json()["error"]["fields"]
    with tenant_context(tenant_b):
        assert not Interaction.objects.exists()
        theirs.refresh_from_db()
        assert theirs.activity_anchor == scoring.NO_ACTIVITY
    mine = make_candidate(tenant_a)
    with tenant_context(tenant_b):
        interaction = interaction_record(candidate=theirs, kind="note", body="theirs")
    assert client.get(f"/api/v1/interactions/{interaction.pk}/", **bearer(key_a)).status_code == 404
    assert client.get(f"/api/v1/interactions/?candidate={mine.pk}", **bearer(key_a)).json()["results"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "waved"}, "kind"),
        ({"channel": "fax"}, "channel"),
        ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at"),
    ],
)
def test_bad_api_input_is_400_naming_the_field(client, tenant_a, key_a, body, field):
    candidate = make_candidate(tenant_a)
    response = client.post(
        "/api/v1/interactions/",
        {"candidate": candidate.pk, "kind": "opened", **body},
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_a_read_only_key_cannot_record_an_interaction(client, tenant_a):
    from ..factories import make_api_key

    key = make_api_key(tenant_a, scopes=("read",))
    candidate = make_candidate(tenant_a)
    response = client.post(
        "/api/v1/interactions/",
        {"candidate": candidate.pk, "kind": "opened"},
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 403
    with tenant_context(tenant_a):
        assert not Interaction.objects.exists()


# --- the pipeline and resumes ----------------------------------------------------------------------------------


def test_stage_moves_are_interactions_and_a_move_to_contacted_counts_as_contact(tenant_a, recruiter_a):
    role, _tag = lean_role(tenant_a)
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        application, _ = profile_services.application_create(
            profile=role, candidate=candidate, actor=recruiter_a
        )
        profile_services.application_move(application, to_stage=ApplicationStage.CONTACTED, actor=recruiter_a)
        kinds = [(i.kind, i.metadata.get("from"), i.metadata.get("stage")) for i in timeline(candidate)]
        candidate.refresh_from_db()
    # A recruiter putting someone into a pipeline is not the candidate applying.
    assert kinds == [("stage_changed", "sourced", "contacted"), ("stage_changed", "", "sourced")]
    assert candidate.last_contacted_at is not None


def test_an_hris_application_is_applied_and_a_hire_is_hired(tenant_a):
    role, _tag = lean_role(tenant_a)
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        application, _ = profile_services.application_create(profile=role, candidate=candidate, source="hris")
        profile_services.application_move(application, to_stage=ApplicationStage.HIRED, source="hris")
        kinds = {i.kind for i in timeline(candidate)}
        candidate.refresh_from_db()
    assert {"applied", "stage_changed", "hired"} <= kinds
    assert candidate.activity_score == pytest.approx(70.0, rel=1e-4)


def test_an_api_profile_update_is_profile_updated_and_a_recruiters_edit_is_not(tenant_a, recruiter_a):
    from candidates.services.profile import candidate_set_fields

    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        candidate_set_fields(candidate, {"location": "上海"}, source="manual", actor=recruiter_a)
        assert not Interaction.objects.exists()
        candidate_set_fields(candidate, {"location": "苏州"}, source="api")
        assert list(Interaction.objects.values_list("kind", flat=True)) == ["profile_updated"]


# --- selectors ----------------------------------------------------------------------------------------------


def test_the_activity_rate_counts_human_interactions_of_the_last_six_months(tenant_a):
    now = timezone.now()
    people = [make_candidate(tenant_a, source=source) for source in ("upload", "upload", "import", "import")]
    make_candidate(tenant_a, status="merged")
    with tenant_context(tenant_a):
        interaction_record(candidate=people[0], kind="opened", occurred_at=now - timedelta(days=10))
        interaction_record(
            candidate=people[1], kind="sent", occurred_at=now - timedelta(days=10)
        )  # not human
        interaction_record(
            candidate=people[2], kind="replied", occurred_at=now - timedelta(days=300)
        )  # too old
        interaction_record(candidate=people[3], kind="applied", occurred_at=now - timedelta(days=1))
        assert activity_rate() == {"pool": 4, "active": 2, "rate": 0.5}
        by_source = {row["key"]: (row["pool"], row["active"]) for row in activity_rate(by="source")}
        assert by_source == {"upload": (2, 1), "import": (2, 1)}
        by_tier = {row["key"]: (row["pool"], row["active"]) for row in activity_rate(by="tier")}
        assert by_tier == {"high": (0, 0), "mid": (1, 1), "low": (3, 1)}
        assert tier_distribution() == {"high": 0, "mid": 1, "low": 3}
        tag = Tag.objects.create(key="skill.go", category="skill", name_en="Go")
        candidate_tag_add(people[0], tag=tag, source="manual")
        assert activity_rate(by="tag") == [
            {"key": "skill.go", "label": "Go", "pool": 1, "active": 1, "rate": 1.0}
        ]


def test_roles_for_a_candidate_are_the_open_roles_they_fit_best_first(tenant_a):
    role, tag = lean_role(tenant_a)
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        assert roles_for_candidate(candidate) == []
        candidate_tag_add(candidate, tag=tag, source="manual")
        fits = roles_for_candidate(candidate)
    assert [fit["id"] for fit in fits] == [role.pk]
    assert 0 < fits[0]["score"] <= 100


# --- the candidate page -----------------------------------------------------------------------------------------


def test_a_recruiter_logs_a_call_and_the_timeline_shows_it_in_the_tenants_time(recruiter_client, tenant_a):
    candidate = make_candidate(tenant_a)
    response = recruiter_client.post(
        f"/interactions/candidate/{candidate.pk}/log/",
        {"kind": "call", "body": "谈了精益项目", "occurred_at": "2026-01-05T09:30"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "谈了精益项目" in html and "2026-01-05 09:30" in html  # Asia/Shanghai, as typed
    with tenant_context(tenant_a):
        call = Interaction.objects.get()
    assert call.occurred_at.utcoffset() is not None and call.occurred_at.hour == 1  # stored in UTC
    page = recruiter_client.get(f"/pool/{candidate.pk}/")
    assert "谈了精益项目" in page.content.decode()


def test_a_viewer_cannot_log_an_interaction(viewer_client, tenant_a):
    candidate = make_candidate(tenant_a)
    response = viewer_client.post(
        f"/interactions/candidate/{candidate.pk}/log/", {"kind": "note", "body": "x"}
    )
    assert response.status_code == 403
    with tenant_context(tenant_a):
        assert not Interaction.objects.exists()


def test_an_empty_note_is_refused_in_the_form(recruiter_client, tenant_a):
    candidate = make_candidate(tenant_a)
    response = recruiter_client.post(
        f"/interactions/candidate/{candidate.pk}/log/", {"kind": "note", "body": " "}, HTTP_HX_REQUEST="true"
    )
    assert 'role="alert"' in response.content.decode()
    with tenant_context(tenant_a):
        assert not Interaction.objects.exists()


def test_the_timeline_names_pipeline_stages_in_the_readers_language(recruiter_client, tenant_a):
    candidate = make_candidate(tenant_a)
    with tenant_context(tenant_a):
        interaction_record(
            candidate=candidate, kind="stage_changed", metadata={"stage": "interviewing", "from": "contacted"}
        )
    page = recruiter_client.get(f"/pool/{candidate.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "interviewing" not in page and "面试" in page


def test_the_api_gives_the_activity_rate_by_segment_and_the_follow_up_today_list(
    client, tenant_a, key_a, recruiter_a, eager_tasks, django_capture_on_commit_callbacks
):
    role, tag = lean_role(tenant_a)
    active, quiet = (
        two_year_old_candidate(tenant_a),
        make_candidate(tenant_a, full_name="安静", source="import"),
    )
    with tenant_context(tenant_a):
        candidate_tag_add(active, tag=tag, source="manual")
        with django_capture_on_commit_callbacks(execute=True):
            for kind in ("opened", "replied"):
                interaction_record(candidate=active, kind=kind, channel="email")
        interaction_record(candidate=quiet, kind="sent", channel="email")
    body = client.get("/api/v1/activity/?by=tier", **bearer(key_a)).json()
    assert (body["pool"], body["active"], body["rate"]) == (2, 1, 0.5)
    assert body["tiers"] == {"high": 1, "mid": 0, "low": 1}
    assert {row["key"]: row["active"] for row in body["segments"]} == {"high": 1, "mid": 0, "low": 0}
    assert client.get("/api/v1/activity/?by=salary", **bearer(key_a)).status_code == 400
    [item] = client.get("/api/v1/follow-ups/", **bearer(key_a)).json()
    assert item["candidate"] == active.pk and item["activity_tier"] == "high"
    assert item["roles"][0]["id"] == role.pk
    assert client.get("/api/v1/follow-ups/?limit=²", **bearer(key_a)).status_code == 400
