from django.contrib import admin

from coaching.models import Coach


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_active")
    list_select_related = ("user",)
    list_filter = ("is_active", "organisation")
    search_fields = ("user__email", "user__full_name", "organisation")
    raw_id_fields = ("user",)
