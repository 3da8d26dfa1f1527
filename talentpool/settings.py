"""Settings from environment variables, with safe development defaults.

DJANGO_ENV selects the profile: ``development`` (default), ``test`` or ``production``. Production refuses
to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, naming the missing variable. docs/operations.md
lists every variable.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test" or "pytest" in sys.modules


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value is None else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def required_in_production(name: str, development_default: str) -> str:
    value = env(name)
    if value is None:
        if PRODUCTION:
            # A clear message and a non-zero exit, not a traceback deep inside Django.
            sys.stderr.write(
                f"talentpool: the environment variable {name} is required when DJANGO_ENV=production.\n"
            )
            raise SystemExit(2)
        return development_default
    return value


SECRET_KEY = required_in_production(
    "SECRET_KEY", "dev-insecure-key-do-not-use-in-production-0123456789abcdef"
)
DEBUG = env_bool("DEBUG", not PRODUCTION and not TESTING)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") if PRODUCTION else (env_list("ALLOWED_HOSTS") or ["*"])
if PRODUCTION and not ALLOWED_HOSTS:
    required_in_production("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "talentpool.tenancy",
    "talentpool.accounts",
    "candidates",
    "profiles",
    "engagement",
    "analytics",
    "connectors",
    "privacy",
    "webhooks",
    "demo",  # the demo tenant (seed_demo); it imports every app, the core imports none of them
    # Single sign-on (docs/sso.md, decision 0013): allauth's social accounts with per-tenant providers, and SCIM.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "talentpool.scim",
]

MIDDLEWARE = [
    "talentpool.uploads.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "talentpool.api_paths.ApiTrailingSlashMiddleware",  # before CommonMiddleware's slash redirect
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After locale and auth: a user's saved language wins over the browser's.
    "talentpool.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so the whole view runs inside one transaction with the tenant set for row-level security.
    "talentpool.tenancy.middleware.TenantMiddleware",
    # Inside the tenant's scope: an admin of a tenant that requires MFA sets it up first (decision 0014).
    "talentpool.accounts.middleware.AdminMfaRequiredMiddleware",
]

ROOT_URLCONF = "talentpool.urls"
WSGI_APPLICATION = "talentpool.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "talentpool.tenancy.context_processors.tenancy",
            ],
            "builtins": ["candidates.templatetags.candidates_display"],
        },
    }
]

# The application connects as a role that is neither superuser nor BYPASSRLS (checked on connect).
DATABASES = {
    "default": dj_database_url.parse(
        required_in_production("DATABASE_URL", "postgres://talentpool@127.0.0.1:5432/talentpool"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("TEST", {})["NAME"] = env("TEST_DATABASE_NAME") or None
# The tables belong to another role, which `manage.py migrate` and `flush` connect as (talentpool/tenancy/db_roles.py):
# an application role that owned them could drop the audit log's trigger or TRUNCATE it. Only the owner URL's user
# and password are used: it is the same server and database. Unset, one role does both (docs/operations.md).
DATABASE_APP_ROLE = DATABASES["default"]["USER"]
DATABASE_OWNER = (
    {key: dj_database_url.parse(env("DATABASE_OWNER_URL"))[key] for key in ("USER", "PASSWORD")}
    if env("DATABASE_OWNER_URL")
    else None
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "talentpool"),
        "TIMEOUT": 300,
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["talentpool.accounts.backends.EmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "analytics:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Lockout per (email, IP): this many failures within the window lock that pair for the window.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Backoff per account from any address (decision 0004): from this many failures within the window on, each further
# failure makes the next attempt wait 2, 4, 8 … seconds, at most the cap.
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 10)
LOGIN_ACCOUNT_WINDOW_SECONDS = env_int("LOGIN_ACCOUNT_WINDOW_SECONDS", 60 * 60)
LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS = env_int("LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS", 15 * 60)
# TOTP second factor (decision 0014): wrong codes allowed per user within the window before the login starts over
# and codes are refused for the window; how long a password step waits for its code.
MFA_CODE_FAILURE_LIMIT = env_int("MFA_CODE_FAILURE_LIMIT", 5)
MFA_CODE_WINDOW_SECONDS = env_int("MFA_CODE_WINDOW_SECONDS", 15 * 60)
MFA_PENDING_SECONDS = env_int("MFA_PENDING_SECONDS", 5 * 60)
MFA_ISSUER = env("MFA_ISSUER", "Talent Pool")
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
# Single sign-on through django-allauth (docs/sso.md). Providers live per tenant in accounts.SsoProvider and
# reach allauth through talentpool.accounts.sso.adapter; allauth's own signup and password pages are not mounted.
ACCOUNT_ADAPTER = "talentpool.accounts.sso.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "talentpool.accounts.sso.adapter.TenantSocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts with a POST from our page (no login CSRF)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("SSO_REQUESTS_TIMEOUT", 10)
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "talentpool.accounts.sso.providers.TenantOpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
    },
    "saml": {"provider_class": "talentpool.accounts.sso.providers.TenantSAMLProvider"},
}
# Clock skew allowed when checking the times in an ID token or a SAML assertion.
SSO_CLOCK_SKEW_SECONDS = env_int("SSO_CLOCK_SKEW_SECONDS", 120)
# SAML addresses on hosts without a dot (localhost) are refused by python3-saml unless this is on (not in production).
SSO_SAML_ALLOW_SINGLE_LABEL_DOMAINS = env_bool("SSO_SAML_ALLOW_SINGLE_LABEL_DOMAINS", not PRODUCTION)

# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["talentpool.formats"]  # English times in 24-hour digits ("5 a.m.." read as careless)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected files exist in production (collectstatic at build); development serves from the finders.
STATIC_ROOT = (
    Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if PRODUCTION or env("STATIC_ROOT") else None
)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
MEDIA_URL = "/media/"
# Files (talentpool/files.py, docs/operations.md "Files"): with a prefix set, download views answer with an empty
# response and X-Accel-Redirect: <prefix>/<storage path>, and nginx sends the file from an internal location.
FILES_ACCEL_REDIRECT_PREFIX = (env("FILES_ACCEL_REDIRECT_PREFIX", "") or "").rstrip("/")
# Pool exports (candidates.services.exports): up to EXPORT_SYNC_MAX_ROWS rows download at once; more are prepared
# by a worker and kept EXPORT_KEEP_DAYS days.
EXPORT_SYNC_MAX_ROWS = env_int("EXPORT_SYNC_MAX_ROWS", 5000)
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)

# Uploads: one file may be MAX_UPLOAD_MB (413 once it crosses it); a whole request MAX_REQUEST_MB (413 before
# the body is read); an import spreadsheet MAX_IMPORT_MB.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_MB", 100) * 1024 * 1024
MAX_IMPORT_BYTES = env_int("MAX_IMPORT_MB", 50) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "talentpool.uploads.FileSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 500

# What every new tenant starts with: callables taking the tenant, run when it is created.
TENANT_SEEDERS = ["candidates.services.taxonomy_seed"]

# SMTP when a server is named (EMAIL_HOST) or in production; otherwise mails are printed (development).
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION or env("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / ".local" / "mail"))  # the filebased backend's folder
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Talent Pool <no-reply@talentpool.local>")

# Engagement: the outbox (engagement.services.outbox, docs/engagement.md "Outbox") and SMS.
# Product mails (notifications, invitations, password resets) go through this callable; "direct" sends them
# with send_mail once the transaction commits (the core works without the engagement app).
PRODUCT_MAILER = env("PRODUCT_MAILER", "engagement.services.outbox.system_mail")
# Domain of our Message-IDs and of reply addresses (reply+<token>@domain, routed to the inbound webhook);
# empty: SITE_URL's host (engagement.tracking.reply_domain).
ENGAGEMENT_REPLY_DOMAIN = env("ENGAGEMENT_REPLY_DOMAIN", "")
# Each document is parsed in a child process under these limits (candidates.parsing.sandbox; docs/parsing.md).
PARSE_MEMORY_LIMIT_MB = env_int("PARSE_MEMORY_LIMIT_MB", 768)
PARSE_TIME_LIMIT_SECONDS = env_int("PARSE_TIME_LIMIT_SECONDS", 60)
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 100)  # rows claimed per transaction, sent on one connection
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 900)  # a "sending" row older than this was abandoned
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_BACKOFF_CAP_MINUTES = env_int("OUTBOX_BACKOFF_CAP_MINUTES", 360)
OUTBOX_RESEND_AMBIGUOUS = env_bool("OUTBOX_RESEND_AMBIGUOUS", True)
OUTBOX_ASYNC_COMMIT = env_bool("OUTBOX_ASYNC_COMMIT", True)  # per-message marks; each batch ends durable
OUTBOX_TASK_SECONDS = env_int("OUTBOX_TASK_SECONDS", 50)  # time budget of one beat-driven run per tenant
SMS_BACKEND = env("SMS_BACKEND", "engagement.sms.ConsoleBackend")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)
SMS_GATEWAY_RETRIES = env_int("SMS_GATEWAY_RETRIES", 3)
SMS_GATEWAY_MAX_WAIT = env_int("SMS_GATEWAY_MAX_WAIT", 30)

# Outbound webhooks (webhooks.services, docs/webhooks.md): retries over about a day, then failed (replayable).
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = env_bool("WEBHOOKS_ALLOW_PRIVATE_NETWORKS", False)  # on-premise receivers
WEBHOOKS_CONNECT_TIMEOUT_SECONDS = env_int("WEBHOOKS_CONNECT_TIMEOUT_SECONDS", 5)
WEBHOOKS_READ_TIMEOUT_SECONDS = env_int("WEBHOOKS_READ_TIMEOUT_SECONDS", 10)
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 8)
WEBHOOKS_BACKOFF_BASE_SECONDS = env_int("WEBHOOKS_BACKOFF_BASE_SECONDS", 30)
WEBHOOKS_BACKOFF_CAP_SECONDS = env_int("WEBHOOKS_BACKOFF_CAP_SECONDS", 10 * 3600)
WEBHOOKS_RETRY_AFTER_CAP_SECONDS = env_int("WEBHOOKS_RETRY_AFTER_CAP_SECONDS", 24 * 3600)
WEBHOOKS_DISABLE_AFTER_DAYS = env_int("WEBHOOKS_DISABLE_AFTER_DAYS", 5)
WEBHOOKS_LEASE_SECONDS = env_int(
    "WEBHOOKS_LEASE_SECONDS", 300
)  # a "sending" row older than this is sent again
WEBHOOKS_TASK_SECONDS = env_int("WEBHOOKS_TASK_SECONDS", 50)
WEBHOOKS_KEEP_DAYS = env_int("WEBHOOKS_KEEP_DAYS", 30)  # finished deliveries and their attempts, then purged

# Security. Development keeps plain HTTP working; production is strict (check --deploy passes).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; keep the default.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4, issue 13): our own files only, no inline script or style, no eval. Templates
# carry no <script> blocks, style="…" or on…= handlers; htmx's indicator styles are off (templates/partials/head.html)
# and live in static/css/app.css; Chart.js styles its canvas through the CSSOM, which CSP allows. Pages that post
# to an identity provider widen form-action for themselves (talentpool/accounts/sso/views.py). docs/operations.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "talentpool.api.authentication.ApiKeyAuthentication",
        "talentpool.api.authentication.TenantSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["talentpool.api.permissions.IsTenantMember"],
    "DEFAULT_PAGINATION_CLASS": "talentpool.api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "talentpool.openapi.AutoSchema",  # documents errors and media types (issue 13)
    "EXCEPTION_HANDLER": "talentpool.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["talentpool.api.throttling.PerKeyRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"per_key": env("API_RATE_LIMIT", "1200/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Talent Pool API",
    "DESCRIPTION": "Multi-tenant talent pool. Authenticate integrations with `Authorization: Bearer <API key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation has a one-line summary (talentpool/openapi.py); the enum hook is drf-spectacular's default.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "talentpool.openapi.add_summaries",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "talentpool.settings.LANGUAGES",
        "CandidateStatusEnum": "candidates.models.CandidateStatus",
        "ImportStatusEnum": "candidates.models.ImportStatus",
        "DuplicateStatusEnum": "candidates.models.DuplicateStatus",
        "EducationLevelEnum": "candidates.models.EducationLevel",
        "ParseStatusEnum": "candidates.models.ParseStatus",
        "ActivityTierEnum": "candidates.models.ActivityTier",
        "InteractionChannelEnum": "engagement.models.Channel",
        "MessageChannelEnum": "engagement.models.MESSAGE_CHANNELS",
        "RoleEnum": "talentpool.tenancy.models.Role",
        "DataRequestKindEnum": "privacy.models.RequestKind",
        "SourceKindEnum": "connectors.models.SourceKind",
        "DeliveryStatusEnum": "webhooks.models.DeliveryStatus",
    },
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# Connectors (docs/connectors.md). Credentials are encrypted with these Fernet keys, newest first (rotation:
# put a new key in front, keep the old ones until every source was saved again). Outside production a key is
# derived from SECRET_KEY when none is set; production refuses to store credentials without one.
# The default ranking's in-memory index (profiles/ranking_index.py; docs/scaling.md, "Ranking").
RANKING_INDEX_ENABLED = env_bool("RANKING_INDEX_ENABLED", True)
RANKING_INDEX_MIN_CANDIDATES = env_int("RANKING_INDEX_MIN_CANDIDATES", 200_000)
RANKING_INDEX_MAX_MB = env_int("RANKING_INDEX_MAX_MB", 512)

CONNECTOR_CREDENTIAL_KEYS = env_list("CONNECTOR_CREDENTIAL_KEYS")
# Networks a connector may reach although they are private, loopback or link-local (CIDRs, e.g. "10.1.2.0/24");
# empty: only public addresses.
CONNECTOR_ALLOWED_NETWORKS = env_list("CONNECTOR_ALLOWED_NETWORKS")
CONNECTOR_TIMEOUT_SECONDS = float(env("CONNECTOR_TIMEOUT_SECONDS", "20"))
CONNECTOR_MAX_ATTEMPTS = env_int("CONNECTOR_MAX_ATTEMPTS", 5)  # per request, before the run fails (resumable)
CONNECTOR_BACKOFF_SECONDS = float(env("CONNECTOR_BACKOFF_SECONDS", "1"))  # first retry's ceiling; doubles
CONNECTOR_MAX_WAIT_SECONDS = float(env("CONNECTOR_MAX_WAIT_SECONDS", "300"))  # longest Retry-After honoured
CONNECTOR_FOLDER_ROOT = env("CONNECTOR_FOLDER_ROOT", str(BASE_DIR / ".local" / "drops"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
