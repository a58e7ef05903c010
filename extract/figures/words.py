"""Number words ("twenty-five", "one hundred and six", "twenty-first"), read by text2num over the
text's words with their positions, with the articles and denominators around them ("a dozen",
"three quarters") as pieces of their own."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc
from text_to_num import find_numbers, text2num

from ..doctext import doc_text
from .drafts import Number, token_at
from .lexicon import Lexicon

WORD_TOKEN = re.compile(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d-]")
# How every word text2num reads as a number begins ("o" is its zero): a cheap first look that
# may also match other words ("tension"), never miss a number word.
NUMBER_WORD_START = re.compile(r"(?<![A-Za-z])(?:o(?![A-Za-z])|zero|n[ao]ught|one|two|thr|thirt|third|thousand|four|fort"
                               r"|fi[fvr]|six|sev|eigh|nin|ten|elev|twe|hundred|million|billion|second)", re.I)
NUMBER_WORD_CONTEXT = 24  # characters read on each side of a possible number word
ZERO_SPELLINGS = {"naught": "nought"}  # text2num reads "nought" only
# A number text2num read from a scale word on, after digits: "3 [hundred and one]".
SCALE_FIRST = re.compile(r"(?i)(?:hundred|thousand|million|billion|trillion)\s+(?:and\s+)?(?=\w)")
# A compound ordinal at the end of a number: "thirty-fifths", "twenty firsts".
COMPOUND_ORDINAL = re.compile(r"(?i)(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+"
                              r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)s$")
# A number word or digits right before: the numerator of a fraction whose denominator follows.
NUMBER_BEFORE = re.compile(r"(?i)(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"\w+teen|\w+ty|hundred|thousand))\s+$")


def number_word_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` text2num must read: each word that may be a number word, with the
    words around it that join numbers ("and", "point", "a"), cut at spaces and merged where they
    overlap. Reading only these keeps a long article's prose out of text2num."""
    windows: list[tuple[int, int]] = []
    for match in NUMBER_WORD_START.finditer(text):
        start = text.rfind(" ", 0, max(0, match.start() - NUMBER_WORD_CONTEXT)) + 1
        end = text.find(" ", match.end() + NUMBER_WORD_CONTEXT)
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


class WordToken:
    """A word as text2num's find_numbers reads it (its Token protocol)."""
    __slots__ = ("word", "start", "end")

    def __init__(self, word: str, start: int, end: int):
        self.word, self.start, self.end = word, start, end

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: "WordToken") -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


