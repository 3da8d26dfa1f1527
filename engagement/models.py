"""Engagement: every touch with a candidate, the per-tenant scoring and sending rules, templates and content,
campaigns and their sequences, the outbox, the suppression list and the operations engine's rules.

Interactions are append-only and nothing points at them, so the table can be partitioned by month
(docs/architecture.md, "Engagement"). Outbound messages are written before anything is sent (the outbox):
one row per candidate and step, unique by ``idempotency_key``, claimed by the dispatcher with
``SELECT … FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import secrets
from datetime import time

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import ActivityTier, Candidate
from talentpool.tenancy.models import Tenant, TenantOwned


class InteractionKind(models.TextChoices):
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    BOUNCED = "bounced", _("Bounced")
    OPENED = "opened", _("Opened")
    MACHINE_OPENED = "machine_opened", _("Opened by a machine")
    CLICKED = "clicked", _("Clicked")
    REPLIED = "replied", _("Replied")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    RESUME_UPDATED = "resume_updated", _("Resume updated")
    PROFILE_UPDATED = "profile_updated", _("Profile updated")
    APPLIED = "applied", _("Applied")
    EVENT_ATTENDED = "event_attended", _("Attended an event")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    NOTE = "note", _("Note")
    STAGE_CHANGED = "stage_changed", _("Pipeline stage changed")
    HIRED = "hired", _("Hired")


# What the candidate did, as opposed to what was done to them or about them: the activity rate counts these.
HUMAN_KINDS = frozenset(
    {
        InteractionKind.OPENED,
        InteractionKind.CLICKED,
        InteractionKind.REPLIED,
        InteractionKind.RESUME_UPDATED,
        InteractionKind.PROFILE_UPDATED,
        InteractionKind.APPLIED,
        InteractionKind.EVENT_ATTENDED,
        InteractionKind.CALL,
        InteractionKind.MEETING,
    }
)
# "Contacted" has one meaning across the product: one of these kinds, or a pipeline stage of contacted or later
# (a stage_changed interaction whose metadata names such a stage; engagement.scoring.is_contact).
CONTACT_KINDS = frozenset({InteractionKind.SENT, InteractionKind.CALL, InteractionKind.MEETING})


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    PHONE = "phone", _("Phone")
    WECHAT = "wechat", _("WeChat")
    IN_PERSON = "in_person", _("In person")
    WEB = "web", _("Web")
    HRIS = "hris", _("HRIS")


# The channels a message can be sent on (a subset of Channel).
MESSAGE_CHANNELS = [(Channel.EMAIL.value, _("Email")), (Channel.SMS.value, _("SMS"))]


# The product's defaults (issue "engagement"): a two-year-old candidate who opens and replies today is high.
DEFAULT_WEIGHTS = {
    "opened": 15,
    "clicked": 20,
    "replied": 65,
    "resume_updated": 40,
    "profile_updated": 25,
    "applied": 70,
    "event_attended": 50,
    "call": 30,
    "meeting": 30,
    "sent": 0,
    "machine_opened": 0,
}


def default_weights() -> dict:
    return dict(DEFAULT_WEIGHTS)


class EngagementSettings(TenantOwned):
    """One row per tenant: how activity is scored and how messages may be sent. Created on first use."""

    weights = models.JSONField(default=default_weights, help_text="points per interaction kind")
    half_life_days = models.FloatField(default=90.0)
    high_threshold = models.PositiveSmallIntegerField(default=80)
    mid_threshold = models.PositiveSmallIntegerField(default=50)
    # Messages go out only inside the send window, in the tenant's time zone; the rest of the day is quiet.
    send_window_start = models.TimeField(default=time(9, 0))
    send_window_end = models.TimeField(default=time(20, 0))
    daily_cap_tenant = models.PositiveIntegerField(default=5000)
    daily_cap_sender = models.PositiveIntegerField(default=1000)
    # At most this many marketing messages to one candidate within the window, across all campaigns.
    frequency_cap_count = models.PositiveSmallIntegerField(default=2)
    frequency_cap_days = models.PositiveSmallIntegerField(default=7)
    # When true, outreach needs consent given; when false, only a withdrawn consent blocks it.
    require_consent = models.BooleanField(default=False)
    from_email = models.CharField(max_length=254, blank=True, default="")
    # HMAC secret of the inbound-mail webhook (replies); shown to admins, rotated by them.
    inbound_secret = models.CharField(max_length=64, default=secrets.token_hex)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="engagementsettings_tenant_unique")]

    def __str__(self) -> str:
        return f"engagement settings of tenant {self.tenant_id}"


class Interaction(TenantOwned):
    """One touch: append-only. Recorded by the app (sends, tracking, replies, uploads, stage moves), by people
    in the dashboard (call, meeting, note) and by integrations (``external_id`` makes replays idempotent)."""

    # No index of its own on tenant_id: every composite index leads with it, and a lone tenant index on the two
    # busiest tables only invites the planner to scan the whole tenant (and costs every insert and update).
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, editable=False, related_name="+", db_index=False
    )
    # Covered by interaction_timeline, which leads with it (candidate ids are global, so the tenant adds nothing
    # after them): the foreign-key check of a deleted candidate (a merge, an erasure) finds its rows through it
    # instead of scanning every interaction.
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="interactions", db_index=False
    )
    kind = models.CharField(max_length=20, choices=InteractionKind.choices)
    channel = models.CharField(max_length=12, choices=Channel.choices, blank=True, default="")
    occurred_at = models.DateTimeField(default=timezone.now)
    recorded_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign = models.ForeignKey(
        "Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    message = models.ForeignKey(
        "OutboundMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    external_id = models.CharField(max_length=200, blank=True, default="")
    body = models.TextField(blank=True, default="")  # a note's or a reply's text (sanitised plain text)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["candidate", "-occurred_at"], name="interaction_timeline"),
            models.Index(fields=["tenant", "occurred_at"], name="interaction_time_range"),
            # What was written since the analytics refresh last looked (late events included).
            models.Index(fields=["tenant", "recorded_at"], name="interaction_recorded"),
            models.Index(fields=["tenant", "campaign", "kind"], name="interaction_campaign_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "external_id"],
                condition=~models.Q(external_id=""),
                name="interaction_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.candidate_id} @ {self.occurred_at:%Y-%m-%d}"


class MessagePurpose(models.TextChoices):
    GENERAL = "general", _("General")
    JOB_RECOMMENDATION = "job_recommendation", _("Job recommendation")
    CONTENT = "content", _("Industry content")
    GREETING = "greeting", _("Greeting")
    RECONSENT = "reconsent", _("Re-consent request")


class MessageTemplate(TenantOwned):
    """An email or SMS template with placeholders, rendered in a sandbox (engagement.rendering)."""

    name = models.CharField(max_length=200)
    channel = models.CharField(max_length=12, choices=MESSAGE_CHANNELS, default=Channel.EMAIL)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    purpose = models.CharField(max_length=20, choices=MessagePurpose.choices, default=MessagePurpose.GENERAL)
    subject = models.CharField(max_length=300, blank=True, default="")
    body = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "language", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "name", "channel", "language"], name="messagetemplate_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ContentKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    NEWS = "news", _("Industry news")
    EVENT = "event", _("Event invitation")


class ContentItem(TenantOwned):
    """An article, a piece of industry news or an event invitation, chosen for candidates by their tags."""

    kind = models.CharField(max_length=10, choices=ContentKind.choices, default=ContentKind.ARTICLE)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True, default="")
    url = models.URLField(max_length=1000)
    tag_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    valid_until = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "valid_until"], name="contentitem_valid")]

    def __str__(self) -> str:
        return self.title


class CampaignKind(models.TextChoices):
    MANUAL = "manual", _("Campaign")
    ENGINE = "engine", _("Operations engine")
    RECONSENT = "reconsent", _("Re-consent")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class Campaign(TenantOwned):
    """A one-off message or a multi-step sequence to an audience (engagement.services.campaigns)."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=CampaignKind.choices, default=CampaignKind.MANUAL)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    # {"candidate_ids": [...]} | {"saved_search": id} | {"tag_ids": [...], "tiers": [...]} | {"profile": id}
    # | {"shortlist": id}; resolved when the campaign launches (engagement.services.campaigns.audience_resolve).
    audience = models.JSONField(default=dict, blank=True)
    # Outside the tenant's send window messages wait; a one-off without a window goes out at once.
    use_send_window = models.BooleanField(default=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    engine_rule = models.ForeignKey(
        "EngineRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="campaigns"
    )
    scheduled_at = models.DateTimeField(null=True, blank=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "status"], name="campaign_tenant_status")]

    def __str__(self) -> str:
        return self.name


