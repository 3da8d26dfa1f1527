"""Blind layout set 4: an ordinary week of applications to a mid-size company.

Thirty English resumes (.docx made with python-docx, .pdf made with reportlab, plain .txt) across
seniority (graduates, mid-career specialists, senior executives, career changers, returners after a
gap), sectors and countries, laid out the way people really make them in Word or export them from
job sites (Indeed PDF export, LinkedIn "Save to PDF", Naukri profile text, Europass, Reed-style CVs,
two-column Word tables, shaded heading cells, text boxes, headers and footers with page numbers).

This set was written WITHOUT reading the project's resume parser or any of the other test sets, so
that it can serve as a held-out measurement.  Output is deterministic: docx zip timestamps and core
properties are fixed and reportlab runs with invariant=1.

documents() returns (file name, file bytes, truth) with truth shaped as::

    {"jobs": [[company, title, start], ...],      # start "YYYY-MM", or "YYYY" when no month printed
     "degrees": [[school, level, year], ...],     # level bachelor/master/doctor/associate/secondary/None
     "names": [name as printed, optional second acceptable spelling] or [None]}

Only roles in the work-experience section count as jobs; board positions, volunteering, projects,
positions of responsibility and referees printed in their own sections are deliberate hazards and are
not part of the truth.  Professional qualifications printed outside the education section (ACCA, FSA,
CIP, SMSTS...) are not degrees.
"""

import datetime as dt
from io import BytesIO
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, inch
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

_FIXED_TIME = dt.datetime(2025, 3, 10, 9, 0, 0)
_ZIP_TIME = (2025, 3, 10, 9, 0, 0)
_TEXT_RIGHT = Inches(6.0)  # right edge of the default 6" text column


# --------------------------------------------------------------------------------------------------
# truth


def _truth(jobs, degrees, names):
    """jobs: (company, title, printed dates, start); degrees: (school, level, year)."""
    return {
        "jobs": [[company, title, start] for company, title, _dates, start in jobs],
        "degrees": [[school, level, year] for school, level, year in degrees],
        "names": list(names),
    }


# --------------------------------------------------------------------------------------------------
# docx helpers


def _new_docx(font="Calibri", size=11, title=""):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.title = title
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME
    props.last_printed = _FIXED_TIME
    props.revision = 1
    return doc


def _docx_bytes(doc) -> bytes:
    """Save and rewrite the zip with fixed timestamps so the bytes are identical on every run."""
    raw = BytesIO()
    doc.save(raw)
    out = BytesIO()
    with ZipFile(BytesIO(raw.getvalue())) as src, ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _para(container, text="", *, bold=False, italic=False, size=None, after=None, before=None, align=None):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if before is not None:
        p.paragraph_format.space_before = Pt(before)
    if align is not None:
        p.alignment = align
    return p


def _runs(p, *parts):
    """Add (text, bold, italic) runs to a paragraph."""
    for text, bold, italic in parts:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
    return p


def _bullets(container, items):
    for item in items:
        container.add_paragraph(item, style="List Bullet")


def _tab_stops(p, *stops):
    for position, alignment in stops:
        p.paragraph_format.tab_stops.add_tab_stop(position, alignment)
    return p


def _right_tab_line(container, left, right, *, bold=False, italic=False, at=_TEXT_RIGHT):
    """One line with text on the left and dates pushed to a right-aligned tab stop."""
    p = _tab_stops(container.add_paragraph(), (at, WD_TAB_ALIGNMENT.RIGHT))
    _runs(p, (left, bold, italic), ("\t" + right, False, False))
    p.paragraph_format.space_after = Pt(0)
    return p


def _shade(cell, fill):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell_lines(cell, lines, *, bold_first=False, size=None):
    """Fill a table cell with one paragraph per line (re-using the cell's empty first paragraph)."""
    for index, line in enumerate(lines):
        p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold_first and index == 0
        if size:
            run.font.size = Pt(size)
        p.paragraph_format.space_after = Pt(0)


def _page_field_footer(section, before="Page ", with_total=True, after=""):
    """Footer like 'Page 1 of 2' built from PAGE / NUMPAGES fields."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(before)
    p._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    if with_total:
        p.add_run(" of ")
        p._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>2</w:t></w:r></w:fldSimple>')
        )
    if after:
        p.add_run(after)


def _text_box(doc, lines, *, height_pt=62):
    """A VML text box anchored in the first body paragraph; lines are (text, bold, size)."""
    w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size * 2}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text, bold, size in lines
    )
    xml = (
        f'<w:r xmlns:w="{w_ns}" xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="NameBox" type="#_x0000_t202" style="width:432pt;height:{height_pt}pt" '
        'fillcolor="#1F3864" stroked="f"><v:textbox><w:txbxContent>'
        f"{paras}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    p = doc.add_paragraph()
    p._p.append(parse_xml(xml))
    return p


def _page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --------------------------------------------------------------------------------------------------
# pdf helpers


def _styles(font="Helvetica", size=10):
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[font]
    italic = {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic"}[font]
    base = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3)
    return {
        "body": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "italic": ParagraphStyle("italic", parent=base, fontName=italic),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.3),
        "h": ParagraphStyle("h", parent=base, fontName=bold, fontSize=size + 2, leading=(size + 2) * 1.3),
        "name": ParagraphStyle("name", parent=base, fontName=bold, fontSize=size + 10, leading=size + 14),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=14, bulletIndent=4),
    }


def _P(text, style):
    return Paragraph(escape(text), style)


def _bullet_list(items, style):
    return [Paragraph(escape(item), style, bulletText="\u2022") for item in items]


_PLAIN_TABLE = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def _lr(left, right, width, left_style, right_style, right_width=1.9 * inch):
    """A left cell and a right-aligned cell on one line (dates on the right)."""
    table = Table(
        [[Paragraph(escape(left), left_style), Paragraph(escape(right), right_style)]],
        colWidths=[width - right_width, right_width],
    )
    table.setStyle(TableStyle(_PLAIN_TABLE))
    return table


def _grid(rows, widths, extra=()):
    """Borderless table of already-built flowables."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle(_PLAIN_TABLE + list(extra)))
    return table


def _numbered_canvas(draw_footer):
    """Canvas class that knows the page total, so footers can say 'Page 1 of 2'."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _pdf(story, *, title, pagesize=A4, margin=2 * cm, on_page=None, canvasmaker=None) -> bytes:
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="",
        creator="",
        invariant=1,
    )
    kwargs = {}
    if on_page:
        kwargs.update(onFirstPage=on_page, onLaterPages=on_page)
    if canvasmaker:
        kwargs["canvasmaker"] = canvasmaker
    doc.build(story, **kwargs)
    return buf.getvalue()


def _sidebar_pdf(sidebar, main, *, title, pagesize, side_width, side_fill, canvasmaker=None) -> bytes:
    """First page has a shaded left sidebar and a main column; later pages are single-column."""
    buf = BytesIO()
    page_w, page_h = pagesize
    margin = 0.55 * inch
    doc = BaseDocTemplate(
        buf, pagesize=pagesize, title=title, author="", creator="", invariant=1, leftMargin=margin
    )
    side = Frame(margin, margin, side_width, page_h - 2 * margin, id="side")
    main_x = margin + side_width + 0.35 * inch
    main_frame = Frame(main_x, margin, page_w - main_x - margin, page_h - 2 * margin, id="main")
    later = Frame(main_x, margin, page_w - main_x - margin, page_h - 2 * margin, id="later")

    def paint_sidebar(canv, _doc):
        canv.saveState()
        canv.setFillColor(side_fill)
        canv.rect(0, 0, margin + side_width + 0.15 * inch, page_h, stroke=0, fill=1)
        canv.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[side, main_frame], onPage=paint_sidebar),
            PageTemplate(id="later", frames=[later]),
        ]
    )
    story = [*sidebar, FrameBreak(), NextPageTemplate("later"), *main]
    if canvasmaker:
        doc.build(story, canvasmaker=canvasmaker)
    else:
        doc.build(story)
    return buf.getvalue()


def _txt(text, *, crlf=False, bom=False) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")


# --------------------------------------------------------------------------------------------------
# 1. docx, UK graduate, retail: Word "Normal" style with bold headings


def _chloe_ashworth():
    jobs = [
        ("Asda Stores Ltd", "Marketing Intern", "Jun 2023 – Aug 2023", "2023-06"),
        ("Boots UK", "Sales Assistant", "Sept 2021 – Present", "2021-09"),
    ]
    degrees = [("University of Leeds", "bachelor", 2024), ("Harrogate Grammar School", "secondary", 2021)]
    doc = _new_docx(title="CV")
    _para(doc, "Chloe Ashworth", bold=True, size=20, after=0)
    _para(doc, "14 Beech Grove, Leeds LS6 2AB | 07700 900412 | chloe.ashworth@outlook.com", after=10)
    _para(doc, "Personal Profile", bold=True, size=13, after=2)
    _para(
        doc,
        "Recent Business Management graduate with three years of customer-facing retail experience at "
        "Boots and a summer internship in the marketing team at Asda. Organised, numerate and keen to start "
        "a graduate career in retail buying or merchandising.",
    )
    _para(doc, "Education", bold=True, size=13, after=2)
    _para(doc, "BA (Hons) Business Management – University of Leeds, 2021 – 2024", bold=True, after=0)
    _para(doc, "Graduated with a 2:1. Dissertation: loyalty schemes and discount retail after 2020.")
    _para(doc, "A-Levels – Harrogate Grammar School, 2019 – 2021", bold=True, after=0)
    _para(doc, "Business (A), English Literature (B), Psychology (B)")
    _para(doc, "Work Experience", bold=True, size=13, after=2)
    for company, title, dates, _ in jobs:
        _para(doc, f"{company} – {title}", bold=True, after=0)
        _para(doc, dates, italic=True, after=2)
        if company == "Boots UK":
            _bullets(
                doc,
                [
                    "Part-time, 16 hours a week alongside university; full-time over holidays.",
                    "Trained four new starters on tills, No7 counter and click-and-collect.",
                    "Consistently exceeded Advantage Card sign-up targets.",
                ],
            )
        else:
            _bullets(
                doc,
                [
                    "Supported the seasonal campaign team on the Christmas 2023 brief.",
                    "Built weekly Excel reports on promotion sell-through for 120 stores.",
                ],
            )
    _para(doc, "Key Skills", bold=True, size=13, after=2, before=6)
    _bullets(
        doc,
        [
            "Microsoft Excel (pivot tables, VLOOKUP) – 3 years",
            "Canva, Google Analytics 4, Microsoft PowerPoint",
            "Customer service, cash handling, visual merchandising",
        ],
    )
    _para(doc, "Interests", bold=True, size=13, after=2)
    _para(doc, "Netball (university second team), baking, volunteering at Leeds Food Bank since 2022.")
    _para(doc, "References available on request.", italic=True)
    return "Chloe_Ashworth_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Chloe Ashworth"])


# --------------------------------------------------------------------------------------------------
# 2. pdf, US registered nurse, healthcare: Indeed resume export


def _marcus_delgado():
    jobs = [
        ("Northwestern Memorial Hospital", "Registered Nurse", "January 2018 to Present", "2018-01"),
        ("Advocate Christ Medical Center", "Staff Nurse", "June 2012 to December 2017", "2012-06"),
        ("Rush University Medical Center", "Certified Nursing Assistant", "May 2010 to May 2012", "2010-05"),
    ]
    places = ["Chicago, IL", "Oak Lawn, IL", "Chicago, IL"]
    degrees = [("University of Illinois at Chicago", "bachelor", 2012)]
    s = _styles("Helvetica", 10)
    grey = ParagraphStyle("grey", parent=s["body"], textColor=colors.HexColor("#595959"))
    section = ParagraphStyle("sec", parent=s["h"], fontSize=13, spaceBefore=12, spaceAfter=6)
    story = [
        _P("Marcus Delgado", s["name"]),
        _P("Registered Nurse - Northwestern Memorial Hospital", s["body"]),
        _P("Chicago, IL 60616", grey),
        _P("marcusdelgado7_k2j@indeedemail.com", grey),
        _P("+1 312 555 0187", grey),
        Spacer(1, 6),
        _P(
            "Compassionate RN with over 12 years of hospital experience in telemetry and step-down units.",
            s["body"],
        ),
        _P("Willing to relocate: Anywhere", s["body"]),
        _P("Authorized to work in the US for any employer", s["body"]),
        _P("Work Experience", section),
    ]
    bullets = [
        [
            "Provide care for 4-5 telemetry patients per shift on a 32-bed step-down unit",
            "Charge nurse on nights since 2021; precept new graduate nurses",
        ],
        [
            "Cared for post-surgical and cardiac patients; administered medications via Pyxis",
            "Member of the unit practice council 2015 to 2017",
        ],
        ["Assisted patients with ADLs, vital signs and mobility while completing BSN"],
    ]
    for (company, title, dates, _), place, items in zip(jobs, places, bullets, strict=True):
        story += [
            _P(title, s["bold"]),
            _P(f"{company} - {place}", s["body"]),
            _P(dates, grey),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 8),
        ]
    story += [
        _P("Education", section),
        _P("Bachelor's degree in Nursing", s["bold"]),
        _P("University of Illinois at Chicago - Chicago, IL", s["body"]),
        _P("August 2008 to May 2012", grey),
        _P("Skills", section),
        *_bullet_list(
            ["Epic (6 years)", "Patient care (10+ years)", "Telemetry (5 years)", "Cerner (4 years)"],
            s["bullet"],
        ),
        _P("Certifications and Licenses", section),
        _P("BLS Certification", s["bold"]),
        _P("March 2023 to March 2025", grey),
        _P("ACLS Certification", s["bold"]),
        _P("April 2023 to April 2025", grey),
        _P("Registered Nurse (RN)", s["bold"]),
        _P("Illinois, License 041.398822", grey),
    ]
    pdf = _pdf(story, title="Marcus Delgado", pagesize=LETTER, margin=0.75 * inch)
    return "Marcus-Delgado-Resume.pdf", pdf, _truth(jobs, degrees, ["Marcus Delgado"])


# --------------------------------------------------------------------------------------------------
# 3. txt, India software engineer: Naukri-style profile text


def _rohit_venkataraman():
    jobs = [
        ("Infosys Limited", "Senior Software Engineer", "Jul 2019 to Till now", "2019-07"),
        ("Tata Consultancy Services", "Systems Engineer", "Aug 2016 to Jun 2019", "2016-08"),
    ]
    degrees = [
        ("Vellore Institute of Technology", "bachelor", 2016),
        ("Kendriya Vidyalaya Hebbal", "secondary", 2012),
    ]
    text = f"""Rohit Venkataraman
