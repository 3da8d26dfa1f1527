"""``ExportJob``: pool exports prepared by a worker (candidates.services.exports), under row-level security."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from talentpool.tenancy.rls import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0006_candidate_ranking_changed_at"),
        ("tenancy", "0004_indexes_for_purge_and_refresh"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("pool", "Pool page"), ("api", "API")], default="pool", max_length=8
                    ),
                ),
                ("filters", models.JSONField(blank=True, default=dict)),
                ("language", models.CharField(blank=True, max_length=10)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Ready"),
                            ("failed", "Failed"),
                            ("expired", "Expired"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("total_rows", models.IntegerField(default=0)),
                ("rows_done", models.IntegerField(default=0)),
                ("token", models.CharField(editable=False, max_length=32)),
                ("file", models.FileField(blank=True, max_length=255, upload_to="")),
                ("filename", models.CharField(blank=True, max_length=200)),
                ("size", models.PositiveBigIntegerField(default=0)),
                ("error", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("expires_at", models.DateTimeField()),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by_key",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="tenancy.apikey",
                    ),
                ),
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
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["tenant", "created_by", "created_at"], name="exportjob_tenant_creator"
                    ),
                    models.Index(fields=["tenant", "status", "expires_at"], name="exportjob_tenant_expiry"),
                ],
            },
        ),
        EnableRowLevelSecurity("exportjob"),
    ]
