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

from analytics.models import Finding
from candidates import services
from candidates.models import (
    Candidate,
    CandidateMerge,
    ColumnMapping,
    Document,
    DuplicateFlag,
    ExportJob,
    ImportJob,
    Tag,
)
from connectors.models import Source as ConnectorSource
from connectors.models import SourcingSchedule, SyncRun
from engagement.models import Campaign, ContentItem, EngineRule, FollowUp, Interaction, MessageTemplate
from engagement.services import campaigns as campaign_services
from engagement.services import engine as engine_services
from engagement.services import templates as template_services
from engagement.services.interactions import interaction_record
from privacy.models import AuditEntry, ConsentRecord, DataRequest
from profiles import services as profile_services
from profiles.models import Application, Hire, RoleProfile, SavedSearch, Shortlist, ShortlistEntry
from talentpool.accounts.models import GroupRoleMapping, Invitation, SsoDomain, SsoProvider
from talentpool.accounts.services import invitation_create
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import ApiKey, Membership, Notification, Role
from talentpool.tenancy.notifications import notify
from talentpool.tenancy.services import api_key_create
from webhooks.models import Delivery as WebhookDelivery
from webhooks.models import Endpoint as WebhookEndpoint

from ..conftest import bearer
from ..factories import make_candidate, make_member

_numbers = itertools.count(1)

# How to make one row of each routed model in tenant B. Add an entry with every new API model.
OTHER_TENANT_ROWS = {
    Candidate: lambda tenant: make_candidate(tenant, full_name="Beta Person"),
    Tag: lambda tenant: services.tag_create(tenant, category="skill", name_en=f"Beta Skill {next(_numbers)}"),
    Document: lambda tenant: services.document_store(
        tenant, data=f"Beta resume {next(_numbers)}".encode(), filename="beta.txt"
    )[0],
    DuplicateFlag: lambda tenant: _duplicate(tenant),
    CandidateMerge: lambda tenant: services.candidate_merge(
        tenant,
        keep=make_candidate(tenant, full_name="Beta One"),
        remove=make_candidate(tenant, full_name="Beta Two"),
    ),
    ImportJob: lambda tenant: services.import_create(
        tenant, data=b"name,email\nBeta,b@beta.test\n", filename="beta.csv", mapping_name="beta mapping"
    ),
    ColumnMapping: lambda tenant: _column_mapping(tenant),
    ExportJob: lambda tenant: _export_job(tenant),
    Membership: lambda tenant: _membership(tenant),
    ApiKey: lambda tenant: api_key_create(tenant, name="b-key", scopes=["read", "write"]).api_key,
    Invitation: lambda tenant: invitation_create(
        tenant, email="invitee@beta.test", role=Role.VIEWER, actor=None
    )[0],
    RoleProfile: lambda tenant: _role_profile(tenant),
    SavedSearch: lambda tenant: _saved_search(tenant),
    Shortlist: lambda tenant: _shortlist_entry(tenant).shortlist,
    ShortlistEntry: lambda tenant: _shortlist_entry(tenant),
    Application: lambda tenant: _application(tenant),
    Hire: lambda tenant: _hire(tenant),
    Notification: lambda tenant: _notification(tenant),
    Interaction: lambda tenant: _interaction(tenant),
    MessageTemplate: lambda tenant: _in(
        tenant,
        lambda: template_services.template_create(
            name=f"Beta template {next(_numbers)}", subject="Beta", body="Hello {{ candidate.name }}"
        ),
    ),
    ContentItem: lambda tenant: _in(
        tenant, lambda: template_services.content_create(title="Beta news", url="https://beta.test/news")
    ),
    Campaign: lambda tenant: _campaign(tenant),
    EngineRule: lambda tenant: _in(tenant, lambda: engine_services.engine_rules()[0]),
    FollowUp: lambda tenant: _follow_up(tenant),
    WebhookEndpoint: lambda tenant: _webhook_endpoint(tenant),
    WebhookDelivery: lambda tenant: _webhook_delivery(tenant),
    Finding: lambda tenant: _in(
        tenant,
        lambda: Finding.objects.create(
            kind="low_open_rate",
            segment_kind="all",
            segment_key=f"beta-{next(_numbers)}",
            segment_name="Beta segment",
            suggestion_en="Beta",
            suggestion_zh="Beta",
        ),
    ),
    ConnectorSource: lambda tenant: _connector_source(tenant),
    SyncRun: lambda tenant: _in(
        tenant, lambda: SyncRun.objects.create(source=_connector_source(tenant), fetched=1)
    ),
    SourcingSchedule: lambda tenant: _in(
        tenant,
        lambda: SourcingSchedule.objects.create(
            profile=_role_profile(tenant), source=_connector_source(tenant), cap=5
        ),
    ),
    AuditEntry: lambda tenant: _in(tenant, lambda: _privacy().audit.record("settings.changed")),
    DataRequest: lambda tenant: _privacy().services.data_request_create(
        tenant, kind="export", candidate=make_candidate(tenant, full_name="Beta Asker"), channel="dashboard"
    ),
    SsoProvider: lambda tenant: _sso().services.provider_save(
        tenant,
        provider=SsoProvider(
            slug=f"beta-idp-{next(_numbers)}",
            name="Beta IdP",
            protocol="openid_connect",
            issuer_url="https://idp.beta.test",
            client_id="beta",
            client_secret="beta-secret",
        ),
    ),
    SsoDomain: lambda tenant: _sso().services.domain_add(tenant, domain=f"d{next(_numbers)}.beta.test"),
    GroupRoleMapping: lambda tenant: _sso().services.mapping_save(
        tenant, group=f"Beta group {next(_numbers)}", role=Role.ADMIN
    ),
    ConsentRecord: lambda tenant: _privacy().services.consent_record(
        tenant,
        candidate=make_candidate(tenant, full_name="Beta Consenter"),
        scope="outreach",
        given=True,
        method="form",
    ),
}


