"""Multipliers that are written without a number a grammar of numbers would read: a verb of
change by a factor ("exports doubled", "tripling its output", "halved") and a one-word fold
("threefold", "tenfold"). "3 times" and "10-fold" are a number and a unit (lexicons/units.json)."""
from __future__ import annotations

import re

from spacy.attrs import LEMMA
from spacy.tokens import Doc
from text_to_num import text2num

from ..columns import tokens_at, words_where
from ..doctext import doc_text
from ..intervals import Ranges
from .drafts import Draft, Number
from .lexicon import Lexicon

FOLD = re.compile(r"(?i)(?<![\w-])(?P<number>[a-z]+?)-?fold(?![\w-])")


def multiplier_figures(doc: Doc, lex: Lexicon, blocked: Ranges) -> list[Draft]:
    """A figure of unit "times" for each multiplier verb and each one-word fold."""
    text, drafts = doc_text(doc), []
    verbs = words_where(doc, LEMMA, lambda lemma: lemma.lower() in lex.multiplier_verbs)
    for token in tokens_at(doc, verbs):
        factor = lex.multiplier_verbs.get(token.lemma_.lower())
        if factor is None or token.pos_ != "VERB" or blocked.touches(token.idx, token.idx + len(token)):
            continue
        drafts.append(multiplier(token.idx, token.idx + len(token), factor))
    for m in FOLD.finditer(text):
        try:
            factor = text2num(m.group("number").lower(), "en")
        except ValueError:
            continue
        if factor > 1 and not blocked.touches(m.start(), m.end()):
            drafts.append(multiplier(m.start(), m.end(), float(factor)))
    return drafts


def multiplier(start: int, end: int, factor: float) -> Draft:
    return Draft(start, end, Number(start, end, factor, words=True), factor, kind="quantity", unit="times")
