"""English resume layouts: experience and education recall and precision per entry, by layout.

    python -m bench.quality_layouts      # one JSON line per figure on stdout

The resumes come from tests/parsing/fixtures/layouts/generate.py (single column, two-column table, text-box
sidebar, agency letterhead in header and footer, section columns, a two-column PDF, and a PDF-to-DOCX
conversion whose lines ran together), with their ground truth. Each file goes through the product's path:
``extract_text`` then ``parse_text``.

Scoring, per entry:
- a job is found when a parsed entry has the company (either contains the other, case-folded), the title
  (likewise) and the start month (the start year when the resume writes years only);
- a degree is found when a parsed entry has the school (containment), the level and the graduation year.
Precision is found / parsed entries. The name is right when it equals the truth's (never the agency's).

The baseline, measured in the same run, is the single-column layout of the same content: the other layouts
should read like it.

Real CVs (``layouts_real_dev_*``): twelve of the anonymised English CVs of
../shared/data/vacancy-resume-matching/CV (PDF-to-DOCX conversions, many with two columns read across),
labelled by hand in bench/layouts_real_labels.json (labels only; the CVs are read at run time and skipped when
the data is absent). They were the development set of the two-column rules in
candidates/parsing/fields/experience.py; the other 23 CVs of that folder are the check set
(``layouts_real_check_*``). Its first measurement was held out; the second round of rules was partly chosen
from its misses, so its later figures are not (see docs/parsing.md).

Blind (``layouts_blind_*``): 30 resumes in 30 templates people send (Harvard, Europass, table and text-box
sidebars, agency letterheads, LinkedIn "Save to PDF", headers and footers over two pages, a PDF-to-DOCX
conversion, functional, academic, federal, plain-text and Markdown resumes), written with their truth by a
helper that read none of the parser, its tests or its docs (bench/blind_layouts.py), scored as the real CVs
are. Its first measurement is held out (docs/quality.md); rules chosen from its misses since are listed there.
A second blind set (``layouts_blind2_*``, bench/blind_layouts_2.py: 30 more templates from more countries and
trades, in DOCX, PDF, text, Markdown, HTML and RTF) was written by another such helper after that round, to
measure it held out, and a third (``layouts_blind3_*``, bench/blind_layouts_3.py: messy files as recruiters
receive them, PDF-to-DOCX conversions with columns interleaved, run-together and letter-spaced text, tables,
text boxes) after the rounds chosen from the first two, and a fourth (``layouts_blind4_*``,
bench/blind_layouts_4.py: an ordinary week of applications, graduates to executives, fifteen countries) after
the rounds chosen from the first three, and a fifth (``layouts_blind5_*``, bench/blind_layouts_5.py: tech and
engineering hiring, LaTeX-style PDFs, GitHub Markdown, JSON Resume, LinkedIn exports) and a sixth
(``layouts_blind6_*``, bench/blind_layouts_6.py: a recruitment agency's inbox of non-tech roles) after all of
them.

Held out (``layouts_heldout_*``): three more layouts the generator gained after the parser learnt to split
run-together lines (``candidates/parsing/fields/layout.py``), with other entry forms ("Title at Company
(dates)", "Company, City — Title — dates"), other bullets (-, o, ▪, ●), headers glued to the text
("EDUCATIONB.Sc., …"), and a two-column table whose cells ran together. Their first measurement is the
held-out figure in docs/quality.md; changes made after looking at them are listed there.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

from bench.common import Figure, emit, figure, progress

GENERATOR = Path(__file__).resolve().parents[1] / "tests" / "parsing" / "fixtures" / "layouts" / "generate.py"
COUNT = 140  # 20 of each of the seven layouts
HELD_OUT_COUNT, HELD_OUT_SEED = 60, 41  # 20 of each of the three held-out layouts


def load_generator():
    spec = importlib.util.spec_from_file_location("layout_resumes", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("layout_resumes", module)
    spec.loader.exec_module(module)
    return module


def _same(expected: str, found: str | None) -> bool:
    if not found:
        return False
    a, b = " ".join(expected.lower().split()), " ".join(found.lower().split())
    return a in b or b in a


def job_matches(job, entry) -> bool:
    start_ok = entry.start == job.start if job.month_known else (entry.start or "")[:4] == job.start[:4]
    return _same(job.company, entry.company) and _same(job.title, entry.title) and start_ok


def school_matches(school, entry) -> bool:
    year = (entry.end or entry.start or "")[:4]
    return _same(school.school, entry.school) and entry.level == school.level and year == str(school.year)


def score_resume(resume, parsed) -> dict[str, int]:
    """Counts for one resume: jobs (truth, parsed, found), degrees (likewise), name right."""
    found_jobs = sum(any(job_matches(job, entry) for entry in parsed.experience) for job in resume.truth.jobs)
    found_degrees = sum(
        any(school_matches(s, entry) for entry in parsed.education) for s in resume.truth.education
    )
    return {
        "jobs": len(resume.truth.jobs),
        "jobs_parsed": len(parsed.experience),
        "jobs_found": found_jobs,
        "degrees": len(resume.truth.education),
        "degrees_parsed": len(parsed.education),
        "degrees_found": found_degrees,
        "names": 1,
        "names_right": int(parsed.name == resume.truth.name),
    }


def evaluate(count: int = COUNT, seed: int = 12, held_out: bool = False) -> dict[str, dict[str, int]]:
    """Summed counts per layout (and "all"). ``held_out``: the layouts written after the parser's handling of
    run-together lines (``held_out_resumes``), to measure it on shapes it was not developed on."""
    from candidates.parsing.pipeline import parse_text
    from candidates.parsing.text import extract_text

    generator = load_generator()
    produced = generator.held_out_resumes(count, seed) if held_out else generator.resumes(count, seed)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for resume in produced:
        extracted = extract_text(resume.data, resume.filename)
        parsed = parse_text(extracted.text)
        for key, value in score_resume(resume, parsed).items():
            totals[resume.layout][key] += value
            totals["all"][key] += value
    return totals


def ratios(counts: dict[str, int]) -> dict[str, float]:
    def div(a, b):
        return a / b if b else 0.0

    return {
        "jobs_recall": div(counts["jobs_found"], counts["jobs"]),
        "jobs_precision": div(counts["jobs_found"], counts["jobs_parsed"]),
        "degree_recall": div(counts["degrees_found"], counts["degrees"]),
        "degree_precision": div(counts["degrees_found"], counts["degrees_parsed"]),
        "name_accuracy": div(counts["names_right"], counts["names"]),
    }


def run() -> list[Figure]:
    progress(f"layouts: {COUNT} generated English resumes")
    totals = evaluate()
    baseline = ratios(totals["single"])
    figures = []
    for layout in ("all", "table", "textbox", "letterhead", "columns", "pdf_columns", "runon"):
        for key, value in ratios(totals[layout]).items():
            figures.append(
                figure(
                    f"layouts_{layout}_{key}",
                    value,
                    "ratio",
                    baseline[key],
                    "the same measure on the single-column layout",
                )
            )
    progress(f"layouts: {HELD_OUT_COUNT} generated English resumes in the held-out layouts")
    held_out = evaluate(HELD_OUT_COUNT, HELD_OUT_SEED, held_out=True)
    for layout in ("all", *load_generator().HELD_OUT_LAYOUTS):
        for key, value in ratios(held_out[layout]).items():
            if key.endswith("name_accuracy") and layout != "all":
                continue
            figures.append(
                figure(
                    f"layouts_heldout_{layout}_{key}",
                    value,
                    "ratio",
                    baseline[key],
                    "the same measure on the single-column layout (development set)",
                )
            )
    blind_sets = (
        ("blind", "bench.blind_layouts"),
        ("blind2", "bench.blind_layouts_2"),
        ("blind3", "bench.blind_layouts_3"),
        ("blind4", "bench.blind_layouts_4"),
        ("blind5", "bench.blind_layouts_5"),
        ("blind6", "bench.blind_layouts_6"),
    )
    for prefix, module in blind_sets:
        progress(f"layouts: the blind set {module} (written without reading the parser)")
        for key, value in real_ratios(evaluate_blind(module)).items():
            figures.append(
                figure(f"layouts_{prefix}_{key}", value, "ratio", 0.80, "issue 12's floor for held-out CVs")
            )
    real = evaluate_real("dev")
    if real is None:
        progress(f"layouts: real CVs skipped ({REAL_CV_DIR} is absent)")
        return figures
    progress("layouts: hand-labelled real English CVs (development and check sets)")
    for split, counts in (("dev", real), ("check", evaluate_real("check"))):
        for key, value in real_ratios(counts).items():
            figures.append(
                figure(
                    f"layouts_real_{split}_{key}",
                    value,
                    "ratio",
                    0.80,
                    "issue 12's floor for the held-out real CVs",
                )
            )
    return figures


REAL_CV_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "vacancy-resume-matching" / "CV"
REAL_CV_LABELS = Path(__file__).resolve().parent / "layouts_real_labels.json"


def _real_job_matches(job, entry) -> bool:
    company, title, start = job
    if start is None:
        start_ok = entry.start is None
    elif len(start) == 4:
        start_ok = (entry.start or "")[:4] == start
    else:
        start_ok = entry.start == start
    company_ok = company is None or _same(company, entry.company)
    return start_ok and company_ok and _same(title, entry.title)


def _real_degree_matches(degree, entry) -> bool:
    school, level, year = degree
    found_year = (entry.end or entry.start or "")[:4]
    return (
        _same(school, entry.school)
        and (level is None or entry.level == level)
        and (year is None or found_year == str(year))
    )


def evaluate_real(split: str, cv_dir: Path | None = None) -> dict[str, int] | None:
    """Counts over the hand-labelled real CVs of ``split`` ("dev" or "check"); None without the data.

    A job is found when a parsed entry has its start (month, or year when the CV gives only a year), its
    title (containment, case-folded) and its company (when the CV names one); a degree when a parsed entry has
    its school, its level (when stated) and its year (when stated). A name is right when it is one of the
    labelled allowed names (none, for anonymised CVs): never a company, a heading or a letterhead."""
    import json

    cv_dir = cv_dir or REAL_CV_DIR
    labels = json.loads(REAL_CV_LABELS.read_text())[split]
    if not cv_dir.is_dir() or not labels:
        return None
    documents = []
    for number, truth in sorted(labels.items()):
        path = cv_dir / f"{number}.docx"
        documents.append((path.name, path.read_bytes(), truth))
    return _labelled_counts(documents)


def evaluate_blind(module: str = "bench.blind_layouts") -> dict[str, int]:
    """Counts over a blind set's 30 resumes (bench/blind_layouts*.py), scored as the real CVs are
    (``evaluate_real``)."""
    return _labelled_counts(importlib.import_module(module).documents())


def _labelled_counts(documents) -> dict[str, int]:
    """Per-entry counts over (file name, bytes, truth) documents read through the product's path."""
    from candidates.parsing.pipeline import parse_text
    from candidates.parsing.text import extract_text

    totals: dict[str, int] = defaultdict(int)
    for filename, data, truth in documents:
        parsed = parse_text(extract_text(data, filename).text)
        totals["jobs"] += len(truth["jobs"])
        totals["jobs_parsed"] += len(parsed.experience)
        totals["jobs_found"] += sum(
            any(_real_job_matches(j, e) for e in parsed.experience) for j in truth["jobs"]
        )
        totals["jobs_parsed_right"] += sum(
            any(_real_job_matches(j, e) for j in truth["jobs"]) for e in parsed.experience
        )
        totals["degrees"] += len(truth["degrees"])
        totals["degrees_parsed"] += len(parsed.education)
        totals["degrees_found"] += sum(
            any(_real_degree_matches(d, e) for e in parsed.education) for d in truth["degrees"]
        )
        totals["degrees_parsed_right"] += sum(
            any(_real_degree_matches(d, e) for d in truth["degrees"]) for e in parsed.education
        )
        totals["names"] += 1
        totals["names_right"] += int(parsed.name in truth["names"])
    return totals


def real_ratios(counts: dict[str, int]) -> dict[str, float]:
    def div(a, b):
        return a / b if b else 0.0

    return {
        "jobs_recall": div(counts["jobs_found"], counts["jobs"]),
        "jobs_precision": div(counts["jobs_parsed_right"], counts["jobs_parsed"]),
        "degree_recall": div(counts["degrees_found"], counts["degrees"]),
        "degree_precision": div(counts["degrees_parsed_right"], counts["degrees_parsed"]),
        "name_accuracy": div(counts["names_right"], counts["names"]),
    }


def main() -> int:
    from bench.common import setup_django

    setup_django()
    for result in run():
        emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
