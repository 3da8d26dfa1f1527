"""/api/v1/templates/ and /api/v1/content/: the contract, 400 naming a bad placeholder at save time, previews
against a real candidate, the tenant's own tags only, and another tenant's ids not found."""

from __future__ import annotations

import json

import pytest

from candidates import services as candidate_services
from candidates.services import CandidateInput
from engagement.models import ContentItem, MessageTemplate
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer
from ..factories import make_api_key


def send(client, method, url, body=None, *, key=None):
    extra = bearer(key) if key else {}
    if body is None:
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


@pytest.fixture
def lean(tenant_a):
    return candidate_services.tag_create(
        tenant_a, category="skill", name_en="Lean manufacturing", name_zh="精益生产"
    )


@pytest.fixture
def zhang(tenant_a, lean):
    return candidate_services.candidate_create(
        tenant_a,
        data=CandidateInput(full_name="张伟<b>", tag_keys=(lean.key,), fields={"current_title": "生产经理"}),
        source="manual",
    )


TEMPLATE = {
    "name": "精益案例",
    "channel": "email",
    "language": "zh-hans",
    "purpose": "content",
    "subject": "{{ candidate.name }}，为您精选",
    "body": "{{ candidate.name }}，您好：\n{% for item in content %}"
    "《{{ item.title }}》 {{ item.url }}\n{% endfor %}退订 {{ links.unsubscribe }}",
}


def test_a_template_is_created_read_updated_and_deleted(recruiter_client, tenant_a):
    created = send(recruiter_client, "post", "/api/v1/templates/", TEMPLATE)
    assert created.status_code == 201, created.content
    body = created.json()
    assert {key: body[key] for key in TEMPLATE} == TEMPLATE and body["warnings"] == []
    url = f"/api/v1/templates/{body['id']}/"
    assert send(recruiter_client, "get", url).json()["name"] == "精益案例"
    changed = send(recruiter_client, "patch", url, {"subject": "新标题 {{ tenant.name }}"})
    assert changed.status_code == 200 and changed.json()["subject"] == "新标题 {{ tenant.name }}"
    assert changed.json()["body"] == TEMPLATE["body"]
    assert send(recruiter_client, "delete", url).status_code == 204
    with tenant_context(tenant_a):
        assert not MessageTemplate.objects.filter(pk=body["id"]).exists()


def test_the_list_shows_the_seeded_defaults_filtered_by_purpose_channel_and_language(viewer_client):
    response = send(viewer_client, "get", "/api/v1/templates/?purpose=content&channel=sms&language=en")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(t["purpose"], t["channel"], t["language"]) for t in results] == [("content", "sms", "en")]
    everything = send(viewer_client, "get", "/api/v1/templates/?limit=100").json()["results"]
    assert len(everything) == 20


@pytest.mark.parametrize(
    ("field", "text", "named"),
    [
        ("body", "您好 {{ candidate.salary }}", "candidate.salary"),
        ("subject", "{% load static %}您好", "{% load %}"),
        ("body", "{{ candidate.__class__ }}", "candidate.__class__"),
        ("body", "{{ candidate.name|safe }}", "|safe"),
    ],
    ids=["unknown-placeholder", "load-tag", "dunder", "unsafe-filter"],
)
def test_an_unknown_placeholder_or_forbidden_construct_is_400_naming_it_and_nothing_is_saved(
    recruiter_client, tenant_a, field, text, named
):
    response = send(recruiter_client, "post", "/api/v1/templates/", {**TEMPLATE, field: text})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field] and named in error["fields"][field][0]
    with tenant_context(tenant_a):
        assert not MessageTemplate.objects.filter(name=TEMPLATE["name"]).exists()


def test_an_update_with_an_unknown_placeholder_is_400_and_keeps_the_template(recruiter_client, tenant_a):
    template_id = send(recruiter_client, "post", "/api/v1/templates/", TEMPLATE).json()["id"]
    response = send(
        recruiter_client, "patch", f"/api/v1/templates/{template_id}/", {"body": "{{ candidate.age }}"}
    )
    assert response.status_code == 400 and "candidate.age" in error_of(response)["fields"]["body"][0]
    with tenant_context(tenant_a):
        assert MessageTemplate.objects.get(pk=template_id).body == TEMPLATE["body"]


def test_a_long_chinese_sms_is_saved_with_a_warning(recruiter_client):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/templates/",
        {"name": "长短信", "channel": "sms", "language": "zh-hans", "body": "您好，" * 40},
    )
    assert response.status_code == 201
    assert response.json()["subject"] == "" and "70" in response.json()["warnings"][0]


def test_viewers_read_but_cannot_write_and_read_keys_cannot_write(viewer_client, tenant_a):
    assert send(viewer_client, "post", "/api/v1/templates/", TEMPLATE).status_code == 403
    read_key = make_api_key(tenant_a, scopes=("read",))
    assert (
        send(viewer_client.__class__(), "post", "/api/v1/templates/", TEMPLATE, key=read_key).status_code
        == 403
    )
    write_key = make_api_key(tenant_a, scopes=("read", "write"), name="writer")
    assert (
        send(viewer_client.__class__(), "post", "/api/v1/templates/", TEMPLATE, key=write_key).status_code
        == 201
    )


