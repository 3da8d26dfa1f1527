"""Every API route, every method: tenant B's ids are 404 to tenant A and B's rows stay as they were.

The sweep walks the URL resolver. A new route whose model has no entry in OTHER_TENANT_ROWS fails here until
someone says how to make a row of it in another tenant: isolation is never assumed.
"""

from __future__ import annotations

import itertools
import json

import pytest
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver

from candidates import services
from candidates.models import (
    Candidate,
    CandidateMerge,
    ColumnMapping,
    Document,
    DuplicateFlag,
    ImportJob,
    Tag,
)
from profiles import services as profile_services
from profiles.models import Application, Hire, RoleProfile, SavedSearch, Shortlist, ShortlistEntry
from talentpool.accounts.models import Invitation
from talentpool.accounts.services import invitation_create
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import ApiKey, Membership, Notification, Role
from talentpool.tenancy.notifications import notify
from talentpool.tenancy.services import api_key_create

from ..conftest import bearer
from ..factories import make_candidate, make_member

_numbers = itertools.count(1)

# How to make one row of each routed model in tenant B. Add an entry with every new API model.
OTHER_TENANT_ROWS = {
    Candidate: lambda tenant: make_candidate(tenant, full_name="Beta Person"),
    Tag: lambda tenant: services.tag_create(tenant, category="skill", name_en=f"Beta Skill {next(_numbers)}"),
    Document: lambda tenant: services.document_store(tenant, data=f"Beta resume {next(_numbers)}".encode(),
                                                     filename="beta.txt")[0],
    DuplicateFlag: lambda tenant: _duplicate(tenant),
    CandidateMerge: lambda tenant: services.candidate_merge(
        tenant, keep=make_candidate(tenant, full_name="Beta One"), remove=make_candidate(tenant, full_name="Beta Two")),
    ImportJob: lambda tenant: services.import_create(tenant, data=b"name,email\nBeta,b@beta.test\n",
                                                     filename="beta.csv", mapping_name="beta mapping"),
    ColumnMapping: lambda tenant: _column_mapping(tenant),
    Membership: lambda tenant: _membership(tenant),
    ApiKey: lambda tenant: api_key_create(tenant, name="b-key", scopes=["read", "write"]).api_key,
    Invitation: lambda tenant: invitation_create(tenant, email="invitee@beta.test", role=Role.VIEWER, actor=None)[0],
    RoleProfile: lambda tenant: _role_profile(tenant),
    SavedSearch: lambda tenant: _saved_search(tenant),
    Shortlist: lambda tenant: _shortlist_entry(tenant).shortlist,
    ShortlistEntry: lambda tenant: _shortlist_entry(tenant),
    Application: lambda tenant: _application(tenant),
    Hire: lambda tenant: _hire(tenant),
    Notification: lambda tenant: _notification(tenant),
}


def _role_profile(tenant):
    with tenant_context(tenant):
        return profile_services.profile_create(title=f"Beta Role {next(_numbers)}", external_id=f"B-{next(_numbers)}")


def _saved_search(tenant):
    owner = make_member(tenant, Role.RECRUITER)
    with tenant_context(tenant):
        return profile_services.saved_search_create(owner=owner, name="Beta search", params={"q": "Beta"})


def _application(tenant):
    profile, candidate = _role_profile(tenant), make_candidate(tenant, full_name="Beta Applicant")
    with tenant_context(tenant):
        return profile_services.application_create(profile=profile, candidate=candidate,
                                                   external_id=f"B-APP-{next(_numbers)}")[0]


def _shortlist_entry(tenant):
    # Rows made directly: the sweep is about who can reach them, not about how matching fills them.
    application = _application(tenant)
    with tenant_context(tenant):
        shortlist = Shortlist.objects.create(profile=application.profile, name="Beta shortlist", status="sent")
        return ShortlistEntry.objects.create(shortlist=shortlist, candidate=application.candidate,
                                             application=application, score=0.5)


def _hire(tenant):
    with tenant_context(tenant):
        return profile_services.hire_record(full_name="Beta Hire", external_id=f"B-HIRE-{next(_numbers)}",
                                            recorded_via="hris")[0]


def _notification(tenant):
    user = make_member(tenant, Role.RECRUITER, email=f"notified{next(_numbers)}@beta.test")
    with tenant_context(tenant):
        return notify(user, kind="test", title="Beta news")


def _duplicate(tenant):
    first, second = make_candidate(tenant, full_name="Beta Dup"), make_candidate(tenant, full_name="Beta Dup")
    with tenant_context(tenant):
        return DuplicateFlag.objects.create(candidate_low=first, candidate_high=second, reason="name_company")


