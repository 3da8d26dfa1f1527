from datetime import timedelta

from rest_framework import serializers

from talentpool.api import bounds
from talentpool.web import BIGINT_MAX

from ..models import (
    ActivityTier,
    Candidate,
    CandidateMerge,
    CandidateTag,
    ColumnMapping,
    Document,
    DuplicateFlag,
    Education,
    EducationLevel,
    Experience,
    ImportJob,
    ProfileChange,
    SalaryPeriod,
    Tag,
    TagCategory,
)

# A person has a handful of addresses and numbers; a list of thousands is an attack or a broken client.
MAX_CONTACTS = bounds.CONTACTS
MAX_TAGS = bounds.TAGS


class TagParentField(serializers.IntegerField):
    """The parent tag's id: written as an id, read from ``parent_id`` (the model's ``parent`` is a Tag, which
    IntegerField cannot turn into a number)."""

    def get_attribute(self, instance):
        return instance.parent_id


class TagSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=TagCategory.choices)
    synonyms = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=200
    )
    parent = TagParentField(required=False, allow_null=True, min_value=1, max_value=BIGINT_MAX)

    class Meta:
        model = Tag
        fields = [
            "id",
            "key",
            "category",
            "name_en",
            "name_zh",
            "synonyms",
            "parent",
            "is_retired",
            "merged_into",
            "updated_at",
        ]
        read_only_fields = ["id", "key", "is_retired", "merged_into", "updated_at"]

    def validate_parent(self, value):
        if value is None:
            return None
        # The scoped manager sees only this tenant's tags: another tenant's id is simply unknown (400).
        parent = Tag.objects.filter(pk=value).first()
        if parent is None:
            raise serializers.ValidationError("Unknown tag.")
        return parent


class TagMergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(help_text="the tag that stays", min_value=1, max_value=BIGINT_MAX)


class CandidateTagSerializer(serializers.ModelSerializer):
    tag = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = CandidateTag
        fields = ["tag", "source", "confidence", "evidence", "created_at"]

    def get_tag(self, obj) -> dict:
        return {
            "id": obj.tag_id,
            "key": obj.tag.key,
            "name_en": obj.tag.name_en,
            "name_zh": obj.tag.name_zh,
            "category": obj.tag.category,
        }

    def get_evidence(self, obj) -> dict | None:
        if not obj.evidence_text:
            return None
        return {
            "text": obj.evidence_text,
            "start": obj.evidence_start,
            "end": obj.evidence_end,
            "document": obj.document_id,
        }


class ExperienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Experience
        fields = ["company", "title", "start", "end", "is_current", "document"]


class EducationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Education
        fields = ["school", "degree", "level", "major", "start", "end", "document"]


