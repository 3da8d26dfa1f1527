"""Invitations and per-user settings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentpool.tenancy.context import DatabaseScope, database_scope, tenant_context
from talentpool.tenancy.models import Membership, Role, Tenant
from talentpool.tenancy.notifications import product_mail
from talentpool.tenancy.services import TenancyError

from .models import Invitation, hash_token, normalize_email


def invitation_create(
    tenant: Tenant, *, email: str, role: str, actor, language: str | None = None
) -> tuple[Invitation, str]:
    """Invite ``email`` with ``role`` and email them a link. Returns (invitation, token); the token is not stored.

    An earlier pending invitation of the same address is revoked, so only the newest link works.
    """
    email = normalize_email(email)
    if not email or "@" not in email:
        raise TenancyError(_("A valid email address is required."), field="email")
    if role not in Role.values:
        raise TenancyError(_("Unknown role %(role)s.") % {"role": role}, field="role")
    token, token_hash = Invitation.new_token()
    with tenant_context(tenant):
        if Membership.objects.filter(user__email=email).exists():
            raise TenancyError(_("This person is already a member."), field="email", code="already_member")
        now = timezone.now()
        Invitation.objects.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=actor,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        link = f"{settings.SITE_URL}{reverse('accounts:invitation_accept', args=[token])}"
        # Written to the product mailer (the tenant's outbox) in this transaction: sent by a worker after commit.
        _send_invitation(tenant, invitation, email, link, actor, language or tenant.default_language)
    return invitation, token


def _send_invitation(
    tenant: Tenant, invitation: Invitation, email: str, link: str, actor, language: str
) -> None:
    with translation.override(language):
        subject = _("You are invited to %(tenant)s on Talent Pool") % {"tenant": tenant.name}
        body = _(
            "%(inviter)s invited you to join %(tenant)s on Talent Pool.\n\nAccept the invitation: %(link)s\n\n"
            "The link works for %(days)s days."
        ) % {
            "inviter": str(actor) if actor else tenant.name,
            "tenant": tenant.name,
            "link": link,
            "days": settings.INVITATION_VALID_DAYS,
        }
    product_mail(
        None, subject=subject, body=body, key=f"invitation:{invitation.pk}", to_address=email, tenant=tenant
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind ``token`` if it is still pending, else None."""
    token_hash = hash_token(token or "")
    with database_scope(DatabaseScope(invitation_token_hash=token_hash)):
        invitation = Invitation.unscoped.select_related("tenant").filter(token_hash=token_hash).first()
    if invitation is None or not invitation.is_pending:
        return None
    return invitation


def invitation_accept(*, token: str, user=None, name: str = "", password: str | None = None):
    """Accept an invitation: as ``user`` (logged in, same email) or by creating the account with ``password``.

    Returns the user. Raises TenancyError for an invalid, used or expired token, a mismatched email, or a
    weak password. Using a token twice fails the second time.
    """
    invitation = invitation_by_token(token)
    if invitation is None:
        raise TenancyError(
            _("This invitation is invalid, used or expired."), field="token", code="invalid_invitation"
        )
    User = get_user_model()
    with transaction.atomic():
        if user is None:
            if User.objects.filter(email=invitation.email).exists():
                raise TenancyError(
                    _("An account with this email exists: log in to accept."),
                    field="email",
                    code="login_required",
                )
            candidate = User(email=invitation.email, name=name.strip())
            try:
                validate_password(password or "", user=candidate)
            except ValidationError as exc:
                raise TenancyError(_(" ").join(exc.messages), field="password", code="weak_password") from exc
            user = User.objects.create_user(invitation.email, password, name=name.strip())
        elif normalize_email(user.email) != invitation.email:
            raise TenancyError(
                _("This invitation is for another email address."), field="email", code="email_mismatch"
            )
        with tenant_context(invitation.tenant):
            claimed = Invitation.objects.filter(
                pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
            ).update(accepted_at=timezone.now(), accepted_by=user)
            if claimed != 1:  # someone used it a moment ago
                raise TenancyError(
                    _("This invitation is invalid, used or expired."),
                    field="token",
                    code="invalid_invitation",
                )
            Membership.objects.get_or_create(user=user, defaults={"role": invitation.role})
    return user, invitation.tenant


def invitation_revoke(tenant: Tenant, *, invitation: Invitation, actor) -> None:
    with tenant_context(tenant):
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def user_set_language(*, user, language: str) -> None:
    if language and language not in dict(settings.LANGUAGES):
        raise TenancyError(_("Unknown language %(language)s.") % {"language": language}, field="language")
    user.language = language
    user.save(update_fields=["language"])
