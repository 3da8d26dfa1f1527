"""Writes about personal data: settings, consent, candidates' requests (export, erasure), retention, audit purge.

Tenant first, actor keyword-only; every change that matters writes an audit entry in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.errors import ServiceError
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from webhooks import events as webhook_events

from . import audit, selectors
from .models import (
    SEPARATE_SCOPES,
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
    DataRequest,
    LegalBasis,
    RequestChannel,
    RequestKind,
    RequestStatus,
    RetentionRun,
)

logger = logging.getLogger(__name__)

# A retention policy shorter than this deletes people fast; an admin must confirm it explicitly.
SHORT_RETENTION_DAYS = 30
# The audit log's floor: the database refuses to delete younger rows (privacy/migrations/0001_initial.py).
AUDIT_RETENTION_FLOOR_DAYS = 365
RETENTION_BATCH = 500


class PrivacyError(ServiceError):
    """A privacy request that cannot be carried out; ``field`` names the input at fault."""


def _person(actor):
    """The user behind ``actor`` for "by whom" columns; None for an API key or the system."""
    return actor if getattr(actor, "pk", None) else None


# --- settings ------------------------------------------------------------------------------------------------------


def privacy_settings_update(
    tenant: Tenant,
    *,
    actor,
    request=None,
    retention_days: int | None,
    audit_retention_days: int,
    request_due_days: int,
    legitimate_interest_allowed: bool,
    confirm_short_retention: bool = False,
):
    """Change the tenant's privacy settings. A retention under SHORT_RETENTION_DAYS needs
    ``confirm_short_retention`` from an admin (recorded with who and when). Raises PrivacyError with a field.
    Safe to run twice (an unchanged value writes no audit entry)."""
    if retention_days is not None and retention_days < 1:
        raise PrivacyError(
            _("Keep candidates at least one day, or turn retention off."), field="retention_days"
        )
    if audit_retention_days < AUDIT_RETENTION_FLOOR_DAYS:
        raise PrivacyError(
            _("The audit log is kept at least %(days)d days.") % {"days": AUDIT_RETENTION_FLOOR_DAYS},
            field="audit_retention_days",
        )
    if not 1 <= request_due_days <= 90:
        raise PrivacyError(_("Answer requests within 1 to 90 days."), field="request_due_days")
    short = retention_days is not None and retention_days < SHORT_RETENTION_DAYS
    if short and not confirm_short_retention:
        raise PrivacyError(
            _("A retention shorter than %(days)d days anonymises candidates quickly: confirm it.")
            % {"days": SHORT_RETENTION_DAYS},
            field="confirm_short_retention",
            code="confirmation_required",
        )
    with tenant_context(tenant):
        row = selectors.privacy_settings()
        values = {
            "retention_days": retention_days,
            "audit_retention_days": audit_retention_days,
            "request_due_days": request_due_days,
            "legitimate_interest_allowed": legitimate_interest_allowed,
        }
        changed = {
            name: [getattr(row, name), value] for name, value in values.items() if getattr(row, name) != value
        }
        if not changed:
            return row
        for name, (_old, value) in changed.items():
            setattr(row, name, value)
        row.retention_confirmed_by = _person(actor) if short else None
        row.retention_confirmed_at = timezone.now() if short else None
        row.updated_at = timezone.now()
        row.save()
        audit.record(
            "settings.changed",
            actor=actor,
            target=row,
            request=request,
            details={"area": "privacy", "changed": changed, "short_retention_confirmed": short},
        )
    return row


# --- consent -------------------------------------------------------------------------------------------------------


def consent_record(
    tenant: Tenant,
    *,
    candidate,
    scope: str,
    given: bool,
    method: str,
    actor=None,
    request=None,
    legal_basis: str = LegalBasis.CONSENT,
    evidence: str = "",
    expires_at: datetime | None = None,
    captured_at: datetime | None = None,
) -> ConsentRecord:
    """Record one decision about one scope (PIPL's separate consents for sensitive data and transfer abroad are
    scopes of their own, never implied by another). Updates the candidate's consent summary when the scope is
    outreach. Not idempotent: each call is one more record in the history."""
    if scope not in ConsentScope.values:
        raise PrivacyError(_("Unknown scope."), field="scope")
    if method not in ConsentMethod.values:
        raise PrivacyError(_("Unknown method."), field="method")
    if legal_basis not in LegalBasis.values:
        raise PrivacyError(_("Unknown legal basis."), field="legal_basis")
    if scope in SEPARATE_SCOPES and legal_basis != LegalBasis.CONSENT:
        raise PrivacyError(
            _("Sensitive data and transfer abroad need the person's separate consent."), field="legal_basis"
        )
    now = timezone.now()
    captured_at = captured_at or now
    if captured_at > now + timedelta(minutes=5):
        raise PrivacyError(_("Consent cannot be captured in the future."), field="captured_at")
    if expires_at is not None and expires_at <= captured_at:
        raise PrivacyError(_("The expiry must be after the capture."), field="expires_at")
    with tenant_context(tenant):
        record = ConsentRecord.objects.create(
            candidate=candidate,
            scope=scope,
            given=given,
            method=method,
            legal_basis=legal_basis,
            evidence=(evidence or "")[:300],
            expires_at=expires_at,
            captured_at=captured_at,
            captured_by=_person(actor),
        )
        if scope == ConsentScope.OUTREACH:
            _consent_summary_update(candidate, given=given, at=captured_at, method=method, actor=actor)
        audit.record(
            "candidate.consent_recorded" if given else "candidate.consent_withdrawn",
            actor=actor,
            target=candidate,
            request=request,
            details={"scope": scope, "legal_basis": legal_basis},
        )
    return record


def _consent_summary_update(candidate, *, given: bool, at: datetime, method: str, actor) -> None:
    """Keep the candidate's consent columns (a summary the pool and older code read) in step with the records."""
    from candidates.models import ConsentStatus
    from candidates.services.profile import candidate_set_fields

    values = {
        "consent_status": ConsentStatus.GIVEN if given else ConsentStatus.WITHDRAWN,
        "consent_given_at": at if given else None,
        "consent_source": method,
    }
    candidate_set_fields(
        candidate,
        values,
        source="manual" if getattr(actor, "pk", None) else "api",
        actor=actor,
        activity=False,
    )


