"""The HTML report: an article's text with what was extracted from it marked, beside panels listing it.

A page is self-contained (inline CSS and a few lines of script, no external resources), so it
opens offline. Each highlighted item is a `<mark>` whose `data-id` is its record's id:

- quotes `q1`, `q2`, ..., figures `f1`, ..., agreements `a1`, ..., boilerplate `b1`, ...: the
  item's position in its list in the record, from 1 (as the `quote`, `figure` and `agreement`
  columns of the CSV and SQLite tables), since records give these no ids of their own;
- entity mentions: the entity's id (`e3`); the mark of its n-th mention has the anchor `e3-n`.

Where spans overlap (a figure inside a quote inside an agreement), inner marks nest in outer
ones; a span crossing another's edge is split into pieces, the first carrying the anchor `id`.
The article element's text is the input text exactly; labels come from CSS, not from the DOM.
"""
from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .models import Article, Entity, Figure, Quote
from .output import PLACE_LABELS, Writer, figure_value

if TYPE_CHECKING:
    from .batch import Extracted

INDEX = "index.html"
SPEAKER_TINTS = ("#d0ebff", "#ffe8cc", "#e5dbff", "#c3fae8", "#ffdeeb", "#c5f6fa", "#e9fac8", "#ffe3e3")
UNATTRIBUTED_TINT = "#e9ecef"
ENTITY_CLASSES = {"PERSON": "person", "ORG": "org", "NORP": "group",
                  **{label: "place" for label in PLACE_LABELS}}
QUOTE_PREVIEW = 150  # characters of a quote shown in its panel


# --- marks in the text -------------------------------------------------------------------------

@dataclass(frozen=True)
class Highlight:
    """A span to mark. Lower `rank` nests outside higher: boilerplate, quote, agreement, sector,
    figure, entity mention; `order` breaks ties so that the outcome never depends on hashing."""
    start: int
    end: int
    rank: int
    order: int
    record_id: str
    anchor: str
    classes: str
    title: str
    tag: str = "mark"

    @property
    def nesting(self) -> tuple[int, int, int, int]:
        return self.rank, self.start, -self.end, self.order

    def opening(self, first: bool) -> str:
        anchor = f' id="{attribute(self.anchor)}"' if first else ""
        return (f'<{self.tag}{anchor} data-id="{attribute(self.record_id)}" class="{self.classes}" '
                f'title="{attribute(self.title)}">')


def marked_text(text: str, highlights: Iterable[Highlight]) -> str:
    """The text, escaped, with every highlight as an element around its span, properly nested.

    A sweep over the spans' edges: between two edges the open elements are the spans covering
    that stretch, outermost first; at an edge the elements that differ from the next stretch's
    are closed and (re)opened. Empty spans have nothing to mark and are left out."""
    starting, ending = defaultdict(list), defaultdict(list)
    for highlight in highlights:
        if highlight.start < highlight.end:
            starting[highlight.start].append(highlight)
            ending[highlight.end].append(highlight)
    edges = sorted({0, len(text), *starting, *ending})
    pieces: list[str] = []
    covering: set[Highlight] = set()
    opened: list[Highlight] = []
    started: set[Highlight] = set()
    for left, right in zip(edges, edges[1:]):
        covering.difference_update(ending[left])
        covering.update(starting[left])
        wanted = sorted(covering, key=lambda highlight: highlight.nesting)
        kept = 0
        while kept < min(len(opened), len(wanted)) and opened[kept] is wanted[kept]:
            kept += 1
        pieces.extend(f"</{highlight.tag}>" for highlight in reversed(opened[kept:]))
        for highlight in wanted[kept:]:
            pieces.append(highlight.opening(first=highlight not in started))
            started.add(highlight)
        opened = wanted
        pieces.append(html.escape(text[left:right], quote=False))
    pieces.extend(f"</{highlight.tag}>" for highlight in reversed(opened))
    return "".join(pieces)


