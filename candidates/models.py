"""The pool: candidates, their contacts, documents, tag profiles, history, duplicates and imports."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.models import TenantOwned


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    HIRED = "hired", _("Hired")
    DO_NOT_CONTACT = "do_not_contact", _("Do not contact")
    ANONYMISED = "anonymised", _("Anonymised")
    MERGED = "merged", _("Merged into another candidate")


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


EDUCATION_RANK = {"": 0, "other": 0, "secondary": 1, "associate": 2, "bachelor": 3, "master": 4, "doctor": 5}


class ConsentStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class CandidateSource(models.TextChoices):
    """Where a candidate came from: one vocabulary for the app, the demo and the bench generator. A person found
    by a sourcing run carries ``sourcing:<connector kind>`` (``sourcing_source``). ``Candidate.source`` stays a
    plain column (no database choices, so no migration); services and serializers check values with
    ``candidate_source_valid``."""

    UPLOAD = "upload", _("Resume upload")
    IMPORT = "import", _("Import")
    MANUAL = "manual", _("Added by hand")
    API = "api", _("API")
    HRIS = "hris", _("HRIS")
    REFERRAL = "referral", _("Referral")
    LINKEDIN = "linkedin", _("LinkedIn")
    MAIMAI = "maimai", _("Maimai")
    JOB_BOARD = "job_board", _("Job board")


SOURCING_PREFIX = "sourcing:"
_SOURCING_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


def sourcing_source(kind: str) -> str:
    """The source of a person a sourcing run brought in through a connector of ``kind`` ("sourcing:linkedin")."""
    value = f"{SOURCING_PREFIX}{kind}"
    if not candidate_source_valid(value):
        raise ValueError(f"{kind!r} cannot name a sourcing connector")
    return value


def candidate_source_valid(value) -> bool:
    """Whether ``value`` belongs to the source vocabulary: a ``CandidateSource`` value or ``sourcing:<name>``
    (lower-case letters, digits and underscores, the whole fitting the 40-character column)."""
    if not isinstance(value, str):
        return False
    if value in CandidateSource.values:
        return True
    return value.startswith(SOURCING_PREFIX) and bool(_SOURCING_NAME.match(value[len(SOURCING_PREFIX) :]))


def candidate_source_label(value: str) -> str:
    """A reader's name for a source value ("Sourcing · LinkedIn" for ``sourcing:linkedin``)."""
    if value in CandidateSource.values:
        return str(CandidateSource(value).label)
    if candidate_source_valid(value):
        kind = value[len(SOURCING_PREFIX) :]
        inner = str(CandidateSource(kind).label) if kind in CandidateSource.values else kind
        return f"{_('Sourcing')} · {inner}"
    return value


