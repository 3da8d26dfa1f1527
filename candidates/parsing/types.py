"""Result types shared by the parsing modules. Offsets are character offsets into the parsed text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    label: str  # NAME, ORG, TITLE, EDU, PRO, LOC
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TagHit:
    name: str  # the tag's canonical name (the taxonomy's English name, or Chinese when it has none)
    category: str  # skill, experience, industry, quality, education, certificate, title, language, location
    confidence: float  # 0..1
    evidence: Span
    tag_key: str = ""  # the taxonomy's stable key for the tag
    mentions: int = 1  # how often the text names the tag (any of its names and synonyms)
    strength: float = 1.0  # 0..1: how much the text is about the tag (``tagging.tag_strength``)


@dataclass
class EducationEntry:
    school: str | None = None
    degree: str | None = None  # as written
    level: str | None = None  # secondary / associate / bachelor / master / doctor / other
    major: str | None = None
    start: str | None = None  # YYYY-MM
    end: str | None = None  # YYYY-MM, or None for "present" / unknown


@dataclass
class ExperienceEntry:
    company: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None  # None = present or unknown
    current: bool = False


@dataclass
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217: CNY, USD, …
    period: str | None = None  # month / year / day / hour
    months: int | None = None  # e.g. 14 for 25-35K·14薪


@dataclass
class ParsedResume:
    language: str = "en"
    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # E.164
    education: list[EducationEntry] = field(default_factory=list)
    experience: list[ExperienceEntry] = field(default_factory=list)
    years_experience: float | None = None
    salary: Salary | None = None
    tags: list[TagHit] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_json(self) -> dict:
        """The CLI contract's JSON object (see docs/parsing.md)."""
        return {
            "language": self.language,
            "name": self.name,
            "emails": list(self.emails),
            "phones": list(self.phones),
            "education": [{k: v for k, v in asdict(entry).items()} for entry in self.education],
            "experience": [
                {"company": e.company, "title": e.title, "start": e.start, "end": e.end}
                for e in self.experience
            ],
            "years_experience": self.years_experience,
            "salary": asdict(self.salary) if self.salary else None,
            "tags": [
                {
                    "name": t.name,
                    "category": t.category,
                    "confidence": round(t.confidence, 3),
                    "evidence": {"text": t.evidence.text, "start": t.evidence.start, "end": t.evidence.end},
                }
                for t in self.tags
            ],
            "entities": [
                {"label": e.label, "text": e.text, "start": e.start, "end": e.end} for e in self.entities
            ],
        }
