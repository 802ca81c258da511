"""The command line's grammar: argparse, imported only when there is a command line to parse.

A bare `career-quiz` (the chat with no options) never comes here: importing argparse and building a parser took a
tenth of the time Textual needs to draw its first screen. Usage errors raise UsageError, whose message names what
was wrong and what is accepted; `tui.cli` prints it as one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

SUBCOMMANDS: dict[str, str] = {
    "kb": "tui.commands.kb",
    "sources": "tui.commands.kb",
    "questions": "tui.commands.decide",
    "recommend": "tui.commands.decide",
    "ask": "tui.commands.decide",
    "report": "tui.commands.report",
    "serve": "tui.commands.serve",
    "chat": "tui.commands.chat",
}
INTERACTIVE = {"serve", "chat"}
"""Subcommands that run until the student stops them: they exit normally, without the fast exit."""


class UsageError(Exception):
    """Bad input from the command line: the message names the problem and what is accepted."""


def _columns() -> int:
    """The terminal's width, found as `shutil.get_terminal_size` finds it ($COLUMNS, else the terminal, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized without importing shutil (and the compression modules it brings in):
    argparse makes one for every option it adds, so a headless command would pay for it on every run."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    """argparse, but errors raise UsageError instead of printing usage and exiting from deep inside."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from knowledge.files import shown

        raise UsageError(shown(message))  # argparse quotes what was typed: no escape sequence reaches the terminal


def _parser(add_help: bool = True) -> Parser:
    """The parser of the chat app's own options (those before any subcommand)."""
    parser = Parser(prog="career-quiz", description="Should you become a medical records technician? "
                    "A chat that answers from its sources.", add_help=add_help)
    parser.add_argument("--answers", metavar="FILE", help="start with answers from a .toml or .json file")
    parser.add_argument("--no-save", action="store_true", help="do not save the session (shared computers)")
    parser.add_argument("--advisor", action="store_true", help="show the advisor's trace panel")
    return parser


def build_parser(command: str | None = None) -> Parser:
    """The parser; given the subcommand about to run, only that subcommand's module is imported."""
    parser = _parser()
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    wanted = [SUBCOMMANDS[command]] if command in SUBCOMMANDS else SUBCOMMANDS.values()
    for module_name in dict.fromkeys(wanted):
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        module.register(commands)
    return parser


def app_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The chat app's options when `argv` holds nothing else (`career-quiz`, `career-quiz --no-save`), or None.

    The usual start parses them without the subcommands: building every subcommand's parser (importing their
    modules) took longer than Textual takes to draw its first screen. Anything else, help included, is left to
    `build_parser`, which gives the same result and the same messages.
    """
    try:
        args, rest = _parser(add_help=False).parse_known_args(argv)
    except UsageError:
        return None
    if rest:
        return None
    args.command = None
    return args
