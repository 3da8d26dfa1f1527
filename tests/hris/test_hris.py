"""HRIS / ERP inbound: candidates upserted by external id, stage changes (the application upsert), hires with
their probation outcome, each single and in bulk (10,000 rows, all-or-nothing per row, per-row results), every
one behind ``Idempotency-Key`` (a repeat replays, a concurrent repeat is 409), expired keys purged by beat."""

from __future__ import annotations

import json
from datetime import date, timedelta

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone

from candidates.models import Candidate, ExternalId
from candidates.services import CandidateInput, candidate_create, candidate_set_fields
from profiles import services as profile_services
from profiles.models import Application, ApplicationStage, Hire, ProbationOutcome
from talentpool.api import tasks as api_tasks
from talentpool.api.idempotency import _KEY_LOCK_CLASS
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import IdempotencyRecord
from webhooks.models import Delivery
from webhooks.services import endpoint_create

from ..conftest import bearer

pytestmark = pytest.mark.django_db


def send(client, url, body, key, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **bearer(key), **headers)


@pytest.fixture
def role(tenant_a):
    with tenant_context(tenant_a):
        return profile_services.profile_create(title="Store manager 店长", external_id="REQ-7")


@pytest.fixture
def person(tenant_a):
    return candidate_create(
        tenant_a,
        data=CandidateInput(
            full_name="王小明", emails=("xm@example.com",), external_ids=(("workday", "E-1"),)
        ),
        source="manual",
    )