class StepCondition(models.TextChoices):
    ALWAYS = "always", _("Always")
    NO_REPLY = "no_reply", _("No reply yet")
    OPENED_NOT_CLICKED = "opened_not_clicked", _("Opened but did not click")
    NOT_OPENED = "not_opened", _("Did not open")


class CampaignStep(TenantOwned):
    """One message of a sequence: sent ``delay_days`` after the previous one (or after launch), if its
    condition holds for the candidate then."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    channel = models.CharField(max_length=12, choices=MESSAGE_CHANNELS, default=Channel.EMAIL)
    template = models.ForeignKey(
        MessageTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True, default="")
    body = models.TextField(blank=True, default="")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    delay_days = models.PositiveSmallIntegerField(default=0)
    condition = models.CharField(max_length=20, choices=StepCondition.choices, default=StepCondition.ALWAYS)

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "campaign", "position"], name="campaignstep_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}#{self.position}"


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("In the sequence")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Enrollment(TenantOwned):
    """A candidate in a campaign: which step comes next and when, or why the sequence stopped for them."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="enrollments")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    next_position = models.PositiveSmallIntegerField(default=0)
    next_step_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.CharField(max_length=40, blank=True, default="")  # replied, unsubscribed, hired, …
    # Recommended roles and content chosen for this candidate (the engine's picks), shown in the messages.
    context = models.JSONField(default=dict, blank=True)
    enrolled_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "campaign", "candidate"], name="enrollment_unique")
        ]
        indexes = [
            models.Index(fields=["tenant", "status", "next_step_at"], name="enrollment_due"),
            models.Index(fields=["tenant", "candidate", "status"], name="enrollment_candidate"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} in {self.campaign_id}"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
    BOUNCED = "bounced", _("Bounced")


class MessageKind(models.TextChoices):
    OUTREACH = "outreach", _("Outreach to a candidate")
    SYSTEM = "system", _("Product mail to a member")  # invitations, notifications


class OutboundMessage(TenantOwned):
    """A message to send, written before it is sent. ``idempotency_key`` (per candidate and step, or per
    notification) is unique, so writing it twice is one message; the dispatcher claims rows with SKIP LOCKED
    and marks them ``sending`` before talking to the server, so a crash between the two never sends twice
    (engagement.services.outbox)."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, editable=False, related_name="+", db_index=False
    )
    idempotency_key = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=MessageKind.choices, default=MessageKind.OUTREACH)
    channel = models.CharField(max_length=12, choices=MESSAGE_CHANNELS, default=Channel.EMAIL)
    # candidate and campaign: covered by outbound_candidate (candidate first, so a deleted candidate's foreign-key
    # check finds its messages without a scan) and outbound_campaign_step (the tenant first). Every index here is
    # written on each claim and each mark, the outbox's two updates per message.
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages", db_index=False
    )
    step = models.ForeignKey(
        CampaignStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_address = models.CharField(max_length=254)
    from_address = models.CharField(max_length=254, blank=True, default="")
    subject = models.CharField(max_length=300, blank=True, default="")
    body_text = models.TextField(blank=True, default="")
    body_html = models.TextField(blank=True, default="")
    language = models.CharField(max_length=10, blank=True, default="")
    # The only URLs a click may lead to: a click token names an index into this list (no open redirect).
    links = models.JSONField(default=list, blank=True)
    message_id = models.CharField(max_length=200, blank=True, default="")  # our Message-ID header, <…@…>
    reply_token = models.CharField(max_length=40, blank=True, default="")  # in the reply-to address
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    due_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    skip_reason = models.CharField(max_length=40, blank=True, default="")  # suppressed, do_not_contact, …
    # First human reactions, kept here too so per-step statistics read one table.
    delivered_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    machine_opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "idempotency_key"], name="outbound_idempotency_unique")
        ]
        indexes = [
            # The claim's ORDER BY due_at, id LIMIT n reads this index in order (no sort of every due row).
            models.Index(
                fields=["tenant", "due_at", "id"], condition=models.Q(status="queued"), name="outbound_due"
            ),
            # Rows a dead worker left "sending": few at any time, found each run without scanning the history.
            models.Index(
                fields=["tenant", "claimed_at"], condition=models.Q(status="sending"), name="outbound_sending"
            ),
            models.Index(fields=["candidate", "-created_at"], name="outbound_candidate"),
            models.Index(fields=["tenant", "campaign", "step"], name="outbound_campaign_step"),
            models.Index(fields=["tenant", "message_id"], name="outbound_message_id"),
            models.Index(fields=["tenant", "reply_token"], name="outbound_reply_token"),
            # The daily caps count today's outreach per batch: a range scan, not the whole outbox.
            models.Index(
                fields=["tenant", "claimed_at"],
                condition=models.Q(kind="outreach"),
                name="outbound_outreach_claimed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.to_address} ({self.status})"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    HARD_BOUNCE = "hard_bounce", _("Hard bounce")
    COMPLAINT = "complaint", _("Complaint")
    MANUAL = "manual", _("Added by hand")
    # The person asked to be erased: the row holds a salted hash of the address, never the address.
    ERASED = "erased", _("Erased at the person's request")


class Suppression(TenantOwned):
    """An address never to send to again (checked at send time, every time)."""

    channel = models.CharField(max_length=12, choices=MESSAGE_CHANNELS, default=Channel.EMAIL)
    address = models.CharField(max_length=254, help_text=_("normalised: lower-case email or E.164 phone"))
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices)
    detail = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "channel", "address"], name="suppression_unique")
        ]

    def __str__(self) -> str:
        return f"{self.address} ({self.reason})"


class EngineAction(models.TextChoices):
    JOB_RECOMMENDATION = "job_recommendation", _("Recommend matching open roles and alert the recruiter")
    CONTENT = "content", _("Send industry content chosen by the candidate's tags")
    GREETING = "greeting", _("Send a greeting")
    RECONSENT = "reconsent", _("Ask for consent again")


class EngineRule(TenantOwned):
    """The operations engine's rule for one activity tier: what to send, how often at most, whether it is on.
    Rules start switched off: a recruiter looks at the dry run first."""

    tier = models.CharField(max_length=8, choices=ActivityTier.choices)
    action = models.CharField(max_length=20, choices=EngineAction.choices)
    template = models.ForeignKey(
        MessageTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cadence_days = models.PositiveSmallIntegerField(
        default=30
    )  # at most one message per candidate per N days
    enabled = models.BooleanField(default=False)
    last_run_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["tier"]
        constraints = [models.UniqueConstraint(fields=["tenant", "tier"], name="enginerule_tier_unique")]

    def __str__(self) -> str:
        return f"{self.tier}: {self.action}"


class FollowUp(TenantOwned):
    """A recruiter's task to call a candidate who became highly active, with the open roles that fit them."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.JSONField(default=dict, blank=True)  # {"interactions": [...], "score": …}
    roles = models.JSONField(default=list, blank=True)  # [{"id", "title", "score"}], best first
    fit = models.FloatField(default=0.0)  # the best role's match score, 0–100
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_reason = models.CharField(max_length=20, blank=True, default="")  # contacted, dismissed

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "done_at", "-created_at"], name="followup_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "candidate"],
                condition=models.Q(done_at=None),
                name="followup_one_open_per_candidate",
            )
        ]

    def __str__(self) -> str:
        return f"follow up {self.candidate_id}"
