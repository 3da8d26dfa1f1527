"""Endpoint secrets are encrypted at rest with the connectors' Fernet keys: the table holds no secret in clear,
the endpoint reads it back to sign (tests/webhooks/test_delivery.py verifies the signatures with
``standardwebhooks``), and a rotated secret is stored encrypted too."""

from __future__ import annotations

import pytest
from django.db import connection

from talentpool import crypto
from talentpool.tenancy.context import tenant_context
from webhooks import services
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def _stored(endpoint_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM webhooks_endpoint WHERE id = %s", [endpoint_id])
        return cursor.fetchone()[0]


def test_the_table_holds_the_secret_encrypted_and_the_endpoint_reads_it_back(tenant_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant_a):
        endpoint = services.endpoint_create(url="http://127.0.0.1:9/hooks", events=["candidate.created"])
        secret = endpoint.secret
        stored = _stored(endpoint.pk)
        assert secret.startswith("whsec_") and len(secret) > 40
        assert secret not in stored and secret.removeprefix("whsec_") not in stored
        assert crypto.decrypt(stored) == {"secret": secret}
        assert Endpoint.objects.get(pk=endpoint.pk).secret == secret

        rotated = services.endpoint_rotate_secret(Endpoint.objects.get(pk=endpoint.pk)).secret
        assert rotated != secret and rotated.startswith("whsec_")
        assert rotated not in _stored(endpoint.pk)
        assert Endpoint.objects.get(pk=endpoint.pk).secret == rotated


def test_a_secret_no_configured_key_opens_is_a_clear_error(tenant_a, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with tenant_context(tenant_a):
        endpoint = services.endpoint_create(url="http://127.0.0.1:9/hooks", events=["candidate.created"])
        services.emit("candidate.created", {"candidate": {"id": 1, "source": "hris"}})
        settings.CONNECTOR_CREDENTIAL_KEYS = ["hd-0Ho9m3Jm3MQyZ8L7m0P1jRk1lO2y6m1xWm4jZyqI="]
        with pytest.raises(Exception, match="cannot be decrypted"):
            Endpoint.objects.get(pk=endpoint.pk).secret  # noqa: B018 - reading it is the test
    # The dispatcher records a failed attempt (retried later) instead of failing with a traceback.
    assert services.dispatch_due(tenant=tenant_a)["retried"] == 1
    with tenant_context(tenant_a):
        assert "cannot be decrypted" in Delivery.objects.get().last_error
