"""The answerer: a query (rules.reader) answered from the typed facts, each shown with its quote, year and source.

Kinds of answer: a fact (one career, one topic), a ranking across careers, a comparison, a definition, a
labelled passage (the last resort, only above the search's relevance threshold and only from content
regions), "not covered" said plainly, or a question back when the query is ambiguous. A specialisation with
no fact of its own shows its parent's, labelled as said of the parent (knowledge.inheritance).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from knowledge.base import KnowledgeBase
from knowledge.inheritance import inherited_facts, relation_citations, said_of
from knowledge.models import LEVEL_WORDS, Citation, FactBase
from knowledge.wording import plural
from rules.excerpt import excerpt
from rules.models import Reply, Table
from rules.reader import Query
from rules.search import search as content_passages
from rules.search import Passage, terms
from rules.sides import side_of
from rules.vocabulary import Topic, Vocabulary, builtin_vocabulary

MAX_FACTS = 5
"""Facts listed per career in a fact answer; the rest are counted ("and 7 more")."""
MAX_INHERITED = 3
"""Facts of the parent shown for a specialisation that has none of its own."""
MAX_PER_SIDE = 6
"""Pros, or cons, listed in a pros-and-cons answer; the rest are counted."""
MAX_PER_CAREER = 3
"""Facts per career in a comparison on one topic."""
PASSAGE_COVERAGE = 0.67
"""A passage is offered only when it holds two thirds of the question's meaningful words (career names aside)."""
MIN_PASSAGE_WORDS = 2
"""A free question needs two meaningful words for a passage: one word ("time") matches too much by chance."""
GENERIC = frozenset({"job", "work", "career", "outlook", "field", "role", "like", "look", "need", "know", "get",
                     "become", "want", "good", "thing", "someone"})
"""Words of a question that say nothing about which fact answers it."""
KINDS = ("fact", "ranking", "comparison", "definition", "passage", "not_covered", "clarify")
LEVELS = {"none": 0, "low": 1, "some": 2, "moderate": 2, "growing": 3, "lots": 4, "high": 4, "heavy": 4}
_REPLY_KIND = {"not_covered": "not_found", "clarify": "error"}
"""Chat reply kinds (rules.models.ReplyKind) of the answer kinds: a question back is shown like other asks for
a missing career name."""


@dataclass(frozen=True)
class Shown:
    """One fact as the answer shows it: the career it was asked for, the fact, the part of its quote shown."""

    career: str
    fact: FactBase
    excerpt: str
    owner: str
    """The career the fact belongs to: the asked career, or its parent for an inherited fact."""


@dataclass(frozen=True)
class Answer:
    kind: str
    text: str
    query: Query
    shown: list[Shown] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    passages: list[tuple[Passage, str]] = field(default_factory=list)
    """Passages offered (last resort) with the excerpt shown of each."""
    table: Table | None = None

    def reply(self) -> Reply:
        seen: set[tuple[str, int, str]] = set()
        citations = []
        for citation in self.citations:  # two facts on one line quote different words: both are kept
            key = (citation.source, citation.line, " ".join(citation.quote.split()))
            if key not in seen:
                seen.add(key)
                citations.append(citation)
        return Reply(kind=_REPLY_KIND.get(self.kind, "answer"), text=self.text, citations=citations,
                     table=self.table, answer_kind=self.kind, query=self.query.as_json())

    @property
    def fact_ids(self) -> list[str]:
        return [f"{s.owner}.{s.fact.id}" for s in self.shown]


