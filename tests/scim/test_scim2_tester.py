"""scim2-tester (the PyPI reference checker) against the running app: every check passes, or is listed in
docs/sso.md ("SCIM conformance") with the reason; a check not listed there that fails fails this test."""

from __future__ import annotations

import pytest
from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import check_server
from scim2_tester.utils import Status

from talentpool.scim.tokens import scim_token_create
from tests.factories import make_member, make_tenant

# (title, resource type, a phrase of the reason) of checks that fail for a reason docs/sso.md gives.
DOCUMENTED_FAILURES = {
    ("check_remove_attribute", "User", "'active'")
}  # a member is active or not, never unset


def documented(result) -> bool:
    return any(
        result.title == title and result.resource_type == kind and phrase in (result.reason or "")
        for title, kind, phrase in DOCUMENTED_FAILURES
    )


@pytest.mark.django_db(transaction=True)
def test_scim2_tester_checks_pass_against_the_live_server(live_server):
    tenant = make_tenant(slug="scim-check")
    make_member(tenant, "admin")
    token = scim_token_create(tenant, name="checker").token
    http = Client(
        base_url=f"{live_server.url}/scim/v2", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    results = check_server(SyncSCIMClient(http))
    ran = [result for result in results if result.status != Status.SKIPPED]
    assert len(ran) >= 10
    failed = [
        (r.title, r.resource_type, r.reason)
        for r in results
        if r.status not in (Status.SUCCESS, Status.SKIPPED) and not documented(r)
    ]
    print("\n".join(f"{r.status.name:8} {r.resource_type or '-':6} {r.title}: {r.reason}" for r in results))
    assert not failed, "\n".join(map(str, failed))
