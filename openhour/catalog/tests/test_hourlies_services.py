"""Hourlies: Fred (a verified freelancer) publishes services; Clara (a verified client) orders them.

Olga is another freelancer: she may not touch Fred's services. Una has not verified her address.
"""

from typing import Any

import pytest

from openhour.catalog.models import Hourlie, HourlieEvent, HourlieExtra, HourliePackage, Order, OrderEvent
from openhour.catalog.services import hourlies
from openhour.contracts.models import Contract, ContractEvent, Milestone
from openhour.lib.errors import Conflict, DomainError, EmailUnverified, InvalidInput, NotAllowed, NotFound
from openhour.money.fees import FEE_SCHEDULE_VERSION

pytestmark = pytest.mark.django_db


def service(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "A Django bug fixed",
        "description": "I find and fix one bug in your Django app.",
        "category": "web-software",
        "skills": ["django", "python"],
        "currency": "GBP",
        "packages": [
            {"name": "Basic", "price": 5000, "delivery_days": 2, "revisions": 1, "description": "One bug."},
            {"name": "Standard", "price": 12000, "delivery_days": 4, "revisions": 2, "description": "Three bugs."},
            {"name": "Premium", "price": 30000, "delivery_days": 7, "revisions": 3, "description": "Ten bugs."},
        ],
        "extras": [
            {"title": "Tests for the fix", "price": 2500, "extra_days": 1},
            {"title": "Same-day start", "price": 4000, "extra_days": 0},
        ],
    }
    return base | changes


def publish(freelancer, **changes: Any) -> Hourlie:
    return hourlies.hourlie_publish(freelancer=freelancer, **service(**changes))


def nothing_created() -> bool:
    return not (Hourlie.objects.exists() or HourliePackage.objects.exists() or HourlieExtra.objects.exists())


def test_a_freelancer_publishes_a_service_with_packages_and_extras(fred):
    hourlie = publish(fred)

    assert hourlie.status == Hourlie.Status.PUBLISHED
    assert [p.name for p in hourlie.packages.all()] == ["Basic", "Standard", "Premium"]
    assert [p.position for p in hourlie.packages.all()] == [0, 1, 2]
    assert [e.title for e in hourlie.extras.all()] == ["Tests for the fix", "Same-day start"]
    assert sorted(hourlie.skills.values_list("slug", flat=True)) == ["django", "python"]
    event = HourlieEvent.objects.get()
    assert (event.action, event.actor, event.by, event.to_status) == ("publish", "freelancer", fred, "published")


def test_one_package_and_no_extras_is_enough(fred):
    hourlie = publish(fred, packages=[{"name": "Only", "price": 100, "delivery_days": 1}], extras=[])
    assert hourlie.packages.get().revisions == 1


BAD = [
    ({"title": ""}, "title"),
    ({"category": "nope"}, "category"),
    ({"skills": ["no-such-skill"]}, "skills"),
    ({"currency": "XYZ"}, "currency"),
    ({"packages": []}, "packages"),
    ({"packages": [{"name": f"P{i}", "price": 100, "delivery_days": 1} for i in range(4)]}, "packages"),
    (
        {"packages": [{"name": "A", "price": 100, "delivery_days": 1}, {"name": "a", "price": 1, "delivery_days": 1}]},
        "packages.1.name",
    ),
    ({"packages": [{"name": "", "price": 100, "delivery_days": 1}]}, "packages.0.name"),
    (
        {"packages": [{"name": "A", "price": 100, "delivery_days": 1}, {"name": "B", "price": 0, "delivery_days": 1}]},
        "packages.1.price",
    ),
    ({"packages": [{"name": "A", "price": -5, "delivery_days": 1}]}, "packages.0.price"),
    ({"packages": [{"name": "A", "price": 100_000_001, "delivery_days": 1}]}, "packages.0.price"),
    ({"packages": [{"name": "A", "price": 100, "delivery_days": 0}]}, "packages.0.delivery_days"),
    ({"packages": [{"name": "A", "price": 100, "delivery_days": 366}]}, "packages.0.delivery_days"),
    ({"packages": [{"name": "A", "price": 100, "delivery_days": 1, "revisions": -1}]}, "packages.0.revisions"),
    (
        {"packages": [{"name": "A", "price": 100, "delivery_days": 1, "description": "x" * 2001}]},
        "packages.0.description",
    ),
    ({"extras": [{"title": f"E{i}", "price": 100} for i in range(11)]}, "extras"),
    ({"extras": [{"title": "", "price": 100}]}, "extras.0.title"),
    ({"extras": [{"title": "Fast", "price": 0}]}, "extras.0.price"),
    ({"extras": [{"title": "Slow", "price": 100, "extra_days": 400}]}, "extras.0.extra_days"),
]


@pytest.mark.parametrize(("changes", "field"), BAD)
def test_bad_input_names_the_field_and_creates_nothing(fred, changes, field):
    with pytest.raises(InvalidInput) as refused:
        publish(fred, **changes)

    assert field in refused.value.fields, refused.value.fields
    assert nothing_created()
    assert not HourlieEvent.objects.exists()


def test_only_verified_freelancers_publish(clara, una):
    with pytest.raises(NotAllowed):
        publish(clara)
    with pytest.raises(EmailUnverified):
        publish(una)
    assert nothing_created()


def test_the_owner_edits_packages_in_place(fred):
    hourlie = publish(fred)
    first = hourlie.packages.first()
    hourlies.hourlie_update(
        hourlie_id=hourlie.pk,
        by=fred,
        title="Django bugs fixed",
        packages=[{"name": "Quick", "price": 6000, "delivery_days": 1}],
    )

    hourlie.refresh_from_db()
    assert hourlie.title == "Django bugs fixed"
    assert [(p.pk, p.name, p.price) for p in hourlie.packages.all()] == [(first.pk, "Quick", 6000)]
    assert hourlie.extras.count() == 2  # untouched when not given


