"""Fred closes his account after a finished, reviewed and paid-out contract: he cannot come back in by any door,
his profile is gone, and what others hold (the review he wrote, the one he received, his invoices, the ledger,
his messages to Clara) stays, by "a former member". Clara's own data does not change."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.test import Client

from conftest import PASSWORD
from openhour.accounts.closing.models import Closing
from openhour.accounts.closing.tests.kit import close_by_api, reviewed_and_paid_out
from openhour.accounts.models import AccessToken, PortfolioItem, User
from openhour.accounts.privacy.models import PersonalDataAccess
from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Message, Notification
from openhour.messaging.notifications.services import notification_send
from openhour.money.invoice_pdf import invoice_pdf
from openhour.money.models import Invoice, PayoutMethod
from openhour.reviews.models import Review
from openhour.search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(clara, fred, operator, bearer, client_for, image_upload):
    """Fred, reviewed and paid out, with a message to Clara, a portfolio item, a token and a signed-in browser,
    closes his account through the API."""
    from openhour.accounts.services import portfolio_item_create

    reviewed_and_paid_out(clara, fred, operator)
    message_send(to=clara, by=fred, text="Thanks for the work, Clara.")
    portfolio_item_create(user=fred, title="Shop", image=image_upload())
    token, browser = bearer(fred), client_for(fred)
    answer = close_by_api(Client(), **token)
    assert answer.status_code == 204, answer.content
    return {"token": token, "browser": browser}


def test_fred_can_no_longer_come_in_by_any_door(closed, fred, client):
    assert client.get("/api/v1/me", headers=closed["token"]).status_code == 401  # the old token
    assert closed["browser"].get("/me/security").status_code == 302  # the old session: sent to sign in
    assert authenticate(email="fred@example.com", password=PASSWORD) is None
    issued = client.post(
        "/api/v1/auth/tokens",
        {"email": "fred@example.com", "password": PASSWORD, "label": "again"},
        content_type="application/json",
    )
    assert issued.status_code == 400
    assert not AccessToken.objects.filter(user=fred).exists()


def test_his_profile_and_personal_data_are_gone(closed, fred, client):
    fred.refresh_from_db()
    assert client.get("/u/fred").status_code == 404
    assert client.get(f"/u/{fred.username}").status_code == 404
    assert fred.username.startswith("former-") and fred.name == "Former member"
    assert fred.email.endswith("@closed.invalid") and not fred.has_usable_password() and not fred.is_active
    assert fred.profile.bio == fred.profile.headline == "" and not fred.profile.skills.exists()
    assert not PortfolioItem.objects.filter(owner=fred).exists()
    assert not EmailAddress.objects.filter(user=fred).exists()
    assert not Notification.objects.filter(user=fred).exists()
    said = notification_send(user=fred, kind="review_published", title="Hello", url="/", source="after-closing")
    assert said is None and not Notification.objects.filter(user=fred).exists()  # nor will he hear of anything
    assert not PayoutMethod.objects.filter(owner=fred, removed_at=None).exists()
    assert not SearchDocument.objects.filter(kind="person", object_id=fred.pk).exists()
    assert '/u/fred"' not in client.get("/freelancers?q=Fred").content.decode()
    assert Closing.objects.get(user=fred).closed_at == fred.closed_at
    logged = PersonalDataAccess.objects.get(subject=fred)
    assert (logged.what, logged.subject_label, logged.by_label) == ("erased", "fred", "fred")


def test_reviews_both_ways_stay_published_by_a_former_member(closed, clara, fred, client):
    his = Review.objects.get(author=fred)
    hers = Review.objects.get(author=clara)
    assert his.status == hers.status == "published"

    listed = client.get("/api/v1/users/clara/reviews").json()["items"]
    assert [(item["id"], item["reviewer"]) for item in listed] == [(str(his.pk), "a former member")]
    page = client.get(f"/reviews/{his.pk}").content.decode()
    assert "By a former member" in page and "Fred" not in page
    about_him = client.get(f"/reviews/{hers.pk}").content.decode()
    assert "A review of a former member" in about_him and "Fred" not in about_him


def test_his_message_to_clara_stays_by_a_former_member(closed, clara, client_for):
    message = Message.objects.get(text="Thanks for the work, Clara.")
    conversation = client_for(clara).get(f"/messages/{message.conversation_id}").content.decode()
    assert "Thanks for the work, Clara." in conversation and "A former member" in conversation
    assert "Fred Freelancer" not in conversation


def test_invoices_still_render_and_the_ledger_holds(closed, clara, fred, client_for, ledger_ok):
    statement = Invoice.objects.get(recipient=fred, kind="statement")
    assert invoice_pdf(statement, reader=fred).startswith(b"%PDF")
    receipt = Invoice.objects.get(recipient=clara, kind="receipt")
    answer = client_for(clara).get(f"/wallet/invoices/{receipt.pk}.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    ledger_ok()


def test_claras_data_is_untouched(closed, clara, client, bearer):
    before = (clara.username, clara.email, clara.name, clara.password)
    clara = User.objects.get(pk=clara.pk)
    assert (clara.username, clara.email, clara.name, clara.password) == before and clara.is_active
    assert client.get("/u/clara").status_code == 200
    assert client.get("/api/v1/me", headers=bearer(clara)).json()["username"] == "clara"
    assert Notification.objects.filter(user=clara).exists()
