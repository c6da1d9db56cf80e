"""Direct offers on pages: from the freelancer's profile to the offer form, then on the contract page the
freelancer accepts or declines (with the fee he would pay shown first) and the client may withdraw."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.contracts.models import Contract
from openhour.contracts.tests.test_offers_kit import fixed_offer, hourly_offer

pytestmark = pytest.mark.django_db


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "to": "fred",
        "title": "Shop redesign",
        "message": "A new shop for our bakery.",
        "currency": "GBP",
        "kind": "fixed",
        "hourly_rate": "",
        "weekly_limit": "",
        "time_zone": "Europe/London",
        "m-TOTAL_FORMS": "5",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "5",
        "m-0-title": "Design",
        "m-0-amount": "200.00",
        "m-0-due_in_days": "7",
        "m-0-criteria": "Three mock-ups.",
        "m-1-title": "Build",
        "m-1-amount": "100",
        "m-1-due_in_days": "14",
    }
    return data | changes


def test_a_client_finds_the_offer_link_on_a_freelancers_profile(clara, fred, olga, client_for):
    assert "Offer a contract" in client_for(clara).get("/u/fred").content.decode()
    assert 'href="/offers/new?to=fred"' in client_for(clara).get("/u/fred").content.decode()
    assert "Offer a contract" not in client_for(fred).get("/u/fred").content.decode()  # his own profile
    assert "Offer a contract" not in client_for(olga).get("/u/fred").content.decode()  # not a client
    assert "Offer a contract" not in client_for(fred).get("/u/clara").content.decode()  # not a freelancer


def test_the_form_works_without_javascript_and_empty_rows_are_ignored(clara, fred, client_for):
    form = client_for(clara).get("/offers/new?to=fred")
    assert form.status_code == 200
    page = form.content.decode()
    assert "Offer a contract to Fred Freelancer" in page and page.count('name="m-4-title"') == 1
    assert 'value="Europe/London"' in page
    browser = client_for(clara)
    sent = browser.post("/offers/new?to=fred", form_data())
    assert sent.status_code == 302
    contract = Contract.objects.get()
    assert sent["Location"] == f"/contracts/{contract.pk}"
    assert [(m.title, m.amount, m.criteria) for m in contract.milestones.all()] == [
        ("Design", 20_000, "Three mock-ups."),
        ("Build", 10_000, ""),
    ]
    shown = browser.get(sent["Location"]).content.decode()
    assert "Your offer is sent to Fred Freelancer." in shown and "Withdraw the offer" in shown
    assert "Accept the offer" not in shown


def test_an_hourly_offer_from_the_form(clara, fred, client_for):
    data = form_data(kind="hourly", hourly_rate="45", weekly_limit="10", time_zone="Asia/Tokyo")
    data |= {f"m-{n}-{name}": "" for n in range(2) for name in ("title", "amount", "due_in_days", "criteria")}
    assert client_for(clara).post("/offers/new?to=fred", data).status_code == 302
    contract = Contract.objects.get()
    assert (contract.kind, contract.hourly_rate, contract.weekly_limit, contract.time_zone) == (
        "hourly",
        4_500,
        10,
        "Asia/Tokyo",
    )


def test_refused_terms_show_the_form_again_with_the_problems(clara, fred, client_for):
    none = {f"m-{n}-{name}": "" for n in range(2) for name in ("title", "amount", "due_in_days", "criteria")}
    refused = client_for(clara).post("/offers/new?to=fred", form_data(**none))
    assert refused.status_code == 400
    assert "Add at least one milestone." in refused.content.decode()
    half = client_for(clara).post("/offers/new?to=fred", form_data(**{"m-1-due_in_days": ""}))
    assert half.status_code == 400
    assert "Fill in the title, amount and due days" in half.content.decode()
    zone = form_data(kind="hourly", hourly_rate="45", weekly_limit="10", time_zone="Nowhere/Here", **none)
    assert "Choose a time zone by its name" in client_for(clara).post("/offers/new?to=fred", zone).content.decode()
    assert not Contract.objects.exists()


def test_offers_nobody_may_send_are_refused_with_a_reason(clara, fred, client_for):
    to_self = client_for(clara).get("/offers/new?to=clara")
    assert to_self.status_code == 400 and "You cannot offer a contract to yourself." in to_self.content.decode()
    assert client_for(clara).get("/offers/new?to=nobody").status_code == 404
    assert client_for(fred).get("/offers/new?to=fred").status_code == 403  # Fred is not a client
    fixed_offer(clara, fred)
    twice = client_for(clara).get("/offers/new?to=fred")
    assert twice.status_code == 409 and "still waiting for an answer" in twice.content.decode()
    assert client_for(clara).post("/offers/new?to=fred", form_data()).status_code == 409
    assert Contract.objects.count() == 1


def test_the_freelancer_sees_the_terms_and_his_fee_then_accepts(clara, fred, olga, operator, client_for):
    offer = fixed_offer(clara, fred, 20_000, 10_000)
    page = client_for(fred).get(f"/contracts/{offer.pk}").content.decode()
    assert "Clara Client offers you this contract" in page and "A new shop for our bakery." in page
    assert "Works on a phone." in page and "Without an answer, this offer lapses on" in page
    assert "£60" in page and "£240" in page  # his 20% fee on £300, and what he would receive
    assert "Withdraw the offer" not in page
    assert client_for(olga).get(f"/contracts/{offer.pk}").status_code == 404
    assert client_for(olga).post(f"/contracts/{offer.pk}/accept").status_code == 404
    assert client_for(clara).post(f"/contracts/{offer.pk}/accept").status_code == 403
    done = client_for(fred).post(f"/contracts/{offer.pk}/accept", follow=True).content.decode()
    assert "You accepted the offer" in done and "Accept the offer" not in done
    offer.refresh_from_db()
    assert offer.status == "active" and offer.started_at is not None


def test_the_freelancer_declines_with_a_reason_the_client_then_reads(clara, fred, client_for):
    offer = fixed_offer(clara, fred)
    too_long = client_for(fred).post(f"/contracts/{offer.pk}/decline", {"decline-note": "x" * 2001})
    assert too_long.status_code == 400 and "Decline the offer" in too_long.content.decode()
    client_for(fred).post(f"/contracts/{offer.pk}/decline", {"decline-note": "Fully booked."})
    page = client_for(clara).get(f"/contracts/{offer.pk}").content.decode()
    assert "Fred Freelancer declined this offer." in page and "Fully booked." in page
    again = client_for(fred).post(f"/contracts/{offer.pk}/accept", follow=True).content.decode()
    assert "“accept” is not possible now (status: Declined)" in again


def test_the_client_withdraws_an_hourly_offer(clara, fred, client_for):
    offer = hourly_offer(clara, fred)
    page = client_for(fred).get(f"/contracts/{offer.pk}").content.decode()
    assert "Europe/Paris" in page and "A full week (10 hours)" in page
    assert client_for(fred).post(f"/contracts/{offer.pk}/withdraw").status_code == 403
    done = client_for(clara).post(f"/contracts/{offer.pk}/withdraw", {"withdraw-note": ""}, follow=True)
    assert "You withdrew the offer." in done.content.decode() and "This offer was withdrawn." in done.content.decode()


def test_a_cancelled_contract_shows_its_outcome_and_cannot_be_reviewed(clara, fred, client_for):
    offer = fixed_offer(clara, fred)
    client_for(fred).post(f"/contracts/{offer.pk}/accept")
    client_for(clara).post(f"/contracts/{offer.pk}/end", {"note": "Not needed after all."})
    for person in (clara, fred):
        page = client_for(person).get(f"/contracts/{offer.pk}").content.decode()
        assert "This contract was cancelled" in page and "Both of you may now review each other." not in page
    api = client_for(fred).get(f"/api/v1/contracts/{offer.pk}").json()
    assert (api["status"], api["outcome"], api["reviewable"]) == ("ended", "cancelled", False)


def test_the_offer_adds_no_query_per_milestone(clara, fred, olga, operator, client_for):
    small, large = fixed_offer(clara, fred, 10_000), fixed_offer(clara, olga, *[10_000] * 5)
    for person in (clara, operator):
        browser = client_for(person)
        browser.get(f"/contracts/{small.pk}")  # the session settles on the first visit
        with CaptureQueriesContext(connection) as one:
            assert browser.get(f"/contracts/{small.pk}").status_code == 200
        with CaptureQueriesContext(connection) as five:
            assert browser.get(f"/contracts/{large.pk}").status_code == 200
        assert len(five) == len(one), person
