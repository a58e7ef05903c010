"""One converter from a processed Doc to the `Article` record; the CLI never sees spaCy objects.

Components keep spaCy-free results where they can (quotes, figures and agreements are
already `models` records on their Doc extensions); entities and boilerplate are converted here.
"""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from . import models
from .dates import dated
from .doctext import doc_text
from .keys import entity_key


def to_record(doc: Doc, source: str) -> models.Article:
    text = doc_text(doc)  # the components' cached copy: Doc.text joins every token again
    return models.Article(
        source=source,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        metadata=dated(models.Metadata(**(doc._.metadata or {}))),
        interview=models.Interview(**doc._.interview) if doc._.interview else None,
        entities=[models.Entity(id=e.id, name=e.name, label=e.label, roles=e.roles, country=e.country,
                                key=entity_key(e.label, e.name, e.country),
                                mentions=[models.Span(text=m.text, start=m.start_char, end=m.end_char)
                                          for m in sorted(e.mentions + e.references, key=lambda m: m.start)])
                  for e in doc._.entities or []],
        quotes=list(extension(doc, "quotes")),
        figures=list(extension(doc, "figures")),
        agreements=list(extension(doc, "agreements")),
        boilerplate=[models.Boilerplate(text=text[b.start:b.end], start=b.start, end=b.end, kind=b.kind)
                     for b in doc._.boilerplate or []],
        warnings=list(doc._.warnings or []),
    )


def extension(doc: Doc, name: str) -> list:
    """A component's records, or none when the pipeline has no such component."""
    return (getattr(doc._, name) or []) if Doc.has_extension(name) else []
