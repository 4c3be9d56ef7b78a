"""Does a claim *mean* what its span says? A deterministic check of meaning changes.

The lexical support check (``Evidence.support``) finds a span that holds a claim's words. This
module then looks for the ways a sentence can reuse those words and still say something else:

- **numbers and dates**: a number, number word or month-day pair that the span does not hold;
- **negation**: a word negated in the claim but not in the span, or the other way round
  ("did not end" cited for "ended"); "failed to", "ceased to", "without" count as negations;
- **antonyms and inverting verbs**: a word whose opposite the span uses ("increase" for
  "reduce"), or a change verb ("strengthened", "weakened") the span does not use at all;
- **changed words**: one word swapped for another between the same neighbours ("a fragile deal"
  for "a durable deal", "fell 15 percent" for "fell 22 percent");
- **roles**: two names trading places around a word or phrase (who did what to whom), with
  passive voice (``was X-ed by``) read as its active form; the doer of a verb replaced by another
  name; a name's modifier given to another name of the claim ("A's foreign minister" where the
  span says "B's foreign minister");
- **roles by a copula**: "A is the chair of B" where the span gives the chair to someone else;
- **speakers**: a quote attributed (``said``, ``stated``, ``according to``…) to someone the span
  does not attribute it to.

It knows only generic English: function words, a small antonym lexicon and capitalisation. It
does not know any article's names. It cannot catch every paraphrase that changes meaning
(unlisted antonyms, changed modality, wrong relations between common nouns); see the README.
"""

from __future__ import annotations

from rag.answering.support.numbers_negation import contradicts, negation, negators, numbers
from rag.answering.support.roles import actors, attributions, copula_roles, modifiers, names_check, pivots, swaps
from rag.answering.support.wording import antonyms, substitution
from rag.answering.support.words import Token, as_name, document_names, first_word, tokenize

__all__ = ["Token", "conflict", "contradicts", "document_names", "negators", "tokenize"]

CHECKS = (
    numbers,
    names_check,
    negation,
    antonyms,
    substitution,
    attributions,
    pivots,
    actors,
    swaps,
    modifiers,
    copula_roles,
)


def conflict(claim: str, span: str, names: frozenset[str] = frozenset()) -> str | None:
    """Why ``claim`` says something ``span`` does not (one line), or None when no change is found.

    ``names`` are the stems the whole document writes capitalised mid-sentence, so that a name
    opening a sentence is still known as one.
    """
    c, s = tokenize(claim), tokenize(span)
    names = names | {t.stem for t in c + s if t.cap}
    c, s = as_name(c, names), as_name(s, names)
    c = first_word(c, s)
    for check in CHECKS:
        reason = check(c, s)
        if reason:
            return reason
    return None
