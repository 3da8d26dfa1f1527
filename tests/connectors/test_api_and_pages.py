"""The sources API (the contract's rest_feed configuration), the Sources pages in both languages, who may do
what, and the candidate source vocabulary."""

from __future__ import annotations

import json

import pytest

from candidates import services as candidate_services
from candidates.models import Candidate, CandidateSource, candidate_source_valid
from connectors.models import Source, SyncRun
from connectors.services import source_sync
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer
from .conftest import FEED_CONFIGURATION


def contract_configuration(url: str) -> dict:
    return {
        "base_url": url,
        "auth": {"type": "api_key", "header": "X-Api-Key", "value": "key-123"},
        "pagination": {"type": "cursor", "param": "cursor", "next_field": "next"},
        "items_field": "items",
        "mapping": FEED_CONFIGURATION["mapping"],
    }


def test_a_rest_feed_is_connected_through_the_api_and_synced_with_its_key(client, seeded_a, key_a, feed):
    response = client.post(
        "/api/v1/sources/",
        data=json.dumps(
            {"kind": "rest_feed", "name": "HR feed", "configuration": contract_configuration(feed.url)}
        ),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["configuration"]["auth"] == {"type": "api_key", "header": "X-Api-Key", "value": "********"}
    assert "key-123" not in response.content.decode()
    run = source_sync(seeded_a, source_id=body["id"])
    assert run.created == 5
    runs = client.get(f"/api/v1/sources/{body['id']}/runs/", **bearer(key_a)).json()
    assert runs["results"][0]["created"] == 5
    detail = client.get(f"/api/v1/sync-runs/{run.pk}/", **bearer(key_a)).json()
    assert detail["fetched"] == 5 and detail["status"] == "succeeded"


def test_a_private_address_is_refused_with_the_field(admin_client_a, settings):
    settings.CONNECTOR_ALLOWED_NETWORKS = []
    response = admin_client_a.post(
        "/api/v1/sources/",
        data=json.dumps(
            {
                "kind": "rest_feed",
                "name": "Inside",
                "configuration": contract_configuration("http://10.0.0.5/feed"),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "base_url" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "configuration, field",
    [
        ({"mapping": {"full_name": "name"}}, "mapping"),
        ({"mapping": {"external_id": "id"}, "pagination": {"type": "cursor"}}, "pagination"),
        ({"mapping": {"external_id": "id", "salary": "pay"}}, "mapping"),
        ({"mapping": {"external_id": "id"}, "auth": {"type": "magic"}}, "auth"),
        ({"mapping": {"external_id": "id"}, "base_url": "ftp://127.0.0.1/x"}, "base_url"),
    ],
)
def test_a_configuration_that_does_not_fit_is_400_naming_the_field(
    admin_client_a, feed, configuration, field
):
    response = admin_client_a.post(
        "/api/v1/sources/",
        data=json.dumps(
            {"kind": "rest_feed", "name": "Bad", "configuration": {"base_url": feed.url, **configuration}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_recruiters_read_sources_but_only_admins_change_them(recruiter_client, admin_client_a, feed_source):
    assert recruiter_client.get("/api/v1/sources/").status_code == 200
    assert recruiter_client.post(f"/api/v1/sources/{feed_source.pk}/sync/").status_code == 403
    assert recruiter_client.post("/sources/new/?kind=rest_feed").status_code == 403
    response = admin_client_a.patch(
        f"/api/v1/sources/{feed_source.pk}/",
        data=json.dumps({"paused": True}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "paused"


def test_sync_now_from_the_api_is_queued_after_commit(
    admin_client_a, seeded_a, feed_source, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client_a.post(f"/api/v1/sources/{feed_source.pk}/sync/")
    assert response.status_code == 202 and len(callbacks) == 1
    with tenant_context(seeded_a):  # eager in tests: the queued task ran
        assert SyncRun.objects.get(source=feed_source).created == 5


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_sources_pages_render_in_both_languages(admin_client_a, seeded_a, feed_source, language):
    admin_client_a.cookies["django_language"] = language
    run = source_sync(seeded_a, source_id=feed_source.pk)
    for url in (
        "/sources/",
        f"/sources/{feed_source.pk}/",
        f"/sources/{feed_source.pk}/runs/{run.pk}/",
        "/sources/new/?kind=rest_feed",
        "/sources/new/?kind=folder",
        f"/sources/{feed_source.pk}/edit/",
    ):
        response = admin_client_a.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert ("来源" in html) == (language == "zh-hans"), url
        assert "key-123" not in html


def test_connecting_and_testing_a_source_from_the_dashboard(admin_client_a, seeded_a, feed):
    response = admin_client_a.post(
        "/sources/new/",
        {
            "kind": "rest_feed",
            "name": "Form feed",
            "schedule": "daily",
            "base_url": feed.url,
            "auth_type": "api_key",
            "auth_header": "X-Api-Key",
            "auth_value": "key-123",
            "advanced": json.dumps({k: v for k, v in FEED_CONFIGURATION.items() if k != "auth"}),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(seeded_a):
        source = Source.objects.get(name="Form feed")
    tested = admin_client_a.post(f"/sources/{source.pk}/test/", follow=True)
    assert "Connected" in tested.content.decode()
    # Saving the form again without the key keeps the stored one.
    admin_client_a.post(
        f"/sources/{source.pk}/edit/",
        {
            "kind": "rest_feed",
            "name": "Form feed",
            "schedule": "weekly",
            "base_url": feed.url,
            "auth_type": "api_key",
            "auth_header": "X-Api-Key",
            "auth_value": "",
            "advanced": json.dumps({k: v for k, v in FEED_CONFIGURATION.items() if k != "auth"}),
        },
    )
    assert source_sync(seeded_a, source_id=source.pk).created == 5


def test_a_form_with_broken_json_shows_the_error_next_to_it(admin_client_a, feed):
    response = admin_client_a.post(
        "/sources/new/",
        {
            "kind": "rest_feed",
            "name": "X",
            "schedule": "daily",
            "base_url": feed.url,
            "auth_type": "none",
            "advanced": "{nope",
        },
    )
    assert response.status_code == 200
    assert "not valid JSON" in response.content.decode()


def test_hiring_managers_do_not_see_sources(manager_client, feed_source):
    assert manager_client.get("/sources/").status_code == 403
    assert manager_client.get(f"/sources/{feed_source.pk}/").status_code == 403


def test_the_sidebar_points_at_the_sources_page(admin_client_a):
    html = admin_client_a.get("/").content.decode()
    assert 'href="/sources/"' in html


# --- the candidate source vocabulary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, valid",
    [
        *[(value, True) for value in CandidateSource.values],
        ("sourcing:linkedin", True),
        ("sourcing:rest_feed", True),
        ("sourcing:", False),
        ("sourcing:LinkedIn", False),
        ("json_resume", False),
        ("", False),
        (None, False),
        ("bulk_import", False),
    ],
)
def test_the_source_vocabulary(value, valid):
    assert candidate_source_valid(value) is valid


def test_an_unknown_source_is_refused_by_the_service_and_the_api(client, tenant_a, key_a):
    with pytest.raises(candidate_services.CandidateError) as refused:
        candidate_services.candidate_create(
            tenant_a,
            data=candidate_services.CandidateInput(full_name="X", fields={"source": "carrier pigeon"}),
            source="manual",
        )
    assert refused.value.field == "source"
    response = client.post(
        "/api/v1/candidates/",
        data=json.dumps({"full_name": "Y", "source": "pigeon"}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 400 and "source" in response.json()["error"]["fields"]
    ok = client.post(
        "/api/v1/candidates/",
        data=json.dumps({"full_name": "Z", "source": "referral"}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert ok.status_code == 201 and ok.json()["source"] == "referral"


def test_a_spreadsheets_source_words_are_read_into_the_vocabulary(tenant_a):
    data = (
        "姓名,邮箱,来源\n甲,a@example.cn,脉脉\n乙,b@example.cn,猎聘网\n丙,c@example.cn,朋友的朋友\n".encode()
    )
    job = candidate_services.import_create(tenant_a, data=data, filename="people.csv")
    candidate_services.import_run(tenant_a, job_id=job.pk)
    with tenant_context(tenant_a):
        sources = dict(Candidate.objects.values_list("full_name", "source"))
    assert sources == {"甲": "maimai", "乙": "job_board", "丙": "import"}


def test_the_bench_generator_uses_the_same_vocabulary():
    from bench.vocabulary import SOURCES

    assert all(candidate_source_valid(source) for source, _weight in SOURCES)
