"""Blind layouts 2: thirty hand-written English resumes in real-world layouts.

This set was written WITHOUT reading the resume parser, its tests or any of the
other benchmark sets.  It exists as a held-out measurement: the layouts, date
styles and naming conventions below were chosen from what real resumes look
like around the world (resume.io / Zety / Novoresume exports, Word and Google
Docs templates, Indian, Bangladeshi, Pakistani, Kenyan, Australian, Canadian,
European and US conventions), not from what the parser is known to handle.

``documents()`` returns ``(file name, file bytes, truth)`` for each resume.
Every document is generated deterministically (fixed zip timestamps and core
properties for .docx, ``invariant=1`` for reportlab), so the bytes are
identical on every run.

Truth conventions
-----------------
* ``jobs``: ``[company, title, start]`` for every role printed inside the
  work-experience / employment / appointments section that has a title and a
  date.  Company and title are exactly as printed (a trailing ", City" or
  " | City" is not part of the company).  Company is ``None`` only when no
  employer text is printed at all; "Self-employed" counts as employer text.
  Career breaks, referees, projects, training, certifications, activities and
  education are not jobs.
* ``start``: ``"YYYY-MM"`` when a month is printed for the start, ``"YYYY"``
  when only a year (or a season / quarter such as "Summer 2023", "Q3 2018") is.
* ``degrees``: ``[school, level, year]`` for every entry in the education
  section.  Level is one of bachelor / master / doctor / associate / secondary
  or ``None`` (certificates, diplomas).  Year is the graduation or end year
  (an expected year counts), ``None`` when no year is printed.  Professional
  certifications listed in their own section are not degrees.
* ``names``: the name as printed first (without an honorific such as "Dr."),
  optionally followed by one more acceptable spelling; ``[None]`` when the
  document carries no candidate name.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph

FIXED_TIME = datetime.datetime(2024, 1, 15, 9, 30, 0)
ZIP_TIME = (2024, 1, 15, 9, 30, 0)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Job:
    title: str
    company: str | None
    start: str  # truth: "YYYY-MM" or "YYYY"
    dates: str  # the date range exactly as printed
    place: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Degree:
    qualification: str
    school: str
    level: str | None
    year: int | None
    dates: str = ""
    place: str = ""
    detail: str = ""


def _truth(names: list[str | None], jobs: list[Job], degrees: list[Degree]) -> dict:
    return {
        "jobs": [[job.company, job.title, job.start] for job in jobs],
        "degrees": [[degree.school, degree.level, degree.year] for degree in degrees],
        "names": list(names),
    }


# --------------------------------------------------------------------------- docx helpers

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
TAB = {"left": WD_TAB_ALIGNMENT.LEFT, "center": WD_TAB_ALIGNMENT.CENTER, "right": WD_TAB_ALIGNMENT.RIGHT}
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TCPR_AFTER_SHADING = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip


def _docx(font: str, size: float, margins: tuple[float, float, float, float], letter: bool = False):
    """A blank document with fixed metadata, a base font and page margins (top, right, bottom, left; cm)."""
    doc = Document()
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = "Resume"
    props.comments = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    section = doc.sections[0]
    if letter:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    return doc


def _docx_bytes(doc) -> bytes:
    """Serialise a document with fixed zip timestamps so the bytes never change."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _run(par, text: str, bold=False, italic=False, size=None, color=None, font=None, caps=False):
    run = par.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if font:
        run.font.name = font
    if caps:
        run.font.all_caps = True
    return run


def _fresh_paragraph(container, style=None):
    """The container's untouched trailing paragraph (new cells have one), else a new paragraph."""
    if not isinstance(container, DocxDocument):
        element = container._element
        last = element[-1] if len(element) else None
        if last is not None and last.tag == qn("w:p") and len(last) == 0:
            par = Paragraph(last, container)
            if style:
                par.style = style
            return par
    return container.add_paragraph(style=style)


def _para(container, *parts, style=None, align=None, before=0.0, after=2.0, tabs=(), indent=None, line=None):
    """Add a paragraph; each part is plain text or (text, run-format dict)."""
    par = _fresh_paragraph(container, style)
    fmt = par.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line:
        fmt.line_spacing = line
    if align:
        par.alignment = ALIGN[align]
    if indent is not None:
        fmt.left_indent = Cm(indent)
    for position, kind in tabs:
        fmt.tab_stops.add_tab_stop(Cm(position), TAB[kind])
    for part in parts:
        if isinstance(part, str):
            _run(par, part)
        else:
            _run(par, part[0], **part[1])
    return par


def _bullets(container, items, size=None, after=1.0, style="List Bullet"):
    for item in items:
        _para(container, (item, {"size": size}) if size else item, style=style, after=after)


def _table(container, rows: int, cols: int, widths_cm, style=None):
    table = container.add_table(rows, cols)
    if style:
        table.style = style
    table.autofit = False
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    return table


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    tc_pr.insert_element_before(shd, *TCPR_AFTER_SHADING)


def _cell_borders(cell, **edges: str) -> None:
    """edges like left="single:12:7F7F7F" (val:size in eighths of a point:colour)."""
    inner = ""
    for edge in ("top", "left", "bottom", "right"):
        if edge in edges:
            val, size, color = edges[edge].split(":")
            inner += f'<w:{edge} w:val="{val}" w:sz="{size}" w:space="0" w:color="{color}"/>'
    borders = parse_xml(f"<w:tcBorders {nsdecls('w')}>{inner}</w:tcBorders>")
    cell._tc.get_or_add_tcPr().insert_element_before(borders, "w:shd", *TCPR_AFTER_SHADING)


def _rule(par, color: str = "808080", size: int = 6, edge: str = "bottom") -> None:
    """A paragraph border, as Word templates use under or above section headings."""
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:{edge} w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/></w:pBdr>'
    )
    par._p.get_or_add_pPr().insert_element_before(border, *PPR_AFTER_BORDER)


def _shade_paragraph(par, fill: str) -> None:
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    par._p.get_or_add_pPr().insert_element_before(shd, *PPR_AFTER_BORDER[1:])


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _txbx_paragraph(text: str, bold=False, size=10.0, color="000000", after=80, font=None) -> str:
    fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>' if font else ""
    rpr = f'<w:rPr>{fonts}{"<w:b/>" if bold else ""}<w:color w:val="{color}"/><w:sz w:val="{int(size * 2)}"/></w:rPr>'
    return (
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="{after}"/></w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _textbox(par, inner: list[str], left: float, top: float, width: float, height: float, fill: str) -> None:
    """Anchor a legacy VML text box (as Word/Canva exports do) to a paragraph; sizes in points."""
    xml = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="Sidebar" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:{left}pt;margin-top:{top}pt;width:{width}pt;height:{height}pt;z-index:-251658240;"
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
        f'fillcolor="#{fill}" stroked="f"><v:textbox inset="14pt,24pt,12pt,12pt"><w:txbxContent>'
        f"{''.join(inner)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    par._p.append(parse_xml(xml))


# --------------------------------------------------------------------------- pdf helpers


def _style(
    name: str, font="Helvetica", size=10.0, leading=None, color=colors.black, **extra
) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading or size * 1.3, textColor=color, **extra
    )


def _pdf(story, pagesize=A4, margins=(18, 18, 18, 18), on_page=None, title="Resume") -> bytes:
    """Build a platypus story into invariant PDF bytes (margins top, right, bottom, left in mm)."""
    buf = io.BytesIO()
    top, right, bottom, left = (value * mm for value in margins)
    doc = BaseDocTemplate(buf, pagesize=pagesize, title=title, author="", creator="", invariant=1)
    frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page or (lambda canvas, document: None))])
    doc.build(story)
    return buf.getvalue()


