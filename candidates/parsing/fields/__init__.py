"""Field extractors: pure functions over the extracted text (no I/O, no database).

- ``extract_emails``, ``extract_phones`` (E.164);
- ``parse_date``, ``extract_date_ranges``, ``years_of_experience``, ``stated_years``;
- ``segment_sections``;
- ``extract_education``, ``extract_experience``;
- ``extract_salary``, ``parse_salary``;
- ``extract_name``, ``entity_name`` (the entity tagger's name, when it could be a person's).

Matching runs on a length-preserving fold of the text (full-width → ASCII, dashes → "-"), so every span
refers to the text as given. The rules are described in docs/parsing.md.
"""

from .contacts import extract_emails, extract_phones
from .dates import DateRange, extract_date_ranges, parse_date, stated_years, years_of_experience
from .education import extract_education, level_of
from .experience import extract_experience
from .names import entity_name, extract_name
from .salary import extract_salary, parse_salary
from .sections import SECTION_HEADERS, header_key, segment_sections

__all__ = [
    "SECTION_HEADERS",
    "DateRange",
    "extract_date_ranges",
    "extract_education",
    "extract_emails",
    "extract_experience",
    "entity_name",
    "extract_name",
    "extract_phones",
    "extract_salary",
    "header_key",
    "level_of",
    "parse_date",
    "parse_salary",
    "segment_sections",
    "stated_years",
    "years_of_experience",
]
