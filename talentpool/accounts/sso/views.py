"""Pages of single sign-on: finding the provider from an email, a tenant's login page (the corporate portal's
link), and the admin's SSO settings (providers, verified domains, group → role mapping, SCIM tokens)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import ADMINS, Tenant
from talentpool.tenancy.services import TenancyError
from talentpool.web import id_param

from ..models import GroupRoleMapping, ScimToken, SsoDomain, SsoProvider
from . import services
from .forms import (
    GroupRoleForm,
    ScimTokenForm,
    SsoDiscoverForm,
    SsoDomainForm,
    SsoProviderForm,
    SsoSettingsForm,
)


def _next(request) -> str:
    from ..views import _safe_next

    return _safe_next(request, "")


@require_GET
def discover(request):
    """The login page's "single sign-on" form: the email's verified domain names the tenant."""
    form = SsoDiscoverForm(request.GET or None)
    if form.is_valid():
        tenant = services.domain_owner(form.cleaned_data["email"])
        if tenant is not None and services.active_providers(tenant):
            url = reverse("tenant_login", args=[tenant.slug])
            nxt = _next(request)
            return redirect(f"{url}?next={nxt}" if nxt else url)
        form.add_error(
            "email", _("No single sign-on is set up for this email domain. Log in with your password.")
        )
    return render(
        request,
        "accounts/sso_discover.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@require_GET
def tenant_login(request, slug: str):
    """``/t/<slug>/login``: the tenant's providers as "Sign in with …" buttons; password login unless the tenant
    requires SSO (admins then find the break-glass link at the bottom)."""
    tenant = get_object_or_404(Tenant, slug=slug, is_active=True)
    providers = services.active_providers(tenant)
    context = {
        "tenant": tenant,
        "providers": providers,
        "sso_required": services.settings_of(tenant).sso_required,
        "next": _next(request),
    }
    response = render(request, "accounts/sso_login.html", context)
    # The buttons post here, and we redirect to the identity provider: browsers check form-action on that
    # redirect too, so this page allows its providers' origins (the Content-Security-Policy allows 'self' only).
    origins = provider_origins(providers)
    if origins:
        response._csp_update = {"form-action": origins}
    return response


def provider_origins(providers) -> list[str]:
    """The origins a sign-in with ``providers`` redirects the browser to: an OpenID Connect issuer's, a SAML
    IdP's metadata URL and the single sign-on locations in its metadata XML."""
    import re
    from urllib.parse import urlsplit

    urls = []
    for provider in providers:
        urls += [provider.issuer_url, provider.idp_metadata_url]
        urls += re.findall(
            r"SingleSignOnService[^>]*?Location=[\"']([^\"']+)", provider.idp_metadata_xml or ""
        )
    origins = []
    for url in urls:
        parts = urlsplit(url or "")
        if parts.scheme in ("http", "https") and parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in origins:
                origins.append(origin)
    return origins


@require_GET
def sso_error(request):
    return render(request, "accounts/sso_error.html", {"message": _("Single sign-on failed.")}, status=400)


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def sso_settings(request):
    """One page, several small forms; each POST names its ``action`` (ids come in the body, never the path)."""
    tenant = request.tenant
    action = request.POST.get("action", "") if request.method == "POST" else ""
    settings_form = SsoSettingsForm(
        request.POST if action == "settings" else None, instance=services.settings_of(tenant)
    )
    editing = None
    if request.GET.get("provider"):
        editing = SsoProvider.objects.filter(pk=id_param(request.GET["provider"])).first()
    if action in ("provider", "provider_update"):
        editing = (
            SsoProvider.objects.filter(pk=id_param(request.POST.get("id"))).first()
            if action == "provider_update"
            else None
        )
    provider_form = SsoProviderForm(
        request.POST if action in ("provider", "provider_update") else None, instance=editing
    )
    domain_form = SsoDomainForm(request.POST if action == "domain" else None)
    mapping_form = GroupRoleForm(request.POST if action == "mapping" else None)
    token_form = ScimTokenForm(request.POST if action == "scim_token" else None)
    new_token = None
    try:
        if action == "settings" and settings_form.is_valid():
            services.settings_save(tenant, actor=request.user, **settings_form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("sso_settings")
        if action in ("provider", "provider_update") and provider_form.is_valid():
            services.provider_save(tenant, provider=provider_form.save(commit=False), actor=request.user)
            messages.success(request, _("Identity provider saved."))
            return redirect("sso_settings")
        if action == "provider_delete":
            provider = get_object_or_404(SsoProvider.objects, pk=id_param(request.POST.get("id")))
            services.provider_delete(tenant, provider=provider, actor=request.user)
            messages.success(request, _("Identity provider removed."))
            return redirect("sso_settings")
        if action == "domain" and domain_form.is_valid():
            services.domain_add(tenant, domain=domain_form.cleaned_data["domain"], actor=request.user)
            return redirect("sso_settings")
        if action in ("domain_verify", "domain_delete"):
            domain = get_object_or_404(SsoDomain.objects, pk=id_param(request.POST.get("id")))
            if action == "domain_verify":
                services.domain_verify(tenant, domain=domain, actor=request.user)
                messages.success(request, _("Domain verified."))
            else:
                services.domain_delete(tenant, domain=domain, actor=request.user)
            return redirect("sso_settings")
        if action == "mapping" and mapping_form.is_valid():
            services.mapping_save(tenant, actor=request.user, **mapping_form.cleaned_data)
            return redirect("sso_settings")
        if action == "mapping_delete":
            mapping = get_object_or_404(GroupRoleMapping.objects, pk=id_param(request.POST.get("id")))
            services.mapping_delete(tenant, mapping=mapping, actor=request.user)
            return redirect("sso_settings")
        if action == "scim_token" and token_form.is_valid():
            from talentpool.scim.tokens import scim_token_create

            new_token = scim_token_create(
                tenant, name=token_form.cleaned_data["name"], actor=request.user
            ).token
            token_form = ScimTokenForm()
        if action == "scim_token_revoke":
            from talentpool.scim.tokens import scim_token_revoke

            token = get_object_or_404(ScimToken.objects, pk=id_param(request.POST.get("id")))
            scim_token_revoke(tenant, token=token, actor=request.user)
            messages.success(request, _("SCIM token revoked."))
            return redirect("sso_settings")
    except TenancyError as error:
        messages.error(request, str(error))
        return redirect("sso_settings")
    invalid = any(
        form.errors for form in (settings_form, provider_form, domain_form, mapping_form, token_form)
    )
    context = {
        "section": "sso",
        "settings_form": settings_form,
        "provider_form": provider_form,
        "editing": editing,
        "domain_form": domain_form,
        "mapping_form": mapping_form,
        "token_form": token_form,
        "new_token": new_token,
        "providers": SsoProvider.objects.all(),
        "domains": SsoDomain.objects.all(),
        "mappings": GroupRoleMapping.objects.all(),
        "tokens": ScimToken.objects.all(),
        "login_url": request.build_absolute_uri(reverse("tenant_login", args=[tenant.slug])),
        "scim_url": request.build_absolute_uri("/scim/v2/"),
    }
    return render(request, "accounts/sso_settings.html", context, status=400 if invalid else 200)
