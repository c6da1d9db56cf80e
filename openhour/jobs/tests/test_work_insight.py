"""The "What similar work goes for" box compares like with like: fixed prices of fixed-price work for a fixed-price
project and freelancers' hourly rates for an hourly one, in the project's currency, or says there is too little."""

import pytest
from django.test import Client

from conftest import make_user
from openhour.accounts.models import Profile
from openhour.jobs.insights import work_insight

pytestmark = pytest.mark.django_db


def _rates(fred, currency: str, *amounts: int) -> None:
    """Freelancers with Fred's skills and these hourly rates (Fred's own rate left out)."""
    Profile.objects.filter(user=fred).update(hourly_rate=None)
    for n, amount in enumerate(amounts):
        person = make_user(f"rate{currency}{n}", name=f"Rate {n}", freelancer=True)
        person.profile.skills.set(fred.profile.skills.all())
        Profile.objects.filter(user=person).update(hourly_rate=amount, rate_currency=currency)


def test_a_fixed_price_project_is_not_compared_with_hourly_rates(fred):
    _rates(fred, "GBP", 4_000, 5_000, 6_000)
    found = work_insight(category="web-software", budget_type="fixed", currency="GBP")
    assert (found.budget_type, found.currency, found.spread) == ("fixed", "GBP", None)


def test_an_hourly_project_sees_rates_in_its_own_currency_only(fred):
    _rates(fred, "EUR", 7_000, 8_000, 9_000)
    _rates(fred, "GBP", 4_000, 5_000, 6_000)
    found = work_insight(category="web-software", budget_type="hourly", currency="GBP")
    assert found.spread is not None
    assert (found.spread.currency, found.spread.median) == ("GBP", 5_000)
    assert work_insight(category="web-software", budget_type="hourly", currency="USD").spread is None


def test_the_posting_form_fragment_follows_the_budget_type_and_currency(fred):
    _rates(fred, "EUR", 7_000, 8_000, 9_000)
    page = Client().get("/insights/rates", {"category": "web-software", "budget_type": "hourly", "currency": "EUR"})
    assert "€80" in page.content.decode()
    fixed = Client().get("/insights/rates", {"category": "web-software", "budget_type": "fixed", "currency": "EUR"})
    assert "€" not in fixed.content.decode()
    assert "Too few fixed-price projects" in fixed.content.decode()
    junk = Client().get("/insights/rates", {"category": "web-software", "budget_type": "x" * 900, "currency": "<b>"})
    assert junk.status_code == 200  # anything else reads as a fixed price in pounds
