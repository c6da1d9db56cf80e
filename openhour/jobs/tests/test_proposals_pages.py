"""Proposal pages: the project page's proposal box, the form (works without JavaScript), the client's
list with sort and actions, and a proposal's own page. Outsiders get 404; the wrong role 403."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.jobs.models import Proposal
from openhour.jobs.services.projects import project_close
from openhour.jobs.tests.proposal_kit import post, send

pytestmark = pytest.mark.django_db


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "cover_letter": "I have built many shops like this one.",
        "price": "600",
        "delivery_days": "14",
        "m-TOTAL_FORMS": "3",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "20",
        "m-0-title": "Design",
        "m-0-amount": "250",
        "m-0-due_in_days": "7",
        "m-1-title": "Build",
        "m-1-amount": "350",
        "m-1-due_in_days": "14",
        "m-2-title": "",
        "m-2-amount": "",
        "m-2-due_in_days": "",
        "action": "send",
    }
    return data | changes


def test_the_project_page_offers_a_proposal_then_shows_its_status(clara, fred, client_for):
    project = post(clara)
    page = client_for(fred).get(f"/projects/{project.pk}").content.decode()
    assert "Send a proposal" in page
    send(project, fred)
    page = client_for(fred).get(f"/projects/{project.pk}").content.decode()
    assert "Your proposal: Submitted" in page
    assert "Send a proposal" not in page
    owner_page = client_for(clara).get(f"/projects/{project.pk}").content.decode()
    assert "1 proposal" in owner_page
    assert "Send a proposal" not in owner_page


def test_the_form_shows_the_allowance_and_previews_the_fee(clara, fred, client_for):
    project = post(clara)
    url = f"/projects/{project.pk}/propose"
    page = client_for(fred).get(url).content.decode()
    assert "15 of 15 left" in page

    preview = client_for(fred).post(url, form_data(action="preview"))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "The client pays" in text and "£630" in text and "£600" in text  # the work plus the client fee
    assert "£107.50" in text and "£492.50" in text
    assert not Proposal.objects.exists()


def test_add_another_milestone_reloads_with_one_more_row(clara, fred, client_for):
    project = post(clara)
    response = client_for(fred).post(f"/projects/{project.pk}/propose", form_data(action="add"))
    assert 'name="m-3-title"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_sending_from_the_form_ignores_empty_rows(clara, fred, client_for):
    project = post(clara)
    response = client_for(fred).post(f"/projects/{project.pk}/propose", form_data())
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/proposals/{proposal.pk}"
    assert [(m.title, m.amount) for m in proposal.milestones.all()] == [("Design", 25_000), ("Build", 35_000)]


def test_milestones_that_do_not_add_up_are_shown_on_the_form(clara, fred, client_for):
    project = post(clara)
    response = client_for(fred).post(f"/projects/{project.pk}/propose", form_data(**{"m-1-amount": "300"}))
    assert response.status_code == 400
    assert "add up to the price" in response.content.decode()
    assert not Proposal.objects.exists()


def test_who_may_not_propose_is_told_before_filling_in_the_form(clara, fred, una, client_for):
    project = post(clara)
    assert client_for(una).get(f"/projects/{project.pk}/propose").status_code == 403
    clara.is_freelancer = True
    clara.save()
    assert client_for(clara).get(f"/projects/{project.pk}/propose").status_code == 403
    project_close(project_id=project.pk, by=clara)
    assert client_for(fred).get(f"/projects/{project.pk}/propose").status_code == 409
    invite_only = post(clara, visibility="invite_only")
    assert client_for(fred).get(f"/projects/{invite_only.pk}/propose").status_code == 404


def test_the_client_lists_sorts_and_acts_on_proposals(clara, fred, olga, client_for):
    project = post(clara)
    fred_one, olga_one = send(project, fred, price=90_000), send(project, olga, price=40_000)
    browser = client_for(clara)
    url = f"/projects/{project.pk}/proposals"

    page = browser.get(url, {"sort": "price"}).content.decode()
    assert page.index("Olga Outsider") < page.index("Fred Freelancer")
    page = browser.get(url).content.decode()
    assert page.index("Fred Freelancer") < page.index("Olga Outsider")  # Fred has the skills

    assert browser.post(f"/proposals/{fred_one.pk}/shortlist").status_code == 302
    browser.post(f"/proposals/{olga_one.pk}/decline", {"reason": "Too far away."})
    assert Proposal.objects.get(pk=olga_one.pk).decline_reason == "Too far away."
    asked = browser.post(f"/proposals/{fred_one.pk}/accept").content.decode()
    assert "Confirm and hire Fred Freelancer" in asked and "£900" in asked and "£945" in asked
    assert Proposal.objects.get(pk=fred_one.pk).status != "accepted"  # the first click hires nobody
    moved = browser.post(f"/proposals/{fred_one.pk}/accept", {"confirm": "yes", "pinned": "1"}).content.decode()
    assert "The freelancer changed the proposal since you looked" in moved  # a price other than the one shown
    assert Proposal.objects.get(pk=fred_one.pk).status != "accepted"
    response = browser.post(f"/proposals/{fred_one.pk}/accept", {"confirm": "yes"})
    contract = Proposal.objects.get(pk=fred_one.pk).contract
    assert response["Location"] == f"/contracts/{contract.pk}"
    again = browser.post(f"/proposals/{fred_one.pk}/accept", {"confirm": "yes"})  # a double click
    assert again["Location"] == f"/contracts/{contract.pk}"


def test_the_list_is_for_the_client_only(clara, fred, olga, client_for):
    project = post(clara)
    send(project, fred)
    for other in (fred, olga):
        assert client_for(other).get(f"/projects/{project.pk}/proposals").status_code == 404
    assert client_for(clara).get("/projects/999999/proposals").status_code == 404


def test_the_list_costs_the_same_queries_for_many_proposals(clara, client_for):
    project = post(clara)
    browser = client_for(clara)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            send(project, make_user(f"free{i}", name=f"Free {i}", freelancer=True))

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        browser.get(f"/projects/{project.pk}/proposals")
    add(8, 2)
    with CaptureQueriesContext(connection) as many:
        assert browser.get(f"/projects/{project.pk}/proposals").content.decode().count("proposal-card") == 10
    assert len(many) == len(few)


def test_the_client_opening_a_proposal_marks_it_read(clara, fred, olga, client_for):
    proposal = send(post(clara), fred)
    page = client_for(fred).get(f"/proposals/{proposal.pk}").content.decode()
    assert "You receive" in page and f"/proposals/{proposal.pk}/edit" in page
    assert client_for(olga).get(f"/proposals/{proposal.pk}").status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).viewed_at is None

    assert client_for(clara).get(f"/proposals/{proposal.pk}").status_code == 200

    assert Proposal.objects.get(pk=proposal.pk).viewed_at is not None
    page = client_for(fred).get(f"/proposals/{proposal.pk}").content.decode()
    assert f"/proposals/{proposal.pk}/edit" not in page
    assert client_for(fred).post(f"/proposals/{proposal.pk}/edit", form_data()).status_code == 409


def test_the_freelancer_edits_and_withdraws_from_the_pages(clara, fred, olga, client_for):
    proposal = send(post(clara), fred)
    browser = client_for(fred)
    assert "I have built many shops like this one." in browser.get(f"/proposals/{proposal.pk}/edit").content.decode()
    response = browser.post(f"/proposals/{proposal.pk}/edit", form_data(cover_letter="A better letter."))
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).cover_letter == "A better letter."
    assert client_for(olga).get(f"/proposals/{proposal.pk}/edit").status_code == 404
    assert client_for(clara).post(f"/proposals/{proposal.pk}/withdraw").status_code == 403
    browser.post(f"/proposals/{proposal.pk}/withdraw")
    assert Proposal.objects.get(pk=proposal.pk).status == "withdrawn"
    mine = browser.get("/proposals").content.decode()
    assert "Django shop" in mine and "Withdrawn" in mine


def test_the_form_shows_what_similar_work_goes_for(clara, fred, client_for):
    from openhour.accounts.services import profile_update

    for n, rate in enumerate([4000, 5000, 6000]):
        peer = make_user(f"peer{n}", name=f"Peer {n}", freelancer=True)
        profile_update(user=peer, skills=["django"], hourly_rate=rate, rate_currency="GBP")
    hourly, fixed = post(clara, budget_type="hourly", budget_min=3_000, budget_max=6_000), post(clara)

    page = client_for(fred).get(f"/projects/{hourly.pk}/propose").content.decode()
    assert "What similar work goes for" in page
    assert "median £47.50 (from 4 freelancers)" in page  # the three peers and Fred at £45

    page = client_for(fred).get(f"/projects/{fixed.pk}/propose").content.decode()
    assert "median £47.50" not in page  # hourly rates say nothing about a fixed price
    assert "Too few fixed-price projects in this category have been hired in GBP" in page


def test_the_client_sees_what_hiring_will_cost_with_the_client_fee(clara, fred, client_for):
    proposal = send(post(clara), fred)  # two milestones of £300
    page = client_for(clara).get(f"/proposals/{proposal.pk}").content.decode()
    assert "What you pay" in page and "£30" in page and "£630" in page  # 5% client service fee
    assert "What you pay" not in client_for(fred).get(f"/proposals/{proposal.pk}").content.decode()
