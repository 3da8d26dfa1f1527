"""Plain text from an uploaded resume file: PDF, DOCX, DOC, TXT, MD, HTML (and MHT), RTF, in any encoding.

``extract_text`` never raises on bad input: every outcome is an :class:`ExtractedText` with a ``status``:

- ``ok``: text was found;
- ``no_text_layer``: a PDF whose pages carry no readable text (a scan; it needs OCR);
- ``empty``: the file holds no text at all;
- ``unsupported``: an image, an archive, an executable, a spreadsheet, an unknown binary;
- ``failed``: too large, corrupt, password-protected, a suspicious archive.

The type comes from the magic bytes first and from the file name or content type only when the bytes say
nothing (plain text has no magic). Nothing in a file is ever executed: macros, scripts and embedded objects
are not even read. Offsets computed later refer to the returned ``text``, so this module does not fold
full-width characters or otherwise change the text beyond decoding and cleaning.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import functools
import io
import logging
import re
import struct
import threading
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # total uncompressed size of a DOCX's entries
MAX_COMPRESSION_RATIO = 100  # per entry of at least RATIO_MIN_ENTRY bytes
RATIO_MIN_ENTRY = 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000
MIN_PAGE_CHARS = 20  # a PDF page with fewer letters/digits than this counts as having no text
MAX_PDF_PAGES = 100  # resumes are short; a 500-page PDF is not worth reading whole
# One XML part of a DOCX (document.xml, a header): a long real resume has well under 5 MB of XML; a part of
# hundreds of MB passes the ratio check when padded with varied markup and costs gigabytes as a tree.
MAX_ARCHIVE_PART_BYTES = 32 * 1024 * 1024
# Extracted text kept per document (docs/parsing.md "Limits"): a resume is a few thousand characters, and one
# hostile file must not store tens of MB in one row (parse_text reads only the first 200,000 anyway).
MAX_TEXT_CHARS = 2_000_000
MEMORY_ERROR_MESSAGE = "the file needs too much memory to read"

KINDS = ("pdf", "docx", "doc", "txt", "md", "html", "rtf")

OCR_HINT = "scanned resumes need OCR"
SAVE_AS_HINT = "save it as DOCX or PDF and upload it again"


@dataclass(frozen=True)
class ExtractedText:
    """What came out of a file. ``kind`` is one of :data:`KINDS`, or for unsupported files one of
    ``image``, ``archive``, ``executable``, ``sheet``, ``slides``, ``unknown`` (≤ 10 characters, the
    width of ``Document.kind``)."""

    text: str
    kind: str
    status: str  # ok / no_text_layer / empty / unsupported / failed
    error: str | None = None
    encoding: str | None = None
    pages: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class ExtractionError(Exception):
    """A problem to report as ``failed`` with this human message."""


# --------------------------------------------------------------------------------------------- entry point


def extract_text(
    data: bytes,
    filename: str = "",
    content_type: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ExtractedText:
    """Detect the file's type and return its text. Never raises for bad input."""
    hint = kind_from_name(filename, content_type)
    if len(data) > max_bytes:
        return ExtractedText(
            "",
            hint or "unknown",
            "failed",
            f"file too large: {_size(len(data))}, the limit is {_size(max_bytes)}",
        )
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        return ExtractedText("", hint or "txt", "empty", "the file is empty")
    kind, unsupported = sniff(data, hint)
    if unsupported:
        return ExtractedText("", kind, "unsupported", unsupported)
    try:
        return _EXTRACTORS[kind](data, kind)
    except ExtractionError as exc:
        return ExtractedText("", kind, "failed", str(exc))
    except MemoryError:
        return ExtractedText("", kind, "failed", MEMORY_ERROR_MESSAGE)
    except Exception as exc:  # untrusted input: any parser bug becomes a clear status, not a 500
        logger.info("text extraction failed for a %s file: %r", kind, exc)
        return ExtractedText("", kind, "failed", f"could not read the {kind.upper()} file: it looks corrupt")


def _size(n: int) -> str:
    """A size for people: "20 MB", "1.5 MB", "512 KB"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{max(1, round(n / 1024))} KB"


# --------------------------------------------------------------------------------------------- detection

_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "docm": "docx",
    "dotx": "docx",
    "dotm": "docx",
    "doc": "doc",
    "dot": "doc",
    "wps": "doc",
    "txt": "txt",
    "text": "txt",
    "csv": "txt",
    "log": "txt",
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "mht": "html",
    "mhtml": "html",
    "rtf": "rtf",
}
_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-word.document.macroenabled.12": "docx",
    "application/msword": "doc",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "message/rfc822": "html",
    "multipart/related": "html",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
}


def kind_from_name(filename: str = "", content_type: str | None = None) -> str | None:
    """The kind the file name's extension or the content type claims, or None."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if content_type:
        return _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())
    return None


_IMAGE_MESSAGE = f"an image, not a resume document; {OCR_HINT}"
_ARCHIVE_MESSAGE = "an archive, not a resume document; upload the resume file itself"
_EXECUTABLE_MESSAGE = "an executable program, not a resume document"


