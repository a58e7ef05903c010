"""The `extract` command: inputs in, records out. Thin: reading, extraction and output are library calls.

Data goes to stdout (or -o PATH), everything else to stderr. spaCy is imported only where a
pipeline runs, so that `--help` and `--schema` start at once, and a parent handing work to
worker processes never loads a model of its own.
"""
from __future__ import annotations

import enum
import io
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, Optional, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, \
    TimeRemainingColumn
from rich.text import Text

from .batch import Extracted, Extractor, Failed, PipelineLoader, Result
from .readers import STDIN, Input, Unreadable, is_url, read_inputs, url_files
from .output import Writer, atomic_output
from .writers import OutputError, OutputFormat, OutputOptions, open_writer

if TYPE_CHECKING:
    from .cluster import Written


class ExitStatus(enum.IntEnum):
    OK = 0
    ERROR = 1  # some inputs failed; the others were still written
    USAGE = 2
    INTERRUPTED = 130  # Ctrl-C (SIGINT): every finished record is kept
    TERMINATED = 143  # SIGTERM, handled the same way


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops a batch as Ctrl-C does, keeping every finished record."""


def available_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count, where the OS says)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class Environment:
    """The streams the command uses, whether they are terminals, and the cores it may use (after
    httpie's Environment).

    The defaults are the process's own; tests pass their streams, fake a terminal or a pipe
    with the *_isatty flags, hand in a pipeline loader that returns an already loaded model,
    and set `cores` to 1 so that batches run in the test process unless a test asks for workers.
    """
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None  # None: ask the stream
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    load_pipeline: PipelineLoader | None = None  # None: the command's own (batch.command_pipeline)
    cores: int = field(default_factory=available_cores)

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = is_terminal(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = is_terminal(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = is_terminal(self.stderr)

    def stdin_bytes(self) -> BinaryIO:
        """Standard input as bytes, so that it is decoded like a file (BOMs, encodings)."""
        buffer = getattr(self.stdin, "buffer", None)
        return buffer if buffer is not None else io.BytesIO(self.stdin.read().encode("utf-8"))


class Messages:
    """Everything that is not data, on stderr: errors always, the rest unless --quiet."""

    def __init__(self, env: Environment, *, quiet: bool):
        self.console = Console(file=env.stderr, highlight=False, soft_wrap=True,
                               force_terminal=bool(env.stderr_isatty) or None)  # as the environment says
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


DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm")  # articles as text, and saved web pages

app = typer.Typer(add_completion=False, pretty_exceptions_show_locals=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


HELP = """Turn English news articles into structured records: entities, quotes, figures, agreements.

A readable summary when stdout is a terminal; JSON (one article) or JSON Lines (a folder or
several paths) when it is not. CSV (a folder of tables), SQLite (a database that a second
run resumes) and HTML (a page showing the text with what was found marked) with --format or
from the -o path."""


@app.command(help=HELP)
def command(
    ctx: typer.Context,
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="PATH", show_default=False,
        help="Text files, saved web pages (.html), folders (searched recursively) or - for standard input, "
             "in any mix.")] = None,
    output_format: Annotated[Optional[OutputFormat], typer.Option(
        "--format", "-f", show_default=False,
        help="Force the output format (default: table on a terminal, else json for one article, "
             "jsonl for several, or what the -o path says).")] = None,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="PATH", show_default=False,
        help="Write to PATH: a .json/.jsonl file, a .db SQLite database, an .html report, or a folder "
             "(of CSV files, of HTML pages with an index, or with --scheduler of part files; a URL too).")] = None,
    glob: Annotated[list[str], typer.Option(
        metavar="PATTERN", help="Files to take from folders (repeat for several).")] = list(DEFAULT_GLOBS),
    workers: Annotated[Optional[int], typer.Option(
        "--workers", "-w", min=1, metavar="N", show_default=False,
        help="Processes running the pipeline (default: every core for several inputs, one for one).")] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        metavar="ADDRESS", show_default=False,
        help="Run on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local to start one of "
             "--workers processes here. Writes part files into the -o folder (jsonl or csv). "
             "Needs the dask extra.")] = None,
    model: Annotated[Optional[str], typer.Option(
        metavar="NAME_OR_PATH", show_default=False,
        help="An installed spaCy pipeline or a path to one (default: the small English model).")] = None,
    schema: Annotated[bool, typer.Option(
        "--schema", help="Print the JSON Schema of a record and exit.")] = False,
    max_size: Annotated[str, typer.Option(
        "--max-size", metavar="SIZE",
        help="Refuse inputs larger than this, e.g. 10MB, 500KB (checked before reading).")] = "10MB",
    errors: Annotated[Optional[Path], typer.Option(
        "--errors", metavar="FILE", show_default=False,
        help="Also write each failure to FILE as a JSON line: {\"source\": ..., \"reason\": ...}.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="With -o FILE.jsonl: keep its records and extract only the inputs not in it yet "
                         "(an SQLite database always resumes).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    options = OutputOptions(output_format, Path(output) if output else None, resume=resume,
                            folder=bool(output) and output.endswith(("/", os.sep)))
    try:
        size_limit = parse_size(max_size)
    except ValueError as error:
        raise typer.BadParameter(str(error), ctx=ctx, param_hint="'--max-size'") from None
    if errors is not None and not errors.parent.is_dir():
        raise typer.BadParameter(f"no such folder: {errors.parent}", ctx=ctx, param_hint="'--errors'")
    if not schema and not paths:
        raise typer.BadParameter("give at least one: a file, a folder, or - for standard input",
                                 ctx=ctx, param_hint="'PATH'")
    single_input = is_single_input(paths or [])
    on_cluster = scheduler is not None and not schema
    if on_cluster:
        resolved = output_format or OutputFormat.jsonl
        check_cluster_options(ctx, paths or [], output, resolved, scheduler, workers)
    else:
        resolved = OutputFormat.json if schema else \
            options.resolve_format(stdout_isatty=bool(env.stdout_isatty), single_input=single_input)
        try:
            options.check(resolved, single_input=single_input)
        except OutputError as error:
            raise typer.BadParameter(str(error), ctx=ctx, param_hint="'--output'") from None
    messages = Messages(env, quiet=quiet)
    try:
        if schema:
            status = write_schema(env, options)
        elif on_cluster:
            status = extract_on_cluster(env, messages, paths or [], output, resolved, scheduler=scheduler,
                                        globs=glob, model=model, workers=workers, max_size=size_limit,
                                        errors_path=errors)
        else:
            status = extract_paths(env, messages, paths or [], options, resolved, globs=glob, model=model,
                                   workers=workers, max_size=size_limit, errors_path=errors)
    except Terminated:
        status = ExitStatus.TERMINATED
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


SIZE_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "K": 10**3, "M": 10**6, "G": 10**9,
              "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}


def parse_size(size: str) -> int:
    """Bytes from "10MB", "500 KB", "2MiB" or a plain number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", size)
    if match is None or match.group(2).upper() not in SIZE_UNITS:
        raise ValueError(f"{size!r} is no size: give bytes or a number with KB, MB or GB, e.g. 10MB")
    return int(float(match.group(1)) * SIZE_UNITS[match.group(2).upper()])


def check_cluster_options(ctx: typer.Context, paths: list[str], output: str | None, output_format: OutputFormat,
                          scheduler: str, workers: int | None) -> None:
    """Raise a usage error for what a cluster cannot do: standard input (workers read files
    themselves), outputs other than part files in a folder, --workers for a cluster that has its own."""
    from .cluster import FORMATS, LOCAL

    if STDIN in paths:
        raise typer.BadParameter("workers read the inputs themselves: give files or folders, not -",
                                 ctx=ctx, param_hint="'PATH'")
    if output_format not in FORMATS:
        raise typer.BadParameter(f"a cluster writes part files: jsonl or csv, not {output_format.value}",
                                 ctx=ctx, param_hint="'--format'")
    if output is None:
        raise typer.BadParameter("a cluster writes part files into a folder: give one with -o, e.g. -o out/",
                                 ctx=ctx, param_hint="'--output'")
    if not is_url(output) and Path(output).exists() and not Path(output).is_dir():
        raise typer.BadParameter(f"{output} is a file; a cluster writes part files into a folder",
                                 ctx=ctx, param_hint="'--output'")
    if workers is not None and scheduler != LOCAL:
        raise typer.BadParameter(f"--workers starts workers for --scheduler {LOCAL}; the cluster at {scheduler} "
                                 "has its own", ctx=ctx, param_hint="'--workers'")


def is_single_input(paths: list[str]) -> bool:
    """One article asked for (one file or -): JSON rather than JSON Lines, one worker."""
    return len(paths) == 1 and (paths[0] == STDIN or not Path(paths[0]).is_dir())


def write_schema(env: Environment, options: OutputOptions) -> ExitStatus:
    from .models import json_schema

    with atomic_output(options.path) if options.path is not None else nullcontext(env.stdout) as stream:
        stream.write(json.dumps(json_schema(), indent=2) + "\n")
        stream.flush()
    return ExitStatus.OK


@dataclass
class Tally:
    """What the closing summary line counts."""
    articles: int = 0
    quotes: int = 0
    figures: int = 0
    agreements: int = 0
    failures: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, record: Extracted | Written) -> None:
        self.articles += 1
        self.quotes += record.quotes
        self.figures += record.figures
        self.agreements += record.agreements

    def line(self, output: Path | str | None) -> str:
        counts = [plural(self.articles, "article"), plural(self.quotes, "quote"), plural(self.figures, "figure"),
                  plural(self.agreements, "agreement"), plural(self.failures, "failure")]
        if self.skipped:
            counts.append(f"{self.skipped:,} already in {output}")
        return ", ".join(counts) + f", {time.perf_counter() - self.started:.1f} s" + \
            (f" → {output}" if output is not None else "")


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def extract_paths(env: Environment, messages: Messages, paths: list[str], options: OutputOptions,
                  output_format: OutputFormat, *, globs: list[str], model: str | None,
                  workers: int | None, max_size: int, errors_path: Path | None) -> ExitStatus:
    """Stream every input through the pipeline into one writer, then say what was done."""
    from .pipeline import ModelNotFoundError

    tally = Tally()
    sources = list(expand_paths(paths, globs, messages))
    single_input = is_single_input(paths)
    batch = len(sources) > 1
    workers = min(workers or (env.cores if batch else 1), max(1, len(sources)))
    data_on_terminal = options.path is None and bool(env.stdout_isatty)
    if STDIN in sources and env.stdin_isatty:
        messages.info("reading the article from standard input; end it with Ctrl-D")
    try:
        with ExitStack() as stack:
            with messages.status("loading the spaCy pipeline…") if workers == 1 else nullcontext():
                # Workers start here, before the progress bar's thread.
                extractor = stack.enter_context(Extractor(workers=workers, model=model,
                                                          load_pipeline=env.load_pipeline,
                                                          keep_texts=output_format is OutputFormat.html))
            writer = stack.enter_context(open_writer(output_format, options.path, env.stdout,
                                                     single_input=single_input, resume=options.resume))
            failures = stack.enter_context(open(errors_path, "w", encoding="utf-8")) if errors_path else None
            stack.enter_context(sigterm_interrupts())
            progress = stack.enter_context(progress_bar(messages, visible=batch and not data_on_terminal))
            task = progress.add_task("extracting", total=len(sources))
            stdin = env.stdin_bytes() if STDIN in sources else None
            inputs = not_yet_written(read_inputs(sources, stdin, max_size), writer, tally,
                                     lambda: progress.advance(task))
            for result in extractor.run(inputs):
                with interrupts_deferred():
                    if isinstance(result, Extracted):
                        writer.write(result)
                    account(result, tally, messages, warn=output_format is not OutputFormat.table, failures=failures)
                progress.advance(task)
    except (ModelNotFoundError, OutputError) as error:
        messages.error(str(error))
        return ExitStatus.USAGE
    except KeyboardInterrupt:
        if batch:
            messages.info(f"interrupted: {tally.line(options.path)}")
        raise
    if batch or options.path is not None:
        messages.info(tally.line(options.path))
    return ExitStatus.ERROR if messages.errors else ExitStatus.OK