def _column_mapping(tenant):
    with tenant_context(tenant):
        return ColumnMapping.objects.create(name=f"beta {next(_numbers)}", mapping={"name": "full_name"})


def _membership(tenant):
    user = make_member(tenant, Role.RECRUITER)
    with tenant_context(tenant):
        return Membership.objects.get(user=user)


def api_routes():
    """(route pattern, view class, methods) for every /api/v1/ route with a pk."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern

    routes = []
    for route, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/"):
            continue
        view_class = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None)
        if view_class is None:
            continue
        methods = sorted(actions) if actions else [m for m in ("get", "post", "put", "patch", "delete")
                                                  if hasattr(view_class, m)]
        # HEAD is GET without a body, OPTIONS describes the route: neither reaches a row.
        methods = [m for m in methods if m in view_class.http_method_names and m not in ("head", "options")]
        routes.append((route, view_class, methods))
    return routes


def url_for(route: str, pk: int) -> str:
    import re

    path = re.sub(r"\(\?P<pk>[^)]*\)", str(pk), route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)  # other parameters (a tag ref, a format)
    path = path.replace("^", "").replace("$", "").replace("/?", "/")
    return "/" + path


def test_the_sweep_finds_the_routes_it_must_cover():
    detail_routes = [route for route, _view, _methods in api_routes() if "(?P<pk>" in route]
    assert len(detail_routes) >= 4


@pytest.mark.parametrize("client_kind", ["session", "api_key"])
def test_tenant_b_ids_are_not_found_for_tenant_a_on_every_route_and_method(
    client_kind, client, admin_client_a, key_a, tenant_a, tenant_b, admin_b
):
    checked = 0
    for route, view_class, methods in api_routes():
        model = getattr(view_class, "model", None)
        if "(?P<pk>" not in route:
            continue
        assert model in OTHER_TENANT_ROWS, (
            f"{route} serves {model}; add a factory for it to OTHER_TENANT_ROWS so the sweep covers it"
        )
        row = OTHER_TENANT_ROWS[model](tenant_b)
        with tenant_context(tenant_b):
            before = model_to_dict(model.objects.get(pk=row.pk))
        url = url_for(route, row.pk)
        for method in methods:
            send = getattr(admin_client_a if client_kind == "session" else client, method)
            headers = {} if client_kind == "session" else bearer(key_a)
            if method == "get":
                response = send(url, **headers)
            else:
                response = send(url, data=json.dumps({"role": "viewer", "name": "x"}),
                                content_type="application/json", **headers)
            if client_kind == "session":
                assert response.status_code == 404, f"{method.upper()} {url} → {response.status_code}"
            else:
                # People-only routes answer 403 to keys before looking anything up; none may answer 2xx.
                assert response.status_code in (403, 404), f"{method.upper()} {url} → {response.status_code}"
            assert response.json()["error"]["code"] in ("not_found", "permission_denied")
            checked += 1
        with tenant_context(tenant_b):
            assert model_to_dict(model.objects.get(pk=row.pk)) == before, f"{url}: tenant B's row changed"
    assert checked >= 8


def test_list_routes_never_show_another_tenants_rows(admin_client_a, tenant_a, tenant_b, admin_b):
    for factory in OTHER_TENANT_ROWS.values():
        factory(tenant_b)
    for route, _view_class, methods in api_routes():
        if "(?P<pk>" in route or "get" not in methods or "(?P<" in route:
            continue
        url = url_for(route, 0)
        response = admin_client_a.get(url)
        assert response.status_code == 200, url
        body = json.dumps(response.json(), ensure_ascii=False)
        for needle in ("beta.test", "Beta", "b-key", "beta.csv"):
            assert needle not in body, f"{url} shows tenant B's data: {needle}"


def test_dashboard_routes_give_404_for_tenant_b_ids(admin_client_a, tenant_a, tenant_b, admin_b):
    membership = _membership(tenant_b)
    key = api_key_create(tenant_b, name="b-key", scopes=["read"]).api_key
    invitation = invitation_create(tenant_b, email="x@beta.test", role=Role.VIEWER, actor=None)[0]
    for url in (f"/settings/members/{membership.pk}/role/", f"/settings/members/{membership.pk}/remove/",
                f"/settings/api-keys/{key.pk}/revoke/", f"/settings/invitations/{invitation.pk}/revoke/"):
        assert admin_client_a.post(url, {"role": "admin"}).status_code == 404, url
    with tenant_context(tenant_b):
        assert Membership.objects.get(pk=membership.pk).role == Role.RECRUITER
        assert ApiKey.objects.get(pk=key.pk).revoked_at is None
        assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
