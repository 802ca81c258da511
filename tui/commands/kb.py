"""`career-quiz kb check|show` and `career-quiz sources`: look at the knowledge base without the chat app.

Only argparse and the standard library are imported here, because `tui.cli` imports this module to build its
parser for every command; the knowledge loader (and pydantic) is imported inside the handlers that need it.
Output is plain text: source quotes go to the terminal as they are, never through a markup renderer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.models import Career

Handler = Callable[[argparse.Namespace], int]

EXIT_BROKEN_KB = 1
EXIT_USAGE = 2


class BrokenKnowledgeBase(Exception):
    """The knowledge base did not load; the message is the full report of its problems."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `kb` and `sources` subcommands to the `career-quiz` parser."""
    kb = subparsers.add_parser("kb", help="check the knowledge base or show one career's facts",
                               description="Check the knowledge base or show one career's facts.")
    actions = kb.add_subparsers(dest="kb_action", metavar="{check,show}", required=True)

    check = actions.add_parser("check", help="load the knowledge base, prove every quote, print counts",
                               description="Load the knowledge base, prove every quote and number against its "
                                           "source, and print what was checked.")
    check.add_argument("--kb", metavar="DIR", type=Path,
                       help="a knowledge base folder (sources.toml, sources/, careers/); the built-in one by default")
    check.set_defaults(handler=_guarded(check_command))

    show = actions.add_parser("show", help="show one career's facts with their sources",
                              description="Show one career's facts, grouped by kind, each with its source and quote.")
    show.add_argument("career", metavar="CAREER", help="a career id, name or alias (e.g. MRT, LPN, coder)")
    show.add_argument("--kb", metavar="DIR", type=Path, help="a knowledge base folder instead of the built-in one")
    show.set_defaults(handler=_guarded(show_command))

    sources = subparsers.add_parser("sources", help="list the source documents",
                                    description="List the source documents every claim is quoted from.")
    sources.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    sources.set_defaults(handler=_guarded(sources_command))


def _guarded(command: Handler) -> Handler:
    """Wrap a handler so a broken knowledge base prints its report and exits 1, never a traceback."""

    def handler(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenKnowledgeBase as error:
            print(str(error), file=sys.stderr)
            return EXIT_BROKEN_KB

    handler.__doc__ = command.__doc__
    return handler


def _load(folder: Path | None) -> KnowledgeBase:
    """The knowledge base at `folder` (the built-in one when None), or BrokenKnowledgeBase with the report."""
    from knowledge.loader import KnowledgeError, builtin, load

    try:
        return builtin() if folder is None else load(folder)
    except KnowledgeError as error:
        raise BrokenKnowledgeBase(error.report()) from None
    except (OSError, UnicodeDecodeError) as error:
        # The loader reports bad files itself; this catches what slips past it (unreadable or non-UTF-8 files).
        raise BrokenKnowledgeBase(f"The knowledge base could not be read: {error}") from None


def check_command(args: argparse.Namespace) -> int:
    """Load and verify a knowledge base; print what was checked and where the sources disagree."""
    kb = _load(args.kb)
    year_quotes = sum(1 for career in kb.careers.values() for fact in career.facts if fact.year_quote)
    print(f"Knowledge base OK: {kb.root} (version {kb.version})")
    print(f"  careers: {len(kb.careers)}")
    print(f"  facts: {kb.fact_count}")
    print(f"  sources: {len(kb.sources)}")
    print(f"  quotes verified: {kb.fact_count + year_quotes} ({kb.fact_count} fact quotes, {year_quotes} year quotes)")
    print(f"  disagreements found: {len(kb.disagreements)}")
    for disagreement in kb.disagreements:
        print(f"    - {disagreement.career}, {disagreement.topic}: {' | '.join(disagreement.values)}")
    return 0


def _key(name: str) -> str:
    """Names compared leniently: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_\-]+", " ", name).strip().casefold()


def find_career(kb: KnowledgeBase, wanted: str) -> Career | None:
    """The career whose id, name or alias matches `wanted` leniently, or None."""
    key = _key(wanted)
    for career in kb.careers.values():
        if key in {_key(career.id), _key(career.name), *(_key(alias) for alias in career.aliases)}:
            return career
    return None


def show_command(args: argparse.Namespace) -> int:
    """Print one career's facts grouped by kind, each with its year, source, line and quote."""
    from knowledge.base import dating
    from knowledge.inheritance import said_of
    from knowledge.models import FACT_KINDS
    from rules.text import visible

    kb = _load(args.kb)
    career = find_career(kb, args.career)
    if career is None:
        print(f"career-quiz: unknown career '{visible(args.career)}' (known: {', '.join(sorted(kb.careers))}; "
              "a name or alias such as MRT also works)", file=sys.stderr)
        return EXIT_USAGE
    print(f"{career.name} ({career.id})")
    if career.aliases:
        print(f"Also called: {', '.join(career.aliases)}")
    if career.thin:
        print(f"Thin: {career.thin_note or 'the sources say little about this career.'}")
    relation = career.specialises
    if relation is not None:
        citation = kb.specialisation_citation(career.id)
        print(f"Specialises: {kb.careers[relation.parent].name} ({relation.parent}) — "
              f"{kb.sources[relation.source].title}, line {citation.line if citation else '?'}:")
        print(f"  \"{relation.quote}\"")
        own = {fact.kind for fact in career.facts}
        borrowed = [kind for kind in relation.inherits if kind not in own]
        if borrowed:
            print(f"  Has no facts of its own of these kinds, so uses the parent's ({said_of(kb, relation.parent)}): "
                  f"{', '.join(kind.replace('_', ' ') for kind in borrowed)}")
        if relation.note:
            print(f"  our note: {relation.note}")
    order = {kind: index for index, kind in enumerate(FACT_KINDS)}
    kinds = sorted({fact.kind for fact in career.facts}, key=lambda kind: order.get(kind, len(order)))
    for kind in kinds:
        print()
        print(f"{kind.replace('_', ' ')}:")
        for fact in kb.facts(career.id, kind):
            citation = kb.citation(career.id, fact)
            print(f"  - {fact.summary()} ({dating(fact)})  [{fact.id}]")
            print(f"    {citation.title}, line {citation.line}:")
            print(f"    \"{citation.quote}\"")
            if fact.year_quote:
                print(f"    {'dated' if fact.year is not None else 'year inferred from'}: \"{fact.year_quote}\"")
            exam_quote = getattr(fact, "exam_quote", None)
            if exam_quote:
                print(f"    exam: \"{exam_quote}\" ({getattr(fact, 'exam_source', None) or fact.source})")
            if fact.note:
                print(f"    our note: {fact.note}")
    if not career.facts:
        print("\nNo facts.")
    return 0


def sources_command(args: argparse.Namespace) -> int:
    """List the source documents: as JSON for scripts, or as a readable list."""
    kb = _load(None)
    rows = [{"id": source.id, "title": source.title, "publisher": source.publisher,
             "path": str(kb.source_path(source.id).resolve()), "years": list(source.years)}
            for source in kb.sources.values()]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        print(f"{row['id']}: {row['title']}")
        details = [f"publisher: {row['publisher']}"] if row["publisher"] else []
        details.append("data years: " + (", ".join(map(str, row["years"])) if row["years"] else "none stated"))
        print(f"    {'; '.join(details)}")
        print(f"    {row['path']}")
    return 0
