"""Blocking a person from their profile, the list of people I blocked, and the same over the API.
Blocking yourself or twice, or unblocking someone you did not block, is refused with a clear message."""

import pytest

from openhour.messaging.models import Block

pytestmark = pytest.mark.django_db


def blocked_by(user):
    return list(Block.objects.filter(blocker=user).values_list("blocked__username", flat=True))


def test_the_profile_offers_the_block_and_report_forms_to_signed_in_people_only(client, client_for, clara, fred):
    assert "Block or report" not in client.get("/u/fred").content.decode()
    assert "Block or report" not in client_for(fred).get("/u/fred").content.decode()  # not on your own

    profile = client_for(clara).get("/u/fred").content.decode()
    assert 'hx-get="/u/fred/safety"' in profile and 'href="/u/fred/safety"' in profile  # works without JavaScript
    forms = client_for(clara).get("/u/fred/safety", headers={"HX-Request": "true"}).content.decode()
    assert "Block Fred Freelancer" in forms and "Report this person" in forms and "<html" not in forms


def test_clara_blocks_fred_on_the_page_then_unblocks_him_from_her_list(client_for, clara, fred):
    browser = client_for(clara)
    response = browser.post("/u/fred/block", follow=True)
    assert response.redirect_chain[-1][0] == "/u/fred"
    assert "You blocked Fred Freelancer" in response.content.decode()
    assert blocked_by(clara) == ["fred"]
    assert "Unblock Fred Freelancer" in browser.get("/u/fred/safety").content.decode()

    listing = browser.get("/me/blocked").content.decode()
    assert "Fred Freelancer" in listing and 'action="/u/fred/unblock"' in listing
    response = browser.post("/u/fred/unblock", {"next": "/me/blocked"}, follow=True)
    assert response.redirect_chain[-1][0] == "/me/blocked"
    assert "You have not blocked anyone." in response.content.decode()
    assert blocked_by(clara) == []


def test_refusals_on_the_page_say_why_and_store_nothing(client_for, clara, fred):
    browser = client_for(clara)
    response = browser.post("/u/clara/block")
    assert response.status_code == 400 and "You cannot block yourself." in response.content.decode()
    browser.post("/u/fred/block")
    response = browser.post("/u/fred/block")
    assert response.status_code == 409 and "You have already blocked Fred Freelancer." in response.content.decode()
    assert blocked_by(clara) == ["fred"]
    browser.post("/u/fred/unblock")
    response = browser.post("/u/fred/unblock")
    assert response.status_code == 404 and "You have not blocked Fred Freelancer." in response.content.decode()
    assert browser.post("/u/nobody/block").status_code == 404


def test_an_outside_address_in_next_is_ignored(client_for, clara, fred):
    response = client_for(clara).post("/u/fred/block", {"next": "https://evil.example/"})
    assert response.url == "/u/fred"


def test_the_pages_need_a_signed_in_person(client, fred):
    assert client.post("/u/fred/block").status_code == 302
    assert client.get("/me/blocked").status_code == 302
    assert client.get("/u/fred/safety").status_code == 302
    assert client.get("/u/fred/block").status_code in (302, 405)


def test_the_blocked_list_shows_only_my_blocks(client_for, clara, fred, olga):
    client_for(olga).post("/u/fred/block")
    assert "Fred Freelancer" not in client_for(clara).get("/me/blocked").content.decode()


def api(browser, method, path, body=None):
    return getattr(browser, method)(f"/api/v1{path}", body, content_type="application/json")


def test_block_list_and_unblock_over_the_api(client_for, clara, fred, olga):
    browser = client_for(clara)
    response = api(browser, "post", "/blocks", {"username": "fred"})
    assert response.status_code == 201 and response.json()["username"] == "fred"
    api(browser, "post", "/blocks", {"username": "olga"})
    assert [row["username"] for row in api(browser, "get", "/blocks").json()["items"]] == ["olga", "fred"]
    assert api(client_for(olga), "get", "/blocks").json()["items"] == []

    assert api(browser, "delete", "/blocks/fred").status_code == 204
    assert blocked_by(clara) == ["olga"]


def test_api_refusals_carry_stable_codes(client, client_for, clara, fred):
    browser = client_for(clara)
    assert api(browser, "post", "/blocks", {"username": "clara"}).json()["error"]["code"] == "block_self"
    api(browser, "post", "/blocks", {"username": "fred"})
    again = api(browser, "post", "/blocks", {"username": "fred"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_blocked"
    assert api(browser, "post", "/blocks", {"username": "ghost"}).status_code == 404
    assert api(browser, "delete", "/blocks/ghost").status_code == 404
    assert api(browser, "post", "/blocks", {}).status_code == 400
    assert api(client, "get", "/blocks").status_code == 401
    assert blocked_by(clara) == ["fred"]


def test_a_blocked_person_can_no_longer_message_the_blocker_until_unblocked(client_for, clara, fred):
    from openhour.lib.errors import NotAllowed
    from openhour.messaging.conversations.services import message_send

    message_send(to=clara, by=fred, text="Hello Clara")
    client_for(clara).post("/u/fred/block")
    with pytest.raises(NotAllowed) as refused:
        message_send(to=clara, by=fred, text="Hello again")
    assert refused.value.code == "blocked"

    client_for(clara).post("/u/fred/unblock")
    assert message_send(to=clara, by=fred, text="Thanks for unblocking").pk
