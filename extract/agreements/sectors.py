"""The sectors of an agreement, from its own words, normalised through the sector vocabulary.

Sectors come from the agreement's modifiers and complements ("a trade deal", "an agreement on
mining"), from "cooperation in X" and from sector words and their lists ("in key sectors,
including ..."), normalised through the sector vocabulary (lexicons/sectors.json); words
outside it keep their written form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import lexicons, models
from .mentions import MODIFIER_DEPS, conjuncts
from .words import AgreementWords

NOT_SECTOR_ENTITIES = {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                       "QUANTITY", "FAC", "EVENT"}
PARENTHESIS_OPENS = re.compile(r"\s*\(\s*$")


@dataclass
class Sector:
    name: str
    start: int
    end: int


class SectorVocabulary:
    """The sector vocabulary and the words that hold sectors, with matchers for its forms."""

    def __init__(self, nlp: Language, lexicon: str):
        sectors = lexicons.load(lexicon)
        self.sector_nouns = set(sectors["sector_nouns"])
        self.cooperation_words = set(sectors["cooperation_words"])
        self.sector_preps = set(sectors["sector_preps"])
        self.list_words = set(sectors["list_words"])
        self.not_sectors = set(sectors["not_sectors"])
        # Acronyms match only as written ("IT", not "it"); other forms in any case.
        self.sector_forms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sector_acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for canonical, forms in sectors["sectors"].items():
            for form in forms:
                matcher = self.sector_acronyms if form.isupper() else self.sector_forms
                matcher.add(canonical, [nlp.make_doc(form)])

    def matches(self, doc: Doc) -> list[Span]:
        """The vocabulary's forms in the document, longest first where they overlap, in order."""
        matches = [Span(doc, s, e, label=m) for m, s, e in self.sector_forms(doc) + self.sector_acronyms(doc)]
        return sorted(filter_spans(matches), key=lambda s: s.start)


