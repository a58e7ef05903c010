"""Word lists as data: each lexicon is a JSON file beside this module."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """The lexicon `name` (the file NAME.json here), parsed once per process."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