class Answerer:
    """Answers queries over one knowledge base."""

    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary | None = None) -> None:
        self.kb = kb
        self.vocab = vocabulary or builtin_vocabulary()
        self._sides_seen: dict[tuple[str, str], str | None] = {}
        self._naming: frozenset[str] | None = None

    # ------------------------------------------------------------------------------------------- entry

    def answer(self, query: Query) -> Answer:
        first = self._answer(query)
        if query.also is None or not query.careers or query.operation not in {"value", "yes_no"} \
                or first.kind in {"clarify"}:
            return first
        second = self._answer(replace(query, topic=query.also, also=None, operation="value", assumed=False))
        if second.kind in {"clarify", "passage"}:
            return first
        text = f"{first.text}\n\n{second.text}"
        if query.topic == "online_study" and query.also == "remote_work":  # "can i do it online?" (rules.reader)
            text = f"“Online” could mean studying or working; here is what the sources say of each.\n{text}"
        return replace(first, text=text, shown=first.shown + second.shown,
                       citations=first.citations + second.citations)

    def _answer(self, query: Query) -> Answer:
        settled = self._settle(query)
        if settled is not None:
            answer = self.answer(settled)
            what = self.topic(settled.topic or "pay").label.removesuffix(" figure").removeprefix("word on ")
            note = (f"(Of {' and '.join(self.plural(c) for c in query.ambiguous)}, only "
                    f"{self.plural(settled.careers[0])} have {what} in the sources, so this is about them.)")
            return replace(answer, text=f"{note}\n{answer.text}")
        if query.clarify:
            return self._clarify(query)
        if query.outside is not None and not query.careers and query.operation != "rank":
            return Answer(kind="not_covered", query=query,
                          text=f"My sources don't cover {query.outside}, so I won't guess. {self._scope()}")
        operation = query.operation
        if operation == "define":
            return self._define(query)
        if operation == "rank" and query.topic:
            return self._rank(query)
        if operation == "compare":
            return self._compare(query)
        if operation == "overview" and query.careers:
            return self._overview(query, query.careers[0])
        if operation == "how_to" and query.topic == "training" and query.careers:
            return self._how_to(query, query.careers[0])
        if query.judges and query.remembered and query.topic and len(query.careers) == 1 \
                and operation in {"value", "yes_no"} and self._rank_topic(query.topic) is not None:
            # "is that a lot?" about a figure just shown; "can you make good money as a tech?" gets the figures
            return self._judge(query, query.careers[0])
        if query.topic and self.topic(query.topic).entry.sides and len(query.careers) == 1:
            return self._sides(query, query.careers[0])
        if query.topic and query.careers:
            if len(query.careers) >= 2 and operation != "yes_no":
                return self._compare(query)
            return self._fact(query, query.careers[0], other=query.careers[1] if len(query.careers) > 1 else None)
        return self._passage_or_nothing(query)

    def _settle(self, query: Query) -> Query | None:
        """A word that could mean several careers ("techs"), settled when only one of them has facts on the
        topic asked ("how much do techs make in hospitals?": only medical records technicians)."""
        if query.clarify != "career" or not query.ambiguous or query.topic is None:
            return None
        topic = self.topic(query.topic)
        having = [c for c in query.ambiguous if self.facts(c, topic)]
        if len(having) != 1:
            return None
        return replace(query, careers=(having[0],), clarify=None, ambiguous=())

    # ------------------------------------------------------------------------------------------- helpers

    def name(self, career: str) -> str:
        return self.kb.careers[career].name

    def plural(self, career: str) -> str:
        return plural(self.name(career))

    def topic(self, name: str) -> Topic:
        return self.vocab.topics[name]

    def facts(self, career: str, topic: Topic) -> list[FactBase]:
        """The career's own facts that answer the topic."""
        entry = topic.entry
        kinds = entry.kinds
        found = [f for f in self.kb.careers[career].facts if "*" in kinds or f.kind in kinds]
        if entry.sides:
            found = [f for f in found if self.side(career, f) is not None]
        return [f for f in found if self._fits(f, topic)]

    def side(self, career: str, fact: FactBase) -> str | None:
        """'pro' or 'con' when the fact's source lists it under such a heading (rules.sides)."""
        key = (career, fact.id)
        if key not in self._sides_seen:
            self._sides_seen[key] = side_of(self.kb, career, fact.id, fact.source)
        return self._sides_seen[key]

    def _fits(self, fact: FactBase, topic: Topic) -> bool:
        entry = topic.entry
        if entry.statistics and getattr(fact, "statistic", None) not in entry.statistics:
            return False
        if entry.industry is not None and (getattr(fact, "industry", None) is not None) != entry.industry:
            return False
        if entry.level is not None and (getattr(fact, "level", None) is not None) != entry.level:
            return False
        if entry.needs and getattr(fact, entry.needs, None) is None:
            return False
        if topic.pattern is not None and fact.kind not in entry.always \
                and not topic.pattern.search(f"{fact.quote} {fact.summary()}"):
            return False
        return True

    def inherited(self, career: str, topic: Topic) -> tuple[list[FactBase], str | None]:
        """The parent's facts on the topic when the career has none of its own and the kinds pass down."""
        kinds = topic.entry.kinds
        if "*" in kinds:
            return [], None
        for kind in kinds:
            facts, parent = inherited_facts(self.kb, career, kind)
            if parent is not None:
                fitting = [f for f in facts if self._fits(f, topic)]
                if fitting:
                    return fitting, parent
        return [], None

    def order(self, facts: list[FactBase], query: Query, topic: str | None) -> list[FactBase]:
        """Most relevant first: facts that share the question's own words ("blood" in "do MAs draw blood?"),
        then each kind's headline (newest) fact in the topic's order of kinds, then the next of each, …"""
        wanted = set(query.words) - GENERIC
        typed = set(wanted)
        wanted |= self.vocab.related(wanted)
        if query.term is not None:
            wanted |= set(terms(f"{query.term.term} {query.term.expansion}"))
        words_of = {id(f): set(terms(f"{f.summary()} {f.quote}")) for f in facts}
        if topic:
            # A word that only names the topic ("skills" in "what skills do I need?") says nothing about which
            # of its facts answers; a word beyond it ("blood", "RHIT") does.
            wanted -= set(terms(self.topic(topic).label))
        wanted -= self._naming_words()  # "medical records" names the career, not which of its facts answers
        kinds = list(self.topic(topic).entry.kinds) if topic else []
        # Each source's first fact of a kind before any source's second: "what skills do I need?" quotes every
        # source that lists skills, not the first five lines of one. Among facts that are not figures, what
        # more sources say comes first ("attention to detail": four sources), and a fact that repeats one
        # already listed waits until the rest are shown.
        agreed = _agreement(facts)
        by_source: dict[tuple[str, str], list[FactBase]] = {}
        for fact in sorted(facts, key=lambda f: (-agreed.get(id(f), 0), _headline_key(f))):
            by_source.setdefault((fact.kind, fact.source), []).append(fact)
        headline = {id(f): n for n, f in enumerate(sorted(facts, key=_headline_key))}
        place = {id(f): (n, kinds.index(k) if k in kinds else len(kinds), -agreed.get(id(f), 0), headline[id(f)])
                 for (k, _source), group in by_source.items() for n, f in enumerate(group)}

        def overlap(fact: FactBase) -> int:
            """Shared words; a word the student typed counts twice a word it stands for ("boring" → repetitive)."""
            return len(wanted & words_of[id(fact)]) + len(typed & wanted & words_of[id(fact)]) if wanted else 0

        ranker = RANKERS.get(self.topic(topic).entry.rank) if topic and _HOW_MUCH.search(query.text) else None

        def figure(fact: FactBase) -> int:
            """'How long is an associate's degree?': a fact that gives the length comes before one that names it."""
            return 0 if ranker is None or ranker([fact]) is not None else 1

        def key(fact: FactBase) -> tuple:
            return (-overlap(fact), figure(fact), *place[id(fact)])

        ordered = _spread(sorted(facts, key=key), agreed, tier=lambda f: (-overlap(f), figure(f), place[id(f)][1]))
        if ordered and any(f.kind in FIGURE_KINDS for f in ordered):
            headline = min(ordered, key=lambda f: place[id(f)])
            if ordered.index(headline) >= MAX_FACTS - 1:
                ordered.remove(headline)
                ordered.insert(1, headline)  # the headline figure always shows, after the closest match
        if topic == "pay_by_setting":  # the workplaces asked about first ("hospitals or doctors' offices?")
            ordered.sort(key=lambda f: (-overlap(f), -getattr(f, "amount", 0)))
        return ordered

    def _naming_words(self) -> frozenset[str]:
        """Stems of the words of the careers' names ("medical", "records", "technician")."""
        if self._naming is None:
            self._naming = frozenset(w for career in self.kb.careers.values() for w in terms(career.name))
        return self._naming

    def show(self, career: str, fact: FactBase, query: Query, owner: str | None = None) -> Shown:
        numbers = [(value, unit) for value, unit in fact.numbers() if unit != "year"]
        words = list(query.words) + terms(fact.summary())
        needs = self.topic(query.topic).entry.needs if query.topic else None
        if needs and isinstance(getattr(fact, needs, None), str):
            words = terms(getattr(fact, needs))  # "who gives the RHIT exam?": the sentence naming AHIMA
        return Shown(career=career, fact=fact, excerpt=excerpt(fact.quote, numbers, words), owner=owner or career)

    def line(self, shown: Shown, *more: Shown, said_of_parent: bool = False) -> str:
        """One bullet: the fact's summary, year and quote; facts that share the quote (`more`) share the line."""
        fact = shown.fact
        year = str(fact.year) if fact.year else "undated"
        title = self.kb.sources[fact.source].title
        label = f", {said_of(self.kb, shown.owner)}" if said_of_parent else ""
        summary = "; ".join(s.fact.summary() for s in (shown, *more))
        return f"• {summary} ({year}{label}): “{shown.excerpt}” — {title}"

    def together(self, group: list[Shown]) -> list[Shown]:
        """Facts that quote the same words, shown with one excerpt that holds every one's numbers and words."""
        if len(group) < 2:
            return group
        numbers = [(v, u) for s in group for v, u in s.fact.numbers() if u != "year"]
        words = [w for s in group for w in terms(s.fact.summary())]
        shared = excerpt(group[0].fact.quote, numbers, words)
        return [replace(s, excerpt=shared) for s in group]

    def citation(self, shown: Shown) -> Citation:
        return self.kb.citation(shown.owner, shown.fact)

    def _years_note(self, shown: list[Shown]) -> str:
        """A warning when figures compared side by side come from different years."""
        dated = [s for s in shown if s.fact.year]
        years = {s.fact.year for s in shown}
        if len(years) <= 1:
            return ""
        parts = []
        if dated:
            oldest = min(s.fact.year for s in dated)
            newest = max(s.fact.year for s in dated)
            if oldest != newest:
                first = next(s for s in dated if s.fact.year == oldest)
                last = next(s for s in dated if s.fact.year == newest)
                parts.append(f"{_figure(first.fact)} in {oldest} vs {_figure(last.fact)} in {newest}")
        undated = [s for s in shown if not s.fact.year]
        if undated:
            parts.append(f"{len(undated)} figure{'s are' if len(undated) > 1 else ' is'} undated")
        return ("Careful: these figures come from different years (" + "; ".join(parts)
                + "), so the gap may partly be time, not the job.")

    # ------------------------------------------------------------------------------------------- facts

    def _fact(self, query: Query, career: str, other: str | None = None) -> Answer:
        topic = self.topic(query.topic or "duty")
        facts = self.facts(career, topic)
        lead = ""
        if not facts and topic.entry.within and topic.entry.passage and self._about_sources_subject(career):
            # "how much do they make in the UK?": a passage that says so beats the US figures of the wider topic
            found = self._passages(query, career, words=self._passage_words(query, topic), coverage=0.0)
            if found:
                return found
        if not facts and topic.entry.within:
            wider = self.topic(topic.entry.within)
            facts = self.facts(career, wider)
            if facts:
                lead = (f"The sources give no {topic.label} for {self.plural(career)}; "
                        f"here is what they give on {wider.label.removesuffix(' figure')}:")
                topic = wider
        if not facts:
            return self._missing(query, career, topic)
        if other and query.topic == "advancement":
            facts = sorted(facts, key=lambda f: getattr(f, "career", None) != other)
        ordered = self.order(facts, query, topic.name)
        groups = [[self.show(career, f, query) for f in group] for group in _same_quote(ordered)[:MAX_FACTS]]
        groups = [self.together(group) for group in groups]
        shown = [s for group in groups for s in group]
        head = lead or self._heading(query, career, topic, [s.fact for s in shown])
        lines = [head] + [self.line(*group) for group in groups]
        period = _period_note(query, topic)
        if period:
            lines.insert(0, period)
        if len(ordered) > len(shown):
            lines.append(f"(and {len(ordered) - len(shown)} more in the sources)")
        note = self._disagreement(career, topic, shown)
        if note:
            lines.append(note)
        if topic.name == "training":
            reached = self._reached_from(career, query)
            if reached:
                lines.append(f"The sources also say how {self.plural(career)} are reached from other careers:")
                lines += [f"  • from {self.plural(s.owner)}: " + self.line(s)[2:] for s in reached]
                shown = shown + reached
        if topic.entry.lead:
            lines.insert(0, topic.entry.lead)
        if query.assumed:
            lines.insert(0, f"(You didn't name a career, so this is about {self.plural(career)}.)")
        return Answer(kind="fact", text="\n".join(lines), query=query, shown=shown,
                      citations=[self.citation(s) for s in shown])

    def _reached_from(self, career: str, query: Query) -> list[Shown]:
        """Other careers' advancement facts that lead to this one, those with years first ("Medical Records
        Supervisor after 7–10 years" answers "how long to become a supervisor")."""
        found = [(other.id, fact) for other in self.kb.careers.values() if other.id != career
                 for fact in self.kb.facts(other.id, "advancement") if getattr(fact, "career", None) == career]
        found.sort(key=lambda item: getattr(item[1], "years_min", None) is None)
        return [self.show(career, fact, query, owner=owner) for owner, fact in found[:2]]

    def _heading(self, query: Query, career: str, topic: Topic, facts: list[FactBase]) -> str:
        name = self.name(career)
        words = set(terms(query.text)) | set(query.words)
        lead = _unmeasured(topic.name, words) or \
            (_yes_no_lead(topic.name, facts, words) if query.operation == "yes_no" else "")
        what = topic.label.removesuffix(" figure").removeprefix("word on ")
        return (f"{lead} " if lead else "") + f"{name} — {what}, from the sources:"

    def _disagreement(self, career: str, topic: Topic, shown: list[Shown]) -> str:
        kinds = set(topic.entry.kinds)
        ids = {s.fact.id for s in shown}
        spread = [d for d in self.kb.disagreements if d.career == career and set(d.facts) & ids
                  and (d.topic.split()[0] in kinds or "*" in kinds)]
        if not spread:
            return ""
        return "The sources differ here (by year or by source); each version is shown with its own source."

    def _missing(self, query: Query, career: str, topic: Topic) -> Answer:
        """No fact of the career's own: the parent's, labelled, when it passes down; else said plainly."""
        plain = f"The sources give no {topic.label} for {self.plural(career)}."
        if topic.entry.lead:
            plain = f"{topic.entry.lead.rstrip(':')}. {plain}"
        facts, parent = self.inherited(career, topic)
        if parent is not None:
            relation = self.kb.careers[career].specialises
            ordered = self.order(facts, query, topic.name)
            shown = [self.show(career, f, query, owner=parent) for f in ordered[:MAX_INHERITED]]
            lines = [plain,
                     f"The sources describe {self.plural(career)} as {self.plural(parent)} who specialise "
                     f"(“{excerpt(relation.quote) if relation else ''}”), so here is what they say of "
                     f"{self.plural(parent)} in general — not a figure for {self.plural(career)} themselves:"]
            lines += [self.line(s, said_of_parent=True) for s in shown]
            citations = relation_citations(self.kb, career) + [self.citation(s) for s in shown]
            return Answer(kind="fact", text="\n".join(lines), query=query, shown=shown, citations=citations)
        if topic.entry.passage and self._about_sources_subject(career):
            found = self._passages(query, career, words=self._passage_words(query, topic), coverage=0.0)
            if found:
                return replace(found, text=f"{topic.entry.lead}\n{found.text}") if topic.entry.lead else found
        covered = self._covered_topics(career)
        hint = (f" For {self.plural(career)} they do cover: {', '.join(covered)}." if covered else "")
        return Answer(kind="not_covered", text=plain + hint, query=query)

    @staticmethod
    def _passage_words(query: Query, topic: Topic) -> list[str]:
        """What a topic's passage is searched by: its `match` words, and the student's own words that are among
        them: the student's own words then, when they name one ("does my rhit count in canada" looks for what is said of
        RHIT and Canada, not for every country's visas)."""
        match = [w.rstrip("*") for w in topic.entry.match]
        said = [w for w in terms(query.text) if w not in GENERIC]
        named = [m for m in match if set(terms(m)) <= set(said)]
        if named:
            return [*named, *match]
        own = set(terms(" ".join(topic.entry.words)))  # "in canada" names one of the pay-abroad topic's places
        return [*(w for w in said if w in own), *match]

    def _about_sources_subject(self, career: str) -> bool:
        return career == self.vocab.default_career

    def _covered_topics(self, career: str) -> list[str]:
        names = []
        for name in ("pay", "training", "credential", "duty", "patient_contact", "schedule", "setting",
                     "outlook", "skill", "advancement"):
            topic = self.topic(name)
            if self.facts(career, topic):
                names.append(topic.label.removesuffix(" figure").removeprefix("word on "))
        return names

    def _how_to(self, query: Query, career: str) -> Answer:
        """'How do I become …': the routes in, then the credential and the entry requirements, each sourced."""
        steps = (("training", "Routes in", 3), ("credential", "Certification or licence", 2),
                 ("requirement", "To get into a program or a job", 2))
        lines = [f"How to become a {self.name(career).lower()}, from the sources:"]
        shown: list[Shown] = []
        for topic_name, title, count in steps:
            topic = self.topic(topic_name)
            facts, owner = self.facts(career, topic), career
            if not facts:
                facts, parent = self.inherited(career, topic)
                owner = parent or career
            if not facts:
                lines.append(f"{title}: the sources say nothing for {self.plural(career)}.")
                continue
            if owner != career:
                title += (f" (the sources give no {topic.label} for {self.plural(career)} themselves; "
                          f"these are said of {self.plural(owner)} in general)")
            picked = [self.show(career, f, query, owner=owner) for f in self.order(facts, query, topic_name)[:count]]
            lines.append(f"{title}:")
            lines += ["  " + self.line(s, said_of_parent=owner != career) for s in picked]
            shown += picked
        if not shown:
            return self._missing(query, career, self.topic("training"))
        if query.assumed:
            lines.insert(0, f"(You didn't name a career, so this is about {self.plural(career)}.)")
        return Answer(kind="fact", text="\n".join(lines), query=query, shown=shown,
                      citations=[self.citation(s) for s in shown])

    # ------------------------------------------------------------------------------------------- pros and cons

    def _sides(self, query: Query, career: str) -> Answer:
        """The pros and cons the sources list, each under the heading its source gives it; for a
        specialisation with none of its own, its parent's, labelled as said of the parent."""
        topic = self.topic(query.topic or "pros_cons")
        words = set(query.words)
        wanted = [side for side, cues in (("pro", PRO_WORDS), ("con", CON_WORDS)) if words & cues]
        sides = wanted if len(wanted) == 1 else ["pro", "con"]
        owner, facts = career, self.facts(career, topic)
        relation = self.kb.careers[career].specialises
        if not facts and relation is not None:
            owner, facts = relation.parent, self.facts(relation.parent, topic)
        facts = [f for f in facts if self.side(owner, f) in sides]
        if not facts:
            plain = f"The sources give no list of {' or '.join(SIDE_WORDS[s] for s in sides)} for {self.plural(career)}."
            covered = self._covered_topics(career)
            hint = f" For {self.plural(career)} they do cover: {', '.join(covered)}." if covered else ""
            return Answer(kind="not_covered", text=plain + hint, query=query)
        inherited = owner != career
        lines: list[str] = []
        citations: list[Citation] = []
        if inherited:
            lines += [f"The sources give no list of {' and '.join(SIDE_WORDS[s] for s in sides)} for "
                      f"{self.plural(career)} themselves, only for {self.plural(owner)}; they describe "
                      f"{self.plural(career)} as {self.plural(owner)} who specialise "
                      f"(“{excerpt(relation.quote) if relation else ''}”), so these are said of "
                      f"{self.plural(owner)} in general:"]
            relation_cite = self.kb.specialisation_citation(career)
            if relation_cite is not None:
                citations.append(relation_cite)
        else:
            lines.append(f"{self.name(career)} — {' and '.join(SIDE_WORDS[s] for s in sides)}, as the sources list them:")
        shown: list[Shown] = []
        for side in sides:
            mine = [f for f in facts if self.side(owner, f) == side]
            if not mine:
                lines.append(f"{SIDE_WORDS[side].capitalize()}: none listed in the sources.")
                continue
            lines.append(f"{SIDE_WORDS[side].capitalize()}:")
            groups = _same_quote(self.order(mine, query, topic.name))
            for group in groups[:MAX_PER_SIDE]:
                picked = self.together([self.show(career, f, query, owner=owner) for f in group])
                lines.append("  " + self.line(*picked, said_of_parent=inherited))
                shown += picked
            if len(groups) > MAX_PER_SIDE:
                lines.append(f"  (and {len(groups) - MAX_PER_SIDE} more {SIDE_WORDS[side]} in the sources)")
        citations += [self.citation(s) for s in shown]
        return Answer(kind="fact", text="\n".join(lines), query=query, shown=shown, citations=citations)

    # ------------------------------------------------------------------------------------------- overview

    def _overview(self, query: Query, career: str) -> Answer:
        record = self.kb.careers[career]
        picked: list[FactBase] = []
        for kind, count in (("duty", 2), ("patient_contact", 1), ("training", 1), ("pay", 1), ("credential", 1),
                            ("growth", 1)):
            picked += sorted(self.kb.facts(career, kind), key=_headline_key)[:count]
        shown = [self.show(career, f, query) for f in picked]
        lines = [f"{record.name}, from the sources:"] + [self.line(s) for s in shown]
        if record.thin and record.thin_note:
            lines.append(f"Note: {record.thin_note}")
        return Answer(kind="fact", text="\n".join(lines), query=query, shown=shown,
                      citations=[self.citation(s) for s in shown])

    # ------------------------------------------------------------------------------------------- definitions

    def _define(self, query: Query) -> Answer:
        term = query.term
        if term is None:
            if not query.careers:
                return self._passage_or_nothing(query)
            career = query.careers[0]
            record = self.kb.careers[career]
            duties = self.kb.facts(career, "duty")[:3]
            shown = [self.show(career, f, query) for f in duties]
            lines = [f"{record.name} — what the sources say the job is:"] + [self.line(s) for s in shown]
            citations = [self.citation(s) for s in shown]
            if record.specialises is not None:
                lines.append(f"The sources describe {self.plural(career)} as {self.plural(record.specialises.parent)} "
                             f"who specialise: “{excerpt(record.specialises.quote)}”")
                citations += relation_citations(self.kb, career)
            if not shown:
                return self._overview(query, career)
            return Answer(kind="definition", text="\n".join(lines), query=query, shown=shown, citations=citations)
        wanted = (term.expansion.lower(), term.term.lower())
        best: tuple[int, str, FactBase] | None = None
        for career in self.kb.careers.values():
            for fact in career.facts:
                abbreviation = (getattr(fact, "abbreviation", None) or "").lower()
                quote = fact.quote.lower()
                score = (3 if abbreviation == term.term.lower() else 0) + (2 if wanted[0] in quote else 0) \
                    + (1 if wanted[1] in quote else 0)
                if score and career.id == self.vocab.default_career:
                    score += 1
                if score and (best is None or score > best[0]):
                    best = (score, career.id, fact)
        if best is not None:
            _score, career, fact = best
            shown = [Shown(career, fact, excerpt(fact.quote, words=terms(term.expansion) + [term.term.lower()]),
                           career)]
            meaning = f"{term.term} stands for {term.expansion}." if term.expansion != term.term else ""
            text = f"{meaning} The sources say:\n{self.line(shown[0])}".strip()
            return Answer(kind="definition", text=text, query=query, shown=shown,
                          citations=[self.citation(shown[0])])
        found = self._passages(query, None, words=[term.term, term.expansion], label=False, coverage=0.0)
        if found:
            return Answer(kind="definition", text=found.text, query=query, passages=found.passages,
                          citations=found.citations)
        return Answer(kind="not_covered", text=f"My sources don't define {term.term}.", query=query)

    # ------------------------------------------------------------------------------------------- rankings

    def _rank(self, query: Query, mark: str | None = None) -> Answer:
        topic = self.topic(query.topic or "pay")
        if topic.entry.rank == "pay_setting" and len(query.careers) == 1:
            return self._rank_settings(query, query.careers[0], topic)
        ranker = RANKERS.get(topic.entry.rank)
        careers = list(query.careers) if len(query.careers) >= 2 else list(self.kb.careers)
        if ranker is None:
            what = topic.label.removesuffix(" figure").removeprefix("word on ")
            having = [c for c in careers if self.facts(c, topic) or self.inherited(c, topic)[1] is not None]
            silent = [c for c in careers if c not in having]
            if len(having) < 2:  # "which job is the least stressful?": the one career the sources speak of
                answer = self._fact(replace(query, operation="value"), having[0]) if having else \
                    Answer(kind="not_covered", query=query, text=f"The sources give no {topic.label} for any career.")
                lead = f"The sources don't rank careers by {what}"
                lead += f" (they give none for {_and([self.plural(c) for c in silent])})." if having and silent else "."
                return replace(answer, text=f"{lead}\n{answer.text}")
            return self._compare(query, having, note=f"The sources don't rank careers by {what}; "
                                                     "here is what they say for each:")
        ranked: list[tuple[float, Shown]] = []
        missing: list[str] = []
        unranked: list[Shown] = []
        for career in careers:
            facts = self.facts(career, topic)
            picked = ranker(facts)
            if picked is None and facts:
                # Said of the career, but with no figure to rank by ("LPN programs are available at the
                # certificate level"): shown apart, so the ranking never looks like the whole story.
                unranked.append(self.show(career, self.order(facts, query, topic.name)[0], query))
                continue
            if picked is None:
                missing.append(career)
                continue
            value, fact = picked
            ranked.append((value, self.show(career, fact, query)))
        descending = (query.direction or topic.entry.better) == "high"
        ranked.sort(key=lambda item: (-item[0] if descending else item[0], careers.index(item[1].career)))
        what = topic.label.removesuffix(" figure").removeprefix("word on ")
        order_words = "highest first" if descending else "lowest first"
        if topic.entry.rank == "level":
            order_words = "most first" if descending else "least first"
        lines = [f"Careers by {what} ({order_words}), from the sources:"]
        period = _period_note(query, topic)
        if period:
            lines.insert(0, period)
        for position, (_value, shown) in enumerate(ranked, start=1):
            fact = shown.fact
            year = str(fact.year) if fact.year else "undated"
            asked = " (the one you asked about)" if shown.career == mark else ""
            lines.append(f"{position}. {self.name(shown.career)}{asked} — {fact.summary()} ({year}): “{shown.excerpt}” — "
                         f"{self.kb.sources[fact.source].title}")
        if not ranked and not unranked:
            lines = [f"The sources give no {topic.label} for any of these careers, so I can't rank them."]
        elif not ranked:
            lines = [f"The sources give no figure to put these careers in order by {what}; here is what they say:"]
        if unranked:
            if ranked:
                lines.append("Not ranked — the sources say this of them, but give no figure to rank by:")
            lines += [f"• {self.name(s.career)} — {self.line(s)[2:]}" for s in unranked]
        if missing:
            lines.append(self._missing_note(missing, topic))
        note = self._years_note([s for _v, s in ranked])
        if note:
            lines.append(note)
        shown = [s for _v, s in ranked] + unranked
        kind = "ranking" if ranked else "fact" if unranked else "not_covered"
        return Answer(kind=kind, text="\n".join(lines), query=query,
                      shown=shown, citations=[self.citation(s) for s in shown])

    def _rank_topic(self, name: str) -> str | None:
        """The topic a figure of `name` is ranked by among careers (a pay range by pay), if it has a figure."""
        entry = self.topic(name).entry
        for candidate in (name, entry.within):
            if candidate and self.topic(candidate).entry.rank in RANKERS \
                    and self.topic(candidate).entry.rank != "level":
                return candidate
        return None

    def _judge(self, query: Query, career: str) -> Answer:
        """"Is that a lot?": the sources never say what counts as a lot, so the career's figure is set beside
        the other careers' (each with its year and source) for the student to judge."""
        topic = self._rank_topic(query.topic or "pay") or "pay"
        what = self.topic(topic).label.removesuffix(" figure").removeprefix("word on ")
        ranking = self._rank(replace(query, careers=(), topic=topic, operation="rank", all_careers=True),
                             mark=career)
        lead = (f"The sources don't say whether that is a lot; here is how {self.plural(career)} compare on "
                f"{what} with the other careers they cover:")
        return replace(ranking, text=f"{lead}\n{ranking.text}", query=query)

    def _missing_note(self, missing: list[str], topic: Topic) -> str:
        names = ", ".join(self.plural(c) for c in missing)
        note = f"No {topic.label} in the sources for: {names}."
        specialised = [c for c in missing if self.kb.careers[c].specialises is not None
                       and any(k in self.kb.careers[c].specialises.inherits for k in topic.entry.kinds)]
        if specialised:
            parents = {self.kb.careers[c].specialises.parent for c in specialised}
            names = _and([self.plural(c) for c in specialised])
            note += (f" ({names[0].upper() + names[1:]} specialise from {_and([self.plural(p) for p in parents])}; "
                     "the sources give this only for those in general, so they are not ranked.)")
        return note

    def _rank_settings(self, query: Query, career: str, topic: Topic) -> Answer:
        facts = self.facts(career, topic)
        if not facts:
            return self._missing(query, career, topic)
        descending = (query.direction or "high") == "high"
        facts = sorted(facts, key=lambda f: (-f.amount if descending else f.amount))  # type: ignore[attr-defined]
        shown = [self.show(career, f, query) for f in facts[:MAX_FACTS + 2]]
        lines = [f"{self.name(career)} — pay by workplace ({'highest' if descending else 'lowest'} first):"]
        lines += [f"{i}. {s.fact.summary()} ({s.fact.year or 'undated'}): “{s.excerpt}” — "
                  f"{self.kb.sources[s.fact.source].title}" for i, s in enumerate(shown, start=1)]
        note = self._years_note(shown)
        if note:
            lines.append(note)
        return Answer(kind="ranking", text="\n".join(lines), query=query, shown=shown,
                      citations=[self.citation(s) for s in shown])

    # ------------------------------------------------------------------------------------------- comparisons

    def _compare(self, query: Query, careers: list[str] | None = None, note: str = "") -> Answer:
        careers = careers or list(query.careers)
        if len(careers) < 2:
            return self._clarify(query)
        if not query.topic:
            from rules.compare import COMPARED, compare

            table = compare(self.kb, careers[:COMPARED])
            rows = [[row.label] + [cell.text for cell in row.cells] for row in table.rows]
            citations = [c for row in table.rows for cell in row.cells for c in cell.citations]  # every figure its quote
            text = f"{' and '.join(table.names)} side by side (every cell is from the sources):"
            if table.caveats:
                text += "\n" + "\n".join(table.caveats)
            return Answer(kind="comparison", text=text, query=query, citations=citations,
                          table=Table(headers=["", *table.names], rows=rows))
        topic = self.topic(query.topic)
        what = topic.label.removesuffix(" figure").removeprefix("word on ")
        lines = [note or f"{what.capitalize()}, career by career, from the sources:"]
        shown_all: list[Shown] = []
        headline: list[Shown] = []
        for career in careers:
            facts = self.facts(career, topic)
            owner = career
            if not facts:
                facts, parent = self.inherited(career, topic)
                if parent is None:
                    lines.append(f"{self.name(career)}: the sources give no {topic.label}.")
                    continue
                owner = parent
            ordered = self.order(facts, query, topic.name)[:MAX_PER_CAREER]
            shown = [self.show(career, f, query, owner=owner) for f in ordered]
            inherited = owner != career
            lines.append(f"{self.name(career)}:" + (f" (none of their own; {said_of(self.kb, owner)})" if inherited else ""))
            lines += ["  " + self.line(s, said_of_parent=inherited) for s in shown]
            shown_all += shown
            if shown and not inherited:
                headline.append(shown[0])
        years = self._years_note(headline) if topic.name.startswith("pay") else ""
        if years:
            lines.append(years)
        kind = "comparison" if shown_all else "not_covered"
        return Answer(kind=kind, text="\n".join(lines), query=query, shown=shown_all,
                      citations=[self.citation(s) for s in shown_all])

    # ------------------------------------------------------------------------------------------- last resort

    def _passages(self, query: Query, career: str | None, words: list[str] | None = None,
                  label: bool = True, coverage: float = PASSAGE_COVERAGE) -> Answer | None:
        asked = " ".join(words) if words else " ".join(query.words)
        if not words and len(set(query.words)) < MIN_PASSAGE_WORDS:
            return None
        found = content_passages(self.kb, asked, limit=2, coverage=coverage) if asked else []
        if career is not None and career != self.vocab.default_career:
            from rules.names import find_careers

            found = [p for p in found if career in find_careers(self.kb, p.text)]
        if not found:
            return None
        wanted = terms(asked)
        pairs = [(p, excerpt(p.text, words=wanted)) for p in found]
        head = ("I have no fact that answers this, but this passage from my sources may help "
                "(a passage, not a checked answer):" if label else "From my sources:")
        lines = [head] + [f"• “{shown}” — {p.title}, line {p.line}" for p, shown in pairs]
        citations = [Citation(source=p.source, title=p.title, line=p.line, quote=p.text, year=None) for p, _ in pairs]
        return Answer(kind="passage", text="\n".join(lines), query=query, passages=pairs, citations=citations)

    def _passage_or_nothing(self, query: Query) -> Answer:
        if query.topic is None and query.careers and query.operation not in {"define"}:
            pass
        found = self._passages(query, query.careers[0] if query.careers else None)
        if found is not None:
            return found
        return Answer(kind="not_covered", text=f"My sources don't cover that, so I won't guess. {self._scope()}",
                      query=query)

    def _scope(self) -> str:
        """What the product can answer, for a question outside it."""
        return (f"I answer questions about these careers: {self._names()} — their pay, training, exams, "
                "outlook, daily work and more. Try 'help' to see what I can answer.")

    def _clarify(self, query: Query) -> Answer:
        if query.clarify == "career" and query.ambiguous:
            names = " or ".join(self.plural(c) for c in query.ambiguous)
            text = f"Which do you mean: {names}? Name it and ask again, e.g. “how much do {self.plural(query.ambiguous[-1])} make?”"
        elif query.operation == "compare":
            text = (f"Which career? Name two to compare, e.g. “compare coder and registrar” or “which pays more, "
                    f"LPN or medical assistant?” I know: {self._names()}.")
        else:
            text = f"Which career? I know: {self._names()}. For example: “tell me about cancer registrars”."
        return Answer(kind="clarify", text=text, query=query)

    def _names(self) -> str:
        return ", ".join(c.name for c in self.kb.careers.values())


