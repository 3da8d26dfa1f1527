"""English skill spans from a linear-chain CRF trained on SkillSpan (``scripts/train_skills.py``).

The model is a python-crfsuite file (``models/skills-en.crfsuite``, BIO over one merged SKILL label). Every
feature depends on one token at one relative position (-2..+2), on one adjacent token pair, or on whether a
position lies inside a taxonomy match. That keeps the emission score of a token a sum of per-token vectors
which are cached by token string, so decoding needs no per-resume feature strings: the weights are read
once from the crfsuite file and Viterbi runs here over three labels. ``CrfSkillTagger.tag_with_crfsuite``
decodes the same features with crfsuite itself (used by the tests to check both agree).

Only Latin-script lines are fed to the model: Chinese text is left to the taxonomy matcher.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .types import Span

MODEL_PATH = Path(__file__).resolve().parent / "models" / "skills-en.crfsuite"
LABELS = ("B", "I", "O")

# Words: letters/digits with inner joiners (Node.js, e-commerce, CI/CD, R&D), an optional leading dot
# (.NET) and trailing + or # (C++, C#). Anything else that is not a space is a one-character token.
_TOKEN = re.compile(
    r"\.?[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f]|[.+#'’\-/&](?=[A-Za-z0-9]))*[+#]*|\S"
)
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_MAX_SEGMENT_TOKENS = 120
_CACHE_LIMIT = 200_000
_PAIR_BASE = 1 << 24


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(token, start, end)`` triples with the model's regex tokeniser."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(token: str) -> str:
    out = []
    for ch in token:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def token_features(token: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """Features of one token on its own, without the position prefix (``w=…``, ``sh=…``, …)."""
    low = token.lower()
    feats = [f"w={low}", f"sh={_shape(token)}"]
    if len(low) > 3:
        feats.append(f"s3={low[-3:]}")
        feats.append(f"p3={low[:3]}")
    if len(low) > 2:
        feats.append(f"s2={low[-2:]}")
    if token[:1].isupper():
        feats.append("cap")
        if token.isupper() and len(token) > 1:
            feats.append("upper")
    if low in vocabulary:
        feats.append("txw")
    return feats


# Which token features are used at which relative position (the rest are dropped).
_CONTEXT_KEEP = {
    -2: ("w=", "cap"),
    -1: ("w=", "sh=", "s3=", "cap", "txw"),
    1: ("w=", "sh=", "s3=", "cap", "txw"),
    2: ("w=", "cap"),
}


def position_features(token: str, offset: int, vocabulary: frozenset[str]) -> list[str]:
    """The token's features as seen from ``offset`` positions away, prefixed with the offset."""
    feats = token_features(token, vocabulary)
    if offset:
        keep = _CONTEXT_KEEP[offset]
        feats = [f for f in feats if f.startswith(keep)]
    return [f"{offset}:{f}" for f in feats]


_BOS = "<s>"
_EOS = "</s>"


def sequence_features(
    tokens: Sequence[str], gazetteer: Sequence[str], vocabulary: frozenset[str]
) -> list[list[str]]:
    """The full feature strings of a token sequence (for training and for crfsuite's own decoder).

    ``gazetteer`` holds "B", "I" or "O" per token: whether the token starts, continues or is outside a
    taxonomy match.
    """
    n = len(tokens)
    padded = [_BOS, _BOS, *tokens, _EOS, _EOS]
    low = [t.lower() for t in padded]
    gz = ["O", "O", *gazetteer, "O", "O"]
    out = []
    for i in range(n):
        j = i + 2
        feats = ["bias"]
        for d in (-2, -1, 0, 1, 2):
            tok = padded[j + d]
            if tok in (_BOS, _EOS):
                feats.append(f"{d}:{tok}")
            else:
                feats.extend(position_features(tok, d, vocabulary))
        feats.append(f"b-1={low[j - 1]}|{low[j]}")
        feats.append(f"b+1={low[j]}|{low[j + 1]}")
        feats.append(f"g0={gz[j]}")
        feats.append(f"g-1={gz[j - 1]}")
        feats.append(f"g+1={gz[j + 1]}")
        out.append(feats)
    return out


def gazetteer_labels(tokens: Sequence[tuple[str, int, int]], spans: Iterable[tuple[int, int]]) -> list[str]:
    """BIO per token for the character spans of taxonomy matches (a token is inside when it overlaps one)."""
    labels = ["O"] * len(tokens)
    spans = sorted(spans)
    if not spans:
        return labels
    k = 0
    for i, (_, start, end) in enumerate(tokens):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] < end:
            inside_previous = i > 0 and labels[i - 1] != "O" and tokens[i - 1][2] > spans[k][0]
            labels[i] = "I" if inside_previous else "B"
    return labels


