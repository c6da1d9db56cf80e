"""Reporting a person from their profile or a message from a conversation, on the page and over the API.
Only the person a message was sent to may report it: anyone else is told it does not exist (404)."""

import pytest

from openhour.messaging.models import Report
from openhour.messaging.safety.tests.kit import say

pytestmark = pytest.mark.django_db


def api(browser, body):
    return browser.post("/api/v1/reports", body, content_type="application/json")


def test_clara_reports_fred_from_his_profile(client_for, clara, fred):
    browser = client_for(clara)
    response = browser.post(
        "/u/fred/report", {"reason": "spam", "text": "Sent me a link to pay elsewhere."}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/u/fred"
    assert "your report is with the operators" in response.content.decode()
    [report] = Report.objects.all()
    assert (report.reporter, report.person, report.message, report.reason) == (clara, fred, None, "spam")
    assert report.status == Report.Status.OPEN


def test_a_report_needs_a_reason_and_at_most_2000_characters(client_for, clara, fred):
    browser = client_for(clara)
    response = browser.post("/u/fred/report", {"text": "No reason given"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = browser.post("/u/fred/report", {"reason": "spam", "text": "x" * 2001})
    assert response.status_code == 400 and "at most 2000 characters" in response.content.decode()
    response = browser.post("/u/fred/report", {"reason": "made_up"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_reporting_yourself_or_twice_is_refused(client_for, clara, fred):
    browser = client_for(clara)
    response = browser.post("/u/clara/report", {"reason": "other"})
    assert response.status_code == 400 and "You cannot report yourself." in response.content.decode()
    browser.post("/u/fred/report", {"reason": "spam"})
    response = browser.post("/u/fred/report", {"reason": "abuse"})
    assert response.status_code == 400 and "You have already reported this" in response.content.decode()
    assert Report.objects.count() == 1


def test_fred_reports_a_message_clara_sent_him(client_for, clara, fred):
    message = say(clara, fred, "Pay me on the side, here is my number")
    browser = client_for(fred)
    page = browser.get(f"/messages/{message.pk}/report").content.decode()
    assert "Pay me on the side" in page and "Report this message" in page

    response = browser.post(f"/messages/{message.pk}/report", {"reason": "off_platform"}, follow=True)
    assert response.redirect_chain[-1][0] == "/u/clara"
    [report] = Report.objects.all()
    assert (report.reporter, report.person, report.message) == (fred, clara, message)
    again = browser.post(f"/messages/{message.pk}/report", {"reason": "spam"})
    assert again.status_code == 400 and "already reported" in again.content.decode()


def test_olga_cannot_report_or_even_see_a_message_she_was_not_sent(client_for, clara, fred, olga):
    message = say(clara, fred, "Private words")
    browser = client_for(olga)
    assert browser.get(f"/messages/{message.pk}/report").status_code == 404
    assert browser.post(f"/messages/{message.pk}/report", {"reason": "spam"}).status_code == 404
    assert browser.get("/messages/999999/report").status_code == 404
    response = api(browser, {"username": "clara", "message": str(message.pk), "reason": "spam"})
    assert response.status_code == 404 and "Private words" not in response.content.decode()
    assert api(browser, {"username": "clara", "message": "nonsense", "reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_writer_cannot_report_her_own_message(client_for, clara, fred):
    message = say(clara, fred)
    assert client_for(clara).get(f"/messages/{message.pk}/report").status_code == 400
    response = api(client_for(clara), {"username": "clara", "message": str(message.pk), "reason": "spam"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "report_self"


def test_the_report_pages_need_a_signed_in_person(client, clara, fred):
    message = say(clara, fred)
    assert client.get(f"/messages/{message.pk}/report").status_code == 302
    assert client.post("/u/fred/report", {"reason": "spam"}).status_code == 302
    assert api(client, {"username": "fred", "reason": "spam"}).status_code == 401


def test_reports_over_the_api(client_for, clara, fred):
    message = say(fred, clara, "Buy followers cheap")
    browser = client_for(clara)
    response = api(browser, {"username": "fred", "message": str(message.pk), "reason": "spam", "text": "Spam."})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "fred" and body["message"] == str(message.pk) and body["status"] == "open"

    person = api(browser, {"username": "fred", "reason": "abuse"})
    assert person.status_code == 201 and person.json()["message"] is None
    assert api(browser, {"username": "fred", "reason": "abuse"}).json()["error"]["code"] == "already_reported"


def test_api_refusals(client_for, clara, fred, olga):
    message = say(fred, clara)
    browser = client_for(clara)
    assert api(browser, {"username": "fred", "reason": "nope"}).status_code == 400
    assert api(browser, {"username": "fred"}).status_code == 400
    too_long = api(browser, {"username": "fred", "reason": "spam", "text": "x" * 2001})
    assert too_long.status_code == 400 and "text" in too_long.json()["error"]["fields"]
    assert api(browser, {"username": "ghost", "reason": "spam"}).status_code == 404
    assert api(browser, {"username": "clara", "reason": "spam"}).json()["error"]["code"] == "report_self"
    wrong_person = api(browser, {"username": "olga", "message": str(message.pk), "reason": "spam"})
    assert wrong_person.status_code == 400 and "username" in wrong_person.json()["error"]["fields"]
    assert not Report.objects.exists()
