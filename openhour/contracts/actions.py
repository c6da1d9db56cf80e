"""What needs a person's action now, across contracts: each part of contracts lists its own (the dashboard
shows them together)."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Action:
    kind: str  # fund, review_delivery, answer_offer, answer_change_order, answer_dispute, approve_hours, ...
    title: str  # a sentence for the person: "Fund “Design” for Fred Freelancer"
    url: str
    due_at: datetime | None = None  # when it happens by itself or is lost, if ever
