"""Single sign-on: per-tenant configuration, the checks a sign-in must pass, just-in-time provisioning, and the
sessions a tenant can end. Memberships are written through talentpool.tenancy.services only."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership, Role, Tenant
from talentpool.tenancy.services import TenancyError, membership_add, membership_change_role

from ..models import (
    ROLE_PRECEDENCE,
    GroupRoleMapping,
    ScimUser,
    SsoDomain,
    SsoProvider,
    SsoSettings,
    TenantSession,
    normalize_email,
)
from . import lookup


class SsoRejected(Exception):
    """A sign-in that must not happen. ``code`` goes to the audit log; ``message`` to the person."""

    MESSAGES = {
        "no_email": gettext_lazy("The identity provider sent no email address."),
        "domain_not_verified": gettext_lazy("This email domain is not verified for this organisation."),
        "domain_of_other_tenant": gettext_lazy("This email address belongs to another organisation."),
        "deprovisioned": gettext_lazy("Your access to this organisation was removed."),
        "nonce_mismatch": gettext_lazy("The sign-in response did not match the request (nonce)."),
        "replayed": gettext_lazy("This sign-in response was already used."),
        "provider_inactive": gettext_lazy("This sign-in method is switched off."),
        "tenant_inactive": gettext_lazy("This organisation is not active."),
        "user_inactive": gettext_lazy("This account is disabled."),
    }

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
        self.message = self.MESSAGES.get(code, _("Single sign-on failed."))


# --- lookups before a tenant is chosen ---------------------------------------------------------------------


def provider_by_slug(slug: str) -> SsoProvider | None:
    with lookup.lookup_scope(lookup.PROVIDER_SLUG, slug or ""):
        return SsoProvider.unscoped.select_related("tenant").filter(slug=slug).first()


def email_domain(email: str) -> str:
    return normalize_email(email).rpartition("@")[2]


def domain_owner(email_or_domain: str) -> Tenant | None:
    """The tenant that verified this email's domain, or None."""
    domain = email_domain(email_or_domain) if "@" in email_or_domain else email_or_domain.strip().lower()
    if not domain:
        return None
    with lookup.lookup_scope(lookup.EMAIL_DOMAIN, domain):
        row = (
            SsoDomain.unscoped.select_related("tenant")
            .filter(domain=domain, verified_at__isnull=False)
            .first()
        )
    return row.tenant if row is not None else None


# --- per-tenant configuration --------------------------------------------------------------------------------


def settings_of(tenant) -> SsoSettings:
    """The tenant's SSO settings (unsaved defaults when never saved)."""
    with tenant_context(tenant):
        return SsoSettings.objects.first() or SsoSettings(
            tenant_id=tenant if isinstance(tenant, int) else tenant.pk
        )


def settings_save(tenant: Tenant, *, sso_required: bool, default_role: str, actor=None) -> SsoSettings:
    if default_role not in Role.values:
        raise TenancyError(_("Unknown role %(role)s.") % {"role": default_role}, field="default_role")
    with tenant_context(tenant):
        row, _created = SsoSettings.objects.update_or_create(
            defaults={
                "sso_required": sso_required,
                "default_role": default_role,
                "updated_at": timezone.now(),
            }
        )
        _audit_settings(tenant, actor, {"sso_required": sso_required, "default_role": default_role})
    return row


def active_providers(tenant) -> list[SsoProvider]:
    with tenant_context(tenant):
        return list(SsoProvider.objects.filter(is_active=True).order_by("name", "id"))


def provider_save(tenant: Tenant, *, provider: SsoProvider, actor=None) -> SsoProvider:
    """Create or update a provider row built by the settings form or the API."""
    with tenant_context(tenant):
        try:
            with transaction.atomic():
                provider.save()
        except IntegrityError as exc:
            raise TenancyError(
                _("The identifier %(slug)s is taken.") % {"slug": provider.slug},
                field="slug",
                code="duplicate",
            ) from exc
        _audit_settings(tenant, actor, {"sso_provider": provider.slug})
    return provider


