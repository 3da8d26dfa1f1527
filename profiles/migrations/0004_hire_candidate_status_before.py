from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_hire_probation_and_void"),
    ]

    operations = [
        migrations.AddField(
            model_name="hire",
            name="candidate_status_before",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
    ]
