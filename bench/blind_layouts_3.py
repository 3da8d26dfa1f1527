"""Blind held-out resume set 3: messy real-world files.

This module was written WITHOUT reading the talentpool resume parser, its tests, its docs or any
other benchmark/test set, so that it can serve as an independent held-out measurement.  Every
document is generated here from literal strings and the truth attached to it is derived from the
very strings that are printed.

Theme: files the way recruiters actually receive them rather than clean templates -- PDF-to-DOCX
conversions (one paragraph per visual line, interleaved columns, run-together lines, repeated page
headers, odd bullet glyphs), multi-column PDFs with offset baselines, table grids, text boxes,
headers/footers, job-board pastes and anonymised agency CVs.

Truth per document::

    {"jobs": [[company, title, start], ...],        # start "YYYY-MM" or "YYYY"
     "degrees": [[school, level, year], ...],       # level bachelor/master/doctor/associate/secondary/None
     "names": [name as printed, optional second acceptable spelling] or [None]}

Output is deterministic: DOCX zip entries carry a fixed timestamp and fixed core properties, and
PDFs are written with reportlab's ``invariant=1``.
"""

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

_FIXED_TIME = dt.datetime(2024, 1, 1, 9, 0, 0)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAGE_W, _PAGE_H = A4
_BOLD = "Helvetica-Bold"
_ITALIC = "Helvetica-Oblique"

# A job is (title, company, printed dates, truth start); a degree is
# (qualification, school, printed years, level, truth year).


def _truth(jobs, degrees, names):
    return {
        "jobs": [[company, title, start] for title, company, _dates, start in jobs],
        "degrees": [[school, level, year] for _qual, school, _years, level, year in degrees],
        "names": list(names),
    }


# ---------------------------------------------------------------------------------------------
# DOCX helpers
# ---------------------------------------------------------------------------------------------


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed timestamp on every entry so the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def _new_doc(font="Calibri", size=10.5):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)
    return doc


def _docx_bytes(doc) -> bytes:
    props = doc.core_properties
    props.author = "User"
    props.last_modified_by = "User"
    props.title = "CV"
    props.revision = 1
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME
    props.last_printed = _FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _para(container, text="", *, bold=False, italic=False, size=None):
    """Append a one-run paragraph to a document, cell, header or footer."""
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
    return paragraph


def _cell_lines(cell, lines):
    """Fill a table cell with (text, bold) lines, reusing the cell's initial empty paragraph."""
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        if bold:
            run.bold = True


def _converted_doc(lines, headings=(), font="Calibri", size=10):
    """A PDF-to-DOCX conversion: every visual line is its own paragraph; headings kept as bold runs."""
    doc = _new_doc(font, size)
    for line in lines:
        _para(doc, line, bold=line in headings)
    return doc


def _br_paragraph(container, lines):
    """One paragraph whose visual lines are separated by w:br instead of paragraph marks."""
    paragraph = container.add_paragraph()
    for i, (text, bold) in enumerate(lines):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def _interleave_columns(left, right, width=44):
    """Two columns flattened into single lines ("Senior Data Engineer        Python, SQL")."""
    rows = []
    for i in range(max(len(left), len(right))):
        lhs = left[i] if i < len(left) else ""
        rhs = right[i] if i < len(right) else ""
        rows.append(lhs + " " * max(4, width - len(lhs)) + rhs if rhs else lhs)
    return rows


def _alternate(main, side, start):
    """Sidebar lines dropped one-by-one between main-column lines from index ``start`` on."""
    out = list(main[:start])
    rest = main[start:]
    for i in range(max(len(rest), len(side))):
        if i < len(rest):
            out.append(rest[i])
        if i < len(side):
            out.append(side[i])
    return out


