"""The people of a plan action and an ambassador's activities in a real browser, on a
phone-sized screen: a coach adds a person to an action, records a certificate, and records
what an ambassador did; axe-core finds nothing on any of the pages."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import User
from companies.models import PlanAction, TrainingInstitution
from people.models import ActionParticipant, AmbassadorActivity
from tests.factories import DevelopmentPlanFactory, ParticipantFactory, running_enrolment
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link(label: str, about: str) -> re.Pattern[str]:
    """A link's name: its text, then (hidden from sight) what it is about."""
    return re.compile(rf"^{re.escape(label)}\s*:\s*{re.escape(about)}$")


def fits(page: object) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # type: ignore[attr-defined]


def test_a_coach_records_who_learns_and_what_an_ambassador_did_on_a_phone(
    page, live_server, contact: User, coach: User
) -> None:
    enrolment = running_enrolment(contact.contact.company, coach)
    TrainingInstitution.objects.create(name="Graafschap College", kind="roc", place="Doetinchem")
    action = PlanAction.objects.create(
        plan=DevelopmentPlanFactory.create(enrolment=enrolment),
        title="Bbl-opleiding voor twee monteurs",
        kind=PlanAction.Kind.WORK_BASED,
        target_group=PlanAction.TargetGroup.MBO_STAFF,
    )
    ParticipantFactory.create(company=enrolment.company, name="Tom Hendriks", job_title="Monteur")
    sevda = ParticipantFactory.create(
        company=enrolment.company, name="Sevda Yilmaz", is_ambassador=True
    )
    started = timezone.localdate() - datetime.timedelta(days=90)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, coach)

    # The plan suggests the institutions and says how each kind learns.
    page.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/plan/")
    assert page.get_by_label("Werkend leren: bbl, praktijkleren, een leerwerkplek").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=link("Wie doet mee", "Bbl-opleiding voor twee monteurs")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Wie").select_option(label="Tom Hendriks (Monteur)")
    page.get_by_label("Begonnen op").fill(started.isoformat())
    page.get_by_role("button", name="Aan de actie toevoegen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tom Hendriks doet mee.").is_visible()
    assert fits(page)
    assert_accessible(page)

    page.get_by_role("link", name=link("Wijzigen", "Tom Hendriks")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Afgerond op").fill(timezone.localdate().isoformat())
    page.get_by_label("Diploma").check()
    page.get_by_label("Niveau").select_option("mbo3")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Diploma (mbo niveau 3)").is_visible()
    done = ActionParticipant.objects.get(action=action)
    assert (done.certificate, done.certificate_level) == ("diploma", "mbo3")

    page.get_by_role("link", name=link("Verwijderen", "Tom Hendriks")).click()
    page.wait_for_load_state()
    assert_accessible(page)

    # The ambassador's activities, reached from the participants page.
    page.goto(f"{live_server.url}/inschrijvingen/{enrolment.public_id}/deelnemers/")
    page.get_by_role("link", name=link("0 activiteiten als ambassadeur", "Sevda Yilmaz")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Vertelde op een bijeenkomst").check()
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Korte beschrijving").fill("Vertelde in het lerend netwerk over de bbl")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vertelde in het lerend netwerk over de bbl").is_visible()
    assert fits(page)
    assert_accessible(page)
    assert AmbassadorActivity.objects.get().participant == sevda
