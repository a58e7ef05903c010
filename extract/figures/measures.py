"""What a figure measures, from the parse: the noun it counts, the "of" phrase after it, or the
subject of the verb it completes."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .drafts import Draft

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "attr", "oprd", "pobj", "npadvmod", "appos", "conj")
PRONOUNS = {"it", "this", "that", "which", "these", "those", "they"}
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "prep", "pobj", "case", "nummod", "quantmod", "det", "cc", "conj",
               "punct", "advmod", "hmod", "hyph", "npadvmod"}


def measures(doc: Doc, d: Draft) -> str | None:
    """What the figure is about, from the parse: the noun a count modifies ("six agreements"), the
    "of" phrase after a unit or percent ("95% of the country"), the subject of a verb the figure
    completes ("trade ... stands at around $1 billion"), or what a duration spans."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    in_figure = {t.i for t in span}
    head = span.root
    # 1. an "of" phrase after the figure: "7,000 kilometers of fiber optics", "95% of the country"
    for t in span:
        for child in t.children:
            if child.i not in in_figure and child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return phrase(obj, in_figure)
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.head.i in in_figure | {nxt.i}:
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return phrase(obj, in_figure)
    # 2. what a duration spans, when it says so: "a decade since his last trip"
    if d.kind == "duration" and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("since", "until", "after"):
        return doc[nxt.i:nxt.right_edge.i + 1].text
    # 3. the noun the number counts: "six agreements", "1.3 billion people"
    if d.kind in ("count", "other", "ordinal", "money", "quantity") and head.dep_ in ("nummod", "quantmod", "amod", "compound") \
            and head.head.i not in in_figure and head.head.pos_ in ("NOUN", "PROPN"):
        if d.kind != "money" or head.head.lemma_ not in ("dollar", "euro"):
            return phrase(head.head, in_figure)
    # 4. the subject of the verb the figure completes: "X stands at", "X reached", "X is"
    verb = head
    while verb.dep_ in ("pobj", "prep", "dobj", "attr", "oprd", "npadvmod", "advmod", "nummod", "quantmod", "appos") \
            and verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX") and verb.head.i not in in_figure | {verb.i}:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            break
    while verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "For 65 years, I would say, Rwanda had ..."
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        if d.kind == "duration":
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in in_figure), None)
            if obj is not None:
                return f"{verb.text} {phrase(obj, in_figure)}"
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None and verb.dep_ in ("xcomp", "ccomp", "conj", "relcl", "advcl"):
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return phrase(resolve(subject), in_figure)
    return None


def resolve(token: Token) -> Token:
    """A relative or personal pronoun stands for a noun: "trade ..., which stands at" -> trade;
    "it's $1 billion" -> the subject of the sentence before."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        noun = token.head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return noun
    if token.lower_ in PRONOUNS:
        sent = token.sent
        if sent.start > 0:
            previous = token.doc[sent.start - 1].sent
            subject = next((t for t in previous if t.dep_ in SUBJECT_DEPS and t.lower_ not in PRONOUNS
                            and t.pos_ in ("NOUN", "PROPN")), None)
            if subject is not None:
                return subject
    return token


def phrase(token: Token, exclude: set[int]) -> str:
    """A noun with its modifiers and "of"/"between" phrases, without determiners, the figure itself or
    a relative clause: "trade between the two countries"."""
    keep = [token]

    def walk(t: Token, depth: int) -> None:
        for child in t.children:
            if child.i in exclude or child.dep_ not in PHRASE_DEPS or depth > 3:
                continue
            if depth == 0 and child.i > token.i and child.dep_ not in ("prep", "compound", "cc", "conj", "hyph", "case"):
                continue  # no clause or adjective phrase after the noun: "agreements worth $1 billion"
            if child.dep_ == "prep" and (child.i < token.i or child.lower_ not in ("of", "between", "for")):
                continue
            if child.dep_ == "punct" or child.dep_ == "det" and child.i < token.i and child.head.i == token.i:
                continue
            keep.append(child)
            walk(child, depth + 1)

    walk(token, 0)
    ids = sorted(t.i for t in keep)
    tokens = [token.doc[i] for i in range(ids[0], ids[-1] + 1) if i in set(ids)]
    while tokens and tokens[0].dep_ in ("det", "cc", "prep") and tokens[0].i != token.i:
        tokens = tokens[1:]
    return " ".join(t.text for t in tokens) if tokens else token.text
