"""The corpus at a glance: `index.html` beside the article pages of `--format html -o FOLDER`.

Three sections, each linking into the article pages (`page.html#q3` is a quote's place, `#a1` an
agreement's): the people ranked by how many quotes they speak, each quote listed; the agreements
by pair of parties, with dates and sectors; and a timeline of the articles by publication date.
People are joined across articles by their keys (keys.py), a surname-only person to the corpus's
one full name with that surname. Self-contained like the article pages: it opens offline.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .keys import corpus_person_keys, entity_key, party_key
from .models import Article, Entity
from .output import Writer, atomic_output
from .report import INDEX, attribute, escape, page, page_name, preview, render_article, text_of

if TYPE_CHECKING:
    from .batch import Extracted

UNDATED = "9999"  # sorts after every ISO date


@dataclass(frozen=True)
class Said:
    """A quote as the index lists it: who (by key and name), where, and how it begins."""
    key: str
    name: str
    anchor: str
    preview: str


@dataclass(frozen=True)
class Deal:
    """An agreement as the index lists it, under the pair of parties it binds."""
    parties: tuple[str, str]
    kind: str
    sectors: tuple[str, ...]
    date: str | None
    date_iso: str | None
    anchor: str


@dataclass(frozen=True)
class CorpusEntry:
    """What the index says of one article; the index keeps these, not whole records."""
    href: str
    source: str
    title: str | None
    published: str | None
    published_date: str | None
    entities: int
    figures: int
    quotes: tuple[Said, ...]
    deals: tuple[Deal, ...]

    @classmethod
    def of(cls, href: str, article: Article) -> CorpusEntry:
        people = {e.id: e for e in article.entities if e.label == "PERSON"}
        said = tuple(Said(key_of(people[q.speaker.entity_id]), people[q.speaker.entity_id].name, f"q{n}",
                          preview(q.text))
                     for n, q in enumerate(article.quotes, 1)
                     if q.speaker and q.speaker.entity_id in people)
        deals = tuple(Deal((a, b), agreement.kind, tuple(agreement.sectors), agreement.date, agreement.date_iso,
                           f"a{n}")
                      for n, agreement in enumerate(article.agreements, 1)
                      for i, a in enumerate(agreement.parties) for b in agreement.parties[i + 1:])
        meta = article.metadata
        return cls(href, article.source, meta.title, meta.published, meta.published_date, len(article.entities),
                   len(article.figures), said, deals)

    @property
    def label(self) -> str:
        return self.title or self.source


def key_of(entity: Entity) -> str:
    """The entity's key; a record an earlier version wrote has none, and gets it the same way."""
    return entity.key or entity_key(entity.label, entity.name, entity.country)


def render_corpus(entries: Iterable[CorpusEntry]) -> str:
    entries = list(entries)
    people = people_section(entries)
    pairs = pairs_section(entries)
    timeline = timeline_section(entries)
    plural = "" if len(entries) == 1 else "s"
    return page("Corpus", f"""
<header><h1>{len(entries)} article{plural}</h1>
<p class="meta"><a href="#people">people</a> · <a href="#agreements">agreements</a> · <a href="#timeline">timeline</a></p>
</header>
<main class="index">{people}{pairs}{timeline}
</main>""")


def people_section(entries: list[CorpusEntry]) -> str:
    joined = corpus_person_keys(s.key for e in entries for s in e.quotes)
    quotes: dict[str, list[tuple[CorpusEntry, Said]]] = defaultdict(list)
    names: dict[str, str] = {}
    for entry in entries:
        for said in entry.quotes:
            key = joined.get(said.key, said.key)
            quotes[key].append((entry, said))
            names[key] = max(names.get(key, ""), said.name, key=len)
    ranked = sorted(quotes, key=lambda k: (-len(quotes[k]), names[k]))
    rows = "".join(
        f'<details class="person"><summary><b>{escape(names[key])}</b> '
        f'<span class="detail">{len(quotes[key])} quote{"" if len(quotes[key]) == 1 else "s"}</span></summary><ul>'
        + "".join(f'<li><a href="{attribute(entry.href)}#{said.anchor}">{escape(said.preview)}</a> '
                  f'<span class="detail">{escape(entry.label)}</span></li>' for entry, said in quotes[key])
        + "</ul></details>" for key in ranked)
    return f'\n<section id="people"><h2>People, by quotes</h2>{rows or empty("No quote has a named speaker.")}</section>'


def pairs_section(entries: list[CorpusEntry]) -> str:
    deals: dict[tuple[str, str], list[tuple[CorpusEntry, Deal]]] = defaultdict(list)
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for entry in entries:
        for deal in entry.deals:
            pair = tuple(sorted(deal.parties, key=party_key))
            key = (party_key(pair[0]), party_key(pair[1]))  # one party per country, however written
            deals[key].append((entry, deal))
            names.setdefault(key, pair)
    rows = "".join(
        f'<h3>{escape(names[key][0])} – {escape(names[key][1])}</h3><table><tbody>'
        + "".join(f'<tr><td>{escape(when(entry, deal) or "")}</td>'
                  f'<td><a href="{attribute(entry.href)}#{deal.anchor}">{escape(deal.kind)}</a></td>'
                  f'<td>{escape(", ".join(deal.sectors))}</td><td class="detail">{escape(deal.date or "")}</td></tr>'
                  for entry, deal in sorted(deals[key], key=lambda d: when(*d) or UNDATED))
        + "</tbody></table>" for key in sorted(deals, key=lambda k: names[k]))
    return f'\n<section id="agreements"><h2>Agreements, by pair</h2>{rows or empty("No agreement between two parties.")}</section>'


def when(entry: CorpusEntry, deal: Deal) -> str | None:
    """An agreement's date as resolved, else its article's publication date."""
    return deal.date_iso or entry.published_date


def timeline_section(entries: list[CorpusEntry]) -> str:
    rows = "".join(
        f'<tr><td>{escape(entry.published_date or "")}</td>'
        f'<td><a href="{attribute(entry.href)}">{escape(entry.label)}</a>'
        f'<span class="detail"><code>{escape(entry.source)}</code></span></td>'
        f"<td>{entry.entities}</td><td>{len(entry.quotes)}</td><td>{entry.figures}</td>"
        f"<td>{len({d.anchor for d in entry.deals})}</td></tr>"
        for entry in sorted(entries, key=lambda e: e.published_date or UNDATED))
    return f"""
<section id="timeline"><h2>Articles, by date</h2>
  <table>
    <thead><tr><th>published</th><th>article</th><th>entities</th><th>quotes</th><th>figures</th><th>agreements</th></tr></thead>
    <tbody>{rows}</tbody>
  </table>
</section>"""


def empty(message: str) -> str:
    return f'<p class="detail">{escape(message)}</p>'


class HtmlFolderWriter(Writer):
    """A page per article in a folder, each written whole as it arrives, and `index.html`, the
    corpus page, written on closing (also after an error or Ctrl-C, listing the pages done)."""

    def __init__(self, folder: Path):
        folder.mkdir(exist_ok=True)
        self.folder = folder
        self.taken: set[str] = set()
        self.entries: list[CorpusEntry] = []

    def write(self, record: Extracted) -> None:
        article = record.article()
        name = page_name(article.source, self.taken)
        with atomic_output(self.folder / name) as stream:
            stream.write(render_article(article, text_of(record)))
        self.entries.append(CorpusEntry.of(name, article))

    def close(self) -> None:
        with atomic_output(self.folder / INDEX) as stream:
            stream.write(render_corpus(self.entries))