Senior Software Engineer at Infosys Limited
Bengaluru | 8 Years 7 Months | Rs. 18.5 Lacs | 30 Days or less notice period
+91 98450 12345 | rohit.venkat@rediffmail.com

Resume Headline
Java / Spring Boot microservices developer with 8+ years in banking and insurance domain projects.

Key Skills
Java 17, Spring Boot 3.x, Microservices, REST, Kafka, Oracle 19c, AWS (4 yrs), Docker, Jenkins

Employment
{jobs[0][1]}
{jobs[0][0]}
{jobs[0][2]} (5 years 8 months)
Leading a team of 6 developers on payment microservices for a UK retail bank client.

{jobs[1][1]}
{jobs[1][0]}
{jobs[1][2]} (2 years 11 months)
Developed and supported policy administration modules for an insurance client.

Education
B.Tech (ECE)
Vellore Institute of Technology
2016 | Full Time

CBSE Class XII
Kendriya Vidyalaya Hebbal
2012

IT Skills
Skill            | Version | Last Used | Experience
Java             | 17      | 2025      | 8 Years 6 Months
Spring Boot      | 3.2     | 2025      | 6 Years
Oracle Database  | 19c     | 2023      | 5 Years

Projects
Payments Modernisation
Client: Barclays
Duration: Jan 2022 - Dec 2023
Migrated card payment flows from a monolith to 14 Spring Boot services on AWS EKS.

Claims Workbench
Client: Aviva
Duration: Oct 2017 - May 2019
Built claims triage screens and batch jobs.

Certifications
AWS Certified Developer - Associate (2022)
Oracle Certified Professional, Java SE 11 Developer (2020)

Personal Details
Date of Birth: 11 Feb 1994
Languages: English, Tamil, Kannada, Hindi
"""
    return "Naukri_RohitVenkataraman[8y_7m].txt", _txt(text), _truth(jobs, degrees, ["Rohit Venkataraman"])


# --------------------------------------------------------------------------------------------------
# 4. docx, Germany automotive engineer: two-column Word table with dates on the left


def _katrin_hofmann():
    jobs = [
        ("Robert Bosch GmbH", "Senior Calibration Engineer", "01/2019 – present", "2019-01"),
        ("Continental AG", "Development Engineer Powertrain", "10/2014 – 12/2018", "2014-10"),
        ("Karlsruhe Institute of Technology (KIT)", "Research Associate", "04/2010 – 09/2014", "2010-04"),
    ]
    cities = ["Stuttgart", "Regensburg", "Karlsruhe"]
    details = [
        "Calibration of hybrid powertrain controllers for two OEM platforms; team of 5 engineers.",
        "Diesel exhaust after-treatment (SCR) software validation; Euro 6d homologation support.",
        "Research on combustion of synthetic fuels; taught the lab course Engine Measurement Technology.",
    ]
    degrees = [
        ("Karlsruhe Institute of Technology (KIT)", "doctor", 2014),
        ("RWTH Aachen University", "master", 2010),
        ("Technical University of Munich", "bachelor", 2008),
    ]
    education = [
        ("2010 – 2014", "PhD (Dr.-Ing.), Mechanical Engineering", "Karlsruhe Institute of Technology (KIT)"),
        ("2008 – 2010", "MSc Mechanical Engineering", "RWTH Aachen University"),
        ("2005 – 2008", "BSc Mechanical Engineering", "Technical University of Munich"),
    ]
    doc = _new_docx(font="Arial", size=10, title="Curriculum Vitae")
    _para(doc, "Curriculum Vitae", bold=True, size=18, after=2)
    _para(doc, "Dr. Katrin Hofmann", bold=True, size=14, after=8)

    def section(title, rows):
        _para(doc, title, bold=True, size=12, before=8, after=4)
        table = doc.add_table(rows=0, cols=2)
        for left, lines in rows:
            cells = table.add_row().cells
            cells[0].width = Inches(1.5)
            cells[1].width = Inches(4.5)
            _cell_lines(cells[0], [left])
            _cell_lines(cells[1], lines, bold_first=True)

    section(
        "Personal Details",
        [
            ("Address", ["Hauptstätter Straße 42, 70173 Stuttgart"]),
            ("Phone", ["+49 711 555 2934"]),
            ("E-mail", ["k.hofmann@posteo.de"]),
            ("Date of birth", ["12 March 1986"]),
        ],
    )
    section(
        "Professional Experience",
        [
            (dates, [title, f"{company}, {city}", detail])
            for (company, title, dates, _), city, detail in zip(jobs, cities, details, strict=True)
        ],
    )
    section("Education", [(period, [what, school]) for period, what, school in education])
    section(
        "Languages",
        [("German", ["native"]), ("English", ["fluent (C1)"]), ("French", ["basic (A2)"])],
    )
    section(
        "Skills",
        [
            ("Tools", ["INCA 7.4 (9 years), MATLAB/Simulink R2023b, CANape 21, Python 3"]),
            ("Publications", ["9 journal and conference papers, 2 patents (2021, 2023)"]),
        ],
    )
    _para(doc, "Stuttgart, March 2025", before=12)
    names = ["Dr. Katrin Hofmann", "Katrin Hofmann"]
    return "Lebenslauf_Hofmann_EN.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 5. pdf, UK site manager, construction: Reed / Totaljobs style CV with pipes


def _gareth_lloyd():
    jobs = [
        ("Balfour Beatty", "Site Manager", "March 2017 – Present", "2017-03"),
        ("Kier Group", "Assistant Site Manager", "June 2012 – February 2017", "2012-06"),
        ("J. Murphy & Sons", "Groundworker", "2008 – 2012", "2008"),
    ]
    degrees = [("Cardiff and Vale College", None, 2011), ("Whitchurch High School", "secondary", 2006)]
    s = _styles("Helvetica", 10)
    head = ParagraphStyle("head", parent=s["h"], textColor=colors.HexColor("#1F4E79"), spaceBefore=10)
    rule = HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#1F4E79"), spaceAfter=4)
    story = [
        _P("Gareth Lloyd", s["name"]),
        _P("Cardiff, CF14 | 07911 123456 | gareth.lloyd84@gmail.com | Full UK driving licence", s["body"]),
        _P("Personal Statement", head),
        rule,
        _P(
            "Site Manager with 16 years in construction, from groundworks with J. Murphy & Sons to managing "
            "£20m education and healthcare schemes for Balfour Beatty. Safety-first, organised and used to "
            "leading subcontractor teams of up to 60 operatives.",
            s["body"],
        ),
        _P("Key Skills", head),
        rule,
        *_bullet_list(
            [
                "Asta Powerproject (7 years), Procore, Microsoft Project 2019",
                "Temporary works coordination, RAMS review, CDM 2015",
                "Programme and subcontractor management",
            ],
            s["bullet"],
        ),
        _P("Employment History", head),
        rule,
    ]
    duties = [
        [
            "Managing delivery of a £22m new-build secondary school in Newport (completed on time, 2024).",
            "Chair daily coordination meetings and weekly progress reports to the Project Director.",
        ],
        [
            "Supported the Site Manager on NHS Wales refurbishment projects worth £5m – £12m.",
            "Ran permits to work, inductions and quality inspections.",
        ],
        ["Drainage, kerbing and concrete works on highways schemes across South Wales."],
    ]
    for (company, title, dates, _), items in zip(jobs, duties, strict=True):
        story += [
            _P(f"{title} | {company} | {dates}", s["bold"]),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 6),
        ]
    story += [
        _P("Education & Qualifications", head),
        rule,
        _P("HNC Construction Management – Cardiff and Vale College (2011)", s["body"]),
        _P("GCSEs (8 A*–C including Maths and English) – Whitchurch High School (2006)", s["body"]),
        _P("Certifications", head),
        rule,
        *_bullet_list(
            [
                "SMSTS (CITB) – 2016, renewed 2021",
                "CSCS Black Card – valid to 2027",
                "First Aid at Work – 2023",
                "Temporary Works Supervisor – 2019",
            ],
            s["bullet"],
        ),
        _P("References", head),
        rule,
        _P("David Pryce, Project Director, Balfour Beatty – contact details on request", s["body"]),
        _P("Sian Morgan, Contracts Manager, Kier Group – contact details on request", s["body"]),
    ]
    pdf = _pdf(story, title="Gareth Lloyd CV", margin=1.8 * cm)
    return "Gareth Lloyd CV 2025.pdf", pdf, _truth(jobs, degrees, ["Gareth Lloyd"])


# --------------------------------------------------------------------------------------------------
# 6. docx, Ireland claims handler, insurance: section headings as shaded table cells


def _aoife_brennan():
    jobs = [
        ("Zurich Insurance plc", "Claims Handler", "Jan. 2021 – Current", "2021-01"),
        ("An Post", "Customer Service Advisor", "Aug. 2018 – Dec. 2020", "2018-08"),
        ("SuperValu", "Shop Assistant", "Jun. 2012 – Aug. 2014", "2012-06"),
    ]
    towns = ["Dublin", "Cork", "Tralee"]
    degrees = [
        ("University College Cork", "bachelor", 2018),
        ("Presentation Secondary School Tralee", "secondary", 2014),
    ]
    doc = _new_docx(font="Calibri", size=11, title="Aoife Brennan CV")
    _para(doc, "Aoife Brennan", bold=True, size=22, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        "Rathmines, Dublin 6  •  087 123 4567  •  aoifebrennan@eircom.net",
        after=8,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )

    def heading(text):
        table = doc.add_table(rows=1, cols=1)
        cell = table.rows[0].cells[0]
        _cell_lines(cell, [text], bold_first=True, size=12)
        _shade(cell, "D9E2F3")
        _para(doc, after=0).paragraph_format.space_before = Pt(0)

    heading("PROFILE")
    _para(doc, "Claims handler with four years in general insurance and a background in customer service.")
    heading("EXPERIENCE")
    for (company, title, dates, _), town in zip(jobs, towns, strict=True):
        _para(doc, f"{title}, {company}, {town}", bold=True, after=0)
        _para(doc, dates, italic=True, after=2)
        if company == "Zurich Insurance plc":
            _bullets(
                doc, ["Manage a caseload of 120 motor and property claims.", "Liaise with loss adjusters."]
            )
        elif company == "An Post":
            _bullets(doc, ["Handled parcel and financial services queries by phone and webchat."])
        else:
            _bullets(doc, ["Weekend and summer work on tills and the deli counter."])
    heading("EDUCATION")
    _para(doc, "Bachelor of Commerce (BComm), University College Cork, 2015 – 2018", bold=True, after=0)
    _para(doc, "Second Class Honours, Grade 1 (2.1)")
    _para(doc, "Leaving Cert, Presentation Secondary School Tralee, 2014", bold=True, after=0)
    _para(doc, "525 points")
    heading("CERTIFICATIONS")
    _bullets(
        doc,
        [
            "Certified Insurance Practitioner (CIP), Insurance Institute of Ireland, 2022",
            "QFA – Qualified Financial Adviser, 2023",
        ],
    )
    heading("SKILLS & INTERESTS")
    _para(doc, "Guidewire ClaimCenter (3 years), Excel, Irish (fluent). Gaelic football, sea swimming.")
    heading("REFERENCES")
    _para(doc, "Available on request.")
    return "Aoife Brennan - CV.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Aoife Brennan"])


# --------------------------------------------------------------------------------------------------
# 7. pdf, Hong Kong bank chief risk officer: multi-page executive CV, roles grouped by employer


def _jonathan_whitfield():
    careers = [
        (
            "Standard Chartered Bank",
            "Hong Kong",
            "2019 – Present",
            [
                (
                    "Chief Risk Officer, Greater China & North Asia",
                    "April 2019 – Present",
                    "2019-04",
                    [
                        "Accountable for credit, market and operational risk across a USD 90bn balance sheet.",
                        "Member of the Greater China Management Committee; chair of the Regional Credit Committee.",
                        "Led the bank's response to HKMA climate stress testing (2021, 2023).",
                        "Rebuilt the credit approval framework, cutting average approval time from 19 to 8 days.",
                        "Sponsor of the Greater China risk graduate programme (35 hires since 2020).",
                    ],
                ),
            ],
        ),
        (
            "HSBC",
            "Hong Kong & London",
            "2006 – 2019",
            [
                (
                    "Managing Director, Head of Wholesale Credit Risk, Asia-Pacific",
                    "September 2013 – March 2019",
                    "2013-09",
                    [
                        "Led 140 credit officers across 12 markets; approved limits up to USD 750m.",
                        "Designed the wholesale watch-list process adopted group-wide in 2016.",
                        "Managed the credit response to the 2015 commodity downturn; losses 40% below plan.",
                        "Represented the bank on the HKMA Credit Risk Working Group (2016 – 2019).",
                    ],
                ),
                (
                    "Director, Wholesale Credit",
                    "January 2006 – August 2013",
                    "2006-01",
                    [
                        "Senior credit approver for UK and European corporates; relocated to Hong Kong in 2010.",
                        "Led the restructuring of 30 stressed corporate exposures during the 2008 – 2009 financial crisis.",
                    ],
                ),
            ],
        ),
        (
            "Barclays Capital",
            "London",
            "2001 – 2005",
            [
                (
                    "Vice President, Credit Risk Management",
                    "May 2001 – December 2005",
                    "2001-05",
                    [
                        "Counterparty credit for hedge funds and financial institutions.",
                        "Introduced daily margin-call monitoring for prime brokerage clients.",
                    ],
                ),
            ],
        ),
        (
            "NatWest Markets",
            "London",
            "1996 – 2001",
            [
                (
                    "Credit Analyst",
                    "September 1996 – April 2001",
                    "1996-09",
                    [
                        "Joined on the graduate programme; corporate and leveraged finance credit analysis.",
                    ],
                ),
            ],
        ),
    ]
    jobs = [
        (company, title, dates, start)
        for company, _city, _span, roles in careers
        for title, dates, start, _items in roles
    ]
    degrees = [("London Business School", "master", 2004), ("University of Warwick", "bachelor", 1996)]
    s = _styles("Times-Roman", 10.5)
    head = ParagraphStyle("head", parent=s["h"], fontSize=12, spaceBefore=12, spaceAfter=2)
    rule = HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=6)
    width = A4[0] - 4 * cm
    story = [
        _P("JONATHAN WHITFIELD", ParagraphStyle("n", parent=s["name"], alignment=TA_CENTER)),
        _P("Mid-Levels, Hong Kong  |  +852 9123 4567  |  jwhitfield@netvigator.com", s["center"]),
        _P("Executive Summary", head),
        rule,
        _P(
            "Chief Risk Officer with 28 years in banking across Standard Chartered, HSBC, Barclays Capital and "
            "NatWest. Trusted by boards and regulators (HKMA, PRA) to build risk functions that support growth. "
            "Now seeking a group CRO or non-executive role with a mid-size financial services business.",
            s["body"],
        ),
        _P("Key Achievements", head),
        rule,
        *_bullet_list(
            [
                "Built and led risk teams of up to 300 people across 14 markets.",
                "Steered two banks through HKMA and PRA thematic reviews with no material findings.",
                "Delivered IFRS 9 expected credit loss models for Asia-Pacific ahead of the 2018 deadline.",
                "Chaired credit committees approving more than USD 40bn of limits a year.",
            ],
            s["bullet"],
        ),
        _P("Career History", head),
        rule,
    ]
    for company, city, span, roles in careers:
        story.append(_lr(f"{company}, {city}", span, width, s["bold"], s["right"]))
        for title, dates, _start, items in roles:
            story += [
                _lr(title, dates, width, s["italic"], s["right"], right_width=2.2 * inch),
                *_bullet_list(items, s["bullet"]),
                Spacer(1, 4),
            ]
        story.append(Spacer(1, 6))
    story += [
        _P("Board & Advisory Roles", head),
        rule,
        *_bullet_list(
            [
                "Non-Executive Director, Hong Kong Sports Institute, 2020 – present",
                "Member, Risk Committee, The Hong Kong Academy of Finance, 2021 – present",
                "Trustee, Teach For Hong Kong, 2018 – 2022",
            ],
            s["bullet"],
        ),
        _P("Education & Professional", head),
        rule,
        _P("MBA, London Business School, 2004", s["body"]),
        _P("BSc Economics, University of Warwick, 1996", s["body"]),
        _P("Fellow, Hong Kong Institute of Bankers (FHKIB), 2017", s["body"]),
        _P("Referees", head),
        rule,
        _P("Available on request.", s["body"]),
    ]

    def footer(canv, page, total):
        canv.setFont("Times-Roman", 9)
        canv.drawCentredString(
            A4[0] / 2, 1.2 * cm, f"Jonathan Whitfield – Curriculum Vitae – Page {page} of {total}"
        )

    pdf = _pdf(story, title="Jonathan Whitfield CV", canvasmaker=_numbered_canvas(footer))
    names = ["JONATHAN WHITFIELD", "Jonathan Whitfield"]
    return "JWhitfield_CV_2025.pdf", pdf, _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 8. txt, Canada teacher turned developer (career changer): ISO dates at the start of the line


def _danielle_tremblay():
    jobs = [
        ("Shopify Inc.", "Junior Software Developer", "2023-02 - present", "2023-02"),
        ("Lighthouse Labs", "Teaching Assistant", "2022-05 - 2022-12", "2022-05"),
        ("Ottawa-Carleton District School Board", "Mathematics Teacher", "2012-09 - 2022-04", "2012-09"),
    ]
    degrees = [
        ("Lighthouse Labs", None, 2022),
        ("University of Ottawa", "bachelor", 2012),
        ("McGill University", "bachelor", 2011),
    ]
    lines = [f"{dates:<22}{title}, {company}" for company, title, dates, _ in jobs]
    text = f"""DANIELLE TREMBLAY
