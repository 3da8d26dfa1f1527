"""The API's contract: authentication, roles and scopes, one error shape, pagination, throttling, OpenAPI."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from engagement.services.outbox import dispatch_all_tenants
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import ApiKey, Membership, Role
from talentpool.tenancy.services import api_key_create, api_key_revoke

from ..conftest import bearer, logged_in_client
from ..factories import make_api_key, make_member


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]


def test_an_api_key_reads_its_own_tenant(client, tenant_a, key_a):
    response = client.get("/api/v1/tenant/", **bearer(key_a))
    assert response.status_code == 200
    assert response.json()["slug"] == "alpha"


def test_an_unknown_api_key_is_401_with_a_code(client, tenant_a):
    response = client.get("/api/v1/tenant/", **bearer("tp_0123456789_not-a-real-secret"))
    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_api_key"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_key_with_the_right_prefix_but_wrong_secret_is_401(client, tenant_a, key_a):
    forged = key_a[: len("tp_0123456789_")] + "x" * 43
    response = client.get("/api/v1/tenant/", **bearer(forged))
    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_api_key"


def test_a_revoked_api_key_is_401_with_its_own_code(client, tenant_a):
    created = api_key_create(tenant_a, name="old", scopes=["read"])
    api_key_revoke(tenant_a, api_key=created.api_key)
    response = client.get("/api/v1/tenant/", **bearer(created.key))
    assert response.status_code == 401
    assert error_of(response)["code"] == "revoked_api_key"


def test_no_credentials_is_401(client, tenant_a):
    response = client.get("/api/v1/members/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_a_read_only_key_cannot_write_and_nothing_changes(client, tenant_a, admin_a):
    key = make_api_key(tenant_a, scopes=["read"])
    response = client.patch(
        "/api/v1/tenant/",
        data=json.dumps({"name": "Renamed"}),
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    tenant_a.refresh_from_db()
    assert tenant_a.name == "Alpha 阿尔法"


def test_api_keys_cannot_manage_api_keys(client, tenant_a, key_a):
    response = client.post(
        "/api/v1/api-keys/",
        data=json.dumps({"name": "escalate", "scopes": ["write"]}),
        content_type="application/json",
        **bearer(key_a),
    )
    assert response.status_code == 403
    with tenant_context(tenant_a):
        assert not ApiKey.objects.filter(name="escalate").exists()


def test_malformed_json_is_400_with_a_code(admin_client_a):
    response = admin_client_a.patch("/api/v1/tenant/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_invalid_fields_are_400_with_messages_per_field(admin_client_a):
    response = admin_client_a.post(
        "/api/v1/api-keys/",
        data=json.dumps({"name": "", "scopes": ["root"]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    error = error_of(response)
    assert set(error["fields"]) == {"name", "scopes.0"} or set(error["fields"]) >= {"name"}
    assert all(isinstance(message, str) for messages in error["fields"].values() for message in messages)


def test_bad_time_zone_is_a_field_error(admin_client_a):
    response = admin_client_a.patch(
        "/api/v1/tenant/", data=json.dumps({"time_zone": "Mars/Olympus"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "time_zone" in error_of(response)["fields"]


def test_an_api_key_is_shown_once_and_stored_hashed(admin_client_a, tenant_a):
    response = admin_client_a.post(
        "/api/v1/api-keys/",
        data=json.dumps({"name": "HRIS", "scopes": ["read", "write"]}),
        content_type="application/json",
    )
    assert response.status_code == 201
    key = response.json()["key"]
    assert key.startswith(f"tp_{response.json()['prefix']}_")
    with tenant_context(tenant_a):
        stored = ApiKey.objects.get(pk=response.json()["id"])
    assert stored.key_hash == ApiKey.hash_key(key) and key not in stored.key_hash
    listed = admin_client_a.get("/api/v1/api-keys/").json()["results"]
    assert all("key" not in item for item in listed)
    detail = admin_client_a.get(f"/api/v1/api-keys/{stored.pk}/").json()
    assert "key" not in detail


def test_using_a_key_records_last_used_at(client, tenant_a):
    created = api_key_create(tenant_a, name="sync", scopes=["read"])
    assert created.api_key.last_used_at is None
    client.get("/api/v1/tenant/", **bearer(created.key))
    with tenant_context(tenant_a):
        assert ApiKey.objects.get(pk=created.api_key.pk).last_used_at is not None


def test_revoking_through_the_api_stops_the_key(admin_client_a, client, tenant_a):
    created = api_key_create(tenant_a, name="soon gone", scopes=["read"])
    response = admin_client_a.post(f"/api/v1/api-keys/{created.api_key.pk}/revoke/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.get("/api/v1/tenant/", **bearer(created.key)).status_code == 401


def test_session_writes_need_the_csrf_token(admin_a):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.login(email=admin_a.email, password="correct horse battery staple")
    response = strict.patch(
        "/api/v1/tenant/", data=json.dumps({"name": "No CSRF"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in error_of(response)["message"]


@pytest.mark.parametrize(
    "role, method, url, expected",
    [
        (Role.VIEWER, "get", "/api/v1/members/", 200),
        (Role.VIEWER, "patch", "/api/v1/tenant/", 403),
        (Role.RECRUITER, "get", "/api/v1/api-keys/", 403),
        (Role.HIRING_MANAGER, "post", "/api/v1/invitations/", 403),
        (Role.RECRUITER, "patch", "/api/v1/tenant/", 403),
    ],
)
def test_roles_limit_what_members_may_do(tenant_a, admin_a, role, method, url, expected):
    member = make_member(tenant_a, role)
    client = logged_in_client(member)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(
            url, data=json.dumps({"email": "z@z.test", "name": "x"}), content_type="application/json"
        )
    assert response.status_code == expected
    if expected == 403:
        assert error_of(response)["code"] == "permission_denied"


def test_admins_change_roles_but_never_remove_the_last_admin(admin_client_a, tenant_a, admin_a):
    recruiter = make_member(tenant_a, Role.RECRUITER)
    with tenant_context(tenant_a):
        recruiter_membership = Membership.objects.get(user=recruiter)
        admin_membership = Membership.objects.get(user=admin_a)
    response = admin_client_a.patch(
        f"/api/v1/members/{recruiter_membership.pk}/",
        data=json.dumps({"role": "viewer"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["role"] == "viewer"
    response = admin_client_a.patch(
        f"/api/v1/members/{admin_membership.pk}/",
        data=json.dumps({"role": "viewer"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "last_admin"
    assert admin_client_a.delete(f"/api/v1/members/{admin_membership.pk}/").status_code == 400
    with tenant_context(tenant_a):
        assert Membership.objects.get(pk=admin_membership.pk).role == Role.ADMIN


def test_members_are_filtered_and_paginated_by_cursor(admin_client_a, tenant_a, admin_a):
    for _ in range(5):
        make_member(tenant_a, Role.VIEWER)
    first = admin_client_a.get("/api/v1/members/?limit=2&role=viewer").json()
    assert len(first["results"]) == 2 and first["next"]
    assert all(item["role"] == "viewer" for item in first["results"])
    seen = [item["id"] for item in first["results"]]
    page = first
    while page["next"]:
        page = admin_client_a.get(page["next"]).json()
        seen += [item["id"] for item in page["results"]]
    assert len(seen) == len(set(seen)) == 5


def test_invitations_through_the_api_email_a_link(
    admin_client_a, tenant_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_a.post(
            "/api/v1/invitations/",
            data=json.dumps({"email": "New@Example.test", "role": "recruiter"}),
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    assert response.json()["email"] == "new@example.test" and response.json()["status"] == "pending"
    dispatch_all_tenants()  # product mails leave through the tenant's outbox, not in the request
    assert len(mail.outbox) == 1 and "/accounts/invitations/" in mail.outbox[0].body


def test_requests_are_throttled_per_key(client, tenant_a, monkeypatch):
    from talentpool.api.throttling import PerKeyRateThrottle

    monkeypatch.setattr(PerKeyRateThrottle, "THROTTLE_RATES", {"per_key": "3/minute"})
    key_one, key_two = make_api_key(tenant_a), make_api_key(tenant_a)
    codes = [client.get("/api/v1/tenant/", **bearer(key_one)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert error_of(client.get("/api/v1/tenant/", **bearer(key_one)))["code"] == "throttled"
    assert client.get("/api/v1/tenant/", **bearer(key_two)).status_code == 200  # another key, another budget


def test_unknown_api_paths_answer_json_404(client, settings):
    settings.DEBUG = False
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/members/" in paths and "/api/v1/api-keys/{id}/revoke/" in paths
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
