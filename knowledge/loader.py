"""Load the knowledge base and prove it: every quote is in its source, every number in its quote, every link real.

All problems are gathered into one `KnowledgeError` (file, career, fact, what is wrong) so that a broken
knowledge base is fixed in one pass, never one traceback at a time.

This is the file boundary: each TOML file is validated by pydantic straight into the plain records of
knowledge.models. A start from a current snapshot never imports this module (nor pydantic); the shapes it
returns and raises live in knowledge.base and are re-exported here for callers that load.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from knowledge import PACKAGE_DIR
from knowledge.base import SPECIALISES, KnowledgeBase, KnowledgeError, Problem, SourceText, dating
from knowledge.files import FileProblem, decode, parse_toml, read_bytes
from knowledge.models import (
    FACT_KINDS, Career, CredentialFact, Disagreement, Fact, FactBase, LinkFact, Source, SourcesFile, Specialisation,
)
from knowledge.meaning import comparison_targets, exam_consistency, fact_problems
from knowledge.numbers import numbers_in, supports
from knowledge.regions import locate

FILE_LIMIT = 4 * 1024 * 1024
"""Bytes any one knowledge file may have (the largest is about 64 KB); a bigger one is reported, not read."""


__all__ = ["SPECIALISES", "KnowledgeBase", "KnowledgeError", "Problem", "SourceText", "builtin", "dating", "load",
           "read_toml", "validation_message"]

UNKNOWN_KEY = "unknown key (not accepted here)"


@cache
def _adapter(shape: object) -> TypeAdapter:
    """The validator of one record (or union of records), built on first use: only a full load needs it."""
    return TypeAdapter(shape)


def _career_adapter() -> TypeAdapter[Career]:
    return _adapter(Career)


def _fact_adapter() -> TypeAdapter[Fact]:
    return _adapter(Fact)


def validation_message(item: dict) -> str:
    """One pydantic error's message in our words: a key a record does not have is an unknown key."""
    if item["type"] in {"unexpected_keyword_argument", "extra_forbidden"}:
        return UNKNOWN_KEY
    return item["msg"]


def _valid_parts(data: dict, career_id: str) -> Career:
    """After a career file failed validation: the career with only the facts that are valid on their own, so
    their quotes are still checked and links to this career are not reported as dangling (record by record)."""
    facts = []
    for raw in data.get("facts") or []:
        try:
            facts.append(_fact_adapter().validate_python(raw))
        except ValidationError:
            continue
    return Career(id=career_id, name=str(data.get("name", career_id)), facts=facts)


def _read_text(path: Path) -> str:
    """A source text: a regular file of at most FILE_LIMIT bytes, UTF-8 (FileProblem, OSError)."""
    return decode(read_bytes(path, FILE_LIMIT))


def _read_toml(path: Path, problems: list[Problem], label: str | None = None,
               raw: list[bytes] | None = None) -> dict | None:
    """Parse one TOML file; any problem is recorded under `label` (the file as the report names it)."""
    label = label or path.name
    try:
        data = read_bytes(path, FILE_LIMIT)
    except FileProblem as problem:
        problems.append(Problem(label, f"cannot read: {str(problem).removeprefix('is ')}"))
        return None
    except OSError as error:
        problems.append(Problem(label, f"cannot read: {error.strerror or error}"))
        return None
    if raw is not None:
        raw.append(data)
    try:
        text = decode(data)
    except FileProblem:
        problems.append(Problem(label, "not UTF-8 text (save the file as UTF-8)"))
        return None
    try:
        return parse_toml(text)
    except FileProblem as problem:
        message = str(problem)
        problems.append(Problem(label, message.replace("is not valid TOML: ", "malformed TOML: ", 1)))
    return None


def read_toml(path: Path, problems: list[Problem]) -> dict | None:
    """Any TOML data file (rules, questions) read as the knowledge files are: a regular file under the size
    limit, BOM allowed, duplicate keys and deep nesting refused; a problem is recorded, never raised."""
    return _read_toml(path, problems)


