"""The events other apps announce, with their payloads in one place (docs/webhooks.md documents each).

Payloads carry ids, kinds, stages and times: enough for a receiver to fetch what it needs through the API with
its own key, and no more personal data than that (no names, contacts or notes).
"""

from __future__ import annotations

from datetime import datetime

from .services import emit


def stage_changed(application, *, from_stage: str, to_stage: str, when: datetime, source: str) -> None:
    emit(
        "application.stage_changed",
        {
            "application": {
                "id": application.pk,
                "external_id": application.external_id,
                "profile": application.profile_id,
                "candidate": application.candidate_id,
            },
            "from": from_stage,
            "to": to_stage,
            "source": source,
            "occurred_at": when,
        },
        occurred_at=when,
    )


def hire_created(hire) -> None:
    emit(
        "hire.created",
        {
            "hire": {
                "id": hire.pk,
                "external_id": hire.external_id,
                "profile": hire.profile_id,
                "candidate": hire.candidate_id,
                "application": hire.application_id,
                "hired_at": hire.hired_at,
                "source": hire.source,
                "recorded_via": hire.recorded_via,
                "probation_outcome": hire.probation_outcome,
            }
        },
    )


def shortlist_decided(entry) -> None:
    emit(
        "shortlist.decided",
        {
            "shortlist": {"id": entry.shortlist_id, "profile": entry.shortlist.profile_id},
            "entry": {
                "id": entry.pk,
                "candidate": entry.candidate_id,
                "application": entry.application_id,
                "decision": entry.decision,
                "reason_tags": entry.reason_tags,
                "decided_at": entry.decided_at,
            },
        },
        occurred_at=entry.decided_at,
    )


def candidate_erased(candidate_id: int, *, erased_at: datetime | None = None) -> None:
    """For the privacy app's erasure: the id only (the person is gone; receivers erase their copy)."""
    emit("candidate.erased", {"candidate": {"id": candidate_id}}, occurred_at=erased_at)
