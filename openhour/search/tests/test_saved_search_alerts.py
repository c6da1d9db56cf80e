"""E-mail alerts of saved searches. Fred (a freelancer) follows projects; Clara (a client) follows freelancers.

- instant: new matches are e-mailed on the timers' next beat, each once, never what was there before the search
  was saved, never what the person made themselves;
- daily: one digest a day of what is new since the last;
- freelancers: only people who were not found before;
- no e-mail while the alert is off or the address unverified; the one-click unsubscribe turns the alert off."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.search.saved.alerts import saved_search_alerts_due
from openhour.search.saved.models import SavedSearch
from openhour.search.saved.services import saved_search_create, saved_search_update
from openhour.search.tests.saved_kit import alerts_to, post

pytestmark = pytest.mark.django_db
T = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def at(minutes: float = 0, days: int = 0) -> time_machine.travel:
    return time_machine.travel(T + timedelta(days=days, minutes=minutes), tick=False)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """The timers' beat: the alerts it queues run once it commits."""

    def beat() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            saved_search_alerts_due()

    return beat


def follow(user, kind="projects", alert="instant", **query) -> SavedSearch:
    return saved_search_create(owner=user, kind=kind, query=query, alert=alert)


def test_an_instant_alert_lists_new_matching_projects_once(sweep, fred, clara, mailoutbox):
    with at(0):
        post(clara, "Django shop from before")  # there before the search: never sent
        follow(fred, q="django")
    with at(1):
        post(clara, "Django booking site")
        post(clara, "Logo for a bakery")
        sweep()
    with at(2):
        sweep()  # the same minute looked at again: nothing twice

    [mail] = alerts_to(mailoutbox, fred)
    text = mail.body
    assert "Django booking site" in text and "Logo for a bakery" not in text and "from before" not in text
    assert mail.subject == "1 new match for “Projects: django”"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Django booking site" in mail.alternatives[0][0]  # the HTML part too


def test_nothing_for_a_project_the_person_posted_themselves(sweep, clara, mailoutbox):
    with at(0):
        follow(clara, q="django")
    with at(1):
        post(clara, "Django booking site")
        sweep()

    assert alerts_to(mailoutbox, clara) == []


def test_a_daily_alert_sends_one_digest_a_day_of_what_is_new(sweep, fred, clara, mailoutbox):
    with at(0):
        follow(fred, alert="daily", category="web-software")
    with at(60):
        post(clara, "Django booking site")
        post(clara, "Shop checkout")
        sweep()
        assert alerts_to(mailoutbox, fred) == []  # its day is not up
    with at(days=1):
        sweep()
    with at(days=1, minutes=30):
        post(clara, "Payment page")
        sweep()
    with at(days=2, minutes=1):
        sweep()

    first, second = alerts_to(mailoutbox, fred)
    assert "Django booking site" in first.body and "Shop checkout" in first.body
    assert "Payment page" in second.body and "Shop checkout" not in second.body


def test_a_freelancer_search_tells_only_of_people_it_had_not_found(sweep, clara, fred, olga, mailoutbox):
    with at(0):
        follow(clara, kind="freelancers", skill="django")
    with at(1):
        profile_update(user=olga, headline="Django and React", skills=["django", "react"])
        sweep()
    with at(5):
        profile_update(user=olga, headline="Django, React and Vue")  # still a match, not a new one
        sweep()

    [mail] = alerts_to(mailoutbox, clara)
    assert "Olga Outsider" in mail.body
    assert "Fred Freelancer" not in mail.body  # matched already before the search was saved, unchanged since


def test_no_e_mail_while_the_alert_is_off_nor_to_an_unverified_address(sweep, fred, clara, mailoutbox):
    una = make_user("una", name="Una Unverified", freelancer=True, verified=False)
    with at(0):
        quiet = follow(fred, q="django")
        saved_search_update(owner=fred, search_id=quiet.pk, alert="off")
        follow(una, q="django")
    with at(1):
        post(clara, "Django booking site")
        sweep()

    assert alerts_to(mailoutbox, fred) == [] and alerts_to(mailoutbox, una) == []


def test_turning_an_alert_on_again_starts_from_then(sweep, fred, clara, mailoutbox):
    with at(0):
        search = follow(fred, alert="off", q="django")
    with at(1):
        post(clara, "Django shop posted while off")
        sweep()
    with at(10):
        saved_search_update(owner=fred, search_id=search.pk, alert="instant")
    with at(11):
        post(clara, "Django booking site")
        sweep()

    [mail] = alerts_to(mailoutbox, fred)
    assert "Django booking site" in mail.body and "while off" not in mail.body


def test_the_one_click_unsubscribe_turns_that_alert_off_without_signing_in(sweep, fred, clara, mailoutbox):
    with at(0):
        search = follow(fred, q="django")
        other = follow(fred, q="logo")
    with at(1):
        post(clara, "Django booking site")
        sweep()
    [mail] = alerts_to(mailoutbox, fred)
    link = mail.extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]

    asked = Client().get(f"/{path}")
    assert asked.status_code == 200 and "Stop these e-mails" in asked.content.decode()
    search.refresh_from_db()
    assert search.alert == "instant"  # looking is not unsubscribing

    done = Client(enforce_csrf_checks=True).post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    search.refresh_from_db(), other.refresh_from_db()
    assert search.alert == "off" and other.alert == "instant"


def test_a_tampered_unsubscribe_link_changes_nothing(fred):
    search = follow(fred, q="django")

    answer = Client().post("/saved-searches/unsubscribe/not-a-token")

    assert answer.status_code == 400
    search.refresh_from_db()
    assert search.alert == "instant"


def test_searches_with_nothing_new_cost_no_query_and_each_look_costs_the_same(fred, clara):
    with at(0):
        for n in range(10):
            follow(make_user(f"f{n}", name=f"F {n}", freelancer=True), q="django")
    with at(5), CaptureQueriesContext(connection) as quiet:
        saved_search_alerts_due()
    assert len(quiet) <= 4  # the newest project and profile, the due searches, the retry: none is due

    with at(6):
        post(clara, "Django booking site")
    with at(7), CaptureQueriesContext(connection) as one_new:
        saved_search_alerts_due()
    with at(8):
        for n in range(5):
            post(clara, f"Django shop {n}")
    with at(9), CaptureQueriesContext(connection) as five_new:
        saved_search_alerts_due()
    assert len(five_new) <= len(one_new)  # per search, not per project


def test_an_alert_whose_e_mail_failed_is_sent_on_a_later_beat(sweep, fred, clara, mailoutbox, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    with at(0):
        follow(fred, q="django")
    real_send = EmailMultiAlternatives.send
    monkeypatch.setattr(EmailMultiAlternatives, "send", lambda self, *a, **k: (_ for _ in ()).throw(OSError("down")))
    with at(1):
        post(clara, "Django booking site")
        sweep()  # the mail server refuses: the task fails and the match stays unsent
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    with at(5):
        sweep()
        assert alerts_to(mailoutbox, fred) == []  # not yet: retried a while later
    with at(12):
        sweep()
    with at(13):
        sweep()

    [mail] = alerts_to(mailoutbox, fred)
    assert "Django booking site" in mail.body