def sniff(data: bytes, hint: str | None = None) -> tuple[str, str | None]:
    """Return ``(kind, None)`` for a supported file or ``(kind, message)`` for an unsupported one."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf", None
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _sniff_ole(data)
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf", None
    image = _image_type(data)
    if image:
        return "image", f"{image}: {_IMAGE_MESSAGE}"
    if data.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")):
        return "executable", _EXECUTABLE_MESSAGE
    if data.startswith((b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "archive", _ARCHIVE_MESSAGE
    if _looks_binary(data):
        if hint in ("pdf", "docx", "doc"):
            return hint, None  # let the real parser fail with a clear "corrupt" message
        return "unknown", "an unknown binary file, not a resume document"
    return _sniff_text(data, hint), None


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "HEIC/AVIF"
    if data.startswith(b"BM") and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        declared = struct.unpack("<I", data[2:6])[0]
        if declared == len(data) or struct.unpack("<I", data[14:18])[0] in (12, 40, 52, 56, 64, 108, 124):
            return "BMP"
    return None


def _sniff_zip(data: bytes) -> tuple[str, str | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "docx", None  # a broken zip: the DOCX reader reports it as corrupt
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx", None
    if any(n.startswith("xl/") for n in names):
        return "sheet", "a spreadsheet, not a resume document; save the resume as DOCX or PDF"
    if any(n.startswith("ppt/") for n in names):
        return "slides", "a presentation, not a resume document; save the resume as DOCX or PDF"
    if "mimetype" in names:
        return "archive", f"an OpenDocument file, which is not supported; {SAVE_AS_HINT}"
    return "archive", _ARCHIVE_MESSAGE


def _sniff_ole(data: bytes) -> tuple[str, str | None]:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("WordDocument"):
                return "doc", None
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                return "docx", None  # an encrypted OOXML document: the DOCX reader says so
            if ole.exists("Workbook") or ole.exists("Book"):
                return "sheet", "an Excel spreadsheet, not a resume document"
            if ole.exists("PowerPoint Document"):
                return "slides", "a PowerPoint presentation, not a resume document"
    except Exception:
        return "doc", None  # a broken OLE file: the DOC reader reports it as corrupt
    return "unknown", f"an unknown Office file; {SAVE_AS_HINT}"


def _looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding we read (UTF-16/32 text has NULs but a pattern)."""
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if _utf16_without_bom(sample):
        return False
    nul = sample.count(0)
    if nul > max(2, len(sample) // 100):
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 20)


_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b",
    re.IGNORECASE | re.DOTALL,
)


def _is_mht(head: bytes) -> bool:
    return bool(_MIME_VERSION.search(head[:2048])) and b"multipart/related" in head[:2048].lower()


_MIME_VERSION = re.compile(rb"(?im)^MIME-Version:")


def _sniff_text(data: bytes, hint: str | None) -> str:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        try:
            head = decode_bytes(head)[0].encode("utf-8", "ignore")
        except Exception:
            pass
    if _is_mht(head):
        return "html"  # MHT: Word's and job boards' "web archive" exports, often named .doc
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _HTML_START.match(head):
        return "html"
    if hint in ("txt", "md", "html"):
        return hint
    return "txt"


# --------------------------------------------------------------------------------------------- decoding


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text of unknown encoding; return ``(text, encoding)``.

    Order: a BOM; UTF-16 without BOM (recognised by its NUL pattern); strict UTF-8; then the CJK
    encodings scored by how common their characters are (see :func:`_cjk_guess`); then
    charset-normalizer; and as a last resort GB18030 with replacement characters.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _cjk_guess(data) or _western_guess(data)
    if guess:
        return data.decode(guess, errors="replace"), guess
    normalized = _charset_normalizer_guess(data)
    if normalized:
        return normalized
    return data.decode("gb18030", errors="replace"), "gb18030"


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NULs sit on one side of most byte pairs (ASCII in UTF-16)."""
    n = len(sample) - len(sample) % 2
    if n < 8:
        return None
    pairs = n // 2
    even_nuls = sample[0:n:2].count(0)
    odd_nuls = sample[1:n:2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls <= pairs * 0.05:
        return "utf-16-le"
    if even_nuls >= pairs * 0.3 and odd_nuls <= pairs * 0.05:
        return "utf-16-be"
    return None


# Punctuation and symbols that real Chinese text uses a lot; a wrong decoding produces rarer ones.
_CJK_COMMON_PUNCT = set("，。、；：？！“”‘’（）《》【】—…·￥％～「」『』　")


def _common_simplified(ch: str) -> bool:
    """GB2312 level 1: the 3,755 most frequent simplified characters (lead bytes B0–D7)."""
    try:
        return 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
    except UnicodeEncodeError:
        return False


def _common_traditional(ch: str) -> bool:
    """Big5's frequent block: 5,401 common traditional characters (A440–C67E)."""
    try:
        code = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA4 <= code[0] <= 0xC6


def _common_japanese(ch: str) -> bool:
    """Full-width kana and JIS level-1 kanji (Shift-JIS lead bytes 88–98)."""
    if "\u3041" <= ch <= "\u30ff":
        return True
    try:
        code = ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0x88 <= code[0] <= 0x98


