"""Every route with every kind of caller (issue 13, item 5): each role of a tenant, an API key with each scope and
nobody at all, on its own tenant's ids and on another tenant's.

The routes come from the URL resolver, so a new one is swept the day it is added. What each caller may do is
written down below, per route: ``DASHBOARD_ACCESS`` for the dashboard, ``API_ACCESS`` for the API (which must also
be what the views declare in ``read_roles``, ``write_roles``, ``api_key_allowed``, ``api_key_writes``). A route
missing from the tables fails until someone says who may use it; a caller the tables leave out must get
401/403/404/405 or the login page (a GET may also be sent elsewhere), and this tenant's rows stay as they were.

Asserted for every request: never a server error; never a word of the other tenant in the body; the other
tenant's ids are 404 (or refused before any lookup) and the other tenant's rows stay as they were.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import ALL_ROLES, EDITORS, Role

from ..conftest import logged_in_client
from ..factories import make_api_key, make_candidate, make_member
from .test_api_isolation_sweep import DASHBOARD_IDS, OTHER_TENANT_ROWS

# Who calls. Members sign in to the dashboard (their session also works on the API); keys work on the API only.
ROLES = {
    "admin": Role.ADMIN,
    "recruiter": Role.RECRUITER,
    "hiring_manager": Role.HIRING_MANAGER,
    "viewer": Role.VIEWER,
}
KEYS = {"key_read": ["read"], "key_write": ["write"]}
PRINCIPALS = ("anonymous", *ROLES, *KEYS)

EVERYONE = frozenset(PRINCIPALS)
MEMBERS = frozenset(ROLES)
POOL = frozenset({"admin", "recruiter", "viewer"})
EDIT = frozenset({"admin", "recruiter"})
ADMIN = frozenset({"admin"})
REVIEW = frozenset({"admin", "recruiter", "hiring_manager"})
NOBODY = frozenset()


def access(read, write=None) -> tuple[frozenset, frozenset]:
    """(who may GET, who may POST) a dashboard route; one set when both are the same."""
    return frozenset(read), frozenset(read if write is None else write)


# ------------------------------------------------------------------------------------------------ the dashboard
# Who may use each dashboard route. Anonymous callers and API keys are sent to the login page by every route not
# marked EVERYONE. A route that only takes POST answers GET with 405 to those allowed.
DASHBOARD_ACCESS: dict[str, tuple[frozenset, frozenset]] = {
    # Public: health, the schema, sign-in and its helpers, SSO endpoints, candidate-facing links (tokens).
    **{
        name: access(EVERYONE)
        for name in (
            ":healthz",
            ":schema",
            ":api-docs",
            "accounts:login",
            "accounts:login_code",
            "accounts:invitation_accept",
            "accounts:password_reset",
            "accounts:password_reset_done",
            "accounts:password_reset_confirm",
            "accounts:password_reset_complete",
            ":sso_discover",
            ":sso_error",
            ":openid_connect_login",
            ":openid_connect_callback",
            ":saml_acs",
            ":saml_finish_acs",
            ":saml_sls",
            ":saml_metadata",
            ":saml_login",
            ":account_login",
            ":socialaccount_connections",
            ":account_signup",
            ":socialaccount_signup",
            ":account_inactive",
            ":socialaccount_login_cancelled",
            ":socialaccount_login_error",
            ":tenant_login",
            ":set_language",
            ":javascript-catalog",
            "privacy_public:request",
            "engagement_public:open",
            "engagement_public:click",
            "engagement_public:unsubscribe",
            "engagement_public:inbound_email",
        )
    },
    # SCIM has bearer tokens of its own (tests/scim): none of these callers holds one, so 401 for all.
    **{
        name: access(NOBODY)
        for name in (
            ":scim_service_provider_config",
            ":scim_schemas",
            ":scim_schema",
            ":scim_resource_types",
            ":scim_resource_type",
            ":scim_search",
            ":scim_users_search",
            ":scim_groups_search",
            ":scim_users",
            ":scim_user",
            ":scim_groups",
            ":scim_group",
            ":None",
        )
    },
    # Anyone signed in, whatever the role: their own account, their own notifications, the home page.
    **{
        name: access(MEMBERS)
        for name in (
            "accounts:logout",
            "accounts:switch_tenant",
            "accounts:profile",
            "accounts:mfa_setup",
            "accounts:mfa_qr",
            "accounts:mfa_recovery_codes",
            "accounts:mfa_disable",
            "notifications:inbox",
            "notifications:open",
            "notifications:read_all",
            "analytics:home",
        )
    },
    # Tenant settings: admins. Every member sees who the members are; admins invite and change them.
    "tenancy:members": access(MEMBERS, ADMIN),
    **{
        f"tenancy:{name}": access(ADMIN)
        for name in (
            "settings",
            "member_change_role",
            "member_remove",
            "invitation_revoke",
            "api_keys",
            "api_key_revoke",
        )
    },
    ":sso_settings": access(ADMIN),
    **{
        f"webhooks:{name}": access(ADMIN)
        for name in (
            "endpoints",
            "endpoint",
            "endpoint_test",
            "endpoint_toggle",
            "endpoint_rotate",
            "endpoint_replay_failed",
            "endpoint_delete",
            "delivery_replay",
        )
    },
    # The pool: readers read, editors change. The bulk form exports for readers and tags for editors (the
    # per-action rule is tested in tests/candidates).
    **{
        f"candidates:{name}": access(POOL)
        for name in (
            "pool",
            "pool_bulk",
            "pool_export",
            "exports",
            "export_create",
            "export_job",
            "export_progress",
            "export_download",
            "tag_picker",
            "candidate",
            "candidate_changes",
            "tags",
            "tag",
            "import_rejected",
        )
    },
    **{
        f"candidates:{name}": access(EDIT)
        for name in (
            "candidate_edit",
            "candidate_tag_add",
            "candidate_tag_remove",
            "candidate_merge",
            "candidate_contact",
            "document_reparse",
            "document_attach",
            "document_delete",
            "import_new",
            "import_remap",
            "import_start",
            "duplicate_dismiss",
            "merge_create",
            "merge_undo",
            "tag_create",
            "tag_merge",
            "tag_retire",
        )
    },
    # Pages that readers see and whose forms editors post.
    **{
        f"candidates:{name}": access(POOL, EDIT)
        for name in ("upload", "imports", "import_job", "import_progress", "duplicates")
    },
    # Privacy: editors record consent; admins handle requests, the settings and the audit log.
    "privacy:candidate_consent": access(EDIT),
    **{
        f"privacy:{name}": access(ADMIN)
        for name in (
            "requests",
            "request_complete",
            "request_reject",
            "request_download",
            "reconsent",
            "settings",
            "audit",
        )
    },
    # Connectors: readers see sources and runs (the pages ignore a POST), admins change them.
    **{f"connectors:{name}": access(POOL) for name in ("sources", "source", "run")},
    **{
        f"connectors:{name}": access(ADMIN)
        for name in (
            "source_create",
            "source_edit",
            "source_test",
            "source_sync",
            "source_pause",
            "source_delete",
            "schedule_create",
            "schedule_delete",
            "schedule_run",
        )
    },
    # Roles, matching and pipelines: readers read, editors change; hiring managers review their shortlists (the
    # roles list sends them to their review page). Saved searches are each reader's own.
    **{
        f"profiles:{name}": access(POOL)
        for name in (
            "roles",
            "role",
            "role_history",
            "matches",
            "pipeline",
            "shortlists",
            "shortlist",
            "saved_searches",
            "saved_search",
            "saved_search_create_pool",
            "saved_search_delete",
        )
    },
    "profiles:review": access(MEMBERS),
    **{
        f"profiles:{name}": access(EDIT)
        for name in (
            "role_create",
            "requirement_row",
            "role_edit",
            "feedback_add",
            "matches_act",
            "saved_search_create",
            "application_move",
            "applications_bulk_move",
            "shortlist_send",
        )
    },
    **{
        f"profiles:{name}": access(REVIEW)
        for name in ("review_shortlist", "review_decide", "review_document")
    },
    # Engagement: readers read (a template or content item opens read-only, previews are reads), editors run
    # campaigns and write templates; engine rules are saved by editors.
    **{
        f"engagement:{name}": access(POOL)
        for name in (
            "candidate_timeline",
            "campaigns",
            "campaign",
            "follow_up",
            "templates",
            "content",
            "engine",
            "template_preview",
        )
    },
    **{f"engagement:{name}": access(POOL, EDIT) for name in ("template_edit", "content_edit")},
    "engagement:engine_rule_save": access(EDIT),
    **{
        f"engagement:{name}": access(EDIT)
        for name in (
            "candidate_interaction_log",
            "campaign_create",
            "audience_count",
            "audience_tag",
            "campaign_preview",
            "campaign_edit",
            "campaign_pause",
            "campaign_resume",
            "campaign_finish",
            "campaign_launch",
            "follow_up_close",
            "template_create",
            "template_delete",
            "content_create",
            "content_tag",
            "content_delete",
            "engine_dry_run",
        )
    },
    # Analytics: readers read; editors act on findings and build reports.
    **{
        f"analytics:{name}": access(POOL)
        for name in ("analytics", "reports", "report", "report_print", "report_csv")
    },
    **{f"analytics:{name}": access(EDIT) for name in ("finding_dismiss", "finding_campaign", "report_build")},
}

# Routes swept by nobody but anonymous callers: they end the session (logout) or take seconds to build (schema).
ANONYMOUS_ONLY = {"accounts:logout", ":schema", ":api-docs"}

# ------------------------------------------------------------------------------------------------------ the API
# Who may call each API route, by method: a role set (POOL, EDIT, ADMIN, MEMBERS, REVIEW, NOBODY as above), "+KEY"
# when an API key may too (the read scope for GET, the write scope for the rest). The views declare the same in
# read_roles / write_roles / api_key_allowed / api_key_writes: test_every_route_is_in_the_access_table holds the
# two together, and the sweep checks that what is declared is what happens. Hiring managers read roles, tags,
# shortlists and members (the querysets narrow roles and shortlists to theirs: test_hiring_manager_scope.py).
API_ACCESS: dict[str, str] = {
    ":sso-domain-detail": "delete=ADMIN get=ADMIN",
    ":sso-domain-list": "get=ADMIN post=ADMIN",
    ":sso-domain-verify": "post=ADMIN",
    ":sso-group-role-detail": "delete=ADMIN get=ADMIN",
    ":sso-group-role-list": "get=ADMIN post=ADMIN",
    ":sso-provider-detail": "delete=ADMIN get=ADMIN patch=ADMIN put=ADMIN",
    ":sso-provider-list": "get=ADMIN post=ADMIN",
    ":sso-settings": "get=ADMIN patch=ADMIN",
    "api:activity": "get=POOL+KEY",
    "api:analytics-finding-campaign": "post=EDIT+KEY",
    "api:analytics-finding-detail": "get=POOL+KEY",
    "api:analytics-finding-dismiss": "post=EDIT+KEY",
    "api:analytics-finding-list": "get=POOL+KEY",
    "api:analytics-funnel": "get=POOL+KEY",
    "api:analytics-kpis": "get=POOL+KEY",
    "api:analytics-report": "get=POOL+KEY",
    "api:analytics-reports": "get=POOL+KEY post=EDIT+KEY",
    "api:analytics-settings": "get=POOL+KEY patch=ADMIN+KEY",
    "api:api-key-detail": "delete=ADMIN get=ADMIN",
    "api:api-key-list": "get=ADMIN post=ADMIN",
    "api:api-key-revoke": "post=ADMIN",
    "api:application-bulk-move": "post=EDIT+KEY",
    "api:application-detail": "get=POOL+KEY",
    "api:application-events": "get=POOL+KEY",
    "api:application-list": "get=POOL+KEY post=EDIT+KEY",
    "api:application-move": "post=EDIT+KEY",
    "api:audit-detail": "get=ADMIN+KEY",
    "api:audit-list": "get=ADMIN+KEY",
    "api:campaign-audience-count": "get=POOL+KEY post=EDIT+KEY",
    "api:campaign-detail": "delete=EDIT+KEY get=POOL+KEY patch=EDIT+KEY",
    "api:campaign-finish": "post=EDIT+KEY",
    "api:campaign-launch": "post=EDIT+KEY",
    "api:campaign-list": "get=POOL+KEY post=EDIT+KEY",
    "api:campaign-pause": "post=EDIT+KEY",
    "api:campaign-resume": "post=EDIT+KEY",
    "api:campaign-stats": "get=POOL+KEY",
    "api:candidate-add-tag": "post=EDIT+KEY",
    "api:candidate-changes": "get=POOL+KEY",
    "api:candidate-detail": "get=POOL+KEY patch=EDIT+KEY",
    "api:candidate-documents": "get=POOL+KEY",
    "api:candidate-json-resume": "get=POOL+KEY",
    "api:candidate-json-resume-import": "post=EDIT+KEY",
    "api:candidate-list": "get=POOL+KEY post=EDIT+KEY",
    "api:candidate-remove-tag": "delete=EDIT+KEY",
    "api:column-mapping-detail": "delete=EDIT+KEY get=POOL+KEY",
    "api:column-mapping-list": "get=POOL+KEY",
    "api:content-item-detail": "delete=EDIT+KEY get=POOL+KEY patch=EDIT+KEY",
    "api:content-item-list": "get=POOL+KEY post=EDIT+KEY",
    "api:current-tenant": "get=MEMBERS+KEY patch=ADMIN",
    "api:document-attach": "post=EDIT+KEY",
    "api:document-detail": "delete=EDIT+KEY get=POOL+KEY",
    "api:document-download": "get=POOL+KEY",
    "api:document-list": "get=POOL+KEY post=EDIT+KEY",
    "api:document-reparse": "post=EDIT+KEY",
    "api:duplicate-detail": "get=POOL+KEY",
    "api:duplicate-dismiss": "post=EDIT+KEY",
    "api:duplicate-list": "get=POOL+KEY",
    "api:engine-dry-run": "post=EDIT+KEY",
    "api:engine-rule-detail": "get=POOL+KEY patch=EDIT+KEY",
    "api:engine-rule-list": "get=POOL+KEY",
    "api:export-detail": "get=POOL+KEY",
    "api:export-download": "get=POOL+KEY",
    "api:export-list": "get=POOL+KEY post=POOL+KEY",
    "api:follow-ups": "get=POOL+KEY",
    "api:hire-detail": "get=POOL+KEY",
    "api:hire-list": "get=POOL+KEY post=EDIT+KEY",
    "api:hire-summary": "get=POOL+KEY",
    "api:hris-candidates": "post=EDIT+KEY",
    "api:hris-candidates-bulk": "post=EDIT+KEY",
    "api:hris-hires": "post=EDIT+KEY",
    "api:hris-hires-bulk": "post=EDIT+KEY",
    "api:hris-stage-changes": "post=EDIT+KEY",
    "api:hris-stage-changes-bulk": "post=EDIT+KEY",
    "api:import-detail": "get=POOL+KEY",
    "api:import-list": "get=POOL+KEY post=EDIT+KEY",
    "api:import-rejected-csv": "get=POOL+KEY",
    "api:import-run": "post=EDIT+KEY",
    "api:interaction-detail": "get=POOL+KEY",
    "api:interaction-list": "get=POOL+KEY post=EDIT+KEY",
    "api:invitation-detail": "delete=ADMIN get=ADMIN",
    "api:invitation-list": "get=ADMIN post=ADMIN",
    "api:member-detail": "delete=ADMIN get=MEMBERS+KEY patch=ADMIN",
    "api:member-list": "get=MEMBERS+KEY",
    "api:merge-detail": "get=POOL+KEY",
    "api:merge-list": "get=POOL+KEY post=EDIT+KEY",
    "api:merge-undo": "post=EDIT+KEY",
    "api:message-template-detail": "delete=EDIT+KEY get=POOL+KEY patch=EDIT+KEY",
    "api:message-template-list": "get=POOL+KEY post=EDIT+KEY",
    "api:message-template-preview": "post=EDIT+KEY",
    "api:notification-detail": "get=MEMBERS",
    "api:notification-list": "get=MEMBERS",
    "api:notification-read": "post=MEMBERS",
    "api:notification-read-all": "post=MEMBERS",
    "api:privacy-consent-detail": "get=EDIT+KEY",
    "api:privacy-consent-list": "get=EDIT+KEY post=EDIT+KEY",
    "api:privacy-export-detail": "get=ADMIN+KEY",
    "api:privacy-request-complete": "post=ADMIN+KEY",
    "api:privacy-request-detail": "get=ADMIN+KEY",
    "api:privacy-request-download": "get=ADMIN+KEY",
    "api:privacy-request-list": "get=ADMIN+KEY post=ADMIN+KEY",
    "api:privacy-request-reject": "post=ADMIN+KEY",
    "api:role-profile-detail": "delete=EDIT+KEY get=MEMBERS+KEY patch=EDIT+KEY",
    "api:role-profile-feedback": "get=MEMBERS+KEY",
    "api:role-profile-from-jd": "post=EDIT+KEY",
    "api:role-profile-funnel": "get=MEMBERS+KEY",
    "api:role-profile-history": "get=MEMBERS+KEY",
    "api:role-profile-list": "get=MEMBERS+KEY post=EDIT+KEY",
    "api:role-profile-matches": "get=MEMBERS+KEY",
    "api:role-profile-requirements": "put=EDIT+KEY",
    "api:role-profile-suggest": "post=EDIT+KEY",
    "api:saved-search-detail": "delete=POOL get=POOL",
    "api:saved-search-list": "get=POOL post=POOL",
    "api:saved-search-results": "get=POOL",
    "api:shortlist-detail": "get=MEMBERS+KEY",
    "api:shortlist-entry-decision": "post=REVIEW",
    "api:shortlist-entry-detail": "get=MEMBERS+KEY",
    "api:shortlist-list": "get=MEMBERS+KEY post=EDIT+KEY",
    "api:shortlist-send": "post=EDIT+KEY",
    "api:source-detail": "delete=ADMIN+KEY get=POOL+KEY patch=ADMIN+KEY",
    "api:source-list": "get=POOL+KEY post=ADMIN+KEY",
    "api:source-runs": "get=POOL+KEY",
    "api:source-sync": "post=ADMIN+KEY",
    "api:source-test": "post=ADMIN+KEY",
    "api:sourcing-schedule-detail": "delete=ADMIN+KEY get=POOL+KEY patch=ADMIN+KEY",
    "api:sourcing-schedule-list": "get=POOL+KEY post=ADMIN+KEY",
    "api:sourcing-schedule-run": "post=ADMIN+KEY",
    "api:sync-run-detail": "get=POOL+KEY",
    "api:sync-run-list": "get=POOL+KEY",
    "api:tag-detail": "delete=EDIT+KEY get=MEMBERS+KEY patch=EDIT+KEY",
    "api:tag-list": "get=MEMBERS+KEY post=EDIT+KEY",
    "api:tag-merge": "post=EDIT+KEY",
    "api:webhook-delivery-detail": "get=ADMIN+KEY",
    "api:webhook-delivery-list": "get=ADMIN+KEY",
    "api:webhook-delivery-replay": "post=ADMIN+KEY",
    "api:webhook-endpoint-detail": "delete=ADMIN+KEY get=ADMIN+KEY patch=ADMIN+KEY put=ADMIN+KEY",
    "api:webhook-endpoint-disable": "post=ADMIN+KEY",
    "api:webhook-endpoint-enable": "post=ADMIN+KEY",
    "api:webhook-endpoint-list": "get=ADMIN+KEY post=ADMIN+KEY",
    "api:webhook-endpoint-replay-failed": "post=ADMIN+KEY",
    "api:webhook-endpoint-rotate-secret": "post=ADMIN+KEY",
    "api:webhook-endpoint-test": "post=ADMIN+KEY",
}
# Views whose rule is not what their attributes say (a permission of their own): their API_ACCESS line is the
# truth and is not compared with the attributes. None today.
API_EXCEPTIONS: set[str] = set()
CODES = {"POOL": POOL, "EDIT": EDIT, "ADMIN": ADMIN, "MEMBERS": MEMBERS, "REVIEW": REVIEW, "NOBODY": NOBODY}


def api_table(name: str) -> dict[str, frozenset]:
    """API_ACCESS[name] as {method: who}."""
    methods = {}
    for part in API_ACCESS[name].split():
        method, who = part.split("=")
        roles, _plus, key = who.partition("+")
        methods[method] = CODES[roles] | ({"key_read" if method == "get" else "key_write"} if key else set())
    return methods


def walk(patterns=None, prefix="", namespace=""):
    """(URL name, route, callback) for every route of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern), pattern.callback


