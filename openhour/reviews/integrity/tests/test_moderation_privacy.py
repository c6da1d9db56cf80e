"""Users never see other users' signals or private notes: the party view of a decision shows the outcome, the
reason and the rule only, to the review's author and subject; everyone else gets a 404."""

import pytest

from openhour.reviews.integrity.models import RiskSignal
from openhour.reviews.integrity.tests.moderation_kit import decided, flagged
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

NOTE = "Between us: he offered a refund for five stars."


def case_with_secrets(clara, fred, olga, operator):
    contract = finished(clara, fred)
    review = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", 2, private_note=NOTE))
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4))
    RiskSignal.objects.update_or_create(
        review=review, kind="conflict", defaults={"score": 0.9, "evidence": {"shared_ip": "203.0.113.7"}}
    )
    return decided(
        flagged(review, olga, text="Olga's confidential report."), operator, outcome="keep", reason="Within the rules."
    )


def test_the_party_view_shows_the_decision_and_nothing_private(clara, fred, olga, operator, client_for, ledger_ok):
    case = case_with_secrets(clara, fred, olga, operator)
    for person in (clara, fred):
        page = client_for(person).get(f"/moderation/{case.pk}")
        html = page.content.decode()
        assert page.status_code == 200 and "Within the rules." in html and "The review stays published." in html
        for secret in (NOTE, "203.0.113.7", "Conflict of interest", "confidential report", "Olga", "0.9"):
            assert secret not in html, (person, secret)
        api = client_for(person).get(f"/api/v1/moderation/{case.pk}")
        assert api.status_code == 200 and api.json()["reason"] == "Within the rules."
        for secret in (NOTE, "203.0.113.7", "conflict", "confidential", "signals", "private_note"):
            assert secret not in api.content.decode(), (person, secret)
    ledger_ok()


def test_others_get_a_404(clara, fred, olga, una, operator, client_for, client, ledger_ok):
    case = case_with_secrets(clara, fred, olga, operator)
    assert client.get(f"/moderation/{case.pk}").status_code == 302
    assert client.get(f"/api/v1/moderation/{case.pk}").status_code == 401
    for person in (olga, una):
        assert client_for(person).get(f"/moderation/{case.pk}").status_code == 404
        assert client_for(person).get(f"/api/v1/moderation/{case.pk}").status_code == 404
        assert client_for(person).get(f"/api/v1/operations/moderation/{case.pk}").status_code == 404
    assert client_for(clara).get("/moderation/999999").status_code == 404
    ledger_ok()


def test_public_review_reads_never_carry_signals_or_notes(clara, fred, olga, operator, client, ledger_ok):
    case = case_with_secrets(clara, fred, olga, operator)
    for url in (f"/reviews/{case.review_id}", "/u/fred/reviews", "/api/v1/users/fred/reviews"):
        html = client.get(url).content.decode()
        assert "Within the rules." not in html and NOTE not in html and "203.0.113.7" not in html, url
    ledger_ok()
