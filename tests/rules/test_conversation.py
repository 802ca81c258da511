"""The whole conversation as a student has it, without a screen: resume and forget, input queued before the
brain is ready, demo students, corrections that land where they belong, restart and undo, stale picks, and
when the results open. Each test drives `Conversation` directly (milliseconds, no Pilot)."""

from __future__ import annotations

import subprocess
import sys
from copy import deepcopy
from pathlib import Path

import pytest

from rules.conversation import Conversation
from rules.dialogue import Dialogue, SessionState
from rules.builtin import builtin_engine
from rules.personas import load_personas
from rules.turns import Turn

ENGINE = builtin_engine()
ROOT = Path(__file__).resolve().parents[2]


class MemorySessions:
    """An in-memory saved session, with the `Sessions` protocol the app's SessionKeeper has."""

    def __init__(self, saved: SessionState | None = None, enabled: bool = True) -> None:
        self.saved = saved
        self.enabled = enabled
        self.path = Path("/tmp/career-quiz-test/session.json") if enabled else None
        self.saves = 0
        self._marked: object = None

    def load(self) -> tuple[SessionState | None, str | None]:
        return (deepcopy(self.saved) if self.saved else None), None

    def mark(self, state: SessionState | None) -> None:
        self._marked = deepcopy(state)

    def save(self, state: SessionState) -> str | None:
        if state != self._marked:
            self.saved, self._marked = deepcopy(state), deepcopy(state)
            self.saves += 1
        return None

    def start_fresh(self, state: SessionState) -> str | None:
        self.mark(state)
        return None

    def forget(self) -> list[Path]:
        removed = [self.path] if self.saved is not None and self.path else []
        self.saved = None
        return removed


def talk(sessions: MemorySessions | None = None, state: SessionState | None = None) -> tuple[Conversation, Turn]:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE, state=state), sessions)
    return conversation, conversation.start()


def texts(turn: Turn) -> list[str]:
    return [message.text for message in turn.messages]


def answers(conversation: Conversation) -> dict:
    assert conversation.dialogue is not None
    return dict(conversation.dialogue.state.answers)


def open_id(conversation: Conversation) -> str | None:
    assert conversation.dialogue is not None
    current = conversation.dialogue.current
    return current.id if current else None


def skip_to(conversation: Conversation, question_id: str) -> None:
    for _ in range(12):
        if open_id(conversation) == question_id:
            return
        conversation.say("skip")
    raise AssertionError(f"never reached {question_id}")


# --- the start ---------------------------------------------------------------------------------------------


def test_the_opening_turn_needs_no_brain_and_the_start_does_not_repeat_it() -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    opening = conversation.opening()
    assert [m.kind for m in opening.messages] == ["greeting", "question"]
    assert opening.owner == "focus" and [c.id for c in opening.choices][:2] == ["records", "coding"]
    started = conversation.start()
    assert "greeting" not in [m.kind for m in started.messages]
    assert started.question is not None and started.question.id == "focus"


def test_the_opening_turn_imports_no_pydantic() -> None:
    """Only the record base (stdlib, what every turn is made of) may come from knowledge/: no loader, no facts."""
    code = ("import sys; from rules.conversation import Conversation; Conversation().opening(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'textual', 'knowledge'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['knowledge', 'knowledge.records']"


def test_questions_carry_their_options_as_data_not_in_the_text() -> None:
    _, turn = talk()
    question = turn.question
    assert question is not None and question.kind == "choice" and len(question.choices) == 7
    assert not any("1. " in text for text in texts(turn))


def test_messages_and_picks_made_before_the_brain_is_ready_are_answered_once_it_is() -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    conversation.opening()
    assert conversation.say("help").queued
    assert conversation.pick("focus", "coding").queued
    turn = conversation.start()
    kinds = [m.kind for m in turn.messages]
    assert kinds[0] == "info" and texts(turn)[0].startswith("Answer with the option buttons")
    assert "ack" in kinds and answers(conversation) == {"focus": "coding"}
    assert turn.changed == ("focus",)


def test_a_brain_that_fails_to_load_ends_the_conversation_with_the_reason() -> None:
    def broken() -> Dialogue:
        raise RuntimeError("careers/lpn.toml: facts.0.quote: not found in the source")

    turn = Conversation(broken).start()
    assert turn.ended and texts(turn) == ["I couldn't load my sources: careers/lpn.toml: facts.0.quote: not found "
                                          "in the source"]


# --- picks carry ids ---------------------------------------------------------------------------------------


def test_a_pick_for_a_question_no_longer_open_is_refused_and_said() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "coding")
    following = open_id(conversation)
    turn = conversation.pick("focus", "records")  # the same button, a second time (a fast double press)
    assert answers(conversation) == {"focus": "coding"}
    assert "ignored it" in texts(turn)[0] and turn.changed == ()
    assert open_id(conversation) == following != "focus"