def _sso():
    import talentpool.accounts.sso.services

    return talentpool.accounts.sso


def _privacy():
    import privacy.audit
    import privacy.services

    return privacy


def _connector_source(tenant):
    from connectors.services import source_create

    return source_create(
        tenant, kind="folder", name=f"Beta drops {next(_numbers)}", configuration={"path": "beta"}
    )


def _webhook_endpoint(tenant):
    from django.test import override_settings

    from webhooks.services import endpoint_create

    with tenant_context(tenant), override_settings(WEBHOOKS_ALLOW_PRIVATE_NETWORKS=True):
        return endpoint_create(
            url="http://127.0.0.1:9/beta-hooks", events=["hire.created"], description="Beta"
        )


def _webhook_delivery(tenant):
    from webhooks.services import endpoint_send_test

    endpoint = _webhook_endpoint(tenant)
    with tenant_context(tenant):
        return endpoint_send_test(endpoint)


def _in(tenant, make):
    with tenant_context(tenant):
        return make()


def _interaction(tenant):
    candidate = make_candidate(tenant, full_name="Beta Person")
    with tenant_context(tenant):
        return interaction_record(candidate=candidate, kind="note", channel="phone", body="Beta note")


def _campaign(tenant):
    candidate = make_candidate(tenant, full_name="Beta Person")
    with tenant_context(tenant):
        return campaign_services.campaign_create(
            name="Beta campaign",
            audience={"candidate_ids": [candidate.pk]},
            steps=[{"channel": "email", "subject": "Beta", "body": "Hello", "language": "en"}],
        )


def _follow_up(tenant):
    candidate = make_candidate(tenant, full_name="Beta Person")
    with tenant_context(tenant):
        return FollowUp.objects.create(candidate=candidate, reason={"score": 90})


def _role_profile(tenant):
    with tenant_context(tenant):
        return profile_services.profile_create(
            title=f"Beta Role {next(_numbers)}", external_id=f"B-{next(_numbers)}"
        )


def _saved_search(tenant):
    owner = make_member(tenant, Role.RECRUITER)
    with tenant_context(tenant):
        return profile_services.saved_search_create(owner=owner, name="Beta search", params={"q": "Beta"})


def _application(tenant):
    profile, candidate = _role_profile(tenant), make_candidate(tenant, full_name="Beta Applicant")
    with tenant_context(tenant):
        return profile_services.application_create(
            profile=profile, candidate=candidate, external_id=f"B-APP-{next(_numbers)}"
        )[0]


def _shortlist_entry(tenant):
    # Rows made directly: the sweep is about who can reach them, not about how matching fills them.
    application = _application(tenant)
    with tenant_context(tenant):
        shortlist = Shortlist.objects.create(
            profile=application.profile, name="Beta shortlist", status="sent"
        )
        return ShortlistEntry.objects.create(
            shortlist=shortlist, candidate=application.candidate, application=application, score=0.5
        )


def _hire(tenant):
    with tenant_context(tenant):
        return profile_services.hire_record(
            full_name="Beta Hire", external_id=f"B-HIRE-{next(_numbers)}", recorded_via="hris"
        )[0]


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
        methods = (
            sorted(actions)
            if actions
            else [m for m in ("get", "post", "put", "patch", "delete") if hasattr(view_class, m)]
        )
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
                response = send(
                    url,
                    data=json.dumps({"role": "viewer", "name": "x"}),
                    content_type="application/json",
                    **headers,
                )
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


