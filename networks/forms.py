"""Forms of the network pages; every rule is left to networks/services.py."""

from typing import Any

from django import forms
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


class RegistrationForm(forms.Form):
    """Register someone of the contact's company: the meeting decides place or waiting list."""

    name = SingleLineFormField(label=_("Name"), max_length=150)
    role = SingleLineFormField(label=_("Role in the company"), max_length=100, required=False)
    is_mbo = forms.BooleanField(label=_("Educated at mbo level"), required=False)

    def register(self, meeting: Meeting, enrolment: Enrolment, by: User) -> Registration | None:
        return call_service(
            self, registration_add, meeting=meeting, enrolment=enrolment, by=by, **self.cleaned_data
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
