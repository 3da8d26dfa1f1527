"""Tenants, memberships, API keys and the TenantOwned base every tenant table inherits."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .context import current_tenant_id, require_tenant_id


def default_shortlist_fields() -> list[str]:
    # A new tenant's hiring managers see the resume, as in every ATS; contact details and salary stay with
    # recruiters unless the tenant opens them up (profiles.shortlist_fields names them all).
    return [
        "name",
        "current_title",
        "current_company",
        "location",
        "years_experience",
        "highest_education",
        "tags",
        "explanation",
        "documents",
    ]


class Tenant(models.Model):
    """A customer organisation. Not tenant-owned itself: operators list and create tenants."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=63, unique=True)
    time_zone = models.CharField(max_length=64, default="Asia/Shanghai")
    default_language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="zh-hans")
    is_active = models.BooleanField(default=True)
    # Candidate fields a hiring manager may see on a shortlist (profiles.services.SHORTLIST_FIELDS lists them).
    shortlist_fields = ArrayField(
        models.CharField(max_length=30), default=default_shortlist_fields, blank=True
    )
    # The tenant's own words for pipeline stages ({stage key: label}); the keys stay the product's.
    stage_labels = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Admins who sign in with a password must have an authenticator app (TOTP) before they use the dashboard
    # (talentpool.accounts.middleware.AdminMfaRequiredMiddleware); single sign-on leaves MFA to the IdP.
    admins_require_mfa = models.BooleanField(
        _("admins must use two-factor authentication"), default=False, db_default=False
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TenantQuerySet(models.QuerySet):
    """A queryset built without a tenant may be composed and inspected, but never run: running it raises.

    Tools build querysets when classes are defined (filters, schemas, forms); only running one needs a tenant.
    """

    _needs_tenant = False

    def _clone(self):
        clone = super()._clone()
        clone._needs_tenant = self._needs_tenant
        return clone

    def _refuse_without_tenant(self) -> None:
        if self._needs_tenant:
            require_tenant_id()

    def _fetch_all(self):
        self._refuse_without_tenant()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._refuse_without_tenant()
        return super().iterator(*args, **kwargs)

    def count(self):
        self._refuse_without_tenant()
        return super().count()

    def exists(self):
        self._refuse_without_tenant()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._refuse_without_tenant()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._refuse_without_tenant()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_without_tenant()
        return super().delete()


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    """Rows of the current tenant only. Without a current tenant, running a query raises NoTenantSelected."""

    def get_queryset(self):
        queryset = super().get_queryset()
        tenant_id = current_tenant_id()
        if tenant_id is None:
            queryset._needs_tenant = True
            return queryset
        return queryset.filter(tenant_id=tenant_id)

    def none(self):
        # An empty queryset reveals nothing, so tools that introspect models (schema, filters) need no tenant.
        return models.QuerySet(self.model, using=self._db).none()


class TenantOwned(models.Model):
    """Base of every tenant table: a tenant_id column, a scoped default manager, row-level security.

    ``objects`` filters by the current tenant and raises without one; ``unscoped`` is for operator code and
    is still limited by PostgreSQL row-level security. Each concrete model's migration must end with
    ``EnableRowLevelSecurity`` (tests/security checks every table).
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, editable=False, related_name="+")

    objects = TenantManager()
    unscoped = models.Manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        current = current_tenant_id()
        if self.tenant_id is None:
            self.tenant_id = require_tenant_id()
        elif current is not None and self.tenant_id != current:
            raise PermissionError("A row of another tenant cannot be saved in this tenant's context.")
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    RECRUITER = "recruiter", _("Recruiter")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    VIEWER = "viewer", _("Viewer")


# The role sets every view and API permission uses (defined here once).
ALL_ROLES = frozenset(Role.values)
ADMINS = frozenset({Role.ADMIN})
# Who changes the pool, roles, pipelines and campaigns.
EDITORS = frozenset({Role.ADMIN, Role.RECRUITER})
# Who may read the pool itself (and the pipelines). Hiring managers see candidates only on the shortlists of their
# roles, and only the fields the tenant opens to them (Tenant.shortlist_fields).
POOL_READERS = frozenset({Role.ADMIN, Role.RECRUITER, Role.VIEWER})
# Who decides on shortlists.
REVIEWERS = frozenset({Role.ADMIN, Role.RECRUITER, Role.HIRING_MANAGER})


class Membership(TenantOwned):
    """A user's role in one tenant. A user may belong to several tenants."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECRUITER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user"], name="membership_tenant_user_unique")
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.tenant_id}:{self.role}"


class ApiKeyScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Write")


API_KEY_PREFIX_LENGTH = 10


class ApiKey(TenantOwned):
    """A key for an integration: shown once, stored as a SHA-256 hash, found by its visible prefix."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=API_KEY_PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = ArrayField(models.CharField(max_length=20, choices=ApiKeyScope.choices), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "created_at"], name="apikey_tenant_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def generate() -> tuple[str, str, str]:
        """Return (full key, prefix, hash). The full key is ``tp_<prefix>_<secret>``."""
        prefix = secrets.token_hex(API_KEY_PREFIX_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        full = f"tp_{prefix}_{secret}"
        return full, prefix, ApiKey.hash_key(full)

    @staticmethod
    def hash_key(full_key: str) -> str:
        # The secret has 256 bits of entropy, so a fast hash is enough (unlike passwords).
        return hashlib.sha256(full_key.encode()).hexdigest()

    @staticmethod
    def parse_prefix(full_key: str) -> str | None:
        parts = full_key.split("_", 2)
        if len(parts) != 3 or parts[0] != "tp" or len(parts[1]) != API_KEY_PREFIX_LENGTH:
            return None
        return parts[1]


class Notification(TenantOwned):
    """An in-app message to one member (a hiring manager's decision, a finished import); also e-mailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    # What the message says as data: a registered kind renders its title and body from these in the reader's
    # language at read time. ``title`` and ``body`` keep the wording in the recipient's language when it was
    # sent (the e-mail's), shown for kinds that have no renderer.
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, default="")
    url = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "user", "read_at", "-created_at"], name="notification_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def rendered_title(self) -> str:
        """The title in the active language (the reader's)."""
        from .notifications import render

        return render(self)[0]

    @property
    def rendered_body(self) -> str:
        from .notifications import render

        return render(self)[1]


class IdempotencyRecord(TenantOwned):
    """The first response to a write sent with an ``Idempotency-Key`` header, replayed for retries of it."""

    key = models.CharField(max_length=200)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "key"], name="idempotency_tenant_key_unique")
        ]
        # The hourly purge deletes by age.
        indexes = [models.Index(fields=["tenant", "created_at"], name="idempotency_age")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
