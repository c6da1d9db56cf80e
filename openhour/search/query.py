"""Searching the index from a selector: `terms(q)`, then `matching(kind, words)` and `rank(kind, words)`."""

import re
from typing import Any

from django.db.models import F, FloatField, Func, Q
from django.db.models.expressions import RawSQL

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"[^\W_]+")  # letters and digits: nothing FTS5 or tsquery would read as syntax

# Column weights for SQLite's bm25 (title, skills, body); PostgreSQL's come from setweight A, B, C.
BM25 = "bm25(search_fts, 10.0, 4.0, 1.0)"


def terms(q: str) -> list[str]:
    """The words of a search box's text that take part in the search, lower-case, at most eight."""
    return [word[:MAX_TERM_LENGTH] for word in _WORD.findall(q[:2000].lower())][:MAX_TERMS]


def _fts5(words: list[str]) -> str:
    """All words must match; the last also as a prefix, for search-as-you-type. `"word"` is a literal."""
    return " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])


def _tsquery(words: list[str]) -> str:
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


class _Vendor:
    def __init__(self, vendor: str, kind: str, words: list[str]) -> None:
        self.postgres = vendor == "postgresql"
        self.query = _tsquery(words) if self.postgres else _fts5(words)
        self.kind = kind


def matching(kind: str, words: list[str]) -> Q:
    """Rows (by primary key) whose document matches every word."""
    return Q(pk__in=_Matching(kind, words))


class _Matching(RawSQL):
    def __init__(self, kind: str, words: list[str]) -> None:
        super().__init__("", ())
        self.kind, self.words = kind, words

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        search = _Vendor(connection.vendor, self.kind, self.words)
        if search.postgres:
            sql = (
                "SELECT d.object_id FROM search_searchdocument d"
                " WHERE d.kind = %s AND d.vector @@ to_tsquery('english', %s)"
            )
            return f"({sql})", (search.kind, search.query)
        sql = (
            "SELECT d.object_id FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
            " WHERE search_fts MATCH %s AND d.kind = %s"
        )
        return f"({sql})", (search.query, search.kind)


class Rank(Func):
    """How well the row's document matches (higher is better); NULL for rows that do not match."""

    output_field = FloatField()

    def __init__(self, kind: str, words: list[str], pk: str = "pk") -> None:
        super().__init__(F(pk))
        self.kind, self.words = kind, words

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: Any = None,
        template: Any = None,
        arg_joiner: Any = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        # The only text spliced in is the outer query's compiled primary-key column; user input is a parameter.
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        search = _Vendor(connection.vendor, self.kind, self.words)
        if search.postgres:
            sql = "SELECT ts_rank(d.vector, to_tsquery('english', %s)) FROM search_searchdocument d"
            sql += f" WHERE d.kind = %s AND d.object_id = {pk_sql}"
        else:
            sql = f"SELECT -{BM25} FROM search_fts WHERE search_fts MATCH %s AND search_fts.rowid = "  # noqa: S608  # nosec B608
            sql += f"(SELECT d.id FROM search_searchdocument d WHERE d.kind = %s AND d.object_id = {pk_sql})"  # noqa: S608  # nosec B608
        return f"({sql})", (search.query, search.kind, *pk_params)


def rank(kind: str, words: list[str]) -> Rank:
    return Rank(kind, words)
