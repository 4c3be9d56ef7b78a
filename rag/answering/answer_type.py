"""What kind of answer a question expects, and whether a sentence holds one.

Used twice: ranking prefers evidence holding the expected type (a "who" question's best sentence
names someone), and abstention declines a "how many" question whose evidence holds no quantity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence, Set
from typing import Literal

from rag.retrieval.lexical import IRREGULAR, ROLE_TERMS, STOPWORDS, kin, raw_tokens, stem, terms, words

AnswerType = Literal["quantity", "date", "person"]

# "what interest rate?": rates that are shares of a hundred
_RATES = r"(?:interest|tax|inflation|vacancy|unemployment|occupancy) rate"
_RATE_Q = re.compile(r"\b" + _RATES + r"s?\b", re.I)
# "in percentage terms, how does it compare?": a share of a hundred
_IN_PERCENT_TERMS = r"\bin (?:percentage|percent|per cent) terms\b"
_IN_PERCENT = re.compile(_IN_PERCENT_TERMS, re.I)
# "within what time limit / time frame": a span of time ("within the required 24 hours"), not a date
_TIME_SPANS = r"[- ]?(?:limit|frame|period|span|window|scale)s?\b"
_TIME_SPAN_Q = r"\bwhat time" + _TIME_SPANS
_QUANTITY_Q = re.compile(
    r"\bhow (?:many|much|far|large|big|long (?:is|are|did|does|do|was|were|will|has|have))\b|"
    + _TIME_SPAN_Q
    + r"|\bwhat (?:percentage|share|proportion|fraction|number|(?:annual |yearly |monthly )?"
    + _RATES
    + r")\b"
    # "in percentage terms, how does it compare?", "what were the hotels' occupancy rates?": a figure
    + r"|"
    + _IN_PERCENT_TERMS
    + r"|\bwhat (?:is|was|are|were|will be) (?:the |its |their )?"
    + r"(?:[^\W\d_]+(?:['’]s?)? )?"
    + _RATES
    + r"s?\b",
    re.I,
)
# "how long is the crossing in minutes?": a figure in the unit it names (a question's last words)
_IN_UNIT_Q = re.compile(
    r"\bin (?P<unit>seconds|minutes|hours|days|weeks|months|years|kilomet(?:re|er)s|km|miles|met(?:re|er)s|feet|"
    r"tonnes|tons|lit(?:re|er)s|gallons|acres|hectares)\s*\??\s*$",
    re.I,
)
# "how soon / how quickly will it be done?": a span of time ("within three weeks") or a date to come,
# not a year gone by
_SOON_Q = re.compile(r"\bhow (?:soon|quickly)\b", re.I)
_DATE_Q = re.compile(
    r"^\s*when\b|\b(?:what|which) (?:exact )?(?:date|year|day|month|time)s?\b|\bwhen (?:was|were|did)\b"
    r"|" + _SOON_Q.pattern + r"|^\s*(?:and |but |so )?by when\b",
    re.I,
)
# "what time did the first lesson begin?": a time of day ("9.20am", "noon"), not a date
_TIME_Q = re.compile(r"\bwhat time\b(?!" + _TIME_SPANS + ")", re.I)
_CLOCK = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\bmidday\b", re.I
)
# "the name of the firm", "the name of Jo Smith's son", "what brand of monitor": a proper name is the answer
_NAME_OF = re.compile(
    r"\b(?i:name) of (?:(?i:the|this|that|its|his|her|their)\b|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\b)"
    r"|\b(?i:what|which) (?i:brand|make|model)s? of\b"
    # "which aircraft model is it?", "what car brand": a name is the answer
    r"|\b(?i:what|which) (?!business|pricing|funding|operating|care|role)[a-z]+ (?i:brand|make|model)s?\b"
    r"(?!\s+(?i:of|for)\b)"
    # "what will the new school be called?": its name
    r"|^\s*(?i:what) (?i:will|would|is|was|are|were) (?P<called>(?i:the|its|their|his|her) [\w' -]+?) "
    r"(?i:be )?(?i:called|named)\s*\??\s*$"
)
_DAY_Q = re.compile(r"\b(?:what|which) (?:exact )?(?:date|day)\b", re.I)
_WEEKDAY_Q = re.compile(r"\bdays? of the week\b", re.I)
_PERSON_Q = re.compile(
    r"^\s*(?:and\s+)?who\b|\bwhich (?:[a-z][\w-]* ){0,2}?(?:official|minister|leader|person|president|body|bodies|"
    r"organi[sz]ations?|agency|agencies|authority|authorities|company|companies|firms?|groups?|institutions?|committees?|court|"
    r"unions?|party|parties|department|regulator|councill?ors?|members?|officers?|executives?|judges?|"
    r"spokes(?:person|man|woman)|researchers?|scientists?|analysts?|experts?|lawyers?|campaigners?|residents?|"
    r"politicians?|lawmakers?|senators?|mayors?|governors?|managers?|directors?|candidates?|employees?|"
    r"airlines?|carriers?|operators?|contractors?|developers?|builders?|suppliers?|providers?|banks?|insurers?|"
    r"charit(?:y|ies)|clubs?|teams?|retailers?|manufacturers?|publishers?|broadcasters?|landlords?)\b"
    # "which journal published it?", "which hospital were they taken to?" (not "which hospital services")
    r"|\bwhich (?:journal|newspaper|magazine|publication|hospital|school|university|museum)s?"
    r"(?=\s+(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could)\b|\s+[a-z]+ed\b|\s*\?)"
    # "which shopper is quoted"
    r"|^\s*which\b[^?]{0,40}\b(?:is|was|are|were|gets?|got) (?:quoted|cited|interviewed)\b",
    re.I,
)
# "Who is Jo Smith?": asks what the named person is (a role), not for another name
_DEFINITION_Q = re.compile(
    r"^\s*(?:[Aa]nd\s+)?[Ww]ho (?:is|was|are|were) [A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*\??\s*$"
)
MONTH_NAMES = tuple("january february march april may june july august september october november december".split())
_MONTHS = frozenset(MONTH_NAMES)
# "Nov. 3", "Sept. 26": a month only next to a day number ("jan" and "mar" are words too)
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAY_NAMES = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
_WEEKDAYS = frozenset((*WEEKDAY_NAMES, "today", "yesterday", "tomorrow"))
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion dozen dozens several half third quarter".split()
)
_UNITS = frozenset({"percent", "%", "kilometres", "kilometers", "km", "miles", "mile", "meters", "metres"})
# "what wind speeds were recorded?", "what was the temperature?": a reading in the measure's units
_MEASURE_Q = re.compile(
    r"\bwhat (?:(?:is|was|were|are) (?:the|its|their) )?(?:[a-z]+ )?(?P<measure>speeds?|temperatures?)\b(?!\s+of\b)",
    re.I,
)
# "how much did the calf weigh?", "how heavy is it?": a weight, not any amount
_WEIGHT_Q = re.compile(
    r"\bhow much (?:\w+ ){1,6}?weigh(?:s|ed)?\b|\bhow heavy\b|\bwhat (?:is|was|were|are) (?:the|its|their|his|her) "
    r"weights?\b",
    re.I,
)
_WEIGHT = re.compile(
    r"\d\s?(?:kg|kilograms?|kilos?|grams?|g|tonnes?|tons?|lbs?|pounds?|ounces?|oz|stone)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:kilograms?|kilos?|grams?|tonnes?|"
    r"tons?|pounds?|ounces?|stone)\b",
    re.I,
)
_MEASURE_UNITS = {
    "speed": re.compile(
        r"\d\s?(?:mph|km/h|kmh|kph|knots?|m/s)\b|\b(?:miles|kilometres|kilometers|km) (?:an|per) hour\b", re.I
    ),
    "temperature": re.compile(r"\d\s?(?:°|degrees?\b|ºC|ºF)", re.I),
}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_RELATIVE_DATE = re.compile(
    r"\b(?:days?|weeks?|months?|years?) (?:before|after|ago|later|earlier|prior)\b|\btoday\b|\byesterday\b"
    r"|\b(?:on|last|next|that|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|same) "
    r"(?:day|night|week|month|year)s? of\b"
    r"|\b(?:end|start|beginning|middle|close) of (?:the|this|next|last) (?:year|month|week|decade|spring|summer|"
    r"autumn|fall|winter)\b|\b(?:this|next|last) (?:year|month|week|spring|summer|autumn|winter)\b"
    r"|\bin the (?:spring|summer|autumn|winter)\b",
    re.I,
)
# Capitalised words that are titles, not names of people (generic English, no place or people).
# titles written before a name ("Professor Ines Abbott", "Dr Ross")
_TITLES = frozenset(
    "mr mrs ms miss dr doctor professor prof sir dame judge justice councillor lord lady "
    "rev hon engr eng pharm barr".split()
)
_NOT_NAMES = frozenset(
    "foreign minister ministers secretary state president prime chief executive officer department official "
    "government mayor governor councillor professor doctor mr mrs ms dr the a".split()
)


# "what was the turnout / the average weekday ridership / its winning margin?": nouns that are amounts
_AMOUNT_NOUN_Q = re.compile(
    r"\bwhat (?:is|was|are|were|will be) (?:the|its|their|his|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*['’]s?)\s+"
    r"(?:[a-z][\w-]* ){0,2}?(?:(?:turnout|ridership|attendance|population|headcount)\b|(?:death toll|toll|tally|"
    r"majority|margin|revenue|revenues|turnover|profit|profits|loss|losses|deficit|surplus|debt|debts|capacity)\b"
    # ("the population of the town" is a figure; "the loss of the contract" may be no sum, and "the
    # capacity of the array" is told as "a 2MW array")
    r"(?!\s+of\b)|(?:amount|sum)\b|total(?=\s*\?))",  # ("the total amount spent on fees": a figure, of whatever)
    re.I,
)


# "what is the largest penalty ...?", "what is the minimum period ...?": a figure ("up to £1,000", "at
# least 18 months"), unlike "what is the largest reservoir?" (a name)
_LIMIT_Q = re.compile(
    r"\bwhat (?:is|was|are|were|will be|would be) the (?:largest|maximum|highest|biggest|heaviest|top|minimum|smallest|"
    r"lowest|shortest|longest|least|most) (?:[a-z][\w-]* )?(?P<noun>fines?|penalt(?:y|ies)|sums?|payouts?|payments?|"
    r"fees?|charges?|prices?|costs?|periods?|terms?|durations?|waits?|delays?|time|stay)\b",
    re.I,
)
_LIMIT_SPANS = frozenset("period periods term terms duration durations wait waits delay delays time stay".split())


# a follow-up with a question form of its own ("did they pay it?") asks its own kind of question; a
# bare one ("and her rival's?") asks what the question carried after it in "(context: ...)" asked
_OWN_FORM = re.compile(
    r"^\s*(?:and |but |so )?(?:what|which|who|whom|whose|when|where|why|how|did|does|do|was|were|is|are|has|"
    r"have|had|will|would|can|could)\b",
    re.I,
)
CONTEXT_MARK = " (context: "
# amounts written under their own name: a figure for one is a figure only where the name is near
_NAMED_AMOUNTS = frozenset(
    "turnout ridership attendance population headcount revenue revenues turnover profit profits loss losses deficit "
    "surplus debt debts capacity".split()
)


def amount_named(question: str) -> str | None:
    """ "What was the turnout in X?": the amount's own name ("turnout"), which the evidence must use."""
    found = _AMOUNT_NOUN_Q.search(question.partition(CONTEXT_MARK)[0])
    noun = found.group(0).split()[-1].lower() if found else None
    if noun in _NAMED_AMOUNTS:
        return noun
    rate = _RATE_Q.search(question.partition(CONTEXT_MARK)[0])  # "what interest rate": the interest's rate
    if rate:
        return rate.group(0).split()[0].lower()
    money = _IN_MONEY.search(question.partition(CONTEXT_MARK)[0])  # "the dollar value of the losses": losses
    noun = money.group(1).lower() if money and money.group(1) else None
    return noun if noun in _NAMED_AMOUNTS else None


