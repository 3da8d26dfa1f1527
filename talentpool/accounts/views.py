"""Login, logout, password reset, invitations, profile and the tenant switcher."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from talentpool.tenancy.middleware import SESSION_TENANT_KEY
from talentpool.tenancy.selectors import memberships_of_user
from talentpool.tenancy.services import TenancyError

from . import services
from .forms import AcceptInvitationForm, EmailPasswordResetForm, LoginForm, ProfileForm
from .sso import services as sso_services
from .sso.adapter import SESSION_SSO_TENANT_KEY


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
        break_glass = sso_services.break_glass_tenants(user)
        auth_login(request, user)
        for tenant in break_glass:
            _audit_sso("sso.break_glass", user, tenant, request, {"method": "password"})
        memberships = memberships_of_user(user)
        if memberships:
            request.session[SESSION_TENANT_KEY] = memberships[0].tenant_id
            sso_services.session_record(
                memberships[0].tenant, user=user, session_key=request.session.session_key
            )
        if user.language:
            translation.activate(user.language)
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _safe_next(request, "")},
        status=200 if not form.errors else 400,
    )


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
    return render(request, "accounts/profile.html", {"form": form})


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
