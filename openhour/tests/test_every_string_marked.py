"""Every word of the interface goes through the catalogue. The key pages are rendered with a pseudo-catalogue
in place of ours, which writes each marked string in look-alike accented letters ("Sëñd"), while the libraries
keep their French. Any plain word of our English vocabulary left on a page is a string nobody marked: the test
names the page and the text. The pages' own data is written in accented letters too, so it cannot hide one."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.contracts.services.contracts import ContractTerms, MilestoneTerms, contract_start
from openhour.jobs.services.projects import project_post

LANGUAGE = "fr"  # the libraries' strings come out French, ours pseudo
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"(%\([^)]+\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]+>|&[#a-z0-9]+;)")
LOOK_ALIKES = str.maketrans("aeiouyAEIOUYcnsCNS", "áëíóúýÁËÍÓÚÝçñšÇÑŠ")
WORD = re.compile(r"[A-Za-z]{3,}")
# Names that are the same in every language.
PROPER = {
    "openhour",
    "hourlie",
    "hourlies",
    "paypal",
    "stripe",
    "iban",
    "bic",
    "sepa",
    "api",
    "csv",
    "pdf",
    "gbp",
    "eur",
    "usd",
    "url",
    "django",
    "python",
    "totp",
    "webauthn",
    "json",
    "english",  # the switcher names each language in itself: "English" in every interface
}


def pseudo(text: str) -> str:
    return "".join(
        part if PLACEHOLDER.fullmatch(part) else part.translate(LOOK_ALIKES) for part in PLACEHOLDER.split(text)
    )


def our_messages() -> list:
    with CATALOGUE.open("rb") as po:
        return [message for message in read_po(po) if message.id]


@pytest.fixture
def pseudo_catalogue(settings, tmp_path):
    catalogue = Catalog(locale=LANGUAGE)
    for message in our_messages():
        if isinstance(message.id, tuple):  # Babel's French has three plural forms: the last English one serves two
            forms = [message.id[min(form, 1)] for form in range(catalogue.num_plurals)]
            catalogue.add(message.id, tuple(pseudo(text) for text in forms), context=message.context)
        else:
            catalogue.add(message.id, pseudo(message.id), context=message.context)
    folder = tmp_path / LANGUAGE / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "django.mo").open("wb") as mo:
        write_mo(mo, catalogue)
    settings.LOCALE_PATHS = [tmp_path]


def english_vocabulary() -> set[str]:
    """The words of our msgids, less those the libraries' French also uses ("message", "date", "total")."""
    ours = {
        word.lower()
        for message in our_messages()
        for text in _texts(message.id)
        for word in WORD.findall(_outside(text))
    }
    with translation.override(LANGUAGE):
        french = translation.trans_real.translation(LANGUAGE)._catalog  # type: ignore[attr-defined]
        theirs = {word.lower() for _key, text in french.items() for word in WORD.findall(str(text))}
    return ours - theirs - PROPER


def _texts(msgid: str | tuple) -> tuple:
    return msgid if isinstance(msgid, tuple) else (msgid,)


def _outside(text: str) -> str:
    return PLACEHOLDER.sub(" ", text)


class VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes outside scripts and styles, and the labelling attributes.
    Code, keys, sample output and variables (a formula's `ageᵢ`, a path, a command) are the same in every
    language, so they are not read as words to translate."""

    SPOKEN = ("alt", "title", "placeholder", "aria-label", "aria-description")
    UNSPOKEN = ("script", "style", "svg", "code", "kbd", "samp", "var")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.UNSPOKEN:
            self._hidden += 1
        named = dict(attrs)
        self.texts += [named[name] for name in self.SPOKEN if named.get(name)]
        if tag == "input" and named.get("type") in ("submit", "button") and named.get("value"):
            self.texts.append(named["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.UNSPOKEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def english_left(html: str, vocabulary: set[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [text for text in parser.texts if {word.lower() for word in WORD.findall(text)} & vocabulary]


@pytest.fixture
def market(db):
    """A client, a freelancer and work between them, every text of theirs in accented letters."""
    client = make_user("zofie", name="Žófíë Ŋ", client=True)
    freelancer = make_user("jiri", name="Jíří Ž", freelancer=True)
    profile_update(
        user=freelancer,
        headline="Ŋŧëŕñ",
        bio="Žžž ŋŋŋ.",
        skills=["python"],
        hourly_rate=4500,
        rate_currency="GBP",
        country="FR",
        languages=["fr"],
    )
    project = project_post(
        client=client,
        title="Ŧíŧŕë ðú ƥŕójëŧ",
        description="Ðëšçŕíƥŧíóñ ŧŕèš çóúŕŧë.",
        category="web-software",
        skills=["python"],
        budget_min=100000,
        budget_max=250000,
        currency="GBP",
        deadline=timezone.localdate() + timedelta(days=20),
        max_proposals=15,
    )
    part = MilestoneTerms(title="Ƥŕëmíèŕë ƥáŕŧíë", amount=30_000, due_in_days=30)
    terms = ContractTerms(title="Ŧŕáváíl", currency="GBP")
    contract = contract_start(client=client, freelancer=freelancer, terms=terms, milestones=[part])
    return {"client": client, "freelancer": freelancer, "project": project, "contract": contract}


PUBLIC = [
    "/",
    "/projects",
    "/freelancers",
    "/hourlies",
    "/fees",
    "/trust/reviews",
    "/trust/levels",
    "/trust/transparency",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
CLIENT = [
    "/dashboard",
    "/projects/new",
    "/contracts",
    "/wallet",
    "/wallet/deposit",
    "/messages",
    "/notifications",
    "/me/profile",
    "/me/notifications",
    "/me/security",
    "/me/tokens",
]
FREELANCER = ["/feed", "/proposals", "/hourlies/new", "/wallet/payouts", "/wallet/payout-methods/new", "/me/portfolio"]


def pages_of(market: dict) -> list[tuple[str | None, str]]:
    people = [(None, path) for path in PUBLIC] + [("client", path) for path in CLIENT]
    people += [("freelancer", path) for path in FREELANCER]
    contract = reverse("contract_detail", args=[market["contract"].pk])
    people += [("client", contract), ("freelancer", contract)]
    people += [(None, reverse("project_detail", args=[market["project"].pk]))]
    return [*people, (None, reverse("public_profile", args=[market["freelancer"].username]))]


def test_no_page_shows_an_english_word_that_was_not_marked(pseudo_catalogue, market, client_for):
    vocabulary = english_vocabulary()
    found: dict[str, list[str]] = {}
    for who, path in pages_of(market):
        browser = client_for(market[who]) if who else Client()
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = LANGUAGE
        page = browser.get(path, follow=True)
        assert page.status_code == 200, (who, path, page.status_code)
        left = english_left(page.content.decode(), vocabulary)
        if left:
            found[f"{who or 'visitor'} {path}"] = left
    assert not found, "\n".join(f"{page}: {texts[:8]}" for page, texts in found.items())
