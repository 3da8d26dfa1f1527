"""Syncing a source: fetch page by page, match each external profile to a candidate, apply what changed with
its provenance, and keep the run's counts and per-record errors.

- **Matching**: the external id (ExternalId of the connector's system), then e-mail, then phone
  (candidates.services.candidate_find_exact); a profile that matches nobody becomes a new candidate, and the
  pool's fuzzy duplicate rules flag it for review when it may be someone already there (never merged silently).
- **Changes**: only the parts of a profile that differ from the last applied version are applied, each field
  logged as a ProfileChange with source ``sync:<source id>``; a field a person set after the profile's own
  update time is left alone (an older external value never overwrites a recruiter's edit); only changed text is
  re-tagged; a new company or title is a ``job_change`` the Sources page highlights; the change is a
  ``profile_updated`` interaction (engagement), which moves the activity score.
- **Unchanged**: a profile whose hash equals the last applied one costs one comparison and writes nothing.
- **Resuming**: each page commits with the cursor of the next page, so a run that fails on page 7 leaves the
  cursor at page 7 and the next run starts there.
- **Failing**: a record that cannot be read is skipped with its error; refused credentials stop the run, mark the
  source and tell its admins once (no retries); any other failure marks the run and the source and leaves the
  cursor. One source's failure never reaches another source's run (each runs in its own task).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from candidates.models import Candidate, CandidateStatus, TagSource
from candidates.services import (
    CandidateError,
    CandidateInput,
    candidate_add_emails,
    candidate_add_external_id,
    candidate_add_phones,
    candidate_create,
    candidate_find_exact,
    candidate_set_fields,
    duplicates_flag_for,
    tenant_matcher,
)
from candidates.services.json_resume import history_replace, json_resume_keep, tags_for_words
from candidates.services.profile import (
    candidate_change_log,
    candidate_sync_tag_ids,
    candidate_tag_add,
    normalize_phone_for,
    phone_region,
)
from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..kinds.base import Person, RecordError
from ..models import ExternalProfile, RunKind, RunStatus, Source, SourceKind, SourceStatus, SyncRun
from ..transport import ConnectorError, CredentialsRefused
from .sources import connector_for, next_run_after

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
MAX_RECORD_ERRORS = 200
FIELD_OF = {"location": "location", "title": "current_title", "company": "current_company"}


class SourceBusy(ConnectorError):
    """Another run of the source holds it."""


@dataclass
class Outcome:
    """What applying one profile did."""

    kind: str  # created, updated, unchanged
    candidate_id: int | None = None
    matched: bool = False
    job_change: bool = False
    flagged: int = 0
    fields: list = field(default_factory=list)


class Applier:
    """Applies external profiles of one source inside its tenant (one per run)."""

    def __init__(self, tenant: Tenant, source: Source, connector, *, origin: str, actor=None):
        self.tenant, self.source, self.connector, self.actor = tenant, source, connector, actor
        self.provenance = f"sync:{source.pk}"
        self.origin = origin  # Candidate.source of new people
        self._matcher = None
        self._tag_lookup = None

    @property
    def matcher(self):
        if self._matcher is None:
            self._matcher = tenant_matcher()
        return self._matcher

    # -- helpers -----------------------------------------------------------------------------------------------

    def _phones(self, person: Person) -> list[str]:
        region = phone_region(country=person.country, location=person.location)
        return [p for p in (normalize_phone_for(text, region=region) for text in person.phones) if p]

    def _tag(self, candidate: Candidate, *, words: list[str], texts: list[str]) -> int:
        """Put the tags the words name and the taxonomy finds in the texts on the candidate (synced tags; a tag
        a person removed stays removed). Returns how many were new."""
        if self._tag_lookup is None:
            from candidates.services.imports import _tag_lookup

            self._tag_lookup = _tag_lookup()  # once per run: a taxonomy has thousands of names
        tags = {tag.pk: tag for tag in tags_for_words(words, lookup=self._tag_lookup)}
        keys = {hit.tag_key for text in texts if text for hit in self.matcher.find(text) if hit.tag_key}
        if keys:
            from candidates.models import Tag

            tags.update({tag.pk: tag for tag in Tag.objects.filter(key__in=keys, is_retired=False)})
        before = set(candidate.tag_ids or [])
        for tag in tags.values():
            if tag.pk not in before:
                candidate_tag_add(
                    candidate, tag=tag, source=TagSource.SYNCED, sync=False, provenance=self.provenance
                )
        candidate_sync_tag_ids(candidate)
        return len(set(candidate.tag_ids or []) - before)

    def _history(self, candidate: Candidate, person: Person, kept, previous: Person | None = None) -> None:
        """Replace the history this source gave; a section that did not change is left alone."""
        whole = previous is None or kept is not None
        history_replace(
            candidate,
            document=kept,
            experiences=person.positions if whole or previous.positions != person.positions else None,
            educations=person.educations if whole or previous.educations != person.educations else None,
        )

    # -- one profile -----------------------------------------------------------------------------------------

    def apply(self, person: Person, row: ExternalProfile | None, *, content_hash: str) -> Outcome:
        """Apply one profile (inside a savepoint the caller opened). Raises RecordError / CandidateError for a
        profile that cannot be applied; nothing of it is then kept."""
        system, phones = self.connector.system, self._phones(person)
        candidate = None
        if row is not None and row.candidate_id:  # the candidate it was applied to (unless merged since)
            candidate = (
                Candidate.objects.filter(pk=row.candidate_id).exclude(status=CandidateStatus.MERGED).first()
            )
        if candidate is None:
            candidate = candidate_find_exact(external_ids=[(system, person.external_id)])
        if candidate is None:
            candidate = candidate_find_exact(emails=person.emails, phones=phones)
        if candidate is None:
            outcome = self._create(person, phones)
        else:
            outcome = self._update(candidate, person, phones, row)
        now = timezone.now()
        values = {
            "candidate_id": outcome.candidate_id,
            "content_hash": content_hash,
            "data": person.data(),
            "external_updated_at": person.updated_at,
            "applied_at": now,
        }
        if outcome.job_change:
            values["job_changed_at"] = now
        if row is None:
            ExternalProfile.objects.create(source=self.source, external_id=person.external_id, **values)
        else:
            ExternalProfile.objects.filter(pk=row.pk).update(**values)
        return outcome

    def _create(self, person: Person, phones: list[str]) -> Outcome:
        fields = {
            "location": person.location,
            "current_title": person.title,
            "current_company": person.company,
            "source": self.origin,
        }
        candidate = candidate_create(
            self.tenant,
            data=CandidateInput(
                full_name=person.full_name,
                emails=tuple(person.emails),
                phones=tuple(phones),
                external_ids=((self.connector.system, person.external_id),),
                fields=fields,
            ),
            source=self.provenance,
            actor=self.actor,
        )
        kept = json_resume_keep(candidate, person.document) if person.document else None
        self._history(candidate, person, kept)
        self._tag(
            candidate,
            words=[*person.skills, *person.languages],
            texts=[person.headline, person.summary, *(p.get("description", "") for p in person.positions)],
        )
        flagged = duplicates_flag_for(self.tenant, candidate_id=candidate.pk)
        return Outcome("created", candidate.pk, flagged=flagged)

    def _update(
        self, candidate: Candidate, person: Person, phones: list[str], row: ExternalProfile | None
    ) -> Outcome:
        previous = Person(**{**row.data, "updated_at": None}) if row is not None and row.data else None
        changed: list[str] = []
        if row is None or row.candidate_id != candidate.pk:  # linked when it was first applied
            try:
                if candidate_add_external_id(
                    candidate, system=self.connector.system, value=person.external_id, source=self.provenance
                ):
                    changed.append("external_ids")
            except CandidateError as exc:
                raise RecordError(str(exc)) from None
        values = {
            FIELD_OF[name]: getattr(person, name)
            for name in FIELD_OF
            if previous is None or getattr(previous, name) != getattr(person, name)
        }
        if previous is None and not candidate.full_name:
            values["full_name"] = person.full_name
        # A person's edit made after the profile's own update time wins; with no update time, every one does.
        changed += candidate_set_fields(
            candidate,
            values,
            source=self.provenance,
            respect_people=True,
            people_edits_after=person.updated_at,
            activity=False,
        )
        if previous is None or previous.emails != person.emails:
            changed += ["emails"] * bool(
                candidate_add_emails(candidate, person.emails, source=self.provenance)
            )
        if phones and (previous is None or previous.phones != person.phones):
            changed += ["phones"] * bool(candidate_add_phones(candidate, phones, source=self.provenance))
        kept = None
        if person.document and (previous is None or previous.document != person.document):
            kept = json_resume_keep(candidate, person.document)
        if (
            previous is None
            or previous.positions != person.positions
            or previous.educations != person.educations
            or kept is not None
        ):
            self._history(candidate, person, kept, previous)
            candidate_change_log(
                candidate,
                field="experience",
                old=len(previous.positions) if previous else None,
                new=len(person.positions),
                source=self.provenance,
            )
            changed.append("experience")
        # Re-tag only what changed: new skills and languages, and text that is new or different.
        old_words = set((previous.skills + previous.languages) if previous else [])
        old_texts = set(
            [previous.headline, previous.summary, *(p.get("description", "") for p in previous.positions)]
            if previous
            else []
        )
        texts = [
            text
            for text in [
                person.headline,
                person.summary,
                *(p.get("description", "") for p in person.positions),
            ]
            if text and text not in old_texts
        ]
        words = [word for word in person.skills + person.languages if word not in old_words]
        if (words or texts) and self._tag(candidate, words=words, texts=texts):
            changed.append("tags")
        job_change = bool(
            previous is not None
            and (person.company or person.title)
            and (previous.company, previous.title) != (person.company, person.title)
        )
        if job_change:
            candidate_change_log(
                candidate,
                field="job_change",
                old={"company": previous.company, "title": previous.title},
                new={"company": person.company, "title": person.title},
                source=self.provenance,
            )
            changed.append("job_change")
        if not changed:
            return Outcome("unchanged", candidate.pk, matched=True)
        from engagement.services.interactions import interaction_record

        now = timezone.now()
        moment = min(person.updated_at, now) if person.updated_at and person.updated_at.year >= 2000 else now
        key = hashlib.sha256(f"{person.external_id}:{person.content_hash()}".encode()).hexdigest()[:32]
        interaction_record(
            candidate=candidate,
            kind="profile_updated",
            channel="web",
            occurred_at=moment,
            external_id=f"sync:{self.source.pk}:{key}",
            metadata={"source": self.source.pk, "fields": sorted(set(changed))},
        )
        return Outcome("updated", candidate.pk, matched=True, job_change=job_change, fields=changed)


# --------------------------------------------------------------------------------------------------- the run


def _claim(source: Source) -> bool:
    now = timezone.now()
    from django.db.models import Q

    return bool(
        Source.objects.filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now), pk=source.pk).update(
            locked_until=now + LEASE
        )
    )


def _record_error(run: SyncRun, label: str, message: str) -> None:
    run.failed += 1
    if len(run.record_errors) < MAX_RECORD_ERRORS:
        run.record_errors.append({"record": label[:200], "error": message[:500]})


def _save_run(run: SyncRun) -> None:
    SyncRun.objects.filter(pk=run.pk).update(
        fetched=run.fetched,
        matched=run.matched,
        created=run.created,
        updated=run.updated,
        unchanged=run.unchanged,
        failed=run.failed,
        job_changes=run.job_changes,
        flagged=run.flagged,
        pages=run.pages,
        record_errors=run.record_errors,
        details=run.details,
    )


def _count(run: SyncRun, outcome: Outcome) -> None:
    setattr(run, outcome.kind, getattr(run, outcome.kind) + 1)
    run.matched += int(outcome.matched)
    run.job_changes += int(outcome.job_change)
    run.flagged += outcome.flagged


def _apply_page(applier: Applier, run: SyncRun, records: list) -> None:
    """Apply one page's records; each profile in its own savepoint so one bad record never spoils the page."""
    connector = applier.connector
    people: list[tuple[Person, str]] = []
    for position, record in enumerate(records, start=run.fetched - len(records) + 1):
        try:
            person = connector.person(record)
        except (RecordError, ServiceError) as exc:
            _record_error(run, connector.record_label(record, position), str(exc))
            continue
        people.append((person, person.content_hash()))
    ids = [person.external_id for person, _hash in people]
    hashes = dict(
        ExternalProfile.objects.filter(source=applier.source, external_id__in=ids).values_list(
            "external_id", "content_hash"
        )
    )
    changed = [(person, digest) for person, digest in people if hashes.get(person.external_id) != digest]
    run.unchanged += len(people) - len(changed)
    run.matched += len(people) - len(changed)
    rows = {
        row.external_id: row
        for row in ExternalProfile.objects.filter(
            source=applier.source, external_id__in=[person.external_id for person, _ in changed]
        )
    }
    pending: dict[str, tuple[Person, str]] = {}
    for person, digest in changed:
        if person.external_id in pending:
            _record_error(
                run, person.external_id, _("The same profile twice on one page; the first was applied.")
            )
            continue
        pending[person.external_id] = (person, digest)
    # Optimistic: the page's changed profiles in one savepoint; only when one of them is refused are they
    # applied again one savepoint each, so that the refused one is skipped and the others kept.
    try:
        with transaction.atomic():
            outcomes = [
                applier.apply(person, rows.get(person.external_id), content_hash=digest)
                for person, digest in pending.values()
            ]
    except (RecordError, ServiceError):
        outcomes = None
    if outcomes is not None:
        for outcome in outcomes:
            _count(run, outcome)
        return
    for person, digest in pending.values():
        try:
            with transaction.atomic():
                outcome = applier.apply(person, rows.get(person.external_id), content_hash=digest)
        except (RecordError, ServiceError) as exc:
            _record_error(run, person.external_id, str(exc))
            continue
        _count(run, outcome)


