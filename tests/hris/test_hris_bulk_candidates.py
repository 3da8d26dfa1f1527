"""The set-based bulk of candidate upserts (``hris.candidates_bulk`` behind POST /api/v1/hris/candidates/bulk/,
``candidates.services.bulk.candidates_bulk_upsert``) writes what the row-by-row path writes: the same per-row
results, candidates, emails, phones, external ids, profile changes and webhooks, for a batch that mixes new,
updated, unchanged and invalid rows, the same email twice, people on the suppression list and another tenant's
external id. Its number of queries does not grow with the rows, and a batch the database refuses (another
request wrote one of its external ids meanwhile) falls back to one row at a time."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidate, CandidateEmail, CandidatePhone, ExternalId, ProfileChange
from candidates.services import CandidateInput, candidate_create, candidate_set_fields
from candidates.services import bulk as candidates_bulk
from engagement.models import Suppression
from privacy.selectors import identifier_hash
from profiles import hris
from profiles.api import hris as hris_api
from talentpool.tenancy.context import tenant_context
from webhooks.models import Delivery
from webhooks.services import endpoint_create

from ..conftest import bearer
from ..factories import make_tenant

pytestmark = pytest.mark.django_db

URL = "/api/v1/hris/candidates/bulk/"
ERASED_EMAIL = "gone@example.com"
ERASED_PHONE = "+8613900139000"


def send(client, body, key, **headers):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **bearer(key), **headers)


def pool(tenant, settings) -> None:
    """The same pool in any tenant: two people the HRIS knows, an endpoint for the candidate events, and an
    erased person's email and phone on the suppression list."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    for ref, title in (("E-1", "Clerk"), ("E-2", "")):
        candidate_create(
            tenant,
            data=CandidateInput(
                full_name=f"Person {ref}",
                emails=(f"{ref.lower()}@example.com",),
                external_ids=(("workday", ref),),
                fields={"current_title": title} if title else None,
            ),
            source="hris",
        )
    with tenant_context(tenant):
        # A recruiter set E-1's location by hand (the HRIS leaves it alone); E-2 waits for a contact.
        candidate_set_fields(
            Candidate.objects.get(full_name="Person E-1"), {"location": "上海"}, source="manual"
        )
        Candidate.objects.filter(full_name="Person E-2").update(needs_contact=True)
        endpoint_create(url="http://127.0.0.1:9/hooks", events=["candidate.created", "candidate.updated"])
        for channel, address in (("email", ERASED_EMAIL), ("sms", ERASED_PHONE)):
            Suppression.objects.create(
                channel=channel, address=identifier_hash(channel, address), reason="erased"
            )
        Delivery.objects.all().delete()


def mixed_rows() -> list:
    def person(ref: str, **more) -> dict:
        return {"external_id": {"system": "workday", "value": ref}, **more}

    return [
        person(  # new: contacts normalised, fields logged
            "N-1",
            full_name="  New  One ",
            emails=["New.One@Example.COM"],
            phones=["138 0013 8001"],
            current_title="店员",
            years_experience="3.5",
            location="",
        ),
        person("E-1", full_name="Person E-1", current_title="Senior clerk", location="北京"),  # updated
        person("E-2", full_name="Person E-2", emails=["E-2@example.com"]),  # unchanged
        {"external_id": {"system": "workday"}, "full_name": "No id"},  # invalid
        person("N-2", full_name="Dup One", emails=["dup@example.com"]),  # new
        person("N-3", full_name="Dup Two", emails=["DUP@example.com"]),  # the same email: linked to N-2
        person("N-4", full_name="Erased", emails=[ERASED_EMAIL]),  # on the suppression list
        person("FOREIGN-1", full_name="Foreign"),  # another tenant holds this id: new here
        person("N-5", emails=["e-1@example.com"], phones=["+86 138 0013 8005"]),  # linked to E-1 by email
        person("N-6", full_name="Erased by phone", phones=["139 0013 9000"]),  # on the suppression list
        person("N-7", phones=["12"]),  # no name and no valid contact
        person("N-1", full_name="New One", emails=["new.one@example.com"]),  # the first row again: unchanged
        person(
            "N-8", emails=["a8@example.com", "A8@example.com"], highest_education="master"
        ),  # name from email
        person("WORKDAY-9", full_name="Nine", phones=["+1 202 555 0143", "12"]),  # foreign phone, a bad one
        person("N-3", full_name="Dup Two", current_title="Lead"),  # linked to N-2's candidate above: updated
        "not an object",
        person("N-9", full_name="Nine", current_company="Acme", years_experience="0"),
        person(  # updated: a field, a second email, a first phone (primary; the contact flag clears)
            "E-2",
            full_name="Person E-2",
            emails=["e-2@example.com", "e2b@example.com"],
            phones=["13800138002", "+86 138 0013 8002"],
            current_company="Acme",
            years_experience="4",
        ),
    ]


