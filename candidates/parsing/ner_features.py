"""Character features for the resume entity tagger, shared by training (``scripts/train_ner.py``) and tagging.

Every feature is an ``int64`` key computed with numpy over a whole document at once, never a Python string
per character: that is what lets the tagger run at hundreds of thousands of characters per second. The
trainer spells the same keys as decimal strings for CRFsuite; the tagger looks the keys up in a hash table
exported from the trained model. One function computes the keys for both, so they cannot drift apart.

A *layout* is a flat array of normalised code points in which the segments (sentences) to tag are separated
by ``PAD`` runs at least as wide as the widest window, so no window ever sees two segments.

Also here: the BMES data format of the training data (reading it, turning tags into spans) and the
entity-level scoring used by the trainer, the quality bench and the tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PAD = 0  # code point used for the gaps between segments; a real text's NULs are normalised to spaces
GAP = 3  # PAD characters before, between and after segments: the widest window reaches ±3
UNK_ID = 1  # vocabulary id of every character the training data never showed
PAD_ID = 0

# Character classes (one small int per character; shapes are packed 3 bits per class).
CLS_PAD, CLS_CJK, CLS_DIGIT, CLS_LATIN, CLS_PUNCT, CLS_SPACE, CLS_OTHER = range(7)

# Characters that close a clause for the "distance to the next suffix / boundary" features.
BOUNDARY_CHARS = ",。;:、!?()《》“”\"' "

# Small hand-written lexicons of what entities end with (or are). They only give the CRF hints: their
# weights are learned, so a false hit such as 部 in 内部 costs little.
LEXICONS: dict[str, tuple[str, ...]] = {
    "org": tuple(
        "股份有限公司 有限责任公司 有限公司 公司 集团 大学 学院 学校 中学 党校 研究院 研究所 研究中心 科学院 "
        "银行 事务所 医院 委员会 协会 学会 商会 基金会 交易所 证券 中心 分行 支行 办公室 总部 工厂 "
        "厂 局 部 处 厅 署 院 所".split()
    ),
    "title": tuple(
        "董事长 副董事长 董事 监事 总经理 经理 总监 主任 主管 工程师 会计师 经济师 律师 审计师 分析师 设计师 "
        "架构师 教授 讲师 研究员 秘书 主席 委员 总裁 书记 顾问 助理 代表 党员 专家 行长 部长 处长 科长 "
        "局长 厂长 院长 所长 组长 合伙人 负责人 总工 会长 理事 职员".split()
    ),
    "edu": tuple("博士后 博士 硕士 学士 本科 大专 专科 中专 高中 研究生 学历 学位 emba mba 文化程度".split()),
    "pro": ("专业", "系", "学科"),
}
LEXICON_GROUPS = tuple(LEXICONS)


def _lookahead_bucket(distance: np.ndarray) -> np.ndarray:
    """Bucket a distance in characters: 0, 1, 2, 3 → 1..4; 4–5 → 5; 6–8 → 6; 9–15 → 7; further → 8."""
    edges = np.array([1, 2, 3, 4, 6, 9, 16], dtype=np.int64)
    return np.searchsorted(edges, distance, side="right").astype(np.int64) + 1


# ---------------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------------


def code_points(text: str) -> np.ndarray:
    """Return the code points of ``text`` as ``int64``, one per Python character (lone surrogates kept)."""
    raw = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(raw, dtype="<u4").astype(np.int64)


def normalise(cps: np.ndarray) -> np.ndarray:
    """Map code points to the alphabet the model was trained on, one for one (offsets never move).

    Full-width ASCII becomes ASCII, Latin letters lower case, every digit ``0``, and whitespace, control
    and invisible characters a plain space. The training data has full-width punctuation and ASCII
    digits; resumes mix both freely.
    """
    out = cps.copy()
    full = (out >= 0xFF01) & (out <= 0xFF5E)
    out[full] -= 0xFEE0
    upper = (out >= 0x41) & (out <= 0x5A)
    out[upper] += 0x20
    out[(out >= 0x30) & (out <= 0x39)] = 0x30
    space = (
        (out < 0x20)
        | ((out >= 0x7F) & (out <= 0xA0))
        | ((out >= 0x2000) & (out <= 0x200F))
        | (out == 0x3000)
        | (out == 0x2028)
        | (out == 0x2029)
        | (out == 0xFEFF)
        | (out == 0x202F)
        | (out == 0x205F)
        | (out == 0x1680)
    )
    out[space] = 0x20
    return out


def char_classes(norm: np.ndarray) -> np.ndarray:
    """Return the class (``CLS_*``) of every normalised code point."""
    cls = np.full(norm.shape, CLS_OTHER, dtype=np.int64)
    cjk = (
        ((norm >= 0x4E00) & (norm <= 0x9FFF))
        | ((norm >= 0x3400) & (norm <= 0x4DBF))
        | ((norm >= 0xF900) & (norm <= 0xFAFF))
        | ((norm >= 0x20000) & (norm <= 0x3FFFF))
        | (norm == 0x3007)
    )
    cls[cjk] = CLS_CJK
    ascii_punct = (
        ((norm >= 0x21) & (norm <= 0x2F))
        | ((norm >= 0x3A) & (norm <= 0x40))
        | ((norm >= 0x5B) & (norm <= 0x60))
        | ((norm >= 0x7B) & (norm <= 0x7E))
    )
    other_punct = (
        ((norm >= 0x3000) & (norm <= 0x303F) & (norm != 0x3007))
        | ((norm >= 0x2010) & (norm <= 0x206F))
        | ((norm >= 0xFF00) & (norm <= 0xFFEF))
        | ((norm >= 0xA1) & (norm <= 0xBF))
        | (norm == 0xD7)
        | (norm == 0xF7)
        | ((norm >= 0x25A0) & (norm <= 0x27BF))
    )
    cls[ascii_punct | other_punct] = CLS_PUNCT
    cls[norm == 0x30] = CLS_DIGIT
    latin = ((norm >= 0x61) & (norm <= 0x7A)) | (
        (norm >= 0xC0) & (norm <= 0x24F) & (norm != 0xD7) & (norm != 0xF7)
    )
    cls[latin] = CLS_LATIN
    cls[norm == 0x20] = CLS_SPACE
    cls[norm == PAD] = CLS_PAD
    return cls


def is_cjk(text: str) -> bool:
    """Whether ``text`` holds at least one CJK ideograph (the tagger only tags such segments)."""
    return bool(_CJK_RE.search(text))


_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


# ---------------------------------------------------------------------------------------------------------
# Layout: segments separated by PAD gaps
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Normalised code points of several segments laid out with ``GAP`` PADs around each one.

    ``starts[i]`` is where segment ``i`` begins in ``codes``; ``lengths[i]`` its length. ``positions`` lists
    the index in ``codes`` of every real character, segment after segment.
    """

    codes: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray

    @property
    def positions(self) -> np.ndarray:
        """Index in ``codes`` of every real character, segment after segment."""
        if not len(self.lengths):
            return np.zeros(0, dtype=np.int64)
        total = int(self.lengths.sum())
        offsets = np.repeat(self.starts - np.concatenate(([0], np.cumsum(self.lengths)[:-1])), self.lengths)
        return np.arange(total, dtype=np.int64) + offsets