Ottawa, ON  |  613-555-0148  |  danielle.tremblay@gmail.com  |  github.com/dtremblay

SUMMARY
Former high-school mathematics teacher (ten years with the Ottawa-Carleton District School Board)
who retrained as a web developer in 2022. Now shipping React and Ruby on Rails features at Shopify.

TECHNICAL SKILLS
JavaScript/TypeScript (3 yrs), React 18, Ruby on Rails 7, PostgreSQL 15, GraphQL, Git

EXPERIENCE
{lines[0]}
                      - Build merchant-facing admin features in React and GraphQL.
                      - Wrote the onboarding guide now used by new developers on the team.
{lines[1]}
                      - Mentored 40 bootcamp students through weekly code reviews.
{lines[2]}
                      - Taught Grades 9-12 mathematics and calculus; head of department 2018-2022.

PROJECTS
2024          budget-buddy: open-source household budgeting app (Rails, 300+ GitHub stars)
2022          Ottawa transit delay tracker (React, OC Transpo open data)

EDUCATION
2022          Diploma in Web Development, Lighthouse Labs
2012          B.Ed., University of Ottawa
2011          BSc Mathematics, McGill University

CERTIFICATIONS
Ontario College of Teachers (in good standing until 2024)
AWS Certified Cloud Practitioner, 2023

