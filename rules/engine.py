"""The explaining rule engine: answers + knowledge -> every career ranked, with reasons and their citations.

Each rule reads an attribute or a quantity from a career's cited facts once, at start-up (a specialisation
with no facts of a kind uses its parent's, labelled as the parent's); answering is then a table lookup per
rule and career.

Belief and evidence are kept apart. A career's *fit* (its score, 0-100) is the weighted share of agreement
over the answered questions the sources can judge for it, starting from neutral: as with certainty factors,
belief starts at neither-nor and only evidence moves it, so the fit counts rules.toml's `neutral_answers`
answers of average weight as judged neutral. One light answer that fits therefore shows less belief than
several that fit nearly as well, while an answer the sources cannot judge still counts neither way — unknown
is not half a mismatch. Its *evidence* is how many answers could be judged. Careers are ranked by fit; within
a near-tie evidence decides (then rules.toml's tie_order), and a near-tie is reported with the answer that
separates the two. Because whether a rule can judge a career never depends on the answer, the weight a career
is judged on is fixed once the questions are, which is what lets `stability` prove exactly whether any
remaining answers could still change the top pick.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.base import KnowledgeBase
from knowledge.inheritance import inherited_facts, labelled, relation_citations
from knowledge.levels import EXAM_LEVELS, exam_level, science_level, science_phrase
from knowledge.models import Citation, CredentialFact, FactBase, PayFact, ScienceFact, TrainingFact
from knowledge.wording import plural
from rules.models import AnswerValue, Answers, Caveat, NearTie, Reason, Recommendation, Result
from rules.rulebook import Rule, Rulebook

EPSILON = 1e-9
SENTINEL = "\x00answer-1\x00"
OTHER = "\x00answer-2\x00"
STRONG = 0.25
"""Agreement above this is a reason for, below its negative a reason against, between them neutral."""
PAY_YEARS_APART = 3
"""Pay figures of compared careers more than this many years apart get a caveat."""
NEUTRAL_FIT = 0.5
"""The fit shown for a career none of whose answers the sources can judge (its evidence is then 0)."""
PAY_DISPUTE = "median pay"
"""The topic of the caveat that lists disagreeing headline medians (`Caveat.disputed`)."""


@dataclass(frozen=True)
class Observation:
    """What a rule reads from one career's facts: attribute values or a quantity, and the facts behind it.

    `inherited_from` is the parent career whose facts these are, when the career has none of its own of that
    kind and the kind passes down (knowledge/inheritance.py); citations are then made against the parent."""

    values: tuple[str, ...] = ()
    quantity: int | None = None
    facts: tuple[FactBase, ...] = ()
    spread: str = ""
    inherited_from: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.values) or self.quantity is not None


@dataclass(frozen=True, slots=True)
class Tally:
    """Answers summed per career: credit (numerator of the fit), judged weight (its denominator), how many
    answers could be judged, and the fits they make (`Engine.fit`)."""

    credit: dict[str, float]
    weight: dict[str, float]
    judged: dict[str, int]
    answered: int
    fits: dict[str, float]


def points(value: float) -> str:
    """12.5 -> '12.5 points', 1.0 -> '1 point', 0.03 -> 'under 0.1 points' (absolute value, at most one
    decimal; a difference too small to show is never called 0)."""
    shown = f"{abs(value):.1f}".rstrip("0").rstrip(".")
    if shown == "0" and abs(value) > EPSILON:
        return "under 0.1 points"
    return f"{shown} point{'' if shown == '1' else 's'}"


def headline_medians(kb: KnowledgeBase, career: str) -> list[PayFact]:
    """A career's own plain median pay figures (no industry or experience level), most recent first, undated
    last."""
    return _medians(kb.facts(career, "pay"))


def _medians(facts: list[FactBase]) -> list[PayFact]:
    medians = [f for f in facts
               if isinstance(f, PayFact) and f.statistic == "median" and not f.industry and not f.level]
    return sorted(medians, key=lambda f: (f.year is None, -(f.year or 0)))


def pay_spread(kb: KnowledgeBase, career: str) -> str:
    """Every disagreeing headline median with its year and source, lowest first; empty when they agree."""
    return _spread(kb, headline_medians(kb, career))


def with_spread(text: str, spread: str) -> str:
    """A sentence followed by the disagreeing figures it rests on, when there are any."""
    return f"{text} The sources disagree: {spread}." if spread else text


def _spread(kb: KnowledgeBase, medians: list[PayFact]) -> str:
    if len({f.amount for f in medians}) < 2:
        return ""
    ordered = sorted(medians, key=lambda f: f.amount)
    return ", ".join(f"${f.amount:,} ({f.year or 'undated'}, {kb.sources[f.source].title})" for f in ordered)


def _observe(kb: KnowledgeBase, rule: Rule, career: str, rulebook: Rulebook) -> Observation:
    if rule.kind == "threshold":
        if rule.quantity == "latest_median_pay":
            facts, parent = inherited_facts(kb, career, "pay")
            medians = _medians(facts)
            if not medians:
                return Observation()
            return Observation(quantity=medians[0].amount, facts=(medians[0],), spread=_spread(kb, medians),
                               inherited_from=parent)
        facts, parent = inherited_facts(kb, career, "training")
        routes = [f for f in facts if isinstance(f, TrainingFact) and f.typical
                  and (f.months_min is not None or f.months_max is not None)]
        if not routes:
            return Observation()
        quickest = min(routes, key=lambda f: f.months_min if f.months_min is not None else f.months_max)
        months = quickest.months_min if quickest.months_min is not None else quickest.months_max
        return Observation(quantity=months, facts=(quickest,), inherited_from=parent)
    cited = rule.cite.get(career)
    if rule.attribute == "career":
        if cited:
            return Observation(values=(career,), facts=tuple(kb.fact(career, f) for f in cited))
        duties, parent = inherited_facts(kb, career, "duty")
        return Observation(values=(career,), facts=tuple(duties[:2]), inherited_from=parent)
    if rule.attribute == "exam":
        credentials, parent = inherited_facts(kb, career, "credential")
        credentials = [f for f in credentials if isinstance(f, CredentialFact)]
        if not credentials:
            return Observation()
        graded = sorted(((exam_level(f), f) for f in credentials), key=lambda pair: EXAM_LEVELS.index(pair[0]))
        strictest = graded[0][0]
        return Observation(values=(strictest,), facts=tuple(f for grade, f in graded if grade == strictest)[:2],
                           inherited_from=parent)
    facts, parent = inherited_facts(kb, career, rule.attribute or "")
    if not facts:
        return Observation()
    field_name = rulebook.level_field(rule.attribute)
    read = [(f, _level(kb, f, field_name)) for f in facts]
    read = [(f, value) for f, value in read if value is not None]
    if not read:
        return Observation()
    return Observation(values=tuple(value for _, value in read), facts=tuple(f for f, _ in read),
                       inherited_from=parent)


def _level(kb: KnowledgeBase, fact: FactBase, field_name: str) -> str | None:
    """A fact's level. A science comparison ('more science classes' than technicians) has no level of its own:
    it ranks one step above the compared career's (knowledge.levels), and is said as a comparison."""
    if isinstance(fact, ScienceFact) and fact.level is None:
        return science_level(kb, fact)
    return getattr(fact, field_name)


