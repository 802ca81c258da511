"""The question reader's vocabulary (rules/vocabulary.toml): topics, operations, career words, terms, spellings.

Loaded once, validated with pydantic, and compiled into word-stem phrases. Every problem in the file is
reported at once as `vocabulary.toml: dotted.key: message`, never as a traceback. Phrases are stemmed with the
same light stemmer the passage search uses (see the README's design notes for why not Snowball).

The file's shapes are plain records (knowledge.records): pydantic validates the TOML into them, and the
validated file is kept in the cache folder (rules/verified.py), so a later start builds them from JSON without
importing pydantic or tomllib.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from knowledge.models import FACT_KINDS
from knowledge.records import Check, Record, record
from rules.search import STOPWORDS, stem

PATH = Path(__file__).with_name("vocabulary.toml")
WILDCARD = "*"
MAX_WILDCARD = 5
"""How many words a "*" in a phrase may stand for."""
_TOKEN = re.compile(r"\$+|[a-z0-9]+")
_INITIALS = re.compile(r"\b([a-z])\.([a-z])\.?")


Words = Annotated[list[str], Check(min_length=1)]


@record
class TopicEntry(Record):
    """One topic a question can be about, the facts that answer it, and the words that name it."""

    label: Annotated[str, Check(min_length=1)]
    kinds: Words
    words: list[str] = field(default_factory=list)
    within: str | None = None
    refines: str | None = None
    match: list[str] = field(default_factory=list)
    needs: str | None = None
    statistics: list[str] = field(default_factory=list)
    industry: bool | None = None
    level: bool | None = None
    rank: str = ""
    better: Literal["high", "low"] = "high"
    passage: bool = False
    always: list[str] = field(default_factory=list)
    """Fact kinds that answer the topic whatever their words: `match` filters only the other kinds."""
    sides: bool = False
    """The answer sorts facts by the pros/cons heading their quote stands under (rules.sides)."""
    quiz: list[str] = field(default_factory=list)
    """Quiz question ids whose answers speak of this topic (see rules.intents.asks_about_careers)."""
    lead: str = ""
    """Said before the facts, when the sources answer the question only in part ("The sources rank no schools")."""

    def __post_init__(self) -> None:
        unknown = [k for k in [*self.kinds, *self.always] if k != "*" and k not in FACT_KINDS]
        if unknown:
            raise ValueError(f"unknown fact kind(s) {', '.join(unknown)} (known: {', '.join(FACT_KINDS)})")


@record
class Operations(Record):
    """Cue words for each operation a question may ask for (yes/no, define, compare, rank …)."""

    yes_no: list[str]
    define: list[str]
    how_to: list[str]
    overview: list[str]
    compare: list[str]
    rank: list[str]
    selectors: list[str]
    high: list[str]
    low: list[str]
    best: list[str]
    follow_up: list[str]
    pronouns: list[str]
    all_careers: list[str]
    against: list[str] = field(default_factory=list)
    judge: list[str] = field(default_factory=list)
    """Words asking whether a figure is a lot ("is that a lot?", "is that good pay?"): the sources never say, so
    the answer puts the figure beside the other careers'."""
    ranked_first: list[str] = field(default_factory=list)
    """Words pointing at the career a ranking just put first ("what about that one?", "the top one")."""
    usual: list[str] = field(default_factory=list)
    """Words asking what is usual ("what's normal for this job?"): they ask for the topic's figures themselves
    and are no topic of their own."""
    limits: list[str] = field(default_factory=list)
    """Words that bound a quantity ("at least 40k", "2 years max", "no more than a year"): next to a quantity
    they state an answer's limit and rank nothing, though "least", "max" and "more" are also superlatives."""
    choose: list[str] = field(default_factory=list)
    """Words asking which career to choose ("what's a good job for me"): like "what should I be", and their
    words are no topic ("good job" alone asks about the job outlook)."""


@record
class CareerWords(Record):
    """Words such as "techs" and the careers they may mean."""

    words: Words
    careers: Words


@record
class Term(Record):
    """A glossary term, its expansion and other spellings, and the topic it belongs to."""

    term: Annotated[str, Check(min_length=2)]
    expansion: Annotated[str, Check(min_length=2)]
    also: list[str] = field(default_factory=list)
    topic: str


