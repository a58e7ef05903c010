"""The canonical entity: one real-world thing and every span that names it, and how names compare."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

POSSESSIVE = re.compile(r"['’‘]s?$")
QUOTED_NICKNAME = re.compile(r"[ ][\"“‘'][^\"“”‘’']+[\"”’'](?=[ ])")  # Joko "Jokowi" Widodo
NAME_EDGE_PUNCT = "'’\",.;:!?()[]“”‘-–—"


@dataclass
class CanonicalEntity:
    """One real-world thing and every span of the text that names it."""
    label: str
    mentions: list[Span]
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    id: str = ""  # "e1", "e2", ... in order of first mention
    # Pronouns and descriptions later components resolve to it ("he", "the minister"): mentions,
    # but never its name.
    references: list[Span] = field(default_factory=list)
    forms: set[tuple[str, ...]] = field(default_factory=set, repr=False)  # the names' words, for matching
    _name: str | None = field(default=None, init=False, repr=False, compare=False)  # until the next add()
    _starts: set[int] = field(default_factory=set, init=False, repr=False, compare=False)  # of all spans

    def add(self, mention: Span) -> None:
        self.mentions.append(mention)
        self.forms.add(name_tokens(mention))
        self._name = None
        self._starts.add(mention.start)

    def refer(self, span: Span) -> None:
        if span.start not in self._starts:
            self.references.append(span)
            self._starts.add(span.start)

    @property
    def name(self) -> str:
        """The longest full form among the mentions (among equals, one not in capitals as a
        dateline or a caption writes them; then the first written)."""
        if self._name is None:
            lengths = [(len(m.text.split()), len(m.text)) for m in self.mentions]
            most = max(lengths)
            longest = max((m for m, length in zip(self.mentions, lengths) if length == most),
                          key=lambda m: (not self.in_capitals(m), -m.start))
            self._name = QUOTED_NICKNAME.sub("", POSSESSIVE.sub("", longest.text))
        return self._name

    def in_capitals(self, mention: Span) -> bool:
        """A word of a person's name in capitals ("XI Jinping"), or a longer word of another
        name ("LISBON", not the acronyms "US" or "UAE")."""
        shortest = 2 if self.label == "PERSON" else 4
        return any(t.is_upper and len(t.text) >= shortest for t in mention)

    @property
    def start(self) -> int:
        return min(m.start_char for m in self.mentions)


def name_tokens(span: Span) -> tuple[str, ...]:
    words = (POSSESSIVE.sub("", t.text).strip(NAME_EDGE_PUNCT) for t in span)
    return tuple(w for w in words if w)


def is_subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`short`'s tokens appear in `full` in order ("Kagame" in "Paul Kagame")."""
    rest = iter(full)
    return all(token in rest for token in short)
