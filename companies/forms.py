"""The forms of the enrolment, the needs analysis, the development plan and invitations.

A form cleans what one page posts; the rules that span rows live in the services. Each
form calls its service through ``call_service``, which puts the service's
``ValidationError`` on the field it names, so a view only says "valid and saved: redirect".
"""

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from stdnum import exceptions as stdnum
from stdnum.nl import postcode

from accounts.models import User
from companies.models import (
    MAX_MKB_EMPLOYEES,
    Company,
    CompanyChangeRequest,
    Contact,
    Edition,
    Enrolment,
    Invitation,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
    TrainingInstitution,
)
from companies.questionnaire import (
    LIKERT_LABELS,
    TEXT_MAX_LENGTH,
    Question,
    Section,
    get_questionnaire,
    validate_answers,
)
from companies.services import (
    CHANGEABLE,
    CompanyDetails,
    ContactDetails,
    analysis_review,
    analysis_save_section,
    analysis_start,
    analysis_submit,
    company_change_request,
    enrolment_start,
    enrolment_start_for_company,
    enrolment_submit,
    enrolment_update_billing,
    enrolment_update_company,
    invitation_accept,
    invitation_resend,
    invitation_revoke,
    invitation_send,
    plan_action_delete,
    plan_action_save,
)
from companies.validators import phone_clean, validate_kvk_number, vat_number_clean
from leercultuur.text import MultiLineFormField, SingleLineFormField
from programme.selectors import current

_KVK_SEPARATORS = re.compile(r"[\s.]")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's error on the fields it names; anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def call_service[T](form: forms.BaseForm, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """The service's result, or None after its ValidationError was put on the form."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


class EnrolmentChoiceField(forms.ModelChoiceField):
    """An enrolment shown by its company's name, as coaches and people at the door know it."""

    def label_from_instance(self, obj: Enrolment) -> str:
        return str(obj.company)


class ConfirmForm(forms.Form):
    """Only a button: resending or revoking an invitation, deleting an action, submitting
    an analysis."""

    def resend_invitation(self, invitation: Invitation, by: User) -> Invitation | None:
        return call_service(self, invitation_resend, invitation=invitation, by=by)

    def revoke_invitation(self, invitation: Invitation) -> Invitation | None:
        return call_service(self, invitation_revoke, invitation=invitation)

    def delete_action(self, action: PlanAction) -> bool:
        call_service(self, plan_action_delete, action=action)
        return not self.errors

    def start_analysis(self, enrolment: Enrolment, kind: str) -> NeedsAnalysis | None:
        return call_service(self, analysis_start, enrolment=enrolment, kind=kind)

    def submit_analysis(self, analysis: NeedsAnalysis, by: User) -> NeedsAnalysis | None:
        return call_service(self, analysis_submit, analysis=analysis, by=by)


# --- The contact: name, function and phone ---------------------------------------------


