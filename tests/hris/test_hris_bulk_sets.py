"""The set-based bulk of stage changes (``hris.stage_changes_bulk`` behind POST /api/v1/hris/stage-changes/bulk/)
writes what the row-by-row path writes: the same per-row results, StageEvents, interactions, activity and
webhooks, for a batch that mixes new, moved, unchanged, invalid and hired rows, rows about the same application,
and another tenant's ids. Its number of queries does not grow with the rows, and a write that fails at the
database (another request moved an application meanwhile) falls back to one row at a time."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates.models import Candidate, ExternalId
from candidates.services import CandidateInput, candidate_create
from engagement.models import EngagementSettings, Interaction
from engagement.scoring import forget_params
from profiles import hris
from profiles import services as profile_services
from profiles.api import hris as hris_api
from profiles.api import serializers as profile_serializers
from profiles.models import Application, Hire, RoleProfile, StageEvent
from talentpool.tenancy.context import tenant_context
from webhooks.models import Delivery
from webhooks.services import endpoint_create

from ..conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/hris/stage-changes/bulk/"
EVENTS = ["application.stage_changed", "candidate.tier_changed", "hire.created", "candidate.updated"]


def send(client, body, key, **headers):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **bearer(key), **headers)


def pool(tenant, settings) -> dict:
    """The same pool in any tenant: two roles, three people, two applications the HRIS knows, an endpoint for
    every event, and a weight on stage changes so that every move moves the activity score."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant):
        EngagementSettings.objects.update_or_create(defaults={"weights": {"applied": 70, "stage_changed": 5}})
        forget_params(tenant.pk)
        endpoint_create(url="http://127.0.0.1:9/hooks", events=EVENTS)
        roles = {
            ref: profile_services.profile_create(title=f"Role {ref}", external_id=ref)
            for ref in ("REQ-7", "REQ-8")
        }
    people = {
        ref: candidate_create(
            tenant,
            data=CandidateInput(
                full_name=f"Person {ref}",
                emails=(f"{ref.lower()}@example.com",),
                external_ids=(("workday", ref),),
            ),
            source="manual",
        )
        for ref in ("E-1", "E-2", "E-3")
    }
    with tenant_context(tenant):
        profile_services.application_create(
            profile=roles["REQ-7"],
            candidate=people["E-2"],
            source="hris",
            stage="contacted",
            external_id="APP-0",
        )
        profile_services.application_create(
            profile=roles["REQ-8"], candidate=people["E-3"], source="hris", stage="offer", external_id="APP-H"
        )
        Delivery.objects.all().delete()
    return {"roles": roles, "people": people}


def mixed_rows(other: dict) -> list:
    """Rows of every kind; ``other`` holds another tenant's role and candidate ids."""
    past = (timezone.now() - timedelta(days=2)).isoformat()
    future = (timezone.now() + timedelta(hours=2)).isoformat()
    return [
        {  # new application, by the role's and the person's external ids
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "stage": "interviewing",
        },
        {"application_external_id": "APP-0", "stage": "interviewing", "note": "first round"},  # moved
        {"application_external_id": "APP-0", "stage": "interviewing"},  # unchanged (after the row above)
        {"application_external_id": "APP-0", "stage": "teleported"},  # invalid
        {"application_external_id": "APP-1", "stage": "offer", "occurred_at": past},  # the new one, moved
        {
            "profile": other["role"],
            "candidate_email": "e-1@example.com",
            "stage": "sourced",
        },  # another tenant's
        {
            "profile_external_id": "REQ-7",
            "candidate": other["candidate"],
            "stage": "sourced",
        },  # another tenant's
        {"application_external_id": "APP-H", "stage": "hired"},  # a hire: one at a time, in its place
        {"profile_external_id": "REQ-8", "candidate_email": "E-1@example.com", "stage": "sourced"},  # no id
        {  # the role and person of APP-0 under another id: APP-0 moves
            "application_external_id": "APP-X",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "WORKDAY", "value": "E-2"},
            "stage": "offer",
        },
        {"application_external_id": "APP-9", "profile_external_id": "REQ-NOPE", "stage": "sourced"},
        "not an object",
        {"application_external_id": "APP-1", "stage": "interviewing", "occurred_at": future},  # refused
        {"application_external_id": "APP-1", "stage": "interviewing"},  # moved back
        {"application_external_id": "APP-H", "stage": "probation_passed"},  # one at a time again
        {"profile_external_id": "REQ-8", "candidate_email": "nobody@example.com", "stage": "sourced"},
        {"application_external_id": "APP-0", "stage": "replied", "occurred_at": "1999-12-31T08:00:00Z"},
    ]


