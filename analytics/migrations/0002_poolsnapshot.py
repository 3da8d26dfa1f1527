import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from talentpool.tenancy.rls import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_initial"),
        ("tenancy", "0002_notifications_idempotency"),
    ]

    operations = [
        migrations.CreateModel(
            name="PoolSnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("taken_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("pool", models.IntegerField(default=0)),
                ("active", models.IntegerField(default=0)),
                ("stale", models.IntegerField(default=0)),
                ("high", models.IntegerField(default=0)),
                ("mid", models.IntegerField(default=0)),
                ("low", models.IntegerField(default=0)),
                ("supply", models.JSONField(blank=True, default=dict)),
                (
                    "tenant",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.tenant",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("tenant",), name="poolsnapshot_tenant_unique")
                ],
            },
        ),
        EnableRowLevelSecurity("poolsnapshot"),
    ]
