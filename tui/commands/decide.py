"""Headless `questions`, `recommend` and `ask`: the same brain as the app, for scripts and tests.

Module level imports only the standard library; the brain is imported inside each handler, and Textual never.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_USAGE = 2


def register(commands: argparse._SubParsersAction) -> None:
    questions = commands.add_parser("questions", help="list the questions and the answers they accept")
    questions.add_argument("--json", action="store_true", help="machine-readable output")
    questions.set_defaults(handler=run_questions)

    recommend = commands.add_parser("recommend", help="rank the careers for a set of answers")
    _answer_options(recommend)
    recommend.add_argument("--json", action="store_true", help="machine-readable output")
    recommend.set_defaults(handler=run_recommend)

    ask = commands.add_parser("ask", help="ask the chatbot one question (answered from the sources)")
    ask.add_argument("text", help="what you would type in the chat, e.g. \"what does an LPN earn?\"")
    _answer_options(ask)
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    ask.set_defaults(handler=run_ask)


def _answer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answer", action="append", default=[], metavar="ID=VALUE",
                        help="an answer, e.g. pay_min=40000 (repeatable; wins over --answers)")
    parser.add_argument("--answers", dest="answers_file", metavar="FILE",
                        help="a .toml or .json file with a flat table of question id = value")


def load_answers(args: argparse.Namespace):
    """The engine and the validated answers, or an exit status after printing one clear line."""
    from knowledge.base import KnowledgeError
    from rules.answers import AnswerError, gather
    from rules.builtin import builtin_engine

    try:
        engine = builtin_engine()
    except KnowledgeError as error:
        print(error.report(), file=sys.stderr)
        return None, None, 1
    file = getattr(args, "answers_file", None) or getattr(args, "answers", None)
    try:
        return engine, gather(engine.rulebook, file, args.answer), 0
    except AnswerError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return None, None, EXIT_USAGE


def run_questions(args: argparse.Namespace) -> int:
    from rules.builtin import builtin_rulebook

    rulebook = builtin_rulebook()
    rows = [{"id": q.id, "text": q.text, "kind": q.kind,
             "options": [{"value": o.value, "label": o.label} for o in q.options],
             "min": q.min, "max": q.max, "why": q.why} for q in rulebook.questions]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        accepts = ", ".join(o["value"] for o in row["options"]) if row["kind"] == "choice" \
            else f"{row['min']:,}–{row['max']:,}"
        print(f"{row['id']:<16} {row['text']}\n{'':<16} accepts: {accepts}")
    return 0


def bar(score: int, width: int = 20) -> str:
    filled = round(score * width / 100)
    return "█" * filled + "░" * (width - filled)


def run_recommend(args: argparse.Namespace) -> int:
    engine, answers, status = load_answers(args)
    if engine is None:
        return status
    from rules.stability import planned

    result = planned(engine, engine.recommend(answers))
    if args.json:
        from rules.models import plain

        print(json.dumps(plain(result), indent=2, ensure_ascii=False))
        return 0
    print(f"{'#':>2}  {'career':<30} {'match':>5}  {'':<20}  {'judged on':<9}  doesn't fit")
    for rec in result.recommendations:
        judged = f"{rec.judged} of {rec.answered}"
        print(f"{rec.rank:>2}  {rec.name:<30} {rec.score:>5}  {bar(rec.score)}  {judged:<9}  "
              f"{', '.join(rec.mismatches) or '-'}")
    if result.near_tie is not None:
        print(f"\nNear-tie: {result.near_tie.sentence}")
    top = result.recommendations[0]
    print(f"\nWhy {top.name}:")
    for reason in top.reasons:
        mark = {"for": "+", "against": "-", "neutral": "·"}[reason.direction]
        cited = "; ".join(f"{c.title} ({c.year or 'undated'}), line {c.line}" for c in reason.citations[:2])
        print(f"  {mark} {reason.text}" + (f"\n      [{cited}]" if cited else ""))
    for caveat in top.caveats:
        print(f"  ! {caveat.text}")
    status_line = "settled: no remaining answer can change the top pick" if result.stable \
        else f"not settled yet; next question: {result.next_question}"
    print(f"\n{len(result.answers)} answered; {status_line}.")
    return 0


def ask_payload(turn, answers: dict) -> dict:  # turn: rules.turns.Turn
    """The `ask --json` object: what was answered, its sources, and the answers after the message.

    One key per concern, built in order, so another part (e.g. the understood query) can be added with one
    `payload[...] = ...` line. `changed` lists the question ids the message added, changed or removed.
    """
    from rules.conversation import OPENED_AT_END, OPENED_AT_SETTLE, SETTLED_AGAIN

    # 'Here are the results…' (and 'see them again') speak of a view the chat opens; `ask` opens none (the ranking
    # is in the answer)
    replies = [r for r in turn.messages if r.text not in (OPENED_AT_SETTLE, OPENED_AT_END, SETTLED_AGAIN)]
    found = any(r.kind in {"answer", "info", "ack", "result", "stable"} for r in replies)
    texts = []
    for reply in replies:
        texts.append(reply.text)
        if reply.table:
            texts.append(" | ".join(reply.table.headers))
            texts += [" | ".join(row) for row in reply.table.rows]
    payload: dict = {"found": found, "answer": "\n".join(texts)}
    from rules.models import plain

    payload["citations"] = [plain(c) for r in replies for c in r.citations] if found else []
    payload["answers"] = dict(answers)
    payload["changed"] = list(turn.changed)
    payload["opens"] = turn.opens  # the view a chat front end would open now ("results", "compare") or null
    asked = next((r for r in replies if getattr(r, "answer_kind", None) is not None), None)  # Lines have none
    payload["query"] = asked.query if asked else None
    payload["kind"] = asked.answer_kind if asked else None
    return payload


def run_ask(args: argparse.Namespace) -> int:
    engine, answers, status = load_answers(args)
    if engine is None:
        return status
    from rules.conversation import Conversation
    from rules.dialogue import Dialogue, SessionState

    conversation = Conversation(lambda: Dialogue(engine, SessionState(answers=answers, order=list(answers)),
                                                 given=True))
    conversation.start()  # as in the chat: the next question is open, so an answer can answer it
    turn = conversation.say(args.text)
    payload = ask_payload(turn, conversation.answers)
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(payload["answer"])
        for citation in payload["citations"]:
            print(f"  [{citation['title']} ({citation['year'] or 'undated'}), line {citation['line']}] "
                  f"“{' '.join(citation['quote'].split())}”")
        if payload["changed"]:
            print("Changed: " + ", ".join(f"{q} = {payload['answers'].get(q, '(removed)')}" for q in payload["changed"]))
    return 0
