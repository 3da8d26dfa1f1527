from django.core.paginator import Paginator
from django.shortcuts import render

from talentpool.tenancy.decorators import member_required

from . import selectors
from .models import ActivityTier


@member_required()
def pool(request):
    query = request.GET.get("q", "")
    tier = request.GET.get("tier", "")
    if tier not in ActivityTier.values:
        tier = ""
    page = Paginator(selectors.candidate_list(query=query, tier=tier), 25).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "tier": tier, "tiers": ActivityTier.choices, "nav": "pool"}
    template = "candidates/_pool_rows.html" if request.headers.get("HX-Request") else "candidates/pool.html"
    return render(request, template, context)