def expected(question: str) -> AnswerType | None:
    own, mark, _ = question.partition(CONTEXT_MARK)
    if mark and _OWN_FORM.match(own):
        question = own
    question = _WHICH_OF_OWNERS.sub("which ", question)  # "which of the union's demands": demands, not the union
    if (
        _QUANTITY_Q.search(question)
        or _IN_UNIT_Q.search(question)
        or _DIMENSION_Q.search(question)
        or _AMOUNT_NOUN_Q.search(question)
        or _AGE_Q.search(question)
        or (_money_noun_asked(question) and not _SAID_Q.search(question))
        or _IN_MONEY.search(question)
        or _LIMIT_Q.search(question)
        or _MEASURE_Q.search(question)
        or _WEIGHT_Q.search(question)
    ):
        return "quantity"
    if _DATE_Q.search(question):
        return "date"
    if (_PERSON_Q.search(question) or _NAME_OF.search(question)) and not _DEFINITION_Q.match(question):
        return "person"
    return None


# "which of the department's courses": what is asked is after the owner's name
_WHICH_OF_OWNERS = re.compile(r"\bwhich of (?:the |its |their |his |her )?[a-z][\w-]*['’]s\s+", re.I)


# what "how many" counts: "how many gill-net samples", "how many extra classrooms" (past a modifier)
_HOW_MANY = (
    r"\bhow many (?:(?:extra|more|new|additional|further|other|separate|different|individual)\s+)?"
    r"([^\W\d_]+(?:-[^\W\d_]+)*)"
)
# what a quantity question measures: "how many tonnes", "how much will a single ticket cost", "how
# much is the deal worth", "what salary", "what is X's hourly rate"
_MEASURED = (
    re.compile(_HOW_MANY, re.I),
    re.compile(  # the head of the noun phrase before "cost": "a single ticket (from A to B) cost"
        r"\b(?:how much (?:will|would|did|does|do|is|was|has|have|could|should) (?:a|an|the|each|every|one|its|their|"
        r"his|her)|what (?:will|would|did|does|do|could|should) (?:a|an|each|every|one))\s+"
        # (up to three modifiers, "new 120-seat"; "the extension going to cost": the extension)
        r"(?:(?:\d[\d,.]*-)?[^\W\d_]+(?:-[^\W\d_]+)*\s+){0,3}?(?!going\b)([^\W\d_]+)"
        r"(?=(?:\s+[^\W\d_]+ly)?\s+(?:going to\s+)?(?:from|to|of|for|in|at|on|cost|worth)\b)"
        r"[^?]*(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!\btotal )\b(?:cost|worth)\b",  # the verb, not "add to the cost"
        re.I,
    ),
    re.compile(
        r"\b(salary|salaries|wages?|fees?|price|prices|hourly rate|pay rate|earnings|income|revenues?|profits?|"
        r"turnover|population)\b",
        re.I,
    ),
    # "how much rent", "how much unused credit" (money questions only), not "how much did"
    re.compile(
        r"\bhow much (?:(?!(?:more|less|extra|further|additional|new)\b)[^\W\d_]+ "
        r"(?=(?:credit|rent|debt|compensation)\b))?([^\W\d_]+)\b",
        re.I,
    ),
)
# nouns that name the form of a quantity, not what is measured ("what share of the cost")
_FORM_NOUNS = frozenset(
    "share proportion percentage percent margin number amount total size sum figure times more less much "
    "people person per".split()
)


# "how much longer / more / money / time": words any amount may answer, not a thing the article must name
_ANY_AMOUNT = frozenset(
    "more less longer shorter extra additional further higher lower bigger larger smaller greater fewer money cash "
    "time space room".split()
)


def measured(question: str) -> list[str]:
    """The words naming what a quantity question measures (for the check that the article
    mentions it at all); empty when the question is not about a quantity or names no such thing."""
    if expected(question) != "quantity":
        return []
    out = []
    for pattern in _MEASURED if _MONEY_Q.search(question) else _MEASURED[:3]:
        for match in pattern.finditer(question):
            found = match.group(1)
            after = words(question[match.end(1) :])[:1]
            if pattern is _MEASURED[0] and after and _modifies(found, after[0]):
                found = after[0]  # "how many older patients": the patients are counted, not "older"
            for word in words(found):
                if pattern is _MEASURED[0] and (word in _VERBISH or _participle(word)):
                    continue  # "and how many signed up?": what some of them did, not a thing counted
                if word not in _FORM_NOUNS | _NOT_COUNTED | _ANY_AMOUNT and word not in STOPWORDS:
                    out.append(word)
    return out


def _modifies(word: str, following: str) -> bool:
    """ "older" in "how many older patients": a singular word before a plural noun modifies it."""
    return (
        not word.endswith("s")
        and following.endswith("s")
        and not following.endswith("ss")
        and following not in STOPWORDS
        and word.isalpha()
    )


# "how much of the repair bill will the county pay?": a figure for the bill, not the county's other payments
_PART_OF_Q = re.compile(
    r"\bhow much of (?:the|its|their|this|that|his|her) (?:[\W\d_]*\d[\w.,]*\s+(?:million|billion|bn|m)?\s*)?"
    r"((?:[^\W\d_]+\s+){0,2}?[^\W\d_]+)(?=\s+(?:will|would|did|does|do|is|was|has|have|had|could|should|can|"
    r"went|go|goes|gone|to|for|from|in|on|at|been|be)\b)",
    re.I,
)


# "what annual rent would it pay?", "what fare will riders be charged?": a charge of its own, which
# another figure (the land's price, the service's running cost) does not give
_CHARGE_Q = re.compile(r"^\s*(?:and |but |so )?(?:what|which) (?:[a-z][\w-]* ){0,2}?(rents?|fares?|tolls?)\b", re.I)


def priced(question: str) -> list[str]:
    """What a "how much will the X cost" or "how much rent" question prices (the X, the rent), whose
    figure the answer must give."""
    if expected(question) != "quantity":
        return []
    match = (
        _MEASURED[1].search(question)
        or (_MONEY_Q.search(question) and _PART_OF_Q.search(question))
        or (_MONEY_Q.search(question) and _MEASURED[3].search(question))
        or _CHARGE_Q.search(question)
    )
    found = words(match.group(1)) if match else []
    owned = _OWNED_SUM_Q.match(question) if not match else None
    if owned:  # "what is the college's annual budget?": the budget, or the college's own sum
        found = words(owned.group("noun")) + words(owned.group("owner") or "")[-1:]
    out = [w for w in found if w not in _FORM_NOUNS | _NOT_COUNTED | _ANY_AMOUNT and w not in STOPWORDS]
    if set(out) & _FARE_PAID_FOR:  # "what will a one-way ride cost?": its fare
        out.append("fare")
    return out


# "what is the trust's total annual budget?": a sum named by its noun, after its owner
_OWNED_SUM_Q = re.compile(
    r"^\s*what (?:is|was|are|were|will be) (?:the |its |their |(?P<owner>[\w'’-]+(?: [\w'’-]+){0,3})['’]s )?"
    r"(?:[a-z][\w-]* ){0,3}(?P<noun>budgets?|revenues?|income|profits?|turnover|salary|salaries)\s*\?",
    re.I,
)


# what a fare is the price of
_FARE_PAID_FOR = frozenset("ride rides trip trips journey journeys ticket tickets crossing crossings flight".split())


# "Who is Ines Abbott?", "What is Ines Abbott's role?", "What does Abbott do?": what the person is
_NAME_WORDS = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"  # one way only to split a name into words
_DEFINED = re.compile(
    r"^\s*(?:[Aa]nd\s+)?(?:[Ww]ho (?:is|was) (?P<a>" + _NAME_WORDS + r")\s*\??\s*$"
    r"|[Ww]hat (?:is|was) (?P<b>" + _NAME_WORDS + r")['’]s (?:role|job|position|title|occupation|post|profession)\b"
    r"|[Ww]hat (?:does|did) (?P<c>" + _NAME_WORDS + r") do\b)"
)


def defined(question: str) -> str | None:
    """The surname a "who is X? / what is X's role?" question asks about (lower case), or ``None``."""
    match = _DEFINED.match(question)
    if not match:
        return None
    name = next(g for g in match.groups() if g)
    last = words(name)[-1:] if name and name.strip()[:1].isupper() else []
    return last[0] if last else None


# the same about a pronoun ("what does she do for a living?"): whom it stands for comes from the conversation
_DEFINED_PRONOUN = re.compile(
    r"^\s*(?:and\s+)?(?:who (?:is|was) (?:he|she)\s*(?:\?|$)|what (?:is|was) (?:his|her) (?:role|job|position|"
    r"title|occupation|post|profession)\b|what (?:does|did) (?:he|she) do\b)",
    re.I,
)


def defines_pronoun(question: str) -> bool:
    """ "Who is she?", "what does he do for a living?", "what is her job?"."""
    return bool(_DEFINED_PRONOUN.match(question))


def introduces(text: str, surname: str) -> bool:
    """``text`` describes the person: "Councillor Ines Abbott, who holds the portfolio, ...",
    "Dr Lena Ross, the ecologist who ...", "its chair, Lena Ross, said"."""
    name = re.escape(surname)
    after = re.search(r"\b" + name + r",\s+(?:who|a|an|the|its|his|her|their|[a-z][\w'’-]*)\b", text, re.I)
    before = re.search(r"\b[a-z][\w'’-]*,\s+(?:[A-Z][\w'’.-]*\s+){0,3}" + name + r"\s*,", text, re.I)
    return bool(after or before)


def asks_name(question: str) -> bool:
    """ "What is the name of the firm ...?": a proper name is the answer, nothing else."""
    return bool(_NAME_OF.search(question))


# number words that count ("the two crossings"), not "one", fractions or magnitudes
_COUNT_WORDS = _NUMBER_WORDS - {"one", "half", "third", "quarter", "hundred", "thousand", "million", "billion"}


def holds(kind: AnswerType, text: str, question: str) -> bool:
    """Whether ``text`` contains an answer of ``kind`` (not merely one the question gave)."""
    if kind in ("quantity", "date"):  # a figure the question itself gives is not its answer
        for figure in sorted(set(FIGURE.findall(question)), key=len, reverse=True):
            text = re.sub(r"(?<![\w.,])" + re.escape(figure) + r"(?![\w]|[.,]\d)", " ", text)
        if kind == "quantity":  # "how many after the two crossings stop?": "the two crossings" is the question's own
            for word in set(words(question)) & _COUNT_WORDS:
                text = re.sub(r"\b" + word + r"\b", " ", text, flags=re.I)
        return _has_quantity(text, question) if kind == "quantity" else _has_date(text, question)
    if asks_name(question):  # "the name of the firm that ...": a name right after what is named
        return names_near_terms(text, question)
    return _has_new_name(text, question)