class CrfSkillTagger:
    """Decode skill spans with the weights of a crfsuite model (see the module docstring)."""

    def __init__(
        self,
        model_path: Path | str = MODEL_PATH,
        vocabulary: frozenset[str] = frozenset(),
        span_bias: float = 0.0,
    ):
        import numpy as np
        import pycrfsuite

        self._np = np
        self.model_path = str(model_path)
        self.vocabulary = vocabulary
        self.span_bias = span_bias
        self._crfsuite = pycrfsuite.Tagger()
        self._crfsuite.open(self.model_path)
        info = self._crfsuite.info()
        index = {label: k for k, label in enumerate(LABELS)}
        weights: dict[str, list[float]] = {}
        for (attribute, label), weight in info.state_features.items():
            weights.setdefault(attribute, [0.0, 0.0, 0.0])[index[label]] += weight
        self._weights = {a: tuple(v) for a, v in weights.items()}
        # adjacent-pair features: the two lowercased words get ids (0: a word in no pair feature) and a pair
        # is found by binary search over sorted integer keys, so decoding needs no Python loop for them
        words: dict[str, int] = {}
        pairs: tuple[dict, dict] = ({}, {})
        for attribute, vec in self._weights.items():
            for k, prefix in enumerate(("b-1=", "b+1=")):
                if attribute.startswith(prefix):
                    left, _, right = attribute[len(prefix) :].partition("|")
                    a = words.setdefault(left, len(words) + 1)
                    b = words.setdefault(right, len(words) + 1)
                    pairs[k][a * _PAIR_BASE + b] = vec
        self._pair_words = words
        self._pair_keys = []
        self._pair_vecs = []
        for k in (0, 1):
            keys = sorted(pairs[k])
            self._pair_keys.append(np.array(keys or [-1], dtype=np.int64))
            self._pair_vecs.append(np.array([pairs[k][key] for key in keys] + [(0.0, 0.0, 0.0)]))
        trans = [[0.0] * 3 for _ in range(3)]
        for (a, b), weight in info.transitions.items():
            trans[index[a]][index[b]] = weight
        self._trans = trans
        bias = self._sum(["bias"])
        self._bias = np.array([bias[0] + span_bias, bias[1] + span_bias, bias[2]])
        gz = {"B": 0, "I": 1, "O": 2}
        self._gz_code = gz
        self._gz = [np.array([self._sum([f"{name}={g}"]) for g in gz]) for name in ("g-1", "g0", "g+1")]
        # per-token score vectors for offsets -2..+2 (15 floats a row), grown as new tokens are seen, and the
        # pair-word id of each row
        self._ids: dict[str, int] = {}
        self._lock = threading.Lock()
        self._table = np.zeros((1024, 15))
        self._word_of_row = np.zeros(1024, dtype=np.int64)
        t_oo = trans[2][2]
        # Viterbi labels a segment all O when every token prefers O by more than this (see spans())
        self._o_margin = 2 * max(0.0, max(max(row) for row in trans) - t_oo)

    def _sum(self, attributes: Iterable[str]) -> tuple[float, float, float]:
        b = i = o = 0.0
        weights = self._weights
        for a in attributes:
            v = weights.get(a)
            if v is not None:
                b += v[0]
                i += v[1]
                o += v[2]
        return (b, i, o)

    def _row(self, token: str) -> tuple[float, ...]:
        """The token's score vectors as seen from offsets -2..+2, flattened (15 floats)."""
        parts: list[float] = []
        for offset in (-2, -1, 0, 1, 2):
            if token in (_BOS, _EOS):
                parts.extend(self._sum([f"{offset}:{token}"]))
            else:
                parts.extend(self._sum(position_features(token, offset, self.vocabulary)))
        return tuple(parts)

    def _id(self, token: str) -> int:
        """Row of ``token`` in the score table, added on first sight (row 0 is never a token's)."""
        row = len(self._ids) + 1
        if row >= len(self._table):
            self._table = self._np.concatenate([self._table, self._np.zeros_like(self._table)])
            self._word_of_row = self._np.concatenate(
                [self._word_of_row, self._np.zeros_like(self._word_of_row)]
            )
        self._table[row] = self._row(token)
        self._word_of_row[row] = self._pair_words.get(token.lower(), 0)
        self._ids[token] = row
        return row

    def batch_emissions(self, segments: Sequence[tuple[Sequence[str], Sequence[str]]]):
        """Scores for B, I, O of every token of every ``(tokens, gazetteer)`` segment, in one array.

        ``gazetteer``: "B", "I" or "O" per token, or the codes 0, 1, 2 for them.
        """
        with self._lock:  # the token table grows in place: one thread at a time
            return self._batch_emissions(segments)

    def _batch_emissions(self, segments: Sequence[tuple[Sequence[str], Sequence[str]]]):
        np = self._np
        padded: list[str] = []
        gaz: list[int] = []
        positions: list[int] = []
        code = self._gz_code
        for tokens, gazetteer in segments:
            padded += (_BOS, _BOS)
            gaz += (2, 2)
            positions.extend(range(len(padded), len(padded) + len(tokens)))
            padded.extend(tokens)
            gaz.extend(
                gazetteer if not gazetteer or isinstance(gazetteer[0], int) else [code[g] for g in gazetteer]
            )
        padded += (_EOS, _EOS)
        gaz += (2, 2)
        ids = self._ids
        if len(ids) + len(padded) > _CACHE_LIMIT:
            ids.clear()
        get = ids.get
        row_ids = [get(t) for t in padded]
        if None in row_ids:
            row_ids = [
                r if r is not None else (get(t) or self._id(t)) for r, t in zip(row_ids, padded, strict=True)
            ]
        rows = np.array(row_ids)
        table = self._table[rows].reshape(len(padded), 5, 3)
        at = np.array(positions)
        scores = (
            table[at - 2, 0]
            + table[at - 1, 1]
            + table[at, 2]
            + table[at + 1, 3]
            + table[at + 2, 4]
            + self._bias
        )
        codes = np.array(gaz)
        scores += self._gz[0][codes[at - 1]] + self._gz[1][codes[at]] + self._gz[2][codes[at + 1]]
        word = self._word_of_row[rows]
        for k, (left, right) in enumerate(((at - 1, at), (at, at + 1))):
            keys = word[left] * _PAIR_BASE + word[right]
            sorted_keys = self._pair_keys[k]
            found = np.searchsorted(sorted_keys, keys)
            found[found >= len(sorted_keys)] = 0
            hit = (sorted_keys[found] == keys) & (word[left] > 0) & (word[right] > 0)
            scores += self._pair_vecs[k][np.where(hit, found, len(self._pair_vecs[k]) - 1)]
        return scores

    def emissions(self, tokens: Sequence[str], gazetteer: Sequence[str]) -> list[tuple[float, float, float]]:
        """Per-token scores for B, I, O: the same sum crfsuite computes from ``sequence_features``."""
        if not tokens:
            return []
        return [tuple(row) for row in self.batch_emissions([(tokens, gazetteer)]).tolist()]

    def viterbi(self, emissions: Sequence[Sequence[float]]) -> list[str]:
        """The best label sequence for ``emissions`` under the model's transition weights."""
        if not len(emissions):
            return []
        t = self._trans
        t00, t01, t02 = t[0]
        t10, t11, t12 = t[1]
        t20, t21, t22 = t[2]
        s0, s1, s2 = emissions[0]
        back = []
        push = back.append
        # ties resolve to the lower label index, as crfsuite does
        for e0, e1, e2 in emissions[1:]:
            a, b, c = s0 + t00, s1 + t10, s2 + t20
            if a >= b:
                n0, p0 = (a, 0) if a >= c else (c, 2)
            else:
                n0, p0 = (b, 1) if b >= c else (c, 2)
            a, b, c = s0 + t01, s1 + t11, s2 + t21
            if a >= b:
                n1, p1 = (a, 0) if a >= c else (c, 2)
            else:
                n1, p1 = (b, 1) if b >= c else (c, 2)
            a, b, c = s0 + t02, s1 + t12, s2 + t22
            if a >= b:
                n2, p2 = (a, 0) if a >= c else (c, 2)
            else:
                n2, p2 = (b, 1) if b >= c else (c, 2)
            push((p0, p1, p2))
            s0, s1, s2 = n0 + e0, n1 + e1, n2 + e2
        best = 0 if s0 >= s1 and s0 >= s2 else (1 if s1 >= s2 else 2)
        path = [best]
        for pointers in reversed(back):
            best = pointers[best]
            path.append(best)
        path.reverse()
        return [LABELS[k] for k in path]

    def tag(self, tokens: Sequence[str], gazetteer: Sequence[str]) -> list[str]:
        """BIO labels for ``tokens`` (fast path)."""
        return self.viterbi(self.emissions(tokens, gazetteer))

    def tag_with_crfsuite(self, tokens: Sequence[str], gazetteer: Sequence[str]) -> list[str]:
        """BIO labels from crfsuite's own decoder over the same features (slow; for checks)."""
        return list(self._crfsuite.tag(sequence_features(tokens, gazetteer, self.vocabulary)))

    def spans(self, text: str, known: Iterable[tuple[int, int]] = ()) -> list[Span]:
        """Skill spans in ``text``; ``known`` are character spans of taxonomy matches (a model feature)."""
        known = sorted(known)
        chunks = []
        base = 0
        k, n_known = 0, len(known)
        finditer = _TOKEN.finditer
        for line in text.split("\n"):
            if _LATIN.search(line) and not _is_mostly_cjk(line):
                tokens = [(m[0], *m.span()) for m in finditer(text, base, base + len(line))]
                # taxonomy-match BIO per token (codes 0, 1, 2): one merge pass over the sorted known spans
                gaz = []
                previous_in = -1
                for _, start, end in tokens:
                    while k < n_known and known[k][1] <= start:
                        k += 1
                    if k < n_known and known[k][0] < end:
                        gaz.append(1 if previous_in == k else 0)
                        previous_in = k
                    else:
                        gaz.append(2)
                        previous_in = -1
                for at in range(0, len(tokens), _MAX_SEGMENT_TOKENS):
                    chunks.append((tokens[at : at + _MAX_SEGMENT_TOKENS], gaz[at : at + _MAX_SEGMENT_TOKENS]))
            base += len(line) + 1
        if not chunks:
            return []
        np = self._np
        scores = self.batch_emissions([([t for t, _, _ in chunk], gaz) for chunk, gaz in chunks])
        # A segment where every token prefers O by more than the largest gain a transition can give over
        # O→O decodes to all O: skip Viterbi there (exchange argument: relabelling a run of B/I as O then
        # gains on every emission and loses nothing on transitions).
        unsure = (scores[:, :2].max(axis=1) + self._o_margin >= scores[:, 2]).astype(np.int64)
        lengths = [len(chunk) for chunk, _ in chunks]
        starts = np.cumsum([0] + lengths[:-1])
        unsure_per_chunk = np.add.reduceat(unsure, starts).tolist()
        rows = scores.tolist()
        out: list[Span] = []
        for (chunk, _), start, length, n_unsure in zip(
            chunks, starts.tolist(), lengths, unsure_per_chunk, strict=True
        ):
            if not n_unsure:
                continue
            labels = self.viterbi(rows[start : start + length])
            if "B" in labels or "I" in labels:
                out.extend(_labels_to_spans(text, chunk, labels))
        return out


