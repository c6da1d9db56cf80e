"""A card payment that stopped short of funding a milestone is explained to its payer on the contract page, and
only to its payer."""

import pytest
from django.test import Client

from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send
from openhour.money.services.payments import CardDeclined, milestone_card_fund

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(clara, fred):
    return proposal_accept(proposal_id=send(post(clara), fred).pk, by=clara)


def _page(user, contract) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/contracts/{contract.pk}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_payment_waiting_for_the_bank_is_explained_with_a_way_to_finish_it(clara, contract):
    milestone = contract.milestones.order_by("pk").first()
    payment = milestone_card_fund(milestone=milestone, by=clara, card_token="tok_3ds")
    page = _page(clara, contract)
    assert "is waiting for you" in page
    assert f"/payments/{payment.pk}/authenticate" in page


def test_a_refused_card_says_why_until_the_milestone_is_funded(clara, contract):
    milestone = contract.milestones.order_by("pk").first()
    with pytest.raises(CardDeclined):
        milestone_card_fund(milestone=milestone, by=clara, card_token="tok_declined")
    assert "insufficient funds" in _page(clara, contract)
    milestone_card_fund(milestone=milestone, by=clara, card_token="tok_visa")
    assert "did not go through" not in _page(clara, contract)


def test_the_freelancer_and_outsiders_are_not_told_about_the_clients_card(clara, fred, olga, contract):
    milestone = contract.milestones.order_by("pk").first()
    with pytest.raises(CardDeclined):
        milestone_card_fund(milestone=milestone, by=clara, card_token="tok_declined")
    assert "did not go through" not in _page(fred, contract)
    client = Client()
    client.force_login(olga)
    assert client.get(f"/contracts/{contract.pk}").status_code == 404
