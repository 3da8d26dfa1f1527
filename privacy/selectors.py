"""Reads: the tenant's privacy settings, consent states, erased identifiers, requests and the audit log."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from talentpool.tenancy.context import require_tenant_id

from .models import (
    AuditEntry,
    ConsentRecord,
    DataRequest,
    LegalBasis,
    PrivacySettings,
    RequestStatus,
    RetentionRun,
)

ERASED_PREFIX = "erased:"
# GDPR article 14(3)(a): people whose data was not collected from them are told within a month.
NOTICE_DAYS = 30
SOURCED_PREFIXES = ("sourcing:", "linkedin", "maimai", "job_board")


def privacy_settings() -> PrivacySettings:
    """The current tenant's settings, created with the defaults the first time. Safe to run twice."""
    row = PrivacySettings.objects.filter().first()
    if row is None:
        PrivacySettings.objects.bulk_create(
            [PrivacySettings(tenant_id=require_tenant_id())], ignore_conflicts=True
        )
        row = PrivacySettings.objects.get()
    return row


# --- erased identifiers ------------------------------------------------------------------------------------------


def identifier_hash(channel: str, address: str, *, salt: str | None = None) -> str:
    """The salted hash that stands for an erased person's ``address`` (normalised) on ``channel``: what the
    suppression list keeps instead of the address itself."""
    salt = salt if salt is not None else privacy_settings().identifier_salt
    digest = hmac.new(salt.encode(), f"{channel}:{address}".encode(), hashlib.sha256).hexdigest()
    return ERASED_PREFIX + digest


def erased_addresses(channel: str, addresses: Iterable[str]) -> set[str]:
    """Which of ``addresses`` (normalised) belong to a person who asked to be erased, on ``channel``."""
    from engagement.models import Suppression

    wanted = {address for address in addresses if address}
    if not wanted:
        return set()
    salt = privacy_settings().identifier_salt
    by_hash = {identifier_hash(channel, address, salt=salt): address for address in wanted}
    found = Suppression.objects.filter(channel=channel, address__in=list(by_hash)).values_list(
        "address", flat=True
    )
    return {by_hash[value] for value in found}


def is_erased_person(*, emails: Iterable[str] = (), phones: Iterable[str] = ()) -> bool:
    """Whether any of these normalised identifiers was erased at its owner's request (never re-import them)."""
    return bool(erased_addresses("email", emails) or erased_addresses("sms", phones))


# --- consent -----------------------------------------------------------------------------------------------------

GIVEN, WITHDRAWN, LAPSED, MISSING = "given", "withdrawn", "lapsed", "missing"


def consent_states(
    candidate_ids: Iterable[int], scope: str, *, now: datetime | None = None
) -> dict[int, str]:
    """{candidate id: given | withdrawn | lapsed} from the newest record of ``scope`` per candidate; candidates
    without a record are absent (``missing``). A basis other than consent counts as given only where the
    tenant's law allows it (``PrivacySettings.legitimate_interest_allowed`` for legitimate interest)."""
    ids = list(candidate_ids)
    if not ids:
        return {}
    now = now or timezone.now()
    allow_interest = privacy_settings().legitimate_interest_allowed
    latest = (
        ConsentRecord.objects.filter(candidate_id__in=ids, scope=scope)
        .order_by("candidate_id", "-captured_at", "-id")
        .distinct("candidate_id")
        .values_list("candidate_id", "given", "expires_at", "legal_basis")
    )
    states = {}
    for candidate_id, given, expires_at, basis in latest:
        if not given:
            states[candidate_id] = WITHDRAWN
        elif basis == LegalBasis.LEGITIMATE_INTEREST and not allow_interest:
            states[candidate_id] = MISSING
        elif expires_at is not None and expires_at <= now:
            states[candidate_id] = LAPSED
        else:
            states[candidate_id] = GIVEN
    return states


def contact_blocked_reason(candidate, states: dict[int, str], *, require_consent: bool) -> str | None:
    """Why outreach to ``candidate`` must not happen ("consent_withdrawn", "no_consent"), or None.

    The consent records are the truth; a candidate with none falls back to the summary columns on the
    candidate (rows from before the records existed). The outbox calls this for every outreach message."""
    state = states.get(candidate.pk)
    if state is None:
        from candidates.models import ConsentStatus

        state = {ConsentStatus.GIVEN: GIVEN, ConsentStatus.WITHDRAWN: WITHDRAWN}.get(
            candidate.consent_status, MISSING
        )
    if state == WITHDRAWN:
        return "consent_withdrawn"
    if require_consent and state != GIVEN:
        return "no_consent"
    return None


