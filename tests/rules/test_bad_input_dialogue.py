"""The chat given hostile and clumsy messages, with no UI: always a reply in words, never an exception, and the
answers given before are kept unless the message was a valid change."""

from __future__ import annotations

import json

import pytest

from rules.dialogue import Dialogue, SessionState
from rules.builtin import builtin_engine
from rules.models import Reply

ENGINE = builtin_engine()
KNOWN = {q.id: q for q in ENGINE.questions}

HOSTILE = [
    pytest.param("", id="empty"),
    pytest.param("   ", id="spaces"),
    pytest.param("\t\n\r\n", id="whitespace"),
    pytest.param("a" * 10_000, id="10000-letters"),
    pytest.param("1" * 10_000, id="10000-digits"),
    pytest.param(("blah " * 2_000) + "why not LPN", id="10000-with-an-intent-at-the-end"),
    pytest.param("\x00\x01\x02\x7f", id="control-characters"),
    pytest.param("\x1b[31mred\x1b[0m", id="ansi-colour"),
    pytest.param("\x1b[2J\x1b[H", id="ansi-clear-screen"),
    pytest.param("\x1b]8;;http://example.com\x07link\x1b]8;;\x07", id="osc-hyperlink"),
    pytest.param("\u202e\u200b\ufeff", id="bidi-and-zero-width"),
    pytest.param("\ud800", id="lone-surrogate"),
    pytest.param("[bold]", id="markup-bold"),
    pytest.param("[/", id="markup-open-close"),
    pytest.param("[/]", id="markup-close"),
    pytest.param("[link=x]", id="markup-link"),
    pytest.param("[bold]x[/bold] [red]", id="markup-mixed"),
    pytest.param("?!.,;:", id="only-punctuation"),
    pytest.param("...", id="dots"),
    pytest.param("???", id="question-marks"),
    pytest.param("💉💊🩺" * 50, id="emoji"),
    pytest.param("ＲＥＣＯＲＤＳ？", id="fullwidth"),
    pytest.param("10**30", id="power"),
    pytest.param("1" + "0" * 30, id="10-to-the-30"),
    pytest.param("-1", id="minus-one"),
    pytest.param("99", id="out-of-range-option"),
    pytest.param("$-5", id="negative-money"),
    pytest.param("Robert'); DROP TABLE answers;--", id="sql"),
    pytest.param("{{ 7*7 }} {% endraw %}", id="jinja"),
    pytest.param("why not why not why not", id="why-not-repeated"),
]

INTENTS_WITHOUT_A_CAREER = [
    pytest.param("why not", id="why-not"),
    pytest.param("why not astronaut", id="why-not-unknown"),
    pytest.param("why not [/]", id="why-not-markup"),
    pytest.param("compare", id="compare"),
    pytest.param("compare coder and astronaut", id="compare-one-unknown"),
    pytest.param("compare astronaut and pilot", id="compare-both-unknown"),
    pytest.param("compare coder and coder", id="compare-the-same"),
    pytest.param("tell me about", id="about"),
    pytest.param("tell me about astronaut", id="about-unknown"),
    pytest.param("what if", id="what-if"),
    pytest.param("what if I said banana", id="what-if-banana"),
    pytest.param("what if I said 10**30 dollars", id="what-if-huge"),
    pytest.param("what if I said -3 years", id="what-if-negative"),
    pytest.param("actually", id="actually"),
    pytest.param("actually banana", id="actually-banana"),
    pytest.param("actually I want $1000000000000000000000000000000", id="actually-huge"),
    pytest.param("actually, patient contact: banana", id="actually-named-question-bad-value"),
    pytest.param("what does an astronaut earn?", id="fact-unknown-career"),
    pytest.param("how did astronaut win", id="how-unknown"),
]


def valid_text(dialogue: Dialogue) -> str:
    """A message that answers the open question."""
    question = dialogue.current
    assert question is not None
    return "1" if question.kind == "choice" else "12 months" if question.unit == "months" else "$40,000"


