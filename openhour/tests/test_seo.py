"""What search engines and installing browsers read: the sitemap (and what it must never list), robots.txt,
canonical addresses, link-preview meta, schema.org JSON-LD, the manifest, the service worker and the offline page.

The cast: Fred is a listed freelancer; Clara a client (no freelancer profile to list); Olga a freelancer under a
sanction in force; Una has not verified her e-mail. Nothing of theirs that is private may reach a crawler.
"""

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from conftest import make_user
from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import service
from openhour.jobs.models import Visibility
from openhour.jobs.services.projects import project_close, project_post
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.models import Sanction
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished
from openhour.seo.sitemaps import ProfilesSitemap

pytestmark = pytest.mark.django_db
SITE = "https://market.test"
ATTACK = "</script><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def posted(client: Any, **fields: Any) -> Any:
    base = {"title": "Django shop", "description": "A shop.", "category": "web-software", "skills": ["django"]}
    return project_post(client=client, **(base | {"budget_min": 50_000, "budget_max": 150_000} | fields))


def published(freelancer: Any, **changes: Any) -> Any:
    return hourlies.hourlie_publish(freelancer=freelancer, **service(**changes))


def sanctioned(person: Any, by: Any, *, lifted: bool = False) -> None:
    now = timezone.now()
    Sanction.objects.create(
        user=person,
        kind=Sanction.Kind.WARNING,
        reason="Reviews bought.",
        starts_at=now,
        ends_at=now + timedelta(days=90),
        appeal_until=now + timedelta(days=14),
        created_by=by,
        lifted_at=now if lifted else None,
    )


