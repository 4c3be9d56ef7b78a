# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Question forms that name one thing and ask another, on a text written for this test (no models):
"how did she describe what the board was doing to cut its budget?" asks for her words, not a sum;
"how much training were they offered?" asks for an amount of training, not money; "how old is Jo
Smith, the organiser?" asks for an age; "about 1900 children" is a count, not a year.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import pytest

from rag.answering import answer_type
from tests import invented_text

TEXT = """Library Hours Cut
By Pell Ostrander
Published May 12, 2033

MARROWGATE - Marrowgate's district council will cut opening hours at its two libraries from June, the council said on Thursday.

Councillor Ada Finch, who voted against the cuts, said the board was "trimming the budget with a blunt knife".

Union organiser Ruben Stoll said library staff had been offered a single two-hour training session on the new self-service machines.

About 1900 children use the Ferrier Road library's homework club each year.

The Ferrier Road library opened in 1931 and was extended in 1994.
"""


def test_how_someone_described_something_asks_for_words_not_a_sum() -> None:
    question = "How did Finch describe what the board was doing to its budget?"
    assert answer_type.expected(question) is None
    evidence = invented_text.evidence_of(TEXT)
    assert "blunt knife" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2033, 5)) is None


def test_how_much_of_a_thing_that_is_not_money_is_answered_by_an_amount_of_it() -> None:
    question = "According to the union organiser, how much training were staff offered?"
    assert answer_type.holds("quantity", "Staff had been offered a single two-hour training session.", question)
    # money is still money
    assert not answer_type.holds(
        "quantity", "Staff had been offered a training session.", "How much were staff offered?"
    )
    assert answer_type.holds("quantity", "Staff were offered 400 pounds.", "How much money were staff offered?")


@pytest.mark.parametrize(
    "question",
    [
        "How old is Ruben Stoll, the union organiser?",
        "How old is Ruben Stoll?",
        "How old was Stoll when he joined the union?",
    ],
)
def test_an_age_question_with_an_appositive_still_asks_for_an_age(question: str) -> None:
    assert answer_type.expected(question) == "quantity"
    assert not answer_type.holds(
        "quantity",
        "Union organiser Ruben Stoll said staff had been offered a single two-hour training session.",
        question,
    )
    assert answer_type.holds("quantity", "Ruben Stoll, 47, said the offer was too little.", question)


def test_a_count_that_looks_like_a_year_is_no_year() -> None:
    question = "In what year did the Ferrier Road library open?"
    assert not answer_type.holds(
        "date", "About 1900 children use the Ferrier Road library's homework club each year.", question
    )
    assert not answer_type.holds("date", "It has room for some 2000 visitors a week.", question)
    assert answer_type.holds("date", "The Ferrier Road library opened in 1931 and was extended in 1994.", question)
    evidence = invented_text.evidence_of(TEXT)
    assert "1931" in invented_text.first(evidence, question)


PLAN = """Library Plan Approved
By Pell Ostrander
Published May 19, 2033

MARROWGATE - Marrowgate's district council approved its library plan on Tuesday.

Under the plan, the council would spend 2.3 million pounds expanding the library at Ferrier Road, adding six study rooms. The council estimates the changes would save 1.1 million pounds a year once complete, mostly by ending its reliance on agency staff.

A petition with 4,210 signatures had asked the council to keep the old reading room.

The median wait for a study room at Ferrier Road fell from 40 minutes to 12 minutes; the wait at Holm Lane did not change.
"""


def test_and_the_savings_asks_for_the_sentence_that_saves_not_its_neighbour() -> None:
    from rag.answer import Turn
    from rag.answering.followup import standalone_question

    evidence = invented_text.evidence_of(PLAN)
    first = "How much does the council plan to spend at Ferrier Road?"
    history = [Turn(first, "The council would spend 2.3 million pounds expanding the library at Ferrier Road [1].")]
    rewrite = standalone_question("And the savings?", history, None, lambda w: evidence.names_in(w, first_too=True))
    ranked = evidence.rank(
        rewrite.focus, invented_text.whole(PLAN), required=rewrite.required, background=rewrite.background
    )
    assert "save 1.1 million pounds" in ranked[0].sentence.text


def test_a_figure_the_question_already_states_does_not_answer_it() -> None:
    question = "How many of the 4,210 signatures were collected online?"
    assert not answer_type.new_figures(question, "A petition with 4,210 signatures had asked the council two days ago.")
    assert answer_type.new_figures(question, "Of the 4,210 signatures, 1,900 were collected online.")
    text = (
        PLAN.split("\n\nUnder the plan")[0]
        + "\n\nA petition with 4,210 signatures had asked the council to keep the old reading room.\n"
    )
    evidence = invented_text.evidence_of(text)
    assert "4,210 signatures" in invented_text.first(evidence, question)
    assert (
        invented_text.reason(evidence, question, (2033, 5))
        == "the best evidence gives only the figure the question states"
    )


def test_a_figure_for_another_named_place_does_not_answer_for_the_one_asked() -> None:
    question = "What was the median wait for a study room at Holm Lane after the change?"
    assert (
        answer_type.other_place(question, "The median wait at Ferrier Road fell from 40 minutes to 12 minutes.")
        == "Ferrier Road"
    )
    assert answer_type.other_place(question, "The median wait at Holm Lane fell to 9 minutes.") is None
    assert answer_type.other_place("How many visits in March?", "In April there were 40 visits.") is None
    assert (
        answer_type.other_place(
            "What was the median wait at Ferrier Road?",
            "The median wait at Ferrier Road fell from 40 minutes to 12 minutes.",
        )
        is None
    )


