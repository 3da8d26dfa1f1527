"""Logging in and out, lockout, password reset, invitations, language and the tenant switcher."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from engagement.services.outbox import dispatch_all_tenants
from talentpool.accounts.models import User
from talentpool.accounts.services import invitation_create
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.middleware import SESSION_TENANT_KEY
from talentpool.tenancy.models import Membership, Role

from ..conftest import logged_in_client
from ..factories import PASSWORD, make_member, make_tenant, make_user


def login(client, email, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"email": email, "password": password}, REMOTE_ADDR=ip)


def test_a_member_logs_in_with_email_case_insensitively_and_lands_on_the_dashboard(client, admin_a):
    response = login(client, "ADMIN@alpha.test", PASSWORD)
    assert response.status_code == 302
    page = client.get("/")
    assert page.status_code == 200
    assert "Alpha 阿尔法" in page.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, admin_a):
    response = login(client, admin_a.email, "wrong password")
    assert response.status_code == 400
    assert "wrong" in response.content.decode().lower() or "错误" in response.content.decode()
    assert client.get("/").status_code == 302


def test_repeated_failures_lock_that_email_from_that_ip_only(client, admin_a, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, admin_a.email, "nope", ip="10.0.0.9")
    # Even the right password is refused from the locked pair …
    response = login(client, admin_a.email, PASSWORD, ip="10.0.0.9")
    assert response.status_code == 400 and "Too many failed attempts" in response.content.decode()
    # … while the same person from another address still gets in.
    assert login(client, admin_a.email, PASSWORD, ip="10.0.0.10").status_code == 302


def test_logout_needs_a_post_and_ends_the_session(admin_client_a):
    assert admin_client_a.get("/accounts/logout/").status_code == 405
    assert admin_client_a.post("/accounts/logout/").status_code == 302
    assert admin_client_a.get("/").status_code == 302


def test_password_reset_by_email_sets_a_new_password(client, admin_a):
    response = client.post("/accounts/password-reset/", {"email": admin_a.email})
    assert response.status_code == 302
    dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "a new and long passphrase 42"
    done = client.post(set_password_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert User.objects.get(pk=admin_a.pk).check_password(new_password)


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_invited_person_creates_an_account_and_joins_with_the_role(
    client, tenant_a, admin_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invitation_create(
            tenant_a, email="new.hire@example.test", role=Role.HIRING_MANAGER, actor=admin_a
        )
    dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
    assert token in mail.outbox[0].body
    page = client.get(f"/accounts/invitations/{token}/")
    assert page.status_code == 200 and "Alpha 阿尔法" in page.content.decode()
    response = client.post(
        f"/accounts/invitations/{token}/", {"name": "王经理", "password": "long enough passphrase 7"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.hire@example.test")
    with tenant_context(tenant_a):
        assert Membership.objects.get(user=user).role == Role.HIRING_MANAGER
    # A used link does not work twice.
    assert client.get(f"/accounts/invitations/{token}/").status_code == 404


def test_a_weak_password_on_invitation_is_a_field_error_and_creates_nothing(client, tenant_a, admin_a):
    _invitation, token = invitation_create(
        tenant_a, email="weak@example.test", role=Role.VIEWER, actor=admin_a
    )
    response = client.post(f"/accounts/invitations/{token}/", {"name": "W", "password": "123"})
    assert response.status_code == 200
    assert not User.objects.filter(email="weak@example.test").exists()


def test_an_invitation_for_another_email_cannot_be_accepted_by_a_logged_in_user(
    tenant_a, admin_a, tenant_b, admin_b
):
    _invitation, token = invitation_create(
        tenant_a, email="someone.else@example.test", role=Role.ADMIN, actor=admin_a
    )
    client = logged_in_client(admin_b)
    client.post(f"/accounts/invitations/{token}/")
    with tenant_context(tenant_a):
        assert not Membership.objects.filter(user=admin_b).exists()


def test_only_admins_invite_from_the_members_page(tenant_a, admin_a, recruiter_a):
    response = logged_in_client(recruiter_a).post(
        "/settings/members/", {"email": "x@example.test", "role": "admin"}
    )
    assert response.status_code == 403
    response = logged_in_client(admin_a).post(
        "/settings/members/", {"email": "x@example.test", "role": "viewer"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("url", ["/settings/", "/settings/api-keys/"])
def test_settings_for_admins_only_are_403_for_recruiters(recruiter_a, url):
    assert logged_in_client(recruiter_a).get(url).status_code == 403


def test_a_user_in_two_tenants_switches_between_them_but_not_into_a_third(tenant_a, tenant_b, admin_a):
    make_member(tenant_b, Role.VIEWER, user=admin_a)
    outsider = make_tenant("Gamma", slug="gamma")
    client = logged_in_client(admin_a)
    client.post("/accounts/switch-tenant/", {"tenant_id": tenant_b.pk})
    assert client.session[SESSION_TENANT_KEY] == tenant_b.pk
    assert "Beta 贝塔" in client.get("/").content.decode()
    client.post("/accounts/switch-tenant/", {"tenant_id": outsider.pk})
    assert client.session[SESSION_TENANT_KEY] == tenant_b.pk


def test_a_user_without_a_tenant_sees_a_clear_page(client, db):
    user = make_user()
    client.login(email=user.email, password=PASSWORD)
    assert client.get("/").status_code == 403


def test_the_saved_language_wins_over_the_browser(admin_client_a, admin_a):
    response = admin_client_a.post("/accounts/profile/", {"name": "Alice", "language": "zh-hans"})
    assert response.status_code == 302
    page = admin_client_a.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.headers["Content-Language"] == "zh-hans"


def test_without_a_saved_language_the_browser_decides(admin_client_a):
    assert (
        admin_client_a.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").headers["Content-Language"]
        == "zh-hans"
    )
    assert admin_client_a.get("/", HTTP_ACCEPT_LANGUAGE="en-US").headers["Content-Language"] == "en"


def test_the_language_switcher_saves_the_choice_for_a_logged_in_user(admin_client_a, admin_a):
    response = admin_client_a.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    admin_a.refresh_from_db()
    assert admin_a.language == "zh-hans"
    assert admin_client_a.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "zh-hans"
    admin_client_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert admin_client_a.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").headers["Content-Language"] == "en"
