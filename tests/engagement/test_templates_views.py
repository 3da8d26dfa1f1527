"""The templates and content pages: every page renders for a recruiter in English and Chinese; the editor
refuses an unknown placeholder next to the field; the live preview renders a real candidate with hostile data
escaped; viewers read but cannot change; another tenant's ids are 404; content tags are the tenant's own."""

from __future__ import annotations

import pytest

from candidates import services as candidate_services
from candidates.services import CandidateInput
from engagement.models import ContentItem, MessageTemplate
from talentpool.tenancy.context import tenant_context

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def lean(tenant_a):
    return candidate_services.tag_create(
        tenant_a, category="skill", name_en="Lean manufacturing", name_zh="精益生产"
    )


@pytest.fixture
def hostile(tenant_a, lean):
    return candidate_services.candidate_create(
        tenant_a,
        data=CandidateInput(
            full_name="<script>alert(1)</script>{{ candidate.__class__ }}", tag_keys=(lean.key,)
        ),
        source="manual",
    )


@pytest.fixture
def item(tenant_a, lean):
    with tenant_context(tenant_a):
        return ContentItem.objects.create(
            title="精益生产落地案例", url="https://example.com/lean", tag_ids=[lean.pk]
        )


@pytest.mark.parametrize("headers", [EN, ZH], ids=["en", "zh"])
def test_every_page_renders_for_a_recruiter_in_both_languages(
    recruiter_client, tenant_a, item, hostile, headers
):
    listing = recruiter_client.get("/templates/", **headers)
    assert listing.status_code == 200
    assert ("Job recommendation" if headers is EN else "职位推荐").encode() in listing.content
    with tenant_context(tenant_a):
        template = MessageTemplate.objects.get(name="默认 · 行业内容", channel="email")
    for url in (
        f"/templates/{template.pk}/",
        "/templates/new/",
        "/content/",
        "/content/new/",
        f"/content/{item.pk}/",
    ):
        response = recruiter_client.get(url, **headers)
        assert response.status_code == 200, url
    assert "精益生产落地案例" in recruiter_client.get("/content/", **headers).content.decode()


def test_saving_a_template_with_an_unknown_placeholder_shows_the_name_next_to_the_body(
    recruiter_client, tenant_a
):
    response = recruiter_client.post(
        "/templates/new/",
        {
            "name": "坏模板",
            "purpose": "general",
            "channel": "email",
            "language": "zh-hans",
            "subject": "您好",
            "body": "您好 {{ candidate.salary }}",
        },
        **EN,
    )
    assert response.status_code == 400
    assert "Unknown placeholder: candidate.salary" in response.content.decode()
    with tenant_context(tenant_a):
        assert not MessageTemplate.objects.filter(name="坏模板").exists()


