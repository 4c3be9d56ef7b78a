"""Chat with the article: every answer sentence cites its exact source, highlighted in place.

Run with ``streamlit run app.py``. A thin caller of :class:`rag.engine.Engine`: the views live in
``rag/ui/``, the answering logic in the rest of ``rag/``.
"""

from __future__ import annotations

import streamlit as st

from rag.errors import RagError
from rag.settings import load_settings
from rag.ui import sidebar, views
from rag.ui.state import chat_state, select_article_turn

PANE_HEIGHT = 600  # px: the chat and the article scroll side by side


def main() -> None:
    st.set_page_config(page_title="Ask the article", page_icon=":material/newspaper:", layout="wide")
    try:
        settings = load_settings()
    except RagError as err:
        views.show_error(err)
        return
    state = chat_state(st.session_state)
    with st.sidebar:
        choice = sidebar.render_controls(settings, state, st.session_state)
        status = st.container()
        sidebar.render_rebuild(settings)  # before loading, so a rebuild is picked up on this run

    st.title("Ask the article", anchor=False)
    st.caption("Answers come from the article alone; each sentence cites its source, highlighted on the right.")
    engine = views.load_engine(settings)
    with status:
        sidebar.render_status(engine.info if engine else None)
    if engine is None:
        return

    question = st.chat_input("Ask a question about the article…", key="question") or state.take_pending()
    chat, article = st.columns(2, gap="large")
    with chat, st.container(height=PANE_HEIGHT, border=False, key="chat_view"):
        if not state.turns and not question:
            views.render_welcome(engine.info)
        for i, turn in enumerate(state.turns):
            views.render_turn(turn, i, engine.info.article_text)
        if question:
            turn = views.stream_turn(engine, question, state.history(), choice, len(state.turns))
            state.turns.append(turn)
            select_article_turn(st.session_state, state, latest=bool(turn.answer and turn.answer.citations))
    with article:
        views.render_article(engine.info, state, st.session_state, height=PANE_HEIGHT - 90)


main()
