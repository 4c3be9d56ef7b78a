"""Rules written from misses on the forty-sixth and forty-seventh documents, tried on a text written
for this test (no models):

- "four of its own rural depots" counts depots: "of its own" is not counted in how far a number may
  stand from what it counts;
- a currency's ISO code before a figure is money ("CZK 450 per person", "HUF 2.8 billion");
- "car visits rose from 318,000 in 2029 to 402,000": what is counted comes first, then the change;
- "in percentage terms, how does it compare?" and "what were the hotels' occupancy rates?" ask for a
  figure (a share of a hundred);
- everyday kin: a "warning" given is "notice" given; to "lower" a rate is to "cut" it;
- "how many car visits did Pellow's Tam Street depot record?" names two things, Pellow and its Tam
  Street depot: a figure told of Pellow's other depots is not the Tam Street depot's;
- "what annual profit did the firm make?" asks for a sum of money;
- "paying" is "pay" (a three-letter verb ending in a vowel and "y" takes "-ing" and "-ed"), and a
  "visitor" is a "guest";
- "how did Tam Lind characterise the plan?" asks for Tam Lind's words;
- "why was it approved unanimously?" is corrected by a split vote anywhere in the story, though
  retrieval did not bring it;
- "when is that due?" after an answer quoting a date: that date, not the next sentence's;
- "on which day will the van visit?" is not answered by the day the depot closes;
- "how much will pupils under 12 pay?" is answered, or declined, by "pupils under 12 will be exempt",
  not by what visitors in general pay.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answer import Passage
from rag.answering import answer_type
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Pellow Firm To Shut Rural Depots
By Imre Sollis
Published March 3, 2032

Brisk Haulage is to close four of its own rural depots on the Oakum coast, the firm said yesterday.

From 1 May 2032, visitors to the Oakum coast will pay CZK 450 per person for each night they stay.

Car visits rose from 318,000 in 2029 to 402,000 last year, an increase of about a quarter.

The new Oakum charge is 20 percent higher than the one in Tam Bay.

Brisk gave its customers eight weeks' notice of the closures.

The council agreed to review the charge after a year and to cut it if visits fall by more than 10 percent.

Pellow runs two depots outside the town, at Tam Street and at Brae Road.

Between them, Pellow's other depots took in about 1,140 car visits a week last year.

Tam Lind, who chairs the finance committee, spoke before the vote. "The plan is a fair charge," she said.

Brae Orrin, the opposition leader, spoke next. "The plan is a raid on visitors," he said.

The charge passed by seven votes to four after a long debate.

The new hall will be paid for by a separate loan that comes before the council next spring.

Brae Orrin said his group would table a motion in December asking for an audit of the council's books.

The Brae Road depot closes on Friday 28 March, and a mobile van will call at the road once a week.

Pupils under the age of 12 will be exempt from the visitor charge.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def test_a_count_read_past_of_its_own() -> None:
    question = "How many rural depots is Brisk Haulage closing?"
    assert answer_type.holds("quantity", "Brisk is to close four of its own rural depots.", question)
    assert answer_type.holds("quantity", "Brisk is to close four of its rural depots.", question)
    assert not answer_type.holds("quantity", "Brisk is to close four of its old vans and some depots.", question)
    evidence = _evidence()
    assert "four of its own rural depots" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_a_currency_code_before_a_figure_is_money() -> None:
    for text in ("Guests pay CZK 450 per person.", "The hall will cost HUF 2.8 billion."):
        assert answer_type.gives_money(text), text
    assert not answer_type.gives_money("The CZK figures were not published.")
    evidence = _evidence()
    question = "How much will each visitor pay per night under the new charge?"
    assert "CZK 450" in invented_text.first(evidence, question)
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_a_count_told_before_its_change() -> None:
    question = "How many car visits were recorded in 2029?"
    assert answer_type.holds("quantity", "Car visits rose from 318,000 in 2029 to 402,000 last year.", question)
    assert not answer_type.holds("quantity", "Car parks rose from 3 in 2029 to 5 last year.", question)
    evidence = _evidence()
    assert invented_text.reason(evidence, question, (2032, 3)) is None


def test_percentage_terms_and_occupancy_rates_ask_for_a_figure() -> None:
    question = "In percentage terms, how does the Oakum charge compare with the one in Tam Bay?"
    assert answer_type.expected(question) == "quantity"
    assert not answer_type.holds("quantity", "The charge sits between those of its two neighbours.", question)
    assert answer_type.holds("quantity", "It is 20 percent higher than the one in Tam Bay.", question)
    rates = "What were hotel occupancy rates on the Oakum coast last spring?"
    assert answer_type.expected(rates) == "quantity"
    assert answer_type.expected("Why did the tax rate rise?") is None
    evidence = _evidence()
    assert invented_text.reason(evidence, rates, (2032, 3)) is not None  # no rate is given


def test_warning_is_notice_and_lowering_is_cutting() -> None:
    for a, b in (("warning", "notice"), ("lower", "cut")):
        assert stem(b) in kin(stem(a)), (a, b)
    evidence = _evidence()
    assert invented_text.first(evidence, "How much warning did Brisk give its customers?").startswith("Brisk gave")
    assert "cut it if" in invented_text.first(evidence, "When will the council lower the charge?")


def test_a_possessive_ends_a_name() -> None:
    evidence = _evidence()
    names = evidence.names_in("How many did Pellow's Tam Street depot take?")
    assert [sorted(n) for n, _ in evidence._name_runs("How many did Pellow's Tam Street depot take?", names)] == [
        ["pellow"],
        ["street", "tam"],
    ]
    # the names a follow-up carries after its own words ("what did he say? Pellow's Tam") stay one hint
    runs = evidence._name_runs("What did he say about it? Pellow's Tam Street", names)
    assert [sorted(n) for n, _ in runs] == [["pellow", "street", "tam"]]
    question = "How many car visits a week did Pellow's Tam Street depot take in last year?"
    # the figure is of Pellow's other depots: the Tam Street depot is named in another paragraph
    assert invented_text.reason(evidence, question, (2032, 3)) is not None
    assert (
        invented_text.reason(evidence, "How many car visits a week did Pellow's other depots take in?", (2032, 3))
        is None
    )


def test_profit_asks_for_money() -> None:
    question = "What annual profit did Brisk Haulage make last year?"
    assert answer_type.expected(question) == "quantity"
    assert not answer_type.holds("quantity", "Brisk closed four of its depots last year.", question)
    assert answer_type.holds("quantity", "Brisk made a profit of £4.1 million last year.", question)


def test_paying_is_pay_and_a_visitor_a_guest() -> None:
    for a, b in (("paying", "pay"), ("saying", "say"), ("buying", "buy"), ("prayed", "pray")):
        assert stem(a) == stem(b), (a, b)
    assert stem("playing") == stem("played")
    assert stem("guests") in kin(stem("visitors"))
    evidence = _evidence()
    question = "From what date will tourists start paying the charge?"
    assert "1 May 2032" in invented_text.first(evidence, question)


def test_how_someone_characterised_it_asks_for_their_words() -> None:
    evidence = _evidence()
    for name, words in (("Tam Lind", "a fair charge"), ("Brae Orrin", "a raid on visitors")):
        question = f"How did {name} characterise the plan?"
        assert words in invented_text.first(evidence, question), name


def test_a_split_vote_corrects_unanimous_though_retrieval_missed_it() -> None:
    evidence = _evidence()
    question = "Why did the council approve the charge unanimously?"
    start, end = evidence.text.index("Tam Lind, who chairs"), evidence.text.index("Brae Orrin")
    retrieved = [Passage("one", evidence.text[start:end], start, end, 1.0)]  # without the vote
    assert "seven votes to four" not in retrieved[0].text
    ranked = evidence.rank(question, retrieved)
    assert ranked[0].sentence.text.startswith("The charge passed by seven votes to four")
    # a question that takes no unanimity for granted is not answered with the vote
    ranked = evidence.rank("Why did the council agree to review the charge?", retrieved)
    assert "seven votes" not in ranked[0].sentence.text


def test_when_is_that_due_asks_for_the_date_just_quoted() -> None:
    evidence = _evidence()
    loan = next(i for i, x in enumerate(evidence.sentences) if x.text.startswith("The new hall will be paid"))
    passages = invented_text.whole(evidence.text)
    ranked = evidence.rank("When is that due before the council?", passages, following=[loan])
    assert ranked[0].sentence.text.startswith("The new hall will be paid")
    # a question not about what was just quoted gains nothing from it
    ranked = evidence.rank("When will Brae Orrin's group table its motion?", passages, following=[loan])
    assert ranked[0].sentence.text.startswith("Brae Orrin said")


def test_the_day_a_van_visits_is_not_the_day_a_depot_closes() -> None:
    evidence = _evidence()
    reason = invented_text.reason(evidence, "On which day of the week will the mobile van visit Brae Road?", (2032, 3))
    assert reason is not None and "another event" in reason
    assert invented_text.reason(evidence, "On which day will the Brae Road depot close?", (2032, 3)) is None


def test_those_exempt_pay_nothing() -> None:
    evidence = _evidence()
    question = "How much will pupils under 12 pay per night under the new charge?"
    ranked = evidence.rank(question, invented_text.whole(evidence.text))
    assert ranked[0].sentence.text.startswith("Pupils under the age of 12 will be exempt")
    # those the question has paying are not exempt: the charge itself answers
    question = "How much will each visitor pay per night under the new charge?"
    assert "CZK 450" in invented_text.first(evidence, question)
