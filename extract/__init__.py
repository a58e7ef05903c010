"""extract: structured, typed records from English news articles and interviews.

    >>> import extract
    >>> nlp = extract.load_pipeline()
    >>> article = extract.extract_text("ASTANA – ...", nlp)
    >>> article.entities[0].name

`import extract` does not import spaCy: the pipeline names load it on first use, so that a
command that only prints help or the schema starts at once.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import SCHEMA_VERSION, Article, json_schema
from .readers import InputError, read_input, read_text

if TYPE_CHECKING:
    from spacy.language import Language

    from .pipeline import ModelNotFoundError, load_pipeline

__all__ = ["SCHEMA_VERSION", "Article", "InputError", "ModelNotFoundError", "extract_file",
           "extract_text", "extract_texts", "json_schema", "load_pipeline", "read_text"]


def __getattr__(name: str) -> Any:
    """`load_pipeline` and `ModelNotFoundError` come from pipeline.py, imported (with spaCy) when first asked for."""
    if name in ("load_pipeline", "ModelNotFoundError"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def extract_text(text: str, nlp: Language | None = None, source: str = "-") -> Article:
    """Extract one article from its text (of any length: see extract_texts)."""
    return next(extract_texts([(text, source)], nlp, batch_size=1))


def extract_texts(items: Iterable[tuple[str, str]], nlp: Language | None = None,
                  batch_size: int = 16) -> Iterator[Article]:
    """Extract articles from (text, source) pairs, in order, parsing them in batches.

    Texts longer than the model's max_length are extracted in paragraph-aligned parts and
    merged into one record. An exception in a component propagates as it is."""
    from itertools import islice

    from .batch import extract_chunk
    from .pipeline import load_pipeline
    from .readers import Input

    nlp = nlp or load_pipeline()
    stream = (Input(source, text) for text, source in items)
    for chunk in iter(lambda: list(islice(stream, batch_size)), []):
        yield from extract_chunk(nlp, chunk, isolate_failures=False)


def extract_file(path: str | Path, nlp: Language | None = None) -> Article:
    """Read and extract one file (text, or a saved web page with its metadata); raises InputError
    when it cannot be read."""
    from .batch import extract_chunk
    from .pipeline import load_pipeline

    return extract_chunk(nlp or load_pipeline(), [read_input(str(path))], isolate_failures=False)[0]

