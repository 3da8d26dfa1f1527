"""Resume entity tagger: NAME, ORG, TITLE, EDU, PRO and LOC spans in Chinese text.

A linear-chain CRF over character features (see ``ner_features``), trained with CRFsuite by
``scripts/train_ner.py`` (``make train``) on the ResumeNER train split; see
docs/decisions/0100-ner-model.md. CRFsuite only trains: the trainer exports the weights to
``models/ner-zh.npz`` and this module decodes with numpy, because feeding CRFsuite's own tagger one Python
string per feature per character ran about 5× slower. ``models/ner-zh.crfsuite`` is the trained model
itself; the tests check that both decode the same.

How a text is tagged:
1. it is cut into segments: lines, then sentences (after 。；！？ and their ASCII forms); a segment longer
   than ``SPLIT_SEGMENT`` characters is cut after a comma, colon or space, and one without any such
   break after ``MAX_SEGMENT`` characters;
2. segments without a CJK ideograph are skipped: the model knows Chinese resumes only and emits noise on
   English, so English text yields no entities (the ``fields`` module reads English resumes);
3. all segments of the text are featurised and decoded at once (Viterbi batched over segments, BMES
   constraints enforced, so every decoded sequence is valid), at most ``CHUNK_CHARS`` characters a batch;
4. spans are mapped back to offsets into the original text, and whitespace, control characters and
   symbols (emoji, bullets) are trimmed from their edges.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .ner_features import TEMPLATE_STRIDE, Featurizer, Layout, code_points, is_cjk, layout, normalise
from .types import Entity

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_PATH = MODEL_DIR / "ner-zh.npz"
CRF_PATH = MODEL_DIR / "ner-zh.crfsuite"

PUBLIC_LABELS = ("NAME", "ORG", "TITLE", "EDU", "PRO", "LOC")
MAX_SEGMENT = 200  # the training sentences are at most 178 characters long
SPLIT_SEGMENT = 60  # longer segments are cut at a clause boundary (chosen on held-out train data)
CHUNK_CHARS = 20_000  # characters decoded in one batch

# Segments: text up to and including a run of sentence-ending punctuation, never across a line break.
_SEGMENT_RE = re.compile(
    r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029。；;！!？?]*[。；;！!？?]+"
    r"|[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029。；;！!？?]+"
)
_BREAK_RE = re.compile(r"[，,、：:\s]+")


# ---------------------------------------------------------------------------------------------------------
# The compiled model
# ---------------------------------------------------------------------------------------------------------

EMPTY = -1  # table_keys value of an empty slot (real keys are never negative)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def table_hash(keys: np.ndarray, shift: np.uint64) -> np.ndarray:
    """Fibonacci hashing of int64 keys to table slots (the top bits of key × 2**64/φ)."""
    return (keys.astype(np.uint64) * _GOLDEN) >> shift


def _shift_for(size: int) -> np.uint64:
    """The shift that maps a 64-bit hash to a slot of a table of ``size`` (a power of two) slots."""
    return np.uint64(64 - size.bit_length() + 1)


def build_table(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Open-addressing (linear probing) hash table of ``keys`` → ``rows``, at most 40% full.

    Built in rounds: every key still homeless tries its next slot; of several keys wanting the same empty
    slot, the first gets it. A key only moves past occupied slots, so a lookup probing from the key's
    hash finds it before it meets an empty slot.
    """
    size = 1 << max(4, int(len(keys) * 2.5).bit_length())
    table_keys = np.full(size, EMPTY, dtype=np.int64)
    table_rows = np.zeros(size, dtype=np.int32)
    slots = table_hash(keys, _shift_for(size)).astype(np.int64)
    pending = np.arange(len(keys))
    probe = 0
    while pending.size:
        slot = (slots[pending] + probe) & (size - 1)
        free = table_keys[slot] == EMPTY
        taken_slots, first = np.unique(slot[free], return_index=True)
        winners = pending[free][first]
        table_keys[taken_slots] = keys[winners]
        table_rows[taken_slots] = rows[winners]
        placed = np.zeros(len(keys), dtype=bool)
        placed[winners] = True
        pending = pending[~placed[pending]]
        probe += 1
    return table_keys, table_rows


