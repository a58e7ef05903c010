"""The article itself: paragraphs, title, dateline, byline, outlet, and boilerplate.

Two components. `extract_paragraphs` runs before the parser: it reads the text's layout (its
paragraphs, and the residue of a scraped web page: see page.py) and starts a sentence at every
paragraph, so that a headline or a caption never runs into the text after it.
`extract_article` runs after the NER and fills `doc._.metadata` and `doc._.boilerplate`:
page residue, captions, photo credits, promotional tails and copyright notices, from which
later components take no quote, figure or agreement.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import lexicons
from .dates import iso_date
from .doctext import doc_text
from .page import Boilerplate, Layout, PageReader, units_of

Doc.set_extension("paragraphs", default=None)
Doc.set_extension("layout", default=None)
Doc.set_extension("metadata", default=None)
Doc.set_extension("boilerplate", default=None)
Doc.set_extension("warnings", default=None)
Doc.set_extension("headline", default=None)  # (start, end) of the title line
Doc.set_extension("dateline", default=None)  # (start, end) of "WASHINGTON (AP) — ", dash included

DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]*)*(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?)"
    r"(?:,?[ ](?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?"
    r"(?:[ ]?\((?P<agency>[A-Za-z][\w .&-]{0,40})\))?"
    r"[ ]?(?:[–—]|--?)\s+")
# "Washington (AFP) –": a place in title case is a dateline only when an agency follows it.
AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})[ ]\((?P<agency>[A-Z][A-Za-z&]{1,12})\)[ ]?(?:[–—]|--?)[ ]+")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
BYLINE = re.compile(r"(?:By|BY|Reporting by|Written by)[ ]+(?P<names>[A-Z][^\n;|]{1,80}?)(?:[;|]|$|\n)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_LINE = re.compile(
    rf"(?:(?:Published|Posted|Updated)(?:[ ]on)?:?[ ]*)?(?P<date>(?:{MONTHS})[ ]\d{{1,2}},?[ ]\d{{4}}"
    rf"|\d{{1,2}}[ ](?:{MONTHS})[ ]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b.{{0,30}}$")
# A press release's "Friday, May 17, 2019 – Maputo –": the date, then the place.
DATED_DATELINE = re.compile(
    rf"(?:(?:{WEEKDAYS}),[ ])?(?P<date>(?:{MONTHS})[ ]\d{{1,2}},[ ]\d{{4}})[ ]?(?:[–—]|--?)[ ]+"
    r"(?P<place>[A-Z][\w.'’-]+(?:,?[ ][A-Z][\w.'’-]+){0,3})(?:[ ]\((?P<agency>[A-Z][A-Za-z&]{1,12})\))?"
    r"[ ]?(?:[–—]|--?)[ ]+")
HEADLINE_MAX_WORDS = 30
TITLE_CASE_MINOR_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
                          "in", "of", "off", "on", "per", "to", "up", "via", "vs", "vs.", "with", "from", "into"}
CAPTION_MAX_WORDS = 60


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, whitespace trimmed: blocks separated by blank lines, or
    the lines of a text without them (see page.units_of)."""
    return units_of(text)[0]


@Language.factory("extract_paragraphs", default_config={"lexicon": "page"})
def make_paragraphs(nlp: Language, name: str, lexicon: str) -> "ParagraphSplitter":
    return ParagraphSplitter(PageReader(lexicons.load(lexicon)))


