"""TOTP multi-factor login (decision 0014): a member enrols from the profile page (QR code, secret as text, a code to
confirm, recovery codes shown once and stored hashed, the secret encrypted); a password login then asks for a code;
wrong codes are limited and audited; a tenant can make its admins enrol before they use the dashboard; single
sign-on is not asked for a code."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.db import connection
from django.test import Client

from privacy.models import AuditEntry
from talentpool.accounts import mfa
from talentpool.accounts.models import RecoveryCode, TotpDevice
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Role, Tenant

from ..factories import PASSWORD, make_member


def login(client, email, password=PASSWORD, ip="10.9.0.1"):
    return client.post("/accounts/login/", {"email": email, "password": password}, REMOTE_ADDR=ip)


def logged_in(client) -> bool:
    return client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def audit_actions(tenant, action: str) -> list[AuditEntry]:
    with tenant_context(tenant):
        return list(AuditEntry.objects.filter(action=action).order_by("created_at"))


def enrol(client) -> tuple[pyotp.TOTP, list[str]]:
    """Set up MFA through the pages, as a person would: read the key from the page, type a code from the app."""
    page = client.get("/accounts/mfa/setup/")
    assert page.status_code == 200
    secret = re.search(r"data-mfa-secret>([A-Z2-7 ]+)<", page.content.decode()).group(1).replace(" ", "")
    totp = pyotp.TOTP(secret)
    done = client.post("/accounts/mfa/setup/", {"code": totp.now()})
    assert done.status_code == 200, done.content.decode()[:500]
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.content.decode())
    return totp, codes


def code_at(totp: pyotp.TOTP, steps_from_now: int) -> str:
    return totp.at(time.time() + steps_from_now * totp.interval)


@pytest.fixture
def enrolled(admin_a):
    client = Client()
    assert login(client, admin_a.email).status_code == 302
    totp, codes = enrol(client)
    return totp, codes


def test_a_member_enrols_with_a_qr_code_and_gets_recovery_codes_stored_hashed(admin_a, tenant_a):
    client = Client()
    assert login(client, admin_a.email).status_code == 302
    profile = client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/mfa/setup/"' in profile and "data-mfa-status" in profile
    page = client.get("/accounts/mfa/setup/").content.decode()
    assert 'src="/accounts/mfa/qr.svg"' in page
    qr = client.get("/accounts/mfa/qr.svg")
    assert (
        qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and qr["Cache-Control"] == "no-store"
    )
    assert qr.content.lstrip().startswith(b"<svg") and b"<script" not in qr.content
    secret = re.search(r"data-mfa-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
    # A wrong code is a field error and turns nothing on.
    wrong = client.post(
        "/accounts/mfa/setup/", {"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "1"}
    )
    assert wrong.status_code == 400 and "field--invalid" in wrong.content.decode()
    assert not mfa.has_mfa(admin_a)
    done = client.post("/accounts/mfa/setup/", {"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert mfa.has_mfa(admin_a)
    # At rest: the secret is encrypted, the recovery codes are hashes.
    device = TotpDevice.objects.get(user=admin_a)
    assert secret not in device.secret_encrypted and device.secret_encrypted.startswith("gAAAA")
    with connection.cursor() as cursor:
        cursor.execute("SELECT code_hash FROM accounts_recoverycode WHERE user_id = %s", [admin_a.pk])
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == 10 and not set(codes) & set(stored)
    # The secret is never shown again, and the profile says MFA is on.
    assert client.get("/accounts/mfa/qr.svg").status_code == 404
    assert client.get("/accounts/mfa/setup/").status_code == 302
    assert "10 recovery codes left" in client.get("/accounts/profile/").content.decode()
    assert len(audit_actions(tenant_a, "mfa.enrolled")) == 1


def test_a_password_login_then_asks_for_the_code_and_a_code_works_once(admin_a, tenant_a, enrolled):
    totp, _codes = enrolled
    client = Client()
    response = login(client, admin_a.email)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert not logged_in(client)  # the password alone is not a login
    wrong = client.post("/accounts/login/code/", {"code": "12345x"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert not logged_in(client)
    assert len(audit_actions(tenant_a, "mfa.failure")) == 1
    code = code_at(totp, 1)  # the enrolment used the current step; the next one is still inside the window
    assert client.post("/accounts/login/code/", {"code": code}).status_code == 302
    assert logged_in(client)
    logins = audit_actions(tenant_a, "auth.login")
    assert [entry.details["method"] for entry in logins] == ["password", "password+totp"]
    # The same code cannot be used again (no replay), even in a fresh login.
    again = Client()
    login(again, admin_a.email)
    assert again.post("/accounts/login/code/", {"code": code}).status_code == 400
    assert not logged_in(again)


def test_a_recovery_code_logs_in_once(admin_a, enrolled):
    _totp, codes = enrolled
    client = Client()
    login(client, admin_a.email)
    response = client.post("/accounts/login/code/", {"code": codes[0].upper()}, follow=True)
    assert logged_in(client) and "9 left" in response.content.decode()
    assert RecoveryCode.objects.filter(user=admin_a, used_at__isnull=False).count() == 1
    other = Client()
    login(other, admin_a.email)
    assert other.post("/accounts/login/code/", {"code": codes[0]}).status_code == 400
    assert not logged_in(other)


def test_wrong_codes_are_limited_and_then_even_the_right_code_is_refused(admin_a, enrolled, settings):
    totp, _codes = enrolled
    settings.MFA_CODE_FAILURE_LIMIT = 3
    client = Client()
    login(client, admin_a.email)
    for _ in range(2):
        assert client.post("/accounts/login/code/", {"code": "999999x"}).status_code == 400
    last = client.post("/accounts/login/code/", {"code": "999999x"})
    assert last.status_code == 302 and last["Location"] == "/accounts/login/"  # the login starts over
    assert client.post("/accounts/login/code/", {"code": code_at(totp, 1)}).status_code == 302
    assert not logged_in(client)
    # A new password step does not reset the limit: the right code is refused for the window.
    assert login(client, admin_a.email, ip="10.9.0.2").status_code == 302
    refused = client.post("/accounts/login/code/", {"code": code_at(totp, 1)})
    assert refused.status_code == 302 and refused["Location"] == "/accounts/login/"
    assert not logged_in(client)


def test_a_code_step_waits_only_so_long(admin_a, enrolled, settings):
    totp, _codes = enrolled
    settings.MFA_PENDING_SECONDS = -1
    client = Client()
    login(client, admin_a.email)
    response = client.post("/accounts/login/code/", {"code": code_at(totp, 1)})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not logged_in(client)


def test_the_code_page_without_a_password_step_sends_to_the_login(client, db):
    response = client.get("/accounts/login/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_turning_mfa_off_needs_a_code_and_is_audited(admin_a, tenant_a, enrolled):
    totp, codes = enrolled
    client = Client()
    login(client, admin_a.email)
    client.post(
        "/accounts/login/code/", {"code": codes[0]}
    )  # a recovery code: the app's next code stays fresh
    wrong = client.post("/accounts/mfa/disable/", {"code": "000000x"})
    assert wrong.status_code == 400 and mfa.has_mfa(admin_a)
    # A code older than the last one accepted (the enrolment's) is refused too.
    assert client.post("/accounts/mfa/disable/", {"code": code_at(totp, -1)}).status_code == 400
    assert client.post("/accounts/mfa/disable/", {"code": code_at(totp, 1)}).status_code == 302
    assert not mfa.has_mfa(admin_a) and not RecoveryCode.objects.filter(user=admin_a).exists()
    assert len(audit_actions(tenant_a, "mfa.disabled")) == 1
    # Off: the password alone logs in again.
    fresh = Client()
    assert login(fresh, admin_a.email)["Location"] != "/accounts/login/code/"
    assert logged_in(fresh)


def test_new_recovery_codes_replace_the_old_ones(admin_a, enrolled):
    totp, codes = enrolled
    client = Client()
    login(client, admin_a.email)
    client.post("/accounts/login/code/", {"code": codes[0]})
    page = client.post("/accounts/mfa/recovery-codes/", {"code": code_at(totp, 1)})
    fresh = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", page.content.decode())
    assert page.status_code == 200 and len(fresh) == 10 and not set(fresh) & set(codes)
    other = Client()
    login(other, admin_a.email)
    assert other.post("/accounts/login/code/", {"code": codes[1]}).status_code == 400
    assert other.post("/accounts/login/code/", {"code": fresh[1]}).status_code == 302


def test_a_tenant_that_requires_mfa_sends_its_admins_to_enrol_first(tenant_a, admin_a, recruiter_a):
    Tenant.objects.filter(pk=tenant_a.pk).update(admins_require_mfa=True)
    client = Client()
    assert login(client, admin_a.email).status_code == 302
    page = client.get("/pool/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/mfa/setup/?next=%2Fpool%2F")
    htmx = client.get("/pool/", HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == "/accounts/mfa/setup/"
    api = client.get("/api/v1/members/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "mfa_required"
    setup = client.get("/accounts/mfa/setup/")
    assert setup.status_code == 200 and "data-mfa-required" in setup.content.decode()
    # Recruiters are not asked; the admin is let in once enrolled.
    recruiter = Client()
    login(recruiter, recruiter_a.email)
    assert recruiter.get("/pool/").status_code == 200
    enrol(client)
    assert client.get("/pool/").status_code == 200


def test_the_setting_is_saved_from_the_general_settings_page(admin_client_a, tenant_a):
    page = admin_client_a.get("/settings/")
    assert 'name="mfa-admins_require_mfa"' in page.content.decode()
    response = admin_client_a.post(
        "/settings/",
        {
            "name": tenant_a.name,
            "time_zone": tenant_a.time_zone,
            "default_language": tenant_a.default_language,
            "mfa-admins_require_mfa": "on",
            **_other_sections(page),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Tenant.objects.get(pk=tenant_a.pk).admins_require_mfa


def _other_sections(page) -> dict:
    """The other sections' fields as the page filled them (checked boxes and text inputs)."""
    html = page.content.decode()
    values: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]+>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1).startswith("mfa-") or name.group(1) == "csrfmiddlewaretoken":
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) in ("checkbox", "radio") and "checked" not in tag:
            continue
        values.setdefault(name.group(1), []).append(value.group(1) if value else "")
    return {
        key: items if len(items) > 1 else items[0] for key, items in values.items() if key not in ("name",)
    }


