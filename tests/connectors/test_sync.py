"""Syncing sources from real local servers: matching, changes with provenance, nothing written when nothing
changed, resuming at the failing page, throttling, refused credentials, and one source's failure kept to it."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Candidate, CandidateTag, DuplicateFlag, ExternalId, ProfileChange
from connectors.models import ExternalProfile, Source, SourceStatus, SyncRun
from connectors.services import source_create, source_sync
from engagement.models import Interaction
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification

from .conftest import FEED_CONFIGURATION, person


def table_counts(tenant) -> dict:
    with tenant_context(tenant):
        return {
            model.__name__: model.objects.count()
            for model in (
                Candidate,
                ProfileChange,
                Interaction,
                CandidateTag,
                ExternalId,
                ExternalProfile,
                DuplicateFlag,
            )
        }


def test_a_first_sync_brings_every_profile_in_with_its_source_and_provenance(seeded_a, feed, feed_source):
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert run.status == "succeeded"
    assert (run.fetched, run.created, run.updated, run.unchanged, run.failed, run.pages) == (5, 5, 0, 0, 0, 3)
    with tenant_context(seeded_a):
        candidate = Candidate.objects.get(emails__email="person1@example.com")
        assert candidate.source == "import"
        assert (candidate.current_title, candidate.current_company, candidate.location) == (
            "Data Engineer",
            "Acme",
            "Shanghai",
        )
        assert ExternalId.objects.filter(
            candidate=candidate, system=f"source:{feed_source.pk}", value="p-1"
        ).exists()
        assert set(ProfileChange.objects.filter(candidate=candidate).values_list("source", flat=True)) == {
            f"sync:{feed_source.pk}"
        }
        assert CandidateTag.objects.filter(
            candidate=candidate, tag__key="skill.python", source="synced"
        ).exists()
        source = Source.objects.get(pk=feed_source.pk)
        assert source.cursor == {} and source.last_success_at and source.status == SourceStatus.ACTIVE


def test_a_second_sync_over_the_same_data_writes_nothing(seeded_a, feed, feed_source):
    source_sync(seeded_a, source_id=feed_source.pk)
    before = table_counts(seeded_a)
    with tenant_context(seeded_a):
        applied = dict(ExternalProfile.objects.values_list("external_id", "applied_at"))
        updated = dict(Candidate.objects.values_list("id", "updated_at"))
    again = source_sync(seeded_a, source_id=feed_source.pk)
    assert (again.fetched, again.unchanged, again.created, again.updated, again.matched) == (5, 5, 0, 0, 5)
    assert table_counts(seeded_a) == before
    with tenant_context(seeded_a):
        assert dict(ExternalProfile.objects.values_list("external_id", "applied_at")) == applied
        assert dict(Candidate.objects.values_list("id", "updated_at")) == updated


def test_a_changed_profile_is_applied_with_provenance_a_job_change_and_profile_updated(
    seeded_a, feed, feed_source
):
    source_sync(seeded_a, source_id=feed_source.pk)
    with tenant_context(seeded_a):
        candidate = Candidate.objects.get(emails__email="person2@example.com")
        anchor = candidate.activity_anchor
        tags_before = set(CandidateTag.objects.filter(candidate=candidate).values_list("tag__key", flat=True))
    feed.people[1] = person(
        2,
        job={"title": "AI Product Lead", "company": "Hooli"},
        headline="Led an AI product from zero to one",
        skills=["Python", "Kubernetes"],
        updated="2026-12-01T08:00:00Z",
        history=[
            {"company": "Hooli", "title": "AI Product Lead", "from": "2026-10", "to": None},
            {"company": "Acme", "title": "Data Engineer", "from": "2022-03", "to": "2026-09"},
        ],
    )
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert (run.updated, run.unchanged, run.job_changes) == (1, 4, 1)
    with tenant_context(seeded_a):
        candidate = Candidate.objects.get(pk=candidate.pk)
        assert (candidate.current_title, candidate.current_company) == ("AI Product Lead", "Hooli")
        change = ProfileChange.objects.get(candidate=candidate, field="job_change")
        assert change.source == f"sync:{feed_source.pk}"
        assert change.old_value == {"company": "Acme", "title": "Data Engineer"}
        assert change.new_value == {"company": "Hooli", "title": "AI Product Lead"}
        assert ProfileChange.objects.filter(
            candidate=candidate,
            field="current_title",
            new_value="AI Product Lead",
            source=f"sync:{feed_source.pk}",
        ).exists()
        interaction = Interaction.objects.get(candidate=candidate, kind="profile_updated")
        assert "job_change" in interaction.metadata["fields"]
        assert candidate.activity_anchor > anchor  # the score moved
        tags_after = set(CandidateTag.objects.filter(candidate=candidate).values_list("tag__key", flat=True))
        assert "skill.kubernetes" in tags_after - tags_before
        assert ExternalProfile.objects.get(external_id="p-2").job_changed_at is not None
        assert candidate.experiences.count() == 2


def test_a_recruiters_edit_is_never_overwritten_by_an_older_external_value(
    seeded_a, feed, feed_source, recruiter_a
):
    source_sync(seeded_a, source_id=feed_source.pk)
    with tenant_context(seeded_a):
        candidate = Candidate.objects.get(emails__email="person3@example.com")
        candidate_services.candidate_set_fields(
            candidate, {"location": "Hangzhou"}, source="manual", actor=recruiter_a
        )
    # The source's profile changed its city, but its update time is before the recruiter's edit.
    feed.people[2] = person(3, city="Suzhou", updated=(timezone.now() - timedelta(days=1)).isoformat())
    source_sync(seeded_a, source_id=feed_source.pk)
    with tenant_context(seeded_a):
        assert Candidate.objects.get(pk=candidate.pk).location == "Hangzhou"
    # A later change on the source (updated after the edit) is newer than the recruiter's knowledge.
    feed.people[2] = person(3, city="Nanjing", updated=(timezone.now() + timedelta(minutes=1)).isoformat())
    source_sync(seeded_a, source_id=feed_source.pk)
    with tenant_context(seeded_a):
        assert Candidate.objects.get(pk=candidate.pk).location == "Nanjing"


def test_profiles_match_existing_candidates_by_email_and_unsure_ones_are_flagged(seeded_a, feed, feed_source):
    existing = candidate_services.candidate_create(
        seeded_a,
        data=candidate_services.CandidateInput(full_name="Person 1", emails=("person1@example.com",)),
        source="manual",
    )
    lookalike = candidate_services.candidate_create(
        seeded_a,
        data=candidate_services.CandidateInput(
            full_name="Person 4", emails=("someone.else@example.com",), fields={"current_company": "Acme"}
        ),
        source="manual",
    )
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert (run.created, run.matched) == (4, 1)
    with tenant_context(seeded_a):
        assert ExternalId.objects.get(value="p-1").candidate_id == existing.pk
        new = Candidate.objects.get(emails__email="person4@example.com")
        pair = sorted([new.pk, lookalike.pk])
        assert DuplicateFlag.objects.filter(candidate_low_id=pair[0], candidate_high_id=pair[1]).exists()
    assert run.flagged >= 1


def test_a_malformed_record_is_skipped_with_its_error_and_the_run_goes_on(seeded_a, feed, feed_source):
    feed.people[1] = {"name": "No id here"}
    feed.people[3] = "not an object"
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert run.status == "partial"
    assert (run.created, run.failed) == (3, 2)
    assert {error["record"] for error in run.record_errors} == {"2", "4"}
    assert all(error["error"] for error in run.record_errors)


def test_a_run_that_fails_on_a_page_resumes_at_that_page(seeded_a, feed, feed_source):
    feed.failures[3] = 500
    failed = source_sync(seeded_a, source_id=feed_source.pk)
    assert failed.status == "failed" and "500" in failed.error
    assert failed.created == 4  # pages 1 and 2 committed
    with tenant_context(seeded_a):
        source = Source.objects.get(pk=feed_source.pk)
        assert (
            source.cursor == {"cursor": "3"} and source.status == SourceStatus.FAILING and source.last_error
        )
    del feed.failures[3]
    feed.requests.clear()
    resumed = source_sync(seeded_a, source_id=feed_source.pk)
    assert resumed.status == "succeeded" and resumed.resumed_from == {"cursor": "3"}
    assert [r["page"] for r in feed.requests] == [3]
    assert (resumed.fetched, resumed.created) == (1, 1)
    with tenant_context(seeded_a):
        assert Candidate.objects.count() == 5
        assert Source.objects.get(pk=feed_source.pk).status == SourceStatus.ACTIVE


@pytest.mark.parametrize("failure", ["garbage", "hang"])
def test_broken_json_and_a_hanging_page_fail_the_run_and_keep_the_cursor(
    settings, seeded_a, feed, feed_source, failure
):
    settings.CONNECTOR_TIMEOUT_SECONDS = 0.5
    settings.CONNECTOR_MAX_ATTEMPTS = 1
    feed.failures[2] = failure
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert run.status == "failed" and run.error
    with tenant_context(seeded_a):
        assert Source.objects.get(pk=feed_source.pk).cursor == {"cursor": "2"}


def test_a_throttled_page_waits_for_retry_after_and_the_run_succeeds(seeded_a, feed, feed_source):
    feed.failures[2] = "throttle"
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert run.status == "succeeded" and run.created == 5
    second_page = [r["at"] for r in feed.requests if r["page"] == 2]
    assert len(second_page) == 2 and second_page[1] - second_page[0] >= 0.95


def test_refused_credentials_mark_the_source_and_tell_its_admins_once(seeded_a, feed, admin_a, httpserver):
    source = source_create(
        seeded_a,
        kind="rest_feed",
        name="Wrong key",
        configuration={
            **json.loads(json.dumps(FEED_CONFIGURATION)),
            "base_url": feed.url,
            "auth": {"type": "api_key", "header": "X-Api-Key", "value": "wrong"},
        },
    )
    run = source_sync(seeded_a, source_id=source.pk)
    again = source_sync(seeded_a, source_id=source.pk)
    assert run.status == again.status == "failed"
    assert len(feed.requests) == 0 and len(httpserver.log) == 2  # one request each, no retry storm
    with tenant_context(seeded_a):
        assert Source.objects.get(pk=source.pk).status == SourceStatus.CREDENTIALS
        assert Notification.objects.filter(user=admin_a, kind="source_failed").count() == 1


def test_one_failing_source_never_stops_another_or_another_tenants(
    seeded_a, tenant_b, feed, feed_source, httpserver
):
    broken = source_create(
        seeded_a,
        kind="rest_feed",
        name="Broken",
        configuration={
            **json.loads(json.dumps(FEED_CONFIGURATION)),
            "base_url": httpserver.url_for("/nowhere"),
        },
    )
    httpserver.expect_request("/nowhere").respond_with_data("down", status=503)
    other = source_create(
        tenant_b,
        kind="rest_feed",
        name="B feed",
        configuration={**json.loads(json.dumps(FEED_CONFIGURATION)), "base_url": feed.url},
    )
    with tenant_context(seeded_a):
        Source.objects.update(next_run_at=timezone.now() - timedelta(minutes=1))
    with tenant_context(tenant_b):
        Source.objects.update(next_run_at=timezone.now() - timedelta(minutes=1))
    from connectors.tasks import connectors_due_all

    connectors_due_all()  # eager: every tenant's due sources, each its own task
    with tenant_context(seeded_a):
        assert SyncRun.objects.get(source=broken).status == "failed"
        assert SyncRun.objects.get(source=feed_source).status == "succeeded"
        assert Candidate.objects.count() == 5
    with tenant_context(tenant_b):
        assert SyncRun.objects.get(source=other).status == "succeeded"
        assert Candidate.objects.count() == 5


def test_the_sync_source_command_prints_the_run_counts_as_json(seeded_a, feed, feed_source):
    out = StringIO()
    call_command(
        "sync_source", "--tenant", seeded_a.slug, "--source", str(feed_source.pk), "--json", stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["status"] == "succeeded"
    assert {k: result[k] for k in ("fetched", "matched", "created", "updated", "unchanged", "failed")} == {
        "fetched": 5,
        "matched": 0,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "failed": 0,
    }


def test_the_sync_source_command_refuses_unknown_sources_and_other_tenants(
    seeded_a, tenant_b, feed, feed_source
):
    with pytest.raises(CommandError):
        call_command("sync_source", "--tenant", tenant_b.slug, "--source", str(feed_source.pk), "--json")
    with pytest.raises(CommandError):
        call_command("sync_source", "--tenant", seeded_a.slug, "--source", "abc")
    with pytest.raises(CommandError):
        call_command("sync_source", "--tenant", "nobody", "--source", "1")


def test_credentials_are_encrypted_at_rest(seeded_a, feed_source):
    with tenant_context(seeded_a):
        stored = Source.objects.get(pk=feed_source.pk)
    assert "key-123" not in json.dumps(stored.configuration) and "key-123" not in stored.credentials
    assert stored.credentials.startswith("gAAAA")  # a Fernet token


def test_a_profile_refused_while_applying_is_skipped_and_the_rest_of_its_page_kept(
    seeded_a, feed, feed_source
):
    # Only an unreadable phone: the record reads, but the pool refuses a candidate with no name or contact.
    feed.people[0] = {"id": "p-1", "contact": {"phone": "12345"}, "updated": "2026-11-01T08:00:00Z"}
    run = source_sync(seeded_a, source_id=feed_source.pk)
    assert (run.status, run.created, run.failed) == ("partial", 4, 1)
    assert run.record_errors[0]["record"] == "p-1"
    with tenant_context(seeded_a):
        assert Candidate.objects.filter(emails__email="person2@example.com").exists()  # same page as p-1
        assert not ExternalProfile.objects.filter(external_id="p-1").exists()
