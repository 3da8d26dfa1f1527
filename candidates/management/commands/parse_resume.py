"""parse_resume: resumes in, one JSON object per input out (see docs/parsing.md for the fields).

    python manage.py parse_resume a.pdf b.docx      one JSON object per file, in order
    python manage.py parse_resume -                 raw text from stdin
    python manage.py parse_resume --jsonl           lines {"id": ..., "text": ...} in, one line per input out

Without --tenant the repository's seed taxonomy is used and no database is needed.

A file (or stdin text) that is not a resume (no name, email or phone, and not a resume by its content either:
the upload path's rule, ``candidates.parsing.pipeline.is_resume``) is refused: its object carries ``"status":
"not_a_resume"``, the reason in ``"error"`` and the resume signals found, no profile, and the command exits
non-zero. --jsonl lines are texts, not documents (a sentence, a snippet: the evaluation sets are fed that way):
each is parsed, and one the rule would refuse says so in ``"resume_check"`` without losing its parse.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from candidates.parsing.pipeline import is_resume, parse_text, resume_evidence
from candidates.parsing.tagging import seed_matcher
from candidates.parsing.text import extract_text


class Command(BaseCommand):
    help = "Parse resumes into JSON profiles (files, '-' for stdin text, or --jsonl)."
    requires_system_checks: list = []  # works without a database
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files to parse, or - for raw text on stdin")
        parser.add_argument("--jsonl", action="store_true", help='read lines {"id", "text"} from stdin')
        parser.add_argument("--tenant", help="use this tenant's taxonomy (needs the database)")
        parser.add_argument("--pretty", action="store_true", help="indent the JSON")

    def handle(self, *args, **options):
        if not options["jsonl"] and not options["paths"]:
            raise CommandError("Give one or more files, '-' for stdin, or --jsonl.")
        matcher = self._matcher(options.get("tenant"))
        indent = 2 if options["pretty"] else None
        failures = 0
        if options["jsonl"]:
            failures += self._jsonl(matcher)
        for path in options["paths"]:
            try:
                result = self._parse_path(path, matcher)
            except OSError as exc:
                result = {"file": path, "error": f"cannot read: {exc.strerror or exc}"}
            if "error" in result:
                failures += 1
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))
        if failures and not options["jsonl"]:
            raise CommandError(f"{failures} input(s) refused or not parsed; see their 'error'.", returncode=1)

    def _matcher(self, slug):
        if not slug:
            return seed_matcher()
        from candidates.services import tenant_matcher
        from talentpool.tenancy.context import tenant_context
        from talentpool.tenancy.models import Tenant

        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {slug!r}.")
        with tenant_context(tenant):
            return tenant_matcher()

    def _parse_path(self, path: str, matcher) -> dict:
        if path == "-":
            return _resume_json(sys.stdin.read(), matcher)
        data = Path(path).read_bytes()
        extracted = extract_text(data, path, None, max_bytes=settings.MAX_UPLOAD_BYTES)
        if extracted.status != "ok":
            return {"file": path, "status": extracted.status, "error": extracted.error or extracted.status}
        return {"file": path, **_resume_json(extracted.text, matcher)}

    def _jsonl(self, matcher) -> int:
        failures = 0
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                    raise ValueError("expected an object with a string 'text'")
            except ValueError as exc:
                failures += 1
                self.stdout.write(
                    json.dumps(
                        {"id": None, "line": number, "error": f"invalid input line: {exc}"},
                        ensure_ascii=False,
                    )
                )
                continue
            text = item.get("text") or ""
            parsed = parse_text(text, matcher=matcher)
            result = parsed.to_json()
            if not is_resume(text, parsed):
                result["resume_check"] = _refusal(text, parsed)
            self.stdout.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False))
            self.stdout.flush()
        return failures


def _resume_json(text: str, matcher) -> dict:
    """The parsed resume's JSON, or the refusal of a document that is not a resume (the upload path's rule)."""
    parsed = parse_text(text, matcher=matcher)
    return parsed.to_json() if is_resume(text, parsed) else _refusal(text, parsed)


def _refusal(text: str, parsed) -> dict:
    """Why ``text`` is not a resume: the upload path's message and the resume signals that were found."""
    from candidates.services.documents import refusal_message

    return {
        "status": "not_a_resume",
        "error": refusal_message(text),
        "signals": resume_evidence(text, parsed),
    }
