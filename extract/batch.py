"""Batches: many inputs through the pipeline, in order, in this process or in worker processes.

Work goes in chunks of articles. In this process a chunk is one `nlp.pipe` batch; with several
workers each process loads the model once and turns whole chunks into finished JSON records,
so that nothing but text goes in and strings come out. At most a few chunks are in flight at
a time, so memory stays flat however long the stream is, and results come back in input
order. An exception in a component fails only the article it happened on.

Articles longer than the model's max_length are cut into paragraph-aligned parts, each
extracted on its own; their records are merged with offsets shifted back into the whole text.
spaCy is imported only where a pipeline runs, never in a parent that only hands out work.
"""
from __future__ import annotations

import re
import signal
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Any, Optional, Union

from .dates import dated
from .models import Article
from .readers import Input, Unreadable

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_SIZE = 16  # articles per task and per nlp.pipe batch: small enough for a smooth progress bar
CHUNKS_IN_FLIGHT = 2  # per worker: one being worked on, one waiting, so no worker ever idles
PIECE = "extract_piece"  # Doc.user_data key: (article index in the chunk, offset of the piece)

PipelineLoader = Callable[[Optional[str]], "Language"]
ChunkTask = Callable[[Optional[str], list], list]  # (model, chunk) -> results: what a worker runs
WORKER_DIED = "the worker process died while extracting it (killed, or out of memory)"


@dataclass(frozen=True)
class Extracted:
    """A finished record: its JSON line, the counts the summary needs, and the article's text when
    the output shows it (the HTML report; see Extractor's keep_texts)."""
    source: str
    json: str
    quotes: int
    figures: int
    agreements: int
    warnings: tuple[str, ...]
    text: str | None = None

    @classmethod
    def of(cls, article: Article) -> Extracted:
        return cls(article.source, article.model_dump_json(), len(article.quotes), len(article.figures),
                   len(article.agreements), tuple(article.warnings))

    def article(self) -> Article:
        return Article.model_validate_json(self.json)


@dataclass(frozen=True)
class Failed:
    """An input that gave no record: unreadable, or a component raised on it."""
    source: str
    reason: str


Result = Union[Extracted, Failed]


