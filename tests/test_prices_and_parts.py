# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Money questions on a text written for this test (no models): "what will a ticket cost?" is a
price of its own, which the operator's subsidy does not give; "how much has X remitted?" asks for
money, which a count of staff does not give; "how much of the bill will Y pay?" wants the bill's
figure.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from tests import invented_text

TEXT = """Island Boat Service Funded
By Imre Sollis
Published June 3, 2031

PELLOW - The Pellow County Council will pay £1.2 million towards the cost of a fast boat for the island, its transport chair Oda Brenn said on Monday.

The boat will make two return trips a day from March.

At the college's Brisk campus, all 29 staff have been paid on time and the campus has remitted its full fee share every year.

A season pass for the harbour car park costs £14.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_price_of_its_own_is_not_another_payment() -> None:
    assert answer_type.priced("What will a ticket on the fast boat cost?") == ["ticket", "fare"]  # or its fare
    assert answer_type.priced("What could the outage ultimately cost?") == []  # a total, not a unit's price
    why = invented_text.reason(_evidence(), "What will a ticket on the fast boat cost?", (2031, 6))
    assert why is not None
    # the price the text does give is found
    question = "What does a season pass for the harbour car park cost?"
    assert invented_text.reason(_evidence(), question, (2031, 6)) is None
    assert "£14" in invented_text.first(_evidence(), question)


def test_money_remitted_is_money_not_a_count() -> None:
    question = "How much in total has the Brisk campus remitted to the college?"
    assert answer_type.expected(question) == "quantity"
    why = invented_text.reason(_evidence(), question, (2031, 6))
    assert why is not None and "no quantity" in why


def test_a_part_of_a_named_sum_names_the_sum() -> None:
    assert answer_type.priced("How much of the repair bill will the county pay?") == ["repair", "bill"]
    # not for a part of work done, which is no money question
    assert answer_type.priced("How much of the required work had been done when inspectors checked again?") == []


RATES = """Council Borrows for Sea Wall
By Imre Sollis
Published June 3, 2031

PELLOW - The Pellow County Council will borrow £4 million from the Brisk Savings Bank to rebuild its sea wall, its treasurer Oda Brenn said on Monday.

The cost of the work has risen by 14 per cent since the spring.
"""


def test_a_rate_is_a_share_of_its_own_thing() -> None:
    question = "What interest rate will the council pay on the loan?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.amount_named(question) == "interest"
    assert not answer_type.holds("quantity", "It will borrow £4 million from the bank.", question)
    why = invented_text.reason(invented_text.evidence_of(RATES), question, (2031, 6))
    assert why is not None  # the only share in the text is the cost's rise, not the loan's interest
    given = RATES + "\nThe loan carries an interest rate of 4.5 per cent a year.\n"
    assert invented_text.reason(invented_text.evidence_of(given), question, (2031, 6)) is None
    assert "4.5 per cent" in invented_text.first(invented_text.evidence_of(given), question)
