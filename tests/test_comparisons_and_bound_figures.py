"""Rules written from misses on the fifty-second and fifty-third documents, tried on texts written
for this test (no models):

- "how did the hall's bookings in 2029 compare with 2031?" is answered with both years' figures, not
  with whichever sentence ranks first; so is "how many boats sail from Pellow, compared with Oakum?";
- "compared with last year" names no second thing of its own: nothing is added for it;
- "on which date is the family day planned before the closure?" asks the family day's date: the
  closure only places it, so a sentence dating the family day is no date "for another event";
- "how many ferry companies ...?" is answered by "two ferry operators": the kind named before the
  counted noun, counted;
- "when is the last boat?" is answered by "the final boat will leave ...";
- "what did he say ...?" after a quote naming the firm Brisk before "Tam Lind" carries Lind, whom the
  text calls "Mr Lind", not Brisk: a name the text marks as the pronoun's sex comes first;
- a reply the model never finished ("... more than double the") is not shown: a fragment is no claim,
  however well its words match the cited sentence.
- a written sentence that ties a figure to the wrong words of its sentence ("the rebuild is expected
  to cost R$4.1 million", cited from "a rebuild now expected to cost R$9.4 million, more than double
  the R$4.1 million set aside") is refused, even when a currency letter stands before both figures.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer import Turn
from rag.answering import answer_type
from rag.answering.followup import standalone_question
from rag.answering.support import conflict
from tests import invented_text
from tests.support import fake_engine

TEXT = """Brae Cross Hall Bookings Fall
By Imre Sollis
Published March 3, 2032

Bookings at Brae Cross Hall have fallen sharply since the car park closed, the trust that runs it said.

The hall took 1,200 bookings in 2031, according to the trust's own figures.

Dance classes, wedding parties and a weekly market all use the main room.

In 2029, before the car park closed, it took 2,050.

Ann Brae, the trust's chairwoman, said the car park would reopen in June.

Ferries still run to the hall's jetty from two villages.

Eleven boats a week sail from Pellow to the jetty in summer.

From Oakum, only three boats a week make the crossing.

The rebuild is now expected to cost R$9.4 million, more than double the R$4.1 million the trust set aside in 2028.
"""


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    article = tmp_path / "hall.txt"
    article.write_text(TEXT, encoding="utf-8")
    built, _ = fake_engine(tmp_path, ["The article does not say."] * 8, article_path=article)
    return built


def test_the_sides_of_a_comparison_question() -> None:
    assert answer_type.compared_sides("How did the hall's bookings in 2029 compare with 2031?") == (
        "the hall's bookings in 2029",
        "2031",
    )
    assert answer_type.compared_terms("How did the hall's bookings in 2029 compare with 2031?") == (
        frozenset({"2029"}),
        frozenset({"2031"}),
    )
    assert answer_type.compared_terms("How many boats sail from Pellow each week, compared with Oakum?") == (
        frozenset({"pellow"}),
        frozenset({"oakum"}),
    )
    assert answer_type.compared_terms("How did turnout compare between 2027 and 2031?") == (
        frozenset({"2027"}),
        frozenset({"2031"}),
    )
    # a time of its own, or a verb with its object: no two things named
    assert answer_type.compared_terms("What caused the fall in bookings compared with last year?") is None
    assert answer_type.compared_sides("What did the trust compare the hall to?") is None


def test_a_comparison_is_answered_with_both_sides(engine) -> None:  # type: ignore[no-untyped-def]
    years = engine.ask("How did the hall's bookings in 2029 compare with 2031?")
    assert not years.abstained
    assert "1,200" in years.text and "2,050" in years.text
    places = engine.ask("How many boats sail to the jetty from Pellow each week, compared with Oakum?")
    assert "Eleven" in places.text and "three boats" in places.text
    # every quote is cited: the added side too
    assert len(places.citations) >= 2


def test_a_comparison_with_a_time_adds_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    answer = engine.ask("How many bookings did the hall take in 2031, compared with last year?")
    assert "1,200" in answer.text
    assert "2,050" not in answer.text


def test_a_figure_tied_to_the_other_figure_words() -> None:
    sentence = (
        "The hall's rebuild is now expected to cost R$9.4 million, more than double the R$4.1 million the "
        "trust set aside in 2028."
    )
    assert conflict("The hall's rebuild is expected to cost R$4.1 million.", sentence) is not None
    assert conflict("The hall's rebuild is expected to cost R$9.4 million.", sentence) is None
    assert conflict("The trust set aside R$4.1 million in 2028.", sentence) is None


DAYS = """Tam Hill Baths To Close
By Imre Sollis
Published April 2, 2032

Tam Hill Baths will close on 31 May for a rebuild, the council said.

The baths will stay open as normal until the end of May, with a free family day planned for Saturday, 28 May.

The rebuild will cost R$2 million.
"""


def test_a_date_placed_by_another_event() -> None:
    evidence = invented_text.evidence_of(DAYS)
    question = "On which date is the free family day planned before the closure?"
    assert "28 May" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 4)) is None
    # the event asked about is still checked: the closing date is no reopening
    assert invented_text.reason(evidence, "When will Tam Hill Baths reopen after the rebuild?", (2032, 4))


BOATS = """Pellow Boats To Stop
By Imre Sollis
Published April 2, 2032

Sailings from Pellow were cut from six a week to four last November.

The final boat will leave Pellow at 6pm on Sunday, 4 June, the operator said.

The harbour board is talking to two ferry operators about summer sailings.
"""


def test_a_count_by_its_kind_and_the_last_one() -> None:
    question = "How many ferry companies is the harbour board talking to?"
    assert answer_type.holds("quantity", "It is talking to two ferry operators.", question)
    assert not answer_type.holds("quantity", "It is talking to two operators.", question)
    evidence = invented_text.evidence_of(BOATS)
    assert "two ferry operators" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 4)) is None
    assert "4 June" in invented_text.first(evidence, "When is the last boat from Pellow?")


def test_an_unfinished_reply_is_dropped(tmp_path: Path) -> None:
    article = tmp_path / "hall.txt"
    article.write_text(TEXT, encoding="utf-8")
    cut = "The rebuild is now expected to cost R$9.4 million, more than double"
    engine, _ = fake_engine(tmp_path, [cut], article_path=article)
    answer = engine.ask("How much is the rebuild now expected to cost?")
    assert [d.reason for d in answer.dropped] == ["unfinished: the model stopped mid-sentence"]
    assert "double [" not in answer.text  # the fragment is not shown, cited
    assert "the R$4.1 million the trust set aside" in answer.text and answer.citations  # the sentence, quoted


QUOTES = """Brisk Pulls Out Of Pellow
By Imre Sollis
Published April 2, 2032

"We wanted Brisk to stay," said Tam Lind, the harbour's manager. "Our first job now is to keep the crews paid."

Mr Lind said the harbour would stay open for fishing boats.
"""


def test_he_stands_for_the_man_not_the_firm() -> None:
    evidence = invented_text.evidence_of(QUOTES)
    history = [
        Turn(
            "Who manages the harbour?",
            '"We wanted Brisk to stay," said Tam Lind, the harbour\'s manager [1].',
        )
    ]
    rewrite = standalone_question(
        "What did he say his first job is now?",
        history,
        None,
        lambda w: evidence.names_in(w, first_too=True),
        evidence.gender,
    )
    assert "Lind" in rewrite.carried and "Brisk" not in rewrite.carried
