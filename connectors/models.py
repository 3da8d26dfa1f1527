"""Connectors: where candidates' profiles come from (a source), each sync of one (a run), what each external
profile looked like when it was last applied, and the sourcing schedules of roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.models import TenantOwned


class SourceKind(models.TextChoices):
    REST_FEED = "rest_feed", _("REST profile feed")
    LINKEDIN = "linkedin", _("LinkedIn-style network")
    MAIMAI = "maimai", _("Maimai-style network (脉脉)")
    JSON_RESUME = "json_resume", _("JSON Resume feed")
    FOLDER = "folder", _("Watched folder")


class SourceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    FAILING = "failing", _("Failing")  # the last run failed; the next scheduled run tries again
    CREDENTIALS = "credentials", _("Credentials refused")  # no run until someone fixes them


class Schedule(models.TextChoices):
    MANUAL = "manual", _("Only when asked")
    HOURLY = "hourly", _("Every hour")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")


class Source(TenantOwned):
    """A place profiles come from. ``credentials`` is ciphertext (talentpool.crypto, Fernet with keys from the
    environment); ``cursor`` is where the running or failed sync resumes (empty: from the start)."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    name = models.CharField(_("name"), max_length=120)
    configuration = models.JSONField(default=dict, blank=True)
    credentials = models.TextField(blank=True, default="")
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=Schedule.choices, default=Schedule.DAILY
    )
    next_run_at = models.DateTimeField(null=True, blank=True)
    cursor = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=SourceStatus.choices, default=SourceStatus.ACTIVE)
    last_error = models.TextField(blank=True, default="")
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # A run holds the source until this moment (claimed with a conditional update); a killed worker's lease ends.
    locked_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="source_name_unique")]
        indexes = [models.Index(fields=["tenant", "status", "next_run_at"], name="source_due_idx")]

    def __str__(self) -> str:
        return self.name


class RunKind(models.TextChoices):
    SYNC = "sync", _("Sync")
    SOURCING = "sourcing", _("Sourcing")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    PARTIAL = "partial", _("Finished with record errors")
    FAILED = "failed", _("Failed")


COUNT_NAMES = ("fetched", "matched", "created", "updated", "unchanged", "failed")


class SyncRun(TenantOwned):
    """One sync (or sourcing run) of a source: counts by outcome and the errors of the records it skipped."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=10, choices=RunKind.choices, default=RunKind.SYNC)
    schedule = models.ForeignKey(
        "connectors.SourcingSchedule", null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    job_changes = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)  # new people flagged as possible duplicates for review
    pages = models.PositiveIntegerField(default=0)
    resumed_from = models.JSONField(default=dict, blank=True)  # the cursor the run started at
    error = models.TextField(blank=True, default="")
    record_errors = models.JSONField(default=list, blank=True)  # [{"record": id or position, "error": text}]
    # A sourcing run's people with their score against the role: [{"candidate": id, "score": 0..100}]
    details = models.JSONField(default=dict, blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["tenant", "source", "started_at"], name="syncrun_source_idx")]

    def counts(self) -> dict:
        return {name: getattr(self, name) for name in (*COUNT_NAMES, "job_changes", "flagged")}


class ExternalProfile(TenantOwned):
    """A profile as a source last gave it and it was applied: the hash makes an unchanged profile cost one
    comparison and no write; ``data`` is the normalised profile, to see which parts changed."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="profiles")
    external_id = models.CharField(max_length=200)
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_hash = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    external_updated_at = models.DateTimeField(null=True, blank=True)
    job_changed_at = models.DateTimeField(null=True, blank=True)  # the last new company or title it showed
    first_seen_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "source", "external_id"], name="external_profile_unique"
            )
        ]
        indexes = [
            models.Index(fields=["tenant", "job_changed_at"], name="external_profile_job_change"),
            models.Index(fields=["tenant", "candidate"], name="external_profile_candidate"),
        ]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SourcingSchedule(TenantOwned):
    """ "Every Monday, up to 50 new people for this role": a search of ``source`` with the role's profile."""

    profile = models.ForeignKey("profiles.RoleProfile", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="sourcing_schedules")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.MONDAY)
    hour = models.PositiveSmallIntegerField(default=9)  # in the tenant's time zone
    cap = models.PositiveIntegerField(default=50)  # at most this many new people per run
    is_active = models.BooleanField(default=True)
    next_run_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["profile_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "profile", "source"], name="sourcing_schedule_unique"),
            models.CheckConstraint(
                condition=models.Q(hour__lte=23, cap__gte=1, cap__lte=1000), name="sourcing_schedule_ranges"
            ),
        ]
