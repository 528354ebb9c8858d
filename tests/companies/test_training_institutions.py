"""Training institutions: kept by staff in the admin, suggested in the plan beside the
free text for one not listed; how people learn: formal, work-based or informal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from companies.models import Enrolment, PlanAction, TrainingInstitution
from companies.services import plan_action_save
from tests.browser.test_pages import assert_clean_page
from tests.conftest import client_for
from tests.factories import DevelopmentPlanFactory, PlanActionFactory, running_enrolment

pytestmark = pytest.mark.django_db

ACTION = {
    "title": "Bbl-opleiding voor twee monteurs",
    "kind": "work_based",
    "target_group": "mbo_staff",
}


@pytest.fixture
def enrolment(contact: User, coach: User) -> Enrolment:
    return running_enrolment(contact.contact.company, coach)


@pytest.fixture
def roc() -> TrainingInstitution:
    return TrainingInstitution.objects.create(
        name="Graafschap College", kind=TrainingInstitution.Kind.ROC, place="Doetinchem"
    )


def plan_data(**changes: object) -> dict[str, object]:
    return {**ACTION, "status": "planned", "institution": "", "training_institution": "", **changes}


def test_the_plan_suggests_active_institutions_and_explains_each_kind(
    enrolment: Enrolment, roc: TrainingInstitution, contact: User
) -> None:
    TrainingInstitution.objects.create(name="Oude Opleider", kind="private", is_active=False)

    text = (
        client_for(contact).get(reverse("plan_detail", args=[enrolment.public_id])).content.decode()
    )

    assert_clean_page(text, "plan_detail")
    assert "Graafschap College (Doetinchem)" in text
    assert "Oude Opleider" not in text
    assert "Werkend leren: bbl, praktijkleren, een leerwerkplek" in text
    assert "Informeel leren: op de werkvloer, met een mentor" in text
    assert "Formeel leren: een cursus of training" in text


def test_an_action_names_a_listed_institution_and_shows_it(
    enrolment: Enrolment, roc: TrainingInstitution, contact: User
) -> None:
    client = client_for(contact)
    url = reverse("plan_detail", args=[enrolment.public_id])

    response = client.post(url, plan_data(institution=roc.pk))

    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert (action.kind, action.institution, action.institution_name) == (
        "work_based",
        roc,
        "Graafschap College",
    )
    assert "Graafschap College" in client.get(url).content.decode()


def test_one_not_listed_is_typed_in_and_earlier_typed_ones_still_show(
    enrolment: Enrolment, contact: User
) -> None:
    plan = DevelopmentPlanFactory.create(enrolment=enrolment)
    PlanActionFactory.create(plan=plan, training_institution="Bakkerij Academie Zuid")

    text = (
        client_for(contact).get(reverse("plan_detail", args=[enrolment.public_id])).content.decode()
    )

    assert "Bakkerij Academie Zuid" in text


def test_a_listed_and_a_typed_institution_together_are_refused(
    enrolment: Enrolment, roc: TrainingInstitution, contact: User
) -> None:
    url = reverse("plan_detail", args=[enrolment.public_id])

    response = client_for(contact).post(
        url, plan_data(institution=roc.pk, training_institution="Iets anders")
    )

    assert response.status_code == 200
    assert (
        "Kies een opleider uit de lijst of typ er een in, niet allebei."
        in response.content.decode()
    )
    assert not PlanAction.objects.exists()


def test_an_inactive_institution_is_not_chosen_anew_but_stays_on_its_action(
    enrolment: Enrolment, roc: TrainingInstitution
) -> None:
    action = plan_action_save(enrolment=enrolment, fields={**ACTION, "institution": roc})
    roc.is_active = False
    roc.save()

    with pytest.raises(ValidationError, match="staat niet meer in de lijst"):
        plan_action_save(enrolment=enrolment, fields={**ACTION, "institution": roc})
    kept = plan_action_save(
        enrolment=enrolment,
        fields={**ACTION, "title": "Nieuwe titel", "institution": roc},
        action=action,
    )
    assert kept.institution == roc
    assert PlanAction.objects.count() == 1


def test_staff_keep_the_institutions_in_the_admin(staff: User, roc: TrainingInstitution) -> None:
    client = client_for(staff)
    changelist = reverse("admin:companies_traininginstitution_changelist")

    assert "Graafschap College" in client.get(changelist, {"q": "Doetinchem"}).content.decode()
    assert (
        "Graafschap College" not in client.get(changelist, {"kind__exact": "aoc"}).content.decode()
    )
    response = client.post(
        reverse("admin:companies_traininginstitution_add"),
        {
            "name": "Aeres MBO Barneveld",
            "kind": "aoc",
            "place": "Barneveld",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    added = TrainingInstitution.objects.get(name="Aeres MBO Barneveld")
    assert added.kind == TrainingInstitution.Kind.AOC
    page = client.get(reverse("admin:companies_traininginstitution_change", args=[added.pk]))
    assert "Contactpersoon" in page.content.decode()


def test_a_contact_is_no_admin_for_institutions(contact: User) -> None:
    response = client_for(contact).get(reverse("admin:companies_traininginstitution_changelist"))

    assert response.status_code == 302
