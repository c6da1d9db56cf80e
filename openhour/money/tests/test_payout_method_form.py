"""The payout-method form asks for one kind at a time: the kind is a radio choice, and only the chosen kind's
fields are read and checked, whatever was left in the others."""

import pytest

from openhour.money.models import PayoutMethod

pytestmark = pytest.mark.django_db


def test_the_kind_is_a_radio_choice_with_each_kinds_fields_in_its_own_group(fred, client_for):
    html = client_for(fred).get("/wallet/payout-methods/new").content.decode()
    assert html.count('type="radio" name="kind"') == 3
    for kind in ("bank_transfer", "paypal", "wire"):
        assert f'<fieldset id="fields-{kind}" class="method-fields">' in html


def test_junk_left_in_another_kinds_fields_is_ignored(fred, client_for):
    answer = client_for(fred).post(
        "/wallet/payout-methods/new",
        {"kind": "paypal", "paypal_email": "fred@example.com", "bank_iban": "x" * 300, "wire_country": "nowhere"},
    )
    assert answer.status_code == 302
    assert PayoutMethod.objects.get().details == {"email": "fred@example.com"}


def test_the_chosen_kinds_own_fields_are_still_checked(fred, client_for):
    answer = client_for(fred).post("/wallet/payout-methods/new", {"kind": "paypal", "paypal_email": "x" * 300})
    assert answer.status_code == 400
    assert answer.context["form"].errors["paypal_email"]
    assert not PayoutMethod.objects.exists()


def test_the_confirmation_writes_the_date_as_every_page_does(fred, client_for):
    answer = client_for(fred).post(
        "/wallet/payout-methods/new", {"kind": "paypal", "paypal_email": "fred@example.com"}, follow=True
    )
    method = PayoutMethod.objects.get()
    from django.utils import timezone

    when = timezone.localtime(method.usable_from)
    assert f"you can use it from {when.day} {when:%b %Y}, {when:%H:%M}" in answer.content.decode()