def midway() -> Dialogue:
    """Answers stored and the number question on pay open (after how many answers depends on the planner)."""
    dialogue = Dialogue(ENGINE)
    dialogue.start()
    dialogue.handle("1")
    while dialogue.current is not None and dialogue.current.id != "pay_min":
        dialogue.handle(valid_text(dialogue))
    assert len(dialogue.state.answers) >= 1 and dialogue.current is not None and dialogue.current.kind == "number"
    return dialogue


def midway_choice() -> Dialogue:
    """Answers stored and a choice question open."""
    dialogue = midway()
    while dialogue.current is not None and dialogue.current.kind != "choice":
        dialogue.handle(valid_text(dialogue))
    assert dialogue.current is not None and len(dialogue.state.answers) >= 2
    return dialogue


def finished() -> Dialogue:
    """Every question answered, the result shown, no question open."""
    dialogue = Dialogue(ENGINE)
    dialogue.start()
    while dialogue.current is not None:
        question = dialogue.current
        dialogue.choose(question.options[0].value if question.kind == "choice" else question.min or 0)
    assert dialogue.state.finished and len(dialogue.state.answers) == len(KNOWN)
    return dialogue


STATES = {"midway": midway, "midway_choice": midway_choice, "finished": finished}


def assert_valid(dialogue: Dialogue) -> None:
    """Every stored answer is valid for its question, the open question is unanswered, the state saves."""
    state = dialogue.state
    for question_id, value in state.answers.items():
        question = KNOWN[question_id]
        if question.kind == "choice":
            assert question.option(str(value)) is not None, (question_id, value)
        else:
            assert isinstance(value, int) and question.min <= value <= question.max, (question_id, value)
    assert state.current is None or (state.current in KNOWN and state.current not in state.answers)
    assert sorted(state.order) == sorted(state.answers)
    assert SessionState.from_data(json.loads(state.to_json())) == state


def assert_replies(replies: list[Reply]) -> None:
    assert replies, "every message gets a reply"
    for reply in replies:
        assert reply.text.strip(), f"a {reply.kind} reply with no words"


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("text", HOSTILE + INTENTS_WITHOUT_A_CAREER)
def test_hostile_message_gets_words_and_keeps_the_answers(state: str, text: str) -> None:
    dialogue = STATES[state]()
    before = dict(dialogue.state.answers)
    current = dialogue.state.current
    replies = dialogue.handle(text)
    assert_replies(replies)
    assert dialogue.state.answers == before
    assert dialogue.state.current == current, "the open question stays open"
    assert_valid(dialogue)


@pytest.mark.parametrize("text", ["why not", "why not astronaut", "compare", "tell me about",
                                  "tell me about astronaut"])
def test_an_intent_without_a_known_career_asks_which_one(text: str) -> None:
    replies = midway().handle(text)
    assert [r.kind for r in replies] == ["error"]
    assert "Which career?" in replies[0].text
    assert "Medical coder" in replies[0].text, "it lists the careers it knows"


@pytest.mark.parametrize("text", ["what if", "what if I said banana", "actually", "actually banana"])
def test_a_change_it_cannot_read_is_asked_again(text: str) -> None:
    replies = midway().handle(text)
    assert [r.kind for r in replies] == ["reprompt"]
    assert "actually" in replies[0].text or "e.g." in replies[0].text, "it gives an example that works"


def test_compare_with_one_unknown_career_compares_the_known_one_with_the_top_pick() -> None:
    replies = midway().handle("compare coder and astronaut")
    assert len(replies) == 1 and replies[0].kind != "error"
    assert "coder" in replies[0].text.lower() or replies[0].table is not None


@pytest.mark.parametrize("state", sorted(STATES))
def test_a_valid_change_is_the_only_thing_that_changes_an_answer(state: str) -> None:
    dialogue = STATES[state]()
    before = dict(dialogue.state.answers)
    replies = dialogue.handle("actually I can do 2 years")
    assert_replies(replies)
    assert dialogue.state.answers == {**before, "training_months": 24}
    assert_valid(dialogue)


