# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on the thirty-eighth and thirty-ninth documents, tried on a text written
for this test (no models):

- a currency's letters with a full stop ("Rs. 18.6 billion") or an engineer's title ("Eng. Tam Lind")
  do not end the sentence, so the figure stays with what it is the figure of;
- "why was the contract cancelled?" is answered by "terminated ... over poor workmanship" (what a deed
  was over is its reason), not by "fined twice over the past year" (a span of time);
- "why was the site picked?" is answered by "had been chosen because ..." (pick, choose and select
  are kin); "who chairs the committee?" by "X, who convenes the committee";
- "how much income will the charge bring in?" is answered by "expects to take in £11,000 a year";
- "by when is the board expected to choose?" puts a date still to come before a sentence that tells,
  in the question's own words, what was chosen years ago;
- a figure that ranks first only because it is a figure, while the next sentence, without one, shares
  far more of the question's words and about as much of its meaning, is another thing's figure: the
  question is declined (unless the figure counts the very thing asked about);
- "how did the mayor respond?" of "they would petition the mayor" is declined: the mayor is only the
  one the petition is for.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import dataclasses

from rag.answering import answer_type
from rag.answering.abstain import abstain_reason
from rag.answering.evidence import gives_reason
from rag.ingest.sentences import sentences
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Pellow Water Board Behind On Pipe Renewal
By Imre Sollis
Published June 3, 2032

The Pellow Water Board has replaced only 90 km of its ageing mains, years after the programme was launched with an allocation of Rs. 9.4 billion.

Of that allocation, Rs. 2.1 billion had been spent by the end of March.

Eng. Tam Lind, the board's deputy manager, said the work had slipped.

One of the two main civil contracts was terminated in 2031 over poor workmanship.

The Brisk depot was fined twice over the past year.

Jo Pask said the Quay Road site had been chosen because it sits beside the bus station.

Councillor Ann Brae, who convenes the works committee, said the numbers spoke for themselves.

The board also expects to take in about £11,000 a year from the new connection charge.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_currency_s_letters_or_a_title_with_a_full_stop_do_not_end_the_sentence() -> None:
    text = "It was launched with an allocation of Rs. 9.4 billion. Eng. Tam Lind said it had slipped."
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans == ["It was launched with an allocation of Rs. 9.4 billion.", "Eng. Tam Lind said it had slipped."]
    money = "How much money was set aside for the programme when it was launched?"
    assert answer_type.holds("quantity", spans[0], money)
    assert answer_type.names_near_terms(spans[1], "Who is the deputy manager?") or answer_type.names_person(
        spans[1], "Who said the work had slipped?"
    )


def test_a_figure_after_a_currency_s_letters_answers_how_much() -> None:
    evidence = _evidence()
    question = "How much of the programme's funding had been used up by the end of March?"
    assert invented_text.reason(evidence, question, (2032, 6)) is None
    assert "Rs. 2.1 billion" in invented_text.first(evidence, question)


def test_what_a_deed_was_over_is_its_reason_but_a_span_of_time_is_not() -> None:
    assert gives_reason("One of the two main civil contracts was terminated in 2031 over poor workmanship.")
    assert gives_reason("Staff walked out over pay.")
    assert not gives_reason("The Brisk depot was fined twice over the past year.")
    assert not gives_reason("Staff protested over the weekend.")
    assert not gives_reason("The contract was cancelled over two weeks ago.")
    evidence = _evidence()
    question = "Why was one of the main civil contracts cancelled?"
    assert invented_text.reason(evidence, question, (2032, 6)) is None
    assert "poor workmanship" in invented_text.first(evidence, question)


def test_picked_is_chosen_and_a_convener_chairs() -> None:
    assert stem("chosen") in kin(stem("picked"))
    assert stem("selected") in kin(stem("choose"))
    assert stem("termination") in kin(stem("cancelled"))
    evidence = _evidence()
    picked = "Why was the Quay Road site picked?"
    assert invented_text.reason(evidence, picked, (2032, 6)) is None
    assert "chosen because" in invented_text.first(evidence, picked)
    chairs = "Who chairs the works committee?"
    assert invented_text.reason(evidence, chairs, (2032, 6)) is None
    assert "Ann Brae" in invented_text.first(evidence, chairs)


