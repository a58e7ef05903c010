"""Quotes and their speakers: direct quotes, reported speech, and Q&A transcripts.

Direct quotes are found from the quote marks themselves (paired per paragraph, in any
style), then attributed by the words around them: a trailing frame (",” said X"), a leading
frame ("X said: “"), a dash ("— Commissioner X"), or, with no frame, the speaker of the quote
before (a floating quote). Reported speech comes from the parse: a reporting verb with a
subject and a clausal complement ("X said (that) ...", "X believes ..."), a reporting verb
whose object is the content ("X emphasized the importance of ..."), or "according to X".
Every speaker is resolved to a canonical entity where the text makes it unambiguous:
names through the entities component, "he"/"she" to the person last in focus, "the
minister" to the one person with that role. No speaker beats a wrong one.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicons, models
from .doctext import doc_text
from .entities import CanonicalEntity
from .intervals import Ranges

Doc.set_extension("quotes", default=None)

OPENING = {"“": "”", "«": "»", "„": "”", '"': '"', "``": "''", "''": "''"}
SINGLE_OPENING = {"‘": "’", "'": "'"}
OPENING_MARK = re.compile("(?:^|(?<=\\s))[“«„\"‘']\\w")  # a mark opening a quotation, not an apostrophe
MARK_CHAR = re.compile("[“”«»„\"`'‘’]")  # every character a quote mark begins with
FRAME_MAX_TOKENS = 14
JOIN_MAX_WORDS = 40  # an attribution between two parts of one quotation, appositives included
SENTENCE_MAX_TOKENS = 60  # a leading frame ending in a colon may run from its sentence's start
ANTECEDENT_MAX_TOKENS = 400  # how far back a pronoun's person is looked for, within its paragraphs
FLOATING_MAX_GAP = 2  # paragraphs between a floating quote and the quote whose speaker it continues
STANDALONE_MIN_WORDS = 8  # a quote this long is speech even without a frame
FRAGMENT_MAX_WORDS = 4
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
COMPLEMENT_DEPS = {"ccomp"}
CONTENT_DEPS = {"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "acomp"}
DASHES = {"—", "–", "-", "--"}
TIME_ENTITIES = {"DATE", "TIME"}
NOT_WORDS_OF_A_NAME = {"PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "SYM"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
SETTING_PREPOSITIONS = {"at", "on", "in", "during", "after", "before"}  # where or when words were said
NOUN_MODIFIER_DEPS = {"det", "amod", "compound", "nummod", "poss", "case", "punct"}
QUOTE_CHARS = "\"“”«»„"
PAIRED = ("''", "``")  # quote marks typed as two apostrophes or backticks
DOUBLE_MARKS = {'"', "“", "”", "«", "»", "„", "''", "``"}
CAPITALISED = r"[A-Z][\w.'’-]*"  # a word of a speaker label: "Nduhungirehe", "Dr.", "O’Rourke"
HEADLINE_LABEL = re.compile(rf"(?P<label>{CAPITALISED}(?:[ ]{CAPITALISED}){{0,4}})[ ]?:[ ]+(?=\S)")
LABEL_JOINERS = {"on", "to", "in", "for", "of", "at", "with", "about", "and", "vs", "versus"}  # "Clinton to Voters:"
HEADLINE_SAYS = re.compile(rf"(?P<label>{CAPITALISED}(?:[ ]{CAPITALISED}){{0,4}}?)[ ](?P<verb>[A-Z][a-z]+s)[ ]+(?=\S)")
TURN_MARKER = re.compile(rf"(?P<label>Q|A|Question|Answer|{CAPITALISED}(?:[ ]{CAPITALISED}){{0,3}})[ ]?:[ ]+(?=\S)")


@dataclass
class Quoted:
    """Text between a pair of quote marks (or to its paragraph's end when a quote runs on)."""
    start: int
    end: int
    open_mark: str
    runs_on: bool = False  # no closing mark: the quote continues in the next paragraph
    single: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


@dataclass
class Attribution:
    """A speaker found for some content: the source token (or a span for a Q&A label) and the cue."""
    source: Span | None
    cue: Span | None
    entity: CanonicalEntity | None = None
    name: str | None = None

    def continued(self, before: int | None = None) -> "Attribution":
        """The same speaker for a quote with no words of attribution beside it: no cue of its own,
        and as mention the one that names the speaker nearest before character `before` (the
        quote's start), from the attribution it continues on."""
        source = self.source
        if source is not None and is_relative_subject(source[0]):
            source = noun_phrase(source[0].head.head)  # away from its clause, "who" names no one
        if self.entity is not None and source is not None and before is not None:
            named_since = [m for m in self.entity.mentions + self.entity.references
                           if source.start_char < m.start_char and m.end_char <= before]
            source = max(named_since, key=lambda m: m.start_char, default=source)
        return Attribution(source, None, self.entity, self.name)


@dataclass
class Found:
    start: int
    end: int
    kind: str
    attribution: Attribution | None
    chain: int = -1  # quotes of one run-on quotation share a chain number
    fragments: list[Quoted] = field(default_factory=list)  # the verbatim parts
    framed: bool = False  # attributed by words right beside it


@Language.factory("extract_quotes", default_config={"lexicon": "speech"})
def make_quotes(nlp: Language, name: str, lexicon: str) -> "QuoteFinder":
    return QuoteFinder(lexicons.load(lexicon), lexicons.load("roles"))


class QuoteFinder:
    def __init__(self, speech: dict, roles: dict):
        self.verbs = set(speech["verbs"])
        self.clause_only = set(speech["clause_only_verbs"])
        self.asking = set(speech["asking_verbs"])
        self.male = set(speech["male"])
        self.female = set(speech["female"])
        self.first_person = set(speech["first_person"])
        self.male_words = set(speech["male_words"])
        self.female_words = set(speech["female_words"])
        self.role_words = {w for r in roles["heads"] for w in r.split()}
        self.says_forms = {present_tense(verb) for verb in speech["headline_verbs"]}  # "says", "denies"

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        excluded = [(b.start, b.end) for b in doc._.boilerplate or []]
        if doc._.headline:
            excluded.append(doc._.headline)
        paragraphs = [p for p in doc._.paragraphs or [(0, len(text))]
                      if not any(a <= p[0] < b for a, b in excluded)]
        index = doc._.entity_index or {}
        self.genders = self.entity_genders(doc)
        quoted = [q for p in pair_marks(text, paragraphs) for q in p]
        turns = self.transcript_turns(doc, paragraphs, index)
        reported = self.reported_speech(doc, quoted, excluded)
        direct = self.direct_quotes(doc, quoted, reported, turns)
        headline = [claim] if (claim := self.headline_claim(doc)) is not None else []
        found = drop_overlapping(headline + turns + reported + direct)
        doc._.quotes = [self.record(doc, f) for f in found if f.end > f.start]
        return doc

    # --- reported speech ------------------------------------------------------------------

    def reported_speech(self, doc: Doc, quoted: list[Quoted], excluded: list[tuple[int, int]]) -> list[Found]:
        """"X said (that) ...", "X emphasized the importance of ...", "according to X, ..."."""
        blocked = token_indices(doc, [(q.start, q.end) for q in quoted if not q.single] + excluded)
        starts = [q.start for q in quoted]  # in order, never overlapping: pair_marks reads left to right
        found = []
        for token in self.cue_candidates(doc):
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
            elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.verbs:
                source = self.subject_of(token)
                if source is None:
                    continue
                complement = next((c for c in token.children if c.dep_ in COMPLEMENT_DEPS), None)
                content = subtree_span(complement) if complement is not None else \
                    self.what_was_said(token) or that_clause(token) or host_clause(token)
                cue = doc[token.i:token.i + 1]
            else:
                continue
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
            found.append(Found(start, end, kind, self.attribute(doc, source, cue), fragments=fragments))
        return drop_nested(found)

    def cue_candidates(self, doc: Doc) -> Iterator[Token]:
        """The tokens that may introduce reported speech: "according" and the speech verbs. Picked
        from the Doc's arrays, so the other tokens never become Python objects."""
        strings = doc.vocab.strings
        rows = doc.to_array([LEMMA, LOWER])
        verbs = {lemma for lemma in set(rows[:, 0].tolist()) if strings[lemma].lower() in self.verbs}
        according = strings["according"]
        for i, (lemma, lower) in enumerate(rows.tolist()):
            if lemma in verbs or lower == according:
                yield doc[i]

    def what_was_said(self, verb: Token) -> Span | None:
        """The words after a reporting verb that carry what was said, when no clause does: its
        object and complements ("emphasized the importance of ...", "called on X to ...",
        "accused Y of ..."). "Say" and "tell" need a clause: their objects are listeners; "ask"
        is followed by the question or request after the one asked."""
        if verb.lemma_.lower() in self.asking:
            return self.what_was_asked(verb)
        if verb.lemma_.lower() in self.clause_only:
            return None
        children = [c for c in verb.rights if c.dep_ in CONTENT_DEPS]
        if not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep") for c in children):
            return None
        if all(c.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") and g.pos_ in ("NOUN", "PROPN", "VERB")
                                             for g in c.children) for c in children):
            return None
        doc = verb.doc
        return doc[children[0].left_edge.i:children[-1].right_edge.i + 1]

    @staticmethod
    def what_was_asked(verb: Token) -> Span | None:
        """"asked the minister about the mine", "asked Congress to act", "asked him whether ...":
        the words after the listener, which carry the question or the request."""
        children = [c for c in verb.rights if c.dep_ in ("xcomp", "ccomp", "advcl") or
                    c.dep_ == "prep" and c.lower_ == "about"]
        if not children:
            return None
        return verb.doc[children[0].left_edge.i:children[-1].right_edge.i + 1]

    def subject_of(self, verb: Token) -> Token | None:
        """The speaker of a reporting verb: its subject, the agent of a passive, or the subject of
        the verb it is conjoined to ("... and added")."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return child  # "a surrogate who said ...": attribute() takes the person from "a surrogate"
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("it", "there", "that", "which", "what", "who"):
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ") and verb.head.i != verb.i:
            return self.subject_of(verb.head)  # "... and added", "..., telling the crowd"
        return None

    # --- direct quotes --------------------------------------------------------------------

    def direct_quotes(self, doc: Doc, quoted: list[Quoted], reported: list[Found], turns: list[Found]) -> list[Found]:
        covered = Ranges((f.start, f.end) for f in reported + turns)
        found: list[Found] = []
        chain = 0
        for q in quoted:
            if covered.holds(q.start, q.end):
                continue  # a fragment of reported speech, or inside a transcript turn
            attribution = self.frame_attribution(doc, q)
            words = q.words(doc_text(doc))
            if q.single:  # single marks also close titles and terms: only long, framed speech counts
                standalone = attribution is not None and words >= STANDALONE_MIN_WORDS
            else:
                # A short title in mid-sentence is no speech, whatever follows it: on “Hannity,” X said.
                opens = self.starts_sentence(doc, q)
                standalone = attribution is not None and (words > FRAGMENT_MAX_WORDS or opens) or \
                    words > FRAGMENT_MAX_WORDS and (words >= STANDALONE_MIN_WORDS or opens)
            if not standalone:  # a scare quote, a title, or a phrase someone used
                if not q.single and (partial := self.quoted_fragment(doc, q)) is not None:
                    found.append(partial)
                continue
            framed = attribution is not None
            attribution = attribution or self.person_frame(doc, q)
            found.append(Found(q.start, q.end, "direct", attribution, chain=chain, fragments=[q], framed=framed))
            if not q.runs_on:
                chain += 1
        self.share_within_chains(found)
        self.continue_speakers(doc, found, reported)
        return self.join_interrupted(doc, found)

    @staticmethod
    def join_interrupted(doc: Doc, found: list[Found]) -> list[Found]:
        """“A,” he said, “B.” and “A,” he said. “B.”: one quotation interrupted by its attribution,
        when B has no frame of its own and nothing but A's frame stands between them."""
        joined: list[Found] = []
        for f in found:
            last = joined[-1] if joined else None
            if last is not None and f.kind == last.kind == "direct" and last.framed \
                    and f.attribution is not None and last.attribution is not None \
                    and (not f.framed or same_cue(f.attribution, last.attribution)) \
                    and f.attribution.name == last.attribution.name and same_paragraph(doc, last.end, f.start):
                gap = doc_text(doc)[last.end:f.start]
                if len(gap.split()) <= JOIN_MAX_WORDS and gap.count(".") + gap.count("!") + gap.count("?") <= 1:
                    last.end = f.end
                    last.fragments += f.fragments
                    continue
            joined.append(f)
        return joined

    def quoted_fragment(self, doc: Doc, q: Quoted) -> Found | None:
        """A short quoted phrase in what someone did with words ("Trump called him “the most
        ignorant president”"): the verb's complement, attributed to the verb's subject."""
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        verbs = [t for t in span.root.ancestors if t.pos_ == "VERB" and t.idx < q.start]
        if not verbs:
            return None
        # The reporting verb the fragment hangs from ("said the deal goes “nowhere near far
        # enough”" is Sanders's words, not the deal's), else the nearest verb.
        verb = next((v for v in verbs if v.lemma_.lower() in self.verbs and self.subject_of(v) is not None), verbs[0])
        source = self.subject_of(verb)
        if source is None or source.idx >= q.start or source.pos_ == "PRON" and source.lower_ in self.first_person:
            return None
        start, end = trim(doc_text(doc), doc[verb.i + 1].idx if verb.i + 1 < len(doc) else q.start,
                          max(q.end, verb.right_edge.idx + len(verb.right_edge.text)))
        if start >= end:
            return None
        return Found(start, end, "mixed", self.attribute(doc, source, doc[verb.i:verb.i + 1]), fragments=[q])

    @staticmethod
    def starts_sentence(doc: Doc, q: Quoted) -> bool:
        """The quote opens its sentence (a quotation standing as its own sentence)."""
        before = doc_text(doc)[max(0, q.start - 40):q.start].rstrip()
        before = before[:-len(q.open_mark)] if before.endswith(q.open_mark) else before
        before = before.rstrip()
        return not before or before[-1] in ".!?:\n”\"»" or before.endswith("''")

    def frame_attribution(self, doc: Doc, q: Quoted) -> Attribution | None:
        """The speaker named in the words right after the quote or right before it."""
        closing = doc_text(doc)[:q.end].rstrip()[-1:]
        after = self.frame_tokens(doc, q.end, forward=True)
        if after and after[0].text in DASHES:
            person = next((t for t in after[1:4] if t.ent_type_ in ("PERSON", "ORG")), None)
            if person is not None:
                return self.attribute(doc, person, None)  # "“…” — Commissioner Geoffrey Starks"
        if after and closing in "?!" and not any(t.lemma_.lower() in self.verbs for t in after[:6]):
            after = []  # "“…?” The next sentence" is no frame; "“…?” he asked" is
        if after and closing != ".":
            attribution = self.cue_in(doc, after, q)
            if attribution is None and doc_text(doc)[q.end:q.end + 1] == ",":
                attribution = self.any_verb_frame(doc, after[:5], q)
            if attribution is not None:
                return attribution
        before = self.frame_tokens(doc, q.start, forward=False, limit=SENTENCE_MAX_TOKENS)
        if before and before[-1].text != ":":
            before = before[-FRAME_MAX_TOKENS:]
        if not before:
            return self.introduced_before(doc, q)
        if before[-1].text in (",", "that") or before[-1].lemma_.lower() in self.verbs:
            return self.cue_in(doc, before, q)
        if before[-1].text == ":":
            return self.label_before(doc, before, q) or self.cue_in(doc, before, q) or \
                self.colon_frame(doc, before, q)
        return None

    def person_frame(self, doc: Doc, q: Quoted) -> Attribution | None:
        """"As Akhil Amar put it, “…”", "Grandi reacted skeptically to the deal, “…”", "Babar
        pondered who might “…”": for a quotation with no frame beside it, the subject of the first
        speech verb of its own sentence before it, else the person who is the subject of any verb
        there."""
        frame = self.frame_tokens(doc, q.start, forward=False, limit=SENTENCE_MAX_TOKENS)
        speech = [t for t in frame if t.lemma_.lower() in self.verbs and t.pos_ == "VERB"]
        if speech and (attribution := self.cue_in(doc, [t for t in frame if t.i <= speech[0].i + 2], q)):
            return attribution  # "Cruz added that he was the only one “fighting ...”": Cruz's words
        positions = {t.i for t in frame}
        index = doc._.entity_index or {}
        for verb in reversed(frame):
            if verb.pos_ != "VERB":
                continue
            source = self.subject_of(verb)
            if source is not None and source.i in positions and (
                    getattr(index.get(source.i), "label", None) == "PERSON" or
                    source.pos_ == "PRON" and (source.lower_ in self.male or source.lower_ in self.female)):
                return self.attribute(doc, source, doc[verb.i:verb.i + 1])
        return None

    def label_before(self, doc: Doc, frame: list[Token], q: Quoted) -> Attribution | None:
        """"Carl Bialik: “…”": a name standing right before the colon is the speaker."""
        if len(frame) < 2 or frame[-2].pos_ != "PROPN" and frame[-2].ent_type_ not in ("PERSON", "ORG"):
            return None
        return self.attribute(doc, frame[-2], None)

    def any_verb_frame(self, doc: Doc, frame: list[Token], q: Quoted) -> Attribution | None:
        """“…,” Trump shot back: a quote closed by a comma runs on into its attribution, whatever
        the verb."""
        positions = {t.i for t in frame}
        for token in frame:
            if token.pos_ == "VERB":
                source = self.subject_of(token)
                if source is not None and source.i in positions:
                    return self.attribute(doc, source, doc[token.i:token.i + 1])
        return None

    def introduced_before(self, doc: Doc, q: Quoted) -> Attribution | None:
        """A sentence ending in a colon right before the quote introduces it ("Bolton released the
        following statement:" and the quote in the next paragraph)."""
        before = doc_text(doc)[max(0, q.start - 40):q.start].rstrip().rstrip("“\"«„").rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None or not len(colon):
            return None
        sentence = [t for t in colon[0].sent if not t.is_space and t.i <= colon[0].i][-SENTENCE_MAX_TOKENS:]
        return self.cue_in(doc, sentence, q) or self.colon_frame(doc, sentence, q)

    def colon_frame(self, doc: Doc, frame: list[Token], q: Quoted) -> Attribution | None:
        """"Trump boomed: “...”": any verb introducing a quote with a colon reports it."""
        # The frame's main clause first ("Asked whether the budget would hold, Mehta was blunt:").
        verbs = [t for t in frame if t.pos_ == "VERB" or t.dep_ == "ROOT" and t.pos_ == "AUX"]
        verbs.sort(key=lambda t: (t.dep_ != "ROOT", -t.i))
        for verb in verbs:
            source = self.subject_of(verb)
            if source is not None and not q.start <= source.idx < q.end:
                return self.attribute(doc, source, doc[verb.i:verb.i + 1])
        return None

    def frame_tokens(self, doc: Doc, offset: int, forward: bool, limit: int = FRAME_MAX_TOKENS) -> list[Token]:
        """Tokens beside a quote, up to a sentence end, another quote mark or `limit` tokens."""
        tokens: list[Token] = []
        if forward:
            span = doc.char_span(offset, len(doc_text(doc)), alignment_mode="expand")
            i = span.start if span is not None else len(doc)
            while i < len(doc) and (doc[i].text in DOUBLE_MARKS or doc[i].idx < offset or doc[i].text == ","):
                i += 1
            while i < len(doc) and len(tokens) < limit:
                token = doc[i]
                if token.text in DOUBLE_MARKS or "\n" in token.text or token.text in (".", "!", "?", ";") and tokens:
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
                if token.text in DOUBLE_MARKS or "\n" in token.text or token.text in (".", "!", "?", ";"):
                    break
                tokens.insert(0, token)
                i -= 1
        return [t for t in tokens if not t.is_space]

    def cue_in(self, doc: Doc, frame: list[Token], q: Quoted) -> Attribution | None:
        """A reporting verb in the frame and its subject (anywhere in the sentence outside the
        quote); or "according to X"."""
        positions = {t.i for t in frame}
        nearest_first = frame if frame and frame[0].idx >= q.end else list(reversed(frame))
        for token in nearest_first:
            if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
                source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), doc[token.i + 2])
                return self.attribute(doc, source, doc[token.i:token.i + 2])
            if token.lemma_.lower() in self.verbs and token.pos_ in ("VERB", "AUX"):
                source = self.subject_of(token)
                if source is None or q.start <= source.idx < q.end:
                    source = self.adjacent_name(token, positions)
                if source is not None:
                    return self.attribute(doc, source, doc[token.i:token.i + 1])
        return None

    @staticmethod
    def adjacent_name(verb: Token, positions: set[int]) -> Token | None:
        """"said Nduhungirehe" parsed without a subject: the name or pronoun right after the verb
        (not after "told", whose object is the listener), or right before it."""
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
            if token.pos_ in ("PROPN", "PRON") or token.ent_type_ == "PERSON" or \
                    i > verb.i and token.pos_ == "NOUN" and doc[i].dep_ == "det":
                while token.dep_ == "compound" and token.head.i in positions:
                    token = token.head
                return token
        return None

    @staticmethod
    def share_within_chains(found: list[Found]) -> None:
        """The parts of a run-on quotation share the speaker any of them has."""
        by_chain: dict[int, Attribution] = {}
        for f in found:
            if f.attribution is not None:
                by_chain.setdefault(f.chain, f.attribution)
        for f in found:
            if f.attribution is None and f.chain in by_chain:
                f.attribution = by_chain[f.chain].continued()

    def continue_speakers(self, doc: Doc, found: list[Found], reported: list[Found]) -> None:
        """A quote with no frame continues the speaker of the quote or report just before it, when
        that is at most FLOATING_MAX_GAP paragraphs back."""
        paragraphs = doc._.paragraphs or [(0, len(doc_text(doc)))]
        index = doc._.entity_index or {}

        def paragraph_of(offset: int) -> int:
            return next((n for n, (a, b) in enumerate(paragraphs) if a <= offset < b), -1)

        earlier = sorted(found + reported, key=lambda f: f.start)
        for f in found:
            if f.attribution is not None:
                continue
            previous = [p for p in earlier if p.end <= f.start and p.attribution is not None]
            if previous and paragraph_of(f.start) - paragraph_of(previous[-1].start) <= FLOATING_MAX_GAP:
                f.attribution = previous[-1].attribution.continued(before=f.start)
                newcomer = self.subject_since(doc, previous[-1].end, f.start)
                if newcomer is not None and index.get(newcomer.i) is not f.attribution.entity:
                    f.attribution = self.attribute(doc, newcomer, None)

    @staticmethod
    def subject_since(doc: Doc, start: int, end: int) -> Token | None:
        """The last person who is the subject of a sentence between two offsets."""
        index = doc._.entity_index or {}
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        for token in reversed(span):
            entity = index.get(token.i)
            if entity is not None and entity.label == "PERSON" and token.dep_ in SUBJECT_DEPS \
                    and token.head.dep_ == "ROOT":
                return token
        return None

    # --- Q&A transcripts ------------------------------------------------------------------

    def transcript_turns(self, doc: Doc, paragraphs: list[tuple[int, int]], index: dict) -> list[Found]:
        """Paragraphs opening with a speaker label ("Q:", "A:", "Nduhungirehe:", "PENCE:"), when an
        article has at least two of them with different labels."""
        text = doc_text(doc)
        marked = []
        for start, end in paragraphs:
            match = TURN_MARKER.match(text, start, end)
            if match and self.turn_speaker(doc, match, index) is not None:
                marked.append((match, end))
        if len(marked) < 2 or len({m.group("label").lower() for m, _ in marked}) < 2:
            return []
        found = []
        for match, end in marked:
            attribution = self.turn_speaker(doc, match, index)
            start, stop = trim(text, match.end(), end)
            found.append(Found(start, stop, "direct", attribution))
        return found

    def headline_claim(self, doc: Doc) -> Found | None:
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
        if says is not None and says.group("verb").lower() in self.says_forms:
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
                                    (e := self.entity_named(doc, label[k:].text)) is not None), (None, None))
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

    def turn_speaker(self, doc: Doc, match: re.Match, index: dict) -> Attribution | None:
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
        entity = self.entity_named(doc, label)
        if entity is not None:
            return Attribution(source, None, entity, entity.name)
        if label.isupper() and len(label) > 2:
            return Attribution(source, None, None, label)
        return None

    @staticmethod
    def entity_named(doc: Doc, label: str) -> CanonicalEntity | None:
        """The person or organisation a speaker label names, by full name or surname, any case."""
        words = label.lower().replace(".", "").split()
        for entity in doc._.entities or []:
            if entity.label not in ("PERSON", "ORG"):
                continue
            name = entity.name.lower().split()
            if words == name or len(words) == 1 and words[0] in (name[-1], name[0]) and entity.label == "PERSON":
                return entity
        return None

    # --- speakers -------------------------------------------------------------------------

    def attribute(self, doc: Doc, source: Token, cue: Span | None) -> Attribution:
        source = speaker_token(doc, source)
        if source is None:
            return Attribution(None, cue)  # no speaker beats a wrong one
        index = doc._.entity_index or {}
        relative = is_relative_subject(source)
        # "Weaver, who said ...": the mention beside the quote is "who", the speaker its antecedent.
        named = source.head.head if relative else source
        entity = index.get(named.i)
        if entity is None and named.pos_ == "PRON":
            entity = self.antecedent(doc, named)
        elif entity is None:
            appositive = next((index[c.i] for c in named.children if c.dep_ == "appos" and c.i in index), None)
            entity = appositive or self.role_holder(doc, named)  # "The minister, Maria Lopez, said"
        mention = (doc._.mention_index or {}).get(source.i) if entity is index.get(source.i) else None
        if mention is None:
            mention = source.doc[source.i:source.i + 1] if source.pos_ == "PRON" else noun_phrase(source)
            if entity is not None and not relative:
                entity.refer(mention)
        name = entity.name if entity is not None else noun_phrase(named).text if relative else mention.text
        return Attribution(mention, cue, entity, name)

    def antecedent(self, doc: Doc, pronoun: Token) -> CanonicalEntity | None:
        """The person a "he" or "she" refers to: the most recent person mentioned before it whose
        known gender does not contradict the pronoun, preferring grammatical subjects, within
        the last two paragraphs. First-person and plural pronouns are left unresolved."""
        word = pronoun.lower_
        if word not in self.male and word not in self.female:
            return None
        gender = "m" if word in self.male else "f"
        index = doc._.entity_index or {}
        window_start = paragraph_window_start(doc, pronoun.idx, 2)
        nearest_other = None
        for i in range(pronoun.i - 1, max(-1, pronoun.i - 1 - ANTECEDENT_MAX_TOKENS), -1):
            entity = index.get(i)
            if entity is None or entity.label != "PERSON" or self.genders.get(entity.id) not in (None, gender):
                continue
            token = doc[i]
            if token.idx < window_start:
                break
            if token.dep_ in SUBJECT_DEPS or token.head.dep_ in SUBJECT_DEPS:
                return entity  # the nearest subject wins
            nearest_other = nearest_other or entity
        return nearest_other

    def role_holder(self, doc: Doc, source: Token) -> CanonicalEntity | None:
        """"the minister", "the president": the one person whose roles carry that word."""
        if source.lower_ not in self.role_words or source.pos_ not in ("NOUN", "PROPN"):
            return None
        holders = [e for e in doc._.entities or [] if e.label == "PERSON" and any(
            re.search(rf"\b{re.escape(source.lower_)}\b", r.lower()) for r in e.roles)]
        if len(holders) <= 1:
            return holders[0] if holders else None
        # Several hold the role: the one named last before, when named in this or the previous paragraph.
        window_start = paragraph_window_start(doc, source.idx, 1)
        last_named = [(max((m.start for m in e.mentions if m.start < source.i), default=-1), e) for e in holders]
        position, holder = max(last_named, key=lambda pair: pair[0])
        return holder if position >= 0 and doc[position].idx >= window_start else None

    def entity_genders(self, doc: Doc) -> dict[str, str]:
        """Gender evidence the text gives for a person: honorifics and gendered role words."""
        genders = {}
        for entity in doc._.entities or []:
            if entity.label != "PERSON":
                continue
            words = {w.lower() for r in entity.roles for w in r.split()}
            words |= {m.doc[m.start - 1].lower_ for m in entity.mentions if m.start > 0}
            if words & self.female_words:
                genders[entity.id] = "f"
            elif words & self.male_words:
                genders[entity.id] = "m"
        return genders

    # --- output ---------------------------------------------------------------------------

    @staticmethod
    def record(doc: Doc, f: Found) -> models.Quote:
        text = doc_text(doc)
        first = doc.char_span(f.start, f.end, alignment_mode="expand")
        sentence_start = first[0].sent.start_char if first is not None and len(first) else f.start
        sentence_end = first[-1].sent.end_char if first is not None and len(first) else f.end
        a = f.attribution
        sentence_start, sentence_end = trim(text, sentence_start, max(sentence_end, f.end))
        return models.Quote(
            text=text[f.start:f.end], start=f.start, end=f.end, kind=f.kind,
            speaker=models.Speaker(
                name=a.name, entity_id=a.entity.id if a.entity is not None else None,
                mention=span_record(a.source) if a.source is not None else None) if a and a.name else None,
            cue=span_record(a.cue) if a and a.cue is not None else None,
            sentence=models.Span(text=text[sentence_start:sentence_end], start=sentence_start, end=sentence_end),
            parts=[models.Span(text=text[q.start:q.end], start=q.start, end=q.end) for q in f.fragments
                   if not q.single])


