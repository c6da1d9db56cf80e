"""Insights for the reviewed person: the rating trend of the last twelve months, the 3-star reviews (the
people most likely to become advocates) and the phrases that recur in "what could be better". The
computations are pure; `insights_for` is the one read of the database, and only of published reviews."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.dashboard.chart import local_month
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.models import Review
from openhour.reviews.selectors import published_reviews_of, short_name

TREND_MONTHS = 12
TOP_PHRASES = 10
MIN_REVIEWS = 2  # a phrase recurs when at least this many different reviews contain it
LONGEST_PHRASE = 3
ADVOCATE_STARS = 3
ADVOCATES_SHOWN = 20

# The chart's drawing box, in SVG user units, as the dashboard's money chart; CSS scales it to the page.
WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 28, 8, 20, 28  # room for the star ticks, the averages above bars and the months

_STOPWORDS = """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each even ever few for from further get got had hadn't has hasn't have haven't having he her here hers herself
    him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's like maybe me might
    more most much must mustn't my myself no nor not now of off on once only or other ought our ours ourselves out
    over own perhaps quite rather really same shan't she should shouldn't so some still such than that that's the
    their theirs them themselves then there there's these they they'd they'll they're they've this those through
    to too under until up us very was wasn't we we'd we'll we're we've were weren't what what's when where which
    while who whom why will with won't would wouldn't yet you you'd you'll you're you've your yours yourself
    yourselves"""
STOPWORDS = frozenset(_STOPWORDS.split())  # common English words that say nothing about the work
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters and digits, keeping an apostrophe inside a word
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”«»…/\n\r\t]|\s[-–—]+\s")  # phrases never run across these


# ---- the rating trend -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRating:
    start: date
    count: int
    total: int  # the sum of the overall ratings

    @property
    def average(self) -> Decimal | None:
        """The mean overall rating to one decimal (half up), or None for a month without reviews."""
        if not self.count:
            return None
        return (Decimal(self.total) / self.count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def last_months(today: date, count: int = TREND_MONTHS) -> list[date]:
    """The first days of the `count` months up to and including `today`'s, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(n // 12, n % 12 + 1, 1) for n in range(index - count + 1, index + 1)]


def rating_trend(ratings: Iterable[tuple[date | datetime, int]], *, today: date) -> list[MonthRating]:
    """(when, overall) pairs bucketed into the twelve months up to `today` (site time); others are ignored."""
    months = last_months(today)
    counts: Counter[date] = Counter()
    totals: Counter[date] = Counter()
    for when, overall in ratings:
        month = local_month(when)
        counts[month] += 1
        totals[month] += overall
    return [MonthRating(start=month, count=counts[month], total=totals[month]) for month in months]


@dataclass(frozen=True)
class Bar:
    month: MonthRating
    x: int
    y: int
    width: int
    height: int
    label_x: int  # the middle of the bar's slot, where its month and average go


@dataclass(frozen=True)
class Tick:
    stars: int
    y: int


@dataclass(frozen=True)
class TrendChart:
    bars: list[Bar]
    ticks: list[Tick]
    left: int = LEFT
    width: int = WIDTH
    height: int = HEIGHT
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - 8
    tick_x: int = LEFT - 6


def trend_chart(months: list[MonthRating]) -> TrendChart:
    """Bars from zero up to each month's average on a fixed 0–5 star scale; a month without reviews has none."""
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(months)

    def y(stars: Decimal | int) -> int:
        return round(TOP + (5 - Decimal(stars)) * plot_height / 5)

    bars = []
    for n, month in enumerate(months):
        top = y(month.average or 0)
        bars.append(
            Bar(
                month=month,
                x=round(LEFT + n * slot + slot * 0.15),
                y=top,
                width=round(slot * 0.7),
                height=y(0) - top,
                label_x=round(LEFT + (n + 0.5) * slot),
            )
        )
    return TrendChart(bars=bars, ticks=[Tick(stars=stars, y=y(stars)) for stars in range(0, 6)])


# ---- recurring phrases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    text: str
    reviews: int  # how many different reviews contain it


