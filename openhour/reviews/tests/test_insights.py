"""Insights for the reviewed person: the rating trend by month, the 3-star reviews, the recurring phrases in
"what could be better", the switch between roles; only the signed-in person's own published reviews."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.insights import (
    MonthRating,
    Phrase,
    insights_for,
    last_months,
    phrase_words,
    rating_trend,
    recurring_phrases,
    trend_chart,
)
from openhour.reviews.models import Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

URL = "/me/reviews/insights"
TODAY = datetime(2026, 11, 20, 12, tzinfo=UTC)  # the page's twelve months: December 2025 to November 2026


def at(year: int, month: int, day: int = 15) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def reviewed(
    client: Any,
    freelancer: Any,
    when: datetime,
    overall: int,
    could_improve: str = "",
    *,
    back: int = 5,
    sealed: bool = False,
) -> Review:
    """At `when`, a contract between them ends and the client reviews the freelancer with `overall` stars;
    the freelancer reviews back with `back` stars (so both publish), unless the review is to stay sealed."""
    with time_machine.travel(when, tick=False):
        contract = finished(client, freelancer)
        review = services.review_submit(
            contract_id=contract.pk, by=client, data=body(CLIENT, overall, could_improve=could_improve)
        )
        if not sealed:
            services.review_submit(contract_id=contract.pk, by=freelancer, data=body(FREELANCER, back))
    review.refresh_from_db()
    return review


# ---- pure computations ------------------------------------------------------------------------------------


def test_last_months_are_the_twelve_up_to_this_one_across_the_new_year() -> None:
    months = last_months(date(2026, 3, 31))
    assert months[0] == date(2025, 4, 1) and months[-1] == date(2026, 3, 1) and len(months) == 12


def test_rating_trend_averages_each_month_and_ignores_older_reviews() -> None:
    ratings = [(at(2026, 1, 3), 5), (at(2026, 1, 28), 4), (at(2026, 3), 3), (at(2025, 11), 1), (at(2026, 11, 2), 2)]
    trend = rating_trend(ratings, today=date(2026, 11, 20))
    by_month = {month.start: month for month in trend}
    assert (by_month[date(2026, 1, 1)].count, by_month[date(2026, 1, 1)].average) == (2, Decimal("4.5"))
    assert (by_month[date(2026, 3, 1)].count, by_month[date(2026, 3, 1)].average) == (1, Decimal("3.0"))
    assert (by_month[date(2026, 11, 1)].count, by_month[date(2026, 11, 1)].average) == (1, Decimal("2.0"))
    assert by_month[date(2026, 2, 1)].average is None
    assert sum(month.count for month in trend) == 4  # November 2025 is out of the window


def test_month_average_rounds_half_up_to_one_decimal() -> None:
    assert MonthRating(start=date(2026, 1, 1), count=4, total=17).average == Decimal("4.3")  # 4.25
    assert MonthRating(start=date(2026, 1, 1), count=3, total=14).average == Decimal("4.7")  # 4.666…


def test_chart_bars_scale_to_five_stars_and_empty_months_have_none() -> None:
    months = [
        MonthRating(date(2026, n, 1), count=1 if n < 3 else 0, total=5 if n == 1 else 3 if n == 2 else 0)
        for n in range(1, 13)
    ]
    chart = trend_chart(months)
    five, three, empty = chart.bars[0], chart.bars[1], chart.bars[2]
    top, zero = chart.ticks[5].y, chart.ticks[0].y
    assert five.y == top and five.y + five.height == zero
    assert three.height == round(five.height * 3 / 5)
    assert empty.height == 0 and len(chart.bars) == 12


def test_phrase_words_drop_stopwords_and_punctuation_and_split_clauses() -> None:
    assert phrase_words("Didn’t reply — often, the invoices were LATE.") == [["reply"], ["often"], ["invoices", "late"]]


def test_recurring_phrases_hand_checked_example() -> None:
    """Clauses after dropping stopwords:
    1. [communication slow times] [final files came late]
    2. [slow communication] [files came late]
    3. [final files came late] [communication faster]
    4. [great work] [nothing add]
    In 3 reviews: communication; files, came, late, "files came", "came late", "files came late".
    In 2: slow; final, "final files", "final files came". Everything else in one.
    "files came late" says all its sub-phrases say (same 3 reviews), as "final files came" does for "final" and
    "final files"; "final files came late" has four words, longer than a phrase may be."""
    texts = [
        "Communication was slow at times. The final files came late.",
        "Slow communication; files came late!",
        "Final files came late, and communication could be faster.",
        "Great work, nothing to add.",
    ]
    assert recurring_phrases(texts) == [
        Phrase("files came late", 3),
        Phrase("communication", 3),
        Phrase("final files came", 2),
        Phrase("slow", 2),
    ]


def test_a_phrase_counts_once_per_review_and_the_list_stops_at_ten() -> None:
    assert recurring_phrases(["late, late and late again", "on time"]) == []
    words = [f"topic{n:02}" for n in range(12)]
    texts = [", ".join(words), ", ".join(words)]
    phrases = recurring_phrases(texts)
    assert len(phrases) == 10 and phrases[0] == Phrase("topic00", 2)


# ---- the page ---------------------------------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_trend_of_planted_reviews_by_month(clara: Any, fred: Any, client_for: Any, ledger_ok: Any) -> None:
    reviewed(clara, fred, at(2025, 11), 1)  # thirteen months before: out of the chart
    reviewed(clara, fred, at(2026, 1, 3), 5)
    reviewed(clara, fred, at(2026, 1, 28), 4)
    reviewed(clara, fred, at(2026, 3), 3)
    with time_machine.travel(TODAY, tick=False):
        response = client_for(fred).get(URL)
    assert response.status_code == 200
    trend = {month.start: (month.count, month.average) for month in response.context["insights"].trend}
    assert trend[date(2026, 1, 1)] == (2, Decimal("4.5"))
    assert trend[date(2026, 3, 1)] == (1, Decimal("3.0"))
    assert trend[date(2026, 2, 1)] == (0, None)
    assert date(2025, 11, 1) not in trend and len(trend) == 12
    page = response.content.decode()
    assert 'role="img"' in page and "<title" in page
    assert '<th scope="row">Jan 2026</th><td class="num" data-label="Average rating">4.5' in page
    empty = '<th scope="row">Dec 2025</th><td class="num" data-label="Average rating">–</td>'
    assert empty + '<td class="num" data-label="Reviews">0</td>' in page
    assert "From 4 published reviews by clients who hired you." in page
    ledger_ok()


def test_three_star_reviews_are_listed_with_what_could_be_better(clara: Any, fred: Any, client_for: Any) -> None:
    three = reviewed(clara, fred, at(2026, 6), 3, "A weekly update would have helped.")
    five = reviewed(clara, fred, at(2026, 7), 5, "Nothing really.")
    with time_machine.travel(TODAY, tick=False):
        response = client_for(fred).get(URL)
    page = response.content.decode()
    assert [row.review.pk for row in response.context["insights"].advocates] == [three.pk]
    assert f'href="/reviews/{three.pk}"' in page and f'href="/reviews/{five.pk}"' not in page
    assert "A weekly update would have helped." in page and "Clara C.: 3 out of 5 stars" in page


def test_recurring_phrases_on_the_page(clara: Any, fred: Any, client_for: Any) -> None:
    reviewed(clara, fred, at(2026, 5), 4, "Slow replies, especially on Fridays.")
    reviewed(clara, fred, at(2026, 6), 3, "Some slow replies near the deadline.")
    reviewed(clara, fred, at(2026, 7), 5)
    with time_machine.travel(TODAY, tick=False):
        response = client_for(fred).get(URL)
    assert response.context["insights"].phrases == [Phrase("slow replies", 2)]
    assert '<th scope="row">slow replies</th><td class="num">2</td>' in response.content.decode()


def test_switch_between_reviews_as_a_freelancer_and_as_a_client(
    clara: Any, fred: Any, olga: Any, client_for: Any
) -> None:
    reviewed(clara, fred, at(2026, 5), 3, "Fred as a freelancer could be quicker.")
    reviewed(fred, olga, at(2026, 6), 5, back=2)  # Fred hires Olga; she gives him 2 stars as a client
    reviewed(fred, olga, at(2026, 7), 5, back=4)
    signed_in = client_for(fred)
    with time_machine.travel(TODAY, tick=False):
        main = signed_in.get(URL)
        as_client = signed_in.get(URL, {"role": CLIENT})
        nonsense = signed_in.get(URL, {"role": "operator"})
    assert main.context["insights"].role == CLIENT  # the role with more reviews
    assert nonsense.context["insights"].role == CLIENT
    assert 'href="?role=freelancer"' in as_client.content.decode()
    assert 'href="?role=client" aria-current="page"' in as_client.content.decode()
    assert as_client.context["insights"].reviews == 2
    assert {m.start: m.average for m in as_client.context["insights"].trend if m.count} == {
        date(2026, 6, 1): Decimal("2.0"),
        date(2026, 7, 1): Decimal("4.0"),
    }
    with time_machine.travel(TODAY, tick=False):
        as_freelancer = signed_in.get(URL, {"role": FREELANCER})
    assert as_freelancer.context["insights"].reviews == 1
    assert "Fred as a freelancer could be quicker." in as_freelancer.content.decode()
    assert "Fred as a freelancer could be quicker." not in as_client.content.decode()


def test_one_role_only_has_no_switch(clara: Any, fred: Any, client_for: Any) -> None:
    reviewed(clara, fred, at(2026, 5), 4)
    with time_machine.travel(TODAY, tick=False):
        page = client_for(fred).get(URL, {"role": CLIENT}).content.decode()
    assert "role-switch" not in page and "by clients who hired you" in page


def test_empty_state_without_published_reviews(fred: Any, client_for: Any) -> None:
    page = client_for(fred).get(URL).content.decode()
    assert "No published reviews yet." in page and "bar-chart" not in page


def test_nobody_sees_another_persons_insights(clara: Any, fred: Any, olga: Any, client_for: Any) -> None:
    review = reviewed(clara, fred, at(2026, 6), 3, "Missed two check-ins with the team.", back=4)
    with time_machine.travel(TODAY, tick=False):
        as_olga = client_for(olga).get(URL, {"role": FREELANCER, "user": "fred"}).content.decode()
        as_clara = client_for(clara).get(URL).content.decode()
    assert "No published reviews yet." in as_olga and "check-ins" not in as_olga
    assert f"/reviews/{review.pk}" not in as_olga
    # Clara sees Fred's review of her, not the one she wrote about him.
    assert "check-ins" not in as_clara and f"/reviews/{review.pk}" not in as_clara
    assert "From 1 published review by freelancers who worked for you." in as_clara


def test_sealed_reviews_never_count(clara: Any, fred: Any, client_for: Any) -> None:
    reviewed(clara, fred, at(2026, 6), 4, "Tests were thin at handover.")
    sealed = reviewed(clara, fred, at(2026, 10), 3, "Tests were thin at handover.", sealed=True)
    assert sealed.status == Review.Status.SEALED
    with time_machine.travel(at(2026, 10, 20), tick=False):  # within the window: still sealed
        response = client_for(fred).get(URL)
    insights = response.context["insights"]
    assert insights.reviews == 1 and insights.trend_reviews == 1
    assert insights.advocates == [] and insights.phrases == []
    assert f"/reviews/{sealed.pk}" not in response.content.decode()


@pytest.mark.django_db
def test_insights_read_in_a_fixed_number_of_queries(clara: Any, fred: Any, django_assert_num_queries: Any) -> None:
    for month in (4, 5, 6):
        reviewed(clara, fred, at(2026, month), 3, "More frequent updates.")
    with time_machine.travel(TODAY, tick=False), django_assert_num_queries(4):
        insights = insights_for(user=fred)
        assert [row.reviewer for row in insights.advocates] == ["Clara C."] * 3
