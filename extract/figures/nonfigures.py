"""Numbers that are no figures: dates, years, decades, clock times, addresses, URLs and phone numbers;
numbers inside names and model numbers ("G-20", "Covid-19", "Rover 25", "Expo 2020"); ordinals
that number events rather than rank ("the 12th summit", "its first term"); references back to
things already named ("the two sides", "one of the"); and compounds whose number counts nothing
("two-way trade", "zero-sum")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .drafts import Draft, Number, is_year, token_at
from .lexicon import Lexicon
from .patterns import MONTHS, SPACE, starting_with

DATE_LIKE = re.compile(r"(?=[\d'])(?<![\w.])"
                       r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:1[5-9]|20)\d{2}[-–/](?:\d{2}|(?:1[5-9]|20)\d{2})"
                       r"|(?:1[5-9]|20)\d0s|'\d0s)(?![\w])")
# "June 24-26", "Sept. 4-6", "4-6 September": a span of days, both ends dates.
DAY_START = starting_with(MONTHS.split("|"), r"\d")
DAY_SPAN = re.compile(rf"(?i){DAY_START}(?<![\w])"
                      rf"(?:(?:{MONTHS})\.?(?:{SPACE}|&nbsp;)*\d{{1,2}}(?:st|nd|rd|th)?{SPACE}*[-–]{SPACE}*"
                      rf"\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?{SPACE}*[-–]{SPACE}*\d{{1,2}}(?:st|nd|rd|th)?"
                      rf"{SPACE}+(?:of{SPACE}+)?(?:{MONTHS}))(?![\w])")
TIME_AFTER = re.compile(rf"{SPACE}?(?:[ap]\.?m\.?(?![\w])|o'clock|GMT|UTC|hrs(?=\s+(?:local|GMT|UTC)))", re.I)
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?![\d])")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\+\d[\d /-]{6,}\d", re.I)  # and phone numbers
URL_NO_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\+\d[\d /-]{6,}\d", re.I)  # the same, for a text with no "@"
# Words after which a year-like number is a year: "in 2015", "since 1990", "the 2016 election".
YEAR_BEFORE = re.compile(r"(?i)(?<![\w])(?:in|since|by|until|till|from|to|of|before|after|during|through|the|early|"
                         r"late|mid|and|or|fiscal|FY|year|spring|summer|autumn|fall|winter|circa|c\.)[\s-]+$")
# A code or a name's number joined to letters by a hyphen or a plus: "G-20", "Covid-19", "MiG-29",
# "ASEAN + 3", "China + 1".
CODE_BEFORE = re.compile(r"(?<![\w])[A-Za-z]+(?:-|\s?\+\s?)$")
# The determiners of a reference back: "the two sides", "these three", "their two nations".
DEFINITE_BEFORE = re.compile(rf"(?i)(?<![\w])(?:the|these|those|their|our|both|all){SPACE}+$")
# A half or a quarter that is part of a period: "the first half of 2024", "the third quarter".
PERIOD_BEFORE = re.compile(rf"(?i)(?<![\w])(?:first|second|third|fourth|last|final|latter|former|other){SPACE}*-?{SPACE}*$")


class NonFigures:
    """Tells the numbers that are no figures, before and after their figure is read."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def blocked(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text no figure comes from: URLs and phone numbers, dates written with
        separators, spans of days and compounds whose number counts nothing."""
        urls = URL if "@" in text else URL_NO_EMAIL
        return [m.span() for pattern in (urls, DATE_LIKE, DAY_SPAN, self.lex.idioms) for m in pattern.finditer(text)]

    def is_date_or_time(self, text: str, n: Number, doc: Doc) -> bool:
        """Years ("in 2015", "the 1995 treaty", "its 2022 level"), days of months ("May 5", "5 May"),
        decades, clock times ("2 pm")."""
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
                # "2000 people" counts; a year names a single thing ("the 1995 treaty", "its 2022 level")
                return token.head.tag_ != "NNS" or any(c.dep_ in ("det", "poss") for c in token.head.children
                                                       if c.i < token.i)
            return bool(YEAR_BEFORE.search(text, max(0, n.start - 12), n.start)) or \
                token is not None and token.ent_type_ in ("DATE", "TIME")
        return False

    def is_in_name(self, text: str, n: Number, doc: Doc) -> bool:
        """A number that is part of a name or a model: joined to letters by a hyphen ("G-20",
        "Covid-19"), digits right after a proper name ("Rover 25", "Expo 2020", "Law of the Sea 1982"),
        or a capitalised number word inside a title-case name ("the Five-Point Consensus")."""
        if n.digits and not n.words:
            if CODE_BEFORE.search(text, max(0, n.start - 12), n.start):
                return True
            before = token_at(doc, n.start - 2) if n.start >= 2 and text[n.start - 1] == " " else None
            if before is not None and before.idx + len(before) == n.start - 1 and before.pos_ == "PROPN" and \
                    before.text[:1].isupper() and not self.lex.month.search(before.text + " "):
                token = token_at(doc, n.start)
                counts = token is not None and token.dep_ == "nummod" and token.head.i > token.i
                return not n.scaled and not counts and not self.counts_after(text, n)
            return False
        if n.words and text[n.start:n.start + 1].isupper() and re.match(r"-[A-Z]", text[n.end:n.end + 2]):
            token = token_at(doc, n.start)
            return token is not None and not token.is_sent_start
        return False

    def counts_after(self, text: str, n: Number) -> bool:
        """Something read after the number makes it a figure: a unit, a currency, a percent or a scale."""
        lex = self.lex
        return any(p.match(text, n.end) for p in (lex.unit_after, lex.currency_after, lex.percent_after, lex.scale_after))

    @staticmethod
    def is_unranked_ordinal(text: str, n: Number, doc: Doc) -> bool:
        """An ordinal is a figure only as a rank: "the second-largest", "the third most populous",
        "finished third", "between the tenth and the fifteenth"; not the number of the event or the
        thing it stands before ("the 12th summit", "her first term", "any third party")."""
        token = token_at(doc, n.end - 1)
        if token is None:
            return True
        after = [t for t in doc[token.i + 1:token.i + 3] if t.text != "-"]
        if after and after[0].tag_ in ("JJS", "RBS"):
            return False
        return token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN") or \
            bool(after) and after[0].pos_ in ("NOUN", "PROPN", "ADJ")

    def is_reference(self, text: str, d: Draft, doc: Doc) -> bool:
        """A small number word that refers back rather than counts: "the two sides", "between the
        two", "the three leaders" (the things were named one by one before); the pronoun "one" ("one of the", "a better one") and a lone "one"
        that counts nothing a reader would call a figure; "o" read as zero inside a name."""
        n = d.number
        if not n.words or n.scaled or n.fraction or d.kind not in ("count", "other") or d.low is not None or \
                d.high is not None:
            return False  # "one to two years" is a range, "one million" a figure
        said = text[n.start:n.end].lower()
        if said in ("o", "oh", "ones"):
            return True
        if said == "one":
            return d.qualifier is None and n.start == d.start
        if d.qualifier is not None or n.value > 4 or not DEFINITE_BEFORE.search(text, max(0, n.start - 8), n.start):
            return False
        token = token_at(doc, n.end - 1)
        if token is None:
            return False
        noun = token.head if token.dep_ in ("nummod", "quantmod") and token.head.i > token.i else None
        if noun is None:
            return not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN"))
        if noun.tag_ == "NN":
            return True  # "the two collaborate": a singular word after "the two" is counted by nothing
        return noun.text.lower() in self.lex.reference_nouns or noun.lemma_.lower() + "s" in self.lex.reference_nouns


def is_part_of_period(text: str, start: int) -> bool:
    """"the first half of 2024", "the third quarter": a part of a period of time, not a fraction."""
    return PERIOD_BEFORE.search(text, max(0, start - 10), start) is not None
