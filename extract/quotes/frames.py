"""Frames: the words beside a direct quote that say who spoke it. A trailing frame (",” said X"),
a leading one ("X said: “"), a dash ("— Commissioner X"), a name before a colon, a sentence
ending in a colon that introduces the quote, or a person in the quote's own sentence."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..doctext import doc_text
from ..page import clean, continues
from .marks import DOUBLE_MARKS, Quoted
from .speakers import NOUN_MODIFIER_DEPS, Attribution, Speakers, subject_of

FRAME_MAX_TOKENS = 14
SENTENCE_MAX_TOKENS = 60  # a leading frame ending in a colon may run from its sentence's start
DASHES = {"—", "–", "-", "--"}


def frame_attribution(speakers: Speakers, q: Quoted) -> Attribution | None:
    """The speaker named in the words right after the quote or right before it."""
    doc, verbs = speakers.doc, speakers.words.verbs
    closing = doc_text(doc)[:q.end].rstrip()[-1:]
    after = frame_tokens(doc, q.end, forward=True)
    if after and after[0].text in DASHES:
        person = next((t for t in after[1:4] if t.ent_type_ in ("PERSON", "ORG")), None)
        if person is not None:
            return speakers.attribute(person, None)  # "“…” — Commissioner Geoffrey Starks"
    if after and closing in "?!" and not any(t.lemma_.lower() in verbs for t in after[:6]):
        after = []  # "“…?” The next sentence" is no frame; "“…?” he asked" is
    if after and closing != ".":
        attribution = cue_in(speakers, after, q)
        if attribution is None and doc_text(doc)[q.end:q.end + 1] == ",":
            attribution = any_verb_frame(speakers, after[:5])
        if attribution is not None:
            return attribution
    before = frame_tokens(doc, q.start, forward=False, limit=SENTENCE_MAX_TOKENS)
    if before and before[-1].text != ":":
        before = before[-FRAME_MAX_TOKENS:]
    if not before:
        return introduced_before(speakers, q)
    if before[-1].text in (",", "that") or before[-1].lemma_.lower() in verbs:
        return cue_in(speakers, before, q)
    if before[-1].text == ":":
        return label_before(speakers, before) or cue_in(speakers, before, q) or colon_frame(speakers, before, q)
    return None


def person_frame(speakers: Speakers, q: Quoted) -> Attribution | None:
    """"As Akhil Amar put it, “…”", "Grandi reacted skeptically to the deal, “…”", "Babar
    pondered who might “…”": for a quotation with no frame beside it, the subject of the first
    speech verb of its own sentence before it, else the person who is the subject of any verb
    there."""
    doc, words = speakers.doc, speakers.words
    frame = frame_tokens(doc, q.start, forward=False, limit=SENTENCE_MAX_TOKENS)
    speech = [t for t in frame if t.lemma_.lower() in words.verbs and t.pos_ == "VERB"]
    if speech and (attribution := cue_in(speakers, [t for t in frame if t.i <= speech[0].i + 2], q)):
        return attribution  # "Cruz added that he was the only one “fighting ...”": Cruz's words
    positions = {t.i for t in frame}
    index = doc._.entity_index or {}
    for verb in reversed(frame):
        if verb.pos_ != "VERB":
            continue
        source = subject_of(verb)
        if source is not None and source.i in positions and (
                speakers.references.is_person(index.get(source.i)) or
                source.pos_ == "PRON" and (source.lower_ in words.male or source.lower_ in words.female)):
            return speakers.attribute(source, doc[verb.i:verb.i + 1])
    return None


def label_before(speakers: Speakers, frame: list[Token]) -> Attribution | None:
    """"Carl Bialik: “…”": a name standing right before the colon is the speaker."""
    if len(frame) < 2 or frame[-2].pos_ != "PROPN" and frame[-2].ent_type_ not in ("PERSON", "ORG"):
        return None
    return speakers.attribute(frame[-2], None)


def any_verb_frame(speakers: Speakers, frame: list[Token]) -> Attribution | None:
    """“…,” Trump shot back: a quote closed by a comma runs on into its attribution, whatever
    the verb."""
    positions = {t.i for t in frame}
    for token in frame:
        if token.pos_ == "VERB":
            source = subject_of(token)
            if source is not None and source.i in positions:
                return speakers.attribute(source, speakers.doc[token.i:token.i + 1])
    return None


def introduced_before(speakers: Speakers, q: Quoted) -> Attribution | None:
    """A sentence ending in a colon right before the quote introduces it ("Bolton released the
    following statement:" and the quote in the next paragraph)."""
    doc = speakers.doc
    before = doc_text(doc)[max(0, q.start - 40):q.start].rstrip().rstrip("“\"«„").rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    sentence = [t for t in colon[0].sent if not t.is_space and t.i <= colon[0].i][-SENTENCE_MAX_TOKENS:]
    return cue_in(speakers, sentence, q) or colon_frame(speakers, sentence, q)


def colon_frame(speakers: Speakers, frame: list[Token], q: Quoted) -> Attribution | None:
    """"Trump boomed: “...”": any verb introducing a quote with a colon reports it."""
    # The frame's main clause first ("Asked whether the budget would hold, Mehta was blunt:").
    verbs = [t for t in frame if t.pos_ == "VERB" or t.dep_ == "ROOT" and t.pos_ == "AUX"]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", -t.i))
    for verb in verbs:
        source = subject_of(verb)
        if source is not None and not q.start <= source.idx < q.end:
            return speakers.attribute(source, speakers.doc[verb.i:verb.i + 1])
    return None


def cue_in(speakers: Speakers, frame: list[Token], q: Quoted) -> Attribution | None:
    """A reporting verb in the frame and its subject (anywhere in the sentence outside the
    quote); or "according to X"."""
    doc = speakers.doc
    positions = {t.i for t in frame}
    nearest_first = frame if frame and frame[0].idx >= q.end else list(reversed(frame))
    for token in nearest_first:
        if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), doc[token.i + 2])
            return speakers.attribute(source, doc[token.i:token.i + 2])
        if token.lemma_.lower() in speakers.words.verbs and token.pos_ in ("VERB", "AUX"):
            source = subject_of(token)
            if source is None or q.start <= source.idx < q.end:
                source = adjacent_name(token, positions)
            if source is not None:
                return speakers.attribute(source, doc[token.i:token.i + 1])
    return None


