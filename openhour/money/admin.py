from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import format_money
from openhour.money.models import Account, FxRate, Transfer


class ReadOnlyAdmin(admin.ModelAdmin):
    """Balances move only through the ledger: operators read accounts and transfers here, never edit them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "purpose", "owner", "currency", "reference", "shown_balance", "pending_out", "created_at"]
    list_filter = ["purpose", "currency", "may_go_negative"]
    search_fields = ["owner__username", "owner__name", "owner__email", "reference"]
    list_select_related = ["owner"]

    @admin.display(description=_("balance"), ordering="balance")
    def shown_balance(self, account: Account) -> str:
        return format_money(account.balance, account.currency)


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "phase", "shown_amount", "debit", "credit", "reference"]
    list_filter = ["kind", "phase", "currency"]
    search_fields = ["id", "reference", "description", "debit__owner__username", "credit__owner__username"]
    list_select_related = ["debit", "credit"]
    date_hierarchy = "created_at"

    @admin.display(description=_("amount"), ordering="amount")
    def shown_amount(self, transfer: Transfer) -> str:
        return format_money(transfer.amount, transfer.currency)


@admin.register(FxRate)
class FxRateAdmin(admin.ModelAdmin):
    list_display = ["as_of", "base", "quote", "rate", "loaded_at"]
    list_filter = ["quote"]
    date_hierarchy = "as_of"
    fields = ["base", "quote", "rate", "as_of", "loaded_at"]
    readonly_fields = ["base", "loaded_at"]
