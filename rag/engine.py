"""The read path: question -> (rewrite) -> retrieve -> answer -> cite -> verify.

:class:`Engine` is the one Python API the UI, the CLI and the evaluation call::

    engine = Engine.from_settings(load_settings())
    answer = engine.ask("Who mediated the talks?")
    for event in engine.stream("And when?", history=[Turn(answer.question, answer.text)]):
        ...

Only verified text is ever streamed: the model's output is buffered sentence by sentence, each
sentence is checked against the passages and either emitted with a verified citation or dropped.
When no sentence survives, or the survivors miss the best evidence, the best sentence of the
article is quoted instead (cited). When retrieval finds nothing relevant enough, the engine
abstains without calling the model.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections.abc import Generator, Iterator, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.llms import LLM

from rag.answer import Answer, Dropped, Final, Passage, StreamEvent, TextDelta, Timings, Turn
from rag.answering import answer_type, entailment, prompts
from rag.answering.abstain import abstain_reason, fitting_first, published, topic_terms
from rag.answering.citations import CitationBook, check_sentence, with_marker
from rag.answering.evidence import Evidence, ScoredSentence, Sentence, asks_for_words, clause_texts, pronoun_speaks
from rag.answering.followup import asks_speaker, chooses_between, standalone_question
from rag.answering.guard import decline_reason
from rag.errors import IndexMissingError, QuestionError, RagError
from rag.ingest.instructions import mask_flagged
from rag.ingest.sentences import sentences
from rag.ingest.store import ChromaVectors, Manifest, find_active, flagged_spans, open_active
from rag.providers.embeddings import check_dimension, embed_key, embed_model_name, make_embedding
from rag.providers.llm import describe_llm, make_llm
from rag.providers.preflight import preflight_embeddings, preflight_llm
from rag.providers.remote import unexpected_error
from rag.providers.store import describe_store, make_chroma_client
from rag.retrieval.hybrid import HybridRetriever, Mode
from rag.retrieval.lexical import related, terms
from rag.settings import AnswerSettings, RetrievalSettings, Settings

ABSTAIN_TEXT = (
    "The article does not say. None of its passages answers this question; the closest ones are listed below."
)
REWRITE_MAX_TOKENS = 48
EVIDENCE_POOL = 8
# a follow-up ("and the savings?", "how long did that take?") shares few words with its answer, so its
# evidence scores lower: the relevance floor for it is this share of ``min_relevance``
FOLLOW_UP_RELEVANCE = 0.6
MAX_GENERATED_SENTENCES = 3
COMPARED_REACH = 6  # a comparison's missing side is quoted from the best this many evidence sentences
EXTRACTIVE_SLACK = 3  # a verified sentence citing one of the best 3 sentences needs no added quote,
# if that sentence scores within this much of the best (else the best is quoted too). 0: only the best
# itself (or a tie) spares the quote; measured on the exposed sets, where a margin of 0.2 let the
# model's choice of a close second stand for the ranking's first and lost more answers than it saved
EXTRACTIVE_MARGIN = 0.0
_YES_NO = re.compile(
    r"^\s*(?:and |but |so )?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should)\b", re.I
)
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*(?![\w])")  # "62", "1,260", "3.4": a figure in a sentence
# the end of a reply the model never finished (it ran out of tokens): no full stop ("... making it the
# busiest leisure"); a reply cut short may still read as a claim, and a fragment is not one
_UNFINISHED = re.compile(r"[^.!?…\"'”’)\]\s][\"'”’)]*\s*$")  # (one that ends on its "[1]" is finished)
_TRAILING_MARKERS = re.compile(r"([.!?][\"'”’)]*)((?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])+)")


@dataclass(frozen=True)
class EngineInfo:
    """What the UI shows about the loaded engine."""

    llm: str
    embedding: str
    store: str
    collection: str
    chunks: int
    built_at: str
    title: str
    author: str
    date: str
    article_text: str
    flagged: tuple[tuple[int, int], ...] = ()  # sentences instructing a model: shown flagged, never evidence


class Engine:
    def __init__(
        self,
        *,
        llm: LLM,
        embed_model: BaseEmbedding,
        retriever: HybridRetriever,
        evidence: Evidence,
        info: EngineInfo,
        retrieval: RetrievalSettings,
        answer: AnswerSettings,
    ) -> None:
        self.llm = llm
        self.embed_model = embed_model
        self.retriever = retriever
        self.evidence = evidence
        self.info = info
        self.retrieval_settings = retrieval
        self.answer_settings = answer

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        llm: LLM | None = None,
        embed_model: BaseEmbedding | None = None,
        client: Any = None,
    ) -> Engine:
        """Open the index for the configured embedding model and load the models."""
        if llm is None:
            preflight_llm(settings.llm)  # a wrong server, model or key fails now, not mid-answer
        if embed_model is None:
            preflight_embeddings(settings.embed)  # embedding server, model, RAG_EMBED__DIMENSIONS
        client = client if client is not None else make_chroma_client(settings.store)
        collection, manifest, chunks = open_active(client, embed_key(settings.embed))  # survives a switch
        _check_article_unchanged(settings.index.article_path, manifest)
        embed_model = embed_model if embed_model is not None else make_embedding(settings.embed)
        evidence = _evidence(manifest, embed_model, embed_key(settings.embed))
        retriever = HybridRetriever(
            chunks,
            ChromaVectors(collection, reopen=lambda: find_active(client, embed_key(settings.embed))[0]),
            embed_query=lambda q: embed_model.get_query_embedding(q),
            candidates=settings.retrieval.candidates,
            rrf_k=settings.retrieval.rrf_k,
        )
        info = EngineInfo(
            llm=describe_llm(settings.llm),
            embedding=f"{settings.embed.provider}: {embed_model_name(settings.embed)} ({manifest.dimension} dims)",
            store=describe_store(settings.store),
            collection=collection.name,
            chunks=len(chunks),
            built_at=manifest.built_at,
            title=manifest.title,
            author=manifest.author,
            date=manifest.date,
            article_text=manifest.article_text,
            flagged=tuple(flagged_spans(manifest)),
        )
        return cls(
            llm=llm if llm is not None else make_llm(settings.llm),
            embed_model=embed_model,
            retriever=retriever,
            evidence=evidence,
            info=info,
            retrieval=settings.retrieval,
            answer=settings.answer,
        )

    # -- public API ---------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[Turn] | None = None, **options: Any) -> Answer:
        """Answer ``question`` (a follow-up when ``history`` is given)."""
        final: Answer | None = None
        for event in self.stream(question, history, **options):
            if isinstance(event, Final):
                final = event.answer
        assert final is not None
        return final

    def retrieve(self, question: str, top_k: int | None = None, mode: Mode | None = None) -> list[Passage]:
        """Retrieval alone (what the evaluation scores)."""
        return self.retriever.retrieve(
            self.validate(question), top_k or self.retrieval_settings.top_k, mode or self.retrieval_settings.mode
        ).passages

    def validate(self, question: str) -> str:
        """Clean the question or raise :class:`QuestionError` saying what is wrong."""
        if not isinstance(question, str):
            raise QuestionError("the question must be text")
        cleaned = "".join(
            " " if ch in "\r\n\t" else ch
            for ch in unicodedata.normalize("NFC", question)
            if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co") or ch in "\r\n\t"
        )
        cleaned = re.sub(r"\s+", " ", cleaned).strip()
        limit = self.answer_settings.max_question_chars
        if not cleaned:
            raise QuestionError("the question is empty: type a question about the article")
        if len(cleaned) > limit:
            raise QuestionError(
                f"the question is {len(cleaned)} characters long; the limit is {limit} (RAG_ANSWER__MAX_QUESTION_CHARS)"
            )
        return cleaned

    def stream(
        self,
        question: str,
        history: Sequence[Turn] | None = None,
        *,
        top_k: int | None = None,
        mode: Mode | None = None,
    ) -> Iterator[StreamEvent]:
        """Yield :class:`TextDelta` pieces of verified text, then one :class:`Final`."""
        started = time.perf_counter()
        question = self.validate(question)
        timings = Timings()
        rewrite = self._rewrite if self.answer_settings.rewrite_followups else None
        history = list(history or [])
        rewritten = standalone_question(
            question,
            history,
            rewrite,
            lambda word: self.evidence.names_in(word, first_too=True),
            self.evidence.gender,
        )
        timings.rewrite_ms = _ms(started)
        # the conversation's cited sentences (and their neighbours) are ranked even if retrieval misses them
        cited_by_turn = [self.evidence.cited_in(turn.answer) for turn in history[-2:]]
        cited = sorted({i for turn in cited_by_turn for i in turn})
        carried = self.evidence.around(cited) if rewritten.method != "none" else []

        t = time.perf_counter()
        k = top_k or self.retrieval_settings.top_k
        # evidence sentences are ranked over a wider pool than the k passages shown: a chunk that
        # only one retriever found (BM25's first, say) must not be lost to fusion
        retrieval = self.retriever.retrieve(rewritten.text, max(k, EVIDENCE_POOL), mode or self.retrieval_settings.mode)
        passages = retrieval.passages[:k]
        query_embedding = retrieval.query_embedding
        if rewritten.focus != rewritten.text and query_embedding is not None:
            query_embedding = self.embed_model.get_query_embedding(rewritten.focus)
        elliptical = rewritten.method == "fallback" and rewritten.focus == rewritten.text
        last_cited = cited_by_turn[-1] if cited_by_turn and rewritten.method != "none" else []
        ranked = self.evidence.rank(
            rewritten.focus,
            retrieval.passages,
            query_embedding,
            carried=carried,
            repeated=cited if elliptical else (),
            following=last_cited,
            required=rewritten.required,
            speaker_of=last_cited if asks_speaker(question) else (),
            hinted=rewritten.carried,
            parallel=last_cited if rewritten.exclude_cited else (),
            background=rewritten.background,
        )
        if rewritten.exclude_cited:  # "what about the other one?": not what was already cited, unless the
            # cited sentence gives the other one's figure too ("X treats 62 a day, while Y sees 41")
            both = answer_type.expected(rewritten.focus) == "quantity"
            quoted = {self.evidence.sentences[i].start for i in cited}
            ranked = [
                r
                for r in ranked
                if r.sentence.start not in quoted or (both and len(_FIGURE.findall(r.sentence.text)) >= 2)
            ]
        # "which one is cheaper?": the sentence the last answer quoted with both figures (the question
        # shares no word with it, so the topic check must not decline it)
        chosen = False
        if last_cited and chooses_between(question):
            quoted = {self.evidence.sentences[i].start for i in last_cited}
            pair = [r for r in ranked if r.sentence.start in quoted and len(_FIGURE.findall(r.sentence.text)) >= 2]
            if pair:
                chosen = True
                top = replace(pair[0], score=max(pair[0].score, ranked[0].score))
                ranked = [top, *(r for r in ranked if r is not pair[0])]
        ranked = fitting_first(rewritten.focus, ranked)  # "which firm made it?": the one said to have made it
        timings.retrieve_ms = _ms(t)

        answer = Answer(
            question=question,
            text="",
            citations=[],
            passages=passages,
            abstained=False,
            timings=timings,
            standalone_question=rewritten.text if rewritten.method != "none" else "",
        )
        # "why was it turned down?" answered by the sentence after the last quote: the question's
        # words paraphrase that quote's, so the topic check would wrongly decline it
        follows = chosen or (
            bool(ranked)
            and any(self.evidence.sentences[j] is ranked[0].sentence for j in self.evidence.after(last_cited))
        )
        reason = decline_reason(question) or abstain_reason(
            rewritten.focus,
            ranked,
            self.evidence.vocabulary,
            self.answer_settings.min_relevance * (FOLLOW_UP_RELEVANCE if rewritten.method != "none" else 1.0),
            published(self.info.date),
            follows=follows,
            pervasive=self.evidence.pervasive,
        )
        if reason:
            answer.abstained, answer.mode, answer.text = True, "abstained", ABSTAIN_TEXT
            answer.abstain_reason = reason
            timings.first_token_ms = _ms(started)
            yield TextDelta(ABSTAIN_TEXT)
            timings.total_ms = _ms(started)
            yield Final(answer)
            return

        book = CitationBook(self.evidence.text)
        context = select_context(ranked, self.answer_settings.context_chars)
        parts: list[str] = []
        announced: set[int] = set()
        # an elliptical follow-up ("Why?") wants something new: the last answer's quotes, unless the
        # ranking still puts one first (it holds the date or the reason asked for), are not an answer
        stale = (
            {(x.start, x.end) for i in last_cited if (x := self.evidence.sentences[i]) is not ranked[0].sentence}
            if elliptical
            else set()
        )
        for text in self._verified_sentences(rewritten.text, context, passages, book, answer, stale):
            if not parts:
                timings.first_token_ms = _ms(started)
            parts.append(text)
            yield _delta(text if len(parts) == 1 else " " + text, book, announced)

        kind = answer_type.expected(question)
        words_of = kind is None and asks_for_words(question)
        extra = _extractive(ranked, book, self.evidence, who=kind == "person", words_of=words_of)
        if extra:
            if not parts:
                timings.first_token_ms = _ms(started)
            answer.mode = "mixed" if parts else "extractive"
            yield _delta(extra if not parts else " " + extra, book, announced)
            parts.append(extra)
        # "who leads the review, and when is it due to report?": the second question's answer too
        second = answer_type.second_question(question) if rewritten.method == "none" and parts else None
        if second is not None:
            found = self.evidence.rank(second, retrieval.passages, query_embedding)[:1]
            if found and found[0].holds_type and not _cited(book, found[0].sentence):
                yield _appended(found[0].sentence, book, answer, parts, announced)
        # "how did the fee in 2021 compare with 2024?": the side the quotes so far leave out
        sides = answer_type.compared_terms(question) if rewritten.method == "none" and parts else None
        for side in sides or ():
            if any(side & s.terms for s in self.evidence.sentences if _cited(book, s)):
                continue
            other = next((r.sentence for r in ranked[:COMPARED_REACH] if side & r.sentence.terms), None)
            if other is not None and not _cited(book, other):
                yield _appended(other, book, answer, parts, announced)
        answer.text = " ".join(parts)
        answer.citations = list(book.citations)
        timings.total_ms = _ms(started)
        yield Final(answer)

    # -- internals ----------------------------------------------------------------------------

    def _verified_sentences(
        self,
        question: str,
        context: list[Passage],
        passages: list[Passage],
        book: CitationBook,
        answer: Answer,
        stale: Set[tuple[int, int]] = frozenset(),
    ) -> Iterator[str]:
        """The model's answer, one verified sentence at a time (dropped ones recorded with a reason).

        The model sees only ``context`` (the best evidence sentences, numbered), so only those may
        back its claims; after the first sentence, a claim must also share a topic word with the
        question (small models wander off into true but unrelated sentences).
        """
        messages = [ChatMessage(role=r, content=c) for r, c in prompts.answer_messages(question, context)]
        candidates = context
        topic = topic_terms(question)
        # a yes/no question is answered by restating it (or its negation); any other is not
        asked = set() if _YES_NO.match(answer.question) else set(terms(question)) | set(terms(answer.question))
        buffer = ""
        kept = 0
        said: set[str] = set()  # the terms of the sentences kept so far
        stream = self._chat_stream(messages)
        if self.answer_settings.entailment != "off":
            stream = _drained(stream)  # the judge is a model call too: finish this one first
        for delta in stream:
            buffer += delta
            normal = _TRAILING_MARKERS.sub(lambda m: m.group(2) + m.group(1), buffer)
            spans = sentences(normal)
            if len(spans) < 2:
                continue
            for s, e in spans[:-1]:
                for text in self._check(normal[s:e], candidates, topic, book, answer, stale, asked, said):
                    kept += 1
                    yield text
            buffer = normal[spans[-1][0] :]
            # Stop paying for tokens once the answer is long enough, or once the model has
            # failed the check twice without a single verified sentence (the quote will do).
            if kept >= MAX_GENERATED_SENTENCES or (not kept and len(answer.dropped) >= 2):
                stream.close()  # also releases the embedded model's lock
                return
        normal = _TRAILING_MARKERS.sub(lambda m: m.group(2) + m.group(1), buffer)
        for s, e in sentences(normal):
            if _UNFINISHED.search(normal[s:e]):
                answer.dropped.append(Dropped(normal[s:e], "unfinished: the model stopped mid-sentence"))
                continue
            yield from self._check(normal[s:e], candidates, topic, book, answer, stale, asked, said)

    def _check(
        self,
        sentence: str,
        context: list[Passage],
        topic: set[str],
        book: CitationBook,
        answer: Answer,
        stale: Set[tuple[int, int]] = frozenset(),
        asked: Set[str] = frozenset(),
        said: set[str] | None = None,
    ) -> Iterator[str]:
        """Yield ``sentence`` with its answer-level ``[n]`` if it passes every check; else record why not.

        ``asked``: the question's terms; a sentence holding nothing else ("The chair is the chair of
        the committee.") restates the question and answers nothing. ``said``: the terms of the
        sentences kept so far (updated here); a sentence adding none says nothing new (small models
        repeat themselves).

        A number is given only here, to a sentence that is shown, so no number is ever withdrawn.
        """
        checked = check_sentence(
            sentence, context, self.evidence, self.answer_settings.min_support, question=answer.question
        )
        reason = checked.reason
        if not reason and asked and _restates(sentence, asked):
            reason = "restates the question: says nothing the question does not"
        claim_terms = set(terms(checked.claim))
        if not reason and said is not None and claim_terms and claim_terms <= said:
            reason = "repeats what this answer already says"
        if not reason and book.citations and topic and not topic & set(terms(sentence)):
            reason = "off topic: true, but shares no topic word with the question"
        if (
            not reason
            and checked.span is not None
            and any(a < checked.span[1] and checked.span[0] < b for a, b in stale)
        ):
            reason = "repeats the previous answer, which this follow-up asks beyond"
        if not reason and checked.span is not None and self.answer_settings.entailment == "llm":
            reason = self._entailment_reason(checked.claim, self.evidence.text[checked.span[0] : checked.span[1]])
        if reason:
            answer.dropped.append(Dropped(sentence, reason))
            return
        if said is not None:
            said |= claim_terms
        yield book.cite(checked)

    def _entailment_reason(self, claim: str, quote: str) -> str:
        """Ask the configured model whether ``quote`` says ``claim``; a reason unless it says yes."""
        messages = [ChatMessage(role=r, content=c) for r, c in entailment.messages(claim, quote)]
        reply = "".join(self._chat_stream(messages, max_tokens=entailment.MAX_TOKENS))
        return entailment.reason(reply)

    def _chat_stream(self, messages: list[ChatMessage], **kwargs: Any) -> Generator[str, None, None]:
        try:
            for chunk in self.llm.stream_chat(messages, **kwargs):
                if chunk.delta:
                    yield chunk.delta
        except RagError:
            raise
        except Exception as exc:  # remote clients translate their own errors; this is anything else
            raise unexpected_error(exc, "llm") from None

    def _rewrite(self, question: str, history: Sequence[Turn]) -> str:
        messages = [ChatMessage(role=r, content=c) for r, c in prompts.rewrite_messages(question, history)]
        text = ""
        for delta in self._chat_stream(messages, max_tokens=REWRITE_MAX_TOKENS):
            text += delta
            if "\n" in text.strip():  # the question is one line; stop paying for more
                break
        return text


def _restates(sentence: str, asked: Set[str]) -> bool:
    """Every content term of ``sentence`` is one of the question's (or a form of one)."""
    claim = set(terms(re.sub(r"\[\d+(?:,\s?\d+)*\]", "", sentence)))
    # "adds" for "add": a verb's -s form is the question's word
    return bool(claim) and all(
        t in asked or t.removesuffix("s") in asked or any(related(t, a) for a in asked) for t in claim
    )


