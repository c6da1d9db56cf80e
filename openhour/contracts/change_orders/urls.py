from django.urls import path

from openhour.contracts.change_orders import views

urlpatterns = [
    path("contracts/<int:contract_id>/change-orders", views.change_order_propose, name="change_order_propose"),
    path("change-orders/<int:change_order_id>/<str:action>", views.change_order_answer, name="change_order_answer"),
    path("milestones/<int:milestone_id>/criteria", views.milestone_criteria, name="milestone_criteria"),
]
