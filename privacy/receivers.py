"""Auth signal receivers: every login and failed login becomes an audit entry (connected in apps.py)."""

from __future__ import annotations

from . import audit


def login_recorded(sender, request, user, **kwargs) -> None:
    audit.record_login(user=user, request=request)


def login_failure_recorded(sender, credentials, request=None, **kwargs) -> None:
    audit.record_login_failure(credentials=credentials, request=request)


def tenancy_change_recorded(sender, *, action, actor, target, request, details, **kwargs) -> None:
    """A change tenancy announced (talentpool.tenancy.signals.audited), in the caller's transaction."""
    audit.record(action, actor=actor, target=target, request=request, details=details)
