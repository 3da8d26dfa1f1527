"""Bulk import of candidates from CSV and XLSX: column mapping, cleaning, a dry run, dedup against the pool,
transactional batches that resume after a crash, and every row accounted for (created, updated, duplicate,
rejected — rejected rows download as CSV with their reasons)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from psycopg2.extras import Json, execute_values

from talentpool.spreadsheet import csv_safe
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Tenant
from webhooks.services import emit_many as webhook_emit_many

from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateTag,
    ColumnMapping,
    EducationLevel,
    ExternalId,
    ImportJob,
    ImportOutcome,
    ImportRow,
    ImportStatus,
    ProfileChange,
    Tag,
    TagSource,
)
from ..parsing.tagging import LISTED_STRENGTH
from .dedup import duplicates_flag_among
from .profile import (
    CandidateError,
    candidate_add_emails,
    candidate_add_external_id,
    candidate_add_phones,
    candidate_set_fields,
    candidate_source_from_text,
    candidate_tag_add,
    normalize_email,
    normalize_phone,
    normalize_text,
    strength_percent,
)

BATCH_SIZE = 1000
MAX_ROWS = 1_000_000
IMPORT_SOURCE = "import"

# Target fields and the column headers (lower case, zh and en) that suggest them.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": (
        "name",
        "full name",
        "fullname",
        "candidate",
        "candidate name",
        "姓名",
        "名字",
        "候选人",
        "候选人姓名",
    ),
    "email": ("email", "e-mail", "email address", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址"),
    "phone": (
        "phone",
        "mobile",
        "mobile phone",
        "tel",
        "telephone",
        "cell",
        "phone number",
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "联系电话",
        "联系方式",
    ),
    "location": (
        "location",
        "city",
        "current city",
        "城市",
        "所在地",
        "所在城市",
        "现居住地",
        "居住地",
        "地点",
    ),
    "current_title": (
        "title",
        "job title",
        "position",
        "current title",
        "current position",
        "职位",
        "当前职位",
        "岗位",
        "职务",
    ),
    "current_company": (
        "company",
        "current company",
        "employer",
        "organization",
        "公司",
        "当前公司",
        "所在公司",
        "单位",
        "工作单位",
    ),
    "years_experience": (
        "years",
        "years of experience",
        "experience",
        "experience years",
        "yoe",
        "工作年限",
        "工龄",
        "工作经验",
        "经验",
    ),
    "highest_education": ("education", "degree", "highest education", "education level", "学历", "最高学历"),
    "source": ("source", "channel", "来源", "渠道", "简历来源"),
    "external_id": (
        "id",
        "external id",
        "external_id",
        "candidate id",
        "employee id",
        "编号",
        "候选人编号",
        "员工编号",
        "候选人id",
    ),
    "tags": ("tags", "skills", "keywords", "标签", "技能", "关键词"),
    "pooled_at": ("created", "created at", "date added", "added", "入库时间", "创建时间", "录入时间", "日期"),
}
TARGETS = tuple(FIELD_ALIASES)

EDUCATION_WORDS = {
    "doctor": ("博士", "phd", "ph.d", "doctor", "doctorate"),
    "master": ("硕士", "研究生", "master", "msc", "m.sc", "mba", "emba", "meng", "ma", "ms"),
    "bachelor": ("本科", "学士", "bachelor", "bsc", "b.sc", "ba", "bs", "beng", "undergraduate"),
    "associate": ("大专", "专科", "高职", "associate", "diploma"),
    "secondary": ("高中", "中专", "中技", "职高", "high school", "secondary"),
}
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y年%m月%d日",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m",
    "%Y/%m",
    "%Y.%m",
    "%Y年%m月",
    "%Y",
)


class ImportFileError(CandidateError):
    """The file cannot be read as a table at all."""


# ------------------------------------------------------------------------------------------- reading files


def read_table(data: bytes, filename: str) -> tuple[list[str], Iterator[list[str]]]:
    """Headers and rows of a CSV or XLSX file. Raises ImportFileError with a clear message otherwise."""
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if name.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            "Old .xls files are not supported: save the sheet as .xlsx or .csv.", field="file"
        )
    return _read_csv(data)


def _decode(data: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # Excel in Chinese Windows saves CSV as GBK
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ImportFileError("The file's text encoding could not be recognised.", field="file")
    return data.decode(best.encoding, errors="replace")


def _read_csv(data: bytes) -> tuple[list[str], Iterator[list[str]]]:
    text = _decode(data).replace("\x00", "")
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty.", field="file") from None
    except csv.Error as exc:
        raise ImportFileError(f"The CSV file is malformed: {exc}.", field="file") from None

    def rows() -> Iterator[list[str]]:
        try:
            yield from (list(row) for row in reader)
        except csv.Error as exc:  # e.g. a cell over the csv module's field limit, found only when reached
            raise ImportFileError(
                f"The CSV file is malformed near line {reader.line_num}: {exc}.", field="file"
            ) from None

    return [normalize_text(h) for h in headers], rows()


def _read_xlsx(data: bytes) -> tuple[list[str], Iterator[list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
        if total > 50 * len(data) + 50_000_000:
            raise ImportFileError(
                "The spreadsheet expands to an unreasonable size; it was not opened.", field="file"
            )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows, None)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise ImportFileError(
            f"The spreadsheet could not be read ({type(exc).__name__}); is it a valid .xlsx?", field="file"
        ) from None
    if headers is None:
        raise ImportFileError("The spreadsheet is empty.", field="file")

    def cells(row) -> list[str]:
        return [
            ""
            if value is None
            else (value.strftime("%Y-%m-%d") if isinstance(value, datetime) else str(value))
            for value in row
        ]

    def all_rows() -> Iterator[list[str]]:
        try:
            yield from (cells(row) for row in rows)
        except Exception as exc:  # a sheet broken past its first row
            raise ImportFileError(
                f"The spreadsheet could not be read to the end ({type(exc).__name__}).", field="file"
            ) from None

    return [normalize_text(h) for h in cells(headers)], all_rows()


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """A column → field mapping guessed from the headers (exact alias first, then contained alias)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        key = header.strip().lower()
        for target, aliases in FIELD_ALIASES.items():
            if target not in used and key in aliases:
                mapping[header], _ = target, used.add(target)
                break
    for header in headers:
        if header in mapping:
            continue
        key = header.strip().lower()
        for target, aliases in FIELD_ALIASES.items():
            if target not in used and any(len(alias) > 1 and alias in key for alias in aliases):
                mapping[header], _ = target, used.add(target)
                break
    return mapping


