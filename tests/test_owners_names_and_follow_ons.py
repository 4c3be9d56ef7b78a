# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on the thirty-fourth and thirty-fifth documents, tried on a text written
for this test (no models):

- whose name: a place ("Quarry Road"), a dateline in capitals, or the name of the thing the question
  asks about ("the market hall") is no one's name; a council or a committee is no contractor; an
  honorific before a title ("Datuk Dr Amina Rahim") does not cut the name short;
- a body written as its initials later on ("Pellow Community Hospital (PCH)"), or as its common noun
  ("the hospital"), is still the body the question names;
- which ones: "to two partner clinics in the region" names none of them; "dentistry and physiotherapy,
  the clinic's two busiest services" names both;
- whose figure: "how many of the postponed appointments were dental checks?" wants dental checks
  counted; "the monthly hire charge" is not a total "for the full nine months"; "how much rent?" is
  not "a relocation grant of €1,500"; "the price tag" is any sum of money; "how much is X paying?"
  wants money;
- "will they get any compensation?" of a text that never mentions compensation is declined;
- "why could A keep going better than B?" is answered by "A ..., while B ...";
- "why was X suspended?" of "X has continued" is a premise to correct;
- a follow-up's answer may be the sentence after the last answer that points back to it ("the board
  will consider that request"), though it does not repeat the name the conversation carried.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.abstain import _sought, _unnamed
from rag.answering.evidence import acronyms
from rag.answering.support import contradicts
from rag.retrieval.lexical import kin, question_terms, stem
from tests import invented_text