class Candidate(TenantOwned):
    """A person in a tenant's pool. Emails, phones and external ids are child rows."""

    full_name = models.CharField(_("name"), max_length=200)
    location = models.CharField(_("location"), max_length=120, blank=True)
    current_title = models.CharField(_("current title"), max_length=200, blank=True)
    current_company = models.CharField(_("current company"), max_length=200, blank=True)
    years_experience = models.DecimalField(
        _("years of experience"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    highest_education = models.CharField(
        _("highest education"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # db_default too: bulk loaders (COPY) that do not name these columns still get valid rows.
    salary_currency = models.CharField(max_length=3, blank=True, default="", db_default="")
    salary_period = models.CharField(
        max_length=8, choices=SalaryPeriod.choices, blank=True, default="", db_default=""
    )
    salary_months = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=40, default="manual")
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE
    )
    consent_status = models.CharField(
        max_length=12,
        choices=ConsentStatus.choices,
        default=ConsentStatus.UNKNOWN,
        db_default=ConsentStatus.UNKNOWN,
    )
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(max_length=100, blank=True, default="", db_default="")
    # The activity score as one number that decays without being rewritten (engagement.scoring, decision 0011):
    # log2 of the recency-weighted sum at a fixed epoch; −∞ for no weighted interaction. Written only by
    # engagement's services, through candidate_activity_set. Not indexed, so its updates stay HOT.
    activity_anchor = models.FloatField(default=float("-inf"), db_default=float("-inf"))
    last_interaction_at = models.DateTimeField(null=True, blank=True)  # any interaction
    last_active_at = models.DateTimeField(
        null=True, blank=True
    )  # the last thing the candidate did (human kinds)
    last_contacted_at = models.DateTimeField(
        null=True, blank=True
    )  # "contacted", engagement.scoring.is_contact
    # Ids of the candidate's active tags, ascending, kept in step with CandidateTag by the services, for ranking
    # with GIN (&& and @>); tag_strengths holds each one's strength in percent at the same position (ranking
    # reads it by array_position). CandidateTag rows are the source of truth.
    tag_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    tag_strengths = ArrayField(models.SmallIntegerField(), default=list, blank=True)
    # When what ranking reads of the row last changed (tags, strengths, years, education, status): the start of
    # the writing transaction, set by the database (DEFAULT now(); a trigger on UPDATE, migration 0006), so every
    # writer keeps it, COPY included. The in-memory ranking index (profiles.ranking_index) re-reads rows changed
    # since its snapshot by it.
    ranking_changed_at = models.DateTimeField(db_default=Now(), editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Created from an anonymised ("blind") resume with no name, email or phone: the name is a placeholder and
    # the recruiter is asked for a contact; cleared when one is given (documents.candidate_contact_complete).
    needs_contact = models.BooleanField(_("needs a contact"), default=False, db_default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "created_at"], name="candidate_tenant_created"),
            models.Index(fields=["tenant", "updated_at"], name="candidate_tenant_updated"),
            models.Index(fields=["tenant", "status"], name="candidate_tenant_status"),
            models.Index(fields=["tenant", "ranking_changed_at"], name="candidate_ranking_changed"),
            GinIndex(fields=["tag_ids"], name="candidate_tag_ids_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tag_strengths__len=models.F("tag_ids__len")),
                name="candidate_tag_strengths_aligned",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def activity_score(self) -> float:
        """The score 0–100 now, under the tenant's half-life."""
        from engagement.scoring import params_for, score_at

        return score_at(self.activity_anchor, half_life_days=params_for(self.tenant_id).half_life_days)

    @property
    def activity_tier(self) -> str:
        from engagement.scoring import params_for, tier_of

        return tier_of(self.activity_score, params_for(self.tenant_id))

    def get_activity_tier_display(self) -> str:
        return str(ActivityTier(self.activity_tier).label)


class CandidateEmail(TenantOwned):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="emails")
    email = models.CharField(max_length=254, help_text=_("normalised: trimmed, lower case"))
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "candidate", "email"], name="candidate_email_unique")
        ]
        indexes = [models.Index(fields=["tenant", "email"], name="candidate_email_lookup")]

    def __str__(self) -> str:
        return self.email


class CandidatePhone(TenantOwned):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="phones")
    phone = models.CharField(max_length=32, help_text="E.164")
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "candidate", "phone"], name="candidate_phone_unique")
        ]
        indexes = [models.Index(fields=["tenant", "phone"], name="candidate_phone_lookup")]

    def __str__(self) -> str:
        return self.phone


