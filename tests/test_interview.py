"""The interview components: whether an article is built on one conversation, and its sides."""

COPYRIGHT = "\n\n© 2024 The Lima Post"


def interview_of(nlp, text):
    return nlp(text)._.interview


def test_interview_given_to_the_article_outlet_with_a_named_correspondent(nlp, seed_text):
    interview = nlp(seed_text)._.interview
    assert interview == {"interviewee": "Olivier Nduhungirehe", "interviewer": "Aibarshyn Akhmetkali",
                         "outlet": "The Astana Times", "occasion": "the Astana International Forum (AIF)"}


def test_interview_named_by_the_interviewer_role(nlp):
    text = ("Minister Speaks on Trade\n\nJohn Smith, the trade minister, said in an interview with "
            "Daily Gazette reporter Jane Doe at the Paris Trade Summit that exports would rise.")
    interview = interview_of(nlp, text)
    assert interview["interviewee"] == "John Smith"
    assert interview["interviewer"] == "Jane Doe"
    assert "Paris Trade Summit" in interview["occasion"]


def test_an_agency_interview_names_the_agency_and_its_journalist(nlp):
    text = ("Central Bank Holds Steady\n\n"
            "Peter Novak, the governor of the central bank, signalled that rates would stay on hold.\n\n"
            "“We are in no hurry,” the central bank chief said in an interview with Global Wire Television's "
            "Lena Ford on Tuesday.\n\n"
            "“Inflation is still too high,” Novak said. “The banks are sound,” Novak added." + COPYRIGHT)
    interview = interview_of(nlp, text)
    assert (interview["interviewee"], interview["interviewer"], interview["outlet"]) == \
        ("Peter Novak", "Lena Ford", "Global Wire Television")


def test_one_line_told_an_outlet_in_a_many_source_story_is_no_interview(nlp):
    text = ("Senate Split on Bill\n\nSenator John Smith told CNN in an interview on Sunday that the bill would pass. "
            "“We have the votes,” Smith said. Senator Maria Lopez said the bill would fail. Representative Tom Brown "
            "said he would vote against it. Governor Ann Green said the bill would cost too much.")
    assert interview_of(nlp, text) is None


def test_an_interview_with_a_group_of_reporters_is_no_interview(nlp):
    text = ("Talks to Resume\n\nForeign Minister Maria Lopez said in an interview with reporters on Monday that the "
            "talks would resume. “We are ready,” Lopez said. “The door is open,” she added. “We want a deal,” "
            "Lopez said.")
    assert interview_of(nlp, text) is None


def test_an_interview_cited_deep_in_a_story_is_no_interview(nlp):
    text = ("Leaders Meet in Lisbon\n\nThe two presidents met in Lisbon on Monday for their first summit in a decade. "
            "They signed a partnership on ports and railways. Officials from both sides attended the talks. "
            "The summit closed with a dinner at the palace. Trade between the two countries has doubled since 2015. "
            "“We are partners,” President Anna Berg said at the summit. “Our ports will grow,” Berg said. "
            "On the eve of the visit, Berg said in an interview with The Lima Post that the railway would be built.")
    assert interview_of(nlp, text) is None


def test_an_unnamed_interview_is_the_article_own_with_its_byline(nlp):
    text = ("Minister Eyes Growth\n\nBy Jane Reporter\n\n"
            "Trade minister Maria Lopez expects exports to grow this year, she said in an interview in Lima.\n\n"
            "“Our farmers are ready,” Lopez said. “The new port opens in May,” she added." + COPYRIGHT)
    assert interview_of(nlp, text) == {"interviewee": "Maria Lopez", "interviewer": "Jane Reporter",
                                       "outlet": "The Lima Post", "occasion": None}


def test_telling_the_outlet_a_page_names_as_its_own_makes_the_byline_the_interviewer(nlp):
    text = ("Business\nMinister eyes growth\nBy Jane Reporter\n"
            "Trade minister Maria Lopez expects exports to grow this year, she told the Lima Post.\n"
            "“Our farmers are ready,” Lopez said. “The new port opens in May,” she added.\n"
            "LIMA POST POLL\nWhat is your budget?")
    interview = interview_of(nlp, text)
    assert (interview["interviewee"], interview["interviewer"], interview["outlet"]) == \
        ("Maria Lopez", "Jane Reporter", "Lima Post")


def test_an_outlet_sat_down_with_the_person(nlp):
    text = ("Minister Eyes Growth\n\nThe Lima Post sat down with trade minister Maria Lopez in Lima this week.\n\n"
            "“Our farmers are ready,” Lopez said. “The new port opens in May,” she added.")
    interview = interview_of(nlp, text)
    assert (interview["interviewee"], interview["outlet"]) == ("Maria Lopez", "Lima Post")


def test_speaking_to_an_outlet_is_an_interview(nlp):
    text = ("Minister Eyes Growth\n\nTrade minister Maria Lopez, speaking to The Lima Post in Lima, said exports "
            "would grow this year.\n\n“Our farmers are ready,” Lopez said. “The new port opens in May,” she added.")
    interview = interview_of(nlp, text)
    assert (interview["interviewee"], interview["outlet"]) == ("Maria Lopez", "The Lima Post")


def test_the_occasion_is_where_the_interview_was_held_not_what_was_said(nlp):
    text = ("Minister Eyes Growth\n\nIn an interview with The Lima Post, trade minister Maria Lopez said exports "
            "might fall during the dispute with Freedonia.\n\n“Our farmers are ready,” Lopez said.")
    interview = interview_of(nlp, text)
    assert interview["interviewee"] == "Maria Lopez" and interview["occasion"] is None


PROFILE = ("Forty Years of Bread\n\nAnna Berg opened her first bakery in Lima in 1998.\n\n"
           "“I started with one oven,” Berg said{occasion}. “It was all I knew,” she said. "
           "“My mother taught me,” Berg said. “We now have ten shops,” she said. "
           "“The flour comes from the south,” Berg said. “I never take a day off,” she said." + COPYRIGHT)


def test_a_profile_built_on_one_person_quotes_is_an_interview(nlp):
    interview = interview_of(nlp, PROFILE.format(occasion=""))
    assert (interview["interviewee"], interview["outlet"]) == ("Anna Berg", "The Lima Post")


def test_one_person_quotes_from_a_speech_make_no_profile(nlp):
    assert interview_of(nlp, PROFILE.format(occasion=" in a speech to the chamber of commerce")) is None


def test_a_transcript_answered_by_the_person_the_article_presents(nlp):
    text = ("Minister on Trade\n\nTrade minister Maria Lopez took our questions on Monday.\n\n"
            "Q: What will the new port change?\n\nA: Our farmers will reach Asia in half the time.\n\n"
            "Q: When does it open?\n\nA: The first ships should dock in May." + COPYRIGHT)
    assert interview_of(nlp, text)["interviewee"] == "Maria Lopez"


def test_no_interview_without_one(nlp):
    assert interview_of(nlp, "The minister said exports would rise.") is None
