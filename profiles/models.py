"""Role profiles, their requirements, matching results kept as shortlists, and the hiring pipeline.

A ``RoleProfile`` is what a department asks for: weighted tag ``Requirement``s in three groups (hard skills,
experience, qualities), some must-have, plus minimum years and education. ``profiles.matching`` ranks the
pool against it. A ``Shortlist`` freezes a set of matches (with their score snapshot) for the role's hiring
managers to decide on. An ``Application`` is a candidate in a role's pipeline; every stage move is a
``StageEvent``. A ``Hire`` records every hire of the tenant, from the pool or not, so the pool's share of
hires is known.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate, EducationLevel, SalaryPeriod, Tag
from talentpool.tenancy.models import TenantOwned


class ProfileStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class RoleProfile(TenantOwned):
    title = models.CharField(_("title"), max_length=200)
    jd_text = models.TextField(_("job description"), blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    headcount = models.PositiveSmallIntegerField(_("headcount"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.OPEN
    )
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True, default="")
    salary_period = models.CharField(max_length=8, choices=SalaryPeriod.choices, blank=True, default="")
    salary_months = models.PositiveSmallIntegerField(null=True, blank=True)
    min_years = models.DecimalField(_("minimum years"), max_digits=4, decimal_places=1, null=True, blank=True)
    education = models.CharField(
        _("minimum education"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    # The HRIS's id for this requisition, so pushes from it can name the role.
    external_id = models.CharField(max_length=120, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "status", "-created_at"], name="roleprofile_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "external_id"],
                condition=~Q(external_id=""),
                name="roleprofile_external_id_unique",
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="roleprofile_headcount_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class RoleHiringManager(TenantOwned):
    """A user who decides on this role's shortlists (a through table, so it carries tenant_id and RLS)."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="hiring_manager_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "profile", "user"], name="rolehm_unique")]
        indexes = [models.Index(fields=["tenant", "user"], name="rolehm_user_idx")]


class RequirementGroup(models.TextChoices):
    HARD_SKILL = "hard_skill", _("Hard skill")
    EXPERIENCE = "experience", _("Experience")
    QUALITY = "quality", _("Quality")


class RequirementSource(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested from the JD")
    MANUAL = "manual", _("Added by hand")
    FEEDBACK = "feedback", _("From shortlist feedback")


class Requirement(TenantOwned):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(
        max_length=12, choices=RequirementGroup.choices, default=RequirementGroup.HARD_SKILL
    )
    weight = models.PositiveSmallIntegerField(default=3)
    must_have = models.BooleanField(default=False)
    source = models.CharField(
        max_length=10, choices=RequirementSource.choices, default=RequirementSource.MANUAL
    )
    evidence_text = models.CharField(max_length=300, blank=True, default="")  # the JD words it came from
    # An any-of / k-of-n requirement (docs/decisions/0012): ``tag`` is its first option and ``alternatives`` the
    # ids of the other tags that may stand in for it ("CCNA/CCNP", "至少两门 MySQL/ES/Redis/MongoDB"). It is met
    # when the candidate holds ``min_count`` of the options. No alternatives: a plain one-tag requirement.
    alternatives = ArrayField(models.IntegerField(), default=list, blank=True)
    min_count = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "profile", "tag"], name="requirement_profile_tag_unique"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=5), name="requirement_weight_1_5"),
            models.CheckConstraint(condition=Q(min_count__gte=1), name="requirement_min_count_positive"),
        ]

    @property
    def option_ids(self) -> list[int]:
        """The tag ids of every option, ``tag`` first."""
        return [self.tag_id, *[tag_id for tag_id in self.alternatives or () if tag_id != self.tag_id]]

    @property
    def is_group(self) -> bool:
        return bool(self.alternatives)


class ProfileEdit(TenantOwned):
    """One change to a role profile or its requirements: who, when, before and after."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="edits")
    field = models.CharField(max_length=60)  # a profile field, or "requirement"
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=20, default="manual")  # manual, suggestion, api, feedback
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "profile", "-created_at"], name="profileedit_profile_idx")]


class SavedSearch(TenantOwned):
    """A smart list: a role's matching with filters, or candidate filters, re-run against the pool as it changes."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    profile = models.ForeignKey(
        RoleProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="saved_searches"
    )
    # Matching options (min_score, tiers, location, must_have_mode...) or, without a profile, the candidate
    # list filters (the /pool/ query string as a dict).
    params = models.JSONField(default=dict, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]


class ShortlistStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to hiring managers")
    CLOSED = "closed", _("Closed")


class Shortlist(TenantOwned):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="shortlists")
    name = models.CharField(max_length=200)
    note = models.TextField(blank=True, default="")
    status = models.CharField(max_length=10, choices=ShortlistStatus.choices, default=ShortlistStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    ON_HOLD = "on_hold", _("On hold")


class ApplicationStage(models.TextChoices):
    SOURCED = "sourced", _("Sourced")
    CONTACTED = "contacted", _("Contacted")
    REPLIED = "replied", _("Replied")
    INTERVIEWING = "interviewing", _("Interviewing")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    PROBATION_PASSED = "probation_passed", _("Passed probation")
    PROBATION_FAILED = "probation_failed", _("Failed probation")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TenantOwned):
    """A candidate in one role's pipeline."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    stage = models.CharField(
        max_length=20, choices=ApplicationStage.choices, default=ApplicationStage.SOURCED
    )
    source = models.CharField(max_length=20, default="pool")  # pool, shortlist, api, hris
    external_id = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-stage_changed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "profile", "candidate"], name="application_role_candidate_unique"
            ),
            models.UniqueConstraint(
                fields=["tenant", "external_id"],
                condition=~Q(external_id=""),
                name="application_external_id_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "profile", "stage"], name="application_role_stage_idx"),
            models.Index(fields=["tenant", "candidate"], name="application_candidate_idx"),
        ]


class ShortlistEntry(TenantOwned):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField(default=0.0)
    explanation = models.JSONField(
        default=dict, blank=True
    )  # the match's explanation when it was shortlisted
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason_tags = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    comment = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "shortlist", "candidate"], name="shortlistentry_unique"
            ),
        ]


class StageEvent(TenantOwned):
    """One move of an application; append-only. ``candidate`` is copied so "contacted lately" is one index away."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    from_stage = models.CharField(max_length=20, choices=ApplicationStage.choices, blank=True, default="")
    to_stage = models.CharField(max_length=20, choices=ApplicationStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=20, default="dashboard")  # dashboard, api, hris, shortlist
    note = models.CharField(max_length=500, blank=True, default="")
    occurred_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(
                fields=["tenant", "candidate", "to_stage", "-occurred_at"], name="stageevent_candidate_idx"
            ),
            models.Index(fields=["tenant", "application", "occurred_at"], name="stageevent_application_idx"),
        ]


class HireSource(models.TextChoices):
    POOL = "pool", _("From the pool")
    EXTERNAL = "external", _("From outside the pool")


class ProbationOutcome(models.TextChoices):
    PENDING = "pending", _("Probation pending")
    PASSED = "passed", _("Passed probation")
    FAILED = "failed", _("Failed probation")


class Hire(TenantOwned):
    """Every hire of the tenant. ``source`` says whether the person was in the pool before the role's hire.

    A hire undone by a later stage move is voided, not deleted: it stays in history and counts nowhere
    (``Hire.counted`` is the one filter for that). The probation outcome is what the funnel's last step reads.
    """

    profile = models.ForeignKey(
        RoleProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="hires"
    )
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="hires"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    full_name = models.CharField(max_length=200, blank=True, default="")
    source = models.CharField(max_length=10, choices=HireSource.choices, default=HireSource.POOL)
    external_id = models.CharField(max_length=120, blank=True, default="")
    hired_at = models.DateField(default=timezone.localdate)
    recorded_via = models.CharField(max_length=20, default="dashboard")  # dashboard, api, hris, pipeline
    created_at = models.DateTimeField(default=timezone.now)
    # Database defaults too, so rows written by COPY (bench) or raw SQL need not name these columns.
    probation_outcome = models.CharField(
        max_length=10,
        choices=ProbationOutcome.choices,
        default=ProbationOutcome.PENDING,
        db_default=ProbationOutcome.PENDING,
    )
    probation_decided_on = models.DateField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=300, blank=True, default="", db_default="")
    # The candidate's status before this hire made it "hired": what voiding the hire gives back.
    candidate_status_before = models.CharField(max_length=20, blank=True, default="")

    # The hires every count uses: not voided by a move back out of Hired.
    counted = Q(voided_at__isnull=True)

    class Meta:
        ordering = ["-hired_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "external_id"], condition=~Q(external_id=""), name="hire_external_id_unique"
            ),
            # One counted hire per application; voided ones stay beside it as history.
            models.UniqueConstraint(
                fields=["tenant", "application"],
                condition=Q(application__isnull=False, voided_at__isnull=True),
                name="hire_application_unique",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "-hired_at"], name="hire_date_idx")]
