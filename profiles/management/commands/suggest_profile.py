"""suggest_profile: job descriptions in, one suggested role profile (JSON) per JD out.

    python manage.py suggest_profile --jsonl < jds.jsonl          lines {"id", "text"[, "title"]} on stdin
    python manage.py suggest_profile --jsonl a.jsonl b.jsonl      the same, read from files
    python manage.py suggest_profile jd.txt jd.docx               one JD per file (id = the path)
    python manage.py suggest_profile -                            one JD as raw text on stdin

Each output line is ``{"id", "title", "requirements": [{"tag": {"name", "category"}, "group", "weight",
"must_have", "synonyms"}], "min_years", "education", "salary", "language", "message"}`` (docs/parsing.md,
"Role profile suggestions"). A bad input (not JSON, no "text", too long, unreadable file) gives
``{"id", "error"}`` on stdout and a message on stderr; the others go on, and the exit status is 1 at the end.
Without --tenant the repository's seed taxonomy is used and no database is needed.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles.suggest import MAX_JD_CHARS, JDError, suggest_from_jd


class Command(BaseCommand):
    help = "Suggest role profiles (title, weighted requirements, minimum years, education, salary) from JDs."
    requires_system_checks: list = []  # works without a database
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="with --jsonl: JSONL files; else JD files (txt, pdf, docx…), or - for stdin text",
        )
        parser.add_argument(
            "--jsonl", action="store_true", help='read lines {"id", "text"} (stdin unless files are given)'
        )
        parser.add_argument("--tenant", help="use this tenant's taxonomy (needs the database)")
        parser.add_argument("--pretty", action="store_true", help="indent the JSON")

    def handle(self, *args, **options):
        self.stdin = options.get("stdin") or sys.stdin
        self.indent = 2 if options["pretty"] else None
        self.failures = self.done = 0
        self.matcher, self.vocabulary = self._taxonomy(options.get("tenant"))
        paths = options["paths"]
        if options["jsonl"] or not paths:
            for path in paths or ["-"]:
                self._jsonl(path)
        else:
            for path in paths:
                self._jd_file(path)
        if self.failures:
            raise CommandError(
                f"{self.failures} of {self.done} input(s) failed; see their 'error'.", returncode=1
            )

    # -- inputs ----------------------------------------------------------------------------------------------

    def _lines(self, path: str):
        if path == "-":
            stream = self.stdin
            if not hasattr(stream, "buffer"):
                yield from stream
                return
            # read the bytes as UTF-8 whatever the locale says; detach so stdin itself is not closed
            wrapper = io.TextIOWrapper(stream.buffer, encoding="utf-8", errors="replace")
            try:
                yield from wrapper
            finally:
                wrapper.detach()
            return
        with open(path, encoding="utf-8", errors="replace") as handle:
            yield from handle

    def _jsonl(self, path: str) -> None:
        try:
            for number, line in enumerate(self._lines(path), start=1):
                if not line.strip():
                    continue
                where = f"line {number}" if path == "-" else f"{path}:{number}"
                try:
                    item = json.loads(line)
                except ValueError as exc:
                    self._fail(None, f"{where}: not valid JSON ({exc.msg})")
                    continue
                if not isinstance(item, dict):
                    self._fail(None, f"{where}: expected an object with 'id' and 'text'")
                    continue
                key = item.get("id")
                text = item.get("text")
                if text is None:
                    self._fail(key, f"{where}: missing 'text'")
                    continue
                if not isinstance(text, str):
                    self._fail(key, f"{where}: 'text' must be a string")
                    continue
                title = item.get("title") if isinstance(item.get("title"), str) else ""
                self._suggest(key, text, title, where)
        except OSError as exc:
            self._fail(path, f"cannot read {path}: {exc.strerror or exc}")

    def _jd_file(self, path: str) -> None:
        if path == "-":
            self._suggest("-", "".join(self._lines("-")), "", "stdin")
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self._fail(path, f"cannot read {path}: {exc.strerror or exc}")
            return
        from candidates.parsing.text import extract_text

        extracted = extract_text(
            data, path, None, max_bytes=getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
        )
        if extracted.status not in ("ok", "empty"):
            self._fail(path, f"{path}: {extracted.error or extracted.status}")
            return
        self._suggest(path, extracted.text or "", "", path)

    # -- outputs ---------------------------------------------------------------------------------------------

    def _suggest(self, key, text: str, title: str, where: str) -> None:
        if len(text) > MAX_JD_CHARS:  # checked here too, so a huge line is refused before any work
            self._fail(key, f"{where}: too long ({len(text):,} characters, at most {MAX_JD_CHARS:,})")
            return
        try:
            suggestion = suggest_from_jd(text, matcher=self.matcher, title=title, vocabulary=self.vocabulary)
        except JDError as exc:
            self._fail(key, f"{where}: {exc}")
            return
        self.done += 1
        self._write({"id": key, **suggestion.as_json()})

    def _fail(self, key, message: str) -> None:
        self.done += 1
        self.failures += 1
        self.stderr.write(message)
        self._write({"id": key, "error": message})

    def _write(self, obj: dict) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False, indent=self.indent))
        self.stdout.flush()

    # -- taxonomy --------------------------------------------------------------------------------------------

    def _taxonomy(self, slug):
        if not slug:
            return None, None  # the seed matcher, built once by profiles.suggest
        from profiles.services import tenant_taxonomy
        from talentpool.tenancy.context import tenant_context
        from talentpool.tenancy.models import Tenant

        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {slug!r}.")
        with tenant_context(tenant):
            return tenant_taxonomy()
