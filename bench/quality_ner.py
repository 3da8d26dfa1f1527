"""Resume entity tagger: quality on the ResumeNER dev split and throughput, against a gazetteer.

    python -m bench.quality_ner      # one JSON line per figure on stdout

The baseline, measured in the same run, is a gazetteer of every entity seen in the train split, applied
longest match first (the "simple way" of shared/data/README.md). Both are scored the same way: each dev
sentence's text is the input, and an entity counts when its label and exact span equal a gold one. The
micro figures cover NAME, ORG, TITLE, EDU and PRO, as the README's baseline does (dev has only 2 LOC).

The model goes through the public ``extract_entities``, the path the CLI's ``entities`` takes.
Throughput is CPU time on one core over resume-sized texts (about 1,250 characters: consecutive
ResumeNER sentences, one per line), the median of several passes, so other work on the machine moves it
less than wall time would (it still moves it: compare with the baseline of the same run).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict

import ahocorasick

from bench.common import Figure, emit, figure, p50, progress
from candidates.parsing.ner import extract_entities
from candidates.parsing.ner_features import Sentence, bmes_spans, read_bmes, resumener_dir, score

LABELS = ("NAME", "ORG", "TITLE", "EDU", "PRO")
GAZETTEER_LABELS = (*LABELS, "LOC")
RESUME_CHARS = 1_250  # one page of a Chinese resume
THROUGHPUT_CHARS = 150_000  # text tagged for the throughput figures
MIN_SECONDS = 3.0  # repeat the throughput text until this much CPU time has passed
MIN_PASSES = 5

Entities = list[tuple[str, int, int, str]]


class Gazetteer:
    """Every entity text seen in training, with its most frequent label, matched longest first."""

    def __init__(self, sentences: Sequence[Sentence]):
        labels: dict[str, Counter] = defaultdict(Counter)
        for sentence in sentences:
            for label, start, end in bmes_spans(sentence.tags):
                if label in GAZETTEER_LABELS:
                    labels[sentence.text[start:end]][label] += 1
        self.automaton = ahocorasick.Automaton()
        for text, counts in labels.items():
            self.automaton.add_word(text, (len(text), counts.most_common(1)[0][0]))
        self.automaton.make_automaton()

    def __call__(self, text: str) -> Entities:
        """All matches, taken longest first (then leftmost) while they overlap nothing taken before."""
        matches = [(end + 1 - length, end + 1, label) for end, (length, label) in self.automaton.iter(text)]
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken = bytearray(len(text))
        out = []
        for start, end, label in matches:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                out.append((label, start, end, text[start:end]))
        return sorted(out, key=lambda e: e[1])


def model_entities(text: str) -> Entities:
    """The tagger's entities as ``(label, start, end, text)``."""
    return [(e.label, e.start, e.end, e.text) for e in extract_entities(text)]


def quality(tagger: Callable[[str], Entities], sentences: Sequence[Sentence]):
    """Per-label and micro counts of ``tagger`` on ``sentences``, one sentence per call."""
    gold = [[(label, s, e, sent.text[s:e]) for label, s, e in bmes_spans(sent.tags)] for sent in sentences]
    return score(gold, [tagger(sent.text) for sent in sentences], LABELS)


def resumes(sentences: Sequence[Sentence], total: int) -> list[str]:
    """Resume-sized texts of consecutive sentences, one per line, ``total`` characters in all."""
    texts, lines, size, used = [], [], 0, 0
    for sentence in sentences:
        lines.append(sentence.text)
        size += len(sentence.text) + 1
        if size >= RESUME_CHARS:
            texts.append("\n".join(lines))
            used += size
            lines, size = [], 0
            if used >= total:
                break
    return texts


def chars_per_second(tagger: Callable[[str], object], texts: Sequence[str]) -> float:
    """Characters tagged per second of this process's CPU time (one core): the median of repeated passes
    over ``texts`` (at least ``MIN_PASSES``, and ``MIN_SECONDS`` in all), after one warm-up text."""
    tagger(texts[0])
    chars = sum(len(text) for text in texts)
    rates, spent = [], 0.0
    while len(rates) < MIN_PASSES or spent < MIN_SECONDS:
        started = time.process_time()
        for text in texts:
            tagger(text)
        elapsed = time.process_time() - started
        spent += elapsed
        rates.append(chars / elapsed)
    return p50(rates)


def run() -> list[dict]:
    """Measure the tagger and the gazetteer; return the figures as dicts (the bench's JSON lines)."""
    data = resumener_dir()
    if not (data / "dev.char.bmes").exists():
        progress(f"quality_ner: ResumeNER not found in {data}; set TALENTPOOL_DATA_DIR")
        return []
    train, dev = read_bmes(data / "train.char.bmes"), read_bmes(data / "dev.char.bmes")
    gazetteer = Gazetteer(train)
    progress(f"quality_ner: dev {len(dev)} sentences, gazetteer of {len(gazetteer.automaton)} train entities")
    ours, base = quality(model_entities, dev), quality(gazetteer, dev)
    gaz = "gazetteer of train entities, longest match first"
    figures: list[Figure] = [
        figure("ner_zh_dev_micro_f1", ours["micro"].f1, "F1", base["micro"].f1, gaz),
        figure(
            "ner_zh_dev_micro_precision", ours["micro"].precision, "precision", base["micro"].precision, gaz
        ),
        figure("ner_zh_dev_micro_recall", ours["micro"].recall, "recall", base["micro"].recall, gaz),
    ]
    figures += [
        figure(f"ner_zh_dev_f1_{label}", ours[label].f1, "F1", base[label].f1, gaz) for label in LABELS
    ]

    texts = resumes([*dev, *train], THROUGHPUT_CHARS)
    progress(f"quality_ner: throughput over {len(texts)} resume-sized texts")
    ours_cps, base_cps = chars_per_second(model_entities, texts), chars_per_second(gazetteer, texts)
    figures.append(figure("ner_throughput_chars_per_s", ours_cps, "chars/s", base_cps, gaz))
    figures.append(
        figure(
            "ner_throughput_resumes_per_s",
            ours_cps / RESUME_CHARS,
            "resumes/s",
            base_cps / RESUME_CHARS,
            gaz + f" ({RESUME_CHARS:,}-character resumes, one core)",
        )
    )
    return [asdict(f) for f in figures]


def main() -> int:
    """Print the figures as JSON lines; without the data there are none (like the skipped test)."""
    for values in run():
        emit(Figure(**values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
