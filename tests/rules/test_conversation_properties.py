"""Random conversations: says, picks (for the open question and stale ones), corrections, backs, restarts and
their confirmations, in any order. Whatever happens, every stored answer is one the student gave for that
question, a stale pick changes nothing, the session stays valid, and a saved session offered back is replaced
only once the student chooses."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from rules.conversation import CONFIRM_WORDS, CONTINUE_WORDS, FRESH_WORDS, Conversation, words_of
from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.parsing import parse_answer
from tests.rules.test_conversation import SAVED, MemorySessions
from tests.rules.test_fuzz_dialogue import assert_session_valid

ENGINE = builtin_engine()
QUESTIONS = ENGINE.questions
BY_ID = {q.id: q for q in QUESTIONS}
CORRECTION_CUES = ["actually ", "on second thought, ", "change my ", "make that ", "actually I'd say "]

words = st.one_of(
    st.sampled_from([s for q in QUESTIONS for o in q.options for s in o.synonyms]),
    st.sampled_from([o.label for q in QUESTIONS for o in q.options]),
    st.sampled_from([t for q in QUESTIONS for t in q.topics]),
    st.sampled_from(["some, not lots", "I don't want to do any exams", "no exams", "weekends are fine",
                     "2 years", "18 months", "40k", "$18 an hour", "1", "2", "3", "1 1", "none", "yes", "no"]),
)
move = st.one_of(
    st.tuples(st.just("say"), words),
    st.tuples(st.just("say"), st.builds(lambda cue, word: cue + word, st.sampled_from(CORRECTION_CUES), words)),
    st.tuples(st.just("say"), st.sampled_from(["back", "skip", "restart", "start over", "yes", "no", "results",
                                               "more questions", "forget me", "the exams one", "help"])),
    st.tuples(st.just("pick"), st.integers(0, 8)),  # the n-th choice on show, whatever owns it
    st.tuples(st.just("stale"), st.sampled_from([(q.id, o.value) for q in QUESTIONS for o in q.options])),
)


def readings(text: str) -> dict[str, set[object]]:
    """Every value any question could read from a message (with or without its correction cue)."""
    found: dict[str, set[object]] = {}
    variants = {text, *(text[len(cue):] for cue in CORRECTION_CUES if text.startswith(cue))}
    for question in QUESTIONS:
        for variant in variants:
            value = parse_answer(question, variant).value
            if value is not None:
                found.setdefault(question.id, set()).add(value)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(move, max_size=25))
def test_every_stored_answer_is_one_the_student_gave_for_that_question(moves: list[tuple[str, object]]) -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    turn = conversation.start()
    given_values: dict[str, set[object]] = {}
    for kind, argument in moves:
        before = dict(conversation.dialogue.state.answers)  # type: ignore[union-attr]
        if kind == "say":
            for question_id, values in readings(str(argument)).items():
                given_values.setdefault(question_id, set()).update(values)
            turn = conversation.say(str(argument))
        elif kind == "pick":
            choices = turn.choices
            if not choices:
                continue
            choice = choices[int(argument) % len(choices)]  # type: ignore[call-overload]
            if turn.owner in BY_ID:
                given_values.setdefault(turn.owner, set()).add(choice.id)
            turn = conversation.pick(turn.owner, choice.id)  # type: ignore[arg-type]
        else:
            owner, choice = argument  # type: ignore[misc]
            still_open = turn.owner == owner
            turn = conversation.pick(owner, choice)
            if not still_open:
                assert conversation.dialogue.state.answers == before, "a stale pick changed an answer"  # type: ignore[union-attr]
                assert turn.changed == ()
            else:
                given_values.setdefault(owner, set()).add(choice)
        dialogue = conversation.dialogue
        assert dialogue is not None
        for question_id, value in dialogue.state.answers.items():
            assert value in given_values.get(question_id, set()), (question_id, value, kind, argument)
        assert_session_valid(dialogue)
        assert all(message.text.strip() for message in turn.messages)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(move, max_size=15))
def test_a_saved_session_is_replaced_only_by_an_explicit_choice(moves: list[tuple[str, object]]) -> None:
    sessions = MemorySessions(SAVED)
    conversation = Conversation(lambda: Dialogue(engine=ENGINE), sessions)
    turn = conversation.start()
    chosen = False
    for kind, argument in moves:
        offered = turn.owner  # what the student is looking at when they act
        if kind == "say":
            words = words_of(str(argument))
            # A message that does not answer a confirmation is read anew at the offer under it (still open).
            at_offer = offered in ("resume", "forget", "restart", "clarify")
            chosen = chosen or (at_offer and words in CONTINUE_WORDS | FRESH_WORDS) \
                or (offered == "forget" and words in CONFIRM_WORDS["forget"])
            turn = conversation.say(str(argument))
        elif kind == "pick" and turn.choices:
            choice = turn.choices[int(argument) % len(turn.choices)]  # type: ignore[call-overload]
            chosen = chosen or offered in ("resume", "forget") and (offered == "resume" or choice.id == "yes")
            turn = conversation.pick(offered, choice.id)  # type: ignore[arg-type]
        elif kind == "stale":
            turn = conversation.pick(*argument)  # type: ignore[misc]
        if not chosen:
            assert sessions.saved is not None and sessions.saved.answers == SAVED.answers, (kind, argument)
