from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role


@role_required(Role.CONTACT)
def company_dashboard(request: HttpRequest) -> HttpResponse:
    company = request.user.contact.company  # type: ignore[union-attr]
    return render(request, "companies/company_dashboard.html", {"company": company})


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """Where a signed-up user without a role lands: the way to enrol their company."""
    return render(request, "companies/welcome.html")