# "how many days": what is counted (a noun; "how many did ..." counts nothing named)
FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")  # "1,846", "2.5", "2019"
_COUNTED = re.compile(_HOW_MANY + r"((?:\s+[^\W\d_]+(?:-[^\W\d_]+)*){0,2})", re.I)  # "how many gill-net samples"


def asks_weekdays(question: str) -> bool:
    """ "On which days of the week ...?": weekday names answer it."""
    return bool(_WEEKDAY_Q.search(question.partition(CONTEXT_MARK)[0]))


def participles(question: str) -> list[str]:
    """The past participles of a question's own words ("will the depots be closed?": "closed")."""
    return [w for w in words(question.partition(CONTEXT_MARK)[0]) if _participle(w)]


def lasts(text: str, question: str) -> bool:
    """For "how long will the hall be closed?": ``text`` ties a span to the question's own verb ("will
    close the hall for 12 months"), not to something else ("the move will take three weeks")."""
    verbs = {stem(w) for w in participles(question)}
    if not verbs or not _DURATION_Q.search(question):
        return False
    verbs = set().union(*(kin(v) for v in verbs))
    tokens = words(text)
    for k, t in enumerate(tokens):
        if stem(t) not in verbs:
            continue
        for j in range(k + 1, min(len(tokens) - 1, k + SPAN_REACH)):
            if tokens[j] != "for":
                continue
            nxt = tokens[j + 1 : j + 3]
            if any(_counts(tokens, j + 1, unit) for unit in _TIME_UNITS) or (
                len(nxt) == 2 and nxt[0] in ("a", "an", "one") and _singular(nxt[1]) in _TIME_UNITS
            ):
                return True
    return False


SPAN_REACH = 8  # words from a verb to the "for" of its span ("close its reptile house for 12 months")


def _participle(word: str) -> bool:
    """``word`` is a verb's past participle ("cancelled", "sold", "taken"), not a noun."""
    return (word.endswith("ed") and len(word) > 4) or (
        word in IRREGULAR and IRREGULAR[word] != word and not word.endswith(("s", "ing"))
    )


def _counted_noun(found: re.Match[str]) -> str:
    """The head of what "how many" counts: "how many overtime hours did": hours; "how many ballot
    papers turned up": papers; "how many pupils take part": pupils (a plural noun may follow the
    first word; a verb or a function word ends the phrase)."""
    head = found.group(1).lower()
    following = found.group(2).lower().split()
    for k, word in enumerate(following):
        if word in _VERBISH or word in STOPWORDS:
            break
        if not _plural(word):  # "trained gate stewards": past a modifier
            if head.endswith("s") or k + 1 == len(following) or not _plural(following[k + 1]):
                break
            continue
        head = word
    return head


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and word not in _VERBISH and word not in STOPWORDS