class Extractor:
    """Runs the pipeline over a stream of inputs: `with Extractor(...) as extractor: extractor.run(inputs)`.

    With one worker the model is loaded here (through `load_pipeline`, which tests replace);
    with more, a pool of processes (forked by a fork server, so that the progress bar's thread
    is never forked) runs `task` on chunks. A worker that dies (killed, out of memory) costs
    only the article it held: the chunks in flight are run again one article at a time, and
    an article that kills its worker again is reported as failed.
    With keep_texts each record carries its article's text, taken from the input this process
    still holds: texts never travel back from workers."""

    def __init__(self, *, workers: int, model: str | None, load_pipeline: PipelineLoader | None = None,
                 chunk_size: int = CHUNK_SIZE, keep_texts: bool = False, task: ChunkTask | None = None):
        self.workers, self.model, self.chunk_size = max(1, workers), model, chunk_size
        self.load_pipeline = load_pipeline
        self.keep_texts = keep_texts
        self.task = task or work
        self.nlp: Language | None = None
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Extractor:
        if self.workers > 1:
            self.pool = self.start_pool()
        else:
            loader = self.load_pipeline or command_pipeline
            self.nlp = loader(self.model)
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        if self.pool is not None:
            # After an error, Ctrl-C or a closed pipe nobody wants the rest: stop at once.
            self.pool.shutdown(wait=kind is None, cancel_futures=kind is not None)
            if kind is not None:
                stop_workers(self.pool)

    def start_pool(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=ignore_interrupts)

    def run(self, inputs: Iterable[Input | Unreadable]) -> Iterator[Result]:
        """One result per input, in input order, each as soon as it and those before it are done."""
        stream = iter(inputs)
        chunks = iter(lambda: list(islice(stream, self.chunk_size)), [])
        if self.pool is None:
            for chunk in chunks:
                yield from self.with_texts(chunk, finished(extract_chunk(self.nlp, chunk)))
            return
        pending: deque[tuple[list[Input | Unreadable], Future | list[Result] | None]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.submit(chunk)))
            if len(pending) >= self.workers * CHUNKS_IN_FLIGHT:
                yield from self.next_results(pending)
        while pending:
            yield from self.next_results(pending)

    def submit(self, chunk: list[Input | Unreadable]) -> Future | None:
        """The chunk's future, or None when the pool broke before it could take it."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(self.task, self.model, chunk)
        except BrokenProcessPool:
            return None

    def next_results(self, pending: deque) -> list[Result]:
        """The results of the first chunk in flight. If a worker died, every chunk in flight is
        made again in a new pool, one article at a time, to find the article it died on."""
        from concurrent.futures.process import BrokenProcessPool

        chunk, outcome = pending.popleft()
        try:
            if outcome is None:
                raise BrokenProcessPool
            results = outcome if isinstance(outcome, list) else outcome.result()
        except BrokenProcessPool:
            self.restart_pool()
            redone = [(chunk, self.one_by_one(chunk))]
            redone += [(later, finished_by_then(outcome) or self.one_by_one(later)) for later, outcome in pending]
            pending.clear()
            pending.extend(redone)
            chunk, results = pending.popleft()
        return self.with_texts(chunk, results)

    def one_by_one(self, chunk: list[Input | Unreadable]) -> list[Result]:
        from concurrent.futures.process import BrokenProcessPool

        results: list[Result] = []
        for item in chunk:
            try:
                results += self.pool.submit(self.task, self.model, [item]).result()
            except BrokenProcessPool:
                results.append(Failed(item.source, WORKER_DIED))
                self.restart_pool()
        return results

    def restart_pool(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        stop_workers(self.pool)
        self.pool = self.start_pool()

    def with_texts(self, chunk: list[Input | Unreadable], results: list[Result]) -> list[Result]:
        """The chunk's results (one per input, in order), each record given its text if asked to."""
        if not self.keep_texts:
            return results
        return [replace(result, text=item.text) if isinstance(result, Extracted) else result
                for item, result in zip(chunk, results)]


def finished_by_then(outcome: Future | list[Result] | None) -> list[Result] | None:
    """The results of a chunk that was done before its pool broke, if it was."""
    if isinstance(outcome, list):
        return outcome
    if outcome is not None and outcome.done() and not outcome.cancelled() and outcome.exception() is None:
        return outcome.result()
    return None


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's processes: shutdown() without waiting leaves a worker finishing its chunk."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.join(timeout=5)


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and keeps what is finished."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_worker_pipeline: dict[str | None, Language] = {}


def work(model: str | None, chunk: list[Input | Unreadable]) -> list[Result]:
    """A worker's task. The model is loaded on the first task, not in the pool's initializer:
    an initializer that raises (a model that will not load) makes the pool restart it forever,
    while a task's exception reaches the parent."""
    if model not in _worker_pipeline:
        _worker_pipeline[model] = command_pipeline(model)
    return finished(extract_chunk(_worker_pipeline[model], chunk))


def command_pipeline(model: str | None) -> Language:
    """The pipeline as the command's processes load it (the one running it, and each worker):
    spaCy imported without its command line, the garbage collector paused while loading, the
    networks' matrix products fitted to the CPU (fastpath/startup.py, fastpath/matmul.py)."""
    from .fastpath.matmul import fit_matmul_to_cpu
    from .fastpath.startup import import_spacy, load_and_freeze
    from .pipeline import load_pipeline

    import_spacy()

    def load() -> Language:
        nlp = load_pipeline(model)
        fit_matmul_to_cpu(nlp)
        return nlp

    return load_and_freeze(load)