def provider_delete(tenant: Tenant, *, provider: SsoProvider, actor=None) -> None:
    with tenant_context(tenant):
        SsoProvider.objects.filter(pk=provider.pk).delete()
        _audit_settings(tenant, actor, {"sso_provider_deleted": provider.slug})


def domain_add(tenant: Tenant, *, domain: str, actor=None) -> SsoDomain:
    domain = (domain or "").strip().lower().lstrip("@")
    if not domain or "." not in domain or any(ch in domain for ch in " /@:"):
        raise TenancyError(_("Enter a domain such as example.com."), field="domain")
    with tenant_context(tenant):
        row, _created = SsoDomain.objects.get_or_create(
            domain=domain, defaults={"verification_token": secrets.token_hex(16)}
        )
        _audit_settings(tenant, actor, {"sso_domain_added": domain})
    return row


def domain_verify(
    tenant: Tenant, *, domain: SsoDomain, actor=None, txt_records: list[str] | None = None
) -> SsoDomain:
    """Mark ``domain`` verified when its DNS has our TXT record (``txt_records`` given: an operator's check).

    Raises TenancyError when the record is missing or another tenant verified the domain first.
    """
    records = txt_records if txt_records is not None else dns_txt_records(domain.domain)
    if domain.txt_record not in records:
        raise TenancyError(
            _("The TXT record %(record)s was not found on %(domain)s.")
            % {"record": domain.txt_record, "domain": domain.domain},
            field="domain",
            code="not_verified",
        )
    with tenant_context(tenant):
        try:
            with transaction.atomic():
                SsoDomain.objects.filter(pk=domain.pk).update(verified_at=timezone.now())
        except IntegrityError as exc:
            raise TenancyError(
                _("Another organisation verified %(domain)s.") % {"domain": domain.domain},
                field="domain",
                code="duplicate",
            ) from exc
        _audit_settings(tenant, actor, {"sso_domain_verified": domain.domain})
        return SsoDomain.objects.get(pk=domain.pk)


def dns_txt_records(domain: str) -> list[str]:
    import dns.exception
    import dns.resolver

    try:
        answers = dns.resolver.resolve(domain, "TXT", lifetime=5)
    except dns.exception.DNSException:
        return []
    return [b"".join(answer.strings).decode(errors="replace") for answer in answers]


def domain_delete(tenant: Tenant, *, domain: SsoDomain, actor=None) -> None:
    with tenant_context(tenant):
        SsoDomain.objects.filter(pk=domain.pk).delete()
        _audit_settings(tenant, actor, {"sso_domain_deleted": domain.domain})


def mapping_save(tenant: Tenant, *, group: str, role: str, actor=None) -> GroupRoleMapping:
    group = (group or "").strip()
    if not group:
        raise TenancyError(_("A group name is required."), field="group")
    if role not in Role.values:
        raise TenancyError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    with tenant_context(tenant):
        row, _created = GroupRoleMapping.objects.update_or_create(group=group, defaults={"role": role})
        _audit_settings(tenant, actor, {"group_role": f"{group}={role}"})
    return row


def mapping_delete(tenant: Tenant, *, mapping: GroupRoleMapping, actor=None) -> None:
    with tenant_context(tenant):
        GroupRoleMapping.objects.filter(pk=mapping.pk).delete()
        _audit_settings(tenant, actor, {"group_role_deleted": mapping.group})


def role_for_groups(tenant, groups) -> str | None:
    """The most powerful role any of ``groups`` maps to in ``tenant``, or None when none maps."""
    names = {str(group).strip() for group in groups or () if str(group).strip()}
    if not names:
        return None
    with tenant_context(tenant):
        roles = set(GroupRoleMapping.objects.filter(group__in=names).values_list("role", flat=True))
    return next((role for role in ROLE_PRECEDENCE if role in roles), None)


