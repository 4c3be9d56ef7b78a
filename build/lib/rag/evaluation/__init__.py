"""Evaluation: a gold set of quotes (not node ids), deterministic metrics, reports with charts."""