def extract_chunk(nlp: Language, items: list[Input | Unreadable], *,
                  isolate_failures: bool = True) -> list[Article | Failed]:
    """Records for `items` in order, parsed as one batch. With isolate_failures an exception in a
    component fails only its own article; without, it propagates as it is (library use)."""
    parts: dict[int, list[tuple[int, Article]]] = defaultdict(list)
    failures: dict[int, str] = {}

    def docs() -> Iterator[Doc]:
        for k, item in enumerate(items):
            if isinstance(item, Input):
                try:
                    for offset, piece in split_for_model(item.text, nlp.max_length):
                        doc = nlp.make_doc(piece)
                        doc.user_data[PIECE] = (k, offset)
                        doc.user_data[doctext.KEY] = piece  # Doc.text is the text it was made from
                        yield doc
                except Exception as error:
                    if not isolate_failures:
                        raise
                    failures.setdefault(k, f"tokenizing: {describe(error)}")

    def note_failure(name: str, component: object, failed: list[Doc], error: Exception) -> None:
        for doc in failed:
            failures.setdefault(doc.user_data[PIECE][0], f"extraction failed in {name}: {describe(error)}")

    from . import doctext
    from .pipeline import MODEL_BATCH_SIZES
    from .record import to_record

    component_cfg = {name: {"batch_size": size} for name, size in MODEL_BATCH_SIZES.items()}

    try:
        with failures_reported(nlp, note_failure) if isolate_failures else nullcontext():
            for doc in nlp.pipe(docs(), batch_size=max(1, len(items)), component_cfg=component_cfg):
                k, offset = doc.user_data[PIECE]
                if k not in failures:
                    parts[k].append((offset, to_record(doc, items[k].source)))
    except Exception as error:
        if not isolate_failures:
            raise
        if len(items) > 1:  # find the article that broke the batch, and keep the others
            return [result for item in items for result in extract_chunk(nlp, [item])]
        failures.setdefault(0, describe(error))
    return [finish(item, parts[k], failures.get(k), nlp.max_length) for k, item in enumerate(items)]


def finish(item: Input | Unreadable, parts: list[tuple[int, Article]], failure: str | None,
           max_length: int) -> Article | Failed:
    if isinstance(item, Unreadable):
        return Failed(item.source, item.reason)
    if failure is not None or not parts:
        return Failed(item.source, failure or "no record came out of the pipeline")
    article = parts[0][1] if len(parts) == 1 else merge_parts(parts, item, max_length)
    if item.warnings:
        article = article.model_copy(update={"warnings": [*item.warnings, *article.warnings]})
    if item.metadata:  # a web page's own metadata, where the text gave none
        missing = {name: value for name, value in item.metadata.items() if getattr(article.metadata, name) is None}
        article = article.model_copy(update={"metadata": dated(article.metadata.model_copy(update=missing))})
    return article


def finished(results: list[Article | Failed]) -> list[Result]:
    """What goes back to the parent: each record as its JSON line, made once, where it was extracted."""
    return [Extracted.of(result) if isinstance(result, Article) else result for result in results]


class failures_reported:
    """Within the block, an exception in one of our components (plain callables, which spaCy runs
    with the pipeline's default error handler) goes to `handler` instead of being raised, so the
    rest of the batch goes on. spaCy's own components are left alone (their handlers cannot be
    set on spaCy 3.8's parser); should one of them raise, extract_chunk retries article by article."""

    def __init__(self, nlp: Language, handler: Callable[..., None]):
        self.nlp, self.handler = nlp, handler

    def __enter__(self) -> None:
        self.previous = self.nlp.default_error_handler
        self.nlp.default_error_handler = self.handler

    def __exit__(self, *_: Any) -> None:
        self.nlp.default_error_handler = self.previous


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


# --- articles longer than the model's max_length ----------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
WHITESPACE = re.compile(r"\s+")


