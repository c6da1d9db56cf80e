"""Stage `messages`: the conversation of every client-freelancer pair with a contract, both sides' read marks
and a few messages about the project. What sending and reading keep is written as they would have left it: the
conversation's last message and its time, each side's activity, and the unread count that matches its read mark
(a quarter of the last messages are still unread)."""

import random
from datetime import datetime, timedelta

from bench.data import words
from bench.data.plan import Plan
from bench.data.writer import Table, next_id, sequences_reset
from openhour.contracts.models import Contract
from openhour.messaging.models import Conversation, Message, Participant

UNREAD_SHARE = 0.25  # conversations whose last message is still unread by the one it was sent to


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
        times: list[datetime] = []
        for turn in range(rng.randint(2, 5)):
            at = min(at + timedelta(minutes=rng.randint(5, 600)), now)
            times.append(at)
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
            id=conversation,
            first_id=pair[0],
            second_id=pair[1],
            created_at=started,
            last_message_at=at,
            last_message_id=ids[Message] - 1,
        )
        last_sender = pair[(len(times) - 1) % 2]
        # the last message's reader has not opened it yet (unless it came at the same moment as their reply)
        behind = rng.random() < UNREAD_SHARE and times[-2] < times[-1]
        for user in pair:
            unread = int(behind and user != last_sender)
            read = times[-1 - unread]  # their own reply, just before it, was the last they saw
            tables[Participant].add(
                id=ids[Participant],
                conversation_id=conversation,
                user_id=user,
                last_read_at=read,
                unread=unread,
                activity=at,
            )
            ids[Participant] += 1
    for table in tables.values():
        table.flush()
    sequences_reset(*tables)
    return f"{tables[Conversation].count} conversations, {tables[Message].count} messages"
