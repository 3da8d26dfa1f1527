"""Blind layout set 5: résumés received when hiring for tech and engineering roles.

This set was written WITHOUT reading the resume parser, its tests, its docs or the other
benchmark sets, so that scores measured on it are a held-out estimate. Every document is
generated here from hand-written data (no external files), and the output is byte-for-byte
deterministic: .docx zips carry fixed timestamps and core properties, and PDFs are built
with reportlab's ``invariant=1``.

Truth conventions (see ``documents``):

* jobs: ``[company, title, start]`` for roles in the work-experience section only (not
  education, projects, open source, certifications, referees, volunteering or board seats).
  ``company`` and ``title`` are exactly as printed; ``company`` is None when no employer is
  printed. ``start`` is "YYYY-MM" when a month is printed, else "YYYY" ("Summer 2022" -> "2022").
* degrees: ``[school, level, year]``; school as printed without a trailing ", City"; level is
  one of bachelor/master/doctor/associate/secondary or None (certificate, bootcamp, diploma).
* names: ``[name as printed, optional alternative spelling]`` or ``[None]`` when unnamed.
"""

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Inches, Pt, RGBColor
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

FIXED_TIME = dt.datetime(2024, 1, 15, 9, 30, 0)
ZIP_TIME = (2024, 1, 15, 9, 30, 0)
ACCENT = HexColor("#1f5f99")
GREY = HexColor("#5a5a5a")
SIDE_SECTIONS = frozenset(
    {"Skills", "Languages", "Awards", "Certifications", "Top Skills", "Honors-Awards", "Tools"}
)


# ---------------------------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------------------------


def _job(company, title, dates, start, place="", bullets=(), note=""):
    return {
        "company": company,
        "title": title,
        "dates": dates,
        "start": start,
        "place": place,
        "bullets": tuple(bullets),
        "note": note,
    }


def _degree(school, text, dates, level, year, place=""):
    return {"school": school, "text": text, "dates": dates, "level": level, "year": year, "place": place}


def _resume(
    file, kind, name, headline, contact, jobs, degrees, extras=(), *, alt_name=None, summary="", **opts
):
    return {
        "file": file,
        "kind": kind,
        "name": name,
        "alt_name": alt_name,
        "headline": headline,
        "contact": tuple(contact),
        "summary": summary,
        "jobs": jobs,
        "degrees": degrees,
        "extras": tuple(extras),
        **opts,
    }


def _truth(r):
    return {
        "jobs": [[j["company"], j["title"], j["start"]] for j in r["jobs"]],
        "degrees": [[d["school"], d["level"], d["year"]] for d in r["degrees"]],
        "names": [r["name"], r["alt_name"]] if r["alt_name"] else [r["name"]],
    }


def _role(job):
    """ "Title (note) — Company" as a classic Word CV prints it."""
    title = job["title"] + (f" ({job['note']})" if job["note"] else "")
    return f"{title} — {job['company']}" if job["company"] else title


def _flat(item):
    """Extras are plain strings or (date/label, text) pairs."""
    return item if isinstance(item, str) else f"{item[1]} ({item[0]})"


def _at(*parts, sep=", "):
    return sep.join(p for p in parts if p)


def _split_extras(extras):
    side = [s for s in extras if s[0] in SIDE_SECTIONS]
    main = [s for s in extras if s[0] not in SIDE_SECTIONS]
    return side, main


# ---------------------------------------------------------------------------------------------
# PDF helpers
# ---------------------------------------------------------------------------------------------


class _Pdf:
    """A tiny line-oriented writer on top of a reportlab canvas."""

    def __init__(self, title, pagesize=A4, margin=48, creator="LaTeX with hyperref"):
        self.buffer = io.BytesIO()
        self.c = canvas.Canvas(self.buffer, pagesize=pagesize, invariant=1)
        self.c.setTitle(title)
        self.c.setAuthor(title)
        self.c.setCreator(creator)
        self.width, self.height = pagesize
        self.margin = margin
        self.top = self.height - margin
        self.y = self.top
        self.page = 1
        self.on_page_end = None

    def need(self, height):
        if self.y - height < self.margin:
            self._end_page()
            self.c.showPage()
            self.page += 1
            self.y = self.top

    def _end_page(self):
        if self.on_page_end:
            self.on_page_end(self)

    def line(
        self,
        x,
        text,
        font="Helvetica",
        size=10,
        right="",
        right_font=None,
        right_x=None,
        lead=1.4,
        color=black,
    ):
        self.need(size * lead)
        self.c.setFillColor(color)
        self.c.setFont(font, size)
        self.c.drawString(x, self.y, text)
        if right:
            self.c.setFont(right_font or font, size)
            self.c.drawRightString(right_x or self.width - self.margin, self.y, right)
        self.c.setFillColor(black)
        self.y -= size * lead

    def runs(self, x, parts, size=10, lead=1.4):
        """Several fonts on one line: [(text, font), ...]."""
        self.need(size * lead)
        for text, font in parts:
            self.c.setFont(font, size)
            self.c.drawString(x, self.y, text)
            x += self.c.stringWidth(text, font, size)
        self.y -= size * lead

    def para(self, x, text, width, font="Helvetica", size=10, bullet=False, lead=1.35):
        pad = size * 1.1 if bullet else 0
        for i, chunk in enumerate(simpleSplit(text, font, size, width - pad)):
            self.need(size * lead)
            self.c.setFont(font, size)
            if bullet and i == 0:
                # A drawn dot, like a LaTeX itemize bullet; the core fonts' bullet glyph extracts badly.
                self.c.circle(x + size * 0.2, self.y + size * 0.3, size * 0.15, stroke=0, fill=1)
            self.c.drawString(x + pad, self.y, chunk)
            self.y -= size * lead

    def dated(self, x, text, date, width, font="Helvetica", size=10, date_font=None):
        """Text on the left, a date right-aligned on its first line."""
        room = width - self.c.stringWidth(date, date_font or font, size) - 12
        for i, chunk in enumerate(simpleSplit(text, font, size, room)):
            self.line(
                x, chunk, font, size, right=date if i == 0 else "", right_font=date_font, right_x=x + width
            )

    def rule(self, x1, x2, color=black, width=0.8, gap=8):
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)
        self.c.line(x1, self.y, x2, self.y)
        self.c.setStrokeColor(black)
        self.y -= gap

    def finish(self):
        self._end_page()
        self.c.save()
        return self.buffer.getvalue()


def _pdf_extra_items(pdf, x, width, items, font="Helvetica", size=9.5):
    for item in items:
        if isinstance(item, str):
            pdf.para(x, item, width, font, size, bullet=True)
        else:
            pdf.dated(x, item[1], item[0], width, font, size)


# ---------------------------------------------------------------------------------------------
# PDF layouts
# ---------------------------------------------------------------------------------------------


def _pdf_moderncv(r):
    """moderncv 'classic': dates in a narrow left column, coloured bars before headings."""
    pdf = _Pdf(r["name"])
    c, left, col = pdf.c, pdf.margin, 150
    width = pdf.width - pdf.margin - col
    c.setFont("Helvetica", 9)
    for i, text in enumerate(r["contact"]):
        c.drawRightString(pdf.width - pdf.margin, pdf.top - 12 * i, text)
    pdf.line(left, r["name"], "Helvetica", 28, lead=1.2)
    pdf.line(left, r["headline"], "Helvetica-Oblique", 13, color=GREY)
    pdf.y = min(pdf.y, pdf.top - 12 * len(r["contact"])) - 10

    def heading(title):
        pdf.need(44)
        pdf.y -= 8
        c.setFillColor(ACCENT)
        c.rect(left, pdf.y, col - left - 10, 5, stroke=0, fill=1)
        c.setFont("Helvetica", 14)
        c.drawString(col, pdf.y, title)
        c.setFillColor(black)
        pdf.y -= 20

    def left_label(text):
        pdf.need(14)
        c.setFont("Helvetica", 9)
        c.setFillColor(GREY)
        c.drawRightString(col - 10, pdf.y, text)
        c.setFillColor(black)

    def experience():
        heading("Experience")
        for j in r["jobs"]:
            left_label(j["dates"])
            parts = [(j["title"], "Helvetica-Bold")]
            parts += [(", " + j["company"], "Helvetica-Oblique")] if j["company"] else []
            parts += [(", " + j["place"], "Helvetica")] if j["place"] else []
            pdf.runs(col, parts)
            for b in j["bullets"]:
                pdf.para(col, b, width, size=9.5, bullet=True)
            pdf.y -= 4

    def education():
        heading("Education")
        for d in r["degrees"]:
            left_label(d["dates"])
            parts = [(d["text"], "Helvetica-Bold"), (", " + d["school"], "Helvetica-Oblique")]
            parts += [(", " + d["place"], "Helvetica")] if d["place"] else []
            pdf.runs(col, parts)
            pdf.y -= 4

    if r["summary"]:
        heading("Profile")
        pdf.para(col, r["summary"], width, size=9.5)
    for block in (education, experience) if r.get("education_first") else (experience, education):
        block()
    for title, items in r["extras"]:
        heading(title)
        for item in items:
            if isinstance(item, str):
                pdf.para(col, item, width, size=9.5)
            else:
                left_label(item[0])
                pdf.para(col, item[1], width, size=9.5)
    return pdf.finish()


def _pdf_altacv(r):
    """AltaCV-like: header band, wide main column (experience) and a right sidebar."""
    pdf = _Pdf(r["name"], margin=40)
    left = pdf.margin
    main_w = 318
    side_x = left + main_w + 24
    side_w = pdf.width - pdf.margin - side_x
    pdf.line(left, r["name"], "Helvetica-Bold", 24, lead=1.3)
    pdf.line(left, r["headline"], "Helvetica", 12, color=ACCENT)
    pdf.para(left, "   |   ".join(r["contact"]), pdf.width - 2 * left, size=8.5)
    pdf.y -= 8
    top = pdf.y
    side, main = _split_extras(r["extras"])

    def heading(x, w, title):
        pdf.need(34)
        pdf.line(x, title.upper(), "Helvetica-Bold", 11, color=ACCENT, lead=0.6)
        pdf.rule(x, x + w, color=ACCENT, width=1.2, gap=10)

    heading(side_x, side_w, "Education")
    for d in r["degrees"]:
        pdf.para(side_x, d["text"], side_w, "Helvetica-Bold", 9.5)
        pdf.line(side_x, d["school"], "Helvetica", 9.5, color=ACCENT)
        pdf.line(side_x, _at(d["dates"], d["place"], sep="  ·  "), "Helvetica-Oblique", 8.5, color=GREY)
        pdf.y -= 4
    for title, items in side:
        heading(side_x, side_w, title)
        for item in items:
            pdf.para(side_x, _flat(item), side_w, size=8.5)
        pdf.y -= 4

    pdf.y = top
    heading(left, main_w, "Experience")
    for j in r["jobs"]:
        pdf.line(left, j["title"], "Helvetica-Bold", 11)
        if j["company"]:
            pdf.line(left, j["company"], "Helvetica-Bold", 10, color=ACCENT)
        pdf.line(left, _at(j["dates"], j["place"], sep="  ·  "), "Helvetica-Oblique", 8.5, color=GREY)
        for b in j["bullets"]:
            pdf.para(left, b, main_w, size=9, bullet=True)
        pdf.y -= 5
    for title, items in main:
        heading(left, main_w, title)
        for item in items:
            pdf.para(left, _flat(item), main_w, size=9, bullet=True)
    return pdf.finish()


