"""An option chosen by its number: the one reading of "2", " 2 ", "#2", "option 2" shared by every front end and
the brain.

A message that is nothing but an option's number chooses that option; a number followed by anything else
("2 years max", "40k", "2nd shift") is words, read by the brain like any other message. The chat app and
`chat --plain` turn such a message into a pick of the option on show (its question or prompt id and its choice
id), and `rules.parsing` reads it as an answer to the open question. Stdlib only: the app may call it before the
brain has loaded.
"""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"\s*(?:option|number|no\.|#|choice)?\s*([0-9]{1,3})\s*[.):!]*\s*", re.IGNORECASE)


def option_number(text: str, count: int) -> int | None:
    """The option (1..`count`) a message names by its number alone, else None ("9" of seven options is None)."""
    match = _NUMBERED.fullmatch(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if 1 <= number <= count else None
