"""People's roles from the words around their names: titles before the name ("Rwandan
President Paul Kagame") and appositions on either side ("Olivier Nduhungirehe, Rwandan
Minister of Foreign Affairs", "Rwanda's foreign minister, Olivier Nduhungirehe"); and the
country those roles give."""
from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from .. import countries
from ..columns import words_where
from .mentions import DETERMINERS
from .titles import TitleWords

APPOSITION_MAX_TOKENS = 14
APPOSITION_STOPS = {",", ".", ";", ":", "(", ")", "[", "]", "!", "?", "—", "–", '"', "“", "”", "‘", "’"}
# The prepositions of a role's tail before the comma that sets a name off: "China's ambassador in
# Hanoi, ...", "an expert from the University of X, ...".
TAIL_PREPOSITIONS = {"of", "to", "in", "for", "at", "from", "on"}
TAIL_MAX_TOKENS = 8
PARTICIPLES = {"VBN", "VBG"}  # "appointed leader", "managing director"


class RoleReader:
    def __init__(self, words: TitleWords):
        self.role_words = words.role_words | words.relations
        self.lowercase_heads = words.lowercase_heads
        self.modifiers = words.modifiers
        self.connectors = words.connectors

    def is_role_word(self, token: Token) -> bool:
        return token.lower_ in self.role_words or token.text in self.lowercase_heads

    def role_word_mask(self, doc: Doc) -> numpy.ndarray:
        """is_role_word for every token of `doc` at once."""
        return words_where(doc, LOWER, self.role_words.__contains__) | \
            words_where(doc, ORTH, self.lowercase_heads.__contains__)

    def role_spans(self, mention: Span, names: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
        """Character offsets of the roles next to a person's mention. A role before the name
        stops at the tokens of `names` (other people's names)."""
        spans = []
        for tokens in (self.premodifier(mention, names), self.apposition(mention, names),
                       self.preposed_apposition(mention, names)):
            if tokens is not None:
                spans.append((tokens.start_char, tokens.end_char))
        return spans

    def premodifier(self, mention: Span, names: frozenset[int] = frozenset()) -> Span | None:
        """Title words right before the name: "Rwandan President", "The Astana Times correspondent"."""
        doc = mention.doc
        return self.role_leftwards(doc, mention.start - 1, names)

    def preposed_apposition(self, mention: Span, names: frozenset[int] = frozenset()) -> Span | None:
        """A role set off by a comma before the name: "Rwanda's foreign minister, Olivier ..."."""
        doc = mention.doc
        i = mention.start - 1
        return self.role_before_comma(doc, i, mention.end, names) if i >= 1 and doc[i].text == "," else None

    def role_before_comma(self, doc: Doc, comma: int, name_end: int,
                          names: frozenset[int] = frozenset()) -> Span | None:
        """The role a comma closes before the name ending at token `name_end`: "Rwanda's foreign
        minister,", "China's ambassador in Hanoi,", "an expert from the University of X,". A role
        that is the object of a verb or a preposition sets off no name that a verb follows: that
        name is the clause's subject ("In a letter to the minister, Jane Doe said ...")."""
        head = comma - 1
        while head >= 0 and comma - head <= TAIL_MAX_TOKENS:
            token = doc[head]
            if self.is_role_word(token) and (head == comma - 1 or token.pos_ in ("NOUN", "PROPN")):
                break
            if not self.in_role_tail(token):
                return None
            head -= 1
        else:
            return None
        if head < 0 or head < comma - 1 and doc[head + 1].lower_ not in TAIL_PREPOSITIONS:
            return None
        phrase = self.role_leftwards(doc, head, names)
        if phrase is None:
            return None
        before = phrase.start - 1
        while before >= 0 and (doc[before].lower_ in DETERMINERS or doc[before].tag_ == "PRP$"):
            before -= 1
        subject = name_end < len(doc) and doc[name_end].pos_ in ("VERB", "AUX")
        if before >= 0 and doc[before].pos_ in ("ADP", "VERB", "AUX") and subject:
            return None
        return doc[phrase.start:comma]

    def in_role_tail(self, token: Token) -> bool:
        """A word of the prepositional phrase that closes a role: "in Hanoi", "of the Treasury"."""
        if "\n" in token.whitespace_:
            return False
        return token.lower_ in TAIL_PREPOSITIONS or token.lower_ in self.connectors or \
            token.lower_ in DETERMINERS or token.text in ("'s", "’s", "-") or \
            token.pos_ in ("PROPN", "NOUN", "ADJ", "NUM")

    def role_leftwards(self, doc: Doc, i: int, names: frozenset[int] = frozenset()) -> Span | None:
        """The title phrase ending at token i, if it holds a role word, up to another person's
        name ("Putin and Chinese leader Xi")."""
        end = i + 1
        start = end
        while i >= 0:
            token = doc[i]
            if token.i in names and start == i + 1 < end:
                if doc[start].text in ("'s", "’s"):
                    while i >= 0 and i in names:  # a person's relation or counterpart: "Xi's father"
                        start = i
                        i -= 1
                    break
                if doc[start].lower_ in self.connectors:
                    break  # a list of people: "Putin and Chinese leader Xi"
            if self.is_role_word(token) or token.lower_ in self.modifiers:
                pass
            elif token.text == ")" and start < end and i > 1 and doc[i - 2].text == "(" and doc[i - 1].text[:1].isupper():
                start = i - 2  # an acronym in parentheses: "Bank of Thailand (BoT) governor"
                i -= 3
                continue
            elif token.text in ("'s", "’s") and i > 0 and doc[i - 1].is_title:
                pass
            elif token.text == "-" or token.lower_ in self.connectors and start < end and (
                    doc[start].is_title or doc[start].lower_ == "the" and start + 1 < end):
                pass
            elif token.lower_ == "the" and start < end and doc[start].text[:1].isupper() and i > 0 and \
                    doc[i - 1].lower_ in self.connectors:
                pass  # "Ambassador to the US", "Secretary of the Treasury"
            elif token.text == "The" and start < end and doc[start].is_title and \
                    doc[start].lower_ not in self.role_words:
                pass  # part of a name: "The Daily Gazette correspondent"
            elif (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "ADJ") and \
                    token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                pass
            elif token.dep_ in ("compound", "amod", "poss", "nmod", "advmod") and start < end and \
                    start <= token.head.i < end and (token.pos_ in ("NOUN", "ADJ", "PROPN") or
                                                     token.tag_ in PARTICIPLES or token.dep_ == "advmod"):
                pass  # a modifier of the role: "business owner", "the council's transport director",
                # "newly appointed leader"
            else:
                break
            start = i
            i -= 1
        while start < end and (doc[start].lower_ in self.connectors or doc[start].text in ("'s", "’s", "-")):
            # the tail of a hyphenated word the phrase could not take whole: "8-year-old daughter"
            start += 2 if doc[start].text == "-" and start + 2 < end and doc[start + 1].is_lower else 1
        while end > start and doc[end - 1].lower_ in self.connectors:
            end -= 1
        phrase = doc[start:end]
        return phrase if len(phrase) and any(self.is_role_word(t) for t in phrase) else None

    def apposition(self, mention: Span, names: frozenset[int] = frozenset()) -> Span | None:
        """A role set off by a comma after the name: "..., Rwandan Minister of Foreign Affairs,"."""
        doc = mention.doc
        i = mention.end
        if i >= len(doc) or doc[i].text != ",":
            return None
        start = i + 1
        end = start
        while end < len(doc) and end - start <= APPOSITION_MAX_TOKENS:
            token = doc[end]
            participle = token.tag_ in PARTICIPLES and token.dep_ in ("amod", "compound")  # "managing director"
            if token.text in APPOSITION_STOPS or "\n" in token.text or \
                    token.pos_ in ("VERB", "AUX", "PRON") and not participle or \
                    self.is_other_person(token, names):
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
        # Beside another person's name and its "'s", a role must head the phrase: "Lynch's chief of
        # staff", "scientist at X University in Smith's district", not "President Obama's approval rating".
        if any(t.text in ("'s", "’s") and t.i - 1 in names for t in phrase) and not self.is_role_word(phrase.root):
            return None
        return phrase if any(self.is_role_word(t) for t in phrase) else None


    @staticmethod
    def is_other_person(token: Token, names: frozenset[int]) -> bool:
        """A token of another person's name in an apposition: not a possessor ("Lynch's chief of
        staff") nor an organisation named after one ("analyst at J.P. Morgan")."""
        if token.i not in names or token.ent_type_ != "PERSON" or token.nbor(-1).pos_ == "ADP":
            return False
        after = token.i + 1
        while after < len(token.doc) and after in names:
            after += 1
        return after >= len(token.doc) or token.doc[after].text not in ("'s", "’s")


def nationality(doc: Doc, role_spans: list[tuple[int, int]]) -> str | None:
    """The country the text gives a person through their roles (character spans, in the order
    of the mentions): a demonym or a country name ("Rwandan Minister", "Minister of Foreign
    Affairs of Kazakhstan")."""
    for a, b in role_spans:
        for token in doc.char_span(a, b, alignment_mode="expand"):
            if token.ent_type_ == "ORG" and (token.ent_iob_ == "I" or token.nbor(1).ent_iob_ == "I"):
                continue  # a word of an organisation's name: "The Astana Times"
            if token.i > 0 and token.nbor(-1).text == "-":
                continue  # a stance or an origin, not a nationality: "pro-China", "African-American"
            code = countries.demonym_code(token.text) or (
                countries.country_code(entity_text(token)) if token.ent_type_ == "GPE" else None)
            if code:
                return code
    return None


def entity_text(token: Token) -> str:
    """The text of the model's entity the token is part of: "New Jersey" for "Jersey"."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def distinct_roles(roles: list[str]) -> list[str]:
    """Roles in order of appearance, without those repeated inside a longer one."""
    unique = list(dict.fromkeys(r.strip() for r in roles if r.strip()))
    return [r for r in unique if not any(
        r != o and re.search(rf"(?<!\w){re.escape(r.lower())}(?!\w)", o.lower()) for o in unique)]
