"""The transparency report: every figure equals a direct count of the rows it is about; the publication-bias
alert fires on a planted bias, not on a fair quarter, and only operators ever see it.

The risk checks are replaced by a stub that holds exactly the reviews a test marks, and cases are built
directly through their transitions, so the figures depend on this scenario alone."""

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.db.models import Q

from conftest import make_user
from openhour.lib.errors import InvalidInput
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, OWNER, transition
from openhour.reviews.integrity import risk, transparency
from openhour.reviews.integrity.models import Case, CaseEvent, Flag
from openhour.reviews.integrity.transparency import Quarter, StarRate
from openhour.reviews.models import Review, ReviewEvent
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

Q3 = Quarter(2026, 3)
HOLD = "[hold]"  # a review whose text has this is held by the stubbed checks
ALERT_TEXT = "low-star reviews are published less often"


def at(month: int, day: int) -> Any:
    return time_machine.travel(datetime(2026, month, day, 10, tzinfo=UTC), tick=True)


@pytest.fixture(autouse=True)
def planted_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def assess(review: Review) -> None:
        if HOLD in review.went_well:
            Review.objects.filter(pk=review.pk).update(risk_decision=Review.Risk.HOLD, risk_score=0.99)

    monkeypatch.setattr(risk, "assess", assess)


def pair(client: Any, freelancer: Any, by_client: int, by_freelancer: int | None, *, hold: str = "") -> list[Review]:
    """A paid contract and its reviews: the client's of the freelancer (`by_client` stars) and, unless None,
    the freelancer's of the client. `hold` ("client", "freelancer", "both") marks which the checks hold."""
    contract = finished(client, freelancer)
    marks = {CLIENT: hold in (CLIENT, "both"), FREELANCER: hold in (FREELANCER, "both")}
    reviews = [
        review_submit(
            contract_id=contract.pk,
            by=client,
            data=body(CLIENT, by_client, went_well="Good work. " + (HOLD if marks[CLIENT] else "")),
        )
    ]
    if by_freelancer is not None:
        data = body(FREELANCER, by_freelancer, went_well="Clear brief. " + (HOLD if marks[FREELANCER] else ""))
        reviews.append(review_submit(contract_id=contract.pk, by=freelancer, data=data))
    return [Review.objects.get(pk=review.pk) for review in reviews]


def decide(review: Review, *, source: str, outcome: str, rule: str, by: Any) -> Case:
    """An operator's first decision on a case about `review`, applied to the review as the services would."""
    case = Case.objects.create(review=review, source=source)
    transition(obj=case, action="decide", actor=OPERATOR, by=by, note="Checked against the content rules.")
    case.outcome, case.rule, case.decided_by = outcome, rule, by
    case.save(update_fields=["outcome", "rule", "decided_by", "updated_at"])
    if outcome == Case.Outcome.REMOVE:
        transition(obj=review, action="remove", actor=OPERATOR, by=by, note="Breaks a content rule.")
    elif review.status == Review.Status.HELD:
        transition(obj=review, action=outcome, actor=OPERATOR, by=by, note="Not a fake after all.")
    return case


def appeal(case: Case, *, by: Any, final: str | None = None, operator: Any = None) -> None:
    transition(obj=case, action="appeal", actor=OWNER, by=by, note="Please look again.")
    if final is None:
        return
    transition(obj=case, action="decide_appeal", actor=OPERATOR, by=operator, note="Second look.")
    case.final_outcome, case.final_decided_by = final, operator
    case.save(update_fields=["final_outcome", "final_decided_by", "updated_at"])
    if final != case.outcome and case.outcome == Case.Outcome.REMOVE:
        transition(obj=case.review, action="reinstate", actor=OPERATOR, by=operator, note="Appeal upheld.")


