"""Evidence selection, abstention and follow-up rules on the *second* document (no models).

The rules were written while reading the main article; these tests check that they hold on a text
with other names, numbers and structure (eval/second/article.txt, a different news story).
"""

from __future__ import annotations

import pytest

from rag.answer import Passage, Turn
from rag.answering import answer_type
from rag.answering.abstain import abstain_reason, unknown_names
from rag.answering.evidence import Evidence
from rag.answering.followup import contrasts, referents, standalone_question
from rag.evaluation.dataset import SECOND_ARTICLE
from rag.ingest.article import load_article


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    text = load_article(SECOND_ARTICLE).text
    return Evidence(text, header_end=text.find("\n\n"))


def whole(evidence: Evidence) -> list[Passage]:
    return [Passage("all", evidence.text, 0, len(evidence.text), 1.0)]


def best(evidence: Evidence, question: str) -> str:
    return evidence.rank(question, whole(evidence))[0].sentence.text


def test_names_are_words_the_text_always_capitalises(evidence: Evidence):
    assert {"munteanu", "brekke", "hallberg", "quiroga"} <= evidence.proper
    assert "council" not in evidence.proper and "plant" not in evidence.proper
    assert evidence.names_in("What did Quiroga tell the Council?") == {"quiroga"}


def test_how_much_questions_accept_amounts_and_fractions(evidence: Evidence):
    q = "How much will the town pay to buy the cannery site?"
    assert answer_type.holds("quantity", "will have to be bought for €9.3 million", q)
    assert answer_type.holds("quantity", "had cost her a third of her summer income", "How much income did it cost?")
    assert not answer_type.holds("quantity", "The plant's energy use was another point of dispute.", q)


def test_how_many_counts_the_thing_asked_about():
    q = "How many boats does the cooperative have?"
    assert answer_type.holds("quantity", "whose 140 boats land most of the mackerel", q)
    assert not answer_type.holds("quantity", "the finished plant will employ 42 permanent staff", q)


def test_an_iso_date_is_a_year_and_may_the_verb_is_not_a_month():
    assert answer_type.holds("date", "Construction is scheduled to begin in March 2025.", "When does it start?")
    assert not answer_type.holds("date", "peace may lead to stronger ties", "When was it founded?")


def test_a_quantity_question_picks_the_sentence_with_the_amount(evidence: Evidence):
    assert "1.3 litres" in best(evidence, "How much brine goes back into the sea for every litre of drinking water?")
    assert "€30 million" in best(evidence, "How much did Brekke want to spend on repairing pipes?")


def test_a_who_question_prefers_the_sentence_that_names_someone(evidence: Evidence):
    assert "Dalia Munteanu" in best(evidence, "Who chairs the Elvane Fishers' Cooperative?")


def test_the_byline_answers_who_wrote_it_even_without_the_word_author(evidence: Evidence):
    ranked = evidence.rank("Who wrote the article?", [])  # retrieval found nothing
    assert ranked and "Marta Okonkwo-Reyes" in ranked[0].sentence.text


def test_what_did_x_say_wants_x_words_not_another_speaker_at_the_same_event(evidence: Evidence):
    q = "What did Quiroga say about the solar farm?"
    ranked = evidence.rank(q, whole(evidence))
    governor = next(r for r in ranked if "solar farm" in r.sentence.text and "Governor" in r.sentence.text)
    assert not governor.names_ok  # the governor announced it, not Quiroga
    assert abstain_reason(q, ranked, evidence.vocabulary, 0.0) is not None


def test_a_quote_running_over_sentences_belongs_to_the_speaker_named_next_to_it(evidence: Evidence):
    q = "What did Munteanu say about the people who work the water?"
    top = evidence.rank(q, whole(evidence))[0]
    assert "Nobody asked the people" in top.sentence.text and top.names_ok


def test_a_name_the_text_never_uses_is_unknown_and_a_word_family_is_known(evidence: Evidence):
    assert unknown_names("What did Sigrid Holm say?", evidence.vocabulary) == ["Sigrid", "Holm"]
    assert unknown_names("Did the Norrhavn professor agree?", evidence.vocabulary) == []


def test_relevant_typed_evidence_is_answered_and_a_missing_type_is_declined(evidence: Evidence):
    q = "When is construction supposed to start?"
    assert abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.3) is None
    q = "How many tonnes of crab does the cooperative land each year?"
    assert abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.3) is not None


def test_a_generic_sentence_scores_lower_than_a_specific_one_with_embeddings():
    text = "The council met on Monday. The council approved the plan. The pipes lose 18 percent of the water."
    base = Evidence(text, [[1.0, 0.0, 0.0], [1.0, 0.1, 0.0], [0.0, 1.0, 0.0]])
    assert base.generic[0] > base.generic[2]  # the first two resemble the text as a whole


# -- follow-ups ---------------------------------------------------------------------------------


def test_referents_are_the_names_of_the_last_two_turns_most_recent_first(evidence: Evidence):
    history = [
        Turn("Who chairs the fishers' cooperative?", "Its chair, Dalia Munteanu, said the outfall would sit [1]."),
        Turn("How many boats does the cooperative have?", "whose 140 boats land most of the mackerel [1]."),
    ]
    names = referents(history, lambda w: evidence.names_in(w, first_too=True))
    assert "Munteanu" in names and "Dalia" in names


def test_a_pronoun_follow_up_is_ranked_with_the_name_it_stands_for(evidence: Evidence):
    history = [
        Turn("Who chairs the fishers' cooperative?", "Its chair, Dalia Munteanu, said the outfall would sit [1]."),
        Turn("How many boats does the cooperative have?", "whose 140 boats land most of the mackerel [1]."),
    ]
    rewrite = standalone_question(
        "What did she call the compensation fund?", history, None, lambda w: evidence.names_in(w, first_too=True)
    )
    assert rewrite.method == "fallback" and "Munteanu" in rewrite.focus
    assert "price tag" in best(evidence, rewrite.focus)


def test_a_bare_why_is_ranked_against_the_previous_question(evidence: Evidence):
    history = [Turn("Which councillor argued that fixing leaks would be cheaper?", "Tomas Brekke [1].")]
    rewrite = standalone_question("Why?", history, None, lambda w: evidence.names_in(w, first_too=True))
    assert "fixing leaks" in rewrite.focus
    assert "18 percent" in best(evidence, rewrite.focus)


def test_the_other_one_excludes_what_was_already_cited(evidence: Evidence):
    first = next(s for s in evidence.sentences if s.text.startswith("The council's planning committee"))
    history = [Turn("Which site did the planning committee favour at first?", first.text[:-1] + " [1].")]
    assert contrasts("What about the other one?")
    assert evidence.cited_in(history[0].answer) == [evidence.sentences.index(first)]
    assert not contrasts("Why did the council vote?")


def test_an_llm_rewrite_that_is_not_a_question_falls_back(evidence: Evidence):
    history = [Turn("Who is Rafael Quiroga?", "Rafael Quiroga, Halvorsen Aqua's chief engineer, told the hearing [1].")]
    rewrite = standalone_question(
        "And the brine?", history, lambda q, h: "purple monkey", lambda w: evidence.names_in(w, first_too=True)
    )
    assert rewrite.method == "fallback" and "Quiroga" in rewrite.text
