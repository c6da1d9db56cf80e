"""The dashboard tells each party what waits for them: Clara funds and reviews, Fred delivers and revises;
nobody sees the other's steps, and outsiders see none of the contract."""

import pytest

from openhour.contracts.dashboard.tests.kit import ask_for_changes, deliver, fund, started

pytestmark = pytest.mark.django_db


def test_signing_in_is_required(client, db):
    answer = client.get("/dashboard")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_clara_is_asked_to_fund_her_unfunded_milestone_and_not_shown_freds_steps(clara, fred, client_for, ledger_ok):
    contract = started(clara, fred, 30_000, 20_000)
    first, unfunded = contract.milestones.all()
    fund(first, clara)

    page = client_for(clara).get("/dashboard").content.decode()
    assert "Fund “Part 2” for Fred Freelancer" in page
    assert f'href="/contracts/{contract.pk}#fund-{unfunded.pk}"' in page
    assert "Fund “Part 1”" not in page  # already in escrow
    assert "Deliver “Part 1”" not in page  # Fred's step, not hers
    ledger_ok()


def test_fred_is_asked_to_deliver_then_to_revise(clara, fred, client_for, ledger_ok):
    contract = started(clara, fred, 30_000)
    milestone = contract.milestones.get()
    fund(milestone, clara)
    page = client_for(fred).get("/dashboard").content.decode()
    assert "Deliver “Part 1” to Clara Client" in page
    assert "Fund “Part 1”" not in page

    deliver(milestone, fred)
    page = client_for(fred).get("/dashboard").content.decode()
    assert "Deliver “Part 1”" not in page and "Nothing waits for you right now." in page

    ask_for_changes(milestone, clara)
    page = client_for(fred).get("/dashboard").content.decode()
    assert "Revise “Part 1” for Clara Client" in page
    assert "Review the delivery" not in page
    ledger_ok()


def test_clara_reviews_a_delivery_before_it_is_released_by_itself(clara, fred, client_for, settings, ledger_ok):
    settings.AUTO_RELEASE_DAYS = 14
    milestone = started(clara, fred, 30_000).milestones.get()
    fund(milestone, clara)
    deliver(milestone, fred)
    from openhour.contracts.services.delivery import release_due_at

    due = release_due_at(milestone)
    page = client_for(clara).get("/dashboard").content.decode()
    assert "Review the delivery of “Part 1” from Fred Freelancer" in page
    assert f"released to them automatically on {due:%-d %b %Y}" in page
    ledger_ok()


def test_the_most_urgent_action_comes_first(clara, fred, client_for, ledger_ok):
    later = started(clara, fred, 30_000, title="Later").milestones.get()
    sooner = started(clara, fred, 30_000, title="Sooner").milestones.get()
    later.due_on = later.due_on.replace(year=later.due_on.year + 1)
    later.save(update_fields=["due_on"])
    fund(later, clara)
    fund(sooner, clara)

    page = client_for(fred).get("/dashboard").content.decode()
    actions = page[page.index('id="actions-title"') : page.index("</section>")]
    assert actions.index(f"#work-{sooner.pk}") < actions.index(f"#work-{later.pk}")
    ledger_ok()


def test_olga_sees_none_of_their_contracts(clara, fred, olga, client_for):
    contract = started(clara, fred, 30_000, title="Secret rebrand")
    page = client_for(olga).get("/dashboard").content.decode()
    assert "Secret rebrand" not in page and f"/contracts/{contract.pk}" not in page
    assert "Nothing waits for you right now." in page
    assert "No active contracts yet." in page


def test_other_parts_of_contracts_add_their_actions_such_as_an_offer_to_answer(clara, fred, client_for):
    from openhour.contracts.models import Contract

    offer = started(clara, fred, 30_000, title="Landing page")
    Contract.objects.filter(pk=offer.pk).update(status=Contract.Status.OFFERED)  # as a direct offer waits

    assert "Answer the offer “Landing page” from Clara Client" in client_for(fred).get("/dashboard").content.decode()
    assert "Answer the offer" not in client_for(clara).get("/dashboard").content.decode()


def test_funding_says_when_a_contract_nothing_was_funded_on_is_cancelled(clara, fred, client_for, settings, ledger_ok):
    from datetime import timedelta

    from django.utils import timezone

    settings.UNFUNDED_CANCEL_DAYS = 30
    first, _second = started(clara, fred, 30_000, 20_000).milestones.all()
    cancel_on = timezone.localdate() + timedelta(days=30)
    page = client_for(clara).get("/dashboard").content.decode()
    assert f"unless something is funded, the contract is cancelled on {cancel_on:%-d %b %Y}" in page

    fund(first, clara)  # once money is in, the contract is no longer at risk
    page = client_for(clara).get("/dashboard").content.decode()
    assert "Fund “Part 2” for Fred Freelancer" in page and "the contract is cancelled" not in page
    ledger_ok()
