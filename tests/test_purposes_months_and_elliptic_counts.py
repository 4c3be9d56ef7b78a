"""Rules written from misses on the forty-eighth and forty-ninth documents, tried on a text written
for this test (no models):

- "what is the trust's mooring scheme called?" is answered by "its Brisk scheme": a one-word name
  right before the named thing's head word;
- "in which month will work start?" asks for a month ("in June"), not "in the summer";
- a purpose is a reason: "a new boathouse to cut the number of trailers", "every Friday to collect
  their kit" answer "why?" (unlike "plans to build" or "spoke to reporters");
- "the remaining 9, mainly the oldest hulls, will stay" counts the boats named before it, and "the
  number of places on the scheme to 3,000" counts places;
- "which councillor criticised the bill?" asks for a person, not for the bill;
- "how old is the footpath?" is answered by "its 41-year history" or "opened in 1991";
- everyday kin: to "respond" may be to "reject" or "deny"; "fresh" money is "new" money; "owners"
  are "shareholders"; "older" people are "elderly";
- "how many people work there?" asks for staff, not customers;
- "how long will the footpath be closed?": the span that goes with closing it, not another;
- "which boat sheds ...?" is answered by a name ending in those words ("the Brae Boat Sheds");
- "what will she raise at the committee's next meeting?" is not about the time after the story when
  the story tells of that meeting;
- "how much does it spend each year?" wants a yearly figure; "what does a child's ticket cost?" is
  not answered by what adults pay;
- "what did he say he felt?" is not answered by what "she said";
- a follow-up that names no one itself ("how many members does it have?") is not held to every name
  the conversation carried.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.abstain import abstain_reason
from rag.answering.evidence import gives_reason
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Oakum Trust To Close Tam Footpath
By Imre Sollis
Published March 3, 2032

The Oakum Trust will close the Tam footpath for 14 months, the trust said yesterday.

The footpath, which opened in 1991, has never been shut for more than a week in its 41-year history.

Of the 40 boats moored at the quay, 31 will move to Brae Harbour for the winter.

The remaining 9, mainly the oldest hulls, will stay at the quay under covers.

The trust said it would raise the number of places on its Brisk scheme to 3,000 from April.

The trust is also building a new boathouse to cut the number of trailers on the village road.

Work on the boathouse is expected to start in the summer.

Pupils from Tam school walk to the quay every Friday to collect their sailing kit.

Councillor Oda Brenn, who chairs the harbour committee, criticised the bill for the repairs.

The repairs are expected to cost £2.1 million.

Jo Pask, who speaks for the Oakum Boat Owners' Group, said the trust was using the repairs to pay for dividends.

The trust rejected the claim.

Our shareholders have agreed to put £4 million of new money into the trust this year.

The group, which says it has about 300 members, will write to the trust next week.

Moving the boats off the Tam footpath will take three weeks and will be done before the footpath is closed.

The boats will wait out the works in the Brae Boat Sheds. The trust said its own boat sheds were full.

Ms Brenn said she would raise the bill at the harbour committee's next meeting, on April 4.

Adult tickets to the boathouse will cost £5.

The trust spends £40,000 a year on the quay.

"The repairs make me feel let down," she said.

"The repairs make me feel hopeful," he said.
"""

WHEN = (2032, 3)


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_name_right_before_what_is_named() -> None:
    question = "What is the trust's mooring scheme called?"
    assert answer_type.holds("person", "It would add places to its Brisk scheme.", question)
    assert not answer_type.holds("person", "It would add places to its scheme.", question)
    evidence = _evidence()
    assert "Brisk scheme" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, WHEN) is None


def test_which_month_asks_for_a_month() -> None:
    question = "In which month will work on the boathouse start?"
    assert answer_type.expected(question) == "date"
    assert answer_type.holds("date", "Work is expected to start in June.", question)
    assert answer_type.holds("date", "Work is expected to start next month.", question)
    assert not answer_type.holds("date", "Work is expected to start in the summer of 2032.", question)
    assert invented_text.reason(_evidence(), question, WHEN) is not None


def test_a_purpose_is_a_reason() -> None:
    why = "Why is the trust building a new boathouse?"
    assert gives_reason("The trust is building a new boathouse to cut the number of trailers.", why)
    # a purpose counts only for what the question asks about (else any "a plan to ..." would do)
    assert not gives_reason("The trust is building a new boathouse to cut the number of trailers.")
    assert gives_reason("Pupils walk to the quay every Friday to collect their sailing kit.")
    assert gives_reason("The array is intended to cover a third of the site's power use.")
    for text in (
        "The trust plans to build a new boathouse.",
        "The trust went to court over the boathouse.",
        "Ms Brenn spoke to reporters about the boathouse.",
        "Boathouse visits rose from 5 to 7.",
    ):
        assert not gives_reason(text, why), text
    evidence = _evidence()
    for question, cause in (
        ("Why is the trust building a new boathouse?", "to cut the number of trailers"),
        ("Why do pupils go to the quay every Friday?", "to collect their sailing kit"),
    ):
        assert invented_text.reason(evidence, question, WHEN) is None, question
        assert cause in invented_text.first(evidence, question), question


