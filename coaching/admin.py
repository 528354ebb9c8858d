from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from coaching import services
from coaching.exports import session_table
from coaching.extra_hours import extra_hours_approve
from coaching.models import BudgetAdjustment, BudgetAlert, Coach, CoachingSession, PeriodLock
from coaching.services import format_minutes
from companies.models import Edition
from leercultuur.admin_actions import (
    add_actions,
    apply_each,
    ask_then_apply,
    confirm_then_apply,
    irreversible,
)
from leercultuur.admin_totals import TotalsAdmin
from leercultuur.exports import csv_response
from leercultuur.text import SingleLineFormField
from programme.selectors import current


class CoachInviteForm(forms.ModelForm):
    """Staff invite a coach: the account is made by the service, which mails the link."""

    email = forms.EmailField(label=_("E-mail address"))
    full_name = SingleLineFormField(label=_("Name"), max_length=150)

    class Meta:
        model = Coach
        fields = ("email", "full_name", "organisation", "phone")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this e-mail address."))
        return email


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_active")
    list_select_related = ("user",)
    list_filter = ("is_active", "organisation")
    search_fields = ("user__email", "user__full_name", "organisation")
    raw_id_fields = ("user",)

    def get_form(
        self, request: HttpRequest, obj: Coach | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = CoachInviteForm
            kwargs["fields"] = CoachInviteForm.Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Coach | None = None) -> Any:
        if obj is None:
            return [(None, {"fields": CoachInviteForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def save_model(self, request: HttpRequest, obj: Coach, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        invited = services.coach_invite(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            organisation=form.cleaned_data["organisation"],
            phone=form.cleaned_data["phone"],
            by=request.user,  # type: ignore[arg-type]
        )
        obj.pk, obj.user = invited.pk, invited.user


@admin.register(CoachingSession)
class CoachingSessionAdmin(TotalsAdmin):
    """Read-only: sessions change through the services (budget, period locks, audit)."""

    list_display = ("date", "enrolment", "coach", "activity", "mode", "minutes")
    list_filter = ("enrolment__edition", "coach", "activity", "mode")
    list_select_related = ("enrolment__company", "enrolment__edition", "coach")
    search_fields = ("enrolment__company__legal_name", "coach__email", "summary")
    date_hierarchy = "date"
    actions = ["export_csv", "delete_through_service"]
    change_list_template = "admin/coaching/coachingsession/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def changelist_totals(self, queryset: QuerySet[Any]) -> Any:
        return session_totals(queryset)

    @admin.action(description=_("Export the selected sessions as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[CoachingSession]) -> HttpResponse:
        sessions = queryset.select_related(
            "enrolment__company", "enrolment__edition", "coach"
        ).prefetch_related("people")
        table = session_table(sessions.order_by("date", "pk"), private=True, for_staff=True)
        return csv_response("sessies.csv", table)

    @irreversible
    @admin.action(description=_("Delete the selected sessions (staff correction)"))
    def delete_through_service(
        self, request: HttpRequest, queryset: QuerySet[CoachingSession]
    ) -> HttpResponse | None:
        return confirm_then_apply(
            self,
            request,
            queryset.select_related("enrolment__company", "coach"),
            action="delete_through_service",
            apply=lambda session: services.session_delete(session=session, by=request.user),  # type: ignore[arg-type]
            explanation=_(
                "The sessions are deleted and their hours return to the budget. This cannot "
                "be undone."
            ),
        )


def session_totals(queryset: QuerySet[CoachingSession]) -> dict[str, Any]:
    """Minutes of the filtered sessions in all, per coach, per month and per enrolment."""
    plain = queryset.order_by()
    return {
        "minutes": plain.aggregate(total=Sum("minutes"))["total"] or 0,
        "per_coach": plain.values("coach__email")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes")[:10],
        "per_month": plain.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(minutes=Sum("minutes"))
        .order_by("-month")[:12],
        "per_enrolment": plain.values("enrolment__company__legal_name")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes")[:10],
    }


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(admin.ModelAdmin):
    """Added here; changed, approved and removed only through the services, which refuse
    what would leave an enrolment with more time used than budgeted."""

    list_display = ("enrolment", "minutes", "reason", "requested_by", "approved_by", "approved_at")
    list_filter = ("enrolment__edition", ("approved_at", admin.EmptyFieldListFilter))
    list_select_related = (
        "enrolment__company",
        "enrolment__edition",
        "requested_by",
        "approved_by",
    )
    search_fields = ("enrolment__company__legal_name", "reason")
    raw_id_fields = ("enrolment",)
    readonly_fields = (
        "requested_by",
        "approved_by",
        "approved_at",
        "refused_by",
        "refused_at",
        "refusal_reason",
    )
    actions = ["approve", "delete_through_service"]

    def get_readonly_fields(self, request: HttpRequest, obj: BudgetAdjustment | None = None) -> Any:
        if obj is not None:
            return ("enrolment", *self.readonly_fields)  # the enrolment's lock guards the rest
        return self.readonly_fields

    def get_actions(
        self, request: HttpRequest, action_location: Any = admin.ActionLocation.CHANGE_LIST
    ) -> Any:
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # it would skip the service
        return actions

    def save_model(
        self, request: HttpRequest, obj: BudgetAdjustment, form: Any, change: bool
    ) -> None:
        if not change:
            obj.requested_by = request.user  # type: ignore[assignment]
            super().save_model(request, obj, form, change)
            return
        services.budget_adjustment_change(
            adjustment=obj,
            minutes=obj.minutes,
            reason=obj.reason,
            by=request.user,  # type: ignore[arg-type]
        )

    def delete_model(self, request: HttpRequest, obj: BudgetAdjustment) -> None:
        services.budget_adjustment_delete(adjustment=obj, by=request.user)  # type: ignore[arg-type]

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # Raised inside the admin's transaction: nothing of the change was kept.
            return self._refused(request, error, object_id)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error, object_id)

    def _refused(
        self, request: HttpRequest, error: ValidationError, object_id: str | None
    ) -> HttpResponse:
        self.message_user(
            request, _("Nothing was changed: %s") % " ".join(error.messages), messages.ERROR
        )
        if object_id is None:
            return HttpResponseRedirect(reverse("admin:coaching_budgetadjustment_changelist"))
        return HttpResponseRedirect(
            reverse("admin:coaching_budgetadjustment_change", args=[object_id])
        )

    @admin.action(description=_("Approve the selected adjustments"))
    def approve(self, request: HttpRequest, queryset: QuerySet[BudgetAdjustment]) -> None:
        def approve_one(adjustment: BudgetAdjustment) -> object:
            # As on the staff page: the hours count, and the coach and the company are told.
            return extra_hours_approve(request=adjustment, by=request.user)  # type: ignore[arg-type]

        apply_each(self, request, queryset, approve_one)

    @irreversible
    @admin.action(description=_("Delete the selected adjustments"))
    def delete_through_service(
        self, request: HttpRequest, queryset: QuerySet[BudgetAdjustment]
    ) -> HttpResponse | None:
        def delete_one(adjustment: BudgetAdjustment) -> None:
            services.budget_adjustment_delete(adjustment=adjustment, by=request.user)  # type: ignore[arg-type]

        return confirm_then_apply(
            self,
            request,
            queryset,
            action="delete_through_service",
            apply=delete_one,
            explanation=_("The adjustments are deleted. This cannot be undone."),
            done_message=lambda done: (
                ngettext("%d adjustment deleted.", "%d adjustments deleted.", done) % done
            ),
        )


@admin.register(PeriodLock)
class PeriodLockAdmin(admin.ModelAdmin):
    list_display = ("month", "closed_by", "closed_at")
    readonly_fields = ("closed_by", "closed_at")

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a closed month stays closed; close another one instead

    def save_model(self, request: HttpRequest, obj: PeriodLock, form: Any, change: bool) -> None:
        closed = services.period_close(month=obj.month, by=request.user)  # type: ignore[arg-type]
        obj.pk, obj.closed_by, obj.closed_at = closed.pk, closed.closed_by, closed.closed_at


@admin.register(BudgetAlert)
class BudgetAlertAdmin(admin.ModelAdmin):
    list_display = ("enrolment", "threshold", "reached_at")
    list_filter = ("threshold", "enrolment__edition")
    list_select_related = ("enrolment__company", "enrolment__edition")
    readonly_fields = ("enrolment", "threshold", "reached_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# --- The coach budget of an edition ------------------------------------------------------
# ``companies`` must not import ``coaching``: the edition admin shows the budget read-only
# once the edition has enrolments, and this action changes it through the service.


class EditionBudgetForm(forms.Form):
    minutes = forms.IntegerField(label=_("New coach budget per enrolment (minutes)"), min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hours = current().coach_hours  # the programme's, as a worked example
        self.fields["minutes"].help_text = _("%(hours)d hours are %(minutes)d minutes.") % {
            "hours": hours,
            "minutes": hours * 60,
        }


@admin.action(description=_("Change the coach budget"))
def change_coach_budget(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Edition]
) -> HttpResponse | None:
    def change(edition: Edition, data: dict[str, Any]) -> None:
        changed = services.edition_budget_change(
            edition=edition,
            minutes=data["minutes"],
            by=request.user,  # type: ignore[arg-type]
        )
        modeladmin.message_user(
            request,
            _("%(edition)s: the coach budget is now %(budget)s per enrolment.")
            % {"edition": changed, "budget": format_minutes(changed.coach_budget_minutes)},
        )

    return ask_then_apply(
        modeladmin,
        request,
        queryset,
        action="change_coach_budget",
        form_class=EditionBudgetForm,
        apply=change,
    )


add_actions(Edition, change_coach_budget)
