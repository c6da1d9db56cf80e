"""The freelancer reading an offer sees what the client pays with the client service fee, the same total the
client's checkout will ask for, beside their own fee and what they receive."""

import pytest

from openhour.contracts.tests.test_offers_kit import fixed_offer, hourly_offer
from openhour.lib.money import format_money
from openhour.money.fees import client_fee

pytestmark = pytest.mark.django_db


def test_the_freelancer_sees_what_the_client_pays_for_a_fixed_offer(clara, fred, client_for):
    offer = fixed_offer(clara, fred, 20_000, 10_000)
    page = client_for(fred).get(f"/contracts/{offer.pk}").content.decode()

    assert "The client pays</dt><dd>£315" in page  # £200 + £10 and £100 + £5, as each milestone is funded
    assert "£60" in page and "£240" in page  # his own fee and what he receives are unchanged


def test_the_freelancer_sees_what_the_client_pays_for_a_week_of_an_hourly_offer(clara, fred, client_for):
    offer = hourly_offer(clara, fred)
    page = client_for(fred).get(f"/contracts/{offer.pk}").content.decode()
    week = offer.hourly_rate * offer.weekly_limit

    pays = week + client_fee(amount=week, currency=offer.currency)
    assert f"The client pays</dt><dd>{format_money(pays, offer.currency)}" in page


def test_the_client_and_outsiders_do_not_get_the_freelancers_breakdown(clara, fred, olga, client_for):
    offer = fixed_offer(clara, fred, 20_000, 10_000)
    assert "The client pays" not in client_for(clara).get(f"/contracts/{offer.pk}").content.decode()
    assert client_for(olga).get(f"/contracts/{offer.pk}").status_code == 404
