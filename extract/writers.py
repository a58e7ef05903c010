"""Write records: a rich summary or an HTML report for people; JSON, JSON Lines, CSV or SQLite for programs.

Writers only see finished records (`batch.Extracted`: the record's JSON line), never spaCy
objects. Streams are written record by record, each flushed as soon as it arrives; single
documents (one JSON document, a summary) are written to a file atomically.
"""
from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .output import PLACE_LABELS, Writer, atomic_output, figure_value
from .readers import done_key

if TYPE_CHECKING:
    from .batch import Extracted
    from .models import Article

DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
HTML_SUFFIXES = (".html", ".htm")


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    html = "html"


class OutputError(ValueError):
    """Options that cannot work together (a usage error): e.g. CSV without a folder to write to."""


@dataclass(frozen=True)
class OutputOptions:
    """Where records go and in which format; None means: choose from the output and the input."""
    format: OutputFormat | None = None
    path: Path | None = None
    resume: bool = False  # keep what a JSON Lines file holds, skip the inputs it has
    folder: bool = False  # the path was written as a folder ("tables/"), whether it exists yet or not

    def resolve_format(self, *, stdout_isatty: bool, single_input: bool) -> OutputFormat:
        """An explicit format wins; then the -o path (a folder is CSV, .db SQLite, .jsonl, .json, .html);
        then a table for a terminal; else JSON for one article, JSON Lines for several."""
        if self.format is not None:
            return self.format
        if self.path is not None:
            suffix = self.path.suffix.lower()
            if self.path.is_dir() or self.folder or suffix == ".csv":
                return OutputFormat.csv
            if suffix in DATABASE_SUFFIXES:
                return OutputFormat.sqlite
            if suffix == ".jsonl":
                return OutputFormat.jsonl
            if suffix == ".json":
                return OutputFormat.json
            if suffix in HTML_SUFFIXES:
                return OutputFormat.html
        elif stdout_isatty:
            return OutputFormat.table
        return OutputFormat.json if single_input else OutputFormat.jsonl

    def check(self, output_format: OutputFormat, *, single_input: bool) -> None:
        """Raise OutputError when the format cannot be written where the options say."""
        if self.path is not None and not self.path.parent.is_dir():
            raise OutputError(f"no such folder: {self.path.parent}")
        if output_format is OutputFormat.csv:
            if self.path is None:
                raise OutputError("csv writes one file per record type: give a folder with -o")
            if self.path.exists() and not self.path.is_dir():
                raise OutputError(f"csv writes into a folder, and {self.path} is a file")
            if self.path.suffix.lower() == ".csv" and not self.path.is_dir():
                raise OutputError("csv writes one file per record type (articles.csv, quotes.csv, ...) "
                                  "into a folder: give one, e.g. -o tables/")
        elif output_format is OutputFormat.html and not single_input:
            if self.path is None or (self.path.suffix.lower() in HTML_SUFFIXES and not self.path.is_dir()):
                raise OutputError("html writes a page per article and an index: give a folder with -o")
            if self.path.exists() and not self.path.is_dir():
                raise OutputError(f"html writes a page per article into a folder, and {self.path} is a file")
        elif self.path is not None and self.path.is_dir() and output_format is not OutputFormat.html:
            raise OutputError(f"{self.path} is a folder; {output_format.value} is written to a file")
        if self.resume and not (output_format is OutputFormat.jsonl and self.path is not None
                                or output_format is OutputFormat.sqlite):
            raise OutputError("--resume needs an output that outlives a run: -o FILE.jsonl or -o FILE.db")
        if output_format is OutputFormat.sqlite and self.path is None:
            raise OutputError("sqlite writes a database file: give one with -o, e.g. -o corpus.db")


class JsonWriter(Writer):
    """One JSON document: the record itself, or an array of records when several were asked for."""

    def __init__(self, stream: TextIO, *, as_array: bool):
        self.stream, self.as_array, self.count = stream, as_array, 0

    def write(self, record: Extracted) -> None:
        document = record.article().model_dump_json(indent=2)
        if self.as_array:
            document = ("[\n" if self.count == 0 else ",\n") + document
        self.stream.write(document)
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        if self.as_array:
            self.stream.write("\n]\n" if self.count else "[]\n")
        elif self.count:
            self.stream.write("\n")
        self.stream.flush()


class JsonLinesWriter(Writer):
    """One compact line per record, as the worker made it, flushed at once for the reader downstream.
    `known`: the done keys (readers.done_key) of the records a resumed file already holds."""

    def __init__(self, stream: TextIO, known: frozenset[str] = frozenset()):
        self.stream, self.known = stream, known

    def has(self, key: str) -> bool:
        return key in self.known

    def write(self, record: Extracted) -> None:
        self.stream.write(record.json + "\n")
        self.stream.flush()


