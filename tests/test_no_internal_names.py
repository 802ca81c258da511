"""No internal name where a student looks: chat replies for every kind of message, results, compare, both reports.

Internal names are the ids the code and data files use (source, career, rule, question, option and fact ids,
field names such as `range_low`), a fact kind glued to its value ('patient contact: none'), and a rule trace
('[focus_fit, +1]', '(rules: pay_fit)'). Students see titles and words; rule ids belong in advisor mode's trace
panel only. The reproduce command at the end of a report is for the advisor and is left out on purpose.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Iterator

import pytest

from knowledge.models import FACT_KINDS, LEVEL_WORDS, PayStatistic
from rules.builtin import builtin_engine
from rules.conversation import Conversation
from rules.dialogue import Dialogue
from rules.engine import Engine
from rules.turns import Turn

ENGINE = builtin_engine()
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
"""snake_case: how every internal id with more than one word is written."""
TRACE = re.compile(r"\[[a-z_]+, [+−-]?\d|\(rules?: ")
KIND_COLON = re.compile(r"\b(?:" + "|".join(k.replace("_", " ") for k in LEVEL_WORDS) + r"): (?:"
                        + "|".join({level for words in LEVEL_WORDS.values() for level in words}) + r")\b")
"""A level fact shown as its kind and raw value ('patient contact: none'), not as words."""

STUDENT_MESSAGES = [
    # commands and questions about the quiz itself
    "help", "why?", "why do you ask", "how did you decide", "explain", "sources", "what are your sources",
    "skip", "back", "results", "more questions",
    # answers in the student's own words
    "records", "none really", "two years max", "about 40k", "sure, exams are fine",
    # the result
    "why not LPN?", "why isn't radiologic technician higher", "what if I said 6 months?",
    "what if I could do lots of patient contact", "actually I can do 3 years",
    # careers and their facts
    "compare coder and registrar", "compare medical assistant vs LPN", "tell me about coders",
    "what is a cancer registrar", "what does an LPN earn?", "how much do coders make?", "which pays best?",
    "how long is training for a radiologic technician?", "do medical assistants work weekends?",
    "is there an exam to become a medical coder?", "do medical records technicians see patients?",
    "what's the job outlook for health information managers?", "can coders work from home?",
    "how much science is in LPN training?", "what does a medical records technician do all day?",
    "where do radiologic technicians work?", "how do I become a cancer registrar?",
    "what's the lowest pay for medical records technicians?", "what do the top 10% of technicians earn?",
    "starting pay for medical assistants?", "how many jobs are there for medical records technicians?",
    "what certifications can a medical records technician get?", "do I need a background check?",
    "how can a medical records technician advance?", "what skills do coders need?",
    # what the sources do not cover, and nonsense
    "do coders get free lunch?", "asdfgh", "[/] [bold]x",
]


def internal_ids(engine: Engine) -> set[str]:
    """Every multi-word id the data and code use for themselves."""
    kb, rulebook = engine.kb, engine.rulebook
    ids = set(kb.sources) | set(kb.careers) | {rule.id for rule in rulebook.rules}
    ids |= {q.id for q in rulebook.questions} | {o.value for q in rulebook.questions for o in q.options}
    ids |= {fact.id for career in kb.careers.values() for fact in career.facts}
    ids |= set(FACT_KINDS) | set(typing.get_args(PayStatistic))
    return {i for i in ids if "_" in i}


IDS = internal_ids(ENGINE)


def problems(text: str) -> list[str]:
    """What in this text a student should not see."""
    found = [f"id '{m}'" for m in SNAKE.findall(text)]
    found += [f"rule trace '{m}'" for m in TRACE.findall(text)]
    found += [f"kind glued to its value '{m}'" for m in KIND_COLON.findall(text)]
    found += [f"id '{i}'" for i in IDS if i in text and i not in SNAKE.findall(text)]
    return found


def assert_clean(where: str, texts: Iterable[str]) -> None:
    bad = [(text[:160], found) for text in texts if (found := problems(text))]
    assert not bad, f"{where}: internal names shown to a student:\n" + "\n".join(f"  {p}: {t!r}" for t, p in bad)


def turn_texts(turn: Turn) -> Iterator[str]:
    """Everything a front end shows for a turn: messages, table cells, quotes as displayed, question, prompt."""
    from knowledge.wording import shown_quote

    for message in turn.messages:
        yield message.text
        for citation in message.citations:
            yield f"{citation.title}, line {citation.line}: {shown_quote(citation.quote)}"
        if message.table is not None:
            yield from message.table.headers
            yield from (cell for row in message.table.rows for cell in row)
    if turn.question is not None:
        yield turn.question.text
        yield turn.question.hint
    if turn.prompt is not None:
        yield turn.prompt.text
    yield from (choice.label for choice in turn.choices)


def test_the_detector_finds_what_students_used_to_see() -> None:
    for seen in ("Medical records technician, pay range_low", "patient contact: patient contact: none",
                 "(mrt_career_guide)", "Your answer can move: LPN (rules: pay_fit).", "+ [focus_fit, +1] You chose"):
        assert problems(seen), seen
    assert not problems("the lowest-paid 10% earn less than $25,070 (Complete Medical Records Technician Guide)")


@pytest.mark.parametrize("message", STUDENT_MESSAGES)
def test_chat_replies_use_words_and_titles(message: str) -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE), None)
    turns = [conversation.start()]
    for setup in ("records", "none", "2 years"):
        turns.append(conversation.say(setup))
    turns.append(conversation.say(message))
    assert_clean(f"chat, after {message!r}", (text for turn in turns for text in turn_texts(turn)))


def test_every_fact_in_words() -> None:
    """Each fact's summary, which chat answers, comparisons and reports show, reads as words."""
    assert_clean("fact summaries", (fact.summary() for career in ENGINE.kb.careers.values()
                                    for fact in career.facts))