LANGUAGES
English, French (bilingual)
"""
    names = ["DANIELLE TREMBLAY", "Danielle Tremblay"]
    return "danielle_tremblay_resume.txt", _txt(text), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 9. docx, Netherlands brand manager, FMCG, returner: company <tab> title <tab> dates, career break


def _sanne_de_vries():
    jobs = [
        ("Heineken Nederland B.V.", "Brand Manager", "Mar 2021 – present", "2021-03"),
        ("FrieslandCampina", "Assistant Brand Manager", "Sep 2015 – Dec 2018", "2015-09"),
        ("Jumbo Supermarkten", "Category Management Trainee", "Feb 2014 – Aug 2015", "2014-02"),
    ]
    degrees = [("Erasmus University Rotterdam", "master", 2014), ("Maastricht University", "bachelor", 2012)]
    doc = _new_docx(font="Calibri", size=10.5, title="CV Sanne de Vries")
    stops = ((Inches(2.3), WD_TAB_ALIGNMENT.LEFT), (Inches(6.0), WD_TAB_ALIGNMENT.RIGHT))
    _para(doc, "Sanne de Vries", bold=True, size=20, after=0)
    _para(doc, "Utrecht, the Netherlands | +31 6 1234 5678 | sanne.devries@ziggo.nl", after=8)
    _para(doc, "PROFILE", bold=True, size=12, after=2)
    _para(
        doc,
        "Brand builder with eight years in FMCG at FrieslandCampina and Heineken. Returned to work in 2021 "
        "after a career break to care for two young children; now looking for a senior brand role.",
    )
    _para(doc, "WORK EXPERIENCE", bold=True, size=12, after=2)
    for company, title, dates, _ in jobs[:1]:
        _runs(
            _tab_stops(doc.add_paragraph(), *stops),
            (company, True, False),
            (f"\t{title}\t{dates}", False, False),
        )
        _bullets(doc, ["Brand lead for Heineken 0.0 in the Netherlands; grew share from 31% to 38%."])
    p = _tab_stops(doc.add_paragraph(), *stops)
    _runs(
        p,
        ("Career break (2019–2020)", True, False),
        ("\tFull-time parent; Google Digital Marketing certificate", False, True),
    )
    for company, title, dates, _ in jobs[1:]:
        _runs(
            _tab_stops(doc.add_paragraph(), *stops),
            (company, True, False),
            (f"\t{title}\t{dates}", False, False),
        )
        _bullets(
            doc,
            ["Launched Campina Vla Pudding range extension (2017)."]
            if company == "FrieslandCampina"
            else ["Weekly category reviews for dairy and desserts across 650 stores."],
        )
    _para(doc, "EDUCATION", bold=True, size=12, after=2, before=6)
    for line in (
        "Erasmus University Rotterdam\tMSc Marketing Management\t2013 – 2014",
        "Maastricht University\tBSc International Business\t2009 – 2012",
    ):
        _tab_stops(doc.add_paragraph(line), *stops).paragraph_format.space_after = Pt(0)
    _para(doc, "SKILLS", bold=True, size=12, after=2, before=8)
    _para(
        doc,
        "Nielsen & GfK data (6 years), SAP, PowerPoint storytelling, Dutch (native), English (C2), German (B1)",
    )
    return "CV_Sanne_de_Vries_2025.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Sanne de Vries"])


# --------------------------------------------------------------------------------------------------
# 10. pdf, Singapore logistics manager: title then company on two lines, dates right-aligned


def _tan_wei_ling():
    jobs = [
        ("DHL Supply Chain Singapore Pte Ltd", "Regional Logistics Manager", "Jun 2020 – Present", "2020-06"),
        ("Kuehne + Nagel Pte Ltd", "Supply Chain Analyst", "Jan 2016 – May 2020", "2016-01"),
        ("PSA International", "Management Associate", "Jul 2014 – Dec 2015", "2014-07"),
    ]
    degrees = [
        ("National University of Singapore", "bachelor", 2014),
        ("Raffles Junior College", "secondary", 2010),
    ]
    s = _styles("Helvetica", 10)
    head = ParagraphStyle(
        "head", parent=s["h"], textColor=colors.HexColor("#C00000"), spaceBefore=10, spaceAfter=4
    )
    width = A4[0] - 4 * cm
    story = [
        _P("Tan Wei Ling", s["name"]),
        _P(
            "Tampines, Singapore  ·  +65 9123 4567  ·  weiling.tan@gmail.com  ·  Singapore Citizen", s["body"]
        ),
        _P("PROFESSIONAL EXPERIENCE", head),
    ]
    duties = [
        [
            "Run warehousing and distribution for 4 healthcare clients across ASEAN (S$38m revenue).",
            "Cut order-to-delivery time by 22% through WMS re-slotting (2023).",
        ],
        ["Freight procurement analytics and carrier scorecards for sea and air freight."],
        ["Rotations in port operations, finance and commercial."],
    ]
    for (company, title, dates, _), items in zip(jobs, duties, strict=True):
        story += [
            _lr(title, dates, width, s["bold"], s["right"]),
            _P(company, s["italic"]),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 6),
        ]
    story += [
        _P("EDUCATION", head),
        _lr("National University of Singapore", "2010 – 2014", width, s["bold"], s["right"]),
        _P("Bachelor of Engineering (Industrial & Systems Engineering), Second Upper Honours", s["body"]),
        Spacer(1, 4),
        _lr("Raffles Junior College", "2009 – 2010", width, s["bold"], s["right"]),
        _P("GCE 'A' Level", s["body"]),
        _P("CERTIFICATIONS", head),
        _P("Certified Supply Chain Professional (CSCP), APICS, 2019", s["body"]),
        _P("SKILLS", head),
        _P("SAP EWM (5 years), Manhattan WMS, Power BI, SQL, Lean Six Sigma Green Belt", s["body"]),
        _P("LANGUAGES", head),
        _P("English, Mandarin (native), Malay (conversational)", s["body"]),
    ]
    pdf = _pdf(story, title="Resume - Tan Wei Ling")
    return "TanWeiLing_Resume.pdf", pdf, _truth(jobs, degrees, ["Tan Wei Ling", "Wei Ling Tan"])


# --------------------------------------------------------------------------------------------------
# 11. docx, US federal program analyst, public sector: federal-style resume, MM/YYYY, page footer


def _angela_brooks():
    jobs = [
        ("U.S. Department of Transportation", "Program Analyst", "05/2017 – Present", "2017-05"),
        ("Fairfax County Government", "Budget Analyst", "08/2012 – 04/2017", "2012-08"),
        ("City of Alexandria", "Management Fellow", "06/2010 – 07/2012", "2010-06"),
    ]
    details = [
        (
            "Washington, DC",
            "Series/Grade: GS-0343-13 | Hours per week: 40 | Supervisor: Mark Ellison, may contact",
            [
                "Analyze performance of $4.2B in discretionary grant programs; brief senior leadership quarterly.",
                "Led the 2021 data call for the Infrastructure Investment and Jobs Act implementation plan.",
            ],
        ),
        (
            "Fairfax, VA",
            "Hours per week: 40",
            ["Prepared the $1.1B public safety budget and five-year capital forecasts."],
        ),
        (
            "Alexandria, VA",
            "Hours per week: 40",
            ["Rotations in the City Manager's office, finance and transportation."],
        ),
    ]
    degrees = [("George Mason University", "master", 2012), ("University of Virginia", "bachelor", 2009)]
    doc = _new_docx(font="Times New Roman", size=11, title="Resume")
    _para(doc, "ANGELA M. BROOKS", bold=True, size=16, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        "Arlington, VA 22204 | (703) 555-0192 | angela.brooks@verizon.net | U.S. Citizen | Public Trust clearance",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=10,
    )
    _para(doc, "SUMMARY", bold=True, after=2)
    _para(doc, "Program and budget analyst with 14 years in federal, county and city government.")
    _para(doc, "PROFESSIONAL EXPERIENCE", bold=True, after=2)
    for (company, title, dates, _), (place, grade, items) in zip(jobs, details, strict=True):
        _para(doc, company, bold=True, after=0)
        _para(doc, place, after=0)
        _right_tab_line(doc, title, dates, bold=True)
        _para(doc, grade, italic=True, after=2)
        _bullets(doc, items)
    _para(doc, "EDUCATION", bold=True, after=2, before=6)
    _para(
        doc, "Master of Public Administration (MPA), George Mason University, Fairfax, VA – 05/2012", after=0
    )
    _para(doc, "BA Political Science, University of Virginia, Charlottesville, VA – 05/2009")
    _para(doc, "CERTIFICATIONS & TRAINING", bold=True, after=2)
    _bullets(
        doc,
        [
            "Certified Government Financial Manager (CGFM), 2016",
            "Federal Acquisition Certification – Contracting Officer's Representative (FAC-COR), 08/2019",
        ],
    )
    _para(doc, "SKILLS", bold=True, after=2)
    _para(doc, "Oracle Hyperion (6 years), Tableau, Excel VBA, SAS 9.4, grant management (GrantSolutions)")
    _page_field_footer(doc.sections[0], before="Angela M. Brooks – Page ", with_total=False)
    names = ["ANGELA M. BROOKS", "Angela M. Brooks"]
    return "Angela_Brooks_Federal_Resume.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 12. pdf, Pakistan RF engineer, telecoms: personal-details block with father's name, "to date"


def _usman_tariq():
    jobs = [
        (
            "Telenor Pakistan (Pvt.) Ltd.",
            "Senior RF Optimization Engineer",
            "March 2018 – to date",
            "2018-03",
        ),
        ("Huawei Technologies Pakistan (Pvt.) Ltd.", "RF Engineer", "July 2014 – February 2018", "2014-07"),
        ("Pakistan Telecommunication Company Limited", "Internee", "June 2013 – August 2013", "2013-06"),
    ]
    degrees = [
        ("University of Engineering and Technology Lahore", "bachelor", 2014),
        ("Government College Lahore", "secondary", 2010),
        ("Crescent Model School", "secondary", 2008),
    ]
    s = _styles("Times-Roman", 11)
    head = ParagraphStyle(
        "head", parent=s["h"], fontSize=12, spaceBefore=10, spaceAfter=4, backColor=colors.HexColor("#DDDDDD")
    )
    story = [
        _P("CURRICULUM VITAE", ParagraphStyle("cv", parent=s["h"], alignment=TA_CENTER, fontSize=14)),
        Spacer(1, 6),
        _P("Muhammad Usman Tariq", s["name"]),
        _P("House 21, Street 4, F-10/2, Islamabad | +92 300 5551234 | usman.tariq@hotmail.com", s["body"]),
        _P("CAREER OBJECTIVE", head),
        _P(
            "To work in a challenging environment where my RF planning and optimization skills add value.",
            s["body"],
        ),
        _P("PROFESSIONAL EXPERIENCE", head),
    ]
    duties = [
        [
            "Cluster optimization of 2G/3G/4G networks in the North region (1,900 sites).",
            "VoLTE launch KPI acceptance, 2021.",
        ],
        ["Drive test analysis and parameter tuning for Telenor and Zong swap projects."],
        ["Trained in transmission and exchange operations, PTCL Rawalpindi."],
    ]
    for (company, title, dates, _), items in zip(jobs, duties, strict=True):
        story += [
            _P(f"{company} — {title}", s["bold"]),
            _P(f"({dates})", s["italic"]),
            *_bullet_list(items, s["bullet"]),
        ]
    rows = [
        ["Degree", "Institute", "Year", "Marks"],
        [
            "B.Sc. Electrical Engineering (Telecom)",
            "University of Engineering and Technology Lahore",
            "2014",
            "3.41/4.00",
        ],
        ["F.Sc. (Pre-Engineering)", "Government College Lahore", "2010", "921/1100"],
        ["Matriculation (Science)", "Crescent Model School", "2008", "801/850"],
    ]
    table = Table(
        [[_P(cell, s["small"]) for cell in row] for row in rows],
        colWidths=[5 * cm, 6.5 * cm, 1.6 * cm, 2.3 * cm],
    )
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story += [
        _P("ACADEMIC QUALIFICATION", head),
        table,
        _P("TECHNICAL SKILLS", head),
        _P(
            "Atoll 3.4, TEMS Investigation 23.1 (5 yrs), MapInfo 16, Actix, Python for KPI automation",
            s["body"],
        ),
        _P("PERSONAL INFORMATION", head),
        _P("Father's Name: Tariq Mahmood", s["body"]),
        _P("Date of Birth: 14-02-1992", s["body"]),
        _P("CNIC: 35202-1234567-1", s["body"]),
        _P("Domicile: Lahore (Punjab)", s["body"]),
        _P("REFERENCES", head),
        _P("Will be furnished on demand.", s["body"]),
    ]
    pdf = _pdf(story, title="CV Usman", margin=2.2 * cm)
    return "CV_Usman_Tariq_RF.pdf", pdf, _truth(jobs, degrees, ["Muhammad Usman Tariq"])


# --------------------------------------------------------------------------------------------------
# 13. txt, Kenya programme officer, NGO: title | employer | dates with pipes, volunteering, referees


def _wanjiru_kamau():
    jobs = [
        ("Save the Children Kenya", "Programme Officer", "January 2019 - Present", "2019-01"),
        ("Kenya Red Cross Society", "Field Coordinator", "June 2015 - December 2018", "2015-06"),
        ("Mercy Corps", "Monitoring & Evaluation Intern", "February 2015 - May 2015", "2015-02"),
    ]
    towns = ["Nairobi", "Kisumu", "Nairobi"]
    degrees = [
        ("University of Nairobi", "master", 2018),
        ("Kenyatta University", "bachelor", 2014),
        ("Alliance Girls High School", "secondary", 2009),
    ]
    lines = [
        f"{title} | {company}, {town} | {dates}"
        for (company, title, dates, _), town in zip(jobs, towns, strict=True)
    ]
    text = f"""WANJIRU KAMAU
P.O. Box 10432-00100, Nairobi, Kenya
Tel: +254 722 555 018   Email: wanjiru.kamau@yahoo.com

PROFESSIONAL PROFILE
Development practitioner with ten years of experience in child protection, cash transfer and
emergency response programmes with Save the Children and the Kenya Red Cross Society.

WORK EXPERIENCE
{lines[0]}
  * Manage a USD 2.4m ECHO-funded child protection programme in Turkana and Garissa.
  * Supervise 9 field staff and coordinate with county governments.

{lines[1]}
  * Coordinated drought response cash transfers to 12,000 households (2017).

{lines[2]}
  * Data collection and KoboToolbox survey design for the baseline of a youth employment project.

VOLUNTEER EXPERIENCE
Volunteer Tutor | Mathare Youth Sports Association | 2012 - 2014

EDUCATION
MA Development Studies, University of Nairobi, 2016 - 2018
BA Sociology, Kenyatta University, 2010 - 2014
Kenya Certificate of Secondary Education (KCSE), Alliance Girls High School, 2009

TRAINING
Project Management for Development Professionals (PMD Pro), APMG, 2020
Safeguarding and PSEA, Save the Children International, 2019

SKILLS
KoboToolbox (6 years), SPSS 26, Power BI, MS Office; English, Kiswahili, Kikuyu

