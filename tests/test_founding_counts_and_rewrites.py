"""Rules written from misses on the fifty-fourth and fifty-fifth documents, tried on texts written
for this test (no models):

- "when was the choir established?" is answered by the close sentence that tells of a founding
  ("was founded in 1962"), not by a higher-ranked one dating something else (a season's start);
- "how many firms ...?" is answered by "more than 12 companies": a plural ending in "-ies" is the
  kin of its singular's ("company"), as "properties" of "property" already was;
- musicians are players, a claim is an allegation, an alert is an alarm;
- a follow-up's rewrite that puts, in a pronoun's place, a thing the question itself names ("when
  did they last write to the trust?" as "when did the trust last write to the trust?") is refused:
  a pronoun does not stand for its own clause's object;
- "who claims the council ignored the warnings?" is answered by the one who says so, not by the
  council denying it (when both rank close);
- "when will the road reopen?" is answered by "the road will stay shut until 9 May";
- "what was the speed limit before the council reduced it?" is declined when the text gives only the
  new limit;
- "which outside engineer ...?" is declined when the text speaks only of "an outside engineer", though
  a verb follows it;
- "what is the population of Brae?" is a figure: a sentence about its residents that counts none
  (a time, "7:15am residents ...", counts nothing) does not answer it;
- a page whose date stands in a dateline with a place or the site's name ("Pellow, Tuesday 4 March
  2031, 9:10 AM") has that date, so the rules that read the article's date (what is still to come,
  what happened after it) work there too.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import dataclasses

from rag.answer import Turn
from rag.answering import answer_type
from rag.answering.abstain import fitting_first, published
from rag.answering.evidence import TYPE_MARGIN, ScoredSentence
from rag.answering.followup import accept_rewrite
from rag.ingest.article import clean_article
from rag.retrieval.lexical import kin, stem
from tests import invented_text

CHOIR = """Pellow Choir Moves Hall
By Imre Sollis
Published April 2, 2032

The Pellow Choir will sing its first concert in the new hall on 3 October, its manager said.

The choir was founded in 1962 and sings most of its concerts in Brae Hall.

"We wrote to more than 12 companies about the move," said Ann Brae, the choir's manager.
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
    season = "When will the Pellow Choir sing its first concert in the new hall?"
    kept = _ordered(season, "The Pellow Choir will", "The choir was founded", 0.05)
    assert fitting_first(season, kept)[0].sentence.text.startswith("The Pellow Choir will")


def test_a_count_of_companies_counts_firms() -> None:
    question = "How many firms did the choir talk to?"
    assert answer_type.holds("quantity", "We wrote to more than 12 companies.", question)
    assert answer_type.holds("quantity", "We wrote to 12 companies.", question)
    assert not answer_type.holds("quantity", "We wrote to 12 people.", question)
    players = "How many players does the Pellow Band pay?"
    assert answer_type.holds("quantity", "The band pays 31 musicians a fee.", players)
    assert not answer_type.holds("quantity", "The band gave 31 concerts.", players)


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


PAGE = """Home | News | Sport | Weather | Subscribe
News > Local > Pellow

Pellow Choir moves to the new hall in the autumn

Pellow, Tuesday 4 March 2031, 9:10 AM
The Pellow Choir will move its concerts to the new hall in October, after 30 years in the old one.

Ann Brae, the choir's manager, said the move would add 200 seats.
"""


def test_a_dateline_with_a_place_dates_the_article() -> None:
    article = clean_article(PAGE)
    assert article.date == "Tuesday 4 March 2031"
    assert published(article.date) == (2031, 3)
    assert article.text.endswith(PAGE.rstrip()[PAGE.index("Pellow, Tuesday") :])  # the text is as before
    # a date in the story's prose is no dateline
    prose = PAGE.replace("Pellow, Tuesday 4 March 2031, 9:10 AM\n", "")
    prose = prose.replace("in October,", "in October, the choir's board decided on Tuesday 4 March 2031,")
    assert clean_article(prose).date == ""


ROAD = """Brae Road Shut By Slip
By Imre Sollis
Published April 2, 2032

The council said Brae Road would stay shut until Monday, 9 May, at the earliest.

Clearing the bank and rebuilding the road is now expected to take about six weeks, the council said.

Tam Hill, who chairs the residents' group, said locals had told the council in 2029 that water was running off the bank.

Jo Pask, the council's roads manager, said the council flatly denies ignoring what residents told it.

The council has reduced the speed limit on the hill road to 30mph.

A survey of the bank by an outside engineer is put off until the summer.

Brae Gazette | 7:15am
Residents of Brae must take the ferry while the road is shut.
"""
WHEN = (2032, 4)


def test_the_one_who_claims_not_the_one_who_denies() -> None:
    evidence = invented_text.evidence_of(ROAD)
    question = "Who claims the council ignored what residents told it about the bank?"
    ranked = evidence.rank(question, invented_text.whole(ROAD))
    denial = next(r for r in ranked if r.sentence.text.startswith("Jo Pask"))
    claim = next(r for r in ranked if r.sentence.text.startswith("Tam Hill"))
    order = [dataclasses.replace(denial, score=0.6), dataclasses.replace(claim, score=0.55)]
    assert fitting_first(question, order)[0].sentence.text.startswith("Tam Hill")
    # asked who denies it, the denial stays first
    denies = "Who denies the council ignored what residents told it?"
    assert fitting_first(denies, order)[0].sentence.text.startswith("Jo Pask")


def test_closed_until_a_date_is_when_it_reopens() -> None:
    evidence = invented_text.evidence_of(ROAD)
    question = "When is Brae Road expected to reopen?"
    assert invented_text.reason(evidence, question, WHEN) is None
    assert "9 May" in invented_text.first(evidence, question)


def test_the_figure_before_a_change() -> None:
    evidence = invented_text.evidence_of(ROAD)
    question = "What was the speed limit on the hill road before the council reduced it?"
    assert "earlier figure" in (invented_text.reason(evidence, question, WHEN) or "")
    assert invented_text.reason(evidence, "What is the speed limit on the hill road now?", WHEN) is None


def test_an_unnamed_one_followed_by_its_verb() -> None:
    evidence = invented_text.evidence_of(ROAD)
    question = "Which outside engineer was to survey the bank?"
    assert "never names" in (invented_text.reason(evidence, question, WHEN) or "")


def test_a_population_is_a_count_of_residents() -> None:
    assert answer_type.expected("What is the population of Brae?") == "quantity"
    assert not answer_type.counted_in("Brae Gazette | 7:15am\nResidents of Brae take the ferry.", {stem("resident")})
    assert answer_type.counted_in("About 400 residents of Brae take the ferry.", {stem("resident")})
    evidence = invented_text.evidence_of(ROAD)
    assert "population" in (invented_text.reason(evidence, "What is the population of Brae?", WHEN) or "")
