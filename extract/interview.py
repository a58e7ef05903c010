"""The interview an article is built on: who was interviewed, by whom, for which outlet, and when.

Two components. `extract_interview_cues` runs before the quotes and finds the sentences that
speak of one conversation ("said in an interview with The X", "told The X", "spoke to The X",
"The X sat down with", "in a conversation with", a Q&A transcript's turns): who held it (an
outlet, a journalist) and who else the sentence names. It sets a provisional `doc._.interview`,
which the quotes read to name the speakers of a transcript's "Q:" and "A:" turns.

`extract_interview` runs after the quotes and decides. An article is an interview when it is
built on one conversation with one main person: a cue in its opening sentences (or a
transcript) names the person whose quotes outnumber all other people's together, or, with no
cue, one person speaks nearly all the quotes and never in public (a profile). Someone who
"told Reuters" one line among many sources, a group of reporters, a press conference or a
speech makes no interview.

The outlet is the one the cue names, else the article's own (an agency byline, or the
outlet in `metadata`); the interviewer is the journalist the cue names, else the byline when
the interview is the article's own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicons
from .columns import words_where
from .doctext import doc_text
from .entities import CanonicalEntity

Doc.set_extension("interview", default=None)
Doc.set_extension("interview_cues", default=None)

LEDE_SENTENCES = 5  # an article built on an interview says so in its opening sentences
PROSE_MIN_WORDS = 8  # a sentence of prose, not a page's menu, label or headline
PARTY_MAX_TOKENS = 10  # "Bloomberg Television's Haslinda Amin", "French newspaper La Tribune"
PAGE_LINE_MAX_WORDS = 6  # "BANGKOK POST POLL", "© The Daily Planet": a page naming its own outlet
PROFILE_MIN_QUOTES = 6
PROFILE_MIN_SHARE = 0.7
PARTY_WORDS = {"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"}
OCCASION_PREPOSITIONS = {"at", "during"}
OCCASION_LABELS = {"EVENT", "ORG", "FAC", "GPE"}
SENTENCE_END = ('.', '!', '?', '"', '”', '’', "'")
TURN_LABEL = re.compile(r"(?P<label>Q|A|Question|Answer|[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]?:[ ]+(?=\S)")
ANSWER_LABELS = {"a", "answer"}


@dataclass
class Cue:
    """A sentence speaking of a conversation, and who held it."""
    sentence: Span
    outlet: CanonicalEntity | None = None
    journalist: CanonicalEntity | None = None
    people: list[CanonicalEntity] = field(default_factory=list)  # the others the sentence names
    occasion: str | None = None
    transcript: bool = False


def phrases(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


class Vocabulary:
    """The interview lexicon, with the outlet words of the organisations lexicon."""

    def __init__(self, lexicon: dict, outlet_words: list[str]):
        self.conversation_nouns = set(lexicon["conversation_nouns"])
        self.talk_verbs = set(lexicon["talk_verbs"])
        self.talk_prepositions = set(lexicon["talk_prepositions"])
        self.journalist_roles = set(lexicon["journalist_roles"])
        self.journalist_role = phrases(lexicon["journalist_roles"])
        self.outlet_nouns = set(lexicon["outlet_nouns"])
        self.press_audiences = set(lexicon["press_audiences"])
        self.public_occasion = phrases(lexicon["public_occasions"])
        self.outlet_word = phrases(outlet_words + lexicon["outlet_names"])
        self.non_outlet_heads = set(lexicon["non_outlet_heads"])

    def is_outlet(self, organisation: CanonicalEntity) -> bool:
        """"Bloomberg Television", "The Straits Times", "AFP"; not the "National Press Club"."""
        return bool(self.outlet_word.search(organisation.name)) and \
            organisation.name.split()[-1].lower() not in self.non_outlet_heads

    def is_journalist(self, person: CanonicalEntity) -> bool:
        return any(self.journalist_role.search(role) for role in person.roles)


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(lexicons.load("interview"), lexicons.load("organisations")["outlet_words"])


@Language.factory("extract_interview_cues")
def make_interview_cues(nlp: Language, name: str) -> "CueFinder":
    return CueFinder(vocabulary())


@Language.factory("extract_interview")
def make_interview(nlp: Language, name: str) -> "InterviewJudge":
    return InterviewJudge(vocabulary())


class CueFinder:
    """Finds the sentences speaking of a conversation, and a provisional interview for the quotes."""

    def __init__(self, words: Vocabulary):
        self.words = words
        # The lemmas conversation_at reads: no other token can name a conversation.
        self.talk_lemmas = {*words.conversation_nouns, *words.talk_verbs, "interview", "sit"}

    def __call__(self, doc: Doc) -> Doc:
        cues = self.cues(doc)
        doc._.interview_cues = cues
        doc._.interview = provisional(doc, cues)
        return doc

    def cues(self, doc: Doc) -> list[Cue]:
        index = doc._.entity_index or {}
        promos = [(b.start, b.end) for b in doc._.boilerplate or [] if b.kind != "caption"]
        found = []
        talk = self.talk_lemmas
        talking = numpy.flatnonzero(words_where(doc, LEMMA, lambda lemma: lemma.lower() in talk)).tolist()
        for sentence in doc.sents:
            if any(a <= sentence.start_char < b for a, b in promos):
                continue
            words_of_talk = talking[bisect_left(talking, sentence.start):bisect_left(talking, sentence.end)]
            cue = self.sentence_cue(sentence, index, [doc[i] for i in words_of_talk])
            if cue is not None:
                found.append(cue)
        transcript = self.transcript(doc, found)
        return found + ([transcript] if transcript else [])

    def sentence_cue(self, sentence: Span, index: dict, words_of_talk: list[Token]) -> Cue | None:
        """The sentence's conversation, when it names one: a singular interview noun, or a verb of
        talking whose listener is an outlet or a journalist. A group of reporters is a press event.
        `words_of_talk` are the sentence's tokens whose lemma conversation_at reads."""
        parties: list[Span] = []
        anchors: set[int] = set()  # the conversation's words, where its occasion may attach
        for token in words_of_talk:
            party, names_conversation = self.conversation_at(token, index)
            if not names_conversation:
                continue
            parties += [party] if party is not None else []
            anchors |= {token.i, *(t.i for t in party or [])}
            head = token
            while head.head is not head and head.pos_ not in ("VERB", "AUX"):
                head = head.head
                anchors.add(head.i)
        if not anchors:
            return None
        cue = Cue(sentence, occasion=occasion_in(sentence, anchors))
        in_parties = {t.i for p in parties for t in p}
        for party in parties:
            entities = [index[t.i] for t in party if t.i in index]
            cue.outlet = cue.outlet or next((e for e in entities if e.label == "ORG"), None)
            # The journalist ends the phrase: "CNN's Jane Doe", "The X correspondent Jane Doe".
            cue.journalist = cue.journalist or next((e for e in reversed(entities) if e.label == "PERSON"), None)
        for i in range(sentence.start, sentence.end):
            entity = index.get(i)
            if entity is None or entity.label != "PERSON" or i in in_parties or \
                    any(p is entity for p in cue.people):
                continue
            token = sentence.doc[i]
            if self.words.is_journalist(entity) or self.words.journalist_role.fullmatch(token.head.lower_):
                cue.journalist = cue.journalist or entity
            else:
                cue.people.append(entity)
        return cue

    def conversation_at(self, token: Token, index: dict) -> tuple[Span | None, bool]:
        """Who held the conversation `token` speaks of, and whether it names one: "an interview"
        (with anyone but a group of reporters), "a conversation with The X", "told The X", "spoke
        to The X", "was interviewed by The X", "The X sat down with"."""
        lemma = token.lemma_.lower()
        if lemma in self.words.conversation_nouns and token.pos_ in ("NOUN", "PROPN"):
            party = self.party_after(token, index)
            if lemma == "interview" and token.tag_ != "NNS" and not self.press(party):
                return party, True
            return party, party is not None and self.holds_interviews(party, index)
        if lemma == "interview" and token.pos_ == "VERB":
            party = self.party_after(token, index, ("by",)) or subject_phrase(token)
        elif lemma in self.words.talk_verbs and token.pos_ in ("VERB", "AUX"):
            party = self.party_after(token, index, () if lemma == "tell" else self.words.talk_prepositions)
        elif lemma == "sit" and any(c.lower_ == "down" for c in token.children):
            party = subject_phrase(token)
            if party is None or not self.holds_interviews(party, index):
                party = object_phrase(token, "with")
        else:
            return None, False
        return party, party is not None and self.holds_interviews(party, index)

    def party_after(self, token: Token, index: dict, prepositions=("with", "to")) -> Span | None:
        """The noun phrase following `token` (after one of `prepositions`, when given): who held the
        conversation. Line breaks are crossed: a scraped link splits "interview with\\nThe X\\n's Y"."""
        doc = token.doc
        i = next_word(doc, token.i + 1)
        if prepositions:
            if i >= len(doc) or doc[i].lower_ not in prepositions:
                return None
            i = next_word(doc, i + 1)
        start = end = i
        for t in doc[i:i + PARTY_MAX_TOKENS]:
            possessive = t.lower_ in ("'s", "’s")
            if not t.is_space and not possessive and (t.pos_ not in PARTY_WORDS or t.pos_ == "PART") \
                    and t.i not in index:
                break
            end = t.i + 1 if not t.is_space else end
        return doc[start:end] if end > start else None

    def press(self, party: Span | None) -> bool:
        """"reporters", "Chinese media": a group of journalists, not one outlet."""
        return party is not None and any(t.lower_ in self.words.press_audiences for t in party) and \
            not any(t.ent_type_ in ("ORG", "PERSON") for t in party)

    def holds_interviews(self, party: Span, index: dict) -> bool:
        """An outlet or a journalist: who holds an interview ("The X", "a reporter", "CNN's Y")."""
        if self.press(party):
            return False
        for token in party:
            entity = index.get(token.i)
            if entity is not None and entity.label == "ORG" and self.words.is_outlet(entity):
                return True
            if entity is not None and entity.label == "PERSON" and self.words.is_journalist(entity):
                return True
            if token.lower_ in self.words.journalist_roles or token.lower_ in self.words.outlet_nouns:
                return True
        return False

    def transcript(self, doc: Doc, cues: list[Cue]) -> Cue | None:
        """A Q&A transcript: paragraphs opening with a speaker label, one label asking at least two
        questions and another answering at least twice. "A:" answers for the person the other
        cues name, else for the person the article names most."""
        text = doc_text(doc)
        turns: dict[str, list[str]] = {}
        first = None
        for start, end in doc._.paragraphs or []:
            match = TURN_LABEL.match(text, start, end)
            if match:
                turns.setdefault(match.group("label"), []).append(text[match.end():end].strip())
                first = first if first is not None else start
        askers = [label for label, said in turns.items() if sum(s.endswith("?") for s in said) >= 2]
        answerers = [label for label, said in turns.items()
                     if label not in askers and sum(not s.endswith("?") for s in said) >= 2]
        if not askers or not answerers:
            return None
        sentence = next(s for s in doc.sents if s.end_char > first)
        asker, answerer = named(doc, askers[0]), named(doc, answerers[0])
        if answerer is None and answerers[0].lower() in ANSWER_LABELS:
            answerer = named_most(cues) or most_mentioned_person(doc)
        return Cue(sentence, transcript=True,
                   outlet=asker if asker is not None and asker.label == "ORG" else None,
                   journalist=asker if asker is not None and asker.label == "PERSON" else None,
                   people=[answerer] if answerer is not None and answerer.label == "PERSON" else [])


