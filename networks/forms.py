"""Forms of the network pages; every rule is left to networks/services.py."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from companies.forms import call_service
from companies.models import Enrolment
from leercultuur.text import MultiLineFormField, SingleLineFormField
from networks.models import Experience, LearningNetwork, Meeting, MeetingDocument, Registration
from networks.services import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_NAME_TOO_LONG,
    DOCUMENT_TOO_LARGE,
    checkin_record,
    document_add,
    experience_post,
    meeting_report_save,
    registration_add,
)
from people.models import Group, Participant


class ParticipantChoiceField(forms.ModelChoiceField):
    """A participant shown by name and, when known, job title."""

    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.name} ({obj.job_title})" if obj.job_title else obj.name


class RegistrationForm(forms.Form):
    """Register someone from the company's list: the meeting decides place or waiting list."""

    participant = ParticipantChoiceField(
        label=_("Who comes?"),
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose who comes.")},
    )

    def __init__(self, *args: Any, people: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = people  # type: ignore[attr-defined]

    def register(self, meeting: Meeting, enrolment: Enrolment, by: User) -> Registration | None:
        participant = self.cleaned_data["participant"]
        return call_service(
            self,
            registration_add,
            meeting=meeting,
            enrolment=enrolment,
            by=by,
            participant=participant,
        )


class NewcomerForm(forms.ModelForm):
    """Someone not on the company's list yet: added to it, and registered, in one go."""

    # The submit button's name, so the meeting page knows which of its forms was sent.
    SUBMIT = "add_newcomer"

    class Meta:
        model = Participant
        fields = ["name", "job_title", "group", "education", "email"]
        widgets = {
            "group": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "email": _("Optional. They then receive the confirmation and the reminder."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Radio buttons: one of the two groups, without an empty one ticked beforehand.
        self.fields["group"].choices = Group.choices  # type: ignore[attr-defined]

    # The services check the constraints, with a message meant for this form.
    def validate_constraints(self) -> None:
        pass

    def register(self, meeting: Meeting, enrolment: Enrolment, by: User) -> Registration | None:
        newcomer = {name: self.cleaned_data[name] for name in self.fields}
        return call_service(
            self, registration_add, meeting=meeting, enrolment=enrolment, by=by, newcomer=newcomer
        )


class ExperienceForm(forms.Form):
    body = MultiLineFormField(
        label=_("Your experience"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Only the companies and facilitators of this network can read it."),
    )
    meeting = forms.ModelChoiceField(
        label=_("About the meeting"),
        queryset=Meeting.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("(not about one meeting)"),
    )

    def __init__(self, *args: Any, network: LearningNetwork, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["meeting"].queryset = network.meetings.all()  # type: ignore[attr-defined]

    def post(self, author: User, enrolment: Enrolment | None) -> Experience | None:
        data = self.cleaned_data
        return call_service(
            self,
            experience_post,
            network=self.network,
            author=author,
            enrolment=enrolment,
            body=data["body"],
            meeting=data["meeting"],
        )


class ReportForm(forms.Form):
    report = MultiLineFormField(
        label=_("Facilitator's report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )

    def save(self, meeting: Meeting) -> Meeting | None:
        return call_service(self, meeting_report_save, meeting=meeting, **self.cleaned_data)


class DocumentForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), max_length=150, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office document or image; at most 10 MB."),
        # The name's limit is the model's (its path must fit the column), with its message.
        max_length=MeetingDocument.NAME_MAX_LENGTH,
        error_messages={"max_length": DOCUMENT_NAME_TOO_LONG},
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in sorted(DOCUMENT_EXTENSIONS))}
        ),
    )

    @classmethod
    def too_large(cls) -> "DocumentForm":
        """The form as it comes back when the upload was refused unread, for its size."""
        form = cls(data={})
        form.errors.clear()  # not "required": the file was there, it was too large
        form.add_error("file", DOCUMENT_TOO_LARGE)
        return form

    def add(self, meeting: Meeting, by: User) -> MeetingDocument | None:
        return call_service(self, document_add, meeting=meeting, by=by, **self.cleaned_data)


class CheckinForm(forms.Form):
    """At the door: the name someone was registered under and their company's name.

    Typed, not chosen: the page lists no member companies to whoever has its link.
    """

    name = SingleLineFormField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    company = SingleLineFormField(
        label=_("Your company's name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def check_in(self, meeting: Meeting) -> Registration | None:
        return call_service(self, checkin_record, meeting=meeting, **self.cleaned_data)
