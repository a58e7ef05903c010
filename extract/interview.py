"""The interview an article reports: who was interviewed, by whom, for which outlet, and when.

Read from the sentences that speak of an interview ("said X ... in an interview with The
Astana Times", a caption "X during the interview with The Astana Times correspondent Y"):
the person with a journalist's role is the interviewer, the other person the interviewee,
an outlet named after "interview with" or in the journalist's role is the outlet, and the
event after "on the sidelines of" / "at" / "during" is the occasion.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import CanonicalEntity

Doc.set_extension("interview", default=None)

JOURNALIST_ROLE = re.compile(r"\b(?:correspondent|reporter|journalist|editor|interviewer|host|anchor|"
                             r"columnist|presenter|writer)s?\b", re.IGNORECASE)
OCCASION_PREPOSITIONS = {"at", "during"}
OCCASION_LABELS = {"EVENT", "ORG", "FAC", "GPE"}


@Language.factory("extract_interview")
def make_interview(nlp: Language, name: str) -> "InterviewFinder":
    return InterviewFinder()


class InterviewFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.interview = self.find(doc)
        return doc

    def find(self, doc: Doc) -> dict | None:
        index = doc._.entity_index or {}
        promos = [(b.start, b.end) for b in doc._.boilerplate or [] if b.kind != "caption"]
        sentences = [s for s in doc.sents if any(t.lemma_.lower() == "interview" for t in s)
                     and not any(a <= s.start_char < b for a, b in promos)]
        if not sentences:
            return None
        interviewees: Counter[int] = Counter()
        interviewers: Counter[int] = Counter()
        people: dict[int, CanonicalEntity] = {}
        outlets: Counter[str] = Counter()
        occasion = None
        for sentence in sentences:
            for person in people_in(sentence, index):
                people[id(person)] = person
                if any(JOURNALIST_ROLE.search(r) for r in person.roles):
                    interviewers[id(person)] += 1
                else:
                    interviewees[id(person)] += 1
            outlets.update(outlets_in(sentence, index))
            occasion = occasion or occasion_in(sentence, index)
        own_outlet = (doc._.metadata or {}).get("outlet")
        outlet = outlets.most_common(1)[0][0] if outlets else None
        interviewer = people[interviewers.most_common(1)[0][0]] if interviewers else None
        # An interview the article's own outlet held, not one it cites ("told CNN in an interview").
        if not interviewees or interviewer is None and (outlet is None or outlet != own_outlet):
            return None
        return {"interviewee": people[interviewees.most_common(1)[0][0]].name,
                "interviewer": interviewer.name if interviewer else None,
                "outlet": outlet, "occasion": occasion}


def outlets_in(sentence: Span, index: dict) -> list[str]:
    """Organisations the interview was given to: "told Britain's ITV", "an interview with The X",
    "The X correspondent"."""
    found = []
    for token in sentence:
        entity = index.get(token.i)
        if entity is None or entity.label != "ORG":
            continue
        phrase = token
        while phrase.dep_ in ("compound", "poss", "appos", "nmod", "amod"):
            phrase = phrase.head
        to_interview = phrase.dep_ == "pobj" and phrase.head.lower_ in ("with", "to") and \
            phrase.head.head.lemma_.lower() == "interview"
        told = phrase.dep_ in ("dobj", "dative") and phrase.head.lemma_ == "tell"
        if to_interview or told or JOURNALIST_ROLE.fullmatch(token.head.lower_):
            found.append(entity.name)
    return list(dict.fromkeys(found))


def people_in(sentence: Span, index: dict) -> list[CanonicalEntity]:
    seen: dict[int, CanonicalEntity] = {}
    for token in sentence:
        entity = index.get(token.i)
        if entity is not None and entity.label == "PERSON":
            seen.setdefault(id(entity), entity)
    return list(seen.values())


def occasion_in(sentence: Span, index: dict) -> str | None:
    """The event named after "on the sidelines of", "at" or "during": a phrase holding a named
    event, organisation or place that is not the outlet itself."""
    for token in sentence:
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            continue
        preposition = token.head
        on_sidelines = preposition.lower_ == "of" and preposition.head.lower_ in ("sidelines", "margins")
        if not (on_sidelines or preposition.lower_ in OCCASION_PREPOSITIONS):
            continue
        phrase = token.doc[token.left_edge.i:token.right_edge.i + 1]
        if any(t.ent_type_ in OCCASION_LABELS and t.lower_ != "interview" for t in phrase) and \
                not any(t.lemma_.lower() == "interview" for t in phrase):
            return phrase.text.strip()
    return None