@pytest.mark.parametrize("text", ["", "[/", "\x1b[31m", "a" * 10_000, "?!"])
def test_the_conversation_goes_on_after_a_hostile_message(text: str) -> None:
    dialogue = midway()
    dialogue.handle(text)
    question = dialogue.current
    assert question is not None
    replies = dialogue.handle(valid_text(dialogue))
    assert replies[0].kind == "ack"
    assert question.id in dialogue.state.answers
    assert_valid(dialogue)


@pytest.mark.parametrize(("state", "value"), [
    *[("midway_choice", value) for value in ("", "   ", "banana", "[/", "\x00", "8", "0", "-1", 8, 0, -1, 10 ** 30,
                                             1.5, None, True, "1" * 10_000)],
    *[("midway", value) for value in ("", "   ", "banana", "[/", "\x00", "-1", -1, 10 ** 30, 2_000_000, "$-5",
                                      "1" * 10_000)],
])
def test_choose_a_value_the_question_does_not_accept(state: str, value: object) -> None:
    dialogue = STATES[state]()
    before = dict(dialogue.state.answers)
    current = dialogue.state.current
    replies = dialogue.choose(value)  # type: ignore[arg-type]
    assert [r.kind for r in replies] == ["reprompt"]
    assert replies[0].text.strip() and replies[0].question == current
    assert dialogue.state.answers == before and dialogue.state.current == current


@pytest.mark.parametrize("value", ["1", "banana", 10 ** 30])
def test_choose_with_no_open_question_says_so(value: object) -> None:
    dialogue = finished()
    before = dict(dialogue.state.answers)
    replies = dialogue.choose(value)  # type: ignore[arg-type]
    assert [r.kind for r in replies] == ["error"]
    assert "no open question" in replies[0].text
    assert dialogue.state.answers == before


@pytest.mark.parametrize("text", ["back", "skip", "why", "more questions"])
def test_commands_that_need_something_to_act_on_say_when_there_is_nothing(text: str) -> None:
    dialogue = Dialogue(ENGINE)
    if text == "back":
        dialogue.start()
    else:
        dialogue = finished()
    before = dict(dialogue.state.answers)
    replies = dialogue.handle(text)
    assert_replies(replies)
    assert [r.kind for r in replies] == ["info"]
    assert dialogue.state.answers == before
    assert_valid(dialogue)


@pytest.mark.parametrize("question_id", ["training_months", "pay_min"])
@pytest.mark.parametrize("sequence", ["\x1b[2J", "\x1b[3;4H", "\x1b]0;2 years\x07", "\x9b2J"])
def test_a_terminal_escape_sequence_is_never_read_as_a_number(question_id: str, sequence: str) -> None:
    """'\\x1b[2J' (clear screen) once reached the training question as '[2J' and was stored as 2 years."""
    dialogue = Dialogue(ENGINE, SessionState(current=question_id))
    replies = dialogue.handle(sequence)
    assert question_id not in dialogue.state.answers
    assert replies and all(isinstance(reply, Reply) for reply in replies)


def test_a_real_answer_wrapped_in_colour_codes_still_counts() -> None:
    dialogue = Dialogue(ENGINE, SessionState(current="training_months"))
    dialogue.handle("\x1b[1m2 years\x1b[0m")
    assert dialogue.state.answers["training_months"] == 24


@pytest.mark.parametrize(("question_id", "text", "value"), [
    ("training_months", "a year max", 12), ("training_months", "no more than a year", 12),
    ("training_months", "two years tops", 24), ("pay_min", "at least 40k a year", 40_000),
])
def test_a_statement_the_open_question_can_take_is_its_answer(question_id: str, text: str, value: int) -> None:
    """'a year max' holds pay-ish words ('a year', 'max') but, typed at the training question, it is the answer."""
    dialogue = Dialogue(ENGINE, SessionState(answers={"focus": "coding"}, order=["focus"], current=question_id))
    dialogue.handle(text)
    assert dialogue.state.answers[question_id] == value


def test_a_question_at_an_open_question_is_still_answered_as_a_question() -> None:
    dialogue = Dialogue(ENGINE, SessionState(answers={"focus": "coding"}, order=["focus"], current="training_months"))
    replies = dialogue.handle("which pays best?")
    assert "training_months" not in dialogue.state.answers
    assert any("pay" in reply.text.lower() for reply in replies)