def _canvas(pagesize=A4, title="Resume"):
    buf = io.BytesIO()
    canvas = pdf_canvas.Canvas(buf, pagesize=pagesize, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("")
    canvas.setCreator("")
    return buf, canvas


def _wrap(canvas, text, x, y, width, font="Helvetica", size=9.5, leading=None, color=colors.black) -> float:
    """Draw text wrapped to width from baseline y downwards; return the next baseline."""
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    for line in simpleSplit(text, font, size, width):
        canvas.drawString(x, y, line)
        y -= leading or size * 1.3
    return y


def _canvas_bullets(canvas, items, x, y, width, size=9.0, color=colors.black, bullet="•") -> float:
    for item in items:
        canvas.setFont("Helvetica", size)
        canvas.setFillColor(color)
        canvas.drawString(x, y, bullet)
        y = _wrap(canvas, item, x + 9, y, width - 9, size=size, color=color) - 1.5
    return y


def _two_cols(left, right, widths, valign="TOP") -> Table:
    """A borderless one-row table, the usual way to put a date on the right of a heading."""
    table = Table([[left, right]], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _pbullets(items, style) -> list:
    return [PdfParagraph(escape(item), style, bulletText="•") for item in items]


# --------------------------------------------------------------------------- text helpers


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            code = ord(char)
            out.append(f"\\u{code - 65536 if code > 32767 else code}?")
        else:
            out.append(char)
    return "".join(out)


# =========================================================================== .docx templates


def _d01_resumeio_pharmacist():
    """resume.io "Stockholm"-style export: main column plus shaded sidebar, icon-font glyphs, skill bars."""
    name = "Aisha Rahman"
    jobs = [
        Job(
            "Pharmacist",
            "Boots UK",
            "2018-09",
            "Sep 2018 — Present",
            "Manchester",
            (
                "Responsible pharmacist for a high-street branch dispensing around 4,500 items a month.",
                "Delivered NHS Pharmacy First consultations and New Medicine Service reviews.",
                "Mentored two foundation trainees through their GPhC registration assessment.",
            ),
        ),
        Job(
            "Pre-registration Pharmacist",
            "LloydsPharmacy",
            "2017-07",
            "Jul 2017 — Jul 2018",
            "Salford",
            (
                "Completed a 52-week foundation year across community and care-home services.",
                "Ran a seasonal flu vaccination clinic that administered more than 600 vaccines.",
            ),
        ),
        Job(
            "Pharmacy Counter Assistant",
            "Superdrug Stores plc",
            "2013-10",
            "Oct 2013 — Jun 2017",
            "Manchester",
            (
                "Part-time, weekends and holidays while at university.",
                "Advised customers on over-the-counter medicines under pharmacist supervision.",
            ),
        ),
    ]
    degrees = [
        Degree(
            "Master of Pharmacy (MPharm)",
            "The University of Manchester",
            "master",
            2017,
            "Sep 2013 — Jun 2017",
            "Manchester",
            "First Class Honours. Research project on adherence to inhaled corticosteroids.",
        ),
        Degree(
            "A Levels",
            "Xaverian College",
            "secondary",
            2013,
            "Sep 2011 — Jun 2013",
            "Manchester",
            "Chemistry (A*), Biology (A), Mathematics (A).",
        ),
    ]
    icon = {"font": "Font Awesome 5 Free", "color": "3B6FB6", "size": 10}
    grey = {"size": 8.5, "color": "7A7A7A"}
    doc = _docx("Arial", 10, (1.4, 1.4, 1.4, 1.4))
    _para(doc, (name, {"size": 24, "bold": True, "color": "1A1A1A"}), after=0)
    _para(doc, ("Pharmacist", {"size": 11, "color": "5A5A5A"}), after=12)
    table = _table(doc, 1, 2, (12.6, 5.6))
    main, side = table.rows[0].cells
    _shade(side, "EEF2F7")

    def heading(cell, glyph, text):
        _para(
            cell,
            (glyph, icon),
            "\t",
            (text, {"bold": True, "size": 13}),
            before=10,
            after=6,
            tabs=((0.7, "left"),),
        )

    heading(main, "\uf007", "Profile")
    _para(
        main,
        "GPhC-registered community pharmacist with seven years in high-volume branches, strong in "
        "clinical screening, vaccination services and coaching pharmacy teams.",
        after=4,
    )
    heading(main, "\uf0b1", "Employment History")
    for job in jobs:
        _para(
            main,
            (f"{job.title} at {job.company}, {job.place}", {"bold": True, "size": 10.5}),
            before=6,
            after=1,
        )
        _para(main, (job.dates, grey), after=3)
        _bullets(main, job.bullets, size=9.5)
    heading(main, "\uf19d", "Education")
    for degree in degrees:
        _para(
            main,
            (f"{degree.qualification}, {degree.school}, {degree.place}", {"bold": True, "size": 10.5}),
            before=6,
            after=1,
        )
        _para(main, (degree.dates, grey), after=2)
        _para(main, (degree.detail, {"size": 9.5}), after=2)

    _para(side, ("Details", {"bold": True, "size": 12}), before=8, after=6, indent=0.2)
    for glyph, text in (
        ("\uf3c5", "Manchester, United Kingdom"),
        ("\uf095", "+44 7700 900123"),
        ("\uf0e0", "aisha.rahman@example.com"),
        ("\uf2c2", "GPhC reg. 2219876"),
    ):
        _para(side, (glyph, icon), "  ", (text, {"size": 9}), after=3, indent=0.2)
    _para(side, ("Links", {"bold": True, "size": 12}), before=10, after=4, indent=0.2)
    _para(side, ("\uf08c", icon), "  ", ("LinkedIn", {"size": 9, "color": "3B6FB6"}), after=3, indent=0.2)
    _para(side, ("Skills", {"bold": True, "size": 12}), before=10, after=4, indent=0.2)
    for skill, level in (
        ("Clinical screening", 5),
        ("Medicines optimisation", 5),
        ("Vaccination services", 4),
        ("Team coaching", 4),
        ("PharmOutcomes / EMIS", 3),
    ):
        _para(side, (skill, {"size": 9}), after=1, indent=0.2)
        bar = _table(side, 1, 2, (4.6 * level / 5, 4.6 * (5 - level) / 5 + 0.01))
        _shade(bar.rows[0].cells[0], "3B6FB6")
        _shade(bar.rows[0].cells[1], "C9D4E5")
        _para(bar.rows[0].cells[0], ("", {"size": 2}), after=0, line=0.3)
        _para(bar.rows[0].cells[1], ("", {"size": 2}), after=0, line=0.3)
    _para(side, ("Languages", {"bold": True, "size": 12}), before=10, after=4, indent=0.2)
    for text in ("English — Native", "Urdu — Fluent", "Bengali — Conversational"):
        _para(side, (text, {"size": 9}), after=2, indent=0.2)
    return "aisha_rahman_resume.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d02_word_bold_electrician():
    """Word "Bold" template: name in a dark table band (all-caps formatting), key achievements, references."""
    name = "Liam O'Connor"
    jobs = [
        Job(
            "Journeyperson Electrician",
            "PCL Constructors Inc.",
            "2019-04",
            "April 2019 – Present",
            "Edmonton, AB",
            (
                "Install and commission power and lighting systems on hospital and transit projects up to 25 kV.",
                "Lead a crew of four apprentices and two labourers.",
            ),
        ),
        Job(
            "Electrician",
            "Ledcor Industrial Limited",
            "2015-03",
            "March 2015 – March 2019",
            "Fort McMurray, AB",
            (
                "Maintained motor control centres, VFDs and heat tracing at an oil sands upgrader.",
                "Worked 14-on/7-off rotation in a permit-to-work environment.",
            ),
        ),
        Job(
            "Apprentice Electrician",
            "Bow Valley Electric Ltd.",
            "2011-01",
            "January 2011 – February 2015",
            "Calgary, AB",
            ("Completed all four apprenticeship periods on residential and light commercial sites.",),
        ),
    ]
    achievements = [
        (
            "Finished the Royal Alexandra Hospital switchgear cut-over two days early with zero lost-time incidents.",
            "Recognised with the PCL Safety Leadership award (2022).",
        ),
        ("Cut unplanned MCC downtime by 30% through a thermography inspection schedule.",),
        ("Top marks in the province for 4th-period technical training (94%).",),
    ]
    degrees = [
        Degree(
            "Electrician Pre-Employment Certificate",
            "Northern Alberta Institute of Technology",
            None,
            2010,
            "2010",
        ),
        Degree("High School Diploma", "Harry Ainlay High School", "secondary", 2009, "2009"),
    ]
    doc = _docx("Calibri", 10.5, (1.0, 1.8, 1.6, 1.8))
    band = _table(doc, 2, 1, (17.4,))
    top, sub = band.rows[0].cells[0], band.rows[1].cells[0]
    _shade(top, "1F3864")
    _shade(sub, "D9E2F3")
    _para(
        top,
        (name, {"size": 28, "bold": True, "color": "FFFFFF", "caps": True}),
        before=12,
        after=0,
        indent=0.3,
    )
    _para(top, ("Red Seal Journeyperson Electrician", {"size": 12, "color": "D9E2F3"}), after=12, indent=0.3)
    _para(
        sub,
        (
            "Edmonton, AB  |  780-555-0142  |  liam.oconnor@example.ca  |  Open to camp work",
            {"size": 9.5, "color": "1F3864"},
        ),
        before=4,
        after=4,
        indent=0.3,
    )

    def heading(text):
        par = _para(
            doc, (text, {"bold": True, "size": 14, "color": "1F3864", "caps": True}), before=14, after=4
        )
        _rule(par, "1F3864", 12)

    heading("Summary")
    _para(
        doc,
        "Red Seal electrician with 13 years across industrial, institutional and residential work. "
        "Safety-first, comfortable reading single-line diagrams and mentoring apprentices.",
        after=4,
    )
    heading("Experience")
    for job, wins in zip(jobs, achievements, strict=True):
        _para(doc, (job.title, {"bold": True, "size": 12}), before=8, after=0)
        _para(doc, (f"{job.company}  |  {job.place}  |  {job.dates}", {"color": "595959"}), after=3)
        _bullets(doc, job.bullets)
        _para(doc, ("Key achievements:", {"bold": True, "italic": True}), before=3, after=1)
        _bullets(doc, wins, style="List Bullet 2")
    heading("Education")
    for degree in degrees:
        _para(
            doc,
            (degree.qualification, {"bold": True}),
            " — ",
            degree.school,
            f", {degree.dates}",
            after=2,
        )
    heading("Certifications & Tickets")
    _bullets(
        doc,
        [
            "Interprovincial Red Seal — Construction Electrician (2015)",
            "CSTS-2020, H2S Alive, Fall Protection",
            "Standard First Aid with CPR C",
        ],
    )
    heading("References")
    for ref in (
        "Gordon Mills — Superintendent, PCL Constructors Inc. — 780-555-0199",
        "Rita Chaudhry — Project Manager, Ledcor Industrial Limited — 780-555-0123",
    ):
        _para(doc, ref, after=2)
    return "Liam_OConnor_Electrician_Resume.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d03_indian_mechanical_engineer():
    """Indian resume: career objective, Designation/Duration blocks, marks table, personal details, declaration."""
    name = "Rajesh Kumar Yadav"
    jobs = [
        Job(
            "Senior Engineer – Production",
            "Mahindra & Mahindra Ltd.",
            "2018-07",
            "July 2018 – Till Date",
            "Chakan, Pune",
            (
                "Handling production of engine cylinder heads on a 3-shift line of 240 operators.",
                "Implemented SMED on the VMC cell, reducing changeover time from 45 to 18 minutes.",
                "Coordinating with Quality and Maintenance for IATF 16949 audits.",
            ),
        ),
        Job(
            "Assistant Engineer",
            "Larsen & Toubro Limited",
            "2015-08",
            "Aug 2015 – Jun 2018",
            "Hazira, Surat",
            ("Planned fabrication of pressure vessels and heat exchangers as per ASME Sec VIII.",),
        ),
        Job(
            "Graduate Engineer Trainee",
            "Larsen & Toubro Limited",
            "2014-08",
            "Aug 2014 – Jul 2015",
            "Hazira, Surat",
            ("Rotated through welding, machining and NDT departments.",),
        ),
    ]
    degrees = [
        Degree(
            "M.Tech (Manufacturing Management, WILP)",
            "BITS Pilani",
            "master",
            2020,
            detail="BITS (Deemed University)|7.9 CGPA",
        ),
        Degree(
            "B.Tech (Mechanical Engineering)",
            "Harcourt Butler Technical Institute",
            "bachelor",
            2014,
            detail="AKTU, Lucknow|76.4%",
        ),
        Degree("Class XII", "Kendriya Vidyalaya No. 1", "secondary", 2010, detail="CBSE|84.2%"),
    ]
    doc = _docx("Times New Roman", 11, (1.5, 2.0, 1.5, 2.0))
    _para(doc, ("RESUME", {"bold": True, "size": 14}), align="center", after=6)
    _para(doc, (name, {"bold": True, "size": 16}), after=0)
    _para(doc, "Mobile: +91-98765-43210", after=0)
    _para(doc, "E-mail: rajesh.k.yadav1992@example.in", after=0)
    _para(doc, "Address: Flat 304, Sai Residency, Chakan, Pune – 410501", after=4)
    _rule(doc.paragraphs[-1], "000000", 12)

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 11.5}), before=10, after=4)
        _shade_paragraph(par, "D9D9D9")

    heading("CAREER OBJECTIVE")
    _para(
        doc,
        "To work in a challenging environment where I can utilise my skills in production planning and lean "
        "manufacturing for the growth of the organisation as well as myself.",
        after=2,
    )
    heading("PROFESSIONAL EXPERIENCE  (Total: 9+ years)")
    _para(doc, ("1.  Mahindra & Mahindra Ltd., Chakan, Pune", {"bold": True}), before=4, after=1)
    _para(doc, "Designation\t: ", (jobs[0].title, {"bold": True}), tabs=((3.2, "left"),), after=0)
    _para(doc, f"Duration\t: {jobs[0].dates}", tabs=((3.2, "left"),), after=2)
    _para(doc, ("Key Responsibilities:", {"bold": True}), after=1)
    _bullets(doc, jobs[0].bullets)
    _para(doc, ("2.  Larsen & Toubro Limited, Hazira, Surat", {"bold": True}), before=6, after=1)
    for job in jobs[1:]:
        _para(doc, "Designation\t: ", (job.title, {"bold": True}), tabs=((3.2, "left"),), after=0)
        _para(doc, f"Duration\t: {job.dates}", tabs=((3.2, "left"),), after=2)
        _bullets(doc, job.bullets)
    heading("INDUSTRIAL TRAINING")
    _para(
        doc,
        "Summer Trainee, Bharat Heavy Electricals Limited (BHEL), Haridwar – June 2013 to July 2013 "
        "(6 weeks). Project: Study of turbine blade machining.",
        after=2,
    )
    heading("ACADEMIC QUALIFICATIONS")
    table = _table(doc, 1 + len(degrees), 5, (4.2, 4.6, 3.4, 2.2, 2.6), style="Table Grid")
    for cell, text in zip(
        table.rows[0].cells,
        ("Qualification", "Institute", "Board / University", "Year of Passing", "Percentage / CGPA"),
        strict=True,
    ):
        _para(cell, (text, {"bold": True, "size": 10}), align="center", after=0)
    for row, degree in zip(table.rows[1:], degrees, strict=True):
        board, marks = degree.detail.split("|")
        for cell, text in zip(
            row.cells, (degree.qualification, degree.school, board, str(degree.year), marks), strict=True
        ):
            _para(cell, (text, {"size": 10}), after=0)
    heading("TECHNICAL SKILLS")
    _bullets(
        doc,
        [
            "CAD/CAM: AutoCAD, CATIA V5, SolidWorks",
            "ERP: SAP PP / QM module",
            "Lean tools: 5S, Kaizen, SMED, Poka-Yoke, OEE analysis",
        ],
    )
    heading("PERSONAL DETAILS")
    for label, value in (
        ("Father's Name", "Shri Ram Prakash Yadav"),
        ("Date of Birth", "14/03/1992"),
        ("Gender", "Male"),
        ("Marital Status", "Married"),
        ("Nationality", "Indian"),
        ("Languages Known", "Hindi, English"),
        ("Permanent Address", "Village Rampur, Post Sultanpur, Dist. Sultanpur (U.P.)"),
    ):
        _para(doc, f"{label}\t: {value}", tabs=((4.2, "left"),), after=0)
    heading("DECLARATION")
    _para(
        doc,
        "I hereby declare that the above-mentioned information is true to the best of my knowledge and belief.",
        after=14,
    )
    _para(doc, "Place: Pune\t", (f"({name.upper()})", {"bold": True}), tabs=((17.0, "right"),), after=0)
    _para(doc, "Date: ____________", after=0)
    return "Resume_Rajesh_Yadav_Mech.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d04_word_ion_architect():
    """Word "Ion"-style: coloured name, spaced small-caps headings, tab-aligned dates on the title line."""
    name = "Lucía Fernández Ortega"
    jobs = [
        Job(
            "Project Architect",
            "Foster + Partners",
            "2019-04",
            "04/2019 – present",
            "London, UK",
            (
                "Led design development for a 42,000 m² mixed-use scheme through RIBA Stages 3–4.",
                "Coordinated structural and MEP consultants in a federated Revit model.",
            ),
        ),
        Job(
            "Architect",
            "Arquitectura Vidal Ruiz S.A.",
            "2015-09",
            "09/2015 – 03/2019",
            "Madrid, Spain",
            (
                "Designed social housing and two public libraries for the Comunidad de Madrid.",
                "Prepared planning and building-licence documentation (proyecto básico y de ejecución).",
            ),
        ),
        Job(
            "Intern Architect",
            "MVRDV",
            "2014-02",
            "02/2014 – 07/2014",
            "Rotterdam, Netherlands",
            ("Produced competition models and diagrams for three international competitions.",),
        ),
    ]
    degrees = [
        Degree(
            "Master of Architecture (Máster Habilitante)",
            "Universidad Politécnica de Madrid",
            "master",
            2015,
            "2013 – 2015",
            "Madrid",
            "Thesis: Adaptive reuse of industrial heritage in Legazpi.",
        ),
        Degree(
            "Bachelor of Architectural Studies",
            "Universidad Politécnica de Madrid",
            "bachelor",
            2013,
            "2008 – 2013",
            "Madrid",
            "Erasmus exchange semester at TU Delft, 2011/12.",
        ),
    ]
    accent = "2E74B5"
    doc = _docx("Century Gothic", 10, (2.0, 2.0, 2.0, 2.0))
    _para(doc, (name, {"size": 30, "color": accent}), after=0)
    _para(doc, ("Architect ARB (UK) · COAM (ES)", {"size": 12, "color": "404040"}), after=4)
    _para(
        doc,
        (
            "London, UK  ·  +44 7911 123456  ·  lucia.fernandez.arq@example.com  ·  luciafernandez.studio",
            {"size": 9, "color": "595959"},
        ),
        after=10,
    )

    def heading(text):
        _para(doc, (text, {"size": 12, "color": accent, "caps": True, "bold": True}), before=12, after=4)

    heading("Objective")
    _para(
        doc,
        "Project architect seeking to lead civic and cultural projects from concept to completion.",
        after=2,
    )
    heading("Experience")
    for job in jobs:
        _para(
            doc,
            (job.title, {"bold": True, "size": 11}),
            " | ",
            (job.company, {"size": 11}),
            "\t",
            (job.dates, {"color": "595959"}),
            tabs=((17.0, "right"),),
            before=6,
            after=0,
        )
        _para(doc, (job.place, {"italic": True, "color": "595959", "size": 9}), after=2)
        _bullets(doc, job.bullets, size=9.5)
    heading("Education")
    for degree in degrees:
        _para(
            doc,
            (degree.qualification, {"bold": True, "size": 11}),
            "\t",
            (degree.dates, {"color": "595959"}),
            tabs=((17.0, "right"),),
            before=6,
            after=0,
        )
        _para(doc, (degree.school, {"size": 10}), f", {degree.place}", after=1)
        _para(doc, (degree.detail, {"size": 9.5, "italic": True}), after=2)
    heading("Skills")
    _para(
        doc,
        "Revit · Rhino + Grasshopper · AutoCAD · Enscape · Adobe CC · "
        "Passivhaus design · BIM coordination (ISO 19650)",
        after=2,
    )
    heading("Languages")
    _para(doc, "Spanish (native) · English (C2) · Dutch (A2)", after=2)
    return "LuciaFernandez_CV_2024.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d05_timeline_ux_researcher():
    """Timeline layout: dates in a narrow left column, content right of a vertical rule (table cell border)."""
    name = "Erik Lindqvist"
    jobs = [
        Job(
            "Senior UX Researcher",
            "Spotify AB",
            "2021-04",
            "2021/04 – present",
            "Stockholm",
            (
                "Own the research roadmap for podcast discovery across 14 markets.",
                "Built a diary-study programme now used by six product squads.",
            ),
        ),
        Job(
            "UX Researcher",
            "Klarna Bank AB",
            "2019-01",
            "2019/01 – 2021/03",
            "Stockholm",
            (
                "Ran usability testing and concept validation for the Klarna app checkout.",
                "Introduced a research repository in Dovetail with 900+ tagged insights.",
            ),
        ),
        Job(
            "Usability Consultant",
            "Netlight Consulting AB",
            "2016-08",
            "2016/08 – 2018/12",
            "Stockholm",
            ("Consulted for retail and public-sector clients on accessibility (WCAG 2.1 AA) and usability.",),
        ),
    ]
    degrees = [
        Degree(
            "MSc in Human–Computer Interaction",
            "KTH Royal Institute of Technology",
            "master",
            2016,
            "2014/08 – 2016/06",
            "Stockholm",
            "Thesis: Trust cues in mobile banking onboarding.",
        ),
        Degree(
            "BSc in Cognitive Science",
            "Linköping University",
            "bachelor",
            2014,
            "2011/08 – 2014/06",
            "Linköping",
            "",
        ),
    ]
    doc = _docx("Segoe UI", 10, (1.8, 1.8, 1.8, 1.8))
    _para(doc, (name, {"size": 22, "bold": True}), after=0)
    _para(
        doc,
        (
            "UX Researcher  ·  Stockholm, Sweden  ·  erik.lindqvist@example.se  ·  +46 70 123 45 67",
            {"size": 9, "color": "666666"},
        ),
        after=10,
    )
    _para(
        doc,
        "Mixed-methods researcher who turns ambiguous product questions into decisions. Eight years in "
        "fintech and media, comfortable with both ethnography and survey statistics.",
        after=6,
    )

    def timeline(title, entries):
        _para(doc, (title, {"bold": True, "size": 12, "color": "1B7F79"}), before=10, after=4)
        table = _table(doc, len(entries), 2, (3.4, 14.0))
        for row, (dates, head, sub, bullets) in zip(table.rows, entries, strict=True):
            left, right = row.cells
            _cell_borders(right, left="single:12:1B7F79")
            _para(left, (dates, {"size": 9, "color": "666666"}), align="right", after=0)
            _para(right, (head, {"bold": True}), after=0, indent=0.2)
            _para(right, (sub, {"color": "666666", "size": 9.5}), after=2, indent=0.2)
            for item in bullets:
                _para(right, (f"– {item}", {"size": 9.5}), after=1, indent=0.2)
            _para(right, ("", {"size": 4}), after=4)

    timeline("Experience", [(j.dates, j.title, f"{j.company}, {j.place}", j.bullets) for j in jobs])
    timeline(
        "Education",
        [
            (d.dates, d.qualification, f"{d.school}, {d.place}", (d.detail,) if d.detail else ())
            for d in degrees
        ],
    )
    _para(doc, ("Methods", {"bold": True, "size": 12, "color": "1B7F79"}), before=10, after=4)
    _para(
        doc,
        "Contextual inquiry, diary studies, usability testing, card sorting, conjoint analysis, "
        "survey design (R, Qualtrics), jobs-to-be-done interviewing.",
        after=2,
    )
    return "erik-lindqvist-cv.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d06_employment_table_supply_chain():
    """South African CV with a 4-column Employment History table (Dates | Employer | Role | Location)."""
    name = "Thandiwe Nkosi"
    jobs = [
        Job("Supply Chain Manager", "Unilever South Africa (Pty) Ltd", "2020", "2020 – Present", "Durban"),
        Job("Demand Planner", "Imperial Logistics", "2017", "2017 – 2020", "Johannesburg"),
        Job("Inventory Controller", "Shoprite Holdings Ltd", "2015", "2015 – 2017", "Cape Town"),
        Job("Graduate Trainee, Supply Chain", "Pick n Pay", "2013", "2013 – 2015", "Cape Town"),
    ]
    degrees = [
        Degree("BCom Logistics Management", "Stellenbosch University", "bachelor", 2012, "2012"),
        Degree(
            "National Senior Certificate (Matric)", "Rustenburg Girls' High School", "secondary", 2008, "2008"
        ),
    ]
    doc = _docx("Calibri", 10.5, (1.8, 1.8, 1.8, 1.8))
    _para(doc, (name, {"size": 20, "bold": True, "color": "7B2C3B"}), after=0)
    _para(
        doc,
        "Supply Chain Manager  |  MCIPS  |  Durban, KwaZulu-Natal  |  082 555 0137  |  "
        "thandiwe.nkosi@example.co.za",
        after=8,
    )

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 12, "color": "7B2C3B"}), before=10, after=4)
        _rule(par, "7B2C3B", 8)

    heading("Professional Profile")
    _para(
        doc,
        "End-to-end supply chain professional with 11 years in FMCG and retail. Led S&OP for a R4bn "
        "personal-care portfolio and cut finished-goods inventory by 18% without hurting service levels.",
        after=2,
    )
    heading("Employment History")
    table = _table(doc, 1 + len(jobs), 4, (3.0, 5.6, 5.0, 3.4), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, ("Dates", "Employer", "Role", "Location"), strict=True):
        _shade(cell, "7B2C3B")
        _para(cell, (text, {"bold": True, "color": "FFFFFF"}), after=0)
    for row, job in zip(table.rows[1:], jobs, strict=True):
        for cell, text in zip(row.cells, (job.dates, job.company, job.title, job.place), strict=True):
            _para(cell, text, after=0)
    heading("Key Responsibilities and Achievements")
    _para(doc, ("Unilever – Supply Chain Manager", {"bold": True}), before=4, after=1)
    _bullets(
        doc,
        [
            "Chair the monthly S&OP cycle for personal care (deodorants, skin care).",
            "Delivered a 6-point OTIF improvement (89% to 95%) in FY2022.",
            "Manage 3PL relationships and a team of 9 planners.",
        ],
    )
    _para(doc, ("Imperial Logistics – Demand Planner", {"bold": True}), before=4, after=1)
    _bullets(
        doc,
        [
            "Improved forecast accuracy from 61% to 78% using statistical forecasting in SAP IBP.",
            "Planned inbound volumes for 4 distribution centres.",
        ],
    )
    heading("Education")
    for degree in degrees:
        _para(doc, (degree.qualification, {"bold": True}), f" – {degree.school}, {degree.dates}", after=2)
    heading("Professional Membership")
    _para(doc, "Member, Chartered Institute of Procurement & Supply (MCIPS), 2019", after=2)
    heading("References")
    _para(doc, "Available on request.", after=2)
    return "Thandiwe Nkosi - CV.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d07_promotion_ladder_finance():
    """Canadian finance resume: employer line first, then a promotion ladder of titles with their own dates."""
    name = "Mary-Kate O'Donnell-Hughes"
    rbc = "Royal Bank of Canada"
    jobs = [
        Job(
            "Manager, Corporate Finance",
            rbc,
            "2020-01",
            "Jan 2020 – Present",
            "Toronto, ON",
            (
                "Lead a team of five analysts preparing the $2.1B annual operating budget for Personal & Commercial Banking.",
                "Built the capital allocation model adopted by the CFO office in 2022.",
            ),
        ),
        Job(
            "Senior Analyst, Corporate Finance",
            rbc,
            "2017-03",
            "Mar 2017 – Dec 2019",
            "Toronto, ON",
            ("Owned monthly variance reporting for 11 business lines; cut close timeline by two days.",),
        ),
        Job(
            "Financial Analyst",
            rbc,
            "2015-07",
            "Jul 2015 – Feb 2017",
            "Toronto, ON",
            ("Automated expense allocation in Excel VBA and Essbase, saving 30 hours per month.",),
        ),
        Job(
            "Audit Associate",
            "Deloitte & Touche LLP",
            "2012-09",
            "Sep 2012 – Jun 2015",
            "Toronto, ON",
            ("Audited financial-services clients under IFRS; supervised two first-year associates.",),
        ),
    ]
    degrees = [
        Degree(
            "Bachelor of Commerce (Honours)",
            "Queen's University",
            "bachelor",
            2012,
            "Apr 2012",
            "Kingston, ON",
            "Dean's List 2010–2012; Commerce Society VP Finance",
        )
    ]
    doc = _docx("Garamond", 11, (1.5, 1.9, 1.5, 1.9), letter=True)
    _para(doc, (f"{name}, CPA", {"size": 20, "bold": True}), align="center", after=0)
    _para(
        doc,
        ("Toronto, ON | 416-555-0187 | mk.odonnellhughes@example.com | linkedin.com/in/mkodh", {"size": 9.5}),
        align="center",
        after=6,
    )

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 11, "caps": True}), before=10, after=3)
        _rule(par, "000000", 6)

    right = ((17.7, "right"),)
    heading("Professional Experience")
    for company in (rbc, "Deloitte & Touche LLP"):
        roles = [job for job in jobs if job.company == company]
        _para(
            doc,
            (company, {"bold": True}),
            "\t",
            (roles[0].place, {"bold": True}),
            tabs=right,
            before=6,
            after=1,
        )
        for job in roles:
            _para(
                doc,
                (job.title, {"italic": True}),
                "\t",
                (job.dates, {"italic": True}),
                tabs=right,
                before=2,
                after=1,
            )
            _bullets(doc, job.bullets)
    heading("Education")
    degree = degrees[0]
    _para(
        doc,
        (degree.school, {"bold": True}),
        "\t",
        (degree.place, {"bold": True}),
        tabs=right,
        before=4,
        after=1,
    )
    _para(
        doc,
        (degree.qualification, {"italic": True}),
        "\t",
        (degree.dates, {"italic": True}),
        tabs=right,
        after=1,
    )
    _bullets(doc, [degree.detail])
    heading("Certifications")
    _bullets(doc, ["Chartered Professional Accountant (CPA), CPA Ontario, 2015", "CFA Level II Candidate"])
    heading("Skills")
    _para(
        doc,
        "Financial modelling · Essbase / Hyperion · SAP BPC · Power BI · Excel VBA · French (intermediate)",
        after=2,
    )
    return "MK ODonnell-Hughes Resume.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d08_google_spearmint_teacher():
    """Google Docs "Spearmint": accent bar, "School, Town — Role" lines, upper-case date lines."""
    name = "Siobhán Ní Bhriain"
    jobs = [
        Job(
            "Primary Teacher",
            "St. Brigid's National School",
            "2018-09",
            "SEPTEMBER 2018 - PRESENT",
            "Dublin",
            (
                "Class teacher for 2nd and 3rd class (28 pupils), including two pupils with ASD supports.",
                "Co-ordinate the school's Green Schools programme and Friday book club.",
            ),
        ),
        Job(
            "Substitute Teacher",
            "Gaelscoil Mhuire",
            "2017-01",
            "JANUARY 2017 - JUNE 2018",
            "Cork",
            ("Part-time substitute cover across junior and senior classes, teaching through Irish.",),
        ),
        Job(
            "Special Needs Assistant",
            "Cork Educate Together National School",
            "2016-09",
            "SEPTEMBER 2016 - DECEMBER 2016",
            "Cork",
            ("Supported a senior infants class of 24 pupils.",),
        ),
    ]
    degrees = [
        Degree(
            "M.Ed. in Special Educational Needs",
            "Dublin City University",
            "master",
            2021,
            "SEPTEMBER 2019 - JUNE 2021",
            "Dublin",
            "Dissertation on co-teaching models in Irish primary schools.",
        ),
        Degree(
            "Bachelor of Education (B.Ed.)",
            "Mary Immaculate College",
            "bachelor",
            2016,
            "SEPTEMBER 2012 - MAY 2016",
            "Limerick",
            "Specialism in Gaeilge; First Class Honours.",
        ),
        Degree(
            "Leaving Certificate",
            "Coláiste Íde",
            "secondary",
            2012,
            "JUNE 2012",
            "Dingle",
            "585 points.",
        ),
    ]
    mint, grey = "1C9E88", "666666"
    doc = _docx("Source Sans Pro", 10.5, (1.8, 2.2, 1.8, 2.2), letter=True)
    bar = _para(doc, ("", {"size": 4}), after=10)
    _rule(bar, mint, 36, edge="top")
    _para(doc, (name, {"size": 26, "bold": True}), after=0)
    _para(doc, ("Primary School Teacher", {"size": 12, "color": mint}), after=4)
    _para(
        doc,
        (
            "14 Clonliffe Road, Drumcondra, Dublin 3  ·  (087) 555 0192  ·  siobhan.nibhriain@example.ie",
            {"size": 9, "color": grey},
        ),
        after=8,
    )

    def heading(text):
        _para(doc, (text, {"bold": True, "size": 11, "color": mint, "caps": True}), before=12, after=4)

    heading("Skills")
    _para(
        doc,
        "Differentiated instruction, Aistear and play-based learning, Seesaw, Irish-medium teaching, "
        "Special Education Teacher allocation planning.",
        after=2,
    )
    heading("Experience")
    for job in jobs:
        _para(
            doc,
            (job.company, {"bold": True}),
            f", {job.place} — ",
            (job.title, {"italic": True}),
            before=6,
            after=0,
        )
        _para(doc, (job.dates, {"size": 8.5, "color": grey}), after=2)
        _bullets(doc, job.bullets)
    heading("Education")
    for degree in degrees:
        _para(
            doc,
            (degree.school, {"bold": True}),
            f", {degree.place} — ",
            (degree.qualification, {"italic": True}),
            before=6,
            after=0,
        )
        _para(doc, (degree.dates, {"size": 8.5, "color": grey}), after=2)
        _para(doc, degree.detail, after=2)
    heading("Awards")
    _para(doc, "Teaching Council of Ireland – fully registered (Route 1, Primary), 2017.", after=2)
    heading("Languages")
    _para(doc, "English and Irish (both native), French (B1).", after=2)
    return (
        "Siobhan Ni Bhriain - Teacher CV.docx",
        _docx_bytes(doc),
        _truth([name, "Siobhan Ni Bhriain"], jobs, degrees),
    )