_CJK_CANDIDATES = (
    ("gb18030", _common_simplified),
    ("cp950", _common_traditional),
    ("cp932", _common_japanese),
)


def _cjk_guess(data: bytes) -> str | None:
    """Pick GB18030, Big5 (cp950) or Shift-JIS (cp932) by the share of common characters among the
    non-ASCII characters each decoding produces. GB18030 wins ties: the product's users are mostly in
    mainland China, and a simplified text decodes as Big5 into rare characters (and vice versa)."""
    sample = data[:20000]
    best, best_score = None, 0.0
    for name, common in _CJK_CANDIDATES:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            try:  # the sample may cut a character in two at its end
                text = sample[:-1].decode(name)
            except UnicodeDecodeError:
                continue
        wide = [ch for ch in text if ord(ch) > 0x7F]
        if not wide:
            continue
        good = sum(1 for ch in wide[:3000] if ch in _CJK_COMMON_PUNCT or common(ch))
        score = good / min(len(wide), 3000)
        if score > best_score + 0.02:
            best, best_score = name, score
    return best if best_score >= 0.75 else None


_CP1252_PUNCT = set("–—‘’“”•…€™·°±×÷§©®«»¡¿¢£¥")


def _western_guess(data: bytes) -> str | None:
    """cp1252 when it reads as mostly-ASCII Latin text with a few accents or typographic marks.
    (Cyrillic or Greek bytes also decode, but then nearly every letter is non-ASCII.)"""
    try:
        text = data[:20000].decode("cp1252")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ord(ch) > 0x7F]
    letters = sum(1 for ch in text if ch.isalpha())
    wide_letters = sum(1 for ch in wide if ch.isalpha())
    plausible = sum(1 for ch in wide if ch in _CP1252_PUNCT or ("\u00c0" <= ch <= "\u00ff"))
    if wide and plausible >= 0.9 * len(wide) and wide_letters <= 0.3 * max(letters, 1):
        return "cp1252"
    return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200000]).best()
    if match is None or not match.encoding:
        return None
    encoding = match.encoding
    if encoding in ("gb2312", "gbk", "hz"):
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding


# --------------------------------------------------------------------------------------------- cleaning

# Characters whose cp1252 (or Latin-1) byte is a UTF-8 continuation byte 0x80–0xBF.
_CP1252_TO_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    _CP1252_TO_BYTE[chr(_b)] = _b  # Latin-1 reading (C1 controls included)
    try:
        _CP1252_TO_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
