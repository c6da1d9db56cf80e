from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from openhour.lib.errors import DomainError
from openhour.lib.money import format_money
from openhour.lib.process import OPERATOR
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.money.models import (
    Account,
    FxRate,
    Invoice,
    Payment,
    Payout,
    PayoutBatch,
    PayoutEvent,
    PayoutMethod,
    Transfer,
)
from openhour.money.payouts import methods, services
from openhour.money.payouts.providers import manual_bank, wire


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


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "payer", "purpose", "shown_amount", "gateway", "status", "provider_ref"]
    list_filter = ["status", "purpose", "gateway", "currency"]
    search_fields = ["id", "provider_ref", "payer__username", "payer__email"]
    list_select_related = ["payer"]
    date_hierarchy = "created_at"

    @admin.display(description=_("amount"), ordering="amount")
    def shown_amount(self, payment: Payment) -> str:
        return format_money(payment.amount, payment.currency)


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "recipient", "shown_total", "issued_at"]
    list_filter = ["kind", "currency"]
    search_fields = ["number", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "issued_at"

    @admin.display(description=_("total"), ordering="total")
    def shown_total(self, invoice: Invoice) -> str:
        return format_money(invoice.total, invoice.currency)


@admin.register(FxRate)
class FxRateAdmin(admin.ModelAdmin):
    list_display = ["as_of", "base", "quote", "rate", "loaded_at"]
    list_filter = ["quote"]
    date_hierarchy = "as_of"
    fields = ["base", "quote", "rate", "as_of", "loaded_at"]
    readonly_fields = ["base", "loaded_at"]


# ---- payouts -----------------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    """Operators always say why; a wire also needs the bank's reference."""

    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    reference = forms.CharField(label=_("Bank reference"), max_length=100, required=False)


@admin.register(PayoutMethod)
class PayoutMethodAdmin(ReadOnlyAdmin):
    list_display = ["id", "owner", "kind", "shown_method", "usable_from", "removed_at", "created_at"]
    list_filter = ["kind", ("removed_at", admin.EmptyFieldListFilter)]
    search_fields = ["owner__username", "owner__email"]
    list_select_related = ["owner"]

    @admin.display(description=_("method"))
    def shown_method(self, method: PayoutMethod) -> str:
        return methods.display(method)


class PayoutEventInline(admin.TabularInline):
    """Who moved the payout along, when, and why."""

    model = PayoutEvent
    fields = ("created_at", "actor", "by", "action", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    inlines = [PayoutEventInline]
    list_display = [
        "created_at",
        "owner",
        "shown_amount",
        "status",
        "provider",
        "hold_until",
        "shown_route",
        "provider_ref",
        "batch",
    ]
    list_filter = ["status", "provider", "currency", ("batch", admin.EmptyFieldListFilter)]
    search_fields = ["id", "owner__username", "owner__email", "provider_ref"]
    list_select_related = ["owner", "method", "batch"]
    date_hierarchy = "created_at"
    actions = ["mark_sent", "mark_paid", "mark_failed", "cancel", "faster_payments_csv"]

    @admin.display(description=_("amount"), ordering="amount")
    def shown_amount(self, payout: Payout) -> str:
        return format_money(payout.amount, payout.currency)

    @admin.display(description=_("how it is paid"))
    def shown_route(self, payout: Payout) -> str:
        if payout.provider == "manual_bank":
            return manual_bank.route(payout)
        return str({"paypal": _("PayPal Payouts API"), "wire": _("Wire by hand")}.get(payout.provider, payout.provider))

    def _with_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet[Payout],
        title: StrOrPromise,
        apply: Callable[[Payout, ReasonForm], Any],
    ) -> TemplateResponse | None:
        """Ask for a reason on an intermediate page, then apply to each payout and report what happened."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": title,
                "payouts": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "opts": self.model._meta,
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            }
            return TemplateResponse(request, "admin/money/payout_action.html", context)
        done = 0
        for payout in queryset.order_by("pk"):
            try:
                apply(payout, form)
                done += 1
            except DomainError as error:
                self.message_user(request, f"{payout.pk}: {error.message}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d payout updated.", "%(count)d payouts updated.", done) % {"count": done},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Mark sent by hand (wire or bank, with the bank's reference)"))
    def mark_sent(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Payout]) -> TemplateResponse | None:
        def apply(payout: Payout, form: ReasonForm) -> Any:
            return wire.wire_mark_sent(
                payout_id=payout.pk,
                by=request.user,
                reference=form.cleaned_data["reference"],
                note=form.cleaned_data["reason"],
            )

        return self._with_reason(request, queryset, _("Mark payouts sent"), apply)

    @admin.action(description=_("Mark paid (arrived)"))
    def mark_paid(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Payout]) -> TemplateResponse | None:
        def apply(payout: Payout, form: ReasonForm) -> Any:
            return services.payout_mark_paid(
                payout_id=payout.pk, actor=OPERATOR, by=request.user, note=form.cleaned_data["reason"]
            )

        return self._with_reason(request, queryset, _("Mark payouts paid"), apply)

    @admin.action(description=_("Mark failed (the money returns to the wallet)"))
    def mark_failed(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Payout]) -> TemplateResponse | None:
        def apply(payout: Payout, form: ReasonForm) -> Any:
            reason = form.cleaned_data["reason"]
            return services.payout_mark_failed(payout_id=payout.pk, reason=reason, actor=OPERATOR, by=request.user)

        return self._with_reason(request, queryset, _("Mark payouts failed"), apply)

    @admin.action(description=_("Cancel held payouts (the money returns to the wallet)"))
    def cancel(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Payout]) -> TemplateResponse | None:
        def apply(payout: Payout, form: ReasonForm) -> Any:
            return services.payout_cancel(
                payout_id=payout.pk, by=request.user, actor=OPERATOR, note=form.cleaned_data["reason"]
            )

        return self._with_reason(request, queryset, _("Cancel payouts"), apply)

    @admin.action(description=_("Download sort-code payouts as a Faster Payments CSV"))
    def faster_payments_csv(self, request: HttpRequest, queryset: QuerySet[Payout]) -> HttpResponse:
        rows = queryset.filter(provider="manual_bank").select_related("method").order_by("created_at")
        response = HttpResponse(manual_bank.faster_payments_csv(rows), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="faster-payments.csv"'
        return response


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "currency", "shown_total", "status", "created_at", "paid_at", "xml_link"]
    list_filter = ["status", "currency"]
    exclude = ["xml"]
    actions = ["mark_batch_paid"]
    change_list_template = "admin/money/payoutbatch/change_list.html"

    @admin.display(description=_("total"), ordering="total")
    def shown_total(self, batch: PayoutBatch) -> str:
        return format_money(batch.total, batch.currency)

    @admin.display(description=_("file"))
    def xml_link(self, batch: PayoutBatch) -> str:
        return format_html('<a href="{}">{}</a>', reverse("admin:money_payoutbatch_xml", args=[batch.pk]), _("XML"))

    def get_urls(self) -> list[URLPattern]:
        own = [
            path("export/", self.admin_site.admin_view(self.export_view), name="money_payoutbatch_export"),
            path("<int:batch_id>/xml/", self.admin_site.admin_view(self.xml_view), name="money_payoutbatch_xml"),
        ]
        return own + super().get_urls()

    def export_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        """GET: what is ready; POST: write those payouts into one SEPA file."""
        if request.method == "POST":
            try:
                batch = manual_bank.batch_export(by=request.user, currency="EUR")
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("SEPA batch %(id)s exported.") % {"id": batch.message_id})
            return redirect("admin:money_payoutbatch_changelist")
        ready = manual_bank.ready_preview(currency="EUR")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Export a SEPA batch"),
            "payouts": ready,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/money/payoutbatch/export.html", context)

    def xml_view(self, request: HttpRequest, batch_id: int) -> HttpResponse:
        batch = get_object_or_404(PayoutBatch, pk=batch_id)
        response = HttpResponse(batch.xml, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{batch.message_id}.xml"'
        return response

    @admin.action(description=_("Mark batch paid (the bank executed it)"))
    def mark_batch_paid(self, request: AuthenticatedHttpRequest, queryset: QuerySet[PayoutBatch]) -> None:
        for batch in queryset:
            manual_bank.batch_mark_paid(batch=batch, by=request.user)
            self.message_user(request, _("Batch %(id)s paid.") % {"id": batch.message_id})