def extract_on_cluster(env: Environment, messages: Messages, paths: list[str], out_dir: str,
                       output_format: OutputFormat, *, scheduler: str, globs: list[str], model: str | None,
                       workers: int | None, max_size: int, errors_path: Path | None) -> ExitStatus:
    """The batch on a Dask cluster: its workers write part files into out_dir, and only counts,
    warnings and failures come back here, for the progress bar and the summary."""
    from .cluster import LOCAL, ClusterError, ClusterExtractor
    from .pipeline import ModelNotFoundError

    tally = Tally()
    sources = list(expand_paths(paths, globs, messages))
    workers = min(workers or env.cores, max(1, len(sources)))
    if messages.quiet:  # Dask logs the faults it recovers from ("rescheduling") as warnings
        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        with ExitStack() as stack:
            starting = "starting a local Dask cluster…" if scheduler == LOCAL else f"connecting to {scheduler}…"
            with messages.status(starting):
                cluster = stack.enter_context(ClusterExtractor(scheduler, workers=workers, model=model,
                                                               output_format=output_format, max_size=max_size))
            failures = stack.enter_context(open(errors_path, "w", encoding="utf-8")) if errors_path else None
            progress = stack.enter_context(progress_bar(messages, visible=True))
            task = progress.add_task("extracting", total=len(sources))
            for results in cluster.run(sources, out_dir):
                for result in results:
                    account(result, tally, messages, warn=True, failures=failures)
                progress.advance(task, len(results))
    except (ModelNotFoundError, ClusterError) as error:
        messages.error(str(error))
        return ExitStatus.USAGE
    except KeyboardInterrupt:
        messages.info(f"interrupted: {tally.line(out_dir)}")
        raise
    messages.info(tally.line(out_dir))
    return ExitStatus.ERROR if messages.errors else ExitStatus.OK