def _d09_zety_textbox_journalist():
    """Zety/Canva-like: main column right, sidebar with contact, skills and EDUCATION in a floating text box."""
    name = "João Pedro Carvalho"
    jobs = [
        Job(
            "Senior Reporter",
            "Folha de S.Paulo",
            "2019-01",
            "Jan ’19 – Present",
            "São Paulo, Brazil",
            (
                "Investigative desk: public procurement, health-care fraud and environmental crime in the Amazon.",
                "Led a six-month data investigation into municipal ambulance contracts (series of 9 stories).",
            ),
        ),
        Job(
            "Reporter",
            "Reuters",
            "2015-03",
            "Mar ’15 – Dec ’18",
            "São Paulo, Brazil",
            ("Covered Brazilian markets, commodities and the 2018 general election for the wire service.",),
        ),
        Job(
            "Freelance Journalist",
            "Self-employed",
            "2012-06",
            "Jun ’12 – Feb ’15",
            "London, UK",
            ("Features on Latin American diaspora for The Guardian, Al Jazeera English and BBC Brasil.",),
        ),
    ]
    degrees = [
        Degree("MA International Journalism", "City, University of London", "master", 2014, "2013 – 2014"),
        Degree("B.A. in Journalism", "Universidade de São Paulo", "bachelor", 2011, "2007 – 2011"),
    ]
    doc = _docx("Calibri", 10.5, (1.6, 1.6, 1.6, 7.6))
    white, pale = "FFFFFF", "D6E4F0"
    sidebar = [
        _txbx_paragraph("CONTACT", bold=True, size=11, color=white, after=60),
        _txbx_paragraph("+55 11 95555-0101", size=9, color=pale, after=20),
        _txbx_paragraph("joao.carvalho@example.com.br", size=9, color=pale, after=20),
        _txbx_paragraph("São Paulo, SP", size=9, color=pale, after=200),
        _txbx_paragraph("SKILLS", bold=True, size=11, color=white, after=60),
        *[
            _txbx_paragraph(s, size=9, color=pale, after=20)
            for s in (
                "Investigative reporting",
                "Data journalism (Python, SQL)",
                "FOIA / LAI requests",
                "Video storytelling",
            )
        ],
        _txbx_paragraph("", size=6, color=pale, after=160),
        _txbx_paragraph("EDUCATION", bold=True, size=11, color=white, after=60),
    ]
    for degree in degrees:
        sidebar += [
            _txbx_paragraph(degree.qualification, bold=True, size=9.5, color=white, after=10),
            _txbx_paragraph(degree.school, size=9, color=pale, after=10),
            _txbx_paragraph(degree.dates, size=8.5, color=pale, after=140),
        ]
    sidebar += [
        _txbx_paragraph("LANGUAGES", bold=True, size=11, color=white, after=60),
        _txbx_paragraph("Portuguese — Native", size=9, color=pale, after=20),
        _txbx_paragraph("English — C2", size=9, color=pale, after=20),
        _txbx_paragraph("Spanish — B2", size=9, color=pale, after=20),
    ]
    anchor = _para(doc, ("", {"size": 2}), after=0)  # Word anchors floating shapes to a paragraph
    _textbox(anchor, sidebar, left=0, top=0, width=190, height=842, fill="0B2545")
    _para(doc, (name, {"size": 26, "bold": True, "color": "0B2545"}), after=0)
    _para(doc, ("Investigative Journalist", {"size": 13, "color": "13315C"}), after=10)

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 12, "color": "0B2545"}), before=12, after=4)
        _rule(par, "8DA9C4", 8)

    heading("Professional Summary")
    _para(
        doc,
        "Award-winning reporter with 12 years in print, wire and freelance journalism. Breaks stories with "
        "public records and data, and explains them for a general audience.",
        after=2,
    )
    heading("Work History")
    for job in jobs:
        _para(doc, (job.title, {"bold": True, "size": 11}), before=6, after=0)
        _para(doc, (job.company, {"color": "13315C"}), f" – {job.place}", after=0)
        _para(doc, (job.dates, {"size": 9, "color": "7F7F7F", "italic": True}), after=2)
        _bullets(doc, job.bullets)
    heading("Awards")
    _bullets(
        doc,
        [
            "Prêmio Esso de Jornalismo — Regional category, 2020",
            "Vladimir Herzog Award — Honourable mention, 2017",
        ],
    )
    return (
        "JoaoPedroCarvalho_Resume.docx",
        _docx_bytes(doc),
        _truth([name, "Joao Pedro Carvalho"], jobs, degrees),
    )


def _d10_military_to_civilian():
    """US military-to-civilian resume: "Title — Company, City, ST" with dates tab-aligned right."""
    name = "Marcus T. Whitfield"
    jobs = [
        Job(
            "Operations Supervisor",
            "FedEx Ground",
            "2021-08",
            "Aug 2021 – Present",
            "Memphis, TN",
            (
                "Supervise 65 package handlers across two sort shifts moving 38,000 packages per night.",
                "Raised on-time dispatch from 91% to 98% by redesigning the trailer-loading sequence.",
            ),
        ),
        Job(
            "Logistics Noncommissioned Officer",
            "U.S. Army",
            "2013-06",
            "Jun 2013 – Jul 2021",
            "Fort Liberty, NC",
            (
                "Rank: Sergeant First Class (E-7). Unit: 82nd Airborne Division.",
                "Accountable for $42M of equipment with zero losses across three deployments.",
                "Planned movement of 1,200 personnel and 300 vehicles for a rapid-deployment exercise.",
            ),
        ),
        Job(
            "Motor Transport Operator",
            "U.S. Army",
            "2009-01",
            "Jan 2009 – May 2013",
            "Fort Hood, TX",
            ("Drove and maintained M1083 FMTV trucks; convoy commander on 140 missions in Afghanistan.",),
        ),
    ]
    degrees = [
        Degree(
            "B.S. in Business Administration",
            "University of Maryland Global Campus",
            "bachelor",
            2020,
            "2020",
            "Adelphi, MD",
        ),
        Degree(
            "Associate of Applied Science in Logistics Management",
            "Fayetteville Technical Community College",
            "associate",
            2016,
            "2016",
            "Fayetteville, NC",
        ),
    ]
    doc = _docx("Cambria", 10.5, (1.5, 1.9, 1.5, 1.9), letter=True)
    _para(doc, (name, {"size": 20, "bold": True}), after=0)
    _para(doc, "Memphis, TN 38118  •  (901) 555-0163  •  marcus.whitfield@example.com", after=2)
    _para(
        doc,
        (
            "Logistics & Operations Leader  |  U.S. Army Veteran  |  Secret Clearance (inactive)",
            {"bold": True, "color": "2F5496"},
        ),
        after=6,
    )
    right = ((17.7, "right"),)

    def heading(text):
        par = _para(
            doc, (text, {"bold": True, "size": 11.5, "color": "2F5496", "caps": True}), before=10, after=3
        )
        _rule(par, "2F5496", 8)

    heading("Professional Summary")
    _para(
        doc,
        "Twelve years leading logistics, transportation and warehouse teams in the U.S. Army and at "
        "FedEx. Lean Six Sigma Green Belt. Known for calm execution under tight timelines.",
        after=2,
    )
    heading("Core Competencies")
    grid = _table(doc, 2, 3, (5.9, 5.9, 5.9))
    for cell, text in zip(
        grid._cells,
        (
            "Supply chain operations",
            "Fleet management",
            "Inventory control",
            "Team leadership (60+)",
            "DOT / OSHA compliance",
            "Lean Six Sigma",
        ),
        strict=True,
    ):
        _para(cell, f"▪ {text}", after=1)
    heading("Professional Experience")
    for job in jobs:
        _para(
            doc,
            (job.title, {"bold": True}),
            f" — {job.company}, {job.place}",
            "\t",
            job.dates,
            tabs=right,
            before=6,
            after=1,
        )
        _bullets(doc, job.bullets)
    heading("Education")
    for degree in degrees:
        _para(
            doc,
            (degree.qualification, {"bold": True}),
            f" — {degree.school}, {degree.place}",
            "\t",
            degree.dates,
            tabs=right,
            before=2,
            after=1,
        )
    heading("Military Training & Awards")
    _bullets(
        doc,
        [
            "Senior Leader Course, U.S. Army Sergeants Major Academy, 2018",
            "Bronze Star Medal; Army Commendation Medal (3)",
            "Lean Six Sigma Green Belt, 2019",
        ],
    )
    return "Marcus_Whitfield_Resume_2024.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d11_word_modern_header_hr():
    """Word "Modern"-style: name and contact live in the page header part; German "since 02/2020" dates."""
    name = "Katharina Vogel"
    jobs = [
        Job(
            "HR Business Partner",
            "Siemens Healthineers AG",
            "2020-02",
            "since 02/2020",
            "Erlangen",
            (
                "Strategic HR partner for the Diagnostics R&D unit (1,100 employees, 4 countries).",
                "Led the HR workstream of a site consolidation, including works-council negotiations.",
            ),
        ),
        Job(
            "HR Generalist",
            "Zalando SE",
            "2017-05",
            "05/2017 – 02/2019",
            "Berlin",
            ("Full-cycle HR support for logistics and tech teams; introduced structured exit interviews.",),
        ),
        Job(
            "Working Student Human Resources",
            "Robert Bosch GmbH",
            "2014-10",
            "10/2014 – 03/2017",
            "Stuttgart",
            ("Part-time (20 h/week) alongside studies: recruiting administration and onboarding events.",),
        ),
    ]
    degrees = [
        Degree(
            "M.A. in Human Resource Management",
            "Universität Mannheim",
            "master",
            2017,
            "10/2015 – 04/2017",
        ),
        Degree(
            "B.A. in Business Administration",
            "Hochschule München",
            "bachelor",
            2015,
            "10/2011 – 09/2015",
        ),
        Degree("Abitur", "Gymnasium Ottobrunn", "secondary", 2011, "06/2011"),
    ]
    doc = _docx("Calibri Light", 10.5, (3.6, 2.0, 1.8, 2.0))
    header = doc.sections[0].header
    top = header.paragraphs[0]
    _run(top, name, size=22, color="C00000")
    top.paragraph_format.space_after = Pt(0)
    _para(header, ("HR Business Partner", {"size": 11, "color": "404040"}), after=0)
    contact = _para(
        header,
        (
            "Nürnberg, Germany | +49 171 5550147 | katharina.vogel@example.de",
            {"size": 9, "color": "7F7F7F"},
        ),
        after=4,
    )
    _rule(contact, "C00000", 12)
    footer = doc.sections[0].footer.paragraphs[0]
    _run(footer, "References available on request", size=8, color="7F7F7F")

    def heading(text):
        _para(doc, (text, {"bold": True, "size": 12, "color": "C00000"}), before=10, after=4)

    heading("Profile")
    _para(
        doc,
        "HR business partner with nine years in healthcare technology, e-commerce and engineering. "
        "Fluent in German and English, experienced with co-determination and international teams.",
        after=2,
    )
    heading("Work Experience")
    for index, job in enumerate(jobs):
        _para(doc, (job.title, {"bold": True, "size": 11}), before=6, after=0)
        _para(doc, (f"{job.company}, {job.place} | {job.dates}", {"color": "595959"}), after=2)
        _bullets(doc, job.bullets)
        if index == 0:
            _para(
                doc,
                (
                    "Career break (parental leave), 03/2019 – 01/2020",
                    {"italic": True, "color": "595959"},
                ),
                before=6,
                after=2,
            )
    heading("Education")
    for degree in degrees:
        _para(doc, (degree.qualification, {"bold": True}), f", {degree.school} | {degree.dates}", after=2)
    heading("Skills")
    _para(
        doc,
        "SAP SuccessFactors · Workday · German labour law (BetrVG) · Change management · "
        "Languages: German (native), English (C1), Spanish (B1)",
        after=2,
    )
    return "Lebenslauf_Katharina_Vogel_EN.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d12_multipage_dentist():
    """UK-style multi-page dental CV; "Dr." name repeated in the header of every page; page breaks."""
    name = "Nadia Haddad"
    jobs = [
        Job(
            "Associate Dentist",
            "Bupa Dental Care",
            "2019-09",
            "September 2019 – present",
            "Edinburgh",
            (
                "Mixed NHS/private list of ~2,800 patients; 60% private restorative and cosmetic work.",
                "Introduced intra-oral scanning workflow for crowns and aligners at the practice.",
            ),
        ),
        Job(
            "Dental Officer",
            "NHS Lothian Public Dental Service",
            "2016-08",
            "August 2016 – August 2019",
            "Edinburgh",
            (
                "Treated patients with additional support needs, including under IV sedation.",
                "Provided domiciliary care to care-home residents across West Lothian.",
            ),
        ),
        Job(
            "General Dental Practitioner",
            "Haddad & Khoury Dental Clinic",
            "2014-10",
            "October 2014 – June 2016",
            "Beirut, Lebanon",
            ("General and paediatric dentistry in a four-surgery family practice.",),
        ),
    ]
    degrees = [
        Degree(
            "MSc in Restorative Dentistry",
            "The University of Edinburgh",
            "master",
            2019,
            "2017 – 2019 (part-time)",
        ),
        Degree(
            "Bachelor of Dental Surgery (BDS)",
            "Saint Joseph University of Beirut",
            "bachelor",
            2014,
            "2009 – 2014",
        ),
    ]
    doc = _docx("Georgia", 10.5, (2.2, 2.0, 2.0, 2.0))
    head = doc.sections[0].header.paragraphs[0]
    head.paragraph_format.tab_stops.add_tab_stop(Cm(17.0), WD_TAB_ALIGNMENT.RIGHT)
    _run(head, f"Dr. {name}", bold=True, size=9, color="365F91")
    _run(head, "\tCurriculum Vitae – GDC No. 271834", size=9, color="7F7F7F")
    _rule(head, "365F91", 6)
    _para(doc, (f"Dr. {name}", {"size": 22, "bold": True, "color": "365F91"}), after=0)
    _para(doc, ("BDS, MSc (Restorative Dentistry), MFDS RCSEd", {"size": 11}), after=2)
    _para(
        doc,
        "12 Marchmont Crescent, Edinburgh EH9 1HN  |  07700 900456  |  nadia.haddad.dds@example.co.uk",
        after=8,
    )

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 12.5, "color": "365F91"}), before=12, after=4)
        _rule(par, "B8CCE4", 8)

    heading("Personal Statement")
    _para(
        doc,
        "Restorative-focused general dentist with ten years of practice in Lebanon and Scotland. I enjoy "
        "complex treatment planning, anxious and special-care patients, and teaching foundation dentists. "
        "I am looking for a principal-track position in a practice that invests in digital dentistry.",
        after=2,
    )
    heading("Professional Experience")
    for job in jobs:
        _para(doc, (job.title, {"bold": True}), before=6, after=0)
        _para(doc, (f"{job.company}, {job.place}", {"italic": True}), after=0)
        _para(doc, (job.dates, {"color": "7F7F7F", "size": 9.5}), after=2)
        _bullets(doc, job.bullets)
    heading("Education & Qualifications")
    for degree in degrees:
        _para(doc, (degree.qualification, {"bold": True}), f" — {degree.school}, {degree.dates}", after=2)
    heading("Memberships & Registration")
    _bullets(
        doc,
        [
            "General Dental Council, full registration No. 271834 (2016)",
            "MFDS, Royal College of Surgeons of Edinburgh (2018)",
            "British Dental Association",
        ],
    )
    _page_break(doc)
    heading("Postgraduate Courses & CPD")
    courses = [
        ("2023", "Invisalign Fundamentals Certification – Align Technology, London"),
        ("2023", "Full-arch implant restoration, hands-on course – Straumann Academy"),
        ("2022", "Advanced endodontics: rotary NiTi systems – Edinburgh Dental Institute"),
        ("2022", "Conscious sedation in dentistry (IV midazolam) – NHS Education for Scotland"),
        ("2021", "Composite artistry: anterior layering – Dr Depesh Academy"),
        ("2021", "Medical emergencies and immediate life support – Resuscitation Council UK"),
        ("2020", "Safeguarding children and adults at risk, Level 2 – NES"),
        ("2019", "Radiography and radiation protection (IR(ME)R) – NES, 5 hours verifiable CPD"),
        (
            "2018",
            "Periodontal management: BSP classification update – British Society of Periodontology",
        ),
        ("2017", "Decontamination and infection control – NES"),
    ]
    for year, text in courses:
        _para(doc, (year, {"bold": True}), "\t", text, tabs=((1.6, "left"),), after=3)
    heading("Audit & Quality Improvement")
    _bullets(
        doc,
        [
            "Re-audit of radiograph quality grading (IR(ME)R) – grade A images rose from 78% to 94% (2022).",
            "Audit of antibiotic prescribing against SDCEP guidance – presented at practice meeting (2020).",
            "Patient-reported anxiety before and after IV sedation clinic introduction (2018).",
        ],
    )
    heading("Publications & Presentations")
    _bullets(
        doc,
        [
            "Haddad N, Ross A. Digital workflows for indirect restorations in general practice. Dental Update. 2022;49(3):210–216.",
            "Haddad N. Special-care dentistry in the community: a case series. Poster, BSDH Spring Conference, 2019.",
        ],
    )
    heading("Teaching")
    _para(
        doc,
        "Educational supervisor for two Dental Foundation Trainees (2021–2023). Clinical tutor for "
        "BDS 4 students, Edinburgh Dental Institute outreach clinic (2017–2019).",
        after=2,
    )
    _page_break(doc)
    heading("Interests")
    _para(doc, "Hill walking (27 Munros so far), Lebanese cookery, volunteering with Dentaid.", after=2)
    heading("Referees")
    for ref in (
        "Dr. Alan Ross, Clinical Director, Bupa Dental Care, Edinburgh – alan.ross@example.co.uk",
        "Mrs. Fiona Grant, Senior Dental Officer, NHS Lothian Public Dental Service – fiona.grant@example.scot",
    ):
        _para(doc, ref, after=4)
    return "Dr_Nadia_Haddad_CV.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


