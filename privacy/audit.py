"""The audit log's one writer: ``record(action, ...)`` appends an entry in the caller's transaction.

Actions are dotted strings; ``ACTIONS`` lists every one the product writes (docs/privacy.md explains them).
An entry stores who (user id and email, or the API key's prefix), what (the action and a target's model
label and primary key — never its personal data), where from (IP address, user agent) and small details.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.context import DatabaseScope, current_scope, current_tenant_id, database_scope

from .models import AuditEntry

ACTIONS: dict[str, Any] = {
    "candidate.viewed": _("Candidate viewed"),
    "candidate.exported": _("Candidate exported"),
    "candidate.changed": _("Candidate changed"),
    "candidate.erased": _("Candidate erased"),
    "candidate.anonymised": _("Candidate anonymised"),
    "candidate.consent_recorded": _("Consent recorded"),
    "candidate.consent_withdrawn": _("Consent withdrawn"),
    "pool.exported": _("Pool exported"),
    "privacy.request_created": _("Data request received"),
    "privacy.request_completed": _("Data request completed"),
    "privacy.request_rejected": _("Data request rejected"),
    "privacy.retention_run": _("Retention run"),
    "privacy.audit_purged": _("Audit entries purged"),
    "auth.login": _("Login"),
    "auth.login_failed": _("Failed login"),
    "sso.login": _("SSO login"),
    "sso.failure": _("SSO failure"),
    "sso.break_glass": _("Password login by an admin where SSO is required"),
    "mfa.enrolled": _("Two-factor authentication turned on"),
    "mfa.disabled": _("Two-factor authentication turned off"),
    "mfa.failure": _("Wrong two-factor code"),
    "scim.user_created": _("SCIM user created"),
    "scim.user_updated": _("SCIM user updated"),
    "scim.user_deactivated": _("SCIM user deactivated"),
    "scim.group_changed": _("SCIM group changed"),
    "api_key.used": _("API key used"),
    "api_key.created": _("API key created"),
    "api_key.revoked": _("API key revoked"),
    "settings.changed": _("Settings changed"),
    "membership.added": _("Member added"),
    "membership.role_changed": _("Member's role changed"),
    "membership.removed": _("Member removed"),
}

SYSTEM = "system"


def _actor_fields(actor) -> tuple[int | None, str]:
    if actor is None:
        return None, SYSTEM
    api_key = getattr(actor, "api_key", None)
    if api_key is not None:  # talentpool.api.authentication.ApiKeyPrincipal
        return None, f"API key {api_key.prefix}"
    if getattr(actor, "pk", None) is None:
        return None, str(actor)[:254]
    return actor.pk, (getattr(actor, "email", "") or str(actor))[:254]


def _request_fields(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    from talentpool.accounts.lockout import client_ip

    ip = client_ip(request)
    if ip == "unknown":
        ip = None
    return ip, request.META.get("HTTP_USER_AGENT", "")[:300]


def _target_fields(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def record(
    action: str, *, actor=None, tenant=None, target=None, request=None, details: dict | None = None
) -> AuditEntry:
    """Append one audit entry in the caller's transaction and return it.

    ``tenant`` (a Tenant or its id) defaults to the current tenant; with none current and none given the row
    has no tenant (events outside any tenant, such as a failed login for an unknown email). ``actor`` is a
    User, an API-key principal or None (the system). ``target`` is any model instance: its label and pk are
    stored. ``request`` gives the IP address and user agent. Not idempotent: every call is one more entry.
    """
    if action not in ACTIONS:
        raise ValueError(
            f"Unknown audit action {action!r}: add it to privacy.audit.ACTIONS and docs/privacy.md."
        )
    tenant_id = current_tenant_id() if tenant is None else (tenant if isinstance(tenant, int) else tenant.pk)
    actor_id, actor_label = _actor_fields(actor)
    if request is not None and actor is None and getattr(request, "api_key", None) is not None:
        actor_label = f"API key {request.api_key.prefix}"
    ip, user_agent = _request_fields(request)
    target_type, target_id = _target_fields(target)
    entry = AuditEntry(
        tenant_id=tenant_id,
        action=action,
        actor_id=actor_id,
        actor_label=actor_label,
        target_type=target_type,
        target_id=target_id,
        ip=ip,
        user_agent=user_agent,
        details=details or {},
    )
    scope = current_scope()
    if scope.tenant_id == tenant_id:
        entry.save(force_insert=True)
    else:
        # Another tenant than the current one (or none): a savepoint in the same transaction that row-level
        # security sees as that tenant; the caller's scope is restored afterwards.
        with database_scope(DatabaseScope(tenant_id=tenant_id, user_id=scope.user_id)):
            entry.save(force_insert=True)
    return entry


def record_login(*, user, request) -> list[AuditEntry]:
    """A successful login: one entry in each tenant the user belongs to, so each tenant's admin sees it."""
    from talentpool.tenancy.selectors import memberships_of_user

    method = getattr(request, "audit_login_method", None) or "password"
    action = "sso.login" if method == "sso" else "auth.login"
    tenant_ids = [membership.tenant_id for membership in memberships_of_user(user)] or [None]
    return [
        record(action, actor=user, tenant=tenant_id, request=request, details={"method": method})
        for tenant_id in tenant_ids
    ]


def record_login_failure(*, credentials: dict, request) -> list[AuditEntry]:
    """A failed login. For a known user's email, one entry in each of their tenants; for an unknown email, one
    entry without a tenant. The email itself is stored only in entries without a tenant (operators only);
    Django already masks the password in ``credentials``."""
    from talentpool.accounts.models import User, normalize_email
    from talentpool.tenancy.selectors import memberships_of_user

    email = normalize_email(credentials.get("email") or credentials.get("username") or "")
    user = User.objects.filter(email=email).first() if email else None
    memberships = memberships_of_user(user) if user is not None else []
    if not memberships:
        return [
            record(
                "auth.login_failed",
                tenant=None,
                request=request,
                details={"email": email[:254], "known_user": user is not None},
            )
        ]
    return [
        record("auth.login_failed", actor=user, tenant=membership.tenant_id, request=request)
        for membership in memberships
    ]
