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
     ["fisheries", "tourism", "renewable energy"]),
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


# --- every way news states a deal, and its status ----------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("Chile and Peru signed a fisheries pact.", "signed"),
    ("Chile and Peru struck a fisheries deal.", "agreed"),
    ("Chile and Peru will sign a fisheries pact.", "planned"),
    ("A memorandum on fisheries was set to be signed by Chile and Peru.", "planned"),
    ("Fishing quotas are set under the 2019 accord between Chile and Peru.", "existing"),
    ("Chile is negotiating a free trade agreement with Peru.", "pending"),
    ("Chile backed a proposed pact with Peru on fisheries.", "proposed"),
])
def test_status_says_how_far_the_agreement_went(nlp, text, status):
    agreement = only(nlp, text)
    assert agreement.status == status
    assert agreement.signed is (status in ("signed", "agreed"))


@pytest.mark.parametrize("text, kind, parties", [
    ("An investment pact between Peru and Ecuador took effect in March.", "pact", ["Peru", "Ecuador"]),
    ("The loan to Ghana is part of a wider deal with the World Bank.", "deal", ["World Bank"]),
    ("Nepal has two MoUs on tourism and culture with Bhutan.", "memorandum", ["Bhutan"]),
])
def test_a_noun_its_own_words_single_out_is_an_agreement_in_force(nlp, text, kind, parties):
    agreement = only(nlp, text)
    assert agreement.kind == kind and agreement.status == "existing" and not agreement.signed
    assert all(p in agreement.parties for p in parties)


def test_an_agreement_two_sides_have_is_in_force(nlp):
    agreement = only(nlp, "India and Oman have a comprehensive economic partnership agreement.")
    assert agreement.status == "existing" and agreement.parties == ["India", "Oman"]


def test_a_participle_on_the_agreement_tells_its_own_making(nlp):
    agreement = only(nlp, "Airbus will deliver 30 jets to Qantas under the contract signed last year.")
    assert agreement.status == "signed" and agreement.date == "last year"


@pytest.mark.parametrize("text", [
    "Talks on a deal dragged on.",
    "The minister said he was in agreement with the plan.",
    "Republicans campaigned on the “Contract with Voters” in 1994.",
])
def test_a_kind_noun_that_singles_out_nothing_is_no_agreement(nlp, text):
    assert agreements(nlp, text) == []


def test_a_memorandum_under_which_states_its_terms(nlp):
    agreement = only(nlp, "Kenya and Tanzania have a memorandum under which both sides share rail data.")
    assert agreement.status == "existing" and agreement.parties == ["Kenya", "Tanzania"]
    assert "rail" in agreement.sectors


def test_extending_a_joint_venture_is_a_planned_renewal(nlp):
    agreement = only(nlp, "Toyota and Suzuki will extend their joint venture in India.")
    assert agreement.kind == "joint venture" and agreement.status == "planned"
    assert agreement.parties[:2] == ["Toyota", "Suzuki"]


def test_an_aggregate_of_accords_keeps_its_sectors_without_a_count(nlp):
    agreement = only(nlp, "Brazil and Norway signed several other accords covering forestry.")
    assert agreement.count is None and agreement.sectors == ["environment"]
    assert agreement.sector_spans[0].text == "forestry"


def test_agreeing_to_sell_is_a_contract_between_seller_and_buyer(nlp):
    agreement = only(nlp, "Embraer agreed to sell 12 aircraft to Azul for $900 million.")
    assert agreement.kind == "contract" and agreement.status == "agreed"
    assert agreement.parties == ["Embraer", "Azul"] and agreement.value.value == 900_000_000
    assert agreement.sectors == ["aviation"]


def test_a_deal_listed_under_agreements_signed_is_signed_with_its_own_sides(nlp):
    found = agreements(nlp, "Ghana and Spain signed agreements on health and energy, including a deal to "
                            "purchase 20 Airbus helicopters by the carrier AeroGhana.")
    listed = next(a for a in found if a.kind == "deal")
    assert listed.status == "signed" and {"Airbus", "AeroGhana"} <= set(listed.parties)
    parent = next(a for a in found if a.kind == "agreement")
    assert parent.end <= listed.start


def test_an_aggregate_noun_counts_the_agreements_signed(nlp):
    agreement = only(nlp, "A total of nine MoUs were signed by Indonesia and Vietnam.")
    assert agreement.count == 9 and agreement.parties == ["Indonesia", "Vietnam"]


def test_a_later_definite_mention_adds_to_the_agreement_found(nlp):
    [agreement] = agreements(nlp, "Shell signed a gas supply deal with Nigeria on Monday. The deal between "
                                  "Shell and the Nigerian National Petroleum Corporation runs for 20 years.")
    assert agreement.parties == ["Shell", "Nigeria", "Nigerian National Petroleum Corporation"]
    assert agreement.sectors == ["oil and gas"]


