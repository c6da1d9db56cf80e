"""Who may review: only the two parties to a contract on which money was released, once each, within the
window. Everyone else is told the contract does not exist (404) so that reviewing cannot probe contracts;
parties of a contract that cannot be reviewed get 409 with a code saying why. A refusal stores nothing.

Operators do not review: they are not a party to the work (they moderate reviews instead), so to the review
service a contract they are not in is as unknown as to anyone else.

Una (e-mail unverified) is an outsider to Clara and Fred's contract, so she gets 404 there. As a party of her
own completed contract she may review: parties were verified when the contract was made, and a review needs
no e-mail address, so a later lapse of verification does not take away the right to describe the work.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from openhour.contracts.models import Contract
from openhour.contracts.tests.test_offers_kit import fixed_offer
from openhour.lib.errors import DomainError
from openhour.money.tests.kit import contract_between
from openhour.reviews.models import Review, ReviewEvent
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

SEALED = "sealed"  # the 201: a review is stored, sealed until the other side reviews or the window closes
MISSING = "not_found"  # 404
NOT_REVIEWABLE = "contract_not_reviewable"  # 409
CLOSED = "review_window_closed"  # 409
PAST_WINDOW = timedelta(days=settings.REVIEW_WINDOW_DAYS, minutes=1)


def completed(clara: Any, fred: Any) -> Contract:
    return finished(clara, fred)


def cancelled(clara: Any, fred: Any) -> Contract:
    return finished(clara, fred, released=False)  # refunded: nothing was paid for work


def active(clara: Any, fred: Any) -> Contract:
    return contract_between(clara, fred)


def offer(clara: Any, fred: Any) -> Contract:
    return fixed_offer(clara, fred)


CONTRACTS: dict[str, Callable[[Any, Any], Contract]] = {
    "completed": completed,
    "cancelled": cancelled,
    "active": active,
    "offer": offer,
    "ended_long_ago": completed,  # then the clock moves past the window
}
MONEY_MOVED = {"completed", "cancelled", "ended_long_ago"}

# contract state -> actor -> what review_submit does
EXPECTED = {
    "completed": {"clara": SEALED, "fred": SEALED, "olga": MISSING, "operator": MISSING, "una": MISSING},
    "cancelled": {
        "clara": NOT_REVIEWABLE,
        "fred": NOT_REVIEWABLE,
        "olga": MISSING,
        "operator": MISSING,
        "una": MISSING,
    },
    "active": {"clara": NOT_REVIEWABLE, "fred": NOT_REVIEWABLE, "olga": MISSING, "operator": MISSING, "una": MISSING},
    "offer": {"clara": NOT_REVIEWABLE, "fred": NOT_REVIEWABLE, "olga": MISSING, "operator": MISSING, "una": MISSING},
    "ended_long_ago": {"clara": CLOSED, "fred": CLOSED, "olga": MISSING, "operator": MISSING, "una": MISSING},
}
MATRIX = [(state, actor, outcome) for state, row in EXPECTED.items() for actor, outcome in row.items()]
ROLE = {"clara": "client", "fred": "freelancer"}


def attempt(contract: Contract, actor: Any, role: str) -> str:
    """What a person gets when they submit a complete review: the stored review's status, or the error code."""
    try:
        return review_submit(contract_id=contract.pk, by=actor, data=body(role)).status
    except DomainError as refused:
        return refused.code


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "actor_name", "expected"), MATRIX, ids=[f"{s}-{a}" for s, a, _o in MATRIX])
def test_eligibility_matrix(request, clara, fred, olga, operator, una, ledger_ok, state, actor_name, expected):
    contract = CONTRACTS[state](clara, fred)
    actor = request.getfixturevalue(actor_name)
    role = ROLE.get(actor_name, "client")
    later = timezone.now() + (PAST_WINDOW if state == "ended_long_ago" else timedelta())

    with time_machine.travel(later, tick=False):
        outcome = attempt(contract, actor, role)

    assert outcome == expected
    stored = Review.objects.filter(contract=contract)
    if expected == SEALED:
        review = stored.get()
        assert (review.author, review.subject) == ((clara, fred) if actor == clara else (fred, clara))
        assert review.author_role == role and review.published_at is None
        assert ReviewEvent.objects.filter(review=review, action="submit").count() == 1
    else:
        assert not stored.exists() and not ReviewEvent.objects.exists()
    if state in MONEY_MOVED:
        ledger_ok()


