"""The legal pages: the shipped texts until an operator publishes, versions and dates, languages, sanitising."""

import html

import pytest
from django.test import Client

from openhour.accounts.legal.tests.kit import publish

pytestmark = pytest.mark.django_db

DOCUMENTS = ["terms", "privacy", "cookies", "fees", "content"]


def text_of(address: str, client: Client | None = None, **headers: str) -> str:
    response = (client or Client()).get(address, **headers)
    assert response.status_code == 200, address
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_document_shows_the_shipped_text_with_the_operators_details(document, settings):
    settings.OPERATOR_LEGAL_NAME = "Acme Hours Ltd"
    page = text_of(f"/legal/{document}")
    assert "Version 0 (the standard text)" in page
    assert "Acme Hours Ltd" in page
    assert "{operator_legal_name}" not in page and "{site_name}" not in page


def test_the_index_lists_every_document_with_its_version(operator):
    publish(operator, "privacy", "Our privacy notice, rewritten.")
    page = text_of("/legal/")
    for title in ["Terms of service", "Privacy notice", "Cookie notice", "Fee terms", "Content rules"]:
        assert title in page
    assert "Version 1," in page and "Version 0," in page


def test_the_cookie_notice_names_the_cookies_the_site_sets():
    page = text_of("/legal/cookies")
    for cookie in ["sessionid", "csrftoken", "django_language", "oh_device", "messages"]:
        assert f"<code>{cookie}</code>" in page
    assert "no analytics and no" in page


def test_the_privacy_notice_says_where_to_exercise_the_rights():
    page = text_of("/legal/privacy")
    assert "/me/privacy" in page and "/me/close" in page
    assert "180 days" in page  # access records, in words from the setting


def test_french_and_german_readers_get_the_shipped_text_in_their_language():
    assert "Qui nous sommes" in text_of("/fr/legal/terms")
    assert "Wer wir sind" in text_of("/de/legal/terms")
    assert "shown in English" not in text_of("/legal/terms")


def test_a_version_without_french_is_shown_in_english_with_a_note(operator):
    publish(operator, text="Only in English.", translations={"de": "Nur auf Deutsch."})

    french = text_of("/fr/legal/terms")
    assert "Only in English." in french
    assert '<div class="legal-text" lang="en">' in french
    assert 'role="note"' in french  # the note, in French once the catalogue has it
    german = text_of("/de/legal/terms")
    assert "Nur auf Deutsch." in german and "Only in English." not in german


def test_published_versions_replace_the_default_and_keep_the_old_readable(operator):
    publish(operator, text="First version.", summary="Clearer wording.")
    publish(operator, text="Second version.", summary="New dispute rules.")

    assert "Second version." in text_of("/legal/terms")
    assert "Version 2, published on" in text_of("/legal/terms")
    history = text_of("/legal/terms/versions")
    assert history.index("Version 2") < history.index("Version 1") < history.index("Version 0")
    assert "New dispute rules." in history and "Clearer wording." in history
    old = text_of("/legal/terms/versions/1")
    assert "First version." in old and "no longer in force" in old
    assert "Qui nous sommes" in text_of("/fr/legal/terms/versions/0")


def test_unknown_documents_and_versions_are_404(operator):
    assert Client().get("/legal/secrets").status_code == 404
    assert Client().get("/legal/secrets/versions").status_code == 404
    assert Client().get("/legal/terms/versions/7").status_code == 404


def test_markdown_with_a_script_is_sanitised(operator):
    publish(
        operator,
        text="**Bold** <script>alert('x')</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    page = Client().get("/legal/terms").content.decode()
    assert "<strong>Bold</strong>" in page
    assert "alert(" not in page and "onerror" not in page and "javascript:" not in page


def test_the_footer_and_the_sitemap_link_the_legal_pages(client):
    footer = text_of("/")
    for address in ["/legal/terms", "/legal/privacy", "/legal/cookies", "/legal/"]:
        assert f'href="{address}"' in footer
    sitemap = text_of("/sitemap-pages.xml")
    for document in DOCUMENTS:
        assert f"/legal/{document}</loc>" in sitemap
    assert "/fr/legal/terms" in sitemap  # with its versions in each language
