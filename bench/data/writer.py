"""Writing many rows fast: COPY on PostgreSQL, one executemany per batch on SQLite, in the caller's transaction.

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

BATCH = 20_000
REQUIRED = object()


def _fallback(field: models.Field[Any, Any], now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default() and not callable(field.default):
        return field.get_default()
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
        convert = _postgres_value if connection.vendor == "postgresql" else _sqlite_value
        self.converters = [(i, c) for i, field in enumerate(self.fields) if (c := convert(field)) is not None]
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, **row: Any) -> None:
        values = [row.get(name, fallback) for name, fallback in zip(self.names, self.fallbacks, strict=True)]
        for i, convert in self.converters:
            values[i] = convert(values[i])
        if REQUIRED in values:
            missing = [name for name, value in zip(self.names, values, strict=True) if value is REQUIRED]
            raise ValueError(f"{self.model.__name__}: no value for {missing}")
        self.rows.append(tuple(values))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = self.model._meta.db_table
        columns = [field.column for field in self.fields]
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",  # noqa: S608 -- model names
                    self.rows,
                )
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
