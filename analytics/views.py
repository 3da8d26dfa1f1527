from django.shortcuts import render

from candidates import selectors as candidate_selectors
from talentpool.tenancy import selectors as tenancy_selectors
from talentpool.tenancy.decorators import member_required


@member_required()
def home(request):
    """The tenant's overview: pool size and tiers, newest candidates, team."""
    context = {
        "nav": "home",
        "summary": candidate_selectors.pool_summary(),
        "recent_candidates": candidate_selectors.candidate_list()[:8],
        "member_count": tenancy_selectors.members().count(),
    }
    return render(request, "analytics/home.html", context)


@member_required()
def section(request, name: str):
    """Sections whose features are not built yet say so plainly instead of pretending."""
    return render(request, "analytics/section_pending.html", {"nav": name})