def layout(norm: np.ndarray, spans: Sequence[tuple[int, int]]) -> Layout:
    """Lay the ``spans`` (start, end) of the normalised text ``norm`` out with PAD gaps between them."""
    lengths = np.array([end - start for start, end in spans], dtype=np.int64)
    starts = GAP + np.concatenate(([0], np.cumsum(lengths + GAP)[:-1])) if len(spans) else lengths
    pad = np.zeros(GAP, dtype=np.int64)
    pieces = [pad]
    for start, end in spans:
        pieces.append(norm[start:end])
        pieces.append(pad)
    codes = np.concatenate(pieces)
    return Layout(codes=codes, starts=np.asarray(starts, dtype=np.int64), lengths=lengths)


# ---------------------------------------------------------------------------------------------------------
# Feature keys
# ---------------------------------------------------------------------------------------------------------

# A key packs a template number (bits 48+) with up to three 16-bit values (vocabulary ids, class shapes,
# lexicon codes, buckets). Each template's values stay below 2**48.
_T = TEMPLATE_STRIDE = 1 << 48
_A = 1 << 32
_B = 1 << 16

# Every template the featurizer knows: "u" character unigrams at offsets -3..+3, "b" bigrams and "t"
# trigrams (named by their first character's offset), "shape" the classes of the 5-character window,
# "lex" the lexicon match code at -1/0/+1, "ahead" the distance to the next lexicon match of each group
# within the clause, "clause" the distances to the clause boundaries.
ALL_TEMPLATES = tuple(
    "bias u-3 u-2 u-1 u0 u+1 u+2 u+3 b-2 b-1 b0 b+1 t-2 t-1 t0 shape lex-1 lex0 lex+1 ahead clause".split()
)
# The templates the shipped model uses (chosen on held-out train data, see scripts/train_ner.py).
DEFAULT_TEMPLATES = tuple(t for t in ALL_TEMPLATES if t != "clause")


