# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Evidence selection and abstention rules, on a text written for this test (no models).

Each rule is generic English, not this text's words: speakers separated from their verb by an
appositive, "asked" as reported speech, lengths for "how long is", "which body" wanting a name,
the scene of a "why ... when" question, a thing measured that the text never mentions, an answer
the text says was withheld, clauses of long sentences, and citation markers outside quotes.
"""

from __future__ import annotations

import pytest

from rag.answer import Passage, Turn
from rag.answering import answer_type
from rag.answering.abstain import abstain_reason, still_to_come, topic_terms
from rag.answering.citations import with_marker
from rag.answering.evidence import NAME_PENALTY, Evidence, clauses
from rag.answering.followup import standalone_question
from rag.engine import _restates
from rag.ingest.sentences import sentences
from rag.retrieval.lexical import terms

TEXT = """Canal Bridge Reopens After Two-Year Repair
By Lio Marsh
2030-09-02

The Wexley Canal bridge, the 240-metre crossing that links the old town with the harbour, reopened to traffic on Monday after a repair that took two years and cost £31 million.

Work was delayed when divers found that three of the bridge's piers had been undermined by the current. Nobody was injured when a section of the footway dropped in 2029, because the bridge had already been closed to pedestrians, but the Harbour Safety Board refused to sign off the first repair plan.

Councillor Mara Penhale, who chairs the council's works committee and voted against the first plan, said the delay had been "a price worth paying for a bridge that will stand." She added that the council would publish the final accounts in the spring.

Tomas Greer, who speaks for the Old Town Traders, a group of about 140 shops, said trade had fallen by a third. He asked the council to waive parking charges until Christmas. The council's chief engineer declined to say how many of the original piers had been replaced.

An inquiry into the first plan, led by the retired judge Iris Kade, will report next year."""


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return Evidence(TEXT, header_end=TEXT.find("\n\n"))


def whole(evidence: Evidence) -> list[Passage]:
    return [Passage("all", evidence.text, 0, len(evidence.text), 1.0)]


def first(evidence: Evidence, question: str) -> str:
    return evidence.rank(question, whole(evidence))[0].sentence.text


def test_a_speaker_is_found_past_an_appositive_clause(evidence: Evidence):
    # "X, who chairs the committee and voted against the plan, said": the verb is far from the name
    top = evidence.rank("What did Councillor Mara Penhale say about the delay?", whole(evidence))[0]
    assert top.sentence.text.startswith("Councillor Mara Penhale")
    assert top.names_ok and top.speaker_checked
    top = evidence.rank("How did Tomas Greer say trade had changed?", whole(evidence))[0]
    assert top.sentence.text.startswith("Tomas Greer") and top.names_ok


def test_what_someone_asked_for_is_their_reported_speech(evidence: Evidence):
    assert first(evidence, "What did Tomas Greer ask the council to do?").startswith("He asked the council")


def test_how_long_is_a_thing_may_ask_a_length():
    q = "How long is the Wexley Canal bridge?"
    assert answer_type.expected(q) == "quantity"
    assert answer_type.holds("quantity", "the 240-metre crossing that links the old town", q)
    assert answer_type.holds("quantity", "a repair that took two years", q)
    assert not answer_type.holds("quantity", "three of the bridge's piers", q)
    # "how long" is the question's form, not its topic
    assert topic_terms(q) == {"bridg"}


def test_which_body_wants_a_name():
    q = "Which body refused to sign off the first plan?"
    assert answer_type.expected(q) == "person"
    assert answer_type.holds("person", "but the Harbour Safety Board refused to sign off the first repair plan", q)
    assert not answer_type.holds("person", "Work was delayed when divers found the piers undermined.", q)


def test_a_why_question_is_about_its_main_clause_not_the_scene(evidence: Evidence):
    # the "when ..." clause sets the scene; the sentence telling the scene is not the reason
    q = "Why was nobody hurt when a section of the footway dropped?"
    assert first(evidence, q).startswith("Nobody was injured")


def test_a_long_sentence_is_split_into_clauses():
    text = "Nobody at all was injured, because the bridge was closed, but the Board refused to sign off the plan."
    parts = [text[s:e] for s, e in clauses(text, 0, len(text))]
    assert parts == [
        "Nobody at all was injured, ",
        "because the bridge was closed, ",
        "but the Board refused to sign off the plan.",
    ]
    assert clauses("A short sentence, but fine.", 0, 27) == []  # a piece under four words joins its neighbour


def test_a_thing_measured_that_the_text_never_mentions_is_declined(evidence: Evidence):
    q = "How much will a parking permit for the harbour cost?"
    assert answer_type.measured(q) == ["permit"]
    ranked = evidence.rank(q, whole(evidence))
    reason = abstain_reason(q, ranked, evidence.vocabulary, 0.0)
    assert reason is not None and "permit" in reason
    assert answer_type.measured("What is Mara Penhale's salary?") == ["salary"]
    # a form noun ("what share") or a thing the text mentions is not grounds to decline
    assert answer_type.measured("What share of the cost did the council pay?") == []
    q = "How much did the repair cost?"
    assert answer_type.measured(q) == ["repair"]
    assert abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.0) is None


def test_an_answer_the_text_says_was_withheld_is_declined(evidence: Evidence):
    q = "How many of the original piers have been replaced?"
    reason = abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.0)
    assert reason is not None and reason.startswith("the article says this was not disclosed")
    # a sentence that withholds something else does not decline a question it answers
    q = "How many shops are in the Old Town Traders?"
    assert abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.0) is None


def test_a_generated_sentence_that_restates_the_question_answers_nothing():
    asked = set(terms("Who chairs the council's works committee?"))
    assert _restates("The council's chairman is the chair of the council's works committee [1].", asked)
    assert not _restates("Mara Penhale chairs the council's works committee [1].", asked)


def test_a_citation_marker_goes_after_a_closing_quote_and_stays_with_its_sentence():
    quoted = with_marker('He said trade had been "a price worth paying."', 2)
    assert quoted == 'He said trade had been "a price worth paying." [2]'
    assert with_marker("Trade fell by a third.", 1) == "Trade fell by a third [1]."
    answer = quoted + " It reopened on Monday [3]."
    assert [answer[s:e] for s, e in sentences(answer)] == [quoted, "It reopened on Monday [3]."]


ANNOUNCING = """Two plans were put to the council. The first would close the bridge for a year. The second would keep one lane open.

