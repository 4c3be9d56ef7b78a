# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Questions that take something false for granted, lists set apart from their opening line, and
answer types asked in other words, on a text written for this test (no models).

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import pytest

from rag.answer import Passage
from rag.answering import answer_type
from rag.answering.evidence import Evidence, gives_reason
from rag.answering.support import contradicts
from rag.ingest.sentences import sentences
from tests import invented_text

TEXT = """Bakery Chain Shuts Its Oldest Oven
By Rhea Marsh
Published May 6, 2033

LANTON - The Hollis Bakery chain will close its Quay Street bakehouse on June 30, its owner said on Friday, ending 62 years of baking on the site.

Owner Petra Hollis, who has run the business since 2009, said the decision to close the Quay Street bakehouse came after a long review of the building.

"We did not sell the building, and we will not sell it," she said.

Bread sales at the chain fell 14 per cent last year, to 2.1 million loaves. The bakehouse employs about 140 bakers, drivers and packers.

Hollis credited the shop's survival to the fact that rents on the street stayed low.

The union's district officer, Col Brame, said staff logged 2,300 hours of overtime in the spring. A Lanton Council spokesperson said the council would help those who lose their jobs.

Brame and the site manager, Ada Quill, have been asked to appear before the council's audit panel.

An outside survey of the ovens, completed in March, found that two of the four were unsafe, according to a report seen by the Courier.

The chain's investors want to be repaid in shares, according to the report.

A leaflet was handed to staff at the Dunmore depot on Monday. It claimed the site would become flats.

Hollis set out the chain's plans. It will:

- move baking to its Dene Road site by August;
- offer every baker a job there, with a bus from the old site;
- hold a farewell open day on June 28.

The chain weighed two offers for a new depot:

- Fenn Yard: a lease of 12 years, for a rent of $40,000 a year;
- Mill Lane: a lease of 5 years, for $55,000 a year.

Advertisement"""


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return invented_text.evidence_of(TEXT)


def whole() -> list[Passage]:
    return invented_text.whole(TEXT)


def reason(evidence: Evidence, question: str) -> str | None:
    return invented_text.reason(evidence, question, (2033, 5))


first = invented_text.first


# -- premises -------------------------------------------------------------------------------------


def test_a_sentence_negating_the_questions_predicate_contradicts_it():
    said = "Owner Petra Hollis said the chain did not sell the building and will keep it as a shop."
    assert contradicts("Why did Petra Hollis decide to sell the building?", said)
    assert contradicts("Did they sell it?", '"We did not sell, and we will not sell," she said.')
    assert not contradicts("Why did the chain not sell the building?", said)  # the negation answers it
    assert not contradicts("Why did the chain close the bakehouse?", said)


def test_a_change_the_other_way_contradicts_the_question():
    fell = "Bread sales at the chain fell 14 per cent last year, to 2.1 million loaves."
    assert contradicts("Why were bread sales higher last year?", fell)
    assert not contradicts("Why did bread sales fall?", fell)
    assert not contradicts("Why were rents higher?", fell)  # another thing changed


def test_the_sentence_correcting_a_premise_is_ranked_first(evidence: Evidence):
    assert "did not sell" in first(evidence, "Why did Petra Hollis decide to sell the Quay Street building?")
    assert "did not sell" in first(evidence, "Did they sell the building?")
    assert first(evidence, "Why did bread sales go up last year?").startswith("Bread sales at the chain fell")


# -- answer types asked in other words ------------------------------------------------------------


def test_how_old_asks_an_age_of_someone_described_by_role(evidence: Evidence):
    assert answer_type.expected("How old is Hollis Bakery owner Petra Hollis?") == "quantity"
    assert answer_type.expected("How old was she when she took over?") == "quantity"
    assert reason(evidence, "How old is Hollis Bakery owner Petra Hollis?") == "no quantity in the best evidence"
    assert answer_type.expected("How old is the dispute between Lanton and Dene?") is None


def test_which_years_asks_a_date_and_an_amount_noun_asks_a_quantity():
    assert answer_type.expected("In which years did Col Brame work at the bakehouse?") == "date"
    assert answer_type.expected("What was the turnout at the open day?") == "quantity"
    assert answer_type.expected("What is the bakehouse's average weekday attendance?") == "quantity"
    assert answer_type.expected("What was the majority of staff told?") is None


def test_how_many_counts_the_head_of_its_noun():
    hours = "The union's district officer, Col Brame, said staff logged 2,300 hours of overtime in the spring."
    assert answer_type.holds("quantity", hours, "How many overtime hours did staff log?")
    assert not answer_type.holds(
        "quantity", "Staff were paid $4,000 in overtime.", "How many overtime hours did staff log?"
    )
    # a count of workers may name them by what they do
    assert answer_type.holds(
        "quantity", "The bakehouse employs about 140 bakers, drivers and packers.", "How many workers does it employ?"
    )