# ----------------------------------------------------------------------------------------------- rankers

def _headline_key(fact: FactBase) -> tuple:
    """Headline figures first: a plain median before a mean, before industry or level figures; newest first."""
    statistic = getattr(fact, "statistic", None)
    figure = fact.kind in FIGURE_KINDS
    return (getattr(fact, "industry", None) is not None, getattr(fact, "level", None) is not None,
            {"median": 0, "mean": 1}.get(statistic, 2) if statistic else 0,
            getattr(fact, "per", "year") != "year", getattr(fact, "projected", False),
            figure and fact.year is None, -(fact.year or 0) if figure else 0)


_HOW_MUCH = re.compile(r"\bhow\s+(long|much|many)\b", re.I)
"""A question that asks for an amount: the facts that state one come first."""
FIGURE_KINDS = frozenset({"pay", "growth", "employment", "openings"})
"""Kinds whose newest figure leads; other kinds keep the knowledge base's own order (most general first)."""


PRO_WORDS = frozenset(terms("pros advantages upsides positives good best plus"))
CON_WORDS = frozenset(terms("cons disadvantages downsides drawbacks negatives bad worst minuses"))
"""Stems that ask for one side only ("cons of being a technician"); both or neither ask for both."""
SIDE_WORDS = {"pro": "pros", "con": "cons"}
NEEDING = frozenset(terms("need needs needed require required requires requirement must mandatory necessary have"))
"""Words that ask whether a credential is required."""


