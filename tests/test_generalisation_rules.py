# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules added for questions nobody tuned for, checked on a small text written for this test (no models).

Every rule here is generic: durations, money, names asked for by "the name of", dates after
publication, a name's head word, a speaker's words running on, and follow-ups that ask what the
text says next.
"""

from __future__ import annotations

import pytest

from rag.answer import Passage, Turn
from rag.answering import answer_type
from rag.answering.abstain import abstain_reason, asks_after_publication, published
from rag.answering.evidence import Evidence
from rag.answering.followup import is_followup

TEXT = """Ferry Workers End Stoppage
By Ada Quill
2031-05-14

Crews of the Northgate Ferry Company returned to work on Tuesday, ending a nine-day stoppage that cancelled more than 600 crossings.

The company, which runs twelve vessels on the western routes, agreed to a new rota. It will cost an estimated $4 million a year.

At a meeting on Monday, the crews' spokesperson, Rhea Okonjo, said the crews had not wanted to stop. "We stopped because the rota was breaking people," she said. "Nobody chose this lightly."

The board had first proposed a pay rise instead. The crews turned it down because it did nothing about the rota.

A review of the rota is due in March 2032."""


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return Evidence(TEXT, header_end=TEXT.find("\n\n"))


def whole(evidence: Evidence) -> list[Passage]:
    return [Passage("all", evidence.text, 0, len(evidence.text), 1.0)]


def ranked_first(evidence: Evidence, question: str, **kw) -> str:
    return evidence.rank(question, whole(evidence), **kw)[0].sentence.text


def index_of(evidence: Evidence, start: str) -> int:
    return next(i for i, s in enumerate(evidence.sentences) if s.text.startswith(start))


def test_how_long_wants_a_span_of_time_not_any_number():
    q = "How long did the stoppage last?"
    assert answer_type.holds("quantity", "ending a nine-day stoppage that cancelled 600 crossings", q)
    assert not answer_type.holds("quantity", "The company runs twelve vessels and 600 crossings.", q)


def test_how_much_did_it_cost_wants_money_not_a_count():
    q = "How much will the new rota cost?"
    assert answer_type.holds("quantity", "It will cost an estimated $4 million a year.", q)
    assert not answer_type.holds("quantity", "The company runs twelve vessels.", q)


def test_who_is_a_named_person_asks_for_a_role_and_plain_who_is_not_declined_for_want_of_a_name(evidence):
    assert answer_type.expected("Who is Rhea Okonjo?") is None
    assert answer_type.expected("Who is the spokesperson?") == "person"
    q = "Who turned down the pay rise?"  # "the crews": an answer without a capitalised name
    assert abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.0) is None


def test_the_name_of_the_x_wants_a_name_right_after_x():
    assert answer_type.holds("person", "the ferry firm Northgate Ferry Company said", "What is the name of the firm?")
    assert not answer_type.holds("person", "a manager at Northgate Ferry Company said", "What is the name of the firm?")


def test_what_date_in_a_month_wants_a_day_of_that_month():
    q = "On what exact date in March did the review start?"
    assert not answer_type.holds("date", "backdated to January 1, and reviewed in March", q)
    assert answer_type.holds("date", "The review started on March 3.", q)


def test_weekdays_and_the_fourth_day_of_are_dates():
    assert answer_type.holds("date", "On the fourth day of the stoppage, the board asked a court", "When was that?")
    assert answer_type.holds("date", "Crews returned to work on Tuesday", "When did they return?")


def test_what_happened_after_the_article_was_written_is_declined_but_plans_are_not():
    when = published("2031-05-14")
    assert when == (2031, 5) and published("May 10, 2023") == (2023, 5)
    assert asks_after_publication("What did the March 2032 review conclude?", when)
    assert not asks_after_publication("When is the review due?", when)
    assert not asks_after_publication("What will the review cover in March 2032?", when)
    assert not asks_after_publication("What did the crews decide in 2031?", when)


def test_the_lede_is_always_a_candidate(evidence: Evidence):
    later = [Passage("p", "x", evidence.sentences[-1].start, evidence.sentences[-1].end, 1.0)]
    texts = [s.sentence.text for s in evidence.rank("How long did the stoppage last?", later)]
    assert any(t.startswith("Crews of the Northgate") for t in texts)


def test_a_names_head_word_stands_for_it_further_on(evidence: Evidence):
    q = "How many vessels does the Northgate Ferry Company run?"
    top = evidence.rank(q, whole(evidence))[0]
    assert top.sentence.text.startswith("The company, which runs twelve vessels") and top.names_ok


def test_a_speakers_words_run_on_through_the_paragraph(evidence: Evidence):
    q = "What did Rhea Okonjo say about the rota?"
    assert ranked_first(evidence, q).startswith('"We stopped because the rota was breaking people,"')


def test_a_follow_up_prefers_what_the_text_says_next(evidence: Evidence):
    cited = index_of(evidence, "The board had first proposed")
    q = "Why? (context: What did the board propose first?)"
    top = ranked_first(evidence, q, carried=evidence.around([cited]), repeated=[cited], following=[cited])
    assert top.startswith("The crews turned it down because")


def test_a_restated_quote_counts_as_cited(evidence: Evidence):
    answer = "The board first proposed a pay rise instead [1]."
    assert evidence.cited_in(answer) == [index_of(evidence, "The board had first proposed")]


@pytest.mark.parametrize(
    "question", ["Which one did they choose?", "Why not the pay rise?", "What did they get instead?"]
)
def test_follow_ups_without_a_pronoun_are_recognised(question: str):
    assert is_followup(question, [Turn("What did the board propose?", "A pay rise [1].")])


def test_a_salary_or_a_price_wants_money_but_what_was_said_about_it_does_not():
    assert answer_type.expected("What salary will the crews earn?") == "quantity"
    assert not answer_type.holds("quantity", "The company runs twelve vessels.", "What salary will the crews earn?")
    assert answer_type.holds(
        "quantity", "It will cost an estimated $4 million a year.", "What is the price of the rota?"
    )
    assert answer_type.expected("What did Okonjo say about the cost?") is None


def test_a_negative_prefix_matches_the_plain_word(evidence: Evidence):
    text = TEXT + "\n\nOkonjo said it would not be prudent to strike again."
    doc = Evidence(text, header_end=text.find("\n\n"))
    q = "What did Okonjo say would be imprudent?"
    ranked = doc.rank(q, whole(doc))
    assert ranked[0].sentence.text.startswith("Okonjo said it would not be prudent")
    assert abstain_reason(q, ranked, doc.vocabulary, 0.0) is None
