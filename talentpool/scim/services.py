"""SCIM writes: users and groups of one tenant, memberships through talentpool.tenancy.services, and the audit
log. Deactivation never deletes: it removes the membership and ends the person's sessions in the tenant."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from talentpool.accounts.models import ScimGroup, ScimGroupMember, ScimUser, normalize_email
from talentpool.accounts.sso import services as sso
from talentpool.tenancy.models import Membership
from talentpool.tenancy.services import (
    TenancyError,
    membership_add,
    membership_change_role,
    membership_remove,
)


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str | None = None):
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def _audit(action: str, tenant, target, request, details: dict | None = None) -> None:
    from privacy import audit

    audit.record(
        action, tenant=tenant, target=target, request=request, details={"via": "scim", **(details or {})}
    )


def user_email(data: dict) -> str:
    emails = data.get("emails") or []
    primary = next((e for e in emails if isinstance(e, dict) and e.get("primary")), None)
    chosen = primary or next((e for e in emails if isinstance(e, dict) and e.get("value")), None)
    email = normalize_email((chosen or {}).get("value") or "")
    if not email and "@" in str(data.get("userName") or ""):
        email = normalize_email(data["userName"])
    return email


def _apply_user_fields(row: ScimUser, data: dict) -> None:
    name = data.get("name") or {}
    row.user_name = str(data.get("userName") or row.user_name)[:254]
    row.external_id = str(data.get("externalId") or "")[:255]
    row.given_name = str(name.get("givenName") or "")[:150]
    row.family_name = str(name.get("familyName") or "")[:150]
    row.display_name = str(data.get("displayName") or name.get("formatted") or "")[:300]
    row.emails = [e for e in (data.get("emails") or []) if isinstance(e, dict)]
    row.updated_at = timezone.now()
    row.version += 1 if row.pk else 0


def _full_name(row: ScimUser) -> str:
    return (row.display_name or " ".join(p for p in (row.given_name, row.family_name) if p)).strip()[:150]


def role_for(tenant, scim_user: ScimUser) -> str:
    groups = ScimGroup.objects.filter(memberships__scim_user=scim_user).values_list("display_name", flat=True)
    return sso.role_for_groups(tenant, list(groups)) or sso.settings_of(tenant).default_role


def user_create(tenant, data: dict, request=None) -> ScimUser:
    user_name = str(data.get("userName") or "").strip()
    if not user_name:
        raise ScimError(400, "userName is required.", "invalidValue")
    email = user_email(data)
    if not email or "@" not in email:
        raise ScimError(400, "A work email (emails or an email userName) is required.", "invalidValue")
    if ScimUser.objects.filter(user_name__iexact=user_name, deleted_at__isnull=True).exists():
        raise ScimError(409, f"userName {user_name!r} exists.", "uniqueness")
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None)
    previous = ScimUser.objects.filter(user=user).first()
    if previous is not None and previous.deleted_at is None:
        raise ScimError(409, f"A user with the email {email} exists.", "uniqueness")
    row = previous or ScimUser(user=user)
    row.deleted_at = None
    row.active = data.get("active", True) is not False
    _apply_user_fields(row, data)
    row.created_at = row.created_at if previous else timezone.now()
    row.save()
    if not user.name and _full_name(row):
        user.name = _full_name(row)
        user.save(update_fields=["name"])
    if row.active:
        membership_add(tenant, user=user, role=role_for(tenant, row))
    _audit("scim.user_created", tenant, row, request, {"external_id": row.external_id})
    return row


def user_replace(tenant, row: ScimUser, data: dict, request=None) -> ScimUser:
    user_name = str(data.get("userName") or "").strip()
    if not user_name:
        raise ScimError(400, "userName is required.", "invalidValue")
    if (
        ScimUser.objects.filter(user_name__iexact=user_name, deleted_at__isnull=True)
        .exclude(pk=row.pk)
        .exists()
    ):
        raise ScimError(409, f"userName {user_name!r} exists.", "uniqueness")
    _apply_user_fields(row, data)
    row.save()
    set_active(tenant, row, data.get("active", True) is not False, request)
    _audit("scim.user_updated", tenant, row, request)
    return row


def set_active(tenant, row: ScimUser, active: bool, request=None) -> None:
    if active == row.active:
        return
    row.active = active
    row.updated_at = timezone.now()
    row.version += 1
    row.save(update_fields=["active", "updated_at", "version"])
    if active:
        membership_add(tenant, user=row.user, role=role_for(tenant, row))
        _audit("scim.user_updated", tenant, row, request, {"active": True})
    else:
        deactivate(tenant, row, request)


def deactivate(tenant, row: ScimUser, request=None) -> None:
    """Remove the membership and end the person's sessions in this tenant; the user and the SCIM row stay."""
    membership = Membership.objects.filter(user=row.user).first()
    if membership is not None:
        try:
            membership_remove(tenant, membership=membership, actor=None)
        except TenancyError as error:
            raise ScimError(409, str(error), "mutability") from error
    ended = sso.sessions_end(tenant, user=row.user)
    _audit("scim.user_deactivated", tenant, row, request, {"sessions_ended": ended})


