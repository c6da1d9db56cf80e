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
    Kind("offer_received", _("Offer received or withdrawn"), _("freelancer"), True),
    Kind("offer_answered", _("Offer accepted, declined or lapsed"), _("client"), True),  # next: fund, or look again
    Kind("funding_due", _("Milestones waiting to be funded"), _("client"), True),
    Kind("deadline_soon", _("Milestone due soon"), _("both parties"), True),
    Kind("contract_cancelled", _("Contract cancelled unfunded"), _("both parties"), False),
    Kind("milestone_funded", _("Milestone funded"), _("freelancer"), True),
    Kind("milestone_delivered", _("Milestone delivered, and reminders to review it"), _("client"), True),
    Kind("changes_requested", _("Changes requested"), _("freelancer"), True),
    Kind("milestone_released", _("Payment released"), _("freelancer"), False),
    Kind("milestone_refunded", _("Payment refunded"), _("client"), False),
    Kind("change_order_proposed", _("Change to a contract proposed"), _("the other party"), True),
    Kind("change_order_answered", _("Change to a contract answered"), _("whoever proposed it"), True),
    Kind("dispute_opened", _("Dispute waiting for your side"), _("the party who must answer"), True),
    Kind("dispute_decided", _("Dispute decided, appealed or settled"), _("both parties"), True),
    Kind("hours_to_review", _("Hours to review"), _("client"), True),
    Kind("hours_to_pay", _("Approved hours to pay"), _("client"), True),
    Kind("review_due", _("Invitation to review a finished contract"), _("both parties"), True),
    Kind("review_moderated", _("A moderation decision about a review"), _("both parties"), True),
    Kind("sanction", _("A warning or suspension of your account"), _("the person sanctioned"), True),
    Kind("payout_sent", _("Payout sent"), _("freelancer"), False),
    Kind("payout_failed", _("Payout failed"), _("freelancer"), True),
    Kind("messages", _("New messages (one digest after a quiet spell)"), _("whoever has unread messages"), True),
    Kind("new_sign_in", _("Sign-in from a new browser"), _("the account holder"), True),
    Kind("second_factor_reset", _("Two-factor sign-in reset by an operator"), _("the account holder"), True),
    Kind("identity_decided", _("Identity check verified or not accepted"), _("the person checked"), True),
]

KINDS: dict[str, Kind] = {kind.key: kind for kind in _TABLE}


def default_channel(key: str) -> str:
    return EMAIL if KINDS[key].needs_action else IN_APP
