"""Ingestion text handling: cleaning the scraped page, sentences, chunks and their offsets."""

import itertools
from pathlib import Path

import pytest

from rag.answering.evidence import Evidence
from rag.errors import ArticleError
from rag.ingest.article import clean_article, load_article
from rag.ingest.chunker import chunk_text
from rag.ingest.sentences import sentences
from rag.settings import DEFAULT_ARTICLE

RAW = DEFAULT_ARTICLE.read_text(encoding="utf-8")


def test_cleaning_strips_site_name_image_credit_and_related_articles():
    article = clean_article(RAW)
    assert article.text[article.body_offset :].startswith("For the last two years, Armenia and Azerbaijan")
    assert article.text.endswith("will serve the bilateral interests of both states.")
    for clutter in (
        "CPC - Caspian Policy Center",
        "Image source",
        "Related Articles",
        "Digital Nomads",
        "peace within",
    ):
        assert clutter not in article.text


def test_cleaning_keeps_title_author_and_date_as_metadata():
    article = clean_article(RAW)
    assert article.title == "Peace Within Reach: The U.S. Provides a Platform for Peace Between Armenia and Azerbaijan"
    assert article.author == "Haley Nelson"
    assert article.date == "May 10, 2023"


def test_cleaned_body_is_a_verbatim_slice_and_header_lines_are_verbatim_lines():
    article = clean_article(RAW)
    body = article.text[article.body_offset :]
    assert RAW[article.body_start : article.body_start + len(body)] == body
    header = article.text[: article.body_offset].strip().split("\n")
    assert header == [article.title, "Author: Haley Nelson", "May 10, 2023"]
    assert all(line in RAW.splitlines() for line in header)


def test_a_missing_article_names_the_setting_to_fix(tmp_path: Path):
    with pytest.raises(ArticleError, match="RAG_INDEX__ARTICLE_PATH"):
        load_article(tmp_path / "nope.txt")


def test_a_binary_or_empty_article_is_refused_clearly(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ArticleError, match="not UTF-8"):
        load_article(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n")
    with pytest.raises(ArticleError):
        load_article(empty)


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "U.S. Secretary of State Antony J. Blinken spoke. Then Mr. Smith left."
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "U.S. Secretary of State Antony J. Blinken spoke.",
        "Then Mr. Smith left.",
    ]


def test_a_quote_keeps_its_short_attribution():
    text = "“We hope for progress.” President Ilham Aliyev stated. Next sentence here."
    assert next(text[s:e] for s, e in sentences(text)) == "“We hope for progress.” President Ilham Aliyev stated."


def test_every_chunk_is_the_exact_text_at_its_offsets_and_covers_whole_sentences():
    article = clean_article(RAW)
    chunks = chunk_text(article.text, 600, 1)
    starts = {s for s, _ in sentences(article.text)}
    ends = {e for _, e in sentences(article.text)}
    for c in chunks:
        assert article.text[c.start : c.end] == c.text
        assert c.start in starts and c.end in ends
    covered = {s for s, _ in sentences(article.text) if any(c.start <= s < c.end for c in chunks)}
    assert covered == starts  # no sentence is lost


def test_chunk_ids_depend_on_content_and_chunker_settings_only():
    text = clean_article(RAW).text
    a, b = chunk_text(text, 600, 1), chunk_text(text, 600, 1)
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a)
    assert {c.id for c in chunk_text(text, 400, 1)}.isdisjoint({c.id for c in a})


def test_neighbouring_chunks_share_the_configured_overlap():
    text = clean_article(RAW).text
    chunks = chunk_text(text, 300, 1)
    overlapping = [1 for a, b in itertools.pairwise(chunks) if b.start < a.end]
    assert overlapping  # some neighbours share a sentence
    assert all(len(c.text) <= 300 or len(sentences(c.text)) == 1 for c in chunks)


def test_a_share_button_mid_page_does_not_cut_the_article_but_the_footer_still_goes():
    prose = "The committee met on Tuesday and agreed to publish its findings in full, after a long debate about costs."
    raw = (
        f"Daily Example\n\nA Headline\n\nBy Jo Writer\n\n2024-01-02\n\n{prose}\n\nShare this article\n\n"
        f"{prose.replace('Tuesday', 'Friday')}\n\n"
        "Share this article\nRelated stories\nAnother headline\n(c) Daily Example\n"
    )
    article = clean_article(raw)
    assert "Friday" in article.text  # the prose after the first button is kept
    assert article.text.endswith("about costs.")  # the link list after the last one is not
    assert "Related stories" not in article.text