def _validation_problems(file: str, error: ValidationError, career: str | None, data: dict) -> list[Problem]:
    """Turn pydantic errors into problems that name the fact by its id, not its list index."""
    found = []
    for item in error.errors(include_url=False):
        location = list(item["loc"])
        fact = None
        if len(location) >= 2 and location[0] == "facts" and isinstance(location[1], int):
            facts = data.get("facts") or []
            raw = facts[location[1]] if location[1] < len(facts) else {}
            fact = raw.get("id") if isinstance(raw, dict) else None
            fact = fact or f"facts[{location[1]}]"
            location = location[2:]
            if location and location[0] in FACT_KINDS:
                location = location[1:]
        key = ".".join(str(part) for part in location)
        found.append(Problem(file, f"{key + ': ' if key else ''}{validation_message(item)}", career, fact))
    return found


def _load_sources(root: Path, problems: list[Problem]) -> tuple[dict[str, Source], dict[str, SourceText]]:
    data = _read_toml(root / "sources.toml", problems)
    if data is None:
        return {}, {}
    try:
        table = _adapter(SourcesFile).validate_python(data)
    except ValidationError as error:
        problems.extend(_validation_problems("sources.toml", error, None, data))
        return {}, {}
    sources: dict[str, Source] = {}
    texts: dict[str, SourceText] = {}
    for source in table.sources:
        if source.id in sources:
            problems.append(Problem("sources.toml", f"duplicate source id '{source.id}'"))
            continue
        path = root / "sources" / f"{source.id}.txt"
        try:
            text = _read_text(path)
        except FileProblem as problem:
            problems.append(Problem("sources.toml", f"source '{source.id}': sources/{path.name} "
                                    + ("is not UTF-8 text" if "UTF-8" in str(problem) else str(problem))))
            continue
        except OSError:
            problems.append(Problem("sources.toml", f"source '{source.id}' has no text at sources/{path.name}"))
            continue
        first_line = text.split("\n", 1)[0].strip()
        if source.title != first_line:
            problems.append(Problem("sources.toml", f"title of '{source.id}' is not its first line "
                                                    f"('{first_line}')"))
        for message in locate(source, text)[1]:
            problems.append(Problem("sources.toml", message))
        sources[source.id] = source
        texts[source.id] = SourceText(text)
    return sources, texts


def _check_not_content(careers: dict[str, Career], career_files: dict[str, str], sources: dict[str, Source],
                       texts: dict[str, SourceText], lines: dict[tuple[str, str], int]) -> list[Problem]:
    """No fact may quote a region marked as not content (an advertisement, a form, navigation, a listing)."""
    found: list[Problem] = []
    marked = {source_id: locate(source, texts[source_id].text)[0] for source_id, source in sources.items()
              if source_id in texts}
    for career in careers.values():
        for fact in career.facts:
            line = lines.get((career.id, fact.id))
            for first, last, kind in marked.get(fact.source, []):
                if line is not None and first <= line <= last:
                    found.append(Problem(career_files[career.id], f"quotes a region of '{fact.source}' marked as "
                                         f"not content ({kind}, lines {first}–{last})", career.id, fact.id))
    return found


def _check_fact(file: str, career: Career, fact: FactBase, sources: dict[str, Source],
                texts: dict[str, SourceText], lines: dict[tuple[str, str], int]) -> list[Problem]:
    found: list[Problem] = []

    def problem(message: str) -> None:
        found.append(Problem(file, message, career.id, fact.id))

    if fact.source not in sources:
        problem(f"unknown source '{fact.source}' (known: {', '.join(sorted(sources)) or 'none'})")
        return found
    text = texts[fact.source]
    line = text.find(fact.quote)
    if line is None:
        problem(f"quote not found in source '{fact.source}': \"{fact.quote[:80]}\"")
    else:
        lines[(career.id, fact.id)] = line
    stated = numbers_in(fact.quote)
    for value, unit in fact.numbers():
        if not supports(value, unit, stated):
            problem(f"number {value:g} ({unit}) is not in the quote \"{fact.quote[:80]}\"")
    if fact.year_quote is not None:
        if text.find(fact.year_quote) is None:
            problem(f"year_quote not found in source '{fact.source}': \"{fact.year_quote[:80]}\"")
        dated = fact.year if fact.year is not None else fact.inferred_year
        if dated is None or float(dated) not in numbers_in(fact.year_quote):
            problem(f"year {dated} is not in the year_quote \"{fact.year_quote[:80]}\"")
    elif fact.year is not None and float(fact.year) not in stated:
        problem(f"year {fact.year} is not stated by the quote and no year_quote dates it; when the text gives no "
                f"year, leave year unset (and give inferred_year with a note saying why, if you must)")
    if fact.inferred_year is not None:
        if fact.year is not None:
            problem("give year (stated by the text) or inferred_year (our inference), not both")
        if not fact.note:
            problem("inferred_year needs a note saying why that year")
        if fact.year_quote is None and fact.inferred_year not in sources[fact.source].years:
            problem(f"inferred_year {fact.inferred_year} is neither in a year_quote nor among the source's years")

    def found_in(source: str, span: str) -> bool:
        return source in texts and texts[source].find(span) is not None

    before = text.before(fact.quote) if line is not None else ""
    for message in fact_problems(fact, before, found_in):
        problem(message)
    return found


