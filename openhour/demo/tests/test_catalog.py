"""Demo Hourlies: every demo service is valid, each demo freelancer gets theirs, and a second seed adds nothing."""

import pytest

from conftest import make_user
from openhour.catalog.models import Hourlie
from openhour.demo.catalog import HOURLIES, seed_hourlies
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.people import EMAIL_DOMAIN

pytestmark = pytest.mark.django_db


def test_the_demo_services_are_published_once(django_assert_max_num_queries):
    for person in FREELANCERS:
        user = make_user(person.username, name=person.name, freelancer=True)
        user.email = f"{person.username}@{EMAIL_DOMAIN}"
        user.save(update_fields=["email"])
    make_user("priya-nair-impostor", name="Not a demo account", freelancer=True)

    first = seed_hourlies()

    assert first.created == first.present == len(HOURLIES) >= 30
    assert Hourlie.objects.filter(status="published").count() == len(HOURLIES)
    assert {h.freelancer.username for h in Hourlie.objects.select_related("freelancer")} == {
        p.username for p in FREELANCERS
    }
    gbp = Hourlie.objects.get(title="I will fix one bug in your Django app")
    assert (gbp.currency, gbp.packages.first().price) == ("GBP", 9000)
    with django_assert_max_num_queries(3):
        second = seed_hourlies()
    assert (second.created, second.present) == (0, len(HOURLIES))


def test_accounts_that_are_not_demo_accounts_are_left_alone():
    make_user("priya-nair", name="Someone else", freelancer=True)
    seed_hourlies()
    assert not Hourlie.objects.filter(freelancer__username="priya-nair").exists()
