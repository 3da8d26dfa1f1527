"""The seed taxonomy every tenant starts from: ``seed.jsonl`` (built by ``scripts/build_taxonomy.py``).

One JSON object per line: key, category, name_en, name_zh, synonyms, parent, and for terms with forms that
are also ordinary words, ambiguous ({form: "name" | "word" | "object" | "part"}). Sources and licences are in
``ATTRIBUTION.md``; how it is built in docs/decisions/0101-taxonomy-and-skill-tagging.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent / "seed.jsonl"

CATEGORIES = (
    "skill",
    "experience",
    "industry",
    "quality",
    "education",
    "certificate",
    "title",
    "language",
    "location",
)


@dataclass(frozen=True)
class SeedTerm:
    key: str
    category: str
    name_en: str
    name_zh: str
    synonyms: tuple[str, ...] = ()
    parent: str | None = None
    # forms that are also ordinary words or other things, with their tier (candidates/parsing/word_sense.py)
    ambiguous: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=1)
def load_seed() -> list[SeedTerm]:
    """Every seed term, in file order (cached; treat the list as read-only)."""
    terms = []
    with SEED_PATH.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            terms.append(
                SeedTerm(
                    key=row["key"],
                    category=row["category"],
                    name_en=row["name_en"],
                    name_zh=row["name_zh"],
                    synonyms=tuple(row.get("synonyms") or ()),
                    parent=row.get("parent"),
                    ambiguous=tuple((row.get("ambiguous") or {}).items()),
                )
            )
    return terms
