"""Which side of a pros-and-cons list a fact stands on, read from the headings of its source.

The sources list pros and cons under headings ("Pros of Being a Medical Records Technician", "Cons"); a fact
quoted from under such a heading is a pro or a con as its source says, whatever its kind (a pay figure, a
schedule, a requirement). A heading here is a short line that does not end like a sentence or a list item;
the nearest one above the quote decides, and a heading that names both ("Pros & Cons") decides nothing.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol

Side = Literal["pro", "con"]
HEADING_MAX_WORDS = 8
_PRO = re.compile(r"^pros\b", re.I)
_CON = re.compile(r"^cons\b", re.I)
_NOT_HEADING_END = (".", "*", ":", ")", ",", ";", "!", "?")


class HasTexts(Protocol):
    texts: dict
    lines: dict[tuple[str, str], int]


def is_heading(line: str) -> bool:
    """A short line that does not end like a sentence or a starred list item, and is not a bullet."""
    line = line.strip()
    return bool(line) and len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(_NOT_HEADING_END) \
        and not line.startswith(("•", "-", "*"))


def side_of(kb: HasTexts, owner: str, fact_id: str, source: str) -> Side | None:
    """'pro' or 'con' when the fact's quote stands under such a heading in its source, else None."""
    line = kb.lines.get((owner, fact_id))
    text = kb.texts.get(source)
    if line is None or text is None:
        return None
    lines = text.text.split("\n")
    for index in range(min(line, len(lines)) - 2, -1, -1):
        raw = lines[index].strip()
        if not is_heading(raw):
            continue
        pro, con = bool(_PRO.match(raw)), bool(_CON.match(raw))
        if pro and re.search(r"\bcons\b", raw, re.I):
            return None
        return "pro" if pro else "con" if con else None
    return None
