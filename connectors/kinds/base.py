"""What every connector kind shares: the normalised person, pages, dotted-path mappings and date reading."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.utils.translation import gettext as _

from candidates.services import normalize_text
from talentpool.errors import ServiceError

from ..transport import Client, ConnectorError, FetchError


class RecordError(ServiceError):
    """One external record that cannot be read; the run skips it with this message and goes on."""


@dataclass
class Person:
    """One external profile in the shape the pool applies. Dates of positions are "YYYY-MM" (or None)."""

    external_id: str
    full_name: str = ""
    emails: list = field(default_factory=list)
    phones: list = field(default_factory=list)  # as written; read with ``country`` when the sync applies them
    country: str = ""  # ISO 3166 alpha-2, when the source says
    location: str = ""
    title: str = ""
    company: str = ""
    headline: str = ""
    summary: str = ""
    url: str = ""
    positions: list = field(
        default_factory=list
    )  # {"company", "title", "start", "end", "is_current", "description"}
    educations: list = field(default_factory=list)  # {"school", "degree", "level", "major", "start", "end"}
    skills: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    updated_at: datetime | None = None
    document: dict | None = None  # a JSON Resume, kept verbatim with the candidate

    def data(self) -> dict:
        """The person as JSON values (what ExternalProfile.data stores and the hash covers). Shallow: the
        fields hold JSON values already (dataclasses.asdict's deep copy was a fifth of a sync's time)."""
        value = dict(vars(self))
        value["updated_at"] = self.updated_at.isoformat() if self.updated_at else None
        return value

    def content_hash(self) -> str:
        """The hash of everything but the update time: a source that bumps its timestamp changes nothing."""
        value = self.data()
        value.pop("updated_at")
        return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Page:
    """Records of one page, the cursor that fetches this page again, and the next page's (None: the last)."""

    records: list
    cursor: dict
    next_cursor: dict | None


@dataclass
class SearchQuery:
    """What a sourcing run looks for: the role's title, its skills and its location."""

    title: str
    keywords: list
    location: str = ""

    def text(self) -> str:
        return " ".join(part for part in [self.title, *self.keywords] if part)


# ---------------------------------------------------------------------------------------------- dotted paths


def dig(value, path: str):
    """The value at ``path`` ("a.b", "a.0.b", "items[].name" → a list) inside ``value``, or None."""
    if not path:
        return value
    head, _sep, rest = path.partition(".")
    if head.endswith("[]"):
        items = dig(value, head[:-2])
        if not isinstance(items, list):
            return None
        return [found for item in items if (found := dig(item, rest)) not in (None, "")]
    if isinstance(value, dict):
        return dig(value.get(head), rest) if head in value else None
    if isinstance(value, list) and head.isdigit():
        index = int(head)
        return dig(value[index], rest) if index < len(value) else None
    return None


def text_of(value, limit: int = 200) -> str:
    if isinstance(value, (dict, list)):
        return ""
    return normalize_text(value)[:limit]


def texts_of(value, limit: int = 200) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else re.split(r"[;,，；、|]+", str(value))
    return list(dict.fromkeys(t for t in (text_of(v, limit) for v in values) if t))


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m",
    "%Y/%m/%d",
    "%Y/%m",
    "%Y.%m.%d",
    "%Y.%m",
    "%Y年%m月%d日",
    "%Y年%m月",
    "%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)


def moment_of(value) -> datetime | None:
    """An aware datetime from epoch seconds or milliseconds, ISO 8601, or the usual date forms; else None."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 10_000_000_000 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dict):
        month = month_of(value)
        return datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC) if month else None
    text = normalize_text(value)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def month_of(value) -> str | None:
    """ "YYYY-MM" from "2019-03-01", "2019.3", "2019年3月", {"year": 2019, "month": 3} or epoch ms; else None."""
    if isinstance(value, dict):
        year, month = value.get("year"), value.get("month") or 1
        try:
            return date(int(year), int(month), 1).isoformat()[:7]
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        match = re.match(r"^\s*(\d{4})(?:\s*[-./年]\s*(\d{1,2}))?", value)
        if match:
            month = int(match.group(2) or 1)
            return f"{match.group(1)}-{month:02d}" if 1 <= month <= 12 else None
        return None
    moment = moment_of(value)
    return moment.date().isoformat()[:7] if moment else None


# ------------------------------------------------------------------------------------------------ the base


class Connector:
    """One kind of source. Subclasses set ``kind`` and implement ``pages`` and ``person`` (and ``search`` when
    ``can_search``). ``system`` names the external ids in ExternalId."""

    kind = ""
    can_search = False
    candidate_source = "import"  # Candidate.source of the people it brings (models.CandidateSource)
    secret_paths: tuple = ()  # configuration keys ("auth.value") that are credentials, stored encrypted

    def __init__(self, source, *, secrets: dict | None = None, client: Client | None = None):
        self.source = source
        self.configuration = dict(source.configuration or {})
        self.secrets = secrets or {}
        self._client = client

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = Client(
                limiter_key=f"{self.source.tenant_id}:{self.source.pk}",
                rate_limit=float(self.configuration.get("rate_limit") or 10),
            )
        return self._client

    @property
    def system(self) -> str:
        return f"source:{self.source.pk}"

    @classmethod
    def clean_configuration(cls, configuration: dict) -> dict:
        """``configuration`` checked and with defaults; raises ConnectorError naming the field at fault."""
        return dict(configuration)

    def pages(self, cursor: dict) -> Iterator[Page]:
        raise NotImplementedError

    def person(self, record) -> Person:
        raise NotImplementedError

    def record_label(self, record, position: int) -> str:
        """How a record is named in the run's errors: its id when it has one, else its position."""
        return str(position)

    def search(self, query: SearchQuery, *, limit: int) -> Iterator:
        raise ConnectorError(_("This kind of source cannot search."), field="source", code="no_search")

    def test(self) -> str:
        """Fetch the first page; returns a sentence for the person who asked. Raises FetchError/ConnectorError."""
        first = next(iter(self.pages({})), None)
        count = len(first.records) if first else 0
        return _("Connected: the first page has %(count)d records.") % {"count": count}


def require_text(configuration: dict, key: str, message: str) -> str:
    value = configuration.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConnectorError(message, field=key)
    return value.strip()


__all__ = [
    "Connector",
    "FetchError",
    "Page",
    "Person",
    "RecordError",
    "SearchQuery",
    "dig",
    "month_of",
    "moment_of",
    "text_of",
    "texts_of",
]
