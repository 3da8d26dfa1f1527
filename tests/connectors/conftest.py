"""Connector tests talk to real local HTTP servers (pytest-httpserver) that behave like the real services:
they page, throttle with 429 + Retry-After, fail with 500s, hang, and answer with broken JSON."""

from __future__ import annotations

import json
import time

import pytest
from werkzeug import Response

from candidates import services as candidate_services
from connectors.services import source_create


@pytest.fixture(autouse=True)
def _connectors_settings(settings, eager_celery):
    # Tests allow loopback explicitly: the local servers listen on 127.0.0.1.
    settings.CONNECTOR_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    settings.CONNECTOR_BACKOFF_SECONDS = 0.01
    settings.CONNECTOR_TIMEOUT_SECONDS = 2
    settings.CONNECTOR_MAX_ATTEMPTS = 3


@pytest.fixture
def seeded_a(tenant_a):
    candidate_services.taxonomy_seed(tenant_a)
    return tenant_a


def person(number: int, **changes) -> dict:
    """One profile as the generic feed of these tests gives it."""
    record = {
        "id": f"p-{number}",
        "name": f"Person {number}",
        "contact": {"email": f"person{number}@example.com"},
        "country": "CN",
        "city": "Shanghai",
        "job": {"title": "Data Engineer", "company": "Acme"},
        "headline": "Builds data platforms",
        "skills": ["Python"],
        "updated": "2026-11-01T08:00:00Z",
        "history": [{"company": "Acme", "title": "Data Engineer", "from": "2022-03", "to": None}],
    }
    record.update(changes)
    return record


FEED_CONFIGURATION = {
    "auth": {"type": "api_key", "header": "X-Api-Key", "value": "key-123"},
    "pagination": {"type": "cursor", "param": "cursor", "next_field": "next"},
    "items_field": "items",
    "mapping": {
        "external_id": "id",
        "full_name": "name",
        "email": "contact.email",
        "phone": "contact.phone",
        "country": "country",
        "location": "city",
        "title": "job.title",
        "company": "job.company",
        "headline": "headline",
        "skills": "skills",
        "updated_at": "updated",
        "positions": {
            "path": "history",
            "fields": {"company": "company", "title": "title", "start": "from", "end": "to"},
        },
    },
}


class Feed:
    """A cursor-paged profile feed on the local server: ``people`` split in pages of ``size``; ``failures`` maps
    a page number to what that page does instead of answering (a status, "hang", "garbage", "throttle")."""

    def __init__(self, httpserver, people: list[dict], *, size: int = 2, key: str = "key-123"):
        self.httpserver, self.people, self.size, self.key = httpserver, people, size, key
        self.failures: dict[int, str | int] = {}
        self.requests: list[dict] = []
        self.throttled: set[int] = set()
        httpserver.expect_request("/profiles").respond_with_handler(self.handle)

    @property
    def url(self) -> str:
        return self.httpserver.url_for("/profiles")

    def handle(self, request):
        if request.headers.get("X-Api-Key") != self.key:
            return Response(status=401)
        page = int(request.args.get("cursor") or 1)
        self.requests.append({"page": page, "at": time.monotonic()})
        failure = self.failures.get(page)
        if failure == "throttle" and page not in self.throttled:
            self.throttled.add(page)
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        if failure == "hang":
            time.sleep(3)
        if failure == "garbage":
            return Response('{"items": [', status=200, content_type="application/json")
        if isinstance(failure, int):
            return Response("oops", status=failure)
        start = (page - 1) * self.size
        items = self.people[start : start + self.size]
        more = start + self.size < len(self.people)
        body = {"items": items, "next": str(page + 1) if more else None}
        return Response(json.dumps(body), content_type="application/json")


@pytest.fixture
def feed(httpserver):
    return Feed(httpserver, [person(n) for n in range(1, 6)])


@pytest.fixture
def feed_source(seeded_a, feed):
    return source_create(
        seeded_a,
        kind="rest_feed",
        name="Local feed",
        configuration={**json.loads(json.dumps(FEED_CONFIGURATION)), "base_url": feed.url},
    )
