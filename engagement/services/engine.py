"""The operations engine: per tenant, one rule per activity tier says what to send and how often at most —
high: the open roles that fit (and a follow-up task for the recruiter), mid: industry content chosen by the
candidate's tags, low: a greeting, or a re-consent request where consent is required and not given.

``engine_run(dry_run=True)`` answers "what would the engine send this week?" for every rule, switched on or
not; ``engine_run(dry_run=False)`` (the weekly beat job) does it for the rules switched on: each rule's
messages become a campaign of kind ``engine`` ("Engine · high · 2026-W49"), launched like any other, so the
sends go through the outbox and its checks (suppression, do-not-contact, consent, caps, send window) and have
the same statistics. Running twice in a week creates nothing new.

How candidates are chosen (engagement.selectors.engine):

- eligible: active (so not merged, hired, anonymised or do-not-contact), consent not withdrawn, an email
  address, not enrolled in a running campaign, and no outreach message in the outbox within the rule's cadence;
- high → job recommendation: one ``profiles.matching.score_all`` statement per open role over the tier (not one
  ranking per candidate), each candidate's best ``ROLES_PER_CANDIDATE`` roles kept in memory. A candidate
  whose best role scores below ``ROLE_FIT_FLOOR`` gets content instead (a weak fit is not worth a
  recommendation, and the recruiter gets no follow-up for it);
- mid → content: the valid items sharing the most tags with the candidate (one statement for the whole tier);
  a candidate sharing no tag with any item is skipped (``no_fit``);
- low → greeting; when the tenant requires consent and the candidate has not given it, a re-consent request
  instead (a greeting would be skipped at send time). Other actions skip such candidates (``consent``).

The engine runs once a week, and every cadence is at least a week, so "this week" is one run.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id
from talentpool.tenancy.models import Tenant

from .. import scoring
from ..models import (
    Campaign,
    CampaignKind,
    Channel,
    ContentItem,
    EngineAction,
    EngineRule,
    FollowUp,
    MessagePurpose,
    MessageTemplate,
)
from ..selectors import engine as selectors

TIERS = ("high", "mid", "low")
# The product's defaults: rules start switched off, so a recruiter sees the dry run before anything is sent.
DEFAULT_RULES = {
    "high": (EngineAction.JOB_RECOMMENDATION, 14),
    "mid": (EngineAction.CONTENT, 30),
    "low": (EngineAction.GREETING, 90),
}
ROLE_FIT_FLOOR = 40.0  # a role scoring below this (0–100) is not recommended
ROLES_PER_CANDIDATE = 3
CONTENT_PER_CANDIDATE = 3
EXAMPLES_PER_SEGMENT = 5
CADENCE_BOUNDS = (7, 365)  # the engine runs weekly: a shorter cadence could not be kept
MAX_CAMPAIGN_CANDIDATES = (
    100_000  # engagement.services.campaigns.MAX_CANDIDATE_IDS: larger segments are split
)


# --- rules ------------------------------------------------------------------------------------------------------


def engine_rules() -> list[EngineRule]:
    """The current tenant's three rules (high, mid, low), created switched off with the defaults on first use.
    Safe to run twice and concurrently (the tier is unique per tenant)."""
    existing = {rule.tier: rule for rule in EngineRule.objects.select_related("template")}
    tenant_id = require_tenant_id()  # bulk_create does not fill it as save() does
    missing = [
        EngineRule(tenant_id=tenant_id, tier=tier, action=action, cadence_days=cadence, enabled=False)
        for tier, (action, cadence) in DEFAULT_RULES.items()
        if tier not in existing
    ]
    if missing:
        EngineRule.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {rule.tier: rule for rule in EngineRule.objects.select_related("template")}
    return [existing[tier] for tier in TIERS]


def engine_rule_update(rule: EngineRule, *, values: dict, actor=None) -> EngineRule:
    """Change a rule: any of ``action`` (EngineAction), ``template`` (an email MessageTemplate id of the tenant,
    or None for the default template of the action), ``cadence_days`` (7–365) and ``enabled``.

    Returns the rule. Raises ServiceError naming the field for an unknown field or a bad value. Safe to run
    twice."""
    allowed = {"action", "template", "cadence_days", "enabled"}
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ServiceError(_("Unknown field: %(key)s.") % {"key": unknown[0]}, field=unknown[0])
    with transaction.atomic():
        rule = EngineRule.objects.select_for_update().get(pk=rule.pk)
        if "action" in values:
            if values["action"] not in EngineAction.values:
                raise ServiceError(_("Unknown action."), field="action", code="invalid_action")
            rule.action = values["action"]
        if "template" in values:
            rule.template = _template_choice(values["template"])
        if "cadence_days" in values:
            cadence = values["cadence_days"]
            low, high = CADENCE_BOUNDS
            if isinstance(cadence, bool) or not isinstance(cadence, int) or not low <= cadence <= high:
                raise ServiceError(
                    _("The cadence is a whole number of days from %(low)d to %(high)d.")
                    % {"low": low, "high": high},
                    field="cadence_days",
                )
            rule.cadence_days = cadence
        if "enabled" in values:
            if not isinstance(values["enabled"], bool):
                raise ServiceError(_("enabled is true or false."), field="enabled")
            rule.enabled = values["enabled"]
        rule.updated_at = timezone.now()
        rule.save()
    return rule


def _template_choice(value) -> MessageTemplate | None:
    if value in (None, ""):
        return None
    if isinstance(value, MessageTemplate):
        value = value.pk
    try:
        template_id = int(value)
    except (TypeError, ValueError):
        raise ServiceError(_("Give a template id."), field="template") from None
    template = MessageTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise ServiceError(_("Unknown template."), field="template", code="unknown_template")
    if template.channel != Channel.EMAIL:
        raise ServiceError(_("The engine sends email: choose an email template."), field="template")
    return template


# --- the report ------------------------------------------------------------------------------------------------


@dataclass
class Example:
    candidate_id: int
    name: str
    items: list[str]  # role titles (with their fit) or content titles
    subject: str  # rendered with the segment's template


@dataclass
class Segment:
    tier: str
    action: str  # what these candidates get (may differ from the rule's: content for a high one with no fit)
    enabled: bool  # the rule is switched on
    count: int
    examples: list[Example] = field(default_factory=list)


@dataclass
class EngineReport:
    """What one run sends (or, dry, would send): the segments, examples, who was left out and why."""

    dry_run: bool
    generated_at: datetime
    week: str  # ISO week in the tenant's time zone, e.g. 2026-W49
    total: int = 0  # messages of every rule's segments (a dry run counts rules that are off too)
    enabled_total: int = 0  # of those, the rules switched on
    segments: list[Segment] = field(default_factory=list)
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)  # tier → reason → candidates
    campaigns: list[int] = field(default_factory=list)  # created by this run (not dry)
    already_ran: list[str] = field(default_factory=list)  # tiers whose rule ran this week already (not dry)
    roles_ranked: int = 0  # open roles, one ranking statement each
    seconds: float = 0.0

    def as_json(self) -> dict:
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class _Planned:
    """A segment with everything needed to send it: its candidates, the rule and each one's context."""

    rule: EngineRule
    action: str
    ids: np.ndarray
    contexts: dict[int, dict] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # candidate ids best first (examples)


