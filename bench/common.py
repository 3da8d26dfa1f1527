"""Helpers every benchmark shares: Django setup, progress on stderr, timing, and the one-line JSON figures.

stdout carries only results (one JSON object per line) so it can be piped into a file or a CI step;
everything meant for a person goes to stderr. Nothing here logs personal data: messages carry counts,
timings and table names only.
"""

from __future__ import annotations

import json
import math
import os
import queue
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass


def setup_django() -> None:
    """Configure Django for a command-line entry point. Safe to call twice (the second call does nothing).

    DEBUG defaults to off here: with it on, Django records and logs every query, which would add to the ORM
    figures and keep every COPY statement in memory. An explicit DEBUG in the environment still wins.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentpool.settings")
    os.environ.setdefault("DEBUG", "false")
    # The bench loads with COPY and sets indexes aside, which only the tables' owner may do, so it connects as the
    # owner role when there is one; row-level security is forced on every tenant table, so it sees what the
    # application sees.
    if os.environ.get("DATABASE_OWNER_URL"):
        os.environ["DATABASE_URL"] = os.environ["DATABASE_OWNER_URL"]
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
        self.seconds = self.elapsed()

    def elapsed(self) -> float:
        """Return the seconds since the block began (usable inside the block)."""
        return time.perf_counter() - self.started


_DONE = object()


def prefetched(items: Iterable, depth: int = 2) -> Iterator:
    """Yield ``items`` in order while a background thread computes up to ``depth`` of them ahead.

    Lets Python build the next chunk on one core while PostgreSQL works on the last one on the other
    (psycopg2 releases the GIL while it waits for the server). Memory holds at most ``depth`` + 2 items.
    An exception in the producer is re-raised here; stopping early stops the producer.
    """
    ready: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if not _put_unless_stopped(ready, (None, item), stop):
                    return
            _put_unless_stopped(ready, (None, _DONE), stop)
        except BaseException as error:  # handed to the consumer, which re-raises it
            _put_unless_stopped(ready, (error, None), stop)

    worker = threading.Thread(target=produce, name="bench-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            error, item = ready.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        worker.join()


def _put_unless_stopped(ready: queue.Queue, entry: tuple, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            ready.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def sample_interleaved_milliseconds(
    works: dict[str, Callable[[], object]], *, runs: int, warmup: int = 3
) -> dict[str, list[float]]:
    """Time several pieces of work taking turns, run after run; return each one's milliseconds by name.

    On a shared, noisy machine a burst of load then hits all of them alike instead of only one, so the
    ratio between them stays meaningful even when the absolute numbers wander.
    """
    for _ in range(warmup):
        for work in works.values():
            work()
    samples: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            started = time.perf_counter()
            work()
            samples[name].append((time.perf_counter() - started) * 1000.0)
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


def size_label(count: int) -> str:
    """1000000 → "1m", 100000 → "100k": the pool size in a figure's name."""
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}m"
    if count % 1_000 == 0:
        return f"{count // 1_000}k"
    return str(count)


def p95(samples: list[float]) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(samples), 95))


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM): ru_maxrss survives exec and can report the forking
    parent's size."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def env_int(name: str, default: int) -> int:
    """Return the integer environment variable ``name``, or ``default`` when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _round(value: float) -> float:
    # Three significant decimals are more than the run-to-run noise (±20–50%) can support.
    return round(value, 3) if abs(value) < 100 else round(value, 1)