def test_a_fast_burst_never_sends_a_label_to_the_next_question() -> None:
    """'1', then '1 1' arriving in one read: the second pick is stale and the text is not an answer."""
    conversation, _ = talk()
    conversation.pick("focus", "records")
    conversation.pick("focus", "records")
    conversation.say("1 1")
    assert answers(conversation) == {"focus": "records"}
    skip_to(conversation, "pay_min")
    conversation.pick("patient_contact", "none")
    conversation.say("1 1")
    assert "pay_min" not in answers(conversation)


def test_a_pick_of_an_option_the_question_does_not_have_is_refused() -> None:
    conversation, _ = talk()
    turn = conversation.pick("focus", "astronaut")
    assert answers(conversation) == {} and "ignored it" in texts(turn)[0]


# --- corrections land where they belong --------------------------------------------------------------------


@pytest.mark.parametrize("open_question", ["patient_contact", "schedule"])
def test_a_correction_about_exams_is_stored_under_exams_whatever_is_open(open_question: str) -> None:
    conversation, _ = talk()
    skip_to(conversation, open_question)
    before = answers(conversation)
    turn = conversation.say("actually I don't want to do any exams")
    assert answers(conversation) == {**before, "exam": "no"}
    assert turn.changed == ("exam",) and open_id(conversation) == open_question


def test_an_answer_about_exams_typed_at_another_question_goes_to_exams_too() -> None:
    conversation, _ = talk()
    skip_to(conversation, "patient_contact")
    conversation.say("I don't want to do any exams")
    assert answers(conversation) == {"exam": "no"} and open_id(conversation) == "patient_contact"


@pytest.mark.parametrize("text, question, value", [
    ("actually I'd prefer some patient contact, not lots", "patient_contact", "some"),
    ("on second thought, some, not lots", "patient_contact", "some"),
    ("change my pay to 30k", "pay_min", 30000),
    ("make that 18 months", "training_months", 18),
    ("actually weekends are fine", "schedule", "any"),
    ("actually I'd rather do coding", "focus", "coding"),
])
def test_corrections_in_a_students_words(text: str, question: str, value: object) -> None:
    conversation, _ = talk()
    conversation.pick("focus", "records")
    conversation.say(text)
    assert answers(conversation)[question] == value


def test_a_correction_that_fits_several_questions_asks_which_and_a_pick_settles_it() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "records")
    turn = conversation.say("actually yes")
    assert turn.prompt is not None and turn.prompt.id == "clarify" and turn.owner == "clarify"
    assert {"exam", "computer_work", "schedule"} <= {c.id for c in turn.choices}
    assert answers(conversation) == {"focus": "records"}
    turn = conversation.pick("clarify", "exam")
    assert answers(conversation)["exam"] == "yes" and turn.prompt is None
    assert "ignored it" in texts(conversation.pick("clarify", "schedule"))[0]  # that prompt is closed


def test_which_one_can_be_answered_in_words() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "records")
    conversation.say("actually yes")
    conversation.say("the exams one")
    assert answers(conversation) == {"focus": "records", "exam": "yes"}


def test_answering_the_open_question_instead_of_which_one_stores_that_answer() -> None:
    """At 'which did you mean?' the student typed the open question's option instead. 'Keeping patient records
    complete and accurate' has the word 'patient', so it was read as naming the patient-contact candidate and
    stored lots of patient contact: a correction under the wrong question."""
    conversation, _ = talk()
    turn = conversation.say("actually yes")
    assert turn.prompt is not None and turn.prompt.id == "clarify"
    conversation.say("Keeping patient records complete and accurate")
    assert answers(conversation) == {"focus": "records"}
    conversation.say("actually yes")
    conversation.say("the patient contact one")  # naming the candidate still chooses it
    assert answers(conversation) == {"focus": "records", "patient_contact": "lots"}


# --- nothing destructive in one key ------------------------------------------------------------------------


def test_start_over_asks_first_and_no_keeps_the_answers() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "coding")
    turn = conversation.say("start over")
    assert turn.owner == "restart" and answers(conversation) == {"focus": "coding"}
    conversation.pick("restart", "no")
    assert answers(conversation) == {"focus": "coding"}


