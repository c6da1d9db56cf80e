"""Reviews in a real browser: after a contract that ended with money released, Clara reviews Fred from the
contract page and sees her review sealed; Fred's contract page says only that a sealed review waits for him,
never its words; once Fred has written his, both contract pages show both reviews. Fred's public profile
then shows his reputation (the score and why) with Clara's verified review, /trust/reviews explains it all,
Fred reads his insights and replies in public to Clara's review. Every one of those pages passes axe and
fits a phone."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLARA_WENT_WELL = "Fred delivered a tidy, well-tested shop a day early and explained every choice."
CLARA_COULD_IMPROVE = "Weekly written updates would have saved me a couple of calls."
FRED_WENT_WELL = "Clara's brief was precise and every payment arrived the day it was due."
FRED_REPLY = "Thank you, Clara: weekly written updates are now part of how I work."


def _as(page: Page, live_server, user) -> Page:
    """A second browser window signed in as `user`, beside the first."""
    other = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(other.context, live_server.url, user)
    return other


def _rate(form: Locator, group: str, choice: str) -> None:
    """Pick `choice` in the radio group whose legend is `group` (a star rating or yes/no)."""
    form.get_by_role("group", name=group, exact=True).get_by_label(choice, exact=True).check()


def _write_review(page: Page, *, stars: dict[str, str], yes_to: str, went_well: str, could_improve: str = "") -> None:
    """Fill the review form (`yes_to`: the would-again question, answered yes) and submit it."""
    form = page.locator("form").filter(has=page.get_by_role("button", name="Submit your review"))
    for group, choice in stars.items():
        _rate(form, group, choice)
    _rate(form, yes_to, "Yes")
    form.get_by_label("What went well").fill(went_well)
    if could_improve:
        form.get_by_label("What could be better").fill(could_improve)
    form.get_by_role("button", name="Submit your review").click()


def test_both_parties_review_sealed_then_published_then_reputation_and_reply(
    page: Page, live_server, clara, fred, console, shoot
):
    from openhour.reviews.tests.kit import finished

    contract = finished(clara, fred)
    contract_url = f"{live_server.url}/contracts/{contract.pk}"

    # Clara writes her review from the contract page.
    sign_in(page.context, live_server.url, clara)
    page.goto(contract_url)
    panel = page.get_by_role("region", name="Reviews")
    expect(panel).to_contain_text("Reviews stay sealed until you have both written yours")
    accessible(page, what="review-panel-open")
    panel.get_by_role("button", name="Write your review").click()
    expect(page).to_have_url(f"{contract_url}/review")
    expect(page.get_by_role("heading", name="Review Fred Freelancer", level=1)).to_be_visible()
    expect(page.get_by_text("Nobody may offer you anything for a review")).to_be_visible()
    accessible(page, shoot=shoot, what="review-form")
    clara_stars = {
        "Overall": "5 stars",
        "Quality of work": "5 stars",
        "Communication": "4 stars",
        "Expertise": "5 stars",
        "Timeliness": "5 stars",
        "Value for money": "4 stars",
    }
    _write_review(
        page, stars=clara_stars, yes_to="Would hire again", went_well=CLARA_WENT_WELL, could_improve=CLARA_COULD_IMPROVE
    )
    expect(page).to_have_url(contract_url)
    expect(page.get_by_text("Your review is sealed until")).to_be_visible()
    panel = page.get_by_role("region", name="Reviews")
    expect(panel.get_by_role("link", name="Your review is sealed — edit it")).to_be_visible()
    expect(panel).to_contain_text("Fred Freelancer has not reviewed you yet.")
    accessible(page, shoot=shoot, what="review-sealed")

    # Fred learns that a review waits for him, sealed: he cannot read a word of it.
    fred_page = _as(page, live_server, fred)
    console.watch(fred_page)
    fred_page.goto(contract_url)
    fred_panel = fred_page.get_by_role("region", name="Reviews")
    expect(fred_panel).to_contain_text("Clara Client has written a review: it is sealed until you have written yours")
    expect(fred_page.locator("body")).not_to_contain_text(CLARA_WENT_WELL)
    expect(fred_page.locator("body")).not_to_contain_text(CLARA_COULD_IMPROVE)
    accessible(fred_page, shoot=shoot, what="review-sealed-other")
    fred_page.goto(f"{live_server.url}/u/fred")
    expect(fred_page.locator("body")).not_to_contain_text(CLARA_WENT_WELL)

    # Fred writes his; both are published at once, and both contract pages show both reviews.
    fred_page.goto(contract_url)
    fred_page.get_by_role("region", name="Reviews").get_by_role("button", name="Write your review").click()
    expect(fred_page.get_by_role("heading", name="Review Clara Client", level=1)).to_be_visible()
    fred_stars = {
        "Overall": "5 stars",
        "Clarity of the brief": "5 stars",
        "Communication": "5 stars",
        "Payment promptness": "5 stars",
        "Scope stability": "4 stars",
    }
    _write_review(fred_page, stars=fred_stars, yes_to="Would work for again", went_well=FRED_WENT_WELL)
    expect(fred_page.get_by_text("Both reviews are in: they are published now.")).to_be_visible()
    for person, theirs, mine in ((fred_page, CLARA_WENT_WELL, FRED_WENT_WELL), (page, FRED_WENT_WELL, CLARA_WENT_WELL)):
        person.goto(contract_url)
        reviews = person.get_by_role("region", name="Reviews")
        expect(reviews).to_contain_text(theirs)
        expect(reviews).to_contain_text(mine)
        expect(reviews.get_by_text("Verified contract")).to_have_count(2)
        expect(reviews.get_by_text("sealed", exact=False)).to_have_count(0)
    accessible(page, shoot=shoot, what="reviews-published")

    # Fred's public profile: the score and why, Clara's verified review, and how reviews work.
    visitor = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    console.watch(visitor)
    visitor.goto(f"{live_server.url}/u/fred")
    reputation = visitor.get_by_role("region", name="Reputation as a freelancer")
    expect(reputation).to_contain_text("out of 5")
    expect(reputation).to_contain_text("out of 5 from 1 review")
    expect(reputation).to_contain_text("Ranking score:")  # the published formula, named as what search sorts by
    expect(reputation).to_contain_text(CLARA_WENT_WELL)
    expect(reputation.get_by_text("Verified contract")).to_be_visible()
    expect(reputation.get_by_role("link", name="How reviews work").first).to_be_visible()
    accessible(visitor, shoot=shoot, what="profile-reputation")
    reputation.get_by_role("link", name="How reviews work").first.click()
    expect(visitor).to_have_url(f"{live_server.url}/trust/reviews")
    expect(visitor.get_by_role("heading", name="How reviews work", level=1)).to_be_visible()
    expect(visitor.get_by_role("heading", name="Double-blind publication")).to_be_visible()
    accessible(visitor, shoot=shoot, what="trust-reviews")

    # Fred's insights, then his public reply to Clara's review.
    fred_page.goto(f"{live_server.url}/me/reviews/insights")
    expect(fred_page.get_by_role("heading", name="Review insights", level=1)).to_be_visible()
    expect(fred_page.get_by_role("heading", name="Rating by month")).to_be_visible()
    accessible(fred_page, shoot=shoot, what="review-insights")
    fred_page.goto(f"{live_server.url}/u/fred")
    fred_page.get_by_role("region", name="Reputation as a freelancer").get_by_role(
        "link", name="Link to this review"
    ).first.click()
    expect(fred_page.get_by_role("heading", name="A review of Fred Freelancer", level=1)).to_be_visible()
    accessible(fred_page, shoot=shoot, what="review-reply-form")
    fred_page.get_by_label("Your public reply").fill(FRED_REPLY)
    fred_page.get_by_role("button", name="Publish your reply").click()
    expect(fred_page.get_by_text("Your reply is published.")).to_be_visible()
    expect(fred_page.locator(".review-reply")).to_contain_text(FRED_REPLY)
    accessible(fred_page, shoot=shoot, what="review-reply")
    visitor.goto(fred_page.url)  # everyone reads the reply, and nobody else may write one
    expect(visitor.locator(".review-reply")).to_contain_text(FRED_REPLY)
    expect(visitor.get_by_label("Your public reply")).to_have_count(0)
