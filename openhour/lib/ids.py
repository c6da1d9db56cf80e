"""Ids are opaque strings on the outside and database keys inside: read them in one place."""

from openhour.lib.errors import NotFound

LARGEST_KEY = 2**63  # BigAutoField; larger numbers overflow the database driver


def pk_or_none(raw: object) -> int | None:
    """The database key an id names, or None when it cannot name a row (not a number, out of range)."""
    try:
        pk = int(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < LARGEST_KEY else None


def pk_or_404(raw: object, missing: str) -> int:
    """As `pk_or_none`, but an id that cannot name a row answers like a missing one."""
    pk = pk_or_none(raw)
    if pk is None:
        raise NotFound(missing)
    return pk
