"""Page residue: what a web page leaves around an article whose text was scraped from it.

Text copied from a news page keeps the page's furniture as lines of their own: section labels,
share buttons, font-size controls, "ADVERTISEMENT", blocks of related headlines, newsletter and
subscription boxes, polls, keyword lists, and the byline and date lines of the page header. The
same copy breaks the article's own sentences where the page had a link or a drop cap ("told\\nThe
Jakarta Post\\non Friday", "C\\nhinese"). This module reads such a text line by line: it sets the
residue apart as boilerplate (with its kind), takes the byline, agency, place and date from the
header lines, and joins the lines of a broken sentence into one paragraph. A text written in
blank-line paragraphs is read paragraph by paragraph instead, with the same patterns.

The patterns are data (lexicons/page.json): furniture seen on many sites, never one site's words.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import doc_text

BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
NBSP = re.compile(r"&nbsp;?|\u00a0", re.IGNORECASE)
LINES_PER_BLOCK_OF_PROSE = 10  # above this, blank lines do not separate paragraphs (a page's stray blank)
ITEM_MAX_WORDS = 25  # a related headline, a poll option or a tag
TAG_MAX_WORDS = 5
LABEL_MAX_WORDS = 4
LABEL_RUN = 3  # this many label lines in a row are a menu or a tag list, not subheadings
HEADER_LINES = 16  # the page header (title, byline, agency, place, date) sits in the first lines
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DATE_ALONE = re.compile(
    rf"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?")
PLACE = re.compile(r"[A-Z][\w.'’-]*(?:,?\s[A-Z][\w.'’-]*){0,3}")
NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|de|van|von|der|bin|binti|al)){0,4}")
IN_PARENTHESES = re.compile(r"\((?P<name>[A-Z][^()]{1,40})\)")
ENDS_SENTENCE = re.compile(r"[.!][\"'”’)\]]*$")  # not "?": headlines ask questions
ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
CLOSED = re.compile(r"[.!?:;\"'”’)\]…]$")
STARTS_CONTINUATION = re.compile(r"[a-z,.;:)\]'’%]")
FUNCTION_WORDS = frozenset("""a an the of to in on at for with by from and or but nor as than that which who whom
whose his her its their our my your this these those is are was were be been being has have had will would
could should can may might must shall told including into over about between among
under after before during against without within via per such both either neither not also amid amidst
despite toward towards across through since until upon onto beyond behind near around like unlike whether if
because while when where""".split())
OPENING_QUOTES = "\"“‘'«"
ARTICLE_TEXT = ""


@dataclass(frozen=True)
class Boilerplate:
    """A stretch of text that is not the article's own prose."""
    start: int
    end: int
    kind: str  # caption | promo | copyright | navigation | advertisement | related | tags | poll | metadata


@dataclass
class Layout:
    """A text's paragraphs and its page residue, with what the page header said."""
    paragraphs: list[tuple[int, int]]
    residue: list[Boilerplate] = field(default_factory=list)
    byline: str | None = None
    byline_span: tuple[int, int] | None = None  # the line that gives it
    agency: str | None = None
    published: str | None = None
    dateline: tuple[int, int] | None = None  # the place line's span


def units_of(text: str) -> tuple[list[tuple[int, int]], bool]:
    """The text's units, whitespace trimmed: its blank-line paragraphs when blank lines separate
    them, else its lines. The flag says whether the units are lines."""
    blocks = trimmed_pieces(text, BLANK_LINE)
    if len(blocks) > 1:
        lines = sum(len(LINE_BREAK.findall(text, a, b)) + 1 for a, b in blocks)
        if lines / len(blocks) <= LINES_PER_BLOCK_OF_PROSE:
            return blocks, False
    return trimmed_pieces(text, LINE_BREAK), True