def test_a_template_is_created_and_edited_from_the_editor(recruiter_client, tenant_a):
    response = recruiter_client.post(
        "/templates/new/",
        {
            "name": "问候",
            "purpose": "greeting",
            "channel": "sms",
            "language": "zh-hans",
            "subject": "",
            "body": "【{{ tenant.name }}】{{ candidate.name }}您好。回T退订",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        template = MessageTemplate.objects.get(name="问候")
    response = recruiter_client.post(
        f"/templates/{template.pk}/",
        {
            "name": "问候",
            "purpose": "greeting",
            "channel": "sms",
            "language": "zh-hans",
            "subject": "",
            "body": "{{ candidate.name }}您好",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        assert MessageTemplate.objects.get(pk=template.pk).body == "{{ candidate.name }}您好"


def test_the_live_preview_renders_a_real_candidate_with_hostile_data_escaped(recruiter_client, hostile, item):
    response = recruiter_client.post(
        "/templates/preview/",
        {
            "candidate": hostile.pk,
            "channel": "email",
            "language": "zh-hans",
            "subject": "{{ candidate.name }}",
            "body": "{{ candidate.name }}\n{% for item in content %}{{ item.title }} {{ item.url }}{% endfor %}",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "{{ candidate.__class__ }}" in page  # shown as text, never evaluated
    assert '<a href="https://example.com/lean">' in page and "精益生产落地案例" in page


def test_the_live_preview_names_a_bad_placeholder(recruiter_client, hostile):
    response = recruiter_client.post(
        "/templates/preview/",
        {"candidate": hostile.pk, "channel": "email", "subject": "x", "body": "{% load static %}"},
        **EN,
    )
    assert response.status_code == 200 and "Not allowed: {% load %}" in response.content.decode()


def test_a_viewer_reads_and_previews_but_cannot_change_templates_or_content(
    viewer_client, tenant_a, hostile, item
):
    assert viewer_client.get("/templates/").status_code == 200
    with tenant_context(tenant_a):
        template = MessageTemplate.objects.get(name="Default · General", channel="email")
    page = viewer_client.get(f"/templates/{template.pk}/")
    assert page.status_code == 200 and b"Save template" not in page.content
    preview = viewer_client.post(
        "/templates/preview/", {"candidate": hostile.pk, "template": template.pk}, **HTMX
    )
    assert preview.status_code == 200 and "a quick hello" in preview.content.decode()
    assert (
        viewer_client.post(
            f"/templates/{template.pk}/",
            {"name": "x", "purpose": "general", "channel": "sms", "language": "en", "body": "x"},
        ).status_code
        == 403
    )
    assert viewer_client.post(f"/templates/{template.pk}/delete/").status_code == 403
    assert viewer_client.get("/content/new/").status_code == 403
    assert viewer_client.post(f"/content/{item.pk}/delete/").status_code == 403
    with tenant_context(tenant_a):
        assert (
            MessageTemplate.objects.filter(pk=template.pk).exists()
            and ContentItem.objects.filter(pk=item.pk).exists()
        )


def test_hiring_managers_do_not_see_these_pages(manager_client):
    assert manager_client.get("/templates/").status_code == 403
    assert manager_client.get("/content/").status_code == 403


def test_another_tenants_template_and_content_are_404(admin_client_b, tenant_a, item):
    with tenant_context(tenant_a):
        from engagement.services.templates import default_template

        template = default_template("general", "email", "en")
    assert admin_client_b.get(f"/templates/{template.pk}/").status_code == 404
    assert admin_client_b.post(f"/templates/{template.pk}/delete/").status_code == 404
    assert admin_client_b.get(f"/content/{item.pk}/").status_code == 404
    assert admin_client_b.post(f"/content/{item.pk}/delete/").status_code == 404
    with tenant_context(tenant_a):
        assert MessageTemplate.objects.filter(pk=template.pk).exists()


def test_content_is_saved_with_picked_tags_and_another_tenants_tag_is_a_form_error(
    recruiter_client, tenant_a, tenant_b, lean
):
    chip = recruiter_client.post("/content/tag/", {"tag": lean.pk}, **HTMX)
    assert chip.status_code == 200 and f'value="{lean.pk}"' in chip.content.decode()
    data = {
        "kind": "event",
        "title": "精益沙龙",
        "url": "https://example.com/salon",
        "language": "zh-hans",
        "summary": "",
        "valid_until": "2030-05-01",
        "tag_ids": [lean.pk],
    }
    assert recruiter_client.post("/content/new/", data).status_code == 302
    with tenant_context(tenant_a):
        saved = ContentItem.objects.get(title="精益沙龙")
    assert saved.tag_ids == [lean.pk] and saved.kind == "event"
    theirs = candidate_services.tag_create(tenant_b, category="skill", name_en="Secret")
    assert recruiter_client.post("/content/tag/", {"tag": theirs.pk}, **HTMX).status_code == 204
    response = recruiter_client.post(
        "/content/new/", {**data, "title": "别人的标签", "tag_ids": [theirs.pk]}, **EN
    )
    assert response.status_code == 400 and f"Unknown tag: {theirs.pk}" in response.content.decode()
    bad_link = recruiter_client.post(
        "/content/new/", {**data, "title": "坏链接", "url": "javascript:alert(1)"}, **EN
    )
    assert bad_link.status_code == 400 and "http://" in bad_link.content.decode()
