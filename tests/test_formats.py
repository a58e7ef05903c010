"""Every output format, checked against the JSON Lines records; inputs in any mix; resume; interrupts; workers."""
from __future__ import annotations

import codecs
import csv
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from extract.cli import ExitStatus, Tally

from conftest import REPO, SEED

TABLE_NAMES = ["articles", "entities", "mentions", "quotes", "figures", "agreements", "agreement_parties"]


def cell(value) -> str:
    """A JSON value as the csv module writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value  # no formula for a spreadsheet
    return str(value)


def expected_rows(records: list[dict]) -> dict[str, list[tuple]]:
    """The rows the tables must hold, read straight from the JSON Lines records (article ids from 1)."""
    rows = {name: [] for name in TABLE_NAMES}
    for article_id, record in enumerate(records, 1):
        meta = record["metadata"]
        rows["articles"].append((article_id, record["source"], record["text_sha256"], meta["title"]))
        for entity in record["entities"]:
            rows["entities"].append((article_id, entity["id"], entity["name"], entity["label"],
                                     "; ".join(entity["roles"]), len(entity["mentions"]), entity["key"]))
            rows["mentions"] += [(article_id, entity["id"], m["text"], m["start"], m["end"])
                                 for m in entity["mentions"]]
        rows["quotes"] += [(article_id, q["text"], q["start"], q["end"], q["kind"],
                            q["speaker"]["name"] if q["speaker"] else None,
                            q["speaker"]["entity_id"] if q["speaker"] else None) for q in record["quotes"]]
        rows["figures"] += [(article_id, f["text"], f["start"], f["end"], f["value"], f["unit"], f["measures"])
                            for f in record["figures"]]
        rows["agreements"] += [(article_id, a["text"], a["start"], a["end"], "; ".join(a["parties"]),
                                "; ".join(a["sectors"]), a["signed"]) for a in record["agreements"]]
        rows["agreement_parties"] += [(article_id, n, k, party) for n, a in enumerate(record["agreements"], 1)
                                      for k, party in enumerate(a["parties"], 1)]
    return rows


COLUMNS = {
    "articles": ("article_id", "source", "text_sha256", "title"),
    "entities": ("article_id", "entity_id", "name", "label", "roles", "mentions", "key"),
    "mentions": ("article_id", "entity_id", "text", "start", "end"),
    "quotes": ("article_id", "text", "start", "end", "kind", "speaker", "speaker_entity_id"),
    "figures": ("article_id", "text", "start", "end", "value", "unit", "measures"),
    "agreements": ("article_id", "text", "start", "end", "parties", "sectors", "signed"),
    "agreement_parties": ("article_id", "agreement", "party", "name"),
}


@pytest.fixture
def records(cli, corpus, tmp_path) -> list[dict]:
    """The corpus as JSON Lines, plus an article with an agreement so that every table has rows."""
    (corpus / "d.txt").write_text("Rwanda and Kazakhstan signed six agreements on trade, ICT and mining on "
                                  "Monday, the ministry said. Exports rose 12 percent to $40 million.\n",
                                  encoding="utf-8")
    run = cli(corpus)
    assert run.exit_code == ExitStatus.OK
    lines = run.json_lines()
    assert all(lines[0][key] for key in ("entities", "quotes", "figures"))
    return lines


def test_csv_tables_hold_the_json_lines_records(cli, corpus, records, tmp_path):
    folder = tmp_path / "tables"
    run = cli(corpus, "--format", "csv", "-o", folder)
    assert run.exit_code == ExitStatus.OK and run.stdout == ""
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{name}.csv" for name in TABLE_NAMES)
    expected = expected_rows(records)
    for name in TABLE_NAMES:
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as file:
            rows = [tuple(row[column] for column in COLUMNS[name]) for row in csv.DictReader(file)]
        assert rows == [tuple(cell(value) for value in row) for row in expected[name]], name
    assert expected["agreements"]


def test_sqlite_tables_hold_the_json_lines_records_with_keys_and_indexes(cli, corpus, records, tmp_path):
    database = tmp_path / "corpus.db"
    assert cli(corpus, "-o", database).exit_code == ExitStatus.OK  # the suffix chooses SQLite
    expected = expected_rows(records)
    with sqlite3.connect(database) as db:
        for name in TABLE_NAMES:
            columns = ", ".join(f'"{column}"' for column in COLUMNS[name])
            rows = db.execute(f'SELECT {columns} FROM "{name}" ORDER BY rowid').fetchall()
            assert rows == [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in expected[name]]
        assert db.execute('SELECT COUNT(*) FROM "quotes" JOIN "entities" '
                          'ON quotes.article_id = entities.article_id AND speaker_entity_id = entity_id'
                          ).fetchone()[0] == sum(1 for row in expected["quotes"] if row[-1])
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_text_sha256" in indexes
        assert db.execute("PRAGMA foreign_key_list(mentions)").fetchall()


def test_sqlite_resumes_skipping_the_texts_it_has(cli, corpus, tmp_path):
    database = tmp_path / "corpus.db"
    first = cli(corpus / "a.txt", "-f", "sqlite", "-o", database)
    assert first.exit_code == ExitStatus.OK
    (corpus / "new.txt").write_text("The ministry said exports rose 12 percent to $40 million.\n", encoding="utf-8")
    again = cli(corpus, "-o", database)
    assert again.exit_code == ExitStatus.OK
    assert "1 article, " in again.stderr and "3 already in" in again.stderr  # a, b and c share one text
    with sqlite3.connect(database) as db:
        assert [row[0] for row in db.execute('SELECT source FROM articles ORDER BY article_id')] == [
            str(corpus / "a.txt"), str(corpus / "new.txt")]


def test_a_database_from_an_earlier_version_gains_the_new_columns_and_resumes(cli, corpus, tmp_path):
    database = tmp_path / "corpus.db"
    assert cli(corpus / "a.txt", "-f", "sqlite", "-o", database).exit_code == ExitStatus.OK
    with sqlite3.connect(database) as db:
        db.execute('ALTER TABLE articles DROP COLUMN "url"')  # as a database written before it existed
    (corpus / "new.txt").write_text("The ministry said exports rose 12 percent.\n", encoding="utf-8")
    assert cli(corpus / "new.txt", "-o", database).exit_code == ExitStatus.OK
    with sqlite3.connect(database) as db:
        assert db.execute('SELECT count(*), count("url") FROM articles').fetchone() == (2, 0)


@pytest.mark.parametrize("args, hint", [
    (["--format", "csv"], "give a folder with -o"),
    (["--format", "sqlite"], "give one with -o"),
])
def test_tables_need_somewhere_to_go(cli, args, hint):
    run = cli(SEED, *args)
    assert run.exit_code == ExitStatus.USAGE and hint in run.stderr


def test_json_lines_to_a_file_keep_every_record_finished_before_ctrl_c(cli, corpus, tmp_path, monkeypatch):
    written = []

    def interrupt_after_two(self, record):
        written.append(record)
        if len(written) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(Tally, "add", interrupt_after_two)
    lines_file, json_file = tmp_path / "out.jsonl", tmp_path / "out.json"
    run = cli(corpus, "-o", lines_file)
    assert run.exit_code == ExitStatus.INTERRUPTED
    assert [json.loads(line)["source"] for line in lines_file.read_text(encoding="utf-8").splitlines()] == [
        str(corpus / "a.txt"), str(corpus / "b.txt")]
    written.clear()
    assert cli(corpus, "-o", json_file).exit_code == ExitStatus.INTERRUPTED
    assert not json_file.exists()  # a single document is written whole or not at all


def test_files_folders_and_standard_input_mix_in_order(cli, corpus, seed_text_path):
    run = cli(SEED, "-", corpus / "sub", stdin=seed_text_path.read_bytes())
    assert run.exit_code == ExitStatus.OK
    assert [record["source"] for record in run.json_lines()] == [SEED, "-", str(corpus / "sub" / "c.txt")]


@pytest.mark.parametrize("encode", [
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    lambda text: text.replace("\n", "\r\n").encode("cp1252"),
])
def test_encoded_inputs_give_offsets_into_the_decoded_text(cli, tmp_path, seed_text, encode):
    path = tmp_path / "encoded.txt"
    path.write_bytes(encode(seed_text))
    run = cli(path, "-")
    record = run.json_lines()[0]
    text = path.read_bytes().decode("utf-16" if path.read_bytes()[:2] == codecs.BOM_UTF16_LE else "cp1252")
    assert record["quotes"] and all(text[q["start"]:q["end"]] == q["text"] for q in record["quotes"])
    if b"\r\n" in path.read_bytes():
        assert f"extract: warning: {path}: not UTF-8" in run.stderr and "decoded as" in run.stderr


def test_a_batch_ends_with_one_summary_line_unless_quiet(cli, corpus):
    run = cli(corpus, "no/such.txt")
    assert run.exit_code == ExitStatus.ERROR
    summary = run.stderr.splitlines()[-1]
    assert summary.startswith("extract: 3 articles, ") and ", 1 failure, " in summary and summary.endswith(" s")
    assert cli(corpus, "--quiet").stderr == ""


def test_two_workers_give_what_one_gives_in_the_same_order(cli, tmp_path, seed_text):
    """Each worker loads the model itself: a real pool, kept to a few small files."""
    folder = tmp_path / "small"
    folder.mkdir()
    paragraphs = seed_text.split("\n\n")
    for n in range(4):
        (folder / f"{n}.txt").write_text("\n\n".join(paragraphs[n * 3:n * 3 + 4]), encoding="utf-8")
    one, two = cli(folder, "--workers", "1"), cli(folder, "--workers", "2")
    assert two.exit_code == ExitStatus.OK, two.stderr
    assert [record["source"] for record in two.json_lines()] == [str(folder / f"{n}.txt") for n in range(4)]
    assert two.stdout == one.stdout


def test_ctrl_c_on_the_real_command_exits_130_keeping_whole_records(tmp_path):
    output = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "extract", *[SEED] * 200, "-o", str(output), "-w", "1"],
                               cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 120
    while not (output.exists() and output.read_text(encoding="utf-8").count("\n") >= 1):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitStatus.INTERRUPTED, stderr
    assert "Traceback" not in stderr and "interrupted:" in stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    assert 1 <= len(lines) < 200 and all(json.loads(line)["source"] == SEED for line in lines)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula_and_sqlite_keeps_them_exact(start, tmp_path):
    """A quote, an entity name and a figure text starting with a formula character: a leading
    apostrophe in CSV (OWASP's advice), the exact text in SQLite; numbers stay numbers."""
    from extract import models
    from extract.batch import Extracted
    from extract.tables import CsvWriter, SqliteWriter

    payload = f'{start}HYPERLINK("http://example.com")'
    span = {"text": payload, "start": 0, "end": len(payload)}
    article = models.Article(
        source="a.txt", text_sha256="0" * 64,
        entities=[models.Entity(id="e1", name=payload, label="ORG", mentions=[models.Span(**span)])],
        quotes=[models.Quote(**span, kind="direct", sentence=models.Span(**span))],
        figures=[models.Figure(**span, kind="count", value=-5.0, sentence=models.Span(**span))])
    record = Extracted.of(article)
    writer = CsvWriter(tmp_path / "tables")
    writer.write(record)
    writer.close()
    for table, column in (("entities", "name"), ("quotes", "text"), ("figures", "text")):
        with open(tmp_path / "tables" / f"{table}.csv", encoding="utf-8", newline="") as file:
            row = next(csv.DictReader(file))
        assert row[column] == "'" + payload, table
    with open(tmp_path / "tables" / "figures.csv", encoding="utf-8", newline="") as file:
        assert next(csv.DictReader(file))["value"] == "-5.0"  # a number is no formula
    database = SqliteWriter(tmp_path / "corpus.db")
    database.write(record)
    database.close()
    with sqlite3.connect(tmp_path / "corpus.db") as db:
        assert db.execute("SELECT name FROM entities").fetchone() == (payload,)
        assert db.execute("SELECT text, value FROM figures").fetchone() == (payload, -5.0)