_COMMON = frozenset(terms("medical health record records patient patients information data software system "
                          "systems skill skills work good strong understanding knowledge basic use using"))
"""Words too common in these careers' facts to say that two facts say the same thing."""


def _salient(fact: FactBase) -> frozenset[str]:
    """What a fact says, to tell repeats: its level where it has one ("none" patient contact), else the words of
    its summary up to a colon ("Detail oriented: accurate …")."""
    level = getattr(fact, "level", None)
    if isinstance(level, str):
        return frozenset({f"level:{level}"})
    named = re.sub(r"\([^)]*\)", " ", fact.summary().split(":")[0])  # "(to enter a program)" qualifies, says nothing
    return frozenset(terms(named)) - _COMMON


def _agreement(facts: list[FactBase]) -> dict[int, int]:
    """For facts that are not figures: how many other sources state a fact of the same kind sharing a salient
    word ("Attention to detail" and "Detail oriented")."""
    agreed: dict[int, int] = {}
    for fact in facts:
        if fact.kind in FIGURE_KINDS:
            continue
        mine = _salient(fact)
        agreed[id(fact)] = len({other.source for other in facts if other.source != fact.source
                                and other.kind == fact.kind and mine & _salient(other)})
    return agreed


def _spread(ordered: list[FactBase], agreed: dict[int, int], tier: Callable[[FactBase], tuple]) -> list[FactBase]:
    """Facts that are not figures, taken source by source in turn within each tier (equally relevant facts of one
    kind), each source's next fact that says something not said yet; the repeats after the rest."""
    if any(id(f) not in agreed for f in ordered):
        return ordered
    kept: list[FactBase] = []
    later: list[FactBase] = []
    seen: set[str] = set()
    tiers: dict[tuple, dict[str, list[FactBase]]] = {}
    for fact in ordered:
        tiers.setdefault(tier(fact), {}).setdefault(fact.source, []).append(fact)
    for queues in tiers.values():
        while any(queues.values()):
            for source, queue in queues.items():
                while queue:
                    fact = queue.pop(0)
                    words = _salient(fact)
                    if words & seen:
                        later.append(fact)
                        continue
                    kept.append(fact)
                    seen |= words
                    break
    return kept + later


