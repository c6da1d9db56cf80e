"""Direct offers over the API: a verified client offers a contract to a freelancer; he accepts (work begins)
or declines; she may withdraw it. Only the two parties (and operators) see it; an offer takes no money."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.contracts.models import Contract
from openhour.contracts.services.offers import offer_actions_for, offer_decline
from openhour.contracts.tests.test_offers_kit import fixed_offer, hourly_offer, offer_body, post
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def test_a_client_offers_a_fixed_contract_and_the_freelancer_accepts(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = post(client_for(clara), "/api/v1/offers", offer_body())
    assert sent.status_code == 201, sent.content
    offer = sent.json()
    assert (offer["status"], offer["kind"], offer["revisions"]) == ("offered", "fixed", 2)
    assert [(m["title"], m["amount"]["amount"], m["criteria"]) for m in offer["milestones"]] == [
        ("Part 1", 20_000, "Works on a phone."),
        ("Part 2", 10_000, "Works on a phone."),
    ]
    assert offer["events"][0]["action"] == "offer" and offer["offer_message"] == "A new shop for our bakery."
    expires = timezone.now() + timedelta(days=14)
    assert abs(timezone.datetime.fromisoformat(offer["offer"]["expires_at"]) - expires) < timedelta(minutes=1)
    # what Fred would pay: 20% of £300
    assert offer["offer"]["fee_preview"]["fee"] == {"amount": 6_000, "currency": "GBP"}
    assert mailoutbox[0].to == [fred.email] and "Clara Client offers you a contract" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        accepted = post(client_for(fred), f"/api/v1/contracts/{offer['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["status"] == "active" and body["started_at"] and body["offer"] is None
    assert body["milestones"][0]["due_on"] == str((timezone.now() + timedelta(days=7)).date())
    assert mailoutbox[-1].to == [clara.email] and "accepted your offer" in mailoutbox[-1].body


def test_an_hourly_offer_has_a_rate_a_weekly_limit_and_a_time_zone(clara, fred, client_for):
    body = offer_body(kind="hourly", milestones=[], hourly_rate=4_500, weekly_limit=10, time_zone="America/New_York")
    sent = post(client_for(clara), "/api/v1/offers", body)
    assert sent.status_code == 201, sent.content
    offer = sent.json()
    assert (offer["kind"], offer["hourly_rate"]["amount"], offer["weekly_limit"]) == ("hourly", 4_500, 10)
    assert offer["time_zone"] == "America/New_York" and offer["milestones"] == []
    assert offer["offer"]["fee_preview"]["amount"]["amount"] == 45_000  # a full week: 10 hours at £45


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"title": "", "message": ""}, {"title", "message"}),
        ({"milestones": []}, {"milestones"}),
        ({"milestones": [{"title": "Part", "amount": 0, "due_in_days": 7}]}, {"milestones"}),
        ({"milestones": [{"title": "Part", "amount": 10**12, "due_in_days": 7}]}, {"milestones"}),
        ({"milestones": [{"title": "Part", "amount": 100, "due_in_days": 0}]}, {"milestones"}),
        ({"milestones": [{"title": f"P{n}", "amount": 100, "due_in_days": 1} for n in range(6)]}, {"milestones"}),
        ({"currency": "XYZ"}, {"currency"}),
        ({"kind": "hourly", "milestones": [], "hourly_rate": 0, "weekly_limit": 0}, {"hourly_rate", "weekly_limit"}),
        (
            {"kind": "hourly", "milestones": [], "hourly_rate": 100, "weekly_limit": 5, "time_zone": "Mars/Olympus"},
            {"time_zone"},
        ),
        (
            {"kind": "hourly", "milestones": [], "hourly_rate": 100, "weekly_limit": 5, "time_zone": "../etc/passwd"},
            {"time_zone"},
        ),
    ],
)
def test_bad_terms_are_refused_field_by_field_and_nothing_is_made(clara, fred, client_for, changes, fields):
    refused = post(client_for(clara), "/api/v1/offers", offer_body(**changes))
    assert refused.status_code == 400, refused.content
    assert set(refused.json()["error"]["fields"]) == fields
    assert not Contract.objects.exists()


def test_the_milestone_problems_say_which_row(clara, fred, client_for):
    rows = [{"title": "Fine", "amount": 100, "due_in_days": 3}, {"title": "", "amount": -5, "due_in_days": 3}]
    problems = post(client_for(clara), "/api/v1/offers", offer_body(milestones=rows)).json()["error"]["fields"]
    assert problems["milestones"] == [
        "Milestone 2: give it a title of at most 120 characters.",
        "Milestone 2: an amount is more than zero and at most 1,000,000.",
    ]


def test_who_may_offer_to_whom(clara, fred, olga, una, client_for):
    to_self = post(client_for(clara), "/api/v1/offers", offer_body(to="clara"))
    assert (to_self.status_code, to_self.json()["error"]["code"]) == (400, "offer_to_self")
    assert to_self.json()["error"]["fields"] == {"to": ["Choose someone else."]}
    una.is_client = True
    una.save()
    assert post(client_for(una), "/api/v1/offers", offer_body()).json()["error"]["code"] == "email_unverified"
    assert post(client_for(olga), "/api/v1/offers", offer_body()).status_code == 403  # not a client
    assert post(client_for(clara), "/api/v1/offers", offer_body(to="nobody")).status_code == 404
    assert post(client_for(fred), "/api/v1/offers", offer_body(to="clara")).status_code == 403  # no client either
    fred.is_client = True
    fred.save()
    to_client = post(client_for(fred), "/api/v1/offers", offer_body(to="clara"))
    assert (to_client.status_code, to_client.json()["error"]["code"]) == (400, "not_a_freelancer")
    assert "Clara Client does not work as a freelancer here." in to_client.json()["error"]["message"]
    assert not Contract.objects.exists()


def test_the_same_offer_twice_is_refused_while_the_first_waits(clara, fred, client_for):
    first = post(client_for(clara), "/api/v1/offers", offer_body())
    again = post(client_for(clara), "/api/v1/offers", offer_body())
    assert (again.status_code, again.json()["error"]["code"]) == (409, "offer_pending")
    post(client_for(clara), f"/api/v1/contracts/{first.json()['id']}/withdraw", {"note": "Wrong amounts."})
    assert post(client_for(clara), "/api/v1/offers", offer_body()).status_code == 201


def test_only_the_parties_and_operators_see_an_offer(clara, fred, olga, operator, client_for):
    offer = fixed_offer(clara, fred)
    for person in (clara, fred, operator):
        assert client_for(person).get(f"/api/v1/contracts/{offer.pk}").status_code == 200
    assert client_for(olga).get(f"/api/v1/contracts/{offer.pk}").status_code == 404
    for step in ("accept", "decline", "withdraw"):
        assert post(client_for(olga), f"/api/v1/contracts/{offer.pk}/{step}").status_code == 404
    assert post(client_for(olga), "/api/v1/contracts/99999999/accept").status_code == 404
    offer.refresh_from_db()
    assert offer.status == "offered"


def test_the_freelancer_declines_with_a_reason_the_client_sees(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    offer = fixed_offer(clara, fred)
    assert post(client_for(clara), f"/api/v1/contracts/{offer.pk}/decline").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        declined = post(client_for(fred), f"/api/v1/contracts/{offer.pk}/decline", {"note": "Fully booked in May."})
    assert declined.json()["status"] == "declined"
    assert declined.json()["events"][-1] | {"at": None} == {
        "action": "decline",
        "actor": "freelancer",
        "from": "offered",
        "to": "declined",
        "at": None,
        "note": "Fully booked in May.",
    }
    again = post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "contract_declined")
    assert mailoutbox[-1].to == [clara.email]


def test_the_client_withdraws_and_the_freelancer_may_not(clara, fred, client_for):
    offer = fixed_offer(clara, fred)
    assert post(client_for(fred), f"/api/v1/contracts/{offer.pk}/withdraw").status_code == 403
    withdrawn = post(client_for(clara), f"/api/v1/contracts/{offer.pk}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    late = post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept")
    assert (late.status_code, late.json()["error"]["code"]) == (409, "contract_withdrawn")
    assert not offer.timers.filter(fired_at=None, cancelled_at=None).exists()


def test_an_offered_milestone_cannot_be_funded_until_accepted(clara, fred, client_for, ledger_ok):
    offer = fixed_offer(clara, fred, 20_000)
    milestone = offer.milestones.get()
    top_up(clara, 21_000)
    refused = post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "contract_offered")
    assert "once the freelancer accepts" in refused.json()["error"]["message"]
    by_card = {"payment": {"method": "card", "card_token": "tok_visa"}}
    card = post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund", by_card)
    assert card.json()["error"]["code"] == "contract_offered"
    post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept")
    assert post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund").json()["status"] == "funded"
    ledger_ok()


def test_an_unverified_freelancer_verifies_before_accepting(clara, una, client_for):
    offer = fixed_offer(clara, una)
    refused = post(client_for(una), f"/api/v1/contracts/{offer.pk}/accept")
    assert refused.json()["error"]["code"] == "email_unverified"
    offer.refresh_from_db()
    assert offer.status == "offered"


def test_offers_waiting_for_an_answer_are_the_freelancers_actions(clara, fred, olga):
    waiting = fixed_offer(clara, fred)
    answered = hourly_offer(clara, olga)
    actions = offer_actions_for(user=fred)
    assert [(a.kind, a.title, a.url) for a in actions] == [
        ("answer_offer", "Answer the offer “Shop redesign” from Clara Client", f"/contracts/{waiting.pk}")
    ]
    assert actions[0].due_at == waiting.timers.get(action="expire").due_at
    assert offer_actions_for(user=clara) == []
    offer_decline(contract_id=answered.pk, by=olga)
    assert offer_actions_for(user=olga) == []
