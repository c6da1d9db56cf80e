"""The schema's operations chained as a client would chain them (schemathesis's stateful phase): what one answer
creates, the next request names, by the links schemathesis infers from the typed answers. Besides each answer's
own checks, this holds the API to two promises no single request can test: what was just created can be read
(resource availability), and what was just deleted is gone (use after free)."""

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import ignored_auth

from tests.api.fuzzing import EXAMPLES, checks_to_skip, schema


def test_chained_calls_keep_the_schema(fuzz_member):
    class SignedIn(schema.as_state_machine()):  # type: ignore[misc]
        # Each scenario starts from the same market: what one made is rolled back before the next, so hypothesis
        # replays a scenario against the state it first met.
        def setup(self):
            cache.clear()  # rate limits count in the cache
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case):
            return {"headers": {**fuzz_member, "Accept-Encoding": "identity"}}  # its transport does not gunzip

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # The member's token comes with every call here, so the credentials schemathesis makes up for a step
            # are never the ones sent: test_fuzz holds each operation to refusing made-up credentials.
            skip = [*checks_to_skip(case), ignored_auth]
            case.validate_response(
                response, excluded_checks=skip, transport_kwargs=kwargs or None, recorder=self.recorder
            )

    steps = settings(
        max_examples=EXAMPLES * 5, stateful_step_count=8, deadline=None, suppress_health_check=list(HealthCheck)
    )
    run_state_machine_as_test(SignedIn, settings=steps)
