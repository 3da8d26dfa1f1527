"""Hostile or malformed input gets a 4xx with the error shape (or a harmless page), never a server error, and
leaves data intact (issue 13, "Server errors" and the small items)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from candidates import services as candidate_services
from candidates.models import Tag
from profiles.models import SavedSearch
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership, Role

from ..conftest import bearer
from ..factories import make_member
from ..profiles.test_views import EN, HTMX, people, role, shortlist_for, skills  # noqa: F401 (fixtures)

UNICODE_DIGIT = "²"
TOO_BIG = "99999999999999999999"


def send(client, method: str, url: str, body=None, *, key: str | None = None):
    extra = bearer(key) if key else {}
    if body is None:
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def error_fields(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content[:500])
    return response.json()["error"]["fields"]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def family(tenant_a):
    parent = candidate_services.tag_create(tenant_a, category="skill", name_en="Programming")
    child = candidate_services.tag_create(tenant_a, category="skill", name_en="Python", parent=parent)
    other = candidate_services.tag_create(tenant_a, category="skill", name_en="Py")
    return parent, child, other


# ---------------------------------------------------------------------------------------------- tags


def test_tags_with_parents_are_listed_read_edited_and_merged(client, key_a, family):
    parent, child, other = family
    listed = send(client, "get", "/api/v1/tags/", key=key_a)
    assert listed.status_code == 200
    assert {row["id"]: row["parent"] for row in listed.json()["results"]}[child.pk] == parent.pk
    detail = send(client, "get", f"/api/v1/tags/{child.pk}/", key=key_a)
    assert detail.status_code == 200 and detail.json()["parent"] == parent.pk
    edited = send(client, "patch", f"/api/v1/tags/{child.pk}/", {"name_zh": "派森"}, key=key_a)
    assert edited.status_code == 200 and edited.json()["parent"] == parent.pk
    moved = send(client, "patch", f"/api/v1/tags/{other.pk}/", {"parent": parent.pk}, key=key_a)
    assert moved.status_code == 200 and moved.json()["parent"] == parent.pk
    merged = send(client, "post", f"/api/v1/tags/{other.pk}/merge/", {"into": child.pk}, key=key_a)
    assert merged.status_code == 200, merged.content


def test_a_tag_parent_or_merge_target_out_of_range_is_a_field_error(client, key_a, family):
    parent, child, _other = family
    assert "parent" in error_fields(
        send(client, "patch", f"/api/v1/tags/{child.pk}/", {"parent": int(TOO_BIG)}, key=key_a)
    )
    assert "into" in error_fields(
        send(client, "post", f"/api/v1/tags/{child.pk}/merge/", {"into": int(TOO_BIG)}, key=key_a)
    )
    with tenant_context(child.tenant_id):
        assert Tag.objects.get(pk=child.pk).parent_id == parent.pk


def test_a_unicode_digit_or_huge_tag_on_a_candidate_is_an_unknown_tag(client, tenant_a, key_a, family):
    candidate = candidate_services.candidate_create(
        tenant_a, data=candidate_services.CandidateInput(full_name="Ada"), source="api"
    )
    for ref in (UNICODE_DIGIT, TOO_BIG, "٣"):
        response = send(client, "post", f"/api/v1/candidates/{candidate.pk}/tags/", {"tag": ref}, key=key_a)
        assert "tag" in error_fields(response), ref


# ------------------------------------------------------------------------------------------- saved searches


@pytest.mark.parametrize(
    "params",
    [
        {"tags_any": UNICODE_DIGIT},
        {"tags_all": TOO_BIG},
        {"limit": UNICODE_DIGIT},
        {"score_min": "lots"},
        {"tags_any": {"nested": "object"}},
    ],
)
def test_a_saved_search_with_bad_filters_is_refused_when_saved(recruiter_client, tenant_a, params):
    response = send(recruiter_client, "post", "/api/v1/saved-searches/", {"name": "bad", "params": params})
    assert "params" in error_fields(response)
    with tenant_context(tenant_a):
        assert not SavedSearch.objects.exists()


def test_an_old_saved_search_with_bad_filters_answers_400_not_500(recruiter_client, tenant_a, recruiter_a):
    with tenant_context(tenant_a):
        saved = [
            SavedSearch.objects.create(owner=recruiter_a, name=f"old {i}", params=params)
            for i, params in enumerate(
                (
                    {"tags_any": UNICODE_DIGIT},
                    {"limit": UNICODE_DIGIT},
                    {"score_min": "lots"},
                    {"tags_all": [TOO_BIG, "x"]},
                )
            )
        ]
    for search in saved:
        response = send(recruiter_client, "get", f"/api/v1/saved-searches/{search.pk}/results/")
        assert response.status_code in (200, 400), (search.params, response.status_code)
        if response.status_code == 200:
            assert response.json()["count"] == 0


# ------------------------------------------------------------------------------------------- review, members


def test_a_review_decision_with_a_unicode_digit_card_number_renders_the_card(
    tenant_a,
    role,
    people,
    recruiter_a,  # noqa: F811
    manager_client,
):
    shortlist = shortlist_for(tenant_a, role, [people["ada"]], recruiter_a)
    with tenant_context(tenant_a):
        entry = shortlist.entries.get()
    url = f"/review/shortlists/{shortlist.pk}/entries/{entry.pk}/decide/"
    for number in (UNICODE_DIGIT, TOO_BIG + "0", "-3"):
        response = manager_client.post(url, {"decision": "hold", "number": number}, **HTMX, **EN)
        assert response.status_code == 200 and f'id="entry-{entry.pk}"' in response.content.decode()


def test_patching_a_member_with_no_role_is_a_field_error(admin_client_a, tenant_a):
    recruiter = make_member(tenant_a, Role.RECRUITER)
    with tenant_context(tenant_a):
        membership = Membership.objects.get(user=recruiter)
    assert "role" in error_fields(send(admin_client_a, "patch", f"/api/v1/members/{membership.pk}/", {}))
    with tenant_context(tenant_a):
        assert Membership.objects.get(pk=membership.pk).role == Role.RECRUITER


# ------------------------------------------------------------------------------------------- CSV and export


def test_the_rejected_rows_csv_escapes_formulas(tenant_a):
    from candidates.services import imports

    candidate_services.taxonomy_seed(tenant_a)
    data = '姓名,邮箱,备注\n,=HYPERLINK("http://evil"),@SUM(A1)\n'.encode()
    job = candidate_services.import_create(tenant_a, data=data, filename="pool.csv", mapping_name="hr")
    job = candidate_services.import_run(tenant_a, job_id=job.pk)
    rows = list(csv.reader(io.StringIO(imports.import_rejected_csv(tenant_a, job=job).lstrip("\ufeff"))))
    assert len(rows) == 2
    assert '\'=HYPERLINK("http://evil")' in rows[1] and "'@SUM(A1)" in rows[1]
    assert not any(cell.startswith(("=", "@", "+", "-")) for cell in rows[1])


def test_the_pool_export_with_an_unknown_tag_exports_nobody(admin_client_a, tenant_a, tenant_b, family):
    _parent, child, _other = family
    candidate_services.candidate_create(
        tenant_a, data=candidate_services.CandidateInput(full_name="Ada"), source="api"
    )
    foreign = candidate_services.tag_create(tenant_b, category="skill", name_en="Foreign")
    everyone = csv_rows(admin_client_a.get("/pool/export/", **EN))
    assert len(everyone) == 2
    for query in (
        f"tags_all={foreign.pk}",
        f"tags_any={foreign.pk}",
        f"tags_all={TOO_BIG}",
        f"tags_all={UNICODE_DIGIT}",
        f"tags_all={child.pk},{foreign.pk}",
        "tags_any=999999",
    ):
        rows = csv_rows(admin_client_a.get(f"/pool/export/?{query}", **EN))
        assert rows[0][0] == "Name" and rows[1:] == [], query


# --------------------------------------------------------------------------------------------- bounds


def test_a_hire_dated_far_away_is_a_field_error(client, key_a, tenant_a):
    for day in ("9999-12-31", "1900-01-01", (date.today() + timedelta(days=400)).isoformat()):
        response = send(
            client, "post", "/api/v1/hris/hires/", {"full_name": "Rita", "hired_at": day}, key=key_a
        )
        assert "hired_at" in error_fields(response), day
    response = send(
        client,
        "post",
        "/api/v1/hris/hires/",
        {"full_name": "Rita", "hired_at": date.today().isoformat()},
        key=key_a,
    )
    assert response.status_code == 201, response.content


def test_a_candidate_with_thousands_of_emails_or_phones_is_a_field_error(client, key_a, tenant_a):
    emails = [f"p{i}@example.com" for i in range(10_000)]
    assert "emails" in error_fields(
        send(client, "post", "/api/v1/candidates/", {"full_name": "Spam", "emails": emails}, key=key_a)
    )
    phones = [f"+86138{i:08d}" for i in range(51)]
    assert "phones" in error_fields(
        send(client, "post", "/api/v1/candidates/", {"full_name": "Spam", "phones": phones}, key=key_a)
    )
    with tenant_context(tenant_a):
        from candidates.models import Candidate

        assert not Candidate.objects.filter(full_name="Spam").exists()


def test_a_role_from_an_empty_jd_is_refused_with_a_message(recruiter_client, tenant_a):
    from profiles.models import RoleProfile

    response = send(
        recruiter_client, "post", "/api/v1/role-profiles/from-jd/", {"text": "   ", "title": "Engineer"}
    )
    fields = error_fields(response)
    assert "text" in fields and response.json()["error"]["message"]
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.exists()


def test_saving_a_role_with_neither_a_jd_nor_requirements_is_a_form_error(recruiter_client, tenant_a):
    from profiles.models import RoleProfile

    response = recruiter_client.post(
        "/roles/new/", {"action": "save", "title": "Empty", "jd_text": "  ", "headcount": 1}, **EN
    )
    assert response.status_code == 400 and "Paste a job description first." in response.content.decode()
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.filter(title="Empty").exists()
