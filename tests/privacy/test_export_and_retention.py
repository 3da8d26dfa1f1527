"""Export streams (a large file never sits in memory); retention anonymises lapsed candidates once and reports it;
a short retention needs an admin's confirmation."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus, Document
from candidates.services.documents import document_store
from candidates.services.export import export_zip_stream
from candidates.services.profile import candidate_add_emails
from privacy import services
from privacy.models import AuditEntry, RetentionRun
from talentpool.tenancy.context import tenant_context

from ..conftest import logged_in_client
from ..factories import make_candidate

BIG = 64 * 1024 * 1024  # 64 MiB of file: the stream must hold only a few chunks at a time


def _big_document(tenant, candidate) -> Document:
    document, _created = document_store(
        tenant, data=b"%PDF-1.4 small placeholder", filename="简历 resume.pdf", candidate=candidate
    )
    with open(default_storage.path(document.file.name), "wb") as handle:
        block = os.urandom(1024 * 1024)
        for _ in range(BIG // len(block)):
            handle.write(block)
    return document


def test_an_export_with_a_large_file_streams_without_holding_it_in_memory(tenant_a, admin_a):
    candidate = make_candidate(tenant_a, full_name="陈静 Chen Jing")
    with tenant_context(tenant_a):
        candidate_add_emails(candidate, ["chen.jing@example.test"], source="manual", actor=admin_a)
    _big_document(tenant_a, candidate)
    manifest = services.candidate_export(tenant_a, candidate=candidate, actor=admin_a)
    tracemalloc.start()
    size, largest_chunk, tail = 0, 0, b""
    try:
        for chunk in export_zip_stream(manifest):
            size += len(chunk)
            largest_chunk = max(largest_chunk, len(chunk))
            tail = (tail + chunk)[-65536:]  # the central directory, to check the archive lists the file
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > BIG
    assert largest_chunk < 1024 * 1024
    assert peak < 4 * 1024 * 1024, f"the export held {peak} bytes at once"
    assert "简历 resume.pdf".encode() in tail and b"data.json" in tail
    with tenant_context(tenant_a):
        assert (
            AuditEntry.objects.filter(action="candidate.exported", target_id=str(candidate.pk)).count() == 1
        )


def test_the_export_archive_holds_the_json_and_the_original_files(tenant_a, admin_a):
    candidate = make_candidate(tenant_a, full_name="陈静 Chen Jing")
    with tenant_context(tenant_a):
        candidate_add_emails(candidate, ["chen.jing@example.test"], source="manual", actor=admin_a)
    document_store(tenant_a, data="陈静的简历".encode(), filename="../../简历.txt", candidate=candidate)
    services.consent_record(
        tenant_a, candidate=candidate, scope="outreach", given=True, method="form", actor=admin_a
    )
    client = logged_in_client(admin_a)
    data_request = services.data_request_create(
        tenant_a, kind="export", candidate=candidate, channel="dashboard"
    )
    response = client.get(f"/privacy/requests/{data_request.pk}/download/")
    assert response.status_code == 200 and response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["candidate"]["full_name"] == "陈静 Chen Jing"
    assert data["emails"] == [{"email": "chen.jing@example.test"}]
    assert [consent["scope"] for consent in data["consents"]] == ["outreach"]
    [file_name] = [name for name in archive.namelist() if name.startswith("files/")]
    assert ".." not in file_name and archive.read(file_name) == "陈静的简历".encode()
    api = client.get(f"/api/v1/privacy/exports/{candidate.pk}/")
    assert api.status_code == 200 and api["Content-Type"] == "application/zip"


def _lapsed(tenant, name: str, days: int, **fields) -> Candidate:
    candidate = make_candidate(tenant, full_name=name, **fields)
    with tenant_context(tenant):
        Candidate.objects.filter(pk=candidate.pk).update(
            created_at=timezone.now() - timedelta(days=days),
            last_interaction_at=timezone.now() - timedelta(days=days),
        )
    return candidate


def test_retention_anonymises_lapsed_candidates_once_and_reports_it(tenant_a, admin_a):
    services.privacy_settings_update(
        tenant_a,
        actor=admin_a,
        retention_days=730,
        audit_retention_days=730,
        request_due_days=30,
        legitimate_interest_allowed=False,
    )
    old = _lapsed(tenant_a, "周老 Old", 800)
    document_store(tenant_a, data=b"old resume", filename="old.txt", candidate=old)
    hired = _lapsed(tenant_a, "吴雇 Hired", 800, status=CandidateStatus.HIRED)
    recent = _lapsed(tenant_a, "郑新 Recent", 100)

    first = services.retention_apply(tenant_a)
    assert (first.anonymised, first.files_removed) == (1, 1)
    with tenant_context(tenant_a):
        states = dict(Candidate.objects.values_list("pk", "status"))
        snapshot = {row["id"]: row for row in Candidate.objects.values()}
        audit_count = AuditEntry.objects.count()
        run = RetentionRun.objects.get()
    assert states == {
        old.pk: CandidateStatus.ANONYMISED,
        hired.pk: CandidateStatus.HIRED,
        recent.pk: CandidateStatus.ACTIVE,
    }
    assert snapshot[old.pk]["full_name"] == "—" and run.candidate_ids == [old.pk]

    second = services.retention_apply(tenant_a)
    assert second.anonymised == 0 and second.run_id is None
    with tenant_context(tenant_a):
        assert {row["id"]: row for row in Candidate.objects.values()} == snapshot
        assert AuditEntry.objects.count() == audit_count and RetentionRun.objects.count() == 1


def test_a_retention_under_30_days_needs_an_admins_confirmation(tenant_a, admin_a):
    with pytest.raises(services.PrivacyError) as refused:
        services.privacy_settings_update(
            tenant_a,
            actor=admin_a,
            retention_days=7,
            audit_retention_days=730,
            request_due_days=30,
            legitimate_interest_allowed=False,
        )
    assert refused.value.field == "confirm_short_retention"
    client = logged_in_client(admin_a)
    response = client.post(
        "/privacy/settings/", {"retention_days": 7, "audit_retention_days": 730, "request_due_days": 30}
    )
    assert response.status_code == 400
    response = client.post(
        "/privacy/settings/",
        {
            "retention_days": 7,
            "audit_retention_days": 730,
            "request_due_days": 30,
            "confirm_short_retention": "on",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a):
        from privacy.selectors import privacy_settings

        policy = privacy_settings()
        assert policy.retention_days == 7 and policy.retention_confirmed_by_id == admin_a.pk
        assert AuditEntry.objects.filter(action="settings.changed").exists()


def test_retention_leaves_everyone_alone_when_it_is_off(tenant_a, admin_a):
    services.privacy_settings_update(
        tenant_a,
        actor=admin_a,
        retention_days=None,
        audit_retention_days=730,
        request_due_days=30,
        legitimate_interest_allowed=False,
    )
    _lapsed(tenant_a, "Very Old", 5000)
    assert services.retention_apply(tenant_a).anonymised == 0
