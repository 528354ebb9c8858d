"""The province accountability report (subsidieverantwoording) of one edition.

Definitions, printed in the report too:

- companies reached: enrolments of the edition that hold a place (accepted, under way or
  completed);
- employees and mbo-educated employees reached: the sum of those companies' staff and
  mbo-educated staff as the company registered them (``Company.employees`` and
  ``Company.mbo_employees``);
- people reached: the companies' participants who took part in anything, each counted once
  (``reports.reach``, with its own definitions);
- directly involved: participants in coaching sessions (and of them mbo-educated), counted
  per session, and people present at meetings of the edition's learning networks (and of
  them mbo-educated), counted per meeting, so one person can count more than once;
- coach hours delivered: every logged session of those enrolments;
- the change per dimension: for companies with both a submitted baseline and final
  measurement, the mean of (final score - baseline score), next to both means;
- contributions: issued invoices minus issued credit notes, and payments received
  (amounts including VAT).

The builder also returns ``export``: the same figures as JSON, stored on the report for
its CSV and XLSX downloads, so the export always matches the PDF.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Now
from django.utils.translation import gettext as _

from coaching.models import CoachingSession
from companies.models import Edition, Enrolment
from invoicing.models import Invoice
from invoicing.selectors import ZERO, totals_per_edition, with_balances
from leercultuur.charts import paired_bar_chart
from networks.models import LearningNetwork, Registration
from networks.selectors import attendance_by_network
from reports.builders.common import hours, subject_id
from reports.dimensions import dimension_changes
from reports.models import Report
from reports.reach import Reach, reach_per_enrolment, total

STARTED = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


def build(report: Report) -> dict[str, Any]:
    edition = Edition.objects.get(pk=subject_id(report.edition_id))
    # Rows with annotations (hours, participants, attendance) that the model doesn't declare.
    companies: list[Any] = list(_companies(edition))
    money = _money(companies)
    reach = reach_per_enrolment(edition=edition)
    people = total(reach)
    dimensions, changes_by_enrolment = dimension_changes([c.pk for c in companies])
    networks: list[Any] = list(
        attendance_by_network(LearningNetwork.objects.filter(edition=edition)).order_by("name")
    )
    totals = totals_per_edition(Invoice.objects.filter(enrolment__edition=edition))
    invoiced: dict[str, Any] | None = totals[0] if totals else None
    figures = {
        "companies_reached": len(companies),
        "companies_started": sum(c.status in STARTED for c in companies),
        "companies_completed": sum(c.status == Enrolment.Status.COMPLETED for c in companies),
        "employees_reached": sum(c.company.employees for c in companies),
        "mbo_employees_reached": sum(c.company.mbo_employees for c in companies),
        **{f"people_{key}": value for key, value in people.as_dict().items()},
        "coach_minutes": sum(c.coach_minutes for c in companies),
        "sessions": sum(c.session_count for c in companies),
        "session_participants": sum(c.participants for c in companies),
        "session_mbo_participants": sum(c.mbo_participants for c in companies),
        "meetings_held": sum(n.meetings_held for n in networks),
        "people_present": sum(n.attended for n in networks),
        "mbo_people_present": sum(n.attended_mbo for n in networks),
        "invoiced": (invoiced["invoiced"] - invoiced["credited"]) if invoiced else ZERO,
        "received": invoiced["paid"] if invoiced else ZERO,
        "outstanding": invoiced["outstanding"] if invoiced else ZERO,
        "measured_companies": len(changes_by_enrolment),
    }
    company_rows = [
        _company_row(
            c,
            money.get(c.pk, (ZERO, ZERO)),
            changes_by_enrolment.get(c.pk, {}),
            reach.get(c.pk, Reach()),
        )
        for c in companies
    ]
    chart = None
    if any(d["baseline"] is not None for d in dimensions):
        chart = paired_bar_chart(
            _("Average score per dimension (1 to 5): baseline and final measurement"),
            [(d["label"], d["baseline"], d["final"]) for d in dimensions],
            maximum=5,
            legend=(_("Baseline measurement"), _("Final measurement")),
            decimals=2,
        )
    return {
        "edition": edition,
        "figures": figures,
        "people": people,
        "coach_hours": hours(figures["coach_minutes"]),
        "companies": company_rows,
        "networks": networks,
        "dimensions": dimensions,
        "dimension_chart": chart,
        "export": _export(edition, figures, company_rows, dimensions),
    }


def _companies(edition: Edition) -> QuerySet[Enrolment]:
    """The companies reached, each with its hours, participants and attendance."""
    sessions = CoachingSession.objects.filter(enrolment=OuterRef("pk")).order_by()
    present = Registration.objects.filter(
        enrolment=OuterRef("pk"),
        status=Registration.Status.REGISTERED,
        attended=True,
        meeting__starts_at__lt=Now(),
    ).order_by()
    return (
        Enrolment.objects.filter(edition=edition, status__in=Enrolment.HOLDS_PLACE)
        .select_related("company__region", "company__sector")
        .annotate(
            coach_minutes=_total(sessions, Sum("minutes")),
            session_count=_total(sessions, Count("pk")),
            participants=_total(sessions, Sum("participants")),
            mbo_participants=_total(sessions, Sum("mbo_participants")),
            people_present=_total(present, Count("pk")),
            mbo_people_present=_total(present.filter(is_mbo=True), Count("pk")),
            meetings_attended=_total(present, Count("meeting", distinct=True)),
        )
        .order_by("company__legal_name")
    )


def _total(rows: QuerySet[Any], aggregate: Any) -> Coalesce:
    """One number per enrolment from a correlated subquery (0 when there are no rows)."""
    subquery = rows.values("enrolment").annotate(total=aggregate).values("total")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def _money(companies: list[Enrolment]) -> dict[int, tuple[Decimal, Decimal]]:
    """Per enrolment: (invoiced minus credited, received), of issued invoices."""
    invoices = with_balances(
        Invoice.objects.issued().filter(
            kind=Invoice.Kind.INVOICE, enrolment__in=[c.pk for c in companies]
        )
    )
    money: dict[int, tuple[Decimal, Decimal]] = {}
    for invoice in invoices:
        invoiced, received = money.get(invoice.enrolment_id, (ZERO, ZERO))
        net = invoice.total_amount - invoice.credited  # type: ignore[attr-defined]
        money[invoice.enrolment_id] = (invoiced + net, received + invoice.paid)  # type: ignore[attr-defined]
    return money


def _company_row(
    enrolment: Enrolment,
    money: tuple[Decimal, Decimal],
    changes: dict[str, Decimal | None],
    reach: Reach,
) -> dict[str, Any]:
    company = enrolment.company
    return {
        "company": company.legal_name,
        "kvk_number": company.kvk_number,
        "region": company.region.name,
        "sector": company.sector.code,
        "status": enrolment.get_status_display(),
        "employees": company.employees,
        "mbo_employees": company.mbo_employees,
        **{f"people_{key}": value for key, value in reach.as_dict().items()},
        "coach_minutes": enrolment.coach_minutes,  # type: ignore[attr-defined]
        "sessions": enrolment.session_count,  # type: ignore[attr-defined]
        "session_participants": enrolment.participants,  # type: ignore[attr-defined]
        "session_mbo_participants": enrolment.mbo_participants,  # type: ignore[attr-defined]
        "meetings_attended": enrolment.meetings_attended,  # type: ignore[attr-defined]
        "people_present": enrolment.people_present,  # type: ignore[attr-defined]
        "mbo_people_present": enrolment.mbo_people_present,  # type: ignore[attr-defined]
        "invoiced": money[0],
        "received": money[1],
        "changes": changes,
    }


def _export(
    edition: Edition,
    figures: dict[str, Any],
    companies: list[dict[str, Any]],
    dimensions: list[dict[str, Any]],
) -> dict[str, Any]:
    """The figures as JSON (amounts and scores as strings, exact), for the downloads."""

    def plain(value: object) -> object:
        return str(value) if isinstance(value, Decimal) else value

    return {
        "edition": edition.name,
        "figures": {key: plain(value) for key, value in figures.items()},
        "dimensions": [{key: plain(value) for key, value in d.items()} for d in dimensions],
        "companies": [
            {
                **{key: plain(value) for key, value in row.items() if key != "changes"},
                "changes": {key: plain(value) for key, value in row["changes"].items()},
            }
            for row in companies
        ],
    }
