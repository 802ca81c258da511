"""Random conversations: says, picks (for the open question and stale ones), corrections, backs, restarts and
their confirmations, in any order. Whatever happens, every stored answer is one the student gave for that
question, a stale pick changes nothing, the session stays valid, and a saved session offered back is replaced
only once the student chooses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from rules.conversation import CONFIRM_WORDS, CONTINUE_WORDS, FRESH_WORDS, Conversation, words_of
from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.parsing import parse_answer
from rules.placement import is_own_option, mentions
from rules.turns import Turn
from tests.hypothesis_budget import examples
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


class Given:
    """What the student gave for each question, judged from what they saw, not from what the brain stored.

    A message counts for the question open when it was sent (unless it is a correction) and for every question
    whose topic it names ("exams"); a correction naming no topic, for the one choice question that reads it. A
    message that prompts "which did you mean?" counts for a candidate once the student picks or names it. A
    pick counts for the question whose button it was. So a bare "1" or "yes" counts for the open question only.
    """

    def __init__(self) -> None:
        self.values: dict[str, set[object]] = {}
        self.asked: dict[str, set[object]] = {}
        """Readings of the message a 'which did you mean?' prompt is about."""

    def credit(self, question_id: str, values: set[object]) -> None:
        self.values.setdefault(question_id, set()).update(values)

    def said(self, text: str, open_question: str | None, shown: Turn) -> None:
        found = readings(text)
        if shown.owner == "clarify" and not is_own_option(BY_ID.get(open_question or ""), text):
            shown_ids = [choice.id for choice in shown.choices if choice.id in BY_ID]  # the candidates on screen
            named = [q for q in shown_ids if mentions(BY_ID[q], text) or words_of(BY_ID[q].short) in words_of(text)]
            if len(named) == 1:  # 'the exams one': answers the prompt
                self.credit(named[0], self.asked.get(named[0], set()))
                return
        cue = next((cue for cue in CORRECTION_CUES if text.startswith(cue)), None)
        correction = cue is not None
        rest = text[len(cue):] if cue else text  # "make that files": the cue's "make" names no pay
        targets = {q.id for q in QUESTIONS if mentions(q, rest)}
        if open_question is not None and not correction:
            targets.add(open_question)
        if correction and not targets:
            readers = [q for q in found if BY_ID[q].kind == "choice"]
            targets.update(readers if len(readers) == 1 else ())
        for question_id in targets:
            self.credit(question_id, found.get(question_id, set()))
        self.asked = found

    def picked(self, owner: str | None, choice: str) -> None:
        if owner in BY_ID:
            self.credit(owner, {choice})
        elif owner == "clarify":
            self.credit(choice, self.asked.get(choice, set()))

    def check(self, answers: dict[str, object], why: object = None) -> None:
        for question_id, value in answers.items():
            assert value in self.values.get(question_id, set()), (question_id, value, why)


def open_id(conversation: Conversation) -> str | None:
    current = conversation.dialogue.current  # type: ignore[union-attr]
    return current.id if current is not None else None


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(move, max_size=25))
# A reply to 'which did you mean?' that names two of the candidates on screen ('records' names the kind of work,
# 'patient' patient contact) is read anew, and stores the kind of work: the path of session 3's rare failure
# (thorough profile, seed 3), whose shrunk example was not kept; this one runs in every profile.
@example([("say", "actually 1"), ("say", "Keeping patient records complete and accurate")])
def test_every_stored_answer_is_one_the_student_gave_for_that_question(moves: list[tuple[str, object]]) -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    turn = conversation.start()
    student = Given()
    for kind, argument in moves:
        before = dict(conversation.dialogue.state.answers)  # type: ignore[union-attr]
        if kind == "say":
            student.said(str(argument), open_id(conversation), turn)
            turn = conversation.say(str(argument))
        elif kind == "pick":
            choices = turn.choices
            if not choices:
                continue
            choice = choices[int(argument) % len(choices)]  # type: ignore[call-overload]
            student.picked(turn.owner, choice.id)
            turn = conversation.pick(turn.owner, choice.id)  # type: ignore[arg-type]
        else:
            owner, choice = argument  # type: ignore[misc]
            still_open = turn.owner == owner
            turn = conversation.pick(owner, choice)
            if not still_open:
                assert conversation.dialogue.state.answers == before, "a stale pick changed an answer"  # type: ignore[union-attr]
                assert turn.changed == ()
            else:
                student.picked(owner, choice)
        dialogue = conversation.dialogue
        assert dialogue is not None
        student.check(dialogue.state.answers, (kind, argument))
        assert_session_valid(dialogue)
        assert all(message.text.strip() for message in turn.messages)


@pytest.mark.parametrize("said", ["1", "yes", "no"])
def test_the_check_catches_an_answer_stored_under_a_question_it_was_not_given_for(said: str) -> None:
    """The oracle above is not a rubber stamp: a bare answer stored under another question than the open one
    (the bug where a burst sent an answer to the wrong question) fails it."""
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    turn = conversation.start()
    skip_to = next(q.id for q in QUESTIONS if q.kind == "choice" and parse_answer(q, said).value is not None
                   and q.id != "exam")
    while open_id(conversation) != skip_to:
        turn = conversation.say("skip")
    student = Given()
    student.said(said, skip_to, turn)
    conversation.say(said)
    student.check(conversation.dialogue.state.answers)  # type: ignore[union-attr]
    misplaced = parse_answer(BY_ID["exam"], said).value
    assert misplaced is not None
    conversation.dialogue.state.answers["exam"] = misplaced  # type: ignore[union-attr]
    with pytest.raises(AssertionError):
        student.check(conversation.dialogue.state.answers)  # type: ignore[union-attr]


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
