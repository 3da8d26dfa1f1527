from django.db import DatabaseError

from .context import NoTenantSelected
from .notifications import unread_count
from .selectors import memberships_of_user


def tenancy(request) -> dict:
    """The current tenant, the user's other tenants (navigation, tenant switcher) and their unread notifications."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        "current_tenant": getattr(request, "tenant", None),
        "current_membership": membership,
        "user_memberships": (lambda: memberships_of_user(user)) if membership is not None else [],
        # A callable, so the count is read only by pages that show the bell.
        "unread_notifications": (lambda: _unread(user)) if membership is not None else 0,
    }


def _unread(user) -> int:
    # The bell is also drawn on error pages, which may render outside the tenant's transaction or after a
    # failed query: there it shows no count rather than turning one error into another.
    try:
        return unread_count(user)
    except (NoTenantSelected, DatabaseError):
        return 0
