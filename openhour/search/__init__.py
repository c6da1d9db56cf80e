"""Full-text search over projects, people and Hourlies: one index, two database backends.

Design. Every searchable row has one `SearchDocument` (kind, object_id, title, skills, body): the text
the search looks at, copied from the row and its skills' names. Keeping our own document table, instead
of expression indexes on each app's tables, lets one index cover text that lives in several tables
(skills are many-to-many) and keeps the other apps' tables untouched.

Languages. A document is in the language of who wrote it (a project's client, an Hourlie's freelancer, the
person; `openhour.lib.i18n.language_of`), kept in its `language` column when it is indexed, and in `config`
the PostgreSQL text-search configuration that reads it (`SEARCH_CONFIGURATIONS`, `simple` for a language with
none; `openhour.search.languages`). A person who later reads the site in another language keeps the language
their documents were written in until they edit them (or `search_reindex` runs). Skills are indexed by their
English names, so a skill's name finds a project in any language, and by their names in the document's language
where those differ (`Skill.label`). Accents never matter, in any language.

- PostgreSQL: the table has a stored generated `tsvector` column, `vector` (title weight A, skills B,
  body C), made with the document's own configuration (`config` is a `regconfig`: a text column cast to
  one would not be immutable) from its text with accents folded by `unaccent` (through `search_unaccent`,
  an immutable wrapper), so words are stemmed as their language stems them; a GIN index serves it. Ranking
  is `ts_rank`.
- SQLite: an FTS5 table, `search_fts`, mirrors the documents (external content, kept in step by
  triggers) with the `porter unicode61 remove_diacritics 2` tokenizer (case and accents folded; Porter's
  English stemmer, which also takes plurals and some endings off French and German words, and is kept
  because it never loses a form the plain tokenizer finds: `tests/test_sqlite_words.py`). Ranking is `bm25`
  with column weights 10 (title), 4 (skills), 1 (body).

Both were created by the vendor-conditional migration 0001, and made multilingual by 0003; the Django model
knows neither, so its queries stay portable. (A later migration that makes SQLite rebuild
`search_searchdocument` must create the triggers again, as 0003 does.)

Queries (`openhour.search.query`): the user's text is reduced to at most eight plain words (letters and
digits only), so no input can speak FTS5 or tsquery syntax; every word must match and the last one also
matches as a prefix ("desig" finds "designer"). On PostgreSQL the query is read with every configuration
documents are in, accents folded, and those readings are OR-ed (`to_tsquery('french', …) ||
to_tsquery('english', …) || …`), so each document meets it stemmed as its own language stems; the whole is a
constant of the statement, so the GIN index serves it. `matching()` gives a filter (`pk IN (ids of matching
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
end with `manage.py search_reindex`, which rebuilds the whole index (e.g. after renaming skills
or changing `SEARCH_CONFIGURATIONS`); the
migration indexes the rows that existed before it.
"""
