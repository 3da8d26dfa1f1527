"""The pool's API: CRUD, filters, tags, duplicates and merges, imports, JSON Resume — and their errors."""

from __future__ import annotations

import io
import json

import pytest

from candidates import services
from candidates.models import Candidate, ImportJob, Tag
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer


def post(client, url, body, key):
    return client.post(url, data=json.dumps(body), content_type="application/json", **bearer(key))


def patch(client, url, body, key):
    return client.patch(url, data=json.dumps(body), content_type="application/json", **bearer(key))


@pytest.fixture
def tags(tenant_a):
    python = services.tag_create(tenant_a, category="skill", name_en="Python", name_zh="Python")
    lean = services.tag_create(tenant_a, category="skill", name_en="Lean production", name_zh="精益生产")
    sql = services.tag_create(tenant_a, category="skill", name_en="SQL")
    return python, lean, sql


def test_create_read_and_update_a_candidate(client, tenant_a, key_a, tags):
    response = post(
        client,
        "/api/v1/candidates/",
        {
            "full_name": "欧阳娜娜",
            "emails": ["Nana@Example.com"],
            "phones": ["13800138000"],
            "location": "上海",
            "years_experience": 4.5,
            "highest_education": "master",
            "tags": [tags[0].key],
            "external_ids": [{"system": "hris", "value": "E-7"}],
        },
        key_a,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["emails"] == ["nana@example.com"] and body["phones"] == ["+8613800138000"]
    assert body["external_ids"] == [{"system": "hris", "value": "E-7"}] and body["tag_ids"] == [tags[0].pk]
    detail = client.get(f"/api/v1/candidates/{body['id']}/", **bearer(key_a)).json()
    assert detail["candidate_tags"][0]["tag"]["key"] == tags[0].key
    response = patch(
        client,
        f"/api/v1/candidates/{body['id']}/",
        {"current_title": "品牌经理", "emails": ["n2@example.com"]},
        key_a,
    )
    assert response.status_code == 200
    assert response.json()["current_title"] == "品牌经理"
    assert sorted(response.json()["emails"]) == ["n2@example.com", "nana@example.com"]
    changes = client.get(f"/api/v1/candidates/{body['id']}/changes/", **bearer(key_a)).json()["results"]
    assert any(c["field"] == "current_title" and c["source"] == "api" for c in changes)


def test_creating_someone_already_in_the_pool_is_a_400_naming_them(client, tenant_a, key_a):
    first = post(
        client, "/api/v1/candidates/", {"full_name": "A", "emails": ["same@example.com"]}, key_a
    ).json()
    response = post(client, "/api/v1/candidates/", {"full_name": "B", "emails": ["SAME@example.com"]}, key_a)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "duplicate" and str(first["id"]) in error["fields"]["emails"][0]


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "full_name"),
        ({"full_name": "X", "emails": ["not an email"]}, "emails.0"),
        ({"full_name": "X", "years_experience": 300}, "years_experience"),
        ({"full_name": "X", "salary_min": 30000, "salary_max": 10000}, "salary_max"),
        ({"full_name": "X", "tags": ["skill:does-not-exist"]}, "tag"),
    ],
)
def test_bad_candidate_input_is_a_field_error(client, tenant_a, key_a, body, field):
    response = post(client, "/api/v1/candidates/", body, key_a)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == 0


