"""Saved web pages in: the article's text reaches the extractor, the page's chrome does not, the
page's metadata fills what the text leaves empty, and a page without an article is an empty record.

The pages are real public-domain pages (tests/pages/README.md says where each comes from).
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

import extract
from extract.batch import extract_chunk
from extract.cli import ExitStatus
from extract.readers import Input, read_input, text_sha256
from extract.webpage import NO_ARTICLE, is_page

from conftest import REPO
from test_spans import spans

PAGES = REPO / "tests" / "pages"
WHITE_HOUSE = PAGES / "whitehouse-digital-transition.html"  # a blog post of the Obama White House
NOT_FOUND = PAGES / "voanews-page-not-found.html"  # VOA's 404 page: scripts, menus and no article
NAVIGATION = ["Jump to main content", "Briefing Room", "Read the latest blog posts from 1600 Pennsylvania Ave",
              "frozen in time", "Cabinet Exit Memos", "Privacy Policy", "Copyright Information",
              "Watch President Obama's final State of the Union address", "Special Assistant to the President"]


@pytest.fixture(scope="module")
def white_house(nlp):
    """The page's text as read, and its record."""
    return read_input(str(WHITE_HOUSE)).text, extract.extract_file(WHITE_HOUSE, nlp)


def test_the_article_body_reaches_the_record_and_the_navigation_does_not(white_house):
    text, record = white_house
    assert "We listened to you, we learned from you, and we strove to create opportunities" in text
    assert not [chrome for chrome in NAVIGATION if chrome in text]
    assert record.text_sha256 == text_sha256(text)
    people = {entity.name for entity in record.entities if entity.label == "PERSON"}
    assert {"Denis McDonough", "Valerie Jarrett", "Susan Rice"} <= people


def test_paragraphs_and_list_items_are_paragraphs_of_the_text(white_house):
    text, _ = white_house
    assert "\n\nDigital assets that will remain with the White House\n\n" in text
    assert "\n\nSnapchat (username and followers): WhiteHouse\n\n" in text
    assert "\t" not in text and "  " not in text


def test_the_page_metadata_fills_what_the_text_leaves_empty(white_house):
    _, record = white_house
    assert record.metadata.title == "The Obama Administration Digital Transition: Moving Forward"
    assert record.metadata.published == "2017-01-17"
    assert record.metadata.outlet == "whitehouse.gov"
    assert record.metadata.url == ("https://obamawhitehouse.archives.gov/blog/2017/01/17/"
                                   "obama-administration-digital-transition-moving-forward")
    assert record.metadata.byline is None  # the page's "January 17, 2017 ... by" is no author


def test_every_span_points_into_the_page_text(white_house):
    text, record = white_house
    checked = list(spans(record.model_dump(mode="json")))
    assert len(checked) > 50
    for span in checked:
        assert text[span["start"]:span["end"]] == span["text"]


def test_what_the_text_says_wins_over_the_page(nlp):
    text = "Ministers Sign Trade Pact\n\nWASHINGTON – The two ministers signed the pact on Monday, officials said."
    item = Input("page.html", text, metadata={"title": "Trade pact | Example News", "outlet": "Example News"})
    record = extract_chunk(nlp, [item], isolate_failures=False)[0]
    assert record.metadata.title == "Ministers Sign Trade Pact"
    assert record.metadata.dateline == "WASHINGTON"
    assert record.metadata.outlet == "Example News"


def test_a_page_without_an_article_is_an_empty_record_with_a_warning(cli):
    run = cli(NOT_FOUND)
    assert run.exit_code == ExitStatus.OK
    assert f"extract: warning: {NOT_FOUND}: {NO_ARTICLE}" in run.stderr.splitlines()
    record = json.loads(run.stdout)
    assert NO_ARTICLE in record["warnings"]
    assert record["text_sha256"] == text_sha256("")
    assert not (record["entities"] or record["quotes"] or record["figures"] or record["agreements"])
    assert not any(record["metadata"].values())


def test_html_on_standard_input_is_detected(cli):
    run = cli("-", stdin=WHITE_HOUSE.read_bytes())
    record = json.loads(run.stdout)
    assert record["source"] == "-"
    assert record["text_sha256"] == text_sha256(read_input(str(WHITE_HOUSE)).text)
    assert record["metadata"]["outlet"] == "whitehouse.gov"


def test_a_folder_of_text_files_and_pages_gives_a_record_for_each(cli, tmp_path, seed_text_path):
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(seed_text_path.read_bytes())
    (folder / "b.html").write_bytes(WHITE_HOUSE.read_bytes())
    (folder / "sub" / "c.htm").write_bytes(NOT_FOUND.read_bytes())
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    run = cli(folder)
    assert run.exit_code == ExitStatus.OK
    records = run.json_lines()
    assert [record["source"] for record in records] == [
        str(folder / "a.txt"), str(folder / "b.html"), str(folder / "sub" / "c.htm")]
    assert records[0]["metadata"]["outlet"] == "The Astana Times"
    assert records[1]["metadata"]["outlet"] == "whitehouse.gov"
    assert records[2]["warnings"][0] == NO_ARTICLE


@pytest.mark.parametrize("output", ["corpus.db", "corpus.jsonl"])
def test_pages_without_an_article_each_keep_a_record_and_resume_by_source(cli, tmp_path, output):
    """Every empty text has one hash: resuming knows an empty page by its source instead."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.html", "b.html"):
        (folder / name).write_bytes(NOT_FOUND.read_bytes())
    target = tmp_path / output
    resume = ["--resume"] if output.endswith(".jsonl") else []
    assert cli(folder, "-o", target, *resume).exit_code == ExitStatus.OK
    (folder / "c.html").write_bytes(NOT_FOUND.read_bytes())
    again = cli(folder, "-o", target, *resume)
    assert again.exit_code == ExitStatus.OK and "2 already in" in again.stderr
    if output.endswith(".jsonl"):
        sources = [json.loads(line)["source"] for line in target.read_text().splitlines()]
    else:
        with sqlite3.connect(target) as db:
            sources = [row[0] for row in db.execute("SELECT source FROM articles ORDER BY article_id")]
    assert sources == [str(folder / name) for name in ("a.html", "b.html", "c.html")]


@pytest.mark.parametrize("source, data, expect", [
    ("page.html", b"no markup at all", True),
    ("page.HTM", b"", True),
    ("article.txt", b"<!DOCTYPE html><html></html>", False),
    ("-", b"\xef\xbb\xbf\n  <!doctype HTML>\n<html>", True),
    ("-", b"<html lang='en'>", True),
    ("-", b"WASHINGTON - The <b>pact</b> was signed.", False),
    ("saved-article", b"<!DOCTYPE html>", True),
])
def test_pages_are_known_by_suffix_or_by_how_they_start(source, data, expect):
    assert is_page(source, data) is expect


def test_trafilatura_is_imported_only_for_a_page():
    probe = ("import sys, extract.cli; from extract.readers import read_input; "
             "read_input('samples/rwanda-kazakhstan-interview.txt'); sys.exit('trafilatura' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], cwd=REPO).returncode == 0
