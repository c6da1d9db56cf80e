"""German on a phone: German words are long ("Auszahlungsmethode", "Dienstleistungsgebühr") and people write
longer ones still into their titles. At 390 px wide, each key page in German fits the screen, no text sticks
out of its button, link, label or table cell, and a compound word too long for the line breaks (hyphenated
by the page's `lang`) instead of pushing the page sideways."""

import pytest
from playwright.sync_api import Browser

from tests.browser.support import PHONE, WIDER_THAN_SCREEN, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One word longer than a phone's line in a heading, as people really write them.
LONG_WORD = "Kundenzufriedenheitsbefragungsauswertungsplattform"
PROJECT = f"{LONG_WORD} für unsere Bäckereifilialen in Leipzig"
# Whether an element is hidden on purpose: clipped to nothing for screen readers only, or folded away.
HIDDEN = """const hidden = e => {
  if (!e.checkVisibility({visibilityProperty: true})) return true;
  for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).clip !== 'auto') return true;
};"""
# Text that sticks out of the box that holds it: buttons, links in the bar, labels, table cells, badges, headings.
CLIPPED = f"""(() => {{ {HIDDEN}
  const boxes = 'button, [role=button], summary, header a, nav a, label, th, td, dt, dd, .badge, h1, h2, h3, legend';
  return [...document.querySelectorAll(boxes)]
    .filter(e => !hidden(e) && e.clientWidth > 1 && getComputedStyle(e).display !== 'inline')
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${{e.tagName}} "${{e.textContent.trim().slice(0, 60)}}": ${{e.scrollWidth}}px in ${{e.clientWidth}}`);
}})()"""
# Lines of text drawn over one another (each text node's line boxes, compared with every other node's).
OVERLAPPING = f"""(() => {{ {HIDDEN}
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    if (!node.textContent.trim() || hidden(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) if (box.width > 2 && box.height > 2) lines.push({{box, node}});
  }}
  const crossing = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 3
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 3;
  const found = new Set();
  lines.forEach((a, i) => lines.slice(i + 1).forEach(b => {{
    if (a.node !== b.node && crossing(a.box, b.box))
      found.add(`"${{a.node.textContent.trim().slice(0, 30)}}" over "${{b.node.textContent.trim().slice(0, 30)}}"`);
  }}));
  return [...found].slice(0, 5);
}})()"""


@pytest.fixture
def markt(clara, fred):
    """Clara and Fred read German; Clara's project (with a very long word in its title) became a funded
    contract with Fred, who has money to withdraw and a bank account to send it to."""
    from openhour.accounts.services import profile_update
    from openhour.contracts.models import Contract
    from openhour.jobs.services.proposals import proposal_accept
    from openhour.jobs.tests.proposal_kit import post, send
    from openhour.money.payouts.methods import payout_method_add
    from openhour.money.tests.kit import top_up

    for person in (clara, fred):
        person.language = "de"
        person.save(update_fields=["language"])
    profile_update(
        user=fred,
        headline="Softwareentwicklungsdienstleistungen für Lebensmittelhandwerksbetriebe",
        bio="Ich baue Bestellsysteme für Bäckereien, Konditoreien und Fleischereien.",
        country="DE",
        languages=["de"],
    )
    project = post(clara, title=PROJECT, currency="EUR")
    proposal_accept(proposal_id=send(project, fred).pk, by=clara)
    top_up(clara, 150_000, currency="EUR")
    top_up(fred, 80_000, currency="EUR")
    payout_method_add(
        owner=fred,
        kind="bank_transfer",
        details={"account_holder": "Fred Freelancer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
    )
    return {"project": project, "contract": Contract.objects.get(client=clara)}


def _pages(markt) -> dict[str, tuple[str, str | None]]:
    """name -> (path, who is signed in: None for a visitor with the German cookie)."""
    return {
        "home": ("/", None),
        "projects": ("/projects", None),
        "project": (f"/projects/{markt['project'].pk}", "fred"),
        "post-a-project": ("/projects/new", "clara"),
        "dashboard": ("/dashboard", "clara"),
        "contract": (f"/contracts/{markt['contract'].pk}", "clara"),
        "contract-freelancer": (f"/contracts/{markt['contract'].pk}", "fred"),
        "wallet": ("/wallet", "fred"),
        "payout": ("/wallet/payouts/new", "fred"),
        "payout-method": ("/wallet/payout-methods/new", "fred"),
        "profile": ("/u/fred", None),
        "profile-edit": ("/me/profile", "fred"),
        "signup": ("/accounts/signup/", None),
    }


def test_german_pages_fit_a_phone_and_long_words_wrap(browser: Browser, live_server, markt, clara, fred, shoot):
    from django.conf import settings

    people = {"clara": clara, "fred": fred}
    contexts = {}
    failures = []
    for name, (path, who) in _pages(markt).items():
        if who not in contexts:
            contexts[who] = browser.new_context(viewport=PHONE)
            if who:
                sign_in(contexts[who], live_server.url, people[who])
            else:
                contexts[who].add_cookies(
                    [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "de", "url": live_server.url}]
                )
        page = contexts[who].new_page()
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "de", f"{path} is not served in German"
        shoot(page, f"de-{name}-390")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > page.evaluate("window.innerWidth"):
            failures.append(f"{path} is {width}px wide: {page.evaluate(WIDER_THAN_SCREEN)}")
        failures += [f"{path}: {clipped}" for clipped in page.evaluate(CLIPPED)]
        failures += [f"{path}: {overlap}" for overlap in page.evaluate(OVERLAPPING)]
        menu = page.locator(".nav-menu > summary")
        if menu.is_visible():  # the navigation folded behind the Menu button, opened
            menu.click()
            failures += [f"{path}, menu open: {clipped}" for clipped in page.evaluate(CLIPPED)]
            shoot(page, f"de-{name}-menu-390", full_page=False)
        page.close()
    for context in contexts.values():
        context.close()
    assert not failures, "\n".join(failures)


def test_a_word_longer_than_the_line_breaks_inside_its_heading(page, live_server, markt, fred, shoot):
    """Hyphenated where the browser has a German dictionary (Chrome on a phone; Debian's Chromium without its
    component updates has none), broken at the edge everywhere else: never past it."""
    sign_in(page.context, live_server.url, fred)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects/{markt['project'].pk}")
    heading = page.get_by_role("heading", level=1)
    style = heading.evaluate("h => [getComputedStyle(h).hyphens, getComputedStyle(h).overflowWrap]")
    assert style[0] == "auto" and style[1] in ("break-word", "anywhere"), style
    box = heading.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    assert heading.evaluate("h => h.scrollWidth <= h.clientWidth"), "the title sticks out of its heading"
    shoot(page, "de-long-word-390", full_page=False)