def _pdf_jake(r):
    """Jake's résumé: centred header, ruled headings, two-line entries with right-aligned cells."""
    pdf = _Pdf(r["name"], pagesize=letter, margin=40)
    c, left = pdf.c, pdf.margin
    width = pdf.width - 2 * left
    c.setFont("Times-Bold", 24)
    c.drawCentredString(pdf.width / 2, pdf.y - 10, r["name"])
    c.setFont("Times-Roman", 10)
    c.drawCentredString(pdf.width / 2, pdf.y - 28, " | ".join(r["contact"]))
    pdf.y -= 48

    def heading(title):
        pdf.need(40)
        pdf.y -= 5
        pdf.line(left, title, "Times-Roman", 13, lead=0.45)
        pdf.rule(left, left + width, gap=13)

    def pair(l1, r1, l2, r2):
        pdf.line(
            left + 6,
            l1,
            "Times-Bold",
            11,
            right=r1,
            right_font="Times-Roman",
            right_x=left + width - 6,
            lead=1.3,
        )
        pdf.line(left + 6, l2, "Times-Italic", 10, right=r2, right_x=left + width - 6, lead=1.4)

    def education():
        heading("Education")
        for d in r["degrees"]:
            pair(d["school"], d["place"], d["text"], d["dates"])
            pdf.y -= 3

    def experience():
        heading("Experience")
        for j in r["jobs"]:
            company = j["company"] or ""
            if r["order"] == "title_first":
                pair(j["title"], j["dates"], company, j["place"])
            elif r["order"] == "company_first":
                pair(company, j["place"], j["title"], j["dates"])
            else:
                pair(_at(company, j["place"], sep=" | "), j["dates"], j["title"], "")
            for b in j["bullets"]:
                pdf.para(left + 18, b, width - 24, "Times-Roman", 10, bullet=True)
            pdf.y -= 3

    for block in (education, experience) if r.get("education_first") else (experience, education):
        block()
    for title, items in r["extras"]:
        heading(title)
        _pdf_extra_items(pdf, left + 6, width - 12, items, "Times-Roman", 10)
    return pdf.finish()


def _pdf_jsonresume(r):
    """A JSON-Resume theme export: Work / Education / Skills blocks, dates right-aligned."""
    pdf = _Pdf(r["name"], margin=54, creator="Chromium (resume-cli)")
    left = pdf.margin
    width = pdf.width - 2 * left
    pdf.line(left, r["name"], "Helvetica-Bold", 22, lead=1.3)
    pdf.line(left, r["headline"], "Helvetica", 12, color=GREY)
    pdf.para(left, "  ·  ".join(r["contact"]), width, size=9)

    def heading(title):
        pdf.need(40)
        pdf.y -= 8
        pdf.line(left, title, "Helvetica-Bold", 13, color=ACCENT, lead=0.5)
        pdf.rule(left, left + width, color=ACCENT, gap=14)

    if r["summary"]:
        heading("About")
        pdf.para(left, r["summary"], width, size=10)
    heading("Work")
    for j in r["jobs"]:
        pdf.line(
            left, j["company"] or j["title"], "Helvetica-Bold", 11, right=j["dates"], right_font="Helvetica"
        )
        if j["company"]:
            pdf.line(left, j["title"], "Helvetica-Oblique", 10)
        if j["place"]:
            pdf.line(left, j["place"], "Helvetica", 9, color=GREY)
        for b in j["bullets"]:
            pdf.para(left + 6, b, width - 6, size=9.5, bullet=True)
        pdf.y -= 5
    heading("Education")
    for d in r["degrees"]:
        pdf.line(left, d["school"], "Helvetica-Bold", 11, right=d["dates"], right_font="Helvetica")
        pdf.line(left, d["text"], "Helvetica", 10)
        pdf.y -= 4
    for title, items in r["extras"]:
        heading(title)
        _pdf_extra_items(pdf, left, width, items)
    return pdf.finish()


def _linkedin_pass(r, total):
    pdf = _Pdf(r["name"], pagesize=letter, margin=44, creator="LinkedIn")
    c = pdf.c
    side_x, side_w, main_x = 32, 150, 214
    main_w = pdf.width - main_x - 40

    def footer(p):
        c.setFont("Helvetica", 8)
        c.setFillColor(GREY)
        c.drawCentredString(main_x + main_w / 2, 22, f"Page {p.page} of {total}")
        c.setFillColor(black)

    pdf.on_page_end = footer
    c.setFillColor(HexColor("#e7edf3"))
    c.rect(0, 0, main_x - 20, pdf.height, stroke=0, fill=1)
    c.setFillColor(black)
    side, _ = _split_extras(r["extras"])
    for title, items in [("Contact", r["contact"]), *side]:
        pdf.line(side_x, title, "Helvetica-Bold", 12, lead=1.6)
        for item in items:
            pdf.para(side_x, _flat(item), side_w, size=9)
        pdf.y -= 10

    pdf.y = pdf.top
    pdf.line(main_x, r["name"], "Helvetica", 24, lead=1.4)
    pdf.para(main_x, r["headline"], main_w, size=11)
    pdf.line(main_x, r["location"], "Helvetica", 10, color=GREY, lead=2)

    def heading(title):
        pdf.need(40)
        pdf.y -= 6
        pdf.line(main_x, title, "Helvetica", 15, lead=1.5)

    if r["summary"]:
        heading("Summary")
        pdf.para(main_x, r["summary"], main_w, size=10)
    heading("Experience")
    previous = None
    for j in r["jobs"]:
        if j["company"] != previous:
            pdf.y -= 6
            pdf.line(main_x, j["company"], "Helvetica-Bold", 11.5)
            if j["company"] in r.get("tenure", {}):
                pdf.line(main_x, r["tenure"][j["company"]], "Helvetica", 10, color=GREY)
        previous = j["company"]
        pdf.line(main_x, j["title"], "Helvetica", 10.5)
        pdf.line(main_x, j["dates"], "Helvetica", 10, color=GREY)
        if j["place"]:
            pdf.line(main_x, j["place"], "Helvetica", 10, color=GREY)
        for b in j["bullets"]:
            pdf.para(main_x, b, main_w, size=9.5)
        pdf.y -= 4
    heading("Education")
    for d in r["degrees"]:
        pdf.line(main_x, d["school"], "Helvetica-Bold", 11.5)
        pdf.para(main_x, f"{d['text']} · {d['dates']}", main_w, size=10)
        pdf.y -= 6
    return pdf.finish(), pdf.page


def _pdf_linkedin(r):
    """LinkedIn 'Save to PDF' profile: grey sidebar, grouped positions, 'Page n of m' footer."""
    _, pages = _linkedin_pass(r, 0)
    return _linkedin_pass(r, pages)[0]


# ---------------------------------------------------------------------------------------------
# DOCX helpers
# ---------------------------------------------------------------------------------------------


def _document(title):
    doc = Document()
    props = doc.core_properties
    props.title = title or "Candidate profile"
    props.author = title or "Recruiter"
    props.last_modified_by = title or "Recruiter"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    return doc


def _docx_bytes(doc):
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


def _para(container, text="", bold=False, italic=False, size=None, style=None, color=None):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    return p


def _heading(container, text):
    if hasattr(container, "add_heading"):
        return container.add_heading(text, level=1)
    return _para(container, text.upper(), bold=True, size=11, color="1F5F99")


def _drop_first_paragraph(cell):
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._element.getparent().remove(first._element)


def _shade(cell, fill):
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _docx_extras(container, extras):
    for title, items in extras:
        _heading(container, title)
        for item in items:
            container.add_paragraph(_flat(item), style="List Bullet")


def _tabbed(doc, left, right, bold=False, italic=False):
    p = doc.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(left)
    run.bold, run.italic = bold, italic
    if right:
        p.add_run("\t" + right).italic = italic
    return p


# ---------------------------------------------------------------------------------------------
# DOCX layouts
# ---------------------------------------------------------------------------------------------


def _docx_classic(r):
    """Word 'Title + Heading 1' CV: 'Title — Company' lines, italic 'dates | place'."""
    doc = _document(r["name"])
    doc.add_paragraph(r["name"], style="Title")
    _para(doc, r["headline"], italic=True, size=12)
    _para(doc, "  •  ".join(r["contact"]))
    if r["summary"]:
        _heading(doc, "Profile")
        _para(doc, r["summary"])
    _heading(doc, "Professional Experience")
    for j in r["jobs"]:
        _para(doc, _role(j), bold=True)
        _para(doc, _at(j["dates"], j["place"], sep=" | "), italic=True)
        for b in j["bullets"]:
            doc.add_paragraph(b, style="List Bullet")
    _heading(doc, "Education")
    for d in r["degrees"]:
        _para(doc, d["text"], bold=True)
        _para(doc, f"{_at(d['school'], d['place'])} | {d['dates']}", italic=True)
    _docx_extras(doc, r["extras"])
    return _docx_bytes(doc)


def _dated_table(doc, rows):
    table = doc.add_table(rows=0, cols=2)
    for dates, lines, bullets in rows:
        left, right = table.add_row().cells
        left.width, right.width = Cm(3.8), Cm(13)
        left.paragraphs[0].add_run(dates).font.size = Pt(9.5)
        for i, (text, bold) in enumerate(lines):
            p = right.paragraphs[0] if i == 0 else right.add_paragraph()
            p.add_run(text).bold = bold
        for b in bullets:
            right.add_paragraph("• " + b)


def _docx_table(r):
    """Borderless two-column table: dates on the left, role and employer on the right."""
    doc = _document(r["name"])
    section = doc.sections[0]
    if r.get("header"):
        section.header.paragraphs[0].text = r["header"]
    if r.get("footer"):
        section.footer.paragraphs[0].text = r["footer"]
    if r["name"]:
        _para(doc, r["name"], bold=True, size=20)
    _para(doc, r["headline"], size=12, color="1F5F99")
    _para(doc, " | ".join(r["contact"]))
    if r["summary"]:
        _heading(doc, "Summary")
        _para(doc, r["summary"])
    _heading(doc, "Work Experience")
    rows = [
        (j["dates"], [(j["title"], True), (_at(j["company"], j["place"]), False)], j["bullets"])
        for j in r["jobs"]
    ]
    _dated_table(doc, rows)
    _heading(doc, "Education")
    rows = [
        (d["dates"], [(d["text"], True), (_at(d["school"], d["place"]), False)], ()) for d in r["degrees"]
    ]
    _dated_table(doc, rows)
    _docx_extras(doc, r["extras"])
    return _docx_bytes(doc)


def _docx_sidebar(r):
    """One-row table: shaded sidebar (contact, education, skills) and a main column."""
    doc = _document(r["name"])
    side, main = doc.add_table(rows=1, cols=2).rows[0].cells
    side.width, main.width = Cm(5.8), Cm(11.5)
    _shade(side, "E8EEF4")
    side_extras, main_extras = _split_extras(r["extras"])

    _para(main, r["name"], bold=True, size=22)
    _para(main, r["headline"], size=12, color="1F5F99")
    if r["summary"]:
        _para(main, r["summary"], italic=True)
    _heading(main, "Experience")
    for j in r["jobs"]:
        _para(main, j["title"], bold=True)
        _para(main, _at(j["company"], j["place"], j["dates"], sep="  ·  "), italic=True)
        for b in j["bullets"]:
            main.add_paragraph(b, style="List Bullet")
    _docx_extras(main, main_extras)

    _heading(side, "Contact")
    for line in r["contact"]:
        _para(side, line, size=9)
    _heading(side, "Education")
    for d in r["degrees"]:
        _para(side, d["text"], bold=True, size=9.5)
        _para(side, d["school"], size=9.5)
        _para(side, _at(d["dates"], d["place"], sep=" · "), italic=True, size=9)
    for title, items in side_extras:
        _heading(side, title)
        for item in items:
            _para(side, _flat(item), size=9)
    _drop_first_paragraph(side)
    _drop_first_paragraph(main)
    return _docx_bytes(doc)


def _docx_header(r):
    """Name and headline live in the page header, contact details in the footer."""
    doc = _document(r["name"])
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    run = head.add_run(r["name"])
    run.bold, run.font.size = True, Pt(18)
    _para(section.header, r["headline"], size=11, color="1F5F99")
    section.footer.paragraphs[0].text = " | ".join(r["contact"])
    if r["summary"]:
        _heading(doc, "Summary")
        _para(doc, r["summary"])
    _heading(doc, "Experience")
    for j in r["jobs"]:
        _para(doc, _at(j["company"], j["place"], sep=" — "), bold=True)
        _para(doc, f"{j['title']} | {j['dates']}", italic=True)
        for b in j["bullets"]:
            doc.add_paragraph(b, style="List Bullet")
    _heading(doc, "Education")
    for d in r["degrees"]:
        _para(doc, d["school"], bold=True)
        _para(doc, f"{d['text']}, {d['dates']}")
    _docx_extras(doc, r["extras"])
    return _docx_bytes(doc)


_TEXTBOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:rect style="width:468pt;height:58pt" fillcolor="#1F3864" stroked="f"><v:textbox><w:txbxContent>'
    '<w:p><w:r><w:rPr><w:b/><w:color w:val="FFFFFF"/><w:sz w:val="40"/></w:rPr><w:t>{name}</w:t></w:r></w:p>'
    '<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>{headline}</w:t></w:r></w:p>'
    "</w:txbxContent></v:textbox></v:rect></w:pict></w:r>"
)


