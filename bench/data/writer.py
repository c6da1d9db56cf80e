"""Writing many rows fast: COPY on PostgreSQL (on a thread of its own, `postgres.Copier`), one executemany per batch
on SQLite, in the caller's transaction. Between a table's first `add` and its `flush` the stage reads only rows
written before (the COPY of a batch may still be under way).

Rows are dicts keyed by a model's attribute names; a field left out takes its default (now for auto_now
fields). Ids are given by the caller, so the sequences are moved past them afterwards (`sequences_reset`).
"""

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from bench.data import postgres

BATCH = 50_000
REQUIRED = object()


def _fallback(field: models.Field[Any, Any], now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default() and (not callable(field.default) or field.default in (dict, list)):
        return field.get_default()  # an empty dict or list is written as JSON text, so one serves every row
    if field.null:
        return None
    if field.has_default():
        return REQUIRED  # a callable default (uuid4, timezone.now): the caller gives the value
    return "" if field.empty_strings_allowed and field.blank else REQUIRED


def _sqlite_value(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """SQLite stores what Django's backend would: naive UTC text, hex UUIDs, JSON text."""
    if isinstance(field, models.DateTimeField):
        return lambda v: v.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if isinstance(v, datetime) else v
    if isinstance(field, models.DateField):
        return lambda v: v.isoformat() if isinstance(v, date) else v
    if isinstance(field, models.UUIDField):
        return lambda v: v.hex if isinstance(v, uuid.UUID) else v
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.DecimalField):
        return lambda v: None if v is None else str(v)
    return None


def _postgres_value(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    return json.dumps if isinstance(field, models.JSONField) else None


class Table:
    """Rows of one model (or an auto-created many-to-many table), written in batches."""

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.names = [field.attname for field in self.fields]
        self.fallbacks = [_fallback(field, now) for field in self.fields]
        self.positions = {name: i for i, name in enumerate(self.names)}
        self.shapes: dict[tuple[str, ...], list[int]] = {}  # the names a caller gives -> their positions
        convert = _postgres_value if connection.vendor == "postgresql" else _sqlite_value
        self.converters = [(i, c) for i, field in enumerate(self.fields) if (c := convert(field)) is not None]
        self.rows: list[list[Any]] = []
        self.count = 0

    def add(self, **row: Any) -> None:
        names = tuple(row)
        shape = self.shapes.get(names) or self._shape(names)
        values = self.fallbacks.copy()
        for i, value in zip(shape, row.values(), strict=True):
            values[i] = value
        for i, convert in self.converters:
            values[i] = convert(values[i])
        self.rows.append(values)
        if len(self.rows) >= BATCH:
            self._send()

    def _shape(self, names: tuple[str, ...]) -> list[int]:
        """Where the given names go, checked once per set of names: every field without a default is given."""
        unknown = [name for name in names if name not in self.positions]
        required = [name for name, value in zip(self.names, self.fallbacks, strict=True) if value is REQUIRED]
        missing = [name for name in required if name not in names]
        if unknown or missing:
            raise ValueError(f"{self.model.__name__}: no field {unknown}, no value for {missing}")
        self.shapes[names] = [self.positions[name] for name in names]
        return self.shapes[names]

    def flush(self) -> None:
        """Write the rows added so far; they are all in the table when it returns."""
        self._send()
        if connection.vendor == "postgresql":
            postgres.COPIER.wait()

    def _send(self) -> None:
        """A batch: to the COPY thread on PostgreSQL (`flush` waits for it), straight in on SQLite."""
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        if connection.vendor == "postgresql":
            postgres.writable(self.model._meta.db_table)
            postgres.COPIER.send(f"COPY {table} ({quoted}) FROM STDIN", self.rows)
        else:
            marks = ", ".join(["%s"] * len(self.fields))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", self.rows)  # noqa: S608 -- model names
        self.count += len(self.rows)
        self.rows = []


def write(model: type[models.Model], rows: Iterable[dict[str, Any]], now: datetime) -> int:
    table = Table(model, now)
    for row in rows:
        table.add(**row)
    table.flush()
    return table.count


def next_id(model: type[models.Model]) -> int:
    """The first id after every row there is: ids of a stage start here, so a rerun on the same data repeats them."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def sequences_reset(*models_: type[models.Model]) -> None:
    """Move the id sequences past ids written by hand (PostgreSQL; SQLite takes the largest id by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
