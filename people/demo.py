"""Demo participants for `seed_demo`: the people of the demo companies that hold a place."""

from companies.models import Company, Enrolment
from people.models import Education, Group, Participant, PeopleInformed

# (name, job title, group, education, ambassador): a small bakery's or workshop's people.
PEOPLE = (
    ("Anna de Vries", "Bakker", Group.EMPLOYEE, Education.MBO3, True),
    ("Bram Jansen", "Leerling-bakker (BBL)", Group.EMPLOYEE, Education.MBO2, False),
    ("Cem Yilmaz", "Productiemedewerker", Group.EMPLOYEE, Education.MBO1, False),
    ("Dewi Pranoto", "Winkelmedewerker", Group.EMPLOYEE, Education.NONE, False),
    ("Eva Hendriks", "Teamleider", Group.MANAGEMENT, Education.MBO4, True),
    ("Frank Ottens", "Eigenaar", Group.MANAGEMENT, Education.HBO, False),
)


def seed_people() -> list[Participant]:
    """The people of every demo company with a place, listed once (safe to run again)."""
    companies = Company.objects.filter(enrolments__status__in=Enrolment.HOLDS_PLACE).distinct()
    listed = []
    for company in companies.prefetch_related("contacts__user"):
        contact = company.contacts.first()
        PeopleInformed.objects.get_or_create(
            company=company, defaults={"confirmed_by": contact.user if contact else None}
        )
        for name, job_title, group, education, ambassador in PEOPLE:
            person, _created = Participant.objects.get_or_create(
                company=company,
                name=name,
                defaults={
                    "job_title": job_title,
                    "group": group,
                    "education": education,
                    "is_ambassador": ambassador,
                },
            )
            listed.append(person)
    return listed
