from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from companies.forms import call_service
from companies.models import Company, PlanAction
from people.models import ActionParticipant, AmbassadorActivity, Group, Participant, PeopleInformed
from people.selectors import people_to_add
from people.services import (
    AMBASSADOR_ACTIVITY_FIELDS,
    PARTICIPANT_FIELDS,
    PARTICIPATION_FIELDS,
    action_participant_remove,
    action_participant_save,
    ambassador_activity_record,
    participant_erase,
    participant_save,
    people_informed_confirm,
)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipantForm(forms.ModelForm):
    """A participant of the company: added on the list page, changed on their own page."""

    class Meta:
        model = Participant
        fields = list(PARTICIPANT_FIELDS)
        widgets = {
            "group": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = Group.choices  # type: ignore[attr-defined]  # no blank radio
        if self.instance.pk is None:
            del self.fields["is_active"]  # a new person takes part

    # participant_save checks the constraints, with a message meant for this form.
    def validate_constraints(self) -> None:
        pass

    def save_to(self, company: Company) -> Participant | None:
        participant = self.instance if self.instance.pk else None
        fields = {name: self.cleaned_data[name] for name in self.fields}
        return call_service(
            self, participant_save, company=company, fields=fields, participant=participant
        )


class InformedForm(forms.Form):
    informed = forms.BooleanField(
        label=_(
            "I have told the people I list here that their name, job title, group and "
            "education are kept in the portal for the programme, and where to read the "
            "privacy statement."
        ),
        error_messages={"required": _("Tick the box to confirm that the people were told.")},
    )

    def confirm(self, company: Company, by: User) -> PeopleInformed | None:
        return call_service(self, people_informed_confirm, company=company, by=by)


class EraseForm(forms.Form):
    def erase(self, participant: Participant) -> Participant | None:
        return call_service(self, participant_erase, participant=participant)


class PersonChoiceField(forms.ModelChoiceField):
    """A participant shown by name and job title, as colleagues know them."""

    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.name} ({obj.job_title})" if obj.job_title else obj.name


class ParticipationForm(forms.ModelForm):
    """How far one person got in an action: started, finished, certificate or diploma.

    Adding a person (no instance yet) also asks who.
    """

    participant = PersonChoiceField(
        label=_("Who"), queryset=Participant.objects.none(), empty_label=_("Choose a person")
    )

    class Meta:
        model = ActionParticipant
        fields = ["participant", *PARTICIPATION_FIELDS]
        help_texts = {
            "finished_on": _("Left empty while the person is still learning."),
            "certificate_level": _("With a certificate or diploma: its level, if it has one."),
        }
        widgets = {
            "started_on": _date_input(),
            "finished_on": _date_input(),
            "certificate": forms.RadioSelect,
        }

    def __init__(self, *args: Any, action: PlanAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        if self.instance.pk:
            del self.fields["participant"]
        else:
            field = self.fields["participant"]
            field.queryset = people_to_add(action)  # type: ignore[attr-defined]
        level = self.fields["certificate_level"]
        level.choices = [("", _("No level")), *level.choices[1:]]  # type: ignore[attr-defined]

    # action_participant_save checks the constraints, each with a message on its field.
    def validate_constraints(self) -> None:
        pass

    def save_to_action(self) -> ActionParticipant | None:
        existing = self.instance if self.instance.pk else None
        participant = existing.participant if existing else self.cleaned_data["participant"]
        fields = {name: self.cleaned_data[name] for name in PARTICIPATION_FIELDS}
        return call_service(
            self,
            action_participant_save,
            action=self.action,
            participant=participant,
            fields=fields,
            participation=existing,
        )


class RemoveParticipationForm(forms.Form):
    def remove(self, participation: ActionParticipant) -> bool:
        call_service(self, action_participant_remove, participation=participation)
        return not self.errors


class AmbassadorActivityForm(forms.ModelForm):
    class Meta:
        model = AmbassadorActivity
        fields = list(AMBASSADOR_ACTIVITY_FIELDS)
        help_texts = {"description": _("In one line, for example which action or meeting.")}
        widgets = {"kind": forms.RadioSelect, "happened_on": _date_input()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AmbassadorActivity.Kind.choices  # type: ignore[attr-defined]  # no blank radio

    def record(self, participant: Participant, by: User) -> AmbassadorActivity | None:
        fields = {name: self.cleaned_data[name] for name in AMBASSADOR_ACTIVITY_FIELDS}
        return call_service(
            self, ambassador_activity_record, participant=participant, fields=fields, by=by
        )
