"""The conversation: which question comes next, reading free text, chat intents, and when to stop asking.

`Dialogue` holds a `SessionState` (answers in the order given, skipped questions, the question on the table)
and turns each message into bot replies. Text it cannot read is re-asked with a hint and nothing is stored.
An answer is stored under the question it belongs to (`rules.placement`), which is not always the open one;
when it could belong to several, the dialogue asks which (`clarify`). The conversation around it (saved
sessions, prompts, what to open) is `rules.conversation.Conversation`; front ends talk to that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from knowledge.records import FORBID, Exact
from rules import explain
from rules.answerer import Answerer
from rules.builtin import builtin_engine
from rules.compare import COMPARED
from rules.engine import Engine
from rules.intents import Intent, asks_about_careers, classify, looks_like_question
from rules.models import AnswerValue, Answers, Progress, Question, Reply, Result
from rules.names import find_careers
from rules.opening import GREETING, question_heading
from rules.parsing import check_value, states_a_liking, states_spending
from rules.placement import (Clauses, Placement, in_option_words, place_answer, place_correction,
                             place_statements, read_clauses, statement_then_question)
from rules.reader import Memory, Query, opens_as_question, read
from rules.text import without_controls
from rules.stability import is_stable, next_question, planned, remaining

SESSION_VERSION = 2
"""2 added `recall` (what the follow-up questions refer to). Version 1 files are still read (they recall nothing)."""
READABLE_VERSIONS = frozenset({1, 2})
MAX_MESSAGE = 2000
"""Longer messages are cut before reading (a 10,000-character paste is still answered, not parsed whole)."""

HELP = (
    "Answer with the option buttons, an option's number (2, then Enter), or in your own words "
    "('about $40k', 'two years max').\n"
    "You can also say:\n"
    "• why — why I ask this question • how — how I ranked the careers\n"
    "• why not LPN? — what keeps a career below the top • what if I said 2 years? — try an answer without saving\n"
    "• actually I can do 2 years — change an earlier answer • back — undo the last answer • skip\n"
    "• tell me about coders • what does an LPN earn? • compare coder and registrar\n"
    "• sources — list my sources • results — see the recommendation now • restart"
)


@dataclass(frozen=True)
class Stored:
    """One answer stored: its question and the answer it replaced (None for a first answer)."""

    __pydantic_config__ = FORBID

    question: Exact[str]
    earlier: Exact[str] | Exact[int] | None = None


@dataclass(frozen=True)
class Recall:
    """What the student last asked about, saved so that "and for nurses?" still makes sense after a resume."""

    __pydantic_config__ = FORBID

    careers: tuple[Exact[str], ...] = ()
    topic: Exact[str] | None = None
    operation: Exact[str] | None = None


@dataclass
class SessionState:
    """Everything needed to resume a conversation; saved after every answer.

    A plain mutable dataclass that the dialogue updates on every turn. A saved session is read back strictly by
    tui.sessions (pydantic, at the file boundary): unknown keys and values of the wrong type are refused.
    """

    __pydantic_config__ = FORBID

    version: Exact[int] = SESSION_VERSION
    answers: dict[Exact[str], Exact[str] | Exact[int]] = field(default_factory=dict)
    order: list[Exact[str]] = field(default_factory=list)
    skipped: list[Exact[str]] = field(default_factory=list)
    current: Exact[str] | None = None
    stable_announced: Exact[bool] = False
    finished: Exact[bool] = False
    history: list[Stored] = field(default_factory=list)
    """Every answer stored, in turn, with the answer it replaced. 'back' undoes the latest: a correction gets its
    earlier answer back. A session saved without it goes back by `order` (each answer in turn removed)."""
    recall: Recall = field(default_factory=Recall)
    """The careers, topic and operation of the last question answered, for follow-ups (version 2)."""

    def __post_init__(self) -> None:
        # Own copies, as a validated model had: the caller's dict or list is never changed by the dialogue.
        self.answers, self.order, self.skipped = dict(self.answers), list(self.order), list(self.skipped)
        self.history = list(self.history)

    def to_json(self) -> str:
        """The saved form: indented JSON, fields in order, text as typed (not \\u-escaped)."""
        import json

        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_data(cls, data: object) -> SessionState:
        """A saved session read back: validated strictly, pydantic.ValidationError when it does not fit."""
        from pydantic import TypeAdapter

        state = TypeAdapter(cls).validate_python(data)
        state.version = SESSION_VERSION  # read as this version; saved as this version from now on
        return state


def _topics() -> frozenset[str]:
    from rules.vocabulary import builtin_vocabulary

    return frozenset(builtin_vocabulary().topics)


class Dialogue:
    """One conversation with one student."""

    def __init__(self, engine: Engine | None = None, state: SessionState | None = None, *,
                 given: bool = False) -> None:
        self.engine = engine or builtin_engine()
        self.state = state or SessionState()
        self.given = given
        """The state's answers were given at the start (`--answers FILE`), not saved by an earlier session: the
        greeting says so instead of "Welcome back"."""
        self._answerer: Answerer | None = None
        self._answered_since = False
        """A quiz answer was stored after the last question the student asked: "is it hard?" now points at the
        question on screen, not at what was asked before (not saved with the session)."""
        self._ranked_first: str | None = None
        """The career the last ranking shown put first ("what about that one?"); not saved with the session."""
        self.clarify: tuple[tuple[str, AnswerValue], ...] = ()
        """(question id, value) pairs an answer could mean, after a `clarify` reply asked which."""

    # --- state ---------------------------------------------------------------------------------------

    @property
    def memory(self) -> Memory:
        """What the student last asked about (careers, topic), for follow-ups like "and LPNs?"; kept in the
        session, so it is saved and resumed with the answers. Careers or a topic this knowledge base or
        vocabulary doesn't know (a file edited by hand, an older vocabulary) are forgotten, not trusted."""
        recall = self.state.recall
        careers = tuple(c for c in recall.careers if c in self.engine.kb.careers)
        topic = recall.topic if recall.topic in _topics() else None
        return Memory(careers=careers, topic=topic, operation=recall.operation, top=self._ranked_first)

    @memory.setter
    def memory(self, memory: Memory) -> None:
        self.state.recall = Recall(careers=tuple(memory.careers), topic=memory.topic, operation=memory.operation)
        self._ranked_first = memory.top

    @property
    def answers(self) -> Answers:
        return dict(self.state.answers)

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(self.state.skipped)

    @property
    def current(self) -> Question | None:
        return self.engine.rulebook.question(self.state.current) if self.state.current else None

    def progress(self) -> Progress:
        answers, skipped = self.state.answers, self.skipped
        stable = is_stable(self.engine, answers, skipped)
        left = remaining(self.engine, answers, skipped)
        return Progress(answered=len(answers), remaining_max=0 if stable else len(left),
                        total=len(self.engine.questions), stable=stable)

    def result(self) -> Result:
        return planned(self.engine, self.engine.recommend(self.state.answers), self.skipped)

    # --- turns ---------------------------------------------------------------------------------------

    def start(self) -> list[Reply]:
        """Greeting and the first question (or, for a resumed session, where we left off)."""
        greeting = Reply(kind="greeting", text=GREETING.format(total=len(self.engine.questions)))
        if self.state.answers:
            summary = "; ".join(f"{self.engine.rulebook.question(q).text} → "
                                f"{self.engine.rulebook.question(q).label(v)}" for q, v in self.state.answers.items())
            if self.given:
                count = len(self.state.answers)
                greeting = Reply(kind="greeting", text=f"{greeting.text}\nYou start with {count} answer"
                                                       f"{'s' if count != 1 else ''} from the answers file: {summary}")
            else:
                greeting = Reply(kind="greeting", text=f"Welcome back. Your answers so far: {summary}")
        return [greeting, *self._ask_next()]

    def choose(self, value: AnswerValue) -> list[Reply]:
        """Answer the current question with an option value or a number (buttons, an option's number)."""
        question = self.current
        if question is None:
            return [Reply(kind="error", text="There is no open question. Say 'more questions' or 'restart'.")]
        parsed = check_value(question, value)
        if parsed.value is None:
            return [Reply(kind="reprompt", text=parsed.error or question.hint, question=question.id)]
        return self._store(question.id, parsed.value)

    def handle(self, text: str) -> list[Reply]:
        """Any message: an answer to the current question, a chat intent, or a question for the sources."""
        text = without_controls(text)[:MAX_MESSAGE].strip()
        if not text:
            hint = self.current.hint if self.current else "Say 'results', 'restart' or ask me a question."
            return [Reply(kind="reprompt", text=f"I didn't catch anything there. {hint}",
                          question=self.state.current)]
        self.clarify = ()
        question = self.current
        spelt = _spelt(text)  # an answer is read with chat spellings written out: "help ppl" helps people
        if question is not None:
            both = self._said_and_asked(text, question)
            if both is not None:  # "no nights, do hospitals make u work nights?": stored, then answered
                return both
        if not looks_like_question(text) and states_spending(text):
            return self._budget(text)
        intent = classify(self.engine.kb, text, self._context(text))
        if question is not None and not looks_like_question(text) and (intent is None or "query" in intent.extra):
            several = place_statements(self.engine.questions, spelt)
            if several:  # "i like computers but hate needles": every preference counts, not just one
                return self._store_all(several)
        if intent is not None and "query" in intent.extra and intent.extra["query"].selects \
                and not intent.extra["query"].careers:
            several = place_statements(self.engine.questions, spelt)
            if several:  # "i like computers but hate needles, what should i be?": ranked on every preference
                ranked = explain.fit_for(self.engine, dict(several))
                return [replace(ranked, kind="answer", answer_kind="ranking",
                                query=intent.extra["query"].as_json())]
        if intent is not None and "query" in intent.extra and question is not None and not looks_like_question(text):
            # "a year max" at the training question reads as an answer, not as a question about pay per year:
            # a statement the open question can take is that question's answer; so is one in the words of
            # one of its options only ("coding for insurance" is the coding option, not insurance benefits).
            placement = place_answer(self.engine.questions, spelt, question)
            if placement.found is not None and placement.found[0] == question.id and (
                    not asks_about_careers(intent.extra["query"], question.id)
                    or in_option_words(question, text, placement.found[1])):
                return self._place_unless_clashing(placement, spelt)
        if intent is not None:
            return self._intent(intent, text)
        if question is not None:
            placement = place_answer(self.engine.questions, spelt, question)
            if placement.candidates:
                return self._place_unless_clashing(placement, spelt)
            if not looks_like_question(text):
                clauses = read_clauses(self.engine.questions, spelt)
                if clauses.clashes:  # "nights are fine but no weekends": name both readings, not "couldn't match"
                    return self._clashed(clauses)
                return [Reply(kind="reprompt", text=f"Sorry — {placement.error or question.hint}",
                              question=question.id)]
        return [self._search(text)]

    def _said_and_asked(self, text: str, question: Question) -> list[Reply] | None:
        """A preference or an answer followed by a question in one message: the answer is stored and the
        question answered ("yeah thats fine. does it hurt your eyes tho"). "i hate needles, what should i be?"
        asks for a ranking on what was just said: it comes on every answer so far, saying how many.

        The statement must read as an answer and name no career ("coding, how long does it take?" asks about
        coders); the rest must read as a question. None when the message is not of that shape."""
        for statement, asked in statement_then_question(text):
            if looks_like_question(statement) or not opens_as_question(asked):
                continue
            said = self._preferences(statement, question)
            if isinstance(said, Clauses):  # "…but i hate blood, what should i be?": ask first, rank after
                return self._clashed(said, asked=True)
            if not said:
                continue
            context = self._context(asked)  # read while the question is still open
            named = read(self.engine.kb, statement)
            if named.careers and not named.assumed:  # "x rays sound cool, how much do they make": they = x-ray techs
                context = replace(context, careers=named.careers)
            query = read(self.engine.kb, asked, context)
            intent = classify(self.engine.kb, asked, context)
            own = read(self.engine.kb, asked)  # without the open question's topic: "what should i be?" has none
            ranks = own.selects and (not own.careers or own.assumed) and (
                own.topic is None or any(q in self._quiz_questions(own.topic) for q, _v in said))
            replies = self._store_all(said)
            if ranks:
                answer = explain.fit_for(self.engine, dict(self.state.answers), stored=True)
                answer = replace(answer, kind="answer", answer_kind="ranking", query=query.as_json())
                self._ranked_first = self.engine.top(self.state.answers)  # "what about that one?"
            elif intent is not None and intent.kind in {"fact", "about", "compare"}:
                answer = self._intent(intent, asked)[0]
            else:
                answer = self._answer(query)
            return [replies[0], answer, *replies[1:]]
        return None

    def _preferences(self, statement: str, question: Question) -> tuple[tuple[str, AnswerValue], ...] | Clauses:
        """The answers a statement gives (several, one per clause, or one), if it reads as an answer at all;
        its clauses when two of them answer one question differently (a clash: nothing of it may be guessed)."""
        intent = classify(self.engine.kb, statement, self._context(statement))
        query = intent.extra.get("query") if intent is not None else None
        if intent is not None and query is None:
            return ()  # a command or a question about the result
        plain = query or read(self.engine.kb, statement)
        if plain.careers and not plain.assumed and not plain.remembered and not states_a_liking(statement):
            return ()  # "coding, how long does it take?": the statement names what the question is about
        spelt = _spelt(statement)
        several = place_statements(self.engine.questions, spelt)
        if several:
            return several
        placement = place_answer(self.engine.questions, spelt, question)
        clauses = self._clash_over(placement, spelt)
        if clauses is not None:
            return clauses
        return (placement.found,) if placement.found is not None else ()

    def _clash_over(self, placement: Placement, text: str) -> Clauses | None:
        """The message's clauses, when two of them answer differently the question it would be stored under
        ("i like helping people but i hate blood" reads whole as Lots; its second clause says None)."""
        if not placement.candidates:
            return None
        clauses = read_clauses(self.engine.questions, text)
        placed = {question for question, _value in placement.candidates}
        return clauses if any(c.question in placed for c in clauses.clashes) else None

    def _place_unless_clashing(self, placement: Placement, text: str) -> list[Reply]:
        clauses = self._clash_over(placement, text)
        if clauses is not None:
            return self._clashed(clauses, asked=looks_like_question(text))
        return self._place(placement)

    @staticmethod
    def _quiz_questions(topic: str) -> frozenset[str]:
        from rules.vocabulary import builtin_vocabulary

        return builtin_vocabulary().quiz_questions(topic)

    def answer(self, question_id: str, value: AnswerValue) -> list[Reply]:
        """Store a checked answer to any question (a clarified correction); re-asks the open question."""
        question = self.engine.rulebook.question(question_id)
        parsed = check_value(question, value)
        if parsed.value is None:
            return [Reply(kind="reprompt", text=parsed.error or question.hint, question=question.id)]
        return self._store(question_id, parsed.value)

    def restart(self) -> list[Reply]:
        """Clear every answer and ask the first question again (what was last asked about is kept)."""
        self.state = SessionState(recall=self.state.recall)
        self.clarify = ()
        return [Reply(kind="info", text="Starting over: all answers cleared."), *self._ask_next()]

    # --- answering -----------------------------------------------------------------------------------

    def _place(self, placement: Placement) -> list[Reply]:
        """Store an answer where it belongs, or ask which question it answers when it fits several."""
        found = placement.found
        if found is not None:
            return self._store(*found)
        self.clarify = placement.candidates
        named = ", ".join(self.engine.rulebook.question(q).short for q, _ in placement.candidates)
        return [Reply(kind="clarify", text=f"That could answer more than one question ({named}). "
                                           "Which did you mean?")]

    def _clashed(self, clauses: Clauses, asked: bool = False) -> list[Reply]:
        """One message gave a question two answers ("i like helping people but i hate blood": lots and none).
        Neither is stored — a wrong guess is worse than asking. The other answers it gave are kept; the first
        clashing question is asked now, naming both readings and any option between them ("Some is fine"): an
        advisor would ask which matters more, and the middle option is often what such a student means, but
        only the student can say so."""
        replies = self._store_all(clauses.answers) if clauses.answers else []
        replies = [reply for reply in replies if reply.kind != "question"]
        clash = clauses.clashes[0]
        question = self.engine.rulebook.question(clash.question)
        readings = [f"“{clause}” sounds like “{question.label(value)}”" for clause, value in clash.readings]
        text = (f"You said two things about {question.short}: {', but '.join(readings)}. "
                "I haven't stored either.")
        between = _between(question, [value for _clause, value in clash.readings])
        if between:
            text += " " + " or ".join(f"“{question.label(value)}”" for value in between) + (
                " sits between them.")
        text += " Which is closer?" + (" Answer below and ask again: I'll rank the careers on it." if asked else "")
        others = [self.engine.rulebook.question(c.question).short for c in clauses.clashes[1:]]
        if others:  # "no nights but weekends ok, i like people but hate blood": one question at a time
            text += f" (You also said two things about {' and '.join(others)}; nothing is stored for that either.)"
        self.clarify = ()
        self.state.current = question.id
        return [*replies, Reply(kind="clarify", text=text), self._question_reply(question)]

    def _store(self, question_id: str, value: AnswerValue) -> list[Reply]:
        return self._store_all(((question_id, value),))

    def _store_all(self, answers: tuple[tuple[str, AnswerValue], ...]) -> list[Reply]:
        """Store one answer or several given in one message (each undone by its own 'back'), then say so once."""
        self.clarify = ()
        self._answered_since = True
        state = self.state
        was_stable = is_stable(self.engine, state.answers, self.skipped)
        before_top = self.engine.top(state.answers)
        first = not state.answers
        said = []
        for question_id, value in answers:
            question = self.engine.rulebook.question(question_id)
            state.history.append(Stored(question=question_id, earlier=state.answers.get(question_id)))
            state.answers[question_id] = value
            if question_id in state.order:
                state.order.remove(question_id)
            state.order.append(question_id)
            if question_id in state.skipped:
                state.skipped.remove(question_id)
            said.append(f"{question.short}: {question.label(value)}")
        top = self.engine.top(state.answers)
        name = self.engine.kb.careers[top].name
        moved = f" Your top match is now {name}." if top != before_top or first else ""
        replies = [Reply(kind="ack", text=f"Got it — {'; '.join(said)}.{moved}")]
        if was_stable and top != before_top:
            state.stable_announced = False
        elsewhere = [q for q, _v in answers if q != state.current]
        changed = elsewhere[0] if elsewhere and state.current not in dict(answers) else None
        return replies + self._ask_next(changed=changed)

    def _ask_next(self, changed: str | None = None) -> list[Reply]:
        state = self.state
        replies: list[Reply] = []
        stable = is_stable(self.engine, state.answers, self.skipped)
        if stable and not state.stable_announced and state.answers:
            state.stable_announced = True
            result = self.engine.recommend(state.answers)
            text = (f"That settles it: no remaining answer can change the top pick, "
                    f"{result.recommendations[0].name}.")
            if result.near_tie is not None:
                text += f"\nIt is close, though: {result.near_tie.sentence}"
            replies.append(Reply(kind="stable", text=text))
        if changed is not None and state.current and state.current not in state.answers:
            return replies + [self._question_reply(self.engine.rulebook.question(state.current))]
        following = next_question(self.engine, state.answers, self.skipped)
        state.current = following
        if following is None:
            state.finished = True
            replies.append(self._result_reply())
        else:
            replies.append(self._question_reply(self.engine.rulebook.question(following)))
        return replies

    def _question_reply(self, question: Question) -> Reply:
        done = len(self.state.answers)
        left = len(remaining(self.engine, self.state.answers, self.skipped))
        return Reply(kind="question", text=question_heading(done, left, question.text), question=question.id)

    def _result_reply(self) -> Reply:
        result = self.result()
        lines = ["Here is how the careers rank for your answers:"]
        for rec in result.recommendations[:COMPARED]:
            lines.append(f"{rec.rank}. {rec.name} — match {rec.score}/100, {rec.evidence}"
                         + (f" (doesn't fit: {self._shorts(rec.mismatches)})" if rec.mismatches else ""))
        if result.near_tie is not None:
            lines.append(f"A near tie: {result.near_tie.sentence}")
        top = result.recommendations[0]
        lines.append(f"Ask 'how' to see why {top.name} leads, 'why not …' about any other career, "
                     "or open the results for every reason and its source.")
        citations = [c for r in top.reasons if r.direction == "for" for c in r.citations][:4]
        return Reply(kind="result", text="\n".join(lines), citations=citations)

    # --- intents -------------------------------------------------------------------------------------

    def _intent(self, intent: Intent, text: str) -> list[Reply]:
        """Each intent kind of `rules.intents` has its `_on_<kind>` handler here."""
        return getattr(self, f"_on_{intent.kind}")(intent, text)

    def _on_back(self, intent: Intent, text: str) -> list[Reply]:
        """Undo the latest answer: a correction gets the earlier answer back; a first answer is taken back and
        its question asked again."""
        state = self.state
        while state.history and state.history[-1].question not in state.answers:
            state.history.pop()  # an answer already taken back another way (a session saved by an older version)
        stored = state.history.pop() if state.history else Stored(question=state.order[-1]) if state.order else None
        if stored is None:
            return [Reply(kind="info", text="There is nothing to go back to yet.")]
        last, earlier = stored.question, stored.earlier
        question = self.engine.rulebook.question(last)
        value = state.answers[last]
        if earlier is not None:
            state.answers[last] = earlier
            state.stable_announced = is_stable(self.engine, state.answers, self.skipped) and state.stable_announced
            reply = Reply(kind="ack", text=f"OK, I've put back your earlier answer — {question.short}: "
                                           f"{question.label(earlier)} (instead of '{question.label(value)}').")
            return [reply, *self._reask()]
        del state.answers[last]
        state.order.remove(last)
        state.current = last
        state.finished = False
        state.stable_announced = is_stable(self.engine, state.answers, self.skipped) and state.stable_announced
        return [Reply(kind="ack", text=f"OK, I've taken back your answer '{question.label(value)}'."),
                self._question_reply(question)]

    def _reask(self) -> list[Reply]:
        """The open question again (nothing, once the quiz is over)."""
        return [self._question_reply(self.current)] if self.current is not None else []

    def _on_skip(self, intent: Intent, text: str) -> list[Reply]:
        question = self.current
        if question is None:
            return [Reply(kind="info", text="There is no open question to skip.")]
        self.state.skipped.append(question.id)
        return [Reply(kind="ack", text="Skipped — it won't count either way. You can answer it later by "
                                       "saying e.g. 'actually …'.")] + self._ask_next()

    def _on_restart(self, intent: Intent, text: str) -> list[Reply]:
        return self.restart()

    def _on_help(self, intent: Intent, text: str) -> list[Reply]:
        careers = ", ".join(c.name for c in self.engine.kb.careers.values())
        return [Reply(kind="info", text=f"{HELP}\nThe careers I know: {careers}.")]

    def _on_hello(self, intent: Intent, text: str) -> list[Reply]:
        """A greeting or a thanks: answered in kind, then the open question again (nothing is stored)."""
        said = text.lower().strip(" !.")
        thanks = any(w in said.split() or w in said for w in ("thank", "thx", "ty"))
        greeting = any(w in said.split() for w in ("hi", "hey", "hello", "hiya", "yo", "sup", "morning",
                                                    "afternoon", "evening"))
        lead = "You're welcome!" if thanks or not greeting else "Hi!"
        replies = [Reply(kind="info", text=f"{lead} Answer the question below, or ask me anything about these "
                                           "careers — pay, training, exams, the work itself. Say 'help' for more.")]
        return replies + ([self._question_reply(self.current)] if self.current is not None else [])

    def _on_sources(self, intent: Intent, text: str) -> list[Reply]:
        return [explain.sources(self.engine)]

    def _on_results(self, intent: Intent, text: str) -> list[Reply]:
        return [self._result_reply()]

    def _on_continue(self, intent: Intent, text: str) -> list[Reply]:
        if self.current is not None:
            return [self._question_reply(self.current)]
        return [Reply(kind="info", text="There are no questions left. Say 'restart' to begin again.")]

    def _on_why(self, intent: Intent, text: str) -> list[Reply]:
        if self.current is None:
            return [Reply(kind="info", text="There is no open question. Ask 'how' to see how I ranked "
                                            "the careers.")]
        return [explain.why_question(self.engine, self.current.id, self.state.answers)]

    def _top_or(self, intent: Intent) -> str:
        return intent.careers[0] if intent.careers else self.engine.top(self.state.answers)

    def _on_how(self, intent: Intent, text: str) -> list[Reply]:
        return [explain.how(self.engine, self._top_or(intent), self.state.answers)]

    def _on_why_not(self, intent: Intent, text: str) -> list[Reply]:
        if not intent.careers:
            return [self._name_needed("why not", "why not LPN?")]
        return [explain.why_not(self.engine, intent.careers[0], self.state.answers)]

    def _on_compare(self, intent: Intent, text: str) -> list[Reply]:
        query = intent.extra.get("query") or read(self.engine.kb, text, self.memory)
        if len(query.careers) == 1:
            top = self.engine.top(self.state.answers)
            partner = top if top != query.careers[0] else self.engine.order(self.engine.totals(self.state.answers))[1]
            query = replace(query, careers=(*query.careers, partner), clarify=None)
        return [self._answer(query)]

    def _on_about(self, intent: Intent, text: str) -> list[Reply]:
        return [self._answer(intent.extra.get("query") or read(self.engine.kb, text, self.memory))]

    def _on_fact(self, intent: Intent, text: str) -> list[Reply]:
        return [self._answer(intent.extra.get("query") or read(self.engine.kb, text, self.memory))]

    def _answer(self, query: Query) -> Reply:
        """A student's question answered from the facts (rules.answerer); remembered for follow-ups."""
        if self._answerer is None:
            self._answerer = Answerer(self.engine.kb)
        answer = self._answerer.answer(query)
        self._answered_since = False
        top = answer.shown[0].career if answer.kind == "ranking" and answer.shown else None
        self.memory = self.memory.after(answer.query, top=top)  # as answered: "techs" settled by whose facts answer
        return answer.reply()

    def _on_what_if(self, intent: Intent, text: str) -> list[Reply]:
        placement = place_correction(self.engine.questions, intent.rest)
        found = placement.found
        if found is None:
            return [self._unplaced(placement, "what if I said 2 years?")]
        question_id, value = found
        return [explain.what_if(self.engine, self.state.answers, question_id, value)]

    def _on_change(self, intent: Intent, text: str) -> list[Reply]:
        placement = place_correction(self.engine.questions, intent.rest)
        if not placement.candidates:
            return [self._unplaced(placement, "actually I can do 2 years")]
        return self._place(placement)

    # --- helpers -------------------------------------------------------------------------------------

    def _shorts(self, question_ids: list[str]) -> str:
        return ", ".join(self.engine.rulebook.question(q).short for q in question_ids)

    def _name_needed(self, what: str, example: str) -> Reply:
        names = ", ".join(c.name for c in self.engine.kb.careers.values())
        return Reply(kind="error", text=f"Which career? I know: {names}. For example: '{example}'.")

    def _unplaced(self, placement: Placement, example: str) -> Reply:
        """Why an answer given out of turn could not be placed, and how to say it."""
        if placement.about is not None and placement.error:
            question = self.engine.rulebook.question(placement.about)
            return Reply(kind="reprompt", text=f"About {question.short}: {placement.error}", question=question.id)
        if len(placement.candidates) > 1:
            names = ", ".join(self.engine.rulebook.question(q).short for q, _ in placement.candidates)
            return Reply(kind="reprompt", text=f"That could answer several questions ({names}). Name the one "
                                               f"you mean, e.g. 'actually, no exams' or '{example}'.")
        return Reply(kind="reprompt", text=f"I couldn't tell which answer you mean. Try e.g. '{example}', "
                                           "'actually I'd rather not take exams' or 'actually, some patient "
                                           "contact'.")

    def _budget(self, text: str) -> list[Reply]:
        """Money the student can spend on school ("I can spend $5000 on school"): the quiz asks nothing about it
        and it is never pay, so nothing is stored; the answer is what the sources say training costs, cheapest
        first, and the open question is asked again."""
        asked = read(self.engine.kb, text)
        query = Query(text=text, careers=() if asked.assumed else asked.careers, topic="training_cost",
                      operation="rank" if asked.assumed or not asked.careers else "value", direction="low",
                      is_question=True)
        clauses = read_clauses(self.engine.questions, _spelt(text)) if self.current is not None else Clauses()
        kept = [] if clauses.clashes or not clauses.answers else self._store_all(clauses.answers)
        answer = self._answer(query)
        lead = "so that is not stored" if kept else "so nothing is stored"
        answer = replace(answer, text=f"The quiz has no question on school costs, {lead}; here is what the "
                                      f"sources say training costs.\n{answer.text}")
        if kept:  # "i can spend 5k on school and need to make 40k": the pay is kept
            return [kept[0], answer, *kept[1:]]
        question = self.current
        return [answer, self._question_reply(question)] if question is not None else [answer]

    def _search(self, text: str) -> Reply:
        """A question the reader found no topic in: a labelled passage above the threshold, or "not covered"."""
        return self._answer(read(self.engine.kb, text, self._context(text)))

    def _context(self, text: str) -> Memory:
        """What a question with no topic of its own refers to: what was last asked about, or else (nothing asked
        yet, or a quiz answer given since) the open quiz question's topic ("what's normal for this job?" at the
        pay question is about pay; "is it hard?" at the exam question about the exam) — unless it names a career
        ("where would an x-ray tech work?" asks about that career, not about the open question)."""
        memory = self.memory
        fresh = memory.topic is None or self._answered_since  # an answer since: the question on screen is the subject
        if fresh and self.state.current is not None and not find_careers(self.engine.kb, text):
            from rules.vocabulary import builtin_vocabulary

            topic = builtin_vocabulary().topic_of_question(self.state.current)
            if topic is not None:
                return replace(memory, topic=topic, operation=None if memory.topic else memory.operation)
        return memory


def _between(question: Question, values: list[AnswerValue]) -> list[AnswerValue]:
    """The options of a choice question that lie between the given ones in its order (none … lots → some)."""
    if question.kind != "choice":
        return []
    order = [option.value for option in question.options]
    places = [order.index(str(value)) for value in values if str(value) in order]
    if len(places) < 2:
        return []
    return order[min(places) + 1:max(places)]


def _spelt(text: str) -> str:
    """The message with the vocabulary's chat spellings written out, for reading it as an answer."""
    from rules.vocabulary import builtin_vocabulary, respell

    return respell(text, builtin_vocabulary().respellings)