def select_context(ranked: list[ScoredSentence], budget_chars: int, max_items: int = 4) -> list[Passage]:
    """The best evidence sentences within a character budget: the model's whole context.

    Small models answer better from a few relevant sentences than from whole chunks, and on a
    2-core CPU every prompt token costs ~6 ms before the first answer token.
    """
    chosen: list[Passage] = []
    used = 0
    for item in ranked:
        s = item.sentence
        if chosen and (used + len(s.text) > budget_chars or len(chosen) >= max_items):
            break
        chosen.append(Passage(f"s{s.start}", s.text, s.start, s.end, item.score))
        used += len(s.text)
    return chosen


def _extractive(
    ranked: list[ScoredSentence],
    book: CitationBook,
    evidence: Evidence | None = None,
    *,
    who: bool = False,
    words_of: bool = False,
) -> str:
    """Quote the best evidence sentence unless the verified answer already cites one of the
    best few that score close to it (the ranking's first place is not always right; the model's
    choice may be, unless the ranking clearly prefers another). A sentence that only announces
    what follows ("Two options were on the table.") is quoted with the next one; for a "who"
    question (``who``), one that names nobody but opens with a pronoun ("He argued that ...") or
    quotes a pronoun ('"...," she said.') is quoted after the sentence naming whom it stands for;
    a list's item after the line opening the list (every item, for a list of short phrases).
    ``words_of``: the question asks what someone said or why (and for no name, number or date), so
    a reported speech ("X said the change was about safety.") is followed by the speaker's own
    words after it, whoever quoted it."""
    best = ranked[0].sentence
    close = [s for s in ranked[:EXTRACTIVE_SLACK] if s.score >= ranked[0].score - EXTRACTIVE_MARGIN]
    # a list's item is quoted after the line opening the list, and a list of things whole
    quotes = [q for q in (evidence.listed(best) if evidence is not None else []) if not _cited(book, q)] or [best]
    if any(_cited(book, s.sentence) for s in close):
        if not (words_of and _cited(book, best)):
            return ""
        quotes = []  # the model quoted the best sentence itself: only what follows it is missing
    named = None
    # "He argued ...", '"...," she said.' (whatever else it names: '"...," she told the Gazette.')
    if evidence is not None and who and (not ranked[0].holds_type or pronoun_speaks(best.text)):
        named = evidence.antecedent(best) or evidence.speaker_named(best)
    if quotes and named is not None and not _cited(book, named):
        quotes.insert(0, named)
    opened = evidence.announced(best) if evidence is not None and quotes else None
    if opened is not None and not _cited(book, opened):
        quotes.append(opened)
    if evidence is not None and words_of:
        # the whole of the quotation the best sentence is part of, then the speaker's words after it
        before, after = evidence.quotation(best)
        if quotes:
            quotes = [q for q in before if not _cited(book, q)] + quotes
        quotes += [q for q in after if not _cited(book, q) and q not in quotes]
        last = after[-1] if after else best
        quotes += [c for c in evidence.continued(last) if not _cited(book, c) and c not in quotes]
    return " ".join(_cited_text(q, book) for q in quotes)


