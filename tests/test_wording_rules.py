# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""How the same fact is written in other house styles and other words, on a text written for this
test (no models): abbreviated months ("Nov. 3"), "per cent" in two words, a count named by the
question's verb ("boarded": "boardings"), "said Harbour Master Jo Smith", a role standing for a
name, a question naming two things, and a model sentence adding words its cited span lacks.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import pytest

from rag.answer import Passage
from rag.answering import answer_type
from rag.answering.citations import check_sentence
from rag.answering.evidence import Evidence, added_terms, asks_why
from tests import invented_text

TEXT = """Ferry Line to Close After 40 Years
By Uma Prell
Published Oct. 2, 2031

The Wexby ferry will make its last crossing on Nov. 3, ending a service that began in 1991, the operator said on Tuesday.

The ferry recorded 61,400 crossings in 2030, according to Harbour Master Ivo Strand. A poll of 800 residents found 58 per cent wanted the service kept.

"We tried everything," said Port Commissioner Dana Vell, who chairs the harbour board. "But if nobody steps in, the slipway closes for good."

Strand said the operator's reason was simple: it is retiring its only vessel because repairs would cost too much.

Two replacement routes were offered. Orla Lines projects 20,000 passengers a year on the Brisk Point route.

The Cold Bay route would be cheaper, the firm said.

Of the 900 regular passengers, 310 are pupils who cross to school each day.

What happens to the slipway now?

The board has not decided. Its next meeting is on Nov. 20."""


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return invented_text.evidence_of(TEXT)


def whole() -> list[Passage]:
    return invented_text.whole(TEXT)


def reason(evidence: Evidence, question: str) -> str | None:
    return invented_text.reason(evidence, question, (2031, 10))


first = invented_text.first


def test_an_abbreviated_month_next_to_a_day_is_a_date(evidence: Evidence):
    assert answer_type.holds("date", "It ends on Nov. 3.", "On what date does the ferry stop?")
    assert answer_type.holds("date", "The vote is set for Sept. 26.", "When is the vote?")
    assert not answer_type.holds("date", "Jan and Dec ran the café.", "When did it open?")
    assert reason(evidence, "On what date will the last crossing be made?") is None
    assert "Nov. 3" in first(evidence, "On what date will the last crossing be made?")


def test_per_cent_in_two_words_is_a_percentage():
    q = "What percentage of residents wanted the ferry kept?"
    assert answer_type.holds("quantity", "A poll found 58 per cent wanted the service kept.", q)
    assert not answer_type.holds("quantity", "A poll found most wanted the service kept.", q)


def test_a_count_may_be_named_by_the_questions_verb(evidence: Evidence):
    q = "How many passengers crossed on the ferry in 2030?"
    assert answer_type.holds("quantity", "The ferry recorded 61,400 crossings in 2030.", q)
    assert not answer_type.holds("quantity", "The ferry recorded 61,400 visits in 2030.", q)
    assert reason(evidence, q) is None


def test_how_many_of_a_group_counts_the_part_asked_for(evidence: Evidence):
    q = "How many of the regular passengers are pupils?"
    assert answer_type.holds("quantity", "Of the 900 regular passengers, 310 are pupils.", q)
    assert not answer_type.holds("quantity", "The line has run for 40 years.", q)
    assert "310 are pupils" in first(evidence, q)


def test_how_soon_asks_for_a_time():
    assert answer_type.expected("If the board agrees, how soon could a new ferry sail?") == "date"


def test_which_airline_or_contractor_asks_for_a_name():
    assert answer_type.expected("Which airline is offering to take over the route?") == "person"
    assert answer_type.expected("Which contractor repaired the slipway?") == "person"


def test_what_reason_asks_why():
    assert asks_why("What reason did the operator give for ending the service?")
    assert asks_why("What was the reason for the closure?")
    assert not asks_why("What did the operator say?")


