"""Property tests of the citation invariant, through the engine with a scripted writer.

For any mix of model sentences (true, distorted, off topic, garbage; any markers):
- every ``[n]`` in the answer names a citation, and that citation's quote backs the sentence it ends;
- every citation is used, numbers run 1..m in order of first use;
- every quote is verbatim: ``article[start:end] == quote``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.answer import Answer, Passage
from rag.answering.citations import CheckedSentence, CitationBook, check_sentence
from rag.engine import Engine
from rag.evaluation.perturb import generate
from rag.ingest.build import build_index
from rag.ingest.sentences import sentences
from rag.providers.fake import FakeLLM, HashEmbedding
from tests.support import fake_engine, fake_settings

QUESTIONS = [
    "When were the Lachin corridor checkpoints installed?",
    "What did Pashinyan announce about territorial integrity?",
    "What did the EU fail to deliver?",
]
_MARKED = re.compile(r"[^\[\]]*?\[(\d+)\][.!?\"'”’)]*")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, FakeLLM]:
    s = fake_settings(tmp_path_factory.mktemp("invariants"))
    embed = HashEmbedding()
    build_index(s, embed_model=embed)
    llm = FakeLLM()
    return Engine.from_settings(s, llm=llm, embed_model=embed), llm


def _pool(article: str) -> list[str]:
    """Article sentences, generated distortions of them, and garbage."""
    body = [article[s:e] for s, e in sentences(article) if "\n" not in article[s:e]]
    edits = [item["claim"] for item in generate(article)]
    return body + edits + ["Cats invented the corridor in 1802.", "Sure, here is the answer:", "]]] [[[ 💥"]


def assert_invariant(answer: Answer, engine: Engine) -> None:
    article = engine.info.article_text
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    for c in answer.citations:
        assert article[c.start : c.end] == c.quote
    used = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert sorted(set(used)) == numbers, (answer.text, numbers)  # every citation used, none missing
    assert list(dict.fromkeys(used)) == numbers  # in order of first use
    by_n = {c.n: c for c in answer.citations}
    for match in _MARKED.finditer(answer.text):
        sentence, n = match.group(0).strip(), int(match.group(1))
        c = by_n[n]
        claim = re.sub(r"\s*\[\d+\]", "", sentence)
        backed = check_sentence(claim, [Passage("cited", c.quote, c.start, c.end, 1.0)], engine.evidence, 0.75)
        assert backed.supported, (sentence, c.quote, backed.reason)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_marker_names_a_citation_that_backs_its_sentence(engine: tuple[Engine, FakeLLM], data: st.DataObject):
    eng, llm = engine
    pool = _pool(eng.info.article_text)
    picked = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5))
    markers = data.draw(st.lists(st.integers(min_value=1, max_value=6), min_size=len(picked), max_size=len(picked)))
    reply = " ".join(_with(s, n) for s, n in zip(picked, markers, strict=True))
    llm.enqueue(reply)
    answer = eng.ask(data.draw(st.sampled_from(QUESTIONS)))
    if not answer.abstained:
        assert_invariant(answer, eng)
    while llm._replies:  # a declined question leaves its reply unread
        llm._replies.popleft()


def _with(sentence: str, n: int) -> str:
    m = re.search(r"[.!?][\"'”’)]*$", sentence)
    return f"{sentence[: m.start()]} [{n}]{sentence[m.start() :]}" if m else f"{sentence} [{n}]"


@settings(max_examples=60, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 50), st.integers(1, 30)), max_size=12))
def test_the_book_numbers_only_what_is_cited_in_order_of_first_use(spans: list[tuple[int, int]]):
    article = "x" * 100
    book = CitationBook(article)
    seen: list[tuple[int, int]] = []
    for start, length in spans:
        span = (start, start + length)
        text = book.cite(CheckedSentence(f"claim {start}.", f"claim {start}.", span))
        if span not in seen:
            seen.append(span)
        assert text.endswith(f"[{seen.index(span) + 1}].")
    assert [(c.start, c.end) for c in book.citations] == seen
    assert all(article[c.start : c.end] == c.quote for c in book.citations)


def test_a_dropped_sentence_is_never_cited():
    book = CitationBook("abc")
    with pytest.raises(ValueError):
        book.cite(CheckedSentence("x", "x", (0, 1), reason="negation: …"))
    assert book.citations == []


def test_an_off_topic_sentence_on_a_kept_sentences_span_leaves_its_citation_alone(tmp_path: Path):
    reply = (
        "The checkpoints were installed on April 23 [1]. "
        "The only route connecting Armenia to Karabakh has caused a lot of concerns amongst international actors [1]."
    )
    engine, _ = fake_engine(tmp_path, [reply])
    answer = engine.ask(QUESTIONS[0])
    assert [d.reason.split(":")[0] for d in answer.dropped] == ["off topic"]  # true, same span, not on topic
    assert answer.text.startswith("The checkpoints were installed on April 23 [1].")
    assert "April 23" in answer.citations[0].quote
    assert_invariant(answer, engine)
