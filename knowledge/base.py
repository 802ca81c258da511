"""The verified knowledge base as the program uses it, and the error a broken one raises.

Pydantic-free (standard library and the plain records of knowledge.models only), so that a start from the
snapshot (rules/snapshot.py) never imports pydantic: `knowledge.loader` builds a `KnowledgeBase` from the files
and verifies it; `knowledge.snapshot` rebuilds one from a verified load's JSON.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.models import Career, Citation, Disagreement, FactBase, Source

SPECIALISES = "[specialises]"
"""Key under which `KnowledgeBase.lines` keeps the line of a career's specialisation quote (never a fact id)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base, named precisely enough to fix without a debugger."""

    file: str
    message: str
    career: str | None = None
    fact: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.career:
            where += f" [{self.career}" + (f".{self.fact}" if self.fact else "") + "]"
        return f"{where}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base failed to load; `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem], subject: str = "The knowledge base") -> None:
        self.problems = problems
        self.subject = subject
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{self.subject} has {len(self.problems)} problem(s):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class SourceText:
    """A source text, able to find a quote whitespace-insensitively and say on which line it starts.

    The normalised index is built on the first search, so a knowledge base restored from a snapshot, whose
    quotes are already verified, never pays for it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalised: str | None = None
        self._starts: list[int] = []
        self._lines: list[int] = []

    def _index(self) -> str:
        if self._normalised is None:
            # One entry per line that has words: where that line starts in the normalised text.
            position = 0
            for number, line in enumerate(self.text.split("\n"), start=1):
                words = line.split()
                if words:
                    self._starts.append(position)
                    self._lines.append(number)
                    position += len(" ".join(words)) + 1
            self._normalised = " ".join(self.text.split())
        return self._normalised

    @property
    def normalised(self) -> str:
        return self._index()

    def before(self, quote: str, chars: int = 80) -> str:
        """The (normalised) text just before the quote's first occurrence; empty when it is not found."""
        wanted = " ".join(quote.split())
        index = self._index().find(wanted) if wanted else -1
        return self._normalised[max(0, index - chars):index] if index > 0 and self._normalised else ""

    def find(self, quote: str) -> int | None:
        """The 1-based line where the quote starts, or None when the source does not contain it."""
        wanted = " ".join(quote.split())
        index = self._index().find(wanted)
        if index < 0 or not wanted:
            return None
        return self._lines[bisect_right(self._starts, index) - 1]


@dataclass
class KnowledgeBase:
    """The verified knowledge: sources, careers and where each fact's quote stands in its source."""

    root: Path
    sources: dict[str, Source]
    texts: dict[str, SourceText]
    careers: dict[str, Career]
    lines: dict[tuple[str, str], int]
    disagreements: list[Disagreement] = field(default_factory=list)
    version: str = ""

    @property
    def fact_count(self) -> int:
        return sum(len(c.facts) for c in self.careers.values())

    def facts(self, career: str, kind: str) -> list[FactBase]:
        """The career's facts of one kind, in file order."""
        return [f for f in self.careers[career].facts if f.kind == kind]

    def fact(self, career: str, fact_id: str) -> FactBase:
        for fact in self.careers[career].facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(f"{career}.{fact_id}")

    def citation(self, career: str, fact: FactBase) -> Citation:
        source = self.sources[fact.source]
        return Citation(source=source.id, title=source.title, line=self.lines[(career, fact.id)],
                                        quote=fact.quote, year=fact.year, inferred_year=fact.inferred_year)

    def specialisation_citation(self, career: str) -> Citation | None:
        """Where the sources say this career is a kind of its parent; None when it specialises nothing."""
        relation = self.careers[career].specialises
        if relation is None:
            return None
        source = self.sources[relation.source]
        return Citation(source=source.id, title=source.title, line=self.lines[(career, SPECIALISES)],
                                        quote=relation.quote, year=None)

    def source_path(self, source_id: str) -> Path:
        return self.root / "sources" / f"{source_id}.txt"


def dating(fact: FactBase) -> str:
    """A fact's year as it may be shown: stated, 'undated, 2016 inferred', or 'undated' — never a bare guess."""
    if fact.year is not None:
        return str(fact.year)
    if fact.inferred_year is not None:
        return f"undated, {fact.inferred_year} inferred"
    return "undated"
