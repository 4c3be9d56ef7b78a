"""Rules written from misses on the forty-fourth and forty-fifth documents, tried on a text written
for this test (no models):

- "how many people signed the petition?" is answered by "a petition with 2,870 signatures": a count
  of what the question's verb names ("responded": "responses");
- everyday kin: a "weekend" is its Saturday and Sunday, to "operate" a site is to "run" it, an
  "inspection" is the "inspectors'" work, "signed" and "signatures";
- "what project is put off because the work is paid out of this year's budget?" asks for no sum: the
  money is in the reason clause;
- a list's items are read with the line opening the list ("tonnes each depot took in during 2031/32:");
- "what did the board change in July 2031?": the sentence naming July is likelier about it;
- "on which days of the week will the depots be closed?" is answered by "They will be shut every
  Tuesday and Wednesday", though the sentence before it shares more of the question's words;
- "... in minutes?" asks for a number of minutes; "what proportion" for a figure; "the value of the
  contract" for a sum;
- "the name of the state inspector": a name after "inspector", not the "state Safety Board" after "state";
- "why did Brisk admit it had skipped the test?" is corrected by "Brisk denied the claim";
- the names the story's opening sentence gives are whom it is about: a question naming only them
  ("how many car visits did Pellow's depots record?") is not tied to the paragraphs that repeat them.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.abstain import abstain_reason
from rag.answering.support.numbers_negation import contradicts
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Pellow Depots To Open Four Days A Week
By Imre Sollis
Published March 3, 2032

Pellow District Council is to cut the opening days of all three of its recycling depots, with each depot
moving from six days a week to four.

The change takes effect from 1 April, after a vote by the cabinet.

They will be shut every Tuesday and Wednesday.

The depots are run by Brisk Haulage under a seven-year contract.

Tonnes of waste each depot took in during 2031/32:
- Oakum Lane depot: 9,400 tonnes
- Tam Street depot: 6,150 tonnes
- Brae Road depot: 3,020 tonnes

In July 2031 the authority cut weekday hours at the same three sites, closing them at 4pm instead of 6pm.

The council has rejected the idea that its 2031 changes to opening hours caused more dumping.

Residents handed in a petition with 2,870 signatures before the vote.

Jo Pask, the firm's manager, said the 24 site operatives would keep their jobs.

Inspectors from the state Safety Board examined the crane in May and found cracked welds along its arm.

The firm will pay for the repairs out of this year's budget, delaying a planned upgrade to its weighbridge.

A former driver said Brisk had skipped a crane test in 2030.

Brisk denied the claim.

The three depots recorded about 410,000 car visits last year.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_count_of_what_the_questions_verb_names() -> None:
    evidence = _evidence()
    question = "How many people signed the petition handed in before the vote?"
    assert "2,870 signatures" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None
    assert answer_type.holds("quantity", "About 940 survey responses were received.", "How many people responded?")
    assert not answer_type.holds("quantity", "The survey ran for 41 pages.", "How many people responded?")


def test_everyday_kin() -> None:
    for a, b in (("weekend", "saturdays"), ("operates", "run"), ("inspection", "inspectors"), ("signed", "signatures")):
        assert stem(b) in kin(stem(a)), (a, b)
    assert stem("work") not in kin(stem("operate"))
    evidence = _evidence()
    question = "Which firm operates the depots?"
    assert invented_text.first(evidence, question).startswith("The depots are run by Brisk Haulage")
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_money_in_the_reason_clause_is_not_asked() -> None:
    question = "What project is put off because the repairs are paid for out of this year's budget?"
    assert answer_type.expected(question) is None
    assert answer_type.expected("What budget will the repairs be paid out of?") == "quantity"
    evidence = _evidence()
    assert "weighbridge" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_a_lists_items_are_read_with_its_opening_line() -> None:
    evidence = _evidence()
    question = "How much waste did the Tam Street depot take in during 2031/32?"
    assert "6,150" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_the_month_a_question_names() -> None:
    evidence = _evidence()
    question = "What did the council change at the depots in July 2031?"
    assert invented_text.first(evidence, question).startswith("In July 2031")


def test_the_days_of_the_week_a_sentence_gives() -> None:
    evidence = _evidence()
    question = "On which days of the week will the recycling depots be closed?"
    ranked = evidence.rank(question, invented_text.whole(evidence.text))
    # the embedder puts "They will be shut ..." first (it holds the days); without it, word overlap
    # alone puts the opening sentence first, so the test puts it first as the engine would
    shut = next(x for x in ranked if x.sentence.text.startswith("They will be shut"))
    assert shut.holds_type
    ranked = [shut, *[x for x in ranked if x is not shut]]
    assert ranked[1].lexical >= shut.lexical + 0.35  # the opening sentence shares far more words
    assert abstain_reason(question, ranked, evidence.vocabulary, 0.0, (2032, 3)) is None


def test_what_the_figure_is_in() -> None:
    assert answer_type.expected("What is the length of the ferry crossing in minutes?") == "quantity"
    question = "What is the length of the ferry crossing in minutes?"
    assert answer_type.holds("quantity", "The crossing takes 40 minutes.", question)
    assert not answer_type.holds("quantity", "The 24-car ferry crosses twice a day.", question)
    assert answer_type.expected("What proportion of the waste was garden waste?") == "quantity"
    assert not answer_type.holds(
        "quantity", "A large share of it was garden waste.", "What proportion of the waste was garden waste?"
    )
    assert answer_type.expected("What is the annual value of the firm's contract?") == "quantity"
    evidence = _evidence()
    assert invented_text.reason(evidence, "What is the annual value of the firm's contract?", (2032, 3)) is not None


def test_the_name_of_the_one_the_head_noun_names() -> None:
    evidence = _evidence()
    question = "What is the name of the state inspector who examined the crane?"
    assert invented_text.reason(evidence, question, (2032, 3)) is not None  # the board is named, no inspector
    assert answer_type.names_near_terms("The state inspector, Oda Brenn, examined it.", question)


def test_a_denial_by_whom_the_question_names_corrects_it() -> None:
    assert contradicts("Why did Brisk admit it had skipped the crane test?", "Brisk denied the claim.")
    assert not contradicts("Why did Brisk admit it had skipped the crane test?", "Tam Lind denied the claim.")
    evidence = _evidence()
    assert (
        invented_text.first(evidence, "Why did Brisk admit it had skipped the crane test?") == "Brisk denied the claim."
    )


def test_the_names_the_opening_sentence_gives_tie_a_question_to_no_paragraph() -> None:
    evidence = _evidence()
    question = "How many car visits did Pellow District Council's depots record last year?"
    assert "410,000" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None
    # a name the opening sentence does not give still is: "Brisk" is in no paragraph with the visits
    assert invented_text.reason(evidence, "How many car visits did Brisk's depots record last year?", (2032, 3))


def test_how_deep_asks_for_a_length() -> None:
    question = "How deep is Lake Brae at its deepest point?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", "The lake is 62 metres deep at its centre.", question)
    assert not answer_type.holds("quantity", "Its deepest water warmed by 2.3 degrees over the decade.", question)


def test_not_one_counts_none() -> None:
    question = "How many students have applied to transfer?"
    assert not answer_type.holds("quantity", '"Not one student will be abandoned," she said.', question)
    assert answer_type.holds("quantity", "About 140 students have applied to transfer.", question)


def test_a_founding_date_is_told_in_so_many_words() -> None:
    text = "Oakum Dairy Co-operative was founded in 1962 by eleven farmers.\n\nIt lost £4 million in 2031."
    evidence = invented_text.evidence_of("Dairy\n\n" + text)
    question = "In what year was the Oakum Dairy Co-operative founded?"
    assert invented_text.reason(evidence, question, (2032, 3)) is None
    other = invented_text.evidence_of("Dairy\n\nOakum Dairy Co-operative lost £4 million in 2031, its first loss.")
    assert invented_text.reason(other, question, (2032, 3)) is not None