def validate_mapping(headers: list[str], mapping: dict) -> dict[str, str]:
    clean = {}
    for column, target in (mapping or {}).items():
        if column not in headers:
            raise CandidateError(f"The file has no column {column!r}.", field="mapping")
        if target in ("", None, "ignore"):
            continue
        if target not in TARGETS:
            raise CandidateError(
                f"Unknown field {target!r}; choose from {', '.join(TARGETS)}.", field="mapping"
            )
        clean[column] = target
    if not {"full_name", "email", "phone"} & set(clean.values()):
        raise CandidateError("Map at least one of the columns name, email or phone.", field="mapping")
    return clean


# ------------------------------------------------------------------------------------------------ cleaning


@dataclass
class CleanRow:
    number: int
    raw: dict
    name: str = ""
    emails: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    external_id: str = ""
    tags: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    rejected: bool = False


def _split(value: str) -> list[str]:
    return [part for part in (p.strip() for p in re.split(r"[;,，；、/\n|]+", value or "")) if part]


def _education_level(value: str) -> str | None:
    text = normalize_text(value).lower()
    if not text:
        return None
    for level, words in EDUCATION_WORDS.items():
        if any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) for word in words):
            return level
    return EducationLevel.OTHER


def _date(value: str) -> datetime | None:
    text = normalize_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def clean_row(number: int, raw: dict, mapping: dict[str, str]) -> CleanRow:
    """Trim, fold full-width characters, normalise contacts and dates; note every problem."""
    row = CleanRow(number=number, raw=raw)
    for column, target in mapping.items():
        value = normalize_text(raw.get(column, ""))
        if not value:
            continue
        if target == "full_name":
            row.name = value[:200]
        elif target == "email":
            for part in _split(value):
                email = normalize_email(part)
                (row.emails.append(email) if email else row.problems.append(f"invalid email {part!r}"))
        elif target == "phone":
            for part in re.split(r"[;,，；、/|]+", value):
                if not part.strip():
                    continue
                phone = normalize_phone(part)
                (
                    row.phones.append(phone)
                    if phone
                    else row.problems.append(f"invalid phone {part.strip()!r}")
                )
        elif target == "external_id":
            row.external_id = value[:200]
        elif target == "tags":
            row.tags = _split(value)
        elif target == "years_experience":
            number_match = re.search(r"\d+(?:\.\d+)?", value)
            if number_match and float(number_match.group()) <= 70:
                row.fields["years_experience"] = round(float(number_match.group()), 1)
            else:
                row.problems.append(f"years of experience {value!r} is not a number of years")
        elif target == "highest_education":
            row.fields["highest_education"] = _education_level(value)
        elif target == "source":
            # Candidate.source keeps to one vocabulary (models.CandidateSource): a spreadsheet's own word for it
            # is read when it names one, and noted (the row stays an import) when it does not.
            source = candidate_source_from_text(value)
            if source:
                row.fields["source"] = source
            else:
                row.problems.append(f"source {value!r} is not one the pool knows; kept as import")
        elif target == "pooled_at":
            parsed = _date(value)
            if parsed:
                row.fields["created_at"] = parsed
            else:
                row.problems.append(f"date {value!r} is not in a known format")
        else:
            row.fields[target] = value[:200]
    row.emails = list(dict.fromkeys(row.emails))
    row.phones = list(dict.fromkeys(row.phones))
    if not row.name and not row.emails and not row.phones:
        row.rejected = True
        row.problems.insert(0, "no name, valid email or valid phone")
    return row


