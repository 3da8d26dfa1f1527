"""Campaigns and their sequences: audiences, steps, launch, the advance of each candidate through the steps,
stopping, pausing, finishing and the per-step statistics. Everything runs in the current tenant.

The life of a campaign: ``campaign_create`` (draft) → ``campaign_launch`` (running, or scheduled until
``scheduled_at``) → ``sequences_advance`` every minute writes each due step's message into the outbox
(``engagement.services.outbox.outbox_enqueue``) and moves the candidate's enrollment to the next step →
finished when no enrollment is active and no message of it is waiting.

Pausing holds the campaign's waiting messages without touching them: the dispatcher does not claim an
outreach message whose campaign is paused (``HELD_CAMPAIGN_STATUSES``), and sends it after a resume.
Finishing by hand stops the enrollments and skips the waiting messages (reason ``campaign_finished``).

A step whose condition does not hold for a candidate (e.g. "opened but not clicked" for someone who clicked)
is passed over for them: no message, and the sequence goes on with the next step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate, CandidateStatus, ConsentStatus, Tag
from talentpool.errors import ServiceError
from talentpool.tenancy.context import require_tenant_id

from ..models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    CampaignStep,
    Channel,
    Enrollment,
    EnrollmentStatus,
    Interaction,
    InteractionKind,
    MessageKind,
    MessageStatus,
    MessageTemplate,
    OutboundMessage,
    StepCondition,
)
from ..scoring import current_params, tier_condition

# The dispatcher leaves an outreach message queued (does not claim it) while its campaign is in one of these.
HELD_CAMPAIGN_STATUSES = (CampaignStatus.PAUSED,)
# Campaigns whose active enrollments count as "in a running sequence" (a merge of such a candidate is refused).
LIVE_STATUSES = (CampaignStatus.RUNNING, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED)

AUDIENCE_KINDS = {
    "candidate_ids": {"candidate_ids"},
    "saved_search": {"saved_search"},
    "segment": {"tag_ids", "tiers", "sources"},
    "profile": {"profile", "min_score"},
    "shortlist": {"shortlist"},
}
MAX_CANDIDATE_IDS = 100_000
MAX_ROLE_MATCHES = 5_000  # a role's (or a saved role search's) audience: its best matches, at most this many
MAX_STEPS = 10
MAX_DELAY_DAYS = 365
STEP_KEYS = {"channel", "template", "subject", "body", "language", "delay_days", "condition"}
ADVANCE_BATCH = 500
LAUNCH_INLINE_ENROLLMENTS = 1_000  # advanced inside the launch; the rest by the task right after it commits
_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _error(message: str, field: str, code: str = "invalid") -> ServiceError:
    return ServiceError(message, field=field, code=code)


# --- audiences ----------------------------------------------------------------------------------------------


def reachable(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """Those of ``candidates`` a campaign may address: active (not hired, merged, anonymised or do-not-contact)
    and without a withdrawn consent. The dispatcher checks again at send time."""
    return candidates.filter(status=CandidateStatus.ACTIVE, merged_into__isnull=True).exclude(
        consent_status=ConsentStatus.WITHDRAWN
    )


def _id_list(value, field: str, *, limit: int) -> list[int]:
    if not isinstance(value, list | tuple):
        raise _error(_("Give a list of ids."), field)
    if len(value) > limit:
        raise _error(_("At most %(limit)d ids.") % {"limit": limit}, field)
    return list(dict.fromkeys(_one_id(item, field, message=_("Give a list of ids.")) for item in value))


def _one_id(value, field: str, *, message: str = "") -> int:
    message = message or _("Give an id.")
    if isinstance(value, bool):
        raise _error(message, field)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _error(message, field) from None
    if number <= 0 or (isinstance(value, float) and number != value):
        raise _error(message, field)
    return number


def audience_validate(audience) -> dict:
    """The audience checked and normalised (ids as ints, duplicates dropped). ``{}`` is an empty audience.

    Raises ServiceError (field ``audience``) for a value that is not an object, unknown or mixed keys, bad
    values, and ids that are not the current tenant's (saved search, role, shortlist, tags, candidates).
    """
    from profiles.models import RoleProfile, SavedSearch, Shortlist

    if audience in (None, {}):
        return {}
    if not isinstance(audience, dict):
        raise _error(_("The audience must be an object."), "audience")
    keys = set(audience)
    kinds = [kind for kind, allowed in AUDIENCE_KINDS.items() if keys <= allowed]
    if not kinds:
        known = set().union(*AUDIENCE_KINDS.values())
        unknown = sorted(keys - known)
        message = (
            _("Unknown audience key: %(key)s.") % {"key": unknown[0]}
            if unknown
            else _(
                "Choose one kind of audience: candidates, a saved search, tags and tiers, a role's "
                "matches or a shortlist."
            )
        )
        raise _error(message, "audience")
    kind = kinds[0]
    if kind == "candidate_ids":
        ids = _id_list(audience["candidate_ids"], "audience", limit=MAX_CANDIDATE_IDS)
        found = Candidate.objects.filter(pk__in=ids).count()
        if found != len(ids):
            raise _error(_("Some of these candidates do not exist."), "audience", "unknown_candidate")
        return {"candidate_ids": ids}
    if kind == "saved_search":
        pk = _one_id(audience["saved_search"], "audience")
        if not SavedSearch.objects.filter(pk=pk).exists():
            raise _error(_("Unknown saved search."), "audience", "unknown_saved_search")
        return {"saved_search": pk}
    if kind == "shortlist":
        pk = _one_id(audience["shortlist"], "audience")
        if not Shortlist.objects.filter(pk=pk).exists():
            raise _error(_("Unknown shortlist."), "audience", "unknown_shortlist")
        return {"shortlist": pk}
    if kind == "profile":
        pk = _one_id(audience.get("profile"), "audience")
        if not RoleProfile.objects.filter(pk=pk).exists():
            raise _error(_("Unknown role profile."), "audience", "unknown_profile")
        min_score = audience.get("min_score", 0) or 0
        if isinstance(min_score, bool) or not isinstance(min_score, int | float) or not 0 <= min_score <= 100:
            raise _error(_("min_score must be a number from 0 to 100."), "audience")
        return {"profile": pk, "min_score": min_score}
    normalised: dict = {}
    if audience.get("tag_ids"):
        tag_ids = _id_list(audience["tag_ids"], "audience", limit=500)
        if Tag.objects.filter(pk__in=tag_ids).count() != len(tag_ids):
            raise _error(_("Some of these tags do not exist."), "audience", "unknown_tag")
        normalised["tag_ids"] = sorted(tag_ids)
    if audience.get("tiers"):
        tiers = audience["tiers"]
        if not isinstance(tiers, list | tuple) or any(tier not in ("high", "mid", "low") for tier in tiers):
            raise _error(_("Tiers are high, mid and low."), "audience")
        normalised["tiers"] = sorted(set(tiers))
    if audience.get("sources"):
        sources = audience["sources"]
        if not isinstance(sources, list | tuple) or not all(
            isinstance(s, str) and s.strip() for s in sources
        ):
            raise _error(_("Sources are a list of names."), "audience")
        normalised["sources"] = sorted({source.strip() for source in sources})
    return normalised


def _role_match_ids(profile, options) -> list[int]:
    """The ids of the role's best matches under ``options``, best first, at most MAX_ROLE_MATCHES."""
    import dataclasses

    from profiles.matching import MAX_LIMIT, rank

    ids: list[int] = []
    while len(ids) < MAX_ROLE_MATCHES:
        page = rank(profile, dataclasses.replace(options, limit=MAX_LIMIT, offset=len(ids)))
        ids += [match.candidate_id for match in page]
        if len(page) < MAX_LIMIT:
            break
    return ids[:MAX_ROLE_MATCHES]


