# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Two forms of question on a text written for this test (no models): "who are the members of X?"
wants the members' names, which a count of members ("a five-member panel") does not give; and in
"how many older patients?" what is counted is the patients, so an adjective the text does not use
is no reason to decline; and a thing counted under another everyday name ("labourers": "workers",
"spots": "points", "population": "residents") is the thing asked about.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from tests import invented_text

TEXT = """Clinic Review Panel Named
By Imre Sollis
Published June 3, 2031

PELLOW - The Pellow Health Board has set up a five-member panel to review the closure of its night clinic, the board said on Monday.

The panel will be chaired by retired judge Oda Brenn, and it will report by September.

Nurse Cass Morrow, who runs the clinic, looks after 41 elderly patients on the island.

The board's finance committee has three members: Tam Pellow, Ines Varga and Rafe Lind.

About 120 construction workers at the clinic site say they have not been paid for two months.

Surveyors found rust in the clinic's roof at 14 separate points.

Brisk, the smaller of the two islands, has 212 residents.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_members_are_named_or_the_question_is_declined() -> None:
    evidence = _evidence()
    why = invented_text.reason(evidence, "Who are the members of the review panel set up by the board?", (2031, 6))
    assert why is not None and "names no one holding the role" in why
    why = invented_text.reason(evidence, "Who are the other four members of the review panel?", (2031, 6))
    assert why is not None
    # members named beside the word: an answer
    question = "Who are the members of the finance committee?"
    assert invented_text.reason(evidence, question, (2031, 6)) is None
    assert "Ines Varga" in invented_text.first(evidence, question)


def test_what_is_counted_is_the_noun_not_its_adjective() -> None:
    assert answer_type.measured("How many older patients does the clinic's nurse look after?") == ["patients"]
    assert answer_type.measured("How many people live on the island?") == []
    assert answer_type.measured("How many children attend the school?") == ["children"]
    evidence = _evidence()
    question = "How many older patients does the clinic's nurse look after?"
    assert invented_text.reason(evidence, question, (2031, 6)) is None
    assert "41 elderly patients" in invented_text.first(evidence, question)
    # a thing the text never mentions is still declined
    why = invented_text.reason(evidence, "How many ambulances does the clinic keep?", (2031, 6))
    assert why is not None and "never mentions" in why


def test_a_thing_counted_under_another_everyday_name() -> None:
    evidence = _evidence()
    for question, expected in [
        ("How many labourers at the clinic site say they have gone unpaid?", "120 construction workers"),
        ("At how many separate spots did surveyors find rust in the clinic's roof?", "14 separate points"),
        ("What is the population of the smaller island?", "212 residents"),
    ]:
        assert invented_text.reason(evidence, question, (2031, 6)) is None, question
        assert expected in invented_text.first(evidence, question), question
    assert answer_type.holds("quantity", "Surveyors found rust at 14 separate points.", "How many spots had rust?")
    assert not answer_type.holds("quantity", "Surveyors found rust on 14 May.", "How many spots had rust?")
