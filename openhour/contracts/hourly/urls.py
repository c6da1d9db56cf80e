from django.urls import path

from openhour.contracts.hourly import views

urlpatterns = [
    path("contracts/<int:contract_id>/timesheet/lines", views.line_add, name="hourly_line_add"),
    path("timesheet-lines/<int:line_id>/edit", views.line_edit, name="hourly_line_edit"),
    path("timesheet-lines/<int:line_id>/delete", views.line_delete, name="hourly_line_delete"),
    path("timesheet-weeks/<int:week_id>/approve", views.week_approve, name="hourly_week_approve"),
    path("timesheet-weeks/<int:week_id>/dispute", views.week_dispute, name="hourly_week_dispute"),
]
