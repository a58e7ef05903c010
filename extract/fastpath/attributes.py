"""The stock attribute ruler's rules, applied to whole columns instead of through a Matcher.

spaCy's AttributeRuler runs all of its patterns (about 180 in the English models) as a Matcher
over every token, although most of them are a tag map: "tag NNS -> POS NOUN, Number=Plur".
Here the same rules are compiled once:

- a pattern that is a single {"TAG": tag} becomes a row of a table, read for the whole Doc in
  one array lookup;
- a pattern with a word in it ("her" as PRP$, "I" as a subject, "gon" + "na") is looked for
  only where its word is, found for all such patterns at once with one membership test;
- the few others ("an aux that is not 'to'", "a space") are array tests on whole columns.

Where several rules set one attribute of a token, the later rule wins, as in the stock
component (it applies its matches in the order its patterns were added), so the result is the
stock component's, attribute for attribute. A ruler using a pattern feature not compiled here
(an operator, a comparison, a POS or MORPH test, an extension attribute) is not replaced.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..columns import members

# Attributes a pattern may test: those whose value is a string's hash, compared as spaCy's
# Matcher compares them (words first: they pick out the fewest tokens), and the lexical flags.
WORD_ATTRS = [IDS[name] for name in ("ORTH", "LOWER", "NORM", "LEMMA", "PREFIX", "SUFFIX", "SHAPE")]
STRING_ATTRS = WORD_ATTRS + [TAG, DEP]
FLAG_ATTRS = sorted({IDS[name] for name in IDS if name.startswith(("IS_", "LIKE_"))} & set(range(64)))
ALIASES = {"TEXT": "ORTH"}
# Attributes a rule may set, all written back with one Doc.from_array.
SETTABLE = (POS, TAG, MORPH, LEMMA, DEP)


class Unsupported(ValueError):
    """The ruler uses a pattern feature this module does not compile."""


@dataclass(frozen=True)
class Test:
    """One condition on one token: its attribute `attr` is in, is not in, or matches `values`."""
    attr: int
    kind: str  # "in", "not_in" or "regex"
    values: Any  # a frozenset of ints, or a compiled regex


@dataclass(frozen=True, eq=False)
class ExceptionRule:
    """A rule's pattern other than a bare tag: a test per token, and what it sets on which."""
    rule: int  # the rule's position in the ruler: a later rule wins
    tokens: tuple[tuple[Test, ...], ...]
    target: int  # the token whose attributes are set, from the start of the match
    sets: tuple[tuple[int, int], ...]  # (column in SETTABLE, value)


