"""Real identity providers started by the tests: the PyPI package oidc-provider-mock (an OpenID provider built on
authlib) served by werkzeug on a free port, with a switch that makes its token endpoint hand out a bad ID token
(tampered, expired, for another audience, with another nonce, unsigned) signed with the provider's own key."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import flask
import jwt
import oidc_provider_mock
import requests
import werkzeug.serving

# Each bad token and what our side must say about it (in the audit entry).
BAD_TOKENS = {
    "tampered": "InvalidSignatureError",
    "expired": "ExpiredSignatureError",
    "audience": "InvalidAudienceError",
    "nonce": "nonce_mismatch",
    "unsigned": "signed with none",
    "issuer": "InvalidIssuerError",
}


@dataclass
class OidcProvider:
    server: werkzeug.serving.BaseWSGIServer
    holder: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.server.server_port}"

    def set_user(self, sub: str, **claims) -> None:
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=10)
        response.raise_for_status()

    def bad_token(self, mode: str | None) -> None:
        self.holder["mode"] = mode

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Approve the sign-in as ``sub`` on the provider's page; returns where it sends the browser back."""
        response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), response.text[:500]
        return response.headers["Location"]


def _rewrite(token: str, mode: str, storage) -> str:
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    if mode == "tampered":
        head, payload, signature = token.split(".")
        forged = dict(claims, email="ceo@" + claims.get("email", "x@x").split("@")[1])
        payload = jwt.utils.base64url_encode(json.dumps(forged).encode()).decode()
        return f"{head}.{payload}.{signature}"
    if mode == "unsigned":
        return jwt.encode(claims, key=None, algorithm="none")
    now = int(time.time())
    changes = {
        "expired": {"exp": now - 3600, "iat": now - 7200},
        "audience": {"aud": "somebody-else"},
        "nonce": {"nonce": "not-the-one-we-sent"},
        "issuer": {"iss": "http://evil.example"},
    }[mode]
    key = storage.jwk.as_pem(is_private=True)
    headers = {"kid": header["kid"]} if header.get("kid") else None
    return jwt.encode({**claims, **changes}, key, algorithm="RS256", headers=headers)


def start_oidc_provider() -> OidcProvider:
    app = oidc_provider_mock.app(require_nonce=True)
    holder: dict = {"mode": None}

    @app.after_request
    def hand_out_bad_tokens(response):
        mode = holder.get("mode")
        if mode and flask.request.path == "/oauth2/token" and response.status_code == 200:
            body = response.get_json()
            body["id_token"] = _rewrite(body["id_token"], mode, flask.g.oidc_provider_mock_storage)
            response.set_data(json.dumps(body))
        return response

    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return OidcProvider(server=server, holder=holder)


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
