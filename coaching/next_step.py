"""The coach's next step with a company: one rule list, in order of precedence.

Read from what the coach dashboard already has at hand (the enrolment's analyses and team
surveys, prefetched; its actions and last session, annotated), so it costs no query.
"""

import datetime
from typing import NamedTuple
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from companies.models import Enrolment, NeedsAnalysis
from companies.services import add_months

# Without a session for this long, the coach plans the next one.
QUIET_DAYS = 30
# In the last months of the trajectory, the final measurement is due.
FINAL_MONTHS = 2

UNDER_WAY = (Enrolment.Status.ACCEPTED, Enrolment.Status.ACTIVE)
Kind = NeedsAnalysis.Kind
Analysis = NeedsAnalysis.Status


class NextStep(NamedTuple):
    """What to do (text), and where: a URL name with its args (no URL: nothing to open)."""

    text: str | Promise
    url_name: str | None
    args: tuple[object, ...] = ()
    query: dict[str, str] | None = None

    @property
    def url(self) -> str:
        if self.url_name is None:
            return ""
        url = reverse(self.url_name, args=self.args)
        return f"{url}?{urlencode(self.query)}" if self.query else url


def next_step(
    enrolment: Enrolment,
    *,
    counted_actions: int,
    last_session: datetime.date | None,
    today: datetime.date,
) -> NextStep:
    """The first of these that applies: baseline, its review, the plan, the team survey,
    a session after a quiet month, the final measurement near the end, else a session."""
    if enrolment.status not in UNDER_WAY:
        return NextStep(_("None: the trajectory is not under way"), None)
    analyses = {analysis.kind: analysis for analysis in enrolment.analyses.all()}
    baseline, final = analyses.get(Kind.BASELINE), analyses.get(Kind.FINAL)
    page = ("enrolment_detail", (enrolment.public_id,))
    if baseline is None or baseline.status == Analysis.DRAFT:
        return NextStep(_("Fill in the needs analysis (baseline) with the company"), *page)
    if baseline.status == Analysis.SUBMITTED:
        return NextStep(_("Review the needs analysis"), "analysis_review", (baseline.public_id,))
    if final is not None and final.status == Analysis.SUBMITTED:
        return NextStep(_("Review the final measurement"), "analysis_review", (final.public_id,))
    if not counted_actions:
        return NextStep(_("Draw up the development plan"), "plan_detail", (enrolment.public_id,))
    if not enrolment.team_surveys.all():
        return NextStep(_("Start the team survey"), *page)
    if enrolment.status != Enrolment.Status.ACTIVE:
        # Accepted, not started: sessions are logged once staff start the trajectory.
        return NextStep(_("Wait for the programme office to start the trajectory"), None)
    log = ("session_create", (), {"enrolment": str(enrolment.public_id)})
    if last_session is None or last_session < today - datetime.timedelta(days=QUIET_DAYS):
        return NextStep(_("Plan or log a session"), *log)
    near_end = enrolment.end_date and today >= add_months(enrolment.end_date, -FINAL_MONTHS)
    if near_end and (final is None or final.status == Analysis.DRAFT):
        return NextStep(_("Fill in the final measurement"), *page)
    return NextStep(_("Log a session"), *log)
