"""Taxonomy tags in resume text: an Aho–Corasick pass over every name and synonym, plus English skill spans.

``TaxonomyMatcher.from_terms(terms)`` builds one pyahocorasick automaton over the lowered, full-width →
half-width normalised names and synonyms of a taxonomy (the seed, or a tenant's). Matching runs over the
normalised text, which always has the same length as the original, so every offset points into the
original text. Rules:

- leftmost-longest, non-overlapping matches (``iter_long``); a longest match that fails its boundary check
  is re-scanned for the shorter matches inside it ("Java developers" → "Java" when "Java developer" fails);
- Latin forms need word boundaries: the text character before and after must not be a letter or digit,
  so "r" never matches in "Director" nor "go" in "good"; forms that end in a symbol ("C++", "C#") or start
  with one (".NET") are checked only on their alphanumeric side. An English plural "s" is allowed after
  forms of four or more letters ("Java developers");
- Latin forms of one or two letters ("C", "R", "Go", "IT") and single words that are also common English
  words ("Excel", "Spark", "Manufacturing") match only as written in the taxonomy or in capitals (generic
  skills and qualities such as "sales" or "teamwork" excepted), or in any case
  right next to Chinese text ("熟悉java、spring、js"); one-letter forms also refuse neighbouring "&", "-",
  "'" and "." ("R&D", "C-level");
- Chinese forms match anywhere inside unsegmented text; English is case-insensitive otherwise;
- ``find`` and ``tag`` keep a match only where its context supports the tag's sense (``judge``,
  candidates/parsing/word_sense.py): "from scratch" is not Scratch, "worked with data scientists" is Teamwork,
  not the title. ``occurrences`` is raw unless asked.

``find(text)`` returns one ``TagHit`` per distinct tag, evidence at its first occurrence, with how often the
text names it and the strength that gives (``tag_strength``). ``tag(text)`` adds the English skill model
(``skill_model``): its spans become canonical tags when their normalised words equal a taxonomy name or
synonym, and free-text skill tags (lower confidence) otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from . import word_sense
from .types import Span, TagHit

# Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic and no-break spaces and tabs → space. 1:1 in length.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x09: 0x20})
_NEEDS_WIDTH = re.compile(r"[\uff01-\uff5e\u3000\u00a0\t]")
_HALF = {chr(k): chr(v) for k, v in _WIDTH.items()}
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789" + "".join(chr(c) for c in range(0xC0, 0x250)))
_STRICT_NEIGHBOURS = frozenset("&-'’.")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_ONLY = ("\x00",)  # marker: a spelling accepted only next to Chinese text
_LATIN_WORD = re.compile(r"[a-z][a-z0-9+#.]*")

# Phrases that contain a taxonomy form but do not mean it: section headings ("教育背景" is not the
# education industry) and names of places ("中山大学").
_SHADOWS = (
    "教育背景",
    "教育经历",
    "教育程度",
    "受教育",
    "education details",
    "education background",
    "工作经历",
    "项目经历",
    "中山大学",
    "中山医院",
    "中山路",
    "中山公园",
)

_COMMON_WORDS_PATH = Path(__file__).resolve().parent.parent / "taxonomy" / "common_words.txt"

# Section headings: a skills section raises the confidence of the tags found inside it.
_HEADING = re.compile(
    r"^[ \t#*•·\-–—=【\[]*(?:(?P<skills>(?:technical |core |key |professional |it )?skills?(?: (?:&|and) "
    r"(?:tools|technologies|expertise|qualifications))?|skill set|core competenc(?:y|ies)|competencies|"
    r"technologies|tech(?:nical)? stack|expertise|tools|专业技能|技能(?:特长|清单)?|个人技能|技术栈|掌握技能|"
    r"技能证书|专业能力|职业技能)|(?P<education>education(?:al)?(?: (?:details|background|qualifications?))?|"
    r"academic (?:qualifications?|background|details|profile)|qualifications?|教育背景|教育经历)|"
    r"(?:(?:work |professional )?experience|employment(?: history)?|"
    r"projects?|summary|profile|objective|awards|publications|references|languages|certifications?|"
    r"interests|hobbies|工作经历|工作经验|项目经验|项目经历|自我评价|个人信息|基本信息|"
    r"求职意向|获奖情况|证书|语言能力|实习经历))[ \t]*[:：】\]]?",
    re.IGNORECASE | re.MULTILINE,
)


def normalise(text: str) -> str:
    """Lowercase with full-width → half-width: same length as ``text``, so offsets carry over."""
    return _lower(_to_half_width(text))


def _to_half_width(text: str) -> str:
    # a regex substitution touches only the full-width characters: far cheaper than str.translate
    return _NEEDS_WIDTH.sub(_half_width_char, text) if _NEEDS_WIDTH.search(text) else text


def _half_width_char(match: re.Match) -> str:
    return _HALF[match.group()]


def normalise_form(form: str) -> str:
    """A taxonomy name or synonym as the automaton stores it."""
    return _SPACES.sub(" ", normalise(form)).strip()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lowercase English words common enough that a taxonomy form spelt like one must match as written."""
    if not _COMMON_WORDS_PATH.exists():
        return frozenset()
    return frozenset(w for w in _COMMON_WORDS_PATH.read_text(encoding="utf-8").split() if w)


