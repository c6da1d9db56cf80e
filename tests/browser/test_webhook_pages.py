"""The webhook endpoint's page with a delivery that failed: the log reads clearly, passes axe and fits a phone."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page

from tests.browser.support import AXE_OPTIONS, PHONE, sign_in
from tests.browser.test_accessibility import _member


@pytest.fixture
def endpoint(db, settings):
    from openhour.webhooks.models import Attempt, Delivery, Event
    from openhour.webhooks.services.endpoints import endpoint_create

    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.0/8"]
    owner = _member("ines", "Ines Duarte")
    hook = endpoint_create(owner=owner, url="http://127.0.0.1:9/events", events=["milestone.released"])
    event = Event.objects.create(
        id=uuid.uuid4(),
        type="milestone.released",
        about="milestone:7",
        viewer=owner,
        data={},
        created_at=timezone.now(),
    )
    delivery = Delivery.objects.create(
        endpoint=hook,
        event=event,
        status=Delivery.Status.FAILED,
        attempts=2,
        error="Connection refused",
        last_attempt_at=timezone.now(),
    )
    for number, code in ((1, 500), (2, None)):
        Attempt.objects.create(
            delivery=delivery,
            number=number,
            at=timezone.now(),
            response_code=code,
            error="" if code else "Connection refused",
            duration_ms=12,
        )
    return owner, hook


def test_the_delivery_log_is_accessible_and_fits_a_phone(page: Page, live_server, endpoint, console, shoot):
    owner, hook = endpoint
    sign_in(page.context, live_server.url, owner)
    response = page.goto(f"{live_server.url}/me/webhooks/{hook.pk}")
    assert response is not None and response.status == 200
    assert page.get_by_text("Connection refused").count() >= 1
    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, "page-webhook-detail")
    page.set_viewport_size(PHONE)
    shoot(page, "page-webhook-detail-mobile")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert results.violations_count == 0, results.generate_report()
    assert overflow <= 0