def _same_quote(facts: list[FactBase]) -> list[list[FactBase]]:
    """Facts grouped by the words they quote (a list of four school subjects from one sentence), in order."""
    groups: dict[tuple[str, str, int | None], list[FactBase]] = {}
    for fact in facts:
        groups.setdefault((fact.source, " ".join(fact.quote.split()), fact.year), []).append(fact)
    return list(groups.values())


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _figure(fact: FactBase) -> str:
    amount = getattr(fact, "amount", None)
    if amount is not None:
        return f"${amount:,}"
    return fact.summary()


def _rank_pay(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    plain = [f for f in facts if getattr(f, "industry", None) is None and getattr(f, "level", None) is None
             and getattr(f, "statistic", "") in {"median", "mean"}]
    if not plain:
        return None
    best = sorted(plain, key=_headline_key)[0]
    return float(best.amount), best  # type: ignore[attr-defined]


def _rank_months(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    timed = [(f.months_min if f.months_min is not None else f.months_max, f) for f in facts  # type: ignore[attr-defined]
             if getattr(f, "months_min", None) is not None or getattr(f, "months_max", None) is not None]
    return min(timed, key=lambda item: item[0]) if timed else None


def _rank_cost(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    costed = [(f.cost_min, f) for f in facts if getattr(f, "cost_min", None) is not None]  # type: ignore[attr-defined]
    return min(costed, key=lambda item: item[0]) if costed else None


def _rank_growth(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    dated = [f for f in facts if f.kind == "growth"]
    if not dated:
        return None
    best = sorted(dated, key=lambda f: (f.year is None, -(f.year or 0)))[0]
    return float(best.percent), best  # type: ignore[attr-defined]


def _rank_openings(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    found = [f for f in facts if f.kind == "openings"]
    if not found:
        return None
    best = sorted(found, key=lambda f: (getattr(f, "per", "") != "year", f.year is None, -(f.year or 0)))[0]
    return float(best.count), best  # type: ignore[attr-defined]


def _rank_jobs(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    found = [f for f in facts if f.kind == "employment" and not getattr(f, "projected", False)]
    if not found:
        return None
    best = sorted(found, key=lambda f: (f.year is None, -(f.year or 0)))[0]
    return float(best.jobs), best  # type: ignore[attr-defined]


def _rank_level(facts: list[FactBase]) -> tuple[float, FactBase] | None:
    levelled = [(LEVELS.get(getattr(f, "level", ""), -1), f) for f in facts if hasattr(f, "level")]
    levelled = [item for item in levelled if item[0] >= 0]
    if not levelled:
        return None
    counts: dict[float, int] = {}
    for value, _f in levelled:
        counts[value] = counts.get(value, 0) + 1
    common = max(counts, key=lambda v: (counts[v], -v))
    return common, next(f for v, f in levelled if v == common)


RANKERS: dict[str, Callable[[list[FactBase]], tuple[float, FactBase] | None]] = {
    "pay": _rank_pay, "training_months": _rank_months, "training_cost": _rank_cost, "growth": _rank_growth,
    "openings": _rank_openings, "jobs": _rank_jobs, "level": _rank_level,
}
"""How a career's facts on a topic become the one figure it is ranked by (the vocabulary's `rank`)."""


_PERIOD = re.compile(r"\b(?:(hourly|an hour|per hour|a hr|per hr|/hr)|(monthly|a month|per month|/mo)|"
                     r"(weekly|a week|per week|biweekly|paycheck))\b", re.I)
_PERIOD_WORDS = ("hourly", "monthly", "weekly")


def _period_note(query: Query, topic: Topic) -> str:
    """Pay asked by the hour, month or week: the sources give yearly figures only, and say so first rather than
    divide a yearly median into a figure no source states."""
    if topic.name != "pay" and topic.entry.within != "pay":
        return ""
    found = _PERIOD.search(query.text)
    if found is None:
        return ""
    period = next(word for word, group in zip(_PERIOD_WORDS, found.groups()) if group)
    return f"The sources give pay as yearly figures, not {period} ones; here are the yearly figures."


DIFFICULTY = frozenset({"hard", "harder", "hardest", "difficult", "difficulty", "easy", "easier", "tough", "tricky"})
"""Words asking how hard something is, which no source measures."""


_TRAINING_TOPICS = frozenset({"training", "science", "subject", "requirement", "online_study"})


def _unmeasured(topic: str, words: set[str]) -> str:
    """Said first when the student asks how hard an exam or the training is, which no source measures ("is the
    RHIT exam hard?" was answered "Yes, the sources name an exam"; "is it hard?" at the exam question is about
    the exam)."""
    if topic == "internship" and words & {"paid", "pay", "paying", "unpaid", "money", "salary"}:
        return "The sources don't say whether internships are paid; here is what they say about them."
    if not words & DIFFICULTY:
        return ""
    if topic == "credential":
        return "The sources don't say how hard the exam is; here is what they say about it."
    if topic in _TRAINING_TOPICS:
        return "The sources don't say how hard the training is; here is what they say about it."
    return ""


def _yes_no_lead(topic: str, facts: list[FactBase], words: set[str]) -> str:
    """A short yes/no before the facts, where the typed facts decide it; else nothing."""
    if topic == "credential" and words & {"exam", "test"}:
        if any(getattr(f, "exam", None) for f in facts):
            return "Yes, the sources name an exam."
        return ""
    if topic == "patient_contact":
        levels = {getattr(f, "level", None) for f in facts}
        said = LEVEL_WORDS["patient_contact"]
        if levels == {"none"}:
            return f"{said['none'].capitalize()}, the sources say."
        if levels == {"lots"}:
            return f"Yes — {said['lots']}."
        if levels <= {"none", "some"} and "some" in levels:
            return f"Mostly not: {said['some']}{' in some descriptions' if 'none' in levels else ''}."
    if topic == "remote_work":
        levels = {getattr(f, "level", None) for f in facts}
        if levels == {"none"}:
            return "No, not from what the sources say."
        if levels & {"some", "growing"}:
            return "Sometimes — some roles allow it, mostly on site."
    if topic == "credential" and words & NEEDING:  # "do I need …?", not "can I sit for … without …?"
        statuses = {getattr(f, "status", None) for f in facts}
        if "required" in statuses:
            return "Yes."
        if "required_some" in statuses:
            return "In some states or workplaces, yes."
        if "preferred" in statuses:
            return "Not always required, but employers prefer it."
        if statuses == {"optional"}:
            return "It's optional."
    if topic == "schedule":
        hours = {getattr(f, "hours", None) for f in facts}
        said = LEVEL_WORDS["schedule"]
        if hours == {"standard_daytime", "irregular"}:
            return f"Usually {said['standard_daytime']}, though some sources say {said['irregular']}."
        if hours == {"standard_daytime"}:
            return f"Mostly {said['standard_daytime']}."
        if hours == {"irregular"}:
            return f"{said['irregular'].capitalize()}, the sources say."
    return ""