The works took two years to finish."""


def test_a_sentence_announcing_a_list_is_quoted_with_the_first_item():
    doc = Evidence(ANNOUNCING)
    opener = doc.sentences[0]
    assert doc.announced(opener) is doc.sentences[1]
    assert doc.announced(doc.sentences[1]) is None  # a plain sentence announces nothing
    assert doc.announced(doc.sentences[-1]) is None  # "two years" is a span, not a list


def test_a_follow_ups_own_nouns_are_required_but_not_its_verbs():
    history = [Turn("What method will the plant use?", "The plant will use reverse osmosis [1].")]
    assert standalone_question("And the brine?", history, None).required == {"brine"}
    assert standalone_question("What happened to his proposal?", history, None).required == {"proposal"}
    assert standalone_question("Where will it be built?", history, None).required == frozenset()
    assert standalone_question("Why?", history, None).required == frozenset()


def test_a_follow_up_noun_lowers_sentences_without_it(evidence: Evidence):
    q = "And the parking charges? (context: What did Tomas Greer say?)"
    plain = {r.sentence.start: r.score for r in evidence.rank(q, whole(evidence))}
    required = {r.sentence.start: r.score for r in evidence.rank(q, whole(evidence), required={"park"})}
    near = evidence.sentences[index_of(evidence, "He asked the council")]
    far = evidence.sentences[index_of(evidence, "An inquiry into the first plan")]
    assert required[near.start] == plain[near.start]
    assert required[far.start] == pytest.approx(plain[far.start] * NAME_PENALTY)


def index_of(evidence: Evidence, start: str) -> int:
    return next(i for i, s in enumerate(evidence.sentences) if s.text.startswith(start))


@pytest.mark.parametrize(
    "text", ["would report by the end of the year", "will report next year", "will publish the accounts in the spring"]
)
def test_relative_dates_answer_when(text: str):
    assert answer_type.holds("date", text, "When will it report?")


def test_a_follow_up_answered_by_the_sentence_after_the_last_quote_skips_the_topic_check(evidence: Evidence):
    # "why was it turned down?" paraphrases the previous quote; the next sentence need not share its words
    q = "Why was it turned down?"
    ranked = evidence.rank(q, whole(evidence))
    assert abstain_reason(q, ranked, evidence.vocabulary, 0.0) is not None
    assert abstain_reason(q, ranked, evidence.vocabulary, 0.0, follows=True) is None


ROLES = """The harbour board met on Monday to approve the accounts.