def _d13_bangladesh_bank_teller():
    """Bangladeshi hand-made CV: "Organization : ..." tab blocks, bdjobs-style exam table, SSC/HSC."""
    name = "Farhana Akter"
    jobs = [
        Job(
            "Senior Teller",
            "BRAC Bank Limited",
            "2020-01",
            "January 2020 to Continuing",
            "Gulshan Branch, Dhaka",
        ),
        Job(
            "Teller",
            "Dutch-Bangla Bank Limited",
            "2017-03",
            "March 2017 to December 2019",
            "Motijheel Branch, Dhaka",
        ),
        Job(
            "Customer Service Executive",
            "Grameenphone Ltd.",
            "2016-07",
            "01 July 2016 to 28 February 2017",
            "Customer Care Centre, Dhaka",
        ),
    ]
    duties = [
        "Cash receipt and payment, foreign remittance disbursement, vault management and daily cash position.",
        "Handled over 250 customer transactions daily and maintained zero cash difference for 30 months.",
        "Contractual position. Resolved postpaid billing complaints and SIM replacement requests.",
    ]
    degrees = [
        Degree(
            "BBA", "University of Dhaka", "bachelor", 2016, "4 Years", detail="Finance|CGPA 3.41 out of 4"
        ),
        Degree(
            "HSC",
            "Viqarunnisa Noon School & College",
            "secondary",
            2011,
            "2 Years",
            detail="Business Studies|GPA 5.00 out of 5",
        ),
        Degree(
            "SSC",
            "Viqarunnisa Noon School & College",
            "secondary",
            2009,
            "2 Years",
            detail="Business Studies|GPA 5.00 out of 5",
        ),
    ]
    doc = _docx("Times New Roman", 11, (1.5, 1.8, 1.5, 1.8))
    _para(doc, (name, {"bold": True, "size": 18}), after=0)
    _para(doc, "Mailing Address: House 12, Road 5, Dhanmondi, Dhaka-1205", after=0)
    _para(doc, "Mobile No: +880 1711-555014", after=0)
    _para(doc, "e-mail: farhana.akter.bd@example.com", after=6)

    def heading(text):
        par = _para(doc, (text, {"bold": True, "size": 12}), before=10, after=4)
        _shade_paragraph(par, "BFBFBF")

    tabs = ((4.0, "left"),)
    heading("Career Objective:")
    _para(
        doc,
        "To build a career in the banking sector where I can use my knowledge of cash operations and "
        "customer service, and grow with a reputed organization.",
        after=2,
    )
    heading("Employment History:")
    _para(doc, ("Total Year of Experience : 7.5 Year(s)", {"bold": True}), after=4)
    for number, (job, duty) in enumerate(zip(jobs, duties, strict=True), start=1):
        _para(
            doc,
            (f"{number}. ", {"bold": True}),
            "Organization\t: ",
            (job.company, {"bold": True}),
            tabs=tabs,
            after=0,
        )
        _para(doc, f"    Designation\t: {job.title}", tabs=tabs, after=0)
        _para(doc, f"    Department\t: {job.place}", tabs=tabs, after=0)
        _para(doc, f"    Duration\t: {job.dates}", tabs=tabs, after=0)
        _para(doc, f"    Responsibilities\t: {duty}", tabs=tabs, after=6)
    heading("Academic Qualification:")
    table = _table(doc, 1 + len(degrees), 6, (2.0, 3.2, 4.6, 3.4, 1.8, 2.0), style="Table Grid")
    for cell, text in zip(
        table.rows[0].cells,
        ("Exam Title", "Concentration/ Major", "Institute", "Result", "Pas.Year", "Duration"),
        strict=True,
    ):
        _para(cell, (text, {"bold": True, "size": 10}), after=0)
    for row, degree in zip(table.rows[1:], degrees, strict=True):
        major, result = degree.detail.split("|")
        values = (degree.qualification, major, degree.school, result, str(degree.year), degree.dates)
        for cell, text in zip(row.cells, values, strict=True):
            _para(cell, (text, {"size": 10}), after=0)
    heading("Computer Skills:")
    _para(doc, "MS Office (Word, Excel), Flora Bank, Finacle Core Banking, Internet browsing.", after=2)
    heading("Personal Details:")
    for label, value in (
        ("Father's Name", "Md. Abdul Karim"),
        ("Mother's Name", "Mrs. Rokeya Begum"),
        ("Date of Birth", "April 5, 1994"),
        ("Religion", "Islam"),
        ("Nationality", "Bangladeshi"),
        ("Blood Group", "B+"),
    ):
        _para(doc, f"{label}\t: {value}", tabs=tabs, after=0)
    heading("Reference:")
    _para(
        doc,
        "Md. Rafiqul Islam, Branch Manager, BRAC Bank Limited, Gulshan Branch, Dhaka. Mobile: +880 1819-555022",
        after=2,
    )
    return "CV of Farhana Akter.docx", _docx_bytes(doc), _truth([name], jobs, degrees)


# =========================================================================== .pdf templates


def _p01_novoresume_data_analyst():
    """Novoresume-like two-column canvas: ALL-CAPS name, dingbat icons, drawn skill bars in a sidebar."""
    name = "OLUWASEUN ADEBAYO"
    jobs = [
        Job(
            "Data Analyst",
            "Flutterwave",
            "2021-03",
            "03/2021 – Present",
            "Lagos, Nigeria",
            (
                "Built merchant-churn dashboards in Looker used by 40+ account managers.",
                "Designed an anomaly-detection job in BigQuery that flags failed-payment spikes within 10 minutes.",
            ),
        ),
        Job(
            "Business Intelligence Analyst",
            "Access Bank Plc",
            "2018-07",
            "07/2018 – 02/2021",
            "Lagos, Nigeria",
            (
                "Automated 25 regulatory and management reports with SQL Server and SSIS.",
                "Supported the 2019 Diamond Bank merger with customer de-duplication analysis.",
            ),
        ),
        Job(
            "Data Analyst Intern",
            "Andela",
            "2017-06",
            "06/2017 – 12/2017",
            "Lagos, Nigeria",
            ("Cleaned and analysed fellowship assessment data in Python (pandas).",),
        ),
    ]
    degrees = [
        Degree(
            "B.Sc. Statistics",
            "University of Lagos",
            "bachelor",
            2017,
            "10/2012 – 06/2017",
            "Lagos, Nigeria",
            "Second Class Upper",
        ),
        Degree(
            "West African Senior School Certificate (WASSCE)",
            "King's College",
            "secondary",
            2012,
            "09/2006 – 06/2012",
            "Lagos, Nigeria",
            "8 credits including Mathematics and Further Mathematics",
        ),
    ]
    teal, dark, grey = colors.HexColor("#0E7C86"), colors.HexColor("#222222"), colors.HexColor("#6B6B6B")
    buf, c = _canvas(A4, "Resume")
    width, height = A4
    c.setFillColor(dark)
    c.setFont("Helvetica-Bold", 24)
    c.drawString(36, height - 58, name)
    c.setFillColor(teal)
    c.setFont("Helvetica", 13)
    c.drawString(36, height - 78, "Data Analyst")
    y = _wrap(
        c,
        "Analyst with seven years turning payments and banking data into decisions. SQL, Python and "
        "Looker; I care about clean definitions and dashboards people actually open.",
        36,
        height - 96,
        520,
        size=9.5,
        color=dark,
    )
    contacts = (
        ("+", "adebayo.oluwaseun@example.ng"),
        ("%", "+234 803 555 0199"),
        ("H", "Yaba, Lagos"),
        ("6", "linkedin.com/in/oadebayo"),
    )
    x = 36
    for glyph, text in contacts:
        c.setFillColor(teal)
        c.setFont("ZapfDingbats", 9)
        c.drawString(x, y - 6, glyph)
        c.setFillColor(dark)
        c.setFont("Helvetica", 8.5)
        c.drawString(x + 13, y - 6, text)
        x += 25 + c.stringWidth(text, "Helvetica", 8.5)
    top = y - 24
    c.setFillColor(colors.HexColor("#EEF6F7"))
    c.rect(380, 0, width - 380, top + 10, stroke=0, fill=1)

    def heading(text, hx, hy, hw):
        c.setFillColor(dark)
        c.setFont("Helvetica-Bold", 12)
        c.drawString(hx, hy, text)
        c.setStrokeColor(teal)
        c.setLineWidth(1.5)
        c.line(hx, hy - 4, hx + hw, hy - 4)
        return hy - 20

    y = heading("WORK EXPERIENCE", 36, top - 14, 330)
    for job in jobs:
        c.setFillColor(dark)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(36, y, job.title)
        c.setFillColor(teal)
        c.setFont("Helvetica", 10.5)
        c.drawString(36, y - 14, job.company)
        c.setFillColor(grey)
        c.setFont("Helvetica-Oblique", 8.5)
        c.drawString(36, y - 27, job.dates)
        c.drawRightString(366, y - 27, job.place)
        c.setFont("Helvetica-Oblique", 8)
        c.drawString(36, y - 40, "Achievements/Tasks")
        y = _canvas_bullets(c, job.bullets, 40, y - 52, 326, size=8.8, color=dark) - 8
    y = heading("EDUCATION", 36, y - 4, 330)
    for degree in degrees:
        c.setFillColor(dark)
        c.setFont("Helvetica-Bold", 10.5)
        c.drawString(36, y, degree.qualification)
        c.setFillColor(teal)
        c.setFont("Helvetica", 10)
        c.drawString(36, y - 14, degree.school)
        c.setFillColor(grey)
        c.setFont("Helvetica-Oblique", 8.5)
        c.drawString(36, y - 27, degree.dates)
        c.drawRightString(366, y - 27, degree.place)
        y = _wrap(c, degree.detail, 36, y - 40, 330, "Helvetica", 8.5, color=dark) - 10

    sx = 394
    sy = heading("SKILLS", sx, top - 14, 165)
    for skill, level in (
        ("SQL", 5),
        ("Python (pandas)", 4),
        ("Looker / LookML", 4),
        ("Power BI", 4),
        ("Statistics", 4),
        ("dbt", 3),
        ("Spark", 2),
    ):
        c.setFillColor(dark)
        c.setFont("Helvetica", 9)
        c.drawString(sx, sy, skill)
        c.setFillColor(colors.HexColor("#C9DCDE"))
        c.rect(sx, sy - 9, 160, 4, stroke=0, fill=1)
        c.setFillColor(teal)
        c.rect(sx, sy - 9, 160 * level / 5, 4, stroke=0, fill=1)
        sy -= 24
    sy = heading("LANGUAGES", sx, sy - 8, 165)
    for language, level in (
        ("English", "Native or Bilingual Proficiency"),
        ("Yoruba", "Native or Bilingual Proficiency"),
        ("French", "Elementary Proficiency"),
    ):
        c.setFillColor(dark)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(sx, sy, language)
        c.setFillColor(grey)
        c.setFont("Helvetica-Oblique", 8)
        c.drawString(sx, sy - 11, level)
        sy -= 26
    sy = heading("INTERESTS", sx, sy - 8, 165)
    for interest in ("Open data", "Chess", "Afrobeats production"):
        c.setFillColor(dark)
        c.setFont("Helvetica", 9)
        c.drawString(sx, sy, interest)
        sy -= 14
    c.showPage()
    c.save()
    return "OLUWASEUN_ADEBAYO_CV.pdf", buf.getvalue(), _truth([name, "Oluwaseun Adebayo"], jobs, degrees)


