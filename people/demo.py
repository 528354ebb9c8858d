"""Demo participants for `seed_demo`: the people of the demo companies that hold a place,
who takes part in which plan action, and what the ambassadors did.

The coaching and networks demos pick them for sessions and meetings (``people_for``).
"""

import datetime

from django.utils import timezone

from companies.models import Company, Enrolment, PlanAction
from people.models import ActionParticipant, AmbassadorActivity, Participant, PeopleInformed
from people.selectors import participants_of
from people.services import action_participant_save, ambassador_activity_record, participant_save

# (action title, person, started, finished: days ago, certificate, level) in the demo plan.
LEARNING = (
    ("Werkplekleren voor nieuwe bakkers", "Tom Hendriks", 70, 20, "none", ""),
    ("Werkplekleren voor nieuwe bakkers", "Lotte van Dijk", 70, 20, "none", ""),
    ("Training coachend leidinggeven", "Sevda Yilmaz", 50, 10, "certificate", "mbo4"),
    ("Training coachend leidinggeven", "Ilse Bosch", 50, None, "none", ""),
    ("Mbo-4 opleiding (BBL) voor twee teamleiders", "Ruud Peters", 30, None, "none", ""),
)
# (ambassador, what, days ago, description)
AMBASSADORS = (
    ("Ilse Bosch", "led_action", 60, "Begeleidde het werkplekleren voor nieuwe bakkers"),
    ("Sevda Yilmaz", "brought_colleagues", 45, "Nam twee collega's mee naar de training"),
    ("Sevda Yilmaz", "spoke", 12, "Vertelde in het lerend netwerk over inwerken"),
)

# (name, job title, group, education, ambassador, e-mail name) of a demo company's people.
PEOPLE = (
    ("Ilse Bosch", "Leidinggevende productie", "management", "hbo", True, ""),
    ("Tom Hendriks", "Vakkracht", "employee", "mbo3", False, "tom.hendriks"),
    ("Sevda Yilmaz", "Teamleider", "management", "mbo4", True, ""),
    ("Ruud Peters", "Medewerker logistiek", "employee", "mbo2", False, ""),
    ("Lotte van Dijk", "Medewerker", "employee", "unknown", False, ""),
)


def people_for(company: Company) -> list[Participant]:
    """The demo people of a company, listed once (safe to call again), with the contact's
    statement that they were told."""
    if not PeopleInformed.objects.filter(company=company).exists():
        contact = company.contacts.select_related("user").first()
        PeopleInformed.objects.create(
            company=company, confirmed_by=contact.user if contact else None
        )
    listed = {person.name for person in participants_of(company)}
    for name, job_title, group, education, ambassador, email in PEOPLE:
        if name not in listed:
            fields = {
                "name": name,
                "job_title": job_title,
                "group": group,
                "education": education,
                "is_ambassador": ambassador,
                # One address per person: each company's Tom is someone else.
                "email": f"{email}.{company.kvk_number}@leercultuur.test" if email else "",
            }
            participant_save(company=company, fields=fields)
    return list(participants_of(company).filter(name__in=[entry[0] for entry in PEOPLE]))


def seed_people() -> list[Participant]:
    """The people of every demo company with a place, and in the company with a plan who
    learns what and what its ambassadors did (safe to run again)."""
    companies = Company.objects.filter(enrolments__status__in=Enrolment.HOLDS_PLACE).distinct()
    people = []
    for company in companies:
        listed = people_for(company)
        _learning(company, {person.name: person for person in listed})
        people += listed
    return people


def _learning(company: Company, people: dict[str, Participant]) -> None:
    today = timezone.localdate()
    actions = {
        action.title: action
        for action in PlanAction.objects.filter(plan__enrolment__company=company).select_related(
            "plan__enrolment"
        )
    }
    for title, name, started, finished, certificate, level in LEARNING:
        action, person = actions.get(title), people.get(name)
        if action is None or person is None:
            continue
        if ActionParticipant.objects.filter(action=action, participant=person).exists():
            continue
        fields = {
            "started_on": today - datetime.timedelta(days=started),
            "finished_on": today - datetime.timedelta(days=finished) if finished else None,
            "certificate": certificate,
            "certificate_level": level,
        }
        action_participant_save(action=action, participant=person, fields=fields)
    contact = company.contacts.select_related("user").first()
    if not actions or contact is None:
        return
    for name, kind, days, description in AMBASSADORS:
        person = people.get(name)
        if (
            person is None
            or AmbassadorActivity.objects.filter(participant=person, kind=kind).exists()
        ):
            continue
        fields = {
            "kind": kind,
            "happened_on": today - datetime.timedelta(days=days),
            "description": description,
        }
        ambassador_activity_record(participant=person, fields=fields, by=contact.user)
