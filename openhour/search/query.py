"""Searching the index from a selector: `terms(q)`, then `matching(kind, words)` and `rank(kind, words)`."""

import re
from typing import Any

from django.db.models import F, FloatField, Func, Q
from django.db.models.expressions import RawSQL

from openhour.search.languages import configurations

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"[^\W_]+")  # letters and digits: nothing FTS5 or tsquery would read as syntax

# Column weights for SQLite's bm25 (title, skills, body); PostgreSQL's come from setweight A, B, C.
BM25 = "bm25(search_fts, 10.0, 4.0, 1.0)"
# Relevance is worked out for at most this many matches (50 pages of 20); the others follow in the next sort key.
RANKED = 1000

# One word as a quoted tsquery operand, its accents folded as the documents' are; quoted, so that what unaccent makes
# of a letter ("ŉ" becomes "'n", "⑴" becomes "(1)") is read as text, never as tsquery syntax.
_OPERAND = r"'''' || replace(replace(search_unaccent(%s), '\', '\\'), '''', '''''') || ''''"


def terms(q: str) -> list[str]:
    """The words of a search box's text that take part in the search, lower-case, at most eight."""
    return [word[:MAX_TERM_LENGTH] for word in _WORD.findall(q[:2000].lower())][:MAX_TERMS]


def _fts5(words: list[str]) -> str:
    """All words must match; the last also as a prefix, for search-as-you-type. `"word"` is a literal."""
    return " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])


def _tsquery(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """Every word must match, the last also as a prefix, read with each configuration documents are in, so each
    document meets the query stemmed as its own language stems. A constant of the statement: the GIN index serves it.
    """
    text = " || ' & ' || ".join(_OPERAND for _ in words) + " || ':*'"
    each = configurations()
    sql = " || ".join(f"to_tsquery(%s::regconfig, {text})" for _ in each)
    return f"({sql})", tuple(param for config in each for param in (config, *words))


class _Vendor:
    """The vendor's query (SQL with placeholders, and their parameters) for a kind of document."""

    def __init__(self, vendor: str, kind: str, words: list[str]) -> None:
        self.postgres = vendor == "postgresql"
        self.query, self.params = _tsquery(words) if self.postgres else ("%s", (_fts5(words),))
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
            sql = f"SELECT d.object_id FROM search_searchdocument d WHERE d.kind = %s AND d.vector @@ {search.query}"  # noqa: S608  # nosec B608
            return f"({sql})", (search.kind, *search.params)
        # The FTS5 table drives: one MATCH gives the matching rowids, which then pick the documents by key.
        sql = (
            "SELECT d.object_id FROM search_searchdocument d"
            " WHERE d.kind = %s AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        )
        return f"({sql})", (search.kind, *search.params)


class Rank(Func):
    """How well the row's document matches (higher is better), for at most `RANKED` matches; 0 for the
    other matches (and for rows that do not match), so a sort by rank puts them after, in the sort's next key."""

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
        # The only text spliced in is the outer query's compiled primary-key column, the RANKED constant and the
        # query's fixed SQL; user input is a parameter.
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        return self.ranked_sql(_Vendor(connection.vendor, self.kind, self.words), pk_sql, tuple(pk_params))

    def ranked_sql(self, search: _Vendor, pk_sql: str, pk_params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        if search.postgres:
            params = (*pk_params, search.kind, *search.params, *search.params, search.kind, *pk_params)
            return _postgres_rank(pk_sql, search.query), params
        return _sqlite_rank(pk_sql), (*search.params, search.kind, *pk_params)


def _postgres_rank(pk: str, query: str) -> str:
    """ts_rank of the newest RANKED matches: the (kind, object_id) index finds them without reading the
    others, the threshold is computed once, and only rows at or above it look their document up."""
    newest = f"""SELECT min(c.object_id) FROM (
        SELECT n.object_id FROM search_searchdocument n WHERE n.kind = %s AND n.vector @@ {query}
        ORDER BY n.object_id DESC LIMIT {RANKED}) c"""  # noqa: S608  # nosec B608
    ranked = f"""SELECT ts_rank(d.vector, {query}) FROM search_searchdocument d
        WHERE d.kind = %s AND d.object_id = {pk}"""  # noqa: S608  # nosec B608
    return f"(CASE WHEN {pk} >= ({newest}) THEN ({ranked}) ELSE 0 END)"


def _sqlite_rank(pk: str) -> str:
    """bm25 of the best RANKED matches, worked out by one FTS5 query (the CROSS JOIN keeps the FTS5 table in the
    outer loop), computed once as it does not depend on the outer row, and looked up by the row's key."""
    best = f"""SELECT d.object_id AS object_id, -{BM25} AS score
        FROM search_fts CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid
        WHERE search_fts MATCH %s AND d.kind = %s ORDER BY score DESC LIMIT {RANKED}"""  # noqa: S608  # nosec B608
    return f"COALESCE((SELECT best.score FROM ({best}) best WHERE best.object_id = {pk}), 0)"  # noqa: S608  # nosec B608


def rank(kind: str, words: list[str]) -> Rank:
    return Rank(kind, words)


class RankEach(Rank):
    """How well each row's document matches (higher is better; 0 for a row that does not match), with no bound:
    for selectors that bound the rows they rank themselves, so each row costs one lookup by key."""

    def ranked_sql(self, search: _Vendor, pk_sql: str, pk_params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        rank_each = _postgres_rank_each(pk_sql, search.query) if search.postgres else _sqlite_rank_each(pk_sql)
        return rank_each, (*search.params, search.kind, *pk_params)


def _postgres_rank_each(pk: str, query: str) -> str:
    ranked = f"""SELECT ts_rank(d.vector, {query}) FROM search_searchdocument d
        WHERE d.kind = %s AND d.object_id = {pk}"""  # noqa: S608  # nosec B608
    return f"COALESCE(({ranked}), 0)"


def _sqlite_rank_each(pk: str) -> str:
    """bm25 of every match, worked out by one FTS5 query as `_sqlite_rank` does (a MATCH started once per row
    would be a plan that grows with the rows), and looked up by the row's key. LIMIT -1 (none) keeps SQLite from
    folding the subquery into the per-row lookup, so it runs once."""
    scored = f"""SELECT d.object_id AS object_id, -{BM25} AS score
        FROM search_fts CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid
        WHERE search_fts MATCH %s AND d.kind = %s LIMIT -1"""  # noqa: S608  # nosec B608
    return f"COALESCE((SELECT scored.score FROM ({scored}) scored WHERE scored.object_id = {pk}), 0)"  # noqa: S608  # nosec B608


def rank_each(kind: str, words: list[str]) -> RankEach:
    return RankEach(kind, words)