class Engine:
    """Ranks careers for a set of answers and explains every step."""

    def __init__(self, kb: KnowledgeBase, rulebook: Rulebook, texts: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.texts: dict[str, str] = texts or {}
        self.rulebook = rulebook
        self.questions = rulebook.questions
        self._tie = {career: index for index, career in enumerate(rulebook.tie_order)}
        self.careers = sorted(kb.careers, key=self._tie_index)
        self.observations = {(r.id, c): _observe(kb, r, c, rulebook)
                              for r in rulebook.rules for c in self.careers}
        self._judged_weight: dict[str, dict[str, float]] = {}
        for question in self.questions:
            weights = dict.fromkeys(self.careers, 0.0)
            for rule in rulebook.rules_for(question.id):
                for career in self.careers:
                    if self.observations[(rule.id, career)].known:
                        weights[career] += rule.weight
            self._judged_weight[question.id] = weights
        self.neutral_weight = rulebook.neutral_answers * sum(r.weight for r in rulebook.rules) / max(
            1, len(self.questions))
        """The judged weight the fit starts with at neutral: `neutral_answers` answers of average weight."""
        self._gain_cache: dict[tuple[str, AnswerValue], dict[str, float]] = {}
        self._agreement_cache: dict[tuple[str, AnswerValue], dict[str, float | None]] = {}

    # --- scoring -------------------------------------------------------------------------------------

    def _tie_index(self, career: str) -> int:
        return self._tie.get(career, len(self._tie))

    def agreement(self, rule: Rule, career: str, value: AnswerValue) -> float | None:
        """How well the career fits this answer under this rule, in [-1, 1]; None when the sources are silent."""
        seen = self.observations[(rule.id, career)]
        if not seen.known:
            return None
        if rule.kind == "threshold":
            assert seen.quantity is not None
            answer = int(value)
            fits = seen.quantity <= answer if rule.satisfied_when == "quantity_at_most_answer" \
                else seen.quantity >= answer
            return 1.0 if fits else -1.0
        row = rule.agreement.get(str(value), {})
        marks = [row.get(v, rule.default) for v in seen.values]
        return sum(marks) / len(marks)

    def agreements(self, rule: Rule, value: AnswerValue) -> dict[str, float | None]:
        """`agreement` for every career at once, cached per rule and answer."""
        key = (rule.id, value)
        cached = self._agreement_cache.get(key)
        if cached is None:
            cached = {career: self.agreement(rule, career, value) for career in self.careers}
            if len(self._agreement_cache) < 10_000:
                self._agreement_cache[key] = cached
        return cached

    def gain(self, question: str, value: AnswerValue, career: str) -> float:
        """One career's weighted credit for one answer, over the rules that can judge it (uncached)."""
        total = 0.0
        for rule in self.rulebook.rules_for(question):
            a = self.agreement(rule, career, value)
            if a is not None:
                total += rule.weight * (a + 1) / 2
        return total

    def gains(self, question: str, value: AnswerValue) -> dict[str, float]:
        """Each career's weighted credit for one answer: the sum, over the question's rules that can judge the
        career, of weight*(agreement+1)/2. A rule that cannot judge adds nothing here and nothing to
        `judged_weight`: it counts neither way."""
        key = (question, value)
        cached = self._gain_cache.get(key)
        if cached is None:
            cached = dict.fromkeys(self.careers, 0.0)
            for rule in self.rulebook.rules_for(question):
                for career, a in self.agreements(rule, value).items():
                    if a is not None:
                        cached[career] += rule.weight * (a + 1) / 2
            if len(self._gain_cache) < 10_000:
                self._gain_cache[key] = cached
        return cached

    def judged_weight(self, question: str) -> dict[str, float]:
        """Per career, the weight of this question's rules the sources can judge it by (0: not judged).
        It does not depend on the answer, only on which facts exist."""
        return self._judged_weight[question]

    def totals(self, answers: Answers) -> Tally:
        """Every career's credit, judged weight and evidence over the answered questions."""
        credit = dict.fromkeys(self.careers, 0.0)
        weight = dict.fromkeys(self.careers, 0.0)
        judged = dict.fromkeys(self.careers, 0)
        for question, value in answers.items():
            for career, gain in self.gains(question, value).items():
                credit[career] += gain
            for career, w in self._judged_weight[question].items():
                if w > 0:
                    weight[career] += w
                    judged[career] += 1
        return self._tally(credit, weight, judged, len(answers))

    def plus(self, tally: Tally, question: str, value: AnswerValue) -> Tally:
        """The tally with one more answer (to a question not yet in it), without summing the others again."""
        weights = self._judged_weight[question]
        return self._tally({c: credit + self.gains(question, value)[c] for c, credit in tally.credit.items()},
                           {c: w + weights[c] for c, w in tally.weight.items()},
                           {c: n + (weights[c] > 0) for c, n in tally.judged.items()}, tally.answered + 1)

    def _tally(self, credit: dict[str, float], weight: dict[str, float], judged: dict[str, int],
               answered: int) -> Tally:
        return Tally(credit, weight, judged, answered, {c: self.fit(credit[c], w) for c, w in weight.items()})

    def fit(self, credit: float, weight: float) -> float:
        """A career's fit, 0-1, from the credit and the weight of the answers the sources can judge for it: the
        share of agreement, starting from neutral with `neutral_weight` (NEUTRAL_FIT when nothing is judged
        and nothing starts it). Linear in the credit for a given judged weight, as `stability` relies on."""
        start = self.neutral_weight
        total = weight + start
        return (credit + start * NEUTRAL_FIT) / total if total > EPSILON else NEUTRAL_FIT

    def evidence_bonus(self, judged: int, answered: int) -> float:
        """How much evidence may move a career in the ranking: at most `near_tie_points` (as a fit fraction),
        in proportion to the share of answers the sources could judge for it. So evidence only ever reorders
        careers whose fits are within that many points — a near-tie — and the result then says so."""
        return self.rulebook.near_tie_points / 100 * judged / answered if answered else 0.0

    def rank_key(self, tally: Tally):
        """Sort key for careers, best first: a career none of whose answers the sources can judge comes after
        every career they can judge (it has no fit to speak of, only the neutral 50 shown); then fit, where
        within a near-tie the career judged on more answers goes first (see `evidence_bonus`; `near_tie` says
        so); exact ties then go to rules.toml's tie_order."""
        tie, fits, judged, answered = self._tie, tally.fits, tally.judged, tally.answered
        bonus = self.evidence_bonus
        default = len(tie)
        return lambda c: (answered > 0 and judged[c] == 0, -round(fits[c] + bonus(judged[c], answered), 9),
                          -judged[c], tie.get(c, default))

    def order(self, tally: Tally) -> list[str]:
        """Careers best first."""
        return sorted(self.careers, key=self.rank_key(tally))

    def leader(self, tally: Tally) -> str:
        """The best career (the first of `order`, without sorting them all)."""
        return min(self.careers, key=self.rank_key(tally))

    def scores(self, answers: Answers, tally: Tally | None = None) -> dict[str, int]:
        """Every career's fit, 0-100."""
        tally = tally if tally is not None else self.totals(answers)
        return {c: max(0, min(100, round(100 * tally.fits[c]))) for c in self.careers}

    def top(self, answers: Answers) -> str:
        return self.leader(self.totals(answers))

    def near_tie(self, answers: Answers, tally: Tally, order: list[str]) -> NearTie | None:
        """The top two when they are within `near_tie_points` of each other, with the answered question that
        accounts for most of the gap (by leaving it out for both), and a sentence saying so."""
        if len(order) < 2 or not answers:
            return None
        leader, runner = order[0], order[1]
        gap = 100 * (tally.fits[leader] - tally.fits[runner])
        band = self.rulebook.near_tie_points
        if gap > band + EPSILON:
            return None
        names = {c: self.kb.careers[c].name for c in (leader, runner)}
        evidence = (f"the sources could judge {tally.judged[leader]} of your answers for it against "
                    f"{tally.judged[runner]}")
        if gap < -EPSILON or (gap <= EPSILON and tally.judged[leader] != tally.judged[runner]):
            if gap <= EPSILON and gap >= -EPSILON:
                sentence = (f"{names[leader]} and {names[runner].lower()} fit your answers equally well "
                            f"({round(100 * tally.fits[leader])}); {names[leader].lower()} is listed first "
                            f"because {evidence}.")
            else:
                sentence = (f"{names[leader]} is listed first although it fits {points(-gap)} less than "
                            f"{names[runner].lower()}, because {evidence}: within {points(band)} the career "
                            f"the sources can say more about goes first.")
            return NearTie(leader, runner, round(gap, 1), None, True, sentence)
        if gap <= EPSILON:
            sentence = (f"{names[leader]} and {names[runner].lower()} fit your answers equally well "
                        f"({round(100 * tally.fits[leader])}) on the same number of answers; nothing you have "
                        f"answered separates them, so they are listed in a fixed order.")
            return NearTie(leader, runner, 0.0, None, False, sentence)
        best, best_drop = None, 0.0
        for question in (q.id for q in self.questions if q.id in answers):
            rest = {q: v for q, v in answers.items() if q != question}
            without = self.totals(rest)
            drop = gap - 100 * (without.fits[leader] - without.fits[runner])
            if drop > best_drop + EPSILON:
                best, best_drop = question, drop
        lead = f"{names[leader]} leads {names[runner].lower()} by only {points(gap)}"
        if best is None:
            return NearTie(leader, runner, round(gap, 1), None, False, lead + ".")
        short = self.rulebook.question(best).short
        if gap - best_drop <= EPSILON:
            sentence = f"{lead}: if {short} matters less to you, {names[runner].lower()} fits as well."
        else:
            sentence = f"{lead}; most of the gap comes from your answer on {short}."
        return NearTie(leader, runner, round(gap, 1), best, False, sentence)

    # --- explaining ----------------------------------------------------------------------------------

    def citations(self, career: str, facts: tuple[FactBase, ...]) -> list[Citation]:
        return [self.kb.citation(career, f) for f in facts]

    def _template_for(self, rule: Rule, career: str, value: AnswerValue) -> tuple[str, str, float | None]:
        a = self.agreements(rule, value)[career]
        if a is None:
            return "neutral", "unknown_text", a
        if a > STRONG:
            return "for", "for_text", a
        if a < -STRONG:
            return "against", "against_text", a
        return "neutral", "neutral_text", a

    def _variables(self, rule: Rule, career: str, value: AnswerValue, answer: str) -> dict[str, object]:
        seen = self.observations[(rule.id, career)]
        name = self.kb.careers[seen.inherited_from or career].name
        phrases = self.rulebook.phrases(rule.attribute)
        said = [phrases.get(v, v) for v in seen.values]
        if rule.attribute == "science":  # a comparison is said as one, never as the level it ranks at
            said = [science_phrase(self.kb, f) or phrase if isinstance(f, ScienceFact) else phrase
                    for f, phrase in zip(seen.facts, said)]
        distinct = list(dict.fromkeys(said))
        levels = distinct[0] if distinct else ""
        if len(distinct) > 1:
            levels += " (though another source says: " + "; ".join(distinct[1:]) + ")"
        first = seen.facts[0] if seen.facts else None
        return dict(career=name, careers=plural(name), answer=answer,
                    value=seen.quantity if rule.kind == "threshold" and seen.quantity is not None else value,
                    levels=levels, fact=first.summary() if first else "",
                    year=(first.year if first else None) or "undated")

    def reason_text(self, rule: Rule, career: str, value: AnswerValue, template: str) -> str:
        """The reason in words: from the precomputed texts when possible, else rendered by jinja2."""
        answer = self.rulebook.question(rule.question).label(value)
        if rule.kind == "threshold":
            known = self.texts.get(f"{rule.id}|{career}|{template}")
            if known is not None:
                return known.replace(SENTINEL, answer)
        else:
            known = self.texts.get(f"{rule.id}|{career}|{template}|{value}")
            if known is not None:
                return known
        return self.rulebook.render(rule.id, template, **self._variables(rule, career, value, answer))

    def reason(self, rule: Rule, career: str, value: AnswerValue) -> Reason:
        """One rule's effect on one career, in plain words with its citations."""
        direction, template, a = self._template_for(rule, career, value)
        seen = self.observations[(rule.id, career)]
        statement = self.reason_text(rule, career, value, template)
        spread = seen.spread
        text = with_spread(statement, spread)
        parent = seen.inherited_from
        citations = self.citations(parent or career, seen.facts)
        if parent is not None:
            text = labelled(self.kb, parent, text, career)
            citations += relation_citations(self.kb, career)
        return Reason(question=rule.question, direction=direction, text=text, rule=rule.id,
                      points=round(rule.weight * (a or 0.0), 3), citations=citations, judged=a is not None,
                      inherited_from=parent, statement=statement, spread=spread)

    def precompute_texts(self) -> dict[str, str]:
        """Every reason text that does not depend on a free number, and sentinel forms of those that do.

        A threshold text is kept in sentinel form only if rendering it with two different answers gives the
        same text once the answers are put back, i.e. the template only interpolates the answer.
        """
        texts: dict[str, str] = {}
        for rule in self.rulebook.rules:
            question = self.rulebook.question(rule.question)
            for career in self.careers:
                if rule.kind == "threshold":
                    for template in ("for_text", "against_text", "unknown_text"):
                        first = self.rulebook.render(rule.id, template, **self._variables(rule, career, 0, SENTINEL))
                        second = self.rulebook.render(rule.id, template, **self._variables(rule, career, 0, OTHER))
                        if first.replace(SENTINEL, "|") == second.replace(OTHER, "|"):
                            texts[f"{rule.id}|{career}|{template}"] = first
                    continue
                for option in question.options:
                    _, template, _ = self._template_for(rule, career, option.value)
                    texts[f"{rule.id}|{career}|{template}|{option.value}"] = self.rulebook.render(
                        rule.id, template, **self._variables(rule, career, option.value, option.label))
        return texts

    def reasons(self, career: str, answers: Answers) -> list[Reason]:
        """HOW: the trace of every rule that fired for this career, in question order."""
        found = []
        for question in self.questions:
            if question.id in answers:
                found += [self.reason(r, career, answers[question.id]) for r in self.rulebook.rules_for(question.id)]
        return found

    def mismatching(self, question: str, value: AnswerValue) -> frozenset[str]:
        """The careers that do not satisfy this answer (some rule's agreement at or below its mismatch_at)."""
        cache = self.__dict__.setdefault("_mismatch_cache", {})
        key = (question, value)
        found = cache.get(key)
        if found is None:
            careers: set[str] = set()
            for rule in self.rulebook.rules_for(question):
                careers.update(c for c, a in self.agreements(rule, value).items()
                               if a is not None and a <= rule.mismatch_at)
            found = frozenset(careers)
            if len(cache) < 10_000:
                cache[key] = found
        return found

    def mismatches(self, career: str, answers: Answers) -> list[str]:
        """The answered questions whose answer this career does not satisfy, judged from its cited facts."""
        return [q.id for q in self.questions if q.id in answers and career in self.mismatching(q.id, answers[q.id])]

    def caveats(self, career: str, answers: Answers) -> list[Caveat]:
        """What to keep in mind about this career's result: thin sources, pay figures years apart, and every
        version of a figure the sources disagree on."""
        found = []
        record = self.kb.careers[career]
        if record.thin:
            found.append(Caveat(record.thin_note or "The sources say little about this career."))
        spread = pay_spread(self.kb, career)
        if spread:
            found.append(Caveat(f"The sources disagree on {PAY_DISPUTE}: {spread}. The most recent figure is used.",
                                disputed=PAY_DISPUTE))
        if "pay_min" in answers:
            found += [Caveat(text) for text in self._pay_year_caveat(career)]
        for disagreement in self.kb.disagreements:
            if disagreement.career == career and disagreement.topic in {"schedule", "patient contact"}:
                facts = [self.kb.fact(career, f) for f in disagreement.facts]
                versions = dict.fromkeys(f"{f.summary()} ({self.kb.sources[f.source].title})" for f in facts)
                found.append(Caveat(f"The sources disagree on {disagreement.topic}: " + "; ".join(versions),
                                    disputed=disagreement.topic))
        return found

    def _pay_year_caveat(self, career: str) -> list[str]:
        """Pay is compared across careers by each one's most recent figure; say so when those are years apart."""
        latest = self.__dict__.setdefault("_latest_pay", {})
        if not latest:
            for other in self.careers:
                medians = headline_medians(self.kb, other)
                latest[other] = medians[0] if medians else None
            newest_year = max((fact.year for fact in latest.values() if fact and fact.year), default=None)
            self.__dict__["_newest_pay_year"] = newest_year
        newest = self.__dict__["_newest_pay_year"]
        fact = latest.get(career)
        name = plural(self.kb.careers[career].name)
        if fact is None or newest is None:
            return []
        if fact.year is None:
            return [f"The pay figure for {name} is undated in its source; other careers' figures date from as "
                    f"late as {newest}."]
        if newest - fact.year > PAY_YEARS_APART:
            return [f"The pay figure for {name} is from {fact.year}, {newest - fact.year} years older than the "
                    f"newest figure it is compared with ({newest}); wages change over time, so compare with care."]
        return []

    def recommend(self, answers: Answers, explain: int | None = None) -> Result:
        """Every career, best first, with its fit, evidence and mismatches; reasons and caveats for the first
        `explain` careers (all by default); and the near-tie between the top two, if any. Whether the result is
        settled and what to ask next are the conversation's to ask (`rules.stability.planned`)."""
        answers = {q.id: answers[q.id] for q in self.questions if q.id in answers}
        tally = self.totals(answers)
        scores = self.scores(answers, tally)
        misfits: dict[str, list[str]] = {}
        for question, value in answers.items():
            for career in self.mismatching(question, value):
                misfits.setdefault(career, []).append(question)
        names = {career: record.name for career, record in self.kb.careers.items()}
        order = self.order(tally)
        recommendations = []
        for rank, career in enumerate(order, start=1):
            explained = explain is None or rank <= explain
            recommendations.append(Recommendation(
                rank=rank, career=career, name=names[career], score=scores[career],
                mismatches=misfits.get(career, []),
                reasons=self.reasons(career, answers) if explained else [],
                caveats=self.caveats(career, answers) if explained else [],
                judged=tally.judged[career], answered=tally.answered))
        return Result(answers=answers, recommendations=recommendations,
                      near_tie=self.near_tie(answers, tally, order))