def is_api(route: str) -> bool:
    return route.startswith("api/v1/")


def api_methods(callback) -> list[str]:
    view_class = callback.cls
    actions = getattr(callback, "actions", None)
    methods = (
        sorted(actions)
        if actions
        else [m for m in ("get", "post", "put", "patch", "delete") if hasattr(view_class, m)]
    )
    return [m for m in methods if m in view_class.http_method_names and m not in ("head", "options")]


def api_access(name: str, callback, method: str) -> frozenset:
    """Who may call an API route with ``method``: its API_ACCESS line."""
    return api_table(name)[method]


def api_declared(callback, method: str) -> frozenset:
    """Who the API view says may call it with ``method`` (its attributes)."""
    view_class, extra = callback.cls, getattr(callback, "initkwargs", {}) or {}

    def attribute(key, default):
        return extra.get(key, getattr(view_class, key, default))

    safe = method == "get"
    roles = attribute("read_roles", ALL_ROLES) if safe else attribute("write_roles", EDITORS)
    who = {principal for principal, role in ROLES.items() if role in roles}
    if attribute("api_key_allowed", True) and (safe or attribute("api_key_writes", True)):
        who.add("key_read" if safe else "key_write")
    return frozenset(who)


# ------------------------------------------------------------------------------------------------- the requests
MARKER = "zzleak"  # in the other tenant's rows only: never in a response to this tenant's callers
REFUSED = {401, 403, 404, 405}
WEEK = "2026-W01"


