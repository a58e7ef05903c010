"""Batches in the library: inputs decoded exactly, long articles in parts, failures kept to their article."""
from __future__ import annotations

import codecs
import re
import subprocess
import sys

import pytest
import spacy
from spacy.language import Language

import extract
from extract.batch import Extracted, Extractor, Failed, extract_chunk, split_for_model
from extract.readers import Input, InputError, Unreadable, decode

from conftest import REPO

@pytest.mark.parametrize("data, expect", [
    (codecs.BOM_UTF8 + "naïve “quote”".encode(), "naïve “quote”"),
    (codecs.BOM_UTF16_LE + "naïve “quote”".encode("utf-16-le"), "naïve “quote”"),
    (codecs.BOM_UTF16_BE + "naïve “quote”".encode("utf-16-be"), "naïve “quote”"),
    (b"line one\r\nline two\r\n", "line one\r\nline two\r\n"),
])
def test_utf_texts_decode_exactly_without_warning(data, expect):
    assert decode(data, "x.txt") == (expect, None)


def test_other_encodings_are_detected_and_named_in_a_warning(seed_text):
    """Windows-1252 quote marks and dashes: several single-byte encodings read them alike."""
    text, warning = decode(seed_text.encode("cp1252"), "x.txt")
    assert text == seed_text
    assert re.fullmatch(r"not UTF-8 \(byte \d+\); decoded as cp\d+, detected", warning)


def test_binary_data_is_refused():
    with pytest.raises(InputError, match="binary data"):
        decode(b"\x89PNG\x00\x00", "photo.txt")


def all_spans(value):
    """Every (text, start, end) in a record dumped to plain data."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and "text" in value:
            yield value["text"], value["start"], value["end"]
        for child in value.values():
            yield from all_spans(child)
    elif isinstance(value, list):
        for child in value:
            yield from all_spans(child)


def test_crlf_offsets_point_into_the_decoded_text(nlp, seed_text):
    text = seed_text.replace("\n", "\r\n")
    article = extract.extract_text(text, nlp)
    assert article.quotes
    assert all(text[start:end] == span for span, start, end in all_spans(article.model_dump()))


def test_long_texts_are_cut_between_paragraphs_within_the_limit(seed_text):
    paragraph_starts = {0} | {i + 1 for i, c in enumerate(seed_text) if c == "\n"}
    pieces = split_for_model(seed_text, 1500)
    assert len(pieces) > 2
    assert "".join(piece for _, piece in pieces) == seed_text
    assert all(len(piece) <= 1500 and seed_text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(offset in paragraph_starts or seed_text[offset - 1].isspace() for offset, _ in pieces)
    assert split_for_model(seed_text, len(seed_text)) == [(0, seed_text)]


def test_a_paragraph_longer_than_the_limit_is_cut_after_a_sentence():
    text = "One sentence here. Another one follows. " * 10
    pieces = split_for_model(text, 100)
    assert all(len(piece) <= 100 and piece.rstrip().endswith(".") for _, piece in pieces[:-1])


def test_an_article_longer_than_max_length_is_one_record_from_its_parts(nlp, seed_text, monkeypatch):
    whole = extract.extract_text(seed_text, nlp)
    monkeypatch.setattr(nlp, "max_length", 2500)
    merged = extract.extract_text(seed_text, nlp)
    assert any("paragraph-aligned parts" in warning for warning in merged.warnings)
    assert merged.text_sha256 == whole.text_sha256
    assert all(seed_text[start:end] == span for span, start, end in all_spans(merged.model_dump()))
    # no quote or figure is cut or lost at a part's edge
    assert [(q.start, q.end) for q in merged.quotes] == [(q.start, q.end) for q in whole.quotes]
    assert [(f.start, f.end) for f in merged.figures] == [(f.start, f.end) for f in whole.figures]
    assert merged.metadata == whole.metadata
    # one entity per id, and speakers point at the entity of their name
    ids = [entity.id for entity in merged.entities]
    assert len(ids) == len(set(ids))
    names = {entity.id: entity.name for entity in merged.entities}
    speakers = [q.speaker for q in merged.quotes if q.speaker and q.speaker.entity_id]
    assert speakers and all(names[s.entity_id] == s.name for s in speakers)


@Language.component("test_explodes_on_request")
def explodes_on_request(doc):
    if "EXPLODE" in doc.text:
        raise ValueError("asked to explode")
    return doc


@pytest.fixture(scope="module")
def fragile_nlp(nlp):
    """A small pipeline (our extensions are registered by the session's) with a component that fails on demand."""
    fragile = spacy.blank("en")
    fragile.add_pipe("test_explodes_on_request")
    return fragile


def test_a_failing_component_fails_only_its_own_article(fragile_nlp):
    items = [Input("a.txt", "Fine text."), Input("b.txt", "EXPLODE here."), Unreadable("c.txt", "no such file"),
             Input("d.txt", "Also fine.")]
    results = extract_chunk(fragile_nlp, items)
    assert [type(result).__name__ for result in results] == ["Article", "Failed", "Failed", "Article"]
    assert results[1].reason == "extraction failed in test_explodes_on_request: ValueError: asked to explode"
    assert results[2] == Failed("c.txt", "no such file")
    assert [results[0].source, results[3].source] == ["a.txt", "d.txt"]
    with pytest.raises(ValueError, match="asked to explode"):  # the library call raises it as it is
        list(extract.extract_texts([("EXPLODE", "b.txt")], fragile_nlp))
    assert fragile_nlp("Fine again.").text  # the pipeline raises again outside batches


def test_reading_warnings_reach_the_record(fragile_nlp):
    with Extractor(workers=1, model=None, load_pipeline=lambda model: fragile_nlp) as extractor:
        [result] = extractor.run([Input("x.txt", "Text.", ("decoded as cp1252",))])
    assert isinstance(result, Extracted)
    assert result.article().warnings[0] == "decoded as cp1252"


def test_importing_the_library_and_the_command_leaves_spacy_unloaded():
    probe = "import sys, extract, extract.cli; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], cwd=REPO).returncode == 0
