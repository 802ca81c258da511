"""Property-based fuzzing of the dialogue: whatever a student types or clicks, in any order, the session stays
valid (every stored answer valid for its question, the open question unanswered, the state saves and loads)
and nothing raises."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from rules.dialogue import Dialogue, SessionState
from rules.builtin import builtin_engine
from rules.models import Question
from tests.hypothesis_budget import examples

ENGINE = builtin_engine()
QUESTIONS = ENGINE.questions
KNOWN = {q.id: q for q in QUESTIONS}
CAREER_NAMES = [c.name for c in ENGINE.kb.careers.values()] + [a for c in ENGINE.kb.careers.values()
                                                               for a in c.aliases[:2]]
UNKNOWN_CAREERS = ["astronaut", "pilot", "", "[/]", "coder coder", "LPNs and MAs"]
COMMANDS = ["back", "skip", "restart", "help", "sources", "results", "how", "why", "more questions", "undo",
            "done", "i don't know", "start over", "why?", "?"]
SETTINGS = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def valid_value(question: Question) -> st.SearchStrategy[str | int]:
    if question.kind == "choice":
        return st.sampled_from([o.value for o in question.options])
    assert question.min is not None and question.max is not None
    return st.integers(question.min, question.max)


answer_words = st.one_of(
    st.sampled_from([o.value for q in QUESTIONS for o in q.options]),
    st.sampled_from([o.label for q in QUESTIONS for o in q.options]),
    st.sampled_from([s for q in QUESTIONS for o in q.options for s in o.synonyms]),
    st.integers(-5, 10).map(str),
    st.integers(-10 ** 30, 10 ** 30).map(str),
    st.integers(0, 200_000).map(lambda n: f"${n:,}"),
    st.integers(0, 300).map(lambda n: f"about {n}k"),
    st.integers(0, 200).map(lambda n: f"{n} months"),
    st.integers(0, 20).map(lambda n: f"{n} years max"),
    st.sampled_from(["as long as it takes", "doesn't matter", "no limit", "$18 an hour", "forty thousand",
                     "two years", "a year and a half", "between 40 and 50k", "40-50k", "none", "some", "lots"]),
)
career = st.one_of(st.sampled_from(CAREER_NAMES), st.sampled_from(UNKNOWN_CAREERS), st.text(max_size=12))
intent = st.one_of(
    st.sampled_from(COMMANDS),
    st.builds("why not {}?".format, career),
    st.builds("compare {} and {}".format, career, career),
    st.builds("{} vs {}".format, career, career),
    st.builds("tell me about {}".format, career),
    st.builds("what does {} earn?".format, career),
    st.builds("how long does it take to become {}?".format, career),
    st.builds("what if I said {}".format, answer_words),
    st.builds("actually {}".format, answer_words),
    st.builds("actually, {}: {}".format, st.sampled_from([q.id.replace("_", " ") for q in QUESTIONS]),
              answer_words),
    st.sampled_from(["what if", "actually", "why not", "compare", "tell me about"]),
)
free_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["[/", "[/]", "[bold]", "[link=x]", "\x1b[31m", "\x00", "\u202e", "?!", "   "]),
    st.text(max_size=5).map(lambda t: t * 400),
)
message = st.one_of(answer_words, intent, free_text)
click = st.one_of(
    st.sampled_from([o.value for q in QUESTIONS for o in q.options]),
    st.integers(-1, 10),
    st.integers(-10 ** 30, 10 ** 30),
    st.text(max_size=10),
)
action = st.one_of(st.tuples(st.just("handle"), message), st.tuples(st.just("choose"), click))


@st.composite
def resumed_state(draw: st.DrawFn) -> SessionState:
    """A saved session as the session store hands it back: valid answers, any open question, some skipped."""
    answers = draw(st.fixed_dictionaries({}, optional={q.id: valid_value(q) for q in QUESTIONS}))
    unanswered = [q.id for q in QUESTIONS if q.id not in answers]
    skipped = draw(st.lists(st.sampled_from(unanswered), unique=True)) if unanswered else []
    current = draw(st.none() | st.sampled_from(list(KNOWN)))
    return SessionState(answers=answers, order=list(answers), skipped=skipped, current=current,
                        stable_announced=draw(st.booleans()), finished=draw(st.booleans()))


def assert_session_valid(dialogue: Dialogue) -> None:
    state = dialogue.state
    for question_id, value in state.answers.items():
        assert question_id in KNOWN, question_id
        question = KNOWN[question_id]
        if question.kind == "choice":
            assert isinstance(value, str) and question.option(value) is not None, (question_id, value)
        else:
            assert isinstance(value, int) and not isinstance(value, bool), (question_id, value)
            assert question.min is not None and question.max is not None
            assert question.min <= value <= question.max, (question_id, value)
    assert state.current is None or (state.current in KNOWN and state.current not in state.answers), state
    assert len(state.order) == len(set(state.order)) and set(state.order) == set(state.answers), state
    assert set(state.skipped) <= set(KNOWN) and not set(state.skipped) & set(state.answers), state
    assert SessionState.from_data(json.loads(state.to_json())) == state


def play(dialogue: Dialogue, actions: list[tuple[str, object]]) -> None:
    replies = dialogue.start()
    assert replies and all(r.text.strip() for r in replies)
    assert_session_valid(dialogue)
    for kind, value in actions:
        replies = dialogue.handle(value) if kind == "handle" else dialogue.choose(value)  # type: ignore[arg-type]
        assert replies, (kind, value)
        assert all(r.text.strip() for r in replies), (kind, value, replies)
        assert_session_valid(dialogue)


@SETTINGS
@given(st.lists(action, max_size=12))
def test_any_sequence_from_a_fresh_start_keeps_the_session_valid(actions: list[tuple[str, object]]) -> None:
    play(Dialogue(ENGINE), actions)


@SETTINGS
@given(resumed_state(), st.lists(action, max_size=8))
def test_any_sequence_from_a_resumed_session_keeps_it_valid(state: SessionState,
                                                            actions: list[tuple[str, object]]) -> None:
    play(Dialogue(ENGINE, state), actions)


@settings(SETTINGS, max_examples=examples(50))
@given(st.data())
def test_clicking_valid_values_stores_exactly_what_was_chosen(data: st.DataObject) -> None:
    """Valid clicks on whatever question is open, to the end: each is stored as given, earlier ones are kept."""
    dialogue = Dialogue(ENGINE)
    dialogue.start()
    expected: dict[str, object] = {}
    while dialogue.current is not None:
        question = dialogue.current
        value = data.draw(valid_value(question), label=question.id)
        replies = dialogue.choose(value)
        assert replies[0].kind == "ack"
        expected[question.id] = value
        assert dialogue.state.answers == expected
        assert_session_valid(dialogue)
    assert len(expected) == len(QUESTIONS) and dialogue.state.finished
