"""Language of a resume or a JD: ``zh``, ``en`` or ``mixed`` — or the code of a language we do not read.

The measure is the share of CJK ideographs among CJK ideographs plus Latin *words* (runs of Latin
letters). Words, not letters: a Chinese resume full of skill names (Java, Spring Boot, Kubernetes) has as
many Latin letters as ideographs, but far fewer words; one ideograph carries about as much as one word.

- share ≥ 0.70 → ``zh``: a Chinese resume with English skill words, e-mails and company names;
- share ≤ 0.25 → ``en``: an English resume with a Chinese name, school or address;
- in between → ``mixed``: both languages are substantial (a bilingual resume, with both versions).

An equal amount of content in both languages gives a share of about 0.6 (roughly 1.6 ideographs per
English word). A text with neither gives ``en``. Full-width Latin letters count as Latin.

Before that, other scripts are counted (issue 13: an Arabic JD was called English). When words in one other
script make up at least ``OTHER_SCRIPT_MIN_SHARE`` of everything counted, the text is in that language:
``ar`` (Arabic script), ``ru`` (Cyrillic), ``ko`` (Hangul), ``el``, ``he``, ``th``, ``hi`` (Devanagari).
Japanese is told from Chinese by its kana: kana making up at least ``KANA_MIN_SHARE`` of the kana and
ideographs say the ideographs are Japanese kanji, and the text is ``ja`` when those carry the text. The
katakana middle dot and the long-vowel mark are not counted (Chinese writes foreign names with "・").
Only ``SUPPORTED_LANGUAGES`` are parsed; ``is_supported`` tells the callers that must refuse the rest.
"""

from __future__ import annotations

import re

ZH_MIN_SHARE = 0.70
EN_MAX_SHARE = 0.25
OTHER_SCRIPT_MIN_SHARE = 0.40
KANA_MIN_SHARE = 0.10

SUPPORTED_LANGUAGES = ("en", "zh", "mixed")
LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "mixed": "Chinese and English",
    "ja": "Japanese",
    "ar": "Arabic",
    "ru": "Russian",
    "ko": "Korean",
    "el": "Greek",
    "he": "Hebrew",
    "th": "Thai",
    "hi": "Hindi",
}

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff21-\uff3a\uff41-\uff5a]+")
# Hiragana, katakana (without U+30FB "・" and U+30FC "ー"), katakana extensions, half-width katakana.
_KANA = re.compile("[\u3041-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_OTHER_SCRIPTS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    # (language, a word in its script, letters per word for scripts written without spaces; 0: spaced)
    (
        "ar",
        re.compile("[\u0600-\u065f\u066e-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+"),
        0,
    ),
    ("ru", re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]+"), 0),
    ("ko", re.compile("[\uac00-\ud7af\u1100-\u11ff\u3131-\u318e]+"), 0),
    ("el", re.compile("[\u0370-\u03ff\u1f00-\u1fff]+"), 0),
    ("he", re.compile("[\u0591-\u05f4]+"), 0),
    ("th", re.compile("[\u0e01-\u0e5b]+"), 4),
    ("hi", re.compile("[\u0900-\u097f]+"), 0),
)


def cjk_share(text: str) -> float | None:
    """CJK ideographs / (ideographs + Latin words), or None when the text has neither."""
    ideographs = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if ideographs + words == 0:
        return None
    return ideographs / (ideographs + words)


def _words(pattern: re.Pattern[str], letters_per_word: int, text: str) -> int:
    if not letters_per_word:
        return len(pattern.findall(text))
    return sum(max(1, len(run) // letters_per_word) for run in pattern.findall(text))


def other_language(text: str) -> str | None:
    """The code of the unsupported language ``text`` is written in (``ja``, ``ar``, ``ru``, …), or None when it
    is English, Chinese or a mix of them (other scripts below the thresholds in the module docstring)."""
    ideographs = len(_CJK.findall(text))
    kana = len(_KANA.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    others = {language: _words(pattern, per_word, text) for language, pattern, per_word in _OTHER_SCRIPTS}
    total = ideographs + kana + latin + sum(others.values())
    if not total:
        return None
    if kana and kana >= KANA_MIN_SHARE * (kana + ideographs):
        if (kana + ideographs) >= OTHER_SCRIPT_MIN_SHARE * total:
            return "ja"
    language, words = max(others.items(), key=lambda item: item[1])
    if words and words >= OTHER_SCRIPT_MIN_SHARE * total:
        return language
    return None


def detect_language(text: str) -> str:
    """``zh``, ``en`` or ``mixed`` (see the module docstring for the thresholds); the code of another language
    (``ja``, ``ar``, ``ru``, …) when the text is mostly in its script."""
    other = other_language(text)
    if other is not None:
        return other
    share = cjk_share(text)
    if share is None or share <= EN_MAX_SHARE:
        return "en"
    if share >= ZH_MIN_SHARE:
        return "zh"
    return "mixed"


def is_supported(language: str) -> bool:
    """Whether the parsers read ``language`` (a ``detect_language`` result)."""
    return language in SUPPORTED_LANGUAGES


def language_name(language: str) -> str:
    """The English name of a ``detect_language`` result (the code itself when unnamed)."""
    return LANGUAGE_NAMES.get(language, language)
