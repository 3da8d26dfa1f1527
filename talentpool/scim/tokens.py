"""SCIM bearer tokens: ``tpscim_<prefix>_<secret>``, shown once, kept as SHA-256 (decision 0003's reasoning; the
marker differs from API keys' ``tp_`` so each endpoint refuses the other's credential)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.accounts.models import ScimToken, hash_token
from talentpool.accounts.sso import lookup
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from talentpool.tenancy.services import TenancyError


@dataclass(frozen=True)
class CreatedScimToken:
    scim_token: ScimToken
    token: str


def scim_token_create(tenant: Tenant, *, name: str, actor=None) -> CreatedScimToken:
    name = (name or "").strip()
    if not name:
        raise TenancyError(_("A name is required."), field="name")
    full, prefix, token_hash = ScimToken.generate()
    with tenant_context(tenant):
        row = ScimToken.objects.create(
            name=name[:100], prefix=prefix, token_hash=token_hash, created_by=actor
        )
        from privacy import audit

        audit.record(
            "settings.changed",
            actor=actor,
            tenant=tenant,
            target=row,
            details={"area": "scim", "scim_token_created": prefix},
        )
    return CreatedScimToken(scim_token=row, token=full)


def scim_token_revoke(tenant: Tenant, *, token: ScimToken, actor=None) -> None:
    with tenant_context(tenant):
        ScimToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        from privacy import audit

        audit.record(
            "settings.changed",
            actor=actor,
            tenant=tenant,
            target=token,
            details={"area": "scim", "scim_token_revoked": token.prefix},
        )


def scim_token_by_full(full: str) -> ScimToken | None:
    """The active token matching ``full`` in an active tenant, or None."""
    prefix = ScimToken.parse_prefix(full)
    if prefix is None:
        return None
    with lookup.lookup_scope(lookup.SCIM_TOKEN_PREFIX, prefix):
        row = ScimToken.unscoped.select_related("tenant").filter(prefix=prefix).first()
    if row is None or not hmac.compare_digest(row.token_hash, hash_token(full)):
        return None
    if row.revoked_at is not None or not row.tenant.is_active:
        return None
    return row


def scim_token_touch(row: ScimToken) -> None:
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(seconds=60):
        ScimToken.objects.filter(pk=row.pk).update(last_used_at=now)
