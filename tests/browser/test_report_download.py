"""A company contact asks for the progress report and downloads it.

Through a real Chromium and a real Celery worker: the button on the company dashboard,
the report page that polls (htmx, every 2 s) while the worker renders the PDF, the
download link that appears when it is ready, the PDF itself, and the list of earlier
reports. axe-core on every page, in both states of the report page.
"""

import datetime
import io
import time
from typing import Any

import pypdf
import pytest
from celery import Celery
from celery.worker import WorkController
from django.utils import timezone

from accounts.models import User
from companies.models import Enrolment
from reports import services
from reports.models import Report
from tests.factories import CoachingSessionFactory, EnrolmentFactory
from tests.fixtures.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Language-neutral: the interface texts are translated by the lead.
REQUEST_BUTTON = "main form[action$='/rapporten/'] button[type=submit]"
DOWNLOAD_LINK = "#report-progress a[href$='/download/']"


def test_contact_asks_for_the_progress_report_and_downloads_it(
    page: Any,
    live_server: Any,
    celery_app: Celery,
    celery_worker: WorkController,
    contact: User,
    coach: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_render = services.render_pdf_template

    def slow_render(template: str, context: dict[str, Any]) -> bytes:
        time.sleep(3)  # long enough for the page to show the job running, and poll
        return real_render(template, context)

    monkeypatch.setattr(services, "render_pdf_template", slow_render)
    today = timezone.localdate()
    enrolment = EnrolmentFactory.create(
        company=contact.contact.company,
        status=Enrolment.Status.ACTIVE,
        start_date=today - datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=260),
        lead_coach=coach,
    )
    CoachingSessionFactory.create(
        enrolment=enrolment, minutes=90, summary="Kennismaking met de teamleiders."
    )

    login(page, live_server, contact)
    assert_accessible(page)  # the company dashboard, with the request button
    page.locator(REQUEST_BUTTON).click()
    page.wait_for_load_state()

    report = Report.objects.get(enrolment=enrolment)
    assert page.url.endswith(f"/rapporten/{report.public_id}/")
    assert page.locator("#report-progress[hx-trigger]").count() == 1
    assert_accessible(page)  # while the job runs

    page.locator(DOWNLOAD_LINK).wait_for(timeout=60_000)  # htmx swaps it in when done
    assert page.locator("#report-progress[hx-trigger]").count() == 0, "polling stopped"
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator(DOWNLOAD_LINK).click()
    download = download_info.value
    assert download.suggested_filename.startswith("voortgang-")
    with open(download.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert enrolment.company.legal_name in text
    assert "Kennismaking met de teamleiders." in text

    page.locator(".page-intro a").first.click()  # back to the company's list of reports
    page.wait_for_load_state()
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)
