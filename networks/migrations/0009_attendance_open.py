"""``Meeting.attendance_open``: someone registered whose attendance is not recorded yet,
filled in for the meetings there are, and indexed by start for the work surface."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def fill(apps, schema_editor):
    Meeting = apps.get_model("networks", "Meeting")
    Registration = apps.get_model("networks", "Registration")
    unrecorded = Registration.objects.filter(
        meeting=OuterRef("pk"), status="registered", attended=None
    )
    Meeting.objects.update(attendance_open=Exists(unrecorded))


class Migration(migrations.Migration):
    dependencies = [("networks", "0008_work_surface_indexes")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="attendance_open",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="attendance still open"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("attendance_open", True)),
                fields=["starts_at"],
                name="networks_meeting_open_list",
            ),
        ),
    ]