def _cited(book: CitationBook, sentence: Sentence) -> bool:
    """The answer already cites a span overlapping ``sentence``."""
    return any(c.start < sentence.end and sentence.start < c.end for c in book.citations)


def _appended(
    sentence: Sentence, book: CitationBook, answer: Answer, parts: list[str], announced: set[int]
) -> TextDelta:
    """One more quoted sentence after the answer so far (the second question's, the other side of
    a comparison): cited, added to the parts, and the answer's mode now at least mixed."""
    more = _cited_text(sentence, book)
    answer.mode = "extractive" if answer.mode == "extractive" else "mixed"
    parts.append(more)
    return _delta(" " + more, book, announced)


def _cited_text(sentence: Sentence, book: CitationBook) -> str:
    """The sentence's words as the article has them, with its citation's marker."""
    return with_marker(sentence.text, book.number_for((sentence.start, sentence.end)))


def _delta(text: str, book: CitationBook, announced: set[int]) -> TextDelta:
    """A piece of verified text, with the citations it uses for the first time (a streaming
    client can show each source as its marker appears)."""
    new = tuple(c for c in book.citations if c.n not in announced and f"[{c.n}]" in text)
    announced.update(c.n for c in new)
    return TextDelta(text, new)


def _drained(stream: Iterator[str]) -> Generator[str, None, None]:
    """The whole stream read before the first piece is passed on."""
    yield from list(stream)


