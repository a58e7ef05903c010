"""Quotes and their speakers: direct quotes, reported speech, and Q&A transcripts.

Direct quotes are found from the quote marks themselves (paired per paragraph, in any
style: `marks`), then attributed by the words around them (`frames`) or, with no frame, by
the speaker of the quote before (`direct`). Reported speech comes from the parse
(`reported`). Transcript turns and headline claims are given by a speaker label
(`transcript`). Every speaker is resolved to a canonical entity where the text makes it
unambiguous (`speakers`). No speaker beats a wrong one.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import models
from ..doctext import doc_text
from .direct import direct_quotes
from .found import Found, drop_overlapping
from .marks import pair_marks, trim
from .reported import reported_speech
from .speakers import Speakers, speaker_token
from .transcript import headline_claim, transcript_turns
from .words import SpeechWords

__all__ = ["QuoteFinder", "make_quotes", "quote_holding", "speaker_token"]

Doc.set_extension("quotes", default=None)


@Language.factory("extract_quotes", default_config={"lexicon": "speech"})
def make_quotes(nlp: Language, name: str, lexicon: str) -> QuoteFinder:
    return QuoteFinder(SpeechWords.load(lexicon))


class QuoteFinder:
    def __init__(self, words: SpeechWords):
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        excluded = [(b.start, b.end) for b in doc._.boilerplate or []]
        if doc._.headline:
            excluded.append(doc._.headline)
        paragraphs = [p for p in doc._.paragraphs or [(0, len(text))]
                      if not any(a <= p[0] < b for a, b in excluded)]
        quoted = [q for p in pair_marks(text, paragraphs) for q in p]
        speakers = Speakers(doc, self.words, [(q.start, q.end) for q in quoted if not q.single])
        turns = transcript_turns(doc, paragraphs)
        reported = reported_speech(speakers, quoted, excluded)
        direct = direct_quotes(speakers, quoted, reported, turns)
        headline = [claim] if (claim := headline_claim(doc, self.words.says_forms)) is not None else []
        found = drop_overlapping(headline + turns + reported + direct)
        doc._.quotes = [record(doc, f) for f in found if f.end > f.start]
        return doc


def record(doc: Doc, f: Found) -> models.Quote:
    text = doc_text(doc)
    first = doc.char_span(f.start, f.end, alignment_mode="expand")
    sentence_start = first[0].sent.start_char if first is not None and len(first) else f.start
    sentence_end = first[-1].sent.end_char if first is not None and len(first) else f.end
    a = f.attribution
    sentence_start, sentence_end = trim(text, sentence_start, max(sentence_end, f.end))
    return models.Quote(
        text=text[f.start:f.end], start=f.start, end=f.end, kind=f.kind,
        speaker=models.Speaker(
            name=a.name, entity_id=a.entity.id if a.entity is not None else None,
            mention=span_record(a.source) if a.source is not None else None) if a and a.name else None,
        cue=span_record(a.cue) if a and a.cue is not None else None,
        sentence=models.Span(text=text[sentence_start:sentence_end], start=sentence_start, end=sentence_end),
        parts=[models.Span(text=text[q.start:q.end], start=q.start, end=q.end) for q in f.fragments
               if not q.single])


def span_record(span: Span) -> models.Span:
    return models.Span(text=span.text, start=span.start_char, end=span.end_char)


def quote_holding(quotes: list[models.Quote], char: int) -> models.Quote | None:
    """The quote record that holds the character at `char` (a component's quotes are in text order
    and never overlap), for figures and agreements said inside quotes."""
    at = bisect_right(quotes, char, key=lambda quote: quote.start)
    return quotes[at - 1] if at and char < quotes[at - 1].end else None
