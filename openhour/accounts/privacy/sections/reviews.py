"""The person's reputation: reviews written and received, replies, scores and levels, flags raised, sanctions,
appeals and off-platform testimonials."""

from typing import Any

from openhour.accounts.models import User
from openhour.reviews.integrity.models import Case, Flag, Sanction, Testimonial
from openhour.reviews.levels.models import FreelancerLevel, LevelChange
from openhour.reviews.models import Reputation, Review

from .base import rows, someone

KEY = "reviews"
MODELS: tuple[str, ...] = ("reviews.Review", "reviews.Reputation", "levels.FreelancerLevel", "levels.LevelChange")
MODELS += ("integrity.Flag", "integrity.Sanction", "integrity.Case", "integrity.Testimonial")

RATINGS: tuple[str, ...] = ("overall", "quality", "communication", "expertise", "timeliness", "value", "clarity")
RATINGS += ("payment_promptness", "scope_stability", "would_work_again")
WRITTEN: tuple[str, ...] = (
    "contract_id",
    "author_role",
    "status",
    *RATINGS,
    "went_well",
    "could_improve",
    "private_note",
)
WRITTEN += ("submitted_at", "published_at")
RECEIVED = ("contract_id", "author_role", *RATINGS, "went_well", "could_improve", "published_at")


def section(user: User) -> dict[str, Any]:
    return {
        "written": [_written(review) for review in Review.objects.filter(author=user).select_related("subject")],
        # Published ones only: a sealed review stays hidden from its subject until the round opens it, and the
        # author's private note to the platform is the author's.
        "received": [_received(review) for review in _received_reviews(user)],
        "reputation": rows(
            Reputation.objects.filter(user=user), "role", "score", "reviews", "computed_at", "distribution"
        ),
        "level": rows(FreelancerLevel.objects.filter(user=user), "level", "since", "checked_at"),
        "level_changes": rows(LevelChange.objects.filter(user=user), "from_level", "to_level", "reasons", "created_at"),
        "flags_raised": rows(Flag.objects.filter(by=user), "review_id", "reason", "text", "created_at"),
        "sanctions": rows(
            Sanction.objects.filter(user=user),
            "kind",
            "reason",
            "starts_at",
            "ends_at",
            "appeal_until",
            "appealed_at",
            "appeal_text",
            "appeal_decision",
            "lifted_at",
        ),
        "appeals": rows(
            Case.objects.filter(appealed_by=user), "review_id", "outcome", "appeal_reason", "final_outcome"
        ),
        # The client's name as the person typed it; never the client's e-mail address.
        "testimonials": rows(
            Testimonial.objects.filter(freelancer=user), "client_name", "status", "text", "overall", "requested_at"
        ),
    }


def _received_reviews(user: User) -> Any:
    return Review.objects.filter(subject=user).shown().select_related("author", "reply")


def _written(review: Review) -> dict[str, Any]:
    found = {name: getattr(review, name) for name in WRITTEN}
    found["about"] = someone(review.subject)
    return found


def _received(review: Review) -> dict[str, Any]:
    found = {name: getattr(review, name) for name in RECEIVED}
    found["by"] = someone(review.author)
    reply = getattr(review, "reply", None)
    found["your_reply"] = reply.text if reply else None
    return found
