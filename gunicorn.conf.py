"""gunicorn settings for the web process (read from the working directory: the image's /app, or the checkout).

Only what the command line in the Dockerfile cannot say goes here; flags and GUNICORN_CMD_ARGS still apply.

No ``Server`` banner (issue 13): gunicorn writes ``Server: gunicorn`` in every response and has no setting to
turn it off, so the response's default headers are wrapped once, in the master before it forks, and every
worker inherits the wrapped method. tests/security/test_headers.py starts gunicorn and reads the raw headers.
"""

from gunicorn.http import wsgi as _gunicorn_wsgi

_default_headers = _gunicorn_wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


if getattr(_gunicorn_wsgi.Response.default_headers, "__name__", "") != "_default_headers_without_server":
    _gunicorn_wsgi.Response.default_headers = _default_headers_without_server
