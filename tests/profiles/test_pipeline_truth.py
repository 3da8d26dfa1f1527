"""Pipeline truth: a move out of Hired voids the hire it made (kept, counted nowhere), so a role never shows more
hires than it had; a hire makes the candidate "hired" and leaving gives back the status they had; a jump into
Hired past the offer, or a move that voids a hire, needs confirmation (dashboard asks, the API refuses with a
message); bulk moves from a selection; the tenant's own stage names; the board's drag-and-drop targets."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus
from profiles import selectors, services
from profiles.models import Application, ApplicationStage, Hire, ProbationOutcome, StageEvent
from talentpool.tenancy.context import tenant_context

from ..factories import make_candidate

HTMX = {"HTTP_HX_REQUEST": "true"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _old(tenant, name, **fields):
    fields.setdefault("created_at", timezone.now() - timedelta(days=90))
    return make_candidate(tenant, full_name=name, **fields)


@pytest.fixture
def role(tenant_a, recruiter_a):
    with tenant_context(tenant_a):
        return services.profile_create(title="Data engineer 数据工程师", actor=recruiter_a)


def _at_offer(tenant, role, name, **fields):
    candidate = _old(tenant, name, **fields)
    with tenant_context(tenant):
        application, _ = services.application_create(
            profile=role, candidate=candidate, stage=ApplicationStage.OFFER
        )
    return application


def test_moving_out_of_hired_voids_the_hire_and_gives_back_the_candidates_status(tenant_a, role, recruiter_a):
    application = _at_offer(tenant_a, role, "Maria García", status=CandidateStatus.DO_NOT_CONTACT)
    with tenant_context(tenant_a):
        services.application_move(application, to_stage="hired", actor=recruiter_a)
        assert Candidate.objects.get(pk=application.candidate_id).status == CandidateStatus.HIRED
        assert Hire.objects.filter(Hire.counted, application=application).count() == 1

        with pytest.raises(services.ProfileError) as refused:
            services.application_move(application, to_stage="rejected", actor=recruiter_a)
        assert refused.value.code == "confirmation_required" and refused.value.field == "confirm"
        assert Application.objects.get(pk=application.pk).stage == "hired"  # refused: nothing changed

        services.application_move(application, to_stage="rejected", actor=recruiter_a, confirm=True)
        hire = Hire.objects.get(application=application)
        assert hire.voided_at is not None and "Rejected" in hire.void_reason  # kept as history
        assert not Hire.objects.filter(Hire.counted, application=application).exists()
        assert Candidate.objects.get(pk=application.candidate_id).status == CandidateStatus.DO_NOT_CONTACT
        assert selectors.pool_share_of_hires()["total"] == 0

        # Back to Hired (confirmed: from rejected it skips the offer): a new counted hire beside the voided one.
        services.application_move(application, to_stage="hired", actor=recruiter_a, confirm=True)
        assert Hire.objects.filter(application=application).count() == 2
        assert Hire.objects.filter(Hire.counted, application=application).count() == 1
        assert selectors.pool_share_of_hires()["total"] == 1


def test_probation_stages_keep_the_hire_and_record_the_outcome(tenant_a, role, recruiter_a):
    application = _at_offer(tenant_a, role, "李雷")
    with tenant_context(tenant_a):
        services.application_move(application, to_stage="hired")
        services.application_move(application, to_stage="probation_passed")
        hire = Hire.objects.get(Hire.counted, application=application)
        assert hire.probation_outcome == ProbationOutcome.PASSED and hire.probation_decided_on is not None
        services.application_move(application, to_stage="probation_failed")
        hire.refresh_from_db()
        assert hire.voided_at is None and hire.probation_outcome == ProbationOutcome.FAILED


def test_a_candidate_hired_for_two_roles_stays_hired_when_one_is_undone(tenant_a, role, recruiter_a):
    application = _at_offer(tenant_a, role, "Two Roles")
    with tenant_context(tenant_a):
        other = services.profile_create(title="Second role")
        second, _ = services.application_create(profile=other, candidate=application.candidate, stage="offer")
        services.application_move(application, to_stage="hired")
        services.application_move(second, to_stage="hired")
        services.application_move(second, to_stage="withdrawn", confirm=True)
        assert Candidate.objects.get(pk=application.candidate_id).status == CandidateStatus.HIRED


def test_a_jump_into_hired_past_the_offer_needs_confirmation(tenant_a, role):
    candidate = _old(tenant_a, "Skipper")
    with tenant_context(tenant_a):
        application, _ = services.application_create(profile=role, candidate=candidate)
        with pytest.raises(services.ProfileError) as refused:
            services.application_move(application, to_stage="hired")
        assert "Skipper" in str(refused.value) and not Hire.objects.exists()
        assert not StageEvent.objects.filter(application=application, to_stage="hired").exists()
        # An HRIS is the system of record: what it reports has happened.
        services.application_move(application, to_stage="hired", source="hris")
        assert Hire.objects.filter(Hire.counted, application=application).exists()


def test_role_pages_and_the_hires_summary_never_count_a_voided_hire(
    tenant_a, role, recruiter_a, recruiter_client, key_a, client
):
    application = _at_offer(tenant_a, role, "Counted Once")
    with tenant_context(tenant_a):
        services.application_move(application, to_stage="hired")
        services.application_move(application, to_stage="offer", confirm=True)
        services.application_move(application, to_stage="hired")
    page = recruiter_client.get(f"/roles/{role.pk}/", **EN).content.decode()
    assert "Hires 2" not in page
    summary = client.get("/api/v1/hires/summary/", HTTP_AUTHORIZATION=f"Bearer {key_a}").json()
    assert summary["total"] == 1
    voided = client.get("/api/v1/hires/?voided=true", HTTP_AUTHORIZATION=f"Bearer {key_a}").json()
    assert len(voided["results"]) == 1 and voided["results"][0]["voided_at"]


def _post(client, url, body, key):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )


def test_the_api_refuses_an_unconfirmed_move_with_a_message_and_accepts_a_confirmed_one(
    tenant_a, role, key_a, client
):
    application = _at_offer(tenant_a, role, "Api Person")
    with tenant_context(tenant_a):
        services.application_move(application, to_stage="hired")
    url = f"/api/v1/applications/{application.pk}/move/"
    refused = _post(client, url, {"stage": "rejected"}, key_a)
    assert refused.status_code == 400, refused.content
    assert "confirm" in json.dumps(refused.json()) and "voids that hire" in json.dumps(refused.json())
    moved = _post(client, url, {"stage": "rejected", "confirm": True}, key_a)
    assert moved.status_code == 200 and moved.json()["application"]["stage"] == "rejected"
    with tenant_context(tenant_a):
        assert not Hire.objects.filter(Hire.counted).exists()


def test_bulk_move_over_the_api_moves_each_and_lists_the_ones_that_need_confirmation(
    tenant_a, role, key_a, client
):
    first, second = _at_offer(tenant_a, role, "One"), _at_offer(tenant_a, role, "Two")
    candidate = _old(tenant_a, "Three")
    with tenant_context(tenant_a):
        third, _ = services.application_create(profile=role, candidate=candidate)
    body = {"profile": role.pk, "application_ids": [first.pk, second.pk, third.pk], "stage": "hired"}
    response = _post(client, "/api/v1/applications/bulk-move/", body, key_a)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["moved"] == 2 and [row["application"] for row in result["refused"]] == [third.pk]
    other_role_body = {**body, "application_ids": [first.pk, 10**9]}
    assert _post(client, "/api/v1/applications/bulk-move/", other_role_body, key_a).status_code == 400


def test_the_board_asks_before_voiding_a_hire_and_moves_once_confirmed(tenant_a, role, recruiter_client):
    application = _at_offer(tenant_a, role, "Board Person")
    url = f"/roles/{role.pk}/pipeline/{application.pk}/move/"
    asked = recruiter_client.post(url, {"to_stage": "hired", "view": "board"}, **HTMX, **EN)
    assert asked.status_code == 200 and 'id="pipeline"' in asked.content.decode()
    with tenant_context(tenant_a):
        assert Hire.objects.filter(Hire.counted).count() == 1  # offer -> hired asks nothing
    asked = recruiter_client.post(
        url, {"to_stage": "rejected", "view": "board"}, **HTMX, **EN
    ).content.decode()
    assert "pipeline-confirm" in asked and 'name="confirm" value="1"' in asked and "voids that hire" in asked
    with tenant_context(tenant_a):
        assert Application.objects.get(pk=application.pk).stage == "hired"
    recruiter_client.post(url, {"to_stage": "rejected", "view": "board", "confirm": "1"}, **HTMX)
    with tenant_context(tenant_a):
        assert Application.objects.get(pk=application.pk).stage == "rejected"
        assert not Hire.objects.filter(Hire.counted).exists()
    # Without JavaScript the question is a page of its own (409), in Chinese too.
    with tenant_context(tenant_a):
        services.application_move(application, to_stage="offer")
    page = recruiter_client.post(url, {"to_stage": "sourced"}, **ZH)
    assert page.status_code == 302  # offer -> sourced voids nothing: no question
    page = recruiter_client.post(
        f"/roles/{role.pk}/pipeline/{application.pk}/move/", {"to_stage": "hired"}, **ZH
    )
    assert page.status_code == 409 and "确认" in page.content.decode()


def test_bulk_move_on_the_board_moves_the_ticked_cards(tenant_a, role, recruiter_client):
    first, second = _at_offer(tenant_a, role, "Tick One"), _at_offer(tenant_a, role, "Tick Two")
    url = f"/roles/{role.pk}/pipeline/bulk-move/"
    board = recruiter_client.post(
        url, {"to_stage": "interviewing", "application": [first.pk, second.pk]}, **HTMX, **EN
    ).content.decode()
    assert 'id="pipeline"' in board
    with tenant_context(tenant_a):
        assert set(Application.objects.values_list("stage", flat=True)) == {"interviewing"}
    nothing = recruiter_client.post(url, {"to_stage": "offer"}, **HTMX, **EN).content.decode()
    assert "Tick the candidates" in nothing
    bad = recruiter_client.post(url, {"to_stage": "famous", "application": [first.pk]}, **HTMX, **EN)
    assert bad.status_code == 200 and "Choose a stage" in bad.content.decode()


def test_viewers_cannot_move_and_see_no_drag_handles(tenant_a, role, viewer_client):
    application = _at_offer(tenant_a, role, "Viewer Sees")
    board = viewer_client.get(f"/roles/{role.pk}/pipeline/").content.decode()
    assert "data-move-url" not in board and 'id="bulk-move"' not in board
    assert (
        viewer_client.post(
            f"/roles/{role.pk}/pipeline/bulk-move/", {"to_stage": "hired", "application": [application.pk]}
        ).status_code
        == 403
    )


def test_the_tenants_own_stage_names_show_on_the_board(tenant_a, role, admin_client_a, recruiter_client):
    _at_offer(tenant_a, role, "Named Stage")
    response = admin_client_a.post(
        "/settings/",
        {
            "name": tenant_a.name,
            "time_zone": "Asia/Shanghai",
            "default_language": "zh-hans",
            "shortlists-shortlist_fields": ["name", "documents"],
            "stages-offer": "已发 Offer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tenant_a.refresh_from_db()
    assert tenant_a.stage_labels == {"offer": "已发 Offer"} and tenant_a.shortlist_fields == [
        "name",
        "documents",
    ]
    board = recruiter_client.get(f"/roles/{role.pk}/pipeline/", **EN).content.decode()
    assert "已发 Offer" in board and 'data-drop-stage="offer"' in board
    with tenant_context(tenant_a):
        assert Application.objects.get().stage == "offer"  # the key stays the product's
