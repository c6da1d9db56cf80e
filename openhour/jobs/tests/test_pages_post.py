"""Posting a project at /projects/new: the form, its errors, and who is told what before they may post."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from openhour.jobs.models import Project


def project_form(**overrides: Any) -> dict[str, Any]:
    """Everything the project form sends, as a browser would post it."""
    data = {
        "title": "Logo for a family bakery",
        "description": "A warm, hand-drawn logo for our shop front and bags.",
        "category": "design",
        "skills": ["logo-design", "illustration"],
        "budget_type": "fixed",
        "budget_min": "250.00",
        "budget_max": "500",
        "currency": "GBP",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "visibility": "public",
        "max_proposals": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/projects/new")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/projects/new"


def test_a_client_sees_the_empty_form(client_for, clara):
    response = client_for(clara).get("/projects/new")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Post a project</h1>" in html
    assert 'name="title"' in html
    assert 'type="date" name="deadline"' in html
    assert 'name="skills" value="logo-design"' in html  # the grouped skill picker
    assert "Pick up to 10 skills the work needs" in html
    assert 'hx-get="/skills/suggest"' in html


def test_a_client_posts_a_project_and_lands_on_it(client_for, clara):
    response = client_for(clara).post("/projects/new", project_form(max_proposals="25"))

    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}"
    assert project.client == clara
    assert project.title == "Logo for a family bakery"
    assert project.category.slug == "design"
    assert sorted(project.skills.values_list("slug", flat=True)) == ["illustration", "logo-design"]
    assert (project.budget_min, project.budget_max, project.currency) == (25000, 50000, "GBP")
    assert project.deadline == timezone.localdate() + timedelta(days=30)
    assert project.max_proposals == 25
    assert project.status == Project.Status.OPEN
    assert project.timers.filter(action="expire").count() == 1


def test_the_new_project_page_confirms_the_posting(client_for, clara):
    browser = client_for(clara)

    response = browser.post("/projects/new", project_form(), follow=True)

    assert response.status_code == 200
    assert b"Your project is posted." in response.content
    assert b"Logo for a family bakery" in response.content


def test_pence_and_hourly_budgets_are_kept_exactly(client_for, clara):
    data = project_form(budget_type="hourly", budget_min="19.99", budget_max="20.01", currency="EUR", deadline="")
    client_for(clara).post("/projects/new", data)

    project = Project.objects.get()
    assert (project.budget_type, project.budget_min, project.budget_max) == ("hourly", 1999, 2001)
    assert project.deadline is None
    assert project.max_proposals is None


BAD_INPUT = [
    ("min above max", {"budget_min": "600", "budget_max": "500"}, "budget_max", "cannot be below the least"),
    ("past deadline", {"deadline": "2020-01-01"}, "deadline", "cannot be in the past"),
    ("unknown skill", {"skills": ["logo-design", "juggling"]}, "skills", "juggling"),
    ("missing title", {"title": ""}, "title", "This field is required."),
    ("blank title", {"title": "   "}, "title", "This field is required."),
    ("missing category", {"category": ""}, "category", "This field is required."),
    ("unknown category", {"category": "astrology"}, "category", "Select a valid choice."),
    ("missing budget", {"budget_min": ""}, "budget_min", "This field is required."),
    ("zero budget", {"budget_min": "0", "budget_max": "0"}, "budget_min", "greater than or equal to 0.01"),
    ("words for money", {"budget_max": "lots"}, "budget_max", "Enter a number."),
    ("fractions of a penny", {"budget_min": "10.005"}, "budget_min", "2 decimal places"),
    ("budget too large", {"budget_max": "2000000"}, "budget_max", "at most"),
    ("proposal cap too large", {"max_proposals": "5000"}, "max_proposals", "less than or equal to 200"),
    ("not a date", {"deadline": "next tuesday"}, "deadline", "Enter a valid date."),
    (
        "too many skills",
        {
            "skills": [
                "python",
                "django",
                "javascript",
                "typescript",
                "react",
                "vuejs",
                "nodejs",
                "php",
                "wordpress",
                "shopify",
                "postgresql",
            ]
        },
        "skills",
        "at most 10",
    ),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_input_is_explained_and_nothing_is_saved(client_for, clara, case, change, field, message):
    response = client_for(clara).post("/projects/new", project_form(**change))

    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert b'class="field-errors"' in response.content
    assert b"Please correct the highlighted fields." in response.content
    assert not Project.objects.exists()


def test_what_was_typed_stays_in_the_form_after_an_error(client_for, clara):
    html = client_for(clara).post("/projects/new", project_form(title="")).content.decode()

    assert "A warm, hand-drawn logo" in html
    assert 'name="budget_min" value="250.00"' in html
    assert '<option value="design" selected>' in html
    assert 'name="skills" value="logo-design" checked' in html  # chosen skills stay chosen


def test_an_unverified_person_is_asked_to_verify_first(client_for, una):
    una.is_client = True
    una.save(update_fields=["is_client"])
    browser = client_for(una)

    for response in (browser.get("/projects/new"), browser.post("/projects/new", project_form())):
        assert response.status_code == 403
        html = response.content.decode()
        assert "Verify your e-mail address first" in html
        assert 'href="/accounts/email/"' in html
        assert 'name="title"' not in html  # no form to fill in in vain
    assert not Project.objects.exists()


def test_a_freelancer_is_offered_the_client_role(client_for, fred):
    browser = client_for(fred)

    for response in (browser.get("/projects/new"), browser.post("/projects/new", project_form())):
        assert response.status_code == 403
        html = response.content.decode()
        assert "Add the client role to post projects" in html
        assert '<form method="post" action="/me/roles">' in html
        assert '<input type="hidden" name="role" value="client">' in html
        assert "Also hire freelancers" in html
    assert not Project.objects.exists()


def test_the_role_button_brings_the_freelancer_back_to_the_form(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/me/roles", {"role": "client", "next": "/projects/new"})

    assert response.status_code == 302
    assert response["Location"] == "/projects/new"
    fred.refresh_from_db()
    assert fred.is_client and fred.is_freelancer
    assert browser.get("/projects/new").status_code == 200
    assert browser.post("/projects/new", project_form()).status_code == 302


def test_the_role_button_never_sends_anyone_to_another_site(client_for, fred):
    response = client_for(fred).post("/me/roles", {"role": "client", "next": "https://evil.example/"})

    assert response["Location"] == "/me/profile"
