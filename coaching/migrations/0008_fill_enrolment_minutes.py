from django.db import migrations
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    """Give every enrolment the sums the coaching services keep from now on."""
    Enrolment = apps.get_model("companies", "Enrolment")
    CoachingSession = apps.get_model("coaching", "CoachingSession")
    BudgetAdjustment = apps.get_model("coaching", "BudgetAdjustment")

    def total(model, **filters):
        rows = model.objects.filter(enrolment=OuterRef("pk"), **filters).order_by()
        return Coalesce(
            Subquery(rows.values("enrolment").annotate(total=Sum("minutes")).values("total")), 0
        )

    Enrolment.objects.update(
        minutes_used=total(CoachingSession),
        minutes_extra=total(BudgetAdjustment, approved_at__isnull=False),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0007_extra_hours_asked_and_decided"),
        ("companies", "0012_enrolment_minutes_totals"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
