"""Records as flat tables, for spreadsheets (CSV) and databases (SQLite).

One table per record type: articles, entities, mentions, quotes, figures, agreements. Every
row carries its article's `article_id`; entity rows are keyed by (article_id, entity_id), the
same ids quotes use for their speakers. Lists of words (roles, parties, sectors) are joined
with "; " so that every cell is one plain value; booleans are 0/1. The CSV files and the
database have the same tables and columns, built from the one description below.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import corpus
from .keys import party_key
from .readers import done_key
from .output import Writer

if TYPE_CHECKING:
    from .batch import Extracted

JOIN = "; "


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQLite type)
    key: tuple[str, ...]
    references: tuple[str, ...] = ()  # SQL foreign-key clauses

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def span_columns(prefix: str) -> tuple[tuple[str, str], ...]:
    return ((prefix, "TEXT"), (f"{prefix}_start", "INTEGER"), (f"{prefix}_end", "INTEGER"))


OFFSETS = (("text", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"))
SENTENCE = (("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"))
OF_ARTICLE = ('FOREIGN KEY ("article_id") REFERENCES "articles" ("article_id") ON DELETE CASCADE',)

TABLES = (
    Table("articles", (("article_id", "INTEGER"), ("source", "TEXT"), ("text_sha256", "TEXT"),
                       ("title", "TEXT"), ("dateline", "TEXT"), ("byline", "TEXT"), ("outlet", "TEXT"),
                       ("published", "TEXT"), ("published_date", "TEXT"), ("url", "TEXT"),
                       ("interviewee", "TEXT"), ("interviewer", "TEXT"),
                       ("interview_outlet", "TEXT"), ("occasion", "TEXT"), ("warnings", "TEXT")),
          key=("article_id",)),
    Table("entities", (("article_id", "INTEGER"), ("entity_id", "TEXT"), ("name", "TEXT"), ("label", "TEXT"),
                       ("roles", "TEXT"), ("country", "TEXT"), ("mentions", "INTEGER"), ("key", "TEXT")),
          key=("article_id", "entity_id"), references=OF_ARTICLE),
    Table("mentions", (("article_id", "INTEGER"), ("entity_id", "TEXT"), ("mention", "INTEGER"), *OFFSETS),
          key=("article_id", "entity_id", "mention"),
          references=('FOREIGN KEY ("article_id", "entity_id") REFERENCES "entities" ("article_id", "entity_id") '
                      'ON DELETE CASCADE',)),
    Table("quotes", (("article_id", "INTEGER"), ("quote", "INTEGER"), *OFFSETS, ("kind", "TEXT"),
                     ("speaker", "TEXT"), ("speaker_entity_id", "TEXT"), *span_columns("speaker_mention"),
                     *span_columns("cue"), *SENTENCE),
          key=("article_id", "quote"),
          references=(*OF_ARTICLE, 'FOREIGN KEY ("article_id", "speaker_entity_id") '
                                   'REFERENCES "entities" ("article_id", "entity_id")')),
    Table("figures", (("article_id", "INTEGER"), ("figure", "INTEGER"), *OFFSETS, ("kind", "TEXT"),
                      ("value", "REAL"), ("low", "REAL"), ("high", "REAL"), ("unit", "TEXT"),
                      ("approximate", "INTEGER"), ("qualifier", "TEXT"), ("measures", "TEXT"),
                      ("said_by", "TEXT"), *SENTENCE),
          key=("article_id", "figure"), references=OF_ARTICLE),
    Table("agreements", (("article_id", "INTEGER"), ("agreement", "INTEGER"), *OFFSETS, ("kind", "TEXT"),
                         ("parties", "TEXT"), ("count", "INTEGER"), ("sectors", "TEXT"), ("signed", "INTEGER"),
                         ("date", "TEXT"), ("value", "TEXT"), ("said_by", "TEXT"), ("status", "TEXT"),
                         ("date_iso", "TEXT")),
          key=("article_id", "agreement"), references=OF_ARTICLE),
    Table("agreement_parties", (("article_id", "INTEGER"), ("agreement", "INTEGER"), ("party", "INTEGER"),
                                ("name", "TEXT"), ("key", "TEXT")),
          key=("article_id", "agreement", "party"),
          references=('FOREIGN KEY ("article_id", "agreement") REFERENCES "agreements" ("article_id", "agreement") '
                      'ON DELETE CASCADE',)),
)
INDEXES = (("articles", "text_sha256"), ("articles", "source"), ("entities", "name"), ("entities", "key"),
           ("quotes", "article_id, speaker_entity_id"), ("figures", "kind, unit"), ("agreements", "kind"))


def rows(article_id: int, record: dict[str, Any]) -> dict[str, list[tuple]]:
    """The rows of one record (as parsed from its JSON) for each table, in the tables' column order."""
    meta, interview = record["metadata"], record["interview"] or {}
    return {
        "articles": [(article_id, record["source"], record["text_sha256"], meta["title"], meta["dateline"],
                      meta["byline"], meta["outlet"], meta["published"], meta.get("published_date"), meta["url"],
                      interview.get("interviewee"), interview.get("interviewer"), interview.get("outlet"),
                      interview.get("occasion"), JOIN.join(record["warnings"]))],
        "entities": [(article_id, e["id"], e["name"], e["label"], JOIN.join(e["roles"]), e["country"],
                      len(e["mentions"]), e.get("key")) for e in record["entities"]],
        "mentions": [(article_id, e["id"], n, m["text"], m["start"], m["end"])
                     for e in record["entities"] for n, m in enumerate(e["mentions"], 1)],
        "quotes": [(article_id, n, q["text"], q["start"], q["end"], q["kind"],
                    *(speaker(q["speaker"])), *span(q["cue"]), q["sentence"]["start"], q["sentence"]["end"])
                   for n, q in enumerate(record["quotes"], 1)],
        "figures": [(article_id, n, f["text"], f["start"], f["end"], f["kind"], f["value"], f["low"], f["high"],
                     f["unit"], int(f["approximate"]), f["qualifier"], f["measures"], f["said_by"],
                     f["sentence"]["start"], f["sentence"]["end"])
                    for n, f in enumerate(record["figures"], 1)],
        "agreements": [(article_id, n, a["text"], a["start"], a["end"], a["kind"], JOIN.join(a["parties"]),
                        a["count"], JOIN.join(a["sectors"]), int(a["signed"]), a["date"],
                        a["value"]["text"] if a["value"] else None, a["said_by"], a.get("status"),
                        a.get("date_iso"))
                       for n, a in enumerate(record["agreements"], 1)],
        "agreement_parties": [(article_id, n, k, party, party_key(party))
                              for n, a in enumerate(record["agreements"], 1) for k, party in enumerate(a["parties"], 1)],
    }


