"""People who log in, and invitations that bring them into a tenant."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentpool.tenancy.models import Role, TenantOwned


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email=normalize_email(email))


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with email; belongs to tenants through memberships."""

    email = models.EmailField(unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty follows the browser."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(TenantOwned):
    """An admin's invitation of an email address to the tenant with a role. The token is stored hashed."""

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECRUITER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "email"], name="invitation_tenant_email")]

    def __str__(self) -> str:
        return f"{self.email} → {self.role}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


# --- Single sign-on and SCIM provisioning (docs/sso.md) ------------------------------------------------------

# Roles from most to least powerful: when a person's groups map to several roles, the first one wins.
ROLE_PRECEDENCE = [Role.ADMIN, Role.RECRUITER, Role.HIRING_MANAGER, Role.VIEWER]


class SsoSettings(TenantOwned):
    """A tenant's single sign-on policy: one row per tenant, created on first save of the settings page."""

    sso_required = models.BooleanField(
        _("single sign-on required"),
        default=False,
        help_text=_(
            "Members must sign in through the identity provider; admins keep a password as a break-glass "
            "path, and every such login is written to the audit log."
        ),
    )
    default_role = models.CharField(
        _("default role"),
        max_length=20,
        choices=Role.choices,
        default=Role.VIEWER,
        help_text=_("Role of people created at their first sign-in when no group maps to a role."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="ssosettings_one_per_tenant")]

    def __str__(self) -> str:
        return f"SSO settings of tenant {self.tenant_id}"


class SsoProtocol(models.TextChoices):
    OIDC = "openid_connect", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


def default_saml_attribute_mapping() -> dict:
    return {
        "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
        "email": [
            "urn:oid:0.9.2342.19200300.100.1.3",
            "email",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        ],
        "name": [
            "urn:oid:2.16.840.1.113730.3.1.241",
            "displayName",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        ],
        "groups": [
            "groups",
            "memberOf",
            "urn:oid:1.3.6.1.4.1.5923.1.5.1.1",  # isMemberOf
            "http://schemas.xmlsoap.org/claims/Group",
        ],
    }