@pytest.mark.django_db
@pytest.mark.parametrize("actor_name", ["clara", "fred"])
def test_a_second_review_of_the_same_contract_is_refused(request, clara, fred, ledger_ok, actor_name):
    contract = finished(clara, fred)
    actor = request.getfixturevalue(actor_name)
    role = ROLE[actor_name]
    first = review_submit(contract_id=contract.pk, by=actor, data=body(role, 5))

    assert attempt(contract, actor, role) == "review_exists"
    first.refresh_from_db()
    assert Review.objects.filter(contract=contract).count() == 1 and first.overall == 5
    assert ReviewEvent.objects.filter(action="submit").count() == 1
    ledger_ok()


@pytest.mark.django_db
def test_after_both_reviewed_a_third_try_is_refused_as_closed(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client"))
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))

    # The round closed when the second review arrived: "window closed" says why better than "exists".
    assert attempt(contract, clara, "client") == CLOSED
    assert Review.objects.count() == 2
    ledger_ok()


@pytest.mark.django_db
def test_the_window_is_open_until_its_last_moment(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    closes_at = contract.review_round.closes_at

    with time_machine.travel(closes_at - timedelta(seconds=1), tick=False):
        assert attempt(contract, clara, "client") == SEALED
    with time_machine.travel(closes_at, tick=False):
        assert attempt(contract, fred, "freelancer") == CLOSED
    assert list(Review.objects.values_list("author__username", flat=True)) == ["clara"]
    ledger_ok()


@pytest.mark.django_db
def test_an_unverified_party_of_a_completed_contract_may_review(clara, una, ledger_ok):
    contract = finished(clara, una)

    review = review_submit(contract_id=contract.pk, by=una, data=body("freelancer", 4))

    assert review.status == SEALED and review.subject == clara and review.author_role == "freelancer"
    ledger_ok()


@pytest.mark.django_db
@pytest.mark.parametrize("contract_id", [999_999, "nonsense", "", None])
def test_an_unknown_contract_is_not_found(clara, contract_id):
    with pytest.raises(DomainError) as refused:
        review_submit(contract_id=contract_id, by=clara, data=body())
    assert refused.value.code == MISSING
    assert not Review.objects.exists()


BAD_INPUT = [
    ("overall", {"overall": 0}),
    ("overall", {"overall": 6}),
    ("overall", {"overall": "five"}),
    ("overall", {"overall": True}),
    ("ratings.quality", {"ratings": {"quality": 9, "communication": 5, "expertise": 5, "timeliness": 5, "value": 5}}),
    (
        "ratings.clarity",
        {"ratings": {"clarity": 5, "quality": 5, "communication": 5, "expertise": 5, "timeliness": 5, "value": 5}},
    ),
    ("would_work_again", {"would_work_again": "yes"}),
    ("went_well", {"went_well": "   "}),
    ("could_improve", {"could_improve": "x" * 3001}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "changes"), BAD_INPUT, ids=[f"{f}-{n}" for n, (f, _c) in enumerate(BAD_INPUT)])
def test_bad_input_names_the_field_and_stores_nothing(clara, fred, ledger_ok, field, changes):
    contract = finished(clara, fred)

    with pytest.raises(DomainError) as refused:
        review_submit(contract_id=contract.pk, by=clara, data=body("client", **changes))

    assert refused.value.status == 400 and field in refused.value.fields
    assert not Review.objects.exists() and not ReviewEvent.objects.exists()
    ledger_ok()


@pytest.mark.django_db
def test_the_label_shows_bands_never_the_amount(clara, fred, ledger_ok):
    contract = finished(clara, fred, 30_000)  # £300.00 released

    review = review_submit(contract_id=contract.pk, by=clara, data=body("client"))

    assert review.budget_band == "£250–£1,000"
    assert review.duration_band == "less than a week"
    assert "300" not in f"{review.budget_band} {review.duration_band} {review.category}"
    ledger_ok()
