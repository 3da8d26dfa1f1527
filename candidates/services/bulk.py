"""Candidates upserted by an external id in bulk (an HRIS's nightly export of people), set-based.

``candidates_bulk_upsert`` gives N rows the per-row results and writes of the one-at-a-time upsert (found by the
external id, else by an email, else created with ``candidate_create``), in a fixed number of statements for the
usual rows: the lookups (external ids, emails, the candidates they name, their contacts, the fields a person
set last, the suppression list) are read once, the new candidates are written together (candidates, profile
changes, emails, phones, external ids, one INSERT each), the updated ones too (one UPDATE … FROM VALUES, their
changes and new contacts in the same INSERTs), and their ``candidate.created`` / ``candidate.updated`` webhooks
in one statement. A row the pool already has that would change nothing is answered without a write.

Rows whose effects are not the usual — a candidate to link by an email, a merged candidate, a person an earlier
row of the batch wrote, fields other than the plain profile ones, an ``api`` or a person's source — go through
the caller's one-at-a-time path in their place in the order (what was decided before them is written first),
each in its own savepoint. When the database refuses a batch (another request wrote the same external id
meanwhile), the batch is rolled back and its rows are taken one at a time, so each row stays all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from engagement.scoring import anchor_for_score, current_params
from talentpool.db_bulk import insert_many
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from webhooks import services as webhooks

from ..models import Candidate, CandidateEmail, CandidatePhone, ExternalId, ProfileChange
from .profile import (
    PERSON_SOURCES,
    CandidateError,
    _check_source,
    _coerce,
    _jsonable,
    normalize_email,
    normalize_phone,
    normalize_text,
)

# Profile fields a row may carry on the set-based path (their defaults on a new candidate: "" or None).
PLAIN_FIELDS = ("location", "current_title", "current_company", "years_experience", "highest_education")
_SYSTEM_LENGTH = ExternalId._meta.get_field("system").max_length
_VALUE_LENGTH = ExternalId._meta.get_field("value").max_length


@dataclass(frozen=True)
class UpsertRow:
    """One person as an external system says it: the key ``external_id`` (system, value), a name, contacts and
    profile fields (``PLAIN_FIELDS``; any other field sends the row one at a time)."""

    external_id: tuple[str, str]
    full_name: str = ""
    emails: tuple = ()
    phones: tuple = ()
    fields: dict = field(default_factory=dict)


@dataclass
class UpsertResult:
    """What a row did: ``status`` created, updated, unchanged or error; ``candidate`` (with its ``pk``) unless an
    error; ``changed`` the fields that changed; ``error`` the ServiceError for an error row (a conflict with
    another request is a ServiceError with code ``conflict``)."""

    status: str
    candidate: Candidate | None = None
    changed: list[str] = field(default_factory=list)
    error: ServiceError | None = None


# The caller's one-at-a-time upsert of a row, given the live candidate holding its external id when the bulk
# read it (else None: the caller looks it up): (status, candidate, changed). Raises ServiceError for a refusal.
OneAtATime = Callable[[UpsertRow, Candidate | None], tuple[str, Candidate, list[str]]]


def candidates_bulk_upsert(
    *, tenant: Tenant, rows: list[UpsertRow], one_at_a_time: OneAtATime, source: str, origin: str
) -> list[UpsertResult]:
    """Upsert ``rows`` in order with the results and writes of ``one_at_a_time`` run on each row in its own
    savepoint (webhooks written when the row stands): new candidates as ``candidate_create`` writes them with
    provenance ``source`` and ``origin`` as their source (the vocabulary), people found by the external id
    updated as ``candidate_set_fields(respect_people=True)`` and the contact adds update them, rows that would
    change nothing answered ``unchanged``, the others through ``one_at_a_time``. Returns one result per row, in
    order.

    Keeps every effect of the one-at-a-time path: normalised emails and phones, the suppression list (a person
    who asked to be erased is not added again: an ``erased`` error), the lookup by external id then by email
    (within the tenant and within the batch: a second row with the same email links to the first row's
    candidate), the profile change log, ``candidate.created`` and ``candidate.updated``. Safe to run twice: the
    second run answers ``unchanged`` and writes nothing."""
    _check_source(origin)
    with tenant_context(tenant):
        results: list[UpsertResult | None] = [None] * len(rows)
        announced: list = []
        _Planner(tenant.pk, rows, one_at_a_time, source=source, origin=origin).run(results, announced)
        webhooks.emit_collected(announced)
    return results  # type: ignore[return-value]


def _external_key(external_id: tuple[str, str]) -> tuple[str, str]:
    system, value = external_id
    return normalize_text(system).lower(), normalize_text(value)


def _emails(row: UpsertRow) -> list[str]:
    return [e for e in (normalize_email(v) for v in row.emails) if e]


def _phones(row: UpsertRow) -> list[str]:
    return [p for p in (normalize_phone(v) for v in row.phones) if p]


@dataclass
class _New:
    index: int
    row: UpsertRow
    key: tuple[str, str]
    name: str
    emails: list[str]
    phones: list[str]
    fields: list[tuple[str, object, object]]  # (field, old, new) as candidate_set_fields logs them
    candidate: Candidate | None = None  # built when written


@dataclass
class _Update:
    index: int
    candidate: Candidate
    fields: list[tuple[str, object, object]]  # (field, old, new) as candidate_set_fields logs them
    emails: list[str]  # the addresses to add, in order
    phones: list[str]
    primary_email: bool  # whether the first added is primary (the candidate had none)
    primary_phone: bool

    @property
    def changed(self) -> list[str]:
        return (
            [name for name, _old, _new in self.fields]
            + ["emails"] * bool(self.emails)
            + ["phones"] * bool(self.phones)
        )


class _Planner:
    """Decides each row against what was read once and what the earlier rows left, queues the new candidates and
    writes them before any row that goes one at a time (and at the end)."""

    def __init__(self, tenant_id: int, rows: list[UpsertRow], one_at_a_time: OneAtATime, *, source, origin):
        self.tenant_id, self.rows, self.one = tenant_id, rows, one_at_a_time
        self.source, self.origin = source, origin
        self.keys = [_external_key(row.external_id) for row in rows]
        self.emails = [_emails(row) for row in rows]
        self.phones = [_phones(row) for row in rows]
        # Read through the key tables' (tenant, system, value) and (tenant, email) indexes; the lowest candidate
        # id holding a key wins, as in candidate_find_exact.
        wanted_keys = {key for key in self.keys if key[0] and key[1]}
        self.by_external: dict[tuple[str, str], int] = {}
        if wanted_keys:
            for pk, system, value in (
                ExternalId.objects.filter(
                    system__in={system for system, _ in wanted_keys},
                    value__in={value for _, value in wanted_keys},
                )
                .order_by("candidate_id")
                .values_list("candidate_id", "system", "value")
            ):
                if (system, value) in wanted_keys:
                    self.by_external.setdefault((system, value), pk)
        all_emails = {email for emails in self.emails for email in emails}
        self.by_email: dict[str, int] = {}
        if all_emails:
            for pk, email in (
                CandidateEmail.objects.filter(email__in=all_emails)
                .order_by("candidate_id")
                .values_list("candidate_id", "email")
            ):
                self.by_email.setdefault(email, pk)
        found = set(self.by_external.values())
        self.candidates = {c.pk: c for c in Candidate.objects.filter(pk__in=found)} if found else {}
        self.held_emails: dict[int, set[str]] = {pk: set() for pk in found}
        self.held_phones: dict[int, set[str]] = {pk: set() for pk in found}
        if found:
            for pk, email in CandidateEmail.objects.filter(candidate_id__in=found).values_list(
                "candidate_id", "email"
            ):
                self.held_emails[pk].add(email)
            for pk, phone in CandidatePhone.objects.filter(candidate_id__in=found).values_list(
                "candidate_id", "phone"
            ):
                self.held_phones[pk].add(phone)
        from privacy.selectors import erased_addresses

        self.erased = erased_addresses("email", all_emails) | erased_addresses(
            "sms", {phone for phones in self.phones for phone in phones}
        )
        self.anchor = anchor_for_score(0.0, current_params())
        # Fields whose latest change came from a person (candidate_set_fields' respect_people), for the updates.
        self.protected: dict[int, set[str]] = {pk: set() for pk in found}
        if found:
            for pk, name, change_source in (
                ProfileChange.objects.filter(candidate_id__in=found, field__in=(*PLAIN_FIELDS, "full_name"))
                .order_by("candidate_id", "field", "-created_at", "-id")
                .distinct("candidate_id", "field")
                .values_list("candidate_id", "field", "source")
            ):
                if change_source in PERSON_SOURCES:
                    self.protected[pk].add(name)
        # Candidates written in this run: later rows about them go one at a time.
        self.touched: set[int] = set()
        self.pending_keys: set[tuple[str, str]] = set()
        self.pending_emails: set[str] = set()
        self.queue: list[_New | _Update] = []

    # --- deciding ---------------------------------------------------------------------------------------------

    def run(self, results: list, announced: list) -> None:
        for index, row in enumerate(self.rows):
            try:
                decided = self.decide(index, row)
            except ServiceError as exc:
                results[index] = UpsertResult("error", error=exc)
                continue
            if decided is None:  # one at a time, after what was decided before it
                self.write(results, announced)
                self.one_row(index, results, announced, found=self.holder(index))
            elif isinstance(decided, UpsertResult):
                results[index] = decided
            else:
                self.queue.append(decided)
        self.write(results, announced)

    def decide(self, index: int, row: UpsertRow) -> _New | UpsertResult | None:
        """The row's result (unchanged), its new candidate queued, or None when it goes one at a time. Raises
        CandidateError as candidate_create does."""
        key, emails, phones = self.keys[index], self.emails[index], self.phones[index]
        if not key[0] or not key[1] or len(key[0]) > _SYSTEM_LENGTH or len(key[1]) > _VALUE_LENGTH:
            return None
        if set(row.fields) - set(PLAIN_FIELDS) or key in self.pending_keys:
            return None
        pk = self.by_external.get(key)
        if pk is not None:
            return self.unchanged(pk, row, emails, phones) or self.update(index, pk, row, emails, phones)
        if any(email in self.by_email or email in self.pending_emails for email in emails):
            return None  # linked to the person holding the email: one at a time
        name = normalize_text(row.full_name)
        if not name and not emails and not phones:
            raise CandidateError("A candidate needs a name, an email or a phone.", field="full_name")
        if any(address in self.erased for address in (*emails, *phones)):
            raise CandidateError(
                gettext("This person asked for their data to be erased and cannot be added again."),
                field="emails",
                code="erased",
            )
        changes = []
        for name_of_field, new in row.fields.items():
            old = Candidate._meta.get_field(name_of_field).get_default()
            if new in (None, ""):
                continue  # machines never blank a field
            new = _coerce(name_of_field, new)
            if old == new or (old in (None, "") and new in (None, "")):
                continue
            changes.append((name_of_field, old, new))
        self.pending_keys.add(key)
        self.pending_emails.update(emails)
        return _New(index, row, key, name, emails, phones, changes)

    def unchanged(self, pk: int, row: UpsertRow, emails: list[str], phones: list[str]) -> UpsertResult | None:
        """``unchanged`` when the candidate holding the key already has every value and contact of the row (so
        candidate_set_fields and the contact adds would write nothing); else None (one at a time)."""
        candidate = self.candidates.get(pk)
        if candidate is None or pk in self.touched or candidate.merged_into_id:
            return None
        values = {**row.fields, "full_name": row.full_name} if row.full_name else row.fields
        for name_of_field, new in values.items():
            if new in (None, ""):
                if self.source in PERSON_SOURCES and getattr(candidate, name_of_field) not in (None, ""):
                    return None  # a person's blank clears the field
                continue
            old = getattr(candidate, name_of_field)
            if old != _coerce(name_of_field, new):
                return None
        if not set(emails) <= self.held_emails[pk] or not set(phones) <= self.held_phones[pk]:
            return None
        return UpsertResult("unchanged", candidate, [])

    def update(
        self, index: int, pk: int, row: UpsertRow, emails: list[str], phones: list[str]
    ) -> _Update | UpsertResult | None:
        """The update ``candidate_upsert`` makes to the candidate holding the key (respecting fields a person set
        last), queued; ``unchanged`` when it writes nothing; None when it goes one at a time."""
        candidate = self.candidates.get(pk)
        if candidate is None or pk in self.touched or candidate.merged_into_id:
            return None
        if self.source in PERSON_SOURCES or self.source == "api":  # blanks clear; an interaction is recorded
            return None
        values = {**row.fields, "full_name": row.full_name} if row.full_name else row.fields
        changes = []
        for name_of_field, new in values.items():
            if name_of_field in self.protected[pk] or new in (None, ""):
                continue
            old = getattr(candidate, name_of_field)
            new = _coerce(name_of_field, new)
            if old == new or (old in (None, "") and new in (None, "")):
                continue
            changes.append((name_of_field, old, new))
        added = {}
        for kind, held, values_of_kind in (
            ("emails", self.held_emails[pk], emails),
            ("phones", self.held_phones[pk], phones),
        ):
            added[kind] = list(dict.fromkeys(value for value in values_of_kind if value not in held))
        if not changes and not added["emails"] and not added["phones"]:
            return UpsertResult("unchanged", candidate, [])
        self.touched.add(pk)
        for name_of_field, _old, new in changes:
            setattr(candidate, name_of_field, new)
        return _Update(
            index,
            candidate,
            changes,
            added["emails"],
            added["phones"],
            primary_email=not self.held_emails[pk],
            primary_phone=not self.held_phones[pk],
        )

    # --- writing ----------------------------------------------------------------------------------------------

    def holder(self, index: int) -> Candidate | None:
        """The live candidate holding the row's external id as read at the start, when nothing in this run has
        written it since (else None: the one-at-a-time path looks it up)."""
        pk = self.by_external.get(self.keys[index])
        candidate = self.candidates.get(pk) if pk is not None else None
        if candidate is None or pk in self.touched or candidate.merged_into_id:
            return None
        return candidate

    def one_row(self, index: int, results: list, announced: list, *, found: Candidate | None = None) -> None:
        """The row through the caller's one-at-a-time path in its own savepoint; what it wrote is learnt."""
        row = self.rows[index]
        try:
            with webhooks.collecting() as events, transaction.atomic():
                status, candidate, changed = self.one(row, found)
        except (ServiceError, IntegrityError) as exc:
            if (
                found is not None
            ):  # rolled back, but the object may hold what the row set: read it again later
                self.touched.add(found.pk)
            # IntegrityError: another request wrote the same external id meanwhile
            results[index] = UpsertResult(
                "error", error=exc if isinstance(exc, ServiceError) else _conflict()
            )
            return
        announced.extend(events)
        results[index] = UpsertResult(status, candidate, changed)
        self.learn(index, candidate.pk)

    def learn(self, index: int, pk: int) -> None:
        self.touched.add(pk)
        self.by_external[self.keys[index]] = pk
        for email in self.emails[index]:
            self.by_email[email] = min(self.by_email.get(email, pk), pk)

    def write(self, results: list, announced: list) -> None:
        """Write the queued rows (new candidates, updates) in one savepoint; when the database refuses them, take
        their rows one at a time instead."""
        queue, self.queue = self.queue, []
        self.pending_keys.clear()
        self.pending_emails.clear()
        if not queue:
            return
        try:
            with webhooks.collecting() as events, transaction.atomic():
                self.insert(queue)
        except (IntegrityError, DataError):
            for item in queue:
                self.one_row(item.index, results, announced)
            return
        announced.extend(events)
        for item in queue:
            if isinstance(item, _New):
                results[item.index] = UpsertResult("created", item.candidate, [])
            else:
                results[item.index] = UpsertResult("updated", item.candidate, item.changed)
            self.learn(item.index, item.candidate.pk)

    def insert(self, queue: list[_New | _Update]) -> None:
        """What candidate_create and the upsert's update write for each queued row, one statement per table, and
        ``candidate.created`` / ``candidate.updated`` in the rows' order."""
        tenant_id, source, now = self.tenant_id, self.source, timezone.now()
        fresh = [item for item in queue if isinstance(item, _New)]
        for new in fresh:
            new.candidate = Candidate(
                tenant_id=tenant_id,
                full_name=new.name or (new.emails[0].split("@")[0] if new.emails else new.phones[0]),
                source=self.origin,
                activity_anchor=self.anchor,
                created_at=now,
                updated_at=now,
                **{name: value for name, _old, value in new.fields},
            )
        columns = ("full_name", "source", "activity_anchor", "created_at", "updated_at", *PLAIN_FIELDS)
        ids = insert_many(
            Candidate,
            [{"tenant_id": tenant_id, **{c: getattr(new.candidate, c) for c in columns}} for new in fresh],
        )
        for new, pk in zip(fresh, ids, strict=True):
            new.candidate.pk = pk
            new.candidate._state.adding = False
        changes, emails, phones, externals, updates, announce = [], [], [], [], [], []

        def change(pk, what, old, value):
            changes.append(
                {
                    "tenant_id": tenant_id,
                    "candidate_id": pk,
                    "field": what,
                    "old_value": _jsonable(old),
                    "new_value": _jsonable(value),
                    "source": source,
                    "actor_id": None,
                    "document_id": None,
                }
            )

        def contacts(pk, added: list[str], column: str, rows: list, primary: bool):
            for position, value in enumerate(added):
                rows.append(
                    {
                        "tenant_id": tenant_id,
                        "candidate_id": pk,
                        column: value,
                        "is_primary": primary and position == 0,
                    }
                )
                change(pk, column + "s", None, value)

        for item in queue:
            candidate = item.candidate
            pk = candidate.pk
            if isinstance(item, _New):
                change(pk, "created", None, candidate.full_name)
                for name, old, value in item.fields:
                    change(pk, name, old, value)
                contacts(pk, list(dict.fromkeys(item.emails)), "email", emails, True)
                contacts(pk, list(dict.fromkeys(item.phones)), "phone", phones, True)
                system, value = item.key
                externals.append(
                    {"tenant_id": tenant_id, "candidate_id": pk, "system": system, "value": value}
                )
                change(pk, "external_ids", None, f"{system}:{value}")
                announce.append(("candidate.created", {"candidate": {"id": pk, "source": candidate.source}}))
                continue
            for name, old, value in item.fields:
                change(pk, name, old, value)
            contacts(pk, item.emails, "email", emails, item.primary_email)
            contacts(pk, item.phones, "phone", phones, item.primary_phone)
            written = {name for name, _old, _new in item.fields}
            if written:
                candidate.updated_at = now
            clear_contact = bool(item.emails or item.phones) and candidate.needs_contact
            if clear_contact:
                candidate.needs_contact = False
            updates.append(
                (
                    pk,
                    *[(name in written, getattr(candidate, name)) for name in _UPDATED],
                    bool(written),
                    now,
                    clear_contact,
                )
            )
            if written:
                # All that changed, contacts included: what the one-at-a-time bulk announces (the upsert extends
                # the list candidate_set_fields announced before the held event is written).
                announce.append(
                    ("candidate.updated", {"candidate": {"id": pk}, "fields": item.changed, "source": source})
                )
        _candidates_update(tenant_id, updates)
        insert_many(ProfileChange, changes, returning=None)
        insert_many(CandidateEmail, emails, returning=None)
        insert_many(CandidatePhone, phones, returning=None)
        insert_many(ExternalId, externals, returning=None)
        for event_type, data in announce:
            webhooks.emit(event_type, data)