def phrase_words(text: str) -> list[list[str]]:
    """The text's clauses as lists of lower-case words without stopwords; punctuation only splits clauses."""
    clauses = CLAUSE_BREAK.split(text.lower().replace("’", "'"))
    words = ([word for word in WORD.findall(clause) if word not in STOPWORDS] for clause in clauses)
    return [clause for clause in words if clause]


def ngrams_of(text: str, longest: int = LONGEST_PHRASE) -> set[tuple[str, ...]]:
    """Every run of 1 to `longest` consecutive words of one clause, after dropping stopwords."""
    found: set[tuple[str, ...]] = set()
    for words in phrase_words(text):
        for size in range(1, longest + 1):
            found.update(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return found


def _sub_phrases(gram: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The shorter runs of words inside `gram`."""
    return {gram[i : i + size] for size in range(1, len(gram)) for i in range(len(gram) - size + 1)}


def recurring_phrases(texts: Iterable[str], *, top: int = TOP_PHRASES, at_least: int = MIN_REVIEWS) -> list[Phrase]:
    """Phrases of 1–3 words found in at least `at_least` different texts, most widespread first. A phrase is
    left out when a longer phrase containing it is in exactly as many texts: it would say nothing more.
    Ties: longer first, then alphabetical."""
    counts: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        counts.update(ngrams_of(text))
    frequent = {gram: count for gram, count in counts.items() if count >= at_least}
    said_longer = {sub for gram, count in frequent.items() for sub in _sub_phrases(gram) if frequent.get(sub) == count}
    kept = [gram for gram in frequent if gram not in said_longer]
    kept.sort(key=lambda gram: (-frequent[gram], -len(gram), gram))
    return [Phrase(text=" ".join(gram), reviews=frequent[gram]) for gram in kept[:top]]


# ---- the page's one read ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdvocateReview:
    review: Review
    reviewer: str  # first name and initial, as reviews show reviewers


@dataclass(frozen=True)
class Insights:
    role: str  # the role the person was reviewed in: "freelancer" (by clients) or "client" (by freelancers)
    roles: list[str]  # every role they have published reviews in
    reviews: int  # published reviews in this role, all time
    trend: list[MonthRating]
    chart: TrendChart
    advocates: list[AdvocateReview]  # the latest 3-star reviews
    advocates_total: int
    phrases: list[Phrase]

    @property
    def trend_reviews(self) -> int:
        return sum(month.count for month in self.trend)


def insights_for(*, user: User, role: str = "") -> Insights:
    """What `user`'s published reviews say, in one role they were reviewed in: `role` if they have reviews
    in it, else the role with the most (freelancer on a tie). Sealed reviews never count."""
    received = Review.objects.shown().filter(subject=user)
    by_author = dict(received.values_list("author_role").annotate(n=Count("id")).order_by())
    per_role = {FREELANCER: by_author.get(CLIENT, 0), CLIENT: by_author.get(FREELANCER, 0)}
    roles = [name for name in (FREELANCER, CLIENT) if per_role[name]]
    if role not in roles:
        role = max(roles, key=lambda name: per_role[name]) if roles else FREELANCER
    reviews = published_reviews_of(user=user, role=role)
    today = timezone.localdate()
    since = timezone.make_aware(datetime.combine(last_months(today)[0], datetime.min.time()))
    recent = reviews.filter(published_at__gte=since).values_list("published_at", "overall")
    trend = rating_trend([(when, overall) for when, overall in recent if when is not None], today=today)
    threes = reviews.filter(overall=ADVOCATE_STARS)
    advocates = [AdvocateReview(review, short_name(review.author)) for review in threes[:ADVOCATES_SHOWN]]
    total_threes = len(advocates) if len(advocates) < ADVOCATES_SHOWN else threes.count()
    texts = reviews.exclude(could_improve="").values_list("could_improve", flat=True)
    return Insights(
        role=role,
        roles=roles,
        reviews=per_role[role],
        trend=trend,
        chart=trend_chart(trend),
        advocates=advocates,
        advocates_total=total_threes,
        phrases=recurring_phrases(texts),
    )
