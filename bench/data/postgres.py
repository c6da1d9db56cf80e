"""What a stage does around its writes on PostgreSQL, so that the server spends its time storing rows rather than
keeping indexes and checking keys row by row.

Before the writes: the stage's tables lose their secondary indexes (those neither unique nor behind a constraint),
and `session_replication_role = replica` turns off the foreign-key triggers (and the other triggers, each of which
has a check below). After them: the indexes are built again from the definitions they
were dropped with (one sort each, with `maintenance_work_mem` raised), the tables are analysed, every foreign key
to or from them is checked with one anti-join, and so is each trigger's rule. A row that breaks one fails the
stage loudly. All of it runs in the stage's transaction: a stage that is interrupted rolls back its DROP INDEX
with its rows, so the rerun finds every index in place and starts again from there.
"""

import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.db.backends.utils import CursorWrapper

MAINTENANCE_WORK_MEM = "1GB"

# Triggers on the loaded tables, which `replica` skips: the query that finds the rows each would have refused,
# or None for one the stages cannot set off (they only insert into its table).
TRIGGER_CHECKS: dict[str, str | None] = {
    "money_transfer_one_currency": """
        SELECT t.id FROM money_transfer t
        JOIN money_account debit ON debit.id = t.debit_id JOIN money_account credit ON credit.id = t.credit_id
        WHERE debit.currency <> t.currency OR credit.currency <> t.currency LIMIT 3""",
    "money_transfer_append_only": None,  # refuses UPDATE and DELETE
}


LOADING: set[str] = set()  # the tables of the stage being written, while `replica` is on


class BrokenLoad(Exception):
    """A row the stage wrote breaks a foreign key or a trigger's rule."""


class Copier:
    """COPY on a thread of its own, so that the server stores one batch while Python makes the next. It shares the
    stage's connection, whose use psycopg serialises (a query of the stage waits for the COPY under way); `wait()`
    returns once every batch sent is in its table, and `drop()` forgets those not sent yet, before a rollback."""

    def __init__(self) -> None:
        self.batches: queue.Queue[tuple[Any, str, list[list[Any]]]] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.dropping = False
        self.thread: threading.Thread | None = None

    def send(self, statement: str, rows: list[list[Any]]) -> None:
        self.check()
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="bench-copy", daemon=True)
            self.thread.start()
        connection.ensure_connection()
        self.batches.put((connection.connection, statement, rows))

    def wait(self) -> None:
        self.batches.join()
        self.check()

    def drop(self) -> None:
        self.dropping = True
        self.batches.join()
        self.dropping = False

    def check(self) -> None:
        if self.error is not None:
            self.drop()
            error, self.error = self.error, None
            raise error

    def _run(self) -> None:
        while True:
            raw, statement, rows = self.batches.get()
            try:
                if self.error is None and not self.dropping:
                    with raw.cursor() as cursor, cursor.copy(statement) as copy:
                        for row in rows:
                            copy.write_row(row)
            except BaseException as error:  # raised again on the stage's thread
                self.error = error
            finally:
                self.batches.task_done()


COPIER = Copier()


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


@contextmanager
def loading(writes: Sequence[type[models.Model]]) -> Iterator[None]:
    """Around the writes of one stage to these models' tables, inside the stage's transaction."""
    tables = sorted({model._meta.db_table for model in writes})
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('synchronous_commit', 'off', true)")
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [MAINTENANCE_WORK_MEM])
        triggers_known(cursor, tables)
        indexes = secondary_indexes(cursor, tables)
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        cursor.execute("SET LOCAL session_replication_role = replica")
    LOADING.update(tables)
    try:
        yield
        COPIER.wait()
    except BaseException:
        COPIER.drop()  # nothing may reach the tables after the rollback that follows
        raise
    finally:
        LOADING.clear()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")
        foreign_keys_check(cursor, tables)
        triggers_check(cursor, tables)


def writable(table: str) -> None:
    """Refuse a bulk write to a table the stage did not name: with `replica` on, its keys would go unchecked."""
    if LOADING and table not in LOADING:
        raise BrokenLoad(f"{table} is not among the tables of this stage ({', '.join(sorted(LOADING))})")


def secondary_indexes(cursor: CursorWrapper, tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each index on these tables that is neither unique nor behind a constraint.
    Unique ones stay: they check rows as they come, and some would not come back word for word (PostgreSQL
    prints `IN (...)` conditions in a form it reads back differently)."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s) AND t.relnamespace = current_schema()::text::regnamespace AND NOT x.indisunique
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY t.relname, i.relname
        """,
        [tables],
    )
    return cursor.fetchall()


def foreign_keys(cursor: CursorWrapper, tables: list[str]) -> list[tuple[str, str, list[str], str, list[str]]]:
    """(name, table, columns, referenced table, referenced columns) of every foreign key from or to these tables."""
    cursor.execute(
        """
        SELECT c.conname, child.relname,
               array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
               parent.relname,
               array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)
        FROM pg_constraint c
        JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::text::regnamespace
          AND (child.relname = ANY(%s) OR parent.relname = ANY(%s))
        ORDER BY c.conname
        """,
        [tables, tables],
    )
    return cursor.fetchall()


def foreign_keys_check(cursor: CursorWrapper, tables: list[str]) -> None:
    """One anti-join per foreign key: the rows whose key is set but names no row of the referenced table."""
    for name, table, columns, parent, keys in foreign_keys(cursor, tables):
        matches = " AND ".join(f"p.{quote(key)} = c.{quote(column)}" for column, key in zip(columns, keys, strict=True))
        cursor.execute(
            f"SELECT {', '.join(f'c.{quote(column)}' for column in columns)} FROM {quote(table)} c"  # noqa: S608 -- names from the catalog
            f" WHERE {' AND '.join(f'c.{quote(column)} IS NOT NULL' for column in columns)}"
            f" AND NOT EXISTS (SELECT FROM {quote(parent)} p WHERE {matches}) LIMIT 3"
        )
        if orphans := cursor.fetchall():
            raise BrokenLoad(f"{table}.{', '.join(columns)} names no {parent} row: {orphans} ({name})")


def triggers(cursor: CursorWrapper, tables: list[str]) -> list[tuple[str, str]]:
    """(table, trigger) of the enabled triggers of our own on these tables, which `replica` turns off."""
    cursor.execute(
        """
        SELECT t.relname, g.tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
        WHERE NOT g.tgisinternal AND g.tgenabled = 'O' AND t.relname = ANY(%s)
          AND t.relnamespace = current_schema()::text::regnamespace
        ORDER BY 1, 2
        """,
        [tables],
    )
    return cursor.fetchall()


def triggers_known(cursor: CursorWrapper, tables: list[str]) -> None:
    unknown = [f"{trigger} on {table}" for table, trigger in triggers(cursor, tables) if trigger not in TRIGGER_CHECKS]
    if unknown:
        raise BrokenLoad(f"no check in bench/data/postgres.py for {', '.join(unknown)}: add its rule to TRIGGER_CHECKS")


def triggers_check(cursor: CursorWrapper, tables: list[str]) -> None:
    for table, trigger in triggers(cursor, tables):
        if check := TRIGGER_CHECKS[trigger]:
            cursor.execute(check)
            if refused := cursor.fetchall():
                raise BrokenLoad(f"{table} rows {trigger} would have refused: {refused}")