def test_a_link_to_another_story_mid_page_does_not_cut_the_article_and_is_never_evidence():
    prose = "The committee met on Tuesday and agreed to publish its findings in full, after a long debate about costs."
    raw = (
        f"Daily Example\n\nA Headline\n\nBy Jo Writer\n\n2024-01-02\n\n{prose}\n\n"
        "Read more: Council approves $12 million road repairs at the harbour\n\n"
        f"{prose.replace('Tuesday', 'Friday')}\n\n"
        "Read more: Ferry fares to rise\nShare this article\nAnother headline\n(c) Daily Example\n"
    )
    article = clean_article(raw)
    assert "Friday" in article.text  # the prose after the mid-page link is kept
    assert article.text.endswith("about costs.")  # the link after the last paragraph goes with the footer
    evidence = Evidence(article.text, header_end=article.body_offset)
    links = [i for i, x in enumerate(evidence.sentences) if x.text.startswith("Read more")]
    assert links and set(links) <= evidence.furniture


def test_link_lists_after_the_body_go_even_after_a_newsletter_blurb_but_body_lines_stay():
    prose = "The committee met on Tuesday and agreed to publish its findings in full, after a long debate about costs."
    related = "Related charges were filed against two officials on Friday, the prosecutor said in a short statement."
    blurb = "By signing up you agree to our terms and privacy policy, and you can unsubscribe at any time you like."
    raw = (
        f"Daily Example\n\nA Headline\n\nBy Jo Writer\n\n2024-01-02\n\n{prose}\n\n{related}\n\n"
        f"Share this article: Facebook | Email\n\nTopics: Courts | Council\n\nMost read\n"
        f"1. Bakery wins pie award\n2. Toll to rise for the first time in a decade\n\n{blurb}\n"
    )
    article = clean_article(raw)
    assert related in article.text  # a body line opening with "Related" is prose, not a link list's heading
    assert "Topics" not in article.text and "pie award" not in article.text and "Toll" not in article.text


def test_a_link_list_mid_page_does_not_cut_the_article_when_the_story_resumes_after_it():
    prose = "The committee met on Tuesday and agreed to publish its findings in full, after a long debate about costs."
    raw = (
        f"Daily Example\n\nA Headline\n\nBy Jo Writer\n\n2024-01-02\n\n{prose}\n\n"
        "READ MORE:\n- Ferry fares to rise\n- Harbour wall repairs delayed\n\nA sub-heading\n\n"
        + "\n\n".join(prose.replace("Tuesday", day) for day in ("Friday", "Monday", "Sunday"))
        + "\n\nRelated stories\n- Another headline\n- A third headline\n(c) Daily Example\n"
    )
    article = clean_article(raw)
    assert "Sunday" in article.text  # the story after the mid-page list is kept ...
    assert article.text.endswith("about costs.")  # ... and the list at the end still goes
    assert "Related stories" not in article.text


def test_a_newsletter_offer_after_the_share_buttons_is_not_taken_for_the_story():
    prose = "The committee met on Tuesday and agreed to publish its findings in full, after a long debate about costs."
    raw = (
        f"Daily Example\n\nA Headline\n\nBy Jo Writer\n\n2024-01-02\n\n{prose}\n\n"
        "Share this article: Facebook | X | Email\n\n"
        "Sign up to the Daily Example newsletter for the latest news from across the whole of the valley.\n"
        "We use cookies to give you the best experience on our website. Accept all | Manage preferences\n"
    )
    article = clean_article(raw)
    assert article.text.endswith("about costs.")
    assert "newsletter" not in article.text


