"""The audit log: written in the caller's transaction, append-only for the application's database role."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from privacy import audit
from privacy.models import AuditEntry
from talentpool.tenancy.context import tenant_context

from ..conftest import logged_in_client
from ..factories import PASSWORD, make_candidate


def _count(tenant) -> int:
    with tenant_context(tenant):
        return AuditEntry.objects.count()


def test_the_tests_run_as_the_application_role_not_a_superuser(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False)


def test_an_entry_is_written_in_the_callers_transaction_and_rolls_back_with_it(tenant_a, admin_a):
    candidate = make_candidate(tenant_a, full_name="王芳")
    with pytest.raises(RuntimeError):
        with tenant_context(tenant_a):
            audit.record("candidate.changed", actor=admin_a, target=candidate)
            raise RuntimeError("the change failed")
    assert _count(tenant_a) == 0
    with tenant_context(tenant_a):
        entry = audit.record(
            "candidate.changed", actor=admin_a, target=candidate, details={"fields": ["location"]}
        )
    with tenant_context(tenant_a):
        stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.action, stored.actor_id, stored.actor_label) == (
        "candidate.changed",
        admin_a.pk,
        admin_a.email,
    )
    assert (stored.target_type, stored.target_id) == ("candidates.candidate", str(candidate.pk))
    assert "王芳" not in str(stored.details)


def test_an_unknown_action_is_refused(tenant_a):
    with tenant_context(tenant_a), pytest.raises(ValueError):
        audit.record("candidate.looked_at")


def test_the_application_role_cannot_update_an_audit_row(tenant_a, admin_a):
    with tenant_context(tenant_a):
        entry = audit.record("settings.changed", actor=admin_a)
    with pytest.raises(DatabaseError, match="permission denied"):
        with tenant_context(tenant_a), connection.cursor() as cursor:
            cursor.execute("UPDATE privacy_auditentry SET action = 'auth.login' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="permission denied"):
        with tenant_context(tenant_a):
            AuditEntry.objects.filter(pk=entry.pk).update(actor_label="someone else")
    with tenant_context(tenant_a):
        assert AuditEntry.objects.get(pk=entry.pk).action == "settings.changed"


def test_the_application_role_cannot_delete_an_audit_row(tenant_a, admin_a):
    with tenant_context(tenant_a):
        entry = audit.record("settings.changed", actor=admin_a)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM privacy_auditentry WHERE id = %s", [entry.pk])
            assert cursor.rowcount == 0  # the restrictive policy hides the row from DELETE
            cursor.execute("DELETE FROM privacy_auditentry")
            assert cursor.rowcount == 0
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_application_role_has_no_update_privilege_and_the_trigger_is_enabled(tenant_a, admin_a):
    with tenant_context(tenant_a):
        audit.record("settings.changed", actor=admin_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'privacy_auditentry_append_only'")
        assert cursor.fetchone() == ("O",)
        cursor.execute(
            "SELECT has_table_privilege(current_user, 'privacy_auditentry', 'UPDATE'), "
            "has_table_privilege(current_user, 'privacy_auditentry', 'INSERT')"
        )
        assert cursor.fetchone() == (False, True)


needs_owner_role = pytest.mark.skipif(
    not settings.DATABASE_OWNER, reason="one database role does both (no DATABASE_OWNER_URL)"
)


@needs_owner_role
def test_the_application_role_owns_nothing_and_creates_nothing(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone() == (0,)
        cursor.execute("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'privacy_auditentry'")
        assert cursor.fetchone() == (settings.DATABASE_OWNER["USER"],)
        cursor.execute(
            "SELECT has_schema_privilege('public', 'CREATE'), has_table_privilege(current_user, "
            "'privacy_auditentry', 'TRUNCATE')"
        )
        assert cursor.fetchone() == (False, False)


@needs_owner_role
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE privacy_auditentry",
        "TRUNCATE privacy_auditentry, tenancy_tenant CASCADE",
        "DROP TRIGGER privacy_auditentry_append_only ON privacy_auditentry",
        "ALTER TABLE privacy_auditentry DISABLE TRIGGER privacy_auditentry_append_only",
        "ALTER TABLE privacy_auditentry NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY audit_never_updated ON privacy_auditentry",
        "CREATE OR REPLACE FUNCTION privacy_audit_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RETURN NEW; END $$",
        "DROP TABLE privacy_auditentry",
        "CREATE TABLE privacy_auditentry_copy (id int)",
    ],
    ids=[
        "truncate",
        "truncate-cascade",
        "drop-trigger",
        "disable-trigger",
        "no-force-rls",
        "drop-policy",
        "replace-trigger-function",
        "drop-table",
        "create-table",
    ],
)
def test_the_application_role_cannot_undo_the_audit_logs_protection(tenant_a, admin_a, statement):
    with tenant_context(tenant_a):
        entry = audit.record("settings.changed", actor=admin_a)
    with pytest.raises(DatabaseError, match="permission denied|must be owner|must be a member"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    with tenant_context(tenant_a):
        assert AuditEntry.objects.filter(pk=entry.pk, action="settings.changed").exists()


@needs_owner_role
def test_the_application_role_cannot_grant_itself_update(db):
    with connection.cursor() as cursor:
        cursor.execute("GRANT UPDATE, TRUNCATE ON privacy_auditentry TO CURRENT_USER")  # only a warning
        cursor.execute(
            "SELECT has_table_privilege(current_user, 'privacy_auditentry', 'UPDATE'), "
            "has_table_privilege(current_user, 'privacy_auditentry', 'TRUNCATE')"
        )
        assert cursor.fetchone() == (False, False)


def test_the_trigger_refuses_updates_and_young_deletes_for_a_superuser_too(db):
    # Superusers ignore grants and row-level security; the trigger still stops them. The row belongs to no
    # tenant (-1), so no test ever sees it; the cleanup turns triggers off for its own session only.
    psycopg2 = pytest.importorskip("psycopg2")
    settings_dict = connection.settings_dict
    try:
        raw = psycopg2.connect(
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user="postgres",
            dbname=settings_dict["NAME"],
            connect_timeout=3,
        )
    except psycopg2.Error:
        pytest.skip("no superuser connection on this machine")
    marker = str(uuid.uuid4())
    try:
        with raw, raw.cursor() as cursor:
            cursor.execute(
                "INSERT INTO privacy_auditentry (id, tenant_id, created_at, action, actor_label, "
                "target_type, target_id, user_agent, details) VALUES (%s, -1, now(), "
                "'settings.changed', 'x', '', '', '', '{}')",
                [marker],
            )
        with pytest.raises(psycopg2.Error, match="append-only"), raw, raw.cursor() as cursor:
            cursor.execute("UPDATE privacy_auditentry SET action = 'auth.login' WHERE id = %s", [marker])
        with pytest.raises(psycopg2.Error, match="append-only"), raw, raw.cursor() as cursor:
            cursor.execute("DELETE FROM privacy_auditentry WHERE id = %s", [marker])
    finally:
        with raw, raw.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("DELETE FROM privacy_auditentry WHERE id = %s", [marker])
        raw.close()


def test_retention_purges_only_rows_past_the_floor_through_the_allowed_path(tenant_a, admin_a):
    from privacy.services import audit_purge

    with tenant_context(tenant_a):
        old = audit.record("settings.changed", actor=admin_a)
        young = audit.record("settings.changed", actor=admin_a)
    # Backdating needs an INSERT (allowed): rows are written with the time they happened.
    with tenant_context(tenant_a):
        ancient = AuditEntry(
            action="auth.login", actor_label="x", created_at=timezone.now() - timedelta(days=800)
        )
        ancient.save(force_insert=True)
    result = audit_purge(tenant_a, older_than_days=730)
    assert result == 1
    with tenant_context(tenant_a):
        remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert ancient.pk not in remaining and {old.pk, young.pk} <= remaining
    assert audit_purge(tenant_a, older_than_days=730) == 0  # safe to run twice


def test_a_purge_shorter_than_the_floor_is_refused(tenant_a):
    from privacy.services import PrivacyError, audit_purge

    with pytest.raises(PrivacyError):
        audit_purge(tenant_a, older_than_days=30)


def test_logins_and_failures_are_recorded_in_the_users_tenants(tenant_a, admin_a, client):
    assert client.post("/accounts/login/", {"email": admin_a.email, "password": "wrong"}).status_code == 400
    assert client.post("/accounts/login/", {"email": admin_a.email, "password": PASSWORD}).status_code == 302
    with tenant_context(tenant_a):
        actions = list(AuditEntry.objects.order_by("created_at").values_list("action", "actor_id"))
    assert actions == [("auth.login_failed", admin_a.pk), ("auth.login", admin_a.pk)]


def test_a_failed_login_for_an_unknown_email_is_stored_without_a_tenant_and_no_tenant_sees_it(
    tenant_a, client
):
    client.post("/accounts/login/", {"email": "nobody@nowhere.test", "password": "wrong"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM privacy_auditentry")
        assert cursor.fetchone()[0] == 0  # no tenant set: row-level security shows nothing
    assert _count(tenant_a) == 0
    entries = audit.record_login_failure(credentials={"email": "Nobody@Nowhere.test"}, request=None)
    assert [(entry.tenant_id, entry.details["email"]) for entry in entries] == [(None, "nobody@nowhere.test")]
    with pytest.raises(DatabaseError, match="row-level security"):  # inside a tenant, no row without one
        with tenant_context(tenant_a), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO privacy_auditentry (id, tenant_id, created_at, action, actor_label, "
                "target_type, target_id, user_agent, details) VALUES (gen_random_uuid(), NULL, now(), "
                "'auth.login_failed', '', '', '', '', '{}')"
            )


def test_viewing_a_candidate_is_recorded(tenant_a, recruiter_a):
    candidate = make_candidate(tenant_a, full_name="Ann Lee")
    client = logged_in_client(recruiter_a)
    assert client.get(f"/pool/{candidate.pk}/").status_code == 200
    with tenant_context(tenant_a):
        entry = AuditEntry.objects.get(action="candidate.viewed")
    assert (entry.actor_id, entry.target_id) == (recruiter_a.pk, str(candidate.pk))


def test_api_key_use_is_recorded(tenant_a, key_a, client):
    response = client.get("/api/v1/candidates/", HTTP_AUTHORIZATION=f"Bearer {key_a}")
    assert response.status_code == 200
    with tenant_context(tenant_a):
        entry = AuditEntry.objects.get(action="api_key.used")
    assert entry.actor_label.startswith("API key ")
