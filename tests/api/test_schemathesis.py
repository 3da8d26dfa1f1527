"""schemathesis over every operation of /api/schema/, as an API key and as a signed-in admin (issue 13, item 2).

The schema is fetched from the WSGI app and every operation is called with generated data (valid and invalid)
with a fixed seed and a few examples each, in a tenant holding the demo data (candidates, tags with parents, a
role, a shortlist, interactions). Path ids are taken from that tenant's rows most of the time, so detail
routes answer with real bodies rather than only 404. A response fails when it is a server error (5xx), has a
status code the schema does not document for the operation, a content type it does not declare, headers it
does not declare, or a body that does not conform to the declared schema. A failure here is a bug in the API
or in its schema: fix whichever is wrong, never the check.
"""

from __future__ import annotations

import os
import re
from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from talentpool.accounts.models import User
from talentpool.api.throttling import PerKeyRateThrottle
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from talentpool.wsgi import application

from ..factories import PASSWORD, make_api_key

SEED = 20261207
MAX_EXAMPLES = 5


@schemathesis.check
def authenticated(ctx, response, case):
    """Valid credentials are never refused: a run whose key or session stopped working would test nothing."""
    if response.status_code == 401:
        raise AssertionError(f"401 with valid credentials: {response.text[:300]}")
    return None


CHECKS = [
    authenticated,
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
CONFIG = {
    "seed": SEED,
    # Credentials come from the caller fixture; generated ones (a random Bearer token) would hide a session.
    "generation": {
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "mode": "all",
        "with-security-parameters": False,
    },
    # The explicit examples, then MAX_EXAMPLES generated cases per operation. The coverage phase (every boundary
    # of every parameter) triples the calls and the run time; stateful chains are not needed here.
    # SCHEMATHESIS_COVERAGE=1 turns it on for a deeper run by hand (about three times as long).
    "phases": {
        "coverage": {"enabled": os.environ.get("SCHEMATHESIS_COVERAGE") == "1", "unexpected-methods": []},
        "stateful": {"enabled": False},
    },
}
DEMO_ADMIN = "admin@demo.talentpool.local"
_COLLECTION = re.compile(r"^/api/v1/([^{}]+?)/\{id\}/")


def ids_by_collection(tenant, paths) -> dict[str, list[int]]:
    """``{"candidates": [3, 4, 5], "tags": [...]}``: a few ids of the tenant's rows behind each detail route
    (the route's view's model), so that new routes get real ids without a change here."""
    found = {}
    with tenant_context(tenant):
        for path in paths:
            match = _COLLECTION.match(path)
            if match is None or match.group(1) in found:
                continue
            try:
                view_class = getattr(resolve(f"/api/v1/{match.group(1)}/1/").func, "cls", None)
            except Resolver404:
                continue
            model = getattr(view_class, "model", None) or getattr(
                getattr(view_class, "queryset", None), "model", None
            )
            if model is not None:
                found[match.group(1)] = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:3])
    return found


@pytest.fixture(params=["api_key", "session"])
def caller(request, db, monkeypatch):
    """The demo tenant, and what a request carries to be authenticated in it: an API key's header, or an
    admin's session cookie with the CSRF cookie and header."""
    monkeypatch.setattr(PerKeyRateThrottle, "THROTTLE_RATES", {"per_key": "100000/minute"})
    call_command("seed_demo", "--quiet", stdout=StringIO())
    tenant = Tenant.objects.get(slug="demo")
    if request.param == "api_key":
        return {
            "tenant": tenant,
            "headers": {"Authorization": f"Bearer {make_api_key(tenant)}"},
            "cookies": {},
        }
    admin = User.objects.get(email=DEMO_ADMIN)
    admin.set_password(PASSWORD)
    admin.save(update_fields=["password"])
    browser = Client()
    assert browser.login(email=admin.email, password=PASSWORD)
    csrf = _get_new_csrf_string()
    return {
        "tenant": tenant,
        "headers": {"X-CSRFToken": csrf},
        "cookies": {"sessionid": browser.cookies["sessionid"].value, "csrftoken": csrf},
    }


@pytest.fixture
def api_schema(caller):
    # Like Django's test client: a request must not close the test's connection (its transaction holds the data).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        loaded = schemathesis.openapi.from_wsgi(
            "/api/schema/?format=json", application, config=schemathesis.Config.from_dict(CONFIG)
        )
        real_ids = ids_by_collection(caller["tenant"], loaded.raw_schema["paths"])

        def flatmap_path_parameters(context, path_parameters):
            """Mostly an id of a real row of the collection, sometimes what was generated."""
            match = _COLLECTION.match(context.operation.path)
            ids = real_ids.get(match.group(1)) if match else None
            if not ids or "id" not in path_parameters:
                return st.just(path_parameters)
            real = st.sampled_from(ids).map(lambda pk: {**path_parameters, "id": pk})
            return st.one_of(real, st.just(path_parameters))

        loaded.hooks.register_hook_with_name(flatmap_path_parameters, "flatmap_path_parameters")
        yield loaded
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_operation_keeps_to_the_schema(case, caller):
    case.call_and_validate(headers=caller["headers"], cookies=caller["cookies"], checks=CHECKS)
