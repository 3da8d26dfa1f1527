"""Set-based writes of the pipeline, for pushes of thousands of rows at once (an HRIS's nightly export).

``applications_bulk_move`` writes a batch of steps the caller has decided (new applications and moves) with the
same rows, events, interactions and webhooks as ``services.application_create`` and
``services.application_move`` one step at a time, in a fixed number of statements whatever the number of steps.
Steps that touch a hire (into or out of the hired stages) are not taken here: they go one at a time through
``services.application_move``, which records or voids the hire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.db_bulk import insert_many
from talentpool.tenancy.context import require_tenant_id
from webhooks import events as webhook_events
from webhooks import services as webhooks

from .models import Application, ApplicationStage, StageEvent
from .services import _SOURCE_CHANNELS, APPLY_SOURCES, HIRED_STAGES, ProfileError

_STAGES = frozenset(ApplicationStage.values)  # read once: Django builds an enum's values anew on each access


class StaleBatch(ProfileError):
    """An application of the batch is no longer at the stage the batch was decided from (another request moved
    it meanwhile): nothing was written; decide again, or take the rows one at a time."""


@dataclass(eq=False)
class ApplicationRow:
    """An application as the bulk writer reads and writes it: its columns without a model instance (a nightly
    export reads thousands of applications and moves a few). ``pk`` is None until the batch inserts it."""

    pk: int | None
    profile_id: int
    candidate_id: int
    stage: str
    external_id: str = ""
    source: str = ""
    created_at: datetime | None = None
    stage_changed_at: datetime | None = None
    tenant_id: int | None = None

    COLUMNS = ("pk", "profile_id", "candidate_id", "stage", "external_id")


@dataclass
class PipelineStep:
    """One step of a batch: a new application (``created``: ``application`` has no id yet and starts at
    ``to_stage``) or a move of ``application`` from ``from_stage`` to ``to_stage`` at ``when``. Several steps may
    name the same application, in order."""

    application: Application | ApplicationRow
    to_stage: str
    when: datetime
    from_stage: str = ""
    note: str = ""
    created: bool = False


def applications_bulk_move(*, steps: list[PipelineStep], actor=None, source: str) -> list[int]:
    """Write ``steps`` in order: the new applications (one INSERT), the moved applications' final stage (one
    UPDATE … FROM VALUES), one StageEvent per step (one INSERT), the candidates' interactions (``applied`` for a
    new application pushed by the candidate's systems, then ``stage_changed``; engagement's
    ``interactions_bulk_record``) and ``application.stage_changed`` per step, each followed by the tier changes
    its interactions caused, as the one-at-a-time services announce them.

    The saved applications are locked (in id order) and must still be at their first step's ``from_stage``:
    otherwise StaleBatch, and nothing is written. New applications get their ids. Returns the StageEvents'
    ids in step order. Raises ProfileError for an unknown stage or a step into or out of a hired stage. New
    applications that collide with a unique constraint raise IntegrityError: run it in a savepoint and take
    the rows one at a time then. Not safe to run twice (each run appends its events)."""
    from engagement.services.interactions import InteractionInput, interactions_bulk_record

    if not steps:
        return []
    for step in steps:
        for stage in (step.to_stage, step.from_stage):
            if stage and stage not in _STAGES:
                raise ProfileError(_("Unknown stage: %(stage)s.") % {"stage": stage}, field="stage")
        if step.to_stage in HIRED_STAGES or step.from_stage in HIRED_STAGES:
            raise ProfileError(
                "A step into or out of a hired stage is recorded one at a time (application_move).",
                field="stage",
                code="hire_step",
            )
    tenant_id = require_tenant_id()
    actor = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        first_from: dict[int, str] = {}
        for step in steps:
            if not step.created and step.application.pk is not None:
                first_from.setdefault(step.application.pk, step.from_stage)
        if first_from:
            current = dict(
                Application.objects.select_for_update()
                .filter(pk__in=sorted(first_from))
                .order_by("pk")
                .values_list("pk", "stage")
            )
            if current != first_from:
                # Never shown: the caller takes the rows one at a time instead.
                raise StaleBatch("An application moved while the batch was decided.", field="stage")
        new = []
        for step in steps:
            application = step.application
            if step.created:
                application.tenant_id = tenant_id
                application.created_at = step.when
                new.append(application)
            application.stage, application.stage_changed_at = step.to_stage, step.when
        created = {id(application) for application in new}
        for application, pk in zip(new, insert_many(Application, [_row(a) for a in new]), strict=True):
            application.pk = pk
        _stages_write(
            tenant_id, {s.application.pk: s.application for s in steps if id(s.application) not in created}
        )
        event_ids = insert_many(
            StageEvent,
            [
                {
                    "tenant_id": tenant_id,
                    "application_id": step.application.pk,
                    "candidate_id": step.application.candidate_id,
                    "from_stage": step.from_stage,
                    "to_stage": step.to_stage,
                    "actor_id": getattr(actor, "pk", None),
                    "source": source,
                    "note": (step.note or "")[:500],
                    "occurred_at": step.when,
                }
                for step in steps
            ],
        )
        now = timezone.now()
        channel = _SOURCE_CHANNELS.get(source, "")
        items: list = []
        owners: list[int] = []
        for index, step in enumerate(steps):
            application = step.application
            if step.created and source in APPLY_SOURCES and actor is None:
                items.append(
                    InteractionInput(
                        candidate=application.candidate_id,
                        kind="applied",
                        channel=channel,
                        occurred_at=min(step.when, now),
                        metadata={"profile": application.profile_id},
                    )
                )
                owners.append(index)
            items.append(
                InteractionInput(
                    candidate=application.candidate_id,
                    kind="stage_changed",
                    channel=channel,
                    occurred_at=min(step.when, now),
                    actor=actor,
                    metadata={
                        "stage": step.to_stage,
                        "from": step.from_stage,
                        "profile": application.profile_id,
                    },
                )
            )
            owners.append(index)
        with webhooks.collecting() as tier_changes:
            interactions = interactions_bulk_record(items=items)
        step_of = dict(zip(interactions, owners, strict=True))
        by_step: dict[int, list] = {}
        for announced in tier_changes:
            by_step.setdefault(step_of.get(announced[1]["interaction"]["id"], -1), []).append(announced)
        with webhooks.collecting() as announced:
            for index, step in enumerate(steps):
                webhook_events.stage_changed(
                    step.application,
                    from_stage=step.from_stage,
                    to_stage=step.to_stage,
                    when=step.when,
                    source=source,
                )
                announced.extend(by_step.get(index, ()))
            announced.extend(by_step.get(-1, ()))
        webhooks.emit_collected(announced)
    return event_ids


def _row(application: ApplicationRow) -> dict:
    return {
        "tenant_id": application.tenant_id,
        "profile_id": application.profile_id,
        "candidate_id": application.candidate_id,
        "stage": application.stage,
        "source": application.source,
        "external_id": application.external_id,
        "created_at": application.created_at,
        "stage_changed_at": application.stage_changed_at,
    }


def _stages_write(tenant_id: int, applications: dict[int, Application]) -> int:
    """The moved applications' stage and ``stage_changed_at`` in one statement."""
    if not applications:
        return 0
    from psycopg2.extras import execute_values

    values = [(pk, a.stage, a.stage_changed_at) for pk, a in sorted(applications.items())]
    with connection.cursor() as cursor:
        execute_values(
            cursor.cursor,
            f"UPDATE {Application._meta.db_table} a SET stage = v.stage, stage_changed_at = v.changed_at "
            "FROM (VALUES %s) AS v(id, stage, changed_at) "
            f"WHERE a.id = v.id AND a.tenant_id = {int(tenant_id)}",
            values,
            template="(%s::bigint, %s::text, %s::timestamptz)",
            page_size=len(values),
        )
        return cursor.rowcount