_UPDATED = ("full_name", *PLAIN_FIELDS)
_CASTS = {"years_experience": "numeric"}


def _candidates_update(tenant_id: int, updates: list[tuple]) -> None:
    """The updated candidates' changed columns (each only where the row changed it), ``updated_at`` where a field
    changed and ``needs_contact`` cleared where a contact arrived, in one UPDATE … FROM VALUES."""
    if not updates:
        return
    from psycopg2.extras import execute_values

    values = []
    for pk, *columns, touched, now, clear_contact in updates:
        line = [pk]
        for flag, value in columns:
            line.extend((flag, value))
        line.extend((touched, now, clear_contact))
        values.append(line)
    sets = ", ".join(f"{name} = CASE WHEN v.set_{name} THEN v.{name} ELSE c.{name} END" for name in _UPDATED)
    names = ", ".join(f"set_{name}, {name}" for name in _UPDATED)
    template = (
        "(%s::bigint, "
        + ", ".join(f"%s::boolean, %s::{_CASTS.get(name, 'text')}" for name in _UPDATED)
        + ", %s::boolean, %s::timestamptz, %s::boolean)"
    )
    with connection.cursor() as cursor, connection.wrap_database_errors:
        execute_values(
            cursor.cursor,
            f"UPDATE {Candidate._meta.db_table} c SET {sets}, "
            "updated_at = CASE WHEN v.touched THEN v.now ELSE c.updated_at END, "
            "needs_contact = CASE WHEN v.clear_contact THEN false ELSE c.needs_contact END "
            f"FROM (VALUES %s) AS v(id, {names}, touched, now, clear_contact) "
            f"WHERE c.id = v.id AND c.tenant_id = {int(tenant_id)}",
            values,
            template=template,
            page_size=len(values),
        )


def _conflict() -> ServiceError:
    return ServiceError(
        gettext("Another request wrote this row at the same time; send it again."), code="conflict"
    )
