"""The API of issue #4: role profiles and JD suggestions, matching, saved searches, shortlists and decisions,
the pipeline, HRIS pushes with idempotency keys, hires and the pool's share, notifications."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate
from candidates.services import CandidateInput
from profiles import services
from profiles.models import (
    Application,
    ApplicationStage,
    Hire,
    HireSource,
    ProfileStatus,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    StageEvent,
)
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import IdempotencyRecord, Notification
from talentpool.tenancy.notifications import notify

from ..conftest import bearer
from ..factories import make_api_key

# --- helpers and fixtures ------------------------------------------------------------------------------------


def send(client, method: str, url: str, body=None, *, key: str | None = None, **headers):
    extra = {**(bearer(key) if key else {}), **headers}
    if body is None:
        return getattr(client, method)(url, **extra)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def _tag(tenant, name, **fields):
    return candidate_services.tag_create(
        tenant, category=fields.pop("category", "skill"), name_en=name, **fields
    )


def _candidate(tenant, name, *, emails=(), external_ids=(), tags=(), days_in_pool=90, **fields):
    candidate = candidate_services.candidate_create(
        tenant,
        data=CandidateInput(
            full_name=name,
            emails=tuple(emails),
            external_ids=tuple(external_ids),
            tag_keys=tuple(tag.key for tag in tags),
            fields=fields or None,
        ),
        source="manual",
    )
    with tenant_context(tenant):
        Candidate.objects.filter(pk=candidate.pk).update(
            created_at=timezone.now() - timedelta(days=days_in_pool)
        )
        return Candidate.objects.get(pk=candidate.pk)


@pytest.fixture
def skills(tenant_a):
    return {name: _tag(tenant_a, name) for name in ("Python", "Django", "Team Leadership")}


@pytest.fixture
def role(tenant_a, skills, recruiter_a, manager_a):
    with tenant_context(tenant_a):
        return services.profile_create(
            title="Backend engineer 后端工程师",
            actor=recruiter_a,
            department="R&D",
            external_id="REQ-1",
            min_years=3,
            education="bachelor",
            requirements=[
                {"tag": skills["Python"].pk, "weight": 5, "must_have": True},
                {"tag": skills["Django"].pk, "weight": 3},
            ],
            hiring_manager_ids=[manager_a.pk],
        )


@pytest.fixture
def other_role(tenant_a, skills, other_manager_a):
    with tenant_context(tenant_a):
        return services.profile_create(
            title="Data analyst",
            department="Finance",
            requirements=[{"tag": skills["Python"].pk}],
            hiring_manager_ids=[other_manager_a.pk],
        )


@pytest.fixture
def pool(tenant_a, skills):
    return [
        _candidate(
            tenant_a,
            "王小明",
            emails=["xiaoming@example.com"],
            tags=[skills["Python"], skills["Django"]],
            location="上海",
            current_title="Python 工程师",
            external_ids=[("hris", "P-1")],
        ),
        _candidate(
            tenant_a, "Li Lei", emails=["lilei@example.com"], tags=[skills["Python"]], location="北京"
        ),
        _candidate(tenant_a, "No Python", emails=["nopython@example.com"], tags=[skills["Django"]]),
    ]


# --- role profiles -------------------------------------------------------------------------------------------


def test_recruiter_creates_reads_updates_and_closes_a_role_profile(
    recruiter_client, tenant_a, skills, manager_a
):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/role-profiles/",
        {
            "title": "Platform engineer 平台工程师",
            "department": "R&D",
            "location": "上海",
            "headcount": 2,
            "min_years": "3.5",
            "education": "master",
            "salary_min": "20000",
            "salary_max": "30000",
            "salary_currency": "CNY",
            "salary_period": "month",
            "salary_months": 14,
            "external_id": "HR-42",
            "requirements": [
                {"tag": skills["Python"].pk, "weight": 5, "must_have": True},
                {"tag": skills["Team Leadership"].key, "group": "quality", "weight": 2},
            ],
            "hiring_managers": [manager_a.pk],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Platform engineer 平台工程师" and body["external_id"] == "HR-42"
    assert body["min_years"] == "3.5" and body["education"] == "master" and body["salary_max"] == "30000.00"
    assert [
        (r["tag"], r["tag_key"], r["group"], r["weight"], r["must_have"]) for r in body["requirements"]
    ] == [
        (skills["Python"].pk, skills["Python"].key, "hard_skill", 5, True),
        (skills["Team Leadership"].pk, skills["Team Leadership"].key, "quality", 2, False),
    ]
    assert body["hiring_managers"] == [manager_a.pk]
    assert [stage["stage"] for stage in body["funnel"]][:2] == ["sourced", "contacted"]
    url = f"/api/v1/role-profiles/{body['id']}/"

    response = send(
        recruiter_client,
        "patch",
        url,
        {
            "title": "Platform lead",
            "status": "paused",
            "requirements": [{"tag": skills["Django"].pk, "weight": 4}],
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "paused"
    assert [(r["tag"], r["weight"]) for r in response.json()["requirements"]] == [(skills["Django"].pk, 4)]

    response = send(
        recruiter_client,
        "put",
        f"{url}requirements/",
        {
            "requirements": [
                {"tag": skills["Python"].key, "weight": 3},
                {"tag": skills["Django"].pk, "weight": 1, "must_have": True},
            ]
        },
    )
    assert response.status_code == 200, response.content
    assert [(r["tag"], r["weight"], r["must_have"]) for r in response.json()["requirements"]] == [
        (skills["Python"].pk, 3, False),
        (skills["Django"].pk, 1, True),
    ]

    history = send(recruiter_client, "get", f"{url}history/").json()["results"]
    fields = {edit["field"] for edit in history}
    assert {"created", "title", "status", "requirement", "hiring_managers"} <= fields
    assert all(edit["source"] == "manual" for edit in history)

    assert send(recruiter_client, "get", f"{url}funnel/").json()[0] == {
        "stage": "sourced",
        "label": "Sourced",
        "reached": 0,
        "current": 0,
    }
    assert send(recruiter_client, "get", f"{url}feedback/").json() == []

    assert send(recruiter_client, "delete", url).status_code == 204
    with tenant_context(tenant_a):
        assert RoleProfile.objects.get(pk=body["id"]).status == ProfileStatus.CLOSED  # closed, not deleted


def test_role_profile_list_filters_by_status_department_and_text(
    recruiter_client, role, other_role, tenant_a
):
    def titles(query):
        response = send(recruiter_client, "get", f"/api/v1/role-profiles/?{query}")
        assert response.status_code == 200, response.content
        return {item["title"] for item in response.json()["results"]}

    assert titles("") == {"Backend engineer 后端工程师", "Data analyst"}
    assert titles("department=finance") == {"Data analyst"}
    assert titles("q=后端") == {"Backend engineer 后端工程师"}
    with tenant_context(tenant_a):
        services.profile_update(other_role, status="closed")
    assert titles("status=open") == {"Backend engineer 后端工程师"}
    assert titles("status=open&status=closed") == {"Backend engineer 后端工程师", "Data analyst"}
    assert titles("external_id=REQ-1") == {"Backend engineer 后端工程师"}
    assert error_of(send(recruiter_client, "get", "/api/v1/role-profiles/?status=bogus"))["code"] == "invalid"


def test_a_requirement_with_another_tenants_tag_is_400_on_requirements(
    recruiter_client, tenant_a, tenant_b, skills, role
):
    foreign = _tag(tenant_b, "Rust")
    response = send(
        recruiter_client,
        "post",
        "/api/v1/role-profiles/",
        {"title": "Systems engineer", "requirements": [{"tag": foreign.pk, "weight": 5}]},
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "unknown_tag" and "requirements" in error["fields"]
    response = send(
        recruiter_client,
        "put",
        f"/api/v1/role-profiles/{role.pk}/requirements/",
        {"requirements": [{"tag": foreign.key}]},
    )
    assert response.status_code == 400 and "requirements" in error_of(response)["fields"]
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.filter(title="Systems engineer").exists()
        assert list(role.requirements.values_list("tag_id", flat=True)) == [
            skills["Python"].pk,
            skills["Django"].pk,
        ]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": ""}, "title"),
        ({"title": "x", "headcount": 0}, "headcount"),
        ({"title": "x", "salary_min": 30000, "salary_max": 20000}, "salary_min"),
        ({"title": "x", "education": "wizard"}, "education"),
        (
            {"title": "x", "requirements": [{"tag": "skill.custom.python", "weight": 9}]},
            "requirements.0.weight",
        ),
        ({"title": "x", "requirements": [{"tag": None}]}, "requirements.0.tag"),
        ({"title": "x", "hiring_managers": [999999]}, "hiring_managers"),
        ({"title": "x", "hiring_managers": [10**20]}, "hiring_managers"),
        ({"title": "x", "requirements": [{"tag": 10**20}]}, "requirements"),
    ],
)
def test_bad_role_profile_fields_are_400_with_the_field(recruiter_client, skills, body, field):
    response = send(recruiter_client, "post", "/api/v1/role-profiles/", body)
    assert response.status_code == 400, response.content
    assert field in error_of(response)["fields"]


def test_duplicate_external_id_is_400(recruiter_client, role):
    response = send(
        recruiter_client, "post", "/api/v1/role-profiles/", {"title": "Again", "external_id": "REQ-1"}
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "duplicate"


def test_unknown_role_profile_id_is_404(recruiter_client, role):
    for method, suffix in [
        ("get", ""),
        ("patch", ""),
        ("delete", ""),
        ("get", "funnel/"),
        ("get", "history/"),
        ("get", "matches/"),
        ("put", "requirements/"),
    ]:
        response = send(
            recruiter_client,
            method,
            f"/api/v1/role-profiles/{role.pk + 1000}/{suffix}",
            {} if method in ("patch", "put") else None,
        )
        assert response.status_code == 404, (method, suffix)
        assert error_of(response)["code"] == "not_found"


def test_viewer_reads_role_profiles_but_cannot_write(viewer_client, role, tenant_a):
    assert send(viewer_client, "get", "/api/v1/role-profiles/").status_code == 200
    assert send(viewer_client, "get", f"/api/v1/role-profiles/{role.pk}/").status_code == 200
    for method, url, body in [
        ("post", "/api/v1/role-profiles/", {"title": "Viewer's role"}),
        ("patch", f"/api/v1/role-profiles/{role.pk}/", {"title": "Renamed by viewer"}),
        ("delete", f"/api/v1/role-profiles/{role.pk}/", None),
        ("put", f"/api/v1/role-profiles/{role.pk}/requirements/", {"requirements": []}),
        ("post", "/api/v1/role-profiles/suggest/", {"text": "Python"}),
        ("post", "/api/v1/role-profiles/from-jd/", {"text": "Python", "title": "x"}),
    ]:
        response = send(viewer_client, method, url, body)
        assert response.status_code == 403, (method, url)
        assert error_of(response)["code"] == "permission_denied"
    with tenant_context(tenant_a):
        role.refresh_from_db()
        assert role.title == "Backend engineer 后端工程师" and role.status == ProfileStatus.OPEN
        assert (
            role.requirements.count() == 2 and not RoleProfile.objects.filter(title="Viewer's role").exists()
        )


def test_hiring_manager_sees_only_the_roles_they_are_on_and_cannot_write(manager_client, role, other_role):
    listed = send(manager_client, "get", "/api/v1/role-profiles/").json()["results"]
    assert [item["id"] for item in listed] == [role.pk]
    assert send(manager_client, "get", f"/api/v1/role-profiles/{role.pk}/").status_code == 200
    assert send(manager_client, "get", f"/api/v1/role-profiles/{role.pk}/funnel/").status_code == 200
    assert send(manager_client, "get", f"/api/v1/role-profiles/{other_role.pk}/").status_code == 404
    assert send(manager_client, "get", f"/api/v1/role-profiles/{other_role.pk}/history/").status_code == 404
    # the pool is not theirs to browse
    assert send(manager_client, "get", f"/api/v1/role-profiles/{role.pk}/matches/").status_code == 403
    assert (
        send(manager_client, "patch", f"/api/v1/role-profiles/{role.pk}/", {"title": "x"}).status_code == 403
    )


def test_api_keys_read_with_read_scope_and_write_with_write_scope(client, tenant_a, role, skills):
    read_key = make_api_key(tenant_a, scopes=["read"])
    write_key = make_api_key(tenant_a, scopes=["write"])
    assert send(client, "get", f"/api/v1/role-profiles/{role.pk}/", key=read_key).status_code == 200
    response = send(client, "post", "/api/v1/role-profiles/", {"title": "By key"}, key=read_key)
    assert response.status_code == 403 and "write" in error_of(response)["message"]
    assert send(client, "get", "/api/v1/role-profiles/", key=write_key).status_code == 403
    response = send(
        client,
        "post",
        "/api/v1/role-profiles/",
        {"title": "By key", "requirements": [{"tag": skills["Python"].key}]},
        key=write_key,
    )
    assert response.status_code == 201, response.content
    with tenant_context(tenant_a):
        created = RoleProfile.objects.get(pk=response.json()["id"])
        assert created.created_by is None
        assert set(created.edits.values_list("source", flat=True)) == {"api"}


# --- JD suggestions ------------------------------------------------------------------------------------------

CHINESE_JD = """高级Python工程师
岗位职责：
1. 负责后端服务的设计与开发；
任职要求：
1. 本科及以上学历，3年以上Python开发经验；
2. 精通Python，熟悉Django；
3. 有团队管理经验者优先。
薪资：20-30K·14薪
"""

ENGLISH_JD = """Senior Python Engineer