def test_filters_by_tags_tier_years_education_and_text(client, tenant_a, key_a, tags):
    python, lean, sql = tags

    def make(name, tag_list, **fields):
        candidate = services.candidate_create(
            tenant_a, data=services.CandidateInput(full_name=name, fields=fields), source="api"
        )
        with tenant_context(tenant_a):
            for tag in tag_list:
                services.candidate_tag_add(candidate, tag=tag, source="manual")
        return candidate.pk

    a = make(
        "甲 Python+SQL", [python, sql], years_experience=8, highest_education="master", activity_score=90
    )
    b = make("乙 Python", [python], years_experience=2, highest_education="bachelor", activity_score=60)
    c = make("丙 Lean", [lean], years_experience=12, highest_education="doctor", location="苏州")

    def ids(query):
        response = client.get(f"/api/v1/candidates/?{query}", **bearer(key_a))
        assert response.status_code == 200, response.content
        return sorted(item["id"] for item in response.json()["results"])

    assert ids(f"tags_all={python.pk},{sql.key}") == [a]
    assert ids(f"tags_any={sql.pk},{lean.pk}") == sorted([a, c])
    # Digits that are not ASCII, or an id no bigint holds, name no tag: nothing matches, and nothing breaks.
    assert ids("tags_any=²") == [] and ids("tags_any=99999999999999999999") == []
    assert ids(f"tags_none={python.pk}") == [c]
    assert ids("tier=high") == [a] and ids("tier=mid&tier=high") == sorted([a, b])
    assert ids("years_min=5&years_max=10") == [a]
    assert ids("education=master") == sorted([a, c])
    assert ids("location=苏州") == [c] and ids("q=Lean") == [c]
    assert ids("score_min=50") == sorted([a, b])


def test_tags_are_added_removed_and_the_removal_sticks(client, tenant_a, key_a, tags):
    candidate = post(client, "/api/v1/candidates/", {"full_name": "Tag Person"}, key_a).json()
    url = f"/api/v1/candidates/{candidate['id']}/tags/"
    assert post(client, url, {"tag": tags[1].key}, key_a).json()["tag_ids"] == [tags[1].pk]
    response = client.delete(f"{url}{tags[1].pk}/", **bearer(key_a))
    assert response.status_code == 200 and response.json()["tag_ids"] == []
    assert post(client, url, {"tag": "nope"}, key_a).status_code == 400


def test_tag_crud_merge_and_another_tenants_parent_is_refused(client, tenant_a, tenant_b, key_a, tags):
    foreign = services.tag_create(tenant_b, category="skill", name_en="Foreign")
    response = post(
        client, "/api/v1/tags/", {"category": "skill", "name_en": "Kotlin", "parent": foreign.pk}, key_a
    )
    assert response.status_code == 400 and "parent" in response.json()["error"]["fields"]
    response = post(
        client, "/api/v1/tags/", {"category": "skill", "name_en": "Kotlin", "synonyms": ["kt"]}, key_a
    )
    assert response.status_code == 201
    kotlin = response.json()
    response = patch(client, f"/api/v1/tags/{kotlin['id']}/", {"synonyms": ["kt", "Kotlin/JVM"]}, key_a)
    assert response.json()["synonyms"] == ["kt", "Kotlin/JVM"]
    response = post(client, f"/api/v1/tags/{kotlin['id']}/merge/", {"into": tags[0].pk}, key_a)
    assert response.status_code == 200 and "Kotlin" in response.json()["synonyms"]
    assert post(client, f"/api/v1/tags/{tags[1].pk}/merge/", {"into": foreign.pk}, key_a).status_code == 400
    assert client.delete(f"/api/v1/tags/{tags[2].pk}/", **bearer(key_a)).status_code == 204
    with tenant_context(tenant_a):
        assert Tag.objects.get(pk=tags[2].pk).is_retired


