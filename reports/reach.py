"""Reach per person: how many people of the companies took part, each counted once.

A participant is *reached* in an enrolment when they took part in one of its coaching
sessions, were present at a meeting of its learning network, or started one of its plan
actions. A person in three sessions, two meetings and a course counts once. The figures
are counted per enrolment or per edition in one query; each comes with its definition,
printed wherever the figure is.
"""

from dataclasses import asdict, dataclass, fields
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coaching.models import CoachingSession
from companies.models import Enrolment
from networks.models import Registration
from people.models import MBO_LEVELS, ActionParticipant, Group, Participant


@dataclass(frozen=True)
class Reach:
    reached: int = 0
    mbo: int = 0
    management: int = 0
    employees: int = 0
    ambassadors: int = 0
    started: int = 0
    finished: int = 0
    certified: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def rows(self) -> list[tuple[str, StrOrPromise, StrOrPromise, int]]:
        """(key, label, definition, number) per figure, in the order they are shown."""
        return [
            (field.name, LABELS[field.name], DEFINITIONS[field.name], getattr(self, field.name))
            for field in fields(self)
        ]


LABELS: dict[str, StrOrPromise] = {
    "reached": _("People reached"),
    "mbo": _("Of whom mbo-educated"),
    "management": _("Of whom owner or management"),
    "employees": _("Of whom employees"),
    "ambassadors": _("Of whom ambassadors"),
    "started": _("Started learning in a plan action"),
    "finished": _("Finished learning in a plan action"),
    "certified": _("Gained a certificate or diploma"),
}

DEFINITIONS: dict[str, StrOrPromise] = {
    "reached": _(
        "Participants of the companies who took part in a coaching session, were present at "
        "a learning network meeting or started a plan action. Each person counts once, "
        "however often they took part."
    ),
    "mbo": _("People reached whose education is mbo level 1, 2, 3 or 4."),
    "management": _("People reached in the group owner or management."),
    "employees": _("People reached in the group employees."),
    "ambassadors": _("People reached whom their company made an ambassador (key figure)."),
    "started": _(
        "People who started at least one action of the development plan: formal, "
        "work-based or informal learning."
    ),
    "finished": _("People who finished at least one action of the development plan."),
    "certified": _(
        "People who gained at least one certificate or diploma through an action of the "
        "development plan."
    ),
}

_ENROLMENT = "company__enrolments"


def reach_per_enrolment(**enrolments: Any) -> dict[int, Reach]:
    """Per enrolment holding a place (filtered by ``enrolments``, as for Enrolment): its
    reach. Enrolments that reached nobody are left out (``Reach()`` is their reach)."""
    return _counted(_reached(**enrolments), f"{_ENROLMENT}__pk")


def reach_per_edition(**enrolments: Any) -> dict[int, Reach]:
    """Per edition: the reach of its enrolments together (a person belongs to one company,
    and a company enrols once per edition, so nobody counts twice)."""
    return _counted(_reached(**enrolments), f"{_ENROLMENT}__edition_id")


def total(reach: dict[Any, Reach]) -> Reach:
    """The sum of reaches of different enrolments (they share no people)."""
    return Reach(**{f.name: sum(getattr(r, f.name) for r in reach.values()) for f in fields(Reach)})


def _reached(**enrolments: Any) -> QuerySet[Participant]:
    """One row per (participant, enrolment of their company) in which they took part."""
    enrolment = OuterRef(_ENROLMENT)
    in_session = CoachingSession.people.through.objects.filter(
        participant=OuterRef("pk"), coachingsession__enrolment=enrolment
    )
    present = Registration.objects.filter(
        participant=OuterRef("pk"),
        enrolment=enrolment,
        status=Registration.Status.REGISTERED,
        attended=True,
        meeting__starts_at__lt=Now(),
    )
    learning = ActionParticipant.objects.filter(
        participant=OuterRef("pk"), action__plan__enrolment=enrolment, started_on__isnull=False
    )
    scope = {f"{_ENROLMENT}__{key}": value for key, value in enrolments.items()}
    return (
        Participant.objects.filter(**{f"{_ENROLMENT}__status__in": Enrolment.HOLDS_PLACE}, **scope)
        .alias(
            in_session=Exists(in_session),
            present=Exists(present),
            started=Exists(learning),
            finished=Exists(learning.filter(finished_on__isnull=False)),
            certified=Exists(learning.exclude(certificate=ActionParticipant.Certificate.NONE)),
        )
        .filter(Q(in_session=True) | Q(present=True) | Q(started=True))
    )


def _counted(rows: QuerySet[Participant], key: str) -> dict[int, Reach]:
    counts = (
        rows.values(key=F(key))
        .annotate(
            reached=Count("pk"),
            mbo=Count("pk", filter=Q(education__in=MBO_LEVELS)),
            management=Count("pk", filter=Q(group=Group.MANAGEMENT)),
            employees=Count("pk", filter=Q(group=Group.EMPLOYEE)),
            ambassadors=Count("pk", filter=Q(is_ambassador=True)),
            started=Count("pk", filter=Q(started=True)),
            finished=Count("pk", filter=Q(finished=True)),
            certified=Count("pk", filter=Q(certified=True)),
        )
        .order_by()
    )
    return {
        row["key"]: Reach(**{f.name: row[f.name] for f in fields(Reach)})  # type: ignore[literal-required]
        for row in counts
    }
