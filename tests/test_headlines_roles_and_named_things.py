"""Rules written from misses on the fiftieth and fifty-first documents, tried on texts written for
this test (no models):

- a year that is part of a thing's name ("the 2033 timetable draft") does not make a question about
  events after the story;
- "when did the choir write to the school?" asks about a letter, not the article's byline;
- "what is the name of the trust's chief estates surveyor?" is answered by "Jo Pask, the trust's chief
  estates surveyor": a description of five words after the name;
- "who is the bursar of the school?" is answered by the sentence naming someone right after "bursar",
  ahead of one that only mentions the bursar's office;
- "which instruments does it teach?" is answered by "it teaches three instruments:" and its list;
  "which of the faculty's instruments ...?" asks about instruments, not about a person;
- "on what date did the governors meet?" is answered by a day of a month before a weekday;
- "when was the deck last renewed?" is not answered by the date of a closing; "when will it reopen?"
  not by the date it closes; "how much did charges go up last year?" not by the rise to come;
- "he said ..." opening a paragraph after a paragraph of quotes carries the words of whoever spoke
  before those quotes;
- "what did its review recommend?" may be answered by a sentence on "the review", when "the Oakum
  review" was named a few sentences before; "who chairs it?" of "the Pellow Choir Club" by "Ann Brae,
  the club's chairwoman" a few sentences after it;
- "how much does the cafe take in dollars?" asks for money, not for "12 years" of trading;
- "what is the school's yearly budget?" is not answered by a shortfall or a deficit;
- "who designed the bridge?" ("who signed the order?") is not answered by a sentence naming the
  places it links (or the service that issued it); "which contractor has been hired?" needs the
  hiring.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.answering.abstain import asks_after_publication
from rag.retrieval.lexical import question_terms
from tests import invented_text

TEXT = """Brae School To Close Strings Faculty
By Imre Sollis
Published May 20, 2032

Brae School will close its strings faculty, ending 40 years of teaching at Tam Hill, the school said.

The bursar's office at Brae School said the news would reach Tam Hill staff first.

School bursar Dr Mae Orrin said the governors had not taken the decision lightly.

"Nobody here wanted this," Dr Orrin said.

"But we cannot keep classes with fewer than four pupils going."

He said the school had a deficit of £0.6 million a year in the faculty.

The faculty teaches three instruments:

- Violin
- Cello
- Harp, offered in evening classes only

The decision was approved at a special meeting on Tuesday.

The governors met a week after the vote, on May 9.

Parents say a 2033 timetable draft, shown to some staff on April 2, had already dropped the classes.

Jo Pask, the trust's chief estates surveyor, said the concert hall was also shut on Monday.

The Oakum review of the hall lists several faults.

It found damp in two rooms.

It found cracks in the roof.

The review said the hall was unsafe and recommended shutting it at once.

Members of the Pellow Choir Club wrote to the school in June 2030 about the damp.

"We told them twice," one member said.