def test_a_speaker_named_after_titles_is_the_speaker(evidence: Evidence):
    q = "What did Vell say would happen if nobody steps in?"
    top = evidence.rank(q, whole())[0]
    assert top.names_ok  # "said Port Commissioner Dana Vell": Vell speaks, past her titles
    assert reason(evidence, q) is None


def test_a_role_stands_for_the_one_person_given_it(evidence: Evidence):
    assert evidence.role_holder("the harbour master") == "strand"
    assert evidence.role_holder("the port commissioner") == "vell"
    assert evidence.role_holder("the ferry captain") is None  # nobody is given that role


def test_a_figure_for_one_of_two_named_things_is_not_the_others(evidence: Evidence):
    assert reason(evidence, "How many passengers does Orla Lines project for the Brisk Point route?") is None
    why = reason(evidence, "How many passengers does Orla Lines project for the Cold Bay route?")
    assert why is not None and "not about whom or what the question names" in why


def test_a_question_the_text_asks_is_not_an_answer(evidence: Evidence):
    assert first(evidence, "What will happen to the slipway?") != "What happens to the slipway now?"


def test_a_model_sentence_adding_words_its_span_lacks_is_dropped(evidence: Evidence):
    span = "The board has not decided."
    assert added_terms("The board has not decided, in a vote of no confidence.", span) == ["vote", "confidenc"]
    assert added_terms("The board has not decided.", span) == []
    # light verbs and the sentence beside the span may be used; the question's words may not: a
    # model echoing "why did the board scrap the slipway?" writes the premise as if the span said it
    assert added_terms("The board has not decided, it said.", span) == []
    assert added_terms("The board has not decided to scrap the slipway.", span) == ["scrap", "slipway"]
    passages = whole()
    kept = check_sentence("The board has not decided [1].", passages, evidence, 0.75)
    assert kept.supported
    claim = "Orla Lines projects 20,000 passengers a year on the Brisk Point hovercraft route [1]."
    dropped = check_sentence(claim, passages, evidence, 0.75)
    assert not dropped.supported and "adds words" in dropped.reason
    # a premise taken from the question is no support: the span retires the vessel, it sells nothing
    echo = check_sentence(
        "The operator is selling its only vessel because repairs would cost too much [1].",
        passages,
        evidence,
        0.75,
        question="Why is the operator selling its only vessel?",
    )
    assert not echo.supported and "adds words" in echo.reason
    # the sentence after the span may supply a word: "its next meeting" names the board
    beside = check_sentence("The board's next meeting is on Nov. 20 [1].", passages, evidence, 0.75)
    assert beside.supported


def test_a_role_the_text_does_not_use_is_not_declined_for_that_alone(evidence: Evidence):
    # roles are paraphrased ("the farmers' representative" for "the union's spokeswoman"): an
    # unknown role word is no reason to decline (measured: it declined three answerable questions)
    assert reason(evidence, "What did the port's ferry representative say about the slipway?") is None
    assert reason(evidence, "What did the harbour master say about the operator's reason?") is None


def test_which_model_of_a_thing_asks_for_a_name():
    assert answer_type.asks_name("Which aircraft model does the airline fly?")
    assert not answer_type.asks_name("What business model does the operator use?")


def test_a_named_doer_where_the_span_has_a_common_noun_doing_it():
    from rag.answering.support import conflict

    span = "Orla Lines asked for a grant in May, a request the council turned down on a 4-1 vote."
    assert conflict("The request was turned down by Orla Lines.", span) is not None
    assert conflict("Orla Lines turned down the request.", span) is not None
    assert conflict("The council turned down the request.", span) is None
    assert conflict("Orla Lines asked for a grant in May.", span) is None
    # a participle with its own "by" is passive: the named maker is the doer
    made = "The route was served by the Brisk, a ferry built by Harland Yards in 1990."
    assert conflict("The Brisk was built by Harland Yards.", made) is None
