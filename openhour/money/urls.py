"""Pages of money: the fee schedule, the wallet (history, deposit, conversion), payouts and payout
methods, invoices, card authentication, and the providers' webhooks (signed, CSRF-exempt, POST only)."""

from django.urls import URLPattern, path

from openhour.money import invoice_views, payment_views, payout_views, views, wallet_views, webhooks

urlpatterns: list[URLPattern] = [
    path("fees", views.fees, name="fees"),
    path("wallet", wallet_views.wallet, name="wallet"),
    path("wallet/history.csv", wallet_views.history_csv, name="wallet_history_csv"),
    path("wallet/deposit", wallet_views.deposit, name="wallet_deposit"),
    path("wallet/convert", wallet_views.convert, name="wallet_convert"),
    path("wallet/payouts", payout_views.payout_list, name="payouts"),
    path("wallet/payouts/new", payout_views.payout_new, name="payout_new"),
    path("wallet/payouts/<str:payout_id>/cancel", payout_views.payout_cancel, name="payout_cancel"),
    path("wallet/payout-methods", payout_views.method_list, name="payout_methods"),
    path("wallet/payout-methods/new", payout_views.method_new, name="payout_method_new"),
    path("wallet/payout-methods/<int:method_id>/remove", payout_views.method_remove, name="payout_method_remove"),
    path("wallet/invoices", invoice_views.invoice_list, name="invoices"),
    path("wallet/invoices/<int:invoice_id>.pdf", invoice_views.invoice_download, name="invoice_pdf"),
    path("webhooks/stripe", webhooks.stripe_webhook, name="stripe_webhook"),
    path("payments/<uuid:payment_id>/authenticate", payment_views.payment_authenticate, name="payment_authenticate"),
]