def test_a_count_whose_noun_came_before() -> None:
    question = "How many boats will stay at the quay?"
    assert answer_type.holds("quantity", "The remaining 9, mainly the oldest hulls, will stay.", question)
    assert answer_type.holds("quantity", "Another 12 will stay.", question)
    assert not answer_type.holds("quantity", "The remaining 9 crew will stay.", question)
    places = "How many places will the Brisk scheme have from April?"
    assert answer_type.holds("quantity", "It would raise the number of places on the scheme to 3,000.", places)
    assert not answer_type.holds("quantity", "It would raise the number of staff on the scheme to 30.", places)
    evidence = _evidence()
    assert invented_text.first(evidence, question).startswith("The remaining 9")
    assert invented_text.reason(evidence, places, WHEN) is None


def test_which_councillor_criticised_the_bill_asks_for_a_person() -> None:
    assert answer_type.expected("Which councillor criticised the bill for the repairs?") == "person"
    assert answer_type.expected("Which body approved the fee rise?") == "person"
    assert answer_type.expected("Which bill did the councillor criticise?") == "quantity"
    evidence = _evidence()
    question = "Which councillor criticised the bill for the repairs?"
    assert "Oda Brenn" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, WHEN) is None


def test_a_things_age_told_by_its_history_or_opening() -> None:
    question = "How old is the Tam footpath?"
    assert answer_type.holds("quantity", "It has never shut in its 41-year history.", question)
    assert answer_type.holds("quantity", "The footpath, which opened in 1991, is shut.", question)
    assert not answer_type.holds("quantity", "The footpath will shut for 14 months.", question)
    assert invented_text.reason(_evidence(), question, WHEN) is None


def test_responding_rejecting_fresh_owners_and_older_people() -> None:
    for a, b in (("respond", "rejected"), ("respond", "denied"), ("fresh", "new"), ("owners", "shareholders")):
        assert stem(b) in kin(stem(a)), (a, b)
    assert stem("elderly") in kin(stem("older"))
    evidence = _evidence()
    assert invented_text.first(evidence, "How did the trust respond?") == "The trust rejected the claim."
    question = "How much fresh money have the owners agreed to put into the trust?"
    assert "£4 million" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, WHEN) is None


def test_people_who_work_there_are_staff() -> None:
    question = "How many people work at the Tam boathouse?"
    assert not answer_type.holds("quantity", "It serves about six in ten of the trust's customers.", question)
    assert answer_type.holds("quantity", "The boathouse employs 12 staff.", question)
    assert answer_type.holds("quantity", "About 300 people work there.", question)
    assert answer_type.holds("quantity", "It serves 4,000 customers.", "How many people use the boathouse?")


def test_the_span_that_goes_with_the_verb() -> None:
    question = "How long will the Tam footpath be closed?"
    assert answer_type.lasts("The trust will close the Tam footpath for 14 months.", question)
    assert not answer_type.lasts("Moving the boats will take three weeks before it is closed.", question)
    assert "14 months" in invented_text.first(_evidence(), question)


def test_a_name_ending_in_the_asked_words() -> None:
    question = "Which boat sheds will the boats wait in during the works?"
    assert answer_type.names_the_kind("They will wait in the Brae Boat Sheds.", question, any_kind=True)
    assert not answer_type.names_the_kind("Its own boat sheds were full.", question, any_kind=True)
    assert "Brae Boat Sheds" in invented_text.first(_evidence(), question)


def test_a_next_meeting_the_story_tells_of() -> None:
    evidence = _evidence()
    told = "What will Ms Brenn raise at the harbour committee's next meeting?"
    assert invented_text.reason(evidence, told, WHEN) is None
    untold = "What did the trust decide at its next round of talks?"
    assert invented_text.reason(evidence, untold, WHEN) == "the question is about events after the article was written"


def test_a_yearly_figure_and_another_groups_figure() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "What will the repairs be expected to cost each year?", WHEN)
    assert reason is not None and "per year" in reason
    assert invented_text.reason(evidence, "How much does the trust spend on the quay each year?", WHEN) is None
    reason = invented_text.reason(evidence, "What will a child's ticket to the boathouse cost?", WHEN)
    assert reason is not None and "adult" in reason
    assert invented_text.reason(evidence, "What will an adult ticket to the boathouse cost?", WHEN) is None


def test_a_follow_up_naming_no_one_itself() -> None:
    evidence = _evidence()
    question = "How many members does it say it has? (context: Which group does Jo Pask speak for?; Pask, Owners)"
    passages = invented_text.whole(evidence.text)
    named = "How many members does Ms Brenn say it has? (context: Which group does Jo Pask speak for?; Pask, Owners)"
    for asked, held in ((question, False), (named, True)):  # (one that names someone itself still is held)
        group = [r for r in evidence.rank(asked, passages) if r.sentence.text.startswith("The group, which says")]
        # the sentence names neither Jo Pask nor the Owners' Group, but "the group" stands for the one
        # named just before it
        assert group[0].names_ok
        reason = abstain_reason(asked, group, evidence.vocabulary, 0.0, WHEN)
        assert (reason is not None) == held, (asked, reason)


def test_what_he_said_is_not_what_she_said() -> None:
    evidence = _evidence()
    assert "hopeful" in invented_text.first(evidence, "What did he say the repairs make him feel?")
    assert "let down" in invented_text.first(evidence, "What did she say the repairs make her feel?")
