"""Telling the client about time sheets, in the step's own transaction (a rolled-back step tells nobody), as
their notification preferences allow."""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext_noop as _

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.models import Milestone
from openhour.messaging.notifications.said import Moment, Money, said
from openhour.messaging.notifications.services import notification_send


def week_to_review(week: TimesheetWeek, review_ends_at: datetime) -> None:
    """The client learns a week closed, what it holds, and until when they can answer."""
    contract = week.contract
    minutes = sum(week.lines.values_list("minutes", flat=True))
    title = said(
        _("%(name)s’s hours for the week of %(day)s wait for your review"),
        name=contract.freelancer.name,
        day=Moment(week.starts_on, "DATE_FORMAT"),
    )
    body = said(
        _(
            "%(hours)s hours were logged. Please approve them or dispute some lines by %(when)s (%(zone)s time): "
            "if you do neither, they are approved and charged to your wallet."
        ),
        hours=(Decimal(minutes) / 60).normalize(),  # 1.5 in English, 1,5 in French
        when=Moment(review_ends_at, "DATETIME_FORMAT", zone=contract.time_zone),  # the contract's week, its zone
        zone=contract.time_zone,
    )
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
    title = said(_("Approved hours “%(title)s” wait for your payment"), title=milestone.title)
    body = said(
        _(
            "%(amount)s could not be charged to your wallet, which holds too little. Pay by card, or from your "
            "wallet after a deposit."
        ),
        amount=Money(milestone.amount, contract.currency),
    )
    notification_send(
        user=contract.client,
        kind="hours_to_pay",
        title=title,
        body=body,
        url=f"/contracts/{contract.pk}",
        source=f"milestone:{milestone.pk}:to-pay",
    )