REFEREES
Dr. Jane Otieno, Country Director, Kenya Red Cross Society, +254 733 555 200
Mr. Peter Mwangi, Head of Programmes, Save the Children Kenya, +254 711 555 410
"""
    return "Wanjiru Kamau CV.txt", _txt(text), _truth(jobs, degrees, ["WANJIRU KAMAU", "Wanjiru Kamau"])


# --------------------------------------------------------------------------------------------------
# 14. docx, Egypt production technologist, energy: roles grouped under employer, dates right


def _ahmed_el_sayed():
    employers = [
        (
            "Shell Egypt",
            "Cairo, Egypt",
            "Jul 2019 – Present",
            [
                (
                    "Production Technologist",
                    "Jul 2019 – Present",
                    "2019-07",
                    [
                        "Well performance and artificial lift optimization for 60 gas wells in the Western Desert."
                    ],
                ),
            ],
        ),
        (
            "Schlumberger",
            "Cairo & Abu Dhabi",
            "Oct 2012 – Jun 2019",
            [
                (
                    "Senior Field Engineer",
                    "Jan 2016 – Jun 2019",
                    "2016-01",
                    ["Led well testing crews of 8 on onshore and offshore jobs in Egypt and the UAE."],
                ),
                (
                    "Field Engineer",
                    "Oct 2012 – Dec 2015",
                    "2012-10",
                    ["Completed the Schlumberger field engineer training programme in 2013."],
                ),
            ],
        ),
    ]
    jobs = [
        (company, title, dates, start)
        for company, _place, _span, roles in employers
        for title, dates, start, _items in roles
    ]
    degrees = [("Cairo University", "bachelor", 2012), ("El Nasr Boys' School", "secondary", 2007)]
    doc = _new_docx(font="Cambria", size=11, title="CV")
    _para(doc, "Ahmed Samir El-Sayed", bold=True, size=20, after=0)
    _para(doc, "Production Technologist", italic=True, size=12, after=0)
    _para(doc, "New Cairo, Egypt | +20 100 555 3421 | ahmed.elsayed.pe@gmail.com", after=10)
    _para(doc, "Professional Experience", bold=True, size=13, after=4).runs[0].font.color.rgb = RGBColor(
        0x1F, 0x4E, 0x79
    )
    for company, place, span, roles in employers:
        _right_tab_line(doc, f"{company} – {place}", span, bold=True)
        for title, dates, _start, items in roles:
            _right_tab_line(doc, title, dates, italic=True)
            _bullets(doc, items)
    _para(doc, "Education", bold=True, size=13, after=4, before=8).runs[0].font.color.rgb = RGBColor(
        0x1F, 0x4E, 0x79
    )
    _right_tab_line(doc, "BSc Petroleum Engineering, Cairo University", "2007 – 2012", bold=True)
    _para(doc, "Grade: Very Good with Honours")
    _right_tab_line(
        doc, "Thanaweya Amma (General Secondary Certificate), El Nasr Boys' School, Alexandria", "2007"
    )
    _para(doc, "Training & Certificates", bold=True, size=13, after=4, before=8).runs[
        0
    ].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    _bullets(
        doc, ["IWCF Level 4 Well Control – Sept 2017", "PROSPER & GAP (Petex) – 2020", "NEBOSH IGC – 2018"]
    )
    _para(doc, "Other", bold=True, size=13, after=4).runs[0].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    _para(doc, "Military service: completed (2012). Languages: Arabic (native), English (fluent).")
    return "Ahmed_ElSayed_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Ahmed Samir El-Sayed"])


# --------------------------------------------------------------------------------------------------
# 15. pdf, Spain front office manager, hospitality: Europass layout (labels left, content right)


def _lucia_fernandez():
    jobs = [
        ("Meliá Hotels International", "Front Office Manager", "04/2019 – Present", "2019-04"),
        ("NH Hotel Group", "Guest Relations Supervisor", "05/2015 – 03/2019", "2015-05"),
        ("Hostal La Perla", "Receptionist", "06/2013 – 09/2013", "2013-06"),
    ]
    places = ["Palma de Mallorca (Spain)", "Madrid (Spain)", "Nerja (Spain)"]
    degrees = [("Les Roches Marbella", "master", 2015), ("Universidad de Málaga", "bachelor", 2013)]
    s = _styles("Helvetica", 9.5)
    blue = colors.HexColor("#0E4194")
    label = ParagraphStyle("label", parent=s["right"], textColor=blue, fontSize=9)
    section = ParagraphStyle("section", parent=s["bold"], textColor=blue, fontSize=10.5)
    title_style = ParagraphStyle("title", parent=s["body"], textColor=blue, fontSize=11, leading=14)
    left_w, right_w = 4.6 * cm, 12.4 * cm
    rows = []

    def row(left, right_flowables, left_style=label):
        rows.append([_P(left, left_style), right_flowables])

    def gap():
        rows.append([Spacer(1, 6), Spacer(1, 6)])

    row("PERSONAL INFORMATION", [_P("Lucía Fernández García", title_style)], section)
    row(
        "",
        [
            _P("Calle de Sant Miquel 12, 07002 Palma (Spain)", s["body"]),
            _P("+34 612 555 901", s["body"]),
            _P("lucia.fernandez.g@gmail.com", s["body"]),
            _P("Nationality Spanish", s["body"]),
        ],
    )
    gap()
    row("WORK EXPERIENCE", [Spacer(1, 1)], section)
    duties = [
        "Lead a front office team of 22 in a 480-room resort; Opera PMS and upselling programme.",
        "VIP and loyalty guest programme; complaint resolution; trained new receptionists.",
        "Seasonal check-in / check-out, reservations and tourist information.",
    ]
    for (company, title, dates, _), place, duty in zip(jobs, places, duties, strict=True):
        row(dates, [_P(title, title_style), _P(f"{company}, {place}", s["body"]), _P(duty, s["body"])])
        gap()
    row("EDUCATION AND TRAINING", [Spacer(1, 1)], section)
    row(
        "10/2014 – 07/2015",
        [
            _P("Master in Hotel Management", title_style),
            _P("Les Roches Marbella, Marbella (Spain)", s["body"]),
        ],
    )
    gap()
    row(
        "09/2009 – 06/2013",
        [
            _P("Bachelor's Degree in Tourism (Grado en Turismo)", title_style),
            _P("Universidad de Málaga, Málaga (Spain)", s["body"]),
        ],
    )
    gap()
    row("PERSONAL SKILLS", [Spacer(1, 1)], section)
    row("Mother tongue(s)", [_P("Spanish", s["body"])])
    row(
        "Other language(s)",
        [_P("English C1, German B2, French A2 (Common European Framework of Reference)", s["body"])],
    )
    row("Digital skills", [_P("Opera PMS 5.6 (8 years), Micros, Excel, Revinate", s["body"])])
    row("Driving licence", [_P("B", s["body"])])
    table = Table(rows, colWidths=[left_w, right_w])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )

    def header(canv, _doc):
        canv.saveState()
        canv.setFont("Helvetica-Bold", 10)
        canv.setFillColor(blue)
        canv.drawString(2 * cm, A4[1] - 1.3 * cm, "europass")
        canv.setFont("Helvetica", 8)
        canv.drawRightString(A4[0] - 2 * cm, A4[1] - 1.3 * cm, "Curriculum Vitae")
        canv.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {canv.getPageNumber()}")
        canv.restoreState()

    pdf = _pdf([table], title="Europass CV", on_page=header)
    names = ["Lucía Fernández García", "Lucia Fernandez Garcia"]
    return "CV-Europass-20250308-FernandezGarcia-EN.pdf", pdf, _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 16. docx, Brazil video editor, media: title line with right-aligned dates, company below


def _rafael_santos():
    jobs = [
        ("Globo", "Senior Video Editor", "Mar 2018 – Present", "2018-03"),
        ("Grupo Bandeirantes de Comunicação", "Video Editor", "Feb 2014 – Feb 2018", "2014-02"),
        ("O2 Filmes", "Production Assistant", "Jan 2012 – Jan 2014", "2012-01"),
    ]
    degrees = [("Pontifícia Universidade Católica de São Paulo", "bachelor", 2013)]
    doc = _new_docx(font="Calibri Light", size=11, title="Rafael Oliveira Santos")
    _para(doc, "RAFAEL OLIVEIRA SANTOS", bold=True, size=20, after=0)
    _para(
        doc,
        "Senior Video Editor  |  São Paulo, Brazil  |  +55 11 95555-1234  |  vimeo.com/rafaelos",
        after=10,
    )
    _para(doc, "ABOUT ME", bold=True, after=2)
    _para(doc, "Editor of news, documentary and entertainment content for Brazil's largest broadcasters.")
    _para(doc, "EXPERIENCE", bold=True, after=2)
    duties = [
        [
            "Lead editor for Globo Repórter specials and Globoplay documentaries.",
            "Finishing and color for 4K HDR deliveries.",
        ],
        ["Daily news packages and sports highlights for Band and BandNews TV."],
        ["Set logistics and dailies management for commercials and feature films."],
    ]
    for (company, title, dates, _), items in zip(jobs, duties, strict=True):
        _right_tab_line(doc, title, dates, bold=True)
        _para(doc, company, italic=True, after=2)
        _bullets(doc, items)
    _para(doc, "EDUCATION", bold=True, after=2, before=6)
    _right_tab_line(
        doc, "Bachelor of Social Communication – Radio, TV and Internet", "2010 – 2013", bold=True
    )
    _para(doc, "Pontifícia Universidade Católica de São Paulo", italic=True)
    _para(doc, "SKILLS", bold=True, after=2)
    _bullets(
        doc,
        [
            "Adobe Premiere Pro CC 2024 – 10 years",
            "DaVinci Resolve 18.6 (color), Avid Media Composer 2023",
            "After Effects, Audition; Portuguese (native), English (advanced), Spanish (intermediate)",
        ],
    )
    _para(doc, "AWARDS", bold=True, after=2)
    _para(doc, "Prêmio Vladimir Herzog, documentary category finalist, 2019")
    names = ["RAFAEL OLIVEIRA SANTOS", "Rafael Oliveira Santos"]
    return "Rafael Oliveira Santos - Resume (EN).docx", _docx_bytes(doc), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 17. pdf, Australia senior associate, legal: firm in bold, title and dates on the next line


def _olivia_chen():
    jobs = [
        ("Allens", "Senior Associate", "February 2020 – current", "2020-02"),
        ("Herbert Smith Freehills", "Associate", "March 2016 – January 2020", "2016-03"),
        ("King & Wood Mallesons", "Graduate Lawyer", "February 2014 – February 2016", "2014-02"),
        ("Gilbert + Tobin", "Seasonal Clerk", "December 2012 – February 2013", "2012-12"),
    ]
    degrees = [("University of Melbourne", "master", 2019), ("University of Sydney", "bachelor", 2013)]
    s = _styles("Times-Roman", 11)
    head = ParagraphStyle("head", parent=s["h"], fontSize=11.5, spaceBefore=10, spaceAfter=2)
    rule = HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#444444"), spaceAfter=5)
    width = A4[0] - 2 * 2.2 * cm
    story = [
        _P("Olivia Chen", ParagraphStyle("n", parent=s["name"], alignment=TA_CENTER)),
        _P(
            "Sydney NSW  ·  0412 555 678  ·  olivia.chen@outlook.com.au  ·  linkedin.com/in/oliviachenlaw",
            s["center"],
        ),
        _P("PROFESSIONAL EXPERIENCE", head),
        rule,
    ]
    work = [
        [
            "Banking & finance: acquisition and project financings for lenders and sponsors up to A$2bn.",
            "Supervise two junior lawyers and run the team's graduate training sessions.",
        ],
        ["Debt capital markets and syndicated lending; six-month secondment to Westpac (2018)."],
        ["Rotations in corporate, banking & finance and dispute resolution."],
        ["Summer clerkship in the banking group."],
    ]
    for (company, title, dates, _), items in zip(jobs, work, strict=True):
        story += [
            _P(company, s["bold"]),
            _lr(title, dates, width, s["italic"], s["right"], right_width=2.6 * inch),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 5),
        ]
    story += [
        _P("EDUCATION", head),
        rule,
        _lr("LLM, University of Melbourne", "2019", width, s["body"], s["right"]),
        _lr("LLB (Hons), University of Sydney", "2013", width, s["body"], s["right"]),
        _P("ADMISSION", head),
        rule,
        _P("Admitted as a Solicitor of the Supreme Court of New South Wales, 2014", s["body"]),
        _P("SKILLS", head),
        rule,
        _P("iManage Work 10, Kira (4 years), Mandarin (professional working proficiency)", s["body"]),
        _P("REFEREES", head),
        rule,
        _P("Andrew Clarke, Partner, Allens – +61 2 5555 1200", s["body"]),
        _P("Rebecca Sutherland, Partner, Herbert Smith Freehills – +61 2 5555 4400", s["body"]),
    ]
    pdf = _pdf(story, title="Olivia Chen - CV", margin=2.2 * cm)
    return "Olivia Chen CV.pdf", pdf, _truth(jobs, degrees, ["Olivia Chen"])


# --------------------------------------------------------------------------------------------------
# 18. txt, UK finance manager, accounting: Word "Save as Plain Text" (BOM, CRLF), dates first with colon


def _imran_hussain():
    jobs = [
        ("Midland Heart", "Finance Manager", "Jan 2020 - Present", "2020-01"),
        ("Grant Thornton UK LLP", "Audit Senior", "Aug 2016 - Dec 2019", "2016-08"),
        ("Grant Thornton UK LLP", "Audit Associate", "Sep 2014 - Jul 2016", "2014-09"),
    ]
    degrees = [("Aston University", "bachelor", 2014), ("Small Heath School", "secondary", 2011)]
    lines = [f"{dates}: {title}, {company}, Birmingham" for company, title, dates, _ in jobs]
    text = f"""Imran Hussain ACCA
Birmingham B10 | 07723 555019 | imran.hussain@btinternet.com

PROFILE
ACCA-qualified finance manager (Grant Thornton trained) with five years in housing association
finance. Looking for a Financial Controller role.

EMPLOYMENT HISTORY
{lines[0]}
- Month-end close and management accounts for a £250m turnover housing association.
- Led the move from Sage 200 to Microsoft Dynamics 365 (2022).

{lines[1]}
- Ran audits of charities, housing associations and owner-managed businesses.

{lines[2]}
- Audit fieldwork; completed ACCA exams on the firm's training contract.

PROFESSIONAL QUALIFICATIONS
ACCA (Association of Chartered Certified Accountants) - Member since 2018, Fellow (FCCA) 2023

EDUCATION
BSc (Hons) Accounting and Finance, Aston University, 2011 - 2014 (First Class)
A-Levels: Mathematics (A), Economics (B), Business (B) - Small Heath School, 2011

KEY SKILLS
Sage 200 (5 years), Microsoft Dynamics 365 Finance, Excel (advanced), Power BI, CaseWare

