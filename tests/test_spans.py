"""Every span of every record is true to the text: text[start:end] == span.text, for any input.

The default run tries a few dozen generated texts; a long run sets the number:

    EXTRACT_PROPERTY_EXAMPLES=10000 pytest tests/test_spans.py
"""
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract

EXAMPLES = int(os.environ.get("EXTRACT_PROPERTY_EXAMPLES", "40"))

WORDS = st.sampled_from([
    "Rwanda", "Kazakhstan", "President", "Paul", "Kagame", "said", "told", "the", "minister", "Minister",
    "of", "Foreign", "Affairs", ",", ".", "Photo", "credit:", "Get", "stories", "Subscribe", "ASTANA", "–",
    "(AIF)", "$1", "billion", "95%", "7,000", "km", "£3.5m", "€", "¥", "six", "agreements", "\u201c", "\u201d",
    '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\n", "\n\n", "\r\n", "\t", "\u00a0", "👍", "مرحبا",
    "日本", "Ünïcödé", "Nduhungirehe", "he", "added", "By", "Jane", "Doe", "The", "Times", "correspondent",
])
ARTICLES = st.lists(WORDS, max_size=80).map(" ".join) | st.text(max_size=300)


def spans(value):
    """Every object in a record that carries text, start and end."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("text"), str):
            yield value
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARTICLES)
def test_every_span_is_true_to_the_text(nlp, text):
    record = extract.extract_text(text, nlp).model_dump(mode="json")
    for span in spans(record):
        assert text[span["start"]:span["end"]] == span["text"]
