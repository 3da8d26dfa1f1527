"""Read queries about engagement that other apps need."""

from __future__ import annotations


def candidates_in_running_sequences(candidate_ids) -> set[int]:
    """Ids among ``candidate_ids`` that are in a live campaign sequence (merging them is blocked): an active
    enrollment of a running, scheduled or paused campaign of the current tenant. One query."""
    from ..models import CampaignStatus, Enrollment, EnrollmentStatus

    ids = [int(candidate_id) for candidate_id in candidate_ids]
    if not ids:
        return set()
    return set(
        Enrollment.objects.filter(
            candidate_id__in=ids,
            status=EnrollmentStatus.ACTIVE,
            campaign__status__in=[CampaignStatus.RUNNING, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED],
        ).values_list("candidate_id", flat=True)
    )
