"""Rules written from misses on the fifty-sixth and fifty-seventh documents, tried on texts written
for this test (no models):

- a short unpunctuated line that the next line does not continue (a sub-heading, a dateline's place,
  a list's last item) is a sentence of its own, though no blank line sets it apart: a sub-heading is
  never evidence, and never glued to the sentence after it;
- "why was the fair called off for 2033?" is no question about after publication when the text
  itself tells of 2033 as a time ("is cancelled for 2033"), though the article is from 2032;
- "how many extra dollars ...?" asks for a sum ("$27,500");
- "how many trained gate stewards ...?" counts stewards (past the modifiers), and "the number of
  trained stewards needed went up from 18 to 31" counts them;
- "... and how many took it?" counts no "took"; "how many candidates" are people, so "three people
  sought the job" counts them;
- babies are births, candidates applicants, an incentive a bonus;
- "how far" is not answered by "for at least eight weeks" (a drive of 50 minutes still answers it);
  "one and a half hours" counts hours;
- "when did the barn open?" is answered by the close sentence that tells of an opening ("which opened
  in 1961"), as a founding question is;
- "which tearoom owner ...?" asks for a person, and a showground is a place, not someone's name;
- a short line in the text's first paragraph (its header: a headline and its standfirst, a byline
  and its date) stays with the next, read as one;
- "how much did the calf weigh?" asks for a weight ("31 kg"), not a span of hours;
- "what was the total amount paid ...?" asks for a figure;
- "how did she end up having her daughter on the roadside?" is declined when the text tells of it
  only as what would have happened ("if the unit had turned me away, she would have arrived on the
  roadside");
- performers are acts and artists;
- "has the minister replied to it?" is declined when the text tells only of the letter agreed on.

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
The Pellow Fair is cancelled for 2033 after its insurance bill went up by $27,500, its director Ann Brae said.
The fair had booked these bands for 2033:
- Oda Brenn
- The Brisk Trio (late show)
Ms Brae said every band had been given its fee.
Stallholders brace for losses
Tam Hill, who has run the Oakum Tearoom on Brae Road since 2019, said fair week was her best.
The number of trained stewards needed went up from 18 to 31 a day.
Just three people sought the job of fair manager, and none of them took it.
The fair's barn, which opened in 1961, is to close for at least eight weeks.
The closest other fair is held at Brae Showground, 64 kilometres off, about one and a half hours by road.
"""
WHEN = (2032, 5)


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_a_line_standing_alone_is_a_sentence() -> None:
    texts = _texts(LINES)
    assert "Stallholders brace for losses" in texts  # a sub-heading, on its own
    assert "PELLOW" in texts and "Updated May 20 2032 - 5:40pm" in texts  # a dateline's lines
    assert "The Brisk Trio (late show)" in texts  # a list's last item
    assert "Ms Brae said every band had been given its fee." in texts
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
    ranked = evidence.rank("Do stallholders brace for losses?", invented_text.whole(LINES))
    assert all(not r.sentence.text.startswith("Stallholders brace") for r in ranked)  # (nor glued to the next)
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
    assert answer_type.holds("quantity", "Its insurance bill went up by $27,500.", question)
    assert not answer_type.holds("quantity", "Its insurance covers 27 stalls.", question)


def test_counted_past_modifiers_and_in_a_number_of() -> None:
    question = "How many trained gate stewards would the fair have needed a day?"
    text = "The number of qualified stewards needed went up from 18 to 31 a day."
    assert answer_type.holds("quantity", text, question)
    assert not answer_type.holds("quantity", "The number of stalls went up from 18 to 31.", question)


def test_a_verb_after_how_many_is_not_counted() -> None:
    question = "How many candidates sought the job of fair manager, and how many took it?"
    assert "took" not in answer_type.measured(question)
    evidence = invented_text.evidence_of(LINES)
    assert invented_text.reason(evidence, question, WHEN) is None
    assert invented_text.first(evidence, question).startswith("Just three people sought")