class ExternalId(TenantOwned):
    """The candidate's id in another system (HRIS, LinkedIn-style source, an import's own key)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="external_ids")
    system = models.CharField(max_length=40)
    value = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "system", "value"], name="external_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.system}:{self.value}"


class ParseStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be parsed")
    PARSING = "parsing", _("Being parsed")
    PARSED = "parsed", _("Parsed")
    NO_TEXT_LAYER = "no_text_layer", _("No text layer (scanned)")
    UNSUPPORTED = "unsupported", _("Unsupported file")
    EMPTY = "empty", _("Empty")
    FAILED = "failed", _("Failed")


def document_upload_to(document: Document, filename: str) -> str:
    # Stored by content hash: the same file twice is one file, and names never collide or traverse.
    return f"documents/{document.tenant_id}/{document.sha256[:2]}/{document.sha256}"


class Document(TenantOwned):
    """A stored file (resume, attachment) and what parsing made of it."""

    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=10, blank=True, help_text="pdf, docx, doc, txt, md, html, rtf")
    size = models.PositiveBigIntegerField(default=0)
    text = models.TextField(blank=True)
    encoding = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=8, blank=True)
    parse_status = models.CharField(max_length=20, choices=ParseStatus.choices, default=ParseStatus.PENDING)
    parse_error = models.TextField(blank=True)
    # Attempts since the last finished parse: a file that kills its worker is given up after a few
    # (services.documents.MAX_PARSE_ATTEMPTS), never redelivered forever.
    parse_attempts = models.PositiveSmallIntegerField(default=0)
    parse_started_at = models.DateTimeField(null=True, blank=True)
    parser_version = models.CharField(max_length=20, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "sha256"], name="document_sha256_unique")]
        indexes = [
            models.Index(fields=["tenant", "candidate"], name="document_tenant_candidate"),
            models.Index(fields=["tenant", "parse_status", "parse_started_at"], name="document_parse_status"),
        ]

    def __str__(self) -> str:
        return self.original_name or self.sha256[:12]


class TagCategory(models.TextChoices):
    SKILL = "skill", _("Skill")
    EXPERIENCE = "experience", _("Experience")
    INDUSTRY = "industry", _("Industry")
    QUALITY = "quality", _("Quality")
    EDUCATION = "education", _("Education")
    CERTIFICATE = "certificate", _("Certificate")
    TITLE = "title", _("Title")
    LANGUAGE = "language", _("Language")
    LOCATION = "location", _("Location")


class Tag(TenantOwned):
    """A term of the tenant's taxonomy, seeded from the repository's taxonomy and edited by the tenant."""

    key = models.CharField(max_length=120, help_text=_("stable identifier, e.g. skill.python"))
    category = models.CharField(max_length=20, choices=TagCategory.choices)
    name_en = models.CharField(max_length=200, blank=True)
    name_zh = models.CharField(max_length=200, blank=True)
    synonyms = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    is_retired = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category", "name_en", "id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "key"], name="tag_key_unique")]
        indexes = [models.Index(fields=["tenant", "category"], name="tag_tenant_category")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en or self.name_zh or self.key


class TagSource(models.TextChoices):
    EXTRACTED = "extracted", _("Extracted from a document")
    MANUAL = "manual", _("Added by a recruiter")
    SYNCED = "synced", _("Synced from a source")
    INFERRED = "inferred", _("Inferred")


class CandidateTag(TenantOwned):
    """A tag on a candidate with where it came from. A recruiter's removal is kept (removed_at) so that
    re-parsing never adds the tag back."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="candidate_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="candidate_tags")
    source = models.CharField(max_length=12, choices=TagSource.choices)
    confidence = models.FloatField(default=1.0)  # how sure the tagger is that the tag is right
    # How much the candidate's resume is about the tag, 0..1 (tagging.tag_strength over its mentions): ranking
    # weighs a requirement met by it. A recruiter's tag is 1; a tag from a list without text, one mention's.
    mentions = models.PositiveIntegerField(default=1)
    strength = models.FloatField(default=1.0)
    evidence_text = models.CharField(max_length=500, blank=True)
    evidence_start = models.IntegerField(null=True, blank=True)
    evidence_end = models.IntegerField(null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "candidate", "tag"], name="candidate_tag_unique"),
            models.CheckConstraint(
                condition=models.Q(strength__gt=0, strength__lte=1), name="candidate_tag_strength_range"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "tag"], name="candidate_tag_by_tag")]

    def __str__(self) -> str:
        return f"{self.candidate_id}:{self.tag_id}"


class Experience(TenantOwned):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="experiences")
    company = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    is_current = models.BooleanField(default=False)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-start", "id"]
        indexes = [models.Index(fields=["tenant", "candidate"], name="experience_tenant_candidate")]