Its chair, Lena Ross, opened the meeting. The treasurer, Paul Ng, read the accounts."""


def test_words_for_whoever_leads_a_body_rank_as_one_but_are_never_verified_as_one():
    doc = Evidence(ROLES)
    passages = [Passage("all", doc.text, 0, len(doc.text), 1.0)]
    # "who heads the board?" is answered by "its chair, X", not by the sentence naming the board
    ranked = doc.rank("Who heads the harbour board?", passages)
    assert ranked[0].sentence.text.startswith("Its chair, Lena Ross")
    assert abstain_reason("Who leads it?", ranked, doc.vocabulary, 0.0) is None
    # the support check keeps them apart: "heads" is not "chairs"
    assert doc.support("Lena Ross heads the meeting.", passages, [0], 0.99) is None
    assert doc.support("Lena Ross opened the meeting.", passages, [0], 0.99) is not None


def test_how_something_turned_out_is_declined_when_the_text_tells_of_it_as_still_to_come(evidence: Evidence):
    q = "What did Iris Kade's inquiry conclude about the first plan?"
    reason = abstain_reason(q, evidence.rank(q, whole(evidence)), evidence.vocabulary, 0.0, (2030, 9))
    assert reason == "the article reports this as still to come"
    # what the text reports as done is answered
    q = "What did the Harbour Safety Board decide about the first repair plan?"
    ranked = evidence.rank(q, whole(evidence))
    assert not still_to_come(q, ranked[:3], (2030, 9))
    # a later month of the publication year, which the text gives in the future
    doc = Evidence("Board Meets\n\nThe board said it would decide at its November meeting.")
    q = "What did the board decide at its November meeting?"
    ranked = doc.rank(q, [Passage("all", doc.text, 0, len(doc.text), 1.0)])
    assert still_to_come(q, ranked, (2030, 9))


def test_a_role_given_to_the_wrong_holder_is_caught():
    from rag.answering.support import conflict

    span = "Its chair, Lena Ross, said the outfall would sit in the middle of the crab grounds."
    assert conflict("The outfall is the chair of the harbour board.", span) is not None
    assert conflict("Lena Ross is the chair of the harbour board.", span) is None
    assert conflict("The outfall has been approved.", "The outfall has been approved by the board.") is None


def test_who_said_that_finds_the_speaker_of_the_last_quote(evidence: Evidence):
    from rag.answering.followup import asks_speaker

    assert asks_speaker("Who said that?") and asks_speaker("And who announced it?")
    assert not asks_speaker("Who chairs the committee?")
    quoted = index_of(evidence, "She added that the council would publish")
    assert evidence.speaker_sentence(quoted) == index_of(evidence, "Councillor Mara Penhale")
    assert evidence.speaker_sentence(index_of(evidence, "Tomas Greer")) == index_of(evidence, "Tomas Greer")
    ranked = evidence.rank("Who said that?", whole(evidence), speaker_of=[quoted])
    assert ranked[0].sentence.text.startswith("Councillor Mara Penhale")


FERRY = """Ferry Fares Rise as Operator Cuts Winter Sailings
By Ana Rook
2031-01-10

Photo: The ferry Marnie leaves Holt pier on Tuesday.

The Holt ferry company will raise fares by 12 percent from March, after it lost £2.4 million last year, its directors said on Tuesday.

A survey of 1,200 passengers found that most would still use the service. The new timetable starts in April, and a public meeting will be held next Thursday.

