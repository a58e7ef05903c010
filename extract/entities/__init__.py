"""Canonical entities: one per real-world person, organisation or place, its mentions merged.

The model's named entities are the evidence. They are cleaned (a leading "the" or a title
such as "President" comes off a name and becomes a role), repaired where the article itself
proves the model wrong (a known person's surname tagged ORG is that person; a demonym tagged
PERSON is a nationality; a name in a title's slot is a person's), and clustered: surnames and
first names join the full name ("Mr Joko" joins "Joko Widodo"), acronyms join their expansion,
country spellings join by ISO code. Roles come from the words before a name ("Rwandan
President Paul Kagame"), from appositions ("Olivier Nduhungirehe, Rwandan Minister of Foreign
Affairs"), affiliations and clauses ("X of ORG", "X, who heads Y"); countries from countryinfo.

The concerns live in this package's modules: page (bylines, photo credits, the dateline's
place), names (names the model cut short or missed), mentions (cleaning the model's entities),
people and others (clustering), roles and affiliations (roles and nationality); this module
runs them in order.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import lexicons
from ..doctext import doc_text
from .affiliations import AffiliationReader
from .canonical import CanonicalEntity
from .mentions import NAMED_LABELS, before_spans, clean, join_split_names, relabel
from .names import NameRepairs
from .others import cluster_others, country_of, is_portfolio
from .page import PageReader
from .people import cluster_people, join_headline_mentions, organisations_named_as_people, places_named_as_people
from .roles import RoleReader, distinct_roles, nationality
from .titles import TitleWords

__all__ = ["CanonicalEntity", "EntityLinker"]

Doc.set_extension("entities", default=None)
Doc.set_extension("entity_index", default=None)  # token index -> CanonicalEntity
Doc.set_extension("mention_index", default=None)  # token index -> the Span of its entity's mention


@Language.factory("extract_entities", default_config={"lexicon": "roles"})
def make_entities(nlp: Language, name: str, lexicon: str) -> "EntityLinker":
    return EntityLinker(lexicons.load(lexicon), lexicons.load("organisations"), lexicons.load("names"))


class EntityLinker:
    def __init__(self, roles: dict, organisations: dict, names: dict):
        self.words = TitleWords.from_lexicons(roles, organisations["org_heads"])
        self.org_kinds = frozenset(organisations["org_kinds"])
        self.roles = RoleReader(self.words)
        self.affiliations = AffiliationReader(roles["role_verbs"])
        self.page = PageReader(names, self.words.org_heads)
        self.names = NameRepairs(self.words, self.roles, names)

    def __call__(self, doc: Doc) -> Doc:
        page_names = self.page(doc)
        credit_roles = {(p.span.start, p.span.end): p.role for p in page_names if p.role}
        mentions = self.mentions(doc, [p.span for p in page_names])
        # A headline's capitalised words mislead the model: its mentions count only when they
        # name something the article's body names too.
        headline = doc._.headline or (0, 0)
        in_headline = [m for m in mentions if headline[0] <= m.start_char < headline[1]]
        mentions = [m for m in mentions if m not in in_headline]
        people, absorbed = cluster_people(doc, mentions, frozenset((p.span.start, p.span.end) for p in page_names))
        others = [m for m in mentions if m.label_ != "PERSON" and m not in absorbed]
        # "People" the article itself shows to be organisations or places.
        organisations = organisations_named_as_people(people, others, self.org_kinds)
        places = places_named_as_people(people, lambda m: bool(self.roles.role_spans(m)))
        for label, wrong in (("ORG", organisations), ("GPE", places)):
            people = [p for p in people if not any(p is w for w in wrong)]
            others += [Span(doc, m.start, m.end, label=label) for w in wrong for m in w.mentions]
        others = cluster_others(others)
        join_headline_mentions(in_headline, people, others)
        all_roles = self.give_roles(doc, people, credit_roles)
        others = [e for e in others if not is_portfolio(e, all_roles, self.words.org_heads)]
        for entity in others:
            entity.country = country_of(entity)
        doc._.entities = sorted(people + others, key=lambda e: e.start)
        for number, entity in enumerate(doc._.entities, 1):
            entity.id = f"e{number}"
        self.index(doc, credit_roles)
        return doc

    def mentions(self, doc: Doc, page_spans: list[Span]) -> list[Span]:
        """Bylines, photo credits and the dateline's place, which the page's layout says what
        they are; names the model cut short or missed; then the model's entities, cleaned, where
        those leave room."""
        # Captions and the page header's byline name people; other boilerplate gives no mention.
        promos = [(b.start, b.end) for b in doc._.boilerplate or [] if b.kind not in ("caption", "metadata")]
        mentions = list(page_spans)
        ents = [e for e in join_split_names(doc) if e.label_ in NAMED_LABELS and
                not any(a <= e.start_char < b for a, b in promos)]
        mentions += [s for s in self.names(doc, ents) if not any(m.start < s.end and s.start < m.end for m in mentions)
                     and not any(a <= s.start_char < b for a, b in promos)]
        covered = {i for m in mentions for i in range(m.start, m.end)}  # no mention is empty
        for ent in ents:
            if not covered.isdisjoint(range(ent.start, ent.end)):
                ent = before_spans(ent, mentions)
            span = clean(ent, self.words) if ent is not None else None
            if span is not None:
                mentions.append(relabel(span))
                covered.update(range(span.start, span.end))
        return mentions

    def give_roles(self, doc: Doc, people: list[CanonicalEntity], credit_roles: dict) -> list[tuple[int, int]]:
        """Each person's roles and nationality; returns the character spans of all roles."""
        text = doc_text(doc)
        names = frozenset(i for p in people for m in p.mentions for i in range(m.start, m.end))
        role_spans = {(m.start, m.end): self.roles.role_spans(m, names) for p in people for m in p.mentions}
        for person in people:
            spans = [span for m in person.mentions for span in role_spans[m.start, m.end]]
            credits = [credit_roles[m.start, m.end] for m in person.mentions if (m.start, m.end) in credit_roles]
            affiliations = [role for m in person.mentions for role in self.affiliations.roles(m)]
            person.roles = distinct_roles(person.roles + credits + [text[a:b] for a, b in spans] + affiliations)
            person.country = nationality(doc, spans)
        return [span for spans in role_spans.values() for span in spans]

    @staticmethod
    def index(doc: Doc, credit_roles: dict) -> None:
        """Token -> entity and token -> mention. A byline or a photo credit is no part of the
        prose: later components never read it as an antecedent, a speaker or a party."""
        prose = {e.id: [m for m in e.mentions if (m.start, m.end) not in credit_roles] for e in doc._.entities}
        doc._.entity_index = {t.i: e for e in doc._.entities for m in prose[e.id] for t in m}
        doc._.mention_index = {}
        for entity in doc._.entities:
            for mention in prose[entity.id]:
                for i in range(mention.start, mention.end):
                    if doc._.entity_index[i] is entity:  # its first mention that holds the token
                        doc._.mention_index.setdefault(i, mention)
