"""Real English CVs converted from PDF (issue 12, item 5), second round: side-column headers that cut into
the experience section, company lines as conversions leave them, entries whose dates were removed, and
ranges whose end the anonymisation removed. Synthetic text only: no database. The real-CV figures are in
make bench (bench/quality_layouts.py, ``layouts_real_*``)."""

from __future__ import annotations

import pytest

from candidates.parsing.fields import extract_date_ranges, extract_experience


def _jobs(text: str) -> list[tuple]:
    return [(e.company, e.title, e.start) for e in extract_experience(text)]


def test_a_side_column_header_does_not_end_the_experience_section():
    text = (
        "Experience\n"
        "Platform Team Lead\n"
        "Kestrel | 2021 - Present\n"
        "Leading a team of six engineers on the payments platform\n"
        "Profile\n"  # the side column's header, read across into the main column
        "I enjoy hard problems and quick feedback.\n"
        "Backend Developer\n"
        "Quillon | 2017 - 2021\n"
        "Built the order service in Go.\n"
        "Education\n"
        "Lakeside University, BSc Computer Science, 2017\n"
    )
    assert _jobs(text) == [
        ("Kestrel", "Platform Team Lead", "2021-01"),
        ("Quillon", "Backend Developer", "2017-01"),
    ]


def test_a_side_section_before_the_experience_section_is_not_read_for_jobs():
    text = (
        "Summary\nBackend Developer\nQuillon | 2017 - 2021\nExperience\nAnalyst\nBorealis Ltd | 2015 - 2017\n"
    )
    assert _jobs(text) == [("Borealis Ltd", "Analyst", "2015-01")]


@pytest.mark.parametrize(
    ("company_line", "company"),
    [
        ("Fernwood laboratory,www.fernwood.example,", "Fernwood laboratory"),
        ("Ostrava-Mall,www.ostrava.example, one of the biggest stores in the region SKILLS", "Ostrava-Mall"),
        ("Marlowe Socks,", "Marlowe Socks"),
    ],
)
def test_the_company_line_below_a_title_and_dates(company_line, company):
    text = f"Experience\nBusiness analyst Oct 2017 - Oct 2018\n{company_line}\nRemodelled the registration process.\n"
    assert _jobs(text) == [(company, "Business analyst", "2017-10")]


def test_a_legal_form_in_lowercase_marks_the_company():
    # the other column's "Wiki Engines" above must not win over the company below
    text = "Experience\nWiki Engines\nQA Team Leader Jan. 2010 - Mar. 2012\nTidewater ltd\nBuilt a test framework.\n"
    assert _jobs(text) == [("Tidewater ltd", "QA Team Leader", "2010-01")]


def test_a_lowercase_word_is_not_a_legal_form_on_its_own():
    text = "Experience\nBusiness analyst Oct 2017 - Oct 2018\nworked with the ltd team\n"
    assert _jobs(text) == [(None, "Business analyst", "2017-10")]


def test_a_centre_ends_a_company_name_after_the_title():
    text = "Experience\nC# Software Developer Civic Registry Center, Tomsk, Russia\nJan 2016 - Oct 2018\n"
    assert _jobs(text) == [("Civic Registry Center", "C# Software Developer", "2016-01")]


def test_the_other_columns_header_is_no_company():
    text = "Experience\nHead of IT department Jul. 2001 - Dec. 2009 EDUCATION\nBrightplast ltd\n"
    assert _jobs(text) == [("Brightplast ltd", "Head of IT department", "2001-07")]


def test_the_date_lines_own_field_comes_before_a_stray_line_above():
    text = (
        "Experience\n"
        "Grew the category share.\n"
        "MS 0.5% -> 7%\n"
        "Product Manager\n"
        "Halcyon | 2013 - 2019\n"
        "Managed the optics range.\n"
    )
    assert _jobs(text) == [("Halcyon", "Product Manager", "2013-01")]


def test_entries_whose_dates_were_removed():
    text = (
        "Experience\n"
        " - present Corvina (Haifa, Israel) Web FrontEnd Developer\n"
        " Description: a map of sensor data.\n"
        " -  Lumen (Holon, Israel) Web Full Stack Developer\n"
        " Responsibilities: renewed the UI.\n"
        "DATA ANALYST NORTHWIND GROUP, KAZAN, RUSSIA\n"
        "Maintaining databases of management accounting (SQL).\n"
        "PHP Developer (9 month)\n"
        "Redline Technologies LLC - Kharkiv, Ukraine\n"
        " Developed the server side of mobile applications\n"
        "- Mentored junior developers at Acme Ltd\n"
        "Education\n"
        "Kharkiv Polytechnic University\n"
    )
    assert _jobs(text) == [
        ("Corvina", "Web FrontEnd Developer", None),
        ("Lumen", "Web Full Stack Developer", None),
        ("NORTHWIND GROUP", "DATA ANALYST", None),
        ("Redline Technologies LLC", "PHP Developer", None),
    ]


def test_a_city_before_a_country_is_no_company():
    text = "Experience\nDATA ANALYST GUTA ESTATES, KAZAN, RUSSIA\nMaintaining databases (SQL).\n"
    assert [e.company for e in extract_experience(text)] != ["KAZAN"]


def test_undated_lines_are_read_only_in_an_experience_section():
    text = "Projects\nData Analyst, Northwind Group\nSummary\nSenior Developer, Acme Ltd\n"
    assert extract_experience(text) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Jun 2019Oct  Front-end Developer", "2019-06"),
        ("Oct 2014  Feb  Web Developer", "2014-10"),
        ("Mitochon LLC, Team Lead 2013/---", "2013-01"),
    ],
)
def test_ranges_whose_end_was_anonymised(text, start):
    (found,) = extract_date_ranges(text)
    assert (found.start, found.end, found.current) == (start, None, False)


@pytest.mark.parametrize("text", ["Oct 2014 February was cold", "2013/2"])
def test_an_end_month_needs_the_shape_of_a_removed_year(text):
    assert extract_date_ranges(text) == []
