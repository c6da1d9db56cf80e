"""Money in Hourlies over /api/v1: a package's or extra's price is an {"amount", "currency"} object in the
service's currency; a bare integer (the old shape) still works, deprecated. Prices are integers, never text
or true/false, up to the cap the server applies and the schema states.

Fred publishes and edits his services; Olga may not edit them. A refused service is not made, a refused edit
changes nothing. An order carries no amount of its own: its price comes from the package bought.
"""

from typing import Any

import pytest
from django.test import Client

from openhour.catalog.models import Hourlie, HourlieExtra, HourliePackage
from openhour.money.tests.test_api_strict_amounts import (
    NOT_AMOUNTS,
    body_schema,
    deprecated_integer,
    field_schema,
    fields_of,
    gbp,
    money_maxima,
    openapi,
    server_cap,
)

pytestmark = pytest.mark.django_db

JSON = "application/json"
HOURLIES = "/api/v1/hourlies"


def euros(amount: Any) -> dict[str, Any]:
    return {"amount": amount, "currency": "EUR"}


def service(package_price: Any, extra_price: Any = None, currency: str = "GBP") -> dict[str, Any]:
    extras = [] if extra_price is None else [{"title": "Tests for the fix", "price": extra_price, "extra_days": 1}]
    return {
        "title": "A Django bug fixed",
        "description": "I find and fix one bug in your Django app.",
        "category": "web-software",
        "skills": ["django"],
        "currency": currency,
        "packages": [{"name": "Basic", "price": package_price, "delivery_days": 2}],
        "extras": extras,
    }


def publish(client: Client, body: dict[str, Any]) -> Any:
    return client.post(HOURLIES, body, content_type=JSON)


def edit(client: Client, hourlie_id: str, changes: dict[str, Any]) -> Any:
    return client.patch(f"{HOURLIES}/{hourlie_id}", changes, content_type=JSON)


def stored_prices() -> tuple[list[int], list[int]]:
    packages = HourliePackage.objects.order_by("position")
    return [p.price for p in packages], [e.price for e in HourlieExtra.objects.order_by("position")]


def nothing_made() -> bool:
    return not (Hourlie.objects.exists() or HourliePackage.objects.exists() or HourlieExtra.objects.exists())


@pytest.mark.parametrize("currency", ["GBP", "EUR"])
def test_prices_take_money_objects_in_the_services_currency(fred, client_for, currency):
    price = {"amount": 5_000, "currency": currency}
    made = publish(client_for(fred), service(price, price | {"amount": 2_500}, currency=currency))

    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["packages"][0]["price"], body["extras"][0]["price"]) == (price, price | {"amount": 2_500})
    assert stored_prices() == ([5_000], [2_500])


def test_a_bare_integer_price_still_works(fred, client_for):
    made = publish(client_for(fred), service(5_000, gbp(2_500)))

    assert made.status_code == 201, made.content
    assert stored_prices() == ([5_000], [2_500])


def test_a_price_in_another_currency_is_refused_by_name_and_nothing_is_made(fred, client_for):
    refused = publish(client_for(fred), service(gbp(5_000), euros(2_500)))
    assert list(fields_of(refused)) == ["extras.0.price.currency"]

    both = publish(client_for(fred), service(gbp(5_000), gbp(2_500), currency="USD"))
    assert set(fields_of(both)) == {"packages.0.price.currency", "extras.0.price.currency"}
    assert "USD" in both.json()["error"]["message"]
    assert nothing_made()


@pytest.mark.parametrize(
    ("body", "field"),
    [(service(bad), "packages.0.price") for bad in NOT_AMOUNTS[:3]]
    + [(service(gbp(bad)), "packages.0.price.amount") for bad in NOT_AMOUNTS]
    + [(service(5_000, bad), "extras.0.price") for bad in NOT_AMOUNTS[:3]]
    + [(service(5_000, gbp(bad)), "extras.0.price.amount") for bad in NOT_AMOUNTS],
)
def test_a_price_that_is_not_an_integer_is_refused_and_nothing_is_made(fred, client_for, body, field):
    assert field in fields_of(publish(client_for(fred), body))
    assert nothing_made()