# --- parties ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parties", [
    ("France, Italy and Spain signed a migration pact.", ["France", "Italy", "Spain"]),
    ("Kenya signed a trade deal with Uganda.", ["Kenya", "Uganda"]),
    ("Norway's deal with Iceland covers fishing rights.", ["Norway", "Iceland"]),
    ("Vale and Anglo American signed an agreement on iron ore.", ["Vale", "Anglo American"]),
    ("Japan's foreign minister and his Korean counterpart signed a visa accord.", ["Japan", "South Korea"]),
    ("The Peruvian trade ministry said they signed an agreement with Ecuador.", ["Peru", "Ecuador"]),
    ("The deal was signed by the UK and Norway.", ["UK", "Norway"]),
])
def test_parties_from_subjects_complements_counterparts_and_pronouns(nlp, text, parties):
    assert only(nlp, text).parties == parties


def test_both_banks_are_those_named_before(nlp):
    text = ("The Bank of Ghana met the Central Bank of Nigeria in Accra. Both banks agreed to settle payments "
            "in local currencies.")
    agreement = only(nlp, text)
    assert agreement.kind == "commitment" and agreement.parties == ["Bank of Ghana", "Central Bank of Nigeria"]


def test_a_signatory_signs_for_the_organisation_in_his_title(nlp):
    found = agreements(nlp, "The memorandum was signed in Lima on Monday by Citibank Chairman John Reed and "
                            "Ambassador Luis Vega.")
    assert len(found) == 1 and found[0].parties[0] == "Citibank"


def test_an_agreement_with_three_universities_names_them_and_counts_them(nlp):
    agreement = only(nlp, "The institute signed MoUs with three universities: Makerere University, Kenyatta "
                          "University and Ardhi University.")
    assert agreement.count == 3
    assert agreement.parties[-3:] == ["Makerere University", "Kenyatta University", "Ardhi University"]


# --- sectors from the agreement's own words -----------------------------------------------------

@pytest.mark.parametrize("text, sectors", [
    ("Qatar and Pakistan signed a gas deal.", ["oil and gas"]),
    ("Qatar and Pakistan signed a power MoU on Monday.", ["power"]),
    ("Egypt and Russia signed an agreement to supply grain.", ["agriculture"]),
    ("Peru and Chile signed a memorandum on tourism and the creative economy.", ["tourism", "creative economy"]),
    ("Peru and Chile signed an agreement for a new port.", ["ports"]),
    ("Peru and Chile signed two memoranda to boost railway cooperation.", ["rail"]),
    ("Ghana and Togo signed an accord aimed at fostering solar energy.", ["solar energy"]),
])
def test_sectors_from_modifiers_objects_and_purposes(nlp, text, sectors):
    assert only(nlp, text).sectors == sectors


def test_a_sentence_about_the_purpose_of_an_agreement_adds_its_sectors(nlp):
    [agreement] = agreements(nlp, "Chile and Peru signed an agreement to build a port in Arica. The port will "
                                  "handle grain and natural gas.")
    assert agreement.sectors == ["ports", "agriculture", "oil and gas"]


def test_it_after_an_agreement_adds_the_sectors_it_names(nlp):
    [agreement] = agreements(nlp, "Qatar and Kenya struck an aviation deal on Monday. The deal will expand air "
                                  "links. It aims to boost tourism and trade.")
    assert agreement.sectors == ["aviation", "tourism", "trade"]


def test_the_sector_vocabulary_covers_the_required_sectors():
    from extract import lexicons

    vocabulary = lexicons.load("sectors")
    assert set(vocabulary["covers"]) <= set(vocabulary["sectors"])
    assert set(vocabulary["broader"]) <= set(vocabulary["sectors"])
    assert set(vocabulary["broader"].values()) <= set(vocabulary["sectors"])


# --- counts and dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, count", [
    ("Ecuador signed similar accords with Peru and with Colombia.", 2),
    ("Ecuador signed nine other MoUs with Peru.", 9),
    ("Ecuador signed accords with Peru and Colombia.", None),
])
def test_count_only_when_the_text_gives_one(nlp, text, count):
    assert only(nlp, text).count == count


def test_a_relative_date_is_resolved_against_the_publication_date(nlp):
    text = "PUBLISHED : 10 Aug 2024 at 05:33\n\nChile and Peru signed a fisheries pact on Tuesday.\n"
    agreement = only(nlp, text)
    assert agreement.date == "Tuesday" and agreement.date_iso == "2024-08-06"


def test_a_date_is_resolved_only_where_the_text_allows(nlp):
    assert only(nlp, "Chile and Peru signed a fisheries pact in October 2022.").date_iso == "2022-10"
    assert only(nlp, "Chile and Peru signed a fisheries pact on Tuesday.").date_iso is None


@pytest.mark.parametrize("written, future, iso", [
    ("last month", False, "2024-07"),
    ("late Monday", False, "2024-08-05"),
    ("Saturday", False, "2024-08-10"),
    ("next Tuesday", True, "2024-08-13"),
    ("this week", False, "2024-W32"),
    ("2019", False, "2019"),
    ("March or early April", False, None),
])
def test_iso_dates_keep_the_precision_written(written, future, iso):
    from extract.agreements.dates import iso_date

    assert iso_date(written, "2024-08-10", {"late", "early"}, future=future) == iso  # published 10 Aug 2024
