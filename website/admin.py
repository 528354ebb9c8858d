from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leercultuur.admin_actions import apply_each
from website.models import Story, StoryConsent
from website.services import story_consent_ask, story_publish, story_save, story_unpublish


class StoryConsentInline(admin.TabularInline):
    """The company's consents: who agreed, when, to which text; read only."""

    model = StoryConsent
    extra = 0
    can_delete = False
    fields = ("given_by_name", "given_at", "withdrawn_at", "content")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """Staff write a company's story, ask its consent, and publish it once given."""

    list_display = ("title", "enrolment", "published_at", "updated_at")
    list_select_related = ("enrolment__company", "enrolment__edition")
    search_fields = ("title", "enrolment__company__legal_name", "enrolment__company__trade_name")
    list_filter = ("enrolment__edition",)
    autocomplete_fields = ("enrolment",)
    fields = ("enrolment", "title", "body", "quote", "quote_by", "show_chart", "published_at")
    readonly_fields = ("published_at",)
    inlines = [StoryConsentInline]
    actions = ["ask_consent", "publish", "unpublish"]

    def get_readonly_fields(self, request: HttpRequest, obj: Story | None = None) -> Any:
        # A story stays with the company it was written about.
        return ("enrolment", "published_at") if obj else ("published_at",)

    def save_model(self, request: HttpRequest, obj: Story, form: Any, change: bool) -> None:
        content = {
            name: form.cleaned_data[name] for name in form.changed_data if name != "enrolment"
        }
        saved = story_save(
            story=obj if change else None,
            enrolment=None if change else obj.enrolment,
            by=request.user,  # type: ignore[arg-type]
            **({**obj.content(), **content} if not change else content),
        )
        obj.pk, obj.content_hash = saved.pk, saved.content_hash

    @admin.action(description=_("Ask the company's consent (mail to its contacts)"))
    def ask_consent(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        apply_each(self, request, queryset, lambda s: story_consent_ask(story=s), _asked)

    @admin.action(description=_("Publish (only with consent to this text)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        apply_each(self, request, queryset, lambda s: story_publish(story=s), _published)

    @admin.action(description=_("Take offline"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        apply_each(self, request, queryset, lambda s: story_unpublish(story=s), _offline)


def _asked(count: int) -> str:
    return _("Consent asked for %(count)d stories.") % {"count": count}


def _published(count: int) -> str:
    return _("%(count)d stories are online.") % {"count": count}


def _offline(count: int) -> str:
    return _("%(count)d stories are offline.") % {"count": count}
