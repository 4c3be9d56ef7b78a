"""Rules written from misses on the fortieth and forty-first documents, tried on a text written for
this test (no models):

- a question that pins its figure to an earlier time ("twelve months before", "before the rise")
  is answered by the sentence giving the earlier figure ("A year earlier, ...", "up from £90"), and
  declined when the best evidence gives only the current one;
- replies are responses, and "additional money" is any amount (not a thing the article must name);
- "what is the total budget?" is declined when the best evidence gives only an extra sum;
- "a half-day permit" is not "a full day" one: a sentence that writes the question's noun only after
  the opposite word (half and full, weekday and weekend, north and south ...) is about another sort;
- "when is X due to open?" asks for a date still to come, as "when will X open?" does;
- "what did the MP ask?": a title written in capitals stands for the one person the article gives
  it to, whose words answer, though the paragraph never writes the title.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from tests import invented_text

TEXT = """Pellow Harbour Waits Grow Longer
By Imre Sollis
Published June 3, 2032

The median wait for a berth at Pellow Harbour rose to 14 hours in May, against a target of six hours.

A year earlier, the median wait was nine hours.

For cargo ships, which include bulk carriers and tankers, the median wait was 31 hours.

The berth fee will rise from £90 to £120 in July, the first increase for five years.

Officers estimate the increase will raise an extra £2.1 million a year.

A public consultation on the fees ran for four weeks and received 1,240 responses.

Oda Brenn, the MP for Pellow East, told a public meeting that the harbour board had cut night pilots.

Ms Brenn said she had written to the board asking it to publish its pilot rotas for the past year.

The board said it had not cut any pilots.

The harbour board put an extra £1.8m into its dredging budget this year.

A mooring permit costs £40 for a full day, up from £32.

Plans for a new pilot station on the quay were approved in outline in 2030.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_figure_pinned_to_an_earlier_time_is_told_from_the_current_one() -> None:
    assert answer_type.asks_earlier("How long was the median wait twelve months before?")
    assert answer_type.asks_earlier("How much did owners pay before the rise?")
    assert answer_type.asks_earlier("What was the previous berth fee?")
    assert not answer_type.asks_earlier("How long is the median wait for a berth?")
    assert answer_type.gives_earlier("A year earlier, the median wait was nine hours.")
    assert answer_type.gives_earlier("The berth fee will rise from £90 to £120 in July.")
    assert answer_type.gives_earlier("Sales reached 400, up from 310.")
    assert not answer_type.gives_earlier("For cargo ships the median wait was 31 hours.")


def test_the_earlier_figure_is_chosen_for_a_question_about_an_earlier_time() -> None:
    evidence = _evidence()
    assert invented_text.first(evidence, "How long was the median berth wait twelve months before?").startswith(
        "A year earlier"
    )
    assert invented_text.first(evidence, "How much did owners pay for a berth before the rise?").startswith(
        "The berth fee will rise from £90"
    )
    # without an earlier time, the current figure still comes first
    assert "14 hours" in invented_text.first(evidence, "How long was the median wait for a berth in May?")


def test_an_earlier_figure_the_text_never_gives_is_declined() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "What was the median wait for cargo ships a year earlier?", (2032, 6))
    assert reason is not None and "earlier figure" in reason
    assert invented_text.reason(evidence, "What was the median wait for cargo ships?", (2032, 6)) is None


def test_replies_are_responses_and_additional_money_is_any_amount() -> None:
    evidence = _evidence()
    asked = "How many replies did the consultation attract?"
    assert "1,240 responses" in invented_text.first(evidence, asked)
    assert invented_text.reason(evidence, asked, (2032, 6)) is None
    money = "How much additional money a year do officials expect the increase to bring in?"
    assert "£2.1 million" in invented_text.first(evidence, money)
    assert invented_text.reason(evidence, money, (2032, 6)) is None


def test_a_title_in_capitals_stands_for_its_holder_whose_words_answer() -> None:
    evidence = _evidence()
    asked = "What did the MP ask the harbour board to publish?"
    assert invented_text.first(evidence, asked).startswith("Ms Brenn said she had written")
    assert invented_text.reason(evidence, asked, (2032, 6)) is None


def test_a_total_is_not_answered_by_an_extra_sum() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "What is the harbour board's total annual dredging budget?", (2032, 6))
    assert reason is not None and "only an increase" in reason
    assert invented_text.reason(evidence, "How much extra went into the dredging budget?", (2032, 6)) is None


def test_a_date_due_to_come_is_not_answered_by_a_past_one() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "When is the new pilot station due to open?", (2032, 6))
    assert reason is not None and "only of the past" in reason


def test_a_sort_of_thing_is_not_answered_by_its_opposite() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "How much will a half-day mooring permit cost?", (2032, 6))
    assert reason is not None and "full day" in reason
    assert invented_text.reason(evidence, "How much will a full-day mooring permit cost?", (2032, 6)) is None
