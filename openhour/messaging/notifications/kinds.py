"""The kinds of notification: who gets each, what it is called, and whether it needs the person to act.

Kinds that need action are e-mailed by default; the rest stay in the app unless the person asks for e-mail.
Each person can change this per kind on /me/notifications (in the app and by e-mail, in the app only, off).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise  # what the preferences page calls it
    audience: Promise  # who receives it
    needs_action: bool  # e-mailed by default


EMAIL, IN_APP, OFF = "email", "in_app", "off"

# key                      label                                         who receives it                 action
_TABLE = [
    Kind("invited", _("Invited to a project"), _("freelancer"), True),
    Kind("proposal_received", _("Proposal received"), _("client"), True),
    Kind("proposal_declined", _("Proposal declined"), _("freelancer"), False),
    Kind("hired", _("Hired"), _("freelancer"), True),
    Kind("offer_received", _("Offer received"), _("freelancer"), True),
    Kind("offer_answered", _("Offer accepted or declined"), _("client"), True),  # next: fund, or look again
    Kind("milestone_funded", _("Milestone funded"), _("freelancer"), True),
    Kind("milestone_delivered", _("Milestone delivered"), _("client"), True),
    Kind("changes_requested", _("Changes requested"), _("freelancer"), True),
    Kind("milestone_released", _("Payment released"), _("freelancer"), False),
    Kind("milestone_refunded", _("Payment refunded"), _("client"), False),
    Kind("change_order_proposed", _("Change to a contract proposed"), _("the other party"), True),
    Kind("change_order_answered", _("Change to a contract answered"), _("whoever proposed it"), True),
    Kind("dispute_opened", _("Dispute opened"), _("the other party"), True),
    Kind("dispute_decided", _("Dispute decided"), _("both parties"), True),
    Kind("hours_to_review", _("Hours to review"), _("client"), True),
    Kind("review_due", _("Review due"), _("both parties"), True),
    Kind("payout_sent", _("Payout sent"), _("freelancer"), False),
    Kind("payout_failed", _("Payout failed"), _("freelancer"), True),
    Kind("messages", _("New messages (one digest after a quiet spell)"), _("whoever has unread messages"), True),
]

KINDS: dict[str, Kind] = {kind.key: kind for kind in _TABLE}

# Kinds whose part of the product writes its own, more specific e-mail (deadlines, amounts) through
# `email_if_wanted`, which honours the same preference: the notification stays in the app, so one mail each.
OWN_MAIL = {
    "offer_received", "offer_answered", "change_order_proposed", "change_order_answered", "dispute_opened",
    "dispute_decided", "hours_to_review",
}  # fmt: skip


def default_channel(key: str) -> str:
    return EMAIL if KINDS[key].needs_action else IN_APP
