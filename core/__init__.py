"""Shared foundation: typed settings, the error hierarchy and model/store providers.

Dependencies point one way: ``app.py`` -> ``rag`` -> ``index`` -> ``core``.
"""
