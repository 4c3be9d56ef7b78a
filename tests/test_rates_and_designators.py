# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Figures that belong to another unit, another numbered thing or another charge, on a text written
for this test (no models): "what would it cost a year?" is not answered by a figure per trip; "how many riders did Line 7 carry?" is not answered by Line 4's figure; "what fare
will riders pay?" is not answered by what the service costs to run; a review someone has asked for
has no findings yet; a plan the text reports is no event after publication.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answer import Passage
from rag.answering import answer_type
from tests import invented_text

TEXT = """Ferry Service Cut Back
By Imre Sollis
Published April 9, 2031

PELLOW - The Pellow Ferry Company will stop two of its island crossings next month after the regional government ended a grant that paid for a quarter of its running costs, the company said on Tuesday.

The company had received $2.4 million a year through the Island Links Fund, which the government did not renew.

Line 4, which links Pellow to Skerry, carried an average of 310 passengers a day last summer.

A water-taxi scheme would offer vouchers worth up to $15 per trip, capped at eight trips a month per person.

A replacement launch would cost about $90,000 a year to run, company engineer Oda Brenn said.

Union delegate Cass Morrow accused the company of hiding its cost problems from its crews for a year.

The harbour board has asked the county solicitor to review whether the company's berth lease allows the cuts.

The government said the unspent grant money would go to a new coastal bus service from September.

During the winter, the company will lease two boats from private operators near the harbour.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _line(start: str) -> str:
    return next(line for line in TEXT.splitlines() if line.startswith(start))


def test_a_figure_per_trip_does_not_answer_what_something_costs_each_year() -> None:
    assert answer_type.other_rate("What would the water-taxi scheme cost each year?", _line("A water-taxi")) == "month"
    assert answer_type.other_rate("How much would the launch cost annually?", _line("A replacement launch")) is None
    question = "What would the water-taxi voucher scheme cost the company each year?"
    assert "per" in (invented_text.reason(_evidence(), question, (2031, 4)) or "")


def test_another_numbered_line_s_figure_is_not_the_asked_one_s() -> None:
    reason = invented_text.reason(_evidence(), "How many passengers a day did Line 9 carry last summer?", (2031, 4))
    assert reason is not None and "Line 4" in reason
    assert (
        invented_text.reason(_evidence(), "How many passengers a day did Line 4 carry last summer?", (2031, 4)) is None
    )


def test_a_fare_is_not_answered_by_a_running_cost() -> None:
    assert answer_type.priced("What fare would riders be charged on the replacement launch?") == ["fare"]
    reason = invented_text.reason(
        _evidence(), "What fare would riders be charged on the replacement launch?", (2031, 4)
    )
    assert reason is not None and "fare" in reason


def test_the_cost_as_a_noun_is_not_the_thing_measured() -> None:
    assert answer_type.measured("How much did the grant add to the cost of the crossings?") == []
    assert answer_type.measured("How much will a single ticket from Pellow to Skerry cost?") == ["ticket"]


def test_what_someone_accused_others_of_asks_for_their_words() -> None:
    question = "What did Morrow accuse the company of doing about its cost problems?"
    assert answer_type.expected(question) is None
    assert "hiding its cost problems" in invented_text.first(_evidence(), question)
    assert invented_text.reason(_evidence(), question, (2031, 4)) is None


def test_a_review_asked_for_has_no_findings_yet() -> None:
    question = "What did the county solicitor conclude about the berth lease?"
    assert "asked the county solicitor to review" in invented_text.first(_evidence(), question)
    assert "still to come" in (invented_text.reason(_evidence(), question, (2031, 4)) or "")


def test_a_plan_the_text_reports_is_no_event_after_publication() -> None:
    question = "What will happen to the unspent grant money?"
    assert invented_text.reason(_evidence(), question, (2031, 4)) is None
    assert "coastal bus service" in invented_text.first(_evidence(), question)


def test_which_ones_are_not_named_when_the_text_gives_them_only_with_the_question_s_own_modifier() -> None:
    reason = invented_text.reason(
        _evidence(), "Which private operators will lease the boats to the company?", (2031, 4)
    )
    assert reason is not None and "private operators" in reason


def test_a_term_the_text_uses_once_finds_its_sentence_even_outside_the_retrieved_passages() -> None:
    evidence = _evidence()
    elsewhere = Passage("lede", TEXT, 0, TEXT.index("The company had"), 1.0)  # retrieval found only the opening
    ranked = evidence.rank("Who is the union delegate?", [elsewhere])
    assert "Cass Morrow" in ranked[0].sentence.text


def test_a_count_the_question_states_in_words_is_not_its_answer() -> None:
    question = "How many crossings will the company still run after the two crossings are stopped?"
    assert not answer_type.holds("quantity", "Nine crews work the two crossings.", question)
    assert answer_type.holds("quantity", "It will still run five crossings.", question)


def test_a_share_written_as_a_ratio_answers_a_question_about_a_fraction() -> None:
    question = "Roughly what fraction of Line 4 passengers pay the reduced ticket price?"
    assert answer_type.holds("quantity", "About one in five passengers on Line 4 pays the reduced price.", question)
    assert not answer_type.holds("quantity", "Passengers on Line 4 pay the reduced price.", question)


def test_a_kind_of_firm_the_text_never_mentions_is_declined_but_a_plain_modifier_is_not() -> None:
    text = TEXT + "\nThe new boats will be built by Harl & Sons, a shipyard firm in Dunmere.\n"
    evidence = invented_text.evidence_of(text)
    reason = invented_text.reason(evidence, "Which architectural firm designed the new boats?", (2031, 4))
    assert reason is not None and "architectural" in reason
    assert invented_text.reason(evidence, "Which local firm will build the new boats?", (2031, 4)) is None


def test_by_when_asks_for_a_date() -> None:
    assert answer_type.expected("By when will the harbour board decide?") == "date"


def test_a_name_the_whole_story_is_about_need_not_be_repeated_in_the_answer_s_paragraph() -> None:
    story = "\n\n".join(
        [
            "Pellow Ferry Plan\nBy Imre Sollis\nPublished April 9, 2031",
            "PELLOW - Pellow's harbour board has delayed its vote on the ferry cuts, Pellow officials said.",
            "Pellow residents crowded the town hall on Monday.",
            "Shop owners in Pellow said trade had already fallen.",
            "The board will decide by 30 June, when a consultation closes.",
        ]
    )
    evidence = invented_text.evidence_of(story)
    assert "30 June" in invented_text.first(evidence, "By when is Pellow's harbour board expected to decide?")


def test_a_date_still_to_come_is_asked_for_by_when_is_it_expected() -> None:
    story = "\n\n".join(
        [
            "Pellow Ferry Plan\nBy Imre Sollis\nPublished April 9, 2031",
            "PELLOW - The harbour board last chose a new operator for the crossings in 2029, after a long review.",
            "A decision is expected by 30 June.",
        ]
    )
    evidence = invented_text.evidence_of(story)
    question = "By when is the harbour board expected to choose a new operator for the crossings?"
    assert "30 June" in invented_text.first(evidence, question)
