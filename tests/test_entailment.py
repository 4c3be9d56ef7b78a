"""The optional model check (RAG_ANSWER__ENTAILMENT=llm): plumbing with the fake LLM, and its
measurement on the held-out perturbation suite against a real llama.cpp server."""

from __future__ import annotations

from pathlib import Path

import pytest
from llama_index.core.base.llms.types import ChatMessage

from rag.answering import entailment
from rag.evaluation.perturb import load_suite
from rag.evaluation.perturbations import THIRD_SUITE, THIRD_TEXT, evaluate_suite
from tests.conftest import LLM_ALIAS
from tests.support import fake_engine

LACHIN = "When were the Lachin corridor checkpoints installed?"
TRUE = "The checkpoints were installed on April 23 [1]."


@pytest.mark.parametrize(
    ("reply", "verdict"), [("Yes.", True), ("no", False), (" NO, it does not", False), ("Maybe", None), ("", None)]
)
def test_the_verdict_is_read_from_the_first_word(reply: str, verdict: bool | None):
    assert entailment.verdict(reply) is verdict
    assert (entailment.reason(reply) == "") is (verdict is True)


def test_a_sentence_the_judge_rejects_is_dropped_with_its_reason(tmp_path: Path):
    engine, llm = fake_engine(tmp_path, [TRUE, "No."], answer={"entailment": "llm"})
    answer = engine.ask(LACHIN)
    assert [d.reason for d in answer.dropped] == [entailment.reason("No.")]
    assert answer.mode == "extractive" and "April 23" in answer.text  # the quote still answers
    judge_prompt = llm.history[-1][-1].content
    assert (
        "Claim: The checkpoints were installed on April 23." in judge_prompt
        and "Text: These checkpoints" in judge_prompt
    )


def test_a_sentence_the_judge_accepts_is_shown(tmp_path: Path):
    engine, llm = fake_engine(tmp_path, [TRUE, "Yes"], answer={"entailment": "llm"})
    answer = engine.ask(LACHIN)
    assert answer.text.startswith(TRUE) and not answer.dropped
    assert len(llm.history) == 2  # one answer call, one yes/no call


def test_with_the_check_off_the_model_is_called_once(tmp_path: Path):
    engine, llm = fake_engine(tmp_path, [TRUE])
    engine.ask(LACHIN)
    assert len(llm.history) == 1


@pytest.mark.servers
def test_the_judge_measured_on_the_held_out_suite_through_a_llama_cpp_server(llm_server):
    from rag.providers.llm import make_llm
    from rag.settings import load_settings

    settings = load_settings(env_file=None, llm={"provider": "openai_like", "api_base": llm_server.url,
                                                 "model": LLM_ALIAS, "max_retries": 0})  # fmt: skip
    llm = make_llm(settings.llm)

    def chat(messages: list[tuple[str, str]]) -> str:
        reply = llm.chat([ChatMessage(role=r, content=c) for r, c in messages], max_tokens=entailment.MAX_TOKENS)
        return reply.message.content or ""

    text = THIRD_TEXT.read_text(encoding="utf-8")
    items = load_suite(THIRD_SUITE)
    verdicts = [entailment.verdict(chat(entailment.messages(i["claim"], i["source"]))) for i in items]
    alone = {
        "edits_rejected": sum(v is not True for v, i in zip(verdicts, items, strict=True) if i["kind"] != "faithful"),
        "faithful_kept": sum(v is True for v, i in zip(verdicts, items, strict=True) if i["kind"] == "faithful"),
        "no_verdict": sum(v is None for v in verdicts),
    }
    plain = evaluate_suite("third", items, text, 0.75).summary()
    both = evaluate_suite("third", items, text, 0.75, judge=entailment.judge(chat)).summary()
    print(f"\njudge alone on {len(items)} claims: {alone}")
    print(f"deterministic: {plain['edits_rejected']:.3f} / {plain['faithful_kept']:.3f}")
    print(f"deterministic + judge: {both['edits_rejected']:.3f} / {both['faithful_kept']:.3f}")
    assert alone["no_verdict"] < len(items) // 2  # the plumbing works: the server answers yes or no
    assert both["edits_rejected"] >= plain["edits_rejected"]  # a judge can only drop more
