"""Blind held-out set of English resumes in real-world layouts.

This module was written *without looking at the parser* (nothing under ``candidates/``, ``tests/``,
``docs/`` or the existing layout benchmark was opened while writing it), so it can serve as a
held-out measurement of how well resume parsing generalises to layouts it was not tuned on.

``documents()`` returns 30 resumes as ``(file name, file bytes, truth)``: 14 .docx (python-docx),
13 .pdf (reportlab) and 3 .txt.  Each one imitates a template people really send: Harvard
chronological, Europass, two-column Word/Canva designs (table sidebars, floating text boxes),
agency-reformatted and anonymised CVs, LinkedIn "Save to PDF", PDFs with repeating headers and
footers, a PDF->DOCX conversion with run-together lines, functional CVs, academic CVs, US federal
resumes, plain-text and Markdown resumes.  Professions, name origins, heading wordings, date and
degree spellings vary on purpose, and ordinary hazards are included (companies named in summaries,
referees with job titles, projects and volunteering outside the work section, date-like strings in
skills, agency names in letterheads).

Truth conventions (every string is exactly as printed in the document):

* ``jobs``: ``[company, title, start]`` for each role in the work-experience section, in document
  order.  ``company`` is ``None`` only when no employer text is printed for the role (e.g. a
  freelance line); a veiled employer ("A leading FMCG company") is kept as printed.  Several roles
  at one employer are separate jobs with the same company.  ``start`` is ``"YYYY-MM"`` when a month
  is printed and ``"YYYY"`` when only a year is.
* ``degrees``: ``[school, level, year]``; level is bachelor/master/doctor/associate/secondary or
  ``None`` for a course or certificate without a degree level; year is the graduation/end year.
* ``names``: one or two acceptable spellings of the candidate's name, ``[None]`` when anonymised.

Everything is deterministic: docx zips get fixed timestamps and core properties, PDFs are written
with reportlab's ``invariant`` mode, so every call returns identical bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

# --------------------------------------------------------------------------------------------------
# Data model and truth
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    company: str | None
    title: str
    start: str  # truth form: "YYYY" or "YYYY-MM"
    end: str  # "YYYY", "YYYY-MM" or a word such as "Present"
    place: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Degree:
    school: str
    level: str | None
    year: int | None
    label: str  # the qualification as printed, e.g. "BSc (Hons) Accounting and Finance"
    start: str = ""  # printed start year, when the layout shows a range
    place: str = ""
    notes: tuple[str, ...] = ()


Doc = tuple[str, bytes, dict]


def _truth(jobs: list[Job], degrees: list[Degree], names: list[str | None]) -> dict:
    return {
        "jobs": [[j.company, j.title, j.start] for j in jobs],
        "degrees": [[d.school, d.level, d.year] for d in degrees],
        "names": list(names),
    }


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DOTTED = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _fmt(value: str, style: str) -> str:
    """Print a truth date ("2019-01") in a resume style; years and words pass through."""
    if not re.fullmatch(r"\d{4}-\d{2}", value):
        return value
    year, month = int(value[:4]), int(value[5:])
    return {
        "mon": f"{_MONTHS[month - 1][:3]} {year}",  # Jan 2019
        "month": f"{_MONTHS[month - 1]} {year}",  # January 2019
        "sept": f"{_DOTTED[month - 1]} {year}",  # Sept. 2018
        "mm/yyyy": f"{month:02d}/{year}",  # 01/2019
        "iso": f"{year}-{month:02d}",  # 2019-01
        "dot": f"{year}.{month:02d}",  # 2019.01
    }[style]


def _span(job: Job, style: str = "mon", sep: str = " – ") -> str:
    return f"{_fmt(job.start, style)}{sep}{_fmt(job.end, style)}"


# --------------------------------------------------------------------------------------------------
# DOCX helpers
# --------------------------------------------------------------------------------------------------

_FIXED_TIME = datetime.datetime(2024, 11, 4, 9, 30, 0)
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_TAB = {"left": WD_TAB_ALIGNMENT.LEFT, "right": WD_TAB_ALIGNMENT.RIGHT, "center": WD_TAB_ALIGNMENT.CENTER}
_NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _new_docx(page: str = "A4", font: str = "Calibri", size: float = 10.5, margins=(0.75, 0.75, 0.75, 0.75)):
    doc = Document()
    section = doc.sections[0]
    if page == "A4":
        section.page_width, section.page_height = Mm(210), Mm(297)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Inches(top), Inches(right)
    section.bottom_margin, section.left_margin = Inches(bottom), Inches(left)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    return doc


def _text_width_in(doc) -> float:
    s = doc.sections[0]
    return (s.page_width - s.left_margin - s.right_margin) / 914400


def _run(para, text: str, b=False, i=False, size=None, color=None, font=None, caps=False, underline=False):
    run = para.add_run(text)
    if b:
        run.bold = True
    if i:
        run.italic = True
    if underline:
        run.underline = True
    if caps:
        run.font.all_caps = True
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if font:
        run.font.name = font
    return run


def _p(box, *parts, style=None, align=None, before=None, after=None, tabs=(), left=None, first=None, **fmt):
    """Add a paragraph to a document, cell, header or footer.

    Each part is a plain string (formatted with ``fmt``) or ``(string, {extra run formatting})``.
    """
    para = box.add_paragraph(style=style)
    pf = para.paragraph_format
    if align:
        para.alignment = _ALIGN[align]
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if left is not None:
        pf.left_indent = Inches(left)
    if first is not None:
        pf.first_line_indent = Inches(first)
    for pos, kind in tabs:
        pf.tab_stops.add_tab_stop(Inches(pos), _TAB[kind])
    for part in parts:
        text, extra = (part, {}) if isinstance(part, str) else part
        _run(para, text, **{**fmt, **extra})
    return para


def _bullet(box, text: str, left=None, **fmt):
    return _p(box, text, style="List Bullet", after=1, left=left, **fmt)


def _tidy(box) -> None:
    """Drop the empty paragraph that a new cell/header starts with, once real content follows."""
    paras = box.paragraphs
    if len(paras) > 1 and not paras[0].text and not paras[0]._p.xpath("./w:r"):
        paras[0]._p.getparent().remove(paras[0]._p)


def _border_bottom(para, color: str = "000000", size: int = 6) -> None:
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", color)):
        bottom.set(qn(f"w:{key}"), val)
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
    )


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign")


def _table(box, rows: int, widths: list[float], borders: bool = False):
    table = box.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = table._tbl.tblPr
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "BFBFBF")
        edges.append(el)
    tblpr.insert_element_before(edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Inches(width)
        for cell in col.cells:
            cell.width = Inches(width)
    return table


def _docx_bytes(doc) -> bytes:
    props = doc.core_properties
    props.author = props.last_modified_by = props.comments = props.title = ""
    props.subject = props.keywords = props.category = ""
    props.created = props.modified = props.last_printed = _FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the bytes do not depend on the wall clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=(2024, 11, 4, 9, 30, 0))
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            dst.writestr(item, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# PDF helpers
# --------------------------------------------------------------------------------------------------


class _Pdf:
    """A thin wrapper around a reportlab canvas with deterministic output."""

    def __init__(self, pagesize=A4):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=pagesize, invariant=1)
        self.w, self.h = pagesize

    def text(self, x, y, s, font="Helvetica", size=10, color=colors.black, align="left"):
        self.c.setFont(font, size)
        self.c.setFillColor(color)
        if align == "right":
            self.c.drawRightString(x, y, s)
        elif align == "center":
            self.c.drawCentredString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def rect(self, x, y, w, h, fill):
        self.c.setFillColor(fill)
        self.c.rect(x, y, w, h, stroke=0, fill=1)

    def dot(self, x, y, r, color=colors.black):
        """A vector bullet (standard-14 fonts have no reliable text bullet glyph)."""
        self.c.setFillColor(color)
        self.c.circle(x, y, r, stroke=0, fill=1)

    def line(self, x1, y1, x2, y2, color=colors.black, width=0.6):
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)
        self.c.line(x1, y1, x2, y2)

    def done(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


class _Flow:
    """A column cursor: writes lines top-down and calls ``new_page`` when it runs out of room."""

    def __init__(self, pdf: _Pdf, x, y, width, bottom=60, new_page=None):
        self.pdf, self.x, self.y, self.width, self.bottom = pdf, x, y, width, bottom
        self.new_page = new_page

    def ensure(self, height):
        if self.y - height < self.bottom and self.new_page:
            self.y = self.new_page()

    def line(
        self, s, font="Helvetica", size=10, lead=None, color=colors.black, right=None, indent=0, rfont=None
    ):
        lead = lead or size * 1.35
        self.ensure(lead)
        self.pdf.text(self.x + indent, self.y, s, font, size, color)
        if right:
            self.pdf.text(self.x + self.width, self.y, right, rfont or font, size, color, align="right")
        self.y -= lead

    def para(self, s, font="Helvetica", size=10, lead=None, color=colors.black, indent=0, bullet=None):
        lead = lead or size * 1.35
        for n, chunk in enumerate(simpleSplit(s, font, size, self.width - indent)):
            self.ensure(lead)
            if bullet == "•" and n == 0:
                self.pdf.dot(self.x + indent - 7, self.y + size * 0.33, size * 0.15, color)
            elif bullet and n == 0:
                self.pdf.text(self.x + indent - 10, self.y, bullet, font, size, color)
            self.pdf.text(self.x + indent, self.y, chunk, font, size, color)
            self.y -= lead

    def gap(self, h):
        self.y -= h

    def rule(self, color=colors.black, width=0.6):
        self.pdf.line(self.x, self.y + 3, self.x + self.width, self.y + 3, color, width)


def _hex(value: str):
    return colors.HexColor(value)


# ==================================================================================================
# DOCX layouts
# ==================================================================================================


def _d01_harvard() -> Doc:
    """Harvard/chronological single column: company bold + city, title italic, dates on a right tab."""
    name = "Eleanor J. Whitfield"
    groups = [
        (
            "Arla Foods UK",
            "Leeds, UK",
            [
                Job(
                    "Arla Foods UK",
                    "Senior Management Accountant",
                    "2021-04",
                    "Present",
                    bullets=(
                        "Own monthly close and variance reporting for the £310m chilled dairy category.",
                        "Rebuilt the standard-costing model in SAP S/4HANA, cutting close from 8 to 5 days.",
                    ),
                ),
                Job(
                    "Arla Foods UK",
                    "Management Accountant",
                    "2018-09",
                    "Mar 2021",
                    bullets=("Partnered with the Leeds and Lockerbie sites on capex appraisals up to £4m.",),
                ),
            ],
        ),
        (
            "KPMG LLP",
            "Leeds, UK",
            [
                Job(
                    "KPMG LLP",
                    "Audit Associate",
                    "2015-09",
                    "Aug 2018",
                    bullets=("Audited manufacturing and retail clients with revenues of £50m–£1.2bn.",),
                )
            ],
        ),
        (
            "Marks & Spencer",
            "London, UK",
            [
                Job(
                    "Marks & Spencer",
                    "Finance Intern",
                    "2014-06",
                    "Aug 2014",
                    bullets=("Summer placement in the food commercial finance team.",),
                )
            ],
        ),
    ]
    degrees = [
        Degree(
            "University of Leeds",
            "bachelor",
            2015,
            "BSc (Hons) Accounting and Finance, First Class",
            "2012",
            "Leeds, UK",
        ),
        Degree(
            "Leeds Grammar School",
            "secondary",
            2011,
            "A-Levels: Mathematics (A*), Economics (A), French (B)",
            place="Leeds, UK",
        ),
    ]
    doc = _new_docx(font="Times New Roman", size=11)
    width = _text_width_in(doc)
    tabs = [(width, "right")]
    _p(doc, name, align="center", b=True, size=16, after=0)
    _p(
        doc,
        "14 Grove Terrace, Leeds LS6 2AB • 07700 900461 • eleanor.whitfield@gmail.com",
        align="center",
        size=10,
        after=8,
    )

    def heading(text):
        para = _p(doc, text, b=True, size=11, before=8, after=3)
        _border_bottom(para)

    heading("PROFILE")
    _p(
        doc,
        "ACCA-qualified management accountant with nine years' experience in FMCG and professional services, "
        "partnering with clients such as Unilever and Asda on cost reporting and margin improvement.",
        align="justify",
    )
    heading("PROFESSIONAL EXPERIENCE")
    jobs: list[Job] = []
    for company, city, roles in groups:
        _p(doc, (company, {"b": True}), "\t" + city, tabs=tabs, before=6, after=0)
        for job in roles:
            jobs.append(job)
            _p(doc, (job.title, {"i": True}), "\t" + _span(job), tabs=tabs, after=1)
            for b in job.bullets:
                _bullet(doc, b)
    heading("EDUCATION")
    for d in degrees:
        _p(doc, (d.school, {"b": True}), "\t" + d.place, tabs=tabs, before=4, after=0)
        when = f"{d.start} – {d.year}" if d.start else str(d.year)
        _p(doc, (d.label, {"i": True}), "\t" + when, tabs=tabs)
    heading("ADDITIONAL INFORMATION")
    _p(
        doc,
        ("Professional: ", {"b": True}),
        "ACCA member since 2019 (Association of Chartered Certified Accountants)",
    )
    _p(
        doc,
        ("Systems: ", {"b": True}),
        "SAP S/4HANA, Oracle Hyperion 11.2, Power BI, Excel (Power Query, VBA)",
    )
    _p(doc, ("Languages: ", {"b": True}), "French (professional working proficiency)")
    _p(doc, "References available on request.", i=True, before=6)
    names = [name, "Eleanor Whitfield"]
    return "Eleanor_Whitfield_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d02_europass() -> Doc:
    """Europass-style: two-column tables, dates left ("03/2018 – Current"), title/employer right."""
    name = "Tomasz Kowalczyk-Nowak"
    jobs = [
        Job(
            "DHL Supply Chain",
            "Logistics Manager",
            "2018-03",
            "Current",
            "Poznań, Poland",
            (
                "Manage a 42,000 m² multi-user warehouse serving three e-commerce clients.",
                "Lead 6 shift supervisors and 180 operatives; improved pick accuracy to 99.7%.",
                "Rolled out SAP EWM and voice picking across inbound and returns.",
            ),
        ),
        Job(
            "Raben Logistics Polska Sp. z o.o.",
            "Warehouse Operations Supervisor",
            "2013-06",
            "2018-02",
            "Gądki, Poland",
            ("Supervised cross-dock operations for FMCG distribution (1,200 pallets/day).",),
        ),
        Job(
            "Kuehne + Nagel",
            "Transport Planner",
            "2010-09",
            "2013-05",
            "Poznań, Poland",
            ("Planned FTL/LTL road freight between Poland, Germany and the Benelux countries.",),
        ),
    ]
    degrees = [
        Degree(
            "Poznań University of Economics and Business",
            "master",
            2010,
            "Master's degree in Logistics",
            "10/2008",
            "Poznań, Poland",
            (
                "Field of study: Transport and logistics",
                "Thesis: Cross-docking optimisation in FMCG distribution",
            ),
        ),
        Degree(
            "Poznań University of Technology",
            "bachelor",
            2008,
            "Bachelor's degree in Transport Management",
            "10/2005",
            "Poznań, Poland",
        ),
    ]
    doc = _new_docx(font="Arial", size=9.5, margins=(0.6, 0.6, 0.6, 0.6))
    _p(doc, ("europass", {"b": True, "color": "004494", "size": 14}), after=6)
    _p(doc, name, b=True, size=18, after=2)
    for label, value in (
        ("Nationality: ", "Polish"),
        ("Date of birth: ", "14/07/1986"),
        ("Phone number: ", "(+48) 601 234 567"),
        ("Email address: ", "t.kowalczyk.nowak@gmail.com"),
        ("Address: ", "ul. Głogowska 112, 60-734 Poznań (Poland)"),
    ):
        _p(doc, (label, {"b": True}), value, after=0)

    def section(title):
        para = _p(doc, title, b=True, size=11, color="004494", before=10, after=4)
        _border_bottom(para, "004494")

    section("WORK EXPERIENCE")
    table = _table(doc, len(jobs), [1.7, 5.35])
    for row, job in zip(table.rows, jobs, strict=True):
        left, right = row.cells
        _p(left, f"{_fmt(job.start, 'mm/yyyy')} – {_fmt(job.end, 'mm/yyyy')}", size=9, color="404040")
        _p(left, job.place, size=9, color="404040")
        _p(right, job.title, b=True, size=10.5)
        _p(right, job.company, color="004494")
        for b in job.bullets:
            _bullet(right, b)
        _tidy(left)
        _tidy(right)
    section("EDUCATION AND TRAINING")
    table = _table(doc, len(degrees), [1.7, 5.35])
    for row, d in zip(table.rows, degrees, strict=True):
        left, right = row.cells
        _p(left, f"{d.start} – 06/{d.year}", size=9, color="404040")
        _p(left, d.place, size=9, color="404040")
        _p(right, d.label, b=True, size=10.5)
        _p(right, d.school, color="004494")
        for note in d.notes:
            _p(right, note, size=9)
        _tidy(left)
        _tidy(right)
    section("LANGUAGE SKILLS")
    _p(doc, ("Mother tongue(s): ", {"b": True}), "POLISH")
    _p(doc, ("Other language(s): ", {"b": True}), "ENGLISH  Listening C1  Reading C1  Writing B2  Spoken C1")
    _p(doc, "GERMAN  Listening B2  Reading B2  Writing B1  Spoken B2", left=1.2)
    section("DIGITAL SKILLS")
    _p(doc, "SAP EWM | Manhattan WMS | Microsoft Excel (advanced) | Power BI | Qlik Sense")
    section("DRIVING LICENCE")
    _p(doc, "Driving Licence: B, C")
    section("CERTIFICATES")
    _p(doc, "IOSH Managing Safely (2016) | Lean Six Sigma Yellow Belt (2019)")
    return "CV_Europass_Kowalczyk-Nowak_EN.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d03_sidebar_table() -> Doc:
    """Modern two-column template built from a borderless table with a shaded left sidebar."""
    name = "Priya Raman"
    jobs = [
        Job(
            "Deliveroo",
            "Head of Growth Marketing",
            "2021-01",
            "Present",
            "London",
            (
                "Lead a 14-person team across CRM, paid social and lifecycle marketing.",
                "Grew monthly active customers 38% in two years at a flat acquisition cost.",
            ),
        ),
        Job(
            "Ocado Group",
            "Senior Marketing Manager",
            "2017-03",
            "2020-12",
            "Hatfield",
            ("Launched the Ocado Smart Platform B2B brand in three new markets.",),
        ),
        Job(
            "Ogilvy UK",
            "Digital Marketing Executive",
            "2014-09",
            "2017-02",
            "London",
            ("Planned search and social campaigns for FMCG and telecoms accounts.",),
        ),
    ]
    degrees = [
        Degree("Cass Business School", "master", 2014, "MSc Marketing", "2013"),
        Degree("University of Nottingham", "bachelor", 2012, "BA (Hons) Business Studies", "2009"),
    ]
    doc = _new_docx(font="Calibri", size=10, margins=(0.5, 0.5, 0.5, 0.5))
    table = _table(doc, 1, [2.25, 5.0])
    side, main = table.rows[0].cells
    _shade(side, "2E4057")
    white = "FFFFFF"

    def side_head(text):
        _p(side, text, b=True, size=11, color="F2C14E", before=10, after=3)

    side_head("CONTACT")
    for item in ("+44 7700 900 812", "priya.raman@outlook.com", "London, UK", "linkedin.com/in/priyaraman"):
        _p(side, item, color=white, size=9.5)
    side_head("SKILLS")
    for item in (
        "SEO & content strategy",
        "Google Analytics 4",
        "HubSpot",
        "Meta Ads Manager",
        "Salesforce Marketing Cloud",
        "A/B testing (Optimizely)",
    ):
        _p(side, "• " + item, color=white, size=9.5)
    side_head("LANGUAGES")
    for item in ("English — native", "Tamil — fluent", "Spanish — B1"):
        _p(side, item, color=white, size=9.5)
    side_head("EDUCATION")
    for d in degrees:
        _p(side, d.label, b=True, color=white, size=9.5, before=4)
        _p(side, d.school, color=white, size=9.5)
        _p(side, f"{d.start} – {d.year}", color="D0D0D0", size=9)
    side_head("CERTIFICATIONS")
    _p(side, "Google Ads Search Certification (2023)", color=white, size=9.5)
    _tidy(side)

    _p(main, name.upper(), b=True, size=24, color="2E4057", after=0, left=0.15)
    _p(main, "Growth & Brand Marketing Leader", size=12, color="8A8A8A", after=8, left=0.15)

    def main_head(text):
        para = _p(main, text, b=True, size=12, color="2E4057", before=10, after=3, left=0.15)
        _border_bottom(para, "F2C14E", 8)

    main_head("PROFILE")
    _p(
        main,
        "Data-led marketer with ten years' experience in consumer tech and retail. Before moving in-house "
        "I ran campaigns for brands such as Unilever, Diageo and Virgin Media.",
        left=0.15,
    )
    main_head("EXPERIENCE")
    for job in jobs:
        _p(main, job.title, b=True, size=11, before=6, after=0, left=0.15)
        _p(main, f"{job.company}  ·  {job.place}", color="2E4057", after=0, left=0.15)
        _p(main, f"{_fmt(job.start, 'month')} – {_fmt(job.end, 'month')}", i=True, color="8A8A8A", left=0.15)
        for b in job.bullets:
            _bullet(main, b, left=0.4)
    _tidy(main)
    names = ["PRIYA RAMAN", name]
    return "Priya Raman - Resume 2024.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _txbx_paragraph(text: str, bold=False, size=9.5, color="1F1F1F", after=40) -> str:
    rpr = (
        f'<w:rPr>{"<w:b/>" if bold else ""}<w:color w:val="{color}"/><w:sz w:val="{int(size * 2)}"/></w:rPr>'
    )
    return (
        f'<w:p><w:pPr><w:spacing w:after="{after}"/></w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _floating_textbox(paragraphs_xml: str, x_in: float, y_in: float, w_in: float, h_in: float, fill: str):
    """A Word 2010+ floating text box (wp:anchor + wps:txbx) with the usual VML fallback (v:textbox)."""
    emu = 914400
    x, y, cx, cy = (int(v * emu) for v in (x_in, y_in, w_in, h_in))
    content = f"<w:txbxContent>{paragraphs_xml}</w:txbxContent>"
    xml = f"""
