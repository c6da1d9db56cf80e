"""Tax details in the admin: read only, since the report must carry what the seller declared."""

from django.contrib import admin
from django.http import HttpRequest

from openhour.money.reporting.models import TaxDetails


@admin.register(TaxDetails)
class TaxDetailsAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "country", "tin_country", "updated_at"]
    list_filter = ["kind", "country"]
    search_fields = ["user__username", "user__email", "first_name", "last_name", "entity_name"]
    readonly_fields = ["user", *(field.name for field in TaxDetails._meta.fields if field.name != "user")]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
