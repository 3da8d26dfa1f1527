"""The pool: candidates and their contact points. Issue #3 grows this into documents, tags and history."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.models import TenantOwned


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    HIRED = "hired", _("Hired")
    DO_NOT_CONTACT = "do_not_contact", _("Do not contact")
    ANONYMISED = "anonymised", _("Anonymised")


class ActivityTier(models.TextChoices):
    HIGH = "high", _("High")
    MID = "mid", _("Mid")
    LOW = "low", _("Low")


class EducationLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary")
    ASSOCIATE = "associate", _("Associate (大专)")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")
    OTHER = "other", _("Other")


class Candidate(TenantOwned):
    """A person in a tenant's pool."""

    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, help_text=_("E.164"))
    location = models.CharField(_("location"), max_length=120, blank=True)
    current_title = models.CharField(_("current title"), max_length=200, blank=True)
    current_company = models.CharField(_("current company"), max_length=200, blank=True)
    years_experience = models.DecimalField(_("years of experience"), max_digits=4, decimal_places=1, null=True, blank=True)
    highest_education = models.CharField(_("highest education"), max_length=20, choices=EducationLevel.choices, blank=True)
    source = models.CharField(_("source"), max_length=40, default="manual")
    status = models.CharField(_("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    activity_score = models.FloatField(_("activity score"), default=0.0)
    activity_tier = models.CharField(_("activity tier"), max_length=8, choices=ActivityTier.choices, default=ActivityTier.LOW)
    last_interaction_at = models.DateTimeField(null=True, blank=True)
    # Denormalised tag ids for ranking (GIN, && and @>); CandidateTag rows (issue #3) are the source of truth.
    tag_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "created_at"], name="candidate_tenant_created"),
            models.Index(fields=["tenant", "email"], name="candidate_tenant_email"),
            models.Index(fields=["tenant", "activity_tier", "activity_score"], name="candidate_tenant_tier"),
            GinIndex(fields=["tag_ids"], name="candidate_tag_ids_gin"),
        ]

    def __str__(self) -> str:
        return self.full_name
