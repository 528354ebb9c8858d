"""Demo participants for `seed_demo`: the people of the demo companies that hold a place.

The coaching and networks demos pick them for sessions and meetings (``people_for``).
"""

from companies.models import Company, Enrolment
from people.models import Participant, PeopleInformed
from people.selectors import participants_of
from people.services import participant_save

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
    """The people of every demo company with a place (safe to run again)."""
    companies = Company.objects.filter(enrolments__status__in=Enrolment.HOLDS_PLACE).distinct()
    return [person for company in companies for person in people_for(company)]
