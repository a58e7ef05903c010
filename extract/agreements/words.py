"""The word lists the agreement rules look words up in, read once from the lexicons."""
from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons


@dataclass(frozen=True)
class AgreementWords:
    kinds: dict[str, str]  # a noun naming a signed text and its kind: "mou": "memorandum"
    modified_kinds: dict[str, dict[str, str]]  # a noun naming one with a modifier: "venture": {"joint": ...}
    document_kinds: dict[str, str]  # nouns naming one only when a document verb makes it: "partnership"
    standing_kinds: set[str]  # kinds naming one with no signing told, when its words single it out: "pact"
    kind_complements: set[str]  # the "of" complements of a kind's name: "memorandum of understanding"
    signing_verbs: dict[str, str]  # verbs (lemmas) whose object is an agreement made, and the status they give
    document_verbs: set[str]  # those that make a document kind an agreement: "sign", "adopt"
    prepositional_verbs: dict[str, set[str]]  # verbs whose agreement follows a preposition: "entered into"
    signing_nouns: set[str]  # the event as a noun: "the signing of"
    commitment_verbs: set[str]  # with a to-infinitive, a commitment: "agreed to establish"
    consenting_verbs: set[str]  # commitments that imply another side: "agree"
    transaction_verbs: dict[str, set[str]]  # a sale or supply and the prepositions of its other side: "sell": {"to"}
    planned: set[str]  # governors, auxiliaries and modals that make a signing a plan: "will", "expect"
    blocked: set[str]  # those that make it no agreement at all: "fail", "could", "if"
    achieved: set[str]  # governors after which a to-infinitive happened: "manage"
    denying: set[str]  # words denying an agreement named with no signing: "rejected the deal"
    pending: set[str]  # under which it is being negotiated: "talks on a deal"
    proposed: set[str]  # under which it is proposed or sought: "a proposed pact", "efforts for a deal"
    planned_modifiers: set[str]  # "the planned accord"
    existing_preps: set[str]  # after which it is in force: "under the deal", "part of a wider deal"
    aggregate_nouns: set[str]  # nouns counting agreements: "a series of MoUs", "a total of 12 MoUs"
    generic_kinds: set[str]  # kinds a definite mention may use for any earlier agreement: "the deal"
    not_signing_particles: set[str]  # "sign up"
    quantity_modifiers: set[str]  # "a great deal of"
    party_groups: set[str]  # "the two countries", "both sides"
    organisation_groups: set[str]  # "both central banks", "three universities"
    government_bodies: set[str]  # an organisation acting for its country: "the Maldivian defence ministry"
    duration_units: set[str]  # a DATE that is a length of time: "seven years"
    date_hedges: set[str]  # words before a date that leave its day: "late Monday"
    first_person: set[str]  # pronouns standing for a quote's speaker: "we"
    third_person: set[str]  # pronouns standing for parties named before: "they", "it"

    @classmethod
    def load(cls, lexicon: str) -> AgreementWords:
        words = lexicons.load(lexicon)
        return cls(
            kinds=words["kinds"], modified_kinds=words["modified_kinds"], document_kinds=words["document_kinds"],
            standing_kinds=set(words["standing_kinds"]), kind_complements=set(words["kind_complements"]),
            signing_verbs=words["signing_verbs"],
            document_verbs=set(words["document_verbs"]),
            prepositional_verbs={verb: set(preps) for verb, preps in words["prepositional_verbs"].items()},
            signing_nouns=set(words["signing_nouns"]), commitment_verbs=set(words["commitment_verbs"]),
            consenting_verbs=set(words["consenting_verbs"]),
            transaction_verbs={verb: set(preps) for verb, preps in words["transaction_verbs"].items()},
            planned=set(words["planned_words"]), blocked=set(words["blocked_words"]),
            achieved=set(words["achieved_words"]), denying=set(words["denying_words"]),
            pending=set(words["pending_words"]), proposed=set(words["proposed_words"]),
            planned_modifiers=set(words["planned_modifiers"]), existing_preps=set(words["existing_preps"]),
            aggregate_nouns=set(words["aggregate_nouns"]), generic_kinds=set(words["generic_kinds"]),
            not_signing_particles=set(words["not_signing_particles"]),
            quantity_modifiers=set(words["quantity_modifiers"]), party_groups=set(words["party_groups"]),
            organisation_groups=set(words["organisation_groups"]), government_bodies=set(words["government_bodies"]),
            duration_units=set(words["duration_units"]), date_hedges=set(words["date_hedges"]),
            first_person=set(words["first_person"]), third_person=set(words["third_person"]))
