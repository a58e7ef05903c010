"""The interview component: interviewee, interviewer, outlet, occasion."""


def test_interview_given_to_the_article_outlet_with_a_named_correspondent(nlp, seed_text):
    interview = nlp(seed_text)._.interview
    assert interview == {"interviewee": "Olivier Nduhungirehe", "interviewer": "Aibarshyn Akhmetkali",
                         "outlet": "The Astana Times", "occasion": "the Astana International Forum (AIF)"}


def test_interview_named_by_the_interviewer_role(nlp):
    text = ("Minister Speaks on Trade\n\nJohn Smith, the trade minister, said in an interview with "
            "Daily Gazette reporter Jane Doe at the Paris Trade Summit that exports would rise.")
    interview = nlp(text)._.interview
    assert interview["interviewee"] == "John Smith"
    assert interview["interviewer"] == "Jane Doe"
    assert "Paris Trade Summit" in interview["occasion"]


def test_an_interview_given_to_another_outlet_is_not_the_article_interview(nlp):
    text = ("Senator Speaks\n\nWASHINGTON (Reuters) - Senator John Smith told CNN in an interview on "
            "Sunday that the bill would pass.")
    assert nlp(text)._.interview is None


def test_no_interview_without_one(nlp):
    assert nlp("The minister said exports would rise.")._.interview is None