def next_word(doc: Doc, i: int) -> int:
    """The index of the first token from `i` that is not a line break or other space."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def most_mentioned_person(doc: Doc) -> CanonicalEntity | None:
    people = [e for e in doc._.entities or [] if e.label == "PERSON"]
    return max(people, key=lambda e: len(e.mentions) + len(e.references)) if people else None


def object_phrase(verb: Token, preposition: str) -> Span | None:
    """The object of `preposition` after `verb` or its particle ("sat down with The X")."""
    for child in [c for c in verb.children if c.dep_ == "prt"] + [verb]:
        for prep in child.children:
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ == preposition and objects:
                return verb.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1]
    return None


def subject_phrase(verb: Token) -> Span | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb.doc[subject.left_edge.i:subject.right_edge.i + 1] if subject is not None else None


def named(doc: Doc, label: str) -> CanonicalEntity | None:
    """The person or outlet a transcript's speaker label names, by full name or one of its words."""
    words = label.lower().replace(".", "").split()
    for entity in doc._.entities or []:
        name = entity.name.lower().split()
        if entity.label in ("PERSON", "ORG") and (words == name or len(words) == 1 and words[0] in name):
            return entity
    return None


def named_most(cues: list[Cue]) -> CanonicalEntity | None:
    people = {p.id: p for cue in cues for p in cue.people}
    most = Counter(p.id for cue in cues for p in cue.people).most_common(1)
    return people[most[0][0]] if most else None


