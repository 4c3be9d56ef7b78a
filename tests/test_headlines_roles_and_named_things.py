"""Rules written from misses on the fiftieth and fifty-first documents, tried on a text written for
this test (no models):

- a year that is part of a thing's name ("the draft 2033 course guide") does not make a question
  about events after the story;
- "when did they write to the college?" asks about a letter, not the article's byline;
- "what is the name of the college's principal grounds engineer?" is answered by "Jo Pask, the
  college's principal grounds engineer": a description of five words after the name;
- "who is the provost of the college?" is answered by the sentence naming someone right after
  "provost", ahead of one that only names the college;
- "which languages does it teach?" is answered by "it teaches three languages:" and its list;
- "which of the college's languages ...?" asks about languages, not about a person;
- "on what date did the board meet?" is answered by a day of a month before a weekday;
- "when were the cables last replaced?" is not answered by the date of a closing;
- "how much does the shop take in dollars?" asks for money, not for "16 years" of trading;
- "what is the college's annual budget?" is not answered by a shortfall or a deficit;
- "who designed the bridge?" ("who signed the notice?") is not answered by a sentence naming the
  places it links (or the office that issued it); "which contractor has been hired?" needs the hiring;
- "what was the rise last year?" is not answered by the rise to come; "when will it reopen?" not by
  the date it closes;
- "he said ..." opening a paragraph after a paragraph of quotes carries the words of whoever spoke
  before those quotes;
- "what did its report recommend?" may be answered by a sentence on "the report", when "the Oakum
  report" was named a few sentences before; "who chairs it?" of "the Pellow Walkers' Club" by "Ann Brae,
  the club's chairwoman" a few sentences after it.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.abstain import asks_after_publication
from rag.retrieval.lexical import question_terms
from tests import invented_text

TEXT = """Brae College To Close Languages Department
By Imre Sollis
Published March 20, 2032

Brae College will close its languages department, ending 40 years of teaching at Tam Hill, the college said.

The provost's office at Brae College said the news would reach Tam Hill staff first.

College provost Dr Mae Orrin said the board had not taken the decision lightly.

"Nobody here wanted this," Dr Orrin said.

"But we cannot keep classes with fewer than six students going."

He said the college had a deficit of £1.9 million a year in the department.

The department teaches three languages:

- French
- Japanese
- Hindi, offered at diploma level only

The decision was approved at a special meeting on Tuesday.

The board met six days after the consultation closed, on March 18.

Students say a draft 2033 course guide, sent to some staff on March 3, had already dropped the courses.

Jo Pask, the college's principal grounds engineer, said the footbridge to the campus was also shut on Monday.

The Oakum report on the footbridge lists several defects.

It found rust on two of the four cables.

It found cracks in the deck.

The report said the bridge was unsafe and recommended closing it at once.

Members of the Pellow Walkers' Club wrote to the college in June 2030 about the rust.

"We told them twice," one member said.

Ann Brae, the club's chairwoman, said the letters were never answered.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_year_naming_a_thing_is_no_question_about_the_future():
    evidence = _evidence()
    question = "When was the draft 2033 course guide sent to staff?"
    ranked = evidence.rank(question, invented_text.whole(TEXT))
    assert not asks_after_publication(question, (2032, 3), ranked)
    assert "March 3" in ranked[0].sentence.text
    later = "What did the board decide in 2033?"  # a year after the story, naming nothing it tells of
    assert asks_after_publication(later, (2032, 3), evidence.rank(later, invented_text.whole(TEXT)))


def test_writing_to_someone_is_a_letter_not_the_byline():
    assert "write" in question_terms("When did the walkers write to the college?")
    assert question_terms("Who wrote the article?") == ["author"]  # the byline, as before


def test_a_long_description_after_a_name_still_names_the_role():
    question = "What is the name of the college's principal grounds engineer?"
    sentence = "Jo Pask, the college's principal grounds engineer, said the footbridge to the campus was also shut."
    assert answer_type.holds("person", sentence, question)
    assert invented_text.first(_evidence(), question).startswith("Jo Pask")


def test_who_holds_a_role_is_answered_by_the_name_beside_it():
    assert invented_text.first(_evidence(), "Who is the provost of Brae College?").startswith("College provost")


def test_a_list_opened_by_a_colon_names_which_ones():
    evidence = _evidence()
    assert invented_text.reason(evidence, "Which languages does the department teach?", (2032, 3)) is None
    question = "Which of the department's languages can only be studied at diploma level?"
    assert answer_type.expected(question) is None  # languages, not a person
    assert answer_type.expected("Which of the councillors voted against?") == "person"
    assert invented_text.first(evidence, question).startswith("Hindi")


def test_on_what_date_prefers_a_day_of_the_month_to_a_weekday():
    question = "On what date did the board meet to approve the closure?"
    assert answer_type.dated_to_the_day("The board met on March 18.", question)
    assert not answer_type.dated_to_the_day("It was approved on Tuesday.", question)
    assert not answer_type.dated_to_the_day("The board met on March 18.", "When did the board meet?")
    assert "March 18" in invented_text.first(_evidence(), question)


