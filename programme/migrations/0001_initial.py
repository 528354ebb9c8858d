
import django.core.validators
import django.db.models.deletion
import leercultuur.text
import re
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('key', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ('name', leercultuur.text.SingleLineField(default='Leercultuur MKB', max_length=100, verbose_name='name')),
                ('operator', leercultuur.text.SingleLineField(default='VNO-NCW Midden', help_text='Who runs it.', max_length=200, verbose_name='operator')),
                ('funder', leercultuur.text.SingleLineField(default='Provincie Gelderland', help_text='Who pays for it.', max_length=200, verbose_name='funder')),
                ('province', leercultuur.text.SingleLineField(default='Gelderland', help_text='Where companies must be based; named in the reports.', max_length=100, verbose_name='province')),
                ('partners', leercultuur.text.MultiLineField(blank=True, default='Gelders Vakmanschap', help_text='One per line.', max_length=2000, verbose_name='partners')),
                ('contribution', models.DecimalField(decimal_places=2, default=Decimal('2000.00'), help_text='Excluding VAT; what a new edition starts with.', max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0.00'))], verbose_name='own contribution')),
                ('coach_hours', models.PositiveSmallIntegerField(default=120, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(1000)], verbose_name='coach hours')),
                ('trajectory_months', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(36)], verbose_name='months of a trajectory')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address of the programme office')),
                ('contact_phone', leercultuur.text.SingleLineField(blank=True, max_length=20, verbose_name='phone number of the programme office')),
                ('contact_address', leercultuur.text.MultiLineField(blank=True, max_length=500, verbose_name='address of the programme office')),
                ('logo', models.ImageField(blank=True, help_text='A PNG or JPEG, shown on every page and PDF; without one the name is shown.', upload_to='programme/', verbose_name='logo')),
                ('primary_colour', leercultuur.text.SingleLineField(default='#1b5e7b', help_text='Buttons and the top bar: white text on it must stay readable.', max_length=7, validators=[django.core.validators.RegexValidator(re.compile('^#[0-9a-fA-F]{6}$'), 'Give a colour as # and six hex digits.')], verbose_name='main colour')),
                ('accent_colour', leercultuur.text.SingleLineField(default='#f2b134', max_length=7, validators=[django.core.validators.RegexValidator(re.compile('^#[0-9a-fA-F]{6}$'), 'Give a colour as # and six hex digits.')], verbose_name='accent colour')),
                ('tagline_nl', leercultuur.text.MultiLineField(default='Samen werken aan leren in uw bedrijf: voor directie en medewerkers.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='tagline (Dutch)')),
                ('tagline_en', leercultuur.text.MultiLineField(blank=True, default='Building a learning culture in your company, for management and staff alike.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='tagline (English)')),
                ('intro_nl', leercultuur.text.MultiLineField(default="{naam} helpt kleine en middelgrote bedrijven om leren een vast onderdeel van het werk te maken. {maanden} maanden lang werkt u met een arbeidsmarktcoach aan een plan dat past bij uw bedrijf en uw mensen.\n\nHet programma is er voor directie én medewerkers, en vooral voor collega's met een mbo-opleiding. U leert ook van andere bedrijven in een lerend netwerk.", help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='introduction (Dutch)')),
                ('intro_en', leercultuur.text.MultiLineField(blank=True, default='{naam} helps small and medium-sized companies make learning part of the daily work. For {maanden} months you work with a labour-market coach on a plan that fits your company and your people.\n\nThe programme is for management and staff, above all colleagues with a vocational (mbo) education. You also learn from other companies in a learning network.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='introduction (English)')),
                ('audience_nl', leercultuur.text.MultiLineField(default='Het programma is voor bedrijven in {provincie} met minder dan 250 medewerkers. Directie en medewerkers doen samen mee. We richten ons vooral op medewerkers met een mbo-opleiding.\n\nU hoeft nog geen plan te hebben. De coach helpt u op weg.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='for whom (Dutch)')),
                ('audience_en', leercultuur.text.MultiLineField(blank=True, default='The programme is for companies in {provincie} with fewer than 250 employees. Management and staff take part together. We focus above all on staff with a vocational (mbo) education.\n\nYou do not need a plan yet. The coach helps you get started.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='for whom (English)')),
                ('approach_nl', leercultuur.text.MultiLineField(default='U begint met een behoefteanalyse. Samen met de coach kijkt u waar uw bedrijf nu staat: hoe leren uw mensen, wat hebben ze nodig?\n\nDaarna maakt u een ontwikkelplan. Daarin staan cursussen bij een opleider, leren op de werkplek en leren van elkaar.\n\nTijdens het traject komt u samen met andere bedrijven in een lerend netwerk. Aan het eind doet u de meting opnieuw en ziet u wat er veranderd is.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='how it works (Dutch)')),
                ('approach_en', leercultuur.text.MultiLineField(blank=True, default='You start with a needs analysis. With the coach you look at where your company stands now: how do your people learn, and what do they need?\n\nThen you make a development plan: courses with a training institution, learning on the job and learning from each other.\n\nDuring the trajectory you meet other companies in a learning network. At the end you take the measurement again and see what has changed.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='how it works (English)')),
                ('offer_nl', leercultuur.text.MultiLineField(default='U krijgt {uren} uur begeleiding van een arbeidsmarktcoach, een ontwikkelplan op maat en een plek in een lerend netwerk. De provincie betaalt het grootste deel.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='what a company gets (Dutch)')),
                ('offer_en', leercultuur.text.MultiLineField(blank=True, default='You get {uren} hours of guidance by a labour-market coach, a development plan made to measure and a place in a learning network. The province pays the largest part.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='what a company gets (English)')),
                ('terms_nl', leercultuur.text.MultiLineField(default='Door u aan te melden gaat u akkoord met deze voorwaarden.\n\nUw bedrijf betaalt een eigen bijdrage van {bijdrage} (exclusief btw). U krijgt de factuur nadat uw aanmelding is geaccepteerd.\n\nU werkt mee aan de behoefteanalyse aan het begin en de meting aan het eind. Wij gebruiken de uitkomsten zonder naam voor de verantwoording aan de provincie.\n\nStopt u voor het traject begint? Dan krijgt u de eigen bijdrage terug.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='terms (Dutch)')),
                ('terms_en', leercultuur.text.MultiLineField(blank=True, default='By enrolling you accept these terms.\n\nYour company pays an own contribution of {bijdrage} (excluding VAT). You receive the invoice once your enrolment has been accepted.\n\nYou take part in the needs analysis at the start and the measurement at the end. We use the results without names to account to the province.\n\nIf you withdraw before the trajectory starts, the own contribution is refunded.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='terms (English)')),
                ('privacy_nl', leercultuur.text.MultiLineField(default='Wij gebruiken uw gegevens alleen voor het programma: uw aanmelding, de begeleiding, de facturen en de verantwoording aan de provincie.\n\nWie in het portaal een account heeft, kan zijn gegevens downloaden en laten verwijderen. De antwoorden op de medewerkerspeiling zijn anoniem: niemand kan zien wie wat heeft ingevuld.\n\nFacturen bewaren we zeven jaar, zoals de wet vraagt. Vragen over privacy stelt u aan het programmabureau.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='privacy statement (Dutch)')),
                ('privacy_en', leercultuur.text.MultiLineField(blank=True, default='We use your data for the programme only: your enrolment, the coaching, the invoices and the account to the province.\n\nAnyone with an account in the portal can download their data and have it erased. Answers to the team survey are anonymous: nobody can see who answered what.\n\nInvoices are kept for seven years, as the law requires. Please ask the programme office any question about privacy.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='privacy statement (English)')),
                ('accessibility_nl', leercultuur.text.MultiLineField(default='Wij willen dat iedereen dit portaal kan gebruiken, ook op een telefoon, met alleen een toetsenbord of met een schermlezer.\n\nWij testen elke pagina automatisch met axe-core, op een breed scherm en op een telefoon. Vindt u toch iets dat niet werkt? Laat het het programmabureau weten. Wij reageren binnen vijf werkdagen.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='accessibility statement (Dutch)')),
                ('accessibility_en', leercultuur.text.MultiLineField(blank=True, default='We want everyone to be able to use this portal, also on a phone, with only a keyboard or with a screen reader.\n\nEvery page is tested automatically with axe-core, on a wide screen and on a phone. Did you find something that does not work? Please tell the programme office. We answer within five working days.', help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=10000, verbose_name='accessibility statement (English)')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
            ],
            options={
                'verbose_name': 'programme settings',
                'verbose_name_plural': 'programme settings',
                'constraints': [models.CheckConstraint(condition=models.Q(('key', 1)), name='programme_single_row')],
            },
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('question_nl', leercultuur.text.SingleLineField(max_length=200, verbose_name='question (Dutch)')),
                ('answer_nl', leercultuur.text.MultiLineField(help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=2000, verbose_name='answer (Dutch)')),
                ('question_en', leercultuur.text.SingleLineField(blank=True, max_length=200, verbose_name='question (English)')),
                ('answer_en', leercultuur.text.MultiLineField(blank=True, help_text='Plain paragraphs, separated by an empty line. These words are filled in: {naam}, {organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}.', max_length=2000, verbose_name='answer (English)')),
                ('programme', models.ForeignKey(default=1, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='programme.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'question',
                'verbose_name_plural': 'questions and answers',
                'ordering': ['order', 'pk'],
            },
        ),
    ]
