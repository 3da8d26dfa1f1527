"""Stored resumes are reachable only through views that check the tenant and the role, in every environment."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

import talentpool.urls
from candidates import services

from ..conftest import bearer


@pytest.fixture
def stored_document(tenant_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document, _created = services.document_store(
        tenant_b, data=b"Beta resume, personal data", filename="cv.txt"
    )
    return document


@pytest.mark.parametrize("debug", [False, True])
def test_nobody_gets_a_stored_resume_by_its_media_path_even_in_development(
    stored_document, admin_client_a, debug
):
    with override_settings(DEBUG=debug):
        # The URL map is built again under this setting, as a fresh `make run` builds it.
        importlib.reload(talentpool.urls)
        clear_url_caches()
        try:
            path = f"/media/{stored_document.file.name}"
            assert Client().get(path).status_code == 404
            assert admin_client_a.get(path).status_code == 404
        finally:
            importlib.reload(talentpool.urls)
            clear_url_caches()


def test_another_tenants_document_download_is_404(stored_document, key_a):
    response = Client().get(f"/api/v1/documents/{stored_document.pk}/download/", **bearer(key_a))
    assert response.status_code == 404


@pytest.mark.parametrize("accel", ["", "/protected-files"])
def test_another_tenants_document_is_404_with_or_without_nginx_serving_files(
    stored_document, key_a, key_b, settings, accel
):
    settings.FILES_ACCEL_REDIRECT_PREFIX = accel
    refused = Client().get(f"/api/v1/documents/{stored_document.pk}/download/", **bearer(key_a))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    own = Client().get(f"/api/v1/documents/{stored_document.pk}/download/", **bearer(key_b))
    assert own.status_code == 200
    assert ("X-Accel-Redirect" in own) == bool(accel)


@pytest.mark.parametrize("accel", ["", "/protected-files"])
def test_an_export_file_is_served_only_to_its_creator_and_admins_of_its_tenant(
    tenant_b, admin_b, admin_client_a, key_a, settings, tmp_path, accel
):
    from datetime import timedelta

    from django.utils import timezone

    from candidates.models import ExportJob
    from candidates.services.exports import export_run
    from talentpool.tenancy.context import tenant_context

    from ..conftest import logged_in_client
    from ..factories import make_member

    settings.MEDIA_ROOT = tmp_path
    settings.FILES_ACCEL_REDIRECT_PREFIX = accel
    with tenant_context(tenant_b):
        job = ExportJob.objects.create(
            token="b" * 32,
            filename="beta.csv",
            created_by=admin_b,
            expires_at=timezone.now() + timedelta(days=1),
        )
    export_run(tenant_b, job_id=job.pk)
    colleague = logged_in_client(make_member(tenant_b, "recruiter", email="colleague@beta.test"))
    for path in (f"/pool/exports/{job.pk}/download/", f"/pool/exports/{job.pk}/"):
        assert admin_client_a.get(path).status_code == 404
        assert colleague.get(path).status_code == 404
        assert Client().get(path).status_code == 302
    for path in (f"/api/v1/exports/{job.pk}/", f"/api/v1/exports/{job.pk}/download/"):
        assert Client().get(path, **bearer(key_a)).status_code == 404
    assert logged_in_client(admin_b).get(f"/pool/exports/{job.pk}/download/").status_code == 200