TEXT = """Pellow Clinic Cancels Appointments After Steriliser Fault
By Imre Sollis
Published June 3, 2032

PELLOW BAY: Pellow Community Hospital (PCH) has postponed 312 appointments after a steriliser fault, the hospital said on Tuesday.

The fault has so far affected 280 patients, hospital director Datuk Dr Amina Rahim told reporters.

Eye clinics use small instrument sets that one steriliser can process, while hip operations need large trays.

Emergency surgery has continued, using instruments cleaned by a private contractor in Dunmore, about 40km away.

The cuts fall hardest on dentistry and physiotherapy, the clinic's two busiest services.

Transfer of up to 90 cases to two partner clinics in the region is planned.

Pellow Town Council approved a €3.1 million programme of repairs at a meeting of its Finance and Estates Committee on Tuesday.

The first option, the former tram depot on Quarry Road, would provide 40 stalls and could open within six weeks.

The second, a heated marquee on the green, would provide 55 stalls at €84,000, including hire for the full nine months.

Stallholders who move will pay half their usual rent, and each will receive a relocation grant of €1,500.

Trader Ann Brae asked for a written promise that every trader would get their old stall back.

The board will consider that request at its meeting on June 25.

A PCH spokesperson said the hospital regretted the delays.

Councillor Jo Pask, who chairs the board, said the decision had not been taken lightly.

The board backed the depot by seven votes to four, and the town hopes a heritage grant it has applied for will cover €1.1 million.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _reason(question: str) -> str | None:
    return invented_text.reason(_evidence(), question, (2032, 6))


def _first(question: str) -> str:
    return invented_text.first(_evidence(), question)


def test_places_datelines_and_the_asked_thing_are_no_one() -> None:
    asked = "Which councillors voted against the depot option?"
    assert not answer_type.names_person("The former tram depot on Quarry Road would provide 40 stalls.", asked)
    assert answer_type.names_person("The vote was lost when Jo Smith voted against it.", asked)
    assert not answer_type.names_person("PELLOW BAY: The clinic has postponed 312 appointments.", "Who runs it?")
    hall = "Who led the inspection of the market hall?"
    assert not answer_type.names_person("Pellow's Quarry Market Hall will close on Monday.", hall)
    assert answer_type.names_person("Group Commander Alan Brae, who led the inspection, spoke.", hall)


def test_a_council_or_a_committee_is_no_contractor() -> None:
    question = "Which contractor will carry out the repair work?"
    council = "Pellow Town Council approved a €3.1 million programme at a meeting of its Finance and Estates Committee."
    assert not answer_type.names_body(council, question)
    assert answer_type.names_body("The work will be done by Brisk Marine Ltd, the council said.", question)
    reason = _reason(question)
    assert reason is not None


def test_an_honorific_before_a_title_and_a_body_by_its_common_noun() -> None:
    question = "Who is the director of Pellow Community Hospital?"
    assert answer_type.names_near_terms(
        "The fault affected 280 patients, hospital director Datuk Dr Amina Rahim told reporters.", question
    )
    assert "Amina Rahim" in _first(question)
    assert _reason(question) is None
    # "who is in charge of X?" asks for its head
    assert stem("head") in question_terms("Who is in charge of the hospital?")


def test_initials_stand_for_the_name_they_follow() -> None:
    found = acronyms("Pellow Community Hospital (PCH) said. The Union of Ferry Workers (UFW) and the Trust (XY).")
    assert found["pch"] == frozenset({"pellow", "community", "hospital"})
    assert found["ufw"] == frozenset({"union", "ferry", "workers"})
    assert "xy" not in found  # not the name's initials
    evidence = _evidence()
    last = next(k for k, x in enumerate(evidence.sentences) if x.text.startswith("A PCH spokesperson"))
    assert {"pellow", "community"} <= evidence.paragraph_words[last]


def test_which_ones_counted_or_listed() -> None:
    assert _unnamed(
        "Which partner clinics will take the cases?",
        "Transfer of up to 90 cases to two partner clinics in the region is planned.",
    )
    assert (
        _unnamed(
            "Which two services are hit hardest?",
            "The cuts fall hardest on dentistry and physiotherapy, the clinic's two busiest services.",
        )
        is None
    )
    reason = _reason("Which partner clinics will take the transferred cases?")
    assert reason is not None and "partner clinics" in reason


def test_whose_figure() -> None:
    part = "How many of the postponed appointments were dental checks?"
    assert not answer_type.holds("quantity", "The clinic has postponed 312 appointments.", part)
    assert answer_type.holds("quantity", "Of the 312 appointments, 41 were dental checks.", part)
    assert answer_type.holds(
        "quantity", "Of the staff, 12 were made redundant.", "How many of the staff were made redundant?"
    )
    marquee = "The second, a heated marquee on the green, would provide 55 stalls at €84,000, including hire for the full nine months."
    assert answer_type.total_over_span("What is the monthly hire charge for the marquee?", marquee) == "month"
    assert (
        answer_type.total_over_span("What is the monthly hire charge?", "Hire is €9,000 a month for nine months.")
        is None
    )
    monthly = _reason("What is the monthly hire charge for the marquee on the green?")
    assert monthly is not None and "total" in monthly
    rent = _reason("How much rent do stallholders normally pay?")
    assert rent is not None and "grant" in rent
    assert _reason("How much of their usual rent will stallholders who move pay?") is None
    paying = "How much is the hospital paying the private contractor?"
    assert not answer_type.holds("quantity", "Instruments are cleaned by a private contractor about 40km away.", paying)


def test_a_price_is_any_sum() -> None:
    text = "Pellow Repairs Approved\nBy Imre Sollis\nPublished June 3, 2032\n\nThe town council approved a €3.1 million programme of repairs to the pier on Tuesday.\n"
    evidence = invented_text.evidence_of(text)
    reason = invented_text.reason(evidence, "What is the price tag of the pier repairs?", (2032, 6))
    assert reason is None or "never mentions" not in reason
    assert "€3.1 million" in invented_text.first(evidence, "What is the price tag of the pier repairs?")


def test_any_thing_the_text_never_mentions() -> None:
    vocabulary = set(_evidence().vocabulary)
    assert _sought("Will the patients receive any compensation?", vocabulary) == "compensation"
    assert _sought("Were there any delays?", vocabulary) is None  # the text has "delays"
    reason = _reason("Will the patients receive any compensation?")
    assert reason is not None and "compensation" in reason


def test_a_contrast_answers_why_one_fared_better_than_another() -> None:
    assert _reason("Why could eye clinics keep going better than hip operations?") is None
    # "than before" compares with nothing the text names: no contrast to give as the reason
    text = "Sleep Study\nBy Imre Sollis\nPublished June 3, 2032\n\nPupils slept longer this term, while teachers reported calmer classes.\n"
    evidence = invented_text.evidence_of(text)
    assert invented_text.reason(evidence, "Why did pupils sleep less than before?", (2032, 6)) is not None


def test_suspended_is_corrected_by_continued() -> None:
    assert contradicts(
        "Why was emergency surgery suspended?", "Emergency surgery has continued, using outside instruments."
    )
    assert not contradicts("Why was emergency surgery suspended?", "Emergency surgery was suspended on Monday.")


def test_what_the_people_asked_about_did_and_whether_it_was_done() -> None:
    assert answer_type.people_act("Which councillors voted against the depot option?") == "voted"
    reason = _reason("Which councillors voted against the depot option?")
    assert reason is not None and "voted" in reason
    assert _reason("Who chairs the board?") is None
    granted = _reason("Has the heritage grant been approved?")
    assert granted is not None and "approved" in granted


def test_everyday_kin_of_this_stop() -> None:
    assert "cleaned by a private contractor" in _first("Where are instruments for emergency surgery being sterilised?")
    for one, other in (
        ("cleaned", "sterilised"),
        ("officials", "officers"),
        ("examined", "inspection"),
        ("teacher", "schoolteacher"),
    ):
        assert kin(stem(one)) & kin(stem(other)), (one, other)


def test_a_follow_up_answered_by_the_sentence_that_points_back() -> None:
    evidence = _evidence()
    asked = next(k for k, x in enumerate(evidence.sentences) if "written promise" in x.text)
    ranked = evidence.rank(
        "When will that be looked at? (context: What did the stallholders ask for in writing?; Brae)",
        invented_text.whole(evidence.text),
        following=[asked],
        required=frozenset({"brae"}),
    )
    assert ranked[0].sentence.text.startswith("The board will consider that request")
    assert ranked[0].names_ok and ranked[0].every_name  # about what the last answer was about
    assert answer_type.holds("date", ranked[0].sentence.text, "When will that be looked at?")


def test_which_firm_did_what_was_asked() -> None:
    from rag.answering.abstain import _NAMED_KIND_Q, _deed_after

    def deed(question: str) -> str | None:
        found = _NAMED_KIND_Q.search(question)
        assert found is not None
        return _deed_after(question, found.end())

    assert deed("Which company manufactured the steriliser?") == "manufactured"
    assert deed("Which firm will replace the builder?") == "replace"
    assert deed("What firm is behind the bid?") is None  # no deed
    assert deed("Which firm won the contract?") is None  # "was awarded" may say it
    reason = _reason("Which company manufactured the steriliser?")
    assert reason is not None and "manufactured" in reason
    text = "Steriliser Maker Named\nBy Imre Sollis\nPublished June 3, 2032\n\nThe steriliser was manufactured by Brisk Medical Ltd in 2020, the hospital said.\n"
    evidence = invented_text.evidence_of(text)
    assert invented_text.reason(evidence, "Which company manufactured the steriliser?", (2032, 6)) is None
