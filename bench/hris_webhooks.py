"""The HRIS bulk push (profiles.hris, POST /api/v1/hris/…/bulk/) and the webhook dispatcher (webhooks.services).

| figure | value | baseline | ratio |
| --- | --- | --- | --- |
| hris_bulk_nightly_export_rows_per_second | one POST of a nightly export: BENCH_HRIS_ROWS (10,000) stage-change rows for applications the pool has, 5 % of them moved (each a StageEvent, interactions and an ``application.stage_changed`` webhook), the rest unchanged | rows of the same kind sent one request each (BENCH_HRIS_SINGLE, 100) | value/baseline |
| hris_bulk_new_applications_rows_per_second | one POST of BENCH_HRIS_NEW_ROWS (2,000) stage changes that each create an application (StageEvent, two interactions, a webhook) | the same, one request each (BENCH_HRIS_SINGLE) | value/baseline |
| hris_bulk_new_candidates_rows_per_second | one POST of BENCH_HRIS_NEW_ROWS candidate upserts that each create a candidate (external id, email, ``candidate.created``) | the same, one request each | value/baseline |
| webhook_deliveries_per_second | ``dispatch_due`` signing and POSTing BENCH_WEBHOOK_DELIVERIES (2,000) deliveries to a local HTTP receiver (its own process), a commit per outcome | a bare ``requests.post`` loop (a connection each, like the dispatcher) with the same bodies to the same receiver | value/baseline: the share of raw HTTP speed the outbox keeps |

Every request goes through the whole stack (Django's test client: API key, each row validated,
``Idempotency-Key``). The stage-change bulk is set-based (profiles.hris.stage_changes_bulk: lookups read once,
rows written together in a fixed number of statements); so is the candidate bulk
(candidates.services.bulk.candidates_bulk_upsert: new people written together, one suppression-list check).
A warm-up request first keeps the process's one-off imports out of the figures. The issue's target is the bulk
endpoint at 1,000 rows per second or more. The bench uses its own tenant (``bench-hris``, emptied each run) and fresh external ids each
run; it allows loopback receivers for itself (``WEBHOOKS_ALLOW_PRIVATE_NETWORKS``).
"""

from __future__ import annotations

import json
import multiprocessing
import socket
import uuid

from .common import Figure, Stopwatch, emit, env_int, figure, progress, setup_django

SLUG = "bench-hris"


def _serve(port, ready) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Ok(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("content-length") or 0))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Ok)
    ready.set()
    server.serve_forever()


class Receiver:
    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        context = multiprocessing.get_context("spawn")
        ready = context.Event()
        self.process = context.Process(target=_serve, args=(self.port, ready), daemon=True)
        self.process.start()
        if not ready.wait(30):
            raise RuntimeError("the benchmark's webhook receiver did not start")
        self.url = f"http://127.0.0.1:{self.port}/hooks"

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(10)


def _tenant(receiver_url: str):
    from django.conf import settings

    from candidates.models import Candidate
    from profiles.models import Application, Hire, RoleProfile
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import ApiKey, IdempotencyRecord, Tenant
    from talentpool.tenancy.services import api_key_create
    from webhooks.models import Endpoint
    from webhooks.services import endpoint_create

    tenant, _ = Tenant.objects.get_or_create(slug=SLUG, defaults={"name": "Bench HRIS"})
    with tenant_context(tenant):
        Endpoint.objects.all().delete()
        Hire.objects.all().delete()
        Application.objects.all().delete()
        # Earlier runs' people go too: the foreign keys that point at a candidate all have an index led by it
        # (tests/tenancy/test_house.py), so their checks at COMMIT no longer scan the 10M interactions.
        Candidate.objects.all().delete()
        RoleProfile.objects.all().delete()
        IdempotencyRecord.objects.all().delete()
        ApiKey.objects.all().delete()
        settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver is on loopback
        endpoint_create(url=receiver_url, events=["application.stage_changed", "candidate.created"])
    key = api_key_create(tenant, name="bench", scopes=["read", "write"]).key
    return tenant, key


