"""One project's page, and its client's edit and close: who sees what, and who may change it."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.accounts.services import profile_update
from openhour.jobs.models import Project
from openhour.jobs.services.projects import project_close, project_post
from openhour.jobs.tests.test_pages_post import project_form


def post(client, **overrides: Any) -> Project:
    fields: dict[str, Any] = {
        "title": "Django shop checkout",
        "description": "Add Stripe checkout.\n\nKeep the basket as it is.",
        "category": "web-software",
        "skills": ["python", "django"],
        "budget_min": 100000,
        "budget_max": 250050,
        "currency": "GBP",
        "deadline": timezone.localdate() + timedelta(days=20),
        "max_proposals": 15,
    }
    fields.update(overrides)
    return project_post(client=client, **fields)


@pytest.fixture
def shop(clara):
    profile_update(user=clara, company_name="Clara's Cakes")
    return post(clara)


@pytest.fixture
def secret(clara):
    return post(clara, title="Secret rebrand", visibility="invite_only")


def test_anyone_reads_a_public_project(client, shop):
    response = client.get(f"/projects/{shop.pk}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Django shop checkout</h1>" in html
    assert "<p>Add Stripe checkout.</p>" in html  # paragraphs kept
    assert "£1,000–£2,500.50" in html
    assert "Fixed price" in html
    assert "Web &amp; Software" in html
    assert 'href="/projects?skill=django">Django</a>' in html
    assert "Up to 15 proposals" in html
    assert '<span class="badge badge-open">Open</span>' in html
    assert (timezone.localdate() + timedelta(days=20)).isoformat() in html


def test_the_client_is_named_with_a_link_and_her_history(client, clara, shop):
    post(clara, title="Another one")
    project_close(project_id=post(clara, title="Done with").pk, by=clara)

    html = client.get(f"/projects/{shop.pk}").content.decode()

    assert '<a href="/u/clara"><strong>Clara Client</strong></a>' in html
    assert "Clara&#x27;s Cakes" in html
    assert "<dt>Projects posted</dt><dd>3</dd>" in html
    assert "<dt>Hires</dt><dd>0</dd>" in html
    assert "<dt>Open now</dt><dd>2</dd>" in html
    assert "@example.com" not in html


def test_others_see_no_owner_buttons_or_history(client, client_for, olga, fred, shop):
    for browser in (client, client_for(olga), client_for(fred)):
        html = browser.get(f"/projects/{shop.pk}").content.decode()
        assert f"/projects/{shop.pk}/edit" not in html
        assert f"/projects/{shop.pk}/close" not in html
        assert "History" not in html


def test_the_owner_sees_edit_close_and_the_history(client_for, clara, shop):
    html = client_for(clara).get(f"/projects/{shop.pk}").content.decode()

    assert f'<a href="/projects/{shop.pk}/edit" role="button"' in html
    assert f'<form method="post" action="/projects/{shop.pk}/close">' in html
    assert "History" in html
    assert "Posted" in html


def test_the_history_shows_who_closed_it_and_why(client_for, clara, shop):
    project_close(project_id=shop.pk, by=clara, note="Found someone locally.")

    html = client_for(clara).get(f"/projects/{shop.pk}").content.decode()

    assert '<span class="badge badge-closed">Closed</span>' in html
    assert "by Clara Client" in html
    assert "<q>Found someone locally.</q>" in html
    assert f"/projects/{shop.pk}/edit" not in html  # nothing left to edit or close
    assert f"/projects/{shop.pk}/close" not in html


def test_an_invite_only_project_answers_like_a_missing_one_to_outsiders(client, client_for, olga, secret):
    for browser in (client, client_for(olga)):
        response = browser.get(f"/projects/{secret.pk}")
        assert response.status_code == 404
        assert b"Secret rebrand" not in response.content
    assert client_for(olga).get(f"/projects/{secret.pk}/edit").status_code == 404


def test_its_client_and_operators_see_an_invite_only_project(client_for, clara, operator, secret):
    for person in (clara, operator):
        response = client_for(person).get(f"/projects/{secret.pk}")
        assert response.status_code == 200
        assert b"Invited freelancers only" in response.content


@pytest.mark.parametrize("path", ["/projects/999999", "/projects/999999/edit"])
def test_a_missing_project_is_a_404(client_for, clara, path):
    assert client_for(clara).get(path).status_code == 404


def test_the_edit_form_starts_from_the_project(client_for, clara, shop):
    response = client_for(clara).get(f"/projects/{shop.pk}/edit")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Edit your project</h1>" in html
    assert 'value="Django shop checkout"' in html
    assert 'name="budget_min" value="1000.00"' in html
    assert 'name="budget_max" value="2500.50"' in html
    assert '<option value="web-software" selected>' in html
    assert 'name="skills" value="django" checked' in html
    assert f'name="deadline" value="{shop.deadline.isoformat()}"' in html


def test_the_owner_edits_her_project(client_for, clara, shop):
    data = project_form(
        title="Django shop checkout and refunds",
        budget_min="1200",
        budget_max="3000",
        skills=["python", "django", "api-integration"],
        category="web-software",
    )

    response = client_for(clara).post(f"/projects/{shop.pk}/edit", data)

    assert response.status_code == 302
    assert response["Location"] == f"/projects/{shop.pk}"
    shop.refresh_from_db()
    assert shop.title == "Django shop checkout and refunds"
    assert (shop.budget_min, shop.budget_max) == (120000, 300000)
    assert sorted(shop.skills.values_list("slug", flat=True)) == ["api-integration", "django", "python"]


def test_a_deadline_that_has_passed_does_not_block_other_edits(client_for, clara, shop):
    Project.objects.filter(pk=shop.pk).update(deadline=timezone.localdate() - timedelta(days=2))
    browser = client_for(clara)
    form = browser.get(f"/projects/{shop.pk}/edit").context["form"]
    data = {**{name: form[name].value() for name in form.fields}, "title": "A better title"}

    response = browser.post(f"/projects/{shop.pk}/edit", {k: v for k, v in data.items() if v is not None})

    assert response.status_code == 302, response.context["form"].errors
    shop.refresh_from_db()
    assert shop.title == "A better title"


def test_bad_edits_are_explained_and_nothing_changes(client_for, clara, shop):
    browser = client_for(clara)
    for change, field in [
        ({"budget_min": "5000", "budget_max": "10"}, "budget_max"),
        ({"title": ""}, "title"),
        ({"deadline": "2020-01-01"}, "deadline"),
        ({"skills": ["nope"]}, "skills"),
    ]:
        response = browser.post(f"/projects/{shop.pk}/edit", project_form(**change))
        assert response.status_code == 400, change
        assert field in response.context["form"].errors, change
    shop.refresh_from_db()
    assert shop.title == "Django shop checkout"
    assert (shop.budget_min, shop.budget_max) == (100000, 250050)


@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_a_project(client_for, olga, fred, operator, shop, method):
    for person in (olga, fred, operator):
        response = getattr(client_for(person), method)(f"/projects/{shop.pk}/edit", project_form(title="Mine now"))
        assert response.status_code == 404
    shop.refresh_from_db()
    assert shop.title == "Django shop checkout"


def test_visitors_are_asked_to_sign_in_before_editing_or_closing(client, shop):
    assert client.get(f"/projects/{shop.pk}/edit")["Location"].startswith("/accounts/login/")
    assert client.post(f"/projects/{shop.pk}/close")["Location"].startswith("/accounts/login/")


def test_the_owner_closes_her_project_with_a_note(client_for, clara, shop):
    response = client_for(clara).post(f"/projects/{shop.pk}/close", {"note": "Found someone locally."}, follow=True)

    assert response.status_code == 200
    assert b"The project is closed" in response.content
    shop.refresh_from_db()
    assert shop.status == Project.Status.CLOSED
    event = shop.events.get(action="close")
    assert (event.action, event.by, event.note) == ("close", clara, "Found someone locally.")
    assert not shop.timers.filter(cancelled_at__isnull=True).exists()  # no expiry left to fire


def test_closing_needs_a_post(client_for, clara, shop):
    assert client_for(clara).get(f"/projects/{shop.pk}/close").status_code == 405


def test_others_cannot_close_a_project(client_for, olga, fred, shop):
    for person in (olga, fred):
        assert client_for(person).post(f"/projects/{shop.pk}/close").status_code == 404
    shop.refresh_from_db()
    assert shop.status == Project.Status.OPEN


def test_a_closed_project_cannot_be_edited_or_closed_again(client_for, clara, shop):
    project_close(project_id=shop.pk, by=clara)
    browser = client_for(clara)

    for response in (
        browser.get(f"/projects/{shop.pk}/edit"),
        browser.post(f"/projects/{shop.pk}/edit", project_form(title="Too late")),
        browser.post(f"/projects/{shop.pk}/close"),
    ):
        assert response.status_code == 409
        assert b"That did not work" in response.content
    assert b"Only open projects can be edited." in browser.get(f"/projects/{shop.pk}/edit").content
    shop.refresh_from_db()
    assert shop.title == "Django shop checkout"


def detail_queries(browser, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("as_owner", [False, True])
def test_the_number_of_queries_does_not_grow_with_skills_events_or_other_projects(client, client_for, clara, as_owner):
    browser = client_for(clara) if as_owner else client
    small = post(clara, skills=["python"])
    few = detail_queries(browser, f"/projects/{small.pk}")

    big = post(clara, skills=["python", "django", "react", "javascript", "typescript", "php", "seo", "figma"])
    for n in range(10):
        project_close(project_id=post(clara, title=f"Other {n}").pk, by=clara, note=f"note {n}")
    assert detail_queries(browser, f"/projects/{big.pk}") == few  # open, as a job posting search engines read

    for project in (small, big):  # closed with a note: an event more, and no job posting
        project_close(project_id=project.pk, by=clara, note="Closed with a note")
    assert detail_queries(browser, f"/projects/{big.pk}") == detail_queries(browser, f"/projects/{small.pk}")
