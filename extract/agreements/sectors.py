"""The sectors of an agreement, from its own words, normalised through the sector vocabulary.

Sectors come from the agreement's modifiers and complements ("a trade deal", "an agreement on
mining"), the complements of the verb making it ("signed a deal on tourism"), its purpose ("to
supply grain", "to boost railway cooperation"), the terms a clause states of it ("the MoU aims
to ..."), "cooperation in X" and sector words and their lists ("in key sectors, including
..."); a later sentence about it adds the vocabulary's sectors it names. They are normalised
through the sector vocabulary (lexicons/sectors.json), most specific name first ("solar
energy", "ports"); words outside it keep their written form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import lexicons, models
from .mentions import MODIFIER_DEPS, Mention, conjuncts, opens_terms
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
        self.event_preps = set(sectors["event_preps"])
        self.list_words = set(sectors["list_words"])
        self.content_verbs = set(sectors["content_verbs"])
        self.purpose_verbs = set(sectors["purpose_verbs"])
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

    def agreement_sectors(self, mention: Mention) -> list[Sector]:
        """Sectors named by the agreement's own words: its modifiers and complements ("a gas deal",
        "an agreement on mining"), the sector words it governs, the complements of the verb making
        it ("signed a deal on tourism"), its purpose ("MoUs to boost railway cooperation", "a
        deal to supply grain") and the terms a clause states of it ("the MoU aims to ...")."""
        noun, event = mention.noun, mention.event
        found = self.anchor_sectors(noun, set())
        for complement in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in complement.children if c.dep_ == "pobj" and c.lower_ in self.words.kind_complements):
                found += self.anchor_sectors(obj, set())  # "a memorandum of understanding on health"
        found += self.sectors_in(noun)
        for head in dict.fromkeys((noun, mention.position)):
            found += self.purposes(head) + self.terms(head)
        if event is not None and event.i != noun.i and not mention.listed:
            for prep in (c for c in event.children if c.dep_ == "prep"):
                objects = [o for o in prep.children if o.dep_ == "pobj"]
                if prep.lower_ in self.vocabulary.event_preps and event.pos_ != "NOUN" and prep.i > noun.i:
                    found += [s for obj in objects for s in self.items(obj, set())]  # "signed a deal on tourism"
                elif prep.lower_ in self.vocabulary.sector_preps:
                    found += [s for obj in objects if self.is_anchor_word(obj) for s in self.items(obj, set())]
            if event.pos_ in ("VERB", "AUX"):
                found += self.purposes(event)
        return found

    def purposes(self, head: Token) -> list[Sector]:
        """Sectors in the purpose of a word: "to boost railway cooperation", "aimed at fostering
        economic cooperation", "covering forestry"."""
        found = []
        for clause in head.children:
            infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
            if clause.dep_ in ("acl", "relcl", "advcl", "xcomp") and infinitive or \
                    clause.dep_ in ("acl", "advcl") and clause.lemma_.lower() in self.vocabulary.content_verbs:
                found += self.purpose_sectors(clause)
        return found

    def party_purposes(self, sentence: Span, entity_ids: set[str], index: dict) -> list[Sector]:
        """The purposes given to each party of a list: "signed MoUs with three universities; A to
        foster research; B to reinforce training"."""
        found = []
        for verb in sentence:
            if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
                continue
            anchor = verb.head if verb.dep_ in ("acl", "relcl") else next(
                (c for c in verb.children if c.dep_ == "nsubj"), None)
            entity = index.get(anchor.i) if anchor is not None else None
            if entity is not None and entity.id in entity_ids:
                found += self.purpose_sectors(verb)
        return found

    def terms(self, noun: Token) -> list[Sector]:
        """Sectors in what a clause says the agreement does: "the MoU aims to boost the use of local
        currencies", "will see the two collaborate on clean energy", "a memorandum under which
        both sides will work on water"."""
        found = []
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in self.vocabulary.content_verbs:
            found += self.purpose_sectors(noun.head, free=True)
        for clause in relative_clauses(noun):
            found += self.purpose_sectors(clause, free=True)
        return found

    def purpose_sectors(self, verb: Token, free: bool | None = None) -> list[Sector]:
        """The fields a purpose names: its verb's objects (free words only after a verb of purpose,
        "to supply grain"), a cooperation verb's sectors ("cooperate in mining"), and the purposes
        and clauses it governs in turn ("aimed at fostering ...", "will see the two work on ...")."""
        found: list[Sector] = []
        for action in conjuncts(verb):
            words = free if free is not None else action.lemma_.lower() in self.vocabulary.purpose_verbs
            if self.is_anchor_word(action):
                found += self.anchor_sectors(action, set())
            for child in action.children:
                if child.dep_ in ("dobj", "attr", "oprd"):
                    found += self.items(child, set(), free=words)
                elif child.dep_ in ("xcomp", "ccomp", "advcl", "acl") and child.pos_ in ("VERB", "AUX"):
                    found += self.purpose_sectors(child, free)
                elif child.dep_ == "prep" and child.lower_ in ("at", "to", "towards", "toward", "on", "in", "along"):
                    preps = [child] + [c for c in child.children if c.dep_ == "prep" and child.lower_ == "along"]
                    for obj in (o for p in preps for o in p.children if o.dep_ in ("pcomp", "pobj")):
                        if obj.pos_ in ("VERB", "AUX"):
                            found += self.purpose_sectors(obj, free)
                        elif child.lower_ in ("on", "in", "along") and words:
                            found += self.items(obj, set(), free=True)
        return found

    def sectors_in(self, head: Token) -> list[Sector]:
        """Sectors under the cooperation and sector words of a phrase."""
        seen: set[int] = set()
        found = []
        for token in head.subtree:
            if token.i != head.i and self.is_anchor_word(token) and token.i not in seen:
                found += self.anchor_sectors(token, seen)
        return found

    def vocabulary_in(self, head: Token) -> list[Sector]:
        """The vocabulary's sectors anywhere in a phrase: what a later sentence tells of an agreement."""
        return self.sectors_between(head.left_edge.i, head.right_edge.i + 1)

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

    def items(self, head: Token, seen: set[int], modifier: bool = False, free: bool = True) -> list[Sector]:
        """The sectors of a coordinated list, each item normalised through the vocabulary; with
        `free`, an item outside it keeps its own words."""
        found = []
        for item in conjuncts(head):
            if item.i in seen:
                continue
            seen.add(item.i)
            if item.i != head.i or not modifier:
                if self.is_anchor_word(item):
                    found += self.anchor_sectors(item, seen)
                    continue
            found += self.item_sectors(item, modifier, free)
            for appos in (c for c in item.children if c.dep_ == "appos" and c.i not in seen):
                seen.add(appos.i)
                found += self.item_sectors(appos, modifier, free)
        return found

    def item_sectors(self, item: Token, modifier: bool, free: bool = True) -> list[Sector]:
        """One list item: the vocabulary's sectors within its words, else (with `free`) the words
        themselves when they make a plain common noun phrase ("renewable energy", "space");
        through a word that is no sector ("the use of local currencies", "the protection of
        cultural heritage") or a gerund ("on developing clean energy") to what it governs."""
        doc = item.doc
        not_sectors = self.vocabulary.not_sectors
        start = min([c.left_edge.i for c in item.children if c.dep_ in MODIFIER_DEPS | {"npadvmod"} and c.i < item.i]
                    + [item.i])
        while start < item.i and (doc[start].pos_ in ("DET", "PRON", "NUM", "PUNCT", "CCONJ", "PROPN")
                                  or doc[start].lower_ in not_sectors or doc[start].ent_type_):
            start += 1
        known = self.sectors_between(start, item.i + 1)
        if known:
            return known
        # "the protection of cultural heritage": culture; "$6bn in credits": finance
        through = ("of", "in", "for") if item.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") else ("of",)
        for of in (c for c in item.children if c.dep_ == "prep" and c.lower_ in through):
            known = [s for obj in of.children if obj.dep_ == "pobj" for s in self.items(obj, set(), free=free)]
            if known:
                return known
        objects = [c for c in item.children if c.dep_ == "dobj"]
        if item.tag_ == "VBG" and item.dep_ in ("pcomp", "pobj") and objects:
            return [s for obj in objects for s in self.items(obj, set(), free=free)]
        gerund = item.tag_ == "VBG" and item.dep_ in ("pcomp", "pobj")
        if not free or item.tag_ not in ("NN", "NNS") and not gerund or item.lower_ in not_sectors or \
                item.ent_type_ in NOT_SECTOR_ENTITIES or modifier and item.dep_ == "amod" or \
                not item.is_alpha and "-" not in item.text or self.words.kinds.get(item.lemma_.lower()):
            return []  # "on beekeeping" is a sector, "on key issues" none
        words = doc[start:item.i + 1]
        edge = item.left_edge.i
        if edge > 0 and doc[edge - 1].is_quote or doc[edge].is_quote or \
                any(t.lower_ in ("no", "non") for t in doc[edge:item.i]):
            return []  # a label, not a field: the “no limits” partnership
        return [Sector(words.text.lower(), words.start_char, words.end_char)]

    def sectors_between(self, start: int, end: int) -> list[Sector]:
        """The vocabulary's sectors whose words overlap tokens start..end."""
        return [Sector(m.label_, m.start_char, m.end_char) for m in self.sector_matches
                if m.start < end and start < m.end]


def relative_clauses(noun: Token) -> list[Token]:
    """The relative clauses stating an agreement's terms ("where both sides will ...", "under
    which ..."), also one a page's line break split into a sentence of its own (", where ...")."""
    doc = noun.doc
    clauses = [c for c in noun.children if c.dep_ == "relcl" and not c.tag_ == "VBN"]
    after = [t for t in doc[noun.right_edge.i + 1:min(len(doc), noun.right_edge.i + 8)] if not t.is_space]
    if noun.right_edge.i >= noun.sent.end - 3 and len(after) > 1 and after[0].text == "," and \
            after[0].sent.start != noun.sent.start and after[1].lower_ in ("where", "whereby"):
        clauses.append(after[1].sent.root)
    return [c for c in clauses if opens_terms(doc[min(c.left_edge.i, c.i):c.i + 1])]


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