def _p02_classic_paralegal():
    """Classic US resume in Times: employer + city row, then italic title + dates row (platypus tables)."""
    name = "Gabriela Torres"
    jobs = [
        Job(
            "Senior Paralegal",
            "Skadden, Arps, Slate, Meagher & Flom LLP",
            "2019-02",
            "February 2019 – Present",
            "Miami, FL",
            (
                "Support four partners in complex commercial litigation and international arbitration.",
                "Manage e-discovery in Relativity for matters exceeding 2 million documents.",
                "Prepare trial binders, exhibit lists and deposition summaries.",
            ),
        ),
        Job(
            "Paralegal",
            "Baker McKenzie",
            "2015-08",
            "August 2015 – January 2019",
            "Miami, FL",
            (
                "Drafted corporate resolutions and maintained minute books for 120 subsidiaries.",
                "Coordinated Spanish-language document review for Latin American clients.",
            ),
        ),
        Job(
            "Legal Assistant",
            "Johnson & Associates, P.C.",
            "2013-05",
            "May 2013 – July 2015",
            "Coral Gables, FL",
            (
                "Calendared deadlines, e-filed pleadings in state and federal courts, and handled client intake.",
            ),
        ),
    ]
    degrees = [
        Degree(
            "Bachelor of Arts, Political Science",
            "Florida International University",
            "bachelor",
            2012,
            "May 2012",
            "Miami, FL",
        ),
        Degree("Associate in Arts", "Miami Dade College", "associate", 2010, "May 2010", "Miami, FL"),
    ]
    body = _style("body", "Times-Roman", 10.5, 13.5)
    bold = _style("bold", "Times-Bold", 10.5, 13.5)
    italic = _style("italic", "Times-Italic", 10.5, 13.5)
    right = _style("right", "Times-Roman", 10.5, 13.5, alignment=TA_RIGHT)
    right_italic = _style("right_italic", "Times-Italic", 10.5, 13.5, alignment=TA_RIGHT)
    bullet = _style("bullet", "Times-Roman", 10.5, 13, leftIndent=14, bulletIndent=4)
    section = _style("section", "Times-Bold", 11.5, 14, spaceBefore=10)
    story = [
        PdfParagraph(escape(name), _style("name", "Times-Bold", 20, 24, alignment=TA_CENTER)),
        PdfParagraph(
            "Miami, FL 33131 &bull; (305) 555-0178 &bull; gabriela.torres@example.com",
            _style("contact", "Times-Roman", 10.5, 14, alignment=TA_CENTER),
        ),
        Spacer(1, 4),
    ]

    def heading(text):
        story.extend(
            [
                PdfParagraph(text, section),
                HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=1, spaceAfter=4),
            ]
        )

    heading("PROFESSIONAL SUMMARY")
    story.append(
        PdfParagraph(
            "NALA Certified Paralegal with eleven years of litigation and corporate experience in "
            "AmLaw 100 firms. Bilingual English/Spanish.",
            body,
        )
    )
    heading("PROFESSIONAL EXPERIENCE")
    widths = (120 * mm, 59.9 * mm)
    for job in jobs:
        block = [
            _two_cols(
                PdfParagraph(escape(job.company), bold), PdfParagraph(escape(job.place), right), widths
            ),
            _two_cols(
                PdfParagraph(escape(job.title), italic), PdfParagraph(escape(job.dates), right_italic), widths
            ),
            *_pbullets(job.bullets, bullet),
            Spacer(1, 6),
        ]
        story.append(KeepTogether(block))
    heading("EDUCATION")
    for degree in degrees:
        story.append(
            _two_cols(
                PdfParagraph(escape(degree.school), bold), PdfParagraph(escape(degree.place), right), widths
            )
        )
        story.append(
            _two_cols(
                PdfParagraph(escape(degree.qualification), italic),
                PdfParagraph(escape(degree.dates), right_italic),
                widths,
            )
        )
        story.append(Spacer(1, 5))
    heading("CERTIFICATIONS &amp; SKILLS")
    story.extend(
        _pbullets(
            [
                "Certified Paralegal (CP), National Association of Legal Assistants (NALA), 2014",
                "Relativity, iManage, Westlaw, PACER, CaseMap; Spanish (native)",
            ],
            bullet,
        )
    )
    return (
        "Gabriela-Torres-Paralegal-Resume.pdf",
        _pdf(story, LETTER, (15, 18, 15, 18)),
        _truth([name], jobs, degrees),
    )


def _p03_timeline_cabin_crew():
    """Asian cabin-crew CV: photo box, personal data, dates in a narrow left column and a vertical timeline rule."""
    name = "Suharti"
    jobs = [
        Job(
            "Senior Flight Attendant",
            "Emirates",
            "2018-05",
            "May 2018 – Present",
            "Dubai, UAE",
            (
                "Purser-qualified on A380 and B777; lead a cabin team of up to 22 crew.",
                "Trained in premium-cabin service, in-flight medical response and security procedures.",
            ),
        ),
        Job(
            "Flight Attendant",
            "Garuda Indonesia",
            "2014-02",
            "Feb 2014 – Apr 2018",
            "Jakarta, Indonesia",
            ("Domestic and international routes on A330 and B737; Skytrax 5-star service standards.",),
        ),
        Job(
            "Front Office Agent",
            "The Ritz-Carlton, Bali",
            "2012-01",
            "Jan 2012 – Jan 2014",
            "Nusa Dua, Indonesia",
            ("Check-in, concierge requests and VIP arrivals for a 313-room resort.",),
        ),
    ]
    degrees = [
        Degree(
            "Diploma in Hotel Management",
            "Politeknik Pariwisata Bali",
            None,
            2011,
            "2008 – 2011",
            "Bali",
        ),
        Degree(
            "Senior High School (Science)",
            "SMA Negeri 1 Denpasar",
            "secondary",
            2008,
            "2005 – 2008",
            "Denpasar",
        ),
    ]
    navy, gold, grey = colors.HexColor("#1D2A44"), colors.HexColor("#B08D57"), colors.HexColor("#666666")
    buf, c = _canvas(A4, "Curriculum Vitae")
    width, height = A4
    c.setFillColor(navy)
    c.setFont("Helvetica-Bold", 28)
    c.drawString(40, height - 70, name)
    c.setFillColor(gold)
    c.setFont("Helvetica", 13)
    c.drawString(40, height - 90, "Senior Flight Attendant")
    c.setFillColor(grey)
    c.setFont("Helvetica", 9)
    c.drawString(40, height - 108, "Al Qusais, Dubai, UAE  |  +971 50 555 0147  |  suharti.crew@example.com")
    c.drawString(
        40, height - 121, "Nationality: Indonesian  |  Date of birth: 12 March 1990  |  Height: 165 cm"
    )
    c.drawString(40, height - 134, "Languages: English, Bahasa Indonesia, Arabic (basic)")
    c.setStrokeColor(grey)
    c.setFillColor(colors.HexColor("#E6E6E6"))
    c.rect(width - 120, height - 125, 80, 95, stroke=1, fill=1)
    line_x, text_x = 142, 156

    def section(title, y):
        c.setFillColor(navy)
        c.setFont("Helvetica-Bold", 12)
        c.drawString(40, y, title.upper())
        c.setStrokeColor(gold)
        c.setLineWidth(1)
        c.line(40, y - 5, width - 40, y - 5)
        return y - 26

    def entry(dates, head, sub, bullets, y):
        c.setFillColor(grey)
        c.setFont("Helvetica", 8.5)
        c.drawRightString(line_x - 10, y, dates)
        c.setFillColor(gold)
        c.circle(line_x, y + 3, 3.2, stroke=0, fill=1)
        c.setFillColor(navy)
        c.setFont("Helvetica-Bold", 10.5)
        c.drawString(text_x, y, head)
        c.setFillColor(grey)
        c.setFont("Helvetica", 9.5)
        c.drawString(text_x, y - 13, sub)
        return _canvas_bullets(c, bullets, text_x, y - 27, width - 40 - text_x, size=9, color=navy) - 10

    y = section("Career Objective", height - 160)
    y = _wrap(
        c,
        "Experienced senior crew member seeking a Cabin Services Supervisor role with a full-service "
        "carrier, bringing ten years of aviation and luxury hospitality service.",
        40,
        y + 6,
        width - 80,
        size=9.5,
        color=navy,
    )
    y = section("Work Experience", y - 10)
    top = y + 10
    for job in jobs:
        y = entry(job.dates, job.title, f"{job.company}  |  {job.place}", job.bullets, y)
    c.setStrokeColor(gold)
    c.setLineWidth(1.2)
    c.line(line_x, top, line_x, y + 12)
    y = section("Education", y - 6)
    top = y + 10
    for degree in degrees:
        y = entry(degree.dates, degree.qualification, f"{degree.school}  |  {degree.place}", (), y)
    c.line(line_x, top, line_x, y + 12)
    y = section("Training & Licences", y - 6)
    y = _canvas_bullets(
        c,
        [
            "Emirates Cabin Crew Initial Training, Emirates Aviation College, Dubai (2018)",
            "GCAA Cabin Crew Licence; Advanced First Aid; Dangerous Goods Awareness (2023 recurrent)",
            "Garuda Indonesia Training Center – Basic Safety and Emergency Procedures (2014)",
        ],
        40,
        y + 6,
        width - 80,
        size=9,
        color=navy,
    )
    c.showPage()
    c.save()
    return "CV_Suharti_Cabin_Crew.pdf", buf.getvalue(), _truth([name], jobs, degrees)


def _p04_multipage_civil_servant():
    """UK civil-service CV over several pages, name and page number in a running header on every page."""
    name = "Fiona MacLeod"
    jobs = [
        Job(
            "Grade 7 Policy Adviser",
            "HM Treasury",
            "2020-10",
            "Oct 2020 – present",
            "London",
            (
                "Lead adviser on public-sector pay policy for the Spending Review 2021 and the 2022 pay round.",
                "Draft submissions and briefing for the Chief Secretary to the Treasury; manage a team of three.",
            ),
        ),
        Job(
            "Senior Executive Officer, Policy",
            "Department for Education",
            "2017-04",
            "Apr 2017 – Sep 2020",
            "London",
            (
                "Developed the national funding formula for high-needs provision and its consultation response.",
                "Secretariat to the ministerial SEND review board.",
            ),
        ),
        Job(
            "Higher Executive Officer",
            "Cabinet Office",
            "2014-09",
            "Sep 2014 – Mar 2017",
            "London",
            ("Policy officer in the Constitution Group, supporting the Wales Act 2017 bill team.",),
        ),
        Job(
            "Executive Officer",
            "HM Revenue & Customs",
            "2011-09",
            "Sep 2011 – Aug 2014",
            "Edinburgh",
            ("Compliance caseworker for small and medium enterprises; later Fast Stream assessment centre.",),
        ),
    ]
    degrees = [
        Degree(
            "DPhil in Socio-Legal Studies",
            "University of Oxford",
            "doctor",
            2011,
            "2007 – 2011",
            detail="Thesis: Devolution and the administrative justice system in Scotland.",
        ),
        Degree(
            "LL.B. (Hons) Law",
            "University of Edinburgh",
            "bachelor",
            2007,
            "2003 – 2007",
            detail="First Class. Dissertation on judicial review of ministerial guidance.",
        ),
    ]
    heading = _style("h", "Helvetica-Bold", 12, 15, colors.HexColor("#00594F"), spaceBefore=12, spaceAfter=4)
    body = _style("body", "Helvetica", 10, 14, spaceAfter=4)
    small = _style("small", "Helvetica", 9.5, 13, colors.HexColor("#555555"))
    bold = _style("bold", "Helvetica-Bold", 10.5, 14)
    bullet = _style("bullet", "Helvetica", 10, 13.5, leftIndent=14, bulletIndent=4, spaceAfter=2)

    def running_header(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 9)
        canvas.setFillColor(colors.HexColor("#00594F"))
        canvas.drawString(20 * mm, A4[1] - 12 * mm, name)
        canvas.setFont("Helvetica", 9)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, f"Curriculum Vitae – page {doc.page}")
        canvas.setStrokeColor(colors.HexColor("#00594F"))
        canvas.line(20 * mm, A4[1] - 14 * mm, A4[0] - 20 * mm, A4[1] - 14 * mm)
        canvas.restoreState()

    story = [
        PdfParagraph(escape(name), _style("name", "Helvetica-Bold", 22, 26)),
        PdfParagraph(
            "Grade 7 Policy Adviser, HM Treasury &nbsp;|&nbsp; fiona.macleod@example.org.uk &nbsp;|&nbsp; "
            "07700 900987 &nbsp;|&nbsp; Security clearance: SC",
            small,
        ),
        PdfParagraph("Personal statement", heading),
        PdfParagraph(
            "Policy professional with thirteen years across four departments, spanning tax administration, "
            "constitutional policy, education funding and public-sector pay. I combine legal training with "
            "strong analytical and drafting skills, and I enjoy leading small teams through high-profile, "
            "time-critical work with ministers and No10.",
            body,
        ),
        PdfParagraph("Employment history", heading),
    ]
    behaviours = {
        "HM Treasury": [
            (
                "Making Effective Decisions",
                "Faced with three competing pay-award options and incomplete workforce "
                "data, I commissioned rapid analysis from the Office for National Statistics, tested the results with "
                "departmental finance directors and presented ministers with a clear recommendation and risks. The "
                "recommended option was adopted and came in within the 3% envelope.",
            ),
            (
                "Leadership",
                "I took over a team with two vacancies during the spending review. I re-prioritised work "
                "openly, arranged loans from another team and introduced weekly check-ins; the team delivered every "
                "commission on time and both new starters have since been promoted.",
            ),
        ],
        "Department for Education": [
            (
                "Communicating and Influencing",
                "I explained the effect of the high-needs formula to 150 local "
                "authorities through webinars and written guidance, and handled the resulting correspondence. Survey "
                "feedback rated the guidance 4.5/5 for clarity.",
            ),
            (
                "Delivering at Pace",
                "When the consultation closed with 2,300 responses, I set up an analysis plan and "
                "coding frame with colleagues in analysis and policy, which allowed the response to publish a month "
                "ahead of schedule.",
            ),
        ],
    }
    for job in jobs:
        story.append(
            KeepTogether(
                [
                    _two_cols(
                        PdfParagraph(escape(job.title), bold),
                        PdfParagraph(escape(job.dates), _style("r", "Helvetica", 10, 14, alignment=TA_RIGHT)),
                        (120 * mm, 50 * mm),
                    ),
                    PdfParagraph(escape(f"{job.company}, {job.place}"), small),
                    *_pbullets(job.bullets, bullet),
                ]
            )
        )
        for behaviour, example in behaviours.get(job.company, []):
            story.append(PdfParagraph(f"<i>{escape(behaviour)}.</i> {escape(example)}", body))
        story.append(Spacer(1, 6))
    story.append(PdfParagraph("Education", heading))
    for degree in degrees:
        story.append(
            _two_cols(
                PdfParagraph(escape(degree.qualification), bold),
                PdfParagraph(escape(degree.dates), _style("r2", "Helvetica", 10, 14, alignment=TA_RIGHT)),
                (120 * mm, 50 * mm),
            )
        )
        story.append(PdfParagraph(escape(degree.school), small))
        story.append(PdfParagraph(escape(degree.detail), body))
    story.append(PdfParagraph("Learning and development", heading))
    story.extend(
        _pbullets(
            [
                "Policy Profession Standards – Practitioner level accreditation (2019)",
                "Civil Service Leadership Academy: Leading Teams programme (2021)",
                "Government Economic Service: Economics for Policy Makers (2018)",
                "Parliamentary Bill Team training, Cabinet Office (2015)",
            ],
            bullet,
        )
    )
    story.append(PdfParagraph("Publications", heading))
    story.extend(
        _pbullets(
            [
                "MacLeod, F. (2012) 'Administrative justice after devolution', Public Law, pp. 512–530.",
                "MacLeod, F. (2010) 'Tribunals in Scotland: a reform agenda', Edinburgh Law Review 14(2), pp. 233–251.",
            ],
            bullet,
        )
    )
    story.append(PdfParagraph("Volunteering and interests", heading))
    story.append(
        PdfParagraph(
            "School governor, Lambeth Academy (2019–present). Member of the Civil Service "
            "Gaelic network. Hill running and ceilidh dancing.",
            body,
        )
    )
    story.append(PageBreak())
    story.append(PdfParagraph("Referees", heading))
    story.append(
        PdfParagraph("Dr Alasdair Grant, Deputy Director, Public Sector Pay and Pensions, HM Treasury", body)
    )
    story.append(PdfParagraph("Ms Priya Nair, Head of High Needs Funding, Department for Education", body))
    pdf = _pdf(story, A4, (22, 20, 18, 20), on_page=running_header, title="CV")
    return "MacLeod_F_CV.pdf", pdf, _truth([name], jobs, degrees)


def _p05_google_coral_chef():
    """Google Docs "Coral": coral headings, "Restaurant, City — Role" lines and upper-case month dates."""
    name = "Matteo Rossi"
    jobs = [
        Job(
            "Head Chef",
            "Trattoria Da Enzo",
            "2021-03",
            "MARCH 2021 - PRESENT",
            "Rome",
            (
                "Run a 60-cover kitchen brigade of 9; rewrote the seasonal menu around Lazio producers.",
                "Brought food cost from 34% to 28% while earning a Gambero Rosso 'Due Gamberi' listing.",
            ),
        ),
        Job(
            "Sous Chef",
            "The Fat Duck",
            "2017-06",
            "JUNE 2017 - FEBRUARY 2021",
            "Bray",
            ("Second in command of the development kitchen; led service on the chef's day off.",),
        ),
        Job(
            "Chef de Partie",
            "Hotel Hassler Roma",
            "2014-09",
            "SEPTEMBER 2014 - MAY 2017",
            "Rome",
            ("Pastry and then fish section in the hotel's Michelin-starred restaurant.",),
        ),
        Job(
            "Commis Chef",
            "La Pergola",
            "2012-05",
            "MAY 2012 - AUGUST 2014",
            "Rome",
            ("Rotated through all sections under chef Heinz Beck.",),
        ),
    ]
    degrees = [
        Degree(
            "Diploma in Italian Culinary Arts",
            "ALMA Scuola Internazionale di Cucina Italiana",
            None,
            2012,
            "SEPTEMBER 2011 - APRIL 2012",
            "Colorno",
        ),
        Degree(
            "High School Diploma (Diploma di Maturità), Hospitality Services",
            "Istituto Alberghiero Amerigo Vespucci",
            "secondary",
            2011,
            "SEPTEMBER 2006 - JULY 2011",
            "Rome",
        ),
    ]
    coral, grey = colors.HexColor("#F2735B"), colors.HexColor("#555555")
    title = _style("title", "Helvetica-Bold", 30, 34, colors.HexColor("#222222"))
    heading = _style("heading", "Helvetica-Bold", 10.5, 13, coral, spaceBefore=14, spaceAfter=6)
    line = _style("line", "Helvetica", 11, 14, spaceBefore=6)
    dates = _style("dates", "Helvetica", 8, 11, grey, spaceAfter=3)
    body = _style("body", "Helvetica", 10, 13.5)
    bullet = _style("bullet", "Helvetica", 10, 13.5, leftIndent=14, bulletIndent=4, spaceAfter=1)
    contact = _style("contact", "Helvetica", 9, 12, grey, alignment=TA_RIGHT)
    header = _two_cols(
        PdfParagraph(escape(name), title),
        PdfParagraph(
            "Via dei Coronari 41<br/>00186 Roma, Italia<br/>+39 333 555 0123<br/>"
            "<b>matteo.rossi.chef@example.it</b>",
            contact,
        ),
        (115 * mm, 60 * mm),
    )
    story = [
        header,
        Spacer(1, 10),
        PdfParagraph(
            "Chef with twelve years in Michelin-starred and high-volume kitchens in Rome and England. "
            "Obsessed with produce, prep discipline and training young cooks.",
            body,
        ),
    ]
    story.append(PdfParagraph("EXPERIENCE", heading))
    for job in jobs:
        story.append(
            PdfParagraph(
                f"<b>{escape(job.company)}</b>, {escape(job.place)} — <i>{escape(job.title)}</i>", line
            )
        )
        story.append(PdfParagraph(job.dates, dates))
        story.extend(_pbullets(job.bullets, bullet))
    story.append(PdfParagraph("EDUCATION", heading))
    for degree in degrees:
        story.append(
            PdfParagraph(
                f"<b>{escape(degree.school)}</b>, {escape(degree.place)} — "
                f"<i>{escape(degree.qualification)}</i>",
                line,
            )
        )
        story.append(PdfParagraph(degree.dates, dates))
    story.append(PdfParagraph("SKILLS", heading))
    story.extend(
        _pbullets(
            [
                "Fresh pasta and Roman classics",
                "Menu costing and HACCP",
                "Sous-vide and fermentation",
                "Brigade training",
            ],
            bullet,
        )
    )
    story.append(PdfParagraph("AWARDS", heading))
    story.append(PdfParagraph("S.Pellegrino Young Chef Academy – Italy regional finalist, 2016", body))
    story.append(PdfParagraph("LANGUAGES", heading))
    story.append(PdfParagraph("Italian, English, French", body))
    return "Matteo Rossi - Chef.pdf", _pdf(story, LETTER, (18, 20, 18, 20)), _truth([name], jobs, degrees)


