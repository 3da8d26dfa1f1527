"""Sources: create, configure, test, pause, remove. Credentials leave the configuration here and are stored
encrypted (talentpool.crypto); nothing shows them again."""

from __future__ import annotations

import copy
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool import crypto
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import Schedule, Source, SourceKind, SourceStatus
from ..registry import connector_class
from ..transport import ConnectorError

SCHEDULE_INTERVALS = {
    Schedule.HOURLY: timedelta(hours=1),
    Schedule.DAILY: timedelta(days=1),
    Schedule.WEEKLY: timedelta(days=7),
}
MASK = "********"


def next_run_after(schedule: str, moment):
    """When a source on ``schedule`` runs next after ``moment`` (None: only when asked)."""
    interval = SCHEDULE_INTERVALS.get(schedule)
    return moment + interval if interval else None


def _pop_path(configuration: dict, path: str):
    *parents, last = path.split(".")
    node = configuration
    for key in parents:
        node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return None
    return node.pop(last, None) if isinstance(node, dict) else None


def _split_secrets(kind: str, configuration: dict, kept: dict) -> tuple[dict, dict]:
    """The configuration without its credentials, and the credentials (new values replace ``kept``; an empty
    value or the mask keeps the stored one)."""
    configuration = copy.deepcopy(configuration)
    secrets = dict(kept)
    for path in connector_class(kind).secret_paths:
        value = _pop_path(configuration, path)
        if isinstance(value, str) and value and value != MASK:
            secrets[path] = value
    return configuration, secrets


def _clean(kind: str, configuration) -> dict:
    if kind not in SourceKind.values:
        raise ConnectorError(_("Unknown kind %(kind)s.") % {"kind": kind}, field="kind")
    if not isinstance(configuration, dict):
        raise ConnectorError(_("The configuration must be an object."), field="configuration")
    return connector_class(kind).clean_configuration(configuration)


def _check_name(name) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise ConnectorError(_("Give the source a name."), field="name")
    if len(name) > 120:
        raise ConnectorError(_("The name is longer than 120 characters."), field="name")
    return name


def _check_schedule(schedule: str) -> str:
    if schedule not in Schedule.values:
        raise ConnectorError(_("Unknown schedule %(schedule)s.") % {"schedule": schedule}, field="schedule")
    return schedule


def source_create(
    tenant: Tenant, *, kind: str, name: str, configuration: dict, schedule: str = Schedule.DAILY, actor=None
) -> Source:
    """A new source, its configuration checked (addresses resolved and refused when private unless allowed)
    and its credentials encrypted. Raises ConnectorError naming the field at fault, or ``name`` when the tenant
    has a source of that name. Not idempotent (names are unique, so a repeat is refused)."""
    name = _check_name(name)
    schedule = _check_schedule(schedule)
    configuration = _clean(kind, configuration)
    public, secrets = _split_secrets(kind, configuration, {})
    now = timezone.now()
    with tenant_context(tenant):
        try:
            with transaction.atomic():
                return Source.objects.create(
                    kind=kind,
                    name=name,
                    configuration=public,
                    credentials=crypto.encrypt(secrets),
                    schedule=schedule,
                    next_run_at=next_run_after(schedule, now),
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            raise ConnectorError(
                _("A source with this name exists already."), field="name", code="duplicate"
            ) from None


def source_update(
    source: Source,
    *,
    actor=None,
    name: str | None = None,
    configuration: dict | None = None,
    schedule: str | None = None,
) -> Source:
    """Change a source's name, configuration (credentials left out or masked stay as they were) or schedule.
    A changed configuration starts the next sync from the beginning and clears a credentials error. Safe to
    run twice."""
    fields = ["updated_at"]
    if name is not None:
        source.name = _check_name(name)
        fields.append("name")
    if schedule is not None:
        source.schedule = _check_schedule(schedule)
        source.next_run_at = next_run_after(source.schedule, timezone.now())
        fields += ["schedule", "next_run_at"]
    if configuration is not None:
        merged = copy.deepcopy(configuration)
        secrets = crypto.decrypt(source.credentials)
        cleaned = _clean(source.kind, merged)
        public, secrets = _split_secrets(source.kind, cleaned, secrets)
        if public != source.configuration or crypto.decrypt(source.credentials) != secrets:
            source.configuration, source.credentials, source.cursor = public, crypto.encrypt(secrets), {}
            fields += ["configuration", "credentials", "cursor"]
            if source.status in (SourceStatus.CREDENTIALS, SourceStatus.FAILING):
                source.status, source.last_error = SourceStatus.ACTIVE, ""
                fields += ["status", "last_error"]
    source.updated_at = timezone.now()
    try:
        with transaction.atomic():
            source.save(update_fields=fields)
    except IntegrityError:
        raise ConnectorError(
            _("A source with this name exists already."), field="name", code="duplicate"
        ) from None
    return source


def source_set_paused(source: Source, *, paused: bool, actor=None) -> Source:
    """Pause (no scheduled runs) or resume a source. Safe to run twice."""
    source.status = SourceStatus.PAUSED if paused else SourceStatus.ACTIVE
    if not paused:
        source.last_error = ""
        source.next_run_at = next_run_after(source.schedule, timezone.now())
    source.updated_at = timezone.now()
    source.save(update_fields=["status", "last_error", "next_run_at", "updated_at"])
    return source


def source_delete(source: Source, *, actor=None) -> None:
    """Remove the source, its runs and its record of external profiles; candidates it brought stay."""
    source.delete()


def connector_for(source: Source):
    """The source's connector with its credentials decrypted."""
    return connector_class(source.kind)(source, secrets=crypto.decrypt(source.credentials))


def source_test(source: Source) -> str:
    """Try the source now (the first page, credentials included); returns a sentence saying what came back.
    Raises ConnectorError / FetchError with the reason. Writes nothing."""
    return connector_for(source).test()


def public_configuration(source: Source) -> dict:
    """The configuration as people and the API see it: each stored credential shown as the mask."""
    configuration = copy.deepcopy(source.configuration)
    try:
        stored = crypto.decrypt(source.credentials)
    except ServiceError:  # a key was removed: the page says so on the next test or sync
        stored = {}
    for path in stored:
        *parents, last = path.split(".")
        node = configuration
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = MASK
    return configuration
