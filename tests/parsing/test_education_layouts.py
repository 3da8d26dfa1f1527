"""Degrees in real English CVs converted from PDF (issue 12, item 5): an education header read across with
other columns' headers, school names split over two lines, a year opening a line, schools and course providers
without a school word, an abbreviation before the school's full name. Synthetic text only: no database. The
real-CV figures are in make bench (bench/quality_layouts.py, ``layouts_real_*``)."""

from __future__ import annotations

from candidates.parsing.fields import extract_education


def _degrees(text: str) -> list[tuple]:
    return [(e.school, e.level, (e.end or "")[:4] or None) for e in extract_education(text)]


def test_an_education_header_beside_other_columns_headers_opens_the_section():
    text = (
        "Dana Whitfield\n"
        "SUMMARY EDUCATION\n"
        "Backend developer with eight years of practice.  BA in Economics\n"
        "Enjoys clean code and short feedback loops.  Hanover Polytechnic Institute, 2012\n"
        "EXPERIENCE\n"
        "Backend Developer, Quillon Ltd, 2013 - 2021\n"
    )
    assert _degrees(text) == [("Hanover Polytechnic Institute", "bachelor", "2012")]


def test_a_capitals_education_header_ending_the_other_columns_line_opens_the_section():
    text = (
        "Experience\n"
        "Head of IT department Jul. 2001 - Dec. 2009 EDUCATION\n"
        "MS in Chemistry\n"
        "Novgorod Polytechnic Institute, 1997\n"
    )
    assert ("Novgorod Polytechnic Institute", "master", "1997") in _degrees(text)


def test_a_school_name_split_over_two_lines_is_joined():
    text = (
        "Education\n"
        "2000 - 2005 Specialist in Economics and Management. Ryazan State Radio-\n"
        "Engineering University (Russia).\n"
        "2013 - 2017 Kazan Federal Academic\n"
        "University\n"
    )
    assert [school for school, _level, _year in _degrees(text)] == [
        "Ryazan State Radio-Engineering University",
        "Kazan Federal Academic University",
    ]


def test_a_school_name_ending_with_of_continues_on_the_next_line():
    text = (
        "Education\n"
        "Northern National Research University of Higher School of\n"
        "Economics\n"
        "Bachelor of Business Informatics, 2013\n"
    )
    assert _degrees(text) == [
        ("Northern National Research University of Higher School of Economics", "bachelor", "2013")
    ]


def test_another_columns_words_are_not_joined_to_a_school():
    text = (
        "Education\n"
        "Virtual Machines\n"  # the skills column
        "Moscow State University, Department of Chemistry\n"
        "Sep 2018 - Aug 2019\n"
        "Research University of Higher School of\n"
        "Store Floor Manager\n"  # the experience column's job title
    )
    schools = [school for school, _level, _year in _degrees(text)]
    assert "Moscow State University" in schools[0] and not schools[0].startswith("Virtual")
    assert not any("Manager" in school for school in schools)


def test_a_year_opening_a_line_dates_the_entry_it_starts():
    text = (
        "Education\n"
        "2008 - 2013 Applied Information Science in Economics\n"
        "Baikal State University\n"
        "2021 Special program for software developers' adaptation\n"
        "Tel Ran Educational Center\n"
    )
    assert _degrees(text) == [
        ("Baikal State University", None, "2013"),
        ("Tel Ran Educational Center", None, "2021"),
    ]


def test_a_school_without_a_school_word_is_taken_from_the_dated_line_under_its_degree():
    text = "Education\nMBA (Sales & Marketing)\nIBDA, Moscow | 2015 - 2017\nPsychology/Masters Degree\n"
    assert _degrees(text)[0] == ("IBDA", "master", "2017")


def test_a_dated_course_provider_is_an_entry():
    text = (
        "Education and courses:\n"
        "2021  Ulpan Alef, Beit Borodetsky, Tel Aviv.\n"
        "2009 - 2013  Northfield University of Technology\n"
        "Bachelor of Informatics\n"
        "Udemy\n"
        "Complete JavaScript Course, 2021\n"
    )
    assert _degrees(text) == [
        ("Ulpan Alef", None, "2021"),
        ("Northfield University of Technology", "bachelor", "2013"),
        ("Udemy", None, "2021"),
    ]


def test_a_dated_field_above_its_school_is_not_a_provider():
    text = "Education\n2019 - 2023  Computer Science\nNorthfield University\n"
    assert _degrees(text) == [("Northfield University", None, "2023")]


def test_titles_skills_and_lone_words_are_not_providers():
    text = (
        "Education\n"
        "2020 Special program for adaptation of software developers\n"
        " Webpack, Docker\n"  # a skills column beside the entry
        "September 2010 - August 2012\n"
        "Git\n"  # a lone word not followed by a dated course
        "English\n"
        "2019  Internship, Service Engineer, Center for Financial Technologies\n"
    )
    assert _degrees(text) == []


def test_an_abbreviation_before_the_schools_full_name_is_the_school():
    text = "Education:\n  NTUDP (Dnipro Polytechnic National Technical University). Computer engineering\n"
    assert _degrees(text) == [("NTUDP (Dnipro Polytechnic National Technical University)", None, None)]


def test_a_school_word_in_lowercase_after_a_capitalised_name():
    assert _degrees("Education\nCisco network academy, 2010\n") == [("Cisco network academy", None, "2010")]
    assert _degrees("Education\nVolunteered at a summer school event, 2010\n") == []


def test_about_me_is_not_a_masters_degree():
    text = "Education\nLakeside Institute of Art, 2015\nECMAScript (es6) ABOUT ME\n"
    assert _degrees(text) == [("Lakeside Institute of Art", None, "2015")]


def test_a_known_course_provider_is_an_entry_wherever_the_line_names_it():
    text = (
        "Education and courses:\n"
        "2012 - 2016  Northfield University of Technology\n"
        "2020  Java basic courses, online professional courses Udemy.\n"
        "Yandex.Practicum\n"
        "Back-End Python Developer Professional Training Course\n"
    )
    assert _degrees(text) == [
        ("Northfield University of Technology", None, "2016"),
        ("Udemy", None, "2020"),
        ("Yandex.Practicum", None, None),
    ]
    # outside an education section a provider's name is not a study ("Created courses for Udemy")
    assert _degrees("Experience\n2019 - 2021  Acme, Instructor: created video courses for Udemy\n") == []
