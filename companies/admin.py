from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from accounts.models import User
from companies import services
from companies.models import (
    Company,
    CompanyChangeRequest,
    Contact,
    DevelopmentPlan,
    Edition,
    Enrolment,
    EnrolmentNote,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
    TrainingInstitution,
)
from companies.selectors import change_lines, new_edition_values
from leercultuur.admin_actions import (
    QuickChangeList,
    apply_each,
    ask_then_apply,
    confirm_then_apply,
    irreversible,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")
    search_fields = ("name",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_active")
    search_fields = ("code", "name")


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "enrolment_opens",
        "enrolment_closes",
        "places",
        "places_left",
        "is_open",
    )
    list_filter = ("is_open",)
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Edition]:
        taken = Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDS_PLACE))
        return super().get_queryset(request).annotate(taken=taken)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """A new edition starts with the programme's amounts and terms (its settings)."""
        return {**new_edition_values(), **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request: HttpRequest, obj: Edition | None = None) -> Any:
        # Once there are enrolments, the budget changes only through the action "Change the
        # coach budget" (added by coaching), which refuses less than a company has used.
        if obj is not None and obj.enrolments.exists():
            return (*self.readonly_fields, "coach_budget_minutes")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Edition, form: Any, change: bool) -> None:
        if change and "coach_budget_minutes" in self.get_readonly_fields(request, obj):
            # Not written back as it was read: the action may have changed it meanwhile.
            fields = [f.name for f in Edition._meta.concrete_fields if not f.primary_key]
            obj.save(update_fields=[name for name in fields if name != "coach_budget_minutes"])
            return
        super().save_model(request, obj, form, change)

    @admin.display(description=_("places left"))
    def places_left(self, edition: Edition) -> int:
        return edition.places - edition.taken  # type: ignore[attr-defined]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "kvk_number", "city", "region", "sector", "employees")
    list_filter = ("region", "sector", "has_hr_department")
    list_select_related = ("region", "sector")
    search_fields = ("legal_name", "trade_name", "kvk_number", "city")
    inlines = [ContactInline]


@admin.register(CompanyChangeRequest)
class CompanyChangeRequestAdmin(admin.ModelAdmin):
    """A contact's requested change: staff read it and approve or reject it (services)."""

    list_display = ("company", "requested_by", "requested_at", "status")
    list_filter = ("status",)
    list_select_related = ("company", "requested_by")
    search_fields = ("company__legal_name", "company__kvk_number", "requested_by__email")
    fields = ("company", "requested_by", "requested_at", "changes_shown", "status", "decided_by")
    readonly_fields = fields
    actions = ["approve", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # read it here; approve or reject it with the actions

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=_("changes"))
    def changes_shown(self, change: CompanyChangeRequest) -> str:
        lines = ((label, old or "–", new or "–") for label, old, new in change_lines(change))
        return format_html_join("", "<p>{}: {} → <strong>{}</strong></p>", lines)

    @irreversible
    @admin.action(description=_("Approve the selected requests: change the company's details"))
    def approve(
        self, request: HttpRequest, queryset: QuerySet[CompanyChangeRequest]
    ) -> HttpResponse | None:
        return confirm_then_apply(
            self,
            request,
            queryset.select_related("company"),
            action="approve",
            apply=lambda change: services.company_change_approve(request=change, by=request.user),  # type: ignore[arg-type]
            explanation=_(
                "Approving changes the company's details as requested and tells the contact. "
                "The request cannot be decided again."
            ),
            done_message=_decided,
            describe=_described,
        )

    @irreversible
    @admin.action(description=_("Reject the selected requests"))
    def reject(
        self, request: HttpRequest, queryset: QuerySet[CompanyChangeRequest]
    ) -> HttpResponse | None:
        return confirm_then_apply(
            self,
            request,
            queryset.select_related("company"),
            action="reject",
            apply=lambda change: services.company_change_reject(request=change, by=request.user),  # type: ignore[arg-type]
            explanation=_(
                "Rejecting leaves the company's details as they are and tells the contact. "
                "The request cannot be decided again; the contact may send a new one."
            ),
            done_message=_decided,
            describe=_described,
        )


def _described(change: CompanyChangeRequest) -> str:
    """The company and what would change, for the page that asks for confirmation."""
    lines = (f"{label}: {old or '–'} → {new or '–'}" for label, old, new in change_lines(change))
    return f"{change.company} ({'; '.join(lines)})"


def _decided(count: int) -> str:
    return ngettext("%d request decided.", "%d requests decided.", count) % count


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "position", "phone")
    list_select_related = ("user", "company")
    search_fields = ("user__email", "user__full_name", "company__legal_name")
    raw_id_fields = ("user", "company")


class StartDateForm(forms.Form):
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CoachChoiceForm(forms.Form):
    coach = forms.ModelChoiceField(
        label=_("Lead coach"),
        queryset=User.objects.filter(coach__is_active=True).order_by("full_name", "email"),
    )


