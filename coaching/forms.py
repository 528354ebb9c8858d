"""The coach's session form: one page, sensible defaults, every rule left to the services."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from coaching.extra_hours import extra_hours_refuse, extra_hours_request
from coaching.models import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    QUARTER_HOUR,
    BudgetAdjustment,
    CoachingSession,
)
from coaching.services import SESSION_FIELDS, session_delete, session_log, session_update
from coaching.templatetags.coaching_tags import hours
from companies.forms import EnrolmentChoiceField, call_service
from companies.models import Enrolment
from leercultuur.text import MultiLineFormField, SingleLineFormField
from people.models import Participant
from people.selectors import participants_of


def _label(name: str) -> Any:
    field = CoachingSession._meta.get_field(name)
    return capfirst(field.verbose_name)  # type: ignore[union-attr]


def duration_choices() -> list[tuple[int, str]]:
    # Built when the form is, so the labels follow the language of the request.
    steps = range(MIN_SESSION_MINUTES, MAX_SESSION_MINUTES + 1, QUARTER_HOUR)
    return [(minutes, hours(minutes)) for minutes in steps]


class PeopleField(forms.ModelMultipleChoiceField):
    """The company's participants as checkboxes: name, and job title when known."""

    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.name} ({obj.job_title})" if obj.job_title else obj.name


def _reload_people(url: str) -> dict[str, str]:
    """htmx: choosing another company brings in its people (only the list of checkboxes)
    and its card (the panel beside the form, out of band)."""
    return {
        "hx-get": url,
        "hx-target": "#id_people",
        "hx-select": "#id_people",
        "hx-select-oob": "#company-card",
        "hx-swap": "outerHTML",
    }


def _chosen_enrolment(enrolments: QuerySet[Enrolment], public_id: object) -> Enrolment | None:
    if not public_id:
        return None
    try:
        return enrolments.select_related("company").filter(public_id=str(public_id)).first()
    except (ValueError, ValidationError):
        return None


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
    people = PeopleField(
        label=_("Who took part"),
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick the people of the company who took part; the numbers below then follow "
            "from them. Someone missing? Add them to the company's participants first."
        ),
    )
    participants = forms.IntegerField(
        label=_("Number of participants"),
        min_value=1,
        max_value=999,
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Only when you have ticked nobody above."),
    )
    mbo_participants = forms.IntegerField(
        label=_label("mbo_participants"),
        min_value=0,
        max_value=999,
        initial=0,
        required=False,
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
        recorded: list[Participant] = []
        # The enrolment chosen (or preselected), or the session's: its card goes beside.
        self.chosen: Enrolment | None = session.enrolment if session is not None else None
        if session is not None:
            initial = {name: getattr(session, name) for name in SESSION_FIELDS if name != "people"}
            recorded = list(session.people.all())
            initial["people"] = [person.public_id for person in recorded]
        super().__init__(data, initial={"date": timezone.localdate(), **(initial or {})})
        self.fields["minutes"].choices = duration_choices()  # type: ignore[attr-defined]
        if enrolments is None:
            del self.fields["enrolment"]
        else:
            self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]
            self.fields["enrolment"].widget.attrs.update(_reload_people(reverse("session_create")))
            self.chosen = _chosen_enrolment(enrolments, self["enrolment"].value())
        company = self.chosen.company if self.chosen is not None else None
        if company is not None:
            # The company's people who take part, and anyone recorded before (no longer
            # active, say); the erased are kept by the service, unseen.
            people = participants_of(company).filter(
                Q(is_active=True) | Q(pk__in=[person.pk for person in recorded])
            )
            self.fields["people"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("people"):
            return cleaned  # the service counts them
        participants, mbo = cleaned.get("participants"), cleaned.get("mbo_participants")
        if participants is None and "participants" not in self.errors:
            self.add_error(
                "participants", _("Tick who took part, or enter how many people took part.")
            )
        if participants is not None and mbo is not None and mbo > participants:
            self.add_error(
                "mbo_participants",
                _("There cannot be more mbo-educated participants than participants."),
            )
        return cleaned

    def _fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in SESSION_FIELDS}
        if fields["people"]:  # the service counts them; nothing typed is needed
            del fields["participants"], fields["mbo_participants"]
        elif fields["mbo_participants"] is None:
            fields["mbo_participants"] = 0
        return fields

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


# The extra time a coach may ask for at once, in hours: a short list is quicker on a phone
# than typing, and the service checks the rules again.
EXTRA_HOURS = (1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 30, 40)


class ExtraHoursForm(forms.Form):
    """A coach asks for extra hours for one company, with a reason."""

    hours = forms.TypedChoiceField(label=_("How many extra hours"), coerce=int)
    reason = MultiLineFormField(
        label=_("Why the company needs them"),
        max_length=2000,
        help_text=_("For example: what the plan still needs and what has been used so far."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hours"].choices = [("", _("Choose"))] + [  # type: ignore[attr-defined]
            (number, hours(number * 60)) for number in EXTRA_HOURS
        ]

    def ask(self, enrolment: Enrolment, coach: User) -> BudgetAdjustment | None:
        minutes = self.cleaned_data["hours"] * 60
        reason = self.cleaned_data["reason"]
        return call_service(
            self, extra_hours_request, enrolment=enrolment, by=coach, minutes=minutes, reason=reason
        )


class ExtraHoursRefuseForm(forms.Form):
    """Staff refuse a request, saying why in one line (the coach and company read it)."""

    reason = SingleLineFormField(label=_("Why not"), max_length=300, required=False)

    def refuse(self, request: BudgetAdjustment, by: User) -> BudgetAdjustment | None:
        reason = self.cleaned_data["reason"]
        return call_service(self, extra_hours_refuse, request=request, by=by, reason=reason)