@dataclass(frozen=True)
class _Term:
    key: str
    category: str
    name: str
    specificity: float


class TaxonomyMatcher:
    """Aho–Corasick over a taxonomy's names and synonyms; see the module docstring for the rules."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        # Forms of one or two letters ("R", "Go", "IT") are matched case-sensitively by a second automaton
        # over the width-normalised text: in lowercase they hit inside nearly every word.
        self._short = ahocorasick.Automaton()
        self.terms: list[_Term] = []
        self.latin_vocabulary: frozenset[str] = frozenset()
        self._signatures: dict[str, int] = {}
        self._has_shadows = bool(_SHADOWS)
        # Word sense (candidates/parsing/word_sense.py): ambiguous forms by tier, title terms, product skills
        self._forms: frozenset[str] = frozenset()
        self._sense_forms: dict[str, int] = {}
        self._sense_terms: frozenset[int] = frozenset()
        self._titles: frozenset[int] = frozenset()
        self._products: frozenset[int] = frozenset()
        self._brands: frozenset[str] = frozenset()
        self._names: dict[int, tuple[str, str]] = {}
        self._key_index: dict[str, int] = {}

    @classmethod
    def from_terms(cls, terms: Iterable) -> TaxonomyMatcher:
        """Build from SeedTerm-like objects or dicts with key, category, name_en, name_zh, synonyms."""
        self = cls()
        common = common_words()
        entries: list[tuple[int, str, bool]] = []
        # Single-word forms that are common English words match as written only ("Excel", "Spark";
        # "Manufacturing", "Consultant"), except for generic skills and qualities ("sales", 销售; "teamwork"):
        # a skill or quality whose Chinese name is not Latin too (not a product name) matches in any case.
        case_sensitive: set[int] = set()
        stored_senses: dict[int, dict[str, str] | None] = {}
        for term in terms:
            get = term.get if isinstance(term, dict) else lambda name, t=term: getattr(t, name, None)
            name_en, name_zh = get("name_en") or "", get("name_zh") or ""
            index = len(self.terms)
            if get("category") not in ("skill", "quality") or not _CJK.search(name_zh):
                case_sensitive.add(index)
            # the seed stores which forms are ambiguous; a tenant's own terms are judged by the same rule here
            stored = get("ambiguous")
            stored_senses[index] = dict(stored) if stored is not None else None
            self.terms.append(_Term(get("key"), get("category"), name_en or name_zh, 0.0))
            self._names[index] = (name_en, name_zh)
            entries.extend((index, form, True) for form in (name_en, name_zh) if form)
            entries.extend((index, form, False) for form in (get("synonyms") or ()) if form)
        seen: dict[str, tuple[int, str]] = {}
        # Names first, then synonyms: when two terms share a form, a name beats a synonym.
        for index, form, _ in sorted(entries, key=lambda e: not e[2]):
            norm = normalise_form(form)
            if norm and norm not in seen and not _too_short(norm):
                seen[norm] = (index, form.strip())
        # Which forms contain another form (only those are re-scanned when they fail their checks).
        probe = ahocorasick.Automaton()
        for norm in seen:
            if not (norm.isascii() and norm.isalpha() and len(norm) <= 2):
                probe.add_word(norm, len(norm))
        probe.add_word("\x00", 1)
        probe.make_automaton()
        vocabulary: set[str] = set()
        longest: dict[int, float] = {}
        short_forms: dict[str, tuple] = {}
        for norm, (index, form) in seen.items():
            checks = _checks(form, norm, common if index in case_sensitive else frozenset())
            if norm.isascii() and norm.isalpha() and len(norm) <= 2:
                for spelling in checks[3] or (form, form.upper(), form[:1].upper() + form[1:]):
                    short_forms.setdefault(spelling, (index, len(norm), *checks[:3], None, False))
                # other spellings ("js", "go") count only next to Chinese: "熟悉js、go"
                short_forms.setdefault(norm, (index, len(norm), *checks[:3], _CJK_ONLY, False))
            else:
                inner = any(length < len(norm) for _, length in probe.iter(norm))
                self._automaton.add_word(norm, (index, len(norm), *checks, inner))
            vocabulary.update(_LATIN_WORD.findall(norm))
            longest[index] = max(longest.get(index, 0.0), _specificity(norm))
            key = signature(norm)
            if key:  # a form of stop words only ("BASIC", "Skills") would match any span of punctuation
                self._signatures.setdefault(key, index)
        self._senses_from(seen, stored_senses, common)
        self._products = frozenset(i for i in case_sensitive if self.terms[i].category == "skill")
        for phrase in _SHADOWS:  # matched and dropped, so the terms inside them are not tagged
            norm = normalise_form(phrase)
            if norm not in seen:
                self._automaton.add_word(norm, (-1, len(norm), False, 0, False, None, False))
        for spelling, value in short_forms.items():
            self._short.add_word(spelling, value)
        if not len(self._automaton):
            self._automaton.add_word("\x00", (0, 1, False, 0, False, None, False))
        self._automaton.make_automaton()
        if not short_forms:
            self._short.add_word("\x00", (0, 1, False, 0, False, None, False))
        self._short.make_automaton()
        self.terms = [_Term(t.key, t.category, t.name, longest.get(i, 0.5)) for i, t in enumerate(self.terms)]
        self.latin_vocabulary = frozenset(vocabulary)
        return self

    def __len__(self) -> int:
        return len(self.terms)

    def _senses_from(
        self,
        seen: dict[str, tuple[int, str]],
        stored: dict[int, dict[str, str] | None],
        common: frozenset[str],
    ) -> None:
        """Which forms need their sense checked (word_sense.form_tier, or the tiers the seed stores)."""
        sense_forms: dict[str, int] = {}
        first_words: dict[str, int] = {}
        for norm, (index, form) in seen.items():
            term = self.terms[index]
            tiers = stored.get(index)
            if tiers is not None:
                tier = word_sense.TIERS.get(tiers.get(form, ""), word_sense.NONE)
            else:
                names = self._names.get(index, ("", ""))
                tier = word_sense.form_tier(
                    form, name_en=names[0], name_zh=names[1], category=term.category, common=common
                )
            if tier:
                sense_forms[norm] = tier
            if " " in norm:
                first = norm.split(" ", 1)[0]
                first_words[first] = first_words.get(first, 0) + 1
        self._forms = frozenset(seen)
        self._key_index = {t.key: i for i, t in enumerate(self.terms) if t.key}
        self._sense_forms = sense_forms
        self._titles = frozenset(i for i, t in enumerate(self.terms) if t.category == "title")
        self._sense_terms = frozenset(seen[n][0] for n in sense_forms) | self._titles
        # a brand: an ambiguous one-word form that starts many longer forms ("apache kafka", "oracle peoplesoft")
        # naming a product of its own ("Apache" of "Apache HTTP Server", "Oracle" of "Oracle Database"); a
        # term named just the brand ("Google") is what "Google Hangouts" means too
        self._brands = frozenset(
            n
            for n in sense_forms
            if first_words.get(n, 0) >= word_sense.BRAND_FORMS
            and normalise_form(self._names.get(seen[n][0], ("", ""))[0]) != n
        )

    # -- raw occurrences ---------------------------------------------------------------------------------

    def occurrences(self, text: str, *, senses: bool = False) -> list[tuple[int, int, int]]:
        """Every accepted match as ``(term index, start, end)``, in text order, non-overlapping.

        ``senses``: drop the matches whose context does not support the tag's sense (``judge``). Off by
        default: the skill model's features read every match (job-description suggestions judge
        them: profiles/suggest.py ``_in_sense``)."""
        if not text or not self.terms:
            return []
        wide = _to_half_width(text)
        norm = _lower(wide)
        size = len(norm)
        alnum = _ALNUM
        out: list[tuple[int, int, int]] = []
        for end, value in self._automaton.iter_long(norm):
            end += 1
            start = end - value[1]
            # inline boundary checks: most candidate matches fail here, so keep this path cheap
            if value[2] and start and norm[start - 1] in alnum:
                if value[6]:
                    out.extend(self._inside(text, norm, start, end))
                continue
            if value[3] and end < size and norm[end] in alnum or value[5] is not None:
                hit = self._accept(text, norm, start, end, value)
                if hit is None:
                    if value[6]:
                        out.extend(self._inside(text, norm, start, end))
                    continue
                out.append(hit)
            else:
                out.append((value[0], start, end))
        if out and self._has_shadows:
            out = [hit for hit in out if hit[0] >= 0]
        short = []
        for end, value in self._short.iter(wide):
            end += 1
            start = end - value[1]
            if (start and norm[start - 1] in alnum) or (end < size and norm[end] in alnum):
                continue
            hit = self._accept(wide, norm, start, end, value)
            if hit is not None:
                short.append(hit)
        if short:
            out = _merge_short(out, short)
        if out and ("@" in text or "://" in text or "www." in text):
            out = _outside_addresses(text, out)
        if senses and out:
            out = self.judge(text, out)
        return out

    def judge(self, text: str, occurrences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """The occurrences whose context supports the tag's sense: ambiguous skill forms need a cue, titles
        must be held by the person (candidates/parsing/word_sense.py)."""
        sense_terms = self._sense_terms
        if not sense_terms or not any(hit[0] in sense_terms for hit in occurrences):
            return occurrences
        products = self._products
        lowered = _lower(_to_half_width(text))
        tiers = [self._tier(lowered, hit) if hit[0] in sense_terms else 0 for hit in occurrences]
        context = [
            word_sense.Hit(s, e, i in products, bool(t))
            for (i, s, e), t in zip(occurrences, tiers, strict=True)
        ]
        sections = education = None
        kept = []
        relations = []
        for (index, start, end), tier in zip(occurrences, tiers, strict=True):
            if index in self._titles:
                norm = lowered[start:end]
                plural = norm not in self._forms and norm.endswith("s") and norm[:-1] in self._forms
                sense = word_sense.title_sense(text, start, end, plural=plural)
                if not sense.held:
                    relation = self._key_index.get(sense.relation_tag or "")
                    if relation is not None:
                        relations.append((relation, sense.relation_start, end))
                    continue
            elif tier == word_sense.FIELD:
                if education is None:
                    education = education_sections(text)
                if not word_sense.keep_field(
                    text, start, end, in_education=any(s <= start < e for s, e in education)
                ):
                    continue
            elif tier:
                if sections is None:
                    sections = skills_sections(text)
                in_skills = any(s <= start < e for s, e in sections)
                norm = lowered[start:end]
                brand = norm in self._brands or norm[:-1] in self._brands
                if not word_sense.keep_skill(
                    text,
                    start,
                    end,
                    tier,
                    hits=context,
                    in_skills=in_skills,
                    brand=brand,
                    chinese=_next_to_cjk(text, start, end),
                ):
                    continue
            kept.append((index, start, end))
        if relations:
            # "worked with data scientists" → Teamwork, evidenced by the whole phrase, where nothing else was found
            for hit in relations:
                if not any(s < hit[2] and hit[1] < e for _, s, e in kept):
                    kept.append(hit)
            kept.sort(key=lambda h: h[1])
        return kept

    def _tier(self, lowered: str, hit: tuple[int, int, int]) -> int:
        norm = lowered[hit[1] : hit[2]]
        tier = self._sense_forms.get(norm)
        if tier is None and norm.endswith("s"):
            tier = self._sense_forms.get(norm[:-1])
        return tier or 0

    def sense_of(self, text: str, index: int, start: int, end: int) -> bool:
        """Whether one match (e.g. a skill-model span named like a taxonomy form) keeps its sense in ``text``."""
        if index not in self._sense_terms:
            return True
        return bool(self.judge(text, [(index, start, end)]))

    def _accept(
        self, text: str, norm: str, start: int, end: int, value: tuple
    ) -> tuple[int, int, int] | None:
        index, _, check_start, check_end, strict, exact = value[:6]
        if check_start and start > 0:
            before = norm[start - 1]
            if before in _ALNUM or (strict and before in _STRICT_NEIGHBOURS):
                return None
        if check_end and end < len(norm):
            after = norm[end]
            if strict and after == "." and (end + 1 == len(norm) or norm[end + 1] not in _ALNUM):
                after = " "  # a sentence ends: "Go and R."
            if after in _ALNUM or (strict and after in _STRICT_NEIGHBOURS):
                # an English plural: "developers", "databases"
                if not (
                    check_end == 2 and after == "s" and (end + 1 == len(norm) or norm[end + 1] not in _ALNUM)
                ):
                    return None
                end += 1
        if exact is not None:
            written = text[start:end]
            if exact is _CJK_ONLY or (written not in exact and written[:-1] not in exact):
                # spelt otherwise than the taxonomy has it: fine inside Chinese text ("熟悉java、spring")
                if not _next_to_cjk(text, start, end):
                    return None
        return (index, start, end)

    def _inside(self, text: str, norm: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Shorter accepted matches inside a longest match that failed its checks (leftmost-longest)."""
        candidates = []
        for e, value in self._automaton.iter(norm, start, end):
            s = e + 1 - value[1]
            if s < start or (s == start and e + 1 == end):
                continue
            hit = self._accept(text, norm, s, e + 1, value)
            if hit is not None:
                candidates.append(hit)
        candidates.sort(key=lambda h: (h[1], -h[2]))
        out, last = [], start
        for hit in candidates:
            if hit[1] >= last:
                out.append(hit)
                last = hit[2]
        return out

    # -- tags --------------------------------------------------------------------------------------------

    def find(self, text: str, *, senses: bool = True) -> list[TagHit]:
        """One TagHit per distinct taxonomy tag in ``text`` (evidence: its first occurrence); ``senses``: only
        matches whose context supports the tag's sense (see ``judge``)."""
        return self._hits(text, self.occurrences(text, senses=senses), text_words(text))

    def _hits(self, text: str, occurrences: Sequence[tuple[int, int, int]], words: float) -> list[TagHit]:
        if not occurrences:
            return []
        first: dict[int, tuple[int, int]] = {}
        counts: dict[int, int] = {}
        for index, start, end in occurrences:
            if index in first:
                counts[index] += 1
            else:
                first[index] = (start, end)
                counts[index] = 1
        in_skills: set[int] = set()
        sections = skills_sections(text)
        if sections:
            for index, start, _ in occurrences:
                for s, e in sections:
                    if s <= start < e:
                        in_skills.add(index)
                        break
        terms = self.terms
        # A term holds all of a tag's forms: its count is the tag's mentions.
        hits = []
        for index, (start, end) in first.items():  # dicts keep insertion order: text order
            term = terms[index]
            confidence = (
                term.specificity + 0.05 * min(counts[index] - 1, 3) + (0.1 if index in in_skills else 0.0)
            )
            hits.append(
                TagHit(
                    term.name,
                    term.category,
                    min(round(confidence, 3), 0.98),
                    Span(text[start:end], start, end),
                    term.key,
                    counts[index],
                    tag_strength(counts[index], words),
                )
            )
        return hits

    def tag(
        self, text: str, *, skill_tagger=None, use_model: bool = True, senses: bool = True
    ) -> list[TagHit]:
        """Taxonomy tags plus English skill-model spans (canonical when they name a taxonomy term). With
        ``senses``, matches whose context does not support the tag's sense are dropped, and so are model
        spans over them."""
        raw = self.occurrences(text)
        occurrences = self.judge(text, raw) if senses and raw else raw
        words = text_words(text)
        hits = self._hits(text, occurrences, words)
        if not use_model:
            return hits
        if skill_tagger is None:
            from .skill_model import default_tagger

            skill_tagger = default_tagger()
            if skill_tagger is None:
                return hits
        # the model sees the matches that keep their sense: a title in passing ("with fellow developers") is
        # then part of a phrase the model may tag as a skill, as SkillSpan's annotators do
        spans = skill_tagger.spans(text, [(s, e) for _, s, e in occurrences])
        if not spans:
            return hits
        kept = set(occurrences)
        # a model span that is just a word matched in another sense goes too ("scratch" of "from scratch"); a
        # longer span around a rejected title ("coordinate developers") is the model's own finding
        rejected = [(s, e) for i, s, e in raw if (i, s, e) not in kept]
        seen_keys = {h.tag_key for h in hits}
        one_mention = tag_strength(1, words)
        starts = [s for _, s, _ in occurrences]
        ends = [e for _, _, e in occurrences]
        dates: list[tuple[int, int]] | None = None  # the text's date ranges, read once when first needed
        for span in spans:
            # only short spans can name a taxonomy term; longer ones go straight to free text
            key = signature(normalise_form(span.text)) if span.text.count(" ") < 6 else ""
            index = self._signatures.get(key) if key else None
            if any(s - 1 <= span.start and span.end <= e + 1 for s, e in rejected):
                continue
            i = bisect_left(ends, span.start + 1)
            if index is not None and i < len(starts) and starts[i] <= span.start and span.end <= ends[i]:
                continue  # the taxonomy read this very stretch ("C#" is not also "C" by its signature)
            if index is not None:
                term = self.terms[index]
                if term.key in seen_keys:
                    continue
                if senses and not self.sense_of(text, index, span.start, span.end):
                    continue
                seen_keys.add(term.key)
                hits.append(TagHit(term.name, term.category, 0.7, span, term.key, 1, one_mention))
                continue
            i = bisect_left(ends, span.start + 1)
            if i < len(starts) and starts[i] < span.end:
                continue  # the taxonomy already tagged this stretch
            name = free_text_name(span.text)
            if not name:
                continue
            if dates is None:
                from .fields.dates import extract_date_ranges

                dates = [(r.span.start, r.span.end) for r in extract_date_ranges(text)]
            if _not_a_skill(span.text, span.start, span.end, dates):
                continue
            key = "free:" + name
            if key in seen_keys:
                continue
            seen_keys.add(key)
            hits.append(TagHit(name, "skill", _free_confidence(name), span, key, 1, one_mention))
        hits.sort(key=lambda h: h.evidence.start)
        return hits


