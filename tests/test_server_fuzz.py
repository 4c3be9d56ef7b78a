"""Property-based fuzzing of `rag serve` from its own OpenAPI schema (schemathesis + hypothesis).

Every operation gets generated requests, valid and invalid, sent over real HTTP to a uvicorn on
127.0.0.1 (fake models). Checked for each response: never a 5xx, the status is one the schema
documents, the body and content type conform to it, invalid input is refused with a 4xx, and
every call returns within its timeout (no hangs). The example budget is fixed so the run fits CI;
the examples are random (a failure prints how to reproduce it), so each run explores a little more.

Left out: schemathesis' "positive data acceptance" check. A request can match the schema and
still be refused with a documented 400 for reasons a schema cannot say (the last message is not
the user's, the question is empty or too long, a refused parameter such as ``tools``).
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from pydantic import SecretStr
from schemathesis.specs.openapi.checks import positive_data_acceptance

from rag.server.app import create_app
from rag.settings import load_settings
from tests.conftest import free_port
from tests.server_helpers import Running, build, start, with_server

# hypothesis keeps a cache in ./.hypothesis unless told otherwise: tests write only to temporary dirs
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))

KEY = "sk-fuzz-key-0b7e41"
EXAMPLES = 25  # per operation and generation mode
SEEN: defaultdict[str, set[int]] = defaultdict(set)  # statuses answered, per operation


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    built = build(tmp_path_factory.mktemp("fuzz-index"))
    running = start(with_server(built.settings, api_keys=[SecretStr(KEY)]), built.engine, port=free_port())
    yield running
    running.stop()


# The schema is the app's own (building the app loads nothing; the engine loads at start-up).
# (schemathesis' lazy from_fixture loader does not run on pytest 9, hence the schema at import.)
schema = schemathesis.openapi.from_dict(create_app(load_settings(env_file=None, profile="fake")).openapi())


def test_the_served_schema_is_the_one_fuzzed(fuzzed: Running) -> None:
    assert httpx.get(f"{fuzzed.url}/openapi.json").json() == schema.raw_schema


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@pytest.mark.timeout(300)
def test_no_5xx_no_hang_and_every_response_conforms(case: schemathesis.Case, fuzzed: Running) -> None:
    response = case.call_and_validate(
        base_url=fuzzed.url,
        headers={"Authorization": f"Bearer {KEY}"},
        excluded_checks=[positive_data_acceptance],
        timeout=20,
    )
    assert response.status_code < 500
    assert KEY not in response.text
    SEEN[f"{case.method} {case.path}"].add(response.status_code)


def test_the_fuzzing_reached_the_answers_and_the_refusals() -> None:
    """Run after the fuzzing (file order): the generated requests were not all refused at the door."""
    if not SEEN or os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("run with the fuzzing test, in the same process (xdist splits the cases)")
    for operation in ("POST /v1/chat/completions", "POST /v1/answer", "POST /v1/answer/stream"):
        assert {200, 400} <= SEEN[operation], (operation, SEEN[operation])
