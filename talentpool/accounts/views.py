"""Login, logout, password reset, invitations, profile and the tenant switcher."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from talentpool.tenancy.middleware import SESSION_TENANT_KEY
from talentpool.tenancy.selectors import memberships_of_user
from talentpool.tenancy.services import TenancyError

from . import lockout, mfa, services
from .forms import (
    AcceptInvitationForm,
    EmailPasswordResetForm,
    LoginForm,
    MfaCodeForm,
    MfaConfirmForm,
    ProfileForm,
    backoff_message,
)
from .sso import services as sso_services
from .sso.adapter import SESSION_SSO_TENANT_KEY

# The login waiting for its second factor: {"user_id", "backend", "next", "until"} (decision 0014).
SESSION_MFA_PENDING_KEY = "mfa_pending"


def _may_enter(request, membership) -> bool:
    """A tenant that requires SSO is entered by a session that signed in through its provider, or by an admin."""
    from talentpool.tenancy.models import Role

    if membership.role == Role.ADMIN or request.session.get(SESSION_SSO_TENANT_KEY) == membership.tenant_id:
        return True
    return not sso_services.settings_of(membership.tenant).sso_required


def _audit_sso(action: str, user, tenant, request, details: dict) -> None:
    from privacy import audit

    audit.record(action, actor=user, tenant=tenant, request=request, details=details)


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        refusing = sso_services.password_login_refusal(user)
        if refusing is not None:
            # "SSO required": the password was right, but this member signs in through the identity provider.
            _audit_sso("sso.failure", None, refusing, request, {"code": "password_login_refused"})
            context = {"form": form, "next": _safe_next(request, ""), "sso_tenant": refusing}
            return render(request, "accounts/login.html", context, status=403)
        if mfa.has_mfa(user):
            # The password was right; the login finishes on the code page (decision 0014).
            request.session.cycle_key()
            request.session[SESSION_MFA_PENDING_KEY] = {
                "user_id": user.pk,
                "backend": user.backend,
                "next": _safe_next(request, ""),
                "until": time.time() + settings.MFA_PENDING_SECONDS,
            }
            return redirect("accounts:login_code")
        return _login_complete(request, user, method="password")
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "next": _safe_next(request, "")},
        status=(429 if form.retry_after else 400) if form.errors else 200,
    )
    if form.retry_after:
        response["Retry-After"] = str(form.retry_after)
    return response


def _login_complete(request, user, *, method: str, next_url: str | None = None):
    """Log ``user`` in (the password, and the code when asked for, are checked): the tenant, SSO bookkeeping and
    the user's language, then on to ``next``."""
    break_glass = sso_services.break_glass_tenants(user)
    request.audit_login_method = method  # the audit entry of the login says how (privacy.audit.record_login)
    auth_login(request, user)
    for tenant in break_glass:
        _audit_sso("sso.break_glass", user, tenant, request, {"method": method})
    memberships = memberships_of_user(user)
    if memberships:
        request.session[SESSION_TENANT_KEY] = memberships[0].tenant_id
        sso_services.session_record(memberships[0].tenant, user=user, session_key=request.session.session_key)
    if user.language:
        translation.activate(user.language)
    if next_url is not None:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return redirect(_safe_next(request))


