"""People's names the model cut short or missed, repaired from how English writes names.

The small model ends "Ursula von der Leyen" at "von", leaves the capitalised "To" off
"To Lam", splits 'Joko "Jokowi" Widodo' at the nickname, and tags a name it does not know
as an organisation or a place, or not at all ("RBI Governor Shaktikanta Das", "China's
ambassador in Hanoi, Xiong Bo, told ..."). A name in a title's slot, right after a role or
set off by commas after one, is a person's whatever the model made of it.
"""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from .. import countries
from ..columns import tokens_at
from .mentions import DETERMINERS
from .roles import RoleReader
from .titles import TitleWords

QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}
# Parts of speech the model gives a capitalised word of a name it misreads as a common word
# ("To Lam"); inside a sentence such a word in capitals belongs to the name after it.
FUNCTION_POS = {"ADP", "DET", "PART", "CCONJ", "SCONJ", "ADV", "AUX"}
NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NAME_MIN_TOKENS, NAME_MAX_TOKENS = 2, 4
PORTFOLIO_LINKS = {"of", "for"}


class NameRepairs:
    def __init__(self, words: TitleWords, roles: RoleReader, names: dict):
        self.words = words
        self.roles = roles
        self.particles = set(names["particles"])
        self.thing_heads = set(names["thing_heads"])

    def __call__(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Person spans to replace what the model tagged at their place."""
        found = []
        for ent in ents:
            if ent.label_ == "PERSON":
                whole = self.whole_name(ent)
                if (whole.start, whole.end) != (ent.start, ent.end):
                    found.append(whole)
        taken = {i for span in found for i in range(span.start, span.end)}
        for span in self.names_in_role_slots(doc):
            if not any(i in taken for i in range(span.start, span.end)):
                found.append(span)
        return found

    # --- names the model cut short ------------------------------------------------------

    def whole_name(self, ent: Span) -> Span:
        """The person's name with the particles and surname after a "von", a quoted nickname
        and its surname, and a capitalised word the model read as a common word before it."""
        doc = ent.doc
        start, end = ent.start, ent.end
        while end - start > 1 and (doc[end - 1].lower_ in self.particles or doc[end - 1].text in QUOTE_MARKS):
            end -= 1
        after = end
        while after < len(doc) and doc[after].text in self.particles and not self.line_break_before(doc[after]):
            after += 1
        if after > end and after < len(doc) and doc[after].is_title and not self.line_break_before(doc[after]):
            end = after + 1
        if end + 3 < len(doc) and doc[end].text in QUOTE_MARKS and doc[end + 1].is_title and \
                doc[end + 2].text in QUOTE_MARKS and doc[end + 3].is_title and \
                not any(self.line_break_before(doc[i]) for i in range(end, end + 4)):
            end += 4
        if start > 0 and self.is_misread_name_word(doc[start - 1]) and \
                not self.line_break_before(doc[start]) and not self.line_break_before(doc[start - 1]):
            start -= 1
        return Span(doc, start, end, label="PERSON")

    def is_misread_name_word(self, token: Token) -> bool:
        """A capitalised function word after a word in lower case: inside a sentence, not in a
        headline's title case, nor after a colon or a quote."""
        return token.is_title and token.pos_ in FUNCTION_POS and not token.is_sent_start and \
            token.i > 0 and token.nbor(-1).is_alpha and token.nbor(-1).is_lower and \
            token.lower_ not in DETERMINERS and not token.text.endswith(".") and \
            not token.ent_type_ and token.lower_ not in self.words.honorifics and \
            token.lower_ not in self.roles.role_words and token.lower_ not in self.words.modifiers

    @staticmethod
    def line_break_before(token: Token) -> bool:
        return token.i > 0 and ("\n" in token.nbor(-1).whitespace_ or token.nbor(-1).is_space)

    # --- names in a title's slot ---------------------------------------------------------

    def names_in_role_slots(self, doc: Doc) -> list[Span]:
        """Names right after a role word ("Governor Jane Doe", "Secretary of Commerce Jane
        Doe", "father XI Zhongxun"), or between commas after a role phrase ("the ambassador
        in Hanoi, Jane Doe, said")."""
        found = []
        role_words = self.roles.role_word_mask(doc)
        commas = doc.to_array(ORTH) == doc.vocab.strings[","]
        for token in tokens_at(doc, role_words | commas):
            if role_words[token.i] and token.pos_ in ("NOUN", "PROPN") and \
                    not (token.ent_iob_ == "B" and token.ent_type_ != "PERSON"):  # "Justice Department"
                start = token.i + 1
                if start + 1 < len(doc) and doc[start].lower_ in PORTFOLIO_LINKS and \
                        doc[start + 1].lower_ in self.words.portfolios and doc[start + 1].is_title:
                    start += 2  # "Secretary of Commerce"
                span = self.name_at(doc, start)
            elif token.text == ",":
                span = self.name_at(doc, token.i + 1)
                if span is not None and (span.end < len(doc) and not (
                        doc[span.end].text == "," or doc[span.end].pos_ in ("VERB", "AUX")) or
                        self.roles.role_before_comma(doc, token.i, span.end) is None):
                    span = None
            else:
                continue
            if span is not None:
                found.append(span)
        return found

    def name_at(self, doc: Doc, start: int) -> Span | None:
        """The name of two to four words starting at token `start`, if one does."""
        end = start
        while end < len(doc) and end - start < NAME_MAX_TOKENS + 1 and self.is_name_word(doc[end]) and \
                (end == start or not self.line_break_before(doc[end])):
            end += 1
        if not NAME_MIN_TOKENS <= end - start <= NAME_MAX_TOKENS or doc[end - 1].text in self.particles:
            return None
        span = Span(doc, start, end, label="PERSON")
        if span[0].ent_iob_ == "I" and span[0].ent_type_ == "PERSON" or end < len(doc) and doc[end].ent_iob_ == "I":
            return None  # part of a longer name: a person's, or a law's ("... Against Sponsors of Terrorism Act")
        if span[0].ent_iob_ == "B" and all(t.ent_type_ == "PERSON" for t in span) and \
                (end == len(doc) or doc[end].ent_iob_ != "I"):
            return None  # the model's own
        if any(t.ent_type_ in NOT_NAME_ENTS or t.lower_ in self.words.org_heads or t.lower_ in self.thing_heads or
               countries.place_code(t.text) or countries.demonym_code(t.text) for t in span) or \
                countries.place_code(span.text):
            return None
        return span

    def is_name_word(self, token: Token) -> bool:
        if token.text in self.particles:
            return True
        shaped = token.is_title or token.is_upper and token.is_alpha and len(token.text) <= 3
        return shaped and token.lower_ not in self.roles.role_words and \
            token.lower_ not in self.words.honorifics and token.lower_ not in self.words.modifiers
