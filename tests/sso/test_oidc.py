"""OpenID Connect sign-in against a real provider (oidc-provider-mock) started by the tests. Django's test client
is the browser on our side; the provider's own authorization form is submitted over HTTP."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from privacy.models import AuditEntry
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.middleware import SESSION_TENANT_KEY
from talentpool.tenancy.models import Membership, Role
from tests.factories import PASSWORD, make_member

from .conftest import oidc_provider, verify_domain
from .idp import BAD_TOKENS, local_path


def start(client: Client, provider) -> str:
    response = client.post(provider.login_url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def sign_in(client: Client, provider, idp, sub: str):
    callback = idp.authorize(start(client, provider), sub)
    return client.get(local_path(callback)), callback


def logged_in_user(client: Client):
    from django.contrib.auth import get_user

    class _Request:
        session = client.session

    user = get_user(_Request())
    return user if user.is_authenticated else None


def entries(tenant, action: str):
    with tenant_context(tenant):
        return list(AuditEntry.objects.filter(action=action))


def membership(tenant, user):
    with tenant_context(tenant):
        return Membership.objects.filter(user=user).first()


@pytest.fixture
def acme(tenant_a, admin_a, oidc_idp):
    return oidc_provider(tenant_a, oidc_idp, slug="acme-oidc", domains=["acme.test"])


def test_the_authorization_request_carries_state_nonce_and_pkce(client, acme):
    query = parse_qs(urlsplit(start(client, acme)).query)
    assert query["state"][0] and query["nonce"][0]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["client_id"] == ["client-acme-oidc"]


def test_sign_in_provisions_the_user_into_the_provider_tenant_with_the_mapped_role(
    client, tenant_a, acme, oidc_idp
):
    sso.mapping_save(tenant_a, group="talent-acquisition", role=Role.RECRUITER)
    oidc_idp.set_user(
        "ada", email="ada@acme.test", name="Ada Lovelace", groups=["staff", "talent-acquisition"]
    )
    response, _ = sign_in(client, acme, oidc_idp, "ada")
    assert response.status_code == 302 and response["Location"] == "/", response.content[:300]
    user = logged_in_user(client)
    assert user is not None and user.email == "ada@acme.test" and user.name == "Ada Lovelace"
    assert not user.has_usable_password()
    assert client.session[SESSION_TENANT_KEY] == tenant_a.pk
    assert membership(tenant_a, user).role == Role.RECRUITER
    assert [entry.details.get("method") for entry in entries(tenant_a, "sso.login")] == ["sso"]
    assert client.get("/").status_code == 200


def test_default_role_first_then_groups_move_the_member(client, tenant_a, acme, oidc_idp):
    sso.settings_save(tenant_a, sso_required=False, default_role=Role.HIRING_MANAGER)
    oidc_idp.set_user("bo", email="bo@acme.test")
    sign_in(client, acme, oidc_idp, "bo")
    user = logged_in_user(client)
    assert membership(tenant_a, user).role == Role.HIRING_MANAGER
    sso.mapping_save(tenant_a, group="admins", role=Role.ADMIN)
    oidc_idp.set_user("bo", email="bo@acme.test", groups=["admins"])
    second = Client()
    sign_in(second, acme, oidc_idp, "bo")
    assert logged_in_user(second) == user and membership(tenant_a, user).role == Role.ADMIN


def test_one_person_keeps_every_tenant(client, tenant_a, tenant_b, acme, oidc_idp):
    person = make_member(tenant_b, Role.VIEWER, email="multi@acme.test")
    oidc_idp.set_user("multi", email="multi@acme.test")
    sign_in(client, acme, oidc_idp, "multi")
    assert logged_in_user(client) == person
    assert membership(tenant_a, person) is not None and membership(tenant_b, person).role == Role.VIEWER
    assert client.session[SESSION_TENANT_KEY] == tenant_a.pk


def test_a_provider_cannot_sign_in_an_email_whose_domain_another_tenant_verified(
    client, tenant_a, tenant_b, acme, oidc_idp
):
    verify_domain(tenant_b, "beta.test")
    oidc_idp.set_user("mallory", email="ceo@beta.test")
    response, _ = sign_in(client, acme, oidc_idp, "mallory")
    assert response.status_code == 403 and b"another organisation" in response.content
    assert logged_in_user(client) is None
    assert [entry.details["code"] for entry in entries(tenant_a, "sso.failure")] == ["domain_of_other_tenant"]
    from talentpool.accounts.models import User

    assert not User.objects.filter(email="ceo@beta.test").exists()


def test_an_unverified_domain_is_refused(client, tenant_a, acme, oidc_idp):
    sso.domain_add(tenant_a, domain="unproven.test")
    oidc_idp.set_user("eve", email="eve@unproven.test")
    response, _ = sign_in(client, acme, oidc_idp, "eve")
    assert response.status_code == 403 and logged_in_user(client) is None
    assert entries(tenant_a, "sso.failure")[0].details["code"] == "domain_not_verified"


def test_tenant_b_provider_cannot_enter_tenant_a(client, tenant_a, tenant_b, admin_b, acme, oidc_idp):
    beta = oidc_provider(tenant_b, oidc_idp, slug="beta-oidc", domains=["beta.test"])
    oidc_idp.set_user("ada2", email="ada@acme.test")
    response, _ = sign_in(client, beta, oidc_idp, "ada2")
    assert response.status_code == 403 and logged_in_user(client) is None
    assert entries(tenant_b, "sso.failure")[0].details["code"] == "domain_of_other_tenant"


def test_a_replayed_callback_is_refused(client, acme, oidc_idp):
    oidc_idp.set_user("rex", email="rex@acme.test")
    response, callback = sign_in(client, acme, oidc_idp, "rex")
    assert response.status_code == 302
    attacker = Client()
    replay = attacker.get(local_path(callback))
    assert replay.status_code == 400 and logged_in_user(attacker) is None
    again = client.get(local_path(callback))  # the same browser: the state was used up
    assert again.status_code == 400


@pytest.mark.parametrize("mode", BAD_TOKENS)
def test_a_bad_id_token_shows_a_clear_page_writes_an_audit_entry_and_signs_nobody_in(
    client, tenant_a, acme, oidc_idp, mode
):
    oidc_idp.set_user("tim", email="tim@acme.test")
    oidc_idp.bad_token(mode)
    response, _ = sign_in(client, acme, oidc_idp, "tim")
    assert response.status_code in (400, 403), (mode, response.status_code)
    assert b"data-sso-error" in response.content
    assert logged_in_user(client) is None
    [entry] = entries(tenant_a, "sso.failure")
    assert BAD_TOKENS[mode] in str(entry.details), entry.details
    from talentpool.accounts.models import User

    assert not User.objects.filter(email__startswith="tim@").exists()


def test_sso_required_refuses_passwords_of_members_and_audits_the_admin_break_glass(
    client, tenant_a, admin_a, recruiter_a, acme
):
    sso.settings_save(tenant_a, sso_required=True, default_role=Role.VIEWER)
    refused = client.post("/accounts/login/", {"email": recruiter_a.email, "password": PASSWORD})
    assert refused.status_code == 403 and b"data-sso-required" in refused.content
    assert logged_in_user(client) is None
    assert entries(tenant_a, "sso.failure")[0].details["code"] == "password_login_refused"
    admin = Client()
    assert admin.post("/accounts/login/", {"email": admin_a.email, "password": PASSWORD}).status_code == 302
    with tenant_context(tenant_a):
        assert (
            AuditEntry.objects.filter(details__contains={"event": "sso.break_glass"}).exists()
            or AuditEntry.objects.filter(action="sso.break_glass").exists()
        )


def test_lockout_still_works_next_to_sso(client, recruiter_a, settings):
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/accounts/login/", {"email": recruiter_a.email, "password": "wrong password"})
    locked = client.post("/accounts/login/", {"email": recruiter_a.email, "password": PASSWORD})
    assert locked.status_code == 400 and logged_in_user(client) is None


def test_deprovisioned_person_cannot_sign_in_again(client, tenant_a, acme, oidc_idp):
    from talentpool.scim import services as scim

    oidc_idp.set_user("gone", email="gone@acme.test")
    with tenant_context(tenant_a):
        row = scim.user_create(
            tenant_a, {"userName": "gone@acme.test", "emails": [{"value": "gone@acme.test"}]}
        )
        scim.set_active(tenant_a, row, False)
    response, _ = sign_in(client, acme, oidc_idp, "gone")
    assert response.status_code == 403 and logged_in_user(client) is None


def test_tenant_login_page_and_email_discovery(client, tenant_a, acme):
    page = client.get(f"/t/{tenant_a.slug}/login")
    assert page.status_code == 200 and b"Sign in with Acme SSO" in page.content
    assert client.get("/t/no-such-tenant/login").status_code == 404
    found = client.get("/accounts/sso/", {"email": "someone@ACME.test", "next": "/pool/"})
    assert found.status_code == 302 and found["Location"] == f"/t/{tenant_a.slug}/login?next=/pool/"
    unknown = client.get("/accounts/sso/", {"email": "x@nowhere.test"})
    assert unknown.status_code == 400
    assert client.get("/accounts/sso/", {"email": "not an email"}).status_code == 400


def test_inactive_provider_is_refused(client, tenant_a, acme, oidc_idp):
    with tenant_context(tenant_a):
        acme.is_active = False
        acme.save()
    oidc_idp.set_user("ina", email="ina@acme.test")
    response, _ = sign_in(client, acme, oidc_idp, "ina")
    assert response.status_code == 403 and logged_in_user(client) is None


def test_a_session_from_another_tenants_provider_cannot_switch_into_an_sso_required_tenant(
    client, tenant_a, tenant_b, admin_b, oidc_idp
):
    beta = oidc_provider(tenant_b, oidc_idp, slug="beta-oidc", domains=["beta.test"])
    person = make_member(tenant_a, Role.RECRUITER, email="bob@beta.test")
    sso.settings_save(tenant_a, sso_required=True, default_role=Role.VIEWER)
    oidc_idp.set_user("bob", email="bob@beta.test")
    sign_in(client, beta, oidc_idp, "bob")
    assert logged_in_user(client) == person and client.session[SESSION_TENANT_KEY] == tenant_b.pk
    client.post("/accounts/switch-tenant/", {"tenant_id": tenant_a.pk})
    assert client.session[SESSION_TENANT_KEY] == tenant_b.pk