def test_back_right_after_a_restart_brings_the_answers_back() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "coding")
    conversation.say("no patient contact")  # names its topic: the next question asked depends on the sources
    conversation.restart()
    turn = conversation.pick("restart", "yes")
    assert answers(conversation) == {} and any("back" in text for text in texts(turn))
    turn = conversation.say("back")
    assert answers(conversation) == {"focus": "coding", "patient_contact": "none"}
    assert texts(turn)[0] == "Your 2 answers are back."


def test_after_a_new_answer_back_undoes_that_answer_only() -> None:
    conversation, _ = talk()
    conversation.pick("focus", "coding")
    conversation.restart()
    conversation.pick("restart", "yes")
    conversation.pick("focus", "imaging")
    conversation.say("back")
    assert answers(conversation) == {}


def test_start_over_from_the_finished_quiz_asks_first() -> None:
    conversation, turn = talk()
    turn = finish(conversation)
    assert turn.owner == "finished" and [c.label for c in turn.choices] == ["See results", "Start over"]
    kept = answers(conversation)
    turn = conversation.pick("finished", "restart")
    assert turn.owner == "restart" and answers(conversation) == kept


def answer_open(conversation: Conversation, turn: Turn) -> Turn:
    """Answer the open question with its first option, or a number in words."""
    question = turn.question
    assert question is not None
    if question.choices:
        return conversation.pick(question.id, question.choices[0].id)
    return conversation.say("2 years" if question.id == "training_months" else "40k")


def finish(conversation: Conversation) -> Turn:
    """Answer every question with its first option (or a number), on past a settled result."""
    turn = conversation.view()
    for _ in range(30):
        if open_id(conversation) is None:
            return turn
        turn = answer_open(conversation, turn)
    raise AssertionError("the quiz never finished")


# --- the results open once ---------------------------------------------------------------------------------


def settle(conversation: Conversation) -> tuple[Turn, list[Turn]]:
    """Answer in words until the result settles: the settling turn, and every turn before it."""
    before: list[Turn] = []
    for message in ("coding", "1 year", "none", "40k", "yes", "ok", "no", "yes", "any"):
        turn = conversation.say(message)
        if any(m.kind == "stable" for m in turn.messages):
            return turn, before
        before.append(turn)
    raise AssertionError("the result never settled")


def test_the_results_open_by_themselves_when_the_result_first_settles() -> None:
    conversation, _ = talk()
    turn, before = settle(conversation)
    assert [t.opens for t in before] == [None] * len(before)
    assert turn.opens == "results"
    kinds = [m.kind for m in turn.messages]
    assert kinds.index("stable") < kinds.index("question")  # the quiz goes on under the results
    said = texts(turn)[kinds.index("stable") + 1]
    assert "keep answering" in said and "'actually …'" in said
    assert turn.prompt is None and turn.question is not None and turn.owner == turn.question.id
    assert not conversation.dialogue.state.finished  # type: ignore[union-attr]


def test_after_the_settled_results_answers_and_corrections_stay_in_the_chat() -> None:
    conversation, _ = talk()
    turn, _ = settle(conversation)
    turn = answer_open(conversation, turn)
    assert turn.opens is None and turn.changed
    turn = conversation.say("actually I don't want any exams")
    assert turn.opens is None and turn.changed == ("exam",)
    turn = conversation.say("back")
    assert turn.opens is None
    assert conversation.say("results").opens == "results"


def test_a_result_that_settles_again_after_a_change_does_not_reopen_them() -> None:
    conversation, _ = talk()
    settle(conversation)
    turns = [conversation.say("actually I'd like taking x-rays")]  # another top pick: not settled any more
    for message in ("2 years", "lots", "40k", "ok"):
        turns.append(conversation.say(message))
    again = [t for t in turns if any(m.kind == "stable" for m in t.messages)]
    assert len(again) == 1 and not conversation.dialogue.state.finished  # type: ignore[union-attr]
    assert [t.opens for t in turns] == [None] * len(turns)
    kinds = [m.kind for m in again[0].messages]
    assert "'results' to see them again" in texts(again[0])[kinds.index("stable") + 1]


def test_the_results_open_once_when_the_quiz_ends_then_only_when_asked() -> None:
    conversation, _ = talk()
    opened = []
    turn = conversation.view()
    for _ in range(30):
        if open_id(conversation) is None:
            break
        turn = answer_open(conversation, turn)
        opened.append(turn.opens)
    settled = next(i for i, t in enumerate(opened) if t == "results")
    assert opened[-1] == "results" and opened.count("results") == 1 + (settled < len(opened) - 1)
    assert "ask me anything" in " ".join(texts(turn))
    assert conversation.say("actually I can do 3 years").opens is None
    assert conversation.say("actually, no exams").opens is None
    assert conversation.say("back").opens is None  # the exams correction undone
    assert conversation.say("back").opens is None  # the training correction undone
    assert conversation.say("back").opens is None and open_id(conversation) is not None  # the last answer
    assert answer_open(conversation, conversation.view()).opens is None  # finished again: not reopened
    assert conversation.say("results").opens == "results"
    assert conversation.pick("finished", "results").opens == "results"


