"""Analytics tables: per-candidate milestones, daily per-segment counters, their fill state, the tenant's
analytics settings, findings with their history, and the weekly reports (docs/analytics.md).

``Milestone`` is the first day a candidate reached each funnel step, derived from the raw rows (interactions,
stage events, hires) by ``analytics.services.aggregates``; ``CounterMonth`` holds, per segment and step, how
many milestones fell on each day of a month, so no page scans raw events. ``FillState`` makes filling a day
crash-safe (a day left "started" is refilled). All tables are tenant-owned under row-level security.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from talentpool.tenancy.models import Tenant, TenantOwned


class Step(models.TextChoices):
    POOLED = "pooled", _("Pooled")
    CONTACTED = "contacted", _("Contacted")
    OPENED = "opened", _("Opened")
    REPLIED = "replied", _("Replied")
    INTERVIEWED = "interviewed", _("Interviewed")
    HIRED = "hired", _("Hired")
    PROBATION_PASSED = "probation_passed", _("Passed probation")
    PROBATION_FAILED = "probation_failed", _("Failed probation")


# The funnel's forward path; probation_failed is counted beside it (for the probation pass rate and findings).
FUNNEL_STEPS = (
    Step.POOLED,
    Step.CONTACTED,
    Step.OPENED,
    Step.REPLIED,
    Step.INTERVIEWED,
    Step.HIRED,
    Step.PROBATION_PASSED,
)


def _tenant_unchecked() -> models.ForeignKey:
    """The tenant of a derived table written in bulk: no database constraint (each of millions of new rows
    queued a deferred check for the commit; row-level security pins the tenant) and no index of its own (the
    table's indexes lead with it). Decision 0015."""
    return models.ForeignKey(
        Tenant,
        on_delete=models.CASCADE,
        editable=False,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )


class Milestone(TenantOwned):
    """The day (tenant time zone) a candidate first reached a step. ``jump``: the step before it was not reached
    on or before that day. ``profile_id`` names the role that brought interviewed/hired/probation steps;
    ``campaign_id`` / ``recruiter_id`` are the candidate's first contact's (the same on each of their rows).
    Plain ids, not foreign keys: rewritten from the raw rows at every refresh, never joined for integrity. The
    candidate is no database constraint either (Django still deletes a deleted candidate's milestones)."""

    tenant = _tenant_unchecked()
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    step = models.CharField(max_length=20, choices=Step.choices)
    reached_on = models.DateField()
    jump = models.BooleanField(default=False)
    profile_id = models.BigIntegerField(null=True, blank=True)
    campaign_id = models.BigIntegerField(null=True, blank=True)
    recruiter_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "candidate", "step"], name="milestone_unique")
        ]
        indexes = [models.Index(fields=["tenant", "reached_on"], name="milestone_day_idx")]


class SegmentKind(models.TextChoices):
    ALL = "all", _("Whole pool")
    TAG = "tag", _("Tag")
    GROUP = "group", _("Tag group")
    SOURCE = "source", _("Source")
    CAMPAIGN = "campaign", _("Campaign")
    TIER = "tier", _("Activity tier")
    ROLE = "role", _("Role")
    RECRUITER = "recruiter", _("Recruiter")
    MONTH = "month", _("Month entered the pool")


DAYS_PER_ROW = 31  # a counter row holds one month: day d at index d - 1 (days a month lacks stay 0)


class CounterMonth(TenantOwned):
    """The daily counters of one segment and step over one month (``month``: its first day): ``counts[d - 1]``
    candidates first reached ``step`` on day d, ``jumps[d - 1]`` of them without the step before.

    A month a row rather than a day a row: 1,000,000 candidates make ~8 million (tag, step, day) counters,
    which no rebuild writes in a minute, but fewer than a million month rows; a 90-day funnel of 50 tags reads
    about 2,800 of them (docs/decisions/0015-counters-a-month-per-row.md)."""

    tenant = _tenant_unchecked()
    month = models.DateField()
    kind = models.CharField(max_length=12, choices=SegmentKind.choices)
    key = models.CharField(max_length=64, blank=True, default="")
    step = models.CharField(max_length=20, choices=Step.choices)
    counts = ArrayField(models.IntegerField(), size=DAYS_PER_ROW)
    jumps = ArrayField(models.IntegerField(), size=DAYS_PER_ROW)

    class Meta:
        # Key first: a funnel reads a few segments' rows (50 tags over a period), never a whole kind's.
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "kind", "key", "step", "month"], name="countermonth_unique"
            )
        ]


