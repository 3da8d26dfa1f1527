"""Who may do what through the API: tenant members by role, API keys by scope."""

from __future__ import annotations

from rest_framework import permissions

from talentpool.tenancy.models import ADMINS, ALL_ROLES, EDITORS, ApiKeyScope, Role  # noqa: F401 (re-exported)

from .authentication import ApiKeyPrincipal


class IsTenantMember(permissions.BasePermission):
    """A request in a tenant, by a member whose role the view allows, or by an API key with the scope.

    Views declare ``read_roles`` (safe methods) and ``write_roles`` (the rest); ``api_key_allowed = False``
    keeps a view for people only, ``api_key_writes = False`` lets keys read it but not change it.
    Defaults: every member reads, admins and recruiters write.
    """

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        if getattr(request._request, "tenant", None) is None:
            if isinstance(request.user, ApiKeyPrincipal) or request.user.is_authenticated:
                self.message = "You are not a member of any active tenant."
            return False
        safe = request.method in permissions.SAFE_METHODS
        if isinstance(request.user, ApiKeyPrincipal):
            if not getattr(view, "api_key_allowed", True) or (
                not safe and not getattr(view, "api_key_writes", True)
            ):
                self.message = "This endpoint is for people signed in to the dashboard, not API keys."
                return False
            needed = ApiKeyScope.READ if safe else ApiKeyScope.WRITE
            if needed not in request.user.api_key.scopes:
                self.message = f"This API key lacks the {needed.value!r} scope."
                return False
            return True
        membership = getattr(request._request, "membership", None)
        if membership is None:
            return False
        roles = getattr(view, "read_roles", ALL_ROLES) if safe else getattr(view, "write_roles", EDITORS)
        return membership.role in roles