def test_everyday_kin() -> None:
    assert stem("births") in kin(stem("babies"))
    assert stem("applicants") in kin(stem("candidate"))
    assert stem("bonus") in kin(stem("incentive"))
    assert stem("births") not in kin(stem("bonus"))


def test_how_far_is_a_distance_or_a_drive() -> None:
    question = "How far is the closest other fair?"
    assert not answer_type.holds("quantity", "The barn is to close for at least eight weeks.", question)
    assert answer_type.holds("quantity", "It is a 50-minute drive away.", question)
    assert answer_type.holds("quantity", "It is 64 kilometres off.", question)
    drive = "How long is the drive to the closest other fair?"
    assert answer_type.holds("quantity", "It takes about one and a half hours by road.", drive)
    assert not answer_type.holds("quantity", "It takes one and a half tanks of fuel.", drive)


def test_an_opening_question_puts_the_opening_first() -> None:
    evidence = invented_text.evidence_of(LINES)
    question = "When did the fair's barn open?"
    ranked = evidence.rank(question, invented_text.whole(LINES))
    opened = next(r for r in ranked if r.sentence.text.startswith("The fair's barn"))
    other = next(r for r in ranked if r.sentence.text.startswith("The Pellow Fair is"))
    order = [dataclasses.replace(other, score=0.6), dataclasses.replace(opened, score=0.5)]
    assert opened.holds_type
    assert fitting_first(question, order)[0].sentence.text.startswith("The fair's barn")
    # a question that asks no opening keeps its order
    shut = "When did the fair's insurance bill rise?"
    assert fitting_first(shut, order)[0].sentence.text.startswith("The Pellow Fair is")


def test_an_owner_is_a_person_and_a_showground_a_place() -> None:
    question = "Which tearoom owner said fair week was her best?"
    assert answer_type.wants_person(question)
    assert not answer_type.wants_person("Which union or owners' body does Tam Hill speak for?")  # (a body)
    assert answer_type.names_person("The tearoom's owner, Tam Hill, said so.", question)
    assert not answer_type.names_person("The closest other fair is held at Brae Showground.", question)


def test_a_weight_and_a_total_are_figures() -> None:
    question = "How much did the calf weigh when it was born?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", "It weighed 31 kg at birth.", question)
    assert not answer_type.holds("quantity", "Its birth took about six hours.", question)
    assert not answer_type.holds("quantity", "Its pen cost £31.", question)
    total = "What was the total amount spent on fees for the bands?"
    assert answer_type.expected(total) == "quantity"
    evidence = invented_text.evidence_of(LINES)
    assert "quantity" in (invented_text.reason(evidence, "What was the total amount given to each band?", WHEN) or "")


COUNTERFACTUAL = """Pellow Roadside Birth Fear
By Imre Sollis
Published May 20, 2032

The Pellow unit stayed open through June, its manager said.

"If the unit had turned me away, I am sure she would have arrived on the roadside," Ms Brenn said.
"""


def test_what_would_have_happened_did_not() -> None:
    evidence = invented_text.evidence_of(COUNTERFACTUAL)
    question = "How did Ms Brenn end up having her daughter on the roadside?"
    assert "would have happened" in (invented_text.reason(evidence, question, WHEN) or "")
    # asked what she feared would happen, the quote answers
    feared = "What does Ms Brenn think would have happened if the unit had turned her away?"
    assert "would have happened" not in (invented_text.reason(evidence, feared, WHEN) or "")


def test_performers_are_acts() -> None:
    assert stem("acts") in kin(stem("performers"))
    assert stem("artist") in kin(stem("performer"))


LETTER = """Pellow Council Writes To Minister
By Imre Sollis
Published May 20, 2032

Pellow council agreed on Monday to write to the transport minister about the ferry cuts.

Ann Brae, the council's leader, said the cuts would leave the island cut off at weekends.
"""


def test_whether_a_reply_came() -> None:
    evidence = invented_text.evidence_of(LETTER)
    question = "Has the minister replied to the letter?"
    assert "whether it was replied" in (invented_text.reason(evidence, question, WHEN) or "")
    assert invented_text.reason(evidence, "Has the council agreed?", WHEN) is None
