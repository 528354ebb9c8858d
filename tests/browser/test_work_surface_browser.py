"""The work surface in a real browser, at desktop and phone widths: every list with work
in it, the reach page, and the invoice actions (check and issue a draft, remind, record a
payment). axe-core finds nothing, and no page scrolls sideways on a phone."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from coaching.models import BudgetAdjustment
from companies.models import Enrolment, NeedsAnalysis
from invoicing import services as invoicing
from invoicing.models import Invoice, Payment
from leercultuur.outbox.models import Mail
from networks.models import Experience
from networks.services import experience_share
from reports.models import Report
from reports.queues import QUEUES
from tests.factories import (
    CoachingSessionFactory,
    DraftInvoiceFactory,
    EnrolmentFactory,
    IssuerDetailsFactory,
    NeedsAnalysisFactory,
    RegistrationFactory,
    meeting_for,
    running_enrolment,
)
from tests.fixtures.browser import action, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()
WIDTHS = ((1280, 900), (390, 844))


def fill_every_queue(contact: User, coach: User, staff: User) -> dict[str, Invoice]:
    company = contact.contact.company
    behind = running_enrolment(company, coach)
    # Two thirds of the way and an hour used: behind.
    Enrolment.objects.filter(pk=behind.pk).update(start_date=TODAY - datetime.timedelta(days=200))
    CoachingSessionFactory.create(enrolment=behind, minutes=60)
    EnrolmentFactory.create(
        company__legal_name="Garage Oost met een heel lange naam B.V.",
        status=Enrolment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    EnrolmentFactory.create(company__legal_name="Zorg Zuid", status=Enrolment.Status.ACCEPTED)
    NeedsAnalysisFactory.create(
        enrolment=behind, status=NeedsAnalysis.Status.SUBMITTED, submitted_at=timezone.now()
    )
    BudgetAdjustment.objects.create(
        enrolment=behind, minutes=480, reason="BBL loopt door", requested_by=coach
    )
    registration = RegistrationFactory.create(
        meeting=meeting_for(behind, days=-2), enrolment=behind
    )
    shared = Experience.objects.create(
        network=registration.meeting.network,
        author=contact,
        enrolment=behind,
        body="Een leeravond per maand houdt het leren levend.",
    )
    experience_share(experience=shared, by=contact, shared=True)
    IssuerDetailsFactory.create()
    draft = DraftInvoiceFactory.create(enrolment__company__legal_name="Bakkerij Concept")
    overdue = invoicing.invoice_issue(
        invoice=DraftInvoiceFactory.create(enrolment__company__legal_name="Drukkerij Laat"),
        by=staff,
        issue_date=TODAY - datetime.timedelta(days=40),
    )
    Mail.objects.create(
        kind="invitation",
        to="iemand@example.nl",
        subject="Uitnodiging",
        body="Welkom",
        status=Mail.Status.FAILED,
        next_attempt_at=timezone.now(),
        message_id="<mislukt@example.nl>",
        last_error="550 mailbox unavailable",
    )
    Report.objects.create(
        kind=Report.Kind.EDITION_OVERVIEW,
        edition=behind.edition,
        status=Report.Status.FAILED,
        error="Het rapport werd te groot.",
    )
    return {"draft": draft, "overdue": overdue}


def test_every_list_on_a_desk_and_a_phone(
    page, live_server, contact: User, coach: User, staff: User
) -> None:
    fill_every_queue(contact, coach, staff)
    login(page, live_server, staff)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for queue in QUEUES:
            page.goto(f"{live_server.url}/staf/?wachtrij={queue.key}")
            rows = page.locator("main .queue-row")
            assert rows.count() >= 1, f"{queue.key} has no row"
            assert_accessible(page)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(f"{live_server.url}/staf/bereik/")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_staff_issue_a_draft_after_its_preview_on_a_phone(
    page, live_server, contact: User, coach: User, staff: User
) -> None:
    invoices = fill_every_queue(contact, coach, staff)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, staff)
    page.goto(f"{live_server.url}/staf/?wachtrij=concept")
    page.get_by_role("link", name=action("Controleren en versturen", "Bakkerij Concept")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_text("De e-mail", exact=True).is_visible()
    page.get_by_role("button", name="Factuur versturen").click()
    page.wait_for_load_state()

    draft = Invoice.objects.get(pk=invoices["draft"].pk)
    assert draft.issued_at is not None
    assert page.get_by_text("Er wacht geen concept om verstuurd te worden.").is_visible()


def test_staff_remind_and_record_a_payment(
    page, live_server, contact: User, coach: User, staff: User
) -> None:
    overdue = fill_every_queue(contact, coach, staff)["overdue"]
    login(page, live_server, staff)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/staf/?wachtrij=achterstallig")
        page.get_by_role("link", name=action("Herinnering sturen", f"{overdue.number}")).click()
        page.wait_for_load_state()
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Herinnering versturen").click()
    page.wait_for_load_state()
    assert overdue.reminders.count() == 1

    page.get_by_role("link", name=action("Betaling vastleggen", f"{overdue.number}")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Ontvangen bedrag").fill("1.000,00")
    page.get_by_role("button", name="Betaling vastleggen").click()
    page.wait_for_load_state()
    assert Payment.objects.get(invoice=overdue).amount == Decimal("1000.00")
    assert page.get_by_text("De betaling op").is_visible()