class Sectors:
    """The sectors one document's words give its agreements."""

    def __init__(self, doc: Doc, vocabulary: SectorVocabulary, words: AgreementWords):
        self.vocabulary = vocabulary
        self.words = words
        self.sector_matches = vocabulary.matches(doc)

    def agreement_sectors(self, noun: Token, event: Token) -> list[Sector]:
        """Sectors named by the agreement's modifiers and complements, in the words it governs,
        and in sector words attached to its verb ("signed agreements in the fields of ...")."""
        found = self.anchor_sectors(noun, set())
        for complement in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in complement.children if c.dep_ == "pobj" and c.lower_ in self.words.kind_complements):
                found += self.anchor_sectors(obj, set())  # "a memorandum of understanding on health"
        found += self.sectors_in(noun)
        if event.i != noun.i:
            for prep in (c for c in event.children if c.dep_ == "prep" and c.lower_ in self.vocabulary.sector_preps):
                found += [s for obj in prep.children if obj.dep_ == "pobj" and self.is_anchor_word(obj)
                          for s in self.items(obj, set())]
        return found

    def sectors_in(self, head: Token) -> list[Sector]:
        """Sectors under the cooperation and sector words of a phrase."""
        seen: set[int] = set()
        found = []
        for token in head.subtree:
            if token.i != head.i and self.is_anchor_word(token) and token.i not in seen:
                found += self.anchor_sectors(token, seen)
        return found

    def is_anchor_word(self, token: Token) -> bool:
        vocabulary = self.vocabulary
        return token.lemma_.lower() in vocabulary.sector_nouns or \
            token.lemma_.lower() in vocabulary.cooperation_words or token.lower_ in vocabulary.cooperation_words

    def anchor_sectors(self, anchor: Token, seen: set[int]) -> list[Sector]:
        """The sectors of a word that holds them: its modifiers ("finance cooperation"), its
        sector complements ("cooperation in mining", "fields of") and lists ("including ...")."""
        seen.add(anchor.i)
        found = []
        for child in anchor.children:
            if child.dep_ in MODIFIER_DEPS and child.i < anchor.i:
                found += self.items(child, seen, modifier=True)
            elif child.dep_ == "prep" and (child.lower_ in self.vocabulary.sector_preps or self.opens_list(child)):
                found += [s for obj in child.children if obj.dep_ in ("pobj", "pcomp")
                          for s in self.items(obj, seen)]
        return found

    def opens_list(self, token: Token) -> bool:
        """"including", "like", "notably", and "as" after "such"."""
        if token.lower_ == "as":
            return token.i > 0 and token.doc[token.i - 1].lower_ == "such" or \
                any(c.lower_ == "such" for c in token.children)
        return token.lower_ in self.vocabulary.list_words

    def items(self, head: Token, seen: set[int], modifier: bool = False) -> list[Sector]:
        """The sectors of a coordinated list, each item normalised through the vocabulary."""
        found = []
        for item in conjuncts(head):
            if item.i in seen:
                continue
            seen.add(item.i)
            if item.i != head.i or not modifier:
                if self.is_anchor_word(item):
                    found += self.anchor_sectors(item, seen)
                    continue
            found += self.item_sectors(item, modifier)
            for appos in (c for c in item.children if c.dep_ == "appos" and c.i not in seen):
                seen.add(appos.i)
                found += self.item_sectors(appos, modifier)
        return found

    def item_sectors(self, item: Token, modifier: bool) -> list[Sector]:
        """One list item: the vocabulary's sectors within its words, else the words themselves
        when they make a plain common noun phrase ("renewable energy", "space")."""
        doc = item.doc
        not_sectors = self.vocabulary.not_sectors
        start = min([c.left_edge.i for c in item.children if c.dep_ in MODIFIER_DEPS and c.i < item.i] + [item.i])
        while start < item.i and (doc[start].pos_ in ("DET", "PRON", "NUM", "PUNCT", "CCONJ")
                                  or doc[start].lower_ in not_sectors):
            start += 1
        known = self.sectors_between(start, item.i + 1)
        if known:
            return known
        for of in (c for c in item.children if c.dep_ == "prep" and c.lower_ == "of"):
            known = [s for obj in of.children if obj.dep_ == "pobj" for s in self.items(obj, set())]
            if known:
                return known  # "the protection of cultural heritage": culture
        gerund = item.tag_ == "VBG" and item.dep_ == "pcomp" and not any(c.dep_ == "dobj" for c in item.children)
        if item.pos_ != "NOUN" and not gerund or item.lower_ in not_sectors or \
                item.ent_type_ in NOT_SECTOR_ENTITIES or modifier and item.dep_ == "amod" or \
                not item.is_alpha and "-" not in item.text:
            return []  # "on beekeeping" is a sector, "on building a factory" none
        words = doc[start:item.i + 1]
        return [Sector(words.text.lower(), words.start_char, words.end_char)]

    def sectors_between(self, start: int, end: int) -> list[Sector]:
        """The vocabulary's sectors whose words overlap tokens start..end."""
        return [Sector(m.label_, m.start_char, m.end_char) for m in self.sector_matches
                if m.start < end and start < m.end]


def sector_fields(found: list[Sector], text: str) -> dict:
    """One span per sector, first written form first; an acronym in parentheses right after
    its expansion joins it ("information and communication technology (ICT)")."""
    spans: dict[str, Sector] = {}
    for sector in sorted(found, key=lambda s: s.start):
        earlier = spans.get(sector.name)
        if earlier is None:
            spans[sector.name] = Sector(sector.name, sector.start, sector.end)
        elif PARENTHESIS_OPENS.fullmatch(text[earlier.end:sector.start]) and text[sector.end:sector.end + 1] == ")":
            earlier.end = sector.end + 1
    ordered = sorted(spans.values(), key=lambda s: s.start)
    return {"sectors": [s.name for s in ordered],
            "sector_spans": [models.Span(text=text[s.start:s.end], start=s.start, end=s.end) for s in ordered]}
