"""Health checks, no tenant leaking between requests, production settings, and the operator commands."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from talentpool.accounts.models import User
from talentpool.tenancy.context import current_scope, current_tenant_id, tenant_context
from talentpool.tenancy.models import ApiKey, Membership, Role, Tenant

from ..conftest import bearer

ROOT = Path(__file__).resolve().parents[2]


def test_health_check_reports_database_and_redis(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"]["ok"] and response.json()["checks"]["redis"]["ok"]


def test_health_check_is_503_when_redis_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from django.core.cache import caches

    caches._settings = None  # let the cache handler pick up the broken settings
    try:
        response = client.get("/healthz")
    finally:
        caches._settings = None
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


def _database_setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('app.tenant_id', true), '')")
        return cursor.fetchone()[0]


def test_no_tenant_leaks_between_two_requests_on_one_connection(client, admin_client_a, key_b, tenant_a):
    assert admin_client_a.get("/api/v1/tenant/").json()["slug"] == "alpha"
    assert current_tenant_id() is None and _database_setting() == ""
    assert client.get("/api/v1/tenant/", **bearer(key_b)).json()["slug"] == "beta"
    assert current_scope().tenant_id is None and _database_setting() == ""
    # The next anonymous request on the same connection sees no tenant at all.
    assert client.get("/api/v1/members/").status_code == 401
    assert _database_setting() == ""


def test_a_failing_view_does_not_leave_its_tenant_behind(admin_client_a, tenant_a):
    admin_client_a.patch("/api/v1/tenant/", data="{broken", content_type="application/json")
    assert current_tenant_id() is None and _database_setting() == ""


def run_manage(*args, env_overrides=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x8#kL2!vQ9@rT5$wY7^zB3&nM6*pD4(fH1)jG0_sA-eC+uI=oE~lK;R<P>N?Z/Y.X,W",
    "ALLOWED_HOSTS": "talentpool.example.com",
    "DATABASE_URL": "postgres://talentpool@127.0.0.1:5432/talentpool",
}


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable_and_names_it(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr


def test_create_tenant_prints_the_admin_password_once_and_it_works(db):
    out = StringIO()
    call_command(
        "create_tenant",
        "--name",
        "华东制造",
        "--slug",
        "huadong",
        "--admin-email",
        "Boss@Huadong.test",
        stdout=out,
    )
    password = next(
        line.split(": ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("Password: ")
    )
    user = User.objects.get(email="boss@huadong.test")
    assert user.check_password(password)
    tenant = Tenant.objects.get(slug="huadong")
    with tenant_context(tenant):
        assert Membership.objects.get(user=user).role == Role.ADMIN
    with pytest.raises(CommandError, match="taken"):
        call_command(
            "create_tenant",
            "--name",
            "again",
            "--slug",
            "huadong",
            "--admin-email",
            "x@y.test",
            stdout=StringIO(),
        )


def test_create_api_key_prints_a_working_key(client, tenant_a):
    out = StringIO()
    call_command(
        "create_api_key",
        "--tenant",
        "alpha",
        "--name",
        "HRIS",
        "--scopes",
        "read,write",
        stdout=out,
        stderr=StringIO(),
    )
    key = out.getvalue().strip()
    assert client.get("/api/v1/tenant/", **bearer(key)).json()["slug"] == "alpha"
    with tenant_context(tenant_a):
        assert ApiKey.objects.get(name="HRIS").scopes == ["read", "write"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tenant", "nope", "--name", "x"], "No tenant"),
        (["--tenant", "alpha", "--name", "x", "--scopes", "read,admin"], "unknown: admin"),
    ],
)
def test_create_api_key_rejects_bad_input(tenant_a, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_key", *args, stdout=StringIO(), stderr=StringIO())


def test_a_failed_request_keeps_none_of_its_writes(admin_client_a, tenant_a, monkeypatch):
    from talentpool.tenancy.api import views

    def rename_then_fail(self, request):
        request._request.tenant.name = "half-written"
        request._request.tenant.save(update_fields=["name"])
        raise RuntimeError("boom")

    monkeypatch.setattr(views.CurrentTenantView, "patch", rename_then_fail)
    admin_client_a.raise_request_exception = False
    response = admin_client_a.patch("/api/v1/tenant/", data="{}", content_type="application/json")
    assert response.status_code == 500
    tenant_a.refresh_from_db()
    assert tenant_a.name == "Alpha 阿尔法"


def test_a_write_key_cannot_change_roles_or_tenant_settings(client, tenant_a, admin_a, key_a):
    import json

    from talentpool.tenancy.models import Membership

    with tenant_context(tenant_a):
        membership = Membership.objects.get(user=admin_a)
    response = client.patch(
        f"/api/v1/members/{membership.pk}/",
        data=json.dumps({"role": "viewer"}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 403
    response = client.patch(
        "/api/v1/tenant/", data=json.dumps({"name": "x"}), content_type="application/json", **bearer(key_a)
    )
    assert response.status_code == 403
    assert client.get(f"/api/v1/members/{membership.pk}/", **bearer(key_a)).status_code == 200


def test_lockout_uses_the_forwarded_address_only_behind_trusted_proxies(rf, settings):
    from talentpool.accounts.lockout import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"  # the client could forge 6.6.6.6, not what our proxy appended