def _apply_files(tenant: Tenant, connector, run: SyncRun, records: list, actor) -> None:
    """A watched folder's page: each new file through the pool's import paths."""
    for position, record in enumerate(records, start=run.fetched - len(records) + 1):
        label = connector.record_label(record, position)
        try:
            data, digest = connector.read(record)
            if ExternalProfile.objects.filter(source=connector.source, external_id=f"file:{digest}").exists():
                run.unchanged += 1
                continue
            with transaction.atomic():
                result = connector.import_file(tenant, name=record["name"], data=data, actor=actor)
                ExternalProfile.objects.create(
                    source=connector.source,
                    external_id=f"file:{digest}",
                    content_hash=digest,
                    data={"name": record["name"], **{k: v for k, v in result.items() if k != "errors"}},
                )
        except (RecordError, ServiceError) as exc:
            _record_error(run, label, str(exc))
            continue
        for name in ("created", "updated", "unchanged", "failed"):
            setattr(run, name, getattr(run, name) + int(result.get(name, 0)))
        for error in result.get("errors", []):
            if len(run.record_errors) < MAX_RECORD_ERRORS:
                run.record_errors.append({"record": label, "error": error})


def _tell_admins(source: Source, error: str) -> None:
    """Tell the tenant's admins once that a source's credentials were refused (in each one's language)."""
    from talentpool.tenancy.models import Membership, Role
    from talentpool.tenancy.notifications import language_of, notify

    for membership in Membership.objects.filter(role=Role.ADMIN).select_related("user"):
        with override(language_of(membership.user)):
            notify(
                membership.user,
                kind="source_failed",
                params={"source": source.name, "error": error, "id": source.pk},
                title=_("The source %(name)s needs attention") % {"name": source.name},
                body=error,
                url=reverse("connectors:source", args=[source.pk]),
            )