def test_after_a_restart_the_results_open_again_when_the_new_result_settles() -> None:
    conversation, _ = talk()
    settle(conversation)
    conversation.say("restart")
    conversation.pick("restart", "yes")
    turn, _ = settle(conversation)
    assert turn.opens == "results"


def test_the_turn_says_whether_the_results_opened_by_themselves_or_were_asked_for() -> None:
    conversation, _ = talk()
    turn, _ = settle(conversation)
    assert turn.opens == "results" and turn.unasked
    assert conversation.say("results").opens == "results" and not conversation.say("results").unasked
    assert conversation.say("compare").opens == "compare" and not conversation.say("compare").unasked
    assert not conversation.say("help").unasked


SETTLED_FROM_FILE = {"focus": "coding", "training_months": 12}
"""Two answers after which no remaining answer can change the top pick (the medical coder)."""


def from_file(answers: dict, **kwargs: object) -> Conversation:
    """A conversation started as `career-quiz --answers FILE` starts it: the dialogue holds the file's answers."""
    state = SessionState(answers=dict(answers), order=list(answers))
    return Conversation(lambda: Dialogue(engine=ENGINE, state=deepcopy(state)), **kwargs)  # type: ignore[arg-type]


def test_answers_from_a_file_that_settle_the_result_open_the_results_at_the_start_once() -> None:
    conversation = from_file(SETTLED_FROM_FILE, intro="Started with 2 answers from answers.toml.")
    turn = conversation.start()
    assert turn.opens == "results" and turn.unasked
    kinds = [m.kind for m in turn.messages]
    assert kinds[0] == "note" and kinds.index("stable") < kinds.index("question")
    assert "keep answering" in texts(turn)[kinds.index("stable") + 1]  # as when an answer settles it mid-quiz
    turn = answer_open(conversation, turn)
    assert turn.opens is None and turn.changed
    turn = conversation.say("actually I'd like taking x-rays")  # unsettles, then settles again: not reopened
    for message in ("2 years", "lots", "40k", "ok"):
        assert turn.opens is None
        turn = conversation.say(message)
    assert conversation.say("results").opens == "results"


def test_answers_from_a_file_that_finish_the_quiz_open_the_results_once_and_say_so() -> None:
    finished = Conversation(lambda: Dialogue(engine=ENGINE))
    finished.start()
    finish(finished)
    conversation = from_file(answers(finished))
    turn = conversation.start()
    assert turn.opens == "results" and turn.unasked and turn.question is None
    assert "ask me anything" in " ".join(texts(turn))
    assert conversation.say("actually, no exams").opens is None


def test_answers_from_a_file_that_settle_nothing_open_nothing() -> None:
    turn = from_file({"focus": "records"}).start()
    assert turn.opens is None and turn.question is not None


def test_results_asked_for_while_the_sources_load_open_once_they_are() -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    conversation.opening()
    conversation.say("results")
    turn = conversation.start()
    assert turn.opens == "results" and not turn.unasked


def test_results_asked_for_while_loading_answers_from_a_file_that_settle_win_over_opening_by_themselves() -> None:
    conversation = from_file(SETTLED_FROM_FILE)
    conversation.opening()
    conversation.say("compare")
    turn = conversation.start()
    assert turn.opens == "compare" and not turn.unasked


# --- saved sessions ----------------------------------------------------------------------------------------

SAVED = SessionState(answers={"focus": "records", "patient_contact": "none"}, order=["focus", "patient_contact"],
                     current="pay_min")


def test_a_saved_session_is_offered_and_continued() -> None:
    sessions = MemorySessions(SAVED)
    conversation, turn = talk(sessions)
    assert turn.owner == "resume" and [c.id for c in turn.choices] == ["continue", "fresh"]
    assert texts(turn)[-1] == ("You have a saved session with 2 answers (kind of work, patient contact). "
                               "Continue, or start fresh?")
    turn = conversation.pick("resume", "continue")
    assert answers(conversation) == SAVED.answers
    assert texts(turn)[0].startswith("Welcome back. Your answers so far:")