def _people(tenant, count: int, tag: str) -> None:
    """``count`` candidates with the HRIS's external ids, written directly (the bench measures the push)."""
    from candidates.models import Candidate, ExternalId
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant):
        people = Candidate.objects.bulk_create(
            [Candidate(tenant_id=tenant.pk, full_name=f"员工 {n}", source="hris") for n in range(count)],
            batch_size=2_000,
        )
        ExternalId.objects.bulk_create(
            [
                ExternalId(tenant_id=tenant.pk, candidate=person, system="bench", value=f"{tag}-{n}")
                for n, person in enumerate(people)
            ],
            batch_size=2_000,
        )


def _role(tenant, external_id: str):
    from profiles.services import profile_create
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant):
        return profile_create(title=f"Bench role {external_id}", external_id=external_id)


def _stage_rows(tag: str, role_external_id: str, start: int, count: int) -> list[dict]:
    return [
        {
            "application_external_id": f"{tag}-APP-{n}",
            "profile_external_id": role_external_id,
            "candidate_external_id": {"system": "bench", "value": f"{tag}-{n}"},
            "stage": "interviewing",
        }
        for n in range(start, start + count)
    ]


def _candidate_rows(tag: str, start: int, count: int) -> list[dict]:
    return [
        {
            "external_id": {"system": "workday", "value": f"{tag}-C-{n}"},
            "full_name": f"新员工 {n}",
            "emails": [f"{tag.lower()}-{n}@example.test"],
            "current_title": "店员",
        }
        for n in range(start, start + count)
    ]


def _post(client, key: str, path: str, body) -> object:
    response = client.post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    if response.status_code >= 400:
        raise RuntimeError(f"{path}: HTTP {response.status_code} {response.content[:300]!r}")
    return response


def _bulk_and_single(
    client, key, path: str, bulk_rows: list[dict], single_rows: list[dict]
) -> tuple[float, float]:
    with Stopwatch() as bulk:
        response = _post(client, key, path + "bulk/", {"rows": bulk_rows})
    statuses = {row["status"] for row in response.json()["results"]}
    if statuses != {"created"}:
        raise RuntimeError(f"{path}bulk/: unexpected row results {statuses}")
    with Stopwatch() as single:
        for row in single_rows:
            _post(client, key, path, row)
    return len(bulk_rows) / bulk.seconds, len(single_rows) / single.seconds


def _applications(tenant, tag: str, count: int) -> None:
    """``count`` applications the HRIS knows (external ids ``{tag}-APP-n``) at ``interviewing``, written directly."""
    from candidates.models import Candidate
    from profiles.models import Application, RoleProfile
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant):
        role = RoleProfile.objects.get(external_id=f"{tag}-REQ")
        people = list(
            Candidate.objects.filter(external_ids__value__startswith=f"{tag}-")
            .order_by("id")
            .values_list("id", flat=True)[:count]
        )
        Application.objects.bulk_create(
            [
                Application(
                    tenant_id=tenant.pk,
                    profile=role,
                    candidate_id=person,
                    stage="interviewing",
                    source="hris",
                    external_id=f"{tag}-APP-{n}",
                )
                for n, person in enumerate(people)
            ],
            batch_size=2_000,
        )


def _nightly_rows(tag: str, count: int, changed_share: float) -> list[dict]:
    step = max(1, round(1 / changed_share))
    return [
        {"application_external_id": f"{tag}-APP-{n}", "stage": "offer" if n % step == 0 else "interviewing"}
        for n in range(count)
    ]


