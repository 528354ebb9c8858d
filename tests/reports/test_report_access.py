"""Who may see and download a report: whoever may see its subject, and nobody else.

A company progress report: the company's contacts, the enrolment's coaches (lead or
other) and staff. An edition overview or province report: staff only. Anyone else gets
a 404, and an anonymous visitor the login page.
"""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertRedirects

from accounts.models import User
from reports.models import Report
from tests.conftest import client_for
from tests.factories import CoachFactory, with_totp
from tests.reports.conftest import Programme

PDF = b"%PDF-1.7 a finished report"


def finished(report: Report) -> Report:
    report.file.save(f"{report.public_id}.pdf", ContentFile(PDF), save=False)
    report.sha256 = hashlib.sha256(PDF).hexdigest()
    report.status = Report.Status.DONE
    report.started_at = report.finished_at = timezone.now()
    report.save()
    return report


@pytest.fixture
def progress(programme: Programme) -> Report:
    return finished(Report(kind=Report.Kind.PROGRESS, enrolment=programme.enrolment))


@pytest.fixture
def overview(programme: Programme) -> Report:
    return finished(Report(kind=Report.Kind.EDITION_OVERVIEW, edition=programme.edition))


@pytest.fixture
def province(programme: Programme) -> Report:
    return finished(Report(kind=Report.Kind.PROVINCE, edition=programme.edition))


@pytest.fixture
def second_coach(programme: Programme) -> User:
    """Not the lead coach, but one of the enrolment's other coaches."""
    user = with_totp(CoachFactory.create(user__email="coach3@geldersvakmanschap.nl").user)
    programme.enrolment.coaches.add(user)
    return user


def users(request: pytest.FixtureRequest, name: str) -> User:
    return request.getfixturevalue(name)


PROGRESS_READERS = ["contact", "coach", "second_coach", "staff"]
PROGRESS_OTHERS = ["other_contact", "other_coach", "plain_user"]
EDITION_OTHERS = ["contact", "other_contact", "coach", "other_coach", "plain_user"]


@pytest.mark.parametrize("who", PROGRESS_READERS)
def test_progress_report_opens_and_downloads_for_those_who_see_the_company(
    request: pytest.FixtureRequest, progress: Report, who: str
) -> None:
    client = client_for(users(request, who))

    page = client.get(reverse("report_detail", args=[progress.public_id]))
    download = client.get(reverse("report_download", args=[progress.public_id]))

    assert page.status_code == 200
    assert reverse("report_download", args=[progress.public_id]) in page.content.decode()
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith("attachment;")
    assert "voortgang-" in download["Content-Disposition"]


@pytest.mark.parametrize("who", PROGRESS_OTHERS)
def test_progress_report_is_a_404_for_everyone_else(
    request: pytest.FixtureRequest, progress: Report, programme: Programme, who: str
) -> None:
    client = client_for(users(request, who))

    for name, args in (
        ("report_detail", [progress.public_id]),
        ("report_download", [progress.public_id]),
        ("enrolment_reports", [programme.enrolment.public_id]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    response = client.post(reverse("enrolment_reports", args=[programme.enrolment.public_id]))
    assert response.status_code == 404
    assert Report.objects.count() == 1


@pytest.mark.parametrize("kind", ["overview", "province"])
def test_edition_reports_are_for_staff_only(
    request: pytest.FixtureRequest, kind: str, staff: User
) -> None:
    report: Report = request.getfixturevalue(kind)
    urls = [
        reverse("report_detail", args=[report.public_id]),
        reverse("report_download", args=[report.public_id]),
    ]

    for url in urls:
        assert client_for(staff).get(url).status_code == 200
        for who in EDITION_OTHERS:
            assert client_for(users(request, who)).get(url).status_code == 404, (who, url)


@pytest.mark.parametrize(
    "name", ["report_detail", "report_download", "report_data_csv", "report_data_xlsx"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(
    client: Client, province: Report, name: str
) -> None:
    url = reverse(name, args=[province.public_id])

    assertRedirects(client.get(url), f"{reverse('account_login')}?next={url}")


def test_enrolment_reports_page_sends_anonymous_visitors_to_login(
    client: Client, programme: Programme
) -> None:
    url = reverse("enrolment_reports", args=[programme.enrolment.public_id])

    assertRedirects(client.get(url), f"{reverse('account_login')}?next={url}")
    assertRedirects(client.post(url), f"{reverse('account_login')}?next={url}")
    assert not Report.objects.exists()


def test_a_report_not_ready_yet_leads_back_to_its_page(programme: Programme, contact: User) -> None:
    report = Report.objects.create(kind=Report.Kind.PROGRESS, enrolment=programme.enrolment)

    response = client_for(contact).get(reverse("report_download", args=[report.public_id]))

    assertRedirects(response, reverse("report_detail", args=[report.public_id]))


def test_an_unknown_report_is_a_404(staff: User) -> None:
    url = reverse("report_detail", args=["00000000-0000-0000-0000-000000000001"])

    assert client_for(staff).get(url).status_code == 404
