"""Reported speech, from the parse: a reporting verb with a subject and a clausal complement ("X
said (that) ...", "X believes ..."), a reporting verb whose object is the content ("X emphasized
the importance of ..."), a parenthetical one ("..., X says, ..."), or "according to X"."""
from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..columns import tokens_at, words_where
from ..doctext import doc_text
from .found import Found
from .marks import STANDALONE_MIN_WORDS, Quoted, last_before, trim
from .sources import can_speak
from .speakers import Speakers, subject_of
from .words import SpeechWords

COMPLEMENT_DEPS = {"ccomp"}
CONTENT_DEPS = {"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "acomp"}
SETTING_PREPOSITIONS = {"at", "on", "in", "during", "after", "before"}  # where or when words were said


def reported_speech(speakers: Speakers, quoted: list[Quoted], excluded: list[tuple[int, int]]) -> list[Found]:
    """"X said (that) ...", "X emphasized the importance of ...", "according to X, ..."."""
    doc, words = speakers.doc, speakers.words
    blocked = token_indices(doc, [(q.start, q.end) for q in quoted if not q.single] + excluded)
    starts = [q.start for q in quoted]  # in order, never overlapping: pair_marks reads left to right
    found = []
    for token in cue_candidates(doc, words.verbs):
        if token.i in blocked:
            continue  # nested speech inside a quote, or boilerplate
        content = source = None
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            clause = token.head if token.head.pos_ in ("VERB", "AUX") else None
            if source is None or clause is None:
                continue
            content = span_without(clause, token)
            cue = doc[token.i:token.i + 2]
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in words.verbs and not planned(token, words):
            source = subject_of(token)
            if source is None:
                continue
            complement = next((c for c in token.children if c.dep_ in COMPLEMENT_DEPS), None)
            content = subtree_span(complement) if complement is not None else \
                what_was_said(token, words) or that_clause(token) or host_clause(token)
            cue = doc[token.i:token.i + 1]
        else:
            continue
        if not can_speak(source, words) and (
                cue[0].lower_ == "according" or cue[0].lemma_.lower() in words.inferring):
            continue  # "trade is forecast to grow", "according to plan", "the remarks suggest": no one speaks
        inside = content is not None and content.start <= source.i < content.end and \
            not token.left_edge.i <= source.i <= token.right_edge.i  # but "X, she says, Y" has "she" in
        if content is None or len(content.text.split()) < 3 or inside:
            continue
        start, end = trim(doc_text(doc), content.start_char, content.end_char)
        before_end = last_before(quoted, starts, end)
        if doc_text(doc)[end - 1:end] == "." and not (before_end is not None and end <= before_end.end):
            start, end = trim(doc_text(doc), start, end - 1)  # the reporting sentence's own full stop
        fragments = quoted[bisect_left(starts, start):bisect_left(starts, end)]
        end = max([end] + [q.end for q in fragments])
        around = last_before(quoted, starts, start + 3)
        fully_quoted = around is not None and end - 2 <= around.end and \
            (not around.single or around.words(doc_text(doc)) >= STANDALONE_MIN_WORDS)
        if fully_quoted:
            continue  # a direct quote: attributed from its marks
        kind = "mixed" if any(not q.single for q in fragments) else "indirect"
        found.append(Found(start, end, kind, speakers.attribute(source, cue, (start, end)), fragments=fragments))
    return drop_nested(found)


def planned(verb: Token, words: SpeechWords) -> bool:
    """"is set to urge", "plans to announce", "To support the transition, X will ...": an infinitive
    under a verb of intent, or one of purpose, names an act to come, not words said."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.head.lemma_.lower() in words.planning and verb.dep_ == "xcomp" or \
        verb.dep_ == "advcl" and verb.i < verb.head.i


def cue_candidates(doc: Doc, verbs: set[str]) -> list[Token]:
    """The tokens that may introduce reported speech: "according" and the speech verbs."""
    return tokens_at(doc, words_where(doc, LEMMA, lambda lemma: lemma.lower() in verbs) |
                     words_where(doc, LOWER, lambda word: word == "according"))


def what_was_said(verb: Token, words: SpeechWords) -> Span | None:
    """The words after a reporting verb that carry what was said, when no clause does: its
    object and complements ("emphasized the importance of ...", "called on X to ...",
    "accused Y of ..."). "Say" and "tell" need a clause: their objects are listeners; "ask"
    is followed by the question or request after the one asked."""
    if verb.lemma_.lower() in words.asking:
        return what_was_asked(verb)
    if verb.lemma_.lower() in words.clause_only:
        return None
    children = [c for c in verb.rights if c.dep_ in CONTENT_DEPS and not when(c)]
    if not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep") for c in children):
        return None
    if all(c.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") and g.pos_ in ("NOUN", "PROPN", "VERB")
                                         for g in c.children) for c in children):
        return None
    doc = verb.doc
    return doc[children[0].left_edge.i:children[-1].right_edge.i + 1]


def when(phrase: Token) -> bool:
    """"on November 17", "last week": a phrase saying when the words were said, not what they were."""
    return phrase.dep_ == "prep" and all(t.ent_type_ in ("DATE", "TIME") for t in phrase.subtree if t is not phrase)


def what_was_asked(verb: Token) -> Span | None:
    """"asked the minister about the mine", "asked Congress to act", "asked him whether ...":
    the words after the listener, which carry the question or the request."""
    children = [c for c in verb.rights if c.dep_ in ("xcomp", "ccomp", "advcl") or
                c.dep_ == "prep" and c.lower_ == "about"]
    if not children:
        return None
    return verb.doc[children[0].left_edge.i:children[-1].right_edge.i + 1]


def that_clause(verb: Token) -> Span | None:
    """"said during a news conference that he may wait": the clause after "that" when the parser
    made it a relative clause of the noun in a prepositional phrase of the verb (not "responded to
    reports that ...", whose "that" clause says what the reports said), from "that" to the verb's
    last word."""
    subtree_end = verb.right_edge.i + 1
    mark = next((t for t in verb.doc[verb.i + 1:subtree_end] if t.dep_ == "mark" and t.lower_ == "that"), None)
    if mark is None or any(t.pos_ in ("VERB", "AUX") for t in verb.doc[verb.i + 1:mark.i]):
        return None
    clause_head, noun = mark.head, mark.head.head
    if clause_head.dep_ != "relcl" or noun.dep_ != "pobj" or noun.head.head != verb or \
            noun.head.lower_ not in SETTING_PREPOSITIONS:
        return None
    return without_closing_punctuation(verb.doc[mark.i:subtree_end])


def host_clause(verb: Token) -> Span | None:
    """"Survival, Mr. VandeHei says, depends on ...": a parenthetical reporting verb reports the
    clause it stands in; without it when it stands at an edge ("The road will open, she says")."""
    if verb.dep_ != "parataxis" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    return span_without(verb.head, verb) or without_closing_punctuation(subtree_span(verb.head))


def span_without(head: Token, removed: Token) -> Span | None:
    """The clause of `head` minus the phrase headed by `removed`, when that phrase is at an edge."""
    clause = without_closing_punctuation(subtree_span(head))
    phrase = subtree_span(removed)
    if phrase.start == clause.start:
        rest = clause.doc[phrase.end:clause.end]
    elif phrase.end == clause.end:
        rest = clause.doc[clause.start:phrase.start]
    else:
        return None
    while len(rest) and (rest[0].is_punct or rest[0].is_space):
        rest = rest[1:]
    return rest if len(rest) else None


def without_closing_punctuation(clause: Span) -> Span:
    """A clause without its full stop: "..., according to the FBI." ends at "FBI"."""
    while len(clause) > 1 and (clause[-1].is_punct or clause[-1].is_space):
        clause = clause[:-1]
    return clause


def subtree_span(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def token_indices(doc: Doc, ranges: list[tuple[int, int]]) -> set[int]:
    """The tokens starting inside any of the character ranges."""
    indices: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return indices


def drop_nested(found: list[Found]) -> list[Found]:
    """Reported speech inside other reported speech is kept only as part of the outer one."""
    found = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[Found] = []
    reach = -1  # the furthest end of those kept, all of which start no later than f
    for f in found:
        if f.end > reach:
            kept.append(f)
            reach = f.end
    return kept
