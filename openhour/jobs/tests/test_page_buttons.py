"""The project and proposal pages show the buttons `Project.TRANSITIONS` and `Proposal.TRANSITIONS` grant the
viewer's part, and nothing else: whoever must not see a button does not, and posting its action anyway is
refused (outsiders, who may not see the thing at all, are told it does not exist)."""

from typing import Any

import pytest

from openhour.jobs.services.proposals import proposal_shortlist, proposal_withdraw
from openhour.jobs.tests.proposal_kit import post, send

pytestmark = pytest.mark.django_db

REFUSED = (403, 409)
UNSEEN = (403, 404, 409)  # an outsider may also be told the proposal does not exist


def page(browser: Any, url: str) -> Any:
    answer = browser.get(url)
    assert answer.status_code == 200
    return answer


def test_the_freelancer_sees_only_withdraw_and_cannot_act_as_the_client(clara, fred, client_for):
    proposal = send(post(clara), fred)
    answer = page(client_for(fred), f"/proposals/{proposal.pk}")
    assert answer.context["actions"] == {"withdraw"}
    html = answer.content.decode()
    for action in ("accept", "shortlist", "decline"):
        assert f"/proposals/{proposal.pk}/{action}" not in html
        refused = client_for(fred).post(f"/proposals/{proposal.pk}/{action}", {"reason": "No"})
        assert refused.status_code in REFUSED, action


def test_the_client_sees_no_withdraw_and_cannot_withdraw(clara, fred, client_for):
    proposal = send(post(clara), fred)
    answer = page(client_for(clara), f"/proposals/{proposal.pk}")
    assert answer.context["actions"] == {"accept", "shortlist", "decline"}
    assert f"/proposals/{proposal.pk}/withdraw" not in answer.content.decode()
    assert client_for(clara).post(f"/proposals/{proposal.pk}/withdraw").status_code in REFUSED


def test_a_withdrawn_proposal_offers_the_client_nothing(clara, fred, client_for):
    proposal = send(post(clara), fred)
    proposal_withdraw(proposal_id=proposal.pk, by=fred)
    answer = page(client_for(clara), f"/proposals/{proposal.pk}")
    assert answer.context["actions"] == set()
    assert f"/proposals/{proposal.pk}/accept" not in answer.content.decode()
    assert client_for(clara).post(f"/proposals/{proposal.pk}/accept").status_code == 409


def test_the_list_offers_shortlisting_once(clara, fred, client_for):
    project = post(clara)
    proposal = send(project, fred)
    proposal_shortlist(proposal_id=proposal.pk, by=clara)
    answer = page(client_for(clara), f"/projects/{project.pk}/proposals")
    [(_shown, _fee, actions)] = answer.context["rows"]
    assert actions == {"accept", "decline"}
    assert f"/proposals/{proposal.pk}/shortlist" not in answer.content.decode()
    assert client_for(clara).post(f"/proposals/{proposal.pk}/shortlist").status_code == 409


def test_an_outsider_sees_no_proposal_button_and_is_refused(clara, fred, olga, client_for):
    proposal = send(post(clara), fred)
    for action in ("accept", "shortlist", "decline", "withdraw"):
        answer = client_for(olga).post(f"/proposals/{proposal.pk}/{action}", {"reason": "No"})
        assert answer.status_code in UNSEEN, action
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_only_the_owner_of_an_open_project_sees_close(clara, fred, olga, client_for):
    project = post(clara)
    assert page(client_for(clara), f"/projects/{project.pk}").context["actions"] == {"close"}
    for person in (fred, olga):
        answer = page(client_for(person), f"/projects/{project.pk}")
        assert answer.context["actions"] == set()
        assert f"/projects/{project.pk}/close" not in answer.content.decode()
        refused = client_for(person).post(f"/projects/{project.pk}/close", {"note": "mine now"})
        assert refused.status_code in UNSEEN
    project.refresh_from_db()
    assert project.status == "open"


def test_a_closed_project_offers_its_owner_no_close(clara, client_for):
    project = post(clara)
    assert client_for(clara).post(f"/projects/{project.pk}/close", {"note": "Done"}).status_code == 302
    answer = page(client_for(clara), f"/projects/{project.pk}")
    assert answer.context["actions"] == set()
    assert f"/projects/{project.pk}/close" not in answer.content.decode()
    assert client_for(clara).post(f"/projects/{project.pk}/close", {"note": "Again"}).status_code == 409