def row_by_row(tenant, rows: list) -> list[dict]:
    """The reference: every row through ``stage_change`` in its own savepoint (the path of the single form)."""
    with tenant_context(tenant):
        validate = hris_api._validator(profile_serializers.HrisStageChangeSerializer)
        lookups = hris.Lookups([row for row in rows if isinstance(row, dict)])
        results, _counts = hris.bulk_apply(
            rows,
            lambda data: hris.stage_change(data, lookups=lookups),
            validate=validate,
            unchanged=lambda data: hris.stage_unchanged(data, lookups),
        )
    return [{"index": r.index, "status": r.status} | ({"error": r.error} if r.error else {}) for r in results]


def written(tenant) -> dict:
    """What the tenant's pipeline holds, in terms that do not depend on ids."""
    with tenant_context(tenant):
        roles = dict(RoleProfile.objects.values_list("pk", "external_id"))
        names = dict(Candidate.objects.values_list("pk", "full_name"))
        applications = {
            a.pk: (roles[a.profile_id], names[a.candidate_id], a.external_id)
            for a in Application.objects.all()
        }

        def plain(data):
            data = json.loads(json.dumps(data, default=str))
            if "application" in data and isinstance(data["application"], dict):
                data["application"] = applications.get(data["application"].get("id"))
            if isinstance(data.get("candidate"), dict):
                data["candidate"] = names.get(data["candidate"]["id"])
            if isinstance(data.get("interaction"), dict):
                data["interaction"] = data["interaction"]["kind"]
            if isinstance(data.get("hire"), dict):
                data["hire"] = (names.get(data["hire"]["candidate"]), data["hire"]["source"])
            data.pop("occurred_at", None)
            return data

        return {
            "applications": sorted(
                (*applications[a.pk], a.stage, a.source) for a in Application.objects.all()
            ),
            "events": [
                (
                    applications[e.application_id],
                    e.from_stage,
                    e.to_stage,
                    e.source,
                    e.note,
                    names[e.candidate_id],
                )
                for e in StageEvent.objects.order_by("id")
            ],
            "interactions": [
                (
                    names[i.candidate_id],
                    i.kind,
                    i.channel,
                    {k: roles.get(v, v) if k == "profile" else v for k, v in i.metadata.items()},
                )
                for i in Interaction.objects.order_by("id")
            ],
            "activity": sorted(
                (c.full_name, round(c.activity_score, 3), c.status, c.last_contacted_at is not None)
                for c in Candidate.objects.all()
            ),
            "hires": sorted(
                (names[h.candidate_id], h.probation_outcome, h.voided_at is None) for h in Hire.objects.all()
            ),
            "webhooks": [(d.event_type, plain(d.payload["data"])) for d in Delivery.objects.order_by("id")],
        }