def body_text(response) -> str:
    # A streamed body is read to its end: the test client closes the response (and finishes the request) when
    # the stream ends, with the database connection left alone. Closing it here would close the connection.
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    return data.decode("utf-8", "replace")


def to_login(response) -> bool:
    return response.status_code == 302 and "/login" in response.get("Location", "")


def refused(response, method: str) -> bool:
    """401/403/404/405, or the login page; for a GET also a redirect elsewhere (a hiring manager sent from the
    roles list to their review page): the page itself is not served."""
    if response.status_code in REFUSED or to_login(response):
        return True
    return method == "get" and response.status_code in (301, 302, 303)


class World:
    """Two tenants with one row of every routed model each, members of every role, keys of every scope."""

    def __init__(self, tenant_a, tenant_b):
        self.tenant_a, self.tenant_b = tenant_a, tenant_b
        self.rows = {tenant_a: {}, tenant_b: {}}
        self.clients = {"anonymous": Client()}
        for principal, role in ROLES.items():
            user = make_member(tenant_a, role, email=f"{principal}@sweep-alpha.test")
            self.clients[principal] = logged_in_client(user)
        for principal, scopes in KEYS.items():
            key = make_api_key(tenant_a, scopes=scopes, name=principal)
            self.clients[principal] = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        for client in self.clients.values():
            client.raise_request_exception = False
        # What only the other tenant holds, to look for in every answer to this tenant's callers.
        make_candidate(tenant_b, full_name=f"{MARKER} Person")
        from candidates import services

        services.tag_create(tenant_b, category="skill", name_en=f"{MARKER} skill")

    def row(self, tenant, model):
        if model not in self.rows[tenant]:
            self.rows[tenant][model] = OTHER_TENANT_ROWS[model](tenant)
        return self.rows[tenant][model]

    def dashboard_url(self, name: str, route: str, tenant) -> str:
        def fill(match):
            converter, param = match.group(1), match.group(2)
            if converter == "int":
                assert name in DASHBOARD_IDS and param in DASHBOARD_IDS[name], (
                    f"{route} ({name}) takes {param}; say what it names in DASHBOARD_IDS "
                    "(tests/security/test_api_isolation_sweep.py)"
                )
                return str(self.row(tenant, DASHBOARD_IDS[name][param]).pk)
            if param == "week":
                return WEEK
            if converter == "slug" or param in ("slug", "organization_slug"):
                return "alpha"
            return "x"

        path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "alpha" if "slug" in m.group(1) else "x", path)
        return "/" + path.replace("^", "").replace("$", "").replace(".*", "x")

    def api_url(self, route: str, callback, tenant) -> str:
        model = getattr(callback.cls, "model", None)

        def fill(match):
            param = match.group(1)
            if param == "pk":
                assert model in OTHER_TENANT_ROWS, f"{route}: add a factory for {model} to OTHER_TENANT_ROWS"
                return str(self.row(tenant, model).pk)
            if param == "tag_ref":
                from candidates.models import Tag

                return str(self.row(tenant, Tag).pk)
            if param == "week":
                return WEEK
            return "x"

        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, route)
        return "/" + path.replace("^", "").replace("$", "")


