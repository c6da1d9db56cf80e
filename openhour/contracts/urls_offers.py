"""Paths of direct offers and of operators' contract pages."""

from django.urls import path

from openhour.contracts import offer_views, operator_views

urlpatterns = [
    path("offers/new", offer_views.offer_new, name="offer_new"),
    path("contracts/<int:contract_id>/accept", offer_views.offer_accept, name="offer_accept"),
    path("contracts/<int:contract_id>/decline", offer_views.offer_decline, name="offer_decline"),
    path("contracts/<int:contract_id>/withdraw", offer_views.offer_withdraw, name="offer_withdraw"),
    path("contracts/<int:contract_id>/operate", operator_views.contract_operate, name="contract_operate"),
    path("operations/contracts", operator_views.operations_contracts, name="operations_contracts"),
]
