"""The staff's progress overview on the admin index: one panel per edition.

Each figure links to the filtered list behind it. The whole overview takes a fixed number
of queries however many editions, enrolments, sessions or meetings there are.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from coaching.selectors import Pace, running_hours_by_edition
from companies.models import Edition, Enrolment
from invoicing.models import Invoice, PaymentStatus
from invoicing.selectors import status_filter, with_balances
from networks.models import Meeting

MEETINGS_PER_EDITION = 3


@dataclass
class EditionPanel:
    edition: Edition
    statuses: list[tuple[str, str, int]] = field(default_factory=list)
    used_minutes: int = 0
    budget_minutes: int = 0
    pace: Counter[str] = field(default_factory=Counter)
    overdue_count: int = 0
    overdue_amount: Decimal = Decimal("0.00")
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def places_left(self) -> int:
        held = sum(n for status, _label, n in self.statuses if status in Enrolment.HOLDS_PLACE)
        return max(self.edition.places - held, 0)

    @property
    def behind(self) -> int:
        return self.pace[Pace.BEHIND]

    @property
    def ahead(self) -> int:
        return self.pace[Pace.AHEAD]


def edition_panels(*, today: datetime.date | None = None) -> list[EditionPanel]:
    """The editions, newest first, with their enrolments, hours, invoices and meetings."""
    today = today or timezone.localdate()
    panels = {e.pk: EditionPanel(e) for e in Edition.objects.order_by("-enrolment_opens")}
    _add_statuses(panels)
    _add_hours(panels, today)
    _add_overdue(panels, today)
    _add_meetings(panels)
    return list(panels.values())


def _add_statuses(panels: dict[int, EditionPanel]) -> None:
    counts = Enrolment.objects.order_by().values_list("edition_id", "status")
    per_edition: dict[int, dict[str, int]] = defaultdict(dict)
    for edition_id, status, n in counts.annotate(n=Count("pk")):
        per_edition[edition_id][status] = n
    for edition_id, panel in panels.items():
        found = per_edition[edition_id]
        panel.statuses = [
            (status, str(label), found[status])
            for status, label in Enrolment.Status.choices
            if status in found
        ]


def _add_hours(panels: dict[int, EditionPanel], today: datetime.date) -> None:
    for edition_id, hours in running_hours_by_edition(today=today).items():
        panel = panels[edition_id]
        panel.used_minutes += hours.used_minutes
        panel.budget_minutes += hours.budget_minutes
        panel.pace.update(hours.pace)


def _add_overdue(panels: dict[int, EditionPanel], today: datetime.date) -> None:
    overdue = with_balances(Invoice.objects.all()).filter(
        status_filter(PaymentStatus.OVERDUE, today)
    )
    rows = overdue.values_list("enrolment__edition_id", "outstanding")  # type: ignore[misc]
    for edition_id, outstanding in rows:
        panels[edition_id].overdue_count += 1
        panels[edition_id].overdue_amount += outstanding


def _add_meetings(panels: dict[int, EditionPanel]) -> None:
    """The next few meetings of each edition, in one query (a row number per edition)."""
    coming = (
        Meeting.objects.filter(starts_at__gte=timezone.now())
        .select_related("network")
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("network__edition_id"), order_by=F("starts_at").asc()
            ),
        )
        .filter(rank__lte=MEETINGS_PER_EDITION)
        .order_by("starts_at")
    )
    for meeting in coming:
        panels[meeting.network.edition_id].meetings.append(meeting)