def test_a_replacement_is_not_dated_by_a_closing():
    text = "Oakum Bridge Shut\nBy Imre Sollis\nPublished March 20, 2032\n\nThe Oakum bridge was closed on Monday.\n"
    evidence = invented_text.evidence_of(text)
    found = invented_text.reason(evidence, "When were the bridge's cables last replaced?", (2032, 3))
    assert found is not None and "another event" in found
    assert invented_text.reason(evidence, "When was the Oakum bridge closed?", (2032, 3)) is None


def test_he_said_after_a_paragraph_of_quotes_is_the_earlier_speaker():
    evidence = _evidence()
    question = "What did he say the department was losing each year? Mae Orrin"
    ranked = evidence.rank(question, invented_text.whole(TEXT), hinted=frozenset({"Mae", "Orrin"}))
    top = ranked[0]
    assert top.sentence.text.startswith("He said the college had a deficit") and top.names_ok


def test_the_report_stands_for_the_named_report_before_it():
    evidence = _evidence()
    question = "What did its report recommend? Oakum"
    ranked = evidence.rank(question, invented_text.whole(TEXT), hinted=frozenset({"Oakum"}))
    said = next(x for x in ranked if x.sentence.text.startswith("The report said"))
    assert said.names_ok


def test_how_much_in_a_currency_asks_for_money():
    question = "How much does the Tam Hill cafe normally take in dollars on a weekday?"
    assert answer_type.expected(question) == "quantity"
    assert not answer_type.holds(
        "quantity", "Ann Brae, who has run the Tam Hill cafe for 16 years, said trade fell.", question
    )
    assert answer_type.holds("quantity", "The cafe took $1,200 on Tuesday.", question)
    assert answer_type.holds("quantity", "The cafe has been open for 16 years.", "How long has the cafe been open?")


def test_a_budget_is_not_answered_by_a_shortfall():
    question = "What is Brae College's total annual operating budget?"
    assert answer_type.priced(question) == ["budget", "college"]
    gap = "It faced a $5.1 million shortfall in its operating budget and a deficit of about $1.9 million a year."
    assert answer_type.sums_for_other(question, gap, answer_type.priced(question)) is not None
    budget = "The college has an annual budget of $80 million."
    assert answer_type.sums_for_other(question, budget, answer_type.priced(question)) is None


def test_who_made_a_thing_needs_the_making_told():
    closed = "Oakum Bridge Shut\nBy Imre Sollis\nPublished March 20, 2032\n\n"
    closed += "The Oakum bridge, which links Tam Hill with the village of Brae Cross, was closed on Monday.\n"
    found = invented_text.reason(invented_text.evidence_of(closed), "Who designed the Oakum bridge?", (2032, 3))
    assert found is not None and "designed" in found
    told = closed + "\nThe bridge, designed by Jo Pask, opened in 1931.\n"
    assert invented_text.reason(invented_text.evidence_of(told), "Who designed the Oakum bridge?", (2032, 3)) is None
    group = "Oakum Pools\nBy Imre Sollis\nPublished March 20, 2032\n\n"
    group += "Ann Brae, who started the Save Our Pools group in May, said the council had ignored them.\n"
    assert invented_text.reason(invented_text.evidence_of(group), "Who founded the pools group?", (2032, 3)) is None
    notice = "Oakum Notice\nBy Imre Sollis\nPublished March 20, 2032\n\n"
    notice += "The safety office issued a prohibition notice barring the public from the building.\n"
    signed = "Who signed the prohibition notice issued by the safety office?"
    assert "signed" in (invented_text.reason(invented_text.evidence_of(notice), signed, (2032, 3)) or "")
    notice += "\nThe notice, signed by inspector Jo Pask, runs to four pages.\n"
    assert invented_text.reason(invented_text.evidence_of(notice), signed, (2032, 3)) is None


def test_the_club_stands_for_the_named_club_before_it():
    evidence = _evidence()
    question = "Who chairs it? (context: Which club wrote to the college about the rust?; Pellow)"
    ranked = evidence.rank(question, invented_text.whole(TEXT))
    chair = next(x for x in ranked if x.sentence.text.startswith("Ann Brae"))
    assert chair.names_ok


def test_last_year_and_reopening_are_other_times_and_events():
    from rag.answering.abstain import _other_event

    last = "What was the percentage rise in Oakum Water bills last year?"
    coming = "Household bills are set to rise by 8.4 per cent from April 1, Oakum Water said yesterday."
    assert answer_type.other_time(last, coming) is not None
    assert answer_type.other_time(last, "Bills rose by 5 per cent last year and will rise again in April.") is None
    assert answer_type.other_time("What will bills rise by?", coming) is None
    reopen = "What exact date will the reptile house reopen?"
    assert _other_event(reopen, "The zoo will close its reptile house for 12 months from July 1.") == "end"
    assert _other_event(reopen, "It will close on July 1 and reopen in the summer of 2033.") is None


def test_which_contractor_has_been_hired_needs_the_hiring():
    text = "Oakum Zoo Shuts Reptile House\nBy Imre Sollis\nPublished March 20, 2032\n\n"
    text += "Oakum Zoo will shut its reptile house for 12 months from July 1 after its heating system failed.\n"
    question = "Which contractor has been hired to replace the heating system?"
    found = invented_text.reason(invented_text.evidence_of(text), question, (2032, 3))
    assert found is not None and "hired" in found
    text += "\nBrisk Boilers Ltd has been hired to replace the heating system.\n"
    assert invented_text.reason(invented_text.evidence_of(text), question, (2032, 3)) is None
