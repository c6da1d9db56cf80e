"""Building blocks for moderation tests: a published pair of reviews, a flag, a decided case, a second
operator (appeals go to a different one)."""

from typing import Any

from conftest import make_user
from openhour.reviews.integrity.models import Case
from openhour.reviews.integrity.services import moderation
from openhour.reviews.models import Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished


def published(clara: Any, fred: Any, overall: int = 2, **texts: Any) -> Review:
    """Clara's review of Fred (`overall` stars, `texts` changed), published because both reviewed."""
    contract = finished(clara, fred)
    review = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", overall, **texts))
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4))
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    return review


def flagged(review: Review, by: Any, reason: str = "offensive", text: str = "Insulting wording.") -> Case:
    flag = moderation.flag_create(review_id=review.pk, by=by, reason=reason, text=text)
    assert flag.case is not None
    return flag.case


def second_operator() -> Any:
    return make_user("otto", name="Otto Overseer", is_staff=True)


def decided(case: Case, by: Any, outcome: str = "remove", reason: str = "Insults the freelancer.", **more: Any) -> Case:
    rule = "offensive" if outcome == "remove" else ""
    return moderation.case_decide(case_id=case.pk, by=by, outcome=outcome, reason=reason, rule=rule, **more)
