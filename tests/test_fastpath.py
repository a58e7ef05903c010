"""The fast path gives the extraction the same tokens the stock components give: every token's
POS, tag, dependency label, morphology and lemma, on English of many kinds, and keeps the stock
components where it cannot reproduce them."""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

import extract
from conftest import REPO
from extract.fastpath import use_fast_path
from extract.fastpath.attributes import TokenAttributes
from extract.fastpath.lemmas import Lemmas

# Invented English touching the attribute ruler's exceptions (pronoun case, possessive "her",
# auxiliaries, "there is", "do"/"have" as main verbs, "that" as a pronoun or a subordinator,
# colloquial contractions, spaces) and the lemmatizer's (irregular plurals and verbs,
# comparatives, proper nouns, numbers, words it has never seen).
TEXTS = [
    "I told her that her brother would sign it. You gave it to me, and I gave you mine.",
    "There are three ministers who did it, and there is one who has not. They did what they had to do.",
    "That is the deal that was signed; which one do you mean? Those are the geese the children saw.",
    "We're gonna win, y'all, and we've gotta be there. Let's go! Ain't nothin' gonna stop 'em, c'mon.",
    "She's doin' fine, the ol' man said. 'Nuff said; it'll rain and we'll see.",
    "The  leaves fell.\n\nOxen,  mice  and  feet:   bigger, better, best, worse, worst.\n",
    "He gets what he got, and she got what she gets. The analyses of the crises were running late.",
    "Prime Minister Jane Okafor met President Tomas Brezny in Vilnius on 12 March 2031 to sign a $4.5bn accord.",
    "Frobnicating zeltrons wugged the blickets quixotically; the wugs were glorpier than ever.",
    "   \n  Quoted: \"We will not yield,\" said the envoy. (Reuters) -- 45% of 1,200 respondents agreed.",
]


def parsed_copies(nlp, text: str) -> tuple[Doc, Doc]:
    """Two copies of `text` run through the pipeline up to the rule components."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "extract_token_attributes":
            break
        doc = component(doc)
    return doc, doc.copy()


def token_view(doc: Doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def test_the_pipeline_runs_the_fast_components_in_place_of_the_stock_ones(nlp):
    names = nlp.pipe_names
    assert names.index("parser") < names.index("extract_token_attributes") < names.index("extract_lemmas") \
        < names.index("ner")
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_read_as_the_stock_attribute_ruler_and_lemmatizer_read_them(nlp, text):
    stock, fast = parsed_copies(nlp, text)
    nlp.get_pipe("attribute_ruler")(stock)
    nlp.get_pipe("lemmatizer")(stock)
    nlp.get_pipe("extract_token_attributes")(fast)
    nlp.get_pipe("extract_lemmas")(fast)
    assert token_view(fast) == token_view(stock)


def test_exceptions_were_exercised(nlp):
    """The texts above reach the ruler's exceptions, not only its tag map."""
    attributes = nlp.get_pipe("extract_token_attributes")
    reached = set()
    for text in TEXTS:
        doc, _ = parsed_copies(nlp, text)
        columns = doc.to_array(attributes.read)
        reached |= {exception.rule for exception in attributes.match_starts(columns)}
    assert len(reached) >= 40


def test_a_word_form_is_lemmatized_by_its_part_of_speech_and_morphology(nlp):
    """One text, several lemmas: each (text, POS, morphology) is remembered apart."""
    words = ["leaves", "leaves", "saw", "saw", "saw", "better", "better"]
    pos = ["NOUN", "NOUN", "VERB", "VERB", "NOUN", "ADJ", "ADV"]
    morphs = ["Number=Plur", "Number=Sing", "Tense=Past|VerbForm=Fin", "VerbForm=Inf", "Number=Sing",
              "Degree=Cmp", "Degree=Cmp"]
    stock = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)
    nlp.get_pipe("lemmatizer")(stock)
    lemmas = Lemmas(nlp.get_pipe("lemmatizer"))
    for _ in range(2):  # the second time from what it remembers
        fast = lemmas(Doc(nlp.vocab, words=words, pos=pos, morphs=morphs))
        assert [t.lemma_ for t in fast] == [t.lemma_ for t in stock]
    assert [t.lemma_ for t in stock][:4] == ["leaf", "leaves", "see", "saw"]