def _evidence(manifest: Manifest, embed_model: BaseEmbedding, key: str) -> Evidence:
    article = mask_flagged(manifest.article_text, flagged_spans(manifest))  # instructions are never evidence
    texts = [article[s:e] for s, e in sentences(article)]
    parts = clause_texts(article)  # long sentences' clauses are matched on their own too
    try:
        vectors = embed_model.get_text_embedding_batch(texts + parts)
    except RagError:
        raise
    except Exception as exc:
        raise unexpected_error(exc, "embeddings") from None
    check_dimension(
        (len(v) for v in vectors[:1]),
        manifest.dimension,
        against=f"the index for {key}",
        fix="run `rag index --rebuild`",
        setting="RAG_EMBED__MODEL",
    )
    header_end = (
        manifest.article_text.find("\n\n") if manifest.title and manifest.article_text.startswith(manifest.title) else 0
    )
    return Evidence(
        article,
        vectors[: len(texts)],
        header_end=max(header_end, 0),
        clause_embeddings=vectors[len(texts) :],
        published=published(manifest.date),
    )


def _check_article_unchanged(path: Path, manifest: Manifest) -> None:
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return  # a query host may not have the article; the index carries its own copy
    if sha != manifest.article_sha256:
        raise IndexMissingError(f"the article {path} changed since the index was built; run `rag index`")


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