# What each id in a dashboard route names. A new dashboard route that takes an id fails the sweep below until it
# is listed here: isolation is never assumed.
DASHBOARD_IDS = {
    "tenancy:member_change_role": {"pk": Membership},
    "tenancy:member_remove": {"pk": Membership},
    "tenancy:invitation_revoke": {"pk": Invitation},
    "tenancy:api_key_revoke": {"pk": ApiKey},
    **{
        f"candidates:{name}": {"pk": Candidate}
        for name in (
            "candidate",
            "candidate_edit",
            "candidate_changes",
            "candidate_tag_add",
            "candidate_merge",
            "candidate_contact",
        )
    },
    "candidates:candidate_tag_remove": {"pk": Candidate, "tag_id": Tag},
    **{
        f"candidates:{name}": {"pk": Document}
        for name in ("document_reparse", "document_attach", "document_delete")
    },
    **{
        f"candidates:{name}": {"pk": ImportJob}
        for name in ("import_job", "import_remap", "import_start", "import_progress", "import_rejected")
    },
    **{
        f"candidates:{name}": {"pk": ExportJob}
        for name in ("export_job", "export_progress", "export_download")
    },
    "candidates:duplicate_dismiss": {"pk": DuplicateFlag},
    "candidates:merge_undo": {"pk": CandidateMerge},
    **{f"candidates:{name}": {"pk": Tag} for name in ("tag", "tag_merge", "tag_retire")},
    "notifications:open": {"pk": Notification},
    "profiles:saved_search": {"pk": SavedSearch},
    "profiles:saved_search_delete": {"pk": SavedSearch},
    **{
        f"profiles:{name}": {"pk": RoleProfile}
        for name in (
            "role",
            "role_edit",
            "role_history",
            "feedback_add",
            "matches",
            "matches_act",
            "saved_search_create",
            "pipeline",
            "shortlists",
        )
    },
    "profiles:application_move": {"pk": RoleProfile, "application_id": Application},
    "profiles:applications_bulk_move": {"pk": RoleProfile},
    "profiles:shortlist": {"pk": RoleProfile, "shortlist_id": Shortlist},
    "profiles:shortlist_send": {"pk": RoleProfile, "shortlist_id": Shortlist},
    "profiles:review_shortlist": {"shortlist_id": Shortlist},
    "profiles:review_decide": {"shortlist_id": Shortlist, "entry_id": ShortlistEntry},
    "profiles:review_document": {
        "shortlist_id": Shortlist,
        "entry_id": ShortlistEntry,
        "document_id": Document,
    },
    "engagement:candidate_timeline": {"pk": Candidate},
    "engagement:candidate_interaction_log": {"pk": Candidate},
    **{
        f"engagement:{name}": {"pk": Campaign}
        for name in (
            "campaign",
            "campaign_edit",
            "campaign_pause",
            "campaign_resume",
            "campaign_finish",
            "campaign_launch",
        )
    },
    "engagement:follow_up_close": {"pk": FollowUp},
    "engagement:template_edit": {"pk": MessageTemplate},
    "engagement:template_delete": {"pk": MessageTemplate},
    "engagement:content_edit": {"pk": ContentItem},
    "engagement:content_delete": {"pk": ContentItem},
    "engagement:engine_rule_save": {"pk": EngineRule},
    "analytics:finding_dismiss": {"pk": Finding},
    "analytics:finding_campaign": {"pk": Finding},
    **{
        f"webhooks:{name}": {"pk": WebhookEndpoint}
        for name in (
            "endpoint",
            "endpoint_test",
            "endpoint_toggle",
            "endpoint_rotate",
            "endpoint_replay_failed",
            "endpoint_delete",
        )
    },
    "webhooks:delivery_replay": {"pk": WebhookEndpoint, "delivery_id": WebhookDelivery},
    **{
        f"connectors:{name}": {"pk": ConnectorSource}
        for name in (
            "source",
            "source_edit",
            "source_test",
            "source_sync",
            "source_pause",
            "source_delete",
            "schedule_create",
        )
    },
    "connectors:run": {"pk": ConnectorSource, "run_id": SyncRun},
    "connectors:schedule_delete": {"pk": ConnectorSource, "schedule_id": SourcingSchedule},
    "connectors:schedule_run": {"pk": ConnectorSource, "schedule_id": SourcingSchedule},
    **{
        f"privacy:{name}": {"pk": DataRequest}
        for name in ("request_complete", "request_reject", "request_download")
    },
    "privacy:candidate_consent": {"pk": Candidate},
}