def test_how_long_did_that_take_names_no_noun_and_took_answers_it() -> None:
    from rag.answer import Turn
    from rag.answering.followup import standalone_question

    history = [Turn("What did the losing candidate ask for?", "He asked for a recount [1].")]
    assert standalone_question("How long did that take?", history, None).required == frozenset()
    assert standalone_question("Is that the plan?", history, None).required == frozenset({"plan"})
    assert standalone_question("What about those houses?", history, None).required == frozenset({"hous"})
    text = "Recount Ends\nBy Ida Morn\nPublished June 2, 2033\n\nThe recount began at midnight. It took nearly three hours.\n"
    evidence = invented_text.evidence_of(text)
    assert "three hours" in invented_text.first(evidence, "How long did it take?")
    assert invented_text.reason(evidence, "How long did it take?", (2033, 6)) is None


VOICES = """Lake Survey Published
By Ida Morn
Published June 9, 2033

The lake's perch have stopped breeding, a survey by Tarn University has found.

"They simply stopped replacing themselves," said Dr Ada Quell, the ecologist who led the survey.

Her co-author, Dr Bram Holt, a biologist at the university, said fishing could not explain the figures. "The boats caught fewer fish because there were fewer fish," he said.

Ms Quell said the survey would be repeated next spring.
"""


def test_she_is_not_taken_for_the_man_the_last_answer_named() -> None:
    from rag.answer import Turn
    from rag.answering.followup import standalone_question

    evidence = invented_text.evidence_of(VOICES)
    assert evidence.gender("Quell") == "f"  # "Ms Quell"
    assert evidence.gender("Holt") == "m" and evidence.gender("Bram") == "m"
    assert evidence.gender("Tarn") is None
    history = [
        Turn("Who led the survey?", "Dr Ada Quell, the ecologist who led the survey [1]."),
        Turn("And her co-author?", "Her co-author, Dr Bram Holt, a biologist at the university [1]."),
    ]

    def names_in(word: str) -> set[str]:
        return evidence.names_in(word, first_too=True)

    rewrite = standalone_question("What did she say about the fish?", history, None, names_in, evidence.gender)
    carried = rewrite.text.rpartition(";")[2]  # the names the rewrite carries into retrieval
    assert "Quell" in carried and "Bram" not in carried and "Holt" not in carried
    # without what the article says of them, the man named last would stand for "she"
    blind = standalone_question("What did she say about the fish?", history, None, names_in)
    assert "Bram" in blind.text.rpartition(";")[2]


def test_the_date_of_another_event_does_not_answer_when_a_thing_begins() -> None:
    text = (
        "Review Ordered\nBy Ida Morn\nPublished June 9, 2033\n\n"
        "An independent review of the library plan, led by Professor Una Brill, will examine the costs. "
        "It is expected to report by the end of October.\n"
    )
    evidence = invented_text.evidence_of(text)
    question = "When is the independent review due to begin its work?"
    assert "October" in invented_text.first(evidence, question)
    assert (
        invented_text.reason(evidence, question, (2033, 6))
        == "the date in the best evidence is for another event (report)"
    )
    assert invented_text.reason(evidence, "When is the independent review due to report?", (2033, 6)) is None


REVIEW = """Review Ordered Into Library Plan
By Ida Morn
Published June 9, 2033

MARROWGATE - Marrowgate's district council has ordered an independent review of its library plan after costs rose.

The review will be led by Professor Una Brill of Fennick University, the council said on Monday.

It is expected to report by the end of October.

The plan's cost has risen from 2.1 million pounds to 3.4 million pounds since it was approved last year.
"""


def test_the_second_of_two_questions_asked_in_one_is_answered_too(tmp_path) -> None:
    from tests.support import fake_engine

    article = tmp_path / "review.txt"
    article.write_text(REVIEW)
    engine, _ = fake_engine(
        tmp_path, ["The review will be led by Professor Una Brill of Fennick University [1]."], article_path=article
    )
    question = "Who is leading the independent review, and when is it due to report?"
    assert answer_type.second_question(question) == "When is it due to report?"
    answer = engine.ask(question)
    assert "Una Brill" in answer.text and "end of October" in answer.text
    assert all(engine.info.article_text[c.start : c.end] == c.quote for c in answer.citations)
    assert any("end of October" in c.quote for c in answer.citations)
    # one question, or a second part asking for nothing the engine can check, is left alone
    assert answer_type.second_question("Who is leading the independent review?") is None
    assert answer_type.second_question("What did she say, and why?") is None


def test_everyday_words_for_one_thing_meet_in_the_ranking_but_not_in_the_support_check() -> None:
    from rag.retrieval.lexical import kin, stem

    assert stem("motion") in kin(stem("proposal")) and stem("children") in kin(stem("kids"))
    assert kin(stem("harbour")) == {stem("harbour")}
    text = (
        "Council Votes\nBy Ida Morn\nPublished June 9, 2033\n\n"
        "The council voted 7-6 on Tuesday to close the Holm Lane pool. "
        "Councillor Una Brill, who moved the motion, said the pool cost too much to run.\n\n"
        "About 40 children learn to swim at Holm Lane each week.\n"
    )
    evidence = invented_text.evidence_of(text)
    question = "Which councillor put forward the proposal?"
    assert "Una Brill" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2033, 6)) is None
    question = "Where are the kids taught?"  # the article says "children", never "kids"
    assert "40 children" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2033, 6)) is None
    # a claim in other words is still checked against the words of its span
    passages = invented_text.whole(text)
    assert evidence.support("Una Brill moved the motion.", passages, [0], 0.75) is not None
    assert evidence.support("Una Brill put forward the proposal.", passages, [0], 0.75) is None
