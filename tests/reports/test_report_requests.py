"""Asking for reports: from the company dashboard, the coach's pages and the admin; the page
that follows the job; the e-mail to the requester; the monthly overview for staff."""

import datetime

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings
from pytest_django.asserts import assertRedirects

from accounts.models import User
from companies.models import Enrolment
from leercultuur.outbox.models import Mail
from leercultuur.outbox.tasks import send_mail
from reports.models import Report
from reports.services import edition_overviews_request, report_request
from tests.conftest import client_for
from tests.factories import EditionFactory, EnrolmentFactory
from tests.reports.conftest import Programme


def test_contact_asks_for_the_progress_report_from_the_dashboard(
    programme: Programme,
    contact: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(contact)
    url = reverse("enrolment_reports", args=[programme.enrolment.public_id])
    assert f'action="{url}"' in client.get(reverse("company_dashboard")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    report = Report.objects.get()
    assertRedirects(response, reverse("report_detail", args=[report.public_id]))
    assert (report.kind, report.enrolment, report.requested_by) == (
        Report.Kind.PROGRESS,
        programme.enrolment,
        contact,
    )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    page = client.get(reverse("report_detail", args=[report.public_id])).content.decode()
    assert reverse("report_download", args=[report.public_id]) in page
    assert [message.to for message in mail.outbox] == [[contact.email]], "the requester only"
    assert reverse("report_detail", args=[report.public_id]) in mail.outbox[0].body


def test_coach_asks_for_a_progress_report_of_an_assigned_company(
    programme: Programme, coach: User
) -> None:
    client = client_for(coach)
    url = reverse("enrolment_reports", args=[programme.enrolment.public_id])
    assert url in client.get(reverse("coach_dashboard")).content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url)

    report = Report.objects.get()
    assert report.requested_by == coach
    assertRedirects(response, reverse("report_detail", args=[report.public_id]))


def test_an_enrolment_without_a_trajectory_gets_no_report(contact: User) -> None:
    submitted = EnrolmentFactory.create(company=contact.contact.company)
    url = reverse("enrolment_reports", args=[submitted.public_id])

    response = client_for(contact).post(url, follow=True)

    assert not Report.objects.exists()
    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1


def test_the_page_polls_while_the_job_runs_and_stops_when_done(
    programme: Programme, contact: User
) -> None:
    report = Report.objects.create(
        kind=Report.Kind.PROGRESS, enrolment=programme.enrolment, requested_by=contact
    )
    client = client_for(contact)
    url = reverse("report_detail", args=[report.public_id])

    page = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert 'hx-trigger="every 2s"' in page
    assert "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert f'hx-get="{url}"' in fragment
    assert "<script" not in page.split("</head>")[1], "no inline script (CSP)"

    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment, "polling stops"


def test_the_ready_mail_goes_out_once(
    programme: Programme,
    contact: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            kind=Report.Kind.PROGRESS, requested_by=contact, enrolment=programme.enrolment
        )

    ready = Mail.objects.get(kind="report_ready")
    assert send_mail(ready.pk) is False, "sent already"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [contact.email]
    assert str(report.public_id) in mail.outbox[0].body


def test_the_subject_must_fit_the_kind(programme: Programme) -> None:
    with pytest.raises(ValidationError):
        report_request(kind=Report.Kind.PROGRESS, requested_by=None, edition=programme.edition)
    with pytest.raises(ValidationError):
        report_request(kind=Report.Kind.PROVINCE, requested_by=None, enrolment=programme.enrolment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(kind=Report.Kind.PROGRESS, edition=programme.edition)
    assert not Report.objects.exists()


def test_monthly_overview_once_per_running_edition_and_month_to_staff(
    programme: Programme,
    staff: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    settings: Settings,
) -> None:
    EnrolmentFactory.create(edition=EditionFactory.create(name="Editie zonder traject"))
    first_of_june = datetime.date(2026, 6, 1)

    with django_capture_on_commit_callbacks(execute=True):
        made = edition_overviews_request(today=first_of_june)
    again = edition_overviews_request(today=first_of_june)

    (report,) = made
    assert again == []
    assert (report.edition, report.parameters["month"]) == (programme.edition, "2026-05")
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert message.attachments[0][0].endswith(".pdf")
    schedule = settings.CELERY_BEAT_SCHEDULE["monthly-edition-overviews"]
    assert schedule["task"] == "reports.tasks.request_monthly_edition_overviews"
    assert schedule["schedule"].day_of_month == {1}


def test_the_database_refuses_a_second_overview_for_the_same_month(programme: Programme) -> None:
    Report.objects.create(
        kind=Report.Kind.EDITION_OVERVIEW,
        edition=programme.edition,
        parameters={"month": "2026-05"},
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            kind=Report.Kind.EDITION_OVERVIEW,
            edition=programme.edition,
            parameters={"month": "2026-05"},
        )
    Report.objects.create(kind=Report.Kind.EDITION_OVERVIEW, edition=programme.edition)


def test_admin_actions_ask_for_edition_reports_and_progress_reports(
    programme: Programme, staff: User
) -> None:
    client = client_for(staff)
    submitted = EnrolmentFactory.create(edition=programme.edition)

    client.post(
        reverse("admin:companies_edition_changelist"),
        {"action": "request_edition_overview", ACTION_CHECKBOX_NAME: [programme.edition.pk]},
    )
    client.post(
        reverse("admin:companies_edition_changelist"),
        {"action": "request_province_report", ACTION_CHECKBOX_NAME: [programme.edition.pk]},
    )
    response = client.post(
        reverse("admin:companies_enrolment_changelist"),
        {
            "action": "request_progress_reports",
            ACTION_CHECKBOX_NAME: [programme.enrolment.pk, programme.other.pk, submitted.pk],
        },
        follow=True,
    )

    kinds = sorted(Report.objects.values_list("kind", flat=True))
    assert kinds == ["edition_overview", "progress", "progress", "province"]
    assert set(Report.objects.values_list("requested_by", flat=True)) == {staff.pk}
    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1
    assert str(submitted) in errors[0].message
    assert Enrolment.objects.filter(reports__isnull=False).distinct().count() == 2
    changelist = client.get(reverse("admin:reports_report_changelist"))
    assert changelist.status_code == 200
