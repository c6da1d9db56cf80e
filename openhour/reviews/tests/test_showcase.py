"""The showcase: the SVG badge, the embeddable widget, the PNG card of one review, and the share page.

Fred (freelancer) is reviewed by Clara (client) after a paid contract. Olga and signed-out visitors see the
badge, widget and cards like anyone else, but never a sealed review or a private note.
"""

import re
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client
from PIL import Image

from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews import showcase
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

BADGE = "/api/v1/users/{}/badge.svg"
WIDGET = "/api/v1/users/{}/widget"


def published(clara: Any, fred: Any, overall: int = 5, **changes: Any) -> Any:
    """Clara and Fred review each other, so both reviews publish; returns Clara's review of Fred."""
    contract = finished(clara, fred)
    about_fred = review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, overall, **changes))
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))
    about_fred.refresh_from_db()
    assert about_fred.status == "published"
    return about_fred


def sealed(clara: Any, fred: Any, **changes: Any) -> Any:
    """Clara has reviewed Fred; Fred has not reviewed her yet, so her review stays sealed."""
    contract = finished(clara, fred)
    return review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 1, **changes))


# ---- badge ------------------------------------------------------------------------------------------


def test_badge_shows_stars_score_and_count_to_anyone(clara: Any, fred: Any) -> None:
    published(clara, fred, 5)
    response = Client().get(BADGE.format("fred"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>" in svg
    assert "5.0 · 1 review" in svg and "aria-label=" in svg
    assert svg.count("<polygon") == 5


def test_badge_before_any_review(fred: Any) -> None:
    svg = Client().get(BADGE.format("fred")).content.decode()
    assert "No reviews yet" in svg and "<polygon" not in svg


def test_badge_ignores_sealed_reviews(clara: Any, fred: Any) -> None:
    sealed(clara, fred)
    assert "No reviews yet" in Client().get(BADGE.format("fred")).content.decode()


def test_badge_of_unknown_or_inactive_person_is_not_found(fred: Any) -> None:
    assert Client().get(BADGE.format("nobody")).status_code == 404
    fred.is_active = False
    fred.save(update_fields=["is_active"])
    assert Client().get(BADGE.format("fred")).status_code == 404


def test_badge_text_and_partial_stars() -> None:
    text = showcase.badge_text(score=4.66, count=23)
    assert text.value == "4.7 · 23 reviews" and "4.7 out of 5 from 23 reviews" in text.description
    assert showcase.star_fills(4.66) == [1.0, 1.0, 1.0, 1.0, 0.7]
    assert showcase.star_fills(None) == [0.0] * 5


def test_badge_shows_the_role_with_more_reviews(clara: Any, fred: Any) -> None:
    published(clara, fred, 4)  # Clara is reviewed as a client (by Fred) with 5 stars; Fred as freelancer with 4
    assert showcase.showcase_role(fred) == FREELANCER
    assert showcase.showcase_role(clara) == CLIENT


# ---- widget -----------------------------------------------------------------------------------------


def test_widget_lists_latest_reviews_without_scripts_and_is_frameable(clara: Any, fred: Any, client_for: Any) -> None:
    published(clara, fred, 2, went_well="Delivered on the last day.", private_note="Secret: he was late.")
    response = client_for(fred).get(WIDGET.format("fred"))  # signed in or not, the same public page
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Clara C." in html and "Clara Client" not in html
    assert "Delivered on the last day." in html and "Verified contract" in html
    assert "2 out of 5 stars" in html  # a low rating is shown like any other
    assert "Secret" not in html  # never the private note
    assert "<script" not in html.lower() and "http" not in html.replace("http://127.0.0.1:8000", "")
    assert 'target="_blank" rel="noopener"' in html and "/u/fred" in html
    assert "X-Frame-Options" not in response and "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors *" in csp and "script-src 'none'" in csp and "'sha256-" in csp


def test_the_widget_speaks_the_reviewed_persons_language_to_every_visitor(clara: Any, fred: Any) -> None:
    # It sits on the freelancer's own site: one page for everyone, cacheable, whatever the visitor's browser asks.
    published(clara, fred, 4)
    fred.language = "fr"
    fred.save(update_fields=["language"])

    for asked in ("en-GB", "de-DE"):
        response = Client(HTTP_ACCEPT_LANGUAGE=asked).get(WIDGET.format("fred"))
        html = response.content.decode()
        assert response["Content-Language"] == "fr" and 'lang="fr"' in html
        assert "Contrat vérifié" in html and "Verified contract" not in html
        assert "Accept-Language" not in response.get("Vary", "") and "Cookie" not in response.get("Vary", "")


def test_the_rest_of_the_site_still_refuses_framing(fred: Any) -> None:
    response = Client().get("/u/fred")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_widget_never_shows_sealed_reviews(clara: Any, fred: Any) -> None:
    sealed(clara, fred, went_well="Sealed words")
    html = Client().get(WIDGET.format("fred")).content.decode()
    assert "Sealed words" not in html and "No reviews yet" in html


def test_widget_shows_newest_five_whatever_the_rating(clara: Any, fred: Any) -> None:
    for day, stars in enumerate([1, 5, 5, 5, 5, 5], start=1):
        with time_machine.travel(f"2026-10-{day:02d} 12:00Z", tick=False):
            published(clara, fred, stars, went_well=f"Contract number {day}")
    html = Client().get(WIDGET.format("fred")).content.decode()
    assert "Contract number 1" not in html  # the oldest drops off, not the 1-star one by preference
    assert [n for n in range(2, 7) if f"Contract number {n}" in html] == [2, 3, 4, 5, 6]
    assert html.index("Contract number 6") < html.index("Contract number 2")


def test_widget_of_unknown_or_inactive_person_is_not_found(olga: Any) -> None:
    assert Client().get(WIDGET.format("nobody")).status_code == 404
    olga.is_active = False
    olga.save(update_fields=["is_active"])
    assert Client().get(WIDGET.format("olga")).status_code == 404


# ---- card -------------------------------------------------------------------------------------------


def test_card_is_a_png_of_link_preview_size(clara: Any, fred: Any) -> None:
    review = published(clara, fred)
    response = Client().get(f"/reviews/{review.pk}/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(BytesIO(response.content))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_card_draws_without_system_fonts(clara: Any, fred: Any, monkeypatch: Any, tmp_path: Any) -> None:
    review = published(clara, fred)
    monkeypatch.setattr(showcase, "FONT_DIRS", [tmp_path])
    showcase._font.cache_clear()
    showcase._font_file.cache_clear()
    try:
        assert Image.open(BytesIO(showcase.card_png(review))).size == (1200, 630)
    finally:
        showcase._font.cache_clear()
        showcase._font_file.cache_clear()


def test_card_words_never_carry_the_reviewers_surname(clara: Any, fred: Any) -> None:
    review = published(clara, fred, 4, went_well="Fred was great. Signed, Clara Client. Clients love him.")
    text = showcase.card_text(review)
    assert not any(re.search(r"\bClient\b", line) for line in text.strings())
    drawn = " ".join(text.strings())
    assert "Signed, Clara C. Clients love him." in drawn  # the signature is masked, other words are not
    assert text.byline == "Clara C. on working with Fred Freelancer"
    assert text.verified == "Verified contract" and text.rating == "4 out of 5 stars" and text.site == "openhour"
    assert "Fred was great." in drawn


def test_card_excerpt_is_short_and_wrapped(clara: Any, fred: Any) -> None:
    review = published(clara, fred, went_well="word " * 400 + "https://example.com/" + "x" * 300)
    text = showcase.card_text(review)
    assert 1 <= len(text.excerpt) <= showcase.EXCERPT_LINES and text.excerpt[-1].endswith("…”")
    assert len(" ".join(text.excerpt)) < showcase.EXCERPT_CHARS + 10


def test_card_lines_fit_the_picture(clara: Any, fred: Any) -> None:
    fred.name = "Frederick " + "Longname-" * 20 + "Freelancer"
    fred.save(update_fields=["name"])
    text = showcase.card_text(published(clara, fred, went_well="Wonderful " * 60))
    room = showcase.CARD_SIZE[0] - 2 * showcase.MARGIN
    assert text.byline.startswith("Clara C. on working with Frederick") and text.byline.endswith("…")
    assert showcase.text_width(text.byline, size=32, bold=True) <= room
    assert all(showcase.text_width(line, size=showcase.EXCERPT_FONT) <= room for line in text.excerpt)


def test_card_of_a_sealed_or_missing_review_is_not_found(clara: Any, fred: Any, olga: Any, client_for: Any) -> None:
    review = sealed(clara, fred)
    for viewer in (Client(), client_for(olga), client_for(fred), client_for(clara)):
        assert viewer.get(f"/reviews/{review.pk}/card.png").status_code == 404
    assert Client().get("/reviews/999999/card.png").status_code == 404


# ---- share page -------------------------------------------------------------------------------------


def test_share_page_gives_snippets_with_absolute_links(clara: Any, fred: Any, client_for: Any) -> None:
    review = published(clara, fred)
    response = client_for(fred).get("/me/reviews/share")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="badge-snippet">' in html and '<label for="widget-snippet">' in html
    assert "&lt;img src=&quot;http://127.0.0.1:8000/api/v1/users/fred/badge.svg&quot;" in html
    assert "&lt;iframe src=&quot;http://127.0.0.1:8000/api/v1/users/fred/widget&quot;" in html
    assert 'src="/api/v1/users/fred/badge.svg"' in html  # the preview
    assert "/api/v1/users/fred/reviews/export" in html and "python -m openhour.reviews.verify" in html
    assert "http://127.0.0.1:8000/.well-known/openhour-reviews.pub" in html
    assert f"/reviews/{review.pk}/card.png" in html
    assert "<script" not in html.split("</head>")[1]


def test_share_page_needs_signing_in() -> None:
    response = Client().get("/me/reviews/share")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
