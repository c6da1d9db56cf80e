"""The notification centre, its settings, the people one blocked, reporting a message and the operators' queue
of reports, in a real browser with real content: each passes axe, fits a phone and is photographed."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_notifications_settings_blocks_and_reports(
    page: Page, live_server, clara, fred, olga, operator, console, shoot
):
    from openhour.jobs.services.proposals import proposal_accept
    from openhour.jobs.tests.proposal_kit import post, send
    from openhour.messaging.conversations.services import conversation_with, message_send
    from openhour.messaging.safety.services import block_add

    proposal_accept(proposal_id=send(post(clara), fred).pk, by=clara)  # Fred is told he was hired
    conversation = conversation_with(user=olga, other=fred)
    message = message_send(conversation_id=conversation.pk, by=olga, text="Pay me outside the site, it is cheaper.")
    block_add(by=fred, username="olga")

    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/notifications")
    expect(page.get_by_role("link", name="Django shop").first).to_be_visible()
    accessible(page, "notifications-centre", shoot=shoot)
    page.goto(f"{live_server.url}/me/notifications")
    accessible(page, "notification-settings", shoot=shoot)
    page.goto(f"{live_server.url}/me/blocked")
    expect(page.get_by_role("button", name="Unblock Olga Outsider")).to_be_visible()
    accessible(page, "blocked-people", shoot=shoot)
    page.goto(f"{live_server.url}/messages/{message.pk}/report")
    accessible(page, "report-a-message", shoot=shoot)
    page.get_by_label("Asking to pay or talk outside the platform").check()
    page.get_by_role("button", name="Report this message").click()

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, operator)
    page.goto(f"{live_server.url}/operations/reports")
    expect(page.get_by_text("Pay me outside the site")).to_be_visible()
    accessible(page, "reports-queue", shoot=shoot)
    console.assert_clean()