def test_a_preview_renders_a_real_candidate_with_content_chosen_by_their_tags(
    recruiter_client, tenant_a, zhang, lean
):
    with tenant_context(tenant_a):
        ContentItem.objects.create(
            title="精益生产落地案例", url="https://example.com/lean", tag_ids=[lean.pk]
        )
        ContentItem.objects.create(title="无关内容", url="https://example.com/other", tag_ids=[])
    response = send(
        recruiter_client, "post", "/api/v1/templates/preview/", {**TEMPLATE, "candidate": zhang.pk}
    )
    assert response.status_code == 200, response.content
    preview = response.json()
    assert preview["subject"] == "张伟<b>，为您精选"
    assert (
        "《精益生产落地案例》 https://example.com/lean" in preview["text"]
        and "无关内容" not in preview["text"]
    )
    assert "张伟&lt;b&gt;" in preview["html"] and "<b>" not in preview["html"]
    assert preview["links"] == ["https://example.com/lean", "https://example.com/unsubscribe"]
    saved = send(recruiter_client, "post", "/api/v1/templates/", TEMPLATE).json()
    by_id = send(
        recruiter_client,
        "post",
        "/api/v1/templates/preview/",
        {"template": saved["id"], "candidate": zhang.pk},
    )
    assert by_id.json()["text"] == preview["text"]


def test_a_preview_with_a_bad_placeholder_is_400_naming_it(recruiter_client, zhang):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/templates/preview/",
        {"candidate": zhang.pk, "subject": "x", "body": "{{ candidate.salary }}"},
    )
    assert response.status_code == 400 and "candidate.salary" in error_of(response)["fields"]["body"][0]


def test_another_tenants_template_is_404_and_its_candidate_or_template_in_a_preview_is_400(
    recruiter_client, admin_client_b, tenant_b, zhang
):
    theirs = send(admin_client_b, "post", "/api/v1/templates/", {**TEMPLATE, "name": "B's"}).json()
    their_candidate = candidate_services.candidate_create(
        tenant_b, data=CandidateInput(full_name="王五"), source="manual"
    )
    for method, body in (("get", None), ("patch", {"name": "taken"}), ("delete", None)):
        assert send(recruiter_client, method, f"/api/v1/templates/{theirs['id']}/", body).status_code == 404
    response = send(
        recruiter_client, "post", "/api/v1/templates/preview/", {**TEMPLATE, "candidate": their_candidate.pk}
    )
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["candidate"]
    response = send(
        recruiter_client,
        "post",
        "/api/v1/templates/preview/",
        {"template": theirs["id"], "candidate": zhang.pk},
    )
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["template"]
    with tenant_context(tenant_b):
        assert MessageTemplate.objects.get(pk=theirs["id"]).name == "B's"


CONTENT = {
    "kind": "article",
    "title": "精益生产落地案例",
    "summary": "半年缩短三成交付周期。",
    "url": "https://example.com/lean",
    "language": "zh-hans",
    "valid_until": "2030-01-31",
}


def test_content_is_created_listed_updated_and_deleted_with_the_tenants_own_tags(recruiter_client, lean):
    created = send(recruiter_client, "post", "/api/v1/content/", {**CONTENT, "tag_ids": [lean.pk]})
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["tag_ids"] == [lean.pk] and item["valid_until"] == "2030-01-31"
    listed = send(recruiter_client, "get", f"/api/v1/content/?tag={lean.pk}&valid=true").json()["results"]
    assert [row["id"] for row in listed] == [item["id"]]
    changed = send(
        recruiter_client, "patch", f"/api/v1/content/{item['id']}/", {"title": "新标题", "tag_ids": []}
    )
    assert (
        changed.status_code == 200
        and changed.json()["tag_ids"] == []
        and changed.json()["url"] == CONTENT["url"]
    )
    assert send(recruiter_client, "delete", f"/api/v1/content/{item['id']}/").status_code == 204


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/x", "example.com", "data:text/html,x"]
)
def test_content_with_a_link_that_is_not_http_is_400(recruiter_client, url):
    response = send(recruiter_client, "post", "/api/v1/content/", {**CONTENT, "url": url})
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["url"]


def test_content_with_another_tenants_tag_is_400_and_not_saved(recruiter_client, tenant_a, tenant_b):
    their_tag = candidate_services.tag_create(tenant_b, category="skill", name_en="Secret")
    response = send(recruiter_client, "post", "/api/v1/content/", {**CONTENT, "tag_ids": [their_tag.pk]})
    assert response.status_code == 400
    error = error_of(response)
    assert list(error["fields"]) == ["tag_ids"] and str(their_tag.pk) in error["fields"]["tag_ids"][0]
    with tenant_context(tenant_a):
        assert not ContentItem.objects.exists()


def test_another_tenants_content_item_is_404(recruiter_client, admin_client_b):
    theirs = send(admin_client_b, "post", "/api/v1/content/", CONTENT).json()
    for method, body in (("get", None), ("patch", {"title": "x"}), ("delete", None)):
        assert send(recruiter_client, method, f"/api/v1/content/{theirs['id']}/", body).status_code == 404
