# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""What a count or an amount is of, and which names a story is about, on a text written for this
test (no models): "how many houses" is answered by "29 homes", "how many evacuees" by "312 people",
a figure for the revenue is not one for the loss.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import pytest

from rag.answering import answer_type
from tests import invented_text

TEXT = """Storm Floods Harbour Town
By Ina Vale
Published October 9, 2031

PELLOW - A storm that struck Pellow on Tuesday night flooded the harbour and forced about 900 residents from their homes, the Pellow Borough Council said on Wednesday.

Kerr Ferries said it would sail again on Monday.

Most of the damage was on Mill Row, where 29 homes were flooded to the ceiling and six more were damaged. Kerr Ferries cancelled sailings at all four of its piers.

The Quay Hall sports centre housed 312 people overnight, close to its capacity of 350, while the library took in 48.

Under the recovery plan, the harbour yard will take on 120 new repair roles and the council's smaller depot at Fenn will add 45.

The council employs about 3,000 nurses and carers, and it spent 640,000 pounds on agency carers last year.

Kerr Ferries reported a loss of 2.4 million pounds in its last financial year. Of the 212 boats moored in the harbour, 71 are fishing boats.

By Thursday, 640 residents had returned home.

Council leader Bram Tully travelled to the harbour on Thursday to announce a recovery fund for flooded homes. "We will rebuild Mill Row," Tully said. Harbour master Oona Pike said the recovery fund for flooded homes was welcome.
"""


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How many houses were flooded on Mill Row?", "where 29 homes were flooded to the ceiling"),
        ("How many evacuees slept at the sports centre?", "The Quay Hall sports centre housed 312 people overnight"),
        ("How many piers lost their sailings?", "Kerr Ferries cancelled sailings at all four of its piers."),
        ("How many new jobs will the depot at Fenn gain?", "the harbour yard will take on 120 new repair roles"),
        ("How many of the boats were fishing boats?", "Of the 212 boats moored in the harbour, 71 are fishing boats."),
        ("How many more days will it take?", "It will take three more days."),
    ],
)
def test_a_count_of_the_thing_asked_in_other_words_or_a_few_words_on(question: str, text: str) -> None:
    assert answer_type.holds("quantity", text, question)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # a count of two kinds together is not a count of one of them
        ("How many carers does the council employ?", "The council employs about 3,000 nurses and carers."),
        # money spent on carers is not a number of carers
        ("How many carers were hired?", "It spent 640,000 pounds on agency carers last year."),
        # people are not homes, and homes are not people
        ("How many houses were flooded?", "The Quay Hall sports centre housed 312 people overnight."),
        ("How many evacuees were there?", "On Mill Row, 29 homes were flooded."),
    ],
)
def test_a_number_near_another_kind_of_thing_is_not_its_count(question: str, text: str) -> None:
    assert not answer_type.holds("quantity", text, question)


def test_the_counted_sentence_is_chosen_and_answers() -> None:
    evidence = invented_text.evidence_of(TEXT)
    question = "How many houses were flooded on Mill Row?"
    assert "29 homes" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2031, 10)) is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What was Kerr Ferries' total revenue in its last financial year?", "revenue"),
        ("What is the sports centre's capacity?", "capacity"),
        ("What was the dollar value of the property losses on Mill Row?", "losses"),
        ("What was the loss?", "loss"),
        ("What was the cost of the repairs?", None),  # a cost goes by many names: the figure is enough
    ],
)
def test_an_amount_with_a_name_of_its_own(question: str, named: str | None) -> None:
    assert answer_type.amount_named(question) == named


def test_revenue_is_not_answered_by_a_loss() -> None:
    evidence = invented_text.evidence_of(TEXT)
    question = "What was Kerr Ferries' total revenue in its last financial year?"
    assert "loss of 2.4 million" in invented_text.first(evidence, question)
    assert "revenue" in (invented_text.reason(evidence, question, (2031, 10)) or "")
    assert (
        invented_text.reason(evidence, "What loss did Kerr Ferries report in its last financial year?", (2031, 10))
        is None
    )


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        ("In dollar terms, what did the repairs cost?", "Repair costs rose 48 per cent.", False),
        ("In dollar terms, what did the repairs cost?", "Repairs cost $48,000.", True),
        ("What was the dollar value of the losses?", "Nine homes were destroyed.", False),
        ("How much of the $12.5 million fund went to the library?", "The library opens five days a week.", False),
        ("How much of the $12.5 million fund went to the library?", "The library received $2 million.", True),
    ],
)
def test_money_asked_in_its_own_terms(question: str, text: str, holds: bool) -> None:
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", text, question) is holds


def test_who_put_a_dollar_figure_asks_for_a_person() -> None:
    assert answer_type.expected("Which official put a dollar figure on the losses?") == "person"