def test_merge_and_undo_through_the_api(client, tenant_a, key_a):
    keep = post(
        client, "/api/v1/candidates/", {"full_name": "Same Person", "emails": ["a@example.com"]}, key_a
    ).json()
    remove = post(
        client, "/api/v1/candidates/", {"full_name": "Same Person", "phones": ["+8613900001111"]}, key_a
    ).json()
    response = post(client, "/api/v1/merges/", {"keep": keep["id"], "remove": remove["id"]}, key_a)
    assert response.status_code == 201, response.content
    merged = client.get(f"/api/v1/candidates/{keep['id']}/", **bearer(key_a)).json()
    assert merged["phones"] == ["+8613900001111"]
    assert client.get(f"/api/v1/candidates/{remove['id']}/", **bearer(key_a)).status_code == 404  # hidden
    undo = post(client, f"/api/v1/merges/{response.json()['id']}/undo/", {}, key_a)
    assert undo.status_code == 200 and undo.json()["undone_at"]
    assert client.get(f"/api/v1/candidates/{remove['id']}/", **bearer(key_a)).json()["phones"] == [
        "+8613900001111"
    ]
    assert post(client, "/api/v1/merges/", {"keep": keep["id"], "remove": 999999}, key_a).status_code == 400


def test_an_import_through_the_api_previews_then_queues_the_run(client, tenant_a, key_a, monkeypatch):
    from candidates.tasks import run_import

    queued = []
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
    monkeypatch.setattr(run_import, "apply_async", lambda args, **options: queued.append(args))
    upload = io.BytesIO(
        "name,email,phone\n李雷,lilei@example.com,13800001111\n,,\n韩梅梅,bad-email,\n".encode()
    )
    upload.name = "people.csv"
    response = client.post("/api/v1/imports/", {"file": upload, "mapping_name": "default"}, **bearer(key_a))
    assert response.status_code == 201, response.content
    preview = response.json()["preview"]
    assert preview["counts"]["created"] == 2 and preview["total_rows"] == 2
    job_id = response.json()["job"]["id"]
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == 0  # a dry run writes nothing
    response = client.post(f"/api/v1/imports/{job_id}/run/", **bearer(key_a))
    assert response.status_code == 202 and response.json()["status"] == "running"
    assert queued == [[tenant_a.pk, job_id]]
    run_import.apply(args=queued[0])  # what the worker does with it
    with tenant_context(tenant_a):
        assert ImportJob.objects.get(pk=job_id).status == "done"
        assert Candidate.objects.count() == 2
    csv_response = client.get(f"/api/v1/imports/{job_id}/rejected/", **bearer(key_a))
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    mappings = client.get("/api/v1/column-mappings/", **bearer(key_a)).json()["results"]
    assert mappings[0]["name"] == "default" and mappings[0]["mapping"]["name"] == "full_name"


def test_an_import_with_a_mapping_that_does_not_fit_is_a_field_error(client, tenant_a, key_a):
    upload = io.BytesIO(b"a,b\n1,2\n")
    upload.name = "x.csv"
    response = client.post(
        "/api/v1/imports/", {"file": upload, "mapping": json.dumps({"c": "full_name"})}, **bearer(key_a)
    )
    assert response.status_code == 400 and "mapping" in response.json()["error"]["fields"]


def test_json_resume_export_and_import_endpoints(client, tenant_a, key_a):
    body = {
        "basics": {"name": "Ana Souza", "email": "ana@example.com"},
        "work": [{"name": "Nubank", "position": "SRE"}],
    }
    response = post(client, "/api/v1/candidates/json-resume/", body, key_a)
    assert response.status_code == 201
    exported = client.get(f"/api/v1/candidates/{response.json()['id']}/json-resume/", **bearer(key_a)).json()
    assert exported["basics"]["name"] == "Ana Souza" and exported["work"][0]["position"] == "SRE"


def test_read_only_keys_and_viewers_cannot_change_the_pool(client, tenant_a, key_a, viewer_a):
    from talentpool.tenancy.services import api_key_create

    from ..conftest import logged_in_client

    read_key = api_key_create(tenant_a, name="ro", scopes=["read"]).key
    assert post(client, "/api/v1/candidates/", {"full_name": "X"}, read_key).status_code == 403
    viewer = logged_in_client(viewer_a)
    response = viewer.post(
        "/api/v1/candidates/", data=json.dumps({"full_name": "X"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert viewer.get("/api/v1/candidates/").status_code == 200
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == 0
