"""Direct quotes, found from the quote marks themselves: which quoted stretches are speech (not a
title or a scare quote), who spoke them (a frame beside them, a person in their sentence, the
speaker of the quote before), quotations interrupted by their attribution, and short quoted
phrases inside what someone did with words."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from ..article import TITLE_CASE_MINOR_WORDS
from ..doctext import doc_text
from ..intervals import Ranges
from .found import Found
from .frames import frame_attribution, person_frame
from .marks import STANDALONE_MIN_WORDS, Quoted, trim
from .sources import can_speak
from .speakers import Attribution, Speakers, share_within_chains, subject_of

JOIN_MAX_WORDS = 40  # an attribution between two parts of one quotation, appositives included
FRAGMENT_MAX_WORDS = 4
NAME_CAPITALISED_SHARE = 0.75  # of a quoted name's words besides "of", "and", "the": “Lessons for Replication in the other Member States”


def direct_quotes(speakers: Speakers, quoted: list[Quoted], reported: list[Found], turns: list[Found]) -> list[Found]:
    """The quoted stretches that are speech, with their speakers; parts of one quotation joined."""
    doc = speakers.doc
    covered = Ranges((f.start, f.end) for f in reported + turns)
    found: list[Found] = []
    chain = 0
    for q in quoted:
        if covered.holds(q.start, q.end):
            continue  # a fragment of reported speech, or inside a transcript turn
        name = names_something(doc_text(doc)[q.start:q.end])
        if name and inside_name(doc_text(doc), q):
            continue  # the 2023 “Belt and Road” Media Cooperation Forum: part of a longer name
        attribution = frame_attribution(speakers, q)
        words = q.words(doc_text(doc))
        if q.single:  # single marks also close titles and terms: only long, framed speech counts
            standalone = attribution is not None and words >= STANDALONE_MIN_WORDS
        else:
            # A short title in mid-sentence is no speech, whatever follows it: on “Hannity,” X said.
            opens = starts_sentence(doc, q)
            standalone = attribution is not None and (words > FRAGMENT_MAX_WORDS or opens) or \
                words > FRAGMENT_MAX_WORDS and (words >= STANDALONE_MIN_WORDS or opens)
        if not standalone:  # a scare quote, a title, or a phrase someone used
            if not q.single and (partial := quoted_fragment(speakers, q)) is not None:
                found.append(partial)
            continue
        if name and not starts_sentence(doc, q):
            continue  # a title in mid-sentence, however long: work on “Supporting Innovative Mechanisms”
        framed = attribution is not None
        attribution = attribution or person_frame(speakers, q)
        found.append(Found(q.start, q.end, "direct", attribution, chain=chain, fragments=[q], framed=framed))
        if not q.runs_on:
            chain += 1
    share_within_chains(found)
    speakers.continue_speakers(found, reported)
    return join_interrupted(doc, found, reported)


def join_interrupted(doc: Doc, found: list[Found], reported: list[Found]) -> list[Found]:
    """“A,” he said, “B.” and “A,” he said. “B.”: one quotation interrupted by its attribution,
    when B has no frame of its own and nothing but A's frame stands between them (not someone
    else's report: “A,” he said in a statement that announced C. “B.”)."""
    joined: list[Found] = []
    for f in found:
        last = joined[-1] if joined else None
        if last is not None and f.kind == last.kind == "direct" and last.framed \
                and f.attribution is not None and last.attribution is not None \
                and (not f.framed or same_cue(f.attribution, last.attribution)) \
                and f.attribution.name == last.attribution.name and same_paragraph(doc, last.end, f.start) \
                and not reported_between(reported, last, f):
            gap = doc_text(doc)[last.end:f.start]
            if len(gap.split()) <= JOIN_MAX_WORDS and gap.count(".") + gap.count("!") + gap.count("?") <= 1:
                last.end = f.end
                last.fragments += f.fragments
                continue
        joined.append(f)
    return joined


def reported_between(reported: list[Found], before: Found, after: Found) -> bool:
    """Someone else's report lies between two quotes (reports are in text order)."""
    at = bisect_left(reported, before.end, key=lambda r: r.start)
    return any(r.attribution is None or r.attribution.name != before.attribution.name
               for r in reported[at:bisect_left(reported, after.start, key=lambda r: r.start)])


def quoted_fragment(speakers: Speakers, q: Quoted) -> Found | None:
    """A short quoted phrase in what someone did with words ("Trump called him “the most
    ignorant president”"): the verb's complement, attributed to the verb's subject."""
    doc, words = speakers.doc, speakers.words
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span.root.ancestors if t.pos_ == "VERB" and t.idx < q.start]
    if not verbs:
        return None
    # The reporting verb the fragment hangs from ("said the deal goes “nowhere near far
    # enough”" is Sanders's words, not the deal's), else the nearest verb.
    verb = next((v for v in verbs if v.lemma_.lower() in words.verbs and subject_of(v) is not None), verbs[0])
    source = subject_of(verb)
    if source is None or source.idx >= q.start or source.pos_ == "PRON" and source.lower_ in words.first_person:
        return None
    if verb.lemma_.lower() not in words.verbs and not can_speak(source, words):
        return None  # "the strategy focuses on “digital solidarity”": a term, in no one's words
    start, end = trim(doc_text(doc), doc[verb.i + 1].idx if verb.i + 1 < len(doc) else q.start,
                      max(q.end, verb.right_edge.idx + len(verb.right_edge.text)))
    if start >= end:
        return None
    return Found(start, end, "mixed", speakers.attribute(source, doc[verb.i:verb.i + 1]), fragments=[q])


def names_something(quoted: str) -> bool:
    """Title case and no sentence's end: “Belt and Road”, “The Comeback Kid”, a programme's name."""
    words = quoted.split()
    if not words or quoted.rstrip("”’\"'")[-1:] in ".!?,":
        return False
    content = [w for w in words if w.lower() not in TITLE_CASE_MINOR_WORDS]
    capitalised = [w for w in content if w[:1].isupper() or w[:1].isdigit()]
    return bool(content) and words[0][:1].isupper() and len(capitalised) >= NAME_CAPITALISED_SHARE * len(content)


def inside_name(text: str, q: Quoted) -> bool:
    """The quoted words run on into capitalised words outside the marks: “Belt and Road” Media Forum."""
    after = text[q.end:q.end + 40].lstrip("”’\"'").split()
    return bool(after) and after[0][:1].isupper() and after[0].isalpha()


def starts_sentence(doc: Doc, q: Quoted) -> bool:
    """The quote opens its sentence (a quotation standing as its own sentence)."""
    before = doc_text(doc)[max(0, q.start - 40):q.start].rstrip()
    before = before[:-len(q.open_mark)] if before.endswith(q.open_mark) else before
    before = before.rstrip()
    return not before or before[-1] in ".!?:\n”\"»" or before.endswith("''")


def same_cue(a: Attribution, b: Attribution) -> bool:
    """Both attributed by the same words: the frame between two parts of one quotation."""
    return a.cue is not None and b.cue is not None and a.cue.start == b.cue.start


def same_paragraph(doc: Doc, start: int, end: int) -> bool:
    return "\n" not in doc_text(doc)[start:end]
