"""Judge what the student is shown: messages typed into the chat and what the answer to the last one must say.

The question bank (evaluate.py) checks the reader's query and the facts an answer cites. The holdouts here
(holdout3.toml to holdout10.toml — each written from the source texts before it was first run) check
the words of the answer itself, through the same path `career-quiz ask` and the chat take: a fresh
`Conversation` with the first quiz question open, each message said in turn, the last turn rendered as
`ask --json` renders it. Each case:

    say    the messages typed, in order; the last one is judged
    must   groups of alternatives: every group needs one of its alternatives in the answer (case-insensitive)
    never  words the answer must not hold
    why    what the sources say, for the reader of a miss
    open   the quiz question open when the last message is typed (holdout 5; else the first question)
    stored answers that must be stored after the last message; absent: question ids that must not be
    sources  how many different source documents the answer must cite at least

Every answer must also carry a citation (source, year or null, quote) for each dollar figure it shows.
"""

from __future__ import annotations

import re
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
HOLDOUTS = (HERE / "holdout3.toml", HERE / "holdout4.toml", HERE / "holdout5.toml", HERE / "holdout6.toml",
            HERE / "holdout7.toml", HERE / "holdout8.toml", HERE / "holdout9.toml",
            HERE / "holdout10.toml")
_MONEY = re.compile(r"\$\d[\d,]*(?:\.\d+)?\s*[kK]?")


@dataclass(frozen=True)
class Said:
    say: tuple[str, ...]
    must: tuple[tuple[str, ...], ...] = ()
    never: tuple[str, ...] = ()
    why: str = ""
    open: str | None = None
    stored: tuple[tuple[str, object], ...] = ()
    absent: tuple[str, ...] = ()
    sources: int = 0

    @property
    def text(self) -> str:
        return " / ".join(self.say)


@dataclass
class Heard:
    case: Said
    payload: dict
    seconds: float
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def said_cases(path: Path) -> list[Said]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Said(say=tuple(c["say"]), must=tuple(tuple(g) for g in c.get("must", [])),
                 never=tuple(c.get("never", [])), why=c.get("why", ""), open=c.get("open"),
                 stored=tuple(c.get("stored", {}).items()), absent=tuple(c.get("absent", [])),
                 sources=c.get("sources", 0)) for c in data["case"]]


def hear(case: Said, engine) -> Heard:
    """Say the case's messages to a fresh conversation, as `career-quiz ask` does, and judge the last answer."""
    from knowledge.numbers import numbers_in, supports
    from rules.conversation import Conversation
    from rules.dialogue import Dialogue, SessionState
    from tui.commands.decide import ask_payload

    conversation = Conversation(lambda: Dialogue(engine, SessionState()))
    conversation.start()
    start = time.perf_counter()
    turn = None
    for number, text in enumerate(case.say, 1):
        if number == len(case.say) and case.open:
            conversation.dialogue.state.current = case.open
        turn = conversation.say(text)
    seconds = time.perf_counter() - start
    assert turn is not None and conversation.dialogue is not None
    payload = ask_payload(turn, conversation.dialogue.state.answers)
    heard = Heard(case, payload, seconds)
    answer = payload["answer"].lower()
    heard.problems += [f"lacks any of {list(group)}" for group in case.must
                       if not any(option.lower() in answer for option in group)]
    heard.problems += [f"has {word!r}" for word in case.never if word.lower() in answer]
    answers = conversation.dialogue.state.answers
    heard.problems += [f"stored {question}={answers.get(question)!r}, not {value!r}" for question, value in case.stored
                       if answers.get(question) != value]
    heard.problems += [f"stored {question}={answers[question]!r}" for question in case.absent if question in answers]
    cited = {c["source"] for c in payload["citations"]}
    if len(cited) < case.sources:
        heard.problems.append(f"cites {len(cited)} source(s), not at least {case.sources}")
    quoted = [numbers_in(c["quote"]) for c in payload["citations"]]
    own = {value for value in answers.values() if isinstance(value, int)}  # the student's own "40k", echoed
    for figure in _MONEY.findall(payload["answer"]):
        if numbers_in(figure) & own:
            continue
        if not any(supports(v, "money", stated) for v in numbers_in(figure) for stated in quoted):
            heard.problems.append(f"shows {figure.strip()} with no cited quote that states it")
    for citation in payload["citations"]:
        if not citation.get("quote") or not citation.get("source") or "year" not in citation:
            heard.problems.append(f"a citation lacks its source, year or quote: {citation}")
    return heard


def hear_all(path: Path, engine=None) -> list[Heard]:
    from rules.builtin import builtin_engine

    engine = engine or builtin_engine()
    return [hear(case, engine) for case in said_cases(path)]
