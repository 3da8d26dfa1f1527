from django.shortcuts import redirect, render

from candidates import selectors as candidate_selectors
from candidates.models import ActivityTier
from talentpool.tenancy import selectors as tenancy_selectors
from talentpool.tenancy.decorators import member_required
from talentpool.tenancy.models import Role


@member_required()
def home(request):
    """The tenant's overview: pool size and tiers, newest candidates, team. Hiring managers go to their reviews."""
    if request.membership.role == Role.HIRING_MANAGER:
        return redirect("profiles:review")
    summary = candidate_selectors.pool_summary()
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
    }
    return render(request, "analytics/home.html", context)


@member_required()
def section(request, name: str):
    """Sections whose features are not built yet (campaigns, analytics, sources) say so plainly instead of
    pretending."""
    return render(request, "analytics/section_pending.html", {"nav": name})
