"""Cursor pagination: `?cursor=&limit=` in, `{"items": [...], "next_cursor": ...}` out."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from pydantic import Field

from openhour.api.schemas import Input
from openhour.lib.errors import InvalidInput

T = TypeVar("T")


class PageQuery(Input):
    """The query every list takes; filter schemas extend it."""

    cursor: str | None = None
    limit: int = Field(20, ge=1, le=100)


SALT = "openhour.api.cursor"


def paginate(
    rows: QuerySet[Any] | Sequence[Any], *, cursor: str | None, limit: int, serialize: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    page, next_cursor = page_of(rows, cursor=cursor, limit=limit)
    return {"items": [serialize(row) for row in page], "next_cursor": next_cursor}


def page_of(rows: QuerySet[Any] | Sequence[Any], *, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """The rows of one page and the cursor of the next, for lists that serialize a whole page at once."""
    start = _offset(cursor)
    page = list(rows[start : start + limit + 1])
    more = len(page) > limit
    return page[:limit], signing.dumps(start + limit, salt=SALT) if more else None


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = signing.loads(cursor, salt=SALT)
    except signing.BadSignature:
        value = None
    if not isinstance(value, int) or value < 0:
        raise InvalidInput(_("That cursor is not one we gave out."), fields={"cursor": [_("Invalid cursor.")]})
    return value
