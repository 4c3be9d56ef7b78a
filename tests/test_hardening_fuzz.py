"""Property-based tests (hypothesis): no input or setting makes the CLI print a traceback.

The property, for every fuzzed question, stdin, setting value and API base URL: exit code 0 or 2,
at most one line on stderr, every stdout line valid UTF-8 JSON with ``--json``, never a traceback
or an "internal error". The CLI's ``main()`` runs in process on the fake profile. Example budgets
are fixed and the runs derandomised, so the suite stays fast and repeatable; set
``HYPOTHESIS_EXAMPLES=500`` for a longer random hunt.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from rag import cli
from rag.engine import Engine
from rag.errors import ConfigError, SettingsInvalidError
from rag.providers.remote import Endpoint
from rag.settings import Settings, load_settings, redact_url
from tests.support import fake_engine

SOAK = int(os.environ.get("HYPOTHESIS_EXAMPLES", "0"))


def budget(n: int) -> Any:
    """A fixed, derandomised example budget (``HYPOTHESIS_EXAMPLES`` turns it into a random soak)."""
    return hsettings(
        max_examples=SOAK or n,
        derandomize=not SOAK,
        database=None,  # nothing written into the checkout
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class Captured:
    """``sys.stdin``/``stdout``/``stderr`` as byte streams, the way a pipe sees them."""

    def __init__(self, stdin: bytes = b"", errors: str = "strict") -> None:
        self.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
        self.out = io.BytesIO()
        self.err = io.BytesIO()
        self.stdout = io.TextIOWrapper(self.out, encoding="utf-8", errors=errors, write_through=True)
        self.stderr = io.TextIOWrapper(self.err, encoding="utf-8", errors="backslashreplace", write_through=True)


def run_main(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: bytes = b"", errors: str = "strict"
) -> tuple[int, bytes, bytes]:
    cap = Captured(stdin, errors)
    with monkeypatch.context() as m:
        m.setattr("sys.stdin", cap.stdin)
        m.setattr("sys.stdout", cap.stdout)
        m.setattr("sys.stderr", cap.stderr)
        code = cli.main(argv)
    return code, cap.out.getvalue(), cap.err.getvalue()


def assert_contract(code: int, out: bytes, err: bytes, *, json_out: bool) -> list[dict[str, Any]]:
    """Exit 0 or 2, at most one stderr line, no traceback; the JSON lines of stdout."""
    text_err = err.decode("utf-8", "replace")
    assert code in (0, 2), text_err
    assert "Traceback" not in text_err and "internal error" not in text_err, text_err
    assert len(text_err.strip().splitlines()) <= 1, text_err
    rows = []
    if json_out:
        for line in out.splitlines():
            rows.append(json.loads(line.decode("utf-8")))  # strict UTF-8, then strict JSON
    return rows


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    built, _ = fake_engine(tmp_path_factory.mktemp("fuzz-index"))
    return built


@pytest.fixture
def shared_engine(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Engine]:
    """The CLI on the fake profile, its engine built once for the module (no model loads per example)."""
    monkeypatch.setenv("RAG_PROFILE", "fake")
    monkeypatch.setenv("RAG_STORE__PATH", str(tmp_path / "unused-store"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Engine, "from_settings", classmethod(lambda cls, settings, **kw: engine))
    yield engine


# -- questions ------------------------------------------------------------------------------------

questions = st.one_of(
    st.text(max_size=60),  # any code point, surrogates included
    st.text(alphabet=st.characters(codec="utf-8"), max_size=1200),
    st.text(alphabet=st.sampled_from("\x00\x07\x1b\r\n\t\u2028\u200b\ufeff\ud800\udcff?a "), max_size=30),
    st.sampled_from(["", " ", "--", "?", "When were the Lachin corridor checkpoints installed?"]),
).filter(lambda q: q != "-")  # "-" alone means: read stdin


@budget(60)
@given(question=questions)
def test_any_question_argument_keeps_the_contract(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    code, out, err = run_main(monkeypatch, ["ask", "--json", "--", question])
    rows = assert_contract(code, out, err, json_out=True)
    assert len(rows) == 1 and ("answer" in rows[0]) != ("error" in rows[0])
    assert (code == 0) == ("answer" in rows[0])


@budget(60)
@given(
    data=st.binary(max_size=300)
    | st.lists(questions, max_size=6).map(lambda qs: "\n".join(qs).encode("utf-8", "surrogatepass"))
)
def test_any_stdin_gives_one_json_line_per_input_line(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    code, out, err = run_main(monkeypatch, ["ask", "-", "--json"], stdin=data, errors="surrogateescape")
    rows = assert_contract(code, out, err, json_out=True)
    expected = data.split(b"\n")
    if expected[-1] == b"":
        expected.pop()
    assert [r["line"] for r in rows] == list(range(1, len(expected) + 1))
    if not expected:
        assert code == 2 and b"no questions on stdin" in err
    for row, raw in zip(rows, expected, strict=True):
        try:
            raw.removesuffix(b"\r").decode("utf-8")
        except UnicodeDecodeError:
            assert "not valid UTF-8" in row["error"]


def test_undecodable_stdin_is_replaced_and_said_so(shared_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_main(monkeypatch, ["ask", "-", "--json"], stdin=b"\xff\xfe\xfd\n", errors="surrogateescape")
    (row,) = assert_contract(code, out, err, json_out=True)
    assert code == 2 and row["question"] == "\ufffd" * 3 and "not valid UTF-8" in row["error"]


def test_empty_stdin_says_so_on_stderr(shared_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_main(monkeypatch, ["ask", "-", "--json"])
    assert code == 2 and out == b"" and err.decode().startswith("error: no questions on stdin")


def test_ten_input_lines_give_ten_output_lines(shared_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["When were the Lachin corridor checkpoints installed?", "", "  ", "x" * 2000, "Who wrote it?"] * 2
    code, out, err = run_main(monkeypatch, ["ask", "-", "--json"], stdin="\n".join(lines).encode() + b"\n")
    rows = assert_contract(code, out, err, json_out=True)
    assert len(rows) == 10 and [r["line"] for r in rows] == list(range(1, 11))
    assert [("error" in r) for r in rows] == [False, True, True, True, False] * 2


@pytest.mark.parametrize("top_k", ["0", "-1", "101", "abc", "1e3", ""])
def test_a_bad_top_k_is_one_line(shared_engine: Engine, monkeypatch: pytest.MonkeyPatch, top_k: str) -> None:
    code, out, err = run_main(monkeypatch, ["ask", "--top-k", top_k, "--json", "Who wrote it?"])
    assert_contract(code, out, err, json_out=True)
    assert code == 2 and out == b"" and b"--top-k" in err


@pytest.mark.parametrize("top_k", [1, 3, 100])
def test_a_good_top_k_returns_at_most_that_many_passages(
    shared_engine: Engine, monkeypatch: pytest.MonkeyPatch, top_k: int
) -> None:
    code, out, err = run_main(
        monkeypatch, ["ask", "--top-k", str(top_k), "--json", "When were the checkpoints installed?"]
    )
    (row,) = assert_contract(code, out, err, json_out=True)
    assert 1 <= len(row["passages"]) <= top_k


# -- every numeric and enum setting over its type's whole domain -----------------------------------------


def _fields() -> list[tuple[str, FieldInfo]]:
    """``(RAG_SECTION__KEY, field)`` for every int, float, bool and Literal setting."""
    out = []
    for section, field in Settings.model_fields.items():
        model = field.annotation
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        for name, sub in model.model_fields.items():
            kind = sub.annotation
            if kind in (int, float, bool) or get_origin(kind) is Literal:
                out.append((f"RAG_{section.upper()}__{name.upper()}", sub))
    return out


FIELDS = _fields()


def _bounds(field: FieldInfo) -> tuple[Any, Any]:
    low = high = None
    for m in field.metadata:
        for attr in ("ge", "gt"):
            low = getattr(m, attr, None) if getattr(m, attr, None) is not None else low
        for attr in ("le", "lt"):
            high = getattr(m, attr, None) if getattr(m, attr, None) is not None else high
    return low, high


NUMERIC = [f for f in FIELDS if f[1].annotation in (int, float)]


@pytest.mark.parametrize(("env", "field"), NUMERIC, ids=[f[0] for f in NUMERIC])
def test_every_numeric_setting_has_a_range(env: str, field: FieldInfo) -> None:
    low, high = _bounds(field)
    assert low is not None and high is not None, f"{env} has no validated range"


def _value(field: FieldInfo) -> st.SearchStrategy[str]:
    """The whole domain of the field's type, plus its valid range (so valid values get run too)."""
    kind = field.annotation
    low, high = _bounds(field)
    if kind is int:
        return (
            st.integers(min_value=-(2**70), max_value=2**70).map(str)
            | st.integers(min_value=low, max_value=min(high, 2000)).map(str)
            | st.sampled_from(["", "1.5", "0x10", " 7 ", "1_000", str(low), str(high)])
        )
    if kind is float:
        return (
            st.floats(allow_nan=True, allow_infinity=True).map(repr)
            | st.floats(min_value=low, max_value=high).map(repr)
            | st.sampled_from(["", "nan", "-inf", "1e309", "0,5", str(low), str(high)])
        )
    if kind is bool:
        return st.sampled_from(["true", "false", "1", "0", "yes", "", "maybe"])
    return st.sampled_from([*get_args(kind), "", "nope", "HYBRID"])