def highlights(article: Article, speakers: dict[str, int]) -> Iterator[Highlight]:
    """Every span of the record worth marking in the text."""
    order = itertools.count()
    for n, span in enumerate(article.boilerplate, 1):
        yield Highlight(span.start, span.end, 0, next(order), f"b{n}", f"b{n}", "boilerplate",
                        f"{span.kind}: nothing is extracted from it", tag="span")
    for n, quote in enumerate(article.quotes, 1):
        who = quote.speaker.name if quote.speaker else "unattributed"
        yield Highlight(quote.start, quote.end, 1, next(order), f"q{n}", f"q{n}",
                        f"quote {speaker_class(speakers, quote)}", f"{who} · {quote.kind} quote")
    for n, agreement in enumerate(article.agreements, 1):
        about = " · ".join(filter(None, [agreement.kind, ", ".join(agreement.parties),
                                         ", ".join(agreement.sectors)]))
        yield Highlight(agreement.start, agreement.end, 2, next(order), f"a{n}", f"a{n}", "agreement", about)
        for k, (sector, span) in enumerate(zip(agreement.sectors, agreement.sector_spans), 1):
            yield Highlight(span.start, span.end, 3, next(order), f"a{n}", f"a{n}-s{k}", "sector",
                            f"sector: {sector}")
    for n, figure in enumerate(article.figures, 1):
        about = " · ".join(filter(None, [figure.kind, amount(figure), figure.measures]))
        yield Highlight(figure.start, figure.end, 4, next(order), f"f{n}", f"f{n}", "figure", about)
    for entity in article.entities:
        for n, mention in enumerate(entity.mentions, 1):
            yield Highlight(mention.start, mention.end, 5, next(order), entity.id, f"{entity.id}-{n}",
                            f"entity {entity_class(entity)}", f"{entity.name} · {entity.label}")


def speaker_numbers(quotes: list[Quote]) -> dict[str, int]:
    """Each speaker's number, 1, 2, ... in order of first appearance: it picks the speaker's colour."""
    numbers: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker is not None:
            numbers.setdefault(speaker_key(quote), len(numbers) + 1)
    return numbers


def speaker_key(quote: Quote) -> str:
    """One speaker however it is named: its entity, else the words that name it."""
    speaker = quote.speaker
    return "" if speaker is None else speaker.entity_id or f"name:{speaker.name}"


def speaker_class(speakers: dict[str, int], quote: Quote) -> str:
    """`s0` for an unattributed quote, else one of the tints, cycling when speakers outnumber them."""
    number = speakers.get(speaker_key(quote))
    return "s0" if number is None else f"s{(number - 1) % len(SPEAKER_TINTS) + 1}"


def entity_class(entity: Entity) -> str:
    return ENTITY_CLASSES.get(entity.label, "other")


# --- pages -------------------------------------------------------------------------------------

def render_article(article: Article, text: str) -> str:
    """The report page of one article: `text` is the input as decoded, the text the record's offsets point into."""
    speakers = speaker_numbers(article.quotes)
    title = article.metadata.title or article.source
    meta = article.metadata
    byline = " · ".join(escape(value) for value in (meta.dateline, meta.byline, meta.outlet, meta.published)
                        if value)
    warnings = "".join(f'<p class="warning">warning: {escape(warning)}</p>' for warning in article.warnings)
    return page(title, f"""
<header>
  <h1>{escape(title)}</h1>
  <p class="meta">{byline}{" · " if byline else ""}<code>{escape(article.source)}</code></p>
  {warnings}
</header>
<main>
  <div>
    {LEGEND}
    <article class="text">{marked_text(text, highlights(article, speakers))}</article>
  </div>
  <aside>
    {"".join(panels(article, speakers))}
  </aside>
</main>
<script>{SCRIPT}</script>""")


