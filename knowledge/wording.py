"""Words a student reads in place of the knowledge base's internal shapes: quotes from tables, dispute topics.

The knowledge base keeps every quote verbatim, because the loader proves each one is in its source. Some
sources are web pages whose tables lost their cell borders when saved as text, so a quote can read
"Health Information Manager$90k USD$95k USD". `shown_quote` puts a visible separator between such cells for
display only; the verified `Citation.quote` is never changed. No Textual here: the chat, the screens and the
reports all call it.
"""

from __future__ import annotations

import re

CELL = " | "
"""What stands between two table cells that ran together."""

_GLUED = re.compile(
    r"(?<=[A-Za-z)])(?=\$\d)"          # 'Manager$90k': a word, then an amount
    r"|(?<=\bUSD)(?=\$\d)"             # '$90k USD$95k': one amount, then the next
    r"|(?<=[a-z])(?=(?:US|U\.S\.) )"   # 'LevelUS Median': a header word, then the next header
    r"|(?<=[a-z])(?=[A-Z][a-z])(?<![Mm]c)"  # 'MedianUS Average' is caught above; 'LevelAverage' here
)
_NUMBER = r"\d[\d,]*(?:\.\d+)?%?"
_NUMBER_RUN = re.compile(rf"(?<![\w$,.])({_NUMBER})((?: {_NUMBER}){{2,}})(?![\w,])")
"""Three or more numbers in a row, separated by single spaces: the columns of a statistics table."""
_WORD_THEN_RUN = re.compile(rf"(?<=[A-Za-z)]) (?={_NUMBER}(?: {_NUMBER}){{2,}}(?![\w,]))")

_PAY_TOPICS: dict[str, str] = {
    "median": "median pay", "mean": "average pay", "p10": "pay of the lowest-paid 10%",
    "p90": "pay of the highest-paid 10%", "range_low": "the low end of the pay range",
    "range_high": "the high end of the pay range", "starting_low": "the lowest starting pay",
    "starting_high": "the highest starting pay",
}


def shown_quote(quote: str) -> str:
    """The quote as a student should read it: cells of a flattened table separated by ' | '.

    Ordinary sentences come back unchanged. Only for display: the verified quote stays as it is.
    """
    if not quote:
        return quote
    text = _GLUED.sub(CELL, quote) if _looks_tabular(quote) else quote
    if _NUMBER_RUN.search(text):
        text = _WORD_THEN_RUN.sub(CELL, text)
        text = _NUMBER_RUN.sub(lambda m: m.group(1) + m.group(2).replace(" ", CELL), text)
    return text


def _looks_tabular(quote: str) -> bool:
    """A quote with a glued amount ('Manager$90k') or glued header words ('LevelUS Median') is a table row."""
    return bool(re.search(r"[A-Za-z]\$\d|USD\$|[a-z](?:US|U\.S\.) ", quote))


def dispute_topic(topic: str) -> str:
    """A disagreement's topic in words: 'pay range_low' becomes 'the low end of the pay range'.

    Topics are built by the loader from a fact's kind and fields ('pay median', 'pay p10 hospitals',
    'patient contact'); everything after the statistic (an industry or level) is kept as it is.
    """
    words = topic.split(" ")
    if words[0] == "pay" and len(words) > 1 and words[1] in _PAY_TOPICS:
        rest = " ".join(words[2:])
        return _PAY_TOPICS[words[1]] + (f" ({rest})" if rest else "")
    return topic.replace("_", " ")


def plural(name: str) -> str:
    """A career's name as a plural for use mid-sentence: 'Licensed practical nurse' -> 'licensed practical
    nurses'; a name that starts with an abbreviation ('RHIT …') keeps its capitals."""
    lowered = name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name
    return lowered + "s"
