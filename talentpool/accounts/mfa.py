"""TOTP multi-factor authentication (decision 0014): enrolment, codes, recovery codes, the code-attempt limit.

A person enrols from their profile page: ``enrolment_start`` makes an unconfirmed device with a new secret (stored
encrypted with the connectors' Fernet keys), the page shows its QR code and the secret as text, and
``enrolment_confirm`` turns it on once a code from the app checks out, returning ten recovery codes to show once.
At a password login, a person with a confirmed device is asked for a code (``verify_second_factor``); single
sign-on is not (the identity provider does MFA). Wrong codes are limited per person
(``settings.MFA_CODE_FAILURE_LIMIT`` per ``MFA_CODE_WINDOW_SECONDS``) and count towards the account's backoff.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import time
from datetime import timedelta

import pyotp
import segno
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from talentpool import crypto
from talentpool.errors import ServiceError

from . import lockout
from .models import RecoveryCode, TotpDevice

RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6
TOTP_INTERVAL = 30
VALID_WINDOW = 1  # one step either side: clocks of phones drift


class MfaError(ServiceError):
    """A second-factor action that cannot be done (nothing to confirm, a wrong code)."""


# -- secrets at rest ---------------------------------------------------------------------------------------------


def _encrypt(secret: str) -> str:
    return crypto.encrypt({"totp": secret})


def _decrypt(token: str) -> str:
    return crypto.decrypt(token)["totp"]


def _totp(device: TotpDevice) -> pyotp.TOTP:
    return pyotp.TOTP(_decrypt(device.secret_encrypted), digits=TOTP_DIGITS, interval=TOTP_INTERVAL)


def _readable(device: TotpDevice) -> bool:
    """Whether the configured keys still open the device's secret (they may have been rotated away)."""
    try:
        _decrypt(device.secret_encrypted)
    except ServiceError:
        return False
    return True


# -- reading -----------------------------------------------------------------------------------------------------


def device_of(user) -> TotpDevice | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return TotpDevice.objects.filter(user=user).first()


def has_mfa(user) -> bool:
    """Whether ``user`` has a confirmed authenticator app (and so is asked for a code at a password login)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def secret_text(device: TotpDevice) -> str:
    """The secret of an unconfirmed device in groups of four, for typing into an app by hand."""
    secret = _decrypt(device.secret_encrypted)
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def provisioning_uri(device: TotpDevice) -> str:
    return _totp(device).provisioning_uri(name=device.user.email, issuer_name=settings.MFA_ISSUER)


def qr_svg(uri: str) -> bytes:
    """``uri`` as a QR code in SVG (no script, no external references)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue()


# -- enrolment ---------------------------------------------------------------------------------------------------


SETUP_REUSE_SECONDS = 15 * 60


