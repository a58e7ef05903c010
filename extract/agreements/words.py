"""The word lists the agreement rules look words up in, read once from the lexicons."""
from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons


@dataclass(frozen=True)
class AgreementWords:
    kinds: dict[str, str]  # a noun naming a signed text and its kind: "mou": "memorandum"
    kind_complements: set[str]  # the "of" complements of a kind's name: "memorandum of understanding"
    signing_verbs: set[str]  # verbs (lemmas) whose object is an agreement made: "sign", "ink"
    prepositional_verbs: dict[str, set[str]]  # verbs whose agreement follows a preposition: "entered into"
    signing_nouns: set[str]  # the event as a noun: "the signing of"
    commitment_verbs: set[str]  # with a to-infinitive, a commitment: "agreed to establish"
    consenting_verbs: set[str]  # commitments that imply another side: "agree"
    planned: set[str]  # governors, auxiliaries and modals that make a signing a plan: "will", "expect"
    blocked: set[str]  # those that make it no agreement at all: "fail", "could", "if"
    achieved: set[str]  # governors after which a to-infinitive happened: "manage"
    not_signing_particles: set[str]  # "sign up"
    quantity_modifiers: set[str]  # "a great deal of"
    party_groups: set[str]  # "the two countries", "both sides"
    duration_units: set[str]  # a DATE that is a length of time: "seven years"
    first_person: set[str]  # pronouns standing for a quote's speaker: "we"

    @classmethod
    def load(cls, lexicon: str) -> AgreementWords:
        words = lexicons.load(lexicon)
        return cls(
            kinds=words["kinds"], kind_complements=set(words["kind_complements"]),
            signing_verbs=set(words["signing_verbs"]),
            prepositional_verbs={verb: set(preps) for verb, preps in words["prepositional_verbs"].items()},
            signing_nouns=set(words["signing_nouns"]), commitment_verbs=set(words["commitment_verbs"]),
            consenting_verbs=set(words["consenting_verbs"]), planned=set(words["planned_words"]),
            blocked=set(words["blocked_words"]), achieved=set(words["achieved_words"]),
            not_signing_particles=set(words["not_signing_particles"]),
            quantity_modifiers=set(words["quantity_modifiers"]), party_groups=set(words["party_groups"]),
            duration_units=set(words["duration_units"]), first_person=set(words["first_person"]))
