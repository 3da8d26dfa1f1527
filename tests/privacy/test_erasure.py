"""Erasure: the person is gone from the database, files, search and caches, and can be neither re-imported nor
contacted; their campaigns stop first; nobody else's data is touched."""

from __future__ import annotations

import os

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from candidates import selectors as candidate_selectors
from candidates.models import Candidate, CandidateStatus, ImportOutcome, ImportRow
from candidates.services import CandidateError
from candidates.services.documents import document_store
from candidates.services.imports import import_create, import_run
from candidates.services.profile import (
    CandidateInput,
    candidate_add_emails,
    candidate_add_phones,
    candidate_create,
)
from engagement.models import Enrollment, EnrollmentStatus, MessageStatus, OutboundMessage, Suppression
from engagement.services import outbox
from engagement.services.campaigns import campaign_create, campaign_launch
from engagement.services.interactions import interaction_log
from privacy import services
from privacy.models import AuditEntry, DataRequest, RequestStatus
from talentpool.tenancy.context import tenant_context

from ..factories import make_candidate

NAME, EMAIL, PHONE = "王小明 Xiaoming", "wang.xiaoming@example.test", "+8613800138000"


def _tenant_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' "
            "AND table_schema = 'public' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def _rows_mentioning(tenant, needle: str) -> dict[str, int]:
    """Every row of every tenant table whose text (all columns) contains ``needle``."""
    found = {}
    with tenant_context(tenant), connection.cursor() as cursor:
        for table in _tenant_tables():
            cursor.execute(f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE %s', [f"%{needle}%"])
            count = cursor.fetchone()[0]
            if count:
                found[table] = count
    return found


def _cache_values_mentioning(needle: str) -> list[str]:
    client = cache._cache.get_client()
    prefix = cache.make_key("")
    hits = []
    for key in client.scan_iter(match=f"{prefix}*"):
        value = client.get(key)
        if value is not None and needle.encode() in value:
            hits.append(key.decode())
    return hits


def _on_a_pipeline(candidate) -> None:
    """What the pipeline keeps about a person: a stage move's note, a hiring manager's comment with the
    resume's evidence, a hire with their name."""
    from profiles.models import Application, Hire, RoleProfile, Shortlist, ShortlistEntry, StageEvent

    role = RoleProfile.objects.create(title="Product lead")
    application = Application.objects.create(profile=role, candidate=candidate, stage="hired")
    StageEvent.objects.create(
        application=application, candidate=candidate, to_stage="hired", note=f"{NAME} accepted"
    )
    shortlist = Shortlist.objects.create(profile=role, name="First round")
    ShortlistEntry.objects.create(
        shortlist=shortlist,
        candidate=candidate,
        comment=f"{NAME} was great",
        explanation={"evidence": f"{NAME} led the product"},
    )
    Hire.objects.create(profile=role, candidate=candidate, application=application, full_name=NAME)


@pytest.fixture
def person(tenant_a, admin_a):
    candidate = make_candidate(tenant_a, full_name=NAME, current_title="产品经理", current_company="示例科技")
    with tenant_context(tenant_a):
        candidate_add_emails(candidate, [EMAIL], source="manual", actor=admin_a)
        candidate_add_phones(candidate, [PHONE], source="manual", actor=admin_a)
        interaction_log(candidate=candidate, kind="note", actor=admin_a, body=f"Called {NAME} about the role")
        _on_a_pipeline(candidate)
    document, _created = document_store(
        tenant_a,
        data=f"{NAME}\n{EMAIL}\n{PHONE}\nResume".encode(),
        filename="wang-resume.txt",
        candidate=candidate,
    )
    return candidate, document


def test_an_erasure_request_stops_the_running_campaign_first_then_erasure_removes_everything(
    tenant_a, admin_a, person, django_capture_on_commit_callbacks
):
    candidate, document = person
    bystander = make_candidate(tenant_a, full_name="李四 Bystander")
    with tenant_context(tenant_a):
        candidate_add_emails(bystander, ["li.si@example.test"], source="manual", actor=admin_a)
        campaign = campaign_create(
            name="Spring roles",
            audience={"candidate_ids": [candidate.pk, bystander.pk]},
            steps=[
                {
                    "channel": "email",
                    "subject": "Hi {{ candidate.first_name }}",
                    "body": "Hello {{ candidate.name }}",
                    "delay_days": 3,
                },
                {"channel": "email", "subject": "Again", "body": "Hello again", "delay_days": 7},
            ],
            actor=admin_a,
        )
        campaign_launch(campaign, actor=admin_a)
        assert Enrollment.objects.filter(candidate=candidate, status=EnrollmentStatus.ACTIVE).exists()
    file_path = os.path.join(os.environ.get("MEDIA_ROOT", ""), document.file.path)
    assert os.path.exists(file_path)

    data_request = services.data_request_create(
        tenant_a, kind="erasure", candidate=candidate, channel="dashboard", actor=admin_a
    )
    with tenant_context(tenant_a):
        enrollment = Enrollment.objects.get(candidate=candidate)
        assert (enrollment.status, enrollment.stop_reason) == (EnrollmentStatus.STOPPED, "erasure_requested")
        assert Enrollment.objects.get(candidate=bystander).status == EnrollmentStatus.ACTIVE
        assert not OutboundMessage.objects.filter(candidate=candidate, status=MessageStatus.QUEUED).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.data_request_complete(tenant_a, data_request=data_request, actor=admin_a)

    # The database: no row of any tenant table mentions the name, the email or the phone.
    for needle in (NAME, "王小明", EMAIL, PHONE, "产品经理", "示例科技"):
        assert _rows_mentioning(tenant_a, needle) == {}, needle
    with tenant_context(tenant_a):
        erased = Candidate.objects.get(pk=candidate.pk)
        assert erased.status == CandidateStatus.ANONYMISED  # the row stays, so past funnels still count it
        assert erased.tag_ids == [] and erased.current_title == ""
        assert DataRequest.objects.get(pk=data_request.pk).status == RequestStatus.COMPLETED
        assert set(
            AuditEntry.objects.filter(target_id=str(candidate.pk)).values_list("action", flat=True)
        ) >= {"privacy.request_created", "candidate.erased"}
        # The suppression list keeps a salted hash, never the address.
        hashes = list(Suppression.objects.filter(reason="erased").values_list("address", flat=True))
        assert len(hashes) == 2 and all(value.startswith("erased:") for value in hashes)
        # Search finds nobody.
        assert not candidate_selectors.candidate_list(query="王小明").exists()
        assert not candidate_selectors.candidate_list(query=EMAIL).exists()
        # Nobody else lost anything.
        assert Candidate.objects.get(pk=bystander.pk).full_name == "李四 Bystander"
        assert Enrollment.objects.get(candidate=bystander).status == EnrollmentStatus.ACTIVE
    # Files: gone from storage.
    assert not os.path.exists(file_path)
    # Caches: no value holds the person's data.
    cache.set("probe", "nothing personal")
    assert _cache_values_mentioning(EMAIL) == [] and _cache_values_mentioning("王小明") == []


def test_an_erased_person_cannot_be_re_imported_by_hand_api_or_file(tenant_a, admin_a, person):
    candidate, _document = person
    services.candidate_erase(tenant_a, candidate=candidate, actor=admin_a)
    with pytest.raises(CandidateError) as refused:
        candidate_create(
            tenant_a, data=CandidateInput(full_name="Someone", emails=(EMAIL.upper(),)), source="manual"
        )
    assert refused.value.code == "erased"
    with pytest.raises(CandidateError):
        candidate_create(
            tenant_a, data=CandidateInput(full_name="Someone", phones=("138 0013 8000",)), source="api"
        )
    job = import_create(
        tenant_a,
        data=f"name,email\nAgain {NAME},{EMAIL}\nNew Person,new@example.test\n".encode(),
        filename="people.csv",
        mapping={"name": "full_name", "email": "email"},
    )
    import_run(tenant_a, job_id=job.pk)
    with tenant_context(tenant_a):
        again, new = ImportRow.objects.filter(job=job).order_by("row_number")
        assert again.outcome == ImportOutcome.REJECTED and again.raw == {}
        assert new.outcome == ImportOutcome.CREATED
        assert not Candidate.objects.filter(full_name__contains="王小明").exists()


def test_an_erased_person_is_never_contacted_again(tenant_a, admin_a, person):
    candidate, _document = person
    services.candidate_erase(tenant_a, candidate=candidate, actor=admin_a)
    with tenant_context(tenant_a):
        message = outbox.outbox_enqueue(
            idempotency_key="after-erasure",
            channel="email",
            to_address=EMAIL,
            subject="Hello",
            body_text="A new role",
        )
    outbox.dispatch_due(tenant=tenant_a)
    with tenant_context(tenant_a):
        message.refresh_from_db()
    assert (message.status, message.skip_reason) == (MessageStatus.SKIPPED, "suppressed")
    assert mail.outbox == []


def test_erasing_twice_changes_nothing_the_second_time(tenant_a, admin_a, person):
    candidate, _document = person
    services.candidate_erase(tenant_a, candidate=candidate, actor=admin_a)
    with tenant_context(tenant_a):
        entries = AuditEntry.objects.count()
        suppressed = Suppression.objects.count()
    counts = services.candidate_erase(tenant_a, candidate=candidate, actor=admin_a)
    assert not any(counts.values())
    with tenant_context(tenant_a):
        assert AuditEntry.objects.count() == entries and Suppression.objects.count() == suppressed
