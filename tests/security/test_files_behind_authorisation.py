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