# --- quote marks ---------------------------------------------------------------------------

def pair_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[list[Quoted]]:
    """Quoted stretches per paragraph. Double marks of any style pair up in order; a quote left
    open at a paragraph's end runs on when the next paragraph opens with a mark, and otherwise
    ends there. Single marks count only where they cannot be apostrophes."""
    result = []
    for n, (start, end) in enumerate(paragraphs):
        next_opens = n + 1 < len(paragraphs) and text[paragraphs[n + 1][0]] in "“\"«„'‘`"
        result.append(pair_in_paragraph(text, start, end, next_opens))
    return result


def pair_in_paragraph(text: str, start: int, end: int, next_opens: bool) -> list[Quoted]:
    quotes: list[Quoted] = []
    i = start
    open_at, open_mark = None, ""
    while (next_mark := MARK_CHAR.search(text, i, end)) is not None:
        i = next_mark.start()
        two = text[i:i + 2]
        mark = two if two in ("``", "''") else text[i]
        if open_at is None:
            if mark in OPENING and (mark not in ('"', "''") or opens_here(text, i, len(mark), start)):
                open_at, open_mark = i + len(mark), mark
            elif mark in SINGLE_OPENING and opens_here(text, i, 1, start):
                close = find_single_close(text, i + 1, end, SINGLE_OPENING[mark])
                if close is not None:
                    quotes.append(Quoted(i + 1, close, mark, single=True))
                    i = close + 1
                    continue
        elif mark == OPENING[open_mark] or mark in ("”", "»") or mark == '"' and open_mark in ("“", "„"):
            quotes.append(Quoted(open_at, i, open_mark))
            open_at = None
        elif mark in ("“", "«") and open_mark in ("“", "«"):
            open_at = i + 1  # an opening mark while one is open: the earlier one was never closed
        i += len(mark)
    if open_at is not None and text[open_at:end].strip():
        quotes.append(Quoted(open_at, end, open_mark, runs_on=next_opens))
    return [Quoted(*trim(text, q.start, q.end), q.open_mark, q.runs_on, q.single) for q in quotes
            if text[q.start:q.end].strip()]


