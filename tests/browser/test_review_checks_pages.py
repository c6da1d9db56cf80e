"""Review checks in a real browser, with tasks waiting in the database queue as on a deployment. Clara reviews
Fred: her contract page says her review is submitted and being checked. Twenty minutes later the worker still
has not run it; the operator sees it on the moderation queue and the overdue list, runs its checks, and it leaves
the list. Both pages pass axe and fit a phone."""

from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_being_checked_and_overdue_checks(page: Page, live_server, settings, clara, fred, operator, console, shoot):
    from openhour.reviews.models import Review
    from openhour.reviews.services import reviews as services
    from openhour.reviews.tests.kit import body, finished

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    contract = finished(clara, fred)
    review = services.review_submit(contract_id=contract.pk, by=clara, data=body(went_well="Careful, quick work."))
    url = live_server.url

    sign_in(page.context, url, clara)
    page.goto(f"{url}/contracts/{contract.pk}")
    expect(page.get_by_role("status").filter(has_text="being checked")).to_be_visible()
    accessible(page, shoot=shoot, what="review-being-checked")

    with time_machine.travel(review.updated_at + timedelta(minutes=20), tick=True):
        page.context.clear_cookies()
        sign_in(page.context, url, operator)
        page.goto(f"{url}/operations/moderation")
        page.get_by_role("link", name="See the overdue checks").click()
        expect(page.get_by_role("heading", name="Overdue review checks", level=1)).to_be_visible()
        expect(page.get_by_role("cell", name=f"Review #{review.pk}: Clara")).to_be_visible()
        accessible(page, shoot=shoot, what="review-checks-overdue")
        page.get_by_role("button", name=f"Run the checks of review #{review.pk} now").click()
        expect(page.get_by_text("Every review's checks finished in time.")).to_be_visible()
    review.refresh_from_db()
    assert review.checked_at is not None and review.status == Review.Status.SEALED