def _pending_mfa_user(request):
    """The user whose password was right and whose code is awaited, or None (none, or it waited too long)."""
    from django.contrib.auth import get_user_model

    pending = request.session.get(SESSION_MFA_PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        request.session.pop(SESSION_MFA_PENDING_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None:
        request.session.pop(SESSION_MFA_PENDING_KEY, None)
        return None, None
    user.backend = pending.get("backend") or "talentpool.accounts.backends.EmailBackend"
    return user, pending


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step of a password login for a person with an authenticator app: a code from the app or a
    recovery code. Wrong codes are limited (settings.MFA_CODE_FAILURE_LIMIT), then the login starts over."""
    user, pending = _pending_mfa_user(request)
    if user is None:
        messages.error(request, _("Your login took too long or was not started. Log in again."))
        return redirect("accounts:login")
    form = MfaCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        retry_after = lockout.account_retry_after(user.email)
        if not mfa.code_attempts_left(user) or retry_after:
            request.session.pop(SESSION_MFA_PENDING_KEY, None)
            if retry_after:
                messages.error(request, str(backoff_message(retry_after)))
            else:
                messages.error(request, _("Too many wrong codes. Log in again later."))
            response = redirect("accounts:login")
            if retry_after:
                response["Retry-After"] = str(retry_after)
            return response
        if form.is_valid():
            method = mfa.verify_second_factor(user, form.cleaned_data["code"])
            if method is not None:
                request.session.pop(SESSION_MFA_PENDING_KEY, None)
                mfa.code_failures_clear(user)
                lockout.clear_account_failures(user.email)
                if method == "recovery_code":
                    messages.warning(
                        request,
                        _("You used a recovery code. %(left)s left: make new ones on your profile page.")
                        % {"left": mfa.recovery_codes_left(user)},
                    )
                return _login_complete(request, user, method=f"password+{method}", next_url=pending["next"])
            left = mfa.code_failure_record(user, request)
            if not left:
                request.session.pop(SESSION_MFA_PENDING_KEY, None)
                messages.error(request, _("Too many wrong codes. Log in again later."))
                return redirect("accounts:login")
            form.add_error("code", _("That code is not right. Try again, or use a recovery code."))
        status = 400
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


@require_POST
def logout_view(request):
    auth_logout(request)
    return redirect("accounts:login")


@require_POST
@login_required
def switch_tenant(request):
    try:
        tenant_id = int(request.POST.get("tenant_id", ""))
    except ValueError:
        tenant_id = None
    membership = next((m for m in memberships_of_user(request.user) if m.tenant_id == tenant_id), None)
    if membership is not None and not _may_enter(request, membership):
        messages.error(
            request,
            _("%(tenant)s requires single sign-on: sign in through its identity provider.")
            % {"tenant": membership.tenant.name},
        )
    elif membership is not None:
        request.session[SESSION_TENANT_KEY] = tenant_id
        sso_services.session_record(
            membership.tenant, user=request.user, session_key=request.session.session_key
        )
    else:
        messages.error(request, _("You are not a member of that tenant."))
    return redirect(_safe_next(request))


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(
        request.POST or None, initial={"name": request.user.name, "language": request.user.language}
    )
    if request.method == "POST" and form.is_valid():
        request.user.name = form.cleaned_data["name"]
        request.user.save(update_fields=["name"])
        services.user_set_language(user=request.user, language=form.cleaned_data["language"])
        if request.user.language:
            translation.activate(request.user.language)
        messages.success(request, _("Saved."))
        return redirect("accounts:profile")
    return _profile_page(request, form=form, status=400 if form.errors else 200)


def _profile_page(request, *, form=None, mfa_form=None, status: int = 200):
    if form is None:
        form = ProfileForm(initial={"name": request.user.name, "language": request.user.language})
    context = {"form": form, **_mfa_context(request)}
    if mfa_form is not None:
        context["mfa_form"] = mfa_form
    return render(request, "accounts/profile.html", context, status=status)


def _mfa_context(request) -> dict:
    """What the profile page shows about two-factor authentication."""
    return {
        "mfa_on": mfa.has_mfa(request.user),
        "mfa_device": mfa.device_of(request.user),
        "recovery_codes_left": mfa.recovery_codes_left(request.user),
        "mfa_form": MfaConfirmForm(),
        "mfa_required": _mfa_required_here(request),
    }


def _mfa_required_here(request) -> bool:
    """Whether the current tenant makes this admin use MFA (a password session; SSO leaves MFA to the IdP)."""
    from talentpool.tenancy.models import Role

    membership = getattr(request, "membership", None)
    return bool(
        membership is not None
        and membership.role == Role.ADMIN
        and membership.tenant.admins_require_mfa
        and request.session.get(SESSION_SSO_TENANT_KEY) != membership.tenant_id
    )


def _mfa_error(exc: mfa.MfaError) -> str:
    """The MFA service's refusal in the user's language."""
    by_code = {
        "already_on": _("Two-factor authentication is on already."),
        "no_device": _("Start the setup again: there is no code to confirm."),
        "off": _("Two-factor authentication is off."),
    }
    return str(
        by_code.get(exc.code, _("That code is not right. Check the time on your phone and try again."))
    )


def _count_wrong_code(request, exc: mfa.MfaError) -> None:
    """A wrong code on the profile page counts like one at login (the limit and the account backoff); not audited
    here, as the failed request's transaction is rolled back."""
    if exc.code not in ("off", "already_on", "no_device"):
        mfa.code_failure_record(request.user, request, audited=False)


@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    """Set up an authenticator app: a new secret as a QR code and as text, confirmed with a code from the app;
    then the recovery codes, shown once."""
    next_url = _safe_next(request, "")
    if request.method == "GET":
        if mfa.has_mfa(request.user):
            return redirect("accounts:profile")
        device = mfa.enrolment_start(request.user, fresh=request.GET.get("new") == "1")
        context = {
            "form": MfaConfirmForm(),
            "secret": mfa.secret_text(device),
            "next": next_url,
            **_mfa_context(request),
        }
        return render(request, "accounts/mfa_setup.html", context)
    form = MfaConfirmForm(request.POST)
    device = mfa.device_of(request.user)
    if form.is_valid():
        try:
            codes = mfa.enrolment_confirm(request.user, code=form.cleaned_data["code"], request=request)
        except mfa.MfaError as exc:
            form.add_error("code", _mfa_error(exc))
        else:
            messages.success(request, _("Two-factor authentication is on."))
            context = {"codes": codes, "next": next_url or reverse("accounts:profile")}
            return render(request, "accounts/mfa_recovery_codes.html", context)
    secret = mfa.secret_text(device) if device is not None and not device.is_confirmed else ""
    context = {"form": form, "secret": secret, "next": next_url, **_mfa_context(request)}
    return render(request, "accounts/mfa_setup.html", context, status=400)


@login_required
@require_http_methods(["GET"])
def mfa_qr(request):
    """The QR code of the setup in progress (SVG). Never of a confirmed device: its secret is not shown again."""
    device = mfa.device_of(request.user)
    if device is None or device.is_confirmed:
        return HttpResponse(status=404)
    response = HttpResponse(mfa.qr_svg(mfa.provisioning_uri(device)), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


def _with_a_code(request, action, done):
    """The profile's MFA actions that need a code first: ``action(code)`` runs the service, ``done(result)``
    answers. Too many wrong codes: 429; a wrong code: the profile page again with the error (400)."""
    form = MfaConfirmForm(request.POST)
    if not mfa.code_attempts_left(request.user):
        form.add_error(None, _("Too many wrong codes. Try again later."))
        return _profile_page(request, mfa_form=form, status=429)
    if form.is_valid():
        try:
            result = action(form.cleaned_data["code"])
        except mfa.MfaError as exc:
            _count_wrong_code(request, exc)
            form.add_error("code", _mfa_error(exc))
        else:
            return done(result)
    return _profile_page(request, mfa_form=form, status=400)


@sensitive_post_parameters("code")
@login_required
@require_POST
def mfa_recovery_codes(request):
    """New recovery codes (the old ones stop working), after a code from the app; shown once."""
    return _with_a_code(
        request,
        lambda code: mfa.recovery_codes_regenerate(request.user, code=code, request=request),
        lambda codes: render(
            request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": reverse("accounts:profile")}
        ),
    )


@sensitive_post_parameters("code")
@login_required
@require_POST
def mfa_disable(request):
    """Turn two-factor authentication off, after a code from the app or a recovery code."""

    def done(_result):
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:profile")

    return _with_a_code(request, lambda code: mfa.mfa_disable(request.user, code=code, request=request), done)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    logged_in = request.user.is_authenticated
    form = None if logged_in else AcceptInvitationForm(request.POST or None)
    if request.method == "POST":
        try:
            if logged_in:
                user, tenant = services.invitation_accept(token=token, user=request.user)
            elif form.is_valid():
                user, tenant = services.invitation_accept(
                    token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password"]
                )
                auth_login(request, user, backend="talentpool.accounts.backends.EmailBackend")
            else:
                raise TenancyError(_("Please correct the fields below."))
        except TenancyError as exc:
            if form is not None and exc.field in form.fields:
                form.add_error(exc.field, str(exc))
            else:
                messages.error(request, str(exc))
        else:
            request.session[SESSION_TENANT_KEY] = tenant.pk
            messages.success(request, _("Welcome to %(tenant)s.") % {"tenant": tenant.name})
            return redirect("analytics:home")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = EmailPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def language_set(request):
    """Switch the interface language; a logged-in user's choice is saved so it follows them everywhere."""
    from django.views.i18n import set_language

    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response
