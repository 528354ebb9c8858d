"""The respondent's side: public pages reached by the company link (or its QR code) or a
personal link. No account, phone first, and a friendly page for a link that is closed,
used or unknown.

Limited per link and client address (settings.SURVEY_RATE_LIMIT), against floods and
guessing links.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from leercultuur.http import posted
from leercultuur.ratelimit import client_address, within_limit
from surveys.forms import ResponseForm
from surveys.instrument import get_instrument
from surveys.models import TeamSurvey
from surveys.selectors import survey_by_company_token, survey_by_personal_token
from surveys.services import CLOSED, FULL, USED, token_hash


def survey_company(request: HttpRequest, token: str) -> HttpResponse:
    """The company link: anyone of the company may answer, within the link's cap."""
    if limited := _limited(request, token):
        return limited
    survey = survey_by_company_token(token)
    if survey is None:
        return _problem(request, USED, status=404)
    if survey.is_open and survey.company_link_uses >= settings.SURVEY_COMPANY_LINK_CAP:
        return _problem(request, FULL)
    return _respond(request, survey, token, personal=False)


def survey_personal(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: one response, then it is gone."""
    if limited := _limited(request, token):
        return limited
    survey = survey_by_personal_token(token)
    if survey is None:
        return _problem(request, USED, status=404)
    return _respond(request, survey, token, personal=True)


def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/response_thanks.html")


def _respond(
    request: HttpRequest, survey: TeamSurvey, token: str, *, personal: bool
) -> HttpResponse:
    if not survey.is_open:
        return _problem(request, CLOSED)
    form = ResponseForm(posted(request), instrument=get_instrument(survey.instrument_version))
    if form.is_valid():
        submit = form.submit_by_personal_link if personal else form.submit_by_company_link
        if submit(token):
            return redirect("survey_thanks")
        if form.link_problem:
            return _problem(request, form.link_problem)
    context = {"survey": survey, "form": form, "company": survey.enrolment.company}
    return render(request, "surveys/response_form.html", context)


def _problem(request: HttpRequest, problem: str, *, status: int = 200) -> HttpResponse:
    """A friendly page for a link that takes no response (closed, used or unknown, full)."""
    return render(request, "surveys/response_link.html", {"problem": problem}, status=status)


def _limited(request: HttpRequest, token: str) -> HttpResponse | None:
    window = settings.SURVEY_RATE_WINDOW
    # By the token's hash: the cache never holds a personal link in the clear.
    key = f"survey:{token_hash(token)[:32]}:{client_address(request)}"
    if within_limit(key, limit=settings.SURVEY_RATE_LIMIT, seconds=window):
        return None
    response = render(request, "surveys/response_limited.html", status=429)
    response["Retry-After"] = str(window)
    return response