def _zone(tenant: Tenant) -> ZoneInfo:
    try:
        return ZoneInfo(tenant.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _local_date(now: datetime, tenant: Tenant):
    return now.astimezone(_zone(tenant)).date()


def week_label(now: datetime, tenant: Tenant) -> str:
    """The ISO week of ``now`` in the tenant's time zone, e.g. 2026-W49: the engine's unit of idempotency."""
    year, week, _day = now.astimezone(_zone(tenant)).isocalendar()
    return f"{year}-W{week:02d}"


def campaign_name_prefix(tier: str, week: str) -> str:
    return f"Engine · {tier} · {week}"


# --- the run -------------------------------------------------------------------------------------------------


def engine_run(*, dry_run: bool, now: datetime | None = None) -> EngineReport:
    """Run the current tenant's operations engine at ``now``.

    Dry: every rule, switched on or not; nothing is written (the rules are seeded if missing). Returns the
    report: total messages, segments per tier and action with up to EXAMPLES_PER_SEGMENT examples each (subject
    rendered with the template), and the candidates left out per tier and reason.

    Not dry: each rule switched on that has not run this ISO week (tenant's time zone) becomes one launched
    campaign of kind ``engine`` per segment (one for the rule's action, one for a fallback such as content for a
    high candidate with no fitting role), each candidate's roles or content on their enrollment; candidates
    recommended roles without an open follow-up get one (the interactions service's high-tier reaction, queued
    after commit). Idempotent per rule and week: a second run in the same week creates nothing (the rule row is
    locked while its campaigns are written). Raises ServiceError only for broken templates.
    """
    started = time.perf_counter()
    now = now or timezone.now()
    tenant = Tenant.objects.get(pk=require_tenant_id())
    week = week_label(now, tenant)
    report = EngineReport(dry_run=dry_run, generated_at=now, week=week)
    rules = engine_rules()
    if not dry_run:
        ran = set(
            Campaign.objects.filter(
                engine_rule__in=rules, kind=CampaignKind.ENGINE, name__startswith="Engine · "
            ).values_list("engine_rule__tier", "name")
        )
        report.already_ran = sorted(
            {tier for tier, name in ran if name.startswith(campaign_name_prefix(tier, week))}
        )
        rules = [rule for rule in rules if rule.enabled and rule.tier not in report.already_ran]
    if not rules:
        report.seconds = time.perf_counter() - started
        return report

    planned, report.skipped, report.roles_ranked = _plan(rules, now=now, tenant=tenant, keep_all=not dry_run)
    language = tenant.default_language or "zh-hans"
    for plan in planned:
        template = _segment_template(plan, language)
        report.segments.append(
            Segment(
                tier=plan.rule.tier,
                action=plan.action,
                enabled=plan.rule.enabled,
                count=int(len(plan.ids)),
                examples=_examples(plan, template, tenant),
            )
        )
    report.total = sum(segment.count for segment in report.segments)
    report.enabled_total = sum(segment.count for segment in report.segments if segment.enabled)
    if not dry_run:
        report.campaigns = _send(planned, now=now, week=week, language=language)
    report.seconds = time.perf_counter() - started
    return report


# Content is picked for this many candidates per statement: the dry run keeps only counts and examples, so its
# memory does not grow with the pool (the weekly run keeps every pick: it writes them on the enrollments).
CONTENT_CHUNK = 50_000


def _plan(
    rules: list[EngineRule], *, now: datetime, tenant: Tenant, keep_all: bool = True
) -> tuple[list[_Planned], dict[str, dict[str, int]], int]:
    from engagement.services.settings import engagement_settings

    params = scoring.params_for(tenant.pk)
    require_consent = bool(engagement_settings().require_consent)
    splits = selectors.tier_splits(
        rules={rule.tier: (rule.action, rule.cadence_days) for rule in rules},
        now=now,
        require_consent=require_consent,
        params=params,
    )
    skipped = {tier: dict(split.skipped) for tier, split in splits.items()}

    # Roles first, for every rule recommending them at once: one statement per open role for all such tiers.
    recommending = [rule for rule in rules if rule.action == EngineAction.JOB_RECOMMENDATION]
    fits = None
    roles_ranked = 0
    if recommending:
        wanted = np.concatenate([splits[rule.tier].send for rule in recommending])
        fits = selectors.best_roles_for_tier(
            wanted,
            tiers=tuple(rule.tier for rule in recommending),
            floor=ROLE_FIT_FLOOR,
            per_candidate=ROLES_PER_CANDIDATE,
        )
        roles_ranked = fits.statements

    planned: list[_Planned] = []
    wants_content: list[tuple[EngineRule, np.ndarray]] = []
    for rule in rules:
        split = splits[rule.tier]
        if rule.action == EngineAction.JOB_RECOMMENDATION:
            has_role = np.array([int(value) in fits.best for value in split.send], dtype=bool)
            matched = split.send[has_role]
            contexts = {
                int(candidate_id): {
                    "roles": [
                        {"id": role_id, "title": fits.roles[role_id], "score": score}
                        for role_id, score in fits.best[int(candidate_id)]
                    ]
                }
                for candidate_id in matched
            }
            order = sorted(contexts, key=lambda key: (-contexts[key]["roles"][0]["score"], key))
            planned.append(_Planned(rule, EngineAction.JOB_RECOMMENDATION, matched, contexts, order))
            wants_content.append((rule, split.send[~has_role]))
        elif rule.action == EngineAction.CONTENT:
            wants_content.append((rule, split.send))
        else:
            planned.append(
                _Planned(rule, rule.action, split.send, order=split.send[:EXAMPLES_PER_SEGMENT].tolist())
            )
        if len(split.reconsent):
            planned.append(
                _Planned(
                    rule,
                    EngineAction.RECONSENT,
                    split.reconsent,
                    order=split.reconsent[:EXAMPLES_PER_SEGMENT].tolist(),
                )
            )

    # Content for every candidate who wants it, a chunk of candidates per statement.
    for rule, ids in wants_content:
        kept_parts, picks = [], {}
        for start in range(0, len(ids), CONTENT_CHUNK):
            chunk = ids[start : start + CONTENT_CHUNK]
            chunk_picks = selectors.content_picks(
                chunk,
                today=_local_date(now, tenant),
                language=tenant.default_language,
                per_candidate=CONTENT_PER_CANDIDATE,
            )
            chosen = np.array([int(value) in chunk_picks for value in chunk], dtype=bool)
            skipped[rule.tier][selectors.SKIP_NO_FIT] += int((~chosen).sum())
            kept_parts.append(chunk[chosen])
            wanted = chunk[chosen] if keep_all else chunk[chosen][: max(EXAMPLES_PER_SEGMENT - len(picks), 0)]
            picks.update({int(candidate_id): chunk_picks[int(candidate_id)] for candidate_id in wanted})
        kept = np.concatenate(kept_parts) if kept_parts else np.empty(0, dtype=np.int64)
        items = {
            item.pk: {"id": item.pk, "title": item.title, "summary": item.summary, "url": item.url}
            for item in ContentItem.objects.filter(pk__in={i for chosen in picks.values() for i in chosen})
        }
        contexts = {
            candidate_id: {"content": [items[item_id] for item_id in chosen]}
            for candidate_id, chosen in picks.items()
        }
        planned.append(
            _Planned(rule, EngineAction.CONTENT, kept, contexts, kept[:EXAMPLES_PER_SEGMENT].tolist())
        )
    tier_order = {tier: number for number, tier in enumerate(TIERS)}
    action_order = {action: number for number, action in enumerate(EngineAction.values)}
    planned.sort(key=lambda plan: (tier_order[plan.rule.tier], action_order[plan.action]))
    return [plan for plan in planned if len(plan.ids)], skipped, roles_ranked


def _segment_template(plan: _Planned, language: str) -> MessageTemplate:
    """The rule's own template for its own action; the default template of the purpose otherwise."""
    from .templates import default_template

    if plan.rule.template_id and plan.action == plan.rule.action:
        return plan.rule.template
    return default_template(MessagePurpose(plan.action), Channel.EMAIL, language)


def _examples(plan: _Planned, template: MessageTemplate, tenant: Tenant) -> list[Example]:
    from ..rendering import TemplateError, candidate_context, render

    chosen = plan.order[:EXAMPLES_PER_SEGMENT]
    candidates = Candidate.objects.in_bulk(chosen)
    examples = []
    for candidate_id in chosen:
        candidate = candidates.get(candidate_id)
        if candidate is None:  # deleted since the plan was made
            continue
        context = plan.contexts.get(candidate_id, {})
        roles, content = context.get("roles", ()), context.get("content", ())
        try:
            subject = render(
                template.subject, candidate_context(candidate, tenant=tenant, roles=roles, content=content)
            )
        except TemplateError as error:
            subject = f"[{error}]"
        items = [f"{role['title']} ({role['score']:g})" for role in roles] or [
            item["title"] for item in content
        ]
        examples.append(
            Example(candidate_id=candidate_id, name=candidate.full_name, items=items, subject=subject)
        )
    return examples


def _send(planned: list[_Planned], *, now: datetime, week: str, language: str) -> list[int]:
    """Write and launch each rule's campaigns (one atomic block per rule, its row locked); returns their ids."""
    from .campaigns import campaign_create, campaign_launch

    created: list[int] = []
    tenant_id = require_tenant_id()
    by_rule: dict[int, list[_Planned]] = {}
    for plan in planned:
        by_rule.setdefault(plan.rule.pk, []).append(plan)
    for plans in by_rule.values():
        rule = plans[0].rule
        prefix = campaign_name_prefix(rule.tier, week)
        recommended: list[int] = []
        with transaction.atomic():
            locked = EngineRule.objects.select_for_update().get(pk=rule.pk)
            if (
                not locked.enabled
                or Campaign.objects.filter(engine_rule=locked, name__startswith=prefix).exists()
            ):
                continue  # switched off meanwhile, or another run wrote this week's campaigns first
            for plan in plans:
                template = _segment_template(plan, language)
                suffix = "" if plan.action == rule.action else f" · {plan.action}"
                ids = plan.ids.tolist()
                for part, start in enumerate(range(0, len(ids), MAX_CAMPAIGN_CANDIDATES)):
                    name = f"{prefix}{suffix}" + (f" ({part + 1})" if part else "")
                    contexts = plan.contexts
                    campaign = campaign_create(
                        name=name,
                        audience={"candidate_ids": ids[start : start + MAX_CAMPAIGN_CANDIDATES]},
                        steps=[{"channel": Channel.EMAIL, "template": template.pk}],
                        kind=CampaignKind.ENGINE,
                        engine_rule=locked,
                        context_for=lambda candidate, contexts=contexts: contexts.get(candidate.pk, {}),
                    )
                    try:
                        with transaction.atomic():
                            campaign_launch(campaign, now=now)
                    except ServiceError as error:
                        if error.code != "empty_audience":  # everyone left the pool since the plan
                            raise
                    created.append(campaign.pk)
                if plan.action == EngineAction.JOB_RECOMMENDATION:
                    recommended += ids
            locked.last_run_at = now
            locked.updated_at = timezone.now()
            locked.save(update_fields=["last_run_at", "updated_at"])
            _queue_follow_ups(tenant_id, recommended)
    return created


def _queue_follow_ups(tenant_id: int, candidate_ids: list[int]) -> None:
    """A follow-up task for the recruiter for each recommended candidate who has no open one: the interactions
    service's high-tier reaction (one open follow-up per candidate, the fitting roles, a notification), queued
    after commit so a rolled-back run leaves none."""
    if not candidate_ids:
        return
    from ..tasks import high_tier_entered

    have = set(
        FollowUp.objects.filter(candidate_id__in=candidate_ids, done_at__isnull=True).values_list(
            "candidate_id", flat=True
        )
    )
    missing = [candidate_id for candidate_id in candidate_ids if candidate_id not in have]

    def queue() -> None:
        for candidate_id in missing:
            high_tier_entered.delay(tenant_id, candidate_id)

    transaction.on_commit(queue)
