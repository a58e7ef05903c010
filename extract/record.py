"""One converter from a processed Doc to the `Article` record; the CLI never sees spaCy objects."""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from . import models


def to_record(doc: Doc, source: str) -> models.Article:
    text = doc.text
    entities = doc._.entities or []
    ids = {id(e): f"e{n}" for n, e in enumerate(entities, 1)}
    return models.Article(
        source=source,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        metadata=models.Metadata(**(doc._.metadata or {})),
        interview=models.Interview(**doc._.interview) if doc._.interview else None,
        entities=[models.Entity(id=ids[id(e)], name=e.name, label=e.label, roles=e.roles, country=e.country,
                                mentions=[models.Span(text=m.text, start=m.start_char, end=m.end_char)
                                          for m in e.mentions])
                  for e in entities],
        boilerplate=[models.Boilerplate(text=text[b.start:b.end], start=b.start, end=b.end, kind=b.kind)
                     for b in doc._.boilerplate or []],
        warnings=list(doc._.warnings or []),
    )