class ParagraphSplitter:
    """Reads the text's layout and marks each paragraph's first token as a sentence start,
    before the parser runs."""

    def __init__(self, reader: PageReader):
        self.reader = reader

    def __call__(self, doc: Doc) -> Doc:
        doc._.layout = self.reader.read(doc_text(doc))
        doc._.paragraphs = doc._.layout.paragraphs
        # One write of the whole column: setting Token.is_sent_start checks the whole Doc each time.
        sent_starts = doc.to_array([SENT_START])
        for start, _ in doc._.paragraphs:
            span = doc.char_span(start, start + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                sent_starts[span.start] = 1
        doc.from_array([SENT_START], sent_starts)
        return doc


def inside(paragraph: tuple[int, int], boilerplate: list[Boilerplate]) -> bool:
    return any(b.start <= paragraph[0] < b.end for b in boilerplate)


def compile_patterns(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@Language.factory("extract_article", default_config={"lexicon": "boilerplate"})
def make_article(nlp: Language, name: str, lexicon: str) -> "ArticleReader":
    return ArticleReader(lexicons.load(lexicon), lexicons.load("organisations")["outlet_words"])


class ArticleReader:
    """Finds the title, dateline, byline, outlet and the boilerplate of an article."""

    def __init__(self, patterns: dict, outlet_words: list[str]):
        self.caption = compile_patterns(patterns["caption"])
        self.promo_start = compile_patterns(patterns["promo_start"])
        self.promo_object = compile_patterns(patterns["promo_object"])
        self.copyright = compile_patterns(patterns["copyright"])
        self.outlet_word = re.compile(r"\b(?:" + "|".join(map(re.escape, outlet_words)) + r")\b", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        layout: Layout = doc._.layout or PageReader(lexicons.load("page")).read(text)
        paragraphs = [p for p in layout.paragraphs if not inside(p, layout.residue)]
        boilerplate = sorted(layout.residue + [b for p in paragraphs if (b := self.classify(text, *p))],
                             key=lambda b: b.start)
        paragraphs = [p for p in paragraphs if not inside(p, boilerplate)]
        title = self.title(text, paragraphs)
        body = [p for p in paragraphs if p != title]
        dateline = self.dateline(text, body)
        doc._.dateline = dateline.span() if dateline else layout.dateline
        doc._.boilerplate = boilerplate
        doc._.headline = title
        doc._.warnings = [] if text.strip() else ["the text is empty"]
        agency = dateline.group("agency") if dateline else layout.agency
        doc._.metadata = {
            "title": text[title[0]:title[1]] if title else None,
            "dateline": dateline.group("place") if dateline else
            (text[slice(*layout.dateline)] if layout.dateline else None),
            "byline": layout.byline or self.byline(text, body),
            "outlet": self.outlet(doc, boilerplate, agency),
            "published": layout.published or self.published(text, body) or
            (dateline.groupdict().get("date") if dateline else None),
        }
        doc._.metadata["published_date"] = iso_date(doc._.metadata["published"])
        return doc

    def classify(self, text: str, start: int, end: int) -> Boilerplate | None:
        """A caption, promotion or copyright notice, judged paragraph by paragraph."""
        paragraph = text[start:end]
        words = len(paragraph.split())
        if self.copyright.search(paragraph) and words <= CAPTION_MAX_WORDS:
            return Boilerplate(start, end, "copyright")
        if self.caption.search(paragraph) and words <= CAPTION_MAX_WORDS:
            return Boilerplate(start, end, "caption")
        sentences = re.split(r"(?<=[.!?])\s+", paragraph)
        if words <= CAPTION_MAX_WORDS and any(
                self.promo_start.match(s) and self.promo_object.search(s) for s in sentences):
            return Boilerplate(start, end, "promo")
        return None

    @staticmethod
    def title(text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The first paragraph, when it is one short line that reads as a headline: no closing
        full stop, or most of its longer words capitalised."""
        if len(paragraphs) < 2:
            return None
        start, end = paragraphs[0]
        line = text[start:end]
        words = line.split()
        if "\n" in line or "\r" in line or not words or len(words) > HEADLINE_MAX_WORDS or \
                BYLINE.match(line) or DATE_LINE.fullmatch(line) or DATELINE.match(line):
            return None
        # A first line closed by a full stop is a headline only in title case: a one-sentence
        # lead paragraph has lower-case words besides the minor ones ("... arrived in Astana.").
        lower_case = [w for w in (w.strip("\"'“”‘’([") for w in words)
                      if w[:1].islower() and w.lower() not in TITLE_CASE_MINOR_WORDS]
        ending = line.rstrip("\"'”’")[-1:]
        reads_as_headline = ending not in ".:;," or ending == "." and not lower_case
        return (start, end) if reads_as_headline else None

    @staticmethod
    def dateline(text: str, body: list[tuple[int, int]]) -> re.Match | None:
        """The place (and any agency or date) opening the first body paragraphs: "ASTANA –",
        "WASHINGTON (Reuters) -", "Washington (AFP) –", "Friday, May 17, 2019 – Maputo –"."""
        for start, end in body[:3]:
            match = DATELINE.match(text, start, end)
            if match and match.group("place").replace(".", "").replace(",", "").split()[0].isupper():
                return match
            if match := AGENCY_DATELINE.match(text, start, end) or DATED_DATELINE.match(text, start, end):
                return match
        return None

    @staticmethod
    def byline(text: str, body: list[tuple[int, int]]) -> str | None:
        """Names after "By" on a short line near the top, or in a "Reporting by" line anywhere."""
        for index, (start, end) in enumerate(body):
            paragraph = text[start:end]
            match = BYLINE.match(paragraph)
            if match and (index < 4 and len(paragraph.split()) <= 12 or paragraph.startswith("Reporting by")):
                return match.group("names").strip(" ,.")
        return None

    @staticmethod
    def published(text: str, body: list[tuple[int, int]]) -> str | None:
        """A date standing on its own line near the top."""
        for start, end in body[:4]:
            match = DATE_LINE.fullmatch(text, start, end)
            if match:
                return match.group("date")
        return None

    def outlet(self, doc: Doc, boilerplate: list[Boilerplate], agency: str | None) -> str | None:
        """The publication, from where an article names its own outlet: a dateline's agency, its
        promotions and credits. The outlet an interview was given to counts only beside those:
        an article also cites other outlets ("told CNN")."""
        votes: Counter[str] = Counter()
        if agency:
            votes[agency] += 3
        text = doc_text(doc)
        for b in boilerplate:
            if b.kind in ("promo", "copyright"):
                votes.update({m.group("name"): 2 for m in PROMOTED_NAME.finditer(text, b.start, b.end)})
        for ent in doc.ents:
            if ent.label_ != "ORG" or not self.outlet_word.search(ent.text):
                continue
            name = strip_article(ent)
            if any(b.start <= ent.start_char < b.end for b in boilerplate if b.kind in OWN_OUTLET_KINDS):
                votes[name] += 2
            elif introduces_own_outlet(ent):
                votes[name] += 1
        if not votes:
            return None
        name, score = votes.most_common(1)[0]
        return name if score >= 2 else None


# The outlet a promotion or a copyright notice names: "Get The Astana Times stories", "© 2025 The X".
PROMOTED_NAME = re.compile(
    r"(?:\bGet|\b[Ss]ubscribe to|\b[Ff]ollow|©|\(c\)|Copyright)[ ]+(?:\d{4}[ ]+)?"
    r"(?P<name>(?:The[ ])?[A-Z][\w&'’.-]*(?:[ ](?:of[ ]|and[ ])?[A-Z][\w&'’.-]*)*)")
OWN_OUTLET_KINDS = {"caption", "promo", "copyright", "metadata"}  # residue naming the page's own outlet
OWN_OUTLET_CUES = {"interview with", "told", "speaking to", "spoke to", "spoke with", "speaking with",
                   "an interview to", "interview to"}


def introduces_own_outlet(ent: Span) -> bool:
    """"... told The X", "in an interview with The X", "The X correspondent ...": the article's own outlet."""
    doc = ent.doc
    before = " ".join(t.lower_ for t in doc[max(0, ent.start - 3):ent.start])
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return any(before.endswith(cue) for cue in OWN_OUTLET_CUES) or after in {
        "correspondent", "reporter", "journalist", "editor", "interviewer"}


def strip_article(span: Span) -> str:
    """The span's text without a lower-case leading 'the' ("the Astana Times" -> "Astana Times")."""
    if len(span) > 1 and span[0].text == "the":
        span = span[1:]
    return span.text
