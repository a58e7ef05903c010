"""Quote marks: which marks pair up into a quoted stretch, in any style, and the offsets of a
stretch without the marks and punctuation around it."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

OPENING = {"“": "”", "«": "»", "„": "”", '"': '"', "``": "''", "''": "''"}
SINGLE_OPENING = {"‘": "’", "'": "'"}
OPENING_MARK = re.compile("(?:^|(?<=\\s))[“«„\"‘']\\w")  # a mark opening a quotation, not an apostrophe
MARK_CHAR = re.compile("[“”«»„\"`'‘’]")  # every character a quote mark begins with
QUOTE_CHARS = "\"“”«»„"
PAIRED = ("''", "``")  # quote marks typed as two apostrophes or backticks
DOUBLE_MARKS = {'"', "“", "”", "«", "»", "„", "''", "``"}
STANDALONE_MIN_WORDS = 8  # a quote this long is speech even without a frame


@dataclass
class Quoted:
    """Text between a pair of quote marks (or to its paragraph's end when a quote runs on)."""
    start: int
    end: int
    open_mark: str
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph
    single: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def pair_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[list[Quoted]]:
    """Quoted stretches per paragraph. Double marks of any style pair up in order; a quote left
    open at a paragraph's end runs on when the next paragraph opens with a mark, and otherwise
    ends there. Single marks count only where they cannot be apostrophes."""
    result = []
    for n, (start, end) in enumerate(paragraphs):
        next_opens = n + 1 < len(paragraphs) and text[paragraphs[n + 1][0]] in "“\"«„'‘`"
        result.append(pair_in_paragraph(text, start, end, next_opens))
    return result


def pair_in_paragraph(text: str, start: int, end: int, next_opens: bool) -> list[Quoted]:
    quotes: list[Quoted] = []
    i = start
    open_at, open_mark = None, ""
    while (next_mark := MARK_CHAR.search(text, i, end)) is not None:
        i = next_mark.start()
        two = text[i:i + 2]
        mark = two if two in ("``", "''") else text[i]
        if open_at is None:
            if mark in OPENING and (mark not in ('"', "''") or opens_here(text, i, len(mark), start)):
                open_at, open_mark = i + len(mark), mark
            elif mark in SINGLE_OPENING and opens_here(text, i, 1, start):
                close = find_single_close(text, i + 1, end, SINGLE_OPENING[mark])
                if close is not None:
                    quotes.append(Quoted(i + 1, close, mark, single=True))
                    i = close + 1
                    continue
        elif mark == OPENING[open_mark] or mark in ("”", "»") or mark == '"' and open_mark in ("“", "„"):
            quotes.append(Quoted(open_at, i, open_mark))
            open_at = None
        elif mark in ("“", "«") and open_mark in ("“", "«"):
            open_at = i + 1  # an opening mark while one is open: the earlier one was never closed
        i += len(mark)
    if open_at is not None and text[open_at:end].strip():
        quotes.append(Quoted(open_at, end, open_mark, runs_on=next_opens))
    return [Quoted(*trim(text, q.start, q.end), q.open_mark, q.runs_on, q.single) for q in quotes
            if text[q.start:q.end].strip()]


def opens_here(text: str, i: int, width: int, paragraph_start: int) -> bool:
    """A mark at i opens a quote: at the paragraph's start or after a space or bracket, and
    followed by a word."""
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def find_single_close(text: str, start: int, end: int, closing: str) -> int | None:
    """The closing single mark: followed by a space or punctuation, not inside a word ("don’t")."""
    for j in range(start + 1, end):
        if text[j] == closing and not text[j - 1].isspace() and (j + 1 >= end or not text[j + 1].isalnum()):
            if text[j - 1] == "s" and j + 1 < end and text[j + 1] == " " and text[j + 2:j + 3].islower():
                continue  # a plural possessive: "the players’ union"
            return j
    return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace, trailing commas or quote marks."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS or text[start:start + 2] in PAIRED):
        start += 2 if text[start:start + 2] in PAIRED else 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:—–-"
                           or text[end - 2:end] in PAIRED):
        end -= 2 if text[end - 2:end] in PAIRED else 1
    return start, end


def last_before(quoted: list[Quoted], starts: list[int], offset: int) -> Quoted | None:
    """The last quoted stretch starting before `offset` (`starts`: theirs, in order)."""
    at = bisect_left(starts, offset)
    return quoted[at - 1] if at else None
