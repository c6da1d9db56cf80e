"""The contract page in the reader's language and time zone: a French client reads `1 234,50 €` and
`6 déc. 2026`, a German one `1.234,50 €` and `6. Dez. 2026`, an English one the page as it always was; the
times are in the reader's zone. An amount a French freelancer types as `1 234,50` is 1,234.50."""

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from openhour.jobs.models import Proposal
from openhour.jobs.tests.proposal_kit import post
from openhour.jobs.tests.test_proposals_pages import form_data
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db
NNBSP, NBSP = "\u202f", "\u00a0"
STARTED = "2026-12-06 13:30Z"  # 14:30 in Paris and Berlin


def reading(person, language, client_for, zone="Europe/London"):
    """`person`'s browser, with their language chosen (the switcher's cookie) and their time zone set."""
    person.language, person.time_zone = language, zone
    person.save(update_fields=["language", "time_zone"])
    browser = client_for(person)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return browser


def contract_page(browser, contract, zone):
    with timezone.override(zone):  # what the person's time zone does to the page, whoever activates it
        return browser.get(f"/contracts/{contract.pk}").content.decode()


@time_machine.travel(STARTED, tick=False)
def test_a_french_client_reads_euros_and_dates_the_french_way(clara, fred, client_for):
    contract = contract_between(clara, fred, 123_450, currency="EUR")
    page = contract_page(reading(clara, "fr", client_for, "Europe/Paris"), contract, "Europe/Paris")
    assert f"1{NNBSP}234,50{NBSP}€" in page and "€1,234.50" not in page
    assert "6 déc. 2026" in page and "6 déc. 2026, 14:30" in page
    assert 'lang="fr" dir="ltr"' in page


@time_machine.travel(STARTED, tick=False)
def test_a_german_client_reads_euros_and_dates_the_german_way(clara, fred, client_for):
    contract = contract_between(clara, fred, 123_450, currency="EUR")
    page = contract_page(reading(clara, "de", client_for, "Europe/Berlin"), contract, "Europe/Berlin")
    assert f"1.234,50{NBSP}€" in page
    assert "6. Dez. 2026" in page and "6. Dez. 2026, 14:30" in page


@time_machine.travel(STARTED, tick=False)
def test_an_english_page_is_as_it_was(clara, fred, client_for):
    contract = contract_between(clara, fred, 123_450)
    page = contract_page(reading(clara, "en", client_for), contract, "UTC")
    assert "£1,234.50" in page and "6 Dec 2026" in page and "6 Dec 2026, 13:30" in page
    assert 'lang="en" dir="ltr"' in page


@time_machine.travel("2026-12-06 23:30Z", tick=False)
def test_times_are_shown_in_the_readers_time_zone(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    in_paris = contract_page(reading(clara, "en", client_for, "Europe/Paris"), contract, "Europe/Paris")
    assert "7 Dec 2026, 00:30" in in_paris  # already tomorrow in Paris
    in_london = contract_page(reading(fred, "en", client_for), contract, "Europe/London")
    assert "6 Dec 2026, 23:30" in in_london and "7 Dec 2026, 00:30" not in in_london


def test_a_french_freelancer_types_his_price_the_french_way(clara, fred, client_for):
    project = post(clara)
    browser = reading(fred, "fr", client_for)
    typed = form_data(price="1 234,50", **{"m-0-amount": "600", "m-1-amount": "634,50"})
    assert browser.post(f"/projects/{project.pk}/propose", typed).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.price == 123_450
    assert sorted(proposal.milestones.values_list("amount", flat=True)) == [60_000, 63_450]


def test_an_amount_that_is_not_one_in_french_re_renders_the_form(clara, fred, client_for):
    project = post(clara)
    refused = reading(fred, "fr", client_for).post(f"/projects/{project.pk}/propose", form_data(price="douze"))
    assert refused.status_code in (200, 400) and 'name="price"' in refused.content.decode()
    assert not Proposal.objects.exists()