# ------------------------------------------------------------------------------------------------- the job


def import_create(
    tenant: Tenant,
    *,
    data: bytes,
    filename: str,
    mapping: dict | None = None,
    mapping_name: str | None = None,
    actor=None,
) -> ImportJob:
    """Store the file and its mapping as a job (status ``previewed``). Raises CandidateError/ImportFileError for a
    file that cannot be read or a mapping that does not fit it."""
    if len(data) > settings.MAX_IMPORT_BYTES:
        raise CandidateError(
            f"The file is larger than {settings.MAX_IMPORT_BYTES // (1024 * 1024)} MB.",
            field="file",
            code="too_large",
        )
    headers, rows = read_table(data, filename)
    if not any(headers):
        raise ImportFileError("The first row must hold the column names.", field="file")
    for (
        _row
    ) in rows:  # read to the end now, so a file broken far down is refused here, not half-way through a run
        pass
    with tenant_context(tenant):
        if not mapping and mapping_name:
            saved = ColumnMapping.objects.filter(name=mapping_name).first()
            mapping = saved.mapping if saved else None
        mapping = validate_mapping(headers, mapping or suggest_mapping(headers))
        if mapping_name:
            ColumnMapping.objects.update_or_create(
                name=mapping_name[:100], defaults={"mapping": mapping, "updated_at": timezone.now()}
            )
        kind = "xlsx" if data[:4] == b"PK\x03\x04" else "csv"
        job = ImportJob(
            kind=kind,
            original_name=(filename or "")[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            mapping=mapping,
            status=ImportStatus.PREVIEWED,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        job.tenant_id = tenant.pk
        job.file.save(f"{job.sha256}.{kind}", ContentFile(data), save=False)
        job.save()
    return job


def _rows(job: ImportJob) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    with job.file.open("rb") as handle:
        data = handle.read()
    headers, rows = read_table(data, job.original_name or job.file.name)

    def numbered():
        for number, values in enumerate(rows, start=1):
            if number > MAX_ROWS:
                break
            if not any((value or "").strip() for value in values):
                continue  # blank lines are not rows
            yield (
                number,
                {
                    header: (values[i] if i < len(values) else "")
                    for i, header in enumerate(headers)
                    if header
                },
            )

    return headers, numbered()


def import_preview(tenant: Tenant, *, job: ImportJob, limit: int = 200) -> dict:
    """A dry run: what each row would become and its problems, without writing anything."""
    counts = {outcome: 0 for outcome in ImportOutcome.values}
    preview = []
    with tenant_context(tenant):
        _headers, rows = _rows(job)
        batch: list[CleanRow] = []
        seen: dict[str, int] = {}
        for number, raw in rows:
            batch.append(clean_row(number, raw, job.mapping))
            if len(batch) >= BATCH_SIZE:
                _preview_batch(batch, seen, counts, preview, limit)
                batch = []
        _preview_batch(batch, seen, counts, preview, limit)
    return {"counts": counts, "total_rows": sum(counts.values()), "rows": preview}


def _preview_batch(batch, seen, counts, preview, limit) -> None:
    matches = _match_batch(batch)
    for row in batch:
        if row.rejected:
            outcome = ImportOutcome.REJECTED
        else:
            keys = _row_keys(row)
            existing = matches.get(row.number) or next((seen[k] for k in keys if k in seen), None)
            outcome = ImportOutcome.UPDATED if existing else ImportOutcome.CREATED
            for key in keys:
                seen.setdefault(key, existing or -row.number)
        counts[outcome] += 1
        if len(preview) < limit:
            preview.append(
                {
                    "row": row.number,
                    "outcome": outcome,
                    "problems": row.problems,
                    "name": row.name,
                    "emails": row.emails,
                    "phones": row.phones,
                }
            )


def _row_keys(row: CleanRow) -> list[str]:
    keys = [f"e:{e}" for e in row.emails] + [f"p:{p}" for p in row.phones]
    if row.external_id:
        keys.append(f"x:{row.external_id}")
    return keys


def _reject_erased_people(batch: list[CleanRow]) -> None:
    """Rows naming someone who asked to be erased are rejected, and their cells are not kept (privacy)."""
    from privacy.selectors import erased_addresses

    emails = erased_addresses("email", {e for row in batch for e in row.emails})
    phones = erased_addresses("sms", {p for row in batch for p in row.phones})
    if not emails and not phones:
        return
    for row in batch:
        if not row.rejected and (emails.intersection(row.emails) or phones.intersection(row.phones)):
            row.rejected, row.raw = True, {}
            row.problems = ["erased at the person's request"]


def _match_batch(batch: list[CleanRow]) -> dict[int, int]:
    """Row number → id of the live candidate it matches exactly (external id, then email, then phone)."""
    system = IMPORT_SOURCE
    external = {row.external_id for row in batch if row.external_id}
    emails = {e for row in batch for e in row.emails}
    phones = {p for row in batch for p in row.phones}
    by_external = dict(
        ExternalId.objects.filter(system=system, value__in=external).values_list("value", "candidate_id")
    )
    by_email = dict(
        CandidateEmail.objects.filter(email__in=emails)
        .exclude(candidate__status="merged")
        .values_list("email", "candidate_id")
    )
    by_phone = dict(
        CandidatePhone.objects.filter(phone__in=phones)
        .exclude(candidate__status="merged")
        .values_list("phone", "candidate_id")
    )
    result = {}
    for row in batch:
        if row.rejected:
            continue
        match = by_external.get(row.external_id) if row.external_id else None
        match = match or next((by_email[e] for e in row.emails if e in by_email), None)
        match = match or next((by_phone[p] for p in row.phones if p in by_phone), None)
        if match:
            result[row.number] = match
    return result


def import_start(tenant: Tenant, *, job: ImportJob, actor=None, resume: bool = False) -> bool:
    """Queue a previewed import on a worker after the transaction commits. Claimed with a conditional update, so a
    double click queues it once; ``resume`` also re-queues a job left running by a killed worker (the run picks
    up after its last finished batch). Returns whether it was queued."""
    from ..tasks import run_import

    with tenant_context(tenant):
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.RUNNING
        )
        if not claimed and not (
            resume and ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).exists()
        ):
            return False
        tenant_id, job_id = tenant.pk, job.pk
        transaction.on_commit(lambda: run_import.apply_async(args=[tenant_id, job_id]))
    return True


