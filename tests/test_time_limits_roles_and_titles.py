"""Rules written from misses on the forty-second and forty-third documents, tried on a text written
for this test (no models):

- "Coun. Tam Lind": a council member's title before a name does not end a sentence;
- "within what time limit?" asks for a span of time ("within the required 48 hours"), not a date;
- "how much ticket money did they lose?" is answered by "lost ticket revenue of £3.4 million": the
  sum of the thing the question's word qualifies;
- "what will they ask for instead of higher fees?": what is set aside is not what is asked, so the
  question asks for no figure;
- "who is the union leader quoted in the article?": the role before "quoted in" is the role asked
  about ("leader", which a union's president holds);
- "ridership" and "boardings" are one measure's two names; "group" and "coalition" one thing's;
- "why, according to the MP, ...?": a title in capitals stands for the one person the article gives
  it to, as in "what did the MP say?";
- "why did the figure fall at A?" is corrected by A's figure (it rose), not B's (a tie-break; the
  code before it happened to pass this test too, by the order of the sentences);
- "plans for a station, which would replace the hut, were approved in 2030" tells of no date to come.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.ingest.sentences import sentences
from tests import invented_text

TEXT = """Pellow Ferry Trial Ends Early
By Imre Sollis
Published June 3, 2032

The Pellow ferry board voted to end its free Sunday crossings trial, led by Coun. Tam Lind, who had
pushed for it.

Before the trial, the two ferries averaged 3,100 boardings on a typical Sunday.

During the trial, that average climbed to 4,650, an increase of about 50 per cent.

Lost ticket revenue of £3.4 million over the length of the trial was the main cost.

The operator failed to report an engine fault within the required 48 hours.

Jo Pask, president of the Pellow Ferry Workers Union, said crews had logged 212 complaints.

Ann Brae, chair of the Pellow Riders Coalition, said the group will ask the board for a reduced fare
for disabled riders, rather than higher fees for everyone.

Oda Brenn, the MP for Pellow East, said the board was cutting sailings at night.

"The board is cutting night sailings to save money," Ms Brenn said.

The board has denied a claim by the MP that night sailings were being cut because crews were tired.

Plans for a new pilot station, which would replace the old harbour hut, were approved in outline in 2030.

At Brisk Point, passenger numbers on the Sunday crossings rose from 800 to 950 between 2030 and 2031.

At Oakum Quay, passenger numbers rose from 1,200 to 1,900 between 2030 and 2031.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_councillors_abbreviated_title_does_not_end_a_sentence() -> None:
    spans = sentences(TEXT)
    texts = [TEXT[a:b] for a, b in spans]
    assert any(t.startswith("The Pellow ferry board voted") and t.endswith("pushed for it.") for t in texts)
    assert not any(t.startswith("Tam Lind") for t in texts)
    for title in ("Cllr.", "Ald.", "Maj."):
        text = f"The motion was moved by {title} Ann Brae at the meeting. It passed."
        assert [text[a:b] for a, b in sentences(text)][1] == "It passed."


def test_a_time_limit_is_a_span_of_time_not_a_date() -> None:
    question = "Within what time limit should the operator have reported the engine fault?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.expected("What time did the first crossing leave?") == "date"
    evidence = _evidence()
    assert "48 hours" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 6)) is None


def test_the_sum_of_what_the_question_qualifies_answers_it() -> None:
    text = "Lost ticket revenue of £3.4 million over the length of the trial was the main cost."
    question = "How much ticket money did the operator forgo over the trial?"
    assert answer_type.sums_for_other(question, text, answer_type.priced(question)) is None
    # a sum of something else is still told apart
    other = "A relocation grant of £1,500 was paid to each crew member."
    assert answer_type.sums_for_other(question, other, answer_type.priced(question)) == "grant"
    assert invented_text.reason(_evidence(), question, (2032, 6)) is None


def test_what_is_set_aside_is_not_what_is_asked() -> None:
    assert answer_type.expected("What will the coalition ask the board for instead of higher fees?") is None
    assert answer_type.expected("What will the coalition ask the board for rather than full fares?") is None
    assert answer_type.expected("What fees will the coalition ask the board for?") == "quantity"
    question = "What will the riders' coalition ask the board for instead of higher fees for everyone?"
    evidence = _evidence()
    assert "reduced fare" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 6)) is None


def test_a_role_before_quoted_in_is_the_role_asked_about() -> None:
    evidence = _evidence()
    question = "Who is the union leader quoted in the article?"
    assert invented_text.first(evidence, question).startswith("Jo Pask")
    assert invented_text.reason(evidence, question, (2032, 6)) is None


def test_one_measure_by_its_two_names() -> None:
    evidence = _evidence()
    question = "What was the average Sunday ridership during the trial?"
    assert "boardings" in invented_text.first(evidence, question) or "4,650" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 6)) is None


def test_according_to_a_title_in_capitals() -> None:
    evidence = _evidence()
    question = "Why, according to the MP, were night sailings being cut?"
    assert "Brenn" in invented_text.first(evidence, question)  # not another's reason


def test_a_premise_is_corrected_by_the_figure_of_the_place_it_names() -> None:
    evidence = _evidence()
    question = "Why did passenger numbers on the Sunday crossings at Oakum Quay fall between 2030 and 2031?"
    assert invented_text.first(evidence, question).startswith("At Oakum Quay")


def test_what_a_thing_would_do_is_no_date_to_come() -> None:
    text = "Plans for a new pilot station, which would replace the old harbour hut, were approved in outline in 2030."
    assert not answer_type.to_come(text, (2032, 6))
    assert answer_type.to_come("The new pilot station would open in 2034.", (2032, 6))
    assert answer_type.to_come("The station, which would cost £2 million, is due to open next spring.", (2032, 6))
