"""The chat and article views: Streamlit calls around the pure builders in :mod:`ui.render`.

Every string shown here that came from the model, the article, the user or an error passes
through :func:`ui.render.escape_markdown` (or a builder that uses it) first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import streamlit as st

from rag.answer import Answer, Turn
from rag.engine import Engine, EngineInfo
from rag.errors import IndexMissingError, RagError
from rag.retrieval.hybrid import Mode
from rag.settings import Settings
from rag.ui.render import (
    answer_markdown,
    article_blocks,
    chip_label,
    dropped_markdown,
    escape_markdown,
    jump_links,
    quote_context,
    snippet,
    standfirst,
    stream_markdown,
    timings_caption,
)
from rag.ui.resources import get_engine
from rag.ui.state import ARTICLE_TURN_KEY, ChatState, ChatTurn, Session, select_article_turn

ABSTAINED = "The article does not cover this question, so there is no answer to give."
MAX_SHOWN_QUESTION = 800
CLOSEST_PASSAGES = 3
WAITING = ":material/hourglass_top: Searching the article and checking each sentence against it…"


@dataclass(frozen=True)
class RetrievalChoice:
    """What the sidebar lets a user change, passed to each :meth:`Engine.stream` call."""

    top_k: int
    mode: Mode


def load_engine(settings: Settings) -> Engine | None:
    """The shared engine, or ``None`` after showing why it could not be loaded."""
    try:
        return get_engine(settings)
    except RagError as err:
        show_error(err)
        if isinstance(err, IndexMissingError):
            st.info("Build it with **Rebuild index** in the sidebar, then ask your question.")
        return None


def show_error(err: RagError) -> None:
    st.error(escape_markdown(str(err)), icon=":material/error:")


# -- chat ---------------------------------------------------------------------------------------


def render_turn(turn: ChatTurn, index: int, article: str) -> None:
    """An earlier turn, exactly as it was answered."""
    _user_message(turn.question)
    with st.chat_message("assistant"):
        _reply(turn, index, article)


def stream_turn(
    engine: Engine, question: str, history: Sequence[Turn], choice: RetrievalChoice, index: int
) -> ChatTurn:
    """Ask ``question``, streaming the verified text as it arrives; the turn to keep."""
    _user_message(question)
    with st.chat_message("assistant"):
        slot = st.empty()
        finals: list[Answer] = []
        events = engine.stream(question, history, top_k=choice.top_k, mode=choice.mode)
        try:
            with slot.container():
                waiting = st.empty()
                waiting.caption(WAITING)
                st.write_stream(_after_first(stream_markdown(events, finals), waiting.empty))
        except RagError as err:
            turn = ChatTurn(question, error=str(err))
        else:
            turn = ChatTurn(question, answer=finals[-1])
        with slot.container():  # the same text, now with its chips (or the abstention view)
            _reply(turn, index, engine.info.article_text)
    return turn


def _after_first(pieces: Iterator[str], callback: Callable[[], object]) -> Iterator[str]:
    """``pieces``, calling ``callback`` once just before the first one is shown."""
    for i, piece in enumerate(pieces):
        if i == 0:
            callback()
        yield piece


def render_welcome(info: EngineInfo) -> None:
    with st.chat_message("assistant"):
        st.markdown(
            f"Ask me about **{escape_markdown(info.title or 'the article')}**. I answer from the article only, "
            "and every sentence of an answer cites the passage it comes from."
        )


def _user_message(question: str) -> None:
    shown = question if len(question) <= MAX_SHOWN_QUESTION else question[:MAX_SHOWN_QUESTION] + "…"
    with st.chat_message("user"):
        st.markdown(escape_markdown(shown))


def _reply(turn: ChatTurn, index: int, article: str) -> None:
    if turn.answer is None:
        st.error(escape_markdown(turn.error), icon=":material/error:")
        return
    answer = turn.answer
    if answer.abstained:
        _abstention(answer)
    else:
        st.markdown(answer_markdown(answer.text))
        _citation_chips(answer, index, article)
        _dropped(answer)
    details = [timings_caption(answer)]
    if answer.standalone_question:
        details.insert(0, f"searched for: {escape_markdown(answer.standalone_question)}")
    if answer.abstain_reason:
        details.append(f"why: {escape_markdown(answer.abstain_reason)}")
    st.caption(" · ".join(details))


def _citation_chips(answer: Answer, index: int, article: str) -> None:
    """One chip per ``[n]``; each opens the quote highlighted in its surrounding text."""
    if not answer.citations:
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for citation in answer.citations:
            with st.popover(chip_label(citation), key=f"cite-{index}-{citation.n}"):
                st.markdown(quote_context(article, citation))
                st.caption(f"Quoted verbatim from the article (characters {citation.start}–{citation.end}).")


def _dropped(answer: Answer) -> None:
    """The sentences the checks kept from the user, and why, folded away under the answer."""
    if answer.dropped:
        with st.expander(f"{len(answer.dropped)} model sentence(s) not shown, and why", expanded=False):
            st.markdown(dropped_markdown(answer))


def _abstention(answer: Answer) -> None:
    st.info(ABSTAINED, icon=":material/search_off:")
    passages = answer.passages[:CLOSEST_PASSAGES]
    if passages:
        items = [f"- {escape_markdown(snippet(p.text, 220))} *(characters {p.start}–{p.end})*" for p in passages]
        st.markdown("**The closest passages it found**\n\n" + "\n".join(items))


# -- article ------------------------------------------------------------------------------------


def render_article(info: EngineInfo, state: ChatState, session: Session, height: int) -> None:
    """The whole article, every span cited by the chosen answer highlighted, with jump links."""
    citations = []
    if select_article_turn(session, state) is not None:
        chosen = st.selectbox(
            "Article · sources highlighted for",
            options=state.cited_turns(),
            format_func=lambda i: f"Answer {i + 1}: {snippet(state.turns[i].question, 70)}",
            key=ARTICLE_TURN_KEY,
        )
        answer = state.turns[chosen].answer
        citations = answer.citations if answer is not None else []
    else:
        st.caption("The article. Ask a question: the sentences its answer cites are highlighted here.")
    blocks = article_blocks(info.article_text, citations, info.flagged)
    if info.flagged:
        st.caption(
            f"{len(info.flagged)} sentence(s) marked *flagged* address a reader or an AI assistant instead of "
            "reporting news: they are never used as evidence or cited."
        )
    jumps = jump_links(blocks)
    if jumps:
        st.markdown(jumps)
    with st.container(height=height, border=True, key="article_view"):
        if blocks and not blocks[0].cited and info.title and info.article_text.startswith(info.title):
            blocks = blocks[1:]  # the header lines, shown as a heading instead
            st.markdown(f"##### {escape_markdown(info.title)}", anchors=False)
            for line in standfirst(info.article_text, info.title, info.author, info.date):
                st.markdown(f"*{escape_markdown(line)}*")
            st.caption(escape_markdown(" · ".join(x for x in (info.author, info.date) if x)))
        for block in blocks:
            if block.cited:
                st.markdown(block.heading)
            st.markdown(block.markdown)
