"""The coach's session form: one page, sensible defaults, every rule left to the services."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from coaching.models import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    QUARTER_HOUR,
    CoachingSession,
)
from coaching.services import SESSION_FIELDS, session_delete, session_log, session_update
from coaching.templatetags.coaching_tags import hours
from companies.forms import EnrolmentChoiceField, call_service
from companies.models import Enrolment
from leercultuur.text import MultiLineFormField


def _label(name: str) -> Any:
    field = CoachingSession._meta.get_field(name)
    return capfirst(field.verbose_name)  # type: ignore[union-attr]


def duration_choices() -> list[tuple[int, str]]:
    # Built when the form is, so the labels follow the language of the request.
    steps = range(MIN_SESSION_MINUTES, MAX_SESSION_MINUTES + 1, QUARTER_HOUR)
    return [(minutes, hours(minutes)) for minutes in steps]


class SessionForm(forms.Form):
    """Log a session (with a company to choose) or change one (without)."""

    enrolment = EnrolmentChoiceField(
        label=_("Company"), queryset=Enrolment.objects.none(), to_field_name="public_id"
    )
    date = forms.DateField(
        label=_label("date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.TypedChoiceField(label=_("Duration"), coerce=int, initial=60)
    activity = forms.ChoiceField(
        label=_label("activity"),
        choices=CoachingSession.Activity.choices,
        initial=CoachingSession.Activity.CONVERSATION,
    )
    mode = forms.ChoiceField(
        label=_label("mode"),
        choices=CoachingSession.Mode.choices,
        initial=CoachingSession.Mode.ON_SITE,
    )
    participants = forms.IntegerField(
        label=_label("participants"),
        min_value=1,
        max_value=999,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    mbo_participants = forms.IntegerField(
        label=_label("mbo_participants"),
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    summary = MultiLineFormField(
        label=_label("summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    private_notes = MultiLineFormField(
        label=_label("private_notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up = MultiLineFormField(
        label=_label("follow_up"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        enrolments: QuerySet[Enrolment] | None = None,
        session: CoachingSession | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        if session is not None:
            initial = {name: getattr(session, name) for name in SESSION_FIELDS}
        super().__init__(data, initial={"date": timezone.localdate(), **(initial or {})})
        self.fields["minutes"].choices = duration_choices()  # type: ignore[attr-defined]
        if enrolments is None:
            del self.fields["enrolment"]
        else:
            self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        participants, mbo = cleaned.get("participants"), cleaned.get("mbo_participants")
        if participants is not None and mbo is not None and mbo > participants:
            self.add_error(
                "mbo_participants",
                _("There cannot be more mbo-educated participants than participants."),
            )
        return cleaned

    def _fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}

    def log(self, coach: User) -> CoachingSession | None:
        enrolment = self.cleaned_data["enrolment"]
        return call_service(
            self, session_log, enrolment=enrolment, coach=coach, fields=self._fields()
        )

    def update(self, session: CoachingSession, by: User) -> CoachingSession | None:
        return call_service(self, session_update, session=session, by=by, fields=self._fields())


class SessionDeleteForm(forms.Form):
    """Only a button; the service decides whether the session may still go."""

    def delete(self, session: CoachingSession, by: User) -> bool:
        call_service(self, session_delete, session=session, by=by)
        return not self.errors
