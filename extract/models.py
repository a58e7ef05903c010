"""The output contract: one `Article` record per input, as pydantic v2 models.

Every span is a pair of character offsets into the decoded input text, end exclusive, so
that ``text[start:end] == span.text``. The JSON Schema (``extract --schema``) is generated
from these classes; field names are the contract and change only with SCHEMA_VERSION.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
                      "WORK_OF_ART", "LANGUAGE"]
QuoteKind = Literal["direct", "indirect", "mixed"]
FigureKind = Literal["money", "percent", "quantity", "count", "duration", "ordinal", "other"]
AgreementKind = Literal["agreement", "memorandum", "treaty", "accord", "pact", "protocol", "deal",
                        "contract", "joint venture", "roadmap", "declaration", "commitment"]
AgreementStatus = Literal["signed", "agreed", "existing", "proposed", "planned", "pending"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A stretch of the input text."""
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Boilerplate(Span):
    """Text that is not the article's own prose."""
    kind: Literal["caption", "promo", "copyright", "navigation", "advertisement", "related", "tags", "poll",
                  "metadata"]


class Metadata(Record):
    """Found in the text; for a web page, fields the text leaves empty come from the page's metadata."""
    title: Optional[str] = None
    dateline: Optional[str] = None
    byline: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_date: Optional[str] = Field(None, description="the publication date as ISO 8601 (YYYY-MM-DD), when "
                                          "`published` gives it whole")
    url: Optional[str] = Field(None, description="the page's own address, for a saved web page")


class Interview(Record):
    """Who was interviewed, by whom, for which outlet and on what occasion (names as in entities)."""
    interviewee: Optional[str] = None
    interviewer: Optional[str] = None
    outlet: Optional[str] = None
    occasion: Optional[str] = None


class Entity(Record):
    """One real-world person, organisation or place, with every mention of it merged."""
    id: str
    name: str = Field(description="canonical name: the longest full form in the text")
    label: EntityLabel
    mentions: list[Span]
    roles: list[str] = Field(default_factory=list, description="titles and roles as written")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code")
    key: Optional[str] = Field(None, description="the same in every article and run for the same real-world thing: "
                               "GPE:RW for Rwanda and Rwandan, else LABEL:normalised name (see extract/keys.py)")


class Speaker(Record):
    name: str
    entity_id: Optional[str] = None
    mention: Optional[Span] = None


class Quote(Record):
    """Quoted or reported content (without its outer quote marks) and who said it.

    A quotation interrupted by its attribution ("“A,” he said, “B.”") is one quote running from
    A to B; `parts` gives the words inside quote marks, for direct and mixed quotes alike."""
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Optional[Speaker] = None
    cue: Optional[Span] = None
    sentence: Span
    parts: list[Span] = Field(default_factory=list, description="the verbatim pieces, inside quote marks")


class Figure(Record):
    text: str
    start: int
    end: int
    kind: FigureKind
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = Field(None, description="ISO 4217 for money, 'percent', or a short unit")
    approximate: bool = False
    qualifier: Optional[str] = None
    measures: Optional[str] = None
    said_by: Optional[str] = Field(None, description="the speaker when the figure is inside a quote")
    sentence: Span


class Agreement(Record):
    text: str = Field(description="the evidence")
    start: int
    end: int
    kind: AgreementKind
    parties: list[str] = Field(default_factory=list)
    count: Optional[int] = None
    sectors: list[str] = Field(default_factory=list, description="normalised short names")
    sector_spans: list[Span] = Field(default_factory=list, description="the sectors as written")
    status: Optional[AgreementStatus] = Field(None, description="signed, agreed (terms agreed, renewed or announced), "
                                              "existing (in force, its making not told), planned, pending (under "
                                              "negotiation) or proposed")
    signed: bool = Field(False, description="a text signed or its terms agreed in the events told; never a commitment")
    date: Optional[str] = Field(None, description="the date as written")
    date_iso: Optional[str] = Field(None, description="the date resolved, ISO 8601 (2024-06-18, 2024-06, 2024, "
                                    "2024-W25), against metadata.published for relative ones; null when unresolvable")
    value: Optional[Figure] = Field(None, description="the figure giving its worth, as in figures")
    said_by: Optional[str] = Field(None, description="the speaker when the agreement is inside a quote")


class Article(Record):
    """Everything extracted from one input."""
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: str = Field(description="the path as given, or '-' for standard input")
    text_sha256: str
    metadata: Metadata = Field(default_factory=Metadata)
    interview: Optional[Interview] = None
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    boilerplate: list[Boilerplate] = Field(default_factory=list,
                                    description="captions, credits and promos; nothing is extracted from them")
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of one output record."""
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
