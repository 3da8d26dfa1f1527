"""Serving stored files (talentpool/files.py): X-Accel-Redirect behind nginx, Django streaming otherwise, only
after the view's checks, and names in Content-Disposition that arrive intact and cannot break the header."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.test import Client, RequestFactory
from django.utils import timezone

from candidates import services
from candidates.models import ExportJob
from candidates.services import exports
from talentpool.files import attachment_disposition, clean_filename, serve_file
from talentpool.tenancy.context import tenant_context

from ..conftest import bearer
from ..factories import make_candidate

ACCEL = "/protected-files"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILES_ACCEL_REDIRECT_PREFIX = ""


def filename_star(header: str) -> str:
    match = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    assert match, header
    return unquote(match.group(1))


def filename_plain(header: str) -> str:
    match = re.search(r'filename="([^"]*)"', header)
    assert match, header
    return match.group(1)


# ------------------------------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "name",
    ["张伟-高级工程师-简历.pdf", "李" * 36 + ".pdf", "Résumé – Zoë O'Neil (final).docx", "a" * 40 + ".pdf"],
)
def test_a_chinese_accented_or_long_name_downloads_with_its_name(name):
    header = attachment_disposition(name)
    assert header.isascii() and header.startswith("attachment; ")
    if name.isascii():
        assert filename_plain(header) == name and "filename*" not in header
    else:
        assert filename_star(header) == name
        fallback = filename_plain(header)
        assert fallback.isascii() and fallback.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(
    "name",
    [
        'cv.pdf"\r\nSet-Cookie: session=evil',
        "cv\r\nX-Injected: 1.pdf",
        'a"; filename="evil.exe',
        "..\\..\\etc/passwd",
        "简历\n.pdf",
    ],
)
def test_no_name_can_end_the_header_or_add_one(name):
    header = attachment_disposition(name)
    assert "\r" not in header and "\n" not in header and header.isascii()
    # Exactly one plain filename, quoted, with no quote or backslash inside; at most one filename*.
    assert len(re.findall(r'(?<!\*)filename="', header)) == 1 and header.count("filename*=") <= 1
    assert re.fullmatch(
        r'attachment; filename="[A-Za-z0-9._()\[\] +-]*"(; filename\*=UTF-8\'\'[A-Za-z0-9%._~-]+)?', header
    ), header
    shown = filename_star(header) if "filename*" in header else filename_plain(header)
    assert "/" not in shown and "\\" not in shown and "\n" not in shown and '"' not in shown


def test_a_name_too_long_keeps_its_extension_and_an_empty_one_gets_a_default():
    long_name = clean_filename("简" * 300 + ".docx")
    assert len(long_name) == 200 and long_name.endswith(".docx")
    assert clean_filename("  ..  ") == "download"
    assert filename_plain(attachment_disposition("")) == "download"


# ------------------------------------------------------------------------------------------ serve_file


def test_serve_file_streams_without_the_setting_and_hands_over_to_nginx_with_it(settings):
    path = default_storage.save("documents/1/ab/abcdef", io.BytesIO(b"resume bytes"))
    request = RequestFactory().get("/")
    response = serve_file(request, path, "张伟.pdf", "application/pdf")
    assert b"".join(response.streaming_content) == b"resume bytes" and "X-Accel-Redirect" not in response
    assert filename_star(response["Content-Disposition"]) == "张伟.pdf"
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    settings.FILES_ACCEL_REDIRECT_PREFIX = ACCEL + "/"
    response = serve_file(request, path, "张伟.pdf", "application/pdf")
    assert response["X-Accel-Redirect"] == f"{ACCEL}/{path}" and response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert filename_star(response["Content-Disposition"]) == "张伟.pdf"


@pytest.mark.parametrize("accel", ["", ACCEL])
def test_serve_file_refuses_paths_out_of_storage_and_answers_404_for_a_missing_file(settings, accel):
    settings.FILES_ACCEL_REDIRECT_PREFIX = accel
    request = RequestFactory().get("/")
    for path in ("../secrets.txt", "/etc/passwd", "documents/../../x", "documents/a\r\nb", ""):
        with pytest.raises(SuspiciousFileOperation):
            serve_file(request, path, "x")
    from django.http import Http404

    with pytest.raises(Http404):
        serve_file(request, "documents/1/none/missing", "x")


# ------------------------------------------------------------------------------- the download views


@pytest.fixture
def documents(tenant_a, tenant_b):
    mine, _ = services.document_store(tenant_a, data=b"Alpha resume", filename="王芳 – 简历 “final”.txt")
    theirs, _ = services.document_store(tenant_b, data=b"Beta resume, personal data", filename="cv.txt")
    return mine, theirs


@pytest.mark.parametrize("accel", ["", ACCEL])
def test_the_document_download_serves_the_tenants_own_file_either_way_and_never_another_tenants(
    client, settings, documents, key_a, accel
):
    settings.FILES_ACCEL_REDIRECT_PREFIX = accel
    mine, theirs = documents
    response = client.get(f"/api/v1/documents/{mine.pk}/download/", **bearer(key_a))
    assert response.status_code == 200
    assert filename_star(response["Content-Disposition"]) == "王芳 – 简历 “final”.txt"
    if accel:
        assert response["X-Accel-Redirect"] == f"{ACCEL}/{mine.file.name}" and response.content == b""
    else:
        assert b"".join(response.streaming_content) == b"Alpha resume" and "X-Accel-Redirect" not in response
    refused = client.get(f"/api/v1/documents/{theirs.pk}/download/", **bearer(key_a))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused and b"Beta" not in refused.content
    assert Client().get(f"/api/v1/documents/{mine.pk}/download/").status_code in (401, 403)


@pytest.mark.parametrize("accel", ["", ACCEL])
def test_an_export_download_goes_through_nginx_only_for_its_creator(
    settings, tenant_a, recruiter_a, recruiter_client, viewer_client, admin_client_b, accel
):
    settings.FILES_ACCEL_REDIRECT_PREFIX = accel
    make_candidate(tenant_a, full_name="王芳")
    with tenant_context(tenant_a):
        job = ExportJob.objects.create(
            token="f" * 32,
            filename="人才库导出.csv",
            created_by=recruiter_a,
            expires_at=timezone.now() + timedelta(days=7),
        )
    job = exports.export_run(tenant_a, job_id=job.pk)
    response = recruiter_client.get(f"/pool/exports/{job.pk}/download/")
    assert response.status_code == 200
    assert filename_star(response["Content-Disposition"]) == "人才库导出.csv"
    if accel:
        assert response["X-Accel-Redirect"] == f"{ACCEL}/exports/{tenant_a.pk}/{'f' * 32}.csv"
        assert response.content == b""
    else:
        assert "王芳" in b"".join(response.streaming_content).decode("utf-8-sig")
    for other in (viewer_client, admin_client_b):
        refused = other.get(f"/pool/exports/{job.pk}/download/")
        assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