ServiceAction = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Enrolment]], HttpResponse | None]


def _enrolments_updated(done: int) -> str:
    return ngettext("%d enrolment updated.", "%d enrolments updated.", done) % done


def _service_action(service: Callable[..., Enrolment], description: StrOrPromise) -> ServiceAction:
    """An admin action that runs one service per selected enrolment and reports the outcome."""

    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Enrolment]
    ) -> HttpResponse | None:
        apply_each(
            modeladmin,
            request,
            queryset,
            lambda enrolment: service(enrolment=enrolment, by=request.user),
            _enrolments_updated,
        )
        return None

    action.__name__ = service.__name__.removeprefix("enrolment_")
    return admin.action(description=description)(action)


def _confirmed_service_action(
    service: Callable[..., Enrolment], description: StrOrPromise, explanation: StrOrPromise
) -> ServiceAction:
    """Like ``_service_action`` for a step that cannot be undone: asks for confirmation."""
    name = service.__name__.removeprefix("enrolment_")

    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Enrolment]
    ) -> HttpResponse | None:
        return confirm_then_apply(
            modeladmin,
            request,
            queryset.select_related("company", "edition"),
            action=name,
            apply=lambda enrolment: service(enrolment=enrolment, by=request.user),
            explanation=explanation,
            done_message=_enrolments_updated,
        )

    action.__name__ = name
    return irreversible(admin.action(description=description)(action))


# The action that leads to each status an enrolment may move to (see ALLOWED_TRANSITIONS).
_ACTION_FOR_STATUS: dict[str, str] = {
    Enrolment.Status.ACCEPTED: "accept",
    Enrolment.Status.WAITLISTED: "waitlist",
    Enrolment.Status.REJECTED: "reject",
    Enrolment.Status.ACTIVE: "activate",
    Enrolment.Status.COMPLETED: "complete",
    Enrolment.Status.WITHDRAWN: "withdraw",
}


class LeadCoachFilter(admin.SimpleListFilter):
    """Enrolments without a lead coach, or with one; or those of one coach, given in the
    address (``?lead_coach=<id>``). A choice per coach would be a list of hundreds, too
    long to use and to build on every page."""

    title = _("lead coach")
    parameter_name = "lead_coach"
    NONE, ANY = "none", "any"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, StrOrPromise]]:
        choices: list[tuple[str, StrOrPromise]] = [
            (self.NONE, _("No lead coach yet")),
            (self.ANY, _("With a lead coach")),
        ]
        coach = self._coach()
        if coach is not None:
            choices.append((str(coach.pk), str(coach)))
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
        value = self.value()
        if value == self.NONE:
            return queryset.filter(lead_coach__isnull=True)
        if value == self.ANY:
            return queryset.filter(lead_coach__isnull=False)
        if value is not None and value.isdigit():
            return queryset.filter(lead_coach_id=int(value))
        return queryset

    def _coach(self) -> User | None:
        value = self.value()
        if value is None or not value.isdigit():
            return None
        return User.objects.filter(pk=int(value), coach__isnull=False).first()


