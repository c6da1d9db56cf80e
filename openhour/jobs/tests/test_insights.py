"""Market rates: medians and quartiles of hourly rates and accepted prices, per currency."""

from conftest import make_user
from openhour.accounts.services import profile_update


def freelancers_with_rates(rates: list[int], *, skill: str = "logo-design", currency: str = "GBP") -> None:
    for n, rate in enumerate(rates):
        person = make_user(f"designer{n}{currency}", name=f"Designer {n}", freelancer=True)
        profile_update(user=person, skills=[skill], hourly_rate=rate, rate_currency=currency)


def test_hourly_rates_for_a_skill_have_a_median_and_quartiles(client, db):
    freelancers_with_rates([2000, 3000, 4000, 5000, 6000])

    body = client.get("/api/v1/insights/rates", {"skill": "logo-design"}).json()

    (spread,) = body["hourly_rates"]
    assert spread["count"] == 5
    assert spread["median"] == {"amount": 4000, "currency": "GBP"}
    assert spread["p25"]["amount"] == 3000 and spread["p75"]["amount"] == 5000


def test_currencies_are_never_mixed(client, db):
    freelancers_with_rates([2000, 3000, 4000], currency="GBP")
    freelancers_with_rates([9000, 9000, 9000], currency="USD")

    body = client.get("/api/v1/insights/rates", {"category": "design"}).json()

    assert {s["currency"]: s["median"]["amount"] for s in body["hourly_rates"]} == {"GBP": 3000, "USD": 9000}


def test_too_few_data_points_give_no_figures(client, db):
    freelancers_with_rates([2000, 3000])

    body = client.get("/api/v1/insights/rates", {"skill": "logo-design"}).json()

    assert body == {"fixed_prices": [], "hourly_rates": []}


def test_other_skills_do_not_count(client, db):
    freelancers_with_rates([2000, 3000, 4000], skill="python")

    assert client.get("/api/v1/insights/rates", {"skill": "logo-design"}).json()["hourly_rates"] == []


def test_accepted_prices_count_and_open_offers_do_not(client, clara, fred, db):
    from openhour.jobs.models import Proposal
    from openhour.jobs.services.projects import project_post

    project = project_post(
        client=clara,
        title="Logo",
        description="A logo for a bakery.",
        category="design",
        skills=["logo-design"],
        budget_min=20_000,
        budget_max=90_000,
        currency="GBP",
    )
    for n, (price, status) in enumerate(
        [(30_000, "accepted"), (50_000, "accepted"), (70_000, "accepted"), (99_000, "submitted")]
    ):
        freelancer = make_user(f"bidder{n}", name=f"Bidder {n}", freelancer=True)
        # Set up history directly: the accepted state is what matters here, not how it was reached.
        Proposal.objects.create(
            project=project,
            freelancer=freelancer,
            cover_letter="Hi",
            price=price,
            currency="GBP",
            delivery_days=5,
            status=status,
        )

    body = client.get("/api/v1/insights/rates", {"category": "design"}).json()

    (spread,) = body["fixed_prices"]
    assert (spread["count"], spread["median"]["amount"]) == (3, 50_000)


def test_the_posting_form_shows_typical_rates_for_the_chosen_category(client_for, clara, db):
    freelancers_with_rates([2000, 3000, 4000])

    asked = {"category": "design", "budget_type": "hourly", "currency": "GBP"}
    fragment = client_for(clara).get("/insights/rates", asked)

    text = "Hourly rates in this category, in GBP: mostly £25–£35 an hour, median £30 (from 3 freelancers)."
    assert text in fragment.content.decode()
