"""The dashboard's other sections: the active contracts with the other party, escrow and next due date;
the deadlines of the next two weeks with overdue ones flagged; and the two sides of a person who is both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.contracts.dashboard.tests.kit import fund, started
from openhour.contracts.services.contracts import contract_end

pytestmark = pytest.mark.django_db


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_an_active_contract_shows_the_other_party_escrow_and_next_due_date(clara, fred, client_for, ledger_ok):
    contract = started(clara, fred, 30_000, 20_000, title="Shop redesign")
    first, _second = contract.milestones.all()
    fund(first, clara)
    ended = started(clara, fred, 10_000, title="Old job")
    contract_end(contract_id=ended.pk, by=clara)

    active = _section(client_for(clara).get("/dashboard").content.decode(), "active-title")
    assert f'<a href="/contracts/{contract.pk}">Shop redesign</a>' in active
    assert "Freelancer: Fred Freelancer" in active and "£300" in active
    assert f"{first.due_on:%-d %b %Y}" in active  # the earliest milestone not yet delivered
    assert "Old job" not in active
    assert "Client: Clara Client" in client_for(fred).get("/dashboard").content.decode()
    ledger_ok()


def test_deadlines_list_funded_work_due_within_two_weeks_and_flag_overdue_work(clara, fred, client_for, ledger_ok):
    today = timezone.localdate()
    late, soon, far, unfunded = started(
        clara, fred, 10_000, 10_000, 10_000, 10_000, names=["Late", "Soon", "Far", "Unfunded"]
    ).milestones.all()
    for milestone, days in ((late, -3), (soon, 5), (far, 30), (unfunded, 1)):
        milestone.due_on = today + timedelta(days=days)
        milestone.save(update_fields=["due_on"])
    for milestone in (late, soon, far):
        fund(milestone, clara)

    for who in (clara, fred):
        deadlines = _section(client_for(who).get("/dashboard").content.decode(), "deadlines-title")
        assert "Overdue by 3 days" in deadlines and "in 5 days" in deadlines
        assert deadlines.index(">Late<") < deadlines.index(">Soon<")
        assert ">Far<" not in deadlines and ">Unfunded<" not in deadlines
    ledger_ok()


def test_someone_with_both_roles_switches_sides_starting_from_their_main_one(clara, fred, olga, client_for):
    fred.is_client = True
    fred.save(update_fields=["is_client"])
    started(clara, fred, 10_000, title="Work for Clara")
    started(clara, fred, 10_000, title="More work for Clara")
    started(fred, olga, 10_000, title="Fred hires Olga")
    browser = client_for(fred)

    main = browser.get("/dashboard").content.decode()  # two contracts as a freelancer, one as a client
    assert '<a href="?as=freelancer" aria-current="page">As a freelancer</a>' in main
    assert "Work for Clara" in _section(main, "active-title") and "Fred hires Olga" not in _section(
        main, "active-title"
    )
    assert "Earnings in" in main

    as_client = browser.get("/dashboard?as=client").content.decode()
    assert '<a href="?as=client" aria-current="page">As a client</a>' in as_client
    assert "Fred hires Olga" in _section(as_client, "active-title") and "Spend in" in as_client
    assert "Work for Clara" not in _section(as_client, "active-title")
    assert "Fund “Part 1” for Olga Outsider" in as_client  # what needs doing shows on either side

    assert 'aria-current="page">As a freelancer' in browser.get("/dashboard?as=nonsense").content.decode()
    assert "As a client" not in client_for(clara).get("/dashboard").content.decode()  # one side: no switch


def test_each_list_shows_the_most_pressing_few_and_links_to_the_rest(clara, fred, client_for, monkeypatch, ledger_ok):
    monkeypatch.setattr("openhour.contracts.dashboard.selectors.DASHBOARD_ITEMS", 2)
    today = timezone.localdate()
    for n, days in enumerate((9, 3, 6)):
        (milestone,) = started(clara, fred, 10_000, title=f"Job {n}", names=[f"Part of job {n}"]).milestones.all()
        milestone.due_on = today + timedelta(days=days)
        milestone.save(update_fields=["due_on"])
        fund(milestone, clara)

    page = client_for(fred).get("/dashboard").content.decode()
    active, deadlines, actions = (_section(page, name) for name in ("active-title", "deadlines-title", "actions-title"))
    assert "Job 2" in active and "Job 1" in active and "Job 0" not in active  # the newest two
    assert 'href="/contracts?status=active">All 3 active contracts</a>' in active
    assert deadlines.index(">Part of job 1<") < deadlines.index(">Part of job 2<") and "job 0" not in deadlines
    assert "More deadlines" in deadlines
    assert "Deliver “Part of job 1”" in actions and "Deliver “Part of job 2”" in actions
    assert "Part of job 0" not in actions and "more steps wait on your active contracts" in actions
    assert "more steps wait" not in client_for(clara).get("/dashboard").content.decode()  # nothing for her to do
    ledger_ok()
