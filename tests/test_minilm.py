"""The NumPy MiniLM runtime gives sentence-transformers' vectors, without torch at run time."""

import numpy as np
import pytest

from rag.providers.bundled import minilm_dir
from rag.providers.minilm import NumpyBertEncoder, supports

TEXTS = [
    "For the last two years, Armenia and Azerbaijan have narrowly avoided conflict in the Caucasus.",
    "Who wrote the article?",
    "naïve café — “quotes” 🤖 ﷽ " * 3,
    "x " * 400,  # longer than the 256-token window: truncated like sentence-transformers
]


def test_the_bundled_model_is_supported_by_the_numpy_runtime():
    assert supports(minilm_dir())


@pytest.mark.real_models
def test_numpy_vectors_match_sentence_transformers():
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(minilm_dir()), device="cpu").encode(TEXTS)
    ours = NumpyBertEncoder(minilm_dir()).encode(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    assert np.abs(ours - reference).max() < 1e-4


def test_vectors_are_unit_length_and_similar_texts_are_close():
    enc = NumpyBertEncoder(minilm_dir())
    a, b, c = enc.encode(["The talks were held in Washington.", "Washington hosted the talks.", "Cats like fish."])
    assert np.allclose([np.linalg.norm(v) for v in (a, b, c)], 1.0, atol=1e-5)
    assert float(a @ b) > float(a @ c) + 0.3