def send(client, method: str, url: str, api: bool):
    if method == "get":
        return client.get(url)
    if api:
        body = json.dumps({"name": "sweep", "role": "viewer", "reason": "sweep", "text": "sweep"})
        return getattr(client, method)(url, data=body, content_type="application/json")
    return client.post(url, {"name": "sweep", "role": "admin", "body": "sweep", "reason": "sweep"})


# Columns a request may change without writing anything: a key's last use is stamped by authentication.
NOT_STATE = {"ApiKey": {"last_used_at"}}


def state(tenant, skip=()) -> dict:
    def row_state(model, row):
        values = model_to_dict(row)
        for column in NOT_STATE.get(model.__name__, ()):
            values.pop(column, None)
        return json.dumps(values, default=str, sort_keys=True)

    with tenant_context(tenant):
        return {
            model.__name__: sorted(row_state(model, row) for row in model.objects.all())
            for model in OTHER_TENANT_ROWS
            if model.__name__ not in skip
        }


def changes(before: dict, after: dict) -> list[str]:
    return [
        f"{name}: {sorted(set(before[name]) - set(after[name]))[:2]} → {sorted(set(after[name]) - set(before[name]))[:2]}"
        for name in before
        if before[name] != after[name]
    ]


# Rows a refused request may add to: the audit log records who was refused.
STATE_SKIP = {"AuditEntry"}


