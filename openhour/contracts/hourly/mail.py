"""Telling the client about time sheets, in the step's own transaction (a rolled-back step tells nobody), as
their notification preferences allow."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhour.contracts.hourly.clock import hours_text
from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.models import Milestone
from openhour.lib.money import format_money
from openhour.messaging.notifications.services import notification_send


def week_to_review(week: TimesheetWeek, review_ends_at: datetime) -> None:
    """The client learns a week closed, what it holds, and until when they can answer."""
    contract = week.contract
    minutes = sum(week.lines.values_list("minutes", flat=True))
    when = review_ends_at.astimezone(ZoneInfo(contract.time_zone))
    title = _("%(name)s’s hours for the week of %(day)s wait for your review") % {
        "name": contract.freelancer.name,
        "day": date_format(week.starts_on, "j M Y"),
    }
    body = _(
        "%(hours)s hours were logged. Please approve them or dispute some lines by %(when)s (%(zone)s time): if "
        "you do neither, they are approved and charged to your wallet."
    ) % {"hours": hours_text(minutes), "when": date_format(when, "DATETIME_FORMAT"), "zone": contract.time_zone}
    notification_send(
        user=contract.client,
        kind="hours_to_review",
        title=title,
        body=body,
        url=f"/contracts/{contract.pk}",
        source=f"week:{week.pk}:close",
    )


def hours_to_pay(milestone: Milestone) -> None:
    """Approved hours the wallet could not pay: the client pays them from the contract page."""
    contract = milestone.contract
    title = _("Approved hours “%(title)s” wait for your payment") % {"title": milestone.title}
    body = _(
        "%(amount)s could not be charged to your wallet, which holds too little. Pay by card, or from your wallet "
        "after a deposit."
    ) % {"amount": format_money(milestone.amount, contract.currency)}
    notification_send(
        user=contract.client,
        kind="hours_to_pay",
        title=title,
        body=body,
        url=f"/contracts/{contract.pk}",
        source=f"milestone:{milestone.pk}:to-pay",
    )