<w:r xmlns:w="{_NS_W}">
 <mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" Requires="wps">
   <w:drawing>
    <wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
        behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
     <wp:simplePos x="0" y="0"/>
     <wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
     <wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
     <wp:extent cx="{cx}" cy="{cy}"/>
     <wp:effectExtent l="0" t="0" r="0" b="0"/>
     <wp:wrapSquare wrapText="bothSides"/>
     <wp:docPr id="1" name="Text Box 1"/>
     <wp:cNvGraphicFramePr/>
     <a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
      <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
       <wps:wsp>
        <wps:cNvSpPr txBox="1"/>
        <wps:spPr>
         <a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
         <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
         <a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>
         <a:ln><a:noFill/></a:ln>
        </wps:spPr>
        <wps:txbx>{content}</wps:txbx>
        <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="137160" tIns="137160" rIns="91440" bIns="45720"
            anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
       </wps:wsp>
      </a:graphicData>
     </a:graphic>
    </wp:anchor>
   </w:drawing>
  </mc:Choice>
  <mc:Fallback>
   <w:pict>
    <v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
        id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" fillcolor="#{fill}" stroked="f"
        style="position:absolute;margin-left:{x_in * 72:.1f}pt;margin-top:{y_in * 72:.1f}pt;width:{w_in * 72:.1f}pt;height:{h_in * 72:.1f}pt;z-index:251659264;mso-position-horizontal-relative:page;mso-position-vertical-relative:page">
     <v:textbox>{content}</v:textbox>
    </v:shape>
   </w:pict>
  </mc:Fallback>
 </mc:AlternateContent>