@pytest.fixture
def quarter(clara: Any, fred: Any, olga: Any, operator: Any) -> dict[str, Any]:
    """Q3 2026 with some activity just before and after it, which must not count."""
    second_operator = make_user("otto", name="Otto Operator", is_staff=True)
    with at(6, 20):
        before = pair(clara, fred, 4, 4)
    with at(7, 10):
        fair = pair(clara, fred, 5, 4)
        held = pair(clara, fred, 1, 5, hold=CLIENT)
        flagged = pair(clara, fred, 2, 3)
        removed_other = pair(clara, fred, 3, 2)
        sealed = pair(clara, fred, 5, None)
        Flag.objects.create(review=fair[0], by=olga, reason=Flag.Reason.FAKE, text="Looks bought.")
        Flag.objects.create(review=flagged[1], by=olga, reason=Flag.Reason.PERSONAL_DATA, text="Has a phone number.")
        Flag.objects.create(review=flagged[1], by=clara, reason=Flag.Reason.PERSONAL_DATA, text="My number is in it.")
    with at(8, 2):
        kept = decide(fair[0], source=Case.Source.FLAG, outcome=Case.Outcome.KEEP, rule="", by=operator)
        held_removed = decide(held[0], source=Case.Source.AUTOMATIC, outcome=Case.Outcome.REMOVE, rule="", by=operator)
        decide(
            flagged[1],
            source=Case.Source.FLAG,
            outcome=Case.Outcome.REMOVE,
            rule=Flag.Reason.PERSONAL_DATA,
            by=operator,
        )
        fake = decide(
            flagged[0], source=Case.Source.AUTOMATIC, outcome=Case.Outcome.REMOVE, rule=Flag.Reason.FAKE, by=operator
        )
    with at(9, 1):
        appeal(kept, by=clara, final=Case.Outcome.KEEP, operator=second_operator)  # upheld
        appeal(fake, by=clara, final=Case.Outcome.KEEP, operator=second_operator)  # changed: reinstated
        appeal(held_removed, by=clara)  # still pending
    with at(10, 3):
        decide(
            removed_other[1],
            source=Case.Source.FLAG,
            outcome=Case.Outcome.REMOVE,
            rule=Flag.Reason.OFF_TOPIC,
            by=operator,
        )
        Flag.objects.create(review=removed_other[0], by=olga, reason=Flag.Reason.OFFENSIVE, text="Rude.")
    return {"before": before, "sealed": sealed[0], "held": held[0]}


def in_q3(name: str) -> dict[str, datetime]:
    return Q3.window(name)


def test_every_figure_reconciles_with_the_rows(quarter: dict[str, Any]) -> None:
    with at(10, 15):
        report = transparency.transparency_report(quarter=Q3)
    assert report.complete
    assert report.submitted == Review.objects.filter(**in_q3("submitted_at")).count() == 9
    assert report.published == Review.objects.filter(**in_q3("published_at")).count() == 7
    held_ids = set(ReviewEvent.objects.filter(action="hold", **in_q3("created_at")).values_list("review", flat=True))
    assert report.held == len(held_ids) == 1
    assert report.still_held == Review.objects.filter(pk__in=held_ids, status=Review.Status.HELD).count() == 0
    removals = ReviewEvent.objects.filter(action="remove", **in_q3("created_at"))
    assert report.removed == removals.values("review").distinct().count() == 3
    removing = {
        case.review_id: case
        for case in Case.objects.filter(review__in=removals.values("review"), outcome=Case.Outcome.REMOVE)
    }
    for rule in Flag.Reason.values:
        assert report.removed_by_rule[rule] == sum(case.rule == rule for case in removing.values())
    assert report.removed_by_rule == {
        "fake": 1,
        "conflict": 0,
        "offensive": 0,
        "personal_data": 1,
        "off_topic": 0,
        "extortion": 0,
        "other": 1,
    }
    automatic = sum(case.source == Case.Source.AUTOMATIC for case in removing.values())
    assert report.removed_automatic == automatic == 2
    assert report.automatic_share == round(100 * automatic / len(removing), 1) == 66.7
    for reason in Flag.Reason.values:
        assert report.flags_by_reason[reason] == Flag.objects.filter(reason=reason, **in_q3("created_at")).count()
    assert report.flags == 3 and report.flags_by_reason["personal_data"] == 2
    for source in Case.Source.values:
        assert report.cases_by_source[source] == Case.objects.filter(source=source, **in_q3("created_at")).count()
    assert report.cases_by_source == {"automatic": 2, "flag": 2}
    decided = CaseEvent.objects.filter(action="decide", **in_q3("created_at")).values("case")
    assert report.decisions == {"keep": 1, "remove": 3, "redact": 0}
    assert sum(report.decisions.values()) == decided.count()
    appealed = Case.objects.filter(
        pk__in=CaseEvent.objects.filter(action="appeal", **in_q3("created_at")).values("case")
    )
    assert report.appeals == appealed.count() == 3
    assert (
        report.appeals_upheld
        == appealed.filter(final_outcome=Case.Outcome.KEEP, outcome=Case.Outcome.KEEP).count()
        == 1
    )
    assert report.appeals_changed == appealed.exclude(final_outcome="").exclude(outcome=Case.Outcome.KEEP).count() == 1
    assert report.appeals_pending == appealed.filter(final_outcome="").count() == 1


