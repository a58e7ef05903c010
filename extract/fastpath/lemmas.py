"""The stock lemmatizer's lemmas, each worked out once per word form.

spaCy's lemmatizer runs Python for every token: it builds the token's object, reads its part of
speech and morphology as strings, and sets the lemma through the string store. Its answer
depends only on the token's text, part of speech and morphology (its own cache is keyed by
them), so here each distinct (text, POS, morphology) is lemmatized once, by the stock
lemmatizer's own code, rules, exceptions and tables, and a Doc's lemmas are written as one
column. The one change is that a word list it searches (the index of known lemmas, kept as
lists, each search a scan of thousands of words) is searched as a set. Only spaCy's own
lemmatizer classes are replaced: a subclass may read more of the token than that.
"""
from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

REPLACEABLE = (Lemmatizer, EnglishLemmatizer)


class Unsupported(ValueError):
    """The lemmatizer is not one whose lemmas are a function of text, POS and morphology."""


class Lemmas:
    """Sets each token's lemma as the stock lemmatizer would (keeping a lemma set before it,
    unless it overwrites), asking it once per distinct word form."""

    def __init__(self, lemmatizer: Any):
        if type(lemmatizer) not in REPLACEABLE or lemmatizer.mode not in ("lookup", "rule"):
            raise Unsupported(f"{type(lemmatizer).__name__} in mode {getattr(lemmatizer, 'mode', None)!r}")
        required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
        if any(table not in lemmatizer.lookups for table in required):
            raise Unsupported("the lemmatizer's tables are missing")  # the stock one reports it
        self.lemmatizer = with_index_sets(lemmatizer)
        self.known: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        forms, first, where = numpy.unique(rows[:, :3], axis=0, return_index=True, return_inverse=True)
        known, strings = self.known, doc.vocab.strings
        lemmas = numpy.empty(len(forms), dtype=numpy.uint64)
        for k, (form, i) in enumerate(zip(map(tuple, forms.tolist()), first.tolist())):
            found = known.get(form)
            if found is None:
                found = known[form] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[k] = found
        lemmas = lemmas[where.reshape(-1)]
        if not self.lemmatizer.overwrite:  # a lemma set before stays
            lemmas = numpy.where(rows[:, 3] != 0, rows[:, 3], lemmas)
        doc.from_array([LEMMA], lemmas)
        return doc


def with_index_sets(lemmatizer: Any) -> Any:
    """A lemmatizer of the same class and settings, on the same tables, except that the lists of
    words in its index are sets: `form in index` gives the same answers, without a scan."""
    twin = type(lemmatizer)(lemmatizer.vocab, None, lemmatizer.name, mode=lemmatizer.mode,
                            overwrite=lemmatizer.overwrite)
    twin.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict({key: frozenset(words) for key, words in table.items()}, name=name)
        twin.lookups.set_table(name, table)
    return twin


@Language.factory("extract_lemmas", default_config={"lemmatizer": "lemmatizer"})
def make_lemmas(nlp: Language, name: str, lemmatizer: str) -> Lemmas:
    """Built on the pipeline's lemmatizer `lemmatizer` (which then need not run)."""
    return Lemmas(nlp.get_pipe(lemmatizer))
