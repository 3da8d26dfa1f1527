"""allauth's OpenID Connect and SAML providers, tightened where allauth leaves a check to the site:

- OpenID Connect: a ``nonce`` is sent and kept in the server-side state (checked in the adapter's
  pre_social_login); the ID token's signature is always verified, even when it came over the back channel, with
  asymmetric algorithms only and a bounded clock skew; the discovery document must name the configured issuer.
- SAML: each assertion ID is accepted once (IdP-initiated responses carry no request ID, so a replayed one would
  otherwise pass); python3-saml's clock drift is set from SSO_CLOCK_SKEW_SECONDS.
"""

from __future__ import annotations

import secrets
import time

import requests
from allauth.core.internal.deferred import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest
from onelogin.saml2.constants import OneLogin_Saml2_Constants

ASYMMETRIC_ALGORITHMS = {
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
}

# python3-saml reads this module constant when it checks NotBefore / NotOnOrAfter.
OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT = settings.SSO_CLOCK_SKEW_SECONDS


def _issuer_base(url: str) -> str:
    return url.split("/.well-known/", 1)[0].rstrip("/")


class TenantOIDCAdapter(OpenIDConnectOAuth2Adapter):
    @property
    def openid_config(self):
        config = super().openid_config
        expected = _issuer_base(self.get_provider().app.settings["server_url"])
        if _issuer_base(str(config.get("issuer", ""))) != expected:
            raise OAuth2Error("The discovery document names another issuer")
        return config

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            algorithm, key = self._signing_key(id_token)
            if algorithm not in ASYMMETRIC_ALGORITHMS:
                raise OAuth2Error(f"ID token signed with {algorithm}")
            data = jwt.decode(
                id_token,
                key=key,
                algorithms=[algorithm],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                leeway=settings.SSO_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except (jwt.PyJWTError, KeyError, ValueError, TypeError, requests.RequestException) as exc:
            raise OAuth2Error(f"Invalid id_token: {type(exc).__name__}: {exc}") from exc
        if data["iat"] > time.time() + settings.SSO_CLOCK_SKEW_SECONDS:
            raise OAuth2Error("ID token issued in the future")
        jwtkit.verify_jti(data)
        return data

    def _signing_key(self, id_token: str):
        """The provider's key named by the token's ``kid``; without a kid, the provider's only signing key."""
        header = jwt.get_unverified_header(id_token)
        with get_adapter().get_requests_session() as session:
            response = session.get(self.openid_config["jwks_uri"])
            response.raise_for_status()
            key_set = jwt.PyJWKSet.from_dict(response.json())
        kid = header.get("kid")
        keys = [
            key for key in key_set.keys if (key.key_id == kid if kid else key.public_key_use in (None, "sig"))
        ]
        if len(keys) != 1:
            raise OAuth2Error("No single signing key matches the ID token")
        return header.get("alg"), keys[0].key


class TenantOpenIDConnectProvider(OpenIDConnectProvider):
    def get_oauth2_adapter(self, request: HttpRequest):
        return TenantOIDCAdapter(request, self.app.provider_id)

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        # Extra keyword arguments end up in the state stashed in the session, which the callback pops once.
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )


def oidc_login(request: HttpRequest, provider_id: str):
    try:
        return OAuth2LoginView.adapter_view(TenantOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def oidc_callback(request: HttpRequest, provider_id: str):
    try:
        return OAuth2CallbackView.adapter_view(TenantOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


class TenantSAMLProvider(SAMLProvider):
    def sociallogin_from_response(self, request: HttpRequest, response):
        login = super().sociallogin_from_response(request, response)
        assertion_id = response.get_last_assertion_id() or response.get_last_message_id()
        not_after = response.get_last_assertion_not_on_or_after() or (time.time() + 3600)
        ttl = max(60, int(not_after - time.time()) + settings.SSO_CLOCK_SKEW_SECONDS)
        # The first use of an assertion ID wins; the adapter refuses the login when this is False.
        login.saml_fresh = bool(assertion_id) and cache.add(
            f"sso:saml-assertion:{self.app.client_id}:{assertion_id}", 1, timeout=ttl
        )
        return login