# --- the screens and the reports --------------------------------------------------------------------------

SCREEN_ANSWERS: list[dict[str, str | int]] = [
    dict(focus="records", patient_contact="none", training_months=24, pay_min=40000, exam="yes", science="ok",
         equipment="no", computer_work="yes", schedule="daytime_only"),
    dict(focus="imaging", patient_contact="lots", pay_min=50000, equipment="yes"),
    dict(focus="coding", patient_contact="none", exam="no", schedule="any"),
]


def _answered(answers: dict[str, str | int]) -> Dialogue:
    from rules.dialogue import SessionState

    return Dialogue(engine=ENGINE, state=SessionState(answers=dict(answers), order=list(answers)))


def _shown(screen) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every widget on a screen, as rendered (tables cell by cell)."""
    from textual.widgets import DataTable, Static

    texts = [str(widget.render()) for widget in screen.query(Static)]
    for table in screen.query(DataTable):
        texts += [str(column.label) for column in table.columns.values()]
        texts += [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        texts += [str(row.label) for row in table.rows.values() if row.label is not None]
    return texts


@pytest.mark.parametrize("answers", SCREEN_ANSWERS, ids=["9 answers", "imaging", "coding"])
async def test_the_results_screen_uses_words_and_titles(answers: dict[str, str | int]) -> None:
    from textual.app import App

    from rules.views import results_view
    from tui.screens.results import Card, ResultsScreen

    class Host(App[None]):
        def on_mount(self) -> None:
            dialogue = _answered(answers)
            self.push_screen(ResultsScreen(results_view(dialogue.engine, dialogue.result())))

    async with Host().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for card in pilot.app.screen.query(Card):
            card.collapsed = False
        await pilot.pause()
        assert_clean("results", _shown(pilot.app.screen))


async def test_the_compare_screen_uses_words_and_titles_in_every_cell() -> None:
    """Every career side by side, and every cell's quotes as Enter on it shows them. The cells depend only on
    the careers compared (not on the answers), and all of them are here."""
    from textual.app import App

    from rules.views import compare_view
    from tui.screens.compare import CompareScreen

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CompareScreen(compare_view(ENGINE.kb, list(ENGINE.kb.careers))))

    async with Host().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one("#compare-table")
        assert len(table.columns) == len(ENGINE.kb.careers)
        assert_clean("compare", _shown(pilot.app.screen))
        comparison = pilot.app.screen.comparison
        for row in range(table.row_count):
            for column in range(len(table.columns)):
                table.move_cursor(row=row, column=column)
                await pilot.press("enter")  # waits until the cell's panel is shown
                heading = str(pilot.app.screen.query_one(".cell-heading").render())
                assert heading.startswith(f"{comparison.rows[row].label} — {comparison.names[column]}: ")
                assert_clean(f"compare, cell {row},{column}", _shown(pilot.app.screen))


@pytest.mark.parametrize("answers", SCREEN_ANSWERS, ids=["9 answers", "imaging", "coding"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_both_reports_use_words_and_titles(answers: dict[str, str | int], fmt: str) -> None:
    import html

    from tui.report import render_report

    text = render_report(ENGINE, answers, fmt)  # type: ignore[arg-type]
    marker = "## Reproduce this session" if fmt == "md" else '<footer id="reproduce">'
    student_part = text.split(marker, 1)[0]
    if fmt == "html":
        student_part = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", student_part, flags=re.S))
    else:
        student_part = student_part.replace("\\_", "_")
    assert_clean(f"{fmt} report", student_part.splitlines())