def user_delete(tenant, row: ScimUser, request=None) -> None:
    if row.active:
        row.active = False
        deactivate(tenant, row, request)
    row.deleted_at = timezone.now()
    row.updated_at = row.deleted_at
    row.save(update_fields=["active", "deleted_at", "updated_at"])
    ScimGroupMember.objects.filter(scim_user=row).delete()


def sync_roles(tenant, scim_users) -> None:
    """After a group's members or name changed: each active member's role follows the mapping again."""
    for scim_user in scim_users:
        if not scim_user.active or scim_user.deleted_at is not None:
            continue
        membership = Membership.objects.filter(user=scim_user.user).first()
        role = role_for(tenant, scim_user)
        if membership is None:
            membership_add(tenant, user=scim_user.user, role=role)
        elif membership.role != role:
            try:
                membership_change_role(tenant, membership=membership, role=role, actor=None)
            except TenancyError:
                pass  # the tenant's last admin keeps the role


def _member_rows(members) -> list[ScimUser]:
    ids = []
    for member in members or []:
        value = str((member or {}).get("value") or "") if isinstance(member, dict) else ""
        if not value.isdigit():
            raise ScimError(400, f"Unknown member {value!r}.", "invalidValue")
        ids.append(int(value))
    rows = list(ScimUser.objects.filter(pk__in=ids, deleted_at__isnull=True))
    if len(rows) != len(set(ids)):
        raise ScimError(400, "A member is not a user of this tenant.", "invalidValue")
    return rows


def group_save(tenant, row: ScimGroup | None, data: dict, request=None, members=None) -> ScimGroup:
    display_name = str(data.get("displayName") or "").strip()
    if not display_name:
        raise ScimError(400, "displayName is required.", "invalidValue")
    created = row is None
    row = row or ScimGroup()
    before = (
        set(ScimGroupMember.objects.filter(group=row).values_list("scim_user_id", flat=True))
        if row.pk
        else set()
    )
    row.display_name = display_name[:200]
    row.external_id = str(data.get("externalId") or "")[:255]
    row.updated_at = timezone.now()
    row.version = row.version + 1 if row.pk else 1
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ScimError(409, f"A group named {display_name!r} exists.", "uniqueness") from exc
    wanted = _member_rows(data.get("members")) if members is None else members
    group_set_members(tenant, row, wanted, before=before, request=request, created=created)
    return row


def group_set_members(
    tenant, row: ScimGroup, wanted: list[ScimUser], *, before=None, request=None, created=False
) -> None:
    if before is None:
        before = set(ScimGroupMember.objects.filter(group=row).values_list("scim_user_id", flat=True))
    wanted_ids = {user.pk for user in wanted}
    ScimGroupMember.objects.filter(group=row).exclude(scim_user_id__in=wanted_ids).delete()
    for scim_user in wanted:
        ScimGroupMember.objects.get_or_create(group=row, scim_user=scim_user)
    changed = before ^ wanted_ids
    sync_roles(tenant, ScimUser.objects.filter(pk__in=changed | wanted_ids))
    _audit(
        "scim.group_changed",
        tenant,
        row,
        request,
        {"created": created, "added": len(wanted_ids - before), "removed": len(before - wanted_ids)},
    )


def group_delete(tenant, row: ScimGroup, request=None) -> None:
    members = list(ScimUser.objects.filter(group_memberships__group=row))
    row.delete()  # a group is not a person: it may go; its members' roles follow the mapping again
    sync_roles(tenant, members)
    _audit("scim.group_changed", tenant, None, request, {"deleted_group": row.display_name})
