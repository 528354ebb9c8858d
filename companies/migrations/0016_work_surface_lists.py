from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0015_work_surface_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='enrolment',
            index=models.Index(condition=models.Q(('status', 'submitted')), fields=['submitted_at', 'id'], name='companies_awaiting_decision'),
        ),
        migrations.AddIndex(
            model_name='enrolment',
            index=models.Index(condition=models.Q(('status', 'active')), fields=['end_date', 'id', 'start_date', 'minutes_used', 'minutes_extra', 'edition'], name='companies_running'),
        ),
    ]
