"""Lines that ran together: put back the line breaks a PDF-to-DOCX conversion (or a copy from a PDF) lost.

The field extractors read a resume line by line: a section header is a line of its own, an entry starts on a
line with its dates, a school's line names one school. Converted documents break that: "SUMMARY Network
Administrator with … on time. EXPERIENCE Network Administrator, Umbrella Health PLC — 2021 - Current • Built
data pipelines. • Led a team. Data Analyst, Acme Ltd. — 2019 - 2021", "EXPERIENCESenior Engineer",
"Microsoft Access Education Details", "…, 2020 Imperial College London, Bachelor of …".

``unglue(text)`` returns the text with line breaks put back where the shape is unambiguous:

- before an inline bullet ("… half. • Designed …");
- around a section header inside a line: in capitals anywhere ("… on time. EXPERIENCE Stark …"), glued to the
  next word ("EXPERIENCESenior") or to the word before ("monthsCompany Details"); in title case after a
  sentence end or at the start of a line when a capitalised word follows ("Skills Python, SQL"), or, for the
  headers of two words or more, at the end of a line ("… Microsoft Access Education Details");
- before an entry's heading that follows a sentence on the same line ("… by half. Data Analyst, Acme Ltd. —
  2019 - 2021"): the rest of the line is short, mostly capitalised and holds a date range, or the next line
  starts with one;
- between two education entries on one line ("…, 2020 Imperial College London, Bachelor of …");
- between a name and the contacts on the first line ("Aisha Sharma aisha.sharma@example.com +1 415 …");
- between the entries of a section a job board pasted on one line (" || ", "; " between ranges, labelled
  fields, a description after a range in " | " fields), where "From: X To: Y" becomes "X - Y".

Nothing else changes, so a text whose lines are already right comes back as it was. Only the field extractors
(name, experience, education, years) read the result; entities and tags keep their offsets into the text as
given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import _all_ranges
from .sections import SECTION_HEADERS, header_key

# Single title-case words that start a section when a capitalised word follows at the start of a line or after
# a sentence ("Skills Python, SQL", "… on time. Education Boston University"): never at the end of a line.
_TITLE_CASE_LEADING = frozenset(
    {"summary", "profile", "objective", "experience", "education", "skills", "projects", "certifications"}
)


def _english_headers() -> list[str]:
    headers = {h for values in SECTION_HEADERS.values() for h in values if h.isascii() and len(h) >= 4}
    return sorted(headers, key=len, reverse=True)  # longest first: "work experience" before "experience"


def _title(header: str) -> str:
    small = {"and", "of", "&", "in", "for", "the"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in header.split())


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    headers = _english_headers()
    upper = "|".join(re.escape(h.upper()) for h in headers)
    multi_title = "|".join(re.escape(_title(h)) for h in headers if " " in h)
    leading_title = "|".join(re.escape(_title(h)) for h in headers if " " in h or h in _TITLE_CASE_LEADING)
    # In capitals, anywhere in a line; the word after may be glued on ("EXPERIENCESenior").
    caps = re.compile(
        rf"(?<![A-Za-z])(?:{upper})"
        rf"(?:(?=[A-Z][a-z.]|(?:MSc|BSc|MBA|BEng|MEng|PhD|BA|BS|MA|MS)\b)|(?![A-Za-z]))"
    )
    # Title case glued to the word before ("monthsCompany Details") or ending a line after other text.
    glued_before = re.compile(rf"(?<=[A-Za-z])(?:{multi_title})(?![A-Za-z])")
    line_end = re.compile(rf"(?<=\S)[ \t]+(?:{multi_title})[ \t]*:?[ \t]*$")
    # Title case at the start of a line or after a sentence, a capitalised word, a digit or a bullet after it.
    leading = re.compile(
        rf"(?:^|(?:(?<=[.!?])|(?<=\b(?:19|20)\d\d))[ \t]+)(?P<h>{leading_title})[ \t]*:?"
        rf"(?=[ \t]+[A-Z0-9•●▪■◆►➢✓]|[ \t]*$)",
        re.MULTILINE,
    )
    any_case = "|".join(re.escape(h) for h in headers)
    tab_header = re.compile(rf"[ ]*\t+[ \t]*(?=(?i:{any_case})(?![A-Za-z]))")
    education = "|".join(re.escape(_title(h)) for h in SECTION_HEADERS["education"] if h.isascii())
    # An education header in title case inside a line, before a school or a degree ("… SQL Education McGill
    # University — Bachelor of …"): a break before and after it (``_education_header`` checks the school).
    education_inline = re.compile(
        rf"(?<=\S)(?<!\bHigher)(?<!\bFurther)(?<!\bContinuing)(?<!\bAdult)(?<!\bSpecial)(?<!\bPhysical)"
        rf"(?<!\bMedical)(?<!\bof)(?<!\band)(?<!\bfor)[ \t]+(?P<h>{education})[ \t]*:?[ \t]+(?=[A-Z])"
    )
    header_word = frozenset(w for h in headers for w in _LETTER_RUNS.findall(h) if len(w) >= 3)
    return caps, glued_before, line_end, leading, tab_header, education_inline, header_word


_LETTER_RUNS = re.compile(r"[a-z]+")
_CAPS_RUN = re.compile(r"[A-Z]{4}")  # every header in capitals has a run of four capitals
_JUNCTION = re.compile(r"[A-Za-z][A-Z][a-z]")  # a word glued to a title-case header
_BOUNDARY = re.compile(r"[.!?][ \t]+[A-Z]|(?:19|20)\d\d[ \t]+[A-Z]|\n[A-Z]")
_INDENT_AFTER_CUT = re.compile(r"\n[ \t]+")
_COMPOUND_HEADER = re.compile(r"^[ \t]*(?:&|and\b|AND\b|/)")
_BULLET = re.compile(r"(?<=\S)[ \t]+(?=(?:[•●▪■◆►➢✓❖]|â¢)[ \t]*\S)")
# "- Introduced …", "o Led …" inside a line: a dash or Word's "o" bullet before a duty in the past tense.
_WORD_BULLET = re.compile(
    r"(?<=\S)[ \t]+(?=[-–o][ \t]+(?:[A-Z][a-z]+ed|Led|Built|Ran|Wrote|Drove|Made|Won|Taught|Grew|Set|Cut)\b)"
)
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)%][.!?])[ \t]+(?=[A-Z0-9])")
_YEAR_THEN_CAPITAL = re.compile(r"(?<=(?:19|20)\d\d)\)?[,;.]?[ \t]+(?=[A-Z])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_WORDS = re.compile(r"^[ \t]*(?:[A-Z][A-Za-z'’.\-]+[ \t]+){1,3}[A-Z][A-Za-z'’\-]+(?=[ \t]+\S)")
# "Developed …", "Creating MSI packages (…)." open a description, never an entry's heading ("Managing
# Director" is a title: no "-ing" for "manag").
_DESCRIPTION_START = re.compile(
    r"(?:responsib|(?:develop|manag|work|design|creat|implement|participat|maintain|support|achiev|introduc|migrat|"
    r"improv|reduc|increas|deliver|own|help|coordinat|prepar|conduct)ed\b|(?:develop|design|creat|implement|"
    r"participat|maintain|support|migrat|deliver|coordinat|prepar|conduct)ing\b|led\b|built\b|ran\b|wrote\b|"
    r"drove\b)",
    re.IGNORECASE,
)


def unglue(text: str) -> str:
    """The text with the line breaks a conversion lost put back (see the module docstring)."""
    if not text or not text.isascii() and _mostly_cjk(text):
        return text  # Chinese resumes: headers and entries have their own conventions (not touched here)
    text = _BULLET.sub("\n", text)
    text = _WORD_BULLET.sub("\n", text)
    text = _split_headers(text)
    text = _split_contact_line(text)
    lines = [piece for line in text.split("\n") for piece in _split_pasted_entries(line)]
    out: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        for piece in _split_entry_heading(line, following):
            for part in _split_education(piece):
                out.extend(_split_leading_year(part, out[-1] if out else ""))
    return "\n".join(out)


# A job board's paste puts a whole section on one line: entries between " || " or "; ", labelled fields one
# after another ("Company Name: Vodacom Group Limited Job Title: Customer Care Agent From: 03/2019 To: …").
_DOUBLE_PIPE = re.compile(r"\s*\|\|\s*")
_ENTRY_SEMICOLON = re.compile(r";\s+(?=[A-Z])")
_INLINE_LABEL = re.compile(
    r"(?<=\S)\s+(?=(?:Company(?: Name)?|Employer|Organi[sz]ation|Job Title|Designation|Position|From|Description|"
    r"Duration):\s)"
)
_PIPE = re.compile(r"\s+\|\s+")
_FROM_TO = re.compile(r"\bFrom:\s*(\S[^:]*?)\s+To:\s*", re.IGNORECASE)  # "From: 03/2019 To: Present"
_LEADING_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z &/]{2,30}?)\s*(?::|\s\|)\s+(?=\S)")


def _split_pasted_entries(line: str) -> list[str]:
    """One line of a pasted section as the lines it had: at " || " always; after an experience or education
    header that opens it; before each labelled field when it holds three or more ("From: X To: Y" read as a
    range); at "; " when it holds two date ranges or more; and, in a line of " | " fields, after the field of
    a date range when a description follows it ("AZ Driver | Challenger Freight | Mar 2018 - Present |
    Long-haul runs …")."""
    if len(line) < 60:
        return [line]
    pieces = [p for p in _DOUBLE_PIPE.split(line) if p]
    header = _LEADING_HEADER.match(pieces[0])
    if header and header_key(header.group(1)) in ("experience", "education"):
        # "WORK EXPERIENCE: Staff Nurse, …", "EXPERIENCE | AZ Licensed Truck Driver | …": the header's own line
        pieces[:1] = [header.group(1), pieces[0][header.end() :]]
    if len(_INLINE_LABEL.findall(line)) >= 3:
        pieces = [_FROM_TO.sub(r"\1 - ", q) for p in pieces for q in _INLINE_LABEL.split(p)]
    elif len(_YEAR.findall(line)) >= 3 and len(_all_ranges.__wrapped__(line)) >= 2:
        pieces = [q for p in pieces for q in _ENTRY_SEMICOLON.split(p)]
    out = []
    for piece in pieces:
        fields = _PIPE.split(piece)
        for position, field in enumerate(fields[:-1]):
            if _has_range(field) and len(" ".join(fields[position + 1 :]).split()) >= 4:
                out.extend([" | ".join(fields[: position + 1]), " | ".join(fields[position + 1 :])])
                break
        else:
            out.append(piece)
    return out


_LEADING_YEAR = re.compile(r"^[ \t]*((?:19|20)\d\d)[ \t]+(?=[A-Z])")


def _split_leading_year(line: str, previous: str) -> list[str]:
    """ "University of Leeds / B.Sc. in Economics / 2015 Ohio State University, MSc …" run together: the year
    that starts the line closes the entry above (a school or degree without a year of its own) when the rest of
    the line starts the next one."""
    match = _LEADING_YEAR.match(line)
    if match is None or _YEAR.search(previous) or len(line) < 20:
        return [line]
    from .education import _degree, _schools

    rest = line[match.end() :]
    if not _names_study(previous, _degree, _schools) or not _names_study(rest, _degree, _schools):
        return [line]
    return [match.group(1), rest]


def _mostly_cjk(text: str) -> bool:
    cjk = sum(1 for c in text[:2000] if "\u3400" <= c <= "\u9fff")
    return cjk > 50


def _split_headers(text: str) -> str:
    caps, glued_before, line_end, leading, tab_header, education_inline, header_word = _patterns()
    lines = []
    for line in text.split("\n"):
        # A cheap look first: most lines hold no word of any header.
        if len(line) > 12 and (
            _CAPS_RUN.search(line) or not header_word.isdisjoint(_LETTER_RUNS.findall(line.lower()))
        ):
            if "\t" in line:  # a table row read across: "2020<tab>ABOUT ME", a cell a line
                line = tab_header.sub("\n", line)
            if _CAPS_RUN.search(line):
                line = "\n".join(_split_caps(part, caps) for part in line.split("\n"))
            if _JUNCTION.search(line):
                line = glued_before.sub(lambda m: "\n" + m.group(), line)
            if line_end.search(line, max(0, len(line) - 60)):
                line = line_end.sub(_line_end_header, line)
            if line[:1].isupper() or _BOUNDARY.search(line):
                line = leading.sub(_leading_header, line)
            low = line.lower()
            if "education" in low or "academic" in low or "qualification" in low:
                line = education_inline.sub(_education_header, line)
            line = _INDENT_AFTER_CUT.sub("\n", line)
        lines.append(line)
    return "\n".join(lines)


def _split_caps(line: str, caps: re.Pattern) -> str:
    """Break around a header written in capitals inside a longer line when the shape says the text after it
    is its own: glued on ("EXPERIENCESenior Engineer"), or at the start of the line or after a sentence with
    an entry's heading after it ("… on time. EXPERIENCE Network Administrator, Umbrella PLC — 2021").

    Left alone: a line of headers side by side ("SUMMARY EDUCATION", a two-column page read across), a
    header after other text or before a sentence ("Moscow Institute of Physics, LANGUAGES", "SKILLS As a
    member of …": the other column's text, read across), capitals around it ("ABC TRAINING INSTITUTE")."""
    matches = list(caps.finditer(line))
    if not matches:
        return line
    between = "".join(line[m.end() : n.start()] for m, n in zip(matches, matches[1:], strict=False))
    if not (between + line[: matches[0].start()] + line[matches[-1].end() :]).strip(" \t&,|/:-"):
        return line  # headers only ("SUMMARY EDUCATION", "SKILLS & EXPERTISE")
    pieces, cut = [], 0
    for index, match in enumerate(matches):
        before = line[cut : match.start()]
        following_start = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        after = line[match.end() : following_start]
        glued = line[match.end() : match.end() + 1].isalpha()
        previous = before.split()[-1] if before.split() else ""
        opens = not previous or previous[-1] in ".!?;|•"
        if not glued:
            following = after.split()[0] if after.split() else ""
            if not opens and (_caps_word(previous) or (_caps_word(following) and not _study(after))):
                continue  # "ABC TRAINING INSTITUTE": a name in capitals (not "EDUCATION BA, Economics")
            if _COMPOUND_HEADER.match(after):
                continue  # "SKILLS & EXPERTISE": one header of words the list does not hold
            if not after.strip():
                if not opens:
                    continue  # "Moscow Institute of Physics, LANGUAGES": the other column's header, read across
            elif not _heading_like(_first_sentence(after)):
                continue  # "SKILLS As a member of …"
        if before.strip():
            pieces.append(before.rstrip())
        pieces.append(match.group())
        cut = match.end()
    if not pieces:
        return line
    rest = line[cut:].strip()
    if rest:
        pieces.append(rest.lstrip(":").strip())
    return "\n".join(p for p in pieces if p)


def _first_sentence(text: str) -> str:
    end = _SENTENCE_END.search(text)
    return text[: end.start()] if end else text


def _study(text: str) -> bool:
    from .education import _degree, _schools

    return _names_study(_first_sentence(text)[:120], _degree, _schools)


def _caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _line_end_header(match: re.Match) -> str:
    """ "… Data Integration Microsoft Access Education Details": a header of two words or more ending a line of
    several words (not "Relevant Experience Summary", a header with one word before it)."""
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    if len(match.string[line_start : match.start()].split()) < 3:
        return match.group()
    return "\n" + match.group().strip()


def _leading_header(match: re.Match) -> str:
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    line_end = match.string.find("\n", match.end())
    line = match.string[line_start : None if line_end < 0 else line_end]
    if line.strip().rstrip(":").strip() == match.group("h"):
        return match.group()  # the header is the whole line already
    after = match.string[match.end() : None if line_end < 0 else line_end]
    if match.group().rstrip().endswith(":") and after.strip():
        return match.group()  # "Projects: Website, Store": a label and its value
    if after.rstrip().endswith(":") and len(after.split()) <= 3:
        return match.group()  # "Relevant Experience Summary:": a longer header
    if after.strip() and not _heading_like(_first_sentence(after)):
        return match.group()  # "Summary Network Administrator with a record of …": a sentence follows
    start = match.start("h")
    prefix = match.group()[: start - match.start()]
    return ("\n" if prefix else "") + match.group("h") + "\n"


def _education_header(match: re.Match) -> str:
    line_end = match.string.find("\n", match.end())
    after = match.string[match.end() : None if line_end < 0 else line_end]
    if not _study(after):
        return match.group()
    return "\n" + match.group("h") + "\n"


def _split_contact_line(text: str) -> str:
    """ "Aisha Sharma aisha.sharma@example.com +1 …" on the first non-empty line: the name on a line of its own."""
    head = len(text) - len(text.lstrip())
    end = text.find("\n", head)
    end = len(text) if end < 0 else end
    first = text[head:end]
    email = _EMAIL.search(first)
    name = _NAME_WORDS.match(first)
    if (
        email
        and name
        and name.end() <= email.start()
        and not first[name.end() : email.start()].strip(" \t|,-–—")
    ):
        return text[:head] + first[: name.end()].rstrip() + "\n" + first[name.end() :].lstrip() + text[end:]
    return text


def _split_entry_heading(line: str, following: str) -> list[str]:
    """ "… by half. Data Analyst, Acme Ltd. — 2019 - 2021": the entry's heading on a line of its own."""
    if len(line) < 20:
        return [line]
    ends = [m for m in _SENTENCE_END.finditer(line) if _ends_sentence(line, m.start())]
    if not ends:
        return [line]
    cut = ends[-1]
    tail = line[cut.end() :]
    if len(tail) > 100 or not _heading_like(tail):
        return [line]
    has_dates = _has_range(tail)
    next_dates = _has_range(following[:60])
    if not has_dates and not (next_dates and len(tail.split()) <= 8):
        return [line]
    return [line[: cut.start()], tail]


_YEAR = re.compile(r"(?:19|20)\d\d")
_LAST_WORD = re.compile(r"([A-Za-z0-9)%]+)[.!?]$")
_ABBREVIATIONS = frozenset(
    "inc ltd co corp pte pty llc plc st mr mrs ms dr jr sr no vs etc dept univ intl bros assn est approx".split()
)


def _ends_sentence(line: str, position: int) -> bool:
    """Whether the full stop at ``position`` ends a sentence of a few words (not "Pte. Ltd.", "Dr. Smith")."""
    before = line[:position]
    word = _LAST_WORD.search(before)
    if word is None or word.group(1).lower() in _ABBREVIATIONS:
        return False
    token = word.group(1)
    if len(token) == 1 or (token[:1].isupper() and token[1:].islower() and len(token) <= 4):
        return False  # "Corp.", "Jan.", "J. Smith" (an acronym ends a sentence: "… in CI.")
    return len(before.split()) >= 3


def _has_range(text: str) -> bool:
    # The uncached search: these short pieces must not push the whole text's ranges out of the cache.
    return bool(text and _YEAR.search(text) and _all_ranges.__wrapped__(text))


_CONNECTORS = frozenset({"of", "and", "&", "for", "the", "in", "at", "to", "on"})


def _heading_like(tail: str) -> bool:
    """Mostly capitalised words (or dates), not a sentence: "Data Analyst, Acme Ltd. — Mar 2018 – 2019"."""
    words = [w for w in re.split(r"[\s,|/()–—-]+", tail) if w]
    if not words or _DESCRIPTION_START.match(words[0]):
        return False
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha:
        return True
    lower = [w[:1].islower() and w.lower() not in _CONNECTORS for w in alpha]
    if any(a and b for a, b in zip(lower, lower[1:], strict=False)):
        return False  # two ordinary lowercase words in a row: "As a member of …", "with a record of …"
    capitalised = sum(1 for w in alpha if w[:1].isupper() or w.lower() in _CONNECTORS)
    return capitalised >= 0.75 * len(alpha)


def _split_education(line: str) -> list[str]:
    """Two education entries on one line ("…, 2020 Imperial College London, Bachelor of …"): cut after the
    year that ends the first, when each side names a school or a degree."""
    if len(line) < 30 or not _YEAR_THEN_CAPITAL.search(line):
        return [line]
    from .education import _degree, _schools

    pieces, cut = [], 0
    for match in _YEAR_THEN_CAPITAL.finditer(line):
        left, right = line[cut : match.start()], line[match.end() :]
        if _names_study(left, _degree, _schools) and _names_study(right, _degree, _schools):
            pieces.append(line[cut : match.start()] + line[match.start() : match.end()].rstrip(" \t"))
            cut = match.end()
    if not pieces:
        return [line]
    pieces.append(line[cut:])
    return pieces


def _names_study(part: str, degree, schools) -> bool:
    return bool(schools(part) or degree(part, False))