class CandidateSerializer(serializers.ModelSerializer):
    # Contacts are child rows: written through the services, read back in to_representation.
    emails = serializers.ListField(
        child=bounds.BoundedEmailField(), required=False, write_only=True, max_length=MAX_CONTACTS
    )
    phones = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, write_only=True, max_length=MAX_CONTACTS
    )
    external_ids = serializers.ListField(
        child=bounds.dict_field(child=serializers.CharField(max_length=bounds.NAME), limit=1024),
        required=False,
        max_length=MAX_CONTACTS,
        write_only=True,
        help_text='[{"system": "hris", "value": "E123"}]',
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=bounds.NAME),
        required=False,
        write_only=True,
        max_length=MAX_TAGS,
        help_text="tag ids or keys to put on a new candidate",
    )
    highest_education = serializers.ChoiceField(
        choices=EducationLevel.choices, required=False, allow_blank=True
    )
    salary_period = serializers.ChoiceField(choices=SalaryPeriod.choices, required=False, allow_blank=True)
    # Computed now from the stored anchor and the tenant's scoring params (Candidate's properties).
    activity_score = serializers.FloatField(read_only=True, help_text="0–100 now")
    activity_tier = serializers.ChoiceField(choices=ActivityTier.choices, read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "full_name",
            "emails",
            "phones",
            "external_ids",
            "tags",
            "location",
            "current_title",
            "current_company",
            "years_experience",
            "highest_education",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "salary_months",
            "source",
            "status",
            "consent_status",
            "consent_given_at",
            "activity_score",
            "activity_tier",
            "last_interaction_at",
            "tag_ids",
            "merged_into",
            "needs_contact",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "activity_score",
            "activity_tier",
            "last_interaction_at",
            "tag_ids",
            "merged_into",
            "needs_contact",
            "created_at",
            "updated_at",
            "status",
        ]
        extra_kwargs = {
            "full_name": {"required": False, "allow_blank": True},
            # Consent is given now or was given before: a date far off is a typo or a forgery.
            "consent_given_at": {"validators": [bounds.PlausibleDate(future=timedelta(days=1))]},
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["emails"] = [e.email for e in instance.emails.all()]
        data["phones"] = [p.phone for p in instance.phones.all()]
        data["external_ids"] = [{"system": x.system, "value": x.value} for x in instance.external_ids.all()]
        return data

    def validate_years_experience(self, value):
        if value is not None and not 0 <= value <= 70:
            raise serializers.ValidationError("Years of experience must be between 0 and 70.")
        return value

    def validate(self, attrs):
        if self.instance is None and not (
            attrs.get("full_name") or attrs.get("emails") or attrs.get("phones")
        ):
            raise serializers.ValidationError(
                {"full_name": ["A candidate needs a name, an email or a phone."]}
            )
        minimum, maximum = attrs.get("salary_min"), attrs.get("salary_max")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise serializers.ValidationError({"salary_max": ["Must not be below salary_min."]})
        return attrs


class CandidateDetailSerializer(CandidateSerializer):
    candidate_tags = serializers.SerializerMethodField()
    experiences = ExperienceSerializer(many=True, read_only=True)
    educations = EducationSerializer(many=True, read_only=True)

    class Meta(CandidateSerializer.Meta):
        fields = [*CandidateSerializer.Meta.fields, "candidate_tags", "experiences", "educations"]

    def get_candidate_tags(self, obj) -> list[dict]:
        active = [t for t in obj.candidate_tags.all() if t.removed_at is None]
        return CandidateTagSerializer(active, many=True).data


class TagRefSerializer(serializers.Serializer):
    tag = serializers.CharField(max_length=bounds.NAME, help_text="a tag id or key")


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "candidate",
            "original_name",
            "sha256",
            "content_type",
            "kind",
            "size",
            "language",
            "encoding",
            "parse_status",
            "parse_error",
            "parser_version",
            "parsed_at",
            "created_at",
        ]
        read_only_fields = fields


class DocumentTextSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text"]
        read_only_fields = fields


class DocumentAttachSerializer(serializers.Serializer):
    """A candidate created by hand for a file that was not read as a resume."""

    full_name = serializers.CharField(max_length=200)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class UploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        max_length=bounds.FILES,
        help_text="one or more resumes (PDF, DOCX, DOC, TXT, MD, HTML, RTF) or zips of them",
    )
    candidate = serializers.IntegerField(
        required=False, help_text="attach to this candidate instead of matching"
    )


class UploadResultSerializer(serializers.Serializer):
    file = serializers.CharField()
    document_id = serializers.IntegerField(allow_null=True)
    candidate_id = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    error = serializers.CharField(allow_blank=True)
    created = serializers.BooleanField(help_text="false when the same file was in the pool already")


class ProfileChangeSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = ProfileChange
        fields = ["id", "field", "old_value", "new_value", "source", "actor", "document", "created_at"]


class DuplicateFlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuplicateFlag
        fields = [
            "id",
            "candidate_low",
            "candidate_high",
            "reason",
            "score",
            "status",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields


class MergeSerializer(serializers.ModelSerializer):
    keep = serializers.IntegerField(write_only=True)
    remove = serializers.IntegerField(write_only=True)

    class Meta:
        model = CandidateMerge
        fields = ["id", "keep", "remove", "kept", "removed", "moved", "created_at", "undone_at"]
        read_only_fields = ["id", "kept", "removed", "moved", "created_at", "undone_at"]


class ImportCreateSerializer(serializers.Serializer):
    file = serializers.FileField()
    mapping = serializers.JSONField(
        required=False,
        binary=True,
        validators=[bounds.MaxJsonSize(bounds.JSON_SMALL)],
        help_text='{"column": "field"}; guessed from headers if absent',
    )
    mapping_name = serializers.CharField(
        required=False, max_length=100, help_text="save / reuse a mapping by name"
    )
    dry_run = serializers.BooleanField(default=True, help_text="preview only; run it later with POST …/run/")


class ImportJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "original_name",
            "mapping",
            "status",
            "total_rows",
            "processed_rows",
            "counts",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class ColumnMappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ColumnMapping
        fields = ["id", "name", "mapping", "updated_at"]
        read_only_fields = ["id", "updated_at"]
