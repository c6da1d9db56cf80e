"""The way into a conversation from the work: "Message …" on a profile, a proposal and a contract opens the
conversation with that person, about that thing."""

import pytest

from openhour.jobs.tests.proposal_kit import post, send
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def test_contract_page_links_each_party_to_the_other(clara, fred, operator, client_for) -> None:
    contract = contract_between(clara, fred)
    about = f"?about=contract:{contract.pk}"
    assert f'href="/messages/with/fred{about}"' in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert f'href="/messages/with/clara{about}"' in client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    assert "/messages/with/" not in client_for(operator).get(f"/contracts/{contract.pk}").content.decode()


def test_proposal_page_links_client_and_freelancer(clara, fred, client_for) -> None:
    proposal = send(post(clara), fred)
    about = f"?about=proposal:{proposal.pk}"
    assert f'href="/messages/with/fred{about}"' in client_for(clara).get(f"/proposals/{proposal.pk}").content.decode()
    assert f'href="/messages/with/clara{about}"' in client_for(fred).get(f"/proposals/{proposal.pk}").content.decode()


def test_profile_links_signed_in_visitors_but_not_the_owner(clara, fred, client_for) -> None:
    assert 'href="/messages/with/fred"' in client_for(clara).get("/u/fred").content.decode()
    assert "/messages/with/" not in client_for(fred).get("/u/fred").content.decode()


def test_following_a_link_opens_the_conversation_about_it(clara, fred, client_for) -> None:
    contract = contract_between(clara, fred)
    opened = client_for(clara).get(f"/messages/with/fred?about=contract:{contract.pk}", follow=True)
    assert opened.status_code == 200 and opened.context["other"] == fred
    assert opened.context["form"].initial == {"about": f"contract:{contract.pk}"}
    again = client_for(fred).get("/messages/with/clara")
    assert again["Location"] == opened.redirect_chain[0][0].split("?")[0]  # the same, one conversation
