"""Pages for blocking and reporting people and messages, and the operators' queue of reports."""

from django.urls import URLPattern, path

from openhour.messaging.safety import views

urlpatterns: list[URLPattern] = [
    path("me/blocked", views.blocked_list, name="blocked_list"),
    path("u/<str:username>/safety", views.profile_safety, name="profile_safety"),
    path("u/<str:username>/block", views.block, name="block_add"),
    path("u/<str:username>/unblock", views.unblock, name="block_remove"),
    path("u/<str:username>/report", views.report_person, name="report_person"),
    path("messages/<int:message_id>/report", views.message_report, name="message_report"),
    path("operations/reports", views.report_queue, name="report_queue"),
    path("operations/reports/<int:report_id>/close", views.report_close, name="report_close"),
]
