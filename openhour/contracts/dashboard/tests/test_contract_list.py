"""The contracts list: all of a person's contracts on both sides, filtered by status and paged; never
anyone else's."""

import pytest

from openhour.contracts.dashboard.tests.kit import fund, started
from openhour.contracts.dashboard.views import PAGE_SIZE
from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import contract_end

pytestmark = pytest.mark.django_db


def test_signing_in_is_required(client, db):
    answer = client.get("/contracts")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_both_parties_see_the_contract_with_the_other_party_and_what_escrow_holds(clara, fred, client_for, ledger_ok):
    contract = started(clara, fred, 30_000, 20_000, title="Shop redesign")
    fund(contract.milestones.first(), clara)

    claras = client_for(clara).get("/contracts").content.decode()
    freds = client_for(fred).get("/contracts").content.decode()
    link = f'<a href="/contracts/{contract.pk}">Shop redesign</a>'
    assert link in claras and link in freds
    assert "Fred Freelancer" in claras and "you hired them" in claras and "£300" in claras
    assert "Clara Client" in freds and "they hired you" in freds
    ledger_ok()


def test_olga_sees_none_of_their_contracts(clara, fred, olga, client_for):
    started(clara, fred, 30_000, title="Secret rebrand")
    page = client_for(olga).get("/contracts").content.decode()
    assert "Secret rebrand" not in page and "You have no contracts yet." in page


def test_the_status_filter_shows_active_offered_or_ended(clara, fred, client_for):
    active = started(clara, fred, 30_000, title="Running job")
    ended = started(clara, fred, 30_000, title="Finished job")
    contract_end(contract_id=ended.pk, by=clara)
    offered = started(clara, fred, 30_000, title="Offered job")
    Contract.objects.filter(pk=offered.pk).update(status=Contract.Status.OFFERED)  # as a direct offer waits
    browser = client_for(clara)

    def titles(query: str) -> set[str]:
        page = browser.get(f"/contracts{query}").content.decode()
        return {c.title for c in (active, ended, offered) if c.title in page}

    assert titles("") == {"Running job", "Finished job", "Offered job"}
    assert titles("?status=active") == {"Running job"}
    assert titles("?status=offered") == {"Offered job"}
    assert titles("?status=ended") == {"Finished job"}
    assert titles("?status=nonsense") == {"Running job", "Finished job", "Offered job"}
    assert (
        'href="/contracts?status=ended" aria-current="page"' in browser.get("/contracts?status=ended").content.decode()
    )


def test_a_long_list_is_paged_and_keeps_its_filter(clara, fred, client_for):
    for n in range(PAGE_SIZE + 3):
        started(clara, fred, 10_000, title=f"Job {n:02d}")
    browser = client_for(clara)
    first = browser.get("/contracts?status=active").content.decode()
    assert "Page 1 of 2" in first and "Job 22" in first and "Job 02" not in first
    assert 'href="?status=active&amp;page=2"' in first
    second = browser.get("/contracts?status=active&page=2").content.decode()
    assert "Job 02" in second and "Job 22" not in second
