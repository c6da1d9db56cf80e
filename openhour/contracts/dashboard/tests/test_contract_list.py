"""The contracts list: all of a person's contracts on both sides, filtered by status and paged; never
anyone else's."""

import html
import re

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


def _link(page: str, rel: str) -> str | None:
    """The pager's "Newer" (prev) or "Older" (next) address, unescaped."""
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def test_a_long_list_is_paged_newer_and_older_and_keeps_its_filter(clara, fred, client_for):
    for n in range(PAGE_SIZE + 3):
        started(clara, fred, 10_000, title=f"Job {n:02d}")
    browser = client_for(clara)
    first = browser.get("/contracts?status=active").content.decode()
    assert "Job 22" in first and "Job 03" in first and "Job 02" not in first
    older = _link(first, "next")
    assert _link(first, "prev") is None and older and older.startswith("?status=active&")
    second = browser.get(f"/contracts{older}").content.decode()
    assert "Job 02" in second and "Job 00" in second and "Job 03" not in second
    newer = _link(second, "prev")
    assert _link(second, "next") is None and newer
    back = browser.get(f"/contracts{newer}").content.decode()
    assert "Job 22" in back and "Job 03" in back and "Job 02" not in back


def test_an_old_page_link_or_a_forged_cursor_shows_the_first_page(clara, fred, client_for):
    for n in range(PAGE_SIZE + 1):
        started(clara, fred, 10_000, title=f"Job {n:02d}")
    browser = client_for(clara)
    for query in ("?page=2", "?page=zzz", "?cursor=forged", "?status=ended&page=2"):
        answer = browser.get(f"/contracts{query}")
        assert answer.status_code == 200, query
    page = browser.get("/contracts?page=2").content.decode()
    assert "Job 20" in page and "Job 00" not in page and "Page 1 of" not in page


def test_pages_walk_both_sides_in_one_order_each_contract_once(clara, fred, client_for):
    """Clara hires Fred and Fred hires Clara, turn about: her pages interleave both sides, newest first, and
    walking Older to the end and Newer back to the start shows every contract once each way."""
    fred.is_client = clara.is_freelancer = True
    fred.save(update_fields=["is_client"])
    clara.save(update_fields=["is_freelancer"])
    made = [
        started(*((clara, fred) if n % 3 else (fred, clara)), 10_000, title=f"Job {n:02d}").title
        for n in range(2 * PAGE_SIZE + 5)
    ]
    browser = client_for(clara)

    def walk(start: str, rel: str) -> tuple[list[list[str]], str]:
        pages, query, last = [], start, ""
        while query is not None:
            last = browser.get(f"/contracts{query}").content.decode()
            pages.append(re.findall(r">(Job \d\d)</a>", last))
            query = _link(last, rel)
        return pages, last

    older, last = walk("", "next")
    assert [title for page in older for title in page] == made[::-1]
    assert [len(page) for page in older] == [PAGE_SIZE, PAGE_SIZE, 5]
    newer, _ = walk(_link(last, "prev") or "", "prev")
    assert newer == older[-2::-1]
