"""Which changes announce which events (through the services that make them), the webhook API and the
Settings → Webhooks pages."""

from __future__ import annotations

import json

import pytest

from candidates.services import CandidateInput, candidate_create, candidate_merge, candidate_set_fields
from engagement.services.interactions import interaction_record
from profiles import services as profile_services
from profiles.models import Shortlist, ShortlistEntry
from talentpool.tenancy.context import tenant_context
from webhooks import events, services
from webhooks.models import Delivery, DeliveryStatus, Endpoint, EventType

from ..conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(tenant_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant_a):
        return services.endpoint_create(url="http://127.0.0.1:9/hooks", events=EventType.values)


def _payloads(tenant, event_type):
    with tenant_context(tenant):
        return [d.payload for d in Delivery.objects.filter(event_type=event_type).order_by("id")]


def _person(tenant, name="王小明", email="xm@example.com"):
    return candidate_create(tenant, data=CandidateInput(full_name=name, emails=(email,)), source="manual")


def test_candidate_updates_and_merges_are_announced_with_ids_only(tenant_a, everything, recruiter_a):
    keep, remove = _person(tenant_a), _person(tenant_a, "Wang Xiaoming", "wxm@example.com")
    with tenant_context(tenant_a):
        candidate_set_fields(keep, {"current_title": "店长"}, source="manual", actor=recruiter_a)
        candidate_set_fields(keep, {"current_title": "店长"}, source="manual", actor=recruiter_a)  # no change
    merge = candidate_merge(tenant_a, keep=keep, remove=remove, actor=recruiter_a)
    assert [p["data"] for p in _payloads(tenant_a, "candidate.updated")] == [
        {"candidate": {"id": keep.pk}, "fields": ["current_title"], "source": "manual"}
    ]
    assert _payloads(tenant_a, "candidate.merged")[0]["data"] == {
        "candidate": {"id": keep.pk},
        "merged": {"id": remove.pk},
        "merge": merge.pk,
    }
    assert len(_payloads(tenant_a, "candidate.created")) == 2


def test_a_tier_change_on_an_interaction_is_announced(tenant_a, everything):
    candidate = _person(tenant_a)
    with tenant_context(tenant_a):
        for _ in range(12):
            interaction_record(candidate=candidate, kind="replied", channel="email")
            if _payloads(tenant_a, "candidate.tier_changed"):
                break
    first = _payloads(tenant_a, "candidate.tier_changed")[0]["data"]
    assert (
        first["candidate"] == {"id": candidate.pk}
        and first["from"] == "low"
        and first["to"] in ("mid", "high")
    )
    assert first["interaction"]["kind"] == "replied"


def test_pipeline_moves_hires_and_shortlist_decisions_are_announced(
    tenant_a, everything, recruiter_a, manager_a
):
    candidate = _person(tenant_a)
    with tenant_context(tenant_a):
        role = profile_services.profile_create(title="店长", hiring_manager_ids=[manager_a.pk])
        application, _ = profile_services.application_create(
            profile=role, candidate=candidate, actor=recruiter_a
        )
        shortlist = Shortlist.objects.create(profile=role, name="s", status="sent", created_by=recruiter_a)
        entry = ShortlistEntry.objects.create(
            shortlist=shortlist, candidate=candidate, application=application
        )
        profile_services.shortlist_decide(entry, decision="approved", actor=manager_a)
        profile_services.application_move(application, to_stage="offer", actor=recruiter_a)
        profile_services.application_move(application, to_stage="hired", actor=recruiter_a)
    moves = [(p["data"]["from"], p["data"]["to"]) for p in _payloads(tenant_a, "application.stage_changed")]
    assert moves == [
        ("", "sourced"),
        ("sourced", "interviewing"),
        ("interviewing", "offer"),
        ("offer", "hired"),
    ]
    decided = _payloads(tenant_a, "shortlist.decided")[0]["data"]
    assert decided["entry"]["decision"] == "approved" and decided["shortlist"] == {
        "id": shortlist.pk,
        "profile": role.pk,
    }
    hire = _payloads(tenant_a, "hire.created")[0]["data"]["hire"]
    assert hire["application"] == application.pk and hire["probation_outcome"] == "pending"


def test_erasure_announces_the_id_only(tenant_a, everything):
    with tenant_context(tenant_a):
        events.candidate_erased(42)
    assert _payloads(tenant_a, "candidate.erased")[0]["data"] == {"candidate": {"id": 42}}