def test_a_mixed_bulk_writes_what_the_row_by_row_path_writes(client, key_a, tenant_a, tenant_b, settings):
    a, b = pool(tenant_a, settings), pool(tenant_b, settings)
    rows_a = mixed_rows({"role": b["roles"]["REQ-7"].pk, "candidate": b["people"]["E-1"].pk})
    rows_b = mixed_rows({"role": a["roles"]["REQ-7"].pk, "candidate": a["people"]["E-1"].pk})

    response = send(client, {"rows": rows_a}, key_a)
    assert response.status_code == 200, response.content
    reference = row_by_row(tenant_b, rows_b)

    bulk = [{k: v for k, v in r.items() if k != "id"} for r in response.json()["results"]]
    assert bulk == reference
    assert [r["status"] for r in bulk] == [
        "created",
        "updated",
        "unchanged",
        "error",
        "updated",
        "error",
        "error",
        "updated",
        "created",
        "updated",
        "error",
        "error",
        "error",
        "updated",
        "updated",
        "error",
        "error",
    ]
    assert bulk[16]["error"]["fields"] == {"occurred_at": ["occurred_at is before 2000."]}
    assert bulk[5]["error"]["fields"] == {"profile": ["Unknown role profile."]}
    assert bulk[6]["error"]["fields"] == {"candidate": ["Unknown candidate."]}
    assert bulk[12]["error"]["fields"] == {"occurred_at": ["A stage change cannot be in the future."]}
    assert written(tenant_a) == written(tenant_b)
    state = written(tenant_a)
    assert ("REQ-7", "Person E-1", "APP-1", "interviewing", "hris") in state["applications"]
    assert ("REQ-8", "Person E-3", "APP-H", "probation_passed", "hris") in state["applications"]
    assert ("Person E-3", "passed", True) in state["hires"]
    kinds = [event for event, _data in state["webhooks"]]
    assert kinds.count("application.stage_changed") == 8 and "candidate.tier_changed" in kinds
    with tenant_context(tenant_a):
        ids = dict(Application.objects.values_list("external_id", "pk"))
    assert response.json()["results"][0]["id"] == ids["APP-1"]
    assert response.json()["results"][9]["id"] == ids["APP-0"]


