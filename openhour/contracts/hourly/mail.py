"""E-mails of time sheets, sent after commit (a rolled-back step never mails anyone) as the client's
notification preference for hours to review allows."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhour.contracts.hourly.clock import hours_text
from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.models import Milestone
from openhour.lib.money import format_money
from openhour.messaging.notifications.services import email_if_wanted


def _send(subject: str, body: str, to: Any) -> None:
    email_if_wanted(user=to, kind="hours_to_review", subject=subject, body=body)


def week_to_review(week: TimesheetWeek, review_ends_at: datetime) -> None:
    """The client learns a week closed, what it costs, and until when they can answer."""
    contract = week.contract
    minutes = sum(week.lines.values_list("minutes", flat=True))
    when = review_ends_at.astimezone(ZoneInfo(contract.time_zone))
    body = _(
        "%(name)s logged %(hours)s hours in the week of %(day)s. Please approve them or dispute some lines by "
        "%(when)s (%(zone)s time): if you do neither, they are approved and charged to your wallet.\n\n%(link)s"
    ) % {
        "name": contract.freelancer.name, "hours": hours_text(minutes), "day": date_format(week.starts_on, "j M Y"),
        "when": date_format(when, "j F Y, H:i"), "zone": contract.time_zone,
        "link": f"{settings.SITE_URL}/contracts/{contract.pk}",
    }  # fmt: skip
    _send(_("Hours wait for your review"), body, contract.client)


def hours_to_pay(milestone: Milestone) -> None:
    """Approved hours the wallet could not pay: the client pays them from the contract page."""
    contract = milestone.contract
    body = _(
        "The approved hours “%(title)s” (%(amount)s) could not be charged to your wallet, which holds too little. "
        "Pay them by card or from your wallet after a deposit:\n\n%(link)s"
    ) % {
        "title": milestone.title, "amount": format_money(milestone.amount, contract.currency),
        "link": f"{settings.SITE_URL}/contracts/{contract.pk}",
    }  # fmt: skip
    _send(_("Approved hours wait for your payment"), body, contract.client)
