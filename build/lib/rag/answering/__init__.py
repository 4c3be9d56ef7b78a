"""Answering: rank evidence sentences, decide to abstain, prompt the model, verify its sentences
and bind each one to the exact span that backs it, and resolve follow-up questions."""
