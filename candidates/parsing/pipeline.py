"""Text → ParsedResume: the one path the CLI, the parse worker and the benchmarks all use."""

from __future__ import annotations

import datetime as dt

from .fields import (
    extract_education,
    extract_emails,
    extract_experience,
    extract_name,
    extract_phones,
    extract_salary,
    years_of_experience,
)
from .language import detect_language
from .ner import extract_entities
from .tagging import TaxonomyMatcher, seed_matcher
from .types import ParsedResume

MAX_PARSE_CHARS = 200_000  # a resume is a few pages; beyond this is not a resume and would only cost time


def parse_text(text: str, *, matcher: TaxonomyMatcher | None = None, today: dt.date | None = None) -> ParsedResume:
    """Parse resume text: language, entities, contacts, education, experience, years, salary and tags.

    Offsets in ``entities`` and tag evidence index into ``text`` (only its first MAX_PARSE_CHARS are read).
    Pure: no database, no network; safe to call from any thread.
    """
    text = (text or "")[:MAX_PARSE_CHARS]
    if not text.strip():
        return ParsedResume(language="en")
    entities = extract_entities(text)
    experience = extract_experience(text)
    name = extract_name(text) or next((e.text for e in entities if e.label == "NAME"), None)
    return ParsedResume(
        language=detect_language(text),
        name=name,
        emails=extract_emails(text),
        phones=extract_phones(text),
        education=extract_education(text),
        experience=experience,
        years_experience=years_of_experience(experience, today=today, text=text),
        salary=extract_salary(text),
        tags=(matcher or seed_matcher()).tag(text),
        entities=entities,
    )