def test_the_code_page_and_setup_are_translated(admin_a, enrolled):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    login(client, admin_a.email)
    page = client.get("/accounts/login/code/")
    assert "输入验证码" in page.content.decode()
    wrong = client.post("/accounts/login/code/", {"code": "0"})
    assert "验证码不正确" in wrong.content.decode()


def test_an_admin_of_a_tenant_requiring_mfa_signed_in_through_sso_is_not_asked(tenant_a, admin_a, oidc_idp):
    from talentpool.accounts.sso import services as sso
    from tests.sso.conftest import oidc_provider
    from tests.sso.test_oidc import sign_in

    provider = oidc_provider(tenant_a, oidc_idp, slug="mfa-oidc", domains=["mfa-acme.test"])
    sso.mapping_save(tenant_a, group="admins", role=Role.ADMIN)
    Tenant.objects.filter(pk=tenant_a.pk).update(admins_require_mfa=True)
    oidc_idp.set_user("boss", email="boss@mfa-acme.test", name="Boss", groups=["admins"])
    client = Client()
    response, _ = sign_in(client, provider, oidc_idp, "boss")
    assert response.status_code == 302 and response["Location"] == "/", response.content[:300]
    assert client.get("/pool/").status_code == 200  # no code asked, no setup forced: the IdP does MFA


