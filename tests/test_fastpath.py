"""The fast path (extract/fastpath/) gives every token the POS, morphology and lemma the stock
attribute ruler and lemmatizer give, on varied English text."""
import pytest

TEXTS = [
    "The ministers said they had signed six agreements, and Rwanda's exports rose 12% to $1.3bn.",
    "She doesn't think the talks were going well; \"we'll see,\" he added, wasn't it?",
    "Mr. O'Neil's companies are buying 12 aircraft from Airbus SE for €900 million by 2026.",
    "Running, swimming and better-than-expected results: the children's teeth were whiter.",
    "I am, you are, it is, we were, they've been: U.S. officials can't, won't and shouldn't.",
]


@pytest.fixture(scope="module")
def stock():
    import spacy

    from extract.pipeline import default_model

    return spacy.load(default_model(), exclude=["senter"])


def test_the_fast_path_replaces_the_rule_components(nlp):
    assert "extract_token_attributes" in nlp.pipe_names and "extract_lemmas" in nlp.pipe_names
    assert "attribute_ruler" in nlp.disabled and "lemmatizer" in nlp.disabled


@pytest.mark.parametrize("text", TEXTS)
def test_pos_morph_and_lemma_are_the_stock_ones(nlp, stock, text):
    ours, theirs = nlp(text), stock(text)
    assert [(t.text, t.pos_, str(t.morph), t.lemma_) for t in ours] == \
           [(t.text, t.pos_, str(t.morph), t.lemma_) for t in theirs]
