"""Handing stored files to a browser or an integration, after the view has checked the tenant and the role.

Every view that serves a stored file (a resume, an export) ends with ``serve_file``. Nothing else serves
MEDIA_ROOT: no route maps it (talentpool/urls.py), in any environment.

- Normally the file is streamed by Django (a FileResponse, read in chunks).
- With ``FILES_ACCEL_REDIRECT_PREFIX`` set (production behind nginx), the response is empty and carries
  ``X-Accel-Redirect: <prefix>/<storage path>``: nginx sends the file itself from an ``internal`` location that
  no client can request directly (docs/operations.md, "Files"). The view still decided who may have it.

``attachment_disposition`` builds the Content-Disposition header for any download (RFC 6266 / RFC 5987): an
ASCII ``filename`` for old clients and ``filename*`` with the real name in UTF-8, so a Chinese or long name
arrives intact, and nothing in a name (quotes, CR/LF, semicolons) can end the header or add another.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse

# What may stay in the ASCII fallback name: letters, digits and a few harmless signs. Everything else
# (quotes, backslashes, semicolons, control characters, spaces at the ends) becomes "_".
_FALLBACK_UNSAFE = re.compile(r"[^A-Za-z0-9._()\[\] +-]")
# Control characters, path separators and the characters Windows refuses in names, removed from the real name.
_NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
MAX_FILENAME_CHARS = 200


def clean_filename(filename: str, *, default: str = "download") -> str:
    """The name to give the saved file: control characters and path separators removed, at most
    MAX_FILENAME_CHARS characters (the extension kept), ``default`` when nothing is left."""
    name = _NAME_UNSAFE.sub("_", unicodedata.normalize("NFC", str(filename or ""))).strip(" .")
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        extension = extension if dot and len(extension) <= 10 else ""
        name = name[: MAX_FILENAME_CHARS - len(extension) - 1].rstrip(" .") + (
            f".{extension}" if extension else ""
        )
    return name or default


def _ascii_fallback(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = _FALLBACK_UNSAFE.sub("_", decomposed).strip(" ._")
    stem, dot, extension = name.rpartition(".")
    if not re.search(r"[A-Za-z0-9]", fallback):
        # Nothing readable survives (a Chinese name): a neutral name with the real extension.
        extension = extension if dot and extension.isascii() and extension.isalnum() else ""
        fallback = "download" + (f".{extension}" if extension else "")
    return fallback


def attachment_disposition(filename: str, *, default: str = "download", inline: bool = False) -> str:
    """A Content-Disposition value: ``attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>``.

    The ASCII part holds only letters, digits and ``._()[] +-``; the UTF-8 part is percent-encoded, so the
    header is plain ASCII whatever the name holds and a name can never break out of it."""
    name = clean_filename(filename, default=default)
    kind = "inline" if inline else "attachment"
    fallback = _ascii_fallback(name)
    encoded = quote(name, safe="")
    if fallback == name:
        return f'{kind}; filename="{fallback}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def _checked_storage_path(storage_path: str) -> str:
    path = str(storage_path or "")
    normalised = posixpath.normpath(path)
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or normalised != path
        or normalised.startswith("..")
        or any(ord(character) < 0x20 or ord(character) == 0x7F for character in path)
    ):
        raise SuspiciousFileOperation(f"Refusing to serve the stored path {path!r}.")
    return path


def accel_redirect_prefix() -> str:
    """The nginx internal location files are served from, or "" to stream them through Django."""
    return (getattr(settings, "FILES_ACCEL_REDIRECT_PREFIX", "") or "").rstrip("/")


def serve_file(
    request,
    storage_path: str,
    filename: str,
    content_type: str = "application/octet-stream",
    *,
    storage=None,
    inline: bool = False,
) -> HttpResponse:
    """The stored file at ``storage_path`` (a name in ``storage``, default: the default storage) as a download
    called ``filename``. Call it only after checking the tenant and the role: it checks neither.

    With FILES_ACCEL_REDIRECT_PREFIX set, returns an empty response with ``X-Accel-Redirect`` for nginx;
    otherwise streams the file. A missing file is a 404 (never a 500). Raises SuspiciousFileOperation for a
    path that is absolute or climbs out of the storage."""
    storage = storage or default_storage
    path = _checked_storage_path(storage_path)
    prefix = accel_redirect_prefix()
    if prefix:
        if not storage.exists(path):
            raise Http404
        response = HttpResponse(content_type=content_type)
        # nginx decodes the URI: percent-encoding keeps the header ASCII whatever the stored name holds.
        response["X-Accel-Redirect"] = f"{prefix}/{quote(path, safe='/')}"
    else:
        try:
            handle = storage.open(path, "rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
