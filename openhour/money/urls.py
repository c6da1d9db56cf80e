"""Pages of money: the fee schedule, the wallet (history, deposit, conversion), payouts and payout
methods, invoices, card authentication, and the providers' webhooks (signed, CSRF-exempt, POST only)."""

from django.urls import URLPattern, path

from openhour.money import webhooks
from openhour.money.views import fees, invoices, payments, payouts, wallet

urlpatterns: list[URLPattern] = [
    path("fees", fees.fees, name="fees"),
    path("wallet", wallet.wallet, name="wallet"),
    path("wallet/history.csv", wallet.history_csv, name="wallet_history_csv"),
    path("wallet/deposit", wallet.deposit, name="wallet_deposit"),
    path("wallet/convert", wallet.convert, name="wallet_convert"),
    path("wallet/payouts", payouts.payout_list, name="payouts"),
    path("wallet/payouts/new", payouts.payout_new, name="payout_new"),
    path("wallet/payouts/<str:payout_id>/cancel", payouts.payout_cancel, name="payout_cancel"),
    path("wallet/payout-methods", payouts.method_list, name="payout_methods"),
    path("wallet/payout-methods/new", payouts.method_new, name="payout_method_new"),
    path("wallet/payout-methods/<int:method_id>/remove", payouts.method_remove, name="payout_method_remove"),
    path("wallet/invoices", invoices.invoice_list, name="invoices"),
    path("wallet/invoices/<int:invoice_id>.pdf", invoices.invoice_download, name="invoice_pdf"),
    path("webhooks/stripe", webhooks.stripe_webhook, name="stripe_webhook"),
    path("payments/<uuid:payment_id>/authenticate", payments.payment_authenticate, name="payment_authenticate"),
]
