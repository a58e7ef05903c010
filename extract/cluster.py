"""Batches on a Dask cluster: the per-article extraction of local batches, on every machine the cluster has.

Paths go out, never texts: each task reads its partition's inputs itself, runs them through the
pipeline its worker process loaded once (`batch.work`), and writes a part file straight into the
output folder. Only counts, warnings and failures come back, so a corpus never funnels through
the client. A part is named by its partition's index and appears whole or not at all, so a task
that Dask reruns after its worker died overwrites its own part: every article is written once.

Dask (the `dask` extra) and fsspec, which it brings, are imported only here.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, Union

from .batch import CHUNK_SIZE, Extracted, Failed, describe, work
from .readers import MAX_SIZE, Input, InputError, Unreadable, is_url, read_input
from .output import atomic_output
from .writers import OutputFormat

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
FORMATS = (OutputFormat.jsonl, OutputFormat.csv)  # formats that can be written in parts
PARTS_PER_THREAD = 8  # enough tasks for Dask to balance the load, and little to redo when a worker dies
LARGEST_PART = 1000  # articles: a part file of tens of megabytes at most
INSTALL_HINT = "pip install 'extract[dask]'"

# For --scheduler local. Dask's defaults suit long-lived array data, not spaCy's short-lived
# allocations: trimming malloc's heap after frees and sampling each worker's stack every 10 ms
# cost about a tenth of the workers' CPU here.
LOCAL_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                "distributed.worker.profile.enabled": False}

# A worker started with several threads runs one partition at a time through its one pipeline.
PIPELINE = threading.Lock()


class ClusterError(RuntimeError):
    """The cluster cannot be used: Dask is not installed, or the scheduler does not answer."""


@dataclass(frozen=True)
class Written:
    """An article written to a part file, as the client sees it: what the summary and warnings need."""
    source: str
    quotes: int
    figures: int
    agreements: int
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, record: Extracted) -> Written:
        return cls(record.source, record.quotes, record.figures, record.agreements, record.warnings)


PartResult = Union[Written, Failed]


class ClusterExtractor:
    """Runs extraction on Dask: `with ClusterExtractor("tcp://host:8786") as cluster: cluster.run(sources, "out/")`.

    `scheduler` "local" starts a LocalCluster of `workers` processes with one thread each: spaCy
    gains nothing from threads, and each process keeps one pipeline."""

    def __init__(self, scheduler: str, *, workers: int | None = None, model: str | None = None,
                 output_format: OutputFormat = OutputFormat.jsonl, max_size: int = MAX_SIZE):
        if output_format not in FORMATS:
            raise ValueError(f"a cluster writes jsonl or csv parts, not {output_format.value}")
        self.scheduler, self.workers, self.model, self.output_format = scheduler, workers, model, output_format
        self.max_size = max_size
        self.client: Client | None = None
        self.local: LocalCluster | None = None

    def __enter__(self) -> ClusterExtractor:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}") from None
        try:
            if self.scheduler == LOCAL:
                # No dashboard, and the scheduler's HTTP server on a free port, not on 8787 that a
                # cluster of the user's may hold.
                with dask.config.set(LOCAL_CONFIG):
                    self.local = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                              dashboard_address=None,
                                              scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            self.client = Client(self.local if self.local is not None else self.scheduler)
        except (OSError, ValueError) as error:  # unreachable (OSError) or not an address (ValueError)
            self.__exit__(None)
            raise ClusterError(f"cannot use the Dask scheduler at {self.scheduler}: {error}") from None
        return self

    def __exit__(self, *_: Any) -> None:
        """Closing the client releases its tasks: after Ctrl-C the cluster stops working for us."""
        if self.client is not None:
            self.client.close()
        if self.local is not None:
            self.local.close()

    def run(self, sources: list[str], out_dir: str) -> Iterator[list[PartResult]]:
        """The results of each partition as soon as it is written, in any order: one per source.

        A partition whose task fails as a whole (its workers kept dying, the folder is not
        writable) comes back as a failure of each of its articles; a model that will not load
        raises ModelNotFoundError, since no task can succeed."""
        from distributed import as_completed

        from .pipeline import ModelNotFoundError

        out_dir = absolute(out_dir)
        start_output(out_dir, self.output_format)
        size = partition_size(len(sources), self.threads())
        partitions = {}
        for index, first in enumerate(range(0, len(sources), size)):
            part = [(source, absolute(source)) for source in sources[first:first + size]]
            future = self.client.submit(extract_part, index, first + 1, part, out_dir, self.output_format.value,
                                        self.model, self.max_size, pure=False)
            partitions[future] = (index, part)
        for future in as_completed(partitions):
            try:
                yield future.result()
            except ModelNotFoundError:
                raise
            except Exception as error:
                index, part = partitions[future]
                yield [Failed(source, f"{part_name(index)}: {describe(error)}") for source, _ in part]
        remove(out_dir, temporary_files(self.output_format))

    def threads(self) -> int:
        return max(1, sum(worker["nthreads"] for worker in self.client.scheduler_info()["workers"].values()))


def partition_size(articles: int, threads: int) -> int:
    """Articles per partition: several partitions per worker thread, none larger than LARGEST_PART."""
    return max(1, min(LARGEST_PART, math.ceil(articles / (threads * PARTS_PER_THREAD))))


def absolute(source: str) -> str:
    """A path as every worker finds it on the shared filesystem, whatever its working directory."""
    return source if is_url(source) else os.path.abspath(source)


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def extract_part(index: int, first_id: int, part: list[tuple[str, str]], out_dir: str, output_format: str,
                 model: str | None, max_size: int = MAX_SIZE) -> list[PartResult]:
    """A task: read a partition's inputs from their (source as given, location) pairs, extract them
    CHUNK_SIZE at a time as a local batch does, and write the partition's part file.

    `first_id` is the first article's position among all inputs: its `article_id` in CSV tables."""
    results: list[PartResult] = []
    with part_writer(out_dir, part_name(index), OutputFormat(output_format)) as write:
        for first in range(0, len(part), CHUNK_SIZE):
            items = [read_as(source, location, max_size) for source, location in part[first:first + CHUNK_SIZE]]
            with PIPELINE:
                extracted = work(model, items)
            for position, result in enumerate(extracted, first_id + first):
                if isinstance(result, Extracted):
                    write(position, result)
                    results.append(Written.of(result))
                else:
                    results.append(result)
    return results


