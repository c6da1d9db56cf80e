"""The wallet pages: balances and history, its CSV export, paying in by card and converting."""

from django.urls import path

from openhour.money import wallet_views

urlpatterns = [
    path("wallet", wallet_views.wallet, name="wallet"),
    path("wallet/history.csv", wallet_views.history_csv, name="wallet_history_csv"),
    path("wallet/deposit", wallet_views.deposit, name="wallet_deposit"),
    path("wallet/convert", wallet_views.convert, name="wallet_convert"),
]