@admin.register(Enrolment)
class EnrolmentAdmin(QuickChangeList):
    # The region is a filter rather than a column: each cell costs more than its query.
    list_display = ("company", "edition", "status", "lead_coach", "submitted_at")
    # Filters whose choices are few: every choice is a link built on each page.
    list_filter = ("edition", "status", "company__region", LeadCoachFilter)
    list_select_related = ("company", "edition", "lead_coach")
    # A page of 25 keeps the list quick with tens of thousands of enrolments (each row's
    # cells cost more than all its queries); "show all" still lists up to 500 at once.
    list_per_page = 25
    list_max_show_all = 500
    # "N in total" would count every enrolment again on each page; the filtered count stays.
    show_full_result_count = False
    search_fields = ("company__legal_name", "company__trade_name", "company__kvk_number")
    readonly_fields = (
        "company_shown",
        "edition",
        "status",
        "status_history",
        "lead_coach",
        "submitted_by",
        "submitted_at",
        "terms_accepted_at",
        "start_date",
        "end_date",
        "created_at",
    )
    fields = (*readonly_fields, "motivation", "po_reference", "coaches")
    change_form_template = "admin/companies/enrolment/change_form.html"
    actions = [
        "assign_coach",
        _service_action(services.enrolment_waitlist, _("Put on the waiting list")),
        "activate",
        _confirmed_service_action(
            services.enrolment_accept,
            _("Accept (waiting list when full)"),
            _(
                "Accepting takes one of the edition's places (or, when it is full, puts the "
                "enrolment on the waiting list), tells the company and draws up the invoice "
                "for its own contribution. It cannot be undone."
            ),
        ),
        _confirmed_service_action(
            services.enrolment_reject,
            _("Reject"),
            _("Rejecting tells the company. A rejected enrolment cannot be reopened."),
        ),
        _confirmed_service_action(
            services.enrolment_complete,
            _("Complete the trajectory"),
            _("Completing closes the trajectory. It cannot be reopened."),
        ),
        _confirmed_service_action(
            services.enrolment_withdraw,
            _("Withdraw"),
            _("Withdrawing ends the enrolment and frees its place. It cannot be undone."),
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # companies enrol themselves

    @admin.display(description=_("company"))
    def company_shown(self, enrolment: Enrolment) -> str:
        company = enrolment.company
        return format_html(
            '<a href="{}">{}</a><br>{} {}',
            reverse("admin:companies_company_change", args=[company.pk]),
            company.legal_name,
            _("KvK number"),
            company.kvk_number,
        )

    @admin.display(description=_("status history"))
    def status_history(self, enrolment: Enrolment) -> str:
        rows = (
            (
                date_format(localtime(change.at), "DATETIME_FORMAT"),
                change.get_from_status_display(),
                change.get_to_status_display(),
                change.by or "–",
            )
            for change in enrolment.transitions.select_related("by")
        )
        items = format_html_join("", "<li>{}: {} → {} ({})</li>", rows)
        return format_html("<ol>{}</ol>", items) if items else "–"

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.name == "coaches":  # coaches by name, as checkboxes
            kwargs["queryset"] = User.objects.filter(coach__isnull=False).order_by(
                "full_name", "email"
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def status_actions(self, request: HttpRequest, enrolment: Enrolment) -> list[tuple[str, str]]:
        """The actions (name, description) that move ``enrolment`` to a status it may take."""
        allowed = services.ALLOWED_TRANSITIONS[enrolment.status]
        names = {_ACTION_FOR_STATUS[status] for status in allowed if status in _ACTION_FOR_STATUS}
        actions = self.get_actions(request).values()
        return [(a.name, str(a.description)) for a in actions if a is not None and a.name in names]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        enrolment = self.get_object(request, unquote(object_id))
        if enrolment is not None:
            extra_context = {
                **(extra_context or {}),
                "status_actions": self.status_actions(request, enrolment),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Assign a lead coach"))
    def assign_coach(
        self, request: HttpRequest, queryset: QuerySet[Enrolment]
    ) -> HttpResponse | None:
        def assign(enrolment: Enrolment, data: dict[str, Any]) -> Enrolment:
            return services.enrolment_assign_coach(
                enrolment=enrolment,
                coach=data["coach"],
                by=request.user,  # type: ignore[arg-type]
            )

        return ask_then_apply(
            self, request, queryset, action="assign_coach", form_class=CoachChoiceForm, apply=assign
        )

    @admin.action(description=_("Start the trajectory"))
    def activate(self, request: HttpRequest, queryset: QuerySet[Enrolment]) -> HttpResponse | None:
        def start(enrolment: Enrolment, data: dict[str, Any]) -> Enrolment:
            return services.enrolment_activate(
                enrolment=enrolment,
                start_date=data["start_date"],
                by=request.user,  # type: ignore[arg-type]
            )

        return ask_then_apply(
            self, request, queryset, action="activate", form_class=StartDateForm, apply=start
        )


@admin.register(EnrolmentNote)
class EnrolmentNoteAdmin(admin.ModelAdmin):
    """Notes are written and deleted in the company file, where the rules are: here, read."""

    list_display = ("enrolment", "visibility", "author", "created_at")
    list_filter = ("visibility", "enrolment__edition")
    list_select_related = ("enrolment__company", "enrolment__edition", "author")
    search_fields = ("enrolment__company__legal_name", "text")
    readonly_fields = ("enrolment", "author", "visibility", "text", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(NeedsAnalysis)
class NeedsAnalysisAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "kind", "status", "submitted_at", "reviewed_by")
    list_filter = ("kind", "status", "enrolment__edition")
    list_select_related = ("enrolment__company", "enrolment__edition", "reviewed_by")
    search_fields = ("enrolment__company__legal_name",)
    readonly_fields = [field.name for field in NeedsAnalysis._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class PlanActionInline(admin.StackedInline):
    model = PlanAction
    extra = 0
    raw_id_fields = ("institution",)


@admin.register(TrainingInstitution)
class TrainingInstitutionAdmin(admin.ModelAdmin):
    """The list the plan suggests; an institution no longer used is made inactive."""

    list_display = ("name", "kind", "place", "contact_name", "is_active", "action_count")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "place", "contact_name")
    fieldsets = (
        (None, {"fields": ("name", "kind", "place", "is_active")}),
        (_("Contact person"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[TrainingInstitution]:
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description=_("actions"), ordering="action_count")
    def action_count(self, institution: TrainingInstitution) -> int:
        return institution.action_count  # type: ignore[attr-defined]


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "updated_at")
    list_select_related = ("enrolment__company", "enrolment__edition")
    search_fields = ("enrolment__company__legal_name",)
    readonly_fields = ("enrolment",)
    inlines = [PlanActionInline]
