"""Parse one document in a child process with its own memory and time limit.

A hostile file (a PDF page that inflates to gigabytes, a DOCX with hundreds of MB of XML) must cost at most
one child process, never the worker that runs it: the worker is shared by every tenant, and a worker killed by
the kernel's OOM killer is redelivered by the broker. So the parent (the Celery task) sends the bytes to
a child process, which first caps its own address space (``RLIMIT_AS``) and CPU time,
then extracts and parses, and writes the result back as JSON. The parent kills it at the wall-time limit.
Children are forked from a multiprocessing fork server that has the parsing stack loaded; ``python -m
candidates.parsing.sandbox`` runs the same work in a fresh interpreter (pickle on stdin, JSON on stdout).

Parent → child is a pickle (the parent is trusted); child → parent is JSON, so a child subverted by a file
can at worst send wrong data, never make the parent run code.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass
from multiprocessing import forkserver

from .text import MEMORY_ERROR_MESSAGE, ExtractedText
from .types import EducationEntry, Entity, ExperienceEntry, ParsedResume, Salary, Span, TagHit

DEFAULT_MEMORY_LIMIT_MB = 768
DEFAULT_TIME_LIMIT_SECONDS = 60

TOO_LARGE = "too large to parse in memory"
TOO_SLOW = "took too long to parse"
CRASHED = "the parser stopped unexpectedly on this file"

_WARM_ENV = "TALENTPOOL_PARSE_SANDBOX_WARM"


@dataclass(frozen=True)
class SandboxResult:
    """What the child found: the extracted text and, when extraction succeeded, the parse. ``error`` is set
    (and both are None) when the child was killed, ran out of memory or time, or crashed."""

    extracted: ExtractedText | None
    parsed: ParsedResume | None
    error: str = ""
    seconds: float = 0.0


def parse_in_sandbox(
    data: bytes,
    filename: str = "",
    content_type: str | None = None,
    *,
    matcher=None,
    max_bytes: int,
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB,
    time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS,
    parse: bool = True,
) -> SandboxResult:
    """Extract (and with ``parse`` parse) ``data`` in a child process limited to ``memory_limit_mb`` of
    address space and ``time_limit_seconds`` of wall time. Never raises for bad input: a child that exceeds a
    limit or dies gives a result with ``error``. No database; safe to run twice and from several threads.

    The child is forked from a warm fork server (the parsing modules imported, the NER model loaded), so it
    starts in milliseconds instead of the ~0.9 s a fresh interpreter needs (docs/parsing.md "Limits")."""
    payload = pickle.dumps(
        {
            "data": data,
            "filename": filename,
            "content_type": content_type,
            "max_bytes": max_bytes,
            "matcher": _pickled(matcher),
            "parse": parse,
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_forked_child,
        args=(payload, sender, int(memory_limit_mb), int(time_limit_seconds) + 1),
        daemon=True,
    )
    started = time.monotonic()
    child.start()
    sender.close()
    reply = None
    try:
        timed_out = not receiver.poll(time_limit_seconds)  # true on a reply and when the child died (EOF)
        if not timed_out:
            reply = receiver.recv_bytes()
    except (EOFError, OSError):  # the child died before answering
        reply = None
    finally:
        receiver.close()
    if timed_out:
        child.kill()
    child.join(5)
    seconds = time.monotonic() - started
    if timed_out:
        return SandboxResult(None, None, TOO_SLOW, seconds)
    if reply is not None:
        try:
            return SandboxResult(*_decode(json.loads(reply)), seconds=seconds)
        except (ValueError, TypeError, KeyError):
            return SandboxResult(None, None, CRASHED, seconds)
    return SandboxResult(None, None, _reason(child.exitcode), seconds)


_matcher_lock = threading.Lock()
_matcher_bytes: dict[int, tuple[object, bytes]] = {}


def _pickled(matcher) -> bytes | None:
    """The matcher pickled once per matcher object (a tenant's taxonomy is ~5 MB pickled, ~30 ms each way)."""
    if matcher is None:
        return None
    with _matcher_lock:
        cached = _matcher_bytes.get(id(matcher))
        if cached is None or cached[0] is not matcher:
            if len(_matcher_bytes) >= 16:  # tenants whose matcher changed leave old entries behind
                _matcher_bytes.clear()
            cached = (matcher, pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
            _matcher_bytes[id(matcher)] = cached
        return cached[1]


def _reason(exitcode: int | None) -> str:
    if exitcode in (_EXIT_MEMORY, -signal.SIGSEGV, -signal.SIGABRT, -signal.SIGKILL):
        # a C library that cannot allocate aborts or faults; SIGKILL from outside is most often the OOM killer
        return TOO_LARGE
    if exitcode in (_EXIT_CPU, -signal.SIGXCPU):
        return TOO_SLOW
    return CRASHED


_context_lock = threading.Lock()
_ready_context = None


def _context():
    """The fork server context, started once per process with the parsing stack already warm."""
    global _ready_context
    with _context_lock:
        if _ready_context is None:
            context = multiprocessing.get_context("forkserver")
            # "__main__" first: children then find the main module already imported instead of re-running it
            context.set_forkserver_preload(["__main__", "candidates.parsing.sandbox"])
            os.environ[_WARM_ENV] = "1"  # read by this module when the fork server imports it
            try:
                forkserver.ensure_running()
            finally:
                os.environ.pop(_WARM_ENV, None)
            _ready_context = context
        return _ready_context


def _forked_child(payload: bytes, sender, memory_limit_mb: int, cpu_seconds: int) -> None:
    _limit(memory_limit_mb, cpu_seconds)
    try:
        reply = _work(pickle.loads(payload))
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    if isinstance(reply, int):
        os._exit(reply)
    sender.send_bytes(reply)
    sender.close()


_EXIT_MEMORY = 75
_EXIT_CPU = 76


def _encode(extracted: ExtractedText, parsed: ParsedResume | None) -> dict:
    return {"extracted": asdict(extracted), "parsed": asdict(parsed) if parsed is not None else None}


def _decode(obj: dict) -> tuple[ExtractedText, ParsedResume | None]:
    e = obj["extracted"]
    extracted = ExtractedText(
        text=str(e["text"]),
        kind=str(e["kind"]),
        status=str(e["status"]),
        error=e["error"],
        encoding=e["encoding"],
        pages=e["pages"],
    )
    p = obj["parsed"]
    if p is None:
        return extracted, None
    parsed = ParsedResume(
        language=p["language"],
        name=p["name"],
        emails=list(p["emails"]),
        phones=list(p["phones"]),
        education=[EducationEntry(**entry) for entry in p["education"]],
        experience=[ExperienceEntry(**entry) for entry in p["experience"]],
        years_experience=p["years_experience"],
        salary=Salary(**p["salary"]) if p["salary"] else None,
        tags=[TagHit(**{**hit, "evidence": Span(**hit["evidence"])}) for hit in p["tags"]],
        entities=[Entity(**entity) for entity in p["entities"]],
    )
    return extracted, parsed


def _limit(memory_limit_mb: int, cpu_seconds: int) -> None:
    limit = memory_limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash on a hostile file must not write a core dump


def _work(request: dict) -> bytes | int:
    """The JSON reply, or an exit code when extraction ran out of memory."""
    from .pipeline import parse_text
    from .text import extract_text

    extracted = extract_text(
        request.pop("data"), request["filename"], request["content_type"], max_bytes=request["max_bytes"]
    )
    if extracted.error == MEMORY_ERROR_MESSAGE:
        return _EXIT_MEMORY
    parsed = None
    if extracted.ok and request["parse"]:
        matcher = pickle.loads(request["matcher"]) if request["matcher"] is not None else None
        parsed = parse_text(extracted.text, matcher=matcher)
    return json.dumps(_encode(extracted, parsed), ensure_ascii=False).encode("utf-8")


def _child(memory_limit_mb: int, cpu_seconds: int) -> int:
    """``python -m candidates.parsing.sandbox MB SECONDS``: the same work with a pickle on stdin, JSON out."""
    _limit(memory_limit_mb, cpu_seconds)
    out = os.fdopen(os.dup(1), "wb")
    sys.stdout = sys.stderr  # whatever a library prints must not corrupt the result
    try:
        reply = _work(pickle.load(sys.stdin.buffer))
    except MemoryError:
        return _EXIT_MEMORY
    if isinstance(reply, int):
        return reply
    out.write(reply)
    out.flush()
    return 0


def _warm() -> None:
    """Import the parsing stack and load its models (NER, word sense, the seed taxonomy) in the fork server by
    parsing a sample once, so every child inherits them instead of loading them per document."""
    from .pipeline import parse_text
    from .text import extract_text

    sample = "Jane Doe\njane@example.com\n2019-2023 Engineer, Acme\n张伟 2016-2020 浙江大学 本科 Python"
    parse_text(extract_text(sample.encode("utf-8"), "warm.txt").text)


if os.environ.get(_WARM_ENV) == "1":
    _warm()

if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), int(sys.argv[2])))