# "how many people": residents, pupils or passengers are people too; a count of any of them answers
_ANYONE = frozenset({"people", "persons", "workers", "employees", "staff"})
_PEOPLE = frozenset(
    "people person resident pupil student child children patient staff worker employee member passenger tenant "
    "voter family household nurse doctor teacher officer firefighter visitor customer user adult man men woman "
    "women parent player fan spectator volunteer evacuee refugee attendee trainee retiree survivor victim migrant "
    "applicant candidate commuter shopper guest".split()
)
_ANYONE_UNITS = frozenset({"people", "person", "persons"})  # "how many evacuees": "312 people" counts them
_AT_WORK = re.compile(r"\b(?:work|works|worked|working|employ|employs|employed|on the payroll)\b", re.I)
# those a place serves, not those who work there
_NOT_STAFF = frozenset(
    "resident pupil student child children patient passenger tenant voter family household visitor customer user "
    "adult man men woman women parent fan spectator evacuee refugee attendee retiree survivor victim migrant "
    "applicant candidate commuter shopper guest".split()
)
# "how many of the people buried there were children?": the part counted is what they were
# ("how many of the arrests were violent offences": offences counted, and violent ones)
_PART_OF = re.compile(r"\bhow many of\b[^?]*?\b(?:were|are)\s+(?:([^\W\d_]+)\s+)?([^\W\d_]+)\s*\??\s*$", re.I)
_NOT_COUNTED = frozenset("did do does were was are is will would can could have has had of".split())
# every currency symbol Unicode knows ("$", "€", "₹", "¢", "₵", ...)
_CURRENCY_SYMBOLS = re.escape("".join(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Sc"))
# a currency before a figure: a symbol, with or without a country's letters before it ("A$", "GH¢"), a
# letter sign ("R450 million", "Rs 40", "KSh 2,000", "Sh8.4 billion", "RM 30", "kr 95", "P45") or an ISO
# code ("CHF 12", "ZAR 3.1bn"); not a road's number ("the R34 road")
_CURRENCY_SIGN = (
    r"(?:(?:\b(?:[A-Z]{1,3}|Mex))?[" + _CURRENCY_SYMBOLS + "]"
    r"|\b(?:R|Rs\.?|Rp|KSh|Ksh|Sh|Shs\.?|USh|TSh|RM|Tk|kr|Kč|zł|CHF|USD|EUR|GBP|ZAR|AUD|NZD|CAD|JPY|CNY|INR|KES|NGN|GHS|SEK|NOK|DKK|BRL|"
    r"MXN|SGD|HKD|PHP|PKR|THB|TRY|PLN|AED|SAR|EGP|ISK|CZK|HUF|RON|BGN|RUB|UAH|ILS|QAR|KWD|BHD|OMR|JOD|MAD|TND|"
    r"XOF|XAF|UGX|TZS|RWF|ETB|ZMW|BWP|NAD|MUR|LKR|BDT|NPR|VND|IDR|KRW|TWD|MYR|CLP|COP|PEN|ARS|JMD|TTD|FJD)(?=\s?\d)"
    r"|\bP(?=\d[\d,.]*(?:\s?(?:million|billion|bn|m|k)\b|\b)(?![-/]))"  # the peso's letter ("P45", "P3.1 million")
    r")"
)
_CURRENCY = re.compile(_CURRENCY_SIGN + r"\s?(?!\d+\s+(?i:road|highway|freeway|motorway|route)\b)\d")
# "how long did it last / take": a span of time, not any number
_DURATION_Q = re.compile(
    r"\bhow long\b(?!.*\b(?:km|kilomet\w*|metres?|meters?|miles?|feet|foot|inch|inches)\b)|" + _TIME_SPAN_Q, re.I
)  # (not "how long is the route in miles?"; "the footpath" is no foot)
_SINCE = re.compile(r"\bsince (?:(?:early |late |mid-)?(?:19|20)\d\d|(?:" + "|".join(MONTH_NAMES) + r")\b)", re.I)
_TIME_UNITS = frozenset("second minute hour day night week month year decade century".split())
_TRAVEL_TIMES = frozenset({"minute", "hour"})  # "a 40-minute drive" tells how far; a month's closure does not
# "how far away / apart is it?", "how far will they drive?" (not "how far did shares fall?")
_DISTANCE_Q = re.compile(
    r"\bhow far (?:away|apart|is|are|was|were)\b|\bhow far\b[^?]*\b(?:travel|drive|walk|commute|journey|live|lives)\b",
    re.I,
)
# "how deep is the lake?", "how tall is the tower?": a length ("62 metres", "a 40ft-deep"), not any figure
_DIMENSION_Q = re.compile(r"\bhow (?:deep|tall|wide|thick)\b", re.I)
# "how far behind schedule / the original date is it?": a span of time ("six weeks", "three months late")
_BEHIND_Q = re.compile(r"\bhow far (?:behind|ahead|late|overdue)\b", re.I)
_LENGTH_Q = re.compile(r"\bhow long (?:is|are|was|were|will)\b", re.I)
_LENGTH_UNITS = frozenset("kilometre kilometer km metre meter m mile feet foot yard inch".split())
# "how much did it cost / will they pay": an amount of money, not a count of people
_MONEY_Q = re.compile(
    r"\bhow much\b.*\b(?:cost|costs|costing|spend|spent|spending|pay|paid|pays|paying|charging|price|priced|worth|"
    r"fund|funds|funded|funding|grants?|subsid(?:y|ies)|rent|rents|loans?|compensation|damages|fines?|fined|"
    r"budget|earn|earns|earned|salary|salaries|wage|wages|charge|charged|fee|fees|aid|invest|invested|"
    r"contribute|contributed|raise|raised|owe|owed|money|bid|bids|offer|offered|valued|sell for|sold for|"
    r"earn|earns|earned|revenue|revenues|profit|profits|turnover|remit|remits|remitted|refund|refunded|repay|repaid|"
    r"recover|recovered|reimburse|reimbursed|credit|credits|deposit|deposits|savings|insured|insure|insures)\b"
    r"|\bhow much of (?:the|its|their|this|that) " + _CURRENCY_SIGN,  # "how much of the $12.5 million": a part of it
    re.I,
)
# "how old is Jo Smith / the midwife Jo Smith / she / the ferry?": an age in years (not "how old is the
# dispute between ...", which "decades-old" answers)
_AGE_Q = re.compile(
    r"\b[Hh]ow old (?:is|was|are|were) "
    r"(?:he|she|(?!the\b[^?]*\bbetween\b)(?:[^?]*?[A-Z][\w'’-]*|(?:the|its|their) [^?]+?))"
    r"(?:,[^?]*)?(?:\s+when\b[^?]*)?\s*\??\s*$"
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_AGE = re.compile(
    r"\b\d{1,3}-year-old\b|\baged? \d{1,3}\b|[A-Z][\w'’-]*,\s\d{1,3}(?:,|\.(?!\d)|\s*$)|\b\d{1,3} years old\b"
    # a thing's age: "in the hall's 41-year history", "which opened in 1962", "built in 1984"
    r"|\b\d{1,3}-year (?:history|life|lifespan|existence)\b"
    r"|\b(?:built|opened|founded|established|born|dating from|dates from|dates back to) (?:in )?(?:1[5-9]|20)\d\d\b"
    r"|\b(?:1[5-9]|20)\d\d-built\b"
)
_SHARES = frozenset("percent half third quarter fifth tenth".split())
# "what salary / which fee / what is the price of": an amount of money is the answer (not "what did
# she say about the cost", which a quote may answer)
_MONEY_NOUN_Q = re.compile(
    r"\b(?:what|which|how much (?:is|are|was|were|will|would))\b[^?]*\b(?:salary|salaries|wage|wages|fee|fees|price|"
    r"prices|cost|costs|budget|rent|rents|fare|fares|hourly rate|pay rate|rate of pay|earnings|income|bill|bills|"
    r"value|profit|profits|revenue|revenues|turnover)\b",
    re.I,
)
# "what will they ask for instead of full fares?": what is set aside is not what is asked
_INSTEAD = re.compile(r"\b(?:instead of|rather than|in place of)\b[^?,;]*", re.I)
# "what project is put off because the repairs are paid out of this year's budget?": the reason
# clause's money is not what is asked (the main clause asks for a project)
_BECAUSE = re.compile(r"\s(?:because|due to|as a result of|so that|in order to)\s.*$", re.I)


def _money_noun_asked(question: str) -> bool:
    """ "What fee ...?", "which bills rose?" (not "which councillor criticised the bill?": a person,
    nor "which body approved the price rise?")."""
    main = _main_clause(_INSTEAD.sub(" ", question))
    found = _MONEY_NOUN_Q.search(main)
    person = _PERSON_Q.search(main)  # ("which body approved the price rise?": a body)
    if found is None:
        return False
    return not (person and person.start() <= found.start())


def _main_clause(question: str) -> str:
    return _BECAUSE.sub("", question)


_MONEY_ITSELF = re.compile(r"\bhow much (?:money|cash|funding)\b", re.I)
# "in dollar terms, what was ...", "what was the dollar value of ...": money, not a share or a count
_CURRENCY_NAME = r"(?:dollar|euro|pound|sterling|rand|rupee|yen|franc|peso)"
_IN_MONEY = re.compile(
    r"\b(?:in (?:" + _CURRENCY_NAME + r"|cash|money) terms\b|(?:what|which) (?:is|was|are|were|will be) the "
    r"(?:\w+ )?(?:" + _CURRENCY_NAME + r"|cash|monetary) (?:value|figure|amount|cost|total)"
    r"(?: of (?:the |its |their )?(?:[a-z][\w-]* )?([a-z][\w-]*))?"
    # "how much does the cafe take in dollars?": money, not its 12 years of trading
    r"|\bhow much\b[^?]*\bin (?:(?:us|u\.s\.|local|hong kong|new zealand) )?(?:dollars|euros|pounds|rand|rupees|"
    r"yen|francs|pesos|shillings|naira|cedis|ringgit|dinars|dirhams|kronor|kroner|kronur|krona|krone|zloty|lira|"
    r"baht|rupiah|won|yuan|renminbi)\b)",
    re.I,
)
# a share answers a money question only when a share, a change or a business's takings are asked
# ("what share of the cost", "how much did costs rise", "how much income did it cost them": "40 per
# cent"); "what was the total cost" wants the money
_SHARE_Q = re.compile(
    r"\b(?:share|proportion|percentage|percent|per cent|part|fraction|portion|how much of|rise|rose|risen|increase|"
    r"increased|cut|fall|fell|drop|dropped|grow|grew|raise|raised|higher|lower|more|less|income|revenue|turnover|"
    r"sales|takings|business|trade|by how much|(?:gone|went|go|goes|going) (?:up|down))\b",
    re.I,
)
# "how many can it hold?": a capacity, which a count of those there now does not give
_CAPACITY_Q = re.compile(
    r"\bhow many\b[^?]*\b(?:can|could|will|would)\b[^?]*\b(?:hold|accommodate|seat|fit|house|sleep|carry)\b", re.I
)
_CAPACITY = re.compile(
    r"\b(?:capacity|hold|holds|accommodate|accommodates|room for|space for|seats|up to|maximum|fit|can carry|"
    r"could carry)\b",
    re.I,
)
_SAID_Q = re.compile(
    r"\b(?:say|said|says|tell|told|think|argue|argued|call|called|describe|described|describes|characteri[sz]ed?|"
    r"accuse|accused|accuses|claim|claimed|claims|allege|alleged|warn|warned|complain|complained|admit|admitted|"
    r"insist|insisted|blame|blamed|blames)\b",
    re.I,
)
_MONEY_WORDS = frozenset(
    "dollar dollars euro euros pound pounds yen franc francs krone kroner krona kronor rupee rupees cents rand rands "
    "naira shilling shillings peso pesos yuan renminbi ringgit baht lira zloty zlotys forint dirham dirhams riyal "
    "riyals dinar dinars cedi cedis kwacha rial rials".split()
)


_PER_CENT = re.compile(r"\bper\s+cent\b", re.I)  # "58 per cent": a percentage, written in two words
# "one in four riders", "three out of every ten": a share, written as a ratio
_SMALL_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)"
_ONE_IN = re.compile(r"\b" + _SMALL_NUMBER + r"\s+(?:in|out of)\s+(?:every\s+)?" + _SMALL_NUMBER + r"\b", re.I)


# a sum and the noun it is the sum of: "a relocation grant of £1,500", "a £4.2 million programme"
_SUM = _CURRENCY_SIGN + r"\s?\d[\d,.]*(?:\s?(?:million|billion|bn|m|k)\b)?"
_SUM_OF = re.compile(r"\b([a-z][\w-]*)\s+of\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|up to\s+)?" + _SUM)
_SUM_BEFORE = re.compile(_SUM + r"\s+([a-z][\w-]*)")
_SUM_ANY = re.compile(_SUM)
# "will cost £2.7 million more than planned", "£400,000 over budget": a sum that is a difference from
# another, not the cost or budget itself; it answers only a question about the change
_SUM_DIFFERENCE = re.compile(
    _SUM
    + r"\s+(?:more|less|higher|lower|cheaper|dearer|extra)\b(?:\s+than\b)?|"
    + _SUM
    + r"\s+(?:over|under)[ -]budget\b"
)
_DIFFERENCE_Q = re.compile(r"\b(?:over|overrun|overspend|extra|additional|difference|gap|short|shortfall)\b", re.I)
_HOW_MUCH_OF = re.compile(r"\bhow much of\b", re.I)
# what any sum is: it says nothing of whose it is
_SUM_WORDS = frozenset("cost costs price total sum amount value bill fee figure estimate".split())


def sums_for_other(question: str, text: str, priced: Sequence[str]) -> str | None:
    """What ``text``'s sums of money are for ("grant" in "a relocation grant of £1,500"), when each
    is written as the sum of a thing and none of those is one of ``priced`` (or a kin); else None
    (and None for "how much of the rent ...?", which a share answers)."""
    if _HOW_MUCH_OF.search(question):
        return None
    owners = [m.group(1).lower() for m in _SUM_OF.finditer(text)] + [
        m.group(1).lower() for m in _SUM_BEFORE.finditer(text) if m.group(1).lower() not in STOPWORDS | _NUMBER_WORDS
    ]
    if not priced or len(owners) < len(_SUM_ANY.findall(text)) or not owners:
        return None  # a sum whose thing is not said may be the one asked about
    asked = {k for w in priced for k in kin(stem(w))}
    if any(stem(o) in asked or o in _SUM_WORDS for o in owners):
        return None
    # "lost fare revenue of $2.1 million": the sum of the thing the asked word qualifies ("how much fare
    # money"), the question's own word just before the sum's
    if any(stem(w) in asked for m in _SUM_OF.finditer(text) for w in words(text[: m.start(1)])[-1:]):
        return None
    return owners[0]


def gives_money(text: str) -> bool:
    """``text`` gives a sum of money ("€9.3 million", "40,000 rupees")."""
    return _gives_money(text, words(text))


def _gives_money(text: str, tokens: list[str]) -> bool:
    """``text`` (``tokens``, its words) gives a sum of money: "€9.3 million", "40,000 rupees"."""
    return bool(_CURRENCY.search(text)) or any(
        _is_number(t) and any(m in _MONEY_WORDS for m in tokens[i + 1 : i + 3]) for i, t in enumerate(tokens)
    )


def _has_quantity(text: str, question: str) -> bool:
    text, question = _PER_CENT.sub("percent", text), _PER_CENT.sub("percent", question)
    tokens = words(text)
    q_words = set(words(question))
    # "what percentage", "what interest rate": a share of a hundred ("4.5 per cent"), not any figure
    percent = "percentage" in q_words or _RATE_Q.search(question) or _IN_PERCENT.search(question)
    wanted_units = {u for u in _UNITS if u in q_words} | ({"%", "percent", "per cent"} if percent else set())
    if wanted_units:
        return any(u in tokens or u in text for u in wanted_units)
    in_unit = _IN_UNIT_Q.search(question.partition(CONTEXT_MARK)[0])
    if in_unit:  # "... in minutes?": a number of minutes ("ten-minute", "12 minutes")
        return _counts_any(tokens, {_singular(in_unit.group("unit").lower())})
    if _BEHIND_Q.search(question):
        return _counts_any(tokens, _TIME_UNITS)
    if _WEIGHT_Q.search(question):  # "how much did the calf weigh?": "31 kg", not "six hours"
        return bool(_WEIGHT.search(text))
    measure = _MEASURE_Q.search(question)
    if measure:  # "what wind speeds?": "gusts of 90mph", not "31 working days"
        return bool(_MEASURE_UNITS[measure.group("measure").lower().rstrip("s")].search(text))
    if _DIMENSION_Q.search(question):
        return _counts_any(tokens, _LENGTH_UNITS | {"ft"})
    if _DISTANCE_Q.search(question):  # "how far away is it?": a distance ("180 km", "a 40-minute drive")
        # ("shut for eight weeks" is how long, not how far)
        return _counts_any(tokens, _LENGTH_UNITS | _TRAVEL_TIMES)
    if _AGE_Q.search(question):  # "how old is she?": an age ("58", "a 71-year-old", "aged 16"), not any number
        # (not one inside a quote: '"no comfort to an 80-year-old at a bus stop"' is nobody's age)
        return bool(_AGE.search(_QUOTED.sub(" ", text)))
    limit = _LIMIT_Q.search(question)
    if limit and limit.group("noun") in _LIMIT_SPANS:  # "the minimum period": a span ("at least 18 months")
        return _counts_any(tokens, _TIME_UNITS)
    if limit:  # "the largest penalty": money ("up to £1,000"), or a share of some ("4 per cent of turnover")
        return _gives_money(text, tokens) or any(t.endswith("%") or t == "percent" for t in tokens)
    if _DURATION_Q.search(question):  # "how long": a number of days, hours, years ("11-day", "two years")
        # "how long is the line?" may also ask a length ("47-kilometre")
        units = _TIME_UNITS | (_LENGTH_UNITS if _LENGTH_Q.search(question) else frozenset())
        if _SINCE.search(text):  # "has represented the ward since 2014": how long, from when
            return True
        return _counts_any(tokens, units)
    if _IN_MONEY.search(question):  # "in dollar terms": money itself, not a share of it
        return _gives_money(text, tokens)
    if (_MONEY_Q.search(question) or _MONEY_NOUN_Q.search(question)) and not _measures_other(question):
        # money ("€9.3 million"), or a share of it
        if not _SHARE_Q.search(question) and not _DIFFERENCE_Q.search(question):
            text = _SUM_DIFFERENCE.sub(" ", text)  # "£2.7 million more than planned" is no cost
            tokens = words(text)
        return _gives_money(text, tokens) or (
            _SHARE_Q.search(question) is not None
            and not _MONEY_ITSELF.search(question)  # "how much money will the appeal raise?": not a share
            and (any(t in _SHARES or t.endswith("%") for t in tokens) or _ONE_IN.search(text) is not None)
        )
    if _CAPACITY_Q.search(question) and not _CAPACITY.search(text):
        return False
    counted = _COUNTED.search(question)
    part = _PART_OF.search(question)
    if part and part.group(1) and (part.group(1).lower().endswith(("ed", "en")) or not part.group(2).endswith("s")):
        part = None  # "how many of them were made redundant": what was done to them, not a kind of them
    if part and _participle(part.group(2).lower()):
        part = None  # "how many of its tickets were sold": what was done to them
    if part and part.group(2).lower() not in STOPWORDS:  # "how many of the dead were children": children counted
        unit = _singular(part.group(2).lower())
        kind = (part.group(1) or "").lower()  # "violent offences": and the text must say which kind
        if kind and kind not in STOPWORDS and not {stem(kind)} & {stem(t) for t in tokens}:
            return False
        return _counts_any(tokens, (unit,))
    # what the question's verb names, counted ("how many passengers crossed": "61,400 crossings"; "how
    # many people signed": "2,870 signatures"; "responded": "940 responses")
    verbs = {stem(w) for w in q_words - STOPWORDS if len(w) > 4 and w.endswith(("ed", "ing"))}
    done = {_singular(t) for t in tokens if kin(stem(_singular(t))) & verbs}
    if counted and _counted_noun(counted) in _ANYONE:  # "how many people": residents, pupils are people
        # ("how many staff": those who work there, not its visitors or patients)
        # ("how many people work there?" asks for its staff too)
        anyone = _counted_noun(counted) in _ANYONE_UNITS and not _AT_WORK.search(question)
        units = _PEOPLE if anyone else _PEOPLE - _NOT_STAFF
        return _counts_any(tokens, units | (done if _counted_noun(counted) in _ANYONE_UNITS else set())) or any(
            _is_number(t) and _is_agent(tokens[i + 1 : i + 2]) and _singular(tokens[i + 1]) not in _NOT_STAFF
            for i, t in enumerate(tokens)
        )
    if counted and re.fullmatch(_CURRENCY_NAME + "s?", _counted_noun(counted)):
        return _gives_money(text, tokens)  # "how many extra dollars": a sum ("$27,500")
    if counted and _counted_noun(counted) not in _NOT_COUNTED:
        # "how many days": a number counting days ("four-day", "4 days"), not "two sides"; or what the
        # question's verb names
        unit = _singular(_counted_noun(counted))
        counted_as = {unit} | done
        if unit in _PEOPLE:  # "how many evacuees": "312 people" counts them too
            counted_as |= _ANYONE_UNITS
        return _counts_any(tokens, counted_as) or _counts_kind(tokens, counted)
    if _CURRENCY.search(text):
        return True
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _is_amount(t) and prev not in _MONTHS and following not in _MONTHS:  # "27 June": a date
            return True
        if any(part in _NUMBER_WORDS - {"one"} for part in t.split("-")):  # "one single ..." counts nothing
            return True
    return False


# "how much training were they offered?", "how much water": an amount of that, not of money
_HOW_MUCH_NOUN = re.compile(r"\bhow much ([^\W\d_]+)\b(?: ([^\W\d_]+)\b)?", re.I)
_MONEY_NOUNS = frozenset(
    "money cash funding fund funds grant grants subsidy subsidies rent loan loans compensation damages fine fines "
    "budget salary salaries wage wages fee fees aid investment revenue revenues profit profits income tax taxes "
    "debt debts capital spending pay payment payments price prices cost costs bill bills ransom bail credit credits "
    "deposit deposits savings".split()
)


def _measures_other(question: str) -> bool:
    """ "how much training ... offered?": the noun after "how much" is what is measured, and it is not money."""
    found = _HOW_MUCH_NOUN.search(question.partition(CONTEXT_MARK)[0])
    if not found:
        return False
    noun, following = found.group(1).lower(), (found.group(2) or "").lower()
    if following in _MONEY_NOUNS and noun.isalpha() and noun not in STOPWORDS:  # "how much unused credit"
        return False
    return not (noun in STOPWORDS or noun in _MONEY_NOUNS or noun in _MONEY_WORDS or noun in _ANY_AMOUNT)


def _is_agent(following: list[str]) -> bool:
    """ "drivers", "operators" after a number: people counted by what they do."""
    return bool(following) and following[0].endswith(("ers", "ors")) and following[0] != "others"


def is_year(token: str) -> bool:
    """ "2019", "1968": a year, not an amount."""
    return bool(_YEAR.match(token))


def _is_amount(token: str) -> bool:
    """A number that is not a year or a date: "40,000", "1.3", "23"; not "2020", "May1-4"."""
    if not token[:1].isdigit() or _YEAR.match(token):
        return False
    return not _DAY_RANGE.match(token)


_DAY_RANGE = re.compile(r"^\d{1,2}-\d{1,2}$")  # "1-4" after a month: days, not an amount


_CLOCK_TOKEN = re.compile(r"^\d{1,2}(?:am|pm)$")


def _is_number(token: str) -> bool:
    if any(ch.isdigit() for ch in token) and not _YEAR.match(token):
        return not _CLOCK_TOKEN.match(token)  # "15am" (of "7:15am residents"): a time, counting nothing
    return token in _NUMBER_WORDS or all(p in _NUMBER_WORDS for p in token.split("-"))  # "twenty-six"


def counts_people_as(word: str, text: str) -> bool:
    """ "how many candidates": ``word`` names people, and a number in ``text`` counts people ("five
    people signed up")."""
    return _singular(word) in _PEOPLE and _counts_any(words(text), _ANYONE_UNITS)


def counted_in(text: str, stems: Set[str]) -> bool:
    """A number in ``text`` counts a word whose stem is one of ``stems`` ("three full-time posts")."""
    tokens = words(text)
    units = {_singular(t) for t in tokens if stem(t) in stems}
    return _counts_any(tokens, units)


def _counts_kind(tokens: list[str], counted: re.Match[str]) -> bool:
    """ "how many ferry companies": "two ferry operators" counts them too, by the kind the question
    names before its noun (a number, that word, then a plural)."""
    phrase = [w.lower() for w in (counted.group(1) + (counted.group(2) or "")).split()]
    head = _counted_noun(counted)
    kinds = {w for w in phrase[: phrase.index(head)] if w not in STOPWORDS} if head in phrase else set()
    return any(
        _is_number(t) and tokens[i + 1] in kinds and tokens[i + 2].endswith("s") for i, t in enumerate(tokens[:-2])
    )


def counted_by_kind(text: str, question: str) -> bool:
    """ "how many ferry companies" of "two ferry operators": see :func:`_counts_kind`."""
    counted = _COUNTED.search(question.partition(CONTEXT_MARK)[0])
    return counted is not None and _counts_kind(words(text), counted)


def _counts_any(tokens: list[str], units: Iterable[str]) -> bool:
    """Some number in ``tokens`` counts one of ``units`` (see :func:`_counts`)."""
    return any(_counts(tokens, i, unit) for unit in units for i in range(len(tokens)))


def _counts(tokens: list[str], i: int, unit: str) -> bool:
    """``tokens[i]`` is a number counting ``unit``: "four-day", "4 days", "three more days", "120 new
    production roles", "seven of its campuses" (a few words between: modifiers, or "of its"; no
    other number or function word)."""
    parts = tokens[i].split("-")
    if len(parts) > 1 and _is_number(parts[0]) and _same_unit(parts[-1], unit):
        return True
    if not _is_number(tokens[i]) or tokens[i] in _VAGUE:
        return False
    if i and tokens[i - 1] in ("not", "no"):  # "not one pupil was hurt" counts none
        return False
    if i >= 2 and tokens[i - 1] in _UNIT_LEADS:
        # "cutting its opening hours from 52 to 38", "a workforce of 40", "visits rose from 412 to 688":
        # what is counted comes first
        lead = i - 3 if i >= 3 and tokens[i - 2] in _CHANGE_VERBS else i - 2
        if _same_unit(tokens[lead], unit):
            return True
    if i >= 4 and tokens[i - 1] in _NUMBER_OF_LEADS:  # "raise the number of places on the scheme to 30,000"
        # ("the number of trained stewards needed went up from 18": past a modifier)
        back = tokens[max(0, i - NUMBER_OF_REACH) : i - 1]
        if any(
            t == "number"
            and back[k + 1 : k + 2] == ["of"]
            and any(
                _same_unit(w, unit) and not set(back[k + 2 : k + 2 + m]) & STOPWORDS
                for m, w in enumerate(back[k + 2 : k + 5])
            )
            for k, t in enumerate(back)
        ):
            return True
    if i and tokens[i - 1] in _ELLIPTIC_LEADS and (i + 1 == len(tokens) or tokens[i + 1] in _ELLIPTIC_FOLLOWS):
        return True  # "Of the 40 boats, 31 sail on; the remaining 9, mainly the oldest, stay": the 9 count boats
    reach = COUNT_REACH
    after = i + 1 + (3 if tokens[i + 1 : i + 4] == ["and", "a", "half"] else 0)  # "one and a half hours"
    for k, t in enumerate(tokens[after:]):
        if k >= reach:
            return False
        if _same_unit(t, unit):
            return True
        # "seven of its campuses", "three of its own depots", "71 are children" read on (the "of its
        # own" is not counted in the reach); "nurses and midwives", "640,000 on agency midwives" stop
        of_whose = (k == 0 and t in ("of", "are", "were")) or (k >= 1 and tokens[i + 1] == "of" and t in _OF_WHOSE)
        if of_whose and k >= 1:
            reach += 1
        if (
            _is_number(t)
            or _CLOCK_TOKEN.match(t)
            or t == "per"
            or (t in STOPWORDS and not of_whose and t not in _COUNT_MODIFIERS)
        ):
            return False  # ("€6,800 per student" counts no students)
    return False


_VAGUE = frozenset({"several", "dozens"})  # "several residents" tells no one how many


_DETERMINERS = frozenset("the its their his her our your these those".split())
_UNIT_LEADS = frozenset("from of".split())  # "hours from 52 to 38": the unit, then its figures
# "the number rose from 52": a change told between what is counted and its first figure
_CHANGE_VERBS = frozenset("rose fell grew dropped climbed jumped increased decreased declined went".split())
_OF_WHOSE = _DETERMINERS | {"own"}  # "four of its own depots"
_COUNT_MODIFIERS = frozenset("more other further fewer less extra additional".split())  # "three more days"


COUNT_REACH = 3  # words after a number where what it counts may stand
NUMBER_OF_REACH = 10  # words back from a figure to the "number of X" it gives
_NUMBER_OF_LEADS = frozenset("to from at by".split())  # "the number of X (...) to N": N counts X
# "the remaining 9, mainly ...", "another 12 will ...": a count whose noun was named just before
_ELLIPTIC_LEADS = frozenset("remaining another further".split())
_ELLIPTIC_FOLLOWS = STOPWORDS | frozenset("including mainly mostly largely chiefly".split())


def _same_unit(token: str, unit: str) -> bool:
    """``token`` names what ``unit`` names, or the same thing under another everyday name ("how
    many houses": "29 homes"; "how many spots": "14 separate points"; see ``lexical.kin``)."""
    word = _singular(token)
    if word == unit:
        return True
    if word in _NOT_AGENTS and unit != word and unit in _PEOPLE:  # "37 works of art" are no workers
        return False
    if unit.endswith("ie") and len(unit) > 4:  # "properties": the kin of "property"
        unit = unit[:-2] + "y"
    if word.endswith("ie") and len(word) > 4:  # "12 companies" count firms
        word = word[:-2] + "y"
    return stem(word) in kin(stem(unit))


# the stemmer makes "worker" and "work" one stem: a count of works is not of workers
_NOT_AGENTS = frozenset({"work"})


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def asks_time_of_day(question: str) -> bool:
    """ "What time did the first lesson begin?": a time of day ("9.20am"), not a date."""
    return bool(_TIME_Q.search(question))


def _has_date(text: str, question: str) -> bool:
    if _TIME_Q.search(question):
        return bool(_CLOCK.search(text))
    tokens = words(text)
    months = [
        k
        for k, t in enumerate(tokens)
        if (t in _MONTHS and _month_here(tokens, k)) or (t in _MONTH_ABBREVIATIONS and _day_of_month(tokens, k))
    ]
    if _WEEKDAY_Q.search(question):  # "on which day of the week": a weekday, not a date
        return any(_weekday(t) for t in tokens)
    if _DAY_Q.search(question):  # "on what date": a day of a month, or a weekday, not a month alone
        # months the question names (capitalised mid-question: "in May" is a month there)
        asked = {
            w for k, t in enumerate(raw_tokens(question)) if k > 0 and t[:1].isupper() for w in words(t) if w in _MONTHS
        }
        if asked:  # "on what date in December": a day of that month ("Tuesday" alone is not one)
            return any(
                _day_of_month(tokens, k) for k in months if tokens[k] in asked or tokens[k] in _abbreviated(asked)
            )
        return any(_day_of_month(tokens, k) for k in months) or any(_weekday(t) for t in tokens)
    if _SOON_Q.search(question):
        return _counts_any(tokens, _TIME_UNITS) or bool(months) or bool(_RELATIVE_DATE.search(text))
    if _YEAR_Q.search(question):  # "in what year did it open?": a year ("1967"), not "later this year"
        return any(_year_at(tokens, k) for k in range(len(tokens)))
    if _MONTH_Q.search(question):  # "in which month will work begin?": a month ("in June"), not "in the summer"
        return bool(months) or bool(_CAPITAL_MONTH.search(text)) or bool(_THIS_MONTH.search(text))
    return (
        bool(months)
        or bool(_CAPITAL_MONTH.search(text))
        or any(_year_at(tokens, k) for k in range(len(tokens)))
        or bool(_RELATIVE_DATE.search(text))
        or (bool(_WHEN_Q.match(question)) and bool(_CLOCK.search(text)))  # "when did she see it?": "at 2:50 p.m."
    )


def dated_to_the_day(text: str, question: str) -> bool:
    """ "On what date ...?" (not "on which day of the week") and ``text`` gives a day of a month."""
    if not _DAY_Q.search(question) or _WEEKDAY_Q.search(question):
        return False
    tokens = words(text)
    return any(
        ((t in _MONTHS and _month_here(tokens, k)) or t in _MONTH_ABBREVIATIONS) and _day_of_month(tokens, k)
        for k, t in enumerate(tokens)
    )


def _weekday(token: str) -> bool:
    """ "Tuesday", "today", or a weekday that recurs ("closed on Mondays")."""
    return token in _WEEKDAYS or (token.endswith("s") and token[:-1] in WEEKDAY_NAMES)


# "about 1900 children", "some 2,000 people": a count that looks like a year
_APPROXIMATELY = frozenset("about around some nearly almost roughly approximately over under than just".split())


def _year_at(tokens: list[str], k: int) -> bool:
    """``tokens[k]`` is a year: "in 1936", not "about 1900 children"."""
    if not _YEAR.match(tokens[k]):
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else ""
    return not (k and tokens[k - 1] in _APPROXIMATELY) and _singular(following) not in _PEOPLE


_WHEN_Q = re.compile(r"^\s*(?:and |but |so )?when\b", re.I)
_YEAR_Q = re.compile(r"\b(?:what|which) years?\b|\bin what year\b", re.I)
_MONTH_Q = re.compile(r"\b(?:what|which) months?\b", re.I)
_THIS_MONTH = re.compile(r"\b(?:this|next|last|that|the same|the following|the previous) month\b", re.I)


def _abbreviated(months: set[str]) -> set[str]:
    """ "december" -> "dec"; "september" -> "sep", "sept"."""
    return {a for a in _MONTH_ABBREVIATIONS for m in months if m.startswith(a)}


def _day_of_month(tokens: list[str], k: int) -> bool:
    """A day number next to the month at ``k`` ("May 3", "3 May", "May 1-4")."""
    near = tokens[max(0, k - 1) : k] + tokens[k + 1 : k + 2]
    return any(re.match(r"^\d{1,2}(?:st|nd|rd|th)?(?:-\d{1,2})?$", t) for t in near)


_AMBIGUOUS_MONTHS = frozenset({"may", "march"})  # also a verb: a month only next to a number,
# or written capitalised after a lower-case word ("by the end of March"; the verbs are lower case there)
_CAPITAL_MONTH = re.compile(r"(?<=[a-z,;]\s)(?:March|May)\b")


def _month_here(tokens: list[str], k: int) -> bool:
    if tokens[k] not in _AMBIGUOUS_MONTHS:
        return True
    near = tokens[max(0, k - 1) : k] + tokens[k + 1 : k + 2]
    return any(t[:1].isdigit() for t in near)


# a future form: "will", "is due", "postponed until", a review asked for
FUTURE = re.compile(
    r"\b(?:will|would|shall|is due|are due|was due|is expected|are expected|is scheduled|are scheduled|plans? to|"
    r"postponed until|deferred until|put off until|not yet)\b"
    # "she has asked the county lawyer to review whether ...": a review asked for, its outcome to come;
    # "Dr Pellow, who was asked to review the plans, said ...": who someone is, not a review to come
    r"|(?<!\bwho was )(?<!\bwho were )(?<!\bwho had been )"
    r"\b(?:asked|commissioned|ordered|requested|instructed)\b[^.;]{0,60}?\bto (?:review|investigate|examine|"
    r"look into|assess|consider|study|report on)\b",
    re.I,
)
MONTH_WORD = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTH_NAMES) + r")\b")  # "may": a verb
_TO_COME = re.compile(
    r"\bnext (?:year|month|week|spring|summer|autumn|fall|winter|" + "|".join(MONTH_NAMES + WEEKDAY_NAMES) + r")\b"
    r"|\blater (?:this|in)\b|\b(?:from|by|until|before|after) (?:the end of |the start of )?(?:next|this coming)\b"
    r"|\bexpected\b|\bdue\b|\bscheduled\b|\bset to\b|\bgoing to\b|\bplanned\b",
    re.I,
)


