"""Finding agreement mentions: a noun naming a signed text, and what makes it one.

An agreement is a noun of a kind in lexicons/agreements.json ("agreement", "memorandum",
"treaty", ...) that an event makes: the object of a signing verb ("signed six agreements", "a
deal ... was agreed", "a series of MoUs were inked", "was set to be signed"), the complement of
a signing noun ("the signing of a treaty"), a signing participle ("the accord signed in May",
"an MoU on the project signed between A and B"), or an item listed under one of those ("signed
agreements on ..., including a deal to buy ..."). With no such event, a noun still names an
agreement when its own words single one out (`standing`): its parties ("an investment pact
between Vietnam and Chile", "Kazakhstan's deal"), a count ("two MoUs on tourism"), a name
("the AUKUS defence pact"), a relative clause on its terms ("a memorandum under which ...") or
a frame that presupposes it ("part of a wider deal", "under the accord"). A kind noun with none
of these ("talks on an agreement", "the agreement of the audience") is no agreement.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .words import AgreementWords

MAX_GOVERNORS = 4
MAX_LIST_DEPTH = 8
DEFINITE = {"the", "this", "that", "these", "those"}  # determiners of an agreement already named
MODIFIER_DEPS = {"compound", "amod", "nmod"}
LIST_OPENERS = {"including", "include", "includes", "like", "notably", "namely", "especially", "particularly"}
NAME_LABELS = {"ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART"}


@dataclass
class Mention:
    """An agreement noun and what makes it one: its event (None for a standing one) and the
    aggregate noun counting it ("a series of MoUs"); `listed` when the event is that of the
    agreement it is listed under."""
    noun: Token
    kind: str
    event: Token | None
    position: Token
    listed: bool = False


def kind_of(token: Token, words: AgreementWords) -> str | None:
    """The kind a noun names, unless it modifies another noun or is a quantity ("a great deal of");
    a document kind ("partnership") counts only where a document verb makes it (`find`)."""
    if token.dep_ == "compound" or token.pos_ not in ("NOUN", "PROPN") and not tagged_verb(token):
        return None
    lemma = token.lemma_.lower()
    kind = words.kinds.get(token.lower_) or words.kinds.get(lemma)
    if kind == "deal" and any(c.dep_ == "amod" and c.lower_ in words.quantity_modifiers for c in token.children):
        return None
    if kind is None and lemma in words.modified_kinds:
        modifiers = words.modified_kinds[lemma]
        kind = next((modifiers[c.lower_] for c in token.children if c.dep_ in MODIFIER_DEPS and c.lower_ in modifiers),
                    None)
    return kind or words.document_kinds.get(token.lower_) or words.document_kinds.get(lemma)


def tagged_verb(token: Token) -> bool:
    """A noun the tagger took for a verb, in a noun's place with a determiner: "announced a rail deal"."""
    return token.pos_ == "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr") and \
        any(c.dep_ in ("det", "amod", "nmod", "compound", "nummod", "poss") for c in token.children)


def is_document_kind(token: Token, words: AgreementWords) -> bool:
    return token.lower_ in words.document_kinds or token.lemma_.lower() in words.document_kinds


def find(noun: Token, words: AgreementWords) -> Mention | None:
    """The mention a kind noun makes, if its event or its own words make it one."""
    kind = kind_of(noun, words)
    if kind is None:
        return None
    first = first_conjunct(noun)
    position = aggregate_head(first if kind_of(first, words) else noun, words)
    event = event_of(noun, position, words)
    listed = False
    if event is None:
        event = listing_event(noun, words)
        listed = event is not None
    if event is not None:
        if is_document_kind(noun, words) and event.lemma_.lower() not in words.document_verbs:
            return None  # "forging a partnership" is no signed text; "signed a partnership" is
        return Mention(noun, kind, event, position, listed)
    if is_document_kind(noun, words) or is_quoted_name(noun) or not standing(noun, position, words):
        return None
    return Mention(noun, kind, None, position)


def is_quoted_name(noun: Token) -> bool:
    """A kind noun in a name or a label in quote marks, with no signing told: his “Contract with
    America”, a “Putin-Trump Pact”."""
    doc = noun.doc
    start = noun.left_edge.i
    while start < noun.i and not doc[start].is_quote:
        start += 1
    opening = doc[start] if doc[start].is_quote else (doc[start - 1] if start > 0 and doc[start - 1].is_quote else None)
    closing = doc[noun.i + 1:min(noun.i + 8, noun.sent.end)]
    return opening is not None and opening.i < noun.i and any(t.is_quote for t in closing)