def import_run(tenant: Tenant, *, job_id: int, actor=None) -> ImportJob:
    """Run (or resume) an import in transactional batches. Rows before ``processed_rows`` are final, so a run
    that was killed and run again ends as one uninterrupted run would. Safe to run twice."""
    with tenant_context(tenant):
        job = ImportJob.objects.get(pk=job_id)
        if job.status == ImportStatus.DONE:
            return job
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
        tag_lookup = _tag_lookup()
        _headers, rows = _rows(job)
    batch: list[CleanRow] = []
    done_through = _last_done_row(tenant, job)
    for number, raw in rows:
        if number <= done_through:
            continue
        batch.append(clean_row(number, raw, job.mapping))
        if len(batch) >= BATCH_SIZE:
            _run_batch(tenant, job, batch, tag_lookup, actor)
            batch = []
    if batch:
        _run_batch(tenant, job, batch, tag_lookup, actor)
    with tenant_context(tenant):
        created = list(
            ImportRow.objects.filter(job=job, outcome=ImportOutcome.CREATED).values_list(
                "candidate_id", flat=True
            )
        )
    duplicates_flag_among(tenant, candidate_ids=[pk for pk in created if pk])
    with tenant_context(tenant):
        counts = {
            outcome: ImportRow.objects.filter(job=job, outcome=outcome).count()
            for outcome in ImportOutcome.values
        }
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            counts=counts,
            total_rows=sum(counts.values()),
            finished_at=timezone.now(),
        )
        return ImportJob.objects.get(pk=job.pk)