def _saved_search_candidates(saved) -> QuerySet[Candidate]:
    from django.http import QueryDict

    from candidates.forms import PoolFilterForm
    from candidates.selectors import candidate_list
    from profiles.matching import options_from_params

    if saved.profile_id is not None:
        params = {key: value for key, value in (saved.params or {}).items() if key not in ("limit", "offset")}
        try:
            options = options_from_params(params)
        except ServiceError:
            raise _error(_("The saved search's filters are no longer valid."), "audience") from None
        return Candidate.objects.filter(pk__in=_role_match_ids(saved.profile, options))
    # A pool search, re-run as the pool page runs it (its filters through the pool's form).
    query = QueryDict(mutable=True)
    for key, value in (saved.params or {}).items():
        query.setlist(key, [str(item) for item in value] if isinstance(value, list) else [str(value)])
    return candidate_list(**PoolFilterForm(query).filters())


def audience_candidates(audience) -> QuerySet[Candidate]:
    """The reachable candidates of a (validated) audience, as an unordered queryset. A role's audience and a
    saved role search run the matching first (their best MAX_ROLE_MATCHES); the other kinds stay one query."""
    from profiles.matching import MatchOptions
    from profiles.models import RoleProfile, SavedSearch, ShortlistEntry

    audience = audience or {}
    candidates = Candidate.objects.all()
    if not audience:
        candidates = candidates.none()
    elif "candidate_ids" in audience:
        candidates = candidates.filter(pk__in=audience["candidate_ids"])
    elif "saved_search" in audience:
        saved = SavedSearch.objects.select_related("profile").filter(pk=audience["saved_search"]).first()
        candidates = candidates.none() if saved is None else _saved_search_candidates(saved)
    elif "shortlist" in audience:
        candidates = candidates.filter(
            pk__in=ShortlistEntry.objects.filter(shortlist_id=audience["shortlist"]).values("candidate_id")
        )
    elif "profile" in audience:
        profile = RoleProfile.objects.filter(pk=audience["profile"]).first()
        candidates = (
            candidates.none()
            if profile is None
            else candidates.filter(
                pk__in=_role_match_ids(profile, MatchOptions(min_score=float(audience.get("min_score") or 0)))
            )
        )
    else:
        if audience.get("tag_ids"):
            # && on the GIN-indexed int[] column (any of the tags).
            candidates = candidates.filter(tag_ids__overlap=audience["tag_ids"])
        if audience.get("tiers"):
            candidates = candidates.filter(tier_condition(audience["tiers"], current_params()))
        if audience.get("sources"):
            candidates = candidates.filter(source__in=audience["sources"])
    return reachable(candidates).order_by()


