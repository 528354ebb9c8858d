"""One rule for free text: no control characters, one line where one line is meant, a length.

Forms, the admin and the services all refuse the same text with the same Dutch message.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching import services as coaching
from companies import services as companies
from companies.forms import CompanyForm, SubmitForm
from companies.models import NeedsAnalysis, Region
from companies.questionnaire import get_questionnaire, validate_answers
from leercultuur.text import (
    MultiLineField,
    MultiLineFormField,
    SingleLineField,
    one_line,
    validate_multi_line,
    validate_single_line,
)
from networks import services as networks
from people.models import PeopleInformed
from tests.conftest import client_for
from tests.factories import EditionFactory, NeedsAnalysisFactory, meeting_for, running_enrolment

ONE_LINE = "Schrijf dit op één regel, zonder regeleinden."
CONTROL = "Deze tekst bevat een onzichtbaar stuurteken"

# Text columns that the portal writes itself, never a person: copies of validated values,
# codes, hashes, generated documents and error logs.
WRITTEN_BY_THE_PORTAL = {
    "accounts.User.password": "a password hash",
    "companies.NeedsAnalysis.last_section": "a section key of the questionnaire",
    "invoicing.Invoice.number": "the number the series gives",
    "invoicing.Invoice.pdf_sha256": "a checksum",
    "invoicing.Invoice.pdf_error": "the renderer's error, for staff",
    "invoicing.Invoice.ubl_xml": "the generated e-invoice",
    "reports.Report.sha256": "a checksum",
    "reports.Report.error": "the renderer's error, for staff",
    "outbox.Mail.kind": "a template name",
    "outbox.Mail.subject": "rendered from a template, made one line when queued",
    "outbox.Mail.body": "rendered from a template",
    "outbox.Mail.html_body": "rendered by allauth",
    "outbox.Mail.message_id": "generated",
    "outbox.Mail.last_error": "the mail server's reply, for staff",
    "outbox.MailAttachment.filename": "named by the portal",
    "outbox.MailAttachment.mimetype": "chosen by the portal",
    "outbox.Mail.secret": "a link made by the portal",
    "surveys.TeamSurvey.company_token": "generated",
    "surveys.PersonalLink.token_hash": "generated",
}
# The invoice's copy of the parties, made when it is issued from validated rows.
COPIED_ON_ISSUE = ("seller_", "buyer_")
OWN_APPS = (
    "accounts",
    "companies",
    "coaching",
    "networks",
    "invoicing",
    "reports",
    "outbox",
    "surveys",
)


def text_columns() -> list[tuple[str, models.Field]]:
    found = []
    for app in OWN_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                plain = isinstance(field, models.CharField | models.TextField)
                if plain and not isinstance(field, models.EmailField | models.URLField):
                    found.append((f"{model._meta.label}.{field.name}", field))
    return found


def test_every_text_a_person_types_has_the_one_validator_and_a_length() -> None:
    unchecked = []
    for label, field in text_columns():
        if field.choices or label in WRITTEN_BY_THE_PORTAL:
            continue
        if label.startswith("invoicing.Invoice.") and field.name.startswith(COPIED_ON_ISSUE):
            continue
        if isinstance(field, models.TextField) and not isinstance(field, MultiLineField):
            unchecked.append(f"{label}: a TextField without the multi-line rule and a length")
        elif isinstance(field, models.CharField) and not isinstance(field, SingleLineField):
            unchecked.append(f"{label}: a CharField without the single-line rule")
    assert not unchecked, "\n".join(unchecked)


def test_every_multi_line_text_checks_its_length_in_the_model() -> None:
    for label, field in text_columns():
        if isinstance(field, MultiLineField):
            lengths = [v.limit_value for v in field.validators if hasattr(v, "limit_value")]
            assert lengths == [field.max_length], label


# --- The validator ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bakkerij\nJansen",
        "Bakkerij\r\nJansen",
        "Bakkerij\u2028Jansen",  # line separator
        "Bakkerij\u2029Jansen",  # paragraph separator
        "Bakkerij\x85Jansen",  # next line
        "Bakkerij\x0bJansen",  # vertical tab, as Word pastes a manual line break
    ],
)
def test_one_line_refuses_every_kind_of_line_break(text: str) -> None:
    with pytest.raises(ValidationError, match=ONE_LINE):
        validate_single_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bak\tkerij",
        "Bak\x00kerij",
        "Bak\x1bkerij",
        "Bak\x7fkerij",
        "fdp.\u202eexe",
        "a\u2066b\u2069",
    ],
)
def test_no_text_holds_a_control_character_or_a_bidi_override(text: str) -> None:
    with pytest.raises(ValidationError, match=CONTROL):
        validate_single_line(text)
    if "\t" not in text:
        with pytest.raises(ValidationError, match=CONTROL):
            validate_multi_line(text)


def test_several_lines_keep_their_line_breaks_and_tabs() -> None:
    validate_multi_line("Eerste regel\r\nTweede\tregel\n")
    validate_single_line("Bakkerij “De Korf” B.V. – Zuid · 🥐 שלום مرحبا")  # all ordinary text


def test_a_text_area_keeps_lf_line_endings() -> None:
    field = MultiLineFormField(max_length=100)
    assert field.clean("een\r\ntwee\rdrie") == "een\ntwee\ndrie"


def test_one_line_makes_anything_fit_a_header() -> None:
    assert one_line("a\r\nBcc: x\u2028\u202e b\t") == "a Bcc: x b"


# --- Forms, admin and services alike ---------------------------------------------------------


@pytest.mark.django_db
def test_the_company_form_refuses_a_line_break_in_the_name() -> None:
    form = CompanyForm({"legal_name": "Bakkerij\nJansen"})
    assert ONE_LINE in form.errors["legal_name"][0]


def test_a_text_area_is_checked_for_its_length_and_controls(db: None) -> None:
    edition = EditionFactory.build()
    form = SubmitForm({"motivation": "x" * 5001, "accept_terms": "on"}, edition=edition)
    assert form.errors["motivation"]
    form = SubmitForm({"motivation": "Leren\x07", "accept_terms": "on"}, edition=edition)
    assert CONTROL in form.errors["motivation"][0]


@pytest.mark.django_db
def test_the_admin_refuses_it_too_and_saves_nothing(staff: User) -> None:
    region = Region.objects.first()
    assert region is not None
    url = reverse("admin:companies_region_change", args=[region.pk])

    response = client_for(staff).post(url, {"name": "Veluwe\u202eevuleV", "is_active": "on"})

    assert response.status_code == 200
    assert CONTROL in response.content.decode()
    region.refresh_from_db()
    assert "\u202e" not in region.name


@pytest.mark.django_db
def test_services_refuse_it_on_the_field(contact: User, coach: User, staff: User) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    meeting = meeting_for(enrolment, days=7)

    PeopleInformed.objects.create(company=enrolment.company, confirmed_by=contact)
    with pytest.raises(ValidationError) as refused:
        networks.registration_add(
            meeting=meeting,
            enrolment=enrolment,
            by=contact,
            newcomer={"name": "Anna\r\nBcc: x@example.com", "group": "employee"},
        )
    assert refused.value.message_dict["name"] == [ONE_LINE]

    with pytest.raises(ValidationError) as refused:
        coaching.session_log(
            enrolment=enrolment,
            coach=coach,
            fields={
                "date": timezone.localdate(),
                "minutes": 60,
                "activity": "intake",
                "summary": "x" * 2001,
            },
        )
    assert "summary" in refused.value.message_dict

    analysis = NeedsAnalysisFactory.create(
        enrolment=enrolment, status=NeedsAnalysis.Status.SUBMITTED
    )
    with pytest.raises(ValidationError) as refused:
        companies.analysis_review(
            analysis=analysis, by=coach, learning_question="Hoe\x1b[31m?", coach_summary=""
        )
    assert CONTROL in refused.value.message_dict["learning_question"][0]

    with pytest.raises(ValidationError) as refused:
        coaching.coach_invite(
            email="nieuw@coach.nl", full_name="Eva\nde Vries", organisation="", by=staff
        )
    assert refused.value.message_dict["full_name"] == [ONE_LINE]
    assert not User.objects.filter(email="nieuw@coach.nl").exists()


def test_a_questionnaire_answer_is_checked_and_keeps_lf_line_endings() -> None:
    questionnaire = get_questionnaire()
    section = next(s for s in questionnaire.sections if any(q.kind == "text" for q in s.questions))
    question = next(q for q in section.questions if q.kind == "text")

    cleaned, errors = validate_answers(
        questionnaire, section.key, {question.key: "Regel\r\nRegel"}, require_complete=False
    )
    assert cleaned[question.key] == "Regel\nRegel"
    _cleaned, errors = validate_answers(
        questionnaire, section.key, {question.key: "Regel\u202e"}, require_complete=False
    )
    assert CONTROL in errors[question.key][0]