def to_come(text: str, when: tuple[int, int] | None) -> bool:
    """``text`` tells of something to come: a future form ("will", "is due", "next spring"), a year
    after the article's (its publication ``when``, if known), or a later month of its year."""
    # ("plans for a centre, which would replace the old hall, were approved last year": what the thing
    # would do, not when it comes)
    if FUTURE.search(_WOULD_DO.sub(" ", text)) or _TO_COME.search(text):
        return True
    if when is None:
        return False
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
    months = [MONTH_NAMES.index(m.lower()) + 1 for m in MONTH_WORD.findall(text)]
    return any(y > when[0] for y in years) or (not any(y < when[0] for y in years) and any(m > when[1] for m in months))


# a clause telling what a thing would do, set off by commas: ", which would replace the old hall,"
_WOULD_DO = re.compile(r",\s*(?:which|that) would\b[^,.;]*,")
_VERBISH = frozenset("did do does is was were are has have had will would can could that which who whom".split())


_WHICH_NOUN = re.compile(r"\bwhich ((?:[a-z][\w-]* ){0,2}?)([a-z][\w-]*)\b", re.I)


def names_the_kind(text: str, question: str, any_kind: bool = False) -> bool:
    """For "which court / hospital ...?": ``text`` holds a name whose last word is that noun ("Ashmoor
    Crown Court", "St Brannock's Hospital"), with a capitalised word before it the question lacks.
    ``any_kind``: for a "which ...?" question that expects no type ("which river ...?", "which
    treatment works ...?"), asked at its start."""
    if any_kind:
        return _names_which(text, question)
    found = _WHICH_NOUN.search(question)
    if not found or expected(question) != "person":
        return False
    noun = stem(found.group(2).lower())
    q_words = set(words(question))
    tokens = raw_tokens(text)
    for i in range(1, len(tokens)):
        word = words(tokens[i])[:1]
        before = words(tokens[i - 1])[:1]
        if (
            word
            and tokens[i][:1].isupper()
            and stem(word[0]) == noun
            and tokens[i - 1][:1].isupper()
            and before
            and before[0] not in q_words | _NOT_NAMES
        ):
            return True
    return False


