"""Abstention rules and answer types, on hand-built evidence (no models)."""

from rag.answering import answer_type
from rag.answering.abstain import abstain_reason, unknown_names
from rag.answering.evidence import Evidence

TEXT = (
    "The checkpoints were installed on April 23 along the corridor. "
    "Foreign Minister Jeyhun Bayramov met his counterpart. "
    "The talks lasted four days."
)
EVIDENCE = Evidence(TEXT)


def ranked(question: str):
    from rag.answer import Passage

    return EVIDENCE.rank(question, [Passage("p", TEXT, 0, len(TEXT), 1.0)])


def test_a_name_the_article_never_uses_is_reported():
    assert unknown_names("What did Sergey Lavrov say in Moscow?", EVIDENCE.vocabulary) == ["Sergey", "Lavrov", "Moscow"]
    assert unknown_names("What did Bayramov say?", EVIDENCE.vocabulary) == []


def test_the_first_word_of_a_question_is_not_taken_for_a_name():
    assert unknown_names("Besides that, when were checkpoints installed?", EVIDENCE.vocabulary) == []


def test_a_year_the_article_never_mentions_is_unknown():
    assert unknown_names("What happened in 2031?", EVIDENCE.vocabulary) == ["2031"]


def test_question_types_are_recognised():
    assert answer_type.expected("How many checkpoints are there?") == "quantity"
    assert answer_type.expected("When were they installed?") == "date"
    assert answer_type.expected("Who met Bayramov?") == "person"
    assert answer_type.expected("Why did the talks stall?") is None


def test_a_date_question_needs_a_date_and_a_day_question_needs_more_than_a_year():
    assert answer_type.holds("date", "installed on April 23", "When were they installed?")
    assert not answer_type.holds("date", "the ceasefire of 2020", "On what exact date was it signed?")
    assert answer_type.holds("date", "the ceasefire of 2020", "In what year was it signed?")


def test_a_quantity_question_is_not_answered_by_a_date():
    assert not answer_type.holds("quantity", "installed on April 23 in 2023", "How many checkpoints?")
    assert answer_type.holds("quantity", "The talks lasted four days.", "How many days did the talks last?")
    assert not answer_type.holds("quantity", "The corridor is long.", "How long is the corridor in kilometres?")


def test_a_who_question_prefers_a_sentence_naming_someone_new():
    assert answer_type.holds(
        "person", "Foreign Minister Jeyhun Bayramov met his counterpart.", "Who met his counterpart?"
    )
    assert not answer_type.holds("person", "The Foreign Minister met his counterpart.", "Who met his counterpart?")


def test_relevant_evidence_with_the_right_type_is_answerable():
    assert abstain_reason("When were the checkpoints installed?", ranked("When were the checkpoints installed?"),
                          EVIDENCE.vocabulary, 0.2) is None  # fmt: skip


def test_evidence_about_the_topic_but_without_the_asked_quantity_is_declined():
    q = "How many checkpoints were installed along the corridor?"
    assert abstain_reason(q, ranked(q), EVIDENCE.vocabulary, 0.2) == "no quantity in the best evidence"


def test_names_alone_do_not_make_evidence_relevant():
    q = "What is the main industry of Bayramov's hometown?"
    assert "topic" in (abstain_reason(q, ranked(q), EVIDENCE.vocabulary, 0.0) or "")
    # a population is a figure: the text never gives one
    q = "What is the population of Bayramov's hometown?"
    assert "population" in (abstain_reason(q, ranked(q), EVIDENCE.vocabulary, 0.0) or "")


def test_weak_evidence_is_declined_by_the_relevance_threshold():
    q = "Tell me a joke about penguins"
    assert "scores" in (abstain_reason(q, ranked(q), EVIDENCE.vocabulary, 0.35) or "")


def test_questions_about_events_after_publication_are_recognised():
    from rag.answering.abstain import asks_after_publication

    assert asks_after_publication("Where will the next round of talks be held?")
    assert asks_after_publication("Was a treaty signed later in 2023?")
    assert asks_after_publication("What happened after the article was published?")
    assert not asks_after_publication("What will Armenia have to do if no agreement is reached?")
    assert not asks_after_publication("What did he say next?")


def test_how_many_wants_a_number_of_the_thing_asked_about():
    q = "How many days did the peace talks last?"
    assert answer_type.holds("quantity", "The four-day peace talks ended.", q)
    assert answer_type.holds("quantity", "They talked for 4 days.", q)
    assert not answer_type.holds("quantity", "The two sides talked over the last few days.", q)