REFERENCES
Karen Doyle, Director of Finance, Midland Heart
Simon Price, Audit Partner, Grant Thornton UK LLP
"""
    names = ["Imran Hussain"]
    return "Imran Hussain CV.txt", _txt(text, crlf=True, bom=True), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 19. docx, India area sales manager, FMCG: company, title, dates on one line with commas


def _sneha_kulkarni():
    jobs = [
        ("Hindustan Unilever Limited", "Area Sales Manager", "June 2019 – Present", "2019-06"),
        ("ITC Limited", "Sales Officer", "July 2016 – May 2019", "2016-07"),
        ("Marico Limited", "Summer Intern", "April 2015 – June 2015", "2015-04"),
    ]
    degrees = [
        ("Symbiosis Institute of Business Management", "master", 2016),
        ("Fergusson College", "bachelor", 2014),
        ("Abasaheb Garware College", "secondary", 2011),
    ]
    doc = _new_docx(font="Calibri", size=11, title="Resume")
    _para(doc, "RESUME", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Sneha Kulkarni", bold=True, size=16, after=0)
    _para(doc, "Mobile: +91 98220 55512 | Email: sneha.kulkarni93@gmail.com | Pune, Maharashtra", after=8)
    _para(doc, "Career Objective:", bold=True, after=2)
    _para(doc, "To lead a high-performing sales team in a growth-oriented FMCG organisation.")
    _para(doc, "Professional Experience:", bold=True, after=2)
    duties = [
        [
            "Managing 14 distributors and 2 sales officers across Pune rural; annual turnover Rs. 85 crore.",
            "Best ASM – West Zone, 2022.",
        ],
        ["Handled Aashirvaad and Sunfeast portfolio for 3,200 outlets in Nashik."],
        ["Project on rural distribution reach of Parachute coconut oil in Satara district."],
    ]
    for (company, title, dates, _), items in zip(jobs, duties, strict=True):
        _para(doc, f"{company}, {title}, {dates}", bold=True, after=0)
        _bullets(doc, items)
    _para(doc, "Educational Qualifications:", bold=True, after=2, before=6)
    table = doc.add_table(rows=1, cols=4, style="Table Grid")
    for cell, text in zip(
        table.rows[0].cells, ["Qualification", "Institute", "Year", "Percentage / CGPA"], strict=True
    ):
        _cell_lines(cell, [text], bold_first=True)
    for row in (
        ["MBA (Marketing)", "Symbiosis Institute of Business Management", "2016", "7.8 CGPA"],
        ["B.Com", "Fergusson College", "2014", "78%"],
        ["HSC (Class XII)", "Abasaheb Garware College", "2011", "84%"],
    ):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _cell_lines(cell, [text])
    _para(doc, "Key Skills:", bold=True, after=2, before=6)
    _para(
        doc,
        "Distributor management, trade marketing, SAP SD (4 years), Excel, Salesforce Consumer Goods Cloud",
    )
    _para(doc, "Personal Details:", bold=True, after=2)
    for line in (
        "Father's Name: Vinayak Kulkarni",
        "Date of Birth: 03/05/1993",
        "Languages Known: English, Hindi, Marathi",
        "Marital Status: Married",
    ):
        _para(doc, line, after=0)
    _para(doc, "Declaration:", bold=True, after=2, before=8)
    _para(doc, "I hereby declare that the above information is true to the best of my knowledge.")
    _para(doc, "Place: Pune\t\t\t\t\t\t(Sneha Kulkarni)")
    return "Sneha Kulkarni Resume.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Sneha Kulkarni"])


# --------------------------------------------------------------------------------------------------
# 20. pdf, Hong Kong actuary, insurance: shaded section bars, "dates | company | title" rows


def _kelvin_wong():
    jobs = [
        ("AIA Group Limited", "Associate Director, Group Actuarial", "Jul 2018 – Present", "2018-07"),
        ("Prudential Hong Kong Limited", "Senior Actuarial Analyst", "Sep 2013 – Jun 2018", "2013-09"),
        ("Prudential Hong Kong Limited", "Actuarial Analyst", "Aug 2010 – Aug 2013", "2010-08"),
    ]
    degrees = [("The University of Hong Kong", "bachelor", 2010), ("St. Paul's College", "secondary", 2007)]
    s = _styles("Helvetica", 9.5)
    width = A4[0] - 3.6 * cm

    def bar(text):
        table = Table(
            [[_P(text, ParagraphStyle("bar", parent=s["bold"], textColor=colors.white))]], colWidths=[width]
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#7F7F7F")),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [Spacer(1, 8), table, Spacer(1, 4)]

    story = [
        _P("WONG Ka Ho Kelvin", s["name"]),
        _P("Tseung Kwan O, Hong Kong  |  +852 6123 4567  |  kelvin.wong.fsa@gmail.com", s["body"]),
        *bar("CAREER SUMMARY"),
        _P(
            "Fellow of the Society of Actuaries with 14 years in life insurance pricing, IFRS 17 and HKRBC.",
            s["body"],
        ),
        *bar("WORK EXPERIENCE"),
    ]
    work = [
        ["Lead IFRS 17 CSM analysis for 9 business units; reporting to the Group Appointed Actuary."],
        ["Pricing of participating and unit-linked products; embedded value reporting."],
        ["Valuation and experience studies; passed 7 SOA exams while working."],
    ]
    for (company, title, dates, _), items in zip(jobs, work, strict=True):
        story += [
            _P(f"{dates} | {company} | {title}", s["bold"]),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 4),
        ]
    story += [
        *bar("EDUCATION"),
        _P("2007 – 2010   BSc Actuarial Science, The University of Hong Kong", s["body"]),
        _P("2005 – 2007   Hong Kong Advanced Level Examination (HKALE), St. Paul's College", s["body"]),
        *bar("PROFESSIONAL QUALIFICATIONS"),
        _P("FSA – Fellow of the Society of Actuaries (2016)", s["body"]),
        _P("CERA – Chartered Enterprise Risk Analyst (2019)", s["body"]),
        *bar("SKILLS"),
        _P("Prophet (10 years), AXIS, R 4.3, Python 3.11, SQL, VBA; Cantonese, English, Mandarin", s["body"]),
        *bar("OTHERS"),
        _P("Expected salary: negotiable. Availability: one month's notice.", s["body"]),
    ]
    pdf = _pdf(story, title="Resume", margin=1.8 * cm)
    return "Resume_KelvinWong.pdf", pdf, _truth(jobs, degrees, ["WONG Ka Ho Kelvin", "Kelvin Wong"])


# --------------------------------------------------------------------------------------------------
# 21. docx, UK/Germany automotive executive: long career, grouped roles, board section, page X of Y


def _stefan_brueckner():
    employers = [
        (
            "Jaguar Land Rover",
            "Coventry, UK",
            [
                (
                    "Chief Commercial Officer",
                    "April 2021 – Present",
                    "2021-04",
                    [
                        "Global sales, marketing and customer experience; revenue £29bn; 2,300 staff.",
                        "Member of the Executive Committee reporting to the CEO.",
                    ],
                ),
            ],
        ),
        (
            "BMW Group",
            "Munich, Germany & Farnborough, UK",
            [
                (
                    "Senior Vice President, Sales Region Europe",
                    "January 2017 – March 2021",
                    "2017-01",
                    ["P&L for 23 European markets; delivered record sales in 2018 and 2019."],
                ),
                (
                    "Director Aftersales UK & Ireland",
                    "September 2012 – December 2016",
                    "2012-09",
                    ["Grew aftersales gross profit by 34% across 150 retailers."],
                ),
            ],
        ),
        (
            "Volkswagen AG",
            "Wolfsburg, Germany",
            [
                (
                    "Head of Dealer Network Development",
                    "October 2006 – August 2012",
                    "2006-10",
                    ["Network strategy for Western Europe; introduced the standard retail format."],
                ),
            ],
        ),
        (
            "Daimler AG",
            "Stuttgart, Germany",
            [
                (
                    "Regional Sales Manager",
                    "October 1997 – September 2006",
                    "1997-10",
                    ["Joined on the sales trainee programme; responsible for Baden-Württemberg from 2001."],
                ),
            ],
        ),
    ]
    jobs = [
        (company, title, dates, start)
        for company, _place, roles in employers
        for title, dates, start, _items in roles
    ]
    degrees = [("INSEAD", "master", 2005), ("University of Mannheim", "bachelor", 1997)]
    doc = _new_docx(font="Garamond", size=11.5, title="Stefan Brückner – Curriculum Vitae")
    _para(doc, "Stefan Brückner", bold=True, size=22, after=0)
    _para(doc, "Chief Commercial Officer", size=13, after=0)
    _para(
        doc,
        "Leamington Spa, UK | +44 7700 900 881 | stefan.brueckner@me.com | German & British citizen",
        after=10,
    )
    _para(doc, "EXECUTIVE PROFILE", bold=True, after=2)
    _para(
        doc,
        "Automotive commercial leader with 27 years at Jaguar Land Rover, BMW Group, Volkswagen and Daimler. "
        "Track record of turning round sales performance, building retailer networks and launching "
        "electric vehicles in Europe.",
    )
    _para(doc, "CAREER HISTORY", bold=True, after=2)
    for company, place, roles in employers:
        _para(doc, f"{company}, {place}", bold=True, after=0, before=6)
        for title, dates, _start, items in roles:
            _right_tab_line(doc, title, dates, italic=True)
            _bullets(doc, items)
    _page_break(doc)
    _para(doc, "BOARD POSITIONS", bold=True, after=2)
    _bullets(
        doc,
        [
            "Non-Executive Director, Society of Motor Manufacturers and Traders (SMMT), 2022 – present",
            "Advisory Board Member, Institute for Future Transport and Cities, Coventry University, 2021 – present",
            "Supervisory Board Member, BMW Bank GmbH, 2018 – 2021",
        ],
    )
    _para(doc, "EDUCATION", bold=True, after=2)
    _right_tab_line(doc, "MBA, INSEAD, Fontainebleau", "2005")
    _right_tab_line(doc, "BA Business Administration, University of Mannheim", "1997")
    _para(doc, "LANGUAGES", bold=True, after=2, before=8)
    _para(doc, "German (native), English (native level), French (business)")
    _page_field_footer(doc.sections[0], before="Stefan Brückner – CV – Page ")
    names = ["Stefan Brückner", "Stefan Brueckner"]
    return "Stefan_Brueckner_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


# --------------------------------------------------------------------------------------------------
# 22. pdf, Canada new teacher graduate, education: one practicum and a part-time job, volunteering


def _emily_nguyen():
    jobs = [
        ("Toronto District School Board", "Teacher Candidate (Practicum)", "Sept 2024 – Dec 2024", "2024-09"),
        ("Tim Hortons", "Team Member", "May 2021 – Present", "2021-05"),
    ]
    degrees = [("York University", "bachelor", 2025), ("Earl Haig Secondary School", "secondary", 2020)]
    s = _styles("Helvetica", 10)
    teal = colors.HexColor("#00727A")
    head = ParagraphStyle("head", parent=s["h"], textColor=teal, fontSize=11, spaceBefore=10, spaceAfter=3)
    story = [
        _P("Emily Nguyen", ParagraphStyle("n", parent=s["name"], textColor=teal)),
        _P("North York, ON · 416-555-0133 · emily.nguyen@my.yorku.ca", s["body"]),
        _P("EDUCATION", head),
        _P("Bachelor of Education (B.Ed.), Primary/Junior", s["bold"]),
        _P("York University | 2021 – 2025", s["body"]),
        _P("Ontario Secondary School Diploma (OSSD)", s["bold"]),
        _P("Earl Haig Secondary School | 2020", s["body"]),
        _P("EXPERIENCE", head),
    ]
    work = [
        [
            "Planned and taught literacy and numeracy lessons to a Grade 3 class of 24 students.",
            "Adapted lessons for English language learners and an IEP student.",
        ],
        ["Part-time (15–20 hours/week) throughout university; trained new team members."],
    ]
    for (company, title, dates, _), items in zip(jobs, work, strict=True):
        story += [
            _P(title, s["bold"]),
            _P(f"{company} | {dates}", s["body"]),
            *_bullet_list(items, s["bullet"]),
        ]
    story += [
        _P("VOLUNTEER EXPERIENCE", head),
        _P("Reading Buddy Volunteer", s["bold"]),
        _P("Toronto Public Library | 2022 – 2023", s["body"]),
        _P("CERTIFICATIONS", head),
        _P("Standard First Aid & CPR-C, Canadian Red Cross, Mar 2024", s["body"]),
        _P("Ontario College of Teachers – application submitted, 2025", s["body"]),
        _P("SKILLS", head),
        _P("Google Classroom, Brightspace (D2L), Vietnamese (fluent), French (intermediate)", s["body"]),
    ]
    pdf = _pdf(story, title="Emily Nguyen Resume", pagesize=LETTER, margin=0.8 * inch)
    return "EmilyNguyen_Resume_2025.pdf", pdf, _truth(jobs, degrees, ["Emily Nguyen"])


# --------------------------------------------------------------------------------------------------
# 23. docx, UK physiotherapist returning after a career break, healthcare: name in the page header


def _sarah_oconnell():
    jobs = [
        ("Leeds Teaching Hospitals NHS Trust", "Physiotherapist (Band 6)", "Jan 2023 – Present", "2023-01"),
        (
            "Sheffield Teaching Hospitals NHS Foundation Trust",
            "Physiotherapist (Band 5)",
            "Sept 2012 – Jul 2017",
            "2012-09",
        ),
    ]
    degrees = [
        ("Sheffield Hallam University", "bachelor", 2012),
        ("Notre Dame Catholic Sixth Form College", "secondary", 2009),
    ]
    doc = _new_docx(font="Arial", size=10.5, title="CV")
    header = doc.sections[0].header.paragraphs[0]
    _runs(
        header,
        ("Sarah O'Connell", True, False),
        ("  |  HCPC PH123456  |  07700 900 347  |  sarahoconnell@gmail.com", False, False),
    )
    stops = ((Inches(1.6), WD_TAB_ALIGNMENT.LEFT),)
    _para(doc, "Personal statement", bold=True, size=12, after=2)
    _para(
        doc,
        "HCPC-registered musculoskeletal physiotherapist returning to the profession after a five-year career "
        "break to care for a family member. Completed the HCPC Return to Practice programme in 2022.",
    )
    _para(doc, "Employment", bold=True, size=12, after=2)
    entries = [
        (jobs[0], ["Outpatient MSK caseload; lead the lower-limb rehabilitation class."]),
        (None, ["Career break – full-time carer for a family member; completed Return to Practice (2022)."]),
        (jobs[1], ["Rotations in respiratory, orthopaedics, stroke and outpatients."]),
    ]
    for job, items in entries:
        p = _tab_stops(doc.add_paragraph(), *stops)
        p.paragraph_format.space_after = Pt(0)
        if job is None:
            _runs(p, ("Aug 2017 – Dec 2022", False, False), ("\tCareer break", True, False))
        else:
            company, title, dates, _ = job
            _runs(p, (dates, False, False), (f"\t{title}", True, False))
            _tab_stops(doc.add_paragraph(f"\t{company}"), *stops).paragraph_format.space_after = Pt(0)
        _bullets(doc, items)
    _para(doc, "Education", bold=True, size=12, after=2, before=6)
    for line in (
        "2009 – 2012\tBSc (Hons) Physiotherapy, Sheffield Hallam University",
        "2007 – 2009\tA-Levels, Notre Dame Catholic Sixth Form College",
    ):
        _tab_stops(doc.add_paragraph(line), *stops).paragraph_format.space_after = Pt(0)
    _para(doc, "Professional development", bold=True, size=12, after=2, before=8)
    _bullets(doc, ["Acupuncture (AACP foundation), 2016", "Return to Practice, University of Bradford, 2022"])
    _para(doc, "References", bold=True, size=12, after=2)
    _para(doc, "Helen Marsh, Clinical Lead Physiotherapist, Leeds Teaching Hospitals NHS Trust")
    return "Sarah O'Connell CV 2025.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Sarah O'Connell"])


# --------------------------------------------------------------------------------------------------
# 24. pdf, US staff software engineer: two-column layout with skills and education in a sidebar


def _jason_park():
    jobs = [
        ("Stripe", "Staff Software Engineer", "Jan. 2021 – Present", "2021-01"),
        ("Twilio", "Senior Software Engineer", "Mar. 2017 – Dec. 2020", "2017-03"),
        ("Oracle", "Software Engineer", "Jul. 2012 – Feb. 2017", "2012-07"),
    ]
    places = ["San Francisco, CA", "San Francisco, CA", "Redwood Shores, CA"]
    degrees = [
        ("Georgia Institute of Technology", "master", 2016),
        ("University of California, Berkeley", "bachelor", 2012),
    ]
    s = _styles("Helvetica", 9.5)
    side_head = ParagraphStyle(
        "sh", parent=s["bold"], fontSize=10.5, spaceBefore=10, spaceAfter=3, textColor=colors.white
    )
    side_text = ParagraphStyle("st", parent=s["body"], textColor=colors.white, fontSize=8.8, leading=11.5)
    head = ParagraphStyle(
        "head", parent=s["h"], spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#243B55")
    )
    sidebar = [
        _P("CONTACT", side_head),
        _P("Oakland, CA", side_text),
        _P("(510) 555-0174", side_text),
        _P("jason.park.dev@gmail.com", side_text),
        _P("github.com/jpark", side_text),
        _P("SKILLS", side_head),
        *[
            _P(line, side_text)
            for line in (
                "Go 1.22 (6 yrs)",
                "Java 17 (10+ yrs)",
                "Python 3.12",
                "Kubernetes 1.29",
                "PostgreSQL 16",
                "Kafka, gRPC, Terraform",
                "AWS, GCP",
            )
        ],
        _P("EDUCATION", side_head),
        _P("MS Computer Science", side_text),
        _P("Georgia Institute of Technology", side_text),
        _P("2014 – 2016", side_text),
        Spacer(1, 5),
        _P("BS Computer Science", side_text),
        _P("University of California, Berkeley", side_text),
        _P("2008 – 2012", side_text),
        _P("CERTIFICATIONS", side_head),
        _P("AWS Certified Solutions Architect – Professional, 2023", side_text),
    ]
    main = [
        _P("Jason Park", s["name"]),
        _P("Staff Software Engineer · Payments infrastructure", s["italic"]),
        _P("SUMMARY", head),
        _P(
            "Backend engineer with 12+ years building reliable distributed systems at Stripe, Twilio and Oracle. "
            "I like owning hard reliability problems end to end.",
            s["body"],
        ),
        _P("EXPERIENCE", head),
    ]
    work = [
        [
            "Tech lead for the ledger service (2M writes/s); led the multi-region migration in 2023.",
            "Mentor 5 engineers; author of the internal guide to idempotent APIs.",
        ],
        ["Built the SMS routing engine in Go; cut carrier failover time from minutes to seconds."],
        ["Oracle Database JDBC driver team; connection pooling and performance fixes."],
    ]
    for (company, title, dates, _), place, items in zip(jobs, places, work, strict=True):
        main += [
            _P(title, s["bold"]),
            _P(f"{company} · {place}", s["body"]),
            _P(dates, s["small"]),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 5),
        ]
    main += [
        _P("PROJECTS", head),
        _P(
            "pgshadow (2019 – present): open-source Postgres shadow-traffic tool, 2.1k GitHub stars.",
            s["body"],
        ),
    ]
    pdf = _sidebar_pdf(
        sidebar,
        main,
        title="Jason Park Resume",
        pagesize=LETTER,
        side_width=2.1 * inch,
        side_fill=colors.HexColor("#243B55"),
    )
    return "Jason_Park_Resume.pdf", pdf, _truth(jobs, degrees, ["Jason Park"])


# --------------------------------------------------------------------------------------------------
# 25. docx, Australia HSE advisor, energy: anonymised recruiter profile, employer/role/period table


def _anonymised_hse_advisor():
    jobs = [
        ("Origin Energy", "HSE Advisor", "2019-08 – current", "2019-08"),
        ("Downer Group", "HSE Coordinator", "2015-03 – 2019-07", "2015-03"),
        ("BHP", "Graduate Environmental Officer", "2013-02 – 2015-02", "2013-02"),
    ]
    degrees = [("University of Queensland", "bachelor", 2012), ("TAFE Queensland", None, 2014)]
    doc = _new_docx(font="Verdana", size=9.5, title="Candidate Profile")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Southern Cross Talent – Confidential candidate profile"
    section.footer.paragraphs[
        0
    ].text = "Presented by: Mark Henderson, Senior Consultant, Southern Cross Talent, Brisbane"
    _para(doc, "CANDIDATE PROFILE", bold=True, size=16, after=0)
    _para(
        doc,
        "Ref: SCT-2291  |  Role applied for: HSE Manager  |  Location: Brisbane QLD  |  Notice: 4 weeks",
        after=8,
    )
    _para(doc, "Consultant summary", bold=True, after=2)
    _para(
        doc,
        "Experienced HSE professional currently with Origin Energy (previously Downer and BHP). Strong "
        "incident investigation (ICAM) and contractor safety background. Salary expectation A$150k + super.",
    )
    _para(doc, "Employment history", bold=True, after=2)
    table = doc.add_table(rows=1, cols=3, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, ["Employer", "Position", "Period"], strict=True):
        _cell_lines(cell, [text], bold_first=True)
        _shade(cell, "BDD7EE")
    for company, title, dates, _ in jobs:
        for cell, text in zip(table.add_row().cells, [company, title, dates], strict=True):
            _cell_lines(cell, [text])
    _para(doc, "Key achievements", bold=True, after=2, before=8)
    _bullets(
        doc,
        [
            "Reduced TRIFR from 6.1 to 2.4 across gas operations (Origin, 2019–2024).",
            "Rolled out Critical Risk Management on 14 Downer road projects.",
        ],
    )
    _para(doc, "Qualifications", bold=True, after=2)
    _para(doc, "Bachelor of Science (Environmental Science) – University of Queensland – 2012", after=0)
    _para(doc, "Certificate IV in Work Health and Safety – TAFE Queensland – 2014")
    _para(doc, "Tickets & licences", bold=True, after=2)
    _para(doc, "ICAM Lead Investigator (2020), Working at Heights, Confined Space, HR driver licence")
    return "SCT-2291_Candidate_Profile.docx", _docx_bytes(doc), _truth(jobs, degrees, [None])


# --------------------------------------------------------------------------------------------------
# 26. docx, UK economics graduate, banking: name in a text box, company | title | place | dates


def _thomas_okafor():
    jobs = [
        ("J.P. Morgan", "Summer Analyst", "Jun 2024 – Aug 2024", "2024-06"),
        ("Tesco", "Customer Assistant", "Oct 2022 – May 2025", "2022-10"),
    ]
    places = ["London", "Manchester"]
    degrees = [("University of Manchester", "bachelor", 2025), ("St Bede's College", "secondary", 2022)]
    doc = _new_docx(font="Calibri", size=11, title="CV")
    _text_box(
        doc,
        [
            ("Thomas Okafor", True, 24),
            ("Manchester M14 | 07700 900 624 | thomas.okafor@student.manchester.ac.uk", False, 10),
        ],
    )
    _para(doc, "EDUCATION", bold=True, after=2, before=4)
    _right_tab_line(doc, "University of Manchester", "Sep 2022 – Jun 2025", bold=True)
    _para(doc, "BSc Economics and Finance – First Class Honours", after=2)
    _right_tab_line(doc, "St Bede's College, Manchester", "2020 – 2022", bold=True)
    _para(doc, "A-Levels: Mathematics (A*), Economics (A), Further Mathematics (A)", after=6)
    _para(doc, "EXPERIENCE", bold=True, after=2)
    work = [
        [
            "Corporate & Investment Bank, Markets Execution: built a Python tool to reconcile trade breaks.",
            "Received a return offer for the 2025 graduate programme.",
        ],
        ["Part-time, 12 hours a week: customer service, stock replenishment and online order picking."],
    ]
    for (company, title, dates, _), place, items in zip(jobs, places, work, strict=True):
        _para(doc, f"{company} | {title} | {place} | {dates}", bold=True, after=0)
        _bullets(doc, items)
    _para(doc, "POSITIONS OF RESPONSIBILITY", bold=True, after=2, before=6)
    _para(doc, "Treasurer, Manchester University Finance Society, Sept 2023 – Jun 2024", after=0)
    _para(doc, "Student Ambassador, University of Manchester, 2023 – 2025")
    _para(doc, "SKILLS", bold=True, after=2)
    _para(doc, "Python 3 (pandas), Excel (financial modelling), Bloomberg Market Concepts (2023), Stata 17")
    _para(doc, "INTERESTS", bold=True, after=2)
    _para(doc, "Five-a-side football, chess (club captain), podcasts on economic history.")
    return "Thomas Okafor CV.docx", _docx_bytes(doc), _truth(jobs, degrees, ["Thomas Okafor"])


# --------------------------------------------------------------------------------------------------
# 27. pdf, Ireland head of network planning, telecoms: LinkedIn "Save to PDF" export


def _ciaran_murphy():
    companies = [
        (
            "eir",
            "9 years 10 months",
            [
                (
                    "Head of Network Planning",
                    "March 2020 - Present (5 years 1 month)",
                    "2020-03",
                    "Dublin, Ireland",
                ),
                (
                    "Senior Network Planning Engineer",
                    "June 2016 - February 2020 (3 years 9 months)",
                    "2016-06",
                    "Dublin, Ireland",
                ),
            ],
        ),
        (
            "Vodafone Ireland",
            None,
            [
                ("Network Engineer", "September 2011 - May 2016 (4 years 9 months)", "2011-09", "Dublin"),
            ],
        ),
    ]
    jobs = [
        (company, title, dates, start)
        for company, _total, roles in companies
        for title, dates, start, _place in roles
    ]
    degrees = [("Dublin City University", "master", 2019), ("Trinity College Dublin", "bachelor", 2011)]
    descriptions = {
        "2020-03": [
            "Lead a team of 45 planners and engineers responsible for the mobile, fixed access and transport "
            "network plans, the EUR 280m annual capital budget and the 5G standalone roadmap.",
            "- Delivered 5G coverage to 90% of the population by 2023, a year ahead of plan.",
            "- Introduced automated capacity forecasting (Python, Airflow) replacing 60 spreadsheets.",
            "- Negotiated the 2022 RAN vendor framework with Ericsson and Nokia.",
        ],
        "2016-06": [
            "Radio and transport planning for the 4G densification and the first 5G trials.",
            "- Planned 1,100 new and upgraded sites; led the 2019 spectrum auction technical workstream.",
            "- Built the microwave-to-fibre backhaul migration plan for rural Ireland.",
        ],
        "2011-09": [
            "Joined on the graduate programme; RAN and core network operations and later capacity planning.",
            "- 3G to 4G migration for the Dublin region; on-call third-line support for the packet core.",
            "- Member of the team that launched 4G in Ireland in 2013.",
        ],
    }
    s = _styles("Helvetica", 10)
    grey = colors.HexColor("#737373")
    side_head = ParagraphStyle("sh", parent=s["bold"], fontSize=12, spaceBefore=10, spaceAfter=4)
    side = ParagraphStyle("st", parent=s["body"], fontSize=9.5)
    head = ParagraphStyle("head", parent=s["body"], fontSize=15, leading=20, spaceBefore=12, spaceAfter=6)
    muted = ParagraphStyle("muted", parent=s["body"], textColor=grey)
    sidebar = [
        _P("Contact", side_head),
        _P("ciaran.murphy@gmail.com", side),
        _P("www.linkedin.com/in/ciaranmurphyeng (LinkedIn)", side),
        _P("Top Skills", side_head),
        *[_P(skill, side) for skill in ("5G", "Network Planning", "Capacity Planning")],
        _P("Languages", side_head),
        _P("Irish (Professional Working)", side),
        _P("Certifications", side_head),
        _P("Cisco Certified Network Professional (CCNP)", side),
        _P("PRINCE2 Practitioner", side),
    ]
    main = [
        _P("Ciarán Murphy", ParagraphStyle("n", parent=s["body"], fontSize=24, leading=30)),
        _P("Head of Network Planning at eir", s["body"]),
        _P("Dublin, County Dublin, Ireland", muted),
        _P("Summary", head),
        _P(
            "Telecoms engineer leading mobile and fixed access network planning for 5G and FTTH rollout. "
            "Thirteen years across radio, transport and core networks, first at Vodafone Ireland and since "
            "2016 at eir, where I run the planning function for the national 5G and fibre programmes. "
            "Interested in network economics, automation and growing engineering teams.",
            s["body"],
        ),
        _P("Experience", head),
    ]
    for company, total, roles in companies:
        main.append(_P(company, ParagraphStyle("c", parent=s["body"], fontSize=12, leading=16)))
        if total:
            main.append(_P(total, muted))
        for title, dates, start, place in roles:
            main += [_P(title, s["bold"]), _P(dates, muted), _P(place, muted)]
            main += [_P(line, s["body"]) for line in descriptions[start]] + [Spacer(1, 8)]
    main += [
        _P("Education", head),
        _P("Dublin City University", ParagraphStyle("c", parent=s["body"], fontSize=12, leading=16)),
        _P("Master of Business Administration - MBA \u00b7 (2017 - 2019)", muted),
        Spacer(1, 6),
        _P("Trinity College Dublin", ParagraphStyle("c", parent=s["body"], fontSize=12, leading=16)),
        _P("Bachelor of Engineering - BE, Electronic Engineering \u00b7 (2007 - 2011)", muted),
    ]

    def footer(canv, page, total):
        canv.setFont("Helvetica", 8)
        canv.setFillColor(grey)
        canv.drawCentredString(LETTER[0] / 2 + 1.2 * inch, 0.35 * inch, f"Page {page} of {total}")

    pdf = _sidebar_pdf(
        sidebar,
        main,
        title="LinkedIn",
        pagesize=LETTER,
        side_width=2.0 * inch,
        side_fill=colors.HexColor("#EEF3F8"),
        canvasmaker=_numbered_canvas(footer),
    )
    return "Profile.pdf", pdf, _truth(jobs, degrees, ["Ciarán Murphy", "Ciaran Murphy"])


# --------------------------------------------------------------------------------------------------
# 28. pdf, UK police officer turned financial crime analyst (career changer): dates column on the left


def _daniel_mensah():
    jobs = [
        ("Santander UK", "Financial Crime Analyst", "Nov 2022 – Present", "2022-11"),
        ("Merseyside Police", "Police Constable", "2010 – 2022", "2010"),
    ]
    degrees = [("Liverpool John Moores University", "bachelor", 2009)]
    s = _styles("Helvetica", 10)
    head = ParagraphStyle(
        "head", parent=s["h"], spaceBefore=10, spaceAfter=4, textColor=colors.HexColor("#8B0000")
    )
    story = [
        _P("Daniel Mensah", s["name"]),
        _P("Liverpool L18 · 07700 900 519 · dan.mensah@icloud.com", s["body"]),
        _P("Profile", head),
        _P(
            "After 12 years as a police officer with Merseyside Police, including four in the Economic Crime "
            "Unit, I moved into financial crime at Santander UK in 2022. I combine investigative experience "
            "with a growing AML and fraud analytics skill set.",
            s["body"],
        ),
        _P("Experience", head),
    ]
    work = [
        [
            _P(f"{jobs[0][1]}, {jobs[0][0]}, Bootle", s["bold"]),
            *_bullet_list(
                [
                    "Investigate transaction monitoring alerts and draft SARs to the NCA.",
                    "Built an Excel / Power BI mule-account dashboard used by 3 teams.",
                ],
                s["bullet"],
            ),
        ],
        [
            _P(f"{jobs[1][1]}, {jobs[1][0]}", s["bold"]),
            *_bullet_list(
                [
                    "Economic Crime Unit (2018 – 2022): fraud and money-laundering investigations.",
                    "Response and neighbourhood policing in Liverpool North (2010 – 2018).",
                ],
                s["bullet"],
            ),
        ],
    ]
    rows = [[_P(dates, s["body"]), flow] for (_c, _t, dates, _s), flow in zip(jobs, work, strict=True)]
    story.append(_grid(rows, [3.6 * cm, 13.4 * cm], [("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    story += [
        _P("Education", head),
        _grid(
            [
                [
                    _P("2006 – 2009", s["body"]),
                    _P("BA (Hons) Criminology, Liverpool John Moores University", s["body"]),
                ]
            ],
            [3.6 * cm, 13.4 * cm],
        ),
        _P("Certifications", head),
        _grid(
            [
                [
                    _P("2022", s["body"]),
                    _P("ICA International Certificate in Anti Money Laundering", s["body"]),
                ],
                [_P("2024", s["body"]), _P("CAMS – Certified Anti-Money Laundering Specialist", s["body"])],
            ],
            [3.6 * cm, 13.4 * cm],
        ),
        _P("Key skills", head),
        _P("Actimize (2 years), SQL, Power BI, interviewing, evidence handling, court testimony", s["body"]),
    ]
    pdf = _pdf(story, title="Daniel Mensah CV")
    return "Daniel_Mensah_CV.pdf", pdf, _truth(jobs, degrees, ["Daniel Mensah"])


# --------------------------------------------------------------------------------------------------
# 29. docx, US shift supervisor, hospitality: company line with right-aligned dates, title below


def _tyler_johnson():
    jobs = [
        ("Starbucks", "Shift Supervisor", "Aug 2021 – Present", "2021-08"),
        ("Marriott International", "Hospitality Intern", "June 2023 – August 2023", "2023-06"),
    ]
    places = ["Orlando, FL", "Orlando, FL"]
    degrees = [("Valencia College", "associate", 2024), ("Dr. Phillips High School", "secondary", 2021)]
    doc = _new_docx(font="Georgia", size=10.5, title="Resume")
    table = doc.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    _cell_lines(
        cell,
        ["TYLER JOHNSON", "Orlando, FL 32819 · (407) 555-0166 · tylerj.hospitality@gmail.com"],
        bold_first=True,
        size=12,
    )
    _shade(cell, "F2F2F2")
    _para(doc, "OBJECTIVE", bold=True, before=8, after=2)
    _para(
        doc, "Hospitality graduate seeking a front office or guest services role with a growing hotel group."
    )
    _para(doc, "WORK EXPERIENCE", bold=True, after=2)
    work = [
        [
            "Run shifts of 6–8 partners; cash reconciliation and opening/closing procedures.",
            "Barista from Aug 2021, promoted to Shift Supervisor in 2023.",
        ],
        ["Rotated through front desk, housekeeping and banquets at the Orlando World Center."],
    ]
    for (company, title, dates, _), place, items in zip(jobs, places, work, strict=True):
        _right_tab_line(doc, f"{company} — {place}", dates, bold=True)
        _para(doc, title, italic=True, after=2)
        _bullets(doc, items)
    _para(doc, "EDUCATION", bold=True, after=2, before=6)
    _right_tab_line(doc, "Valencia College — Orlando, FL", "May 2024", bold=True)
    _para(doc, "Associate of Applied Science in Hospitality Management", after=2)
    _right_tab_line(doc, "Dr. Phillips High School — Orlando, FL", "June 2021", bold=True)
    _para(doc, "High School Diploma", after=6)
    _para(doc, "CERTIFICATIONS", bold=True, after=2)
    _para(doc, "ServSafe Food Handler, 2022 · AHLEI Guest Service Gold, 2023")
    _para(doc, "SKILLS", bold=True, after=2)
    _para(doc, "Opera Cloud, Square POS, Spanish (conversational), conflict resolution")
    return (
        "Tyler Johnson Resume.docx",
        _docx_bytes(doc),
        _truth(jobs, degrees, ["TYLER JOHNSON", "Tyler Johnson"]),
    )


# --------------------------------------------------------------------------------------------------
# 30. pdf, India renewables COO, energy: long executive CV, "dates: Company as Title", board section


def _rajesh_iyer():
    jobs = [
        ("Adani Green Energy Ltd.", "Chief Operating Officer", "Apr 2020 – Present", "2020-04"),
        ("The Tata Power Company Ltd.", "Vice President – Renewables", "Jan 2015 – Mar 2020", "2015-01"),
        ("The Tata Power Company Ltd.", "General Manager – O&M", "Jun 2009 – Dec 2014", "2009-06"),
        ("Suzlon Energy Ltd.", "Deputy Manager – Projects", "Aug 2003 – May 2009", "2003-08"),
        ("Larsen & Toubro Ltd.", "Senior Engineer – Power Projects", "Jul 1995 – Jul 2003", "1995-07"),
    ]
    cities = ["Ahmedabad", "Mumbai", "Mumbai", "Pune", "Chennai"]
    degrees = [
        ("Indian School of Business", "master", 2012),
        ("Indian Institute of Technology Madras", "bachelor", 1995),
    ]
    s = _styles("Times-Roman", 11)
    head = ParagraphStyle(
        "head", parent=s["h"], fontSize=12, spaceBefore=12, spaceAfter=4, textColor=colors.HexColor("#003366")
    )
    rule = HRFlowable(width="100%", thickness=1, color=colors.HexColor("#003366"), spaceAfter=5)
    snapshot = [["Organisation", "Last designation", "Tenure"]] + [
        ["Adani Green Energy Ltd.", "COO", "2020 – till date"],
        ["Tata Power", "VP – Renewables", "2009 – 2020"],
        ["Suzlon", "Deputy Manager", "2003 – 2009"],
        ["L&T", "Senior Engineer", "1995 – 2003"],
    ]
    snapshot_table = Table(
        [[_P(c, s["small"]) for c in row] for row in snapshot], colWidths=[6 * cm, 5 * cm, 4 * cm]
    )
    snapshot_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")),
            ]
        )
    )
    story = [
        _P("Rajesh S. Iyer", s["name"]),
        _P("Chief Operating Officer – Renewable Energy", s["italic"]),
        _P("Ahmedabad, Gujarat | +91 98250 55501 | rajesh.iyer.energy@gmail.com", s["body"]),
        _P("PROFILE SUMMARY", head),
        rule,
        _P(
            "Energy executive with 29 years across EPC, wind manufacturing and utility-scale renewables. Built and "
            "operated 14 GW of solar and wind capacity. Board experience in state energy institutions.",
            s["body"],
        ),
        _P("CAREER SNAPSHOT", head),
        rule,
        snapshot_table,
        _P("PROFESSIONAL EXPERIENCE", head),
        rule,
    ]
    work = [
        [
            "Head of O&M and asset management for 11 GW operating renewable portfolio; 1,800 staff.",
            "Raised plant availability from 97.1% to 99.2%; set up the Energy Network Operations Centre.",
        ],
        ["Led 2.6 GW of solar and wind project development and commissioning."],
        ["O&M of Mundra and Trombay thermal units; led the ISO 55001 certification."],
        ["Wind farm EPC execution in Maharashtra, Gujarat and Tamil Nadu (1.2 GW)."],
        ["Joined as Graduate Engineer Trainee; site engineer on NTPC and state utility projects."],
    ]
    for (company, title, dates, _), city, items in zip(jobs, cities, work, strict=True):
        story += [
            _P(f"{dates}: {company}, {city} as {title}", s["bold"]),
            *_bullet_list(items, s["bullet"]),
            Spacer(1, 4),
        ]
    story += [
        PageBreak(),
        _P("BOARD MEMBERSHIPS", head),
        rule,
        *_bullet_list(
            [
                "Independent Director, Gujarat Energy Research & Management Institute (2021 – present)",
                "Member, CII National Committee on Renewable Energy (2019 – 2023)",
            ],
            s["bullet"],
        ),
        _P("EDUCATION", head),
        rule,
        _P("Executive MBA (PGPMAX), Indian School of Business, 2012", s["body"]),
        _P("B.Tech (Mechanical Engineering), Indian Institute of Technology Madras, 1995", s["body"]),
        _P("AWARDS", head),
        rule,
        _P("CEO of the Year – Renewables, ET Energy World Awards 2023", s["body"]),
        _P("PERSONAL DETAILS", head),
        rule,
        _P("Date of Birth: 22 September 1973 | Languages: English, Hindi, Tamil, Gujarati", s["body"]),
    ]

    def footer(canv, page, total):
        canv.setFont("Times-Roman", 9)
        canv.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {page} of {total}")

    pdf = _pdf(story, title="Rajesh Iyer", canvasmaker=_numbered_canvas(footer))
    return "Rajesh_Iyer_COO_Profile.pdf", pdf, _truth(jobs, degrees, ["Rajesh S. Iyer", "Rajesh Iyer"])


# --------------------------------------------------------------------------------------------------

_BUILDERS = (
    _chloe_ashworth,
    _marcus_delgado,
    _rohit_venkataraman,
    _katrin_hofmann,
    _gareth_lloyd,
    _aoife_brennan,
    _jonathan_whitfield,
    _danielle_tremblay,
    _sanne_de_vries,
    _tan_wei_ling,
    _angela_brooks,
    _usman_tariq,
    _wanjiru_kamau,
    _ahmed_el_sayed,
    _lucia_fernandez,
    _rafael_santos,
    _olivia_chen,
    _imran_hussain,
    _sneha_kulkarni,
    _kelvin_wong,
    _stefan_brueckner,
    _emily_nguyen,
    _sarah_oconnell,
    _jason_park,
    _anonymised_hse_advisor,
    _thomas_okafor,
    _ciaran_murphy,
    _daniel_mensah,
    _tyler_johnson,
    _rajesh_iyer,
)


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [build() for build in _BUILDERS]
