"""The connector kinds against local servers shaped like the real services: LinkedIn-style (OAuth2 client
credentials, start/count paging, {year, month} dates), Maimai-style (Chinese fields, page/has_more), a JSON
Resume feed, a watched folder; and sourcing for a role."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from werkzeug import Response

from candidates.models import Candidate, CandidatePhone, Document, candidate_source_valid
from connectors.kinds.linkedin.sample import RECORD as LINKEDIN_RECORD
from connectors.kinds.maimai.sample import RECORD as MAIMAI_RECORD
from connectors.models import SyncRun
from connectors.services import schedule_create, source_create, source_sync, source_test, sourcing_run
from profiles import services as profile_services
from profiles.models import Application
from talentpool.tenancy.context import tenant_context

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jsonresume"


def linkedin_member(number: int, **changes) -> dict:
    record = copy.deepcopy(LINKEDIN_RECORD)
    record.update(
        id=f"li-{number}",
        firstName=f"Grace{number}",
        emailAddress=f"grace{number}@example.com",
        phoneNumbers=[{"number": f"(415) 555-01{number:02d}"}],
    )
    record.update(changes)
    return record


class LinkedInServer:
    """OAuth2 token endpoint, members paged by start/count, and a search."""

    def __init__(self, httpserver, members: list[dict], results: list[dict] | None = None):
        self.members, self.results, self.tokens = members, results or [], 0
        httpserver.expect_request("/oauth/token", method="POST").respond_with_handler(self.token)
        httpserver.expect_request("/v2/people/search").respond_with_handler(self.search)
        httpserver.expect_request("/v2/people").respond_with_handler(self.people)
        self.base = httpserver.url_for("/v2/people")
        self.token_url = httpserver.url_for("/oauth/token")
        self.searches: list[dict] = []

    def token(self, request):
        if request.authorization is None or request.authorization.password != "client-secret":
            return Response(status=401)
        self.tokens += 1
        return Response(
            json.dumps({"access_token": "at-1", "expires_in": 3600}), content_type="application/json"
        )

    def _page(self, request, rows):
        if request.headers.get("Authorization") != "Bearer at-1":
            return Response(status=401)
        start, count = int(request.args.get("start", 0)), int(request.args.get("count", 10))
        body = {
            "elements": rows[start : start + count],
            "paging": {"start": start, "count": count, "total": len(rows)},
        }
        return Response(json.dumps(body), content_type="application/json")

    def people(self, request):
        return self._page(request, self.members)

    def search(self, request):
        self.searches.append(dict(request.args))
        return self._page(request, self.results)


def linkedin_source(tenant, server: LinkedInServer, name: str = "LinkedIn"):
    return source_create(
        tenant,
        kind="linkedin",
        name=name,
        configuration={
            "base_url": server.base,
            "pagination": {
                "type": "offset",
                "param": "start",
                "size_param": "count",
                "size": 2,
                "total_field": "paging.total",
            },
            "auth": {
                "type": "oauth2_client_credentials",
                "token_url": server.token_url,
                "client_id": "tp",
                "client_secret": "client-secret",
            },
        },
    )


def test_linkedin_style_profiles_sync_with_positions_educations_skills_and_us_phones(seeded_a, httpserver):
    server = LinkedInServer(httpserver, [linkedin_member(n) for n in range(1, 4)])
    source = linkedin_source(seeded_a, server)
    assert "3 records" not in source_test(source)  # the first page (2 of 3)
    run = source_sync(seeded_a, source_id=source.pk)
    assert (run.status, run.created, run.pages) == ("succeeded", 3, 2)
    assert server.tokens == 2  # one for the test, one for the sync (cached across its pages)
    with tenant_context(seeded_a):
        grace = Candidate.objects.get(emails__email="grace1@example.com")
        assert grace.source == "linkedin" and grace.full_name == "Grace1 Chen"
        assert (grace.current_title, grace.current_company) == ("Product Lead", "Hooli")
        assert grace.experiences.get().start.isoformat() == "2021-04-01"
        assert grace.educations.get().school == "Stanford University"
        # countryCode "us": a US number, not a Chinese one.
        assert CandidatePhone.objects.get(candidate=grace).phone == "+14155550101"
        assert grace.external_ids.filter(system="linkedin", value="li-1").exists()


def test_maimai_style_profiles_sync_with_chinese_fields(seeded_a, httpserver):
    people = [
        dict(MAIMAI_RECORD, id=f"mm-{n}", 手机=f"1391234567{n}", 邮箱=f"wf{n}@example.cn") for n in range(3)
    ]

    def handler(request):
        if request.headers.get("Authorization") != "Bearer token-1":
            return Response(status=403)
        page, size = int(request.args["page"]), int(request.args["page_size"])
        rows = people[(page - 1) * size : page * size]
        return Response(
            json.dumps({"data": {"list": rows, "has_more": page * size < len(people)}}),
            content_type="application/json",
        )

    httpserver.expect_request("/api/profiles").respond_with_handler(handler)
    source = source_create(
        seeded_a,
        kind="maimai",
        name="脉脉",
        configuration={
            "base_url": httpserver.url_for("/api/profiles"),
            "auth": {"type": "bearer", "value": "token-1"},
            "pagination": {
                "type": "page",
                "param": "page",
                "size_param": "page_size",
                "size": 2,
                "start": 1,
                "more_field": "data.has_more",
            },
        },
    )
    run = source_sync(seeded_a, source_id=source.pk)
    assert (run.status, run.created, run.pages) == ("succeeded", 3, 2)
    with tenant_context(seeded_a):
        wang = Candidate.objects.get(emails__email="wf0@example.cn")
        assert (wang.full_name, wang.current_company, wang.current_title, wang.location) == (
            "王芳",
            "字节跳动",
            "高级算法工程师",
            "北京",
        )
        assert wang.source == "maimai"
        assert CandidatePhone.objects.get(candidate=wang).phone == "+8613912345670"
        assert wang.educations.get().level == "master"
        assert wang.candidate_tags.filter(tag__key="skill.python").exists()


def test_a_json_resume_feed_keeps_each_document_whole(seeded_a, httpserver):
    sample = json.loads((FIXTURES / "sample.resume.json").read_text())
    sample["meta"]["id"] = "richard"
    httpserver.expect_request("/resumes.json").respond_with_json({"resumes": [sample]})
    source = source_create(
        seeded_a,
        kind="json_resume",
        name="Resumes",
        configuration={"base_url": httpserver.url_for("/resumes.json"), "items_field": "resumes"},
    )
    run = source_sync(seeded_a, source_id=source.pk)
    assert (run.status, run.created) == ("succeeded", 1)
    again = source_sync(seeded_a, source_id=source.pk)
    assert (again.unchanged, again.updated) == (1, 0)
    with tenant_context(seeded_a):
        richard = Candidate.objects.get(emails__email="richard.hendriks@mail.com")
        kept = json.loads(Document.objects.get(candidate=richard, kind="json").text)
        assert kept["projects"] == sample["projects"]
        assert CandidatePhone.objects.get(candidate=richard).phone == "+19125554321"


def test_a_watched_folder_imports_spreadsheets_and_json_resumes_once(settings, seeded_a, tmp_path):
    settings.CONNECTOR_FOLDER_ROOT = str(tmp_path)
    drops = tmp_path / "hr"
    drops.mkdir()
    (drops / "people.csv").write_text(
        "姓名,邮箱,公司\n赵六,zhaoliu@example.cn,华为\n钱七,qianqi@example.cn,腾讯\n", encoding="utf-8"
    )
    (drops / "richard.json").write_text((FIXTURES / "sample.resume.json").read_text())
    source = source_create(seeded_a, kind="folder", name="HR drops", configuration={"path": "hr"})
    run = source_sync(seeded_a, source_id=source.pk)
    assert (run.status, run.fetched, run.created) == ("succeeded", 2, 3)
    again = source_sync(seeded_a, source_id=source.pk)
    assert (again.created, again.unchanged) == (0, 2)
    with tenant_context(seeded_a):
        assert Candidate.objects.filter(current_company="华为", full_name="赵六").exists()


def test_a_folder_outside_the_drops_folder_is_refused(settings, seeded_a, tmp_path):
    settings.CONNECTOR_FOLDER_ROOT = str(tmp_path)
    from connectors.transport import ConnectorError

    with pytest.raises(ConnectorError) as refused:
        source_create(seeded_a, kind="folder", name="Escape", configuration={"path": "../../etc"})
    assert refused.value.field == "path"


@pytest.fixture
def role(seeded_a, recruiter_a):
    with tenant_context(seeded_a):
        return profile_services.profile_create(
            title="Product Lead", actor=recruiter_a, requirements=[{"tag": "skill.python", "must_have": True}]
        )


def test_sourcing_brings_new_people_for_a_role_into_its_pipeline_up_to_the_cap(seeded_a, httpserver, role):
    known = linkedin_member(1)
    results = [known, *(linkedin_member(n) for n in range(2, 7))]
    server = LinkedInServer(httpserver, [known], results=results)
    source = linkedin_source(seeded_a, server)
    source_sync(seeded_a, source_id=source.pk)  # li-1 is in the pool already
    schedule = schedule_create(seeded_a, profile=role, source=source, weekday=0, hour=9, cap=3)
    run = sourcing_run(seeded_a, schedule_id=schedule.pk)
    assert (run.kind, run.status, run.created, run.matched) == ("sourcing", "succeeded", 3, 1)
    assert "Product Lead" in server.searches[0]["keywords"] and "Python" in server.searches[0]["keywords"]
    with tenant_context(seeded_a):
        sourced = Candidate.objects.filter(source="sourcing:linkedin")
        assert sourced.count() == 3 and candidate_source_valid("sourcing:linkedin")
        applications = Application.objects.filter(profile=role)
        assert set(applications.values_list("candidate_id", flat=True)) == set(
            sourced.values_list("id", flat=True)
        )
        assert set(applications.values_list("stage", flat=True)) == {"sourced"}
    scores = run.details["candidates"]
    assert len(scores) == 3 and all(0 <= entry["score"] <= 100 for entry in scores)
    again = sourcing_run(seeded_a, schedule_id=schedule.pk)
    assert again.created == 2  # li-5 and li-6: everyone else is known now
    with tenant_context(seeded_a):
        assert SyncRun.objects.filter(schedule=schedule).count() == 2


def test_a_source_that_cannot_search_cannot_be_scheduled(seeded_a, feed_source, role):
    from connectors.transport import ConnectorError

    with pytest.raises(ConnectorError) as refused:
        schedule_create(seeded_a, profile=role, source=feed_source)
    assert refused.value.code == "no_search"