def _next_to_cjk(text: str, start: int, end: int) -> bool:
    """Whether the nearest non-space character before or after ``text[start:end]`` is Chinese."""
    i = start - 1
    while i >= 0 and i >= start - 2 and text[i] == " ":
        i -= 1
    if i >= 0 and _CJK_OR_PUNCT.match(text[i]):
        return True
    j = end
    while j < len(text) and j < end + 2 and text[j] == " ":
        j += 1
    return j < len(text) and _CJK_OR_PUNCT.match(text[j]) is not None


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[\x21-\x7e]+", re.ASCII)


def _outside_addresses(text: str, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop matches inside email addresses and URLs: "com" in name@example.com is not a skill."""
    spans = [match.span() for match in _ADDRESS.finditer(text)]
    if not spans:
        return hits
    return [hit for hit in hits if not any(start <= hit[1] and hit[2] <= end for start, end in spans)]


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower to two ("İ"): keep those as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def _merge_short(
    hits: list[tuple[int, int, int]], short: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """Add the short-form hits that do not overlap a longer hit, keeping text order."""
    starts = [h[1] for h in hits]
    kept = list(hits)
    for hit in short:
        i = bisect_right(starts, hit[1])
        if (i and hits[i - 1][2] > hit[1]) or (i < len(hits) and hits[i][1] < hit[2]):
            continue
        kept.append(hit)
    kept.sort(key=lambda h: h[1])
    return kept


def _too_short(norm: str) -> bool:
    if _CJK.search(norm):
        return len(norm) < 2
    return not any(c in _ALNUM for c in norm)


def _checks(form: str, norm: str, common: frozenset[str]) -> tuple[bool, int, bool, tuple[str, ...] | None]:
    """(check start, check end (2 = plural allowed), strict neighbours, exact spellings or None)."""
    check_start = norm[0] in _ALNUM
    check_end = 0
    if norm[-1] in _ALNUM:
        check_end = 2 if len(norm) >= 4 and norm[-1].isalpha() and norm[-1] != "s" and norm.isascii() else 1
    letters = sum(1 for c in norm if c.isalpha())
    strict = letters == 1 and len(norm) <= 2
    exact = None
    if (norm.isascii() and norm.isalpha() and len(norm) <= 2) or (" " not in norm and norm in common):
        exact = tuple(dict.fromkeys((form, form.upper(), form[:1].upper() + form[1:])))
        if form.islower():  # a lowercase common word as the only spelling: match it as written, any case
            exact = None
    return check_start, check_end, strict, exact


_COMPOUND_SPLIT = re.compile(r"\s*(?:/|&|、)\s*| and | \+ ")


def compound_pieces(name: str) -> list[str]:
    """The parts of a compound skill name, lowercased: "C/C++" → ["c", "c++"], "HTML & CSS" → ["html", "css"];
    [] for a name that is not a compound (one piece). Whether each piece is a tag of its own is the caller's
    question (profiles.suggest splits a JD's compound into its parts; profiles.matching credits a resume's
    compound tag to each part)."""
    pieces = [piece.strip().lower() for piece in _COMPOUND_SPLIT.split(name or "") if piece and piece.strip()]
    return pieces if len(pieces) >= 2 else []


def _specificity(norm: str) -> float:
    cjk = len(_CJK.findall(norm))
    weight = len(norm) + cjk  # a Chinese character says about as much as two Latin letters
    words = norm.count(" ") + 1
    return round(0.55 + 0.25 * min(1.0, (weight - 1) / 9) + (0.05 if words > 1 else 0.0), 3)


_SIGNATURE_STOP = frozenset(
    "a an the and or of in on for with to at by as from skills skill knowledge experience experienced "
    "proficiency proficient ability able good strong solid excellent familiarity familiar understanding "
    "working basic advanced expert expertise using use".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]|[\u3400-\u9fff]+")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def signature(norm: str) -> str:
    """Order-free bag of stemmed content words: how model spans are mapped to taxonomy terms."""
    words = [_stem(w) for w in _WORD.findall(norm) if w not in _SIGNATURE_STOP]
    return " ".join(sorted(words))


_TRIM = re.compile(r"^[\W_]+|[\W_]+$")


def free_text_name(text: str) -> str:
    """A model span as a free-text tag name: spaces collapsed, outer punctuation trimmed, lowercased."""
    name = _TRIM.sub("", _SPACES.sub(" ", text)).strip().lower()
    if len(name) < 2 or len(name) > 80:
        return ""
    return name


_MONTH_YEAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:19|20)\d\d\b", re.IGNORECASE
)
# "Developing & maintaining TPP": two duty verbs joined, the opening of a duty line rather than a skill's name
_DUTY_PAIR = re.compile(r"[A-Z][a-z]+ing\s*(?:&|and|/)\s*[a-z]+ing\b")


def _not_a_skill(span: str, start: int, end: int, dates: list[tuple[int, int]]) -> bool:
    """A free-text model span that is no skill (only this path: taxonomy tags are judged elsewhere): a date
    ("feb 2016") or a span reaching into one of the text's date ranges ``dates`` ("PRESENT implementing …" of
    "MAR 2022 TO PRESENT"), or a duty line's opening ("Developing & maintaining TPP")."""
    if _MONTH_YEAR.search(span) or _DUTY_PAIR.match(span):
        return True
    return any(s < end and start < e for s, e in dates)


