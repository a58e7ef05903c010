"""extract: structured, typed records from English news articles and interviews.

    >>> import extract
    >>> nlp = extract.load_pipeline()
    >>> article = extract.extract_text("ASTANA – ...", nlp)
    >>> article.entities[0].name
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from .models import SCHEMA_VERSION, Article, json_schema
from .pipeline import ModelNotFoundError, load_pipeline
from .readers import InputError, read_text
from .record import to_record

__all__ = ["SCHEMA_VERSION", "Article", "InputError", "ModelNotFoundError", "extract_file",
           "extract_text", "extract_texts", "json_schema", "load_pipeline", "read_text"]


def extract_text(text: str, nlp: Language | None = None, source: str = "-") -> Article:
    """Extract one article from its text."""
    nlp = nlp or load_pipeline()
    return to_record(nlp(text), source)


def extract_texts(items: Iterable[tuple[str, str]], nlp: Language, batch_size: int = 16) -> Iterator[Article]:
    """Extract articles from (text, source) pairs, in order, parsing them in batches."""
    for doc, source in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield to_record(doc, source)


def extract_file(path: str | Path, nlp: Language | None = None) -> Article:
    """Read and extract one file; raises InputError when it cannot be read as text."""
    return extract_text(read_text(path), nlp, source=str(path))
