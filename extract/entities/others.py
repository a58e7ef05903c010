"""Organisations, places and everything else that is not a person: the same name, the same
country, or an acronym of a name is one entity."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from .. import countries
from .canonical import CanonicalEntity

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LABEL_FAMILIES = {"GPE": "place", "LOC": "place", "ORG": "body", "FAC": "body", "EVENT": "body"}


def cluster_others(mentions: list[Span]) -> list[CanonicalEntity]:
    """The same name (a leading "the" aside), the same country, or an acronym of a name."""
    clusters: dict[tuple[str, str], CanonicalEntity] = {}
    for mention in sorted(mentions, key=lambda m: (-len(m), m.start)):
        key = cluster_key(mention)
        cluster = clusters.get(key)
        if cluster is None and mention.text.isupper() and len(mention) == 1:
            cluster = next((c for k, c in clusters.items() if k[0] == key[0] and
                            acronym(c.name) == mention.text), None)
        if cluster is None:
            cluster = clusters[key] = CanonicalEntity(mention.label_, [])
        cluster.add(mention)
    for cluster in clusters.values():
        cluster.mentions.sort(key=lambda m: m.start)
        cluster.label = Counter(m.label_ for m in cluster.mentions).most_common(1)[0][0]
    return list(clusters.values())


def is_portfolio(entity: CanonicalEntity, role_spans: list[tuple[int, int]], org_heads: frozenset[str]) -> bool:
    """An ORG found only inside people's roles with no organisation head word is a portfolio
    ("Minister of ... and International Cooperation"), not an organisation."""
    return entity.label == "ORG" and all(
        any(a <= m.start_char and m.end_char <= b for a, b in role_spans) and
        not any(t.lower_ in org_heads for t in m) for m in entity.mentions)


def cluster_key(span: Span) -> tuple[str, str]:
    """Entities of one kind whose names agree once "the" and full stops are dropped, or that
    name the same country, are one. The model confuses some labels (an ORG for a FAC, a GPE
    for a LOC) from one mention to the next, so those are compared as one family."""
    family = LABEL_FAMILIES.get(span.label_, span.label_)
    if family == "place" and countries.is_country(span.text):
        return family, "country:" + countries.country_code(span.text)
    return family, countries.key(span.text).replace(".", "")


def acronym(name: str) -> str:
    """Initials of the capitalised words: "Astana International Forum" -> "AIF"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() != "the")


def country_of(entity: CanonicalEntity) -> str | None:
    if entity.label in PLACE_LABELS:
        return next(filter(None, (countries.place_code(m.text) for m in entity.mentions)), None)
    if entity.label == "NORP":
        return next(filter(None, (countries.demonym_code(m.text) for m in entity.mentions)), None)
    if entity.label == "ORG" and " of " in entity.name:  # "Ministry of Foreign Affairs of Ghana"
        return countries.country_code(entity.name.rsplit(" of ", 1)[1])
    return None
