"""/me/privacy: ask for an archive without JavaScript, see past ones, download a ready one; nobody else's."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openhour.accounts.privacy.models import Export

PAGE = "/me/privacy"


def download_url(export: Export) -> str:
    return f"/me/privacy/archives/{export.pk}/download"


@pytest.fixture
def ready(fred, client_for, django_capture_on_commit_callbacks) -> Export:
    with django_capture_on_commit_callbacks(execute=True):
        client_for(fred).post(PAGE)
    return Export.objects.get(user=fred)


def test_asking_from_the_page_prepares_it_and_lists_it(fred, ready, client_for):
    page = client_for(fred).get(PAGE)

    assert page.status_code == 200 and ready.status == "ready"
    assert download_url(ready).encode() in page.content and b"Ready to download" in page.content


def test_the_owner_downloads_a_zip_with_their_data(fred, ready, client_for):
    response = client_for(fred).get(download_url(ready))

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'filename="fred-data-' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert json.loads(archive.read("data.json"))["account"]["username"] == "fred"


def test_nobody_else_downloads_it(fred, olga, operator, ready, client_for):
    for outsider in (olga, operator):
        assert client_for(outsider).get(download_url(ready)).status_code == 404
    anonymous = Client().get(download_url(ready))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_page_needs_a_signed_in_person(db):
    response = Client().get(PAGE)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Client().post(PAGE).status_code == 302 and not Export.objects.exists()


def test_a_pending_archive_cannot_be_downloaded_yet(fred, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    browser = client_for(fred)
    browser.post(PAGE)
    export = Export.objects.get(user=fred)

    assert browser.get(download_url(export)).status_code == 409
    assert b"An archive is being prepared" in browser.get(PAGE).content


def test_over_the_limit_the_page_says_so(fred, client_for, settings, django_capture_on_commit_callbacks):
    settings.PERSONAL_DATA_EXPORT_RATE = "1/d"
    browser = client_for(fred)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(PAGE)

    refused = browser.post(PAGE)

    assert refused.status_code == 429 and b"You asked for several archives already" in refused.content
    assert int(refused["Retry-After"]) > 0 and Export.objects.filter(user=fred).count() == 1


def test_the_security_page_links_here(fred, client_for):
    assert b'href="/me/privacy"' in client_for(fred).get("/me/security").content


def test_the_page_reads_a_fixed_number_of_queries(fred, client_for, settings, django_assert_num_queries):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    browser = client_for(fred)
    browser.post(PAGE)
    browser.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        browser.get(PAGE)
    Export.objects.filter(user=fred).update(status="failed")
    Export.objects.bulk_create([Export(user=fred, status="expired") for _ in range(5)])

    with django_assert_num_queries(len(few)):
        assert browser.get(PAGE).content.count(b"<time") == 6
