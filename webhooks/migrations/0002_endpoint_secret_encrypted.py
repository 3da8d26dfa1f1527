"""Endpoint secrets are stored encrypted at rest with the product's Fernet keys (talentpool.crypto)."""

from django.db import migrations, models


def _each_tenant(schema_editor, change) -> None:
    # Row-level security shows each tenant's rows only inside that tenant: set each in turn.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id FROM tenancy_tenant")
        for (tenant_id,) in cursor.fetchall():
            cursor.execute("SELECT set_config('app.tenant_id', %s, true)", [str(tenant_id)])
            change(cursor)
        cursor.execute("SELECT set_config('app.tenant_id', '', true)")


def encrypt_secrets(apps, schema_editor):
    from talentpool.crypto import encrypt

    def change(cursor):
        cursor.execute("SELECT id, secret FROM webhooks_endpoint WHERE secret <> ''")
        for pk, secret in cursor.fetchall():
            cursor.execute(
                "UPDATE webhooks_endpoint SET secret_encrypted = %s WHERE id = %s",
                [encrypt({"secret": secret}), pk],
            )

    _each_tenant(schema_editor, change)


def decrypt_secrets(apps, schema_editor):
    from talentpool.crypto import decrypt

    def change(cursor):
        cursor.execute("SELECT id, secret_encrypted FROM webhooks_endpoint WHERE secret_encrypted <> ''")
        for pk, token in cursor.fetchall():
            cursor.execute(
                "UPDATE webhooks_endpoint SET secret = %s WHERE id = %s",
                [decrypt(token).get("secret", ""), pk],
            )

    _each_tenant(schema_editor, change)


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial"), ("tenancy", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="endpoint",
            name="secret_encrypted",
            field=models.TextField(db_default="", default="", editable=False),
        ),
        # Reversible: the clear column comes back (empty) before the secrets are decrypted into it.
        migrations.AlterField(
            model_name="endpoint",
            name="secret",
            field=models.CharField(db_default="", default="", editable=False, max_length=100),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
        migrations.RemoveField(model_name="endpoint", name="secret"),
    ]
