"""Agreements and commitments: who signed what, how many, in which sectors.

An agreement is a noun naming a signed text (a kind from lexicons/agreements.json:
"agreement", "memorandum", "treaty", ...) that an event makes: the object of a signing verb
("signed six agreements", "a deal ... was agreed", "entered into a contract"), the complement
of a signing noun ("the signing of a treaty") or a signing participle ("the accord signed in
May"). A kind noun with no such event ("talks on an agreement", "the agreement of the
audience") is none. A commitment is a commitment verb with a to-infinitive ("agreed to
establish a business council") whose maker is a party. The words governing the event say
whether it happened, is only planned ("will sign", "agreed to sign": signed false) or is no
agreement at all ("failed to reach", "could sign", "did not sign").

Parties are the subject, the agent and the with/between complements, resolved to canonical
entities: a demonym, a place or a person with a nationality stands for its country; "the two
countries" or "both sides" for the countries named in the sentence or the text before it; a
first-person pronoun inside a quote for its speaker. Sectors come from the agreement's
modifiers and complements ("a trade deal", "an agreement on mining"), from "cooperation in X"
and from sector words and their lists ("in key sectors, including ..."), normalised through
the sector vocabulary (lexicons/sectors.json); words outside it keep their written form.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from countryinfo import all_countries
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import countries, lexicons, models
from .doctext import doc_text
from .entities import CanonicalEntity
from .quotes import quote_holding

Doc.set_extension("agreements", default=None)

PARTY_PREPS = {"with", "between", "among", "amongst"}
# Dependencies through which a word governs an event: "failed to sign", "talks aimed at reaching".
GOVERNOR_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl", "advcl", "conj", "acomp"}
MAX_GOVERNORS = 4
DEFINITE = {"the", "this", "that", "these", "those"}  # determiners of an agreement already named
MODIFIER_DEPS = {"compound", "amod", "nmod"}
COUNTRY_LABELS = {"GPE", "LOC", "NORP", "PERSON"}
NOT_SECTOR_ENTITIES = {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                       "QUANTITY", "FAC", "EVENT"}
NOT_COUNT_ENTITIES = {"MONEY", "DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL"}  # "a $10 billion deal", "the 1951 Convention"
PARENTHESIS_OPENS = re.compile(r"\s*\(\s*$")
PRECEDING_SENTENCES = 3


@dataclass
class Sector:
    name: str
    start: int
    end: int


@Language.factory("extract_agreements", default_config={"words": "agreements", "sectors": "sectors"})
def make_agreements(nlp: Language, name: str, words: str, sectors: str) -> "AgreementFinder":
    return AgreementFinder(nlp, lexicons.load(words), lexicons.load(sectors))


class AgreementFinder:
    """Sets doc._.agreements: one models.Agreement per agreement made or commitment taken."""

    def __init__(self, nlp: Language, words: dict, sectors: dict):
        self.kinds = words["kinds"]
        self.kind_complements = set(words["kind_complements"])
        self.signing_verbs = set(words["signing_verbs"])
        self.prepositional_verbs = {verb: set(preps) for verb, preps in words["prepositional_verbs"].items()}
        self.signing_nouns = set(words["signing_nouns"])
        self.commitment_verbs = set(words["commitment_verbs"])
        self.consenting_verbs = set(words["consenting_verbs"])
        self.planned = set(words["planned_words"])
        self.blocked = set(words["blocked_words"])
        self.achieved = set(words["achieved_words"])
        self.not_signing_particles = set(words["not_signing_particles"])
        self.quantity_modifiers = set(words["quantity_modifiers"])
        self.party_groups = set(words["party_groups"])
        self.duration_units = set(words["duration_units"])
        self.first_person = set(words["first_person"])
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

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(self, doc)
        excluded = [(b.start, b.end) for b in doc._.boilerplate or []]
        found: list[models.Agreement] = []
        for token in doc:
            if any(a <= token.idx < b for a, b in excluded):
                continue
            if self.kind_of(token):
                record = self.agreement(token, reading)
                if record is None:
                    self.describe_earlier(token, reading, found)
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.commitment_verbs:
                record = self.commitment(token, reading)
            else:
                continue
            if record is not None and not any(a < record.end and record.start < b for a, b in excluded) \
                    and not restates(record, token, found):
                found.append(record)
        doc._.agreements = without_restated_headline(found, doc._.headline)
        return doc

    # --- agreements -------------------------------------------------------------------------

    def kind_of(self, token: Token) -> str | None:
        """The kind a noun names, unless it modifies another noun or is a quantity ("a great deal of")."""
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            return None
        kind = self.kinds.get(token.lower_) or self.kinds.get(token.lemma_.lower())
        if kind == "deal" and any(c.dep_ == "amod" and c.lower_ in self.quantity_modifiers for c in token.children):
            return None
        return kind

    def agreement(self, noun: Token, reading: "Reading") -> models.Agreement | None:
        event = self.event_of(noun)
        if event is None:
            return None
        status = self.status(event, noun)
        if status is None:
            return None
        subject = subject_of(event) if event.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.i == noun.i:
            subject = None
        complements = self.party_complements(event, reading)
        party_tokens = ([subject] if subject is not None else []) + complements + \
            self.party_complements(noun, reading) + reading.party_modifiers(noun)
        parties = reading.parties(party_tokens)
        start, end = evidence_bounds(event, noun, subject, complements)
        sentence = noun.sent
        if not parties:
            parties = reading.countries_named(sentence.start, sentence.end)
        return models.Agreement(
            text=reading.text[start:end], start=start, end=end, kind=self.kind_of(noun),
            parties=parties, count=reading.count(noun), signed=status == "signed",
            date=reading.date({event.i, noun.i}, sentence), value=reading.money_within(noun),
            said_by=reading.speaker_at(start),
            **self.sector_fields(self.agreement_sectors(noun, event, reading), reading.text))

    def event_of(self, noun: Token) -> Token | None:
        """The verb, signing noun or participle that makes the agreement, if any."""
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        governor = first.head
        if first.dep_ in ("dobj", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
            for verb in [governor] + [c for c in governor.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                      and not any(g.dep_ == "dobj" for g in c.children)]:
                if self.is_signing_verb(verb):
                    return verb
        if first.dep_ == "pobj" and governor.dep_ == "prep":
            word = governor.head
            if governor.lower_ in self.prepositional_verbs.get(word.lemma_.lower(), ()):
                return word
            if governor.lower_ == "of" and word.pos_ == "NOUN" and word.lower_ in self.signing_nouns:
                return word
        for token in (noun, first):
            for child in token.children:
                if child.dep_ in ("amod", "acl") and child.tag_ == "VBN" and self.is_signing_verb(child):
                    return child
                if child.dep_ == "relcl" and self.is_signing_verb(child) and not any(
                        c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in child.children):
                    return child  # "the agreements, which were signed in May", "the deal they struck"
        return None

    def is_signing_verb(self, token: Token) -> bool:
        return token.lemma_.lower() in self.signing_verbs and \
            not any(c.dep_ == "prt" and c.lower_ in self.not_signing_particles for c in token.children)

    def status(self, event: Token, noun: Token | None = None) -> str | None:
        """"signed", "planned", or None when the words around the event deny it happened."""
        if noun is not None and any(c.lower_ in self.blocked for c in noun.children if c.dep_ in ("det", "neg")):
            return None  # "no agreement was reached"
        chain = governors(event)
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in event.children)
        status = "planned" if infinitive and not (len(chain) > 1 and chain[1].lemma_.lower() in self.achieved) \
            else "signed"  # "met to sign" is a plan, "managed to sign" a fact
        for position, token in enumerate(chain):
            if position > 0 and (token.lemma_.lower() in self.blocked or token.lower_ in self.blocked):
                return None
            if position > 0 and (token.lemma_.lower() in self.planned or token.lower_ in self.planned):
                status = "planned"
            for child in token.children:
                if child.dep_ in ("neg", "aux", "auxpass", "mark", "advmod", "preconj"):
                    if child.lower_ in self.blocked or child.lemma_.lower() in self.blocked:
                        return None
                    if child.lower_ in self.planned:
                        status = "planned"
        return status

    def party_complements(self, token: Token, reading: "Reading") -> list[Token]:
        """The objects of "with" and "between" on a word and, on a verb, of "for" (whom a signatory
        signed for) or else of "by" (the passive's agent): "signed for Chile by Ambassador Soto"."""
        def objects(preps: set[str], deps: set[str] = frozenset()) -> list[Token]:
            heads = [c for c in token.children if c.dep_ in deps or c.dep_ == "prep" and c.lower_ in preps]
            heads += [c for h in heads for c in h.children if c.dep_ == "conj" and c.lower_ == h.lower_]
            return [o for h in heads for o in h.children if o.dep_ == "pobj"]

        found = objects(PARTY_PREPS)
        if token.pos_ in ("VERB", "AUX"):
            agents = objects(set(), {"agent"})
            # "signed for Chile by ...", "signed by Minister Soto for Chile and ... for Peru"
            signed_for = objects({"for"}) + [o for agent in agents for signer in conjuncts(agent)
                                             for p in signer.children if p.dep_ == "prep" and p.lower_ == "for"
                                             for o in p.children if o.dep_ == "pobj"]
            represented = [o for o in signed_for if reading.parties([o])]
            found += represented or agents
        return found

    # --- commitments ------------------------------------------------------------------------

    def commitment(self, verb: Token, reading: "Reading") -> models.Agreement | None:
        """"X agreed to establish ...": a commitment without a signed text, between parties: two
        named, or one that consents (agreeing implies another side; pledging alone does not)."""
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if action is None or self.status(verb) is None:
            return None
        actions = [action] + [c for c in action.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        if any(self.is_signing_verb(a) and any(self.kind_of(c) for c in a.children if c.dep_ == "dobj")
               for a in actions):
            return None  # "agreed to sign an agreement": a planned agreement, found from its noun
        subject = subject_of(verb)
        party_tokens = [subject] if subject is not None else []
        for act in actions:
            party_tokens += self.party_complements(act, reading)
            for obj in (c for c in act.children if c.dep_ in ("dobj", "dative")):
                party_tokens += self.party_complements(obj, reading)
        parties = reading.parties(party_tokens, people=False)
        if not parties or len(parties) < 2 and verb.lemma_.lower() not in self.consenting_verbs:
            return None  # "Germany pledged to expand its military" binds no one else
        own_subject = subject is not None and subject.head.i == verb.i
        start = min(verb.i, subject.left_edge.i) if own_subject else verb.i
        start_char, end_char = trimmed(verb.doc, start, action.right_edge.i)
        return models.Agreement(
            text=reading.text[start_char:end_char], start=start_char, end=end_char, kind="commitment",
            parties=parties, signed=False, date=reading.date({verb.i, action.i}, verb.sent),
            value=next(filter(None, (reading.money_within(c) for a in actions for c in a.children
                                     if c.dep_ == "dobj")), None),
            said_by=reading.speaker_at(start_char),
            **self.sector_fields(self.sectors_in(action, reading), reading.text))

    def describe_earlier(self, noun: Token, reading: "Reading", found: list[models.Agreement]) -> None:
        """"The MOU lays out ... in areas including agriculture and youth workforce": a sentence
        about an agreement found before (its definite subject, of the same kind) adds the sectors
        it names to that agreement."""
        earlier = next((i for i in reversed(range(len(found))) if found[i].kind == self.kind_of(noun)), None)
        if not is_definite(noun) or earlier is None or noun.dep_ not in ("nsubj", "nsubjpass") or \
                noun.head.pos_ not in ("VERB", "AUX"):
            return
        more = self.sectors_in(noun.head, reading)
        if more:
            record = found[earlier]
            known = [Sector(name, span.start, span.end) for name, span in zip(record.sectors, record.sector_spans)]
            found[earlier] = record.model_copy(update=self.sector_fields(known + more, reading.text))

    # --- sectors ----------------------------------------------------------------------------

    def agreement_sectors(self, noun: Token, event: Token, reading: "Reading") -> list[Sector]:
        """Sectors named by the agreement's modifiers and complements, in the words it governs,
        and in sector words attached to its verb ("signed agreements in the fields of ...")."""
        found = self.anchor_sectors(noun, reading, set())
        for complement in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in complement.children if c.dep_ == "pobj" and c.lower_ in self.kind_complements):
                found += self.anchor_sectors(obj, reading, set())  # "a memorandum of understanding on health"
        found += self.sectors_in(noun, reading)
        if event.i != noun.i:
            for prep in (c for c in event.children if c.dep_ == "prep" and c.lower_ in self.sector_preps):
                found += [s for obj in prep.children if obj.dep_ == "pobj" and self.is_anchor_word(obj)
                          for s in self.items(obj, reading, set())]
        return found

    def sectors_in(self, head: Token, reading: "Reading") -> list[Sector]:
        """Sectors under the cooperation and sector words of a phrase."""
        seen: set[int] = set()
        found = []
        for token in head.subtree:
            if token.i != head.i and self.is_anchor_word(token) and token.i not in seen:
                found += self.anchor_sectors(token, reading, seen)
        return found

    def is_anchor_word(self, token: Token) -> bool:
        return token.lemma_.lower() in self.sector_nouns or token.lemma_.lower() in self.cooperation_words or \
            token.lower_ in self.cooperation_words

    def anchor_sectors(self, anchor: Token, reading: "Reading", seen: set[int]) -> list[Sector]:
        """The sectors of a word that holds them: its modifiers ("finance cooperation"), its
        sector complements ("cooperation in mining", "fields of") and lists ("including ...")."""
        seen.add(anchor.i)
        found = []
        for child in anchor.children:
            if child.dep_ in MODIFIER_DEPS and child.i < anchor.i:
                found += self.items(child, reading, seen, modifier=True)
            elif child.dep_ == "prep" and (child.lower_ in self.sector_preps or self.opens_list(child)):
                found += [s for obj in child.children if obj.dep_ in ("pobj", "pcomp")
                          for s in self.items(obj, reading, seen)]
        return found

    def opens_list(self, token: Token) -> bool:
        """"including", "like", "notably", and "as" after "such"."""
        if token.lower_ == "as":
            return token.i > 0 and token.doc[token.i - 1].lower_ == "such" or \
                any(c.lower_ == "such" for c in token.children)
        return token.lower_ in self.list_words

    def items(self, head: Token, reading: "Reading", seen: set[int], modifier: bool = False) -> list[Sector]:
        """The sectors of a coordinated list, each item normalised through the vocabulary."""
        found = []
        for item in conjuncts(head):
            if item.i in seen:
                continue
            seen.add(item.i)
            if item.i != head.i or not modifier:
                if self.is_anchor_word(item):
                    found += self.anchor_sectors(item, reading, seen)
                    continue
            found += self.item_sectors(item, reading, modifier)
            for appos in (c for c in item.children if c.dep_ == "appos" and c.i not in seen):
                seen.add(appos.i)
                found += self.item_sectors(appos, reading, modifier)
        return found

    def item_sectors(self, item: Token, reading: "Reading", modifier: bool) -> list[Sector]:
        """One list item: the vocabulary's sectors within its words, else the words themselves
        when they make a plain common noun phrase ("renewable energy", "space")."""
        doc = item.doc
        start = min([c.left_edge.i for c in item.children if c.dep_ in MODIFIER_DEPS and c.i < item.i] + [item.i])
        while start < item.i and (doc[start].pos_ in ("DET", "PRON", "NUM", "PUNCT", "CCONJ")
                                  or doc[start].lower_ in self.not_sectors):
            start += 1
        known = reading.sectors_between(start, item.i + 1)
        if known:
            return known
        for of in (c for c in item.children if c.dep_ == "prep" and c.lower_ == "of"):
            known = [s for obj in of.children if obj.dep_ == "pobj" for s in self.items(obj, reading, set())]
            if known:
                return known  # "the protection of cultural heritage": culture
        gerund = item.tag_ == "VBG" and item.dep_ == "pcomp" and not any(c.dep_ == "dobj" for c in item.children)
        if item.pos_ != "NOUN" and not gerund or item.lower_ in self.not_sectors or \
                item.ent_type_ in NOT_SECTOR_ENTITIES or modifier and item.dep_ == "amod" or \
                not item.is_alpha and "-" not in item.text:
            return []  # "on beekeeping" is a sector, "on building a factory" none
        words = doc[start:item.i + 1]
        return [Sector(words.text.lower(), words.start_char, words.end_char)]

    @staticmethod
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


class Reading:
    """What one document offers the finder: entities, countries, figures, quotes, sector matches."""

    def __init__(self, finder: AgreementFinder, doc: Doc):
        self.finder = finder
        self.doc = doc
        self.text = doc_text(doc)
        self.index: dict[int, CanonicalEntity] = doc._.entity_index or {}
        self.mentions: dict[int, Span] = doc._.mention_index or {}
        self.entities: list[CanonicalEntity] = doc._.entities or []
        self.figures: list[models.Figure] = (doc._.figures or []) if Doc.has_extension("figures") else []
        self.quotes: list[models.Quote] = (doc._.quotes or []) if Doc.has_extension("quotes") else []
        matches = [Span(doc, s, e, label=m) for m, s, e in finder.sector_forms(doc) + finder.sector_acronyms(doc)]
        self.sector_matches = sorted(filter_spans(matches), key=lambda s: s.start)
        self.country_mentions = Counter()
        for entity in self.entities:
            if entity.label in COUNTRY_LABELS and entity.country:
                self.country_mentions[entity.country] += len(entity.mentions)

    # --- parties ----------------------------------------------------------------------------

    def parties(self, tokens: list[Token], people: bool = True) -> list[str]:
        """Canonical names of the parties the tokens (and their conjuncts) name, in order, once each.
        Without `people`, a person with no known country is no party."""
        names: list[str] = []
        for token in tokens:
            for item in conjuncts(token):
                for name in self.party_names(item, people):
                    if name not in names:
                        names.append(name)
        return names

    def party_modifiers(self, noun: Token) -> list[Token]:
        """Parties written on the agreement itself: "Kazakhstan's deal", "Rwandan-Kazakh agreements",
        "the US-China accord"; not the city of a named agreement ("the Paris Agreement")."""
        found = []
        for child in noun.children:
            entity = self.index.get(child.i)
            if entity is None or child.dep_ not in ("poss", *MODIFIER_DEPS):
                continue
            if child.dep_ == "poss" or entity.label == "NORP" or \
                    entity.label == "GPE" and countries.is_country(entity.name):
                found.append(child)
        return found

    def party_names(self, token: Token, people: bool) -> list[str]:
        finder = self.finder
        if token.lower_ in finder.first_person:
            speaker = self.speaker_entity_at(token.idx)
            return [n for n in [self.party_of(speaker, people)] if n] if speaker else []
        number = self.group_size(token)
        if number:
            exclude = (token.left_edge.i, token.right_edge.i + 1)
            return [self.country_name(code) for code in self.group_countries(token.sent, exclude, number)]
        entity = self.index.get(token.i)
        if entity is not None and entity.label == "ORG" and (mention := self.mentions.get(token.i)) is not None:
            return [mention.text]  # a company or a body as the agreement names it: "SAIC", not its long form
        owners = [entity] if entity is not None else self.holders_of(token)
        return [name for name in (self.party_of(owner, people) for owner in owners) if name]

    def holders_of(self, token: Token) -> list[CanonicalEntity]:
        """The entities a common noun belongs to: "Rwanda's government", "the government of Rwanda",
        "the Hungarian firm Gedeon Richter" (a name before a nationality), and for a plural noun
        each of its coordinated owners ("the U.S. and Mozambican governments")."""
        holders = [c for c in token.children if c.dep_ in ("poss", "appos", *MODIFIER_DEPS)]
        holders += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
        if token.tag_ in ("NNS", "NNPS"):
            holders = [h for holder in holders for h in conjuncts(holder)]
        entities = list({id(entity): entity for entity in (self.index.get(h.i) for h in holders) if entity}.values())
        entities = [e for e in entities if e.label != "NORP" or e.country]  # "European countries": no one party
        if token.tag_ in ("NNS", "NNPS") and len(entities) > 1:
            return entities
        return sorted(entities, key=lambda e: e.label == "NORP")[:1]

    def party_of(self, entity: CanonicalEntity, people: bool) -> str | None:
        """A country for places, nationalities and people with one; the entity's own name otherwise."""
        if entity.label in COUNTRY_LABELS and entity.country:
            return self.country_name(entity.country)
        if entity.label == "PERSON" and not people:
            return None
        return entity.name

    def group_size(self, token: Token) -> int:
        """How many parties "the two countries", "both sides", "the three governments" stand for (0: none)."""
        if token.lower_ == "both" and token.dep_ in ("nsubj", "nsubjpass", "pobj"):
            return 2
        if token.lemma_.lower() not in self.finder.party_groups or token.tag_ not in ("NNS", "NNPS") or \
                token.i in self.index:
            return 0
        for child in token.children:
            if child.lower_ == "both":
                return 2
            if child.dep_ == "nummod":
                count = self.number_at(child)
                return count if count and count > 1 else 0
        # "the leaders" alone are the two of the story; "the nations of the world" are not.
        children = list(token.children)
        return 2 if len(children) == 1 and children[0].lower_ == "the" else 0

    def group_countries(self, sentence: Span, exclude: tuple[int, int], number: int) -> list[str]:
        """The `number` countries a group stands for: those named in its sentence (the most
        mentioned when there are more), then in the sentences before, then in the article."""
        codes = self.country_codes(sentence.start, sentence.end, exclude)
        if len(codes) > number:
            chosen = set(sorted(codes, key=lambda c: -self.country_mentions[c])[:number])
            return [c for c in codes if c in chosen]
        previous = sentence.start
        for _ in range(PRECEDING_SENTENCES):
            if len(codes) >= number or previous == 0:
                break
            before = self.doc[previous - 1].sent
            codes += [c for c in self.country_codes(before.start, before.end) if c not in codes]
            previous = before.start
        codes += [c for c, _ in self.country_mentions.most_common() if c not in codes]
        return codes[:number]

    def country_codes(self, start: int, end: int, exclude: tuple[int, int] = (0, 0)) -> list[str]:
        """Distinct countries named between two token positions, as places, nationalities or people's."""
        codes: list[str] = []
        for i in range(start, end):
            entity = self.index.get(i)
            if entity is not None and not exclude[0] <= i < exclude[1] and entity.label in COUNTRY_LABELS and \
                    entity.country and entity.country not in codes:
                codes.append(entity.country)
        return codes

    def countries_named(self, start: int, end: int) -> list[str]:
        """The parties of an agreement whose syntax names none: the countries its sentence names,
        when it names several ("during Kagame's visit to Kazakhstan, six agreements were signed";
        one place alone is where it was signed)."""
        codes = self.country_codes(start, end)
        return [self.country_name(code) for code in codes] if len(codes) > 1 else []

    def country_name(self, code: str) -> str:
        """The article's name for a country (its most mentioned spelling), else the reference name."""
        named = [e for e in self.entities if e.label in ("GPE", "LOC") and e.country == code and
                 countries.country_code(e.name) == code]
        if named:
            return max(named, key=lambda e: len(e.mentions)).name
        return reference_country_names().get(code, code)

    # --- quotes, figures, dates -------------------------------------------------------------

    def quote_at(self, char: int) -> models.Quote | None:
        """The quote holding the character, when it has a speaker."""
        quote = quote_holding(self.quotes, char)
        return quote if quote is not None and quote.speaker is not None else None

    def speaker_at(self, char: int) -> str | None:
        quote = self.quote_at(char)
        return quote.speaker.name if quote is not None else None

    def speaker_entity_at(self, char: int) -> CanonicalEntity | None:
        quote = self.quote_at(char)
        if quote is None or quote.speaker.entity_id is None:
            return None
        return next((e for e in self.entities if e.id == quote.speaker.entity_id), None)

    def number_at(self, token: Token) -> int | None:
        """The whole number a token writes, as the figures component read it ("six", "a dozen", "15")."""
        figure = next((f for f in self.figures if f.start <= token.idx < f.end and f.value is not None), None)
        if figure is not None:
            return int(figure.value) if float(figure.value).is_integer() else None
        digits = token.text.replace(",", "")
        return int(digits) if digits.isdigit() else None

    def count(self, noun: Token) -> int | None:
        """The number of agreements stated on the noun ("six agreements"), None when not stated
        (a worth is no number of agreements: "a $10 billion contract")."""
        number = next((c for c in noun.children if c.dep_ == "nummod" and c.ent_type_ not in NOT_COUNT_ENTITIES), None)
        return self.number_at(number) if number is not None else None

    def money_within(self, head: Token) -> models.Figure | None:
        """The money figure inside a phrase: "deals worth $2 billion", "a $5 million contract"."""
        start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        return next((f for f in self.figures if f.kind == "money" and start <= f.start and f.end <= end), None)

    def date(self, anchors: set[int], sentence: Span) -> str | None:
        """A date attached to the event or the agreement ("in May", "yesterday", "signed on 3 June")."""
        for ent in sentence.ents:
            if ent.label_ != "DATE" or self.is_duration(ent):
                continue
            head = ent.root.head
            if head.dep_ == "prep":
                head = head.head
            if head.i in anchors and ent.root.i not in anchors:
                return ent.text
        return None

    def is_duration(self, ent: Span) -> bool:
        """"seven years" (of talks) is no date; "two years ago", "May 5" and "next year" are."""
        return ent.root.lemma_.lower() in self.finder.duration_units and \
            any(c.dep_ == "nummod" for c in ent.root.children) and not any(t.lower_ == "ago" for t in ent)

    def sectors_between(self, start: int, end: int) -> list[Sector]:
        """The vocabulary's sectors whose words overlap tokens start..end."""
        return [Sector(m.label_, m.start_char, m.end_char) for m in self.sector_matches
                if m.start < end and start < m.end]


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it completes ("X agreed to sign", "X met and signed");
    for a relative pronoun, the noun it stands for ("the ministers, who agreed to ...")."""
    token = verb
    for _ in range(MAX_GOVERNORS):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            return token.head
        if subject is not None:
            return subject
        if token.dep_ not in ("xcomp", "conj", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def governors(event: Token) -> list[Token]:
    """The event and the words above it whose meaning reaches it ("failed to [sign]")."""
    chain = [event]
    token = event
    for _ in range(MAX_GOVERNORS):
        if token.dep_ not in GOVERNOR_DEPS or token.head.i == token.i:
            break
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # a clause of its own: "the first attempt failed, but they signed"
        token = token.head
        chain.append(token)
    return chain


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it, in order."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += conjuncts(child)
    return found


def evidence_bounds(event: Token, noun: Token, subject: Token | None,
                    complements: list[Token]) -> tuple[int, int]:
    """Character offsets of the clause that makes the agreement: its subject, verb, the
    agreement's phrase and its parties ("the two countries signed six agreements that ...")."""
    edges = [noun.left_edge.i, noun.right_edge.i]
    if event.pos_ == "NOUN":
        edges += [event.left_edge.i, event.right_edge.i]
    elif event.dep_ not in ("amod", "acl"):
        edges.append(event.i)
        if subject is not None and subject.i < event.i and subject.head.i == event.i:
            edges.append(subject.left_edge.i)
        edges += [t.i for c in complements for t in (c.head, c.right_edge)]
    return trimmed(noun.doc, min(edges), max(edges))


def trimmed(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens first..last without punctuation at either edge."""
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def is_definite(noun: Token) -> bool:
    """"the MOU", "these agreements": a mention of an agreement the reader already knows."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def restates(record: models.Agreement, noun: Token, found: list[models.Agreement]) -> bool:
    """"The MOU was signed by ... for Mexico": a definite mention of an agreement found before
    (the same kind, no count, each party named in one of the earlier one's) tells more of it."""
    return is_definite(noun) and record.count is None and any(
        earlier.kind == record.kind and  # "Mexico" is named in "Government of Mexico"
        all(any(party in named for named in earlier.parties) for party in record.parties)
        for earlier in found)


def without_restated_headline(found: list[models.Agreement],
                              headline: tuple[int, int] | None) -> list[models.Agreement]:
    """A headline restates the body: its agreements count only when the body has none."""
    if not headline:
        return found
    body = [a for a in found if not headline[0] <= a.start < headline[1]]
    return body or found


@cache
def reference_country_names() -> dict[str, str]:
    """ISO code -> common English name, for countries the article only names by demonym."""
    names = {}
    for country in all_countries():
        try:
            names.setdefault(country.iso()["alpha2"], country.info()["name"])
        except (KeyError, TypeError):
            continue
    return names
