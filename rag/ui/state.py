"""Per-browser-session chat state, kept in ``st.session_state`` (a plain mapping here).

Each turn keeps the engine's own :class:`Answer`, so its citations keep their numbers and
offsets whatever is asked later: nothing is ever renumbered.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from rag.answer import Answer, Turn

CHAT_KEY = "chat"
ARTICLE_TURN_KEY = "article_turn"  # the selectbox choosing whose citations the article shows
Session = MutableMapping[Any, Any]  # st.session_state, or a dict in tests


@dataclass
class ChatTurn:
    """A question and either its answer or the error that stopped it."""

    question: str
    answer: Answer | None = None
    error: str = ""


@dataclass
class ChatState:
    turns: list[ChatTurn] = field(default_factory=list)
    pending: str = ""  # an example question clicked in the sidebar, asked on this run

    def history(self) -> list[Turn]:
        """The earlier exchanges a follow-up question needs (failed turns left out)."""
        return [Turn(t.question, t.answer.text) for t in self.turns if t.answer is not None]

    def cited_turns(self) -> list[int]:
        """Indices of the turns whose answer cites the article."""
        return [i for i, t in enumerate(self.turns) if t.answer is not None and t.answer.citations]

    def take_pending(self) -> str:
        question, self.pending = self.pending, ""
        return question

    def ask(self, question: str) -> None:
        """Queue ``question`` for the next run (a button callback)."""
        self.pending = question


def chat_state(session: Session) -> ChatState:
    """This session's chat, created on first use."""
    state = session.get(CHAT_KEY)
    if not isinstance(state, ChatState):
        state = session[CHAT_KEY] = ChatState()
    return state


def new_chat(session: Session) -> None:
    """Forget this session's turns (the models and the index stay loaded)."""
    session[CHAT_KEY] = ChatState()
    session.pop(ARTICLE_TURN_KEY, None)


def select_article_turn(session: Session, state: ChatState, latest: bool = False) -> int | None:
    """Make the article view's choice valid: the latest cited turn when asked or when unset."""
    options = state.cited_turns()
    if not options:
        session.pop(ARTICLE_TURN_KEY, None)
        return None
    if latest or session.get(ARTICLE_TURN_KEY) not in options:
        session[ARTICLE_TURN_KEY] = options[-1]
    chosen: int = session[ARTICLE_TURN_KEY]
    return chosen