def dashboard_routes():
    """(URL name, route, the names of its id parameters) for every dashboard route that takes an id."""
    import re

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace and pattern.namespace
                    else (pattern.namespace or namespace)
                )
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)

    for name, route in walk(get_resolver().url_patterns):
        ids = re.findall(r"<int:(\w+)>", route)
        if ids and not route.startswith("api/"):
            yield name, route, ids


def test_dashboard_routes_give_404_for_tenant_b_ids_on_every_route_that_takes_one(
    admin_client_a, tenant_a, tenant_b, admin_b
):
    rows = {}
    checked = 0
    for name, route, ids in dashboard_routes():
        assert name in DASHBOARD_IDS, f"{route} ({name}) takes an id; say what it names in DASHBOARD_IDS"
        url = "/" + route
        for param in ids:
            model = DASHBOARD_IDS[name][param]
            if model not in rows:
                rows[model] = OTHER_TENANT_ROWS[model](tenant_b)
            url = url.replace(f"<int:{param}>", str(rows[model].pk))
        with tenant_context(tenant_b):
            before = {model: model_to_dict(model.objects.get(pk=row.pk)) for model, row in rows.items()}
        for method in ("get", "post"):
            response = getattr(admin_client_a, method)(url, {"role": "admin", "name": "x", "body": "x"})
            # 405: the route does not take this method, whatever the id; it reveals and changes nothing.
            assert response.status_code in (403, 404, 405), f"{method.upper()} {url} → {response.status_code}"
            checked += 1
        with tenant_context(tenant_b):
            after = {model: model_to_dict(model.objects.get(pk=row.pk)) for model, row in rows.items()}
        assert after == before, f"{url}: tenant B's rows changed"
    assert checked >= 2 * len(DASHBOARD_IDS)


def _tenant_b_state(tenant) -> dict:
    """Every routed model's rows of tenant B, as dicts: what a request from tenant A must never change."""
    with tenant_context(tenant):
        return {
            model.__name__: sorted(
                (row.pk, json.dumps(model_to_dict(row), default=str, sort_keys=True))
                for row in model.objects.all()
            )
            for model in OTHER_TENANT_ROWS
        }


def test_api_writes_without_a_pk_never_reach_another_tenants_rows(client, key_a, tenant_a, tenant_b, admin_b):
    """Routes without an id in the path (HRIS pushes, bulk moves, creates) name rows in their body: tenant B's
    ids there are refused or ignored, never acted on, and nothing of tenant B changes."""
    role = OTHER_TENANT_ROWS[RoleProfile](tenant_b)
    application = OTHER_TENANT_ROWS[Application](tenant_b)
    candidate = OTHER_TENANT_ROWS[Candidate](tenant_b)
    tag = OTHER_TENANT_ROWS[Tag](tenant_b)
    body = {
        "profile": role.pk,
        "profile_id": role.pk,
        "candidate": candidate.pk,
        "candidate_id": candidate.pk,
        "candidate_ids": [candidate.pk],
        "application_ids": [application.pk],
        "tag": tag.pk,
        "tags": [tag.pk],
        "stage": "hired",
        "confirm": True,
        "full_name": "Sweep Person",
        "name": "Sweep",
        "email": "sweep@alpha.test",
    }
    before = _tenant_b_state(tenant_b)
    swept = []
    for route, _view_class, methods in api_routes():
        if "(?P<" in route or "post" not in methods:
            continue
        url = url_for(route, 0)
        response = client.post(url, data=json.dumps(body), content_type="application/json", **bearer(key_a))
        assert response.status_code < 500, f"POST {url} → {response.status_code}"
        if "hris" in route or "bulk-move" in route:
            # These act on the named rows only: another tenant's ids are unknown here.
            assert response.status_code in (400, 403, 404), f"POST {url} → {response.status_code}"
        swept.append(route)
    assert any("hris" in route for route in swept), "the HRIS pushes must be swept"
    assert any("bulk-move" in route for route in swept)
    assert _tenant_b_state(tenant_b) == before, "a request of tenant A changed tenant B's rows"


def _export_job(tenant):
    """A pool export of tenant B (an admin of A must not see it either). Left queued: no file is written;
    tests/security/test_files_behind_authorisation.py downloads a finished one. No creator: the row refers to no
    user, so only a change to the export itself shows in the sweep's before/after."""
    from datetime import timedelta

    from django.utils import timezone

    with tenant_context(tenant):
        return ExportJob.objects.create(
            token=f"{next(_numbers):032d}", filename="beta.csv", expires_at=timezone.now() + timedelta(days=1)
        )