@pytest.mark.parametrize(
    ("question", "text", "other"),
    [
        ("How many residents had left by Monday night?", "About 900 residents had left by Wednesday.", "Wednesday"),
        ("How many boats were moored there in 2024?", "There were 212 boats in 2019.", "2019"),
        ("How many boats were moored there in 2024?", "There were 212 boats in 2019 and 230 in 2024.", None),
        ("How many residents left on Tuesday?", "About 900 residents left.", None),  # no time of its own
        ("How many residents left?", "About 900 residents left on Wednesday.", None),  # the question names none
    ],
)
def test_a_figure_for_another_time(question: str, text: str, other: str | None) -> None:
    found = answer_type.other_time(question, text)
    assert (found is not None and other is not None and other in found) or found is other is None


def test_another_days_figure_is_declined_unless_it_or_a_neighbour_names_the_day() -> None:
    evidence = invented_text.evidence_of(TEXT)
    asked = "How many residents had returned home by Monday?"
    assert "640 residents" in invented_text.first(evidence, asked)
    assert "Thursday, not Monday" in (invented_text.reason(evidence, asked, (2031, 10)) or "")
    assert invented_text.reason(evidence, asked.replace("Monday", "Thursday"), (2031, 10)) is None


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        ("What was the total cost of the repairs?", "Repair bills rose 40 per cent.", False),
        ("How much did the repair bills rise?", "Repair bills rose 40 per cent.", True),
        ("What share of the cost will the council pay?", "The council will pay 40 per cent.", True),
        ("How much income did the flood cost the shops?", "Shops lost 40 per cent of their takings.", True),
        ("How many people can the sports centre hold?", "The centre housed 312 people overnight.", False),
        (
            "How many people can the sports centre hold?",
            "The centre housed 312 people, close to its capacity of 350.",
            True,
        ),
    ],
)
def test_a_share_or_a_count_answers_only_what_it_measures(question: str, text: str, holds: bool) -> None:
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", text, question) is holds


def test_a_figure_alone_is_no_topic_shared() -> None:
    # "million pounds" is all the loss shares with a question about a 212 million pound loan
    evidence = invented_text.evidence_of(TEXT)
    asked = "Which bank ended its 212 million pound loan to Kerr Ferries?"
    assert "no topic word" in (invented_text.reason(evidence, asked, (2031, 10)) or "")


@pytest.mark.parametrize(
    ("kind", "question", "text", "holds"),
    [
        ("date", "In what year did the harbour open?", "The harbour will close later this year, on a Tuesday.", False),
        (
            "date",
            "In what year did the harbour open?",
            "The harbour, which opened in 1968, is the town's oldest.",
            True,
        ),
        ("quantity", "How big is the depot?", "The depot will close on 27 June.", False),  # a date, not a size
        ("quantity", "How big is the depot?", "The depot covers 27 hectares.", True),
        ("quantity", "How far away is Fenn?", "Moving 120 jobs to Fenn is no comfort.", False),
        ("quantity", "How far away is Fenn?", "Fenn, 180 km away, will take the jobs.", True),
        ("quantity", "How far apart are the two piers?", "The piers are a 40-minute walk apart.", True),
        ("quantity", "How far did the shares fall?", "The shares fell 12 per cent.", True),  # not a distance
    ],
)
def test_a_year_a_size_and_a_distance(kind: answer_type.AnswerType, question: str, text: str, holds: bool) -> None:
    assert answer_type.expected(question) == kind
    assert answer_type.holds(kind, text, question) is holds


def test_when_may_be_answered_by_a_time_of_day() -> None:
    assert answer_type.holds("date", "She said she saw smoke at about 2:50 p.m.", "When did she first see smoke?")
    assert answer_type.holds("date", "The meeting ended at 9.40pm.", "When did the meeting end?")
    # a time of day is no year
    assert not answer_type.holds("date", "The meeting ended at 9.40pm.", "In what year did the meeting end?")


def test_an_act_the_question_credits_to_someone_else_is_corrected() -> None:
    evidence = invented_text.evidence_of(TEXT)
    wrong_doer = "Why did harbour master Oona Pike announce the recovery fund for flooded homes?"
    assert "Council leader Bram Tully" in invented_text.first(evidence, wrong_doer)
    # the question's doer did it: nothing to correct
    assert "Bram Tully" in invented_text.first(evidence, "Why did Bram Tully announce the recovery fund?")
    # what she did herself is hers
    assert "Oona Pike" in invented_text.first(evidence, "Why did Oona Pike welcome the recovery fund?")


def test_a_year_outside_the_decade_asked_is_another_time() -> None:
    assert "2015" in (
        answer_type.other_time("How many boats were there in the 1990s?", "There were 212 in 2015.") or ""
    )
    assert answer_type.other_time("How many boats were there in the 1990s?", "There were 212 in 1994.") is None
    # the sentence's own terms are part of its context: its year does not make it agree
    own = frozenset({"2015", "boat"})
    assert "2015" in (
        answer_type.other_time("How many boats were there in the 1990s?", "There were 212 in 2015.", own) or ""
    )
    assert answer_type.other_time("How many boats were there in the 1990s?", "There were 212.", own | {"1990s"}) is None
