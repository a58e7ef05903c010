"""Agreements and commitments: kinds, verbs and nominal forms, parties, counts, sectors, negatives.

Every sentence here is written for the test; none comes from an article.
"""
from __future__ import annotations

import pytest

from extract import models


def agreements(nlp, text: str) -> list[models.Agreement]:
    doc = nlp(text)
    for agreement in doc._.agreements:
        assert doc.text[agreement.start:agreement.end] == agreement.text
        for span in agreement.sector_spans:
            assert doc.text[span.start:span.end] == span.text
    return doc._.agreements


def only(nlp, text: str) -> models.Agreement:
    found = agreements(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- kinds, verbs and nominal forms ------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Germany and Poland concluded a defence pact.", "pact"),
    ("Japan and India signed a memorandum of understanding on health.", "memorandum"),
    ("Peru and Chile signed an MoU on fisheries.", "memorandum"),
    ("The parliaments of Austria and Hungary ratified the treaty.", "treaty"),
    ("Indonesia and Australia initialled a free trade agreement.", "agreement"),
    ("Brazil entered into a contract with Siemens.", "contract"),
    ("The two governments adopted a joint declaration on climate change.", "declaration"),
    ("Serbia and Hungary agreed on a roadmap for energy.", "roadmap"),
    ("Ghana and Togo signed an accord on border security.", "accord"),
    ("Canada and the European Union sealed a trade deal.", "deal"),
])
def test_each_kind_is_named_by_its_noun(nlp, text, kind):
    assert only(nlp, text).kind == kind


@pytest.mark.parametrize("text", [
    "Egypt and Greece inked three agreements.",
    "Vietnam and Cambodia have reached agreements on fisheries.",
    "A deal worth $2 billion was agreed between Boeing and Qantas.",
    "The leaders witnessed the signing of three agreements between Egypt and Greece.",
    "The agreement signed by Turkey and Azerbaijan covers energy.",
    "The deal that Qatar and Turkey struck last week covers defence.",
])
def test_signing_verbs_passives_and_nominal_forms_make_a_signed_agreement(nlp, text):
    agreement = only(nlp, text)
    assert agreement.signed and len(agreement.parties) == 2


@pytest.mark.parametrize("text", [
    "Talks on an agreement stalled.",
    "The agreement of the audience was obvious.",
    "The United States and Mexico failed to reach a deal on migration.",
    "France did not sign the accord.",
    "No agreement was reached on the budget.",
    "Officials in Nairobi and Addis Ababa hope to sign a roadmap.",
    "The two governments are working to reach agreement on the remaining texts.",
    "If Chile and Peru could sign the pact, trade would grow.",
    "She signed up for the newsletter.",
    "A great deal of progress was made.",
    "They exchanged views on the situation.",
])
def test_no_agreement_without_one_being_made(nlp, text):
    assert agreements(nlp, text) == []


def test_a_signing_still_to_come_is_an_agreement_not_signed(nlp):
    agreement = only(nlp, "Kenya and Ethiopia will sign a treaty on extradition next year.")
    assert agreement.kind == "treaty" and not agreement.signed
    assert agreement.parties == ["Kenya", "Ethiopia"] and agreement.date == "next year"


@pytest.mark.parametrize("text, signed", [
    ("The presidents of Chile and Peru met in Lima to sign a fisheries pact.", False),
    ("Chile and Peru will be able to reach an agreement by Saturday.", False),
    ("Chile and Peru managed to sign a fisheries pact.", True),
])
def test_a_to_infinitive_signing_is_a_plan_unless_achieved(nlp, text, signed):
    assert only(nlp, text).signed is signed


# --- commitments --------------------------------------------------------------------------------

def test_agreeing_to_act_is_a_commitment_of_the_parties(nlp):
    agreement = only(nlp, "The minister agreed to establish a business council between Peru and Chile.")
    assert agreement.kind == "commitment" and not agreement.signed
    assert agreement.parties == ["Peru", "Chile"]
    assert agreement.text == "The minister agreed to establish a business council between Peru and Chile"


def test_a_pledge_is_a_commitment_with_its_value(nlp):
    agreement = only(nlp, "Kazakhstan and Rwanda pledged to invest $500 million in the mining sector.")
    assert agreement.kind == "commitment" and agreement.parties == ["Kazakhstan", "Rwanda"]
    assert agreement.value is not None and agreement.value.value == 500_000_000
    assert agreement.sectors == ["mining"]


@pytest.mark.parametrize("text", [
    "We agreed that the weather was nice.",
    "The audience agreed to stay for another hour.",
    "He agreed with the assessment.",
    "Chile and Peru did not agree to hold talks.",
    "Germany has pledged to bolster its military.",
    "Sanctions stay until the Chilean government agreed to pay compensation.",
])
def test_no_commitment_without_a_party_and_an_action(nlp, text):
    assert agreements(nlp, text) == []


def test_agreeing_to_sign_is_a_planned_agreement_not_a_commitment(nlp):
    agreement = only(nlp, "Ghana and Nigeria agreed to sign an agreement on visa-free travel.")
    assert agreement.kind == "agreement" and not agreement.signed and agreement.sectors == ["visas"]


# --- parties ------------------------------------------------------------------------------------

def test_the_two_countries_are_those_of_the_visit(nlp):
    text = "Rwandan President Paul Kagame visited Astana in May. During the visit, the two countries signed six agreements."
    agreement = only(nlp, text)
    assert agreement.parties == ["Rwanda", "Kazakhstan"] and agreement.count == 6


