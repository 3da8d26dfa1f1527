"""Role profile suggestions from job descriptions: quality on the Boss直聘 2019 postings and throughput.

    python -m bench.quality_suggest      # one JSON line per figure on stdout, progress on stderr

Data: ``shared/data/cn-jd-bosszhipin-2019/jobs.csv`` (Chinese IT postings, one sheet per programming language;
internal evaluation only, never copied into the repository). Every posting with a description is used. The
input is the JD as a recruiter pastes it: ``position + "\\n" + description`` (the title on the first line);
the ``_desc`` figures use the description alone.

- ``suggest_language_hit``: share of postings whose suggested requirements name the sheet's language (tag name,
  case-insensitive: Java, PHP, C#, C++, Python, JavaScript, Swift, Ruby; HTML+CSS: HTML or CSS).
  ``suggest_html_css_strict``: the HTML+CSS sheet with both HTML and CSS. Baseline: the same test on every tag
  the seed matcher finds in the text (``TaxonomyMatcher.find``: no title or section logic, no cap).
- ``suggest_min_years_text``: among postings whose text states a minimum (a plain reference pattern below:
  ``N年以上…经验``, ``N-M年…经验``, ``半年…经验``, Arabic or Chinese numerals; its first match),
  share where ``min_years`` equals it. ``suggest_min_years_column``: among postings whose ``experience`` column
  states a minimum (``3-5年`` → 3, ``10年以上`` → 10; ``1年以内``/``经验不限``/``应届生`` state none), share
  where ``min_years`` equals it (bounded by how often the text says the same as the column).
  ``suggest_min_years_false``: among postings whose column states no minimum and whose text has no reference
  statement, share with a ``min_years`` anyway. Baseline: ``fields.stated_years`` (the resume parser's).
- ``suggest_education``: among postings whose text names a degree level, share whose ``education`` equals the
  ``diploma_requirement`` column. Baseline: the first level word in the text.
- ``suggest_jds_per_s``: JDs per second on one core (best of 3 passes). Baseline: ``TaxonomyMatcher.find``
  alone over the same texts.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import asdict
from pathlib import Path

from bench.common import emit, figure, progress

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "cn-jd-bosszhipin-2019" / "jobs.csv"

COLUMN_YEARS = re.compile(r"^(\d+)\s*(?:-\s*\d+\s*年|年以上)$")
NO_MINIMUM = {"1年以内", "经验不限", "应届生"}
DIPLOMA = {
    "本科": "bachelor",
    "大专": "associate",
    "硕士": "master",
    "博士": "doctor",
    "中专/中技": "secondary",
    "高中": "secondary",
    "学历不限": "",
}
# The reference: "N年以上…经验", "N-M年…经验", "N年…工作经验" (Arabic or Chinese numerals), in the text.
_REF_N = r"(\d{1,2}|[一二两三四五六七八九十半])"
REFERENCE_YEARS = re.compile(
    rf"(?<!\d){_REF_N}\s*(?:[-~～到至]\s*\d{{1,2}}\s*)?年(?:以上|及以上|或以上|左右)?[^，。；;,\n\d]{{0,12}}?(?:经验|经历)"
)
REF_NUMBERS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "半": 0.5,
}
LEVEL_WORDS = re.compile(r"博士|硕士|研究生|本科|大专|专科|中专|高中")
LEVELS = {
    "博士": "doctor",
    "硕士": "master",
    "研究生": "master",
    "本科": "bachelor",
    "大专": "associate",
    "专科": "associate",
    "中专": "secondary",
    "高中": "secondary",
}


def postings() -> list[dict]:
    with DATA.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("description") or "").strip()]


def language_hit(sheet: str, names: set[str], strict: bool = False) -> bool:
    names = {n.lower() for n in names}
    if sheet == "HTML+CSS":
        html = bool(names & {"html", "html & css", "html与css"})
        css = bool(names & {"css", "html & css", "html与css"})
        return (html and css) if strict else (html or css)
    return sheet.lower() in names


def reference_years(text: str) -> float | None:
    match = REFERENCE_YEARS.search(text)
    if not match:
        return None
    token = match.group(1)
    value = float(token) if token.isdigit() else float(REF_NUMBERS[token])
    return value or None  # "0-1年" states no minimum


def column_years(value: str) -> float | None | str:
    """The experience column's minimum, None when it states none, "" when the column holds something else."""
    value = value.strip()
    if value in NO_MINIMUM:
        return None
    match = COLUMN_YEARS.match(value)
    return float(match.group(1)) if match else ""


