"""Footer links read in the reader's language: the operator writes a label per site language in the brand admin,
and a language without one shows the label as written."""

import pytest
from django.test import Client

from openhour.operations.branding import brand
from openhour.operations.models import Brand
from openhour.operations.tests.branding_kit import BRAND_PAGE, brand_form

pytestmark = pytest.mark.django_db


def save_terms_link(browser: Client, **labels: str) -> None:
    """The brand page with one footer link, "Terms", and its label in the languages given (labels__fr=...)."""
    browser.get("/admin/operations/brand/")
    data = brand_form(links=[("Terms", "/terms")])
    data |= {f"links-0-{name}": text for name, text in labels.items()}
    response = browser.post(BRAND_PAGE, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def footer(language: str) -> str:
    text = Client().get("/fees", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return text[text.index("<footer") :]


def test_a_footer_link_reads_in_each_language_the_operator_wrote(client_for, operator):
    save_terms_link(client_for(operator), labels__fr="Conditions", labels__de="AGB")

    assert Brand.objects.get().links.get().labels == {"fr": "Conditions", "de": "AGB"}
    assert '<a href="/terms">Conditions</a>' in footer("fr")
    assert '<a href="/terms">AGB</a>' in footer("de")
    assert '<a href="/terms">Terms</a>' in footer("en")


def test_a_language_the_operator_left_empty_reads_the_label_as_written(client_for, operator):
    save_terms_link(client_for(operator), labels__fr="Conditions")

    assert '<a href="/terms">Terms</a>' in footer("de")
    assert [link.label for link in brand().links] == ["Terms"]  # read outside a French request


def test_the_brand_page_offers_a_label_box_for_a_language_added_to_the_settings(client_for, operator, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("es", "Español")]
    browser = client_for(operator)
    save_terms_link(browser, labels__es="Condiciones")

    page = browser.get(BRAND_PAGE).content.decode()
    assert 'name="links-0-labels__es"' in page and 'value="Condiciones"' in page


def test_a_member_who_is_not_an_operator_cannot_word_the_footer(client_for, clara):
    browser = client_for(clara)
    data = brand_form(links=[("Terms", "/terms")]) | {"links-0-labels__fr": "Conditions"}

    response = browser.post(BRAND_PAGE, data)

    assert response.status_code == 302 and "login" in response["Location"]
    assert not Brand.objects.exists()
