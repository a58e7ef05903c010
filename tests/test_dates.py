"""Publication dates a machine can sort: ISO 8601 from the date as written, never a guess."""
import pytest

from extract.dates import iso_date


@pytest.mark.parametrize("written, iso", [
    ("Sun, June 16, 2024", "2024-06-16"),
    ("10 Aug 2024 at 05:33", "2024-08-10"),
    ("2024-03-07 16:39:00", "2024-03-07"),
    ("Thursday, December 1, 2005", "2005-12-01"),
    ("Sept. 4, 2024", "2024-09-04"),
    ("June 16", None),  # no year: not guessed
    ("May 2024", None),  # no day
    ("2024", None),
    ("last month", None),
    ("", None),
])
def test_a_date_as_written_gives_an_iso_date_only_when_whole(written, iso):
    assert iso_date(written) == iso


def test_the_record_carries_the_publication_date(nlp):
    import extract

    record = extract.extract_text("Ferries Return\n\nTue, March 5, 2024\n\nThe ferries came back on Monday.", nlp)
    assert (record.metadata.published, record.metadata.published_date) == ("Tue, March 5, 2024", "2024-03-05")


def test_an_agreement_date_is_resolved_against_the_publication_date(nlp):
    import extract

    text = "Fisheries Pact\n\nPUBLISHED : 10 Aug 2024 at 05:33\n\nChile and Peru signed a fisheries pact on Tuesday."
    record = extract.extract_text(text, nlp)
    assert record.metadata.published_date == "2024-08-10"
    assert [(a.date, a.date_iso) for a in record.agreements] == [("Tuesday", "2024-08-06")]
