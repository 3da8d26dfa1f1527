from django.shortcuts import redirect, render

from candidates import selectors as candidate_selectors
from candidates.models import ActivityTier
from talentpool.tenancy import selectors as tenancy_selectors
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import Role


@member_required()
def home(request):
    """The tenant's overview: pool size and tiers, the activity rate, whom to follow up today, newest candidates,
    team. Hiring managers go to their reviews."""
    if request.membership.role == Role.HIRING_MANAGER:
        return redirect("profiles:review")
    from engagement.selectors.activity import activity_rate
    from engagement.views.followups import follow_up_rows

    # Tiers are ranges on each candidate's stored activity anchor at this moment (candidates.selectors).
    summary = candidate_selectors.pool_summary()
    rate = activity_rate()
    context = {
        "nav": "home",
        "summary": summary,
        # One row per tier in display order, for the KPI cards, the legend and the chart's json_script.
        "tiers": [
            {"value": tier.value, "label": str(tier.label), "count": summary["by_tier"].get(tier.value, 0)}
            for tier in ActivityTier
        ],
        "recent_candidates": candidate_selectors.candidate_list()[:8],
        "member_count": tenancy_selectors.members().count(),
        # Share of the active pool with a human interaction in the last 6 months.
        "activity_rate": {**rate, "percent": round(100 * rate["rate"])},
        "follow_ups": follow_up_rows(limit=5),
    }
    return render(request, "analytics/home.html", context)


@member_required()
def section(request, name: str):
    """Sections whose features are not built yet (analytics, sources) say so plainly instead of
    pretending."""
    return render(request, "analytics/section_pending.html", {"nav": name})
