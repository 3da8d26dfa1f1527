"""Choose the request's tenant and run the whole view inside it (ORM scope + row-level security)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .context import DatabaseScope, database_scope
from .selectors import api_key_by_full_key, membership_for
from .services import api_key_touch

SESSION_TENANT_KEY = "tenant_id"


class TenantMiddleware:
    """Sets ``request.tenant``, ``request.membership`` (dashboard) or ``request.api_key`` (integrations).

    An ``Authorization: Bearer`` header selects the API key's tenant; an unknown or revoked key leaves
    ``request.api_key_error`` for the API to answer 401 with. Otherwise a logged-in user's session picks
    the tenant, among their memberships only. The view then runs in one transaction with that tenant set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = settings.STATIC_URL

    def __call__(self, request):
        request.tenant = None
        request.membership = None
        request.api_key = None
        request.api_key_error = None
        if request.path.startswith(self.static_prefix):
            return self.get_response(request)

        authorization = request.headers.get("Authorization", "")
        if authorization[:7].lower() == "bearer ":
            return self._with_api_key(request, authorization[7:].strip())

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            membership = membership_for(user, request.session.get(SESSION_TENANT_KEY))
            if membership is not None:
                request.tenant = membership.tenant
                request.membership = membership
                if request.session.get(SESSION_TENANT_KEY) != membership.tenant_id:
                    request.session[SESSION_TENANT_KEY] = membership.tenant_id
                with database_scope(DatabaseScope(tenant_id=membership.tenant_id, user_id=user.pk)):
                    return self._respond(request)
            with database_scope(DatabaseScope(user_id=user.pk)):
                return self._respond(request)
        return self.get_response(request)

    def _respond(self, request):
        """The view's response; its writes are rolled back when it failed (like ATOMIC_REQUESTS would).

        Django turns a view's exception into a 500 response before it reaches this middleware, and DRF's
        handled errors never raise, so the status code is what tells a failed request apart.
        """
        response = self.get_response(request)
        if response.status_code >= 400:
            transaction.set_rollback(True)
        return response

    def _with_api_key(self, request, full_key: str):
        api_key = api_key_by_full_key(full_key)
        if api_key is None:
            request.api_key_error = "invalid_api_key"
            return self.get_response(request)
        if not api_key.is_active or not api_key.tenant.is_active:
            request.api_key_error = "revoked_api_key"
            return self.get_response(request)
        request.api_key = api_key
        request.tenant = api_key.tenant
        with database_scope(DatabaseScope(tenant_id=api_key.tenant_id)):
            api_key_touch(api_key)
        with database_scope(DatabaseScope(tenant_id=api_key.tenant_id)):
            return self._respond(request)
