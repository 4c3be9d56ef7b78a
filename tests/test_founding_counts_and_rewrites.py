"""Rules written from misses on the fifty-fourth and fifty-fifth documents, tried on texts written
for this test (no models):

- "when was the choir established?" is answered by the close sentence that tells of a founding
  ("was founded in 1962"), not by a higher-ranked one dating something else (a season's start);
- "how many firms ...?" is answered by "more than 20 companies": a plural ending in "-ies" is the
  kin of its singular's ("company"), as "properties" of "property" already was;
- musicians are players, a claim is an allegation, an alert is an alarm;
- a follow-up's rewrite that puts, in a pronoun's place, a thing the question itself names ("when
  did they last write to the trust?" as "when did the trust last write to the trust?") is refused:
  a pronoun does not stand for its own clause's object.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import dataclasses

from rag.answer import Turn
from rag.answering import answer_type
from rag.answering.abstain import fitting_first
from rag.answering.evidence import TYPE_MARGIN, ScoredSentence
from rag.answering.followup import accept_rewrite
from rag.retrieval.lexical import kin, stem
from tests import invented_text

CHOIR = """Pellow Choir Cuts Its Season
By Imre Sollis
Published April 2, 2032

The Pellow Choir will still open its new season on 19 September with a concert in Brae Hall.

The choir was founded in 1962 and sings most of its concerts in Brae Hall.

"We spoke to more than 20 companies," said Ann Brae, the choir's manager.
"""


def _ordered(question: str, first: str, second: str, gap: float) -> list[ScoredSentence]:
    """The text's sentences ranked for ``question``, with the one starting ``first`` on top and the one
    starting ``second`` ``gap`` below it (the ranking a weaker embedder might give)."""
    evidence = invented_text.evidence_of(CHOIR)
    ranked = evidence.rank(question, invented_text.whole(CHOIR))
    top = next(r for r in ranked if r.sentence.text.startswith(first))
    other = next(r for r in ranked if r.sentence.text.startswith(second))
    top = dataclasses.replace(top, score=0.5)
    other = dataclasses.replace(other, score=0.5 - gap)
    return [top, other, *(r for r in ranked if r.sentence not in (top.sentence, other.sentence))]


def test_a_founding_question_puts_the_founding_first() -> None:
    question = "When was the Pellow Choir established?"
    ranked = _ordered(question, "The Pellow Choir will", "The choir was founded", 0.05)
    assert ranked[1].holds_type  # (the founding sentence holds a date)
    assert fitting_first(question, ranked)[0].sentence.text.startswith("The choir was founded")
    # only a close one: a far weaker sentence is not promoted
    far = _ordered(question, "The Pellow Choir will", "The choir was founded", TYPE_MARGIN + 0.05)
    assert fitting_first(question, far)[0].sentence.text.startswith("The Pellow Choir will")
    # and a question that asks no founding keeps its order
    season = "When will the Pellow Choir open its new season?"
    kept = _ordered(season, "The Pellow Choir will", "The choir was founded", 0.05)
    assert fitting_first(season, kept)[0].sentence.text.startswith("The Pellow Choir will")


def test_a_count_of_companies_counts_firms() -> None:
    question = "How many firms did the choir talk to?"
    assert answer_type.holds("quantity", "We spoke to more than 20 companies.", question)
    assert answer_type.holds("quantity", "We spoke to 20 companies.", question)
    assert not answer_type.holds("quantity", "We spoke to 20 people.", question)
    players = "How many players does the orchestra employ?"
    assert answer_type.holds("quantity", "The orchestra has 54 musicians on contract.", players)
    assert not answer_type.holds("quantity", "The orchestra gave 54 concerts.", players)


def test_everyday_kin() -> None:
    assert stem("alleged") in kin(stem("claimed"))
    assert stem("alarm") in kin(stem("alerted"))
    assert stem("musicians") in kin(stem("player"))
    assert stem("alarm") not in kin(stem("claimed"))


def test_a_pronoun_does_not_stand_for_its_own_object() -> None:
    history = [Turn("Who says the trust ignored the warnings?", "Ann Brae said the trust had been warned [1].")]
    question = "When did they last write to the trust?"
    assert accept_rewrite("When did the trust last write to the trust?", question, history) is None
    assert accept_rewrite("When did Ann Brae last write to the trust?", question, history) == (
        "When did Ann Brae last write to the trust?"
    )
