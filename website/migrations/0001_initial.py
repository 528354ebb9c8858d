
import django.db.models.deletion
import leercultuur.text
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('companies', '0016_work_surface_lists'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Story',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('title', leercultuur.text.SingleLineField(max_length=150, verbose_name='title')),
                ('body', leercultuur.text.MultiLineField(max_length=8000, verbose_name='story')),
                ('quote', leercultuur.text.MultiLineField(blank=True, max_length=600, verbose_name='quote')),
                ('quote_by', leercultuur.text.SingleLineField(blank=True, help_text='For example: Anna, owner.', max_length=150, verbose_name='quote by')),
                ('show_chart', models.BooleanField(default=False, help_text="The company's scores at the baseline and final measurement.", verbose_name='show the before-and-after chart')),
                ('content_hash', models.CharField(editable=False, max_length=64, verbose_name='fingerprint of the content')),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('enrolment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stories', to='companies.enrolment', verbose_name='enrolment')),
                ('written_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='written by')),
            ],
            options={
                'verbose_name': 'story',
                'verbose_name_plural': 'stories',
                'ordering': ['-published_at', '-created_at'],
            },
        ),
        migrations.CreateModel(
            name='StoryConsent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content', models.JSONField(verbose_name='content agreed to')),
                ('content_hash', models.CharField(max_length=64, verbose_name='fingerprint of the content')),
                ('given_by_name', leercultuur.text.SingleLineField(max_length=150, verbose_name='name of who gave it')),
                ('given_at', models.DateTimeField(auto_now_add=True, verbose_name='given at')),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True, verbose_name='withdrawn at')),
                ('given_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='given by')),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='website.story', verbose_name='story')),
                ('withdrawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='withdrawn by')),
            ],
            options={
                'verbose_name': 'consent',
                'verbose_name_plural': 'consents',
                'ordering': ['-given_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('withdrawn_at', None)), fields=('story',), name='public_one_consent_in_force')],
            },
        ),
    ]
