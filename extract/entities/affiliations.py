"""Roles a text gives without a title: the organisation a person speaks for ("Jane Doe of the
Daily Planet", "the Daily Planet's Jane Doe", "Jane Doe, from the Harbour Trust, said"), and a
clause that says what the person does ("Jane Doe, who heads the Harbour Trust", "the
government led by Jane Doe"), whose verb gives the role its noun ("head of the Harbour Trust",
"leader of the government")."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

AFFILIATION_PREPOSITIONS = {"of", "from"}
POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}
CLAUSE_ADVERBS = {"now", "also", "currently", "still", "once", "later", "then", "formerly"}


class AffiliationReader:
    def __init__(self, role_verbs: dict[str, str]):
        self.role_verbs = role_verbs  # "head" -> "head", "lead" -> "leader"

    def roles(self, mention: Span) -> list[str]:
        found = (self.organisation_after(mention), self.organisation_before(mention),
                 self.relative_clause(mention), self.passive_clause(mention))
        return [role for role in found if role]

    def organisation_after(self, mention: Span) -> str | None:
        """"Jane Doe of the Daily Planet", "Jane Doe, from the UK's Rights Watch, said"."""
        doc = mention.doc
        i = mention.end
        set_off = i < len(doc) and doc[i].text == ","
        i += set_off
        if i >= len(doc) or doc[i].lower_ not in AFFILIATION_PREPOSITIONS:
            return None
        end = organisation_end(doc, i + 1)
        if end is None or set_off and end < len(doc) and doc[end].text not in (",", ".", ";", ")"):
            return None
        return doc[i:end].text

    @staticmethod
    def organisation_before(mention: Span) -> str | None:
        """"the Daily Planet's Jane Doe": the organisation whose person it is."""
        doc = mention.doc
        i = previous_word(doc, mention.start)
        if i is None or doc[i].text not in POSSESSIVE_MARKS:
            return None
        i = previous_word(doc, i)
        if i is None or doc[i].ent_type_ != "ORG":
            return None
        start = i
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        if doc[start].lower_ == "the":
            start += 1
        return doc[start:i + 1].text if start <= i else None

    def relative_clause(self, mention: Span) -> str | None:
        """"Jane Doe, who heads the Harbour Trust," -> "head of the Harbour Trust"."""
        doc = mention.doc
        i = mention.end
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "who":
            return None
        verb = doc[i + 2]
        if verb.lower_ in CLAUSE_ADVERBS and i + 3 < len(doc):
            verb = doc[i + 3]
        noun = self.role_verbs.get(verb.lemma_.lower())
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.pos_ != "VERB" or noun is None or obj is None:
            return None
        return f"{noun} of {noun_phrase(obj).text}"

    def passive_clause(self, mention: Span) -> str | None:
        """"the new government led by Jane Doe" -> "leader of the new government"."""
        by = mention.root.head
        verb = by.head
        if mention.root.dep_ != "pobj" or by.lower_ != "by" or verb.tag_ != "VBN" or verb.dep_ != "acl":
            return None
        noun = self.role_verbs.get(verb.lemma_.lower())
        if noun is None:
            return None
        holder = verb.head
        return f"{noun} of {mention.doc[holder.left_edge.i:holder.i + 1].text}"


def organisation_end(doc: Doc, i: int) -> int | None:
    """The end of an organisation's name starting at token i, through a "the" and a place's
    possessive ("the UK's Human Rights Watch"); None when no organisation starts there."""
    if i < len(doc) and doc[i].lower_ == "the" and doc[i].ent_type_ != "ORG":
        i += 1
    if i < len(doc) and doc[i].ent_type_ in ("GPE", "LOC"):
        while i < len(doc) and doc[i].ent_type_ in ("GPE", "LOC"):
            i += 1
        if i >= len(doc) or doc[i].text not in POSSESSIVE_MARKS:
            return None
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "ORG" or doc[i].ent_iob_ != "B":
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while end > i + 1 and doc[end - 1].is_space:
        end -= 1
    return end


def previous_word(doc: Doc, i: int) -> int | None:
    """The index of the token before token i, over line breaks the page put inside a sentence."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i if i >= 0 else None


def noun_phrase(token: Token) -> Span:
    """The token's phrase up to the head and its "of" complements, or to the end of the name
    the head is part of, without what else follows:
    "a chain of nursing homes" of "a chain of nursing homes and a hotel that ...", "a café" of
    "a café on the planned route"."""
    doc = token.doc
    end = token.i + 1
    while end <= token.right_edge.i and (
            doc[end].lower_ == "of" or doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or
            doc[end].pos_ == "DET" and doc[end - 1].lower_ == "of" or doc[end].text in ("-", "&", "'s", "’s")):
        end += 1
    while doc[end - 1].lower_ == "of" or doc[end - 1].pos_ == "DET":
        end -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == doc[end - 1].ent_type_:
        end += 1  # the rest of an organisation's name: "the Center of Research for Development"
    return doc[token.left_edge.i:end]