# A CSV cell starting with one of these is a formula to Excel or LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)") gets a leading
    apostrophe, as OWASP recommends; numbers, and every value in JSON and SQLite, stay exact."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def spreadsheet_rows(article_id: int, record: dict[str, Any]) -> dict[str, list[tuple]]:
    """`rows`, safe to open in a spreadsheet: for CSV."""
    return {name: [tuple(spreadsheet_cell(value) for value in row) for row in table_rows]
            for name, table_rows in rows(article_id, record).items()}


def speaker(value: dict | None) -> tuple:
    if value is None:
        return None, None, None, None, None
    return (value["name"], value["entity_id"], *span(value["mention"]))


def span(value: dict | None) -> tuple:
    return (value["text"], value["start"], value["end"]) if value else (None, None, None)


class CsvWriter(Writer):
    """One CSV file per table in a folder, each row written as its record arrives."""

    def __init__(self, folder: Path):
        folder.mkdir(exist_ok=True)
        self.files = {table.name: open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="")
                      for table in TABLES}
        self.writers = {name: csv.writer(file) for name, file in self.files.items()}
        for table in TABLES:
            self.writers[table.name].writerow(table.column_names)
        self.next_id = 1

    def write(self, record: Extracted) -> None:
        for name, table_rows in spreadsheet_rows(self.next_id, json.loads(record.json)).items():
            self.writers[name].writerows(table_rows)
        for file in self.files.values():
            file.flush()
        self.next_id += 1

    def close(self) -> None:
        for file in self.files.values():
            file.close()


class SqliteWriter(Writer):
    """The tables in an SQLite database with keys and indexes. Each record is one transaction, and
    texts already in the database (by SHA-256) are skipped, so an interrupted batch resumes."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")  # readers can query while a batch writes
        self.db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps each commit whole even so
        self.db.executescript(schema())
        self.add_new_columns()
        corpus.prepare(self.db)
        self.known = {done_key(sha, source)
                      for sha, source in self.db.execute('SELECT "text_sha256", "source" FROM "articles"')}

    def add_new_columns(self) -> None:
        """A database an earlier version wrote gains the columns added since, so that it resumes."""
        for table in TABLES:
            present = {row[1] for row in self.db.execute(f'PRAGMA table_info("{table.name}")')}
            for name, kind in table.columns:
                if name not in present:
                    self.db.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{name}" {kind}')

    def has(self, key: str) -> bool:
        """Whether an input (readers.done_key) was there before this run: duplicates within one run
        are all kept."""
        return key in self.known

    def write(self, record: Extracted) -> None:
        self.db.execute("BEGIN")
        try:
            article_id = self.db.execute('SELECT COALESCE(MAX("article_id"), 0) + 1 FROM "articles"').fetchone()[0]
            table_rows = rows(article_id, json.loads(record.json))
            for table in TABLES:  # articles first: the others refer to them
                self.db.executemany(insert(table), table_rows[table.name])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        corpus.join_keys(self.db)
        self.db.close()


def schema() -> str:
    """CREATE statements for every table and index, harmless on a database that has them."""
    statements = []
    for table in TABLES:
        columns = [f'"{name}" {kind}' for name, kind in table.columns]
        key = ", ".join(f'"{name}"' for name in table.key)
        statements.append(f'CREATE TABLE IF NOT EXISTS "{table.name}" (\n  '
                          + ",\n  ".join([*columns, f"PRIMARY KEY ({key})", *table.references]) + "\n);")
    for table, columns in INDEXES:
        name = f"{table}_{columns.replace(', ', '_')}"
        quoted = ", ".join(f'"{column}"' for column in columns.split(", "))
        statements.append(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({quoted});')
    return "\n".join(statements)


def insert(table: Table) -> str:
    names = ", ".join(f'"{name}"' for name in table.column_names)
    return f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" for _ in table.columns)})'

