"""/api/v1/campaigns/: the issue's contract (create, launch, the messages due at once), the audience count,
statistics, who may do what, and another tenant's ids."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate
from candidates.services import CandidateInput
from engagement.models import Campaign, CampaignStatus, MessageStatus, OutboundMessage
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer

URL = "/api/v1/campaigns/"


def send(client, method: str, url: str, body=None, **extra):
    if body is None:
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def _candidate(tenant, name, email, tag_keys=()):
    candidate = candidate_services.candidate_create(
        tenant,
        data=CandidateInput(full_name=name, emails=(email,), tag_keys=tuple(tag_keys)),
        source="manual",
    )
    with tenant_context(tenant):
        return Candidate.objects.get(pk=candidate.pk)


@pytest.fixture
def pool(tenant_a):
    return [
        _candidate(tenant_a, "王小明", "xiaoming@example.com"),
        _candidate(tenant_a, "Li Lei", "lilei@example.com"),
    ]


def contract_body(candidate_ids):
    return {
        "name": "精益生产落地案例",
        "audience": {"candidate_ids": candidate_ids},
        "steps": [
            {
                "channel": "email",
                "subject": "精益生产落地案例 · {{ candidate.name }}",
                "body": "{{ candidate.name }}，您好！这是我们整理的精益生产落地案例。",
                "language": "zh-hans",
            }
        ],
    }


def test_a_created_and_launched_campaign_has_its_messages_due_at_once(recruiter_client, tenant_a, pool):
    created = send(
        recruiter_client, "post", URL, {**contract_body([p.pk for p in pool]), "use_send_window": False}
    )
    assert created.status_code == 201, created.content
    campaign = created.json()
    assert campaign["status"] == "draft" and [s["subject"] for s in campaign["steps"]] == [
        "精益生产落地案例 · {{ candidate.name }}"
    ]

    before = timezone.now()
    launched = send(recruiter_client, "post", f"{URL}{campaign['id']}/launch/")
    assert launched.status_code == 200, launched.content
    assert launched.json()["status"] == "running" and launched.json()["enrolled"] == 2

    with tenant_context(tenant_a):
        messages = list(OutboundMessage.objects.filter(campaign_id=campaign["id"]).order_by("candidate_id"))
    assert len(messages) == 2
    assert all(
        m.status == MessageStatus.QUEUED and m.due_at <= timezone.now() and m.due_at >= before
        for m in messages
    )
    assert {m.subject for m in messages} == {"精益生产落地案例 · 王小明", "精益生产落地案例 · Li Lei"}
    assert {m.to_address for m in messages} == {"xiaoming@example.com", "lilei@example.com"}
    assert "王小明，您好！" in next(m.body_text for m in messages if m.to_address == "xiaoming@example.com")


def test_an_api_key_with_the_write_scope_runs_the_contract_too(client, key_a, tenant_a, pool):
    created = send(client, "post", URL, contract_body([pool[0].pk]), **bearer(key_a))
    assert created.status_code == 201, created.content
    launched = send(client, "post", f"{URL}{created.json()['id']}/launch/", **bearer(key_a))
    assert launched.status_code == 200, launched.content


def test_launching_an_empty_audience_is_400_on_audience(recruiter_client, tenant_a):
    created = send(recruiter_client, "post", URL, contract_body([]))
    assert created.status_code == 201, created.content
    response = send(recruiter_client, "post", f"{URL}{created.json()['id']}/launch/")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "empty_audience" and error["fields"] == {"audience": ["The audience is empty"]}
    with tenant_context(tenant_a):
        assert Campaign.objects.get(pk=created.json()["id"]).status == CampaignStatus.DRAFT


def test_a_template_with_an_unknown_placeholder_is_400_naming_the_step_field(recruiter_client, pool):
    body = contract_body([pool[0].pk])
    body["steps"][0]["body"] = "您好 {{ candidate.password }}"
    response = send(recruiter_client, "post", URL, body)
    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert list(fields) == ["steps[0].body"] and "candidate.password" in fields["steps[0].body"][0]


def test_another_tenants_campaign_is_404_and_its_candidates_are_400(
    recruiter_client, admin_client_b, tenant_b, pool
):
    theirs = send(admin_client_b, "post", URL, contract_body([]))
    assert theirs.status_code == 201
    their_id = theirs.json()["id"]
    for method, suffix in (
        ("get", ""),
        ("patch", ""),
        ("delete", ""),
        ("post", "launch/"),
        ("post", "pause/"),
        ("get", "stats/"),
    ):
        response = send(
            recruiter_client, method, f"{URL}{their_id}/{suffix}", {} if method == "patch" else None
        )
        assert response.status_code == 404, (method, suffix)
    assert [row["id"] for row in send(recruiter_client, "get", URL).json()["results"]] == []

    stranger = _candidate(tenant_b, "Beta person", "beta@example.com")
    response = send(recruiter_client, "post", URL, contract_body([pool[0].pk, stranger.pk]))
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["audience"]
    with tenant_context(tenant_b):
        assert Campaign.objects.get(pk=their_id).status == CampaignStatus.DRAFT


def test_a_viewer_reads_campaigns_but_cannot_create_or_launch_them(
    viewer_client, recruiter_client, tenant_a, pool
):
    created = send(recruiter_client, "post", URL, contract_body([pool[0].pk]))
    campaign_id = created.json()["id"]
    assert send(viewer_client, "get", URL).status_code == 200
    assert send(viewer_client, "get", f"{URL}{campaign_id}/").json()["name"] == "精益生产落地案例"
    assert send(viewer_client, "get", f"{URL}{campaign_id}/stats/").status_code == 200
    assert send(viewer_client, "post", URL, contract_body([pool[0].pk])).status_code == 403
    assert send(viewer_client, "post", f"{URL}{campaign_id}/launch/").status_code == 403
    with tenant_context(tenant_a):
        assert Campaign.objects.get(pk=campaign_id).status == CampaignStatus.DRAFT
        assert Campaign.objects.count() == 1


def test_the_audience_count_answers_a_query_string_or_a_posted_audience(
    recruiter_client, viewer_client, tenant_a
):
    lean = candidate_services.tag_create(tenant_a, category="skill", name_en="Lean")
    java = candidate_services.tag_create(tenant_a, category="skill", name_en="Java")
    _candidate(tenant_a, "甲", "a@example.com", [lean.key])
    _candidate(tenant_a, "乙", "b@example.com", [lean.key, java.key])
    _candidate(tenant_a, "丙", "c@example.com", [java.key])
    response = send(viewer_client, "get", f"{URL}audience-count/?tag_ids={lean.pk}&tiers=low")
    assert response.status_code == 200 and response.json() == {"count": 2}
    response = send(viewer_client, "get", f"{URL}audience-count/?tag_ids={lean.pk},{java.pk}")
    assert response.json() == {"count": 3}
    response = send(recruiter_client, "post", f"{URL}audience-count/", {"audience": {"tag_ids": [java.pk]}})
    assert response.status_code == 200 and response.json() == {"count": 2}
    response = send(recruiter_client, "post", f"{URL}audience-count/", {"audience": {"nobody": 1}})
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["audience"]


def test_pause_resume_stats_and_the_draft_only_edits(recruiter_client, tenant_a, pool):
    body = contract_body([p.pk for p in pool])
    body["steps"].append({**body["steps"][0], "delay_days": 3, "condition": "no_reply"})
    campaign_id = send(recruiter_client, "post", URL, body).json()["id"]
    renamed = send(recruiter_client, "patch", f"{URL}{campaign_id}/", {"name": "改名"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "改名"
    send(recruiter_client, "post", f"{URL}{campaign_id}/launch/")
    refused = send(recruiter_client, "patch", f"{URL}{campaign_id}/", {"name": "again"})
    assert refused.status_code == 400 and error_of(refused)["code"] == "not_draft"
    assert send(recruiter_client, "delete", f"{URL}{campaign_id}/").status_code == 400

    assert send(recruiter_client, "post", f"{URL}{campaign_id}/pause/").json()["status"] == "paused"
    assert send(recruiter_client, "post", f"{URL}{campaign_id}/resume/").json()["status"] == "running"
    stats = send(recruiter_client, "get", f"{URL}{campaign_id}/stats/").json()
    assert [(row["position"], row["audience"], row["messages"], row["queued"]) for row in stats] == [
        (0, 2, 2, 2),
        (1, 2, 0, 0),
    ]
    assert send(recruiter_client, "post", f"{URL}{campaign_id}/finish/").json()["status"] == "finished"

    draft_id = send(recruiter_client, "post", URL, contract_body([])).json()["id"]
    assert send(recruiter_client, "delete", f"{URL}{draft_id}/").status_code == 204
