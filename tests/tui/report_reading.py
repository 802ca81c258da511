"""Reading a written report back as its reader would: the numbered notes, the reproduce command."""

from __future__ import annotations

import re

_NOTE = re.compile(r"^(\d+)\. line (\d+) \((\d{4}|undated)\): “(.*)”$")
_SOURCE = re.compile(r"^\*\*(.+?)\*\*")


def markdown_notes(text: str) -> dict[int, tuple[str, int, str, str]]:
    """Note number -> (source title as written, line, year, quote as written) from the Markdown report."""
    notes: dict[int, tuple[str, int, str, str]] = {}
    part = text.split("## Sources and the quotes behind the numbers in brackets", 1)[1]
    title = ""
    for line in part.splitlines():
        if source := _SOURCE.match(line):
            title = source.group(1)
        elif note := _NOTE.match(line):
            notes[int(note.group(1))] = (title, int(note.group(2)), note.group(3), note.group(4))
    return notes


def note_numbers(text: str) -> list[int]:
    """Every note number cited in brackets, e.g. '[3–5, 9]' gives 3, 4, 5, 9."""
    found: list[int] = []
    for group in re.findall(r"\[(\d[\d,– ]*)\]", text):
        for part in group.split(","):
            low, _, high = part.strip().partition("–")
            found += range(int(low), int(high or low) + 1)
    return found


def markdown_command(text: str) -> str:
    """The reproduce command of the Markdown report, its continuation lines joined back into one line."""
    block = text.rsplit("```sh\n", 1)[1].split("\n```", 1)[0]
    return " ".join(line.strip().removesuffix("\\").strip() for line in block.splitlines())