def reconsent_campaign_create(tenant: Tenant, *, name: str, candidate_ids: list[int], actor=None):
    """A campaign of the re-consent kind for these candidates (engagement's campaign service writes it; its
    message carries the consent link). Returns the draft campaign; launching is the recruiter's step."""
    from engagement.models import CampaignKind
    from engagement.services.campaigns import campaign_create
    from engagement.services.templates import default_template

    if not candidate_ids:
        raise PrivacyError(_("Choose at least one candidate."), field="candidate_ids")
    with tenant_context(tenant):
        template = default_template("reconsent", "email", tenant.default_language)
        return campaign_create(
            name=name,
            audience={"candidate_ids": candidate_ids},
            kind=CampaignKind.RECONSENT,
            steps=[{"channel": "email", "template": template.pk, "delay_days": 0}],
            actor=actor,
        )


# --- requests from candidates -------------------------------------------------------------------------------------


def data_request_create(
    tenant: Tenant, *, kind: str, candidate, channel: str, actor=None, request=None, note: str = ""
) -> DataRequest:
    """Receive an export or erasure request, due after the tenant's ``request_due_days``. An erasure request
    stops the candidate's running campaigns at once, before anything else. An open request of the same kind
    for the same candidate is returned instead of a second one (safe to run twice)."""
    from engagement.services.campaigns import enrollments_stop

    if kind not in RequestKind.values:
        raise PrivacyError(_("Unknown request kind."), field="kind")
    if channel not in RequestChannel.values:
        raise PrivacyError(_("Unknown channel."), field="channel")
    with tenant_context(tenant):
        existing = DataRequest.objects.filter(
            kind=kind, candidate=candidate, status=RequestStatus.RECEIVED
        ).first()
        if existing is not None:
            return existing
        if kind == RequestKind.ERASURE:
            enrollments_stop(candidate=candidate, reason="erasure_requested")
        now = timezone.now()
        data_request = DataRequest.objects.create(
            kind=kind,
            candidate=candidate,
            channel=channel,
            received_at=now,
            due_at=now + timedelta(days=selectors.privacy_settings().request_due_days),
            created_by=_person(actor),
            note=(note or "")[:500],
        )
        audit.record(
            "privacy.request_created",
            actor=actor,
            target=candidate,
            request=request,
            details={"request": data_request.pk, "kind": kind, "channel": channel},
        )
    return data_request


