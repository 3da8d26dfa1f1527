"""Anonymised ("blind") resumes are imported as unnamed candidates who need a contact; files that are not
resumes are refused with the reason and can be retried, kept on a candidate created by hand, or deleted;
an image-only PDF is kept and flagged "scanned, no text".

The real anonymised CVs are read from ../shared/data/vacancy-resume-matching at run time (GPL: read, never
copied); those tests skip when the data set is absent.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Candidate, Document, ParseStatus
from candidates.services.documents import (
    NOT_A_RESUME,
    candidate_contact_complete,
    document_attach_to_new_candidate,
    document_delete,
)
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer

CV_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "vacancy-resume-matching" / "CV"

BLIND_RESUME = """Senior Backend Developer

SUMMARY
Backend developer with eight years of Python and PostgreSQL, building payment services.

WORK EXPERIENCE
Acme Payments Ltd.    Senior Python Developer    Mar 2019 – Present
Built the settlement service in Python, Django and PostgreSQL; moved batch jobs to Celery and Redis.
Northwind Systems Inc.    Software Engineer    Jun 2015 – Feb 2019
Maintained REST APIs in Flask; introduced Docker and Kubernetes for deployment.

EDUCATION
University of Leeds, B.Sc. in Computer Science, 2011 – 2015

SKILLS
Python, Django, PostgreSQL, Redis, Docker, Kubernetes, Git
"""

INVOICE = """Invoice 2024-0193
Bill to: the accounts department
Amount due: 1,250.00
Payment within thirty days of receipt. Thank you for your business.
"""


@pytest.fixture
def seeded(tenant_a):
    services.taxonomy_seed(tenant_a)
    return tenant_a


def ingest(tenant, name: str, data: bytes):
    return services.resumes_ingest(tenant, uploads=[(name, data, "")], parse_now=True)


def image_only_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_resume_without_name_email_or_phone_becomes_an_unnamed_candidate_who_needs_a_contact(seeded):
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    assert item.document.parse_status == ParseStatus.PARSED
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        assert candidate.needs_contact is True
        assert candidate.full_name in ("Unnamed candidate", "未命名候选人")
        assert not candidate.emails.exists() and not candidate.phones.exists()
        assert {e.company for e in candidate.experiences.all()} == {
            "Acme Payments Ltd.",
            "Northwind Systems Inc.",
        }
        assert candidate.educations.get().level == "bachelor"
        assert candidate.tag_ids, "the skills of a blind resume are still tagged"


# A job-board export as public resume sets hold them: no contact, headers glued to the line before.
JOB_BOARD_EXPORT = (
    "\u2022 Operating Systems: Windows XP / Vista / 07Education Details\n"
    "January 2018 M.F.A painting Nagpur, Maharashtra Nagpur University\n"
    "January 2016 B.F.A. Painting Nagpur, Maharashtra Nagpur University\n"
    "Fine arts lecturer\n\n"
    "Skill Details\nMs-Cit- Experience - 96 monthsCompany Details\n"
    "company - Riverside Fine Arts College\n"
    "description - Teaching painting, drawing and sketching to degree students.\n"
)


def test_a_blind_resume_whose_headers_are_glued_to_the_text_is_a_resume(seeded):
    [item] = ingest(seeded, "export.txt", JOB_BOARD_EXPORT.encode())
    assert item.document.parse_status == ParseStatus.PARSED, item.document.parse_error
    with tenant_context(seeded):
        assert Candidate.objects.get(pk=item.document.candidate_id).needs_contact is True


def test_the_placeholder_name_is_in_the_tenants_language(seeded):
    seeded.default_language = "en"
    seeded.save(update_fields=["default_language"])
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    with tenant_context(seeded):
        assert Candidate.objects.get(pk=item.document.candidate_id).full_name == "Unnamed candidate"


def test_the_placeholder_is_shown_in_the_readers_language_whatever_the_tenant_stored(
    seeded, recruiter_client
):
    seeded.default_language = "zh-hans"
    seeded.save(update_fields=["default_language"])
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    with tenant_context(seeded):
        assert Candidate.objects.get(pk=item.document.candidate_id).full_name == "未命名候选人"
    detail = reverse("candidates:candidate", args=[item.document.candidate_id])
    for url in (detail, reverse("candidates:pool")):
        english = recruiter_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert "Unnamed candidate" in english and "未命名候选人" not in english, url
        chinese = recruiter_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
        assert "未命名候选人" in chinese, url


def test_two_blind_resumes_are_two_candidates_and_not_flagged_as_duplicates_of_each_other(seeded):
    from candidates.models import DuplicateFlag

    first = ingest(seeded, "a.txt", BLIND_RESUME.encode())[0]
    second = ingest(seeded, "b.txt", BLIND_RESUME.replace("Leeds", "York").encode())[0]
    assert first.document.candidate_id != second.document.candidate_id
    with tenant_context(seeded):
        assert not DuplicateFlag.objects.exists()


def test_a_document_that_is_not_a_resume_is_refused_with_the_reason(seeded):
    [item] = ingest(seeded, "invoice.txt", INVOICE.encode())
    assert item.document.parse_status == ParseStatus.FAILED
    assert item.document.parse_error == NOT_A_RESUME
    assert item.document.candidate_id is None
    with tenant_context(seeded):
        assert not Candidate.objects.exists()


def test_an_image_only_pdf_is_kept_and_flagged_scanned_no_text(seeded, recruiter_client):
    [item] = ingest(seeded, "scan.pdf", image_only_pdf())
    assert item.document is not None, "the scan is stored, not refused"
    assert item.document.parse_status == ParseStatus.NO_TEXT_LAYER
    assert "OCR" in item.document.parse_error
    page = recruiter_client.get(reverse("candidates:upload")).content.decode()
    assert "scan.pdf" in page and "Scanned, no text" in page or "扫描件，无文字" in page
    assert reverse("candidates:document_attach", args=[item.document.pk]) in page


def test_the_contact_given_on_the_candidate_page_clears_the_flag(seeded, recruiter_client):
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    url = reverse("candidates:candidate", args=[item.document.candidate_id])
    assert "data-needs-contact" in recruiter_client.get(url).content.decode()
    response = recruiter_client.post(
        reverse("candidates:candidate_contact", args=[item.document.candidate_id]),
        {"full_name": "Dana Levi", "email": "dana.levi@example.org", "phone": ""},
    )
    assert response.status_code == 302
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        assert candidate.full_name == "Dana Levi" and candidate.needs_contact is False
        assert list(candidate.emails.values_list("email", flat=True)) == ["dana.levi@example.org"]
    assert "data-needs-contact" not in recruiter_client.get(url).content.decode()


def test_a_name_alone_keeps_the_candidate_flagged_until_an_address_exists(seeded):
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        candidate_contact_complete(candidate, full_name="Dana Levi")
        assert candidate.needs_contact is True
        with pytest.raises(services.CandidateError):
            candidate_contact_complete(candidate, email="not an address")
        candidate_contact_complete(candidate, phone="+44 20 7946 0958")
        assert candidate.needs_contact is False


def test_a_reparse_keeps_a_name_the_recruiter_typed(seeded):
    [item] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    with tenant_context(seeded):
        candidate = Candidate.objects.get(pk=item.document.candidate_id)
        candidate_contact_complete(candidate, full_name="Dana Levi")
    services.document_parse(seeded, document_id=item.document.pk)
    with tenant_context(seeded):
        assert Candidate.objects.get(pk=candidate.pk).full_name == "Dana Levi"


def test_a_refused_file_is_kept_as_the_attachment_of_a_candidate_created_by_hand(seeded, recruiter_client):
    [item] = ingest(seeded, "scan.pdf", image_only_pdf())
    response = recruiter_client.post(
        reverse("candidates:document_attach", args=[item.document.pk]),
        {"full_name": "Noa Cohen", "email": "noa@example.org", "phone": ""},
    )
    assert response.status_code == 302
    with tenant_context(seeded):
        document = Document.objects.get(pk=item.document.pk)
        assert document.candidate.full_name == "Noa Cohen"
        assert response.url == reverse("candidates:candidate", args=[document.candidate_id])
        with pytest.raises(services.CandidateError):
            document_attach_to_new_candidate(seeded, document_id=document.pk, full_name="Someone else")


def test_a_refused_file_is_deleted_from_the_upload_list_but_a_candidates_file_is_not(
    seeded, recruiter_client, django_capture_on_commit_callbacks
):
    [refused] = ingest(seeded, "invoice.txt", INVOICE.encode())
    stored = refused.document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(reverse("candidates:document_delete", args=[refused.document.pk]))
    assert response.status_code == 302
    with tenant_context(seeded):
        assert not Document.objects.filter(pk=refused.document.pk).exists()
    assert not refused.document.file.storage.exists(stored)
    [parsed] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    with pytest.raises(services.CandidateError):
        document_delete(seeded, document_id=parsed.document.pk)


def test_a_failed_file_can_be_retried(seeded, recruiter_client):
    [item] = ingest(seeded, "invoice.txt", INVOICE.encode())
    response = recruiter_client.post(reverse("candidates:document_reparse", args=[item.document.pk]))
    assert response.status_code == 302
    page = recruiter_client.get(reverse("candidates:upload")).content.decode()
    assert reverse("candidates:document_reparse", args=[item.document.pk]) in page
    assert reverse("candidates:document_delete", args=[item.document.pk]) in page


def test_the_api_attaches_and_deletes_refused_files_and_shows_the_flag(seeded, key_a, client):
    [blind] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    body = client.get(f"/api/v1/candidates/{blind.document.candidate_id}/", **bearer(key_a)).json()
    assert body["needs_contact"] is True
    [scan] = ingest(seeded, "scan.pdf", image_only_pdf())
    listed = client.get("/api/v1/documents/", **bearer(key_a)).json()
    assert {row["parse_status"] for row in listed["results"]} >= {"parsed", "no_text_layer"}
    response = client.post(
        f"/api/v1/documents/{scan.document.pk}/attach/",
        {"full_name": "Noa Cohen"},
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 201, response.content
    assert response.json()["full_name"] == "Noa Cohen"
    [invoice] = ingest(seeded, "invoice.txt", INVOICE.encode())
    assert client.delete(f"/api/v1/documents/{invoice.document.pk}/", **bearer(key_a)).status_code == 204
    refused = client.delete(f"/api/v1/documents/{blind.document.pk}/", **bearer(key_a))
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "attached"
    empty = client.post(
        f"/api/v1/documents/{invoice.document.pk}/attach/",
        {"full_name": "X"},
        content_type="application/json",
        **bearer(key_a),
    )
    assert empty.status_code == 404


@pytest.mark.skipif(not CV_DIR.exists(), reason="../shared/data/vacancy-resume-matching is not here")
def test_the_real_anonymised_english_cvs_are_imported_not_refused(seeded):
    files = sorted(CV_DIR.glob("*.docx"))
    assert len(files) >= 30
    items = services.resumes_ingest(
        seeded, uploads=[(p.name, p.read_bytes(), "") for p in files], parse_now=True
    )
    parsed = [item for item in items if item.document.parse_status == ParseStatus.PARSED]
    # Before: 6 of 7 tried were refused. Now every CV with resume sections, dates, roles or skills is imported.
    assert len(parsed) >= 0.9 * len(files), [
        (i.filename, i.document.parse_error) for i in items if i not in parsed
    ]
    with tenant_context(seeded):
        unnamed = Candidate.objects.filter(needs_contact=True)
        assert unnamed.count() >= 0.8 * len(parsed)
        assert all(not c.emails.exists() and not c.phones.exists() for c in unnamed)


def test_an_email_added_through_the_api_clears_the_needs_contact_flag(seeded, key_a, client):
    [blind] = ingest(seeded, "blind.txt", BLIND_RESUME.encode())
    path = f"/api/v1/candidates/{blind.document.candidate_id}/"
    response = client.patch(
        path, {"emails": ["dana@example.com"]}, content_type="application/json", **bearer(key_a)
    )
    assert response.status_code == 200, response.content
    assert client.get(path, **bearer(key_a)).json()["needs_contact"] is False


def test_a_job_ad_with_a_recruiters_email_is_refused_and_the_reason_shown_in_the_readers_language(
    seeded, recruiter_client
):
    ad = (
        "Junior Software Developer (1-4 years experience)\n"
        "A full-time position at a fintech company. Contact jobs@northwind.example. Click the Apply Now button.\n"
        "Skills required for the position: Python, Java, SQL. The position offers a compensation package.\n"
    )
    [item] = ingest(seeded, "job_ad.txt", ad.encode())
    assert item.document.parse_status == ParseStatus.FAILED
    assert item.document.parse_error.startswith("This reads as a job ad (“")
    assert item.document.candidate_id is None
    url = reverse("candidates:upload")
    english = recruiter_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "This reads as a job ad (" in english
    chinese = recruiter_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "这份文件读起来是招聘启事（" in chinese and "“apply now”" in chinese
