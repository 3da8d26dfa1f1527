from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import lockout
from .models import normalize_email


class EmailBackend(ModelBackend):
    """Email + password, with a lockout per (email, IP) after repeated failures and a backoff per account."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = normalize_email(email or username or "")
        if not email or password is None:
            return None
        ip = lockout.client_ip(request)
        if lockout.is_locked(email, ip):
            raise PermissionDenied("locked")  # stops every backend; the login form says why
        retry_after = lockout.account_retry_after(email)
        if retry_after:
            # The account's backoff (any address): refused before the password is checked, so no oracle.
            raise lockout.AccountBackoff(retry_after)
        User = get_user_model()
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same cost as a real check, so timing does not reveal accounts
        elif user.check_password(password) and self.user_can_authenticate(user):
            lockout.clear_failures(email, ip)
            lockout.clear_account_failures(email)
            return user
        lockout.record_failure(email, ip)
        lockout.record_account_failure(email)
        return None