def enrolment_start(user, *, fresh: bool = False) -> TotpDevice:
    """The unconfirmed device of ``user`` to set up: the one started in the last ``SETUP_REUSE_SECONDS`` (a reload
    of the setup page keeps the QR code the person may have scanned already), else one with a new secret;
    ``fresh`` always makes a new secret. Raises MfaError when ``user`` already has a confirmed device. Safe to run
    twice."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is not None and device.is_confirmed:
            raise MfaError("Two-factor authentication is on already.", code="already_on")
        recent = timezone.now() - timedelta(seconds=SETUP_REUSE_SECONDS)
        if device is not None and not fresh and device.created_at >= recent and _readable(device):
            return device
        encrypted = _encrypt(pyotp.random_base32(32))
        if device is None:
            return TotpDevice.objects.create(user=user, secret_encrypted=encrypted)
        device.secret_encrypted = encrypted
        device.created_at = timezone.now()
        device.save(update_fields=["secret_encrypted", "created_at"])
        return device


def enrolment_confirm(user, *, code: str, request=None) -> list[str]:
    """Turn on the unconfirmed device of ``user`` if ``code`` is right; returns new recovery codes (shown once).
    Raises MfaError (field "code") otherwise."""
    device = device_of(user)
    if device is None or device.is_confirmed:
        raise MfaError("Start the setup again: there is no code to confirm.", field="code", code="no_device")
    if not _accept_totp(device, code):
        raise MfaError("That code is not right. Check the time on your phone and try again.", field="code")
    with transaction.atomic():
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed_at"])
        codes = _recovery_codes_replace(user)
        audit(user, "mfa.enrolled", request)
    return codes


def recovery_codes_regenerate(user, *, code: str, request=None) -> list[str]:
    """New recovery codes (the old ones stop working) after a right code from the app. Raises MfaError."""
    device = device_of(user)
    if device is None or not device.is_confirmed:
        raise MfaError("Two-factor authentication is off.", field="code", code="off")
    if not _accept_totp(device, code):
        raise MfaError("That code is not right.", field="code")
    with transaction.atomic():
        return _recovery_codes_replace(user)


def mfa_disable(user, *, code: str, request=None) -> None:
    """Turn two-factor authentication off after a right code (from the app or a recovery code). Raises MfaError."""
    if not has_mfa(user):
        raise MfaError("Two-factor authentication is off.", field="code", code="off")
    if verify_second_factor(user, code) is None:
        raise MfaError("That code is not right.", field="code")
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit(user, "mfa.disabled", request)


def _recovery_codes_replace(user) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = ["-".join(secrets.token_hex(2) for _ in range(4)) for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_recovery_hash(user, code)) for code in codes]
    )
    return codes


def _recovery_hash(user, code: str) -> str:
    return hashlib.sha256(f"{user.pk}:{code}".encode()).hexdigest()


# -- checking a code ---------------------------------------------------------------------------------------------


def _clean(code) -> str:
    return "".join(str(code or "").split()).lower()[:64]


def _accept_totp(device: TotpDevice, code: str) -> bool:
    """Whether ``code`` is the app's code now (one step either side) and newer than the last one accepted; an
    accepted code's step is stored with a conditional update, so a code is good once even under races."""
    code = _clean(code).replace("-", "")
    if len(code) != TOTP_DIGITS or not (code.isascii() and code.isdigit()):
        return False
    try:
        totp = _totp(device)
    except ServiceError:  # the keys that encrypted the secret are gone: only recovery codes work now
        return False
    now = time.time()
    step_now = int(now // TOTP_INTERVAL)
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        step = step_now + offset
        if secrets.compare_digest(totp.at(step * TOTP_INTERVAL), code):
            fresh = Q(last_used_step__isnull=True) | Q(last_used_step__lt=step)
            return TotpDevice.objects.filter(Q(pk=device.pk) & fresh).update(last_used_step=step) == 1
    return False


def _accept_recovery_code(user, code: str) -> bool:
    code = _clean(code)
    if not code:
        return False
    return (
        RecoveryCode.objects.filter(
            user=user, code_hash=_recovery_hash(user, code), used_at__isnull=True
        ).update(used_at=timezone.now())
        == 1
    )


def verify_second_factor(user, code: str) -> str | None:
    """``"totp"`` or ``"recovery_code"`` when ``code`` is a good second factor of ``user`` (a recovery code is used
    up), None otherwise. Does not count failures (``code_failure_record`` does)."""
    device = device_of(user)
    if device is None or not device.is_confirmed:
        return None
    if _accept_totp(device, code):
        return "totp"
    if _accept_recovery_code(user, code):
        return "recovery_code"
    return None


# -- the limit on wrong codes ------------------------------------------------------------------------------------


def _failures_key(user) -> str:
    return f"mfa-failures:{user.pk}"


def code_attempts_left(user) -> int:
    return max(0, settings.MFA_CODE_FAILURE_LIMIT - (cache.get(_failures_key(user)) or 0))


def code_failure_record(user, request=None, *, audited: bool = True) -> int:
    """Count one wrong code for ``user`` (audited unless ``audited`` is False, and one failure towards the
    account's backoff); returns the attempts left in the window."""
    key = _failures_key(user)
    window = settings.MFA_CODE_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        failures = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        failures = 1
    lockout.record_account_failure(user.email)
    if audited:
        audit(user, "mfa.failure", request)
    return max(0, settings.MFA_CODE_FAILURE_LIMIT - failures)


def code_failures_clear(user) -> None:
    cache.delete(_failures_key(user))


# -- audit -------------------------------------------------------------------------------------------------------


def audit(user, action: str, request=None, details: dict | None = None) -> None:
    """One audit entry in each tenant ``user`` belongs to (like a login), or one without a tenant."""
    from privacy import audit as privacy_audit
    from talentpool.tenancy.selectors import memberships_of_user

    tenant_ids = [membership.tenant_id for membership in memberships_of_user(user)] or [None]
    for tenant_id in tenant_ids:
        privacy_audit.record(action, actor=user, tenant=tenant_id, request=request, details=details or {})
