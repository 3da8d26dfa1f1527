"""Shapes of role profiles, shortlists, the pipeline and hires. Validation of types here; rules in services.

A few read-only choice fields are plain strings on purpose: the OpenAPI schema names one enum per choice set
and field name, and a choice set shown under two names (``stage`` and ``to_stage``) or two sets under one name
in several components would need settings overrides.
"""

from __future__ import annotations

from datetime import date, timedelta

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates.models import EducationLevel, SalaryPeriod, Tag
from talentpool.api import bounds
from talentpool.web import BIGINT_MAX

from ..models import (
    Application,
    ApplicationStage,
    Decision,
    Hire,
    ProfileEdit,
    ProfileStatus,
    Requirement,
    RequirementGroup,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    StageEvent,
)

HIRED_EARLIEST = date(1970, 1, 1)

# --- role profiles -------------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "description": "a tag of this tenant: its id, or its key (e.g. skill.python)",
    }
)
class TagRefField(serializers.Field):
    """Written as a tag id or key; read back as the tag's id."""

    default_error_messages = {"invalid": "Give a tag id or key."}
    max_length = bounds.NAME

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)) or not str(data).strip():
            self.fail("invalid")
        if len(str(data)) > self.max_length:
            self.fail("invalid")
        return str(data).strip()

    def to_representation(self, value):
        return value.pk if isinstance(value, Tag) else value


class RequirementOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    name_zh = serializers.CharField(allow_blank=True)


class RequirementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    tag = TagRefField(required=False, help_text="the requirement's tag (for a group: its first option)")
    any_of = serializers.ListField(
        child=TagRefField(),
        required=False,
        max_length=bounds.TAGS,
        write_only=True,
        help_text='instead of tag: a group of tags of which min_count must be held ("CCNA/CCNP"); empty: 400',
    )
    alternatives = serializers.ListField(
        child=TagRefField(),
        required=False,
        max_length=bounds.TAGS,
        help_text="other tags that may stand in for tag (an any-of / k-of-n group); [] for a plain requirement",
    )
    min_count = serializers.IntegerField(
        min_value=1, required=False, help_text="how many of the group's tags must be held (default 1)"
    )
    options = serializers.SerializerMethodField(help_text="every tag of the requirement, tag first")
    tag_key = serializers.CharField(source="tag.key", read_only=True)
    tag_name_en = serializers.CharField(source="tag.name_en", read_only=True)
    tag_name_zh = serializers.CharField(source="tag.name_zh", read_only=True)
    tag_category = serializers.CharField(source="tag.category", read_only=True)
    group = serializers.ChoiceField(choices=RequirementGroup.choices, default=RequirementGroup.HARD_SKILL)
    weight = serializers.IntegerField(min_value=1, max_value=5, default=3)
    must_have = serializers.BooleanField(default=False)
    source = serializers.CharField(read_only=True, help_text="suggested, manual or feedback")
    evidence_text = serializers.CharField(
        read_only=True, help_text="the JD words a suggested requirement came from"
    )
    position = serializers.IntegerField(read_only=True)

    def validate(self, attrs):
        if "tag" not in attrs and "any_of" not in attrs and not self.partial:
            raise serializers.ValidationError({"tag": ["Give a tag, or any_of with the group's tags."]})
        return attrs

    @extend_schema_field(RequirementOptionSerializer(many=True))
    def get_options(self, requirement) -> list[dict]:
        if not isinstance(requirement, Requirement):
            return []
        tags = {requirement.tag_id: requirement.tag}
        if requirement.alternatives:
            tags.update((tag.pk, tag) for tag in Tag.objects.filter(pk__in=requirement.alternatives))
        return [
            {"id": tag.pk, "key": tag.key, "name_en": tag.name_en, "name_zh": tag.name_zh}
            for tag in (tags.get(pk) for pk in requirement.option_ids)
            if tag is not None
        ]


class FunnelStageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    reached = serializers.IntegerField(help_text="applications that ever reached this stage or a later one")
    current = serializers.IntegerField(help_text="applications in this stage now")
    exit = serializers.BooleanField(required=False, help_text="true for stages that leave the funnel")


class RoleProfileSerializer(serializers.ModelSerializer):
    requirements = RequirementSerializer(
        many=True,
        required=False,
        max_length=bounds.REQUIREMENTS,
        help_text="on write: replaces all of the role's requirements",
    )
    hiring_managers = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        max_length=bounds.IDS,
        help_text="user ids of members who decide on the role's shortlists",
    )
    status = serializers.ChoiceField(choices=ProfileStatus.choices, required=False)
    education = serializers.ChoiceField(choices=EducationLevel.choices, required=False, allow_blank=True)
    salary_period = serializers.ChoiceField(choices=SalaryPeriod.choices, required=False, allow_blank=True)
    funnel = serializers.SerializerMethodField(
        help_text="the role's pipeline by stage; in the detail only (null in lists)"
    )

    class Meta:
        model = RoleProfile
        fields = [
            "id",
            "title",
            "jd_text",
            "department",
            "location",
            "headcount",
            "status",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "salary_months",
            "min_years",
            "education",
            "external_id",
            "requirements",
            "hiring_managers",
            "funnel",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "funnel", "created_by", "created_at", "updated_at"]
        extra_kwargs = {"jd_text": {"max_length": bounds.JD}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["hiring_managers"] = sorted(link.user_id for link in instance.hiring_manager_links.all())
        return data

    @extend_schema_field(FunnelStageSerializer(many=True, allow_null=True))
    def get_funnel(self, profile) -> list | None:
        funnel = self.context.get("funnel")
        return funnel(profile) if funnel else None


class RequirementsReplaceSerializer(serializers.Serializer):
    requirements = RequirementSerializer(
        many=True, max_length=bounds.REQUIREMENTS, help_text="the role's requirements, all of them, in order"
    )


class JobDescriptionSerializer(serializers.Serializer):
    text = bounds.LongTextField(
        max_length=bounds.JD,
        allow_blank=True,
        trim_whitespace=False,
        help_text="the JD, Chinese or English. Empty: no suggestions and a message; "
        "over 100,000 characters: 400 too_long",
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="the role's title (default: the JD's title line)",
    )


class ProfileFromJdSerializer(JobDescriptionSerializer):
    department = serializers.CharField(required=False, allow_blank=True, max_length=120)
    location = serializers.CharField(required=False, allow_blank=True, max_length=120)
    headcount = serializers.IntegerField(required=False, min_value=1)
    external_id = serializers.CharField(required=False, allow_blank=True, max_length=120)
    hiring_managers = serializers.ListField(
        child=serializers.IntegerField(), required=False, max_length=bounds.IDS
    )


class SuggestedTagSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="the tenant's tag, or null when the tenant lacks it"
    )
    key = serializers.CharField(help_text="the taxonomy key, e.g. skill.python")
    name = serializers.CharField(help_text="in the JD's language")
    name_en = serializers.CharField(allow_blank=True)
    name_zh = serializers.CharField(allow_blank=True)
    category = serializers.CharField()


class SuggestedRequirementSerializer(serializers.Serializer):
    tag = SuggestedTagSerializer()
    group = serializers.CharField()
    weight = serializers.IntegerField()
    must_have = serializers.BooleanField()
    synonyms = serializers.ListField(child=serializers.CharField(), required=False)
    evidence_text = serializers.CharField(allow_blank=True, help_text="the JD words it came from")
    alternatives = SuggestedTagSerializer(
        many=True, required=False, help_text='other tags that may stand in for tag ("CCNA/CCNP")'
    )
    min_count = serializers.IntegerField(
        required=False, help_text="how many of the group's tags are asked for"
    )


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    requirements = SuggestedRequirementSerializer(many=True)
    min_years = serializers.FloatField(allow_null=True)
    education = serializers.CharField(allow_blank=True, allow_null=True)
    salary = serializers.DictField(allow_null=True, help_text="min, max, currency, period, months")
    language = serializers.CharField(allow_blank=True, allow_null=True)
    message = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        help_text="why there is nothing to suggest (an unsupported language, no known terms)",
    )


class MatchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="matches in all, before limit and offset")
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    results = serializers.ListField(
        child=serializers.DictField(),
        help_text="candidate, score (0–100), band (strong ≥ 80, good 60–79, partial "
        "40–59, weak < 40), matched, missing, failed must-haves, parts",
    )


class ProfileEditSerializer(serializers.ModelSerializer):
    actor = serializers.IntegerField(source="actor_id", allow_null=True, read_only=True)

    class Meta:
        model = ProfileEdit
        fields = ["id", "field", "old_value", "new_value", "actor", "source", "created_at"]
        read_only_fields = fields


class FeedbackTagSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class FeedbackSerializer(serializers.Serializer):
    reason = serializers.CharField()
    count = serializers.IntegerField()
    total = serializers.IntegerField()
    message = serializers.CharField()
    tag = FeedbackTagSerializer(allow_null=True, help_text="a tag the reason names, to add as a requirement")


# --- saved searches ------------------------------------------------------------------------------------------


class SavedSearchSerializer(serializers.ModelSerializer):
    profile = serializers.IntegerField(
        source="profile_id",
        required=False,
        allow_null=True,
        help_text="a role: its matching; without it, candidate list filters",
    )
    params = bounds.dict_field(
        limit=bounds.JSON_SMALL, required=False, help_text="matching options, or candidate filters"
    )

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "profile", "params", "last_viewed_at", "created_at"]
        read_only_fields = ["id", "last_viewed_at", "created_at"]


class SavedSearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    new_since_last_view = serializers.IntegerField(help_text="results updated since the list was last opened")
    last_viewed_at = serializers.DateTimeField(
        allow_null=True, help_text="the previous view (now marked viewed)"
    )
    results = serializers.ListField(child=serializers.DictField())


# --- shortlists ----------------------------------------------------------------------------------------------


class ShortlistCreateSerializer(serializers.Serializer):
    profile = serializers.IntegerField()
    candidate_ids = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, max_length=bounds.IDS
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, max_length=bounds.NOTE)