# a page top as sites scrape: navigation, a headline, a byline, then date lines with times and "Updated"
_CLUTTERED_TOP = """Home | News | Local | Sport | Opinion
Search
Menu
Subscribe
Sign in
Weather
Traffic
Jobs
Pellow Ferry Cuts Winter Sailings
The operator blames a failed inspection
By Imre Sollis, Transport Reporter
Published: Thursday 16 May 2031, 17:42 BST | Updated: Thursday 16 May 2031, 19:05 BST
Updated 17 May 2031, 08:10

The Pellow Ferry Company will stop its winter sailings to Skerry after its only vessel failed a safety inspection.

The company said the crossings would resume in March.
"""


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Published 14 October 2031", (2031, 10)),
        ("Published Oct. 9, 2031, 5:47 p.m. | Updated Oct. 10, 2031, 8:15 a.m.", (2031, 10)),
        ("Published 14:32, 14 November 2031 | Updated 16:05, 14 November 2031", (2031, 11)),
        ("Wednesday, 13 August 2031, 6:45am", (2031, 8)),
        ("Published: Aug. 15, 2031 at 6:42 PM | Updated: Aug. 15, 2031 at 9:10 PM", (2031, 8)),
        ("Updated: 15 Aug 2031, 18:42 SGT", (2031, 8)),
    ],
)
def test_a_date_line_as_sites_write_it_dates_the_article(line: str, when: tuple[int, int]):
    from rag.answering.abstain import published

    article = clean_article(f"Pellow Ferry Cuts Sailings\nBy Imre Sollis\n{line}\n\nThe ferry will stop in May.\n")
    assert article.date == line and published(article.date) == when
    assert article.text[article.body_offset :] == "The ferry will stop in May."


def test_a_byline_low_on_a_cluttered_page_keeps_its_date_lines_out_of_the_body():
    from rag.answering.abstain import published

    article = clean_article(_CLUTTERED_TOP)
    assert article.title == "Pellow Ferry Cuts Winter Sailings"  # the headline, above its standfirst
    assert article.text.startswith("Pellow Ferry Cuts Winter Sailings\nThe operator blames a failed inspection\n")
    assert article.author == "Imre Sollis, Transport Reporter"
    assert published(article.date) == (2031, 5)
    body = article.text[article.body_offset :]
    assert body.startswith("The Pellow Ferry Company") and "Updated" not in body


def test_a_byline_carrying_its_date_dates_the_article():
    from rag.answering.abstain import published

    article = clean_article(
        "Pellow Ferry Cuts Sailings\nBy Imre Sollis | 15 August 2031, 06:45\n\n"
        "The ferry will stop at the pier in May.\n"
    )
    assert article.author == "Imre Sollis" and published(article.date) == (2031, 8)


def test_a_body_line_opening_with_a_date_is_not_a_date_line():
    article = clean_article(
        "Pellow Ferry Cuts Sailings\nBy Imre Sollis\nMay 10, 2031\n\n"
        "14 October 2031, the day the ferry stopped, was the coldest of the year and nobody in the town "
        "will forget it.\n"
    )
    assert article.text[article.body_offset :].startswith("14 October 2031, the day")


def test_an_index_built_from_text_cleaned_another_way_is_not_reused():
    from rag.ingest import article as cleaner
    from rag.ingest.store import chunker_signature

    assert cleaner.CLEANER_VERSION in chunker_signature(400, 40)


@pytest.mark.parametrize(
    ("top", "header"),
    [
        # a site's menu and its name in capitals above: the headline and the standfirst are the story's
        (
            "Home > News > Local\nTHE PELLOW GAZETTE\nOakum tram line to shut for six weeks of track repairs\n"
            "The operator says buses will replace trams between Tam Hill and Brae Cross\n",
            [
                "Oakum tram line to shut for six weeks of track repairs",
                "The operator says buses will replace trams between Tam Hill and Brae Cross",
            ],
        ),
        # an author's name on a line of its own between the standfirst and the date line
        (
            "Oakum tram line to shut for six weeks of track repairs\n"
            "The operator says buses will replace trams between Tam Hill and Brae Cross\nImre Sollis\n",
            [
                "Oakum tram line to shut for six weeks of track repairs",
                "The operator says buses will replace trams between Tam Hill and Brae Cross",
            ],
        ),
        # a lowercase copy of the headline (a slug) above it is no standfirst
        (
            "Oakum Post\noakum tram line to shut for six weeks of track repairs\n"
            "Oakum Tram Line to Shut for Six Weeks of Track Repairs\n",
            ["Oakum Tram Line to Shut for Six Weeks of Track Repairs"],
        ),
    ],
)
def test_the_headline_and_its_standfirst_both_open_the_text(top: str, header: list[str]):
    article = clean_article(top + "Published 14 October 2031\n\nThe trams will stop in May.\n")
    assert article.title == header[0]
    assert article.text[: article.body_offset].split("\n")[: len(header) + 1] == [*header, "Published 14 October 2031"]
    assert article.text[article.body_offset :] == "The trams will stop in May."