def row_by_row(tenant, rows: list) -> list[dict]:
    """The reference: every row through ``candidate_upsert`` in its own savepoint (the single form's path)."""
    with tenant_context(tenant):
        validate = hris_api._validator(hris_api.HrisCandidateSerializer)

        def handle(data):
            external = data["external_id"]
            return hris.candidate_upsert(
                tenant,
                external_id=(external["system"], external["value"]),
                full_name=data.get("full_name", ""),
                emails=data.get("emails", []),
                phones=data.get("phones", []),
                fields={key: data[key] for key in hris.CANDIDATE_FIELDS if key in data},
            )

        results, _counts = hris.bulk_apply(rows, handle, validate=validate)
    return [answer(r) for r in results]


def answer(result) -> dict:
    row = {"index": result.index, "status": result.status}
    return row | ({"error": result.error} if result.error else {})


def written(tenant) -> dict:
    """What the tenant's pool holds, in terms that do not depend on ids or times."""
    with tenant_context(tenant):
        names = dict(Candidate.objects.values_list("pk", "full_name"))

        def plain(data):
            data = json.loads(json.dumps(data, default=str))
            if isinstance(data.get("candidate"), dict):
                data["candidate"] = {**data["candidate"], "id": names.get(data["candidate"]["id"])}
            return data

        return {
            "candidates": sorted(
                Candidate.objects.values_list(
                    "full_name",
                    "source",
                    "status",
                    "location",
                    "current_title",
                    "current_company",
                    "years_experience",
                    "highest_education",
                    "consent_status",
                    "needs_contact",
                    "activity_anchor",
                    "merged_into_id",
                    "tag_ids",
                )
            ),
            "emails": sorted(
                (names[e.candidate_id], e.email, e.is_primary) for e in CandidateEmail.objects.all()
            ),
            "phones": sorted(
                (names[p.candidate_id], p.phone, p.is_primary) for p in CandidatePhone.objects.all()
            ),
            "external_ids": sorted(
                (names[x.candidate_id], x.system, x.value) for x in ExternalId.objects.all()
            ),
            "changes": [
                (names[c.candidate_id], c.field, c.old_value, c.new_value, c.source, c.actor_id)
                for c in ProfileChange.objects.order_by("id")
            ],
            "webhooks": [(d.event_type, plain(d.payload["data"])) for d in Delivery.objects.order_by("id")],
        }


