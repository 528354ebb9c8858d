"""Changes are in the audit log with the person who made them, in requests and in tasks."""

from typing import Any

from auditlog.models import LogEntry
from django.urls import reverse

from accounts.models import User
from reports.models import Report
from reports.services import report_request
from tests.conftest import client_for
from tests.factories import EditionFactory


def test_admin_change_is_logged_with_the_staff_member(staff: User, contact: User) -> None:
    response = client_for(staff).post(
        reverse("admin:accounts_user_change", args=[contact.pk]),
        {"email": contact.email, "full_name": "Sanne de Vries-Bakker", "is_active": "on"},
    )
    assert response.status_code == 302

    entry = LogEntry.objects.get_for_object(contact).latest("timestamp")
    assert entry.actor == staff
    assert entry.changes_dict["full_name"][1] == "Sanne de Vries-Bakker"


def test_password_hash_never_reaches_the_log(contact: User) -> None:
    contact.set_password("een-heel-nieuw-wachtwoord")
    contact.save()

    entries = list(LogEntry.objects.get_for_object(contact))
    assert entries, "creating and saving the user is audited"
    assert all("password" not in entry.changes_dict for entry in entries)


def test_task_changes_are_logged_with_the_requester(
    staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            kind=Report.Kind.EDITION_OVERVIEW, requested_by=staff, edition=EditionFactory.create()
        )

    entries = LogEntry.objects.get_for_object(report)
    (done,) = [e for e in entries if e.changes_dict.get("status", [None, None])[1] == "done"]
    assert done.actor == staff