def _check_specialisation(file: str, career: Career, sources: dict[str, Source],
                           texts: dict[str, SourceText], lines: dict[tuple[str, str], int]) -> list[Problem]:
    """The relation's own checks: its quote is in its source and it names real fact kinds, each once."""
    relation = career.specialises
    if relation is None:
        return []
    found: list[Problem] = []

    def problem(message: str) -> None:
        found.append(Problem(file, f"specialises: {message}", career.id))

    if relation.parent == career.id:
        problem("a career cannot specialise itself")
    unknown = [kind for kind in relation.inherits if kind not in FACT_KINDS]
    if unknown:
        problem(f"inherits unknown fact kind(s) {', '.join(repr(k) for k in unknown)} "
                f"(known: {', '.join(FACT_KINDS)})")
    repeated = sorted({kind for kind in relation.inherits if relation.inherits.count(kind) > 1})
    if repeated:
        problem(f"inherits lists {', '.join(repr(k) for k in repeated)} more than once")
    if relation.source not in sources:
        problem(f"unknown source '{relation.source}' (known: {', '.join(sorted(sources)) or 'none'})")
        return found
    line = texts[relation.source].find(relation.quote)
    if line is None:
        problem(f"quote not found in source '{relation.source}': \"{relation.quote[:80]}\"")
    else:
        lines[(career.id, SPECIALISES)] = line
    return found


def _check_specialisation_links(careers: dict[str, Career], career_files: dict[str, str]) -> list[Problem]:
    """Every parent exists, and following parents never comes back to where it started."""
    found: list[Problem] = []
    for career_id, career in careers.items():
        relation: Specialisation | None = career.specialises
        if relation is None or relation.parent == career_id:
            continue
        if relation.parent not in careers:
            found.append(Problem(career_files[career_id], f"specialises: unknown parent career '{relation.parent}' "
                                 f"(known: {', '.join(sorted(careers))})", career_id))
            continue
        path = [career_id]
        current = relation.parent
        while current in careers and current not in path:
            path.append(current)
            parent = careers[current].specialises
            current = parent.parent if parent is not None else ""
        if current == career_id:
            found.append(Problem(career_files[career_id], "specialises: cycle "
                                 + " -> ".join([*path, career_id]), career_id))
    return found


def _disagreements(careers: dict[str, Career]) -> list[Disagreement]:
    """Group facts that speak of the same thing and keep every group whose values differ."""
    found: list[Disagreement] = []
    for career in careers.values():
        groups: dict[str, list[FactBase]] = {}
        for fact in career.facts:
            topic = _topic(fact)
            if topic:
                groups.setdefault(topic, []).append(fact)
        for topic, facts in groups.items():
            by_value: dict[str, list[FactBase]] = {}
            for fact in facts:
                by_value.setdefault(_comparable(fact), []).append(fact)
            if len(by_value) < 2:
                continue
            # Identical values are one side of the disagreement, not two: each value is listed once, by its first
            # fact, with the other facts that give the same value named beside it.
            values = []
            for same in by_value.values():
                also = "; ".join(f"{dating(f)}, {f.source}" for f in same[1:])
                values.append(f"{same[0].summary()} ({dating(same[0])}, {same[0].source}"
                              + (f"; the same value also: {also}" if also else "") + ")")
            found.append(Disagreement(career=career.id, topic=topic, facts=[same[0].id for same in by_value.values()],
                                      values=values))
    return found


