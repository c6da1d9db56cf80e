"""Pages of Hourlies and their orders, and the skill suggestions the forms ask for."""

from django.urls import URLPattern, path

from openhour.catalog.views import hourlies, skills

urlpatterns: list[URLPattern] = [
    path("hourlies", hourlies.hourlies, name="hourlies"),
    path("hourlies/new", hourlies.hourlie_new, name="hourlie_new"),
    path("hourlies/<int:hourlie_id>", hourlies.hourlie_detail, name="hourlie_detail"),
    path("hourlies/<int:hourlie_id>/edit", hourlies.hourlie_edit, name="hourlie_edit"),
    path("hourlies/<int:hourlie_id>/pause", hourlies.hourlie_pause, name="hourlie_pause"),
    path("hourlies/<int:hourlie_id>/resume", hourlies.hourlie_resume, name="hourlie_resume"),
    path("hourlies/<int:hourlie_id>/remove", hourlies.hourlie_remove, name="hourlie_remove"),
    path("orders/<int:order_id>", hourlies.order_detail, name="order_detail"),
    path("orders/<int:order_id>/cancel", hourlies.order_cancel, name="order_cancel"),
    path("orders/<int:order_id>/pay", hourlies.order_pay, name="order_pay"),
    path("skills/suggest", skills.skill_suggest, name="skill_suggest"),
]
