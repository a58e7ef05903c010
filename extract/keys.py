"""Keys that name the same real-world thing the same way in every article and every run, so that
a corpus can be joined on them: a country and its nationality by ISO code ("Rwanda" and "Rwandan"
are both `GPE:RW`), anything else by its label and its canonical name, normalised (`PERSON:olivier
nduhungirehe`: case, accents, apostrophes, full stops and a leading "the" folded away).

A person an article names only by surname ("Nduhungirehe", "President Kagame") has the key of
that one word; across a corpus that key becomes the full name's when the corpus holds exactly one
person with that surname (`corpus_person_keys`), and stays its own when it holds two."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from . import countries

COUNTRY_LABELS = ("GPE", "LOC", "NORP")
PERSON_PREFIX = "PERSON:"


def entity_key(label: str, name: str, country: str | None) -> str:
    """The key of an entity with this label, canonical name and country."""
    if country and label in COUNTRY_LABELS and country in (countries.country_code(name), countries.demonym_code(name)):
        return f"GPE:{country}"
    return f"{label}:{normal_name(name)}"


def party_key(name: str) -> str:
    """The key of an agreement's party as written: a country by its code ("U.S." and "the United
    States" are both GPE:US), anything else by its normalised name."""
    code = countries.country_code(name)
    return f"GPE:{code}" if code else normal_name(name)


def normal_name(name: str) -> str:
    """"Olivier Nduhungirehe" -> "olivier nduhungirehe", "José O’Neil Jr." -> "jose oneil jr",
    "The Astana Times" -> "astana times"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘.]", "", text)
    return re.sub(r"^the ", "", " ".join(re.sub(r"[^\w]+", " ", text).split()))


def corpus_person_keys(keys: Iterable[str]) -> dict[str, str]:
    """For the person keys of a corpus, each one-word key that exactly one longer key ends with
    ("PERSON:nduhungirehe" -> "PERSON:olivier nduhungirehe"). Two people with that surname: no entry."""
    people = {k for k in keys if k.startswith(PERSON_PREFIX)}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in people:
        words = key[len(PERSON_PREFIX):].split()
        if len(words) > 1:
            by_surname[words[-1]].add(key)
    return {key: next(iter(full)) for key in people
            if " " not in key and len(full := by_surname.get(key[len(PERSON_PREFIX):], set())) == 1}