@pytest.fixture
def world(tenant_a, tenant_b, admin_b):
    return World(tenant_a, tenant_b)


def test_every_route_is_in_the_access_table():
    """A new dashboard route fails here until DASHBOARD_ACCESS says who may use it; a removed one must leave."""
    names = {name for name, route, _cb in walk() if not is_api(route)}
    missing = sorted(names - set(DASHBOARD_ACCESS))
    stale = sorted(set(DASHBOARD_ACCESS) - names)
    assert not missing, f"routes without a line in DASHBOARD_ACCESS: {missing}"
    assert not stale, f"DASHBOARD_ACCESS names routes that are gone: {stale}"
    api = {name: callback for name, route, callback in walk() if is_api(route) and hasattr(callback, "cls")}
    missing_api = sorted(set(api) - set(API_ACCESS))
    assert not missing_api, f"API routes without a line in API_ACCESS: {missing_api}"
    assert not sorted(set(API_ACCESS) - set(api)), "API_ACCESS names routes that are gone"
    differ = []
    for name, callback in sorted(api.items()):
        table = api_table(name)
        if sorted(table) != sorted(api_methods(callback)):
            differ.append(f"{name}: methods {sorted(api_methods(callback))}, the table {sorted(table)}")
            continue
        if name in API_EXCEPTIONS:
            continue
        for method, who in table.items():
            if api_declared(callback, method) != who:
                differ.append(f"{name} {method}: the view lets {sorted(api_declared(callback, method))}")
    assert not differ, "API_ACCESS and the views' declarations differ:\n" + "\n".join(differ)


