"""The activity score becomes one stored anchor that decays without rewrites (decision 0011)."""

from django.db import migrations, models

EPOCH_SQL = "timestamptz '2024-01-01 00:00:00+00'"


def keep_scores(apps, schema_editor):
    # Row-level security shows each tenant's rows only inside that tenant: set each in turn.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id FROM tenancy_tenant")
        for (tenant_id,) in cursor.fetchall():
            cursor.execute("SELECT set_config('app.tenant_id', %s, true)", [str(tenant_id)])
            cursor.execute(
                "UPDATE candidates_candidate SET activity_anchor = ln(activity_score::float8) / ln(2::float8) "
                f"+ extract(epoch FROM (now() - {EPOCH_SQL}))::float8 / (90 * 86400) WHERE activity_score > 0"
            )
        cursor.execute("SELECT set_config('app.tenant_id', '', true)")


class Migration(migrations.Migration):
    dependencies = [("candidates", "0002_tag_strength")]

    operations = [
        migrations.RemoveIndex(model_name="candidate", name="candidate_tenant_tier"),
        migrations.AddField(
            model_name="candidate",
            name="activity_anchor",
            field=models.FloatField(db_default=float("-inf"), default=float("-inf")),
        ),
        migrations.AddField(
            model_name="candidate", name="last_active_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="candidate",
            name="last_contacted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        # Keep the scores there were: anchor = log2(score) + (now − E) / 90 days (the default half-life).
        migrations.RunPython(keep_scores, migrations.RunPython.noop),
        migrations.RemoveField(model_name="candidate", name="activity_score"),
        migrations.RemoveField(model_name="candidate", name="activity_tier"),
        # Room on each page for updated row versions: score updates then stay HOT (no index touches the anchor).
        migrations.RunSQL(
            "ALTER TABLE candidates_candidate SET (fillfactor = 90)",
            reverse_sql="ALTER TABLE candidates_candidate RESET (fillfactor)",
        ),
    ]
