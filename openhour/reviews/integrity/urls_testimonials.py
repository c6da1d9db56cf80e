"""Off-platform testimonials: asking, confirming through the signed link, and the operators' held queue."""

from django.urls import path

from openhour.reviews.integrity import views_testimonials as views

urlpatterns = [
    path("me/testimonials", views.my_testimonials, name="my_testimonials"),
    path("testimonials/confirm/<str:token>", views.testimonial_confirm, name="testimonial_confirm"),
    path("operations/testimonials", views.held_queue, name="testimonial_queue"),
    path("operations/testimonials/<int:testimonial_id>", views.held_decide, name="testimonial_decide"),
]