def test_both_sides_are_the_leaders_countries(nlp):
    text = "The Indian and Japanese prime ministers met on Tuesday. Both sides agreed to boost cooperation in energy."
    agreement = only(nlp, text)
    assert agreement.kind == "commitment" and agreement.parties == ["India", "Japan"]
    assert agreement.sectors == ["energy"]


def test_nationalities_stand_for_their_countries(nlp):
    agreement = only(nlp, "The Kazakh and Rwandan foreign ministers signed an agreement on political consultations.")
    assert agreement.parties == ["Kazakhstan", "Rwanda"]


def test_a_company_and_its_partner_are_parties(nlp):
    agreement = only(nlp, "Microsoft signed a $10 billion contract with the Pentagon.")
    assert agreement.parties == ["Microsoft", "Pentagon"]
    assert agreement.count is None and agreement.value.text == "$10 billion"


def test_a_signatory_signs_for_a_country(nlp):
    agreement = only(nlp, "The memorandum was signed for Norway by Deputy Minister Anne Berg.")
    assert agreement.parties == ["Norway"]


def test_a_place_alone_is_no_party(nlp):
    assert only(nlp, "The deal, signed in Riyadh on Sunday, covers arms sales.").parties == []


def test_we_inside_a_quote_is_the_speakers_country(nlp):
    agreement = only(nlp, '"We have signed two agreements with Uzbekistan," said Kyrgyz Foreign Minister Jeenbek Kulubaev.')
    assert agreement.parties == ["Kyrgyzstan", "Uzbekistan"] and agreement.count == 2
    assert agreement.said_by == "Jeenbek Kulubaev"


# --- counts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, count", [
    ("Rwanda and Kazakhstan signed a dozen documents.", 12),
    ("Kenya and China inked 15 deals.", 15),
    ("Kenya and China signed a deal.", None),
])
def test_count_is_the_number_stated(nlp, text, count):
    assert only(nlp, text).count == count


# --- sectors ------------------------------------------------------------------------------------

def test_sectors_from_a_list_after_cooperation_in_key_sectors(nlp):
    text = ("Chile and Peru signed four agreements that will deepen cooperation in key sectors, including "
            "information and communication technology (ICT), finance cooperation, agriculture and mining.")
    agreement = only(nlp, text)
    assert agreement.sectors == ["ICT", "finance", "agriculture", "mining"]
    assert agreement.sector_spans[0].text == "information and communication technology (ICT)"


@pytest.mark.parametrize("text, sectors", [
    ("Vietnam and Cambodia have reached agreements on fisheries, tourism and renewable energy.",
     ["fisheries", "tourism", "energy"]),
    ("Germany and Poland concluded a defence pact.", ["defence"]),
    ("Rwanda and Kazakhstan signed a dozen documents in the agriculture and education sectors.",
     ["agriculture", "education"]),
    ("Poland and Lithuania signed agreements on the protection of cultural heritage.", ["culture"]),
    ("Poland and Lithuania signed agreements on energy security and transport links.", ["energy", "transport"]),
    ("Japan and India signed a memorandum of understanding on health.", ["health"]),
    ("Egypt and Jordan signed agreements in fields such as space research and water.", ["space", "water"]),
    ("Kenya and Uganda signed an agreement on beekeeping.", ["beekeeping"]),
    ("Kenya and Uganda signed an agreement on key issues.", []),
])
def test_sectors_from_modifiers_complements_and_sector_words(nlp, text, sectors):
    assert only(nlp, text).sectors == sectors


# --- dates, headlines, boilerplate --------------------------------------------------------------

def test_date_attached_to_the_signing_but_not_a_duration(nlp):
    assert only(nlp, "Japan and India signed a memorandum on health on Monday.").date == "Monday"
    assert only(nlp, "Canada and Mexico sealed a trade pact after seven years of talks.").date is None


def test_a_headline_restating_the_body_adds_no_agreement(nlp):
    text = "Chile, Peru Sign Fisheries Deal\n\nLIMA – Chile and Peru signed a deal on fisheries on Monday.\n"
    found = agreements(nlp, text)
    assert len(found) == 1 and found[0].start > text.index("LIMA")


# --- one agreement told of twice; owners written as nationalities --------------------------------

def test_the_governments_of_two_nationalities_are_both_parties(nlp):
    agreement = only(nlp, "The Peruvian and Chilean governments signed two fisheries agreements on Monday.")
    assert agreement.parties == ["Peru", "Chile"] and agreement.count == 2


def test_a_definite_mention_with_its_signatories_is_the_same_agreement(nlp):
    [agreement] = agreements(nlp, "On Monday, Peru and Chile signed a memorandum of understanding on fisheries. "
                                  "The memorandum was signed by Foreign Minister Ana Soto for Chile and "
                                  "Ambassador Luis Vega for Peru.")
    assert agreement.parties == ["Peru", "Chile"]


def test_a_signatory_signs_for_the_country_he_represents(nlp):
    agreement = only(nlp, "A memorandum on mining was signed by Minister Ana Soto for Chile.")
    assert agreement.parties == ["Chile"]


def test_a_sentence_about_the_agreement_adds_its_sectors(nlp):
    [agreement] = agreements(nlp, "Peru and Chile signed a memorandum of understanding on Monday. The memorandum "
                                  "sets out joint work in areas including fisheries and tourism.")
    assert agreement.sectors == ["fisheries", "tourism"]


def test_a_sentence_about_another_kind_adds_nothing(nlp):
    [agreement] = agreements(nlp, "Peru and Chile signed a memorandum of understanding on Monday. The treaty "
                                  "sets out joint work in areas including fisheries and tourism.")
    assert agreement.sectors == []