def audience_candidate_ids(audience) -> QuerySet:
    """The ids of the audience's reachable candidates (a lazy ``values_list`` query). Raises ServiceError for
    an invalid audience (field ``audience``)."""
    return audience_candidates(audience_validate(audience)).values_list("pk", flat=True)


def audience_count(audience) -> int:
    """How many reachable candidates the audience holds now. One COUNT statement for ids, tags, tiers, sources,
    shortlists and saved pool searches (after the validation's lookups); a role's matches rank first.
    Raises ServiceError (field ``audience``) for an invalid audience."""
    return audience_candidates(audience_validate(audience)).count()


# --- steps -----------------------------------------------------------------------------------------------------


def _validate_text(text: str, field: str) -> None:
    from ..rendering import TemplateError, validate

    try:
        validate(text)
    except TemplateError as exc:
        raise _error(
            _("%(field)s: %(problem)s") % {"field": field, "problem": exc}, field, "template_error"
        ) from None


def steps_validate(steps) -> list[dict]:
    """The steps checked and normalised: [{"channel", "template" (MessageTemplate or None), "subject", "body",
    "language", "delay_days", "condition"}] in order. Raises ServiceError naming the field, e.g.
    ``steps[0].body`` for an unknown placeholder (engagement.rendering.validate)."""
    if steps is None:
        return []
    if not isinstance(steps, list | tuple):
        raise _error(_("Steps must be a list."), "steps")
    if len(steps) > MAX_STEPS:
        raise _error(_("At most %(count)d steps.") % {"count": MAX_STEPS}, "steps")
    cleaned = []
    for index, step in enumerate(steps):
        prefix = f"steps[{index}]"
        if not isinstance(step, dict):
            raise _error(_("Each step must be an object."), prefix)
        unknown = sorted(set(step) - STEP_KEYS)
        if unknown:
            raise _error(_("Unknown step field: %(key)s.") % {"key": unknown[0]}, f"{prefix}.{unknown[0]}")
        template = None
        if step.get("template") not in (None, ""):
            template = MessageTemplate.objects.filter(
                pk=_one_id(step["template"], f"{prefix}.template")
            ).first()
            if template is None:
                raise _error(_("Unknown template."), f"{prefix}.template", "unknown_template")
        channel = step.get("channel") or (template.channel if template else Channel.EMAIL)
        if channel not in (Channel.EMAIL, Channel.SMS):
            raise _error(_("The channel is email or sms."), f"{prefix}.channel")
        if template is not None and template.channel != channel:
            raise _error(_("The template is for another channel."), f"{prefix}.template")
        subject = step.get("subject") or ""
        body = step.get("body") or ""
        if not isinstance(subject, str) or len(subject) > 300:
            raise _error(_("The subject is text of at most 300 characters."), f"{prefix}.subject")
        if not isinstance(body, str):
            raise _error(_("The body is text."), f"{prefix}.body")
        if template is None:
            if not body.strip():
                raise _error(_("Write the message or choose a template."), f"{prefix}.body", "required")
            if channel == Channel.EMAIL and not subject.strip():
                raise _error(_("An email needs a subject."), f"{prefix}.subject", "required")
        if subject:
            _validate_text(subject, f"{prefix}.subject")
        if body:
            _validate_text(body, f"{prefix}.body")
        language = step.get("language") or (template.language if template else "zh-hans")
        if language not in _LANGUAGES:
            raise _error(_("Unknown language."), f"{prefix}.language")
        delay = step.get("delay_days", 0) or 0
        if isinstance(delay, bool) or not isinstance(delay, int) or not 0 <= delay <= MAX_DELAY_DAYS:
            raise _error(
                _("The delay is a whole number of days from 0 to %(max)d.") % {"max": MAX_DELAY_DAYS},
                f"{prefix}.delay_days",
            )
        condition = step.get("condition") or StepCondition.ALWAYS
        if condition not in StepCondition.values:
            raise _error(_("Unknown condition."), f"{prefix}.condition")
        cleaned.append(
            {
                "channel": channel,
                "template": template,
                "subject": subject,
                "body": body,
                "language": language,
                "delay_days": delay,
                "condition": condition,
            }
        )
    return cleaned


def _write_steps(campaign: Campaign, steps: list[dict]) -> None:
    CampaignStep.objects.filter(campaign=campaign).delete()
    CampaignStep.objects.bulk_create(
        [
            CampaignStep(tenant_id=campaign.tenant_id, campaign=campaign, position=position, **step)
            for position, step in enumerate(steps)
        ]
    )


# --- create, update, delete ----------------------------------------------------------------------------------


def _enroll_with_context(campaign: Campaign, audience: dict, context_for: Callable[[Candidate], dict]) -> int:
    """Write the draft's enrollments with each candidate's own context (the engine's picks); not yet due."""
    ids = list(audience_candidates(audience).values_list("pk", flat=True).order_by("pk"))
    written = 0
    for start in range(0, len(ids), 1000):
        chunk = Candidate.objects.filter(pk__in=ids[start : start + 1000]).order_by("pk")
        rows = [
            Enrollment(
                tenant_id=campaign.tenant_id,
                campaign=campaign,
                candidate=candidate,
                context=dict(context_for(candidate) or {}),
            )
            for candidate in chunk
        ]
        Enrollment.objects.bulk_create(rows, ignore_conflicts=True)
        written += len(rows)
    return written


