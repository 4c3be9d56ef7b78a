# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Forms a news text writes answers in, on a text written for this test (no models): a currency
written as letters ("Sh8.4 billion", "RM30"), a weekday that recurs ("closed on Mondays"), a count
whose unit comes first ("opening hours from 52 to 38"), a thing named by another everyday word
("jobs" of "posts"), and who speaks in a quote that gives them only as "she".

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Harbour Library Hours Cut
By Imre Sollis
Published April 9, 2031

PELLOW - The Pellow Harbour Trust has paid its builder Sh6.9 billion for a sea wall that is only half built, the trust said on Tuesday.

The central reading room will close on Mondays, cutting its opening hours from 52 to 38 a week.

Three full-time posts will go through voluntary redundancy.

Trust chair Oda Brenn said the cuts had been forced on the trust by a falling grant. "Nobody joins a trust to close a reading room," she told the meeting.

Union delegate Cass Morrow said the workers were angry. "We will fight this," he added.

He said the union would ballot its members. "Six members stood with us, and we only need to change two minds."

Dr Tam Pellow, who was asked by the trust to review the plans, took a middle position.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _line(start: str) -> str:
    return next(line for line in TEXT.splitlines() if line.startswith(start))


def test_a_currency_written_as_letters_is_money() -> None:
    question = "How much money has the trust already handed over to the builder?"
    assert answer_type.expected(question) == "quantity"
    assert answer_type.holds("quantity", _line("PELLOW"), question)
    assert answer_type.holds("quantity", "Tickets cost RM30 each.", "How much does a ticket cost?")
    assert not answer_type.holds("quantity", "The Shell station on Route 14 closed.", "How much does a ticket cost?")


def test_a_recurring_weekday_answers_which_day_of_the_week() -> None:
    question = "On which day of the week will the reading room stop opening?"
    assert answer_type.holds("date", _line("The central reading room"), question)
    assert not answer_type.holds("date", "It will close permanently on 28 March 2031.", question)
    assert "Mondays" in invented_text.first(_evidence(), question)


def test_a_count_whose_unit_comes_first() -> None:
    question = "How many hours a week will the reading room be open once the cuts take effect?"
    assert answer_type.holds("quantity", _line("The central reading room"), question)
    assert not answer_type.holds("quantity", "It opens 38 days a year.", question)


def test_another_everyday_name_for_what_is_counted_is_known() -> None:
    assert stem("posts") in kin(stem("jobs"))
    assert stem("rejected") in kin(stem("dismissed"))
    question = "How many jobs will be cut, and by what means?"
    reason = invented_text.reason(_evidence(), question, (2031, 4))
    assert reason is None or "never mentions" not in reason
    assert "posts" in invented_text.first(_evidence(), question)


def test_who_someone_was_asked_to_be_is_no_review_to_come() -> None:
    assert not answer_type.to_come(_line("Dr Tam Pellow"), None)
    assert answer_type.to_come("The board has asked the county solicitor to review the lease.", None)


def test_the_speaker_of_a_quote_given_as_a_pronoun() -> None:
    evidence = _evidence()

    def sentence(start: str):
        return next(s for s in evidence.sentences if s.text.startswith(start))

    named = evidence.speaker_named(sentence('"Nobody joins'))
    assert named is not None and "Oda Brenn" in named.text
    # a paragraph opening "He said" goes on with the speaker of the paragraph before
    named = evidence.speaker_named(sentence('"Six members'))
    assert named is not None and "Cass Morrow" in named.text
    # a sentence naming its own speaker needs no other
    assert evidence.speaker_named(sentence("Trust chair Oda Brenn")) is None
    # narrative with no quote and no speech is not a speaker's
    assert evidence.speaker_named(sentence("Three full-time")) is None


