"""Real parallel transactions (PostgreSQL): a double click on "Block" makes one block, and the same report sent
twice at once makes one report; the other request gets a clear refusal, never an error page."""

import pytest

from openhour.lib.errors import DomainError
from openhour.messaging.models import Block, Report
from openhour.messaging.safety.services import block_add, report_create
from openhour.messaging.safety.tests.kit import say
from openhour.money.tests.kit import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_blocking_twice_at_once_makes_one_block(clara, fred):
    results = in_parallel(2, lambda: block_add(by=clara, username="fred"))

    assert sum(isinstance(r, Block) for r in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["already_blocked"]
    assert Block.objects.count() == 1


def test_the_same_report_twice_at_once_makes_one_report(clara, fred):
    message = say(fred, clara, "Pay me outside")

    def work() -> object:
        return report_create(by=clara, username="fred", message_id=message.pk, reason="off_platform", text="")

    results = in_parallel(2, work)
    assert sum(isinstance(r, Report) for r in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["already_reported"]
    assert Report.objects.count() == 1
