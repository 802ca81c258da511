"""Turning any text (a student's message, a source's words) into something safe to show.

Text is never parsed as markup: it becomes `Content`, which shows `[bold]` or `[/` literally. Control characters
and ANSI escapes cannot reach the terminal either: they are shown as their visible Unicode "control picture"
(ESC becomes ␛), so the student still sees exactly what they typed.
"""

from __future__ import annotations

from textual.content import Content

TAB = "    "
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_PICTURES.pop(ord("\n"))
_PICTURES[ord("\t")] = TAB
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
_TABLE = str.maketrans(_PICTURES | _C1)


def visible(text: str) -> str:
    """The text with control characters replaced by visible stand-ins; newlines are kept."""
    return text.replace("\r\n", "\n").translate(_TABLE)


def plain(text: str) -> Content:
    """Content that shows the text literally (never markup, never raw control codes)."""
    return Content(visible(text))