def campaign_create(
    *,
    name: str,
    audience,
    steps,
    kind: str = CampaignKind.MANUAL,
    use_send_window: bool = True,
    sender=None,
    actor=None,
    engine_rule=None,
    context_for: Callable[[Candidate], dict] | None = None,
    scheduled_at: datetime | None = None,
) -> Campaign:
    """A draft campaign in the current tenant. ``steps``: [{"channel", "template" (id) or "subject"/"body"/
    "language", "delay_days", "condition"}]. ``context_for(candidate) -> dict`` (optional) gives each candidate's
    own context (recommended roles and content), stored on their enrollment, written now.

    Raises ServiceError naming the field (``name``, ``audience``, ``steps[i].body``, …). Not idempotent: twice
    is two drafts."""
    name = (name or "").strip() if isinstance(name, str) else ""
    if not name:
        raise _error(_("Give the campaign a name."), "name", "required")
    if kind not in CampaignKind.values:
        raise _error(_("Unknown campaign kind."), "kind")
    if scheduled_at is not None and timezone.is_naive(scheduled_at):
        raise _error(_("The start time needs a time zone."), "scheduled_at")
    audience = audience_validate(audience)
    cleaned_steps = steps_validate(steps)
    now = timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name[:200],
            kind=kind,
            audience=audience,
            use_send_window=bool(use_send_window),
            sender=sender,
            engine_rule=engine_rule,
            scheduled_at=scheduled_at,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        _write_steps(campaign, cleaned_steps)
        if context_for is not None and audience:
            _enroll_with_context(campaign, audience, context_for)
    return campaign


_UPDATABLE = {"name", "audience", "steps", "use_send_window", "sender", "scheduled_at"}


def campaign_update(campaign: Campaign, *, actor=None, **changes) -> Campaign:
    """Change a draft: any of name, audience, steps (replaced as a whole), use_send_window, sender,
    scheduled_at. Raises ServiceError for a campaign that is not a draft (code ``not_draft``), an unknown
    field or a bad value. Safe to run twice."""
    unknown = sorted(set(changes) - _UPDATABLE)
    if unknown:
        raise _error(_("Unknown field: %(key)s.") % {"key": unknown[0]}, unknown[0])
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != CampaignStatus.DRAFT:
            raise _error(_("Only a draft can be changed."), "status", "not_draft")
        if "name" in changes:
            name = (changes["name"] or "").strip() if isinstance(changes["name"], str) else ""
            if not name:
                raise _error(_("Give the campaign a name."), "name", "required")
            campaign.name = name[:200]
        if "audience" in changes:
            audience = audience_validate(changes["audience"])
            if audience != campaign.audience:
                # Enrollments written for the old audience (with their own context) no longer apply.
                Enrollment.objects.filter(campaign=campaign).delete()
            campaign.audience = audience
        if "steps" in changes:
            _write_steps(campaign, steps_validate(changes["steps"]))
        if "use_send_window" in changes:
            campaign.use_send_window = bool(changes["use_send_window"])
        if "sender" in changes:
            campaign.sender = changes["sender"]
        if "scheduled_at" in changes:
            if changes["scheduled_at"] is not None and timezone.is_naive(changes["scheduled_at"]):
                raise _error(_("The start time needs a time zone."), "scheduled_at")
            campaign.scheduled_at = changes["scheduled_at"]
        campaign.updated_at = timezone.now()
        campaign.save()
    return campaign


