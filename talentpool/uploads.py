"""Upload limits: a request body over the limit is refused with 413 before it is read, and a file over the
per-file limit stops the upload as soon as it crosses it."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import JsonResponse
from rest_framework.exceptions import APIException

from talentpool.api.errors import error_body


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = "The upload is larger than allowed."


class RequestSizeLimitMiddleware:
    """413 for a declared Content-Length over MAX_REQUEST_BYTES, before Django reads any of the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit_mb = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return JsonResponse(
                error_body("too_large", f"The request is larger than {limit_mb} MB."), status=413
            )
        return self.get_response(request)


class FileSizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an uploaded file once it passes MAX_UPLOAD_BYTES and marks the request."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_limit(self.request):
            self.request.upload_too_large = self.file_name
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_limit(request) -> int:
    """Bytes one uploaded file may have: spreadsheets for imports may be larger than resumes."""
    if "/imports" in request.path:
        return max(settings.MAX_UPLOAD_BYTES, settings.MAX_IMPORT_BYTES)
    return settings.MAX_UPLOAD_BYTES


def refuse_oversized_upload(request) -> None:
    """Raise 413 when a file of this request crossed the per-file limit (call before using request.FILES)."""
    request.data  # noqa: B018 - parsing the body runs the upload handlers
    name = getattr(request._request, "upload_too_large", None)
    if name:
        limit_mb = upload_limit(request._request) // (1024 * 1024)
        raise PayloadTooLarge(f"{name} is larger than {limit_mb} MB.")
