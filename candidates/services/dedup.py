"""Finding people who are in the pool twice: exact (email, phone, external id) and fuzzy (name + company or
school). Duplicates are flagged for a recruiter to review, never merged silently."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from rapidfuzz import fuzz

from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant

from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateStatus,
    DuplicateFlag,
    DuplicateStatus,
    Education,
)
from .profile import normalize_text

NAME_SIMILARITY = 88  # rapidfuzz ratio (0-100) above which two names on the same company/school are flagged


def _name_key(name: str) -> str:
    return normalize_text(name).lower().replace(" ", "").replace("-", "").replace(".", "")


def _flag(tenant_id: int, first: int, second: int, reason: str, score: float) -> bool:
    low, high = sorted((first, second))
    try:
        with transaction.atomic():
            _flag_row, created = DuplicateFlag.objects.get_or_create(
                candidate_low_id=low, candidate_high_id=high, defaults={"reason": reason, "score": score})
    except IntegrityError:
        return False
    return created


def duplicates_flag_for(tenant: Tenant, *, candidate_id: int) -> int:
    """Flag candidates that may be the same person as ``candidate_id``. Returns how many new flags were made.
    Safe to run twice (a pair is flagged once, and a dismissed pair stays dismissed)."""
    with tenant_context(tenant):
        candidate = Candidate.objects.get(pk=candidate_id)
        live = Candidate.objects.exclude(pk=candidate.pk).exclude(status=CandidateStatus.MERGED)
        created = 0
        emails = list(candidate.emails.values_list("email", flat=True))
        phones = list(candidate.phones.values_list("phone", flat=True))
        exact = {}
        for other in CandidateEmail.objects.filter(email__in=emails, candidate__in=live).values_list("candidate_id", flat=True):
            exact.setdefault(other, "email")
        for other in CandidatePhone.objects.filter(phone__in=phones, candidate__in=live).values_list("candidate_id", flat=True):
            exact.setdefault(other, "phone")
        for other, reason in exact.items():
            created += _flag(tenant.pk, candidate.pk, other, reason, 1.0)
        created += _flag_fuzzy(tenant, candidate, live, skip=set(exact))
    return created


def _flag_fuzzy(tenant: Tenant, candidate: Candidate, live, skip: set) -> int:
    name = _name_key(candidate.full_name)
    if not name:
        return 0
    created = 0
    company = normalize_text(candidate.current_company)
    schools = [s for s in candidate.educations.values_list("school", flat=True) if s]
    companies = [c for c in {company, *candidate.experiences.values_list("company", flat=True)} if c]
    pools = []
    if companies:
        pools.append(("name_company", live.filter(Q(current_company__in=companies) | Q(experiences__company__in=companies))))
    if schools:
        school_ids = Education.objects.filter(school__in=schools).values("candidate_id")
        pools.append(("name_school", live.filter(pk__in=school_ids)))
    for reason, others in pools:
        for other_id, other_name in others.distinct().values_list("id", "full_name")[:500]:
            if other_id in skip:
                continue
            score = fuzz.ratio(name, _name_key(other_name))
            if score >= NAME_SIMILARITY:
                created += _flag(tenant.pk, candidate.pk, other_id, reason, round(score / 100, 3))
                skip.add(other_id)
    return created


def duplicate_dismiss(tenant: Tenant, *, flag: DuplicateFlag, actor=None) -> DuplicateFlag:
    """Mark a flagged pair as two different people; it is not flagged again. Safe to run twice."""
    from django.utils import timezone

    with tenant_context(tenant):
        DuplicateFlag.objects.filter(pk=flag.pk, status=DuplicateStatus.OPEN).update(
            status=DuplicateStatus.DISMISSED, resolved_at=timezone.now())
        return DuplicateFlag.objects.get(pk=flag.pk)


def duplicates_flag_among(tenant: Tenant, *, candidate_ids: list[int]) -> int:
    """Flag pairs, one of them among ``candidate_ids``, with the same name (spaces and case aside) at the same
    current company. One set-based statement, for bulk imports where a per-candidate check would be too slow.
    Returns how many new flags were made. Safe to run twice."""
    if not candidate_ids:
        return 0
    with tenant_context(tenant), connection.cursor() as cursor:
        cursor.execute(
            """
            WITH people AS (
                SELECT id, lower(regexp_replace(full_name, '\\s', '', 'g')) AS name, lower(current_company) AS company
                FROM candidates_candidate WHERE status <> 'merged' AND current_company <> ''
            )
            INSERT INTO candidates_duplicateflag
                (tenant_id, candidate_low_id, candidate_high_id, reason, score, status, created_at)
            SELECT %s, a.id, b.id, 'name_company', 1.0, 'open', now()
            FROM people a JOIN people b ON a.name = b.name AND a.company = b.company AND a.id < b.id
            WHERE a.id = ANY(%s) OR b.id = ANY(%s)
            ON CONFLICT DO NOTHING
            """,
            [tenant.pk, candidate_ids, candidate_ids],
        )
        return cursor.rowcount
