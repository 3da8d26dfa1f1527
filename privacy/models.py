"""Personal-data records: the append-only audit log, consents, retention policy and candidates' requests."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentpool.tenancy.models import Tenant, TenantOwned


class AuditEntry(TenantOwned):
    """Who did what to which record, when and from where. Append-only (see migration 0001 and docs/privacy.md).

    ``tenant`` may be empty for events outside any tenant (a failed login for an unknown email): such rows
    are insert-only for the application role and readable by operators only. The primary key is made by
    the application (a UUID) so no INSERT needs RETURNING, which row-level security would refuse for them.
    Nothing here refers to a row by foreign key: deleting a user, a tenant or a candidate never has to
    touch (update or delete) an audit row.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=64)
    actor_id = models.BigIntegerField(null=True, blank=True)
    # The actor as they were at the time: an email, "API key tp_abcd1234", or "system".
    actor_label = models.CharField(max_length=254, blank=True, default="")
    target_type = models.CharField(
        max_length=100, blank=True, default=""
    )  # a model label, "candidates.candidate"
    target_id = models.CharField(max_length=64, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "created_at"], name="audit_tenant_created"),
            models.Index(fields=["tenant", "action", "created_at"], name="audit_tenant_action"),
            models.Index(fields=["tenant", "target_type", "target_id"], name="audit_tenant_target"),
            models.Index(fields=["tenant", "actor_id", "created_at"], name="audit_tenant_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):
        from talentpool.tenancy.context import current_tenant_id

        if self.tenant_id is None and current_tenant_id() is None:
            # An event outside any tenant; row-level security admits it only while no tenant is set.
            return models.Model.save(self, *args, **kwargs)
        return super().save(*args, **kwargs)


def _identifier_salt() -> str:
    import secrets

    return secrets.token_hex(32)


class PrivacySettings(TenantOwned):
    """One row per tenant: how long candidates' data and audit entries are kept, and the salt of erased
    identifiers. Outreach's consent rule stays in engagement's ``EngagementSettings.require_consent``."""

    # Candidates with no interaction for this many days are anonymised by the nightly job; None turns it off.
    retention_days = models.PositiveIntegerField(null=True, blank=True, default=730)
    # A policy shorter than privacy.services.SHORT_RETENTION_DAYS needs an admin's explicit confirmation.
    retention_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retention_confirmed_at = models.DateTimeField(null=True, blank=True)
    audit_retention_days = models.PositiveIntegerField(default=730)
    request_due_days = models.PositiveSmallIntegerField(default=30)
    # Legitimate interest as a legal basis for outreach: GDPR art. 6(1)(f) allows it, PIPL does not.
    legitimate_interest_allowed = models.BooleanField(default=False)
    # Salt of the hashes that keep erased people off the pool and the outbox (never shown, never exported).
    identifier_salt = models.CharField(max_length=64, default=_identifier_salt, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="privacysettings_one_per_tenant")]


class LegalBasis(models.TextChoices):
    CONSENT = "consent", pgettext_lazy("legal basis", "Consent")
    CONTRACT = "contract", _("Contract")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")


class ConsentScope(models.TextChoices):
    STORAGE = "storage", _("Storage of the profile")
    OUTREACH = "outreach", _("Outreach")
    SHARING = "sharing", _("Sharing with hiring managers")
    CROSS_BORDER = "cross_border", _("Transfer abroad")
    SENSITIVE = "sensitive", _("Sensitive personal data")


# PIPL articles 29 and 39: sensitive data and transfer abroad need their own, separate consent.
SEPARATE_SCOPES = frozenset({ConsentScope.CROSS_BORDER, ConsentScope.SENSITIVE})


class ConsentMethod(models.TextChoices):
    FORM = "form", _("Signed form")
    EMAIL = "email", _("Email reply")
    LINK = "link", _("Consent link")
    VERBAL = "verbal", _("Verbal, noted by a recruiter")
    IMPORT = "import", _("Imported record")
    CONTRACT = "contract", _("Contract")


class ConsentRecord(TenantOwned):
    """One decision about one scope: given or withdrawn. Rows are never edited; the newest row of a
    (candidate, scope) is the truth, older ones are its history."""

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=20, choices=ConsentScope.choices)
    legal_basis = models.CharField(max_length=24, choices=LegalBasis.choices, default=LegalBasis.CONSENT)
    given = models.BooleanField(default=True)  # False: withdrawn
    method = models.CharField(max_length=12, choices=ConsentMethod.choices)
    evidence = models.CharField(max_length=300, blank=True, default="")
    captured_at = models.DateTimeField(default=timezone.now)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-captured_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "candidate", "scope", "captured_at"], name="consent_latest")
        ]


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Export")
    ERASURE = "erasure", _("Erasure")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")


class RequestChannel(models.TextChoices):
    LINK = "link", _("Link in an email")
    DASHBOARD = "dashboard", _("Dashboard")
    API = "api", _("API")


class DataRequest(TenantOwned):
    """A candidate's request to get (export) or remove (erasure) their data, with a due date."""

    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=RequestChannel.choices)
    received_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True, default="")
    # What an erasure removed (counts only), shown to the admin.
    outcome = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["status", "due_at", "id"]
        indexes = [models.Index(fields=["tenant", "status", "due_at"], name="datarequest_open")]


class RetentionRun(TenantOwned):
    """What one run of the retention job did (the admin's report). Rows are counts and ids, no personal data."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    cutoff = models.DateTimeField(null=True, blank=True)
    anonymised = models.PositiveIntegerField(default=0)
    files_removed = models.PositiveIntegerField(default=0)
    candidate_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["tenant", "started_at"], name="retentionrun_tenant_started")]
