"""The word lists the quote rules look words up in, read once from the lexicons."""
from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons


@dataclass(frozen=True)
class SpeechWords:
    verbs: set[str]  # reporting verbs (lemmas): "say", "emphasize", "believe"
    clause_only: set[str]  # verbs whose object is a listener, not what was said: "say", "tell"
    asking: set[str]  # verbs followed by the one asked, then the question: "ask"
    male: set[str]  # pronouns: "he", "him"
    female: set[str]
    first_person: set[str]  # "I", "we", "you": no subject of a quoted fragment
    male_words: set[str]  # honorifics and role words that give a person's gender: "Mr.", "chairman"
    female_words: set[str]
    role_words: set[str]  # the words of a role a speaker may be named by: "minister"
    says_forms: set[str]  # the verbs of a "Speaker Says claim" headline: "says", "denies"
    role_synonyms: dict[str, list[str]]  # a description and the titles it stands for: "envoy": ["ambassador"]
    organisation_kinds: dict[str, list[str]]  # "the company" and the words of a company's name
    quoting_verbs: set[str]  # verbs whose object is the one quoted: "quote", "cite"
    source_nouns: set[str]  # who may be quoted unnamed: "source", "official"
    honorifics: set[str]  # "mr", "ms", "dr": what follows is a person's name
    org_heads: set[str]  # the words of organisations' and outlets' names: "company", "university", "observer"
    speaking: set[str]  # nouns naming who or what can speak: "official", "ministry", "statement"
    inferring: set[str]  # verbs a thing can do too, reporting speech only from a speaker: "suggest"
    planning: set[str]  # verbs of intent: a reporting verb in the infinitive under one is not yet said

    @classmethod
    def load(cls, speech_lexicon: str) -> SpeechWords:
        speech, roles = lexicons.load(speech_lexicon), lexicons.load("roles")
        descriptions = speech["descriptions"]
        return cls(
            verbs=set(speech["verbs"]), clause_only=set(speech["clause_only_verbs"]),
            asking=set(speech["asking_verbs"]), male=set(speech["male"]), female=set(speech["female"]),
            first_person=set(speech["first_person"]), male_words=set(speech["male_words"]),
            female_words=set(speech["female_words"]), role_words={w for r in roles["heads"] for w in r.split()},
            says_forms={present_tense(verb) for verb in speech["headline_verbs"]},
            honorifics=set(roles["honorifics"]), quoting_verbs=set(speech["quoting_verbs"]), source_nouns=set(speech["source_nouns"]),
            role_synonyms=descriptions["roles"], organisation_kinds=descriptions["organisations"],
            org_heads={w for key in ("org_heads", "outlet_words") for w in lexicons.load("organisations")[key]},
            speaking=set(lexicons.load("sources")["speaking_nouns"]),
            inferring=set(lexicons.load("sources")["inferring_verbs"]),
            planning=set(lexicons.load("sources")["planning_verbs"]))


def present_tense(verb: str) -> str:
    """The third person singular: "says", "denies", "vows", "pledges"."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