_CONT = "".join(re.escape(c) for c, b in _CP1252_TO_BYTE.items() if 0x80 <= b <= 0xBF)
_MOJIBAKE = re.compile(
    f"(?:[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}})+"
)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252/Latin-1 ("NaÃ¯ve" → "Naïve", "â€™" → "’").

    Conservative: only runs that form complete UTF-8 sequences are touched, and only when they decode.
    """
    if "\u00c2" > max(text, default="\x00"):  # no character ≥ Â at all: nothing to fix
        return text

    def repair(match: re.Match) -> str:
        run = match.group()
        try:
            return bytes(_CP1252_TO_BYTE[c] for c in run).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return run

    return _MOJIBAKE.sub(repair, text)


# C1 controls left over from a Latin-1 reading of cp1252 text: use the cp1252 character instead.
_C1_TO_CP1252 = {}
for _b in range(0x80, 0xA0):
    try:
        _C1_TO_CP1252[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        _C1_TO_CP1252[_b] = None
_CONTROL_TABLE = {
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A)},
    0x0B: "\n",
    0x0C: "\n",
    0x7F: None,
    0x85: "\n",
    0x2028: "\n",
    0x2029: "\n",
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
    0xFFFE: None,
    0xFFFF: None,
    0x00A0: " ",  # no-break space (&nbsp;, table padding): a space for every later step
    0x00AD: None,  # soft hyphen: invisible, but it splits words for the field extractors
    # typographic ligatures (a PDF's "ﬁ" in "ﬁnance"): their letters, so words read as words
    0xFB00: "ff",
    0xFB01: "fi",
    0xFB02: "fl",
    0xFB03: "ffi",
    0xFB04: "ffl",
    0xFB05: "st",
    0xFB06: "st",
    **_C1_TO_CP1252,
}
_SURROGATES = re.compile("[\ud800-\udfff]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise newlines, repair mojibake and surrogate pairs, drop control and zero-width characters,
    trailing spaces and runs of blank lines. Keeps \\n and \\t, and full-width characters as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATES.search(text):
        text = _SURROGATES.sub(_join_surrogates, text)
    text = fix_mojibake(text)
    text = text.translate(_CONTROL_TABLE)
    text = dekern(text)
    text = repair_lost_ligatures(text)
    # Per line, not a regex with a look-ahead: that one is quadratic on a long run of spaces.
    text = "\n".join(line.rstrip(" \t\u3000") for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


# PDF kerning read as spaces: "S oware E ngineer", "December 2 019 - p resent". A word's first letter
# stands alone before the rest of it; a letter other than "a", "A", "I" alone before a word is rare in
# ordinary text, so the document must show many of them before any is joined.
_KERNED = re.compile(r"(?<![A-Za-z0-9])[B-HJ-Zb-hj-z] (?=[a-z]{2})")
_KERN_LETTER = re.compile(r"(?<![A-Za-z0-9'’])([B-HJ-Zb-zA]) (?=[a-z]{2})")  # "I am", "a wide" stay
_KERN_SYMBOL = re.compile(r"(?<![A-Za-z0-9])([CF]) (\+\+|#)(?![+#])")  # "C ++", "C #", "F #"
_KERN_YEAR = re.compile(r"(?<![\d.,/])(1 9[5-9]\d|2 0[0-4]\d)(?![\d.,])")


def dekern(text: str) -> str:
    """The text with letter-spaced words and years joined back, when the document is letter-spaced (at
    least ten stray letters before words, one word in twenty); otherwise the text unchanged."""
    stray = len(_KERNED.findall(text))
    if stray < 10 or stray * 20 < len(text.split()):
        return text
    text = _KERN_YEAR.sub(lambda m: m.group().replace(" ", ""), text)
    text = _KERN_SYMBOL.sub(r"\1\2", text)
    return _KERN_LETTER.sub(r"\1", text)


# Lost ligatures: a PDF whose font draws "ti", "ft" or "fi" as one glyph with no text behind it converts to
# "Educaon", "Naonal", "Soware". A word missing from English (wordfreq's 60,000 commonest words) that becomes
# one by putting a ligature back is repaired, but only when the document shows the same loss in at least
# LIGATURE_EVIDENCE different words, or losses in more words than that altogether: one odd word is a name
# ("Naon"), several are a font.
LIGATURES = ("ti", "ft", "fi", "fl", "ff", "tt", "ffi", "ffl")
LIGATURE_EVIDENCE = 2
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])")


@functools.lru_cache(maxsize=1)
def _ligature_words() -> tuple[frozenset[str], dict[str, tuple[str, str]]]:
    """English words, and {a word with one ligature's letters taken out: (the word, the ligature)}."""
    try:
        from wordfreq import top_n_list
    except ImportError:  # no word list: nothing is repaired
        return frozenset(), {}
    ordered = [w for w in top_n_list("en", 60000) if w.isascii() and w.isalpha()]
    words = frozenset(ordered)
    lost: dict[str, tuple[str, str]] = {}
    for word in ordered:  # commonest first: an ambiguous loss keeps the commonest word
        for ligature in LIGATURES:
            at = word.find(ligature)
            while at > 0 and at + len(ligature) < len(word):
                short = word[:at] + word[at + len(ligature) :]
                if len(short) >= 3 and short not in words:
                    lost.setdefault(short, (word, ligature))
                at = word.find(ligature, at + 1)
    return words, lost


def repair_lost_ligatures(text: str) -> str:
    """Put back the ligatures a PDF conversion lost ("Educaon" → "Education"; see ``LIGATURES``)."""
    if not _LATIN_WORD.search(text):
        return text
    words, lost = _ligature_words()
    if not lost:
        return text
    fixes: dict[str, str] = {}
    seen: dict[str, set[str]] = {}
    for match in _LATIN_WORD.finditer(text):
        written = match.group()
        low = written.lower()
        if low in words or low not in lost or (written.isupper() and len(written) <= 5):
            continue
        word, ligature = lost[low]
        if written.isupper():
            word = word.upper()
        elif written[0].isupper():
            word = word.capitalize()
        fixes[written] = word
        seen.setdefault(ligature, set()).add(low)
    total = sum(len(found) for found in seen.values())
    confirmed = {
        written: fix
        for written, fix in fixes.items()
        if len(seen[lost[written.lower()][1]]) >= LIGATURE_EVIDENCE or total > LIGATURE_EVIDENCE
    }
    if not confirmed:
        return text
    return _LATIN_WORD.sub(lambda m: confirmed.get(m.group(), m.group()), text)


def _join_surrogates(match: re.Match) -> str:
    return match.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _finish(text: str, kind: str, encoding: str | None = None, pages: int | None = None) -> ExtractedText:
    text = clean_text(text[:MAX_TEXT_CHARS])
    if not _has_text(text):
        return ExtractedText(text, kind, "empty", "no text found in the file", encoding, pages)
    return ExtractedText(text, kind, "ok", None, encoding, pages)


# --------------------------------------------------------------------------------------------- PDF

_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe


def _extract_pdf(data: bytes, kind: str) -> ExtractedText:
    try:
        pages = _pdf_pages_pdfium(data)
    except ExtractionError:
        raise
    except Exception as exc:
        logger.info("pypdfium2 could not read a PDF (%r); trying pdfminer", exc)
        pages = _pdf_pages_pdfminer(data)
    return _pdf_result(pages)


def _pdf_pages_pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise ExtractionError(
                    "password-protected PDF: remove the password and upload it again"
                ) from exc
            raise
        try:
            count = len(pdf)
            texts = []
            for index in range(min(count, MAX_PDF_PAGES)):
                page = pdf[index]
                textpage = page.get_textpage()
                try:
                    texts.append(_pdf_columns_text(textpage, page.get_width()) or textpage.get_text_range())
                finally:
                    textpage.close()
                    page.close()
            return texts + [""] * (count - len(texts))
        finally:
            pdf.close()


MIN_COLUMN_RECTS = 6  # text runs on each side of a gutter before a page is read as two columns
MIN_SHARED_ROWS = 3  # rows where both columns have text: a sidebar beside a main column, not a ragged edge


def _pdf_columns_text(textpage, width: float) -> str | None:
    """The page's text column by column when it has two columns (a sidebar beside the main text), else None.

    PDFium joins text on the same baseline across the whole page, so a sidebar's "Skills" and the main
    column's job land on one line ("Tableau 2020-01 – 2023-04 Oscorp Networks…"). A gutter is a vertical
    band that no text run crosses, with runs on both sides that share at least ``MIN_SHARED_ROWS`` rows and
    a main column whose runs start at one left edge (right-aligned dates in a single column start anywhere).
    """
    count = textpage.count_rects()
    if count < 2 * MIN_COLUMN_RECTS or count > 5000:
        return None
    rects = [textpage.get_rect(index) for index in range(count)]
    best = None
    for step in range(int(width * 0.2), int(width * 0.8), 4):
        x = float(step)
        if any(left < x < right for left, _bottom, right, _top in rects):
            continue
        left_side = [r for r in rects if r[2] <= x]
        right_side = [r for r in rects if r[0] >= x]
        if min(len(left_side), len(right_side)) < MIN_COLUMN_RECTS:
            continue
        score = min(len(left_side), len(right_side))
        if best is None or score > best[0]:
            best = (score, x, left_side, right_side)
    if best is None:
        return None
    _score, _x, left_side, right_side = best
    left_rows = {round(r[1] / 3) for r in left_side}
    if sum(round(r[1] / 3) in left_rows for r in right_side) < MIN_SHARED_ROWS:
        return None
    edges = [round(r[0]) for r in right_side]
    common = max(set(edges), key=edges.count)
    if sum(abs(edge - common) <= 3 for edge in edges) < 0.5 * len(edges):
        return None
    return "\n".join(_pdf_lines(textpage, side) for side in (left_side, right_side))


def _pdf_lines(textpage, rects) -> str:
    """The text of the given runs, top to bottom, runs on one baseline (within 3 pt) joined by a space."""
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for left, bottom, right, top in sorted(rects, key=lambda r: (-r[1], r[0])):
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if not text:
            continue
        if lines and abs(lines[-1][0] - bottom) <= 3:
            lines[-1][1].append((left, text))
        else:
            lines.append((bottom, [(left, text)]))
    return "\n".join(" ".join(text for _left, text in sorted(parts)) for _bottom, parts in lines)


def _pdf_pages_pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    texts = []
    try:
        for layout in extract_pages(io.BytesIO(data), maxpages=MAX_PDF_PAGES):
            texts.append("".join(el.get_text() for el in layout if isinstance(el, LTTextContainer)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionError("password-protected PDF: remove the password and upload it again") from exc
    except Exception as exc:
        raise ExtractionError("could not read the PDF: it looks corrupt or truncated") from exc
    if not texts:
        raise ExtractionError("could not read the PDF: it has no readable pages")
    return texts


def _pdf_result(pages: list[str]) -> ExtractedText:
    if not pages:
        return ExtractedText("", "pdf", "empty", "the PDF has no pages", pages=0)
    text = "\n".join(page.rstrip() for page in pages)
    if all(sum(ch.isalnum() for ch in page) < MIN_PAGE_CHARS for page in pages):
        return ExtractedText(
            clean_text(text[:MAX_TEXT_CHARS]),
            "pdf",
            "no_text_layer",
            f"the PDF has no text layer (scanned or image-only pages); {OCR_HINT}",
            pages=len(pages),
        )
    return _finish(text, "pdf", pages=len(pages))


# --------------------------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W_P, _W_TBL, _W_TR, _W_TC, _W_T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_W_TAB, _W_BR, _W_CR, _W_TXBX = f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}txbxContent"
_W_SDT_CONTENT = f"{_W}sdtContent"
_W_NB_HYPHEN = f"{_W}noBreakHyphen"
# Subtrees whose text is not document text: deletions, field codes, properties, the duplicate VML
# rendering of a text box (mc:Fallback repeats mc:Choice).
_SKIP_SUBTREES = {
    f"{_W}del",
    f"{_W}instrText",
    f"{_W}rPr",
    f"{_W}pPr",
    f"{_W}tblPr",
    f"{_W}tcPr",
    f"{_W}trPr",
    f"{_W}sectPr",
    f"{_MC}Fallback",
    f"{_W}delText",
}

_RT_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_RT_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def check_archive(data: bytes) -> None:
    """Refuse zip bombs before anything is decompressed: too many entries, too large in total, or an
    entry that compresses better than any real document does."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ExtractionError(
            "could not read the DOCX: the file is corrupt (not a valid zip archive)"
        ) from exc
    if len(infos) > MAX_ARCHIVE_ENTRIES:
        raise ExtractionError("suspicious archive: far too many entries for a document")
    total = sum(info.file_size for info in infos)
    if total > MAX_ARCHIVE_BYTES:
        raise ExtractionError(
            f"suspicious archive: it would unpack to {_size(total)} (the limit is {_size(MAX_ARCHIVE_BYTES)})"
        )
    for info in infos:
        if info.file_size > MAX_ARCHIVE_PART_BYTES:
            raise ExtractionError(
                f"suspicious archive: one part would unpack to {_size(info.file_size)} "
                f"(the limit is {_size(MAX_ARCHIVE_PART_BYTES)})"
            )
        if info.file_size >= RATIO_MIN_ENTRY and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ExtractionError("suspicious archive: an entry is compressed more than 100:1 (a zip bomb?)")


def _extract_docx(data: bytes, kind: str) -> ExtractedText:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError("password-protected document: remove the password and upload it again")
    check_archive(data)
    from docx.opc.package import OpcPackage

    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
    except Exception as exc:
        raise ExtractionError("could not read the DOCX: the file is corrupt or not a Word document") from exc
    lines: list[str] = []
    footers: list[str] = []
    seen: set[str] = set()
    for rel in main.rels.values():
        if rel.is_external or rel.reltype not in (_RT_HEADER, _RT_FOOTER):
            continue
        part_text = "\n".join(_blocks(_xml_root(rel.target_part))).strip()
        if part_text and part_text not in seen:  # first-page / even / default headers often repeat
            seen.add(part_text)
            (lines if rel.reltype == _RT_HEADER else footers).append(part_text)
    root = _xml_root(main)
    body = root.find(f"{_W}body")
    lines.extend(_blocks(body if body is not None else root))
    lines.extend(footers)
    return _finish("\n".join(lines), "docx")


def _xml_root(part):
    """The part's XML element. Macro-enabled documents' parts are not parsed by python-docx; parse their
    bytes with a parser that resolves no entities and fetches nothing."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    return etree.fromstring(part.blob, parser)


def _blocks(container) -> list[str]:
    """Text lines of a block container (body, cell, header, text box) in document order."""
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == _W_P:
            boxes: list = []
            parts: list[str] = []
            _inline(child, parts, boxes)
            lines.append("".join(parts))
            for box in boxes:
                lines.extend(_blocks(box))
        elif tag == _W_TBL:
            lines.extend(_table(child))
        elif tag in _SKIP_SUBTREES or not isinstance(tag, str):
            continue
        else:  # w:sdt, w:sdtContent, w:customXml, w:ins and the like wrap more blocks
            lines.extend(_blocks(child))
    return lines


def _table(table) -> list[str]:
    """One line per row, cells separated by a tab; a cell's own paragraphs keep their line breaks.
    Cells repeated by a horizontal merge are dropped.

    A row whose cells are columns of a layout (a sidebar cell and a main cell, each of several paragraphs)
    is read column by column, each cell on lines of its own: joining them with a tab would glue the last
    line of one column to the first of the next ("Languages: English<tab>Senior Engineer, Acme Ltd").
    Short single-line cells before the last stay on its first line ("2019 - 2021<tab>Acme Ltd" / "Engineer")."""
    rows = []
    for row in table.iter(_W_TR):
        if _nearest_table(row) is not table:
            continue  # a row of a nested table: its cell renders it
        cells: list[str] = []
        for cell in row.iter(_W_TC):
            if _nearest_row(cell) is not row:
                continue
            cell_text = "\n".join(_blocks(cell)).strip()
            if cell_text and (not cells or cells[-1] != cell_text):
                cells.append(cell_text)
        if not cells:
            continue
        if any("\n" in c or len(c) > 40 for c in cells[:-1]):
            rows.extend(cells)  # columns of a layout: one after the other
        else:
            rows.append("\t".join(cells))
    return rows


def _nearest_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _W_TBL:
        parent = parent.getparent()
    return parent


def _nearest_row(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _W_TR:
        parent = parent.getparent()
    return parent


def _inline(element, parts: list[str], boxes: list) -> None:
    """Collect a paragraph's text; text boxes found inside it are returned in ``boxes``."""
    for child in element:
        tag = child.tag
        if tag == _W_T:
            parts.append(child.text or "")
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag in (_W_BR, _W_CR):
            parts.append("\n")
        elif tag == _W_NB_HYPHEN:
            parts.append("-")
        elif tag == _W_TXBX:
            boxes.append(child)
        elif tag in _SKIP_SUBTREES or not isinstance(tag, str):
            continue
        else:
            _inline(child, parts, boxes)


# --------------------------------------------------------------------------------------------- DOC

_DOC_HELP = f"could not read text from this legacy Word (.doc) file; {SAVE_AS_HINT}"


def _extract_doc(data: bytes, kind: str) -> ExtractedText:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise ExtractionError(_DOC_HELP)
            word = ole.openstream("WordDocument").read()
            tables = {name: ole.openstream(name).read() for name in ("0Table", "1Table") if ole.exists(name)}
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(f"the .doc file is corrupt; {SAVE_AS_HINT}") from exc
    if len(word) < 0x200 or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
        raise ExtractionError(_DOC_HELP)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise ExtractionError("password-protected document: remove the password and upload it again")
    text = None
    try:
        text = _doc_piece_table_text(word, tables.get("1Table" if flags & 0x0200 else "0Table", b""))
    except Exception as exc:
        logger.info("DOC piece table unreadable (%r); using the text-run heuristic", exc)
    if not text or not _has_text(text):
        text = _doc_heuristic_text(word)
    if not text or not _has_text(text):
        raise ExtractionError(_DOC_HELP)
    result = _finish(text, "doc")
    if result.status == "empty":
        raise ExtractionError(_DOC_HELP)
    return result


def _doc_piece_table_text(word: bytes, table: bytes) -> str:
    """Word 97–2003: the main document's characters through the piece table (the Clx in the table
    stream); each piece is either cp1252 bytes ("compressed") or UTF-16LE."""
    csw = struct.unpack_from("<H", word, 0x20)[0]
    lw = 0x22 + csw * 2 + 2  # FibRgLw97
    cslw = struct.unpack_from("<H", word, lw - 2)[0]
    ccp_text = struct.unpack_from("<i", word, lw + 12)[0]
    fclcb = lw + cslw * 4 + 2  # FibRgFcLcb97
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fclcb + 33 * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ValueError("no piece table")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out: list[str] = []
    budget = ccp_text if ccp_text > 0 else cps[-1]
    for i in range(n):
        if budget <= 0:
            break
        count = min(cps[i + 1] - cps[i], budget)
        budget -= count
        fc = struct.unpack_from("<I", plc, (n + 1) * 4 + i * 8 + 2)[0]
        if fc & 0x40000000:
            start = (fc & ~0x40000000) // 2
            out.append(word[start : start + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    return _doc_special_chars("".join(out))


_FIELD = re.compile("\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15")
_DOC_TABLE = {
    0x07: "\t",
    0x0B: "\n",
    0x0C: "\n",
    0x0D: "\n",
    0x1E: "-",
    0x1F: None,
    0x01: None,
    0x08: None,
    0x02: None,
    0x05: None,
    0x28: "(",
}


def _doc_special_chars(text: str) -> str:
    """Word's control characters: fields keep their shown result, not their code; \\x07 ends a table
    cell (twice at the end of a row); \\r ends a paragraph."""
    for _ in range(5):  # nested fields, innermost first
        text, found = _FIELD.subn(lambda m: m.group(1) or "", text)
        if not found:
            break
    text = text.replace("\x07\x07", "\n").replace("\x07\r", "\n")
    return text.translate(_DOC_TABLE)


# UTF-16LE code units of ASCII, Latin-1 letters, general punctuation (U+20xx), CJK punctuation and kana
# (U+30xx), ideographs (U+4E00–U+9FFF) and full-width forms (U+FFxx).
_UTF16_RUN = re.compile(rb"(?:[\x09\x0a\x0d\x20-\x7e\xa0-\xff]\x00|[\x00-\xff][\x20\x30\x4e-\x9f\xff]){6,}")
_BYTE_RUN = re.compile(rb"[\x09\x0a\x0d\x20-\x7e\x81-\xfe]{12,}")


def _doc_heuristic_text(word: bytes) -> str:
    """Fallback for Word 6/95 and damaged files: UTF-16LE runs (CJK, ASCII, CJK punctuation), or else
    8-bit runs read as GB18030/cp1252."""
    runs = [_doc_special_chars(m.group().decode("utf-16-le", "ignore")) for m in _UTF16_RUN.finditer(word)]
    utf16 = "\n".join(run for run in runs if sum(ch.isalnum() for ch in run) >= 4)
    if sum(ch.isalnum() for ch in utf16) >= 20:
        return utf16
    pieces = []
    for match in _BYTE_RUN.finditer(word):
        chunk = match.group()
        try:
            pieces.append(chunk.decode("gb18030"))
        except UnicodeDecodeError:
            pieces.append(chunk.decode("cp1252", "replace"))
    return "\n".join(piece for piece in pieces if sum(ch.isalnum() for ch in piece) >= 6)


# --------------------------------------------------------------------------------------------- TXT / MD


def _extract_plain(data: bytes, kind: str) -> ExtractedText:
    text, encoding = decode_bytes(data)
    if kind == "md":
        text = strip_markdown(text)
    return _finish(text, kind, encoding)


_MD_RULES = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]+)\]\((?:mailto:)?([^)\s]+)[^)]*\)"), r"\1 (\2)"),  # links: text (target)
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE), ""),
)