def _docx_textbox(r):
    """Name in a VML text box banner; entries as 'dates<TAB>Company (City)' then the title."""
    doc = _document(r["name"])
    banner = doc.add_paragraph()
    banner._p.append(parse_xml(_TEXTBOX.format(name=escape(r["name"]), headline=escape(r["headline"]))))
    _para(doc, " | ".join(r["contact"]))

    def entry(dates, strong, rest, below):
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(4))
        p.paragraph_format.space_after = Pt(0)
        p.add_run(dates + "\t")
        p.add_run(strong).bold = True
        if rest:
            p.add_run(rest)
        sub = _para(doc, below, italic=True)
        sub.paragraph_format.left_indent = Cm(4)

    _heading(doc, "Work Experience")
    for j in r["jobs"]:
        entry(j["dates"], j["company"], f" ({j['place']})" if j["place"] else "", j["title"])
        for b in j["bullets"]:
            doc.add_paragraph(b, style="List Bullet").paragraph_format.left_indent = Cm(4.6)
    _heading(doc, "Education")
    for d in r["degrees"]:
        entry(d["dates"], d["school"], "", d["text"])
    _docx_extras(doc, r["extras"])
    return _docx_bytes(doc)


def _docx_tabs(r):
    """US-style Word résumé: centred name, right tab stops for places and dates."""
    doc = _document(r["name"])
    for text, size, bold in (
        (r["name"], 22, True),
        (r["headline"], 11.5, False),
        ("  •  ".join(r["contact"]), 10, False),
    ):
        _para(doc, text, bold=bold, size=size).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if r["summary"]:
        _heading(doc, "Summary")
        _para(doc, r["summary"])
    _heading(doc, "Experience")
    for j in r["jobs"]:
        _tabbed(doc, j["company"] or "", j["place"], bold=True)
        _tabbed(doc, j["title"], j["dates"], italic=True)
        for b in j["bullets"]:
            doc.add_paragraph(b, style="List Bullet")
    _heading(doc, "Education")
    for d in r["degrees"]:
        _tabbed(doc, d["school"], d["place"], bold=True)
        _tabbed(doc, d["text"], d["dates"], italic=True)
        doc.add_paragraph()
    _docx_extras(doc, r["extras"])
    return _docx_bytes(doc)


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown layouts
# ---------------------------------------------------------------------------------------------


def _text_extras(extras, bullet="  - "):
    lines = []
    for title, items in extras:
        lines += [title.upper(), "-" * len(title)]
        lines += [bullet + _flat(item) for item in items]
        lines.append("")
    return lines


def _txt_pipes(r):
    """Plain text, one 'Title | Company | City | Dates' line per role."""
    lines = [r["name"], r["headline"], " | ".join(r["contact"]), ""]
    if r["summary"]:
        lines += ["SUMMARY", "-------", r["summary"], ""]
    lines += ["EXPERIENCE", "----------"]
    for j in r["jobs"]:
        lines.append(_at(j["title"], j["company"], j["place"], j["dates"], sep=" | "))
        lines += [f"  - {b}" for b in j["bullets"]]
        lines.append("")
    lines += ["EDUCATION", "---------"]
    lines += [_at(d["text"], d["school"], d["place"], d["dates"], sep=" | ") for d in r["degrees"]]
    lines.append("")
    lines += _text_extras(r["extras"])
    return "\n".join(lines).encode("utf-8")


def _txt_dated(r):
    """Plain text with a fixed-width date column, 'Title, Company (City)' after it."""
    lines = [f"{r['name']}  |  {r['headline']}", " / ".join(r["contact"]), "", "WORK EXPERIENCE", ""]
    for j in r["jobs"]:
        where = f"{j['company']} ({j['place']})" if j["place"] else j["company"]
        lines.append(f"{j['dates']:<22}{j['title']}, {where}")
        lines += [f"{'':22}· {b}" for b in j["bullets"]]
        lines.append("")
    lines += ["EDUCATION", ""]
    lines += [f"{d['dates']:<22}{d['school']}, {d['text']}" for d in r["degrees"]]
    lines.append("")
    lines += _text_extras(r["extras"], bullet=" " * 22)
    return "\n".join(lines).encode("utf-8")


def _txt_blocks(r):
    """Plain text blocks: 'Company — City', title, dates, each on its own line."""
    lines = [r["name"], "=" * len(r["name"]), r["headline"], *r["contact"], ""]
    if r["summary"]:
        lines += [r["summary"], ""]
    lines += ["EXPERIENCE", "=========="]
    for j in r["jobs"]:
        lines += [_at(j["company"], j["place"], sep=" — "), j["title"], j["dates"]]
        lines += [f"* {b}" for b in j["bullets"]]
        lines.append("")
    lines += ["EDUCATION", "========="]
    for d in r["degrees"]:
        lines += [_at(d["school"], d["place"], sep=" — "), d["text"], d["dates"], ""]
    lines += _text_extras(r["extras"], bullet="* ")
    if r.get("footer"):
        lines.append(r["footer"])
    return "\n".join(lines).encode("utf-8")


def _md_extras(extras):
    lines = []
    for title, items in extras:
        lines += [f"## {title}", ""]
        lines += [f"- {_flat(item)}" for item in items]
        lines.append("")
    return lines


def _md_github(r):
    """GitHub README résumé: '### Title — [Company](url)' and an italic dates line."""
    lines = [f"# {r['name']}", "", f"**{r['headline']}**  ", " · ".join(r["contact"]), ""]
    if r.get("badge"):
        lines += [r["badge"], ""]
    if r["summary"]:
        lines += ["## Summary", "", r["summary"], ""]
    lines += ["## Experience", ""]
    for j in r["jobs"]:
        link = r.get("links", {}).get(j["company"])
        company = f"[{j['company']}]({link})" if link else j["company"]
        lines += [f"### {j['title']} — {company}", f"*{_at(j['dates'], j['place'], sep=' · ')}*", ""]
        lines += [f"- {b}" for b in j["bullets"]]
        lines.append("")
    lines += ["## Education", ""]
    for d in r["degrees"]:
        lines += [f"### {d['school']}", f"{d['text']} · {d['dates']}", ""]
    lines += _md_extras(r["extras"])
    return "\n".join(lines).encode("utf-8")


def _md_table(r):
    """Markdown with pipe tables for experience and education, highlights below."""
    lines = [f"# {r['name']}", "", f"> {r['headline']}", "", " | ".join(r["contact"]), ""]
    if r["summary"]:
        lines += [r["summary"], ""]
    lines += ["## Experience", "", "| Period | Role | Company | Location |", "|---|---|---|---|"]
    lines += [f"| {j['dates']} | {j['title']} | {j['company'] or ''} | {j['place']} |" for j in r["jobs"]]
    lines += ["", "### Highlights", ""]
    for j in r["jobs"]:
        lines.append(f"**{_at(j['title'], j['company'])}**")
        lines += [f"- {b}" for b in j["bullets"]]
        lines.append("")
    lines += ["## Education", "", "| Years | Degree | Institution |", "|---|---|---|"]
    lines += [f"| {d['dates']} | {d['text']} | {d['school']} |" for d in r["degrees"]]
    lines.append("")
    lines += _md_extras(r["extras"])
    return "\n".join(lines).encode("utf-8")


def _md_bullets(r):
    """Compact Markdown: one '- **Company** — Title (dates), City' bullet per role."""
    lines = [f"# {r['name']}", "", f"_{r['headline']}_", ""]
    lines += [f"- {c}" for c in r["contact"]]
    lines.append("")
    if r["summary"]:
        lines += [r["summary"], ""]
    lines += ["## Work experience", ""]
    for j in r["jobs"]:
        tail = f", {j['place']}" if j["place"] else ""
        lines.append(f"- **{j['company']}** — {j['title']} ({j['dates']}){tail}")
        lines += [f"  - {b}" for b in j["bullets"]]
    lines += ["", "## Education", ""]
    for d in r["degrees"]:
        lines.append(f"- **{d['text']}** — {_at(d['school'], d['place'])} ({d['dates']})")
    lines.append("")
    lines += _md_extras(r["extras"])
    return "\n".join(lines).encode("utf-8")


_RENDERERS = {
    "pdf_moderncv": _pdf_moderncv,
    "pdf_altacv": _pdf_altacv,
    "pdf_jake": _pdf_jake,
    "pdf_jsonresume": _pdf_jsonresume,
    "pdf_linkedin": _pdf_linkedin,
    "docx_classic": _docx_classic,
    "docx_table": _docx_table,
    "docx_sidebar": _docx_sidebar,
    "docx_header": _docx_header,
    "docx_textbox": _docx_textbox,
    "docx_tabs": _docx_tabs,
    "txt_pipes": _txt_pipes,
    "txt_dated": _txt_dated,
    "txt_blocks": _txt_blocks,
    "md_github": _md_github,
    "md_table": _md_table,
    "md_bullets": _md_bullets,
}


# ---------------------------------------------------------------------------------------------
# The résumés
# ---------------------------------------------------------------------------------------------