def test_a_repeat_with_the_same_idempotency_key_returns_the_first_answer_and_writes_nothing(
    client, key_a, tenant_a, settings
):
    pool(tenant_a, settings)
    rows = [
        {"application_external_id": "APP-0", "stage": "interviewing"},
        {
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_email": "e-1@example.com",
            "stage": "sourced",
        },
    ]
    first = send(client, {"rows": rows}, key_a, HTTP_IDEMPOTENCY_KEY="night-1")
    with tenant_context(tenant_a):
        before = (StageEvent.objects.count(), Interaction.objects.count(), Delivery.objects.count())
    second = send(client, {"rows": rows}, key_a, HTTP_IDEMPOTENCY_KEY="night-1")
    assert second.status_code == 200 and second.headers["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert [r["status"] for r in first.json()["results"]] == ["updated", "created"]
    with tenant_context(tenant_a):
        assert (StageEvent.objects.count(), Interaction.objects.count(), Delivery.objects.count()) == before
    third = send(client, {"rows": rows}, key_a, HTTP_IDEMPOTENCY_KEY="night-2")
    assert [r["status"] for r in third.json()["results"]] == ["unchanged", "unchanged"]


def _people(tenant, prefix: str, count: int) -> None:
    with tenant_context(tenant):
        people = Candidate.objects.bulk_create(
            [Candidate(tenant_id=tenant.pk, full_name=f"{prefix} {n}") for n in range(count)]
        )
        ExternalId.objects.bulk_create(
            [
                ExternalId(tenant_id=tenant.pk, candidate=person, system="hr", value=f"{prefix}-{n}")
                for n, person in enumerate(people)
            ]
        )
        role = RoleProfile.objects.get(external_id="REQ-7")
        Application.objects.bulk_create(
            [
                Application(
                    tenant_id=tenant.pk,
                    profile=role,
                    candidate=person,
                    stage="contacted",
                    source="hris",
                    external_id=f"{prefix}-OLD-{n}",
                )
                for n, person in enumerate(people)
            ]
        )


def _batch(prefix: str, count: int) -> list[dict]:
    """A third new applications (to REQ-8), a third moved, a third unchanged."""
    rows = []
    for n in range(count):
        if n % 3 == 0:
            rows.append(
                {
                    "application_external_id": f"{prefix}-NEW-{n}",
                    "profile_external_id": "REQ-8",
                    "candidate_external_id": {"system": "hr", "value": f"{prefix}-{n}"},
                    "stage": "sourced",
                }
            )
        else:
            stage = "interviewing" if n % 3 == 1 else "contacted"
            rows.append({"application_external_id": f"{prefix}-OLD-{n}", "stage": stage})
    return rows


def test_the_number_of_queries_of_a_bulk_does_not_grow_with_its_rows(client, key_a, tenant_a, settings):
    pool(tenant_a, settings)
    for prefix, size in (("W", 3), ("S", 6), ("L", 90)):
        _people(tenant_a, prefix, size)
    counts = {}
    for prefix, size in (("W", 3), ("S", 6), ("L", 90)):  # W warms the caches (scoring params, key)
        with CaptureQueriesContext(connection) as queries:
            response = send(client, {"rows": _batch(prefix, size)}, key_a)
        assert response.status_code == 200, response.content
        assert response.json()["counts"] == {
            "created": size // 3,
            "updated": size // 3,
            "unchanged": size // 3,
        }
        counts[prefix] = len(queries)
    assert counts["S"] == counts["L"], counts
    with tenant_context(tenant_a):
        assert StageEvent.objects.filter(application__external_id__startswith="L-").count() == 60
        assert Interaction.objects.filter(kind="applied", candidate__full_name__startswith="L ").count() == 30


def test_a_batch_whose_applications_moved_meanwhile_is_taken_one_row_at_a_time(
    client, key_a, tenant_a, settings, monkeypatch
):
    """Another request moves APP-0 after the bulk read it: the set-based write sees it under its lock, writes
    nothing, and the rows go one at a time, so the move starts from where APP-0 really is."""
    pool(tenant_a, settings)
    read = hris.StageLookups.__init__

    def read_then_someone_moves(self, rows):
        read(self, rows)
        if not getattr(read_then_someone_moves, "done", False):
            read_then_someone_moves.done = True
            Application.objects.filter(external_id="APP-0").update(stage="replied")

    monkeypatch.setattr(hris.StageLookups, "__init__", read_then_someone_moves)
    rows = [
        {"application_external_id": "APP-0", "stage": "interviewing"},
        {"application_external_id": "APP-0", "stage": "replied"},
        {
            "application_external_id": "APP-1",
            "profile_external_id": "REQ-7",
            "candidate_email": "e-1@example.com",
            "stage": "sourced",
        },
    ]
    response = send(client, {"rows": rows}, key_a)
    assert [r["status"] for r in response.json()["results"]] == ["updated", "updated", "created"]
    with tenant_context(tenant_a):
        moves = list(
            StageEvent.objects.filter(application__external_id="APP-0")
            .order_by("id")
            .values_list("from_stage", "to_stage")
        )
        assert moves == [("", "contacted"), ("replied", "interviewing"), ("interviewing", "replied")]
        assert Application.objects.get(external_id="APP-1").stage == "sourced"


@pytest.mark.parametrize(
    "row",
    [
        {"application_external_id": "APP-1", "stage": "offer"},
        {"application_external_id": "", "stage": "offer"},
        {"application_external_id": " APP-1 ", "stage": "offer"},
        {"application_external_id": "APP-1\t", "stage": "offer"},
        {"application_external_id": "APP\x00", "stage": "offer"},
        {"application_external_id": "申请-1", "stage": "offer"},
        {"application_external_id": "A" * 120, "stage": "offer"},
        {"application_external_id": "A" * 121, "stage": "offer"},
        {"application_external_id": 7, "stage": "offer"},
        {"application_external_id": None, "stage": "offer"},
        {"application_external_id": "APP-1", "stage": "teleported"},
        {"application_external_id": "APP-1", "stage": ""},
        {"application_external_id": "APP-1", "stage": ["offer"]},
        {"application_external_id": "APP-1"},
        {"application_external_id": "APP-1", "stage": "offer", "note": "x"},
        ["APP-1", "offer"],
        "APP-1",
        None,
        {"profile_external_id": "REQ-7", "stage": "sourced"},
        {"profile_external_id": " REQ-7", "stage": "sourced"},
        {"profile_external_id": "R" * 121, "stage": "sourced"},
        {
            "application_external_id": "APP-2",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "stage": "sourced",
        },
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "", "value": "E-1"},
            "stage": "offer",
        },
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "w" * 61, "value": "E"},
            "stage": "offer",
        },
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "w", "value": "E" * 201},
            "stage": "offer",
        },
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "w", "value": " E-1"},
            "stage": "offer",
        },
        {"profile_external_id": "REQ-7", "candidate_external_id": {"system": "w"}, "stage": "offer"},
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "w", "value": 5},
            "stage": "offer",
        },
        {"profile_external_id": "REQ-7", "candidate_external_id": None, "stage": "offer"},
        {"profile_external_id": "REQ-7", "candidate_external_id": "E-1", "stage": "offer"},
        {
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "w", "value": "E-1", "extra": 1},
            "stage": "offer",
        },
    ],
)
def test_the_plain_nightly_row_is_validated_as_the_serializer_validates_it(row):
    serializer = profile_serializers.HrisStageChangeSerializer(data=row)
    expected = dict(serializer.validated_data) if serializer.is_valid() else None
    plain = hris_api.plain_stage_row(row)
    assert plain is None or plain == expected
    validated, error = hris_api._stage_validator()(row)
    assert (dict(validated) if validated is not None else None) == expected
    assert (error is None) == (expected is not None)
    if row in (
        {"application_external_id": "APP-1", "stage": "offer"},
        {
            "application_external_id": "APP-2",
            "profile_external_id": "REQ-7",
            "candidate_external_id": {"system": "workday", "value": "E-1"},
            "stage": "sourced",
        },
    ):
        assert plain == expected  # the usual rows take the short way


