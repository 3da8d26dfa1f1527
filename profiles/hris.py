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
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate, CandidateEmail, CandidateStatus, ExternalId
from candidates.services import (
    CandidateInput,
    candidate_add_emails,
    candidate_add_external_id,
    candidate_add_phones,
    candidate_create,
    candidate_find_exact,
    candidate_set_fields,
)
from candidates.services.profile import normalize_email, normalize_text
from talentpool.errors import ServiceError
from webhooks import services as webhooks

from . import services
from .models import Application, ApplicationStage, Hire, ProbationOutcome, RoleProfile
from .services_bulk import ApplicationRow, PipelineStep

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
    found: Candidate | None = None,
) -> Outcome:
    """The candidate with this external id, created or brought up to date. Found by the external id, else by an
    email (then the id is linked to that person). Fields a recruiter set by hand are left alone. Returns an
    Outcome (``extra["changed"]`` names what changed). Safe to run twice: the second run is ``unchanged``.
    ``found`` is the live (not merged) candidate holding the external id when the caller looked it up already
    (a bulk run reads them all at once)."""
    fields = {key: value for key, value in (fields or {}).items() if key in CANDIDATE_FIELDS}
    emails, phones = list(emails), list(phones)
    candidate = found if found is not None else candidate_find_exact(external_ids=[external_id])
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

    # Read one at a time here; StageLookups answers them from what it read for the whole bulk.

    def profile_pk(self, pk: int) -> RoleProfile | None:
        return RoleProfile.objects.filter(pk=pk).first()

    def candidate_pk(self, pk: int) -> Candidate | None:
        return Candidate.objects.filter(pk=pk).first()

    def candidate_exact(self, *, emails: list, external_ids: list) -> Candidate | None:
        return candidate_find_exact(emails=emails, external_ids=external_ids)


def _texts(rows: list[dict], key: str) -> set[str]:
    # Raw rows (validated one by one later): only text can be an external id.
    return {row.get(key) for row in rows if isinstance(row.get(key), str) and row.get(key)}


def _role(data: dict, lookups: Lookups, *, required: bool) -> RoleProfile | None:
    if data.get("profile") is not None:
        profile = lookups.profile_pk(data["profile"])
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