def data_request_reject(
    tenant: Tenant, *, data_request: DataRequest, actor, request=None, note: str
) -> DataRequest:
    if not (note or "").strip():
        raise PrivacyError(_("Say why the request is rejected."), field="note")
    with tenant_context(tenant):
        locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
        if locked.status != RequestStatus.RECEIVED:
            raise PrivacyError(_("This request is already closed."), field="status", code="closed")
        locked.status, locked.note = RequestStatus.REJECTED, note.strip()[:500]
        locked.completed_at, locked.handled_by = timezone.now(), _person(actor)
        locked.save(update_fields=["status", "note", "completed_at", "handled_by"])
        audit.record("privacy.request_rejected", actor=actor, target=locked, request=request)
    return locked


def data_request_complete(tenant: Tenant, *, data_request: DataRequest, actor, request=None) -> DataRequest:
    """Carry out an erasure request (``candidate_erase``) or close an export request once its archive was
    downloaded. Raises PrivacyError for a closed request. Safe to retry after a failure (one transaction)."""
    with tenant_context(tenant):
        locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
        if locked.status != RequestStatus.RECEIVED:
            raise PrivacyError(_("This request is already closed."), field="status", code="closed")
        if locked.kind == RequestKind.ERASURE and locked.candidate_id:
            locked.outcome = candidate_erase(
                tenant, candidate=locked.candidate, actor=actor, request=request, data_request=locked
            )
        locked.status, locked.completed_at, locked.handled_by = (
            RequestStatus.COMPLETED,
            timezone.now(),
            _person(actor),
        )
        locked.save(update_fields=["status", "completed_at", "handled_by", "outcome"])
        audit.record(
            "privacy.request_completed",
            actor=actor,
            target=locked,
            request=request,
            details={"kind": locked.kind},
        )
    return locked


def candidate_erase(tenant: Tenant, *, candidate, actor=None, request=None, data_request=None) -> dict:
    """Erase a person: their campaigns stop, every personal field, file and text goes
    (candidates.services.erasure), and a salted hash of each email and phone goes on the suppression list so
    they are never re-imported or contacted. Returns counts. Safe to run twice."""
    from candidates.services.erasure import candidate_anonymise
    from engagement.services.erasure import suppression_add_erased

    with tenant_context(tenant):
        result = candidate_anonymise(tenant, candidate=candidate, reason="erased")
        salt = selectors.privacy_settings().identifier_salt
        for channel, addresses in (("email", result.emails), ("sms", result.phones)):
            for address in addresses:
                suppression_add_erased(
                    channel=channel, identifier_hash=selectors.identifier_hash(channel, address, salt=salt)
                )
        counts = dict(result.counts)
        if not result.already:
            audit.record(
                "candidate.erased",
                actor=actor,
                target=candidate,
                request=request,
                details={"request": getattr(data_request, "pk", None), "removed": counts},
            )
            # In the erasure's own transaction (the webhooks outbox): an erasure that commits is announced.
            webhook_events.candidate_erased(candidate.pk)
    return counts


# --- retention -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionResult:
    anonymised: int
    files_removed: int
    cutoff: datetime | None
    run_id: int | None


def retention_apply(tenant: Tenant, *, now: datetime | None = None) -> RetentionResult:
    """Anonymise the tenant's candidates with no interaction for ``retention_days`` (their creation counts when
    they have none). Hired and merged candidates are left alone; anonymised rows stay in the funnels. Records a
    RetentionRun when it changed anything. Safe to run twice: the second run finds nobody and writes nothing."""
    from candidates.models import Candidate, CandidateStatus
    from candidates.services.erasure import candidate_anonymise

    now = now or timezone.now()
    with tenant_context(tenant):
        policy = selectors.privacy_settings()
        if policy.retention_days is None:
            return RetentionResult(0, 0, None, None)
        if policy.retention_days < SHORT_RETENTION_DAYS and policy.retention_confirmed_at is None:
            logger.warning(
                "retention of tenant %s is shorter than %s days and unconfirmed: skipped",
                tenant.pk,
                SHORT_RETENTION_DAYS,
            )
            return RetentionResult(0, 0, None, None)
        cutoff = now - timedelta(days=policy.retention_days)
        lapsed = (
            Candidate.objects.exclude(
                status__in=[CandidateStatus.ANONYMISED, CandidateStatus.MERGED, CandidateStatus.HIRED]
            )
            .annotate(last_touch=Coalesce(F("last_interaction_at"), F("created_at")))
            .filter(last_touch__lt=cutoff)
            .order_by("id")
            .values_list("id", flat=True)
        )
        ids: list[int] = []
        files = 0
        while True:
            batch = list(lapsed[:RETENTION_BATCH])
            if not batch:
                break
            for candidate in Candidate.objects.filter(pk__in=batch):
                result = candidate_anonymise(tenant, candidate=candidate, reason="retention")
                files += result.counts.get("documents", 0)
                ids.append(candidate.pk)
        if not ids:
            return RetentionResult(0, 0, cutoff, None)
        run = RetentionRun.objects.create(
            started_at=now,
            finished_at=timezone.now(),
            cutoff=cutoff,
            anonymised=len(ids),
            files_removed=files,
            candidate_ids=ids[:10_000],
        )
        audit.record(
            "privacy.retention_run",
            target=run,
            details={"anonymised": len(ids), "files_removed": files, "cutoff": cutoff.isoformat()},
        )
    return RetentionResult(len(ids), files, cutoff, run.pk)


