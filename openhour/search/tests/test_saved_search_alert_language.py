"""A saved search's alert is sent by the timers' worker, which has no request and runs in the site's language: the
e-mail is still written as its owner reads, subject, amounts and all.

Our catalogues are filled elsewhere, so a small French one is compiled here with the alert's subject."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import translation

from openhour.search.saved.alerts import saved_search_alerts_due
from openhour.search.saved.services import saved_search_create
from openhour.search.tests.saved_kit import alerts_to, post
from openhour.tests.small_catalogue import use_catalogues

pytestmark = pytest.mark.django_db
T = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
SUBJECT = ("%(n)s new match for “%(name)s”", "%(n)s new matches for “%(name)s”")


@pytest.fixture(autouse=True)
def _french(tmp_path: Path, settings) -> None:
    use_catalogues(
        settings,
        tmp_path,
        {"fr": {SUBJECT: ("%(n)s nouveau résultat pour « %(name)s »", "%(n)s nouveaux résultats pour « %(name)s »")}},
    )


def alerts_sent(capture) -> None:
    """The timers' beat, in the site's English: the alerts it queues run once it commits."""
    with translation.override("en"), capture(execute=True):
        saved_search_alerts_due()


def test_a_french_freelancers_alert_is_french_and_an_english_ones_english(
    fred, olga, clara, mailoutbox, django_capture_on_commit_callbacks
):
    fred.language = "fr"
    fred.save(update_fields=["language"])
    with time_machine.travel(T, tick=False):
        search = saved_search_create(owner=fred, kind="projects", query={"q": "django"}, alert="instant")
        saved_search_create(owner=olga, kind="projects", query={"q": "django"}, alert="instant")
    with time_machine.travel(T.replace(minute=1), tick=False):
        post(clara, "Django booking site", budget_min=123_400, budget_max=200_000, currency="EUR")
        alerts_sent(django_capture_on_commit_callbacks)

    [french] = alerts_to(mailoutbox, fred)
    assert french.subject == f"1 nouveau résultat pour « {search.name} »"
    assert "1\u202f234\xa0€" in french.body  # the budget as French writes euros
    [english] = alerts_to(mailoutbox, olga)
    assert english.subject == f"1 new match for “{search.name}”"
    assert "€1,234" in english.body
