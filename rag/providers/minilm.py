"""A lean CPU runtime for sentence-transformers BERT models (all-MiniLM-L6-v2 and kin).

It runs the same pipeline sentence-transformers builds from the model folder — BERT encoder,
mean (or CLS) pooling, L2 normalisation — in NumPy, reading the folder's ``model.safetensors``
and ``tokenizer.json``. Same vectors (``tests/test_minilm.py`` checks them against
sentence-transformers to 1e-4), without importing torch, transformers and scikit-learn, which
take about 10 s on a 2-core machine: model load drops to well under a second and the process
stays ~500 MB smaller. Models of other architectures use sentence-transformers itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr


def supports(model_dir: Path) -> bool:
    """True for a local sentence-transformers folder holding a BERT model this runtime can run."""
    try:
        config = json.loads((model_dir / "config.json").read_text())
        modules = json.loads((model_dir / "modules.json").read_text())
    except (OSError, ValueError):
        return False
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    return (
        config.get("model_type") == "bert"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and config.get("hidden_act") == "gelu"
        and kinds[:2] == ["Transformer", "Pooling"]
        and set(kinds[2:]) <= {"Normalize"}
        and (model_dir / "model.safetensors").is_file()
        and (model_dir / "tokenizer.json").is_file()
    )


class NumpyBertEncoder:
    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.config = json.loads((model_dir / "config.json").read_text())
        modules = json.loads((model_dir / "modules.json").read_text())
        pooling_dir = next(model_dir / m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((pooling_dir / "config.json").read_text())
        self.cls_pooling = bool(pooling.get("pooling_mode_cls_token"))
        self.normalize = any(m["type"].endswith("Normalize") for m in modules)
        st_config_path = model_dir / "sentence_bert_config.json"
        st_config = json.loads(st_config_path.read_text()) if st_config_path.exists() else {}
        max_len = int(st_config.get("max_seq_length", 256))

        weights = load_file(str(model_dir / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        # dense weights stored transposed and contiguous, so every product is one BLAS call
        for name in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k]:
            self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.heads = int(self.config["num_attention_heads"])
        self.layers = int(self.config["num_hidden_layers"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.enable_padding(pad_id=int(self.config.get("pad_token_id", 0)))
        self.dimension = int(self.config["hidden_size"])

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = [self._encode_batch(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.concatenate(out) if out else np.zeros((0, self.dimension), np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        w = self.w
        positions = np.arange(ids.shape[1])
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for i in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{i}.")
        if self.cls_pooling:
            pooled = x[:, 0]
        else:
            pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        if self.normalize:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        b, n, h = x.shape
        d = h // self.heads

        def heads(name: str) -> np.ndarray:
            y = self._dense(x, p + f"attention.self.{name}")
            return np.ascontiguousarray(y.reshape(b, n, self.heads, d).transpose(0, 2, 1, 3))

        q, k, v = heads("query"), heads("key"), heads("value")
        scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) / np.float32(np.sqrt(d)) + bias
        scores = scores - scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
        x = self._norm(x + self._dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        inner = _gelu(self._dense(x, p + "intermediate.dense"))
        return self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        w = self.w[name + ".weight"]  # (in, out)
        return (x.reshape(-1, x.shape[-1]) @ w).reshape(*x.shape[:-1], w.shape[1]) + self.w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, with erf from Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = x / np.float32(np.sqrt(2.0))
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


class MiniLMEmbedding(BaseEmbedding):
    """LlamaIndex embedding backed by :class:`NumpyBertEncoder`."""

    model_dir: str
    _encoder: Any = PrivateAttr(default=None)

    def __init__(self, model_dir: str, **kwargs: Any) -> None:
        super().__init__(model_dir=model_dir, model_name=Path(model_dir).name, **kwargs)  # type: ignore[call-arg]
        self._encoder = NumpyBertEncoder(Path(model_dir))

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encoder.encode([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encoder.encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encoder.encode(texts, self.embed_batch_size).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
