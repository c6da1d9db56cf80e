"""Pages of review integrity: flags and moderation, sanctions, the public transparency report, and
off-platform testimonials (asking, confirming through the signed link, the operators' held queue)."""

from django.urls import URLPattern, path

from openhour.reviews.integrity.views import checks, moderation, sanctions, testimonials, transparency

urlpatterns: list[URLPattern] = [
    path("reviews/<int:review_id>/flag", moderation.review_flag, name="review_flag"),
    path("operations/moderation", moderation.moderation_queue, name="moderation_queue"),
    path("operations/moderation/log", moderation.moderation_log, name="moderation_log"),
    path("operations/moderation/checks", checks.checks_overdue, name="checks_overdue"),
    path("operations/moderation/checks/<int:review_id>/run", checks.checks_run, name="checks_run"),
    path("operations/moderation/<int:case_id>", moderation.moderation_case, name="moderation_case"),
    path("operations/moderation/<int:case_id>/decide", moderation.moderation_decide, name="moderation_decide"),
    path("moderation/<int:case_id>", moderation.moderation_party, name="moderation_party"),
    path("moderation/<int:case_id>/appeal", moderation.moderation_appeal, name="moderation_appeal"),
    path("operations/sanctions", sanctions.sanction_appeals, name="sanction_appeals"),
    path("operations/sanctions/new", sanctions.sanction_new, name="sanction_new"),
    path("operations/sanctions/<int:sanction_id>", sanctions.sanction_operator, name="sanction_operator"),
    path("me/sanctions/<int:sanction_id>", sanctions.sanction_mine, name="sanction_mine"),
    path("trust/transparency", transparency.transparency_page, name="trust_transparency"),
    path("me/testimonials", testimonials.my_testimonials, name="my_testimonials"),
    path("testimonials/confirm/<str:token>", testimonials.testimonial_confirm, name="testimonial_confirm"),
    path("operations/testimonials", testimonials.held_queue, name="testimonial_queue"),
    path("operations/testimonials/<int:testimonial_id>", testimonials.held_decide, name="testimonial_decide"),
]