def test_publication_rate_by_star_counts_the_reviews_of_the_quarter(quarter: dict[str, Any]) -> None:
    with at(10, 15):
        report = transparency.transparency_report(quarter=Q3)
    rows = Review.objects.filter(**in_q3("submitted_at")).exclude(status=Review.Status.SEALED)
    for rate in report.star_rates:
        assert rate.submitted == rows.filter(overall=rate.stars).count()
        assert rate.published == rows.filter(overall=rate.stars, status=Review.Status.PUBLISHED).count()
    assert sum(rate.submitted for rate in report.star_rates) == 8  # the sealed review waits, so it is left out
    assert [(r.stars, r.submitted, r.published) for r in report.star_rates] == [
        (1, 1, 0),
        (2, 2, 1),
        (3, 2, 1),
        (4, 1, 1),
        (5, 2, 2),
    ]
    assert report.alert is None  # a single low-star review proves nothing


@pytest.fixture
def biased(clara: Any, fred: Any) -> None:
    """Six contracts in Q3: the clients' 1-star reviews are held half the time, the freelancers' 5-star never."""
    with at(7, 10):
        for number in range(6):
            pair(clara, fred, 1, 5, hold=CLIENT if number % 2 else "")


def test_the_alert_fires_on_a_planted_bias(biased: None) -> None:
    with at(8, 1):
        alert = transparency.publication_bias_alert(Q3)
    assert alert is not None
    assert (alert.low.submitted, alert.low.published, alert.low.rate) == (6, 3, 50.0)
    assert (alert.high.submitted, alert.high.published, alert.high.rate) == (6, 6, 100.0)
    assert alert.gap_points == 50.0


def test_no_alert_on_a_fair_quarter(clara: Any, fred: Any) -> None:
    with at(7, 10):
        for number in range(6):  # one review of each rating held in each half: equal rates
            pair(clara, fred, 2, 4, hold="both" if number == 0 else "")
    with at(8, 1):
        report = transparency.transparency_report(quarter=Q3)
        assert transparency.publication_bias_alert(Q3) is None
    assert report.alert is None and report.held == 2


def test_the_alert_tolerance_and_minimum() -> None:
    def rates(low: tuple[int, int], high: tuple[int, int]) -> list[StarRate]:
        return [StarRate(1, *low), StarRate(2, 0, 0), StarRate(3, 0, 0), StarRate(4, 0, 0), StarRate(5, *high)]

    assert transparency._bias_of(Q3, rates((20, 19), (20, 20))) is None  # exactly 5 points: within tolerance
    assert transparency._bias_of(Q3, rates((20, 18), (20, 20))) is not None
    assert transparency._bias_of(Q3, rates((4, 0), (20, 20))) is None  # too few low-star reviews
    assert transparency._bias_of(Q3, rates((5, 0), (0, 0))) is None  # nothing to compare with


def test_quarters_parse_and_refuse() -> None:
    with at(11, 21):
        assert transparency.quarter_parse("2026q3") == Q3
        assert transparency.quarter_parse("") == Quarter(2026, 4)
        for bad in ("2026Q5", "Q3", "last", "2027Q1", "1999Q1"):
            with pytest.raises(InvalidInput) as refused:
                transparency.quarter_parse(bad)
            assert "quarter" in refused.value.fields
    assert (Q3.start.month, Quarter(2026, 4).end.year, Quarter(2026, 4).end.month) == (7, 2027, 1)


def test_quarters_to_pick_start_at_the_first_review(quarter: dict[str, Any]) -> None:
    with at(11, 21):
        assert [q.code for q in transparency.quarters_available()] == ["2026Q4", "2026Q3", "2026Q2"]


# ---- who sees what ----


