"""The resume check: job ads taken for resumes, and real resumes refused.

    python -m bench.quality_resume_check

Prints one JSON line per figure on stdout (bench/common.py's format), progress on stderr.

Every document goes through ``parse_text`` and ``is_resume`` (the upload path's rule). Job ads: the Chinese
job ads of ../shared/data/cn-jd-bosszhipin-2019 (title line, then the description; internal evaluation
only), the English and Chinese JDs of bench/jds and the five vacancies of vacancy-resume-matching. Resumes:
the 96 English resumes of kaggle-resumes-en and the 35 CVs of vacancy-resume-matching (many anonymised, no
name). Skipped when the shared data is absent.

Baseline, measured in the same run: the rule before it knew job ads, "any contact makes a resume", with
the entity tagger's first NAME taken as the name unchecked (``extract_name(...) or`` that entity).
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

from bench.common import Figure, emit, figure, progress

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
JDS = Path(__file__).resolve().parent / "jds"


def job_ads() -> list[str]:
    csv.field_size_limit(1 << 30)
    ads = [p.read_text(encoding="utf-8") for p in sorted(JDS.rglob("*.md")) if p.name != "README.md"]
    boss = DATA / "cn-jd-bosszhipin-2019" / "jobs.csv"
    if boss.is_file():
        with boss.open(encoding="utf-8") as handle:
            rows = csv.DictReader(handle)
            ads += [f"{r['position']}\n{r['description']}" for r in rows if r["description"].strip()]
    vacancies = DATA / "vacancy-resume-matching" / "5_vacancies.csv"
    if vacancies.is_file():
        with vacancies.open(encoding="utf-8") as handle:
            ads += [f"{r['job_title']}\n{r['job_description']}" for r in csv.DictReader(handle)]
    return ads


def resumes() -> list[str]:
    from candidates.parsing.text import extract_text

    texts = []
    kaggle = DATA / "kaggle-resumes-en" / "resumes.csv"
    if kaggle.is_file():
        with kaggle.open(encoding="utf-8") as handle:
            texts += [r["Resume"] for r in csv.DictReader(handle)]
    for path in sorted((DATA / "vacancy-resume-matching" / "CV").glob("*.docx")):
        texts.append(extract_text(path.read_bytes(), path.name).text)
    return texts


def _judged(texts: list[str]) -> tuple[int, int]:
    """(taken as resumes by the rule, by the baseline)."""
    from candidates.parsing.fields import extract_name
    from candidates.parsing.fields.layout import unglue
    from candidates.parsing.pipeline import is_resume, parse_text, resume_evidence

    ours = base = 0
    for text in texts:
        parsed = parse_text(text)
        ours += is_resume(text, parsed)
        raw_name = extract_name(unglue(text)) or next(
            (e.text for e in parsed.entities if e.label == "NAME"), None
        )
        signals = resume_evidence(text, parsed)
        base += bool(
            raw_name
            or parsed.emails
            or parsed.phones
            or len(signals) >= 3
            or ("sections" in signals and len(signals) >= 2)
        )
    return ours, base


def run() -> list[dict]:
    ads, cvs = job_ads(), resumes()
    if len(ads) < 100 or not cvs:
        progress("resume check: skipped (the shared data is absent)")
        return []
    ads_taken, ads_taken_base = _judged(ads)
    cvs_taken, cvs_taken_base = _judged(cvs)
    progress(
        f"resume check: {ads_taken}/{len(ads)} job ads taken for resumes (baseline {ads_taken_base}); "
        f"{len(cvs) - cvs_taken}/{len(cvs)} resumes refused (baseline {len(cvs) - cvs_taken_base})"
    )
    baseline = "any contact makes a resume, the entity tagger's first NAME unchecked"
    return [
        asdict(
            figure(
                "resume_check_job_ads_taken",
                ads_taken / len(ads),
                f"share of {len(ads)} job ads",
                ads_taken_base / len(ads),
                baseline,
            )
        ),
        asdict(
            figure(
                "resume_check_resumes_refused",
                (len(cvs) - cvs_taken) / len(cvs),
                f"share of {len(cvs)} real resumes",
                (len(cvs) - cvs_taken_base) / len(cvs),
                baseline,
            )
        ),
    ]


def main() -> None:
    from bench.common import setup_django

    setup_django()
    for row in run():
        emit(Figure(**row))


if __name__ == "__main__":
    main()
