"""Names the page gives outside the prose: the people a byline or a photo credit names, and the
place of the dateline.

A byline ("WRITER:" / "By" and a name, or the header's name line that the page layout found over
an agency in parentheses: see extract/page.py) and a photo credit ("(Photo: Jane Doe)", "(AFP/Jane
Doe)", "(Jane Doe, Agency, Pool Photo via AP)", a name after a caption's last full stop) stand
outside any sentence, where the model seldom tags the name. The dateline's place is the article's
own ("ASTANA –", or the header's place line above the date, under the byline).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .. import countries
from ..doctext import doc_text

PAGE_TOP_LINES = 25
BODY_LINE_WORDS = 30  # a line this long is the article's prose: the page's header is over


@dataclass(frozen=True)
class PageName:
    span: Span  # labelled PERSON or GPE
    role: str | None = None


class PageReader:
    def __init__(self, names: dict, org_heads: frozenset[str]):
        word = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]{2,}|[A-Z]\.)"
        particle = "|".join(map(re.escape, names["particles"]))
        name = rf"{word}(?:[ ](?:(?:{particle})[ ])*{word}){{1,3}}"
        names_pattern = rf"{name}(?:(?:,[ ]|[ ]and[ ]|[ ]&[ ]){name})*"
        photo = "|".join(map(re.escape, names["photo_labels"]))
        byline = "|".join(map(re.escape, sorted(names["byline_labels"], key=len, reverse=True)))
        line_end = r"[ \t]*(?=\n|$)"
        self.photo_credits = [
            re.compile(rf"\([ ]*(?i:{photo})s?[ ]*(?:(?i:by)[ ]+|:[ ]*)(?P<names>{name})[ ]*(?:[/,;][^()\n]*)?\)"),
            re.compile(rf"\([^()\n]*/[ ]*(?P<names>{name})[ ]*\){line_end}"),
            re.compile(rf"\((?P<names>{name}),[^()\n]*\b(?i:photo|pool|via)\b[^()\n]*\){line_end}"),
        ]
        # A caption's photographer named after its last sentence, on the same line: "... on
        # Monday. Jane Doe". The model must read it as a person's name too.
        self.trailing_credit = re.compile(rf"(?<=[.!?])[^\S\n]+(?P<names>{name}){line_end}", re.MULTILINE)
        self.bylines = [
            re.compile(rf"^(?i:{byline})[ \t]*:?[ \t]*\n?[ \t]*(?P<names>{names_pattern})"
                       rf"(?={line_end}|[ ](?:of|for)[ ]|,)", re.MULTILINE),
        ]
        self.name = re.compile(name)
        self.not_name_words = org_heads | set(names["not_name_words"]) | set(names["photo_credit_words"])
        self.roles = names["credit_roles"]

    def __call__(self, doc: Doc) -> list[PageName]:
        text = doc_text(doc)
        found: list[PageName] = []
        top = page_top(text)
        for pattern in self.bylines:
            for match in pattern.finditer(text, 0, top):
                found += self.people(doc, match.start("names"), match.group("names"), self.roles["byline"])
        layout = doc._.layout
        if layout is not None and layout.byline_span is not None:  # the header's name line (page.py)
            start, end = layout.byline_span
            found += self.people(doc, start, text[start:end], self.roles["byline"])
        for pattern in self.photo_credits:
            for match in pattern.finditer(text):
                found += self.people(doc, match.start("names"), match.group("names"), self.roles["photo"])
        for match in self.trailing_credit.finditer(text):
            found += [p for p in self.people(doc, match.start("names"), match.group("names"), self.roles["photo"])
                      if all(t.ent_type_ == "PERSON" for t in p.span)]
        found += self.dateline_places(doc, text)
        kept: list[PageName] = []
        for name in found:
            if not any(k.span.start < name.span.end and name.span.start < k.span.end for k in kept):
                kept.append(name)
        return kept

    def people(self, doc: Doc, start: int, names: str, role: str) -> list[PageName]:
        """The names in a credit's or a byline's `names` (starting at character `start`) that read as a person's."""
        people = []
        for name in self.name.finditer(names):
            if any(w.lower().strip(".") in self.not_name_words for w in name.group().split()) or \
                    countries.place_code(name.group()) or countries.demonym_code(name.group()):
                continue
            span = doc.char_span(start + name.start(), start + name.end(),
                                 label="PERSON")
            if span is not None:
                people.append(PageName(span, role))
        return people

    def dateline_places(self, doc: Doc, text: str) -> list[PageName]:
        """The places of the dateline the article component found: "ASTANA –", or the place line
        above the date line in a page's header (page.py). "VIENTIANE, LAOS" is two places."""
        places = []
        dateline = doc._.dateline
        place = (doc._.metadata or {}).get("dateline")
        if dateline and place and text.startswith(place, dateline[0]):
            places.append((dateline[0], dateline[0] + len(place)))
        found = []
        for start, end in places:
            for part in re.finditer(r"[^,]+", text[start:end]):
                a, b = start + part.start(), start + part.end()
                a, b = a + len(part.group()) - len(part.group().lstrip()), b - (len(part.group()) - len(part.group().rstrip()))
                span = doc.char_span(a, b, label="GPE")
                if span is not None and (countries.place_code(span.text) or
                                         any(t.ent_type_ in ("GPE", "LOC") for t in span) or span.text.isupper()):
                    found.append(PageName(span))
        return found


def page_top(text: str) -> int:
    """Where the page's header ends: at the first line long enough to be prose, or after
    PAGE_TOP_LINES lines."""
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if number >= PAGE_TOP_LINES or len(line.split()) > BODY_LINE_WORDS:
            return offset
        offset += len(line) + 1
    return len(text)
