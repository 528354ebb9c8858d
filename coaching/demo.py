import datetime

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from coaching.models import Coach
from people.demo import PEOPLE, people_for


def seed_coaching() -> tuple[list[str], User]:
    """The demo coach; returns the login lines and the coach's user."""
    user = demo_user("coach@leercultuur.test", "Ahmed El Amrani")
    Coach.objects.get_or_create(user=user, defaults={"organisation": "Gelders Vakmanschap"})
    return [f"coach            {user.email}  (asked to set up TOTP at first login)"], user


# (days after the start, minutes, activity, summary, who took part by index in PEOPLE)
# of the demo sessions.
_SESSIONS = [
    (0, 90, "intake", "Kennismaking en uitleg van het traject.", (0,)),
    (7, 120, "needs_analysis", "Behoefteanalyse met directie en HR doorgenomen.", (0, 2)),
    (
        21,
        180,
        "team_session",
        "Teamsessie met de leidinggevenden over leren op de werkvloer.",
        (0, 1, 2, 3),
    ),
    (35, 60, "conversation", "Voortgang van de eerste acties besproken.", (2, 1)),
    (49, 240, "workshop", "Workshop coachend leidinggeven voor teamleiders.", (0, 2, 3, 4)),
    (63, 45, "preparation", "Verslag en planning voor de komende maand.", ()),
]


def seed_sessions(coach: User) -> None:
    """Sessions for the demo coach's trajectories; the longest-running nearly uses its budget."""
    from coaching.services import session_log
    from companies.models import Enrolment

    for enrolment in Enrolment.objects.filter(lead_coach=coach, status=Enrolment.Status.ACTIVE):
        if enrolment.sessions.exists() or enrolment.start_date is None:
            continue
        by_name = {person.name: person for person in people_for(enrolment.company)}
        people = [by_name[entry[0]] for entry in PEOPLE]
        today = timezone.localdate()
        rounds = 4 if (today - enrolment.start_date).days > 150 else 1
        ahead = 0
        for round_number in range(rounds):
            for day, minutes, activity, summary, took_part in _SESSIONS:
                date = enrolment.start_date + datetime.timedelta(days=day + round_number * 70)
                if date > today:  # not ahead, and one a day: a coach's day has a maximum
                    date, ahead = today - datetime.timedelta(days=ahead), ahead + 1
                fields = {
                    "date": date,
                    "minutes": minutes * (2 if rounds > 1 else 1),
                    "activity": activity,
                    "summary": summary,
                    "private_notes": "Let op: directie wil vooral snel resultaat zien.",
                    # Counted from the people; a session without them keeps these.
                    "people": [people[index] for index in took_part],
                    "participants": 1,
                    "mbo_participants": 0,
                }
                session_log(enrolment=enrolment, coach=coach, fields=fields)


def seed_extra_hours(coach: User) -> None:
    """The company nearest its budget asks, through its coach, for extra hours: a request
    waiting on the staff's work surface (asked once; the service allows one open request)."""
    from coaching.extra_hours import extra_hours_request
    from companies.models import Enrolment

    running = Enrolment.objects.filter(lead_coach=coach, status=Enrolment.Status.ACTIVE)
    busiest = running.order_by("-minutes_used").first()
    if busiest is None or busiest.budget_adjustments.exists():
        return
    extra_hours_request(
        enrolment=busiest,
        by=coach,
        minutes=16 * 60,
        reason="De teamleiders willen de werkplekopleiding voor BBL-leerlingen afmaken.",
    )
