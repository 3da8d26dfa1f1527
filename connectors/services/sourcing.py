"""Sourcing: for a role profile, a source that can search returns people whose profiles fit; the new ones are
imported with the source ``sourcing:<kind>``, deduplicated, tagged, scored against the role and added to its
pipeline as ``sourced``, up to the schedule's cap per run ("every Monday, up to 50 new people")."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from candidates.models import Candidate, sourcing_source
from candidates.services import candidate_find_exact
from profiles.models import ApplicationStage, RoleProfile
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..kinds.base import RecordError, SearchQuery
from ..models import ExternalProfile, RunKind, RunStatus, Source, SourceStatus, SourcingSchedule, SyncRun
from ..transport import ConnectorError
from .sources import connector_for
from .sync import Applier, SourceBusy, _claim, _count, _finish, _record_error, run_language

SCAN_FACTOR = 5  # profiles looked at per new person wanted: most of a search's first results are known people
APPLICATION_SOURCE = "sourcing"


def next_weekly_run(*, weekday: int, hour: int, zone: str, after: datetime) -> datetime:
    """The next ``weekday`` at ``hour`` o'clock in ``zone`` strictly after ``after`` (UTC)."""
    local = after.astimezone(ZoneInfo(zone or "UTC"))
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(
        days=(weekday - local.weekday()) % 7
    )
    if candidate <= local:
        candidate += timedelta(days=7)
    return candidate.astimezone(ZoneInfo("UTC"))


def _check(source: Source, *, weekday: int, hour: int, cap: int) -> None:
    if not connector_for(source).can_search:
        raise ConnectorError(
            _("This source cannot search; choose one that can."), field="source", code="no_search"
        )
    if not 0 <= int(weekday) <= 6:
        raise ConnectorError(_("Choose a day of the week."), field="weekday")
    if not 0 <= int(hour) <= 23:
        raise ConnectorError(_("The hour is from 0 to 23."), field="hour")
    if not 1 <= int(cap) <= 1000:
        raise ConnectorError(_("Up to 1 to 1,000 new people per run."), field="cap")


