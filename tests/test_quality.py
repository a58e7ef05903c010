"""The quality gate: scores on the project's own annotated articles (tests/quality/) may not fall
below the pins in tests/quality/pinned.json. See tests/quality/README.md."""
import json
import re
from pathlib import Path

import pytest

import extract

QUALITY = Path(__file__).parent / "quality"
PINNED = json.loads((QUALITY / "pinned.json").read_text(encoding="utf-8"))
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def norm(text):
    return re.sub(r"\s+", " ", (text or "").translate(FOLD)).strip().lower()


def holds(haystack, needle):
    return norm(needle) in norm(haystack)


def checks(gold, record):
    """(family, passed) for every point the gold makes about the record."""
    quotes = record.quotes
    optional = [q["contains"] for q in gold.get("quotes_optional", [])]
    for g in gold["quotes"]:
        hits = [q for q in quotes if holds(q.text, g["contains"])]
        yield "quotes found", bool(hits)
        if hits:
            yield "quote speakers", any(q.speaker and q.speaker.name == g["speaker"] for q in hits)
            yield "quote kinds", any(q.kind == g["kind"] for q in hits)
    wanted = [g["contains"] for g in gold["quotes"]] + optional
    for q in quotes:
        yield "no false quotes", any(holds(q.text, w) for w in wanted)
    for g in gold.get("figures", []):
        hits = [f for f in record.figures if norm(f.text) == norm(g["surface"])
                and (f.value is not None and abs(f.value - g["value"]) <= 0.01 * abs(g["value"]))]
        yield "figures found", bool(hits)
        if hits:
            yield "figure kinds and units", hits[0].kind == g["kind"] and hits[0].unit == g["unit"]
    people = {e.name: e for e in record.entities if e.label == "PERSON"}
    for g in gold.get("people", []):
        person = people.get(g["name"])
        yield "people found", person is not None
        if person is not None:
            yield "people roles", any(holds(" | ".join(person.roles), r) for r in g["roles_any"])
            if "country" in g:
                yield "people countries", person.country == g["country"]
    for name in gold.get("must_not_be_people", []):
        yield "no false people", name not in people
    for key, value in gold.get("metadata", {}).items():
        yield "metadata", getattr(record.metadata, key) == value
    if "interview" in gold:
        interview = record.interview
        for key in ("interviewee", "interviewer", "outlet"):
            if key in gold["interview"]:
                yield "interview", interview is not None and getattr(interview, key) == gold["interview"][key]


@pytest.fixture(scope="module")
def scores(nlp):
    tally = {}
    for gold_path in sorted(QUALITY.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold["article"])
        record = extract.extract_text(extract.read_text(text_path), nlp, source=str(text_path))
        for family, passed in checks(gold, record):
            hit, total = tally.get(family, (0, 0))
            tally[family] = (hit + bool(passed), total + 1)
    return tally


@pytest.mark.parametrize("family", sorted(PINNED))
def test_score_does_not_fall_below_its_pin(scores, family):
    hit, total = scores[family]
    assert hit / total >= PINNED[family], f"{family}: {hit}/{total} is below the pin {PINNED[family]}"
