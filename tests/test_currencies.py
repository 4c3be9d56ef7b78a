# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Money in the world's notations, on a text written for this test (no models): "R450 million",
"Rs 40", "KSh 2,000", "A$3.5 million" and "4.5 million rand" are amounts of money; a road's
number ("the R34 road") and a word before a number ("try 5 times") are not.
"""

from __future__ import annotations

import pytest

from rag.answering import answer_type
from tests import invented_text

TEXT = """Ferry Terminal Plan Shelved
By Tomo Adeyi
Published March 4, 2032

KESSEN BAY - The Kessen Bay port authority has shelved its plan for a new ferry terminal after the estimated cost rose to R450 million, the authority said on Monday.

The terminal was first budgeted at R280 million in 2029.

The R34 road to the harbour will stay closed to heavy trucks for another 12 weeks.

Port chief Lerato Venn said the authority would try 5 other designs before it gave up on the site.
"""


@pytest.mark.parametrize(
    "text",
    [
        "The estimated cost rose to R450 million.",
        "It was first budgeted at R1.2bn.",
        "A single fare will rise to Rs 40.",
        "Traders face a fine of KSh 2,000.",
        "The upgrade costs A$3.5 million.",
        "The state will pay 4.5 million rand.",
        "The bill came to CHF 12,000.",
        "The deal is worth ₹90 crore.",
    ],
)
def test_an_amount_in_any_currency_answers_a_money_question(text: str) -> None:
    assert answer_type.holds("quantity", text, "How much will the terminal cost?")


@pytest.mark.parametrize(
    "text",
    [
        "The R34 road to the harbour will stay closed.",
        "The authority would try 5 other designs.",
        "The terminal will be finished next year.",
    ],
)
def test_a_road_number_or_a_plain_word_before_a_number_is_no_money(text: str) -> None:
    assert not answer_type.holds("quantity", text, "How much will the terminal cost?")


def test_the_priced_sentence_is_chosen_and_the_question_is_answered() -> None:
    evidence = invented_text.evidence_of(TEXT)
    question = "How much is the new ferry terminal now expected to cost?"
    assert "R450 million" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_how_much_of_an_amount_in_rand_asks_for_money() -> None:
    assert answer_type.holds(
        "quantity", "The state will pay R20 million of it.", "How much of the R450 million will the state pay?"
    )
    assert not answer_type.holds(
        "quantity",
        "The state will pay a third of it.",
        "How much of the R450 million will the state pay in rand terms?",
    )