def split_for_model(text: str, max_length: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, each piece at most max_length characters, cut between
    paragraphs (quotes and figures never span one), or between sentences or words when a single
    paragraph is longer than that. A text within the limit is one piece."""
    if len(text) <= max_length:
        return [(0, text)]
    from .article import paragraph_spans

    cuts = [start for start, _ in paragraph_spans(text)][1:]
    pieces, start = [], 0
    while len(text) - start > max_length:
        limit = start + max_length
        end = max((cut for cut in cuts if start < cut <= limit), default=None)
        if end is None:
            end = last_break(text, start, limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def last_break(text: str, start: int, limit: int) -> int:
    """Where to cut a paragraph longer than the limit: after its last sentence, else its last word."""
    window = text[start:limit]
    for pattern in (SENTENCE_END, WHITESPACE):
        ends = [match.end() for match in pattern.finditer(window) if match.end() > 0]
        if ends:
            return start + ends[-1]
    return limit


def merge_parts(parts: list[tuple[int, Article]], item: Input, max_length: int) -> Article:
    """One record from the records of an article's parts: offsets shifted into the whole text,
    entities of the same name and label joined under one id, each metadata field from the first
    part that has it (the title at the start, an outlet often in a footer)."""
    entities: dict[tuple[str, str], dict] = {}
    metadata: dict[str, str | None] = {}
    quotes, figures, agreements, boilerplate, warnings = [], [], [], [], []
    interview = None
    for offset, part in parts:
        data = shift(part.model_dump(), offset)
        new_ids, new_names = {}, {}
        for entity in data["entities"]:
            key = known_as(entity, entities)
            if key not in entities:
                entities[key] = {**entity, "id": f"e{len(entities) + 1}", "mentions": [], "roles": []}
            joined = entities[key]
            joined["mentions"] += entity["mentions"]
            joined["roles"] += [role for role in entity["roles"] if role not in joined["roles"]]
            joined["country"] = joined["country"] or entity["country"]
            new_ids[entity["id"]] = joined["id"]
            new_names[entity["name"]] = joined["name"]
        for quote in data["quotes"]:
            if quote["speaker"]:  # a person named in part only is named in full, as in entities
                speaker = quote["speaker"]
                speaker["entity_id"] = new_ids.get(speaker["entity_id"])
                speaker["name"] = new_names.get(speaker["name"], speaker["name"])
        for said in data["figures"] + data["agreements"]:
            said["said_by"] = new_names.get(said["said_by"], said["said_by"])
        quotes += data["quotes"]
        figures += data["figures"]
        agreements += data["agreements"]
        boilerplate += data["boilerplate"]
        warnings += [warning for warning in data["warnings"] if warning not in warnings]
        interview = interview or data["interview"]
        metadata = {field: metadata.get(field) or value for field, value in data["metadata"].items()}
    warnings.append(f"longer than the model's max_length ({max_length:,} characters): "
                    f"extracted in {len(parts)} paragraph-aligned parts")
    return Article.model_validate({
        "source": item.source, "text_sha256": item.sha256, "metadata": metadata,
        "interview": interview, "entities": list(entities.values()), "quotes": quotes, "figures": figures,
        "agreements": agreements, "boilerplate": boilerplate, "warnings": warnings})


def known_as(entity: dict, entities: dict[tuple[str, str], dict]) -> tuple[str, str]:
    """The key of the entity an earlier part already has for `entity`: the same label and name, or
    for a person named in part only ("Kagame"), the one person whose full name has those words."""
    key = (entity["label"], entity["name"])
    if key in entities or entity["label"] != "PERSON":
        return key
    words = set(entity["name"].split())
    fuller = [known for known in entities if known[0] == "PERSON" and words < set(known[1].split())]
    return fuller[0] if len(fuller) == 1 else key


def shift(value: Any, offset: int) -> Any:
    """`value` (a record as plain data) with every span's start and end moved by `offset`, in place."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            value["start"] += offset
            value["end"] += offset
        for child in value.values():
            shift(child, offset)
    elif isinstance(value, list):
        for child in value:
            shift(child, offset)
    return value