def _last_done_row(tenant: Tenant, job: ImportJob) -> int:
    with tenant_context(tenant):
        last = (
            ImportRow.objects.filter(job=job)
            .order_by("-row_number")
            .values_list("row_number", flat=True)
            .first()
        )
    return last or 0


def _tag_lookup() -> dict[str, int]:
    lookup = {}
    for tag_id, key, name_en, name_zh, synonyms in Tag.objects.filter(is_retired=False).values_list(
        "id", "key", "name_en", "name_zh", "synonyms"
    ):
        for word in (key, name_en, name_zh, *synonyms):
            if word:
                lookup.setdefault(word.strip().lower(), tag_id)
    return lookup


def _run_batch(tenant: Tenant, job: ImportJob, batch: list[CleanRow], tag_lookup: dict, actor) -> None:
    """One transaction: every row of the batch gets its ImportRow, its candidate changes, or neither."""
    with tenant_context(tenant):
        _reject_erased_people(batch)
        matches = _match_batch(batch)
        created_by_key: dict[str, _NewCandidate] = {}
        new: list[_NewCandidate] = []
        results: list[list] = []  # [row, outcome, note, candidate id or _NewCandidate]
        for row in batch:
            if row.rejected:
                results.append([row, ImportOutcome.REJECTED, "", None])
                continue
            keys = _row_keys(row)
            earlier = next((created_by_key[k] for k in keys if k in created_by_key), None)
            if earlier is not None:  # an earlier row of this batch created the same person
                results.append(
                    [row, ImportOutcome.DUPLICATE, f"same person as row {earlier.row.number}", earlier]
                )
                continue
            match = matches.get(row.number)
            if match is not None:
                results.append([row, _update_existing(match, row, tag_lookup, actor), "", match])
                continue
            candidate = _NewCandidate(row, tag_lookup)
            for key in keys:
                created_by_key[key] = candidate
            new.append(candidate)
            results.append([row, ImportOutcome.CREATED, "", candidate])
        _insert_new(tenant, new, actor)
        _insert(
            ImportRow,
            ("tenant_id", "job_id", "row_number", "outcome", "reason", "raw", "candidate_id"),
            [
                (
                    tenant.pk,
                    job.pk,
                    row.number,
                    outcome,
                    "; ".join([*row.problems, note] if note else row.problems)[:2000],
                    Json(row.raw),
                    candidate.id if isinstance(candidate, _NewCandidate) else candidate,
                )
                for row, outcome, note, candidate in results
            ],
        )
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=batch[-1].number)