def hris_bulk(_settings) -> list[Figure]:
    setup_django()
    from django.test import Client

    export = env_int("BENCH_HRIS_ROWS", 10_000)
    fresh, single = env_int("BENCH_HRIS_NEW_ROWS", 2_000), env_int("BENCH_HRIS_SINGLE", 100)
    receiver = Receiver()
    try:
        tenant, key = _tenant(receiver.url)
        client = Client()
        # A nightly export: every application the HRIS has, 5 % of them moved since yesterday.
        night = uuid.uuid4().hex[:6].upper()
        _people(tenant, export, night)
        _role(tenant, f"{night}-REQ")
        _applications(tenant, night, export)
        rows = _nightly_rows(night, export, 0.05)
        # The process's first request imports the URL conf and the views (seconds): not part of any figure.
        _post(client, key, "/api/v1/hris/stage-changes/bulk/", {"rows": ["warm-up"]})
        progress(f"hris bulk: a nightly export of {export:,} applications, 5 % moved, in one request")
        with Stopwatch() as watch:
            response = _post(client, key, "/api/v1/hris/stage-changes/bulk/", {"rows": rows})
        counts = response.json()["counts"]
        if counts != {"unchanged": export - len(rows[::20]), "updated": len(rows[::20])}:
            raise RuntimeError(f"nightly export: unexpected counts {counts}")
        nightly = export / watch.seconds
        with Stopwatch() as one_by_one:  # the same kind of rows (5 % moving back), one request each
            for row in _nightly_rows(night, single, 0.05):
                _post(client, key, "/api/v1/hris/stage-changes/", {**row, "stage": "interviewing"})
        nightly_single = single / one_by_one.seconds

        tag = uuid.uuid4().hex[:6].upper()
        _people(tenant, fresh + single, tag)
        _role(tenant, f"{tag}-REQ")
        progress(f"hris bulk: {fresh:,} new applications in one request, {single} one by one")
        stage_bulk, stage_single = _bulk_and_single(
            client,
            key,
            "/api/v1/hris/stage-changes/",
            _stage_rows(tag, f"{tag}-REQ", 0, fresh),
            _stage_rows(tag, f"{tag}-REQ", fresh, single),
        )
        progress(f"hris bulk: {fresh:,} new candidates in one request, {single} one by one")
        people_bulk, people_single = _bulk_and_single(
            client,
            key,
            "/api/v1/hris/candidates/",
            _candidate_rows(tag, 0, fresh),
            _candidate_rows(tag, fresh, single),
        )
    finally:
        receiver.stop()
    return [
        figure(
            "hris_bulk_nightly_export_rows_per_second",
            nightly,
            "rows/s",
            nightly_single,
            "the same kind of rows one request each",
        ),
        figure(
            "hris_bulk_new_applications_rows_per_second",
            stage_bulk,
            "rows/s",
            stage_single,
            "the same new applications one request each",
        ),
        figure(
            "hris_bulk_new_candidates_rows_per_second",
            people_bulk,
            "rows/s",
            people_single,
            "the same candidate upserts one request each",
        ),
    ]


def webhook_dispatch(_settings) -> list[Figure]:
    setup_django()
    import requests

    from talentpool.tenancy.context import tenant_context
    from webhooks.models import Delivery, DeliveryStatus
    from webhooks.services import body_of, dispatch_due, emit

    count = env_int("BENCH_WEBHOOK_DELIVERIES", 2_000)
    receiver = Receiver()
    try:
        tenant, _key = _tenant(receiver.url)
        with tenant_context(tenant):
            Delivery.objects.all().delete()
            for number in range(count):
                emit("candidate.created", {"candidate": {"id": number, "source": "hris"}})
        progress(f"webhooks: dispatching {count:,} deliveries to a local receiver")
        with Stopwatch() as watch:
            sent = 0
            while True:
                done = dispatch_due(tenant=tenant, limit=500)
                sent += done["succeeded"]
                if done["examined"] < 500:
                    break
        if sent != count:
            raise RuntimeError(f"webhooks: {sent} of {count} delivered")
        with tenant_context(tenant):
            bodies = [body_of(d) for d in Delivery.objects.filter(status=DeliveryStatus.SUCCEEDED)[:count]]
        session = requests.Session()
        with Stopwatch() as bare:
            for body in bodies:
                session.post(
                    receiver.url, data=body, headers={"content-type": "application/json"}, timeout=10
                )
        # The dispatcher opens a connection per delivery (no keep-alive across receivers): so does a fair baseline.
        with Stopwatch() as bare_fresh:
            for body in bodies:
                requests.post(
                    receiver.url, data=body, headers={"content-type": "application/json"}, timeout=10
                )
    finally:
        receiver.stop()
    progress(f"webhooks: keep-alive bare loop {count / bare.seconds:,.0f}/s (not the baseline)")
    return [
        figure(
            "webhook_deliveries_per_second",
            count / watch.seconds,
            "deliveries/s",
            count / bare_fresh.seconds,
            "a bare requests.post loop, a connection per request, same bodies and receiver",
        )
    ]


BENCHMARKS = (hris_bulk, webhook_dispatch)


if __name__ == "__main__":
    for result in (*hris_bulk(None), *webhook_dispatch(None)):
        emit(result)