def strip_markdown(text: str) -> str:
    """Drop Markdown markup that is not content (heading marks, emphasis, link syntax, table rules)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


# --------------------------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "dl",
    "hr",
    "address",
    "nav",
    "aside",
    "main",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "details",
    "summary",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "body",
    "center",
    "legend",
    "option",
}
_CELL_TAGS = {"td", "th"}
_ALLOWED_TAGS = (
    _BLOCK_TAGS
    | _CELL_TAGS
    | {
        "a",
        "span",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "small",
        "big",
        "sub",
        "sup",
        "font",
        "label",
        "code",
        "tt",
        "abbr",
        "cite",
        "q",
        "s",
        "strike",
        "del",
        "ins",
        "mark",
        "time",
        "wbr",
        "col",
        "colgroup",
        "select",
    }
)
_DROP_CONTENT = {"script", "style", "title", "noscript", "template", "iframe", "object", "svg", "math"}


def _extract_html(data: bytes, kind: str) -> ExtractedText:
    if _is_mht(data):
        markup, encoding = _mht_html(data)
    else:
        markup, encoding = decode_html(data)
    return _finish(html_to_text(markup), "html", encoding)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML: a BOM, else the declared ``<meta charset>``, else as any text."""
    for bom, _name in _BOMS:
        if data.startswith(bom):
            return decode_bytes(data)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            name = "gb18030"
        if name in ("big5", "big5-hkscs"):
            name = "cp950"
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _mht_html(data: bytes) -> tuple[str, str | None]:
    """The HTML part of a MIME web archive (.mht), decoded by its own headers."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    fallback = None
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype not in ("text/html", "text/plain"):
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset()
        try:
            text = payload.decode(charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            text, charset = decode_bytes(payload)
        if ctype == "text/html":
            return text, charset
        fallback = fallback or (f"<pre>{_escape(text)}</pre>", charset)
    if fallback:
        return fallback
    raise ExtractionError(f"the web archive (.mht) holds no HTML or text; {SAVE_AS_HINT}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_to_text(markup: str) -> str:
    """Sanitise with nh3 (scripts, styles and event handlers go, with their content for scripts and
    styles), then render block structure as newlines and table cells as tabs. Entities are unescaped."""
    import nh3

    safe = nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        clean_content_tags=_DROP_CONTENT,
        attributes={"a": {"href"}},
        strip_comments=True,
        link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
    )
    renderer = _HTMLText()
    renderer.feed(safe)
    renderer.close()
    return renderer.text()


class _HTMLText(HTMLParser):
    """Render sanitised HTML as text, collapsing whitespace like a browser (except in <pre>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0
        self.in_cell = False
        self.link: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _CELL_TAGS:
            if self.in_cell:
                self.parts.append("\t")
            self.in_cell = True
        elif tag in _BLOCK_TAGS:
            self._newline()
            if tag in ("tr", "table"):
                self.in_cell = False
            if tag == "pre":
                self.pre += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href[7:] if href.lower().startswith("mailto:") else None
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            if tag in ("tr", "table"):
                self.in_cell = False
            self._newline()
        elif tag == "a" and self.link:
            # An address shown only in a mailto: link ("Email me") would otherwise be lost.
            if self.link.split("?")[0] not in "".join(self.link_text):
                self.parts.append(f" ({self.link.split('?')[0]})")
            self.link = None

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr", "p", "div"):
            self._newline()
        elif tag in _CELL_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
        self.parts.append(data)
        if self.link is not None:
            self.link_text.append(data)

    def _newline(self) -> None:
        # One line break per block boundary: "</p><p>" must not make a blank line between every block.
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def text(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r" *\t *", "\t", text))
        text = re.sub(r"(?m)^ +| +$", "", text)
        return re.sub(r"\n{3,}", "\n\n", text)


