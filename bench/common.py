"""Helpers every benchmark shares: Django setup, progress on stderr, timing, and the one-line JSON figures.

stdout carries only results (one JSON object per line) so it can be piped into a file or a CI step;
everything meant for a person goes to stderr. Nothing here logs personal data: messages carry counts,
timings and table names only.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


def setup_django() -> None:
    """Configure Django for a command-line entry point. Safe to call twice (the second call does nothing)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def progress(message: str) -> None:
    """Write one line for the person watching to stderr, prefixed with the program name."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class Stopwatch:
    """``with Stopwatch() as watch: ...`` then ``watch.seconds``; reads a monotonic clock."""

    def __enter__(self) -> Stopwatch:
        self.started = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc_info) -> None:
        self.seconds = time.perf_counter() - self.started


def sample_milliseconds(work: Callable[[], object], *, runs: int, warmup: int = 3) -> list[float]:
    """Run ``work`` ``warmup`` times untimed (caches, plans), then ``runs`` times; return each run's ms."""
    for _ in range(warmup):
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000.0)
    return samples


def p50(samples: list[float]) -> float:
    """Return the median: on these noisy machines it moves far less than the mean."""
    return statistics.median(samples)


@dataclass(frozen=True)
class Figure:
    """One measured figure and its baseline, measured in the same run on the same machine.

    ``ratio`` is value / baseline unless a benchmark documents otherwise; ``baseline_name`` says what the
    baseline did, so a reader of the JSON line alone knows what was compared.
    """

    name: str
    value: float
    unit: str
    baseline: float
    ratio: float
    baseline_name: str


def figure(name: str, value: float, unit: str, baseline: float, baseline_name: str) -> Figure:
    """Build a Figure with ratio = value / baseline (NaN when the baseline is zero), rounded for reading."""
    ratio = value / baseline if baseline else math.nan
    return Figure(name, _round(value), unit, _round(baseline), round(ratio, 3), baseline_name)


def emit(result: Figure) -> None:
    """Print the figure as one JSON line on stdout and flush, so partial runs still leave their lines."""
    print(json.dumps(asdict(result), ensure_ascii=False), flush=True)


def env_int(name: str, default: int) -> int:
    """Return the integer environment variable ``name``, or ``default`` when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _round(value: float) -> float:
    # Three significant decimals are more than the run-to-run noise (±20–50%) can support.
    return round(value, 3) if abs(value) < 100 else round(value, 1)
