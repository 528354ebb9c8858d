# A coach asks for extra hours; staff approve or refuse. Adjustments get a public id (for
# the pages that decide them) and a refusal; existing rows each get their own id.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import leercultuur.text


def give_each_its_own_id(apps, schema_editor):
    adjustments = apps.get_model("coaching", "BudgetAdjustment")
    for adjustment in adjustments.objects.filter(public_id__isnull=True).only("pk"):
        adjustment.public_id = uuid.uuid4()
        adjustment.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0006_session_people"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="budgetadjustment",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_its_own_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="budgetadjustment",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="budgetadjustment",
            name="refused_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="budgetadjustment",
            name="refused_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="refused at"),
        ),
        migrations.AddField(
            model_name="budgetadjustment",
            name="refusal_reason",
            field=leercultuur.text.SingleLineField(
                blank=True, max_length=300, verbose_name="why it was refused"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetadjustment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_at__isnull", True), ("refused_at__isnull", True), _connector="OR"
                ),
                name="coaching_adjustment_approved_or_refused",
            ),
        ),
    ]