def panels(article: Article, speakers: dict[str, int]) -> Iterator[str]:
    """The side panels, in the order of the terminal summary; empty ones are left out."""
    by_name = {entity.name: entity for entity in article.entities}

    def named(name: str | None) -> str:
        """A name, linked to the first mention of its entity when there is one."""
        entity = by_name.get(name or "")
        return entity_link(entity) if entity else escape(name)

    if article.interview:
        interview = article.interview
        rows = [("interviewee", named(interview.interviewee)), ("interviewer", named(interview.interviewer)),
                ("outlet", escape(interview.outlet)), ("occasion", escape(interview.occasion))]
        yield panel("Interview", "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>"
                                                  for name, value in rows if value) + "</dl>")

    people = [entity for entity in article.entities if entity.label == "PERSON"]
    if people:
        yield panel(f"People ({len(people)})", "<ul>" + "".join(
            f'<li><span class="count" title="mentions">{len(person.mentions)}</span>{entity_link(person)}'
            f'{detail("; ".join(person.roles))}</li>' for person in people) + "</ul>")
    others = [entity for entity in article.entities if entity.label != "PERSON"]
    if others:
        yield panel(f"Organisations and places ({len(others)})", '<p class="chips">' + " ".join(
            entity_link(entity) for entity in others) + "</p>")

    if article.quotes:
        by_speaker: dict[str, list[tuple[int, Quote]]] = {}
        for n, quote in enumerate(article.quotes, 1):
            by_speaker.setdefault(speaker_key(quote), []).append((n, quote))
        groups = []
        for quotes in by_speaker.values():
            speaker = quotes[0][1].speaker
            who = named(speaker.name) if speaker else "<em>unattributed</em>"
            items = "".join(f'<li><a href="#q{n}">{escape(preview(quote.text))}</a>'
                            f'{detail(quote.kind) if quote.kind != "direct" else ""}</li>' for n, quote in quotes)
            groups.append(f'<h3><span class="swatch {speaker_class(speakers, quotes[0][1])}"></span>{who} '
                          f'<span class="count">{len(quotes)}</span></h3><ol>{items}</ol>')
        yield panel(f"Quotes by speaker ({len(article.quotes)})", "".join(groups))

    if article.figures:
        items = []
        for n, figure in enumerate(article.figures, 1):
            said = f"said by {figure.said_by}" if figure.said_by else None
            items.append(f'<li><a href="#f{n}" class="figure">{escape(figure.text)}</a> '
                         f'<span class="value">{escape(amount(figure))}</span> <span class="kind">{figure.kind}</span>'
                         f'{detail(figure.measures)}{detail(said)}</li>')
        yield panel(f"Figures ({len(article.figures)})", "<ul>" + "".join(items) + "</ul>")

    if article.agreements:
        items = []
        for n, agreement in enumerate(article.agreements, 1):
            count = f"{agreement.count} × " if agreement.count else ""
            facts = [("parties", ", ".join(agreement.parties)), ("signed", "yes" if agreement.signed else ""),
                     ("date", agreement.date), ("value", agreement.value.text if agreement.value else None),
                     ("said by", agreement.said_by)]
            sectors = " ".join(f'<a class="sector" href="#a{n}-s{k}">{escape(sector)}</a>'
                              for k, sector in enumerate(agreement.sectors, 1))
            items.append(f'<li><a href="#a{n}"><strong>{count}{agreement.kind}</strong></a>'
                         + "".join(detail(f"{name}: {value}") for name, value in facts if value)
                         + (f'<p class="chips">{sectors}</p>' if sectors else "") + "</li>")
        yield panel(f"Agreements ({len(article.agreements)})", "<ul>" + "".join(items) + "</ul>")

    if article.boilerplate:
        yield panel("Boilerplate", f'<p class="detail">{len(article.boilerplate)} span(s) shown dimmed: '
                                   "captions, credits and promotions, from which nothing is extracted.</p>")


