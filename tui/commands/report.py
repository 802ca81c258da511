"""`career-quiz report`: write the recommendation for a set of answers to a Markdown or HTML file.

For advisors: the file holds every reason with its quote and ends with the command that reproduces the
session. Module level imports only the standard library; the brain and jinja2 are imported in the handler.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_USAGE = 2
REPORT_MODE = 0o644
"""A report written with -o is an ordinary document the advisor may share (the app's own exports are 0600)."""


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write the recommendation, every reason and its quote to a .md or .html file",
        description="Write the recommendation for a set of answers, with every reason and its quote, the "
                    "comparison of the top careers and the sources, to a Markdown (.md) or HTML (.html) file.")
    report.add_argument("--answer", action="append", default=[], metavar="ID=VALUE",
                        help="an answer, e.g. pay_min=40000 (repeatable; wins over --answers)")
    report.add_argument("--answers", dest="answers_file", metavar="FILE",
                        help="a .toml or .json file with a flat table of question id = value")
    report.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="where to write the report; its extension (.md or .html) picks the format")
    report.set_defaults(handler=run_report)


def _fail(message: str) -> int:
    print(f"career-quiz: {message}", file=sys.stderr)
    return EXIT_USAGE


def _write(path: Path, text: str) -> str | None:
    """Replace the report all at once (a temporary file renamed into place, so a full disk or a kill leaves the
    old report whole and no partial one); on failure, one line saying why (never a traceback)."""
    from knowledge.files import shown, sweep, write_atomic

    sweep(path.parent, f".{path.name}.")  # left by a report -o that was killed while writing
    named = f"cannot write the report to '{shown(path)}'"
    if path.is_dir():
        return f"{named}: it is a folder; give a file name ending in .md or .html"
    if not path.parent.is_dir():
        return f"{named}: the folder '{shown(path.parent)}' does not exist"
    try:
        write_atomic(path, text, prefix=f".{path.name}.", mode=REPORT_MODE)
    except PermissionError:
        return f"{named}: permission denied"
    except OSError as error:
        return f"{named}: {error.strerror or error}"
    return None


def run_report(args: argparse.Namespace) -> int:
    from tui.report import FORMATS

    path = Path(args.output)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        from knowledge.files import shown

        return _fail(f"-o '{shown(args.output)}' must end in .md (Markdown) or .html (a web page)")
    from tui.commands.decide import load_answers

    engine, answers, status = load_answers(args)
    if engine is None:
        return status
    from tui.report import ReportError, render_report

    try:
        text = render_report(engine, answers, fmt)
    except ReportError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return 1
    problem = _write(path, text)
    if problem:
        return _fail(problem)
    from knowledge.files import shown

    print(f"Report written to {shown(path.absolute())}")
    return 0