class NumberWords:
    """The number words of a Doc as Number pieces."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def word_numbers(self, doc: Doc) -> list[Number]:
        """Number words, read by text2num; articles and denominators before or after them are pieces
        too ("a dozen", "three quarters"), joined in compose()."""
        text, lex = doc_text(doc), self.lex
        tokens = []
        for start, end in number_word_windows(text):
            tokens += [WordToken("," if m.group().lower() in lex.own_scale_words or not m.group()[0].isalpha()
                                 else ZERO_SPELLINGS.get(m.group().lower(), m.group()), m.start(), m.end())
                       for m in WORD_TOKEN.finditer(text, start, end)]
            tokens.append(WordToken(",", end, end))  # windows never run into each other
        numbers = []
        for found in find_numbers(tokens, "en", 0):
            first, last = tokens[found.start], tokens[found.end - 1]
            words = text[first.start:last.end]
            if len(words.split()) == 1 and words.lower() in lex.scales:
                continue  # a bare scale word ("hundred"): scaled() applies it
            if words.lower() in ("one", "second", "seconds") and not self.is_numeral(doc, first.start, words):
                continue
            after_digits = SCALE_FIRST.match(words) if re.search(r"\d\s+$", text[max(0, first.start - 4):first.start]) else None
            if after_digits:  # "3 hundred and one": the digits take the scale, "one" is a piece of its own
                rest = words[after_digits.end():]
                try:
                    numbers.append(Number(first.start + after_digits.end(), last.end, float(text2num(rest, "en")), words=True))
                except ValueError:
                    pass
                continue
            numbers += self.split_before_denominator(text, first.start, last.end, found)
        for m in lex.article.finditer(text):
            numbers.append(Number(m.start(), m.end("a"), 1.0, words=True, article=True))
        for m in lex.denominator_word.finditer(text):
            numbers.append(Number(m.start(), m.end(), lex.denominators[m.group().lower()], ordinal=True, words=True,
                                  denominator=True))
        return numbers

    def split_before_denominator(self, text: str, start: int, end: int, found) -> list[Number]:
        """Numerators text2num reads into its numbers: "twenty fifths" is 20/5, not the 25th; "one
        hundred and three quarters" is 100 + 3/4 (a proper fraction after "and"), "one hundred and
        thirty-two fifths" is 132/5; but a tens word joins the ordinal after it when a numerator
        stands before them: "one hundred thirty-fifths" is 100/35, "three twenty-firsts" 3/21."""
        words = text[start:end]
        whole = Number(start, end, float(found.value), ordinal=found.is_ordinal, words=True,
                       magnitude=self.trailing_scale(words))
        parts = [Number(start, end, float(found.value), words=True, magnitude=whole.magnitude)]
        compound = COMPOUND_ORDINAL.search(words)
        if compound is not None:
            before = words[:compound.start()]
            if not before.strip() and NUMBER_BEFORE.search(text, max(0, start - 40), start):
                return [replace(whole, ordinal=True)]  # "three twenty-firsts": the numerator is the number before
            if before.strip() and not re.search(r"(?i)(?:^|\s)and\s*$", before):
                try:
                    numerator = float(text2num(re.sub(r"\s*-\s*", " ", before.strip(" -")), "en"))
                except ValueError:
                    numerator = None
                if numerator is not None:
                    value = float(found.value) - numerator if found.value > numerator else None
                    denominator_words = words[compound.start():]
                    value = value or ordinal_value(re.sub(r"\s*-\s*|\s+", "-", denominator_words))
                    if value:
                        return [Number(start, start + len(before.rstrip(" -")), numerator, words=True),
                                Number(start + compound.start(), end, value, ordinal=True, words=True)]
        if found.is_ordinal:
            last = re.search(r"[A-Za-z]+$", words)
            if not words.endswith("s") or last.start() == 0 or (value := ordinal_value(last.group())) is None:
                return [whole]
            numerator = words[:last.start()].rstrip(" -")
            try:
                parts = [Number(start, start + len(numerator), float(text2num(re.sub(r"\s*-\s*", " ", numerator), "en")),
                                words=True)]
            except ValueError:
                return [whole]
            parts.append(Number(start + last.start(), end, value, ordinal=True, words=True))
            denominator = value
        else:
            follows = re.match(r"[ -]+([A-Za-z]+)", text[end:end + 20])
            denominator = follows and (self.lex.denominators.get(follows.group(1).lower()) or
                                       follows.group(1).endswith("s") and ordinal_value(follows.group(1)))
            if not denominator:
                return [whole]
        head = parts[0]
        said = text[head.start:head.end]
        cut = said.lower().rfind(" and ")
        if cut < 0:
            return parts
        try:
            tail = text2num(said[cut + 5:], "en")
            first = text2num(said[:cut], "en")
        except ValueError:
            return parts
        if tail >= denominator:
            return parts  # an improper fraction: "one hundred and thirty-two fifths"
        return [Number(start, start + cut, float(first), words=True, magnitude=self.trailing_scale(said[:cut])),
                Number(start + cut + 5, head.end, float(tail), words=True)] + parts[1:]

    def trailing_scale(self, words: str) -> float:
        last = re.split(r"[\s-]+", words.lower())[-1]
        return self.lex.scales.get(last, 1.0)

    @staticmethod
    def is_numeral(doc: Doc, start: int, words: str) -> bool:
        """"one" the numeral, not the pronoun ("the one you mentioned"); "second" the ordinal ("the second
        visit", "the second-largest"), not the unit."""
        token = token_at(doc, start)
        if token is None:
            return True
        if words.lower() == "one":
            return token.pos_ == "NUM" or token.tag_ == "CD" or \
                re.search(r"(?i)(?:hundred|thousand|million|billion)\s+and\s+$", doc_text(doc)[max(0, start - 16):start]) is not None
        after = [t for t in doc[token.i + 1:token.i + 3] if t.text != "-"]
        return token.pos_ == "ADJ" or bool(after) and after[0].tag_ in ("JJS", "RBS")


def ordinal_value(word: str) -> float | None:
    """The number of an ordinal word ("fifths" -> 5), by text2num."""
    found = find_numbers([WordToken(word, 0, len(word))], "en", 0)
    return float(found[0].value) if len(found) == 1 and found[0].is_ordinal else None