</w:r>"""
    return parse_xml(xml)


def _d04_textbox_sidebar() -> Doc:
    """Sidebar in a floating text box (contact, education, certificates); experience in the body."""
    name = "Adaeze Grace Nwosu"
    jobs = [
        Job(
            "Manchester University NHS Foundation Trust",
            "Senior Staff Nurse (Band 6)",
            "2020-02",
            "Present",
            "Acute Medical Unit, Manchester Royal Infirmary",
            (
                "Nurse in charge of a 38-bed acute medical unit on rotation, coordinating up to 12 staff per shift.",
                "Mentor and practice supervisor for pre-registration nursing students.",
                "Led the unit's sepsis screening audit (NEWS2 compliance up from 78% to 96%).",
            ),
        ),
        Job(
            "Salford Royal NHS Foundation Trust",
            "Staff Nurse (Band 5)",
            "2016-09",
            "Jan 2020",
            "Respiratory Ward",
            ("Cared for patients on NIV and high-flow oxygen; completed IV therapy competencies.",),
        ),
        Job(
            "Bupa Care Services",
            "Healthcare Assistant",
            "2013-06",
            "Aug 2016",
            "Part-time alongside nursing degree",
            ("Personal care, observations and end-of-life support in a 60-bed nursing home.",),
        ),
    ]
    degrees = [
        Degree("University of Salford", "bachelor", 2016, "BSc (Hons) Adult Nursing", "2013"),
        Degree(
            "Trinity Church of England High School",
            "secondary",
            2011,
            "GCSEs: 10 at grades A*–C incl. English & Maths",
        ),
    ]
    doc = _new_docx(font="Calibri", size=10.5, margins=(0.6, 0.6, 0.6, 3.0))
    box = [_txbx_paragraph("CONTACT", True, 11, "0B6E4F", 80)]
    for item in ("07911 123 456", "adaeze.nwosu@nhs.net", "Salford, Greater Manchester", "NMC PIN: 16I2345E"):
        box.append(_txbx_paragraph(item))
    box.append(_txbx_paragraph("EDUCATION", True, 11, "0B6E4F", 80))
    for d in degrees:
        box.append(_txbx_paragraph(d.label, True, after=0))
        box.append(_txbx_paragraph(d.school, after=0))
        box.append(_txbx_paragraph(f"{d.start} – {d.year}" if d.start else str(d.year), after=100))
    box.append(_txbx_paragraph("CERTIFICATES", True, 11, "0B6E4F", 80))
    for item in (
        "Advanced Life Support (ALS), 2022",
        "IV Therapy & Cannulation, 2017",
        "Moving & Handling, 2024",
    ):
        box.append(_txbx_paragraph(item))
    box.append(_txbx_paragraph("SKILLS", True, 11, "0B6E4F", 80))
    for item in (
        "Acute assessment (ABCDE)",
        "Medicines management",
        "Cerner EPR",
        "Wound care",
        "Team leadership",
    ):
        box.append(_txbx_paragraph("• " + item))
    first = _p(doc, name, b=True, size=24, color="0B6E4F", after=0)
    first._p.append(_floating_textbox("".join(box), 0.35, 0.45, 2.4, 10.7, "EAF4F0"))
    _p(doc, "Registered Nurse (Adult)", size=13, color="555555", after=10)

    def heading(text):
        para = _p(doc, text, b=True, size=12, color="0B6E4F", before=10, after=3)
        _border_bottom(para, "0B6E4F")

    heading("PERSONAL STATEMENT")
    _p(
        doc,
        "Compassionate, NMC-registered adult nurse with eight years' NHS experience in acute medicine and "
        "respiratory care. Calm under pressure, committed to safe staffing and to developing junior colleagues.",
    )
    heading("EMPLOYMENT HISTORY")
    for job in jobs:
        _p(doc, job.title, b=True, size=11, before=6, after=0)
        _p(doc, job.company, color="0B6E4F", after=0)
        _p(doc, f"{_span(job)} | {job.place}", i=True, color="555555")
        for b in job.bullets:
            _bullet(doc, b)
    heading("REFERENCES")
    _p(doc, "Available on request.")
    names = [name, "Adaeze Nwosu"]
    return "Adaeze_Nwosu_Nurse_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d05_agency_header() -> Doc:
    """Agency-reformatted CV: candidate name/contact in the page header, agency letterhead + footer."""
    jobs = [
        Job(
            "Arup",
            "Senior Civil Engineer",
            "2019",
            "Present",
            "Birmingham",
            (
                "Package lead for drainage and earthworks design on a £180m highways scheme.",
                "Manage a team of five engineers and two technicians; chair weekly design reviews.",
            ),
        ),
        Job(
            "Balfour Beatty",
            "Civil Engineer",
            "2015",
            "2019",
            "Coventry",
            ("Temporary works and section engineer on HS2 enabling works (Area North).",),
        ),
        Job(
            "Atkins",
            "Graduate Engineer",
            "2012",
            "2015",
            "Bristol",
            ("Flood alleviation and culvert design for the Environment Agency framework.",),
        ),
    ]
    degrees = [
        Degree("University of Birmingham", "master", 2012, "MEng (Hons) Civil Engineering, 2:1"),
        Degree("King Edward VI Aston School", "secondary", 2008, "A-Levels: Mathematics, Physics, Geography"),
    ]
    doc = _new_docx(font="Arial", size=10, margins=(1.5, 0.8, 1.0, 0.8))
    section = doc.sections[0]
    header, footer = section.header, section.footer
    _p(
        header,
        "Presented by Apex Talent Partners | www.apextalent.co.uk",
        align="right",
        size=8,
        color="7F7F7F",
    )
    _p(header, "DANIEL OKAFOR", b=True, size=18, color="1F3864", after=0)
    _p(
        header,
        "Chartered Civil Engineer (CEng MICE) | Birmingham, UK | 07700 900123 | daniel.okafor@outlook.com",
        size=9,
    )
    _tidy(header)
    _p(
        footer,
        "Apex Talent Partners Ltd · 3 Colmore Row, Birmingham B3 2BJ · Registered in England No. 08812345",
        align="center",
        size=7.5,
        color="7F7F7F",
    )
    _p(
        footer,
        "Your consultant: Sarah Jennings, Senior Recruitment Consultant · sarah.jennings@apextalent.co.uk · 0121 496 0000",
        align="center",
        size=7.5,
        color="7F7F7F",
    )
    _tidy(footer)

    def heading(text):
        para = _p(doc, text, b=True, size=11.5, color="1F3864", before=10, after=3)
        _border_bottom(para, "1F3864")

    heading("Consultant's Summary")
    _p(
        doc,
        "A chartered civil engineer with twelve years' experience across highways, rail and flood schemes, "
        "including HS2 and Environment Agency frameworks. Available on one month's notice; seeking a principal "
        "engineer role within 30 miles of Birmingham.",
    )
    heading("Key Skills")
    for item in (
        "Drainage and earthworks design (DMRB, CIRIA C753)",
        "Temporary works coordination",
        "AutoCAD Civil 3D 2024, MicroDrainage, Eurocode 2 (EN 1992-1-1:2004)",
    ):
        _bullet(doc, item)
    heading("Career History")
    for job in jobs:
        _p(doc, (job.title, {"b": True}), f" — {job.company}, {job.place}", before=6, after=0)
        _p(doc, _span(job), i=True, color="595959")
        for b in job.bullets:
            _bullet(doc, b)
    heading("Education")
    for d in degrees:
        _p(doc, (d.label, {"b": True}), f" — {d.school}, {d.year}")
    heading("Professional Memberships")
    _p(doc, "Chartered Engineer (CEng), Member of the Institution of Civil Engineers (MICE), 2018")
    names = ["DANIEL OKAFOR", "Daniel Okafor"]
    return "Apex_Talent_CV_D_Okafor.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d06_pdf_to_docx() -> Doc:
    """A PDF->DOCX conversion: one paragraph per visual line, run-together lines, stray tabs, glyph bullets."""
    name = "Nadia Haddad"
    jobs = [
        Job("Auto Trader UK", "Lead Data Analyst", "2019-03", "Present"),
        Job("Deloitte LLP", "Senior Analyst", "2016", "2019"),
        Job("Hargreaves Lansdown", "Junior Analyst", "2013-09", "2016-01"),
    ]
    degrees = [
        Degree("University of Manchester", "master", 2013, "MSc Data Science", "2012"),
        Degree("University of Leeds", "bachelor", 2012, "BSc (Hons) Mathematics", "2009"),
    ]
    doc = _new_docx(font="Calibri", size=10.5, margins=(0.6, 0.6, 0.6, 0.6))
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    a, b, c = jobs
    lines: list[tuple] = [
        ((name.upper(), {"b": True, "size": 20}),),
        ("Data Analyst\t|\tManchester, UK\t|\tnadia.haddad@proton.me\t|\t+44 7700 900777",),
        ("\t",),
        (("PROFESSIONAL SUMMARY", {"b": True, "size": 12}),),
        ("Data analyst with 8+ years’ experience turning messy operational data into deci-",),
        ("sions. Most recently built demand forecasting for clients such as Tesco and the NHS; fluent",),
        ("in SQL, Python 3.11 and dbt.",),
        (" ",),
        (("EXPERIENCE", {"b": True, "size": 12}),),
        ((a.title, {"b": True}),),
        (f"{a.company}\t\t\t\t{_span(a)}",),
        ("• Designed the price-indicator model shown on 450k+ vehicle listings; cut vali-",),
        ("dation time by 60%.",),
        (("\uf0b7", {"font": "Symbol"}), "\tBuilt self-serve Looker dashboards used by 12 commercial teams."),
        ((b.title, {"b": True}), b.company, _span(b, sep=" – ")),
        ("•\tDelivered supply-chain analytics for retail and public-sector clients.",),
        ("•\tLed four analysts on an NHS workforce-planning engagement (2017 – 2018).",),
        (("Nadia Haddad – CV", {"size": 8}), ("\tPage 1 of 2", {"size": 8})),
        (f"{c.title}\t{c.company}\t{_fmt(c.start, 'mon')} – {_fmt(c.end, 'mon')}",),
        (("\uf0b7", {"font": "Symbol"}), "\tAutomated monthly fund-flow reporting (Excel VBA → Python)."),
        (" ",),
        (("EDUCATION", {"b": True, "size": 12}),),
        ((degrees[0].label, {"b": True}), degrees[0].school, f"{degrees[0].start} – {degrees[0].year}"),
        ((degrees[1].label, {"b": True}),),
        (f"{degrees[1].school}\t{degrees[1].start} – {degrees[1].year}",),
        (" ",),
        (("SKILLS", {"b": True, "size": 12}),),
        ("SQL (Snowflake, BigQuery) • Python 3.11 • dbt • Looker • Tableau 2023.1 • Excel",),
        ("Certified: Snowflake SnowPro Core (2022)",),
    ]
    for parts in lines:
        _p(doc, *parts)
    names = ["NADIA HADDAD", name]
    return "Nadia_Haddad_Resume (converted).docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d07_federal() -> Doc:
    """US federal long-form resume: labelled Employer/Title/Dates/Hours blocks."""
    jobs = [
        Job(
            "Defense Logistics Agency",
            "Logistics Management Specialist",
            "2019-10",
            "Present",
            "8725 John J. Kingman Rd, Fort Belvoir, VA 22060",
        ),
        Job(
            "Lockheed Martin Corporation",
            "Supply Chain Analyst",
            "2016-05",
            "2019-09",
            "1 Lockheed Blvd, Fort Worth, TX 76108",
        ),
        Job("U.S. Army", "Unit Supply Specialist", "2008-06", "2016-04", "Fort Hood, TX 76544"),
    ]
    extra = [
        ("GS-0346-12", "40", "$98,496 per year", "Janet Ruiz, (703) 555-0142, may contact"),
        (None, "40", "$71,000 per year", "David Park, (817) 555-0177, may contact"),
        ("E-6 (Staff Sergeant)", "50", "$46,000 per year", "CW2 Luis Ortega, contact not available"),
    ]
    duties = [
        "Manage inventory positioning for 14,000 national stock numbers supporting Army aviation; cut "
        "backorders 22% in FY2022 by re-baselining safety stock.",
        "Analyse demand history and lead times for F-35 spares; built the Power BI supplier scorecard "
        "adopted by three program offices.",
        "Accounted for property valued at $12M with zero losses across three inventories; trained 20 "
        "soldiers on GCSS-Army.",
    ]
    degrees = [
        Degree(
            "University of Maryland Global Campus",
            "bachelor",
            2015,
            "Bachelor of Science in Business Administration",
            place="Adelphi, MD",
        ),
        Degree(
            "Central Texas College",
            "associate",
            2011,
            "Associate of Arts in General Studies",
            place="Killeen, TX",
        ),
    ]
    conferred = {degrees[0].school: "12/2015", degrees[1].school: "05/2011"}
    doc = _new_docx(page="LETTER", font="Times New Roman", size=11, margins=(0.8, 0.9, 0.8, 0.9))
    _p(doc, "MARCUS T. HOLLOWAY", align="center", b=True, size=15, after=0)
    _p(doc, "4410 Lee Highway, Apt 3B, Arlington, VA 22207", align="center", after=0)
    _p(doc, "Phone: (571) 555-0198 | Email: marcus.holloway@gmail.com", align="center", after=6)
    for label, value in (
        ("Citizenship: ", "United States"),
        ("Veterans' Preference: ", "10-point (CPS)"),
        ("Security Clearance: ", "Secret (active)"),
        ("Highest Federal Grade Held: ", "GS-0346-12 (10/2019 - present)"),
        ("Vacancy Announcement Number: ", "DLA-24-12345678"),
    ):
        _p(doc, (label, {"b": True}), value, after=0)

    def heading(text):
        para = _p(doc, text, b=True, size=12, before=12, after=4)
        _border_bottom(para)

    heading("WORK EXPERIENCE")
    for job, (grade, hours, salary, supervisor), duty in zip(jobs, extra, duties, strict=True):
        rows = [
            ("Employer: ", job.company),
            ("Address: ", job.place),
            ("Title: ", job.title),
        ]
        if grade:
            rows.append(("Series/Grade: ", grade))
        rows += [
            ("Dates: ", f"{_fmt(job.start, 'mm/yyyy')} - {_fmt(job.end, 'mm/yyyy')}"),
            ("Hours per week: ", hours),
            ("Salary: ", salary),
            ("Supervisor: ", supervisor),
        ]
        for n, (label, value) in enumerate(rows):
            _p(doc, (label, {"b": True}), value, after=0, before=8 if n == 0 else None)
        _p(doc, "Duties, Accomplishments and Related Skills:", b=True, before=4, after=0)
        _p(doc, duty, after=4)
    heading("EDUCATION")
    for d in degrees:
        _p(doc, (d.school, {"b": True}), f", {d.place}", after=0, before=6)
        _p(doc, f"{d.label}, {conferred[d.school]}")
    heading("TRAINING AND CERTIFICATIONS")
    for item in (
        "DAWIA Life Cycle Logistics Practitioner, 2021",
        "Lean Six Sigma Green Belt, 2020",
        "Hazardous Materials Certification (DoD 4500.9-R), 2014",
    ):
        _bullet(doc, item)
    heading("REFERENCES")
    _p(doc, "Janet Ruiz, Branch Chief, Defense Logistics Agency, (703) 555-0142, janet.ruiz@dla.mil", after=0)
    _p(doc, "David Park, Logistics Manager, Lockheed Martin Corporation, (817) 555-0177")
    names = ["MARCUS T. HOLLOWAY", "Marcus T. Holloway"]
    return "Marcus_Holloway_Federal_Resume.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d08_blind_agency() -> Doc:
    """Anonymised agency CV: no name, a candidate reference, employers written in full."""
    groups = [
        (
            "Herbert Smith Freehills LLP",
            [
                Job(
                    "Herbert Smith Freehills LLP",
                    "Senior Associate, Commercial Litigation",
                    "2019-09",
                    "present",
                    bullets=(
                        "Runs High Court and LCIA disputes of £20m–£400m for energy and banking clients.",
                        "Supervises two associates and a trainee; leads the firm's litigation funding working group.",
                    ),
                )
            ],
        ),
        (
            "Pinsent Masons LLP",
            [
                Job(
                    "Pinsent Masons LLP",
                    "Associate",
                    "2015-09",
                    "2019-08",
                    bullets=("Construction and engineering disputes, including two TCC trials.",),
                ),
                Job(
                    "Pinsent Masons LLP",
                    "Trainee Solicitor",
                    "2013-09",
                    "2015-08",
                    bullets=("Seats: Commercial Litigation, Real Estate, Employment, Projects.",),
                ),
            ],
        ),
    ]
    degrees = [
        Degree(
            "The University of Law", None, 2013, "Legal Practice Course (LPC) — Distinction", place="London"
        ),
        Degree("University of Bristol", "bachelor", 2012, "LLB (Hons) Law — 2:1", "2009", "Bristol"),
    ]
    doc = _new_docx(font="Georgia", size=10, margins=(1.0, 0.9, 0.9, 0.9))
    header, footer = doc.sections[0].header, doc.sections[0].footer
    _p(
        header,
        ("MERIDIAN", {"b": True, "color": "7A1F3D"}),
        ("  LEGAL RECRUITMENT", {"color": "7A1F3D"}),
        size=12,
    )
    _tidy(header)
    _p(
        footer,
        "This profile has been anonymised by Meridian Legal Recruitment Ltd. Please quote ref 4471 in all correspondence.",
        size=7.5,
        align="center",
        color="808080",
    )
    _tidy(footer)
    _p(doc, "CANDIDATE PROFILE", b=True, size=16, color="7A1F3D", after=2)
    _p(doc, "Candidate ref: 4471", b=True, size=11, after=8)
    table = _table(doc, 5, [1.9, 4.8], borders=True)
    for row, (label, value) in zip(
        table.rows,
        (
            ("Current position", "Senior Associate, Commercial Litigation"),
            ("Location", "London"),
            ("PQE", "9 years (admitted September 2015)"),
            ("Notice period", "3 months"),
            ("Salary expectation", "£135,000 + bonus"),
        ),
        strict=True,
    ):
        _p(row.cells[0], label, b=True)
        _p(row.cells[1], value)
        _tidy(row.cells[0])
        _tidy(row.cells[1])

    def heading(text):
        para = _p(doc, text, b=True, size=12, color="7A1F3D", before=12, after=3)
        _border_bottom(para, "7A1F3D")

    heading("Summary")
    _p(
        doc,
        "Commercial litigator with a strong record in international arbitration and High Court disputes, "
        "acting for clients including BP, Barclays and Network Rail. Seeking a Legal 500 tier 1 disputes practice.",
    )
    heading("Employment History")
    width = _text_width_in(doc)
    jobs: list[Job] = []
    for company, roles in groups:
        _p(doc, company, b=True, before=6, after=0)
        for job in roles:
            jobs.append(job)
            _p(doc, (job.title, {"i": True}), "\t" + _span(job, "sept"), tabs=[(width, "right")], after=0)
            for b in job.bullets:
                _bullet(doc, b)
    heading("Education")
    for d in degrees:
        when = f"{d.start} – {d.year}" if d.start else str(d.year)
        _p(doc, (f"{d.school}, {d.place}", {"b": True}), "\t" + when, tabs=[(width, "right")], after=0)
        _p(doc, d.label, after=4)
    heading("Admissions")
    _p(doc, "Admitted as a Solicitor of the Senior Courts of England and Wales, September 2015")
    return "Candidate_4471_Meridian.docx", _docx_bytes(doc), _truth(jobs, degrees, [None])


def _d09_functional() -> Doc:
    """Functional/hybrid CV: skills first, then a terse one-line-per-job Work History."""
    name = "Siobhan O’Neill"
    jobs = [
        Job("Morrisons", "Area Operations Manager", "2019", "Present", "West Yorkshire"),
        Job("Tesco", "Store Manager", "2015", "2019", "Leeds"),
        Job("Tesco", "Deputy Store Manager", "2012", "2015", "Bradford"),
        Job("Next plc", "Retail Supervisor", "2008", "2012", "Harrogate"),
    ]
    degrees = [
        Degree(
            "Chartered Management Institute",
            None,
            2017,
            "CMI Level 5 Certificate in Management and Leadership",
        ),
        Degree(
            "Harrogate Grammar School", "secondary", 2006, "GCSEs (8 at A*–C, including English and Maths)"
        ),
    ]
    doc = _new_docx(font="Calibri", size=11)
    _p(doc, name, b=True, size=22, color="C0392B", after=0)
    _p(doc, "Leeds LS17 • 07845 118 204 • siobhan.oneill84@gmail.com", color="595959", after=8)

    def heading(text):
        para = _p(doc, text, b=True, size=13, color="C0392B", before=10, after=3)
        _border_bottom(para, "C0392B")

    heading("Personal Profile")
    _p(
        doc,
        "Results-driven multi-site retail leader with 15 years' experience in grocery and fashion. "
        "Passionate about colleague engagement, availability and shrink control.",
    )
    heading("Key Skills & Achievements")
    for sub, items in (
        (
            "Team Leadership",
            (
                "Led teams of up to 180 colleagues across 5 stores; colleague engagement score 87% (2023).",
                "Coached 9 department managers into store manager roles.",
            ),
        ),
        (
            "Commercial Performance",
            (
                "Grew like-for-like sales 12% YoY in 2018 while reducing waste by £140k.",
                "Delivered a 0.4% shrink reduction across the area in the first year.",
            ),
        ),
        (
            "Operations & Compliance",
            ("Zero major findings in three consecutive Safe & Legal audits (2020–2022).",),
        ),
    ):
        _p(doc, sub, b=True, before=4, after=0)
        for item in items:
            _bullet(doc, item)
    heading("Work History")
    for job in jobs:
        _p(doc, f"{job.title}, {job.company}, {job.place} | {job.start}–{job.end}", after=1)
    heading("Education & Training")
    for d in degrees:
        _p(doc, f"{d.label} — {d.school}, {d.year}", after=1)
    heading("Additional Information")
    _p(doc, "Full UK driving licence • First Aid at Work (2022) • Personal Licence holder")
    heading("References")
    _p(doc, "Mark Davies, Regional Director, Wm Morrison Supermarkets — contact details on request.")
    names = [name, "Siobhan O'Neill"]
    return "Siobhan_ONeill_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d10_academic() -> Doc:
    """Academic CV: education first with thesis/advisor, Academic Appointments, Publications."""
    degrees = [
        Degree(
            "Imperial College London",
            "doctor",
            2016,
            "Ph.D. in Chemistry",
            "2012",
            "London, UK",
            (
                "Thesis: “Ligand design for iron-catalysed C–H activation”",
                "Advisor: Prof. Helen Marsh FRS",
            ),
        ),
        Degree("Peking University", "master", 2012, "M.Sc. in Organic Chemistry", "2010", "Beijing, China"),
        Degree("Peking University", "bachelor", 2010, "B.Sc. in Chemistry", "2006", "Beijing, China"),
    ]
    jobs = [
        Job(
            "University of Cambridge",
            "Assistant Professor of Chemistry",
            "2021",
            "present",
            "Yusuf Hamied Department of Chemistry",
        ),
        Job(
            "ETH Zürich",
            "Marie Skłodowska-Curie Postdoctoral Fellow",
            "2018",
            "2021",
            "Laboratory of Organic Chemistry",
        ),
        Job(
            "Imperial College London",
            "Postdoctoral Research Associate",
            "2016",
            "2018",
            "Department of Chemistry",
        ),
    ]
    doc = _new_docx(font="Cambria", size=10.5, margins=(0.9, 0.9, 0.9, 0.9))
    width = _text_width_in(doc)
    tabs = [(width, "right")]
    _p(doc, "ZHANG Wei", b=True, size=18, after=0)
    _p(doc, "Curriculum Vitae — October 2024", i=True, color="666666", after=4)
    for line in (
        "Yusuf Hamied Department of Chemistry, University of Cambridge, Lensfield Road, Cambridge CB2 1EW, UK",
        "wz321@cam.ac.uk  ·  +44 1223 336 300  ·  ORCID 0000-0002-1825-0097",
    ):
        _p(doc, line, size=9.5, after=0)

    def heading(text):
        para = _p(doc, text, size=12.5, b=True, color="1F4E79", before=14, after=4)
        _border_bottom(para, "1F4E79", 4)

    heading("Education")
    for d in degrees:
        _p(doc, (d.label, {"b": True}), f"\t{d.start} – {d.year}", tabs=tabs, before=4, after=0)
        _p(doc, f"{d.school}, {d.place}", after=0)
        for note in d.notes:
            _p(doc, note, left=0.25, size=10, after=0)
    heading("Academic Appointments")
    for job in jobs:
        _p(doc, (job.title, {"b": True}), f"\t{job.start} – {job.end}", tabs=tabs, before=4, after=0)
        _p(doc, f"{job.company} — {job.place}")
    heading("Research Funding and Awards")
    for item in (
        "ERC Starting Grant “IRONCAT” (2023–2028), €1.5M, principal investigator",
        "RSC Harrison-Meldola Memorial Prize, 2022",
        "Marie Skłodowska-Curie Individual Fellowship (2018–2020)",
    ):
        _bullet(doc, item)
    heading("Selected Publications")
    pubs = (
        "Zhang, W.; Ortiz, L.; Marsh, H. Iron-catalysed C–H arylation with bench-stable ligands. "
        "J. Am. Chem. Soc. 2016, 138, 4512–4520.",
        "Zhang, W.; Keller, A.; Studer, P. Photoredox/iron dual catalysis for alkene difunctionalisation. "
        "Nature Chem. 2020, 12, 331–338.",
        "Patel, R.; Zhang, W. Earth-abundant metals in late-stage functionalisation. Chem. Rev. 2023, 123, 9001–9055.",
    )
    for n, pub in enumerate(pubs, 1):
        _p(doc, f"{n}.\t{pub}", left=0.3, first=-0.3, after=3)
    heading("Teaching")
    _p(doc, "Part IB Organic Chemistry (lecturer, 16 lectures), 2021–present", after=0)
    _p(doc, "Supervisor, Churchill College, Natural Sciences Tripos, 2021–present")
    heading("Professional Service")
    _p(
        doc,
        "Referee for Nature Chemistry, JACS and Angewandte Chemie; RSC Organic Division council member (2023–).",
    )
    heading("Referees")
    _p(doc, "Prof. Helen Marsh FRS, Professor of Inorganic Chemistry, Imperial College London", after=0)
    _p(doc, "Prof. Armido Studer, Professor of Organic Chemistry, ETH Zürich")
    names = ["ZHANG Wei", "Wei Zhang"]
    return "ZHANG_Wei_CV_Oct2024.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d11_title_at_company() -> Doc:
    """Google Docs style with built-in Title/Heading styles; "Title at Company (2019–2021)" lines."""
    name = "Luca Bianchi"
    jobs = [
        Job(
            "The Ivy Collection",
            "General Manager",
            "2021",
            "Present",
            "London",
            ("Full P&L for a 220-cover site turning over £6.8m.", "Recruited and trained a team of 65."),
        ),
        Job(
            "Hawksmoor",
            "Restaurant Manager",
            "2017",
            "2021",
            "London",
            ("Led the Borough site to a 4.8 Google rating and Sustainable Restaurant Association 3 stars.",),
        ),
        Job(
            "Gaucho Restaurants",
            "Assistant Manager",
            "2014",
            "2017",
            "Manchester",
            ("Opened the Manchester site.",),
        ),
        Job("Hotel Danieli", "Sommelier", "2011", "2014", "Venice", ("Managed a 900-bin wine list.",)),
    ]
    degrees = [
        Degree("Università IULM", "bachelor", 2011, "Bachelor of Arts in Tourism Management", "2008"),
        Degree(
            "Istituto Alberghiero Carlo Porta",
            "secondary",
            2008,
            "Diploma di Maturità (High School Diploma), Hospitality Services",
            "2003",
        ),
    ]
    doc = _new_docx(page="A4", font="Arial", size=10.5, margins=(0.9, 0.9, 0.9, 0.9))
    doc.add_heading(name, level=0)
    _p(doc, "London, UK · +44 7922 404 118 · luca.bianchi.hosp@gmail.com", color="666666", after=6)
    doc.add_heading("Summary", level=1)
    _p(
        doc,
        "Hospitality leader with 13 years in fine dining and hotels. Opened flagship sites for groups such as "
        "D&D London before joining The Ivy Collection.",
    )
    doc.add_heading("Experience", level=1)
    for job in jobs:
        _p(
            doc,
            (job.title, {"b": True}),
            " at ",
            (job.company, {"b": True}),
            f" ({job.start}–{job.end})",
            before=6,
            after=0,
        )
        _p(doc, job.place, i=True, color="666666", after=1)
        for b in job.bullets:
            _bullet(doc, b)
    doc.add_heading("Education", level=1)
    for d in degrees:
        _p(doc, (d.label, {"b": True}), " at ", d.school, f" ({d.start}–{d.year})", after=2)
    doc.add_heading("Certifications", level=1)
    _p(
        doc,
        "WSET Level 3 Award in Wines (2013) · Personal Licence Holder (APLH), 2015 · Food Hygiene Level 3",
    )
    return "Luca Bianchi CV.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d12_dates_first() -> Doc:
    """Dates in a left column on a tab stop ("2021-03 – present<TAB>Senior Product Manager, Spotify")."""
    name = "Astrid Lindqvist"
    jobs = [
        Job(
            "Spotify",
            "Senior Product Manager",
            "2021-03",
            "present",
            bullets=("Own the podcast recommendations surface (110M monthly listeners).",),
        ),
        Job(
            "Spotify",
            "Product Manager",
            "2019-01",
            "2021-02",
            bullets=("Shipped Blend and collaborative playlists to 180 markets.",),
        ),
        Job(
            "Klarna",
            "Product Owner",
            "2016-08",
            "2018-12",
            bullets=("Led the checkout team of nine engineers.",),
        ),
        Job(
            "Ericsson",
            "UX Designer",
            "2014-06",
            "2016-07",
            bullets=("Designed network-operations dashboards.",),
        ),
    ]
    degrees = [
        Degree("Malmö University", "bachelor", 2014, "Bachelor of Science in Interaction Design", "2011"),
        Degree(
            "Katedralskolan",
            "secondary",
            2011,
            "Gymnasieexamen (upper secondary diploma), Natural Science Programme",
            "2008",
            "Uppsala",
        ),
    ]
    doc = _new_docx(font="Arial", size=10, margins=(0.8, 0.8, 0.8, 0.8))
    col = 1.7
    _p(doc, name, b=True, size=20, after=0)
    _p(doc, "Stockholm, Sweden  |  +46 70 123 45 67  |  astrid.lindqvist@hey.com", color="555555", after=10)

    def heading(text):
        _p(doc, text, b=True, size=12, color="1DB954", before=10, after=4)

    heading("Profile")
    _p(doc, "Product manager focused on personalisation and consumer subscription products.")
    heading("Work Experience")
    for job in jobs:
        _p(
            doc,
            (_span(job, "iso"), {"color": "555555"}),
            "\t",
            (job.title, {"b": True}),
            f", {job.company}",
            tabs=[(col, "left")],
            left=col,
            first=-col,
            before=4,
            after=0,
        )
        for b in job.bullets:
            _p(doc, "– " + b, left=col, after=0)
    heading("Side Projects")
    _p(doc, "2020 – 2022\tCo-founder, Fika Club (community meetup for Stockholm PMs)", tabs=[(col, "left")])
    heading("Education")
    for d in degrees:
        place = f", {d.place}" if d.place else ""
        _p(
            doc,
            f"{d.start} – {d.year}\t{d.label}, {d.school}{place}",
            tabs=[(col, "left")],
            left=col,
            first=-col,
        )
    heading("Languages")
    _p(doc, "Swedish (native), English (C2), German (B1)")
    return "Astrid_Lindqvist_Resume_EN.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d13_hidden_company() -> Doc:
    """Indian sales CV under "Relevant Experience" with a veiled current employer."""
    name = "Rajesh K. Menon"
    jobs = [
        Job(
            "A leading FMCG company",
            "Regional Sales Manager",
            "2020-04",
            "Present",
            "New Delhi",
            ("Manage ₹420 crore annual turnover across 9 states with 14 area managers.",),
        ),
        Job(
            "Hindustan Unilever Limited",
            "Area Sales Manager",
            "2015-07",
            "2020-03",
            "Lucknow",
            ("Grew modern-trade share 3.2 points; onboarded 280 new distributors.",),
        ),
        Job(
            "ITC Limited",
            "Sales Officer",
            "2012-06",
            "2015-06",
            "Jaipur",
            ("Handled 60 stockists in Rajasthan.",),
        ),
        Job(
            "Dabur India Ltd.",
            "Summer Intern – Sales & Distribution",
            "2011-05",
            "2011-07",
            "Ghaziabad",
            ("Rural distribution study for the Real juices range.",),
        ),
    ]
    degrees = [
        Degree("Symbiosis Institute of Business Management", "master", 2012, "MBA (Marketing)"),
        Degree("University of Delhi", "bachelor", 2010, "B.Com (Hons)"),
        Degree("Delhi Public School", "secondary", 2007, "Class XII (CBSE)"),
    ]
    doc = _new_docx(font="Arial", size=10)
    _p(doc, name, b=True, size=20, after=0)
    _p(doc, "New Delhi, India | +91 98100 12345 | rajesh.menon@gmail.com", after=8)

    def heading(text):
        para = _p(doc, text.upper(), b=True, size=11, before=10, after=3, color="203864")
        _border_bottom(para, "203864")

    heading("Professional Summary")
    _p(
        doc,
        "Sales leader with 12+ years in FMCG general and modern trade. Built distribution partnerships with "
        "Reliance Retail and DMart; strong in secondary sales, trade marketing and team building.",
    )
    heading("Relevant Experience")
    for job in jobs:
        _p(doc, job.title, b=True, before=6, after=0)
        _p(doc, f"{job.company} | {job.place} | {_span(job)}", color="404040", after=1)
        for b in job.bullets:
            _bullet(doc, b)
    heading("Academic Background")
    for d in degrees:
        _p(doc, f"{d.label} — {d.school} — {d.year}", after=1)
    heading("Personal Details")
    _p(doc, "Date of Birth: 12 March 1988 | Languages: English, Hindi, Malayalam | Notice period: 60 days")
    names = [name, "Rajesh Menon"]
    return "Rajesh_K_Menon_Sales_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d14_pipe_lines() -> Doc:
    """Canva-like DOCX: shaded banner table, letter-spaced headings, "Title | Company | dates" lines."""
    jobs = [
        Job(
            "Sainsbury's",
            "HR Business Partner",
            "2020-06",
            "Now",
            bullets=("Business partner to 4,000 colleagues in logistics; led two TUPE transfers.",),
        ),
        Job(
            "John Lewis Partnership",
            "HR Advisor",
            "2017-02",
            "2020-05",
            bullets=("Case-managed 120+ ER cases a year; designed the new absence policy.",),
        ),
        Job(
            "Randstad UK",
            "HR Administrator",
            "2014-08",
            "2017-01",
            bullets=("Onboarding and right-to-work checks for 600 temporary workers.",),
        ),
    ]
    degrees = [
        Degree("Oxford Brookes University", "master", 2019, "MA Human Resource Management", "2017"),
        Degree("University of Kent", "bachelor", 2014, "BA (Hons) Psychology", "2011"),
    ]
    doc = _new_docx(font="Century Gothic", size=10, margins=(0.5, 0.7, 0.7, 0.7))
    banner = _table(doc, 1, [7.1])
    cell = banner.rows[0].cells[0]
    _shade(cell, "3D3B5C")
    _p(cell, "FATIMA ZAHRA BENALI", b=True, size=22, color="FFFFFF", align="center", before=10, after=0)
    _p(cell, "HR BUSINESS PARTNER  •  CIPD ASSOCIATE", size=10, color="E7D7C1", align="center", after=10)
    _tidy(cell)
    _p(doc, "07712 554 903  |  fatima.benali@gmail.com  |  Milton Keynes", align="center", before=6, after=6)

    def heading(text):
        _p(doc, " ".join(text), b=True, size=11, color="3D3B5C", before=12, after=4)

    heading("PROFILE")
    _p(doc, "People partner with ten years in retail and staffing; calm in complex employee relations work.")
    heading("EXPERIENCE")
    for job in jobs:
        _p(doc, (job.title, {"b": True}), f" | {job.company} | {_span(job)}", before=4, after=0)
        for b in job.bullets:
            _bullet(doc, b)
    heading("EDUCATION")
    for d in degrees:
        _p(doc, (d.label, {"b": True}), f" | {d.school} | {d.start} – {d.year}", after=2)
    heading("SKILLS")
    _p(doc, "Workday HCM • Employee relations • TUPE • ISO 9001:2015 internal auditing • Microsoft 365")
    _p(doc, "Languages: English, French, Arabic")
    heading("REFERENCES")
    _p(doc, "Dr. Laura Chen, Head of People, John Lewis Partnership — available on request")
    names = ["FATIMA ZAHRA BENALI", "Fatima Zahra Benali"]
    return "Fatima_Benali_HR_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


# ==================================================================================================
# PDF layouts
# ==================================================================================================


def _li_duration(start: str, end: str) -> str:
    sy, sm = int(start[:4]), int(start[5:])
    ey, em = int(end[:4]), int(end[5:])
    months = (ey - sy) * 12 + (em - sm) + 1
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months > 1 else ''}")
    return " ".join(parts)


def _p01_linkedin() -> Doc:
    """LinkedIn "Save to PDF": grey sidebar (Contact, Top Skills, ...), main column with grouped roles."""
    name = "Jonathan Reyes"
    export = "2024-11"
    groups = [
        (
            "Stripe",
            [
                Job(
                    "Stripe",
                    "Staff Software Engineer",
                    "2022-01",
                    "Present",
                    "San Francisco, California, United States",
                    (
                        "Tech lead for the card-payments ledger; led the migration of 4B+ rows to a sharded store.",
                        "Designed the double-entry reconciliation service that balances every charge, refund and "
                        "dispute across 135 currencies.",
                        "Set up the ledger on-call rotation and incident review process for a team of 14 engineers.",
                    ),
                ),
                Job(
                    "Stripe",
                    "Senior Software Engineer",
                    "2019-01",
                    "2021-12",
                    "San Francisco, California, United States",
                    (
                        "Built idempotency and retry infrastructure for the Payments API.",
                        "Reduced duplicate-charge incidents by 92% with request fingerprinting and replay protection.",
                        "Mentored five engineers through promotion to senior.",
                    ),
                ),
            ],
        ),
        (
            "Twilio",
            [
                Job(
                    "Twilio",
                    "Software Engineer II",
                    "2016-06",
                    "2018-12",
                    "San Francisco Bay Area",
                    (
                        "Messaging routing service in Go; on-call for the SMS delivery pipeline.",
                        "Cut carrier failover time from minutes to seconds with health-scored routing tables.",
                    ),
                )
            ],
        ),
        (
            "IBM",
            [
                Job(
                    "IBM",
                    "Software Engineer Intern",
                    "2015-05",
                    "2015-08",
                    "Austin, Texas",
                    ("Internal tooling for z/OS build pipelines.",),
                )
            ],
        ),
    ]
    degrees = [
        Degree(
            "The University of Texas at Austin",
            "bachelor",
            2016,
            "Bachelor of Science - BS, Computer Science",
            "2012",
        ),
        Degree(
            "Austin Community College", "associate", 2012, "Associate of Science - AS, Mathematics", "2010"
        ),
    ]
    pdf = _Pdf(LETTER)
    grey = _hex("#F3F6F8")
    muted = _hex("#666666")
    side_x, main_x, main_w = 30, 215, LETTER[0] - 215 - 40
    total = 2

    def page_furniture(n):
        pdf.rect(0, 0, 190, pdf.h, grey)
        pdf.text(pdf.w / 2, 25, f"Page {n} of {total}", size=9, color=muted, align="center")

    page_furniture(1)
    side = _Flow(pdf, side_x, pdf.h - 50, 145)
    for head, items in (
        ("Contact", ("www.linkedin.com/in/jonathanreyes", "(LinkedIn)", "jreyes.dev (Personal)")),
        ("Top Skills", ("Distributed Systems", "Go (Programming Language)", "Kubernetes")),
        ("Languages", ("English (Native or Bilingual)", "Spanish (Professional Working)")),
        (
            "Certifications",
            (
                "AWS Certified Solutions Architect –",
                "Associate",
                "Certified Kubernetes Administrator",
                "(CKA)",
            ),
        ),
    ):
        side.line(head, "Helvetica-Bold", 13, 20)
        for item in items:
            side.line(item, size=10, lead=14)
        side.gap(10)

    state = {"page": 1}

    def new_page():
        pdf.c.showPage()
        state["page"] += 1
        page_furniture(state["page"])
        return pdf.h - 50

    main = _Flow(pdf, main_x, pdf.h - 60, main_w, bottom=60, new_page=new_page)
    main.line(name, "Helvetica", 26, 34)
    main.para("Staff Software Engineer at Stripe | Payments Infrastructure", size=12, lead=16)
    main.line("San Francisco, California, United States", size=10, color=muted, lead=26)
    main.line("Summary", "Helvetica", 16, 22)
    main.para(
        "Backend engineer with ten years building payments and messaging infrastructure. I care about "
        "correctness, boring technology and systems that page nobody at 3am. Previously worked closely with "
        "partners such as Visa and Adyen on network tokenization, and before that built carrier routing for "
        "billions of SMS messages a year. Outside work I contribute to open-source Go libraries for "
        "observability and mentor bootcamp graduates through Code2040.",
        size=10.5,
        lead=14,
    )
    main.gap(14)
    main.line("Experience", "Helvetica", 16, 24)
    jobs: list[Job] = []
    for company, roles in groups:
        main.ensure(60)
        main.line(company, "Helvetica", 12, 16)
        if len(roles) > 1:
            main.line(_li_duration(roles[-1].start, export), size=10, color=muted, lead=16)
        for job in roles:
            jobs.append(job)
            end = export if job.end == "Present" else job.end
            main.line(job.title, "Helvetica-Bold", 11, 15)
            dates = f"{_fmt(job.start, 'month')} - {_fmt(job.end, 'month')} ({_li_duration(job.start, end)})"
            main.line(dates, size=10, color=muted, lead=13)
            main.line(job.place, size=10, color=muted, lead=14)
            for b in job.bullets:
                main.para(b, size=10, lead=13)
            main.gap(10)
    main.gap(6)
    main.line("Education", "Helvetica", 16, 24)
    for d in degrees:
        main.line(d.school, "Helvetica", 12, 16)
        main.line(f"{d.label} · ({d.start} - {d.year})", size=10, color=muted, lead=20)
    return "Profile.pdf", pdf.done(), _truth(jobs, degrees, [name])


def _p02_colour_sidebar() -> Doc:
    """Two columns drawn with drawString at two x positions; teal sidebar holds education + skills."""
    name = "Amélie Durand"
    jobs = [
        Job(
            "Guy's and St Thomas' NHS Foundation Trust",
            "Lead Clinical Pharmacist",
            "2019-10",
            "Present",
            "London",
            (
                "Lead pharmacist for cardiology and cardiac surgery (4 wards, 110 beds).",
                "Independent prescriber running a weekly anticoagulation clinic.",
                "Chair of the antimicrobial stewardship subgroup; reduced carbapenem use by 18%.",
            ),
        ),
        Job(
            "Boots UK",
            "Clinical Pharmacist",
            "2017-09",
            "2019-09",
            "London",
            ("Delivered the NHS New Medicine Service and flu vaccination programme.",),
        ),
        Job(
            "Pharmacie Lafayette",
            "Assistant Pharmacist",
            "2015-01",
            "2016-07",
            "Lyon, France",
            ("Dispensing, OTC advice and preparation of compounded medicines.",),
        ),
    ]
    degrees = [
        Degree("King's College London", "master", 2017, "MSc Clinical Pharmacy", "2016"),
        Degree("Université Paris Cité", "doctor", 2015, "Doctor of Pharmacy (Pharm.D.)", "2009"),
    ]
    pdf = _Pdf(A4)
    teal = _hex("#1F5F6B")
    white = colors.white
    pdf.rect(0, 0, 190, pdf.h, teal)
    side = _Flow(pdf, 22, pdf.h - 60, 150)
    pdf.c.setFillColor(_hex("#7FB3BC"))
    pdf.c.circle(95, pdf.h - 90, 42, stroke=0, fill=1)
    side.y = pdf.h - 160

    def side_head(text):
        side.gap(8)
        side.line(text, "Helvetica-Bold", 11, 14, white)
        pdf.line(22, side.y + 9, 172, side.y + 9, white, 0.5)
        side.gap(4)

    side_head("CONTACT")
    for item in ("+44 7700 900 455", "amelie.durand@nhs.net", "London, UK"):
        side.line(item, size=9, lead=13, color=white)
    side_head("EDUCATION")
    for d in degrees:
        side.line(d.label, "Helvetica-Bold", 9, 12, white)
        side.line(d.school, size=9, lead=12, color=white)
        side.line(f"{d.start} – {d.year}", size=8.5, lead=16, color=_hex("#CFE3E6"))
    side_head("SKILLS")
    for item in (
        "Independent Prescriber (GPhC, 2020)",
        "EPMA (Cerner Millennium)",
        "Anticoagulation",
        "Antimicrobial stewardship",
        "Medicines reconciliation",
    ):
        side.para(item, size=9, lead=12, color=white, indent=10, bullet="•")
    side_head("LANGUAGES")
    side.line("French — native", size=9, lead=12, color=white)
    side.line("English — fluent (C2)", size=9, lead=12, color=white)

    main = _Flow(pdf, 215, pdf.h - 70, pdf.w - 215 - 40)
    main.line(name, "Helvetica-Bold", 26, 30, teal)
    main.line("Clinical Pharmacist · Independent Prescriber", size=12, lead=28, color=_hex("#555555"))

    def main_head(text):
        main.line(text, "Helvetica-Bold", 12, 6, teal)
        main.rule(teal, 1)
        main.gap(12)

    main_head("PROFILE")
    main.para(
        "Hospital pharmacist with nine years' experience in France and the UK, specialising in cardiology "
        "and antimicrobial stewardship. Trained in community practice with Boots before moving to acute care.",
        size=9.5,
        lead=13,
    )
    main.gap(12)
    main_head("EXPERIENCE")
    for job in jobs:
        main.line(job.title, "Helvetica-Bold", 11, 14)
        main.line(job.company, size=10, lead=13, color=teal)
        main.line(f"{_span(job)} | {job.place}", "Helvetica-Oblique", 9, 14, _hex("#777777"))
        for b in job.bullets:
            main.para(b, size=9.5, lead=12.5, indent=10, bullet="•")
        main.gap(8)
    names = [name, "Amelie Durand"]
    return "Amelie_Durand_CV.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p03_three_col_header() -> Doc:
    """A three-column header band (name | contact | links) above a single-column body."""
    name = "Kwame Asante"
    jobs = [
        Job(
            "Monzo Bank",
            "Senior Data Scientist",
            "2021-04",
            "Present",
            "London",
            (
                "Built the real-time fraud model for card payments (XGBoost, 12ms p99); saved £9m a year.",
                "Mentor four data scientists; set up the experimentation review forum.",
            ),
        ),
        Job(
            "Sky UK",
            "Data Scientist",
            "2018-09",
            "2021-03",
            "London",
            ("Churn propensity and next-best-offer models for 12M broadband customers.",),
        ),
        Job(
            "The Alan Turing Institute",
            "Research Assistant",
            "2017-10",
            "2018-08",
            "London",
            ("Part-time research on causal inference for public-health data.",),
        ),
    ]
    degrees = [
        Degree("University College London", "master", 2018, "Master of Science in Machine Learning"),
        Degree("Kwame Nkrumah University of Science and Technology", "bachelor", 2016, "BSc Mathematics"),
    ]
    pdf = _Pdf(LETTER)
    band = _hex("#EDEFF2")
    ink = _hex("#222222")
    pdf.rect(0, pdf.h - 95, pdf.w, 95, band)
    top = pdf.h - 40
    pdf.text(40, top, name, "Helvetica-Bold", 20, ink)
    pdf.text(40, top - 20, "Data Scientist", size=11, color=_hex("#555555"))
    for n, item in enumerate(("kwame.asante@gmail.com", "+44 7700 900 321", "London, UK")):
        pdf.text(250, top - n * 14, item, size=9, color=ink)
    for n, item in enumerate(("github.com/kasante", "linkedin.com/in/kwameasante", "kasante.ai")):
        pdf.text(pdf.w - 40, top - n * 14, item, size=9, color=ink, align="right")
    body = _Flow(pdf, 40, pdf.h - 125, pdf.w - 80)

    def heading(text):
        body.line(text, "Helvetica-Bold", 11, 6, ink)
        body.rule(_hex("#999999"))
        body.gap(10)

    heading("SUMMARY")
    body.para(
        "Data scientist with six years in fintech and media, shipping ML models to production and measuring "
        "them properly. Comfortable from SQL to PyTorch 2.1 to stakeholder decks.",
        size=10,
    )
    body.gap(10)
    heading("PROFESSIONAL EXPERIENCE")
    for job in jobs:
        body.line(job.title, "Helvetica-Bold", 10.5, 14, right=f"{_span(job, 'mm/yyyy')}", rfont="Helvetica")
        body.line(job.company, "Helvetica-Oblique", 10, 14, right=job.place)
        for b in job.bullets:
            body.para(b, size=10, indent=12, bullet="•")
        body.gap(8)
    heading("EDUCATION")
    for d in degrees:
        body.line(d.label, "Helvetica-Bold", 10.5, 14, right=str(d.year), rfont="Helvetica")
        body.line(d.school, "Helvetica-Oblique", 10, 18)
    heading("SKILLS")
    body.para(
        "Python 3.11, PyTorch 2.1, SQL, Spark, Airflow, dbt, GCP (BigQuery, Vertex AI), causal inference",
        size=10,
    )
    return "Kwame_Asante_Resume.pdf", pdf.done(), _truth(jobs, degrees, [name])


def _p04_two_page_furniture() -> Doc:
    """Two pages with a repeating header/footer; one job is split across the page break."""
    name = "Margaret A. Thornton"
    groups = [
        (
            "Rolls-Royce plc",
            "Derby",
            [
                Job(
                    "Rolls-Royce plc",
                    "Group Financial Controller",
                    "2020-01",
                    "present",
                    bullets=(
                        "Responsible for consolidated reporting of a £15bn-revenue group across 48 legal entities.",
                        "Led the finance workstream of the 2021 disposal of ITP Aero (€1.7bn).",
                        "Chair of the IFRS 17 and Pillar Two implementation steering groups.",
                        "Manage a team of 35 across Derby, Bristol and Bangalore.",
                        "Lead the relationship with the external auditors (PwC) and the FRC corporate reporting review.",
                        "Member of the group treasury committee overseeing £4bn of liquidity facilities.",
                        "Introduced quarterly finance risk reviews with the Chief Accounting Officer.",
                        "Owner of the group accounting manual and the controls framework (SOX-lite) across 48 entities.",
                    ),
                ),
                Job(
                    "Rolls-Royce plc",
                    "Head of Financial Reporting",
                    "2016-03",
                    "December 2019",
                    bullets=(
                        "Delivered the IFRS 15 transition, restating three years of long-term aftercare contracts.",
                        "Owned the annual report financial statements and Audit Committee papers.",
                        "Introduced a continuous close that took group reporting from WD+8 to WD+5.",
                        "Led the half-year and full-year results process, including analyst and investor Q&A packs.",
                        "Prepared the group's first TCFD climate disclosures with the sustainability team.",
                    ),
                ),
            ],
        ),
        (
            "Toyota Manufacturing UK",
            "Burnaston",
            [
                Job(
                    "Toyota Manufacturing UK",
                    "Finance Manager",
                    "2011-07",
                    "February 2016",
                    bullets=(
                        "Business partner to the vehicle plant (190,000 units a year).",
                        "Built the product-costing model for the Auris hybrid launch.",
                        "Led annual budgeting and the five-year mid-term plan for the plant.",
                        "Managed transfer-pricing documentation with Toyota Motor Europe.",
                        "Implemented SAP CO-PA profitability analysis across two sites.",
                        "Supported the plant's investment case for the Corolla hybrid allocation (£240m).",
                        "Coached two finance analysts to CIMA qualification.",
                    ),
                )
            ],
        ),
        (
            "PricewaterhouseCoopers LLP",
            "Birmingham",
            [
                Job(
                    "PricewaterhouseCoopers LLP",
                    "Audit Senior",
                    "2006-09",
                    "June 2011",
                    bullets=("Audit senior on FTSE 250 industrial and automotive clients.",),
                )
            ],
        ),
    ]
    degrees = [
        Degree("University of Nottingham", "bachelor", 2006, "BA (Hons) Economics, 2:1", "2003"),
        Degree(
            "Nottingham High School",
            "secondary",
            2003,
            "A-Levels: Mathematics (A), Economics (A), Geography (B)",
            "2001",
        ),
    ]
    pdf = _Pdf(A4)
    navy = _hex("#1B2A49")
    total = 2
    state = {"page": 1}

    def furniture(n):
        pdf.text(50, pdf.h - 35, "Curriculum Vitae – Confidential", "Helvetica-Oblique", 8, _hex("#777777"))
        pdf.text(pdf.w - 50, pdf.h - 35, name, "Helvetica-Oblique", 8, _hex("#777777"), align="right")
        pdf.line(50, pdf.h - 42, pdf.w - 50, pdf.h - 42, _hex("#BBBBBB"), 0.5)
        pdf.text(pdf.w / 2, 30, f"Page {n} of {total}", size=8, color=_hex("#777777"), align="center")

    def new_page():
        pdf.c.showPage()
        state["page"] += 1
        furniture(state["page"])
        return pdf.h - 70

    furniture(1)
    flow = _Flow(pdf, 50, pdf.h - 80, pdf.w - 100, bottom=55, new_page=new_page)
    flow.line(name, "Helvetica-Bold", 22, 26, navy)
    flow.line("Derby, UK  ·  07700 900 602  ·  m.thornton.aca@gmail.com", size=9.5, lead=24)

    def heading(text):
        flow.ensure(40)
        flow.line(text, "Helvetica-Bold", 11, 6, navy)
        flow.rule(navy, 0.8)
        flow.gap(12)

    heading("PROFILE")
    flow.para(
        "Chartered accountant (ACA) and group financial controller with eighteen years in aerospace and "
        "automotive manufacturing. Experienced in listed-company reporting, M&A and large ERP programmes, and "
        "in building finance teams that business leaders trust. Comfortable presenting to boards, audit "
        "committees and lenders, and equally at home on the shop floor with plant management.",
        size=10,
        lead=14,
    )
    flow.gap(10)
    heading("KEY ACHIEVEMENTS")
    for item in (
        "Cut the group year-end timetable by three weeks while moving to a new consolidation system (OneStream).",
        "Finance lead on two disposals and one acquisition with a combined enterprise value above £2.5bn.",
        "Delivered £38m of working-capital release through an inventory and payables programme (2021–2022).",
        "Clean audit opinions every year since 2016 with no material weaknesses raised.",
        "Sponsor of the finance graduate scheme: 40 graduates recruited, 85% retained after three years.",
        "Led the finance design of a global shared-service centre in Bangalore serving 30 countries.",
        "Introduced rolling forecasts that replaced a four-month annual budget cycle.",
    ):
        flow.para(item, size=10, lead=14, indent=14, bullet="•")
    flow.gap(10)
    heading("CORE COMPETENCIES")
    for left, right in (
        ("IFRS and UK GAAP reporting", "Consolidation (OneStream, HFM)"),
        ("Budgeting and forecasting", "Treasury and cash management"),
        ("Transfer pricing", "SAP S/4HANA and CO-PA"),
        ("M&A and disposals", "Team leadership and development"),
        ("Audit committee reporting", "Process automation (Alteryx, Power BI)"),
    ):
        for x, text in ((flow.x, left), (flow.x + flow.width / 2, right)):
            pdf.dot(x + 7, flow.y + 3.3, 1.5)
            pdf.text(x + 14, flow.y, text, size=10)
        flow.gap(14)
    flow.gap(10)
    heading("CAREER HISTORY")
    jobs: list[Job] = []
    for company, city, roles in groups:
        flow.line(f"{company}, {city}", "Helvetica-Bold", 10.5, 15)
        for job in roles:
            jobs.append(job)
            flow.line(job.title, "Helvetica-Oblique", 10, 14, right=_span(job, "month"), rfont="Helvetica")
            for b in job.bullets:
                flow.para(b, size=10, lead=14, indent=14, bullet="•")
            flow.gap(6)
        flow.gap(4)
    heading("EDUCATION")
    for d in degrees:
        flow.line(d.label, "Helvetica-Bold", 10, 14, right=f"{d.start} – {d.year}", rfont="Helvetica")
        flow.line(d.school, size=10, lead=18)
    heading("PROFESSIONAL QUALIFICATIONS")
    flow.para("ACA, Institute of Chartered Accountants in England and Wales (ICAEW), 2009", size=10)
    flow.gap(10)
    heading("REFERENCES")
    flow.para("Available on request.", size=10)
    names = [name, "Margaret Thornton"]
    return "Margaret_Thornton_CV_Confidential.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p05_us_law() -> Doc:
    """US legal resume: Education first; "Company — City" then "Title, Mar 2018 – Jun 2020"."""
    name = "Benjamin Adeyemi"
    jobs = [
        Job(
            "Sidley Austin LLP",
            "Senior Associate",
            "2020-07",
            "Present",
            "Chicago, IL",
            ("Securities and shareholder litigation; second chair in a three-week Delaware Chancery trial.",),
        ),
        Job(
            "Kirkland & Ellis LLP",
            "Associate",
            "2016-09",
            "2020-06",
            "Chicago, IL",
            ("Antitrust and commercial litigation; drafted dispositive motions and expert reports.",),
        ),
        Job(
            "U.S. Court of Appeals for the Seventh Circuit",
            "Judicial Law Clerk",
            "2015-08",
            "2016-08",
            "Chicago, IL",
            ("Clerked for the Hon. Diane P. Wood; drafted bench memoranda and opinions.",),
        ),
        Job(
            "American Civil Liberties Union of Illinois",
            "Summer Law Clerk",
            "2014-06",
            "2014-08",
            "Chicago, IL",
            ("Researched Fourth Amendment issues for pending civil-rights litigation.",),
        ),
    ]
    degrees = [
        Degree(
            "Northwestern University Pritzker School of Law",
            "doctor",
            2015,
            "Juris Doctor (J.D.), cum laude",
            place="Chicago, IL",
            notes=("Northwestern Journal of International Law & Business, Articles Editor",),
        ),
        Degree(
            "University of Illinois Urbana-Champaign",
            "bachelor",
            2012,
            "Bachelor of Arts in History, with Highest Honors",
            place="Urbana, IL",
            notes=("Phi Beta Kappa",),
        ),
    ]
    pdf = _Pdf(LETTER)
    flow = _Flow(pdf, 60, pdf.h - 60, pdf.w - 120)
    pdf.text(pdf.w / 2, flow.y, name, "Times-Bold", 18, align="center")
    flow.gap(18)
    pdf.text(
        pdf.w / 2,
        flow.y,
        "1550 N. Lake Shore Dr., Chicago, IL 60610 | (312) 555-0186 | b.adeyemi@gmail.com",
        "Times-Roman",
        10,
        align="center",
    )
    flow.gap(24)

    def heading(text):
        flow.line(text, "Times-Bold", 11.5, 4)
        flow.rule()
        flow.gap(12)

    heading("EDUCATION")
    for d in degrees:
        flow.line(f"{d.school} — {d.place}", "Times-Bold", 11, 14)
        flow.line(f"{d.label}, May {d.year}", "Times-Italic", 11, 14)
        for note in d.notes:
            flow.para(note, "Times-Roman", 11, 14, indent=14, bullet="•")
        flow.gap(6)
    heading("EMPLOYMENT")
    for job in jobs:
        flow.line(f"{job.company} — {job.place}", "Times-Bold", 11, 14)
        flow.line(f"{job.title}, {_span(job)}", "Times-Italic", 11, 14)
        for b in job.bullets:
            flow.para(b, "Times-Roman", 11, 14, indent=14, bullet="•")
        flow.gap(6)
    heading("BAR ADMISSIONS")
    flow.line(
        "Illinois (2015); U.S. District Court for the Northern District of Illinois (2016)",
        "Times-Roman",
        11,
        20,
    )
    heading("PUBLICATIONS")
    flow.para("Note, Arbitration After Epic Systems, 109 Nw. U. L. Rev. 1021 (2015).", "Times-Roman", 11, 14)
    names = [name]
    return "Benjamin_Adeyemi_Resume.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p06_teacher() -> Doc:
    """UK teacher CV with Title Case headings, dotted month forms ("Sept. 2018") on the right."""
    name = "Chloe Fitzgerald"
    jobs = [
        Job(
            "Ripon Grammar School",
            "Head of English",
            "2020-09",
            "Present",
            "Ripon, North Yorkshire",
            (
                "Lead a department of 11 teachers; A-level results 78% A*–B in 2023.",
                "Introduced a KS3 reading-for-pleasure programme adopted trust-wide.",
            ),
        ),
        Job(
            "Ripon Grammar School",
            "Teacher of English",
            "2016-09",
            "2020-08",
            "Ripon, North Yorkshire",
            ("Taught KS3–KS5; GCSE coordinator for English Literature from 2018.",),
        ),
        Job(
            "St Aidan's Church of England High School",
            "Newly Qualified Teacher of English",
            "2015-09",
            "2016-07",
            "Harrogate",
            ("Completed NQT induction; form tutor for Year 8.",),
        ),
    ]
    degrees = [
        Degree("University of York", None, 2015, "PGCE Secondary English with QTS", "2014"),
        Degree("Durham University", "bachelor", 2014, "BA (Hons) English Literature, 2:1", "2011"),
        Degree(
            "Queen Ethelburga's Collegiate",
            "secondary",
            2011,
            "A-Levels: English Literature (A*), History (A), Drama (A)",
            "2009",
        ),
    ]
    pdf = _Pdf(A4)
    plum = _hex("#6A1B4D")
    flow = _Flow(pdf, 55, pdf.h - 65, pdf.w - 110, bottom=50)
    flow.line(name, "Helvetica-Bold", 24, 22, plum)
    flow.line("Harrogate, HG1  |  07723 440 981  |  chloe.fitzgerald@outlook.com", size=9.5, lead=22)

    def heading(text):
        flow.line(text, "Helvetica-Bold", 12.5, 5, plum)
        pdf.line(flow.x, flow.y, flow.x + 60, flow.y, plum, 2)
        flow.gap(14)

    heading("Personal Statement")
    flow.para(
        "Enthusiastic, reflective English teacher and middle leader with nine years' experience in selective "
        "and comprehensive schools, committed to closing the disadvantage gap in literacy.",
        size=10,
    )
    flow.gap(8)
    heading("Employment History")
    for job in jobs:
        flow.line(job.title, "Helvetica-Bold", 10.5, 14, right=_span(job, "sept"), rfont="Helvetica")
        flow.line(f"{job.company}, {job.place}", "Helvetica-Oblique", 10, 14)
        for b in job.bullets:
            flow.para(b, size=10, indent=12, bullet="•")
        flow.gap(6)
    heading("Education & Training")
    for d in degrees:
        flow.line(d.label, "Helvetica-Bold", 10.5, 14, right=f"{d.start} – {d.year}", rfont="Helvetica")
        flow.line(d.school, size=10, lead=17)
    heading("Additional Information")
    flow.para(
        "Enhanced DBS (Update Service), issued 03/2023 · Designated Safeguarding Lead training, 2022", size=10
    )
    flow.gap(8)
    heading("References")
    flow.para("Mr David Hirst, Headteacher, Ripon Grammar School — d.hirst@ripongrammar.co.uk", size=10)
    return "Chloe_Fitzgerald_Teacher_CV.pdf", pdf.done(), _truth(jobs, degrees, [name])


def _p07_us_nursing() -> Doc:
    """US nursing resume: employer named once with two roles, MM/YYYY dates, AAS + High School Diploma."""
    groups = [
        (
            "Baylor Scott & White Medical Center",
            "Temple, TX",
            [
                Job(
                    "Baylor Scott & White Medical Center",
                    "Charge Nurse",
                    "2022-03",
                    "Present",
                    bullets=(
                        "Coordinate a 54-bed Level I trauma emergency department on night shift.",
                        "Precept new graduate nurses; super-user for the Epic ASAP go-live.",
                    ),
                ),
                Job(
                    "Baylor Scott & White Medical Center",
                    "Registered Nurse",
                    "2019-01",
                    "2022-02",
                    bullets=("Triage (ESI), trauma and stroke alerts; 1:4 ratio in acute care zone.",),
                ),
            ],
        ),
        (
            "Brookdale Senior Living",
            "Temple, TX",
            [
                Job(
                    "Brookdale Senior Living",
                    "Licensed Vocational Nurse",
                    "2015-06",
                    "2018-12",
                    bullets=("Medication administration and wound care for 40 assisted-living residents.",),
                )
            ],
        ),
        (
            "Windcrest Health & Rehabilitation",
            "Belton, TX",
            [
                Job(
                    "Windcrest Health & Rehabilitation",
                    "Certified Nursing Assistant",
                    "2013-08",
                    "2015-05",
                    bullets=("ADLs, vital signs and documentation in a 120-bed skilled nursing facility.",),
                )
            ],
        ),
    ]
    degrees = [
        Degree(
            "Texas A&M University–Central Texas", "bachelor", 2021, "Bachelor of Science in Nursing (BSN)"
        ),
        Degree("Temple College", "associate", 2018, "Associate of Applied Science in Nursing"),
        Degree("Belton High School", "secondary", 2013, "High School Diploma"),
    ]
    pdf = _Pdf(LETTER)
    red = _hex("#8B1E2D")
    flow = _Flow(pdf, 54, pdf.h - 60, pdf.w - 108)
    flow.line("MARIA LOPEZ, RN", "Helvetica-Bold", 20, 18, red)
    flow.line("Temple, TX 76502 · (254) 555-0134 · maria.lopez.rn@gmail.com", size=9.5, lead=22)

    def heading(text):
        flow.line(text, "Helvetica-Bold", 11, 5, red)
        flow.rule(red, 0.8)
        flow.gap(12)

    heading("PROFESSIONAL SUMMARY")
    flow.para(
        "Emergency department charge nurse with 10+ years at the bedside, from CNA to RN. TNCC and CEN "
        "certified; calm in high-acuity trauma and committed to patient safety.",
        size=10,
    )
    flow.gap(8)
    heading("LICENSES & CERTIFICATIONS")
    flow.para(
        "Registered Nurse, Texas Board of Nursing, License #912345, exp. 06/2026 · BLS, ACLS, PALS, TNCC (2023) · "
        "CEN (2022)",
        size=10,
    )
    flow.gap(8)
    heading("PROFESSIONAL EXPERIENCE")
    jobs: list[Job] = []
    for company, city, roles in groups:
        flow.line(company, "Helvetica-Bold", 10.5, 14, right=city, rfont="Helvetica")
        for job in roles:
            jobs.append(job)
            flow.line(
                job.title, "Helvetica-Oblique", 10, 13.5, right=_span(job, "mm/yyyy"), rfont="Helvetica"
            )
            for b in job.bullets:
                flow.para(b, size=10, indent=12, bullet="•")
        flow.gap(6)
    heading("EDUCATION")
    for d in degrees:
        flow.line(d.label, "Helvetica-Bold", 10.5, 13.5)
        flow.line(d.school, size=10, lead=16, right=str(d.year))
    names = ["MARIA LOPEZ", "Maria Lopez"]
    return "Maria_Lopez_RN_Resume.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p08_top_band() -> Doc:
    """Coloured top band; "Company | Title" order; ISO months ("2019-01 – 2021-06")."""
    name = "Yuki Tanaka"
    jobs = [
        Job(
            "Salesforce",
            "Enterprise Account Executive",
            "2021-07",
            "present",
            "Tokyo",
            ("Own 12 strategic manufacturing accounts; 132% of quota in FY2022, 118% in FY2023.",),
        ),
        Job(
            "Salesforce",
            "Account Executive",
            "2019-01",
            "2021-06",
            "Tokyo",
            ("Mid-market new business; President's Club 2020.",),
        ),
        Job(
            "Rakuten Group, Inc.",
            "Inside Sales Representative",
            "2016-04",
            "2018-12",
            "Tokyo",
            ("Outbound prospecting for Rakuten Ichiba merchants; 160 meetings booked a quarter.",),
        ),
        Job(
            "Recruit Co., Ltd.",
            "Sales Associate",
            "2014-04",
            "2016-03",
            "Osaka",
            ("Sold recruitment advertising to SMEs in the Kansai region.",),
        ),
    ]
    degrees = [
        Degree("Waseda Business School", "master", 2022, "MBA (Evening Program)"),
        Degree("Keio University", "bachelor", 2014, "Bachelor of Economics"),
    ]
    pdf = _Pdf(A4)
    navy = _hex("#14213D")
    gold = _hex("#FCA311")
    pdf.rect(0, pdf.h - 110, pdf.w, 110, navy)
    pdf.text(45, pdf.h - 55, name, "Helvetica-Bold", 28, colors.white)
    pdf.text(45, pdf.h - 78, "Enterprise SaaS Sales  |  Tokyo, Japan", size=12, color=gold)
    pdf.text(pdf.w - 45, pdf.h - 50, "yuki.tanaka.sales@gmail.com", size=9, color=colors.white, align="right")
    pdf.text(pdf.w - 45, pdf.h - 64, "+81 90-1234-5678", size=9, color=colors.white, align="right")
    pdf.text(pdf.w - 45, pdf.h - 78, "linkedin.com/in/yukitanaka", size=9, color=colors.white, align="right")
    flow = _Flow(pdf, 45, pdf.h - 145, pdf.w - 90)

    def heading(text):
        flow.line(text, "Helvetica-Bold", 12, 18, navy)

    heading("Profile")
    flow.para(
        "Bilingual (Japanese/English) enterprise seller with ten years of B2B experience and a consistent record "
        "above quota. Certified in MEDDICC; TOEIC 965 (2019).",
        size=10,
    )
    flow.gap(10)
    heading("Professional Experience")
    for job in jobs:
        flow.line(
            f"{job.company} | {job.title}",
            "Helvetica-Bold",
            10.5,
            14,
            right=_span(job, "iso"),
            rfont="Helvetica",
        )
        flow.line(job.place, "Helvetica-Oblique", 9.5, 13, _hex("#666666"))
        for b in job.bullets:
            flow.para(b, size=10, indent=12, bullet="•")
        flow.gap(6)
    heading("Education")
    for d in degrees:
        flow.line(f"{d.school} — {d.label}, {d.year}", size=10.5, lead=15)
    flow.gap(6)
    heading("Skills")
    flow.para("Salesforce CRM, MEDDICC, Outreach, Tableau, Japanese (native), English (fluent)", size=10)
    return "Yuki_Tanaka_Resume.pdf", pdf.done(), _truth(jobs, degrees, [name])


def _p09_timeline() -> Doc:
    """Timeline layout: dates in a left column ("2019.01 – 2022.06"), role and employer to the right."""
    jobs = [
        Job("Park Hyatt Saigon", "Executive Sous Chef", "2022-07", "present", "Ho Chi Minh City"),
        Job("Marina Bay Sands", "Sous Chef", "2019-01", "2022-06", "Singapore"),
        Job("The Reverie Saigon", "Chef de Partie", "2015-03", "2018-12", "Ho Chi Minh City"),
        Job("Sofitel Legend Metropole Hanoi", "Commis Chef", "2012-09", "2015-02", "Hanoi"),
    ]
    duties = [
        "Run a brigade of 42 across three outlets and banqueting; rebuilt menus around local producers.",
        "Second in command of a 300-cover modern Asian restaurant; cut food cost from 34% to 29%.",
        "Garde manger and sauce sections for the hotel's French fine-dining restaurant.",
        "Rotated through pastry, larder and hot kitchen in a heritage five-star hotel.",
    ]
    degrees = [
        Degree(
            "Saigontourist Hospitality College",
            "associate",
            2012,
            "Associate Degree in Culinary Arts",
            "2009",
        ),
        Degree("Le Hong Phong High School for the Gifted", "secondary", 2009, "High School Diploma", "2006"),
    ]
    pdf = _Pdf(A4)
    flow = _Flow(pdf, 160, pdf.h - 150, pdf.w - 160 - 50)
    pdf.text(pdf.w / 2, pdf.h - 70, "NGUYEN THI MAI", "Times-Bold", 24, align="center")
    pdf.text(
        pdf.w / 2, pdf.h - 90, "Chef — Vietnamese & Modern French Cuisine", "Times-Italic", 12, align="center"
    )
    pdf.text(
        pdf.w / 2,
        pdf.h - 106,
        "District 1, Ho Chi Minh City · +84 90 123 4567 · mai.nguyen.chef@gmail.com",
        "Times-Roman",
        10,
        align="center",
    )

    def heading(text):
        flow.gap(4)
        pdf.text(50, flow.y, text, "Times-Bold", 12)
        pdf.line(50, flow.y - 4, pdf.w - 50, flow.y - 4, colors.black, 0.5)
        flow.gap(20)

    heading("PROFILE")
    flow.para(
        "Chef with twelve years in luxury hotels in Vietnam and Singapore, trained in classical French technique.",
        "Times-Roman",
        11,
    )
    flow.gap(6)
    heading("WORK EXPERIENCE")
    for job, duty in zip(jobs, duties, strict=True):
        pdf.text(50, flow.y, _span(job, "dot"), "Times-Roman", 10, _hex("#555555"))
        flow.line(job.title, "Times-Bold", 11, 14)
        flow.line(f"{job.company}, {job.place}", "Times-Italic", 11, 14)
        flow.para(duty, "Times-Roman", 10.5, 13)
        flow.gap(8)
    heading("EDUCATION")
    for d in degrees:
        pdf.text(50, flow.y, f"{d.start} – {d.year}", "Times-Roman", 10, _hex("#555555"))
        flow.line(d.label, "Times-Bold", 11, 14)
        flow.line(d.school, "Times-Italic", 11, 20)
    heading("CERTIFICATIONS")
    flow.para("HACCP Level 3 (2021) · WSET Level 2 Award in Wines (2019)", "Times-Roman", 10.5)
    flow.gap(6)
    heading("LANGUAGES")
    flow.para("Vietnamese (native), English (fluent), French (intermediate)", "Times-Roman", 10.5)
    names = ["NGUYEN THI MAI", "Nguyen Thi Mai"]
    return "CV_Nguyen_Thi_Mai.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p10_grid() -> Doc:
    """Career history as a ruled grid (Period | Employer | Position) drawn with lines and strings."""
    name = "Liam O'Connor"
    jobs = [
        Job("John Sisk & Son", "Senior Project Manager", "2018", "Present"),
        Job("BAM Ireland", "Project Manager", "2013", "2018"),
        Job("Laing O'Rourke", "Site Engineer", "2008", "2013"),
        Job("Laing O'Rourke", "Graduate Engineer", "2006", "2008"),
    ]
    degrees = [
        Degree("Trinity College Dublin", "master", 2012, "MSc Construction Project Management"),
        Degree("University College Dublin", "bachelor", 2006, "BEng (Hons) Civil Engineering"),
    ]
    pdf = _Pdf(A4)
    green = _hex("#2F5233")
    x0, width = 50, pdf.w - 100
    flow = _Flow(pdf, x0, pdf.h - 70, width)
    flow.line(name, "Helvetica-Bold", 22, 20, green)
    flow.line("Dublin 8, Ireland  |  +353 87 123 4567  |  liam.oconnor.pm@gmail.com", size=9.5, lead=24)

    def heading(text):
        flow.line(text, "Helvetica-Bold", 12, 16, green)

    heading("Profile")
    flow.para(
        "Chartered engineer and construction project manager with 18 years on airports, data centres and "
        "healthcare projects, delivering for clients including Google, daa and the HSE.",
        size=10,
    )
    flow.gap(12)
    heading("Career History")
    cols = [x0, x0 + 95, x0 + 265]
    row_h = 18
    top = flow.y + 12
    pdf.rect(x0, top - row_h, width, row_h, _hex("#DDE5DD"))
    for x, label in zip(cols, ("Period", "Employer", "Position"), strict=True):
        pdf.text(x + 6, top - 13, label, "Helvetica-Bold", 10)
    for n, job in enumerate(jobs, 1):
        y = top - row_h * (n + 1)
        for x, value in zip(cols, (f"{job.start} – {job.end}", job.company, job.title), strict=True):
            pdf.text(x + 6, y + 5, value, size=10)
        pdf.line(x0, y, x0 + width, y, _hex("#999999"), 0.5)
    for x in [*cols, x0 + width]:
        pdf.line(x, top, x, top - row_h * (len(jobs) + 1), _hex("#999999"), 0.5)
    pdf.line(x0, top, x0 + width, top, _hex("#999999"), 0.5)
    flow.y = top - row_h * (len(jobs) + 1) - 24
    heading("Key Projects")
    for item in (
        "Dublin Airport North Runway (€320m), 2019–2022 — Senior Project Manager for airfield civils.",
        "Hyperscale data centre, Clonee (€250m), 2015–2018 — Project Manager, MEP-heavy fit-out.",
        "National Children's Hospital enabling works, 2012–2013 — Site Engineer.",
    ):
        flow.para(item, size=10, indent=12, bullet="•")
    flow.gap(10)
    heading("Qualifications")
    for d in degrees:
        flow.line(f"{d.label} — {d.school} — {d.year}", size=10, lead=14)
    flow.gap(10)
    heading("Certifications & Tickets")
    flow.para(
        "SMSTS (2017) · Safe Pass (valid to 2026) · CSCS Black Card · Chartered Engineer (CEng MIEI), 2011",
        size=10,
    )
    names = [name, "Liam O’Connor"]
    return "Liam_OConnor_CV.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p11_designer() -> Doc:
    """Designer resume: "Title — Company" with right-aligned years; one freelance role without employer."""
    name = "Sofia Esposito"
    jobs = [
        Job(
            "Pentagram",
            "Senior Designer",
            "2020",
            "Present",
            bullets=(
                "Identity systems for cultural and tech clients; led the 2023 rebrand of a NYC museum.",
            ),
        ),
        Job(
            "Wolff Olins",
            "Designer",
            "2017",
            "2020",
            bullets=("Brand strategy and visual identity for fintech and telecoms launches.",),
        ),
        Job(
            None,
            "Freelance Graphic Designer",
            "2014",
            "2017",
            bullets=("Clients included Nike, Ace Hotel and the V&A; editorial, packaging and wayfinding.",),
        ),
        Job(
            "Studio Dumbar",
            "Junior Designer",
            "2012",
            "2014",
            bullets=("Motion and typography for public-sector identities in the Netherlands.",),
        ),
    ]
    degrees = [
        Degree("Royal College of Art", "master", 2012, "MA Visual Communication"),
        Degree("Central Saint Martins", "bachelor", 2010, "BA (Hons) Graphic Design"),
    ]
    pdf = _Pdf(LETTER)
    ink = _hex("#111111")
    accent = _hex("#E63946")
    pdf.text(50, pdf.h - 75, "Sofia", "Helvetica-Bold", 34, ink)
    pdf.text(50, pdf.h - 110, "Esposito", "Helvetica-Bold", 34, accent)
    right = pdf.w - 50
    for n, item in enumerate(
        ("Brand & Identity Designer", "Brooklyn, NY", "hello@sofiaesposito.design", "sofiaesposito.design")
    ):
        pdf.text(right, pdf.h - 60 - n * 14, item, size=9.5, color=ink, align="right")
    flow = _Flow(pdf, 50, pdf.h - 160, pdf.w - 100)

    def heading(text):
        flow.line(text, "Helvetica-Bold", 13, 20, accent)

    heading("Experience")
    for job in jobs:
        label = f"{job.title} — {job.company}" if job.company else job.title
        flow.line(label, "Helvetica-Bold", 11, 14, right=f"{job.start} – {job.end}", rfont="Helvetica")
        for b in job.bullets:
            flow.para(b, size=10, lead=13)
        flow.gap(8)
    heading("Education")
    for d in degrees:
        flow.line(f"{d.label} — {d.school}", "Helvetica-Bold", 11, 16, right=str(d.year), rfont="Helvetica")
    flow.gap(8)
    heading("Recognition")
    flow.para("D&AD Yellow Pencil, 2021 · Type Directors Club Certificate of Excellence, 2019", size=10)
    flow.gap(8)
    heading("Tools")
    flow.para("Figma, Adobe CC 2024, Glyphs 3, After Effects, Cinema 4D", size=10)
    return "Sofia_Esposito_Resume.pdf", pdf.done(), _truth(jobs, degrees, [name])


def _p12_mba() -> Doc:
    """MBA/consulting resume (HBS style): Education first, ALL CAPS employers, "Summer 2018" internship."""
    groups = [
        (
            "MCKINSEY & COMPANY",
            "New York, NY",
            [
                Job(
                    "MCKINSEY & COMPANY",
                    "Engagement Manager",
                    "2021",
                    "present",
                    bullets=(
                        "Lead teams of 4–6 consultants on operations transformations for industrial clients.",
                        "Designed a procurement program delivering $140M run-rate savings for a Fortune 100 client.",
                    ),
                ),
                Job(
                    "MCKINSEY & COMPANY",
                    "Associate",
                    "2019",
                    "2021",
                    bullets=("Supply-chain network redesign for a consumer electronics OEM.",),
                ),
            ],
        ),
        (
            "BAIN & COMPANY",
            "Boston, MA",
            [
                Job(
                    "BAIN & COMPANY",
                    "Summer Associate",
                    "2018",
                    "2018",
                    bullets=(
                        "Commercial due diligence for a private-equity acquisition of a specialty chemicals firm.",
                    ),
                )
            ],
        ),
        (
            "TATA MOTORS LIMITED",
            "Pune, India",
            [
                Job(
                    "TATA MOTORS LIMITED",
                    "Senior Manufacturing Engineer",
                    "2015",
                    "2017",
                    bullets=("Led the body-shop line balancing for a new compact SUV; cut takt time 11%.",),
                ),
                Job(
                    "TATA MOTORS LIMITED",
                    "Manufacturing Engineer",
                    "2013",
                    "2015",
                    bullets=("Implemented poka-yoke fixtures across 23 weld stations.",),
                ),
            ],
        ),
    ]
    degrees = [
        Degree(
            "HARVARD BUSINESS SCHOOL", "master", 2019, "Master of Business Administration", place="Boston, MA"
        ),
        Degree(
            "INDIAN INSTITUTE OF TECHNOLOGY BOMBAY",
            "bachelor",
            2013,
            "Bachelor of Technology in Mechanical Engineering",
            place="Mumbai, India",
        ),
    ]
    pdf = _Pdf(LETTER)
    flow = _Flow(pdf, 54, pdf.h - 54, pdf.w - 108)
    pdf.text(pdf.w / 2, flow.y, "ARJUN MEHTA", "Times-Bold", 16, align="center")
    flow.gap(16)
    pdf.text(
        pdf.w / 2,
        flow.y,
        "245 W 72nd St, New York, NY 10023 · (646) 555-0192 · arjun.mehta@alumni.hbs.edu",
        "Times-Roman",
        10,
        align="center",
    )
    flow.gap(22)

    def heading(text):
        flow.line(text, "Times-Bold", 11, 4)
        flow.rule()
        flow.gap(11)

    heading("EDUCATION")
    for d in degrees:
        flow.line(d.school, "Times-Bold", 10.5, 13, right=d.place, rfont="Times-Roman")
        flow.line(f"{d.label}, {'May ' if d.level == 'master' else ''}{d.year}", "Times-Italic", 10.5, 13)
        flow.gap(4)
    heading("EXPERIENCE")
    jobs: list[Job] = []
    for company, city, roles in groups:
        flow.line(company, "Times-Bold", 10.5, 13, right=city, rfont="Times-Roman")
        for job in roles:
            jobs.append(job)
            when = f"Summer {job.start}" if job.title == "Summer Associate" else f"{job.start}–{job.end}"
            flow.line(job.title, "Times-Italic", 10.5, 13, right=when, rfont="Times-Roman")
            for b in job.bullets:
                flow.para(b, "Times-Roman", 10.5, 13, indent=12, bullet="•")
        flow.gap(5)
    heading("ADDITIONAL INFORMATION")
    flow.para(
        "Interests: marathon running (Boston Marathon 2018), Hindustani classical music, chess. "
        "Languages: English, Hindi, Gujarati. Skills: Python, Alteryx, Tableau.",
        "Times-Roman",
        10.5,
        13,
    )
    names = ["ARJUN MEHTA", "Arjun Mehta"]
    return "Arjun_Mehta_Resume.pdf", pdf.done(), _truth(jobs, degrees, names)


def _p13_executive() -> Doc:
    """Executive CV: one-line "Title — Company — dates" roles, plus a Volunteering section in the same format."""
    name = "Helen Fairbrother"
    jobs = [
        Job(
            "Gousto",
            "Chief Operating Officer",
            "2023-01",
            "Present",
            bullets=("Accountable for 3 fulfilment sites, 2,400 people and £90m operating cost.",),
        ),
        Job(
            "Ocado Retail",
            "Operations Director",
            "2019-02",
            "Dec 2022",
            bullets=("Scaled weekly orders from 290k to 420k through the pandemic.",),
        ),
        Job(
            "Amazon UK Services Ltd.",
            "Head of Fulfilment",
            "2014-10",
            "Jan 2019",
            bullets=("Launched two robotics fulfilment centres in the south-east.",),
        ),
        Job(
            "Wincanton plc",
            "Operations Manager",
            "2009",
            "2014",
            bullets=("Grocery distribution contracts.",),
        ),
        Job(
            "Jaguar Land Rover",
            "Graduate Engineer",
            "2005",
            "2009",
            bullets=("Manufacturing engineering, Solihull.",),
        ),
    ]
    degrees = [
        Degree("Cranfield School of Management", "master", 2017, "Executive MBA"),
        Degree("University of Sheffield", "bachelor", 2005, "BEng (Hons) Mechanical Engineering"),
    ]
    pdf = _Pdf(A4)
    wine = _hex("#5B2333")
    flow = _Flow(pdf, 60, pdf.h - 70, pdf.w - 120)
    flow.line(name, "Helvetica-Bold", 24, 20, wine)
    flow.line(
        "Chief Operating Officer  ·  Leeds  ·  07802 330 118  ·  helen@fairbrother.me", size=9.5, lead=26
    )

    def heading(text):
        flow.line(text.upper(), "Helvetica-Bold", 10, 5, wine)
        flow.rule(wine, 0.6)
        flow.gap(12)

    heading("Executive Profile")
    flow.para(
        "Operations executive with 19 years in e-commerce, grocery and logistics. Board-level experience "
        "of scaling fulfilment, automation and large unionised workforces.",
        size=10,
    )
    flow.gap(8)
    heading("Career Highlights")
    for item in (
        "Led Amazon's first UK robotics fulfilment centre launch (Tilbury, 2017).",
        "Took Gousto to EBITDA break-even in 2023 while improving on-time delivery to 99.2%.",
    ):
        flow.para(item, size=10, indent=12, bullet="•")
    flow.gap(8)
    heading("Employment")
    for job in jobs:
        flow.line(f"{job.title} — {job.company} — {_span(job)}", "Helvetica-Bold", 10.5, 14)
        for b in job.bullets:
            flow.para(b, size=10, indent=12, bullet="•")
        flow.gap(5)
    heading("Education")
    for d in degrees:
        flow.line(f"{d.label}, {d.school}, {d.year}", size=10.5, lead=15)
    flow.gap(6)
    heading("Volunteering")
    flow.line("Trustee — FareShare Yorkshire — 2020 – Present", "Helvetica-Bold", 10.5, 14)
    flow.para("Advising the charity on warehouse and transport operations.", size=10, indent=12, bullet="•")
    flow.gap(6)
    heading("Interests")
    flow.para("Fell running, Yorkshire Three Peaks (2022), mentoring women in engineering.", size=10)
    return "Helen_Fairbrother_CV.pdf", pdf.done(), _truth(jobs, degrees, [name])


# ==================================================================================================
# Plain-text layouts
# ==================================================================================================


def _t01_ats_text() -> Doc:
    """ATS-style plain text: ALL CAPS headings, hyphen date ranges, dash bullets."""
    name = "Mohammed Al-Rashid"
    jobs = [
        Job(
            "Amazon UK Services Ltd",
            "Warehouse Team Leader",
            "2019-11",
            "present",
            "Coventry (BHX4)",
            (
                "Lead a team of 35 associates on inbound; hit 103% of rate targets in 2023",
                "Trained 60+ new starters",
            ),
        ),
        Job(
            "Eddie Stobart Logistics",
            "HGV Class 1 Driver",
            "2014-06",
            "2019-10",
            "Daventry",
            ("Trunking and multi-drop deliveries, 0 accidents in 5 years", "Tachograph and WTD compliant"),
        ),
        Job(
            "XPO Logistics",
            "Forklift Operator",
            "2011-03",
            "2014-05",
            "Rugby",
            ("Counterbalance and reach trucks, loading and stock rotation",),
        ),
    ]
    degrees = [
        Degree("Solihull College", None, 2012, "NVQ Level 2 in Warehousing and Storage"),
        Degree("Small Heath School", "secondary", 2008, "GCSEs (English, Maths, Science)"),
    ]
    lines = [
        name.upper(),
        "Birmingham, West Midlands | 07123 456789 | m.alrashid@hotmail.co.uk",
        "",
        "PROFILE",
        "Reliable warehouse team leader and former HGV Class 1 driver with 13 years in logistics.",
        "",
        "EMPLOYMENT",
    ]
    for job in jobs:
        lines += [
            job.title,
            f"{job.company}, {job.place}",
            f"{_fmt(job.start, 'month')} - {_fmt(job.end, 'month')}",
        ]
        lines += [f"- {b}" for b in job.bullets]
        lines.append("")
    lines.append("EDUCATION AND TRAINING")
    for d in degrees:
        lines.append(f"{d.label} - {d.school} - {d.year}")
    lines += [
        "",
        "LICENCES",
        "Class C+E licence (2014), Driver CPC valid to 09/2027, FLT counterbalance & reach (RTITB)",
        "",
        "REFERENCES",
        "Available on request",
        "",
    ]
    names = ["MOHAMMED AL-RASHID", name]
    return "mohammed_al-rashid_cv.txt", "\n".join(lines).encode("utf-8"), _truth(jobs, degrees, names)


def _t02_email_text() -> Doc:
    """Plain text pasted from an email: CRLF, underlined headings, "Jan 2019 to Present" padded right."""
    name = "Olga Petrova"
    jobs = [
        Job(
            "Hargreaves & Co Solicitors",
            "Office Manager",
            "2021-01",
            "Present",
            "Bristol",
            ("Run office operations for 28 staff; manage suppliers and the facilities budget",),
        ),
        Job(
            "Hargreaves & Co Solicitors",
            "Senior Administrator",
            "2018-03",
            "2020-12",
            "Bristol",
            ("Diary management for four partners, file opening and AML checks",),
        ),
        Job(
            "Bristol Marriott Royal Hotel",
            "Receptionist / Administrator",
            "2015-08",
            "2018-02",
            "Bristol",
            ("Front desk, reservations (Opera PMS) and invoicing",),
        ),
    ]
    degrees = [
        Degree("Bristol Training Academy", None, 2019, "AAT Level 2 Certificate in Accounting"),
        Degree("Saint Petersburg State University", "bachelor", 2012, "Bachelor of Arts in Linguistics"),
    ]
    lines = [
        name,
        "Bristol BS6 | 07955 210 334 | olga.petrova.uk@gmail.com",
        "",
        "Profile",
        "-------",
        "Organised office manager with nine years of experience in legal and hospitality settings.",
        "",
        "Work Experience",
        "---------------",
    ]
    for job in jobs:
        dates = f"{_fmt(job.start, 'mon')} to {_fmt(job.end, 'mon')}"
        lines.append(f"{job.title:<48}{dates}")
        lines.append(f"{job.company}, {job.place}")
        lines += [f"  * {b}" for b in job.bullets]
        lines.append("")
    lines += ["Education & Training", "--------------------"]
    for d in degrees:
        lines.append(f"{d.label}, {d.school}, {d.year}")
    lines += [
        "",
        "Skills",
        "------",
        "Microsoft 365, Xero, Opera PMS 5.6, touch typing 70 wpm, Russian (native), English (fluent)",
        "",
        "References",
        "----------",
        "Mrs Joanne Hargreaves, Senior Partner, Hargreaves & Co Solicitors - joanne@hargreaves.co.uk",
        "",
    ]
    return "CV - Olga Petrova.txt", "\r\n".join(lines).encode("utf-8"), _truth(jobs, degrees, [name])


def _t03_markdown() -> Doc:
    """A developer's Markdown resume saved as .txt ("**Title** @ Company — City (dates)")."""
    name = "Ana Carolina Souza"
    jobs = [
        Job(
            "Nubank",
            "Senior Backend Engineer",
            "2022-02",
            "present",
            "São Paulo",
            (
                "Own the PIX instant-payments ledger (Clojure, Kafka, Datomic)",
                "Cut p99 latency from 480ms to 120ms",
            ),
        ),
        Job(
            "Nubank",
            "Backend Engineer",
            "2020-02",
            "2022-01",
            "São Paulo",
            ("Built credit-limit services used by 40M customers",),
        ),
        Job(
            "TOTVS",
            "Software Developer",
            "2017-03",
            "2020-01",
            "São Paulo",
            ("ERP integrations in Java 8 and Oracle PL/SQL",),
        ),
    ]
    degrees = [
        Degree("Universidade de São Paulo", "bachelor", 2016, "B.Sc. Computer Science", "2012"),
        Degree(
            "ETEC Jorge Street", "secondary", 2011, "Technical High School Diploma in Informatics", "2009"
        ),
    ]
    lines = [
        f"# {name}",
        "",
        "Backend engineer · São Paulo, Brazil · ana.souza@proton.me · github.com/anacsouza",
        "",
        "## Summary",
        "",
        "Backend engineer (8 yrs) building payment systems in Clojure and Java. Talks: Clojure/conj 2023.",
        "",
        "## Experience",
        "",
    ]
    for job in jobs:
        lines.append(f"**{job.title}** @ {job.company} — {job.place} ({_span(job)})")
        lines += [f"- {b}" for b in job.bullets]
        lines.append("")
    lines += ["## Education", ""]
    for d in degrees:
        lines.append(f"- **{d.label}**, {d.school}, {d.start}–{d.year}")
    lines += [
        "",
        "## Projects",
        "",
        "- **pix-simulator** (2021) — open-source PIX sandbox; won the Itaú hackathon",
        "- **datomic-migrate** (2019–2020) — schema migration tool, 400 stars",
        "",
        "## Skills",
        "",
        "Clojure, Java 17, Kotlin, Kafka, PostgreSQL 15, AWS, Terraform 1.5",
        "",
    ]
    return "ana_souza_resume.txt", "\n".join(lines).encode("utf-8"), _truth(jobs, degrees, [name])


# ==================================================================================================

_BUILDERS = (
    _d01_harvard,
    _d02_europass,
    _d03_sidebar_table,
    _d04_textbox_sidebar,
    _d05_agency_header,
    _d06_pdf_to_docx,
    _d07_federal,
    _d08_blind_agency,
    _d09_functional,
    _d10_academic,
    _d11_title_at_company,
    _d12_dates_first,
    _d13_hidden_company,
    _d14_pipe_lines,
    _p01_linkedin,
    _p02_colour_sidebar,
    _p03_three_col_header,
    _p04_two_page_furniture,
    _p05_us_law,
    _p06_teacher,
    _p07_us_nursing,
    _p08_top_band,
    _p09_timeline,
    _p10_grid,
    _p11_designer,
    _p12_mba,
    _p13_executive,
    _t01_ats_text,
    _t02_email_text,
    _t03_markdown,
)


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [build() for build in _BUILDERS]
