"""The parties of an agreement, resolved to canonical entities.

Parties are the subject, the agent and the with/between complements, named as the text names
them: a country by its name as written ("the US", "UK"), a company or a body by its mention
("SAIC"), an unrecognised proper name by its words ("Rover"). A demonym, a city or a person
with a nationality stands for its country, a ministry with a nationality ("the Maldivian
defence ministry") for its country, a signatory whose title names an organisation ("RBI
Governor Das") for that organisation. "The two countries" or "both sides" stand for the
countries named in the sentence or the text before it, "both central banks" or "three
universities" for the organisations named after or before; "they" and "it" for the speaker
reporting them ("the ministry said they signed") or the parties of the subject before; a
first-person pronoun inside a quote for its speaker.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from countryinfo import all_countries
from spacy.tokens import Doc, Span, Token

from .. import countries, lexicons
from ..entities import CanonicalEntity
from .details import Details
from .mentions import MODIFIER_DEPS, conjuncts, party_preps
from .words import AgreementWords

PARTY_PREPS = {"with", "between", "among", "amongst"}
COUNTRY_LABELS = {"GPE", "LOC", "NORP", "PERSON"}
PRECEDING_SENTENCES = 3
SPEECH_CLAUSE_DEPS = {"ccomp"}


@dataclass(frozen=True)
class Party:
    name: str
    code: str | None = None  # the country it is or acts for
    written: bool = False  # named so in the text, not derived from a nationality, a person or a group
    entity: str | None = None  # the canonical entity's id
    person: bool = False  # a person signing for no country the text gives

    def same_as(self, other: Party) -> bool:
        return self.name == other.name or self.code is not None and self.code == other.code or \
            self.entity is not None and self.entity == other.entity


def merge_parties(parties: list[Party], more: list[Party]) -> list[Party]:
    """The parties and those more, once each: one country once, under the name the text writes."""
    merged = list(parties)
    for party in more:
        same = next((i for i, known in enumerate(merged) if known.same_as(party)), None)
        if same is None:
            merged.append(party)
        elif party.written and not merged[same].written and party.code == merged[same].code:
            merged[same] = party
    return merged


class Parties:
    """The entities of one document, and the parties they make of the words naming them."""

    def __init__(self, doc: Doc, words: AgreementWords, details: Details):
        self.doc = doc
        self.words = words
        self.details = details
        self.index: dict[int, CanonicalEntity] = doc._.entity_index or {}
        self.mentions: dict[int, Span] = doc._.mention_index or {}
        self.entities: list[CanonicalEntity] = doc._.entities or []
        self.country_mentions = Counter()
        for entity in self.entities:
            if entity.label in COUNTRY_LABELS and entity.country:
                self.country_mentions[entity.country] += len(entity.mentions)

    def complements(self, token: Token) -> list[Token]:
        """The objects of "with" and "between" on a word (on a noun, also on its complements' nouns)
        and, on a verb, of "for" (whom a signatory signed for) or else of "by" (the passive's
        agent): "signed for Chile by Ambassador Soto"."""
        def objects(preps: set[str], deps: set[str] = frozenset()) -> list[Token]:
            heads = [c for c in token.children if c.dep_ in deps or c.dep_ == "prep" and c.lower_ in preps]
            heads += [c for h in heads for c in h.children if c.dep_ == "conj" and c.lower_ == h.lower_]
            return [o for h in heads for o in h.children if o.dep_ == "pobj"]

        if token.pos_ in ("NOUN", "PROPN"):  # not the words of its own name: "the Contract with America"
            own = self.index.get(token.i)
            return [o for p in party_preps(token) for o in p.children
                    if o.dep_ == "pobj" and (own is None or self.index.get(o.i) is not own)]
        found = objects(PARTY_PREPS)
        if token.pos_ in ("VERB", "AUX"):
            agents = objects(set(), {"agent"})
            # "signed for Chile by ...", "signed by Minister Soto for Chile and ... for Peru"
            signed_for = objects({"for"}) + [o for agent in agents for signer in conjuncts(agent)
                                             for p in signer.children if p.dep_ == "prep" and p.lower_ == "for"
                                             for o in p.children if o.dep_ == "pobj"]
            represented = [o for o in signed_for if self.parties([o])]
            found += represented or agents
        return found

    def transaction_sides(self, verb: Token) -> list[Token]:
        """The sides of a sale or a supply: its subject or agent, the one it goes to or comes from,
        and the maker of the goods ("to purchase 50 Airbus aircraft by the carrier VietJet")."""
        preps = self.words.transaction_verbs.get(verb.lemma_.lower())
        if preps is None:
            return []
        sides = [o for c in verb.children if c.dep_ in ("agent", "dative") or c.dep_ == "prep" and c.lower_ in preps | {"by"}
                 for o in c.children if o.dep_ == "pobj"]
        sides += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN")]
        sides += [m for obj in verb.children if obj.dep_ == "dobj" for m in obj.children
                  if m.dep_ == "compound" and m.pos_ == "PROPN" and self.index.get(m.i) is not None
                  and self.index[m.i].label == "ORG"]
        return sides

    def parties(self, tokens: list[Token], people: bool = True) -> list[Party]:
        """The parties the tokens (and their conjuncts) name, in order, once each.
        Without `people`, a person with no known country is no party."""
        found: list[Party] = []
        for token in tokens:
            for item in conjuncts(token):
                found = merge_parties(found, self.party_names(item, people))
        return found

    def party_modifiers(self, noun: Token) -> list[Token]:
        """Parties written on the agreement itself: "Kazakhstan's deal", "Rwandan-Kazakh agreements",
        "the US-China accord", "the BI-RBI memorandum"; not the city of a named agreement ("the
        Paris Agreement")."""
        found = []
        for child in noun.children:
            entity = self.index.get(child.i)
            if entity is None or child.dep_ not in ("poss", *MODIFIER_DEPS) or entity is self.index.get(noun.i):
                continue  # "the Treaty of Amity": its own name
            if child.dep_ == "poss" or entity.label == "NORP" and entity.country or \
                    entity.label == "GPE" and countries.is_country(entity.name) or \
                    entity.label == "ORG" and self.is_pair(child):
                found.append(child)
        return found

    def pairs_on(self, head: Token, preps: set[str] | None = None) -> list[Token]:
        """Names in hyphenated pairs on a word or on its complements' nouns: "a deal on China-UK
        tourism"; on a verb, only in the complements after the given prepositions."""
        heads = [] if preps is not None else [head]
        heads += [o for p in head.children if p.dep_ == "prep" and (preps is None or p.lower_ in preps)
                  for o in p.children if o.dep_ == "pobj"]
        modifiers = [c for h in heads for c in h.children if c.dep_ in MODIFIER_DEPS]
        modifiers += [c for m in modifiers for c in m.children if c.dep_ in MODIFIER_DEPS]
        return [m for m in modifiers if self.index.get(m.i) is not None and self.is_pair(m)]

    def is_pair(self, token: Token) -> bool:
        """A name in a hyphenated pair of names: "the BI-RBI memorandum", "China-UK tourism"; not a
        hyphen inside one name ("Weapon-Free Zone")."""
        doc, own = self.doc, self.index.get(token.i)
        for step in (1, -1):
            dash, other = token.i + step, token.i + 2 * step
            if 0 <= min(dash, other) and max(dash, other) < len(doc) and doc[dash].text in ("-", "–"):
                neighbour = self.index.get(other)
                if neighbour is not None and neighbour is not own:
                    return True
        return False

    def party_names(self, token: Token, people: bool) -> list[Party]:
        if token.lower_ in self.words.first_person and token.pos_ == "PRON":
            speaker = self.details.speaker_entity_at(token.idx)
            return [p for p in [self.party_of(speaker, people)] if p] if speaker else []
        if token.lower_ in self.words.third_person and token.pos_ == "PRON":
            return self.antecedents(token, people)
        number = self.group_size(token)
        if number:
            exclude = (token.left_edge.i, token.right_edge.i + 1)
            return [Party(self.country_name(code), code)
                    for code in self.group_countries(token.sent, exclude, number)]
        organisations = self.organisation_group(token)
        if organisations:
            return [party for party in (self.entity_party(e, None, people) for e in organisations) if party]
        entity = self.index.get(token.i)
        if entity is not None:
            party = self.entity_party(entity, token, people)
            return [party] if party else []
        owners = self.holders_of(token)
        if owners:
            return [party for party in (self.party_of(owner, people) for owner in owners) if party]
        if token.lemma_.lower() in self.words.government_bodies:  # "the Lao government"
            code = next(filter(None, (self.nationality(c.text) for c in token.children
                                      if c.dep_ in MODIFIER_DEPS)), None)
            if code:
                return [Party(self.country_name(code), code)]
        return [Party(name, written=True)] if (name := unrecognised_name(token)) else []

    def entity_party(self, entity: CanonicalEntity, token: Token | None, people: bool) -> Party | None:
        """The party an entity at a token makes: a country's name as written, a body by its
        acronym as the agreement writes it ("SAIC") or its full name, a government body's country,
        a signatory's organisation."""
        mention = self.mentions.get(token.i) if token is not None and self.index.get(token.i) is entity else None
        if entity.label == "ORG":
            code = self.government_country(mention if mention is not None else entity.mentions[0])
            if code:
                return Party(self.country_name(code), code, entity=entity.id)
            written = collapse(mention.text) if mention is not None else ""
            name = written if re.fullmatch(r"[A-Z][A-Za-z0-9&.-]*[A-Z0-9]", written) else entity.name
            return Party(name, written=True, entity=entity.id)
        if entity.label == "PERSON" and token is not None:
            office = self.office(token)
            if office is not None:
                return office  # "RBI Governor Das" signs for the RBI
        if entity.label in ("GPE", "LOC") and entity.country and mention is not None and \
                countries.country_code(mention.text) == entity.country:
            return Party(collapse(mention.text), entity.country, written=True, entity=entity.id)
        party = self.party_of(entity, people)
        return Party(party.name, party.code, party.written, entity.id, party.person) if party else None

    def office(self, person: Token) -> Party | None:
        """The organisation in a signatory's title: "RBI Governor Das", "Citibank Chairman John
        Reed", also where the recogniser tagged the name but no entity holds it, or missed a name
        it found elsewhere ("BI Governor Perry Warjiyo" after "Bank Indonesia (BI)")."""
        for token in (t for t in person.subtree if t.i < person.i and t.pos_ == "PROPN"):
            entity = self.index.get(token.i)
            if entity is not None:
                if entity.label == "ORG":
                    return self.entity_party(entity, None, True)
                continue
            if token.ent_type_ == "ORG":
                span = next(e for e in token.doc.ents if e.start <= token.i < e.end)
                return Party(collapse(span.text), written=True)
            named = next((e for e in self.entities if e.label == "ORG" and any(m.text == token.text for m in e.mentions)),
                         None)
            if named is not None:
                return self.entity_party(named, None, True)
        return None

    def government_country(self, words: Span) -> str | None:
        """The country a government body named by its nationality acts for: "the Maldivian defence
        ministry"."""
        tokens = list(words)
        if not any(t.lemma_.lower() in self.words.government_bodies for t in tokens):
            return None
        return next(filter(None, (self.nationality(t.text) for t in tokens if not countries.country_code(t.text))),
                    None)  # "the Government of Mexico" is a party as named; "the Maldivian ministry" Maldives

    def nationality(self, word: str) -> str | None:
        """The country a nationality adjective names, also one the reference lists lack but whose
        country the article names ("Maldivian" or "Lao" in an article naming the Maldives or Laos)."""
        code = countries.demonym_code(word)
        if code or not word[:1].isupper():
            return code
        lower = word.lower()
        stem = re.sub(r"(?:ian|ean|an|ese|ish|i|ic)$", "", lower)
        return next((e.country for e in self.entities if e.label in ("GPE", "LOC") and e.country and
                     (len(stem) >= 4 and e.name.lower().startswith(stem) or
                      len(lower) >= 3 and e.name.lower().startswith(lower) and e.name.lower() != lower)), None)

    def antecedents(self, pronoun: Token, people: bool) -> list[Party]:
        """The parties "they" or "it" stands for: the reporting subject ("the ministry said they
        signed"), else the nearest subject before it that names parties ("China and Russia ...
        they", a country or a body for "it")."""
        clause = pronoun.head
        if clause.dep_ in SPEECH_CLAUSE_DEPS:
            reporter = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
            if reporter is not None and reporter.lower_ not in self.words.third_person:
                found = self.parties([reporter], people)
                if found and (pronoun.lower_ != "it" or len(found) == 1):
                    return found
        sentence = pronoun.sent
        sentences = [sentence]
        while len(sentences) <= PRECEDING_SENTENCES - 1 and sentences[-1].start > 0:
            sentences.append(self.doc[sentences[-1].start - 1].sent)
        for span in sentences:
            subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.i < pronoun.i
                        and t.pos_ != "PRON" and t.lower_ not in self.words.third_person]
            for subject in reversed(subjects):
                found = self.parties([subject], people)
                if pronoun.lower_ == "it" and len(found) == 1 and found[0].code is not None or \
                        pronoun.lower_ != "it" and len(found) > 1:
                    return found
        return []

    def organisation_group(self, token: Token) -> list[CanonicalEntity]:
        """The organisations "both central banks", "the two companies", "three universities" stand
        for: those named after it in its sentence, else the nearest named before it."""
        if token.lemma_.lower() not in self.words.organisation_groups or token.tag_ not in ("NNS", "NNPS"):
            return []
        number = 2 if any(c.lower_ == "both" for c in token.children) else next(
            (self.details.number_at(c) for c in token.children if c.dep_ == "nummod"), None)
        if not number or number < 2:
            return []
        after = self.organisations_between(token.i + 1, token.sent.end)
        if len(after) >= number:
            return after[:number]
        before: list[CanonicalEntity] = []
        end = token.i
        for _ in range(PRECEDING_SENTENCES):
            start = self.doc[end - 1].sent.start if end > 0 else 0
            before = [e for e in self.organisations_between(start, end) if e not in before] + before
            if len(before) >= number or start == 0:
                break
            end = start
        return before[-number:] if len(before) >= number else []

    def organisations_between(self, start: int, end: int) -> list[CanonicalEntity]:
        """Distinct organisations named between two token positions, leaving out an acronym in
        parentheses after a name ("Universiti Tenaga Nasional (UNITEN)")."""
        found: list[CanonicalEntity] = []
        for i in range(start, end):
            entity = self.index.get(i)
            if entity is not None and entity.label == "ORG" and entity not in found and \
                    not (i > 0 and self.doc[i - 1].text == "(" and self.index.get(i - 2) is not None):
                found.append(entity)
        return found

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

    def party_of(self, entity: CanonicalEntity, people: bool) -> Party | None:
        """A country for places, nationalities and people with one; the entity's own name otherwise."""
        if entity.label in COUNTRY_LABELS and entity.country:
            return Party(self.country_name(entity.country), entity.country)
        if entity.label == "PERSON" and not people:
            return None
        return Party(entity.name, written=True, person=entity.label == "PERSON")

    def group_size(self, token: Token) -> int:
        """How many parties "the two countries", "both sides", "the three governments" stand for (0: none)."""
        if token.lower_ == "both" and token.dep_ in ("nsubj", "nsubjpass", "pobj"):
            return 2
        if token.lemma_.lower() not in self.words.party_groups or token.tag_ not in ("NNS", "NNPS") or \
                token.i in self.index:
            return 0
        for child in token.children:
            if child.lower_ == "both":
                return 2
            if child.dep_ == "nummod":
                count = self.details.number_at(child)
                return count if count and count > 1 else 0
        # "the leaders" alone are the two of the story; "the nations of the world" are not.
        children = list(token.children)
        return 2 if len(children) == 1 and children[0].lower_ == "the" else 0

    def group_countries(self, sentence: Span, exclude: tuple[int, int], number: int) -> list[str]:
        """The `number` countries a group stands for: those named in its sentence, else in it and
        the sentences before (the most mentioned in the article when there are more), then the
        article's most mentioned."""
        codes = self.country_codes(sentence.start, sentence.end, exclude)
        if len(codes) > number:
            chosen = set(sorted(codes, key=lambda c: -self.country_mentions[c])[:number])
            return [c for c in codes if c in chosen]
        if len(codes) < number:
            previous = sentence.start
            for _ in range(PRECEDING_SENTENCES):
                if previous == 0:
                    break
                before = self.doc[previous - 1].sent
                codes += [c for c in self.country_codes(before.start, before.end) if c not in codes]
                previous = before.start
            chosen = set(sorted(codes, key=lambda c: -self.country_mentions[c])[:number])
            codes = [c for c in codes if c in chosen]
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

    def countries_named(self, start: int, end: int) -> list[Party]:
        """The parties of an agreement whose syntax names none: the countries its sentence names,
        when it names several ("during Kagame's visit to Kazakhstan, six agreements were signed";
        one place alone is where it was signed)."""
        codes = self.country_codes(start, end)
        return [Party(self.country_name(code), code) for code in codes] if len(codes) > 1 else []

    def country_name(self, code: str) -> str:
        """The article's name for a country (its most mentioned spelling), else the reference name."""
        named = [e for e in self.entities if e.label in ("GPE", "LOC") and e.country == code and
                 countries.country_code(e.name) == code]
        if named:
            return max(named, key=lambda e: len(e.mentions)).name
        return reference_country_names().get(code, code)


def unrecognised_name(token: Token) -> str | None:
    """A proper name the entity recogniser missed, as a party: "Rover and SAIC signed"; not a
    title ("The President agreed")."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.is_alpha or not token.text[0].isupper() or \
            token.lower_ in role_words() or any(c.dep_ == "det" for c in token.children):
        return None
    words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i] + [token]
    return " ".join(t.text for t in words)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def role_words() -> set[str]:
    """The words of titles and roles (lexicons/roles.json): no company's name."""
    return {word for head in lexicons.load("roles")["heads"] for word in head.split()}


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