@record
class VocabularyFile(Record):
    """vocabulary.toml as a whole."""

    default_career: str
    topics: dict[str, TopicEntry]
    operations: Operations
    career_words: list[CareerWords] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    other_jobs: list[str] = field(default_factory=list)
    """Jobs the sources do not cover ("software engineer"): a question about one is not about our careers."""
    related_words: dict[str, list[str]] = field(default_factory=dict)
    """A question's word → words the sources use for it; they order a topic's facts (rules.answerer)."""
    respellings: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, topic in self.topics.items():
            for key in ("within", "refines"):
                other = getattr(topic, key)
                if other is not None and other not in self.topics:
                    raise ValueError(f"topics.{name}.{key}: no topic '{other}'")
        for index, term in enumerate(self.terms):
            if term.topic not in self.topics:
                raise ValueError(f"terms[{index}].topic: no topic '{term.topic}'")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> VocabularyFile:
        """Rebuild from `asdict` of a validated one (the kept copy): constructors only, no validation."""
        return cls(**{**data, "topics": {name: TopicEntry(**entry) for name, entry in data["topics"].items()},
                      "operations": Operations(**data["operations"]),
                      "career_words": [CareerWords(**entry) for entry in data["career_words"]],
                      "terms": [Term(**term) for term in data["terms"]]})


class VocabularyError(Exception):
    """The vocabulary file failed to load; `problems` lists every reason as 'file: key: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("The question vocabulary has problems:\n" + "\n".join(f"  - {p}" for p in problems))


# --------------------------------------------------------------------------------------------- words

def tokens(text: str, respellings: dict[str, str] | None = None) -> list[str]:
    """Lower-case words as a student typed them: apostrophes dropped ("what's" → "whats"), initials joined
    ("a.i." → "ai"), hyphens split ("x-ray" → "x", "ray"), chat spellings read as meant ("hw" → "how")."""
    lowered = text.lower().replace("’", "").replace("'", "")
    lowered = _INITIALS.sub(r"\1\2", lowered)
    words = _TOKEN.findall(lowered)
    if not respellings:
        return words
    out: list[str] = []
    for word in words:
        out += respellings.get(word, word).split()
    return out


_WORDS = re.compile(r"[A-Za-z]+")


def respell(text: str, respellings: dict[str, str]) -> str:
    """The text with chat spellings written out ("i wanna help ppl" → "i want to help people") and all else
    as typed: what an answer is read from, as `tokens` is for a question."""
    return _WORDS.sub(lambda m: respellings.get(m.group().lower(), m.group()), text)


def stems(words: list[str]) -> list[str]:
    return ["$" if w.startswith("$") else stem(w) for w in words]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase of the vocabulary as stems; "*" stands for one to MAX_WILDCARD words."""

    stems: tuple[str, ...]
    text: str
    weight: float

    def matches(self, words: list[str]) -> list[tuple[int, int, tuple[int, ...]]]:
        """Every place the phrase stands in `words`: (start, end, positions of its own words)."""
        found = []
        for start in range(len(words)):
            if words[start] != self.stems[0]:
                continue
            end = _match(self.stems, 1, words, start + 1, [start])
            if end is not None:
                found.append((start, end[0], tuple(end[1])))
        return found


def _match(pattern: tuple[str, ...], p: int, words: list[str], w: int, used: list[int]):
    if p == len(pattern):
        return w, used
    if pattern[p] == WILDCARD:
        for skip in range(1, MAX_WILDCARD + 1):
            if w + skip > len(words):
                break
            end = _match(pattern, p + 1, words, w + skip, used)
            if end is not None:
                return end
        return None
    if w < len(words) and words[w] == pattern[p]:
        return _match(pattern, p + 1, words, w + 1, used + [w])
    return None


def phrase(text: str, respellings: dict[str, str] | None = None) -> Phrase:
    words = [WILDCARD if w == WILDCARD else w for w in _phrase_words(text, respellings)]
    stemmed = tuple(w if w == WILDCARD else s for w, s in zip(words, stems(words)))
    meaningful = sum(1 for w in words if w != WILDCARD and w not in STOPWORDS)
    return Phrase(stems=stemmed, text=text, weight=float(meaningful) if meaningful else 0.5)