def _p06_bold_band_account_manager():
    """Colour band drawn behind the name; quarter and year-only date ranges with durations."""
    name = "Tan Wei Ling"
    jobs = [
        Job(
            "Key Account Manager",
            "Shopee Singapore Pte. Ltd.",
            "2018",
            "Q3 2018 – Present",
            "Singapore",
            (
                "Manage 35 top-tier brand partners (beauty and FMCG) worth S$120M GMV annually.",
                "Grew managed GMV 46% year on year in 2022 through joint business plans and mega-campaigns.",
            ),
        ),
        Job(
            "Account Executive",
            "Ogilvy & Mather Advertising",
            "2016",
            "2016 - 2018 (2 yrs)",
            "Kuala Lumpur",
            ("Day-to-day client lead for Nestlé and Maxis integrated campaigns.",),
        ),
        Job(
            "Sales Coordinator",
            "DKSH Malaysia Sdn. Bhd.",
            "2014",
            "2014 - 2016 (2 yrs)",
            "Petaling Jaya",
            (
                "Processed distributor orders and tracked trade-promotion spend for consumer-goods principals.",
            ),
        ),
    ]
    degrees = [
        Degree(
            "Bachelor of Business Administration (BBA), Marketing",
            "University of Malaya",
            "bachelor",
            2014,
            "2010 - 2014",
            "Kuala Lumpur",
            "Second Class Upper Honours",
        )
    ]
    band = colors.HexColor("#243B55")

    def draw_band(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(band)
        canvas.rect(0, A4[1] - 38 * mm, A4[0], 38 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 26)
        canvas.drawString(18 * mm, A4[1] - 19 * mm, name)
        canvas.setFont("Helvetica", 11)
        canvas.drawString(18 * mm, A4[1] - 27 * mm, "Key Account Manager  •  E-commerce & FMCG")
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(A4[0] - 18 * mm, A4[1] - 19 * mm, "+65 9123 4567")
        canvas.drawRightString(A4[0] - 18 * mm, A4[1] - 24 * mm, "weiling.tan@example.sg")
        canvas.drawRightString(A4[0] - 18 * mm, A4[1] - 29 * mm, "Tampines, Singapore")
        canvas.restoreState()

    heading = _style("h", "Helvetica-Bold", 11, 14, band, spaceBefore=12, spaceAfter=2)
    title = _style("t", "Helvetica-Bold", 10.5, 14)
    sub = _style("s", "Helvetica", 9.5, 13, colors.HexColor("#4A6FA5"))
    right = _style("r", "Helvetica", 9.5, 14, colors.HexColor("#666666"), alignment=TA_RIGHT)
    body = _style("b", "Helvetica", 9.5, 13)
    bullet = _style("bl", "Helvetica", 9.5, 13, leftIndent=12, bulletIndent=2, spaceAfter=1)

    def rule():
        return HRFlowable(width="100%", thickness=1.2, color=band, spaceAfter=6)

    story = [
        PdfParagraph("PROFILE", heading),
        rule(),
        PdfParagraph(
            "Commercial account manager with ten years across e-commerce, advertising and distribution in Singapore and "
            "Malaysia. Fluent in English, Mandarin, Malay and Cantonese.",
            body,
        ),
    ]
    story += [PdfParagraph("WORK EXPERIENCE", heading), rule()]
    for job in jobs:
        story.append(
            _two_cols(
                PdfParagraph(escape(job.title), title),
                PdfParagraph(escape(job.dates), right),
                (120 * mm, 54 * mm),
            )
        )
        story.append(PdfParagraph(escape(f"{job.company} · {job.place}"), sub))
        story.extend(_pbullets(job.bullets, bullet))
        story.append(Spacer(1, 5))
    story += [PdfParagraph("EDUCATION", heading), rule()]
    degree = degrees[0]
    story.append(
        _two_cols(
            PdfParagraph(escape(degree.qualification), title),
            PdfParagraph(degree.dates, right),
            (120 * mm, 54 * mm),
        )
    )
    story.append(PdfParagraph(escape(f"{degree.school} · {degree.place} · {degree.detail}"), sub))
    story += [
        PdfParagraph("SKILLS", heading),
        rule(),
        PdfParagraph(
            "Joint business planning · Marketplace ads (Shopee Ads, Lazada Sponsored Solutions) · "
            "Salesforce · Excel pivot & Power Query · Negotiation",
            body,
        ),
    ]
    pdf = _pdf(story, A4, (46, 18, 16, 18), on_page=draw_band)
    return "TanWeiLing_KAM_resume.pdf", pdf, _truth([name, "Wei Ling Tan"], jobs, degrees)


def _p07_australian_physio():
    """Australian resume: section labels in a left column, key achievements sub-lists, referees with titles."""
    name = "Hannah Nguyen"
    jobs = [
        Job(
            "Senior Physiotherapist",
            "The Royal Melbourne Hospital",
            "2020-02",
            "February 2020 – Present",
            "Parkville VIC",
            (
                "Grade 2 physiotherapist on the acute orthopaedic and trauma wards (32 beds).",
                "Supervise Grade 1 physiotherapists and University of Melbourne students on placement.",
            ),
        ),
        Job(
            "Physiotherapist",
            "Back In Motion Health Group",
            "2017-01",
            "January 2017 – January 2020",
            "Box Hill VIC",
            ("Private musculoskeletal caseload of 60+ consultations per week, including TAC/WorkCover.",),
        ),
        Job(
            "Allied Health Assistant",
            "Epworth HealthCare",
            "2013-03",
            "March 2013 – December 2016 (part-time)",
            "Richmond VIC",
            ("Ran hydrotherapy and falls-prevention groups under physiotherapist supervision.",),
        ),
    ]
    achievements = [
        (
            "Introduced an early-mobilisation pathway for hip fractures, cutting length of stay by 1.4 days.",
            "Awarded the RMH Allied Health Excellence Award (2022).",
        ),
        ("Achieved the clinic's highest patient-retention rate two years running.",),
        (),
    ]
    degrees = [
        Degree(
            "Bachelor of Physiotherapy (Honours)",
            "Monash University",
            "bachelor",
            2016,
            "2013 – 2016",
            detail="H1 Honours; thesis on eccentric loading for Achilles tendinopathy",
        ),
        Degree(
            "Victorian Certificate of Education (VCE)",
            "Melbourne Girls' College",
            "secondary",
            2012,
            "2012",
            detail="ATAR 97.15",
        ),
    ]
    green = colors.HexColor("#2F6F4E")
    label = _style("label", "Helvetica-Bold", 10, 13, green)
    title = _style("title", "Helvetica-Bold", 10.5, 14)
    sub = _style("sub", "Helvetica", 9.5, 13, colors.HexColor("#555555"))
    body = _style("body", "Helvetica", 9.5, 13)
    bullet = _style("bullet", "Helvetica", 9.5, 13, leftIndent=12, bulletIndent=2, spaceAfter=1)
    sub_bullet = _style("sub_bullet", "Helvetica", 9.5, 13, leftIndent=26, bulletIndent=16, spaceAfter=1)

    def row(section, flowables):
        table = Table([[PdfParagraph(section, label), flowables]], colWidths=(38 * mm, 136 * mm))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.6, green),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return table

    experience = []
    for job, wins in zip(jobs, achievements, strict=True):
        experience.append(PdfParagraph(escape(job.title), title))
        experience.append(PdfParagraph(escape(f"{job.company}, {job.place}  |  {job.dates}"), sub))
        experience.extend(_pbullets(job.bullets, bullet))
        if wins:
            experience.append(PdfParagraph("<b>Key achievements:</b>", body))
            experience.extend(PdfParagraph(escape(w), sub_bullet, bulletText="–") for w in wins)
        experience.append(Spacer(1, 6))
    education = []
    for degree in degrees:
        education.append(PdfParagraph(f"<b>{escape(degree.qualification)}</b>", body))
        education.append(PdfParagraph(escape(f"{degree.school}  |  {degree.dates}  |  {degree.detail}"), sub))
        education.append(Spacer(1, 4))
    referees = [
        PdfParagraph(escape(text), body)
        for text in (
            "Dr Sarah Whitlock – Physiotherapy Manager, The Royal Melbourne Hospital – 03 9342 0000",
            "James Patel – Clinic Director, Back In Motion Health Group – 0412 555 019",
        )
    ]
    story = [
        PdfParagraph(escape(name), _style("name", "Helvetica-Bold", 22, 26, green)),
        PdfParagraph(
            "Physiotherapist (AHPRA PHY0001234567) &nbsp;•&nbsp; Brunswick VIC 3056 &nbsp;•&nbsp; "
            "0400 555 182 &nbsp;•&nbsp; hannah.nguyen.physio@example.com.au",
            sub,
        ),
        Spacer(1, 8),
        row(
            "CAREER OBJECTIVE",
            [
                PdfParagraph(
                    "Senior musculoskeletal and orthopaedic physiotherapist seeking a Grade 3 clinical lead role in a "
                    "metropolitan health service.",
                    body,
                )
            ],
        ),
        row("EMPLOYMENT HISTORY", experience),
        row("EDUCATION", education),
        row(
            "REGISTRATIONS",
            [
                PdfParagraph(
                    "AHPRA general registration; APA member; Working with Children Check; "
                    "current CPR/HLTAID009",
                    body,
                )
            ],
        ),
        row("REFEREES", referees),
    ]
    return "Hannah_Nguyen_Physio_Resume.pdf", _pdf(story, A4, (16, 18, 16, 18)), _truth([name], jobs, degrees)