def test_since_a_year_answers_how_long():
    assert answer_type.holds(
        "quantity", "Hollis, who has run the business since 2009, said so.", "How long has she run it?"
    )
    assert not answer_type.holds("quantity", "Hollis took over in 2009.", "How long has she run it?")


def test_a_role_holder_asked_past_a_bodys_name_needs_a_name(evidence: Evidence):
    got = reason(evidence, "Who was the Lanton Council spokesperson who said the council would help?")
    assert got == "the best evidence names no one holding the role asked about"


def test_a_firm_asked_for_is_named_or_declined(evidence: Evidence):
    assert reason(evidence, "What firm carried out the survey of the ovens?") == "no person in the best evidence"


def test_which_thing_mentioned_bare_before_an_attribution_is_not_identified(evidence: Evidence):
    got = reason(evidence, "Which shares do the investors want to be repaid in?")
    assert got is not None and got.startswith("the best evidence does not say which")


def test_a_thing_described_by_a_name_is_not_a_named_speaker(evidence: Evidence):
    question = "What did the leaflet at the Dunmore depot claim?"  # Dunmore says nothing: it is where
    ranked = evidence.rank(question, whole())
    assert not ranked[0].speaker_checked  # no one named speaks in the question: nobody's words to check
    assert "It claimed the site would become flats." in [x.sentence.text for x in ranked[:2]]
    assert reason(evidence, question) is None


def test_a_name_qualifying_a_role_is_not_the_speaker(evidence: Evidence):
    question = "What did the Lanton Council spokesperson say about jobs?"  # whoever speaks for it
    ranked = evidence.rank(question, whole())
    assert not ranked[0].speaker_checked
    assert ranked[0].sentence.text.startswith("A Lanton Council spokesperson said")
    assert reason(evidence, question) is None


def test_someone_asked_to_appear_is_not_someone_speaking(evidence: Evidence):
    got = reason(evidence, "What did site manager Ada Quill say about the audit panel?")
    assert got == "the best evidence does not give the words of whom the question names"


def test_crediting_something_to_a_cause_gives_a_reason():
    assert gives_reason("Hollis credited the shop's survival to the fact that rents on the street stayed low.")
    assert gives_reason("The board blamed the delay on the weather.")
    assert not gives_reason("He put the tray on the shelf.")


# -- lists set apart from their opening line --------------------------------------------------------


def test_a_list_after_a_blank_line_keeps_its_opening_line(evidence: Evidence):
    texts = [TEXT[s:e] for s, e in sentences(TEXT)]
    assert "move baking to its Dene Road site by August;" in texts  # the marker is not part of the item
    item = next(x for x in evidence.sentences if x.text.startswith("offer every baker"))
    quoted = [x.text for x in evidence.listed(item)]
    assert quoted[0] == "It will:" and item.text in quoted


def test_a_lists_items_are_candidates_when_only_its_opening_line_is_retrieved(evidence: Evidence):
    start = TEXT.find("Hollis set out")
    lead_only = [Passage("lead", TEXT[start : TEXT.find("\n\n", start)], start, TEXT.find("\n\n", start), 1.0)]
    ranked = evidence.rank("When is the farewell open day?", lead_only)
    assert ranked[0].sentence.text.startswith("hold a farewell open day")
    assert ranked[0].names_ok


def test_a_list_item_shares_what_its_first_item_says_a_figure_is(evidence: Evidence):
    question = "How much rent would the Mill Lane depot cost?"  # "rent" is written only in the first item
    assert first(evidence, question).startswith("Mill Lane: a lease of 5 years")
    assert reason(evidence, question) is None


def test_an_amount_with_a_name_of_its_own_needs_that_name_near_the_figure(evidence: Evidence):
    got = reason(evidence, "What is the average weekday attendance at the Quay Street bakehouse?")
    assert got == "the best evidence gives no figure for the attendance asked about"


def test_a_follow_up_with_its_own_question_form_asks_its_own_kind():
    assert answer_type.expected("Did they sell it? (context: How much did the depot cost?; Hollis)") is None
    assert answer_type.expected("And the other one? (context: How much did the depot cost?; Hollis)") == "quantity"


def test_the_opposite_act_about_the_same_thing_contradicts_the_premise():
    denial = '"We categorically deny that any of our barges dumped spoil near the shore," he said.'
    assert contradicts("Why did Tam Pellow admit that his company's barges dumped spoil?", denial)
    assert contradicts("Why did the union accept the pay offer?", "The union rejected the pay offer on Monday.")
    assert contradicts(
        "Why did councillors unanimously reject the cuts?", "Councillors approved the cuts by nine votes to six."
    )
    assert contradicts("Why did Oda Brenn vote against the plan?", "Oda Brenn said she had voted for the plan.")
    # the act itself affirmed, with its opposite about something else, is no contradiction
    assert not contradicts(
        "Why did the board approve the plan?", "The board approved the plan after residents rejected an earlier one."
    )
    assert not contradicts("Why did she deny the claim?", "She denied the claim.")
    assert not contradicts("Why did councillors unanimously back the cuts?", "Councillors backed the cuts unanimously.")
