import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from talentpool.api import bounds
from talentpool.tenancy.models import Tenant
from talentpool.tenancy.notifications import product_mail

from . import lockout


def backoff_message(seconds: int):
    """What a person is told during their account's backoff (decision 0004)."""
    return ngettext_lazy(
        "Too many failed attempts for this account. Try again in %(seconds)s second.",
        "Too many failed attempts for this account. Try again in %(seconds)s seconds.",
        "seconds",
    ) % {"seconds": seconds}


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=bounds.SECRET,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        self.retry_after = 0  # seconds, when the account's backoff refused the attempt (the view answers 429)
        super().__init__(*args, **kwargs)

    def _backoff_error(self, seconds: int) -> forms.ValidationError:
        self.retry_after = seconds
        return forms.ValidationError(backoff_message(seconds), code="backoff")

    def clean(self):
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if email and password:
            ip = lockout.client_ip(self.request)
            locked_message = _("Too many failed attempts. Try again in %(minutes)s minutes.") % {
                "minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            }
            if lockout.is_locked(email, ip):
                raise forms.ValidationError(locked_message, code="locked")
            # The account's backoff (decision 0004): refused before the password is checked. The backend checks it
            # too, for every other caller of authenticate().
            retry_after = lockout.account_retry_after(email)
            if retry_after:
                raise self._backoff_error(retry_after)
            try:
                self.user_cache = authenticate(self.request, email=email, password=password)
            except PermissionDenied:
                raise forms.ValidationError(locked_message, code="locked") from None
            if self.user_cache is None:
                if lockout.is_locked(email, ip):
                    raise forms.ValidationError(locked_message, code="locked")
                retry_after = lockout.account_retry_after(email)
                if retry_after:
                    raise self._backoff_error(retry_after)
                raise forms.ValidationError(_("Email or password is wrong."), code="invalid_login")
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Hand the reset mail to the product mailer: the outbox of the user's first tenant sends it from a
        worker; only a user who belongs to no tenant gets it sent directly (docs/engagement.md, "Outbox")."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        # The token changes with every request (and with the password), so two requests are two mails.
        digest = hashlib.sha256(f"{context['uid']}:{context['token']}".encode()).hexdigest()[:32]
        product_mail(
            context["user"], subject=subject, body=body, key=f"password_reset:{digest}", to_address=to_email
        )


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        max_length=bounds.SECRET,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Follow the browser")), *settings.LANGUAGES]
    )


class MfaCodeForm(forms.Form):
    """The code step of a login: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false", "size": 20}
        ),
    )


class MfaConfirmForm(forms.Form):
    """Six digits from the authenticator app: to confirm the setup, make new recovery codes or turn MFA off."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false", "size": 10}
        ),
    )


class TenantMfaForm(forms.ModelForm):
    """The tenant settings section "Two-factor authentication" (Tenant.admins_require_mfa)."""

    class Meta:
        model = Tenant
        fields = ["admins_require_mfa"]
        labels = {"admins_require_mfa": _("Admins must use two-factor authentication")}
        help_texts = {
            "admins_require_mfa": _(
                "Admins who log in with a password set up an authenticator app before they can use the "
                "dashboard. Single sign-on logins are left to the identity provider."
            )
        }
