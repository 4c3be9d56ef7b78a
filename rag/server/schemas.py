"""Request and response shapes; FastAPI publishes them as the OpenAPI schema (fuzzed in tests).

The chat request follows OpenAI's Chat Completions. Sampling knobs (``temperature``, ``top_p``,
``max_tokens``, ``seed``, …) are accepted and ignored: the engine's answers are verified
quotes-with-citations, not samples. Fields that would change what a response *means* (tools,
function calls, JSON modes, logprobs, ``n > 1``) are refused with a 400 naming them. Other
fields are ignored, or refused when ``RAG_SERVER__STRICT=true``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationInfo, field_validator

# -- requests -------------------------------------------------------------------------------------


class ContentPart(BaseModel):
    """One part of a multi-part message; only ``{"type": "text", "text": ...}`` is understood."""

    model_config = ConfigDict(extra="allow", strict=True)
    type: str
    text: str | None = None


class TextFormat(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)
    type: Literal["text"]


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None
    name: str | None = None


class ChatRequest(BaseModel):
    """OpenAI's chat request. The last message is the question; earlier user/assistant pairs are
    the history; system messages are ignored (the engine's own instructions apply)."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        json_schema_extra={
            "examples": [
                {"model": "article-rag", "messages": [{"role": "user", "content": "Who wrote the article?"}]},
                {
                    "messages": [
                        {"role": "user", "content": "Who wrote the article?"},
                        {"role": "assistant", "content": "The article was written by its author [1]."},
                        {"role": "user", "content": [{"type": "text", "text": "When was it published?"}]},
                    ],
                    "stream": True,
                    "temperature": 0.2,
                },
            ]
        },
    )
    model: str | None = None
    messages: list[ChatMessageIn] = Field(min_length=1)
    stream: StrictBool | None = False
    # accepted and ignored
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    seed: int | None = None
    stop: str | list[str] | None = None
    user: str | None = None
    stream_options: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    store: bool | None = None
    logit_bias: dict[str, float] | None = None
    parallel_tool_calls: bool | None = None
    # refused unless at their default: a 400 names them (see REFUSED)
    n: Literal[1] | None = None
    tools: list[Any] | None = Field(default=None, max_length=0)
    tool_choice: Literal["none", "auto"] | None = None
    functions: list[Any] | None = Field(default=None, max_length=0)
    function_call: Literal["none", "auto"] | None = None
    response_format: TextFormat | None = None
    logprobs: Literal[False] | None = None
    top_logprobs: Literal[0] | None = None

    @field_validator("n", "top_logprobs", "logprobs", mode="before")
    @classmethod
    def _no_bool_for_int(cls, value: Any, info: ValidationInfo) -> Any:
        """``Literal[0]`` would take ``false`` (``False == 0``), and ``Literal[False]`` ``0``."""
        if value is not None and isinstance(value, bool) != (info.field_name == "logprobs"):
            raise ValueError("wrong type")
        return value


REFUSED = frozenset(
    {"n", "tools", "tool_choice", "functions", "function_call", "response_format", "logprobs", "top_logprobs"}
)
"""Fields that would change what a response means: only their defaults are accepted."""


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    question: str
    answer: str


class AnswerRequest(BaseModel):
    """The native API: the same options as ``rag ask``."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {"question": "Who wrote the article?"},
                {
                    "question": "When was it published?",
                    "history": [{"question": "Who wrote the article?", "answer": "Its author [1]."}],
                    "top_k": 3,
                    "mode": "bm25",
                },
            ]
        },
    )
    question: str
    history: list[TurnIn] = Field(default_factory=list)
    top_k: int | None = Field(default=None, ge=1, le=50)
    mode: Literal["hybrid", "vector", "bm25"] | None = None


# -- responses (documentation and fuzzing; the routes build plain dicts) ------------------------------


class CitationOut(BaseModel):
    """Marker ``[n]`` in the text points at ``article[start:end] == quote``."""

    n: int
    start: int
    end: int
    quote: str


class ChatMessageOut(BaseModel):
    role: Literal["assistant"]
    content: str


class ChoiceOut(BaseModel):
    index: int
    message: ChatMessageOut
    finish_reason: Literal["stop"]
    logprobs: None = None


class ChatCompletionOut(BaseModel):
    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChoiceOut]
    citations: list[CitationOut]
    abstained: bool


class PassageOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    start: int
    end: int
    score: float


class AnswerOut(BaseModel):
    """The ``rag ask --json`` object (and the engine's other answer fields)."""

    model_config = ConfigDict(extra="allow")
    question: str
    answer: str
    abstained: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    timings: dict[str, float]


class ModelOut(BaseModel):
    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelListOut(BaseModel):
    object: Literal["list"]
    data: list[ModelOut]


class ArticleOut(BaseModel):
    title: str
    author: str
    date: str
    text: str


class HealthOut(BaseModel):
    status: str


class ReadyOut(BaseModel):
    status: Literal["ready", "not ready"]
    reason: str = ""
    generating: int = 0
    queued: int = 0


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail
