"""The meaning-level support check on a document of its own (no article words, no models)."""

import pytest

from rag.answering.support import conflict, document_names

DOC = (
    "The Lowmoor water board voted on Friday to raise tariffs by 4 percent, ending a freeze that had lasted "
    "three years. Chair Odile Brannock said the increase would fund new pipes. "
    "Councillor Rafe Tindall opposed the plan, arguing that households could not afford it. "
    "The board did not publish its cost estimate. "
    "According to auditor Mina Sarkis, the old pipes were installed by Harwick Engineering in 1968. "
    "Leaks have fallen since the first repairs, and the board has reduced its reliance on tanker trucks."
)
NAMES = document_names(DOC)
S = {
    "vote": DOC.split(". ")[0] + ".",
    "chair": "Chair Odile Brannock said the increase would fund new pipes.",
    "tindall": "Councillor Rafe Tindall opposed the plan, arguing that households could not afford it.",
    "publish": "The board did not publish its cost estimate.",
    "pipes": "According to auditor Mina Sarkis, the old pipes were installed by Harwick Engineering in 1968.",
    "leaks": "Leaks have fallen since the first repairs, and the board has reduced its reliance on tanker trucks.",
}


@pytest.mark.parametrize(
    ("claim", "span", "kind"),
    [
        ("The board published its cost estimate.", "publish", "negation"),
        ("Tindall argued that households could afford it.", "tindall", "negation"),
        ("The water board did not vote to raise tariffs.", "vote", "negation"),
        ("The board raised tariffs by 5 percent.", "vote", "number"),
        ("The freeze had lasted four years.", "vote", "number"),
        ("The old pipes were installed by Harwick Engineering in 1986.", "pipes", "number"),
        ("Leaks have risen since the first repairs.", "leaks", "antonym"),
        ("The board has increased its reliance on tanker trucks.", "leaks", "antonym"),
        ("The water board voted to lower tariffs by 4 percent.", "vote", "antonym"),
        ("Councillor Rafe Tindall supported the plan.", "tindall", "antonym"),
        ("Rafe Tindall said the increase would fund new pipes.", "chair", "speaker"),
        ("According to Odile Brannock, the old pipes were installed by Harwick Engineering.", "pipes", "speaker"),
        ("Chair Odile Brannock opposed the plan.", "tindall", "roles"),
    ],
)
def test_a_meaning_change_is_caught_with_a_reason(claim: str, span: str, kind: str):
    reason = conflict(claim, S[span] if span != "tindall" or "Tindall" in claim else S["chair"] + " " + S[span], NAMES)
    assert reason, claim
    assert reason.split(":")[0] in {kind, "name", "changed word", "change", "roles", "antonym", "negation"}


@pytest.mark.parametrize(
    ("claim", "span"),
    [
        ("The board did not publish its cost estimate.", "publish"),
        ("Its cost estimate was not published by the board.", "publish"),
        ("The water board voted to raise tariffs by 4 percent.", "vote"),
        ("The vote ended a freeze that had lasted three years.", "vote"),
        ("Odile Brannock said the increase would fund new pipes.", "chair"),
        ("The increase would fund new pipes, Brannock said.", "chair"),
        ("Tindall opposed the plan.", "tindall"),
        ("Harwick Engineering installed the old pipes in 1968, according to Mina Sarkis.", "pipes"),
        ("The board has reduced its reliance on tanker trucks.", "leaks"),
        ("Since the first repairs, leaks have fallen.", "leaks"),
    ],
)
def test_a_faithful_rewrite_passes(claim: str, span: str):
    assert conflict(claim, S[span], NAMES) is None


def test_one_negating_verb_for_another_is_no_change():
    span = "The board ceased to publish its cost estimate in May."
    assert conflict("The board stopped publishing its cost estimate in May.", span) is None
    assert conflict("The board published its cost estimate in May.", span)


def test_a_passive_rewrite_that_swaps_the_agent_is_caught():
    span = "Councillor Rafe Tindall questioned Chair Odile Brannock about the tariffs."
    assert conflict("Chair Odile Brannock was questioned by Councillor Rafe Tindall.", span) is None
    assert conflict("Councillor Rafe Tindall was questioned by Chair Odile Brannock.", span)


def test_a_name_opening_the_sentence_is_still_a_name():
    span = "Brannock rejected that claim, saying the pipes are funded separately."
    assert conflict("Tindall rejected that claim.", "Tindall warned of delays. " + span, NAMES)


def test_numbers_that_both_appear_in_the_span_keep_their_own_slots():
    span = "Shares fell 12 percent on Monday. Analysts cut their target by 30 percent."
    assert conflict("Shares fell 30 percent on Monday.", span)
    assert conflict("Shares fell 12 percent on Monday.", span) is None


SPLIT_BILL = (
    "The city will pay $12 million of that, and the remaining $5 million will come from the port's own "
    "budget, mostly by cutting what it spends on consultants, which reached $9 million last year."
)


@pytest.mark.parametrize(
    "claim",
    [
        "The port spent $12 million on consultants last year.",  # 12 belongs to the city's share
        "The city will pay $9 million.",  # 9 is the consultants' bill
    ],
)
def test_a_figure_moved_to_what_the_sentence_says_of_another_figure_is_rejected(claim: str):
    assert "another figure" in (conflict(claim, SPLIT_BILL) or "")


@pytest.mark.parametrize(
    "claim",
    [
        "The city will pay $12 million.",
        "Spending on consultants reached $9 million last year.",
        "The remaining $5 million will come from the port's own budget.",
    ],
)
def test_each_figure_with_its_own_words_is_kept(claim: str):
    assert conflict(claim, SPLIT_BILL) is None


def test_common_nouns_that_trade_places_around_a_verb_are_caught():
    # the parties need not be names: "the company accused the residents" from "residents ... accused the company"
    span = "Several residents at a meeting in the village hall on Monday accused the operator of neglecting the boat."
    assert conflict("The operator accused the residents of the village hall of neglecting the boat.", span)
    assert conflict("Residents accused the operator of neglecting the boat.", span) is None
    assert conflict("The operator was accused by residents of neglecting the boat.", span) is None
    # a passive without "by" is not read by word order: the trial enrolled the patients either way
    trial = "The trial began in 2029 and enrolled patients in nine countries."
    assert conflict("Patients in nine countries were enrolled in the trial, which began in 2029.", trial) is None