# The constrained decoder works on int32: a score is round(score × 2**11) shifted left by ``_SHIFT`` bits,
# and a transition score carries the index of the label it comes from in those low bits. Adding a path
# score (low bits zero) to a transition and taking the maximum over the previous labels then yields the
# best score and, in its low bits, the label it came from: one reduction instead of max + argmax, on
# integers half as wide as int64 (numpy's loops run about twice as fast).
# Range: scores are renormalised every step (best label 0) and emissions clipped to ±_CLIP, so a path
# score stays within a few thousand units; a forbidden label or transition costs _FORBIDDEN units
# (2**29 once packed), far more than any real score difference and far from int32's ±2**31.
_SCALE = float(1 << 11)
_SHIFT = 6  # up to 64 labels
_LOW = (1 << _SHIFT) - 1
_CLIP = 1000.0
_FORBIDDEN = -4096.0


def _packed(scores: np.ndarray) -> np.ndarray:
    """Scores (at most a few thousand in size) as shifted fixed-point int32 (low bits zero)."""
    return np.rint(scores * _SCALE).astype(np.int32) << _SHIFT


@dataclass
class CompiledModel:
    """CRF weights exported for numpy decoding.

    ``weights[i]`` holds one score per label (``labels`` order, CRFsuite's) for the feature key
    ``keys[i - 1]``; row 0 is all zeros, for keys the model never saw. ``transitions[i, j]`` scores label
    ``i`` followed by label ``j``. Templates with small values (unigrams, shapes, lexicon codes) get dense
    tables of weights indexed by value; the n-gram keys go into an open-addressing hash table.
    """

    featurizer: Featurizer
    labels: tuple[str, ...]
    keys: np.ndarray
    weights: np.ndarray
    transitions: np.ndarray

    def __post_init__(self) -> None:
        if len(self.labels) > _LOW + 1:
            raise ValueError(f"at most {_LOW + 1} labels: {len(self.labels)}")
        numbers = self.keys // TEMPLATE_STRIDE
        rows = np.arange(1, len(self.keys) + 1, dtype=np.int32)
        self._dense_weights = {}
        self._hashed = []
        for number, name in enumerate(self.featurizer.templates):
            bound = self.featurizer.value_bound(name)
            if bound is None:
                self._hashed.append(number)
                continue
            table = np.zeros(bound, dtype=np.int32)
            mine = numbers == number
            table[self.keys[mine] % TEMPLATE_STRIDE] = rows[mine]
            self._dense_weights[number] = self.weights[table]
        hashed = np.isin(numbers, self._hashed)
        self.table_keys, self.table_rows = build_table(self.keys[hashed], rows[hashed])
        self._mask = np.uint64(len(self.table_keys) - 1)
        self._shift = _shift_for(len(self.table_keys))
        prefixes = [label.partition("-")[0] for label in self.labels]
        self._types = [label.partition("-")[2] for label in self.labels]
        self._is_start = np.array([p in ("B", "S") for p in prefixes])
        self._is_end = np.array([p in ("E", "S") for p in prefixes])
        allowed = np.array([[_allowed(a, b) for b in self.labels] for a in self.labels])
        packed = _packed(np.where(allowed, self.transitions, _FORBIDDEN))
        packed |= np.arange(len(self.labels), dtype=np.int32)[:, None]
        self._step = _PackedStep(packed)
        self._first = _packed(np.where([p in ("M", "E") for p in prefixes], _FORBIDDEN, 0.0))
        self._last = _packed(np.where([p in ("B", "M") for p in prefixes], _FORBIDDEN, 0.0))

    @classmethod
    def load(cls, path: Path) -> CompiledModel:
        """Read a model written by ``scripts/train_ner.py``."""
        with np.load(path, allow_pickle=False) as data:
            labels = tuple(str(x) for x in data["labels"])
            keys = data["keys"].astype(np.int64)
            weights = np.zeros((len(keys) + 1, len(labels)), dtype=np.float32)
            weights[data["w_rows"], data["w_labels"]] = data["w_values"]
            featurizer = Featurizer(
                data["vocab"].astype(np.int64),
                tuple(str(x) for x in data["templates"]),
                space_as_comma=bool(data["space_as_comma"]),
            )
            return cls(
                featurizer=featurizer,
                labels=labels,
                keys=keys,
                weights=weights,
                transitions=data["transitions"].astype(np.float32),
            )

    def _hashed_rows(self, keys: np.ndarray) -> np.ndarray:
        """Rows of ``keys`` looked up in the open-addressing hash table."""
        flat = keys.ravel()
        slots = table_hash(flat, self._shift)
        stored = self.table_keys[slots]
        rows = np.where(stored == flat, self.table_rows[slots], 0)
        # Linear probing: only keys that met another key in their first slot look further.
        pending = np.flatnonzero((stored != flat) & (stored != EMPTY))
        probe = np.uint64(1)
        while pending.size:
            slot = (slots[pending] + probe) & self._mask
            stored = self.table_keys[slot]
            hit = stored == flat[pending]
            rows[pending[hit]] = self.table_rows[slot[hit]]
            pending = pending[~hit & (stored != EMPTY)]
            probe += np.uint64(1)
        return rows.reshape(keys.shape)

    def emissions(self, lay: Layout) -> np.ndarray:
        """Per-character float32 label scores, ``(n_chars, n_labels)``, segment after segment.

        Templates with small values (unigrams, shapes, lexicon codes) index a table of weights by value
        directly; only the n-gram templates go through the hash table.
        """
        values = self.featurizer.values(lay)
        scores = None
        for number, table in self._dense_weights.items():
            part = table.take(values[number], axis=0)
            scores = part if scores is None else np.add(scores, part, out=scores)
        if self._hashed:
            keys = values[self._hashed] + (np.array(self._hashed, dtype=np.int64) * TEMPLATE_STRIDE)[:, None]
            for rows in self._hashed_rows(keys):
                part = self.weights.take(rows, axis=0)
                scores = part if scores is None else np.add(scores, part, out=scores)
        return scores

    def decode(self, lay: Layout) -> np.ndarray:
        """Best label index per real character of ``lay``, BMES constraints enforced."""
        scores = _packed(np.clip(self.emissions(lay), -_CLIP, _CLIP))
        return batched_viterbi(scores, lay.lengths, self._step, self._first, self._last)

    def decode_unconstrained(self, lay: Layout) -> np.ndarray:
        """Best label index per character exactly as CRFsuite decodes: float scores, no constraints."""
        zeros = np.zeros(len(self.labels), dtype=np.float32)
        step = _FloatStep(self.transitions)
        return batched_viterbi(self.emissions(lay), lay.lengths, step, zeros, zeros)

    def spans(self, label_ids: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Types, starts and ends of the entities of a valid (constrained) label sequence, in order."""
        starts = np.flatnonzero(self._is_start[label_ids])
        ends = np.flatnonzero(self._is_end[label_ids]) + 1
        types = self._types
        return [types[i] for i in label_ids[starts].tolist()], starts, ends


def _allowed(previous: str, label: str) -> bool:
    """Whether BMES allows ``label`` right after ``previous``."""
    p_prefix, _, p_name = previous.partition("-")
    prefix, _, name = label.partition("-")
    if prefix in ("M", "E"):
        return p_prefix in ("B", "M") and p_name == name
    return p_prefix not in ("B", "M")


class _PackedStep:
    """One Viterbi step on packed integer scores: each label's best score and origin in one reduction.

    Forbidden transitions carry a score of ``_FORBIDDEN``, so no separate bookkeeping of the BMES rules is
    needed. (Following only the allowed pairs, about a quarter of them, measured no faster: with batches
    of a few dozen segments, numpy's per-call cost outweighs the arithmetic saved.)
    """

    def __init__(self, packed_transitions: np.ndarray):
        self.transitions = packed_transitions[:, :, None]  # (previous, next, 1)

    def __call__(self, delta: np.ndarray, emit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        best = (self.transitions + delta[:, None, :]).max(axis=0)
        back = best & _LOW
        best &= ~_LOW
        best += emit
        best -= best.max(axis=0)  # keep every segment's best path at 0: int32 cannot hold long sums
        return best, back


class _FloatStep:
    """One Viterbi step over float scores, every label pair allowed (CRFsuite's own decoding)."""

    def __init__(self, transitions: np.ndarray):
        self.transitions = transitions[:, :, None]

    def __call__(self, delta: np.ndarray, emit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        candidates = self.transitions + delta[:, None, :]
        return candidates.max(axis=0) + emit, candidates.argmax(axis=0)


def batched_viterbi(
    scores: np.ndarray, lengths: np.ndarray, step, first: np.ndarray, last: np.ndarray
) -> np.ndarray:
    """Best label sequence of every segment, batched over segments.

    ``scores`` stacks the segments' emission rows (lengths ``lengths``). The segments are sorted by
    length, longest first, so at step t the ones still running are a prefix of the batch: the loop runs
    max(lengths) times whatever the number of segments. Arrays are label-major, ``(labels, segments)``, so
    numpy's inner loops run along the batch. ``step(delta, emissions)`` returns the next scores and back
    pointers; ``first``/``last`` add to the scores of the first/last label.
    """
    out = np.zeros(len(scores), dtype=np.int64)
    if not len(lengths) or not len(scores):
        return out
    order = np.argsort(-lengths, kind="stable")
    lens = lengths[order]
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))[order]
    steps, n_labels, batch_size = int(lens[0]), scores.shape[1], len(lens)
    time = np.arange(steps)
    running = (lens[None, :] > time[:, None]).sum(axis=1).tolist()  # segments still running at each step
    index = np.minimum(offsets[None, :] + time[:, None], len(scores) - 1)
    batch = np.ascontiguousarray(scores[index].transpose(0, 2, 1))  # (steps, labels, segments)
    backs = [None]  # backs[t][label, segment]: the label at t - 1 on the best path to label at t
    final = np.empty((n_labels, batch_size), dtype=scores.dtype)
    delta = batch[0] + first[:, None]
    for t in range(1, steps):
        k, k_before = running[t], running[t - 1]
        if k < k_before:
            final[:, k:k_before] = delta[:, k:k_before]
            delta = delta[:, :k]
        delta, back = step(delta, batch[t, :, :k])
        backs.append(back)
    final[:, : running[steps - 1]] = delta
    best_last = (final + last[:, None]).argmax(axis=0)
    labels = np.zeros((steps, batch_size), dtype=np.int64)
    state = np.zeros(batch_size, dtype=np.int64)
    lanes = np.arange(batch_size)
    for t in range(steps - 1, -1, -1):
        k = running[t]
        k_after = running[t + 1] if t + 1 < steps else 0
        if k_after < k:
            state[k_after:k] = best_last[k_after:k]  # segments whose last character is at t
        if k_after:
            state[:k_after] = backs[t + 1][state[:k_after], lanes[:k_after]]
        labels[t, :k] = state[:k]
    valid = time[:, None] < lens[None, :]
    out[index[valid]] = labels[valid]
    return out


# ---------------------------------------------------------------------------------------------------------
# Loading once per process
# ---------------------------------------------------------------------------------------------------------

_model: CompiledModel | None = None
_lock = threading.Lock()


def get_model() -> CompiledModel:
    """The process's model, loaded on first use (double-checked under a lock, so threads load it once)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                if not MODEL_PATH.exists():
                    raise FileNotFoundError(f"NER model missing: {MODEL_PATH}; build it with `make train`")
                _model = CompiledModel.load(MODEL_PATH)
    return _model


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def segments(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the segments of ``text`` worth tagging: trimmed, with a CJK ideograph, short."""
    out: list[tuple[int, int]] = []
    for match in _SEGMENT_RE.finditer(text):
        start, end = _trim(text, *match.span())
        if start < end and is_cjk(text[start:end]):
            out.extend(_split_long(text, start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start``/``end`` inwards past whitespace and control characters."""
    while start < end and (text[start].isspace() or not text[start].isprintable()):
        start += 1
    while end > start and (text[end - 1].isspace() or not text[end - 1].isprintable()):
        end -= 1
    return start, end


def _trim_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """Like ``_trim``, and also past symbols (emoji, bullets, arrows): no entity starts or ends with one."""
    while start < end and _is_edge_noise(text[start]):
        start += 1
    while end > start and _is_edge_noise(text[end - 1]):
        end -= 1
    return start, end


def _is_edge_noise(char: str) -> bool:
    """Whitespace, control/format/unassigned characters and symbols (Unicode categories Z*, C*, S*)."""
    return unicodedata.category(char)[0] in "ZCS"


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a long segment after commas or spaces into pieces of about ``SPLIT_SEGMENT`` characters.

    The decoder's loop runs once per character of the longest segment of a text, so long sentences are
    cut at a clause boundary, where the label is O anyway. A piece without any such boundary is cut hard
    at ``MAX_SEGMENT`` characters.
    """
    pieces = []
    while end - start > SPLIT_SEGMENT:
        cut = _last_break(text, start + SPLIT_SEGMENT // 2, start + SPLIT_SEGMENT)
        if cut < 0:
            cut = _first_break(text, start + SPLIT_SEGMENT, min(end, start + MAX_SEGMENT))
        if cut < 0:
            if end - start <= MAX_SEGMENT:
                break
            cut = start + MAX_SEGMENT
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return [p for p in (_trim(text, s, e) for s, e in pieces) if p[0] < p[1]]


def _last_break(text: str, lo: int, hi: int) -> int:
    """Index just after the last clause boundary in ``text[lo:hi]``, or -1."""
    last = -1
    for match in _BREAK_RE.finditer(text, lo, hi):
        last = match.end()
    return last


def _first_break(text: str, lo: int, hi: int) -> int:
    """Index just after the first clause boundary in ``text[lo:hi]``, or -1."""
    match = _BREAK_RE.search(text, lo, hi)
    return match.end() if match else -1


def _chunks(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group consecutive spans into batches of at most ``CHUNK_CHARS`` characters, so a huge text is
    decoded in bounded memory (the batched Viterbi holds steps × segments × labels scores)."""
    chunks, current, size = [], [], 0
    for span in spans:
        length = span[1] - span[0]
        if current and size + length > CHUNK_CHARS:
            chunks.append(current)
            current, size = [], 0
        current.append(span)
        size += length
    if current:
        chunks.append(current)
    return chunks


def tag_spans(
    text: str, spans: list[tuple[int, int]], model: CompiledModel | None = None, constrained: bool = True
) -> list[list[str]]:
    """BMES tag names for every character of each ``(start, end)`` span of ``text`` (for evaluation).

    ``constrained=False`` decodes exactly as CRFsuite's own tagger does (the tests compare the two).
    """
    model = model or get_model()
    norm = normalise(code_points(text))
    out = []
    for chunk in _chunks(spans):
        lay = layout(norm, chunk)
        if constrained:
            names = [model.labels[i] for i in model.decode(lay).tolist()]
        else:
            names = [model.labels[i] for i in model.decode_unconstrained(lay).tolist()]
        at = 0
        for length in lay.lengths.tolist():
            out.append(names[at : at + length])
            at += length
    return out


def extract_with(model: CompiledModel, text: str) -> list[Entity]:
    """``extract_entities`` with an explicit model (the trainer scores models it has just built)."""
    if not text or not is_cjk(text):
        return []
    spans = segments(text)
    if not spans:
        return []
    norm = normalise(code_points(text))
    entities = []
    for chunk in _chunks(spans):
        lay = layout(norm, chunk)
        # Index in ``text`` of every tagged character: segments are contiguous slices of it.
        bounds = np.array(chunk, dtype=np.int64)
        origin = np.arange(int(lay.lengths.sum())) + np.repeat(
            bounds[:, 0] - (np.cumsum(lay.lengths) - lay.lengths), lay.lengths
        )
        types, firsts, stops = model.spans(model.decode(lay))
        starts, ends = origin[firsts].tolist(), (origin[stops - 1] + 1).tolist()
        for label, start, end in zip(types, starts, ends, strict=True):
            if label not in PUBLIC_LABELS:
                continue
            if _is_edge_noise(text[start]) or _is_edge_noise(text[end - 1]):
                start, end = _trim_entity(text, start, end)
                if start >= end:
                    continue
            entities.append(Entity(label, text[start:end], start, end))
    return entities


def extract_entities(text: str) -> list[Entity]:
    """Entities (NAME, ORG, TITLE, EDU, PRO, LOC) of ``text``, ordered by offset.

    Offsets are character offsets into ``text``: ``text[e.start:e.end] == e.text``. Text without CJK
    ideographs yields no entities. The model is loaded on the first call.
    """
    if not text or not is_cjk(text):
        return []
    return extract_with(get_model(), text)


__all__ = ["CompiledModel", "extract_entities", "extract_with", "get_model", "segments", "tag_spans"]
