"""A conversation is for its two people only. Olga (an outsider), the operator and anyone guessing ids get
"not found" from every page, fragment, file and endpoint, and learn nothing."""

import pytest
from django.test import Client

from openhour.messaging.conversations.tests.kit import pdf, say
from openhour.messaging.models import Message

pytestmark = pytest.mark.django_db


def urls(message: Message) -> list[str]:
    c, f = message.conversation_id, message.attachments.get().pk
    return [f"/messages/{c}", f"/messages/{c}/stream", f"/messages/files/{f}", f"/api/v1/conversations/{c}/messages"]


def test_outsiders_and_operators_get_not_found_everywhere(clara, fred, olga, operator, client_for) -> None:
    message = say(clara, fred, "Private plans", files=[pdf()])
    for person in (olga, operator):
        browser = client_for(person)
        for url in urls(message):
            answer = browser.get(url)
            assert answer.status_code == 404, url
            assert b"Private plans" not in answer.content and b"brief.pdf" not in answer.content
        posted = browser.post(f"/messages/{message.conversation_id}", {"text": "Let me in"})
        assert posted.status_code == 404
        api = browser.post(f"/api/v1/conversations/{message.conversation_id}/messages", {"text": "Let me in"})
        assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
        inbox = browser.get("/messages")
        assert b"Private plans" not in inbox.content
        assert browser.get("/api/v1/conversations").json()["items"] == []
    assert Message.objects.count() == 1


def test_the_two_people_see_it(clara, fred, client_for) -> None:
    message = say(clara, fred, "Private plans", files=[pdf()])
    for person in (clara, fred):
        for url in urls(message):
            assert client_for(person).get(url).status_code == 200, url


@pytest.mark.parametrize("guess", ["0", "999999", "-1", "abc", "99999999999999999999999"])
def test_guessed_ids_reveal_nothing(clara, fred, client_for, guess) -> None:
    say(clara, fred, "Private plans", files=[pdf()])
    browser = client_for(clara)
    for url in (f"/api/v1/conversations/{guess}/messages",):
        assert browser.get(url).status_code == 404
        assert browser.post(url, {"text": "Hi"}).status_code == 404
    if guess.isdigit():
        for url in (f"/messages/{guess}", f"/messages/{guess}/stream", f"/messages/files/{guess}"):
            assert browser.get(url).status_code == 404, url


def test_signed_out_people_are_sent_to_sign_in(clara, fred) -> None:
    message = say(clara, fred, "Private plans", files=[pdf()])
    for url in [*urls(message)[:3], "/messages", f"/messages/with/{fred.username}"]:
        assert Client().get(url).status_code == 302
    assert Client().get("/api/v1/conversations").status_code == 401
    stored = message.attachments.get().file.name
    assert Client().get(f"/media/{stored}").status_code == 404  # never from the public media URL
