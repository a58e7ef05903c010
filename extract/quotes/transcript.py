"""Words given by a speaker label rather than by quote marks: the turns of a Q&A transcript
("Q:", "A:", "PENCE:") and a headline's claim ("Graham: ...", "Trump Says ...")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..doctext import doc_text
from .found import Found
from .marks import OPENING_MARK, trim
from .speakers import Attribution, entity_named

CAPITALISED = r"[A-Z][\w.'’-]*"  # a word of a speaker label: "Nduhungirehe", "Dr.", "O’Rourke"
HEADLINE_LABEL = re.compile(rf"(?P<label>{CAPITALISED}(?:[ ]{CAPITALISED}){{0,4}})[ ]?:[ ]+(?=\S)")
LABEL_JOINERS = {"on", "to", "in", "for", "of", "at", "with", "about", "and", "vs", "versus"}  # "Clinton to Voters:"
HEADLINE_SAYS = re.compile(rf"(?P<label>{CAPITALISED}(?:[ ]{CAPITALISED}){{0,4}}?)[ ](?P<verb>[A-Z][a-z]+s)[ ]+(?=\S)")
TURN_MARKER = re.compile(rf"(?P<label>Q|A|Question|Answer|{CAPITALISED}(?:[ ]{CAPITALISED}){{0,3}})[ ]?:[ ]+(?=\S)")


def transcript_turns(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Found]:
    """Paragraphs opening with a speaker label ("Q:", "A:", "Nduhungirehe:", "PENCE:"), when an
    article has at least two of them with different labels."""
    text = doc_text(doc)
    marked = []
    for start, end in paragraphs:
        match = TURN_MARKER.match(text, start, end)
        if match and turn_speaker(doc, match) is not None:
            marked.append((match, end))
    if len(marked) < 2 or len({m.group("label").lower() for m, _ in marked}) < 2:
        return []
    found = []
    for match, end in marked:
        attribution = turn_speaker(doc, match)
        start, stop = trim(text, match.end(), end)
        found.append(Found(start, stop, "direct", attribution))
    return found


def turn_speaker(doc: Doc, match: re.Match) -> Attribution | None:
    """Who speaks a turn: the interviewer (or outlet) for a question, the interviewee for an
    answer, or the person or outlet the label names."""
    label = match.group("label")
    source = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    interview = doc._.interview or {}
    people = {e.name: e for e in doc._.entities or []}
    if label in ("Q", "Question"):
        name = interview.get("interviewer") or interview.get("outlet") or (doc._.metadata or {}).get("outlet")
        return Attribution(source, None, people.get(name), name) if name else None
    if label in ("A", "Answer"):
        name = interview.get("interviewee")
        return Attribution(source, None, people.get(name), name) if name else None
    entity = entity_named(doc, label)
    if entity is not None:
        return Attribution(source, None, entity, entity.name)
    if label.isupper() and len(label) > 2:
        return Attribution(source, None, None, label)
    return None


def headline_claim(doc: Doc, says_forms: set[str]) -> Found | None:
    """A headline in the "Speaker: claim" or "Speaker Says claim" form ("Graham: Trump's
    rhetoric destroying GOP's chances", "Trump Says He Never Pledged It"), when the label is
    the name of someone the article mentions, with at most a role before it ("McCain
    Challenger Kelli Ward"), and not a kicker ("Breaking", "Poll")."""
    if doc._.headline is None:
        return None
    text = doc_text(doc)
    start, end = doc._.headline
    match = HEADLINE_LABEL.match(text, start, end)
    says = HEADLINE_SAYS.match(text, start, end)
    if says is not None and says.group("verb").lower() in says_forms:
        match = says
    if match is None:
        return None
    label = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    if label is None:
        return None
    mention = (doc._.mention_index or {}).get(label[-1].i)
    entity = (doc._.entity_index or {}).get(label[-1].i)
    if entity is None or mention is None or mention.end != label.end:
        # A name the NER missed in title case ("Lopez" for Maria Lopez), or ran on into the verb.
        mention, entity = next(((label[k:], e) for k in range(len(label)) if
                                (e := entity_named(doc, label[k:].text)) is not None), (None, None))
    if mention is None or entity is None or entity.label not in ("PERSON", "ORG") or mention.end != label.end \
            or len(mention) > len(entity.name.split()) + 1:  # the NER's "Carly Fiorina Endorses Ted Cruz"
        return None
    own_words = entity.name.split()
    while mention.start > label.start and doc[mention.start - 1].text in own_words:
        mention = doc[mention.start - 1:mention.end]  # "Maria" before the "Lopez" the NER kept apart
    role = doc[label.start:mention.start]  # "McCain Challenger", not "Carly Fiorina Endorses"
    others = {w for e in doc._.entities or [] if e.label == "PERSON" and e is not entity for w in e.name.split()}
    if len(role) > 2 or any(t.lower_ in LABEL_JOINERS or t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON"
                            or t.text in others for t in role):
        return None
    content_start, content_end = trim(text, match.end(), end)
    if content_start >= content_end:
        return None
    content = text[content_start:content_end]
    closing = content.rstrip(".!?").rstrip()[-1:]
    if content[:1] in "‘'" and closing in "’'":  # "Kasich: ‘We Are Going All The Way.’"
        content_start, content_end = content_start + 1, content_start + len(content.rstrip(".!?").rstrip()) - 1
        kind = "direct"
    else:
        kind = "mixed" if OPENING_MARK.search(content) else "indirect"
    entity.refer(mention)
    cue = doc.char_span(*match.span("verb"), alignment_mode="expand") if match.re is HEADLINE_SAYS else None
    return Found(content_start, content_end, kind, Attribution(mention, cue, entity, entity.name))
