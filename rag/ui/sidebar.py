"""The sidebar: new chat, example questions, retrieval settings, models and index status."""

from __future__ import annotations

from typing import get_args

import streamlit as st

from rag.engine import EngineInfo
from rag.errors import RagError
from rag.retrieval.hybrid import Mode
from rag.settings import Settings
from rag.ui.render import escape_markdown
from rag.ui.resources import rebuild_index
from rag.ui.state import ChatState, Session, new_chat
from rag.ui.views import RetrievalChoice, show_error

EXAMPLES = (
    "When were the Lachin corridor checkpoints installed?",
    "Who took part in the peace talks in Washington?",
    "What did Pashinyan tell the Armenian Parliament?",
    "Why is the United States interested in the region?",
)
MODES: tuple[Mode, ...] = get_args(Mode)
MAX_TOP_K = 10


def render_controls(settings: Settings, state: ChatState, session: Session) -> RetrievalChoice:
    """New chat, example questions and retrieval settings; the settings for this run."""
    st.button(
        "New chat", key="new_chat", icon=":material/add_comment:", width="stretch", on_click=new_chat, args=(session,)
    )

    st.subheader("Try asking", anchor=False)
    for i, question in enumerate(EXAMPLES):
        st.button(question, key=f"example_{i}", width="stretch", on_click=state.ask, args=(question,))

    st.subheader("Retrieval", anchor=False)
    top_k = st.slider(
        "Passages retrieved (top_k)", 1, MAX_TOP_K, value=min(settings.retrieval.top_k, MAX_TOP_K), key="top_k"
    )
    mode = st.segmented_control(
        "Search", MODES, default=settings.retrieval.mode, required=True, key="mode",
        help="hybrid fuses vector and BM25 keyword search; vector and bm25 use one of them alone.",
    )  # fmt: skip
    return RetrievalChoice(top_k=int(top_k), mode=mode or settings.retrieval.mode)


def render_status(info: EngineInfo | None) -> None:
    """The loaded models and index, as the engine reports them."""
    st.subheader("Models", anchor=False)
    if info is None:
        st.caption("Not loaded.")
    else:
        st.markdown(f"**LLM** · {escape_markdown(info.llm)}  \n**Embeddings** · {escape_markdown(info.embedding)}")
    st.subheader("Index", anchor=False)
    if info is None:
        st.caption("No index loaded.")
        return
    st.markdown(f"**{info.chunks}** chunks · built {escape_markdown(format_built_at(info.built_at))}")
    st.caption(escape_markdown(f"{info.title}\n{info.store} · {info.collection}"))


def render_rebuild(settings: Settings) -> None:
    """The rebuild button: builds with a progress bar, then every session reloads the engine."""
    from_scratch = st.toggle(
        "Re-embed every chunk", key="rebuild_from_scratch", help="Off: only new or changed chunks are embedded."
    )
    if not st.button("Rebuild index", key="rebuild", icon=":material/refresh:", width="stretch"):
        return
    bar = st.progress(0.0, text="Reading the article…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Embedded {done} of {total} chunks")

    try:
        report = rebuild_index(settings, progress, from_scratch)
    except RagError as err:
        bar.empty()
        show_error(err)
        return
    if report.repaired:  # a damaged store was moved aside (never deleted) and rebuilt
        st.warning(escape_markdown(report.repaired), icon=":material/build:")
    st.success(f"Index ready: {report.chunks} chunks, {report.embedded} embedded now, in {report.seconds:.1f} s.")


def format_built_at(built_at: str) -> str:
    """``2026-11-27T09:21:13+00:00`` as ``2026-11-27 09:21 UTC``."""
    if "T" not in built_at:
        return built_at or "unknown"
    day, time = built_at.split("T", 1)
    suffix = " UTC" if time.endswith(("+00:00", "Z")) else ""
    return f"{day} {time[:5]}{suffix}"
