"""A demo learning network with past and coming meetings for `seed_demo`."""

import datetime

from django.utils import timezone

from accounts.models import User
from companies.models import Company, Enrolment
from networks.models import Experience, LearningNetwork, Meeting, Registration
from networks.services import attendance_open_refresh
from people.selectors import participants_of

MEETINGS = (
    # (days from today, theme, capacity, agenda)
    (
        -35,
        "Leren op de werkvloer",
        12,
        "Inloop\nTwee bedrijven over leren op de werkvloer\nGesprek in kleine groepen",
    ),
    (
        -7,
        "Mbo'ers laten doorgroeien",
        12,
        "Ontvangst\nEen ROC over maatwerkopleidingen\nUitwisseling",
    ),
    (
        9,
        "De leercultuur meten: wat levert het op?",
        10,
        "Ontvangst\nDe eerste resultaten van de nulmetingen\nWerksessie",
    ),
    (44, "Afsluiting en vervolg", 20, "Terugblik op het traject\nPlannen voor na het traject"),
)
# Who of each company comes: their participants by name (coaching.demo lists them; its
# seed runs first), or, for a company without them, these names typed in as of old.
PEOPLE = (("Ilse Bosch", "Leidinggevende productie", False), ("Tom Hendriks", "Bakker", True))


def seed_networks(*, coach: User) -> None:
    """One network of the running companies, facilitated by the demo coach."""
    members = list(Enrolment.objects.filter(status=Enrolment.Status.ACTIVE))
    if not members:
        return
    network, created = LearningNetwork.objects.get_or_create(
        edition=members[0].edition,
        name="Lerend netwerk Achterhoek en Liemers",
        defaults={"region": members[0].company.region},
    )
    if not created:
        return
    network.facilitators.add(coach)
    network.members.add(*members)
    host = members[0].company
    for days, theme, capacity, agenda in MEETINGS:
        _meeting(network, host, days, theme, capacity, agenda, members, coach)


def _meeting(
    network: LearningNetwork,
    host: Company,
    days: int,
    theme: str,
    capacity: int,
    agenda: str,
    members: list[Enrolment],
    coach: User,
) -> None:
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 30)))
    past = days < 0
    meeting = Meeting.objects.create(
        network=network,
        theme=theme,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2, minutes=30),
        location=f"{host.legal_name}, {host.street_address}, {host.city}",
        agenda=agenda,
        capacity=capacity,
        host_company=host,
        report="Goede opkomst en een open gesprek over wat werkt." if past else "",
        # The demo has no reminders to send for it.
        reminded_at=timezone.now() if days < 3 else None,
    )
    for enrolment in members:
        listed = {p.name: p for p in participants_of(enrolment.company, active_only=True)}
        for name, role, is_mbo in PEOPLE:
            # Straight to the table: the service would mail them, and refuse the past.
            person = listed.get(name)
            Registration.objects.create(
                meeting=meeting,
                enrolment=enrolment,
                participant=person,
                name="" if person else name,
                role="" if person else role,
                is_mbo=person.is_mbo if person else is_mbo,
                attended=(name != "Tom Hendriks" or days == -7) if past else None,
            )
    attendance_open_refresh(meeting_ids=[meeting.pk])
    if past:
        Experience.objects.create(
            network=network,
            meeting=meeting,
            author=coach,
            body=f"Na '{theme}': de bedrijven spraken af elkaars werkvloer te bezoeken.",
        )