def test_interactions_recorded_in_bulk_equal_those_recorded_one_by_one(tenant_a, tenant_b, settings):
    """Replies (which stop sequences), calls (contacts), stage moves and a merged candidate's touch (it goes to
    the survivor): the same rows, anchors, last-touch times and tier-change webhooks either way."""
    from engagement.services.interactions import (
        InteractionInput,
        interaction_record,
        interactions_bulk_record,
    )

    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    now = timezone.now().replace(microsecond=0)
    plan = [
        ("P1", "replied", "email", now - timedelta(days=3), {}),
        ("P1", "call", "phone", now - timedelta(days=1), {}),
        ("P2", "stage_changed", "hris", now - timedelta(days=2), {"stage": "offer", "from": "contacted"}),
        ("P3", "call", "phone", now - timedelta(hours=5), {}),
        ("P2", "replied", "email", now - timedelta(hours=1), {}),
    ]

    def setup(tenant) -> dict:
        with tenant_context(tenant):
            EngagementSettings.objects.update_or_create(
                defaults={"weights": {"replied": 65, "call": 30, "stage_changed": 5}}
            )
            forget_params(tenant.pk)
            endpoint_create(url="http://127.0.0.1:9/hooks", events=["candidate.tier_changed"])
            people = {
                name: Candidate.objects.create(full_name=name, source="manual") for name in ("P1", "P2", "P3")
            }
            Candidate.objects.filter(pk=people["P3"].pk).update(status="merged", merged_into=people["P2"])
        return people

    def state(tenant) -> dict:
        with tenant_context(tenant):
            names = dict(Candidate.objects.values_list("pk", "full_name"))
            return {
                "interactions": [
                    (names[i.candidate_id], i.kind, i.channel, i.occurred_at, i.metadata)
                    for i in Interaction.objects.order_by("id")
                ],
                "candidates": sorted(
                    (
                        c.full_name,
                        round(c.activity_anchor, 9) if c.activity_anchor != float("-inf") else None,
                        c.last_interaction_at,
                        c.last_active_at,
                        c.last_contacted_at,
                    )
                    for c in Candidate.objects.all()
                ),
                "webhooks": [
                    (
                        names[d.payload["data"]["candidate"]["id"]],
                        d.payload["data"]["from"],
                        d.payload["data"]["to"],
                        d.payload["data"]["interaction"]["kind"],
                    )
                    for d in Delivery.objects.order_by("id")
                ],
            }

    bulk_people, single_people = setup(tenant_a), setup(tenant_b)
    with tenant_context(tenant_a):
        ids = interactions_bulk_record(
            items=[
                InteractionInput(
                    candidate=bulk_people[name].pk, kind=kind, channel=channel, occurred_at=at, metadata=meta
                )
                for name, kind, channel, at, meta in plan
            ]
        )
    with tenant_context(tenant_b):
        for name, kind, channel, at, meta in plan:
            interaction_record(
                candidate=single_people[name], kind=kind, channel=channel, occurred_at=at, metadata=meta
            )
    assert len(ids) == len(plan)
    bulk, single = state(tenant_a), state(tenant_b)
    assert bulk == single
    assert [row[0] for row in bulk["interactions"]] == ["P1", "P1", "P2", "P2", "P2"]
    assert ("P1", "low", "mid", "replied") in bulk["webhooks"] and ("P1", "mid", "high", "call") in bulk[
        "webhooks"
    ]
