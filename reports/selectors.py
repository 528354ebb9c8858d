"""Who sees which report: whoever may see its subject.

A company progress report: the company's contacts, the enrolment's coaches and staff.
An edition overview or province report: staff only. Anyone else gets a 404.
"""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role, role_of
from companies.selectors import enrolments_for_user
from reports.models import Report


def reports_for_user(user: User) -> QuerySet[Report]:
    reports = Report.objects.select_related(
        "enrolment__company", "enrolment__edition", "edition", "requested_by"
    )
    role = role_of(user)
    if role == Role.STAFF:
        return reports
    if role in {Role.COACH, Role.CONTACT}:
        visible = enrolments_for_user(user).values("pk")
        return reports.filter(kind=Report.Kind.PROGRESS, enrolment__in=visible)
    return reports.none()


def get_report_for_user(user: User, public_id: uuid.UUID | str) -> Report:
    try:
        return reports_for_user(user).get(public_id=public_id)
    except (Report.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
