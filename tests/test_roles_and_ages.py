# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Who holds a role, and how old a thing is, on a text written for this test (no models): the
sentence naming someone beside the role's words ("said Dr Jo Smith, chief executive of the
trust") answers "who is the chief executive of the trust?" ahead of the story's opening sentence
about the trust; "how old is the ferry?" is answered by "the 31-year-old ferry".

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from tests import invented_text

TEXT = """Trust Delays Island Clinic
By Imre Sollis
Published June 3, 2031

PELLOW: The Brisk Valley Health Trust on Monday postponed the opening of its long-awaited island clinic at Pellow, citing a funding shortfall and the collapse of its builder, Corvane Works.

"Nobody wanted to make this announcement," said Dr Oda Brenn, chief executive of the trust, speaking outside its headquarters.

The 41-year-old ferry that serves the island has been withdrawn for repairs.

The trust's finance director, Tam Lind, said costs had risen by 14 per cent.

According to Rafe Holm, the trust's treasurer, the state grant was cut to £9 million this year.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_title_before_the_name_does_not_hide_the_role_holder() -> None:
    question = "Who is the chief executive of the trust?"
    line = next(x for x in TEXT.splitlines() if x.startswith('"Nobody'))
    assert answer_type.names_near_terms(line, question, near=["executive"])


def test_the_role_holder_comes_before_a_sentence_about_the_body() -> None:
    question = "Who is the chief executive of the health trust that postponed the island clinic?"
    assert invented_text.reason(_evidence(), question, (2031, 6)) is None
    assert "Oda Brenn" in invented_text.first(_evidence(), question)


def test_how_old_a_thing_is_asks_for_an_age() -> None:
    question = "How old is the ferry that serves the island?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", "The 41-year-old ferry has been withdrawn.", question)
    assert not answer_type.holds("quantity", "Costs had risen by 14 per cent.", question)
    assert "41-year-old" in invented_text.first(_evidence(), question)
    # "how old is the conflict between A and B" stays what it was: not a question for an age in years
    assert answer_type.expected("How old is the dispute between the two towns?") is None


def test_according_to_someone_gives_their_words() -> None:
    question = "What did Holm say happened to the state grant?"
    assert invented_text.reason(_evidence(), question, (2031, 6)) is None
    assert "£9 million" in invented_text.first(_evidence(), question)