def locations(client: Any, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def listed(client: Any) -> list[str]:
    """Every address of every page of every section the index names."""
    found = []
    for section in locations(client, "/sitemap.xml"):
        found += locations(client, section.removeprefix(SITE))
    return found


def json_ld(html: str) -> list[dict[str, Any]]:
    return [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert found, key
    return found.group(1)


# ---- the sitemap ------------------------------------------------------------------------------------------------


def test_the_sitemap_lists_public_pages_people_projects_and_services_at_the_site_address(client, clara, fred):
    project = posted(clara)
    hourlie = published(fred)

    found = listed(client)

    assert f"{SITE}/" in found
    for path in ("/fees", "/trust/reviews", "/trust/transparency", "/trust/levels", "/projects", "/hourlies"):
        assert f"{SITE}{path}" in found
    assert f"{SITE}/u/fred" in found
    assert f"{SITE}/projects/{project.pk}" in found
    assert f"{SITE}/hourlies/{hourlie.pk}" in found
    assert all(address.startswith(SITE) for address in found)


def test_the_sitemap_leaves_out_everything_private_hidden_or_gone(client, clara, fred, olga, una, operator):
    invite_only = posted(clara, title="Secret rebrand", visibility=Visibility.INVITE_ONLY)
    closed_project = posted(clara, title="Closed one")
    project_close(project_id=closed_project.pk, by=clara)
    paused = published(fred, title="Paused service")
    hourlies.hourlie_pause(hourlie_id=paused.pk, by=fred)
    sanctioned(olga, operator)
    olgas_service = published(olga, title="Olga's service")
    gone = make_user("gone", name="Gone Away", freelancer=True)
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    found = listed(client)

    assert f"{SITE}/u/fred" in found
    for hidden in ("olga", "una", "gone", "clara", "operator"):
        assert f"{SITE}/u/{hidden}" not in found
    for project in (invite_only, closed_project):
        assert f"{SITE}/projects/{project.pk}" not in found
    for hourlie in (paused, olgas_service):
        assert f"{SITE}/hourlies/{hourlie.pk}" not in found
    assert not any(part in address for address in found for part in ("/me/", "/wallet", "/api/", "/dashboard"))


def test_a_lifted_sanction_puts_the_profile_back(client, olga, operator):
    sanctioned(olga, operator, lifted=True)

    assert f"{SITE}/u/olga" in listed(client)


def test_a_large_section_is_split_into_pages_that_the_index_names(client, fred, olga, monkeypatch):
    monkeypatch.setattr(ProfilesSitemap, "limit", 1)

    sections = locations(client, "/sitemap.xml")

    assert f"{SITE}/sitemap-freelancers.xml" in sections
    assert f"{SITE}/sitemap-freelancers.xml?p=2" in sections
    assert locations(client, "/sitemap-freelancers.xml") == [f"{SITE}/u/fred"]
    assert locations(client, "/sitemap-freelancers.xml?p=2") == [f"{SITE}/u/olga"]
    assert client.get("/sitemap-freelancers.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_sitemap_page_costs_the_same_queries_for_one_person_or_many(client, fred):
    client.get("/sitemap-freelancers.xml")  # the current site is read once per process
    with CaptureQueriesContext(connection) as one:
        client.get("/sitemap-freelancers.xml")
    for n in range(5):
        make_user(f"free{n}", name=f"Free {n}", freelancer=True)
    with CaptureQueriesContext(connection) as six:
        locations(client, "/sitemap-freelancers.xml")

    assert len(six.captured_queries) == len(one.captured_queries)


# ---- robots.txt and page meta ----------------------------------------------------------------------------------


def test_robots_lets_crawlers_read_public_pages_and_keeps_them_out_of_private_ones(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/api/", "/accounts/", "/operations/", "/admin/", "/dashboard", "/wallet", "/messages", "/me/"):
        assert f"Disallow: {path}" in lines
    assert not any(line in lines for line in ("Disallow: /", "Disallow: /projects", "Disallow: /u/"))
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_the_canonical_address_is_the_site_address_without_filters_paging_or_tracking(client, fred):
    html = client.get("/freelancers?page=2&utm_source=mail&sort=newest").content.decode()

    assert f'<link rel="canonical" href="{SITE}/freelancers">' in html
    assert meta(html, "og:url") == f"{SITE}/freelancers"


def test_link_previews_carry_the_page_title_description_and_an_image(client, clara):
    project = posted(clara, title="Logo for a bakery", description="We bake bread and need a logo.")

    html = client.get(f"/projects/{project.pk}").content.decode()

    assert meta(html, "og:title") == "Logo for a bakery"
    assert meta(html, "twitter:title") == "Logo for a bakery"
    assert meta(html, "og:description") == "We bake bread and need a logo."
    assert meta(html, "og:site_name") == "openhour"
    assert meta(html, "og:image").startswith(f"{SITE}/static/icons/")
    assert meta(html, "twitter:card") == "summary"


def test_every_page_links_the_manifest_icon_and_service_worker(client):
    html = client.get("/fees").content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert meta(html, "theme-color") == "#1d5e4a"
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in html
    assert 'data-worker="/sw.js"' in html
    policy = client.get("/fees")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


# ---- structured data -------------------------------------------------------------------------------------------


def test_a_profile_is_a_person_with_the_average_and_count_of_their_published_reviews(client, clara, fred):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5))
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 4))
    block = client.get("/u/fred").context["reputation_blocks"][0]

    (person,) = json_ld(client.get("/u/fred").content.decode())

    assert person["@type"] == "Person" and person["name"] == "Fred Freelancer"
    assert person["url"] == f"{SITE}/u/fred"
    assert person["jobTitle"] == "Django developer"
    assert set(person["knowsAbout"]) == {"Python", "Django"}
    rating = person["aggregateRating"]
    assert rating["reviewCount"] == 1 == block.summary.reviews
    assert rating["ratingValue"] == 5 == block.summary.average  # as the profile reads, not the ranking score
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)


def test_a_profile_without_published_reviews_claims_no_rating(client, clara, fred):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5))  # sealed until both wrote or time ran

    (person,) = json_ld(client.get("/u/fred").content.decode())

    assert "aggregateRating" not in person


