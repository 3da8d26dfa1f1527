"""API paths answer with or without their trailing slash (issue 17).

Django's CommonMiddleware redirects ``/api/v1/candidates`` to ``…/candidates/``, which a client's POST cannot
follow (and which raises a RuntimeError, a 500, under DEBUG). An API path that only exists with the slash is
served as if it had been sent with it; an unknown path stays a 404 in the API's JSON error shape.
"""

from __future__ import annotations

from django.urls import is_valid_path

API_PREFIX = "/api/"


class ApiTrailingSlashMiddleware:
    """Before CommonMiddleware: add the missing slash to an API path that exists only with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(API_PREFIX) and not path.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            if not is_valid_path(path, urlconf) and is_valid_path(f"{path}/", urlconf):
                request.path_info = f"{path}/"
                request.path = f"{request.path}/"
        return self.get_response(request)
