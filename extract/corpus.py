"""The SQLite database as a corpus to ask: keys across articles, views and full-text search.

Beside the tables (tables.py) the database gets:

- `entities.corpus_key`: the entity's key (keys.py), except that a person named in an article by
  surname only takes the full name's key when the corpus holds exactly one person with that
  surname. It is made again from the keys each time a batch ends, so a later article that names a
  second person with that surname undoes the join.
- the view `people`: one row per person (corpus key) with the fullest name, the roles and
  countries seen, and how many articles name the person and how many quotes the person speaks;
- the view `agreements_by_pair`: one row per pair of parties of an agreement (ordered by their
  keys: "U.S." and "the United States" are one party), with its kind, status, sectors, date as
  written and resolved, the article's publication date, and `sort_date`, the first of those two;
- `quotes_fts`: an FTS5 index over quote texts and speakers, kept in step with `quotes` by
  triggers. It is an external-content table of `quotes`, the form Datasette detects, so
  `datasette corpus.db` offers a search box on quotes with no configuration.
"""
from __future__ import annotations

import sqlite3

from .keys import corpus_person_keys

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS "quotes_fts" USING fts5(
  "text", "speaker", content="quotes"
);
CREATE TRIGGER IF NOT EXISTS "quotes_fts_insert" AFTER INSERT ON "quotes" BEGIN
  INSERT INTO "quotes_fts" (rowid, "text", "speaker") VALUES (new.rowid, new."text", new."speaker");
END;
CREATE TRIGGER IF NOT EXISTS "quotes_fts_delete" AFTER DELETE ON "quotes" BEGIN
  INSERT INTO "quotes_fts" ("quotes_fts", rowid, "text", "speaker")
  VALUES ('delete', old.rowid, old."text", old."speaker");
END;
CREATE TRIGGER IF NOT EXISTS "quotes_fts_update" AFTER UPDATE ON "quotes" BEGIN
  INSERT INTO "quotes_fts" ("quotes_fts", rowid, "text", "speaker")
  VALUES ('delete', old.rowid, old."text", old."speaker");
  INSERT INTO "quotes_fts" (rowid, "text", "speaker") VALUES (new.rowid, new."text", new."speaker");
END;
CREATE VIEW IF NOT EXISTS "people" AS
SELECT "e"."corpus_key" AS "key",
       (SELECT "name" FROM "entities" AS "x" WHERE "x"."corpus_key" = "e"."corpus_key"
        ORDER BY length("name") DESC, "name" LIMIT 1) AS "name",
       group_concat(DISTINCT nullif("e"."roles", '')) AS "roles",
       group_concat(DISTINCT "e"."country") AS "countries",
       count(DISTINCT "e"."article_id") AS "articles",
       (SELECT count(*) FROM "quotes" AS "q" JOIN "entities" AS "s"
          ON "s"."article_id" = "q"."article_id" AND "s"."entity_id" = "q"."speaker_entity_id"
        WHERE "s"."corpus_key" = "e"."corpus_key") AS "quotes"
FROM "entities" AS "e"
WHERE "e"."label" = 'PERSON'
GROUP BY "e"."corpus_key";
CREATE VIEW IF NOT EXISTS "agreements_by_pair" AS
SELECT "a"."name" AS "party_a", "b"."name" AS "party_b", "a"."key" AS "key_a", "b"."key" AS "key_b",
       "g"."kind", "g"."status", "g"."sectors", "g"."date", "g"."date_iso", "t"."published_date",
       coalesce("g"."date_iso", "t"."published_date") AS "sort_date", "g"."text" AS "evidence",
       "g"."article_id", "g"."agreement", "t"."source"
FROM "agreement_parties" AS "a"
JOIN "agreement_parties" AS "b"
  ON "b"."article_id" = "a"."article_id" AND "b"."agreement" = "a"."agreement" AND "a"."key" < "b"."key"
JOIN "agreements" AS "g" ON "g"."article_id" = "a"."article_id" AND "g"."agreement" = "a"."agreement"
JOIN "articles" AS "t" ON "t"."article_id" = "a"."article_id";
"""


def prepare(db: sqlite3.Connection) -> None:
    """The corpus key column, the views and the search index, harmless on a database that has them;
    a database written before the index had it gets its quotes indexed once."""
    columns = {row[1] for row in db.execute('PRAGMA table_info("entities")')}
    if "corpus_key" not in columns:
        db.execute('ALTER TABLE "entities" ADD COLUMN "corpus_key" TEXT')
    had_index = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'quotes_fts'").fetchone() is not None
    db.executescript(SCHEMA)
    db.execute('CREATE INDEX IF NOT EXISTS "entities_corpus_key" ON "entities" ("corpus_key")')
    if not had_index:
        db.execute("INSERT INTO \"quotes_fts\" (\"quotes_fts\") VALUES ('rebuild')")


def join_keys(db: sqlite3.Connection) -> None:
    """Make every entity's corpus key again from the keys the records give (see the module's docstring)."""
    keys = [key for (key,) in db.execute('SELECT DISTINCT "key" FROM "entities" WHERE "label" = \'PERSON\'') if key]
    joined = corpus_person_keys(keys)
    db.execute("BEGIN")
    db.execute('UPDATE "entities" SET "corpus_key" = "key"')
    db.executemany('UPDATE "entities" SET "corpus_key" = ? WHERE "key" = ? AND "label" = \'PERSON\'',
                   [(full, surname) for surname, full in joined.items()])
    db.execute("COMMIT")
