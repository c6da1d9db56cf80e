"""Keyset (cursor) pagination, and a total counted only up to a bound.

A page is found from the order values of the row before it ("after these"), so a deep page costs what the first
one does, and no COUNT(*) of every match is taken: `Total` counts at most BOUND + 1 rows and reads "10,000+" past
that. The queryset must be ordered (its `order_by()` or its model's `ordering`) ending with a unique column, e.g.
("-created_at", "-id") or ("budget_max", "id"); each key is a field (through forward relations) or an annotation.

Orders that are not keyset-able keep an offset that never goes past BOUND: a float key (a relevance rank, a
computed score: equal values cannot be found again reliably), an expression other than a plain field or
annotation, a multi-valued path, or an order that does not end with a unique column.

An order no single index holds as one range (NULLs in the middle, say) can be declared `in_parts`: its first key
is the number of the part a row is in, and each part is a range of an index in the other keys, so a page is at
most a few short walks, one part after the other.

Cursors are opaque and signed: a forged one, or one made for another order, raises `BadCursor`.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import F, FloatField, OrderBy, Q, QuerySet
from django.db.models.sql.constants import INNER
from django.utils.formats import number_format

BOUND = 10_000
SALT = "openhour.lib.pagination"
NEVER = Q(pk__in=[])


class BadCursor(ValueError):
    """A cursor we did not give out, or one given out for another order."""


@dataclass(frozen=True)
class Total:
    """How many rows match, counted up to BOUND: `capped` when there are more."""

    count: int
    capped: bool

    def __str__(self) -> str:
        return number_format(self.count, force_grouping=True) + ("+" if self.capped else "")


@dataclass(frozen=True)
class Page:
    """One page: `newer` leads to the rows before these, `older` to the rows after (None at either end)."""

    rows: list[Any]
    newer: str | None
    older: str | None
    total: Total | None = None


@dataclass(frozen=True)
class Key:
    name: str  # a field path ("profile__updated_at") or an annotation
    descending: bool
    nulls_last: bool  # where NULLs sort in this order, said or the database's default

    def __str__(self) -> str:
        return f"{'-' if self.descending else ''}{self.name}{'~' if self.nulls_last else ''}"


def paginate(rows: QuerySet[Any], *, cursor: str | None, size: int, count: bool = False) -> Page:
    """The page `cursor` points to (the first page without one); with `count`, the bounded total too."""
    keys = keys_of(rows)
    position = decode(cursor, keys)
    parts = _parts_of(rows, keys)
    if keys is None or "o" in position:
        found = _offset_page(rows, keys, offset=position.get("o", 0), size=size)
    elif parts is not None:
        found = _parts_page(rows, keys, parts, values=position.get("v"), forward=position.get("d") != "n", size=size)
    else:
        found = _keyset_page(rows, keys, values=position.get("v"), forward=position.get("d") != "n", size=size)
    return Page(found.rows, found.newer, found.older, total(rows) if count else None)


def total(rows: QuerySet[Any], *, bound: int = BOUND) -> Total:
    """At most `bound` + 1 matches are counted, in a subquery that stops there and reads no column it need not."""
    if (counted_as := getattr(rows, "_pagination_counted", None)) is not None:
        rows, bound = counted_as[0], min(bound, counted_as[1])
    counted = rows.order_by().select_related(None).values("pk")[: bound + 1].count()
    return Total(min(counted, bound), capped=counted > bound)


def keys_of(rows: QuerySet[Any]) -> list[Key] | None:
    """The order of `rows` as keys, or None when it cannot be paged by keyset (see the module's docstring)."""
    query = rows.query
    if query.combinator or query.distinct_fields or query.extra_order_by:
        return None
    order = query.order_by or (rows.model._meta.ordering if query.default_ordering else ())
    keys = [key for term in order if (key := _key(rows, term)) is not None]
    if not keys or len(keys) != len(order) or not _unique(rows, keys[-1]):
        return None
    return keys


def _key(rows: QuerySet[Any], term: Any) -> Key | None:
    nulls: bool | None = None
    if isinstance(term, OrderBy):
        descending, nulls, term = (
            term.descending,
            term.nulls_last or (False if term.nulls_first else None),
            term.expression,
        )
    elif isinstance(term, str):
        descending, term = term.startswith("-"), term.removeprefix("-")
    else:
        descending = False
    name = getattr(term, "name", None) if type(term) is F else term
    if not isinstance(name, str) or not _plain(rows, name):
        return None
    if nulls is None:  # PostgreSQL sorts NULL as the largest value, SQLite as the smallest
        nulls = descending != (connections[rows.db].vendor in ("postgresql", "oracle"))
    return Key(name, descending, nulls)


def _plain(rows: QuerySet[Any], name: str) -> bool:
    """A key we can read back from a row and compare again: an annotation or field that is not a float."""
    if name in rows.query.annotations:
        return not isinstance(rows.query.annotations[name].output_field, FloatField)
    model, parts = rows.model, name.split("__")
    for n, part in enumerate(parts):
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        last = n == len(parts) - 1
        if field.is_relation:
            if last:  # a foreign key's own column ("user_id") holds a plain value; the relation does not
                return part == getattr(field, "attname", None)
            if field.many_to_many or field.one_to_many:
                return False
            model = field.related_model
        elif not last or isinstance(field, FloatField):
            return False
    return True


def _unique(rows: QuerySet[Any], key: Key) -> bool:
    """The key tells rows apart: the primary key or a unique non-null field, of the row itself or of a row it
    reaches through one-to-one links only ("profile__user_id" for people: one profile each). A reverse link may
    find no row, so it counts only when the query joins it as INNER (it filtered on it)."""
    model = rows.model
    *links, last = key.name.split("__")
    try:
        for link in links:
            field = model._meta.get_field(link)
            if not field.one_to_one or (field.auto_created and not _inner_joined(rows, field.related_model)):
                return False
            model = field.related_model
        field = model._meta.pk if last == "pk" else model._meta.get_field(last)
    except FieldDoesNotExist:
        return False
    return bool(field.primary_key or field.unique) and not field.null


def _inner_joined(rows: QuerySet[Any], model: Any) -> bool:
    joins = rows.query.alias_map.values()
    return any(getattr(join, "join_type", None) == INNER and join.table_name == model._meta.db_table for join in joins)


def _keyset_page(rows: QuerySet[Any], keys: list[Key], *, values: list[Any] | None, forward: bool, size: int) -> Page:
    if values is None:
        found = list(rows[: size + 1])
        return Page(found[:size], None, _cursor(keys, found[size - 1], "o") if len(found) > size else None)
    beyond = rows.filter(_beyond(keys, values, forward=forward))
    found = list((beyond if forward else beyond.reverse())[: size + 1])
    more = len(found) > size
    if len(found) < size and not (forward and found):  # the cursor leads nowhere or to a short first page
        return _keyset_page(rows, keys, values=None, forward=True, size=size)
    if forward:
        return Page(found[:size], _cursor(keys, found[0], "n"), _cursor(keys, found[size - 1], "o") if more else None)
    page = found[:size][::-1]
    return Page(page, _cursor(keys, page[0], "n") if more else None, _cursor(keys, page[-1], "o"))


def counted_as(rows: QuerySet[Any], matches: QuerySet[Any], *, bound: int) -> QuerySet[Any]:
    """`rows`, a bounded choice among `matches`, whose total counts `matches` up to `bound`: "1,000+" says that
    more match than were chosen, where a count of `rows` would say "1,000"."""
    return _marked(rows, _pagination_counted=(matches, bound))


def in_parts(rows: QuerySet[Any], parts: list[Q]) -> QuerySet[Any]:
    """`rows`, whose first order key is an integer annotation saying which of `parts` (0, 1, …) a row is in, paged
    one part at a time in the other keys: each part's walk can then use an index the whole order cannot. Iterating
    `rows` still gives the whole order; the parts must say the same as that key (and hold every row)."""
    return _marked(rows, _pagination_parts=list(parts))


MARKS = ("_pagination_counted", "_pagination_parts")


def _marked(rows: QuerySet[Any], **marks: Any) -> QuerySet[Any]:
    """A copy of `rows` carrying what paginate() and total() read: the marks `rows` had, and these. Any other
    clone (a filter, an order) forgets them, so they are put on the queryset that is handed to paginate()."""
    marked = rows.all()
    for name in MARKS:
        if hasattr(rows, name):
            setattr(marked, name, getattr(rows, name))
    for name, value in marks.items():
        setattr(marked, name, value)
    return marked


def _parts_of(rows: QuerySet[Any], keys: list[Key] | None) -> list[Q] | None:
    parts = getattr(rows, "_pagination_parts", None)
    if parts is None or keys is None or len(keys) < 2 or keys[0].descending:
        return None
    return list(parts)


def _parts_page(
    rows: QuerySet[Any], keys: list[Key], parts: list[Q], *, values: list[Any] | None, forward: bool, size: int
) -> Page:
    """A keyset page of an order declared `in_parts`: from the cursor's part on, a walk of each part in the keys
    after the first, until the page (and one row more) is full."""
    order = [*rows.query.order_by[1:]]
    start = values[0] if values is not None else (0 if forward else len(parts) - 1)
    if not isinstance(start, int) or not 0 <= start < len(parts):
        raise BadCursor(str(values))
    found: list[Any] = []
    for part in range(start, len(parts)) if forward else range(start, -1, -1):
        walk = rows.filter(parts[part]).order_by(*order)
        if values is not None and part == start:
            walk = walk.filter(_beyond(keys[1:], values[1:], forward=forward))
        found += list((walk if forward else walk.reverse())[: size + 1 - len(found)])
        if len(found) > size:
            break
    if values is None:
        return Page(found[:size], None, _cursor(keys, found[size - 1], "o") if len(found) > size else None)
    more = len(found) > size
    if len(found) < size and not (forward and found):  # the cursor leads nowhere or to a short first page
        return _parts_page(rows, keys, parts, values=None, forward=True, size=size)
    if forward:
        return Page(found[:size], _cursor(keys, found[0], "n"), _cursor(keys, found[size - 1], "o") if more else None)
    page = found[:size][::-1]
    return Page(page, _cursor(keys, page[0], "n") if more else None, _cursor(keys, page[-1], "o"))


def _offset_page(rows: QuerySet[Any], keys: list[Key] | None, *, offset: int, size: int) -> Page:
    """Orders that are not keyset-able page by offset, never past BOUND. An offset cursor given out before
    keysets (the API's) still works once for a keyset-able order, and its page leads on by keyset."""
    if keys is None:
        offset = min(offset, max(BOUND - size, 0))
    found = list(rows[offset : offset + size + 1])
    page, more = found[:size], len(found) > size
    if keys is not None:
        newer = _cursor(keys, page[0], "n") if offset and page else None
        return Page(page, newer, _cursor(keys, page[-1], "o") if more else None)
    newer = _sign({"o": max(offset - size, 0)}) if offset else None
    return Page(page, newer, _sign({"o": offset + size}) if more and offset + size < BOUND else None)


def _beyond(keys: list[Key], values: list[Any], *, forward: bool) -> Q:
    """Rows after (or, going back, before) the row whose keys hold `values`: for keys a, b, c that is
    a > x, or a = x and b > y, or a = x and b = y and c > z; a bound on a alone lets an index start there."""
    either, same = NEVER, Q()
    for key, value in zip(keys, values, strict=True):
        step = _step(key, value, forward=forward)
        if step is not None:
            either |= same & step
        same &= Q(**{key.name: value}) if value is not None else Q(**{f"{key.name}__isnull": True})
    first = _step(keys[0], values[0], forward=forward)
    if values[0] is not None and first is not None and not _nulls_ahead(keys[0], forward):
        either &= Q(**{f"{keys[0].name}__{'gte' if keys[0].descending != forward else 'lte'}": values[0]})
    return either


def _nulls_ahead(key: Key, forward: bool) -> bool:
    return key.nulls_last == forward


def _step(key: Key, value: Any, *, forward: bool) -> Q | None:
    """Rows beyond `value` on this key alone; None when nothing can be (a NULL at the far end)."""
    if value is None:
        return None if _nulls_ahead(key, forward) else Q(**{f"{key.name}__isnull": False})
    step = Q(**{f"{key.name}__{'gt' if key.descending != forward else 'lt'}": value})
    return step | Q(**{f"{key.name}__isnull": True}) if _nulls_ahead(key, forward) else step


# ---- cursors ------------------------------------------------------------------------------------------------


def _cursor(keys: list[Key], row: Any, direction: str) -> str:
    values = [_encode(_value(row, key.name)) for key in keys]
    return _sign({"k": ",".join(map(str, keys)), "v": values, "d": direction})


def offset_cursor(offset: int) -> str:
    """A cursor to the row at `offset`: for cursors given out before keysets."""
    return _sign({"o": offset})


def _sign(payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=SALT, compress=True)


def decode(cursor: str | None, keys: list[Key] | None) -> dict[str, Any]:
    """The position a cursor holds: {} for the first page, {"o": offset}, or {"v": values, "d": "o" | "n"}."""
    if not cursor:
        return {}
    try:
        payload = signing.loads(cursor, salt=SALT)
    except signing.BadSignature as bad:
        raise BadCursor(cursor) from bad
    if isinstance(payload, dict) and isinstance(payload.get("o"), int) and payload["o"] >= 0:
        return {"o": payload["o"]}
    if not isinstance(payload, dict) or keys is None or payload.get("k") != ",".join(map(str, keys)):
        raise BadCursor(cursor)
    try:
        return {"v": [_decode(value) for value in payload["v"]], "d": payload["d"]}
    except (KeyError, TypeError, ValueError) as bad:
        raise BadCursor(cursor) from bad


def _value(row: Any, name: str) -> Any:
    if hasattr(row, name) or "__" not in name:
        return getattr(row, name)
    for part in name.split("__"):
        row = getattr(row, part, None)
    return row


TYPES: dict[str, Any] = {
    "dt": datetime.datetime.fromisoformat,
    "d": datetime.date.fromisoformat,
    "dec": Decimal,
    "uuid": uuid.UUID,
}


def _encode(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return ["dt" if isinstance(value, datetime.datetime) else "d", value.isoformat()]
    if isinstance(value, (Decimal, uuid.UUID)):
        return ["dec" if isinstance(value, Decimal) else "uuid", str(value)]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        tag, text = value
        return TYPES[tag](text)
    if value is not None and not isinstance(value, (int, str, bool)):
        raise ValueError(value)
    return value
