"""Whole-record golden test on the seed article.

The golden file holds the record's metadata, interview, entities and boilerplate exactly.
After an intended change, regenerate it and review the diff:

    EXTRACT_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""
import json
import os
from pathlib import Path

import extract

GOLDEN = Path(__file__).parent / "golden" / "rwanda-kazakhstan-interview.json"
SECTIONS = ("schema_version", "text_sha256", "metadata", "interview", "entities", "boilerplate", "warnings")


def test_seed_record_matches_the_golden_file(nlp, seed_text):
    record = extract.extract_text(seed_text, nlp, source="samples/rwanda-kazakhstan-interview.txt")
    got = {key: value for key, value in record.model_dump(mode="json").items() if key in SECTIONS}
    if os.environ.get("EXTRACT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_seed_people_roles_and_countries(nlp, seed_text):
    """The facts the golden file must keep, stated on their own so a regeneration cannot hide them."""
    record = extract.extract_text(seed_text, nlp)
    people = {e.name: e for e in record.entities if e.label == "PERSON"}
    assert set(people) == {"Olivier Nduhungirehe", "Paul Kagame", "Aibarshyn Akhmetkali"}
    assert any("Minister of Foreign Affairs" in r for r in people["Olivier Nduhungirehe"].roles)
    assert any("President" in r for r in people["Paul Kagame"].roles)
    assert any("correspondent" in r for r in people["Aibarshyn Akhmetkali"].roles)
    assert people["Olivier Nduhungirehe"].country == people["Paul Kagame"].country == "RW"
    assert record.interview.model_dump() == {
        "interviewee": "Olivier Nduhungirehe", "interviewer": "Aibarshyn Akhmetkali",
        "outlet": "The Astana Times", "occasion": "the Astana International Forum (AIF)"}
    assert record.metadata.dateline == "ASTANA" and record.metadata.outlet == "The Astana Times"
    assert [b.kind for b in record.boilerplate] == ["caption", "caption", "promo"]
