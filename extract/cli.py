"""The `extract` command: inputs in, records out. Thin: reading, extraction and output are library calls.

Data goes to stdout (or -o FILE), everything else to stderr. The spaCy side of the library is
imported inside the command, so that `--help` and `--schema` do not pay for loading a model.
"""
from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer
from rich.console import Console
from rich.progress import Progress
from rich.text import Text

from .writers import OutputFormat, OutputOptions, atomic_output, make_writer

if TYPE_CHECKING:
    from spacy.language import Language

    from .models import Article

STDIN = "-"

PipelineLoader = Callable[[Optional[str]], "Language"]


class ExitStatus(enum.IntEnum):
    OK = 0
    ERROR = 1  # some inputs failed; the others were still written
    USAGE = 2
    INTERRUPTED = 130


def load_library_pipeline(model: str | None) -> Language:
    from . import load_pipeline

    return load_pipeline(model)


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class Environment:
    """The streams the command uses and whether they are terminals (after httpie's Environment).

    The defaults are the process's own; tests pass their streams, fake a terminal or a pipe
    with the *_isatty flags, and hand in a pipeline loader that returns an already loaded model.
    """
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None  # None: ask the stream
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    load_pipeline: PipelineLoader = load_library_pipeline

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = is_terminal(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = is_terminal(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = is_terminal(self.stderr)


class Messages:
    """Everything that is not data, on stderr: errors always, the rest unless --quiet."""

    def __init__(self, env: Environment, *, quiet: bool):
        self.console = Console(file=env.stderr, highlight=False, soft_wrap=True)
        self.show_progress = bool(env.stderr_isatty) and not quiet
        self.quiet = quiet
        self.errors = 0

    def error(self, message: str) -> None:
        self.errors += 1
        self.console.print(Text.assemble("extract: ", ("error:", "bold red"), f" {message}"))

    def warning(self, message: str) -> None:
        if not self.quiet:
            self.console.print(Text.assemble("extract: ", ("warning:", "yellow"), f" {message}"))

    def status(self, message: str) -> AbstractContextManager[object]:
        """A spinner while something slow happens, only where someone watches stderr."""
        return self.console.status(message) if self.show_progress else nullcontext()

    def info(self, message: str) -> None:
        if not self.quiet:
            self.console.print(Text(f"extract: {message}"))


app = typer.Typer(add_completion=False, pretty_exceptions_show_locals=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


HELP = """Turn English news articles into structured records: entities, quotes, figures, agreements.

A readable summary when stdout is a terminal; JSON (one article) or JSON Lines (a folder or
several paths) when it is not."""


@app.command(help=HELP)
def command(
    ctx: typer.Context,
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="PATH", show_default=False,
        help="Text files, folders (searched recursively) or - for standard input.")] = None,
    output_format: Annotated[Optional[OutputFormat], typer.Option(
        "--format", "-f", show_default=False, help="Force the output format.")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False, show_default=False,
        help="Write to FILE atomically; the format follows its extension (.json, .jsonl).")] = None,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Files to take from folders.")] = "*.txt",
    model: Annotated[Optional[str], typer.Option(
        metavar="NAME_OR_PATH", show_default=False,
        help="An installed spaCy pipeline or a path to one (default: the small English model).")] = None,
    schema: Annotated[bool, typer.Option(
        "--schema", help="Print the JSON Schema of a record and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    options = OutputOptions(output_format, output)
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"no such folder: {output.parent}", ctx=ctx, param_hint="'--output'")
    if not schema and not paths:
        raise typer.BadParameter("give at least one: a file, a folder, or - for standard input",
                                 ctx=ctx, param_hint="'PATH'")
    messages = Messages(env, quiet=quiet)
    try:
        if schema:
            status = write_schema(env, options)
        else:
            status = extract_paths(env, messages, paths or [], options, glob=glob, model=model)
    except KeyboardInterrupt:
        status = ExitStatus.INTERRUPTED
    except BrokenPipeError:  # the reader has all it wants (`extract ... | head`): not a failure
        silence(env.stdout)
        status = ExitStatus.ERROR if messages.errors else ExitStatus.OK
    except Exception as error:
        if debug:
            raise
        messages.error(f"unexpected {type(error).__name__}: {error} (run with --debug for the traceback)")
        status = ExitStatus.ERROR
    raise typer.Exit(int(status))


def write_schema(env: Environment, options: OutputOptions) -> ExitStatus:
    from . import json_schema

    with open_output(env, options) as stream:
        stream.write(json.dumps(json_schema(), indent=2) + "\n")
        stream.flush()
    return ExitStatus.OK


def extract_paths(env: Environment, messages: Messages, paths: list[str], options: OutputOptions,
                  *, glob: str, model: str | None) -> ExitStatus:
    """Load the model, then stream every input through it into one writer."""
    from . import ModelNotFoundError, extract_texts

    sources = list(expand_paths(paths, glob, messages))
    single_input = len(paths) == 1 and (paths[0] == STDIN or not Path(paths[0]).is_dir())
    output_format = options.resolve_format(stdout_isatty=bool(env.stdout_isatty), single_input=single_input)
    data_on_terminal = options.path is None and bool(env.stdout_isatty)
    try:
        with messages.status("loading the spaCy pipeline…"):
            nlp = env.load_pipeline(model)
    except ModelNotFoundError as error:
        messages.error(str(error))
        return ExitStatus.USAGE
    if STDIN in sources and env.stdin_isatty:
        messages.info("reading the article from standard input; end it with Ctrl-D")

    show_progress = messages.show_progress and len(sources) > 1 and not data_on_terminal
    with Progress(console=messages.console, transient=True, disable=not show_progress) as progress, \
            open_output(env, options) as stream:
        task = progress.add_task("extracting", total=len(sources))
        writer = make_writer(output_format, stream, single_input=single_input)
        written = 0
        texts = read_sources(sources, env.stdin, messages, on_failure=lambda: progress.advance(task))
        for article in extract_texts(texts, nlp):
            writer.write(article)
            written += 1
            progress.advance(task)
            if output_format is not OutputFormat.table:
                report_warnings(article, messages)
        writer.close()
    if options.path is not None:
        messages.info(f"wrote {written} record(s) to {options.path}")
    return ExitStatus.ERROR if messages.errors else ExitStatus.OK


def expand_paths(paths: Iterable[str], glob: str, messages: Messages) -> Iterator[str]:
    """Each path as given; a folder becomes its matching files, recursively, in sorted order."""
    for path in paths:
        folder = Path(path)
        if path == STDIN or not folder.is_dir():
            yield path
            continue
        files = sorted(candidate for candidate in folder.rglob(glob) if candidate.is_file())
        if not files:
            messages.warning(f"{path}: no files match {glob}")
        yield from (str(file) for file in files)


def read_sources(sources: Iterable[str], stdin: TextIO, messages: Messages,
                 on_failure: Callable[[], None]) -> Iterator[tuple[str, str]]:
    """(text, source) pairs for the inputs that can be read; each one that cannot is reported and skipped."""
    from . import InputError, read_text

    for source in sources:
        try:
            text = read_stdin(stdin) if source == STDIN else read_text(source)
        except InputError as error:
            messages.error(str(error))
            on_failure()
            continue
        yield text, source


def read_stdin(stdin: TextIO) -> str:
    """Standard input decoded like a file (BOMs, UTF-8 checks) when its bytes are reachable."""
    from .readers import decode

    buffer = getattr(stdin, "buffer", None)
    return decode(buffer.read(), STDIN) if buffer is not None else stdin.read()


def report_warnings(article: Article, messages: Messages) -> None:
    for warning in article.warnings:
        messages.warning(f"{article.source}: {warning}")


def open_output(env: Environment, options: OutputOptions) -> AbstractContextManager[TextIO]:
    """-o FILE written atomically, else stdout (left open: it is not ours)."""
    return atomic_output(options.path) if options.path is not None else nullcontext(env.stdout)


def silence(stdout: TextIO) -> None:
    """After a closed pipe, point stdout at devnull so that the flush at exit fails no more (Python docs)."""
    try:
        descriptor = stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def main() -> None:
    """The console script `extract`."""
    app(prog_name="extract")
