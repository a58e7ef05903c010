"""Numbers that are no figures: dates, years, decades, clock times, addresses, URLs and phone numbers."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .drafts import Number, is_year, token_at
from .lexicon import SPACE, Lexicon

DATE_LIKE = re.compile(r"(?<![\w.])(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:1[5-9]|20)\d{2}[-–/](?:\d{2}|(?:1[5-9]|20)\d{2})"
                       r"|(?:1[5-9]|20)\d0s|'\d0s)(?![\w])")
TIME_AFTER = re.compile(rf"{SPACE}?(?:[ap]\.?m\.?(?![\w])|o'clock|GMT|UTC|hrs(?=\s+(?:local|GMT|UTC)))", re.I)
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?![\d])")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\+\d[\d /-]{6,}\d", re.I)  # and phone numbers
# Words after which a year-like number is a year: "in 2015", "since 1990", "the 2016 election".
YEAR_BEFORE = re.compile(r"(?i)(?<![\w])(?:in|since|by|until|till|from|to|of|before|after|during|through|the|early|"
                         r"late|mid|and|or|fiscal|FY|year|spring|summer|autumn|fall|winter|circa|c\.)[\s-]+$")


class NonFigures:
    """Tells the numbers that are dates or times."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def is_date_or_time(self, text: str, n: Number, doc: Doc) -> bool:
        """Years ("in 2015"), days of months ("May 5", "5 May"), decades, clock times ("2 pm")."""
        lex = self.lex
        if lex.month.search(text, max(0, n.start - 12), n.start) or lex.month_after.match(text, n.end):
            return n.value == int(n.value) and 0 < n.value <= 31 or is_year(n)
        if TIME_AFTER.match(text, n.end) and not n.words and (
                n.value == int(n.value) and 0 < n.value <= 12 or CLOCK.fullmatch(n.digits or "")):
            return True
        if is_year(n):
            after = text[n.end:n.end + 30]
            if lex.currency_before.search(text, max(0, n.start - 5), n.start) or lex.percent_after.match(after) or \
                    lex.unit_after.match(after) and not re.match(r"\s*(?:s|years?)\b", after):
                return False
            token = token_at(doc, n.start)
            if token is not None and token.dep_ == "nummod" and token.head.pos_ == "NOUN" and \
                    token.head.lemma_ not in ("year", "season", "census", "election", "budget"):
                return False  # "2000 people"
            return bool(YEAR_BEFORE.search(text, max(0, n.start - 12), n.start)) or \
                token is not None and token.ent_type_ in ("DATE", "TIME")
        return False
