"""Who and where an API request acts: the two helpers every API module uses (written once, issue 17)."""

from __future__ import annotations


def request_tenant(request):
    """The tenant the request acts in (the API key's, or the session's choice), set by TenantMiddleware."""
    return request._request.tenant


def request_actor(request):
    """The signed-in person, or None for an API key (an integration acts as nobody: services log no actor)."""
    return request.user if getattr(request.user, "pk", None) else None
