"""Cursor pagination: `?cursor=&limit=` in, `{"items": [...], "next_cursor": ...}` out."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from pydantic import Field

from openhour.api.schemas import Cursor, Input
from openhour.lib import pagination as keyset
from openhour.lib.errors import InvalidInput

T = TypeVar("T")


class PageQuery(Input):
    """The query every list takes; filter schemas extend it."""

    cursor: Cursor | None = None
    limit: int = Field(20, ge=1, le=100)


SALT = "openhour.api.cursor"


def paginate(
    rows: QuerySet[Any] | Sequence[Any], *, cursor: str | None, limit: int, serialize: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    page, next_cursor = page_of(rows, cursor=cursor, limit=limit)
    return {"items": [serialize(row) for row in page], "next_cursor": next_cursor}


def page_of(rows: QuerySet[Any] | Sequence[Any], *, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """The rows of one page and the cursor of the next, for lists that serialize a whole page at once. A queryset
    pages by keyset (openhour.lib.pagination); a list, and an offset cursor given out before keysets, by offset."""
    if isinstance(rows, QuerySet):
        old = _old_offset(cursor)
        try:
            page = keyset.paginate(rows, cursor=keyset.offset_cursor(old) if old is not None else cursor, size=limit)
        except keyset.BadCursor:
            raise _invalid() from None
        return page.rows, page.older
    start = _offset(cursor)
    found = list(rows[start : start + limit + 1])
    return found[:limit], signing.dumps(start + limit, salt=SALT) if len(found) > limit else None


def _old_offset(cursor: str | None) -> int | None:
    """The offset an earlier cursor of ours holds, or None when it is not one."""
    try:
        value = signing.loads(cursor, salt=SALT) if cursor else None
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) and value >= 0 else None


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    value = _old_offset(cursor)
    if value is None:
        raise _invalid()
    return value


def _invalid() -> InvalidInput:
    return InvalidInput(_("That cursor is not one we gave out."), fields={"cursor": [_("Invalid cursor.")]})