class _NewCandidate:
    """A row that becomes a new candidate; ``id`` is known once the batch is inserted."""

    __slots__ = ("row", "values", "tag_ids", "id")

    def __init__(self, row: CleanRow, tag_lookup: dict):
        now = timezone.now()
        fields = dict(row.fields)
        self.row = row
        self.tag_ids = sorted({tag_lookup[t.lower()] for t in row.tags if t.lower() in tag_lookup})
        self.values = {
            "full_name": row.name or (row.emails[0].split("@")[0] if row.emails else row.phones[0]),
            "location": fields.get("location") or "",
            "current_title": fields.get("current_title") or "",
            "current_company": fields.get("current_company") or "",
            "years_experience": fields.get("years_experience"),
            "highest_education": fields.get("highest_education") or "",
            "source": (fields.get("source") or IMPORT_SOURCE)[:40],
            "status": "active",
            "tag_ids": self.tag_ids,
            "tag_strengths": [strength_percent(LISTED_STRENGTH)] * len(self.tag_ids),
            "created_at": fields.get("created_at") or now,
            "updated_at": now,
        }
        self.id = None


CANDIDATE_COLUMNS = (
    "full_name",
    "location",
    "current_title",
    "current_company",
    "years_experience",
    "highest_education",
    "source",
    "status",
    "tag_ids",
    "tag_strengths",
    "created_at",
    "updated_at",
)


def _insert(model, columns, rows, returning: str | None = None) -> list:
    """INSERT many rows in one statement (psycopg2 execute_values), inside the current tenant's transaction.

    Django's bulk_create spends most of an import's time compiling SQL per value; this path does not, and row-level
    security still checks every row. Returns the ``returning`` column's values in row order.
    """
    if not rows:
        return []
    sql = f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) VALUES %s'
    if returning:
        sql += f" RETURNING {returning}"
    with connection.cursor() as cursor:
        result = execute_values(cursor.cursor, sql, rows, page_size=len(rows), fetch=bool(returning))
    return [value for (value,) in result] if returning else []


