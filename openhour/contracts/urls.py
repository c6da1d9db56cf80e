"""Pages of contracts: the contract and its milestones, direct offers, the operators' pages, and
(included) change orders, time sheets, disputes and the dashboards."""

from django.urls import URLPattern, URLResolver, include, path

from openhour.contracts.views import contracts, offers, operations

urlpatterns: list[URLPattern | URLResolver] = [
    path("contracts/<int:contract_id>", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:contract_id>/end", contracts.contract_end, name="contract_end"),
    path("milestones/<int:milestone_id>/fund", contracts.milestone_fund, name="milestone_fund"),
    path("milestones/<int:milestone_id>/release", contracts.milestone_release, name="milestone_release"),
    path("milestones/<int:milestone_id>/refund", contracts.milestone_refund, name="milestone_refund"),
    path("milestones/<int:milestone_id>/submit", contracts.milestone_submit, name="milestone_submit"),
    path(
        "milestones/<int:milestone_id>/request-changes",
        contracts.milestone_request_changes,
        name="milestone_request_changes",
    ),
    path("deliveries/files/<int:file_id>", contracts.delivery_file, name="delivery_file"),
    # Direct offers, and the operators' contract pages.
    path("offers/new", offers.offer_new, name="offer_new"),
    path("contracts/<int:contract_id>/accept", offers.offer_accept, name="offer_accept"),
    path("contracts/<int:contract_id>/decline", offers.offer_decline, name="offer_decline"),
    path("contracts/<int:contract_id>/withdraw", offers.offer_withdraw, name="offer_withdraw"),
    path("contracts/<int:contract_id>/operate", operations.contract_operate, name="contract_operate"),
    path("operations/contracts", operations.operations_contracts, name="operations_contracts"),
    # The parts with views of their own, each listing its full paths.
    path("", include("openhour.contracts.change_orders.urls")),
    path("", include("openhour.contracts.hourly.urls")),
    path("", include("openhour.contracts.disputes.urls")),
    path("", include("openhour.contracts.dashboard.urls")),
]
