"""In Debian's Chromium: a person types their work email on our login page, clicks "Sign in with …",
authenticates at a real OpenID provider (oidc-provider-mock) and lands on the right tenant's dashboard with the
right role. Also takes the screenshots of the login and SSO settings pages (.local/screenshots/sso/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentpool.accounts.sso import services as sso
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership, Role
from tests.e2e.conftest import BROWSER_MARKS, log_in, open_page
from tests.factories import make_member, make_tenant

from .conftest import oidc_provider

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots" / "sso"


@pytest.fixture
def acme(oidc_idp):
    tenant = make_tenant("Acme 人才", slug="acme")
    make_member(tenant, Role.ADMIN, email="root@acme.test")
    other = make_tenant("Other Co", slug="other-co")
    make_member(other, Role.ADMIN, email="root@other.test")
    oidc_provider(other, oidc_idp, slug="other-oidc", domains=["other.test"], name="Other IdP")
    provider = oidc_provider(tenant, oidc_idp, slug="acme-oidc", domains=["acme.test"], name="Acme Okta")
    sso.mapping_save(tenant, group="recruiting", role=Role.RECRUITER)
    return tenant, provider


def test_sign_in_with_the_company_provider_lands_in_the_tenant_dashboard_with_the_mapped_role(
    browser, live_server, acme, oidc_idp
):
    tenant, provider = acme
    oidc_idp.set_user("ada", email="ada@acme.test", name="Ada 洛芙莱斯", groups=["recruiting"])
    page, errors = open_page(browser, "en-US")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#sso-email", "ada@acme.test")
    page.get_by_role("button", name="Continue with single sign-on").click()
    page.wait_for_url(f"{live_server.url}/t/acme/login")
    assert not errors, errors
    page.get_by_role("button", name="Sign in with Acme Okta").click()
    page.wait_for_url(lambda url: url.startswith(oidc_idp.url))  # the provider's own sign-in page
    page.fill("input[name=sub]", "ada")
    page.get_by_role("button", name="Authorize").click()
    errors.clear()  # the provider's page loads assets from the internet; only our pages' errors count
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    assert "Acme 人才" in page.locator(".switcher--tenant, .switcher").first.inner_text()
    from talentpool.accounts.models import User

    user = User.objects.get(email="ada@acme.test")
    with tenant_context(tenant):
        assert Membership.objects.get(user=user).role == Role.RECRUITER
    assert not errors, errors


def test_portal_link_and_a_refused_domain_show_a_clear_page(browser, live_server, acme, oidc_idp):
    oidc_idp.set_user("intruder", email="boss@other.test")
    page, _ = open_page(browser, "zh-CN")
    page.goto(f"{live_server.url}/t/acme/login")  # the corporate portal's link
    page.get_by_role("button", name="Acme Okta").click()
    page.wait_for_url(lambda url: url.startswith(oidc_idp.url))
    page.fill("input[name=sub]", "intruder")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector("[data-sso-error]")
    assert "/accounts/oidc/acme-oidc/login/callback/" in page.url
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # nobody was signed in


@pytest.mark.parametrize("language", ["en-US", "zh-CN"])
@pytest.mark.parametrize("width", [1440, 375])
def test_screenshots_of_the_login_and_sso_settings_pages(browser, live_server, acme, language, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = f"{language[:2]}-{width}"
    page, errors = open_page(browser, language, {"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.screenshot(path=str(SHOTS / f"{tag}-login.png"), full_page=True)
    page.goto(f"{live_server.url}/t/acme/login")
    page.screenshot(path=str(SHOTS / f"{tag}-tenant-login.png"), full_page=True)
    log_in(page, live_server.url, "root@acme.test")
    page.goto(f"{live_server.url}/accounts/sso/settings/")
    page.wait_for_selector("#sso-providers-title")
    page.screenshot(path=str(SHOTS / f"{tag}-sso-settings.png"), full_page=True)
    assert not errors, errors


def test_saml_sign_in_in_the_browser_lands_in_the_tenant_dashboard(browser, live_server, acme):
    import requests

    from talentpool.accounts.models import SsoProtocol, SsoProvider

    from .saml_idp import start_saml_idp

    tenant, _oidc = acme
    idp = start_saml_idp()
    try:
        row = SsoProvider(
            slug="acme-saml",
            name="Acme ADFS",
            protocol=SsoProtocol.SAML,
            idp_metadata_url=idp.url + "/metadata",
            idp_entity_id=idp.entity_id,
        )
        with tenant_context(tenant):
            sso.provider_save(tenant, provider=row)
        idp.trust_sp(requests.get(f"{live_server.url}/accounts/saml/acme-saml/metadata/", timeout=10).text)
        idp.users["sam"] = {"mail": ["sam@acme.test"], "displayName": ["Sam"], "isMemberOf": ["recruiting"]}
        page, errors = open_page(browser, "zh-CN")
        page.goto(f"{live_server.url}/t/acme/login")
        page.get_by_role("button", name="Acme ADFS").click()
        page.wait_for_url(lambda url: url.startswith(idp.url))
        page.fill("input[name=user]", "sam")
        page.get_by_role("button", name="Sign in").click()
        errors.clear()  # the test IdP has no favicon; only our pages' errors count
        page.wait_for_url(f"{live_server.url}/")
        page.wait_for_load_state("networkidle")
        from talentpool.accounts.models import User

        with tenant_context(tenant):
            assert Membership.objects.get(user=User.objects.get(email="sam@acme.test")).role == Role.RECRUITER
        assert not errors, errors
    finally:
        idp.server.shutdown()
