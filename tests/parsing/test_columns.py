"""Two columns read across (issue 12, item 5): DOCX layout tables read column by column, a PDF-to-DOCX
conversion whose left column (company, title, dates) runs on the same lines as the right column's
descriptions, date ranges that lost their dash, fields separated by full stops, and free-form skill tags that
are dates, duty sentences or lone company names. Synthetic fixtures only: no database. The real-CV figures
are in make bench (bench/quality_layouts.py, ``layouts_real_*``)."""

from __future__ import annotations

import io

import docx
import pytest

from candidates.parsing.fields import extract_date_ranges, extract_experience
from candidates.parsing.pipeline import parse_text
from candidates.parsing.tagging import seed_matcher
from candidates.parsing.text import extract_text


def _layout_table_docx(left: list[str], right: list[str]) -> bytes:
    """A one-row, two-cell table: a sidebar cell and a main cell, each of several paragraphs."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SIDEBAR = ["CONTACT", "Kyiv, Ukraine", "SKILLS", "Python, SQL, Docker", "LANGUAGES", "English, Ukrainian"]
MAIN = [
    "Globex Ltd",
    "Senior Data Engineer",
    "Mar 2019 - Present",
    "• Built the billing data warehouse.",
    "Initech GmbH",
    "Data Analyst",
    "Jan 2016 - Feb 2019",
    "EDUCATION",
    "Kyiv Polytechnic Institute, B.Sc. in Computer Science, 2015",
]


def test_a_layout_tables_cells_are_read_column_by_column():
    text = extract_text(_layout_table_docx(SIDEBAR, ["WORK EXPERIENCE", *MAIN]), "cv.docx").text
    lines = text.splitlines()
    # the sidebar's last line and the main column's first line are not glued by a tab
    assert "English, Ukrainian" in lines
    assert "WORK EXPERIENCE" in lines
    assert lines.index("English, Ukrainian") < lines.index("WORK EXPERIENCE")


def test_a_layout_table_gives_the_main_columns_jobs():
    parsed = parse_text(extract_text(_layout_table_docx(SIDEBAR, ["WORK EXPERIENCE", *MAIN]), "cv.docx").text)
    jobs = {(e.company, e.title, e.start) for e in parsed.experience}
    assert ("Globex Ltd", "Senior Data Engineer", "2019-03") in jobs
    assert ("Initech GmbH", "Data Analyst", "2016-01") in jobs


def test_a_data_table_row_stays_one_line():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(
        table.rows, (("2019 - 2021", "Acme Ltd", "Engineer"), ("2016", "Initech", "Analyst")), strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(buffer.getvalue(), "cv.docx").text
    assert "2019 - 2021\tAcme Ltd\tEngineer" in text.splitlines()


# A PDF-to-DOCX conversion of a "company / title / dates | description" layout: each line is a fragment of
# the left column, one space, then the right column's text.
ACROSS = """Experience
Umbrella Corp Designing ingestion services (Python, Kafka, Postgres,
Senior Platform S3).
Engineer Achievement: cut the nightly batch from six hours to forty minutes by
APR 2021 TO PRESENT moving the joins into the warehouse and caching reference data
for every downstream team (Airflow, dbt)
Hooli.io Developing & maintaining the payments gateway (Go, gRPC,
Lead Backend Developer Redis, Kubernetes) for four regional markets
JAN 2018 TO MAR 2021 Kafka)
Owned the on-call rota and the incident reviews.
Vandelay Industries Building reporting tools for the sales team (Django,
c# developer Certificate handling and single sign-on):
JUN 2015 TO DEC 2017 desktop client and the web part
Education
"""


def test_two_columns_read_across_give_each_jobs_company_and_title():
    jobs = [(e.company, e.title, e.start, e.end) for e in extract_experience(ACROSS)]
    assert jobs == [
        ("Umbrella Corp", "Senior Platform Engineer", "2021-04", None),
        ("Hooli.io", "Lead Backend Developer", "2018-01", "2021-03"),
        ("Vandelay Industries", "c# developer", "2015-06", "2017-12"),
    ]


def test_a_single_column_resume_does_not_take_description_words_as_a_company():
    text = """Experience
Software Engineer, Acme Ltd
2019 - 2021 Improved the search latency by half
Migrated services to Kubernetes.
Data Analyst, Initech GmbH
2016 - 2019 Built the reporting pipeline
"""
    jobs = [(e.company, e.title) for e in extract_experience(text)]
    assert jobs == [("Acme Ltd", "Software Engineer"), ("Initech GmbH", "Data Analyst")]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Apr 2020Jun 2020 Samson Logic", "2020-04", "2020-06"),  # the dash was lost with its spaces
        ("Team Lead Software Developer 2004/ 2013", "2004-01", "2013-12"),
        ("Moscow State University (Russia) 1993/1998", "1993-01", "1998-12"),
        ("2022 - EPAM Systems. Software Engineer", "2022-01", None),  # the end left open
    ],
)
def test_date_ranges_that_lost_their_dash(text, start, end):
    (found,) = extract_date_ranges(text)
    assert (found.start, found.end, found.current) == (start, end, False)


@pytest.mark.parametrize(
    "text",
    ["worked there 2019 - then left", "2018/3", "in 2019 - we shipped", "2021/2019 reversed"],
)
def test_other_slashes_and_dashes_are_no_ranges(text):
    assert [r for r in extract_date_ranges(text) if r.end is None and not r.current] == []
    assert all(r.start <= (r.end or r.start) for r in extract_date_ranges(text))


def test_fields_separated_by_full_stops():
    text = "Experience\n2021 - 2022 UniqTrip. Junior web developer. Five projects in Tourism\n"
    (job,) = extract_experience(text)
    assert (job.company, job.title) == ("UniqTrip", "Junior web developer")
    text = "Experience\n2017 - 2020    Stark Logistics Pte. Ltd.    Senior Software Engineer\n"
    (job,) = extract_experience(text)
    assert (job.company, job.title) == ("Stark Logistics Pte. Ltd.", "Senior Software Engineer")


class _Spans:
    """A skill model stand-in that returns chosen spans: the test is about what the free-text path keeps."""

    def __init__(self, *phrases: str) -> None:
        self.phrases = phrases

    def spans(self, text, _occurrences):
        from candidates.parsing.types import Span

        found = []
        for phrase in self.phrases:
            start = text.find(phrase)
            if start >= 0:
                found.append(Span(phrase, start, start + len(phrase)))
        return found


def test_free_text_skills_are_not_dates_or_duty_openings():
    text = (
        "Experience\nMTS Developing & maintaining TPP (Asterisk + .Net 6.0)\n"
        "MAR 2022 TO PRESENT implementing rtp voice\n"
        "Certifications\nMS: Programming in C# Microsoft FEB 2016\n"
        "Designed the desktop service bus and the architecture analysis tooling.\n"
    )
    model = _Spans(
        "Developing & maintaining TPP",
        "PRESENT implementing rtp voice",
        "FEB 2016",
        "C#",
        "desktop service bus",
        "architecture analysis",
    )
    tags = seed_matcher().tag(text, skill_tagger=model)
    names = {t.name for t in tags}
    free = {t.name for t in tags if (t.tag_key or "").startswith("free:")}
    assert free == {"desktop service bus", "architecture analysis"}
    assert "C#" in names and "C" not in names  # C# is not also C
