from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from companies.forms import add_service_errors, call_service, question_field
from companies.models import Enrolment
from companies.questionnaire import Section
from people.models import Group
from surveys.instrument import Instrument
from surveys.models import SurveyResponse, TeamSurvey
from surveys.services import (
    CLOSED,
    FULL,
    USED,
    About,
    response_submit_by_company_link,
    response_submit_by_personal_link,
    survey_close,
    survey_invite,
    survey_open,
)

NOT_SAYING = ""
YES, NO = "yes", "no"


class ResponseForm(forms.Form):
    """The team survey on one page: every statement, then two optional questions."""

    group = forms.ChoiceField(
        label=_("What is your place in the company?"),
        choices=[*Group.choices, (NOT_SAYING, _("I'd rather not say"))],
        widget=forms.RadioSelect,
        required=False,
        initial=NOT_SAYING,
    )
    mbo = forms.ChoiceField(
        label=_("Do you have an mbo diploma, or are you studying for one?"),
        choices=[(YES, _("Yes")), (NO, _("No")), (NOT_SAYING, _("I'd rather not say"))],
        widget=forms.RadioSelect,
        required=False,
        initial=NOT_SAYING,
    )

    def __init__(self, data: Mapping[str, Any] | None, *, instrument: Instrument) -> None:
        super().__init__(data)
        self.instrument = instrument
        # What made a link take no response (closed, used, full); the view shows its page.
        self.link_problem = ""
        for statement in instrument.statements():
            self.fields[statement.key] = question_field(statement)
        self.order_fields([s.key for s in instrument.statements()])

    def sections(self) -> list[tuple[Section, list[BoundField]]]:
        """The statements per dimension, as the page shows them."""
        return [
            (section, [self[statement.key] for statement in section.questions])
            for section in self.instrument.sections
        ]

    def about(self) -> list[BoundField]:
        return [self["group"], self["mbo"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _answers, errors = self.instrument.validate(cleaned)
        for key, messages in errors.items():
            if key not in self.errors:
                self.add_error(key, messages)
        return cleaned

    def submit_by_company_link(self, token: str) -> SurveyResponse | None:
        return self._submit(response_submit_by_company_link, token)

    def submit_by_personal_link(self, token: str) -> SurveyResponse | None:
        return self._submit(response_submit_by_personal_link, token)

    def _submit(self, service: Callable[..., SurveyResponse], token: str) -> SurveyResponse | None:
        mbo = self.cleaned_data["mbo"]
        about = About(group=self.cleaned_data["group"], is_mbo={YES: True, NO: False}.get(mbo))
        try:
            return service(token=token, raw=self.cleaned_data, about=about)
        except ValidationError as error:
            code = getattr(error, "code", None)
            if code in {CLOSED, USED, FULL}:
                self.link_problem = str(code)
            else:
                add_service_errors(self, error)
            return None


class OpenForm(forms.Form):
    """Only a button: open the team survey of a measurement."""

    def open(self, enrolment: Enrolment, kind: str, by: User) -> TeamSurvey | None:
        return call_service(self, survey_open, enrolment=enrolment, kind=kind, by=by)


class KeepForm(forms.Form):
    """Only a button: mail the personal links, or close the survey."""

    def invite(self, survey: TeamSurvey, by: User) -> int | None:
        return call_service(self, survey_invite, survey=survey, by=by)

    def close(self, survey: TeamSurvey, by: User) -> TeamSurvey | None:
        return call_service(self, survey_close, survey=survey, by=by)
