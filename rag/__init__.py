"""Question answering over one news article, with exact, verified span citations.

Laid out as the data flows (each layer imports only the ones below it; ``lint-imports`` checks it):

- callers: ``ui`` (Streamlit, only ``app.py`` imports it), ``cli``, ``doctor``, ``evaluation``
- ``engine`` (the one Python API) and ``answer`` (its plain data)
- ``answering``: evidence ranking, abstention, prompts, verification, follow-ups
- ``retrieval``: hybrid vector + BM25 search
- ``ingest``: clean -> sentences -> chunks -> store
- ``providers``: LLM, embeddings and Chroma factories
- ``settings`` and ``errors``
"""