def _phrase_words(text: str, respellings: dict[str, str] | None) -> list[str]:
    parts = []
    for chunk in text.split(WILDCARD):
        parts.append(tokens(chunk, respellings) if chunk.strip() or chunk == "" else [])
    words: list[str] = []
    for index, part in enumerate(parts):
        words += part
        if index < len(parts) - 1:
            words.append(WILDCARD)
    return words


def fact_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A case-insensitive whole-word pattern for a topic's `match` list ("automat*" = any ending)."""
    if not words:
        return None
    parts = [re.escape(w).replace(r"\*", r"\w*") for w in words]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.I)


def other_jobs_pattern(jobs: list[str]) -> re.Pattern[str] | None:
    """Whole words, plural allowed ("rns", "software engineers"), never before "office" or "practice"."""
    if not jobs:
        return None
    parts = sorted((r"\s+".join(re.escape(w) for w in job.lower().split()) for job in jobs), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?:s|es|'s|s')?(?![\w-])(?!(?:'?s'?)?\W{0,3}\s*(?:office|practice))", re.I)


# --------------------------------------------------------------------------------------------- compiled

@dataclass(frozen=True)
class Topic:
    name: str
    entry: TopicEntry
    phrases: tuple[Phrase, ...]
    pattern: re.Pattern[str] | None

    @property
    def label(self) -> str:
        return self.entry.label


@dataclass(frozen=True)
class Vocabulary:
    """The compiled vocabulary: what the reader matches against."""

    data: VocabularyFile
    topics: dict[str, Topic]
    operations: dict[str, tuple[Phrase, ...]]
    career_words: tuple[tuple[Phrase, tuple[str, ...]], ...]
    terms: tuple[tuple[Phrase, Term], ...]
    other_jobs: re.Pattern[str] | None
    """Finds a job the sources do not cover (see `other_jobs_pattern`)."""
    known: frozenset[str]
    """Every stem the vocabulary uses: words a typo may be corrected to."""

    @property
    def default_career(self) -> str:
        return self.data.default_career

    @property
    def respellings(self) -> dict[str, str]:
        return self.data.respellings

    def related(self, word_stems: set[str]) -> set[str]:
        """The stems of the words the sources use for these question words ("bore" → "repetit", "monoton")."""
        found: set[str] = set()
        for word, others in self.data.related_words.items():
            if stem(word) in word_stems:
                found |= {stem(w) for other in others for w in tokens(other)}
        return found

    def asks_after(self, word_stems: set[str]) -> bool:
        """Whether the stems hold a word the vocabulary relates to the sources' words ("hard", "boring"): a
        quality asked of the subject in hand ("is it hard?" at the exam question), not an unknown topic."""
        return any(stem(word) in word_stems for word in self.data.related_words)

    def quiz_questions(self, topic: str) -> frozenset[str]:
        """The quiz questions whose answers speak of a topic, a refinement sharing its wider topic's."""
        found: set[str] = set()
        seen: set[str] = set()
        name: str | None = topic
        while name is not None and name in self.topics and name not in seen:
            seen.add(name)
            entry = self.topics[name].entry
            found.update(entry.quiz)
            name = entry.within or entry.refines
        return frozenset(found)

    def topic_of_question(self, question_id: str) -> str | None:
        """The topic a quiz question asks about (the first that names it in `quiz`): "what's normal?" typed at
        the pay question is about pay."""
        return next((name for name, topic in self.topics.items() if question_id in topic.entry.quiz), None)

    def problems_with(self, career_ids: set[str]) -> list[str]:
        """Careers the vocabulary names that the knowledge base does not have."""
        found = []
        if self.data.default_career not in career_ids:
            found.append(f"vocabulary.toml: default_career: no career '{self.data.default_career}'")
        for index, entry in enumerate(self.data.career_words):
            for career in entry.careers:
                if career not in career_ids:
                    found.append(f"vocabulary.toml: career_words[{index}].careers: no career '{career}'")
        return found


