"""Days and hours as an hourly contract counts them: in its own time zone, in quarter hours."""

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.contracts.models import Contract
from openhour.lib.errors import InvalidInput

MAX_MINUTES_A_DAY = 24 * 60
CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def local_today(contract: Contract) -> date:
    return timezone.now().astimezone(ZoneInfo(contract.time_zone)).date()


def local_start(contract: Contract) -> date:
    """The day work started, in the contract's time zone (today for a contract not started yet)."""
    if contract.started_at is None:
        return local_today(contract)
    return contract.started_at.astimezone(ZoneInfo(contract.time_zone)).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def hours_text(minutes: int) -> str:
    """Minutes as hours for people: 90 -> "1.5", 120 -> "2", 45 -> "0.75"."""
    return str((Decimal(minutes) / 60).normalize()) if minutes % 60 else str(minutes // 60)


def minutes_from(raw: object) -> int:
    """Hours as typed ("1.5", "1:30", 2) in minutes, in whole quarter hours, more than none and at most a day."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    problem = InvalidInput(fields={"hours": [_("Give hours like 1.5 or 1:30, in quarter hours.")]})
    clock = CLOCK.match(text)
    try:
        minutes = Decimal(int(clock[1]) * 60 + int(clock[2])) if clock else Decimal(text) * 60
        if not minutes.is_finite() or minutes % 15:
            raise problem
    except (InvalidOperation, ArithmeticError):
        raise problem from None
    if not 0 < minutes <= MAX_MINUTES_A_DAY:
        raise InvalidInput(fields={"hours": [_("Give more than 0 and at most 24 hours.")]})
    return int(minutes)
