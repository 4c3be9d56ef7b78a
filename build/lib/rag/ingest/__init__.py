"""The write path: load -> clean -> sentences -> chunks -> embed -> store (Chroma)."""
