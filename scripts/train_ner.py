"""Train the resume entity tagger (``candidates.parsing.ner``) on ResumeNER and export it.

    .venv/bin/python scripts/train_ner.py            # train on train, write the model, score dev once
    .venv/bin/python scripts/train_ner.py --select   # choose settings on a held-out part of train

Reads ``../shared/data/resumener-zh`` beside the repository (override: ``TALENTPOOL_DATA_DIR``). Writes
``candidates/parsing/models/ner-zh.crfsuite`` (the CRFsuite model) and ``ner-zh.npz`` (the same weights
laid out for the numpy decoder the tagger uses). The data itself is never copied into the repository.

Everything is deterministic: CRFsuite's L-BFGS has no randomness, and the held-out split of ``--select``
uses a fixed seed. Settings were chosen with ``--select`` on train only; dev is scored once, at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import random
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from candidates.parsing import ner  # noqa: E402
from candidates.parsing.ner_features import (  # noqa: E402
    DEFAULT_TEMPLATES,
    Featurizer,
    Sentence,
    bmes_spans,
    code_points,
    layout,
    normalise,
    read_bmes,
    resumener_dir,
    score,
)

SEED = 1805  # the held-out split of --select (arXiv:1805.02023)
HELD_OUT_FRACTION = 0.15
EVAL_LABELS = ("NAME", "ORG", "TITLE", "EDU", "PRO")

# Chosen with --select on the held-out part of train (see docs/decisions/0100-ner-model.md).
DEFAULT_PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 150}
# Nationality and ethnicity are never returned; tagging them O frees two label types from the decoder.
DROPPED_LABELS = ("CONT", "RACE")


# ---------------------------------------------------------------------------------------------------------
# Features for CRFsuite
# ---------------------------------------------------------------------------------------------------------


def build_vocab(sentences: Sequence[Sentence]) -> list[int]:
    """Sorted normalised code points of the training text (spaces excluded: they read as commas)."""
    seen = set()
    for sentence in sentences:
        seen.update(normalise(code_points(sentence.text)).tolist())
    seen.discard(0x20)
    return sorted(seen)


def crf_items(featurizer: Featurizer, sentences: Sequence[Sentence]) -> list[list[list[str]]]:
    """CRFsuite attribute names (the feature keys in decimal) of every character of every sentence.

    All sentences are laid out in one array and featurised at once, exactly as the tagger lays out the
    segments of one document, so training and tagging see the same keys.
    """
    text = "".join(s.text for s in sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence.text)))
        at += len(sentence.text)
    keys = featurizer.keys(layout(normalise(code_points(text)), spans)).T.astype(str).tolist()
    items, at = [], 0
    for sentence in sentences:
        items.append(keys[at : at + len(sentence.text)])
        at += len(sentence.text)
    return items


def train_crf(featurizer: Featurizer, sentences: Sequence[Sentence], params: dict, path: Path) -> None:
    """Fit a CRFsuite model (L-BFGS, elastic net) and write it to ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, sentence in zip(crf_items(featurizer, sentences), sentences, strict=True):
        trainer.append(items, list(sentence.tags))
    trainer.set_params({**params, "feature.possible_transitions": True})
    trainer.train(str(path))


# ---------------------------------------------------------------------------------------------------------
# Export for the numpy decoder
# ---------------------------------------------------------------------------------------------------------


def export(crf_path: Path, featurizer: Featurizer, npz_path: Path) -> dict[str, int]:
    """Write the CRFsuite model's weights as arrays for ``ner.CompiledModel``; return size figures.

    Row ``i`` of the weight matrix (``w_rows``/``w_labels``/``w_values``, sparse) belongs to the feature
    key ``keys[i - 1]``; row 0 stays zero, for keys the model never saw.
    """
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    info = tagger.info()
    labels = sorted(info.labels, key=info.labels.get)  # CRFsuite's own label order
    label_index = {label: i for i, label in enumerate(labels)}
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (previous, label), weight in info.transitions.items():
        transitions[label_index[previous], label_index[label]] = weight
    key_row: dict[int, int] = {}
    w_rows, w_labels, w_values = [], [], []
    for (attr, label), weight in sorted(info.state_features.items()):
        if weight == 0.0:
            continue
        w_rows.append(key_row.setdefault(int(attr), len(key_row) + 1))
        w_labels.append(label_index[label])
        w_values.append(weight)
    write_npz(
        npz_path,
        labels=np.array(labels),
        vocab=featurizer.vocab.astype(np.int32),
        templates=np.array(featurizer.templates),
        space_as_comma=np.array(featurizer.space_as_comma),
        transitions=transitions,
        keys=np.fromiter(key_row, dtype=np.int64, count=len(key_row)),
        w_rows=np.array(w_rows, dtype=np.int32),
        w_labels=np.array(w_labels, dtype=np.int8),
        w_values=np.array(w_values, dtype=np.float32),
    )
    return {"attributes": len(key_row), "weights": len(w_values)}


def write_npz(path: Path, **arrays: np.ndarray) -> None:
    """``np.savez_compressed`` with fixed timestamps, so the same model gives the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
            archive.writestr(info, buffer.getvalue())


# ---------------------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------------------


def gold_entities(sentence: Sentence) -> list[tuple[str, int, int, str]]:
    """The sentence's gold ``(label, start, end, text)`` entities."""
    return [(label, s, e, sentence.text[s:e]) for label, s, e in bmes_spans(sentence.tags)]