class SegmentSize(TenantOwned):
    """How many candidates each segment holds (its pooled total), rewritten after each fill: the largest
    segments are picked from here when a funnel names none."""

    kind = models.CharField(max_length=12, choices=SegmentKind.choices)
    key = models.CharField(max_length=64, blank=True, default="")
    pooled = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "kind", "key"], name="segmentsize_unique")]
        indexes = [models.Index(fields=["tenant", "kind", "-pooled"], name="segmentsize_largest_idx")]


class PoolSnapshot(TenantOwned):
    """The pool's "now" figures as of ``taken_at``, taken in one pass over the pool by each refresh and rebuild:
    the KPI tiles read this row instead of scanning a million candidates per page view (docs/analytics.md,
    "KPIs"). ``supply``: active candidates holding each tag the open roles ask for, keyed by tag id."""

    taken_at = models.DateTimeField(default=timezone.now)
    pool = models.IntegerField(default=0)  # active candidates
    active = models.IntegerField(default=0)  # of them, with a human interaction in the last 6 months
    stale = models.IntegerField(default=0)  # of them, with no interaction in 12 months
    high = models.IntegerField(default=0)
    mid = models.IntegerField(default=0)
    low = models.IntegerField(default=0)
    supply = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="poolsnapshot_tenant_unique")]


class FillStatus(models.TextChoices):
    STARTED = "started", _("Started")
    DONE = "done", _("Done")


class FillState(TenantOwned):
    """One day's counters: ``started`` while being (re)filled, ``done`` once complete. A day found ``started``
    by the next run was left half-filled by a dead worker: its rows are deleted and it is filled again."""

    day = models.DateField()
    status = models.CharField(max_length=8, choices=FillStatus.choices, default=FillStatus.STARTED)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "day"], name="fillstate_unique")]


def default_thresholds() -> dict:
    return {}


class AnalyticsSettings(TenantOwned):
    """What the tenant tunes: the fee an external hire costs, the findings' thresholds and minimum sample, and
    where the refresh got to (``refreshed_at``: raw rows recorded before it are in the milestones)."""

    fee_per_external_hire = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    fee_currency = models.CharField(max_length=3, default="CNY")
    min_sample = models.PositiveIntegerField(default=10)
    thresholds = models.JSONField(default=default_thresholds, blank=True)  # overrides of diagnoses.DEFAULTS
    refreshed_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="analyticssettings_tenant_unique")]


class Severity(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    RESOLVED = "resolved", _("No longer seen")


class Finding(TenantOwned):
    """A diagnosis about one segment. The same kind on the same segment is the same finding week after week:
    ``history`` keeps one entry per week it was seen (its figures then)."""

    kind = models.CharField(max_length=30)
    segment_kind = models.CharField(max_length=12, choices=SegmentKind.choices)
    segment_key = models.CharField(max_length=64, blank=True, default="")
    segment_name = models.CharField(max_length=200, blank=True, default="")
    severity = models.CharField(max_length=8, choices=Severity.choices, default=Severity.MEDIUM)
    status = models.CharField(max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    evidence = models.JSONField(default=dict, blank=True)
    suggestion_en = models.TextField(blank=True, default="")
    suggestion_zh = models.TextField(blank=True, default="")
    history = models.JSONField(default=list, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    dismissed_reason = models.CharField(max_length=500, blank=True, default="")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    campaign_id = models.BigIntegerField(null=True, blank=True)  # the draft campaign made from it, if any

    class Meta:
        ordering = ["status", "-last_seen_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "kind", "segment_kind", "segment_key"], name="finding_unique"
            )
        ]

    def suggestion(self, language: str) -> str:
        return self.suggestion_zh if (language or "").startswith("zh") else self.suggestion_en


class WeeklyReport(TenantOwned):
    """The 人才库运营报告 of one ISO week (``2026-W49``): its figures as JSON and the page as HTML."""

    week = models.CharField(max_length=8)
    starts_on = models.DateField()
    data = models.JSONField(default=dict)
    html = models.TextField(blank=True, default="")
    built_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.UniqueConstraint(fields=["tenant", "week"], name="weeklyreport_unique")]
