"""The operators' queue of open reports (staff only, 404 for everyone else), closing a report with a written
outcome, and the admin's list and close action."""

import pytest

from openhour.messaging.models import Report
from openhour.messaging.safety.services import report_create
from openhour.messaging.safety.tests.kit import say

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(clara, fred, olga):
    message = say(fred, clara, "Send the money by wire to me")
    first = report_create(by=clara, username="fred", message_id=message.pk, reason="off_platform", text="Wire!")
    second = report_create(by=olga, username="clara", reason="abuse", text="Rude to me.")
    return first, second


def test_the_queue_lists_open_reports_oldest_first_with_the_message(client_for, operator, reports):
    page = client_for(operator).get("/operations/reports").content.decode()
    assert page.index("Asking to pay or talk outside the platform: Fred Freelancer") < page.index(
        "Harassment or abuse: Clara Client"
    )
    assert "Send the money by wire to me" in page and "Rude to me." in page
    assert f'href="/admin/messaging/report/{reports[0].pk}/change/"' in page


def test_a_long_queue_is_paged(client_for, operator, reports, monkeypatch):
    from openhour.messaging.safety import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 1)
    one = client_for(operator).get("/operations/reports").content.decode()
    two = client_for(operator).get("/operations/reports?page=2").content.decode()
    assert "Wire!" in one and "Rude to me." not in one and "Page 1 of 2" in one
    assert "Rude to me." in two and "Wire!" not in two


def test_only_staff_see_the_queue_or_close_reports(client, client_for, clara, fred, olga, reports):
    for person in (clara, fred, olga):
        assert client_for(person).get("/operations/reports").status_code == 404
        closing = client_for(person).post(
            f"/operations/reports/{reports[0].pk}/close", {f"r{reports[0].pk}-outcome": "x"}
        )
        assert closing.status_code == 404
    assert client.get("/operations/reports").status_code == 302
    assert Report.objects.filter(status=Report.Status.OPEN).count() == 2


def test_closing_needs_a_written_outcome(client_for, operator, reports):
    browser = client_for(operator)
    pk = reports[0].pk
    refused = browser.post(f"/operations/reports/{pk}/close", {f"r{pk}-outcome": "  "})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    assert Report.objects.get(pk=pk).status == Report.Status.OPEN

    response = browser.post(f"/operations/reports/{pk}/close", {f"r{pk}-outcome": "Warned Fred."}, follow=True)
    assert "The report is closed." in response.content.decode()
    report = Report.objects.get(pk=pk)
    assert (report.status, report.outcome, report.handled_by) == (Report.Status.CLOSED, "Warned Fred.", operator)
    assert "Send the money by wire" not in response.content.decode()  # it left the queue

    again = browser.post(f"/operations/reports/{pk}/close", {f"r{pk}-outcome": "Again."}, follow=True)
    assert "already closed" in again.content.decode()
    assert browser.post("/operations/reports/999999/close", {"r999999-outcome": "x"}).status_code == 404


def test_the_admin_lists_reports_and_closes_them_with_an_outcome(client_for, operator, reports):
    browser = client_for(operator)
    listing = browser.get("/admin/messaging/report/?status__exact=open")
    assert listing.status_code == 200 and "Fred Freelancer" in listing.content.decode()
    chosen = {"action": "close_with_outcome", "_selected_action": [r.pk for r in reports]}

    asking = browser.post("/admin/messaging/report/", chosen)
    assert asking.status_code == 200 and "Close reports with an outcome" in asking.content.decode()
    refused = browser.post("/admin/messaging/report/", chosen | {"apply": "1", "outcome": ""})
    assert refused.status_code == 400
    assert Report.objects.filter(status=Report.Status.OPEN).count() == 2

    browser.post("/admin/messaging/report/", chosen | {"apply": "1", "outcome": "Both warned."})
    assert list(Report.objects.values_list("status", "outcome")) == [("closed", "Both warned.")] * 2


def test_messages_are_read_only_in_the_admin(client_for, operator, reports):
    message = reports[0].message
    browser = client_for(operator)
    page = browser.get(f"/admin/messaging/message/{message.pk}/change/")
    assert page.status_code == 200 and "Send the money by wire to me" in page.content.decode()
    browser.post(f"/admin/messaging/message/{message.pk}/change/", {"text": "edited"})
    message.refresh_from_db()
    assert message.text == "Send the money by wire to me"
    assert browser.get(f"/admin/messaging/conversation/{message.conversation_id}/change/").status_code == 200
