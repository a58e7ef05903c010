"""The parties of an agreement, resolved to canonical entities.

Parties are the subject, the agent and the with/between complements: a demonym, a place or a
person with a nationality stands for its country; "the two countries" or "both sides" for the
countries named in the sentence or the text before it; a first-person pronoun inside a quote
for its speaker.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

from countryinfo import all_countries
from spacy.tokens import Doc, Span, Token

from .. import countries
from ..entities import CanonicalEntity
from .details import Details
from .mentions import MODIFIER_DEPS, conjuncts
from .words import AgreementWords

PARTY_PREPS = {"with", "between", "among", "amongst"}
COUNTRY_LABELS = {"GPE", "LOC", "NORP", "PERSON"}
PRECEDING_SENTENCES = 3


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
            represented = [o for o in signed_for if self.parties([o])]
            found += represented or agents
        return found

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
        if token.lower_ in self.words.first_person:
            speaker = self.details.speaker_entity_at(token.idx)
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
