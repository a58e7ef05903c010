"""Tokens picked from a Doc's arrays: a rule that reads a few words finds them in one column,
and the tokens it never looks at do not become Python objects."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def members(values: numpy.ndarray, keys: numpy.ndarray) -> numpy.ndarray:
    """Whether each of `values` is one of the sorted `keys` (numpy.isin without its sort)."""
    if not len(keys):
        return numpy.zeros(len(values), dtype=bool)
    rows = numpy.minimum(numpy.searchsorted(keys, values), len(keys) - 1)
    return keys[rows] == values


def words_where(doc: Doc, attr: int, test: Callable[[str], bool]) -> numpy.ndarray:
    """Whether each token's `attr` (ORTH, LOWER, LEMMA...) is a string passing `test`, each
    distinct string tested once."""
    column = doc.to_array(attr)
    strings = doc.vocab.strings
    keys = numpy.array(sorted(key for key in numpy.unique(column).tolist() if test(strings[key])), dtype=numpy.uint64)
    return members(column, keys)


def tokens_at(doc: Doc, mask: numpy.ndarray) -> list[Token]:
    """The tokens where `mask` is true, in order."""
    return [doc[i] for i in numpy.flatnonzero(mask).tolist()]


def word_strings(doc: Doc, attr: int, mask: numpy.ndarray) -> list[str]:
    """The distinct strings of `attr` on the tokens where `mask` is true."""
    strings = doc.vocab.strings
    return [strings[key] for key in numpy.unique(doc.to_array(attr)[mask]).tolist()]