def test_another_everyday_name_must_be_what_the_evidence_counts() -> None:
    assert answer_type.counted_in("Three full-time posts will go.", kin(stem("jobs")))
    # "pay" is kin to "salary", but "will pay about $11 more" counts no pay
    assert not answer_type.counted_in("The average household will pay about $11 more a month.", kin(stem("salary")))
    text = "Harbour Water Bills Rise\nBy Imre Sollis\nMay 10, 2031\n\nThe average household will pay about $11 more a month, the utility said.\n"
    reason = invented_text.reason(
        invented_text.evidence_of(text), "What salary will the plant's staff earn?", (2031, 5)
    )
    assert reason is not None and "salary" in reason


_SPOKEN = """Harbour Spoil Dispute
By Imre Sollis
May 10, 2031

Under a licence issued by the Harbour Regulatory Board, the spoil was to be dumped at the deep site. Survey records, however, suggest that barges released their loads near the shore.

Oda Brenn has campaigned against the dumping for a year. "My brother believes the harbour is finished," she said.

The board will decide on the licence, which runs until June 2032, at its meeting next month.
"""


def test_a_body_named_only_as_a_licence_s_issuer_has_said_nothing() -> None:
    evidence = invented_text.evidence_of(_SPOKEN)
    question = "What has the Harbour Regulatory Board said about the dumping near the shore?"
    reason = invented_text.reason(evidence, question, (2031, 5))
    assert reason is not None and "words" in reason
    # "she said" after a sentence naming her: her words
    question = "What did Oda Brenn say her brother believes?"
    assert invented_text.reason(evidence, question, (2031, 5)) is None
    assert "My brother believes" in invented_text.first(evidence, question)


def test_the_date_line_dates_the_article_not_the_story() -> None:
    evidence = invented_text.evidence_of(_SPOKEN)
    assert "May 10, 2031" in invented_text.first(evidence, "When was the article published?")
    assert "May 10, 2031" not in invented_text.first(evidence, "On what date will the licence run out?")


def test_a_date_after_publication_is_still_to_come() -> None:
    from rag.answering.evidence import Evidence

    text = "Harbour Works Slip\nBy Imre Sollis\nMay 10, 2031\n\nThe board resolved on Monday to halt the works. The completion date, set for September 2030, had slipped to June 2032.\n"
    question = "When is the project now expected to be finished?"
    dated = Evidence(text, header_end=text.find("\n\n"), published=(2031, 5))
    assert "June 2032" in invented_text.first(dated, question)
    undated = Evidence(text, header_end=text.find("\n\n"))
    assert not any(
        r.holds_type for r in undated.rank(question, invented_text.whole(text)) if "June 2032" in r.sentence.text
    )


def test_a_role_s_own_word_must_go_with_the_name() -> None:
    text = "Harbour Library Cuts\nBy Imre Sollis\nMay 10, 2031\n\nCouncil leader Oda Brenn said the cuts were forced on the council. The petition will go to the council's chief executive on 3 June.\n"
    evidence = invented_text.evidence_of(text)
    reason = invented_text.reason(evidence, "What is the name of the council's chief executive?", (2031, 5))
    assert reason is not None and "role" in reason
    assert invented_text.reason(evidence, "Who is the council leader?", (2031, 5)) is None


def test_an_age_inside_a_quote_is_nobody_s_and_a_name_s_age_may_end_the_sentence() -> None:
    question = "How old is he?"
    assert not answer_type.holds(
        "quantity", 'Pellow said it was "no comfort to an 80-year-old at a bus stop".', question
    )
    assert answer_type.holds("quantity", '"This is the last warm room in town," said Mr Tam Pellow, 67.', question)
    assert not answer_type.holds("quantity", "It cost Mr Pellow, 3.5 million.", question)


def test_what_someone_blamed_asks_for_their_words_and_his_company_is_no_kind_to_name() -> None:
    from rag.answering.abstain import _NAMED_KIND_Q

    assert answer_type.expected("What did he blame for the higher costs?") is None
    assert _NAMED_KIND_Q.search("And what will his company do if the suspension stands?") is None
    assert _NAMED_KIND_Q.search("What engineering firm carried out the audit?") is not None