def adjacent_name(verb: Token, positions: set[int]) -> Token | None:
    """"said Nduhungirehe" parsed without a subject: the name or pronoun right after the verb
    (not after "told", whose object is the listener), or right before it (the person, not the
    place or organisation a preposition adds to it)."""
    doc = verb.doc
    before = verb.i - 1
    if verb.i >= 2 and doc[before].text == "," and verb.tag_ != "VBG":
        before -= 1  # "Jake Sullivan, said"; but "in Iowa, telling the crowd" is no subject
    neighbours = (before,) if verb.lemma_ == "tell" else (verb.i + 1, before)
    for i in neighbours:
        if i not in positions:
            continue
        token = doc[i]
        if i > verb.i:  # "said a New Hampshire Democrat": the phrase's head noun
            while token.dep_ in NOUN_MODIFIER_DEPS and token.head.i in positions and token.head.i > token.i:
                token = token.head
        while i < verb.i and token.dep_ == "pobj" and token.head.dep_ == "prep" and \
                token.head.head.i in positions and token.head.head.pos_ in ("PROPN", "NOUN"):
            token = token.head.head  # "Tang of Tsinghua University told": Tang, not the university
        if token.pos_ in ("PROPN", "PRON") or token.ent_type_ == "PERSON" or \
                i > verb.i and token.pos_ == "NOUN" and doc[i].dep_ == "det":
            while token.dep_ == "compound" and token.head.i in positions:
                token = token.head
            return token
    return None


def frame_tokens(doc: Doc, offset: int, forward: bool, limit: int = FRAME_MAX_TOKENS) -> list[Token]:
    """Tokens beside a quote, up to a sentence end, another quote mark, a line break (not one a
    scraped page put mid-sentence: "Attal,\nsaid\nin a statement") or `limit` tokens."""
    def ends_frame(token: Token) -> bool:
        return token.text in DOUBLE_MARKS or "\n" in token.text and not breaks_sentence(doc, token)

    tokens: list[Token] = []
    if forward:
        span = doc.char_span(offset, len(doc_text(doc)), alignment_mode="expand")
        i = span.start if span is not None else len(doc)
        while i < len(doc) and (doc[i].text in DOUBLE_MARKS or doc[i].idx < offset or doc[i].text == ","):
            i += 1
        while i < len(doc) and len(tokens) < limit:
            token = doc[i]
            if ends_frame(token) or token.text in (".", "!", "?", ";") and tokens:
                break
            tokens.append(token)
            i += 1
    else:
        span = doc.char_span(0, offset, alignment_mode="contract")
        i = (span.end - 1) if span is not None else -1
        while i >= 0 and doc[i].text in DOUBLE_MARKS:
            i -= 1
        while i >= 0 and len(tokens) < limit:
            token = doc[i]
            if ends_frame(token) or token.text in (".", "!", "?", ";"):
                break
            tokens.insert(0, token)
            i -= 1
    return [t for t in tokens if not t.is_space]


def breaks_sentence(doc: Doc, newline: Token) -> bool:
    """A line break inside a sentence: the page's lines around it go on from one to the next."""
    text = doc_text(doc)
    before = text[text.rfind("\n", 0, newline.idx) + 1:newline.idx]
    after_start = newline.idx + len(newline.text)
    after_end = text.find("\n", after_start)
    after = text[after_start:after_end if after_end >= 0 else len(text)]
    return continues(clean(before), clean(after))