def test_prices_above_the_cap_are_refused_and_the_schema_says_so(fred, client_for):
    doc = openapi()
    schema = body_schema(doc, HOURLIES)
    for path in (("packages", "items", "price"), ("extras", "items", "price")):
        price = field_schema(doc, schema, *path)
        assert money_maxima(doc, price) == {"object": server_cap(), "integer": server_cap()}, path
        assert deprecated_integer(doc, price), path

    too_much = server_cap() + 1
    for body in (service(gbp(too_much)), service(too_much), service(5_000, gbp(too_much)), service(5_000, too_much)):
        assert publish(client_for(fred), body).status_code == 400
    assert publish(client_for(fred), service(gbp(server_cap()))).status_code == 201


# ---- edits ------------------------------------------------------------------------------------------


@pytest.fixture
def published(fred, client_for) -> str:
    made = publish(client_for(fred), service(gbp(5_000), gbp(2_500)))
    assert made.status_code == 201, made.content
    return made.json()["id"]


def test_an_edit_takes_money_objects_in_the_services_currency(fred, client_for, published):
    changes = {"packages": [{"name": "Basic", "price": gbp(6_000), "delivery_days": 2}]}

    edited = edit(client_for(fred), published, changes)
    assert edited.status_code == 200, edited.content
    assert stored_prices() == ([6_000], [2_500])


def test_an_edit_in_another_currency_changes_nothing(fred, client_for, published):
    changes = {"title": "Renamed", "extras": [{"title": "Tests", "price": euros(3_000)}]}

    assert list(fields_of(edit(client_for(fred), published, changes))) == ["extras.0.price.currency"]
    moved = edit(client_for(fred), published, changes | {"currency": "EUR"})  # a new currency, priced in it
    assert moved.status_code == 200, moved.content
    assert (Hourlie.objects.get().title, stored_prices()) == ("Renamed", ([5_000], [3_000]))


@pytest.mark.parametrize("bad", NOT_AMOUNTS[:3])
def test_an_edit_with_a_price_that_is_not_an_integer_changes_nothing(fred, client_for, published, bad):
    changes = {"title": "Renamed", "packages": [{"name": "Basic", "price": bad, "delivery_days": 2}]}

    assert "packages.0.price" in fields_of(edit(client_for(fred), published, changes))
    assert (Hourlie.objects.get().title, stored_prices()) == ("A Django bug fixed", ([5_000], [2_500]))


def test_someone_elses_service_is_not_found_whatever_the_currency(olga, client_for, published):
    changes = {"packages": [{"name": "Basic", "price": euros(1), "delivery_days": 2}]}

    assert edit(client_for(olga), published, changes).status_code == 404
    assert stored_prices() == ([5_000], [2_500])


# ---- browsing and ordering ----------------------------------------------------------------------------


def test_the_max_price_filter_is_digits_only(client_for, published):
    # 5000.0 is the integer 5000 to JSON Schema, so a client may write it so; 5000.5 is not a whole number.
    for written in ("5000", "5000.0"):
        found = Client().get(HOURLIES, {"max_price": written})
        assert [item["id"] for item in found.json()["items"]] == [published]
    for bad in ("true", "1_000", " 5000", "5000.5", "5e3"):
        assert "max_price" in fields_of(Client().get(HOURLIES, {"max_price": bad})), bad


def test_an_order_takes_no_amount_of_its_own(clara, client_for, published):
    package = Hourlie.objects.get().packages.get()
    order = {"package": str(package.pk), "requirements": "The bug is in checkout.", "total": gbp(1)}
    refused = client_for(clara).post(f"{HOURLIES}/{published}/orders", order, content_type=JSON)
    assert list(fields_of(refused)) == ["total"]
