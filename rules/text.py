"""Showing text a user typed inside our own messages without letting it act on the terminal."""

from __future__ import annotations


def visible(value: object, limit: int = 40) -> str:
    """The value as the user wrote it, with control characters (e.g. ESC) written as escapes, cut to `limit`.

    An escape sequence echoed raw in an error message would recolour or clear the user's terminal.
    """
    text = value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    return shown if len(shown) <= limit else shown[:limit] + "…"
