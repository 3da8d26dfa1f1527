"""Writes that matter for tenants, memberships and API keys. Keyword-only, tenant first, one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from talentpool.errors import ServiceError

from .context import tenant_context
from .models import ApiKey, ApiKeyScope, Membership, Role, Tenant


class TenancyError(ServiceError):
    """A tenancy request that cannot be carried out."""


@dataclass(frozen=True)
class CreatedTenant:
    tenant: Tenant
    admin: object
    admin_password: str | None  # set only when the admin user was created now


def generate_password() -> str:
    # Readable and strong: 16 URL-safe characters, about 96 bits.
    return secrets.token_urlsafe(12)


def tenant_create(
    *,
    name: str,
    slug: str | None = None,
    admin_email: str,
    admin_name: str = "",
    time_zone: str = "Asia/Shanghai",
    default_language: str = "zh-hans",
    admin_password: str | None = None,
) -> CreatedTenant:
    """Create a tenant and its first admin (an existing user is reused and keeps their password).

    Raises TenancyError when the slug is taken or invalid. Not safe to run twice with the same slug.
    """
    from talentpool.accounts.models import normalize_email

    slug = slugify(slug or name)[:63]
    if not slug:
        raise TenancyError(_("A slug of letters, digits and hyphens is required."), field="slug")
    name = (name or "").strip()
    if not name:
        raise TenancyError(_("A tenant name is required."), field="name")
    User = get_user_model()
    email = normalize_email(admin_email)
    if not email or "@" not in email:
        raise TenancyError(_("A valid admin email is required."), field="admin_email")
    with transaction.atomic():
        if Tenant.objects.filter(slug=slug).exists():
            raise TenancyError(
                _("The slug %(slug)s is taken.") % {"slug": slug}, field="slug", code="duplicate"
            )
        try:
            tenant = Tenant.objects.create(
                name=name, slug=slug, time_zone=time_zone, default_language=default_language
            )
        except IntegrityError as exc:
            raise TenancyError(
                _("The slug %(slug)s is taken.") % {"slug": slug}, field="slug", code="duplicate"
            ) from exc
        user = User.objects.filter(email=email).first()
        password = None
        if user is None:
            password = admin_password or generate_password()
            user = User.objects.create_user(email, password, name=admin_name)
        with tenant_context(tenant):
            Membership.objects.create(user=user, role=Role.ADMIN)
        seed_new_tenant(tenant)
    return CreatedTenant(tenant=tenant, admin=user, admin_password=password)


def seed_new_tenant(tenant: Tenant) -> None:
    """Give a new tenant what every tenant starts with: each of settings.TENANT_SEEDERS, in order."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path in settings.TENANT_SEEDERS:
        import_string(path)(tenant)


def membership_add(tenant: Tenant, *, user, role: str, actor=None) -> Membership:
    """Add ``user`` to ``tenant`` with ``role``; an existing membership keeps its role. Safe to run twice."""
    if role not in Role.values:
        raise TenancyError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    with tenant_context(tenant):
        membership, created = Membership.objects.get_or_create(user=user, defaults={"role": role})
        if created:
            _audit(
                "membership.added", actor=actor, target=membership, details={"user": user.pk, "role": role}
            )
    return membership


def membership_change_role(tenant: Tenant, *, membership: Membership, role: str, actor) -> Membership:
    """Change a member's role. The tenant always keeps at least one admin."""
    if role not in Role.values:
        raise TenancyError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    with tenant_context(tenant):
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == Role.ADMIN and role != Role.ADMIN:
            _ensure_another_admin(locked)
        before = locked.role
        locked.role = role
        locked.save(update_fields=["role"])
        if before != role:
            _audit(
                "membership.role_changed",
                actor=actor,
                target=locked,
                details={"user": locked.user_id, "from": before, "to": role},
            )
    return locked


def membership_remove(tenant: Tenant, *, membership: Membership, actor) -> None:
    """Remove a member from the tenant (the user account stays). The last admin cannot be removed."""
    with tenant_context(tenant):
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == Role.ADMIN:
            _ensure_another_admin(locked)
        _audit(
            "membership.removed",
            actor=actor,
            target=locked,
            details={"user": locked.user_id, "role": locked.role},
        )
        locked.delete()


def _audit(action: str, *, actor, target, details: dict) -> None:
    """Announce an auditable change; the privacy app's receiver writes it in the current transaction."""
    from .signals import audited

    audited.send(
        sender=Tenant,
        action=action,
        actor=actor if getattr(actor, "pk", None) or getattr(actor, "api_key", None) else None,
        target=target,
        request=None,
        details=details,
    )


def _ensure_another_admin(membership: Membership) -> None:
    admins = Membership.objects.select_for_update().filter(role=Role.ADMIN).exclude(pk=membership.pk)
    if not admins.exists():
        raise TenancyError(_("A tenant needs at least one admin."), field="role", code="last_admin")


@dataclass(frozen=True)
class CreatedApiKey:
    api_key: ApiKey
    key: str  # the only time the full key exists outside its owner's hands


def api_key_create(tenant: Tenant, *, name: str, scopes: Iterable[str], actor=None) -> CreatedApiKey:
    """Create an API key. Returns the full key once; only its hash is stored."""
    name = (name or "").strip()
    if not name:
        raise TenancyError(_("A name is required."), field="name")
    scopes = sorted(set(scopes))
    unknown = [scope for scope in scopes if scope not in ApiKeyScope.values]
    if unknown or not scopes:
        raise TenancyError(
            f"Scopes must be some of {', '.join(ApiKeyScope.values)}"
            + (f"; unknown: {', '.join(unknown)}." if unknown else "."),
            field="scopes",
        )
    full, prefix, key_hash = ApiKey.generate()
    with tenant_context(tenant):
        api_key = ApiKey.objects.create(
            name=name,
            prefix=prefix,
            key_hash=key_hash,
            scopes=scopes,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        _audit("api_key.created", actor=actor, target=api_key, details={"prefix": prefix, "scopes": scopes})
    return CreatedApiKey(api_key=api_key, key=full)


def api_key_revoke(tenant: Tenant, *, api_key: ApiKey, actor=None) -> ApiKey:
    """Revoke a key; it fails authentication from now on. Safe to run twice (the first time is kept)."""
    with tenant_context(tenant):
        if ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
            _audit("api_key.revoked", actor=actor, target=api_key, details={"prefix": api_key.prefix})
        return ApiKey.objects.get(pk=api_key.pk)


def api_key_touch(api_key: ApiKey) -> None:
    """Record use, at most once a minute per key so busy integrations do not rewrite the row on every call."""
    now = timezone.now()
    if api_key.last_used_at and (now - api_key.last_used_at).total_seconds() < 60:
        return
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