def test_sso_sign_in_of_a_person_with_mfa_is_not_asked_for_a_code(tenant_a, admin_a, oidc_idp):
    from talentpool.accounts.sso import services as sso
    from tests.sso.conftest import oidc_provider
    from tests.sso.test_oidc import sign_in

    provider = oidc_provider(tenant_a, oidc_idp, slug="mfa2-oidc", domains=["mfa2-acme.test"])
    sso.mapping_save(tenant_a, group="staff", role=Role.RECRUITER)
    person = make_member(tenant_a, Role.RECRUITER, email="ann@mfa2-acme.test")
    device = mfa.enrolment_start(person)
    TotpDevice.objects.filter(pk=device.pk).update(confirmed_at="2026-01-01T00:00:00Z")
    oidc_idp.set_user("ann", email="ann@mfa2-acme.test", name="Ann", groups=["staff"])
    client = Client()
    response, _ = sign_in(client, provider, oidc_idp, "ann")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/pool/").status_code == 200


@pytest.fixture
def oidc_idp():
    from tests.sso.idp import start_oidc_provider

    provider = start_oidc_provider()
    yield provider
    provider.server.shutdown()


def secret_on(page) -> str:
    return re.search(r"data-mfa-secret>([A-Z2-7 ]+)<", page.content.decode()).group(1)


