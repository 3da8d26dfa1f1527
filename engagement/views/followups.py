"""Follow up today: the highly active candidates nobody has contacted yet, best first, with why and the open
roles that fit them; "Done" and "Dismiss" close the recruiter's task.

Admins and recruiters act, viewers read, hiring managers have no access (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from talentpool.tenancy.decorators import member_required
from talentpool.web import next_url, render_in_tenant_zone

from ..models import FollowUp, InteractionKind
from .campaigns import EDITORS, READERS

PAGE_LIMIT = 50


def follow_up_rows(*, user=None, limit: int = PAGE_LIMIT) -> list[dict]:
    """The follow-up list as the pages show it: one dict per open FollowUp with its candidate, why (the
    interactions that made them highly active, as kind labels) and the roles that fit, best first."""
    from ..selectors.activity import follow_up_today

    kinds = dict(InteractionKind.choices)
    rows = []
    for follow_up in follow_up_today(user=user, limit=limit):
        why = []
        for interaction in (follow_up.reason or {}).get("interactions") or []:
            kind = interaction.get("kind") if isinstance(interaction, dict) else str(interaction)
            if kind:
                at = interaction.get("occurred_at") if isinstance(interaction, dict) else None
                why.append({"kind": kind, "label": str(kinds.get(kind, kind)), "at": at})
        rows.append(
            {
                "candidate": follow_up.candidate,
                "follow_up": follow_up,
                "roles": follow_up.roles or [],
                "why": why,
            }
        )
    return rows


@member_required(READERS)
@require_GET
def follow_up_list(request):
    """Whom to call today: high-tier candidates not yet contacted, ranked by score and fit."""
    context = {
        "nav": "campaigns",
        "section": "follow_up",
        "rows": follow_up_rows(limit=PAGE_LIMIT),
        "can_edit": request.membership.role in EDITORS,
    }
    return render_in_tenant_zone(request, "engagement/followup_list.html", context)


@member_required(EDITORS)
@require_POST
def follow_up_close(request, pk: int):
    """Done (the candidate was contacted) or Dismiss: the task leaves the list. Another tenant's id is a 404."""
    from ..services.interactions import follow_ups_close

    follow_up = get_object_or_404(FollowUp.objects.select_related("candidate"), pk=pk)
    reason = "contacted" if request.POST.get("action") == "done" else "dismissed"
    if follow_ups_close(candidate=follow_up.candidate, reason=reason):
        messages.success(request, _("Marked as done.") if reason == "contacted" else _("Dismissed."))
    return redirect(next_url(request, reverse("engagement:follow_up")))
