"""Language of a resume: ``zh``, ``en`` or ``mixed``.

The measure is the share of CJK ideographs among CJK ideographs plus Latin *words* (runs of Latin
letters). Words, not letters: a Chinese resume full of skill names (Java, Spring Boot, Kubernetes) has as
many Latin letters as ideographs, but far fewer words; one ideograph carries about as much as one word.

- share ≥ 0.70 → ``zh``: a Chinese resume with English skill words, e-mails and company names;
- share ≤ 0.25 → ``en``: an English resume with a Chinese name, school or address;
- in between → ``mixed``: both languages are substantial (a bilingual resume, with both versions).

An equal amount of content in both languages gives a share of about 0.6 (roughly 1.6 ideographs per
English word). A text with neither gives ``en``. Full-width Latin letters count as Latin.
"""

from __future__ import annotations

import re

ZH_MIN_SHARE = 0.70
EN_MAX_SHARE = 0.25

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff21-\uff3a\uff41-\uff5a]+")


def cjk_share(text: str) -> float | None:
    """CJK ideographs / (ideographs + Latin words), or None when the text has neither."""
    ideographs = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if ideographs + words == 0:
        return None
    return ideographs / (ideographs + words)


def detect_language(text: str) -> str:
    """``zh``, ``en`` or ``mixed`` (see the module docstring for the thresholds)."""
    share = cjk_share(text)
    if share is None or share <= EN_MAX_SHARE:
        return "en"
    if share >= ZH_MIN_SHARE:
        return "zh"
    return "mixed"