class PersonForm(forms.Form):
    """What a contact tells about themselves: on signing up their company and on accepting
    an invitation. Colleagues see it on the access page; the coach knows whom to call."""

    full_name = SingleLineFormField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Fill in your name.")},
    )
    position = SingleLineFormField(
        label=_("Function"),
        max_length=120,
        required=False,
        help_text=_("Your function in the company, such as owner, HR adviser or team leader."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("So that your coach and the programme office can call you."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        return phone_clean(phone) if phone else ""

    def person(self) -> ContactDetails:
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "phone": data["phone"],
            "position": data["position"],
        }


class InvitationAcceptForm(PersonForm):
    def accept(self, invitation: Invitation, user: User) -> Contact | None:
        return call_service(
            self, invitation_accept, invitation=invitation, user=user, person=self.person()
        )


# --- Enrolment ---------------------------------------------------------------------------


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Edition) -> str:
        closes = date_format(obj.enrolment_closes, "j F Y")
        return _("%(edition)s (enrol until %(date)s)") % {"edition": obj, "date": closes}


def _edition_field() -> EditionChoiceField:
    return EditionChoiceField(
        queryset=Edition.objects.none(),
        label=_("Edition"),
        empty_label=None,
        widget=forms.RadioSelect,
    )


def _offer_editions(form: forms.BaseForm, editions: QuerySet[Edition]) -> None:
    """Only the open editions are a choice; a single one is chosen already."""
    field = form.fields["edition"]
    field.queryset = editions  # type: ignore[attr-defined]
    if len(editions) == 1:
        field.initial = editions[0].pk


class EditionForm(forms.Form):
    """A contact enrols the company they already act for in an edition."""

    edition = _edition_field()

    def __init__(self, *args: Any, editions: QuerySet[Edition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_editions(self, editions)

    def start(self, user: User) -> Enrolment | None:
        edition = self.cleaned_data["edition"]
        return call_service(self, enrolment_start_for_company, user=user, edition=edition)


def _region_help() -> str:
    province = current().province
    return str(
        _("The region of %(province)s where your company is based.") % {"province": province}
    )


class CompanyForm(forms.ModelForm):
    """Page 1, the company. The services check what involves other rows (a KvK in use)."""

    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=20,
        help_text=_("The 8 digits of your company's registration at the Chamber of Commerce."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.filter(is_active=True),
        label=_("Region"),
        empty_label=_("Choose a region"),
        help_text=lazy(_region_help, str)(),
    )
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.filter(is_active=True),
        label=_("Sector"),
        empty_label=_("Choose a sector"),
    )
    employees = forms.IntegerField(
        label=_("Number of employees"),
        min_value=1,
        help_text=_("Everyone on the payroll, including management."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    mbo_employees = forms.IntegerField(
        label=_("Of whom mbo-educated"),
        min_value=0,
        help_text=_("Employees whose highest education is at mbo level (or who are at it)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Company
        fields = [
            "legal_name",
            "trade_name",
            "kvk_number",
            "street_address",
            "postcode",
            "city",
            "region",
            "sector",
            "employees",
            "mbo_employees",
            "has_hr_department",
        ]
        help_texts = {"trade_name": _("Only if it differs from the legal name.")}
        widgets = {
            "legal_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    def clean_kvk_number(self) -> str:
        number = _KVK_SEPARATORS.sub("", self.cleaned_data["kvk_number"])
        validate_kvk_number(number)
        return number

    def clean_postcode(self) -> str:
        try:
            return str(postcode.validate(self.cleaned_data["postcode"]))
        except stdnum.ValidationError:
            raise ValidationError(
                _("Enter a Dutch postcode, such as 1234 AB."), code="invalid"
            ) from None

    def clean_employees(self) -> int:
        employees: int = self.cleaned_data["employees"]
        if employees > MAX_MKB_EMPLOYEES:
            programme = current()
            raise ValidationError(
                _(
                    "Thank you for your interest. %(programme)s is meant for small and "
                    "medium-sized companies with fewer than 250 employees, so unfortunately "
                    "your company cannot take part. The programme office of %(operator)s "
                    "is glad to think along about other options."
                ),
                code="not_mkb",
                params={"programme": programme.name, "operator": programme.operator},
            )
        return employees

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        employees, mbo = cleaned.get("employees"), cleaned.get("mbo_employees")
        if employees is not None and mbo is not None and mbo > employees:
            self.add_error(
                "mbo_employees",
                ValidationError(
                    _("This cannot be more than the number of employees (%(total)d)."),
                    code="more_than_total",
                    params={"total": employees},
                ),
            )
        return cleaned

    # The services check uniqueness and constraints, with messages meant for this form.
    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass

    def details(self) -> CompanyDetails:
        data = self.cleaned_data
        return cast(CompanyDetails, {key: data[key] for key in CompanyDetails.__annotations__})

    def show_only(self) -> None:
        """The details as they were sent in: shown, not changed (a change request does)."""
        show_only(self, CompanyDetails.__annotations__)

    def update(self, enrolment: Enrolment) -> Company | None:
        return call_service(
            self,
            enrolment_update_company,
            enrolment=enrolment,
            details=self.details(),
        )


class EnrolmentStartForm(PersonForm, CompanyForm):
    """Page 1 for someone new: the edition, who they are and their company."""

    edition = _edition_field()
    field_order = ["edition", "full_name", "position", "phone"]

    def __init__(self, *args: Any, editions: QuerySet[Edition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_editions(self, editions)

    def start(self, user: User) -> Enrolment | None:
        return call_service(
            self,
            enrolment_start,
            user=user,
            edition=self.cleaned_data["edition"],
            details=self.details(),
            person=self.person(),
        )


class BillingForm(forms.Form):
    """Page 2: where the invoice for the own contribution goes."""

    billing_email = forms.EmailField(
        label=_("Billing e-mail address"),
        max_length=254,
        help_text=_("We send the invoice for the own contribution to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    billing_contact = SingleLineFormField(
        label=_("Billing contact"),
        max_length=150,
        help_text=_("The person or department the invoice is addressed to."),
    )
    vat_number = forms.CharField(
        label=_("VAT number"),
        max_length=20,
        required=False,
        help_text=_("Optional. For example NL000099998B57."),
    )
    po_reference = SingleLineFormField(
        label=_("Purchase-order reference"),
        max_length=60,
        required=False,
        help_text=_("Optional. We put it on the invoice if your administration needs one."),
    )

    @classmethod
    def for_enrolment(cls, data: Mapping[str, Any] | None, enrolment: Enrolment) -> "BillingForm":
        company = enrolment.company
        initial = {
            "billing_email": company.billing_email,
            "billing_contact": company.billing_contact,
            "vat_number": company.vat_number,
            "po_reference": enrolment.po_reference,
        }
        return cls(data, initial=initial)

    def clean_vat_number(self) -> str:
        number: str = self.cleaned_data["vat_number"]
        return vat_number_clean(number) if number.strip() else ""

    def update(self, enrolment: Enrolment) -> Enrolment | None:
        return call_service(
            self, enrolment_update_billing, enrolment=enrolment, **self.cleaned_data
        )

    def show_only(self) -> None:
        """The company's billing details as sent in; the purchase-order reference stays."""
        show_only(self, ("billing_email", "billing_contact", "vat_number"))


class CompanyChangeForm(CompanyForm):
    """A contact asks the programme office to change the details that were sent in."""

    billing_email = forms.EmailField(label=_("Billing e-mail address"), max_length=254)
    billing_contact = SingleLineFormField(label=_("Billing contact"), max_length=150)
    vat_number = forms.CharField(label=_("VAT number"), max_length=20, required=False)

    class Meta(CompanyForm.Meta):
        fields = [*CompanyForm.Meta.fields, "billing_email", "billing_contact", "vat_number"]

    clean_vat_number = BillingForm.clean_vat_number

    def request_change(self, company: Company, by: User) -> CompanyChangeRequest | None:
        details = {field: self.cleaned_data[field] for field in CHANGEABLE}
        return call_service(self, company_change_request, company=company, by=by, details=details)


def show_only(form: forms.BaseForm, names: Iterable[str]) -> None:
    for name in names:
        form.fields[name].disabled = True


class SubmitForm(forms.Form):
    """Page 3: the motivation and the consent to the edition's terms."""

    motivation = MultiLineFormField(
        label=_("Motivation"),
        max_length=5000,
        help_text=_("Why does your company take part, and what do you hope to achieve?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us briefly why your company takes part.")},
    )
    accept_terms = forms.BooleanField(
        error_messages={"required": _("Agree to the programme terms to enrol.")},
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = _(
            "On behalf of my company I agree to the programme terms above, including the "
            "own contribution and the trajectory of %(months)d months."
        ) % {"months": edition.trajectory_months}

    def submit(self, enrolment: Enrolment, by: User) -> Enrolment | None:
        return call_service(self, enrolment_submit, enrolment=enrolment, by=by, **self.cleaned_data)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        max_length=254,
        help_text=_("We send your colleague a link to join your company in the portal."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def send(self, company: Company, by: User) -> Invitation | None:
        return call_service(self, invitation_send, company=company, by=by, **self.cleaned_data)


# --- The needs analysis ------------------------------------------------------------------


def question_field(question: Question) -> forms.Field:
    """A form field for one question; the questionnaire decides what is valid."""
    common: dict[str, Any] = {
        "label": question.text,
        "required": False,
        "help_text": "" if question.required else _("Optional."),
    }
    if question.kind == "likert":
        choices = [
            (str(value), f"{value} – {label.text}") for value, label in LIKERT_LABELS.items()
        ]
        return forms.ChoiceField(
            choices=choices, widget=forms.RadioSelect(attrs={"class": "likert"}), **common
        )
    if question.kind == "choice":
        choices = [(choice.key, choice.text) for choice in question.choices]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == "multi":
        choices = [(choice.key, choice.text) for choice in question.choices]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    return MultiLineFormField(
        max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}), **common
    )


class AnalysisSectionForm(forms.Form):
    """One page of the questionnaire. Every save keeps the page; "next" also wants it complete."""

    NEXT = "next"
    BACK = "back"

    def __init__(
        self, data: Mapping[str, Any] | None, *, analysis: NeedsAnalysis, section: Section
    ) -> None:
        super().__init__(data, initial=analysis.answers)
        self.analysis, self.section = analysis, section
        for question in section.questions:
            self.fields[question.key] = question_field(question)

    @property
    def going_back(self) -> bool:
        return self.data.get("direction") == self.BACK

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        questionnaire = get_questionnaire(self.analysis.questionnaire_version)
        _answers, errors = validate_answers(
            questionnaire, self.section.key, cleaned, require_complete=not self.going_back
        )
        for key, messages in errors.items():
            if key not in self.errors:  # one message per question is enough
                self.add_error(key, messages)
        return cleaned

    def save(self) -> NeedsAnalysis | None:
        return call_service(
            self,
            analysis_save_section,
            analysis=self.analysis,
            section_key=self.section.key,
            raw=self.cleaned_data,
        )


class ReviewForm(forms.Form):
    """The coach's review of a submitted analysis."""

    learning_question = MultiLineFormField(
        label=_("Learning question (leervraag)"),
        max_length=2000,
        help_text=_("What does the company want to learn? This steers the development plan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    coach_summary = MultiLineFormField(
        label=_("Summary"),
        max_length=10000,
        required=False,
        help_text=_("Your summary of the analysis, for the company and the programme office."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    @classmethod
    def for_analysis(cls, data: Mapping[str, Any] | None, analysis: NeedsAnalysis) -> "ReviewForm":
        initial = {
            "learning_question": analysis.learning_question,
            "coach_summary": analysis.coach_summary,
        }
        return cls(data, initial=initial)

    def review(self, analysis: NeedsAnalysis, by: User) -> NeedsAnalysis | None:
        return call_service(self, analysis_review, analysis=analysis, by=by, **self.cleaned_data)


# --- The development plan ----------------------------------------------------------------


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


# How people learn, each said in a few words beside its choice.
KIND_HELP: dict[str, StrOrPromise] = {
    PlanAction.Kind.FORMAL: _("a course or training"),
    PlanAction.Kind.WORK_BASED: _("BBL, praktijkleren, a learning workplace"),
    PlanAction.Kind.INFORMAL: _("on the job, mentoring, learning from colleagues"),
}


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TrainingInstitution) -> str:
        return str(obj)


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = [
            "title",
            "description",
            "kind",
            "target_group",
            "owner",
            "institution",
            "training_institution",
            "planned_date",
            "status",
            "done_date",
        ]
        help_texts = {
            "owner": _("Who in the company takes care of this action."),
            "institution": _("For a course or work-based learning: the ROC, school or trainer."),
            "training_institution": _("Not in the list? Type its name here."),
            "done_date": _("Left empty for an action that is done: today."),
        }
        field_classes = {"institution": InstitutionChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "planned_date": _DateInput(),
            "done_date": _DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, format_lazy("{}: {}", label, KIND_HELP[value]))
            for value, label in PlanAction.Kind.choices
        ]
        institution = cast(InstitutionChoiceField, self.fields["institution"])
        # The active ones, and the one this action already names even if no longer active.
        current = Q(pk=self.instance.institution_id) if self.instance.institution_id else Q()
        institution.queryset = TrainingInstitution.objects.filter(Q(is_active=True) | current)
        institution.empty_label = _("None, or not in the list")
        self.fields["target_group"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a target group")),
            *PlanAction.TargetGroup.choices,
        ]

    # plan_action_save fills in the date an action was done, then checks the constraints.
    def validate_constraints(self) -> None:
        pass

    def save_to(self, enrolment: Enrolment) -> PlanAction | None:
        action = self.instance if self.instance.pk else None
        return call_service(
            self,
            plan_action_save,
            enrolment=enrolment,
            fields=self.cleaned_data,
            action=action,
        )