def opens_here(text: str, i: int, width: int, paragraph_start: int) -> bool:
    """A mark at i opens a quote: at the paragraph's start or after a space or bracket, and
    followed by a word."""
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def find_single_close(text: str, start: int, end: int, closing: str) -> int | None:
    """The closing single mark: followed by a space or punctuation, not inside a word ("don’t")."""
    for j in range(start + 1, end):
        if text[j] == closing and not text[j - 1].isspace() and (j + 1 >= end or not text[j + 1].isalnum()):
            if text[j - 1] == "s" and j + 1 < end and text[j + 1] == " " and text[j + 2:j + 3].islower():
                continue  # a plural possessive: "the players’ union"
            return j
    return None


# --- spans ---------------------------------------------------------------------------------

def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace, trailing commas or quote marks."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS or text[start:start + 2] in PAIRED):
        start += 2 if text[start:start + 2] in PAIRED else 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:—–-"
                           or text[end - 2:end] in PAIRED):
        end -= 2 if text[end - 2:end] in PAIRED else 1
    return start, end


def token_indices(doc: Doc, ranges: list[tuple[int, int]]) -> set[int]:
    """The tokens starting inside any of the character ranges."""
    indices: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return indices


def present_tense(verb: str) -> str:
    """The third person singular: "says", "denies", "vows", "pledges"."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")


def is_relative_subject(token: Token) -> bool:
    """The "who" of "Weaver, who said ...", whose antecedent is the speaker."""
    return token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl"


def speaker_token(doc: Doc, source: Token) -> Token | None:
    """The token naming a speaker, or None when the parse offers a date or a time ("Saturday at
    the convention, Warren said"; but "the 46-year-old said" is a person). A dateline's place
    parsed as the subject ("WASHINGTON (AP) — Donald Trump said") gives way to the noun phrase
    that follows the dateline."""
    dateline = doc._.dateline
    if dateline is not None and dateline[0] <= source.idx < dateline[1]:
        after = doc.char_span(dateline[1], len(doc_text(doc)), alignment_mode="expand")
        if after is None or not len(after):
            return None
        source = doc[after.start]
        while source.dep_ in NOUN_MODIFIER_DEPS and source.head.i > source.i:
            source = source.head
    if source.pos_ in NOT_WORDS_OF_A_NAME and source.dep_ not in SUBJECT_DEPS:
        return None  # "’s" or "of" taken for a name (but Al From, the subject of "said", speaks)
    if source.ent_type_ in TIME_ENTITIES and not source.lower_.endswith("old") and all(
            t.ent_type_ in TIME_ENTITIES or t.dep_ in ("det", "punct") for t in noun_phrase(source)):
        return None
    return source


def subtree_span(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


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


def without_closing_punctuation(clause: Span) -> Span:
    """A clause without its full stop: "..., according to the FBI." ends at "FBI"."""
    while len(clause) > 1 and (clause[-1].is_punct or clause[-1].is_space):
        clause = clause[:-1]
    return clause


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


def noun_phrase(token: Token) -> Span:
    """The words of a speaker's noun phrase up to its head ("a senior official", "Tulsa police
    Chief Chuck Jordan"), without a following relative clause or apposition."""
    start = token.left_edge.i
    while start < token.i and token.doc[start].is_punct:
        start += 1
    return token.doc[start:token.i + 1]


def span_record(span: Span) -> models.Span:
    return models.Span(text=span.text, start=span.start_char, end=span.end_char)


def drop_overlapping(found: list[Found]) -> list[Found]:
    """One quote per stretch of text: where two overlap, the longer one (a mixed quote holding a
    direct one, a report holding a fragment) stays."""
    kept: list[Found] = []  # by start; they never overlap, so only the neighbours need a look
    for f in sorted(found, key=lambda f: f.end - f.start, reverse=True):
        at = bisect_left(kept, f.start, key=lambda k: k.start)
        if not any(k.start < f.end and f.start < k.end for k in kept[max(0, at - 1):at + 1]):
            kept.insert(at, f)
    return kept


def same_cue(a: Attribution, b: Attribution) -> bool:
    """Both attributed by the same words: the frame between two parts of one quotation."""
    return a.cue is not None and b.cue is not None and a.cue.start == b.cue.start


def same_paragraph(doc: Doc, start: int, end: int) -> bool:
    return "\n" not in doc_text(doc)[start:end]


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


def paragraph_window_start(doc: Doc, offset: int, paragraphs_back: int) -> int:
    paragraphs = doc._.paragraphs or [(0, len(doc_text(doc)))]
    current = bisect_right(paragraphs, offset, key=lambda p: p[0]) - 1
    return paragraphs[current - paragraphs_back][0] if current >= paragraphs_back else 0


def quote_holding(quotes: list[models.Quote], char: int) -> models.Quote | None:
    """The quote record that holds the character at `char` (a component's quotes are in text order
    and never overlap), for figures and agreements said inside quotes."""
    at = bisect_right(quotes, char, key=lambda quote: quote.start)
    return quotes[at - 1] if at and char < quotes[at - 1].end else None


def last_before(quoted: list[Quoted], starts: list[int], offset: int) -> Quoted | None:
    """The last quoted stretch starting before `offset` (`starts`: theirs, in order)."""
    at = bisect_left(starts, offset)
    return quoted[at - 1] if at else None