_RESUMES = [
    # --- PDF: moderncv -----------------------------------------------------------------------
    _resume(
        "katharina_vogel_cv.pdf",
        "pdf_moderncv",
        "Katharina Vogel",
        "Machine Learning Engineer · NLP & efficient inference",
        ["Köln, Germany", "+49 151 2345 6789", "k.vogel@posteo.de", "github.com/kvogel"],
        [
            _job(
                "DeepL SE",
                "Senior Machine Learning Engineer",
                "03/2022 – Present",
                "2022-03",
                "Köln",
                [
                    "Lead four engineers shipping quantised transformer models for real-time translation.",
                    "Cut GPU serving cost by 38 % with speculative decoding and INT8 kernels (CUDA 12, Triton 2.1).",
                ],
            ),
            _job(
                "Aleph Alpha GmbH",
                "Machine Learning Engineer",
                "10/2019 – 02/2022",
                "2019-10",
                "Heidelberg",
                [
                    "Built the distributed pre-training pipeline for 13B and 70B parameter models on 512 A100s.",
                    "Introduced evaluation harness used by all research teams (German and English benchmarks).",
                ],
            ),
        ],
        [
            _degree(
                "Universität des Saarlandes",
                "Dr. rer. nat. (PhD) in Computer Science",
                "10/2015 – 09/2019",
                "doctor",
                2019,
                "Saarbrücken",
            ),
            _degree(
                "Technische Universität München",
                "M.Sc. Informatik",
                "10/2013 – 09/2015",
                "master",
                2015,
                "München",
            ),
            _degree(
                "Karlsruher Institut für Technologie",
                "B.Sc. Informatik",
                "10/2010 – 09/2013",
                "bachelor",
                2013,
                "Karlsruhe",
            ),
        ],
        [
            (
                "Publications",
                [
                    (
                        "2021",
                        "K. Vogel, M. Roth. “Sparse Mixture Adapters for Low-Resource Translation.” ACL 2021.",
                    ),
                    ("2019", "K. Vogel et al. “Pruning Attention Heads at Scale.” EMNLP 2019."),
                ],
            ),
            (
                "Open source",
                [
                    (
                        "2020 – now",
                        "Contributor to huggingface/transformers (12 merged PRs) and pytorch/pytorch.",
                    )
                ],
            ),
            (
                "Computer skills",
                [
                    ("Languages", "Python 3.11, C++17, CUDA 12, Rust 1.74"),
                    ("ML", "PyTorch 2.1, JAX 0.4.20, ONNX Runtime 1.16, Triton 2.1"),
                    ("Infra", "Kubernetes 1.27, Ray 2.7, Slurm, Weights & Biases"),
                ],
            ),
            ("Languages", [("German", "native"), ("English", "C2"), ("French", "B1")]),
        ],
        education_first=True,
    ),
    _resume(
        "Pierre_Lefevre_SRE.pdf",
        "pdf_moderncv",
        "Pierre Lefèvre",
        "Site Reliability Engineer",
        ["Paris, France", "pierre.lefevre@proton.me", "+33 6 12 34 56 78", "linkedin.com/in/plefevre"],
        [
            _job(
                "Datadog",
                "Site Reliability Engineer II",
                "Jan 2021 – Present",
                "2021-01",
                "Paris",
                [
                    "On-call lead for the metrics intake pipeline (3M points/s); reduced paging volume by 45 %.",
                    "Migrated 200+ services to Kubernetes 1.27 with ArgoCD 2.8 progressive delivery.",
                ],
            ),
            _job(
                "OVHcloud",
                "DevOps Engineer",
                "Sep 2017 – Dec 2020",
                "2017-09",
                "Roubaix",
                [
                    "Automated bare-metal provisioning with Terraform and Ansible for 40k servers.",
                    "Built the Prometheus/Thanos monitoring stack for the public cloud region GRA7.",
                ],
            ),
            _job(
                "Société Générale",
                "Junior Systems Administrator",
                "Sep 2015 – Aug 2017",
                "2015-09",
                "La Défense",
                ["Work-study contract (alternance): RHEL 7 patching, Bash tooling, Nagios alerting."],
            ),
        ],
        [
            _degree(
                "INSA Lyon",
                "Engineer's degree (Diplôme d'ingénieur), Computer Science",
                "2012 – 2017",
                "master",
                2017,
                "Villeurbanne",
            ),
            _degree("Lycée Chaptal", "Baccalauréat S, mention Très bien", "2012", "secondary", 2012, "Paris"),
        ],
        [
            (
                "Certifications",
                [
                    ("2021", "Certified Kubernetes Administrator (CKA)"),
                    ("2019", "AWS Certified Solutions Architect – Associate"),
                    ("2018", "HashiCorp Certified: Terraform Associate"),
                ],
            ),
            (
                "Skills",
                [
                    ("Tooling", "Terraform 1.5, Ansible 2.15, Kubernetes 1.27, Helm 3, ArgoCD 2.8"),
                    ("Observability", "Prometheus, Grafana 10, OpenTelemetry, Datadog APM"),
                    ("Languages", "Go 1.21, Python 3.11, Bash"),
                ],
            ),
            ("Talks", [("2022", "“Taming alert fatigue”, Paris Container Day 2022")]),
        ],
    ),
    _resume(
        "Rahul_Menon_Resume.pdf",
        "pdf_moderncv",
        "Rahul Menon",
        "Senior Backend Engineer — payments & distributed systems",
        ["Bengaluru, India", "rahul.menon@gmail.com", "+91 98450 12345", "github.com/rmenon-dev"],
        [
            _job(
                "Razorpay",
                "Senior Software Engineer",
                "Jul 2021 – Present",
                "2021-07",
                "Bengaluru",
                [
                    "Own the UPI payment-routing service (Go 1.21, Kafka 3.5) handling 9k TPS at peak.",
                    "Designed idempotent retry layer that cut duplicate refunds to zero.",
                ],
            ),
            _job(
                "Flipkart",
                "Software Development Engineer II",
                "Aug 2018 – Jun 2021",
                "2018-08",
                "Bengaluru",
                ["Led checkout latency work for Big Billion Days; p99 down from 900 ms to 310 ms."],
            ),
            _job(
                "Flipkart",
                "Software Development Engineer I",
                "Jul 2016 – Jul 2018",
                "2016-07",
                "Bengaluru",
                ["Built the seller-inventory sync service in Java 8 and Aerospike."],
            ),
            _job(
                "Infosys Limited",
                "Systems Engineer Trainee",
                "Jan 2016 – Jun 2016",
                "2016-01",
                "Mysuru",
                ["Foundation programme: Java, Oracle SQL, mainframe basics."],
            ),
        ],
        [
            _degree(
                "National Institute of Technology Calicut",
                "B.Tech in CSE",
                "2011 – 2015",
                "bachelor",
                2015,
                "Kozhikode",
            ),
            _degree(
                "Kendriya Vidyalaya Pattom",
                "Class XII (CBSE), 94.2%",
                "2011",
                "secondary",
                2011,
                "Thiruvananthapuram",
            ),
        ],
        [
            (
                "Achievements",
                [
                    ("2017", "Winner, Flipkart GRiD hackathon (team of 3)"),
                    ("2014", "ACM ICPC Amritapuri regionalist"),
                ],
            ),
            (
                "Skills",
                [
                    ("Languages", "Java 17, Go 1.21, Python 3.11, SQL"),
                    ("Systems", "Kafka 3.5, Redis 7, PostgreSQL 15, Aerospike, gRPC"),
                    ("Cloud", "AWS (EKS, RDS, SQS), Kubernetes 1.27, Terraform"),
                ],
            ),
        ],
    ),
    # --- PDF: AltaCV --------------------------------------------------------------------------
    _resume(
        "ChenJing_resume_EN.pdf",
        "pdf_altacv",
        "Jing Chen",
        "Senior Software Engineer · Distributed Storage",
        ["Hangzhou, China", "chenjing.dev@163.com", "+86 138 0571 2468", "github.com/chenjing-io"],
        [
            _job(
                "Alibaba Group",
                "Senior Software Engineer",
                "2020.07 – Present",
                "2020-07",
                "Hangzhou",
                [
                    "Tech lead for the Pangu block-storage metadata service (Java 17, RDMA), 99.995% availability.",
                    "Led the Double 11 capacity drill for 2021 and 2022 across 6 regions.",
                ],
            ),
            _job(
                "ByteDance",
                "Backend Engineer",
                "2017.07 – 2020.06",
                "2017-07",
                "Beijing",
                [
                    "Built the Douyin comment feed service in Go; 200k QPS with Redis and TiDB.",
                    "Wrote the Kitex RPC middleware for request tracing.",
                ],
            ),
            _job(
                "Tencent",
                "Software Engineering Intern",
                "2016.06 – 2016.09",
                "2016-06",
                "Shenzhen",
                ["WeChat Pay risk team: feature pipeline in C++ and Python."],
            ),
        ],
        [
            _degree("Zhejiang University", "M.S. in Computer Science", "2014.09 – 2017.06", "master", 2017),
            _degree(
                "Wuhan University", "B.E. in Software Engineering", "2010.09 – 2014.06", "bachelor", 2014
            ),
        ],
        [
            (
                "Open Source",
                [
                    "Apache Dubbo committer since 2019 — rewrote the Triple protocol codec (github.com/apache/dubbo)",
                    "tinykv-rs (2021): Raft-based KV store in Rust — github.com/chenjing-io/tinykv-rs",
                ],
            ),
            (
                "Skills",
                [
                    "Java 17, Go 1.21, Rust 1.72",
                    "Dubbo 3.2, RocketMQ 5.1, Flink 1.17",
                    "MySQL 8.0, TiDB 7, Redis 7",
                ],
            ),
            (
                "Awards",
                [
                    "ACM-ICPC Asia Regional, Silver Medal (2012)",
                    "Alibaba Double 11 Outstanding Engineer (2021)",
                ],
            ),
            ("Languages", ["Mandarin (native)", "English (CET-6, IELTS 7.5)"]),
        ],
        alt_name="Chen Jing",
    ),
    _resume(
        "oluwaseun-adeyemi-android.pdf",
        "pdf_altacv",
        "Oluwaseun Adeyemi",
        "Senior Android Engineer · Kotlin · Jetpack Compose",
        ["Lagos, Nigeria", "seun.adeyemi@outlook.com", "+234 803 555 0142", "github.com/seunadeyemi"],
        [
            _job(
                "Paystack",
                "Senior Android Engineer",
                "Mar 2021 – Present",
                "2021-03",
                "Lagos · Remote",
                [
                    "Rebuilt the merchant app in Jetpack Compose; crash-free sessions up to 99.8%.",
                    "Mentor four engineers; run the Android guild.",
                ],
            ),
            _job(
                "Andela",
                "Software Engineer",
                "Jun 2018 – Feb 2021",
                "2018-06",
                "Remote",
                [
                    "Placed with US fintech clients; shipped offline-first Kotlin apps with Room and WorkManager."
                ],
            ),
            _job(
                "Interswitch Group",
                "Mobile Developer",
                "2016 – 2018",
                "2016",
                "Lagos",
                ["Quickteller Android app: card payments, airtime, bill pay."],
            ),
        ],
        [
            _degree(
                "Obafemi Awolowo University",
                "B.Sc. Computer Science",
                "2011 – 2016",
                "bachelor",
                2016,
                "Ile-Ife",
            ),
            _degree(
                "Federal Government College",
                "Senior School Certificate (WAEC)",
                "2005 – 2011",
                "secondary",
                2011,
                "Ijanikin",
            ),
        ],
        [
            (
                "Projects",
                [
                    "Naija Transit (2020) — open-source Kotlin app for Lagos BRT schedules, 50k+ downloads,"
                    " github.com/seunadeyemi/naija-transit",
                ],
            ),
            (
                "Skills",
                [
                    "Kotlin 1.9, Java 11",
                    "Jetpack Compose 1.5, Coroutines, Hilt",
                    "Gradle 8, Firebase, Bitrise CI",
                ],
            ),
            (
                "Awards",
                ["Google Africa Developer Scholarship (2018)", "Winner, DevFest Lagos Hackathon 2019"],
            ),
        ],
        alt_name="Seun Adeyemi",
    ),
    # --- PDF: Jake's résumé -------------------------------------------------------------------
    _resume(
        "Emily_Zhao_Resume.pdf",
        "pdf_jake",
        "Emily Zhao",
        "Software Engineer",
        ["(734) 555-0199", "emilyzhao@umich.edu", "linkedin.com/in/emily-zhao", "github.com/emzhao"],
        [
            _job(
                "Figma",
                "Software Engineer",
                "Aug. 2024 – Present",
                "2024-08",
                "San Francisco, CA",
                ["Work on the multiplayer editing engine (TypeScript, Rust, WebAssembly)."],
            ),
            _job(
                "Stripe",
                "Software Engineer Intern",
                "May 2023 – Aug. 2023",
                "2023-05",
                "San Francisco, CA",
                [
                    "Built a Ruby service that reconciles payout webhooks, cutting manual review by 30%.",
                    "Added contract tests for the Payouts API in Sorbet-typed Ruby.",
                ],
            ),
            _job(
                "Linear",
                "Frontend Engineering Intern",
                "Summer 2022",
                "2022",
                "Remote",
                ["Shipped keyboard-first command menu filters in React 18 and MobX."],
            ),
            _job(
                "University of Michigan",
                "Undergraduate Research Assistant",
                "Jan. 2022 – May 2022",
                "2022-01",
                "Ann Arbor, MI",
                ["Benchmarked WebAssembly garbage-collection proposals for the compilers lab."],
            ),
        ],
        [
            _degree(
                "University of Michigan",
                "Bachelor of Science in Engineering, Computer Science",
                "Aug. 2020 – May 2024",
                "bachelor",
                2024,
                "Ann Arbor, MI",
            ),
        ],
        [
            (
                "Projects",
                [
                    (
                        "Jan. 2023 – Apr. 2023",
                        "Gitlet | Java 17, JUnit 5 — version-control system clone, github.com/emzhao/gitlet",
                    ),
                    (
                        "Sep. 2022 – Dec. 2022",
                        "Wolverine Eats | React 18, Node.js 20, PostgreSQL — dining-hall menu app, 3k MAU",
                    ),
                    ("2022", "1st place, MHacks 15 (Best Developer Tool)"),
                ],
            ),
            (
                "Technical Skills",
                [
                    "Languages: TypeScript 5, Python 3.11, Java 17, C++, SQL",
                    "Frameworks: React 18, Next.js 14, Node.js 20, Flask, JUnit",
                    "Developer Tools: Git, Docker, AWS, Vercel, VS Code",
                ],
            ),
        ],
        order="title_first",
        education_first=True,
    ),
    _resume(
        "Mykola_Kovalenko_QA.pdf",
        "pdf_jake",
        "Mykola Kovalenko",
        "QA Automation Engineer",
        ["Kyiv, Ukraine", "mykola.kovalenko@ukr.net", "+380 67 123 4567", "github.com/mkovalenko-qa"],
        [
            _job(
                "Grammarly",
                "Senior QA Automation Engineer",
                "Apr 2021 – Present",
                "2021-04",
                "Kyiv, Ukraine",
                [
                    "Own the Playwright 1.40 end-to-end suite for the browser extension (1,800 tests, 12 min).",
                    "Introduced contract testing with Pact between 14 services.",
                ],
            ),
            _job(
                "EPAM Systems",
                "QA Automation Engineer",
                "Feb 2018 – Mar 2021",
                "2018-02",
                "Kyiv, Ukraine",
                ["Java 11 + Selenium 4 + REST Assured framework for a US insurance client."],
            ),
            _job(
                "SoftServe",
                "Manual QA Engineer",
                "Sep 2016 – Jan 2018",
                "2016-09",
                "Lviv, Ukraine",
                ["Regression and exploratory testing of a healthcare web portal; TestRail, Jira."],
            ),
        ],
        [
            _degree(
                "Igor Sikorsky Kyiv Polytechnic Institute",
                "Master of Science in Computer Engineering",
                "Sep 2015 – Jun 2017",
                "master",
                2017,
                "Kyiv, Ukraine",
            ),
            _degree(
                "Igor Sikorsky Kyiv Polytechnic Institute",
                "Bachelor of Science in Computer Engineering",
                "Sep 2011 – Jun 2015",
                "bachelor",
                2015,
                "Kyiv, Ukraine",
            ),
        ],
        [
            (
                "Volunteering",
                [("2019 – 2020", "Volunteer QA tester, Prometheus open online courses platform")],
            ),
            (
                "Projects",
                [
                    (
                        "2022",
                        "playwright-allure-starter | TypeScript, Playwright 1.40 — template with 400+ GitHub stars",
                    )
                ],
            ),
            (
                "Technical Skills",
                [
                    "Languages: Java 17, TypeScript 5, Python 3.11",
                    "Tools: Selenium 4, Playwright 1.40, Cypress 13, REST Assured 5, k6, JMeter 5.6",
                    "CI/CD: Jenkins, GitHub Actions, GitLab CI, Docker, Allure TestOps",
                    "Certification: ISTQB Certified Tester Foundation Level (2017)",
                ],
            ),
        ],
        order="company_first",
    ),
    _resume(
        "gabriel_santos_data_engineer.pdf",
        "pdf_jake",
        "Gabriel Oliveira Santos",
        "Senior Data Engineer",
        [
            "São Paulo, Brazil",
            "gabriel.osantos@gmail.com",
            "+55 11 98765-4321",
            "linkedin.com/in/gabrielosantos",
        ],
        [
            _job(
                "Nubank",
                "Senior Data Engineer",
                "Feb 2022 – Present",
                "2022-02",
                "São Paulo, Brazil",
                [
                    "Maintain the Spark 3.4 / Databricks lakehouse feeding credit-risk models for 90M customers.",
                    "Rolled out dbt 1.6 data contracts and column-level lineage.",
                ],
            ),
            _job(
                "iFood",
                "Data Engineer",
                "Mar 2019 – Jan 2022",
                "2019-03",
                "Osasco, Brazil",
                ["Streaming order events with Kafka and Flink; Airflow 2 orchestration for 600 DAGs."],
            ),
            _job(
                "Stone Pagamentos",
                "Business Intelligence Analyst",
                "Jan 2017 – Feb 2019",
                "2017-01",
                "Rio de Janeiro, Brazil",
                ["Merchant churn dashboards in Power BI and SQL Server."],
            ),
        ],
        [
            _degree(
                "Universidade Estadual de Campinas",
                "M.Sc. in Computer Engineering (part-time)",
                "2019 – 2021",
                "master",
                2021,
                "Campinas, Brazil",
            ),
            _degree(
                "Universidade Federal do Rio de Janeiro",
                "Bacharelado em Ciência da Computação (B.Sc. Computer Science)",
                "2012 – 2016",
                "bachelor",
                2016,
                "Rio de Janeiro, Brazil",
            ),
        ],
        [
            (
                "Technical Skills",
                [
                    "Languages: Python 3.11, Scala 2.13, SQL",
                    "Data: Spark 3.4, Airflow 2.7, dbt 1.6, Kafka 3.5, Databricks, BigQuery",
                    "Infra: AWS (S3, EMR, Glue), Terraform 1.5, Docker",
                ],
            ),
            (
                "Talks & Awards",
                [
                    ("2023", "“Data contracts at Nubank”, PyData São Paulo"),
                    ("2020", "2nd place, iFood Move hackathon"),
                ],
            ),
        ],
        order="pipe",
    ),
    # --- PDF: JSON Resume theme ---------------------------------------------------------------
    _resume(
        "yael_cohen_resume.pdf",
        "pdf_jsonresume",
        "Yael Cohen",
        "Cloud Security Engineer",
        ["Tel Aviv, Israel", "yael.cohen.sec@gmail.com", "+972 54 123 4567", "yaelcohen.dev"],
        [
            _job(
                "Wiz",
                "Senior Cloud Security Engineer",
                "March 2022 — Present",
                "2022-03",
                "Tel Aviv",
                [
                    "Research cross-tenant vulnerabilities in managed cloud services; 9 CVEs disclosed.",
                    "Built the Kubernetes attack-path graph used by the product's risk engine.",
                ],
            ),
            _job(
                "Check Point Software Technologies",
                "Security Researcher",
                "June 2019 — February 2022",
                "2019-06",
                "Tel Aviv",
                ["Reverse engineering of Android malware families; published 6 research blog posts."],
            ),
            _job(
                "Israel Defense Forces",
                "Cyber Defense Analyst",
                "August 2013 — August 2016",
                "2013-08",
                "",
                ["Unit 8200. Network forensics and incident response."],
            ),
        ],
        [
            _degree(
                "Technion – Israel Institute of Technology",
                "B.Sc. Computer Science",
                "2016 — 2019",
                "bachelor",
                2019,
                "Haifa",
            ),
            _degree(
                "Hebrew University Secondary School",
                "High school diploma (Bagrut), computer science major",
                "2010 — 2013",
                "secondary",
                2013,
                "Jerusalem",
            ),
        ],
        [
            ("Awards", [("2021", "DEF CON 29 CTF finals — team member")]),
            (
                "Publications",
                [
                    (
                        "2023",
                        "“Escaping the Kubelet: privilege escalation in managed Kubernetes”, Black Hat USA",
                    )
                ],
            ),
            (
                "Skills",
                [
                    "Cloud: AWS, GCP, Azure, Kubernetes 1.28",
                    "Offensive: Burp Suite Pro, Ghidra 10.4, IDA Pro",
                    "Languages: Python 3.12, Go 1.21, C",
                ],
            ),
        ],
        summary="Security engineer with seven years of offensive and cloud security work, from Unit 8200 to "
        "cloud-native start-ups.",
    ),
    _resume(
        "TranThiMai_Frontend.pdf",
        "pdf_jsonresume",
        "Tran Thi Mai",
        "Senior Frontend Engineer",
        ["Ho Chi Minh City, Vietnam", "mai.tran.fe@gmail.com", "+84 90 123 4567", "github.com/maitran-fe"],
        [
            _job(
                "Tiki Corporation",
                "Senior Frontend Engineer",
                "2021-01-04 – present",
                "2021-01",
                "Ho Chi Minh City",
                [
                    "Led the migration of the storefront to Next.js 14; LCP improved from 3.9 s to 1.7 s.",
                    "Maintain the shared design system (React 18, Storybook 7) used by 11 squads.",
                ],
            ),
            _job(
                "FPT Software",
                "Frontend Developer",
                "2018-08-01 – 2020-12-31",
                "2018-08",
                "Hanoi",
                ["Angular and Vue 2 applications for a Japanese automotive client."],
            ),
            _job(
                None,
                "Freelance Web Developer",
                "2016-06-01 – 2018-07-31",
                "2016-06",
                "Hanoi",
                ["WordPress and Vue sites for local cafés and language schools."],
            ),
        ],
        [
            _degree(
                "Hanoi University of Science and Technology",
                "Engineer's degree in Information Technology",
                "2013-09-01 – 2018-06-30",
                "master",
                2018,
                "Hanoi",
            ),
        ],
        [
            (
                "Skills",
                [
                    "Frontend: React 18, Next.js 14, Vue 3, TypeScript 5.2",
                    "Testing: Jest 29, Playwright, Storybook 7",
                    "Tooling: Vite 5, Webpack 5, pnpm",
                ],
            ),
            (
                "Projects",
                [
                    (
                        "2020-03",
                        "vn-address-picker — React component for Vietnamese addresses, github.com/maitran-fe",
                    )
                ],
            ),
            ("Awards", [("2019", "Top 10, Vietnam Web Summit hackathon")]),
            ("Languages", ["Vietnamese — native", "English — IELTS 7.0", "Japanese — JLPT N3"]),
        ],
        alt_name="Trần Thị Mai",
    ),
    # --- PDF: LinkedIn profile export ---------------------------------------------------------
    _resume(
        "Profile.pdf",
        "pdf_linkedin",
        "Marcus Johnson",
        "Principal Engineering Manager at Microsoft | Azure Storage",
        ["marcus.johnson@outlook.com", "www.linkedin.com/in/marcusjohnson (LinkedIn)"],
        [
            _job(
                "Microsoft",
                "Principal Engineering Manager",
                "July 2019 - Present (6 years 8 months)",
                "2019-07",
                "Redmond, Washington, United States",
                ["Lead 5 teams (48 engineers) owning Azure Blob Storage front-end and geo-replication."],
            ),
            _job(
                "Microsoft",
                "Software Engineering Manager",
                "March 2016 - July 2019 (3 years 5 months)",
                "2016-03",
                "Redmond, Washington",
            ),
            _job(
                "Amazon Web Services (AWS)",
                "Senior Software Development Engineer",
                "June 2011 - February 2016 (4 years 9 months)",
                "2011-06",
                "Seattle, Washington",
                ["Amazon EBS snapshot service; led the incremental snapshot redesign."],
            ),
            _job(
                "Motorola Solutions",
                "Software Engineer",
                "August 2005 - May 2011 (5 years 10 months)",
                "2005-08",
                "Schaumburg, Illinois",
            ),
            _job(
                "Lucent Technologies",
                "Associate Software Engineer",
                "June 2003 - July 2005 (2 years 2 months)",
                "2003-06",
                "Naperville, Illinois",
            ),
        ],
        [
            _degree(
                "Georgia Institute of Technology",
                "Master of Science - MS, Computer Science",
                "(2008 - 2010)",
                "master",
                2010,
            ),
            _degree(
                "Purdue University",
                "Bachelor of Science - BS, Electrical Engineering",
                "(1999 - 2003)",
                "bachelor",
                2003,
            ),
        ],
        [
            ("Top Skills", ["Distributed Systems", "Engineering Management", "C#"]),
            ("Languages", ["English (Native or Bilingual)", "Spanish (Limited Working)"]),
            (
                "Certifications",
                ["Certified ScrumMaster (CSM)", "AWS Certified Solutions Architect – Associate"],
            ),
        ],
        summary="Engineering leader with 20+ years in storage and distributed systems. I grow managers, run "
        "large-scale incident programs and care about boring, reliable software.",
        location="Redmond, Washington, United States",
        tenure={"Microsoft": "10 years"},
    ),
    _resume(
        "Profile (1).pdf",
        "pdf_linkedin",
        "Priya Raghunathan",
        "Senior Product Manager at Shopify | Checkout & Payments",
        ["priya.r@hey.com", "www.linkedin.com/in/priyaraghunathan (LinkedIn)"],
        [
            _job(
                "Shopify",
                "Senior Product Manager",
                "April 2022 - Present (3 years 11 months)",
                "2022-04",
                "Toronto, Ontario, Canada",
                ["Own Shop Pay Installments checkout; grew adoption 2.4x across 14 markets."],
            ),
            _job(
                "Wealthsimple",
                "Product Manager",
                "May 2019 - March 2022 (2 years 11 months)",
                "2019-05",
                "Toronto, Ontario, Canada",
                ["Launched fractional stock trading and the Cash account referral flow."],
            ),
            _job(
                "Zomato",
                "Associate Product Manager",
                "July 2016 - July 2017 (1 year 1 month)",
                "2016-07",
                "Gurugram, Haryana, India",
            ),
        ],
        [
            _degree(
                "University of Toronto - Rotman School of Management",
                "Master of Business Administration - MBA, Technology Strategy",
                "(2017 - 2019)",
                "master",
                2019,
            ),
            _degree(
                "Indian Institute of Technology Madras",
                "Bachelor of Technology - BTech, Mechanical Engineering",
                "(2012 - 2016)",
                "bachelor",
                2016,
            ),
        ],
        [
            ("Top Skills", ["Product Strategy", "A/B Testing", "SQL"]),
            (
                "Languages",
                [
                    "English (Full Professional)",
                    "Tamil (Native or Bilingual)",
                    "Hindi (Professional Working)",
                ],
            ),
            ("Certifications", ["Certified Scrum Product Owner (CSPO)", "Pragmatic Institute PMC-III"]),
            ("Honors-Awards", ["Shopify Build Award 2023"]),
        ],
        summary="Product manager for payments and checkout. Ex-mechanical engineer who fell for software.",
        location="Toronto, Ontario, Canada",
    ),
    # --- DOCX: classic Word ------------------------------------------------------------------
    _resume(
        "Oliver Bennett CV 2025.docx",
        "docx_classic",
        "Oliver Bennett",
        "Staff Backend Engineer — Go, Kotlin, distributed systems",
        ["London, UK", "oliver.bennett@fastmail.co.uk", "07700 900123", "github.com/obennett"],
        [
            _job(
                "Monzo",
                "Staff Backend Engineer",
                "Jan 2022 – Present",
                "2022-01",
                "London",
                [
                    "Technical lead for the ledger platform (Go 1.21, Cassandra 4); 2,000+ microservices depend on it.",
                    "Drove the move to Kafka-based event sourcing for card transactions.",
                ],
            ),
            _job(
                "Barclays",
                "Senior Developer",
                "Mar 2019 – Dec 2021",
                "2019-03",
                "Canary Wharf, London",
                ["Open Banking APIs (PSD2) in Java 11 and Spring Boot; led a team of five contractors."],
                note="contract via Hays",
            ),
            _job(
                "Revolut",
                "Backend Engineer",
                "Jun 2016 – Feb 2019",
                "2016-06",
                "London",
                ["Built the FX exchange service and weekend-rate markup engine in Kotlin."],
            ),
            _job(
                "Sky",
                "Software Developer",
                "Sep 2009 – May 2016",
                "2009-09",
                "Isleworth",
                ["Sky Go streaming entitlements service (Java, Oracle)."],
            ),
            _job(
                "BAE Systems",
                "Graduate Software Engineer",
                "Sep 2007 – Aug 2009",
                "2007-09",
                "Frimley",
                ["Ada and C++ on naval command systems; DO-178B processes."],
            ),
        ],
        [
            _degree(
                "University of Bristol",
                "MEng Computer Science (First Class Honours)",
                "2003 – 2007",
                "master",
                2007,
                "Bristol",
            ),
            _degree(
                "Reading School",
                "A-levels: Mathematics (A), Physics (A), Computing (A)",
                "2001 – 2003",
                "secondary",
                2003,
                "Reading",
            ),
        ],
        [
            (
                "Skills",
                [
                    "Go 1.21, Kotlin 1.9, Java 17, Python 3.11",
                    "PostgreSQL 15, Cassandra 4, Kafka 3.5, NSQ",
                    "AWS, Kubernetes 1.27, Terraform, Prometheus",
                ],
            ),
            ("Open source", [("2018 – present", "Maintainer of obennett/pgxmigrate, 900+ GitHub stars")]),
            ("Volunteering", [("2015 – 2019", "Code Club mentor, Lambeth libraries")]),
            ("Referees", ["Available on request."]),
        ],
        summary="Backend engineer with 18 years in fintech, broadcasting and defence. Happiest owning critical, "
        "boring infrastructure.",
    ),
    _resume(
        "CV_Sophie_Martin_ProductDesigner.docx",
        "docx_classic",
        "Sophie Martin",
        "Product Designer",
        ["Montréal, QC, Canada", "hello@sophiemartin.design", "sophiemartin.design", "dribbble.com/sophiem"],
        [
            _job(
                "Notion",
                "Product Designer",
                "Oct 2021 – Present",
                "2021-10",
                "Remote",
                [
                    "Designed database views (timeline, board) and the 2023 onboarding redesign.",
                    "Ran 40+ usability sessions with Maze and Dovetail.",
                ],
            ),
            _job(
                "Ubisoft",
                "UX Designer",
                "May 2018 – Sep 2021",
                "2018-05",
                "Montréal, QC",
                ["HUD and menu UX for Assassin's Creed Valhalla; accessibility options."],
            ),
            _job(
                "Lightspeed Commerce",
                "Junior UI Designer",
                "Jan 2016 – Apr 2018",
                "2016-01",
                "Montréal, QC",
                ["Point-of-sale iPad UI components and icon set."],
            ),
        ],
        [
            _degree(
                "Concordia University",
                "Bachelor of Design (BDes), Design and Computation Arts",
                "2012 – 2015",
                "bachelor",
                2015,
                "Montréal",
            ),
            _degree(
                "Cégep du Vieux Montréal", "DEC in Graphic Design", "2010 – 2012", None, 2012, "Montréal"
            ),
        ],
        [
            ("Certifications", ["Google UX Design Professional Certificate (Coursera, 2020)"]),
            ("Awards", ["Awwwards Honorable Mention (2019)", "Ubisoft Game Jam — Best UI (2019)"]),
            ("Tools", ["Figma, FigJam, Framer, Principle, Adobe CC 2024, Maze, Dovetail"]),
            ("Languages", ["French (native), English (fluent)"]),
        ],
    ),
    _resume(
        "Daniel_Kim_Technical_Writer.docx",
        "docx_classic",
        "Daniel Kim",
        "Senior Technical Writer | API documentation | Docs-as-code",
        ["Seattle, WA", "dkim.writes@gmail.com", "(206) 555-0143", "danielkim.dev/portfolio"],
        [
            _job(
                "Twilio",
                "Senior Technical Writer",
                "2020 – Present",
                "2020",
                "Remote",
                [
                    "Own the Verify and Lookup API docs; rewrote quickstarts in six languages.",
                    "Built Vale style rules and docs CI checks on GitHub Actions.",
                ],
            ),
            _job(
                "Atlassian",
                "Technical Writer",
                "2017 – 2020",
                "2017",
                "San Francisco, CA",
                ["Bitbucket Pipelines and Jira Cloud REST API reference."],
            ),
            _job(
                None,
                "Freelance Technical Writer",
                "2015 – 2017",
                "2015",
                "Seattle, WA",
                ["User guides and SDK docs for early-stage start-ups."],
            ),
        ],
        [
            _degree(
                "University of Washington", "B.A. in English", "2010 – 2014", "bachelor", 2014, "Seattle"
            ),
            _degree("UC Berkeley Extension", "Certificate in Technical Communication", "2016", None, 2016),
        ],
        [
            (
                "Tools",
                [
                    "Markdown, reStructuredText, Sphinx 7, Docusaurus 3, MkDocs",
                    "OpenAPI 3.1, Postman, Git, Vale",
                    "Python 3 and JavaScript for code samples",
                ],
            ),
            (
                "Writing samples",
                [
                    "Twilio Verify API quickstarts (2021) — twilio.com/docs/verify",
                    "Bitbucket Pipelines reference (2019)",
                ],
            ),
        ],
    ),
    # --- DOCX: dated table -------------------------------------------------------------------
    _resume(
        "Lukasz_Wisniewski_CV.docx",
        "docx_table",
        "Łukasz Wiśniewski",
        "Senior Embedded Software Engineer",
        ["Wrocław, Poland", "lukasz.wisniewski@wp.pl", "+48 601 234 567", "github.com/lwisniewski"],
        [
            _job(
                "Nokia Solutions and Networks",
                "Senior Embedded Software Engineer",
                "06/2019 – present",
                "2019-06",
                "Wrocław",
                [
                    "5G baseband L1 firmware in C++17 on multicore DSPs; cut cell start-up time by 22%.",
                    "Maintainer of the unit-test harness (GoogleTest, hardware-in-the-loop).",
                ],
            ),
            _job(
                "Intel Technology Poland",
                "Firmware Engineer",
                "09/2015 – 05/2019",
                "2015-09",
                "Gdańsk",
                ["Wi-Fi driver and firmware for AX200; power management in C."],
            ),
            _job(
                "Mobica",
                "Junior C Developer",
                "07/2013 – 08/2015",
                "2013-07",
                "Łódź",
                ["Embedded Linux drivers for automotive infotainment."],
            ),
        ],
        [
            _degree(
                "Wrocław University of Science and Technology",
                "M.Sc. Eng. in Automatic Control and Robotics",
                "2013 – 2015",
                "master",
                2015,
                "Wrocław",
            ),
            _degree(
                "Wrocław University of Science and Technology",
                "B.Sc. Eng. in Electronics",
                "2009 – 2013",
                "bachelor",
                2013,
                "Wrocław",
            ),
        ],
        [
            (
                "Skills",
                [
                    "C (C99/C11), C++17, Python 3.10, Rust (embedded, no_std)",
                    "FreeRTOS 10.4, Zephyr 3.x, Yocto 4.0, embedded Linux 5.15",
                    "STM32, NXP i.MX 8, ARM Cortex-M4/M7, JTAG, oscilloscopes, logic analysers",
                ],
            ),
            (
                "Projects",
                [
                    (
                        "2020 – 2022",
                        "OpenBMS — open-source battery management firmware, github.com/lwisniewski/openbms",
                    )
                ],
            ),
            ("Languages", ["Polish — native", "English — C1", "German — A2"]),
        ],
        alt_name="Lukasz Wisniewski",
        footer="I hereby consent to the processing of my personal data for the purposes of recruitment (GDPR).",
    ),
    _resume(
        "Lebenslauf_Jonas_Becker_EN.docx",
        "docx_table",
        "Jonas Becker",
        "Principal Hardware Engineer — Power Electronics",
        ["Munich, Germany", "jonas.becker@t-online.de", "+49 170 1234567"],
        [
            _job(
                "Infineon Technologies AG",
                "Principal Hardware Engineer",
                "since 04/2016",
                "2016-04",
                "Neubiberg",
                [
                    "Architect of GaN-based 3.3 kW server power reference designs.",
                    "Lead EMC pre-compliance for the automotive gate-driver family.",
                ],
            ),
            _job(
                "Robert Bosch GmbH",
                "Hardware Development Engineer",
                "10/2008 – 03/2016",
                "2008-10",
                "Reutlingen",
                ["Inverter control boards for e-bike drive units; DFMEA and ISO 26262 work products."],
            ),
            _job(
                "Siemens AG",
                "Working Student – Power Electronics",
                "04/2006 – 09/2008",
                "2006-04",
                "Dresden",
                ["Test benches for IGBT modules; LabVIEW automation."],
            ),
        ],
        [
            _degree(
                "Technische Universität Dresden",
                "Diplom-Ingenieur (Dipl.-Ing.) Elektrotechnik",
                "10/2002 – 09/2008",
                "master",
                2008,
                "Dresden",
            ),
            _degree("Gymnasium Dresden-Plauen", "Abitur", "2002", "secondary", 2002, "Dresden"),
        ],
        [
            (
                "Skills",
                [
                    "Altium Designer 23, Cadence OrCAD 17.4, LTspice, PLECS",
                    "GaN/SiC power stages, EMC pre-compliance, IEC 61000-4",
                    "MATLAB R2023a, Python 3.11",
                ],
            ),
            (
                "Patents",
                [
                    "DE 10 2019 123 456 A1 — Gate driver with adaptive dead time (2019)",
                    "US 11,234,567 B2 — Resonant converter control (2022)",
                ],
            ),
            ("Languages", ["German (native), English (C1)"]),
        ],
    ),
    _resume(
        "Candidate_TP-2291_profile.docx",
        "docx_table",
        None,
        "Senior Solutions Architect (AWS)",
        ["Location: London, UK (hybrid)", "Notice period: 1 month", "Right to work: UK (ILR)"],
        [
            _job(
                "Amazon Web Services",
                "Senior Solutions Architect",
                "Nov 2020 – Present",
                "2020-11",
                "London",
                [
                    "Trusted adviser to three FTSE 100 financial-services customers; landing zones and EKS platforms.",
                    "Authored two AWS Prescriptive Guidance patterns.",
                ],
            ),
            _job(
                "Accenture",
                "Cloud Architect",
                "Apr 2016 – Oct 2020",
                "2016-04",
                "London",
                ["Data-centre exit programmes (VMware to AWS) for retail and insurance clients."],
            ),
            _job(
                "Tata Consultancy Services",
                "Assistant Systems Engineer",
                "Jul 2010 – Mar 2016",
                "2010-07",
                "Chennai",
                ["Java EE and Oracle support for a UK bank; moved to London office in 2014."],
            ),
        ],
        [
            _degree(
                "Anna University",
                "B.E. Electronics and Communication Engineering",
                "2006 – 2010",
                "bachelor",
                2010,
                "Chennai",
            ),
        ],
        [
            (
                "Certifications",
                ["AWS Certified Solutions Architect – Professional (2021)", "TOGAF 9.2 Certified (2019)"],
            ),
            (
                "Skills",
                [
                    "AWS (Control Tower, EKS, Organizations), Azure, Terraform 1.6, AWS CDK",
                    "Java 11, Python 3.11, TypeScript",
                ],
            ),
        ],
        summary="Anonymised profile prepared for the client. Candidate details available on request.",
        header="TalentBridge Recruitment Ltd — Candidate Profile — Ref: TP-2291",
        footer="Presented by TalentBridge Recruitment Ltd. Confidential.",
    ),
    # --- DOCX: sidebar table -----------------------------------------------------------------
    _resume(
        "Hannah_OConnor_Frontend.docx",
        "docx_sidebar",
        "Hannah O'Connor",
        "Senior Frontend Engineer",
        ["London, UK", "hannah.oconnor@gmail.com", "07700 900456", "github.com/hoconnor"],
        [
            _job(
                "Deliveroo",
                "Senior Frontend Engineer",
                "Feb 2022 – Present",
                "2022-02",
                "London",
                [
                    "Lead the consumer web checkout (Next.js 14, TypeScript 5); conversion +3.1%.",
                    "Accessibility champion: WCAG 2.2 AA audit and fixes across 60 pages.",
                ],
            ),
            _job(
                "Tractable.ai",
                "Frontend Engineer",
                "Aug 2019 – Jan 2022",
                "2019-08",
                "London",
                ["React and D3 tools for insurance claim reviewers; GraphQL with Apollo 3."],
            ),
            _job(
                "Hachette UK",
                "Marketing Executive",
                "2015 – 2018",
                "2015",
                "London",
                ["Digital campaigns for fiction titles; taught myself JavaScript building landing pages."],
            ),
        ],
        [
            _degree(
                "Makers Academy",
                "Software Engineering Bootcamp certificate",
                "Jan 2019 – Apr 2019",
                None,
                2019,
                "London",
            ),
            _degree(
                "University of Leeds",
                "BA (Hons) English Literature",
                "2012 – 2015",
                "bachelor",
                2015,
                "Leeds",
            ),
        ],
        [
            (
                "Skills",
                [
                    "TypeScript 5, React 18, Next.js 14",
                    "GraphQL, Apollo 3, Redux Toolkit",
                    "Jest 29, Cypress 13, Storybook 7",
                    "Web accessibility (WCAG 2.2)",
                ],
            ),
            (
                "Projects",
                [("2019", "Food bank volunteer rota app, React + Firebase — github.com/hoconnor/rota")],
            ),
        ],
        summary="Career changer turned frontend lead; I care about fast, accessible web apps.",
    ),
    _resume(
        "Sneha_Iyer_iOS.docx",
        "docx_sidebar",
        "Sneha Iyer",
        "iOS Engineer · Swift · SwiftUI",
        ["Mumbai, India", "sneha.iyer.ios@gmail.com", "+91 99200 54321", "github.com/snehaiyer"],
        [
            _job(
                "Zepto",
                "SDE-2 (iOS)",
                "Jan 2023 – Present",
                "2023-01",
                "Mumbai",
                [
                    "Own the cart and checkout modules of the 10-minute delivery app (SwiftUI, Combine).",
                    "Cut cold start from 2.8 s to 1.1 s by lazy-loading feature modules.",
                ],
            ),
            _job(
                "Swiggy",
                "iOS Developer",
                "Jun 2020 – Dec 2022",
                "2020-06",
                "Bengaluru",
                ["Instamart launch team; live order-tracking map with MapKit."],
            ),
            _job(
                "Haptik.ai",
                "Associate Software Engineer",
                "Jul 2018 – May 2020",
                "2018-07",
                "Mumbai",
                ["Chat SDK for iOS in Swift 4 and Objective-C."],
            ),
        ],
        [
            _degree(
                "Vellore Institute of Technology", "B.Tech in CSE", "2014 – 2018", "bachelor", 2018, "Vellore"
            ),
            _degree("DAV Public School", "Class XII (HSC), 92%", "2014", "secondary", 2014, "Navi Mumbai"),
        ],
        [
            (
                "Skills",
                [
                    "Swift 5.9, Objective-C, SwiftUI, UIKit",
                    "Combine, Core Data, XCTest",
                    "Xcode 15, Fastlane, Firebase",
                ],
            ),
            ("Awards", ["Winner, Smart India Hackathon (2017)", "Apple WWDC Scholarship (2016)"]),
            (
                "Projects",
                [("2021", "HabitKit — open-source SwiftUI habit tracker, github.com/snehaiyer/habitkit")],
            ),
        ],
    ),
    # --- DOCX: name in header / text box -----------------------------------------------------
    _resume(
        "Maxime-Dubois-DataScience.docx",
        "docx_header",
        "MAXIME DUBOIS",
        "Machine Learning Engineer",
        ["Toronto, ON", "maxime.dubois@icloud.com", "+1 416 555 0178", "linkedin.com/in/maximedubois"],
        [
            _job(
                "Cohere",
                "Machine Learning Engineer",
                "Sep 2022 – Present",
                "2022-09",
                "Toronto, ON",
                [
                    "Training and evaluation infrastructure for the Rerank models (JAX, TPU v4).",
                    "Shipped multilingual rerank v3 with 100+ languages.",
                ],
            ),
            _job(
                "Coveo",
                "Data Scientist",
                "May 2019 – Aug 2022",
                "2019-05",
                "Québec City, QC",
                ["Query suggestion and session-based recommendation models for e-commerce search."],
            ),
            _job(
                "Desjardins",
                "Data Analyst",
                "Jun 2017 – Apr 2019",
                "2017-06",
                "Lévis, QC",
                ["Fraud analytics dashboards in SAS and Tableau."],
            ),
        ],
        [
            _degree(
                "Université Laval",
                "M.Sc. in Computer Science (Machine Learning)",
                "2017 – 2019",
                "master",
                2019,
                "Québec City",
            ),
            _degree(
                "Université Laval", "B.Sc. in Mathematics", "2014 – 2017", "bachelor", 2017, "Québec City"
            ),
        ],
        [
            (
                "Publications",
                [
                    "M. Dubois, L. Tremblay. “Query-aware reranking for enterprise search.” NeurIPS 2021 Workshop on "
                    "Efficient Natural Language and Speech Processing."
                ],
            ),
            (
                "Skills",
                [
                    "Python 3.11, PyTorch 2.1, JAX 0.4, scikit-learn 1.3, Hugging Face Transformers 4.35",
                    "Spark 3.5, Airflow 2.7, BigQuery",
                    "Kubernetes 1.27, Docker, GitHub Actions",
                ],
            ),
            ("Awards", ["Kaggle Competitions Expert (2020)"]),
        ],
        alt_name="Maxime Dubois",
    ),
    _resume(
        "YangLiu_Embedded_EN.docx",
        "docx_textbox",
        "Yang Liu",
        "Senior Embedded Engineer | Drones & Flight Control",
        ["Shenzhen, China", "liuyang.hw@qq.com", "+86 135 1234 5678"],
        [
            _job(
                "DJI",
                "Senior Embedded Engineer",
                "2019.03 – present",
                "2019-03",
                "Shenzhen",
                [
                    "Flight-controller firmware for the Mavic 3 series on STM32H7 and NuttX.",
                    "IMU temperature-drift compensation, patent granted 2020.",
                ],
            ),
            _job(
                "Huawei Technologies Co., Ltd.",
                "Hardware Engineer",
                "2015.07 – 2019.02",
                "2015-07",
                "Shenzhen",
                ["Board design for 4G small-cell base stations; signal integrity and DDR4 layout review."],
            ),
        ],
        [
            _degree(
                "Harbin Institute of Technology",
                "M.Eng. in Control Science and Engineering",
                "2012.09 – 2015.06",
                "master",
                2015,
            ),
            _degree(
                "Harbin Institute of Technology",
                "B.Eng. in Automation",
                "2008.09 – 2012.06",
                "bachelor",
                2012,
            ),
            _degree(
                "Harbin No. 3 High School",
                "High school (Gaokao: 665/750)",
                "2005.09 – 2008.06",
                "secondary",
                2008,
            ),
        ],
        [
            (
                "Skills",
                [
                    "C, C++14, Python 3.8, MATLAB",
                    "STM32H7, NuttX, PX4 1.14, ROS 2 Humble",
                    "CAN-FD, SPI, I2C, UART; Altium Designer 22",
                ],
            ),
            ("Patents", ["CN 110123456 A — IMU temperature drift compensation (2020)"]),
            ("Awards", ["National Undergraduate Electronic Design Contest, First Prize (2011)"]),
        ],
        alt_name="Liu Yang",
    ),
    # --- DOCX: right tab stops ---------------------------------------------------------------
    _resume(
        "Fernanda_Costa_IT_Support.docx",
        "docx_tabs",
        "Fernanda Lima Costa",
        "IT Support Analyst",
        ["Porto Alegre, RS, Brazil", "fernanda.lcosta@outlook.com", "+55 51 99876-5432"],
        [
            _job(
                "Thoughtworks",
                "IT Support Analyst",
                "Mar 2020 – Present",
                "2020-03",
                "Porto Alegre",
                [
                    "Support 600 staff across macOS and Windows; Jamf Pro and Intune device enrolment.",
                    "Automated onboarding with Okta workflows and PowerShell 7, saving 3 h per new hire.",
                ],
            ),
            _job(
                "Locaweb",
                "Help Desk Technician",
                "Feb 2017 – Feb 2020",
                "2017-02",
                "São Paulo",
                ["Level 1/2 support for hosting customers: DNS, e-mail, cPanel."],
            ),
        ],
        [
            _degree(
                "Faculdade de Tecnologia de São Paulo",
                "Associate degree in Computer Networks (Tecnólogo)",
                "2014 – 2016",
                "associate",
                2016,
                "São Paulo",
            ),
        ],
        [
            (
                "Certifications",
                [
                    "CompTIA A+ (2017)",
                    "ITIL 4 Foundation (2020)",
                    "Microsoft 365 Certified: Modern Desktop Administrator Associate (2021)",
                ],
            ),
            (
                "Skills",
                [
                    "Jamf Pro 10, Microsoft Intune, Google Workspace admin",
                    "Active Directory, Entra ID, Okta",
                    "macOS 14, Windows 11, Ubuntu 22.04; PowerShell 7",
                ],
            ),
            ("Languages", ["Portuguese (native), English (advanced), Spanish (intermediate)"]),
        ],
    ),
    _resume(
        "Robert_Anderson_Resume.docx",
        "docx_tabs",
        "Robert Anderson",
        "Staff Electrical Engineer — Power Electronics & Battery Systems",
        ["Palo Alto, CA", "r.anderson.ee@gmail.com", "(650) 555-0112"],
        [
            _job(
                "Tesla",
                "Staff Electrical Engineer",
                "Jan 2018 – Present",
                "2018-01",
                "Palo Alto, CA",
                [
                    "Battery management system hardware for Model Y and Cybertruck packs.",
                    "Own isolated DC/DC converter designs from concept to production.",
                ],
            ),
            _job(
                "Qualcomm",
                "Senior Hardware Engineer",
                "Jun 2008 – Dec 2017",
                "2008-06",
                "San Diego, CA",
                ["PMIC bring-up for Snapdragon reference designs."],
            ),
            _job(
                "Texas Instruments",
                "Applications Engineer",
                "Jul 1998 – May 2008",
                "1998-07",
                "Dallas, TX",
                ["Customer support and reference designs for low-dropout regulators."],
            ),
        ],
        [
            _degree("University of Texas at Dallas", "MSEE", "2002", "master", 2002, "Richardson, TX"),
            _degree("Texas A&M University", "BSEE", "1998", "bachelor", 1998, "College Station, TX"),
        ],
        [
            (
                "Patents",
                [
                    "US 10,897,123 B2 — Cell balancing circuit for high-voltage battery packs (2021)",
                    "US 9,456,789 B1 — Low-noise LDO for RF front ends (2016)",
                ],
            ),
            (
                "Skills",
                [
                    "Altium Designer, Cadence Allegro 17, SPICE, MATLAB/Simulink",
                    "Battery management, isolated DC/DC, ISO 26262 ASIL-D",
                ],
            ),
            (
                "Professional Activities",
                [
                    "Senior Member, IEEE (since 2012)",
                    "Board member, IEEE Santa Clara Valley Section (2019 – 2022)",
                ],
            ),
        ],
        alt_name="Bob Anderson",
        summary="Electrical engineer with 25+ years in power management silicon and EV battery systems.",
    ),
    # --- TXT ------------------------------------------------------------------------------------
    _resume(
        "maria_gonzalez_resume.txt",
        "txt_pipes",
        "Maria Gonzalez",
        "Full-Stack Software Engineer (bootcamp grad)",
        ["Austin, TX", "maria.gonzalez.dev@gmail.com", "(512) 555-0166", "github.com/mgonzalez-dev"],
        [
            _job(
                "Procore Technologies",
                "Junior Software Engineer",
                "2023 – Present",
                "2023",
                "Austin, TX (Remote)",
                [
                    "Rails 7 and React 18 features for the submittals workflow.",
                    "Wrote 300+ RSpec tests; on-call rotation.",
                ],
            ),
            _job(
                "App Academy",
                "Teaching Assistant",
                "2022 – 2023",
                "2022",
                "Remote",
                ["Ran daily code reviews and debugging sessions for 40 students per cohort."],
            ),
            _job(
                "Chipotle Mexican Grill",
                "Shift Manager",
                "2017 – 2022",
                "2017",
                "Austin, TX",
                ["Managed crews of 12 and weekly inventory."],
            ),
        ],
        [
            _degree("App Academy", "Full-Stack Web Development Bootcamp certificate", "2022", None, 2022),
            _degree(
                "Pasadena City College",
                "Associate of Arts (A.A.), Psychology",
                "2014 – 2016",
                "associate",
                2016,
                "Pasadena, CA",
            ),
        ],
        [
            (
                "Projects",
                [
                    "TacoTrack (Mar 2022 – Apr 2022) — React 18 + Rails 7 food-truck tracker — github.com/mgonzalez-dev/tacotrack",
                    "Budgetly (2022) — Node.js 18, Express, MongoDB — github.com/mgonzalez-dev/budgetly",
                ],
            ),
            (
                "Skills",
                [
                    "JavaScript (ES2022), TypeScript 5, Ruby 3.2, Python 3.11",
                    "React 18, Ruby on Rails 7, Node.js 18, PostgreSQL 15",
                ],
            ),
            ("Hackathons", ["2nd place, HackTX 2022"]),
        ],
    ),
    _resume(
        "WangHao_Resume_EN.txt",
        "txt_dated",
        "Wang Hao",
        "Data Engineer",
        ["Beijing, China", "wanghao_data@126.com", "+86 186 1234 5678"],
        [
            _job(
                "Meituan",
                "Data Engineer",
                "2021.08 – Present",
                "2021-08",
                "Beijing",
                [
                    "Real-time delivery ETA features with Flink 1.16 and Doris 2.0.",
                    "Owns 120 Hive/Spark batch jobs.",
                ],
            ),
            _job(
                "JD.com",
                "Big Data Developer",
                "2018.07 – 2021.07",
                "2018-07",
                "Beijing",
                ["Inventory data warehouse on Hadoop 3 and Hive; 11.11 traffic readiness."],
            ),
        ],
        [
            _degree("Peking University", "M.S. in Software Engineering", "2015.09 – 2018.06", "master", 2018),
            _degree(
                "Beijing Jiaotong University",
                "B.E. in Computer Science",
                "2011.09 – 2015.06",
                "bachelor",
                2015,
            ),
            _degree(
                "Beijing No. 4 High School",
                "High school diploma (Gaokao score: 672)",
                "2008.09 – 2011.06",
                "secondary",
                2011,
            ),
        ],
        [
            (
                "Projects",
                ["2020.03 – 2020.12  Real-time inventory dashboard (Flink + Doris), JD.com internal project"],
            ),
            (
                "Skills",
                [
                    "Hadoop 3.3, Hive 3, Spark 3.3, Flink 1.16, Doris 2.0",
                    "Python 3.9, Scala 2.12, Java 8, SQL",
                ],
            ),
            ("Awards", ["2017 Kaggle Santander silver medal", "CET-6 (2013)"]),
        ],
        alt_name="Hao Wang",
    ),
    _resume(
        "Agnieszka_Kowalczyk_CV.txt",
        "txt_blocks",
        "Agnieszka Kowalczyk",
        "Senior Security Engineer",
        ["Kraków, Poland", "agnieszka.kowalczyk@proton.me", "+48 512 345 678"],
        [
            _job(
                "Allegro",
                "Senior Security Engineer",
                "05/2020 – present",
                "2020-05",
                "Poznań / Remote",
                [
                    "AppSec for 1,500 services: Semgrep and CodeQL in CI, secure code review.",
                    "Run the bug bounty programme (HackerOne).",
                ],
            ),
            _job(
                "CD PROJEKT RED",
                "Security Analyst",
                "02/2017 – 04/2020",
                "2017-02",
                "Warsaw",
                ["Incident response and Splunk SIEM use cases for studio and GOG infrastructure."],
            ),
            _job(
                "Comarch",
                "Junior Network Administrator",
                "07/2014 – 01/2017",
                "2014-07",
                "Kraków",
                ["Cisco and Fortinet firewalls for managed-service clients."],
            ),
        ],
        [
            _degree(
                "AGH University of Science and Technology",
                "M.Sc. Eng. in Computer Science (part-time)",
                "2014 – 2016",
                "master",
                2016,
                "Kraków",
            ),
            _degree(
                "AGH University of Science and Technology",
                "B.Sc. Eng. in Teleinformatics",
                "2010 – 2014",
                "bachelor",
                2014,
                "Kraków",
            ),
        ],
        [
            ("Certifications", ["OSCP (2019)", "CISSP (2022)"]),
            ("CTF", ["1st place, CONFidence CTF 2018 (team p4)"]),
            (
                "Skills",
                [
                    "Burp Suite, Semgrep, CodeQL, OWASP ZAP",
                    "AWS security (GuardDuty, Security Hub), Vault 1.15",
                    "Python 3.11, Go 1.21, Bash",
                ],
            ),
        ],
        footer="Wyrażam zgodę na przetwarzanie moich danych osobowych dla potrzeb procesu rekrutacji.",
    ),
    # --- Markdown ------------------------------------------------------------------------------
    _resume(
        "dmytro-shevchenko-resume.md",
        "md_github",
        "Dmytro Shevchenko",
        "Senior Go Engineer · distributed systems · remote",
        ["Kyiv, Ukraine", "dmytro@shevchenko.dev", "github.com/dshevchenko"],
        [
            _job(
                "Revolut",
                "Senior Go Engineer",
                "Nov 2021 – Present",
                "2021-11",
                "Remote",
                [
                    "Card authorisation service in Go 1.22: 4k TPS, p99 under 40 ms.",
                    "Led the migration from a shared PostgreSQL cluster to per-service databases.",
                ],
            ),
            _job(
                "MacPaw",
                "Backend Engineer",
                "Jul 2018 – Oct 2021",
                "2018-07",
                "Kyiv",
                ["Setapp licensing and payments backend (Go, PHP 7, MySQL)."],
            ),
            _job(
                "Ciklum",
                "Junior PHP Developer",
                "Jun 2016 – Jun 2018",
                "2016-06",
                "Kyiv",
                ["Symfony 3 e-commerce backends for Scandinavian retailers."],
            ),
        ],
        [
            _degree(
                "Taras Shevchenko National University of Kyiv",
                "M.Sc. in Applied Mathematics",
                "2015 – 2017",
                "master",
                2017,
            ),
            _degree(
                "Taras Shevchenko National University of Kyiv",
                "B.Sc. in Applied Mathematics",
                "2011 – 2015",
                "bachelor",
                2015,
            ),
        ],
        [
            (
                "Open source",
                [
                    "**kubernetes/kubernetes** — contributor since 2020 (kubectl, client-go)",
                    "**go-ratelimit** — author and maintainer (2019), 2.3k ★",
                ],
            ),
            (
                "Skills",
                ["Go 1.22, PostgreSQL 16, Kafka, gRPC, Protobuf", "Kubernetes 1.29, Helm, Terraform, GCP"],
            ),
            ("Talks", ["GopherCon EU 2023 — “Backpressure in Go services”"]),
        ],
        badge="![GitHub followers](https://img.shields.io/github/followers/dshevchenko?style=social)",
        links={"Revolut": "https://www.revolut.com", "MacPaw": "https://macpaw.com"},
    ),
    _resume(
        "ananya_krishnan_cv.md",
        "md_table",
        "Ananya Krishnan",
        "Senior ML Engineer — LLM evaluation and data pipelines",
        [
            "San Francisco, CA",
            "ananya.k@protonmail.com",
            "github.com/ananyak",
            "scholar.google.com/citations?user=ak",
        ],
        [
            _job(
                "Scale AI",
                "Senior ML Engineer",
                "2022-01 – present",
                "2022-01",
                "San Francisco, CA",
                ["Built the RLHF preference-data quality pipeline; 30% fewer rejected batches."],
            ),
            _job(
                "Hugging Face",
                "Machine Learning Engineer",
                "2017-08 – 2021-12",
                "2017-08",
                "Remote",
                ["Core contributor to the `datasets` library; streaming mode and Arrow caching."],
            ),
            _job(
                "Mu Sigma",
                "Decision Scientist",
                "2014-07 – 2015-07",
                "2014-07",
                "Bengaluru",
                ["Demand forecasting models for a US retail client (R, SAS)."],
            ),
        ],
        [
            _degree(
                "Carnegie Mellon University",
                "M.S. in Machine Learning",
                "2015 – 2017",
                "master",
                2017,
                "Pittsburgh, PA",
            ),
            _degree(
                "Indian Institute of Technology Bombay",
                "B.Tech in Electrical Engineering",
                "2010 – 2014",
                "bachelor",
                2014,
                "Mumbai",
            ),
        ],
        [
            (
                "Publications",
                [
                    "Krishnan, A., et al. *Distilling retrieval-augmented models.* ACL 2020.",
                    "Krishnan, A., Lhoest, Q. *Streaming datasets at scale.* NeurIPS 2021 Datasets Track.",
                ],
            ),
            ("Skills", ["Python 3.11, PyTorch 2.2, JAX, Triton", "Ray 2.9, Kubernetes, AWS SageMaker"]),
            ("Awards", ["Best Paper Honorable Mention, EMNLP 2019 workshop"]),
        ],
    ),
    _resume(
        "chinedu_okeke_devops.md",
        "md_bullets",
        "Chinedu Okeke",
        "Senior DevOps Engineer",
        ["Lagos, Nigeria", "chinedu.okeke@gmail.com", "github.com/cokeke"],
        [
            _job(
                "Flutterwave",
                "Senior DevOps Engineer",
                "2021 – Present",
                "2021",
                "Lagos",
                ["Multi-region EKS platform with ArgoCD; 99.99% uptime for payment APIs."],
            ),
            _job(
                "Flutterwave",
                "DevOps Engineer",
                "2019 – 2021",
                "2019",
                "Lagos",
                ["Moved CI from Jenkins to GitHub Actions; Terraform for all AWS accounts."],
            ),
            _job(
                "Konga",
                "Systems Engineer",
                "2016 – 2019",
                "2016",
                "Lagos",
                ["Linux fleet, HAProxy and MySQL replication for the marketplace."],
            ),
        ],
        [
            _degree(
                "University of Nigeria",
                "B.Eng. Electrical Engineering",
                "2010 – 2015",
                "bachelor",
                2015,
                "Nsukka",
            ),
        ],
        [
            (
                "Certifications",
                [
                    "Certified Kubernetes Administrator (2020)",
                    "AWS Certified DevOps Engineer – Professional (2022)",
                ],
            ),
            (
                "Community",
                ["Board member, DevOps Lagos meetup (2022 – present)", "Speaker, DevFest Lagos 2021"],
            ),
            (
                "Skills",
                [
                    "AWS, GCP, Terraform 1.6, Ansible",
                    "Kubernetes 1.28, ArgoCD, Prometheus, Grafana, Loki",
                    "Go 1.21, Python 3.11, Bash",
                ],
            ),
        ],
    ),
]


def documents() -> list[tuple[str, bytes, dict]]:
    """(file name with extension, file bytes, truth) for each resume."""
    return [(r["file"], _RENDERERS[r["kind"]](r), _truth(r)) for r in _RESUMES]
