from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role
from companies.selectors import companies_for_coach


@role_required(Role.COACH)
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    """The companies assigned to the coach, with their analyses and a way to their plan."""
    enrolments = companies_for_coach(request.user).prefetch_related("analyses")  # type: ignore[arg-type]
    return render(request, "coaching/coach_dashboard.html", {"enrolments": enrolments})