def panel(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def entity_link(entity: Entity) -> str:
    return (f'<a class="entity {entity_class(entity)}" href="#{entity.id}-1" '
            f'title="{attribute(entity.label)}">{escape(entity.name)}</a>')


def amount(figure: Figure) -> str:
    """The value or range with its unit: "7,000 km", "5–10 year"."""
    return " ".join(filter(None, [figure_value(figure.value, figure.low, figure.high), figure.unit]))


def detail(value: str | None) -> str:
    return f'<span class="detail">{escape(value)}</span>' if value else ""


def preview(text: str) -> str:
    """The start of a long quote, cut at a word."""
    if len(text) <= QUOTE_PREVIEW:
        return text
    return text[:QUOTE_PREVIEW].rsplit(" ", 1)[0] + " …"


def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>{body}
</body>
</html>
"""


def escape(value: str | None) -> str:
    return html.escape(value or "", quote=False)


def attribute(value: str) -> str:
    return html.escape(value, quote=True)


# --- files -------------------------------------------------------------------------------------

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
LONGEST_NAME = 100


def page_name(source: str, taken: set[str]) -> str:
    """A file name for an article's page, from its source: the file name only (no folders, so no
    way out of the report's folder), safe characters only, and not one of `taken` (which it joins);
    names are compared without case, for file systems that ignore it."""
    stem = "stdin" if source == "-" else Path(source.replace("\\", "/")).stem
    stem = UNSAFE.sub("-", stem).strip(".-")[:LONGEST_NAME] or "article"
    name, n = f"{stem}.html", 1
    while name.lower() in taken or name.lower() == INDEX:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


def text_of(record: Extracted) -> str:
    if record.text is None:
        raise ValueError(f"{record.source}: the HTML report needs the article's text, and the record came without")
    return record.text


class HtmlPageWriter(Writer):
    """One article's page to a stream: stdout, or a file written atomically."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, record: Extracted) -> None:
        self.stream.write(render_article(record.article(), text_of(record)))
        self.stream.flush()


# --- style and behaviour -----------------------------------------------------------------------

LEGEND = """<p class="legend">
  <span class="quote s1">quote</span> a colour per speaker, <span class="quote s0">unattributed</span>
  <span class="entity person">person</span> <span class="entity org">organisation</span>
  <span class="entity place">place</span> <span class="entity group">group</span>
  <span class="figure">figure</span> <span class="agreement">agreement</span>
  <span class="sector">sector</span> <span class="boilerplate">boilerplate</span>
</p>"""

STYLE = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --panel: #f6f8fa;
        --person: #7048e8; --org: #0c8599; --place: #e8590c; --group: #c2255c; --other: #868e96;
        --figure: #fff1b8; --figure-edge: #d4a72c; --agreement: #2f9e44; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }
header { padding: 18px 32px 14px; border-bottom: 1px solid var(--line); background: var(--panel); }
h1 { margin: 0 0 4px; font-size: 22px; line-height: 1.3; }
.meta { margin: 0; color: var(--muted); }
.warning { margin: 6px 0 0; color: #9a6700; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 430px; gap: 36px;
       max-width: 1440px; margin: 0 auto; padding: 0 32px; }
.legend { margin: 18px 0 0; padding-bottom: 12px; border-bottom: 1px solid var(--line);
          color: var(--muted); font-size: 12px; line-height: 2.2; }
.legend span { margin-right: 6px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 44em; padding: 16px 0 64px;
        font: 17px/1.8 Georgia, "DejaVu Serif", "Liberation Serif", serif; }
mark { background: none; color: inherit; scroll-margin: 35vh 0; }
.quote { border-radius: 3px; padding: 2px 0; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.entity { border-bottom: 2px solid var(--other); }
.entity.person { border-color: var(--person); }
.entity.org { border-color: var(--org); }
.entity.place { border-color: var(--place); }
.entity.group { border-color: var(--group); }
.figure { background: var(--figure); box-shadow: inset 0 0 0 1px var(--figure-edge); border-radius: 3px;
          padding: 0 2px; font-weight: 600; }
.agreement { text-decoration: underline 2px var(--agreement); text-underline-offset: 5px; }
.sector { color: #1b5e20; font-style: italic; }
.boilerplate { color: #8c959f; font-style: italic; }
.current { outline: 2px solid #e8590c; outline-offset: 2px; border-radius: 3px; }
aside { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding: 18px 2px 32px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
          padding: 10px 14px 12px; margin-bottom: 14px; }
h2 { margin: 0 0 6px; color: var(--muted); font-size: 12px; font-weight: 600;
     letter-spacing: .06em; text-transform: uppercase; }
h3 { margin: 10px 0 2px; font-size: 14px; }
section ul, section ol { margin: 0; padding: 0; list-style: none; }
section li { padding: 5px 0; border-top: 1px solid var(--line); }
section li:first-child { border-top: 0; }
section a { color: inherit; text-decoration: none; }
section a:hover { text-decoration: underline; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.detail { display: block; color: var(--muted); font-size: 13px; }
.count { float: right; min-width: 22px; padding: 0 6px; border-radius: 10px; background: #fff;
         border: 1px solid var(--line); color: var(--muted); font-size: 12px; text-align: center; }
.value { font-variant-numeric: tabular-nums; }
.kind { color: var(--muted); font-size: 12px; }
.chips { margin: 4px 0 0; line-height: 2; }
.chips a { margin-right: 8px; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 3px;
          vertical-align: -1px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, .15); }
main.index { display: block; max-width: 1100px; padding: 16px 32px; }
main.index section { margin-top: 16px; }
#timeline td:nth-child(2), #timeline th:nth-child(2), #agreements td { text-align: left; }
details.person { padding: 5px 0; border-top: 1px solid var(--line); }
details.person:first-of-type { border-top: 0; }
details.person summary { cursor: pointer; }
details.person .detail { display: inline; margin-left: 6px; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
th { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; }
td a { font-weight: 600; color: #0550ae; text-decoration: none; }
""" + "".join(f".s{n} {{ background: {tint}; }}\n" for n, tint in enumerate((UNATTRIBUTED_TINT, *SPEAKER_TINTS)))

# Following a link to a mark also outlines its other pieces, and every mention of an entity.
SCRIPT = """
function showTarget() {
  document.querySelectorAll(".current").forEach(element => element.classList.remove("current"));
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target || !target.dataset.id) return;
  document.querySelectorAll(`.text [data-id="${target.dataset.id}"]`)
    .forEach(element => element.classList.add("current"));
}
addEventListener("hashchange", showTarget);
showTarget();
"""
