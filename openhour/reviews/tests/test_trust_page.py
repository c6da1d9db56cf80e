"""/trust/reviews: the public page on how reviews work states the rules and the exact formula of
openhour.reviews.scoring, with the parameters the code runs with right now."""

import math
from datetime import timedelta

import pytest

from openhour.reviews import scoring
from openhour.reviews.tests.test_public_reputation import reviewed

FORMULA = "score = (C·m + Σ wᵢ·rᵢ) / (C + Σ wᵢ)"


@pytest.fixture
def page(client, db):
    def read() -> str:
        response = client.get("/trust/reviews")
        assert response.status_code == 200
        return response.content.decode()

    return read


def test_anyone_may_read_who_may_review_and_how_it_is_verified(page):
    html = page()

    assert "<h1>How reviews work</h1>" in html
    assert "Only the two parties of a contract on which money was released" in html
    assert "once each per contract, within 14 days after the contract ends" in html
    assert "“Verified contract” label" in html
    assert "category of the work, a budget band" in html and "never the exact amount" in html
    assert "stays sealed" in html and "both reviews are published together" in html


def test_it_states_that_every_review_is_published_and_lists_the_content_rules(page):
    html = page()

    assert "Every review is published regardless of its rating" in html
    for rule in (
        "No personal data",
        "No abuse, threats, harassment or discrimination",
        "No conflicts of interest",
        "Stay on topic",
        "No extortion and no incentive",
    ):
        assert f"<li>{rule}" in html
    assert "A low rating is never a reason to take a review down." in html


def test_it_says_incentives_are_not_allowed_and_only_the_platform_invites(page):
    html = page()

    assert "Offering or accepting anything in exchange for a review" in html
    assert "the platform alone invites both parties" in html
    assert "at most 2 reminders (on days 7 and 13)" in html
    assert "one public reply to each published review. They may edit it for 30 days" in html


def test_the_formula_is_the_one_the_code_runs(page):
    html = page()

    assert FORMULA in html and FORMULA in (scoring.__doc__ or "")
    assert "0.5^(ageᵢ / H)" in html
    assert "the half-life: 12 months (REPUTATION_HALF_LIFE_MONTHS)" in html
    assert "the prior: 7 imaginary reviews at the platform mean (REPUTATION_PRIOR_REVIEWS)" in html
    assert "z = 1.96 (95% confidence)" in html
    assert "(p + z²/2n − z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)" in html
    assert "<strong>effective percent positive</strong>: positive reviews (4 or 5 stars) ÷ all completed" in html
    # What the page says, computed by hand, is what the code computes.
    assert scoring.decay_weight(timedelta(days=365.25), 12) == pytest.approx(0.5)  # half as much after H
    p, n, z = 0.75, 4, 1.96
    by_hand = (p + z * z / (2 * n) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert scoring.wilson_lower_bound(3, 4) == pytest.approx(by_hand, abs=1e-4)
    assert scoring.bayesian_score([(5, 1.0), (3, 1.0)], prior_mean=4.5, prior_reviews=7) == (7 * 4.5 + 8) / 9


def test_it_shows_the_live_parameters(page, settings):
    settings.REPUTATION_PRIOR_REVIEWS, settings.REPUTATION_HALF_LIFE_MONTHS = 3, 6
    settings.REVIEW_WINDOW_DAYS, settings.REPLY_EDIT_DAYS = 10, 20

    html = page()

    assert "the prior: 3 imaginary reviews" in html and "the half-life: 6 months" in html
    assert "within 10 days after the contract ends" in html and "edit it for 20 days" in html
    assert "at most 1 reminder (on day 7)" in html  # day 13 falls outside a 10-day window: never sent
    assert "Now: no reviews yet for freelancers" in html


def test_it_shows_the_current_platform_means(page, clara, fred, ledger_ok):
    reviewed(clara, fred, by_client=4, by_freelancer=5)

    html = page()

    assert "Now: 4.00 for freelancers, 5.00 for clients." in html
    ledger_ok()


def test_it_documents_the_signed_export_and_how_to_verify_it(page):
    html = page()

    assert "python -m openhour.reviews.verify export.json openhour-reviews.pub" in html
    assert '<a href="/.well-known/openhour-reviews.pub">' in html
