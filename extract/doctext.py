"""The text of a Doc, built once: spaCy joins every token again on each `Doc.text` access."""
from __future__ import annotations

from spacy.tokens import Doc

KEY = "extract.text"


def doc_text(doc: Doc) -> str:
    """Doc.text, cached in the Doc's user data. The cache is checked against the Doc's length,
    since user data travels with a Doc that is copied or merged (Doc.from_docs)."""
    text = doc.user_data.get(KEY)
    if text is None or len(text) != text_length(doc):
        text = doc.user_data[KEY] = doc.text
    return text


def text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
