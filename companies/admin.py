from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
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
    EnrolmentTransition,
    NeedsAnalysis,
    PlanAction,
    Region,
    Sector,
    TrainingInstitution,
)
from companies.selectors import change_lines
from leercultuur.admin_actions import apply_each, ask_then_apply


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

    @admin.action(description=_("Approve the selected requests: change the company's details"))
    def approve(self, request: HttpRequest, queryset: QuerySet[CompanyChangeRequest]) -> None:
        apply_each(
            self,
            request,
            queryset,
            lambda change: services.company_change_approve(request=change, by=request.user),  # type: ignore[arg-type]
            _decided,
        )

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request: HttpRequest, queryset: QuerySet[CompanyChangeRequest]) -> None:
        apply_each(
            self,
            request,
            queryset,
            lambda change: services.company_change_reject(request=change, by=request.user),  # type: ignore[arg-type]
            _decided,
        )


def _decided(count: int) -> str:
    return ngettext("%d request decided.", "%d requests decided.", count) % count


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "position", "phone")
    list_select_related = ("user", "company")
    search_fields = ("user__email", "user__full_name", "company__legal_name")
    raw_id_fields = ("user", "company")


class TransitionInline(admin.TabularInline):
    model = EnrolmentTransition
    extra = 0
    can_delete = False
    fields = ("at", "from_status", "to_status", "by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StartDateForm(forms.Form):
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class CoachChoiceForm(forms.Form):
    coach = forms.ModelChoiceField(
        label=_("Lead coach"),
        queryset=User.objects.filter(coach__is_active=True).order_by("full_name", "email"),
    )


def _service_action(
    service: Callable[..., Enrolment], description: StrOrPromise
) -> Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Enrolment]], None]:
    """An admin action that runs one service per selected enrolment and reports the outcome."""

    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Enrolment]
    ) -> None:
        apply_each(
            modeladmin,
            request,
            queryset,
            lambda enrolment: service(enrolment=enrolment, by=request.user),
            lambda done: ngettext("%d enrolment updated.", "%d enrolments updated.", done) % done,
        )

    action.__name__ = service.__name__.removeprefix("enrolment_")
    return admin.action(description=description)(action)


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("company", "edition", "status", "region", "lead_coach", "submitted_at")
    list_filter = ("edition", "status", "company__region", "company__sector", "lead_coach")
    list_select_related = ("company__region", "edition", "lead_coach")
    search_fields = ("company__legal_name", "company__trade_name", "company__kvk_number")
    readonly_fields = (
        "public_id",
        "company",
        "edition",
        "status",
        "lead_coach",
        "submitted_by",
        "submitted_at",
        "terms_accepted_at",
        "start_date",
        "end_date",
        "created_at",
    )
    fields = (*readonly_fields, "motivation", "po_reference", "coaches")
    filter_horizontal = ("coaches",)
    inlines = [TransitionInline]
    actions = [
        _service_action(services.enrolment_accept, _("Accept (waiting list when full)")),
        _service_action(services.enrolment_waitlist, _("Put on the waiting list")),
        _service_action(services.enrolment_reject, _("Reject")),
        "assign_coach",
        "activate",
        _service_action(services.enrolment_complete, _("Complete the trajectory")),
        _service_action(services.enrolment_withdraw, _("Withdraw")),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # companies enrol themselves

    @admin.display(description=_("region"), ordering="company__region__name")
    def region(self, enrolment: Enrolment) -> Region:
        return enrolment.company.region

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
