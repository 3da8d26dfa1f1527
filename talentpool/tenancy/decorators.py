"""Role checks for dashboard views (the API's live in talentpool/api/permissions.py)."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .models import ALL_ROLES, Role  # noqa: F401 (ALL_ROLES: imported from here by older callers)


def member_required(roles=ALL_ROLES):
    """The view needs a logged-in member of the current tenant with one of ``roles`` (403 otherwise)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = getattr(request, "membership", None)
            if membership is None:
                return render(request, "tenancy/no_tenant.html", status=403)
            if membership.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
