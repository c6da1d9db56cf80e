"""Counting attempts against limits shared by every process, and refusing with the time to wait.

Counters live in the default cache: Redis when REDIS_URL is set, otherwise the SQLite cache file of
openhour.lib.sqlite_cache, so 4 workers count together. Each limit is a sliding window approximated from two
fixed windows (this one plus the decayed share of the last), which stops the double burst at a boundary.
A limit reads like allauth's: "20/m", "5/5m", "10/h", "5/d".
"""

import contextlib
import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy, ngettext

from openhour.lib.errors import RateLimited

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
TOO_MANY = gettext_lazy("Too many attempts. Try again in %(when)s.")


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int


@dataclass(frozen=True)
class Hit:
    """One counted attempt, so a caller can take it back (a sign-in that turned out right)."""

    key: str


def rate_parse(text: str) -> Rate:
    """'20/m' -> 20 per 60 s; '5/5m' -> 5 per 300 s. Loud about anything else."""
    try:
        amount, period = text.strip().split("/")
        seconds = int(period[:-1] or 1) * UNITS[period[-1]]
        rate = Rate(int(amount), seconds)
    except (ValueError, KeyError, IndexError):
        raise ImproperlyConfigured(f"A rate limit reads like '20/m' or '5/5m', not {text!r}") from None
    if rate.amount < 1 or rate.seconds < 1:
        raise ImproperlyConfigured(f"A rate limit must allow at least 1 per period, not {text!r}")
    return rate


def _keys(scope: str, ident: str, rate: Rate, now: float) -> tuple[str, str, float]:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]  # e-mail addresses never sit in the cache
    start = now // rate.seconds * rate.seconds
    base = f"rl:{scope}:{rate.amount}/{rate.seconds}:{digest}"
    return f"{base}:{int(start)}", f"{base}:{int(start) - rate.seconds}", start


def _estimate(previous: int, current: int, elapsed: float, seconds: int) -> float:
    return previous * (1 - elapsed / seconds) + current


def limit_hit(*, scope: str, ident: str, rate: Rate | str, message: str | None = None) -> Hit:
    """Count one attempt; refuse it (RateLimited with retry_after) when it would go over the limit.

    `message` may say when with "%(when)s" ("in 4 minutes"); without one the refusal says "Too many attempts"."""
    rate = rate_parse(rate) if isinstance(rate, str) else rate
    now = time.time()
    key, previous_key, start = _keys(scope, ident, rate, now)
    cache.add(key, 0, timeout=2 * rate.seconds)
    current = cache.incr(key)
    previous = int(cache.get(previous_key) or 0)
    if _estimate(previous, current, now - start, rate.seconds) <= rate.amount:
        return Hit(key)
    cache.decr(key)  # a refused attempt is not counted: waiting the time we name is enough
    wait = retry_after(rate=rate, previous=previous, current=current - 1, elapsed=now - start)
    raise RateLimited((message or TOO_MANY) % {"when": in_time(wait)}, retry_after=wait)


def limit_check(*, scope: str, ident: str, rate: Rate | str) -> int:
    """Seconds until one more attempt would pass (0: it would pass now), counting nothing."""
    rate = rate_parse(rate) if isinstance(rate, str) else rate
    now = time.time()
    key, previous_key, start = _keys(scope, ident, rate, now)
    current, previous = int(cache.get(key) or 0), int(cache.get(previous_key) or 0)
    if _estimate(previous, current + 1, now - start, rate.seconds) <= rate.amount:
        return 0
    return retry_after(rate=rate, previous=previous, current=current, elapsed=now - start)


def limit_undo(hit: Hit) -> None:
    """Take back an attempt counted by limit_hit (its window may have passed: then there is nothing to undo)."""
    with contextlib.suppress(ValueError):
        cache.decr(hit.key)


def limit_clear(*, scope: str, ident: str, rate: Rate | str) -> None:
    rate = rate_parse(rate) if isinstance(rate, str) else rate
    key, previous_key, _start = _keys(scope, ident, rate, time.time())
    cache.delete_many([key, previous_key])


def retry_after(*, rate: Rate, previous: int, current: int, elapsed: float) -> int:
    """Whole seconds until the estimate leaves room for one more attempt."""
    if current + 1 <= rate.amount and previous:
        # Room in this window once the last window's share has decayed enough.
        moment = rate.seconds * (1 - (rate.amount - current - 1) / previous)
    else:
        # The next window, once this window's share (then the previous one) has decayed enough.
        moment = rate.seconds * (2 - (rate.amount - 1) / current) if current else rate.seconds
    return max(1, math.ceil(moment - elapsed))


def in_time(seconds: int) -> str:
    """'4 minutes': when a refused attempt may be tried again."""
    if seconds < 90:
        when = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    elif seconds < 90 * 60:
        minutes = math.ceil(seconds / 60)
        when = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    else:
        hours = math.ceil(seconds / 3600)
        when = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return when
