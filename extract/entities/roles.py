"""People's roles from the words around their names: titles before the name ("Rwandan
President Paul Kagame") and appositions on either side ("Olivier Nduhungirehe, Rwandan
Minister of Foreign Affairs", "Rwanda's foreign minister, Olivier Nduhungirehe"); and the
country those roles give."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .. import countries
from .mentions import DETERMINERS
from .titles import TitleWords

APPOSITION_MAX_TOKENS = 14
APPOSITION_STOPS = {",", ".", ";", ":", "(", ")", "[", "]", "!", "?", "—", "–", '"', "“", "”", "‘", "’"}


class RoleReader:
    def __init__(self, words: TitleWords):
        self.role_words = words.role_words
        self.modifiers = words.modifiers
        self.connectors = words.connectors

    def role_spans(self, mention: Span) -> list[tuple[int, int]]:
        """Character offsets of the roles next to a person's mention."""
        spans = []
        for tokens in (self.premodifier(mention), self.apposition(mention), self.preposed_apposition(mention)):
            if tokens is not None:
                spans.append((tokens.start_char, tokens.end_char))
        return spans

    def premodifier(self, mention: Span) -> Span | None:
        """Title words right before the name: "Rwandan President", "The Astana Times correspondent"."""
        doc = mention.doc
        return self.role_leftwards(doc, mention.start - 1)

    def preposed_apposition(self, mention: Span) -> Span | None:
        """A role set off by a comma before the name: "Rwanda's foreign minister, Olivier ..."."""
        doc = mention.doc
        i = mention.start - 1
        if i < 1 or doc[i].text != "," or doc[i - 1].lower_ not in self.role_words:
            return None
        return self.role_leftwards(doc, i - 1)

    def role_leftwards(self, doc: Doc, i: int) -> Span | None:
        """The title phrase ending at token i, if it holds a role word."""
        end = i + 1
        start = end
        while i >= 0:
            token = doc[i]
            if token.lower_ in self.role_words or token.lower_ in self.modifiers:
                pass
            elif token.text in ("'s", "’s") and i > 0 and doc[i - 1].is_title:
                pass
            elif token.text == "-" or token.lower_ in self.connectors and start < end and doc[start].is_title:
                pass
            elif token.text == "The" and start < end and doc[start].is_title and \
                    doc[start].lower_ not in self.role_words:
                pass  # part of a name: "The Daily Gazette correspondent"
            elif (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "ADJ") and \
                    token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                pass
            elif token.dep_ in ("compound", "amod", "poss", "nmod") and token.pos_ in ("NOUN", "ADJ", "PROPN") \
                    and start < end and start <= token.head.i < end:
                pass  # a modifier of the role: "business owner", "the council's transport director"
            else:
                break
            start = i
            i -= 1
        while start < end and (doc[start].lower_ in self.connectors or doc[start].text in ("'s", "’s", "-")):
            start += 1
        while end > start and doc[end - 1].lower_ in self.connectors:
            end -= 1
        phrase = doc[start:end]
        return phrase if len(phrase) and any(t.lower_ in self.role_words for t in phrase) else None

    def apposition(self, mention: Span) -> Span | None:
        """A role set off by a comma after the name: "..., Rwandan Minister of Foreign Affairs,"."""
        doc = mention.doc
        i = mention.end
        if i >= len(doc) or doc[i].text != ",":
            return None
        start = i + 1
        end = start
        while end < len(doc) and end - start <= APPOSITION_MAX_TOKENS:
            token = doc[end]
            if token.text in APPOSITION_STOPS or "\n" in token.text or \
                    token.pos_ in ("VERB", "AUX", "PRON") or token.ent_type_ == "PERSON":
                break
            end += 1
        if end - start > APPOSITION_MAX_TOKENS or end == start:
            return None
        while start < end and doc[start].lower_ in DETERMINERS:
            start += 1
        phrase = doc[start:end]
        if not len(phrase) or phrase[0].pos_ in ("ADP", "SCONJ", "CCONJ", "PRON", "ADV") or \
                phrase[0].lower_ in ("who", "which", "that"):
            return None
        return phrase if any(t.lower_ in self.role_words for t in phrase) else None


def nationality(doc: Doc, role_spans: list[tuple[int, int]]) -> str | None:
    """The country the text gives a person through their roles (character spans, in the order
    of the mentions): a demonym or a country name ("Rwandan Minister", "Minister of Foreign
    Affairs of Kazakhstan")."""
    for a, b in role_spans:
        for token in doc.char_span(a, b, alignment_mode="expand"):
            if token.ent_type_ == "ORG" and (token.ent_iob_ == "I" or token.nbor(1).ent_iob_ == "I"):
                continue  # a word of an organisation's name: "The Astana Times"
            code = countries.demonym_code(token.text) or (
                countries.country_code(token.text) if token.ent_type_ == "GPE" else None)
            if code:
                return code
    return None


def distinct_roles(roles: list[str]) -> list[str]:
    """Roles in order of appearance, without those repeated inside a longer one."""
    unique = list(dict.fromkeys(r.strip() for r in roles if r.strip()))
    return [r for r in unique if not any(
        r != o and re.search(rf"(?<!\w){re.escape(r.lower())}(?!\w)", o.lower()) for o in unique)]
