"""The operations engine's page: the three rules (tier → action, template, cadence, on/off) and the dry run
("this week the engine would send N messages"), which htmx swaps in under the rules.

Every member who reads the pool sees the page; admins and recruiters change rules and run the dry run.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from talentpool.errors import ServiceError
from talentpool.tenancy.decorators import member_required
from talentpool.web import render_in_tenant_zone

from ..models import Channel, EngineAction, EngineRule, MessageTemplate
from ..selectors import engine as engine_selectors
from ..services.engine import CADENCE_BOUNDS, engine_rule_update, engine_rules, engine_run
from .campaigns import EDITORS, READERS

SKIP_LABELS = {
    engine_selectors.SKIP_CONSENT: gettext_lazy("no consent"),
    engine_selectors.SKIP_NO_EMAIL: gettext_lazy("no email address"),
    engine_selectors.SKIP_IN_SEQUENCE: gettext_lazy("in a running campaign"),
    engine_selectors.SKIP_CADENCE: gettext_lazy("messaged within the cadence"),
    engine_selectors.SKIP_NO_FIT: gettext_lazy("nothing that fits (no role, no content)"),
}


def _present(report) -> dict:
    """The report with labels in the reader's language, and the reasons as rows (tier, reason, count)."""
    tiers = dict(EngineRule._meta.get_field("tier").choices)
    data = report.as_json()
    for segment in data["segments"]:
        segment["tier_label"] = tiers.get(segment["tier"], segment["tier"])
        segment["action_label"] = EngineAction(segment["action"]).label
    data["skipped_rows"] = [
        {
            "tier": tier,
            "tier_label": tiers.get(tier, tier),
            "reason": SKIP_LABELS.get(reason, reason),
            "count": count,
        }
        for tier, reasons in data["skipped"].items()
        for reason, count in reasons.items()
        if count
    ]
    return data


def _page_context(request, *, report=None) -> dict:
    return {
        "nav": "campaigns",
        "section": "engine",
        "rules": engine_rules(),
        "actions": EngineAction.choices,
        "templates": MessageTemplate.objects.filter(channel=Channel.EMAIL).order_by(
            "purpose", "language", "name"
        ),
        "cadence_min": CADENCE_BOUNDS[0],
        "cadence_max": CADENCE_BOUNDS[1],
        "can_edit": request.membership.role in EDITORS,
        "report": report,
    }


@member_required(READERS)
@require_GET
def engine_page(request):
    """The rules and the dry-run button."""
    return render_in_tenant_zone(request, "engagement/engine_page.html", _page_context(request))


@member_required(EDITORS)
@require_POST
def engine_rule_save(request, pk: int):
    """Save one rule's form (action, template, cadence, on/off). Another tenant's rule is a 404."""
    rule = get_object_or_404(EngineRule, pk=pk)
    cadence = request.POST.get("cadence_days", "").strip()
    values = {
        "action": request.POST.get("action", rule.action),
        "template": request.POST.get("template") or None,
        "enabled": request.POST.get("enabled") == "on",
    }
    try:
        values["cadence_days"] = int(cadence)
    except ValueError:
        messages.error(request, _("The cadence is a whole number of days."))
        return redirect("engagement:engine")
    try:
        rule = engine_rule_update(rule, values=values, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("engagement:engine")
    tier = rule.get_tier_display()
    if rule.enabled:
        messages.success(
            request, _("The %(tier)s rule is saved and on: it runs every Monday.") % {"tier": tier}
        )
    else:
        messages.success(request, _("The %(tier)s rule is saved; it is off.") % {"tier": tier})
    return redirect("engagement:engine")


@member_required(EDITORS)
@require_POST
def engine_dry_run(request):
    """What the engine would send this week (every rule, on or off): the partial under the rules for htmx, the
    whole page otherwise. Writes nothing."""
    context = _page_context(request, report=_present(engine_run(dry_run=True)))
    template = (
        "engagement/engine_report.html"
        if request.headers.get("HX-Request") == "true"
        else "engagement/engine_page.html"
    )
    return render_in_tenant_zone(request, template, context)