def _insert_new(tenant, new: list[_NewCandidate], actor) -> None:
    """Create the batch's new candidates and their children in six statements."""
    ids = _insert(
        Candidate,
        ("tenant_id", *CANDIDATE_COLUMNS),
        [(tenant.pk, *(c.values[k] for k in CANDIDATE_COLUMNS)) for c in new],
        returning="id",
    )
    for candidate, candidate_id in zip(new, ids, strict=True):
        candidate.id = candidate_id
    now, actor_id = timezone.now(), actor.pk if getattr(actor, "pk", None) else None
    _insert(
        CandidateEmail,
        ("tenant_id", "candidate_id", "email", "is_primary", "created_at"),
        [(tenant.pk, c.id, e, i == 0, now) for c in new for i, e in enumerate(c.row.emails)],
    )
    _insert(
        CandidatePhone,
        ("tenant_id", "candidate_id", "phone", "is_primary", "created_at"),
        [(tenant.pk, c.id, p, i == 0, now) for c in new for i, p in enumerate(c.row.phones)],
    )
    _insert(
        ExternalId,
        ("tenant_id", "candidate_id", "system", "value", "created_at"),
        [(tenant.pk, c.id, IMPORT_SOURCE, c.row.external_id, now) for c in new if c.row.external_id],
    )
    # A listed tag has no text to measure: one mention's strength (candidates.services.profile.default_strength).
    _insert(
        CandidateTag,
        (
            "tenant_id",
            "candidate_id",
            "tag_id",
            "source",
            "confidence",
            "mentions",
            "strength",
            "evidence_text",
            "created_at",
        ),
        [
            (tenant.pk, c.id, tag_id, TagSource.SYNCED, 1.0, 1, LISTED_STRENGTH, "", now)
            for c in new
            for tag_id in c.tag_ids
        ],
    )
    _insert(
        ProfileChange,
        ("tenant_id", "candidate_id", "field", "new_value", "source", "actor_id", "created_at"),
        [
            (tenant.pk, c.id, "created", Json(c.values["full_name"]), IMPORT_SOURCE, actor_id, now)
            for c in new
        ],
    )
    webhook_emit_many(
        "candidate.created", [{"candidate": {"id": c.id, "source": c.values["source"]}} for c in new]
    )


def _update_existing(candidate_id: int, row: CleanRow, tag_lookup: dict, actor) -> str:
    """Add what the row knows that the candidate lacks. Returns updated, or duplicate when nothing was new."""
    candidate = Candidate.objects.get(pk=candidate_id)
    fields = {k: v for k, v in row.fields.items() if k != "created_at"}
    changed = candidate_set_fields(candidate, fields, source=IMPORT_SOURCE, actor=actor, only_empty=True)
    changed += candidate_add_emails(candidate, row.emails, source=IMPORT_SOURCE, actor=actor)
    changed += candidate_add_phones(candidate, row.phones, source=IMPORT_SOURCE, actor=actor)
    if row.external_id:
        try:
            if candidate_add_external_id(
                candidate, system=IMPORT_SOURCE, value=row.external_id, source=IMPORT_SOURCE, actor=actor
            ):
                changed.append("external_id")
        except CandidateError as exc:
            row.problems.append(str(exc))
    for word in row.tags:
        tag_id = tag_lookup.get(word.lower())
        if tag_id and tag_id not in (candidate.tag_ids or []):
            tag = Tag.objects.get(pk=tag_id)
            if candidate_tag_add(candidate, tag=tag, source=TagSource.SYNCED, actor=actor):
                changed.append("tags")
    return ImportOutcome.UPDATED if changed else ImportOutcome.DUPLICATE


def import_rejected_csv(tenant: Tenant, *, job: ImportJob) -> str:
    """The rejected rows as CSV: the original columns, then the row number and the reason."""
    with tenant_context(tenant):
        rows = list(ImportRow.objects.filter(job=job, outcome=ImportOutcome.REJECTED).order_by("row_number"))
    headers: list[str] = []
    for row in rows:
        for key in row.raw:
            if key not in headers:
                headers.append(key)
    out = io.StringIO()
    writer = csv.writer(out)
    # The cells are the uploader's own text: escaped like the pool export so a spreadsheet never runs them.
    writer.writerow([csv_safe(cell) for cell in [*headers, "row", "reason"]])
    for row in rows:
        writer.writerow(
            [csv_safe(cell) for cell in [row.raw.get(h, "") for h in headers] + [row.row_number, row.reason]]
        )
    return "\ufeff" + out.getvalue()  # a BOM so Excel opens Chinese text correctly