def test_an_answer_typed_at_the_offer_never_discards_the_saved_session() -> None:
    sessions = MemorySessions(SAVED)
    conversation, _ = talk(sessions)
    turn = conversation.say("coding")
    assert answers(conversation) == {} and turn.owner == "resume"
    assert texts(turn)[0].startswith("First choose")
    assert conversation.say("what does an LPN earn?").messages[0].kind == "answer"  # questions are answered
    turn = conversation.pick("focus", "coding")  # a button of the question under the offer
    assert answers(conversation) == {} and turn.owner == "resume"
    conversation.say("actually no exams")
    assert answers(conversation) == {} and sessions.saved is not None and sessions.saved.answers == SAVED.answers
    conversation.say("start fresh")
    assert sessions.saved.answers == SAVED.answers  # replaced only by the first answer
    conversation.say("coding")
    assert sessions.saved.answers == {"focus": "coding"}


def test_answers_queued_before_loading_make_the_offer_a_choice_between_two_sessions() -> None:
    sessions = MemorySessions(SAVED)
    conversation = Conversation(lambda: Dialogue(engine=ENGINE), sessions)
    conversation.opening()
    conversation.pick("focus", "coding")
    turn = conversation.start()
    assert answers(conversation) == {"focus": "coding"} and turn.owner == "resume"
    assert "also started a new one (1 answer)" in texts(turn)[-1]
    assert [c.label for c in turn.choices] == ["Continue", "Keep the new one"]
    assert sessions.saved.answers == SAVED.answers
    conversation.pick("resume", "fresh")
    assert sessions.saved.answers == {"focus": "coding"}


def test_forget_me_asks_then_deletes_and_starts_over() -> None:
    sessions = MemorySessions()
    conversation, _ = talk(sessions)
    conversation.pick("focus", "coding")
    turn = conversation.say("Forget me!")
    assert turn.owner == "forget" and sessions.saved is not None
    conversation.say("no")
    assert sessions.saved is not None and answers(conversation) == {"focus": "coding"}
    conversation.forget()
    turn = conversation.pick("forget", "yes")
    assert sessions.saved is None and answers(conversation) == {}
    assert texts(turn)[0].startswith("Deleted: /tmp/career-quiz-test/session.json.")


def test_forget_me_without_saving_says_there_is_nothing_to_forget() -> None:
    conversation, _ = talk(MemorySessions(enabled=False))
    turn = conversation.say("forget me")
    assert turn.prompt is None and texts(turn)[0].startswith("This session saves nothing")


def test_forget_me_at_the_restart_prompt_is_not_a_yes_to_restarting() -> None:
    conversation, _ = talk(MemorySessions())
    conversation.pick("focus", "coding")
    conversation.say("restart")
    turn = conversation.say("forget me")
    assert turn.owner == "forget" and answers(conversation) == {"focus": "coding"}


# --- demo students -----------------------------------------------------------------------------------------


def test_a_demo_student_is_replayed_turn_by_turn() -> None:
    persona = load_personas(ENGINE.rulebook)[0]
    conversation, _ = talk()
    conversation.pick("focus", "imaging")
    turn = conversation.play(persona)
    assert answers(conversation) == dict(persona.answers)
    said = [m.text for m in turn.messages if m.kind == "said"]
    assert len([s for s in said if s != "skip"]) == len(persona.answers)
    assert turn.messages[0].kind == "note" and persona.name in turn.messages[0].text
    assert turn.opens is None


# --- what the result says ----------------------------------------------------------------------------------


@pytest.mark.parametrize("said", [["none"], ["records", "none", "2 years"], ["coding", "none", "1 year", "40k"]])
def test_the_result_in_the_chat_shows_evidence_and_says_a_near_tie(said: list[str]) -> None:
    conversation, _ = talk()
    if said[0] == "none":
        conversation.say("skip")
    for text in said:
        conversation.say(text)
    turn = conversation.say("results")
    reply = next(m for m in turn.messages if m.kind == "result")
    result = conversation.dialogue.result()  # type: ignore[union-attr]
    for rec in result.recommendations[:3]:
        assert f"{rec.name} — match {rec.score}/100, {rec.evidence}" in reply.text
    tie = result.near_tie
    assert (tie is not None) == ("A near tie:" in reply.text)
    assert tie is None or tie.sentence in reply.text


def test_compare_them_after_a_question_about_two_careers_compares_those_two() -> None:
    """The conversation reads a message with the dialogue's memory: 'compare them' is about the careers just
    asked about, not a request to open the top careers side by side."""
    conversation, _ = talk()
    conversation.say("how much do cancer registrars and health information managers make?")
    turn = conversation.say("compare them")
    assert turn.opens != "compare"
    said = " ".join(texts(turn))
    assert "Cancer registrar" in said and "Health information manager" in said
