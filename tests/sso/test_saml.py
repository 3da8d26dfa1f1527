"""SAML 2.0 sign-in against a real IdP (pysaml2, signing with xmlsec1) started by the tests: SP-initiated,
IdP-initiated from the portal, and the refusals (unsigned, replayed, another tenant's domain)."""

from __future__ import annotations

import re
from html import unescape

import pytest
import requests
from django.test import Client

from talentpool.accounts.models import SsoProtocol, SsoProvider
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.middleware import SESSION_TENANT_KEY
from talentpool.tenancy.models import Membership, Role

from .conftest import verify_domain
from .idp import local_path
from .saml_idp import start_saml_idp
from .test_oidc import entries, logged_in_user


@pytest.fixture
def client():
    return Client(HTTP_HOST="testserver")  # browsers always send Host; python3-saml reads it


@pytest.fixture(scope="module")
def saml_idp():
    idp = start_saml_idp()
    yield idp
    idp.server.shutdown()


@pytest.fixture
def acme_saml(tenant_a, admin_a, saml_idp, client):
    verify_domain(tenant_a, "acme.test")
    row = SsoProvider(
        slug="acme-saml",
        name="Acme ADFS",
        protocol=SsoProtocol.SAML,
        idp_metadata_xml=saml_idp.metadata_xml(),
        signed_assertions_required=True,
    )
    with tenant_context(tenant_a):
        sso.provider_save(tenant_a, provider=row)
    metadata = client.get("/accounts/saml/acme-saml/metadata/")
    assert metadata.status_code == 200
    saml_idp.trust_sp(metadata.content.decode())  # the IdP admin registers our metadata
    saml_idp.unsigned = False
    saml_idp.users["sam"] = {
        "mail": ["sam@acme.test"],
        "displayName": ["Sam 山姆"],
        "isMemberOf": ["recruiting"],
    }
    return row


def form_fields(html: str) -> tuple[str, dict]:
    action = unescape(re.search(r'action="([^"]+)"', html).group(1))
    fields = {name: unescape(value) for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', html)}
    return action, fields


def post_to_acs(client: Client, html: str):
    action, fields = form_fields(html)
    return client.post(local_path(action), fields, follow=True)


def test_sp_initiated_sign_in_lands_in_the_tenant_with_the_mapped_role(client, tenant_a, acme_saml, saml_idp):
    sso.mapping_save(tenant_a, group="recruiting", role=Role.RECRUITER)
    start = client.post(acme_saml.login_url)
    assert start.status_code == 302 and start["Location"].startswith(f"{saml_idp.url}/sso?SAMLRequest=")
    query = dict(re.findall(r"(SAMLRequest|RelayState)=([^&]+)", start["Location"]))
    from urllib.parse import unquote

    html = requests.post(
        f"{saml_idp.url}/sso",
        data={
            "SAMLRequest": unquote(query["SAMLRequest"]),
            "RelayState": unquote(query.get("RelayState", "")),
            "user": "sam",
        },
        timeout=10,
    ).text
    response = post_to_acs(client, html)
    assert response.redirect_chain[-1][0] == "/", response.redirect_chain
    user = logged_in_user(client)
    assert user is not None and user.email == "sam@acme.test" and user.name == "Sam 山姆"
    assert client.session[SESSION_TENANT_KEY] == tenant_a.pk
    with tenant_context(tenant_a):
        assert Membership.objects.get(user=user).role == Role.RECRUITER
    assert entries(tenant_a, "sso.login")


def test_idp_initiated_sign_in_from_the_portal_and_its_replay(client, tenant_a, acme_saml, saml_idp):
    acs = "http://testserver/accounts/saml/acme-saml/acs/"
    sp = "http://testserver/accounts/saml/acme-saml/metadata/"
    html = requests.get(
        f"{saml_idp.url}/portal", params={"user": "sam", "sp": sp, "acs": acs}, timeout=10
    ).text
    response = post_to_acs(client, html)
    assert logged_in_user(client) is not None and response.redirect_chain[-1][0] == "/"
    replayer = Client(HTTP_HOST="testserver")
    replay = post_to_acs(replayer, html)
    assert replay.status_code == 403 and logged_in_user(replayer) is None, (
        replay.redirect_chain,
        replay.content[:1500],
    )
    assert entries(tenant_a, "sso.failure")[0].details["code"] == "replayed"


def test_an_unsigned_response_is_refused_with_a_clear_page_and_an_audit_entry(
    client, tenant_a, acme_saml, saml_idp
):
    saml_idp.unsigned = True
    acs = "http://testserver/accounts/saml/acme-saml/acs/"
    sp = "http://testserver/accounts/saml/acme-saml/metadata/"
    html = requests.get(
        f"{saml_idp.url}/portal", params={"user": "sam", "sp": sp, "acs": acs}, timeout=10
    ).text
    response = post_to_acs(client, html)
    assert response.status_code == 400 and b"data-sso-error" in response.content
    assert logged_in_user(client) is None
    [entry] = entries(tenant_a, "sso.failure")
    assert "not signed" in entry.details["saml"], entry.details


def test_a_saml_provider_cannot_sign_in_another_tenants_domain(
    client, tenant_a, tenant_b, acme_saml, saml_idp
):
    verify_domain(tenant_b, "beta.test")
    saml_idp.users["intruder"] = {"mail": ["ceo@beta.test"], "displayName": ["X"]}
    acs = "http://testserver/accounts/saml/acme-saml/acs/"
    sp = "http://testserver/accounts/saml/acme-saml/metadata/"
    html = requests.get(
        f"{saml_idp.url}/portal", params={"user": "intruder", "sp": sp, "acs": acs}, timeout=10
    ).text
    response = post_to_acs(client, html)
    assert response.status_code == 403 and logged_in_user(client) is None
