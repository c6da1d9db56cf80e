from django.urls import path

from openhour.operations.health import views

urlpatterns = [
    path("operations/status", views.status_page, name="operations_status"),
    path("operations/status.json", views.status_json, name="operations_status_json"),
]