def read_as(source: str, location: str, max_size: int = MAX_SIZE) -> Input | Unreadable:
    """The input at `location`, under the name the user gave it, as a local run names it."""
    try:
        return replace(read_input(location, max_size=max_size), source=source)
    except InputError as error:
        return Unreadable(source, error.reason)


@contextmanager
def part_writer(out_dir: str, name: str, output_format: OutputFormat) -> Iterator[Callable[[int, Extracted], None]]:
    """`write(article_id, record)` into the part `name`: NAME.jsonl, or TABLE/NAME.csv for each table."""
    if output_format is OutputFormat.jsonl:
        with atomic_part(out_dir, f"{name}.jsonl") as stream:
            yield lambda article_id, record: stream.write(record.json + "\n")
        return
    from .tables import TABLES, spreadsheet_rows

    with ExitStack() as stack:
        tables = {table.name: csv.writer(stack.enter_context(atomic_part(out_dir, f"{table.name}/{name}.csv")))
                  for table in TABLES}
        for table in TABLES:
            tables[table.name].writerow(table.column_names)

        def write(article_id: int, record: Extracted) -> None:
            for table_name, table_rows in spreadsheet_rows(article_id, json.loads(record.json)).items():
                tables[table_name].writerows(table_rows)

        yield write


@contextmanager
def atomic_part(out_dir: str, name: str) -> Iterator[TextIO]:
    """A part file that appears whole or not at all, so that a rerun task leaves neither half a part
    nor two: on a filesystem it is written beside its name and renamed; an object store shows an
    object only once it is whole, so there it is put in one piece."""
    fs, root = filesystem(out_dir)
    if is_local(fs):
        target = Path(root) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(target, newline="") as stream:
            yield stream
        return
    buffer = io.StringIO(newline="")
    yield buffer
    fs.pipe_file(f"{root}/{name}", buffer.getvalue().encode("utf-8"))


def start_output(out_dir: str, output_format: OutputFormat) -> None:
    """The output folder, without the parts an earlier run left there (a run replaces them, as
    `-o FILE` replaces a file): stale parts beyond this run's count would be records twice."""
    fs, root = filesystem(out_dir)
    fs.makedirs(root, exist_ok=True)
    remove(out_dir, (*part_files(output_format), *temporary_files(output_format)))


def part_files(output_format: OutputFormat) -> tuple[str, ...]:
    from .tables import TABLES

    if output_format is OutputFormat.jsonl:
        return ("part-*.jsonl",)
    return tuple(f"{table.name}/part-*.csv" for table in TABLES)


def temporary_files(output_format: OutputFormat) -> tuple[str, ...]:
    """What a task leaves when its worker dies while writing (atomic_output's names)."""
    return tuple(pattern.replace("part-*", ".part-*") + ".*.tmp" for pattern in part_files(output_format))


def remove(out_dir: str, patterns: tuple[str, ...]) -> None:
    fs, root = filesystem(out_dir)
    found = [path for pattern in patterns for path in fs.glob(f"{root}/{pattern}")]
    if found:
        fs.rm(found)


def filesystem(out_dir: str) -> tuple[Any, str]:
    """The fsspec filesystem of a folder or URL, and its path there."""
    from fsspec.core import url_to_fs

    return url_to_fs(out_dir)


def is_local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)