def first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def aggregate_head(noun: Token, words: AgreementWords) -> Token:
    """The noun counting the agreements, when they are its "of" complement: "a series of MoUs"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in words.aggregate_nouns:
        return noun.head.head
    return noun


def event_of(noun: Token, position: Token, words: AgreementWords) -> Token | None:
    """The verb, signing noun or participle that makes the agreement, if any."""
    governor = position.head
    # a noun the parse took for a clause is the verb's object: "struck a fisheries deal"
    if position.dep_ in ("dobj", "nsubjpass", "ccomp") and governor.pos_ in ("VERB", "AUX"):
        for verb in [governor] + [c for c in governor.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                  and not any(g.dep_ == "dobj" for g in c.children)]:
            if is_signing_verb(verb, words):
                return verb
        if position.dep_ == "nsubjpass" or governor.lemma_ == "be":
            passive = passive_signing(governor, words)  # "was set to be signed", "is due to be inked"
            if passive is not None:
                return passive
    if position.dep_ == "pobj" and position.head.dep_ == "prep":
        preposition, word = position.head, position.head.head
        if preposition.lower_ in words.prepositional_verbs.get(word.lemma_.lower(), ()):
            return word
        if preposition.lower_ == "of" and word.pos_ == "NOUN" and word.lower_ in words.signing_nouns:
            return word
    for token in dict.fromkeys((noun, first_conjunct(noun), position)):
        for child in token.children:
            if child.dep_ in ("amod", "acl") and child.tag_ == "VBN" and is_signing_verb(child, words):
                return child
            if child.dep_ == "relcl" and is_signing_verb(child, words) and not any(
                    c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in child.children):
                return child  # "the agreements, which were signed in May", "the deal they struck"
    return signed_complement(noun, words) or stranded_passive(position, words)


def passive_signing(governor: Token, words: AgreementWords) -> Token | None:
    """A passive signing verb completing the governor: "set to be signed", "due to be inked"."""
    completions = [c for c in governor.children if c.dep_ in ("xcomp", "acomp")]
    completions += [c for verb in completions for c in verb.children if c.dep_ == "xcomp"]
    return next((verb for verb in completions if verb.dep_ == "xcomp" and is_signing_verb(verb, words)
                 and any(c.dep_ == "auxpass" for c in verb.children)), None)


def signed_complement(noun: Token, words: AgreementWords) -> Token | None:
    """A signing participle that the parse hung on a noun of the agreement's complement and that
    names who signed: "an MoU on the project signed between A and B in May"."""
    nouns, found = [noun], None
    for _ in range(3):
        nouns = [o for n in nouns for prep in n.children if prep.dep_ == "prep" for o in prep.children
                 if o.dep_ == "pobj"]
        found = next((participle for n in nouns for participle in n.children
                      if participle.dep_ == "acl" and participle.tag_ == "VBN" and is_signing_verb(participle, words)
                      and any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("between", "with", "by")
                              for c in participle.children)), None)
        if found is not None:
            return found
    return None


def stranded_passive(position: Token, words: AgreementWords) -> Token | None:
    """A passive signing verb right after the agreement that the parse left without its subject:
    "..., a total of 12 MoUs have been established."."""
    doc = position.doc
    for token in doc[position.right_edge.i + 1:position.sent.end]:
        if token.pos_ in ("VERB",) and token.tag_ == "VBN":
            if is_signing_verb(token, words) and any(c.dep_ == "auxpass" for c in token.children) and \
                    not any(c.dep_ in ("nsubjpass", "nsubj") for c in token.children):
                return token
            return None
        if token.pos_ not in ("AUX", "ADV", "PART"):
            return None
    return None


def listing_event(noun: Token, words: AgreementWords) -> Token | None:
    """The event of the agreement a noun is listed under: "signed agreements in several areas,
    including training and energy – including a deal to purchase aircraft"."""
    token = first_conjunct(noun)
    opened = False
    for _ in range(MAX_LIST_DEPTH):
        token = first_conjunct(token)
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "pobj" and head.lower_ in LIST_OPENERS:
            opened = True
        elif token.dep_ not in ("conj", "prep", "pobj", "appos"):
            return None
        token = head
        if opened and kind_of(token, words) and not is_document_kind(token, words) and token.i != noun.i:
            return event_of(token, aggregate_head(first_conjunct(token), words), words)
    return None


def is_signing_verb(token: Token, words: AgreementWords) -> bool:
    return token.lemma_.lower() in words.signing_verbs and \
        not any(c.dep_ == "prt" and c.lower_ in words.not_signing_particles for c in token.children)