Councillor Bea Lund, who represents the island ward, left the meeting without speaking to reporters. The company's chairman, Piet Omar, said the cuts were "painful but necessary."

Advertisement

The harbour trust, which owns the pier, voted to freeze its own charges. Its engineers valued the pier at £5 million."""


@pytest.fixture(scope="module")
def ferry() -> Evidence:
    return Evidence(FERRY, header_end=FERRY.find("\n\n"))


def reason(evidence: Evidence, question: str) -> str | None:
    return abstain_reason(question, evidence.rank(question, whole(evidence)), evidence.vocabulary, 0.0)


def test_page_furniture_inside_the_body_is_never_evidence(ferry: Evidence):
    ranked = ferry.rank("Which ferry leaves Holt pier on Tuesday?", whole(ferry))
    assert ranked and not any(x.sentence.text.startswith(("Photo", "Advertisement")) for x in ranked)


def test_a_figure_the_question_gives_is_not_its_answer(ferry: Evidence):
    q = "How many of the 1,200 passengers would stop using the service?"
    assert not answer_type.holds("quantity", "A survey of 1,200 passengers found that most would stay.", q)
    assert answer_type.holds("quantity", "Of the 1,200 passengers, 300 would stop.", q)
    survey = next(x for x in ferry.rank(q, whole(ferry)) if x.sentence.text.startswith("A survey"))
    assert not survey.holds_type  # ranked without the answer-type bonus
    assert not answer_type.holds("date", "The 2029 plan was approved.", "When was the 2029 plan approved?")


def test_a_day_of_the_asked_month_not_a_weekday_alone(ferry: Evidence):
    q = "On what exact date in April does the new timetable start?"
    assert reason(ferry, q) == "no date in the best evidence"
    assert answer_type.holds("date", "It starts on April 14.", q)
    assert answer_type.holds("date", "It starts on Tuesday.", "On what date does it start?")


def test_silence_is_not_speech(ferry: Evidence):
    assert reason(ferry, "What did Councillor Bea Lund say about the fares?") == (
        "the best evidence does not give the words of whom the question names"
    )
    assert reason(ferry, "What did Piet Omar say about the cuts?") is None


def test_a_why_question_needs_a_stated_cause_or_someones_words(ferry: Evidence):
    assert reason(ferry, "Why did the harbour trust freeze its charges?") == "the best evidence gives no reason"
    assert reason(ferry, "Why will the ferry company raise fares?") is None


def test_a_cost_question_wants_the_figure_of_the_thing_it_names(ferry: Evidence):
    q = "How much did the survey cost?"
    assert answer_type.measured(q) == ["survey"]
    top = ferry.rank(q, whole(ferry))[0]
    assert "survey" in top.sentence.text and reason(ferry, q) == "no quantity in the best evidence"


def test_which_person_is_quoted_wants_a_name():
    assert answer_type.expected("Which island councillor is quoted in the article?") == "person"
    assert answer_type.expected("Which councillor argued for the cuts?") == "person"
    assert answer_type.expected("Which option did the board choose?") is None


def test_a_name_described_by_the_question_s_words_in_an_appositive_is_a_role_answer():
    q = "Who is the ferry company's finance director?"
    named = "Ida Brun, the company's finance director, said costs had risen."
    assert answer_type.holds("person", named, q)  # a name at the sentence's start counts
    assert answer_type.names_near_terms(named, q)
    assert not answer_type.names_near_terms("Ida Brun said the company would cut costs.", q)
    # words for whoever leads a body count as one here too
    assert answer_type.names_near_terms("The union's chair, Ida Brun, said so.", "Who heads the union?")
    q = "What is the name of the official who floated the plan?"
    assert not answer_type.names_near_terms("A plan for Holt Pier, floated by an official, was dropped.", q)


def test_short_inflected_words_are_kin_and_how_many_looks_past_a_modifier():
    from rag.retrieval.lexical import related

    assert related("vote", "voted") and related("plan", "plans") and not related("use", "used")
    q = "How many extra sailings will the company run?"
    assert answer_type.measured(q) == ["sailings"]
    assert answer_type.holds("quantity", "The company will add six new sailings a week.", q)


def test_which_other_is_a_question_not_a_contrast_and_and_opens_a_follow_up():
    from rag.answering.followup import accept_rewrite, contrasts, is_followup

    assert contrasts("And the other ferry?") and contrasts("Who else spoke?")
    assert not contrasts("Which other ferry does she use?")
    history = [Turn("Which ferry sailed from Holt pier?", "The Marnie sailed from Holt pier [1].")]
    assert is_followup("And what will happen to the pier once the ferry stops running?", history)
    assert not is_followup("What will happen to the pier once the ferry stops running?", history)
    # a model "rewrite" that gives the question back leaves the pronoun standing for the last names
    rewrite = standalone_question(
        "When did it sail?", history, lambda q, h: q, lambda w: {w} if w[0].isupper() else set()
    )
    assert rewrite.text == "When did it sail?" and "Marnie" in rewrite.focus
    assert accept_rewrite("When did the Marnie sail from Holt pier?", "When did it sail?", history)


def test_a_copula_claim_about_a_subject_the_span_never_mentions_is_caught():
    from rag.answering.support import conflict

    span = "Ida Brun, the Holt branch secretary of the Allied Ferry Workers, said pay had fallen."
    assert conflict("The union is the Holt branch secretary of the Allied Ferry Workers.", span) is not None
    assert conflict("Ida Brun is the Holt branch secretary of the Allied Ferry Workers.", span) is None


def test_who_is_someone_prefers_the_sentence_that_describes_them(ferry: Evidence):
    assert answer_type.defined("What is Bea Lund's role?") == "lund"
    assert answer_type.defined("Who is the chairman?") is None
    # a long question that is not a definition is rejected at once (no backtracking over its words)
    assert answer_type.defined("Who is " + " ".join(["the chief executive"] * 30) + ", and why?") is None
    text = (
        "Fares Rise\n\nThe fare rise, which Bea Lund said would hurt islanders, was approved by Bea Lund's own party. "
        "Later that day, Councillor Bea Lund, who represents the island ward, left the meeting."
    )
    small = Evidence(text, header_end=text.find("\n\n"))
    top = small.rank("Who is Bea Lund?", whole(small))[0]
    assert top.sentence.text.startswith("Later that day, Councillor Bea Lund, who represents")
    assert not answer_type.introduces("The plan, which Ms Lund said would fail, was dropped.", "lund")


def test_a_who_answer_opening_with_a_pronoun_is_quoted_after_the_sentence_naming_them():
    from rag.answering.citations import CitationBook
    from rag.engine import _extractive

    text = "Leaks\n\nTomas Brekke spoke next. He argued that fixing leaks would be cheaper."
    small = Evidence(text, header_end=text.find("\n\n"))
    q = "Who argued that fixing leaks would be cheaper?"
    ranked = small.rank(q, whole(small))
    assert ranked[0].sentence.text.startswith("He argued")
    assert small.antecedent(ranked[0].sentence).text == "Tomas Brekke spoke next."
    quoted = _extractive(ranked, CitationBook(text), small, who=True)
    assert quoted == "Tomas Brekke spoke next [1]. He argued that fixing leaks would be cheaper [2]."
    assert _extractive(ranked, CitationBook(text), small).startswith("He argued")  # not a "who" question


def test_names_hinted_for_a_pronoun_weigh_little_in_coverage(ferry: Evidence):
    q = "What did the harbour trust freeze? Omar"  # a follow-up's focus, with the name its pronoun may mean

    def lexical(**kw: object) -> float:
        ranked = ferry.rank(q, whole(ferry), **kw)  # type: ignore[arg-type]
        return next(x.lexical for x in ranked if x.sentence.text.startswith("The harbour trust"))

    assert lexical(hinted=frozenset({"Omar"})) > lexical()


LIBRARY = """Library Closes Two Branches to Save Heating Costs
By Ida Ferro
2032-02-03

