"""The programme as it runs today, with its questions: staff change it in the admin."""

from django.db import migrations

from programme import defaults


def create(apps, schema_editor):
    Programme = apps.get_model("programme", "Programme")
    Question = apps.get_model("programme", "Question")
    programme, created = Programme.objects.get_or_create(key=1)
    if created:
        Question.objects.bulk_create(
            Question(
                programme=programme,
                order=number,
                question_nl=q_nl,
                answer_nl=a_nl,
                question_en=q_en,
                answer_en=a_en,
            )
            for number, (q_nl, a_nl, q_en, a_en) in enumerate(defaults.QUESTIONS, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