# --- API ------------------------------------------------------------------------------------------------------


def _post(client, url, body=None, **headers):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def test_admins_and_keys_manage_endpoints_and_recruiters_cannot(
    admin_client_a, recruiter_client, client, key_a, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    body = {"url": "http://127.0.0.1:9/hooks", "events": ["hire.created"], "description": "HRIS"}
    created = _post(admin_client_a, "/api/v1/webhook-endpoints/", body)
    assert created.status_code == 201, created.content
    assert created.json()["secret"].startswith("whsec_") and created.json()["events"] == ["hire.created"]
    assert _post(recruiter_client, "/api/v1/webhook-endpoints/", body).status_code == 403
    assert recruiter_client.get("/api/v1/webhook-endpoints/").status_code == 403
    by_key = _post(client, "/api/v1/webhook-endpoints/", body, **bearer(key_a))
    assert by_key.status_code == 201
    bad = _post(
        admin_client_a, "/api/v1/webhook-endpoints/", {"url": "http://127.0.0.1:9/", "events": ["nope"]}
    )
    assert bad.status_code == 400 and "events.0" in bad.json()["error"]["fields"]
    pk = created.json()["id"]
    patched = admin_client_a.patch(
        f"/api/v1/webhook-endpoints/{pk}/",
        data=json.dumps({"events": ["hire.created", "candidate.erased"]}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["events"] == ["hire.created", "candidate.erased"]
    rotated = _post(admin_client_a, f"/api/v1/webhook-endpoints/{pk}/rotate-secret/")
    assert rotated.json()["secret"] != created.json()["secret"]
    assert _post(admin_client_a, f"/api/v1/webhook-endpoints/{pk}/test/").status_code == 202


def test_the_delivery_log_lists_and_replays_through_the_api(admin_client_a, tenant_a, everything):
    _person(tenant_a)
    with tenant_context(tenant_a):
        delivery = Delivery.objects.get()
    pending = _post(admin_client_a, f"/api/v1/webhook-deliveries/{delivery.pk}/replay/")
    assert pending.status_code == 400 and pending.json()["error"]["code"] == "not_finished"
    with tenant_context(tenant_a):
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED)
    listed = admin_client_a.get(f"/api/v1/webhook-deliveries/?endpoint={everything.pk}&status=failed").json()
    assert [row["id"] for row in listed["results"]] == [delivery.pk]
    replayed = _post(admin_client_a, f"/api/v1/webhook-deliveries/{delivery.pk}/replay/")
    assert replayed.status_code == 202 and replayed.json()["status"] == "pending"
    assert replayed.json()["payload"]["type"] == "candidate.created"


# --- pages ----------------------------------------------------------------------------------------------------


def test_the_settings_pages_list_endpoints_show_deliveries_and_replay(
    admin_client_a, recruiter_client, tenant_a, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    assert recruiter_client.get("/settings/webhooks/").status_code == 403
    page = admin_client_a.get("/settings/webhooks/")
    assert page.status_code == 200 and "Webhooks" in page.content.decode()
    refused = admin_client_a.post("/settings/webhooks/", {"url": "ftp://x", "events": ["hire.created"]})
    assert refused.status_code == 400
    created = admin_client_a.post(
        "/settings/webhooks/",
        {"url": "http://127.0.0.1:9/hooks", "events": ["candidate.created"], "description": "OA"},
    )
    assert created.status_code == 302
    with tenant_context(tenant_a):
        endpoint = Endpoint.objects.get()
    _person(tenant_a)
    with tenant_context(tenant_a):
        delivery = Delivery.objects.get()
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, last_error="HTTP 500")
    detail = admin_client_a.get(f"/settings/webhooks/{endpoint.pk}/").content.decode()
    assert endpoint.secret in detail and delivery.event_id in detail and "HTTP 500" in detail
    assert f"/settings/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/replay/" in detail
    admin_client_a.post(f"/settings/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/replay/")
    with tenant_context(tenant_a):
        assert Delivery.objects.get().status == DeliveryStatus.PENDING
    admin_client_a.post(f"/settings/webhooks/{endpoint.pk}/toggle/")
    with tenant_context(tenant_a):
        assert not Endpoint.objects.get().is_active
    chinese = admin_client_a.get(f"/settings/webhooks/{endpoint.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.status_code == 200