def _next_at_or_after(marks: np.ndarray, n: int) -> np.ndarray:
    """For every index i, the smallest marked index ≥ i (``n`` when none)."""
    nxt = np.full(n + 1, n, dtype=np.int64)
    nxt[marks] = marks
    return np.minimum.accumulate(nxt[::-1])[::-1][:n]


def _prev_at_or_before(marks: np.ndarray, n: int) -> np.ndarray:
    """For every index i, the largest marked index ≤ i (-1 when none)."""
    prv = np.full(n, -1, dtype=np.int64)
    prv[marks] = marks
    return np.maximum.accumulate(prv)


def _lexicon_automaton():
    """Aho–Corasick automaton of all lexicon words, each mapped to (length, group number 1..)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for number, group in enumerate(LEXICON_GROUPS, start=1):
        for word in LEXICONS[group]:
            automaton.add_word(word, (len(word), number))
    automaton.make_automaton()
    return automaton


class Featurizer:
    """Turns a :class:`Layout` into an ``(n_templates, n_chars)`` array of feature keys.

    ``vocab`` lists the normalised code points the model knows; its i-th entry gets id ``i + 2`` (0 is
    PAD, 1 unknown). ``templates`` names the feature templates (see ``ALL_TEMPLATES``); a model
    records the ones it was trained with, and whether spaces read as commas.
    """

    def __init__(
        self, vocab: Sequence[int], templates: Sequence[str] = DEFAULT_TEMPLATES, space_as_comma: bool = True
    ):
        self.vocab = np.asarray(vocab, dtype=np.int64)
        self.templates = tuple(templates)
        self.space_as_comma = space_as_comma
        unknown = set(self.templates) - set(ALL_TEMPLATES)
        if unknown:
            raise ValueError(f"unknown feature templates: {sorted(unknown)}")
        self._ids = np.full(0x110000, UNK_ID, dtype=np.int64)
        self._ids[self.vocab] = np.arange(2, len(self.vocab) + 2, dtype=np.int64)
        self._ids[PAD] = PAD_ID
        if space_as_comma:
            # The training data has no spaces, but resumes use them to separate fields ("北京大学 本科"):
            # read a space as the comma the model knows as a separator.
            self._ids[0x20] = self._ids[ord(",")]
        self._boundary = np.zeros(0x110000, dtype=bool)
        self._boundary[[ord(c) for c in BOUNDARY_CHARS]] = True
        self._boundary[PAD] = True
        self._automaton = _lexicon_automaton()
        self._needs_lexicon = bool(set(self.templates) & {"lex-1", "lex0", "lex+1", "ahead"})

    def keys(self, lay: Layout) -> np.ndarray:
        """Feature keys of every real character of ``lay``: shape ``(len(templates), n_chars)``.

        A key is the template's value plus ``template number × TEMPLATE_STRIDE``.
        """
        keys = self.values(lay)
        keys += (np.arange(len(self.templates), dtype=np.int64) * _T)[:, None]
        return keys

    def values(self, lay: Layout) -> np.ndarray:
        """Each template's value at every real character of ``lay``: ``(len(templates), n_chars)``."""
        codes = lay.codes
        pos = lay.positions
        ids = self._ids[codes]
        ctx = {"ids": ids, "codes": codes}
        if self._needs_lexicon:
            ctx.update(self._lexicon(codes))
        out = np.empty((len(self.templates), len(pos)), dtype=np.int64)
        for number, name in enumerate(self.templates):
            values = self._values(name, ctx)  # over the whole layout, gathered at ``pos + offset``
            if values.ndim:
                np.take(values, pos + self._offsets[name], out=out[number])
            else:
                out[number] = values
        return out

    # Where each template reads its value, relative to the character: "b-1" is the bigram starting one
    # character to the left, "t-1" the trigram centred on the character.
    _offsets = {
        **{f"u{k:+d}" if k else "u0": k for k in range(-3, 4)},
        **{f"b{k:+d}" if k else "b0": k for k in range(-2, 2)},
        **{f"t{k:+d}" if k else "t0": k for k in range(-2, 1)},
        "shape": -2,
        "lex-1": -1,
        "lex0": 0,
        "lex+1": 1,
        "ahead": 0,
        "clause": 0,
        "bias": 0,
    }

    def value_bound(self, name: str) -> int | None:
        """Exclusive upper bound of template ``name``'s values when it is small enough for a dense
        lookup table; ``None`` for the n-gram templates, whose values must be hashed."""
        if name == "bias":
            return 1
        if name[0] == "u":
            return len(self.vocab) + 2
        if name == "shape":
            return 8**5
        if name.startswith("lex"):
            return (len(LEXICON_GROUPS) + 1) * 4
        if name == "ahead":
            return 16 ** len(LEXICON_GROUPS)
        if name == "clause":
            return 16 * 16
        return None

    def _values(self, name: str, ctx: dict) -> np.ndarray:
        """Values (< 2**48) of template ``name`` at every index of the layout (or a scalar)."""
        ids = ctx["ids"]
        if name == "bias":
            return np.int64(0)
        if name[0] == "u":
            return ids
        if name[0] == "b":
            if "bigrams" not in ctx:
                ctx["bigrams"] = ids[:-1] * _A + ids[1:]
            return ctx["bigrams"]
        if name[0] == "t":
            if "trigrams" not in ctx:
                ctx["trigrams"] = ids[:-2] * _A + ids[1:-1] * _B + ids[2:]
            return ctx["trigrams"]
        if name == "shape":
            cls = char_classes(ctx["codes"])
            return cls[:-4] * 4096 + cls[1:-3] * 512 + cls[2:-2] * 64 + cls[3:-1] * 8 + cls[4:]
        if name.startswith("lex"):
            return ctx["lex"]
        if name == "ahead":
            return ctx["ahead"]
        if name == "clause":
            return self._clause(ctx["codes"])
        raise ValueError(name)

    def _lexicon(self, codes: np.ndarray) -> dict[str, np.ndarray]:
        """Lexicon match code per character and the look-ahead to the next match of each group.

        The code of a character inside a leftmost-longest match is ``group * 4 + position - 1`` (group
        1.., position 1 B, 2 M, 3 E, 4 S); 0 outside matches. The look-ahead packs, 4 bits per group, the
        bucketed distance to the next match of that group that starts before the next clause boundary.
        """
        n = len(codes)
        text = codes.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
        matches = list(self._automaton.iter_long(text))
        lex = np.zeros(n, dtype=np.int64)
        ahead = np.zeros(n, dtype=np.int64)
        if not matches:
            return {"lex": lex, "ahead": ahead}
        found = np.array([(end, length, group) for end, (length, group) in matches], dtype=np.int64)
        ends, lengths, groups = found[:, 0] + 1, found[:, 1], found[:, 2]
        starts = ends - lengths
        # Per character of each match: its index inside the match, then B/M/E/S.
        index = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        length_each = np.repeat(lengths, lengths)
        position = np.where(index == 0, 1, np.where(index == length_each - 1, 3, 2))
        position[length_each == 1] = 4
        lex[np.repeat(starts, lengths) + index] = np.repeat(groups, lengths) * 4 + position - 1
        next_boundary = _next_at_or_after(np.flatnonzero(self._boundary[codes]), n)
        here = np.arange(n)
        for group in range(1, len(LEXICON_GROUPS) + 1):
            nxt = _next_at_or_after(starts[groups == group], n)
            bucket = np.where(nxt < next_boundary, _lookahead_bucket(nxt - here), 0)
            ahead = ahead * 16 + bucket
        return {"lex": lex, "ahead": ahead}

    def _clause(self, codes: np.ndarray) -> np.ndarray:
        """Bucketed distances to the previous and the next clause boundary (punctuation, space, PAD)."""
        n = len(codes)
        marks = np.flatnonzero(self._boundary[codes])
        index = np.arange(n)
        since = np.minimum(index - _prev_at_or_before(marks, n), 12)
        until = np.minimum(_next_at_or_after(marks, n) - index, 12)
        return since * 16 + until