_WHICH_OPENING = re.compile(r"^\s*(?:and |but |so )?(?:in |at |on |from |to |for |by |under |into )?which\s+", re.I)


def _names_which(text: str, question: str) -> bool:
    """ "Which treatment works is being rebuilt?": ``text`` names one ("the Oakum Treatment Works"):
    the asked noun capitalised, after the question's own capitalised modifiers, after a word the
    question lacks."""
    opening = _WHICH_OPENING.match(question)
    if not opening:
        return False
    asked: list[str] = []
    for w in words(question[opening.end() :]):
        if w in _VERBISH or w in STOPWORDS or _participle(w) or w.endswith("ing"):
            break
        asked.append(w)
    if not asked:
        return False
    head, q_words = stem(asked[-1]), set(words(question))
    tokens = raw_tokens(text)
    for i in range(1, len(tokens)):
        word = words(tokens[i])[:1]
        if not (word and tokens[i][:1].isupper() and stem(word[0]) == head):
            continue
        k = i - 1
        while k > 0 and tokens[k][:1].isupper() and words(tokens[k])[:1] and words(tokens[k])[0] in asked:
            k -= 1  # "Treatment" of "Oakum Treatment Works"
        before = words(tokens[k])[:1]
        if tokens[k][:1].isupper() and before and before[0] not in q_words | _NOT_NAMES:
            return True
    return False


def _named_thing(question: str) -> list[str]:
    """For "what is the name of X's son?", "what brand of monitor did they wear?", "the name of the
    state inspector": the head word of what is to be named (``["son"]``, ``["monitor"]``,
    ``["inspector"]``); empty for other questions."""
    found = _NAME_OF.search(question)
    if not found:
        return []
    if found.group("called"):  # "what will the new school be called?"
        return [w for w in words(found.group("called")) if w not in STOPWORDS]
    out: list[str] = []
    for w in words(question[found.end() :]):
        if w in _VERBISH or w.endswith("ed") or (out and w in STOPWORDS):
            break  # "the hotel in X where ...": the hotel
        out.append(w)
    return out[-1:]  # "the name of the state inspector": the inspector ("state Safety Board" names no inspector)


def names_near_terms(text: str, question: str, near: Sequence[str] = ()) -> bool:
    """A new name right after the question's own words: "Azerbaijan's Foreign Minister Jeyhun
    Bayramov" answers "Who is Azerbaijan's Foreign Minister?" better than a sentence that merely
    mentions the ministers and, elsewhere, someone else. ``near``: the words the name must go with
    (default: what a "name of" question names, else all the question's words)."""
    named = list(near) or _named_thing(question)  # "the name of X's son": the son, not X, goes with the name
    q_stems = {stem(w) for w in (named or words(question)) if w not in STOPWORDS}
    if q_stems & ROLE_TERMS:  # "who heads the union?" is answered by "the union's chair, X"
        q_stems |= ROLE_TERMS
    tokens = raw_tokens(text)
    for i in range(1, len(tokens) - 1):
        prev = words(tokens[i - 1])
        if not prev or stem(prev[0]) not in q_stems:
            continue
        k = i
        while (
            k < len(tokens) - 1 and words(tokens[k])[:1] and words(tokens[k])[0] in _TITLES and tokens[k][:1].isupper()
        ):
            k += 1  # "the lead author, Professor Ines Abbott": the title comes before the name
        if _name_run(tokens, k, question) >= (1 if k > i else 2):
            return True
    if named:  # "what is the council's loan scheme called?": "the council's Brisk scheme" (the name before its head)
        head = stem(named[-1])
        for i in range(1, len(tokens)):
            if words(tokens[i])[:1] and stem(words(tokens[i])[0]) == head and not tokens[i][:1].isupper():
                start = i
                while start > 0 and tokens[start - 1][:1].isupper() and _name_run(tokens, start - 1, question):
                    start -= 1
                if start < i and start > 0:  # (a sentence's first word is capitalised anyway)
                    return True
    # or right before them, in an appositive: "Rowan Pettifer, the board's director of education"
    for match in _APPOSITIVE_AFTER_NAME.finditer(text):
        name = raw_tokens(match.group(1))
        opening = words(match.group(2))[:1]
        if opening and opening[0].endswith(("ed", "ing")):
            continue  # "Kestle Bay, floated by a regional official": a clause, not a description
        described = [w for w in words(match.group(2)) if w not in STOPWORDS]
        k = 0
        while k < len(name) - 1 and words(name[k])[:1] and words(name[k])[0] in _TITLES:
            k += 1  # "Dr Jo Smith, chief executive of X": the name after its title
        if _name_run(name, k, question) >= 2 and any(stem(w) in q_stems for w in described):
            return True
    return False


