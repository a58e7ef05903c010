"""The words that make a phrase next to a name a title or role, from the roles lexicon."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class TitleWords:
    honorifics: frozenset[str]
    role_heads: frozenset[tuple[str, ...]]
    connectors: frozenset[str]
    role_words: frozenset[str]  # every word of a role head, connectors aside
    relations: frozenset[str]  # "father", "cousin": roles, never titles before a name
    lowercase_heads: frozenset[str]  # "national": a role only in lower case
    portfolios: frozenset[str]  # "commerce" in "Secretary of Commerce"
    modifiers: frozenset[str]
    org_heads: frozenset[str]

    @classmethod
    def from_lexicons(cls, roles: dict, org_heads: list[str]) -> "TitleWords":
        connectors = frozenset(roles["connectors"])
        return cls(honorifics=frozenset(roles["honorifics"]),
                   role_heads=frozenset(tuple(r.split()) for r in roles["heads"]),
                   connectors=connectors,
                   role_words=frozenset(w for r in roles["heads"] for w in r.split()) - connectors,
                   relations=frozenset(roles["relations"]),
                   lowercase_heads=frozenset(roles["lowercase_heads"]),
                   portfolios=frozenset(roles["portfolios"]),
                   modifiers=frozenset(roles["modifiers"]),
                   org_heads=frozenset(org_heads))

    def is_title_token(self, token: Token) -> bool:
        return token.lower_ in self.honorifics or token.lower_ in self.role_words or \
            token.lower_ in self.modifiers and token.is_title
