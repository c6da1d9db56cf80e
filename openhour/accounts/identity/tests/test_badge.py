"""The "Verified ID" badge: on the public profile and in the profile API once verified, never before."""

import pytest

from openhour.accounts.identity.models import IdentityCheck
from openhour.accounts.identity.tests.kit import decide, send_documents

pytestmark = pytest.mark.django_db


def test_the_badge_shows_only_once_verified(fred, operator, client, client_for):
    send_documents(client_for(fred))
    assert "Verified ID" not in client.get("/u/fred").content.decode()  # pending is not verified
    assert client.get("/api/v1/users/fred").json()["identity_verified"] is False

    decide(client_for(operator), IdentityCheck.objects.get(user=fred).pk, "approve")

    assert "Verified ID" in client.get("/u/fred").content.decode()
    assert client.get("/api/v1/users/fred").json()["identity_verified"] is True


def test_people_who_never_started_have_no_badge(olga, client):
    assert "Verified ID" not in client.get("/u/olga").content.decode()
    assert client.get("/api/v1/users/olga").json()["identity_verified"] is False


def test_demo_freelancers_of_the_list_are_verified_once(db):
    from conftest import make_user
    from openhour.accounts.models import User
    from openhour.demo.people.identity import VERIFIED_IN_DEMO, identity_demo_verify

    named = make_user(sorted(VERIFIED_IN_DEMO)[0], name="Demo", freelancer=True)
    other = make_user("someone-else", name="Other", freelancer=True)
    for person in (named, other, named):
        identity_demo_verify(user=person)

    assert IdentityCheck.objects.get(user=named).status == "verified"
    assert IdentityCheck.objects.get(user=named).events.count() == 2
    assert not IdentityCheck.objects.filter(user=other).exists()
    assert User.objects.count() == 2