def test_a_service_offers_each_package_at_its_price_and_currency(client, fred):
    hourlie = published(fred, currency="EUR")

    (data,) = json_ld(client.get(f"/hourlies/{hourlie.pk}").content.decode())

    assert data["@type"] == "Service" and data["name"] == "A Django bug fixed"
    assert data["provider"] == {"@type": "Person", "name": "Fred Freelancer", "url": f"{SITE}/u/fred"}
    offers = [(offer["name"], offer["price"], offer["priceCurrency"]) for offer in data["offers"]]
    assert offers == [("Basic", "50.00", "EUR"), ("Standard", "120.00", "EUR"), ("Premium", "300.00", "EUR")]


def test_a_paused_service_is_offered_to_nobody_even_on_its_freelancers_own_view(client_for, fred):
    hourlie = published(fred)
    hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=fred)

    assert json_ld(client_for(fred).get(f"/hourlies/{hourlie.pk}").content.decode()) == []


def test_an_open_public_project_is_a_remote_contract_job_posting_in_its_currency(client, clara):
    project = posted(clara, budget_type="hourly", budget_min=2_500, budget_max=4_000, currency="USD")
    clara.profile.company_name = "Clara's Cakes"
    clara.profile.save(update_fields=["company_name"])

    (job,) = json_ld(client.get(f"/projects/{project.pk}").content.decode())

    assert job["@type"] == "JobPosting" and job["title"] == "Django shop"
    assert job["employmentType"] == "CONTRACTOR" and job["jobLocationType"] == "TELECOMMUTE"
    assert job["hiringOrganization"] == {"@type": "Organization", "name": "Clara's Cakes"}
    assert job["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": "25.00", "maxValue": "40.00", "unitText": "HOUR"},
    }
    posted_at = timezone.datetime.fromisoformat(job["datePosted"])
    until = timezone.datetime.fromisoformat(job["validThrough"])
    assert until - posted_at == pytest.approx(timedelta(days=30), abs=timedelta(seconds=5))


def test_an_invite_only_or_closed_project_is_no_job_posting(client_for, clara):
    project = posted(clara, visibility=Visibility.INVITE_ONLY)

    assert json_ld(client_for(clara).get(f"/projects/{project.pk}").content.decode()) == []


def test_a_title_cannot_break_out_of_the_structured_data(client, clara):
    project = posted(clara, title=ATTACK[:120], description=f"Hello {ATTACK} & bye")

    html = client.get(f"/projects/{project.pk}").content.decode()

    assert "<script>alert(1)" not in html
    assert meta(html, "og:title") == escape(ATTACK)
    (job,) = json_ld(html)
    assert job["title"] == ATTACK
    assert job["description"] == f"Hello {ATTACK} & bye"


# ---- the installable app ---------------------------------------------------------------------------------------


def test_the_manifest_names_the_site_its_colours_and_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["name"], data["start_url"], data["scope"], data["display"]) == ("openhour", "/", "/", "standalone")
    assert data["theme_color"] == "#1d5e4a" and data["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_service_worker_is_javascript_for_the_whole_site_and_keeps_no_page_but_the_offline_one(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    kept = json.loads(re.search(r"const ASSETS = (\[.*?\]);", script).group(1))
    assert "/offline" in kept
    pages = [path for path in kept if not path.startswith(("/static/", "/brand.css"))]
    assert pages == ["/offline"]
    assert 'request.method !== "GET"' in script


def test_the_offline_page_is_the_same_for_everyone_and_kept_out_of_search(client, client_for, fred):
    anonymous = client.get("/offline")
    signed_in = client_for(fred).get("/offline").content.decode()

    assert anonymous.status_code == 200
    assert "You are offline" in signed_in and "Fred" not in signed_in
    assert '<meta name="robots" content="noindex">' in signed_in
    assert "public" in anonymous["Cache-Control"]


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    response = client.get("/fees", headers={"Accept-Encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert client.get("/fees").get("Content-Encoding") is None