Requirements:
- 5+ years of experience with Python
- Familiar with Django
- Bachelor's degree in Computer Science

Nice to have:
- Team Leadership
"""


def test_suggest_from_a_chinese_jd_gives_requirements_years_education_and_salary(recruiter_client, skills):
    response = send(recruiter_client, "post", "/api/v1/role-profiles/suggest/", {"text": CHINESE_JD})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "高级Python工程师" and body["language"].startswith("zh")
    assert body["min_years"] == 3 and body["education"] == "bachelor"
    assert body["salary"]["min"] and body["salary"]["max"]
    python = next(r for r in body["requirements"] if r["tag"]["key"] == skills["Python"].key)
    assert python["tag"]["id"] == skills["Python"].pk  # the tenant's own tag, ready to use as a requirement
    assert python["group"] == "hard_skill" and python["must_have"] is True and 1 <= python["weight"] <= 5
    assert {"name", "category"} <= set(python["tag"]) and "synonyms" in python


def test_suggest_from_an_english_jd_with_a_given_title(recruiter_client, skills):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/role-profiles/suggest/",
        {"text": ENGLISH_JD, "title": "Backend engineer"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Backend engineer" and body["min_years"] == 5 and body["education"] == "bachelor"
    keys = {r["tag"]["key"]: r for r in body["requirements"]}
    assert keys[skills["Python"].key]["tag"]["id"] == skills["Python"].pk
    assert keys[skills["Django"].key]["tag"]["id"] == skills["Django"].pk


def test_an_empty_jd_is_a_suggestion_with_no_requirements_and_a_message(recruiter_client, skills):
    for text in ("", "   \n\t "):
        response = send(recruiter_client, "post", "/api/v1/role-profiles/suggest/", {"text": text})
        assert response.status_code == 200, response.content
        assert response.json()["requirements"] == [] and response.json()["message"]


def test_a_one_megabyte_jd_is_400_too_long(recruiter_client, skills):
    response = send(recruiter_client, "post", "/api/v1/role-profiles/suggest/", {"text": "Python " * 150_000})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "too_long" and "text" in error["fields"]
    response = send(
        recruiter_client, "post", "/api/v1/role-profiles/from-jd/", {"text": "x" * 1_000_000, "title": "x"}
    )
    assert response.status_code == 400 and error_of(response)["code"] == "too_long"
    response = send(recruiter_client, "post", "/api/v1/role-profiles/suggest/", {"text": "职位" * 2_500_000})
    assert response.status_code in (400, 413)
    error_of(response)


@pytest.mark.parametrize(
    "text",
    [
        "🚀🔥💼 " * 50,
        "نبحث عن مهندس برمجيات ذو خبرة في تطوير الويب",
        "".join(chr(code) for code in range(0x20, 0x3000, 7)),
        "\x00\x01\x02\ufffd\udcff" * 20,
        "Python" * 10_000,
    ],
    ids=["emoji", "arabic", "unicode-soup", "control-and-surrogates", "one-long-word"],
)
def test_jds_we_do_not_parse_never_give_a_500(recruiter_client, skills, text):
    response = send(recruiter_client, "post", "/api/v1/role-profiles/suggest/", {"text": text})
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:
        body = response.json()
        assert isinstance(body["requirements"], list)
        assert body["requirements"] or body["message"]


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xfe\x00garbage", b'{"text": ', b"[1, 2]", b'{"text": {"a": 1}}', b'{"text": ["a"]}'],
    ids=["random-bytes", "truncated-json", "a-list", "text-an-object", "text-a-list"],
)
def test_a_body_that_is_not_a_jd_is_400(recruiter_client, skills, payload):
    response = recruiter_client.post(
        "/api/v1/role-profiles/suggest/", data=payload, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    error_of(response)


def test_create_a_profile_from_a_jd(recruiter_client, tenant_a, skills, manager_a):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/role-profiles/from-jd/",
        {"text": CHINESE_JD, "department": "R&D", "external_id": "JD-1", "hiring_managers": [manager_a.pk]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["title"] == "高级Python工程师" and body["department"] == "R&D" and body["external_id"] == "JD-1"
    )
    assert (
        body["min_years"] == "3.0"
        and body["education"] == "bachelor"
        and body["hiring_managers"] == [manager_a.pk]
    )
    python = next(r for r in body["requirements"] if r["tag"] == skills["Python"].pk)
    assert python["source"] == "suggested" and python["must_have"] is True and python["evidence_text"]
    with tenant_context(tenant_a):
        assert RoleProfile.objects.get(pk=body["id"]).jd_text == CHINESE_JD


def test_a_profile_from_an_empty_jd_without_a_title_is_400_on_title(recruiter_client, tenant_a):
    response = send(recruiter_client, "post", "/api/v1/role-profiles/from-jd/", {"text": ""})
    assert response.status_code == 400
    assert "title" in error_of(response)["fields"]
    with tenant_context(tenant_a):
        assert not RoleProfile.objects.exists()


# --- matching and saved searches -----------------------------------------------------------------------------


def test_matches_rank_the_pool_with_options_and_count(recruiter_client, role, pool):
    url = f"/api/v1/role-profiles/{role.pk}/matches/?must_have_mode=exclude"
    response = send(recruiter_client, "get", f"{url}&limit=1")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2 and body["limit"] == 1 and body["offset"] == 0 and len(body["results"]) == 1
    first = body["results"][0]
    assert first["candidate_id"] == pool[0].pk  # Python and Django beat Python alone
    assert first["band"] in ("strong", "good", "partial", "weak")
    second = send(recruiter_client, "get", f"{url}&limit=1&offset=1").json()
    assert [m["candidate_id"] for m in second["results"]] == [pool[1].pk]
    flagged = send(
        recruiter_client, "get", f"/api/v1/role-profiles/{role.pk}/matches/?must_have_mode=flag"
    ).json()
    assert pool[2].pk in [m["candidate_id"] for m in flagged["results"]] and flagged["count"] == 3
    located = send(recruiter_client, "get", f"/api/v1/role-profiles/{role.pk}/matches/?location=北京").json()
    assert [m["candidate_id"] for m in located["results"]] == [pool[1].pk]


@pytest.mark.parametrize(
    "query", ["min_score=lots", "must_have_mode=sometimes", "limit=-3", "tier=legendary"]
)
def test_bad_match_options_are_400(recruiter_client, role, pool, query):
    response = send(recruiter_client, "get", f"/api/v1/role-profiles/{role.pk}/matches/?{query}")
    assert response.status_code == 400, response.content
    error_of(response)


def test_a_saved_search_reports_what_is_new_since_it_was_last_opened(
    recruiter_client, tenant_a, role, pool, skills
):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/saved-searches/",
        {"name": "Python people", "profile": role.pk, "params": {"must_have_mode": "flag"}},
    )
    assert response.status_code == 201, response.content
    saved = response.json()
    url = f"/api/v1/saved-searches/{saved['id']}/results/"
    with tenant_context(tenant_a):
        SavedSearch.objects.filter(pk=saved["id"]).update(last_viewed_at=timezone.now() - timedelta(days=1))
        Candidate.objects.update(updated_at=timezone.now() - timedelta(days=2))
        Candidate.objects.filter(pk=pool[1].pk).update(updated_at=timezone.now())
    first = send(recruiter_client, "get", url).json()
    assert first["count"] == 3 and first["new_since_last_view"] == 1 and len(first["results"]) == 3
    second = send(recruiter_client, "get", url).json()
    assert second["new_since_last_view"] == 0  # opening it marked it viewed
    assert (
        send(recruiter_client, "get", "/api/v1/saved-searches/").json()["results"][0]["name"]
        == "Python people"
    )


def test_a_saved_search_of_candidate_filters(recruiter_client, tenant_a, pool, skills):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/saved-searches/",
        {"name": "Shanghai", "params": {"location": "上海"}},
    )
    assert response.status_code == 201, response.content
    results = send(recruiter_client, "get", f"/api/v1/saved-searches/{response.json()['id']}/results/").json()
    assert [c["id"] for c in results["results"]] == [pool[0].pk] and results["count"] == 1


def test_saved_searches_are_personal_and_for_people_only(
    recruiter_client, admin_client_a, client, key_a, tenant_a, recruiter_a
):
    with tenant_context(tenant_a):
        mine = services.saved_search_create(owner=recruiter_a, name="Mine", params={})
    assert send(admin_client_a, "get", f"/api/v1/saved-searches/{mine.pk}/").status_code == 404
    assert send(admin_client_a, "get", "/api/v1/saved-searches/").json()["results"] == []
    assert send(recruiter_client, "get", f"/api/v1/saved-searches/{mine.pk}/").status_code == 200
    assert send(client, "get", "/api/v1/saved-searches/", key=key_a).status_code == 403
    assert (
        send(recruiter_client, "post", "/api/v1/saved-searches/", {"name": "", "params": {}}).status_code
        == 400
    )
    response = send(recruiter_client, "post", "/api/v1/saved-searches/", {"name": "x", "profile": 999999})
    assert response.status_code == 400 and "profile" in error_of(response)["fields"]
    assert send(recruiter_client, "delete", f"/api/v1/saved-searches/{mine.pk}/").status_code == 204


# --- shortlists and decisions --------------------------------------------------------------------------------


@pytest.fixture
def sent_shortlist(recruiter_client, role, pool):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/shortlists/",
        {
            "profile": role.pk,
            "candidate_ids": [pool[0].pk, pool[1].pk],
            "name": "Week 1",
            "note": "Two strong ones",
        },
    )
    assert response.status_code == 201, response.content
    shortlist = response.json()
    response = send(recruiter_client, "post", f"/api/v1/shortlists/{shortlist['id']}/send/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "sent"
    return response.json()


def test_recruiter_creates_and_sends_a_shortlist_with_full_candidate_data(
    recruiter_client, tenant_a, role, pool, sent_shortlist, manager_a
):
    entries = sent_shortlist["entries"]
    assert [e["candidate"]["id"] for e in entries] == [pool[0].pk, pool[1].pk]
    assert entries[0]["candidate"]["emails"] == ["xiaoming@example.com"] and entries[0]["score"] > 0
    assert entries[0]["explanation"] and entries[0]["decision"] == "pending"
    with tenant_context(tenant_a):
        assert Application.objects.filter(profile=role).count() == 2  # each candidate is in the pipeline now
        assert Notification.objects.filter(user=manager_a, kind="shortlist_sent").exists()
    response = send(
        recruiter_client, "post", "/api/v1/shortlists/", {"profile": role.pk, "candidate_ids": []}
    )
    assert response.status_code == 400 and "candidate_ids" in error_of(response)["fields"]
    response = send(
        recruiter_client, "post", "/api/v1/shortlists/", {"profile": 999999, "candidate_ids": [pool[0].pk]}
    )
    assert response.status_code == 400 and "profile" in error_of(response)["fields"]


def test_hiring_manager_sees_only_their_roles_shortlists_and_others_are_404(
    manager_client, recruiter_client, tenant_a, other_role, pool, sent_shortlist, recruiter_a
):
    with tenant_context(tenant_a):
        other = services.shortlist_create(profile=other_role, candidate_ids=[pool[1].pk], actor=recruiter_a)
        services.shortlist_send(other)
        draft = services.shortlist_create(
            profile=Shortlist.objects.get(pk=sent_shortlist["id"]).profile,
            candidate_ids=[pool[0].pk],
            actor=recruiter_a,
            name="Draft",
        )
        other_entry = other.entries.get()
        draft_entry = draft.entries.get()
    listed = send(manager_client, "get", "/api/v1/shortlists/").json()["results"]
    assert [item["id"] for item in listed] == [sent_shortlist["id"]]
    assert send(manager_client, "get", f"/api/v1/shortlists/{sent_shortlist['id']}/").status_code == 200
    for url in (
        f"/api/v1/shortlists/{other.pk}/",
        f"/api/v1/shortlists/{draft.pk}/",
        f"/api/v1/shortlist-entries/{other_entry.pk}/",
        f"/api/v1/shortlist-entries/{draft_entry.pk}/",
    ):
        response = send(manager_client, "get", url)
        assert response.status_code == 404, url
        assert error_of(response)["code"] == "not_found"
    response = send(
        manager_client,
        "post",
        f"/api/v1/shortlist-entries/{other_entry.pk}/decision/",
        {"decision": "approved"},
    )
    assert response.status_code == 404
    with tenant_context(tenant_a):
        assert ShortlistEntry.objects.get(pk=other_entry.pk).decision == "pending"
    # recruiters see every shortlist, drafts too
    listed = {item["id"] for item in send(recruiter_client, "get", "/api/v1/shortlists/").json()["results"]}
    assert listed == {sent_shortlist["id"], other.pk, draft.pk}
    # and a hiring manager does not create or send shortlists
    response = send(
        manager_client,
        "post",
        "/api/v1/shortlists/",
        {"profile": other_role.pk, "candidate_ids": [pool[0].pk]},
    )
    assert response.status_code == 403


def test_hiring_managers_see_only_the_fields_the_tenant_allows(
    manager_client, recruiter_client, tenant_a, sent_shortlist
):
    url = f"/api/v1/shortlists/{sent_shortlist['id']}/"
    card = send(manager_client, "get", url).json()["entries"][0]["candidate"]
    # the default: profile fields, the explanation and the resume (as in every ATS), no contact details or salary
    assert card["name"] == "王小明" and card["location"] == "上海" and card["tags"] and "documents" in card
    assert "emails" not in card and "phones" not in card and "salary" not in card
    tenant_a.shortlist_fields = ["name"]
    tenant_a.save(update_fields=["shortlist_fields"])
    entry = send(manager_client, "get", url).json()["entries"][0]
    assert entry["candidate"] == {"id": entry["candidate"]["id"], "name": "王小明"}
    assert entry["score"] is None and entry["explanation"] is None
    entry_only = send(manager_client, "get", f"/api/v1/shortlist-entries/{entry['id']}/").json()
    assert set(entry_only["candidate"]) == {"id", "name"}
    tenant_a.shortlist_fields = ["name", "emails", "salary"]
    tenant_a.save(update_fields=["shortlist_fields"])
    card = send(manager_client, "get", url).json()["entries"][0]["candidate"]
    assert card["emails"] == ["xiaoming@example.com"] and "salary" in card and "location" not in card
    # recruiters always see everything
    full = send(recruiter_client, "get", url).json()["entries"][0]
    assert {"emails", "phones", "salary", "documents", "location", "tags"} <= set(full["candidate"])
    assert full["explanation"] is not None


def test_a_decision_moves_the_application_and_notifies_the_recruiter(
    manager_client, recruiter_client, tenant_a, recruiter_a, sent_shortlist
):
    first, second = sent_shortlist["entries"]
    response = send(
        manager_client,
        "post",
        f"/api/v1/shortlist-entries/{first['id']}/decision/",
        {"decision": "approved", "comment": "Strong Python"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["decision"] == "approved" and response.json()["decided_by"] is not None
    response = send(
        manager_client,
        "post",
        f"/api/v1/shortlist-entries/{second['id']}/decision/",
        {"decision": "rejected"},
    )
    assert response.status_code == 400 and "reason_tags" in error_of(response)["fields"]
    response = send(
        manager_client,
        "post",
        f"/api/v1/shortlist-entries/{second['id']}/decision/",
        {"decision": "rejected", "reason_tags": ["no team-lead experience"]},
    )
    assert response.status_code == 200, response.content
    with tenant_context(tenant_a):
        assert Application.objects.get(pk=first["application"]).stage == ApplicationStage.INTERVIEWING
        assert Application.objects.get(pk=second["application"]).stage == ApplicationStage.REJECTED
        notes = Notification.objects.filter(user=recruiter_a, kind="shortlist_decision")
        assert notes.count() == 2
    # the recruiter sees the decisions, and their inbox through the API
    entries = send(recruiter_client, "get", f"/api/v1/shortlists/{sent_shortlist['id']}/").json()["entries"]
    assert [(e["decision"], e["reason_tags"]) for e in entries] == [
        ("approved", []),
        ("rejected", ["no team-lead experience"]),
    ]
    inbox = send(recruiter_client, "get", "/api/v1/notifications/?unread=true").json()["results"]
    assert len(inbox) == 2 and all(item["kind"] == "shortlist_decision" for item in inbox)


def test_decisions_are_for_reviewers_signed_in(viewer_client, client, key_a, tenant_a, sent_shortlist):
    entry = sent_shortlist["entries"][0]
    url = f"/api/v1/shortlist-entries/{entry['id']}/decision/"
    assert send(viewer_client, "post", url, {"decision": "approved"}).status_code == 403
    assert send(client, "post", url, {"decision": "approved"}, key=key_a).status_code == 403
    assert send(client, "get", f"/api/v1/shortlist-entries/{entry['id']}/", key=key_a).status_code == 200
    with tenant_context(tenant_a):
        assert ShortlistEntry.objects.get(pk=entry["id"]).decision == "pending"


def test_rejection_feedback_suggests_requirements(
    manager_client, recruiter_client, sent_shortlist, role, skills
):
    for entry in sent_shortlist["entries"]:
        send(
            manager_client,
            "post",
            f"/api/v1/shortlist-entries/{entry['id']}/decision/",
            {"decision": "rejected", "reason_tags": ["Team Leadership"]},
        )
    feedback = send(recruiter_client, "get", f"/api/v1/role-profiles/{role.pk}/feedback/").json()
    assert feedback[0]["reason"] == "Team Leadership" and feedback[0]["count"] == 2
    assert feedback[0]["tag"]["id"] == skills["Team Leadership"].pk


# --- the pipeline --------------------------------------------------------------------------------------------


def test_applications_create_list_move_and_events(recruiter_client, tenant_a, role, other_role, pool):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/applications/",
        {"profile": role.pk, "candidate": pool[0].pk, "external_id": "APP-1"},
    )
    assert response.status_code == 201, response.content
    application = response.json()
    assert application["stage"] == "sourced" and application["source"] == "api"
    again = send(
        recruiter_client, "post", "/api/v1/applications/", {"profile": role.pk, "candidate": pool[0].pk}
    )
    assert again.status_code == 200 and again.json()["id"] == application["id"]
    send(
        recruiter_client,
        "post",
        "/api/v1/applications/",
        {"profile": other_role.pk, "candidate": pool[1].pk, "stage": "contacted"},
    )

    moved = send(
        recruiter_client,
        "post",
        f"/api/v1/applications/{application['id']}/move/",
        {"stage": "interviewing", "note": "phone screen passed"},
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["application"]["stage"] == "interviewing"
    assert (
        moved.json()["event"]["from_stage"] == "sourced"
        and moved.json()["event"]["to_stage"] == "interviewing"
    )
    same = send(
        recruiter_client, "post", f"/api/v1/applications/{application['id']}/move/", {"stage": "interviewing"}
    )
    assert same.status_code == 200 and same.json()["event"] is None
    future = (timezone.now() + timedelta(days=2)).isoformat()
    response = send(
        recruiter_client,
        "post",
        f"/api/v1/applications/{application['id']}/move/",
        {"stage": "offer", "occurred_at": future},
    )
    assert response.status_code == 400 and "occurred_at" in error_of(response)["fields"]
    response = send(
        recruiter_client, "post", f"/api/v1/applications/{application['id']}/move/", {"stage": "famous"}
    )
    assert response.status_code == 400 and "stage" in error_of(response)["fields"]

    events = send(recruiter_client, "get", f"/api/v1/applications/{application['id']}/events/").json()
    assert [(e["from_stage"], e["to_stage"]) for e in events] == [
        ("", "sourced"),
        ("sourced", "interviewing"),
    ]

    def ids(query):
        return [
            a["id"] for a in send(recruiter_client, "get", f"/api/v1/applications/?{query}").json()["results"]
        ]

    assert ids(f"profile={role.pk}") == [application["id"]]
    assert ids("stage=contacted") != [] and application["id"] not in ids("stage=contacted")
    assert ids(f"candidate={pool[0].pk}") == [application["id"]]
    assert ids("external_id=APP-1") == [application["id"]]

    for body, field in [
        ({"profile": 999999, "candidate": pool[0].pk}, "profile"),
        ({"profile": role.pk, "candidate": 999999}, "candidate"),
    ]:
        response = send(recruiter_client, "post", "/api/v1/applications/", body)
        assert response.status_code == 400 and field in error_of(response)["fields"]


def test_the_pipeline_is_not_for_hiring_managers_or_viewers_to_change(
    manager_client, viewer_client, role, pool
):
    assert send(manager_client, "get", "/api/v1/applications/").status_code == 403
    assert send(manager_client, "get", "/api/v1/hires/").status_code == 403
    assert send(viewer_client, "get", "/api/v1/applications/").status_code == 200
    response = send(
        viewer_client, "post", "/api/v1/applications/", {"profile": role.pk, "candidate": pool[0].pk}
    )
    assert response.status_code == 403
    assert send(viewer_client, "post", "/api/v1/hris/hires/", {"full_name": "x"}).status_code == 403


# --- idempotency ---------------------------------------------------------------------------------------------


def test_a_retry_with_the_same_idempotency_key_replays_the_first_response(
    client, key_a, tenant_a, role, pool
):
    body = {"profile": role.pk, "candidate": pool[0].pk, "stage": "contacted"}
    first = send(client, "post", "/api/v1/applications/", body, key=key_a, HTTP_IDEMPOTENCY_KEY="create-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    with tenant_context(tenant_a):  # a change in between: the replay still answers what the first request did
        Application.objects.filter(pk=first.json()["id"]).update(stage="offer")
    again = send(
        client,
        "post",
        "/api/v1/applications/",
        {"stage": "contacted", "candidate": pool[0].pk, "profile": role.pk},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="create-1",
    )  # the same body, keys in another order
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()

    url = f"/api/v1/applications/{first.json()['id']}/move/"
    moved = send(client, "post", url, {"stage": "interviewing"}, key=key_a, HTTP_IDEMPOTENCY_KEY="move-1")
    replay = send(client, "post", url, {"stage": "interviewing"}, key=key_a, HTTP_IDEMPOTENCY_KEY="move-1")
    assert moved.status_code == replay.status_code == 200 and replay.json() == moved.json()
    with tenant_context(tenant_a):
        assert (
            StageEvent.objects.filter(application_id=first.json()["id"], to_stage="interviewing").count() == 1
        )
        assert IdempotencyRecord.objects.filter(key__in=["create-1", "move-1"]).count() == 2


def test_the_same_idempotency_key_with_another_body_is_422(client, key_a, tenant_a, role, pool):
    url = "/api/v1/applications/"
    assert (
        send(
            client,
            "post",
            url,
            {"profile": role.pk, "candidate": pool[0].pk},
            key=key_a,
            HTTP_IDEMPOTENCY_KEY="k-1",
        ).status_code
        == 201
    )
    response = send(
        client,
        "post",
        url,
        {"profile": role.pk, "candidate": pool[1].pk},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    other_path = send(
        client,
        "post",
        "/api/v1/hris/hires/",
        {"profile": role.pk, "candidate": pool[0].pk},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert other_path.status_code == 422
    with tenant_context(tenant_a):
        assert not Application.objects.filter(candidate=pool[1]).exists()
        assert not Hire.objects.exists()
    assert (
        send(
            client,
            "post",
            url,
            {"profile": role.pk, "candidate": pool[1].pk},
            key=key_a,
            HTTP_IDEMPOTENCY_KEY="x" * 201,
        ).status_code
        == 400
    )


def test_a_failed_request_does_not_use_up_its_idempotency_key(client, key_a, tenant_a, role, pool):
    bad = send(
        client,
        "post",
        "/api/v1/applications/",
        {"profile": role.pk, "candidate": 999999},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="fix-and-retry",
    )
    assert bad.status_code == 400
    good = send(
        client,
        "post",
        "/api/v1/applications/",
        {"profile": role.pk, "candidate": pool[0].pk},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="fix-and-retry",
    )
    assert good.status_code == 201 and "Idempotent-Replayed" not in good.headers


def test_an_idempotency_key_older_than_a_day_is_forgotten(client, key_a, tenant_a, role, pool):
    body = {"profile": role.pk, "candidate": pool[0].pk}
    first = send(client, "post", "/api/v1/applications/", body, key=key_a, HTTP_IDEMPOTENCY_KEY="old")
    with tenant_context(tenant_a):
        IdempotencyRecord.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))
    other = send(
        client,
        "post",
        "/api/v1/applications/",
        {"profile": role.pk, "candidate": pool[1].pk},
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="old",
    )
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


def test_idempotency_keys_are_per_tenant(client, key_a, key_b, tenant_a, tenant_b, role, pool):
    body = {"external_id": "H-SAME", "full_name": "Same Key"}
    assert (
        send(
            client, "post", "/api/v1/hris/hires/", body, key=key_a, HTTP_IDEMPOTENCY_KEY="shared"
        ).status_code
        == 201
    )
    response = send(client, "post", "/api/v1/hris/hires/", body, key=key_b, HTTP_IDEMPOTENCY_KEY="shared")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
    with tenant_context(tenant_b):
        assert Hire.objects.filter(external_id="H-SAME").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_idempotency_key_record_one_hire_and_repeats_in_flight_get_409(
    transactional_db, tenant_a, key_a
):
    body = json.dumps({"external_id": "", "full_name": "Racing Rita", "hired_at": "2025-01-02"})
    barrier, responses = threading.Barrier(4), []

    def push():
        try:
            barrier.wait()
            responses.append(
                Client().post(
                    "/api/v1/hris/hires/",
                    data=body,
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY="race-1",
                    **bearer(key_a),
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=push) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    # One runs; a repeat arriving while it runs is 409 at once, one arriving after it replays its answer.
    assert len(responses) == 4 and {r.status_code for r in responses} <= {201, 409}
    ran = [r for r in responses if r.status_code == 201 and r.headers.get("Idempotent-Replayed") != "true"]
    assert len(ran) == 1
    assert all(
        r.json()["error"]["code"] == "idempotency_key_in_progress" for r in responses if r.status_code == 409
    )
    assert {r.json()["hire"]["id"] for r in responses if r.status_code == 201} == {
        ran[0].json()["hire"]["id"]
    }
    with tenant_context(tenant_a):
        assert Hire.objects.filter(full_name="Racing Rita").count() == 1


# --- HRIS pushes and hires -----------------------------------------------------------------------------------


def test_hris_stage_change_creates_the_application_then_moves_it(client, key_a, tenant_a, role, pool):
    url = "/api/v1/hris/stage-changes/"
    response = send(
        client,
        "post",
        url,
        {
            "profile_external_id": "REQ-1",
            "candidate_email": "XiaoMing@example.com",
            "application_external_id": "HR-APP-9",
            "stage": "interviewing",
            "occurred_at": "2025-03-01T09:00:00+08:00",
        },
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="push-1",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] is True and body["application"]["stage"] == "interviewing"
    assert body["application"]["candidate"] == pool[0].pk and body["application"]["external_id"] == "HR-APP-9"
    assert body["event"]["to_stage"] == "interviewing" and body["event"]["source"] == "hris"

    replay = send(
        client,
        "post",
        url,
        {
            "profile_external_id": "REQ-1",
            "candidate_email": "XiaoMing@example.com",
            "application_external_id": "HR-APP-9",
            "stage": "interviewing",
            "occurred_at": "2025-03-01T09:00:00+08:00",
        },
        key=key_a,
        HTTP_IDEMPOTENCY_KEY="push-1",
    )
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"

    moved = send(client, "post", url, {"application_external_id": "HR-APP-9", "stage": "offer"}, key=key_a)
    assert moved.status_code == 200 and moved.json()["created"] is False
    assert (
        moved.json()["event"]["from_stage"] == "interviewing"
        and moved.json()["application"]["stage"] == "offer"
    )

    by_external_candidate = send(
        client,
        "post",
        url,
        {"profile": role.pk, "candidate_external_id": {"system": "hris", "value": "P-1"}, "stage": "hired"},
        key=key_a,
    )
    assert (
        by_external_candidate.status_code == 200
        and by_external_candidate.json()["application"]["stage"] == "hired"
    )
    with tenant_context(tenant_a):
        assert Application.objects.filter(profile=role).count() == 1
        hire = Hire.objects.get(candidate=pool[0])
        assert hire.source == HireSource.POOL and hire.recorded_via == "hris"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"application_external_id": "NOPE", "stage": "offer"}, "profile"),
        (
            {"profile_external_id": "NOPE", "candidate_email": "xiaoming@example.com", "stage": "offer"},
            "profile_external_id",
        ),
        ({"profile_external_id": "REQ-1", "stage": "offer"}, "candidate"),
        (
            {"profile_external_id": "REQ-1", "candidate_email": "nobody@example.com", "stage": "offer"},
            "candidate_email",
        ),
        (
            {
                "profile_external_id": "REQ-1",
                "candidate_external_id": {"system": "hris", "value": "X"},
                "stage": "offer",
            },
            "candidate_external_id",
        ),
        ({"profile_external_id": "REQ-1", "candidate": 999999, "stage": "offer"}, "candidate"),
        ({"profile": 10**20, "candidate": 10**20, "stage": "offer"}, "profile"),
        (
            {"profile_external_id": "REQ-1", "candidate_email": "xiaoming@example.com", "stage": "promoted"},
            "stage",
        ),
    ],
)
def test_hris_stage_change_with_unknown_references_is_400(client, key_a, tenant_a, role, pool, body, field):
    response = send(client, "post", "/api/v1/hris/stage-changes/", body, key=key_a)
    assert response.status_code == 400, response.content
    assert field in error_of(response)["fields"]
    with tenant_context(tenant_a):
        assert not Application.objects.exists()


def test_hris_hires_record_pool_and_outside_hires_and_the_share(
    client, key_a, tenant_a, role, pool, recruiter_client
):
    url = "/api/v1/hris/hires/"
    from_pool = send(
        client,
        "post",
        url,
        {
            "external_id": "H-1",
            "full_name": "王小明",
            "email": "xiaoming@example.com",
            "profile_external_id": "REQ-1",
        },
        key=key_a,
    )
    assert from_pool.status_code == 201, from_pool.content
    assert (
        from_pool.json()["hire"]["source"] == "pool" and from_pool.json()["hire"]["candidate"] == pool[0].pk
    )
    assert (
        from_pool.json()["hire"]["profile"] == role.pk and from_pool.json()["hire"]["recorded_via"] == "hris"
    )
    outside = send(client, "post", url, {"external_id": "H-2", "full_name": "Walk-in Wang"}, key=key_a)
    assert outside.status_code == 201 and outside.json()["hire"]["source"] == "external"
    by_external_id = send(
        client,
        "post",
        url,
        {"external_id": "H-3", "candidate_external_id": {"system": "hris", "value": "P-1"}},
        key=key_a,
    )
    assert by_external_id.status_code == 201 and by_external_id.json()["hire"]["full_name"] == "王小明"
    again = send(client, "post", url, {"external_id": "H-2", "full_name": "Walk-in Wang"}, key=key_a)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["hire"]["id"] == outside.json()["hire"]["id"]

    summary = send(client, "get", "/api/v1/hires/summary/", key=key_a).json()
    assert summary == {"total": 3, "from_pool": 2, "share": round(2 / 3, 4)}
    assert send(client, "get", "/api/v1/hires/summary/?since=2030-01-01", key=key_a).json()["total"] == 0
    assert send(client, "get", "/api/v1/hires/summary/?since=soon", key=key_a).status_code == 400
    listed = send(recruiter_client, "get", "/api/v1/hires/?source=external").json()["results"]
    assert [h["external_id"] for h in listed] == ["H-2"]

    response = send(client, "post", url, {"external_id": "H-4"}, key=key_a)
    assert response.status_code == 400 and "full_name" in error_of(response)["fields"]
    response = send(client, "post", url, {"full_name": "x", "profile": 999999}, key=key_a)
    assert response.status_code == 400 and "profile" in error_of(response)["fields"]


def test_hires_created_through_the_hires_endpoint(recruiter_client, tenant_a, role, pool):
    response = send(
        recruiter_client,
        "post",
        "/api/v1/hires/",
        {"candidate_id": pool[1].pk, "profile": role.pk},
        HTTP_IDEMPOTENCY_KEY="hire-li-lei",
    )
    assert response.status_code == 201, response.content
    hire = response.json()["hire"]
    assert hire["full_name"] == "Li Lei" and hire["source"] == "pool" and hire["recorded_via"] == "dashboard"
    assert send(recruiter_client, "get", f"/api/v1/hires/{hire['id']}/").json()["id"] == hire["id"]


# --- notifications -------------------------------------------------------------------------------------------


def test_notifications_list_read_and_read_all(
    recruiter_client, admin_client_a, client, key_a, tenant_a, recruiter_a, admin_a
):
    with tenant_context(tenant_a):
        first = notify(recruiter_a, kind="shortlist_decision", title="One")
        notify(recruiter_a, kind="shortlist_decision", title="Two")
        someone_elses = notify(admin_a, kind="import_done", title="Admin's")
    listed = send(recruiter_client, "get", "/api/v1/notifications/?unread=true").json()["results"]
    assert [n["title"] for n in listed] == ["Two", "One"] and not any(n["is_read"] for n in listed)
    response = send(recruiter_client, "post", f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert [
        n["title"]
        for n in send(recruiter_client, "get", "/api/v1/notifications/?unread=true").json()["results"]
    ] == ["Two"]
    assert (
        send(recruiter_client, "post", f"/api/v1/notifications/{someone_elses.pk}/read/").status_code == 404
    )
    assert send(recruiter_client, "post", "/api/v1/notifications/read-all/").json() == {"updated": 1}
    assert send(recruiter_client, "get", "/api/v1/notifications/?unread=true").json()["results"] == []
    with tenant_context(tenant_a):
        assert Notification.objects.get(pk=someone_elses.pk).read_at is None
    assert send(client, "get", "/api/v1/notifications/", key=key_a).status_code == 403


# --- OpenAPI -------------------------------------------------------------------------------------------------


def test_the_schema_describes_the_new_endpoints(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in (
        "/api/v1/role-profiles/",
        "/api/v1/role-profiles/{id}/matches/",
        "/api/v1/role-profiles/suggest/",
        "/api/v1/shortlist-entries/{id}/decision/",
        "/api/v1/hris/stage-changes/",
        "/api/v1/hris/hires/",
        "/api/v1/hires/summary/",
        "/api/v1/notifications/read-all/",
        "/api/v1/saved-searches/{id}/results/",
    ):
        assert path in paths, path
    parameters = {p["name"] for p in paths["/api/v1/hris/stage-changes/"]["post"]["parameters"]}
    assert "Idempotency-Key" in parameters
