"""Rules written from misses on the fifty-sixth and fifty-seventh documents, tried on texts written
for this test (no models):

- a short unpunctuated line that the next line does not continue (a sub-heading, a dateline's place,
  a list's last item) is a sentence of its own, though no blank line sets it apart: a sub-heading is
  never evidence, and never glued to the sentence after it;
- "why was the fair called off for 2033?" is no question about after publication when the text
  itself tells of 2033 as a time ("will not go ahead in 2033"), though the article is from 2032;
- "how many extra dollars ...?" asks for a sum ("$83,000");
- "how many licensed security guards ...?" counts guards (past the modifiers), and "the number of
  licensed guards required on site was raised from 40 to 65" counts them;
- "... and how many took the job?" counts no "took"; "how many candidates" are people, so "two people
  applied" counts them;
- babies are births, candidates applicants, an incentive a bonus;
- "how far" is not answered by "for at least six months" (a drive of 40 minutes still answers it);
  "two and a half hours" counts hours;
- "when did the hall open?" is answered by the close sentence that tells of an opening ("which opened
  in 1978"), as a founding question is;
- "which cafe owner ...?" asks for a person, and a showground is a place, not someone's name;
- a short line in the text's first paragraph (its header: a headline and its standfirst, a byline
  and its date) stays with the next, read as one;
- "how much did the calf weigh?" asks for a weight ("31 kg"), not a span of hours;
- "what was the total amount paid ...?" asks for a figure;
- "how did she end up giving birth in the car?" is declined when the text tells of it only as what
  would have happened ("if I had been told to drive, she would have been born in the car");
- performers are acts and artists;
- "has the minister replied to it?" is declined when the text tells only of the letter sent.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import dataclasses

from rag.answering import answer_type
from rag.answering.abstain import asks_after_publication, fitting_first
from rag.ingest.sentences import sentences
from rag.retrieval.lexical import kin, stem
from tests import invented_text

LINES = """Pellow Fair Called Off
By Imre Sollis
Published May 20, 2032

