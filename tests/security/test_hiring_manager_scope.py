"""Hiring managers see candidates only through the shortlists of their roles, never the pool itself."""

from __future__ import annotations

import pytest

from talentpool.tenancy.models import Role

from ..conftest import logged_in_client
from ..factories import make_candidate, make_member


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/candidates/",
        "/api/v1/documents/",
        "/api/v1/duplicates/",
        "/api/v1/imports/",
        "/pool/",
        "/pool/duplicates/",
        "/pool/imports/",
    ],
)
def test_hiring_manager_cannot_read_the_pool(tenant_a, path):
    candidate = make_candidate(tenant_a, full_name="Pool Person")
    manager = logged_in_client(make_member(tenant_a, Role.HIRING_MANAGER, email="hm@alpha.test"))
    assert manager.get(path).status_code == 403
    if path == "/pool/":
        assert manager.get(f"/pool/{candidate.pk}/").status_code == 403
        assert manager.get(f"/api/v1/candidates/{candidate.pk}/").status_code == 403


def test_viewer_still_reads_the_pool(tenant_a, viewer_a):
    make_candidate(tenant_a, full_name="Pool Person")
    viewer = logged_in_client(viewer_a)
    assert viewer.get("/api/v1/candidates/").status_code == 200
    assert viewer.get("/pool/").status_code == 200


def test_hiring_manager_lands_on_their_reviews_not_the_pool_overview(tenant_a):
    make_candidate(tenant_a, full_name="Pool Person")
    manager = logged_in_client(make_member(tenant_a, Role.HIRING_MANAGER, email="hm@alpha.test"))
    response = manager.get("/")
    assert response.status_code == 302 and response["Location"] == "/review/"