def provisional(doc: Doc, cues: list[Cue]) -> dict | None:
    """The interview the cues suggest before the quotes are known: the person they name most."""
    interviewee = named_most(cues)
    if interviewee is None:
        return None
    return interview_record(doc, interviewee, [c for c in cues if about(c, interviewee)])


class InterviewJudge:
    """Keeps the interview the article is built on, weighing the main person's quotes against the others'."""

    def __init__(self, words: Vocabulary):
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        doc._.interview = self.find(doc)
        return doc

    def find(self, doc: Doc) -> dict | None:
        cues = doc._.interview_cues or []
        spoken = quote_counts(doc)
        lede = lede_sentences(doc)
        for cue in cues:
            if not (cue.transcript or cue.sentence.start_char in lede):
                continue
            interviewee = self.interviewee(doc, cue, spoken)
            if interviewee is not None:
                return self.interview(doc, interviewee, cues)
        return self.profile(doc, spoken)

    def interviewee(self, doc: Doc, cue: Cue, spoken: Counter) -> CanonicalEntity | None:
        """The main speaker, when the cue is about them (it names them, or names no one else, as
        in "the governor said in an interview") and their quotes outnumber the others' together."""
        others = Counter({p: n for p, n in spoken.items() if cue.journalist is None or p != cue.journalist.id})
        if not others:
            return None
        main, count = others.most_common(1)[0]
        named_here = {p.id for p in cue.people} | speakers_in(doc, cue.sentence)
        if named_here and main not in named_here or count <= sum(others.values()) - count:
            return None
        return entity_by_id(doc, main)

    def profile(self, doc: Doc, spoken: Counter) -> dict | None:
        """One person speaking nearly every quote, never at a press conference or in a speech."""
        quotes = [q for q in doc._.quotes or [] if q.speaker is not None]
        if not spoken or not quotes:
            return None
        main, count = spoken.most_common(1)[0]
        if count < PROFILE_MIN_QUOTES or count < PROFILE_MIN_SHARE * len(quotes):
            return None
        text = doc_text(doc)
        if any(self.words.public_occasion.search(text[q.sentence.start:q.sentence.end])
               for q in quotes if q.speaker.entity_id == main):
            return None
        return interview_record(doc, entity_by_id(doc, main), [])

    def interview(self, doc: Doc, interviewee: CanonicalEntity, cues: list[Cue]) -> dict:
        """The sides from every cue about this conversation: those naming the interviewee or no one."""
        return interview_record(doc, interviewee, [c for c in cues if about(c, interviewee) or not c.people])


