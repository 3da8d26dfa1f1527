"""Outbound webhooks: a tenant's endpoints, one delivery row per event and endpoint (the outbox), and every
attempt to deliver it (the delivery log).

A delivery is written in the same transaction as the change it announces (``webhooks.services.emit``), so a
rolled-back change announces nothing and a committed one is never lost; a dispatcher sends it afterwards,
signed per Standard Webhooks, and retries with backoff for about a day (docs/webhooks.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentpool.tenancy.models import TenantOwned


class EventType(models.TextChoices):
    CANDIDATE_CREATED = "candidate.created", _("Candidate created")
    CANDIDATE_UPDATED = "candidate.updated", _("Candidate updated")
    CANDIDATE_MERGED = "candidate.merged", _("Candidates merged")
    CANDIDATE_ERASED = "candidate.erased", _("Candidate erased")
    CANDIDATE_TIER_CHANGED = "candidate.tier_changed", _("Activity tier changed")
    APPLICATION_STAGE_CHANGED = "application.stage_changed", _("Application stage changed")
    HIRE_CREATED = "hire.created", _("Hire recorded")
    SHORTLIST_DECIDED = "shortlist.decided", _("Shortlist decision made")


# Sent only by "Send test event" on the endpoint's page; no endpoint subscribes to it.
TEST_EVENT = "webhook.test"


class Endpoint(TenantOwned):
    """Where a tenant wants events: a URL, the events it subscribed to, and the secret deliveries are signed with.

    ``failing_since`` is the first failed attempt since the last success: an endpoint that has failed for
    ``WEBHOOK_DISABLE_AFTER_DAYS`` is disabled and the tenant's admins are told.
    """

    url = models.URLField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True, default="")
    # Standard Webhooks secret ("whsec_" + base64 of 32 random bytes), needed in clear to sign: stored encrypted
    # with the product's Fernet keys (talentpool.crypto, CONNECTOR_CREDENTIAL_KEYS) and read through ``secret``.
    secret_encrypted = models.TextField(editable=False, default="", db_default="")
    events = ArrayField(models.CharField(max_length=40, choices=EventType.choices), default=list)
    is_active = models.BooleanField(default=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "is_active"], name="webhook_endpoint_active_idx")]

    def __str__(self) -> str:
        return self.url

    @property
    def secret(self) -> str:
        """The signing secret in clear (decrypted once per value). Raises ServiceError when no configured key
        opens it (a key was removed from CONNECTOR_CREDENTIAL_KEYS)."""
        from talentpool import crypto

        token = self.secret_encrypted
        cached = self.__dict__.get("_secret_clear")
        if cached is None or cached[0] != token:
            cached = (token, crypto.decrypt(token).get("secret", "") if token else "")
            self.__dict__["_secret_clear"] = cached
        return cached[1]

    @secret.setter
    def secret(self, value: str) -> None:
        from talentpool import crypto

        self.secret_encrypted = crypto.encrypt({"secret": value}) if value else ""
        self.__dict__["_secret_clear"] = (self.secret_encrypted, value or "")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("webhook delivery", "Waiting")
    SENDING = "sending", pgettext_lazy("webhook delivery", "Sending")
    SUCCEEDED = "succeeded", pgettext_lazy("webhook delivery", "Delivered")
    FAILED = "failed", pgettext_lazy("webhook delivery", "Failed")


class Delivery(TenantOwned):
    """One event for one endpoint: the outbox row. ``event_id`` is the ``webhook-id`` header, the same for every
    endpoint of one event and for every retry and replay of it (receivers deduplicate by it)."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=40)
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()  # the body: {"type", "timestamp", "data"}
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)  # in the current round (a replay starts a new one)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    replays = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "status", "next_attempt_at"], name="webhook_delivery_due_idx"),
            models.Index(fields=["tenant", "endpoint", "-created_at"], name="webhook_delivery_log_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.endpoint_id}"


class Attempt(TenantOwned):
    """One try at a delivery, as the receiver answered it (the delivery log)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="+")
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    response_excerpt = models.CharField(max_length=500, blank=True, default="")
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["tenant", "delivery", "-attempted_at"], name="webhook_attempt_idx")]

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
