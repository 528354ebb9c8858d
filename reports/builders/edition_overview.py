"""The edition overview, for programme staff: where the edition stands.

Enrolments by status, region and sector; the people reached, each counted once; coach
hours against the budget per company, with the trajectories that run behind or ahead of
schedule flagged; attendance per learning network; and the invoices of the own
contribution.
"""

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from coaching.selectors import Pace, trajectories_of
from companies.models import Edition, Enrolment
from invoicing.models import Invoice, PaymentStatus
from invoicing.selectors import annotated_status, totals_per_edition, with_balances
from leercultuur.charts import paired_bar_chart
from networks.models import LearningNetwork
from networks.selectors import attendance_by_network
from reports.builders.common import chart_maximum, hours, subject_id
from reports.models import Report
from reports.reach import Reach, reach_per_edition


def build(report: Report) -> dict[str, Any]:
    edition = Edition.objects.get(pk=subject_id(report.edition_id))
    enrolments = list(
        Enrolment.objects.filter(edition=edition).select_related(
            "company__region", "company__sector"
        )
    )
    return {
        "edition": edition,
        "month": report.parameters.get("month"),
        **_enrolments(enrolments),
        "people": reach_per_edition(edition=edition).get(edition.pk, Reach()),
        **_hours(edition),
        "networks": list(
            attendance_by_network(LearningNetwork.objects.filter(edition=edition)).order_by("name")
        ),
        **_invoices(edition),
    }


def _enrolments(enrolments: list[Enrolment]) -> dict[str, Any]:
    """Counts by status (every enrolment) and by region and sector (those taking part)."""
    by_status = Counter(enrolment.status for enrolment in enrolments)
    taking_part = [e for e in enrolments if e.status in Enrolment.HOLDS_PLACE]
    regions = Counter(e.company.region.name for e in taking_part)
    sectors = Counter(str(e.company.sector) for e in taking_part)
    return {
        "enrolment_count": len(enrolments),
        "taking_part": len(taking_part),
        "by_status": [
            (label, by_status[value])
            for value, label in Enrolment.Status.choices
            if by_status[value]
        ],
        "by_region": sorted(regions.items()),
        "by_sector": sorted(sectors.items()),
    }


def _hours(edition: Edition) -> dict[str, Any]:
    """Hours used against the budget per company taking part, and the pace flags."""
    trajectories = trajectories_of(
        Enrolment.objects.filter(edition=edition, status__in=Enrolment.HOLDS_PLACE)
    )
    chart = None
    if trajectories:
        chart = paired_bar_chart(
            _("Coach hours per company: budget and used"),
            [
                (
                    str(t.enrolment.company),
                    hours(t.budget.budget_minutes),
                    hours(t.budget.used_minutes),
                )
                for t in trajectories
            ],
            maximum=chart_maximum(
                hours(max(t.budget.budget_minutes, t.budget.used_minutes)) for t in trajectories
            ),
            legend=(_("Budget"), _("Used")),
            unit=_("hours"),
            decimals=0,
        )
    flagged = [t for t in trajectories if t.rate is not None and t.rate.pace != Pace.ON_TRACK]
    return {
        "trajectories": trajectories,
        "hours_chart": chart,
        "flagged": flagged,
        "used_minutes": sum(t.budget.used_minutes for t in trajectories),
        "budget_minutes": sum(t.budget.budget_minutes for t in trajectories),
    }


def _invoices(edition: Edition) -> dict[str, Any]:
    of_edition = Invoice.objects.filter(enrolment__edition=edition)
    invoices = list(
        with_balances(of_edition.filter(kind=Invoice.Kind.INVOICE))
        .select_related("enrolment__company")
        .order_by("enrolment__company__legal_name", "pk")
    )
    rows = [(invoice, annotated_status(invoice)) for invoice in invoices]
    statuses = Counter(status for _invoice, status in rows)
    totals = totals_per_edition(of_edition)
    return {
        "invoices": rows,
        "invoice_statuses": [
            (status.label, statuses[status]) for status in PaymentStatus if statuses[status]
        ],
        "invoice_totals": totals[0] if totals else None,
    }
