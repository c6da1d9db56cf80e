"""Review rounds: a contract that ends completed opens one (`contract_finish` calls `round_open` in the
transaction that ends it), the platform invites both parties (in the name of the counterpart, with fixed
neutral wording), reminds whoever has not reviewed, and publishes what is in when the window closes.
Invitations cannot be sent by people, only by this module."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.lib.process import timers_fire_due
from openhour.messaging.notifications.said import Moment, said
from openhour.messaging.notifications.services import notification_send
from openhour.reviews.models import ReviewRound, RoundTimer
from openhour.reviews.scoring import reputation_contracts_count


def round_open(*, contract: Contract) -> ReviewRound:
    """Open the window in the transaction that ends the contract, with its reminders and its close."""
    opened = contract.ended_at or timezone.now()
    window = timedelta(days=settings.REVIEW_WINDOW_DAYS)
    round_ = ReviewRound.objects.create(contract=contract, opened_at=opened, closes_at=opened + window)
    for day in settings.REVIEW_REMINDER_DAYS:
        if timedelta(days=day) < window:
            RoundTimer.objects.create(round=round_, action="remind", due_at=opened + timedelta(days=day))
    RoundTimer.objects.create(round=round_, action="close", due_at=round_.closes_at)
    reputation_contracts_count(contract=contract)  # silence counts against "effective percent positive"
    for person in (contract.client, contract.freelancer):
        invite(round_, person, step="open")
    return round_


def invite(round_: ReviewRound, person: User, *, step: str) -> None:
    """The one invitation text: under 90 words, neutral, one link, in the name of the counterpart."""
    contract = round_.contract
    counterpart = contract.freelancer if person.pk == contract.client_id else contract.client
    title = said(
        gettext_noop("How was working with %(name)s on “%(title)s”?"), name=counterpart.name, title=contract.title
    )
    body = said(
        gettext_noop(
            "Your contract has ended. %(name)s and you may now review each other. Please describe your experience "
            "honestly: what went well and what could be better. Reviews stay sealed until you have both written "
            "yours or the window closes on %(when)s, and are published whatever their rating. Nobody may offer "
            "you anything for a review."
        ),
        name=counterpart.name,
        when=Moment(round_.closes_at, "DATE_FORMAT"),
    )
    notification_send(
        user=person,
        kind="review_due",
        title=title,
        body=body,
        url=f"/contracts/{contract.pk}/review",
        source=f"reviewround:{round_.pk}:{step}:{person.pk}",
    )


def rounds_fire_due() -> int:
    return timers_fire_due(timer_model=RoundTimer, fire=_fire)


def _fire(timer: RoundTimer) -> None:
    from openhour.reviews.services.reviews import round_close

    round_ = round_locked(timer.round_id)
    if round_.status != ReviewRound.Status.OPEN:
        return
    if timer.action == "remind":
        reviewed = set(round_.reviews.values_list("author_id", flat=True))
        contract = round_.contract
        for person in (contract.client, contract.freelancer):
            if person.pk not in reviewed:
                invite(round_, person, step=f"remind{timer.pk}")
    elif timer.action == "close":
        round_close(round_)


def round_locked(round_id: int) -> ReviewRound:
    """The round, locked after its pending timers, in the order the timer worker locks them."""
    list(RoundTimer.objects.select_for_update().filter(round_id=round_id, fired_at=None, cancelled_at=None))
    return (
        ReviewRound.objects.select_for_update()
        .select_related("contract__client", "contract__freelancer")
        .get(pk=round_id)
    )
