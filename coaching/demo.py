import datetime

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from coaching.models import Coach


def seed_coaching() -> tuple[list[str], User]:
    """The demo coach; returns the login lines and the coach's user."""
    user = demo_user("coach@leercultuur.test", "Ahmed El Amrani")
    Coach.objects.get_or_create(user=user, defaults={"organisation": "Gelders Vakmanschap"})
    return [f"coach            {user.email}  (asked to set up TOTP at first login)"], user


# (days after the start, minutes, activity, summary) of the demo sessions.
_SESSIONS = [
    (0, 90, "intake", "Kennismaking en uitleg van het traject."),
    (7, 120, "needs_analysis", "Behoefteanalyse met directie en HR doorgenomen."),
    (21, 180, "team_session", "Teamsessie met de leidinggevenden over leren op de werkvloer."),
    (35, 60, "conversation", "Voortgang van de eerste acties besproken."),
    (49, 240, "workshop", "Workshop coachend leidinggeven voor teamleiders."),
    (63, 45, "preparation", "Verslag en planning voor de komende maand."),
]


def seed_sessions(coach: User) -> None:
    """Sessions for the demo coach's trajectories; the longest-running nearly uses its budget."""
    from coaching.services import session_log
    from companies.models import Enrolment

    for enrolment in Enrolment.objects.filter(lead_coach=coach, status=Enrolment.Status.ACTIVE):
        if enrolment.sessions.exists() or enrolment.start_date is None:
            continue
        today = timezone.localdate()
        rounds = 4 if (today - enrolment.start_date).days > 150 else 1
        ahead = 0
        for round_number in range(rounds):
            for day, minutes, activity, summary in _SESSIONS:
                date = enrolment.start_date + datetime.timedelta(days=day + round_number * 70)
                if date > today:  # not ahead, and one a day: a coach's day has a maximum
                    date, ahead = today - datetime.timedelta(days=ahead), ahead + 1
                fields = {
                    "date": date,
                    "minutes": minutes * (2 if rounds > 1 else 1),
                    "activity": activity,
                    "summary": summary,
                    "private_notes": "Let op: directie wil vooral snel resultaat zien.",
                    "participants": 4,
                    "mbo_participants": 2,
                }
                session_log(enrolment=enrolment, coach=coach, fields=fields)