def campaign_delete(campaign: Campaign, *, actor=None) -> None:
    """Delete a draft (its steps and draft enrollments with it). Raises ServiceError (code ``not_draft``) for a
    campaign that was launched: those are finished instead, so their statistics stay."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != CampaignStatus.DRAFT:
            raise _error(
                _("Only a draft can be deleted; finish a launched campaign instead."), "status", "not_draft"
            )
        campaign.delete()


# --- launch, pause, resume, finish -----------------------------------------------------------------------------


def _compiled(queryset) -> tuple[str, tuple]:
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def campaign_launch(campaign: Campaign, *, actor=None, now: datetime | None = None) -> Campaign:
    """Launch a draft (or start a scheduled campaign now): running, or scheduled when ``scheduled_at`` is
    still ahead. The audience is resolved now, in one INSERT … SELECT … ON CONFLICT DO NOTHING, each enrollment
    due at launch (or at ``scheduled_at``); a running campaign's first steps are written to the outbox at once
    (up to LAUNCH_INLINE_ENROLLMENTS here, the rest by the task right after commit).

    Raises ServiceError: not a draft or scheduled campaign (``status``), no steps (``steps``), an empty
    audience ("The audience is empty", ``audience``). Launching a running campaign again is refused."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
            raise _error(_("This campaign was launched already."), "status", "already_launched")
        if not CampaignStep.objects.filter(campaign=campaign).exists():
            raise _error(_("Add a step first."), "steps", "no_steps")
        audience = audience_candidates(audience_validate(campaign.audience))
        starts_at = campaign.scheduled_at if campaign.scheduled_at and campaign.scheduled_at > now else now
        try:
            select_sql, select_params = _compiled(audience.values("pk"))
        except EmptyResultSet:  # an audience that cannot hold anyone (no ids, an unknown saved search)
            select_sql, select_params = "SELECT NULL::bigint AS id WHERE false", ()
        table = Enrollment._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (tenant_id, campaign_id, candidate_id, status, next_position, next_step_at, "
                f"stop_reason, context, enrolled_at, updated_at) "
                f"SELECT %s, %s, a.candidate_id, %s, 0, %s, '', '{{}}'::jsonb, %s, %s "
                f"FROM ({select_sql}) AS a (candidate_id) "
                f"ON CONFLICT (tenant_id, campaign_id, candidate_id) DO NOTHING",
                [
                    require_tenant_id(),
                    campaign.pk,
                    EnrollmentStatus.ACTIVE,
                    starts_at,
                    now,
                    now,
                    *select_params,
                ],
            )
        # Enrollments written at creation (with their own context) become due now too.
        Enrollment.objects.filter(
            campaign=campaign, status=EnrollmentStatus.ACTIVE, next_step_at__isnull=True
        ).update(next_step_at=starts_at, enrolled_at=now, updated_at=now)
        if not Enrollment.objects.filter(campaign=campaign, status=EnrollmentStatus.ACTIVE).exists():
            raise _error(_("The audience is empty"), "audience", "empty_audience")
        campaign.status = CampaignStatus.SCHEDULED if starts_at > now else CampaignStatus.RUNNING
        campaign.launched_at = campaign.launched_at or now
        campaign.updated_at = now
        campaign.save(update_fields=["status", "launched_at", "updated_at"])
        if campaign.status == CampaignStatus.RUNNING:
            advanced = sequences_advance(
                now=now, campaign_ids=[campaign.pk], max_enrollments=LAUNCH_INLINE_ENROLLMENTS
            )
            if advanced >= LAUNCH_INLINE_ENROLLMENTS:
                from ..tasks import campaigns_advance

                tenant_id = require_tenant_id()
                transaction.on_commit(lambda: campaigns_advance.delay(tenant_id))
    campaign.refresh_from_db()
    return campaign


def _transition(campaign: Campaign, allowed: tuple, target: str, message: str) -> Campaign:
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status == target:
            return campaign
        if campaign.status not in allowed:
            raise _error(message, "status", "bad_status")
        campaign.status = target
        campaign.updated_at = timezone.now()
        campaign.save(update_fields=["status", "updated_at"])
    return campaign


def campaign_pause(campaign: Campaign, *, actor=None) -> Campaign:
    """Pause a running or scheduled campaign: no step advances and its queued messages are held (the dispatcher
    does not claim them) until ``campaign_resume``. Safe to run twice. Raises ServiceError for a draft or
    finished campaign."""
    return _transition(
        campaign,
        (CampaignStatus.RUNNING, CampaignStatus.SCHEDULED),
        CampaignStatus.PAUSED,
        _("Only a running or scheduled campaign can be paused."),
    )


def campaign_resume(campaign: Campaign, *, actor=None) -> Campaign:
    """Resume a paused campaign: scheduled again if its start is still ahead, else running (the held messages
    go out and the due steps advance on the next minute). Safe to run twice. Raises ServiceError unless paused
    (or already running)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status in (CampaignStatus.RUNNING, CampaignStatus.SCHEDULED):
            return campaign
        if campaign.status != CampaignStatus.PAUSED:
            raise _error(_("Only a paused campaign can be resumed."), "status", "bad_status")
        now = timezone.now()
        ahead = campaign.scheduled_at is not None and campaign.scheduled_at > now
        campaign.status = CampaignStatus.SCHEDULED if ahead else CampaignStatus.RUNNING
        campaign.updated_at = now
        campaign.save(update_fields=["status", "updated_at"])
    return campaign


def campaign_finish(campaign: Campaign, *, actor=None, reason: str = "campaign_finished") -> Campaign:
    """End a launched campaign now: active enrollments stop and its queued messages are skipped, both with
    ``reason``. Safe to run twice. Raises ServiceError for a draft (delete it instead)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status == CampaignStatus.FINISHED:
            return campaign
        if campaign.status == CampaignStatus.DRAFT:
            raise _error(_("A draft is deleted, not finished."), "status", "bad_status")
        now = timezone.now()
        Enrollment.objects.filter(campaign=campaign, status=EnrollmentStatus.ACTIVE).update(
            status=EnrollmentStatus.STOPPED, stop_reason=reason, next_step_at=None, updated_at=now
        )
        OutboundMessage.objects.filter(campaign=campaign, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SKIPPED, skip_reason=reason
        )
        campaign.status = CampaignStatus.FINISHED
        campaign.finished_at = now
        campaign.updated_at = now
        campaign.save(update_fields=["status", "finished_at", "updated_at"])
    return campaign


