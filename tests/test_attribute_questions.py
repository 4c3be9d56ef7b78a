# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Questions asking for one attribute of something the text mentions (a name, an age, a date to
come, which one), on a text written for this test (no models).

The text mentions each thing asked about, so a topic check passes; whether it gives the attribute
decides between an answer and "the text does not say". Every rule is generic English.
"""

from __future__ import annotations

import pytest

from rag.answer import Passage
from rag.answering import answer_type
from rag.answering.abstain import abstain_reason
from rag.answering.evidence import Evidence

TEXT = """Library Flood Closes Branches
By Ada Quill
2031-04-10

Flooding closed two branches of the Marlow Public Library on Tuesday, after a burst main sent water through their basements, the library's board said.

One reader, Petra Voss, who had been in the reading room with her daughter, said the water "came up through the floor in minutes." Two staff members were taken to hospital with minor injuries.

The library's chief librarian, Dr Hanna Brill, said the repairs would cost about £1.2 million. The Union of Library Workers, which represents 300 staff, gave the plan a cautious welcome. Its branch secretary, Colm Adair, said members wanted a timetable.

The lead reviewer, Professor Ines Taft, said the old pipes should have been replaced years ago. Karl Ostby, 61, the board's treasurer, said insurance would cover most of the bill.

An earlier leak was reported in March 2029, and a survey of the pipes was carried out in 2030. Ostby said visitors to the school day programme would be moved to the main hall."""


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return Evidence(TEXT, header_end=TEXT.find("\n\n"))


def reason(evidence: Evidence, question: str) -> str | None:
    ranked = evidence.rank(question, [Passage("all", TEXT, 0, len(TEXT), 1.0)])
    return abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2031, 4))


def first(evidence: Evidence, question: str) -> str:
    return evidence.rank(question, [Passage("all", TEXT, 0, len(TEXT), 1.0)])[0].sentence.text


def test_the_name_of_someones_relative_needs_a_name_next_to_them(evidence: Evidence):
    assert answer_type.asks_name("What is the name of Petra Voss's daughter?")
    assert reason(evidence, "What is the name of Petra Voss's daughter?") == "no person in the best evidence"
    assert reason(evidence, "What is the name of the library's chief librarian?") is None


def test_what_brand_asks_for_a_name():
    assert answer_type.asks_name("What brand of pump did the library use?")
    assert answer_type.expected("Which make of boiler was fitted?") == "person"


def test_how_old_is_someone_needs_an_age_not_any_number(evidence: Evidence):
    assert answer_type.expected("How old is Karl Ostby?") == "quantity"
    assert reason(evidence, "How old is Karl Ostby?") is None
    assert reason(evidence, "How old is Dr Hanna Brill?") == "no quantity in the best evidence"
    assert answer_type.expected("How old is the dispute between the two unions?") is None  # not a person's age


def test_when_will_something_happen_is_not_answered_by_a_past_date(evidence: Evidence):
    assert reason(evidence, "When will the pipes be surveyed?") is not None
    assert reason(evidence, "When was the survey of the pipes carried out?") is None


def test_a_day_is_a_weekday_or_a_day_of_a_month_not_any_word_ending_in_day():
    question = "On what date will the reading room reopen?"
    assert not answer_type.holds("date", "Visitors to the school day programme would be moved.", question)
    assert answer_type.holds("date", "The reading room reopens on Tuesday.", question)


def test_which_one_is_not_answered_by_a_bare_or_a_counted_mention(evidence: Evidence):
    assert "hospital" in (reason(evidence, "Which hospital were the staff taken to?") or "")
    assert "branches" in (reason(evidence, "Which two branches were closed by the flooding?") or "")
    named = "Flooding closed two branches, the Elm Street and the Quay, on Tuesday."
    other = Evidence("A\nBy B\n2031-04-10\n\n" + named, header_end=len("A\nBy B\n2031-04-10"))
    ranked = other.rank("Which two branches were closed?", [Passage("all", other.text, 0, len(other.text), 1.0)])
    assert abstain_reason("Which two branches were closed?", ranked, other.vocabulary, 0.0) is None


def test_a_thing_priced_that_the_text_never_mentions_is_declined(evidence: Evidence):
    assert answer_type.measured("How much rent does the library pay?") == ["rent"]
    assert answer_type.measured("How much longer will the branches stay shut?") == []
    assert "rent" in (reason(evidence, "How much rent does the library pay?") or "")


def test_who_spoke_for_a_body_is_a_person_not_the_body(evidence: Evidence):
    top = evidence.rank("Who spoke for the union?", [Passage("all", TEXT, 0, len(TEXT), 1.0)])[0]
    assert top.holds_type and " said " in top.sentence.text  # someone speaking, not the union's own sentence
    assert first(evidence, "Who was the lead reviewer?").startswith("The lead reviewer, Professor Ines Taft")
    assert answer_type.expected("Which independent expert reviewed the damage?") == "person"
    assert answer_type.names_person("Its branch secretary, Colm Adair, said", "Who spoke?")
    assert not answer_type.names_person("The Union of Library Workers gave it a welcome.", "Who spoke?")