def test_a_visitor_sees_the_figures_explained_but_never_the_alert(biased: None, client: Any) -> None:
    with at(8, 1):
        page = client.get("/trust/transparency?quarter=2026Q3")
    assert page.status_code == 200
    html = page.content.decode()
    assert ALERT_TEXT not in html and "publication-bias-alert" not in html
    assert 'href="/trust/reviews"' in html
    assert "From 1 Jul to 30 Sep 2026 inclusive" in html
    for sentence in (
        "reviews written in this quarter",
        "reviews made public in this quarter",
        "held back at publication",
        "took down in this quarter",
        "automatic checks",
        "flag a published review",
        "moderation case is opened",
        "may appeal a decision once",
        "the share that is published now",
    ):
        assert sentence in html


def test_a_signed_in_member_does_not_see_the_alert(biased: None, olga: Any, client_for: Any) -> None:
    with at(8, 1):
        page = client_for(olga).get("/trust/transparency")
    assert page.status_code == 200 and ALERT_TEXT not in page.content.decode()


def test_an_operator_sees_the_alert(biased: None, operator: Any, client_for: Any) -> None:
    with at(8, 1):
        page = client_for(operator).get("/trust/transparency")  # the current quarter by default
    html = page.content.decode()
    assert ALERT_TEXT in html and "50.0%" in html


def test_the_page_shows_a_bad_quarter_as_an_error(db: None, client: Any) -> None:
    page = client.get("/trust/transparency?quarter=2026Q9")
    assert page.status_code == 400
    assert "for example 2026Q4" in page.content.decode()


def test_the_json_is_public_and_hides_the_alert_from_everyone_but_operators(
    biased: None, client: Any, olga: Any, operator: Any, client_for: Any, bearer: Any
) -> None:
    from django.test import Client

    with at(8, 1):
        public = client.get("/api/v1/trust/transparency?quarter=2026Q3")
        member = Client(headers=bearer(olga)).get("/api/v1/trust/transparency?quarter=2026Q3")
        bad_token = Client(headers={"Authorization": "Bearer nope"}).get("/api/v1/trust/transparency")
        by_session = client_for(operator).get("/api/v1/trust/transparency?quarter=2026Q3")
        by_token = Client(headers=bearer(operator)).get("/api/v1/trust/transparency?quarter=2026Q3")
    for response in (public, member, bad_token):
        assert response.status_code == 200 and "alert" not in response.json()
    data = public.json()
    assert data["quarter"] == "2026Q3" and data["quarters"] == ["2026Q3"]
    assert data["reviews"]["submitted"] == 12 and data["reviews"]["held"] == 3
    assert data["publication_rate_by_stars"][0] == {"stars": 1, "submitted": 6, "published": 3, "rate_percent": 50.0}
    for response in (by_session, by_token):
        assert response.json()["alert"]["gap_points"] == 50.0


def test_the_json_refuses_a_bad_quarter(db: None, client: Any) -> None:
    for bad in ("2026Q0", "soon", "2100Q1"):
        response = client.get(f"/api/v1/trust/transparency?quarter={bad}")
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["quarter"]


def test_the_report_does_not_count_other_quarters(quarter: dict[str, Any]) -> None:
    with at(10, 15):
        q2 = transparency.transparency_report(quarter=Quarter(2026, 2))
        q4 = transparency.transparency_report(quarter=Quarter(2026, 4))
    assert (q2.submitted, q2.published, q2.removed) == (2, 2, 0)
    assert (q4.submitted, q4.removed, q4.removed_by_rule["off_topic"], q4.flags) == (0, 1, 1, 1)
    assert Review.objects.filter(Q(pk__in=[r.pk for r in quarter["before"]]), **in_q3("submitted_at")).count() == 0


def test_the_report_costs_a_query_per_figure_not_per_row(quarter: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with at(10, 15), CaptureQueriesContext(connection) as busy:
        transparency.transparency_report(quarter=Q3)
    with at(10, 15), CaptureQueriesContext(connection) as empty:
        transparency.transparency_report(quarter=Quarter(2026, 1))
    assert len(empty) <= len(busy) <= 13  # one query per figure, none per row (an empty set skips its query)


def test_an_old_quarter_before_any_review_is_shown_empty(db: None, client: Any) -> None:
    page = client.get("/trust/transparency?quarter=2024Q1")
    assert page.status_code == 200
    assert '<option value="2024Q1" selected>' in page.content.decode()
