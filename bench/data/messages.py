"""Stage `messages`: the conversation of every client-freelancer pair with a contract, both sides' read marks
and a few messages about the project; `last_message_at` is the last message's time, as sending sets it."""

import random
from datetime import datetime, timedelta

from bench.data import words
from bench.data.plan import Plan
from bench.data.writer import Table, next_id, sequences_reset
from openhour.contracts.models import Contract
from openhour.messaging.models import Conversation, Message, Participant


def load(plan: Plan, now: datetime) -> str:
    rng = random.Random(f"{plan.seed}:messages")  # noqa: S311 -- test data, not secrets
    tables = {model: Table(model, now) for model in (Conversation, Participant, Message)}
    ids = {model: next_id(model) for model in tables}
    known = set(Conversation.objects.values_list("first_id", "second_id"))
    pairs = Contract.objects.order_by("pk").values_list("pk", "client_id", "freelancer_id", "project_id", "started_at")
    for contract, client, freelancer, project, started in pairs.iterator(50_000):
        pair = (min(client, freelancer), max(client, freelancer))
        if pair in known:
            continue
        known.add(pair)
        conversation = ids[Conversation]
        ids[Conversation] += 1
        at = started - timedelta(hours=rng.randint(2, 48))
        for turn in range(rng.randint(2, 5)):
            at = min(at + timedelta(minutes=rng.randint(5, 600)), now)
            tables[Message].add(
                id=ids[Message],
                conversation_id=conversation,
                sender_id=pair[turn % 2],
                text=words.paragraph(rng, 5, 30),
                project_id=project,
                contract_id=contract if turn else None,
                created_at=at,
            )
            ids[Message] += 1
        tables[Conversation].add(
            id=conversation, first_id=pair[0], second_id=pair[1], created_at=started, last_message_at=at
        )
        for user in pair:
            tables[Participant].add(id=ids[Participant], conversation_id=conversation, user_id=user, last_read_at=at)
            ids[Participant] += 1
    for table in tables.values():
        table.flush()
    sequences_reset(*tables)
    return f"{tables[Conversation].count} conversations, {tables[Message].count} messages"