def test_a_mixed_bulk_writes_what_the_row_by_row_path_writes(client, key_a, tenant_a, tenant_b, settings):
    foreign = make_tenant("Gamma", slug="gamma")
    candidate_create(
        foreign,
        data=CandidateInput(full_name="Theirs", external_ids=(("workday", "FOREIGN-1"),)),
        source="hris",
    )
    pool(tenant_a, settings)
    pool(tenant_b, settings)
    rows = mixed_rows()

    response = send(client, {"rows": rows}, key_a)
    assert response.status_code == 200, response.content
    reference = row_by_row(tenant_b, rows)

    bulk = [{k: v for k, v in r.items() if k != "id"} for r in response.json()["results"]]
    assert bulk == reference
    assert [r["status"] for r in bulk] == [
        "created",
        "updated",
        "unchanged",
        "error",
        "created",
        "updated",
        "error",
        "created",
        "updated",
        "error",
        "error",
        "unchanged",
        "created",
        "created",
        "updated",
        "error",
        "created",
        "updated",
    ]
    assert bulk[6]["error"]["code"] == bulk[9]["error"]["code"] == "erased"
    assert bulk[10]["error"]["fields"] == {"full_name": ["A candidate needs a name, an email or a phone."]}
    state = written(tenant_a)
    other = written(tenant_b)
    for part in state:
        assert state[part] == other[part], (part, state[part], other[part])
    assert ("New One", "new.one@example.com", True) in state["emails"]
    assert ("New One", "+8613800138001", True) in state["phones"]
    assert ("Dup Two", "dup@example.com", True) in state["emails"]
    assert not [e for e in state["emails"] if e[1] == ERASED_EMAIL]
    assert not [p for p in state["phones"] if p[1] == ERASED_PHONE]
    assert ("a8", "a8@example.com", True) in state["emails"]
    assert ("Dup Two", "workday", "N-2") in state["external_ids"]
    assert ("Dup Two", "workday", "N-3") in state["external_ids"]
    assert ("Nine", "workday", "WORKDAY-9") in state["external_ids"]
    assert ("Person E-2", "+8613800138002", True) in state["phones"]
    assert ("Person E-2", "e2b@example.com", False) in state["emails"]
    assert [c[3:5] for c in state["candidates"] if c[0] == "Person E-1"] == [("上海", "Senior clerk")]
    assert [c[9] for c in state["candidates"] if c[0] == "Person E-2"] == [False]
    kinds = [event for event, _data in state["webhooks"]]
    assert kinds.count("candidate.created") == 6
    with tenant_context(tenant_a):
        ids = dict(ExternalId.objects.values_list("value", "candidate_id"))
        assert Candidate.objects.filter(full_name="Theirs").count() == 0
    results = response.json()["results"]
    assert results[0]["id"] == results[11]["id"] == ids["N-1"]
    assert results[4]["id"] == results[5]["id"] == ids["N-2"] == ids["N-3"]
    assert results[8]["id"] == ids["E-1"]


def test_a_repeat_is_unchanged_and_writes_nothing(client, key_a, tenant_a, settings):
    pool(tenant_a, settings)
    # Without the rows that rename a person back and forth (an update keeps the name as sent: "New  One").
    rows = [row for index, row in enumerate(mixed_rows()) if index not in (0, 4, 5, 11)]
    send(client, {"rows": rows}, key_a)
    with tenant_context(tenant_a):
        before = (ProfileChange.objects.count(), Delivery.objects.count(), Candidate.objects.count())
    again = send(client, {"rows": rows}, key_a).json()
    assert again["counts"] == {"unchanged": 9, "error": 5}, again["results"]
    with tenant_context(tenant_a):
        assert (ProfileChange.objects.count(), Delivery.objects.count(), Candidate.objects.count()) == before


def _new_rows(prefix: str, count: int) -> list[dict]:
    return [
        {
            "external_id": {"system": "workday", "value": f"{prefix}-{n}"},
            "full_name": f"{prefix} {n}",
            "emails": [f"{prefix.lower()}-{n}@example.test"],
            "phones": [f"1380013{n:04d}"],
            "current_title": "店员",
        }
        for n in range(count)
    ]


def test_the_number_of_queries_of_a_bulk_does_not_grow_with_its_rows(client, key_a, tenant_a, settings):
    pool(tenant_a, settings)
    counts = {}
    for prefix, size in (("W", 3), ("S", 6), ("L", 90)):  # W warms the caches (scoring params, key)
        with CaptureQueriesContext(connection) as queries:
            response = send(client, {"rows": _new_rows(prefix, size)}, key_a)
        assert response.status_code == 200, response.content
        assert response.json()["counts"] == {"created": size}
        counts[prefix] = len(queries)
    assert counts["S"] == counts["L"], counts
    repeats = {}
    for prefix, size in (("S", 6), ("L", 90)):  # a resend: every row unchanged, nothing written
        with CaptureQueriesContext(connection) as queries:
            response = send(client, {"rows": _new_rows(prefix, size)}, key_a)
        assert response.json()["counts"] == {"unchanged": size}
        repeats[prefix] = len(queries)
    assert repeats["S"] == repeats["L"], repeats
    updates = {}
    for prefix, size in (("S", 6), ("L", 90)):  # every row updated: a field and a second phone
        rows = [
            {**row, "current_title": "店长", "phones": [*row["phones"], "13900000001"]}
            for row in _new_rows(prefix, size)
        ]
        with CaptureQueriesContext(connection) as queries:
            response = send(client, {"rows": rows}, key_a)
        assert response.json()["counts"] == {"updated": size}
        updates[prefix] = len(queries)
    assert updates["S"] == updates["L"], updates
    with tenant_context(tenant_a):
        assert CandidateEmail.objects.filter(email__startswith="l-").count() == 90
        assert CandidatePhone.objects.filter(candidate__full_name__startswith="L ").count() == 180
        assert Delivery.objects.filter(event_type="candidate.created").count() == 99
        assert Delivery.objects.filter(event_type="candidate.updated").count() == 96
        assert Candidate.objects.filter(current_title="店长").count() == 96
        assert CandidatePhone.objects.filter(phone="+8613900000001", is_primary=False).count() == 96


