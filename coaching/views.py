from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role


@role_required(Role.COACH)
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "coaching/coach_dashboard.html")