# --- the audit log's own retention ----------------------------------------------------------------------------------


def audit_purge(tenant: Tenant, *, older_than_days: int | None = None, now: datetime | None = None) -> int:
    """Delete the tenant's audit entries older than ``older_than_days`` (default: the tenant's
    ``audit_retention_days``). The database lets the application delete only rows older than the floor
    (AUDIT_RETENTION_FLOOR_DAYS); a shorter period raises PrivacyError. Returns how many went; safe to run twice."""
    with tenant_context(tenant):
        days = (
            older_than_days
            if older_than_days is not None
            else selectors.privacy_settings().audit_retention_days
        )
        if days < AUDIT_RETENTION_FLOOR_DAYS:
            raise PrivacyError(
                _("The audit log is kept at least %(days)d days.") % {"days": AUDIT_RETENTION_FLOOR_DAYS},
                field="older_than_days",
            )
        cutoff = (now or timezone.now()) - timedelta(days=days)
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM privacy_auditentry WHERE tenant_id = %s AND created_at < %s", [tenant.pk, cutoff]
            )
            deleted = cursor.rowcount
        if deleted:
            audit.record("privacy.audit_purged", details={"deleted": deleted, "cutoff": cutoff.isoformat()})
    return deleted


# --- export ----------------------------------------------------------------------------------------------------------


def candidate_export(tenant: Tenant, *, candidate, actor=None, request=None, data_request=None):
    """What to put in a candidate's export (candidates.services.export), with consents, interactions and
    messages added, and an audit entry. Returns the manifest; stream it with ``export_zip_stream``, which needs
    no database (so it can run after the request's transaction). Not idempotent: each call is audited."""
    from candidates.services.export import candidate_export_manifest
    from engagement.models import Interaction, OutboundMessage

    with tenant_context(tenant):
        extra = {
            "consents": [
                {
                    "scope": record.scope,
                    "given": record.given,
                    "legal_basis": record.legal_basis,
                    "method": record.method,
                    "captured_at": record.captured_at.isoformat(),
                    "expires_at": record.expires_at.isoformat() if record.expires_at else None,
                }
                for record in selectors.candidate_consents(candidate)
            ],
            "interactions": [
                {
                    "kind": row["kind"],
                    "channel": row["channel"],
                    "occurred_at": row["occurred_at"].isoformat(),
                    "body": row["body"],
                }
                for row in Interaction.objects.filter(candidate=candidate)
                .order_by("occurred_at", "id")
                .values("kind", "channel", "occurred_at", "body")
            ],
            "messages": [
                {
                    "channel": row["channel"],
                    "to": row["to_address"],
                    "subject": row["subject"],
                    "text": row["body_text"],
                    "status": row["status"],
                    "sent_at": row["sent_at"].isoformat() if row["sent_at"] else None,
                }
                for row in OutboundMessage.objects.filter(candidate=candidate)
                .order_by("id")
                .values("channel", "to_address", "subject", "body_text", "status", "sent_at")
            ],
        }
        manifest = candidate_export_manifest(candidate, extra=extra)
        audit.record(
            "candidate.exported",
            actor=actor,
            target=candidate,
            request=request,
            details={"files": len(manifest.files), "request": getattr(data_request, "pk", None)},
        )
    return manifest
