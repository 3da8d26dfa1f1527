"""SCIM 2.0 against the app through Django's test client: tokens, resources, filters, errors, isolation."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from privacy.models import AuditEntry
from talentpool.accounts.models import ScimToken, ScimUser
from talentpool.accounts.sso import services as sso
from talentpool.scim.tokens import scim_token_create
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership, Role
from tests.conftest import bearer
from tests.factories import PASSWORD, make_member

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


@pytest.fixture
def token_a(tenant_a, admin_a):
    return scim_token_create(tenant_a, name="Okta").token


@pytest.fixture
def token_b(tenant_b, admin_b):
    return scim_token_create(tenant_b, name="Entra").token


def call(client, method, path, token, body=None, **extra):
    kwargs = {"content_type": SCIM, **bearer(token), **extra}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"/scim/v2/{path}", **kwargs)


def new_user(email="ada@acme.test", external_id="ext-1", **extra):
    return {
        "schemas": [USER],
        "userName": email,
        "externalId": external_id,
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": email, "primary": True, "type": "work"}],
        **extra,
    }


def audited(tenant, action) -> bool:
    with tenant_context(tenant):
        return AuditEntry.objects.filter(action=action).exists()


def scim_row(tenant, pk, **filters):
    with tenant_context(tenant):
        return ScimUser.objects.select_related("user").filter(pk=pk, **filters).first()


def membership_of(tenant, user):
    with tenant_context(tenant):
        return Membership.objects.filter(user=user).first()


def test_create_scim_token_prints_the_token_once_and_keeps_only_its_hash(tenant_a, client):
    out = io.StringIO()
    call_command("create_scim_token", "--tenant", tenant_a.slug, stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("tpscim_")
    with tenant_context(tenant_a):
        row = ScimToken.objects.get()
    assert token not in (row.token_hash, row.prefix) and row.prefix in token
    response = call(client, "get", "ServiceProviderConfig", token)
    assert response.status_code == 200 and response["Content-Type"] == SCIM
    body = response.json()
    assert body["schemas"] == ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]
    assert body["patch"]["supported"] and body["filter"]["supported"] and not body["bulk"]["supported"]


def test_create_scim_token_for_an_unknown_tenant_fails_with_a_message(db):
    with pytest.raises(CommandError, match="No tenant"):
        call_command("create_scim_token", "--tenant", "nope")


def test_scim_token_and_api_key_are_each_refused_on_the_other_endpoint(client, token_a, key_a):
    assert call(client, "get", "Users", key_a).status_code == 401
    response = client.get("/api/v1/candidates/", **bearer(token_a))
    assert response.status_code == 401
    assert "SCIM token" in json.dumps(response.json())
    no_token = client.get("/scim/v2/Users")
    assert no_token.status_code == 401 and no_token.json()["schemas"] == [ERROR]
    assert call(client, "get", "Users", token_a[:-2] + "xx").status_code == 401


def test_revoked_token_is_refused(client, tenant_a, token_a):
    with tenant_context(tenant_a):
        ScimToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert call(client, "get", "Users", token_a).status_code == 401


def test_discovery_endpoints(client, token_a):
    schemas = call(client, "get", "Schemas", token_a).json()
    ids = {item["id"] for item in schemas["Resources"]}
    assert ids == {USER, GROUP}
    user_schema = call(client, "get", f"Schemas/{USER}", token_a).json()
    assert "userName" in {attribute["name"] for attribute in user_schema["attributes"]}
    types = call(client, "get", "ResourceTypes", token_a).json()
    assert {item["endpoint"] for item in types["Resources"]} == {"/Users", "/Groups"}
    assert call(client, "get", "ResourceTypes/User", token_a).json()["schema"] == USER
    assert call(client, "get", "Schemas/urn:nope", token_a).status_code == 404


def test_user_lifecycle_create_get_filter_replace_patch_deactivate(client, tenant_a, token_a, settings):
    created = call(client, "post", "Users", token_a, new_user())
    assert created.status_code == 201, created.content
    user_id = created.json()["id"]
    assert created["Location"].endswith(f"/scim/v2/Users/{user_id}")
    row = scim_row(tenant_a, user_id)
    membership = membership_of(tenant_a, row.user)
    assert membership is not None and membership.role == Role.VIEWER  # the default role
    assert audited(tenant_a, "scim.user_created")

    got = call(client, "get", f"Users/{user_id}", token_a).json()
    assert got["userName"] == "ada@acme.test" and got["name"]["givenName"] == "Ada" and got["active"] is True

    for expression in ('userName eq "ADA@acme.test"', 'externalId eq "ext-1"'):
        listed = call(client, "get", "Users", token_a, QUERY_STRING=f"filter={expression}").json()
        assert listed["totalResults"] == 1 and listed["Resources"][0]["id"] == user_id
    assert (
        call(client, "get", "Users", token_a, QUERY_STRING='filter=userName eq "bob@acme.test"').json()[
            "totalResults"
        ]
        == 0
    )

    replaced = call(client, "put", f"Users/{user_id}", token_a, new_user(displayName="Ada L."))
    assert replaced.status_code == 200 and replaced.json()["displayName"] == "Ada L."

    # A session in the tenant, ended by deactivation.
    client_user = client.__class__()
    row.user.set_password(PASSWORD)
    row.user.save()
    assert (
        client_user.post("/accounts/login/", {"email": "ada@acme.test", "password": PASSWORD}).status_code
        == 302
    )
    assert client_user.get("/settings/members/").status_code in (200, 403)

    patched = call(
        client,
        "patch",
        f"Users/{user_id}",
        token_a,
        {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": False}]},
    )
    assert patched.status_code == 200 and patched.json()["active"] is False
    assert membership_of(tenant_a, row.user) is None
    assert client_user.get("/settings/members/").status_code == 302  # logged out: to the login page
    assert audited(tenant_a, "scim.user_deactivated")
    still_there = call(client, "get", f"Users/{user_id}", token_a).json()
    assert still_there["active"] is False

    reactivated = call(
        client,
        "patch",
        f"Users/{user_id}",
        token_a,
        {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": True}}]},
    )
    assert reactivated.json()["active"] is True and membership_of(tenant_a, row.user) is not None

    assert call(client, "delete", f"Users/{user_id}", token_a).status_code == 204
    assert call(client, "get", f"Users/{user_id}", token_a).status_code == 404
    assert scim_row(tenant_a, user_id, deleted_at__isnull=False) is not None  # never hard-deleted
    assert membership_of(tenant_a, row.user) is None


def test_pagination(client, token_a):
    for number in range(5):
        assert (
            call(client, "post", "Users", token_a, new_user(f"p{number}@acme.test", f"e{number}")).status_code
            == 201
        )
    page = call(client, "get", "Users", token_a, QUERY_STRING="startIndex=2&count=2").json()
    assert page["totalResults"] == 5 and page["startIndex"] == 2 and page["itemsPerPage"] == 2
    assert [item["userName"] for item in page["Resources"]] == ["p1@acme.test", "p2@acme.test"]


@pytest.mark.parametrize(
    "expression",
    ["userName eq", 'nickName eq "x"', 'userName gt "a"', '(userName eq "a")', 'active eq "yes"'],
)
def test_bad_filter_is_400_invalid_filter(client, token_a, expression):
    response = call(client, "get", "Users", token_a, QUERY_STRING=f"filter={expression}")
    assert response.status_code == 400
    assert response.json() == {
        **response.json(),
        "schemas": [ERROR],
        "status": "400",
        "scimType": "invalidFilter",
    }


@pytest.mark.parametrize(
    "body", [{"userName": "x@acme.test"}, {"schemas": ["urn:nope"], "userName": "x@acme.test"}]
)
def test_bad_schema_is_400_invalid_syntax(client, token_a, body):
    response = call(client, "post", "Users", token_a, body)
    assert response.status_code == 400 and response.json()["scimType"] == "invalidSyntax"


def test_bad_bodies_are_4xx_never_500(client, token_a):
    assert call(client, "post", "Users", token_a, {"schemas": [USER]}).json()["scimType"] == "invalidValue"
    response = client.post("/scim/v2/Users", data="{not json", content_type=SCIM, **bearer(token_a))
    assert response.status_code == 400 and response.json()["scimType"] == "invalidSyntax"
    assert call(client, "post", "Users", token_a, new_user()).status_code == 201
    assert call(client, "post", "Users", token_a, new_user()).json()["scimType"] == "uniqueness"
    assert call(client, "get", "Users/abc", token_a).status_code == 404
    assert call(client, "get", "Users/99999999999999999999999", token_a).status_code == 404
    bad_patch = call(client, "patch", "Users/1", token_a, {"schemas": [PATCH], "Operations": []})
    assert bad_patch.status_code in (400, 404)


def test_groups_map_to_roles_and_follow_membership_changes(client, tenant_a, admin_a, token_a):
    sso.mapping_save(tenant_a, group="Talent Team", role=Role.RECRUITER)
    user_id = call(client, "post", "Users", token_a, new_user()).json()["id"]
    user = scim_row(tenant_a, user_id).user
    group = call(
        client,
        "post",
        "Groups",
        token_a,
        {"schemas": [GROUP], "displayName": "Talent Team", "members": [{"value": user_id}]},
    )
    assert group.status_code == 201, group.content
    group_id = group.json()["id"]
    assert membership_of(tenant_a, user).role == Role.RECRUITER
    assert call(client, "get", f"Users/{user_id}", token_a).json()["groups"][0]["display"] == "Talent Team"
    listed = call(client, "get", "Groups", token_a, QUERY_STRING='filter=displayName eq "Talent Team"').json()
    assert listed["totalResults"] == 1

    removed = call(
        client,
        "patch",
        f"Groups/{group_id}",
        token_a,
        {"schemas": [PATCH], "Operations": [{"op": "remove", "path": f'members[value eq "{user_id}"]'}]},
    )
    assert removed.status_code == 200 and "members" not in removed.json()
    assert membership_of(tenant_a, user).role == Role.VIEWER
    added = call(
        client,
        "patch",
        f"Groups/{group_id}",
        token_a,
        {"schemas": [PATCH], "Operations": [{"op": "add", "path": "members", "value": [{"value": user_id}]}]},
    )
    assert len(added.json()["members"]) == 1 and membership_of(tenant_a, user).role == Role.RECRUITER
    assert call(client, "delete", f"Groups/{group_id}", token_a).status_code == 204
    assert membership_of(tenant_a, user).role == Role.VIEWER


def test_tenant_a_token_cannot_see_or_touch_tenant_b(client, tenant_a, tenant_b, token_a, token_b):
    b_user = call(client, "post", "Users", token_b, new_user("bob@beta.test", "b-1")).json()["id"]
    b_group = call(client, "post", "Groups", token_b, {"schemas": [GROUP], "displayName": "B team"}).json()[
        "id"
    ]
    assert call(client, "get", "Users", token_a).json()["totalResults"] == 0
    assert (
        call(client, "get", "Users", token_a, QUERY_STRING='filter=userName eq "bob@beta.test"').json()[
            "totalResults"
        ]
        == 0
    )
    for method, path, body in [
        ("get", f"Users/{b_user}", None),
        ("put", f"Users/{b_user}", new_user("bob@beta.test")),
        (
            "patch",
            f"Users/{b_user}",
            {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": False}]},
        ),
        ("delete", f"Users/{b_user}", None),
        ("get", f"Groups/{b_group}", None),
        ("delete", f"Groups/{b_group}", None),
    ]:
        assert call(client, method, path, token_a, body).status_code == 404, (method, path)
    assert call(client, "get", f"Users/{b_user}", token_b).json()["active"] is True
    group_with_b = call(
        client,
        "post",
        "Groups",
        token_a,
        {"schemas": [GROUP], "displayName": "A", "members": [{"value": b_user}]},
    )
    assert group_with_b.status_code == 400


def test_existing_member_provisioned_by_scim_keeps_other_tenants(client, tenant_a, tenant_b, token_a):
    person = make_member(tenant_b, Role.RECRUITER, email="multi@acme.test")
    assert call(client, "post", "Users", token_a, new_user("multi@acme.test", "m")).status_code == 201
    assert (
        membership_of(tenant_a, person) is not None and membership_of(tenant_b, person).role == Role.RECRUITER
    )
