from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from companies.forms import call_service
from companies.models import Company
from people.models import Group, Participant, PeopleInformed
from people.services import (
    PARTICIPANT_FIELDS,
    participant_erase,
    participant_save,
    people_informed_confirm,
)


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
