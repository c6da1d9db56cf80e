"""Pages of contracts: the contract and its milestones, direct offers, the operators' pages, and
(included) change orders, time sheets, disputes and the dashboards."""

from django.urls import URLPattern, URLResolver, include, path

from openhour.contracts import offer_views, operator_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/<int:contract_id>", views.contract_detail, name="contract_detail"),
    path("contracts/<int:contract_id>/end", views.contract_end, name="contract_end"),
    path("milestones/<int:milestone_id>/fund", views.milestone_fund, name="milestone_fund"),
    path("milestones/<int:milestone_id>/release", views.milestone_release, name="milestone_release"),
    path("milestones/<int:milestone_id>/refund", views.milestone_refund, name="milestone_refund"),
    path("milestones/<int:milestone_id>/submit", views.milestone_submit, name="milestone_submit"),
    path(
        "milestones/<int:milestone_id>/request-changes",
        views.milestone_request_changes,
        name="milestone_request_changes",
    ),
    path("deliveries/files/<int:file_id>", views.delivery_file, name="delivery_file"),
    # Direct offers, and the operators' contract pages.
    path("offers/new", offer_views.offer_new, name="offer_new"),
    path("contracts/<int:contract_id>/accept", offer_views.offer_accept, name="offer_accept"),
    path("contracts/<int:contract_id>/decline", offer_views.offer_decline, name="offer_decline"),
    path("contracts/<int:contract_id>/withdraw", offer_views.offer_withdraw, name="offer_withdraw"),
    path("contracts/<int:contract_id>/operate", operator_views.contract_operate, name="contract_operate"),
    path("operations/contracts", operator_views.operations_contracts, name="operations_contracts"),
    # The parts with views of their own, each listing its full paths.
    path("", include("openhour.contracts.change_orders.urls")),
    path("", include("openhour.contracts.hourly.urls")),
    path("", include("openhour.contracts.disputes.urls")),
    path("", include("openhour.contracts.dashboard.urls")),
]
