"""Retrieval: Chroma vectors and BM25 over the same chunks, fused by reciprocal rank; the word-level
text tools they and the answering code share."""