def evaluate(model: ner.CompiledModel, sentences: Sequence[Sentence], labels=EVAL_LABELS, drop_single=()):
    """Score ``model`` through the public extraction path, one sentence at a time."""
    predicted = []
    for sentence in sentences:
        entities = ner.extract_with(model, sentence.text)
        predicted.append(
            [
                (e.label, e.start, e.end, e.text)
                for e in entities
                if not (e.label in drop_single and e.end - e.start == 1)
            ]
        )
    return score([gold_entities(s) for s in sentences], predicted, labels)


def print_scores(title: str, counts) -> None:
    """Print per-label and micro precision, recall and F1."""
    print(f"\n{title}")
    print(f"{'label':8} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
    for label, c in counts.items():
        print(f"{label:8} {c.precision:7.4f} {c.recall:7.4f} {c.f1:7.4f} {c.gold:6d}")


# ---------------------------------------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------------------------------------


def fit(train: Sequence[Sentence], params: dict, templates: Sequence[str], crf_path: Path, npz_path: Path):
    """Train, export and load one model; return it with its size figures."""
    featurizer = Featurizer(build_vocab(train), templates)
    started = time.perf_counter()
    train_crf(featurizer, train, params, crf_path)
    sizes = export(crf_path, featurizer, npz_path)
    sizes["seconds"] = round(time.perf_counter() - started, 1)
    return ner.CompiledModel.load(npz_path), sizes


def without_labels(sentences: Sequence[Sentence], labels: Sequence[str]) -> list[Sentence]:
    """The sentences with the entities of ``labels`` retagged O."""
    if not labels:
        return list(sentences)
    drop = set(labels)
    return [
        Sentence(s.text, tuple("O" if t.partition("-")[2] in drop else t for t in s.tags)) for s in sentences
    ]


def select(train: Sequence[Sentence]) -> None:
    """Compare settings on a held-out part of train (dev is not looked at)."""
    shuffled = list(train)
    random.Random(SEED).shuffle(shuffled)
    cut = int(len(shuffled) * (1 - HELD_OUT_FRACTION))
    fit_part, held_out = shuffled[:cut], shuffled[cut:]
    spaced = [Sentence(s.text.replace("，", " "), s.tags) for s in held_out]
    full, params = DEFAULT_TEMPLATES, DEFAULT_PARAMS
    lean = tuple(t for t in full if t not in ("u-3", "u+3", "t-2", "t0"))
    candidates = [
        ("chosen", params, full, DROPPED_LABELS),
        ("c2=0.01", {**params, "c2": 0.01}, full, DROPPED_LABELS),
        ("c2=0.3", {**params, "c2": 0.3}, full, DROPPED_LABELS),
        ("c1=0.03", {**params, "c1": 0.03}, full, DROPPED_LABELS),
        ("c1=0.3", {**params, "c1": 0.3}, full, DROPPED_LABELS),
        ("keep CONT/RACE", params, full, ()),
        ("no lexicon", params, tuple(t for t in full if not t.startswith(("lex", "ahead"))), DROPPED_LABELS),
        ("with clause", params, (*full, "clause"), DROPPED_LABELS),
        ("lean window", params, lean, DROPPED_LABELS),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        crf_path, npz_path = Path(tmp) / "m.crfsuite", Path(tmp) / "m.npz"
        for name, params_, templates, dropped in candidates:
            model, sizes = fit(without_labels(fit_part, dropped), params_, templates, crf_path, npz_path)
            f1 = evaluate(model, held_out)["micro"].f1
            f1_no_single = evaluate(model, held_out, drop_single=("ORG", "TITLE"))["micro"].f1
            f1_spaced = evaluate(model, spaced)["micro"].f1
            as_unknown = Featurizer(model.featurizer.vocab, templates, space_as_comma=False)
            f1_spaced_unknown = evaluate(dataclasses.replace(model, featurizer=as_unknown), spaced)[
                "micro"
            ].f1
            megabytes = (crf_path.stat().st_size + npz_path.stat().st_size) / 1e6
            print(
                f"{name:15} held-out micro-F1 {f1:.4f} | without 1-char ORG/TITLE {f1_no_single:.4f} | "
                f"commas as spaces {f1_spaced:.4f} (spaces unknown: {f1_spaced_unknown:.4f}) | "
                f"{sizes} {megabytes:.1f} MB",
                flush=True,
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--select", action="store_true", help="compare settings on held-out train")
    parser.add_argument("--out", type=Path, default=ner.MODEL_DIR, help="model folder")
    args = parser.parse_args(argv)

    data = resumener_dir()
    if not (data / "train.char.bmes").exists():
        print(f"ResumeNER not found in {data} (set TALENTPOOL_DATA_DIR)", file=sys.stderr)
        return 2
    train = read_bmes(data / "train.char.bmes")
    dev = read_bmes(data / "dev.char.bmes")
    print(f"train {len(train)} sentences, dev {len(dev)}; labels {sorted(label_counts(train))}")
    if args.select:
        select(train)
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    crf_path, npz_path = args.out / ner.CRF_PATH.name, args.out / ner.MODEL_PATH.name
    model, sizes = fit(
        without_labels(train, DROPPED_LABELS), DEFAULT_PARAMS, DEFAULT_TEMPLATES, crf_path, npz_path
    )
    print(f"model: {sizes}; {crf_path.stat().st_size / 1e6:.2f} MB + {npz_path.stat().st_size / 1e6:.2f} MB")
    print_scores("dev (NAME, ORG, TITLE, EDU, PRO; micro over these five)", evaluate(model, dev))
    print_scores("dev, LOC too", evaluate(model, dev, labels=(*EVAL_LABELS, "LOC")))
    return 0


def label_counts(sentences: Sequence[Sentence]) -> Counter:
    """Number of entities per label."""
    return Counter(label for s in sentences for label, _s, _e in bmes_spans(s.tags))


if __name__ == "__main__":
    raise SystemExit(main())
