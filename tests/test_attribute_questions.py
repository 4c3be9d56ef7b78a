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


def test_which_court_prefers_a_name_ending_in_court():
    question = "In which court was the firm sentenced?"
    assert answer_type.names_the_kind("It was sentenced at Harwick Crown Court on Monday.", question)
    assert not answer_type.names_the_kind("Judge Ada Lamb said the court had no choice.", question)


def test_counts_written_as_words_and_counts_of_people():
    assert answer_type.holds(
        "quantity", "Pupils at twenty-six secondary schools took part.", "How many schools took part?"
    )
    assert answer_type.holds("quantity", "Twenty-three residents were evacuated.", "How many people were evacuated?")
    assert not answer_type.holds("quantity", "The two sides met.", "How many days did the talks last?")


def test_what_time_needs_a_time_of_day():
    question = "What time does the first lesson begin?"
    assert answer_type.expected(question) == "date"
    assert answer_type.holds("date", "Lessons now begin at 9.20am.", question)
    assert not answer_type.holds("date", "Late arrivals fell by a third in March 2024.", question)


def test_has_not_said_when_is_withheld():
    text = "Results are due in 2033, and the ministry has not said when, or whether, it will make a decision."
    other = Evidence("A\nBy B\n2031-04-10\n\n" + text, header_end=len("A\nBy B\n2031-04-10"))
    question = "When will the ministry make a decision?"
    ranked = other.rank(question, [Passage("all", other.text, 0, len(other.text), 1.0)])
    assert "not disclosed" in (abstain_reason(question, ranked, other.vocabulary, 0.0) or "")


def test_who_is_the_role_holder_needs_a_name_by_the_role(evidence: Evidence):
    assert "role" in (reason(evidence, "Who is the head teacher of the reading room?") or "")
    assert reason(evidence, "Who is the chief librarian of the library?") is None


def test_the_name_goes_with_the_thing_named_not_with_the_other_words():
    question = "What brand of wrist monitor did the pupils wear?"
    text = "It was run by the University of Elm's Centre for Sleep, who followed the pupils with wrist monitors."
    assert not answer_type.names_near_terms(text, question)
    assert answer_type.names_near_terms("The pupils wore wrist monitors, Pulsefit Pro bands, at night.", question)


def test_which_expert_wants_a_person_and_a_priced_noun_is_kept():
    assert answer_type.wants_person("Which independent expert commented on the study?")
    assert not answer_type.wants_person("Which company won the contract?")
    assert answer_type.priced("How much rent do tenants pay?") == ["rent"]
    assert answer_type.priced("How much money was raised?") == []


def test_a_paragraph_of_quotes_said_by_she_carries_on_the_last_name_before_it():
    body = (
        "The board fined the firm £20,000. Judge Ada Lamb said the failings were serious.\n\n"
        "Readers formed an association, and Petra Voss said its members wanted an apology.\n\n"
        '"Nobody has come to say sorry," she said. "A fine does not give my daughter back her books."'
    )
    text = "A\nBy B\n2031-04-10\n\n" + body
    other = Evidence(text, header_end=len("A\nBy B\n2031-04-10"))
    top = other.rank("What did Petra Voss think of the fine?", [Passage("all", text, 0, len(text), 1.0)])[0]
    assert top.sentence.text.startswith('"A fine does not') and top.names_ok and top.speaker_checked
    judge = other.rank("What did Judge Ada Lamb think of the fine?", [Passage("all", text, 0, len(text), 1.0)])
    assert not any(x.names_ok for x in judge if x.sentence.text.startswith('"A fine'))


def test_what_will_it_be_called_asks_a_name_and_the_name_goes_with_the_thing():
    question = "What will the new merged branch be called?"
    assert answer_type.asks_name(question) and answer_type.expected(question) == "person"
    assert answer_type.names_near_terms("The merged branch, Elm Street Library, opens in May.", question)
    assert not answer_type.names_near_terms("Dr Hanna Brill will run the merged branch.", question)


def test_the_previous_one_is_not_answered_by_the_new_one(evidence: Evidence):
    text = "The board has appointed a new treasurer, Karl Ostby, who joins from a bank."
    other = Evidence("A\nBy B\n2031-04-10\n\n" + text, header_end=len("A\nBy B\n2031-04-10"))
    for question, declined in (
        ("What was the name of the previous treasurer?", True),
        ("Who is the new treasurer?", False),
    ):
        ranked = other.rank(question, [Passage("all", other.text, 0, len(other.text), 1.0)])
        assert (abstain_reason(question, ranked, other.vocabulary, 0.0) is not None) == declined


def test_a_figure_for_something_else_is_not_the_rent(evidence: Evidence):
    text = "The library rents two rooms. It was ordered to pay £3,000 in costs on Monday."
    other = Evidence("A\nBy B\n2031-04-10\n\n" + text, header_end=len("A\nBy B\n2031-04-10"))
    ranked = other.rank("How much rent does the library pay?", [Passage("all", other.text, 0, len(other.text), 1.0)])
    assert abstain_reason("How much rent does the library pay?", ranked, other.vocabulary, 0.0) is not None
    ranked = other.rank("How much did the library pay in costs?", [Passage("all", other.text, 0, len(other.text), 1.0)])
    assert abstain_reason("How much did the library pay in costs?", ranked, other.vocabulary, 0.0) is None