# --- sign-in -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    user: object
    tenant: Tenant
    membership: Membership
    created_user: bool


def check_sign_in(provider: SsoProvider, email: str) -> None:
    """Raise SsoRejected unless ``provider`` may sign ``email`` into its tenant: the provider and tenant are
    active and the email's domain is verified for that very tenant (so tenant A's provider cannot sign anyone
    into tenant B, nor anyone whose domain B verified)."""
    if not provider.is_active:
        raise SsoRejected("provider_inactive")
    if not provider.tenant.is_active:
        raise SsoRejected("tenant_inactive")
    email = normalize_email(email)
    if not email or "@" not in email:
        raise SsoRejected("no_email")
    owner = domain_owner(email)
    if owner is None:
        raise SsoRejected("domain_not_verified")
    if owner.pk != provider.tenant_id:
        raise SsoRejected("domain_of_other_tenant")


def provision(provider: SsoProvider, *, email: str, name: str = "", groups=(), user=None) -> SignIn:
    """Just-in-time provisioning after check_sign_in: the user (found by email, or created without a password),
    and their membership in the provider's tenant with the role their groups map to, else the tenant's default.
    A later sign-in with groups that map to a role moves the member to that role."""
    email = normalize_email(email)
    tenant = provider.tenant
    User = get_user_model()
    created = False
    if user is None:
        user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, name=(name or "").strip()[:150])
        created = True
    elif not user.is_active:
        raise SsoRejected("user_inactive")
    with tenant_context(tenant):
        scim_user = ScimUser.objects.filter(user=user).first()
        if scim_user is not None and (not scim_user.active or scim_user.deleted_at is not None):
            raise SsoRejected("deprovisioned")
    mapped = role_for_groups(tenant, groups)
    role = mapped or settings_of(tenant).default_role
    membership = membership_add(tenant, user=user, role=role)
    if mapped and membership.role != mapped:
        try:
            membership = membership_change_role(tenant, membership=membership, role=mapped, actor=None)
        except TenancyError:
            pass  # the last admin keeps the role; the sign-in still succeeds
    return SignIn(user=user, tenant=tenant, membership=membership, created_user=created)


def password_login_refusal(user) -> Tenant | None:
    """A tenant that requires SSO and where ``user`` is not an admin (no break-glass), else None."""
    from talentpool.tenancy.selectors import memberships_of_user

    for membership in memberships_of_user(user):
        if membership.role != Role.ADMIN and settings_of(membership.tenant).sso_required:
            return membership.tenant
    return None


def break_glass_tenants(user) -> list[Tenant]:
    """Tenants that require SSO where ``user`` signs in with a password as an admin (audited)."""
    from talentpool.tenancy.selectors import memberships_of_user

    return [
        membership.tenant
        for membership in memberships_of_user(user)
        if membership.role == Role.ADMIN and settings_of(membership.tenant).sso_required
    ]


# --- sessions per tenant -------------------------------------------------------------------------------------


def session_record(tenant, *, user, session_key: str | None) -> None:
    if not session_key:
        return
    with tenant_context(tenant):
        TenantSession.objects.get_or_create(user=user, session_key=session_key)


def sessions_end(tenant, *, user) -> int:
    """End every session ``user`` used in ``tenant``; returns how many."""
    from django.conf import settings as django_settings

    store: type[SessionBase] = import_string(f"{django_settings.SESSION_ENGINE}.SessionStore")
    with tenant_context(tenant):
        keys = list(TenantSession.objects.filter(user=user).values_list("session_key", flat=True))
        TenantSession.objects.filter(user=user).delete()
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def _audit_settings(tenant, actor, details: dict) -> None:
    from privacy import audit

    audit.record("settings.changed", actor=actor, tenant=tenant, details={"area": "sso", **details})
