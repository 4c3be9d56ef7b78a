"""The Streamlit chat UI: a thin caller of :class:`rag.engine.Engine` (see ``app.py``).

``render`` and ``state`` are pure (no Streamlit) and unit-tested; ``views``, ``sidebar`` and
``resources`` draw and cache.
"""
