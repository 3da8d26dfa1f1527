"""What an HRIS or ERP pushes: candidates upserted by their external id, stage changes (the application upsert:
found by its external id, or by role and candidate, created at the stage when missing), and hires with their
probation outcome — one at a time, or in bulk for a nightly export.

A bulk run treats each row on its own: the row's writes and the webhooks it announces happen in a savepoint,
so a bad row is rolled back alone and reported with its error while the others stand (all-or-nothing per row).
The lookups every row needs (roles and applications by external id) are read once per run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from candidates.services import (
    CandidateInput,
    candidate_add_emails,
    candidate_add_external_id,
    candidate_add_phones,
    candidate_create,
    candidate_find_exact,
    candidate_set_fields,
)
from talentpool.errors import ServiceError
from webhooks import services as webhooks

from . import services
from .models import Application, ApplicationStage, Hire, ProbationOutcome, RoleProfile

MAX_BULK_ROWS = 10_000
HRIS = "hris"
CANDIDATE_FIELDS = ("location", "current_title", "current_company", "years_experience", "highest_education")


@dataclass
class Outcome:
    """What one push did: ``status`` created, updated or unchanged; ``obj`` the row; ``extra`` for the answer."""

    status: str
    obj: object
    extra: dict


# --- candidates -----------------------------------------------------------------------------------------------


def candidate_upsert(
    tenant,
    *,
    external_id: tuple[str, str],
    full_name: str = "",
    emails: Iterable = (),
    phones: Iterable = (),
    fields: dict | None = None,
) -> Outcome:
    """The candidate with this external id, created or brought up to date. Found by the external id, else by an
    email (then the id is linked to that person). Fields a recruiter set by hand are left alone. Returns an
    Outcome (``extra["changed"]`` names what changed). Safe to run twice: the second run is ``unchanged``."""
    fields = {key: value for key, value in (fields or {}).items() if key in CANDIDATE_FIELDS}
    emails, phones = list(emails), list(phones)
    candidate = candidate_find_exact(external_ids=[external_id])
    linked = False
    if candidate is None and emails:
        candidate = candidate_find_exact(emails=emails)
        if candidate is not None:
            linked = candidate_add_external_id(
                candidate, system=external_id[0], value=external_id[1], source=HRIS
            )
    if candidate is None:
        candidate = candidate_create(
            tenant,
            data=CandidateInput(
                full_name=full_name,
                emails=tuple(emails),
                phones=tuple(phones),
                external_ids=(external_id,),
                fields={**fields, "source": "hris"},
            ),
            source=HRIS,
        )
        return Outcome("created", candidate, {"changed": []})
    values = {**fields, "full_name": full_name} if full_name else fields
    changed = candidate_set_fields(candidate, values, source=HRIS, respect_people=True)
    changed += ["emails"] if candidate_add_emails(candidate, emails, source=HRIS) else []
    changed += ["phones"] if candidate_add_phones(candidate, phones, source=HRIS) else []
    changed += ["external_ids"] if linked else []
    return Outcome("updated" if changed else "unchanged", candidate, {"changed": changed})


# --- stage changes (the application upsert) -------------------------------------------------------------------


class Lookups:
    """Roles, applications and hires by external id, read once for a bulk run (one query each), or row by row.

    A bulk run keeps what its own rows wrote (``remember``), so a later row about the same application or hire
    sees the state the earlier row left.
    """

    def __init__(self, rows: list[dict] | None = None):
        self.bulk = rows is not None
        self.profiles: dict[str, RoleProfile] = {}
        self.applications: dict[str, Application] = {}
        self.hires: dict[str, Hire] = {}
        if rows:
            self.profiles = {
                p.external_id: p
                for p in RoleProfile.objects.filter(external_id__in=_texts(rows, "profile_external_id"))
            }
            self.applications = {
                a.external_id: a
                for a in Application.objects.filter(external_id__in=_texts(rows, "application_external_id"))
            }
            self.hires = {
                h.external_id: h for h in Hire.objects.filter(external_id__in=_texts(rows, "external_id"))
            }

    def profile(self, external_id: str) -> RoleProfile | None:
        if not self.bulk:
            return RoleProfile.objects.filter(external_id=external_id).first()
        return self.profiles.get(external_id)

    def application(self, external_id: str) -> Application | None:
        if not self.bulk:
            return Application.objects.filter(external_id=external_id).first()
        found = self.applications.get(external_id)
        return found if found is not None else Application.objects.filter(external_id=external_id).first()

    def remember(self, row) -> None:
        if self.bulk and row.external_id:
            (self.hires if isinstance(row, Hire) else self.applications)[row.external_id] = row


def _texts(rows: list[dict], key: str) -> set[str]:
    # Raw rows (validated one by one later): only text can be an external id.
    return {row.get(key) for row in rows if isinstance(row.get(key), str) and row.get(key)}


def _role(data: dict, lookups: Lookups, *, required: bool) -> RoleProfile | None:
    if data.get("profile") is not None:
        profile = RoleProfile.objects.filter(pk=data["profile"]).first()
        if profile is None:
            raise services.ProfileError(_("Unknown role profile."), field="profile", code="unknown_profile")
        return profile
    if data.get("profile_external_id"):
        profile = lookups.profile(data["profile_external_id"])
        if profile is None:
            raise services.ProfileError(
                _("No role has this external id."), field="profile_external_id", code="unknown_profile"
            )
        return profile
    if required:
        raise services.ProfileError(_("Name the role: profile or profile_external_id."), field="profile")
    return None


def _candidate(data: dict) -> Candidate | None:
    if data.get("candidate") is not None:
        candidate = Candidate.objects.filter(pk=data["candidate"]).first()
        if candidate is None:
            raise services.ProfileError(_("Unknown candidate."), field="candidate", code="unknown_candidate")
        return candidate
    external, email = data.get("candidate_external_id"), data.get("candidate_email") or ""
    if not (external or email):
        return None
    candidate = candidate_find_exact(
        emails=[email] if email else [],
        external_ids=[(external["system"], external["value"])] if external else [],
    )
    if candidate is None:
        field = "candidate_external_id" if external else "candidate_email"
        raise services.ProfileError(
            _("No candidate in the pool has this %(what)s.")
            % {"what": _("external id") if external else _("email")},
            field=field,
            code="unknown_candidate",
        )
    return candidate


def stage_change(data: dict, *, actor=None, lookups: Lookups | None = None) -> Outcome:
    """Apply one stage change: move the application named by ``application_external_id`` (or by role and
    candidate), or create it at the stage. ``extra["event"]`` is the StageEvent (None when it was there).
    Raises ProfileError naming the field at fault."""
    lookups = lookups or Lookups()
    external_id = data.get("application_external_id", "")
    application = lookups.application(external_id) if external_id else None
    if application is None:
        profile = _role(data, lookups, required=True)
        candidate = _candidate(data)
        if candidate is None:
            raise services.ProfileError(
                _("Name the candidate: candidate, candidate_email or candidate_external_id."),
                field="candidate",
            )
        application, created = services.application_create(
            profile=profile,
            candidate=candidate,
            actor=actor,
            source=HRIS,
            stage=data["stage"],
            external_id=external_id,
            occurred_at=data.get("occurred_at"),
        )
        if created:  # its first StageEvent is read only by the single form's answer (a bulk row needs the id)
            lookups.remember(application)
            return Outcome("created", application, {"event": None})
    event = services.application_move(
        application,
        to_stage=data["stage"],
        actor=actor,
        source=HRIS,
        note=data.get("note", ""),
        occurred_at=data.get("occurred_at"),
    )
    if event is not None:
        application.stage = data["stage"]
        lookups.remember(application)
    return Outcome("updated" if event else "unchanged", application, {"event": event})


def stage_unchanged(data: dict, lookups: Lookups) -> Outcome | None:
    """A bulk row that changes nothing (its application is at that stage already), answered without a write or a
    savepoint: a nightly export resends every application, and most have not moved."""
    application = lookups.applications.get(data.get("application_external_id") or "")
    if application is not None and application.stage == data["stage"]:
        return Outcome("unchanged", application, {"event": None})
    return None


# --- hires and probation --------------------------------------------------------------------------------------

_PROBATION_STAGES = {
    ProbationOutcome.PASSED: ApplicationStage.PROBATION_PASSED,
    ProbationOutcome.FAILED: ApplicationStage.PROBATION_FAILED,
    ProbationOutcome.PENDING: ApplicationStage.HIRED,
}


def hire_probation_set(
    hire: Hire, *, outcome: str, decided_on: date | None = None, source: str = HRIS
) -> bool:
    """Record the hire's probation outcome (passed or failed on ``decided_on``, today by default; pending clears
    it). The application, when there is one, moves to the matching stage so the funnel reaches probation.
    Returns whether anything changed. Raises ProfileError for a voided hire or a date before the hire."""
    if outcome not in ProbationOutcome.values:
        raise services.ProfileError(
            _("Unknown probation outcome: %(value)s.") % {"value": outcome}, field="probation_outcome"
        )
    if hire.voided_at is not None:
        raise services.ProfileError(
            _("This hire was voided; its probation cannot change."),
            field="probation_outcome",
            code="hire_voided",
        )
    decided_on = None if outcome == ProbationOutcome.PENDING else (decided_on or timezone.localdate())
    if decided_on is not None and decided_on < hire.hired_at:
        raise services.ProfileError(
            _("The probation cannot end before the hire date."), field="probation_decided_on"
        )
    if (hire.probation_outcome, hire.probation_decided_on) == (outcome, decided_on):
        return False
    application = Application.objects.filter(pk=hire.application_id).first() if hire.application_id else None
    if application is not None:
        when = (
            timezone.make_aware(datetime.combine(decided_on, datetime.min.time()))
            if decided_on
            else timezone.now()
        )
        services.application_move(
            application,
            to_stage=_PROBATION_STAGES[outcome],
            source=source,
            occurred_at=min(when, timezone.now()),
            confirm=True,
        )
    Hire.objects.filter(pk=hire.pk).update(probation_outcome=outcome, probation_decided_on=decided_on)
    hire.probation_outcome, hire.probation_decided_on = outcome, decided_on
    return True


def hire_upsert(data: dict, *, via: str = HRIS, lookups: Lookups | None = None) -> Outcome:
    """Record a hire, or update the probation of the one with the same ``external_id``. ``data`` is a validated
    hire body (``HrisHireSerializer``). Raises ProfileError naming the field at fault."""
    lookups = lookups or Lookups()
    external = data.get("candidate_external_id")
    candidate_id = data.get("candidate", data.get("candidate_id"))
    candidate = None
    if candidate_id is not None:
        candidate = Candidate.objects.filter(pk=candidate_id).first()
        if candidate is None:
            raise services.ProfileError(_("Unknown candidate."), field="candidate", code="unknown_candidate")
    hire, created = services.hire_record(
        full_name=data.get("full_name", ""),
        profile=_role(data, lookups, required=False),
        candidate=candidate,
        email=data.get("email", ""),
        external_id=data.get("external_id", ""),
        candidate_external_id=(external["system"], external["value"]) if external else None,
        hired_at=data.get("hired_at"),
        recorded_via=via,
    )
    changed = False
    if data.get("probation_outcome"):
        changed = hire_probation_set(
            hire, outcome=data["probation_outcome"], decided_on=data.get("probation_decided_on"), source=via
        )
    hire.refresh_from_db()
    lookups.remember(hire)
    return Outcome("created" if created else ("updated" if changed else "unchanged"), hire, {})


def hire_unchanged(data: dict, lookups: Lookups) -> Outcome | None:
    """A bulk row about a known hire that says nothing new (no probation, or the one recorded), answered without
    a write or a savepoint."""
    hire = lookups.hires.get(data.get("external_id") or "")
    if hire is None:
        return None
    outcome = data.get("probation_outcome")
    if outcome:
        decided_on = (
            None
            if outcome == ProbationOutcome.PENDING
            else (data.get("probation_decided_on") or timezone.localdate())
        )
        if (hire.probation_outcome, hire.probation_decided_on) != (outcome, decided_on):
            return None
    return Outcome("unchanged", hire, {})


# --- bulk -----------------------------------------------------------------------------------------------------


@dataclass
class RowResult:
    index: int
    status: str  # created, updated, unchanged, error
    outcome: Outcome | None = None
    error: dict | None = None


def bulk_apply(
    rows: list,
    handle: Callable[[dict], Outcome],
    *,
    validate: Callable[[object], tuple[dict | None, dict]],
    unchanged: Callable[[dict], Outcome | None] | None = None,
) -> tuple[list[RowResult], Counter]:
    """Run ``handle`` on each row that ``validate`` accepts, each in its own savepoint with its own webhooks:
    a row that fails leaves nothing behind and is reported with its error; the others stand. The webhooks of
    the rows that stood are written together at the end (one statement). Returns the per-row results (in
    order) and the counts by status. ``unchanged`` answers rows that would change nothing without a savepoint."""
    results: list[RowResult] = []
    counts: Counter = Counter()
    announced: list = []
    for index, raw in enumerate(rows):
        data, error = validate(raw)
        if data is None:
            results.append(RowResult(index, "error", error=error))
            counts["error"] += 1
            continue
        outcome = unchanged(data) if unchanged is not None else None
        if outcome is not None:
            results.append(RowResult(index, outcome.status, outcome=outcome))
            counts[outcome.status] += 1
            continue
        try:
            with webhooks.collecting() as events, transaction.atomic():
                outcome = handle(data)
        except ServiceError as exc:  # ProfileError, CandidateError and the interactions' refusals
            results.append(RowResult(index, "error", error=_error(exc.code, str(exc), exc.field)))
            counts["error"] += 1
            continue
        except IntegrityError:  # another request wrote the same external id meanwhile
            results.append(
                RowResult(
                    index,
                    "error",
                    error=_error(
                        "conflict", _("Another request wrote this row at the same time; send it again."), None
                    ),
                )
            )
            counts["error"] += 1
            continue
        announced.extend(events)
        results.append(RowResult(index, outcome.status, outcome=outcome))
        counts[outcome.status] += 1
    webhooks.emit_collected(announced)
    return results, counts


def _error(code: str, message: str, field: str | None) -> dict:
    return {"code": code, "message": message, "fields": {field or "non_field_errors": [message]}}
