"""Agreements and commitments: who signed what, how many, in which sectors.

An agreement is a noun naming a signed text that an event makes (`mentions`); the words
governing the event say whether it happened, and the text gives its count, date and worth
(`details`). A commitment is a commitment verb with a to-infinitive ("agreed to establish a
business council") whose maker is a party. Parties are resolved to canonical entities
(`parties`); sectors come from the agreement's own words, normalised through the sector
vocabulary (`sectors`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import models
from ..doctext import doc_text
from .details import Details, status
from .mentions import (event_of, evidence_bounds, is_definite, is_signing_verb, kind_of, restates, subject_of,
                       trimmed, without_restated_headline)
from .parties import Parties
from .sectors import Sector, Sectors, SectorVocabulary, sector_fields
from .words import AgreementWords

__all__ = ["AgreementFinder", "make_agreements"]

Doc.set_extension("agreements", default=None)


@Language.factory("extract_agreements", default_config={"words": "agreements", "sectors": "sectors"})
def make_agreements(nlp: Language, name: str, words: str, sectors: str) -> AgreementFinder:
    return AgreementFinder(AgreementWords.load(words), SectorVocabulary(nlp, sectors))


class Reading:
    """What one document offers the finder: its text, parties, details and sectors."""

    def __init__(self, finder: AgreementFinder, doc: Doc):
        self.text = doc_text(doc)
        self.details = Details(doc, finder.words, doc._.entities or [])
        self.parties = Parties(doc, finder.words, self.details)
        self.sectors = Sectors(doc, finder.vocabulary, finder.words)


class AgreementFinder:
    """Sets doc._.agreements: one models.Agreement per agreement made or commitment taken."""

    def __init__(self, words: AgreementWords, vocabulary: SectorVocabulary):
        self.words = words
        self.vocabulary = vocabulary

    def __call__(self, doc: Doc) -> Doc:
        reading = Reading(self, doc)
        excluded = [(b.start, b.end) for b in doc._.boilerplate or []]
        found: list[models.Agreement] = []
        for token in doc:
            if any(a <= token.idx < b for a, b in excluded):
                continue
            if kind_of(token, self.words):
                record = self.agreement(token, reading)
                if record is None:
                    self.describe_earlier(token, reading, found)
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.words.commitment_verbs:
                record = self.commitment(token, reading)
            else:
                continue
            if record is not None and not any(a < record.end and record.start < b for a, b in excluded) \
                    and not restates(record, token, found):
                found.append(record)
        doc._.agreements = without_restated_headline(found, doc._.headline)
        return doc

    def agreement(self, noun: Token, reading: Reading) -> models.Agreement | None:
        event = event_of(noun, self.words)
        if event is None:
            return None
        made = status(event, self.words, noun)
        if made is None:
            return None
        subject = subject_of(event) if event.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.i == noun.i:
            subject = None
        parties, details = reading.parties, reading.details
        complements = parties.complements(event)
        party_tokens = ([subject] if subject is not None else []) + complements + \
            parties.complements(noun) + parties.party_modifiers(noun)
        names = parties.parties(party_tokens)
        start, end = evidence_bounds(event, noun, subject, complements)
        sentence = noun.sent
        if not names:
            names = parties.countries_named(sentence.start, sentence.end)
        return models.Agreement(
            text=reading.text[start:end], start=start, end=end, kind=kind_of(noun, self.words),
            parties=names, count=details.count(noun), signed=made == "signed",
            date=details.date({event.i, noun.i}, sentence), value=details.money_within(noun),
            said_by=details.speaker_at(start),
            **sector_fields(reading.sectors.agreement_sectors(noun, event), reading.text))

    def commitment(self, verb: Token, reading: Reading) -> models.Agreement | None:
        """"X agreed to establish ...": a commitment without a signed text, between parties: two
        named, or one that consents (agreeing implies another side; pledging alone does not)."""
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if action is None or status(verb, self.words) is None:
            return None
        actions = [action] + [c for c in action.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        if any(is_signing_verb(a, self.words) and any(kind_of(c, self.words) for c in a.children if c.dep_ == "dobj")
               for a in actions):
            return None  # "agreed to sign an agreement": a planned agreement, found from its noun
        subject = subject_of(verb)
        parties, details = reading.parties, reading.details
        party_tokens = [subject] if subject is not None else []
        for act in actions:
            party_tokens += parties.complements(act)
            for obj in (c for c in act.children if c.dep_ in ("dobj", "dative")):
                party_tokens += parties.complements(obj)
        names = parties.parties(party_tokens, people=False)
        if not names or len(names) < 2 and verb.lemma_.lower() not in self.words.consenting_verbs:
            return None  # "Germany pledged to expand its military" binds no one else
        own_subject = subject is not None and subject.head.i == verb.i
        start = min(verb.i, subject.left_edge.i) if own_subject else verb.i
        start_char, end_char = trimmed(verb.doc, start, action.right_edge.i)
        return models.Agreement(
            text=reading.text[start_char:end_char], start=start_char, end=end_char, kind="commitment",
            parties=names, signed=False, date=details.date({verb.i, action.i}, verb.sent),
            value=next(filter(None, (details.money_within(c) for a in actions for c in a.children
                                     if c.dep_ == "dobj")), None),
            said_by=details.speaker_at(start_char),
            **sector_fields(reading.sectors.sectors_in(action), reading.text))

    def describe_earlier(self, noun: Token, reading: Reading, found: list[models.Agreement]) -> None:
        """"The MOU lays out ... in areas including agriculture and youth workforce": a sentence
        about an agreement found before (its definite subject, of the same kind) adds the sectors
        it names to that agreement."""
        earlier = next((i for i in reversed(range(len(found))) if found[i].kind == kind_of(noun, self.words)), None)
        if not is_definite(noun) or earlier is None or noun.dep_ not in ("nsubj", "nsubjpass") or \
                noun.head.pos_ not in ("VERB", "AUX"):
            return
        more = reading.sectors.sectors_in(noun.head)
        if more:
            record = found[earlier]
            known = [Sector(name, span.start, span.end) for name, span in zip(record.sectors, record.sector_spans)]
            found[earlier] = record.model_copy(update=sector_fields(known + more, reading.text))
