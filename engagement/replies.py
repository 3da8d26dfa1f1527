"""What a reply says: interested, not now, not interested, unsubscribe or out of office (Chinese and English).

``reply_text(text, html)`` turns an inbound mail's body into bounded plain text; ``strip_quoted(text)`` keeps
only what the candidate wrote (the quoted original, "On … wrote:", "-----原始邮件-----", "在 … 写道：", mobile
signatures such as "发自我的iPhone" go); ``classify(text, subject=, headers=)`` applies the rules below, in
order, to what is left. Pure functions: no database.

Rules, first match wins (docs/engagement.md, "Tracking, machine opens and replies"):
1. auto-reply headers (Auto-Submitted other than "no", X-Autoreply, X-Autorespond, Precedence auto_reply)
   → out_of_office;
2. unsubscribe words ("unsubscribe", "remove me", "退订", "取消订阅", "别再发", a bare "TD") → unsubscribe;
3. away words or an auto-reply subject ("out of office", "automatic reply", "自动回复", "休假") → out_of_office;
4. "not now" words ("maybe later", "next year", "暂时", "目前不", "以后再") → not_now — before the next rule,
   so "暂时不考虑" is not now rather than not interested;
5. refusals ("not interested", "no thanks", "不感兴趣", "不考虑") → not_interested;
6. interest ("interested", "let's talk", "感兴趣", "可以聊", "方便电话") → interested;
7. anything else → other (a person wrote something the rules do not know: the recruiter reads it).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

INTERESTED = "interested"
NOT_NOW = "not_now"
NOT_INTERESTED = "not_interested"
UNSUBSCRIBE = "unsubscribe"
OUT_OF_OFFICE = "out_of_office"
OTHER = "other"
LABELS = (INTERESTED, NOT_NOW, NOT_INTERESTED, UNSUBSCRIBE, OUT_OF_OFFICE, OTHER)

# A reply is stored as the candidate's words only, bounded: a long thread must not fill the interactions table.
MAX_BODY_CHARS = 5000
SNIPPET_CHARS = 200

_QUOTE_STARTS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^\s*on\b.{0,300}\bwrote\s*:\s*$",  # Gmail, Apple Mail (English)
        r"^\s*在.{0,300}写道\s*[:：]\s*$",  # Gmail, Apple Mail (Chinese)
        r"^\s*-{2,}\s*(原始邮件|原始郵件|original message|forwarded message|转发的邮件)\s*-{2,}",  # Outlook, Foxmail
        r"^\s*_{10,}\s*$",  # Outlook's rule above the quoted header block
        r"^\s*(from|发件人|寄件者)\s*[:：].+",  # a quoted header block without a rule above it
        r"^\s*(发自我的|来自我的|sent from my\b|get outlook for)",  # mobile signatures
        r"^--\s*$",  # the signature delimiter
    )
]
_WROTE_ON_NEXT_LINE = re.compile(r"^\s*wrote\s*:\s*$", re.IGNORECASE)

_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|自动回复|自動回覆|自动答复)",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|回复|答复|转发|回覆)\s*[:：]\s*)+", re.IGNORECASE)

_RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        (
            UNSUBSCRIBE,
            r"\bunsubscribe\b|\bremove me\b|\bstop (e-?mailing|sending|contacting)\b|\bopt[- ]?out\b"
            r"|退订|取消订阅|别再发|不要再发|不要再给我发|请勿再|请勿联系|别联系|不要再联系|^\s*td\s*$",
        ),
        (
            OUT_OF_OFFICE,
            r"\bout of (the )?office\b|\bon (annual |parental |maternity |sick )?leave\b"
            r"|\bon vacation\b|\bon holiday\b|\bautomatic reply\b|\bauto-?reply\b|\baway from (the )?office\b"
            r"|\blimited access to (my )?e-?mail\b|自动回复|休假|不在办公室|外出中|出差中|假期中",
        ),
        (
            NOT_NOW,
            r"\bnot (right )?now\b|\bnot at (the|this) (moment|time)\b|\bmaybe later\b|\bperhaps later\b"
            r"|\b(later|next) (this )?year\b|\bin a (few|couple of) (weeks|months)\b|\bcontact me later\b"
            r"|\breach out (again )?later\b|\bcurrently (happy|not looking)\b|\bnot looking (right now|at the moment)\b"
            r"|\bcheck back\b|暂时|暂不|目前不|现在不|以后再|过段时间|过一段时间|明年|晚些|晚点再|先不|近期不",
        ),
        (
            NOT_INTERESTED,
            r"\bnot (really |very )?interested\b|\bno longer interested\b|\bno,? thanks?\b"
            r"|\bno thank you\b|\bnot looking\b|\bnot for me\b|\bplease don'?t contact\b|\bpass on this\b"
            r"|不感兴趣|没兴趣|没有兴趣|没什么兴趣|不考虑|不需要|不合适|不愿意|已经找到|已入职|不用了|谢谢不用",
        ),
        (
            INTERESTED,
            r"\binterested\b|\bsounds (good|great|interesting)\b|\blet'?s (talk|chat|connect)\b"
            r"|\bhappy to (talk|chat|discuss)\b|\btell me more\b|\bmore (details|information)\b|\bcall me\b"
            r"|\bschedule a call\b|\bavailable (for|to) (a )?(call|chat|talk)\b|\bi'?d love to\b"
            r"|感兴趣|有兴趣|可以聊|聊一聊|聊聊|详细|了解一下|想了解|方便电话|电话沟通|打电话|联系我|发我|投递|可以考虑|愿意",
        ),
    )
)


@dataclass(frozen=True)
class Classification:
    label: str  # one of LABELS
    rule: str  # which rule decided: "header:<name>", "subject", "text", "none"
    text: str  # the candidate's own words, quoted text removed, bounded
    snippet: str  # the first SNIPPET_CHARS of it, on one line


def reply_text(text: str = "", html: str = "") -> str:
    """Plain text of a mail body: the text part, else the HTML part without tags; control characters removed,
    line ends normalised, bounded to MAX_BODY_CHARS × 4 before quoted text is stripped."""
    body = text or ""
    if not body.strip() and html:
        without_blocks = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", html)
        with_breaks = re.sub(r"(?i)<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", "\n", without_blocks)
        body = html_lib.unescape(strip_tags(with_breaks))
    body = body[: MAX_BODY_CHARS * 4].replace("\r\n", "\n").replace("\r", "\n")
    return "".join(char for char in body if char in "\n\t" or char.isprintable())


def strip_quoted(text: str) -> str:
    """The part of a reply above the quoted original, without "> " lines and mobile signatures."""
    lines = (text or "").split("\n")
    kept: list[str] = []
    for position, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            continue
        if any(pattern.search(line) for pattern in _QUOTE_STARTS):
            break
        # "On Mon, 1 Jan 2024 at 10:00, Li <li@example.com>" then "wrote:" on the next line (a wrapped header).
        following = lines[position + 1] if position + 1 < len(lines) else ""
        if re.match(r"^\s*on\b", line, re.IGNORECASE) and _WROTE_ON_NEXT_LINE.match(following):
            break
        kept.append(line.rstrip())
    result = "\n".join(kept).strip()
    result = re.sub(r"\n{3,}", "\n\n", result)
    return result[:MAX_BODY_CHARS]


def is_auto_reply(headers: dict | None) -> str:
    """The auto-reply header's name when the headers mark the mail as sent by a machine, else ""."""
    lowered = {str(name).lower(): str(value).strip().lower() for name, value in (headers or {}).items()}
    auto_submitted = lowered.get("auto-submitted", "")
    if auto_submitted and auto_submitted != "no":
        return "auto-submitted"
    for name in ("x-autoreply", "x-autorespond", "x-autogenerated"):
        if lowered.get(name, "") not in ("", "no", "false", "0"):
            return name
    if lowered.get("precedence", "") == "auto_reply":
        return "precedence"
    return ""


def classify(text: str, *, subject: str = "", headers: dict | None = None) -> Classification:
    """The reply's label by the module's rules, with the stripped text it was decided on."""
    own_words = strip_quoted(text)
    snippet = " ".join(own_words.split())[:SNIPPET_CHARS]
    header = is_auto_reply(headers)
    if header:
        return Classification(OUT_OF_OFFICE, f"header:{header}", own_words, snippet)
    bare_subject = _REPLY_PREFIX.sub("", subject or "").strip()
    if _AUTO_SUBJECT.match(bare_subject):
        return Classification(OUT_OF_OFFICE, "subject", own_words, snippet)
    # A mailto unsubscribe often has an empty body and the word in the subject; a reply's subject ("Re: …") is
    # ours, so only a subject the candidate wrote is read.
    if bare_subject == (subject or "").strip() and bare_subject:
        for label, pattern in _RULES:
            if label == UNSUBSCRIBE and pattern.search(bare_subject):
                return Classification(UNSUBSCRIBE, "subject", own_words, snippet)
    for label, pattern in _RULES:
        if pattern.search(own_words):
            return Classification(label, "text", own_words, snippet)
    return Classification(OTHER, "none", own_words, snippet)
