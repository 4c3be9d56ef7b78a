# ruff: noqa: E501  (the test article's paragraphs are one line each, as scraped text is)
"""Rules written from misses on the thirty-second and thirty-third documents, tried on a text written
for this test (no models):

- everyday kin: "travellers" / "passengers", "submissions" / "responses", "crashes" / "collisions",
  "businesses" / "shops", "parking places" / "parking spaces", "reimbursed" / "refund", "who spoke
  on behalf of X" / "X spokeswoman";
- "how soon / how quickly?" wants a span of time or a date to come, not a year gone by;
- "how much will the new 80-seat marquee cost?" wants the marquee's figure (a number in a modifier
  no longer hides the noun);
- "how much did X cost on its own?" is declined when the text gives only a combined figure;
- "who is the trust's director of nursing?" is answered by "..., the trust's director of nursing,
  Jo Smith";
- "what did the laboratory testing of X find?" is declined when the sentence naming the testing
  puts its results in the future (the best evidence telling what else was found about X);
- a newsletter line that asks you to sign up after telling you what you get, and a copyright line,
  are page clutter, not the story's last paragraphs.

Every rule is generic English; nothing here names a gold document's words.
"""

from __future__ import annotations

from rag.answering import answer_type
from rag.ingest.article import clean_article
from tests import invented_text

TEXT = """Pellow Fair Cancelled After Storm Damage
By Imre Sollis
Published June 3, 2032

PELLOW - The Pellow summer fair has been cancelled after a storm tore down its main marquee, affecting about 2,900 passengers booked on the fair's shuttle boats.

Organisers said a public survey on a replacement date drew 1,140 responses before it closed on May 28.

Ticket holders will receive a refund within 14 days, or can move their booking to next year's fair.

The fair's director of operations, Oda Brenn, said the marquee had been inspected in April.

Brenn added that a replacement marquee is expected within six weeks. The old marquee was bought in 2019.

Police recorded 17 collisions on the fair's approach road last summer, up from 9 the year before.

The combined cost of the catering, the security and the marquee hire came to €212,000, the organisers said.

Of the 40 shops on the high street, 26 signed a letter asking for the fair to be moved to August.

The town plans to remove 35 of the 60 parking spaces on the square to make room for a bigger site.

The new 80-seat marquee will have a separate budget, which has not been published.

In a statement, council spokeswoman Tam Lind said the town would help with the replacement date.
"""


def _evidence():
    return invented_text.evidence_of(TEXT)


def _reason(question: str) -> str | None:
    return invented_text.reason(_evidence(), question, (2032, 6))


def _first(question: str) -> str:
    return invented_text.first(_evidence(), question)


def test_everyday_kin_find_the_sentence() -> None:
    asked = {
        "Roughly how many travellers were affected by the cancellation?": "2,900 passengers",
        "How many submissions did the survey on a replacement date receive?": "1,140 responses",
        "How many crashes were recorded on the approach road last summer?": "17 collisions",
        "How many businesses on the high street signed the letter?": "26 signed",
        "How many parking places will the square lose?": "35 of the 60 parking spaces",
        "Who spoke on behalf of the council?": "spokeswoman Tam Lind",
    }
    for question, words in asked.items():
        assert words in _first(question), question
        assert _reason(question) is None, question


def test_how_soon_wants_a_span_or_a_date_to_come() -> None:
    soon = "How soon is a replacement marquee expected?"
    assert answer_type.expected(soon) == "date"
    assert answer_type.holds("date", "A replacement marquee is expected within six weeks.", soon)
    assert answer_type.holds("date", "It is expected by the end of next month.", soon)
    assert not answer_type.holds("date", "The old marquee was bought in 2019.", soon)
    assert "within six weeks" in _first(soon)
    quickly = "How quickly will ticket holders be reimbursed?"
    assert answer_type.expected(quickly) == "date"
    assert "refund within 14 days" in _first(quickly)
    # "in what year" still wants a year
    assert answer_type.holds("date", "The old marquee was bought in 2019.", "In what year was it bought?")


def test_a_number_in_a_modifier_does_not_hide_what_is_priced() -> None:
    assert answer_type.priced("How much will the new 80-seat marquee cost to build?") == ["marquee"]
    assert answer_type.priced("How much is the new sports hall going to cost?") == ["hall"]
    # "going" is no thing: the noun before it is what costs
    assert "going" not in answer_type.priced("How much is the Hollin extension going to cost?")


def test_a_part_of_a_combined_figure_is_not_given() -> None:
    reason = _reason("How much did the security cost on its own?")
    assert reason is not None and "combined" in reason
    # the combined figure itself is given
    assert _reason("What was the combined cost of the catering, the security and the marquee hire?") is None
    assert "€212,000" in _first("What was the combined cost of the catering, the security and the marquee hire?")


def test_a_role_of_a_field_is_answered_by_the_name_after_it() -> None:
    question = "Who is the fair's director of operations?"
    assert "Oda Brenn" in _first(question)
    assert _reason(question) is None
    # a body's own name after "of" is not a field: the name must still go with the role
    text = TEXT + "\nPellow Trust's finance director Jo Smith signed the contract.\n"
    reason = invented_text.reason(
        invented_text.evidence_of(text), "Who is the chief executive of Pellow Trust?", (2032, 6)
    )
    assert reason is not None and "role" in reason


def test_newsletter_and_copyright_lines_are_clutter() -> None:
    story = "\n\n".join(
        f"Paragraph {k} of the story runs on long enough to read as prose, with a full stop at the end of it."
        for k in range(1, 5)
    )
    raw = (
        "Fair Cancelled\nBy Imre Sollis\nPublished June 3, 2032\n\n"
        + story
        + "\n\nShare this article: Email | Print\n\n"
        "Get the Pellow Daily Digest in your inbox every morning of the week. Sign up for our newsletter.\n\n"
        "© 2032 The Pellow Gazette. All rights reserved.\n"
    )
    article = clean_article(raw)
    assert "Paragraph 4" in article.text
    assert "inbox" not in article.text and "Share this" not in article.text and "©" not in article.text


def test_an_outcome_the_text_puts_in_the_future_is_declined() -> None:
    text = (
        TEXT
        + "\nStewards found two snapped poles and a torn roof panel on the fallen marquee.\n"
        + "\nThe poles have been sent to a laboratory for testing, and results are expected next month.\n"
    )
    evidence = invented_text.evidence_of(text)
    reason = invented_text.reason(evidence, "What did the laboratory testing of the snapped poles find?", (2032, 6))
    assert reason is not None and "to come" in reason
    # what was found is still found
    assert invented_text.reason(evidence, "What did stewards find on the fallen marquee?", (2032, 6)) is None
