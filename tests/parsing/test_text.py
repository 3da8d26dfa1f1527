"""candidates.parsing.text: bytes of every supported format → text, and every failure → a clear status.

Fixtures are built here (reportlab, python-docx, zipfile, email) or are the two small .doc files in
fixtures/ (made from python-docx documents converted by LibreOffice). No database.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.parsing import text as text_module
from candidates.parsing.text import (
    ExtractedText,
    clean_text,
    decode_bytes,
    extract_text,
    fix_mojibake,
    kind_from_name,
)

FIXTURES = Path(__file__).parent / "fixtures"
CV_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "vacancy-resume-matching" / "CV"

ZH_RESUME = "张三\n工作经历：2018年3月至今 北京字节跳动科技有限公司 高级工程师\n期望薪资：25-35K·14薪\n教育背景：清华大学 本科\n"
TRADITIONAL = (
    "陳大文\n工作經歷：2018年3月至今 台灣積體電路製造股份有限公司 資深工程師\n學歷：國立臺灣大學 碩士\n"
)


# --------------------------------------------------------------------------------------------- builders


def make_pdf(pages: list[list[str]]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_image_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.circle(300, 600, 50, fill=1)
    pdf.showPage()
    pdf.rect(50, 50, 100, 100, fill=0)
    pdf.save()
    return buffer.getvalue()


def make_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def resume_docx(document) -> None:
    document.sections[0].header.paragraphs[0].text = "页眉：张三的简历 Header line"
    document.add_paragraph("张三 Zhang San")
    document.add_paragraph("电话：138-0013-8000")
    document.add_paragraph("工作经历")
    table = document.add_table(rows=2, cols=3)
    rows = [
        ("2018.03-至今", "华为技术有限公司", "高级软件工程师"),
        ("2015.07-2018.02", "腾讯科技（深圳）有限公司", "软件工程师"),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("教育背景")
    document.add_paragraph("2011.09-2015.06 清华大学 计算机科学与技术 本科")


# --------------------------------------------------------------------------------------------- PDF


def test_pdf_chinese_and_english_text():
    data = make_pdf(
        [
            ["张三 Zhang San 电话：138-0013-8000", "工作经历 2018.03-至今 华为技术有限公司 高级软件工程师"],
            ["Skills: Python, Django, Kubernetes and PostgreSQL"],
        ]
    )
    result = extract_text(data, "resume.pdf")
    assert result.status == "ok" and result.kind == "pdf" and result.pages == 2
    assert "张三 Zhang San" in result.text
    assert "华为技术有限公司 高级软件工程师" in result.text
    assert result.text.index("华为") < result.text.index("Kubernetes")  # pages joined in order
    assert "\r" not in result.text


def test_pdf_without_text_layer():
    result = extract_text(make_image_pdf(), "scan.pdf")
    assert result.status == "no_text_layer"
    assert result.pages == 2
    assert "OCR" in result.error


def test_pdf_corrupt_or_truncated_fails():
    data = make_pdf([["Some text for a PDF that will be cut in half"] * 5])
    for broken in (data[: len(data) // 2], b"%PDF-1.7\n" + b"garbage" * 50):
        result = extract_text(broken, "cv.pdf")
        assert result.status == "failed", result
        assert "corrupt" in result.error or "could not read" in result.error


def test_pdf_password_protected_fails():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner"))
    pdf.drawString(72, 720, "confidential resume text that nobody can read without the password")
    pdf.save()
    result = extract_text(buffer.getvalue(), "locked.pdf")
    assert result.status == "failed"
    assert result.error.startswith("password-protected PDF")


def test_pdf_falls_back_to_pdfminer(monkeypatch):
    def broken(data):
        raise RuntimeError("pdfium unavailable")

    monkeypatch.setattr(text_module, "_pdf_pages_pdfium", broken)
    result = extract_text(make_pdf([["Fallback works: 工程师 Engineer 2018-2021"]]), "cv.pdf")
    assert result.status == "ok"
    assert "Fallback works" in result.text and "工程师" in result.text


# --------------------------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_tables_and_headers_in_order():
    result = extract_text(make_docx(resume_docx), "resume.docx")
    assert result.status == "ok" and result.kind == "docx"
    text = result.text
    assert text.startswith("页眉：张三的简历 Header line")
    assert "2018.03-至今\t华为技术有限公司\t高级软件工程师" in text
    assert text.index("工作经历") < text.index("华为技术有限公司") < text.index("教育背景")
    assert "腾讯科技（深圳）有限公司" in text  # full-width characters are kept


def test_docx_nested_table_and_merged_cells():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "Merged header"
        table.cell(1, 0).text = "Left"
        inner = table.cell(1, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "Inner A"
        inner.cell(0, 1).text = "Inner B"

    text = extract_text(make_docx(build), "t.docx").text
    assert text.count("Merged header") == 1
    assert "Inner A\tInner B" in text and "Left" in text


def test_docm_macros_ignored_text_read():
    data = make_docx(lambda d: d.add_paragraph("Macro-enabled resume of Li Lei"))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(item, content)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro project")
    result = extract_text(out.getvalue(), "resume.docm")
    assert result.status == "ok"
    assert "Macro-enabled resume of Li Lei" in result.text


def test_docx_zip_bomb_by_ratio(tmp_path):
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w") as entry:
            chunk = bytes(1 << 20)
            for _ in range(24):
                entry.write(chunk)
    result = extract_text(path.read_bytes(), "ratio.docx")
    assert result.status == "failed"
    assert result.error.startswith("suspicious archive")


def test_docx_zip_bomb_by_total_size(tmp_path):
    """210 MB of zeros, written in 1 MB chunks: 200 KB on disk, refused before anything is unpacked."""
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/big.bin", "w", force_zip64=True) as entry:
            chunk = bytes(1 << 20)
            for _ in range(210):
                entry.write(chunk)
    data = path.read_bytes()
    assert len(data) < 2 * 1024 * 1024
    result = extract_text(data, "bomb.docx")
    assert result.status == "failed"
    assert "suspicious archive" in result.error and "210 MB" in result.error


def test_docx_corrupt_fails():
    data = make_docx(lambda d: d.add_paragraph("hello"))
    result = extract_text(data[:300], "broken.docx")
    assert result.status == "failed" and result.kind == "docx"


def test_docx_without_text_is_empty():
    result = extract_text(make_docx(lambda d: d.add_paragraph("   ")), "blank.docx")
    assert result.status == "empty"


def test_encrypted_office_document_fails():
    # An encrypted DOCX is an OLE2 file with EncryptionInfo/EncryptedPackage streams; olefile can't write
    # one, so check the message on the code path the sniffer routes it to.
    with pytest.raises(text_module.ExtractionError, match="password-protected"):
        text_module._extract_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "docx")


@pytest.mark.skipif(not CV_DIR.is_dir(), reason="shared/data/vacancy-resume-matching is not here")
def test_real_english_docx_cvs():
    files = sorted(CV_DIR.glob("*.docx"))
    assert len(files) >= 30
    for path in files:
        result = extract_text(path.read_bytes(), path.name)
        assert result.status == "ok", (path.name, result.error)
        assert len(result.text) > 300
        assert "\x00" not in result.text and "\r" not in result.text


# --------------------------------------------------------------------------------------------- DOC


@pytest.mark.parametrize("name", ["resume_zh.doc", "resume_en.doc"])
def test_legacy_doc_piece_table(name):
    result = extract_text((FIXTURES / name).read_bytes(), name)
    assert result.status == "ok" and result.kind == "doc"
    if name == "resume_zh.doc":
        assert result.text.startswith("张三\n电话：138-0013-8000")
        assert "2018.03-至今\t华为技术有限公司\t高级软件工程师" in result.text  # table cells
        assert "2011.09-2015.06  清华大学  计算机科学与技术  本科" in result.text
    else:
        assert "Google Inc. (2018-2021) Software Engineer" in result.text
        assert "B.Sc. in Computer Science, Stanford University, 2010 - 2014" in result.text


def test_legacy_doc_heuristic_when_piece_table_is_broken(monkeypatch):
    def broken(word, table):
        raise ValueError("damaged piece table")

    monkeypatch.setattr(text_module, "_doc_piece_table_text", broken)
    result = extract_text((FIXTURES / "resume_zh.doc").read_bytes(), "resume.doc")
    assert result.status == "ok"
    assert "华为技术有限公司" in result.text and "zhangsan@example.com" in result.text


def test_legacy_doc_unreadable_suggests_docx_or_pdf():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\xff" * 400
    result = extract_text(data, "old.doc")
    assert result.status == "failed"
    assert "DOCX or PDF" in result.error


# --------------------------------------------------------------------------------------------- TXT / MD


@pytest.mark.parametrize(
    ("encoded", "expected_encoding", "original"),
    [
        (ZH_RESUME.encode("gbk"), "gb18030", ZH_RESUME),
        (ZH_RESUME.replace("·", " ").encode("gb2312"), "gb18030", ZH_RESUME.replace("·", " ")),
        (ZH_RESUME.encode("gb18030"), "gb18030", ZH_RESUME),
        (TRADITIONAL.encode("big5"), "cp950", TRADITIONAL),
        (ZH_RESUME.encode("utf-8"), "utf-8", ZH_RESUME),
        (codecs.BOM_UTF8 + ZH_RESUME.encode("utf-8"), "utf-8", ZH_RESUME),
        (ZH_RESUME.encode("utf-16"), "utf-16-le", ZH_RESUME),  # with BOM
        (ZH_RESUME.encode("utf-16-le"), "utf-16-le", ZH_RESUME),  # without BOM
        (ZH_RESUME.encode("utf-16-be"), "utf-16-be", ZH_RESUME),  # without BOM
        (ZH_RESUME.encode("utf-32"), "utf-32-le", ZH_RESUME),
        (
            "José Müller — Software Engineer in Zürich, naïve café".encode("cp1252"),
            "cp1252",
            "José Müller — Software Engineer in Zürich, naïve café",
        ),
        (
            "山田太郎 ソフトウェアエンジニア 東京都渋谷区".encode("shift_jis"),
            "cp932",
            "山田太郎 ソフトウェアエンジニア 東京都渋谷区",
        ),
    ],
)
def test_txt_encodings(encoded, expected_encoding, original):
    result = extract_text(encoded, "resume.txt")
    assert result.status == "ok" and result.kind == "txt"
    assert result.encoding == expected_encoding
    assert result.text == original.strip()


def test_short_gbk_prefers_simplified_over_big5():
    for sample in ("李四 软件工程师", "王五", "张伟 男 本科 北京"):
        text, encoding = decode_bytes(sample.encode("gbk"))
        assert (text, encoding) == (sample, "gb18030")


def test_txt_newlines_nuls_and_controls():
    data = b"John Smith\r\nEngineer\rPython\x00 and\x07 Go\r\n\r\n\r\n\r\nEnd\tTab\x0bLine"
    result = extract_text(data, "a.txt")
    assert result.text == "John Smith\nEngineer\nPython and Go\n\nEnd\tTab\nLine"


def test_markdown_markup_removed():
    md = "# Jane Doe\n\n**Senior Engineer** at [Acme](https://acme.example)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    result = extract_text(md.encode(), "cv.md")
    assert result.kind == "md" and result.status == "ok"
    assert result.text.startswith("Jane Doe\n")
    assert "Senior Engineer at Acme (https://acme.example)" in result.text


def test_mojibake_repaired_conservatively():
    assert fix_mojibake("NaÃ¯ve Bayes, donâ€™t") == "Naïve Bayes, don’t"
    assert fix_mojibake("张三 Zhang".encode().decode("latin-1")) == "张三 Zhang"
    assert fix_mojibake("张三 Zhang".encode().decode("cp1252")) == "张三 Zhang"
    assert fix_mojibake("Résumé".encode().decode("cp1252")) == "Résumé"
    for untouched in ("São Paulo", "Ãlvaro", "Ångström", "£100 and 50°", "façade à la carte", "张三"):
        assert fix_mojibake(untouched) == untouched
    assert clean_text("Skills: NaÃ¯ve Bayes") == "Skills: Naïve Bayes"


def test_ligatures_a_pdf_conversion_lost_are_put_back_when_the_document_shows_the_loss():
    lost = "Educaon\nNaonal Research University, Faculty of Cybernecs\nSenior Soware Engineer\nEDUCAON"
    assert clean_text(lost) == (
        "Education\nNational Research University, Faculty of Cybernetics\nSenior Software Engineer\nEDUCATION"
    )
    # one odd word is a name or a typo, not a font: left alone
    for untouched in ("Worked with Naon Cohen at Acme", "AVIA Group, Tel Aviv", "Grew sales at Acme"):
        assert clean_text(untouched) == untouched
    assert clean_text("\ufb01nance and o\ufb03ce") == "finance and office"


def test_letter_spaced_text_from_pdf_kerning_is_joined_back_when_the_document_is_letter_spaced():
    kerned = (
        "Skills: J ava, T ypeScript, C ++, C #; M aven, G radle\n"
        "Languages: E nglish, H ebrew, R ussian\n"
        "Senior S oftware E ngineer, D ecember 2 019 - p resent\n"
        "I was a member of a team designing b ackends o n a w ide s tack."
    )
    assert clean_text(kerned) == (
        "Skills: Java, TypeScript, C++, C#; Maven, Gradle\n"
        "Languages: English, Hebrew, Russian\n"
        "Senior Software Engineer, December 2019 - present\n"
        "I was a member of a team designing backends o n a wide stack."
    )
    ordinary = "Skills: C ++ and R for statistics. I was a member of a team. Plan B was a fallback."
    assert clean_text(ordinary) == ordinary, "a few stray letters are not a letter-spaced document"


@pytest.mark.skipif(not CV_DIR.is_dir(), reason="shared data not present")
def test_a_real_cv_with_lost_ligatures_and_kerning_reads_its_headings_and_skills():
    text = extract_text((CV_DIR / "36.docx").read_bytes(), "36.docx").text
    assert "Education" in text and "Educaon" not in text and "Soware" not in text
    assert "Software Engineer" in text and "Russian" in text and "C++" in text


def test_empty_and_whitespace_files():
    assert extract_text(b"", "a.txt").status == "empty"
    assert extract_text(b"  \r\n\t ", "a.txt").status == "empty"
    assert extract_text("\u200b\ufeff ...".encode(), "a.txt").status == "empty"


def test_file_too_large():
    result = extract_text(b"x" * 2048, "huge.pdf", max_bytes=1024)
    assert result.status == "failed" and result.error.startswith("file too large")
    assert result.kind == "pdf"
    assert extract_text(b"x" * (text_module.DEFAULT_MAX_BYTES + 1), "a.txt").status == "failed"


# --------------------------------------------------------------------------------------------- HTML / MHT


def test_html_sanitised_and_structured():
    html = """<!DOCTYPE html><html><head><title>Resume</title><meta charset="utf-8">
    <script>alert(1)</script><style>body { color: red }</style></head>
    <body onload="evil()"><h1>John&nbsp;Smith</h1><p>Email: <a href="mailto:john@example.com">write me</a></p>
    <img src="x" onerror="alert(2)"><div>Senior&nbsp;Engineer &amp; Lead<br>Google</div>
    <ul><li>Python</li><li>Go</li></ul>
    <table><tr><th>Period</th><th>Company</th></tr><tr><td>2018-2021</td><td>Google</td></tr></table>
    <noscript>enable scripts</noscript></body></html>"""
    result = extract_text(html.encode(), "cv.html")
    assert result.status == "ok" and result.kind == "html"
    text = result.text
    for bad in ("alert", "evil", "color: red", "onerror", "<", "enable scripts", "Resume"):
        assert bad not in text
    assert text.startswith("John Smith\n")
    assert "write me (john@example.com)" in text
    assert "Senior Engineer & Lead\nGoogle" in text
    assert "Python\nGo" in text
    assert "Period\tCompany\n2018-2021\tGoogle" in text


def test_html_meta_charset_gbk():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>张三</p><p>高级工程师</p></body></html>"
    )
    result = extract_text(html.encode("gbk"), "resume.htm")
    assert result.text == "张三\n高级工程师"
    assert result.encoding == "gb18030"


def test_html_sniffed_even_when_named_doc():
    result = extract_text(b"<html><body><p>Li Lei</p><p>Engineer</p></body></html>", "export.doc")
    assert result.kind == "html" and result.text == "Li Lei\nEngineer"


def test_mht_web_archive():
    message = MIMEMultipart("related")
    message.attach(
        MIMEText("<html><body><p>王芳</p><p>产品经理</p><script>x()</script></body></html>", "html", "utf-8")
    )
    data = message.as_bytes()
    result = extract_text(data, "resume.mht")
    assert result.status == "ok" and result.kind == "html"
    assert result.text == "王芳\n产品经理"


# --------------------------------------------------------------------------------------------- RTF


def test_rtf_ansicpg936_escapes_and_unicode():
    rtf = (
        rb"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}"
        rb"\f0 \'d5\'c5\'c8\'fd\par Java \u24037?\u31243?\'ca\'a6\par"
        rb"\trowd\cellx1000\cellx2000 2018\cell \'bb\'aa\'ce\'aa\cell\row}"
    )
    result = extract_text(rtf, "resume.rtf")
    assert result.status == "ok" and result.kind == "rtf"
    assert result.encoding == "gb18030"
    lines = result.text.split("\n")
    assert lines[0] == "张三"
    assert lines[1] == "Java 工程师"
    assert lines[2] == "2018\t华为"


def test_rtf_plain_western():
    rtf = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0 Jos\'e9 M\'fcller\par Engineer\par}"
    result = extract_text(rtf, "cv.rtf")
    assert result.text == "José Müller\nEngineer"


# --------------------------------------------------------------------------------------------- unsupported


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "image"),
        (b"GIF89a" + bytes(64), "image"),
        (b"II*\x00" + bytes(64), "image"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(64), "image"),
        (b"MZ\x90\x00" + bytes(64), "executable"),
        (b"\x7fELF\x02\x01" + bytes(64), "executable"),
        (b"7z\xbc\xaf\x27\x1c" + bytes(64), "archive"),
        (bytes(range(256)) * 4, "unknown"),
    ],
)
def test_unsupported_files(data, kind):
    result = extract_text(data, "upload.bin")
    assert result.status == "unsupported" and result.kind == kind
    assert result.error


def test_png_says_it_needs_ocr():
    result = extract_text(b"\x89PNG\r\n\x1a\n" + bytes(64), "scan.png", "image/png")
    assert result.error == "PNG: an image, not a resume document; scanned resumes need OCR"


def test_plain_zip_and_spreadsheet_unsupported():
    for names, kind in ((["notes.txt"], "archive"), (["xl/workbook.xml"], "sheet")):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "x")
        result = extract_text(buffer.getvalue(), "upload.zip")
        assert result.status == "unsupported" and result.kind == kind


def test_kind_from_name_and_content_type():
    assert kind_from_name("CV.PDF") == "pdf"
    assert kind_from_name("resume.docm") == "docx"
    assert kind_from_name("", "text/html; charset=utf-8") == "html"
    assert kind_from_name("noext", "application/msword") == "doc"
    assert kind_from_name("photo.jpg") is None


def test_binary_named_pdf_without_magic_fails_as_pdf():
    result = extract_text(bytes(range(256)) * 4, "resume.pdf")
    assert result.status == "failed" and result.kind == "pdf"


# --------------------------------------------------------------------------------------------- never raises


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [
            b"",
            b"%PDF-1.4\n",
            b"PK\x03\x04",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            b"{\\rtf1 ",
            b"<html>",
            b"\xff\xfe",
            b"MIME-Version: 1.0\n",
        ]
    ),
    body=st.binary(max_size=600),
    name=st.sampled_from(["a.pdf", "a.docx", "a.doc", "a.txt", "a.md", "a.html", "a.rtf", "a"]),
)
def test_extract_text_never_raises(prefix, body, name):
    result = extract_text(prefix + body, name)
    assert isinstance(result, ExtractedText)
    assert result.status in {"ok", "no_text_layer", "empty", "unsupported", "failed"}
    assert len(result.kind) <= 10  # Document.kind is a CharField(max_length=10)
    assert (result.error is None) == (result.status == "ok")
    assert "\r" not in result.text and "\x00" not in result.text