def quality(rows: list[dict]) -> list:
    from candidates.parsing.fields import stated_years
    from profiles.suggest import seed_taxonomy, suggest_from_jd

    matcher, _ = seed_taxonomy()
    counts = {
        k: 0
        for k in (
            "n",
            "hit",
            "hit_desc",
            "base",
            "base_desc",
            "html",
            "html_strict",
            "html_base",
            "text_n",
            "text_ok",
            "text_base",
            "col_n",
            "col_ok",
            "col_base",
            "false_n",
            "false_yes",
            "false_base",
            "edu_n",
            "edu_ok",
            "edu_base",
        )
    }
    for row in rows:
        description = row["description"].strip()
        text = f"{row['position'].strip()}\n{description}"
        sheet = row["sheet"]
        suggestion = suggest_from_jd(text)
        names = {r.name for r in suggestion.requirements} | {r.name_en for r in suggestion.requirements}
        alone = suggest_from_jd(description).requirements
        names_desc = {r.name for r in alone} | {r.name_en for r in alone}
        found = {h.name for h in matcher.find(text)}
        counts["n"] += 1
        counts["hit"] += language_hit(sheet, names)
        counts["hit_desc"] += language_hit(sheet, names_desc)
        counts["base"] += language_hit(sheet, found)
        counts["base_desc"] += language_hit(sheet, {h.name for h in matcher.find(description)})
        if sheet == "HTML+CSS":
            counts["html"] += 1
            counts["html_strict"] += language_hit(sheet, names, strict=True)
            counts["html_base"] += language_hit(sheet, found, strict=True)
        baseline_years = stated_years(text)
        reference = reference_years(text)
        if reference is not None:
            counts["text_n"] += 1
            counts["text_ok"] += suggestion.min_years == reference
            counts["text_base"] += baseline_years == reference
        column = column_years(row.get("experience", ""))
        if column not in ("", None):
            counts["col_n"] += 1
            counts["col_ok"] += suggestion.min_years == column
            counts["col_base"] += baseline_years == column
        elif column is None and reference is None:
            counts["false_n"] += 1
            counts["false_yes"] += suggestion.min_years is not None
            counts["false_base"] += baseline_years is not None
        diploma = DIPLOMA.get(row.get("diploma_requirement", "").strip())
        first_level = LEVEL_WORDS.search(text)
        if diploma is not None and first_level:
            counts["edu_n"] += 1
            counts["edu_ok"] += suggestion.education == diploma
            counts["edu_base"] += LEVELS[first_level.group()] == diploma
    progress(f"bosszhipin: {counts}")

    def share(a: str, b: str) -> float:
        return counts[a] / counts[b] if counts[b] else 0.0

    base_name = "every seed-matcher tag in the text (TaxonomyMatcher.find)"
    years_name = "candidates.parsing.fields.stated_years (the resume parser's)"
    return [
        figure("suggest_language_hit", share("hit", "n"), "share of postings", share("base", "n"), base_name),
        figure(
            "suggest_language_hit_desc",
            share("hit_desc", "n"),
            "share of postings (description only)",
            share("base_desc", "n"),
            base_name + " (description only)",
        ),
        figure(
            "suggest_html_css_strict",
            share("html_strict", "html"),
            "share of HTML+CSS postings",
            share("html_base", "html"),
            base_name,
        ),
        figure(
            "suggest_min_years_text",
            share("text_ok", "text_n"),
            "share of postings stating years",
            share("text_base", "text_n"),
            years_name,
        ),
        figure(
            "suggest_min_years_column",
            share("col_ok", "col_n"),
            "share of postings with a column minimum",
            share("col_base", "col_n"),
            years_name,
        ),
        figure(
            "suggest_min_years_false",
            share("false_yes", "false_n"),
            "share of postings stating none",
            share("false_base", "false_n"),
            years_name,
        ),
        figure(
            "suggest_education",
            share("edu_ok", "edu_n"),
            "share of postings naming a level",
            share("edu_base", "edu_n"),
            "the first degree word in the text",
        ),
    ]


def speed(rows: list[dict]) -> list:
    from profiles.suggest import seed_taxonomy, suggest_from_jd

    matcher, _ = seed_taxonomy()
    texts = [f"{row['position'].strip()}\n{row['description'].strip()}" for row in rows]
    best = {"suggest": float("inf"), "find": float("inf")}
    for _ in range(3):
        for name, work in (("suggest", suggest_from_jd), ("find", matcher.find)):
            started = time.process_time()
            for text in texts:
                work(text)
            best[name] = min(best[name], time.process_time() - started)
    rates = {name: len(texts) / seconds for name, seconds in best.items()}
    chars = sum(len(t) for t in texts) / len(texts)
    progress(f"{len(texts)} JDs, {chars:.0f} characters on average: {rates}")
    return [
        figure(
            "suggest_jds_per_s",
            rates["suggest"],
            "JDs/s",
            rates["find"],
            "TaxonomyMatcher.find alone over the same texts",
        )
    ]


def run() -> list[dict]:
    """Every figure of this benchmark as bench dicts (name, value, unit, baseline, ratio, baseline_name)."""
    if not DATA.exists():
        progress("Boss直聘 postings missing: suggestion figures skipped")
        return []
    rows = postings()
    progress(f"Boss直聘: {len(rows)} postings with a description")
    return [asdict(f) for f in (*quality(rows), *speed(rows))]


def quality_suggest(_settings=None) -> list[dict]:
    """The entry point ``python -m bench`` runs (its settings are not used here)."""
    return run()


def main() -> None:
    from bench.common import Figure, setup_django

    setup_django()
    for row in run():
        emit(Figure(**row))


if __name__ == "__main__":
    main()