def _topic(fact: FactBase) -> str | None:
    kind = fact.kind
    if kind == "pay":
        return "pay " + " ".join(x for x in (fact.statistic, fact.industry, fact.level) if x)  # type: ignore[attr-defined]
    if kind == "employment":
        return "projected employment" if fact.projected else "employment"  # type: ignore[attr-defined]
    if kind in {"growth", "schedule", "patient_contact", "computer_time", "remote_work"}:
        return kind.replace("_", " ")
    return None


def _comparable(fact: FactBase) -> str:
    if fact.kind == "pay":
        return str(fact.amount)  # type: ignore[attr-defined]
    if fact.kind == "growth":
        return f"{fact.percent:g}"  # type: ignore[attr-defined]
    if fact.kind == "employment":
        return f"{fact.jobs} {fact.projected}"  # type: ignore[attr-defined]
    return fact.summary()


def load(root: Path | str | None = None) -> KnowledgeBase:
    """Load and verify the knowledge base at `root` (the built-in one by default); raise KnowledgeError."""
    root = Path(root) if root is not None else PACKAGE_DIR
    problems: list[Problem] = []
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), "not a folder (expected sources.toml, sources/, careers/)")])
    sources, texts = _load_sources(root, problems)
    careers: dict[str, Career] = {}
    career_files: dict[str, str] = {}
    lines: dict[tuple[str, str], int] = {}
    digest = hashlib.sha256()
    career_paths = sorted((root / "careers").glob("*.toml"))
    if not career_paths:
        problems.append(Problem("careers/", "no career files (*.toml)"))
    for path in career_paths:
        file = f"careers/{path.name}"
        raw: list[bytes] = []
        data = _read_toml(path, problems, file, raw)
        for chunk in raw:
            digest.update(chunk)
        if data is None:
            continue
        career_id = data.get("id") if isinstance(data.get("id"), str) else path.stem
        try:
            career = _career_adapter().validate_python(data)
        except ValidationError as error:
            problems.extend(_validation_problems(file, error, career_id, data))
            career = _valid_parts(data, career_id)  # its valid facts are still checked; problems are raised below
        if career.id in careers:
            problems.append(Problem(file, f"duplicate career id (also in {career_files[career.id]})", career.id))
            continue
        seen: set[str] = set()
        for fact in career.facts:
            if fact.id in seen:
                problems.append(Problem(file, "duplicate fact id", career.id, fact.id))
            seen.add(fact.id)
            problems.extend(_check_fact(file, career, fact, sources, texts, lines))
        problems.extend(_check_specialisation(file, career, sources, texts, lines))
        careers[career.id] = career
        career_files[career.id] = file
    for career_id, career in careers.items():
        for fact in career.facts:
            if isinstance(fact, LinkFact) and fact.career is not None and fact.career not in careers:
                problems.append(Problem(career_files[career_id], f"links to unknown career '{fact.career}'",
                                        career_id, fact.id))
    problems.extend(_check_specialisation_links(careers, career_files))
    problems.extend(_check_not_content(careers, career_files, sources, texts, lines))
    credentials = [(career_id, fact) for career_id, career in careers.items() for fact in career.facts
                   if isinstance(fact, CredentialFact)]
    for career_id, fact_id, message in exam_consistency(credentials):
        problems.append(Problem(career_files[career_id], message, career_id, fact_id))
    for career_id, career in careers.items():
        for fact in career.facts:
            for message in comparison_targets(fact, careers):
                problems.append(Problem(career_files[career_id], message, career_id, fact.id))
    if problems:
        raise KnowledgeError(problems)
    for source_id in sorted(texts):
        digest.update(texts[source_id].text.encode())
    return KnowledgeBase(root=root, sources=sources, texts=texts, careers=careers, lines=lines,
                         disagreements=_disagreements(careers), version=digest.hexdigest()[:12])


@cache
def builtin() -> KnowledgeBase:
    """The built-in knowledge base, loaded once per process."""
    return load()
