"""References: whom "he", "she", "the envoy" or "the company" stand for.

A pronoun's antecedent is the person in focus: the nearest person before it who is a subject
(a "he" there leads on to its own antecedent, "the envoy" to the envoy), never a name inside
what the pronoun's verb reports or inside another quotation. A description is the one person
holding that role (or a title it stands for: "the envoy" for an ambassador), else, for "the" +
role, the one person the sentence before is about; "the company" is the one organisation named
as one. Only a person the text treats as one can be "he" or "she". No referent beats a wrong
one.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from .. import countries
from ..columns import tokens_at, word_strings, words_where
from ..doctext import doc_text
from ..entities import CanonicalEntity
from ..intervals import Ranges
from .words import SpeechWords

ANTECEDENT_MAX_TOKENS = 400  # how far back a pronoun's person is looked for, within its paragraphs
PARAGRAPHS_BACK = 2  # prose paragraphs before the pronoun's own in which its person is looked for
HEADING_MAX_WORDS = 8  # a short line with no sentence end is a subheading, not prose
TITLE_MAX_TOKENS = 8  # the words before a name that may hold its title: "Bank of Thailand (BoT) governor"
FRAME_GAP = 4  # characters between a quotation's end and its frame's verb: ",” "
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
REPORTED_DEPS = {"ccomp", "parataxis"}  # the clause a speech verb reports
SENTENCE_ENDS = tuple(".!?:;\"”’')")


class References:
    """The referents of pronouns and descriptions in one document, each pronoun resolved once."""

    def __init__(self, doc: Doc, words: SpeechWords, quotations: list[tuple[int, int]]):
        self.doc = doc
        self.quotations = Quotations(quotations)
        self.words = words
        self.index = doc._.entity_index or {}
        self.entities = doc._.entities or []
        self.genders = entity_genders(doc, words)
        self.paragraphs = prose_paragraphs(doc)
        # Captions, bylines and the page's furniture name no one a reference in the prose is to.
        self.residue = Ranges((b.start, b.end) for b in doc._.boilerplate or [])
        self.non_people = non_people(doc, self.entities)
        self.resolved: dict[int, CanonicalEntity | None] = {}  # token index -> what it refers to
        self.named: dict[int, CanonicalEntity | None] = {}  # token index -> the person its name names

    def is_person(self, entity: CanonicalEntity | None) -> bool:
        """A PERSON entity the text does not show to be a place, an organisation or a thing."""
        return entity is not None and entity.label == "PERSON" and entity.id not in self.non_people

    def entity_at(self, token: Token) -> CanonicalEntity | None:
        """The entity a token names, a person the model ran into another name included."""
        entity = self.index.get(token.i)
        return entity if entity is None or entity.label == "PERSON" else self.person_named(token) or entity

    def person_named(self, token: Token) -> CanonicalEntity | None:
        if token.i not in self.named:
            self.named[token.i] = self.find_person_named(token)
        return self.named[token.i]

    def find_person_named(self, token: Token) -> CanonicalEntity | None:
        """The one person whose name has this word, where the model left the name untagged ("Ms
        Juthasree") or ran it into an organisation ("Development Reimagined's Eguegu"); after
        "Mr" or "Ms", whatever the model took the full name for ("Mr Joko" for Joko Widodo).
        None when the model's own entity for it is a person, a place, or an organisation's
        name ("Ford Motor Company")."""
        if token.pos_ != "PROPN":
            return None
        entity = self.index.get(token.i)
        if entity is None and token.ent_type_ not in ("", "PERSON") or \
                entity is not None and entity.label in ("PERSON", *PLACE_LABELS):
            return None
        mention = (self.doc._.mention_index or {}).get(token.i)
        name = mention if entity is not None and mention is not None else self.doc[token.i:token.i + 1]
        words = {t.text for t in name}
        if {w.lower() for w in words} & self.words.org_heads:
            return None  # "The Charlotte Observer" is no Charlotte's
        if name.start > 0 and self.doc[name.start - 1].lower_ in self.words.honorifics:
            named = [e for e in self.entities if e.label not in PLACE_LABELS and words < set(e.name.split())]
            longest = max((len(e.name.split()) for e in named), default=0)
            named = [e for e in named if len(e.name.split()) == longest]
            return named[0] if len(named) == 1 else None
        people = [e for e in self.entities if self.is_person(e) and words & set(e.name.split())]
        return people[0] if len(people) == 1 else None

    def antecedent(self, pronoun: Token, said: tuple[int, int] | None = None) -> CanonicalEntity | None:
        """The person a "he" or "she" refers to (see `in_focus`), given what the pronoun's verb
        reports when it is known. First-person and plural pronouns are left unresolved."""
        gender = self.pronoun_gender(pronoun)
        if gender is None:
            return None
        if said is not None:
            self.resolved.pop(pronoun.i, None)  # what it reports is known now
        return self.remembered(pronoun, lambda: self.in_focus(pronoun, gender, said))

    def described(self, source: Token) -> CanonicalEntity | None:
        """The person a role description names: the one an apposition names, else the one
        holding the role (`role_holder`), else, for "the" + role ("The Republican nominee noted
        ..."), the one person the sentence before it is about (`previously_named`), unless the
        role was used before it for someone unnamed ("met the minister ... The minister said")
        or the text gives that person other roles or another nationality."""
        def find() -> CanonicalEntity | None:
            if (name := appositive_name(source)) is not None:  # "the minister, Maria Lopez,"
                entity = self.person_named(name) or self.index.get(name.i)
                return entity if self.is_person(entity) else None
            holder = self.role_holder(source)
            if holder is not None or not self.is_definite(source):
                return holder
            before = self.doc.char_span(self.window_start(source.idx, 1), source.idx, alignment_mode="expand")
            if any(t.lower_ == source.lower_ and self.names_a_person(t) and t.dep_ != "appos"
                   for t in before or []):
                return None  # the role of someone unnamed, not the title of a name
            found = self.previously_named(source, self.word_gender(source))
            if found is None or found.roles and not self.holds_role(found, source) or \
                    found.country is not None and not self.of_nationality(found, source):
                return None
            return found
        return self.remembered(source, find) if self.names_a_person(source) else None

    def previously_named(self, source: Token, gender: str | None) -> CanonicalEntity | None:
        """The one person the nearest sentence before `source`'s that refers to anyone is about,
        in the same or the previous prose paragraph: its main clause's subject, else its one
        other subject, else the one person it names. A description there ("The vice
        presidential nominee was speaking") stands for its own person, and a pronoun does in a
        sentence that names no one."""
        doc = self.doc
        mentions = doc._.mention_index or {}
        window_start = self.window_start(source.idx, 1)
        holding = self.quotations.holding(source.idx)
        end = source.sent.start
        while end > 0 and doc[end - 1].idx >= window_start:
            sentence = doc[end - 1].sent
            ranked: list[tuple[int, CanonicalEntity]] = []
            pronouns = []
            for token in sentence:
                if token.i >= end or self.quotations.holding(token.idx) not in (None, holding) or \
                        self.residue.covers(token.idx):
                    continue
                entity = self.entity_at(token)
                if entity is None and token.dep_ in SUBJECT_DEPS:
                    if token.pos_ == "PRON" and self.pronoun_gender(token) is not None:
                        pronouns.append(token)
                        continue
                    entity = self.described(token)
                if self.is_person(entity) and not self.contradicts(entity, gender):
                    ranked.append((subject_rank(token, mentions), entity))
            if not ranked and pronouns:
                ranked = [(subject_rank(t, mentions), e) for t in pronouns
                          if (e := self.antecedent(t)) is not None and not self.contradicts(e, gender)]
            if ranked:
                best = min(rank for rank, _ in ranked)
                named = {entity.id: entity for rank, entity in ranked if rank == best}
                return next(iter(named.values())) if len(named) == 1 else None
            end = sentence.start
        return None

    def remembered(self, token: Token, find) -> CanonicalEntity | None:
        if token.i not in self.resolved:
            self.resolved[token.i] = None  # a chain of references leads back, never round
            self.resolved[token.i] = find()
        return self.resolved[token.i]

    def in_focus(self, anchor: Token, gender: str | None,
                 said: tuple[int, int] | None = None) -> CanonicalEntity | None:
        """The person a reference at `anchor` stands for: the nearest person before it who is a
        subject (or owns one: "Mr. Lee's plan shows where he stands"), else the nearest person
        at all, in its paragraph and the prose paragraphs before. A "he" there that is a subject
        leads on to its own person, and "the envoy" to the envoy; an unnamed person as subject
        ("a senior official said") ends the search. Never a person named in what the anchor's
        verb reports (`said`, when known), nor in a quotation the anchor is not in, nor one
        whose known gender contradicts the reference's."""
        doc = self.doc
        if said is not None:  # but a speaker named there is one ("X scolded him: “…,” she said")
            span = doc.char_span(*said, alignment_mode="expand")
            excluded = {t.i for t in span or [] if not self.speaks(t)}
        else:
            excluded = reported_by(anchor)
        window_start = self.window_start(anchor.idx)
        holding = self.quotations.holding(anchor.idx)
        nearest_other = None
        for i in range(anchor.i - 1, max(-1, anchor.i - 1 - ANTECEDENT_MAX_TOKENS), -1):
            token = doc[i]
            if token.idx < window_start:
                break
            if i in excluded or self.quotations.holding(token.idx) not in (None, holding) or \
                    self.residue.covers(token.idx):
                continue  # "Asean is a neutral bloc, he said": not the one who said it
            entity = self.entity_at(token)
            if entity is None and token.dep_ in SUBJECT_DEPS:
                if token.pos_ == "PRON" and gender is not None and self.pronoun_gender(token) == gender:
                    return self.antecedent(token)  # "He told ... He added": the first one's person
                if self.names_a_person(token) and self.word_gender(token) in (None, gender):
                    found = self.described(token)  # "the envoy said ... he added"
                    if found is None or not self.contradicts(found, gender):
                        return found or nearest_other
            if not self.is_person(entity) or self.contradicts(entity, gender):
                continue
            if is_subject(token, self.doc._.mention_index or {}):
                return entity  # the nearest subject wins
            nearest_other = nearest_other or entity
        return nearest_other

    def role_holder(self, source: Token) -> CanonicalEntity | None:
        """"the minister", "the envoy", "the Thai premier": the one person whose roles carry that
        word or a word it stands for ("envoy" for an ambassador), of the nationality the
        description gives, if any, not its owner ("Marcos's defence chief" is not Marcos), and
        named after it if it is indefinite; of several, those whose roles share its names ("the president of the Chamber (TCCC)":
        the "TCCC president"), else the one named last in this or the paragraph before."""
        if not self.names_a_person(source):
            return None
        owners = {id(self.index.get(c.i)) for c in source.children if c.dep_ == "poss"}
        # "a senior diplomat" is someone not named yet, if anyone: named later or never.
        new = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in source.children)
        holders = [e for e in self.entities if self.is_person(e) and id(e) not in owners
                   and self.holds_role(e, source) and not (new and min(m.start for m in e.mentions) < source.i)]
        words = [t for c in source.children if c.dep_ in ("compound", "amod", "nmod", "poss", "prep") for t in c.subtree]
        names = {t.text for t in words if t.text[:1].isupper() and t.pos_ == "PROPN"}
        named = [e for e in holders if names & {w for r in e.roles for w in r.split()}]
        return self.last_named(named or holders, source)

    def holds_role(self, person: CanonicalEntity, source: Token) -> bool:
        """The person's roles carry the description's word, or one it stands for, and its
        nationality, if it gives one. A description with a portfolio ("defence chief", "central
        bank chief") is of someone whose role or the words before whose name have a word of it
        ("Bank of Thailand governor Sethaput")."""
        word = source.lower_
        portfolio = [c.lower_ for c in source.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        roles = [r.lower() for r in person.roles]

        def carried(title: str) -> bool:
            return any(re.search(rf"(?<!\w){re.escape(title)}(?!\w)", r) for r in roles)

        def before() -> set[str]:
            return {t.lower_ for m in person.mentions for t in m.doc[max(0, m.start - TITLE_MAX_TOKENS):m.start]}

        titled = carried(word) or any(map(carried, self.words.role_synonyms.get(word, [])))
        return titled and (not portfolio or any(carried(w) for w in portfolio) or
                           bool(before().intersection(portfolio))) and self.of_nationality(person, source)

    def of_nationality(self, entity: CanonicalEntity, source: Token) -> bool:
        """The entity is of the nationality a description gives ("the French PM"), as far as the
        text says: by its country, else by its name or roles ("Thai Prime Minister")."""
        nationality = description_country(source)
        if nationality is None or entity.country == nationality:
            return True
        return entity.country is None and any(
            countries.demonym_code(w) == nationality or countries.country_code(w) == nationality
            for w in " ".join([entity.name, *entity.roles]).split())

    def organisation_described(self, source: Token) -> CanonicalEntity | None:
        """"the company", "the Beijing-headquartered lender": the one organisation whose name
        says it is of that kind (a company's "Corporation", a lender's "Bank"); of several, the
        one named last in this or the paragraph before."""
        if source.pos_ != "NOUN" or source.tag_ != "NN" or \
                not any(c.dep_ in ("det", "poss") for c in source.children):
            return None
        kinds = self.words.organisation_kinds.get(source.lower_)
        if not kinds:
            return None
        holders = [e for e in self.entities if e.label == "ORG" and len(e.name.split()) > 1
                   and set(e.name.lower().split()) & set(kinds) and self.of_nationality(e, source)]
        return self.last_named(holders, source)

    def last_named(self, holders: list[CanonicalEntity], source: Token) -> CanonicalEntity | None:
        """Of several holders, the one named last before `source` in its paragraph or the one
        before, else the one named first after it there or in the next ("A senior diplomat
        warned ... Ambassador Maria Lopez told reporters")."""
        if len(holders) <= 1:
            return holders[0] if holders else None
        window_start = paragraph_window_start(self.doc, source.idx, 1)
        last = [(max((m.start for m in e.mentions if m.start < source.i), default=-1), e) for e in holders]
        position, holder = max(last, key=lambda pair: pair[0])
        if position >= 0 and self.doc[position].idx >= window_start:
            return holder
        current = bisect_right(self.paragraphs, source.idx) - 1
        window_end = self.paragraphs[current + 2] if current + 2 < len(self.paragraphs) else len(doc_text(self.doc))
        first = [(min((m.start for m in e.mentions if m.start > source.i), default=len(self.doc)), e) for e in holders]
        position, holder = min(first, key=lambda pair: pair[0])
        return holder if position < len(self.doc) and self.doc[position].idx < window_end else None

    def speaks(self, token: Token) -> bool:
        """The token names the subject of a speech verb."""
        mention = (self.doc._.mention_index or {}).get(token.i)
        head = mention.root if mention is not None else token
        return head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in self.words.verbs

    def contradicts(self, entity: CanonicalEntity, gender: str | None) -> bool:
        """What the text says of the person's gender contradicts the reference's."""
        return gender is not None and self.genders.get(entity.id) not in (None, gender)

    def is_definite(self, token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)

    def names_a_person(self, token: Token) -> bool:
        """A singular role noun heading its own phrase: "the envoy", "a senior official"."""
        return token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NN", "NNP") and \
            token.dep_ not in ("compound", "flat") and \
            (token.lower_ in self.words.role_words or token.lower_ in self.words.role_synonyms)

    def pronoun_gender(self, token: Token) -> str | None:
        word = token.lower_
        return "m" if word in self.words.male else "f" if word in self.words.female else None

    def word_gender(self, token: Token) -> str | None:
        word = token.lower_
        return "m" if word in self.words.male_words else "f" if word in self.words.female_words else None

    def window_start(self, offset: int, paragraphs_back: int = PARAGRAPHS_BACK) -> int:
        """Where the prose paragraphs a reference may look back over begin: page residue and
        subheadings in between do not count."""
        current = bisect_right(self.paragraphs, offset) - 1
        return self.paragraphs[max(0, current - paragraphs_back)]


class Quotations:
    """The stretches inside quote marks, which never overlap: which one holds a character."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def ending_before(self, offset: int, gap: int = FRAME_GAP) -> bool:
        """A quotation ends just before the offset: "“…,” said" has only marks and a comma between."""
        at = bisect_right(self.starts, offset) - 1
        return at >= 0 and 0 <= offset - self.spans[at][1] <= gap

    def holding(self, offset: int) -> int | None:
        at = bisect_right(self.starts, offset) - 1
        return at if at >= 0 and offset < self.spans[at][1] else None


def reported_by(pronoun: Token) -> set[int]:
    """The tokens of what the pronoun's verb reports ("X is a neutral bloc" in "X is a neutral
    bloc, he said"): whoever is named there is not the one speaking. Where the parse runs the
    words before a quotation into it ("X scolded him: “…,” she said"), only the quotation."""
    if pronoun.dep_ not in SUBJECT_DEPS:
        return set()
    tokens = sorted((t for c in pronoun.head.children if c.dep_ in REPORTED_DEPS for t in c.subtree),
                    key=lambda t: t.i)
    opening = next((n for n, t in enumerate(tokens) if opens_quotation(t)), 0)
    return {t.i for t in tokens[opening:]}


def opens_quotation(token: Token) -> bool:
    """A quote mark set against the word after it, not the word before it."""
    doc = token.doc
    return token.is_quote and not token.whitespace_ and token.i + 1 < len(doc) and \
        (token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_space)


def appositive_name(token: Token) -> Token | None:
    """The apposition that names a described person: "Maria Lopez" of "The minister, Maria
    Lopez,", "Retno Marsudi" of "Indonesia's top diplomat Retno Marsudi" (capitalised and
    holding a proper noun, unlike "a former banker")."""
    for child in token.children:
        words = [t for t in child.subtree if not t.is_punct]
        if child.dep_ == "appos" and words and words[0].text[:1].isupper() and \
                any(t.pos_ == "PROPN" for t in words):
            return child
    return None


def subject_rank(token: Token, mentions: dict[int, Span]) -> int:
    """0 for the subject of a sentence's main clause, 1 for another subject, 2 for the rest."""
    if not is_subject(token, mentions):
        return 2
    verb = subject_head(token, mentions).head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return 0 if verb.dep_ == "ROOT" else 1


def subject_head(token: Token, mentions: dict[int, Span]) -> Token:
    """The word of a subject whose head is the verb: the name's root, through "and" and
    appositions, or the owner's noun ("plan" of "Mr. Lee's plan")."""
    mention = mentions.get(token.i)
    head = mention.root if mention is not None else token
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.head if head.dep_ == "poss" else head


def is_subject(token: Token, mentions: dict[int, Span]) -> bool:
    """The token names a subject, or the owner of one: "Melissa Conley Tyler said", "Ms Meloni
    and Mr Li held talks", "Mr. Lee's plan shows"; not "Clinton" in "Rendell, a Clinton
    surrogate, said"."""
    return subject_head(token, mentions).dep_ in SUBJECT_DEPS


def description_country(source: Token) -> str | None:
    """The nationality a description gives: "the Thai premier", "the US company"."""
    for child in source.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < source.i:
            code = countries.demonym_code(child.text) or countries.country_code(child.text)
            if code is not None:
                return code
    return None


def non_people(doc: Doc, entities: list[CanonicalEntity]) -> set[str]:
    """PERSON entities the text itself shows to be something else: a country's name ("Papua New
    Guinea"), a name ending in one (a company's branch: "YouTrip Thailand"), a word it also
    writes in lower case ("Trains" opening a sentence, "trains" elsewhere), or an antecedent of
    "which"."""
    lower_words = set(word_strings(doc, ORTH, doc.to_array(IS_ALPHA).astype(bool) & doc.to_array(IS_LOWER).astype(bool)))
    which = {t.head.head.i for t in tokens_at(doc, words_where(doc, LOWER, lambda w: w == "which"))
             if t.head.dep_ == "relcl"}
    found = set()
    for entity in entities:
        if entity.label != "PERSON":
            continue
        name = entity.name.strip()
        if countries.is_country(name) or " " in name and countries.is_country(name.split()[-1]) or \
                " " not in name and name.lower() in lower_words or \
                any(m.root.i in which for m in entity.mentions):
            found.add(entity.id)
    return found


def entity_genders(doc: Doc, words: SpeechWords) -> dict[str, str]:
    """Gender evidence the text gives for a person: honorifics and gendered role words."""
    genders = {}
    for entity in doc._.entities or []:
        if entity.label != "PERSON":
            continue
        evidence = {w.lower() for r in entity.roles for w in r.split()}
        evidence |= {m.doc[m.start - 1].lower_ for m in entity.mentions if m.start > 0}
        if evidence & words.female_words:
            genders[entity.id] = "f"
        elif evidence & words.male_words:
            genders[entity.id] = "m"
    return genders


def prose_paragraphs(doc: Doc) -> list[int]:
    """The starts of the paragraphs that are the article's prose: not page residue, nor a line
    without a verb ("2:35 p.m.", "___"), nor a subheading (a short line with no sentence end)."""
    text = doc_text(doc)
    residue = [(b.start, b.end) for b in doc._.boilerplate or []]
    starts = []
    for start, end in doc._.paragraphs or [(0, len(text))]:
        line = text[start:end].strip()
        span = doc.char_span(start, end, alignment_mode="contract")
        if any(a <= start < b for a, b in residue) or span is None or \
                not any(t.pos_ in ("VERB", "AUX") for t in span) or \
                len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(SENTENCE_ENDS):
            continue
        starts.append(start)
    return starts or [0]


def paragraph_window_start(doc: Doc, offset: int, paragraphs_back: int) -> int:
    paragraphs = doc._.paragraphs or [(0, len(doc_text(doc)))]
    current = bisect_right(paragraphs, offset, key=lambda p: p[0]) - 1
    return paragraphs[current - paragraphs_back][0] if current >= paragraphs_back else 0
