from django.contrib import admin

from companies.models import Company, Contact


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "created_at")
    search_fields = ("legal_name",)
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "position")
    list_select_related = ("user", "company")
    search_fields = ("user__email", "user__full_name", "company__legal_name")
    raw_id_fields = ("user", "company")
