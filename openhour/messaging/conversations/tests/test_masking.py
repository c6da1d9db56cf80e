"""Before a contract, contact details in messages are hidden with a notice; after hire they pass. The rules
are a table: what is hidden, and what stays (ordinary links, amounts, dates)."""

import pytest

from openhour.contracts.tests.test_offers_kit import fixed_offer
from openhour.messaging.conversations.masking import mask_contacts
from openhour.messaging.conversations.tests.kit import say
from openhour.money.tests.kit import contract_between

HIDDEN = [
    ("Mail me at fred@example.com", "Mail me at [hidden]"),
    ("fred.smith@mail.co.uk!", "[hidden]!"),
    ("fred (at) gmail (dot) com", "[hidden]"),
    ("Call 07700 900123 tomorrow", "Call [hidden] tomorrow"),
    ("Ring +44 (0)20 7946 0958", "Ring [hidden]"),
    ("555-123-4567", "[hidden]"),
    ("555.123.4567 after six", "[hidden] after six"),
    ("Call me on 0 7 7 0 0 9 0 0 1 2 3", "Call me on [hidden]"),
    ("WhatsApp +44 7700 900123 please", "WhatsApp [hidden] please"),
    ("wa.me/447700900123", "[hidden]"),
    ("Join https://t.me/freddev", "Join [hidden]"),
    ("my telegram is @fred_dev", "my telegram is [hidden]"),
    ("signal me at @freddy99", "signal me at [hidden]"),
    ("Skype: live:fred.smith", "Skype: [hidden]"),
    ("write to fred at gmail dot com please", "write to [hidden] please"),
    ("Fred.Smith at mail dot co dot uk", "[hidden]"),
    ("fred at mail.example dot com", "[hidden]"),
    ("my number is 07700900123", "my number is [hidden]"),
    ("phone: 0044 7700 900123", "phone: [hidden]"),
]
KEPT = [
    "See https://example.com/portfolio/12345678 for my work",
    "www.fred.dev is my site",
    "The budget is £1,500,000",
    "£150000.00 in total",
    "1500000 GBP for everything",
    "Due 2026-11-21, or 21/11/2026 at the latest",
    "Three milestones of 500 each, 10:30 on 1.2.2026",
    "ping me @fred in the thread",
    "we can talk on Skype tomorrow",
    "look at example.com for the old design",
    "I'll be at home at ten",
    "My order 12345678 arrived",
    "see invoice #2026001 and Invoice no. 20260042",
    "Ref: 9988776, ticket 1234567",
    "the checksum 12345678901234567890123 is longer than any phone number",
]


@pytest.mark.parametrize(("text", "shown"), HIDDEN)
def test_contact_details_are_hidden(text: str, shown: str) -> None:
    assert mask_contacts(text) == (shown, True)


@pytest.mark.parametrize("text", KEPT)
def test_links_amounts_and_dates_stay(text: str) -> None:
    assert mask_contacts(text) == (text, False)


def test_masked_before_a_contract_and_passed_after(clara, fred, client_for) -> None:
    before = say(clara, fred, "Mail me at clara@example.com")
    assert before.text == "Mail me at [hidden]" and before.masked
    page = client_for(fred).get(f"/messages/{before.conversation_id}")
    assert b"Until you work together under a contract" in page.content
    assert b"clara@example.com" not in page.content

    contract_between(clara, fred)  # started: active
    after = say(clara, fred, "Mail me at clara@example.com")
    assert after.text == "Mail me at clara@example.com" and not after.masked
    page = client_for(fred).get(f"/messages/{before.conversation_id}")
    assert b"Until you work together under a contract" not in page.content


def test_a_contract_only_offered_does_not_unmask(clara, fred) -> None:
    fixed_offer(clara, fred)  # offered, not yet accepted
    assert say(fred, clara, "My number is 07700 900123").masked


def test_masking_can_be_turned_off(clara, fred, settings) -> None:
    settings.MESSAGE_MASKING = False
    sent = say(clara, fred, "Mail me at clara@example.com")
    assert sent.text == "Mail me at clara@example.com" and not sent.masked