class PipeConsole(Console):
    """A rich Console that lets a closed pipe raise BrokenPipeError (rich itself would exit), so
    that the CLI ends every format the same quiet way."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


class TableWriter(Writer):
    """A readable summary per article: panels for the article and interview, tables for the rest."""

    def __init__(self, stream: TextIO):
        self.console = PipeConsole(file=stream, highlight=False)
        self.count = 0

    def write(self, record: Extracted) -> None:
        if self.count:
            self.console.rule()
        for renderable in summary(record.article()):
            self.console.print(renderable)
        self.count += 1

    def close(self) -> None:
        self.console.file.flush()


@contextmanager
def open_writer(output_format: OutputFormat, path: Path | None, stdout: TextIO, *,
                single_input: bool, resume: bool = False) -> Iterator[Writer]:
    """The writer for a format and target (a file or folder, else stdout), closed on the way out.

    Streams keep every record finished before an error or Ctrl-C; a single document is
    written to its file atomically, or not at all. HTML is one page, or a folder of them (for
    several inputs, or -o naming a folder) whose index is written last."""
    html_folder = output_format is OutputFormat.html and path is not None and (path.is_dir() or not single_input)
    if output_format in (OutputFormat.csv, OutputFormat.sqlite) or html_folder:
        from .corpus_page import HtmlFolderWriter
        from .tables import CsvWriter, SqliteWriter

        writer: Writer = HtmlFolderWriter(path) if html_folder else \
            CsvWriter(path) if output_format is OutputFormat.csv else SqliteWriter(path)
        try:
            yield writer
        finally:
            writer.close()
    elif output_format is OutputFormat.jsonl:
        known = records_kept(path) if resume and path is not None else frozenset()
        mode = "a" if resume else "w"
        with (open(path, mode, encoding="utf-8") if path is not None else nullcontext(stdout)) as stream:
            yield JsonLinesWriter(stream, known)
    else:
        with (atomic_output(path) if path is not None else nullcontext(stdout)) as stream:
            if output_format is OutputFormat.html:
                from .report import HtmlPageWriter  # imported only for a page: it is not small

                writer: Writer = HtmlPageWriter(stream)
            else:
                writer = TableWriter(stream) if output_format is OutputFormat.table else \
                    JsonWriter(stream, as_array=not single_input)
            yield writer
            writer.close()


def records_kept(path: Path) -> frozenset[str]:
    """The done keys of the records in a JSON Lines file to resume. A last line cut short (a run
    killed while writing it) is cut off, so that appending starts on a line of its own."""
    if not path.exists():
        return frozenset()
    data = path.read_bytes()
    complete = data[:data.rfind(b"\n") + 1]
    if len(complete) < len(data):
        with open(path, "r+b") as file:
            file.truncate(len(complete))
    known = set()
    for line in complete.splitlines():
        try:
            record = json.loads(line)
            known.add(done_key(record["text_sha256"], record["source"]))
        except (ValueError, KeyError, TypeError):
            raise OutputError(f"{path} is not a JSON Lines file of records: cannot resume it") from None
    return frozenset(known)


def summary(article: Article) -> Iterator[RenderableType]:
    """The rich renderables of one article's summary, in reading order; empty sections are left out."""
    meta = article.metadata
    yield Panel(fields(title=meta.title, dateline=meta.dateline, byline=meta.byline, outlet=meta.outlet,
                       published=meta.published, source=article.source),
                title="Article", title_align="left")
    if article.interview:
        interview = article.interview
        yield Panel(fields(interviewee=interview.interviewee, interviewer=interview.interviewer,
                           outlet=interview.outlet, occasion=interview.occasion),
                    title="Interview", title_align="left")

    people = [entity for entity in article.entities if entity.label == "PERSON"]
    if people:
        yield table("People", ("name", "roles", "country", "mentions"),
                    ((person.name, "; ".join(person.roles), person.country, len(person.mentions))
                     for person in people))
    organisations = [entity for entity in article.entities if entity.label == "ORG"]
    if organisations:
        yield table("Organisations", ("name", "country", "mentions"),
                    ((org.name, org.country, len(org.mentions)) for org in organisations))
    places = [entity for entity in article.entities if entity.label in PLACE_LABELS]
    if places:
        yield table("Places", ("name", "label", "country", "mentions"),
                    ((place.name, place.label, place.country, len(place.mentions)) for place in places))

    if article.quotes:
        yield Text("Quotes", style="bold")
        by_speaker: dict[str, list[str]] = {}
        for quote in article.quotes:
            speaker = quote.speaker.name if quote.speaker else "(unattributed)"
            shown = f"“{quote.text}”" if quote.kind == "direct" else quote.text
            by_speaker.setdefault(speaker, []).append(shown)
        for speaker, quotes in by_speaker.items():
            yield Padding(Text(f"{speaker} ({len(quotes)})", style="bold cyan"), (0, 0, 0, 2))
            yield Padding(bullets(quotes), (0, 0, 0, 4))

    if article.figures:
        yield table("Figures", ("text", "value", "unit", "qualifier", "measures", "said by"),
                    ((figure.text, figure_value(figure.value, figure.low, figure.high), figure.unit,
                      figure.qualifier, figure.measures, figure.said_by) for figure in article.figures))
    if article.agreements:
        yield table("Agreements", ("kind", "parties", "count", "sectors"),
                    ((agreement.kind, ", ".join(agreement.parties), agreement.count,
                      ", ".join(agreement.sectors)) for agreement in article.agreements))

    yield Text(f"boilerplate: {len(article.boilerplate)} span(s) left out", style="dim")
    for warning in article.warnings:
        yield Text(f"warning: {warning}", style="yellow")


def fields(**values: str | None) -> Table:
    """Name-value lines for a panel, leaving out the values not found."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    for name, value in values.items():
        if value:
            grid.add_row(name, Text(value))
    return grid


def bullets(items: Iterable[str]) -> Table:
    """A dash list whose long items wrap under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column()
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("–", Text(item))
    return grid


def table(title: str, columns: Iterable[str], rows: Iterable[Iterable[object]]) -> Table:
    """A titled table; cells are plain text (names and quotes may hold brackets rich would read as
    markup) and None shows as an empty cell."""
    result = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for column in columns:
        result.add_column(column, overflow="fold")
    for row in rows:
        result.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    return result