def trimmed_pieces(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            spans.append((start + left, start + right))
        start = match.end() if match else len(text)
    return spans


def clean(text: str) -> str:
    """A unit's words as a reader sees them: entities for spaces gone, whitespace collapsed."""
    return " ".join(NBSP.sub(" ", text).split())


def full(patterns: list[str]) -> re.Pattern:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*:?", re.IGNORECASE)


class PageReader:
    """Reads a text's layout: its paragraphs and its page residue."""

    def __init__(self, lexicon: dict):
        self.advertisement = full(lexicon["advertisement"])
        self.navigation = full(lexicon["navigation"])
        self.published = re.compile("|".join(lexicon["published"]), re.IGNORECASE)
        self.labels = {kind: full(words) for kind, words in lexicon["label_before_value"].items()}
        self.headers = {kind: full(words) for kind, words in lexicon["block_headers"].items()}
        self.subscription = full(lexicon["subscription"])
        self.subscription_words = re.compile(lexicon["subscription_words"], re.IGNORECASE)
        self.to_reader = re.compile(lexicon["addressed_to_reader"], re.IGNORECASE)
        self.frequency = re.compile(f"(?:{lexicon['frequency']})", re.IGNORECASE)

    def read(self, text: str) -> Layout:
        units, as_lines = units_of(text)
        words = [clean(text[a:b]) for a, b in units]
        layout = Layout(paragraphs=[])
        kinds = self.classify(words, layout, units, as_lines)
        layout.residue = merged_residue(units, kinds)
        layout.paragraphs = paragraphs(text, units, kinds, words) if as_lines else units
        return layout

    def classify(self, words: list[str], layout: Layout, units: list[tuple[int, int]],
                 as_lines: bool) -> list[str | None]:
        """The residue kind of each unit, or None for the article's own text. While the passes run,
        ARTICLE_TEXT marks a unit known to be the article's, which no later pass may take."""
        kinds: list[str | None] = [None] * len(words)
        for i, unit in enumerate(words):
            kinds[i] = self.kind_alone(unit, words, i, layout)
        self.label_values(words, kinds, layout, units)
        self.subscription_boxes(words, kinds)
        self.blocks(words, kinds)
        self.page_header(words, kinds, layout, units)
        name_over_agency(words, kinds, layout, units)
        label_runs(words, kinds)
        if as_lines:
            leading_labels(words, kinds)
            page_foot(words, kinds)
        for i, unit in enumerate(words):  # punctuation left over after residue belongs to it
            if kinds[i] is None and i > 0 and kinds[i - 1] and not re.search(r"\w", unit):
                kinds[i] = kinds[i - 1]
        return [kind or None for kind in kinds]

    def kind_alone(self, unit: str, words: list[str], i: int, layout: Layout) -> str | None:
        """What a unit is by itself, without its neighbours' help."""
        if not unit:
            return "navigation"
        if self.advertisement.fullmatch(unit):
            return "advertisement"
        if match := self.published.fullmatch(unit):
            layout.published = layout.published or match.group("date").strip()
            return "metadata"
        if is_drop_cap(unit, words, i) or continues_prose(unit, words, i):
            return ARTICLE_TEXT
        if self.navigation.fullmatch(unit):
            return "navigation"
        if self.subscription.fullmatch(unit) or (
                len(unit.split()) <= 50 and self.subscription_words.search(unit) and self.to_reader.search(unit)):
            return "promo"
        return None

    def label_values(self, words: list[str], kinds: list[str | None], layout: Layout,
                     units: list[tuple[int, int]]) -> None:
        """"WRITER:" then a name on the next line: the byline; "NEWSPAPER SECTION:" then a section."""
        for i, unit in enumerate(words[:-1]):
            for kind, label in self.labels.items():
                if unit.endswith(":") and label.fullmatch(unit) and len(words[i + 1].split()) <= 6:
                    kinds[i] = kinds[i + 1] = "metadata" if kind == "byline" else kind
                    if kind == "byline" and layout.byline is None:
                        layout.byline, layout.byline_span = words[i + 1], units[i + 1]

    def subscription_boxes(self, words: list[str], kinds: list[str | None]) -> None:
        """A newsletter or subscription box: its lines between two of its prompts, and a newsletter's
        name and description before a frequency line ("Every Monday")."""
        marked = [i for i, k in enumerate(kinds) if k == "promo"]
        for a, b in zip(marked, marked[1:]):
            if b - a <= 4 and all(len(w.split()) <= ITEM_MAX_WORDS for w in words[a + 1:b]):
                for i in range(a + 1, b):
                    kinds[i] = kinds[i] or "promo"
        for i, unit in enumerate(words):
            if kinds[i] is None and self.frequency.fullmatch(unit):
                following = next((j for j in marked if i < j <= i + 3), None)
                if following is not None and i > 0 and len(words[i - 1].split()) <= LABEL_MAX_WORDS:
                    for j in range(i - 1, following):
                        kinds[j] = kinds[j] or "promo"

    def blocks(self, words: list[str], kinds: list[str | None]) -> None:
        """A block header ("RELATED", "Read more", "KEYWORDS", "... POLL") and the items after it,
        up to the first line of prose. Blocks start after the article's first prose, so that a
        section label at the top is never taken for one."""
        first_prose = next((i for i, w in enumerate(words) if is_prose(w)), len(words))
        i = first_prose
        while i < len(words):
            kind = next((k for k, header in self.headers.items()
                         if kinds[i] in (None, "navigation") and header.fullmatch(words[i])), None)
            if kind is None:
                i += 1
                continue
            kinds[i] = kind
            limit = TAG_MAX_WORDS if kind == "tags" else ITEM_MAX_WORDS
            j = i + 1
            if kind == "poll" and j < len(words):  # its question
                kinds[j] = kinds[j] or kind
                j += 1
            while j < len(words) and (kinds[j] or kinds[j] is None and is_item(words[j], limit)):
                if any(header.fullmatch(words[j]) for header in self.headers.values()):
                    break  # the next block
                kinds[j] = kinds[j] or kind
                j += 1
            i = j

    def page_header(self, words: list[str], kinds: list[str | None], layout: Layout,
                    units: list[tuple[int, int]]) -> None:
        """A date alone on a line near the top, and above it the place, the agency in parentheses
        and the writer's name: "Harlyne Joku / (BenarNews) / Port Moresby / Mon, October 9, 2023"."""
        top = [i for i in range(min(HEADER_LINES, len(words))) if kinds[i] is None]
        date = next((i for i in top if DATE_ALONE.fullmatch(words[i])), None)
        if date is None:
            return
        kinds[date] = "metadata"
        layout.published = layout.published or words[date]
        above = [i for i in top if i < date]
        if above and is_place(words[above[-1]]):
            place = above.pop()
            kinds[place] = "metadata"
            layout.dateline = units[place]
        if above and (match := IN_PARENTHESES.fullmatch(words[above[-1]])):
            kinds[above.pop()] = "metadata"
            layout.agency = match.group("name")
            if above and NAME.fullmatch(words[above[-1]]) and len(above) > 1:
                name = above.pop()
                kinds[name] = "metadata"
                if layout.byline is None:
                    layout.byline, layout.byline_span = words[name], units[name]
        elif len(above) > 1 and len(words[above[-1]].split()) <= 2 and NAME.fullmatch(words[above[-1]]):
            name = above.pop()  # an agency's name alone: "AFP", "Reuters"
            kinds[name] = "metadata"
            layout.agency = words[name]


def name_over_agency(words: list[str], kinds: list[str | None], layout: Layout, units: list[tuple[int, int]]) -> None:
    """A writer's name on a line of its own over the agency in parentheses, near the top, when no
    date line follows them: "Marta Kowalczyk / (Daily Planet)"."""
    for i in range(1, min(HEADER_LINES, len(words))):
        if kinds[i] is None and kinds[i - 1] is None and (match := IN_PARENTHESES.fullmatch(words[i])) \
                and NAME.fullmatch(words[i - 1]) and len(words[i - 1].split()) <= LABEL_MAX_WORDS:
            kinds[i - 1] = kinds[i] = "metadata"
            layout.agency = layout.agency or match.group("name")
            if layout.byline is None:
                layout.byline, layout.byline_span = words[i - 1], units[i - 1]
            return


def is_drop_cap(unit: str, words: list[str], i: int) -> bool:
    """"C" on its own line, the rest of its word on the next: "C / hinese Premier Li"."""
    return len(unit) == 1 and unit.isupper() and i + 1 < len(words) and words[i + 1][:1].islower()


def continues_prose(unit: str, words: list[str], i: int) -> bool:
    """Punctuation alone on a line after an unfinished line of prose: the sentence's end, cut off
    by a link the page had ("... sign up to the / Belt and Road Initiative / .")."""
    return bool(re.fullmatch(r"[.,;:)’']{1,2}", unit)) and i > 0 and not CLOSED.search(words[i - 1])


def is_prose(unit: str) -> bool:
    """A line of running text: a sentence that ends, or too long for a headline."""
    n = len(unit.split())
    return n > 2 * ITEM_MAX_WORDS or (n >= 6 and bool(ENDS_SENTENCE.search(unit)) and not ELLIPSIS.search(unit)) \
        or (n >= 8 and unit[:1] in OPENING_QUOTES)


def is_item(unit: str, limit: int) -> bool:
    """A line of a block: a headline, an option or a tag, never a line of prose or a broken one."""
    n = len(unit.split())
    last = unit.split()[-1] if n else ""
    return 0 < n <= limit and not is_prose(unit) and last not in FUNCTION_WORDS


def is_label(unit: str) -> bool:
    """A short line naming something: a menu entry, a tag, a section."""
    return 0 < len(unit.split()) <= LABEL_MAX_WORDS and not re.search(r"[.!?,;:\"“”]|\d", unit)


def is_place(unit: str) -> bool:
    return len(unit.split()) <= LABEL_MAX_WORDS and bool(PLACE.fullmatch(unit)) and not re.search(r"\d", unit)


def label_runs(words: list[str], kinds: list[str | None]) -> None:
    """Three or more label lines in a row (a menu, the tags at a page's foot) are navigation.
    Residue lines between them do not break the run. Above the first prose the lines are the
    page's header (section, title, byline), which leading_labels and page_header read."""
    run: list[int] = []
    first_prose = next((i for i, w in enumerate(words) if is_prose(w)), len(words))
    for i, unit in enumerate([*words, "."]):
        if i < first_prose:
            continue
        if i < len(words) and kinds[i] and run:
            continue
        if i < len(words) and kinds[i] is None and is_label(unit):
            run.append(i)
            continue
        if len(run) >= LABEL_RUN:
            for j in run:
                kinds[j] = "navigation"
        run = []


def leading_labels(words: list[str], kinds: list[str | None]) -> None:
    """Section labels above the headline ("Business", "World"): one- or two-word lines that open
    the text, when a headline follows them (a short title followed by prose is the title)."""
    labels = []
    for i, unit in enumerate(words):
        if kinds[i]:
            continue
        if kinds[i] == ARTICLE_TEXT or len(unit.split()) > 2 or not is_label(unit):
            break
        labels.append(i)
    else:
        return
    if not is_prose(words[i]):
        for j in labels:
            kinds[j] = "navigation"


def page_foot(words: list[str], kinds: list[str | None]) -> None:
    """Below the last line of prose, a scraped page has only its foot: headline lists, menus, tags."""
    last_prose = max((i for i, w in enumerate(words) if not kinds[i] and is_prose(w)), default=len(words))
    for i in range(last_prose + 1, len(words)):
        if kinds[i] is None:
            kinds[i] = kinds[i - 1] if kinds[i - 1] in ("related", "tags") else "navigation"


def merged_residue(units: list[tuple[int, int]], kinds: list[str | None]) -> list[Boilerplate]:
    """One boilerplate span per run of units of one kind."""
    residue: list[Boilerplate] = []
    for i, ((start, end), kind) in enumerate(zip(units, kinds)):
        if not kind:
            continue
        if i > 0 and kinds[i - 1] == kind:
            residue[-1] = Boilerplate(residue[-1].start, end, kind)
        else:
            residue.append(Boilerplate(start, end, kind))
    return residue


def paragraphs(text: str, units: list[tuple[int, int]], kinds: list[str | None],
               words: list[str]) -> list[tuple[int, int]]:
    """The article's paragraphs from its lines: a line the page broke off mid-sentence joins the
    next. Residue lines stay paragraphs of their own."""
    spans: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(units):
        if spans and kinds[i] is None and kinds[i - 1] is None and continues(words[i - 1], words[i]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def continues(line: str, following: str) -> bool:
    """Whether `following` goes on with the sentence `line` left unfinished."""
    if not line or not following:
        return False
    if line.endswith((" -", " –", " —")):
        return True  # a dateline: "ROME -"
    if CLOSED.search(line):
        return False
    last = line.split()[-1]
    return bool(STARTS_CONTINUATION.match(following)) or last in FUNCTION_WORDS or (
        len(line.split()) >= 8 and following[:1].isupper() and
        len(following.split()) <= LABEL_MAX_WORDS and not CLOSED.search(following))


DROP_CAP = re.compile(r"(?m)^(?P<letter>[A-Z])[ \t]*(?:\r\n|\r|\n)[ \t]*(?P<rest>[a-z]+)")
SINGLE_LETTER_WORDS = {"A", "I"}
REFERENCE = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,6}|#[xX][0-9A-Fa-f]{1,6});")


class ReferenceTokenizer:
    """The pipeline's tokenizer, with HTML character references a scraper left in the text
    ("said.&nbsp;“There", "Asia &amp; Pacific") as tokens of their own: the text between them is
    tokenized as if they were spaces, so the words around them are words again."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if "&" not in text or not REFERENCE.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in [*REFERENCE.finditer(text), None]:
            end = match.start() if match else len(text)
            if end > position:
                chunk = self.tokenizer(text[position:end])
                words += [t.text for t in chunk]
                spaces += [bool(t.whitespace_) for t in chunk]
            if match is None:
                break
            words.append(match.group())
            position = match.end()
            spaces.append(text[position:position + 1] == " ")  # the space after it is its own
            position += spaces[-1]
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@Language.factory("extract_page_tokens")
def make_page_tokens(nlp: Language, name: str) -> "PageTokens":
    known: set[str] = set()
    if "lemmatizer" in nlp.pipe_names and hasattr(nlp.get_pipe("lemmatizer"), "lookups"):
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            known = {word for words in lookups.get_table("lemma_index").values() for word in words}
    return PageTokens(known)


class PageTokens:
    """Tokens as a reader of the page saw them, before the model reads them (the component runs
    first, before tok2vec):

    - a word whose first letter a page set as a drop cap on a line of its own ("C\nhinese") is one
      token whose norm is the word, so the tagger, parser and NER read "Chinese"; "A" and "I" are
      words themselves: "A\nnew deal" is two words, "A\ngreement" one;
    - a character reference ("&nbsp;", "&amp;") has the norm of the character it stands for.

    Token texts keep what the text has, so offsets stay true to it."""

    def __init__(self, known_words: set[str]):
        self.known_words = known_words

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if "&" in text:
            for token in doc:
                if token.text[:1] == "&" and token.text[-1:] == ";" and len(token) > 3:
                    character = html.unescape(token.text)
                    if character != token.text:
                        token.norm_ = " " if character.isspace() else character
        if "\n" not in text and "\r" not in text:
            return doc
        with doc.retokenize() as retokenizer:
            for match in DROP_CAP.finditer(text):
                letter, rest = match.group("letter", "rest")
                if letter in SINGLE_LETTER_WORDS and rest in self.known_words:
                    continue
                span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
                if span is not None:
                    retokenizer.merge(span, attrs={"NORM": (letter + rest).lower()})
        return doc
