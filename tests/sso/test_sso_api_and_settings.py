"""SSO configuration through the API and the admin settings page; admins only, one tenant's rows only."""

from __future__ import annotations

import json

from talentpool.accounts.models import SsoProvider
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context
from tests.conftest import bearer

from .conftest import verify_domain

OIDC = {
    "slug": "alpha-okta",
    "name": "Alpha Okta",
    "protocol": "openid_connect",
    "issuer_url": "https://alpha.okta.test",
    "client_id": "abc",
    "client_secret": "xyz",
}


def test_admin_configures_providers_domains_roles_and_policy_over_the_api(admin_client_a, tenant_a):
    created = admin_client_a.post("/api/v1/sso/providers/", OIDC, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert "client_secret" not in body and body["login_url"] == "/accounts/oidc/alpha-okta/login/"
    patched = admin_client_a.patch(
        f"/api/v1/sso/providers/{body['id']}/", {"name": "Alpha 单点"}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["name"] == "Alpha 单点"
    with tenant_context(tenant_a):
        assert SsoProvider.objects.get().client_secret == "xyz"  # kept when not sent
    missing = admin_client_a.post(
        "/api/v1/sso/providers/", {**OIDC, "slug": "x2", "issuer_url": ""}, content_type="application/json"
    )
    assert missing.status_code == 400 and "issuer_url" in json.dumps(missing.json())
    taken = admin_client_a.post("/api/v1/sso/providers/", OIDC, content_type="application/json")
    assert taken.status_code == 400
    bad_saml = admin_client_a.post(
        "/api/v1/sso/providers/",
        {"slug": "s", "name": "S", "protocol": "saml", "idp_metadata_xml": "<nope/>"},
        content_type="application/json",
    )
    assert bad_saml.status_code == 400

    domain = admin_client_a.post(
        "/api/v1/sso/domains/", {"domain": "Alpha.test"}, content_type="application/json"
    )
    assert domain.status_code == 201 and domain.json()["txt_record"].startswith("talentpool-verification=")
    assert domain.json()["verified_at"] is None
    unverifiable = admin_client_a.post(f"/api/v1/sso/domains/{domain.json()['id']}/verify/")
    assert unverifiable.status_code == 400  # no such TXT record in DNS

    mapping = admin_client_a.post(
        "/api/v1/sso/group-roles/", {"group": "HR", "role": "recruiter"}, content_type="application/json"
    )
    assert mapping.status_code == 201
    policy = admin_client_a.patch(
        "/api/v1/sso/settings/", {"sso_required": True}, content_type="application/json"
    )
    assert policy.status_code == 200 and policy.json() == {"sso_required": True, "default_role": "viewer"}
    assert (
        admin_client_a.patch(
            "/api/v1/sso/settings/", {"default_role": "boss"}, content_type="application/json"
        ).status_code
        == 400
    )


def test_non_admins_and_api_keys_cannot_touch_sso(recruiter_client, client, key_a):
    assert recruiter_client.get("/api/v1/sso/providers/").status_code == 403
    assert recruiter_client.get("/accounts/sso/settings/").status_code == 403
    assert client.get("/api/v1/sso/providers/", **bearer(key_a)).status_code == 403
    assert client.post("/api/v1/sso/settings/", {}, **bearer(key_a)).status_code in (403, 405)


def test_a_domain_verified_by_one_tenant_cannot_be_verified_by_another(tenant_a, tenant_b):
    verify_domain(tenant_a, "shared.test")
    row = sso.domain_add(tenant_b, domain="shared.test")
    import pytest

    from talentpool.tenancy.services import TenancyError

    with pytest.raises(TenancyError, match="Another organisation"):
        sso.domain_verify(tenant_b, domain=row, txt_records=[row.txt_record])
    assert sso.domain_owner("x@shared.test") == tenant_a


def test_settings_page_adds_a_provider_and_shows_only_this_tenants_rows(
    admin_client_a, admin_client_b, tenant_b
):
    page = admin_client_a.get("/accounts/sso/settings/")
    assert page.status_code == 200
    saved = admin_client_a.post(
        "/accounts/sso/settings/", {"action": "provider", **OIDC, "is_active": "on", "scopes": "openid email"}
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert b"Alpha Okta" in admin_client_a.get("/accounts/sso/settings/").content
    assert b"Alpha Okta" not in admin_client_b.get("/accounts/sso/settings/").content
    invalid = admin_client_a.post(
        "/accounts/sso/settings/",
        {"action": "provider", "slug": "x", "name": "X", "protocol": "openid_connect"},
    )
    assert invalid.status_code == 400
    token = admin_client_a.post("/accounts/sso/settings/", {"action": "scim_token", "name": "Okta"})
    assert token.status_code == 200 and b"tpscim_" in token.content
    # Ids of another tenant's rows are not found.
    with tenant_context(tenant_b):
        other = sso.domain_add(tenant_b, domain="beta.test")
    assert (
        admin_client_a.post(
            "/accounts/sso/settings/", {"action": "domain_delete", "id": other.pk}
        ).status_code
        == 404
    )