def _free_confidence(name: str) -> float:
    words = name.count(" ") + 1
    return 0.45 if words <= 4 else 0.35


def skills_sections(text: str) -> list[tuple[int, int]]:
    """Character ranges of skills sections: from a skills heading to the next heading of any kind."""
    return _sections(text, "skills")


def education_sections(text: str) -> list[tuple[int, int]]:
    """Character ranges of education sections: from an education heading to the next heading of any kind."""
    return _sections(text, "education")


def _sections(text: str, kind: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_start = None
    for m in _HEADING.finditer(text):
        line_end = text.find("\n", m.end())
        line = text[m.start() : line_end if line_end >= 0 else len(text)]
        if len(line) > 60 and not m.group("skills"):
            continue  # a sentence that merely starts with "Experience", not a heading
        if open_start is not None:
            spans.append((open_start, m.start()))
            open_start = None
        if m.group(kind):
            open_start = m.start()
    if open_start is not None:
        spans.append((open_start, len(text)))
    return spans


# Tag strength: BM25's term-frequency saturation (k1 1.2, b 0.75, the usual values, not fitted to our data)
# over the tag's mentions, scaled to 0..1. One mention in a resume of typical length gives 0.45, three give
# 0.71, and a short resume's mention counts more than a long one's. docs/quality.md measures what it buys.
STRENGTH_K1 = 1.2
STRENGTH_B = 0.75
REFERENCE_WORDS = 400  # a typical resume's length in words (the English evaluation set averages 428)
CJK_CHARS_PER_WORD = 1.6  # Chinese has no spaces: its length in words is estimated from its characters
_WORD = re.compile(r"[^\W\d_]+|\d+")


def text_words(text: str) -> float:
    """The length of ``text`` in words: Latin-script words and numbers, plus Chinese and Japanese characters
    divided by ``CJK_CHARS_PER_WORD``."""
    cjk = len(_CJK.findall(text or ""))
    latin = len(_WORD.findall(_CJK.sub(" ", text or "")))
    return latin + cjk / CJK_CHARS_PER_WORD


def saturation(mentions, words):
    """tf·(k1 + 1) / (tf + k1·(1 − b + b·words / REFERENCE_WORDS)), divided by k1 + 1: plain arithmetic, so
    ``mentions`` and ``words`` may be numbers or numpy arrays (the benchmark's generator draws whole columns)."""
    return mentions / (mentions + STRENGTH_K1 * (1.0 - STRENGTH_B + STRENGTH_B * words / REFERENCE_WORDS))


def tag_strength(mentions: int, words: float = REFERENCE_WORDS) -> float:
    """How much a text of ``words`` words that names a tag ``mentions`` times (at least one) is about it, in
    (0, 1), to three decimals."""
    return round(saturation(max(int(mentions), 1), max(float(words), 1.0)), 3)


LISTED_STRENGTH = tag_strength(
    1
)  # a tag with no text behind it (an imported list): one mention, typical length


@lru_cache(maxsize=1)
def seed_matcher() -> TaxonomyMatcher:
    """The matcher over the seed taxonomy (built once per process)."""
    from candidates.taxonomy import load_seed

    return TaxonomyMatcher.from_terms(load_seed())


def find_tags(text: str) -> list[TagHit]:
    """The public tagging path: seed taxonomy tags plus English skill-model tags for ``text``."""
    return seed_matcher().tag(text)