def account(result: Result | Written, tally: Tally, messages: Messages, *, warn: bool,
            failures: TextIO | None = None) -> None:
    """Count a result for the summary; report a failure (also as a JSON line to `failures`), and
    the record's warnings when `warn`."""
    if isinstance(result, Failed):
        messages.error(f"{result.source}: {result.reason}")
        tally.failures += 1
        if failures is not None:
            failures.write(json.dumps({"source": result.source, "reason": result.reason}) + "\n")
            failures.flush()
        return
    tally.add(result)
    if warn:
        report_warnings(result, messages)


def progress_bar(messages: Messages, *, visible: bool) -> Progress:
    """Articles done of all, the rate and the time left, on stderr where someone watches it."""
    return Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn(),
                    console=messages.console, transient=True, disable=not (messages.show_progress and visible))


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "", style="progress.data.speed")


def not_yet_written(inputs: Iterable[Input | Unreadable], writer: Writer, tally: Tally,
                    advance: Callable[[], None]) -> Iterator[Input | Unreadable]:
    """The inputs the output does not hold yet (a database or a resumed file from an earlier run)."""
    for item in inputs:
        if isinstance(item, Input) and writer.has(item.done_key):
            tally.skipped += 1
            advance()
        else:
            yield item


def expand_paths(paths: Iterable[str], globs: list[str], messages: Messages) -> Iterator[str]:
    """Each path as given; a folder (or a folder URL) becomes the files matching any of `globs`,
    recursively, in sorted order."""
    for path in paths:
        if is_url(path):
            found = [url_files(path, glob) for glob in globs]
            files = None if found[0] is None else sorted({file for files in found for file in files or []})
        elif path != STDIN and Path(path).is_dir():
            # Everything but folders: a FIFO, a device or a broken link in a folder is reported, not skipped.
            files = [str(file) for file in sorted({candidate for glob in globs for candidate in Path(path).rglob(glob)
                                                   if not candidate.is_dir()})]
        else:
            files = None
        if files is None:
            yield path
            continue
        if not files:
            messages.warning(f"{path}: no files match {' '.join(globs)}")
        yield from files


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a scheduler's or `kill`'s stop) raises Terminated, which stops a batch as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def raise_terminated(number: int, frame: object) -> None:
    raise Terminated


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM while a record is being written takes effect once it is written: no half records."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda number, frame: received.append(number))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise Terminated if received[0] == signal.SIGTERM else KeyboardInterrupt


def report_warnings(record: Extracted | Written, messages: Messages) -> None:
    for warning in record.warnings:
        messages.warning(f"{record.source}: {warning}")


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
