"""The main journey in French, as a client in Lyon and a freelancer in Nantes live it: both sign up with a
French browser, the client posts a project, the freelancer proposes, the client hires her, pays the milestone
into escrow by card, she delivers, he releases the money and ends the contract, and both review each other.

Everything happens through the pages. At each step the test reads the French a person reads (headings,
buttons, confirmations, money written `1 234,50 €`), photographs the page at 1280 and 390 px, checks that it
fits the phone, and collects any word of our English interface left on it: the English vocabulary is every
word of our msgids that no French catalogue uses, as in openhour/tests/test_every_string_marked.py.
"""

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from openhour.tests.test_every_string_marked import PLACEHOLDER, PROPER, our_messages
from tests.browser.support import DESKTOP, PHONE, WIDER_THAN_SCREEN, ConsoleWatch
from tests.browser.test_german_phone_layout import OVERLAPPING

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Site vitrine pour notre boulangerie à Lyon"
MILESTONE = "Maquettes et site"
CLIENT_NAME = "Étienne Garnier"
FREELANCER_NAME = "Léa Moreau"
# Money as French is written: a narrow space between thousands, a comma before the cents, the sign after.
EUROS = r"\d{1,3}(?:\s\d{3})*(?:,\d{2})?\s€"
# The text a person reads or hears: text nodes (not scripts or styles) and the labelling attributes, less
# what is marked as another language (the switcher's "English", "Deutsch").
READ_TEXT = """() => {
  const page = document.documentElement.lang;
  const foreign = e => { const marked = e.closest('[lang]'); return marked && marked.lang !== page; };
  const texts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, svg, template') || foreign(parent)) continue;
    if (node.textContent.trim()) texts.push(node.textContent.trim());
  }
  for (const e of document.body.querySelectorAll('[alt], [title], [placeholder], [aria-label], input[type=submit]')) {
    if (foreign(e)) continue;
    for (const name of ['alt', 'title', 'placeholder', 'aria-label']) {
      if (e.getAttribute(name)) texts.push(e.getAttribute(name));
    }
    if (e.type === 'submit' && e.value) texts.push(e.value);
  }
  return texts;
}"""
WORD = re.compile(r"[A-Za-z]{3,}")
# Money the English way: the sign before the number ("€1,000") or a comma between thousands ("1,000.50").
ENGLISH_MONEY = re.compile(r"[£$€]\s?\d|\d,\d{3}(?!\d)")


def english_vocabulary() -> set[str]:
    """Every word of our msgids that no French translation (ours, Django's, the libraries') uses."""
    english = {
        word.lower()
        for message in our_messages()
        for text in (message.id if isinstance(message.id, tuple) else (message.id,))
        for word in WORD.findall(PLACEHOLDER.sub(" ", text))
    }
    with translation.override("fr"):
        catalogue = translation.trans_real.translation("fr")._catalog  # type: ignore[attr-defined]
        # The key "" is the catalogue's header ("Language: fr"), not a text anybody reads.
        french = {word.lower() for key, text in catalogue.items() if key for word in WORD.findall(str(text))}
    return english - french - PROPER


class Journey:
    """What the test notices along the way: the pages it photographed and the English it found on them."""

    def __init__(self, shoot) -> None:
        self.shoot = shoot
        self.vocabulary = english_vocabulary()
        self.english: dict[str, list[str]] = {}
        self.too_wide: list[str] = []
        self.overlapping: list[str] = []
        self.console = ConsoleWatch()  # a console error (a CSP refusal, a script error) on any page fails the test

    def step(self, page: Page, name: str) -> None:
        """Read the page for English, photograph it at both widths, check it fits a phone and no text covers other
        text."""
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "fr", f"{name} is not served in French"
        left = [text for text in page.evaluate(READ_TEXT) if self.reads_english(text)]
        if left:
            self.english[f"{name} ({page.url})"] = left
        self.shoot(page, f"fr-{name}")
        self.overlapping += [f"{name}: {overlap}" for overlap in page.evaluate(OVERLAPPING)]
        page.set_viewport_size(PHONE)
        if page.evaluate("document.scrollingElement.scrollWidth") > PHONE["width"]:
            self.too_wide.append(f"{name}: {page.evaluate(WIDER_THAN_SCREEN)}")
        self.overlapping += [f"{name} at 390 px: {overlap}" for overlap in page.evaluate(OVERLAPPING)]
        self.shoot(page, f"fr-{name}-390")
        page.set_viewport_size(DESKTOP)

    def reads_english(self, text: str) -> bool:
        return bool({word.lower() for word in WORD.findall(text)} & self.vocabulary) or bool(ENGLISH_MONEY.search(text))

    def assert_french_throughout(self) -> None:
        english = [f"{where}: {texts[:10]}" for where, texts in self.english.items()]
        problems = {
            "Pages wider than a phone": self.too_wide,
            "Text drawn over other text": self.overlapping,
            "English left on French pages": english,
        }
        assert not any(problems.values()), "\n".join(
            f"{title}:\n  " + "\n  ".join(found) for title, found in problems.items() if found
        )


