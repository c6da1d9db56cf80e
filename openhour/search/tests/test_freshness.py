"""What people change through the pages, the API and the admin shows in search at once; what an operator
deletes leaves it. Each edit is sent the way a person sends it (a form filled from the page, a JSON request),
never by saving a model."""

from html.parser import HTMLParser
from typing import Any

import pytest
from allauth.account.models import EmailAddress

from openhour.accounts.models import User
from openhour.search.models import SearchDocument
from openhour.search.tests.test_search import FILLER, offer, people, post, services
from openhour.search.tests.test_search import found as projects

FLOWERS = f"{FILLER} Flowers for every table."


class _Form(HTMLParser):
    """The fields of every form on a page, with the values a browser would send unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._select: tuple[str, list[str], bool] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        fields = self.forms[-1] if self.forms else []
        if tag == "form":
            self.forms.append([])
        elif tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "file", "image"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], "multiple" in a)
        elif tag == "option" and self._select is not None:
            name, options, _multiple = self._select
            options.append(a.get("value", ""))
            if "selected" in a:
                fields.append((name, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.forms[-1][-1]
            self.forms[-1][-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            name, options, multiple = self._select
            if not multiple and options and name not in dict(self.forms[-1]):
                self.forms[-1].append((name, options[0]))  # nothing selected: a browser sends the first
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self.forms[-1][-1]
            self.forms[-1][-1] = (name, text.removeprefix("\n"))
            self._textarea = None


def filled(browser: Any, path: str, **changes: Any) -> dict[str, Any]:
    """The biggest form on the page at `path` as it stands, with `changes` typed over it."""
    page = browser.get(path)
    assert page.status_code == 200, path
    parser = _Form()
    parser.feed(page.content.decode())
    data: dict[str, Any] = {}
    for name, value in max(parser.forms, key=len):
        data.setdefault(name, []).append(value)
    data.update(changes)
    return data


def submitted(browser: Any, path: str, **changes: Any) -> None:
    response = browser.post(path, filled(browser, path, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]


def api(browser: Any, method: str, path: str, data: dict[str, Any]) -> None:
    response = getattr(browser, method)(f"/api/v1{path}", data, content_type="application/json")
    assert response.status_code in (200, 201), response.content


# ---- the pages and the API of the people who own the rows --------------------------------------------------


@pytest.mark.django_db
def test_a_project_posted_and_edited_on_the_pages_is_found_by_its_new_words(client_for, clara):
    browser = client_for(clara)
    project = post(clara, "Bakery logo")

    submitted(browser, f"/projects/{project.pk}/edit", title="Florist website", description=FLOWERS, skills=["react"])

    assert projects("bakery") == []
    assert projects("florist react") == ["Florist website"]


@pytest.mark.django_db
def test_a_project_posted_and_edited_through_the_api_is_found_by_its_new_words(client_for, clara):
    browser = client_for(clara)
    money = {"budget_min": {"amount": 10000, "currency": "GBP"}, "budget_max": {"amount": 20000, "currency": "GBP"}}
    api(browser, "post", "/projects", {"title": "Bakery logo", "description": FILLER, "category": "design", **money})
    assert projects("bakery") == ["Bakery logo"]

    project_id = SearchDocument.objects.get(kind="project").object_id
    api(
        browser,
        "patch",
        f"/projects/{project_id}",
        {"title": "Florist website", "description": FLOWERS, "skills": ["react"]},
    )

    assert projects("bakery") == []
    assert projects("florist react") == ["Florist website"]


@pytest.mark.django_db
def test_an_hourlie_edited_on_the_page_and_through_the_api_is_found_by_its_new_words(client_for, fred):
    browser = client_for(fred)
    hourlie = offer(fred, "Figma mock-ups")

    submitted(browser, f"/hourlies/{hourlie.pk}/edit", title="Hand-lettered menus", description=FLOWERS)
    assert services("figma") == []
    assert services("lettered") == ["Hand-lettered menus"]

    api(browser, "patch", f"/hourlies/{hourlie.pk}", {"title": "Wedding invitations", "skills": ["figma"]})
    assert services("lettered") == []
    assert services("wedding figma") == ["Wedding invitations"]


@pytest.mark.django_db
def test_a_profile_edited_on_the_page_and_through_the_api_is_found_by_its_new_words(client_for, fred):
    browser = client_for(fred)

    submitted(browser, "/me/profile", headline="Data engineer", bio="Pipelines and dashboards.")
    assert people("engineer pipelines") == ["Fred Freelancer"]
    assert people("developer") == []

    api(browser, "patch", "/me/profile", {"skills": ["react"]})
    assert people("react") == ["Fred Freelancer"]
    assert people("python") == []


@pytest.mark.django_db
def test_someone_who_signs_up_is_found_by_name_once_verified(client):
    response = client.post(
        "/api/v1/auth/signup",
        {
            "email": "nina@example.com",
            "password": "a-long-enough-secret-9",
            "name": "Nina Newcomer",
            "role": "freelancer",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    EmailAddress.objects.filter(email="nina@example.com").update(verified=True)

    assert people("newcomer") == ["Nina Newcomer"]


@pytest.mark.django_db
def test_a_client_who_adds_the_freelancer_role_is_found_by_name(client_for, clara):
    SearchDocument.objects.all().delete()  # an account that never had a document, say from a bulk import

    assert client_for(clara).post("/me/roles", {"role": "freelancer"}).status_code == 302

    assert people("clara") == ["Clara Client"]


# ---- the admin ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_operator_renames_a_person_and_edits_their_profile_in_the_admin(client_for, operator, fred):
    browser = client_for(operator)

    submitted(browser, f"/admin/accounts/user/{fred.pk}/change/", name="Frederick Smith")
    assert people("frederick") == ["Frederick Smith"]

    submitted(browser, f"/admin/accounts/profile/{fred.pk}/change/", headline="Data engineer")
    assert people("engineer") == ["Frederick Smith"]


@pytest.mark.django_db
def test_an_operator_edits_a_project_and_an_hourlie_in_the_admin(client_for, operator, clara, fred):
    browser = client_for(operator)
    project, hourlie = post(clara, "Bakery logo"), offer(fred, "Figma mock-ups")

    submitted(browser, f"/admin/jobs/project/{project.pk}/change/", title="Florist website", description=FLOWERS)
    submitted(browser, f"/admin/catalog/hourlie/{hourlie.pk}/change/", title="Hand-lettered menus", description=FLOWERS)

    assert projects("florist") == ["Florist website"] and projects("bakery") == []
    assert services("lettered") == ["Hand-lettered menus"] and services("figma") == []


@pytest.mark.django_db
def test_what_an_operator_deletes_in_the_admin_leaves_search(client_for, operator, clara, olga):
    browser = client_for(operator)
    single, first, second = post(clara, "Bakery logo"), post(clara, "Logo one"), post(clara, "Logo two")

    assert browser.post(f"/admin/jobs/project/{single.pk}/delete/", {"post": "yes"}).status_code == 302
    action = {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"}
    assert browser.post("/admin/jobs/project/", action).status_code == 302
    assert browser.post(f"/admin/accounts/user/{olga.pk}/delete/", {"post": "yes"}).status_code == 302

    assert projects("logo") == []
    assert not User.objects.filter(pk=olga.pk).exists()
    assert not SearchDocument.objects.filter(kind="person", object_id=olga.pk).exists()
    assert not SearchDocument.objects.filter(kind="project").exists()
