"""A candidate's interactions on their page: the timeline, and a small form to log a call, a meeting or a note
(htmx swaps the timeline). Admins and recruiters log; every member who reads the pool reads the timeline."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candidates.models import Candidate
from talentpool.errors import ServiceError
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import EDITORS, POOL_READERS
from talentpool.web import is_htmx, render_in_tenant_zone

from ..models import InteractionKind
from ..selectors.activity import timeline
from ..services.interactions import LOGGABLE_KINDS, interaction_log

LOGGERS = EDITORS
TIMELINE_LIMIT = 100


def timeline_context(request, candidate: Candidate, *, error: str = "", values: dict | None = None) -> dict:
    """What ``engagement/_timeline.html`` needs: the interactions, whether this member may log, the form."""
    membership = getattr(request, "membership", None)
    return {
        "candidate": candidate,
        "interactions": timeline(candidate, limit=TIMELINE_LIMIT),
        "can_log": membership is not None and membership.role in LOGGERS,
        "log_kinds": [(str(kind), InteractionKind(kind).label) for kind in LOGGABLE_KINDS],
        "log_error": error,
        "log_values": values or {},
    }


@member_required(POOL_READERS)
@require_GET
def candidate_timeline(request, pk: int):
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    return render_in_tenant_zone(request, "engagement/_timeline.html", timeline_context(request, candidate))


@member_required(LOGGERS)
@require_POST
def candidate_interaction_log(request, pk: int):
    """Log a call, a meeting or a note; answers with the timeline (htmx) or goes back to the candidate."""
    candidate = get_object_or_404(Candidate.objects, pk=pk)
    kind, body = request.POST.get("kind", ""), request.POST.get("body", "")
    occurred_at = None
    error = ""
    raw_time = (request.POST.get("occurred_at") or "").strip()
    if raw_time:
        # A datetime-local input carries no zone: it is the tenant's local time.
        from zoneinfo import ZoneInfo

        from django.utils import timezone

        parsed = parse_datetime(raw_time)
        if parsed is None:
            error = _("Enter a valid date and time.")
        else:
            occurred_at = (
                timezone.make_aware(parsed, ZoneInfo(request.tenant.time_zone or "UTC"))
                if timezone.is_naive(parsed)
                else parsed
            )
    if not error:
        try:
            interaction_log(
                candidate=candidate, kind=kind, actor=request.user, body=body, occurred_at=occurred_at
            )
        except ServiceError as failure:
            error = _field_message(failure)
    if not is_htmx(request):
        if error:
            from django.contrib import messages

            messages.error(request, error)
        return redirect("candidates:candidate", pk=candidate.pk)
    values = {"kind": kind, "body": body, "occurred_at": raw_time} if error else {}
    context = timeline_context(request, candidate, error=error, values=values)
    # 200 even with an error: htmx swaps only successful answers, and the form shows the error in place.
    return render_in_tenant_zone(request, "engagement/_timeline.html", context)


def _field_message(failure: ServiceError) -> str:
    """The refusal in the member's language (the service's messages are for integrations)."""
    messages = {
        "kind": _("Choose a call, a meeting or a note."),
        "occurred_at": _("The time must be after 2000 and not in the future."),
        "body": _("A note needs some text, at most 20,000 characters."),
    }
    return messages.get(failure.field or "", str(failure))
