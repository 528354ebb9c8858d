"""The team survey for the company's contact (open it, hand out its links, close it) and its
results for the contact, the company's coaches and staff.

Every object comes through a helper scoped to the user that answers 404 for anyone else's.
"""

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from companies.selectors import get_enrolment_for_user
from leercultuur.http import posted
from surveys.forms import KeepForm, OpenForm
from surveys.instrument import get_instrument
from surveys.models import TeamSurvey
from surveys.selectors import (
    get_survey_for_user,
    get_survey_to_keep,
    invited_count,
    not_yet_invited,
    surveys_of,
)
from surveys.selectors import survey_results as results_of


@role_required(Role.CONTACT)
def survey_open(request: HttpRequest, public_id: object, kind: str) -> HttpResponse:
    """What the team survey is, and a button to open it for this measurement."""
    user: User = request.user  # type: ignore[assignment]
    enrolment = get_enrolment_for_user(user, public_id)  # type: ignore[arg-type]
    if kind not in TeamSurvey.Kind.values:
        raise Http404
    if existing := surveys_of(enrolment).get(kind):
        return redirect("survey_detail", existing.public_id)
    form = OpenForm(posted(request))
    if form.is_valid() and (survey := form.open(enrolment, kind, user)):
        messages.success(request, _("The team survey is open. Hand out the links below."))
        return redirect("survey_detail", survey.public_id)
    context = {
        "enrolment": enrolment,
        "kind_label": TeamSurvey.Kind(kind).label,
        "form": form,
        "minutes": get_instrument().estimated_minutes(),
    }
    return render(request, "surveys/survey_open.html", context)


@role_required(Role.CONTACT)
def survey_detail(request: HttpRequest, public_id: object) -> HttpResponse:
    """The contact's page of one survey: its links, how many answered, and the buttons."""
    survey = get_survey_to_keep(request.user, public_id)  # type: ignore[arg-type]
    context = {
        "survey": survey,
        "enrolment": survey.enrolment,
        "company_url": _company_url(request, survey),
        "responses": survey.responses.count(),
        "invited": invited_count(survey),
        "to_invite": not_yet_invited(survey),
        "form": KeepForm(),
    }
    return render(request, "surveys/survey_detail.html", context)


@role_required(Role.CONTACT)
def survey_poster(request: HttpRequest, public_id: object) -> HttpResponse:
    """A page to print: the QR code that leads to the company link."""
    survey = get_survey_to_keep(request.user, public_id)  # type: ignore[arg-type]
    url = _company_url(request, survey)
    qr = segno.make(url, error="m").svg_inline(scale=8, title=_("QR code of the team survey"))
    context = {
        "survey": survey,
        "url": url,
        "qr": qr,
        "minutes": get_instrument(survey.instrument_version).estimated_minutes(),
    }
    return render(request, "surveys/survey_poster.html", context)


@role_required(Role.CONTACT)
@require_POST
def survey_invite(request: HttpRequest, public_id: object) -> HttpResponse:
    """Mail a personal link to everyone on the list with an address who had none yet."""
    survey = get_survey_to_keep(request.user, public_id)  # type: ignore[arg-type]
    form = KeepForm(request.POST)
    sent = form.invite(survey, request.user) if form.is_valid() else None  # type: ignore[arg-type]
    if sent is None:
        messages.error(request, " ".join(map(str, form.non_field_errors())))
    elif sent:
        messages.success(
            request,
            ngettext(
                "A personal link has been mailed to %(count)d person.",
                "A personal link has been mailed to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )
    else:
        messages.info(request, _("Everyone on the list with an e-mail address has a link."))
    return redirect("survey_detail", survey.public_id)


@role_required(Role.CONTACT)
@require_POST
def survey_close(request: HttpRequest, public_id: object) -> HttpResponse:
    survey = get_survey_to_keep(request.user, public_id)  # type: ignore[arg-type]
    form = KeepForm(request.POST)
    if form.is_valid() and form.close(survey, request.user):  # type: ignore[arg-type]
        messages.success(request, _("The team survey is closed. Its links no longer work."))
    else:
        messages.error(request, " ".join(map(str, form.non_field_errors())))
    return redirect("survey_detail", survey.public_id)


@role_required(Role.CONTACT, Role.COACH, Role.STAFF)
def survey_results(request: HttpRequest, public_id: object) -> HttpResponse:
    survey = get_survey_for_user(request.user, public_id)  # type: ignore[arg-type]
    context = {"survey": survey, "enrolment": survey.enrolment, "results": results_of(survey)}
    return render(request, "surveys/survey_results.html", context)


def _company_url(request: HttpRequest, survey: TeamSurvey) -> str:
    return request.build_absolute_uri(reverse("survey_company", args=[survey.company_token]))
