"""Showing text a user typed inside our own messages without letting it act on the terminal."""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI: colours, cursor moves, clear screen ("\x1b[2J")
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks
    r"|\x1b[@-Z\\-_]"                      # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"               # 8-bit CSI
)


def visible(value: object, limit: int = 40) -> str:
    """The value as the user wrote it, with control characters (e.g. ESC) written as escapes, cut to `limit`.

    An escape sequence echoed raw in an error message would recolour or clear the user's terminal.
    """
    text = value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def without_controls(text: str) -> str:
    """A typed message with whole terminal escape sequences removed and other control characters as spaces.

    Removing only the ESC byte would leave "[2J" behind, which the answer reader took as "2 (years)".
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