The Brenna county library service will close its two smallest branches in May, the county council said on Wednesday.

Funding gap

Head librarian Olu Varga said the closures were about the buildings, not the staff. "We cannot heat rooms that nobody can use in winter," she said. "The roof at Dale Street leaks. Fixing it would cost more than the branch lends in a decade."

Readers will be offered a mobile library twice a week."""


@pytest.fixture(scope="module")
def library() -> Evidence:
    return Evidence(LIBRARY, header_end=LIBRARY.find("\n\n"))


def test_a_sub_heading_is_never_evidence(library: Evidence):
    ranked = library.rank("What is the funding gap?", whole(library))
    assert ranked and not any(x.sentence.text.startswith("Funding gap") for x in ranked)
    assert library.lede is not None and library.sentences[library.lede].text.startswith("The Brenna")


def test_what_someone_said_goes_on_into_their_own_words(library: Evidence):
    from rag.answering.citations import CitationBook
    from rag.engine import _extractive

    summary = next(x for x in library.sentences if x.text.startswith("Head librarian"))
    following = [x.text for x in library.continued(summary)]
    assert following[0].startswith('"We cannot heat') and any("Fixing it" in t for t in following)
    assert not any(t.startswith("Readers") for t in following)  # the quote ends with its paragraph
    q = "What did the head librarian say about the closures?"
    ranked = library.rank(q, whole(library))
    assert ranked[0].sentence == summary
    assert "Fixing it would cost" in _extractive(ranked, CitationBook(LIBRARY), library, words_of=True)
    assert "Fixing it" not in _extractive(ranked, CitationBook(LIBRARY), library)  # a name, number or date asked
    lede = next(x for x in library.sentences if x.text.startswith("The Brenna"))
    assert library.continued(lede) == []  # reported speech, but no quote follows it
    text = 'Fees\n\nMo Lee said the fees were unfair.\n\n"Nobody asked us," she said. "We will appeal."\n\nThe end.'
    apart = Evidence(text, header_end=text.find("\n\n"))
    said = next(x for x in apart.sentences if x.text.startswith("Mo Lee"))
    assert [x.text for x in apart.continued(said)] == ['"Nobody asked us," she said.', '"We will appeal."']


def test_a_claim_that_someone_said_words_nobody_said_is_dropped(library: Evidence):
    from rag.answering.citations import check_sentence

    passages = whole(library)
    headline = 'A reader said: "Library closes two branches to save heating costs." [1]'
    checked = check_sentence(headline, passages, library, 0.75)
    assert checked.span is None and checked.reason.startswith("speaker")
    plain = "The library closes two branches to save heating costs [1]."  # no one is said to have said it
    assert check_sentence(plain, passages, library, 0.75).span is not None


MARKET = """Harbour Market Plan Approved
By Ren Ota
2033-05-05