def enrollments_stop(*, candidate, reason: str) -> int:
    """Stop every active sequence of ``candidate`` (a reply, an unsubscribe, a hire, do-not-contact…) and skip
    their outreach messages not yet sent, both with ``reason``. Returns how many enrollments stopped. Safe to
    run twice (the second stops nothing)."""
    candidate_id = getattr(candidate, "pk", candidate)
    reason = (reason or "stopped")[:40]
    now = timezone.now()
    with transaction.atomic():
        stopped = Enrollment.objects.filter(candidate_id=candidate_id, status=EnrollmentStatus.ACTIVE).update(
            status=EnrollmentStatus.STOPPED, stop_reason=reason, next_step_at=None, updated_at=now
        )
        OutboundMessage.objects.filter(
            candidate_id=candidate_id, kind=MessageKind.OUTREACH, status=MessageStatus.QUEUED
        ).update(status=MessageStatus.SKIPPED, skip_reason=reason)
    return stopped


# --- advancing the sequences ------------------------------------------------------------------------------------


def _primary_contacts(candidate_ids: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    from candidates.models import CandidateEmail, CandidatePhone

    emails: dict[int, str] = {}
    for candidate_id, email in (
        CandidateEmail.objects.filter(candidate_id__in=candidate_ids)
        .order_by("candidate_id", "-is_primary", "id")
        .values_list("candidate_id", "email")
    ):
        emails.setdefault(candidate_id, email)
    phones: dict[int, str] = {}
    for candidate_id, phone in (
        CandidatePhone.objects.filter(candidate_id__in=candidate_ids)
        .order_by("candidate_id", "-is_primary", "id")
        .values_list("candidate_id", "phone")
    ):
        phones.setdefault(candidate_id, phone)
    return emails, phones


def _condition_facts(enrollments: list[Enrollment], conditions: set[str]) -> tuple[dict, dict]:
    """(last reply time per candidate, {(campaign, candidate): (human opens, clicks)}) for the batch, in at most
    two queries, only for the conditions the batch's due steps use."""
    candidate_ids = [e.candidate_id for e in enrollments]
    replies: dict[int, datetime] = {}
    reactions: dict[tuple[int, int], tuple[int, int]] = {}
    if StepCondition.NO_REPLY in conditions:
        earliest = min(e.enrolled_at for e in enrollments)
        replies = dict(
            Interaction.objects.filter(
                kind=InteractionKind.REPLIED, candidate_id__in=candidate_ids, occurred_at__gte=earliest
            )
            .values_list("candidate_id")
            .annotate(last=Max("occurred_at"))
            .order_by()
        )
    if conditions & {StepCondition.OPENED_NOT_CLICKED, StepCondition.NOT_OPENED}:
        rows = (
            OutboundMessage.objects.filter(
                campaign_id__in={e.campaign_id for e in enrollments}, candidate_id__in=candidate_ids
            )
            .values_list("campaign_id", "candidate_id")
            .annotate(opens=Count("opened_at"), clicks=Count("clicked_at"))
            .order_by()
        )
        reactions = {
            (campaign_id, candidate_id): (opens, clicks) for campaign_id, candidate_id, opens, clicks in rows
        }
    return replies, reactions


def _condition_holds(step: CampaignStep, enrollment: Enrollment, replies: dict, reactions: dict) -> bool:
    if step.condition == StepCondition.NO_REPLY:
        replied = replies.get(enrollment.candidate_id)
        return replied is None or replied < enrollment.enrolled_at
    opens, clicks = reactions.get((enrollment.campaign_id, enrollment.candidate_id), (0, 0))
    if step.condition == StepCondition.OPENED_NOT_CLICKED:
        return opens > 0 and clicks == 0
    if step.condition == StepCondition.NOT_OPENED:
        return opens == 0
    return True


def _step_texts(step: CampaignStep) -> tuple[str, str, str]:
    template = step.template
    if template is not None:
        return template.subject, template.body, template.language
    return step.subject, step.body, step.language


def _step_context(
    candidate: Candidate, enrollment: Enrollment, campaign: Campaign, tenant, links=None
) -> dict:
    from ..rendering import candidate_context

    extra = dict(enrollment.context or {})
    context = candidate_context(
        candidate,
        recruiter=campaign.sender,
        tenant=tenant,
        roles=extra.pop("roles", ()),
        content=extra.pop("content", ()),
        links=links or extra.pop("links", None),
    )
    context.update({key: value for key, value in extra.items() if key not in context})
    return context


def _render_step(step: CampaignStep, context: dict) -> dict:
    """{"subject", "text", "html", "links", "language"} of the step for one candidate (no HTML part for SMS)."""
    from ..rendering import render_message

    subject, body, language = _step_texts(step)
    if step.channel != Channel.EMAIL:
        subject = ""
    message = render_message(subject, body, context)
    if step.channel != Channel.EMAIL:
        message["html"] = ""
    message["language"] = language
    return message


def _with_unsubscribe_link(message: OutboundMessage, step: CampaignStep, context: dict) -> None:
    """A body naming ``links.unsubscribe`` gets the message's own one-click URL, which exists only once the row
    does: render again with it and store the result (the first render left the placeholder empty)."""
    from ..tracking import unsubscribe_url

    if message.status != MessageStatus.QUEUED:
        return
    links = {"unsubscribe": unsubscribe_url(message)}
    rendered = _render_step(step, {**context, "links": {**(context.get("links") or {}), **links}})
    OutboundMessage.objects.filter(pk=message.pk, status=MessageStatus.QUEUED).update(
        body_text=rendered["text"], body_html=rendered["html"], links=rendered["links"]
    )


def _advance_batch(now: datetime, campaign_ids, size: int) -> int:
    from talentpool.tenancy.models import Tenant

    from ..rendering import TemplateError
    from .outbox import outbox_enqueue

    with transaction.atomic():
        due = Enrollment.objects.filter(
            status=EnrollmentStatus.ACTIVE, next_step_at__lte=now, campaign__status=CampaignStatus.RUNNING
        )
        if campaign_ids is not None:
            due = due.filter(campaign_id__in=campaign_ids)
        enrollments = list(
            due.select_for_update(skip_locked=True, of=("self",)).order_by("next_step_at", "id")[:size]
        )
        if not enrollments:
            return 0
        campaigns = Campaign.objects.select_related("sender").in_bulk({e.campaign_id for e in enrollments})
        steps_by_campaign: dict[int, list[CampaignStep]] = defaultdict(list)
        for step in (
            CampaignStep.objects.filter(campaign_id__in=campaigns)
            .select_related("template")
            .order_by("campaign_id", "position")
        ):
            steps_by_campaign[step.campaign_id].append(step)
        candidates = Candidate.objects.in_bulk([e.candidate_id for e in enrollments])
        emails, phones = _primary_contacts(list(candidates))
        due_steps = {}
        for enrollment in enrollments:
            due_steps[enrollment.pk] = next(
                (
                    step
                    for step in steps_by_campaign[enrollment.campaign_id]
                    if step.position >= enrollment.next_position
                ),
                None,
            )
        replies, reactions = _condition_facts(
            enrollments, {step.condition for step in due_steps.values() if step is not None}
        )
        tenant = Tenant.objects.get(pk=require_tenant_id())
        for enrollment in enrollments:
            enrollment.updated_at = now
            step = due_steps[enrollment.pk]
            candidate = candidates.get(enrollment.candidate_id)
            campaign = campaigns[enrollment.campaign_id]
            if step is None:
                enrollment.status, enrollment.next_step_at = EnrollmentStatus.COMPLETED, None
                continue
            stop_reason = _stop_reason(candidate)
            if stop_reason:
                enrollment.status, enrollment.stop_reason, enrollment.next_step_at = (
                    EnrollmentStatus.STOPPED,
                    stop_reason,
                    None,
                )
                continue
            if _condition_holds(step, enrollment, replies, reactions):
                address = (emails if step.channel == Channel.EMAIL else phones).get(candidate.pk)
                if not address:
                    enrollment.status, enrollment.stop_reason, enrollment.next_step_at = (
                        EnrollmentStatus.STOPPED,
                        "no_contact",
                        None,
                    )
                    continue
                try:
                    context = _step_context(candidate, enrollment, campaign, tenant)
                    rendered = _render_step(step, context)
                except TemplateError:
                    enrollment.status, enrollment.stop_reason, enrollment.next_step_at = (
                        EnrollmentStatus.STOPPED,
                        "template_error",
                        None,
                    )
                    continue
                message = outbox_enqueue(
                    idempotency_key=f"c{campaign.pk}:s{step.position}:k{candidate.pk}",
                    channel=step.channel,
                    to_address=address,
                    subject=rendered["subject"][:300],
                    body_text=rendered["text"],
                    body_html=rendered["html"],
                    kind=MessageKind.OUTREACH,
                    candidate=candidate,
                    campaign=campaign,
                    step=step,
                    enrollment=enrollment,
                    sender=campaign.sender,
                    due_at=now,
                    language=rendered["language"],
                    links=rendered["links"],
                )
                if "links.unsubscribe" in _step_texts(step)[1]:
                    _with_unsubscribe_link(message, step, context)
            following = next(
                (
                    later
                    for later in steps_by_campaign[enrollment.campaign_id]
                    if later.position > step.position
                ),
                None,
            )
            if following is None:
                enrollment.status, enrollment.next_step_at = EnrollmentStatus.COMPLETED, None
                enrollment.next_position = step.position + 1
            else:
                enrollment.next_position = following.position
                enrollment.next_step_at = now + timedelta(days=following.delay_days)
        Enrollment.objects.bulk_update(
            enrollments, ["status", "stop_reason", "next_position", "next_step_at", "updated_at"]
        )
    return len(enrollments)


def _stop_reason(candidate: Candidate | None) -> str:
    """Why a candidate can no longer be in a sequence ('' while they can): deleted, hired, do-not-contact,
    merged, anonymised, consent withdrawn."""
    if candidate is None:
        return "deleted"
    if candidate.status != CandidateStatus.ACTIVE:
        return str(candidate.status)
    if candidate.consent_status == ConsentStatus.WITHDRAWN:
        return "consent_withdrawn"
    return ""


def sequences_advance(
    *, now: datetime | None = None, campaign_ids=None, max_enrollments: int = 20_000
) -> int:
    """Write the due steps of the current tenant's running campaigns to the outbox and move each enrollment on:
    scheduled campaigns whose time came start; each due enrollment (active, ``next_step_at`` ≤ now) gets its
    step's message (if the step's condition holds; a candidate without an address for the channel stops with
    ``no_contact``) due at ``now``, then the next step's time or completion. Batches of ADVANCE_BATCH, each its
    own transaction with the rows locked (SKIP LOCKED), at most ``max_enrollments`` per call; a campaign with
    nothing left to do becomes finished. Returns how many enrollments were advanced (== max_enrollments: call
    again). Safe to run twice and concurrently: the message keys are unique per campaign, step and candidate."""
    now = now or timezone.now()
    starting = Campaign.objects.filter(status=CampaignStatus.SCHEDULED, scheduled_at__lte=now)
    if campaign_ids is not None:
        starting = starting.filter(pk__in=campaign_ids)
    starting.update(status=CampaignStatus.RUNNING, updated_at=now)
    advanced = 0
    while advanced < max_enrollments:
        count = _advance_batch(now, campaign_ids, min(ADVANCE_BATCH, max_enrollments - advanced))
        advanced += count
        if count == 0:
            break
    _finish_done(now, campaign_ids)
    return advanced


def _finish_done(now: datetime, campaign_ids) -> int:
    """Running campaigns with no active enrollment and no message waiting to go become finished."""
    done = (
        Campaign.objects.filter(status=CampaignStatus.RUNNING)
        .exclude(Exists(Enrollment.objects.filter(campaign=OuterRef("pk"), status=EnrollmentStatus.ACTIVE)))
        .exclude(
            Exists(
                OutboundMessage.objects.filter(
                    campaign=OuterRef("pk"), status__in=[MessageStatus.QUEUED, MessageStatus.SENDING]
                )
            )
        )
    )
    if campaign_ids is not None:
        done = done.filter(pk__in=campaign_ids)
    return done.update(status=CampaignStatus.FINISHED, finished_at=now, updated_at=now)


# --- statistics ---------------------------------------------------------------------------------------------------


STAT_COUNTERS = (
    "messages",
    "queued",
    "sent",
    "delivered",
    "opened",
    "machine_opened",
    "clicked",
    "replied",
    "unsubscribed",
    "bounced",
    "failed",
    "skipped",
)


def campaign_stats(campaign: Campaign) -> list[dict]:
    """Per step, in order: {"step_id", "position", "channel", "subject", "audience" (the campaign's
    enrollments), "messages", "queued" (queued or sending), "sent", "delivered", "opened" (human opens),
    "machine_opened", "clicked", "replied", "unsubscribed", "bounced", "failed", "skipped", "skip_reasons"
    {reason: count}}. The message figures come from one GROUP BY over the outbox's reaction timestamps."""
    steps = list(
        CampaignStep.objects.filter(campaign=campaign).select_related("template").order_by("position")
    )
    audience = Enrollment.objects.filter(campaign=campaign).count()
    rows = (
        OutboundMessage.objects.filter(campaign=campaign)
        .values("step_id", "status", "skip_reason")
        .annotate(
            messages=Count("id"),
            delivered=Count("delivered_at"),
            opened=Count("opened_at"),
            machine_opened=Count("machine_opened_at"),
            clicked=Count("clicked_at"),
            replied=Count("replied_at"),
            unsubscribed=Count("unsubscribed_at"),
            bounced_at=Count("bounced_at"),
            sent=Count("sent_at"),
        )
        .order_by()
    )
    by_step: dict = {
        step.pk: {
            "step_id": step.pk,
            "position": step.position,
            "channel": step.channel,
            "subject": step.template.subject if step.template else step.subject,
            "audience": audience,
            **dict.fromkeys(STAT_COUNTERS, 0),
            "skip_reasons": {},
        }
        for step in steps
    }
    for row in rows:
        stats = by_step.get(row["step_id"])
        if (
            stats is None
        ):  # the step was deleted (SET_NULL); its messages still count for the campaign's totals
            continue
        for name in (
            "messages",
            "delivered",
            "opened",
            "machine_opened",
            "clicked",
            "replied",
            "unsubscribed",
            "sent",
        ):
            stats[name] += row[name]
        status = row["status"]
        stats["bounced"] += row["messages"] if status == MessageStatus.BOUNCED else row["bounced_at"]
        if status in (MessageStatus.QUEUED, MessageStatus.SENDING):
            stats["queued"] += row["messages"]
        elif status == MessageStatus.FAILED:
            stats["failed"] += row["messages"]
        elif status == MessageStatus.SKIPPED:
            stats["skipped"] += row["messages"]
            reason = row["skip_reason"] or "unknown"
            stats["skip_reasons"][reason] = stats["skip_reasons"].get(reason, 0) + row["messages"]
    return list(by_step.values())


def held_campaign_condition() -> Q:
    """For the dispatcher: outreach messages matching this Q are held (not claimed) because their campaign is
    paused: ``Q(campaign__status__in=HELD_CAMPAIGN_STATUSES)``."""
    return Q(campaign__status__in=HELD_CAMPAIGN_STATUSES)