# a name of two or more capitalised words, a comma, then up to five words describing it ("Jo Pask, the
# trust's chief estates surveyor")
_APPOSITIVE_AFTER_NAME = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*),\s+((?:[\w'’-]+\s+){0,4}[\w'’-]+)")


def _name_run(tokens: list[str], i: int, question: str) -> int:
    q_words = set(words(question))
    run = 0
    for token in tokens[i:]:
        word = words(token)[0] if words(token) else ""
        if run and word in _TITLES and token[:1].isupper():
            continue  # "Datuk Dr Amina Rahim": a title after an honorific, and the name goes on
        if not (token[:1].isupper() and word not in _NOT_NAMES and word not in q_words):
            break
        run += 1
    return run


# words that make a capitalised name an organisation's or a publication's, not a person's (generic English)
ORG_WORDS = frozenset(
    "foundation institute university college school academy union council authority department ministry court "
    "journal annals review times news trust centre center group association agency service services board "
    "committee hospital bank party partnership commission society museum fund ltd limited inc plc llc corp "
    "company co systems airways airlines air homes energy water gas health police city county district region "
    "office club church league federation network".split()
)
_WHO_Q = re.compile(r"^\s*(?:and\s+)?who\b(?!\s+(?:owns?|owned|funds?|funded|publish(?:es|ed)?)\b)", re.I)


# "which expert / official / researcher": a person, not a body
_WHICH_PERSON = re.compile(
    r"\bwhich (?:[a-z][\w-]* ){0,2}?(?:official|minister|leader|person|president|councill?or|member|officer|"
    r"executive|judge|spokes(?:person|man|woman)|researcher|scientist|analyst|expert|lawyer|campaigner|resident|"
    r"politician|lawmaker|senator|mayor|governor|manager|director|candidate|employee|doctor|teacher|tenant|pupil|"
    r"student|witness|parent|worker|nurse|owner|founder|chair|chairman|chairwoman|chairperson|secretary|treasurer|"
    r"inspector|midwife|shopkeeper|trader|farmer|organiser|organizer|volunteer|coach|captain|engineer|surveyor|"
    r"architect|professor|principal|headteacher|commissioner|trustee|mother|father|driver|musician|landlord)s?\b(?!['’])",
    re.I,
)


def wants_person(question: str) -> bool:
    """ "Who ...?" asks, most often, for a person ("who spoke for the union?"), though a body may answer
    it, and "which expert ...?" always; not "who owns / funded / publishes it?" nor "which company ...?"."""
    return bool(_WHO_Q.match(question) or _WHICH_PERSON.search(question)) and not asks_name(question)


_JOINERS = frozenset({"of", "for", "and", "on"})


def people_act(question: str) -> str | None:
    """What a "which councillors voted against it?" question's people did ("voted"), if a verb follows."""
    own = question.partition(CONTEXT_MARK)[0]
    found = _WHICH_PERSON.search(own)
    if not found:
        return None
    after = words(own[found.end() :])
    return after[0] if after and after[0].endswith("ed") and after[0] not in STOPWORDS else None


def which_people(question: str) -> bool:
    """ "Which councillors voted against?": several people of a kind, whom only their names answer
    (not "which councillor argued ...?", whom a surname may answer, nor "who ...?", which a body may)."""
    own = question.partition(CONTEXT_MARK)[0]
    found = _WHICH_PERSON.search(own)
    return found is not None and found.group(0).endswith("s") and not asks_name(own)


def names_person(text: str, question: str) -> bool:
    """``text`` names someone new, not only an organisation: a title before a name ("Dr Ross"), or a run
    of two or more capitalised words (not the question's) with no organisation word in it nor joined
    to one ("Union of Secondary Educators")."""
    q_words = set(words(question))
    # ("the market hall" asked about: "Linen Row Market Hall" is its name, no one's)
    q_common = {w for t in raw_tokens(question)[1:] if t[:1].islower() for w in words(t)} - STOPWORDS
    tokens = raw_tokens(text)
    runs: list[list[str]] = []
    joined = False  # "of", "for", "and" between capitalised words: one name ("Institute for Lake Research")
    for i, token in enumerate(tokens):
        word = words(token)[0] if words(token) else ""
        if i > 0 and token[:1].isupper() and not _SHOUTED.match(token):  # (a dateline's "BANDAR SERI:" is no one)
            if word in _TITLES and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
                following = words(tokens[i + 1])
                if following and following[0] not in q_words:
                    return True  # "Dr Fennick Olowe-Marsh", "Professor Quarrington"
            if runs and joined:
                runs[-1].append(word)
            else:
                runs.append([word])
            joined = token[-1:].isalnum()  # "Ashdown-Pell," ends the name
        else:
            joined = bool(joined and runs and word in _JOINERS)
            if joined:
                runs[-1].append(word)
    return any(
        len([w for w in run if w not in q_words and w not in _NOT_NAMES]) >= 2
        and not (set(run) & (ORG_WORDS | _JOINERS))
        and run[-1] not in _PLACE_HEADS
        and not set(run) & q_common
        for run in runs
    )


_SHOUTED = re.compile(r"^[A-Z][A-Z'’.-]+\W*$")
# the last word of a place's name, never of a person's ("Harbour Road", "Kingsway Station")
_PLACE_HEADS = frozenset(
    "road street avenue boulevard square quay wharf pier airport station terrace crescent motorway highway "
    "estate drive showground showgrounds stadium arena harbour beach bridge".split()
)
# public bodies, which no "which firm / contractor / supplier" asks for ("the City Council")
_PUBLIC_BODY = re.compile(
    r"(?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the)\s+)*)*"
    r"(?:Council|Committee|Authority|Ministry|Department|Police|Court|Parliament|Assembly|Government|Tribunal)\b"
)


def names_body(text: str, question: str) -> bool:
    """ "Which firm ...?": ``text`` names someone new who is not a titled person ("Cllr Gwilt" is no firm)."""
    return _has_new_name(_PUBLIC_BODY.sub(" ", text), question, titled=False)


def _has_new_name(text: str, question: str, *, titled: bool = True) -> bool:
    q_words = set(words(question))
    tokens = raw_tokens(text)
    run = 0
    for i, token in enumerate(tokens):
        word = words(token)[0] if words(token) else ""
        if not titled and word in _TITLES | {"cllr", "mx"}:
            run = -1  # a titled person's name follows: it does not count towards a body's
            continue
        # the first word is capitalised anyway: a name there only if the next word is one too ("Rowan Pettifer, ...")
        is_name = token[:1].isupper() and word not in _NOT_NAMES and word not in q_words
        if i == 0 and is_name:
            following = words(tokens[1]) if len(tokens) > 1 else []
            is_name = bool(following) and tokens[1][:1].isupper() and following[0] not in _NOT_NAMES
        run = (run + 1 if run >= 0 else -1) if is_name else 0
        if run >= 2:  # "Jeyhun Bayramov", "Efgan Nifti"
            return True
    return False


# the time a question asks about ("by Wednesday night", "in 2024", "in March")
_WEEKDAY_NAME = re.compile(r"\b(" + "|".join(d.capitalize() for d in WEEKDAY_NAMES) + r")\b")
_YEAR_NAME = re.compile(r"\b((?:19|20)\d\d)\b")
_DECADE_NAME = re.compile(r"\b((?:19|20)\d0s)\b")
_MONTH_NAME = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTH_NAMES if m != "may") + r")\b")


def months_named(text: str) -> list[str]:
    """The months ``text`` names ("July", not "may": a word too)."""
    return _MONTH_NAME.findall(text)


_SET_TO = re.compile(r"\b(?:is|are) set to\b", re.I)
_LAST_YEAR = re.compile(r"\b(?:last|previous|past) year\b|\ba year (?:earlier|ago|before)\b", re.I)


def other_time(question: str, text: str, context: Set[str] = frozenset()) -> str | None:
    """ "How many acres had burned by Wednesday?" of a sentence giving Thursday's figure: the other
    time (weekday, year or month) ``text`` is about, when it never names the question's, nor does
    its ``context`` (its neighbours' terms); None when the times agree or either names none."""
    own = question.partition(CONTEXT_MARK)[0]
    decades = set(_DECADE_NAME.findall(own))  # "in the 1990s": any year of the decade agrees with it
    years = set(_YEAR_NAME.findall(text))
    near = years | {c for c in context if _YEAR.match(c)} | {c[:4] for c in context if _DECADE_NAME.match(c)}
    if years and decades and not any(y[:3] == d[:3] for y in near for d in decades):
        return f"the best evidence is about {', '.join(sorted(years))}, not the {', '.join(sorted(decades))}"
    # "what was the rise last year?" of "charges are set to rise by 6 per cent from April": this year's
    coming = FUTURE.search(text) or _SET_TO.search(text)
    if _LAST_YEAR.search(own) and coming and not (_LAST_YEAR.search(text) or years or near):
        return "the best evidence is about what is to come, not last year"
    for pattern in (_WEEKDAY_NAME, _YEAR_NAME, _MONTH_NAME):
        asked = set(pattern.findall(own))
        said = set(pattern.findall(text))
        if asked and said and not asked & said and not any({a.lower(), stem(a.lower())} & context for a in asked):
            return f"the best evidence is about {', '.join(sorted(said))}, not {', '.join(sorted(asked))}"
    return None


def undated_figure(question: str, text: str, context: Set[str] = frozenset()) -> str | None:
    """ "How much did the 1998 roof replacement cost?" of a sentence that never names 1998, nor do
    its neighbours: its figure is another's (the year the question pins its figure to); None when
    the question names no year or the sentence or its context names one of its years."""
    asked = set(_YEAR_NAME.findall(question.partition(CONTEXT_MARK)[0]))
    if not asked or asked & (set(_YEAR_NAME.findall(text)) | set(context)):
        return None
    return ", ".join(sorted(asked))


def new_figures(question: str, text: str) -> bool:
    """``text`` holds a figure that ``question`` does not already state: "How many of the 6,412
    signatures were collected online?" is not answered by "a petition with 6,412 signatures"."""
    asked = {t for t in words(_PER_CENT.sub("percent", question)) if _is_number(t) and t not in _NUMBER_WORDS}
    if not asked:
        return True
    tokens = words(_PER_CENT.sub("percent", text))
    for k, t in enumerate(tokens):
        if t in _NUMBER_WORDS - {"one"}:  # "71 of them", "two of the sites"; not "two days after"
            if k + 1 >= len(tokens) or _singular(tokens[k + 1]) not in _TIME_UNITS:
                return True
        elif _is_number(t) and t not in asked:
            return True
    return False


# "at Kilbrae General Hospital": a preposition before a capitalised name (not a month or weekday)
_PLACED = re.compile(r"\b(at|in|from|for)\s+(?:the\s+)?((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*)*)")


