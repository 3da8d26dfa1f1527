"""Settings pages: the tenant, its members and invitations, its API keys. Admins change; members read.
Also each member's in-app inbox of notifications (/notifications/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from talentpool.accounts import services as account_services
from talentpool.accounts.models import Invitation

from . import selectors, services
from .decorators import member_required
from .forms import ApiKeyForm, InviteForm, RoleForm, TenantForm
from .models import ADMINS, ApiKey, Membership, Notification, Role, Tenant
from .settings_sections import settings_sections


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def tenant_settings(request):
    """The tenant's general settings and the sections other apps register (one form, saved together)."""
    data = request.POST or None
    form = TenantForm(data, instance=request.tenant)
    sections = [
        (section, section.form_class(data, instance=request.tenant, prefix=section.key))
        for section in settings_sections()
    ]
    if request.method == "POST" and form.is_valid() and all(extra.is_valid() for _section, extra in sections):
        with transaction.atomic():
            form.save()
            for _section, extra in sections:
                extra.save()
            changed = {
                "general": form.changed_data,
                **{section.key: extra.changed_data for section, extra in sections},
            }
            changed = {key: fields for key, fields in changed.items() if fields}
            if changed:
                from .signals import audited

                audited.send(
                    sender=Tenant,
                    action="settings.changed",
                    actor=request.user,
                    target=request.tenant,
                    request=request,
                    details={"changed": changed},
                )
        messages.success(request, _("Saved."))
        return redirect("tenancy:settings")
    return render(
        request,
        "tenancy/settings.html",
        {"form": form, "sections": sections, "section": "general"},
        status=400 if request.method == "POST" else 200,
    )


@member_required()
@require_http_methods(["GET", "POST"])
def members(request):
    is_admin = request.membership.role == Role.ADMIN
    invite_form = InviteForm(request.POST or None) if is_admin else None
    if request.method == "POST":
        if not is_admin:
            return render(request, "403.html", status=403)
        if invite_form.is_valid():
            try:
                account_services.invitation_create(
                    request.tenant,
                    email=invite_form.cleaned_data["email"],
                    role=invite_form.cleaned_data["role"],
                    actor=request.user,
                    language=request.LANGUAGE_CODE,
                )
            except services.TenancyError as exc:
                invite_form.add_error(exc.field if exc.field in invite_form.fields else None, str(exc))
            else:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": invite_form.cleaned_data["email"]}
                )
                return redirect("tenancy:members")
    context = {
        "section": "members",
        "memberships": selectors.members(),
        "invitations": Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by(
            "-created_at"
        ),
        "invite_form": invite_form,
        "roles": Role.choices,
        "is_admin": is_admin,
    }
    return render(
        request, "tenancy/members.html", context, status=400 if invite_form and invite_form.errors else 200
    )


@member_required(ADMINS)
@require_POST
def member_change_role(request, pk: int):
    membership = get_object_or_404(Membership.objects, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(
                request.tenant, membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
            messages.success(request, _("Role changed."))
        except services.TenancyError as exc:
            messages.error(request, str(exc))
    return redirect("tenancy:members")


@member_required(ADMINS)
@require_POST
def member_remove(request, pk: int):
    membership = get_object_or_404(Membership.objects, pk=pk)
    try:
        services.membership_remove(request.tenant, membership=membership, actor=request.user)
        messages.success(request, _("Member removed."))
    except services.TenancyError as exc:
        messages.error(request, str(exc))
    return redirect("tenancy:members")


@member_required(ADMINS)
@require_POST
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(Invitation.objects, pk=pk)
    account_services.invitation_revoke(request.tenant, invitation=invitation, actor=request.user)
    messages.success(request, _("Invitation revoked."))
    return redirect("tenancy:members")


@member_required(ADMINS)
@require_http_methods(["GET", "POST"])
def api_keys(request):
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        created = services.api_key_create(
            request.tenant,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            actor=request.user,
        )
        new_key = created.key  # rendered once, never stored in clear
        form = ApiKeyForm()
    context = {"section": "api_keys", "form": form, "api_keys": selectors.api_keys(), "new_key": new_key}
    return render(request, "tenancy/api_keys.html", context, status=400 if form.errors else 200)


@member_required(ADMINS)
@require_POST
def api_key_revoke(request, pk: int):
    api_key = get_object_or_404(ApiKey.objects, pk=pk)
    services.api_key_revoke(request.tenant, api_key=api_key, actor=request.user)
    messages.success(request, _("API key revoked."))
    return redirect("tenancy:api_keys")


# ------------------------------------------------------------------------------------------- notifications

NOTIFICATIONS_PAGE_SIZE = 20


@member_required()
@require_GET
def notifications(request):
    """The member's notifications, newest first; unread ones stand out until opened or marked read."""
    mine = Notification.objects.filter(user=request.user)
    page = Paginator(mine, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "notifications", "page": page, "unread": mine.filter(read_at__isnull=True).count()}
    with timezone.override(request.tenant.time_zone or "UTC"):
        return render(request, "tenancy/notifications.html", context)


@member_required()
@require_POST
def notification_open(request, pk: int):
    """Mark one notification read, then go where it points (a page of this site only) or back to the inbox."""
    notification = get_object_or_404(Notification.objects, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url if request.POST.get("go") else ""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(target)
    return redirect("notifications:inbox")


@member_required()
@require_POST
def notifications_read_all(request):
    count = Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        messages.success(request, _("All notifications marked as read."))
    return redirect("notifications:inbox")