def run_language(tenant: Tenant) -> str:
    """The language a run writes its errors in: the tenant's, so its people read them in their language."""
    from django.conf import settings

    return tenant.default_language or settings.LANGUAGE_CODE


def source_sync(tenant: Tenant, *, source_id: int, actor=None) -> SyncRun:
    """Run one sync of the source now and return its SyncRun (finished). Raises SourceBusy when another run
    holds the source. Safe to run twice: a second run over the same data changes nothing."""
    with override(run_language(tenant)):
        return _source_sync(tenant, source_id=source_id, actor=actor)


def _source_sync(tenant: Tenant, *, source_id: int, actor=None) -> SyncRun:
    with tenant_context(tenant):
        source = Source.objects.get(pk=source_id)
        if not _claim(source):
            raise SourceBusy(_("A sync of this source is running."), field="source", code="busy")
        run = SyncRun.objects.create(
            source=source,
            kind=RunKind.SYNC,
            resumed_from=dict(source.cursor or {}),
            triggered_by=actor if getattr(actor, "pk", None) else None,
        )
    status, error, refused = RunStatus.SUCCEEDED, "", False
    try:
        with tenant_context(tenant):
            connector = connector_for(source)
        applier = Applier(tenant, source, connector, origin=connector.candidate_source, actor=actor)
        for page in connector.pages(dict(source.cursor or {})):
            with tenant_context(tenant):
                run.fetched += len(page.records)
                run.pages += 1
                if source.kind == SourceKind.FOLDER:
                    _apply_files(tenant, connector, run, page.records, actor)
                else:
                    _apply_page(applier, run, page.records)
                _save_run(run)
                # The page and the cursor of the next one commit together: a failure later resumes after it.
                Source.objects.filter(pk=source.pk).update(
                    cursor=page.next_cursor or {}, locked_until=timezone.now() + LEASE
                )
    except CredentialsRefused as exc:
        status, error, refused = RunStatus.FAILED, str(exc), True
    except ServiceError as exc:  # FetchError, ConnectorError, undecryptable credentials
        status, error = RunStatus.FAILED, str(exc)
    except Exception as exc:  # a bug must not leave the run "running" or the source locked
        logger.exception("sync of source %s failed", source_id)
        status, error = (
            RunStatus.FAILED,
            _("Unexpected error (%(kind)s); the next run resumes here.") % {"kind": type(exc).__name__},
        )
    return _finish(tenant, source, run, status, error, credentials=refused)


