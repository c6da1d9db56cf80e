from django.urls import path

from openhour.contracts.dashboard import views

urlpatterns = [
    path("dashboard", views.dashboard, name="dashboard"),
    path("contracts", views.contract_list, name="contract_list"),
]