def _candidate(data: dict, lookups: Lookups | None = None) -> Candidate | None:
    lookups = lookups or Lookups()
    if data.get("candidate") is not None:
        candidate = lookups.candidate_pk(data["candidate"])
        if candidate is None:
            raise services.ProfileError(_("Unknown candidate."), field="candidate", code="unknown_candidate")
        return candidate
    external, email = data.get("candidate_external_id"), data.get("candidate_email") or ""
    if not (external or email):
        return None
    candidate = lookups.candidate_exact(
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
        candidate = _candidate(data, lookups)
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


# --- bulk candidates, set-based -------------------------------------------------------------------------------


def candidates_bulk(rows: list, *, validate: Callable, tenant) -> tuple[list[RowResult], Counter]:
    """A bulk of candidate upserts with the same per-row results and writes as ``bulk_apply(rows,
    candidate_upsert)``, set-based: ``candidates.services.bulk.candidates_bulk_upsert`` reads the lookups once,
    writes the new and the updated candidates together and answers the rows that change nothing without a
    write; the others (a link by email, a merged candidate, a person an earlier row wrote) go through
    ``candidate_upsert`` in their place. Returns the results (in order) and the counts by status."""
    from candidates.services.bulk import UpsertRow, candidates_bulk_upsert

    results: dict[int, RowResult] = {}
    items: list[tuple[int, UpsertRow]] = []
    for index, raw in enumerate(rows):
        data, error = validate(raw)
        if data is None:
            results[index] = RowResult(index, "error", error=error)
            continue
        external = data["external_id"]
        items.append(
            (
                index,
                UpsertRow(
                    external_id=(external["system"], external["value"]),
                    full_name=data.get("full_name", ""),
                    emails=tuple(data.get("emails", ())),
                    phones=tuple(data.get("phones", ())),
                    fields={key: data[key] for key in CANDIDATE_FIELDS if key in data},
                ),
            )
        )

    def one_at_a_time(row: UpsertRow, found: Candidate | None) -> tuple[str, Candidate, list[str]]:
        outcome = candidate_upsert(
            tenant,
            external_id=row.external_id,
            full_name=row.full_name,
            emails=row.emails,
            phones=row.phones,
            fields=row.fields,
            found=found,
        )
        return outcome.status, outcome.obj, outcome.extra["changed"]

    upserted = candidates_bulk_upsert(
        tenant=tenant,
        rows=[row for _, row in items],
        one_at_a_time=one_at_a_time,
        source=HRIS,
        origin=HRIS,
    )
    for (index, _row), result in zip(items, upserted, strict=True):
        if result.error is not None:
            exc = result.error
            results[index] = RowResult(index, "error", error=_error(exc.code, str(exc), exc.field))
        else:
            outcome = Outcome(result.status, result.candidate, {"changed": result.changed})
            results[index] = RowResult(index, result.status, outcome=outcome)
    ordered = [results[index] for index in range(len(rows))]
    return ordered, Counter(result.status for result in ordered)


# --- bulk stage changes, set-based ----------------------------------------------------------------------------


class StageLookups(Lookups):
    """What a bulk of validated stage changes needs, read once (one query per kind whatever the number of rows):
    applications and roles by external id, roles and candidates by id, candidates by external id and by email
    (``candidate_find_exact``'s order of trust: the lowest id holding the key), and the applications those roles
    and candidates already have."""

    def __init__(self, rows: list[dict]):
        super().__init__()
        self.bulk = True
        self.applications = {
            values[4]: ApplicationRow(*values)
            for values in Application.objects.filter(
                external_id__in={
                    r["application_external_id"] for r in rows if r.get("application_external_id")
                }
            ).values_list(*ApplicationRow.COLUMNS)
        }
        new = [r for r in rows if r.get("application_external_id", "") not in self.applications]
        self.profiles = _by_key(
            RoleProfile.objects.filter(
                external_id__in={r["profile_external_id"] for r in new if r.get("profile_external_id")}
            ),
            "external_id",
        )
        self.profiles_by_pk = _by_key(
            RoleProfile.objects.filter(pk__in={r["profile"] for r in new if r.get("profile") is not None}),
            "pk",
        )
        external_ids = {
            _external_key(r["candidate_external_id"]) for r in new if r.get("candidate_external_id")
        }
        emails = {normalize_email(r["candidate_email"]) for r in new if r.get("candidate_email")} - {None}
        # Read through the key tables' own (tenant, system, value) and (tenant, email) indexes; the lowest
        # candidate id wins, as in candidate_find_exact.
        self.by_external: dict[tuple[str, str], int] = {}
        if external_ids:
            for pk, system, value in (
                ExternalId.objects.filter(
                    system__in={system for system, _ in external_ids},
                    value__in={value for _, value in external_ids},
                )
                .order_by("candidate_id")
                .values_list("candidate_id", "system", "value")
            ):
                if (system, value) in external_ids:
                    self.by_external.setdefault((system, value), pk)
        self.by_email: dict[str, int] = {}
        if emails:
            for pk, email in (
                CandidateEmail.objects.filter(email__in=emails)
                .order_by("candidate_id")
                .values_list("candidate_id", "email")
            ):
                self.by_email.setdefault(email, pk)
        wanted = {r["candidate"] for r in new if r.get("candidate") is not None}
        self.candidates = _by_key(
            Candidate.objects.filter(
                pk__in=wanted | set(self.by_external.values()) | set(self.by_email.values())
            ),
            "pk",
        )
        known = {a.pk: a for a in self.applications.values()}
        self.pairs: dict[tuple[int, int], Application] = {}
        roles = {p.pk for p in (*self.profiles.values(), *self.profiles_by_pk.values())}
        if roles and self.candidates:
            for values in Application.objects.filter(
                profile_id__in=roles, candidate_id__in=set(self.candidates)
            ).values_list(*ApplicationRow.COLUMNS):
                application = known.setdefault(values[0], ApplicationRow(*values))
                self.pairs[(application.profile_id, application.candidate_id)] = application
        for application in known.values():
            self.pairs[(application.profile_id, application.candidate_id)] = application

    def application(self, external_id: str) -> Application | None:
        return self.applications.get(external_id)

    def profile_pk(self, pk: int) -> RoleProfile | None:
        return self.profiles_by_pk.get(pk)

    def candidate_pk(self, pk: int) -> Candidate | None:
        return self.candidates.get(pk)

    def candidate_exact(self, *, emails: list, external_ids: list) -> Candidate | None:
        for key in external_ids:
            if _external_key({"system": key[0], "value": key[1]}) in self.by_external:
                return self.candidates[self.by_external[_external_key({"system": key[0], "value": key[1]})]]
        for email in emails:
            if normalize_email(email) in self.by_email:
                return self.candidates[self.by_email[normalize_email(email)]]
        return None

    def learn(self, application: Application | ApplicationRow) -> None:
        """What a row written one at a time left: later rows see it."""
        if application.external_id:
            self.applications[application.external_id] = application
        self.pairs[(application.profile_id, application.candidate_id)] = application


def _by_key(queryset, key: str) -> dict:
    return {getattr(row, key): row for row in queryset}


def _external_key(external: dict) -> tuple[str, str]:
    return (normalize_text(external["system"]).lower(), normalize_text(external["value"]))


def stage_changes_bulk(rows: list, *, validate: Callable, actor=None) -> tuple[list[RowResult], Counter]:
    """A bulk of stage changes with the same per-row results and writes as ``bulk_apply(rows, stage_change)``,
    set-based: the rows' lookups are read once (``StageLookups``), each row is decided in order against what
    the earlier rows left (in memory), and the decided rows are written together by
    ``services_bulk.applications_bulk_move`` (new applications, moves, StageEvents, interactions, webhooks in a
    fixed number of statements). Unchanged rows write nothing; invalid rows get their error and stop no other.

    Rows the set-based writer does not take — a move into or out of a hired stage (the hire follows), a
    merged candidate, a time ``application_move`` or the interactions would refuse — go one at a time through
    ``stage_change`` in their place in the order (what was decided before them is written first). When a
    batch's write fails at the database (another request wrote the same application meanwhile) it is rolled
    back and its rows are taken one at a time, so each row stays all-or-nothing. Returns the results (in
    order) and the counts by status."""
    results: dict[int, RowResult] = {}
    items = []
    for index, raw in enumerate(rows):
        data, error = validate(raw)
        if data is None:
            results[index] = RowResult(index, "error", error=error)
        else:
            items.append((index, data))
    start = 0
    while start < len(items):
        start += _StagePlanner(items[start:], actor=actor).run(results)
    ordered = [results[index] for index in range(len(rows))]
    return ordered, Counter(result.status for result in ordered)


class _StagePlanner:
    def __init__(self, items: list[tuple[int, dict]], *, actor):
        self.items, self.actor = items, actor
        self.lookups = StageLookups([data for _, data in items])
        self.steps: list = []
        self.segment: list[tuple[int, dict]] = []  # the rows decided since the last write

    def run(self, results: dict[int, RowResult]) -> int:
        """Decide and write the rows; returns how many were taken (fewer than all when a write failed and the
        rest must be looked up again)."""
        for position, (index, data) in enumerate(self.items):
            try:
                outcome = self.decide(data)
            except ServiceError as exc:
                results[index] = RowResult(index, "error", error=_error(exc.code, str(exc), exc.field))
                self.segment.append((index, data))
                continue
            if outcome is None:  # this row goes one at a time, after what was decided before it
                if not self.write(results):
                    return position
                results[index] = _one_at_a_time(index, data, actor=self.actor)
                if results[index].outcome is not None:
                    self.lookups.learn(results[index].outcome.obj)
                continue
            results[index] = RowResult(index, outcome.status, outcome=outcome)
            self.segment.append((index, data))
        self.write(results)
        return len(self.items)

    def decide(self, data: dict) -> Outcome | None:
        """The row's outcome with its step queued; None when it must go one at a time. Raises ProfileError."""
        from engagement.services.interactions import EARLIEST

        now = timezone.now()
        stage, when = data["stage"], data.get("occurred_at") or now
        if when < EARLIEST:
            return None
        external_id = data.get("application_external_id", "")
        application = self.lookups.application(external_id) if external_id else None
        if application is None:
            profile = _role(data, self.lookups, required=True)
            candidate = _candidate(data, self.lookups)
            if candidate is None:
                raise services.ProfileError(
                    _("Name the candidate: candidate, candidate_email or candidate_external_id."),
                    field="candidate",
                )
            if candidate.merged_into_id or candidate.status == CandidateStatus.MERGED:
                return None
            application = self.lookups.pairs.get((profile.pk, candidate.pk))
            if application is None:
                if stage in services.HIRED_STAGES:
                    return None
                application = ApplicationRow(
                    None,
                    profile.pk,
                    candidate.pk,
                    stage,
                    external_id,
                    source=HRIS,
                    created_at=when,
                    stage_changed_at=when,
                )
                self.lookups.learn(application)
                self.steps.append(PipelineStep(application, to_stage=stage, when=when, created=True))
                return Outcome("created", application, {"event": None})
        if application.stage == stage:
            return Outcome("unchanged", application, {"event": None})
        if when > now + FUTURE_TOLERANCE or {stage, application.stage} & services.HIRED_STAGES:
            return None
        self.steps.append(
            PipelineStep(
                application,
                to_stage=stage,
                when=when,
                from_stage=application.stage,
                note=data.get("note", ""),
            )
        )
        application.stage = stage
        return Outcome("updated", application, {"event": None})

    def write(self, results: dict[int, RowResult]) -> bool:
        """Write the steps decided since the last write in one savepoint. On a failure at the database, take the
        segment's rows one at a time instead and answer False (the lookups are stale now)."""
        from .services_bulk import StaleBatch, applications_bulk_move

        steps, segment = self.steps, self.segment
        self.steps, self.segment = [], []
        if not steps:
            return True
        try:
            with transaction.atomic():
                applications_bulk_move(steps=steps, actor=self.actor, source=HRIS)
        except (IntegrityError, StaleBatch):
            for index, data in segment:
                results[index] = _one_at_a_time(index, data, actor=self.actor)
            return False
        return True


FUTURE_TOLERANCE = timedelta(minutes=5)  # application_move's: a stage change may be stamped this far ahead


def _one_at_a_time(index: int, data: dict, *, actor) -> RowResult:
    """One row through ``stage_change`` in its own savepoint, its webhooks written when it stands."""
    try:
        with webhooks.collecting() as events, transaction.atomic():
            outcome = stage_change(data, actor=actor, lookups=Lookups())
    except ServiceError as exc:
        return RowResult(index, "error", error=_error(exc.code, str(exc), exc.field))
    except IntegrityError:
        return RowResult(
            index,
            "error",
            error=_error(
                "conflict", _("Another request wrote this row at the same time; send it again."), None
            ),
        )
    webhooks.emit_collected(events)
    return RowResult(index, outcome.status, outcome=outcome)