def compile_vocabulary(data: VocabularyFile, stemmed: dict[str, Phrase] | None = None) -> Vocabulary:
    """The vocabulary compiled; `stemmed` holds phrases already stemmed (from the kept copy), by their text."""
    spell = data.respellings
    done = stemmed or {}

    def make(text: str) -> Phrase:
        found = done.get(text)
        return found if found is not None else phrase(text, spell)

    topics = {name: Topic(name, entry, tuple(make(w) for w in entry.words), fact_pattern(entry.match))
              for name, entry in data.topics.items()}
    operations = {name: tuple(make(w) for w in getattr(data.operations, name))
                  for name in Operations.__dataclass_fields__}
    career_words = tuple((make(w), tuple(entry.careers)) for entry in data.career_words for w in entry.words)
    terms = tuple((make(text), term) for term in data.terms for text in (term.term, term.expansion, *term.also))
    other_jobs = other_jobs_pattern(data.other_jobs)
    known = {s for t in topics.values() for p in t.phrases for s in p.stems}
    known |= {s for group in operations.values() for p in group for s in p.stems}
    known |= {s for p, _ in career_words for s in p.stems}
    known.discard(WILDCARD)
    return Vocabulary(data=data, topics=topics, operations=operations, career_words=career_words,
                      terms=terms, other_jobs=other_jobs, known=frozenset(known))


def load_vocabulary(path: Path | str = PATH) -> Vocabulary:
    """Read, validate and compile a vocabulary file; raise VocabularyError naming every problem."""
    import tomllib

    from pydantic import TypeAdapter, ValidationError

    from knowledge.loader import validation_message

    path = Path(path)
    name = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise VocabularyError([f"{name}: cannot read: {error.strerror or error}"]) from None
    except UnicodeDecodeError:
        raise VocabularyError([f"{name}: not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError([f"{name}: malformed TOML: {error}"]) from None
    try:
        data = TypeAdapter(VocabularyFile).validate_python(raw)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            key = ".".join(str(part) for part in item["loc"])
            message = validation_message(item).removeprefix("Value error, ")
            problems.append(f"{name}: {key + ': ' if key else ''}{message}")
        raise VocabularyError(problems) from None
    return compile_vocabulary(data)


KEPT_FORMAT = 2
CODE = [Path(__file__), Path(__file__).with_name("search.py"), Path(__file__).parents[1] / "knowledge" / "records.py"]
"""The code that validates the file and stems its phrases: a change means the kept copy is made again."""


def _kept(vocabulary: Vocabulary) -> dict[str, Any]:
    """What is kept of a validated vocabulary: the file's records and every phrase as stemmed (stemming the
    ~1,000 phrases is most of compiling the vocabulary)."""
    phrases = [*(p for topic in vocabulary.topics.values() for p in topic.phrases),
               *(p for group in vocabulary.operations.values() for p in group),
               *(p for p, _ in vocabulary.career_words), *(p for p, _ in vocabulary.terms)]
    return {"file": asdict(vocabulary.data), "phrases": [[p.text, list(p.stems), p.weight] for p in phrases]}


def _from_kept(kept: dict[str, Any]) -> Vocabulary:
    stemmed = {text: Phrase(stems=tuple(stems), text=text, weight=weight) for text, stems, weight in kept["phrases"]}
    return compile_vocabulary(VocabularyFile.from_data(kept["file"]), stemmed)


@cache
def builtin_vocabulary() -> Vocabulary:
    """The built-in vocabulary, loaded once per process: from the kept copy of the validated file when the file
    has not changed since (rules/verified.py), else read, validated and kept."""
    from rules import verified

    folder = verified.cache_dir()
    path = None
    if folder is not None:
        path = folder / f"vocabulary-{verified.fingerprint(f'vocabulary {KEPT_FORMAT}', [PATH, *CODE])}.json"
        kept = verified.read(path)
        try:
            return _from_kept(kept)  # type: ignore[arg-type]
        except (ValueError, KeyError, TypeError):
            pass  # none yet, or from other code: validate the file
    vocabulary = load_vocabulary()
    if path is not None:
        verified.write(path, _kept(vocabulary), ".vocabulary-", "vocabulary-*.json")
    return vocabulary
