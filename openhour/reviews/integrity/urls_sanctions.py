"""Sanctions: operators impose them and decide appeals; the sanctioned person reads the notice and appeals."""

from django.urls import path

from openhour.reviews.integrity import views_sanctions as views

urlpatterns = [
    path("operations/sanctions", views.sanction_appeals, name="sanction_appeals"),
    path("operations/sanctions/new", views.sanction_new, name="sanction_new"),
    path("operations/sanctions/<int:sanction_id>", views.sanction_operator, name="sanction_operator"),
    path("me/sanctions/<int:sanction_id>", views.sanction_mine, name="sanction_mine"),
]
