"""Pages for disputes, each with its full path."""

from django.urls import URLPattern, path

from openhour.contracts.disputes import views

urlpatterns: list[URLPattern] = [
    path("milestones/<int:milestone_id>/dispute", views.dispute_open, name="dispute_open"),
    path("disputes/<int:dispute_id>", views.dispute_detail, name="dispute_detail"),
    path("disputes/<int:dispute_id>/statements", views.dispute_statement, name="dispute_statement"),
    path("disputes/<int:dispute_id>/appeal", views.dispute_appeal, name="dispute_appeal"),
    path("disputes/<int:dispute_id>/withdraw", views.dispute_withdraw, name="dispute_withdraw"),
    path("disputes/<int:dispute_id>/decide", views.dispute_decide, name="dispute_decide"),
    path("disputes/evidence/<int:evidence_id>", views.dispute_evidence, name="dispute_evidence"),
    path("operations/disputes", views.dispute_queue, name="dispute_queue"),
]
