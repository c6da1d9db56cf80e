"""One site address: `make run PORT=N` and run_all give every process the same SITE_URL, and the Site row that
allauth names in its mails follows SITE_URL and SITE_NAME."""

import pytest
from django.contrib.sites.models import Site
from django.contrib.sites.shortcuts import get_current_site
from django.test import RequestFactory

from openhour.operations.health.management.commands.run_all import site_url_for
from openhour.operations.site_address import site_sync


def test_run_all_serves_the_address_it_listens_on_unless_site_url_says_otherwise():
    assert site_url_for("127.0.0.1:8101", "") == "http://127.0.0.1:8101"
    assert site_url_for("8101", "") == "http://127.0.0.1:8101"  # runserver's "port only"
    assert site_url_for("0.0.0.0:8101", "") == "http://127.0.0.1:8101"
    assert site_url_for("127.0.0.1:8101", "https://market.example/") == "https://market.example"


@pytest.mark.django_db
def test_the_site_allauth_names_follows_site_url_and_site_name(settings):
    settings.SITE_URL, settings.SITE_NAME = "https://market.example:8443", "Market"
    site_sync()
    site = get_current_site(RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000"))
    assert (site.domain, site.name) == ("market.example:8443", "Market")  # not the address of the request
    assert Site.objects.count() == 1


@pytest.mark.django_db
def test_after_migrate_the_site_is_site_url_not_example_com(settings):
    assert Site.objects.get_current().domain == settings.SITE_URL.split("://")[1]
    assert "example.com" not in Site.objects.values_list("domain", flat=True)