def _p08_kenyan_lab_technician():
    """East African CV: personal details first, "From June 2012 to August 2015" ranges, referees."""
    name = "Wanjiru Kamau"
    jobs = [
        Job(
            "Senior Laboratory Technologist",
            "Aga Khan University Hospital",
            "2015-09",
            "From September 2015 to date",
            "Nairobi",
            (
                "Supervise the haematology and blood-transfusion benches (8 staff) in an ISO 15189 laboratory.",
                "Validated the Sysmex XN-1000 analysers and wrote the related SOPs.",
            ),
        ),
        Job(
            "Laboratory Technician",
            "Kenya Medical Research Institute",
            "2012-06",
            "From June 2012 to August 2015",
            "Kisumu",
            ("Malaria microscopy and PCR for a paediatric vaccine trial; GCLP trained.",),
        ),
        Job(
            "Laboratory Intern",
            "Kenyatta National Hospital",
            "2011-01",
            "From January 2011 to May 2011",
            "Nairobi",
            ("Rotations in microbiology, clinical chemistry and histology.",),
        ),
    ]
    degrees = [
        Degree(
            "Bachelor of Science in Medical Laboratory Sciences",
            "Jomo Kenyatta University of Agriculture and Technology",
            "bachelor",
            2011,
            "2007 – 2011",
            detail="Second Class Honours (Upper Division)",
        ),
        Degree(
            "Kenya Certificate of Secondary Education (KCSE)",
            "Alliance Girls High School",
            "secondary",
            2006,
            "2003 – 2006",
            detail="Mean Grade A-",
        ),
    ]
    body = _style("body", "Times-Roman", 11, 14.5)
    bold = _style("bold", "Times-Bold", 11, 14.5)
    heading = _style("heading", "Times-Bold", 12, 15, spaceBefore=12, spaceAfter=4, keepWithNext=1)
    bullet = _style("bullet", "Times-Roman", 11, 14, leftIndent=18, bulletIndent=6)
    label_width, value_width = 48 * mm, 120 * mm

    def pairs(rows):
        table = Table(
            [[PdfParagraph(escape(a), bold), PdfParagraph(escape(b), body)] for a, b in rows],
            colWidths=(label_width, value_width),
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return table

    story = [
        PdfParagraph("<u>CURRICULUM VITAE</u>", _style("cv", "Times-Bold", 15, 19, alignment=TA_CENTER)),
        PdfParagraph(escape(name), _style("name", "Times-Bold", 13, 17, alignment=TA_CENTER)),
        PdfParagraph(
            "P.O. Box 30270-00100, Nairobi &nbsp;|&nbsp; Tel: 0722 555 341 &nbsp;|&nbsp; "
            "wanjiru.kamau@example.co.ke",
            _style("c", "Times-Roman", 10.5, 14, alignment=TA_CENTER),
        ),
        PdfParagraph("PERSONAL DETAILS", heading),
        pairs(
            [
                ("Name:", name),
                ("Date of Birth:", "4th February 1988"),
                ("Nationality:", "Kenyan"),
                ("ID No.:", "24XXXXXX"),
                ("Marital Status:", "Married"),
                ("Languages:", "English, Kiswahili, Kikuyu"),
            ]
        ),
        PdfParagraph("CAREER OBJECTIVE", heading),
        PdfParagraph(
            "A registered medical laboratory technologist seeking to apply my skills in quality management "
            "and diagnostic haematology in a reputable institution.",
            body,
        ),
        PdfParagraph("WORK EXPERIENCE", heading),
    ]
    for job in jobs:
        story.append(pairs([(f"{job.dates}:", f"{job.company}, {job.place}"), ("Position:", job.title)]))
        story.append(PdfParagraph("Duties and responsibilities:", body))
        story.extend(_pbullets(job.bullets, bullet))
        story.append(Spacer(1, 6))
    story.append(PdfParagraph("EDUCATION BACKGROUND", heading))
    for degree in degrees:
        story.append(
            pairs([(degree.dates, degree.school), ("", f"{degree.qualification} – {degree.detail}")])
        )
        story.append(Spacer(1, 4))
    story.append(PdfParagraph("PROFESSIONAL MEMBERSHIP", heading))
    story.append(
        PdfParagraph(
            "Registered with the Kenya Medical Laboratory Technicians and Technologists Board "
            "(KMLTTB), Reg. No. B-4471.",
            body,
        )
    )
    story.append(PdfParagraph("REFEREES", heading))
    for ref in (
        "Dr. Peter Otieno, Head of Pathology, Aga Khan University Hospital, Nairobi. Tel: 0733 555 120",
        "Mr. John Mwangi, Laboratory Manager, Kenya Medical Research Institute, Kisumu. Tel: 0720 555 871",
    ):
        story.append(PdfParagraph(escape(ref), body))
        story.append(Spacer(1, 3))
    return "WANJIRU KAMAU CV.pdf", _pdf(story, A4, (18, 20, 18, 22)), _truth([name], jobs, degrees)


def _p09_australian_construction():
    """Construction CV with a shaded table per role (title | dates) and a contract/permanent flag."""
    name = "Declan Murphy"
    jobs = [
        Job(
            "Site Manager",
            "Multiplex Constructions Pty Ltd",
            "2021-01",
            "01/2021 – Present",
            "Sydney NSW",
            (
                "Managing structure and fit-out of a 28-level residential tower ($210M); 120 workers on site.",
                "Zero LTIs over 600,000 hours worked; lead weekly subcontractor coordination meetings.",
            ),
        ),
        Job(
            "Site Manager",
            "Probuild Constructions (Aust) Pty Ltd",
            "2019-03",
            "03/2019 – 12/2020",
            "Parramatta NSW",
            ("Delivered a $65M aged-care facility six weeks ahead of programme.",),
        ),
        Job(
            "Assistant Site Manager",
            "Lendlease Building Pty Ltd",
            "2016-05",
            "05/2016 – 02/2019",
            "Barangaroo NSW",
            ("Managed hold points, ITPs and defects close-out for commercial office levels.",),
        ),
        Job(
            "Leading Hand Carpenter",
            "Hutchinson Builders",
            "2012-02",
            "02/2012 – 04/2016",
            "Brisbane QLD",
            ("Formwork and framing crew leader on schools and mid-rise apartments.",),
        ),
    ]
    degrees = [
        Degree(
            "Associate Degree in Construction Management",
            "Holmesglen Institute",
            "associate",
            2015,
            "2013 – 2015 (part-time, online)",
        ),
        Degree("Certificate III in Carpentry", "TAFE Queensland", None, 2011, "2008 – 2011"),
    ]
    orange = colors.HexColor("#E07B00")
    title = _style("t", "Helvetica-Bold", 10.5, 13, colors.white)
    dates = _style("d", "Helvetica-Bold", 10, 13, colors.white, alignment=TA_RIGHT)
    body = _style("b", "Helvetica", 9.5, 12.5)
    tag = _style("tag", "Helvetica-Oblique", 9, 12, colors.HexColor("#555555"))
    bullet = _style("bl", "Helvetica", 9.5, 12.5, leftIndent=12, bulletIndent=2)
    heading = _style("h", "Helvetica-Bold", 13, 16, orange, spaceBefore=12, spaceAfter=6)
    story = [
        PdfParagraph(escape(name), _style("n", "Helvetica-Bold", 24, 30, spaceAfter=2)),
        PdfParagraph(
            "Site Manager &nbsp;|&nbsp; Sydney NSW &nbsp;|&nbsp; 0413 555 276 &nbsp;|&nbsp; "
            "declan.murphy.build@example.com",
            body,
        ),
        PdfParagraph("Career Summary", heading),
        PdfParagraph(
            "Carpenter turned site manager with 12+ years on Tier 1 and Tier 2 projects: residential towers, "
            "aged care, commercial and education. Strong on safety, programme and subcontractor management.",
            body,
        ),
        PdfParagraph("Employment History", heading),
    ]
    kinds = ("Permanent full-time", "Contract", "Permanent full-time", "Permanent full-time")
    for job, kind in zip(jobs, kinds, strict=True):
        table = Table(
            [
                [PdfParagraph(escape(job.title), title), PdfParagraph(escape(job.dates), dates)],
                [PdfParagraph(escape(f"{job.company}, {job.place}"), body), PdfParagraph(kind, tag)],
                [_pbullets(job.bullets, bullet), ""],
            ],
            colWidths=(125 * mm, 49 * mm),
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), orange),
                    ("SPAN", (0, 2), (1, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.5, orange),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story += [KeepTogether(table), Spacer(1, 8)]
    story.append(PdfParagraph("Qualifications", heading))
    for degree in degrees:
        story.append(
            PdfParagraph(
                f"<b>{escape(degree.qualification)}</b> – {escape(degree.school)}, {escape(degree.dates)}",
                body,
            )
        )
        story.append(Spacer(1, 3))
    story.append(PdfParagraph("Tickets & Licences", heading))
    story.extend(
        _pbullets(
            [
                "NSW Builder Licence (Supervisor) 312456S",
                "General Construction Induction (White Card)",
                "Working at Heights; Confined Spaces; HLTAID011 First Aid",
                "Open Driver Licence (C class)",
            ],
            bullet,
        )
    )
    story.append(PdfParagraph("Referees", heading))
    story.append(PdfParagraph("Available upon request.", body))
    return (
        "Declan Murphy Site Manager CV.pdf",
        _pdf(story, A4, (16, 18, 16, 18)),
        _truth([name], jobs, degrees),
    )


def _p10_academic_cv():
    """Academic CV: year-first rows, "Appointments" instead of experience, publications naming institutions."""
    name = "Xiaoming Li"
    jobs = [
        Job(
            "Assistant Professor",
            "Southern University of Science and Technology",
            "2021",
            "2021–present",
            "Shenzhen, China",
            ("Department of Mechanical and Energy Engineering. PI, Thermal Fluids Laboratory.",),
        ),
        Job(
            "Postdoctoral Research Fellow",
            "ETH Zürich",
            "2018",
            "2018–2021",
            "Switzerland",
            ("Institute of Energy Technology; ERC project on boiling heat transfer (with Prof. A. Meier).",),
        ),
        Job(
            "Research Engineer",
            "Huawei Technologies Co., Ltd.",
            "2012",
            "2012–2013",
            "Shenzhen, China",
            ("Thermal design of 4G base-station enclosures.",),
        ),
    ]
    degrees = [
        Degree(
            "PhD in Engineering",
            "University of Cambridge",
            "doctor",
            2017,
            "2017",
            "UK",
            "Thesis: Nucleate boiling on micro-structured surfaces. Supervisor: Prof. R. Hughes.",
        ),
        Degree(
            "M.Eng. in Mechanical Engineering",
            "Tsinghua University",
            "master",
            2012,
            "2012",
            "Beijing, China",
            "",
        ),
        Degree(
            "B.Eng. in Mechanical Engineering",
            "Harbin Institute of Technology",
            "bachelor",
            2009,
            "2009",
            "China",
            "",
        ),
    ]
    body = _style("body", "Times-Roman", 10.5, 13.5)
    year = _style("year", "Times-Roman", 10.5, 13.5)
    heading = _style("heading", "Times-Bold", 12, 15, spaceBefore=12, spaceAfter=4, keepWithNext=1)

    def rows(pairs):
        table = Table(
            [[PdfParagraph(escape(a), year), PdfParagraph(b, body)] for a, b in pairs],
            colWidths=(30 * mm, 140 * mm),
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table

    story = [
        PdfParagraph(escape(name), _style("name", "Times-Bold", 20, 24, alignment=TA_CENTER)),
        PdfParagraph("Curriculum Vitae", _style("cv", "Times-Italic", 12, 15, alignment=TA_CENTER)),
        PdfParagraph(
            "Department of Mechanical and Energy Engineering, SUSTech, 1088 Xueyuan Avenue, Shenzhen 518055"
            "<br/>lixm@example.edu.cn &nbsp;&nbsp; https://thermofluids.example.edu.cn",
            _style("addr", "Times-Roman", 10, 13, alignment=TA_CENTER),
        ),
        PdfParagraph("Appointments", heading),
        rows(
            [
                (
                    job.dates,
                    f"<b>{escape(job.title)}</b>, {escape(job.company)}, {escape(job.place)}<br/>"
                    f"{escape(job.bullets[0])}",
                )
                for job in jobs
            ]
        ),
        PdfParagraph("Education", heading),
        rows(
            [
                (
                    degree.dates,
                    f"<b>{escape(degree.qualification)}</b>, {escape(degree.school)}, {escape(degree.place)}"
                    + (f"<br/>{escape(degree.detail)}" if degree.detail else ""),
                )
                for degree in degrees
            ]
        ),
        PdfParagraph("Research Visits", heading),
        rows(
            [
                (
                    "2016",
                    "Visiting Researcher (3 months), Massachusetts Institute of Technology, Device Research Lab",
                )
            ]
        ),
        PdfParagraph("Selected Publications", heading),
    ]
    publications = [
        "<b>Li, X.</b>, Meier, A. (2023). Machine-learned closure for bubble departure diameter. "
        "<i>International Journal of Heat and Mass Transfer</i>, 201, 123601.",
        "<b>Li, X.</b>, Zhou, Y., Wang, Q. (2022). Hierarchical wicks for two-phase cooling of power electronics. "
        "<i>Applied Thermal Engineering</i>, 214, 118822.",
        "<b>Li, X.</b>, Hughes, R. (2017). Nucleate boiling on laser-textured copper. <i>Journal of Fluid Mechanics</i>, "
        "829, 1–30. (University of Cambridge / Rolls-Royce UTC collaboration)",
    ]
    story.extend(PdfParagraph(p, body, bulletText=f"[{i}]") for i, p in enumerate(publications, start=1))
    story.append(PdfParagraph("Grants", heading))
    story.append(
        rows(
            [
                ("2022–2025", "NSFC Young Scientists Fund, No. 52206xxx, CNY 300,000 (PI)"),
                ("2019–2021", "Swiss National Science Foundation Spark grant, CHF 100,000 (co-PI)"),
            ]
        )
    )
    story.append(PdfParagraph("Teaching", heading))
    story.append(
        PdfParagraph("Heat Transfer (undergraduate, 2021–), Advanced Two-Phase Flow (graduate, 2022–)", body)
    )
    return (
        "Li_Xiaoming_academic_CV.pdf",
        _pdf(story, A4, (18, 20, 18, 20)),
        _truth([name, "Li Xiaoming"], jobs, degrees),
    )


def _p11_creative_freelance_designer():
    """Creative two-block canvas: name split over two lines, freelance role with no employer, clients list."""
    name = "Sofía Herrera"
    jobs = [
        Job(
            "Freelance Graphic Designer",
            None,
            "2020",
            "since 2020",
            "Remote",
            (
                "Brand identities, editorial design and packaging for cultural and food-and-drink clients.",
                "Art-directed the 2023 rebrand of a 40-store bakery chain.",
            ),
        ),
        Job(
            "Senior Graphic Designer",
            "Pentagram",
            "2016-03",
            "Mar 2016 – Dec 2019",
            "New York",
            ("Designed identity systems and signage for museums and non-profits on partner-led teams.",),
        ),
        Job(
            "Junior Designer",
            "Sanchez & Co. Studio",
            "2014-01",
            "Jan 2014 – Feb 2016",
            "Brooklyn",
            ("Layouts, typesetting and print production for books and magazines.",),
        ),
    ]
    degrees = [Degree("BFA in Graphic Design", "Parsons School of Design", "bachelor", 2013, "2009 – 2013")]
    block, accent, ink = colors.HexColor("#1E1E24"), colors.HexColor("#FFB100"), colors.HexColor("#1E1E24")
    buf, c = _canvas(A4, "Portfolio CV")
    width, height = A4
    c.setFillColor(block)
    c.rect(0, 0, 200, height, stroke=0, fill=1)
    first, last = name.split(" ")
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 34)
    c.drawString(24, height - 80, first)
    c.setFillColor(accent)
    c.drawString(24, height - 116, last)
    c.setFillColor(colors.white)
    c.setFont("Helvetica", 10)
    c.drawString(24, height - 140, "Graphic Designer & Illustrator")
    y = height - 190

    def side(title, lines, y):
        c.setFillColor(accent)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(24, y, title)
        y -= 16
        for line in lines:
            y = _wrap(c, line, 24, y, 156, size=8.5, color=colors.white) - 2
        return y - 16

    y = side(
        "CONTACT",
        ["hola@sofiaherrera.example", "+1 (646) 555-0131", "sofiaherrera.example/work", "Brooklyn, NY"],
        y,
    )
    y = side("SKILLS", ["Brand identity", "Editorial design", "Packaging", "Type design", "Illustration"], y)
    y = side("TOOLS", ["Figma, Illustrator, InDesign", "Glyphs, After Effects", "Risograph printing"], y)
    side(
        "SELECTED CLIENTS",
        ["MoMA PS1", "The New York Times Magazine", "Brooklyn Brewery", "Sweetgreen", "Museo del Barrio"],
        y,
    )

    x, column = 226, width - 226 - 36

    def heading(text, y):
        c.setFillColor(ink)
        c.setFont("Helvetica-Bold", 15)
        c.drawString(x, y, text)
        c.setFillColor(accent)
        c.rect(x, y - 8, 28, 3, stroke=0, fill=1)
        return y - 28

    y = heading("Hello.", height - 80)
    y = _wrap(
        c,
        "I'm a New York-based designer who loves systems with a sense of humour. Ten years of "
        "identities, books and packaging, first in studios and now independently.",
        x,
        y,
        column,
        size=10,
        color=ink,
    )
    y = heading("Experience", y - 20)
    for job in jobs:
        c.setFillColor(ink)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x, y, job.title)
        c.setFont("Helvetica", 9.5)
        c.setFillColor(colors.HexColor("#7A7A7A"))
        where = f"{job.company}, {job.place}" if job.company else job.place
        c.drawString(x, y - 14, f"{job.dates}  ·  {where}")
        y = _canvas_bullets(c, job.bullets, x, y - 29, column, size=9, color=ink) - 12
    y = heading("Education", y - 8)
    degree = degrees[0]
    c.setFillColor(ink)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(x, y, degree.qualification)
    c.setFont("Helvetica", 9.5)
    c.drawString(x, y - 14, f"{degree.school}  ·  {degree.dates}")
    y = heading("Recognition", y - 44)
    _canvas_bullets(
        c,
        [
            "Type Directors Club – Certificate of Typographic Excellence, 2021",
            "AIGA 50 Books | 50 Covers selection, 2018",
        ],
        x,
        y,
        column,
        size=9,
        color=ink,
    )
    c.showPage()
    c.save()
    return "sofia-herrera-cv.pdf", buf.getvalue(), _truth([name, "Sofia Herrera"], jobs, degrees)


def _p12_nz_social_worker():
    """New Zealand CV with coloured section bars, a career break line and dates in a right column."""
    name = "Aroha Ngata"
    jobs = [
        Job(
            "Senior Social Worker",
            "Oranga Tamariki – Ministry for Children",
            "2019-07",
            "July 2019 – Present",
            "Hamilton",
            (
                "Carry a complex caseload of care-and-protection cases and supervise three social workers.",
                "Lead family group conference preparation with whanau, iwi and community partners.",
            ),
        ),
        Job(
            "Social Worker",
            "Barnardos New Zealand",
            "2017-08",
            "August 2017 – June 2019",
            "Hamilton",
            ("Intensive family support for 15–20 families referred through the Children's Teams.",),
        ),
        Job(
            "Youth Worker",
            "Auckland City Mission",
            "2013-02",
            "February 2013 – March 2016",
            "Auckland",
            ("Outreach and housing support for young people aged 16–24 experiencing homelessness.",),
        ),
    ]
    degrees = [
        Degree(
            "Postgraduate Diploma in Mental Health and Addiction",
            "The University of Auckland",
            None,
            2021,
            "2020 – 2021 (part-time)",
        ),
        Degree("Bachelor of Social Work (Honours)", "Massey University", "bachelor", 2012, "2009 – 2012"),
    ]
    teal = colors.HexColor("#006D77")
    bar = _style("bar", "Helvetica-Bold", 11, 14, colors.white)
    title = _style("t", "Helvetica-Bold", 10.5, 14)
    right = _style("r", "Helvetica", 9.5, 14, colors.HexColor("#555555"), alignment=TA_RIGHT)
    sub = _style("s", "Helvetica-Oblique", 9.5, 13, colors.HexColor("#444444"))
    body = _style("b", "Helvetica", 9.5, 13)
    bullet = _style("bl", "Helvetica", 9.5, 13, leftIndent=12, bulletIndent=2, spaceAfter=1)

    def section(text):
        table = Table([[PdfParagraph(text, bar)]], colWidths=(174 * mm,))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), teal),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return [Spacer(1, 10), table, Spacer(1, 6)]

    story = [
        PdfParagraph(escape(name), _style("n", "Helvetica-Bold", 24, 28, teal)),
        PdfParagraph(
            "Registered Social Worker (SWRB) &nbsp;|&nbsp; Hamilton 3204 &nbsp;|&nbsp; 021 555 0188 &nbsp;|&nbsp; "
            "aroha.ngata@example.co.nz",
            body,
        ),
        *section("PROFILE"),
        PdfParagraph(
            "Registered social worker with ten years in statutory, NGO and youth settings. Practice grounded in "
            "Te Tiriti o Waitangi and whanau-centred approaches.",
            body,
        ),
        *section("PROFESSIONAL EXPERIENCE"),
    ]
    widths = (125 * mm, 49 * mm)
    for index, job in enumerate(jobs):
        story.append(
            _two_cols(PdfParagraph(escape(job.title), title), PdfParagraph(escape(job.dates), right), widths)
        )
        story.append(PdfParagraph(escape(f"{job.company}, {job.place}"), sub))
        story.extend(_pbullets(job.bullets, bullet))
        story.append(Spacer(1, 6))
        if index == 1:
            story.append(
                _two_cols(
                    PdfParagraph("Career break – full-time carer for a family member", sub),
                    PdfParagraph("April 2016 – July 2017", right),
                    widths,
                )
            )
            story.append(Spacer(1, 6))
    story += section("EDUCATION")
    for degree in degrees:
        story.append(
            _two_cols(
                PdfParagraph(escape(degree.qualification), title),
                PdfParagraph(escape(degree.dates), right),
                widths,
            )
        )
        story.append(PdfParagraph(escape(degree.school), sub))
        story.append(Spacer(1, 4))
    story += section("REGISTRATION &amp; TRAINING")
    story.extend(
        _pbullets(
            [
                "Full registration, Social Workers Registration Board (SWRB) – practising certificate 2024",
                "Te Reo Maori Level 4 certificate, Te Wananga o Aotearoa (2018)",
                "Signs of Safety practitioner training (2019)",
            ],
            bullet,
        )
    )
    story += section("REFEREES")
    story.append(PdfParagraph("Available on request.", body))
    return "Aroha Ngata CV 2024.pdf", _pdf(story, A4, (16, 18, 16, 18)), _truth([name], jobs, degrees)


# =========================================================================== text, markdown, html, rtf


def _aligned(left: str, right: str, width: int = 84) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def _t01_us_student_plain_text():
    """US new-graduate resume pasted as plain text: GPA, relevant coursework, internships, activities."""
    name = "Kayla M. Johnson"
    jobs = [
        Job(
            "Civil Engineering Intern",
            "AECOM",
            "2024-06",
            "June 2024 - August 2024",
            "Austin, TX",
            (
                "Drafted storm-drain plan and profile sheets in Civil 3D for a 2.3-mile roadway widening.",
                "Ran HEC-RAS models for two culvert crossings and summarized results for the drainage report.",
            ),
        ),
        Job(
            "Engineering Intern",
            "Texas Department of Transportation",
            "2023",
            "Summer 2023",
            "Dallas, TX",
            (
                "Inspected bridge-deck pours and logged concrete test results for the Dallas District.",
                "Compiled quantities for monthly contractor pay estimates.",
            ),
        ),
        Job(
            "Student Assistant",
            "UT Austin Facilities Services",
            "2022-09",
            "September 2022 - May 2024",
            "Austin, TX",
            ("Part-time (15 hrs/week). Updated AutoCAD floor plans for 40 campus buildings.",),
        ),
    ]
    degrees = [
        Degree(
            "Bachelor of Science in Civil Engineering",
            "The University of Texas at Austin",
            "bachelor",
            2025,
            "Expected May 2025",
            "Austin, TX",
        )
    ]
    lines = [
        name,
        "Austin, TX 78705 | (512) 555-0148 | kayla.johnson@example.edu | linkedin.com/in/kaylamjohnson",
        "",
        "EDUCATION",
    ]
    degree = degrees[0]
    lines += [
        _aligned(degree.school, degree.place),
        _aligned(degree.qualification, degree.dates),
        "GPA: 3.72/4.00 | Dean's List (Fall 2022, Spring 2023, Fall 2023)",
        "Relevant Coursework: Structural Analysis, Geotechnical Engineering, Transportation Systems,",
        "Hydraulic Engineering, Reinforced Concrete Design, Engineering Economics",
        "",
        "EXPERIENCE",
    ]
    for job in jobs:
        lines += [_aligned(job.company, job.place), _aligned(job.title, job.dates)]
        lines += [f"- {bullet}" for bullet in job.bullets]
        lines.append("")
    lines += [
        "PROJECTS",
        _aligned("Senior Design: Pedestrian Bridge over Waller Creek", "Fall 2024"),
        "- Team of 5; designed a 120-ft steel truss and prepared a cost estimate of $1.9M.",
        "",
        "LEADERSHIP & ACTIVITIES",
        _aligned("Treasurer, ASCE Student Chapter", "August 2022 - May 2024"),
        _aligned("Member, Concrete Canoe Team", "2021 - 2023"),
        "",
        "SKILLS",
        "Software: AutoCAD Civil 3D, HEC-RAS, SAP2000, MATLAB, Excel",
        "Certifications: EIT exam (FE Civil) scheduled May 2025; OSHA 10-Hour Construction",
        "",
    ]
    return "Kayla_Johnson_Resume.txt", "\n".join(lines).encode("utf-8"), _truth([name], jobs, degrees)


