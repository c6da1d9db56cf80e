"""What each event says, to whom. One builder per event type reads the thing the step was about and returns the
data for one viewer: a party of the step (`viewer` is their user id) or the market (`viewer` None, an operator's
market-wide endpoint).

Everyone gets the public-safe part: ids, titles, statuses, usernames and amounts as money objects. A party also
gets what is theirs alone: the client their service fee, the freelancer their fee and what they received.
Nobody gets e-mail addresses, payout details, private notes, cover letters, messages or dispute statements:
those stay behind the API, which checks who is asking.
"""

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]


def money(amount: int | None, currency: str) -> Data | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def _person(user: Any) -> Data:
    return {"username": user.username}


def _contract(contract: Any) -> Data:
    return {
        "id": str(contract.pk),
        "title": contract.title,
        "kind": contract.kind,
        "status": contract.status,
        "client": _person(contract.client),
        "freelancer": _person(contract.freelancer),
    }


def _milestone(milestone: Any) -> Data:
    currency = milestone.contract.currency
    return {
        "id": str(milestone.pk),
        "title": milestone.title,
        "status": milestone.status,
        "amount": money(milestone.amount, currency),
        "due_on": milestone.due_on,
        "contract": _contract(milestone.contract),
    }


# ---- one builder per event --------------------------------------------------------------------------------


def proposal_received(proposal: Any, viewer: int | None) -> Data:
    project = proposal.project
    return {
        "proposal": {
            "id": str(proposal.pk),
            "status": proposal.status,
            "price": money(proposal.price, proposal.currency),
            "delivery_days": proposal.delivery_days,
            "freelancer": _person(proposal.freelancer),
            "created_at": proposal.created_at,
        },
        "project": {"id": str(project.pk), "title": project.title},
    }


def contract_started(contract: Any, viewer: int | None) -> Data:
    milestones = contract.milestones.order_by("position", "pk")
    return {
        "contract": _contract(contract)
        | {
            "currency": contract.currency,
            "started_at": contract.started_at,
            "project_id": str(contract.project_id) if contract.project_id else None,
            "milestones": [
                {"id": str(m.pk), "title": m.title, "amount": money(m.amount, contract.currency), "due_on": m.due_on}
                for m in milestones
            ],
        }
    }


def milestone_funded(milestone: Any, viewer: int | None) -> Data:
    data: Data = {"milestone": _milestone(milestone)}
    if viewer == milestone.client_id:  # the fee the client paid on top is the client's business
        data["client_fee"] = money(milestone.client_fee, milestone.contract.currency)
    return data


def milestone_delivered(milestone: Any, viewer: int | None) -> Data:
    latest = milestone.deliveries.order_by("-version").first()
    return {"milestone": _milestone(milestone), "version": latest.version if latest else None}


def milestone_released(milestone: Any, viewer: int | None) -> Data:
    currency = milestone.contract.currency
    data: Data = {"milestone": _milestone(milestone), "released": money(milestone.released, currency)}
    if viewer == milestone.freelancer_id:  # the freelancer's fee tier is theirs alone
        data["freelancer_fee"] = money(milestone.freelancer_fee, currency)
        data["received"] = money(milestone.released - milestone.freelancer_fee, currency)
    return data


def milestone_refunded(milestone: Any, viewer: int | None) -> Data:
    return {"milestone": _milestone(milestone), "refunded": money(milestone.refunded, milestone.contract.currency)}


def _dispute(dispute: Any) -> Data:
    currency = dispute.milestone.contract.currency
    return {
        "id": str(dispute.pk),
        "status": dispute.status,
        "opened_by": dispute.opener_role,
        "held": money(dispute.held, currency),
        "due_at": dispute.due_at,
    }


def dispute_opened(dispute: Any, viewer: int | None) -> Data:
    return {"dispute": _dispute(dispute), "milestone": _milestone(dispute.milestone)}


def dispute_decided(dispute: Any, viewer: int | None) -> Data:
    currency = dispute.milestone.contract.currency
    release = dispute.release or 0
    decided = {
        "release": money(release, currency),
        "refund": money(dispute.held - release, currency),
        "final": dispute.final_decided_by_id is not None,  # an appeal was decided: nothing more to come
        "decided_at": dispute.decided_at,
    }
    return {"dispute": _dispute(dispute) | decided, "milestone": _milestone(dispute.milestone)}


def review_published(review: Any, viewer: int | None) -> Data:
    """A published review is public: what its profile page shows, never the private note."""
    return {
        "review": {
            "id": str(review.pk),
            "contract_id": str(review.contract_id),
            "author_role": review.author_role,
            "reviewer": review.reviewer,
            "subject": _person(review.subject),
            "overall": review.overall,
            "would_work_again": review.would_work_again,
            "went_well": review.went_well,
            "could_improve": review.could_improve,
            "published_at": review.published_at,
        }
    }


def payout_paid(payout: Any, viewer: int | None) -> Data:
    """How much and by which kind of method; never the method's details (account numbers, addresses)."""
    return {
        "payout": {
            "id": str(payout.pk),
            "status": payout.status,
            "amount": money(payout.amount, payout.currency),
            "method": payout.method.kind,
            "created_at": payout.created_at,
        }
    }


BUILDERS: dict[str, Callable[[Any, int | None], Data]] = {
    "proposal.received": proposal_received,
    "contract.started": contract_started,
    "milestone.funded": milestone_funded,
    "milestone.delivered": milestone_delivered,
    "milestone.released": milestone_released,
    "milestone.refunded": milestone_refunded,
    "dispute.opened": dispute_opened,
    "dispute.decided": dispute_decided,
    "review.published": review_published,
    "payout.paid": payout_paid,
}


def build(type_: str, about: Any, viewer: int | None) -> Data:
    return BUILDERS[type_](about, viewer)
