"""A folder of articles as a corpus: keys across articles, the SQLite views and full-text search."""
import json
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request

import pytest

from extract.keys import corpus_person_keys, entity_key, normal_name

ARTICLES = {
    # The same minister in full, then by surname only; the same country as a name and a nationality.
    "a.txt": "Ports Deal Signed\n\nMaria Lopez, Peru's trade minister, said on Monday that the port deal "
             "would double exports. Peru and Chile signed an agreement on ports.",
    "b.txt": "Exports Rise\n\nTrade Minister Lopez told reporters in Lima on Friday that Peruvian exporters were "
             "ready for the new port. \"The ships are coming,\" Lopez said.",
    # Two different people with one surname, and an article naming one of them by surname only.
    "c.txt": "Two Ministers\n\nEconomy Minister Juan Dupont met Health Minister Claire Dupont in Lima on Tuesday.",
    "d.txt": "Health Talks\n\nMinister Dupont told reporters in Lima on Wednesday that the talks went well.",
}


def test_a_country_and_its_nationality_have_one_key():
    assert entity_key("GPE", "Rwanda", "RW") == entity_key("NORP", "Rwandan", "RW") == "GPE:RW"
    assert entity_key("GPE", "Astana", "KZ") == "GPE:astana"  # a city keeps its name
    assert entity_key("PERSON", "José  O’Neil Jr.", None) == "PERSON:jose oneil jr"
    assert normal_name("Olivier NDUHUNGIREHE") == "olivier nduhungirehe"
    assert entity_key("ORG", "The Astana Times", None) == entity_key("ORG", "Astana Times", "KZ") == "ORG:astana times"


def test_a_surname_joins_the_one_full_name_with_it_and_no_other():
    keys = ["PERSON:maria lopez", "PERSON:lopez", "PERSON:juan dupont", "PERSON:claire dupont", "PERSON:dupont"]
    assert corpus_person_keys(keys) == {"PERSON:lopez": "PERSON:maria lopez"}


@pytest.fixture
def database(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "corpus.db"
    assert cli(folder, "-o", path).exit_code == 0
    return path


def test_the_same_person_in_two_articles_has_one_corpus_key(database):
    with sqlite3.connect(database) as db:
        people = dict(db.execute("SELECT key, articles FROM people"))
        keys = {key for (key,) in db.execute("SELECT DISTINCT key FROM entities WHERE label = 'GPE'")}
    assert people["PERSON:maria lopez"] == 2  # "Minister Lopez" in b.txt is the one Lopez of the corpus
    assert "PERSON:lopez" not in people
    assert "PERSON:dupont" in people  # two Duponts: the surname alone names neither
    assert {"PERSON:juan dupont", "PERSON:claire dupont"} <= set(people)
    assert "GPE:PE" in keys


def test_the_views_and_the_search_run_with_plain_sqlite(database):
    with sqlite3.connect(database) as db:
        top = db.execute("SELECT name, quotes FROM people ORDER BY quotes DESC LIMIT 1").fetchone()
        pairs = db.execute("SELECT party_a, party_b, kind FROM agreements_by_pair").fetchall()
        found = db.execute("SELECT q.speaker, q.text FROM quotes_fts JOIN quotes AS q ON q.rowid = quotes_fts.rowid "
                           "WHERE quotes_fts MATCH 'ships'").fetchall()
    assert top == ("Maria Lopez", 3)  # one quote in a.txt, two in b.txt
    assert ("Chile", "Peru", "agreement") in pairs
    assert [speaker for speaker, _ in found] == ["Lopez"]  # a quote keeps the name its article gives


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("datasette") is None, reason="Datasette is not installed")
def test_datasette_serves_the_views_and_the_search(database):
    port = free_port()
    server = subprocess.Popen(["datasette", str(database), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/corpus"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + ".json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        people = json.load(urllib.request.urlopen(base + "/people.json?_shape=array", timeout=5))
        found = json.load(urllib.request.urlopen(base + "/quotes.json?_search=ships&_shape=array", timeout=5))
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Maria Lopez" in {p["name"] for p in people}
    assert [q["speaker"] for q in found] == ["Lopez"]