@pytest.fixture
def hooks(tenant_a, settings):
    """An endpoint subscribed to every event, so the tests can see what each push announces."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant_a):
        endpoint_create(
            url="http://127.0.0.1:9/hooks",
            events=["candidate.created", "candidate.updated", "application.stage_changed", "hire.created"],
        )

    def announced() -> list[str]:
        with tenant_context(tenant_a):
            return list(Delivery.objects.order_by("id").values_list("event_type", flat=True))

    return announced


# --- candidates -----------------------------------------------------------------------------------------------


def test_candidates_are_created_then_updated_by_their_external_id_and_a_repeat_changes_nothing(
    client, key_a, tenant_a, hooks
):
    url = "/api/v1/hris/candidates/"
    body = {
        "external_id": {"system": "workday", "value": "E-9"},
        "full_name": "李雷",
        "emails": ["li@example.com"],
        "current_title": "店长",
        "location": "上海",
    }
    created = send(client, url, body, key_a)
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "created"
    changed = send(client, url, {**body, "current_title": "区域经理"}, key_a)
    assert changed.status_code == 200 and changed.json() == {
        "id": created.json()["id"],
        "status": "updated",
        "changed": ["current_title"],
    }
    again = send(client, url, {**body, "current_title": "区域经理"}, key_a)
    assert again.json()["status"] == "unchanged"
    with tenant_context(tenant_a):
        candidate = Candidate.objects.get(pk=created.json()["id"])
        assert candidate.source == "hris" and candidate.current_title == "区域经理"
    assert hooks() == ["candidate.created", "candidate.updated"]


def test_an_external_id_is_linked_to_the_person_with_the_same_email_and_hand_edits_are_kept(
    client, key_a, tenant_a, recruiter_a
):
    existing = candidate_create(
        tenant_a, data=CandidateInput(full_name="Han Meimei", emails=("hm@example.com",)), source="manual"
    )
    with tenant_context(tenant_a):
        candidate_set_fields(
            existing, {"current_title": "Head of stores"}, source="manual", actor=recruiter_a
        )
    response = send(
        client,
        "/api/v1/hris/candidates/",
        {
            "external_id": {"system": "workday", "value": "E-2"},
            "emails": ["HM@example.com"],
            "current_title": "Store manager",
            "location": "北京",
        },
        key_a,
    )
    assert response.status_code == 200, response.content
    assert response.json()["id"] == existing.pk and set(response.json()["changed"]) == {
        "location",
        "external_ids",
    }
    with tenant_context(tenant_a):
        existing.refresh_from_db()
        assert existing.current_title == "Head of stores"  # a recruiter's edit wins over the HRIS
        assert ExternalId.objects.filter(candidate=existing, system="workday", value="E-2").exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"full_name": "No id"}, "external_id"),
        ({"external_id": {"system": "workday", "value": "E-3"}}, "full_name"),
        (
            {
                "external_id": {"system": "workday", "value": "E-3"},
                "full_name": "x",
                "emails": ["not-an-email"],
            },
            "emails.0",
        ),
        (
            {
                "external_id": {"system": "workday", "value": "E-3"},
                "full_name": "x",
                "years_experience": "900",
            },
            "years_experience",
        ),
    ],
)
def test_a_bad_candidate_is_400_with_its_field(client, key_a, body, field):
    response = send(client, "/api/v1/hris/candidates/", body, key_a)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


# --- bulk -----------------------------------------------------------------------------------------------------


def test_bulk_stage_changes_apply_each_row_alone_and_answer_per_row(
    client, key_a, tenant_a, role, person, hooks
):
    rows = [
        {
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "stage": "interviewing",
        },
        {
            "application_external_id": "APP-2",
            "profile_external_id": "REQ-NOPE",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "stage": "offer",
        },
        {"application_external_id": "APP-1", "stage": "offer"},
        {"application_external_id": "APP-1", "stage": "teleported"},
        {"application_external_id": "APP-1", "stage": "offer"},
        "not an object",
    ]
    response = send(client, "/api/v1/hris/stage-changes/bulk/", {"rows": rows}, key_a)
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "error", "updated", "error", "unchanged", "error"]
    assert [r["index"] for r in results] == list(range(6))
    assert results[1]["error"]["fields"] == {"profile_external_id": ["No role has this external id."]}
    assert "stage" in results[3]["error"]["fields"]
    assert response.json()["counts"] == {"created": 1, "error": 3, "updated": 1, "unchanged": 1}
    with tenant_context(tenant_a):
        application = Application.objects.get()
        assert application.external_id == "APP-1" and application.stage == "offer"
        assert results[0]["id"] == application.pk
    assert hooks() == ["application.stage_changed", "application.stage_changed"]


def test_a_row_that_fails_half_way_leaves_nothing_behind(client, key_a, tenant_a, role, person, hooks):
    """The second row creates its application, then its move is refused (a stage change in the future): the
    savepoint takes the application and its webhook back with it."""
    future = (timezone.now() + timedelta(days=3)).isoformat()
    rows = [
        {
            "application_external_id": "APP-9",
            "profile_external_id": "REQ-7",
            "candidate_email": "xm@example.com",
            "stage": "sourced",
        },
        {"application_external_id": "APP-9", "stage": "offer", "occurred_at": future},
    ]
    results = send(client, "/api/v1/hris/stage-changes/bulk/", {"rows": rows}, key_a).json()["results"]
    assert [r["status"] for r in results] == ["created", "error"]
    with tenant_context(tenant_a):
        assert Application.objects.get().stage == "sourced"
    assert hooks() == ["application.stage_changed"]


def test_bulk_takes_ten_thousand_rows_and_refuses_more(client, key_a, tenant_a):
    too_many = send(client, "/api/v1/hris/candidates/bulk/", {"rows": [{}] * 10_001}, key_a)
    assert too_many.status_code == 400 and "rows" in too_many.json()["error"]["fields"]
    assert send(client, "/api/v1/hris/candidates/bulk/", {"rows": []}, key_a).status_code == 400
    assert send(client, "/api/v1/hris/candidates/bulk/", {"rows": "E-1"}, key_a).status_code == 400
    rows = [
        {"external_id": {"system": "workday", "value": f"B-{n}"}, "full_name": f"员工 {n}"}
        for n in range(300)
    ]
    response = send(client, "/api/v1/hris/candidates/bulk/", {"rows": rows}, key_a)
    assert response.status_code == 200 and response.json()["counts"] == {"created": 300}
    with tenant_context(tenant_a):
        assert ExternalId.objects.filter(system="workday").count() == 300


# --- hires and probation --------------------------------------------------------------------------------------


def test_a_hire_then_its_probation_outcome_reach_the_pipeline_and_the_hire(
    client, key_a, tenant_a, role, person, hooks
):
    send(
        client,
        "/api/v1/hris/stage-changes/",
        {
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_email": "xm@example.com",
            "stage": "offer",
        },
        key_a,
    )
    hired_on = timezone.localdate() - timedelta(days=100)
    hire = send(
        client,
        "/api/v1/hris/hires/",
        {
            "external_id": "H-1",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "hired_at": hired_on.isoformat(),
        },
        key_a,
    )
    assert hire.status_code == 201, hire.content
    assert hire.json()["hire"]["probation_outcome"] == "pending"
    decided = timezone.localdate() - timedelta(days=10)
    passed = send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-1", "probation_outcome": "passed", "probation_decided_on": decided.isoformat()},
        key_a,
    )
    assert passed.status_code == 200 and passed.json()["status"] == "updated", passed.content
    assert passed.json()["hire"]["probation_outcome"] == "passed"
    assert passed.json()["hire"]["probation_decided_on"] == decided.isoformat()
    with tenant_context(tenant_a):
        assert Application.objects.get().stage == ApplicationStage.PROBATION_PASSED
        counted = Hire.objects.filter(Hire.counted)
        assert counted.count() == 1 and counted.get().probation_outcome == ProbationOutcome.PASSED
    again = send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-1", "probation_outcome": "passed", "probation_decided_on": decided.isoformat()},
        key_a,
    )
    assert again.json()["status"] == "unchanged"
    assert hooks().count("hire.created") == 1


def test_probation_dates_before_the_hire_or_in_the_future_are_refused(client, key_a, tenant_a):
    send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-2", "full_name": "Walk-in Wang", "hired_at": "2025-06-01"},
        key_a,
    )
    before = send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-2", "probation_outcome": "failed", "probation_decided_on": "2025-05-01"},
        key_a,
    )
    assert before.status_code == 400 and "probation_decided_on" in before.json()["error"]["fields"]
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    later = send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-2", "probation_outcome": "failed", "probation_decided_on": future},
        key_a,
    )
    assert later.status_code == 400 and "probation_decided_on" in later.json()["error"]["fields"]
    with tenant_context(tenant_a):
        assert Hire.objects.get(external_id="H-2").probation_outcome == "pending"


def test_bulk_hires_record_new_hires_and_probation_outcomes_row_by_row(client, key_a, tenant_a):
    rows = [
        {"external_id": "H-10", "full_name": "甲", "hired_at": "2025-01-02"},
        {
            "external_id": "H-11",
            "full_name": "乙",
            "hired_at": "2025-01-03",
            "probation_outcome": "failed",
            "probation_decided_on": "2025-04-01",
        },
        {"external_id": "H-10", "probation_outcome": "passed", "probation_decided_on": "2025-04-02"},
        {"external_id": "H-12", "hired_at": "2025-01-04"},
    ]
    response = send(client, "/api/v1/hris/hires/bulk/", {"rows": rows}, key_a)
    assert [r["status"] for r in response.json()["results"]] == ["created", "created", "updated", "error"]
    with tenant_context(tenant_a):
        assert dict(Hire.objects.values_list("external_id", "probation_outcome")) == {
            "H-10": "passed",
            "H-11": "failed",
        }
        assert Hire.objects.get(external_id="H-10").probation_decided_on == date(2025, 4, 2)


# --- idempotency ----------------------------------------------------------------------------------------------


def test_a_repeated_bulk_request_replays_the_first_answer(client, key_a, tenant_a):
    body = {"rows": [{"external_id": {"system": "workday", "value": "R-1"}, "full_name": "Repeat"}]}
    first = send(
        client, "/api/v1/hris/candidates/bulk/", body, key_a, HTTP_IDEMPOTENCY_KEY="night-2025-01-02"
    )
    second = send(
        client, "/api/v1/hris/candidates/bulk/", body, key_a, HTTP_IDEMPOTENCY_KEY="night-2025-01-02"
    )
    assert second.status_code == 200 and second.headers["Idempotent-Replayed"] == "true"
    assert second.json() == first.json() and first.json()["results"][0]["status"] == "created"
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == 1


def test_a_repeat_that_arrives_while_the_first_is_still_running_is_409(client, key_a, tenant_a):
    """Another session holds the key the way a running request does (the advisory lock of its transaction):
    the repeat is refused at once instead of waiting, and goes through once the first is over."""
    settings_dict = connection.settings_dict
    other = psycopg2.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"],
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
    )
    body = {"external_id": {"system": "workday", "value": "C-1"}, "full_name": "Concurrent"}
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [_KEY_LOCK_CLASS, f"{tenant_a.pk}:k-1"]
            )
            busy = send(client, "/api/v1/hris/candidates/", body, key_a, HTTP_IDEMPOTENCY_KEY="k-1")
            assert busy.status_code == 409, busy.content
            assert busy.json()["error"]["code"] == "idempotency_key_in_progress"
            other.rollback()  # the first request ends
        done = send(client, "/api/v1/hris/candidates/", body, key_a, HTTP_IDEMPOTENCY_KEY="k-1")
        assert done.status_code == 201
    finally:
        other.close()
    with tenant_context(tenant_a):
        assert Candidate.objects.filter(full_name="Concurrent").count() == 1


def test_beat_purges_idempotency_records_older_than_a_day_in_every_tenant(tenant_a, tenant_b):
    old = timezone.now() - timedelta(hours=25)
    for tenant in (tenant_a, tenant_b):
        with tenant_context(tenant):
            IdempotencyRecord.objects.create(
                key="old", method="POST", path="/x", request_hash="h", status_code=201, created_at=old
            )
            IdempotencyRecord.objects.create(
                key="fresh", method="POST", path="/x", request_hash="h", status_code=201
            )
    assert api_tasks.idempotency_purge() == 2
    assert api_tasks.idempotency_purge() == 0
    for tenant in (tenant_a, tenant_b):
        with tenant_context(tenant):
            assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh"]


def test_a_resent_nightly_export_changes_only_what_moved_and_later_rows_see_earlier_ones(
    client, key_a, tenant_a, role, person, hooks
):
    send(
        client,
        "/api/v1/hris/stage-changes/",
        {
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_email": "xm@example.com",
            "stage": "interviewing",
        },
        key_a,
    )
    send(
        client,
        "/api/v1/hris/hires/",
        {"external_id": "H-5", "full_name": "甲", "hired_at": "2025-01-02"},
        key_a,
    )
    before = len(hooks())
    stages = [
        {"application_external_id": "APP-1", "stage": stage}
        for stage in ("interviewing", "offer", "offer", "interviewing")
    ]
    results = send(client, "/api/v1/hris/stage-changes/bulk/", {"rows": stages}, key_a).json()["results"]
    assert [r["status"] for r in results] == ["unchanged", "updated", "unchanged", "updated"]
    hires = [
        {"external_id": "H-5"},
        {"external_id": "H-5", "probation_outcome": "pending"},
        {"external_id": "H-5", "probation_outcome": "passed", "probation_decided_on": "2025-04-01"},
        {"external_id": "H-5", "probation_outcome": "passed", "probation_decided_on": "2025-04-01"},
    ]
    results = send(client, "/api/v1/hris/hires/bulk/", {"rows": hires}, key_a).json()["results"]
    assert [r["status"] for r in results] == ["unchanged", "unchanged", "updated", "unchanged"]
    with tenant_context(tenant_a):
        assert Application.objects.get().stage == "interviewing"
        assert Hire.objects.get().probation_outcome == "passed"
    assert hooks()[before:] == ["application.stage_changed", "application.stage_changed"]