class TokenAttributes:
    """Sets what the stock attribute ruler sets (POS, MORPH, and its exceptions' LEMMA, TAG and
    DEP), with the same values, in a fraction of its time."""

    def __init__(self, ruler: AttributeRuler):
        self.strings = ruler.vocab.strings
        tag_rules: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)  # tag -> column -> (rule, value)
        self.exceptions: list[ExceptionRule] = []
        for rule, (patterns, attrs, index) in enumerate(rules_of(ruler)):
            if set(attrs) - set(SETTABLE):
                raise Unsupported(f"a rule sets {sorted(attrs)}")
            sets = tuple((SETTABLE.index(attr), value) for attr, value in attrs.items())
            for pattern in patterns:
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise Unsupported("a rule's index is outside its pattern")
                if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and isinstance(pattern[0]["TAG"], str):
                    for column, value in sets:
                        tag_rules[get_string_id(pattern[0]["TAG"])][column] = (rule, value)
                else:
                    tokens = tuple(compile_token(spec) for spec in pattern)
                    self.exceptions.append(ExceptionRule(rule, tokens, target, sets))
        self.tags = numpy.array(sorted(tag_rules), dtype=numpy.uint64)
        # Per settable column and tag row (one more row for tags no rule names): the value its
        # rules set, and the rule that set it (-1: none).
        self.tag_values = numpy.zeros((len(SETTABLE), len(self.tags) + 1), dtype=numpy.uint64)
        self.tag_rule = numpy.full((len(SETTABLE), len(self.tags) + 1), -1, dtype=numpy.int64)
        for row, tag in enumerate(self.tags.tolist()):
            for column, (rule, value) in tag_rules[tag].items():
                self.tag_values[column, row], self.tag_rule[column, row] = value, rule
        self.read = sorted({test.attr for e in self.exceptions for tests in e.tokens for test in tests})
        self.by_word: dict[int, dict[int, list[tuple[ExceptionRule, int]]]] = defaultdict(lambda: defaultdict(list))
        self.by_column: list[ExceptionRule] = []
        for exception in self.exceptions:
            anchor = word_anchor(exception.tokens)
            if anchor is None:
                self.by_column.append(exception)
                continue
            k, test = anchor
            for value in test.values:
                self.by_word[test.attr][value].append((exception, k))
        self.word_keys = {attr: numpy.array(sorted(found), dtype=numpy.uint64) for attr, found in self.by_word.items()}
        self.column_keys = {test: numpy.array(sorted(test.values), dtype=numpy.uint64)
                            for e in self.by_column for tests in e.tokens for test in tests if test.kind != "regex"}
        self.regex_hits: dict[Any, dict[int, bool]] = defaultdict(dict)  # regex -> value -> whether it matches

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([*SETTABLE, *self.read])
        before, read = columns[:, :len(SETTABLE)], columns[:, len(SETTABLE):]
        rows = self.tag_rows(before[:, SETTABLE.index(TAG)])
        tag_rule = self.tag_rule[:, rows]
        after = numpy.where(tag_rule.T >= 0, self.tag_values[:, rows].T, before)
        starts = self.match_starts(read)
        for exception in self.exceptions:  # in rule order: a later rule overwrites an earlier one
            if exception in starts:
                targets = numpy.asarray(starts[exception], dtype=numpy.int64) + exception.target
                for column, value in exception.sets:
                    after[targets[tag_rule[column, targets] < exception.rule], column] = value
        doc.from_array(list(SETTABLE), after)
        return doc

    def tag_rows(self, tags: numpy.ndarray) -> numpy.ndarray:
        """Each token's row in the tag table (the last row for a tag no rule names)."""
        rows = numpy.searchsorted(self.tags, tags)
        rows[~members(tags, self.tags)] = len(self.tags)
        return rows

    def match_starts(self, read: numpy.ndarray) -> dict[ExceptionRule, list[int]]:
        """Where each exception's pattern matches (the indices its matches start at)."""
        column = {attr: k for k, attr in enumerate(self.read)}
        values = [read[:, k].tolist() for k in range(len(self.read))]
        length = len(read)
        starts: dict[ExceptionRule, list[int]] = defaultdict(list)
        for attr, by_value in self.by_word.items():
            found = values[column[attr]]
            for i in numpy.flatnonzero(members(read[:, column[attr]], self.word_keys[attr])).tolist():
                for exception, k in by_value[found[i]]:
                    start = i - k
                    if 0 <= start <= length - len(exception.tokens) and all(
                            self.passes(test, values[column[test.attr]][start + j])
                            for j, tests in enumerate(exception.tokens) for test in tests):
                        starts[exception].append(start)
        for exception in self.by_column:
            span = length - len(exception.tokens) + 1
            if span <= 0:
                continue
            matched = numpy.ones(span, dtype=bool)
            for j, tests in enumerate(exception.tokens):
                for test in tests:
                    matched &= self.column_test(test, read[:, column[test.attr]])[j:j + span]
            if matched.any():
                starts[exception] = numpy.flatnonzero(matched).tolist()
        return starts

    def passes(self, test: Test, value: int) -> bool:
        if test.kind == "in":
            return value in test.values
        if test.kind == "not_in":
            return value not in test.values
        return self.regex_hit(test.values, value)

    def column_test(self, test: Test, values: numpy.ndarray) -> numpy.ndarray:
        if test.kind == "regex":
            hits = sorted(v for v in set(values.tolist()) if self.regex_hit(test.values, v))
            return members(values, numpy.array(hits, dtype=numpy.uint64))
        found = members(values, self.column_keys[test])
        return found if test.kind == "in" else ~found

    def regex_hit(self, regex: re.Pattern, value: int) -> bool:
        """Whether the string `value` hashes matches `regex` (as the Matcher tests it: a search)."""
        hits = self.regex_hits[regex]
        if value not in hits:
            hits[value] = bool(regex.search(self.strings[value]))
        return hits[value]


def rules_of(ruler: AttributeRuler) -> list[tuple[list, dict[int, int], int]]:
    """(patterns, attributes as ids and hashes, index) of each rule, in the order they apply."""
    return [(ruler.matcher.get(str(rule))[1], ruler.attrs[rule], ruler.indices[rule])
            for rule in range(len(ruler.attrs))]


def compile_token(spec: dict) -> tuple[Test, ...]:
    """The tests of one token of a pattern, as the Matcher reads them."""
    tests = []
    for name, condition in spec.items():
        attr = IDS.get(ALIASES.get(name.upper(), name.upper()))
        if attr not in STRING_ATTRS and attr not in FLAG_ATTRS:
            raise Unsupported(f"a pattern tests {name}")
        as_value = int if attr in FLAG_ATTRS else get_string_id
        if not isinstance(condition, dict):
            tests.append(Test(attr, "in", frozenset({as_value(condition)})))
            continue
        for predicate, argument in condition.items():
            if predicate in ("IN", "NOT_IN"):
                tests.append(Test(attr, predicate.lower(), frozenset(as_value(v) for v in argument)))
            elif predicate == "REGEX" and attr in STRING_ATTRS:
                tests.append(Test(attr, "regex", re.compile(argument)))
            else:
                raise Unsupported(f"a pattern uses {predicate} on {name}")
    if not tests:
        raise Unsupported("a pattern has a token with no test (a wildcard)")
    return tuple(tests)


def word_anchor(tokens: tuple[tuple[Test, ...], ...]) -> tuple[int, Test] | None:
    """The token and the word test (its text, lowercase form...) that find where the pattern may
    match, or None for a pattern with no word in it."""
    words = [(k, test) for k, tests in enumerate(tokens) for test in tests
             if test.kind == "in" and test.attr in WORD_ATTRS]
    return min(words, key=lambda found: (WORD_ATTRS.index(found[1].attr), found[0])) if words else None


@Language.factory("extract_token_attributes", default_config={"ruler": "attribute_ruler"})
def make_token_attributes(nlp: Language, name: str, ruler: str) -> TokenAttributes:
    """Built from the pipeline's attribute ruler `ruler`, which then need not run (raises
    Unsupported for a component this does not reproduce)."""
    stock = nlp.get_pipe(ruler)
    if type(stock) is not AttributeRuler:
        raise Unsupported(f"{ruler} is a {type(stock).__name__}")
    return TokenAttributes(stock)
