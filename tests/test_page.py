"""Page residue: a scraped page's furniture set apart, its header read, broken lines joined."""
from extract import lexicons
from extract.page import PageReader

READER = PageReader(lexicons.load("page"))

# An invented page as a scraper leaves it: one line per paragraph, the page's furniture kept.
PAGE = """World
Asia
Harbour Deal Brings New Ferries to the Coast
Two provinces agree on a shared ferry service
Maria Santos
(Coastal Wire)
Port Verde
Tue, March 5, 2024
Share this article
Facebook
X
Email
Change text size
A
A
A
T
he two provinces signed a ferry agreement on Monday, officials said.
The governor told
The Coastal Herald
on Monday that the service would start next year.
ADVERTISEMENT
"It will carry 2,000 passengers a day," the governor said.
RELATED
world
Storm closes ports along the coast
Fishermen protest new quotas
The ferries will be built at a local shipyard, the province said.
Morning Briefing
Every Monday
The week's news from the coast, in your inbox before breakfast.
View More Newsletter
By registering, you agree with our
Privacy Policy
Sign Up
HARBOUR NEWS POLL
Which ferry route would you use most?
North route
South route
KEYWORDS
Shipping
Maria Santos
Do you like the content of this article?
12
"""


def layout_of(text):
    layout = READER.read(text)
    kinds = {text[b.start:b.end]: b.kind for b in layout.residue}
    paragraphs = [text[a:b] for a, b in layout.paragraphs]
    return layout, kinds, paragraphs


def kind_at(text, layout, words):
    start = text.index(words)
    return next((b.kind for b in layout.residue if b.start <= start < b.end), None)


def test_the_header_gives_byline_agency_place_and_date():
    layout, _, _ = layout_of(PAGE)
    assert (layout.byline, layout.agency, layout.published) == ("Maria Santos", "Coastal Wire", "Tue, March 5, 2024")
    assert PAGE[slice(*layout.dateline)] == "Port Verde"


def test_page_furniture_is_residue_of_its_kind():
    layout, _, _ = layout_of(PAGE)
    expected = {
        "World": "navigation", "Share this article": "navigation", "Change text size": "navigation",
        "ADVERTISEMENT": "advertisement", "Storm closes ports along the coast": "related",
        "Fishermen protest new quotas": "related", "The week's news from the coast": "promo",
        "Morning Briefing": "promo", "Sign Up": "promo", "South route": "poll",
        "Which ferry route would you use most?": "poll", "Shipping": "tags",
        "Do you like the content of this article?": "navigation", "Tue, March 5, 2024": "metadata",
    }
    assert {words: kind_at(PAGE, layout, words) for words in expected} == expected


def test_the_article_text_is_no_residue():
    layout, _, _ = layout_of(PAGE)
    for words in ("Harbour Deal Brings New Ferries", "Two provinces agree", "he two provinces signed",
                  "The governor told", "It will carry 2,000 passengers", "The ferries will be built"):
        assert kind_at(PAGE, layout, words) is None, words


def test_a_sentence_broken_over_lines_is_one_paragraph():
    _, _, paragraphs = layout_of(PAGE)
    assert "The governor told\nThe Coastal Herald\non Monday that the service would start next year." in paragraphs
    assert "T\nhe two provinces signed a ferry agreement on Monday, officials said." in paragraphs


def test_a_headline_list_ends_at_the_first_line_of_prose():
    text = "The talks ended on Friday after three days, the ministry said.\nRead more\n" \
           "Ministers meet again in May\nThe next round will be held in May, the ministry added."
    layout, _, paragraphs = layout_of(text)
    assert kind_at(text, layout, "Ministers meet again") == "related"
    assert kind_at(text, layout, "The next round") is None


def test_blank_line_paragraphs_stay_as_they_are():
    text = "A Title\n\nFirst paragraph, written\nover two lines.\n\nAdvertisement\n\nSecond paragraph."
    layout, kinds, paragraphs = layout_of(text)
    assert paragraphs == ["A Title", "First paragraph, written\nover two lines.", "Advertisement",
                          "Second paragraph."]
    assert kinds == {"Advertisement": "advertisement"}


def test_subscriptions_in_prose_are_not_residue():
    """Subscription words in a news sentence: nothing is addressed to the reader."""
    text = "Netflix said its subscribers rose by 9 million in the quarter, the company said.\n" \
           "Analysts expect the newsletter business to grow."
    assert layout_of(text)[0].residue == []


def test_residue_gives_no_quote_figure_or_mention(nlp):
    doc = nlp(PAGE)
    residue = [(b.start, b.end) for b in doc._.boilerplate if b.kind not in ("caption", "metadata")]
    inside = lambda start: any(a <= start < b for a, b in residue)  # noqa: E731
    assert not any(inside(q.start) for q in doc._.quotes)
    assert not any(inside(f.start) for f in doc._.figures)
    assert doc._.metadata["byline"] == "Maria Santos"
    assert doc._.metadata["dateline"] == "Port Verde"
    assert doc._.metadata["published"] == "Tue, March 5, 2024"
    assert doc._.metadata["title"] == "Harbour Deal Brings New Ferries to the Coast"


def test_a_drop_cap_is_read_as_one_word(nlp):
    doc = nlp("P\nresident Maria Santos opened the port on Monday.")
    assert doc[0].text == "P\nresident" and doc[0].norm_ == "president"
    doc = nlp("A\nnew ferry service opened on Monday.")  # "A" is a word of its own
    assert doc[0].text == "A"


def test_a_character_reference_is_a_token_of_its_own(nlp):
    text = "Attal,&nbsp;who said.&nbsp;“We agree,” he said of the Asia &amp; Pacific plan."
    doc = nlp(text)
    assert doc.text == text
    words = [t.text for t in doc]
    assert words[:4] == ["Attal", ",", "&nbsp;", "who"] and "“" in words and "&amp;" in words
    assert {t.norm_ for t in doc if t.text == "&amp;"} == {"&"}


def test_a_name_over_an_agency_is_the_byline_without_a_date_line():
    text = "Harbour talks resume\nMarta Kowalczyk\n(Daily Planet)\nThe harbour talks resumed on Monday, officials said."
    layout, kinds, _ = layout_of(text)
    assert (layout.byline, layout.agency) == ("Marta Kowalczyk", "Daily Planet")
    assert kinds == {"Marta Kowalczyk\n(Daily Planet)": "metadata"}
