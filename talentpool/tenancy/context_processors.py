from .selectors import memberships_of_user


def tenancy(request) -> dict:
    """The current tenant and the user's other tenants, for the navigation and the tenant switcher."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        "current_tenant": getattr(request, "tenant", None),
        "current_membership": membership,
        "user_memberships": (lambda: memberships_of_user(user)) if membership is not None else [],
    }
