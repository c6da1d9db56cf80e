"""Full-text search over projects, people and Hourlies: one index, two database backends.

Design. Every searchable row has one `SearchDocument` (kind, object_id, title, skills, body): the text
the search looks at, copied from the row and its skills' names. Keeping our own document table, instead
of expression indexes on each app's tables, lets one index cover text that lives in several tables
(skills are many-to-many) and keeps the other apps' tables untouched.

- PostgreSQL: the table has a stored generated `tsvector` column, `vector` (title weight A, skills B,
  body C, 'english' configuration, so words are stemmed), with a GIN index. Ranking is `ts_rank`.
- SQLite: an FTS5 table, `search_fts`, mirrors the documents (external content, kept in step by
  triggers) with the `porter unicode61` tokenizer (stemming, case and accent folding). Ranking is `bm25`
  with column weights 10 (title), 4 (skills), 1 (body).

Both are created by the vendor-conditional migration 0001; the Django model knows neither, so its
queries stay portable. (A later migration that makes SQLite rebuild `search_searchdocument` must create
the triggers again.)

Queries (`openhour.search.query`): the user's text is reduced to at most eight plain words (letters and
digits only), so no input can speak FTS5 or tsquery syntax; every word must match and the last one also
matches as a prefix ("desig" finds "designer"). `matching()` gives a filter (`pk IN (ids of matching
documents)`) and `rank()` an annotation for sorting by relevance; both are plain SQL over the outer
query's primary key, so they compose with the selectors' other filters and add no queries. On SQLite the
FTS5 table drives (its MATCH runs once per search, never once per document). Relevance is bounded: only
`RANKED` matches get a rank (SQLite: the best by bm25, from one FTS5 query; PostgreSQL: the newest, found
through the (kind, object_id) index, as ranking every match of a common word costs a pass over all of
them); the other matches rank 0 and follow in the selector's next sort key (newest first).

Freshness (`openhour.search.documents`): the services that create, edit or delete a project, an Hourlie or
a person, or change their skills, call `documents.refresh(row)` (or `documents.remove(row)` before a
delete) in their own transaction, and so do the admin pages of those rows (`openhour.search.admin`). A
write that changes no searched text (a status, a photo) leaves the index alone. Bulk writers (seed data)
end with `manage.py search_reindex`, which rebuilds the whole index (e.g. after renaming skills); the
migration indexes the rows that existed before it.
"""
