"""Pages for payouts: my withdrawals and my payout methods, under the wallet."""

from django.urls import URLPattern, path

from openhour.money import payout_views as views

urlpatterns: list[URLPattern] = [
    path("wallet/payouts", views.payout_list, name="payouts"),
    path("wallet/payouts/new", views.payout_new, name="payout_new"),
    path("wallet/payouts/<str:payout_id>/cancel", views.payout_cancel, name="payout_cancel"),
    path("wallet/payout-methods", views.method_list, name="payout_methods"),
    path("wallet/payout-methods/new", views.method_new, name="payout_method_new"),
    path("wallet/payout-methods/<int:method_id>/remove", views.method_remove, name="payout_method_remove"),
]