def test_income_is_what_a_sum_says_comes_in() -> None:
    evidence = _evidence()
    question = "How much income does the board expect the connection charge to bring in each year?"
    assert invented_text.reason(evidence, question, (2032, 6)) is None
    assert "£11,000" in invented_text.first(evidence, question)
    # a sum paid out is not income
    spent = invented_text.evidence_of(
        "Pellow Hall\nBy Imre Sollis\n\nThe council will spend £40,000 a year on the new hall.\n"
    )
    income = "How much income will the new hall bring in each year?"
    assert invented_text.reason(spent, income, (2032, 6)) is not None


COMMITTEE = """Pellow Works Plan Backed
By Imre Sollis
Published June 3, 2032

Councillor Ann Brae, who convenes the works committee, said members had backed the plan for the depot.

Of the 412 people who answered the survey, 71 per cent were against it.

The depot employs 40 drivers.
"""


def _as_embedder_ranks(
    question: str, first: str, second: str, lexical: tuple[float, float], semantic: tuple[float, float]
):
    """The two sentences ranked as the embedder ranks such pairs on real text: the one holding a figure
    first (by its type's preference), the other next, with these word and meaning scores."""
    evidence = invented_text.evidence_of(COMMITTEE)
    found = {x.sentence.text: x for x in evidence.rank(question, invented_text.whole(evidence.text))}
    top, other = found[first], found[second]
    top = dataclasses.replace(top, lexical=lexical[0], semantic=semantic[0], score=0.6, holds_type=True)
    other = dataclasses.replace(other, lexical=lexical[1], semantic=semantic[1], score=0.7, holds_type=False)
    return evidence, [top, other]


def test_a_figure_about_another_thing_than_the_sentence_about_the_question() -> None:
    question = "How many members of the works committee backed the plan for the depot?"
    survey = "Of the 412 people who answered the survey, 71 per cent were against it."
    brae = "Councillor Ann Brae, who convenes the works committee, said members had backed the plan for the depot."
    evidence, ranked = _as_embedder_ranks(question, survey, brae, lexical=(0.1, 0.8), semantic=(0.4, 0.45))
    reason = abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2032, 6))
    assert reason is not None and "about something else" in reason
    # a sentence sharing a few more of the question's words does not outweigh the figure...
    evidence, ranked = _as_embedder_ranks(question, survey, brae, lexical=(0.1, 0.3), semantic=(0.4, 0.45))
    assert abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2032, 6)) is None
    # ... nor is a sentence sharing the words but far less of the meaning
    evidence, ranked = _as_embedder_ranks(question, survey, brae, lexical=(0.1, 0.8), semantic=(0.6, 0.3))
    assert abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2032, 6)) is None


def test_a_figure_counting_the_very_thing_asked_is_about_it() -> None:
    question = "How many drivers does the works depot employ under the plan backed by the committee?"
    drivers = "The depot employs 40 drivers."
    brae = "Councillor Ann Brae, who convenes the works committee, said members had backed the plan for the depot."
    evidence, ranked = _as_embedder_ranks(question, drivers, brae, lexical=(0.1, 0.8), semantic=(0.4, 0.45))
    assert abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2032, 6)) is None


def test_the_one_a_petition_is_addressed_to_has_not_responded() -> None:
    evidence = invented_text.evidence_of(
        "Pellow Depot Row\nBy Imre Sollis\n\nThe residents said they would petition the county mayor if the board did not publish its accounts.\n"
    )
    question = "How did the county mayor respond to the residents' petition?"
    reason = invented_text.reason(evidence, question, (2032, 6))
    assert reason is not None and "not how it responded" in reason