def test_every_route_with_every_caller(world, tenant_a, tenant_b):
    started = time.monotonic()
    failures: list[str] = []
    counted = 0

    def check(label: str, response, *, allowed: bool, principal: str, method: str):
        nonlocal counted
        counted += 1
        status = response.status_code
        text = body_text(response)
        if status >= 500:
            failures.append(f"{label} as {principal}: {status}")
        if MARKER in text.lower() or "贝塔" in text:
            failures.append(f"{label} as {principal}: the other tenant's data in the answer")
        if allowed:
            if status in (401, 403):
                failures.append(f"{label} as {principal}: refused ({status}) but the table allows it")
        elif not refused(response, method):
            where = response.get("Location", "")
            failures.append(f"{label} as {principal}: {status} {where}, but the table refuses it")

    routes = [(name, route, callback) for name, route, callback in walk()]

    # 1. Reads of this tenant's rows, by everyone.
    for name, route, callback in routes:
        api = is_api(route)
        if not api and name not in DASHBOARD_ACCESS:
            continue  # test_every_route_is_in_the_access_table names it
        if api and (not hasattr(callback, "cls") or name not in API_ACCESS):
            continue
        if api and "get" not in api_methods(callback):
            continue
        url = world.api_url(route, callback, tenant_a) if api else world.dashboard_url(name, route, tenant_a)
        who = api_access(name, callback, "get") if api else DASHBOARD_ACCESS[name][0]
        for principal in ("anonymous",) if name in ANONYMOUS_ONLY else PRINCIPALS:
            response = world.clients[principal].get(url)
            check(
                f"GET {url} ({name})", response, allowed=principal in who, principal=principal, method="get"
            )

    # 2. Writes by those the table refuses: refused, and this tenant's rows as they were.
    writes = []
    for name, route, callback in routes:
        api = is_api(route)
        if (not api and name not in DASHBOARD_ACCESS) or (
            api and (not hasattr(callback, "cls") or name not in API_ACCESS)
        ):
            continue
        if name in ANONYMOUS_ONLY or (not api and DASHBOARD_ACCESS[name][1] == EVERYONE):
            continue
        url = world.api_url(route, callback, tenant_a) if api else world.dashboard_url(name, route, tenant_a)
        for method in [m for m in api_methods(callback) if m != "get"] if api else ["post"]:
            who = api_access(name, callback, method) if api else DASHBOARD_ACCESS[name][1]
            # Allowed writes are each app's own tests; the sweep checks the refusals.
            writes += [(name, url, api, method, p) for p in PRINCIPALS if p not in who]
    before_a = state(tenant_a, STATE_SKIP)  # after the URLs are made: they may have made rows
    for name, url, api, method, principal in writes:
        response = send(world.clients[principal], method, url, api)
        check(f"{method.upper()} {url} ({name})", response, allowed=False, principal=principal, method=method)
    after_a = state(tenant_a, STATE_SKIP)
    failures += [
        f"a refused write changed this tenant's rows: {change}" for change in changes(before_a, after_a)
    ]

    # 3. The other tenant's ids, every method, everyone: 404 or refused, and its rows as they were.
    foreign = []
    for name, route, callback in routes:
        api = is_api(route)
        if (not api and name not in DASHBOARD_ACCESS) or (
            api and (not hasattr(callback, "cls") or name not in API_ACCESS)
        ):
            continue
        takes_id = "(?P<pk>" in route if api else "<int:" in route
        if not takes_id or name in ANONYMOUS_ONLY:
            continue
        url = world.api_url(route, callback, tenant_b) if api else world.dashboard_url(name, route, tenant_b)
        foreign += [(name, url, api, m) for m in (api_methods(callback) if api else ["get", "post"])]
    before_b = state(tenant_b)
    for name, url, api, method in foreign:
        # On the dashboard a key is nobody (the reads above show it is sent to the login page, as anonymous is).
        for principal in PRINCIPALS if api else ("anonymous", *ROLES):
            response = send(world.clients[principal], method, url, api)
            label = f"{method.upper()} {url} ({name}) [other tenant]"
            check(label, response, allowed=False, principal=principal, method=method)
            if response.status_code in (301, 302, 303) and not to_login(response):
                failures.append(f"{label} as {principal}: {response.status_code}, not a 404")
    after_b = state(tenant_b)
    failures += [
        f"this tenant's callers changed the other tenant's rows: {c}" for c in changes(before_b, after_b)
    ]

    elapsed = time.monotonic() - started
    print(f"role sweep: {counted} requests in {elapsed:.0f} s")  # noqa: T201 (the figure for docs/)
    assert counted > 2000, counted
    assert not failures, f"{len(failures)} problems in {counted} requests:\n" + "\n".join(failures)
