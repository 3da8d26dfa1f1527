"""Text → ParsedResume: the one path the CLI, the parse worker and the benchmarks all use."""

from __future__ import annotations

import datetime as dt
import re

from .fields import (
    entity_name,
    extract_date_ranges,
    extract_education,
    extract_emails,
    extract_experience,
    extract_name,
    extract_phones,
    extract_salary,
    segment_sections,
    years_of_experience,
)
from .fields.layout import unglue
from .language import detect_language
from .ner import extract_entities
from .tagging import TaxonomyMatcher, seed_matcher
from .types import ParsedResume

MAX_PARSE_CHARS = 200_000  # a resume is a few pages; beyond this is not a resume and would only cost time


def parse_text(
    text: str, *, matcher: TaxonomyMatcher | None = None, today: dt.date | None = None
) -> ParsedResume:
    """Parse resume text: language, entities, contacts, education, experience, years, salary and tags.

    Offsets in ``entities`` and tag evidence index into ``text`` (only its first MAX_PARSE_CHARS are read).
    Pure: no database, no network; safe to call from any thread.
    """
    text = (text or "")[:MAX_PARSE_CHARS]
    if not text.strip():
        return ParsedResume(language="en")
    entities = extract_entities(text)
    # The field extractors read lines: a converted document's run-together lines are split first (the
    # entities and tags keep their offsets into ``text``).
    lines = unglue(text)
    dated = extract_experience(lines)
    # an entry of dates alone (no company, no title) still counts for the years, but is no job to show
    experience = [entry for entry in dated if entry.company or entry.title]
    name = extract_name(lines) or entity_name(entities, text)
    return ParsedResume(
        language=detect_language(text),
        name=name,
        emails=extract_emails(text),
        phones=extract_phones(text),
        education=extract_education(lines),
        experience=experience,
        years_experience=years_of_experience(dated, today=today, text=lines),
        salary=extract_salary(text),
        tags=(matcher or seed_matcher()).tag(text),
        entities=entities,
    )


# Sections a resume has and other documents (letters, invoices, job ads) do not.
_RESUME_SECTIONS = (
    "experience",
    "education",
    "skills",
    "projects",
    "certificates",
    "summary",
    "objective",
    "self_evaluation",
    "training",
    "languages",
    "awards",
)


def resume_evidence(text: str, parsed: ParsedResume) -> list[str]:
    """What makes ``text`` a resume by its content, whoever it belongs to: the names of the signals found
    among "sections" (two or more resume section headers), "dates" (two or more date ranges), "roles" (a
    job or a degree read from the text) and "skills" (three or more taxonomy tags).

    An anonymised ("blind") resume has no name, email or phone but has these; a letter, an invoice or a job
    ad has at most one or two. ``is_resume`` decides. Pure.
    """
    signals = []
    # read like the field extractors read it: headers glued to the text before them ("07Education Details")
    # are headers too
    sections = {key for key in segment_sections(unglue(text)) if key in _RESUME_SECTIONS}
    if len(sections) >= 2:
        signals.append("sections")
    if len(extract_date_ranges(text)) >= 2:
        signals.append("dates")
    if any(e.company or e.title for e in parsed.experience) or any(
        e.school or e.degree for e in parsed.education
    ):
        signals.append("roles")
    if len({hit.tag_key or hit.name for hit in parsed.tags}) >= 3:
        signals.append("skills")
    return signals


# Phrases a job ad uses and a resume does not (at most one of them in each of 131 real resumes; three or more
# in job ads that give a recruiter's email or phone). Not an HR resume's words ("candidates", "benefits",
# "compensation"): only the ad's turns of phrase.
_JOB_AD = re.compile(
    r"apply now|how to apply|to apply\b|we are looking for|we['’]re looking for|we offer|what we offer|"
    r"(?:the )?(?:ideal|successful|suitable|interested) candidates?|job code|requirements\s*[:：]|must have|"
    r"nice to have|you will\b|you['’]ll\b|your responsibilities|about the (?:role|job|position)|about us\b|"
    r"(?:our|the) benefits|benefits include|compensation package|salary range|equal opportunity|"
    r"(?:the|this) position|send (?:your|us your) (?:cv|resume)|"
    r"join our team|full[- ]time position|岗位职责|任职要求|任职资格|岗位要求|职位描述|福利待遇|五险一金|"
    r"我们提供|欢迎加入|投递简历|简历投递|薪资待遇|薪酬福利",
    re.IGNORECASE,
)
JOB_AD_PHRASES = 3


def job_ad_phrases(text: str) -> list[str]:
    """The distinct job-ad phrases of ``text`` ("apply now", "the ideal candidate", "岗位职责"), in order."""
    return list(dict.fromkeys(m.group().lower() for m in _JOB_AD.finditer(text)))


def is_resume(text: str, parsed: ParsedResume) -> bool:
    """Never a document that reads as a job ad (``JOB_AD_PHRASES`` of its phrases: the recruiter's name or
    email at its foot does not make it a resume); else a resume by its contact details (a name, an email or a
    phone) or, without them, by its content: three of the four ``resume_evidence`` signals, or resume section
    headers and one more. A job ad names roles and skills (two signals) but has no resume sections; a letter or
    an invoice has at most dates."""
    if len(job_ad_phrases(text)) >= JOB_AD_PHRASES:
        return False
    if parsed.name or parsed.emails or parsed.phones:
        return True
    signals = resume_evidence(text, parsed)
    return len(signals) >= 3 or ("sections" in signals and len(signals) >= 2)