def test_reloading_the_setup_keeps_the_secret_and_start_again_makes_a_new_one(admin_client_a):
    first = secret_on(admin_client_a.get("/accounts/mfa/setup/"))
    assert secret_on(admin_client_a.get("/accounts/mfa/setup/")) == first
    renewed = secret_on(admin_client_a.get("/accounts/mfa/setup/?new=1"))
    assert renewed != first


def test_an_admin_sent_to_enrol_goes_back_where_they_were_going(tenant_a, admin_a):
    Tenant.objects.filter(pk=tenant_a.pk).update(admins_require_mfa=True)
    client = Client()
    login(client, admin_a.email)
    setup_url = client.get("/analytics/")["Location"]
    page = client.get(setup_url)
    assert 'name="next" value="/analytics/"' in page.content.decode()
    secret = secret_on(page).replace(" ", "")
    done = client.post(setup_url, {"code": pyotp.TOTP(secret).now(), "next": "/analytics/"})
    assert done.status_code == 200 and 'href="/analytics/"' in done.content.decode()
    assert client.get("/analytics/").status_code == 200


def test_the_code_step_honours_the_account_backoff(admin_a, enrolled, settings):
    from talentpool.accounts import lockout

    totp, _codes = enrolled
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 2
    client = Client()
    login(client, admin_a.email)
    # Someone else fails the password twice from elsewhere: the account backs off for everyone.
    for attempt in range(2):
        login(Client(), admin_a.email, "wrong", ip=f"10.8.0.{attempt}")
    assert lockout.account_retry_after(admin_a.email) > 0
    refused = client.post("/accounts/login/code/", {"code": code_at(totp, 1)}, follow=False)
    assert refused.status_code == 302 and refused["Location"] == "/accounts/login/"
    assert int(refused["Retry-After"]) > 0
    assert not logged_in(client)


def test_wrong_codes_on_the_profile_page_are_limited_too(admin_a, enrolled, settings):
    totp, codes = enrolled
    settings.MFA_CODE_FAILURE_LIMIT = 2
    client = Client()
    login(client, admin_a.email)
    client.post("/accounts/login/code/", {"code": codes[0]})
    for _ in range(2):
        assert client.post("/accounts/mfa/disable/", {"code": "000000x"}).status_code == 400
    refused = client.post("/accounts/mfa/disable/", {"code": code_at(totp, 1)})
    assert refused.status_code == 429 and mfa.has_mfa(admin_a)


def test_a_secret_the_keys_no_longer_open_leaves_the_recovery_codes(admin_a, enrolled, settings):
    from cryptography.fernet import Fernet

    totp, codes = enrolled
    settings.CONNECTOR_CREDENTIAL_KEYS = [Fernet.generate_key().decode()]  # the old key was rotated away
    client = Client()
    login(client, admin_a.email)
    assert client.post("/accounts/login/code/", {"code": code_at(totp, 1)}).status_code == 400
    assert client.post("/accounts/login/code/", {"code": codes[3]}).status_code == 302