def interview_record(doc: Doc, interviewee: CanonicalEntity, cues: list[Cue]) -> dict:
    """Interviewee, interviewer, outlet and occasion: the outlet the cues name most, else the
    article's own; the journalist they name, else the byline when the interview is the article's own."""
    metadata = doc._.metadata or {}
    byline = metadata.get("byline")
    outlets = Counter(c.outlet.name for c in cues if c.outlet is not None)
    journalist = next((c.journalist for c in cues if c.journalist is not None and c.journalist is not interviewee),
                      None)
    own = own_outlet(doc)
    outlet = outlets.most_common(1)[0][0] if outlets else own
    interviewer = journalist.name if journalist else None
    if interviewer is None and byline and (not outlets or names_itself(doc, outlet)):
        interviewer = byline
    occasion = next((c.occasion for c in cues if c.occasion), None)
    return {"interviewee": interviewee.name, "interviewer": interviewer, "outlet": outlet, "occasion": occasion}


def own_outlet(doc: Doc) -> str | None:
    """The article's source: an agency in the byline ("Bloomberg", "Reuters"), else its outlet."""
    metadata = doc._.metadata or {}
    byline = metadata.get("byline")
    if byline and vocabulary().outlet_word.search(byline):  # a news agency, not a person
        return byline
    return metadata.get("outlet")