def _txbx_content(lines):
    body = []
    for text, bold in lines:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        body.append(f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    return "<w:txbxContent>" + "".join(body) + "</w:txbxContent>"


def _add_vml_textbox(paragraph, lines):
    """Legacy VML text box (w:pict / v:textbox) floating at the right of the page."""
    xml = (
        f'<w:r xmlns:w="{_W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="Text Box 2" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;margin-left:340pt;margin-top:0;width:150pt;height:520pt;z-index:1">'
        f"<v:textbox>{_txbx_content(lines)}</v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def _add_drawing_textbox(paragraph, lines):
    """DrawingML (wps) text box anchored to the page, the way Word 2010+ saves one."""
    xml = (
        f'<w:r xmlns:w="{_W_NS}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>5120640</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>1371600</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2194560" cy="6400800"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2194560" cy="6400800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"</wps:spPr><wps:txbx>{_txbx_content(lines)}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        'anchor="t"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )
    paragraph._p.append(parse_xml(xml))


# ---------------------------------------------------------------------------------------------
# PDF helpers
# ---------------------------------------------------------------------------------------------


def _pdf_bytes(draw) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.setTitle("CV")
    pdf.setAuthor("")
    pdf.setCreator("blind_layouts_3")
    draw(pdf)
    pdf.save()
    return buf.getvalue()


def _lines(pdf, x, y, items, size=10, leading=13, font="Helvetica"):
    """Draw lines top-down; an item is "" (gap), text, (text, font) or (text, font, size)."""
    for item in items:
        if isinstance(item, str):
            item = (item,)
        text = item[0]
        if text:
            if y < 30:
                raise ValueError(f"text runs off the page: {text!r}")
            pdf.setFont(item[1] if len(item) > 1 else font, item[2] if len(item) > 2 else size)
            pdf.drawString(x, y, text)
        y -= leading
    return y


def _bullets(pdf, x, y, texts, width, size=9.5, leading=12, glyph="\u2022"):
    """Bulleted paragraphs wrapped to ``width`` with a hanging indent."""
    pdf.setFont("Helvetica", size)
    for text in texts:
        for i, part in enumerate(simpleSplit(text, "Helvetica", size, width - 10)):
            if y < 30:
                raise ValueError(f"text runs off the page: {part!r}")
            if i == 0:
                pdf.drawString(x, y, glyph)
            pdf.drawString(x + 10, y, part)
            y -= leading
    return y


def _grid_table(pdf, xs, y_top, rows, size=9, leading=11, pad=4):
    """Ruled table; ``xs`` are the column edges, the first row is a bold header."""
    y = y_top
    for r, row in enumerate(rows):
        font = _BOLD if r == 0 else "Helvetica"
        cells = [simpleSplit(text, font, size, xs[i + 1] - xs[i] - 2 * pad) for i, text in enumerate(row)]
        height = max(len(c) for c in cells) * leading + 2 * pad
        if y - height < 30:
            raise ValueError("table runs off the page")
        pdf.setFont(font, size)
        for i, cell in enumerate(cells):
            for k, part in enumerate(cell):
                pdf.drawString(xs[i] + pad, y - pad - size - k * leading + 1, part)
        pdf.grid(list(xs), [y, y - height])
        y -= height
    return y


def _small_caps(pdf, x, y, text, big=13, small=10, font=_BOLD):
    """Draw ``text`` in faux small caps: capitals at ``big``, lower-case letters upper-cased at ``small``."""
    for ch in text:
        size = big if not ch.islower() else small
        glyph = ch.upper()
        pdf.setFont(font, size)
        pdf.drawString(x, y, glyph)
        x += pdf.stringWidth(glyph, font, size)


def _spaced(pdf, x, y, text, size, char_space, font=_BOLD):
    """Letter-spaced text using the PDF character-spacing operator (text stays unspaced)."""
    pdf.saveState()
    obj = pdf.beginText(x, y)
    obj.setFont(font, size)
    obj.setCharSpace(char_space)
    obj.textLine(text)
    pdf.drawText(obj)
    pdf.restoreState()


# ---------------------------------------------------------------------------------------------
# DOCX documents
# ---------------------------------------------------------------------------------------------


def _d01_nurse_uk():
    """PDF-to-DOCX conversion: a paragraph per visual line, hyphenated breaks, page header repeated."""
    name = "Olivia Bennett"
    jobs = [
        (
            "Band 6 Senior Staff Nurse",
            "University Hospitals of Leicester NHS Trust",
            "Mar 2021 - Present",
            "2021-03",
        ),
        ("Staff Nurse", "Nottingham University Hospitals NHS Trust", "Sep 2017 - Feb 2021", "2017-09"),
        ("Healthcare Assistant", "Bupa Care Homes", "Jun 2014 - Aug 2017", "2014-06"),
    ]
    degrees = [
        ("BSc (Hons) Adult Nursing", "De Montfort University", "2014 - 2017", "bachelor", 2017),
        (
            "BTEC Level 3 Extended Diploma in Health and Social Care",
            "Leicester College",
            "2012 - 2014",
            None,
            2014,
        ),
    ]
    bullets = [
        [
            "\uf0b7 Nurse-in-charge on a 28-bed acute medical ward, leading six nurses and four health-",
            "care assistants across day and night shifts.",
            "\uf0b7 Cut missed medication doses by 30% by introducing a structured hand-",
            "over checklist.",
        ],
        [
            "\uf0b7 Delivered care for up to eight patients on a respiratory ward, including NIV and trache-",
            "ostomy care.",
            "\uf0b7 Practice supervisor for second- and third-year student nurses.",
        ],
        [
            "\uf0b7 Personal care, nutrition and mobility support for 40 residents with dementia.",
            "\uf0b7 Completed the Care Certificate and NVQ-equivalent in-house training.",
        ],
    ]
    page_header = "Olivia Bennett \u2013 Curriculum Vitae                                         Page 2 of 2"
    lines = [
        "Curriculum Vitae",
        name,
        "12 Elm Grove, Leicester LE2 3HP | 07700 900418 | olivia.bennett@example.co.uk",
        "",
        "PERSONAL PROFILE",
        "NMC-registered adult nurse with seven years of acute ward experience, confident in medica-",
        "tion management, deteriorating-patient escalation and mentoring students.",
        "",
        "EMPLOYMENT HISTORY",
    ]
    for i, (title, company, dates, _start) in enumerate(jobs):
        lines += [title, company, dates, *bullets[i], ""]
        if i == 1:
            lines += ["Page 1 of 2", page_header, ""]
    lines.append("EDUCATION")
    for qual, school, years, _level, _year in degrees:
        lines += [qual, school, years, ""]
    lines += [
        "REFERENCES",
        "Mrs Karen Doyle, Ward Manager, University Hospitals of Leicester NHS Trust",
        "Further references available on request.",
    ]
    headings = {"Curriculum Vitae", "PERSONAL PROFILE", "EMPLOYMENT HISTORY", "EDUCATION", "REFERENCES"}
    doc = _converted_doc(lines, headings | {name})
    return "CV_Olivia_Bennett_2024.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d02_data_engineer_india():
    """Two-column PDF converted to DOCX: main column and skills sidebar share each line."""
    jobs = [
        ("Senior Data Engineer", "Flipkart Internet Pvt Ltd", "03.2021 \u2013 Present", "2021-03"),
        ("Data Engineer", "Mu Sigma Business Solutions", "07.2018 \u2013 02.2021", "2018-07"),
        ("Associate Software Engineer", "Infosys Limited", "08.2016 \u2013 06.2018", "2016-08"),
    ]
    degrees = [
        (
            "B.Tech Computer Science and Engineering",
            "Vellore Institute of Technology",
            "2012 \u2013 2016",
            "bachelor",
            2016,
        ),
        ("12th / HSC", "Delhi Public School, R.K. Puram", "2012", "secondary", 2012),
    ]
    bullets = [
        [
            "\u2022 Built Spark and Kafka pipelines for 40 TB/day of order events",
            "\u2022 Led migration to Airflow 2",
        ],
        ["\u2022 Delivered retail demand-forecast data marts", "\u2022 Automated data-quality checks in dbt"],
        ["\u2022 Maintained Informatica ETL for a UK bank client"],
    ]
    left = [
        "RAHUL VERMA",
        "Data Engineer \u00b7 Bengaluru, India",
        "rahul.verma@example.in | +91 98450 12345",
        "PROFESSIONAL EXPERIENCE",
    ]
    for i, (title, company, dates, _start) in enumerate(jobs):
        left += [title, company, dates, *bullets[i]]
    left.append("EDUCATION")
    for qual, school, years, _level, _year in degrees:
        left += [qual, school, years]
    right = [
        "",
        "",
        "",
        "SKILLS",
        "Python, SQL, PySpark",
        "Apache Airflow, Kafka",
        "AWS (S3, Glue, Redshift)",
        "Snowflake, dbt",
        "Docker, Terraform",
        "",
        "LANGUAGES",
        "English, Hindi, Kannada",
        "",
        "CERTIFICATIONS",
        "AWS Certified Data Analytics",
        "Databricks Spark Associate (2022)",
        "",
        "PROJECTS",
        "Open-source Kafka connector",
        "for ONDC catalogue feeds",
    ]
    doc = _converted_doc(_interleave_columns(left, right), font="Arial", size=9.5)
    names = ["RAHUL VERMA", "Rahul Verma"]
    return "Rahul Verma Resume (converted).docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d03_civil_engineer_nigeria():
    """Conversion where headings, titles, companies and dates ran together without spaces."""
    name = "Engr. Chinedu Okafor"
    jobs = [
        ("Project Engineer", "Julius Berger Nigeria Plc", "Jan 2019Present", "2019-01"),
        ("Site Engineer", "Costain West Africa Plc", "Jun 2015Dec 2018", "2015-06"),
        ("Graduate Engineer (NYSC)", "Federal Ministry of Works and Housing", "Nov 2013Oct 2014", "2013-11"),
    ]
    degrees = [
        (
            "Bachelor of Engineering (Civil)",
            "University of Nigeria, Nsukka",
            "2008 \u2013 2013",
            "bachelor",
            2013,
        ),
        ("SSCE/WAEC", "Federal Government College Enugu", "2007", "secondary", 2007),
    ]
    (t1, c1, d1, _), (t2, c2, d2, _), (t3, c3, d3, _) = jobs
    (q1, s1, y1, _, _), (q2, s2, y2, _, _) = degrees
    lines = [
        name,
        "Lekki Phase 1, Lagos | +234 803 555 0192 | chinedu.okafor@example.com",
        "PROFILECOREN-registered civil engineer with ten years on highway, bridge and",
        "drainage projects for federal and state clients.",
        "EXPERIENCE" + t1,
        c1,
        d1,
        "\u27a2 Supervised 12 km of the Lagos\u2013Ibadan expressway rehabilitation (rigid pavement).",
        "\u27a2 Managed 4 subcontractors and 120 site workers; zero LTI in 2022.",
        t2 + c2,
        d2,
        "\u27a2 Setting-out, levelling and quality control for box culverts and drainage.",
        t3,
        c3,
        d3,
        "\u27a2 Assisted in BOQ preparation and site inspections in Abuja.",
        "EDUCATION" + q1,
        s1 + y1,
        q2,
        s2 + y2,
        "CERTIFICATIONSCOREN Registered Engineer (R.28814)2016",
        "REFEREESAvailable on request",
    ]
    doc = _converted_doc(lines, font="Times New Roman", size=11)
    names = [name, "Chinedu Okafor"]
    return "CHINEDU OKAFOR CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d04_receptionist_philippines():
    """Outer two-column layout table whose right cell holds one nested table per job."""
    name = "Maria Cristina Santos"
    jobs = [
        ("Front Desk Receptionist", "Shangri-La The Fort, Manila", "Aug 2020 \u2013 Now", "2020-08"),
        ("Guest Relations Officer", "Marco Polo Ortigas Manila", "Jan 2017 \u2013 Jul 2020", "2017-01"),
        ("Receptionist", "St. Luke's Medical Center", "Jun 2014 \u2013 Dec 2016", "2014-06"),
    ]
    degrees = [
        (
            "Bachelor of Science in Hospitality Management",
            "University of Santo Tomas",
            "2010 \u2013 2014",
            "bachelor",
            2014,
        ),
        ("High School Diploma", "Ramon Magsaysay High School", "2010", "secondary", 2010),
    ]
    doc = _new_doc("Arial", 10)
    _para(doc, name, bold=True, size=18)
    _para(doc, "Front Office & Guest Relations Professional")
    outer = doc.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    left, right = outer.rows[0].cells
    _cell_lines(
        left,
        [
            ("CONTACT", True),
            ("Taguig City, Metro Manila", False),
            ("+63 917 555 0142", False),
            ("mc.santos@example.ph", False),
            ("", False),
            ("SKILLS", True),
            ("Opera PMS / Fidelio", False),
            ("Multi-line switchboard", False),
            ("Guest complaint handling", False),
            ("", False),
            ("LANGUAGES", True),
            ("English, Filipino, basic Japanese", False),
        ],
    )
    _cell_lines(right, [("WORK EXPERIENCE", True)])
    for title, company, dates, _start in jobs:
        inner = right.add_table(rows=2, cols=2)
        inner.style = "Table Grid"
        _cell_lines(inner.cell(0, 0), [(title, True)])
        _cell_lines(inner.cell(0, 1), [(dates, False)])
        _cell_lines(inner.cell(1, 0), [(company, False)])
        _cell_lines(inner.cell(1, 1), [("Philippines", False)])
    right.add_paragraph().add_run("EDUCATION").bold = True
    edu = right.add_table(rows=len(degrees), cols=2)
    for row, (qual, school, years, _level, _year) in zip(edu.rows, degrees, strict=True):
        _cell_lines(row.cells[0], [(qual, True), (school, False)])
        _cell_lines(row.cells[1], [(years, False)])
    return "Resume - Maria Santos.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d05_hotel_manager_uae():
    """Name in the page header, footer text, and education inside a floating VML text box."""
    jobs = [
        ("Hotel Manager", "Rove Downtown Dubai", "March, 2019 \u2013 Current", "2019-03"),
        ("Front Office Manager", "Jumeirah Beach Hotel", "February, 2015 \u2013 February, 2019", "2015-02"),
        (
            "Assistant Front Office Manager",
            "Hilton Beirut Habtoor Grand",
            "June, 2011 \u2013 January, 2015",
            "2011-06",
        ),
    ]
    degrees = [
        ("MBA (Finance)", "Hult International Business School", "2016 \u2013 2018", "master", 2018),
        ("Bachelor of Hospitality Management", "Lebanese University", "2007 \u2013 2011", "bachelor", 2011),
    ]
    doc = _new_doc("Georgia", 10)
    section = doc.sections[0]
    header = section.header
    header.paragraphs[0].add_run("FARAH HADDAD").bold = True
    _para(header, "Hotel Manager  |  Dubai, United Arab Emirates  |  +971 55 555 0129")
    section.footer.paragraphs[0].add_run("Farah Haddad \u2013 CV \u2013 References available on request")
    box = [("CONTACT", True), ("farah.haddad@example.ae", False), ("Dubai Marina", False), ("", False)]
    box.append(("EDUCATION", True))
    for qual, school, years, _level, _year in degrees:
        box += [(qual, True), (school, False), (years, False), ("", False)]
    box += [("LANGUAGES", True), ("Arabic, English, French", False), ("", False), ("SYSTEMS", True)]
    box += [("Opera Cloud, IDeaS RMS, Micros", False)]
    anchor = _para(doc, "PROFESSIONAL SUMMARY", bold=True)
    _add_vml_textbox(anchor, box)
    _para(doc, "Pre-opening and operations leader with 14 years in upscale and lifestyle hotels across")
    _para(doc, "the GCC and Levant; GOP improved 18% in two consecutive years.")
    _para(doc)
    _para(doc, "EXPERIENCE", bold=True)
    duties = [
        "Full P&L ownership for a 420-key lifestyle hotel; RevPAR index 112.",
        "Ran rooms division of 600 keys, 85 staff; introduced express check-in kiosks.",
        "Supervised night audit, concierge and guest relations teams.",
    ]
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        _para(doc, title, bold=True)
        _para(doc, company, italic=True)
        _para(doc, dates)
        _para(doc, "\u2022 " + duty)
        _para(doc)
    names = ["FARAH HADDAD", "Farah Haddad"]
    return "FarahHaddad_HotelManager.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d06_payroll_officer_uk():
    """No heading styles at all: section headings and titles are just bold Normal runs."""
    name = "Gemma Clarke"
    jobs = [
        ("Payroll Officer", "Leeds City Council", "2020-09 to present", "2020-09"),
        ("Payroll Administrator", "ADP UK", "2017-03 to 2020-08", "2017-03"),
        ("Accounts Assistant", "Wm Morrison Supermarkets plc", "2014-06 to 2017-02", "2014-06"),
    ]
    degrees = [
        ("BA (Hons) Accounting and Finance", "Leeds Beckett University", "2011 to 2014", "bachelor", 2014),
        ("AAT Level 3 Diploma in Accounting", "Kaplan Financial", "2016", None, 2016),
    ]
    doc = _new_doc("Calibri", 11)
    _para(doc, name, bold=True, size=16)
    _para(doc, "14 Otley Road, Leeds LS6 2AA \u2022 07984 556 201 \u2022 gemma.clarke@example.co.uk")
    _para(doc)
    _para(doc, "Profile", bold=True)
    _para(doc, "CIPP-qualified payroll officer running monthly and weekly payrolls for up to 9,000 staff.")
    _para(doc)
    _para(doc, "Work Experience", bold=True)
    duties = [
        "Monthly payroll for 9,000 employees on iTrent; pensions auto-enrolment and RTI submissions.",
        "Weekly and four-weekly payrolls for 30 client bureaux; year-end P60 and P11D processing.",
        "Purchase ledger, supplier statements and expense claims.",
    ]
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        _para(doc, title, bold=True)
        _para(doc, f"{company}  |  {dates}")
        _para(doc, "- " + duty)
    _para(doc)
    _para(doc, "Education & Training", bold=True)
    for qual, school, years, _level, _year in degrees:
        _para(doc, qual, bold=True)
        _para(doc, f"{school}, {years}")
    _para(doc)
    _para(doc, "Volunteering", bold=True)
    _para(doc, "Treasurer \u2013 Headingley Juniors FC (2019 to present)")
    return "Gemma Clarke CV.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d07_marketing_executive_poland():
    """Each section is ONE paragraph whose lines are separated by w:br line breaks."""
    name = "Katarzyna Wi\u015bniewska"
    jobs = [
        ("Marketing Executive", "Allegro.pl sp. z o.o.", "Mar'19 \u2013 Present", "2019-03"),
        ("Junior Marketing Specialist", "LPP S.A.", "Sep'16 \u2013 Feb'19", "2016-09"),
        ("Marketing Intern", "Grupa \u017bywiec S.A.", "Jun'15 \u2013 Aug'15", "2015-06"),
        ("Freelance Content Writer", None, "Oct'13 \u2013 May'15", "2013-10"),
    ]
    degrees = [
        (
            "Master of Arts in Marketing Management",
            "Uniwersytet Ekonomiczny w Poznaniu",
            "2014 \u2013 2016",
            "master",
            2016,
        ),
        (
            "Licencjat (BA) in Journalism and Social Communication",
            "Uniwersytet Jagiello\u0144ski",
            "2011 \u2013 2014",
            "bachelor",
            2014,
        ),
    ]
    duties = [
        "Performance campaigns (Google Ads, Meta) with a PLN 2m annual budget",
        "Seasonal campaigns for Reserved and Sinsay across 25 markets",
        "Trade-marketing support for the \u017bywiec brand portfolio",
        "SEO articles for travel and fintech blogs",
    ]
    doc = _new_doc("Calibri", 10.5)
    _br_paragraph(
        doc,
        [
            (name, True),
            ("Pozna\u0144, Poland \u2022 +48 601 555 318 \u2022 k.wisniewska@example.pl", False),
            ("linkedin.com/in/kwisniewska", False),
        ],
    )
    _para(doc)
    _para(doc, "Experience", bold=True, size=13)
    lines = []
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        lines.append((title, True))
        if company:
            lines.append((company, False))
        lines += [(dates, False), ("\u2013 " + duty, False), ("", False)]
    _br_paragraph(doc, lines[:-1])
    _para(doc)
    _para(doc, "Education", bold=True, size=13)
    lines = []
    for qual, school, years, _level, _year in degrees:
        lines += [(qual, True), (school, False), (years, False), ("", False)]
    _br_paragraph(doc, lines[:-1])
    _para(doc)
    _para(doc, "Languages", bold=True, size=13)
    _br_paragraph(doc, [("Polish (native), English (C1), German (B1)", False)])
    names = [name, "Katarzyna Wisniewska"]
    return "CV_K_Wisniewska_EN.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d08_software_tester_malaysia():
    """Conversion in which sidebar lines fall between a job's title, company and dates."""
    jobs = [
        ("Senior Software Tester", "GHL Systems Berhad", "Aug 2020 \u2013 Now", "2020-08"),
        ("QA Analyst", "Maybank Shared Services", "Jan 2017 \u2013 Jul 2020", "2017-01"),
        ("Junior Test Engineer", "Intel Microelectronics (M) Sdn Bhd", "Jul 2014 \u2013 Dec 2016", "2014-07"),
    ]
    degrees = [
        (
            "Bachelor of Computer Science (Software Engineering)",
            "Universiti Teknologi Malaysia",
            "2010 \u2013 2014",
            "bachelor",
            2014,
        ),
        ("Sijil Pelajaran Malaysia (SPM)", "SMK Bukit Bintang", "2009", "secondary", 2009),
    ]
    bullets = [
        "\u25aa Own regression suites for payment terminals (Selenium, Appium)",
        "\u25aa Wrote API tests for the core banking gateway",
        "\u25aa Validated firmware test logs for server platforms",
    ]
    main = ["TAN WEI LING", "Software Test Engineer", "PROFESSIONAL EXPERIENCE"]
    for (title, company, dates, _start), bullet in zip(jobs, bullets, strict=True):
        main += [title, company, dates, bullet]
    main.append("EDUCATION")
    for qual, school, years, _level, _year in degrees:
        main += [qual, school, years]
    side = [
        "CONTACT",
        "+60 12-345 6789",
        "weiling.tan@example.my",
        "Petaling Jaya, Selangor",
        "TOOLS",
        "Selenium WebDriver",
        "Postman / Newman",
        "JIRA, TestRail",
        "Jenkins",
        "CERTIFICATION",
        "ISTQB CTFL (2016)",
    ]
    doc = _converted_doc(_alternate(main, side, 3), {"PROFESSIONAL EXPERIENCE", "EDUCATION", "TAN WEI LING"})
    names = ["TAN WEI LING", "Tan Wei Ling"]
    return "TanWeiLing_CV_converted.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d09_quantity_surveyor_south_africa():
    """Anonymised agency profile: agency branding in header/footer, label/value tables, no name."""
    jobs = [
        ("Senior Quantity Surveyor", "WBHO Construction (Pty) Ltd", "Apr 2019 - Present", "2019-04"),
        ("Quantity Surveyor", "Aveng Grinaker-LTA", "Feb 2014 - Mar 2019", "2014-02"),
        ("Junior Quantity Surveyor", "Murray & Roberts", "Jan 2011 - Jan 2014", "2011-01"),
    ]
    degrees = [
        ("BSc (Hons) Quantity Surveying", "University of Cape Town", "2007 - 2010", "bachelor", 2010),
        ("National Senior Certificate", "Rondebosch Boys' High School", "2006", "secondary", 2006),
    ]
    doc = _new_doc("Arial", 10)
    section = doc.sections[0]
    section.header.paragraphs[0].add_run("APEX BUILT ENVIRONMENT RECRUITMENT").bold = True
    _para(section.header, "Candidate Profile \u2013 Ref QS-2291 \u2013 Cape Town office")
    section.footer.paragraphs[0].add_run(
        "Confidential. Submitted by Apex Built Environment Recruitment. Do not approach the candidate directly."
    )
    _para(doc, "CANDIDATE PROFILE", bold=True, size=14)
    summary = doc.add_table(rows=4, cols=2)
    summary.style = "Table Grid"
    for row, (label, value) in zip(
        summary.rows,
        [
            ("Candidate:", "Ref QS-2291"),
            ("Location:", "Cape Town, Western Cape"),
            ("Registration:", "SACQSP Professional Quantity Surveyor (PrQS)"),
            ("Notice period:", "One calendar month"),
        ],
        strict=True,
    ):
        _cell_lines(row.cells[0], [(label, True)])
        _cell_lines(row.cells[1], [(value, False)])
    _para(doc)
    _para(doc, "CAREER HISTORY", bold=True, size=12)
    for title, company, dates, _start in jobs:
        table = doc.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        for row, (label, value) in zip(
            table.rows, [("Employer:", company), ("Position:", title), ("Period:", dates)], strict=True
        ):
            _cell_lines(row.cells[0], [(label, True)])
            _cell_lines(row.cells[1], [(value, False)])
        _para(doc, "Cost planning, valuations and final accounts on commercial and mining projects.")
        _para(doc)
    _para(doc, "QUALIFICATIONS", bold=True, size=12)
    quals = doc.add_table(rows=len(degrees), cols=3)
    quals.style = "Table Grid"
    for row, (qual, school, years, _level, _year) in zip(quals.rows, degrees, strict=True):
        _cell_lines(row.cells[0], [(qual, False)])
        _cell_lines(row.cells[1], [(school, False)])
        _cell_lines(row.cells[2], [(years, False)])
    return "Candidate_QS-2291_Apex.docx", _docx_bytes(doc), _truth(jobs, degrees, [None])


def _d10_electrician_uk():
    """Contact line first and the name underneath it; "till date" ranges; certificates with years."""
    name = "Dean Harris"
    jobs = [
        ("Approved Electrician", "Bristol Electrical Services Ltd", "2018 \u2013 till date", "2018"),
        ("Electrician", "Balfour Beatty", "2013 \u2013 2018", "2013"),
        ("Apprentice Electrician", "SSE Contracting", "2009 \u2013 2013", "2009"),
    ]
    degrees = [
        ("NVQ Level 3 in Electrotechnical Services", "City of Bristol College", "2013", None, 2013),
        ("GCSEs (9 incl. Maths and English)", "Bristol Brunel Academy", "2009", "secondary", 2009),
    ]
    doc = _new_doc("Verdana", 9.5)
    _para(
        doc,
        "07911 123456  \u00b7  dean.harris@example.com  \u00b7  Bristol BS5  \u00b7  Full UK driving licence",
    )
    _para(doc, name, bold=True, size=22)
    _para(doc, "JIB Approved Electrician")
    _para(doc)
    _para(doc, "EMPLOYMENT", bold=True)
    duties = [
        "Domestic rewires, consumer-unit upgrades, EICRs and EV charger installs.",
        "Commercial fit-outs and containment on hospital and school frameworks.",
        "Four-year apprenticeship on industrial and commercial sites.",
    ]
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        _para(doc, f"{title} \u2014 {company}", bold=True)
        _para(doc, dates, italic=True)
        _para(doc, "\u2022 " + duty)
    _para(doc)
    _para(doc, "QUALIFICATIONS", bold=True)
    for qual, school, years, _level, _year in degrees:
        _para(doc, f"{qual} \u2013 {school} \u2013 {years}")
    _para(doc)
    _para(doc, "CERTIFICATIONS", bold=True)
    _para(doc, "18th Edition Wiring Regulations (BS 7671) \u2013 2019")
    _para(doc, "AM2 Assessment \u2013 2013  \u00b7  JIB ECS Gold Card  \u00b7  IPAF 3a/3b")
    return "dean harris cv 2025.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d11_research_scientist_usa():
    """Name/contact in the header, page footer, education in a DrawingML text box, durations after ranges."""
    name = "Emily R. Chen, Ph.D."
    jobs = [
        ("Senior Research Scientist", "Genentech", "Jan 2022 \u2013 Present", "2022-01"),
        ("Research Scientist", "Amgen Inc.", "Aug 2019 \u2013 Dec 2021 (2 years 5 months)", "2019-08"),
        (
            "Postdoctoral Research Fellow",
            "Stanford University School of Medicine",
            "Sep 2016 \u2013 Jul 2019 (2 years 11 months)",
            "2016-09",
        ),
    ]
    degrees = [
        ("PhD in Biochemistry", "University of Wisconsin\u2013Madison", "2010 \u2013 2016", "doctor", 2016),
        ("B.S. in Chemistry", "University of California, Davis", "2006 \u2013 2010", "bachelor", 2010),
    ]
    doc = _new_doc("Cambria", 10.5)
    section = doc.sections[0]
    section.header.paragraphs[0].add_run(name).bold = True
    _para(section.header, "South San Francisco, CA \u00b7 (650) 555-0147 \u00b7 emily.chen@example.com")
    section.footer.paragraphs[0].add_run("Curriculum Vitae \u2013 E. R. Chen \u2013 confidential")
    box = [("EDUCATION", True)]
    for qual, school, years, _level, _year in degrees:
        box += [(qual, True), (school, False), (years, False), ("", False)]
    box += [("TECHNIQUES", True), ("Cryo-EM, SPR, HDX-MS", False), ("Protein engineering", False)]
    summary = doc.add_paragraph("Protein biochemist focused on antibody developability and biophysics.")
    _add_drawing_textbox(summary, box)
    doc.add_heading("Professional Experience", level=1)
    duties = [
        "Lead a five-person team characterising bispecific antibodies for oncology programs.",
        "Developed a high-throughput aggregation assay adopted across three sites.",
        "Structural studies of membrane transporters; 6 first-author papers.",
    ]
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        _para(doc, title, bold=True)
        _para(doc, company, italic=True)
        _para(doc, dates)
        _para(doc, duty)
        _para(doc)
    doc.add_heading("Selected Publications", level=1)
    _para(doc, "Chen E.R., et al. (2021) Predicting viscosity of IgG1 antibodies. mAbs 13(1).")
    _para(doc, "Chen E.R., Patel S. (2018) Transport cycle of LeuT. Nature Struct. Mol. Biol. 25.")
    names = [name, "Emily R. Chen"]
    return "Chen_Emily_CV.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d12_dental_nurse_canada():
    """Conversion that kept column positions as tab characters."""
    name = "Sophie Tremblay"
    jobs = [
        ("Dental Nurse", "Bloor West Dental Centre", "Jan 2018 \u2013 Present", "2018-01"),
        ("Dental Receptionist", "Smile Dental Group", "May 2015 \u2013 Dec 2017", "2015-05"),
        ("Sterilization Technician", "Humber River Hospital", "Sep 2013 \u2013 Apr 2015", "2013-09"),
    ]
    degrees = [
        ("Diploma in Dental Assisting (Level II)", "George Brown College", "2013 \u2013 2015", None, 2015),
        ("Ontario Secondary School Diploma", "Etobicoke Collegiate Institute", "2013", "secondary", 2013),
    ]
    cities = ["Toronto, ON", "Mississauga, ON", "Toronto, ON"]
    duties = [
        "\u2022\tChairside assisting for 3 dentists; radiographs, impressions, infection control",
        "\u2022\tScheduling, insurance pre-determinations and recall system",
        "\u2022\tReprocessing of surgical instruments to CSA Z314 standards",
    ]
    lines = [name, "Toronto, ON\t(416) 555-0163\tsophie.tremblay@example.ca", "", "PROFESSIONAL EXPERIENCE"]
    for (title, company, dates, _start), city, duty in zip(jobs, cities, duties, strict=True):
        lines += [f"{title}\t\t\t{dates}", f"{company}\t\t{city}", duty]
    lines += ["", "EDUCATION"]
    for qual, school, years, _level, _year in degrees:
        lines += [f"{qual}\t\t{years}", school]
    lines += ["", "CERTIFICATIONS", "CPR Level HCP\t\t2024", "HARP Radiation Safety\t\t2015"]
    doc = _converted_doc(lines, {name, "PROFESSIONAL EXPERIENCE", "EDUCATION", "CERTIFICATIONS"})
    return "Sophie_Tremblay_Resume.docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


def _d13_warehouse_operative_poland():
    """Name typed letter-spaced in capitals; jobs written as single paragraphs with line breaks."""
    jobs = [
        ("Warehouse Operative", "Amazon UK Services Ltd", "Nov 2019 \u2013 Present", "2019-11"),
        ("Forklift Driver", "DHL Supply Chain", "Apr 2016 \u2013 Oct 2019", "2016-04"),
        ("Magazynier", "Jeronimo Martins Polska S.A.", "02.2012 \u2013 03.2016", "2012-02"),
    ]
    degrees = [
        (
            "NVQ Level 2 Certificate in Warehousing and Storage",
            "Nottingham College",
            "2018",
            None,
            2018,
        ),
        (
            "\u015awiadectwo dojrza\u0142o\u015bci (Matura)",
            "III Liceum Og\u00f3lnokszta\u0142c\u0105ce w Poznaniu",
            "2007 \u2013 2011",
            "secondary",
            2011,
        ),
    ]
    duties = [
        "Pick, pack and stow with RF scanner; 130% of rate for 18 months",
        "Counterbalance and reach truck (RTITB licence), loading 40 trailers a shift",
        "Przyjmowanie towaru, inwentaryzacja, obs\u0142uga w\u00f3zka paletowego (goods-in and stock counts)",
    ]
    doc = _new_doc("Calibri", 11)
    _para(doc, "A N D R Z E J   N O W A K", bold=True, size=18)
    _para(doc, "Nottingham NG7 \u2022 07700 900 761 \u2022 andrzej.nowak@example.com")
    _para(doc)
    _para(doc, "WORK HISTORY", bold=True)
    for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
        _br_paragraph(doc, [(title, True), (company, False), (dates, False), ("> " + duty, False)])
    _para(doc)
    _para(doc, "EDUCATION", bold=True)
    for qual, school, years, _level, _year in degrees:
        _br_paragraph(doc, [(qual, True), (school, False), (years, False)])
    _para(doc)
    _para(doc, "VOLUNTEERING", bold=True)
    _br_paragraph(
        doc, [("Volunteer Driver", True), ("FareShare East Midlands", False), ("2021 \u2013 present", False)]
    )
    names = ["ANDRZEJ NOWAK", "Andrzej Nowak"]
    return "CV ANDRZEJ NOWAK.docx", _docx_bytes(doc), _truth(jobs, degrees, names)


def _d14_pharmacy_technician_nigeria():
    """Conversion that kept the running page header, page numbers and Wingdings bullets in the body."""
    name = "Aisha Bello"
    jobs = [
        ("Pharmacy Technician", "HealthPlus Limited", "Feb 2019 \u2013 Date", "2019-02"),
        (
            "Pharmacy Technician",
            "Lagos University Teaching Hospital (LUTH)",
            "Oct 2015 \u2013 Jan 2019",
            "2015-10",
        ),
        ("Dispensary Assistant", "MedPlus Pharmacy", "May 2013 \u2013 Sep 2015", "2013-05"),
    ]
    degrees = [
        (
            "National Diploma in Pharmaceutical Technology",
            "Yaba College of Technology",
            "2011 \u2013 2013",
            None,
            2013,
        ),
        ("Senior School Certificate (SSCE/NECO)", "Queen's College", "2009", "secondary", 2009),
    ]
    running = "AISHA BELLO \u2013 CURRICULUM VITAE"
    bullets = [
        [
            "\uf0d8 Dispensing and counselling for 150+ prescriptions daily",
            "\uf0d8 Stock control on Retail Pro",
        ],
        ["\uf0d8 Compounding of extemporaneous preparations", "\uf0d8 Cold-chain management for vaccines"],
        ["\uf0d8 Shelf arrangement, expiry checks and sales records"],
    ]
    lines = [
        f"{running}\t\t\t\tPage 1 of 2",
        name,
        "No. 14 Adeniran Ogunsanya Street, Surulere, Lagos",
        "+234 802 555 0176 | aisha.bello@example.com.ng",
        "CAREER OBJECTIVE",
        "To contribute my dispensing and inventory skills to a growing community pharmacy.",
        "WORK EXPERIENCE",
    ]
    for i, (title, company, dates, _start) in enumerate(jobs):
        lines += [title, company, dates, *bullets[i]]
        if i == 1:
            lines += [f"{running}\t\t\t\tPage 2 of 2"]
    lines.append("EDUCATION")
    for qual, school, years, _level, _year in degrees:
        lines += [qual, school, years]
    lines += [
        "REFEREES",
        "Pharm. Chukwuma Eze \u2013 Superintendent Pharmacist, HealthPlus Limited \u2013 0803 555 0101",
    ]
    doc = _converted_doc(
        lines, {"CAREER OBJECTIVE", "WORK EXPERIENCE", "EDUCATION", "REFEREES"}, "Cambria", 11
    )
    return "Aisha Bello CV (1).docx", _docx_bytes(doc), _truth(jobs, degrees, [name])


# ---------------------------------------------------------------------------------------------
# PDF documents
# ---------------------------------------------------------------------------------------------


def _p01_sales_engineer_uae():
    """Two columns: shaded sidebar (education inside) on the left, main column right, baselines offset."""
    jobs = [
        ("Senior Sales Engineer", "Schneider Electric FZE", "Jun 2018 \u2013 Present", "2018-06"),
        ("Sales Engineer", "Al Fanar Electrical Systems", "Mar 2014 \u2013 May 2018", "2014-03"),
        ("Application Engineer", "ABB India Ltd", "Jul 2011 \u2013 Feb 2014", "2011-07"),
    ]
    degrees = [
        ("MBA (Marketing)", "Heriot-Watt University Dubai", "2015 \u2013 2017", "master", 2017),
        ("B.E. Electrical Engineering", "Anna University", "2007 \u2013 2011", "bachelor", 2011),
    ]
    duties = [
        [
            "Grew MV switchgear order intake from AED 18m to AED 41m in three years.",
            "Key accounts: DEWA, Emaar.",
        ],
        ["Prepared BOQ-based offers and technical submittals for 60+ tenders a year."],
        ["Selection of drives and LV panels for cement and steel plants in South India."],
    ]

    def draw(pdf):
        pdf.setFillColorRGB(0.92, 0.94, 0.97)
        pdf.rect(0, 0, 185, _PAGE_H, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        side = [("CONTACT", _BOLD), "Dubai, UAE", "+971 50 555 0134", "omar.siddiqui@example.ae", ""]
        side.append(("EDUCATION", _BOLD))
        for qual, school, years, _level, _year in degrees:
            side += [(qual, _BOLD), school, years, ""]
        side += [("SKILLS", _BOLD), "MV/LV switchgear", "Tender & BOQ preparation", "Salesforce CRM", ""]
        side += [("LANGUAGES", _BOLD), "English, Arabic,", "Hindi, Malayalam"]
        _lines(pdf, 24, 748, side, size=8.5, leading=11.5)
        y = _lines(
            pdf, 205, 790, [("OMAR SIDDIQUI", _BOLD, 20), ("Technical Sales | Power Distribution", _ITALIC)]
        )
        y = _lines(pdf, 205, y - 10, [("PROFESSIONAL EXPERIENCE", _BOLD, 11)], leading=17)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            y = _lines(pdf, 205, y, [(title, _BOLD, 10.5), company, (dates, _ITALIC, 9.5)], leading=13.1)
            y = _bullets(pdf, 212, y, duty, width=340) - 9

    names = ["OMAR SIDDIQUI", "Omar Siddiqui"]
    return "Omar_Siddiqui_Sales_Engineer.pdf", _pdf_bytes(draw), _truth(jobs, degrees, names)


def _p02_project_coordinator_canada():
    """Three columns: dates at the far left, titles/companies in the middle, notes at the right."""
    name = "Jessica Morgan"
    jobs = [
        ("Project Coordinator", "EllisDon Corporation", "Apr 2019 \u2013 Present", "2019-04"),
        ("Project Administrator", "City of Ottawa", "Sep 2016 \u2013 Mar 2019", "2016-09"),
        ("Office Coordinator", "Canadian Tire Corporation", "Jan 2014 \u2013 Aug 2016", "2014-01"),
        ("Administrative Assistant", "Bell Canada", "May 2012 \u2013 Dec 2013", "2012-05"),
    ]
    degrees = [
        ("Bachelor of Commerce", "Carleton University", "2008 \u2013 2012", "bachelor", 2012),
        (
            "Certificate in Project Management",
            "University of Toronto School of Continuing Studies",
            "2018",
            None,
            2018,
        ),
    ]
    duties = [
        "Schedules, RFIs, meeting minutes and cost tracking for a hospital build team.",
        "Maintained the PMO risk register and monthly progress reports for council.",
        "Coordinated vendors, floor plans and IT for a head-office relocation.",
        "Calendars, travel and expense reports for two regional directors.",
    ]
    notes = [
        ["$240M hospital build", "MS Project, Procore"],
        ["LRT Stage 2 PMO", "Risk register owner"],
        ["Head office move", "(450 staff)"],
        ["Bilingual support"],
    ]

    def draw(pdf):
        y = _lines(pdf, 36, 800, [(name, _BOLD, 22)], leading=20)
        y = _lines(
            pdf, 36, y, ["Ottawa, ON  |  (613) 555-0114  |  jessica.morgan@example.ca"], size=9, leading=28
        )
        _lines(pdf, 36, y, [("EXPERIENCE", _BOLD, 11)], leading=18)
        _lines(pdf, 430, y, [("NOTES", _BOLD, 9)], leading=18)
        y -= 18
        for (title, company, dates, _start), duty, note in zip(jobs, duties, notes, strict=True):
            _lines(pdf, 36, y - 2.5, [dates], size=8.5)
            _lines(pdf, 430, y + 1.5, note, size=8, leading=10)
            y = _lines(pdf, 140, y, [(title, _BOLD, 10.5), company], leading=13)
            y = _bullets(pdf, 140, y, [duty], 270) - 10
        _lines(pdf, 36, y, [("EDUCATION", _BOLD, 11)], leading=18)
        y -= 18
        for qual, school, years, _level, _year in degrees:
            _lines(pdf, 36, y - 2.5, [years], size=8.5)
            y = _lines(pdf, 140, y, [(qual, _BOLD), school], leading=13) - 6
        _lines(
            pdf,
            430,
            y + 60,
            [("CERTIFICATIONS", _BOLD, 9), "CAPM (PMI), 2018", "Lean Six Sigma", "Yellow Belt"],
            8,
            10,
        )

    return "JMorgan-Resume-2025.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p03_hgv_driver_uk():
    """Employment history as a ruled table grid; date ranges wrap inside their cells."""
    name = "Gary Thompson"
    jobs = [
        ("Class 1 HGV Driver", "Eddie Stobart Logistics", "Jan 2019 \u2013 Present", "2019-01"),
        ("Class 2 HGV Driver", "Wincanton plc", "May 2010 \u2013 Dec 2018", "2010-05"),
        ("Warehouse Shunter", "Tesco Distribution Ltd", "Mar 1998 \u2013 Apr 2010", "1998-03"),
    ]
    degrees = [
        ("NVQ Level 2 in Driving Goods Vehicles", "North Kent College", "2010", None, 2010),
        ("GCSEs (English, Maths, Science)", "Wilmington Grammar School for Boys", "1996", "secondary", 1996),
    ]
    duties = [
        "Trunking and multi-drop across the South East; tachograph and WTD compliant; zero accidents.",
        "Rigid deliveries to 30+ stores a week; ADR packages; daily vehicle walk-round checks.",
        "Yard shunting of trailers; goods-in and loading bay coordination.",
    ]

    def draw(pdf):
        y = _lines(
            pdf,
            36,
            800,
            [(name, _BOLD, 20), "Class 1 (C+E) Driver  \u2022  Dartford, Kent  \u2022  07700 900 233"],
        )
        y = _lines(pdf, 36, y - 8, [("EMPLOYMENT HISTORY", _BOLD, 12)], leading=10)
        rows = [["Dates", "Employer", "Position", "Key duties"]]
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            rows.append([dates, company, title, duty])
        y = _grid_table(pdf, [36, 110, 230, 330, 560], y, rows)
        y = _lines(pdf, 36, y - 24, [("EDUCATION & TRAINING", _BOLD, 12)], leading=16)
        for qual, school, years, _level, _year in degrees:
            y = _lines(pdf, 36, y, [(qual, _BOLD), f"{school}, {years}"], leading=13) - 4
        y = _lines(pdf, 36, y - 12, [("LICENCES", _BOLD, 12)], leading=16)
        _lines(pdf, 36, y, ["C+E, Driver CPC (valid to 2027), Digital tachograph card, ADR (packages)"])

    return "Gary Thompson HGV CV.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p04_call_centre_agent_philippines():
    """Letter-spaced section headings typed with spaces ("E X P E R I E N C E"); durations after ranges."""
    name = "Jose Miguel Reyes"
    jobs = [
        ("Customer Service Team Leader", "Concentrix Philippines", "Oct 2020 \u2013 Present", "2020-10"),
        (
            "Customer Service Representative",
            "Teleperformance Philippines",
            "Feb 2017 \u2013 Sep 2020 (3 years 8 months)",
            "2017-02",
        ),
        (
            "Call Centre Agent",
            "Convergys Philippines",
            "Jun 2015 \u2013 Jan 2017 (1 year 8 months)",
            "2015-06",
        ),
    ]
    degrees = [
        (
            "Bachelor of Arts in Communication",
            "Polytechnic University of the Philippines",
            "2011 \u2013 2015",
            "bachelor",
            2015,
        ),
        (
            "National Certificate II in Contact Center Services",
            "TESDA Women's Center",
            "2015",
            None,
            2015,
        ),
    ]
    duties = [
        "Lead 14 agents on a US telco account; AHT down 11%, CSAT 92%.",
        "Inbound billing and tech-support calls; top-10 quality scores for 6 quarters.",
        "Outbound and inbound voice support for a US retail account.",
    ]

    def draw(pdf):
        y = _lines(pdf, 60, 790, [(name, _BOLD, 22)], leading=18)
        y = _lines(
            pdf,
            60,
            y,
            ["Quezon City, Metro Manila \u00b7 +63 918 555 0107 \u00b7 jm.reyes@example.ph"],
            9,
            30,
        )
        y = _lines(pdf, 60, y, [("E X P E R I E N C E", _BOLD, 11)], leading=20)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            y = _lines(pdf, 60, y, [(title, _BOLD, 10.5), (company, _ITALIC), dates], leading=13)
            y = _bullets(pdf, 66, y, [duty], width=460, glyph="\u2013") - 10
        y = _lines(pdf, 60, y - 6, [("E D U C A T I O N", _BOLD, 11)], leading=20)
        for qual, school, years, _level, _year in degrees:
            y = _lines(pdf, 60, y, [(qual, _BOLD), school, years], leading=13) - 8
        y = _lines(pdf, 60, y - 6, [("S K I L L S", _BOLD, 11)], leading=20)
        _lines(pdf, 60, y, ["Zendesk, Salesforce Service Cloud, Avaya; neutral American accent; 55 wpm"])

    return "REYES_JoseMiguel_CV.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p05_teaching_assistant_uk():
    """Dates right-aligned on the same baseline as the job title."""
    name = "Hannah Lewis"
    jobs = [
        ("Higher Level Teaching Assistant", "Oakfield Primary School", "Sep 2021 \u2013 Present", "2021-09"),
        ("Teaching Assistant", "St Mary's Catholic Primary School", "Sep 2017 \u2013 Jul 2021", "2017-09"),
        ("Nursery Practitioner", "Busy Bees Nursery", "Jan 2015 \u2013 Aug 2017", "2015-01"),
    ]
    degrees = [
        (
            "BA (Hons) Education Studies",
            "Cardiff Metropolitan University",
            "2014 \u2013 2017",
            "bachelor",
            2017,
        ),
        ("CACHE Level 3 Diploma in Childcare and Education", "Coleg Gwent", "2012 \u2013 2014", None, 2014),
    ]
    duties = [
        ["Cover supervision for Year 5 and 6; lead phonics and maths intervention groups.", "ELSA trained."],
        ["1:1 support for pupils with ASD and ADHD; adapted resources with the SENCo."],
        ["Key person for eight pre-school children; EYFS observations and learning journals."],
    ]

    def draw(pdf):
        y = _lines(pdf, 50, 795, [(name, _BOLD, 21)], leading=18)
        y = _lines(
            pdf,
            50,
            y,
            ["Cardiff CF14  |  07700 900 512  |  hannah.lewis@example.co.uk  |  Enhanced DBS"],
            9,
            30,
        )
        pdf.line(50, y + 14, 545, y + 14)
        y = _lines(pdf, 50, y, [("WORK EXPERIENCE", _BOLD, 11.5)], leading=18)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            pdf.setFont("Helvetica", 10)
            pdf.drawRightString(545, y, dates)
            y = _lines(pdf, 50, y, [(title, _BOLD, 10.5), (company, _ITALIC)], leading=13)
            y = _bullets(pdf, 56, y, duty, width=480) - 10
        y = _lines(pdf, 50, y - 4, [("EDUCATION", _BOLD, 11.5)], leading=18)
        for qual, school, years, _level, _year in degrees:
            pdf.setFont("Helvetica", 10)
            pdf.drawRightString(545, y, years)
            y = _lines(pdf, 50, y, [(qual, _BOLD), school], leading=13) - 6

    return "Hannah_Lewis_TA_CV.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p06_retail_store_manager_south_africa():
    """Company and dates share one line (dates at a tab stop); the title sits on the line below."""
    name = "Thandiwe Mokoena"
    jobs = [
        ("Store Manager", "Pick n Pay Retailers (Pty) Ltd", "Mar 2019 \u2013 Present", "2019-03"),
        ("Assistant Store Manager", "Woolworths Holdings Limited", "Jan 2015 \u2013 Feb 2019", "2015-01"),
        ("Department Supervisor", "Edcon Limited", "Jul 2011 \u2013 Dec 2014", "2011-07"),
        ("Sales Associate", "Mr Price Group", "Feb 2009 \u2013 Jun 2011", "2009-02"),
    ]
    degrees = [
        (
            "National Diploma in Retail Business Management",
            "Durban University of Technology",
            "2009 \u2013 2011",
            None,
            2011,
        ),
        ("National Senior Certificate", "Pinetown Girls' High School", "2008", "secondary", 2008),
    ]
    duties = [
        "Run a R180m-turnover supermarket with 95 staff; shrinkage cut from 2.1% to 1.3%.",
        "Food and clothing departments; rostering, stock-takes and merchandising standards.",
        "Supervised ladieswear team of 12; visual merchandising and cash-up controls.",
        "Customer service, till operation and replenishment.",
    ]

    def draw(pdf):
        y = _lines(
            pdf,
            48,
            795,
            [(name, _BOLD, 20), "Umhlanga, KwaZulu-Natal \u2022 082 555 0190 \u2022 thandi.m@example.co.za"],
        )
        y = _lines(pdf, 48, y - 10, [("CAREER HISTORY", _BOLD, 12)], leading=18)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            _lines(pdf, 380, y, [(dates, _BOLD, 10)])
            y = _lines(pdf, 48, y, [(company, _BOLD, 10.5), (title, _ITALIC, 10.5)], leading=13)
            y = _bullets(pdf, 54, y, [duty], width=480) - 9
        y = _lines(pdf, 48, y - 4, [("EDUCATION", _BOLD, 12)], leading=18)
        for qual, school, years, _level, _year in degrees:
            _lines(pdf, 380, y, [(years, _BOLD)])
            y = _lines(pdf, 48, y, [(school, _BOLD), qual], leading=13) - 6

    return "T Mokoena - Store Manager.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p07_data_engineer_usa():
    """Main column left, sidebar right at a slightly different baseline grid, so lines interleave."""
    name = "Michael O'Brien"
    jobs = [
        ("Staff Data Engineer", "Capital One", "2021-06 to present", "2021-06"),
        ("Data Engineer II", "Comcast", "2018-02 to 2021-05", "2018-02"),
        ("ETL Developer", "Cerner Corporation", "2015-07 to 2018-01", "2015-07"),
    ]
    degrees = [
        ("M.Sc. Data Science", "University of Edinburgh", "2014 \u2013 2015", "master", 2015),
        ("B.S. Computer Science", "Purdue University", "2010 \u2013 2014", "bachelor", 2014),
    ]
    duties = [
        ["Streaming fraud features on Kafka + Flink, 2B events/day.", "Mentor for 5 engineers."],
        ["Moved 300 Airflow DAGs from Hadoop to Databricks on AWS."],
        ["SSIS and Oracle PL/SQL loads for clinical reporting."],
    ]

    def draw(pdf):
        y = _lines(pdf, 36, 796, [(name, _BOLD, 22)], leading=18)
        y = _lines(
            pdf,
            36,
            y,
            ["Richmond, VA \u00b7 (804) 555-0138 \u00b7 mobrien@example.com \u00b7 github.com/mobrien"],
            9,
            28,
        )
        side_y = y + 1.7
        y = _lines(pdf, 36, y, [("EXPERIENCE", _BOLD, 11)], leading=17)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            y = _lines(pdf, 36, y, [(title, _BOLD, 10.5), company, (dates, _ITALIC, 9.5)], leading=12.4)
            y = _bullets(pdf, 42, y, duty, width=320, size=9, leading=11.6) - 8
        y = _lines(pdf, 36, y - 2, [("EDUCATION", _BOLD, 11)], leading=17)
        for qual, school, years, _level, _year in degrees:
            y = _lines(pdf, 36, y, [(qual, _BOLD), school, years], leading=12.4) - 5
        side = [
            ("SKILLS", _BOLD, 10),
            "Python, Scala, SQL",
            "Spark, Flink, Kafka",
            "Airflow, dbt",
            "AWS, Terraform",
        ]
        side += ["", ("CERTIFICATIONS", _BOLD, 10), "AWS Solutions Architect", "Associate (2020)", ""]
        side += [("TALKS", _BOLD, 10), "Data + AI Summit 2023:", "Feature stores at scale"]
        _lines(pdf, 400, side_y, side, size=9, leading=11.3)

    return "MichaelOBrien_DataEngineer.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p08_nurse_india():
    """Indian-format CV: 'Curriculum Vitae' first, sentence-style experience, marks table, declaration."""
    name = "Anjali Thomas"
    jobs = [
        ("Staff Nurse", "Apollo Hospitals", "Feb 2019 to Till Date", "2019-02"),
        ("Staff Nurse", "Amrita Institute of Medical Sciences", "Jul 2016 to Jan 2019", "2016-07"),
        ("Trainee Nurse", "Christian Medical College", "Jun 2015 to Jun 2016", "2015-06"),
    ]
    cities = ["Chennai", "Kochi", "Vellore"]
    degrees = [
        ("B.Sc (Hons) Nursing", "Rajiv Gandhi University of Health Sciences", "2015", "bachelor", 2015),
        ("12th / HSC", "St. Teresa's Higher Secondary School", "2011", "secondary", 2011),
    ]

    def draw(pdf):
        pdf.setFont(_BOLD, 15)
        pdf.drawCentredString(_PAGE_W / 2, 800, "CURRICULUM VITAE")
        y = _lines(
            pdf,
            50,
            770,
            [(name.upper(), _BOLD, 12), "Mobile: +91 94470 55512", "E-mail: anjali.t@example.in"],
        )
        y = _lines(pdf, 50, y - 6, [("CAREER OBJECTIVE", _BOLD, 11)], leading=15)
        y = _lines(
            pdf,
            50,
            y,
            ["To work as a dedicated nurse in a reputed hospital and grow professionally."],
            10,
            22,
        )
        y = _lines(pdf, 50, y, [("WORK EXPERIENCE", _BOLD, 11)], leading=15)
        for i, ((title, company, dates, _start), city) in enumerate(zip(jobs, cities, strict=True)):
            verb = "Working" if i == 0 else "Worked"
            y = _lines(pdf, 50, y, [f"{i + 1}. {verb} as {title} in {company}, {city} from {dates}."], 10, 15)
        y = _lines(pdf, 50, y - 6, [("EDUCATIONAL QUALIFICATION", _BOLD, 11)], leading=8)
        rows = [["Course", "Institution", "Year of Passing", "Percentage"]]
        marks = ["74%", "88%"]
        for (qual, school, years, _level, _year), mark in zip(degrees, marks, strict=True):
            rows.append([qual, school, years, mark])
        y = _grid_table(pdf, [50, 165, 380, 470, 545], y, rows, size=9.5)
        y = _lines(pdf, 50, y - 22, [("PERSONAL DETAILS", _BOLD, 11)], leading=15)
        details = [
            "Father's Name          :  Thomas Mathew",
            "Date of Birth           :  12/05/1993",
            "Languages Known    :  English, Malayalam, Tamil, Hindi",
            "Registration             :  Kerala Nurses and Midwives Council, KL-2015-44718",
        ]
        y = _lines(pdf, 50, y, details, 10, 14)
        y = _lines(pdf, 50, y - 10, [("DECLARATION", _BOLD, 11)], leading=15)
        y = _lines(
            pdf,
            50,
            y,
            ["I hereby declare that the above information is true to the best of my knowledge."],
            10,
            30,
        )
        _lines(pdf, 50, y, ["Place: Chennai", "Date:"], 10, 14)
        _lines(pdf, 420, y - 14, [f"({name.upper()})"], 10)

    names = [name.upper(), name]
    return "Anjali Thomas CV.pdf", _pdf_bytes(draw), _truth(jobs, degrees, names)


def _p09_civil_engineer_malaysia():
    """Job history as a Period / Company / Designation table grid, education as a second grid."""
    name = "Muhammad Hafiz bin Ismail"
    jobs = [
        ("Senior Civil Engineer", "Gamuda Berhad", "Mar 2018 \u2013 Present", "2018-03"),
        ("Civil Engineer", "IJM Construction Sdn Bhd", "Jul 2013 \u2013 Feb 2018", "2013-07"),
        ("Site Engineer", "Sunway Construction Sdn Bhd", "Aug 2010 \u2013 Jun 2013", "2010-08"),
    ]
    degrees = [
        ("Master of Engineering (Structural)", "Universiti Malaya", "2014 \u2013 2016", "master", 2016),
        (
            "Bachelor of Civil Engineering (Hons)",
            "Universiti Teknologi MARA",
            "2006 \u2013 2010",
            "bachelor",
            2010,
        ),
    ]
    scope = [
        "MRT Putrajaya Line viaduct packages; temporary works design review.",
        "West Coast Expressway section 5; earthworks and drainage.",
        "Residential towers in Petaling Jaya; piling and RC frame supervision.",
    ]

    def draw(pdf):
        y = _lines(
            pdf,
            40,
            800,
            [(name, _BOLD, 18), "Shah Alam, Selangor | +60 13-555 0161 | hafiz.ismail@example.my"],
        )
        y = _lines(pdf, 40, y - 4, ["Professional Engineer (BEM), Ir."], 9, 30)
        y = _lines(pdf, 40, y, [("EMPLOYMENT RECORD", _BOLD, 12)], leading=8)
        rows = [["Period", "Company", "Designation", "Scope"]]
        for (title, company, dates, _start), work in zip(jobs, scope, strict=True):
            rows.append([dates, company, title, work])
        y = _grid_table(pdf, [40, 140, 270, 380, 555], y, rows)
        y = _lines(pdf, 40, y - 26, [("ACADEMIC QUALIFICATIONS", _BOLD, 12)], leading=8)
        rows = [["Year", "Qualification", "University"]]
        for qual, school, years, _level, _year in degrees:
            rows.append([years, qual, school])
        y = _grid_table(pdf, [40, 140, 340, 555], y, rows)
        y = _lines(pdf, 40, y - 26, [("PROFESSIONAL MEMBERSHIP", _BOLD, 12)], leading=16)
        _lines(
            pdf, 40, y, ["Board of Engineers Malaysia (PE, 2019); Institution of Engineers Malaysia (MIEM)"]
        )

    names = [name, "Muhammad Hafiz Ismail"]
    return "Resume_Hafiz_Ismail.pdf", _pdf_bytes(draw), _truth(jobs, degrees, names)


def _p10_marketing_executive_nigeria():
    """Anonymised agency summary: label column (Role/Company/Dates) and value column, no name."""
    jobs = [
        ("Marketing Executive", "Nestl\u00e9 Nigeria Plc", "May 2019 \u2013 Present", "2019-05"),
        ("Brand Assistant", "Guinness Nigeria Plc", "Mar 2016 \u2013 Apr 2019", "2016-03"),
        ("Sales Representative", "Cadbury Nigeria Plc", "Jan 2014 \u2013 Feb 2016", "2014-01"),
    ]
    degrees = [
        ("B.Sc. Marketing", "University of Lagos", "2016 \u2013 2018", "bachelor", 2018),
        ("HND Business", "Federal Polytechnic Nekede", "2010 \u2013 2013", None, 2013),
    ]
    duties = [
        "Trade activations across 6 states; grew Milo numeric distribution by 9 points.",
        "Brand plans and consumer promotions for Malta Guinness.",
        "Route-to-market sales for confectionery in Lagos mainland.",
    ]

    def draw(pdf):
        pdf.setFillColorRGB(0.1, 0.25, 0.45)
        pdf.rect(0, 770, _PAGE_W, 72, stroke=0, fill=1)
        pdf.setFillColorRGB(1, 1, 1)
        _lines(
            pdf, 40, 810, [("TALENTBRIDGE AFRICA", _BOLD, 16), "Candidate Summary  |  Ref: MK-0417"], 10, 18
        )
        pdf.setFillColorRGB(0, 0, 0)
        y = _lines(
            pdf,
            40,
            745,
            ["Current location: Lagos  |  Availability: 30 days  |  Expected: NGN 750k/month"],
            9.5,
            26,
        )
        y = _lines(pdf, 40, y, [("EMPLOYMENT", _BOLD, 12)], leading=18)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            _lines(pdf, 40, y, [("Role:", _BOLD), ("Company:", _BOLD), ("Dates:", _BOLD)], 9.5, 13)
            y = _lines(pdf, 120, y, [title, company, dates], 10, 13)
            y = _bullets(pdf, 120, y, [duty], width=420) - 10
        y = _lines(pdf, 40, y, [("EDUCATION", _BOLD, 12)], leading=18)
        for qual, school, years, _level, _year in degrees:
            _lines(
                pdf, 40, y, [("Qualification:", _BOLD), ("Institution:", _BOLD), ("Years:", _BOLD)], 9.5, 13
            )
            y = _lines(pdf, 120, y, [qual, school, years], 10, 13) - 6
        _lines(
            pdf, 40, y - 10, ["Candidate details withheld. Contact Talentbridge Africa quoting MK-0417."], 8.5
        )

    return "TBA_MK-0417_profile.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [None])


def _p11_software_tester_poland():
    """Right-aligned dates in dotted month.year form on the title line; company in small grey text."""
    name = "Piotr Zielinski"
    jobs = [
        ("QA Automation Engineer", "Comarch S.A.", "04.2021 \u2013 present", "2021-04"),
        ("Software Tester", "Asseco Poland S.A.", "03.2017 \u2013 03.2021", "2017-03"),
        ("Junior Tester", "Sii Polska", "09.2015 \u2013 02.2017", "2015-09"),
    ]
    degrees = [
        (
            "MSc in Computer Science",
            "AGH University of Science and Technology",
            "2014 \u2013 2016",
            "master",
            2016,
        ),
        ("BSc in Applied Mathematics", "Jagiellonian University", "2011 \u2013 2014", "bachelor", 2014),
    ]
    duties = [
        [
            "Playwright + TypeScript E2E framework for an ERP suite; CI in GitLab.",
            "Cut release regression from 3 days to 5 hours.",
        ],
        ["Manual and API testing of e-health systems; SoapUI, Postman."],
        ["Test case execution and bug reporting in JIRA for banking clients."],
    ]

    def draw(pdf):
        y = _lines(pdf, 56, 790, [(name, _BOLD, 20)], leading=16)
        y = _lines(
            pdf,
            56,
            y,
            ["Krak\u00f3w, Poland \u2022 +48 512 555 090 \u2022 piotr.zielinski@example.pl"],
            9,
            30,
        )
        y = _lines(pdf, 56, y, [("Experience", _BOLD, 13)], leading=18)
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            pdf.setFont(_BOLD, 10)
            pdf.drawRightString(540, y, dates)
            y = _lines(pdf, 56, y, [(title, _BOLD, 11)], leading=13)
            pdf.setFillColorRGB(0.4, 0.4, 0.4)
            y = _lines(pdf, 56, y, [(company, "Helvetica", 9)], leading=13)
            pdf.setFillColorRGB(0, 0, 0)
            y = _bullets(pdf, 60, y, duty, width=470) - 10
        y = _lines(pdf, 56, y, [("Education", _BOLD, 13)], leading=18)
        for qual, school, years, _level, _year in degrees:
            pdf.setFont(_BOLD, 10)
            pdf.drawRightString(540, y, years)
            y = _lines(pdf, 56, y, [(qual, _BOLD, 11), (school, "Helvetica", 9)], leading=13) - 6
        y = _lines(pdf, 56, y - 6, [("Certificates", _BOLD, 13)], leading=18)
        _lines(pdf, 56, y, ["ISTQB Advanced Test Automation Engineer (2022), ISTQB Foundation (2015)"])

    return "Zielinski_Piotr_QA.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p12_hotel_manager_india():
    """Faux small-caps headings and apostrophe-year dates (Apr\u201919)."""
    name = "Vikram Singh Rathore"
    jobs = [
        ("Hotel Manager", "ITC Rajputana", "Apr\u201919 \u2013 Present", "2019-04"),
        ("Front Office Manager", "The Leela Palace New Delhi", "Jun\u201915 \u2013 Mar\u201919", "2015-06"),
        ("Guest Service Associate", "The Taj Mahal Palace", "Jul\u201912 \u2013 May\u201915", "2012-07"),
    ]
    degrees = [
        ("B.Sc. Hospitality & Hotel Administration", "IHM Mumbai", "2009 \u2013 2012", "bachelor", 2012),
        ("Class XII (CBSE)", "Kendriya Vidyalaya No. 1, Jaipur", "2009", "secondary", 2009),
    ]
    duties = [
        "Overall operations of a 218-room business hotel; ARR up 14% YoY.",
        "Managed 45-member front office; Forbes Five-Star audit score 94%.",
        "Butler and guest services for the Tower wing.",
    ]

    def draw(pdf):
        y = _lines(
            pdf, 50, 795, [(name, _BOLD, 20), "Jaipur, Rajasthan | +91 98290 55521 | vs.rathore@example.in"]
        )
        y -= 10
        _small_caps(pdf, 50, y, "Professional Experience")
        y -= 20
        for (title, company, dates, _start), duty in zip(jobs, duties, strict=True):
            y = _lines(pdf, 50, y, [(f"{title}, {company}", _BOLD, 10.5), (dates, _ITALIC)], leading=13)
            y = _bullets(pdf, 56, y, [duty], width=470) - 10
        _small_caps(pdf, 50, y, "Education")
        y -= 20
        for qual, school, years, _level, _year in degrees:
            y = _lines(pdf, 50, y, [(qual, _BOLD), f"{school} | {years}"], leading=13) - 6
        _small_caps(pdf, 50, y - 6, "Awards")
        _lines(pdf, 50, y - 26, ["ITC Hotels \u2018Manager of the Year\u2019 (Rajasthan cluster), 2022"])

    return "Vikram_Rathore_Hotel_Manager.pdf", _pdf_bytes(draw), _truth(jobs, degrees, [name])


def _p13_research_scientist_uk():
    """Two pages; name letter-spaced with PDF char spacing; running header repeated on page 2."""
    jobs = [
        ("Senior Research Scientist", "AstraZeneca", "Oct 2020 \u2013 Present", "2020-10"),
        ("Research Scientist", "The Francis Crick Institute", "Jan 2017 \u2013 Sep 2020", "2017-01"),
        ("Postdoctoral Research Associate", "University of Cambridge", "Oct 2013 \u2013 Dec 2016", "2013-10"),
    ]
    degrees = [
        ("DPhil in Structural Biology", "University of Oxford", "2009 \u2013 2013", "doctor", 2013),
        ("MChem Chemistry", "University of Bristol", "2005 \u2013 2009", "master", 2009),
    ]
    duties = [
        [
            "Lead structural biology for two small-molecule oncology programmes; cryo-EM and X-ray pipelines.",
            "Line manager of three scientists; author on 4 patents.",
            "Established fragment screening by crystallography (XChem) with Diamond Light Source.",
        ],
        [
            "Structure of the human mitochondrial ribosome assembly intermediates by cryo-EM.",
            "Co-supervised two PhD students; ran the Krios facility booking committee.",
        ],
        ["Membrane protein crystallography (GPCRs); BBSRC-funded fellowship."],
    ]

    def header(pdf, page):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, 815, "Dr Eleanor Whitfield \u2014 Curriculum Vitae")
        pdf.drawRightString(545, 815, f"Page {page} of 2")

    def draw(pdf):
        header(pdf, 1)
        _spaced(pdf, 50, 775, "ELEANOR WHITFIELD", 20, 4)
        y = _lines(
            pdf,
            50,
            755,
            [
                "Cambridge, UK \u00b7 +44 7700 900 845 \u00b7 e.whitfield@example.ac.uk \u00b7 ORCID 0000-0002-1825-0097"
            ],
            9,
            30,
        )
        y = _lines(pdf, 50, y, [("RESEARCH EXPERIENCE", _BOLD, 12)], leading=18)
        for i, ((title, company, dates, _start), duty) in enumerate(zip(jobs, duties, strict=True)):
            if i == 2:
                pdf.showPage()
                header(pdf, 2)
                y = 780
            y = _lines(pdf, 50, y, [(title, _BOLD, 11), (company, _ITALIC, 10), dates], leading=13.5)
            y = _bullets(pdf, 56, y, duty, width=480) - 12
            if i == 1:
                _lines(pdf, 50, 40, ["continued overleaf"], 8)
        y = _lines(pdf, 50, y, [("EDUCATION", _BOLD, 12)], leading=18)
        for qual, school, years, _level, _year in degrees:
            y = _lines(pdf, 50, y, [(qual, _BOLD), school, years], leading=13) - 6
        y = _lines(pdf, 50, y - 6, [("SELECTED PUBLICATIONS", _BOLD, 12)], leading=18)
        pubs = [
            "Whitfield E., et al. (2019) Late assembly of the human mitoribosome. Nature 571, 12\u201318.",
            "Whitfield E., Hart D. (2015) Conformational dynamics of the A2A receptor. Cell 161, 101\u2013112.",
        ]
        y = _bullets(pdf, 56, y, pubs, width=480) - 10
        y = _lines(pdf, 50, y, [("REFEREES", _BOLD, 12)], leading=18)
        _lines(
            pdf,
            50,
            y,
            ["Prof. Richard Hale, Group Leader, MRC Laboratory of Molecular Biology", "Available on request"],
        )

    names = ["ELEANOR WHITFIELD", "Eleanor Whitfield"]
    return "Whitfield_E_CV_2pp.pdf", _pdf_bytes(draw), _truth(jobs, degrees, names)


# ---------------------------------------------------------------------------------------------
# Plain-text documents
# ---------------------------------------------------------------------------------------------


def _t01_call_centre_agent_south_africa():
    """Job-board export: labelled fields run together on a handful of CRLF lines."""
    name = "Sipho Dlamini"
    jobs = [
        ("Customer Care Agent", "Vodacom Group Limited", ("03/2019", "Present"), "2019-03"),
        ("Call Centre Agent", "CCI South Africa", ("02/2016", "02/2019"), "2016-02"),
        ("Client Service Consultant", "Discovery Health", ("01/2014", "01/2016"), "2014-01"),
    ]
    degrees = [
        (
            "Higher Certificate in Economic and Management Sciences",
            "University of South Africa (UNISA)",
            "2017",
            None,
            2017,
        ),
        ("National Senior Certificate (Matric)", "Orlando High School", "2012", "secondary", 2012),
    ]
    duties = [
        "Handled 80+ inbound billing and network queries per shift; FCR 87%.",
        "Outbound sales and retention campaigns for a telecoms client.",
        "Medical aid member queries and claims follow-up.",
    ]
    experience = " ".join(
        f"Company Name: {company} Job Title: {title} From: {start} To: {end} Description: {duty}"
        for (title, company, (start, end), _s), duty in zip(jobs, duties, strict=True)
    )
    education = " | ".join(
        f"Institution: {school} Qualification: {qual} Year: {years}"
        for qual, school, years, _l, _y in degrees
    )
    text = "\r\n".join(
        [
            f"{name} | Call Centre Agent | Soweto, Johannesburg | 072 555 0143 | sipho.dlamini@example.co.za",
            "Summary: Trilingual (English, isiZulu, Sesotho) contact centre agent with 10 years inbound and outbound experience.",
            f"Work Experience: {experience}",
            f"Education: {education}",
            "Skills: Genesys, Salesforce, Excel, de-escalation, upselling Languages: English, isiZulu, Sesotho",
            "",
        ]
    )
    return "sipho_dlamini_profile.txt", text.encode("utf-8"), _truth(jobs, degrees, [name])


def _t02_hgv_driver_canada():
    """Pasted profile with ' | ' separators and '||' between entries."""
    name = "Liam Fraser"
    jobs = [
        ("AZ Licensed Truck Driver", "Challenger Motor Freight", "Mar 2018 - Present", "2018-03"),
        ("DZ Truck Driver", "Purolator Inc.", "Jun 2014 - Feb 2018", "2014-06"),
        ("Warehouse Associate", "Loblaw Companies Limited", "May 2011 - May 2014", "2011-05"),
    ]
    degrees = [
        ("Commercial Truck Driver Training (AZ)", "Humber College", "2014", None, 2014),
        (
            "Ontario Secondary School Diploma",
            "Brampton Centennial Secondary School",
            "2011",
            "secondary",
            2011,
        ),
    ]
    duties = [
        "Long-haul cross-border runs to the US Midwest, 11,000 km/month, clean CVOR",
        "City P&D, 120 stops/day, Brampton and Mississauga",
        "Order picking and loading at the Ajax DC",
    ]
    experience = " || ".join(
        f"{title} | {company} | {dates} | {duty}"
        for (title, company, dates, _s), duty in zip(jobs, duties, strict=True)
    )
    education = " || ".join(f"{qual} | {school} | {years}" for qual, school, years, _l, _y in degrees)
    text = "\n".join(
        [
            f"{name} | AZ Driver | Brampton, ON | (905) 555-0188 | liam.fraser@example.ca",
            f"EXPERIENCE | {experience}",
            f"EDUCATION | {education}",
            "LICENCES | Ontario AZ with Z endorsement | FAST card | TDG certified",
            "",
        ]
    )
    return "Liam Fraser.txt", text.encode("utf-8"), _truth(jobs, degrees, [name])


def _t03_nurse_philippines():
    """Windows Notepad paste (UTF-8 BOM): labelled name, whole sections on one line each."""
    name = "Kristine Joy Dela Cruz"
    jobs = [
        ("Staff Nurse", "Philippine General Hospital", "June 2018 - present", "2018-06"),
        ("Ward Nurse", "The Medical City", "April 2015 - May 2018", "2015-04"),
        ("Nursing Attendant", "Manila Doctors Hospital", "May 2014 - March 2015", "2014-05"),
    ]
    degrees = [
        ("Bachelor of Science in Nursing", "Our Lady of Fatima University", "2014", "bachelor", 2014),
        ("Secondary", "Manila Science High School", "2010", "secondary", 2010),
    ]
    duties = [
        "medical-surgical ward, 1:12 ratio",
        "pediatric ward and PICU step-down",
        "vital signs, bed baths",
    ]
    experience = "; ".join(
        f"{title}, {company} ({dates}) - {duty}"
        for (title, company, dates, _s), duty in zip(jobs, duties, strict=True)
    )
    education = "; ".join(f"{qual}: {school}, {years}" for qual, school, years, _l, _y in degrees)
    text = "\r\n".join(
        [
            "CURRICULUM VITAE",
            f"Name: {name}    Address: 45 Mabini St., Tondo, Manila    Mobile: +63 917 555 0123    "
            "Email: kjdelacruz@example.ph",
            "OBJECTIVE: To obtain a Registered Nurse position in a tertiary hospital abroad.",
            f"WORK EXPERIENCE: {experience}",
            f"EDUCATION: {education}",
            "LICENSE: Philippine Nurse Licensure Examination passed November 2014, PRC License No. 0719934",
            "CHARACTER REFERENCES: Ms. Rowena Bautista, RN, Chief Nurse, Philippine General Hospital",
            "",
        ]
    )
    return "KJ DELA CRUZ resume.txt", b"\xef\xbb\xbf" + text.encode("utf-8"), _truth(jobs, degrees, [name])


_BUILDERS = (
    _d01_nurse_uk,
    _d02_data_engineer_india,
    _d03_civil_engineer_nigeria,
    _d04_receptionist_philippines,
    _d05_hotel_manager_uae,
    _d06_payroll_officer_uk,
    _d07_marketing_executive_poland,
    _d08_software_tester_malaysia,
    _d09_quantity_surveyor_south_africa,
    _d10_electrician_uk,
    _d11_research_scientist_usa,
    _d12_dental_nurse_canada,
    _d13_warehouse_operative_poland,
    _d14_pharmacy_technician_nigeria,
    _p01_sales_engineer_uae,
    _p02_project_coordinator_canada,
    _p03_hgv_driver_uk,
    _p04_call_centre_agent_philippines,
    _p05_teaching_assistant_uk,
    _p06_retail_store_manager_south_africa,
    _p07_data_engineer_usa,
    _p08_nurse_india,
    _p09_civil_engineer_malaysia,
    _p10_marketing_executive_nigeria,
    _p11_software_tester_poland,
    _p12_hotel_manager_india,
    _p13_research_scientist_uk,
    _t01_call_centre_agent_south_africa,
    _t02_hgv_driver_canada,
    _t03_nurse_philippines,
)


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [build() for build in _BUILDERS]