@budget(300)
@given(data=st.data())
def test_any_value_of_any_setting_is_accepted_or_named(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env, field = data.draw(st.sampled_from(FIELDS))
    value = data.draw(_value(field))
    with monkeypatch.context() as m:
        m.setenv(env, value)
        try:
            settings = load_settings(env_file=None, profile="fake")
        except SettingsInvalidError as err:
            assert env in str(err) and "\n" not in str(err)
            assert [key for key, _ in err.problems] == [env]
            return
    section, key = env.removeprefix("RAG_").lower().split("__")
    got = getattr(getattr(settings, section), key)
    low, high = _bounds(field)
    if low is not None:
        assert low <= got <= high


@budget(25)
@given(data=st.data())
def test_any_setting_through_doctor_and_ask_keeps_the_contract(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The real engine (no shared one): a valid value must not crash ``rag ask`` or ``rag doctor``."""
    env, field = data.draw(
        st.sampled_from([f for f in FIELDS if not f[0].startswith(("RAG_LLM__", "RAG_EMBED__", "RAG_STORE__"))])
    )
    value = data.draw(_value(field))
    work = _indexed_workdir(tmp_path_factory)
    with monkeypatch.context() as m:  # per example: hypothesis runs them all in one test call
        m.chdir(work)
        m.setenv("RAG_PROFILE", "fake")
        m.setenv("RAG_STORE__PATH", str(work / "storage"))
        m.setenv(env, value)
        code, out, err = run_main(m, ["ask", "--json", "When were the checkpoints installed?"])
        assert_contract(code, out, err, json_out=True)
        ASK_CODES.append(code)
        code, out, err = run_main(m, ["doctor"])
        assert_contract(code, out, err, json_out=False)
        assert (code == 0) == all(line.startswith(b"ok") for line in out.splitlines())


_WORKDIR: list[Path] = []
ASK_CODES: list[int] = []


def test_the_settings_fuzz_also_ran_valid_values() -> None:
    """Runs after the fuzz above (file order): some of its asks must have been answered."""
    if not ASK_CODES:
        pytest.skip("runs only together with the settings fuzz")
    assert ASK_CODES.count(0) >= 3, ASK_CODES


def _indexed_workdir(factory: pytest.TempPathFactory) -> Path:
    if not _WORKDIR:
        work = factory.mktemp("settings-fuzz")
        fake_engine(work)  # builds work/storage on the fake profile
        _WORKDIR.append(work)
    return _WORKDIR[0]


# -- API base URLs ------------------------------------------------------------------------------------

url_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
passwords = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n\r"), min_size=1, max_size=20)
urls = st.one_of(
    url_text,
    st.builds(lambda rest: "http://" + rest, url_text),
    st.builds(
        lambda user, pw, host, port, path: f"http://{user}:{pw}@{host}{port}{path}",
        st.text(alphabet="abcXYZ019_-.", min_size=1, max_size=8),
        passwords,
        st.sampled_from(["127.0.0.1", "[::1]", "[::1", "localhost", "", "h st", "example.com"]),
        st.sampled_from(["", ":8080", ":0", ":99999", ":abc", ":"]),
        st.sampled_from(["/v1", "", "/v1?x=1", "/v1#f", "/a@b"]),
    ),
)


@budget(150)
@given(url=urls)
def test_any_api_base_is_accepted_or_one_line_and_never_echoes_a_password(url: str) -> None:
    try:
        settings = load_settings(env_file=None, llm={"provider": "openai_like", "api_base": url, "model": "m"})
    except ConfigError as err:
        message = str(err)
        assert "\n" not in message and "RAG_LLM__API_BASE" in message
        if "@" in url:
            assert (
                url.split("://", 1)[-1].rsplit("@", 1)[0] not in message
                or len(url.split("://", 1)[-1].rsplit("@", 1)[0]) < 4
            )
        return
    client = Endpoint.of(settings.llm).client()  # builds without a request
    client._client.build_request("GET", client.base_url.join("models"))


@budget(300)
@given(user=st.text(alphabet="abc_", min_size=1, max_size=5), pw=passwords)
def test_redact_url_masks_any_password(user: str, pw: str) -> None:
    shown = redact_url(f"http://{user}:{pw}@127.0.0.1:8080/v1")
    assert shown == "http://****@127.0.0.1:8080/v1"


@budget(150)
@given(host=url_text)
def test_any_store_host_is_accepted_or_one_line_and_then_a_usable_url(host: str) -> None:
    import httpx

    from rag.providers.store import server_url

    try:
        settings = load_settings(env_file=None, store={"provider": "server", "host": host})
    except ConfigError as err:
        assert "RAG_STORE__HOST" in str(err) and "\n" not in str(err)
        return
    assert httpx.URL(server_url(settings.store) + "/api/v2/heartbeat").host