def schedule_create(
    tenant: Tenant,
    *,
    profile: RoleProfile,
    source: Source,
    weekday: int = 0,
    hour: int = 9,
    cap: int = 50,
    actor=None,
) -> SourcingSchedule:
    """A weekly sourcing schedule of ``profile`` on ``source``. Raises ConnectorError naming the field at fault
    (a source that cannot search, a role that has one on this source already)."""
    _check(source, weekday=weekday, hour=hour, cap=cap)
    with tenant_context(tenant):
        try:
            with transaction.atomic():
                return SourcingSchedule.objects.create(
                    profile=profile,
                    source=source,
                    weekday=weekday,
                    hour=hour,
                    cap=cap,
                    next_run_at=next_weekly_run(
                        weekday=weekday, hour=hour, zone=tenant.time_zone, after=timezone.now()
                    ),
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            raise ConnectorError(
                _("This role has a sourcing schedule on this source already."),
                field="source",
                code="duplicate",
            ) from None


def schedule_update(tenant: Tenant, schedule: SourcingSchedule, *, actor=None, **changes) -> SourcingSchedule:
    """Change a schedule's day, hour, cap or whether it is on. Safe to run twice."""
    values = {
        name: changes.get(name, getattr(schedule, name)) for name in ("weekday", "hour", "cap", "is_active")
    }
    _check(schedule.source, weekday=values["weekday"], hour=values["hour"], cap=values["cap"])
    for name, value in values.items():
        setattr(schedule, name, value)
    schedule.next_run_at = next_weekly_run(
        weekday=schedule.weekday, hour=schedule.hour, zone=tenant.time_zone, after=timezone.now()
    )
    schedule.save(update_fields=[*values, "next_run_at"])
    return schedule


def schedule_delete(schedule: SourcingSchedule, *, actor=None) -> None:
    schedule.delete()


def role_query(profile: RoleProfile) -> SearchQuery:
    """What to search for a role: its title, its must-have skills first, then the rest, and its location."""
    requirements = profile.requirements.select_related("tag").order_by(
        "-must_have", "-weight", "position", "id"
    )
    keywords = list(dict.fromkeys(r.tag.name_en or r.tag.name_zh or r.tag.key for r in requirements))[:8]
    return SearchQuery(title=profile.title, keywords=keywords, location=profile.location)


def sourcing_run(tenant: Tenant, *, schedule_id: int, actor=None) -> SyncRun:
    """Run one sourcing of the schedule now; returns the finished SyncRun (kind ``sourcing``) whose ``details``
    list the new people with their score against the role. Raises SourceBusy when the source is syncing.
    Safe to run twice: people already in the pool are not new, so a second run adds only people it had not
    seen."""
    with override(run_language(tenant)):
        return _sourcing_run(tenant, schedule_id=schedule_id, actor=actor)


def _sourcing_run(tenant: Tenant, *, schedule_id: int, actor=None) -> SyncRun:
    from profiles.matching import MatchOptions, score_all
    from profiles.services import application_create

    with tenant_context(tenant):
        schedule = SourcingSchedule.objects.select_related("profile", "source").get(pk=schedule_id)
        source, profile = schedule.source, schedule.profile
        if not _claim(source):
            raise SourceBusy(_("A sync of this source is running."), field="source", code="busy")
        run = SyncRun.objects.create(
            source=source,
            kind=RunKind.SOURCING,
            schedule=schedule,
            triggered_by=actor if getattr(actor, "pk", None) else None,
        )
    status, error, refused, new_ids = RunStatus.SUCCEEDED, "", False, []
    try:
        with tenant_context(tenant):
            connector = connector_for(source)
            query = role_query(profile)
        applier = Applier(tenant, source, connector, origin=sourcing_source(source.kind), actor=actor)
        for position, record in enumerate(connector.search(query, limit=schedule.cap * SCAN_FACTOR), start=1):
            if len(new_ids) >= schedule.cap:
                break
            run.fetched += 1
            with tenant_context(tenant):
                try:
                    person = connector.person(record)
                    if (
                        candidate_find_exact(
                            external_ids=[(connector.system, person.external_id)],
                            emails=person.emails,
                            phones=applier._phones(person),
                        )
                        is not None
                    ):
                        run.matched += 1
                        run.unchanged += 1
                        continue  # in the pool already: ranking finds them; sourcing brings new people
                    with transaction.atomic():
                        row = ExternalProfile.objects.filter(
                            source=source, external_id=person.external_id
                        ).first()
                        outcome = applier.apply(person, row, content_hash=person.content_hash())
                except (RecordError, ServiceError) as exc:
                    _record_error(run, connector.record_label(record, position), str(exc))
                    continue
                _count(run, outcome)
                if outcome.kind == "created":
                    new_ids.append(outcome.candidate_id)
        with tenant_context(tenant):
            scores = (
                dict(
                    score_all(
                        profile,
                        MatchOptions(
                            candidate_ids=tuple(new_ids), limit=len(new_ids) or 1, include_inactive=True
                        ),
                    )
                )
                if new_ids
                else {}
            )
            for candidate in Candidate.objects.filter(pk__in=new_ids):
                application_create(
                    profile=profile,
                    candidate=candidate,
                    actor=actor,
                    source=APPLICATION_SOURCE,
                    stage=ApplicationStage.SOURCED,
                )
            run.details = {
                "candidates": [
                    {"candidate": pk, "score": round(float(scores.get(pk, 0.0)), 1)}
                    for pk in sorted(new_ids, key=lambda pk: -scores.get(pk, 0.0))
                ]
            }
    except ServiceError as exc:
        status, error = RunStatus.FAILED, str(exc)
        refused = exc.code == "fetch_failed" and getattr(exc, "status", None) in (401, 403)
    with tenant_context(tenant):
        SourcingSchedule.objects.filter(pk=schedule.pk).update(
            last_run_at=timezone.now(),
            next_run_at=next_weekly_run(
                weekday=schedule.weekday, hour=schedule.hour, zone=tenant.time_zone, after=timezone.now()
            ),
        )
    return _finish(tenant, source, run, status, error, credentials=refused)


def schedules_due(*, now=None) -> list[int]:
    """Ids of the current tenant's active schedules whose run is due, on sources that are not paused."""
    now = now or timezone.now()
    return list(
        SourcingSchedule.objects.filter(is_active=True, next_run_at__lte=now)
        .exclude(source__status__in=[SourceStatus.PAUSED, SourceStatus.CREDENTIALS])
        .values_list("pk", flat=True)
    )