def said(page: Page) -> str:
    """The page's text with every kind of space (French puts narrow no-break ones in numbers) as one."""
    return re.sub(r"\s+", " ", page.locator("main").inner_text())


def verification_link(mail_dir: Path, to: str) -> tuple[str, str]:
    """The subject and first link of the newest message to `to`."""
    mails = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(mail_dir.glob("*.eml"))]
    message = [mail for mail in mails if to in str(mail["To"])][-1]
    body = message.get_body(preferencelist=("plain", "html"))
    assert body is not None
    found = re.search(r"https?://[^\s\"'<>]+", body.get_content())
    assert found, "no link in the verification e-mail"
    return str(message["Subject"]), found.group(0)


def sign_up(browser: Browser, live_server, mail_dir: Path, *, name: str, email: str, role: str, journey) -> Page:
    """A French browser (Accept-Language: fr-FR) signs up through the form and follows the e-mail's link."""
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = journey.console.watch(context.new_page())
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Votre nom").fill(name)
    with translation.override("fr"):  # the sign-up page's own words, as our catalogue says them
        email_label, create = translation.gettext("E-mail"), translation.gettext("Create my account")
    page.get_by_label(email_label, exact=True).fill(email)
    page.get_by_label("Mot de passe").fill("une-phrase-de-passe-assez-longue")
    page.get_by_label(role).check()
    page.locator("#id_accept_terms").check()
    journey.step(page, f"signup-{email.split('@')[0]}")
    page.get_by_role("button", name=create).click()
    expect(page.get_by_role("link", name="Mon profil")).to_be_visible()
    subject, link = verification_link(mail_dir, email)
    assert not journey.reads_english(subject), f"the verification e-mail is titled {subject!r}"
    page.goto(link)  # the link verifies on GET
    return page


