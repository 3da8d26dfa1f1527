"""English resume layouts read like single-column ones: the generated set of tests/parsing/fixtures/layouts
(two-column tables, text-box sidebars, agency letterheads, section columns, two-column PDFs, run-together
conversions) through extract_text and parse_text. No database. The figures per layout are in make bench
(bench/quality_layouts.py); these tests hold the floor."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from bench.quality_layouts import evaluate, load_generator, ratios
from candidates.parsing.pipeline import parse_text
from candidates.parsing.text import extract_text

GENERATED = list(load_generator().resumes(70, seed=7))


def parsed_of(layout: str):
    return [(r, parse_text(extract_text(r.data, r.filename).text)) for r in GENERATED if r.layout == layout]


def test_the_generator_is_deterministic_and_covers_every_layout():
    again = list(load_generator().resumes(70, seed=7))
    assert [(r.filename, asdict(r.truth)) for r in again] == [
        (r.filename, asdict(r.truth)) for r in GENERATED
    ]
    assert {r.layout for r in GENERATED} == set(load_generator().LAYOUTS)


def test_a_recruiting_agencys_letterhead_is_never_taken_as_the_name():
    for _resume, parsed in parsed_of("letterhead"):
        assert parsed.name not in ("Pro IT Resource", "TalentBridge Recruitment", "Apex Staffing Solutions")


def test_a_text_box_sidebar_does_not_hide_experience_or_education():
    for resume, parsed in parsed_of("textbox"):
        assert len(parsed.experience) == len(resume.truth.jobs), resume.filename
        for school in resume.truth.education:
            assert any(e.school and e.school in school.school for e in parsed.education), resume.filename


def test_a_two_column_pdf_is_read_column_by_column():
    for resume, parsed in parsed_of("pdf_columns"):
        assert parsed.name == resume.truth.name, resume.filename
        assert parsed.experience, resume.filename


def test_a_graduation_year_on_its_own_line_belongs_to_the_school_above():
    parsed = parse_text("EDUCATION\nUniversity of Leeds\nB.Sc. in Economics\n2017\nSKILLS\nExcel\n")
    [entry] = parsed.education
    assert (entry.school, entry.level, entry.end) == ("University of Leeds", "bachelor", "2017-06")


@pytest.mark.parametrize("layout", ["all", "table", "textbox", "letterhead", "columns", "pdf_columns"])
def test_jobs_and_degrees_are_found_in_every_layout(layout):
    figures = ratios(evaluate(70, seed=7)[layout])
    assert figures["jobs_recall"] >= 0.8 and figures["jobs_precision"] >= 0.8, figures
    # A sidebar's wrapped education lines in a PDF are the weakest case (about 0.6–0.7 today).
    assert figures["degree_recall"] >= (0.5 if layout == "pdf_columns" else 0.7), figures
