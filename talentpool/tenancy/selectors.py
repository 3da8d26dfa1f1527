"""Read queries for tenants, memberships and API keys."""

from __future__ import annotations

import hmac

from .context import DatabaseScope, database_scope
from .models import ApiKey, Membership


def memberships_of_user(user) -> list[Membership]:
    """Every membership of ``user``, across tenants (for login and the tenant switcher)."""
    if not getattr(user, "is_authenticated", False):
        return []
    with database_scope(DatabaseScope(user_id=user.pk)):
        return list(
            Membership.unscoped.filter(user_id=user.pk, tenant__is_active=True)
            .select_related("tenant")
            .order_by("tenant__name", "tenant_id")
        )


def membership_for(user, tenant_id: int | None) -> Membership | None:
    """The user's membership in ``tenant_id``, or their first one when ``tenant_id`` is None or not theirs."""
    memberships = memberships_of_user(user)
    for membership in memberships:
        if membership.tenant_id == tenant_id:
            return membership
    return memberships[0] if memberships else None


def api_key_by_full_key(full_key: str) -> ApiKey | None:
    """The key matching ``full_key`` (revoked ones too, so callers can say so), or None."""
    prefix = ApiKey.parse_prefix(full_key)
    if prefix is None:
        return None
    with database_scope(DatabaseScope(api_key_prefix=prefix)):
        api_key = ApiKey.unscoped.select_related("tenant").filter(prefix=prefix).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, ApiKey.hash_key(full_key)):
        return None
    return api_key


def members():
    """Members of the current tenant."""
    return Membership.objects.select_related("user").order_by("user__email")


def api_keys():
    """API keys of the current tenant, newest first."""
    return ApiKey.objects.select_related("created_by").order_by("-created_at", "-id")
