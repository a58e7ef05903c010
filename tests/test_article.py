"""The article component: paragraphs, headline, dateline, byline, outlet, boilerplate."""
import pytest

from extract.article import paragraph_spans


def meta(nlp, text):
    doc = nlp(text)
    return doc._.metadata, doc._.boilerplate, doc


def test_paragraphs_are_blank_line_blocks_with_offsets_into_the_text():
    text = "Title line\n\n  First paragraph.\nStill first.\n\n\nSecond."
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["Title line", "First paragraph.\nStill first.", "Second."]


def test_a_text_without_blank_lines_has_one_paragraph_per_line():
    text = "Headline\nBody one.\r\nBody two."
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["Headline", "Body one.", "Body two."]


def test_a_headline_never_runs_into_the_first_sentence(nlp):
    doc = nlp("Leaders Meet in Paris\n\nThe leaders met on Monday.")
    assert [s.text.strip() for s in doc.sents][0] == "Leaders Meet in Paris"


@pytest.mark.parametrize("first_line, is_title", [
    ("Rwanda Seeks Expanding Ties with Kazakhstan, Says Foreign Minister", True),
    ("Stealth Over Health: Clinton Was Headed to ER But Diverted.", True),  # title case, full stop
    ("The minister said on Monday that the talks had gone well and would go on.", False),
    ("By Jane Doe", False),
    ("Olivier Nduhungirehe arrived in Astana on Monday.", False),  # a one-sentence lead
    ("Ms. Maria Lopez met John Smith in Paris on Monday.", False),
])
def test_title_is_the_first_line_when_it_reads_as_a_headline(nlp, first_line, is_title):
    metadata, _, _ = meta(nlp, first_line + "\n\nThe talks went on for hours in the capital.")
    assert metadata["title"] == (first_line if is_title else None)


def test_single_paragraph_has_no_title(nlp):
    metadata, _, _ = meta(nlp, "Talks Continue in Paris")
    assert metadata["title"] is None


@pytest.mark.parametrize("opening, place, outlet", [
    ("ASTANA – Rwanda sees growing value in ties.", "ASTANA", None),
    ("WASHINGTON (Reuters) - The Senate voted on Monday.", "WASHINGTON", "Reuters"),
    ("NEW YORK, June 3 — Markets rose.", "NEW YORK", None),
    ("KIGALI, Rwanda — The cabinet met.", "KIGALI, Rwanda", None),
    ("Rwanda sees growing value in ties.", None, None),
    ("I - for one - disagree.", None, None),
    ("Washington (AFP) – The Senate voted on Monday.", "Washington", "AFP"),
    ("Paris (and Lyon) – both voted.", None, None),
    ("Friday, May 17, 2019 – Maputo – The two governments signed.", "Maputo", None),
])
def test_dateline(nlp, opening, place, outlet):
    metadata, _, _ = meta(nlp, "A Headline Here\n\n" + opening)
    assert metadata["dateline"] == place
    assert metadata["outlet"] == outlet


def test_a_press_release_dateline_gives_the_date(nlp):
    metadata, _, _ = meta(nlp, "A Headline Here\n\nFriday, May 17, 2019 – Maputo – The two governments signed.")
    assert (metadata["dateline"], metadata["published"]) == ("Maputo", "May 17, 2019")


def test_byline_on_its_own_line(nlp):
    metadata, _, _ = meta(nlp, "Talks Resume\n\nBy Jane Doe and John Roe\n\nThe talks resumed on Monday.")
    assert metadata["byline"] == "Jane Doe and John Roe"


def test_reporting_by_line_names_the_byline(nlp):
    metadata, _, _ = meta(nlp, "The talks resumed.\n\nMore was said.\n\nReporting by Jane Doe; Editing by Tom Lee")
    assert metadata["byline"] == "Jane Doe"


def test_published_date_line(nlp):
    metadata, _, _ = meta(nlp, "Talks Resume\n\nPublished: May 5, 2025\n\nThe talks resumed on Monday.")
    assert metadata["published"] == "May 5, 2025"


def test_photo_caption_and_promo_are_boilerplate(nlp):
    text = ("Talks Resume\n\nThe talks resumed on Monday.\n\n"
            "The minister at the talks. Photo credit: Press service\n\n"
            "The sides spoke for hours.\n\n"
            "Get The Daily Gazette stories sent to you! Subscribe to our Telegram channel!")
    _, boilerplate, _ = meta(nlp, text)
    found = [(b.kind, text[b.start:b.end]) for b in boilerplate]
    assert found == [("caption", "The minister at the talks. Photo credit: Press service"),
                     ("promo", "Get The Daily Gazette stories sent to you! Subscribe to our Telegram channel!")]


@pytest.mark.parametrize("paragraph", [
    "Follow the money, the senator said, and you will find the answer.",
    "Read the report before the vote, she urged her colleagues in a long letter.",
    "Get out of the way, he shouted as the convoy passed the crowd.",
])
def test_imperative_prose_is_not_a_promo(nlp, paragraph):
    _, boilerplate, _ = meta(nlp, "A Headline Here\n\n" + paragraph)
    assert boilerplate == []


def test_copyright_notice_is_boilerplate(nlp):
    _, boilerplate, _ = meta(nlp, "The talks resumed.\n\n© 2025 The Daily Gazette. All rights reserved.")
    assert [b.kind for b in boilerplate] == ["copyright"]


def test_outlet_from_its_promotion(nlp):
    metadata, _, _ = meta(nlp, "Talks Resume\n\nThe talks resumed.\n\n"
                               "Get The Daily Gazette stories sent directly to you! Sign up via the website!")
    assert metadata["outlet"] == "The Daily Gazette"


def test_an_outlet_the_prose_cites_is_not_the_article_outlet(nlp):
    metadata, _, _ = meta(nlp, "Talks Resume\n\nThe senator told CNN that the talks would resume. "
                               "The New York Times reported the same.")
    assert metadata["outlet"] is None


def test_empty_text_gives_a_warning(nlp):
    doc = nlp("   \n")
    assert doc._.warnings == ["the text is empty"]
