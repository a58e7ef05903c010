"""The HTML report: marks for every item, nested and escaped; speaker colours; the index and its
file names; `--format html` through the command; and the seed's page in a real browser."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import extract
from extract.cli import ExitStatus
from extract.models import Article
from extract.corpus_page import CorpusEntry, render_corpus
from extract.report import page_name, render_article
from extract.writers import OutputFormat, OutputOptions

from conftest import SEED


class Page(HTMLParser):
    """What a page shows: the article element's text, and for each record id the text of its marks
    (in order), the anchor ids of its pieces and the classes and ancestors of its marks; an
    agreement's sectors, which carry its id, are kept apart as "a1 sector". Raises on any end tag
    that does not close the element opened last (void elements aside)."""

    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict]] = []
        self.text, self.in_text = [], False
        self.marks: dict[str, list[str]] = {}
        self.anchors: dict[str, list[str]] = {}
        self.classes: dict[str, set[str]] = {}
        self.outer: dict[str, set[str]] = {}  # the record ids of the marks around each mark
        self.feed(html)
        self.close()
        assert not self.open, f"unclosed: {self.open}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            return
        if tag == "article" and "text" in attrs.get("class", "").split():
            self.in_text = True
        record_id = self.key(attrs)
        if tag == "mark" and self.in_text and record_id:
            self.marks.setdefault(record_id, []).append("")
            if "id" in attrs:
                self.anchors.setdefault(record_id, []).append(attrs["id"])
            self.classes.setdefault(record_id, set()).update(attrs.get("class", "").split())
            self.outer.setdefault(record_id, set()).update(
                self.key(a) for t, a in self.open if t == "mark" and self.key(a))
        self.open.append((tag, attrs))

    @staticmethod
    def key(attrs: dict) -> str | None:
        record_id = attrs.get("data-id")
        return f"{record_id} sector" if record_id and "sector" in attrs.get("class", "").split() else record_id

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        opened, _ = self.open.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        if tag == "article":
            self.in_text = False

    def handle_data(self, data):
        if not self.in_text:
            return
        self.text.append(data)
        for tag, attrs in self.open:
            if tag == "mark" and self.key(attrs):
                self.marks[self.key(attrs)][-1] += data

    def text_of(self, record_id: str) -> str:
        return "".join(self.marks.get(record_id, []))

    @property
    def article_text(self) -> str:
        return "".join(self.text)


def span(text: str, words: str, after: int = 0) -> dict:
    start = text.index(words, after)
    return {"text": words, "start": start, "end": start + len(words)}


def record(text: str, **fields) -> Article:
    return Article.model_validate({"source": "test.txt", "text_sha256": "0" * 64, **fields})


def quote(text: str, words: str, speaker: str | None = None, entity_id: str | None = None) -> dict:
    return {**span(text, words), "kind": "direct", "sentence": span(text, text),
            "speaker": {"name": speaker, "entity_id": entity_id} if speaker else None}


def figure(text: str, words: str, **fields) -> dict:
    return {**span(text, words), "kind": "money", "sentence": span(text, text), **fields}


@pytest.fixture(scope="module")
def seed_article(nlp, seed_text) -> Article:
    return extract.extract_text(seed_text, nlp, source=SEED)


def test_the_article_text_is_escaped_and_kept_whole():
    text = 'Title <b>bold</b>\n\nShe said: "<script>alert(1)</script> & more" today.'
    article = record(text, metadata={"title": "<i>Title</i>"},
                     quotes=[quote(text, "<script>alert(1)</script> & more", "She")])
    html = render_article(article, text)
    assert "<script>alert" not in html and "<b>bold" not in html and "<i>Title" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    page = Page(html)
    assert page.article_text == text
    assert page.text_of("q1") == "<script>alert(1)</script> & more"


def test_overlapping_spans_nest_and_a_crossing_span_is_split_with_one_anchor():
    text = 'Officials said "the deal is worth $5 million" on Monday, and Kenya signed it.'
    article = record(
        text, quotes=[quote(text, "the deal is worth $5 million", "Officials")],
        figures=[figure(text, "$5 million", value=5e6, unit="USD")],
        agreements=[{**span(text, 'deal is worth $5 million" on Monday'), "kind": "deal"}],
        entities=[{"id": "e1", "name": "Kenya", "label": "GPE", "mentions": [span(text, "Kenya")]}])
    page = Page(render_article(article, text))  # raises on any badly nested tag
    assert page.article_text == text
    assert page.text_of("q1") == "the deal is worth $5 million"
    assert page.text_of("a1") == 'deal is worth $5 million" on Monday'
    assert page.text_of("f1") == "$5 million"
    assert page.outer["f1"] == {"q1", "a1"}  # the figure nests inside both
    assert len(page.marks["a1"]) == 2 and page.anchors["a1"] == ["a1"]  # split where the quote ends
    assert page.anchors["e1"] == ["e1-1"]


def test_every_quote_figure_agreement_and_mention_of_the_seed_has_a_mark_with_its_id(seed_article, seed_text):
    page = Page(render_article(seed_article, seed_text))
    assert page.article_text == seed_text
    assert seed_article.quotes and seed_article.figures and seed_article.agreements
    for kind, items in (("q", seed_article.quotes), ("f", seed_article.figures), ("a", seed_article.agreements)):
        for n, item in enumerate(items, 1):
            assert page.anchors[f"{kind}{n}"] == [f"{kind}{n}"]
            assert page.text_of(f"{kind}{n}") == item.text
    for n, agreement in enumerate(seed_article.agreements, 1):
        assert page.marks.get(f"a{n} sector", []) == [span.text for span in agreement.sector_spans]
    for entity in seed_article.entities:
        assert page.anchors[entity.id] == [f"{entity.id}-{n}" for n in range(1, len(entity.mentions) + 1)]
        assert page.marks[entity.id] == [mention.text for mention in entity.mentions]
    assert len(page.anchors) == len(seed_article.quotes) + len(seed_article.figures) + \
        len(seed_article.agreements) + len(seed_article.entities) + \
        sum(1 for agreement in seed_article.agreements if agreement.sector_spans)


def test_each_speaker_has_a_colour_in_order_of_appearance_and_unattributed_quotes_are_grey():
    text = '"One," said Ann. "Two," said Bo. "Three," said Ann. "Four."'
    article = record(text, quotes=[quote(text, "One", "Ann", "e1"), quote(text, "Two", "Bo"),
                                   quote(text, "Three", "Ann", "e1"), quote(text, "Four")])
    page = Page(render_article(article, text))
    assert [{c for c in page.classes[f"q{n}"] if c.startswith("s")} for n in (1, 2, 3, 4)] == [
        {"s1"}, {"s2"}, {"s1"}, {"s0"}]


def test_the_panels_link_to_the_marks():
    text = 'Ann Lee said "trade is $5 million".'
    article = record(text, quotes=[quote(text, "trade is $5 million", "Ann Lee", "e1")],
                     figures=[figure(text, "$5 million", value=5e6, unit="USD", measures="trade")],
                     entities=[{"id": "e1", "name": "Ann Lee", "label": "PERSON", "roles": ["trade minister"],
                                "mentions": [span(text, "Ann Lee")]}])
    html = render_article(article, text)
    for link in ('href="#q1"', 'href="#f1"', 'href="#e1-1"'):
        assert link in html
    assert "trade minister" in html and "5,000,000 USD" in html
    assert "http" not in html.replace("http-equiv", "")  # nothing to fetch: it opens offline


def corpus_entries():
    """Two invented articles: one person quoted in both (by full name, then by surname only), a
    second person once, and an agreement between two countries."""
    from extract.models import Article, Entity, Quote, Span, Speaker, Agreement

    def span(text):
        return {"text": text, "start": 0, "end": len(text)}

    def person(name, key):
        return Entity(id="e1", name=name, label="PERSON", key=key, mentions=[Span(**span(name))])

    def quote(text, name):
        return Quote(**span(text), kind="direct", sentence=Span(**span(text)),
                     speaker=Speaker(name=name, entity_id="e1"))

    first = Article(source="corpus/a.txt", text_sha256="0" * 64, metadata={"title": "A <title>", "published_date": "2024-03-05"},
                    entities=[person("Maria Lopez", "PERSON:maria lopez")],
                    quotes=[quote("Ports matter.", "Maria Lopez")],
                    agreements=[Agreement(**span("Peru and Chile signed"), kind="agreement",
                                          parties=["Peru", "Chile"], sectors=["maritime"], date="Monday")])
    second = Article(source="corpus/b.txt", text_sha256="1" * 64, metadata={"published_date": "2023-01-02"},
                     entities=[person("Lopez", "PERSON:lopez")],
                     quotes=[quote("Ships are coming.", "Lopez"), quote("Trade <grows>.", "Lopez")])
    return [CorpusEntry.of("a.html", first), CorpusEntry.of("b.html", second)]


def test_the_corpus_page_ranks_people_pairs_agreements_and_orders_articles_by_date():
    html = render_corpus(corpus_entries())
    people = html[html.index('id="people"'):html.index('id="agreements"')]
    assert people.count("<details") == 1 and "Maria Lopez" in people and "3 quotes" in people  # surname joined
    assert 'href="b.html#q1"' in people and 'href="b.html#q2"' in people and 'href="a.html#q1"' in people
    assert "Trade &lt;grows&gt;." in people and "A &lt;title&gt;" in people
    pairs = html[html.index('id="agreements"'):html.index('id="timeline"')]
    assert "Chile – Peru" in pairs and 'href="a.html#a1"' in pairs and "maritime" in pairs and "2024-03-05" in pairs
    timeline = html[html.index('id="timeline"'):]
    assert timeline.index('href="b.html"') < timeline.index('href="a.html"')  # 2023 before 2024
    assert "2 articles" in html


def test_page_names_stay_in_the_folder_are_safe_and_never_collide():
    taken: set[str] = set()
    names = [page_name(source, taken) for source in (
        "corpus/a.txt", "other/a.txt", "A.txt", "../../etc/passwd", "C:\\docs\\report.txt", "-",
        "a b<c>&d.txt", ".hidden", "***.txt", "index.txt", "x/" + "long" * 50 + ".txt")]
    assert names[:10] == ["a.html", "a-2.html", "A-3.html", "passwd.html", "report.html", "stdin.html",
                          "a-b-c-d.html", "hidden.html", "article.html", "index-2.html"]
    assert len(names[10]) == 100 + len(".html")
    assert all("/" not in name and "\\" not in name for name in names)


def test_an_html_path_chooses_the_html_format():
    options = OutputOptions(path=Path("report.HTML"))
    assert options.resolve_format(stdout_isatty=True, single_input=True) is OutputFormat.html


def test_format_html_writes_one_page_to_stdout_or_to_a_file(cli, seed_article, tmp_path):
    run = cli(SEED, "--format", "html")
    assert run.exit_code == ExitStatus.OK
    assert run.stdout.startswith("<!DOCTYPE html>")
    assert Page(run.stdout).text_of("q1") == seed_article.quotes[0].text

    report = tmp_path / "report.html"
    assert cli(SEED, "-o", report).exit_code == ExitStatus.OK
    assert report.read_text(encoding="utf-8") == run.stdout


def test_a_folder_gets_a_page_per_article_and_an_index(cli, corpus, tmp_path):
    pages = tmp_path / "pages"
    run = cli(corpus, "--format", "html", "-o", pages)
    assert run.exit_code == ExitStatus.OK
    assert sorted(path.name for path in pages.iterdir()) == ["a.html", "b.html", "c.html", "index.html"]
    index = (pages / "index.html").read_text(encoding="utf-8")
    for name, source in (("a.html", "a.txt"), ("b.html", "b.txt"), ("c.html", "sub/c.txt")):
        assert f'href="{name}"' in index and str(corpus / source) in index
        assert 'id="q1"' in (pages / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("target", [None, "report.html"])
def test_several_articles_in_html_need_a_folder(cli, tmp_path, target):
    args = ["-o", tmp_path / target] if target else []
    run = cli(SEED, SEED, "--format", "html", *args)
    assert run.exit_code == ExitStatus.USAGE and "give a folder with -o" in run.stderr


def find_chromium() -> str | None:
    return shutil.which("chromium") or next(
        (path for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(path).exists()), None)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    browser = find_chromium()
    if browser is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=True)


def test_the_seed_report_in_a_real_browser_marks_every_quote_and_figure(cli, seed_article, tmp_path):
    if find_chromium() is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    report, screenshot = tmp_path / "report.html", tmp_path / "report.png"
    assert cli(SEED, "-o", report).exit_code == ExitStatus.OK

    chromium(f"--screenshot={screenshot}", "--window-size=1400,2000", report.as_uri(), profile=tmp_path / "one")
    png = screenshot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and struct.unpack(">II", png[16:24]) == (1400, 2000)
    assert len(png) > 100_000  # a blank page of that size is a few kilobytes

    # The DOM after the page's script ran, opened at a person's first mention as a panel link does.
    person = next(entity for entity in seed_article.entities if entity.label == "PERSON")
    dom = chromium("--dump-dom", f"{report.as_uri()}#{person.id}-1", profile=tmp_path / "two").stdout
    page = Page(dom)
    for kind, items in (("q", seed_article.quotes), ("f", seed_article.figures)):
        for n, item in enumerate(items, 1):
            assert page.anchors[f"{kind}{n}"] == [f"{kind}{n}"]
            assert page.text_of(f"{kind}{n}") == item.text
    assert "current" in page.classes[person.id]  # every mention of the person is outlined
    assert not any("current" in classes for record_id, classes in page.classes.items() if record_id != person.id)


def test_the_corpus_page_in_a_real_browser_links_every_person_pair_and_article(cli, corpus, tmp_path):
    if find_chromium() is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    pages = tmp_path / "pages"
    assert cli(corpus, "--format", "html", "-o", pages).exit_code == ExitStatus.OK
    dom = chromium("--dump-dom", (pages / "index.html").as_uri(), profile=tmp_path / "index").stdout
    links = set(re.findall(r'href="([^"#]+)(?:#([a-z]\d+))?"', dom))
    for page in ("a.html", "b.html", "c.html"):
        assert (page, "") in links  # the timeline links every article
        assert (pages / page).exists()
    assert any(anchor.startswith("q") for _, anchor in links)  # people's quotes link to their place
    assert any(anchor.startswith("a") for _, anchor in links)  # and agreements to theirs
    assert "Rwanda" in dom and "Kazakhstan" in dom