def test_erased_people_are_not_added_back_by_a_bulk(client, key_a, tenant_a, settings):
    """Fails if the set-based path skips the suppression list: the erased email and phone sit among new rows."""
    pool(tenant_a, settings)
    rows = _new_rows("P", 40)
    rows[17]["emails"] = [ERASED_EMAIL.upper()]
    rows[23]["phones"] = ["+86 139-0013-9000"]
    results = send(client, {"rows": rows}, key_a).json()["results"]
    assert [r["index"] for r in results if r["status"] == "error"] == [17, 23]
    assert {r["error"]["code"] for r in results if r["status"] == "error"} == {"erased"}
    assert results[17]["error"]["fields"] == {
        "emails": ["This person asked for their data to be erased and cannot be added again."]
    }
    with tenant_context(tenant_a):
        assert not Candidate.objects.filter(full_name__in=["P 17", "P 23"]).exists()
        assert not CandidateEmail.objects.filter(email=ERASED_EMAIL).exists()
        assert not CandidatePhone.objects.filter(phone=ERASED_PHONE).exists()
        assert Candidate.objects.filter(full_name__startswith="P ").count() == 38


def test_a_batch_the_database_refuses_is_taken_one_row_at_a_time(
    client, key_a, tenant_a, settings, monkeypatch
):
    """Another request links N-2's external id after the bulk read its lookups: the batch INSERT collides, is
    rolled back, and its rows go one at a time, so N-2 updates the person who now holds the id."""
    pool(tenant_a, settings)
    read = candidates_bulk._Planner.__init__

    def read_then_someone_writes(self, *args, **kwargs):
        read(self, *args, **kwargs)
        person = Candidate.objects.get(full_name="Person E-2")
        ExternalId.objects.create(candidate=person, system="workday", value="N-2")

    monkeypatch.setattr(candidates_bulk._Planner, "__init__", read_then_someone_writes)
    rows = [
        {"external_id": {"system": "workday", "value": "N-1"}, "full_name": "One"},
        {"external_id": {"system": "workday", "value": "N-2"}, "full_name": "Two"},
        {"external_id": {"system": "workday", "value": "N-3"}, "full_name": "Three"},
    ]
    results = send(client, {"rows": rows}, key_a).json()["results"]
    assert [r["status"] for r in results] == ["created", "updated", "created"]
    with tenant_context(tenant_a):
        holder = ExternalId.objects.get(value="N-2").candidate
        assert results[1]["id"] == holder.pk and holder.full_name == "Two"
        assert ExternalId.objects.filter(value__in=["N-1", "N-3"]).count() == 2
        assert Delivery.objects.filter(event_type="candidate.created").count() == 2
        assert Delivery.objects.filter(event_type="candidate.updated").count() == 1


def test_values_longer_than_their_columns_are_row_errors_not_server_errors(client, key_a, tenant_a, settings):
    pool(tenant_a, settings)
    rows = [
        {"external_id": {"system": "workday", "value": "L-1"}, "full_name": "Long", "location": "x" * 121},
        {"external_id": {"system": "s" * 41, "value": "L-2"}, "full_name": "Long system"},
        {"external_id": {"system": "s" * 40, "value": "L-3"}, "full_name": "Fits", "location": "x" * 120},
    ]
    response = send(client, {"rows": rows}, key_a)
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["error", "error", "created"]
    assert list(results[0]["error"]["fields"]) == ["location"]
    assert list(results[1]["error"]["fields"]) == ["external_id.system"]
    single = client.post(
        "/api/v1/hris/candidates/",
        data=json.dumps(rows[1]),
        content_type="application/json",
        **bearer(key_a),
    )
    assert single.status_code == 400 and "external_id.system" in single.json()["error"]["fields"]