Updated May 20 2032 - 5:40pm
PELLOW
The Pellow Fair will not go ahead in 2033 after its insurance bill rose by $83,000, its director Ann Brae said.
The fair had booked these acts for 2033:
- Oda Brenn
- The Brisk Trio (closing set)
Ms Brae said all the acts had been paid in full.
Traders fear the hit
Tam Hill, who has owned the Oakum Cafe on Brae Road for nine years, said the fair weekend was her busiest.
The number of licensed guards required on site was raised from 40 to 65 per shift.
Only two people applied for the post of fair manager, and neither accepted an offer.
The fair's hall, which opened in 1978, will stay shut for at least six months.
The nearest other fair is at Brae Showground, 112 kilometres away, about two and a half hours by car.
"""
WHEN = (2032, 5)


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_a_line_standing_alone_is_a_sentence() -> None:
    texts = _texts(LINES)
    assert "Traders fear the hit" in texts  # a sub-heading, on its own
    assert "PELLOW" in texts and "Updated May 20 2032 - 5:40pm" in texts  # a dateline's lines
    assert "The Brisk Trio (closing set)" in texts  # a list's last item
    assert "Ms Brae said all the acts had been paid in full." in texts
    # a line a hard-wrapped paragraph runs on from is no sentence of its own
    wrapped = "The council said on Monday that the\nPellow Fair would go ahead.\nIts chair thanked its\nTreasurer."
    assert _texts(wrapped) == [
        "The council said on Monday that the\nPellow Fair would go ahead.",
        "Its chair thanked its\nTreasurer.",
    ]
    # the header (the text's first paragraph) keeps its lines together
    assert _texts("Fair Called Off\nThe Pellow Fair is off.\n\nBrae Hall\nIt shut.")[:1] == [
        "Fair Called Off\nThe Pellow Fair is off."
    ]
    # nor a line that ends one sentence and opens the next
    assert _texts("He left. The fair sold\nMany tickets went.") == ["He left.", "The fair sold\nMany tickets went."]


def test_a_sub_heading_is_never_evidence() -> None:
    evidence = invented_text.evidence_of(LINES)
    ranked = evidence.rank("Do traders fear the hit?", invented_text.whole(LINES))
    assert all(not r.sentence.text.startswith("Traders fear the hit") for r in ranked)  # (nor glued to the next)
    assert all(not r.sentence.text.startswith("PELLOW") for r in ranked)


def test_a_year_the_text_tells_of_is_no_question_about_the_future() -> None:
    evidence = invented_text.evidence_of(LINES)
    question = "Why has the Pellow Fair been called off for 2033?"
    ranked = evidence.rank(question, invented_text.whole(LINES))
    assert not asks_after_publication(question, WHEN, ranked)
    assert invented_text.reason(evidence, question, WHEN) is None
    # a year the text never tells of as a time is still after publication
    later = "What did the fair's director decide in 2034?"
    assert asks_after_publication(later, WHEN, evidence.rank(later, invented_text.whole(LINES)))


def test_how_many_dollars_is_a_sum() -> None:
    question = "How many extra dollars did the fair's insurance cost?"
    assert answer_type.holds("quantity", "Its insurance bill rose by $83,000.", question)
    assert not answer_type.holds("quantity", "Its insurance covers 83 stalls.", question)


def test_counted_past_modifiers_and_in_a_number_of() -> None:
    question = "How many licensed security guards would the fair have needed per shift?"
    text = "The number of licensed guards required on site was raised from 40 to 65 per shift."
    assert answer_type.holds("quantity", text, question)
    assert not answer_type.holds("quantity", "The number of stalls was raised from 40 to 65.", question)


def test_a_verb_after_how_many_is_not_counted() -> None:
    question = "How many candidates applied for the post, and how many took the job?"
    assert "took" not in answer_type.measured(question)
    evidence = invented_text.evidence_of(LINES)
    assert invented_text.reason(evidence, question, WHEN) is None
    assert invented_text.first(evidence, question).startswith("Only two people applied")


def test_everyday_kin() -> None:
    assert stem("births") in kin(stem("babies"))
    assert stem("applicants") in kin(stem("candidate"))
    assert stem("bonus") in kin(stem("incentive"))
    assert stem("births") not in kin(stem("bonus"))


def test_how_far_is_a_distance_or_a_drive() -> None:
    question = "How far is the nearest other fair?"
    assert not answer_type.holds("quantity", "The hall will stay shut for at least six months.", question)
    assert answer_type.holds("quantity", "It is a 40-minute drive away.", question)
    assert answer_type.holds("quantity", "It is 112 kilometres away.", question)
    drive = "How long is the drive to the nearest other fair?"
    assert answer_type.holds("quantity", "It takes about two and a half hours by car.", drive)
    assert not answer_type.holds("quantity", "It takes two and a half tanks of fuel.", drive)


def test_an_opening_question_puts_the_opening_first() -> None:
    evidence = invented_text.evidence_of(LINES)
    question = "When did the fair's hall open?"
    ranked = evidence.rank(question, invented_text.whole(LINES))
    opened = next(r for r in ranked if r.sentence.text.startswith("The fair's hall"))
    other = next(r for r in ranked if r.sentence.text.startswith("The Pellow Fair will"))
    order = [dataclasses.replace(other, score=0.6), dataclasses.replace(opened, score=0.5)]
    assert opened.holds_type
    assert fitting_first(question, order)[0].sentence.text.startswith("The fair's hall")
    # a question that asks no opening keeps its order
    shut = "When did the fair's insurance bill rise?"
    assert fitting_first(shut, order)[0].sentence.text.startswith("The Pellow Fair will")


def test_an_owner_is_a_person_and_a_showground_a_place() -> None:
    question = "Which cafe owner said the fair weekend was her busiest?"
    assert answer_type.wants_person(question)
    assert not answer_type.wants_person("Which union or owners' body does Tam Hill speak for?")  # (a body)
    assert answer_type.names_person("The cafe's owner, Tam Hill, said so.", question)
    assert not answer_type.names_person("The nearest other fair is at Brae Showground.", question)


def test_a_weight_and_a_total_are_figures() -> None:
    question = "How much did the calf weigh when it was born?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", "It weighed 31 kg at birth.", question)
    assert not answer_type.holds("quantity", "Its birth took under four hours.", question)
    assert not answer_type.holds("quantity", "Its pen cost £31.", question)
    total = "What was the total amount paid in deposits to the acts?"
    assert answer_type.expected(total) == "quantity"
    evidence = invented_text.evidence_of(LINES)
    assert "quantity" in (invented_text.reason(evidence, "What was the total amount paid to the acts?", WHEN) or "")


COUNTERFACTUAL = """Pellow Car Birth Fear
By Imre Sollis
Published May 20, 2032

Oda Brenn gave birth to her son at the Pellow unit in March.

"If I had been told to drive to Brae, I think he would have been born in the back of our car," Ms Brenn said.
"""


def test_what_would_have_happened_did_not() -> None:
    evidence = invented_text.evidence_of(COUNTERFACTUAL)
    question = "How did Oda Brenn end up giving birth in the back of a car on the way to Brae?"
    assert "would have happened" in (invented_text.reason(evidence, question, WHEN) or "")
    # asked what she feared would happen, the quote answers
    feared = "What does Oda Brenn think would have happened if she had been told to drive to Brae?"
    assert "would have happened" not in (invented_text.reason(evidence, feared, WHEN) or "")


def test_performers_are_acts() -> None:
    assert stem("acts") in kin(stem("performers"))
    assert stem("artist") in kin(stem("performer"))


LETTER = """Pellow Council Writes To Minister
By Imre Sollis
Published May 20, 2032

Pellow council voted on Monday to send a letter to the health minister opposing the closure.

Ann Brae, the council's leader, said the closure was the start of the end for the unit.
"""


def test_whether_a_reply_came() -> None:
    evidence = invented_text.evidence_of(LETTER)
    question = "Has the minister replied to the letter?"
    assert "whether it was replied" in (invented_text.reason(evidence, question, WHEN) or "")
    assert invented_text.reason(evidence, "Has the council voted?", WHEN) is None