def test_a_later_rule_wins_whichever_kind_it_is():
    """Tag rules and word exceptions interleave: each attribute is the latest rule's that sets it."""
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "saw"}]], {"POS": "NOUN", "LEMMA": "saw"})  # 0: an exception...
    ruler.add([[{"TAG": "VBD"}]], {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"})  # 1: ...a later tag rule
    ruler.add([[{"LOWER": "we"}, {"TAG": "VBD"}]], {"MORPH": "Tense=Past"}, index=1)  # 2: a later exception
    ruler.add([[{"TAG": "PRP"}]], {"POS": "PRON"})  # 3
    ruler.add([[{"LOWER": {"REGEX": "^th"}}, {"IS_SPACE": False, "TAG": {"NOT_IN": ["VBD"]}}]], {"LEMMA": "X"})
    words = ["we", "saw", "them", "saw", "the", "saw"]
    tags = ["PRP", "VBD", "PRP", "VBD", "DT", "NN"]
    stock = Doc(blank.vocab, words=words, tags=tags)
    fast = Doc(blank.vocab, words=words, tags=tags)
    ruler(stock)
    TokenAttributes(ruler)(fast)
    assert token_view(fast) == token_view(stock)
    assert [t.pos_ for t in fast] == ["PRON", "VERB", "PRON", "VERB", "", "NOUN"]
    assert str(fast[1].morph) == "Tense=Past" and fast[1].lemma_ == "saw"


def test_a_ruler_with_patterns_it_cannot_compile_keeps_running(nlp):
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert use_fast_path(blank) == []
    assert blank.pipe_names == ["attribute_ruler"]


def test_another_pipeline_without_the_rule_components_still_extracts(nlp, tmp_path):
    """--model with a pipeline that lacks them (the model's networks alone): nothing is
    replaced, and the extraction runs on what the pipeline gives."""
    networks = spacy.blank("en")
    for name in ("tok2vec", "tagger", "parser", "ner"):
        networks.add_pipe(name, source=nlp)
    networks.to_disk(tmp_path / "networks")
    other = extract.load_pipeline(str(tmp_path / "networks"))
    assert not {"extract_token_attributes", "extract_lemmas"} & set(other.pipe_names + other.disabled)
    article = extract.extract_text('"We will sign it," Prime Minister Jane Okafor said in Vilnius on Monday.', other)
    assert ("Jane Okafor", "PERSON") in [(entity.name, entity.label) for entity in article.entities]


def test_the_command_imports_spacy_without_its_command_line_until_asked():
    """spaCy's command line (weasel, requests...) is imported only when something asks for it."""
    probe = """
import sys
from extract.fastpath.startup import import_spacy
spacy = import_spacy()
spacy.blank("en")
assert "weasel" not in sys.modules and "spacy.cli.download" not in sys.modules
import spacy.cli.download
from spacy.cli import setup_cli, info
assert callable(setup_cli) and callable(spacy.info) and sys.modules["spacy.cli"] is spacy.cli
assert "weasel" in sys.modules
"""
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=REPO)


def test_the_command_loads_with_the_collector_paused_and_freezes_what_it_loaded():
    """What loading made is frozen, out of every later collection's walk, and the collector is on
    again afterwards, also when loading fails."""
    probe = """
import gc
from extract.fastpath.startup import load_and_freeze
loaded = load_and_freeze(lambda: [[n] for n in range(10000)])
assert gc.isenabled() and gc.get_freeze_count() >= 10000 and len(loaded) == 10000
def failing():
    assert not gc.isenabled()
    raise OSError("no such model")
try:
    load_and_freeze(failing)
except OSError:
    assert gc.isenabled()
else:
    raise AssertionError("the loader's error was swallowed")
"""
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=REPO)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_picked_from_columns_are_those_a_walk_over_the_tokens_finds(nlp, text):
    """The rules that pick their few tokens from the Doc's arrays see the tokens they would see
    walking the Doc: by lemma (lower-cased), by word, by lower-case form."""
    import numpy
    from spacy.attrs import LEMMA, ORTH

    from extract.columns import tokens_at, word_strings, words_where

    doc = nlp(text)
    verbs = {"say", "tell", "sign", "be", "have"}
    picked = tokens_at(doc, words_where(doc, LEMMA, lambda lemma: lemma.lower() in verbs))
    assert [t.i for t in picked] == [t.i for t in doc if t.lemma_.lower() in verbs]
    picked = tokens_at(doc, words_where(doc, ORTH, {",", "I", "the"}.__contains__))
    assert [t.i for t in picked] == [t.i for t in doc if t.text in {",", "I", "the"}]
    everywhere = numpy.ones(len(doc), dtype=bool)
    assert sorted(word_strings(doc, ORTH, everywhere)) == sorted({t.text for t in doc})


def test_numpy_matrix_products_read_the_text_as_blis_does(nlp):
    """Where blis has no kernel for the CPU the command's networks multiply through numpy's BLAS
    (fastpath/matmul.py): every token's tag, POS, dependency, head and entity is the same."""
    from extract.fastpath.matmul import use_numpy_matmul

    routed = extract.load_pipeline()
    use_numpy_matmul(routed)
    assert not routed.get_pipe("ner").model.ops.use_blis
    for text in TEXTS:
        stock, ours = nlp(text), routed(text)
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == \
            [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in stock]


def test_blis_is_kept_where_it_has_a_kernel_for_the_cpu_or_when_asked(nlp, monkeypatch):
    from extract.fastpath import matmul

    monkeypatch.setattr(matmul, "blis_kernel", lambda: "zen3")
    assert matmul.fit_matmul_to_cpu(nlp) == "blis" and nlp.get_pipe("ner").model.ops.use_blis
    monkeypatch.setattr(matmul, "blis_kernel", lambda: "generic")
    monkeypatch.setenv("EXTRACT_MATMUL", "blis")
    assert matmul.fit_matmul_to_cpu(nlp) == "blis" and nlp.get_pipe("ner").model.ops.use_blis


def test_blis_names_the_kernel_it_chose():
    from extract.fastpath.matmul import blis_kernel

    assert isinstance(blis_kernel(), str) and blis_kernel()
