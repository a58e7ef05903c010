"""Agreements and commitments: who signed what, how many, in which sectors, with what status.

An agreement is a noun naming a signed text that an event makes, or that its own words single
out (`mentions`); the words governing it say whether it was signed, agreed, is in force, or is
only planned, proposed or pending, and the text gives its count, date and worth (`details`,
`dates`). A commitment is a commitment verb with a to-infinitive ("agreed to establish a
business council") whose maker is a party; one to sell or supply ("agreed to sell 12 aircraft
to X") is a contract between seller and buyer. Parties are resolved to canonical entities
(`parties`); sectors come from the agreement's own words, normalised through the sector
vocabulary (`sectors`). A later definite mention of an agreement already found ("the deal",
"the MoU was signed by ...") tells more of that one, not of another (`Found.absorb`).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import models
from ..columns import tokens_at, words_where
from ..doctext import doc_text
from .details import Details, made_status, standing_status
from .mentions import (LIST_OPENERS, Mention, evidence_bounds, find, has_party_words, is_definite, is_named,
                       is_signing_verb, kind_of, name_words, subject_of, trimmed)
from .parties import Parties, Party, merge_parties
from .sectors import Sector, Sectors, SectorVocabulary, relative_clauses, sector_fields
from .words import AgreementWords

__all__ = ["AgreementFinder", "make_agreements"]

Doc.set_extension("agreements", default=None)

# How far each status goes towards an agreement made: a later mention may tell it went further.
STATUS_ORDER = ("proposed", "pending", "planned", "existing", "agreed", "signed")
NEARBY_SENTENCES = 5
MAKER_SENTENCES = 12
TOLD_DEPS = {"dobj", "attr", "acomp", "oprd", "dative", "conj"}


@Language.factory("extract_agreements", default_config={"words": "agreements", "sectors": "sectors"})
def make_agreements(nlp: Language, name: str, words: str, sectors: str) -> AgreementFinder:
    return AgreementFinder(AgreementWords.load(words), SectorVocabulary(nlp, sectors))


@dataclass
class Found:
    """An agreement as found so far, open to what later mentions tell of it."""
    kind: str
    status: str
    start: int
    end: int
    sentence: int  # the index of its sentence in the document
    parties: list[Party]
    sectors: list[Sector]
    count: int | None = None
    date: str | None = None
    value: models.Figure | None = None
    said_by: str | None = None
    names: set[str] = field(default_factory=set)  # proper names on it: "AUKUS", "BRI"
    content: set[str] = field(default_factory=set)  # the nouns its purpose is about: "base", "port"
    maker_named: bool = True  # its subject, agent or owner is named, not only who it is "with"
    event: int | None = None  # the token making it
    basis: Found | None = None  # the agreement it serves ("a memorandum for the deal"), whose fields are its own

    def refers_to(self, earlier: Found, words: AgreementWords) -> bool:
        """Whether this definite mention tells of the earlier agreement: a kind as specific or
        generic ("the deal"), no other count, date or name, and no parties unlike its own."""
        if earlier.kind == "commitment" and self.kind != "commitment":
            return False
        if self.kind != earlier.kind and (self.kind not in words.generic_kinds or self.date):
            return False  # "the relationship they signed in 2022" is not the statement signed today
        if self.count is not None and earlier.count not in (None, self.count) or \
                self.date and earlier.date and self.date != earlier.date or self.names - earlier.names:
            return False
        mine = [p for p in self.parties if not p.person]  # signatories say nothing of which agreement it is
        theirs = [p for p in earlier.parties if not p.person]
        return not mine or not theirs or any(p.same_as(q) or p.name in q.name or q.name in p.name
                                             for p in mine for q in theirs)

    def absorb(self, later: Found) -> None:
        """What a later mention of the same agreement adds: parties, sectors, a count, a date, a worth."""
        self.parties = merge_parties(self.parties, later.parties)
        self.sectors += later.sectors
        self.count = self.count or later.count
        self.date = self.date or later.date
        self.value = self.value or later.value
        self.content |= later.content
        if STATUS_ORDER.index(later.status) > STATUS_ORDER.index(self.status):
            self.status = later.status

    def record(self, text: str, details: Details) -> models.Agreement:
        return models.Agreement(
            text=text[self.start:self.end], start=self.start, end=self.end, kind=self.kind,
            parties=[p.name for p in self.parties], count=self.count, status=self.status,
            signed=self.status in ("signed", "agreed") and self.kind != "commitment",
            date=self.date, date_iso=details.date_iso(self.date, self.status), value=self.value,
            said_by=self.said_by,
            **sector_fields(self.sectors + (self.basis.sectors if self.basis is not None else []), text))


class Reading:
    """What one document offers the finder: its text, sentences, parties, details and sectors."""

    def __init__(self, finder: AgreementFinder, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.sentences = list(doc.sents)
        self.sentence_starts = [sentence.start for sentence in self.sentences]
        self.details = Details(doc, finder.words, doc._.entities or [])
        self.parties = Parties(doc, finder.words, self.details)
        self.sectors = Sectors(doc, finder.vocabulary, finder.words)

    def sentence_of(self, token: Token) -> int:
        """The number of the sentence `token` is in."""
        return bisect_right(self.sentence_starts, token.i) - 1


class AgreementFinder:
    """Sets doc._.agreements: one models.Agreement per agreement made or commitment taken."""

    def __init__(self, words: AgreementWords, vocabulary: SectorVocabulary):
        self.words = words
        self.vocabulary = vocabulary
        self.candidate_words = {*words.kinds, *words.modified_kinds, *words.document_kinds, *words.commitment_verbs}

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.candidates(doc)
        if not candidates:  # most articles: no word that names an agreement or a commitment
            doc._.agreements = []
            return doc
        reading = Reading(self, doc)
        excluded = [(b.start, b.end) for b in doc._.boilerplate or []]
        found: list[Found] = []
        for token in candidates:
            if any(a <= token.idx < b for a, b in excluded):
                continue
            if kind_of(token, self.words):
                mention = find(token, self.words)
                item = self.agreement(mention, reading, found) if mention is not None else None
                if item is None:
                    self.describe_earlier(token, reading, found)
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.words.commitment_verbs:
                item, mention = self.commitment(token, reading), None
            else:
                continue
            if item is None or any(a < item.end and item.start < b for a, b in excluded):
                continue
            if mention is not None and mention.listed:
                cut_listing(mention, found)
            earlier = next((f for f in reversed(found) if item.refers_to(f, self.words)), None) \
                if mention is not None and is_definite(mention.noun) else None
            if earlier is not None:
                earlier.absorb(item)
            else:
                found.append(item)
        self.describe_later(reading, found, excluded)
        body = without_restated_headline(found, doc._.headline)
        doc._.agreements = [item.record(reading.text, reading.details) for item in body]
        return doc

    def candidates(self, doc: Doc) -> list[Token]:
        """The tokens whose word or lemma is a kind of agreement or a commitment verb: the only ones
        that can start one."""
        words = self.candidate_words
        return tokens_at(doc, words_where(doc, LOWER, words.__contains__) |
                         words_where(doc, LEMMA, lambda lemma: lemma.lower() in words))

    # --- agreements -------------------------------------------------------------------------

    def agreement(self, mention: Mention, reading: Reading, found: list[Found]) -> Found | None:
        noun, event = mention.noun, mention.event
        if event is None:
            status = standing_status(noun, self.words)
        else:
            status = made_status(event, self.words, noun)
        if status is None:
            return None
        parties, details = reading.parties, reading.details
        own = event is not None and not mention.listed and event.pos_ in ("VERB", "AUX")
        subject = subject_of(event) if own else None
        if subject is not None and subject.i in (noun.i, mention.position.i):
            subject = None
        complements = parties.complements(event) if own or event is not None and event.pos_ == "NOUN" else []
        makers = ([subject] if subject is not None else []) + [c for c in complements if c.head.dep_ == "agent"]
        makers += parties.party_modifiers(noun) + self.transaction_sides(noun, parties) + self.stated_parties(noun)
        withs = complements + parties.complements(noun)
        withs += parties.pairs_on(noun) + (parties.pairs_on(event, self.vocabulary.event_preps)
                                           if own else [])  # "signed a deal on China-UK tourism"
        named = parties.parties(makers)
        if event is None or mention.listed:
            named = merge_parties(named, parties.parties(self.counterpart(mention), people=False))
        party_list = merge_parties(named, parties.parties(withs))
        if event is None and not party_list and has_party_words(noun) and not (
                is_named(noun) or reading.details.count(noun) or mention.position.i != noun.i):
            return None  # "an agreement with him": no party, nothing else singles it out
        start, end = evidence_bounds(mention, subject, complements)
        sentence = noun.sent
        item = Found(
            kind=mention.kind, status=status, start=start, end=end, sentence=reading.sentence_of(noun),
            parties=party_list, sectors=reading.sectors.agreement_sectors(mention),
            count=details.count(noun, event if own else None), value=details.money_within(noun),
            said_by=details.speaker_at(start),
            date=details.date({t.i for t in (event, noun, mention.position) if t is not None}, sentence),
            names={c.text for c in name_words(noun) if not parties.is_pair(c)},
            content=self.content_nouns(mention), maker_named=bool(named) or len(party_list) > 1,
            event=event.i if event is not None and not mention.listed else None)
        item.basis = self.basis(noun, found)
        if item.basis is not None:
            item.parties = item.parties or list(item.basis.parties)
        if not is_named(noun):  # a treaty known by its name has the parties the text gives it
            self.complete_parties(item, sentence, reading, found)
        ids = {p.entity for p in item.parties if p.entity}
        item.sectors += reading.sectors.party_purposes(sentence, ids, parties.index)
        if not item.sectors and sentence.root.i != noun.i and (event is None or sentence.root.i != event.i):
            item.sectors = reading.sectors.purposes(sentence.root)  # "..., aimed at fostering trade, it signed"
        return item

    def basis(self, noun: Token, found: list[Found]) -> Found | None:
        """The agreement found before that this one serves: "a memorandum for the deal", "a
        protocol to the treaty", "contracts under the agreement"."""
        heads = [noun] + [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                          if o.dep_ == "pobj" and o.lower_ in self.words.kind_complements]
        for prep in (c for h in heads for c in h.children
                     if c.dep_ == "prep" and c.lower_ in ("for", "to", "under", "implementing")):
            for obj in (o for o in prep.children if o.dep_ == "pobj" and is_definite(o)):
                kind = kind_of(obj, self.words)
                if kind is not None:
                    return next((f for f in reversed(found) if f.kind != "commitment" and
                                 (f.kind == kind or kind in self.words.generic_kinds)), None)
        return None

    def transaction_sides(self, noun: Token, parties: Parties) -> list[Token]:
        """The seller and buyer of a deal to buy or sell: "a deal to purchase Airbus aircraft by VietJet"."""
        return [side for clause in noun.children if clause.dep_ in ("acl", "relcl")
                for side in parties.transaction_sides(clause)]

    def stated_parties(self, noun: Token) -> list[Token]:
        """The subject of a clause stating the agreement's terms: "an MoU with JICA, where ACE and
        JICA will work together"."""
        return [c for clause in relative_clauses(noun) if not is_signing_verb(clause, self.words)
                for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]

    @staticmethod
    def counterpart(mention: Mention) -> list[Token]:
        """The sides of an agreement "with" someone that its own words leave out: the subject of the
        verb governing it ("Italy would revitalise an agreement with China"), else of its sentence,
        and whom the verb is "with" ("Nepal has two MoUs with Bhutan")."""
        position = mention.position
        verb = position.head if position.dep_ in ("dobj", "pobj") and position.head.pos_ in ("VERB", "AUX") else None
        verb_with = [o for p in (verb.children if verb is not None else []) if p.dep_ == "prep" and p.lower_ == "with"
                     for o in p.children if o.dep_ == "pobj"]
        if position.dep_ not in ("dobj", "pobj") or not verb_with and \
                not any(p.lower_ == "with" for p in mention.noun.children):
            return []
        subject = subject_of(verb) if verb is not None else None
        if subject is None:
            subject = next((c for c in position.sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i in (mention.noun.i, position.i):
            return verb_with
        return [subject] + verb_with

    def complete_parties(self, item: Found, sentence: Span, reading: Reading, found: list[Found]) -> None:
        """Parties the agreement's own words leave out: the countries its sentence names, else those
        of the agreement told just before it; for an agreement only "with" someone, its maker is
        the maker of the agreements before ("X signed MoUs with A ... An MoU with B ...")."""
        if not item.parties:
            item.parties = reading.parties.countries_named(sentence.start, sentence.end)
        if not item.parties:
            before = next((f for f in reversed(found) if f.parties and f.kind != "commitment"
                           and item.sentence - f.sentence <= NEARBY_SENTENCES), None)
            item.parties = list(before.parties) if before is not None else []
        elif not item.maker_named:
            before = next((f for f in reversed(found) if f.maker_named and f.parties and f.kind != "commitment"
                           and item.sentence - f.sentence <= MAKER_SENTENCES), None)
            if before is not None and not any(before.parties[0].same_as(p) for p in item.parties):
                item.parties = merge_parties([before.parties[0]], item.parties)

    @staticmethod
    def content_nouns(mention: Mention) -> set[str]:
        """The nouns an agreement's purpose is about ("to develop a renewable energy base": base),
        by which a later sentence ("The base will ...") tells more of it."""
        heads = [mention.noun, mention.position] + ([mention.event] if mention.event is not None else [])
        return {obj.lemma_.lower() for head in heads for clause in head.children
                if clause.dep_ in ("acl", "relcl", "advcl") and any(c.tag_ == "TO" for c in clause.children)
                for obj in clause.children if obj.dep_ == "dobj" and obj.pos_ == "NOUN"}

    # --- commitments ------------------------------------------------------------------------

    def commitment(self, verb: Token, reading: Reading) -> Found | None:
        """"X agreed to establish ...": a commitment without a signed text, between parties: two
        named, or one that consents (agreeing implies another side; pledging alone does not).
        Agreeing to sell or supply to someone is a contract with them ("agreed to sell 12 aircraft
        to X")."""
        action = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if action is None or made_status(verb, self.words) is None:
            return None
        actions = [action] + [c for c in action.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        if any(is_signing_verb(a, self.words) and any(kind_of(c, self.words) for c in a.children if c.dep_ == "dobj")
               for a in actions):
            return None  # "agreed to sign an agreement": a planned agreement, found from its noun
        subject = subject_of(verb)
        parties, details = reading.parties, reading.details
        party_tokens = [subject] if subject is not None else []
        sides: list[Token] = []
        for act in actions:
            party_tokens += parties.complements(act)
            sides += parties.transaction_sides(act)
            for obj in (c for c in act.children if c.dep_ in ("dobj", "dative")):
                party_tokens += parties.complements(obj)
                entity = parties.index.get(obj.i)
                if entity is not None and entity.label in ("GPE", "ORG") and obj.dep_ == "dobj":
                    party_tokens.append(obj)  # "pledged to help Australia": whom it binds them to
        names = merge_parties(parties.parties(party_tokens, people=False), parties.parties(sides, people=False))
        sale = bool(sides) and len(names) > 1
        if not names or len(names) < 2 and verb.lemma_.lower() not in self.words.consenting_verbs:
            return None  # "Germany pledged to expand its military" binds no one else
        own_subject = subject is not None and subject.head.i == verb.i
        start = min(verb.i, subject.left_edge.i) if own_subject else verb.i
        start_char, end_char = trimmed(verb.doc, start, action.right_edge.i)
        sectors = reading.sectors.sectors_in(action)
        if sale:
            sectors += reading.sectors.purpose_sectors(action)
        return Found(
            kind="contract" if sale else "commitment", status="agreed", start=start_char, end=end_char,
            sentence=reading.sentence_of(verb), parties=names, sectors=sectors,
            date=details.date({verb.i, action.i}, verb.sent),
            value=next(filter(None, (details.money_within(c) for a in actions for c in a.children
                                     if c.dep_ in ("dobj", "prep"))), None),
            said_by=details.speaker_at(start_char))

    # --- what later sentences tell of an agreement ---------------------------------------------

    def describe_earlier(self, noun: Token, reading: Reading, found: list[Found]) -> None:
        """"The MOU lays out ... in areas including agriculture and youth workforce": a sentence
        about an agreement found before (its definite subject, of the same kind or a generic one)
        adds the sectors it names to that agreement."""
        earlier = self.referent(noun, found)
        if earlier is None or noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
            return
        earlier.sectors += self.told_sectors(noun, reading)

    def referent(self, noun: Token, found: list[Found]) -> Found | None:
        """The agreement a definite kind noun that makes none stands for: the last found of its kind,
        or of any kind for a generic one ("the deal")."""
        if not is_definite(noun):
            return None
        kind = kind_of(noun, self.words)
        return next((f for f in reversed(found) if f.kind == kind or
                     kind in self.words.generic_kinds and f.kind != "commitment"), None)

    def describe_later(self, reading: Reading, found: list[Found], excluded: list[tuple[int, int]]) -> None:
        """Sentences whose subject stands for an agreement add the sectors they name: "it" after a
        sentence about the agreement ("The deal will ... It aims to link ... helping the flow of
        energy and trade"), "this collaboration" just after it, and the thing it was made for
        ("The base will incorporate wind, solar and hydro capabilities" after an agreement to
        develop a base)."""
        for number, sentence in enumerate(reading.sentences):
            if any(a <= sentence.start_char < b for a, b in excluded):
                continue
            subject = next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass")), None)  # the first clause's
            before = [f for f in found if f.sentence < number]
            if subject is None or kind_of(subject, self.words) or not before:
                continue
            target = None
            if subject.lower_ == "it" and number > 0:
                previous = next((t for t in reading.sentences[number - 1] if t.dep_ in ("nsubj", "nsubjpass")
                                 and kind_of(t, self.words)), None)
                if previous is not None:
                    target = next((f for f in before if f.sentence == number - 1), None) or \
                        self.referent(previous, before)
            elif is_definite(subject) and number - before[-1].sentence <= NEARBY_SENTENCES:
                lemma = subject.lemma_.lower()
                if lemma in before[-1].content or lemma in self.vocabulary.cooperation_words and \
                        any(c.lower_ in ("this", "these") for c in subject.children):
                    target = before[-1]
            if target is not None:
                target.sectors += self.told_sectors(subject, reading)

    def told_sectors(self, subject: Token, reading: Reading) -> list[Sector]:
        """The sectors a sentence tells of the agreement its subject stands for: the terms its verb
        states ("aims to ..."), and the vocabulary's sectors in its objects, complements and purposes
        ("will incorporate wind, solar and hydro capabilities"), not in where or how it was told."""
        sectors = reading.sectors
        clause = subject.head
        found = sectors.terms(subject) + sectors.sectors_in(clause)
        for child in clause.children:
            if child.dep_ in TOLD_DEPS or child.dep_ == "prep" and child.lower_ in self.vocabulary.event_preps:
                found += sectors.vocabulary_in(child)
            elif child.dep_ in ("xcomp", "ccomp", "advcl"):
                found += sectors.purpose_sectors(child, free=False)
        return found


def cut_listing(mention: Mention, found: list[Found]) -> None:
    """An agreement listed under another ("agreements on ..., including a deal to ...") is told
    on its own: the other's evidence ends before the list that holds it."""
    opener = next((a for a in mention.noun.ancestors if a.lower_ in LIST_OPENERS), None)
    parent = next((f for f in reversed(found) if f.event == mention.event.i), None)
    if opener is None or parent is None:
        return
    last = opener.i - 1
    while last > 0 and (opener.doc[last].is_punct or opener.doc[last].is_space):
        last -= 1
    end = opener.doc[last].idx + len(opener.doc[last])
    if parent.start < end < parent.end:
        parent.end = end


def without_restated_headline(found: list[Found], headline: tuple[int, int] | None) -> list[Found]:
    """A headline restates the body: its agreements count only when the body has none."""
    if not headline:
        return found
    body = [a for a in found if not headline[0] <= a.start < headline[1]]
    return body or found