def _is_mostly_cjk(line: str) -> bool:
    cjk = len(_CJK.findall(line))
    return cjk > 0 and cjk * 2 >= len(_LATIN.findall(line))


def _labels_to_spans(text: str, tokens: Sequence[tuple[str, int, int]], labels: Sequence[str]) -> list[Span]:
    spans = []
    start = end = None
    for (_, s, e), label in zip(tokens, labels, strict=True):
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append(Span(text[start:end], start, end))
            start, end = s, e
        elif label == "I":
            end = e
        else:
            if start is not None:
                spans.append(Span(text[start:end], start, end))
            start = end = None
    if start is not None:
        spans.append(Span(text[start:end], start, end))
    return spans


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int]]:
    """Token index spans ``[start, end)`` of a BIO sequence (an I without a B starts a span)."""
    spans = []
    start = None
    for i, label in enumerate(labels):
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif label == "O" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(labels)))
    return spans


@lru_cache(maxsize=1)
def default_tagger() -> CrfSkillTagger | None:
    """The shipped model with the seed taxonomy's vocabulary, or None when the model file is missing."""
    if not MODEL_PATH.exists():
        return None
    from .tagging import seed_matcher

    return CrfSkillTagger(MODEL_PATH, vocabulary=seed_matcher().latin_vocabulary, span_bias=_span_bias())


def _span_bias() -> float:
    meta = MODEL_PATH.with_suffix(".json")
    if meta.exists():
        import json

        return float(json.loads(meta.read_text(encoding="utf-8")).get("span_bias", 0.0))
    return 0.0


def extract_skill_spans(text: str, known: Iterable[tuple[int, int]] | None = None) -> list[Span]:
    """English skill spans in ``text`` found by the shipped model ([] when it is not installed).

    ``known``: character spans of taxonomy matches in ``text``; computed with the seed matcher when None.
    """
    tagger = default_tagger()
    if tagger is None:
        return []
    if known is None:
        from .tagging import seed_matcher

        known = [(s, e) for _, s, e in seed_matcher().occurrences(text)]
    return tagger.spans(text, known)
