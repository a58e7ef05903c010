"""The fast path: only the work the extraction needs, with the same results.

In the English pipelines the attribute ruler (tag -> POS and morphology) and the lemmatizer
cost as much as the parser, for output the extraction reads on a few tokens. Each is replaced,
in its place, by a component that applies the same rules and tables to whole columns of the
Doc (attributes.py, lemmas.py); the stock component stays in the pipeline, disabled, as the
source of those rules. A pipeline without them, or with a component these do not reproduce
exactly, keeps its own. startup.py imports spaCy without its command line and loads the
pipeline with the garbage collector paused; matmul.py fits the networks' matrix products to a
CPU spaCy's matrix library has no kernel for.

spaCy is imported by use_fast_path, not by importing this package, so that startup.py can run
before it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def use_fast_path(nlp: Language) -> list[str]:
    """Replace each stock component that has a faster equal here; the names of those replaced."""
    from . import attributes, lemmas

    # (stock component, our factory, the config key naming the stock one, what it raises when it cannot)
    replacements = (("attribute_ruler", "extract_token_attributes", "ruler", attributes.Unsupported),
                    ("lemmatizer", "extract_lemmas", "lemmatizer", lemmas.Unsupported))
    replaced = []
    for stock, factory, key, unsupported in replacements:
        if stock not in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(factory, after=stock, config={key: stock})
        except unsupported:
            continue
        nlp.disable_pipe(stock)
        replaced.append(stock)
    return replaced
