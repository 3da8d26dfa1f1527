"""Reads that happen before a tenant is chosen: a provider by its slug (callbacks), a verified email domain
(the login page), a SCIM token by its prefix. Each has a SELECT-only ``tenant_lookup`` policy keyed by its own
setting (decision 0002's pattern, policies in accounts/migrations/0003); the setting lives for one block
inside a transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

PROVIDER_SLUG = "app.sso_provider_slug"
EMAIL_DOMAIN = "app.sso_email_domain"
SCIM_TOKEN_PREFIX = "app.scim_token_prefix"
SETTINGS = (PROVIDER_SLUG, EMAIL_DOMAIN, SCIM_TOKEN_PREFIX)


@contextlib.contextmanager
def lookup_scope(setting: str, value: str) -> Iterator[None]:
    if setting not in SETTINGS:
        raise ValueError(f"Unknown lookup setting {setting!r}")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [setting, value or ""])
        try:
            yield
        finally:
            if not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, '', true)", [setting])
