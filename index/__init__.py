"""The write path: load -> clean -> chunk -> embed -> store (Chroma)."""