class ShortlistEntrySerializer(serializers.ModelSerializer):
    candidate = serializers.SerializerMethodField(
        help_text="id, and for hiring managers only the fields the tenant opens to them (Tenant.shortlist_fields)"
    )
    score = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    decided_by = serializers.IntegerField(source="decided_by_id", read_only=True, allow_null=True)

    class Meta:
        model = ShortlistEntry
        fields = [
            "id",
            "shortlist",
            "candidate",
            "application",
            "position",
            "score",
            "explanation",
            "decision",
            "reason_tags",
            "comment",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields

    def _allowed(self, field: str) -> bool:
        allowed = self.context.get("allowed_fields")
        return allowed is None or field in allowed

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_candidate(self, entry) -> dict:
        tags = self.context.get("tags")
        if tags is None and self._allowed("tags"):
            tags = tag_cards(entry.candidate.tag_ids or [])
        return candidate_card(entry.candidate, self.context.get("allowed_fields"), tags or {})

    def get_score(self, entry) -> float | None:
        return entry.score if self._allowed("explanation") else None

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_explanation(self, entry) -> dict | None:
        return entry.explanation if self._allowed("explanation") else None


def candidate_card(candidate, allowed: set | None, tags: dict) -> dict:
    """The candidate as a shortlist shows them: every field, or only ``allowed`` (a hiring manager's view)."""
    values = {
        "name": lambda: {"name": candidate.full_name},
        "current_title": lambda: {"current_title": candidate.current_title},
        "current_company": lambda: {"current_company": candidate.current_company},
        "location": lambda: {"location": candidate.location},
        "years_experience": lambda: {"years_experience": _number(candidate.years_experience)},
        "highest_education": lambda: {"highest_education": candidate.highest_education},
        "tags": lambda: {"tags": [tags[pk] for pk in candidate.tag_ids or [] if pk in tags]},
        "emails": lambda: {"emails": [e.email for e in candidate.emails.all()]},
        "phones": lambda: {"phones": [p.phone for p in candidate.phones.all()]},
        "salary": lambda: {
            "salary": {
                "min": _number(candidate.salary_min),
                "max": _number(candidate.salary_max),
                "currency": candidate.salary_currency,
                "period": candidate.salary_period,
                "months": candidate.salary_months,
            }
        },
        "documents": lambda: {
            "documents": [
                {"id": d.pk, "name": d.original_name, "kind": d.kind} for d in candidate.documents.all()
            ]
        },
    }
    card = {"id": candidate.pk}
    for field, value in values.items():
        if allowed is None or field in allowed:
            card.update(value())
    return card


def tag_cards(ids) -> dict[int, dict]:
    """Tag id → what a shortlist shows of it, for these ids (one query)."""
    return {
        tag.pk: {
            "id": tag.pk,
            "key": tag.key,
            "name_en": tag.name_en,
            "name_zh": tag.name_zh,
            "category": tag.category,
        }
        for tag in Tag.objects.filter(pk__in=set(ids)).only("key", "name_en", "name_zh", "category")
    }


def _number(value):
    return float(value) if value is not None else None


class ShortlistSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="draft, sent or closed")
    created_by = serializers.IntegerField(source="created_by_id", read_only=True, allow_null=True)
    entries = serializers.SerializerMethodField()

    class Meta:
        model = Shortlist
        fields = ["id", "profile", "name", "note", "status", "created_by", "created_at", "sent_at", "entries"]
        read_only_fields = fields

    @extend_schema_field(ShortlistEntrySerializer(many=True))
    def get_entries(self, shortlist) -> list:
        entries = list(shortlist.entries.all())
        allowed = self.context.get("allowed_fields")
        wanted = allowed is None or "tags" in allowed
        tags = tag_cards(pk for entry in entries for pk in entry.candidate.tag_ids or []) if wanted else {}
        return ShortlistEntrySerializer(entries, many=True, context={**self.context, "tags": tags}).data


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices, help_text="approved, rejected or on_hold")
    reason_tags = serializers.ListField(
        child=serializers.CharField(max_length=80),
        required=False,
        max_length=10,
        help_text='e.g. ["no team-lead experience"]; a rejection needs one or a comment',
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


# --- pipeline ------------------------------------------------------------------------------------------------


class ApplicationSerializer(serializers.ModelSerializer):
    profile = serializers.IntegerField(source="profile_id")
    candidate = serializers.IntegerField(source="candidate_id")
    stage = serializers.ChoiceField(choices=ApplicationStage.choices, default=ApplicationStage.SOURCED)
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "profile",
            "candidate",
            "candidate_name",
            "stage",
            "source",
            "external_id",
            "created_at",
            "stage_changed_at",
        ]
        read_only_fields = ["id", "candidate_name", "source", "created_at", "stage_changed_at"]
        extra_kwargs = {"external_id": {"required": False, "allow_blank": True}}


class StageEventSerializer(serializers.ModelSerializer):
    from_stage = serializers.CharField(read_only=True)
    to_stage = serializers.CharField(read_only=True)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)

    class Meta:
        model = StageEvent
        fields = [
            "id",
            "application",
            "candidate",
            "from_stage",
            "to_stage",
            "actor",
            "source",
            "note",
            "occurred_at",
            "created_at",
        ]
        read_only_fields = fields


class MoveSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=ApplicationStage.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    occurred_at = serializers.DateTimeField(
        required=False,
        validators=[bounds.PlausibleDate(future=timedelta(days=1))],
        help_text="when it happened (default now); not in the future",
    )
    confirm = serializers.BooleanField(
        required=False,
        default=False,
        help_text="true to go ahead with a jump into hired that skips the offer, or a move out of hired that "
        "voids the recorded hire; without it such a move is refused (400, field confirm)",
    )


class BulkMoveSerializer(serializers.Serializer):
    profile = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, help_text="the role's id")
    application_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT_MAX), allow_empty=False, max_length=200
    )
    stage = serializers.ChoiceField(choices=ApplicationStage.choices)
    confirm = serializers.BooleanField(required=False, default=False, help_text="as for a single move")


class BulkMoveRefusalSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    message = serializers.CharField()


class BulkMoveResultSerializer(serializers.Serializer):
    moved = serializers.IntegerField()
    unchanged = serializers.IntegerField(help_text="at that stage already")
    refused = BulkMoveRefusalSerializer(
        many=True, help_text="moves that need confirm (or were refused otherwise)"
    )


class MoveResultSerializer(serializers.Serializer):
    application = ApplicationSerializer()
    event = StageEventSerializer(
        allow_null=True, help_text="null when the application was at that stage already"
    )


class ExternalIdSerializer(serializers.Serializer):
    system = serializers.CharField(max_length=60)
    value = serializers.CharField(max_length=200)


class HrisStageChangeSerializer(serializers.Serializer):
    application_external_id = serializers.CharField(
        required=False, allow_blank=True, max_length=120, help_text="the HRIS's id of the application"
    )
    profile = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="the role's id here"
    )
    profile_external_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=120,
        help_text="or the role's id in the HRIS (RoleProfile.external_id)",
    )
    candidate = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="the candidate's id here"
    )
    candidate_email = serializers.EmailField(required=False, max_length=bounds.EMAIL)
    candidate_external_id = ExternalIdSerializer(required=False)
    stage = serializers.ChoiceField(choices=ApplicationStage.choices)
    occurred_at = serializers.DateTimeField(
        required=False, validators=[bounds.PlausibleDate(future=timedelta(days=1))]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class HrisStageChangeResultSerializer(serializers.Serializer):
    application = ApplicationSerializer()
    created = serializers.BooleanField(help_text="the application was created by this push")
    event = StageEventSerializer(allow_null=True, help_text="the move; null when nothing changed")


class HireSerializer(serializers.ModelSerializer):
    source = serializers.CharField(read_only=True, help_text="pool or external")

    class Meta:
        model = Hire
        fields = [
            "id",
            "profile",
            "candidate",
            "application",
            "full_name",
            "source",
            "external_id",
            "hired_at",
            "recorded_via",
            "created_at",
            "probation_outcome",
            "probation_decided_on",
            "voided_at",
            "void_reason",
        ]
        read_only_fields = fields


class HireCreateSerializer(serializers.Serializer):
    external_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=120,
        help_text="the HRIS's id of the hire; the same id twice is one hire",
    )
    full_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=bounds.EMAIL)
    candidate = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="the candidate's id here (alias candidate_id)",
    )
    candidate_id = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    candidate_external_id = ExternalIdSerializer(required=False)
    profile = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    profile_external_id = serializers.CharField(required=False, allow_blank=True, max_length=120)
    # A typo'd year (9999, 1900) would sit in every hire report and pool-share figure for good.
    hired_at = bounds.plausible_date(
        earliest=HIRED_EARLIEST,
        future=timedelta(days=366),
        required=False,
        help_text="from 1970-01-01 to a year from today",
    )


class HireResultSerializer(serializers.Serializer):
    hire = HireSerializer()
    created = serializers.BooleanField(help_text="false when this hire was recorded already")


class PoolShareSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    from_pool = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text="from_pool / total; null without hires")


class HireSummaryQuerySerializer(serializers.Serializer):
    since = bounds.plausible_date(required=False, help_text="hired on or after")
    until = bounds.plausible_date(required=False, help_text="hired on or before")