# --------------------------------------------------------------------------------------------- RTF

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_FCHARSET = re.compile(rb"\\fcharset(\d+)")
_CHARSET_CODEPAGES = {134: "gb18030", 136: "cp950", 128: "cp932", 129: "cp949", 204: "cp1251"}


def _extract_rtf(data: bytes, kind: str) -> ExtractedText:
    """striprtf does the RTF; we tell it the document's code page, so ``\\'hh`` escapes decode in GBK for
    ``\\ansicpg936`` (or a font of charset 134), and ``\\uN`` escapes are Unicode anyway."""
    from striprtf.striprtf import rtf_to_text

    encoding = _rtf_codepage(data)
    try:  # a few writers put raw 8-bit bytes in the file instead of \'hh escapes
        source = data.decode(encoding)
    except UnicodeDecodeError:
        source = data.decode("latin-1")
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    text = text.replace("|\n", "\n").replace("|", "\t")  # striprtf ends each table cell with "|"
    return _finish(text, "rtf", encoding)


def _rtf_codepage(data: bytes) -> str:
    head = data[:65536]
    match = _ANSICPG.search(head)
    if match:
        page = int(match.group(1))
        name = "gb18030" if page == 936 else f"cp{page}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    for charset in _FCHARSET.findall(head):
        if int(charset) in _CHARSET_CODEPAGES:
            return _CHARSET_CODEPAGES[int(charset)]
    return "cp1252"


_EXTRACTORS = {
    "pdf": _extract_pdf,
    "docx": _extract_docx,
    "doc": _extract_doc,
    "txt": _extract_plain,
    "md": _extract_plain,
    "html": _extract_html,
    "rtf": _extract_rtf,
}
