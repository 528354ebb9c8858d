
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0009_attendance_open'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='experience',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='approved for the library at'),
        ),
        migrations.AddField(
            model_name='experience',
            name='approved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by'),
        ),
        migrations.AddField(
            model_name='experience',
            name='refused_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='kept from the library at'),
        ),
        migrations.AddField(
            model_name='experience',
            name='shared_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='shared beyond the network at'),
        ),
    ]
