"""Engagement's part of erasing a candidate (called by candidates.services.erasure): stop their sequences
first, then empty the personal fields of their messages, interactions, enrollments and follow-ups. Rows stay,
so campaign statistics and activity counts are unchanged."""

from __future__ import annotations

from ..models import Enrollment, FollowUp, Interaction, OutboundMessage
from .campaigns import enrollments_stop


def candidate_engagement_erase(*, candidate_id: int, reason: str) -> dict[str, int]:
    """Returns counts of rows changed. Safe to run twice: the second run changes nothing and returns zeros."""
    stopped = enrollments_stop(candidate=candidate_id, reason=reason)
    messages = (
        OutboundMessage.objects.filter(candidate_id=candidate_id)
        .exclude(to_address="", subject="", body_text="", body_html="", links=[])
        .update(to_address="", subject="", body_text="", body_html="", links=[])
    )
    interactions = (
        Interaction.objects.filter(candidate_id=candidate_id)
        .exclude(body="", metadata={})
        .update(body="", metadata={})
    )
    contexts = Enrollment.objects.filter(candidate_id=candidate_id).exclude(context={}).update(context={})
    follow_ups = (
        FollowUp.objects.filter(candidate_id=candidate_id)
        .exclude(reason={}, roles=[])
        .update(reason={}, roles=[])
    )
    return {
        "enrollments_stopped": stopped,
        "messages": messages,
        "interactions": interactions,
        "enrollment_contexts": contexts,
        "follow_ups": follow_ups,
    }


def suppression_add_erased(*, channel: str, identifier_hash: str) -> None:
    """Keep an erased person's address off every send: the suppression row holds ``identifier_hash``
    (privacy.selectors.identifier_hash), never the address. Safe to run twice."""
    from talentpool.tenancy.context import require_tenant_id

    from ..models import Suppression, SuppressionReason

    Suppression.objects.bulk_create(
        [
            Suppression(
                tenant_id=require_tenant_id(),
                channel=channel,
                address=identifier_hash,
                reason=SuppressionReason.ERASED,
            )
        ],
        ignore_conflicts=True,
    )
