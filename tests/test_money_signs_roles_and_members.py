# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on fresh text, tried on a text written for this test (no models):

- a currency written as a letter before the figure ("P3.1 million") is money;
- a thing counted under another everyday name is found ("rides" / "trips");
- "how much is the X worth?" wants X's own figure; "how much unused credit?" asks for money;
- "by how much did costs go up?" is answered by a share ("a third");
- "who will sit on the panel?" and "which councillors voted against?" want names, and "who is the
  Minister of X?" wants the minister, however the title is capitalised;
- "why did they raise the price?" of "the price will fall" is a false premise;
- "which councillor wrote the motion?" asks about the story's people, not the byline.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.support import contradicts
from tests import invented_text

TEXT = """Ferry Operator Owes Town, Treasurer Says
By Imre Sollis
Published June 3, 2031

PELLOW - The Pellow Town Council on Monday voted 9-4 to end its contract with ferry operator Brisk Ferries Ltd.

Town treasurer Oda Brenn told the meeting that the operator owes the town P3.1 million in unpaid harbour fees.

The service logged around 1.2 million trips last year, with a typical crossing costing P45.

The council lost P46.3 million in the financial year, its first loss in nine years.

Councillors blamed the loss of a school-meals contract last spring.

Councillor Tam Lind, who chairs the harbour committee and authored the motion, said the decision was overdue.

A review panel will report within six months on whether a new service should be put out to tender.

Dr Ria Holm, an economist at Pellow College of Fisheries, said fuel prices alone had gone up by about a third since 2029. Holm urged the Ministry of Fisheries to bring the two sides together.

Commuter Arno Vell said he had about P600 in prepaid credit on his ferry card.

Under the motion, the fare will fall from P118 to P97 from April 1.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _reason(question: str) -> str | None:
    return invented_text.reason(_evidence(), question, (2031, 6))


def test_a_letter_before_a_figure_is_a_currency() -> None:
    question = "How much does the town's finance official say the operator owes in unpaid fees?"
    assert _reason(question) is None
    assert "P3.1 million" in invented_text.first(_evidence(), question)
    assert answer_type.holds("quantity", "A typical crossing costs P45.", "How much does a crossing cost?")
    # not a code that merely starts with the letter
    assert not answer_type.holds("quantity", "It was a P2-class vessel.", "How much did the vessel cost?")


def test_a_count_under_another_everyday_name_is_found() -> None:
    question = "How many rides were taken on the ferry last year?"
    assert _reason(question) is None
    assert "1.2 million trips" in invented_text.first(_evidence(), question)


def test_what_a_thing_is_worth_is_its_own_figure() -> None:
    question = "How much was the lost school-meals contract worth?"
    assert answer_type.priced(question) == ["contract"]
    assert _reason(question) is not None  # the deficit is not the contract's worth


def test_unused_credit_is_money() -> None:
    question = "How much unused credit did the commuter say he still had?"
    assert "P600" in invented_text.first(_evidence(), question)
    assert not answer_type.holds("quantity", "Refunds will be paid within 30 days.", question)


def test_by_how_much_a_cost_went_up_is_a_share() -> None:
    question = "By how much did the economist say fuel costs had gone up since 2029?"
    assert _reason(question) is None
    assert "about a third" in invented_text.first(_evidence(), question)


def test_members_and_people_of_a_kind_need_names() -> None:
    assert _reason("Who will sit on the review panel?") is not None
    assert _reason("Which councillors voted against ending the contract?") is not None
    # a councillor the text does name answers "which councillor"
    assert _reason("Which councillor chairs the harbour committee?") is None


def test_a_capitalised_title_is_a_role() -> None:
    assert _reason("Who is the Minister of Fisheries?") is not None
    assert _reason("Who is the town's treasurer?") is None


def test_raising_what_fell_is_a_false_premise() -> None:
    assert contradicts(
        "Why did the council raise the fare to P118?",
        "Under the motion, the fare will fall from P118 to P97 from April 1.",
    )
    assert not contradicts("Why did the council raise the fare?", "The council raised the fare to P118.")


def test_who_wrote_a_motion_is_not_the_byline() -> None:
    question = "Which lawmaker wrote the measure to end the deal?"
    assert "Imre Sollis" not in invented_text.first(_evidence(), question)
    assert "Imre Sollis" in invented_text.first(_evidence(), "Who wrote the article?")


COUNTS = """Island Ferry Withdrawn
By Imre Sollis
Published June 3, 2031

PELLOW - Last year the ferry carried 41,000 passengers to and from Pellow.

Several residents at a public meeting in the Pellow hall accused the operator of neglect.

Annual tuition at the Pellow campus is €6,800 per student.

Cllr Tam Lind criticised the council for spending £45,000 on outside consultants to draw up its savings list.
"""


def test_a_count_is_a_number_of_the_thing_itself() -> None:
    question = "How many passengers can the new ferry carry on each trip?"
    assert not answer_type.holds("quantity", "Last year the ferry carried 41,000 passengers.", question)
    assert answer_type.holds("quantity", "The new ferry can carry 120 passengers.", question)
    people = "How many people attended the public meeting in the hall?"
    assert not answer_type.holds("quantity", "Several residents at a public meeting in the hall spoke.", people)
    assert answer_type.holds("quantity", "Several hundred residents attended the meeting.", people)
    students = "How many students have graduated from the campus?"
    assert not answer_type.holds("quantity", "Annual tuition at the campus is €6,800 per student.", students)
    for asked in (question, students):  # (the passengers carried last year are people too)
        assert invented_text.reason(invented_text.evidence_of(COUNTS), asked, (2031, 6)) is not None


def test_a_titled_person_is_no_firm() -> None:
    question = "Which consultancy firm drew up the council's savings list?"
    assert not answer_type.names_body(COUNTS.splitlines()[-1], question)
    assert answer_type.names_body("The list was drawn up by Harlow Beck Associates, Cllr Tam Lind said.", question)
    assert invented_text.reason(invented_text.evidence_of(COUNTS), question, (2031, 6)) is not None
