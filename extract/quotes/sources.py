"""Which words can be the source of speech: a person, an organisation or a group, by name, by
pronoun or by what it is ("officials", "the ministry"), or a document news quotes as a source
("the statement"). An inanimate subject of a reporting verb reports nothing: in "the remarks
suggest the bank will wait" or "trade is forecast to grow" no one is quoted."""
from __future__ import annotations

from spacy.tokens import Token

from .words import SpeechWords

PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who", "whom"}
AGENT_ENDINGS = ("ist", "ian", "er", "or")  # "environmentalist", "historian", "taxpayer", "investor"
AGENT_MIN_LENGTH = 6  # not "order", "paper" and the like of five letters
SPEAKING_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PERCENT"}  # "12 percent said": of those polled


def can_speak(token: Token, words: SpeechWords) -> bool:
    """Whether `token`, the head of a subject or of an "according to" phrase, names a possible speaker."""
    if token.lower_ in ("that", "which") and token.head.dep_ == "relcl":
        token = token.head.head  # "the ministry, which said ...": its antecedent
    if token.pos_ == "PRON":
        return token.lower_ in PERSONAL_PRONOUNS
    entity = (token.doc._.entity_index or {}).get(token.i)
    if entity is not None:
        return entity.label in SPEAKING_LABELS
    if token.ent_type_:
        return token.ent_type_ in SPEAKING_LABELS
    lemma = token.lemma_.lower()
    return token.pos_ == "PROPN" or bool({lemma, token.lower_} & words.speaking) or token.lower_ in words.role_words or \
        len(lemma) >= AGENT_MIN_LENGTH and lemma.endswith(AGENT_ENDINGS)