def other_place(question: str, text: str) -> str | None:
    """The name ``text`` gives in the slot where ``question`` gives another ("What was the wait at
    Kilbrae?" of "The wait at Glenmorran rose ..."), when ``text`` never names the asked one."""
    text_words = set(words(text))
    calendar = _MONTHS | {w.lower() for w in WEEKDAY_NAMES}
    for prep, name in _PLACED.findall(question.partition(CONTEXT_MARK)[0]):
        asked = [w for w in words(name) if w not in calendar]
        if not asked or any(w in text_words for w in asked):
            continue
        for their_prep, theirs in _PLACED.findall(text):
            if their_prep.lower() == prep.lower() and not set(words(theirs)) & calendar:
                return theirs
    return None


# the unit a figure is given per: "a year", "per trip", "each month", "annual", "weekly"
_RATE = re.compile(
    r"\b(?:a|an|per|each|every)\s+(year|month|week|day|weekday|night|hour|minute|trip|journey|ride|passenger|"
    r"person|head|student|pupil|bed|resident|household|patient|visit)s?\b|\b(annual|annually|yearly|monthly|"
    r"weekly|daily|nightly|hourly)\b",
    re.I,
)
# a stretch of several of a unit ("for the full 14 months", "over three years"): a figure given with one
# is a total for the stretch, not a rate per the unit
_SPAN = re.compile(
    r"\b(?:for|over|across|throughout)\s+(?:the\s+)?(?:full\s+|whole\s+|entire\s+|next\s+|first\s+)?"
    r"(?:\d+|" + "|".join(sorted(_NUMBER_WORDS - {"one", "half", "third", "quarter", "several", "dozens"})) + r")\s+"
    r"(year|month|week|day|night|hour)s\b",
    re.I,
)
_RATE_ADJECTIVES = {"annual": "year", "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
                    "daily": "day", "nightly": "night", "hourly": "hour"}  # fmt: skip


def _rates(text: str) -> set[str]:
    return {(unit or _RATE_ADJECTIVES[adjective.lower()]).lower() for unit, adjective in _RATE.findall(text)}


def other_rate(question: str, text: str) -> str | None:
    """The unit ``text`` gives its figures per ("per trip") when the question asks for a figure per
    another ("what would it cost each year?"), and ``text`` never gives one per the asked unit."""
    asked = _rates(question.partition(CONTEXT_MARK)[0])
    given = _rates(text)
    if not asked or not given:
        return None
    if any(a in g or g in a for a in asked for g in given):  # "a day" is given by "a weekday"
        return None
    return sorted(given)[0]


def total_over_span(question: str, text: str) -> str | None:
    """The unit of a stretch ``text`` gives a total for ("for the full 14 months") when the question
    asks for a figure per that unit ("the monthly hire charge") and ``text`` gives no rate at all."""
    asked = _rates(question.partition(CONTEXT_MARK)[0])
    if not asked or _rates(text):
        return None
    return next((span for found in _SPAN.finditer(text) if (span := found.group(1).lower()) in asked), None)


# "Line 9", "Ward 3", "Phase 2B": a capitalised word and the number that tells which one
_DESIGNATOR = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,3}[A-Za-z]?)\b(?![,.]?\d)")


def other_designator(question: str, text: str) -> str | None:
    """The designator ``text`` gives for another one of the same series ("Line 4" when the question
    asks about "Line 9"), when ``text`` never gives the asked one; not dates ("March 3")."""
    calendar = _MONTHS | {w.lower() for w in WEEKDAY_NAMES}
    given = {(w.lower(), n.lower()) for w, n in _DESIGNATOR.findall(text)}
    for word, number in _DESIGNATOR.findall(question.partition(CONTEXT_MARK)[0]):
        key = word.lower()
        if key in calendar or (key, number.lower()) in given:
            continue
        others = [f"{w} {n}" for w, n in _DESIGNATOR.findall(text) if w.lower() == key]
        if others:
            return others[0]
    return None


# "Who leads the review, and when is it due to report?": a second question joined to the first
_SECOND_QUESTION = re.compile(
    r"^(?P<first>.*?\w)\s*,?\s+and\s+(?P<second>(?:when|where|who|which|what|how (?:many|much|long|far|old)|"
    r"(?:at|on|in|by|for|from|over) (?:what|which)|by how (?:many|much))\b[^?]*\?)\s*$",
    re.I,
)


def second_question(question: str) -> str | None:
    """The second of two questions asked in one ("When is it due to report?"), when it asks for a
    kind of answer the engine checks (a number, a date, a name)."""
    found = _SECOND_QUESTION.match(question.strip())
    if not found:
        return None
    second = found.group("second")
    second = second[:1].upper() + second[1:]
    return second if expected(second) is not None else None


# "How did the fee in 2021 compare with 2024?", "How many boats sail from Pellow, compared with
# Oakum?", "How did turnout compare between Pellow and Oakum?": the two things compared
_COMPARED_WITH = re.compile(
    r"^(?:how\s+(?:does|did|do|has|have|is|was|were|are|will|would)\s+)?(?P<a>.+?),?\s+"
    r"(?:(?:compared?|compares|comparing)\s+(?:with|to|against)|as\s+against|versus|vs\.?)\s+"
    r"(?P<b>[^?]+?)\s*\??$",
    re.I,
)
_COMPARED_BETWEEN = re.compile(r"^.+?\s+compared?\s+between\s+(?P<a>[^?]+?)\s+and\s+(?P<b>[^?]+?)\s*\??$", re.I)


def compared_sides(question: str) -> tuple[str, str] | None:
    """The two sides of a comparison question, as written: ("the fee in 2021", "2024"), or None.
    An answer should give both ("the fee was £40 in 2021" alone leaves half the question open)."""
    text = question.strip()
    between = _COMPARED_BETWEEN.match(text)
    if between:
        return between.group("a"), between.group("b")
    found = _COMPARED_WITH.match(text)
    if found:
        return found.group("a"), found.group("b")
    return None


# what a side like "last year" or "a normal week" names is a time or a usual state, not a thing
# a sentence names
_GENERIC_SIDE = frozenset(
    stem(w)
    for w in (
        "year years month months week weeks day days now before previous prior current today ago earlier "
        "season time period normal usual average typical same rest other one ones last next this"
    ).split()
)


def compared_terms(question: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The terms that tell a comparison's two sides apart: ({"2021"}, {"2024"}) for "how did the fee
    in 2021 compare with 2024?", ({"pellow"}, {"oakum"}) for "how many boats sail from Pellow,
    compared with Oakum?". A side compared with a year, a figure or a name is told by its own
    years, figures or names; None when one side names nothing of its own ("compared with last year")."""
    sides = compared_sides(question)
    if sides is None:
        return None
    a, b = sides
    a_terms, b_terms = set(terms(a)), set(terms(b))
    b_only = b_terms - a_terms - _GENERIC_SIDE
    if not b_only:
        return None
    if any(c.isdigit() for c in b):
        a_only = {t for t in a_terms - b_terms if any(c.isdigit() for c in t)}
        if any(len(t) > 2 for t in a_only):  # "2018/19": the year tells it, not the "19"
            a_only = {t for t in a_only if len(t) > 2}
    elif any(w[:1].isupper() for w in b.split()):
        a_only = set(terms(" ".join(w for w in a.split()[1:] if w[:1].isupper()))) - b_terms
    else:
        a_only = a_terms - b_terms - _GENERIC_SIDE
    return (frozenset(a_only), frozenset(b_only)) if a_only else None


_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|\d+)"
_SPAN_UNIT = r"(?:years?|months?|weeks?|days?)"
# "a year earlier", "the month before", "the previous year": a time before the story's own
_BEFORE_THEN = (
    _COUNT + r"\s+" + _SPAN_UNIT + r"\s+(?:earlier|ago|before|previously)"
    r"|(?:the|a)\s+(?:year|month|week|season)\s+before"
    r"|(?:previous|prior|preceding)\s+(?:year|month|week|season|quarter|period)"
)
# "what was the wait a year earlier?", "what did households pay before the rise?", "the previous
# fee": a figure of a time before the one the story reports
_EARLIER_Q = re.compile(
    r"\b(?:" + _BEFORE_THEN + r"|before\s+(?:the|its|their|this|that)\s+(?:[a-z-]+\s+)?"
    r"(?:rises?|increases?|hikes?|cuts?|changes?|reductions?)"
    r"|previously|used\s+to"
    # "what was the limit before the council lowered it?"
    r"|before\s+(?:[\w'’-]+\s+){1,4}?(?:lowered|raised|cut|increased|reduced|changed|hiked|trimmed|doubled|halved)"
    r"\s+(?:it|them)"
    r"|(?:previous|prior|former|old|original)\s+(?:[a-z-]+\s+)?(?:prices?|fees?|charges?|costs?|rates?|figures?|levels?|"
    r"totals?|fares?|rents?|wages?|salar(?:y|ies)|budgets?|limits?|tariffs?))\b",
    re.I,
)
_AMOUNT = r"(?:" + _CURRENCY_SIGN + r"\s?)?\d"
# a sentence that gives a figure of an earlier time: "up from 41", "from £145 to £200", "a year
# earlier", "last year", "in 2023", "initially"
_EARLIER = re.compile(
    r"\b(?:" + _BEFORE_THEN + r"|same\s+(?:year|month|week|season|quarter|period)"
    r"|last\s+(?:[a-z]+\s+)?year|(?:19|20)\d\d"
    r"|previously|formerly|originally|initially|at first|used\s+to|earlier|compared\s+with|compared\s+to"
    r"|(?:up|down)\s+from"
    r"|was\s+(?:once|then)"
    r")\b"
    r"|\bfrom\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|just\s+)?" + _AMOUNT + r"[^.;]{0,40}?\bto\s+"
    r"(?:" + _CURRENCY_SIGN + r"\s?)?\d",
    re.I,
)


def asks_earlier(question: str) -> bool:
    """ "What was the median wait a year earlier?", "what did they pay before the rise?": the
    question pins its figure to an earlier time than the story's own."""
    return bool(_EARLIER_Q.search(question.partition(CONTEXT_MARK)[0]))


def gives_earlier(text: str) -> bool:
    """``text`` gives a figure of an earlier time ("up from 41", "from £145 to £200", "a year
    earlier", "in 2023"), not only the story's current one."""
    return bool(_EARLIER.search(text))


# "what is the board's total budget?" of "it put an extra £1.8m into its budget": a rise is no total
_TOTAL_Q = re.compile(r"\b(?:total|overall|whole|entire|combined)\b", re.I)
_INCREMENT = re.compile(
    r"\b(?:extra|additional|further|another)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?"
    + _AMOUNT
    + r"|"
    + _AMOUNT
    + r"[\d,.]*\s*(?:million|billion|bn|m|k)?\s+more\b",
    re.I,
)
_TOTAL_TEXT = re.compile(r"\b(?:total|totals|totalled|totaled|overall|in all|altogether|combined|whole|entire)\b", re.I)


def only_increase(question: str, text: str) -> bool:
    """A question asking for a total ("the total annual budget") whose ``text`` gives only a rise or
    an extra sum ("an extra £1.8m", "£55 more a year"), never a total."""
    own = question.partition(CONTEXT_MARK)[0]
    return bool(_TOTAL_Q.search(own) and _INCREMENT.search(text) and not _TOTAL_TEXT.search(text))
