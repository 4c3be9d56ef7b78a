# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on fresh text, tried on a text written for this test (no models):

- "how much did the 2017 refit cost?" is not answered by another figure from a sentence (and
  neighbours) that never name 2017;
- "what is the helpline's phone number?" wants digits, not "a helpline";
- "how many staff?" is not answered by a count of visitors, though both are people, nor by "37
  works of art";
- "how much money will the appeal raise?" is not answered by a share of something else, and "how
  much is the average bill?" or "how much is it insured for?" want money;
- a thing named by an everyday kin ("homes" / "households", "rent" / "lease", "noticed" /
  "discovered") is found (a figure asked of the rent must still be the rent's);
- "what has the culture ministry said?" of a text with no ministry is declined;
- "who said ...?" of '"...," she told the Gazette' is answered by whom "she" stands for;
- "which one is cheaper?" after an answer quoting both figures is answered by that sentence;
- "what is the largest penalty / the minimum period?" wants money or a span of time;
- "how did the regulator respond?" is not answered by "X called on the regulator to act".

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.retrieval.lexical import kin, stem
from tests import invented_text

TEXT = """Pellow Aquarium Shuts Tank Hall After Pump Failure
By Imre Sollis
Published March 9, 2032

PELLOW - The Pellow Aquarium has closed its Tank Hall for at least nine months after a pump failure flooded the basement.

The failure was discovered by a night cleaner shortly after 4am on February 20.

The hall last had its pumps replaced in 2017, according to director Oda Brenn.

The Tank Hall opened in 1994 with 22 tanks. Its largest tank holds 400,000 litres.

Brenn said a new pumping system would cost a further €480,000, which the board has not yet found.

The Tank Hall normally holds about 30 per cent of the aquarium's animals, and last year it drew most of the aquarium's 64,000 visitors.

The board will launch a public appeal in April, inviting local firms to help pay for the new pumps.

Visitors can report concerns through the aquarium's website or a dedicated helpline.

The council has agreed to lease a former boathouse to the aquarium for €5 a month while the hall is shut.

During the aquarium's last closure, in 2009, 12 households near the site were sent notices about noise from the works.

The average household water bill in the town rose to €410 this year, the water board said.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _reason(question: str) -> str | None:
    return invented_text.reason(_evidence(), question, (2032, 3))


def test_a_figure_pinned_to_a_year_needs_that_year() -> None:
    reason = _reason("How much did the 2017 pump replacement cost?")
    assert reason is not None and "2017" in reason
    # the year named beside the figure answers
    assert _reason("How many households were sent notices during the 2009 closure?") is None
    assert answer_type.undated_figure("How much did the 2017 refit cost?", "It cost €2m in 2017.") is None
    # a neighbour may carry the year ("In 2017 the hall was refitted. It cost €2m.")
    assert answer_type.undated_figure("How much did the 2017 refit cost?", "It cost €2m.", {"2017", "refit"}) is None
    assert answer_type.undated_figure("How much did the refit cost?", "It cost €2m.") is None


def test_a_phone_number_needs_digits() -> None:
    reason = _reason("What is the phone number of the helpline for reporting concerns?")
    assert reason is not None and "number" in reason
    assert _reason("What is the total number of visitors the aquarium drew last year?") is None


def test_staff_are_not_visitors() -> None:
    question = "How many staff does the aquarium employ?"
    assert not answer_type.holds("quantity", "Last year it drew most of the aquarium's 64,000 visitors.", question)
    assert answer_type.holds("quantity", "The aquarium employs 42 keepers and 11 cleaners.", question)
    assert answer_type.holds("quantity", "It has 53 employees.", question)
    # the stemmer makes "workers" and "works" one stem; works of art are no workers
    assert not answer_type.holds("quantity", "The flood damaged 37 works of art.", "How many workers were hurt?")
    assert answer_type.holds("quantity", "The flood hurt 37 workers.", "How many workers were hurt?")
    assert _reason(question) is not None
    # people of any kind still count as people
    assert answer_type.holds("quantity", "It drew 64,000 visitors.", "How many people went to the aquarium?")


def test_money_itself_is_not_a_share() -> None:
    question = "How much money does the public appeal aim to raise?"
    assert not answer_type.holds(
        "quantity", "It holds about 30 per cent of the animals and drew 64,000 visitors.", question
    )
    assert answer_type.holds("quantity", "The appeal aims to raise €200,000.", question)
    assert _reason(question) is not None
    # a rise asked "by how much" is still answered by a share
    assert answer_type.holds("quantity", "Prices rose by 12 per cent.", "By how much did prices rise?")


def test_how_much_is_a_bill_or_an_insured_sum_is_money() -> None:
    bill = "How much is the average household water bill?"
    assert not answer_type.holds("quantity", "It loses 95 million litres a day, 18 per cent of supply.", bill)
    assert answer_type.holds("quantity", "The average bill rose to €410 this year.", bill)
    insured = "How much is the tank insured for?"
    assert not answer_type.holds("quantity", "The tank holds 14 sharks.", insured)
    assert answer_type.holds("quantity", "The tank is insured for €2 million.", insured)


def test_everyday_kin_are_found() -> None:
    assert _reason("How many homes were sent notices during the previous closure?") is None
    assert "12 households" in invented_text.first(
        _evidence(), "How many homes were sent notices during the previous closure?"
    )
    rent = "What rent will the council charge the aquarium for the boathouse?"
    assert "€5 a month" in invented_text.first(_evidence(), rent)  # ranked first; its figure is still checked
    assert stem("discovered") in kin(stem("noticed"))


def test_who_said_a_quote_given_to_a_paper_is_the_pronoun_s_speaker() -> None:
    from rag.answering.citations import CitationBook
    from rag.answering.evidence import Evidence, pronoun_speaks
    from rag.engine import _extractive

    text = (
        "Tank Hall\n\nDirector Oda Brenn said the flood was the worst in the aquarium's history.\n\n"
        '"We watched the water rise for an hour," she told the Pellow Gazette on Friday.'
    )
    small = Evidence(text, header_end=text.find("\n\n"))
    assert pronoun_speaks('"We watched the water rise for an hour," she told the Pellow Gazette on Friday.')
    assert not pronoun_speaks("Brenn said she told the board.")  # the speaker is named
    q = 'Who said that staff had "watched the water rise"?'
    ranked = small.rank(q, invented_text.whole(text))
    assert ranked[0].sentence.text.startswith('"We watched')
    named = small.speaker_named(ranked[0].sentence)
    assert named is not None and "Oda Brenn" in named.text  # not the paper the quote was given to
    quoted = _extractive(ranked, CitationBook(text), small, who=True)
    assert quoted.startswith("Director Oda Brenn said")


def test_what_a_body_the_article_never_mentions_said_is_declined() -> None:
    reason = _reason("What has the national culture ministry said about paying for the new pumps?")
    assert reason is not None and "ministry" in reason
    reason = _reason("How did the city police respond to the flood?")
    assert reason is not None and "police" in reason
    # a role the article has, or one anyone speaking may be called, is for the other checks
    assert "never mentions" not in (_reason("What did the director say about the new pumping system?") or "")
    assert "never mentions" not in (_reason("What did the aquarium's spokesperson say about the new pumps?") or "")


def test_which_one_is_cheaper_is_answered_by_the_sentence_giving_both_figures(tmp_path) -> None:
    from rag.answer import Turn
    from tests.support import fake_engine

    article = tmp_path / "article.txt"
    article.write_text(
        "Roof Bids In\nBy Imre Sollis\nPublished March 9, 2032\n\n"
        "PELLOW - The Pellow Aquarium board has received two bids to repair the roof of its Tank Hall.\n\n"
        "Brisk Builders bid €3.2 million with a finish in 11 months, and Holm Roofing bid €2.9 million with a "
        "finish in 17 months.\n\n"
        "Director Oda Brenn said the board would decide in May. She said the insurer had offered €420,000.\n\n"
        "Visitors can still see the other halls, which open daily from 10am.\n"
    )
    engine, _ = fake_engine(tmp_path, ["The article does not say."] * 4, article_path=article)
    both = (
        "Brisk Builders bid €3.2 million with a finish in 11 months, and Holm Roofing bid €2.9 million with a "
        "finish in 17 months [1]."
    )
    history = [Turn("Which two firms bid for the roof repair?", both)]
    answer = engine.ask("Which one is cheaper?", history=history)
    assert not answer.abstained, answer.abstain_reason
    assert "Holm Roofing bid €2.9 million" in answer.text
    # not a choice between what was quoted: the other checks stand
    assert engine.ask("Which one opens daily?", history=history).text != answer.text


def test_the_largest_penalty_or_the_shortest_period_is_a_figure() -> None:
    period = "What is the minimum period the hall will stay shut?"
    assert answer_type.expected(period) == "quantity"
    assert answer_type.holds("quantity", "The hall has closed for at least nine months.", period)
    assert not answer_type.holds("quantity", "It drew most of the aquarium's 64,000 visitors.", period)
    assert "nine months" in invented_text.first(
        _evidence(), "What is the minimum period the Tank Hall will stay closed?"
    )
    fine = "What is the largest penalty the regulator can impose?"
    assert answer_type.holds("quantity", "Offenders face a fine of up to €1,000.", fine)
    assert answer_type.holds("quantity", "It can impose fines of up to 4 per cent of turnover.", fine)
    assert not answer_type.holds("quantity", "In 2009, 12 households were sent notices.", fine)
    assert answer_type.expected("What is the largest tank in the aquarium?") is None  # a name, not a figure


def test_what_was_put_to_a_body_is_not_its_response() -> None:
    text = TEXT + "\nCampaigner Tam Lind called on the marine regulator to inspect the tanks.\n"
    evidence = invented_text.evidence_of(text)
    reason = invented_text.reason(
        evidence, "How did the marine regulator respond to the call for an inspection?", (2032, 3)
    )
    assert reason is not None and "regulator" in reason
    # a response of its own among the best few sentences keeps the question open
    answered = invented_text.evidence_of(text + "\nThe marine regulator said it would inspect the tanks in April.\n")
    reason = invented_text.reason(
        answered, "How did the marine regulator respond to the call for an inspection?", (2032, 3)
    )
    assert reason is None
