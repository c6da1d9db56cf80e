"""Pages of personal data."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("me/privacy", views.privacy, name="privacy"),
    path("me/privacy/archives/<int:export_id>/download", views.export_download, name="privacy_export_download"),
    path("operations/personal-data", views.access_log, name="operations_personal_data"),
]