class Education(TenantOwned):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="educations")
    school = models.CharField(max_length=200, blank=True)
    degree = models.CharField(max_length=100, blank=True)
    level = models.CharField(max_length=20, choices=EducationLevel.choices, blank=True)
    major = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-end", "id"]
        indexes = [models.Index(fields=["tenant", "candidate"], name="education_tenant_candidate")]


class ProfileChange(TenantOwned):
    """One change to a candidate's profile, with its provenance. Append-only."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=60)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=30)  # parse, manual, import, merge, sync, api
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "candidate", "created_at"], name="change_tenant_candidate")]


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("To review")
    MERGED = "merged", _("Merged")
    DISMISSED = "dismissed", _("Not the same person")


class DuplicateFlag(TenantOwned):
    """Two candidates that may be one person, for a recruiter to review. candidate_low.id < candidate_high.id."""

    candidate_low = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    candidate_high = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=40)  # email, phone, external_id, name_company, name_school
    score = models.FloatField(default=1.0)
    status = models.CharField(max_length=12, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "candidate_low", "candidate_high"], name="duplicate_pair_unique"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "status"], name="duplicate_tenant_status")]


class CandidateMerge(TenantOwned):
    """A merge of ``removed`` into ``kept``, with what moved, so that it can be undone."""

    kept = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    removed = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    moved = models.JSONField(default=dict)  # {"emails": [ids], "phones": [...], "documents": [...], ...}
    kept_before = models.JSONField(default=dict)  # kept's fields before the merge
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "kept"], name="merge_tenant_kept")]


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed (dry run)")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(TenantOwned):
    """A CSV / XLSX / JSON Resume import. Rows are processed in transactional batches and resume after a kill."""

    kind = models.CharField(max_length=12)  # csv, xlsx, json_resume
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)  # column name → candidate field
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    total_rows = models.IntegerField(default=0)
    processed_rows = models.IntegerField(default=0)  # rows [0, processed_rows) are final
    counts = models.JSONField(default=dict)  # created / updated / duplicate / rejected
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class ImportOutcome(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    DUPLICATE = "duplicate", _("Duplicate")
    REJECTED = "rejected", _("Rejected")


class ImportRow(TenantOwned):
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    row_number = models.IntegerField()  # 1-based data row, as a spreadsheet shows it after the header
    outcome = models.CharField(max_length=12, choices=ImportOutcome.choices)
    reason = models.TextField(blank=True)
    raw = models.JSONField(default=dict)
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["row_number"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "job", "row_number"], name="import_row_unique")
        ]


class ColumnMapping(TenantOwned):
    """A saved mapping of spreadsheet columns to candidate fields, reused for the next import."""

    name = models.CharField(max_length=100)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="column_mapping_name_unique")]


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportOrigin(models.TextChoices):
    POOL = "pool", _("Pool page")
    API = "api", _("API")


def export_storage_name(job: ExportJob) -> str:
    # Named by tenant and a random token: nothing of the filters or the people is in the path.
    return f"exports/{job.tenant_id}/{job.token}.csv"


class ExportJob(TenantOwned):
    """A CSV export of the pool prepared by a worker (services.exports): the filters it was asked with, its
    progress, the file in storage while it is kept (until ``expires_at``, then beat deletes it), and who asked.
    Only its creator (a member or an API key) and the tenant's admins may download it."""

    origin = models.CharField(max_length=8, choices=ExportOrigin.choices, default=ExportOrigin.POOL)
    # The request's filters as {name: [values]}, applied again by the worker (the pool page's or the API's).
    filters = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, blank=True)  # of the column headers and labels
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total_rows = models.IntegerField(default=0)
    rows_done = models.IntegerField(default=0)
    token = models.CharField(max_length=32, editable=False)
    file = models.FileField(max_length=255, blank=True)
    filename = models.CharField(max_length=200, blank=True)  # the name the download gets
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_key = models.ForeignKey(
        "tenancy.ApiKey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "created_by", "created_at"], name="exportjob_tenant_creator"),
            models.Index(fields=["tenant", "status", "expires_at"], name="exportjob_tenant_expiry"),
        ]

    def __str__(self) -> str:
        return self.filename or f"export {self.pk}"
