"""Saved web pages: the article's text and the page's metadata, found by trafilatura.

trafilatura keeps the main text of a news page and leaves out navigation, comments and ads.
Its blocks (paragraphs, headings, list items) become paragraphs separated by blank lines, as in a
plain-text article, and that text is what the record's offsets refer to.
trafilatura is imported only when a page shows up, so that the command starts without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

PAGE_SUFFIXES = (".html", ".htm")
TEXT_SUFFIX = ".txt"
PAGE_STARTS = (b"<!doctype html", b"<html")
NO_ARTICLE = "no article text found in the page"
# A news brief has more words; what is left of a 404 notice, a login form or an empty search page has fewer.
MIN_ARTICLE_WORDS = 40
BLOCKS = {"p", "head", "item", "quote", "code", "row"}  # trafilatura's XML: each is a paragraph of its own
SPACE = re.compile(r"[^\S\n]+|\u200b")  # runs of spaces, tabs and no-break spaces; zero-width spaces
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"}
# Metadata fields (models.Metadata) and trafilatura's names for them.
FIELDS = {"title": "title", "byline": "author", "published": "date", "outlet": "sitename", "url": "url"}


@dataclass(frozen=True)
class Page:
    """What a saved page gives: its article's text, the metadata it declares, and warnings."""
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def is_page(source: str, data: bytes) -> bool:
    """An .html/.htm file is a page and a .txt file is text; standard input and other names are
    pages when they start like one."""
    suffix = Path(source).suffix.lower()
    if suffix in PAGE_SUFFIXES or suffix == TEXT_SUFFIX:
        return suffix in PAGE_SUFFIXES
    return data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(PAGE_STARTS)


def read_page(data: bytes) -> Page:
    """The article of a saved page (trafilatura reads the page's own charset declaration), or an
    empty text with a warning when the page holds no article."""
    import trafilatura

    document = trafilatura.bare_extraction(data, include_comments=False, with_metadata=True,
                                           author_blacklist=MONTHS)  # "January 17, 2017 by ..." is no author
    text = page_text(document.body) if document is not None and document.body is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return Page("", warnings=(NO_ARTICLE,))
    metadata = {name: value for name, attribute in FIELDS.items() if (value := getattr(document, attribute))}
    return Page(text, metadata)


def page_text(body: _Element) -> str:
    """One paragraph per block and per line break in a block ("By X<br>VOA News" is two lines of a
    plain-text article), blank lines between them."""
    return "\n\n".join(line for block in body.iter(*BLOCKS) for line in block_lines(block))


def block_lines(block: _Element) -> list[str]:
    """A block's lines with their spaces tidied, empty ones left out."""
    lines = (SPACE.sub(" ", line).strip() for line in own_text(block).split("\n"))
    return [line for line in lines if line]


def own_text(element: _Element) -> str:
    """The element's text, without that of blocks inside it (a list in a list item): those are
    paragraphs of their own."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append("\n")
        elif isinstance(child.tag, str) and child.tag not in BLOCKS and child.tag != "list":
            pieces.append(own_text(child) + (" " if child.tag == "cell" else ""))
        pieces.append(child.tail or "")
    return "".join(pieces)