def test_others_cannot_edit_and_removed_ones_stay_removed(fred, olga):
    hourlie = publish(fred)
    with pytest.raises(NotFound):
        hourlies.hourlie_update(hourlie_id=hourlie.pk, by=olga, title="Mine now")
    hourlies.hourlie_remove(hourlie_id=hourlie.pk, by=fred)
    with pytest.raises(Conflict) as refused:
        hourlies.hourlie_update(hourlie_id=hourlie.pk, by=fred, title="Back")
    assert refused.value.code == "hourlie_removed"


def test_an_ordered_package_cannot_be_taken_away(fred, clara):
    hourlie = publish(fred)
    premium = hourlie.packages.last()
    hourlies.order_place(hourlie_id=hourlie.pk, client=clara, package=premium.pk, requirements="Ten bugs.")
    with pytest.raises(Conflict):
        hourlies.hourlie_update(hourlie_id=hourlie.pk, by=fred, packages=service()["packages"][:2])
    assert hourlie.packages.count() == 3


def test_pause_resume_remove_follow_the_table(fred, olga, operator):
    hourlie = publish(fred)
    assert hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=fred).status == "paused"
    with pytest.raises(Conflict) as refused:
        hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=fred)
    assert refused.value.code == "hourlie_paused"
    assert hourlies.hourlie_resume(hourlie_id=hourlie.pk, by=fred).status == "published"
    with pytest.raises(NotFound):
        hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=olga)
    with pytest.raises(NotAllowed):
        hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=operator)  # operators may only remove
    with pytest.raises(InvalidInput):
        hourlies.hourlie_remove(hourlie_id=hourlie.pk, by=operator)  # without a reason
    assert hourlies.hourlie_remove(hourlie_id=hourlie.pk, by=operator, note="Spam.").status == "removed"
    with pytest.raises(Conflict) as refused:
        hourlies.hourlie_resume(hourlie_id=hourlie.pk, by=fred)
    assert refused.value.code == "hourlie_removed"
    actions = list(HourlieEvent.objects.values_list("action", "actor"))
    assert actions == [
        ("publish", "freelancer"),
        ("pause", "freelancer"),
        ("publish", "freelancer"),
        ("remove", "operator"),
    ]


def test_an_order_opens_a_contract_with_one_milestone_for_the_total(fred, clara):
    hourlie = publish(fred)
    tests, same_day = hourlie.extras.all()
    order = hourlies.order_place(
        hourlie_id=hourlie.pk,
        client=clara,
        package="standard",
        extras=[tests.pk, str(same_day.pk)],
        requirements="  Our checkout page crashes on Safari.  ",
    )

    assert (order.status, order.total, order.currency, order.delivery_days) == ("awaiting_payment", 18500, "GBP", 5)
    assert order.package.name == "Standard"
    assert order.requirements == "Our checkout page crashes on Safari."
    assert set(order.extras.all()) == {tests, same_day}
    assert OrderEvent.objects.get().action == "place"
    contract = Contract.objects.get()
    assert order.contract == contract
    assert (contract.client, contract.freelancer, contract.currency) == (clara, fred, "GBP")
    assert contract.title == "A Django bug fixed — Standard"
    assert contract.fee_schedule_version == FEE_SCHEDULE_VERSION
    milestone = Milestone.objects.get()
    assert (milestone.amount, milestone.due_in_days, milestone.status) == (18500, 5, "awaiting_funding")
    event = ContractEvent.objects.get()
    assert (event.action, event.actor, event.by) == ("start", "client", clara)


def refused(fred, clara, **kwargs: Any) -> DomainError:
    args = {"package": "Basic", "extras": [], "requirements": "Fix it."} | kwargs
    with pytest.raises(DomainError) as caught:
        hourlies.order_place(client=args.pop("client", clara), **args)
    assert not Order.objects.exists() and not Contract.objects.exists() and not Milestone.objects.exists()
    return caught.value


def test_bad_orders_are_refused_and_leave_nothing_behind(fred, clara, una, olga):
    hourlie = publish(fred)
    other = publish(olga, title="Olga's service")
    pk = hourlie.pk

    assert refused(fred, clara, hourlie_id=pk, client=fred).status == 403  # not a client, and his own
    fred.is_client = True
    fred.save(update_fields=["is_client"])
    assert refused(fred, clara, hourlie_id=pk, client=fred).status == 403
    una.is_client = True
    assert refused(fred, clara, hourlie_id=pk, client=una).code == "email_unverified"
    assert refused(fred, clara, hourlie_id=pk, package="Gold").fields.keys() == {"package"}
    assert refused(fred, clara, hourlie_id=pk, package=other.packages.first().pk).fields.keys() == {"package"}
    assert refused(fred, clara, hourlie_id=pk, extras=[other.extras.first().pk]).fields.keys() == {"extras"}
    assert refused(fred, clara, hourlie_id=pk, extras=["x"]).fields.keys() == {"extras"}
    assert refused(fred, clara, hourlie_id=pk, requirements="  ").fields.keys() == {"requirements"}
    assert refused(fred, clara, hourlie_id="999999").status == 404
    assert refused(fred, clara, hourlie_id="nope").status == 404
    hourlies.hourlie_pause(hourlie_id=pk, by=fred)
    assert refused(fred, clara, hourlie_id=pk).code == "hourlie_paused"
    hourlies.hourlie_remove(hourlie_id=pk, by=fred)
    assert refused(fred, clara, hourlie_id=pk).code == "hourlie_removed"