def _finish(
    tenant: Tenant, source: Source, run: SyncRun, status: str, error: str, *, credentials: bool = False
) -> SyncRun:
    now = timezone.now()
    if status == RunStatus.SUCCEEDED and run.failed:
        status = RunStatus.PARTIAL
    with tenant_context(tenant):
        current = Source.objects.get(pk=source.pk)
        fields = {"locked_until": None, "last_run_at": now}
        if status == RunStatus.FAILED:
            new_status = SourceStatus.CREDENTIALS if credentials else SourceStatus.FAILING
            fields.update(
                status=new_status if current.status != SourceStatus.PAUSED else current.status,
                last_error=error,
            )
            if credentials and current.status != SourceStatus.CREDENTIALS:
                _tell_admins(current, error)
        else:
            fields.update(last_error="", last_success_at=now)
            if run.kind == RunKind.SYNC:  # a sourcing run leaves a failed sync's resume point alone
                fields["cursor"] = {}
            if current.status in (SourceStatus.FAILING, SourceStatus.CREDENTIALS):
                fields["status"] = SourceStatus.ACTIVE
        if run.kind == RunKind.SYNC:
            fields["next_run_at"] = next_run_after(current.schedule, now)
        Source.objects.filter(pk=source.pk).update(**fields)
        _save_run(run)
        SyncRun.objects.filter(pk=run.pk).update(status=status, error=error, finished_at=now)
        return SyncRun.objects.get(pk=run.pk)


def sources_due(*, now=None) -> list[int]:
    """Ids of the current tenant's active sources whose next run is due."""
    now = now or timezone.now()
    return list(
        Source.objects.filter(
            status__in=[SourceStatus.ACTIVE, SourceStatus.FAILING], next_run_at__lte=now
        ).values_list("pk", flat=True)
    )
