"""What a figure measures, from the parse: the "of" phrase after it ("95% of the country"), the noun
it counts or modifies ("six agreements", "a four-day trip", "a 20% stake"), the noun whose amount
it gives ("a cost of $70 billion", "trade, totaling $240 billion", "islands, 130 km north"), what
a sum is in or for ("$120m in revenue"), what another figure it belongs to measures ("$393
billion, including $180 billion"), or the clause around it: the object a verb changes by it
("increase trade by $393 billion"), who pays or owes it to whom ("the country owes China $8
billion"), else the subject of the verb it completes ("trade stands at $1 billion")."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .drafts import Draft

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PRONOUNS = {"it", "this", "that", "which", "these", "those", "they"}
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "prep", "pobj", "case", "nummod", "quantmod", "det", "cc", "conj",
               "punct", "advmod", "hmod", "hyph", "npadvmod"}
MODIFIER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod")
# Verbs whose subject is what their figure measures ("trade stands at", "exports reached", "X is").
LINKING = {"be", "stand", "reach", "total", "hit", "amount", "grow", "rise", "fall", "drop", "decline", "increase",
           "climb", "jump", "surge", "slip", "top", "exceed", "remain", "stay", "hover", "come", "double", "triple",
           "halve", "expand", "shrink", "contract", "soar", "plunge", "dwindle", "ease", "edge", "account", "make",
           "represent", "cost", "value", "worth", "estimate", "forecast", "project", "expect", "see", "put", "peak"}
# Participles and adjectives that work as prepositions: "compared with", "according to", "including".
PREPOSITION_LIKE = {"compare", "accord", "include", "give", "follow", "exclude"}


@dataclass
class Context:
    """What the figures of one Doc tell one another: the tokens they cover and what each measures."""
    figure_tokens: set[int] = field(default_factory=set)
    known: dict[int, str | None] = field(default_factory=dict)  # a figure's root token -> what it measures
    amount_nouns: frozenset[str] = frozenset()  # "a total of", "a low of": nouns that only restate an amount


def measures(doc: Doc, d: Draft, context: Context) -> str | None:
    """What the figure is about (see the module's docstring), None when the parse does not say."""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    found = what_it_measures(doc, d, span, context)
    context.known[span.root.i] = found
    return found


def what_it_measures(doc: Doc, d: Draft, span: Span, context: Context) -> str | None:
    in_figure = {t.i for t in span}
    head = span.root
    nxt = doc[span.end] if span.end < len(doc) else None
    # 1. an "of" phrase after the figure: "7,000 kilometers of fiber optics", "95% of the country"
    for t in span:
        for child in t.children:
            if child.i not in in_figure and child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return phrase(obj, in_figure)
    if nxt is not None and nxt.lower_ == "of" and nxt.head.i in in_figure | {nxt.i}:
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return phrase(obj, in_figure)
    # 2. what a duration spans, when it says so: "a decade since his last trip"
    if d.kind == "duration" and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("since", "until", "after"):
        return doc[nxt.i:nxt.right_edge.i + 1].text
    # 3. a figure that belongs to another: a conversion ("$6bn (£3.2bn)"), a part ("including $180
    # billion"), one of a list ("by $134 billion and $26 billion")
    owner = owning_figure(head, context)
    if owner is not None:
        return context.known[owner]
    # 4. a relative clause of which the figure is the object: "the $6bn which the bank lent the firm"
    clause = relative_clause(head, in_figure)
    if clause is not None:
        return clause
    # 5. the noun the figure counts or modifies: "six agreements", "a four-day trip", "a 1,500-km-long line"
    noun = modified_noun(head, span, context)
    if noun is not None:
        hyphenated = hyphen_adjective(span)
        return phrase(noun, in_figure | ({hyphenated.i - 1, hyphenated.i} if hyphenated is not None else set()))
    # 6. what a sum is in or for: "$120m in revenue", "$6bn in credits", "A$1 billion for the wine industry"
    if d.kind == "money" and nxt is not None and nxt.lower_ in ("in", "for") and nxt.dep_ == "prep":
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_:
            return phrase(obj, in_figure)
    # 7. the noun whose amount it is: "a volume of $10 billion", "trade, totaling $240 billion",
    # "users aged 20-30", "islands, about 130 km north of ..."
    noun = amount_of(head, in_figure, context)
    if noun is not None:
        return phrase(noun, in_figure)
    # 8. the clause: what a verb changes by it, who pays it to whom, else the verb's subject
    return from_clause(doc, d, head, in_figure)


def owning_figure(head: Token, context: Context) -> int | None:
    """The root token of the figure this one belongs to, when that figure's measure is known."""
    token = head
    if token.dep_ in ("conj", "appos") and token.head.i in context.known:
        return token.head.i if context.known[token.head.i] else None
    if token.dep_ == "pobj" and token.head.lemma_ in ("include", "of") and token.head.head.i in context.known:
        return token.head.head.i if context.known[token.head.head.i] else None
    return None


def hyphen_adjective(span: Span) -> Token | None:
    """The adjective a hyphen joins to the figure: the "long" of "1,500-km-long"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].pos_ == "ADJ":
        return doc[span.end + 1]
    return None


def relative_clause(head: Token, in_figure: set[int]) -> str | None:
    """"the $6bn which the bank lent the firm": the clause's subject, verb and other objects."""
    clause = next((c for c in head.children if c.dep_ == "relcl" and any(
        g.lower_ in ("which", "that") and g.dep_ not in SUBJECT_DEPS for g in c.children)), None)
    if clause is None:
        return None
    words = [phrase(c, in_figure) for c in clause.children if c.dep_ in SUBJECT_DEPS] + [clause.text]
    words += [phrase(c, in_figure) for c in clause.children
              if c.dep_ in ("dobj", "dative") and c.lower_ not in ("which", "that")]
    return " ".join(words)


def modified_noun(head: Token, span: Span, context: Context) -> Token | None:
    """The noun after the figure that it counts or modifies, through a hyphenated adjective
    ("1,500-km-long", "2-year-old"); not a noun that is another figure's ("$50m (1.84bn baht)")."""
    token = head if head.dep_ in MODIFIER_DEPS else next(
        (t for t in reversed(span) if t.dep_ in MODIFIER_DEPS and t.head.i >= span.end), None)
    if token is None:
        return None
    target, hyphenated = token.head, hyphen_adjective(span)
    if hyphenated is not None and target.i == hyphenated.i and target.head.i > target.i:
        target = target.head  # "-long", "-old", "-wide" between the figure and its noun
    if target.i < span.end or target.pos_ not in ("NOUN", "PROPN") or target.i in context.figure_tokens:
        return None
    return target


def amount_of(head: Token, in_figure: set[int], context: Context) -> Token | None:
    """The noun the figure gives the amount of: through "of" ("a cost of"), an apposition ("the
    islands, 130 km north") or a participle or adjective that modifies the noun ("totaling",
    "estimated at", "aged")."""
    token = head
    for _ in range(4):
        parent = token.head
        if parent.i == token.i or parent.i in in_figure:
            return None
        if token.dep_ == "pobj" and parent.lower_ == "of" and parent.head.pos_ == "NOUN" and \
                parent.head.lower_ not in context.amount_nouns:
            return parent.head
        if token.dep_ == "appos" and parent.pos_ in ("NOUN", "PROPN") and parent.i not in context.figure_tokens:
            return parent
        if token.dep_ == "acl" and parent.pos_ in ("NOUN", "PROPN"):
            return parent
        if token.dep_ in ("advmod", "amod") and token.pos_ in ("ADV", "ADJ") and parent.pos_ in ("NOUN", "PROPN") and \
                token.i > parent.i:
            return parent  # "the mine, 60 km south of the capital"
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in PREPOSITION_LIKE:
            return None
        if token.dep_ not in ("pobj", "prep", "dobj", "npadvmod", "advmod", "nummod", "quantmod", "appos", "amod"):
            return None
        token = parent
    return None


def from_clause(doc: Doc, d: Draft, head: Token, in_figure: set[int]) -> str | None:
    """What the clause around the figure says it measures: the object a change verb changes by it
    ("increase the number of tourists by 40,000"), the payer and payee of a sum ("the country owes
    China", "YouTrip raised"), the subject of a verb the figure completes, or what a duration spans."""
    verb, via = head, head
    while verb.dep_ in ("pobj", "prep", "dobj", "attr", "oprd", "npadvmod", "advmod", "nummod", "quantmod", "appos") \
            and verb.head.i != verb.i and verb.head.i not in in_figure | {verb.i}:
        via, verb = verb, verb.head
        if verb.pos_ in ("VERB", "AUX") and not (verb.dep_ in ("prep", "pcomp") and verb.lemma_ in PREPOSITION_LIKE):
            break
    while verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "For 65 years, I would say, Rwanda had ..."
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in in_figure]
    if d.kind == "duration":
        if objects:
            return f"{verb.text} {phrase(objects[0], in_figure)}"
    elif via.dep_ == "prep" and via.lower_ == "by" and objects:
        return phrase(objects[0], in_figure)  # "increase India's trade by $393 billion"
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ in ("xcomp", "ccomp", "conj", "relcl", "advcl"):
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    if d.kind == "money" and verb.lemma_ not in LINKING and head.i > verb.i:
        # a sum a verb moves: "the country owes China", "YouTrip raised", "setting aside ... to bolster trade"
        words = [phrase(resolve(subject), in_figure)] if subject is not None else []
        words += [verb.text] + [c.text for c in verb.children if c.dep_ == "prt"]
        words += [phrase(c, in_figure) for c in verb.children if c.dep_ == "dative"]
        purpose = next((c for c in verb.children if c.dep_ == "advcl" and c.i > head.i and c.tag_ == "VB"), None)
        if purpose is not None:
            words += ["to", purpose.text] + [phrase(c, in_figure) for c in purpose.children if c.dep_ == "dobj"]
        return " ".join(words)
    if subject is not None:
        return phrase(resolve(subject), in_figure)
    return None


def resolve(token: Token) -> Token:
    """A relative or personal pronoun stands for a noun: "trade ..., which stands at" -> trade;
    "the bloc, after it doubled" -> the bloc; "it's $1 billion" -> the subject of the sentence before."""
    if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl":
        noun = token.head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return noun
    if token.lower_ in PRONOUNS:
        sent = token.sent
        if token.lower_ == "it":
            before = next((t for t in reversed(token.doc[sent.start:token.i])
                           if t.pos_ == "NOUN" and t.tag_ == "NN" and t.dep_ in ("pobj", "dobj", "nsubj")), None)
            if before is not None:
                return before
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
    while tokens and tokens[-1].dep_ in ("prep", "cc") and tokens[-1].i != token.i:
        tokens = tokens[:-1]  # "volume of" when the figure is what follows
    return " ".join(t.text for t in tokens) if tokens else token.text
