"""API authentication. The tenancy middleware already found the key or the session's tenant; this reads it."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

API_KEY_ERRORS = {
    "invalid_api_key": "Unknown API key.",
    "revoked_api_key": "This API key was revoked.",
    "scim_token": "This is a SCIM token: it works only on /scim/v2/. Use an API key here.",
}
SCIM_TOKEN_MARKER = "tpscim_"  # talentpool.accounts.models.ScimToken; API keys start with tp_<prefix>_


class ApiKeyPrincipal:
    """Who is calling when an integration uses an API key: no person, the key's scopes."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    pk = None
    id = None

    def __init__(self, api_key):
        self.api_key = api_key

    def __str__(self) -> str:
        return f"API key {self.api_key.prefix}"


class AuthenticationFailed(exceptions.AuthenticationFailed):
    def __init__(self, code: str):
        super().__init__(API_KEY_ERRORS[code], code=code)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer tp_<prefix>_<secret>``."""

    def authenticate(self, request):
        django_request = request._request
        error = getattr(django_request, "api_key_error", None)
        authorization = django_request.headers.get("Authorization", "")
        if error and authorization[7:].strip().startswith(SCIM_TOKEN_MARKER):
            error = "scim_token"
        if error:
            raise AuthenticationFailed(error)
        api_key = getattr(django_request, "api_key", None)
        if api_key is None:
            return None
        principal = ApiKeyPrincipal(api_key)
        if not getattr(
            django_request, "api_key_use_recorded", False
        ):  # DRF may authenticate twice per request
            from privacy.audit import record

            record(
                "api_key.used",
                actor=principal,
                target=api_key,
                request=django_request,
                details={"method": django_request.method, "path": django_request.path[:200]},
            )
            django_request.api_key_use_recorded = True
        return principal, api_key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TenantSessionAuthentication(authentication.SessionAuthentication):
    """The dashboard's session, CSRF enforced, in the tenant the session chose."""


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "talentpool.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An API key: tp_<prefix>_<secret>"}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "talentpool.api.authentication.TenantSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
