# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on the thirty-sixth and thirty-seventh documents, tried on a text written
for this test (no models):

- money in any currency Unicode has a sign for, with a country's letters before it ("GH¢5.7 million",
  "NZ$40") or without ("¢50", "₿2");
- a title abbreviated with a full stop ("Rev.", "Engr.", "Pharm.") does not end the sentence, and the
  name after it is someone's name;
- "how many of its tickets were sold?" counts tickets, not "sold"s; "how many properties?" is answered
  by "23 homes" (a plural in -ies stands for its singular's kin);
- "how far behind schedule?" wants a span of time, not "18 per cent";
- "what was the original budget?" is not answered by "£2.7 million more than planned" (a difference
  from the budget), though "how much over budget?" is;
- "what wind speeds were recorded?" wants a speed ("90mph"), "what was the temperature?" degrees;
- "how did the council vote on it?" of "the council will vote on it" is still to come;
- "what did the crew say about the works?" of a sentence that quotes or reports no one is declined;
- "which firm manufactured it?" puts the sentence saying which firm manufactured it first, ahead of a
  sentence naming another body for something else; "hired" is answered by "appointed", "first" by
  "originally".

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

import dataclasses

from rag.answering import answer_type
from rag.answering.abstain import fitting_first, still_to_come
from rag.ingest.sentences import sentences
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Brisk Tonic Recalled Over Label Error
By Imre Sollis
Published June 3, 2032

The Pellow Safety Board has ordered the recall of two batches of a cough tonic made for children, the board said on Tuesday.

The batches were manufactured by Brisk Remedies Ltd at its plant in Dunmore and sold through 400 outlets.

Its General Secretary, Pharm. Oda Brenn, said members had written to the firm in May.

Batch B-12, produced in July, accounted for 57,300 bottles.

Each bottle retailed at about GH¢38.50, meaning households spent an estimated GH¢5.7 million on the tonic.

The firm was appointed by the board to run the recall, and it expects to finish six months later than promised.

The repair of the plant will cost £2.7 million more than planned.

The council originally set aside £4.2 million for the plant.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_any_currency_sign_with_or_without_a_country_s_letters() -> None:
    question = "How much money did households spend on the tonic?"
    for text in ("They spent GH¢5.7 million.", "They spent NZ$40,000.", "They spent ¢50 each.", "They spent ₿2."):
        assert answer_type.holds("quantity", text, question), text
        assert answer_type.gives_money(text), text
    assert not answer_type.gives_money("They spent most of the year in the R34 road works.")
    assert not answer_type.holds("quantity", "They spent the summer at home.", question)


def test_an_abbreviated_title_does_not_end_the_sentence() -> None:
    text = "Its General Secretary, Pharm. Oda Brenn, said members wrote. The Rev. Tam Lind agreed."
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans == [
        "Its General Secretary, Pharm. Oda Brenn, said members wrote.",
        "The Rev. Tam Lind agreed.",
    ]
    question = "Who is the general secretary?"
    assert answer_type.names_near_terms(spans[0], question)


def test_what_is_counted_and_under_which_name() -> None:
    sold = "Which batch was produced in July, and how many of its bottles were sold?"
    assert answer_type.holds("quantity", "Batch B-12, produced in July, accounted for 57,300 bottles.", sold)
    flooded = "How many properties were flooded when the storm hit?"
    assert answer_type.holds("quantity", "The storm flooded 23 homes and businesses.", flooded)
    assert not answer_type.holds("quantity", "The storm flooded 23 streets.", flooded)


def test_how_far_behind_is_a_span_of_time() -> None:
    question = "How far behind the original completion date is the scheme?"
    assert answer_type.holds("quantity", "It will finish six months later than promised.", question)
    assert not answer_type.holds("quantity", "The price of steel rose by 18 per cent.", question)


def test_a_difference_from_a_budget_is_not_the_budget() -> None:
    more = "The repair of the plant will cost £2.7 million more than planned."
    over = "The repair is running £400,000 over budget."
    for question in ("How much money did the council first budget for the plant?", "What is the cost of the repair?"):
        assert not answer_type.holds("quantity", more, question), question
        assert not answer_type.holds("quantity", over, question), question
        assert answer_type.holds("quantity", "The council originally set aside £4.2 million.", question)
    for question in ("How much more will the repair cost?", "How much over budget is the repair?"):
        assert answer_type.holds("quantity", more, question), question
        assert answer_type.holds("quantity", over, question), question


def test_the_firm_said_to_have_done_the_deed_comes_first() -> None:
    evidence = _evidence()
    question = "Which firm manufactured the recalled tonic?"
    found = evidence.rank(question, invented_text.whole(evidence.text))
    # the opening sentence (a board, doing something else) ranked just above the one that answers,
    # as the embedder ranks them on the real text
    opening = next(x for x in found if x.sentence.text.startswith("The Pellow Safety Board"))
    top = dataclasses.replace(opening, score=found[0].score + 0.1)
    ranked = [top, *(x for x in found if x is not opening)]
    moved = fitting_first(question, ranked)
    assert moved[0].sentence.text.startswith("The batches were manufactured by Brisk Remedies Ltd")
    assert moved[0].score == ranked[0].score
    assert len(moved) == len(ranked)
    # a question whose best sentence tells of the deed already is left as it is
    made = "Which firm was appointed by the board to run the recall?"
    ranked = evidence.rank(made, invented_text.whole(evidence.text))
    assert fitting_first(made, ranked) == ranked


def test_everyday_kin_of_this_stop() -> None:
    assert stem("appointed") in kin(stem("hired"))
    assert stem("originally") in kin(stem("first"))
    assert stem("commissioned") in kin(stem("hire"))


def test_a_speed_or_a_temperature_wants_its_units() -> None:
    wind = "What wind speeds were recorded during the storm?"
    assert answer_type.expected(wind) == "quantity"
    assert answer_type.holds("quantity", "Gusts reached 90mph on the coast.", wind)
    assert answer_type.holds("quantity", "Scooters are capped at 15 kilometers per hour.", "What top speed is allowed?")
    assert not answer_type.holds("quantity", "The report records 31 working days lost to bad weather.", wind)
    heat = "What was the temperature in the ward?"
    assert answer_type.holds("quantity", "It reached 31 degrees.", heat)
    assert not answer_type.holds("quantity", "The ward had 31 beds.", heat)


def test_how_a_vote_went_when_it_is_still_to_come() -> None:
    evidence = invented_text.evidence_of(
        "Pellow Vote Set\nBy Imre Sollis\n\nThe full council will vote on the revised budget on 25 March.\n\n"
        "The board voted by seven votes to four to back the depot.\n"
    )
    whole = invented_text.whole(evidence.text)
    council = "How did the full council vote on the revised budget?"
    assert still_to_come(council, evidence.rank(council, whole))
    board = "How did the board vote on the depot?"
    assert not still_to_come(board, evidence.rank(board, whole))
    # "how did X describe ... the vote?" asks no outcome
    describe = "How did the mayor describe the importance of the vote?"
    assert not still_to_come(describe, evidence.rank(describe, whole))


def test_what_someone_said_needs_someone_s_words() -> None:
    evidence = invented_text.evidence_of(
        "Pellow Works\nBy Imre Sollis\n\nThe wall runs in front of the lifeboat station, whose crew train there, and is 120 metres long.\n\n"
        "Harbour master Tam Lind said the works had gone well.\n"
    )
    crew = "What did the lifeboat station crew say about the works in front of their station?"
    reason = invented_text.reason(evidence, crew, (2032, 6))
    assert reason is not None and "no one's words" in reason
    lind = "What did Tam Lind say about the works?"
    assert invented_text.reason(evidence, lind, (2032, 6)) is None
