"""Behaviour that depends on PostgreSQL: Clara has two tabs open and hires two different freelancers
for one project at the same moment. The project lock queues them: exactly one contract is made."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from openhour.contracts.models import Contract
from openhour.jobs.models import Project, Proposal
from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def in_threads(work: Callable[[int], Any], count: int) -> list[Any]:
    """Run `work(n)` in `count` threads started together; return what each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcomes[n] = work(n)
        except Exception as error:
            outcomes[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_tabs_accepting_two_proposals_at_once_make_one_contract(clara, fred, olga):
    for _round in range(5):
        project = post(clara)
        chosen = [send(project, fred), send(project, olga)]

        ids = [proposal.pk for proposal in chosen]
        outcomes = in_threads(lambda n, ids=ids: proposal_accept(proposal_id=ids[n], by=clara), 2)

        contracts = [outcome for outcome in outcomes if isinstance(outcome, Contract)]
        refusals = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
        assert (len(contracts), len(refusals)) == (1, 1), outcomes
        assert refusals[0].code == "proposal_closed"
        assert Contract.objects.filter(project=project).count() == 1
        assert Project.objects.get(pk=project.pk).status == "hired"
        statuses = sorted(Proposal.objects.filter(project=project).values_list("status", flat=True))
        assert statuses == ["accepted", "closed"]


def test_two_tabs_accepting_the_same_proposal_make_one_contract(clara, fred):
    project = post(clara)
    proposal = send(project, fred)

    outcomes = in_threads(lambda n: proposal_accept(proposal_id=proposal.pk, by=clara), 3)

    assert sum(isinstance(outcome, Contract) for outcome in outcomes) == 1, outcomes
    assert all(isinstance(o, Contract) or getattr(o, "code", "") == "proposal_accepted" for o in outcomes), outcomes
    assert Contract.objects.count() == 1