def same_outlet(a: str | None, b: str | None) -> bool:
    def norm(name: str) -> str:
        return re.sub(r"^the\s+", "", name.strip().lower())
    return a is not None and b is not None and norm(a) == norm(b)


def names_itself(doc: Doc, outlet: str | None) -> bool:
    """The outlet is the article's own: its byline or outlet, or its name stands in the page's own
    lines (a masthead, a poll or copyright line of a few words)."""
    metadata = doc._.metadata or {}
    if same_outlet(outlet, metadata.get("outlet")) or same_outlet(outlet, metadata.get("byline")):
        return True
    if outlet is None:
        return False
    name = re.compile(r"\b" + re.escape(re.sub(r"^the\s+", "", outlet, flags=re.IGNORECASE)) + r"\b", re.IGNORECASE)
    return any(name.search(line) and len(line.split()) <= PAGE_LINE_MAX_WORDS for line in doc_text(doc).splitlines())


def quote_counts(doc: Doc) -> Counter[str]:
    """How many quotes each person speaks, by entity id."""
    people = {e.id for e in doc._.entities or [] if e.label == "PERSON"}
    return Counter(q.speaker.entity_id for q in doc._.quotes or []
                   if q.speaker is not None and q.speaker.entity_id in people)


def entity_by_id(doc: Doc, entity_id: str) -> CanonicalEntity:
    return next(e for e in doc._.entities or [] if e.id == entity_id)


def about(cue: Cue, person: CanonicalEntity) -> bool:
    return any(p is person for p in cue.people)


def speakers_in(doc: Doc, sentence: Span) -> set[str]:
    """The entity ids of the named speakers (people or organisations) of the quotes in `sentence`."""
    return {q.speaker.entity_id for q in doc._.quotes or [] if q.speaker is not None and q.speaker.entity_id
            and q.sentence.start < sentence.end_char and q.sentence.end > sentence.start_char}


def lede_sentences(doc: Doc) -> set[int]:
    """Start offsets of the sentences up to the article's first few sentences of prose: not its
    headline, captions, a page's labels and menus, or a subtitle without a full stop."""
    skipped = [(b.start, b.end) for b in doc._.boilerplate or []]
    if doc._.headline:
        skipped.append(tuple(doc._.headline))
    lede, prose = set(), 0
    for sentence in doc.sents:
        if prose >= LEDE_SENTENCES:
            break
        lede.add(sentence.start_char)
        text = sentence.text.strip()
        if len(text.split()) >= PROSE_MIN_WORDS and text.endswith(SENTENCE_END) and \
                not any(a <= sentence.start_char < b for a, b in skipped):
            prose += 1
    return lede


def occasion_in(sentence: Span, anchors: set[int]) -> str | None:
    """The event the conversation was held at: a phrase after "on the sidelines of", "at" or
    "during" attached to the conversation's words, holding a named event, organisation or place."""
    for token in sentence:
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            continue
        preposition = token.head
        on_sidelines = preposition.lower_ == "of" and preposition.head.lower_ in ("sidelines", "margins") and \
            preposition.head.head.head.i in anchors
        if not (on_sidelines or preposition.lower_ in OCCASION_PREPOSITIONS and preposition.head.i in anchors):
            continue
        phrase = token.doc[token.left_edge.i:token.right_edge.i + 1]
        if any(t.ent_type_ in OCCASION_LABELS for t in phrase) and \
                not any(t.lemma_.lower() == "interview" for t in phrase):
            return phrase.text.strip()
    return None
