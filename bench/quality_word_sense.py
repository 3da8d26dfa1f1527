"""Word sense in tagging: traps avoided and real senses found on a set of sentences written for the project.

    python -m bench.quality_word_sense

Prints one JSON line per figure on stdout (bench/common.py's format), progress on stderr.

``tests/parsing/fixtures/word_sense.jsonl`` holds English and Chinese sentences, each naming one tag and
whether the sentence uses the word in the tag's sense (``real``: "Developed services in Go") or not
(``trap``: "go back to the client", "worked with data scientists", "带领12名护士的团队"). A trap is avoided
when the public tagging path (``tagging.find_tags``: seed taxonomy + English skill model) does not give the
tag; a real sense is found when it does. Baseline, measured in the same run: the same path with the word-sense
checks off (``tag(text, senses=False)``), which is how tagging worked before them. The sentences were written
by the people who wrote the checks: treat the figures as a regression guard, not as a held-out measurement
(the held-out ones are SkillSpan, bench/quality_skills.py, and ResumeNER, bench/quality_ner.py).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from bench.common import Figure, emit, figure, progress

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "parsing" / "fixtures" / "word_sense.jsonl"


def load(path: Path = FIXTURE) -> list[dict]:
    """The sentences: dicts with lang, tag, sense ("trap" or "real") and text."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(rows: list[dict], tag) -> dict[str, float]:
    """Share of traps avoided and of real senses found, overall and per language."""
    out: dict[str, float] = {}
    for lang in ("all", "en", "zh"):
        chosen = [r for r in rows if lang == "all" or r["lang"] == lang]
        for sense, want in (("trap", False), ("real", True)):
            group = [r for r in chosen if r["sense"] == sense]
            if group:
                right = sum((r["tag"] in {h.tag_key for h in tag(r["text"])}) == want for r in group)
                out[f"{sense}_{lang}"] = right / len(group)
    return out


def run() -> list[dict]:
    """Every figure of this benchmark as bench dicts."""
    from candidates.parsing.tagging import find_tags, seed_matcher

    rows = load()
    matcher = seed_matcher()
    ours = score(rows, find_tags)
    base = score(rows, lambda text: matcher.tag(text, senses=False))
    progress(f"word sense: {len(rows)} sentences; ours {ours}; without the checks {base}")
    baseline = "same tagging path without the word-sense checks"
    figures = []
    for lang in ("all", "en", "zh"):
        suffix = "" if lang == "all" else f"_{lang}"
        figures.append(
            figure(
                f"word_sense_traps_avoided{suffix}",
                ours[f"trap_{lang}"],
                "share of trap sentences",
                base[f"trap_{lang}"],
                baseline,
            )
        )
        figures.append(
            figure(
                f"word_sense_real_found{suffix}",
                ours[f"real_{lang}"],
                "share of real-sense sentences",
                base[f"real_{lang}"],
                baseline,
            )
        )
    return [asdict(f) for f in figures]


def main() -> None:
    for row in run():
        emit(Figure(**row))


if __name__ == "__main__":
    main()