Ann Brae, the club's chairwoman, said the letters were never answered.
"""
WHEN = (2032, 5)


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_year_naming_a_thing_is_no_question_about_the_future():
    evidence = _evidence()
    question = "When was the 2033 timetable draft shown to staff?"
    ranked = evidence.rank(question, invented_text.whole(TEXT))
    assert not asks_after_publication(question, WHEN, ranked)
    assert "April 2" in ranked[0].sentence.text
    later = "What did the governors decide in 2033?"  # a year after the story, naming nothing it tells of
    assert asks_after_publication(later, WHEN, evidence.rank(later, invented_text.whole(TEXT)))


def test_writing_to_someone_is_a_letter_not_the_byline():
    assert "write" in question_terms("When did the choir write to the school?")
    assert question_terms("Who wrote the article?") == ["author"]  # the byline, as before


def test_a_long_description_after_a_name_still_names_the_role():
    question = "What is the name of the trust's chief estates surveyor?"
    sentence = "Jo Pask, the trust's chief estates surveyor, said the concert hall was also shut on Monday."
    assert answer_type.holds("person", sentence, question)
    assert invented_text.first(_evidence(), question).startswith("Jo Pask")


def test_who_holds_a_role_is_answered_by_the_name_beside_it():
    assert invented_text.first(_evidence(), "Who is the bursar of Brae School?").startswith("School bursar")


def test_a_list_opened_by_a_colon_names_which_ones():
    evidence = _evidence()
    assert invented_text.reason(evidence, "Which instruments does the faculty teach?", WHEN) is None
    question = "Which of the faculty's instruments is taught in evening classes only?"
    assert answer_type.expected(question) is None  # instruments, not a person
    assert answer_type.expected("Which of the councillors voted against?") == "person"
    assert invented_text.first(evidence, question).startswith("Harp")


def test_on_what_date_prefers_a_day_of_the_month_to_a_weekday():
    question = "On what date did the governors meet to agree the plan?"
    assert answer_type.dated_to_the_day("The governors met on May 9.", question)
    assert not answer_type.dated_to_the_day("It was approved on Tuesday.", question)
    assert not answer_type.dated_to_the_day("The governors met on May 9.", "When did the governors meet?")
    assert "May 9" in invented_text.first(_evidence(), question)


def test_a_renewal_is_not_dated_by_a_closing():
    text = "Oakum Bridge Shut\nBy Imre Sollis\nPublished May 20, 2032\n\nThe Oakum bridge was closed on Monday.\n"
    evidence = invented_text.evidence_of(text)
    found = invented_text.reason(evidence, "When was the bridge's deck last renewed?", WHEN)
    assert found is not None and "another event" in found
    assert invented_text.reason(evidence, "When was the Oakum bridge closed?", WHEN) is None


def test_he_said_after_a_paragraph_of_quotes_is_the_earlier_speaker():
    evidence = _evidence()
    question = "What did he say the faculty was costing each year? Mae Orrin"
    ranked = evidence.rank(question, invented_text.whole(TEXT), hinted=frozenset({"Mae", "Orrin"}))
    top = ranked[0]
    assert top.sentence.text.startswith("He said the school had a deficit") and top.names_ok


def test_the_review_stands_for_the_named_review_before_it():
    evidence = _evidence()
    question = "What did its review recommend? Oakum"
    ranked = evidence.rank(question, invented_text.whole(TEXT), hinted=frozenset({"Oakum"}))
    said = next(x for x in ranked if x.sentence.text.startswith("The review said"))
    assert said.names_ok


def test_the_club_stands_for_the_named_club_before_it():
    evidence = _evidence()
    question = "Who chairs it? (context: Which club wrote to the school about the damp?; Pellow)"
    ranked = evidence.rank(question, invented_text.whole(TEXT))
    chair = next(x for x in ranked if x.sentence.text.startswith("Ann Brae"))
    assert chair.names_ok


def test_how_much_in_a_currency_asks_for_money():
    question = "How much does the Tam Hill cafe take in dollars in a week?"
    assert answer_type.expected(question) == "quantity"
    assert not answer_type.holds(
        "quantity", "Ann Brae, who has run the Tam Hill cafe for 12 years, said trade fell.", question
    )
    assert answer_type.holds("quantity", "The cafe took $1,200 last week.", question)
    assert answer_type.holds("quantity", "The cafe has been open for 12 years.", "How long has the cafe been open?")


def test_a_budget_is_not_answered_by_a_shortfall():
    question = "What is Brae School's yearly budget?"
    assert answer_type.priced(question) == ["budget", "school"]
    gap = "It faced a $3.2 million shortfall in its budget and a deficit of about $0.8 million a year."
    assert answer_type.sums_for_other(question, gap, answer_type.priced(question)) is not None
    budget = "The school has a yearly budget of $80 million."
    assert answer_type.sums_for_other(question, budget, answer_type.priced(question)) is None


def test_who_made_a_thing_needs_the_making_told():
    closed = "Oakum Bridge Shut\nBy Imre Sollis\nPublished May 20, 2032\n\n"
    closed += "The Oakum bridge, which links Tam Hill with the village of Brae Cross, was closed on Monday.\n"
    found = invented_text.reason(invented_text.evidence_of(closed), "Who designed the Oakum bridge?", WHEN)
    assert found is not None and "designed" in found
    told = closed + "\nThe bridge, designed by Jo Pask, opened in 1931.\n"
    assert invented_text.reason(invented_text.evidence_of(told), "Who designed the Oakum bridge?", WHEN) is None
    group = "Oakum Pools\nBy Imre Sollis\nPublished May 20, 2032\n\n"
    group += "Ann Brae, who started the Save Our Pools group in May, said the council had ignored them.\n"
    assert invented_text.reason(invented_text.evidence_of(group), "Who founded the pools group?", WHEN) is None
    order = "Oakum Hall\nBy Imre Sollis\nPublished May 20, 2032\n\n"
    order += "The fire service issued a closure order barring the public from the hall.\n"
    signed = "Who signed the closure order issued by the fire service?"
    assert "signed" in (invented_text.reason(invented_text.evidence_of(order), signed, WHEN) or "")
    order += "\nThe order, signed by inspector Jo Pask, runs to four pages.\n"
    assert invented_text.reason(invented_text.evidence_of(order), signed, WHEN) is None


def test_last_year_and_reopening_are_other_times_and_events():
    from rag.answering.abstain import _other_event

    last = "By how much did Oakum Water's charges go up last year?"
    coming = "Charges are set to rise by 6 per cent from April 1, Oakum Water said yesterday."
    assert answer_type.other_time(last, coming) is not None
    assert answer_type.other_time(last, "Charges rose by 5 per cent last year and will rise again in April.") is None
    assert answer_type.other_time("What will charges rise by?", coming) is None
    reopen = "When will the aquarium reopen?"
    assert _other_event(reopen, "The zoo will close its aquarium for 12 months from July 1.") == "end"
    assert _other_event(reopen, "It will close on July 1 and reopen in the summer of 2033.") is None


def test_which_contractor_has_been_hired_needs_the_hiring():
    text = "Oakum Zoo Shuts Aquarium\nBy Imre Sollis\nPublished May 20, 2032\n\n"
    text += "Oakum Zoo will shut its aquarium for 12 months from July 1 after its boiler room failed.\n"
    question = "Which contractor has been hired to rebuild the boiler room?"
    found = invented_text.reason(invented_text.evidence_of(text), question, WHEN)
    assert found is not None and "hired" in found
    text += "\nBrisk Pumps Ltd has been hired to rebuild the boiler room.\n"
    assert invented_text.reason(invented_text.evidence_of(text), question, WHEN) is None
