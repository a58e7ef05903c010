"""Country names, alternative spellings, demonyms and capitals -> ISO 3166-1 alpha-2 codes.

Built once per process from countryinfo's data rather than from a hand-kept list.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from countryinfo import all_countries

# Spellings news text uses that countryinfo's alt_spellings lack.
EXTRA_NAMES = {"america": "US", "u.s.": "US", "u.s.a.": "US", "us": "US", "usa": "US", "britain": "GB",
               "great britain": "GB", "u.k.": "GB", "uk": "GB", "england": "GB", "scotland": "GB",
               "wales": "GB", "south korea": "KR", "north korea": "KP", "russia": "RU",
               "the netherlands": "NL", "holland": "NL", "ivory coast": "CI", "czechia": "CZ",
               "vatican": "VA", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "syria": "SY", "iran": "IR",
               "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "palestine": "PS",
               "macedonia": "MK", "burma": "MM", "kyrgyzstan": "KG", "turkey": "TR", "türkiye": "TR"}
EXTRA_DEMONYMS = {"american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
                  "kazakh": "KZ", "kazakhstani": "KZ", "russian": "RU", "chinese": "CN", "korean": "KR",
                  "south korean": "KR", "north korean": "KP", "dutch": "NL", "french": "FR", "german": "DE",
                  "swiss": "CH", "irish": "IE", "kyrgyz": "KG", "uzbek": "UZ", "tajik": "TJ", "turkmen": "TM",
                  "afghan": "AF", "emirati": "AE", "saudi": "SA", "iranian": "IR", "syrian": "SY",
                  "israeli": "IL", "palestinian": "PS", "turkish": "TR", "filipino": "PH", "thai": "TH",
                  "vietnamese": "VN", "japanese": "JP", "indian": "IN", "pakistani": "PK", "rwandese": "RW",
                  "congolese": "CD", "ugandan": "UG", "kenyan": "KE", "nigerian": "NG", "ukrainian": "UA",
                  "belarusian": "BY", "polish": "PL", "spanish": "ES", "portuguese": "PT", "italian": "IT",
                  "greek": "GR", "mexican": "MX", "canadian": "CA", "brazilian": "BR", "argentine": "AR",
                  "australian": "AU", "egyptian": "EG", "ethiopian": "ET", "azerbaijani": "AZ",
                  "azeri": "AZ", "georgian": "GE", "armenian": "AM", "mongolian": "MN"}
# Names that are countries in countryinfo but mostly something else in news text.
NOT_COUNTRY_NAMES = {"georgia", "jordan", "chad", "guinea", "niger", "us"}


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """Lower case, a leading 'the' and surrounding punctuation removed, inner spaces collapsed."""
    name = re.sub(r"\s+", " ", name.strip().lower().replace("’", "'"))
    name = re.sub(r"^the ", "", name)
    return name.strip(" ,;:!?'\"")


def as_list(value: str | list | None) -> list[str]:
    """countryinfo gives some fields as a string for most countries and a list for a few."""
    if not value:
        return []
    return [v for v in ([value] if isinstance(value, str) else value) if isinstance(v, str) and v]


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in all_countries():
        try:
            code = country.iso()["alpha2"]
        except (KeyError, TypeError):
            continue
        info = country.info()
        for name in as_list(info.get("name")) + as_list(info.get("altSpellings")) + as_list(info.get("nativeName")):
            if len(name) > 3:
                names.setdefault(key(name), code)
        for demonym in as_list(info.get("demonym")):
            demonyms.setdefault(key(demonym), code)
        for capital in as_list(info.get("capital")):
            capitals.setdefault(key(capital), code)
    names.update(EXTRA_NAMES)
    demonyms.update(EXTRA_DEMONYMS)
    capitals.setdefault("astana", "KZ")  # renamed from Nur-Sultan in 2022; older data lags
    return names, demonyms, capitals


def country_code(name: str) -> str | None:
    """ISO code of a country named `name` ("Rwanda", "the United States", "U.S.")."""
    return _tables()[0].get(key(name))


def is_country(name: str) -> bool:
    return key(name) not in NOT_COUNTRY_NAMES and country_code(name) is not None


def demonym_code(word: str) -> str | None:
    """ISO code of the country a demonym or nationality adjective refers to ("Rwandan" -> "RW")."""
    return _tables()[1].get(key(word))


def place_code(name: str) -> str | None:
    """ISO code of a country, or of the country whose capital is `name`."""
    return country_code(name) or _tables()[2].get(key(name))
