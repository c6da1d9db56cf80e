"""Operators write and publish versions in the admin; a published version can only be read there."""

import pytest
from django.test import Client

from openhour.accounts.legal.models import LegalVersion
from openhour.accounts.legal.tests.kit import publish

pytestmark = pytest.mark.django_db

ADD = "/admin/legal/legalversion/add/"


def version_form(**changes: str) -> dict[str, str]:
    """The admin's version page as an operator submits it, with one French translation row."""
    data = {"document": "terms", "summary": "Disputes now take five days.", "text": "## Terms\n\nThe new terms."}
    data |= {"translations-TOTAL_FORMS": "1", "translations-INITIAL_FORMS": "0", "translations-MIN_NUM_FORMS": "0"}
    data |= {"translations-MAX_NUM_FORMS": "1000", "translations-0-language": "fr"}
    data |= {"translations-0-summary": "Cinq jours.", "translations-0-text": "Les nouvelles conditions."}
    return data | {"_save": "Save"} | changes


def test_an_operator_publishes_a_version_and_the_page_shows_it(client_for, operator):
    publish(operator, text="The first terms.")

    response = client_for(operator).post(ADD, version_form(publish="on"))

    assert response.status_code == 302
    version = LegalVersion.objects.get(number=2)
    assert (version.document, version.published_by, version.created_by) == ("terms", operator, operator)
    page = Client().get("/legal/terms").content.decode()
    assert "The new terms." in page and "Version 2" in page
    assert "Les nouvelles conditions." in Client().get("/fr/legal/terms").content.decode()
    assert "The first terms." in Client().get("/legal/terms/versions/1").content.decode()
    assert "/legal/terms/versions/1" in Client().get("/legal/terms/versions").content.decode()


def test_a_draft_is_not_shown_until_published(client_for, operator):
    client_for(operator).post(ADD, version_form())

    draft = LegalVersion.objects.get()
    assert (draft.number, draft.published_at) == (None, None)
    assert "The new terms." not in Client().get("/legal/terms").content.decode()

    changelist = "/admin/legal/legalversion/"
    client_for(operator).post(changelist, {"action": "publish_drafts", "_selected_action": [draft.pk]})
    assert "The new terms." in Client().get("/legal/terms").content.decode()


def test_a_published_version_is_read_only_in_the_admin(client_for, operator):
    version = publish(operator, text="Settled text.")
    page = f"/admin/legal/legalversion/{version.pk}/change/"

    shown = client_for(operator).get(page)
    assert shown.status_code == 200
    assert "Settled text." in shown.content.decode()
    assert 'name="text"' not in shown.content.decode() and 'name="_save"' not in shown.content.decode()
    edited = client_for(operator).post(page, version_form(text="Rewritten."))
    assert edited.status_code == 403
    deleted = client_for(operator).post(f"/admin/legal/legalversion/{version.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    version.refresh_from_db()
    assert version.text == "Settled text."


def test_only_terms_changes_can_require_acceptance(client_for, operator):
    response = client_for(operator).post(ADD, version_form(document="cookies", requires_acceptance="on", publish="on"))

    assert response.status_code == 200  # the form again, with the reason
    assert "Only the terms of service are accepted" in response.content.decode()
    assert not LegalVersion.objects.exists()


def test_people_who_are_not_operators_cannot_reach_the_admin_page(client_for, olga):
    for browser in (Client(), client_for(olga)):
        response = browser.get(ADD)
        assert response.status_code == 302 and "/login" in response["Location"]
        browser.post(ADD, version_form(publish="on"))
    assert not LegalVersion.objects.exists()
