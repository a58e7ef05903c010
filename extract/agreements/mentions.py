"""Finding agreement mentions: a noun naming a signed text and the event that makes it.

An agreement is a noun of a kind in lexicons/agreements.json ("agreement", "memorandum",
"treaty", ...) that an event makes: the object of a signing verb ("signed six agreements", "a
deal ... was agreed", "entered into a contract"), the complement of a signing noun ("the
signing of a treaty") or a signing participle ("the accord signed in May"). A kind noun with no
such event ("talks on an agreement", "the agreement of the audience") is none.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import models
from .words import AgreementWords

MAX_GOVERNORS = 4
DEFINITE = {"the", "this", "that", "these", "those"}  # determiners of an agreement already named
MODIFIER_DEPS = {"compound", "amod", "nmod"}


def kind_of(token: Token, words: AgreementWords) -> str | None:
    """The kind a noun names, unless it modifies another noun or is a quantity ("a great deal of")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
        return None
    kind = words.kinds.get(token.lower_) or words.kinds.get(token.lemma_.lower())
    if kind == "deal" and any(c.dep_ == "amod" and c.lower_ in words.quantity_modifiers for c in token.children):
        return None
    return kind


def event_of(noun: Token, words: AgreementWords) -> Token | None:
    """The verb, signing noun or participle that makes the agreement, if any."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    governor = first.head
    if first.dep_ in ("dobj", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
        for verb in [governor] + [c for c in governor.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                  and not any(g.dep_ == "dobj" for g in c.children)]:
            if is_signing_verb(verb, words):
                return verb
    if first.dep_ == "pobj" and governor.dep_ == "prep":
        word = governor.head
        if governor.lower_ in words.prepositional_verbs.get(word.lemma_.lower(), ()):
            return word
        if governor.lower_ == "of" and word.pos_ == "NOUN" and word.lower_ in words.signing_nouns:
            return word
    for token in (noun, first):
        for child in token.children:
            if child.dep_ in ("amod", "acl") and child.tag_ == "VBN" and is_signing_verb(child, words):
                return child
            if child.dep_ == "relcl" and is_signing_verb(child, words) and not any(
                    c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in child.children):
                return child  # "the agreements, which were signed in May", "the deal they struck"
    return None


def is_signing_verb(token: Token, words: AgreementWords) -> bool:
    return token.lemma_.lower() in words.signing_verbs and \
        not any(c.dep_ == "prt" and c.lower_ in words.not_signing_particles for c in token.children)


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
