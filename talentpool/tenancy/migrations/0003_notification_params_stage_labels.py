import django.contrib.postgres.fields
from django.db import migrations, models

import talentpool.tenancy.models


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0002_notifications_idempotency"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="tenant",
            name="stage_labels",
            field=models.JSONField(blank=True, default=dict),
        ),
        # New tenants' hiring managers see resumes; existing tenants keep what they chose.
        migrations.AlterField(
            model_name="tenant",
            name="shortlist_fields",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=30),
                blank=True,
                default=talentpool.tenancy.models.default_shortlist_fields,
                size=None,
            ),
        ),
    ]
