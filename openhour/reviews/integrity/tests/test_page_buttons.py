"""The moderation pages offer what `Case.TRANSITIONS` grants the viewer's part: an operator decides an open or
appealed case, either party appeals a decided one. Whoever must not see the form does not, and posting it
anyway is refused (outsiders are told the case does not exist)."""

import pytest

from openhour.reviews.integrity.tests.moderation_kit import decided, flagged, published, second_operator

pytestmark = pytest.mark.django_db

REFUSED = (403, 409)


def test_a_decided_case_offers_the_operator_no_decision(clara, fred, olga, operator, client_for, ledger_ok):
    case = decided(flagged(published(clara, fred), olga), operator)
    for person in (operator, second_operator()):
        answer = client_for(person).get(f"/operations/moderation/{case.pk}")
        assert answer.status_code == 200 and answer.context["may_decide"] is False
        assert "Record the decision" not in answer.content.decode()
        again = client_for(person).post(
            f"/operations/moderation/{case.pk}/decide", {"outcome": "keep", "reason": "Second thoughts."}
        )
        assert again.status_code in REFUSED
    case.refresh_from_db()
    assert case.status == "decided" and case.outcome == "remove"
    ledger_ok()


def test_an_appealed_case_offers_no_party_an_appeal(clara, fred, olga, operator, client_for, ledger_ok):
    case = decided(flagged(published(clara, fred), olga), operator)
    assert client_for(clara).post(f"/moderation/{case.pk}/appeal", {"reason": "Fair words."}).status_code == 302
    for person in (clara, fred):
        answer = client_for(person).get(f"/moderation/{case.pk}")
        assert answer.status_code == 200 and answer.context["may_appeal"] is False
        assert f"/moderation/{case.pk}/appeal" not in answer.content.decode()
        again = client_for(person).post(f"/moderation/{case.pk}/appeal", {"reason": "Once more."})
        assert again.status_code in REFUSED
    ledger_ok()


def test_parties_and_outsiders_never_see_the_operators_decision(clara, fred, olga, operator, client_for, ledger_ok):
    case = flagged(published(clara, fred), olga)
    for person in (clara, fred, olga):
        answer = client_for(person).post(
            f"/operations/moderation/{case.pk}/decide", {"outcome": "keep", "reason": "It is fine."}
        )
        assert answer.status_code in (*REFUSED, 404)
    case.refresh_from_db()
    assert case.status == "open"
    ledger_ok()
