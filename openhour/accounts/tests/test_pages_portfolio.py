"""A freelancer's portfolio: add with an image, edit, reorder, delete; nobody else may touch it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from openhour.accounts.models import PortfolioItem
from openhour.accounts.services import portfolio_item_create


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def freds_items(fred, image_upload) -> list[PortfolioItem]:
    return [
        portfolio_item_create(user=fred, title=title, description=f"About {title}", link="", image=image_upload())
        for title in ("Bakery shop", "Charity site", "Booking app")
    ]


def titles(user) -> list[str]:
    return list(PortfolioItem.objects.filter(owner=user).order_by("position").values_list("title", flat=True))


def test_an_empty_portfolio_invites_the_first_sample(client_for, fred):
    response = client_for(fred).get("/me/portfolio")

    assert response.status_code == 200
    assert b"No samples yet." in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_a_freelancer_adds_a_sample_with_an_image(client_for, fred, image_upload):
    browser = client_for(fred)

    response = browser.post(
        "/me/portfolio",
        {"title": "  Bakery shop  ", "description": "An online shop.", "link": "shop.example", "image": image_upload()},
    )

    assert response.status_code == 302
    assert response["Location"] == "/me/portfolio"
    item = PortfolioItem.objects.get(owner=fred)
    assert (item.title, item.description, item.link, item.position) == (
        "Bakery shop",
        "An online shop.",
        "https://shop.example",
        0,
    )
    assert item.image.name.startswith("portfolio/")
    assert Path(item.image.path).exists()
    page = browser.get("/me/portfolio").content.decode()
    assert "Added to your portfolio." in page
    assert "Bakery shop" in page
    assert item.image.url in page


def test_new_samples_go_to_the_end(client_for, fred, freds_items, image_upload):
    client_for(fred).post("/me/portfolio", {"title": "Fourth", "image": image_upload()})

    assert titles(fred) == ["Bakery shop", "Charity site", "Booking app", "Fourth"]


def test_a_sample_without_an_image_is_refused(client_for, fred):
    response = client_for(fred).post("/me/portfolio", {"title": "No picture"})

    assert response.status_code == 400
    assert "image" in response.context["form"].errors
    assert b'class="field-errors"' in response.content
    assert 'value="No picture"' in response.content.decode()  # what was typed stays
    assert not PortfolioItem.objects.exists()


def test_a_sample_whose_file_is_not_an_image_is_refused(client_for, fred):
    fake = SimpleUploadedFile("work.png", b"GIF89a but not really", content_type="image/png")

    response = client_for(fred).post("/me/portfolio", {"title": "Fake", "image": fake})

    assert response.status_code == 400
    assert "image" in response.context["form"].errors
    assert b"Upload a JPEG, PNG, WebP or GIF image." in response.content
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(("field", "overrides"), [("title", {"title": ""}), ("link", {"link": "not a link"})])
def test_bad_fields_are_shown_and_nothing_is_added(client_for, fred, image_upload, field, overrides):
    data = {"title": "Bakery shop", "link": "", "image": image_upload(), **overrides}

    response = client_for(fred).post("/me/portfolio", data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


def test_a_client_cannot_add_samples(client_for, clara, image_upload):
    response = client_for(clara).post("/me/portfolio", {"title": "Not mine to add", "image": image_upload()})

    assert response.status_code == 403
    assert b"Only freelancers keep a portfolio: add the freelancer role first." in response.content
    assert not PortfolioItem.objects.exists()
    assert stored_files() == []


def test_a_client_is_told_how_to_get_a_portfolio_instead_of_a_form_that_cannot_work(client_for, clara):
    response = client_for(clara).get("/me/portfolio")

    assert response.status_code == 200
    assert b"Only freelancers keep a portfolio" in response.content
    assert b'type="file"' not in response.content
    assert b"Add your first one below" not in response.content
    assert b'action="/me/roles"' in response.content
    assert b'value="freelancer"' in response.content


def test_the_list_shows_only_my_own_samples(client_for, fred, freds_items, olga):
    response = client_for(olga).get("/me/portfolio")

    assert response.status_code == 200
    assert b"Bakery shop" not in response.content
    assert b"No samples yet." in response.content


def test_a_freelancer_edits_a_sample(client_for, fred, freds_items):
    item = freds_items[1]
    browser = client_for(fred)
    form = browser.get(f"/me/portfolio/{item.pk}")
    assert form.status_code == 200
    assert 'value="Charity site"' in form.content.decode()

    response = browser.post(
        f"/me/portfolio/{item.pk}", {"title": "Charity website", "description": "New words", "link": ""}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.description, item.position) == ("Charity website", "New words", 1)
    assert b"Portfolio item saved." in browser.get("/me/portfolio").content


def test_a_bad_edit_is_shown_and_nothing_changes(client_for, fred, freds_items):
    item = freds_items[0]

    response = client_for(fred).post(f"/me/portfolio/{item.pk}", {"title": "", "link": "nope nope"})

    assert response.status_code == 400
    assert {"title", "link"} <= set(response.context["form"].errors)
    item.refresh_from_db()
    assert item.title == "Bakery shop"


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_elses_sample_cannot_be_edited(client_for, fred, freds_items, olga, method):
    item = freds_items[0]

    response = getattr(client_for(olga), method)(f"/me/portfolio/{item.pk}", {"title": "Taken over", "link": ""})

    assert response.status_code == 404
    assert b"No such portfolio item." in response.content
    assert b"Bakery shop" not in response.content
    item.refresh_from_db()
    assert item.title == "Bakery shop"


def test_a_sample_moves_up_and_down(client_for, fred, freds_items):
    browser = client_for(fred)
    bakery, charity, booking = freds_items

    response = browser.post(f"/me/portfolio/{booking.pk}/move", {"position": "1"})
    assert response.status_code == 302
    assert titles(fred) == ["Bakery shop", "Booking app", "Charity site"]

    browser.post(f"/me/portfolio/{bakery.pk}/move", {"position": "1"})
    assert titles(fred) == ["Booking app", "Bakery shop", "Charity site"]

    browser.post(f"/me/portfolio/{charity.pk}/move", {"position": "0"})
    assert titles(fred) == ["Charity site", "Booking app", "Bakery shop"]
    assert sorted(PortfolioItem.objects.filter(owner=fred).values_list("position", flat=True)) == [0, 1, 2]


def test_the_page_offers_up_and_down_buttons_that_move_by_one(client_for, fred, freds_items):
    html = client_for(fred).get("/me/portfolio").content.decode()
    bakery, charity, booking = freds_items

    for item in (bakery, charity, booking):
        assert f'action="/me/portfolio/{item.pk}/move"' in html
        assert f'action="/me/portfolio/{item.pk}/delete"' in html
    # The first sample may only go down and the last only up.
    assert "Move “Bakery shop” up" not in html
    assert "Move “Bakery shop” down" in html
    assert "Move “Booking app” down" not in html  # last: only "up"
    assert "Move “Booking app” up" in html
    assert html.index("Bakery shop") < html.index("Charity site") < html.index("Booking app")


def test_a_position_out_of_range_puts_the_sample_at_the_end(client_for, fred, freds_items):
    client_for(fred).post(f"/me/portfolio/{freds_items[0].pk}/move", {"position": "99"})

    assert titles(fred) == ["Charity site", "Booking app", "Bakery shop"]


def test_someone_elses_sample_cannot_be_moved(client_for, fred, freds_items, olga):
    response = client_for(olga).post(f"/me/portfolio/{freds_items[2].pk}/move", {"position": "0"})

    assert response.status_code == 404
    assert titles(fred) == ["Bakery shop", "Charity site", "Booking app"]


def test_a_freelancer_deletes_a_sample_and_its_image(client_for, fred, freds_items, django_capture_on_commit_callbacks):
    item = freds_items[0]
    image = Path(item.image.path)

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the deletion commits
        response = client_for(fred).post(f"/me/portfolio/{item.pk}/delete", follow=True)

    assert b"Removed from your portfolio." in response.content
    assert titles(fred) == ["Charity site", "Booking app"]
    assert not image.exists()


def test_someone_elses_sample_cannot_be_deleted(client_for, fred, freds_items, olga):
    item = freds_items[0]

    response = client_for(olga).post(f"/me/portfolio/{item.pk}/delete")

    assert response.status_code == 404
    assert PortfolioItem.objects.filter(pk=item.pk).exists()
    assert Path(item.image.path).exists()


def test_a_missing_sample_is_not_found(client_for, fred, freds_items):
    browser = client_for(fred)

    assert browser.get("/me/portfolio/999999").status_code == 404
    assert browser.post("/me/portfolio/999999/move", {"position": "0"}).status_code == 404
    assert browser.post("/me/portfolio/999999/delete").status_code == 404


@pytest.mark.parametrize("action", ["move", "delete"])
def test_moving_and_deleting_need_a_post(client_for, fred, freds_items, action):
    response = client_for(fred).get(f"/me/portfolio/{freds_items[0].pk}/{action}")

    assert response.status_code == 405
    assert titles(fred) == ["Bakery shop", "Charity site", "Booking app"]


def test_the_portfolio_link_is_in_the_menu_only_for_freelancers(client_for, fred, clara):
    assert b'href="/me/portfolio"' in client_for(fred).get("/me/profile").content
    assert b'href="/me/portfolio"' not in client_for(clara).get("/me/profile").content


def test_deleting_keeps_the_order_without_gaps(client_for, fred, freds_items):
    client_for(fred).post(f"/me/portfolio/{freds_items[1].pk}/delete")

    remaining = list(fred.portfolio.order_by("position").values_list("title", "position"))
    assert [position for _title, position in remaining] == [0, 1]
    assert [title for title, _position in remaining] == [freds_items[0].title, freds_items[2].title]


def test_a_move_without_a_position_changes_nothing(client_for, fred, freds_items):
    before = list(fred.portfolio.values_list("title", flat=True))

    response = client_for(fred).post(f"/me/portfolio/{freds_items[2].pk}/move", {"position": "top"}, follow=True)

    assert b"Choose where to move the item." in response.content
    assert list(fred.portfolio.values_list("title", flat=True)) == before
