"""Every operation of the schema fuzzed in-process (schemathesis over the WSGI app), signed in as a member who is
both client and freelancer: no 500, status codes, content types and answers as documented, input the schema
forbids refused, and input the schema allows accepted.

Some inputs name the market's data, which a schema cannot list: a category or skill slug, a username, a card
token, a cursor, a quarter of the transparency report. The schema marks them with a `format` (docs/api.md lists
them), and the fuzzer draws those from the market here, as a client would from GET /categories or a page's
`next_cursor`. A request naming something the fuzzer made up instead (the coverage phase draws boundary values
from the constraints alone) is still held to every other check. Rules that tie one value to another (a budget's
top above its bottom, one currency in a body) are beyond JSON Schema too: such a request may be refused. What
remains outside any schema is in `fuzzing.DATA_THE_SCHEMA_CANNOT_STATE`, each with its reason."""

from hypothesis import HealthCheck, settings

from tests.api.fuzzing import EXAMPLES, checks_to_skip, schema


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_schema(case, fuzz_member):
    # The in-process WSGI transport offers gzip like a browser but hands the checks the bytes undecoded; a real
    # client decodes them, so the fuzzer asks for the body as it is.
    headers = {**fuzz_member, "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, excluded_checks=checks_to_skip(case))
