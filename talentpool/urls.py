from csp.decorators import csp_update
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from privacy.urls import public_patterns as privacy_public_patterns
from talentpool.accounts.sso.views import tenant_login
from talentpool.accounts.views import language_set
from talentpool.health import healthz
from talentpool.tenancy.urls import notification_patterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/sso/", include("talentpool.accounts.api.urls")),  # SSO configuration (docs/sso.md)
    path("api/v1/", include("talentpool.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL (no inline script under the CSP); Swagger UI's CSS draws icons
    # from data: URLs, allowed on this page only.
    path(
        "api/docs/",
        csp_update({"img-src": ["data:"]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path("accounts/", include("talentpool.accounts.urls")),
    path("accounts/", include("talentpool.accounts.sso.urls")),  # single sign-on (docs/sso.md)
    path("t/<slug:slug>/login", tenant_login, name="tenant_login"),
    path("scim/v2/", include("talentpool.scim.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("settings/webhooks/", include("webhooks.urls")),
    path("settings/", include("talentpool.tenancy.urls")),
    path("pool/", include("candidates.urls")),
    path("privacy/", include("privacy.urls")),
    path("privacy/", include((privacy_public_patterns, "privacy_public"))),  # the link in every email
    path("sources/", include("connectors.urls")),
    path("notifications/", include((notification_patterns, "notifications"))),
    # /roles/… and /review/… (one namespace, "profiles").
    path("", include("profiles.urls")),
    path("", include("engagement.urls")),
    path("e/", include("engagement.public_urls")),
    path("", include("analytics.urls")),
]

handler404 = "talentpool.views.not_found"
handler500 = "talentpool.views.server_error"
# No route serves MEDIA_ROOT, in any environment: resumes are personal data of one tenant and are served only by
# views that check the tenant and the role (the documents API's download, a hiring manager's shortlist).