class SsoProvider(TenantOwned):
    """One identity provider of a tenant: OpenID Connect or SAML 2.0. A tenant may have several.

    ``slug`` is global (it is in the callback/ACS URLs) and is how a callback finds its tenant before one is
    chosen: the ``tenant_lookup`` policy shows a provider by slug (decision 0002, docs/sso.md).
    """

    slug = models.SlugField(
        _("identifier"),
        max_length=63,
        unique=True,
        help_text=_("Appears in the callback address; letters, digits and hyphens."),
    )
    name = models.CharField(_("button label"), max_length=100, help_text=_('Shown as "Sign in with …".'))
    protocol = models.CharField(_("protocol"), max_length=20, choices=SsoProtocol.choices)
    is_active = models.BooleanField(_("active"), default=True)
    # OpenID Connect
    issuer_url = models.URLField(_("issuer or discovery URL"), max_length=500, blank=True)
    client_id = models.CharField(_("client ID"), max_length=255, blank=True)
    client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    scopes = models.CharField(_("scopes"), max_length=300, blank=True, default="openid profile email")
    email_claim = models.CharField(_("email claim"), max_length=100, blank=True, default="email")
    name_claim = models.CharField(_("name claim"), max_length=100, blank=True, default="name")
    groups_claim = models.CharField(_("groups claim"), max_length=100, blank=True, default="groups")
    # SAML 2.0
    idp_metadata_url = models.URLField(_("IdP metadata URL"), max_length=500, blank=True)
    idp_metadata_xml = models.TextField(_("IdP metadata XML"), blank=True)
    idp_entity_id = models.CharField(_("IdP entity ID"), max_length=500, blank=True)
    sp_entity_id = models.CharField(
        _("our entity ID"), max_length=500, blank=True, help_text=_("Empty: the address of our metadata.")
    )
    attribute_mapping = models.JSONField(
        _("attribute mapping"), default=default_saml_attribute_mapping, blank=True
    )
    signed_assertions_required = models.BooleanField(_("signed assertions required"), default=True)
    allow_idp_initiated = models.BooleanField(
        _("allow IdP-initiated sign-in"),
        default=True,
        help_text=_("Lets a corporate portal start the sign-in."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def login_url(self) -> str:
        """Where a "Sign in with …" button posts to (allauth starts the flow there)."""
        from django.urls import reverse

        if self.protocol == SsoProtocol.SAML:
            return reverse("saml_login", kwargs={"organization_slug": self.slug})
        return reverse("openid_connect_login", kwargs={"provider_id": self.slug})

    @property
    def callback_url(self) -> str:
        from django.urls import reverse

        if self.protocol == SsoProtocol.SAML:
            return reverse("saml_acs", args=[self.slug])
        return reverse("openid_connect_callback", kwargs={"provider_id": self.slug})


class SsoDomain(TenantOwned):
    """An email domain a tenant claims. Verified (DNS TXT record, or an operator), it routes logins to the tenant
    and bounds whom the tenant's providers may sign in. A domain is verified for at most one tenant."""

    domain = models.CharField(_("domain"), max_length=253)
    verification_token = models.CharField(max_length=64, editable=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "domain"], name="ssodomain_tenant_domain_unique"),
            # Across tenants: a verified domain belongs to one tenant only (expression, so RLS cannot hide it).
            models.UniqueConstraint(
                models.functions.Lower("domain"),
                condition=models.Q(verified_at__isnull=False),
                name="ssodomain_verified_once",
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    @property
    def txt_record(self) -> str:
        return f"talentpool-verification={self.verification_token}"


class GroupRoleMapping(TenantOwned):
    """A group name (as the identity provider or SCIM sends it) and the role its members get."""

    group = models.CharField(_("group"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "group"], name="grouprolemapping_tenant_group")
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.role}"


SCIM_TOKEN_PREFIX_LENGTH = 10


class ScimToken(TenantOwned):
    """A SCIM bearer token ``tpscim_<prefix>_<secret>`` (decision 0003's shape, its own marker): shown once,
    stored as SHA-256, found by prefix through the ``tenant_lookup`` policy."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=SCIM_TOKEN_PREFIX_LENGTH, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    MARKER = "tpscim"

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def generate(cls) -> tuple[str, str, str]:
        prefix = secrets.token_hex(SCIM_TOKEN_PREFIX_LENGTH // 2)
        full = f"{cls.MARKER}_{prefix}_{secrets.token_urlsafe(32)}"
        return full, prefix, hash_token(full)

    @classmethod
    def parse_prefix(cls, full: str) -> str | None:
        parts = (full or "").split("_", 2)
        if len(parts) != 3 or parts[0] != cls.MARKER or len(parts[1]) != SCIM_TOKEN_PREFIX_LENGTH:
            return None
        return parts[1]


class ScimUser(TenantOwned):
    """A person as the tenant's SCIM client provisioned them. Never deleted: DELETE sets ``deleted_at`` and
    deactivation removes the membership; the row keeps the history and the external id."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    user_name = models.CharField(max_length=254)
    external_id = models.CharField(max_length=255, blank=True, default="")
    given_name = models.CharField(max_length=150, blank=True, default="")
    family_name = models.CharField(max_length=150, blank=True, default="")
    display_name = models.CharField(max_length=300, blank=True, default="")
    emails = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "user"], name="scimuser_tenant_user")]
        indexes = [models.Index(fields=["tenant", "external_id"], name="scimuser_tenant_external")]

    def __str__(self) -> str:
        return self.user_name


class ScimGroup(TenantOwned):
    """A group pushed by the tenant's SCIM client; its display name is matched against GroupRoleMapping."""

    display_name = models.CharField(max_length=200)
    external_id = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "display_name"], name="scimgroup_tenant_name")
        ]

    def __str__(self) -> str:
        return self.display_name


class ScimGroupMember(TenantOwned):
    group = models.ForeignKey(ScimGroup, on_delete=models.CASCADE, related_name="memberships")
    scim_user = models.ForeignKey(ScimUser, on_delete=models.CASCADE, related_name="group_memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "group", "scim_user"], name="scimgroupmember_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scim_user_id} in {self.group_id}"


class TenantSession(TenantOwned):
    """A login session that worked in this tenant, so deprovisioning can end it (sessions carry no tenant)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user", "session_key"], name="tenantsession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"


# --- Multi-factor authentication: TOTP (decision 0014, docs/operations.md "Logins") ----------------------------


class TotpDevice(models.Model):
    """A person's authenticator app (RFC 6238 TOTP). One per person; not tenant-owned (a person logs in once for
    every tenant). The secret is stored encrypted (``talentpool.accounts.mfa``); unconfirmed until the person has
    typed a code from it, and only a confirmed device is asked for at login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret_encrypted = models.TextField(editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The time step of the last code accepted: a code is good once (no replay within its 30 seconds).
    last_used_step = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"TOTP of user {self.user_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator app; stored as SHA-256 (the code is random, like an API
    key, decision 0003), shown once when made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64, editable=False)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recoverycode_user_hash")]

    def __str__(self) -> str:
        return f"recovery code of user {self.user_id}"