# ---------------------------------------------------------------------------------------------------------
# BMES data and scoring
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence of BMES data: its text and one tag per character."""

    text: str
    tags: tuple[str, ...]


def read_bmes(path: Path) -> list[Sentence]:
    """Read a ``char TAG`` per line file with blank lines between sentences."""
    sentences: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if chars:
                sentences.append(Sentence("".join(chars), tuple(tags)))
                chars, tags = [], []
            continue
        char, tag = line[0], line[1:].strip()
        chars.append(char)
        tags.append(tag)
    if chars:
        sentences.append(Sentence("".join(chars), tuple(tags)))
    return sentences


def bmes_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Turn BMES tags into ``(label, start, end)`` spans, repairing invalid sequences.

    A run of same-label B/M/E/S tags that does not open with B (or close with E) still becomes one
    entity: an M or E after O starts an entity, a B or M not followed by its continuation ends one.
    """
    spans: list[tuple[str, int, int]] = []
    label, start = None, 0
    for i, tag in enumerate(tags):
        prefix, _, name = tag.partition("-")
        if prefix == "O" or not name:
            if label is not None:
                spans.append((label, start, i))
            label = None
            continue
        continues = label == name and prefix in ("M", "E")
        if not continues:
            if label is not None:
                spans.append((label, start, i))
            label, start = name, i
        if prefix in ("E", "S"):
            spans.append((label, start, i + 1))
            label = None
    if label is not None:
        spans.append((label, start, len(tags)))
    return spans


