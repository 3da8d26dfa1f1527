import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.notifications import product_mail

from . import lockout


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

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
            try:
                self.user_cache = authenticate(self.request, email=email, password=password)
            except PermissionDenied:
                raise forms.ValidationError(locked_message, code="locked") from None
            if self.user_cache is None:
                if lockout.is_locked(email, ip):
                    raise forms.ValidationError(locked_message, code="locked")
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
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Follow the browser")), *settings.LANGUAGES]
    )
