"""Operators edit the VAT rates table and read people's billing details (only their owners change those)."""

from django.contrib import admin
from django.http import HttpRequest

from openhour.money.vat.models import BillingDetails, VatRate


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    """A rate change is a new row from the day it starts, so invoices already issued can still be explained."""

    list_display = ("country", "percent", "valid_from")
    list_filter = ("country",)
    ordering = ("country", "-valid_from")


@admin.register(BillingDetails)
class BillingDetailsAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "legal_name", "country", "vat_number", "vat_check", "updated_at")
    list_filter = ("kind", "vat_check", "country")
    search_fields = ("legal_name", "vat_number", "person__username", "person__email")
    readonly_fields = ("person", "kind", "legal_name", "vat_number", "vat_check", "country", "address", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
