"""Each risk check fires on a planted scenario and stays silent on its near miss; evidence names ids and
counts and masks personal values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from openhour.money.models import Payment, PayoutMethod
from openhour.money.services.payments import card_fingerprint
from openhour.reviews.integrity.checks import burst, conflict, duplicate, wash
from openhour.reviews.integrity.checks.duplicate import near_duplicates
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

COPY = (
    "Priya understood our stock system at once and the export has run every night since, "
    "with clear notes on every step and a short video for the team."
)


def review(client, freelancer, amount=30_000, *, by=None, overall=5, **changes):
    """The client's (or `by`'s) review of a freshly finished contract."""
    contract = finished(client, freelancer, amount)
    author = by or client
    role = "client" if author == client else "freelancer"
    return review_submit(contract_id=contract.pk, by=author, data=body(role, overall, **changes))


# ---- duplicate ------------------------------------------------------------------------------------------


def test_near_duplicates_are_found_by_lsh_and_confirmed_by_jaccard():
    edited = COPY.replace("the team.", "the whole team.")
    others = {
        1: edited,
        2: "The logo was fresh and still recognisably ours; the timeline was clear from day one.",
        3: COPY,
    }
    found = dict(near_duplicates(COPY, others))
    assert set(found) == {1, 3} and found[3] == 1.0 and 0.8 <= found[1] < 1.0


def test_short_stock_phrases_and_different_texts_are_not_duplicates():
    assert near_duplicates("Clear, quick and friendly.", {1: "Clear, quick and friendly."}) == []
    half = " ".join(COPY.split()[:14]) + " but the handover notes were missing and we had to ask twice for them."
    assert near_duplicates(COPY, {1: half}) == []


@pytest.mark.django_db
def test_a_copied_review_by_another_author_is_a_duplicate(clara, fred, olga):
    original = review(clara, fred, went_well=COPY)
    other = make_user("otto", name="Otto Other", client=True)
    copy = review(other, olga, went_well=COPY)

    score, evidence = duplicate.check(copy)
    assert score == 1.0 and evidence["best_jaccard"] == 1.0
    assert evidence["matches"] == [{"review": original.pk, "jaccard": 1.0, "same_author": False}]
    assert evidence["text"].startswith("Priya understood")


@pytest.mark.django_db
def test_reusing_ones_own_words_is_noted_but_weak(clara, fred, olga):
    review(clara, fred, went_well=COPY)
    again = review(clara, olga, went_well=COPY)
    score, evidence = duplicate.check(again)
    assert score == duplicate.SAME_AUTHOR_SCORE and evidence["best_jaccard"] == 0.0


# ---- conflict -------------------------------------------------------------------------------------------


def _access(user, ip, device):
    AccessRecord.objects.create(user=user, kind="login", ip=ip, device=device)


@pytest.mark.django_db
def test_a_shared_device_and_ip_are_a_conflict_with_masked_evidence(clara, fred):
    _access(clara, "81.2.69.142", "a" * 29 + "xyz")
    _access(fred, "81.2.69.142", "a" * 29 + "xyz")
    found = review(clara, fred)

    score, evidence = conflict.check(found)
    assert evidence["kinds"] == ["device", "ip"] and score > 0.95
    assert {"kind": "device", "value": "…xyz"} in evidence["shared"]
    assert {"kind": "ip", "value": "…142"} in evidence["shared"]
    assert "81.2.69.142" not in str(evidence)


@pytest.mark.django_db
def test_loopback_private_addresses_and_different_devices_are_no_conflict(clara, fred):
    for ip in ("127.0.0.1", "10.0.0.5", "192.168.1.20"):
        _access(clara, ip, "c" * 32)
        _access(fred, ip, "f" * 32)
    assert conflict.check(review(clara, fred)) is None


@pytest.mark.django_db
def test_one_card_paying_for_both_accounts_is_a_conflict_but_the_sandbox_test_card_is_not(clara, fred):
    found = review(clara, fred)  # Clara topped up with the sandbox's tok_visa
    Payment.objects.create(
        payer=fred, amount=500, currency="GBP", gateway="sandbox", card_fingerprint=card_fingerprint("tok_visa")
    )
    assert conflict.check(found) is None

    for payer in (clara, fred):
        Payment.objects.create(
            payer=payer, amount=500, currency="GBP", gateway="stripe", card_fingerprint=card_fingerprint("pm_card_4242")
        )
    score, evidence = conflict.check(found)
    assert evidence["kinds"] == ["card"] and score == 0.95


@pytest.mark.django_db
def test_one_payout_account_is_a_conflict_however_it_is_typed(clara, fred, olga):
    found = review(clara, fred)
    usable = timezone.now()
    PayoutMethod.objects.create(
        owner=clara,
        kind="bank_transfer",
        usable_from=usable,
        details={"iban": "GB82 WEST 1234 5698 7654 32", "bic": "NWBKGB2L"},
    )
    PayoutMethod.objects.create(
        owner=olga,
        kind="bank_transfer",
        usable_from=usable,
        details={"iban": "GB33BUKB20201555555555", "bic": "BUKBGB22"},
    )
    PayoutMethod.objects.create(owner=fred, kind="paypal", usable_from=usable, details={"email": "fred@example.com"})
    assert conflict.check(found) is None

    PayoutMethod.objects.create(
        owner=fred,
        kind="bank_transfer",
        usable_from=usable,
        details={"iban": "gb82west12345698765432", "bic": "NWBKGB2L"},
    )
    _score, evidence = conflict.check(found)
    assert evidence["shared"] == [{"kind": "payout", "value": "iban:…432"}]


@pytest.mark.django_db
def test_a_private_company_domain_is_a_conflict_but_webmail_and_test_domains_are_not(clara, fred):
    found = review(clara, fred)  # both @example.com
    assert conflict.check(found) is None
    for domain, telling in (
        ("gmail.com", False),
        ("gmx.de", False),
        ("demo.openhour.test", False),
        ("acme-widgets.co.uk", True),
    ):
        for person in (clara, fred):
            person.email = f"{person.username}@{domain}"
            person.save(update_fields=["email"])
        found = Review.objects.get(pk=found.pk)
        result = conflict.check(found)
        assert (result is not None) == telling, domain
    assert result == (
        0.6,
        {
            "author": clara.pk,
            "subject": fred.pk,
            "kinds": ["email_domain"],
            "shared": [{"kind": "email_domain", "value": "acme-widgets.co.uk"}],
        },
    )


# ---- wash trading ---------------------------------------------------------------------------------------


def _pair_reviews(client, freelancer, amount, overall=5):
    contract = finished(client, freelancer, amount)
    first = review_submit(contract_id=contract.pk, by=client, data=body("client", overall))
    second = review_submit(contract_id=contract.pk, by=freelancer, data=body("freelancer", overall))
    return contract, first, second


@pytest.mark.django_db
def test_tiny_fast_contracts_bought_from_one_freelancer_for_reviews_are_wash_trading(clara, fred):
    contracts = [_pair_reviews(clara, fred, 2_000)[0] for _ in range(2)]
    contract, last, _reply = _pair_reviews(clara, fred, 4_900)
    score, evidence = wash.check(last)
    assert score == 0.6 and evidence["pattern"] == "farm"
    assert evidence["contracts"] == [
        {"contract": c.pk, "released": c.milestones.get().released, "currency": "GBP"} for c in [*contracts, contract]
    ]
    fourth = _pair_reviews(clara, fred, 1_000)[1]
    assert wash.check(fourth)[0] == 0.65  # rises with the count


@pytest.mark.django_db
def test_ordinary_contracts_between_a_pair_are_not_wash_trading(clara, fred):
    for _ in range(3):
        _contract, first, second = _pair_reviews(clara, fred, 6_000)  # £60: real work
    assert wash.check(first) is None and wash.check(second) is None


def _ring(names):
    people = [make_user(n, name=n.title(), client=True, freelancer=True) for n in names]
    reviews = []
    for index, person in enumerate(people):
        _contract, first, second = _pair_reviews(person, people[(index + 1) % len(people)], 1_500)
        reviews += [first, second]
    return people, reviews


@pytest.mark.django_db
def test_a_ring_of_accounts_reviewing_only_each_other_is_wash_trading():
    people, reviews = _ring(["xena", "yuri", "zack"])
    score, evidence = wash.check(reviews[-1])
    assert evidence["pattern"] == "ring" and evidence["accounts"] == sorted(p.pk for p in people)
    assert evidence["reviews"] == sorted(r.pk for r in reviews) and len(evidence["contracts"]) == 3 and score == 0.8


# Rings of other sizes, swaps, farms and the honest shapes that must pass: test_graph.py.


# ---- burst ----------------------------------------------------------------------------------------------


def _newcomers(count, *, joined_days_ago=1, prefix="new"):
    people = [make_user(f"{prefix}{i}", name=f"New {i}", client=True) for i in range(count)]
    for person in people:
        person.date_joined = timezone.now() - timedelta(days=joined_days_ago)
        person.save(update_fields=["date_joined"])
    return people


@pytest.mark.django_db
def test_three_reviews_from_new_accounts_within_72_hours_are_a_burst(fred):
    reviews = [review(person, fred) for person in _newcomers(4)]
    score, evidence = burst.check(reviews[2])
    assert score == 0.6 and evidence["young_authors"] == 4 and evidence["window_hours"] == 72
    assert [row["review"] for row in evidence["reviews"]] == [r.pk for r in reviews]
    assert all(row["account_age_days"] < 14 for row in evidence["reviews"])


@pytest.mark.django_db
def test_a_burst_counts_the_reviews_after_as_well_as_before(fred):
    """The first review of a burst, checked late (a queue, an edit), is part of it too."""
    first, *rest = [review(person, fred) for person in _newcomers(3)]
    Review.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(hours=40))
    first.refresh_from_db()
    score, evidence = burst.check(first)
    assert score == 0.5 and {row["review"] for row in evidence["reviews"]} == {first.pk, *(r.pk for r in rest)}


@pytest.mark.django_db
def test_reviews_from_established_accounts_or_spread_out_are_no_burst(fred):
    *young, old = _newcomers(2) + _newcomers(1, joined_days_ago=400, prefix="old")
    assert burst.check(review(old, fred)) is None
    reviews = [review(person, fred) for person in young]
    assert burst.check(reviews[-1]) is None  # two young reviewers and an old one
    Review.objects.filter(pk=reviews[0].pk).update(submitted_at=timezone.now() - timedelta(hours=80))
    late = review(make_user("late", name="Late Comer", client=True), fred)
    assert burst.check(late) is None  # the first one fell out of the window
