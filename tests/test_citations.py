"""Citation binding, verbatim quotes and the per-sentence support check (no models)."""

from rag.answer import Passage
from rag.answering.citations import CitationBook, check_sentence, split_markers
from rag.answering.evidence import Evidence
from rag.ingest.article import clean_article
from rag.ingest.chunker import chunk_text
from rag.settings import DEFAULT_ARTICLE

ARTICLE = clean_article(DEFAULT_ARTICLE.read_text(encoding="utf-8")).text
EVIDENCE = Evidence(ARTICLE)


def passages_containing(*needles: str) -> list[Passage]:
    out = []
    for c in chunk_text(ARTICLE, 600, 1):
        if any(n in c.text for n in needles):
            out.append(Passage(c.id, c.text, c.start, c.end, 1.0))
    return out


def check(sentence: str, passages: list[Passage], book: CitationBook | None = None):
    """Check one sentence; when it is supported, cite it (as the engine does for a kept sentence)."""
    book = book if book is not None else CitationBook(ARTICLE)
    checked = check_sentence(sentence, passages, EVIDENCE, 0.6)
    text = book.cite(checked) if checked.supported else None
    return checked, book, text


def test_markers_are_parsed_and_removed_from_the_claim():
    assert split_markers("Blinken hosted the talks [1][3].") == ("Blinken hosted the talks.", [1, 3])
    assert split_markers("Talks ended [2, 4].") == ("Talks ended.", [2, 4])


def test_a_supported_sentence_cites_the_exact_sentence_span_not_the_whole_passage():
    passages = passages_containing("Jeyhun Bayramov")
    checked, book, text = check("The talks were between Jeyhun Bayramov and Ararat Mirzoyan [1].", passages)
    assert checked.supported
    (citation,) = book.citations
    assert ARTICLE[citation.start : citation.end] == citation.quote
    assert "Jeyhun Bayramov" in citation.quote and len(citation.quote) < len(passages[0].text)
    assert text == "The talks were between Jeyhun Bayramov and Ararat Mirzoyan [1]."


def test_a_citation_to_the_wrong_passage_is_rebound_to_the_one_that_supports_it():
    passages = passages_containing("Efgan Nifti, Chief Executive") + passages_containing("April 23")
    checked, book, _ = check("The checkpoints were installed on April 23 [1].", passages)
    assert checked.supported
    assert "April 23" in book.citations[0].quote


def test_a_marker_pointing_at_no_retrieved_passage_is_dropped():
    passages = passages_containing("April 23")
    checked, book, text = check("The checkpoints were installed on April 23 [7].", passages)
    assert checked.supported and text and "[7]" not in text and book.citations[0].n == 1


def test_a_sentence_with_a_number_not_in_the_passages_is_unsupported():
    passages = passages_containing("April 23")
    checked, _, _ = check("The checkpoints were installed on April 25 [1].", passages)
    assert not checked.supported


def test_a_sentence_with_a_name_not_in_the_passages_is_unsupported():
    passages = passages_containing("Jeyhun Bayramov")
    checked, _, _ = check("The talks were hosted by Sergey Lavrov in Moscow [1].", passages)
    assert not checked.supported


def test_a_sentence_whose_words_mostly_are_not_in_the_passages_is_unsupported():
    passages = passages_containing("April 23")
    checked, _, _ = check("Cats enjoy sleeping on warm keyboards during long winters [1].", passages)
    assert not checked.supported


def test_boilerplate_is_not_a_claim():
    passages = passages_containing("April 23")
    assert not check("Sure, here is the answer:", passages)[0].supported


def test_the_same_span_cited_twice_keeps_one_number():
    book = CitationBook(ARTICLE)
    passages = passages_containing("April 23")
    _, _, a = check("Checkpoints were installed on April 23 [1].", passages, book)
    _, _, b = check("The checkpoints were installed April 23 along the Lachin corridor [1].", passages, book)
    assert a and b and "[1]" in a and "[1]" in b and len(book.citations) == 1


def test_every_citation_quote_is_verbatim_in_the_article():
    book = CitationBook(ARTICLE)
    passages = passages_containing("Lachin")
    for claim in ("Checkpoints were installed on April 23.", "The State Department expressed deep concern."):
        check(claim, passages, book)
    assert book.citations
    assert all(ARTICLE[c.start : c.end] == c.quote and c.quote in ARTICLE for c in book.citations)


def test_evidence_ranking_puts_the_answer_bearing_sentence_first():
    passages = passages_containing("April 23", "Jeyhun Bayramov")
    ranked = EVIDENCE.rank("When were the Lachin corridor checkpoints installed?", passages)
    assert "April 23" in ranked[0].sentence.text


def test_a_claim_that_loops_is_dropped():
    passages = passages_containing("Ilham Aliyev")
    looping = (
        "The President is Ilham Aliyev, named in the article is Ilham Aliyev, named in the article is Ilham Aliyev [1]."
    )
    checked = check_sentence(looping, passages, EVIDENCE, 0.6)
    assert not checked.supported and checked.reason == "repeats itself"


def test_a_claim_that_only_echoes_the_question_is_dropped():
    passages = passages_containing("Ilham Aliyev")
    q = "Who is the President of Azerbaijan?"
    echo = check_sentence("The President of Azerbaijan is the president [1].", passages, EVIDENCE, 0.6, question=q)
    assert not echo.supported and "echoes" in echo.reason
    assert check_sentence(
        "The President of Azerbaijan is Ilham Aliyev [1].", passages, EVIDENCE, 0.6, question=q
    ).supported