@dataclass
class Counts:
    """True positives, predicted and gold counts of one label."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    gold: Iterable[Iterable[tuple]],
    pred: Iterable[Iterable[tuple]],
    labels: Sequence[str],
) -> dict[str, Counts]:
    """Entity-level counts per label and ``"micro"`` over ``labels``.

    Each sentence's gold and predicted entities are multisets of tuples whose first item is the label,
    e.g. ``(label, start, end, text)``: an entity counts as found when an equal tuple is in the gold of
    the same sentence (exact span and text).
    """
    from collections import Counter

    counts = {label: Counts() for label in labels}
    for gold_ents, pred_ents in zip(gold, pred, strict=True):
        g = Counter(e for e in gold_ents if e[0] in counts)
        p = Counter(e for e in pred_ents if e[0] in counts)
        for entity, n in g.items():
            counts[entity[0]].gold += n
        for entity, n in p.items():
            counts[entity[0]].pred += n
        for key, n in (g & p).items():
            counts[key[0]].tp += n
    micro = Counts()
    for c in counts.values():
        micro.tp += c.tp
        micro.pred += c.pred
        micro.gold += c.gold
    counts["micro"] = micro
    return counts


def resumener_dir() -> Path:
    """Where the ResumeNER splits are: ``$TALENTPOOL_DATA_DIR/resumener-zh`` (or that folder itself when
    it holds the splits), else ``../shared/data/resumener-zh`` beside the repository."""
    override = os.environ.get("TALENTPOOL_DATA_DIR", "").strip()
    if override:
        root = Path(override)
        return root if (root / "train.char.bmes").exists() else root / "resumener-zh"
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "resumener-zh"