Under the plan:
- the fish market would move to the east quay by 2035, the council said;
- the old hall would be kept as a covered space for weekend stalls and events;
- the car park would shrink by a third to make room for a cycle route.

The survey found that traders wanted:
1. longer hours;
2. cheaper pitches;
3. a cold store.

The council will vote on the budget in June."""


def test_each_list_item_is_a_sentence_without_its_marker():
    texts = [MARKET[s:e] for s, e in sentences(MARKET)]
    assert "Under the plan:" in texts and "longer hours;" in texts
    assert any(t.startswith("the old hall would be kept") for t in texts)
    assert not any(t.startswith(("- ", "1.")) for t in texts)


def test_a_list_item_is_quoted_after_the_line_opening_the_list_and_a_list_of_things_whole():
    from rag.answering.citations import CitationBook
    from rag.engine import _extractive

    market = Evidence(MARKET, header_end=MARKET.find("\n\n"))
    ranked = market.rank("What would happen to the old hall?", whole(market))
    assert ranked[0].sentence.text.startswith("the old hall")
    quoted = _extractive(ranked, CitationBook(MARKET), market)
    assert quoted.startswith("Under the plan: [1] the old hall") and "car park" not in quoted
    ranked = market.rank("What did traders want, according to the survey?", whole(market))
    quoted = _extractive(ranked, CitationBook(MARKET), market)
    assert all(x in quoted for x in ("longer hours", "cheaper pitches", "a cold store"))
    assert market.listed(next(x for x in market.sentences if x.text.startswith("The council will"))) == []


def test_a_figure_from_a_paragraph_that_never_names_whom_the_question_asks_about_is_declined(ferry: Evidence):
    assert reason(ferry, "How many passengers were surveyed?") is None
    why = reason(ferry, "How many passengers did Piet Omar survey?")
    assert why is not None and "not about whom or what the question names" in why


def test_which_one_is_declined_when_the_text_mentions_it_only_as_a_one():
    from rag.answering.abstain import _unnamed

    q = "Which cloud provider did the firm move its records to?"
    assert _unnamed(q, "The records were copied during a move to a new cloud provider.") == "cloud provider"
    assert _unnamed(q, "The records were copied during a move to a new cloud provider, Stratohost.") is None
    assert _unnamed(q, "The firm moved to the cloud provider it already used.") is None  # "the": a known one
    assert _unnamed("Which hospital treated the injured?", "They were treated at a hospital in Leeds.") is None
    assert (
        _unnamed("Which hospital treated the injured?", "They were treated at a hospital, police said.") == "hospital"
    )
    assert _unnamed("Which proposal was rejected?", "A proposal to open the line early was rejected.") is None
    assert _unnamed("Which of them won?", "One of them won a prize.") is None


def test_what_does_she_do_prefers_the_sentence_describing_whom_the_pronoun_stands_for(ferry: Evidence):
    assert answer_type.defines_pronoun("What does he do for a living?") and answer_type.defines_pronoun("Who is she?")
    assert not answer_type.defines_pronoun("What did he say about the fares?")
    q = "What does he do? Omar"  # a follow-up's focus: the name its pronoun stands for carried along
    plain = ferry.rank(q, whole(ferry))
    hinted = ferry.rank(q, whole(ferry), hinted=frozenset({"Piet Omar"}))
    described = next(x for x in hinted if x.sentence.text.startswith("The company's chairman"))
    before = next(x for x in plain if x.sentence.text.startswith("The company's chairman"))
    assert described.score > before.score


def test_what_does_he_do_carries_whom_he_stands_for():
    history = [Turn("How did Piet Omar vote?", "He voted to freeze the charges [1].")]
    rewrite = standalone_question(
        "What does he do for a living?", history, None, lambda w: {w} if w in {"Piet", "Omar"} else set()
    )
    assert rewrite.carried == {"Piet", "Omar"}
    rewrite = standalone_question(
        "When did he say it?", history, None, lambda w: {w} if w in {"Piet", "Omar"} else set()
    )
    assert rewrite.carried == frozenset()  # only a question about who he is carries the names as a hint


def test_the_other_one_is_the_counterpart_of_what_the_last_answer_quoted():
    text = (
        "Pay Deal\n\nTwo offers were made. The first offered a 5 percent rise and a bonus. "
        "The union's chair spoke at length about the bonus. The second offered 8 percent with no bonus."
    )
    spans = sentences(text)
    # sentence vectors: the two offers alike, the chair's words about the bonus like neither
    vectors = {"Pay Deal": [1, 0, 0, 0], "Two offers": [0.5, 0.5, 0, 0], "The first": [0, 1, 0.2, 0],
               "The union": [0, 0.2, 0, 1], "The second": [0, 0.9, 0.3, 0]}  # fmt: skip
    embeddings = [next(v for k, v in vectors.items() if text[s:e].startswith(k)) for s, e in spans]
    deal = Evidence(text, embeddings=embeddings, header_end=text.find("\n\n"))
    first = next(i for i, x in enumerate(deal.sentences) if x.text.startswith("The first"))
    q = "And the other one?"
    plain = {x.sentence.text[:10]: x.score for x in deal.rank(q, whole(deal), [0, 1, 0, 0])}
    paired = {x.sentence.text[:10]: x.score for x in deal.rank(q, whole(deal), [0, 1, 0, 0], parallel=[first])}
    assert paired["The second"] - plain["The second"] > paired["The union'"] - plain["The union'"]


def test_a_follow_up_with_a_noun_of_its_own_outweighs_the_questions_before_it(ferry: Evidence):
    history = [Turn("What will happen to ferry fares?", "The Holt ferry company will raise fares by 12 percent [1].")]
    rewrite = standalone_question("And what did the trust do?", history, None, lambda w: set())
    assert "trust" in rewrite.required and "fare" in " ".join(rewrite.background)

    def trust(**kw: object) -> float:  # the lexical coverage of the sentence about the trust
        ranked = ferry.rank(rewrite.focus, whole(ferry), required=rewrite.required, **kw)  # type: ignore[arg-type]
        return next(x.lexical for x in ranked if x.sentence.text.startswith("The harbour trust"))

    assert trust(background=rewrite.background) > trust() + 0.1
    assert standalone_question("Why?", history, None, lambda w: set()).background == frozenset()  # no noun of its own
    assert standalone_question("How much will that cost?", history, None, lambda w: set()).background == frozenset()


def test_who_heads_it_finds_the_role_holder_even_when_retrieval_missed_the_sentence(ferry: Evidence):
    start = FERRY.index("The Holt ferry company")
    first = [Passage("p", FERRY[start : FERRY.index("\n\n", start)], start, FERRY.index("\n\n", start), 1.0)]
    ranked = ferry.rank("Who heads the company?", first)
    assert ranked[0].sentence.text.startswith("The company's chairman, Piet Omar")
    assert not any("chairman" in x.sentence.text for x in ferry.rank("Who raised the fares?", first))


def test_the_best_sentence_is_quoted_unless_the_model_already_cited_it(ferry: Evidence):
    from rag.answering.citations import CitationBook
    from rag.engine import _extractive

    ranked = ferry.rank("How much will fares rise?", whole(ferry))
    best, second = ranked[0].sentence, ranked[1].sentence
    book = CitationBook(FERRY)
    book.number_for((second.start, second.end))  # the model cited a close second: the best is still quoted
    assert best.text[:-1] in _extractive(ranked, book, ferry)
    book = CitationBook(FERRY)
    book.number_for((best.start, best.end))  # the model cited the best itself: nothing to add
    assert _extractive(ranked, book, ferry) == ""


def test_what_someone_said_is_quoted_with_the_rest_of_the_quotation_it_is_part_of():
    from rag.answering.citations import CitationBook
    from rag.engine import _extractive

    text = (
        "Fees\n\nThe board raised fees on Monday.\n\n"
        '"The board has known about the deficit for two years. They hid it," said union official Mo Lee. '
        '"Nobody asked us before the vote."\n\n'
        "Parents will pay the new fees from June."
    )
    evidence = Evidence(text, header_end=text.find("\n\n"))
    hid = next(x for x in evidence.sentences if x.text.startswith("They hid it"))
    before, after = evidence.quotation(hid)
    assert [x.text for x in before] == ['"The board has known about the deficit for two years.']
    assert after == []  # the next quote is a new one, given as the speaker's words after the sentence naming her
    ranked = [x for x in evidence.rank("What did Lee say the board hid?", whole(evidence)) if x.sentence == hid]
    quoted = _extractive(ranked, CitationBook(text), evidence, words_of=True)
    assert quoted.index("two years") < quoted.index("They hid it") < quoted.index("Nobody asked us")
    assert "Parents" not in quoted  # the quotation ends with its paragraph


def test_a_paragraph_opening_she_said_goes_on_with_the_speaker_of_the_paragraph_before():
    text = (
        "Fees\n\nCouncillor Ada Vale, who chairs the schools panel, criticised the Harl Trust on Monday.\n\n"
        '"Nobody asked the parents. Nobody asked us," Vale said at the meeting.\n\n'
        "She said the Harl Trust did not consult anyone, and she has asked the council's lawyer to review the lease.\n\n"
        "The Harl Trust said it had consulted widely."
    )
    evidence = Evidence(text, header_end=text.find("\n\n"))
    assert evidence.gender("Vale") == "f"
    asked = next(i for i, x in enumerate(evidence.sentences) if x.text.startswith("She said"))
    assert "vale" in evidence.paragraph_words[asked]
    ranked = evidence.rank("What has Vale asked the council's lawyer to do?", whole(evidence))
    assert ranked[0].sentence is evidence.sentences[asked] and ranked[0].names_ok