def _t02_agency_blind_profile():
    """Recruitment-agency anonymised candidate profile: no candidate name, labelled fields, agency footer."""
    jobs = [
        Job(
            "Specialty Doctor in Emergency Medicine",
            "Leeds Teaching Hospitals NHS Trust",
            "2021-08",
            "August 2021 - present",
            "Leeds",
            (
                "Middle-grade cover of a major trauma centre ED (approx. 150,000 attendances per year).",
                "Runs the resuscitation area on night shifts; supervises FY2 and core trainees.",
            ),
        ),
        Job(
            "Clinical Fellow in Emergency Medicine",
            "Northern Care Alliance NHS Foundation Trust",
            "2019-08",
            "August 2019 - July 2021",
            "Salford",
            ("Rota equivalent to ST1-ST3; completed ALS, ATLS and APLS during the post.",),
        ),
        Job(
            "House Officer",
            "Mayo Hospital",
            "2017-01",
            "January 2017 - December 2017",
            "Lahore",
            ("Twelve-month internship rotating through medicine, surgery and obstetrics.",),
        ),
    ]
    degrees = [Degree("MBBS", "King Edward Medical University", "bachelor", 2016, "2016", "Lahore, Pakistan")]
    rule = "=" * 70
    lines = [
        rule,
        "NORTHBRIDGE MEDICAL RECRUITMENT",
        "CANDIDATE PROFILE - CONFIDENTIAL",
        rule,
        "",
        "Candidate reference : NMR-UK-448213",
        "Position sought     : Specialty Doctor / Middle Grade, Emergency Medicine",
        "Location preference : Yorkshire, North West",
        "Availability        : 8 weeks' notice",
        "Right to work       : Skilled Worker visa (sponsorship transferable)",
        "GMC status          : Full registration with a licence to practise",
        "",
        "SUMMARY",
        "-" * 70,
        "Emergency medicine doctor with 7 years' post-graduate experience, 4.5 of them in",
        "busy UK emergency departments. MRCEM (Primary, SBA and OSCE) complete.",
        "",
        "EMPLOYMENT HISTORY",
        "-" * 70,
    ]
    for job in jobs:
        lines += [
            f"Employer   : {job.company}, {job.place}",
            f"Position   : {job.title}",
            f"Period     : {job.dates}",
            *[f"Duties     : {b}" if i == 0 else f"             {b}" for i, b in enumerate(job.bullets)],
            "",
        ]
        if job.company == "Northern Care Alliance NHS Foundation Trust":
            lines += ["Gap        : January 2018 - July 2019, PLAB 1 & 2 and relocation to the UK", ""]
    degree = degrees[0]
    lines += [
        "EDUCATION & QUALIFICATIONS",
        "-" * 70,
        f"Qualification : {degree.qualification}",
        f"Institution   : {degree.school}, {degree.place}",
        f"Year          : {degree.dates}",
        "",
        "Postgraduate exams : MRCEM Primary (2020), MRCEM SBA (2021), MRCEM OSCE (2023)",
        "Courses            : ALS, ATLS, APLS (all current)",
        "",
        "-" * 70,
        "Profile prepared by Northbridge Medical Recruitment Ltd. Consultant: Sarah Greene,",
        "0113 555 0100. References from two consultant supervisors available on request.",
        "This profile is confidential and may not be forwarded without consent.",
        "",
    ]
    return (
        "NMR-UK-448213_candidate_profile.txt",
        "\n".join(lines).encode("utf-8"),
        _truth([None], jobs, degrees),
    )


def _m01_markdown_engineer():
    """A Markdown resume as kept in a GitHub repository: ### Title — Company, emphasis, a degrees table."""
    name = "Łukasz Nowak"
    jobs = [
        Job(
            "Senior Backend Engineer",
            "Allegro.pl sp. z o.o.",
            "2020-03",
            "Mar 2020 – present",
            "Poznań (hybrid)",
            (
                "Tech lead of the delivery-options team (6 engineers); Kotlin, Spring Boot, Kafka, Kubernetes.",
                "Cut p99 latency of the shipping-cost service from 480 ms to 90 ms.",
            ),
        ),
        Job(
            "Software Engineer",
            "Samsung R&D Institute Poland",
            "2017-07",
            "Jul 2017 – Feb 2020",
            "Warsaw",
            ("Built backend services for the SmartThings device-provisioning platform in Java.",),
        ),
        Job(
            "Junior Java Developer",
            "Comarch S.A.",
            "2015-10",
            "Oct 2015 – Jun 2017",
            "Kraków",
            ("Maintained billing modules for a telecom operator's OSS/BSS stack.",),
        ),
    ]
    degrees = [
        Degree("MSc in Computer Science", "Poznań University of Technology", "master", 2017),
        Degree("BSc (Eng.) in Computer Science", "Poznań University of Technology", "bachelor", 2015),
    ]
    lines = [
        f"# {name}",
        "",
        "**Senior Backend Engineer** · Poznań, Poland · [lukasz.nowak@example.pl](mailto:lukasz.nowak@example.pl)"
        " · [github.com/lnowak](https://github.com/lnowak)",
        "",
        "> JVM engineer who likes boring, observable systems. 9 years of Kotlin/Java, event-driven architecture and",
        "> on-call for high-traffic e-commerce.",
        "",
        "## Experience",
        "",
    ]
    for job in jobs:
        lines += [f"### {job.title} — {job.company}", f"*{job.dates} · {job.place}*", ""]
        lines += [f"- {bullet}" for bullet in job.bullets]
        lines.append("")
    lines += ["## Education", "", "| Degree | School | Year |", "|---|---|---|"]
    lines += [f"| {d.qualification} | {d.school} | {d.year} |" for d in degrees]
    lines += [
        "",
        "## Open source",
        "",
        "- **kafka-retry-toolkit** — maintainer (2019–), 1.2k stars",
        "- Contributor to *Spring Cloud Contract* and *Testcontainers*",
        "",
        "## Skills",
        "",
        "`Kotlin` `Java` `Spring Boot` `Kafka` `PostgreSQL` `Kubernetes` `Grafana` `Terraform`",
        "",
        "## Languages",
        "",
        "Polish (native), English (C1), German (A2)",
        "",
    ]
    return (
        "lukasz-nowak-resume.md",
        "\n".join(lines).encode("utf-8"),
        _truth([name, "Lukasz Nowak"], jobs, degrees),
    )


def _h01_europass_html():
    """Classic Europass CV in HTML: label column ("Occupation or position held", ...) and a CEFR language grid."""
    name = "Ioana Popescu"
    jobs = [
        Job(
            "Environmental Engineer",
            "OMV Petrom S.A.",
            "2018-04",
            "01/04/2018 – present",
            "Strada Coralilor 22, 013329 Bucharest, Romania",
            (
                "Environmental permitting and monitoring for upstream onshore assets; ISO 14001 internal auditor.",
                "Coordinated soil remediation of 14 legacy well sites.",
            ),
        ),
        Job(
            "Environmental Consultant",
            "EcoConsult Grup S.R.L.",
            "2014-09",
            "15/09/2014 – 31/03/2018",
            "Bulevardul Unirii 45, Bucharest, Romania",
            ("Environmental impact assessments for road and wind-farm projects financed by the EBRD.",),
        ),
        Job(
            "Junior Engineer",
            "Apa Nova București S.A.",
            "2012-07",
            "01/07/2012 – 12/09/2014",
            "Strada Aristide Demetriade 2, Bucharest, Romania",
            ("Wastewater treatment process monitoring.",),
        ),
    ]
    sectors = ("Oil and gas", "Environmental consultancy", "Water supply and sanitation")
    degrees = [
        Degree(
            "Master's degree in Environmental Engineering",
            "Universitatea Politehnica din București",
            "master",
            2014,
            "10/2012 – 07/2014",
        ),
        Degree(
            "Bachelor's degree in Environmental Protection Engineering",
            "Universitatea Politehnica din București",
            "bachelor",
            2012,
            "10/2008 – 07/2012",
        ),
        Degree(
            "Baccalaureate Diploma",
            "Colegiul Național Sfântul Sava",
            "secondary",
            2008,
            "09/2004 – 06/2008",
        ),
    ]

    def row(label: str, value: str, css: str = "") -> str:
        return f'<tr><td class="label">{escape(label)}</td><td class="{css}">{value}</td></tr>'

    rows = [
        '<tr><td class="label"><img src="europass-logo.png" alt="Europass"/></td>'
        "<td><h1>Curriculum Vitae</h1></td></tr>",
        '<tr><td class="section">Personal information</td><td></td></tr>',
        row("First name(s) / Surname(s)", f"<strong>{escape(name)}</strong>", "name"),
        row("Address", "Strada Matei Basarab 12, Bl. 4, Ap. 17, 030671 Bucharest, Romania"),
        row("Telephone", "+40 722 555 019"),
        row("E-mail", "ioana.popescu@example.ro"),
        row("Nationality", "Romanian"),
        row("Date of birth", "23/05/1989"),
        '<tr><td class="section">Desired employment / Occupational field</td><td>Senior Environmental Engineer</td></tr>',
        '<tr><td class="section">Work experience</td><td></td></tr>',
    ]
    for job, sector in zip(jobs, sectors, strict=True):
        rows += [
            row("Dates", escape(job.dates)),
            row("Occupation or position held", f"<strong>{escape(job.title)}</strong>"),
            row("Main activities and responsibilities", "<br/>".join(escape(b) for b in job.bullets)),
            row("Name and address of employer", f"{escape(job.company)}, {escape(job.place)}"),
            row("Type of business or sector", escape(sector)),
            '<tr class="gap"><td></td><td></td></tr>',
        ]
    rows.append('<tr><td class="section">Education and training</td><td></td></tr>')
    for degree in degrees:
        rows += [
            row("Dates", escape(degree.dates)),
            row("Title of qualification awarded", f"<strong>{escape(degree.qualification)}</strong>"),
            row("Name and type of organisation providing education and training", escape(degree.school)),
            '<tr class="gap"><td></td><td></td></tr>',
        ]
    grid = (
        '<table class="cefr"><tr><th></th><th colspan="2">Understanding</th><th colspan="2">Speaking</th>'
        "<th>Writing</th></tr><tr><th></th><th>Listening</th><th>Reading</th><th>Spoken interaction</th>"
        "<th>Spoken production</th><th></th></tr>"
        "<tr><th>English</th><td>C1</td><td>C1</td><td>B2</td><td>B2</td><td>C1</td></tr>"
        "<tr><th>French</th><td>B1</td><td>B2</td><td>B1</td><td>B1</td><td>B1</td></tr></table>"
    )
    rows += [
        '<tr><td class="section">Personal skills and competences</td><td></td></tr>',
        row("Mother tongue(s)", "Romanian"),
        row("Other language(s)", grid),
        row(
            "Technical skills and competences",
            "ArcGIS, AutoCAD, SimaPro (LCA), ISO 14001 and ISO 45001 auditing",
        ),
        row("Driving licence", "B"),
    ]
    html = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>Europass CV - {escape(name)}</title>\n<style>\n"
        "body { font-family: Arial, sans-serif; font-size: 10pt; margin: 2em auto; width: 48em; }\n"
        "td { vertical-align: top; padding: 2px 8px; }\n"
        "td.label { width: 30%; text-align: right; color: #1593CB; border-right: 1px solid #1593CB; }\n"
        "td.section { text-align: right; font-weight: bold; font-size: 12pt; padding-top: 14px; }\n"
        "td.name { font-size: 14pt; }\n table.cefr td, table.cefr th { border: 1px solid #ccc; }\n"
        "</style>\n</head>\n<body>\n<table>\n" + "\n".join(rows) + "\n</table>\n"
        '<p class="footer">© European Union, 2002-2013 | europass.cedefop.europa.eu</p>\n</body>\n</html>\n'
    )
    return "europass_cv_popescu_en.html", html.encode("utf-8"), _truth([name], jobs, degrees)


def _r01_rtf_accountant():
    """Hand-written RTF (as saved by WordPad/Word): employer then ladder of titles, education as an RTF table."""
    name = "Muhammad Usman Tariq"
    afferguson = "A.F. Ferguson & Co."
    jobs = [
        Job(
            "Assistant Manager, Finance",
            "Engro Fertilizers Limited",
            "2019-01",
            "Jan 2019 – Present",
            "Karachi",
            (
                "Lead monthly close and consolidation for three business units; IFRS 16 and IFRS 9 implementation.",
                "Prepare board reports and cash-flow forecasts; liaise with external auditors.",
            ),
        ),
        Job(
            "Audit Senior",
            afferguson,
            "2015-08",
            "Aug 2015 – Dec 2018",
            "Lahore",
            ("Led statutory audits of listed manufacturing and banking clients with teams of 4–6.",),
        ),
        Job(
            "Audit Trainee",
            afferguson,
            "2012-08",
            "Aug 2012 – Jul 2015",
            "Lahore",
            ("Completed ICAP articleship; internal control testing and substantive procedures.",),
        ),
    ]
    degrees = [
        Degree("B.Com", "University of the Punjab", "bachelor", 2012, "2012", detail="First Division"),
        Degree(
            "Intermediate (I.Com)",
            "Government College of Commerce",
            "secondary",
            2010,
            "2010",
            detail="A grade",
        ),
        Degree(
            "Matric (Science)",
            "Crescent Model Higher Secondary School",
            "secondary",
            2008,
            "2008",
            detail="A+",
        ),
    ]
    e = _rtf_escape
    out = [
        r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang1033"
        r"{\fonttbl{\f0\fswiss\fcharset0 Calibri;}{\f1\froman\fcharset0 Cambria;}}"
        r"{\colortbl ;\red31\green56\blue100;\red89\green89\blue89;}"
        r"{\info{\title Resume}{\author }}",
        r"\paperw11906\paperh16838\margl1134\margr1134\margt1134\margb1134\viewkind4\uc1",
        rf"\pard\qc\sa60\f1\fs40\b\cf1 {e(name)}\cf0\b0\par",
        rf"\pard\qc\sa200\f0\fs20 {e('ACA (ICAP) | Karachi, Pakistan | +92 300 5550142 | usman.tariq@example.pk')}\par",
    ]

    def heading(text: str) -> None:
        out.append(rf"\pard\sb240\sa80\brdrb\brdrs\brdrw10\brsp20\f1\fs24\b\cf1 {e(text)}\cf0\b0\f0\fs20\par")

    def para(text: str, extra: str = r"\sa60") -> None:
        out.append(rf"\pard{extra}\fs20 {text}\par")

    heading("OBJECTIVE")
    para(
        e(
            "Chartered accountant seeking a finance manager role in a listed company, with strengths in IFRS "
            "reporting, audit and financial planning."
        )
    )
    heading("PROFESSIONAL EXPERIENCE")
    for company in ("Engro Fertilizers Limited", afferguson):
        roles = [job for job in jobs if job.company == company]
        para(rf"\b {e(company)}, {e(roles[0].place)}\b0", r"\sb120\sa20")
        if company == afferguson:
            para(rf"\i {e('Member firm of the PwC network')}\i0", r"\sa40")
        for job in roles:
            para(rf"\i {e(job.title)}\i0\tab {e(job.dates)}", r"\tqr\tx9638\sa20")
            for bullet in job.bullets:
                para(rf"\bullet\tab {e(bullet)}", r"\fi-284\li568\sa20")
    heading("ACADEMIC QUALIFICATION")
    cells = (
        r"\trowd\trgaph108\trleft0\clbrdrb\brdrs\brdrw10\cellx2400\clbrdrb\brdrs\brdrw10\cellx7000"
        r"\clbrdrb\brdrs\brdrw10\cellx8300\clbrdrb\brdrs\brdrw10\cellx9638"
    )
    out.append(cells + r"\pard\intbl\b Degree\cell Institution\cell Year\cell Grade\cell\b0\row")
    for degree in degrees:
        out.append(
            cells + rf"\pard\intbl {e(degree.qualification)}\cell {e(degree.school)}\cell "
            rf"{degree.year}\cell {e(degree.detail)}\cell\row"
        )
    out.append(r"\pard\sa60\par")
    heading("PROFESSIONAL QUALIFICATION")
    para(e("Chartered Accountant (ACA), Institute of Chartered Accountants of Pakistan, 2016"))
    heading("SKILLS")
    para(e("SAP FICO, Oracle Hyperion, Excel financial modelling, Power BI, IFRS, ISA"))
    heading("REFERENCES")
    para(e("Available on request."))
    out.append("}")
    return "Usman_Tariq_CV.rtf", ("\n".join(out) + "\n").encode("ascii"), _truth([name], jobs, degrees)


# =========================================================================== public API

TEMPLATES = (
    _d01_resumeio_pharmacist,
    _d02_word_bold_electrician,
    _d03_indian_mechanical_engineer,
    _d04_word_ion_architect,
    _d05_timeline_ux_researcher,
    _d06_employment_table_supply_chain,
    _d07_promotion_ladder_finance,
    _d08_google_spearmint_teacher,
    _d09_zety_textbox_journalist,
    _d10_military_to_civilian,
    _d11_word_modern_header_hr,
    _d12_multipage_dentist,
    _d13_bangladesh_bank_teller,
    _p01_novoresume_data_analyst,
    _p02_classic_paralegal,
    _p03_timeline_cabin_crew,
    _p04_multipage_civil_servant,
    _p05_google_coral_chef,
    _p06_bold_band_account_manager,
    _p07_australian_physio,
    _p08_kenyan_lab_technician,
    _p09_australian_construction,
    _p10_academic_cv,
    _p11_creative_freelance_designer,
    _p12_nz_social_worker,
    _t01_us_student_plain_text,
    _t02_agency_blind_profile,
    _m01_markdown_engineer,
    _h01_europass_html,
    _r01_rtf_accountant,
)


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [template() for template in TEMPLATES]