def test_a_french_client_and_freelancer_go_from_sign_up_to_reviews(
    browser: Browser, live_server, settings, tmp_path, shoot
):
    from openhour.accounts.models import User
    from openhour.money import ledger

    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "openhour.lib.mail.FilePerMessageBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    journey = Journey(shoot)

    # 1. Both sign up with a French browser; each keeps French as their language.
    client = sign_up(
        browser,
        live_server,
        tmp_path / "mail",
        name=CLIENT_NAME,
        email="etienne@example.fr",
        role="Client\u00a0: je veux embaucher",
        journey=journey,
    )
    freelancer = sign_up(
        browser,
        live_server,
        tmp_path / "mail",
        name=FREELANCER_NAME,
        email="lea@example.fr",
        role="Freelance\u00a0: je veux travailler",
        journey=journey,
    )
    assert {user.language for user in User.objects.filter(email__endswith="@example.fr")} == {"fr"}

    # 2. The client posts a project.
    client.goto(f"{live_server.url}/projects/new")
    expect(client.get_by_role("heading", level=1)).to_have_text("Publier un projet")
    client.get_by_label("Titre").fill(TITLE)
    client.get_by_label("Description").fill(
        "Une page d’accueil, la carte des pains et les horaires ; nos clients commandent leurs brioches en ligne."
    )
    client.get_by_label("Catégorie").select_option("web-software")
    client.get_by_label("Prix fixe").check()
    client.get_by_label("Budget à partir de").fill("1000")
    client.get_by_label("Budget jusqu’à").fill("1500")
    client.get_by_label("Devise").select_option("EUR")
    client.get_by_label("Public\u00a0: n’importe quel freelance peut le trouver").check()
    journey.step(client, "project-form")
    client.get_by_role("button", name="Publier le projet").click()
    expect(client.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(client.get_by_text("Votre projet est publié.", exact=False)).to_be_visible()
    assert re.search(rf"{EUROS}\s?–\s?{EUROS}", said(client)), said(client)
    project_url = client.url
    journey.step(client, "project-posted")

    # 3. The freelancer finds it among the missions and sends a proposal.
    freelancer.goto(live_server.url)
    freelancer.get_by_role("navigation", name="Principal").get_by_role("link", name="Trouver des missions").click()
    freelancer.get_by_role("link", name=TITLE).click()
    freelancer.get_by_role("button", name="Envoyer une proposition").click()
    expect(freelancer.get_by_role("heading", name="Envoyer une proposition")).to_be_visible()
    freelancer.get_by_label("Lettre de motivation").fill(
        "J’ai réalisé les sites de deux boulangeries lyonnaises : je commence par les maquettes, puis le site."
    )
    freelancer.get_by_label("Votre prix").fill("1234.50")
    freelancer.get_by_label("Délai de livraison en jours").fill("21")
    row = freelancer.locator(".milestone-row").first
    row.get_by_label("Jalon").fill(MILESTONE)
    row.get_by_label("Montant").fill("1234.50")
    row.get_by_label("Échéance (jours)").fill("21")
    freelancer.get_by_role("button", name="Voir les frais").click()
    breakdown = freelancer.get_by_role("region", name="Détail des frais")
    expect(breakdown).to_contain_text(re.compile(r"Votre prix\s*1\s234,50\s€"))
    expect(breakdown).to_contain_text(re.compile(r"Vous recevez\s*1\s070,04\s€"))
    journey.step(freelancer, "proposal-form")
    freelancer.get_by_role("button", name="Envoyer la proposition").click()
    expect(freelancer.get_by_text("Votre proposition est envoyée. Le client en sera informé.")).to_be_visible()
    expect(freelancer.get_by_role("heading", name=f"Proposition de {FREELANCER_NAME}")).to_be_visible()
    journey.step(freelancer, "proposal-sent")

    # 4. The client reads the proposal and hires her.
    client.goto(project_url)
    client.get_by_role("link", name="1 proposition").click()
    expect(client.get_by_role("heading", name="Propositions")).to_be_visible()
    journey.step(client, "proposals")
    client.locator(".proposal-card").get_by_role("link", name=FREELANCER_NAME).click()
    expect(client.get_by_role("heading", name=f"Proposition de {FREELANCER_NAME}")).to_be_visible()
    journey.step(client, "proposal")
    client.get_by_role("button", name="Embaucher").click()
    journey.step(client, "hire-confirm")
    client.get_by_role("button", name=f"Confirmer et embaucher {FREELANCER_NAME}").click()
    expect(
        client.get_by_text(f"Vous avez embauché {FREELANCER_NAME}. Financez le premier jalon pour lancer le travail.")
    ).to_be_visible()
    expect(client.get_by_role("row", name=re.compile(rf"{MILESTONE}\s+1\s234,50\s€"))).to_be_visible()
    contract_url = client.url
    journey.step(client, "contract")

    # 5. He pays the milestone into escrow with the sandbox card.
    fund = client.get_by_role("region", name=f"Financer «\u00a0{MILESTONE}\u00a0»")
    fund.get_by_label("Une carte").check()
    fund.get_by_label("Carte", exact=True).select_option("tok_visa")
    pay = fund.get_by_role("button", name=re.compile(rf"^Payer {EUROS} sous séquestre$"))
    total = re.search(EUROS, pay.inner_text())
    assert total, pay.inner_text()
    pay.click()
    expect(client.get_by_role("heading", level=1)).to_contain_text(f"sous séquestre pour «\u00a0{MILESTONE}\u00a0»")
    journey.step(client, "fund-confirm")
    client.get_by_role("button", name=f"Confirmer et payer {total.group(0)}").click()
    expect(client.get_by_text("Le jalon est financé\u00a0: l’argent est en sécurité sous séquestre.")).to_be_visible()
    journey.step(client, "funded")

    # 6. She delivers.
    freelancer.goto(contract_url)
    work = freelancer.get_by_role("region", name=f"Travail sur «\u00a0{MILESTONE}\u00a0»")
    work.get_by_label("Ce que vous livrez").fill("Les maquettes validées et le site en ligne, avec la carte des pains.")
    journey.step(freelancer, "deliver")
    work.get_by_role("button", name="Livrer").click()
    expect(freelancer.get_by_text("Livré. Le client examine maintenant la livraison.")).to_be_visible()
    journey.step(freelancer, "delivered")

    # 7. He approves and releases the money, then ends the contract.
    client.reload()
    release = client.get_by_role("region", name=f"Libérer «\u00a0{MILESTONE}\u00a0»")
    release.get_by_role("button", name="Approuver et libérer 1\u202f234,50\u00a0€").click()
    journey.step(client, "release-confirm")
    client.get_by_role("button", name="Confirmer et libérer 1\u202f234,50\u00a0€").click()
    expect(client.get_by_text("Libéré\u00a0: l’argent est en route.")).to_be_visible()
    journey.step(client, "released")
    client.get_by_text("Mettre fin à ce contrat").click()
    client.get_by_role("button", name="Mettre fin au contrat").click()
    expect(client.get_by_text("Le contrat est terminé.")).to_be_visible()
    journey.step(client, "ended")

    # 8. Both review each other; the second review publishes both.
    client.get_by_role("region", name="Avis").get_by_role("button", name="Rédiger votre avis").click()
    expect(client.get_by_role("heading", name=f"Évaluer {FREELANCER_NAME}", level=1)).to_be_visible()
    write_review(
        client,
        stars=["Note globale", "Qualité du travail", "Communication", "Expertise", "Respect des délais"],
        again="Embaucherait de nouveau",
        went_well="Léa a livré un site soigné, en avance, et a tout expliqué clairement.",
        journey=journey,
        name="review-client",
    )
    expect(client.get_by_text("Votre avis reste sous scellé", exact=False)).to_be_visible()
    journey.step(client, "review-sealed")

    freelancer.goto(contract_url)
    freelancer.get_by_role("region", name="Avis").get_by_role("button", name="Rédiger votre avis").click()
    expect(freelancer.get_by_role("heading", name=f"Évaluer {CLIENT_NAME}", level=1)).to_be_visible()
    write_review(
        freelancer,
        stars=["Note globale", "Clarté du cahier des charges", "Communication", "Rapidité de paiement"],
        again="Retravaillerait pour ce client",
        went_well="Un cahier des charges précis et un paiement le jour même de la livraison.",
        journey=journey,
        name="review-freelancer",
    )
    expect(freelancer.get_by_text("Les deux avis sont arrivés\u00a0: ils sont publiés dès maintenant.")).to_be_visible()
    journey.step(freelancer, "reviews-published")

    # The money adds up: the freelancer has what the fee preview told her she would receive, and the ledger balances.
    lea = User.objects.get(email="lea@example.fr")
    assert ledger.wallet(owner=lea, currency="EUR").balance == 107_004
    call_command("ledger_check")
    for page in (client, freelancer):
        page.context.close()
    journey.console.assert_clean()
    journey.assert_french_throughout()


def write_review(page: Page, *, stars: list[str], again: str, went_well: str, journey, name: str) -> None:
    """Five stars for each criterion in `stars` (the rest left at four), yes to `again`, and submit."""
    form = page.locator("form").filter(has=page.get_by_role("button", name="Envoyer votre avis"))
    for group in form.get_by_role("group").all():
        legend = group.locator("legend").inner_text().strip()
        if legend == again:
            group.get_by_label("Oui", exact=True).check()
        elif group.get_by_label("5 étoiles", exact=True).count():
            group.get_by_label("5 étoiles" if legend in stars else "4 étoiles", exact=True).check()
    form.get_by_label("Ce qui s'est bien passé").fill(went_well)
    journey.step(page, name)
    form.get_by_role("button", name="Envoyer votre avis").click()