def candidate_consents(candidate) -> list[ConsentRecord]:
    """Every consent record of ``candidate``, newest first (the current one per scope and its history)."""
    return list(ConsentRecord.objects.filter(candidate=candidate).select_related("captured_by"))


def sourced_not_told(*, now: datetime | None = None, limit: int = 200) -> QuerySet:
    """Sourced candidates (not from the person themselves) added over NOTICE_DAYS ago who were never sent a
    message and have no consent record: they had to be told within a month."""
    from candidates.models import Candidate, CandidateStatus
    from engagement.models import MessageStatus, OutboundMessage

    now = now or timezone.now()
    sourced = Q()
    for prefix in SOURCED_PREFIXES:
        sourced |= Q(source__startswith=prefix)
    told = OutboundMessage.objects.filter(candidate_id=OuterRef("pk"), status=MessageStatus.SENT)
    recorded = ConsentRecord.objects.filter(candidate_id=OuterRef("pk"))
    return (
        Candidate.objects.filter(sourced, created_at__lt=now - timedelta(days=NOTICE_DAYS))
        .exclude(status__in=[CandidateStatus.ANONYMISED, CandidateStatus.MERGED])
        .filter(~Exists(told), ~Exists(recorded))
        .order_by("created_at", "id")[:limit]
    )


# --- requests and reports -----------------------------------------------------------------------------------------


def open_requests() -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(status=RequestStatus.RECEIVED).order_by("due_at", "id")


def request_list(*, status: str = "", kind: str = "") -> QuerySet[DataRequest]:
    requests = DataRequest.objects.select_related("candidate", "handled_by").order_by("-received_at", "-id")
    if status:
        requests = requests.filter(status=status)
    if kind:
        requests = requests.filter(kind=kind)
    return requests


def retention_runs(limit: int = 20) -> list[RetentionRun]:
    return list(RetentionRun.objects.order_by("-started_at", "-id")[:limit])


def audit_list(
    *,
    action: str = "",
    actor_id: int | None = None,
    target_type: str = "",
    target_id: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """The current tenant's audit entries, newest first, filtered."""
    entries = AuditEntry.objects.order_by("-created_at", "-id")
    if action:
        entries = (
            entries.filter(action__startswith=action)
            if action.endswith(".")
            else entries.filter(action=action)
        )
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if until is not None:
        entries = entries.filter(created_at__lt=until)
    return entries


def sharing_blocked_ids(candidate_ids: Iterable[int], *, now: datetime | None = None) -> list[int]:
    """The candidates among ``candidate_ids`` whose profile may not be shared with hiring managers: where the
    tenant requires consent (``EngagementSettings.require_consent``), those without a current ``sharing``
    consent (a candidate without any record falls back to the consent summary on the candidate); anywhere,
    those who withdrew it. Ascending ids."""
    from candidates.models import Candidate
    from engagement.services.settings import engagement_settings

    from .models import ConsentScope

    ids = list(candidate_ids)
    if not ids:
        return []
    states = consent_states(ids, ConsentScope.SHARING, now=now)
    require = bool(engagement_settings().require_consent)
    blocked = [
        candidate
        for candidate in Candidate.objects.filter(pk__in=ids).only("id", "consent_status")
        if contact_blocked_reason(candidate, states, require_consent=require)
    ]
    return sorted(candidate.pk for candidate in blocked)


def consent_lapsed_ids(*, now: datetime | None = None, limit: int = 5000) -> list[int]:
    """Candidates whose newest outreach consent was given and has expired: the audience of a re-consent campaign."""
    now = now or timezone.now()
    latest = (
        ConsentRecord.objects.filter(scope="outreach")
        .order_by("candidate_id", "-captured_at", "-id")
        .distinct("candidate_id")
        .values("candidate_id", "given", "expires_at")
    )
    return [
        row["candidate_id"]
        for row in latest
        if row["given"] and row["expires_at"] is not None and row["expires_at"] <= now
    ][:limit]
