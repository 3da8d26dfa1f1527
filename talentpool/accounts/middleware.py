from django.http import HttpResponseRedirect
from django.utils import translation


class UserLanguageMiddleware:
    """Activate the logged-in user's saved language; without one, LocaleMiddleware's choice (browser) stands."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class AdminMfaRequiredMiddleware:
    """A tenant that makes admins use MFA (``Tenant.admins_require_mfa``) sends an admin without an authenticator
    app to set one up before anything else: pages redirect to the setup, htmx requests get ``HX-Redirect``, the
    session API answers 403 ``mfa_required``. Sessions that signed in through the tenant's single sign-on are left
    alone (the identity provider does MFA), and so are API keys. After TenantMiddleware (it needs the membership).
    """

    EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/jsi18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return self._to_setup(request)
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        from django.conf import settings

        from talentpool.tenancy.models import Role

        from . import mfa
        from .sso.adapter import SESSION_SSO_TENANT_KEY

        membership = getattr(request, "membership", None)
        if membership is None or membership.role != Role.ADMIN or not membership.tenant.admins_require_mfa:
            return False
        if request.path.startswith((*self.EXEMPT_PREFIXES, settings.STATIC_URL)):
            return False
        if request.session.get(SESSION_SSO_TENANT_KEY) == membership.tenant_id:
            return False
        return not mfa.has_mfa(request.user)

    def _to_setup(self, request):
        from django.http import HttpResponse, JsonResponse
        from django.urls import reverse
        from django.utils.http import urlencode
        from django.utils.translation import gettext as _

        from talentpool.api.errors import error_body

        message = _(
            "Your organization requires administrators to use two-factor authentication: set it up first."
        )
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("mfa_required", message), status=403)
        setup = reverse("accounts:mfa_setup")
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=200)
            response["HX-Redirect"] = setup
            return response
        target = request.get_full_path() if request.method == "GET" else ""
        return HttpResponseRedirect(f"{setup}?{urlencode({'next': target})}" if target else setup)
