"""One answer's turn in the dialogue on the real knowledge base: re-rank, pick the next question, decide stable.

Timed two ways: through `Dialogue.handle` (what the chat does with a typed "1"), over a whole quiz, and as the
engine calls alone (`recommend`, which itself runs `next_question` and `is_stable`). The reference is one
re-rank (`engine.top`), the least a turn must do; the ratio says how many re-ranks a turn costs. A first turn
on a fresh engine (empty caches) is timed too: it is what the student's first answer costs.
"""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

from tests.benchmarks.harness import Figure, Settings, side_by_side

if TYPE_CHECKING:
    from rules.engine import Engine

FAMILY = "dialogue turn"
BUDGET_MS = 20.0
MIDWAY = {"focus": "records", "patient_contact": "none", "pay_min": 40000}
"""A typical mid-quiz state: three answers in, six questions left."""


def _quiz_turns(engine: Engine) -> list[float]:
    """Answer "1" to every question of one quiz; the time of each turn in ms."""
    from rules.dialogue import Dialogue

    dialogue = Dialogue(engine)
    dialogue.start()
    times = []
    while dialogue.state.current is not None:
        question = dialogue.current
        text = "1" if question is not None and question.kind == "choice" else "12 months" \
            if question is not None and question.unit == "months" else "$40,000"
        start = time.perf_counter()
        dialogue.handle(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _conversation_turns(engine: Engine) -> list[float]:
    """The same quiz through `Conversation` (what every front end calls): a pick per choice question, text for
    the numbers, "More questions" when the result settles. The time of each turn in ms."""
    from rules.conversation import Conversation
    from rules.dialogue import Dialogue

    conversation = Conversation(lambda: Dialogue(engine))
    turn = conversation.start()
    times = []
    while turn.question is not None or turn.owner == "settled":
        start = time.perf_counter()
        if turn.owner == "settled":
            turn = conversation.pick("settled", "more")
        elif turn.question is not None and turn.question.choices:
            turn = conversation.pick(turn.question.id, turn.question.choices[0].id)
        else:
            turn = conversation.say("12 months" if turn.question and turn.question.id == "training_months"
                                    else "$40,000")
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(settings: Settings) -> list[Figure]:
    from knowledge.loader import builtin
    from rules.builtin import builtin_engine
    from rules.engine import Engine
    from rules.builtin import builtin_rulebook
    from rules.stability import is_stable, next_question

    engine = builtin_engine()
    _quiz_turns(engine)
    turns: list[float] = []
    quiz_max: list[float] = []
    for _ in range(settings.inprocess_runs):
        times = _quiz_turns(engine)
        turns += times
        quiz_max.append(max(times))
    top_ms, _, _, _ = side_by_side(lambda: engine.top(MIDWAY), lambda: None, settings.inprocess_runs)
    figures = [
        Figure(FAMILY, "Dialogue.handle, median turn of a quiz", statistics.median(turns), top_ms, "ms",
               BUDGET_MS, "value_at_most", reference_name="one re-rank, engine.top",
               details={"turns": len(turns), "turns_per_quiz": len(turns) // settings.inprocess_runs}),
        Figure(FAMILY, "Dialogue.handle, slowest turn of a quiz", statistics.median(quiz_max), top_ms, "ms",
               BUDGET_MS, "value_at_most", reference_name="one re-rank, engine.top",
               notes="median over quizzes of each quiz's slowest turn (the last turn also builds the result)"),
    ]

    _conversation_turns(engine)
    spoken = [t for _ in range(settings.inprocess_runs) for t in _conversation_turns(engine)]
    figures.append(Figure(FAMILY, "Conversation turn (pick or say), median of a quiz", statistics.median(spoken),
                          top_ms, "ms", BUDGET_MS, "value_at_most", reference_name="one re-rank, engine.top",
                          notes="a whole turn as the front ends get it: replies, open question, prompt, "
                                "progress"))

    def engine_turn() -> None:
        engine.recommend(MIDWAY)
        next_question(engine, MIDWAY)
        is_stable(engine, MIDWAY)

    ours, reference, runs, _ = side_by_side(engine_turn, lambda: engine.top(MIDWAY), settings.inprocess_runs)
    figures.append(Figure(FAMILY, "recommend + next_question + is_stable", ours, reference, "ms", BUDGET_MS,
                          "value_at_most", reference_name="one re-rank, engine.top", details={"runs_ms": runs}))

    kb, rulebook = builtin(), builtin_rulebook()
    firsts = []
    for _ in range(settings.inprocess_runs):
        from rules.dialogue import Dialogue

        dialogue = Dialogue(Engine(kb, rulebook))
        dialogue.start()
        start = time.perf_counter()
        dialogue.handle("1")
        firsts.append((time.perf_counter() - start) * 1000)
    figures.append(Figure(FAMILY, "first turn on a fresh engine (empty caches)", statistics.median(firsts),
                          top_ms, "ms", BUDGET_MS, "value_at_most", reference_name="one re-rank, engine.top",
                          notes="the engine's greeting and first question are built before timing starts"))
    return figures
