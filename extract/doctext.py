"""The text of a Doc, built once: spaCy joins every token again on each `Doc.text` access."""
from __future__ import annotations

from spacy.tokens import Doc

KEY = "extract.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
