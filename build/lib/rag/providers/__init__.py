"""Factories for the swappable backends: one small module per kind.

Each factory takes its settings section and returns a LlamaIndex object (``LLM``,
``BaseEmbedding``) or a Chroma client. Optional backends are imported lazily so the embedded
default never needs them, and a missing one names its install extra. This is the only package that
imports ``openai``, ``llama_cpp`` or ``chromadb``.
"""
