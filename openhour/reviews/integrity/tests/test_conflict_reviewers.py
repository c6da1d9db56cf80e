"""Conflicts among the reviewers of one person: buyers who share a card, a browser or a payout account among
themselves (never touching the freelancer's own) are one person's sockpuppets and their reviews are held;
colleagues on one company domain and one office address are weak evidence that neither holds nor queues."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from openhour.lib.process import CLIENT
from openhour.money.services.payments import deposit_start
from openhour.reviews.integrity.checks import conflict
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

OFFICE = "81.2.69.160"  # one company's office address: telling, not a shared network


def _buyer(username: str, *, domain: str = "example.com"):
    """A client of some standing: three accounts made a minute ago reviewing one person would be a burst."""
    user = make_user(username, name=f"{username.title()} Buyer", client=True)
    user.email = f"{username}@{domain}"
    user.date_joined = timezone.now() - timedelta(days=200)
    user.save(update_fields=["email", "date_joined"])
    return user


def _reviews(buyer, freelancer, text: str = "Clear, quick and friendly.") -> Review:
    contract = finished(buyer, freelancer)
    review = review_submit(contract_id=contract.pk, by=buyer, data=body(CLIENT, 5, went_well=text))
    return Review.objects.get(pk=review.pk)


def test_two_reviewers_paying_with_one_card_are_found_and_held(fred):
    first, second, honest = _buyer("ann"), _buyer("bea"), _buyer("cal")
    for buyer, card in ((first, "tok_visa_ring7"), (second, "tok_visa_ring7"), (honest, "tok_visa_cal1")):
        deposit_start(payer=buyer, amount=2_000, currency="GBP", card_token=card)
    earlier = _reviews(first, fred, "Fred rebuilt our shop checkout.")
    assert conflict.check(earlier) is None  # nobody else reviewed Fred yet

    later = _reviews(second, fred, "Great help with our invoices.")
    score, evidence = conflict.check(later)
    assert score == 0.95 and evidence["kinds"] == ["card"] and evidence["shared"] == []
    [item] = evidence["among_reviewers"]
    assert (item["kind"], item["reviewers"], item["reviews"]) == ("card", [first.pk], [earlier.pk])
    assert item["value"].startswith("…") and len(item["value"]) == 4  # masked
    assert evidence["reviews"] == [earlier.pk]
    assert "same card" in evidence["why"][0] and "held" in evidence["why"][0]
    assert later.risk_decision == Review.Risk.HOLD  # not published when its round closes

    third = _reviews(honest, fred, "Patient and precise with the data import.")
    assert conflict.check(third) is None and third.risk_decision == Review.Risk.PUBLISH


def test_the_published_test_card_shared_by_every_reviewer_says_nothing(fred):
    buyers = [_buyer(name) for name in ("dan", "eve")]  # `finished` tops both up with tok_visa
    reviews = [_reviews(buyer, fred, f"Work for {buyer.username} was fine.") for buyer in buyers]
    assert conflict.check(reviews[1]) is None


def test_reviewers_sharing_one_browser_are_held_with_the_device_masked(fred):
    first, second = _buyer("fay"), _buyer("gus")
    for buyer in (first, second):
        AccessRecord.objects.create(user=buyer, kind="signup", ip="10.1.2.3", device="d" * 29 + "abc")
    earlier = _reviews(first, fred, "Fred found the bug nobody else could.")
    later = _reviews(second, fred, "Quick turnaround on the API work.")
    _score, evidence = conflict.check(later)
    assert evidence["kinds"] == ["device"]  # the private address says nothing
    assert evidence["among_reviewers"][0]["value"] == "…abc" and evidence["reviews"] == [earlier.pk]
    assert "d" * 29 not in str(evidence)
    assert later.risk_decision == Review.Risk.HOLD


def test_colleagues_on_one_company_domain_and_office_address_are_neither_held_nor_queued(fred):
    colleagues = [_buyer(name, domain="acme-widgets.co.uk") for name in ("hal", "ida", "jon")]
    for person in colleagues:
        AccessRecord.objects.create(user=person, kind="login", ip=OFFICE, device=person.username * 8)
    reviews = [_reviews(person, fred, f"Good work on the {person.username} report.") for person in colleagues]

    score, evidence = conflict.check(reviews[-1])
    assert evidence["kinds"] == ["email_domain", "ip"] and evidence["shared"] == []
    assert score == 0.44  # 1 - (1 - 0.3)(1 - 0.2): under the 0.5 that queues
    assert {tuple(item["reviewers"]) for item in evidence["among_reviewers"]} == {(colleagues[0].pk, colleagues[1].pk)}
    assert any("weak evidence" in line for line in evidence["why"])
    assert all(review.risk_decision == Review.Risk.PUBLISH for review in reviews)


def test_colleagues_who_also_share_a_card_are_held(fred):
    first, second = _buyer("kim", domain="acme-widgets.co.uk"), _buyer("lou", domain="acme-widgets.co.uk")
    for buyer in (first, second):
        deposit_start(payer=buyer, amount=2_000, currency="GBP", card_token="tok_visa_acmecorp")
    _reviews(first, fred, "Helpful on the migration.")
    later = _reviews(second, fred, "Made the dashboards we needed.")
    score, evidence = conflict.check(later)
    assert evidence["kinds"] == ["card", "email_domain"] and score == round(1 - 0.05 * 0.8, 4)
    assert later.risk_decision == Review.Risk.HOLD
