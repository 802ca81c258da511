"""The `career-quiz` command: the chat app by default, headless subcommands for scripts and tests.

Subcommand modules are imported only when chosen, so `career-quiz recommend --json` never pays for Textual.
Usage errors exit 2 with one line naming what was wrong and what is accepted; nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

EXIT_USAGE = 2

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


def run_app(args: argparse.Namespace) -> int:
    """Start the Textual chat app (imported here, never by headless commands)."""
    from tui.app import main as app_main

    return app_main(args)


def run() -> None:
    """The console script: `main`, then, after a headless command, a fast exit.

    A headless command has printed everything when `main` returns; skipping the interpreter's teardown
    (freeing every object one by one) saves about a quarter of its run time. The app exits normally.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if argv and argv[0] in SUBCOMMANDS and argv[0] not in INTERACTIVE:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = app_args(argv) or build_parser(argv[0] if argv else None).parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_app)
        return handler(args)
    except UsageError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # before `Exception`, which would otherwise catch it and re-raise it
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        from knowledge.base import KnowledgeError  # only imported when something went wrong

        if not isinstance(error, KnowledgeError):
            raise
        print(error.report(), file=sys.stderr)  # a broken knowledge base: the same report from every command
        return 1