def standing(noun: Token, position: Token, words: AgreementWords) -> bool:
    """Whether a kind noun with no signing told names one agreement: a kind that can stand alone,
    determined or counted, singled out by parties, a count, a name, its terms or a frame that
    presupposes it. Parties are checked by the finder, which knows the entities."""
    forms = {noun.lemma_.lower(), noun.lower_, noun.lower_.removesuffix("s")}
    if not forms & words.standing_kinds and noun.ent_type_ != "LAW":
        return False  # "the Convention" stands alone only as a law's name
    determined = noun.tag_ in ("NNS", "NNPS") or any(
        c.dep_ in ("det", "poss", "nummod") for c in noun.children) or position.i != noun.i
    if not determined:
        return False  # "in agreement with", "reached agreement"
    return has_party_words(noun) or count_token(noun) is not None or is_named(noun) or \
        states_terms(noun) or in_existing_frame(position, words) or held_by_sides(position)


def held_by_sides(position: Token) -> bool:
    """"India and the UAE have a partnership agreement": the object of "have" whose subject names
    two sides or more."""
    verb = position.head
    if position.dep_ != "dobj" or verb.lemma_ != "have":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(c.dep_ == "conj" for c in subject.children)


def states_terms(noun: Token) -> bool:
    """A relative clause on the agreement's terms: "a memorandum under which ...", "whereby"."""
    return any(opens_terms(noun.doc[clause.left_edge.i:clause.i]) for clause in noun.children if clause.dep_ == "relcl")


def opens_terms(opening: Span) -> bool:
    """"where", "whereby", "under which": the opening of a relative clause on what an agreement
    provides (not "that the US fears")."""
    words = [t for t in opening if not t.is_punct and not t.is_space]
    return any(t.lower_ in ("whereby", "where") for t in words) or \
        len(words) > 1 and words[0].pos_ == "ADP" and words[1].lower_ in ("which", "whom")


def has_party_words(noun: Token) -> bool:
    """Words that may name its parties: "with X", "between X and Y", "X's", "the US-China"."""
    return bool(party_preps(noun)) or any(
        c.dep_ in ("poss", *MODIFIER_DEPS) and c.pos_ == "PROPN" or c.dep_ == "poss" for c in noun.children)


def party_preps(noun: Token) -> list[Token]:
    """The "with", "between" and "among" prepositions on a noun and on its complements' nouns:
    "an agreement on military assistance with Beijing"."""
    found = []
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        if prep.lower_ in ("with", "between", "among", "amongst"):
            found.append(prep)
        elif prep.lower_ in ("on", "for", "in", "over"):
            found += [p for obj in prep.children if obj.dep_ == "pobj" for p in obj.children
                      if p.dep_ == "prep" and p.lower_ in ("with", "between", "among", "amongst")]
    return found


def is_plural(token: Token, words: AgreementWords) -> bool:
    """"agreements", and the plurals the tagger takes for proper names: "MoUs", "Memoranda"."""
    return token.tag_ in ("NNS", "NNPS") or token.lower_ in ("memoranda", "memorandums") or \
        token.lower_.endswith("s") and token.lower_[:-1] in words.kinds


def count_token(noun: Token) -> Token | None:
    """The number written on an agreement noun ("six agreements"), not a worth or a date."""
    return next((c for c in noun.children if c.dep_ == "nummod" and
                 c.ent_type_ not in ("MONEY", "DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL")), None)


def is_named(noun: Token) -> bool:
    """"the Paris Agreement", "the AUKUS defence pact", "the Treaty of Amity": a law's or a
    programme's name holds the noun, or a proper name modifies it."""
    if noun.ent_type_ == "LAW":
        return True
    return bool(name_words(noun))


def name_words(noun: Token) -> list[Token]:
    """The proper names among an agreement's modifiers: "AUKUS" in "the AUKUS defence pact"; not
    a place, a nationality or a person (its parties)."""
    modifiers = [c for c in noun.children if c.dep_ == "compound"]
    modifiers += [c for m in modifiers for c in m.children if c.dep_ == "compound"]
    return [m for m in modifiers if m.pos_ == "PROPN" and m.i < noun.i and (m.ent_type_ in NAME_LABELS or
                                                                           not m.ent_type_ and m.text[:1].isupper())]


def in_existing_frame(position: Token, words: AgreementWords) -> bool:
    """"under the deal", "part of a wider deal", "through the accord": the agreement is in force."""
    if position.dep_ != "pobj":
        return False
    preposition = position.head
    if preposition.lower_ in words.existing_preps:
        return True
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in words.existing_preps


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


def evidence_bounds(mention: Mention, subject: Token | None, complements: list[Token]) -> tuple[int, int]:
    """Character offsets of the clause that makes the agreement: its subject, verb, the
    agreement's phrase and its parties ("the two countries signed six agreements that ...");
    for a standing or listed agreement, its own phrase."""
    noun, event = mention.noun, mention.event
    edges = [noun.left_edge.i, noun.right_edge.i, mention.position.left_edge.i]
    if event is None or mention.listed:
        pass
    elif event.pos_ == "NOUN":
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
